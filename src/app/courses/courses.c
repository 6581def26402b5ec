/*
 * courses.c -- courses, modules and lessons as the API serves them: the
 * list and one course with its outline, and staff writing them through one
 * check each (crs_check, crs_module_check, crs_lesson_check), which the
 * staff pages (pages.c) use too.
 *
 * What is refused before anything is written (a 422 naming the field): a
 * title of 2 to 200 bytes, languages from the list, hours and minutes in
 * range, a status and a kind from their lists; a Markdown lesson needs its
 * text, a video lesson an http(s) address, a resource lesson the id of a
 * resource that exists.  A module's or a lesson's position, when sent, is
 * where it moves to (1 is first; past the end is last).  Every write is
 * one transaction and leaves a line in the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const crs_statuses[] = { "draft", "published", NULL };
static const char *const crs_kinds[] = { "markdown", "video", "resource", NULL };

const struct field crs_q_list[] = {
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

static const struct field course_fields[] = {
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "summary", FT_TEXT, 0, 0, 5000, NULL, NULL, NULL },
	{ "languages", FT_MULTI, 0, 0, 20, NULL, language_valid,
	    N_("Choose languages from the list.") },
	{ "estimated_hours", FT_INT, 0, 0, CRS_HOURS_MAX, NULL, NULL,
	    N_("Enter a number of hours from 0 to 1000.") },
	{ "status", FT_CHOICE, 0, 0, 0, crs_statuses, NULL,
	    N_("Choose draft or published.") },
	{ "self_enrolment", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
	{ "complete_lessons", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
	{ "complete_quizzes", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
	{ "complete_tasks", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
};
static const struct field module_fields[] = {
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "summary", FT_TEXT, 0, 0, 5000, NULL, NULL, NULL },
	{ "position", FT_INT, 0, 1, CRS_MODULES_MAX, NULL, NULL,
	    N_("Enter a place from 1 to 50.") },
};
static const struct field lesson_fields[] = {
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "kind", FT_CHOICE, 1, 0, 0, crs_kinds, NULL,
	    N_("Choose markdown, video or resource.") },
	{ "body", FT_TEXT, 0, 0, CRS_BODY_MAX, NULL, NULL, NULL },
	{ "video_url", FT_URL, 0, 0, 500, NULL, NULL, NULL },
	{ "resource_id", FT_INT, 0, 1, INT32_MAX, NULL, NULL,
	    N_("Enter the number of a resource of the library.") },
	{ "minutes", FT_INT, 0, 0, CRS_MINUTES_MAX, NULL, NULL,
	    N_("Enter a number of minutes from 0 to 1440.") },
	{ "position", FT_INT, 0, 1, CRS_LESSONS_MAX, NULL, NULL,
	    N_("Enter a place from 1 to 100.") },
};

const char *const crs_course_names[] = { "title", "summary", "languages", "estimated_hours",
	"status", "self_enrolment", "complete_lessons", "complete_quizzes", "complete_tasks",
	NULL };
const char *const crs_module_names[] = { "title", "summary", NULL };
const char *const crs_lesson_names[] = { "title", "kind", "body", "video_url", "resource_id",
	"minutes", NULL };

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

static int
is_staff(struct req *r)
{
	return r->user && r->user->role >= ROLE_STAFF;
}

/* form_check of fields over in instead of r->in; *errors an object
 * (empty when none). */
static enum ws_err
check_over(struct req *r, json_t *in, const struct field *f, size_t n, json_t **values,
    json_t **errors)
{
	json_t *was = r->in;

	r->in = in;
	if (form_check(r, f, n, values, errors) == WS_OK || !*errors)
		*errors = json_object();
	r->in = was;
	return *values ? WS_OK : WS_EDB;
}

/* *errors, or NULL (decref'd) when it is empty. */
static void
errors_or_null(json_t **errors)
{
	if (*errors && json_object_size(*errors) == 0) {
		json_decref(*errors);
		*errors = NULL;
	}
}

enum ws_err
crs_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	enum ws_err rc;

	*values = *errors = NULL;
	if ((rc = check_over(r, in, course_fields, sizeof course_fields /
	    sizeof course_fields[0], values, errors)) != WS_OK)
		return rc;
	if (!*json_string_value(json_object_get(*values, "status")))
		json_object_set_new(*values, "status", json_string("draft"));
	if (!json_is_integer(json_object_get(*values, "estimated_hours")))
		json_object_set_new(*values, "estimated_hours", json_integer(0));
	if (!json_is_array(json_object_get(*values, "languages")))
		json_object_set_new(*values, "languages", json_array());
	{
		/* completion rules: a course made through the API without them
		 * asks for everything (a form's unticked box is a no) */
		static const char *const rules[] = { "complete_lessons", "complete_quizzes",
			"complete_tasks", NULL };
		const char *const *k;

		for (k = rules; *k; k++)
			if (r->api && !json_object_get(in, *k))
				json_object_set_new(*values, *k, json_true());
	}
	errors_or_null(errors);
	return WS_OK;
}

enum ws_err
crs_module_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	enum ws_err rc;

	*values = *errors = NULL;
	if ((rc = check_over(r, in, module_fields, sizeof module_fields /
	    sizeof module_fields[0], values, errors)) != WS_OK)
		return rc;
	errors_or_null(errors);
	return WS_OK;
}

enum ws_err
crs_lesson_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	const char *kind;
	json_t *rid;
	enum ws_err rc;

	*values = *errors = NULL;
	if ((rc = check_over(r, in, lesson_fields, sizeof lesson_fields /
	    sizeof lesson_fields[0], values, errors)) != WS_OK)
		return rc;
	kind = json_string_value(json_object_get(*values, "kind"));
	rid = json_object_get(*values, "resource_id");
	if (!json_is_integer(json_object_get(*values, "minutes")))
		json_object_set_new(*values, "minutes", json_integer(0));
	/* what the lesson is: only its kind's own field is kept */
	if (kind && strcmp(kind, "markdown") == 0) {
		if (!*json_string_value(json_object_get(*values, "body")))
			fail(r, *errors, "body", N_("Write the lesson's text."));
	} else {
		json_object_set_new(*values, "body", json_string(""));
	}
	if (kind && strcmp(kind, "video") == 0) {
		if (!*json_string_value(json_object_get(*values, "video_url")))
			fail(r, *errors, "video_url", N_("Give the video's address (http or "
			    "https)."));
	} else {
		json_object_set_new(*values, "video_url", json_string(""));
	}
	if (kind && strcmp(kind, "resource") == 0) {
		if (!json_is_integer(rid))
			fail(r, *errors, "resource_id", N_("Give the number of a resource of the "
			    "library."));
		else if (!crs_resource_exists(req_db(r), json_integer_value(rid)))
			fail(r, *errors, "resource_id", N_("There is no resource with this "
			    "number."));
	} else {
		json_object_set_new(*values, "resource_id", json_null());
	}
	errors_or_null(errors);
	return WS_OK;
}

json_t *
crs_merged(json_t *x, json_t *in, const char *const *names)
{
	const char *const *k;
	json_t *out = json_object(), *v;

	for (k = names; *k; k++) {
		if ((v = json_object_get(in, *k)) != NULL)
			json_object_set(out, *k, v);
		else if ((v = json_object_get(x, *k)) != NULL && !json_is_null(v))
			json_object_set(out, *k, v);
	}
	if ((v = json_object_get(in, "position")) != NULL)
		json_object_set(out, "position", v);
	return out;
}

/* ---- the view ------------------------------------------------------------ */

static json_t *
utc_time(json_t *t)
{
	char s[40];

	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

json_t *
crs_lesson_view(json_t *l, int position)
{
	json_t *o = json_pack("{s:O,s:O,s:i,s:O,s:O,s:O}", "id", json_object_get(l, "id"),
	    "module_id", json_object_get(l, "module_id"), "position", position, "title",
	    json_object_get(l, "title"), "kind", json_object_get(l, "kind"), "minutes",
	    json_object_get(l, "minutes"));
	const char *kind = json_string_value(json_object_get(l, "kind"));

	json_object_set(o, "body", json_object_get(l, "body"));
	json_object_set_new(o, "body_html", strcmp(kind, "markdown") == 0 ?
	    org_markdown_html(json_string_value(json_object_get(l, "body"))) : json_string(""));
	json_object_set(o, "video_url", json_object_get(l, "video_url"));
	json_object_set(o, "resource_id", json_object_get(l, "resource_id"));
	json_object_set(o, "resource_title", json_object_get(l, "resource_title"));
	return o;
}

/* Stored course c with its modules and lessons as r's caller sees it: the
 * outline, and each lesson's content for staff.  New reference. */
static json_t *
course_view(struct req *r, json_t *c, json_t *mods, json_t *lessons, json_t *quizzes)
{
	static const char *const copied[] = { "id", "title", "summary", "languages",
		"estimated_hours", "status", "self_enrolment", "copied_from", "complete_lessons",
		"complete_quizzes", "complete_tasks", NULL };
	json_t *out = json_object(), *outline = json_array(), *m, *l;
	const char *const *k;
	int64_t minutes = 0, nlessons = 0;
	size_t i, j;

	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(c, *k));
	json_object_set_new(out, "summary_html", org_markdown_html(json_string_value(
	    json_object_get(c, "summary"))));
	json_array_foreach(mods, i, m) {
		json_t *ls = json_array();
		int64_t mid = json_integer_value(json_object_get(m, "id")), mmin = 0;
		int n = 0;

		json_array_foreach(lessons, j, l) {
			json_t *v;

			if (json_integer_value(json_object_get(l, "module_id")) != mid)
				continue;
			n++;
			if (is_staff(r)) {
				v = crs_lesson_view(l, n);
			} else {
				v = json_pack("{s:O,s:i,s:O,s:O,s:O}", "id", json_object_get(l, "id"),
				    "position", n, "title", json_object_get(l, "title"), "kind",
				    json_object_get(l, "kind"), "minutes", json_object_get(l,
				    "minutes"));
			}
			mmin += json_integer_value(json_object_get(l, "minutes"));
			json_array_append_new(ls, v);
		}
		minutes += mmin;
		nlessons += n;
		{
			json_t *quiz = json_null(), *z;

			json_array_foreach(quizzes, j, z)
				if (json_integer_value(json_object_get(z, "module_id")) == mid) {
					json_decref(quiz);
					quiz = json_pack("{s:O,s:O}", "id", json_object_get(z, "id"),
					    "title", json_object_get(z, "title"));
				}
			json_array_append_new(outline, json_pack("{s:O,s:i,s:O,s:O,s:o,s:o,s:I,s:o}",
			    "id", json_object_get(m, "id"), "position", (int)i + 1, "title",
			    json_object_get(m, "title"), "summary", json_object_get(m, "summary"),
			    "summary_html", org_markdown_html(json_string_value(json_object_get(m,
			    "summary"))), "lessons", ls, "minutes", (json_int_t)mmin, "quiz", quiz));
		}
	}
	json_object_set_new(out, "modules", outline);
	json_object_set_new(out, "lesson_count", json_integer(nlessons));
	json_object_set_new(out, "minutes", json_integer(minutes));
	json_object_set_new(out, "created_at", utc_time(json_object_get(c, "created_at")));
	json_object_set_new(out, "updated_at", utc_time(json_object_get(c, "updated_at")));
	return out;
}

enum ws_err
crs_load_view(struct req *r, int64_t id, json_t **out)
{
	json_t *c = NULL, *mods = NULL, *lessons = NULL, *quizzes = NULL;
	enum ws_err rc;

	*out = NULL;
	if ((rc = crs_get(req_db(r), id, is_staff(r), &c)) != WS_OK)
		goto out;
	if ((rc = crs_modules(req_db(r), id, &mods)) != WS_OK)
		goto out;
	if ((rc = crs_lessons(req_db(r), id, &lessons)) != WS_OK)
		goto out;
	if ((rc = crs_quizzes(req_db(r), id, &quizzes)) != WS_OK)
		goto out;
	*out = course_view(r, c, mods, lessons, quizzes);
out:
	json_decref(c);
	json_decref(mods);
	json_decref(lessons);
	json_decref(quizzes);
	return rc;
}

/* ---- the list and one course ---------------------------------------------- */

enum ws_err
h_courses(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	json_t *rows = NULL, *items, *c;
	enum ws_err rc;
	size_t i;

	if ((rc = crs_list(req_db(r), is_staff(r), page, per_page, &rows, &total)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	items = json_array();
	json_array_foreach(rows, i, c)
		json_array_append_new(items, json_pack("{s:O,s:O,s:O,s:o,s:O,s:O,s:O,s:O}", "id",
		    json_object_get(c, "id"), "title", json_object_get(c, "title"), "summary",
		    json_object_get(c, "summary"), "summary_html", org_markdown_html(
		    json_string_value(json_object_get(c, "summary"))), "languages",
		    json_object_get(c, "languages"), "estimated_hours", json_object_get(c,
		    "estimated_hours"), "status", json_object_get(c, "status"), "self_enrolment",
		    json_object_get(c, "self_enrolment")));
	json_decref(rows);
	resp_value(w, app_list_value(items, page, per_page, total));
	if (!r->api)
		json_object_set_new(w->val, "staff", json_boolean(is_staff(r)));
	w->tpl = "course_list";
	w->title = N_("Courses");
	return WS_OK;
}

/* RFC 3339 field key of view x in words in the reader's zone
 * (events_when), or null.  New reference. */
static json_t *
when_of(struct req *r, json_t *x, const char *key)
{
	const char *s = json_string_value(json_object_get(x, key));
	const struct tz *utc;
	int64_t t;

	if (!s || tz_get("UTC", &utc) != WS_OK || tz_parse_time(utc, s, &t, NULL) != WS_OK)
		return json_null();
	return events_when(r, json_string_value(json_object_get(x, "timezone")), t);
}

void
crs_page_cohorts(struct req *r, json_t *cohorts)
{
	static const char *const states[] = { "upcoming", "open", "closed", NULL };
	static const char *const labels[] = { N_("Enrolment opens later"),
		N_("Enrolment is open"), N_("Enrolment is closed"), NULL };
	json_t *k;
	size_t i, j;

	json_array_foreach(cohorts, i, k) {
		const char *st = json_string_value(json_object_get(k, "enrolment"));

		json_object_set_new(k, "start_when", when_of(r, k, "start"));
		json_object_set_new(k, "end_when", when_of(r, k, "end"));
		json_object_set_new(k, "opens_when", when_of(r, k, "enrolment_opens"));
		json_object_set_new(k, "closes_when", when_of(r, k, "enrolment_closes"));
		for (j = 0; states[j]; j++)
			if (st && strcmp(st, states[j]) == 0)
				json_object_set_new(k, "enrolment_label", json_string(tr(r,
				    labels[j])));
		/* who reads the cohort's discussion (discussion.c): its
		 * participants, its tutors and staff */
		{
			int in = json_is_true(json_object_get(k, "enrolled")) || (r->user &&
			    r->user->role >= ROLE_STAFF);
			json_t *t;

			json_array_foreach(json_object_get(k, "tutors"), j, t)
				if (r->user && json_integer_value(json_object_get(t, "id")) ==
				    r->user->id)
					in = 1;
			json_object_set_new(k, "can_discuss", json_boolean(in));
		}
	}
}

/* The id in capture n of r's path into *id; WS_ENOTFOUND when not one. */
static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

enum ws_err
h_course(struct req *r, struct resp *w)
{
	json_t *c = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK)
		return rc;
	if ((rc = crs_load_view(r, id, &c)) != WS_OK)
		return rc;
	{
		json_t *cohorts = NULL;

		if ((rc = crs_cohort_views(r, id, &cohorts)) != WS_OK) {
			json_decref(cohorts);
			json_decref(c);
			return rc;
		}
		json_object_set_new(c, "cohorts", cohorts);
	}
	if (!r->api) {
		crs_page_cohorts(r, json_object_get(c, "cohorts"));
		json_object_set_new(c, "signed_in", json_boolean(r->user != NULL));
		json_object_set_new(c, "staff", json_boolean(is_staff(r)));
		json_object_set(c, "heading", json_object_get(c, "title"));
	}
	resp_value(w, c);
	w->tpl = "course";
	w->title = N_("Course");
	return WS_OK;
}

/* ---- writes -------------------------------------------------------------- */

/* Ends a write's transaction: committed when rc is WS_OK, else rolled
 * back.  rc, or the commit's failure. */
static enum ws_err
done(struct db *d, enum ws_err rc)
{
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

enum ws_err
crs_save(struct req *r, int64_t id, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if (id) {
		*out = id;
		rc = crs_update(d, id, values);
	} else {
		rc = crs_insert(d, values, 0, r->user->id, out);
	}
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, id ? "course.edited" : "course.created", r->ip,
		    arena_printf(r->a, "course %lld: %s (%s)", (long long)*out,
		    json_string_value(json_object_get(values, "title")),
		    json_string_value(json_object_get(values, "status"))));
	return done(d, rc);
}

enum ws_err
crs_copy(struct req *r, int64_t id, int64_t *out)
{
	struct db *d = req_db(r);
	json_t *c = NULL, *mods = NULL, *lessons = NULL, *quizzes = NULL, *m, *l;
	json_t *tasks = NULL;
	enum ws_err rc;
	size_t i, j;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_get(d, id, 1, &c)) != WS_OK || (rc = crs_modules(d, id, &mods)) !=
	    WS_OK || (rc = crs_lessons(d, id, &lessons)) != WS_OK ||
	    (rc = crs_quizzes(d, id, &quizzes)) != WS_OK ||
	    (rc = crs_tasks(d, id, &tasks)) != WS_OK)
		goto out;
	/* the copy is a draft, titled as the course, until staff change it */
	json_object_set_new(c, "status", json_string("draft"));
	if ((rc = crs_insert(d, c, id, r->user->id, out)) != WS_OK)
		goto out;
	json_array_foreach(mods, i, m) {
		int64_t mid = 0, lid = 0;

		if ((rc = crs_module_insert(d, *out, m, &mid)) != WS_OK)
			goto out;
		json_array_foreach(lessons, j, l) {
			if (json_integer_value(json_object_get(l, "module_id")) !=
			    json_integer_value(json_object_get(m, "id")))
				continue;
			if ((rc = crs_lesson_insert(d, mid, l, &lid)) != WS_OK)
				goto out;
		}
		/* and its quiz, without anyone's attempts */
		json_array_foreach(quizzes, j, l) {
			int64_t qid = 0;

			if (json_integer_value(json_object_get(l, "module_id")) !=
			    json_integer_value(json_object_get(m, "id")))
				continue;
			if ((rc = crs_quiz_put(d, 0, mid, l, &qid)) != WS_OK)
				goto out;
		}
		/* and its shared task, without anyone's answers */
		json_array_foreach(tasks, j, l) {
			int64_t tid = 0;

			if (json_integer_value(json_object_get(l, "module_id")) !=
			    json_integer_value(json_object_get(m, "id")))
				continue;
			if ((rc = crs_task_put(d, 0, mid, l, &tid)) != WS_OK)
				goto out;
		}
	}
	app_audit(r->app, d, r->user->id, "course.copied", r->ip, arena_printf(r->a,
	    "course %lld copied from course %lld: %s", (long long)*out, (long long)id,
	    json_string_value(json_object_get(c, "title"))));
out:
	json_decref(c);
	json_decref(mods);
	json_decref(lessons);
	json_decref(quizzes);
	json_decref(tasks);
	return done(d, rc);
}

enum ws_err
crs_module_save(struct req *r, int64_t id, int64_t mid, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	json_t *mods = NULL, *ids = json_array(), *m;
	enum ws_err rc;
	size_t i;

	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = crs_lock(d, id)) != WS_OK || (rc = crs_modules(d, id, &mods)) != WS_OK)
		goto end;
	if (!mid && json_array_size(mods) >= CRS_MODULES_MAX) {
		rc = WS_ECONFLICT;
		goto end;
	}
	*out = mid;
	rc = mid ? crs_module_update(d, id, mid, values) : crs_module_insert(d, id, values, out);
	if (rc != WS_OK)
		goto end;
	if (json_is_integer(json_object_get(values, "position"))) {
		json_array_foreach(mods, i, m)
			json_array_append(ids, json_object_get(m, "id"));
		if (!mid)
			json_array_append_new(ids, json_integer(*out));
		rc = crs_reorder(d, 0, ids, *out, json_integer_value(json_object_get(values,
		    "position")));
	}
	if (rc == WS_OK)
		rc = crs_touch(d, id);
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, mid ? "course.module_edited" :
		    "course.module_added", r->ip, arena_printf(r->a, "course %lld, module %lld: %s",
		    (long long)id, (long long)*out, json_string_value(json_object_get(values,
		    "title"))));
end:
	rc = done(d, rc);
out:
	json_decref(mods);
	json_decref(ids);
	return rc;
}

/* The ids of module mid's lessons among lessons (crs_lessons'), in order.
 * New reference. */
static json_t *
lesson_ids(json_t *lessons, int64_t mid)
{
	json_t *ids = json_array(), *l;
	size_t i;

	json_array_foreach(lessons, i, l)
		if (json_integer_value(json_object_get(l, "module_id")) == mid)
			json_array_append(ids, json_object_get(l, "id"));
	return ids;
}

enum ws_err
crs_lesson_save(struct req *r, int64_t id, int64_t mid, int64_t lid, json_t *values,
    int64_t *out)
{
	struct db *d = req_db(r);
	json_t *lessons = NULL, *ids = NULL, *m = NULL;
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = crs_lock(d, id)) != WS_OK || (rc = crs_module_get(d, id, mid, &m)) != WS_OK ||
	    (rc = crs_lessons(d, id, &lessons)) != WS_OK)
		goto end;
	ids = lesson_ids(lessons, mid);
	if (!lid && json_array_size(ids) >= CRS_LESSONS_MAX) {
		rc = WS_ECONFLICT;
		goto end;
	}
	*out = lid;
	rc = lid ? crs_lesson_update(d, lid, values) : crs_lesson_insert(d, mid, values, out);
	if (rc != WS_OK)
		goto end;
	if (json_is_integer(json_object_get(values, "position"))) {
		if (!lid)
			json_array_append_new(ids, json_integer(*out));
		rc = crs_reorder(d, 1, ids, *out, json_integer_value(json_object_get(values,
		    "position")));
	}
	if (rc == WS_OK)
		rc = crs_touch(d, id);
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, lid ? "course.lesson_edited" :
		    "course.lesson_added", r->ip, arena_printf(r->a, "course %lld, lesson %lld: %s",
		    (long long)id, (long long)*out, json_string_value(json_object_get(values,
		    "title"))));
end:
	rc = done(d, rc);
out:
	json_decref(lessons);
	json_decref(ids);
	json_decref(m);
	return rc;
}

enum ws_err
crs_move(struct req *r, int64_t id, int lessons, int64_t item, int delta, int64_t pos)
{
	struct db *d = req_db(r);
	json_t *rows = NULL, *ids = NULL, *x;
	enum ws_err rc;
	int64_t mid = 0;
	size_t i;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_lock(d, id)) != WS_OK)
		goto out;
	if (lessons) {
		if ((rc = crs_lesson_get(d, id, item, &x)) != WS_OK)
			goto out;
		mid = json_integer_value(json_object_get(x, "module_id"));
		json_decref(x);
		if ((rc = crs_lessons(d, id, &rows)) != WS_OK)
			goto out;
		ids = lesson_ids(rows, mid);
	} else {
		if ((rc = crs_modules(d, id, &rows)) != WS_OK)
			goto out;
		ids = json_array();
		json_array_foreach(rows, i, x)
			json_array_append(ids, json_object_get(x, "id"));
	}
	if (delta) {
		rc = WS_ENOTFOUND;
		json_array_foreach(ids, i, x)
			if (json_integer_value(x) == item) {
				pos = (int64_t)i + 1 + delta;
				rc = WS_OK;
			}
		if (rc != WS_OK || pos < 1)
			goto out;	/* the first stays first */
	}
	if ((rc = crs_reorder(d, lessons, ids, item, pos)) == WS_OK)
		rc = crs_touch(d, id);
out:
	json_decref(rows);
	json_decref(ids);
	return done(d, rc);
}

enum ws_err
crs_remove(struct req *r, int64_t id, int what, int64_t item)
{
	static const char *const actions[] = { "course.deleted", "course.module_deleted",
		"course.lesson_deleted" };
	struct db *d = req_db(r);
	json_t *x = NULL;
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_lock(d, id)) != WS_OK)
		goto out;
	if (what == CRS_REMOVE_COURSE) {
		rc = crs_delete(d, id);
	} else if (what == CRS_REMOVE_MODULE) {
		if ((rc = crs_module_get(d, id, item, &x)) == WS_OK)
			rc = crs_module_delete(d, id, item);
	} else {
		if ((rc = crs_lesson_get(d, id, item, &x)) == WS_OK)
			rc = crs_lesson_delete(d, item);
	}
	if (rc == WS_OK && what != CRS_REMOVE_COURSE)
		rc = crs_touch(d, id);
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, actions[what], r->ip, arena_printf(r->a,
		    "course %lld, item %lld", (long long)id, (long long)item));
out:
	json_decref(x);
	return done(d, rc);
}

/* ---- the API --------------------------------------------------------------- */

/* A refusal into w: the fields to fix (WS_EINVAL), or WS_ECONFLICT with
 * why. */
static enum ws_err
refused(struct req *r, struct resp *w, enum ws_err rc, json_t *errors)
{
	(void)r;
	if (rc == WS_EINVAL) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
	} else if (rc == WS_ECONFLICT) {
		w->detail = N_("The course has as many modules, or the module as many lessons, "
		    "as it may have.");
	}
	return rc;
}

/* The answer of a write to course id: the course as staff see it. */
static enum ws_err
answer_course(struct req *r, struct resp *w, int64_t id)
{
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	return h_course(r, w);
}

static enum ws_err
answer_lesson(struct req *r, struct resp *w, int64_t id, int64_t lid)
{
	json_t *l = NULL, *lessons = NULL, *x;
	enum ws_err rc;
	size_t i;
	int n = 0;

	if ((rc = crs_lesson_get(req_db(r), id, lid, &l)) != WS_OK ||
	    (rc = crs_lessons(req_db(r), id, &lessons)) != WS_OK)
		goto out;
	json_array_foreach(lessons, i, x)
		if (json_integer_value(json_object_get(x, "module_id")) ==
		    json_integer_value(json_object_get(l, "module_id"))) {
			n++;
			if (json_integer_value(json_object_get(x, "id")) == lid)
				break;
		}
	resp_value(w, crs_lesson_view(l, n));
out:
	json_decref(l);
	json_decref(lessons);
	return rc;
}

/* The body of a PATCH, or WS_EINVAL when it is not an object. */
static int
body_ok(struct req *r, struct resp *w)
{
	if (json_is_object(r->in))
		return 1;
	w->detail = N_("Send the fields to change as a JSON object.");
	return 0;
}

enum ws_err
h_course_create(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	int64_t id = 0;
	enum ws_err rc;

	if ((rc = crs_check(r, r->in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = crs_save(r, 0, values, &id)) == WS_OK &&
	    (rc = answer_course(r, w, id)) == WS_OK)
		w->status = 201;
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_course_edit(struct req *r, struct resp *w)
{
	json_t *c = NULL, *in = NULL, *values = NULL, *errors = NULL;
	int64_t id, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_get(req_db(r), id, 1, &c)) !=
	    WS_OK)
		return rc;
	if (!body_ok(r, w)) {
		rc = WS_EINVAL;
		goto out;
	}
	in = crs_merged(c, r->in, crs_course_names);
	if ((rc = crs_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = crs_save(r, id, values, &out)) == WS_OK)
		rc = answer_course(r, w, id);
out:
	json_decref(c);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_course_delete(struct req *r, struct resp *w)
{
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_remove(r, id, CRS_REMOVE_COURSE,
	    id)) != WS_OK)
		return rc;
	w->status = 204;
	return WS_OK;
}

enum ws_err
h_course_copy(struct req *r, struct resp *w)
{
	int64_t id, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_copy(r, id, &out)) != WS_OK)
		return rc;
	if ((rc = answer_course(r, w, out)) == WS_OK)
		w->status = 201;
	return rc;
}

enum ws_err
h_module_create(struct req *r, struct resp *w)
{
	json_t *c = NULL, *values = NULL, *errors = NULL;
	int64_t id, mid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_get(req_db(r), id, 1, &c)) !=
	    WS_OK)
		return rc;
	if ((rc = crs_module_check(r, r->in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = crs_module_save(r, id, 0, values, &mid)) != WS_OK)
		rc = refused(r, w, rc, NULL);
	else if ((rc = answer_course(r, w, id)) == WS_OK)
		w->status = 201;
out:
	json_decref(c);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_module_edit(struct req *r, struct resp *w)
{
	json_t *m = NULL, *in = NULL, *values = NULL, *errors = NULL;
	int64_t id, mid, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		return rc;
	if (!body_ok(r, w)) {
		rc = WS_EINVAL;
		goto out;
	}
	in = crs_merged(m, r->in, crs_module_names);
	if ((rc = crs_module_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = crs_module_save(r, id, mid, values, &out)) == WS_OK)
		rc = answer_course(r, w, id);
out:
	json_decref(m);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_module_delete(struct req *r, struct resp *w)
{
	int64_t id, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_remove(r, id, CRS_REMOVE_MODULE, mid)) != WS_OK)
		return rc;
	w->status = 204;
	return WS_OK;
}

enum ws_err
h_lesson_create(struct req *r, struct resp *w)
{
	json_t *m = NULL, *values = NULL, *errors = NULL;
	int64_t id, mid, lid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		return rc;
	if ((rc = crs_lesson_check(r, r->in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = crs_lesson_save(r, id, mid, 0, values, &lid)) != WS_OK)
		rc = refused(r, w, rc, NULL);
	else if ((rc = answer_lesson(r, w, id, lid)) == WS_OK)
		w->status = 201;
out:
	json_decref(m);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_lesson_edit(struct req *r, struct resp *w)
{
	json_t *l = NULL, *in = NULL, *values = NULL, *errors = NULL;
	int64_t id, lid, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &lid)) != WS_OK ||
	    (rc = crs_lesson_get(req_db(r), id, lid, &l)) != WS_OK)
		return rc;
	if (!body_ok(r, w)) {
		rc = WS_EINVAL;
		goto out;
	}
	in = crs_merged(l, r->in, crs_lesson_names);
	if ((rc = crs_lesson_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = refused(r, w, WS_EINVAL, errors);
	else if ((rc = crs_lesson_save(r, id, json_integer_value(json_object_get(l,
	    "module_id")), lid, values, &out)) == WS_OK)
		rc = answer_lesson(r, w, id, lid);
out:
	json_decref(l);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_lesson_delete(struct req *r, struct resp *w)
{
	int64_t id, lid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &lid)) != WS_OK ||
	    (rc = crs_remove(r, id, CRS_REMOVE_LESSON, lid)) != WS_OK)
		return rc;
	w->status = 204;
	return WS_OK;
}
