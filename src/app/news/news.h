/*
 * news.h -- what the hub publishes: news items (kinds highlight, news and
 * story) staff write and publish, and the site's own pages (about,
 * partners, privacy, terms) staff edit.
 *
 * A news item has a title, a summary, a Markdown body (cmark, safe mode),
 * themes, a language, an optional image from the file store with its alt
 * text, a slug (its address: /news/{slug}), a visibility (public, or
 * members: members, focal points and staff) and a status (draft or
 * published).  A draft exists for staff only; a members' item is a 404 to
 * visitors and applicants, never a 403, so that nobody learns it exists.
 * A story may name organizations: it shows those that are approved, with
 * only what their privacy lets the reader see.
 *
 * A site page is Markdown, one per code and language (en, fr); a page not
 * written in the reader's language is shown in English, and a page never
 * written shows its default text (pages_default.c).  Every change is in
 * the audit log, which the staff's form shows as the page's history.
 */
#ifndef WS_NEWS_H
#define WS_NEWS_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

struct db;

/* The declared queries of the public list (kind, theme, page, per_page)
 * and of the staff's list and CSV (kind, status, page, per_page). */
extern const struct field news_q_list[];
extern const struct field news_q_staff[];

/* ---- reading (news.c) ---- */

/* GET /news: the published items the caller may see, newest first. */
enum ws_err h_news_list(struct req *r, struct resp *w);
/* GET /news/{slug}: one item (staff also see drafts). */
enum ws_err h_news_item(struct req *r, struct resp *w);
/* GET /news/{slug}/image: its image, for whoever may see the item. */
enum ws_err h_news_image(struct req *r, struct resp *w);
/* GET /news.atom: the public published items (Atom 1.0). */
enum ws_err h_news_atom(struct req *r, struct resp *w);

/* The home page's news for r: {highlights: [...], news: [...]}, the
 * newest published highlight(s) and the n newest other items r may see.
 * New reference; an empty object when the database fails. */
json_t *news_home(struct req *r, int n);

/* ---- writing (staff.c) ---- */

/* GET /staff/news (and its CSV): every item, filtered by kind and status. */
enum ws_err h_staff_news(struct req *r, struct resp *w);
enum ws_err h_staff_news_csv(struct req *r, struct resp *w);
/* GET /staff/news/new, POST /staff/news/new (POST /api/v1/news). */
enum ws_err h_news_new_form(struct req *r, struct resp *w);
enum ws_err h_news_create(struct req *r, struct resp *w);
/* GET /staff/news/{id}, POST /staff/news/{id} (PATCH /api/v1/news/{id}). */
enum ws_err h_news_edit_form(struct req *r, struct resp *w);
enum ws_err h_news_edit(struct req *r, struct resp *w);
/* POST /staff/news/{id}/publish, /unpublish, /delete (and the API's). */
enum ws_err h_news_publish(struct req *r, struct resp *w);
enum ws_err h_news_unpublish(struct req *r, struct resp *w);
enum ws_err h_news_delete(struct req *r, struct resp *w);

/* The items person uid wrote, for their export: [{id, slug, title,
 * status, created_at}].  New reference in *out. */
enum ws_err news_export_person(struct db *d, int64_t uid, json_t **out) WS_WUR;

/* ---- the site's pages (pages.c) ---- */

/* GET /about, /partners, /privacy, /terms: the page of the path's code
 * in r's language, else English, else its default text. */
enum ws_err h_site_page(struct req *r, struct resp *w);
/* GET /staff/pages: each page and language, when last changed. */
enum ws_err h_staff_pages(struct req *r, struct resp *w);
/* GET, POST /staff/pages/{code}/{lang}: the form, with the page's
 * history; saving is audited ("page.edited"). */
enum ws_err h_page_form(struct req *r, struct resp *w);
enum ws_err h_page_save(struct req *r, struct resp *w);

/* ---- demo data (seed.c) ---- */

/* `seed --demo`: a few items of each kind, a story naming the demo
 * member's organization; those whose slug exists are left as they are.
 * How many were added in *added. */
struct app;
enum ws_err news_seed_demo(struct app *app, struct db *d, int64_t staff_id, int64_t member_id,
    int *added) WS_WUR;

/* ---- the weekly digest (digest.c) ---- */

/* The items published in [since, now] that a reader sees: the public ones,
 * and the members' ones too when members is non-zero (members, focal
 * points, staff); never a draft; newest first, at most n: [{id, slug,
 * kind, title, published_at}].  New reference in *out. */
enum ws_err news_since(struct db *d, int members, int64_t since, int64_t now, int n,
    json_t **out) WS_WUR;

#endif
