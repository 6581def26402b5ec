/*
 * dialogues.c -- constructive dialogues as the API serves them: the list,
 * one dialogue, and staff creating and changing them through one check
 * (dlg_check, which the staff form uses too).
 *
 * What is checked before anything is written (a 422 naming the field):
 * the fields required (title, session, the two events, the call, when
 * inputs close), a session that is a working group's (a meeting of body
 * untoc_wg: any other session is refused with the rule), two events that
 * exist and are not the same, a call of kind `dialogue` that no other
 * dialogue has, countries that are ISO 3166-1 codes, and a time for the
 * inputs' close in the session's zone.  A dialogue is written in one
 * transaction, audited.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/countries/countries.h"
#include "app/dialogues/dialogues_int.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static int
country_ok(const char *s)
{
	return country_valid(s);
}

static const struct field dlg_fields[] = {
	{ "title", FT_LINE, 1, 2, 300, NULL, NULL, NULL },
	{ "description", FT_TEXT, 0, 0, 20000, NULL, NULL, NULL },
	{ "meeting_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Not a session.") },
	{ "prep_event_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Not an event.") },
	{ "event_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Not an event.") },
	{ "call_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Not a call.") },
	{ "countries", FT_MULTI, 0, 0, DLG_COUNTRIES_MAX, NULL, country_ok,
	    N_("List countries by their ISO 3166-1 codes, such as NG or BR.") },
	{ "inputs_close", FT_LINE, 1, 1, 40, NULL, NULL, NULL },
};
#define DLG_NFIELDS (sizeof dlg_fields / sizeof dlg_fields[0])

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

json_t *
dlg_time(const char *zone, json_t *t)
{
	const struct tz *z = NULL;
	char s[40];

	if (!json_is_integer(t))
		return json_null();
	if (tz_get(zone, &z) != WS_OK && tz_get("UTC", &z) != WS_OK)
		time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	else
		tz_rfc3339(z, json_integer_value(t), s, sizeof s);
	return json_string(s);
}

static json_t *
utc_time(json_t *t)
{
	char s[40];

	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

int
dlg_person_seen(struct req *r, int64_t uid, int64_t org)
{
	json_t *o = NULL;
	int seen;

	if (!r->user)
		return 0;
	if (r->user->role >= ROLE_STAFF || r->user->id == uid)
		return 1;
	if (!org)
		return r->user->role == ROLE_MEMBER || r->user->role == ROLE_FOCAL;
	if (org_load(req_db(r), org, &o) != WS_OK)
		return 0;
	seen = org_level_for(r, org, NULL) >= org_field_level(o, "people");
	json_decref(o);
	return seen;
}

json_t *
dlg_view(struct req *r, json_t *g)
{
	static const char *const copied[] = { "id", "title", "description", "meeting_id",
		"prep_event_id", "event_id", "call_id", "countries", "timezone", NULL };
	const char *zone = json_string_value(json_object_get(g, "timezone"));
	json_t *out = json_object(), *pub = json_object_get(g, "summary_published_at");
	const char *const *k;
	int64_t app = 0, org = 0;
	int approved = 0;

	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(g, *k));
	json_object_set_new(out, "session", json_pack("{s:O,s:O,s:O,s:O,s:o,s:s}", "id",
	    json_object_get(g, "meeting_id"), "title", json_object_get(g, "session_title"),
	    "number", json_object_get(g, "session_number"), "working_group",
	    json_object_get(g, "working_group"), "start", dlg_time(zone, json_object_get(g,
	    "session_start_at")), "href", arena_printf(r->a, "/meetings/%lld", (long long)
	    json_integer_value(json_object_get(g, "meeting_id")))));
	json_object_set_new(out, "inputs_close", dlg_time(zone, json_object_get(g,
	    "inputs_close_at")));
	json_object_set_new(out, "accepting_inputs", json_boolean(now_s() <
	    json_integer_value(json_object_get(g, "inputs_close_at"))));
	if (json_is_integer(pub)) {
		json_t *f = json_object_get(g, "summary_file");

		json_object_set(out, "summary", json_object_get(g, "summary"));
		json_object_set_new(out, "summary_published", utc_time(pub));
		json_object_set_new(out, "summary_file", f ? json_pack("{s:O,s:O,s:O,s:O,s:s}",
		    "name", json_object_get(f, "name"), "type", json_object_get(f, "type"), "size",
		    json_object_get(f, "size"), "sha256", json_object_get(f, "sha256"), "url",
		    arena_printf(r->a, "/dialogues/%lld/summary/file", (long long)
		    json_integer_value(json_object_get(g, "id")))) : json_null());
	} else {
		json_object_set_new(out, "summary_file", json_null());
		json_object_set_new(out, "summary", json_null());
		json_object_set_new(out, "summary_published", json_null());
	}
	if (r->user && dlg_approved_of(req_db(r), json_integer_value(json_object_get(g,
	    "call_id")), r->user->id, &app, &org) == WS_OK)
		approved = 1;
	json_object_set_new(out, "approved_participant", json_boolean(approved));
	{	/* who takes part, for members and staff: organizations, or people
		 * (their names are the stakeholders' own, never a government's:
		 * a focal point reads which organizations took part on the
		 * country view) */
		struct dlg_viewer v;
		json_t *people = NULL, *p, *list;
		size_t i;

		dlg_viewer_of(r, &v);
		if (v.member && r->user->role != ROLE_FOCAL && dlg_people(req_db(r),
		    json_integer_value(json_object_get(g, "call_id")), &people) == WS_OK) {
			list = json_array();
			json_array_foreach(people, i, p)
				/* a suspended organization is named to staff only, as on
				 * the country page */
				if (strcmp(json_string_value(json_object_get(p, "status")),
				    "accepted") == 0 && (v.staff || json_is_true(json_object_get(p,
				    "live"))))	/* the person's name as their organization
						 * shows its people */
					json_array_append_new(list, json_pack("{s:s,s:O}", "name",
					    dlg_person_seen(r, json_integer_value(json_object_get(p,
					    "user_id")), json_integer_value(json_object_get(p,
					    "organization_id"))) ? json_string_value(json_object_get(p,
					    "name")) : "", "organization", json_object_get(p,
					    "organization")));
			json_object_set_new(out, "participants", list);
		}
		json_decref(people);
	}
	json_object_set_new(out, "created_at", utc_time(json_object_get(g, "created_at")));
	json_object_set_new(out, "updated_at", utc_time(json_object_get(g, "updated_at")));
	return out;
}

enum ws_err
dlg_param(struct req *r, int64_t *id, json_t **g)
{
	struct dlg_viewer v;

	*g = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	dlg_viewer_of(r, &v);
	return dlg_get(req_db(r), &v, *id, g);
}

/* ---- the list and one dialogue ------------------------------------------ */

enum ws_err
h_dialogues(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	struct dlg_viewer v;
	json_t *rows = NULL, *items, *val, *row;
	enum ws_err rc;
	size_t i;

	dlg_viewer_of(r, &v);
	if ((rc = dlg_list(req_db(r), &v, page, per_page, &rows, &total)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append_new(items, dlg_view(r, row));
	val = app_list_value(items, page, per_page, total);
	if (!r->api)
		json_object_set_new(val, "can_write", json_boolean(v.staff));
	resp_value(w, val);
	w->tpl = "dialogue_list";
	w->title = N_("Constructive dialogues");
out:
	json_decref(rows);
	return rc;
}

enum ws_err
h_dialogue(struct req *r, struct resp *w)
{
	json_t *g = NULL, *v;
	int64_t id;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	v = dlg_view(r, g);
	if (!r->api)
		dlg_page_one(r, g, v);
	json_decref(g);
	resp_value(w, v);
	w->tpl = "dialogue";
	w->title = N_("Constructive dialogue");
	return WS_OK;
}

/* ---- the check ------------------------------------------------------------- */

enum ws_err
dlg_check(struct req *r, json_t *in, int64_t id, json_t **values, json_t **errors)
{
	json_t *vals = NULL, *errs = NULL, *was = r->in, *x;
	const char *body = NULL, *wg = NULL, *kind = NULL, *zone = "UTC";
	const struct tz *z = NULL;
	int64_t sid, prep, ev, call, other = 0;
	enum ws_err rc = WS_OK;
	int64_t start_at = 0;
	int countries_sent = json_object_get(in, "countries") != NULL;

	*values = *errors = NULL;
	x = json_object_get(in, "countries");
	if (json_is_string(x) || json_is_array(x)) {
		/* the form's codes separated by commas or spaces, or the API's
		 * array: upper case, each once */
		json_t *list = json_array(), *y;
		size_t i, j;

		if (json_is_string(x)) {
			const char *c = json_string_value(x);

			while (*c) {
				size_t n = strcspn(c, ", \t\r\n");

				if (n)
					json_array_append_new(list, json_stringn(c, n));
				c += n;
				c += strspn(c, ", \t\r\n");
			}
		} else {
			json_array_foreach(x, i, y)
				json_array_append(list, y);
		}
		x = json_array();
		json_array_foreach(list, i, y) {
			char *up;
			int dup = 0;
			json_t *zz;

			if (!json_is_string(y)) {
				json_array_append(x, y);
				continue;
			}
			up = arena_strdup(r->a, json_string_value(y));
			for (j = 0; up[j]; j++)
				if (up[j] >= 'a' && up[j] <= 'z')
					up[j] = (char)(up[j] - 'a' + 'A');
			json_array_foreach(x, j, zz)
				dup |= json_is_string(zz) && strcmp(json_string_value(zz), up) == 0;
			if (!dup)
				json_array_append_new(x, json_string(up));
		}
		json_decref(list);
		in = json_deep_copy(in);
		json_object_set_new(in, "countries", x);
	} else {
		in = json_incref(in);
	}
	r->in = in;
	if (form_check(r, dlg_fields, DLG_NFIELDS, &vals, &errs) == WS_OK || !errs)
		errs = json_object();
	r->in = was;

	sid = json_integer_value(json_object_get(vals, "meeting_id"));
	if (json_is_integer(json_object_get(vals, "meeting_id"))) {
		struct db_q *q = db_start(req_db(r), ST_DLG_SESSION);

		db_bind_int(q, 1, sid);
		if ((rc = db_step(q)) == WS_OK) {
			body = arena_strdup(r->a, db_col_text(q, DLG_S_C_BODY));
			wg = arena_strdup(r->a, db_col_text(q, DLG_S_C_WG));
			zone = arena_strdup(r->a, db_col_text(q, DLG_S_C_TZ));
			start_at = db_col_int(q, DLG_S_C_START);
		}
		db_end(q);
		if (rc == WS_EDONE)
			fail(r, errs, "meeting_id", N_("There is no such session."));
		else if (rc != WS_OK)
			goto out;
		else if (strcmp(body, "untoc_wg") != 0 || !*wg)
			fail(r, errs, "meeting_id", N_("A constructive dialogue follows a session "
			    "of a working group of the Conference of the Parties to the Organized "
			    "Crime Convention: choose one of theirs."));
		rc = WS_OK;
	}
	prep = json_integer_value(json_object_get(vals, "prep_event_id"));
	ev = json_integer_value(json_object_get(vals, "event_id"));
	if (prep && !events_exists(req_db(r), prep))
		fail(r, errs, "prep_event_id", N_("There is no such event."));
	if (ev && !events_exists(req_db(r), ev))
		fail(r, errs, "event_id", N_("There is no such event."));
	if (prep && ev && prep == ev)
		fail(r, errs, "event_id", N_("The preparation day and the dialogue are two "
		    "events."));
	call = json_integer_value(json_object_get(vals, "call_id"));
	if (call) {
		if ((rc = dlg_call_kind(r, call, &kind)) == WS_ENOTFOUND)
			fail(r, errs, "call_id", N_("There is no such call."));
		else if (rc != WS_OK)
			goto out;
		else if (strcmp(kind, "dialogue") != 0)
			fail(r, errs, "call_id", N_("Choose a call of kind dialogue."));
		else if ((rc = dlg_same_call(req_db(r), call, id, &other)) != WS_OK)
			goto out;
		else if (other)
			fail(r, errs, "call_id", N_("Another dialogue has this call."));
		rc = WS_OK;
	}
	if (tz_get(zone, &z) != WS_OK && tz_get("UTC", &z) != WS_OK)
		z = NULL;
	if (!countries_sent && !id && start_at && z) {
		/* a new dialogue's countries under review, left out: those in
		 * the country-review stage in its session's year */
		json_t *due = NULL, *c;
		char when[40];
		int64_t year = 0;
		size_t i;

		tz_rfc3339(z, start_at, when, sizeof when);
		when[4] = '\0';
		if (parse_int(when, 1, 9999, &year) == WS_OK &&
		    (rc = countries_in_review(req_db(r), year, &due)) == WS_OK) {
			json_t *list = json_array();

			json_array_foreach(due, i, c)
				json_array_append(list, json_object_get(c, "country"));
			json_object_set_new(vals, "countries", list);
		}
		json_decref(due);
		if (rc != WS_OK)
			goto out;
	}
	if (!json_is_array(json_object_get(vals, "countries")))
		json_object_set_new(vals, "countries", json_array());
	if (z)
		app_time_field(r, z, vals, errs, "inputs_close", "inputs_close_at",
		    N_("Enter a date and time like 2026-10-22T18:00 (in the session's time "
		    "zone) or 2026-10-22T18:00:00+02:00."), N_("That time does not exist in the "
		    "session's time zone: the clocks go forward then."));
	if (!json_is_integer(json_object_get(vals, "inputs_close_at")))
		fail(r, errs, "inputs_close", N_("Say when written inputs close."));
	*values = vals;
	vals = NULL;
	if (json_object_size(errs) > 0) {
		*errors = errs;
		errs = NULL;
	}
out:
	json_decref(in);
	json_decref(vals);
	json_decref(errs);
	return rc;
}

enum ws_err
dlg_save(struct req *r, int64_t id, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = dlg_put(d, id, values, r->user->id, out)) == WS_OK) {
		app_audit(r->app, d, r->user->id, id ? "dialogue.edited" : "dialogue.created",
		    r->ip, arena_printf(r->a, "dialogue %lld: %s", (long long)*out,
		    json_string_value(json_object_get(values, "title"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

/* ---- creating and changing ------------------------------------------------- */

static enum ws_err
refused(struct resp *w, json_t *errors)
{
	w->errors = json_incref(errors);
	w->detail = N_("Some fields need your attention.");
	return WS_EINVAL;
}

static enum ws_err
answer(struct req *r, struct resp *w, int64_t id)
{
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	return h_dialogue(r, w);
}

enum ws_err
h_dialogue_create(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	int64_t id = 0;
	enum ws_err rc;

	if ((rc = dlg_check(r, r->in, 0, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(w, errors);
	else if ((rc = dlg_save(r, 0, values, &id)) == WS_OK &&
	    (rc = answer(r, w, id)) == WS_OK)
		w->status = 201;
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

json_t *
dlg_merged_input(json_t *g, json_t *in)
{
	static const char *const names[] = { "title", "description", "meeting_id",
		"prep_event_id", "event_id", "call_id", "countries", "inputs_close", NULL };
	const char *const *k;
	json_t *out = json_object(), *x;

	for (k = names; *k; k++) {
		if ((x = json_object_get(in, *k)) != NULL)
			json_object_set(out, *k, x);
		else if ((x = json_object_get(g, *k)) != NULL && !json_is_null(x))
			json_object_set(out, *k, x);
	}
	return out;
}

enum ws_err
h_dialogue_edit(struct req *r, struct resp *w)
{
	json_t *g = NULL, *view = NULL, *in = NULL, *values = NULL, *errors = NULL;
	int64_t id, out_id = 0;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		rc = WS_EINVAL;
		w->detail = N_("Send the fields to change as a JSON object.");
		goto out;
	}
	view = dlg_view(r, g);
	in = dlg_merged_input(view, r->in);
	if ((rc = dlg_check(r, in, id, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(w, errors);
	else if ((rc = dlg_save(r, id, values, &out_id)) == WS_OK)
		rc = answer(r, w, id);
out:
	json_decref(g);
	json_decref(view);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}
