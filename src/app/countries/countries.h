/*
 * countries.h -- the Review Mechanism's review cycle (issue 17) and the
 * pages of a country: /countries/{code} for approved members, focal
 * points and staff, and /country, a state focal point's view of their own.
 *
 * A review is one row per country under review (migration 31): its
 * cluster (a code of rev_clusters, from Resolution 9/1's four clusters,
 * each reviewed for the Convention and its Protocols), its year, the two
 * reviewing States (country codes, neither the country itself), its stage
 * (self_assessment, country_review, review_completed) and the day each
 * stage began.  Its government focal points are not stored with it: they
 * are the active users with role focal and that country, read each time.
 * Staff keep reviews current at /staff/reviews (a list with filters, a CSV
 * export, a form per country), through PUT /api/v1/reviews/{code}, and by
 * CSV import (the page's upload and `whatson import reviews FILE`), all
 * through one check (rev_check); an import is all or nothing.
 *
 * A country's page is built section by section, each a function of
 * country.c listed in its table of sections, in the order the page shows
 * them:
 *   country_section_review        the review's stage, dates, reviewing
 *                                 States and focal points;
 *   country_section_stakeholders  the approved organizations of the
 *                                 country as the viewer may see them
 *                                 (org_view at the viewer's level: a focal
 *                                 point sees the `members` level, never
 *                                 `nongovernmental`; an organization whose
 *                                 country is above the viewer's level is
 *                                 left out);
 *   country_section_meetings      the sessions its stakeholders' delegates
 *                                 were approved for: the organizations to
 *                                 members and focal points, the delegates'
 *                                 names to staff only.
 *   country_section_initiatives   the country's pilot initiatives, as
 *                                 initiatives_of_country gives them to the
 *                                 viewer (partners to members, focal points
 *                                 and staff);
 *   country_section_dialogues     the constructive dialogues its
 *                                 stakeholders took part in, as
 *                                 dialogues_of_country gives them.
 * Each adds its key to the page's value; /country and /countries/{code}
 * both show every section.
 */
#ifndef WS_COUNTRIES_H
#define WS_COUNTRIES_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "http/form.h"
#include "http/http.h"

struct app;
struct db;

/* A section of a country's page: adds its key to page (the page's value,
 * which holds "code" already) for r's caller.  The caller has checked that
 * they may see the country. */
typedef enum ws_err (*country_section_fn)(struct req *r, const char *code, json_t *page);

enum ws_err country_section_review(struct req *r, const char *code, json_t *page) WS_WUR;
enum ws_err country_section_stakeholders(struct req *r, const char *code, json_t *page)
    WS_WUR;
enum ws_err country_section_meetings(struct req *r, const char *code, json_t *page) WS_WUR;
enum ws_err country_section_initiatives(struct req *r, const char *code, json_t *page)
    WS_WUR;
enum ws_err country_section_dialogues(struct req *r, const char *code, json_t *page) WS_WUR;
/* The open opportunities for the country's government (the focal point's
 * own view only, /country): the dialogues still ahead that concern the
 * country and the meetings still ahead of its initiatives, soonest first,
 * as "opportunities": [{type (dialogue or initiative_meeting), id, title,
 * href, what, date (RFC 3339 in the reader's zone), under_review (a
 * dialogue's), initiative (a meeting's: {id, title, href})}]. */
enum ws_err country_section_opportunities(struct req *r, const char *code, json_t *page)
    WS_WUR;

/* The countries in the country-review stage of the review cycle: their
 * reviews, [{country, year}] by country (at most 300), whose stage is
 * country_review and, when year is not 0, whose year is year.  A new
 * dialogue's countries under review start as those of its session's year
 * (dialogues.h).  New reference in *out. */
enum ws_err countries_in_review(struct db *d, int64_t year, json_t **out) WS_WUR;

/* GET /countries/{code} (twin /api/v1/countries/{code}): members and staff
 * any country, a focal point only their own (403 for another); 404 for a
 * code that names no country. */
enum ws_err h_country(struct req *r, struct resp *w);
/* GET /country (twin /api/v1/country): a focal point's own country's page;
 * 404 when their account has no country. */
enum ws_err h_my_country(struct req *r, struct resp *w);

/* The query of GET /staff/reviews and /api/v1/reviews: stage, cluster,
 * year, page, per_page. */
extern const struct field rev_q_list[];
/* GET /staff/reviews and /api/v1/reviews (staff): the reviews under the
 * filters, the latest year first. */
enum ws_err h_reviews(struct req *r, struct resp *w);
/* GET /staff/reviews.csv (staff): the same as CSV, in the import's columns. */
enum ws_err h_reviews_csv(struct req *r, struct resp *w);
/* GET /api/v1/reviews/{code} (staff): one country's review; 404 when it
 * has none. */
enum ws_err h_review(struct req *r, struct resp *w);
/* PUT /api/v1/reviews/{code} (staff): the review written whole (201 when
 * new); 422 naming the field, a code that names no country included. */
enum ws_err h_review_put(struct req *r, struct resp *w);
/* GET and POST /staff/reviews/{code}: the form of a country's review. */
enum ws_err h_staff_review_form(struct req *r, struct resp *w);
enum ws_err h_staff_review_save(struct req *r, struct resp *w);
/* POST /staff/reviews/import: a CSV file, all or nothing; back to the list
 * saying how many, or the list with the errors by line and column. */
enum ws_err h_staff_reviews_import(struct req *r, struct resp *w);

/* The CSV import of reviews (import.c), for the page and `whatson import
 * reviews FILE`: the file's rows checked with rev_check, each error as
 * "line N, column C: why" appended to *errors (a new array), and written
 * in one transaction only when no row has an error.  *written: the rows
 * written.  WS_EINVAL when something was refused (nothing written). */
enum ws_err rev_import(struct app *app, struct db *d, const char *data, size_t len,
    int64_t by, const char *lang, int *written, json_t **errors) WS_WUR;

/* `whatson seed --demo`: reviews of a dozen countries in every stage,
 * made by staff_id; a country that has one already is left as it is.  How
 * many were added into *added. */
enum ws_err countries_seed_demo(struct app *app, struct db *d, int64_t staff_id, int *added)
    WS_WUR;

#endif
