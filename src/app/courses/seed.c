/*
 * seed.c -- `whatson seed --demo`: the course the team runs, "Stakeholder
 * engagement in the Review Mechanism", with three modules of lessons and a
 * quiz each, and a cohort running now whose participants stand at
 * different stages: the demo member half-way (the first module read, its
 * quiz passed), others just started, further on, or done.  The last module
 * has a shared task: the demo member's answer (a tutor replied), others',
 * one marked complete.  Seeding again adds nothing (the course's title is
 * its key).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/util.h"
#include "db/db.h"

#define SEED_TITLE "Stakeholder engagement in the Review Mechanism"
#define DAY 86400

struct seed_lesson {
	const char *title, *kind, *body;	/* body: the Markdown, or the video's address */
	int minutes;
};

static const struct seed_lesson m1[] = {
	{ "What the Convention asks of States", "markdown",
	  "The **United Nations Convention against Transnational Organized Crime** and its "
	  "three Protocols commit States Parties to criminalize organized crime, to cooperate "
	  "and to prevent it.\n\n- Trafficking in persons\n- Smuggling of migrants\n- Firearms\n\n"
	  "![The Convention's structure](https://www.unodc.org/images/untoc-structure.png)", 20 },
	{ "The Conference of the Parties", "markdown",
	  "The Conference of the Parties meets every two years in Vienna. It reviews how the "
	  "Convention is implemented and gives guidance to its working groups.", 15 },
	{ "A short film: the Convention at twenty", "video",
	  "https://www.youtube.com/watch?v=untoc20", 12 },
};
static const struct seed_lesson m2[] = {
	{ "How the Review Mechanism works", "markdown",
	  "Each State Party is reviewed by two others, through **self-assessment "
	  "questionnaires** answered on a secure platform, over several years.", 25 },
	{ "Constructive dialogues", "markdown",
	  "Resolution 9/1, paragraph 53, asks for *constructive dialogues* with non-governmental "
	  "stakeholders on the Review Mechanism, held alongside the working groups.", 20 },
};
static const struct seed_lesson m3[] = {
	{ "Practical entry points", "markdown",
	  "Talk to your **focal point**; offer information to the review; take part in country "
	  "visits and constructive dialogues; share what you learn with other organizations.", 20 },
	{ "A plan for engagement", "markdown",
	  "Write down, in half a page, whom you will contact in your government, when, and "
	  "with what: your plan is the module's task.", 30 },
};
static const struct {
	const char *title, *summary;
	const struct seed_lesson *lessons;
	size_t n;
} modules[] = {
	{ "The Convention and its Protocols", "What the Convention is and who meets on it.",
	  m1, sizeof m1 / sizeof m1[0] },
	{ "The Review Mechanism", "How States review each other, and where civil society comes in.",
	  m2, sizeof m2 / sizeof m2[0] },
	{ "Engaging with your government", "Entry points and tools for engagement.",
	  m3, sizeof m3 / sizeof m3[0] },
};

/* The quizzes, one a module: as the API takes them. */
static json_t *
quiz_of(size_t i)
{
	switch (i) {
	case 0:
		return json_pack("{s:s,s:i,s:i,s:[{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},"
		    "{s:s,s:b,s:s}]},{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},{s:s,s:b,s:s}]}]}",
		    "title", "The Convention: a quiz", "pass_mark", 50, "attempts_max", 3,
		    "questions", "text", "How often does the Conference of the Parties meet?",
		    "kind", "single", "answers", "text", "Every two years", "correct", 1,
		    "feedback", "Yes: its regular sessions are every two years.", "text",
		    "Every year", "correct", 0, "feedback", "No: that is the commissions.", "text",
		    "Every five years", "correct", 0, "feedback", "No: that is the Crime Congress.",
		    "text", "Which are Protocols to the Convention?", "kind", "multiple", "answers",
		    "text", "Trafficking in persons", "correct", 1, "feedback", "Yes.", "text",
		    "Smuggling of migrants", "correct", 1, "feedback", "Yes.", "text", "Cybercrime",
		    "correct", 0, "feedback", "No: cybercrime has a convention of its own.");
	case 1:
		return json_pack("{s:s,s:i,s:i,s:[{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},"
		    "{s:s,s:b,s:s}]},{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s}]}]}",
		    "title", "The Review Mechanism: a quiz", "pass_mark", 50, "attempts_max", 3,
		    "questions", "text", "Who reviews a State Party?", "kind", "single", "answers",
		    "text", "Two other States Parties", "correct", 1, "feedback",
		    "Right: a peer review.", "text", "The Secretariat alone", "correct", 0,
		    "feedback", "No: the Secretariat supports the reviewing States.", "text",
		    "Civil society", "correct", 0, "feedback",
		    "No: civil society contributes, through constructive dialogues among others.",
		    "text", "Which resolution asks for constructive dialogues?", "kind", "single",
		    "answers", "text", "Resolution 9/1", "correct", 1, "feedback",
		    "Yes, paragraph 53.", "text", "Resolution 5/5", "correct", 0, "feedback",
		    "No: look again at the lesson on constructive dialogues.");
	default:
		return json_pack("{s:s,s:i,s:i,s:[{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},"
		    "{s:s,s:b,s:s}]}]}",
		    "title", "Engaging: a quiz", "pass_mark", 100, "attempts_max", 2, "questions",
		    "text", "Which are entry points for engagement?", "kind", "multiple", "answers",
		    "text", "Your country's focal point", "correct", 1, "feedback", "Yes.", "text",
		    "Country visits", "correct", 1, "feedback", "Yes.", "text",
		    "Waiting to be asked", "correct", 0, "feedback", "No: take the first step.");
	}
}

/* The questions of quiz values v with their ids ("1", "2", ...), as the
 * check stores them. */
static void
number_questions(json_t *v)
{
	json_t *q, *a;
	size_t i, j;
	char id[8];

	json_array_foreach(json_object_get(v, "questions"), i, q) {
		snprintf(id, sizeof id, "%zu", i + 1);
		json_object_set_new(q, "id", json_string(id));
		json_array_foreach(json_object_get(q, "answers"), j, a) {
			snprintf(id, sizeof id, "%zu", j + 1);
			json_object_set_new(a, "id", json_string(id));
		}
	}
}

/* The right answers of quiz values v, as an attempt sends them. */
static json_t *
right_answers(json_t *v)
{
	json_t *out = json_object(), *q, *a;
	size_t i, j;

	json_array_foreach(json_object_get(v, "questions"), i, q) {
		json_t *ids = json_array();

		json_array_foreach(json_object_get(q, "answers"), j, a)
			if (json_is_true(json_object_get(a, "correct")))
				json_array_append(ids, json_object_get(a, "id"));
		json_object_set_new(out, json_string_value(json_object_get(q, "id")), ids);
	}
	return out;
}

/* Inside the seed's transaction: the shared task of course id's last
 * module, with answers in cohort kid by people (the demo member first),
 * replies from the others and the tutor staff_id, one marked complete. */
static enum ws_err
seed_task(struct db *d, int64_t id, int64_t kid, int64_t staff_id, const int64_t *people,
    size_t np)
{
	static const char *const answers[] = {
		"We have written to the **Ministry of Justice** to ask who fills in the "
		"self-assessment questionnaire. Next: offer our report on victims' support "
		"before the country visit.",
		"With two other organizations we asked the **focal point** for a meeting on the "
		"self-assessment; we met in May and agreed to send our comments on chapter IV.",
		"Our plan: meet the focal point in March, share our data on trafficking cases, "
		"and ask to join the country visit in June.",
		"We will ask our government to publish its self-assessment, and offer a "
		"constructive dialogue with three other organizations.",
	};
	json_t *mods = NULL, *v;
	int64_t mid, tid = 0, pid[4] = { 0, 0, 0, 0 }, rid = 0;
	enum ws_err rc;
	size_t i;

	if ((rc = crs_modules(d, id, &mods)) != WS_OK)
		return rc;
	mid = json_integer_value(json_object_get(json_array_get(mods, json_array_size(mods) - 1),
	    "id"));
	json_decref(mods);
	v = json_pack("{s:s,s:s,s:i}", "title", "A plan for engagement with your government",
	    "instructions", "In **half a page**, tell the cohort whom you will contact in your "
	    "government, when, and with what. Read the others' plans and reply to one.",
	    "max_length", 2000);
	rc = crs_task_put(d, 0, mid, v, &tid);
	json_decref(v);
	for (i = 0; rc == WS_OK && i < np && i < sizeof answers / sizeof answers[0]; i++)
		if (answers[i])
			rc = crs_post_add(d, kid, tid, 0, people[i], answers[i], "submitted", &pid[i]);
	if (rc == WS_OK && pid[2] && np > 1)
		rc = crs_post_add(d, kid, tid, pid[2], people[0], "Good idea to ask for the country "
		    "visit: how did you reach the focal point?", "reply", &rid);
	if (rc == WS_OK && pid[0])
		rc = crs_post_add(d, kid, tid, pid[0], staff_id, "A clear first step. Say *when* "
		    "you will offer the report.", "reply", &rid);
	if (rc == WS_OK && pid[1])	/* the one who has done everything (below) */
		rc = crs_post_mark(d, pid[1], "complete", "A plan with dates and partners: well "
		    "done.", staff_id);
	return rc;
}

enum ws_err
courses_seed_demo(struct app *app, struct db *d, int64_t staff_id, int64_t member_id,
    int *added)
{
	int64_t id = 0, kid = 0, now = now_s(), lessons[16], quizzes[3], people[7];
	json_t *v, *quizv[3] = { NULL, NULL, NULL };
	size_t i, j, nl = 0, np = 0;
	struct db_q *q;
	enum ws_err rc;
	int yes;

	*added = 0;
	q = db_start(d, ST_CRS_SEED_FIND);
	db_bind_text(q, 1, SEED_TITLE);
	rc = db_step(q);
	db_end(q);
	if (rc == WS_OK)
		return WS_OK;	/* seeded already */
	if (rc != WS_EDONE)
		return rc;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	v = json_pack("{s:s,s:s,s:[s,s],s:i,s:s,s:b}", "title", SEED_TITLE, "summary",
	    "A self-paced course on the **Review Mechanism** of the Convention against "
	    "Transnational Organized Crime: what it is, where civil society comes in, and how "
	    "to engage with your government. Run in cohorts; about two hours a week.",
	    "languages", "en", "fr", "estimated_hours", 12, "status", "published",
	    "self_enrolment", 1);
	rc = crs_insert(d, v, 0, staff_id, &id);
	json_decref(v);
	for (i = 0; rc == WS_OK && i < sizeof modules / sizeof modules[0]; i++) {
		int64_t mid = 0;

		v = json_pack("{s:s,s:s}", "title", modules[i].title, "summary", modules[i].summary);
		rc = crs_module_insert(d, id, v, &mid);
		json_decref(v);
		for (j = 0; rc == WS_OK && j < modules[i].n; j++) {
			const struct seed_lesson *l = &modules[i].lessons[j];
			int video = strcmp(l->kind, "video") == 0;

			v = json_pack("{s:s,s:s,s:s,s:s,s:n,s:i}", "title", l->title, "kind", l->kind,
			    "body", video ? "" : l->body, "video_url", video ? l->body : "",
			    "resource_id", "minutes", l->minutes);
			rc = crs_lesson_insert(d, mid, v, &lessons[nl++]);
			json_decref(v);
		}
		if (rc == WS_OK) {
			quizv[i] = quiz_of(i);
			number_questions(quizv[i]);
			rc = crs_quiz_put(d, 0, mid, quizv[i], &quizzes[i]);
		}
	}
	/* the cohort: running since two weeks, for two months more */
	if (rc == WS_OK) {
		v = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:n,s:[I]}", "course_id", (json_int_t)id,
		    "title", "First cohort", "timezone", "Europe/Vienna", "enrolment_opens_at",
		    (json_int_t)(now - 30 * DAY), "enrolment_closes_at", (json_int_t)(now + 30 * DAY),
		    "start_at", (json_int_t)(now - 14 * DAY), "end_at", (json_int_t)(now + 60 * DAY),
		    "call_id", "tutors", (json_int_t)staff_id);
		rc = crs_cohort_put(d, 0, v, staff_id, &kid);
		json_decref(v);
	}
	/* who takes part: the demo member and a few seeded members */
	people[np++] = member_id;
	if (rc == WS_OK) {
		q = db_start(d, ST_CRS_SEED_PEOPLE);
		while ((rc = db_step(q)) == WS_OK && np < sizeof people / sizeof people[0])
			if (db_col_int(q, 0) != member_id)
				people[np++] = db_col_int(q, 0);
		db_end(q);
		if (rc == WS_EDONE)
			rc = WS_OK;
	}
	for (i = 0; rc == WS_OK && i < np; i++) {
		/* stages: the member the first module; others all (completed, so
		 * the demo has a certificate however few members it has), one
		 * lesson, two modules, none */
		static const int lessons_read[] = { 3, 7, 1, 5, 0, 2, 4 };
		static const int quizzes_passed[] = { 1, 3, 0, 2, 0, 0, 1 };
		size_t k;

		rc = crs_enrol(d, kid, people[i], "staff", 0, staff_id, &yes);
		for (k = 0; rc == WS_OK && k < (size_t)lessons_read[i] && k < nl; k++)
			rc = crs_read_mark(d, people[i], lessons[k], kid);
		for (k = 0; rc == WS_OK && k < (size_t)quizzes_passed[i]; k++) {
			json_t *ans = right_answers(quizv[k]);

			rc = crs_attempt_insert(d, quizzes[k], people[i], 1, ans, 100, 1);
			json_decref(ans);
		}
	}
	/* the last module's shared task, answered by a few, one marked complete */
	if (rc == WS_OK)
		rc = seed_task(d, id, kid, staff_id, people, np);
	/* the one who read, passed and did everything has completed it, with a
	 * certificate (and its mail) */
	for (i = 0; rc == WS_OK && i < np; i++)
		rc = courses_progress_changed(app, d, "", id, kid, people[i], NULL);
	/* one message from the tutor to everyone (the demo is not mailed) */
	if (rc == WS_OK) {
		int64_t mid = 0;

		rc = crs_message_put(d, kid, staff_id, "Welcome to the first cohort",
		    "Welcome! Start with the first module, at your own pace: about two hours a "
		    "week is enough.\nShare your plans for engaging with your government in the "
		    "second module's task, and write to us with any question.", (int64_t)np, &mid);
		for (i = 0; rc == WS_OK && i < np; i++)
			rc = crs_message_to(d, mid, people[i]);
	}
	for (i = 0; i < 3; i++)
		json_decref(quizv[i]);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		return rc;
	}
	*added = 1;
	return WS_OK;
}
