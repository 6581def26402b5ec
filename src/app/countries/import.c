/*
 * import.c -- reviews from CSV (countries.h, rev_import), for the staff
 * page's upload and `whatson import reviews FILE`.
 *
 * The file is read as the directory's import reads one (csvread.h: UTF-8,
 * commas or semicolons, RFC 4180 quotes).  Its header names the columns,
 * in any order, with the export's names (country, cluster, year,
 * reviewer_1, reviewer_2, stage, self_assessment_date,
 * country_review_date, review_completed_date; country_name and
 * focal_points are the export's and are ignored); country, cluster, year,
 * reviewer_1, reviewer_2 and stage must be there.  Each row is checked
 * with rev_check, as the form and the API are.  All or nothing: when any
 * row fails, or a country comes twice, nothing is written and every error
 * is reported as "line N, column C: why"; otherwise every row is written
 * in one transaction, each replacing that country's review.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/countries/countries_int.h"
#include "app/directory/csvread.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const columns[] = { "country", "cluster", "year", "reviewer_1",
	"reviewer_2", "stage", "self_assessment_date", "country_review_date",
	"review_completed_date", "country_name", "focal_points", NULL };
#define NREQUIRED 6	/* the first columns must be in the header */
#define NREAD 9		/* the columns read; the others are the export's */

#define REV_IMPORT_ROWS 1000	/* rows of a file: there are fewer countries */
#define REV_IMPORT_ERRORS 200	/* errors reported */

struct rimp {
	struct views *v;
	const char *lang;
	int map[CSVR_MAX_CELLS];	/* a cell's column, -1: ignored */
	int header;
	int rows;
	json_t *errors;		/* ["line N, column C: why"] */
	json_t *rows_ok;	/* [{code, values}] */
	json_t *seen;		/* code -> line */
};

static void
add_error(struct rimp *x, int line, const char *col, const char *msg)
{
	if (json_array_size(x->errors) >= REV_IMPORT_ERRORS)
		return;
	if (col)
		json_array_append_new(x->errors, json_sprintf("%s %d, %s %s: %s",
		    view_tr(x->v, x->lang, N_("line")), line, view_tr(x->v, x->lang, N_("column")), col,
		    msg));
	else
		json_array_append_new(x->errors, json_sprintf("%s %d: %s",
		    view_tr(x->v, x->lang, N_("line")), line, msg));
}

static int
read_header(struct rimp *x, char **cells, int n, int line)
{
	int seen[NREAD + 2] = { 0 }, i, j;

	for (i = 0; i < n; i++) {
		char *h = cells[i];

		for (j = 0; h[j]; j++)
			h[j] = (char)tolower((unsigned char)h[j]);
		x->map[i] = -1;
		if (!*h)
			continue;
		for (j = 0; columns[j]; j++)
			if (strcmp(columns[j], h) == 0)
				break;
		if (!columns[j]) {
			add_error(x, line, h, view_tr(x->v, x->lang, N_("this column is not one of "
			    "the review's: country, cluster, year, reviewer_1, reviewer_2, stage, "
			    "self_assessment_date, country_review_date, review_completed_date")));
			continue;
		}
		if (seen[j]++) {
			add_error(x, line, h, view_tr(x->v, x->lang, N_("this column appears twice")));
			continue;
		}
		x->map[i] = j < NREAD ? j : -1;
	}
	for (j = 0; j < NREQUIRED; j++)
		if (!seen[j])
			add_error(x, line, columns[j], view_tr(x->v, x->lang, N_("the header lacks "
			    "this column")));
	x->header = 1;
	return json_array_size(x->errors) > 0;	/* a bad header: stop there */
}

static int
on_row(void *arg, char **cells, int n, int line)
{
	struct rimp *x = arg;
	json_t *in, *values = NULL, *errors = NULL, *msg;
	const char *code = NULL, *key;
	char cc[3] = "";
	int i;

	if (!x->header)
		return read_header(x, cells, n, line);
	if (++x->rows > REV_IMPORT_ROWS) {
		add_error(x, line, NULL, view_tr(x->v, x->lang, N_("the file has more than 1000 "
		    "rows")));
		return 1;
	}
	in = json_object();
	for (i = 0; i < n; i++)
		if (x->map[i] >= 0)
			json_object_set_new(in, columns[x->map[i]], json_string(cells[i]));
	code = json_string_value(json_object_get(in, "country"));
	if (code && strlen(code) == 2) {
		cc[0] = (char)toupper((unsigned char)code[0]);
		cc[1] = (char)toupper((unsigned char)code[1]);
		cc[2] = '\0';
	}
	rev_check(x->v, x->lang, cc[0] ? cc : NULL, in, &values, &errors);
	if (!errors && json_object_get(x->seen, cc)) {
		char m[200];

		snprintf(m, sizeof m, "%s %lld", view_tr(x->v, x->lang, N_("this country is "
		    "on line")), (long long)json_integer_value(json_object_get(x->seen, cc)));
		errors = json_pack("{s:s}", "country", m);
	}
	if (errors) {
		json_object_foreach(errors, key, msg)
			add_error(x, line, key, json_string_value(msg));
	} else {
		json_object_set_new(x->seen, cc, json_integer(line));
		json_array_append_new(x->rows_ok, json_pack("{s:s,s:O}", "code", cc, "values",
		    values));
	}
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return 0;
}

enum ws_err
rev_import(struct app *app, struct db *d, const char *data, size_t len, int64_t by,
    const char *lang, int *written, json_t **errors)
{
	struct rimp x;
	char why[300];
	enum ws_err rc;
	json_t *row;
	size_t i;

	memset(&x, 0, sizeof x);
	x.v = app->views;
	x.lang = lang;
	x.errors = json_array();
	x.rows_ok = json_array();
	x.seen = json_object();
	*written = 0;
	*errors = NULL;
	rc = csvr_read(data, len, on_row, &x, why, sizeof why);
	if (rc == WS_EINVAL)
		json_array_append_new(x.errors, json_string(view_tr(x.v, lang, why)));
	else if (rc != WS_OK)
		goto out;
	if (!x.header && json_array_size(x.errors) == 0)
		json_array_append_new(x.errors, json_string(view_tr(x.v, lang,
		    N_("The file has no header line."))));
	if (json_array_size(x.errors) > 0) {
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	json_array_foreach(x.rows_ok, i, row) {
		int created;

		if ((rc = rev_put(d, json_string_value(json_object_get(row, "code")),
		    json_object_get(row, "values"), by, &created)) != WS_OK)
			break;
	}
	if (rc == WS_OK) {
		char detail[120];

		snprintf(detail, sizeof detail, "%zu reviews imported", json_array_size(x.rows_ok));
		app_audit(app, d, by, "review.imported", by ? "" : "cli", detail);
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
	else
		*written = (int)json_array_size(x.rows_ok);
out:
	if (json_array_size(x.errors) > 0)
		*errors = json_incref(x.errors);
	json_decref(x.errors);
	json_decref(x.rows_ok);
	json_decref(x.seen);
	return rc;
}
