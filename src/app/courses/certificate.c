/*
 * certificate.c -- a certificate of completion (issue 18, part 5): its
 * verification address /certificates/{code} (and its JSON twin), which
 * anyone may open, its PDF at /certificates/{code}.pdf, and staff's
 * completion rates of a course at /staff/courses/{id}/completion (twin
 * and CSV).
 *
 * A code that does not exist is a 404 with nothing else said, whether it
 * could have existed or not: a malformed code is looked up like any other
 * (it finds nothing), so the two answers have the same body and the same
 * work behind them.  The codes carry 128 random bits, so guessing is no
 * way in; still, an address that asks for codes that do not exist is
 * slowed like other public lookups (RL_LOOKUP: 30 misses a minute, then
 * 429 for a while).
 *
 * What a certificate says (the name as the person entered it, the
 * course, the cohort, the date, the hours) is the completion's copy
 * (completion.c); the PDF is drawn by pdf.c in the reader's language.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "app/directory/directory.h"
#include "app/directory/regions.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "http/ratelimit.h"
#include "views/view.h"

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* The completion of the code in r's first parameter into *out; the same
 * WS_ENOTFOUND for a code of the wrong shape as for one not given. */
static enum ws_err
lookup(struct req *r, json_t **out)
{
	const char *code = r->params[0];
	int ok = crt_code_ok(code);
	enum ws_err rc;

	/* the lookup runs either way: one shape of answer and of work */
	rc = crt_by_code(req_db(r), ok ? code : "-", out);
	if (rc == WS_OK && !ok) {
		json_decref(*out);
		*out = NULL;
		rc = WS_ENOTFOUND;
	}
	if (rc == WS_ENOTFOUND)
		ratelimit_hit(r->app->rl, RL_LOOKUP, r->ip);
	return rc;
}

/* The completion's date, YYYY-MM-DD (UTC), in r's memory. */
static const char *
day_of(struct req *r, json_t *t)
{
	time_t at = (time_t)json_integer_value(json_object_get(t, "completed_at"));
	struct tm tm;
	char buf[16];

	gmtime_r(&at, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
	return arena_printf(r->a, "%s", buf);
}

json_t *
crt_view(struct req *r, json_t *t)
{
	const char *base = r->app->cfg.base_url ? r->app->cfg.base_url : "";
	const char *code = json_string_value(json_object_get(t, "code"));
	char at[40];
	time_t when = (time_t)json_integer_value(json_object_get(t, "completed_at"));
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s,s:O,s:O,s:O,s:s,s:s,s:O,s:s,s:s}", "code", code, "name",
	    json_object_get(t, "name"), "course", json_object_get(t, "course"), "cohort",
	    json_object_get(t, "cohort"), "completed_at", at, "date", day_of(r, t), "hours",
	    json_object_get(t, "hours"), "url", arena_printf(r->a, "%s/certificates/%s", base,
	    code), "pdf_url", arena_printf(r->a, "/certificates/%s.pdf", code));
}

enum ws_err
courses_of_person(struct req *r, int64_t uid, json_t **out)
{
	json_t *rows = NULL, *t;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if ((rc = crt_of_user(req_db(r), uid, &rows)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	*out = json_array();
	json_array_foreach(rows, i, t)
		json_array_append_new(*out, crt_view(r, t));
	json_decref(rows);
	return WS_OK;
}

enum ws_err
h_certificate(struct req *r, struct resp *w)
{
	json_t *t = NULL, *v;
	enum ws_err rc;

	if ((rc = lookup(r, &t)) != WS_OK)
		return rc;
	v = crt_view(r, t);
	json_decref(t);
	if (!r->api)
		json_object_set(v, "heading", json_object_get(v, "name"));
	resp_value(w, v);
	w->tpl = "certificate";
	w->title = N_("Certificate of completion");
	return WS_OK;
}

enum ws_err
h_certificate_pdf(struct req *r, struct resp *w)
{
	json_t *t = NULL;
	enum ws_err rc;
	const char *base = r->app->cfg.base_url ? r->app->cfg.base_url : "";

	if ((rc = lookup(r, &t)) != WS_OK)
		return rc;
	{
		const char *hours = arena_printf(r->a, "%s: %lld", tr(r, N_("Hours of study")),
		    (long long)json_integer_value(json_object_get(t, "hours")));
		struct crt_pdf_line lines[] = {
			{ tr(r, N_("Certificate of completion")), 30, 1, 10 },
			{ tr(r, N_("This certifies that")), 14, 0, 28 },
			{ json_string_value(json_object_get(t, "name")), 28, 1, 10 },
			{ tr(r, N_("has completed the course")), 14, 0, 14 },
			{ json_string_value(json_object_get(t, "course")), 20, 1, 8 },
			{ json_string_value(json_object_get(t, "cohort")), 14, 0, 6 },
			{ arena_printf(r->a, "%s: %s", tr(r, N_("Date")), day_of(r, t)), 12, 0, 26 },
			{ hours, 12, 0, 4 },
			{ arena_printf(r->a, "%s: %s/certificates/%s", tr(r, N_("Verify at")), base,
			    json_string_value(json_object_get(t, "code"))), 9, 0, 30 },
		};

		rc = crt_pdf_render(tr(r, N_("Certificate of completion")), lines,
		    (int)(sizeof lines / sizeof lines[0]), &w->raw);
	}
	if (rc == WS_OK) {
		w->ctype = "application/pdf";
		resp_header(w, "Content-Disposition", arena_printf(r->a,
		    "inline; filename=\"certificate-%s.pdf\"", json_string_value(json_object_get(t,
		    "code"))));
	}
	json_decref(t);
	return rc;
}

/* ---- staff: completion rates ---------------------------------------------- */

#define CRT_LIST_MAX 500	/* completions listed on staff's page */

/* Course id's rates into *out: {course_id, title, cohorts: [{id, title,
 * participants, completed, rate, by: [{region, region_name, kind,
 * kind_label, participants, completed, rate}]}], completions: the latest
 * CRT_LIST_MAX (the API's Certificate, with cohort_id)}.  New reference. */
static enum ws_err
rates(struct req *r, int64_t id, json_t **out)
{
	struct db *d = req_db(r);
	json_t *c = NULL, *cohorts = json_array(), *k = NULL;
	struct db_q *q;
	enum ws_err rc;

	*out = NULL;
	if ((rc = crs_get(d, id, 1, &c)) != WS_OK) {
		json_decref(cohorts);
		return rc;
	}
	q = db_start(d, ST_CRT_RATES);
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK) {
		int64_t kid = db_col_int(q, CRT_RATE_C_COHORT_ID);
		int64_t n = db_col_int(q, CRT_RATE_C_PARTICIPANTS);
		int64_t done = db_col_int(q, CRT_RATE_C_COMPLETED);
		const char *country = db_col_text(q, CRT_RATE_C_COUNTRY);
		const char *region = *country && m49_region(country) ? m49_region(country) : "";
		const char *kind = db_col_text(q, CRT_RATE_C_KIND);
		const char *rname = *region ? m49_name(region, r->locale) : NULL;
		const char *klabel = "";
		json_t *x, *same = NULL;
		size_t i;

		for (i = 0; org_kinds[i]; i++)
			if (strcmp(org_kinds[i], kind) == 0)
				klabel = tr(r, org_kind_labels[i]);
		if (!k || json_integer_value(json_object_get(k, "id")) != kid) {
			k = json_pack("{s:I,s:s,s:I,s:I,s:[]}", "id", (json_int_t)kid, "title",
			    db_col_text(q, CRT_RATE_C_COHORT), "participants", (json_int_t)0,
			    "completed", (json_int_t)0, "by");
			json_array_append_new(cohorts, k);
		}
		json_object_set_new(k, "participants", json_integer(json_integer_value(
		    json_object_get(k, "participants")) + n));
		json_object_set_new(k, "completed", json_integer(json_integer_value(
		    json_object_get(k, "completed")) + done));
		/* countries of one region add up */
		json_array_foreach(json_object_get(k, "by"), i, x)
			if (strcmp(json_string_value(json_object_get(x, "region")) ?
			    json_string_value(json_object_get(x, "region")) : "", region) == 0 &&
			    strcmp(json_string_value(json_object_get(x, "kind")) ?
			    json_string_value(json_object_get(x, "kind")) : "", kind) == 0)
				same = x;
		if (same) {
			n += json_integer_value(json_object_get(same, "participants"));
			done += json_integer_value(json_object_get(same, "completed"));
			json_object_set_new(same, "participants", json_integer(n));
			json_object_set_new(same, "completed", json_integer(done));
			json_object_set_new(same, "rate", json_integer(n ? done * 100 / n : 0));
			continue;
		}
		json_array_append_new(json_object_get(k, "by"), json_pack(
		    "{s:s?,s:s?,s:s?,s:s?,s:I,s:I,s:I}", "region", *region ? region : NULL,
		    "region_name", rname ? rname : (*region ? region : NULL), "kind", *kind ? kind :
		    NULL, "kind_label", *kind ? klabel : NULL, "participants", (json_int_t)n,
		    "completed", (json_int_t)done, "rate", (json_int_t)(n ? done * 100 / n : 0)));
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(c);
		json_decref(cohorts);
		return rc;
	}
	{
		size_t i;

		json_array_foreach(cohorts, i, k) {
			int64_t n = json_integer_value(json_object_get(k, "participants"));

			json_object_set_new(k, "rate", json_integer(n ? json_integer_value(
			    json_object_get(k, "completed")) * 100 / n : 0));
		}
	}
	{
		json_t *rows = NULL, *list = json_array(), *t;
		size_t i;

		if ((rc = crt_of_course(d, id, CRT_LIST_MAX, &rows)) != WS_OK) {
			json_decref(rows);
			json_decref(list);
			json_decref(c);
			json_decref(cohorts);
			return rc;
		}
		json_array_foreach(rows, i, t) {
			json_t *v = crt_view(r, t);

			json_object_set(v, "cohort_id", json_object_get(t, "cohort_id"));
			json_array_append_new(list, v);
		}
		json_decref(rows);
		*out = json_pack("{s:I,s:O,s:o,s:o}", "course_id", (json_int_t)id, "title",
		    json_object_get(c, "title"), "cohorts", cohorts, "completions", list);
	}
	json_decref(c);
	return WS_OK;
}

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

enum ws_err
h_staff_course_completion(struct req *r, struct resp *w)
{
	json_t *v = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = rates(r, id, &v)) != WS_OK)
		return rc;
	if (!r->api)
		json_object_set(v, "heading", json_object_get(v, "title"));
	resp_value(w, v);
	w->tpl = "staff_course_completion";
	w->title = N_("Completion");
	return WS_OK;
}

enum ws_err
h_staff_course_completion_csv(struct req *r, struct resp *w)
{
	static const char *const head[] = { "cohort_id", "cohort", "region", "kind",
		"participants", "completed", "rate", NULL };
	json_t *v = NULL, *k, *b;
	int64_t id;
	enum ws_err rc;
	size_t i, j, n;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = rates(r, id, &v)) != WS_OK)
		return rc;
	for (n = 0; head[n] && rc == WS_OK; n++)
		rc = dir_csv_cell(&w->raw, head[n], n == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	json_array_foreach(json_object_get(v, "cohorts"), i, k)
		json_array_foreach(json_object_get(k, "by"), j, b) {
			const char *cells[] = { arena_printf(r->a, "%lld", (long long)
			    json_integer_value(json_object_get(k, "id"))), json_string_value(
			    json_object_get(k, "title")), json_string_value(json_object_get(b,
			    "region")), json_string_value(json_object_get(b, "kind")),
			    arena_printf(r->a, "%lld", (long long)json_integer_value(
			    json_object_get(b, "participants"))), arena_printf(r->a, "%lld",
			    (long long)json_integer_value(json_object_get(b, "completed"))),
			    arena_printf(r->a, "%lld", (long long)json_integer_value(
			    json_object_get(b, "rate"))) };

			for (n = 0; n < sizeof cells / sizeof cells[0] && rc == WS_OK; n++)
				rc = dir_csv_cell(&w->raw, cells[n] ? cells[n] : "", n == 0);
			if (rc == WS_OK)
				rc = buf_adds(&w->raw, "\r\n");
		}
	json_decref(v);
	if (rc != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"course-%lld-completion.csv\"", (long long)id));
	resp_header(w, "Cache-Control", "no-store");
	return WS_OK;
}
