/*
 * reviews.c -- the review cycle as staff keep it: the one check of a
 * review (rev_check), how a review is shown (rev_view), the list and its
 * CSV, one country's review through the API (GET, PUT) and the staff
 * form, and the page's CSV upload (the import itself is import.c's).
 *
 * What is refused, with the field named (422), nothing written: a code
 * that names no country (the path's or a reviewing State's), a cluster or
 * stage not of the lists, a year outside 2010-2100, a reviewing State that
 * is the country itself or both reviewing States the same, a date that is
 * not a day (YYYY-MM-DD), and stage dates out of order.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/countries/countries_int.h"
#include "app/directory/directory.h"
#include "app/orgs/orgs.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "views/view.h"

const char *const rev_clusters[] = { "criminalization_jurisdiction",
	"prevention_assistance_protection", "law_enforcement_judicial",
	"international_cooperation", NULL };
const char *const rev_cluster_names[] = { N_("Criminalization and jurisdiction"),
	N_("Prevention, technical assistance, protection measures and other measures"),
	N_("Law enforcement and the judicial system"),
	N_("International cooperation, mutual legal assistance, extradition and confiscation"),
	NULL };
_Static_assert(sizeof rev_clusters == sizeof rev_cluster_names, "a cluster needs its name");

const char *const rev_stages[] = { "self_assessment", "country_review", "review_completed",
	NULL };
const char *const rev_stage_names[] = { N_("Self-assessment questionnaire"),
	N_("Country review"), N_("Review completed"), NULL };
_Static_assert(sizeof rev_stages == sizeof rev_stage_names, "a stage needs its name");

/* The stages' dates, in the stages' order. */
static const char *const date_fields[] = { "self_assessment_date", "country_review_date",
	"review_completed_date", NULL };

#define REV_YEAR_MIN 2010
#define REV_YEAR_MAX 2100

const struct field rev_q_list[] = {
	{ "stage", FT_CHOICE, 0, 0, 0, rev_stages, NULL,
	    N_("Choose a stage from the list.") },
	{ "cluster", FT_CHOICE, 0, 0, 0, rev_clusters, NULL,
	    N_("Choose a cluster from the list.") },
	{ "year", FT_INT, 0, REV_YEAR_MIN, REV_YEAR_MAX, NULL, NULL,
	    N_("Enter a year from 2010 to 2100.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	/* the page's notices after a save or an import */
	{ "saved", FT_LINE, 0, 0, 2, NULL, NULL, NULL },
	{ "imported", FT_INT, 0, 0, 100000, NULL, NULL, N_("Not a number.") },
	FIELDS_END
};

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static const char *
name_in(const char *const *codes, const char *const *names, const char *code)
{
	size_t i;

	for (i = 0; code && codes[i]; i++)
		if (strcmp(codes[i], code) == 0)
			return names[i];
	return NULL;
}

int
rev_date_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t y, m, d;
	char part[5];
	size_t i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	memcpy(part, s, 4);
	part[4] = '\0';
	if (parse_int(part, 1900, 2200, &y) != WS_OK)
		return 0;
	memcpy(part, s + 5, 2);
	part[2] = '\0';
	if (parse_int(part, 1, 12, &m) != WS_OK)
		return 0;
	memcpy(part, s + 8, 2);
	if (parse_int(part, 1, mdays[m - 1], &d) != WS_OK)
		return 0;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* An upper-cased copy of the two letters s into out[3]; "" when s is not
 * two ASCII letters. */
static void
code_of(const char *s, char out[3])
{
	out[0] = '\0';
	if (!s || strlen(s) != 2 || !isalpha((unsigned char)s[0]) ||
	    !isalpha((unsigned char)s[1]))
		return;
	out[0] = (char)toupper((unsigned char)s[0]);
	out[1] = (char)toupper((unsigned char)s[1]);
	out[2] = '\0';
}

/* Field name of in as trimmed text (an integer as its digits), or "";
 * "?", which no check takes, when the trimmed text does not fit buf: cut
 * short, "2026" followed by spaces and anything at all read as 2026. */
static const char *
text_of(json_t *in, const char *name, char *buf, size_t len)
{
	json_t *x = json_object_get(in, name);
	const char *s;
	size_t n;

	if (json_is_integer(x)) {
		snprintf(buf, len, "%lld", (long long)json_integer_value(x));
		return buf;
	}
	if (!(s = json_string_value(x)))
		return "";
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= len)
		return "?";
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

void
rev_check(struct views *v, const char *lang, const char *code, json_t *in, json_t **values,
    json_t **errors)
{
	json_t *vals = json_object(), *errs = json_object();
	char buf[64], rv[2][3];
	const char *s;
	int64_t year = 0;
	size_t i;

#define FAIL(f, m) do { if (!json_object_get(errs, f)) \
	json_object_set_new(errs, f, json_string(view_tr(v, lang, m))); } while (0)
	if (!code || !country_valid(code))
		FAIL("country", N_("No country has this code."));
	s = text_of(in, "cluster", buf, sizeof buf);
	if (!name_in(rev_clusters, rev_cluster_names, s))
		FAIL("cluster", N_("Choose a cluster from the list."));
	else
		json_object_set_new(vals, "cluster", json_string(s));
	s = text_of(in, "year", buf, sizeof buf);
	if (parse_int(s, REV_YEAR_MIN, REV_YEAR_MAX, &year) != WS_OK)
		FAIL("year", N_("Enter a year from 2010 to 2100."));
	else
		json_object_set_new(vals, "year", json_integer(year));
	for (i = 0; i < 2; i++) {
		const char *f = i == 0 ? "reviewer_1" : "reviewer_2";

		code_of(text_of(in, f, buf, sizeof buf), rv[i]);
		if (!rv[i][0] || !country_valid(rv[i]))
			FAIL(f, N_("Choose a reviewing State from the list."));
		else if (code && strcmp(rv[i], code) == 0)
			FAIL(f, N_("A State does not review itself."));
		else if (i == 1 && strcmp(rv[0], rv[1]) == 0)
			FAIL(f, N_("Choose two different reviewing States."));
		else
			json_object_set_new(vals, f, json_string(rv[i]));
	}
	s = text_of(in, "stage", buf, sizeof buf);
	if (!name_in(rev_stages, rev_stage_names, s))
		FAIL("stage", N_("Choose a stage from the list."));
	else
		json_object_set_new(vals, "stage", json_string(s));
	for (i = 0; date_fields[i]; i++) {
		s = text_of(in, date_fields[i], buf, sizeof buf);
		if (!*s) {
			json_object_set_new(vals, date_fields[i], json_null());
		} else if (!rev_date_ok(s)) {
			FAIL(date_fields[i], N_("Enter a day as YYYY-MM-DD, like 2026-03-31."));
		} else {
			size_t j;

			for (j = 0; j < i; j++) {
				const char *before = json_string_value(json_object_get(vals,
				    date_fields[j]));

				if (before && strcmp(before, s) > 0)
					FAIL(date_fields[i], N_("This stage cannot begin before the "
					    "stage before it."));
			}
			json_object_set_new(vals, date_fields[i], json_string(s));
		}
	}
#undef FAIL
	*values = vals;
	if (json_object_size(errs) == 0) {
		json_decref(errs);
		errs = NULL;
	}
	*errors = errs;
}

json_t *
rev_view(struct req *r, json_t *s, json_t *focals)
{
	const char *lang = r->locale;
	const char *c = json_string_value(json_object_get(s, "country"));
	const char *cl = json_string_value(json_object_get(s, "cluster"));
	const char *st = json_string_value(json_object_get(s, "stage"));
	const char *r1 = json_string_value(json_object_get(s, "reviewer_1"));
	const char *r2 = json_string_value(json_object_get(s, "reviewer_2"));
	const char *n;
	int staff = r->user && r->user->role >= ROLE_STAFF;
	json_t *out = json_object(), *fp = json_array(), *f;
	char t[40];
	size_t i;

	json_object_set_new(out, "country", json_string(c));
	json_object_set_new(out, "country_name", json_string(country_name(c, lang)));
	json_object_set_new(out, "cluster", json_string(cl));
	n = name_in(rev_clusters, rev_cluster_names, cl);
	json_object_set_new(out, "cluster_name", json_string(n ? tr(r, n) : cl));
	json_object_set(out, "year", json_object_get(s, "year"));
	json_object_set_new(out, "reviewer_1", json_string(r1));
	json_object_set_new(out, "reviewer_2", json_string(r2));
	json_object_set_new(out, "reviewing_states", json_pack("[{s:s,s:s},{s:s,s:s}]",
	    "code", r1, "name", country_name(r1, lang), "code", r2, "name",
	    country_name(r2, lang)));
	json_object_set_new(out, "stage", json_string(st));
	n = name_in(rev_stages, rev_stage_names, st);
	json_object_set_new(out, "stage_name", json_string(n ? tr(r, n) : st));
	for (i = 0; date_fields[i]; i++)
		json_object_set(out, date_fields[i], json_object_get(s, date_fields[i]));
	json_array_foreach(focals, i, f) {
		json_t *o = json_pack("{s:O,s:O}", "id", json_object_get(f, "id"), "name",
		    json_object_get(f, "name"));

		if (staff)
			json_object_set(o, "email", json_object_get(f, "email"));
		json_array_append_new(fp, o);
	}
	json_object_set_new(out, "focal_points", fp);
	time_rfc3339((time_t)json_integer_value(json_object_get(s, "updated_at")), t, sizeof t);
	json_object_set_new(out, "updated_at", json_string(t));
	if (!r->api) {	/* the stages in order, each with its day, the current marked */
		json_t *stages = json_array();
		int reached = 1;

		for (i = 0; rev_stages[i]; i++) {
			int cur = st && strcmp(st, rev_stages[i]) == 0;

			json_array_append_new(stages, json_pack("{s:s,s:s,s:O,s:b,s:b}", "code",
			    rev_stages[i], "name", tr(r, rev_stage_names[i]), "date",
			    json_object_get(s, date_fields[i]), "current", cur, "done",
			    reached && !cur));
			if (cur)
				reached = 0;
		}
		json_object_set_new(out, "stages", stages);
	}
	return out;
}

/* The review of country code as r's caller sees it, into *out; WS_ENOTFOUND
 * when it has none. */
static enum ws_err
load_view(struct req *r, const char *code, json_t **out)
{
	json_t *s = NULL, *focals = NULL;
	enum ws_err rc;

	*out = NULL;
	if ((rc = rev_get(req_db(r), code, &s)) != WS_OK)
		return rc;
	if ((rc = rev_focals(req_db(r), code, &focals)) == WS_OK)
		*out = rev_view(r, s, focals);
	json_decref(s);
	json_decref(focals);
	return rc;
}

/* ---- the list ----------------------------------------------------------- */

static json_t *
options(struct req *r, const char *const *codes, const char *const *names, const char *sel)
{
	json_t *out = json_array();
	size_t i;

	for (i = 0; codes[i]; i++)
		json_array_append_new(out, json_pack("{s:s,s:s,s:b}", "value", codes[i], "label",
		    tr(r, names[i]), "selected", sel && strcmp(sel, codes[i]) == 0));
	return out;
}

/* The list page's value under r's filters into *out (also the page shown
 * again with an import's errors). */
static enum ws_err
list_value(struct req *r, struct resp *w, json_t **out)
{
	struct rev_filter f;
	json_t *rows = NULL, *items, *s, *val;
	int64_t page, total = 0;
	int per_page;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	f.stage = req_qstr(r, "stage");
	f.cluster = req_qstr(r, "cluster");
	f.year = req_qint(r, "year", 0);
	if ((rc = rev_list(req_db(r), &f, page, per_page, &rows, &total)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	items = json_array();
	json_array_foreach(rows, i, s) {
		json_t *focals = NULL;

		if ((rc = rev_focals(req_db(r), json_string_value(json_object_get(s, "country")),
		    &focals)) != WS_OK) {
			json_decref(focals);
			break;
		}
		json_array_append_new(items, rev_view(r, s, focals));
		json_decref(focals);
	}
	json_decref(rows);
	val = app_list_value(items, page, per_page, total);
	if (rc != WS_OK) {
		json_decref(val);
		return rc;
	}
	json_object_set_new(val, "filters", json_pack("{s:s,s:s,s:I}", "stage", f.stage,
	    "cluster", f.cluster, "year", (json_int_t)f.year));
	if (!r->api) {
		json_object_set_new(val, "stage", json_string(f.stage));
		json_object_set_new(val, "cluster", json_string(f.cluster));
		if (f.year)
			json_object_set_new(val, "year", json_integer(f.year));
		json_object_set_new(val, "stages", options(r, rev_stages, rev_stage_names,
		    f.stage));
		json_object_set_new(val, "clusters", options(r, rev_clusters, rev_cluster_names,
		    f.cluster));
		json_object_set_new(val, "csrf", json_string(r->csrf ? r->csrf : ""));
	}
	*out = val;
	return WS_OK;
}

enum ws_err
h_reviews(struct req *r, struct resp *w)
{
	json_t *val;
	enum ws_err rc;

	if ((rc = list_value(r, w, &val)) != WS_OK)
		return rc;
	if (!r->api && *req_qstr(r, "saved"))
		json_object_set_new(val, "saved", json_string(country_name(req_qstr(r, "saved"),
		    r->locale)));
	if (!r->api && req_qint(r, "imported", -1) >= 0)
		json_object_set_new(val, "imported", json_integer(req_qint(r, "imported", 0)));
	resp_value(w, val);
	w->tpl = "staff_reviews";
	w->title = N_("Review cycle");
	return WS_OK;
}

/* The CSV's columns: the import's, then the country's name and its focal
 * points, which an import ignores. */
static const char *const csv_cols[] = { "country", "cluster", "year", "reviewer_1",
	"reviewer_2", "stage", "self_assessment_date", "country_review_date",
	"review_completed_date", "country_name", "focal_points", NULL };

enum ws_err
h_reviews_csv(struct req *r, struct resp *w)
{
	struct rev_filter f;
	json_t *rows = NULL, *s;
	int64_t page, total = 0;
	enum ws_err rc = WS_OK;
	size_t i, k;

	f.stage = req_qstr(r, "stage");
	f.cluster = req_qstr(r, "cluster");
	f.year = req_qint(r, "year", 0);
	for (k = 0; csv_cols[k] && rc == WS_OK; k++)
		rc = dir_csv_cell(&w->raw, csv_cols[k], k == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	for (page = 1; rc == WS_OK; page++) {
		if ((rc = rev_list(req_db(r), &f, page, APP_PER_PAGE_MAX, &rows, &total)) != WS_OK ||
		    json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, s) {
			const char *c = json_string_value(json_object_get(s, "country"));
			json_t *focals = NULL, *fp;
			struct buf names;
			size_t j;

			if ((rc = rev_focals(req_db(r), c, &focals)) != WS_OK) {
				json_decref(focals);
				break;
			}
			buf_init(&names, 64 * 1024);
			json_array_foreach(focals, j, fp)
				if (buf_printf(&names, "%s%s", j ? "; " : "",
				    json_string_value(json_object_get(fp, "name"))) != WS_OK)
					break;
			json_decref(focals);
			for (k = 0; csv_cols[k] && rc == WS_OK; k++) {
				json_t *x = json_object_get(s, csv_cols[k]);
				const char *v;

				if (strcmp(csv_cols[k], "country_name") == 0)
					v = country_name(c, r->locale);
				else if (strcmp(csv_cols[k], "focal_points") == 0)
					v = names.data ? names.data : "";
				else if (json_is_integer(x))
					v = arena_printf(r->a, "%lld", (long long)json_integer_value(x));
				else
					v = json_string_value(x);
				rc = dir_csv_cell(&w->raw, v ? v : "", k == 0);
			}
			buf_free(&names);
			if (rc == WS_OK)
				rc = buf_adds(&w->raw, "\r\n");
		}
		json_decref(rows);
		rows = NULL;
	}
	json_decref(rows);
	if (rc != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", "attachment; filename=\"reviews.csv\"");
	resp_header(w, "Cache-Control", "no-store");
	return WS_OK;
}

/* ---- one review --------------------------------------------------------- */

enum ws_err
h_review(struct req *r, struct resp *w)
{
	json_t *v = NULL;
	char code[3];
	enum ws_err rc;

	code_of(r->params[0], code);
	if (!code[0] || !country_valid(code))
		return WS_ENOTFOUND;
	if ((rc = load_view(r, code, &v)) != WS_OK) {
		if (rc == WS_ENOTFOUND)
			w->detail = N_("This country has no review yet.");
		return rc;
	}
	resp_value(w, v);
	return WS_OK;
}

/* Checks in and writes it as country code's review, audited, in one
 * transaction: WS_EINVAL with w->errors when a field fails. */
static enum ws_err
save(struct req *r, struct resp *w, const char *code, json_t *in, int *created)
{
	json_t *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	enum ws_err rc;

	rev_check(r->app->views, r->locale, code, in, &values, &errors);
	if (errors) {
		w->errors = errors;
		w->detail = N_("Some fields need your attention.");
		json_decref(values);
		return WS_EINVAL;
	}
	if ((rc = db_begin(d)) == WS_OK && (rc = rev_put(d, code, values, r->user->id,
	    created)) == WS_OK) {
		app_audit(r->app, d, r->user->id, *created ? "review.created" : "review.edited",
		    r->ip, arena_printf(r->a, "review of %s: %s, %lld, %s", code,
		    json_string_value(json_object_get(values, "cluster")),
		    (long long)json_integer_value(json_object_get(values, "year")),
		    json_string_value(json_object_get(values, "stage"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
	json_decref(values);
	return rc;
}

enum ws_err
h_review_put(struct req *r, struct resp *w)
{
	json_t *v = NULL;
	char code[3];
	int created = 0;
	enum ws_err rc;

	code_of(r->params[0], code);
	if (!code[0] || !country_valid(code)) {
		w->detail = N_("No country has this code.");
		w->errors = json_pack("{s:s}", "country", tr(r, w->detail));
		return WS_EINVAL;
	}
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the review as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = save(r, w, code, r->in, &created)) != WS_OK)
		return rc;
	if ((rc = load_view(r, code, &v)) != WS_OK)
		return rc;
	resp_value(w, v);
	if (created)
		w->status = 201;
	return WS_OK;
}

/* ---- the staff form ----------------------------------------------------- */

/* The form's value: the review's fields as typed (form), the options with
 * them selected, and whether it is a new one (no code: the country is
 * chosen on the form). */
static json_t *
form_value(struct req *r, const char *code, json_t *form)
{
	const char *s;
	json_t *v = json_object();
	size_t i;

	json_object_set_new(v, "form", json_incref(form));
	json_object_set_new(v, "csrf", json_string(r->csrf ? r->csrf : ""));
	if (code) {
		json_object_set_new(v, "code", json_string(code));
		json_object_set_new(v, "country_name", json_string(country_name(code,
		    r->locale)));
	} else {
		json_object_set_new(v, "code", json_string("new"));
		json_object_set_new(v, "is_new", json_true());
		json_object_set_new(v, "countries", country_options(r->locale,
		    json_object_get(form, "country")));
	}
	s = json_string_value(json_object_get(form, "cluster"));
	json_object_set_new(v, "clusters", options(r, rev_clusters, rev_cluster_names, s));
	s = json_string_value(json_object_get(form, "stage"));
	json_object_set_new(v, "stages", options(r, rev_stages, rev_stage_names, s));
	for (i = 0; i < 2; i++) {
		const char *f = i == 0 ? "reviewer_1" : "reviewer_2";

		json_object_set_new(v, i == 0 ? "reviewer_1_options" : "reviewer_2_options",
		    country_options(r->locale, json_object_get(form, f)));
	}
	return v;
}

/* The stored review as the form's fields (strings). */
static json_t *
stored_form(json_t *s)
{
	json_t *f = json_object();
	const char *k;
	json_t *x;

	json_object_foreach(s, k, x) {
		if (json_is_string(x))
			json_object_set(f, k, x);
		else if (json_is_integer(x) && strcmp(k, "year") == 0)
			json_object_set_new(f, k, json_sprintf("%lld",
			    (long long)json_integer_value(x)));
	}
	return f;
}

enum ws_err
h_staff_review_form(struct req *r, struct resp *w)
{
	json_t *s = NULL, *form;
	char code[3];
	enum ws_err rc;

	if (strcmp(r->params[0], "new") == 0) {
		form = json_object();
		resp_value(w, form_value(r, NULL, form));
		json_decref(form);
		goto done;
	}
	code_of(r->params[0], code);
	if (!code[0] || !country_valid(code))
		return WS_ENOTFOUND;
	rc = rev_get(req_db(r), code, &s);
	if (rc != WS_OK && rc != WS_ENOTFOUND)
		return rc;
	form = s ? stored_form(s) : json_object();
	resp_value(w, form_value(r, code, form));
	json_decref(form);
	json_decref(s);
done:
	w->tpl = "staff_review_form";
	w->title = N_("A country's review");
	return WS_OK;
}

enum ws_err
h_staff_review_save(struct req *r, struct resp *w)
{
	int is_new = strcmp(r->params[0], "new") == 0;
	const char *typed = json_string_value(json_object_get(r->in, "country"));
	char code[3];
	int created = 0;
	enum ws_err rc;

	code_of(is_new ? typed : r->params[0], code);
	if (!is_new && (!code[0] || !country_valid(code)))
		return WS_ENOTFOUND;
	rc = save(r, w, code[0] ? code : NULL, r->in, &created);
	if (rc == WS_EINVAL) {
		json_t *v = form_value(r, is_new ? NULL : code, r->in);

		app_form_again(r, w, v, rc, N_("Some fields need your attention."),
		    "staff_review_form", N_("A country's review"));
		json_decref(v);
		return rc;
	}
	if (rc != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/staff/reviews?saved=%s", code));
	return WS_OK;
}

/* ---- the page's import -------------------------------------------------- */

struct collect {
	char *data;
	size_t len, cap;
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct collect *c = arg;

	if (c->len + n > c->cap)
		return 1;
	memcpy(c->data + c->len, p, n);
	c->len += n;
	return 0;
}

#define REV_IMPORT_MAX (4u << 20)	/* bytes of a review file: a row per country */

enum ws_err
h_staff_reviews_import(struct req *r, struct resp *w)
{
	const struct upload *u = req_upload(r, "file");
	struct collect c = { NULL, 0, 0 };
	struct file_info fi;
	json_t *errors = NULL, *val = NULL;
	int written = 0;
	enum ws_err rc;

	if (!u || !u->id || u->too_big || u->size > (int64_t)REV_IMPORT_MAX) {
		rc = u && (u->too_big || u->size > (int64_t)REV_IMPORT_MAX) ? WS_ETOOBIG :
		    WS_EINVAL;
		errors = json_pack("[s]", tr(r, rc == WS_ETOOBIG ? N_("The file is larger than "
		    "4 MB.") : N_("Choose a CSV file to import.")));
		goto again;
	}
	if ((rc = file_stat(req_db(r), u->id, NULL, &fi)) != WS_OK)
		return rc;
	c.cap = (size_t)fi.size;
	c.data = xmalloc(c.cap + 1);
	if ((rc = file_read(req_db(r), &fi, 0, -1, collect, &c)) != WS_OK) {
		free(c.data);
		return rc;
	}
	rc = rev_import(r->app, req_db(r), c.data, c.len, r->user->id, r->locale, &written,
	    &errors);
	free(c.data);
	if (rc == WS_OK) {
		json_decref(errors);
		resp_redirect(w, arena_printf(r->a, "/staff/reviews?imported=%d", written));
		return WS_OK;
	}
	if (rc != WS_EINVAL) {
		json_decref(errors);
		return rc;
	}
again:
	if ((rc = list_value(r, w, &val)) == WS_OK) {
		json_object_set_new(val, "import_errors", errors);
		errors = NULL;
		w->detail = N_("Nothing was imported: the file has errors.");
		app_form_again(r, w, val, WS_ECONFLICT, "", "staff_reviews", N_("Review cycle"));
		json_decref(val);
		w->errors = json_pack("{s:s}", "file", tr(r, w->detail));
		rc = WS_EINVAL;
	}
	json_decref(errors);
	return rc;
}
