/*
 * reading.c -- reading a course (issue 18, part 3): a lesson at
 * /courses/{id}/lessons/{lid} and a participant's progress at
 * /courses/{id}/progress, each with its JSON twin.
 *
 * Who reads a lesson: the participants of a cohort of the course that is
 * running (started, not ended, at the server's clock), the cohorts'
 * tutors, and staff; anyone else signed in gets 403, a visitor 401 (the
 * page: the sign-in form).  A draft course is staff's (404), and so is a
 * lesson that is not the course's.  A lesson that is a resource of the
 * library names it only to a reader who may see it (the library's rule:
 * resources_may_see); to anyone else it is as if the resource were gone.
 * A participant's lesson is marked read
 * when they open it (the page or its twin; the first time counts): the
 * page is the act of reading, so no button is needed, and a reload
 * changes nothing.  Tutors and staff reading leave no mark.
 *
 * The progress page is a participant's own (403 for anyone enrolled in
 * none of the course's cohorts, staff included): the lessons read out of
 * all, by module, and the next lesson to read (the first unread, in the
 * course's order), each module's quiz with the best score and whether
 * it is passed, and, every lesson read, the first quiz not passed; and
 * the messages their tutors sent them (tutors.c).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "app/resources/resources.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static int
is_staff(struct req *r)
{
	return r->user && r->user->role >= ROLE_STAFF;
}

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

static int
was_read(json_t *reads, json_t *lesson)
{
	char key[24];

	snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(lesson,
	    "id")));
	return json_is_true(json_object_get(reads, key));
}

/* {id, title} of lesson l, or null.  New reference. */
static json_t *
link_of(json_t *l)
{
	if (!l)
		return json_null();
	return json_pack("{s:O,s:O}", "id", json_object_get(l, "id"), "title",
	    json_object_get(l, "title"));
}

/* Lesson lid of course id read by r's caller in cohort kid, and their
 * completion asked in the same transaction (completion.c). */
static enum ws_err
read_mark(struct req *r, int64_t id, int64_t lid, int64_t kid)
{
	struct db *d = req_db(r);
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_read_mark(d, r->user->id, lid, kid)) == WS_OK)
		rc = courses_progress_changed(r->app, d, r->ip, id, kid,
		    r->user->id, NULL);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

enum ws_err
h_course_lesson(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *c = NULL, *lessons = NULL, *mods = NULL, *reads = NULL, *l, *x, *m = NULL;
	json_t *prev = NULL, *next = NULL, *cur = NULL, *v;
	int64_t id, lid, running = 0, enrolled = 0, tutor = 0;
	enum ws_err rc;
	size_t i;
	int pos = 0, mpos = 0;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &lid)) != WS_OK)
		return rc;
	if ((rc = crs_get(d, id, is_staff(r), &c)) != WS_OK)
		goto out;
	if ((rc = crs_lessons(d, id, &lessons)) != WS_OK || (rc = crs_modules(d, id, &mods)) !=
	    WS_OK)
		goto out;
	json_array_foreach(lessons, i, l) {
		if (json_integer_value(json_object_get(l, "id")) == lid) {
			cur = l;
			next = json_array_get(lessons, i + 1);
			break;
		}
		prev = l;
	}
	if (!cur) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	if ((rc = crs_access(d, r->user->id, id, now_s(), &running, &enrolled, &tutor)) !=
	    WS_OK)
		goto out;
	if (!is_staff(r) && !tutor && !running) {
		w->detail = enrolled ? N_("Your cohort is not running now: its lessons open when "
		    "it starts, and close when it ends.") : N_("Only the participants of a "
		    "cohort of this course read its lessons.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (running && (rc = read_mark(r, id, lid, running)) != WS_OK)
		goto out;
	json_array_foreach(mods, i, x)
		if (json_integer_value(json_object_get(x, "id")) ==
		    json_integer_value(json_object_get(cur, "module_id"))) {
			m = x;
			mpos = (int)i + 1;
		}
	json_array_foreach(lessons, i, x)
		if (json_integer_value(json_object_get(x, "module_id")) ==
		    json_integer_value(json_object_get(cur, "module_id"))) {
			pos++;
			if (x == cur)
				break;
		}
	v = crs_lesson_view(cur, pos);
	json_object_del(v, "body");	/* the page and its twin give it rendered */
	/* a resource the reader may not see is not named: as if it were gone */
	if (json_is_integer(json_object_get(v, "resource_id")) && !resources_may_see(r,
	    json_integer_value(json_object_get(v, "resource_id")))) {
		json_object_set_new(v, "resource_id", json_null());
		json_object_set_new(v, "resource_title", json_null());
	}
	json_object_set_new(v, "course", json_pack("{s:I,s:O}", "id", (json_int_t)id, "title",
	    json_object_get(c, "title")));
	json_object_set_new(v, "module", json_pack("{s:O,s:i,s:O}", "id", json_object_get(m,
	    "id"), "position", mpos, "title", json_object_get(m, "title")));
	json_object_set_new(v, "previous", link_of(prev));
	json_object_set_new(v, "next", link_of(next));
	if ((rc = crs_reads(d, r->user->id, id, &reads)) != WS_OK) {
		json_decref(v);
		goto out;
	}
	json_object_set_new(v, "read", json_boolean(running && was_read(reads, cur)));
	if (!r->api)
		json_object_set(v, "heading", json_object_get(cur, "title"));
	resp_value(w, v);
	w->tpl = "course_lesson";
	w->title = N_("Lesson");
out:
	json_decref(c);
	json_decref(lessons);
	json_decref(mods);
	json_decref(reads);
	return rc;
}

enum ws_err
h_course_progress(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *c = NULL, *lessons = NULL, *mods = NULL, *reads = NULL, *m, *l, *out, *list;
	json_t *next = NULL, *qlist = NULL;
	int64_t id, running = 0, enrolled = 0, tutor = 0, total = 0, done = 0, qpassed = 0;
	enum ws_err rc;
	size_t i, j;

	if ((rc = param_id(r, 0, &id)) != WS_OK)
		return rc;
	if ((rc = crs_get(d, id, is_staff(r), &c)) != WS_OK)
		goto out;
	if ((rc = crs_access(d, r->user->id, id, now_s(), &running, &enrolled, &tutor)) !=
	    WS_OK)
		goto out;
	if (!enrolled) {
		w->detail = N_("Your progress is shown once you are enrolled in a cohort of this "
		    "course.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = crs_lessons(d, id, &lessons)) != WS_OK || (rc = crs_modules(d, id, &mods)) !=
	    WS_OK || (rc = crs_reads(d, r->user->id, id, &reads)) != WS_OK)
		goto out;
	list = json_array();
	json_array_foreach(mods, i, m) {
		json_t *ls = json_array();
		int64_t mid = json_integer_value(json_object_get(m, "id")), mread = 0, n = 0;

		json_array_foreach(lessons, j, l) {
			int yes;

			if (json_integer_value(json_object_get(l, "module_id")) != mid)
				continue;
			yes = was_read(reads, l);
			n++;
			mread += yes;
			if (!yes && !next)
				next = l;
			json_array_append_new(ls, json_pack("{s:O,s:O,s:O,s:b}", "id",
			    json_object_get(l, "id"), "title", json_object_get(l, "title"),
			    "minutes", json_object_get(l, "minutes"), "read", yes));
		}
		total += n;
		done += mread;
		json_array_append_new(list, json_pack("{s:O,s:i,s:O,s:I,s:I,s:o}", "id",
		    json_object_get(m, "id"), "position", (int)i + 1, "title", json_object_get(m,
		    "title"), "lessons_read", (json_int_t)mread, "lesson_count", (json_int_t)n,
		    "lessons", ls));
	}
	{
		json_t *quizzes = NULL, *z, *st;
		int64_t passed = 0;

		if ((rc = crs_quizzes(d, id, &quizzes)) != WS_OK) {
			json_decref(quizzes);
			json_decref(list);
			goto out;
		}
		qlist = json_array();
		json_array_foreach(quizzes, i, z) {
			if ((rc = crs_quiz_standing(d, z, r->user->id, &st)) != WS_OK)
				break;
			passed += json_is_true(json_object_get(st, "passed"));
			json_array_append_new(qlist, st);
		}
		json_decref(quizzes);
		if (rc != WS_OK) {
			json_decref(qlist);
			json_decref(list);
			goto out;
		}
		qpassed = passed;
	}
	out = json_pack("{s:I,s:O,s:I,s:I,s:i,s:o,s:o,s:b}", "course_id", (json_int_t)id,
	    "title", json_object_get(c, "title"), "lessons_read", (json_int_t)done,
	    "lesson_count", (json_int_t)total, "percent", total ? (int)(done * 100 / total) : 0,
	    "modules", list, "next", link_of(next), "running", running != 0);
	json_object_set_new(out, "quizzes", qlist);
	json_object_set_new(out, "quizzes_passed", json_integer(qpassed));
	/* what comes next: the next lesson, else a quiz not passed yet */
	if (!next) {
		json_t *z;

		json_array_foreach(qlist, i, z)
			if (!json_is_true(json_object_get(z, "passed"))) {
				json_object_set_new(out, "next_quiz", json_pack("{s:O,s:O}", "id",
				    json_object_get(z, "id"), "title", json_object_get(z, "title")));
				break;
			}
	}
	if (!json_object_get(out, "next_quiz"))
		json_object_set_new(out, "next_quiz", json_null());
	/* the shared tasks, in the cohort whose progress counts (tasks.c) */
	{
		json_t *tl = NULL, *nt = NULL, *t;
		int64_t kid = 0, tdone = 0;

		if ((rc = crs_cohort_of_user(d, r->user->id, id, &kid)) != WS_OK ||
		    (rc = crs_task_progress(r, id, kid, r->user->id, &tl, &nt)) != WS_OK) {
			json_decref(tl);
			json_decref(out);
			goto out;
		}
		json_array_foreach(tl, i, t)
			tdone += strcmp(json_string_value(json_object_get(t, "status")),
			    "complete") == 0;
		json_object_set_new(out, "tasks_done", json_integer(tdone));
		json_object_set_new(out, "task_count", json_integer((json_int_t)json_array_size(tl)));
		json_object_set_new(out, "tasks", tl);
		json_object_set_new(out, "next_task", nt ? nt : json_null());
		json_object_set_new(out, "cohort_id", kid ? json_integer(kid) : json_null());
	}
	{	/* the messages from their tutors (tutors.c) */
		json_t *msgs = NULL;

		if ((rc = crs_messages_mine(d, r->user->id, id, &msgs)) != WS_OK) {
			json_decref(msgs);
			json_decref(out);
			goto out;
		}
		if (!r->api) {	/* the page shows the day */
			json_t *g;

			json_array_foreach(msgs, i, g)
				json_object_set_new(g, "day", json_string(arena_printf(r->a, "%.10s",
				    json_string_value(json_object_get(g, "created_at")))));
		}
		json_object_set_new(out, "messages", msgs);
	}
	{
		/* the certificate, once the course is completed (completion.c) */
		json_t *t = NULL;

		rc = crt_of_person(d, r->user->id, id, &t);
		if (rc == WS_OK)
			json_object_set_new(out, "certificate", crt_view(r, t));
		else if (rc == WS_ENOTFOUND)
			json_object_set_new(out, "certificate", json_null());
		json_decref(t);
		if (rc != WS_OK && rc != WS_ENOTFOUND) {
			json_decref(out);
			goto out;
		}
		rc = WS_OK;
	}
	if (!r->api)
		json_object_set(out, "heading", json_object_get(c, "title"));
	resp_value(w, out);
	w->tpl = "course_progress";
	w->title = N_("Your progress");
out:
	json_decref(c);
	json_decref(lessons);
	json_decref(mods);
	json_decref(reads);
	return rc;
}
