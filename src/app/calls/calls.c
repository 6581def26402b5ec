/*
 * calls.c -- calls for participants as the API serves them: the list, one
 * call, and staff creating and changing them.
 *
 * A call's opening and closing times are UTC instants shown in its IANA
 * zone, given as RFC 3339 with an offset or as a wall-clock time in that
 * zone, as an event's are.  What is checked before anything is written (a
 * 422 naming the field): the closing time after the opening, a zone of the
 * tz database, the eligibility's codes, the questions' and criteria's
 * shape, an event that exists, and on a change, criteria that stay as they
 * are once an application was scored.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/calls/calls_int.h"
#include "app/directory/regions.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define CALL_PLACES_MAX 100000
#define CALL_CODES_MAX 250	/* kinds, countries or regions an eligibility lists */

static const char *const audiences[] = { "open", "members", NULL };

/* A zone of the tz database. */
static int
zone_valid(const char *s)
{
	const struct tz *z;

	return tz_get(s, &z) == WS_OK;
}

const struct field call_q_list[] = {
	{ "status", FT_CHOICE, 0, 0, 0, call_statuses, NULL,
	    N_("The status must be draft, open, closed or decided.") },
	{ "kind", FT_CHOICE, 0, 0, 0, call_kinds, NULL, N_("Choose a kind from the list.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

static const struct field call_fields[] = {
	{ "kind", FT_CHOICE, 1, 0, 0, call_kinds, NULL, N_("Choose a kind from the list.") },
	{ "title", FT_LINE, 1, 2, 300, NULL, NULL, NULL },
	{ "description", FT_TEXT, 0, 0, 20000, NULL, NULL, NULL },
	{ "timezone", FT_CHOICE, 1, 0, 0, NULL, zone_valid,
	    N_("Choose a time zone of the tz database, such as Europe/Vienna.") },
	{ "opens", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "closes", FT_LINE, 1, 0, 40, NULL, NULL, NULL },
	{ "places", FT_INT, 0, 1, CALL_PLACES_MAX, NULL, NULL,
	    N_("Enter a number of places from 1 to 100000, or none.") },
	{ "event_id", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Not an event.") },
	{ "status", FT_CHOICE, 0, 0, 0, call_statuses, NULL,
	    N_("The status must be draft, open, closed or decided.") },
};
#define CALL_NFIELDS (sizeof call_fields / sizeof call_fields[0])

/* msg in r's language as a JSON string.  New reference. */
static json_t *
tr(struct req *r, const char *msg)
{
	return json_string(view_tr(r->app->views, r->locale, msg));
}

void
call_time(json_t *c, int64_t t, char *s, size_t n)
{
	const struct tz *z = NULL;

	if (tz_get(json_string_value(json_object_get(c, "timezone")), &z) == WS_OK)
		tz_rfc3339(z, t, s, n);
	else
		time_rfc3339((time_t)t, s, n);
}

/* Instant t (a JSON integer, or null) as RFC 3339 in stored call c's
 * zone; null for null.  New reference. */
static json_t *
local_time(json_t *c, json_t *t)
{
	char s[40];

	if (!json_is_integer(t))
		return json_null();
	call_time(c, json_integer_value(t), s, sizeof s);
	return json_string(s);
}

/* An instant in UTC (created_at, updated_at).  New reference. */
static json_t *
utc_time(json_t *t)
{
	char s[40];

	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

int
call_accepting_at(json_t *c, int64_t now)
{
	json_t *opens = json_object_get(c, "opens_at");

	return strcmp(json_string_value(json_object_get(c, "status")), "open") == 0 &&
	    (!json_is_integer(opens) || json_integer_value(opens) <= now) &&
	    now < json_integer_value(json_object_get(c, "closes_at"));
}

json_t *
call_view(struct req *r, json_t *c)
{
	static const char *const copied[] = { "id", "kind", "title", "description",
		"eligibility", "timezone", "places", "questions", "criteria", "event_id",
		"status", "submitted", "accepted", NULL };
	json_t *out = json_object();
	const char *const *k;

	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(c, *k));
	json_object_set_new(out, "opens", local_time(c, json_object_get(c, "opens_at")));
	json_object_set_new(out, "closes", local_time(c, json_object_get(c, "closes_at")));
	json_object_set_new(out, "accepting", json_boolean(call_accepting_at(c, now_s())));
	if (json_is_string(json_object_get(c, "mine")))
		json_object_set_new(out, "application", json_pack("{s:O,s:O}", "id",
		    json_object_get(c, "mine_id"), "status", json_object_get(c, "mine")));
	else
		json_object_set_new(out, "application", json_null());
	json_object_set_new(out, "created_at", utc_time(json_object_get(c, "created_at")));
	json_object_set_new(out, "updated_at", utc_time(json_object_get(c, "updated_at")));
	if (r->user && r->user->role >= ROLE_STAFF)
		json_object_set(out, "created_by", json_object_get(c, "created_by"));
	return out;
}

enum ws_err
call_param(struct req *r, int64_t *id, json_t **c)
{
	*c = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	return call_get(req_db(r), r->user ? r->user->id : 0,
	    r->user && r->user->role >= ROLE_STAFF, *id, c);
}

const char *
call_sub(struct req *r, const char *msg, const char *key, const char *value)
{
	const char *s = view_tr(r->app->views, r->locale, msg);
	const char *pat = arena_printf(r->a, "{{%s}}", key), *at = strstr(s, pat);

	if (!at)
		return s;
	return arena_printf(r->a, "%.*s%s%s", (int)(at - s), s, value, at + strlen(pat));
}

/* msg with {{when}} as instant t in stored call c's zone. */
static const char *
with_when(struct req *r, const char *msg, json_t *c, int64_t t)
{
	char when[40];

	call_time(c, t, when, sizeof when);
	return call_sub(r, msg, "when", when);
}

enum ws_err
call_accepting(struct req *r, struct resp *w, json_t *c)
{
	json_t *opens = json_object_get(c, "opens_at");
	int64_t closes = json_integer_value(json_object_get(c, "closes_at")), now = now_s();

	if (now >= closes) {
		w->detail = with_when(r, N_("Applications closed at {{when}}."), c, closes);
		return WS_ECONFLICT;
	}
	if (strcmp(json_string_value(json_object_get(c, "status")), "open") != 0) {
		w->detail = N_("This call is not open for applications.");
		return WS_ECONFLICT;
	}
	if (json_is_integer(opens) && now < json_integer_value(opens)) {
		w->detail = with_when(r, N_("Applications open at {{when}}."), c,
		    json_integer_value(opens));
		return WS_ECONFLICT;
	}
	return WS_OK;
}

/* ---- the list ------------------------------------------------------------- */

enum ws_err
h_calls(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	int staff = r->user && r->user->role >= ROLE_STAFF;
	json_t *rows = NULL, *items, *c;
	enum ws_err rc;
	size_t i;

	if ((rc = call_list(req_db(r), r->user ? r->user->id : 0, staff, req_qstr(r, "status"),
	    req_qstr(r, "kind"), page, per_page, &rows, &total)) != WS_OK)
		return rc;
	items = json_array();
	json_array_foreach(rows, i, c)
		json_array_append_new(items, call_view(r, c));
	json_decref(rows);
	resp_value(w, app_list_value(items, page, per_page, total));
	if (!r->api)
		call_page_list(r, w->val);
	w->tpl = "call_list";
	w->title = N_("Calls for participants");
	return WS_OK;
}

/* ---- one call ------------------------------------------------------------- */

enum ws_err
h_call(struct req *r, struct resp *w)
{
	json_t *c;
	int64_t id;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	resp_value(w, call_view(r, c));
	json_decref(c);
	w->tpl = "call";
	w->title = N_("Call for participants");
	if (!r->api)
		return call_page_one(r, w->val, id);
	return WS_OK;
}

/* ---- creating and changing -------------------------------------------------- */

/* Whether s is a plain identifier: 1-32 of a-z, 0-9, _. */
static int
ident_ok(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return 0;
	return n >= 1 && n <= 32;
}

/* in (absent, or an array of at most CALL_CODES_MAX strings each valid)
 * as a new array; NULL when it is not. */
static json_t *
codes_of(json_t *in, int (*valid)(const char *))
{
	json_t *x;
	size_t i;

	if (!in || json_is_null(in))
		return json_array();
	if (!json_is_array(in) || json_array_size(in) > CALL_CODES_MAX)
		return NULL;
	json_array_foreach(in, i, x)
		if (!json_is_string(x) || !valid(json_string_value(x)))
			return NULL;
	return json_copy(in);
}

/* The eligibility sent (absent or {organization_kinds, countries, regions,
 * experts, audience}) as stored, every key given; NULL when it is not well
 * formed.  New reference. */
static json_t *
eligibility_of(json_t *in)
{
	json_t *kinds, *countries, *regions, *experts, *aud;
	const char *a = "open";
	size_t k;

	if (in && !json_is_null(in) && !json_is_object(in))
		return NULL;
	experts = json_object_get(in, "experts");
	aud = json_object_get(in, "audience");
	if ((experts && !json_is_boolean(experts)) || (aud && !json_is_string(aud)))
		return NULL;
	if (aud) {
		for (k = 0; audiences[k]; k++)
			if (strcmp(audiences[k], json_string_value(aud)) == 0)
				a = audiences[k];
		if (strcmp(a, json_string_value(aud)) != 0)
			return NULL;
	}
	kinds = codes_of(json_object_get(in, "organization_kinds"), kind_valid);
	countries = codes_of(json_object_get(in, "countries"), country_valid);
	regions = codes_of(json_object_get(in, "regions"), m49_valid);
	if (!kinds || !countries || !regions) {
		json_decref(kinds);
		json_decref(countries);
		json_decref(regions);
		return NULL;
	}
	return json_pack("{s:o,s:o,s:o,s:b,s:s}", "organization_kinds", kinds, "countries",
	    countries, "regions", regions, "experts", !experts || json_is_true(experts),
	    "audience", a);
}

/* The criteria sent (absent or an array of {id, name, weight}) as stored:
 * ids "c1", ... when not given, unique; weight 1 when not given.  NULL when
 * they are not well formed.  New reference. */
static json_t *
criteria_of(json_t *in)
{
	json_t *out = json_array(), *c;
	size_t i, j;

	if (!in || json_is_null(in))
		return out;
	if (!json_is_array(in) || json_array_size(in) > CALL_CRITERIA_MAX)
		goto bad;
	json_array_foreach(in, i, c) {
		json_t *id = json_object_get(c, "id"), *name = json_object_get(c, "name");
		json_t *wt = json_object_get(c, "weight");
		char dflt[16];

		if (!json_is_object(c) || !json_is_string(name) || json_string_length(name) < 1 ||
		    json_string_length(name) > CALL_NAME_MAX ||
		    strlen(json_string_value(name)) != json_string_length(name) ||
		    !utf8_valid_text(json_string_value(name), json_string_length(name), 0) ||
		    (id && (!json_is_string(id) || !ident_ok(json_string_value(id)))) ||
		    (wt && (!json_is_integer(wt) || json_integer_value(wt) < 1 ||
		    json_integer_value(wt) > CALL_WEIGHT_MAX)))
			goto bad;
		snprintf(dflt, sizeof dflt, "c%zu", i + 1);
		json_array_append_new(out, json_pack("{s:s,s:O,s:I}", "id", id ?
		    json_string_value(id) : dflt, "name", name, "weight", wt ?
		    json_integer_value(wt) : (json_int_t)1));
		for (j = 0; j < i; j++)
			if (strcmp(json_string_value(json_object_get(json_array_get(out, j), "id")),
			    json_string_value(json_object_get(json_array_get(out, i), "id"))) == 0)
				goto bad;
	}
	return out;
bad:
	json_decref(out);
	return NULL;
}

/* Reads time field name of values in zone z into values' name_at (null
 * when empty); a message in errors otherwise. */
static void
check_time(struct req *r, const struct tz *z, json_t *values, json_t *errors,
    const char *name, const char *name_at)
{
	app_time_field(r, z, values, errors, name, name_at, N_("Enter a date and time like "
	    "2026-10-22T09:00 (in the call's time zone) or 2026-10-22T09:00:00+02:00."),
	    N_("That time does not exist in the call's time zone: the clocks go forward "
	    "then."));
}

/* Value x (taken) of field name into values; when it is NULL (not well
 * formed), message msg under name in errors. */
static void
checked(struct req *r, json_t *values, json_t *errors, const char *name, json_t *x,
    const char *msg)
{
	if (x)
		json_object_set_new(values, name, x);
	else
		json_object_set_new(errors, name, tr(r, msg));
}

/*
 * Checks what r sends (r->in) as a call: *values the checked values with
 * opens_at and closes_at as instants, eligibility, questions and
 * criteria as stored; a message per field in *errors (NULL when none).
 */
static void
check_call(struct req *r, json_t **values, json_t **errors)
{
	const struct tz *z = NULL;
	json_t *vals = NULL, *errs = NULL, *x, *opens, *closes;
	const char *zone;

	if (form_check(r, call_fields, CALL_NFIELDS, &vals, &errs) == WS_OK || !errs)
		errs = json_object();
	zone = json_string_value(json_object_get(vals, "timezone"));
	if (!json_object_get(errs, "timezone") && zone && tz_get(zone, &z) == WS_OK) {
		check_time(r, z, vals, errs, "opens", "opens_at");
		check_time(r, z, vals, errs, "closes", "closes_at");
	}
	opens = json_object_get(vals, "opens_at");
	closes = json_object_get(vals, "closes_at");
	if (json_is_integer(opens) && json_is_integer(closes) &&
	    json_integer_value(opens) >= json_integer_value(closes))
		json_object_set_new(errs, "closes", tr(r, N_("The call must close after it "
		    "opens.")));
	checked(r, vals, errs, "eligibility", eligibility_of(json_object_get(r->in,
	    "eligibility")), N_("Eligibility is an object: organization_kinds, countries and "
	    "regions (lists of codes), experts (true or false) and audience (open or "
	    "members)."));
	checked(r, vals, errs, "questions", events_questions_of(json_object_get(r->in,
	    "questions"), 1), N_("Each question needs a label and a type (text, choice, "
	    "yes_no or file); a choice question needs two to twenty choices; ids are "
	    "unique."));
	checked(r, vals, errs, "criteria", criteria_of(json_object_get(r->in, "criteria")),
	    N_("Each criterion needs a name and a weight from 1 to 100; ids are unique; at "
	    "most 20."));
	x = json_object_get(vals, "event_id");
	if (json_is_integer(x) && !events_exists(req_db(r), json_integer_value(x)))
		json_object_set_new(errs, "event_id", tr(r, N_("There is no such event.")));
	if (!*json_string_value(json_object_get(vals, "status")))
		json_object_set_new(vals, "status", json_string("draft"));
	*values = vals;
	if (json_object_size(errs) == 0) {
		json_decref(errs);
		errs = NULL;
	}
	*errors = errs;
}

/* The answer of a create or an edit: the call as staff see it. */
static enum ws_err
answer(struct req *r, struct resp *w, int64_t id)
{
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	return h_call(r, w);
}

/* The audit entry of a call written (action "call.created" or
 * "call.edited"). */
static void
audit(struct req *r, struct db *d, const char *action, int64_t id, json_t *values)
{
	app_audit_about(r->app, d, r->user->id, 0, 0, action, r->ip, arena_printf(r->a,
	    "call %lld: %s (%s)", (long long)id, json_string_value(json_object_get(values,
	    "title")), json_string_value(json_object_get(values, "status"))));
}

enum ws_err
h_call_create(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	int64_t id = 0;
	enum ws_err rc;

	check_call(r, &values, &errors);
	if (errors) {
		w->errors = errors;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = call_insert(d, values, r->user->id, &id)) == WS_OK) {
		audit(r, d, "call.created", id, values);
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = answer(r, w, id)) == WS_OK)
		w->status = 201;
out:
	json_decref(values);
	return rc;
}

/* The fields of stored call c as input (times as RFC 3339 in its zone)
 * with what r sends laid over them.  New reference. */
static json_t *
merged_input(struct req *r, json_t *c)
{
	static const char *const extra[] = { "eligibility", "questions", "criteria", NULL };
	json_t *view = call_view(r, c), *m = json_object(), *x;
	const char *const *k;
	size_t i;

	for (i = 0; i < CALL_NFIELDS; i++) {
		const char *name = call_fields[i].name;

		if ((x = json_object_get(r->in, name)) != NULL)
			json_object_set(m, name, x);
		else if ((x = json_object_get(view, name)) != NULL && !json_is_null(x))
			json_object_set(m, name, x);
	}
	for (k = extra; *k; k++)
		json_object_set(m, *k, json_object_get(r->in, *k) ? json_object_get(r->in, *k) :
		    json_object_get(view, *k));
	json_decref(view);
	return m;
}

enum ws_err
h_call_edit(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *c = NULL, *values = NULL, *errors = NULL, *m;
	int64_t id, scored = 0;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	m = merged_input(r, c);
	json_decref(r->in);
	r->in = m;
	check_call(r, &values, &errors);
	if (!errors && (rc = events_kinds_kept(r, id, json_object_get(c, "questions"),
	    values, capp_q_answered, &errors)) != WS_OK)
		goto out;
	if (!errors && !json_equal(json_object_get(values, "criteria"),
	    json_object_get(c, "criteria"))) {
		if ((rc = call_scored(d, id, &scored)) != WS_OK)
			goto out;
		if (scored)
			errors = json_pack("{s:o}", "criteria", tr(r, N_("Applications have been "
			    "scored against these criteria: they cannot change now.")));
	}
	if (errors) {
		w->errors = errors;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = call_update(d, id, values)) == WS_OK) {
		audit(r, d, "call.edited", id, values);
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	rc = answer(r, w, id);
out:
	json_decref(c);
	json_decref(values);
	return rc;
}
