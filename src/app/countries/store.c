/*
 * store.c -- the rows of reviews and the focal points of a country
 * (countries_int.h).  The SQL is the ST_REV_* rows of src/db/statements.c.
 */
#include <string.h>

#include "app/app.h"
#include "app/countries/countries_int.h"
#include "core/util.h"
#include "db/db.h"

/* Text column col of q, or null when it is NULL.  New reference. */
static json_t *
text_or_null(struct db_q *q, int col)
{
	return db_col_null(q, col) ? json_null() : json_string(db_col_text(q, col));
}

/* The current row of q (enum rev_col) as JSON.  New reference. */
static json_t *
rev_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "country", json_string(db_col_text(q, REV_C_COUNTRY)));
	json_object_set_new(o, "cluster", json_string(db_col_text(q, REV_C_CLUSTER)));
	json_object_set_new(o, "year", json_integer(db_col_int(q, REV_C_YEAR)));
	json_object_set_new(o, "reviewer_1", json_string(db_col_text(q, REV_C_REVIEWER_1)));
	json_object_set_new(o, "reviewer_2", json_string(db_col_text(q, REV_C_REVIEWER_2)));
	json_object_set_new(o, "stage", json_string(db_col_text(q, REV_C_STAGE)));
	json_object_set_new(o, "self_assessment_date", text_or_null(q, REV_C_SELF_ASSESSMENT));
	json_object_set_new(o, "country_review_date", text_or_null(q, REV_C_COUNTRY_REVIEW));
	json_object_set_new(o, "review_completed_date", text_or_null(q, REV_C_COMPLETED));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, REV_C_UPDATED_AT)));
	return o;
}

enum ws_err
rev_get(struct db *d, const char *code, json_t **out)
{
	struct db_q *q = db_start(d, ST_REV_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_text(q, 1, code);
	if ((rc = db_step(q)) == WS_OK)
		*out = rev_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

static void
bind_filter(struct db_q *q, const struct rev_filter *f)
{
	db_bind_text(q, 1, f->stage);
	db_bind_text(q, 2, f->stage);
	db_bind_text(q, 3, f->cluster);
	db_bind_text(q, 4, f->cluster);
	db_bind_int(q, 5, f->year);
	db_bind_int(q, 6, f->year);
}

enum ws_err
rev_list(struct db *d, const struct rev_filter *f, int64_t page, int per_page,
    json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_REV_COUNT);
	enum ws_err rc;

	*items = json_array();
	*total = 0;
	bind_filter(q, f);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	q = db_start(d, ST_REV_LIST);
	bind_filter(q, f);
	db_bind_int(q, 7, per_page);
	db_bind_int(q, 8, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, rev_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Binds string field name of values, or NULL when absent or "". */
static void
bind_opt(struct db_q *q, int i, json_t *values, const char *name)
{
	const char *s = json_string_value(json_object_get(values, name));

	db_bind_text(q, i, s && *s ? s : NULL);
}

enum ws_err
rev_put(struct db *d, const char *code, json_t *values, int64_t by, int *created)
{
	json_t *old = NULL;
	struct db_q *q;
	enum ws_err rc;

	rc = rev_get(d, code, &old);
	json_decref(old);
	if (rc != WS_OK && rc != WS_ENOTFOUND)
		return rc;
	*created = rc == WS_ENOTFOUND;
	q = db_start(d, ST_REV_PUT);
	db_bind_text(q, 1, code);
	db_bind_text(q, 2, json_string_value(json_object_get(values, "cluster")));
	db_bind_int(q, 3, json_integer_value(json_object_get(values, "year")));
	db_bind_text(q, 4, json_string_value(json_object_get(values, "reviewer_1")));
	db_bind_text(q, 5, json_string_value(json_object_get(values, "reviewer_2")));
	db_bind_text(q, 6, json_string_value(json_object_get(values, "stage")));
	bind_opt(q, 7, values, "self_assessment_date");
	bind_opt(q, 8, values, "country_review_date");
	bind_opt(q, 9, values, "review_completed_date");
	if (by > 0)
		db_bind_int(q, 10, by);
	else
		db_bind_null(q, 10);
	db_bind_int(q, 11, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
rev_focals(struct db *d, const char *code, json_t **out)
{
	struct db_q *q = db_start(d, ST_REV_FOCALS);
	enum ws_err rc;

	*out = json_array();
	db_bind_text(q, 1, code);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s}",
		    "id", (json_int_t)db_col_int(q, REV_FOCAL_C_ID),
		    "name", db_col_text(q, REV_FOCAL_C_NAME),
		    "email", db_col_text(q, REV_FOCAL_C_EMAIL)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
countries_in_review(struct db *d, int64_t year, json_t **out)
{
	struct rev_filter f = { "country_review", "", year };
	json_t *items = NULL, *x;
	int64_t total = 0;
	enum ws_err rc;
	size_t i, j;

	*out = json_array();
	if ((rc = rev_list(d, &f, 1, 300, &items, &total)) == WS_OK)
		json_array_foreach(items, i, x) {
			json_t *one = json_pack("{s:O,s:O}", "country", json_object_get(x, "country"),
			    "year", json_object_get(x, "year"));

			/* by country (the list is by year first) */
			for (j = 0; j < json_array_size(*out) && strcmp(json_string_value(
			    json_object_get(json_array_get(*out, j), "country")), json_string_value(
			    json_object_get(x, "country"))) < 0; j++)
				;
			json_array_insert_new(*out, j, one);
		}
	json_decref(items);
	return rc;
}
