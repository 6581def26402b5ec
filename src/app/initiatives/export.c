/*
 * export.c -- the staff's CSV of the country pilot initiatives
 * (GET /staff/initiatives.csv): one row per initiative, with the same
 * filters as the list (country, status), oldest first: its country, title,
 * status, participants by kind (focal points, organizations, experts),
 * outputs published and drafts, and when it was created and last changed.
 *
 * Cells are written by dir_csv_cell, as every staff export is: RFC 4180
 * quoting, and an apostrophe before a cell that a spreadsheet would read
 * as a formula.  The rows are read a page at a time, so the answer grows
 * with the number of initiatives, never a query's memory.
 */
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/initiatives/initiatives_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "views/view.h"

#define INI_CSV_PAGE 200	/* rows read at a time */

static const char *const head[] = { "id", "country", "country_name", "title", "status",
	"focal_points", "organizations", "experts", "outputs_published", "outputs_draft",
	"created_at", "updated_at", NULL };

/* Cells of row it in head's order (a comma before each but the first). */
static enum ws_err
row_out(struct req *r, struct buf *b, json_t *it)
{
	enum ws_err rc = WS_OK;
	size_t k;

	for (k = 0; head[k] && rc == WS_OK; k++) {
		json_t *x = json_object_get(it, head[k]);
		const char *s;

		if (json_is_integer(x) && (strcmp(head[k], "created_at") == 0 ||
		    strcmp(head[k], "updated_at") == 0)) {
			char t[40];

			time_rfc3339((time_t)json_integer_value(x), t, sizeof t);
			s = arena_strdup(r->a, t);
		} else if (json_is_integer(x)) {
			s = arena_printf(r->a, "%lld", (long long)json_integer_value(x));
		} else {
			s = json_string_value(x);
		}
		rc = dir_csv_cell(b, s ? s : "", k == 0);
	}
	return rc == WS_OK ? buf_adds(b, "\r\n") : rc;
}

enum ws_err
h_staff_initiatives_csv(struct req *r, struct resp *w)
{
	const char *country = req_qstr(r, "country"), *status = req_qstr(r, "status");
	json_t *rows = NULL, *it;
	char up[3] = { 0 };
	enum ws_err rc = WS_OK;
	int64_t page;
	size_t i, k;

	if (*country) {
		if (strlen(country) != 2) {
			w->errors = json_pack("{s:s}", "country", view_tr(r->app->views, r->locale,
			    N_("Choose a country from the list (a code like KE).")));
			return WS_EINVAL;
		}
		up[0] = (char)(country[0] >= 'a' && country[0] <= 'z' ? country[0] - 32 : country[0]);
		up[1] = (char)(country[1] >= 'a' && country[1] <= 'z' ? country[1] - 32 : country[1]);
		country = up;
	}
	for (k = 0; head[k] && rc == WS_OK; k++)
		rc = dir_csv_cell(&w->raw, head[k], k == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	for (page = 1; rc == WS_OK; page++) {
		if ((rc = ini_csv_rows(req_db(r), country, status, page, INI_CSV_PAGE, &rows)) !=
		    WS_OK || json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, it) {
			const char *name = country_name(json_string_value(json_object_get(it,
			    "country")), r->locale);

			json_object_set_new(it, "country_name", json_string(name ? name :
			    json_string_value(json_object_get(it, "country"))));
			if ((rc = row_out(r, &w->raw, it)) != WS_OK)
				break;
		}
		json_decref(rows);
		rows = NULL;
	}
	json_decref(rows);
	if (rc != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", "attachment; filename=\"initiatives.csv\"");
	resp_header(w, "Cache-Control", "no-store");
	return WS_OK;
}
