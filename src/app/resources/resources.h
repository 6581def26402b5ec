/*
 * resources.h -- the knowledge-resources library (issue 13): toolkits,
 * guides, reports and training material that staff publish and members
 * contribute, each with its files (kept in the file store, src/files) or a
 * link, found by filters with counts and by the words inside its files.
 *
 * A resource is one row of `resources` with its lists (languages, themes,
 * countries, regions) also as rows of resource_terms, which filters and
 * counts read, and its files as rows of resource_files.  Who sees it is
 * decided in one place, the RES_VISIBLE condition of src/db/statements.c:
 * staff see every resource; everyone a published public one, and the
 * summary of a published "members" one (its files are for members, state
 * focal points and staff); members and staff a "nongovernmental" one;
 * staff a "staff" one; and the people who contributed a resource (the
 * expert who submitted it, the people of its organization) see it whatever
 * its status.  A resource a caller may not see is a 404, never a 403.
 *
 * The text of each file is extracted by a job (RES_TEXT_JOB) through
 * src/extract, and becomes searchable with the title, summary and authors.
 */
#ifndef WS_RESOURCES_H
#define WS_RESOURCES_H

#include "http/form.h"
#include "http/http.h"

/* The kind of the job that extracts a stored file's text; its payload is
 * {"resource": id, "n": n}. */
#define RES_TEXT_JOB "resource_text"

/* The query of GET /api/v1/resources: q, kind, theme, language, region,
 * country, year, status, sort, page, per_page. */
extern const struct field res_q_list[];

/* GET /api/v1/resources: a page of what the caller may see, with facets. */
enum ws_err h_resources(struct req *r, struct resp *w);
/* The newest n resources r's caller may see that are published, for the
 * home page: [{id, title, kind, kind_label}].  New reference; an empty
 * array when the database fails (the home page does not). */
json_t *res_newest(struct req *r, int n);
/* GET /resources.atom: the newest public resources as an Atom feed. */
enum ws_err h_resources_atom(struct req *r, struct resp *w);
/* GET /api/v1/resources/{id}. */
enum ws_err h_resource(struct req *r, struct resp *w);
/* GET /api/v1/resources/{id}/files/{n}: the file, streamed; counts one
 * download. */
enum ws_err h_resource_file(struct req *r, struct resp *w);
/* POST /api/v1/resources: multipart (fields and `file` parts) or JSON. */
enum ws_err h_resource_create(struct req *r, struct resp *w);
/* PATCH /api/v1/resources/{id}: what is sent changes; files are added. */
enum ws_err h_resource_edit(struct req *r, struct resp *w);
/* GET /resources/new and GET /resources/{id}/edit: the form to share a
 * resource and to change it (for whoever the API lets change it), posted
 * to the same addresses, which h_resource_create and h_resource_edit
 * answer as pages: the form again with a message by each field and what
 * was typed (files aside: a browser cannot keep them), or the resource's
 * page once saved. */
enum ws_err h_resource_new_form(struct req *r, struct resp *w);
enum ws_err h_resource_edit_form(struct req *r, struct resp *w);
/* POST /api/v1/resources/{id}/approve, reject, request-info (staff). */
enum ws_err h_resource_approve(struct req *r, struct resp *w);
enum ws_err h_resource_reject(struct req *r, struct resp *w);
enum ws_err h_resource_request_info(struct req *r, struct resp *w);
/* GET /staff/resources: what waits for review (?status= for the others),
 * each with the forms of the three verbs, posted to
 * /staff/resources/{id}/<verb> (the same handlers: a page is sent back to
 * this list). */
enum ws_err h_staff_resources(struct req *r, struct resp *w);
extern const struct field res_q_review[];

struct job_ctx;
struct job;
/* The RES_TEXT_JOB handler (struct job_kind.run; its arg is the app): a
 * file that cannot be read ends as its text_status, not as a failed job. */
enum ws_err res_text_run(struct job_ctx *c, const struct job *j) WS_WUR;

struct app;
struct db;
struct res_index;

/* Builds app->res, the library's in-memory index (index.c), from every
 * resource. */
enum ws_err res_index_load(struct app *app, struct db *d) WS_WUR;
void res_index_free(struct res_index *ri);
/* Re-reads resource id into the index after a committed write (no-op
 * without an index: command-line tools). */
void res_index_refresh(struct app *app, struct db *d, int64_t id);
/* Re-reads into the index what other nodes changed, at most once a second
 * (a request calls it before reading the index). */
void res_index_catch_up(struct app *app, struct db *d);

/* `whatson seed --demo --resources n`: adds the demo resources
 * (seed_data.h) up to n in all, published, each PDF in the file store with
 * its RES_TEXT_JOB queued; staff_id is the staff account credited with the
 * files.  Deterministic; how many were added into *added.  WS_EINVAL for
 * n out of range; the store's errors (the batch under way rolled back). */
enum ws_err res_seed_demo(struct app *app, struct db *d, int n, int64_t staff_id,
    int *added) WS_WUR;

/* Whether r's caller may see resource id (its title, its page): the rule
 * of RES_VISIBLE, as GET /resources/{id} applies it.  Other areas that
 * name a resource (a course's lesson) ask it before they show its title. */
int resources_may_see(struct req *r, int64_t id);

#endif
