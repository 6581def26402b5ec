/*
 * seed.c -- `whatson seed --demo`: a few sessions of several bodies, each
 * with its agenda, so that a newcomer's /meetings has something to show:
 * the two commissions, the Conference of the Parties and one of its
 * working groups, the Conference of the States Parties and its review
 * group, and the Congress, dated from the year the seed runs, in their
 * cities' zones.  A body's number is a session's key: seeding again adds
 * none.  The nearest sessions' nomination windows are open, and so are
 * their windows for side events: each has four slots and a few proposals
 * in several states, two accepted into slots (the programme).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"

struct seed_item {
	const char *number, *title;
	int statements;
};

static const struct seed_item commission[] = {
	{ "1", "Election of officers", 0 },
	{ "2", "Adoption of the agenda and organization of work", 0 },
	{ "3", "Thematic discussion", 1 },
	{ "4", "Integration and coordination of efforts", 1 },
	{ "5", "Use and application of United Nations standards and norms", 1 },
	{ "6", "World crime trends and emerging issues", 1 },
	{ "7", "Provisional agenda for the next session", 0 },
	{ "8", "Adoption of the report", 0 },
	{ NULL, NULL, 0 },
};
static const struct seed_item conference[] = {
	{ "1", "Organizational matters", 0 },
	{ "2", "Review mechanism", 1 },
	{ "3", "Technical assistance", 1 },
	{ "4", "International cooperation", 1 },
	{ "5 (a)", "Prevention", 1 },
	{ "5 (b)", "Asset recovery", 1 },
	{ "6", "Other matters", 0 },
	{ "7", "Adoption of the report", 0 },
	{ NULL, NULL, 0 },
};
static const struct seed_item group[] = {
	{ "1", "Organizational matters", 0 },
	{ "2", "Good practices and challenges", 1 },
	{ "3", "Other matters", 0 },
	{ "4", "Adoption of the report", 0 },
	{ NULL, NULL, 0 },
};

static const struct {
	const char *body, *wg, *title, *zone, *venue, *elig;
	int number, years, month, day, days, delegates, window;	/* window: nominations open now */
	const struct seed_item *agenda;
} sessions[] = {
	{ "cnd", "", "Sixty-ninth session", "Europe/Vienna", "Vienna International Centre",
	    "ecosoc", 69, 1, 3, 9, 5, 3, 1, commission },
	{ "ccpcj", "", "Thirty-fifth session", "Europe/Vienna", "Vienna International Centre",
	    "ecosoc", 35, 1, 5, 18, 5, 3, 1, commission },
	{ "irg", "", "Seventeenth session", "Europe/Vienna", "Vienna International Centre",
	    "invited", 17, 1, 6, 15, 3, 2, 0, group },
	{ "untoc_wg", "firearms", "Twelfth meeting", "Europe/Vienna",
	    "Vienna International Centre", "members", 12, 1, 7, 6, 2, 2, 0, group },
	{ "cop_untoc", "", "Thirteenth session", "Europe/Vienna", "Vienna International Centre",
	    "ecosoc", 13, 1, 10, 12, 5, 4, 0, conference },
	{ "cosp", "", "Twelfth session", "Asia/Qatar", "Qatar National Convention Centre, Doha",
	    "members", 12, 1, 12, 7, 5, 4, 0, conference },
	{ "congress", "", "Sixteenth Congress", "Asia/Dubai", "Abu Dhabi National Exhibition "
	    "Centre", "ecosoc", 16, 2, 4, 19, 7, 5, 0, commission },
};

/* The instant of day (y, m, d) at hh:00 in zone z (0 when it fails). */
static int64_t
at(const struct tz *z, int y, int m, int d, int hh)
{
	struct tz_local l = { y, m, d, hh, 0, 0 };
	int64_t t = 0;

	if (tz_to_utc(z, &l, &t, NULL) != WS_OK)
		return 0;
	return t;
}

/* Seeds session i, counting it in *added unless it exists. */
static enum ws_err
seed_one(struct app *app, struct db *d, json_t *bodies, size_t i, int64_t staff_id,
    int64_t now, int *added)
{
	const char *name = sessions[i].body;
	json_t *b;
	size_t k;
	const struct tz *z = NULL;
	struct tz_local l;
	json_t *ev, *m, *agenda;
	int64_t start, end, other = 0, id = 0;
	const struct seed_item *it;
	char title[300], month[16];
	enum ws_err rc;

	if ((rc = mtg_same_number(d, sessions[i].body, sessions[i].wg, sessions[i].number, 0,
	    &other)) != WS_OK || other)
		return rc;
	if (tz_get(sessions[i].zone, &z) != WS_OK)
		return WS_EINVAL;
	tz_to_local(z, now, &l);
	start = at(z, l.year + sessions[i].years, sessions[i].month, sessions[i].day, 10);
	end = at(z, l.year + sessions[i].years, sessions[i].month, sessions[i].day +
	    sessions[i].days - 1, 18);
	if (!start || !end)
		return WS_EINVAL;
	snprintf(month, sizeof month, "%04d-%02d", l.year + sessions[i].years,
	    sessions[i].month);
	json_array_foreach(bodies, k, b)
		if (strcmp(json_string_value(json_object_get(b, "code")), sessions[i].body) == 0)
			name = json_string_value(json_object_get(b, "name_en"));
	snprintf(title, sizeof title, "%s, %s", name, sessions[i].title);
	ev = json_pack("{s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:[],s:[],s:[],s:s,s:b,s:s,s:s,"
	    "s:[],s:[],s:s,s:n,s:n,s:n}", "kind", "session", "title", title, "description",
	    "A demo session: its agenda, who may take part and when to nominate delegates.",
	    "start_at", (json_int_t)start, "end_at", (json_int_t)end, "timezone",
	    sessions[i].zone, "start_month", month, "venue", sessions[i].venue, "online_url", "",
	    "languages", "themes", "regions", "organizer", "", "approval_required", 0,
	    "audience", "members", "visibility", "public", "questions", "resources", "status",
	    "published", "capacity", "registration_opens_at", "registration_closes_at");
	agenda = json_array();
	for (it = sessions[i].agenda; it->number; it++)
		json_array_append_new(agenda, json_pack("{s:s,s:s,s:b}", "number", it->number,
		    "title", it->title, "statements", it->statements));
	m = json_pack("{s:s,s:s,s:I,s:s,s:I,s:o,s:s,s:[],s:I}", "body", sessions[i].body,
	    "working_group", sessions[i].wg, "number", (json_int_t)sessions[i].number, "title",
	    sessions[i].title, "year", (json_int_t)(l.year + sessions[i].years), "agenda",
	    agenda, "eligibility", sessions[i].elig, "invited", "delegates_max",
	    (json_int_t)sessions[i].delegates);
	/* the nearest sessions take nominations now, until a month before */
	if (sessions[i].window) {
		json_object_set_new(m, "nominations_opens_at", json_integer(now - 7 * 86400));
		json_object_set_new(m, "nominations_closes_at", json_integer(start - 30 * 86400));
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = events_store(app, d, 0, ev, staff_id, &id)) == WS_OK &&
	    (rc = mtg_put(d, id, m, 1)) == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	else
		(*added)++;
out:
	json_decref(ev);
	json_decref(m);
	return rc;
}

/* ---- side events ------------------------------------------------------------ */

static const struct {
	const char *title, *abstract, *format, *language, *status, *message;
	int slot;	/* accepted into this slot; 0: none */
} proposals[] = {
	{ "Community monitoring of synthetic drug markets", "Three community groups show how "
	    "they track new synthetic drugs on local markets and what their data told health "
	    "services.", "hybrid", "en", "accepted", "", 1 },
	{ "Alternatives to incarceration for minor drug offences", "Judges, defenders and "
	    "civil society compare diversion schemes and what made them last.", "in_person",
	    "fr", "accepted", "", 2 },
	{ "Youth voices on prevention", "Young people from four regions present prevention "
	    "work they lead.", "online", "es", "changes_requested", "Please add the speakers "
	    "and a government co-sponsor.", 0 },
	{ "Harm reduction in prisons", "Evidence and practice from prison health programmes.",
	    "in_person", "en", "declined", "The programme has a session on this theme "
	    "already; we suggest joining it.", 0 },
	{ "Women in drug policy", "A panel on women who use drugs, work in treatment or shape "
	    "policy.", "hybrid", "en", "pending", "", 0 },
};

/*
 * Gives demo session (body, number) side-event slots and an open window
 * when it has no slots yet, and, when it has no proposals yet, a few from
 * the first approved organizations in several states, two accepted into
 * slots: seeding again adds none.
 */
static enum ws_err
seed_side_events(struct db *d, const char *body, int number, int64_t staff_id, int64_t now)
{
	static const struct mtg_viewer staff = { 1, 1 };
	json_t *s = NULL, *slots, *co, *values;
	int64_t id = 0, n = 0, orgs[6], start;
	const struct tz *z = NULL;
	struct tz_local l;
	struct db_q *q;
	size_t i, norgs = 0;
	enum ws_err rc;

	if ((rc = mtg_same_number(d, body, "", number, 0, &id)) != WS_OK || !id)
		return rc;
	if ((rc = mtg_get(d, &staff, id, &s)) != WS_OK)
		return rc;
	if (json_array_size(json_object_get(s, "side_event_slots")) == 0) {
		if (tz_get(json_string_value(json_object_get(s, "timezone")), &z) != WS_OK) {
			rc = WS_EINVAL;
			goto out;
		}
		start = json_integer_value(json_object_get(s, "start_at"));
		tz_to_local(z, start, &l);
		slots = json_array();
		for (i = 0; i < 4; i++) {
			int64_t a = at(z, l.year, l.mon, l.day + (int)i, 13) + 15 * 60;

			json_array_append_new(slots, json_pack("{s:I,s:I,s:I,s:s}", "id",
			    (json_int_t)(i + 1), "start_at", (json_int_t)a, "end_at",
			    (json_int_t)(a + 75 * 60), "room", i == 3 ? "Online" : i % 2 ? "Room C3" :
			    "Room M3"));
		}
		json_object_set_new(s, "side_event_slots", slots);
		json_object_set_new(s, "side_events_opens_at", json_integer(now - 7 * 86400));
		json_object_set_new(s, "side_events_closes_at", json_integer(start - 14 * 86400));
		if ((rc = mtg_put(d, id, s, 0)) != WS_OK)
			goto out;
	}
	if ((rc = app_one_int(d, ST_MTG_SE_SEED_COUNT, id, &n)) != WS_OK || n > 0)
		goto out;
	q = db_start(d, ST_MTG_SE_SEED_ORGS);
	while ((rc = db_step(q)) == WS_OK && norgs < 6)
		orgs[norgs++] = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	rc = WS_OK;
	if (norgs < 2)
		goto out;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	for (i = 0; i < sizeof proposals / sizeof proposals[0] && rc == WS_OK; i++) {
		int64_t sid = 0;
		int done = 0;

		co = json_pack("{s:[],s:[s],s:[s]}", "organizations", "others",
		    "University of Vienna", "governments", i % 2 ? "KE" : "AT");
		values = json_pack("{s:s,s:s,s:o,s:s,s:s,s:[i,i]}", "title", proposals[i].title,
		    "abstract", proposals[i].abstract, "co_organizers", co, "format",
		    proposals[i].format, "language", proposals[i].language, "preferred_slots",
		    proposals[i].slot ? proposals[i].slot : 3, 4);
		rc = mtg_se_insert(d, id, orgs[i % norgs], 0, values, &sid);
		if (rc == WS_OK && strcmp(proposals[i].status, "pending") != 0)
			rc = mtg_se_decide(d, sid, proposals[i].status, proposals[i].slot,
			    proposals[i].message, staff_id, &done);
		json_decref(values);
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
out:
	json_decref(s);
	return rc;
}

enum ws_err
meetings_seed_demo(struct app *app, struct db *d, int64_t staff_id, int *added)
{
	int64_t now = now_s();
	json_t *bodies = NULL;
	enum ws_err rc;
	size_t i;

	*added = 0;
	if ((rc = mtg_bodies(d, &bodies)) == WS_OK)
		for (i = 0; i < sizeof sessions / sizeof sessions[0] && rc == WS_OK; i++)
			rc = seed_one(app, d, bodies, i, staff_id, now, added);
	if (rc == WS_OK)
		rc = mtg_spk_seed_demo(d, staff_id);
	json_decref(bodies);
	/* the nearest sessions' side events */
	if (rc == WS_OK)
		rc = seed_side_events(d, "cnd", 69, staff_id, now);
	if (rc == WS_OK)
		rc = seed_side_events(d, "ccpcj", 35, staff_id, now);
	return rc;
}
