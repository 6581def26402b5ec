/*
 * events.c -- events as the API serves them: the list with its filters and
 * counts, one event, and staff creating and changing them.
 *
 * Times are stored as UTC instants with the event's IANA zone and given
 * out as RFC 3339 with the zone's offset at each instant, so a week-long
 * workshop in Vienna that spans the last Sunday of October starts at
 * +02:00 and ends at +01:00.  Staff may send a time with an offset (taken
 * as that instant) or without one (a wall-clock time in the event's zone;
 * one that the clocks skip is refused, one they pass twice is the first).
 *
 * What is checked before anything is written (a 422 naming the field):
 * the end after the start, registration opening before it closes and
 * closing by the start, a time zone of the tz database, the questions'
 * shape, and on a change, a capacity no lower than the people already
 * confirmed.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/regions.h"
#include "app/events/events_int.h"
#include "app/events/notify.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const ev_statuses[] = { "draft", "published", "cancelled", NULL };
static const char *const ev_whens[] = { "upcoming", "past", "all", NULL };
static const char *const ev_audiences[] = { "members", "open", NULL };
static const char *const ev_vis[] = { "public", "members", "staff", NULL };
/* a question's types; "file" (a call's, answered by an upload) last */
static const char *const ev_qtypes[] = { "text", "choice", "yes_no", "file", NULL };
static const char *const ev_views[] = { "list", "month", NULL };

#define EV_RESOURCES_MAX 50	/* resources an event lists */
#define EV_CAPACITY_MAX 100000

/* "2026-10": a year and a month. */
static int
month_valid(const char *s)
{
	return strlen(s) == 7 && s[0] >= '1' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9' && s[4] == '-' &&
	    ((s[5] == '0' && s[6] >= '1' && s[6] <= '9') || (s[5] == '1' && s[6] >= '0' &&
	    s[6] <= '2'));
}

/* A zone of the tz database. */
static int
zone_valid(const char *s)
{
	const struct tz *z;

	return tz_get(s, &z) == WS_OK;
}

const struct field ev_q_list[] = {
	{ "kind", FT_CHOICE, 0, 0, 0, ev_kinds, NULL, N_("Choose a kind from the list.") },
	{ "theme", FT_CHOICE, 0, 0, 0, NULL, theme_known, N_("Choose themes from the list.") },
	{ "language", FT_CHOICE, 0, 0, 0, NULL, language_valid,
	    N_("Choose languages from the list.") },
	{ "region", FT_CHOICE, 0, 0, 0, NULL, m49_valid, N_("Choose a region from the list.") },
	{ "month", FT_CHOICE, 0, 0, 0, NULL, month_valid, N_("Enter a month like 2026-10.") },
	{ "when", FT_CHOICE, 0, 0, 0, ev_whens, NULL, N_("Choose upcoming, past or all.") },
	{ "status", FT_CHOICE, 0, 0, 0, ev_statuses, NULL,
	    N_("The status must be draft, published or cancelled.") },
	{ "view", FT_CHOICE, 0, 0, 0, ev_views, NULL, N_("Choose list or month.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

static const struct field ev_fields[] = {
	{ "kind", FT_CHOICE, 1, 0, 0, ev_kinds, NULL, N_("Choose a kind from the list.") },
	{ "title", FT_LINE, 1, 2, 300, NULL, NULL, NULL },
	{ "description", FT_TEXT, 0, 0, 20000, NULL, NULL, NULL },
	{ "start", FT_LINE, 1, 0, 40, NULL, NULL, NULL },
	{ "end", FT_LINE, 1, 0, 40, NULL, NULL, NULL },
	{ "timezone", FT_CHOICE, 1, 0, 0, NULL, zone_valid,
	    N_("Choose a time zone of the tz database, such as Europe/Vienna.") },
	{ "venue", FT_LINE, 0, 0, 300, NULL, NULL, NULL },
	{ "online_url", FT_URL, 0, 0, 2000, NULL, NULL, NULL },
	{ "languages", FT_MULTI, 0, 0, 20, NULL, language_valid,
	    N_("Choose languages from the list.") },
	{ "themes", FT_MULTI, 0, 0, 20, NULL, theme_valid, N_("Choose themes from the list.") },
	{ "regions", FT_MULTI, 0, 0, 30, NULL, m49_valid, N_("Choose a region from the list.") },
	{ "organizer", FT_LINE, 0, 0, 300, NULL, NULL, NULL },
	{ "capacity", FT_INT, 0, 1, EV_CAPACITY_MAX, NULL, NULL,
	    N_("Enter a number of places from 1 to 100000, or none for no limit.") },
	{ "registration_opens", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "registration_closes", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "approval_required", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
	{ "audience", FT_CHOICE, 0, 0, 0, ev_audiences, NULL,
	    N_("The audience must be members or open.") },
	{ "visibility", FT_CHOICE, 0, 0, 0, ev_vis, NULL,
	    N_("Visibility must be public, members or staff.") },
	{ "status", FT_CHOICE, 0, 0, 0, ev_statuses, NULL,
	    N_("The status must be draft, published or cancelled.") },
};
#define EV_NFIELDS (sizeof ev_fields / sizeof ev_fields[0])

/* msg in r's language as a JSON string.  New reference. */
static json_t *
tr(struct req *r, const char *msg)
{
	return json_string(view_tr(r->app->views, r->locale, msg));
}

/* The zone of stored event ev: its own, or UTC should the tz database
 * have lost it since (NULL if even that is missing). */
static const struct tz *
zone_of(json_t *ev)
{
	const struct tz *z = NULL;

	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &z) != WS_OK &&
	    tz_get("UTC", &z) != WS_OK)
		return NULL;
	return z;
}

/* Instant t (a JSON integer, or null) as RFC 3339 in z; null for null. */
static json_t *
local_time(const struct tz *z, json_t *t)
{
	char s[40];

	if (!json_is_integer(t))
		return json_null();
	if (z)
		tz_rfc3339(z, json_integer_value(t), s, sizeof s);
	else
		time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

/* An instant in UTC (created_at, updated_at). */
static json_t *
utc_time(json_t *t)
{
	char s[40];

	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

int
events_is_session(json_t *ev)
{
	const char *k = json_string_value(json_object_get(ev, "kind"));

	return k && strcmp(k, "session") == 0;
}

/* Whether registration for stored event ev is open at now.  A session
 * of a meeting takes none: organizations nominate its delegates. */
static int
reg_open(json_t *ev, int64_t now)
{
	json_t *opens = json_object_get(ev, "registration_opens_at");
	json_t *closes = json_object_get(ev, "registration_closes_at");

	return !events_is_session(ev) && strcmp(json_string_value(json_object_get(ev, "status")), "published") == 0 &&
	    (!json_is_integer(opens) || json_integer_value(opens) <= now) &&
	    (json_is_integer(closes) ? now < json_integer_value(closes) :
	    now < json_integer_value(json_object_get(ev, "start_at")));
}

/* Stored event ev as v sees it.  New reference. */
static json_t *
ev_view(const struct ev_viewer *v, json_t *ev)
{
	static const char *const copied[] = { "id", "kind", "title", "description", "timezone",
		"venue", "languages", "themes", "regions", "organizer", "capacity",
		"approval_required", "audience", "visibility", "questions", "resources", "status",
		"confirmed", "waitlisted", NULL };
	const struct tz *z = zone_of(ev);
	const char *mine = json_string_value(json_object_get(ev, "mine"));
	json_t *out = json_object(), *cap = json_object_get(ev, "capacity");
	const char *const *k;
	int64_t left;

	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(ev, *k));
	json_object_set_new(out, "start", local_time(z, json_object_get(ev, "start_at")));
	json_object_set_new(out, "end", local_time(z, json_object_get(ev, "end_at")));
	json_object_set_new(out, "registration_opens", local_time(z, json_object_get(ev,
	    "registration_opens_at")));
	json_object_set_new(out, "registration_closes", local_time(z, json_object_get(ev,
	    "registration_closes_at")));
	/* the link to join is for those who have a place, and staff (not for
	 * one whose approval for a dialogue lapsed: ev_link_lapsed) */
	if (v->staff || (mine && (strcmp(mine, "confirmed") == 0 ||
	    strcmp(mine, "attended") == 0) && !json_is_true(json_object_get(ev, "link_lapsed"))))
		json_object_set(out, "online_url", json_object_get(ev, "online_url"));
	else
		json_object_set_new(out, "online_url", json_null());
	if (json_is_integer(cap)) {
		left = json_integer_value(cap) - json_integer_value(json_object_get(ev, "confirmed"));
		json_object_set_new(out, "places_left", json_integer(left > 0 ? left : 0));
	} else {
		json_object_set_new(out, "places_left", json_null());
	}
	json_object_set_new(out, "registration_open", json_boolean(reg_open(ev, now_s())));
	json_object_set(out, "registration", json_object_get(ev, "mine"));
	json_object_set_new(out, "created_at", utc_time(json_object_get(ev, "created_at")));
	json_object_set_new(out, "updated_at", utc_time(json_object_get(ev, "updated_at")));
	if (v->staff)
		json_object_set(out, "created_by", json_object_get(ev, "created_by"));
	return out;
}

/* ---- what a person can still register for ------------------------------- */

/* At most this many upcoming events are read for a person's
 * opportunities: more than a hub ever has open at once. */
#define EV_OPEN_MAX 500

enum ws_err
events_opportunities(struct req *r, int want, json_t *out)
{
	struct ev_viewer v;
	json_t *rows = NULL, *ev;
	int member = r->user->role == ROLE_MEMBER || r->user->role >= ROLE_STAFF;
	enum ws_err rc;
	size_t i;

	/* registering asks for a verified address: nothing is open to an
	 * account without one yet (the page says so) */
	if (!r->user->verified_at)
		return WS_OK;
	ev_viewer_of(r, &v);
	/* open, not registered for (a cancelled registration can be made
	 * anew), for members only when they are one: ST_EV_OPEN_FOR's */
	if ((rc = ev_open_for(req_db(r), &v, member, now_s(), want, EV_OPEN_MAX, &rows)) !=
	    WS_OK) {
		json_decref(rows);
		return rc;
	}
	json_array_foreach(rows, i, ev)
		json_array_append_new(out, json_pack("{s:s,s:O,s:O,s:O,s:O,s:O,s:s,s:s,s:O,s:[]}",
		    "type", "event", "id", json_object_get(ev, "id"), "title",
		    json_object_get(ev, "title"), "kind", json_object_get(ev, "kind"),
		    "deadline_at", json_object_get(ev, "deadline_at"), "timezone",
		    json_object_get(ev, "timezone"), "href", arena_printf(r->a, "/events/%lld",
		    (long long)json_integer_value(json_object_get(ev, "id"))), "action", "register",
		    "themes", json_object_get(ev, "themes"), "countries"));
	json_decref(rows);
	return WS_OK;
}

/* ---- the list ------------------------------------------------------------- */

enum ws_err
h_events(struct req *r, struct resp *w)
{
	static const char *const facets[] = { "kind", "theme", "language", "region", "month",
		NULL };
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	struct ev_viewer v;
	struct ev_filter f;
	json_t *rows = NULL, *items, *fc, *val, *row;
	const char *const *k;
	enum ws_err rc;
	size_t i;
	int t;

	ev_viewer_of(r, &v);
	memset(&f, 0, sizeof f);
	f.status = req_qstr(r, "status");
	f.kind = req_qstr(r, "kind");
	f.month = req_qstr(r, "month");
	f.when = req_qstr(r, "when");
	if (!*f.when)
		f.when = "upcoming";
	else if (strcmp(f.when, "all") == 0)
		f.when = "";
	f.now = now_s();
	for (t = 0; t < ET__MAX; t++)
		f.term[t] = req_qstr(r, ev_term_facet[t]);
	if (*ev_page_month(r)) {	/* a month's calendar: all its events */
		f.month = ev_page_month(r);
		f.when = "";
		page = 1;
		per_page = EV_MONTH_MAX;
	}
	if ((rc = ev_list(req_db(r), &v, &f, page, per_page, &rows, &total)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append_new(items, ev_view(&v, row));
	val = app_list_value(items, page, per_page, total);
	fc = json_object();
	for (k = facets; *k && rc == WS_OK; k++) {
		json_t *counts;

		if ((rc = ev_facet(req_db(r), &v, &f, *k, &counts)) == WS_OK)
			json_object_set_new(fc, *k, counts);
		else
			json_decref(counts);
	}
	json_object_set_new(val, "facets", fc);
	if (rc != WS_OK) {
		json_decref(val);
		goto out;
	}
	if (!r->api)
		ev_page_list(r, val);
	resp_value(w, val);
	w->tpl = "event_list";
	w->title = N_("Events");
out:
	json_decref(rows);
	return rc;
}

/* ---- one event ------------------------------------------------------------ */

/* The event of r's {id} that v may see (WS_ENOTFOUND otherwise), stored
 * JSON, a new reference. */
static enum ws_err
load_param(struct req *r, const struct ev_viewer *v, int64_t *id, json_t **ev)
{
	*ev = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	return ev_get(req_db(r), v, *id, ev);
}

enum ws_err
h_event(struct req *r, struct resp *w)
{
	struct ev_viewer v;
	json_t *ev;
	int64_t id;
	enum ws_err rc;

	ev_viewer_of(r, &v);
	if ((rc = load_param(r, &v, &id, &ev)) != WS_OK)
		return rc;
	resp_value(w, ev_view(&v, ev));
	json_decref(ev);
	w->tpl = "event";
	w->title = N_("Event");
	if (!r->api)
		return ev_page_one(r, w->val, id);
	return WS_OK;
}

int
events_exists(struct db *d, int64_t id)
{
	static const struct ev_viewer staff = { 0, 1, 1 };
	json_t *ev = NULL;
	int ok = ev_get(d, &staff, id, &ev) == WS_OK;

	json_decref(ev);
	return ok;
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

/* Whether v is one line of text of 1 to max bytes. */
static int
line_ok(json_t *v, size_t max)
{
	const char *s = json_string_value(v);

	return s && json_string_length(v) >= 1 && json_string_length(v) <= max &&
	    strlen(s) == json_string_length(v) && utf8_valid_text(s, strlen(s), 0);
}

json_t *
events_questions_of(json_t *in, int files)
{
	json_t *out = json_array(), *q;
	size_t i;

	if (!in || json_is_null(in))
		return out;
	if (!json_is_array(in) || json_array_size(in) > EV_QUESTIONS_MAX)
		goto bad;
	json_array_foreach(in, i, q) {
		json_t *id = json_object_get(q, "id"), *type = json_object_get(q, "type");
		json_t *req = json_object_get(q, "required"), *ch = json_object_get(q, "choices");
		json_t *max = json_object_get(q, "max_length"), *x, *o;
		char dflt[16];
		size_t j, k;

		if (!json_is_object(q) || !line_ok(json_object_get(q, "label"), EV_LABEL_MAX) ||
		    !json_is_string(type) || (req && !json_is_boolean(req)) ||
		    (id && (!json_is_string(id) || !ident_ok(json_string_value(id)))))
			goto bad;
		for (k = 0; ev_qtypes[k]; k++)
			if (strcmp(ev_qtypes[k], json_string_value(type)) == 0)
				break;
		if (!ev_qtypes[k] || (!files && strcmp(ev_qtypes[k], "file") == 0))
			goto bad;
		snprintf(dflt, sizeof dflt, "q%zu", i + 1);
		o = json_pack("{s:s,s:O,s:O,s:b}", "id", id ? json_string_value(id) : dflt,
		    "label", json_object_get(q, "label"), "type", type, "required",
		    json_is_true(req));
		json_array_append_new(out, o);
		/* ids are unique within the event */
		for (j = 0; j < i; j++)
			if (strcmp(json_string_value(json_object_get(json_array_get(out, j), "id")),
			    json_string_value(json_object_get(o, "id"))) == 0)
				goto bad;
		/* a text question may say how long its answer may be */
		if (max && !json_is_null(max)) {
			if (strcmp(json_string_value(type), "text") != 0 || !json_is_integer(max) ||
			    json_integer_value(max) < 1 ||
			    json_integer_value(max) > EV_ANSWER_LIMIT)
				goto bad;
			json_object_set(o, "max_length", max);
		}
		if (strcmp(json_string_value(type), "choice") != 0) {
			if (ch && !json_is_null(ch))
				goto bad;
			continue;
		}
		if (!json_is_array(ch) || json_array_size(ch) < 2 ||
		    json_array_size(ch) > EV_CHOICES_MAX)
			goto bad;
		json_array_foreach(ch, j, x)
			if (!line_ok(x, EV_CHOICE_MAX))
				goto bad;
		json_object_set(o, "choices", ch);
	}
	return out;
bad:
	json_decref(out);
	return NULL;
}

/* The resources sent (absent or an array of ids), or NULL. */
static json_t *
resources_of(json_t *in)
{
	json_t *x;
	size_t i;

	if (!in || json_is_null(in))
		return json_array();
	if (!json_is_array(in) || json_array_size(in) > EV_RESOURCES_MAX)
		return NULL;
	json_array_foreach(in, i, x)
		if (!json_is_integer(x) || json_integer_value(x) < 1)
			return NULL;
	return json_incref(in);
}

/* Reads time field name of values in zone z into values' name_at (null
 * when empty); a message in errors otherwise. */
static void
check_time(struct req *r, const struct tz *z, json_t *values, json_t *errors,
    const char *name, const char *name_at)
{
	app_time_field(r, z, values, errors, name, name_at, N_("Enter a date and time like "
	    "2026-10-22T09:00 (in the event's time zone) or 2026-10-22T09:00:00+02:00."),
	    N_("That time does not exist in the event's time zone: the clocks go forward "
	    "then."));
}

/*
 * Checks what r sends (r->in) as an event: *values the checked values with
 * times as instants (start_at, end_at, registration_opens_at,
 * registration_closes_at), start_month, questions and resources; a
 * message per field in *errors (NULL when none).  confirmed: the people
 * confirmed so far, whom the capacity may not go below.
 */
static void
check_event(struct req *r, int64_t confirmed, json_t **values, json_t **errors)
{
	const struct tz *z = NULL;
	json_t *vals = NULL, *errs = NULL, *qs, *res, *x;
	const char *zone;

	if (form_check(r, ev_fields, EV_NFIELDS, &vals, &errs) == WS_OK || !errs)
		errs = json_object();
	zone = json_string_value(json_object_get(vals, "timezone"));
	if (!json_object_get(errs, "timezone") && zone && tz_get(zone, &z) == WS_OK) {
		check_time(r, z, vals, errs, "start", "start_at");
		check_time(r, z, vals, errs, "end", "end_at");
		check_time(r, z, vals, errs, "registration_opens", "registration_opens_at");
		check_time(r, z, vals, errs, "registration_closes", "registration_closes_at");
	}
	if (json_is_integer(json_object_get(vals, "start_at")) &&
	    json_is_integer(json_object_get(vals, "end_at"))) {
		int64_t start = json_integer_value(json_object_get(vals, "start_at"));
		json_t *opens = json_object_get(vals, "registration_opens_at");
		json_t *closes = json_object_get(vals, "registration_closes_at");
		struct tz_local l;
		char month[16];

		if (json_integer_value(json_object_get(vals, "end_at")) <= start)
			json_object_set_new(errs, "end", tr(r, N_("The end must be after the start.")));
		if (json_is_integer(closes) && json_integer_value(closes) > start)
			json_object_set_new(errs, "registration_closes", tr(r, N_("Registration "
			    "must close by the start of the event.")));
		if (json_is_integer(opens) && json_integer_value(opens) >=
		    (json_is_integer(closes) ? json_integer_value(closes) : start))
			json_object_set_new(errs, "registration_opens", tr(r, N_("Registration "
			    "must open before it closes and before the event starts.")));
		tz_to_local(z, start, &l);
		snprintf(month, sizeof month, "%04d-%02d", l.year, l.mon);
		json_object_set_new(vals, "start_month", json_string(month));
	}
	x = json_object_get(vals, "capacity");
	if (json_is_integer(x) && json_integer_value(x) < confirmed)
		json_object_set_new(errs, "capacity", tr(r, N_("The capacity cannot be below the "
		    "number of people already confirmed.")));
	if ((qs = events_questions_of(json_object_get(r->in, "questions"), 0)) == NULL)
		json_object_set_new(errs, "questions", tr(r, N_("Each question needs a label and a "
		    "type (text, choice or yes_no); a choice question needs two to twenty "
		    "choices; ids are unique.")));
	else
		json_object_set_new(vals, "questions", qs);
	if ((res = resources_of(json_object_get(r->in, "resources"))) == NULL)
		json_object_set_new(errs, "resources", tr(r, N_("List resources by their ids "
		    "(at most 50).")));
	else
		json_object_set_new(vals, "resources", res);
	if (!*json_string_value(json_object_get(vals, "audience")))
		json_object_set_new(vals, "audience", json_string("members"));
	if (!*json_string_value(json_object_get(vals, "visibility")))
		json_object_set_new(vals, "visibility", json_string("public"));
	if (!*json_string_value(json_object_get(vals, "status")))
		json_object_set_new(vals, "status", json_string("draft"));
	*values = vals;
	if (json_object_size(errs) == 0) {
		json_decref(errs);
		errs = NULL;
	}
	*errors = errs;
}

void
events_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	json_t *was = r->in;

	r->in = in;
	check_event(r, 0, values, errors);
	r->in = was;
}

enum ws_err
events_store(struct app *app, struct db *d, int64_t id, json_t *values, int64_t by,
    int64_t *out)
{
	static const struct ev_viewer staff = { 0, 1, 1 };
	json_t *before = NULL;
	enum ws_err rc;

	if (id == 0) {
		if ((rc = ev_insert(d, values, by, out)) != WS_OK)
			return rc;
		return ev_terms_put(d, *out, values);
	}
	*out = id;
	if ((rc = ev_get(d, &staff, id, &before)) != WS_OK)
		return rc;
	if ((rc = ev_update(d, id, values)) == WS_OK &&
	    (rc = ev_terms_put(d, id, values)) == WS_OK)
		rc = ev_notify_edit(app, d, before, id);
	json_decref(before);
	return rc;
}

/* The answer of a create or an edit: the event as staff see it. */
static enum ws_err
answer(struct req *r, struct resp *w, int64_t id)
{
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	return h_event(r, w);
}

enum ws_err
h_event_create(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	int64_t id = 0;
	enum ws_err rc;

	check_event(r, 0, &values, &errors);
	if (events_is_session(values)) {
		if (!errors)
			errors = json_object();
		json_object_set_new(errors, "kind", tr(r, EV_SESSION_ELSEWHERE));
	}
	if (errors) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = ev_insert(d, values, r->user->id, &id)) == WS_OK &&
	    (rc = ev_terms_put(d, id, values)) == WS_OK) {
		app_audit_about(r->app, d, r->user->id, 0, 0, "event.created", r->ip,
		    arena_printf(r->a, "event %lld: %s (%s)", (long long)id,
		    json_string_value(json_object_get(values, "title")),
		    json_string_value(json_object_get(values, "status"))));
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
	json_decref(errors);
	return rc;
}

/* The fields of stored event ev as input (times as RFC 3339 in its zone)
 * with what r sends laid over them.  New reference. */
static json_t *
merged_input(struct req *r, const struct ev_viewer *v, json_t *ev)
{
	static const char *const extra[] = { "questions", "resources", NULL };
	json_t *view = ev_view(v, ev), *m = json_object(), *x;
	const char *const *k;
	size_t i;

	for (i = 0; i < EV_NFIELDS; i++) {
		const char *name = ev_fields[i].name;

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
events_kinds_kept(struct req *r, int64_t id, json_t *stored, json_t *values,
    events_answered_fn is_answered, json_t **errors)
{
	json_t *q, *o;
	size_t i, k;
	enum ws_err rc = WS_OK;

	json_array_foreach(json_object_get(values, "questions"), i, q) {
		const char *qid = json_string_value(json_object_get(q, "id"));

		json_array_foreach(stored, k, o) {
			int answered = 0;

			if (!json_is_string(json_object_get(o, "id")) || strcmp(qid,
			    json_string_value(json_object_get(o, "id"))) != 0 ||
			    json_equal(json_object_get(q, "type"), json_object_get(o, "type")))
				continue;
			if ((rc = is_answered(req_db(r), id, qid, &answered)) != WS_OK)
				return rc;
			if (answered && !*errors)
				*errors = json_pack("{s:s}", "questions", arena_printf(r->a,
				    "%s (%s)", view_tr(r->app->views, r->locale, N_("People have "
				    "answered this question: its kind cannot change.")), qid));
		}
	}
	return rc;
}

enum ws_err
h_event_edit(struct req *r, struct resp *w)
{
	struct ev_viewer v;
	struct db *d = req_db(r);
	json_t *ev = NULL, *values = NULL, *errors = NULL;
	const char *was, *to;
	int64_t id;
	enum ws_err rc;

	ev_viewer_of(r, &v);
	if ((rc = load_param(r, &v, &id, &ev)) != WS_OK)
		return rc;
	if (events_is_session(ev)) {	/* its meeting's row says what it is */
		w->detail = EV_SESSION_ELSEWHERE;
		rc = WS_ECONFLICT;
		goto out;
	}
	{
		json_t *m = merged_input(r, &v, ev);

		json_decref(r->in);
		r->in = m;
	}
	check_event(r, json_integer_value(json_object_get(ev, "confirmed")), &values, &errors);
	if (events_is_session(values)) {
		if (!errors)
			errors = json_object();
		json_object_set_new(errors, "kind", tr(r, EV_SESSION_ELSEWHERE));
	}
	if (!errors && (rc = events_kinds_kept(r, id, json_object_get(ev, "questions"),
	    values, ev_q_answered, &errors)) != WS_OK)
		goto out;
	/* a draft was never announced: cancelled, everyone would see it */
	was = json_string_value(json_object_get(ev, "status"));
	to = json_string_value(json_object_get(values, "status"));
	if (was && to && strcmp(was, "draft") == 0 && strcmp(to, "cancelled") == 0) {
		if (!errors)
			errors = json_object();
		json_object_set_new(errors, "status", tr(r, EV_DRAFT_NOT_CANCELLED));
	}
	if (errors) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = ev_update(d, id, values)) == WS_OK &&
	    (rc = ev_terms_put(d, id, values)) == WS_OK &&
	    (rc = ev_notify_edit(r->app, d, ev, id)) == WS_OK) {	/* notify.c */
		app_audit_about(r->app, d, r->user->id, 0, 0, "event.edited", r->ip,
		    arena_printf(r->a, "event %lld: %s (%s)", (long long)id,
		    json_string_value(json_object_get(values, "title")),
		    json_string_value(json_object_get(values, "status"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	rc = answer(r, w, id);
out:
	json_decref(ev);
	json_decref(values);
	json_decref(errors);
	return rc;
}
