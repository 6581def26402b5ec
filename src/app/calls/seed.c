/*
 * seed.c -- `whatson seed --demo`: demo calls for participants and
 * applications to them, so that a newcomer's /calls, /opportunities and
 * staff review have something to show.
 *
 * Six calls, one of each kind that staff run: a workshop's participants
 * (filling the first upcoming demo workshop when events were seeded), an
 * expert roster, a course cohort open until 5 October, a country pilot
 * initiative for organizations, a dialogue that closed a month ago and
 * was decided (its applications scored by two reviewers, accepted,
 * waitlisted and declined), and a draft only staff see.  The demo member
 * (for their organization), the two demo experts and the first demo
 * applicants answer them: drafts, submitted, withdrawn and decided
 * applications.  Times are measured from the day the seed runs.  Nothing
 * is added when the hub has a call already, so seeding again adds nothing.
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/calls/calls_int.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"

#define DAY 86400

/* The people who answer the demo calls, by their demo addresses. */
enum seed_person { SP_MEMBER, SP_EXPERT1, SP_EXPERT2, SP_APPL1, SP_APPL2, SP_APPL3,
	SP__MAX };
static const char *const seed_emails[] = { "member@example.org", "expert1@example.org",
	"expert2@example.org", "applicant1@example.org", "applicant2@example.org",
	"applicant3@example.org" };
_Static_assert(sizeof seed_emails / sizeof seed_emails[0] == SP__MAX, "seed_emails");

/* One demo application: who, for their organization or not, its status
 * (after submitting: "accepted" and the like are staff's decisions), its
 * answers (JSON text), and the two reviewers' scores and comments (JSON
 * text {criterion: 0-5}; NULL: not scored). */
struct seed_app {
	enum seed_person who;
	int for_org;
	const char *status;
	const char *answers;
	const char *scores[2];
	const char *comments[2];
};

/* One demo call: stored values but its times, which seed_call works
 * out, and up to five applications. */
struct seed_call {
	const char *kind, *title, *timezone, *status, *description;
	const char *eligibility, *questions, *criteria;	/* JSON text */
	int places;					/* 0: no number */
	struct seed_app apps[5];
};

static const struct seed_call seed_calls[] = {
	{ "workshop", "Call for participants: Following the money, a workshop in Vienna",
	    "Europe/Vienna", "open",
	    "A five-day workshop for civil society on tracing the proceeds of corruption and "
	    "organized crime: beneficial ownership registers, open procurement data and how "
	    "to work with financial intelligence units.\n\n"
	    "**Who should apply:** staff of NGOs, academic researchers and journalists who "
	    "follow money flows in their work.\n\n"
	    "Travel and accommodation are covered for selected participants from eligible "
	    "countries. Sessions are held in English and French.",
	    "{\"experts\": true, \"audience\": \"open\"}",
	    "[{\"id\": \"role\", \"label\": \"Your role and what your organization does\", "
	    "\"type\": \"text\", \"required\": true, \"max_length\": 800},"
	    "{\"id\": \"experience\", \"label\": \"Your experience with financial "
	    "investigation\", \"type\": \"choice\", \"required\": true, \"choices\": "
	    "[\"None yet\", \"Some\", \"It is my daily work\"]},"
	    "{\"id\": \"visa\", \"label\": \"Will you need a visa for Austria?\", "
	    "\"type\": \"yes_no\", \"required\": true}]",
	    "[{\"id\": \"relevance\", \"name\": \"Relevance of their work\", \"weight\": 3},"
	    "{\"id\": \"experience\", \"name\": \"Experience to share\", \"weight\": 2},"
	    "{\"id\": \"reach\", \"name\": \"Reach after the workshop\", \"weight\": 1}]",
	    20,
	    { { SP_MEMBER, 1, "submitted",
		"{\"role\": \"We monitor public procurement and publish red flags in "
		"municipal contracts.\", \"experience\": \"Some\", \"visa\": false}",
		{ NULL, NULL }, { NULL, NULL } },
	      { SP_EXPERT2, 0, "submitted",
		"{\"role\": \"Investigative journalist covering procurement fraud.\", "
		"\"experience\": \"It is my daily work\", \"visa\": true}",
		{ NULL, NULL }, { NULL, NULL } },
	      { SP_APPL1, 0, "draft", "{\"experience\": \"None yet\"}",
		{ NULL, NULL }, { NULL, NULL } } } },
	{ "expert_roster", "Expert roster: cybercrime and electronic evidence",
	    "UTC", "open",
	    "We are building a roster of independent experts who can join country "
	    "assessments, train practitioners and review guidance on cybercrime and "
	    "electronic evidence.\n\n"
	    "Experts on the roster are contacted when a request matches their profile; "
	    "being on the roster does not guarantee an assignment.",
	    "{\"experts\": true, \"audience\": \"open\"}",
	    "[{\"id\": \"expertise\", \"label\": \"Your areas of expertise\", \"type\": "
	    "\"text\", \"required\": true, \"max_length\": 1000},"
	    "{\"id\": \"languages\", \"label\": \"Languages you work in\", \"type\": \"text\", "
	    "\"required\": true, \"max_length\": 200},"
	    "{\"id\": \"missions\", \"label\": \"Available for missions of up to two weeks?\", "
	    "\"type\": \"yes_no\"},"
	    "{\"id\": \"cv\", \"label\": \"Your CV (optional)\", \"type\": \"file\"}]",
	    "[{\"id\": \"expertise\", \"name\": \"Depth of expertise\", \"weight\": 3},"
	    "{\"id\": \"regions\", \"name\": \"Regional knowledge\", \"weight\": 2}]",
	    0,
	    { { SP_EXPERT1, 0, "submitted",
		"{\"expertise\": \"Online recruitment in trafficking cases; digital evidence "
		"from social media platforms.\", \"languages\": \"English, Swahili\", "
		"\"missions\": true}", { NULL, NULL }, { NULL, NULL } },
	      { SP_EXPERT2, 0, "submitted",
		"{\"expertise\": \"Open-source investigation of shell companies and crypto "
		"assets.\", \"languages\": \"Portuguese, English, Spanish\", \"missions\": "
		"false}", { NULL, NULL }, { NULL, NULL } } } },
	{ "course_cohort", "Online course on the review mechanism: second cohort",
	    "Europe/Vienna", "open",
	    "The self-paced online course on the Review Mechanism of the Convention against "
	    "Transnational Organized Crime opens its second cohort: six modules over ten "
	    "weeks, about three hours a week, with a certificate for those who finish.\n\n"
	    "The call for participants is open until 5 October.",
	    "{\"experts\": true, \"audience\": \"open\"}",
	    "[{\"id\": \"motivation\", \"label\": \"Why do you want to take the course?\", "
	    "\"type\": \"text\", \"required\": true, \"max_length\": 600},"
	    "{\"id\": \"hours\", \"label\": \"Hours a week you can give\", \"type\": "
	    "\"choice\", \"required\": true, \"choices\": [\"1-2\", \"3-4\", \"5 or more\"]}]",
	    "[{\"id\": \"motivation\", \"name\": \"Motivation\", \"weight\": 2},"
	    "{\"id\": \"multiplier\", \"name\": \"Will share what they learn\", \"weight\": 2}]",
	    40,
	    { { SP_APPL2, 0, "submitted",
		"{\"motivation\": \"Our network wants to take part in the country reviews "
		"and needs to understand how they work.\", \"hours\": \"3-4\"}",
		{ NULL, NULL }, { NULL, NULL } },
	      { SP_APPL3, 0, "withdrawn",
		"{\"motivation\": \"To prepare our submission to the review.\", \"hours\": "
		"\"1-2\"}", { NULL, NULL }, { NULL, NULL } },
	      { SP_EXPERT1, 0, "draft", "{\"hours\": \"5 or more\"}",
		{ NULL, NULL }, { NULL, NULL } } } },
	{ "pilot_initiative", "Country pilot initiative in East Africa: stakeholders wanted",
	    "Africa/Nairobi", "open",
	    "The pilot initiative brings government, civil society, academia and the private "
	    "sector together to follow up the recommendations of the country reviews in "
	    "Kenya, Uganda and Tanzania. Selected organizations join the national "
	    "working group for eighteen months.",
	    "{\"organization_kinds\": [], \"countries\": [\"KE\", \"UG\", \"TZ\"], "
	    "\"experts\": false, \"audience\": \"open\"}",
	    "[{\"id\": \"contribution\", \"label\": \"What your organization would bring to "
	    "the working group\", \"type\": \"text\", \"required\": true, \"max_length\": "
	    "1200}]",
	    "[{\"id\": \"contribution\", \"name\": \"Contribution\", \"weight\": 2},"
	    "{\"id\": \"presence\", \"name\": \"Presence in the country\", \"weight\": 1}]",
	    12, { { SP__MAX, 0, NULL, NULL, { NULL, NULL }, { NULL, NULL } } } },
	{ "dialogue", "Constructive dialogue on preventing corruption in procurement",
	    "Europe/Vienna", "decided",
	    "Stakeholders were invited to the constructive dialogue held alongside the "
	    "Implementation Review Group, on preventive measures in public procurement. "
	    "The selection is made: thank you to everyone who applied.",
	    "{\"experts\": true, \"audience\": \"open\"}",
	    "[{\"id\": \"input\", \"label\": \"The input you would bring to the dialogue\", "
	    "\"type\": \"text\", \"required\": true, \"max_length\": 1000}]",
	    "[{\"id\": \"quality\", \"name\": \"Quality of the input\", \"weight\": 3},"
	    "{\"id\": \"balance\", \"name\": \"Balance of regions and sectors\", \"weight\": 1}]",
	    3,
	    { { SP_MEMBER, 1, "accepted",
		"{\"input\": \"Findings of our procurement monitoring in 40 municipalities.\"}",
		{ "{\"quality\": 5, \"balance\": 4}", "{\"quality\": 4, \"balance\": 4}" },
		{ "Strong evidence from the field.", "Agreed; a clear contribution." } },
	      { SP_EXPERT1, 0, "accepted",
		"{\"input\": \"Research on integrity pacts in East Africa.\"}",
		{ "{\"quality\": 4, \"balance\": 5}", "{\"quality\": 4, \"balance\": 5}" },
		{ "Brings the academic view.", "" } },
	      { SP_EXPERT2, 0, "waitlisted",
		"{\"input\": \"Case studies from investigative reporting.\"}",
		{ "{\"quality\": 4, \"balance\": 2}", "{\"quality\": 2, \"balance\": 2}" },
		{ "Good, but close to another input.", "Less focused on prevention." } },
	      { SP_APPL1, 0, "declined",
		"{\"input\": \"General remarks on transparency.\"}",
		{ "{\"quality\": 2, \"balance\": 3}", "{\"quality\": 1, \"balance\": 3}" },
		{ "Too general for this dialogue.", "" } } } },
	{ "other", "Call for trainers: youth and crime prevention",
	    "America/Sao_Paulo", "draft",
	    "A draft only staff see: trainers for a series of school workshops on youth "
	    "and crime prevention, in Portuguese and Spanish.",
	    "{\"experts\": true, \"audience\": \"members\"}",
	    "[{\"id\": \"experience\", \"label\": \"Your experience training young people\", "
	    "\"type\": \"text\", \"required\": true, \"max_length\": 800}]",
	    "[{\"id\": \"experience\", \"name\": \"Experience\", \"weight\": 1}]",
	    6, { { SP__MAX, 0, NULL, NULL, { NULL, NULL }, { NULL, NULL } } } },
};

/* The instant of local day (y, m, d) at hh:mm in zone name; 0 when it
 * cannot say. */
static int64_t
local_at(const char *name, int y, int m, int d, int hh, int mm)
{
	const struct tz *z = NULL;
	struct tz_local l = { y, m, d, hh, mm, 0 };
	int64_t t = 0;

	if (tz_get(name, &z) != WS_OK || tz_to_utc(z, &l, &t, NULL) != WS_OK)
		return 0;
	return t;
}

/* The next 5 October, 23:59 in zone name, at least a fortnight after now. */
static int64_t
next_fifth_october(const char *name, int64_t now)
{
	const struct tz *z = NULL;
	struct tz_local l;
	int64_t t;

	if (tz_get(name, &z) != WS_OK)
		return now + 60 * DAY;
	tz_to_local(z, now, &l);
	t = local_at(name, l.year, 10, 5, 23, 59);
	if (t < now + 14 * DAY)
		t = local_at(name, l.year + 1, 10, 5, 23, 59);
	return t ? t : now + 60 * DAY;
}

/* The first upcoming published workshop, into *id and its start into
 * *start; *id 0 when there is none. */
static enum ws_err
demo_workshop(struct db *d, int64_t now, int64_t *id, int64_t *start)
{
	struct db_q *q = db_start(d, ST_CALL_SEED_WORKSHOP);
	enum ws_err rc;

	*id = *start = 0;
	db_bind_int(q, 1, now);
	if ((rc = db_step(q)) == WS_OK) {
		*id = db_col_int(q, 0);
		*start = db_col_int(q, 1);
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Eligibility text as stored: every key the API's checks give it
 * (organization_kinds, countries, regions, experts, audience).  New
 * reference; NULL when text is no object. */
static json_t *
eligibility(const char *text)
{
	json_t *el = json_loads(text, 0, NULL);
	static const char *const lists[] = { "organization_kinds", "countries", "regions",
		NULL };
	const char *const *k;

	if (!json_is_object(el)) {
		json_decref(el);
		return NULL;
	}
	for (k = lists; *k; k++)
		if (!json_is_array(json_object_get(el, *k)))
			json_object_set_new(el, *k, json_array());
	if (!json_is_boolean(json_object_get(el, "experts")))
		json_object_set_new(el, "experts", json_true());
	if (!json_is_string(json_object_get(el, "audience")))
		json_object_set_new(el, "audience", json_string("open"));
	return el;
}

/* Demo call s's stored values, with its opening and closing times from
 * now (event workshop, starting at start, for the workshop call).  New
 * reference. */
static json_t *
call_values(const struct seed_call *s, int64_t now, int64_t workshop, int64_t start)
{
	int64_t opens = now - 10 * DAY, closes = now + 30 * DAY;
	json_t *v, *q = json_loads(s->questions, 0, NULL);

	if (strcmp(s->kind, "workshop") == 0 && workshop) {
		/* three weeks before the workshop, or in a fortnight */
		closes = start - 21 * DAY > now + 7 * DAY ? start - 21 * DAY : now + 14 * DAY;
		if (closes > now + 45 * DAY)
			closes = now + 45 * DAY;
	} else if (strcmp(s->kind, "expert_roster") == 0) {
		closes = now + 90 * DAY;
	} else if (strcmp(s->kind, "course_cohort") == 0) {
		closes = next_fifth_october(s->timezone, now);
	} else if (strcmp(s->status, "decided") == 0) {
		opens = now - 75 * DAY;
		closes = now - 30 * DAY;
	} else if (strcmp(s->status, "draft") == 0) {
		opens = now + 20 * DAY;
		closes = now + 80 * DAY;
	}
	v = json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:I,s:I,s:s}", "kind", s->kind, "title",
	    s->title, "description", s->description, "status", s->status, "eligibility",
	    eligibility(s->eligibility), "questions", events_questions_of(q, 1), "criteria",
	    json_loads(s->criteria, 0, NULL), "opens_at", (json_int_t)opens, "closes_at",
	    (json_int_t)closes, "timezone", s->timezone);
	json_decref(q);
	if (v && s->places)
		json_object_set_new(v, "places", json_integer(s->places));
	if (v && strcmp(s->kind, "workshop") == 0 && workshop)
		json_object_set_new(v, "event_id", json_integer(workshop));
	return v;
}

/* Reviewer by's scores (JSON text) of application aid against criteria,
 * with comment, their weighted mean in hundredths as the store keeps it. */
static enum ws_err
score(struct db *d, int64_t aid, int64_t by, json_t *criteria, const char *text,
    const char *comment)
{
	json_t *scores = json_loads(text, 0, NULL), *c;
	int64_t sum = 0, weights = 0, w;
	enum ws_err rc;
	size_t i;

	if (!scores)
		return WS_EINVAL;
	json_array_foreach(criteria, i, c) {
		w = json_integer_value(json_object_get(c, "weight"));
		sum += w * json_integer_value(json_object_get(scores,
		    json_string_value(json_object_get(c, "id"))));
		weights += w;
	}
	rc = call_score_put(d, aid, by, scores, comment, weights ? sum * 100 / weights : 0);
	json_decref(scores);
	return rc;
}

/* Application a of the demo to call id (values v): made as a draft or
 * submitted, then withdrawn or decided by staff_id, and scored by the two
 * reviewers. */
static enum ws_err
seed_app(struct db *d, const struct seed_app *a, int64_t id, json_t *v, const int64_t *uid,
    int64_t org, const int64_t reviewer[2])
{
	json_t *answers = json_loads(a->answers, 0, NULL);
	int draft = strcmp(a->status, "draft") == 0;
	int64_t aid = 0;
	enum ws_err rc;
	int k;

	if (!answers)
		return WS_EINVAL;
	rc = capp_insert(d, id, uid[a->who], a->for_org ? org : 0, answers,
	    draft ? "draft" : "submitted", &aid);
	if (rc == WS_OK && strcmp(a->status, "withdrawn") == 0)
		rc = capp_update(d, aid, "submitted", 0, answers, "withdrawn", now_s());
	for (k = 0; k < 2 && rc == WS_OK; k++)
		if (a->scores[k])
			rc = score(d, aid, reviewer[k], json_object_get(v, "criteria"),
			    a->scores[k], a->comments[k]);
	if (rc == WS_OK && !draft && strcmp(a->status, "submitted") != 0 &&
	    strcmp(a->status, "withdrawn") != 0)
		rc = capp_decide(d, aid, "submitted", a->status, reviewer[0]);
	json_decref(answers);
	return rc;
}

/* The ids of the demo people (0 for one who is not there) into uid, and
 * the first organization the demo member is an admin of into *org. */
static enum ws_err
seed_people(struct db *d, int64_t *uid, int64_t *org)
{
	struct arena *a = arena_new();
	json_t *mine = NULL, *o;
	struct user u;
	enum ws_err rc;
	size_t i;

	*org = 0;
	for (i = 0; i < SP__MAX; i++)
		uid[i] = user_by_email(d, a, seed_emails[i], &u) == WS_OK ? u.id : 0;
	arena_free(a);
	if (!uid[SP_MEMBER])
		return WS_OK;
	if ((rc = orgs_of_person(d, uid[SP_MEMBER], &mine)) != WS_OK)
		return rc;
	json_array_foreach(mine, i, o)
		if (!*org && json_is_true(json_object_get(o, "admin")))
			*org = json_integer_value(json_object_get(o, "id"));
	json_decref(mine);
	return WS_OK;
}

enum ws_err
calls_seed_demo(struct app *app, struct db *d, int64_t staff_id, int64_t reviewer_id,
    int *added)
{
	int64_t uid[SP__MAX], org, have = 0, now = now_s(), workshop, start;
	const int64_t reviewer[2] = { staff_id, reviewer_id ? reviewer_id : staff_id };
	struct db_q *q;
	enum ws_err rc;
	size_t i, k;

	(void)app;
	*added = 0;
	q = db_start(d, ST_CALL_SEED_COUNT);
	if ((rc = db_step(q)) == WS_OK)
		have = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	if (have > 0)
		return WS_OK;
	if ((rc = seed_people(d, uid, &org)) != WS_OK ||
	    (rc = demo_workshop(d, now, &workshop, &start)) != WS_OK)
		return rc;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	for (i = 0; i < sizeof seed_calls / sizeof seed_calls[0] && rc == WS_OK; i++) {
		const struct seed_call *s = &seed_calls[i];
		json_t *v = call_values(s, now, workshop, start);
		int64_t id = 0;

		if (!v || !json_is_array(json_object_get(v, "questions"))) {
			json_decref(v);
			rc = WS_EINVAL;
			break;
		}
		rc = call_insert(d, v, staff_id, &id);
		for (k = 0; k < 5 && rc == WS_OK && s->apps[k].status; k++)
			if (uid[s->apps[k].who] && (!s->apps[k].for_org || org))
				rc = seed_app(d, &s->apps[k], id, v, uid, org, reviewer);
		json_decref(v);
		if (rc == WS_OK)
			(*added)++;
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (rc != WS_OK)
		*added = 0;
	return rc;
}
