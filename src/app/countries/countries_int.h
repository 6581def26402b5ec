/*
 * countries_int.h -- what the files of src/app/countries share: the store
 * (store.c), which alone reads and writes reviews, the one check of a
 * review (reviews.c) and how a review is shown.
 */
#ifndef WS_COUNTRIES_INT_H
#define WS_COUNTRIES_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/countries/countries.h"
#include "core/err.h"

struct db;
struct views;

/* The review clusters (Resolution 9/1, annex, the four clusters in which
 * the Convention and each Protocol are reviewed) and the stages: codes
 * and English names, NULL-ended. */
extern const char *const rev_clusters[];
extern const char *const rev_cluster_names[];
extern const char *const rev_stages[];
extern const char *const rev_stage_names[];

/* What a list of reviews is narrowed to: "" and 0 for any. */
struct rev_filter {
	const char *stage;
	const char *cluster;
	int64_t year;
};

/* Country code's review as stored ({country, cluster, year, reviewer_1,
 * reviewer_2, stage, self_assessment_date, country_review_date,
 * review_completed_date (text or null), updated_at (Unix seconds)});
 * WS_ENOTFOUND when it has none.  New reference in *out. */
enum ws_err rev_get(struct db *d, const char *code, json_t **out) WS_WUR;
/* A page of the reviews under f (rev_get's), the latest year first, and
 * how many in all. */
enum ws_err rev_list(struct db *d, const struct rev_filter *f, int64_t page, int per_page,
    json_t **items, int64_t *total) WS_WUR;
/* Writes checked values (rev_check's) as country code's review, by user
 * by: *created 1 when it had none. */
enum ws_err rev_put(struct db *d, const char *code, json_t *values, int64_t by, int *created)
    WS_WUR;
/* The active focal points of country code: [{id, name, email}] by name.
 * New reference in *out. */
enum ws_err rev_focals(struct db *d, const char *code, json_t **out) WS_WUR;

/*
 * The one check of a review for country code (the API's PUT, the staff
 * form, each row of an import): in's fields by their JSON names (cluster,
 * year, reviewer_1, reviewer_2, stage, self_assessment_date,
 * country_review_date, review_completed_date), strings or, for year, an
 * integer.  *values the checked values; *errors (NULL when none) a message
 * per field in lang.  New references.
 */
void rev_check(struct views *v, const char *lang, const char *code, json_t *in,
    json_t **values, json_t **errors);

/* Stored review s as shown ({country, country_name, cluster, cluster_name,
 * year, reviewer_1, reviewer_2, reviewing_states [{code, name}], stage,
 * stage_name, the three dates, focal_points, updated_at}), the focal
 * points' addresses to staff only.  New reference. */
json_t *rev_view(struct req *r, json_t *s, json_t *focals);

/* Whether s is a day YYYY-MM-DD that exists. */
int rev_date_ok(const char *s);

#endif
