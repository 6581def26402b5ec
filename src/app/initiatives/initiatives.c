/*
 * initiatives.c -- country pilot initiatives as the API serves them: the
 * list by country and status with its counts, one initiative as its
 * reader may see it, staff creating and changing initiatives through one
 * check (ini_check, which the staff form uses too), and what other areas
 * ask: a call's accepted applicant joining, a person's, an organization's
 * and a country's initiatives.
 *
 * What is checked before anything is written (a 422 naming the field): a
 * country that exists (ISO 3166-1 alpha-2), a title, a status among
 * proposed, active and concluded, a concept note that is a resource of
 * the library, a call of kind pilot_initiative no other initiative has,
 * meetings that are events and documents that are resources, and focal
 * points that are active users with the role focal of the initiative's
 * country.  The initiative and its focal points are written in one
 * transaction, audited.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/initiatives/initiatives_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const char *const ini_statuses[] = { "proposed", "active", "concluded", NULL };
const char *const ini_status_labels[] = { N_("Proposed"), N_("Active"), N_("Concluded"),
	NULL };
_Static_assert(sizeof ini_statuses == sizeof ini_status_labels, "a label per status");
const char *const ini_out_kinds[] = { "lessons_learned", "best_practices", "recommendations",
	NULL };
const char *const ini_out_kind_labels[] = { N_("Lessons learned"), N_("Best practices"),
	N_("Recommendations"), NULL };
_Static_assert(sizeof ini_out_kinds == sizeof ini_out_kind_labels, "a label per kind");

const struct field ini_q_list[] = {
	{ "country", FT_LINE, 0, 0, 2, NULL, NULL, NULL },
	{ "status", FT_CHOICE, 0, 0, 0, ini_statuses, NULL,
	    N_("Choose a status: proposed, active or concluded.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

#define ID_MAX 9007199254740991LL	/* the largest id JSON carries exactly */

static const struct field ini_fields[] = {
	{ "country", FT_LINE, 1, 0, 2, NULL, NULL, NULL },
	{ "title", FT_LINE, 1, 2, INI_TITLE_MAX, NULL, NULL, NULL },
	{ "summary", FT_TEXT, 0, 0, INI_SUMMARY_MAX, NULL, NULL, NULL },
	{ "status", FT_CHOICE, 0, 0, 0, ini_statuses, NULL,
	    N_("Choose a status: proposed, active or concluded.") },
	{ "concept_note", FT_INT, 0, 1, ID_MAX, NULL, NULL,
	    N_("Give the concept note as the number of a resource of the library.") },
	{ "call_id", FT_INT, 0, 1, ID_MAX, NULL, NULL,
	    N_("Give the call as its number.") },
};
#define INI_NFIELDS (sizeof ini_fields / sizeof ini_fields[0])

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static void
fail(struct req *r, json_t *errors, const char *name, const char *msg)
{
	if (!json_object_get(errors, name))
		json_object_set_new(errors, name, json_string(tr(r, msg)));
}

const char *
ini_label(struct req *r, const char *const *codes, const char *const *labels,
    const char *code)
{
	size_t i;

	for (i = 0; code && codes[i]; i++)
		if (strcmp(codes[i], code) == 0)
			return tr(r, labels[i]);
	return code ? code : "";
}

static json_t *
utc_time(json_t *t)
{
	char s[40];

	if (!json_is_integer(t))
		return json_null();
	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

/* ---- the check ------------------------------------------------------------------ */

/* The ids sent as v (absent or null: none; a JSON array of integers, or
 * text of numbers separated by commas or spaces, as forms send) as a new
 * array, each once; NULL when it is not that or has over max. */
static json_t *
ids_of(json_t *v, size_t max)
{
	json_t *out = json_array(), *x;
	size_t i, j;

	if (!v || json_is_null(v))
		return out;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);

		while (*s) {
			char num[24];
			size_t n = 0;
			int64_t id;

			while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\n' || *s == '\r')
				s++;
			if (!*s)
				break;
			while (*s && *s != ' ' && *s != ',' && *s != '\t' && *s != '\n' &&
			    *s != '\r' && n < sizeof num - 1)
				num[n++] = *s++;
			num[n] = '\0';
			if (parse_int(num, 1, ID_MAX, &id) != WS_OK)
				goto bad;
			json_array_append_new(out, json_integer(id));
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			if (!json_is_integer(x) || json_integer_value(x) < 1)
				goto bad;
			json_array_append(out, x);
		}
	} else {
		goto bad;
	}
	if (json_array_size(out) > max)
		goto bad;
	for (i = 0; i < json_array_size(out); i++)
		for (j = 0; j < i; j++)
			if (json_integer_value(json_array_get(out, i)) ==
			    json_integer_value(json_array_get(out, j)))
				goto bad;
	return out;
bad:
	json_decref(out);
	return NULL;
}

/* Checks that each of ids is an event (event) or resource that staff
 * see; the name of the field to blame into errors otherwise. */
static enum ws_err
ids_exist(struct req *r, json_t *ids, int event, json_t *errors, const char *name,
    const char *msg)
{
	struct ini_viewer all = { 0, 1, 1, 1 };
	json_t *x, *b;
	size_t i;
	enum ws_err rc;

	json_array_foreach(ids, i, x) {
		rc = ini_brief(req_db(r), event, &all, json_integer_value(x), &b);
		json_decref(b);
		if (rc == WS_ENOTFOUND) {
			fail(r, errors, name, msg);
			return WS_OK;
		}
		if (rc != WS_OK)
			return rc;
	}
	return WS_OK;
}

enum ws_err
ini_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	json_t *vals = NULL, *errs = NULL, *was = r->in, *x, *ids;
	const char *country, *key;
	enum ws_err rc = WS_OK;

	*values = *errors = NULL;
	if (!json_is_object(in)) {
		errs = json_object();
		vals = json_object();
		fail(r, errs, "title", N_("Send the initiative as a JSON object."));
		goto done;
	}
	/* null is as absent */
	r->in = json_object();
	json_object_foreach(in, key, x)
		if (!json_is_null(x))
			json_object_set(r->in, key, x);
	if (form_check(r, ini_fields, INI_NFIELDS, &vals, &errs) == WS_OK || !errs)
		errs = json_object();
	json_decref(r->in);
	r->in = was;

	country = json_string_value(json_object_get(vals, "country"));
	if (country && *country && !json_object_get(errs, "country")) {
		char up[3] = { 0 };

		if (strlen(country) == 2) {
			up[0] = (char)(country[0] >= 'a' && country[0] <= 'z' ? country[0] - 32 :
			    country[0]);
			up[1] = (char)(country[1] >= 'a' && country[1] <= 'z' ? country[1] - 32 :
			    country[1]);
		}
		if (!up[0] || !country_valid(up))
			fail(r, errs, "country", N_("Choose a country from the list (a code like "
			    "KE)."));
		else
			json_object_set_new(vals, "country", json_string(up));
	} else if (!json_object_get(errs, "country")) {
		fail(r, errs, "country", N_("This field is required."));
	}
	country = json_string_value(json_object_get(vals, "country"));
	if (!*json_string_value(json_object_get(vals, "status")))
		json_object_set_new(vals, "status", json_string("proposed"));

	x = json_object_get(vals, "concept_note");
	if (json_is_integer(x) && !json_object_get(errs, "concept_note")) {
		ids = json_pack("[O]", x);
		rc = ids_exist(r, ids, 0, errs, "concept_note", N_("There is no such resource in "
		    "the library."));
		json_decref(ids);
		if (rc != WS_OK)
			goto done;
	}
	x = json_object_get(vals, "call_id");
	if (json_is_integer(x) && !json_object_get(errs, "call_id")) {
		struct db_q *q = db_start(req_db(r), ST_INI_CALL_KIND);
		int ok = 0;

		db_bind_int(q, 1, json_integer_value(x));
		if ((rc = db_step(q)) == WS_OK)
			ok = strcmp(db_col_text(q, 0), "pilot_initiative") == 0;
		db_end(q);
		if (rc != WS_OK && rc != WS_EDONE)
			goto done;
		rc = WS_OK;
		if (!ok)
			fail(r, errs, "call_id", N_("Link a call of kind pilot initiative."));
	}
	if ((ids = ids_of(json_object_get(in, "meetings"), INI_IDS_MAX)) == NULL) {
		fail(r, errs, "meetings", N_("List the meetings by the numbers of their events, "
		    "each once (at most 100)."));
	} else {
		json_object_set_new(vals, "meetings", ids);
		if ((rc = ids_exist(r, ids, 1, errs, "meetings", N_("One of these meetings is "
		    "not an event of the hub."))) != WS_OK)
			goto done;
	}
	if ((ids = ids_of(json_object_get(in, "documents"), INI_IDS_MAX)) == NULL) {
		fail(r, errs, "documents", N_("List the documents by the numbers of their "
		    "resources, each once (at most 100)."));
	} else {
		json_object_set_new(vals, "documents", ids);
		if ((rc = ids_exist(r, ids, 0, errs, "documents", N_("One of these documents is "
		    "not a resource of the library."))) != WS_OK)
			goto done;
	}
	if ((ids = ids_of(json_object_get(in, "focal_points"), INI_IDS_MAX)) == NULL) {
		fail(r, errs, "focal_points", N_("List the focal points by the numbers of their "
		    "accounts, each once."));
	} else {
		size_t i;

		json_object_set_new(vals, "focal_points", ids);
		json_array_foreach(ids, i, x) {
			int ok = 0;

			if (!country || !*country || json_object_get(errs, "country"))
				break;
			if ((rc = ini_focal_ok(req_db(r), json_integer_value(x), country, &ok)) !=
			    WS_OK)
				goto done;
			if (!ok) {
				fail(r, errs, "focal_points", N_("A focal point must be an account "
				    "with the role focal of the initiative's country."));
				break;
			}
		}
	}
done:
	*values = vals;
	vals = NULL;
	if (errs && json_object_size(errs) > 0) {
		*errors = errs;
		errs = NULL;
	}
	json_decref(vals);
	json_decref(errs);
	return rc;
}

enum ws_err
ini_save(struct req *r, int64_t id, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	int64_t other = 0;
	json_t *call = json_object_get(values, "call_id");
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if (json_is_integer(call))
		rc = ini_of_call(d, json_integer_value(call), &other);
	if (rc == WS_OK && other && other != id)
		rc = WS_ECONFLICT;
	if (rc == WS_OK)
		rc = ini_put(d, id, values, r->user->id, out);
	if (rc == WS_OK)
		rc = ini_focal_set(d, *out, json_object_get(values, "focal_points"), r->user->id);
	if (rc == WS_OK) {
		app_audit_about(r->app, d, r->user->id, 0, 0, id ? "initiative.edited" :
		    "initiative.created", r->ip, arena_printf(r->a, "initiative %lld: %s (%s, %s)",
		    (long long)*out, json_string_value(json_object_get(values, "title")),
		    json_string_value(json_object_get(values, "country")),
		    json_string_value(json_object_get(values, "status"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

json_t *
ini_merged_input(json_t *s, json_t *parts, json_t *in)
{
	static const char *const names[] = { "country", "title", "summary", "status",
		"concept_note", "call_id", "meetings", "documents", NULL };
	const char *const *k, *key;
	json_t *out = json_object(), *x, *focal = json_array(), *p;
	size_t i;

	for (k = names; *k; k++)
		if ((x = json_object_get(s, *k)) != NULL && !json_is_null(x))
			json_object_set(out, *k, x);
	json_array_foreach(parts, i, p)
		if (strcmp(json_string_value(json_object_get(p, "kind")), "focal") == 0)
			json_array_append(focal, json_object_get(p, "user_id"));
	json_object_set_new(out, "focal_points", focal);
	if (json_is_object(in))
		json_object_foreach(in, key, x)
			json_object_set(out, key, x);
	return out;
}

/* ---- the view -------------------------------------------------------------------- */

/* The concept note id (a JSON integer or null) as v sees it: {id, title}
 * or null. */
static json_t *
concept_of(struct req *r, const struct ini_viewer *v, json_t *id)
{
	json_t *b = NULL;

	if (!json_is_integer(id) || ini_brief(req_db(r), 0, v, json_integer_value(id), &b) !=
	    WS_OK)
		return json_null();
	json_object_del(b, "when");
	json_object_del(b, "timezone");
	return b;
}

json_t *
ini_brief_view(struct req *r, json_t *s)
{
	const char *country = json_string_value(json_object_get(s, "country"));
	const char *status = json_string_value(json_object_get(s, "status"));
	const char *name = country_name(country, r->locale);
	struct ini_viewer v;
	json_t *out;

	ini_viewer_of(r, &v);
	out = json_pack("{s:O,s:s,s:s,s:O,s:s,s:s,s:O,s:O,s:o,s:s}",
	    "id", json_object_get(s, "id"),
	    "country", country,
	    "country_name", name ? name : country,
	    "title", json_object_get(s, "title"),
	    "status", status,
	    "status_label", ini_label(r, ini_statuses, ini_status_labels, status),
	    "summary", json_object_get(s, "summary"),
	    "concept_note_id", json_object_get(s, "concept_note"),
	    "updated_at", utc_time(json_object_get(s, "updated_at")),
	    "href", arena_printf(r->a, "/initiatives/%lld",
	    (long long)json_integer_value(json_object_get(s, "id"))));
	return out;
}

/* Output o (stored) as the API gives it.  New reference. */
static json_t *
output_view(struct req *r, json_t *o)
{
	const char *kind = json_string_value(json_object_get(o, "kind"));

	return json_pack("{s:O,s:s,s:s,s:O,s:O,s:o,s:O,s:O,s:o}",
	    "id", json_object_get(o, "id"),
	    "kind", kind,
	    "kind_label", ini_label(r, ini_out_kinds, ini_out_kind_labels, kind),
	    "title", json_object_get(o, "title"),
	    "body", json_object_get(o, "body"),
	    "body_html", org_markdown_html(json_string_value(json_object_get(o, "body"))),
	    "status", json_object_get(o, "status"),
	    "audience", json_object_get(o, "audience"),
	    "published_at", utc_time(json_object_get(o, "published_at")));
}

/* Participant p (stored) as members see it.  New reference. */
static json_t *
part_view(json_t *p)
{
	json_t *o = json_pack("{s:O,s:O,s:O,s:O}", "id", json_object_get(p, "id"), "kind",
	    json_object_get(p, "kind"), "name", json_object_get(p, "name"), "source",
	    json_object_get(p, "source"));

	if (json_is_integer(json_object_get(p, "organization_id")))
		json_object_set(o, "organization_id", json_object_get(p, "organization_id"));
	else
		json_object_set(o, "user_id", json_object_get(p, "user_id"));
	return o;
}

/* The participants of parts (stored) that v sees: staff all, others those
 * of no organization or of a live one (a suspended organization is named
 * to staff only, as on the country page).  Takes parts; new reference. */
static json_t *
parts_seen(const struct ini_viewer *v, json_t *parts)
{
	json_t *out, *p;
	size_t i;

	if (v->staff)
		return parts;
	out = json_array();
	json_array_foreach(parts, i, p)
		if (json_is_true(json_object_get(p, "live")))
			json_array_append(out, p);
	json_decref(parts);
	return out;
}

enum ws_err
ini_load_view(struct req *r, int64_t id, json_t **out, int *part)
{
	struct ini_viewer v;
	json_t *s = NULL, *parts = NULL, *outs = NULL, *o, *p, *list;
	int is_part = 0;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	ini_viewer_of(r, &v);
	if ((rc = ini_get(req_db(r), id, &s)) != WS_OK)
		return rc;
	if (v.uid && (rc = ini_part_is(req_db(r), id, v.uid, &is_part)) != WS_OK)
		goto out;
	if ((rc = ini_parts(req_db(r), id, &parts)) != WS_OK)
		goto out;
	parts = parts_seen(&v, parts);
	if ((rc = ini_out_list(req_db(r), id, v.staff || is_part, v.member, &outs)) != WS_OK)
		goto out;
	o = ini_brief_view(r, s);
	json_object_set_new(o, "summary_html", org_markdown_html(json_string_value(
	    json_object_get(s, "summary"))));
	json_object_set_new(o, "concept_note", concept_of(r, &v, json_object_get(s,
	    "concept_note")));
	json_object_del(o, "concept_note_id");
	json_object_set(o, "call_id", json_object_get(s, "call_id"));
	json_object_set_new(o, "created_at", utc_time(json_object_get(s, "created_at")));
	json_object_set_new(o, "participants_count", json_integer((json_int_t)
	    json_array_size(parts)));
	if (v.member || is_part) {
		list = json_array();
		json_array_foreach(parts, i, p)
			json_array_append_new(list, part_view(p));
		json_object_set_new(o, "participants", list);
	}
	list = json_array();
	json_array_foreach(outs, i, p) {
		json_t *ov = output_view(r, p);

		/* whether the caller may change or withdraw it (edits.c's rule) */
		if (v.staff || is_part)
			json_object_set_new(ov, "can_edit", json_boolean(v.staff || (strcmp(
			    json_string_value(json_object_get(p, "status")), "draft") == 0 &&
			    json_integer_value(json_object_get(p, "created_by")) == v.uid)));
		json_array_append_new(list, ov);
	}
	json_object_set_new(o, "outputs", list);
	json_object_set_new(o, "is_participant", json_boolean(is_part));
	json_object_set_new(o, "can_enter_space", json_boolean(is_part || v.staff));
	*out = o;
	if (part)
		*part = is_part;
out:
	json_decref(s);
	json_decref(parts);
	json_decref(outs);
	return rc;
}

/* ---- the list and one initiative ---------------------------------------------------- */

enum ws_err
h_initiatives(struct req *r, struct resp *w)
{
	static const char *const facets[] = { "country", "status", NULL };
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	const char *country = req_qstr(r, "country"), *status = req_qstr(r, "status");
	json_t *rows = NULL, *items, *val, *row, *fc;
	const char *const *k;
	char up[3] = { 0 };
	enum ws_err rc;
	size_t i;

	if (*country) {
		if (strlen(country) != 2) {
			w->errors = json_pack("{s:s}", "country", tr(r, N_("Choose a country from "
			    "the list (a code like KE).")));
			return WS_EINVAL;
		}
		up[0] = (char)(country[0] >= 'a' && country[0] <= 'z' ? country[0] - 32 : country[0]);
		up[1] = (char)(country[1] >= 'a' && country[1] <= 'z' ? country[1] - 32 : country[1]);
		country = up;
	}
	if ((rc = ini_list(req_db(r), country, status, page, per_page, &rows, &total)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append_new(items, ini_brief_view(r, row));
	val = app_list_value(items, page, per_page, total);
	fc = json_object();
	json_object_set_new(val, "facets", fc);
	for (k = facets; *k && rc == WS_OK; k++) {
		json_t *counts = NULL;

		if ((rc = ini_facet(req_db(r), country, status, *k, &counts)) == WS_OK)
			json_object_set_new(fc, *k, counts);
		else
			json_decref(counts);
	}
	if (rc != WS_OK) {
		json_decref(val);
		goto out;
	}
	if (!r->api)
		ini_page_list(r, val);
	resp_value(w, val);
	w->tpl = "initiative_list";
	w->title = N_("Country pilot initiatives");
out:
	json_decref(rows);
	return rc;
}

enum ws_err
h_initiative(struct req *r, struct resp *w)
{
	json_t *m = NULL;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ini_load_view(r, id, &m, NULL)) != WS_OK)
		return rc;
	if (!r->api)
		ini_page_one(r, m);
	resp_value(w, m);
	w->tpl = "initiative";
	w->title = N_("Country pilot initiative");
	return WS_OK;
}

/* ---- creating and changing --------------------------------------------------------- */

/* A refusal of a create or an edit into w. */
static enum ws_err
refused(struct req *r, struct resp *w, enum ws_err rc, json_t *errors)
{
	if (rc == WS_EINVAL) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
	} else if (rc == WS_ECONFLICT) {
		w->errors = json_pack("{s:s}", "call_id", tr(r, N_("Another initiative has this "
		    "call.")));
		w->detail = N_("Another initiative has this call.");
	}
	return rc;
}

static enum ws_err
answer(struct req *r, struct resp *w, int64_t id)
{
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	return h_initiative(r, w);
}

enum ws_err
h_initiative_create(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	int64_t id = 0;
	enum ws_err rc;

	if ((rc = ini_check(r, r->in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = ini_save(r, 0, values, &id)) != WS_OK)
		rc = refused(r, w, rc, NULL);
	else if ((rc = answer(r, w, id)) == WS_OK)
		w->status = 201;
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_initiative_edit(struct req *r, struct resp *w)
{
	json_t *s = NULL, *parts = NULL, *in = NULL, *values = NULL, *errors = NULL;
	int64_t id, out_id = 0;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ini_get(req_db(r), id, &s)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		rc = WS_EINVAL;
		w->detail = N_("Send the fields to change as a JSON object.");
		goto out;
	}
	if ((rc = ini_parts(req_db(r), id, &parts)) != WS_OK)
		goto out;
	in = ini_merged_input(s, parts, r->in);
	if ((rc = ini_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = ini_save(r, id, values, &out_id)) != WS_OK)
		rc = refused(r, w, rc, NULL);
	else
		rc = answer(r, w, id);
out:
	json_decref(s);
	json_decref(parts);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* ---- what other areas ask ------------------------------------------------------------ */

enum ws_err
initiatives_call_accepted(struct app *app, struct db *d, int64_t call_id, int64_t aid,
    int64_t uid, int64_t org, int64_t by)
{
	int64_t id = 0;
	int added = 0;
	enum ws_err rc;
	char note[200];

	if ((rc = ini_of_call(d, call_id, &id)) != WS_OK || !id)
		return rc;
	if ((rc = ini_part_add(d, id, org ? "organization" : "expert", org ? org : uid, "call",
	    aid, by, &added)) != WS_OK || !added)
		return rc;
	snprintf(note, sizeof note, "initiative %lld (call %lld, application %lld)",
	    (long long)id, (long long)call_id, (long long)aid);
	if (org)
		org_history_add(app, d, org, by, uid, "initiative.partner", NULL, note);
	else
		app_audit_about(app, d, by, 0, uid, "initiative.expert", NULL, note);
	return WS_OK;
}

/* Rows of ini_part_of as the lists show them.  Takes rows. */
static json_t *
mine_view(struct req *r, json_t *rows)
{
	static const char *const kinds[] = { "expert", "focal", "organization", NULL };
	static const char *const kind_labels[] = { N_("Expert"), N_("Government focal point"),
		N_("Partner organization"), NULL };
	json_t *it;
	size_t i;

	json_array_foreach(rows, i, it) {
		const char *c = json_string_value(json_object_get(it, "country"));
		const char *n = country_name(c, r->locale);
		const char *st = json_string_value(json_object_get(it, "status"));
		const char *k = json_string_value(json_object_get(it, "kind"));

		json_object_set_new(it, "country_name", json_string(n ? n : c));
		json_object_set_new(it, "status_label", json_string(ini_label(r, ini_statuses,
		    ini_status_labels, st)));
		json_object_set_new(it, "as", json_string(k));
		json_object_set_new(it, "as_label", json_string(ini_label(r, kinds, kind_labels,
		    k)));
		json_object_del(it, "kind");
		json_object_set_new(it, "href", json_string(arena_printf(r->a, "/initiatives/%lld",
		    (long long)json_integer_value(json_object_get(it, "id")))));
	}
	return rows;
}

enum ws_err
initiatives_of_person(struct req *r, int64_t uid, json_t **out)
{
	json_t *rows = NULL;
	enum ws_err rc = ini_part_of(req_db(r), uid, 0, INITIATIVES_OF_MAX, &rows);

	*out = rc == WS_OK ? mine_view(r, rows) : NULL;
	if (rc != WS_OK)
		json_decref(rows);
	return rc;
}

enum ws_err
initiatives_of_org(struct req *r, int64_t org, json_t **out)
{
	json_t *rows = NULL;
	enum ws_err rc = ini_part_of(req_db(r), 0, org, INITIATIVES_OF_MAX, &rows);

	*out = rc == WS_OK ? mine_view(r, rows) : NULL;
	if (rc != WS_OK)
		json_decref(rows);
	return rc;
}

enum ws_err
initiatives_of_country(struct req *r, const char *code, json_t **json, const char **html)
{
	struct ini_viewer v;
	json_t *rows = NULL, *items = json_array(), *s, *ctx;
	enum ws_err rc;
	size_t i;

	if (json)
		*json = NULL;
	if (html)
		*html = "";
	ini_viewer_of(r, &v);
	if ((rc = ini_of_country_rows(req_db(r), code, INITIATIVES_OF_MAX, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, s) {
		json_t *o = ini_brief_view(r, s), *parts = NULL, *p, *list;
		size_t k;

		json_object_del(o, "summary");
		json_object_set_new(o, "concept_note", concept_of(r, &v, json_object_get(s,
		    "concept_note")));
		json_object_del(o, "concept_note_id");
		if ((rc = ini_parts(req_db(r), json_integer_value(json_object_get(s, "id")),
		    &parts)) != WS_OK) {
			json_decref(o);
			goto out;
		}
		parts = parts_seen(&v, parts);
		json_object_set_new(o, "participants", json_integer((json_int_t)
		    json_array_size(parts)));
		if (v.member) {
			list = json_array();
			json_array_foreach(parts, k, p)
				json_array_append_new(list, part_view(p));
			json_object_set_new(o, "partners", list);
		}
		json_decref(parts);
		json_array_append_new(items, o);
	}
	if (html && json_array_size(items) > 0) {
		struct buf b;
		json_t *copy = json_deep_copy(items), *it, *p;

		json_array_foreach(copy, i, it) {
			size_t k, n = json_array_size(json_object_get(it, "partners"));

			json_array_foreach(json_object_get(it, "partners"), k, p)
				json_object_set_new(p, "last", json_boolean(k + 1 == n));
		}
		ctx = json_pack("{s:o}", "items", copy);
		buf_init(&b, 256 * 1024);
		rc = view_render(r->app->views, "initiatives_block", ctx, r->locale, &b);
		if (rc == WS_OK)
			*html = arena_strdup(r->a, buf_str(&b));
		buf_free(&b);
		json_decref(ctx);
		if (rc != WS_OK)
			goto out;
	}
	if (json) {
		*json = items;
		items = NULL;
	}
out:
	json_decref(rows);
	json_decref(items);
	return rc;
}
