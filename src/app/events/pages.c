/*
 * pages.c -- the events pages people use (issue 14): /events (upcoming,
 * past, filters with counts, a month's calendar) and /events/{id} (the
 * event, its registration form, the reader's own registration), and the
 * two forms that act: registering and cancelling.
 *
 * The pages are the same values as their JSON twins (events.c), with what
 * a person needs to read them laid over: names for codes, the description
 * as HTML, and every time in words in the reader's zone -- their
 * account's when they set one, else the event's own -- with the event's
 * zone beside it when the two differ.  The forms call the same handlers as
 * the API (registrations.c): the rules, mail and history are one code
 * path; a refusal comes back as the event's page with the message and
 * what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/regions.h"
#include "app/events/events_int.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const kind_labels[] = { N_("Workshop"), N_("Webinar"), N_("Training"),
	N_("Briefing"), N_("Expert group meeting"), N_("Side event"), N_("Session"),
	N_("Other") };
static const char *const month_names[12] = { N_("January"), N_("February"), N_("March"),
	N_("April"), N_("May"), N_("June"), N_("July"), N_("August"), N_("September"),
	N_("October"), N_("November"), N_("December") };
static const char *const day_names[7] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
	N_("Fri"), N_("Sat"), N_("Sun") };
static const char *const reg_labels[][2] = {
	{ "pending", N_("Registered: waiting for staff to confirm your place") },
	{ "confirmed", N_("Registered: your place is confirmed") },
	{ "waitlisted", N_("On the waiting list") },
	{ "attended", N_("Attended") },
	{ "cancelled", N_("You cancelled your registration.") },
	{ "declined", N_("Staff declined your registration.") },
};

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* ---- times in words --------------------------------------------------------- */

/* The zone the reader chose in their account, or NULL (then each event is
 * shown in its own). */
static const struct tz *
reader_zone(struct req *r)
{
	const struct tz *z;

	if (!r->user || !r->user->tz || !*r->user->tz || tz_get(r->user->tz, &z) != WS_OK)
		return NULL;
	return z;
}

/* The zone of view item ev (its timezone; UTC should the tz database have
 * lost it), or NULL. */
static const struct tz *
event_zone(json_t *ev)
{
	const struct tz *z = NULL;

	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &z) != WS_OK &&
	    tz_get("UTC", &z) != WS_OK)
		return NULL;
	return z;
}

/* Instant t in z as {datetime (RFC 3339), date ("28 October 2027"), time
 * ("09:00"), offset ("UTC+02:00"), zone, day (of the month)}.  New
 * reference. */
static json_t *
when(struct req *r, const struct tz *z, int64_t t)
{
	struct tz_local l;
	int32_t off = tz_to_local(z, t, &l);
	char iso[40], off_s[16];

	tz_rfc3339(z, t, iso, sizeof iso);
	if (off % 3600 == 0)
		snprintf(off_s, sizeof off_s, "UTC%c%d", off < 0 ? '-' : '+', (int)(off < 0 ? -off :
		    off) / 3600);
	else
		snprintf(off_s, sizeof off_s, "UTC%c%d:%02d", off < 0 ? '-' : '+', (int)(off < 0 ?
		    -off : off) / 3600, (int)((off < 0 ? -off : off) % 3600) / 60);
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:i}", "datetime", iso, "date",
	    arena_printf(r->a, "%d %s %d", l.day, tr(r, month_names[l.mon - 1]), l.year),
	    "time", arena_printf(r->a, "%02d:%02d", l.hour, l.min), "offset", off_s, "zone",
	    tz_name(z), "day", l.day);
}

json_t *
ev_page_when(struct req *r, json_t *ev, int64_t t)
{
	const struct tz *z = reader_zone(r);
	json_t *w;

	if (!z && ev)
		z = event_zone(ev);
	if (!z && tz_get("UTC", &z) != WS_OK)
		return json_object();
	w = when(r, z, t);
	json_object_set_new(w, "text", json_string(arena_printf(r->a, "%s, %s (%s, %s)",
	    json_string_value(json_object_get(w, "date")), json_string_value(json_object_get(w,
	    "time")), json_string_value(json_object_get(w, "offset")), tz_name(z))));
	return w;
}

json_t *
events_when(struct req *r, const char *zone, int64_t t)
{
	json_t *ev = json_pack("{s:s}", "timezone", zone ? zone : "UTC");
	json_t *w = ev_page_when(r, ev, t);

	json_decref(ev);
	return w;
}

const char *
ev_kind_label(struct req *r, const char *kind)
{
	size_t i;

	for (i = 0; ev_kinds[i]; i++)
		if (kind && strcmp(ev_kinds[i], kind) == 0)
			return tr(r, kind_labels[i]);
	return kind ? kind : "";
}

/* The instant of RFC 3339 field key of view item ev into *t; 0 when none. */
static int
instant(json_t *ev, const char *key, int64_t *t)
{
	const char *s = json_string_value(json_object_get(ev, key));
	const struct tz *utc;

	return s && tz_get("UTC", &utc) == WS_OK && tz_parse_time(utc, s, t, NULL) == WS_OK;
}

/* A span from start to end in z: {start, end (when()), same_day, text}:
 * "28 October 2027, 09:00–17:00 (UTC+2, Europe/Vienna)", each offset by
 * its time when the clocks change between the two. */
static json_t *
span(struct req *r, const struct tz *z, int64_t start, int64_t end)
{
	json_t *s = when(r, z, start), *e = when(r, z, end);
	const char *sd = json_string_value(json_object_get(s, "date"));
	const char *ed = json_string_value(json_object_get(e, "date"));
	const char *st = json_string_value(json_object_get(s, "time"));
	const char *et = json_string_value(json_object_get(e, "time"));
	const char *so = json_string_value(json_object_get(s, "offset"));
	const char *eo = json_string_value(json_object_get(e, "offset"));
	int same = strcmp(sd, ed) == 0, one_off = strcmp(so, eo) == 0;
	const char *text;

	if (same && one_off)
		text = arena_printf(r->a, "%s, %s–%s (%s, %s)", sd, st, et, so, tz_name(z));
	else if (same)
		text = arena_printf(r->a, "%s, %s %s – %s %s (%s)", sd, st, so, et, eo, tz_name(z));
	else if (one_off)
		text = arena_printf(r->a, "%s, %s – %s, %s (%s, %s)", sd, st, ed, et, so,
		    tz_name(z));
	else
		text = arena_printf(r->a, "%s, %s %s – %s, %s %s (%s)", sd, st, so, ed, et, eo,
		    tz_name(z));
	return json_pack("{s:o,s:o,s:b,s:s}", "start", s, "end", e, "same_day", same, "text",
	    text);
}

/* ---- one event as a page shows it -------------------------------------------- */

/* [{name}] of the codes of list key of ev, named by name(). */
static json_t *
names(struct req *r, json_t *ev, const char *key,
    const char *(*name)(const char *, const char *))
{
	json_t *out = json_array(), *x;
	size_t i;

	json_array_foreach(json_object_get(ev, key), i, x) {
		const char *n = json_is_string(x) ? name(json_string_value(x), r->locale) : NULL;

		if (json_is_string(x))
			json_array_append_new(out, json_pack("{s:s}", "name", n ? n :
			    json_string_value(x)));
	}
	return out;
}

/* Adds to view item ev what a page shows of it: kind and codes in words,
 * `when` (its times in the reader's zone), `when_event` (in its own zone,
 * when the reader's differs), `closes` (when registration closes, in the
 * reader's zone), `cancelled`. */
static void
page_event(struct req *r, json_t *ev)
{
	const struct tz *ez = event_zone(ev), *rz = reader_zone(r);
	int64_t start, end, closes, opens;

	json_object_set_new(ev, "kind_label", json_string(ev_kind_label(r,
	    json_string_value(json_object_get(ev, "kind")))));
	json_object_set_new(ev, "theme_list", names(r, ev, "themes", theme_name));
	json_object_set_new(ev, "language_list", names(r, ev, "languages", language_name));
	json_object_set_new(ev, "region_list", names(r, ev, "regions", m49_name));
	json_object_set_new(ev, "cancelled", json_boolean(strcmp(json_string_value(
	    json_object_get(ev, "status")), "cancelled") == 0));
	json_object_set_new(ev, "draft", json_boolean(strcmp(json_string_value(
	    json_object_get(ev, "status")), "draft") == 0));
	if (!ez || !instant(ev, "start", &start) || !instant(ev, "end", &end))
		return;
	if (!rz)
		rz = ez;
	json_object_set_new(ev, "when", span(r, rz, start, end));
	if (strcmp(tz_name(rz), tz_name(ez)) != 0)
		json_object_set_new(ev, "when_event", span(r, ez, start, end));
	if (instant(ev, "registration_closes", &closes) || (closes = start, 1))
		json_object_set_new(ev, "closes", when(r, rz, closes));
	if (instant(ev, "registration_opens", &opens) && opens > now_s())
		json_object_set_new(ev, "opens", when(r, rz, opens));
}

/* ---- the list --------------------------------------------------------------- */

/* The list's query without page (and without the month and view when
 * calendar is set, for the calendar's own links), for links. */
static const char *
list_query(struct req *r, int calendar, const char *skip)
{
	static const char *const params[] = { "when", "kind", "theme", "language", "region",
		"month", "view", "status", NULL };
	const char *out = "";
	size_t i;

	for (i = 0; params[i]; i++) {
		const char *v = req_qstr(r, params[i]);

		if (!*v || (skip && strcmp(skip, params[i]) == 0) ||
		    (calendar && (strcmp(params[i], "month") == 0 ||
		    strcmp(params[i], "view") == 0)))
			continue;
		out = arena_printf(r->a, "%s%s%s=%s", out, *out ? "&" : "", params[i],
		    arena_urlencode(r->a, v, ""));
	}
	/* a page size chosen in the URL holds on the next page too */
	if (!calendar && req_qint(r, "per_page", 0))
		out = arena_printf(r->a, "%s%sper_page=%lld", out, *out ? "&" : "",
		    (long long)req_qint(r, "per_page", 0));
	return out;
}

/* "October 2026" of "2026-10" in r's language. */
static const char *
month_label(struct req *r, const char *ym)
{
	long y, m;
	char *end;

	y = strtol(ym, &end, 10);
	if (*end != '-')
		return ym;
	m = strtol(end + 1, NULL, 10);
	if (m < 1 || m > 12)
		return ym;
	return arena_printf(r->a, "%s %ld", tr(r, month_names[m - 1]), y);
}

/* The name of code in facet, in r's language. */
static const char *
facet_label(struct req *r, const char *facet, const char *code)
{
	const char *n = NULL;

	if (strcmp(facet, "kind") == 0)
		return ev_kind_label(r, code);
	if (strcmp(facet, "theme") == 0)
		n = theme_name(code, r->locale);
	else if (strcmp(facet, "language") == 0)
		n = language_name(code, r->locale);
	else if (strcmp(facet, "region") == 0)
		n = m49_name(code, r->locale);
	else if (strcmp(facet, "month") == 0)
		n = month_label(r, code);
	return n ? n : code;
}

/* The filters: [{param, label, any, any_href, options: [{label, count,
 * selected, href}]}], each option a link to the list with it chosen (so
 * they work without JavaScript). */
static json_t *
filters(struct req *r, json_t *facets)
{
	static const char *const params[] = { "kind", "theme", "language", "region", "month",
		NULL };
	static const char *const titles[] = { N_("Kind"), N_("Thematic areas"), N_("Language"),
		N_("Region"), N_("Month"), NULL };
	json_t *out = json_array();
	size_t i;

	for (i = 0; params[i]; i++) {
		const char *want = req_qstr(r, params[i]), *rest = list_query(r, 0, params[i]);
		json_t *opts = json_array(), *n;
		const char *k;

		json_object_foreach(json_object_get(facets, params[i]), k, n)
			json_array_append_new(opts, json_pack("{s:s,s:O,s:b,s:s}", "label",
			    facet_label(r, params[i], k), "count", n, "selected",
			    strcmp(want, k) == 0, "href", arena_printf(r->a, "/events?%s%s%s=%s",
			    rest, *rest ? "&" : "", params[i], arena_urlencode(r->a, k, ""))));
		json_array_append_new(out, json_pack("{s:s,s:s,s:b,s:b,s:s,s:o}", "param", params[i],
		    "label", tr(r, titles[i]), "any", !*want, "shown", *want ||
		    json_array_size(opts) > 0, "any_href",
		    arena_printf(r->a, "/events%s%s", *rest ? "?" : "", rest), "options", opts));
	}
	return out;
}

/* "2026-10" of the reader's today. */
static const char *
this_month(struct req *r)
{
	const struct tz *z = reader_zone(r);
	struct tz_local l;

	if (!z && tz_get("UTC", &z) != WS_OK)
		return "2026-01";
	tz_to_local(z, now_s(), &l);
	return arena_printf(r->a, "%04d-%02d", l.year, l.mon);
}

/* The month view of val (a list of month's events): {caption, weeks:
 * [{days: [{day, events: [{id, title, time}]}]}], prev, next, names}. */
static json_t *
calendar(struct req *r, const char *month, json_t *items)
{
	long y = strtol(month, NULL, 10), m = strtol(month + 5, NULL, 10);
	int64_t first = tz_days_from_civil(y, (int)m, 1), next_first, ny;
	int lead = (int)(((first + 3) % 7 + 7) % 7), ndays, d, nm;
	json_t *weeks = json_array(), *week = NULL, *days = NULL, *dayv[32], *hdr = json_array();
	json_t *ev;
	const char *rest = list_query(r, 1, NULL);
	size_t i;

	ny = m == 12 ? y + 1 : y;
	nm = m == 12 ? 1 : (int)m + 1;
	next_first = tz_days_from_civil(ny, nm, 1);
	ndays = (int)(next_first - first);
	for (d = 0; d < 7; d++)
		json_array_append_new(hdr, json_pack("{s:s}", "name", tr(r, day_names[d])));
	for (d = 1; d <= ndays; d++)
		dayv[d] = json_array();
	json_array_foreach(items, i, ev) {
		json_t *w = json_object_get(ev, "when"), *s = json_object_get(w, "start");
		const char *iso = json_string_value(json_object_get(s, "datetime"));
		int day = (int)json_integer_value(json_object_get(s, "day"));

		/* on its day in the reader's zone; in the event's own when that
		 * falls in another month */
		if (!iso || strncmp(iso, month, 7) != 0)
			day = (int)json_integer_value(json_object_get(json_object_get(
			    json_object_get(ev, "when_event"), "start"), "day"));
		if (day < 1 || day > ndays)
			continue;
		json_array_append_new(dayv[day], json_pack("{s:O,s:O,s:O,s:b}", "id",
		    json_object_get(ev, "id"), "title", json_object_get(ev, "title"), "time",
		    json_object_get(s, "time"), "cancelled", json_is_true(json_object_get(ev,
		    "cancelled"))));
	}
	for (d = 1 - lead; d <= ndays || (d - 1 + lead) % 7 != 0; d++) {
		if ((d - 1 + lead) % 7 == 0) {
			days = json_array();
			week = json_pack("{s:o}", "days", days);
			json_array_append_new(weeks, week);
		}
		if (d < 1 || d > ndays)
			json_array_append_new(days, json_pack("{s:b}", "blank", 1));
		else
			json_array_append_new(days, json_pack("{s:i,s:o,s:b}", "day", d, "events",
			    dayv[d], "busy", json_array_size(dayv[d]) > 0));
	}
	return json_pack("{s:s,s:o,s:o,s:s,s:s,s:s,s:s}", "caption", month_label(r, month),
	    "weeks", weeks, "names", hdr,
	    "prev", arena_printf(r->a, "/events?%s%sview=month&month=%04ld-%02ld", rest,
	    *rest ? "&" : "", m == 1 ? y - 1 : y, m == 1 ? 12L : m - 1),
	    "prev_label", month_label(r, arena_printf(r->a, "%04ld-%02ld", m == 1 ? y - 1 : y,
	    m == 1 ? 12L : m - 1)),
	    "next", arena_printf(r->a, "/events?%s%sview=month&month=%04lld-%02d", rest,
	    *rest ? "&" : "", (long long)ny, nm),
	    "next_label", month_label(r, arena_printf(r->a, "%04lld-%02d", (long long)ny, nm)));
}

void
ev_page_list(struct req *r, json_t *val)
{
	const char *when = req_qstr(r, "when"), *view = req_qstr(r, "view");
	const struct tz *rz = reader_zone(r);
	json_t *item;
	size_t i;

	json_array_foreach(json_object_get(val, "items"), i, item)
		page_event(r, item);
	json_object_set_new(val, "filters", filters(r, json_object_get(val, "facets")));
	json_object_set_new(val, "query", json_string(list_query(r, 0, "page")));
	json_object_set_new(val, "past", json_boolean(strcmp(when, "past") == 0));
	json_object_set_new(val, "all", json_boolean(strcmp(when, "all") == 0));
	json_object_set_new(val, "upcoming", json_boolean(!*when ||
	    strcmp(when, "upcoming") == 0));
	json_object_set_new(val, "reader_zone", rz ? json_string(tz_name(rz)) : json_null());
	json_object_set_new(val, "month_href", json_string(arena_printf(r->a,
	    "/events?view=month&month=%s", this_month(r))));
	if (strcmp(view, "month") == 0)
		json_object_set_new(val, "calendar", calendar(r, *req_qstr(r, "month") ?
		    req_qstr(r, "month") : this_month(r), json_object_get(val, "items")));
}

/* The month a month view shows ("" when the list is not one): its own,
 * else the reader's this month. */
const char *
ev_page_month(struct req *r)
{
	if (strcmp(req_qstr(r, "view"), "month") != 0)
		return "";
	return *req_qstr(r, "month") ? req_qstr(r, "month") : this_month(r);
}


/* ---- one event ------------------------------------------------------------ */

json_t *
events_question_list(struct req *r, json_t *questions, json_t *form, json_t *errors)
{
	json_t *out = json_array(), *q;
	size_t i;

	json_array_foreach(questions, i, q) {
		const char *id = json_string_value(json_object_get(q, "id"));
		const char *type = json_string_value(json_object_get(q, "type"));
		const char *typed = json_string_value(json_object_get(form, id));
		json_t *x = json_deep_copy(q), *c, *chs = json_array(), *err;
		size_t j;

		if (!typed)
			typed = "";
		json_object_set_new(x, "value", json_string(typed));
		json_object_set_new(x, "is_text", json_boolean(strcmp(type, "text") == 0));
		json_object_set_new(x, "is_choice", json_boolean(strcmp(type, "choice") == 0));
		json_object_set_new(x, "is_yes_no", json_boolean(strcmp(type, "yes_no") == 0));
		json_object_set_new(x, "is_file", json_boolean(strcmp(type, "file") == 0));
		json_object_set_new(x, "yes", json_boolean(strcmp(typed, "yes") == 0));
		json_object_set_new(x, "no", json_boolean(strcmp(typed, "no") == 0));
		json_array_foreach(json_object_get(q, "choices"), j, c)
			json_array_append_new(chs, json_pack("{s:O,s:b,s:I}", "value", c, "selected",
			    json_is_string(c) && strcmp(json_string_value(c), typed) == 0, "n",
			    (json_int_t)j + 1));
		json_object_set_new(x, "choice_list", chs);
		err = json_object_get(errors, arena_printf(r->a, "answers.%s", id));
		if (json_is_string(err))
			json_object_set(x, "error", err);
		json_array_append_new(out, x);
	}
	return out;
}

/* Adds to view item ev (event id) what its page shows: page_event's, the
 * description as HTML, the reader's registration ({id, status, label,
 * live}) and what they may do, and the form's questions with form and
 * errors (may be NULL). */
static enum ws_err
page_one(struct req *r, json_t *ev, int64_t id, json_t *form, json_t *errors)
{
	json_t *g = NULL;
	const char *aud = json_string_value(json_object_get(ev, "audience"));
	int live = 0, may = 0, declined = 0;
	enum ws_err rc;

	page_event(r, ev);
	/* the layout's "title" is the page's; the event's is its heading */
	json_object_set(ev, "heading", json_object_get(ev, "title"));
	json_object_set_new(ev, "description_html", org_markdown_html(json_string_value(
	    json_object_get(ev, "description"))));
	if (r->user) {
		rc = ev_reg_of_user(req_db(r), id, r->user->id, &g);
		if (rc != WS_OK && rc != WS_ENOTFOUND)
			return rc;
	}
	if (g) {
		const char *st = json_string_value(json_object_get(g, "status"));
		size_t i;

		live = strcmp(st, "cancelled") != 0 && strcmp(st, "declined") != 0;
		declined = strcmp(st, "declined") == 0;	/* staff's refusal stands */
		for (i = 0; i < sizeof reg_labels / sizeof reg_labels[0]; i++)
			if (strcmp(reg_labels[i][0], st) == 0)
				json_object_set_new(ev, "my_label", json_string(tr(r, reg_labels[i][1])));
		json_object_set_new(ev, "mine", json_pack("{s:O,s:s,s:b,s:b,s:s}", "id",
		    json_object_get(g, "id"), "status", st, "live", live, "can_cancel", live &&
		    strcmp(st, "attended") != 0, "cancel_href", arena_printf(r->a,
		    "/events/%lld/registrations/%lld/cancel", (long long)id,
		    (long long)json_integer_value(json_object_get(g, "id")))));
		json_decref(g);
	}
	json_object_set_new(ev, "audience_open", json_boolean(aud && strcmp(aud, "open") == 0));
	if (r->user && !live && !declined &&
	    json_is_true(json_object_get(ev, "registration_open"))) {
		if (aud && strcmp(aud, "members") == 0 && r->user->role != ROLE_MEMBER &&
		    r->user->role < ROLE_STAFF)
			json_object_set_new(ev, "members_only", json_true());
		else
			may = 1;
	}
	json_object_set_new(ev, "can_register", json_boolean(may));
	json_object_set_new(ev, "sign_in", json_boolean(!r->user &&
	    json_is_true(json_object_get(ev, "registration_open"))));
	json_object_set_new(ev, "question_list", events_question_list(r,
	    json_object_get(ev, "questions"), form, errors));
	json_object_set_new(ev, "has_questions", json_boolean(json_array_size(
	    json_object_get(ev, "questions")) > 0));
	return WS_OK;
}

enum ws_err
ev_page_one(struct req *r, json_t *ev, int64_t id)
{
	return page_one(r, ev, id, NULL, NULL);
}

/* ---- the forms ---------------------------------------------------------- */

json_t *
events_form_answers(struct req *r, json_t *questions, json_t *typed)
{
	json_t *answers = json_object(), *q;
	size_t i;

	json_array_foreach(questions, i, q) {
		const char *qid = json_string_value(json_object_get(q, "id"));
		const char *s = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "answers.%s", qid)));

		if (!s)
			continue;
		json_object_set_new(typed, qid, json_string(s));
		if (strcmp(json_string_value(json_object_get(q, "type")), "yes_no") == 0 &&
		    (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0))
			json_object_set_new(answers, qid, json_boolean(strcmp(s, "yes") == 0));
		else
			json_object_set_new(answers, qid, json_string(s));
	}
	return answers;
}

enum ws_err
h_event_register_form(struct req *r, struct resp *w)
{
	json_t *view = NULL, *typed = json_object(), *answers = json_object();
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	/* the event as its page shows it, for the questions and a refusal */
	if ((rc = h_event(r, w)) != WS_OK)
		goto out;
	view = json_incref(w->val);
	json_decref(answers);
	answers = events_form_answers(r, json_object_get(view, "questions"), typed);
	json_decref(r->in);
	r->in = json_pack("{s:O}", "answers", answers);
	json_decref(w->val);
	w->val = NULL;
	w->tpl = NULL;
	rc = h_event_register(r, w);
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/events/%lld#registration", (long long)id));
		goto out;
	}
	if (rc != WS_EINVAL && rc != WS_ECONFLICT && rc != WS_EFORBIDDEN)
		goto out;
	/* refused: the event's page again, with why and what was typed */
	if (page_one(r, view, id, typed, w->errors) != WS_OK)
		goto out;
	app_form_again(r, w, view, rc, N_("Some answers need your attention."), "event",
	    N_("Event"));
out:
	json_decref(view);
	json_decref(typed);
	json_decref(answers);
	return rc;
}

enum ws_err
h_event_cancel_form(struct req *r, struct resp *w)
{
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = h_event_unregister(r, w)) != WS_OK)
		return rc;
	json_decref(w->val);
	w->val = NULL;
	resp_redirect(w, arena_printf(r->a, "/events/%lld#registration", (long long)id));
	return WS_OK;
}
