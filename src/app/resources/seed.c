/*
 * seed.c -- the demo library for `whatson seed --demo --resources N`:
 * the resources of seed_data.c, each stored as an upload would be (the
 * resources store, a PDF in the file store, the job that extracts its
 * text), so that `whatson serve` reads the PDFs and search finds the words
 * inside them.
 *
 * Deterministic: resource i is always seed_resource_get(RES_SEED, i), its
 * PDF byte for byte the same.  Resources already in the database count
 * towards N, so seeding twice with the same N adds nothing and a larger N
 * adds the rest.  Rows published by an NGO, a research centre or a
 * network (not by the UN or the hub itself) are credited to the seeded
 * organizations in turn, as if one of their people had contributed them.
 * One transaction per RES_SEED_BATCH resources keeps 10,000 to seconds.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/resources/resources_int.h"
#include "app/resources/seed_data.h"
#include "db/db.h"
#include "files/files.h"

#define RES_SEED		13	/* the library's seed: change it, change every variant */
#define RES_SEED_BATCH		500	/* resources a transaction */
#define RES_SEED_ORGS_MAX	1000	/* as ST_RES_SEED_ORGS's LIMIT */
#define RES_SEED_PDF_MAX	(1024 * 1024)

/* Publishers that are not a member organization: their rows stay staff's. */
static const char *const hub_publishers[] = {
	"UNODC", "United Nations", "WhatsOn Hub", "Организация Объединённых Наций", NULL,
};

static int
by_hub(const char *publisher)
{
	size_t i;

	if (!publisher || !*publisher)
		return 1;
	for (i = 0; hub_publishers[i]; i++)
		if (strcmp(hub_publishers[i], publisher) == 0)
			return 1;
	return 0;
}

/* A JSON array of the n strings of s.  New reference. */
static json_t *
str_array(const char *const *s, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i])
			json_array_append_new(a, json_string(s[i]));
	return a;
}

/* The values of r as POST /api/v1/resources takes them.  New reference. */
static json_t *
values_of(const struct seed_resource *r, int64_t org)
{
	json_t *v = json_object();

	json_object_set_new(v, "title", json_string(r->title));
	json_object_set_new(v, "summary", json_string(r->summary ? r->summary : ""));
	json_object_set_new(v, "kind", json_string(r->kind));
	json_object_set_new(v, "languages", str_array(&r->language, 1));
	json_object_set_new(v, "themes", str_array(r->themes, r->nthemes));
	json_object_set_new(v, "countries", str_array(r->countries, r->ncountries));
	json_object_set_new(v, "regions", json_array());
	json_object_set_new(v, "year", json_integer(r->year));
	json_object_set_new(v, "authors", str_array(r->authors, r->nauthors));
	json_object_set_new(v, "publisher", json_string(r->publisher ? r->publisher : ""));
	json_object_set_new(v, "visibility", json_string(r->visibility));
	if (org)
		json_object_set_new(v, "organization_id", json_integer(org));
	if (r->link)
		json_object_set_new(v, "link", json_string(r->link));
	return v;
}

/* Stores resource r (its PDF made into pdf) with its file and text job,
 * in the caller's transaction. */
static enum ws_err
seed_one(struct app *app, struct db *d, const struct seed_resource *r, int64_t org,
    int64_t staff_id, struct buf *pdf)
{
	json_t *values = values_of(r, org);
	struct file_info fi;
	int64_t id = 0, fid = 0, n = 0;
	char payload[96];
	enum ws_err rc;

	rc = res_insert(d, values, "published", org ? "member" : "staff", org ? 0 : staff_id, &id);
	if (rc == WS_OK)
		rc = res_terms_put(d, id, values);
	if (rc == WS_OK && r->file_name) {
		buf_reset(pdf);
		if ((rc = seed_resource_pdf(r, pdf)) == WS_OK &&
		    (rc = file_put(d, "resource", r->file_name, "application/pdf", staff_id,
		    pdf->data, pdf->len, &fid)) == WS_OK &&
		    (rc = file_stat(d, fid, "resource", &fi)) == WS_OK &&
		    (rc = res_file_add(d, id, fid, r->file_name, r->language, "application/pdf",
		    fi.size, fi.sha256, &n)) == WS_OK) {
			snprintf(payload, sizeof payload, "{\"resource\":%lld,\"n\":%lld}",
			    (long long)id, (long long)n);
			rc = app_job(app, d, RES_TEXT_JOB, payload, NULL);
		}
	}
	if (rc == WS_OK)
		rc = res_search_refresh(d, id);
	json_decref(values);
	return rc;
}

/* How many resources there are, into *n. */
static enum ws_err
count_resources(struct db *d, int64_t *n)
{
	struct db_q *q = db_start(d, ST_RES_SEED_COUNT);
	enum ws_err rc;

	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

/* The approved organizations, by id, into orgs (*norgs of them). */
static enum ws_err
seeded_orgs(struct db *d, int64_t *orgs, size_t *norgs)
{
	struct db_q *q = db_start(d, ST_RES_SEED_ORGS);
	enum ws_err rc;

	*norgs = 0;
	while ((rc = db_step(q)) == WS_OK)
		if (*norgs < RES_SEED_ORGS_MAX)
			orgs[(*norgs)++] = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
res_seed_demo(struct app *app, struct db *d, int n, int64_t staff_id, int *added)
{
	static int64_t orgs[RES_SEED_ORGS_MAX];
	static struct seed_resource r;
	struct buf pdf;
	size_t norgs = 0, credited = 0;
	int64_t have = 0, i;
	enum ws_err rc;

	*added = 0;
	if (n < 0 || n > SEED_RESOURCE_MAX)
		return WS_EINVAL;
	if ((rc = count_resources(d, &have)) != WS_OK ||
	    (rc = seeded_orgs(d, orgs, &norgs)) != WS_OK)
		return rc;
	buf_init(&pdf, RES_SEED_PDF_MAX);
	/* the credits of earlier runs, so that a later one goes on in turn */
	for (i = 0; i < have && i < n && norgs; i++) {
		if ((rc = seed_resource_get(RES_SEED, (size_t)i, &r)) != WS_OK)
			goto out;
		credited += !by_hub(r.publisher);
	}
	for (i = have; i < n; i++) {
		int64_t org = 0;

		if ((i - have) % RES_SEED_BATCH == 0 && (rc = db_begin(d)) != WS_OK)
			goto out;
		if ((rc = seed_resource_get(RES_SEED, (size_t)i, &r)) == WS_OK) {
			if (norgs && !by_hub(r.publisher))
				org = orgs[credited++ % norgs];
			rc = seed_one(app, d, &r, org, staff_id, &pdf);
		}
		if (rc != WS_OK) {
			db_rollback(d);
			goto out;
		}
		if ((i - have) % RES_SEED_BATCH == RES_SEED_BATCH - 1 || i == n - 1) {
			if ((rc = db_commit(d)) != WS_OK) {
				db_rollback(d);
				goto out;
			}
			*added = (int)(i + 1 - have);
		}
	}
out:
	buf_free(&pdf);
	return rc;
}
