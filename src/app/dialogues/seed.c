/*
 * seed.c -- `whatson seed --demo`: two constructive dialogues after the
 * demo session of the Working Group on Firearms (src/app/meetings/seed.c
 * makes it), each with its preparation day and dialogue (events), its call
 * of kind `dialogue` with the demo people's applications decided by the
 * Extended Bureau, and written inputs; the first with its summary
 * published and the demo focal point (Kenya) invited to it.  None when the hub has a dialogue already, so seeding again
 * adds nothing; none either without the demo session and people.
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/calls/calls.h"
#include "app/dialogues/dialogues_int.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"

#define DAY 86400

static const struct {
	const char *title, *description, *summary;
	const char *countries;	/* JSON */
	int weeks;		/* after the session's start, the dialogue */
	int decided;		/* the call closed and decided, the summary out */
} demo[] = {
	{ "Constructive dialogue on firearms trafficking",
	  "Stakeholders and States parties on **marking, record-keeping and tracing** of "
	  "firearms, after the Working Group on Firearms.",
	  "The dialogue heard eleven stakeholders from four regions.\n\n"
	  "* Tracing requests go unanswered for months: a contact point per country helps.\n"
	  "* Civil society documents diversion at borders; the reviews may use it.\n"
	  "* Survivors' organizations ask to be heard in the country reviews.",
	  "[\"NG\", \"BR\", \"PH\"]", 1, 1 },
	{ "Constructive dialogue on the illicit manufacturing of firearms",
	  "Craft production, 3D-printed parts and what communities see of them.",
	  NULL, "[\"KE\", \"MX\"]", 2, 0 },
};

/* An event of the dialogue: a workshop at start (seconds) for hours, in
 * Vienna.  Its id into *id. */
static enum ws_err
event_made(struct app *app, struct db *d, const char *title, int64_t start, int hours,
    int64_t staff_id, int64_t *id)
{
	const struct tz *z = NULL;
	struct tz_local l;
	char month[16];
	json_t *ev;
	enum ws_err rc;

	if (tz_get("Europe/Vienna", &z) != WS_OK)
		return WS_EINVAL;
	tz_to_local(z, start, &l);
	snprintf(month, sizeof month, "%04d-%02d", l.year, l.mon);
	ev = json_pack("{s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:[],s:[],s:[],s:s,s:b,s:s,s:s,"
	    "s:[],s:[],s:s,s:n,s:n,s:n}", "kind", "workshop", "title", title, "description",
	    "For the approved participants of the constructive dialogue.", "start_at",
	    (json_int_t)start, "end_at", (json_int_t)(start + hours * 3600), "timezone",
	    "Europe/Vienna", "start_month", month, "venue", "Vienna International Centre",
	    "online_url", "", "languages", "themes", "regions", "organizer", "",
	    "approval_required", 0, "audience", "members", "visibility", "public", "questions",
	    "resources", "status", "published", "capacity", "registration_opens_at",
	    "registration_closes_at");
	rc = events_store(app, d, 0, ev, staff_id, id);
	json_decref(ev);
	return rc;
}

/* Dialogue i after session sid (starting at start), with the demo people
 * uid[0..3) (the member for their organization org) taking part. */
static enum ws_err
seed_one(struct app *app, struct db *d, size_t i, int64_t sid, int64_t start,
    const int64_t *uid, int64_t org, int64_t focal, int64_t staff_id)
{
	static const char *const genders[] = { "woman", "man", "another" };
	static const char *const expertise[] = {
		"Ten years of research on arms flows in West Africa.",
		"A survivors' network working with the police on tracing.",
		"Advocacy on the marking of craft-produced firearms." };
	int64_t day = start + (int64_t)demo[i].weeks * 7 * DAY, prep = 0, ev = 0, call = 0;
	int64_t id = 0, app_id, iid;
	json_t *c, *values, *file = NULL;
	enum ws_err rc;
	char title[300];
	size_t k;

	snprintf(title, sizeof title, "%s: preparation day", demo[i].title);
	if ((rc = event_made(app, d, title, day - DAY + 9 * 3600, 8, staff_id, &prep)) != WS_OK)
		return rc;
	if ((rc = event_made(app, d, demo[i].title, day + 9 * 3600, 8, staff_id, &ev)) != WS_OK)
		return rc;
	c = json_pack("{s:s,s:s,s:s,s:{s:[],s:[],s:[],s:b,s:s},s:n,s:I,s:s,s:n,s:o,s:o,s:n,"
	    "s:s}", "kind", "dialogue", "title", demo[i].title, "description",
	    "Any non-governmental stakeholder may apply, whatever its ECOSOC status.",
	    "eligibility", "organization_kinds", "countries", "regions", "experts", 1, "audience",
	    "open", "opens_at", "closes_at", (json_int_t)(demo[i].decided ? now_s() - 7 * DAY :
	    day - 30 * DAY), "timezone", "Europe/Vienna", "places",
	    "questions", json_loads("[{\"id\": \"expertise\", \"label\": \"Your proven "
	    "expertise on the topic\", \"type\": \"text\", \"required\": true, \"max_length\": "
	    "2000}, {\"id\": \"" DLG_GENDER_Q "\", \"label\": \"Gender of the speaker\", "
	    "\"type\": \"choice\", \"required\": true, \"choices\": [\"woman\", \"man\", "
	    "\"another\", \"prefer_not_to_say\"]}]", 0, NULL),
	    "criteria", json_loads("[{\"id\": \"country_under_review\", \"name\": \"From a "
	    "country under review\", \"weight\": 1}, {\"id\": \"proven_expertise\", \"name\": "
	    "\"Proven expertise\", \"weight\": 2}]", 0, NULL), "event_id",
	    "status", demo[i].decided ? "decided" : "open");
	rc = calls_seed_call(d, c, staff_id, &call);
	json_decref(c);
	if (rc != WS_OK)
		return rc;
	values = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:o,s:I}", "meeting_id", (json_int_t)sid,
	    "title", demo[i].title, "description", demo[i].description, "prep_event_id",
	    (json_int_t)prep, "event_id", (json_int_t)ev, "call_id", (json_int_t)call,
	    "countries", json_loads(demo[i].countries, 0, NULL), "inputs_close_at",
	    (json_int_t)(day + 30 * DAY));
	rc = dlg_put(d, 0, values, staff_id, &id);
	json_decref(values);
	for (k = 0; k < 3 && rc == WS_OK; k++) {
		const char *status = !demo[i].decided ? "submitted" : k < 2 ? "accepted" :
		    "declined";
		json_t *answers;

		if (!uid[k])
			continue;
		answers = json_pack("{s:s,s:s}", "expertise", expertise[k], DLG_GENDER_Q,
		    genders[k]);
		rc = calls_seed_application(d, call, uid[k], k == 0 ? org : 0, answers, status,
		    staff_id, &app_id);
		json_decref(answers);
		if (rc == WS_OK && demo[i].decided && k < 2)
			rc = dlg_input_insert(d, id, app_id, uid[k], k == 0 ? org : 0, k == 0 ?
			    "Tracing requests from our region wait **months** for an answer; a "
			    "contact point in each country would help." : "Survivors ask to be heard "
			    "in the country reviews.", k == 0, file, &iid);
	}
	if (rc == WS_OK && demo[i].summary)
		rc = dlg_publish(d, id, demo[i].summary, NULL);
	if (rc == WS_OK && i == 0 && focal) {	/* the demo focal point invited (no mail) */
		struct db_q *q = db_start(d, ST_DLG_INV_INSERT);

		db_bind_int(q, 1, focal);
		db_bind_int(q, 2, id);
		db_bind_int(q, 3, staff_id);
		db_bind_int(q, 4, now_s());
		rc = db_step(q);
		db_end(q);
		if (rc == WS_EDONE)
			rc = WS_EDB;
	}
	return rc;
}

enum ws_err
dialogues_seed_demo(struct app *app, struct db *d, int64_t staff_id, int *added)
{
	static const char *const people[] = { "member@example.org", "expert1@example.org",
		"expert2@example.org" };
	struct arena *a = arena_new();
	int64_t have = 0, sid = 0, start = 0, uid[3], org = 0, focal = 0;
	json_t *mine = NULL, *o;
	struct user u;
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	*added = 0;
	q = db_start(d, ST_DLG_SEED_COUNT);
	if ((rc = db_step(q)) == WS_OK)
		have = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK || have)
		goto out;
	q = db_start(d, ST_DLG_SEED_SESSION);
	db_bind_text(q, 1, "firearms");
	if ((rc = db_step(q)) == WS_OK)
		sid = db_col_int(q, 0);
	db_end(q);
	if (rc == WS_EDONE) {
		rc = WS_OK;
		goto out;	/* no demo session */
	}
	if (rc != WS_OK)
		goto out;
	for (i = 0; i < 3; i++)
		uid[i] = user_by_email(d, a, people[i], &u) == WS_OK ? u.id : 0;
	if (user_by_email(d, a, "focal@example.org", &u) == WS_OK && u.role == ROLE_FOCAL)
		focal = u.id;
	if (!uid[0])
		goto out;
	if ((rc = orgs_of_person(d, uid[0], &mine)) != WS_OK)
		goto out;
	json_array_foreach(mine, i, o)
		if (!org && json_is_true(json_object_get(o, "admin")))
			org = json_integer_value(json_object_get(o, "id"));
	/* about when the demo session meets (meetings/seed.c: July, a year on) */
	start = now_s() + 200 * DAY;
	for (i = 0; i < sizeof demo / sizeof demo[0] && rc == WS_OK; i++) {
		if ((rc = db_begin(d)) != WS_OK)
			break;
		if ((rc = seed_one(app, d, i, sid, start, uid, org, focal, staff_id)) == WS_OK)
			rc = db_commit(d);
		if (rc != WS_OK)
			db_rollback(d);
		else
			(*added)++;
	}
out:
	json_decref(mine);
	arena_free(a);
	return rc == WS_EDONE ? WS_OK : rc;
}
