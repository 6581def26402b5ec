/*
 * meetings.c -- sessions of intergovernmental bodies as the API serves
 * them: the list by body and year with its counts, one session with what
 * the caller can do now, staff creating and changing sessions through one
 * check (mtg_check, which the staff form uses too), and the bodies.
 *
 * A session is written as two rows in one transaction: its event (kind
 * `session`, checked and stored by src/app/events as any event, titled
 * "<the body's English name>, <the session's title>" so the events list
 * and calendars read well) and its row of meetings.  What is checked
 * before anything is written (a 422 naming the field): the event's own
 * rules (dates, time zone, documents as resource ids), a known body, a
 * working group for untoc_wg and only for it, the agenda's items
 * (numbered, titled, numbers unique), the organizations invited (that
 * exist), and a nomination window that opens before it closes and closes
 * by the session's start.  Another session of the body with the same
 * number is a 409.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const mtg_elig[] = { "ecosoc", "invited", "members", NULL };

const char *const mtg_wg_codes[] = { "firearms", "technical_assistance",
	"international_cooperation", "trafficking_in_persons", "smuggling_of_migrants", NULL };
const char *const mtg_wg_names[] = { N_("Working Group on Firearms"),
	N_("Working Group on Technical Assistance"),
	N_("Working Group on International Cooperation"),
	N_("Working Group on Trafficking in Persons"),
	N_("Working Group on the Smuggling of Migrants"), NULL };
_Static_assert(sizeof mtg_wg_codes == sizeof mtg_wg_names,
    "a working group needs its name");

#define MTG_DELEGATES_DEFAULT 2	/* delegates an organization may nominate, unless set */

const struct field mtg_q_list[] = {
	{ "body", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "year", FT_INT, 0, 1900, 2200, NULL, NULL, N_("Enter a year like 2027.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

/* A session's own fields (its event's are events_check's). */
static const struct field mtg_fields[] = {
	{ "body", FT_LINE, 1, 1, 40, NULL, NULL, NULL },
	{ "working_group", FT_CHOICE, 0, 0, 0, mtg_wg_codes, NULL,
	    N_("Choose a working group from the list.") },
	{ "number", FT_INT, 1, 1, MTG_NUMBER_MAX, NULL, NULL,
	    N_("Enter the session's number, from 1 to 999.") },
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "eligibility", FT_CHOICE, 0, 0, 0, mtg_elig, NULL,
	    N_("Choose who may take part: ecosoc, invited or members.") },
	{ "nominations_opens", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "nominations_closes", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "delegates_max", FT_INT, 0, 1, MTG_DELEGATES_MAX, NULL, NULL,
	    N_("Enter a number of delegates from 1 to 100.") },
	{ "side_events_opens", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "side_events_closes", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "speaking_opens", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "speaking_closes", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
};
#define MTG_NFIELDS (sizeof mtg_fields / sizeof mtg_fields[0])

/* The event's fields a session passes on as they are sent. */
static const char *const event_fields[] = { "description", "start", "end", "timezone",
	"venue", "status", "visibility", NULL };

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
mtg_body_name(struct req *r, json_t *b)
{
	const char *fr = json_string_value(json_object_get(b, "name_fr"));
	const char *en = json_string_value(json_object_get(b, "name_en"));

	if (!fr)
		fr = json_string_value(json_object_get(b, "body_name_fr"));
	if (!en)
		en = json_string_value(json_object_get(b, "body_name_en"));
	if (r->locale && strcmp(r->locale, "fr") == 0 && fr && *fr)
		return fr;
	return en ? en : "";
}

const char *
mtg_wg_name(struct req *r, const char *code)
{
	size_t i;

	for (i = 0; code && mtg_wg_codes[i]; i++)
		if (strcmp(code, mtg_wg_codes[i]) == 0)
			return tr(r, mtg_wg_names[i]);
	return "";
}

/* ---- the view ------------------------------------------------------------ */

/* Instant t (a JSON integer, or null) as RFC 3339 in zone; null for null. */
static json_t *
local_time(const char *zone, json_t *t)
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

const char *
mtg_sub(struct req *r, const char *msg, const char *key, const char *val)
{
	const char *s = tr(r, msg), *at;
	char *mark = arena_printf(r->a, "{{%s}}", key);

	if ((at = strstr(s, mark)) == NULL)
		return s;
	return arena_printf(r->a, "%.*s%s%s", (int)(at - s), s, val, at + strlen(mark));
}

json_t *
mtg_utc_or_null(json_t *t)
{
	char s[40];

	if (!json_is_integer(t))
		return json_null();
	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

static json_t *
utc_time(json_t *t)
{
	char s[40];

	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

const char *
mtg_window_state(json_t *s, const char *opens_key, const char *closes_key, int64_t now)
{
	json_t *opens = json_object_get(s, opens_key);
	json_t *closes = json_object_get(s, closes_key);
	const char *status = json_string_value(json_object_get(s, "status"));

	if (status && strcmp(status, "cancelled") == 0)
		return "closed";
	if (!json_is_integer(closes))
		return "not_set";
	if (json_is_integer(opens) && now < json_integer_value(opens))
		return "upcoming";
	return now < json_integer_value(closes) ? "open" : "closed";
}

json_t *
mtg_slots_view(json_t *s)
{
	const char *zone = json_string_value(json_object_get(s, "timezone"));
	json_t *out = json_array(), *x;
	size_t i;

	json_array_foreach(json_object_get(s, "side_event_slots"), i, x)
		json_array_append_new(out, json_pack("{s:O,s:o,s:o,s:O}", "id",
		    json_object_get(x, "id"), "start", local_time(zone, json_object_get(x,
		    "start_at")), "end", local_time(zone, json_object_get(x, "end_at")), "room",
		    json_object_get(x, "room")));
	return out;
}

json_t *
mtg_view(struct req *r, json_t *s)
{
	static const char *const copied[] = { "id", "body", "number", "title", "event_title",
		"description", "venue", "timezone", "year", "agenda", "eligibility",
		"delegates_max", "status", "visibility", NULL };
	const char *zone = json_string_value(json_object_get(s, "timezone"));
	const char *wg = json_string_value(json_object_get(s, "working_group"));
	struct mtg_viewer v;
	json_t *out = json_object();
	const char *const *k;

	mtg_viewer_of(r, &v);
	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(s, *k));
	json_object_set_new(out, "body_name", json_string(mtg_body_name(r, s)));
	json_object_set_new(out, "working_group", wg && *wg ? json_string(wg) : json_null());
	json_object_set_new(out, "working_group_name", wg && *wg ?
	    json_string(mtg_wg_name(r, wg)) : json_null());
	json_object_set_new(out, "start", local_time(zone, json_object_get(s, "start_at")));
	json_object_set_new(out, "end", local_time(zone, json_object_get(s, "end_at")));
	json_object_set_new(out, "nominations_opens", local_time(zone, json_object_get(s,
	    "nominations_opens_at")));
	json_object_set_new(out, "nominations_closes", local_time(zone, json_object_get(s,
	    "nominations_closes_at")));
	json_object_set_new(out, "nominations", json_string(mtg_window_state(s,
	    "nominations_opens_at", "nominations_closes_at", now_s())));
	json_object_set_new(out, "side_events_opens", local_time(zone, json_object_get(s,
	    "side_events_opens_at")));
	json_object_set_new(out, "side_events_closes", local_time(zone, json_object_get(s,
	    "side_events_closes_at")));
	json_object_set_new(out, "side_events", json_string(mtg_window_state(s,
	    "side_events_opens_at", "side_events_closes_at", now_s())));
	json_object_set_new(out, "side_event_slots", mtg_slots_view(s));
	json_object_set_new(out, "speaking_opens", local_time(zone, json_object_get(s,
	    "speaking_opens_at")));
	json_object_set_new(out, "speaking_closes", local_time(zone, json_object_get(s,
	    "speaking_closes_at")));
	json_object_set_new(out, "speaking", json_string(mtg_window_state(s,
	    "speaking_opens_at", "speaking_closes_at", now_s())));
	json_object_set(out, "documents", json_object_get(s, "resources"));
	/* whom staff invited is staff's to know */
	if (v.staff)
		json_object_set(out, "invited", json_object_get(s, "invited"));
	json_object_set_new(out, "created_at", utc_time(json_object_get(s, "created_at")));
	json_object_set_new(out, "updated_at", utc_time(json_object_get(s, "updated_at")));
	return out;
}

int
mtg_org_eligible(json_t *s, json_t *o)
{
	const char *rule = json_string_value(json_object_get(s, "eligibility"));
	const char *eco = json_string_value(json_object_get(o, "ecosoc_status"));
	json_t *x;
	size_t i;

	if (!rule || strcmp(json_string_value(json_object_get(o, "status")), "approved") != 0)
		return 0;
	if (strcmp(rule, "members") == 0)
		return 1;
	if (strcmp(rule, "ecosoc") == 0)
		return eco && *eco && strcmp(eco, "none") != 0;
	json_array_foreach(json_object_get(s, "invited"), i, x)
		if (json_integer_value(x) == json_integer_value(json_object_get(o, "id")))
			return 1;
	return 0;
}

/* At most this many open nomination windows are read for a person's
 * opportunities: more sessions than take nominations at once. */
#define MTG_OPEN_MAX 200

enum ws_err
meetings_opportunities(struct req *r, json_t *admin_orgs, int want, json_t *out)
{
	struct mtg_viewer v;
	json_t *rows = NULL, *s, *o;
	enum ws_err rc;
	size_t i, k;

	(void)want;	/* a few sessions take nominations at once: all are read */
	if (!r->user->verified_at || json_array_size(admin_orgs) == 0)
		return WS_OK;
	mtg_viewer_of(r, &v);
	if ((rc = mtg_open_windows(req_db(r), &v, now_s(), MTG_OPEN_MAX, &rows)) != WS_OK)
		goto out;
	/* offered when one of their organizations may still nominate: it meets
	 * the session's rule and has not used its number of delegates */
	json_array_foreach(rows, i, s) {
		int can = 0;

		json_array_foreach(admin_orgs, k, o) {
			int64_t have = 0;

			if (can || !mtg_org_eligible(s, o))
				continue;
			if ((rc = mtg_nom_org_count(req_db(r), json_integer_value(json_object_get(s,
			    "id")), json_integer_value(json_object_get(o, "id")), &have)) != WS_OK)
				goto out;
			can = have < json_integer_value(json_object_get(s, "delegates_max"));
		}
		if (can)
			json_array_append_new(out, json_pack("{s:s,s:O,s:O,s:s,s:O,s:O,s:s,s:s,s:[],"
			    "s:[]}", "type", "nomination", "id", json_object_get(s, "id"), "title",
			    json_object_get(s, "event_title"), "kind", "session", "deadline_at",
			    json_object_get(s, "nominations_closes_at"), "timezone",
			    json_object_get(s, "timezone"), "href", arena_printf(r->a,
			    "/meetings/%lld", (long long)json_integer_value(json_object_get(s, "id"))),
			    "action", "nominate", "themes", "countries"));
	}
out:
	json_decref(rows);
	return rc;
}

/* Adds to view out of stored session s the organizations r's caller is an
 * admin of, each with whether it may take part: organizations [{id, name,
 * eligible}] ([] for a visitor). */
static enum ws_err
caller_orgs(struct req *r, json_t *s, json_t *out)
{
	json_t *mine = NULL, *list = json_array(), *o, *rec;
	enum ws_err rc;
	size_t i;

	json_object_set_new(out, "organizations", list);
	if (!r->user)
		return WS_OK;
	if ((rc = orgs_of_person(req_db(r), r->user->id, &mine)) != WS_OK)
		return rc;
	json_array_foreach(mine, i, o) {
		if (!json_is_true(json_object_get(o, "admin")))
			continue;
		if (org_load(req_db(r), json_integer_value(json_object_get(o, "id")), &rec) !=
		    WS_OK)
			continue;
		json_array_append_new(list, json_pack("{s:O,s:O,s:b}", "id",
		    json_object_get(o, "id"), "name", json_object_get(o, "name"), "eligible",
		    mtg_org_eligible(s, rec)));
		json_decref(rec);
	}
	json_decref(mine);
	return WS_OK;
}

enum ws_err
mtg_load_view(struct req *r, int64_t id, json_t **out)
{
	struct mtg_viewer v;
	json_t *s = NULL;
	enum ws_err rc;

	*out = NULL;
	mtg_viewer_of(r, &v);
	if ((rc = mtg_get(req_db(r), &v, id, &s)) != WS_OK)
		return rc;
	*out = mtg_view(r, s);
	if ((rc = caller_orgs(r, s, *out)) != WS_OK || (rc = mtg_programme(r, s, *out)) != WS_OK) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(s);
	return rc;
}

/* ---- the list and one session ------------------------------------------- */

enum ws_err
h_meetings(struct req *r, struct resp *w)
{
	static const char *const facets[] = { "body", "year", NULL };
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	struct mtg_viewer v;
	struct mtg_filter f;
	json_t *rows = NULL, *items, *val, *row, *fc;
	const char *const *k;
	enum ws_err rc;
	size_t i;

	mtg_viewer_of(r, &v);
	f.body = req_qstr(r, "body");
	f.year = req_qint(r, "year", 0);
	if ((rc = mtg_list(req_db(r), &v, &f, page, per_page, &rows, &total)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append_new(items, mtg_view(r, row));
	val = app_list_value(items, page, per_page, total);
	fc = json_object();
	json_object_set_new(val, "facets", fc);
	for (k = facets; *k && rc == WS_OK; k++) {
		json_t *counts = NULL;

		if ((rc = mtg_facet(req_db(r), &v, &f, *k, &counts)) == WS_OK)
			json_object_set_new(fc, *k, counts);
		else
			json_decref(counts);
	}
	if (rc != WS_OK) {
		json_decref(val);
		goto out;
	}
	if (!r->api)
		mtg_page_list(r, val);
	resp_value(w, val);
	w->tpl = "meeting_list";
	w->title = N_("Intergovernmental meetings");
out:
	json_decref(rows);
	return rc;
}

enum ws_err
h_meeting(struct req *r, struct resp *w)
{
	json_t *m = NULL;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_load_view(r, id, &m)) != WS_OK)
		return rc;
	if (!r->api)
		mtg_page_one(r, m);
	resp_value(w, m);
	w->tpl = "meeting";
	w->title = N_("Session");
	return WS_OK;
}

/* ---- the check ----------------------------------------------------------------- */

/* Whether v is one line of text of 1 to max bytes. */
static int
line_ok(json_t *v, size_t max)
{
	const char *s = json_string_value(v);

	return s && json_string_length(v) >= 1 && json_string_length(v) <= max &&
	    strlen(s) == json_string_length(v) && utf8_valid_text(s, strlen(s), 0);
}

/* The agenda sent (absent, or [{number, title, statements, minutes}]; a
 * number may be sent as an integer; minutes, those for statements by
 * non-governmental speakers, 1 to MTG_ITEM_MINUTES_MAX or null, are kept
 * for an item open to statements only) as stored, or NULL when it is not
 * one. */
static json_t *
agenda_of(json_t *in)
{
	json_t *out = json_array(), *it;
	size_t i, j;

	if (!in || json_is_null(in))
		return out;
	if (!json_is_array(in) || json_array_size(in) > MTG_AGENDA_MAX)
		goto bad;
	json_array_foreach(in, i, it) {
		json_t *num = json_object_get(it, "number"), *st = json_object_get(it,
		    "statements"), *mins = json_object_get(it, "minutes"), *n;
		char buf[24];

		if (!json_is_object(it) || !line_ok(json_object_get(it, "title"),
		    MTG_ITEM_TITLE_MAX) || (st && !json_is_boolean(st)))
			goto bad;
		if (mins && !json_is_null(mins) && (!json_is_integer(mins) ||
		    json_integer_value(mins) < 1 || json_integer_value(mins) > MTG_ITEM_MINUTES_MAX))
			goto bad;
		if (json_is_integer(num) && json_integer_value(num) > 0 &&
		    json_integer_value(num) <= 9999) {
			snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(num));
			n = json_string(buf);
		} else if (line_ok(num, MTG_ITEM_NUMBER_MAX)) {
			n = json_incref(num);
		} else {
			goto bad;
		}
		for (j = 0; j < i; j++)
			if (json_equal(json_object_get(json_array_get(out, j), "number"), n)) {
				json_decref(n);
				goto bad;
			}
		json_array_append_new(out, json_pack("{s:o,s:O,s:b,s:O}", "number", n, "title",
		    json_object_get(it, "title"), "statements", json_is_true(st), "minutes",
		    json_is_true(st) && json_is_integer(mins) ? mins : json_null()));
	}
	return out;
bad:
	json_decref(out);
	return NULL;
}

/* The organizations invited (absent, or an array of ids of organizations
 * that exist), or NULL when it is not one. */
static json_t *
invited_of(struct req *r, json_t *in)
{
	json_t *x, *o;
	size_t i, j;

	if (!in || json_is_null(in))
		return json_array();
	if (!json_is_array(in) || json_array_size(in) > MTG_INVITED_MAX)
		return NULL;
	json_array_foreach(in, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1)
			return NULL;
		for (j = 0; j < i; j++)
			if (json_integer_value(json_array_get(in, j)) == json_integer_value(x))
				return NULL;
		if (org_load(req_db(r), json_integer_value(x), &o) != WS_OK)
			return NULL;
		json_decref(o);
	}
	return json_incref(in);
}

/* The row of body code among bodies, or NULL. */
static json_t *
body_row(json_t *bodies, const char *code)
{
	json_t *b;
	size_t i;

	json_array_foreach(bodies, i, b)
		if (code && strcmp(json_string_value(json_object_get(b, "code")), code) == 0)
			return b;
	return NULL;
}

#define MTG_ROOM_MAX 200	/* bytes of a slot's room or label */

/* The side-event slots sent (absent, or [{id?, start, end, room}], times as
 * RFC 3339 or local in zone z) as stored, [{id, start_at, end_at, room}]:
 * a slot sent without an id gets the next after the highest sent and
 * next (the highest the session had: an id is never reused); NULL when
 * they are not slots (each starts before it ends, within the session's
 * dates start..end, ids unique, at most MTG_SLOTS_MAX). */
static json_t *
slots_of(json_t *in, const struct tz *z, int64_t start, int64_t end, int64_t next)
{
	json_t *out = json_array(), *it, *x;
	size_t i, j;

	if (!in || json_is_null(in))
		return out;
	if (!json_is_array(in) || json_array_size(in) > MTG_SLOTS_MAX)
		goto bad;
	json_array_foreach(in, i, it)
		if (json_is_integer(x = json_object_get(it, "id")) && json_integer_value(x) > next)
			next = json_integer_value(x);
	json_array_foreach(in, i, it) {
		const char *a = json_string_value(json_object_get(it, "start"));
		const char *b = json_string_value(json_object_get(it, "end"));
		json_t *room = json_object_get(it, "room");
		enum tz_fit fit;
		int64_t ta, tb, sid;

		if (!json_is_object(it) || !a || !b || tz_parse_time(z, a, &ta, &fit) != WS_OK ||
		    fit == TZ_GAP || tz_parse_time(z, b, &tb, &fit) != WS_OK || fit == TZ_GAP ||
		    ta >= tb || ta < start || tb > end)
			goto bad;
		if (room && !json_is_null(room) && (!json_is_string(room) ||
		    json_string_length(room) > MTG_ROOM_MAX ||
		    strlen(json_string_value(room)) != json_string_length(room) ||
		    !utf8_valid_text(json_string_value(room), json_string_length(room), 0)))
			goto bad;
		x = json_object_get(it, "id");
		if (x && !json_is_null(x)) {
			if (!json_is_integer(x) || json_integer_value(x) < 1)
				goto bad;
			sid = json_integer_value(x);
		} else {
			sid = ++next;
		}
		for (j = 0; j < json_array_size(out); j++)
			if (json_integer_value(json_object_get(json_array_get(out, j), "id")) == sid)
				goto bad;
		json_array_append_new(out, json_pack("{s:I,s:I,s:I,s:s}", "id", (json_int_t)sid,
		    "start_at", (json_int_t)ta, "end_at", (json_int_t)tb, "room",
		    json_is_string(room) ? json_string_value(room) : ""));
	}
	return out;
bad:
	json_decref(out);
	return NULL;
}

/* Slot id of slots ([{id, start_at, end_at, room}]), or NULL. */
static json_t *
slot_by_id(json_t *slots, json_t *id)
{
	json_t *x;
	size_t i;

	json_array_foreach(slots, i, x)
		if (json_equal(json_object_get(x, "id"), id))
			return x;
	return NULL;
}

/* Refuses (errs' side_event_slots, naming the side event) new slots that
 * remove or move a slot of session id (stored as was) holding an accepted
 * side event: such a slot stays, with its start and end (its room may
 * change), whoever the side event's organization is now.  Every path that
 * changes slots comes through here (the API's POST and PATCH, the staff
 * form), and mtg_save asks again inside its transaction. */
static void
slots_held(struct req *r, json_t *errs, struct db *d, int64_t id, json_t *was, json_t *slots)
{
	json_t *held = NULL, *e;
	size_t i;

	if (mtg_se_held(d, id, &held) != WS_OK) {
		json_decref(held);
		return;
	}
	json_array_foreach(held, i, e) {
		json_t *old = slot_by_id(was, json_object_get(e, "slot_id"));
		json_t *now = slot_by_id(slots, json_object_get(e, "slot_id"));
		const char *msg = NULL, *s, *at;

		if (!now)
			msg = N_("The slot of the accepted side event \"{{title}}\" cannot be "
			    "removed: decide on the side event first.");
		else if (old && (!json_equal(json_object_get(old, "start_at"), json_object_get(now,
		    "start_at")) || !json_equal(json_object_get(old, "end_at"), json_object_get(now,
		    "end_at"))))
			msg = N_("The slot of the accepted side event \"{{title}}\" cannot "
			    "move: its organization was accepted for that time. Decide on the side "
			    "event first.");
		if (!msg || json_object_get(errs, "side_event_slots"))
			continue;
		s = tr(r, msg);
		at = strstr(s, "{{title}}");
		json_object_set_new(errs, "side_event_slots", json_string(at ? arena_printf(r->a,
		    "%.*s%s%s", (int)(at - s), s, json_string_value(json_object_get(e, "title")),
		    at + strlen("{{title}}")) : s));
	}
	json_decref(held);
}

/* The side-event window and slots of a session's input in into vals: the
 * window opens before it closes and closes by the start; the slots fall
 * within the session's dates (slots_of). */
static void
side_window_check(struct req *r, const struct tz *z, json_t *in, json_t *vals, json_t *ev_vals,
    json_t *errs, int64_t id)
{
	static const struct mtg_viewer staff = { 1, 1 };
	json_t *was = NULL, *y;
	int64_t high = 0;
	size_t i;
	json_t *start = json_object_get(ev_vals, "start_at"), *end = json_object_get(ev_vals,
	    "end_at"), *opens, *closes, *x;

	app_time_field(r, z, vals, errs, "side_events_opens", "side_events_opens_at",
	    N_("Enter a date and time like 2026-10-22T09:00 (in the session's time "
	    "zone) or 2026-10-22T09:00:00+02:00."), N_("That time does not exist in the "
	    "session's time zone: the clocks go forward then."));
	app_time_field(r, z, vals, errs, "side_events_closes", "side_events_closes_at",
	    N_("Enter a date and time like 2026-10-22T09:00 (in the session's time "
	    "zone) or 2026-10-22T09:00:00+02:00."), N_("That time does not exist in the "
	    "session's time zone: the clocks go forward then."));
	opens = json_object_get(vals, "side_events_opens_at");
	closes = json_object_get(vals, "side_events_closes_at");
	if (json_is_integer(opens) && !json_is_integer(closes))
		fail(r, errs, "side_events_closes", N_("Say when proposals of side events close."));
	if (json_is_integer(opens) && json_is_integer(closes) &&
	    json_integer_value(opens) >= json_integer_value(closes))
		fail(r, errs, "side_events_opens", N_("Proposals of side events must open before "
		    "they close."));
	if (json_is_integer(closes) && json_is_integer(start) &&
	    json_integer_value(closes) > json_integer_value(start))
		fail(r, errs, "side_events_closes", N_("Proposals of side events must close by "
		    "the start of the session."));
	if (!json_is_integer(start) || !json_is_integer(end))
		return;
	if (id && mtg_get(req_db(r), &staff, id, &was) == WS_OK)
		json_array_foreach(json_object_get(was, "side_event_slots"), i, y)
			if (json_integer_value(json_object_get(y, "id")) > high)
				high = json_integer_value(json_object_get(y, "id"));
	if ((x = slots_of(json_object_get(in, "side_event_slots"), z, json_integer_value(start),
	    json_integer_value(end), high)) == NULL)
		fail(r, errs, "side_event_slots", N_("Each side-event slot needs a start before "
		    "its end, within the session's dates, and a room of at most 200 characters "
		    "(at most 100 slots, ids unique)."));
	else
		json_object_set_new(vals, "side_event_slots", x);
	if (x && id && !json_object_get(errs, "side_event_slots"))
		slots_held(r, errs, req_db(r), id, json_object_get(was, "side_event_slots"), x);
	json_decref(was);
}

enum ws_err
mtg_check(struct req *r, json_t *in, int64_t id, json_t **event, json_t **values,
    json_t **errors)
{
	json_t *vals = NULL, *errs = NULL, *ev_in, *ev_vals = NULL, *ev_errs = NULL, *x;
	json_t *bodies = NULL, *b, *was = r->in;
	const char *const *k, *key;
	const char *body, *wg, *zone;
	const struct tz *z = NULL;
	enum ws_err rc;

	*event = *values = *errors = NULL;
	(void)id;
	r->in = in;
	if (form_check(r, mtg_fields, MTG_NFIELDS, &vals, &errs) == WS_OK || !errs)
		errs = json_object();
	r->in = was;
	if ((rc = mtg_bodies(req_db(r), &bodies)) != WS_OK)
		goto out;
	body = json_string_value(json_object_get(vals, "body"));
	b = body_row(bodies, body);
	if (!b && !json_object_get(errs, "body"))
		fail(r, errs, "body", N_("Choose a body from the list."));
	wg = json_string_value(json_object_get(vals, "working_group"));
	if (body && strcmp(body, "untoc_wg") == 0 && (!wg || !*wg))
		fail(r, errs, "working_group", N_("Say which working group meets."));
	else if (body && strcmp(body, "untoc_wg") != 0 && wg && *wg)
		fail(r, errs, "working_group", N_("Only the working groups of the Conference "
		    "of the Parties have a working group."));
	if (!*json_string_value(json_object_get(vals, "eligibility")))
		json_object_set_new(vals, "eligibility", json_string("ecosoc"));
	if (!json_is_integer(json_object_get(vals, "delegates_max")) &&
	    !json_object_get(errs, "delegates_max"))
		json_object_set_new(vals, "delegates_max", json_integer(MTG_DELEGATES_DEFAULT));
	if ((x = agenda_of(json_object_get(in, "agenda"))) == NULL)
		fail(r, errs, "agenda", N_("Each agenda item needs a number and a title (at most "
		    "60 items, numbers unique); statements is true or false; minutes for "
		    "statements from 1 to 600."));
	else
		json_object_set_new(vals, "agenda", x);
	if ((x = invited_of(r, json_object_get(in, "invited"))) == NULL)
		fail(r, errs, "invited", N_("List the organizations invited by their ids, each "
		    "once, organizations that exist (at most 500)."));
	else
		json_object_set_new(vals, "invited", x);

	/* the session's event: what it passes on, kind session, and a title
	 * the events list reads well */
	ev_in = json_object();
	for (k = event_fields; *k; k++)
		if ((x = json_object_get(in, *k)) != NULL)
			json_object_set(ev_in, *k, x);
	if ((x = json_object_get(in, "documents")) != NULL)
		json_object_set(ev_in, "resources", x);
	json_object_set_new(ev_in, "kind", json_string("session"));
	json_object_set_new(ev_in, "audience", json_string("members"));
	json_object_set_new(ev_in, "title", json_string(arena_printf(r->a, "%s, %s",
	    b ? json_string_value(json_object_get(b, "name_en")) : "Session",
	    json_string_value(json_object_get(vals, "title")))));
	events_check(r, ev_in, &ev_vals, &ev_errs);
	json_decref(ev_in);
	json_object_foreach(ev_errs, key, x) {
		if (strcmp(key, "title") == 0)
			continue;	/* the session's title says it */
		json_object_set(errs, strcmp(key, "resources") == 0 ? "documents" : key, x);
	}

	/* the nomination window, in the session's zone, closing by its start */
	zone = json_string_value(json_object_get(ev_vals, "timezone"));
	if (!json_object_get(errs, "timezone") && zone && tz_get(zone, &z) == WS_OK) {
		app_time_field(r, z, vals, errs, "nominations_opens", "nominations_opens_at",
		    N_("Enter a date and time like 2026-10-22T09:00 (in the session's time "
		    "zone) or 2026-10-22T09:00:00+02:00."), N_("That time does not exist in the "
		    "session's time zone: the clocks go forward then."));
		app_time_field(r, z, vals, errs, "nominations_closes", "nominations_closes_at",
		    N_("Enter a date and time like 2026-10-22T09:00 (in the session's time "
		    "zone) or 2026-10-22T09:00:00+02:00."), N_("That time does not exist in the "
		    "session's time zone: the clocks go forward then."));
		app_time_field(r, z, vals, errs, "speaking_opens", "speaking_opens_at",
		    N_("Enter a date and time like 2026-10-22T09:00 (in the session's time "
		    "zone) or 2026-10-22T09:00:00+02:00."), N_("That time does not exist in the "
		    "session's time zone: the clocks go forward then."));
		app_time_field(r, z, vals, errs, "speaking_closes", "speaking_closes_at",
		    N_("Enter a date and time like 2026-10-22T09:00 (in the session's time "
		    "zone) or 2026-10-22T09:00:00+02:00."), N_("That time does not exist in the "
		    "session's time zone: the clocks go forward then."));
	}
	{
		/* requests to speak: a window that opens before it closes, and
		 * closes by the session's end */
		json_t *opens = json_object_get(vals, "speaking_opens_at");
		json_t *closes = json_object_get(vals, "speaking_closes_at");
		json_t *end = json_object_get(ev_vals, "end_at");

		if (json_is_integer(opens) && !json_is_integer(closes))
			fail(r, errs, "speaking_closes", N_("Say when requests to speak close."));
		if (json_is_integer(opens) && json_is_integer(closes) &&
		    json_integer_value(opens) >= json_integer_value(closes))
			fail(r, errs, "speaking_opens", N_("Requests to speak must open before they "
			    "close."));
		if (json_is_integer(closes) && json_is_integer(end) &&
		    json_integer_value(closes) > json_integer_value(end))
			fail(r, errs, "speaking_closes", N_("Requests to speak must close by the end "
			    "of the session."));
	}
	{
		json_t *opens = json_object_get(vals, "nominations_opens_at");
		json_t *closes = json_object_get(vals, "nominations_closes_at");
		json_t *start = json_object_get(ev_vals, "start_at");

		if (json_is_integer(opens) && !json_is_integer(closes))
			fail(r, errs, "nominations_closes", N_("Say when nominations close."));
		if (json_is_integer(opens) && json_is_integer(closes) &&
		    json_integer_value(opens) >= json_integer_value(closes))
			fail(r, errs, "nominations_opens", N_("Nominations must open before they "
			    "close."));
		if (json_is_integer(closes) && json_is_integer(start) &&
		    json_integer_value(closes) > json_integer_value(start))
			fail(r, errs, "nominations_closes", N_("Nominations must close by the "
			    "start of the session."));
	}
	x = json_object_get(ev_vals, "start_month");
	if (json_is_string(x) && json_string_length(x) >= 4) {
		int64_t year = 0;
		char y[5];

		memcpy(y, json_string_value(x), 4);
		y[4] = '\0';
		if (parse_int(y, 1, 9999, &year) == WS_OK)
			json_object_set_new(vals, "year", json_integer(year));
	}
	if (!json_object_get(errs, "timezone") && zone && tz_get(zone, &z) == WS_OK)
		side_window_check(r, z, in, vals, ev_vals, errs, id);
	*event = ev_vals;
	ev_vals = NULL;
	*values = vals;
	vals = NULL;
	if (json_object_size(errs) > 0) {
		*errors = errs;
		errs = NULL;
	}
out:
	json_decref(bodies);
	json_decref(vals);
	json_decref(errs);
	json_decref(ev_vals);
	json_decref(ev_errs);
	return rc;
}

enum ws_err
mtg_save(struct req *r, int64_t id, json_t *event, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	int64_t other = 0;
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	/* the slots holding accepted side events, asked again under the
	 * session's lock, which a decision takes too: an accept that came
	 * between mtg_check and here is not lost with its slot */
	if (id && (rc = mtg_lock(d, id)) == WS_OK) {
		static const struct mtg_viewer staff = { 1, 1 };
		json_t *was = NULL, *errs = json_object();

		if ((rc = mtg_get(d, &staff, id, &was)) == WS_OK) {
			slots_held(r, errs, d, id, json_object_get(was, "side_event_slots"),
			    json_object_get(values, "side_event_slots"));
			if (json_object_size(errs) > 0) {
				json_object_set(values, "_errors", errs);
				rc = WS_EINVAL;
			}
		}
		json_decref(was);
		json_decref(errs);
	}
	if (rc == WS_OK)
		rc = mtg_same_number(d, json_string_value(json_object_get(values, "body")),
	    json_string_value(json_object_get(values, "working_group")),
	    json_integer_value(json_object_get(values, "number")), id, &other);
	if (rc == WS_OK && other)
		rc = WS_ECONFLICT;
	if (rc == WS_OK)
		rc = events_store(r->app, d, id, event, r->user->id, out);
	if (rc == WS_OK)
		rc = mtg_put(d, *out, values, id == 0);
	if (rc == WS_OK) {
		app_audit_about(r->app, d, r->user->id, 0, 0, id ? "meeting.edited" :
		    "meeting.created", r->ip, arena_printf(r->a, "session %lld: %s (%s)",
		    (long long)*out, json_string_value(json_object_get(event, "title")),
		    json_string_value(json_object_get(event, "status"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

/* ---- creating and changing ----------------------------------------------------- */

/* A refusal of a create or an edit into w: the fields to fix (WS_EINVAL),
 * or the number another session has (WS_ECONFLICT). */
static enum ws_err
refused(struct req *r, struct resp *w, enum ws_err rc, json_t *errors)
{
	if (rc == WS_EINVAL) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
	} else if (rc == WS_ECONFLICT) {
		w->errors = json_pack("{s:s}", "number", tr(r, N_("This body already has a "
		    "session with this number.")));
		w->detail = N_("This body already has a session with this number.");
	}
	return rc;
}

/* The answer of a create or an edit: the session as staff see it. */
static enum ws_err
answer(struct req *r, struct resp *w, int64_t id)
{
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	return h_meeting(r, w);
}

enum ws_err
h_meeting_create(struct req *r, struct resp *w)
{
	json_t *event = NULL, *values = NULL, *errors = NULL;
	int64_t id = 0;
	enum ws_err rc;

	if ((rc = mtg_check(r, r->in, 0, &event, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = mtg_save(r, 0, event, values, &id)) != WS_OK)
		rc = refused(r, w, rc, NULL);
	else if ((rc = answer(r, w, id)) == WS_OK)
		w->status = 201;
out:
	json_decref(event);
	json_decref(values);
	json_decref(errors);
	return rc;
}

json_t *
mtg_merged_input(json_t *m, json_t *in)
{
	static const char *const names[] = { "body", "working_group", "number", "title",
		"description", "start", "end", "timezone", "venue", "status", "visibility",
		"agenda", "eligibility", "invited", "nominations_opens", "nominations_closes",
		"delegates_max", "documents", "side_events_opens", "side_events_closes",
		"side_event_slots", "speaking_opens", "speaking_closes", NULL };
	const char *const *k;
	json_t *out = json_object(), *x;

	for (k = names; *k; k++) {
		if ((x = json_object_get(in, *k)) != NULL)
			json_object_set(out, *k, x);
		else if ((x = json_object_get(m, *k)) != NULL && !json_is_null(x))
			json_object_set(out, *k, x);
	}
	return out;
}

enum ws_err
h_meeting_edit(struct req *r, struct resp *w)
{
	json_t *m = NULL, *in = NULL, *event = NULL, *values = NULL, *errors = NULL;
	int64_t id, out_id = 0;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_load_view(r, id, &m)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		rc = WS_EINVAL;
		w->detail = N_("Send the fields to change as a JSON object.");
		goto out;
	}
	in = mtg_merged_input(m, r->in);
	if ((rc = mtg_check(r, in, id, &event, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = mtg_save(r, id, event, values, &out_id)) != WS_OK)
		rc = refused(r, w, rc, json_object_get(values, "_errors"));
	else
		rc = answer(r, w, id);
out:
	json_decref(m);
	json_decref(in);
	json_decref(event);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* ---- bodies ---------------------------------------------------------------------- */

/* Whether s is a body's code: a-z first, then 1-39 of a-z, 0-9, _. */
static int
code_ok(const char *s)
{
	size_t n;

	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (n = 1; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return 0;
	return n >= 2 && n <= 40;
}

/* Body row b as the API gives it.  New reference. */
static json_t *
body_view(struct req *r, json_t *b)
{
	json_t *o = json_pack("{s:O,s:s,s:O,s:O,s:[]}", "code", json_object_get(b, "code"),
	    "name", mtg_body_name(r, b), "name_en", json_object_get(b, "name_en"), "name_fr",
	    json_object_get(b, "name_fr"), "working_groups");
	size_t i;

	if (strcmp(json_string_value(json_object_get(b, "code")), "untoc_wg") == 0)
		for (i = 0; mtg_wg_codes[i]; i++)
			json_array_append_new(json_object_get(o, "working_groups"), json_pack(
			    "{s:s,s:s}", "code", mtg_wg_codes[i], "name", tr(r, mtg_wg_names[i])));
	return o;
}

enum ws_err
h_bodies(struct req *r, struct resp *w)
{
	json_t *bodies = NULL, *items, *b;
	enum ws_err rc;
	size_t i;

	if ((rc = mtg_bodies(req_db(r), &bodies)) != WS_OK) {
		json_decref(bodies);
		return rc;
	}
	items = json_array();
	json_array_foreach(bodies, i, b)
		json_array_append_new(items, body_view(r, b));
	json_decref(bodies);
	resp_value(w, json_pack("{s:o}", "items", items));
	return WS_OK;
}

static const struct field body_fields[] = {
	{ "code", FT_CHOICE, 1, 0, 0, NULL, code_ok,
	    N_("Use 2 to 40 of a-z, 0-9 and _, starting with a letter.") },
	{ "name_en", FT_LINE, 1, 2, 300, NULL, NULL, NULL },
	{ "name_fr", FT_LINE, 1, 2, 300, NULL, NULL, NULL },
};

enum ws_err
h_body_add(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *bodies = NULL, *b;
	const char *code;
	enum ws_err rc;

	if (form_check(r, body_fields, 3, &values, &errors) != WS_OK) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	code = json_string_value(json_object_get(values, "code"));
	rc = mtg_body_insert(req_db(r), code, json_string_value(json_object_get(values,
	    "name_en")), json_string_value(json_object_get(values, "name_fr")), r->user->id);
	if (rc == WS_ECONFLICT) {
		w->detail = N_("A body with this code exists already.");
		w->errors = json_pack("{s:s}", "code", tr(r, w->detail));
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	app_audit(r->app, req_db(r), r->user->id, "meeting.body_added", r->ip,
	    arena_printf(r->a, "body %s: %s", code, json_string_value(json_object_get(values,
	    "name_en"))));
	if ((rc = mtg_bodies(req_db(r), &bodies)) != WS_OK)
		goto out;
	if ((b = body_row(bodies, code)) == NULL) {
		rc = WS_EDB;
		goto out;
	}
	resp_value(w, body_view(r, b));
	w->status = 201;
out:
	json_decref(values);
	json_decref(errors);
	json_decref(bodies);
	return rc;
}
