/*
 * pages.c -- staff's pages for writing courses (issue 18), forms that work
 * without JavaScript: /staff/courses (every course, drafts too),
 * /staff/courses/new, /staff/courses/{id} (the course's fields, its
 * modules in order with up and down buttons, adding a module, copying and
 * deleting the course), /staff/courses/{id}/modules/{mid} (a module's
 * fields and its lessons in order), and the lesson form
 * (/staff/courses/{id}/modules/{mid}/lessons/new,
 * /staff/courses/{id}/lessons/{lid}).
 *
 * Each form goes through the API's one check (courses.c); a refusal is the
 * page again with a message by each field and what was typed (a 422).
 * Languages are typed as codes separated by commas or spaces ("en, fr").
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static json_t *
options(struct req *r, const char *const *codes, const char *const *labels, const char *sel)
{
	json_t *o = json_array();
	size_t i;

	for (i = 0; codes[i]; i++)
		json_array_append_new(o, json_pack("{s:s,s:s,s:b}", "value", codes[i], "label",
		    tr(r, labels[i]), "selected", sel && strcmp(sel, codes[i]) == 0));
	return o;
}

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

/* Codes in text s, separated by commas or spaces, as a JSON array. */
static json_t *
codes_of(const char *s)
{
	json_t *out = json_array();
	char code[64];
	size_t n;

	while (s && *s) {
		while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		for (n = 0; *s && *s != ' ' && *s != ',' && *s != '\t' && *s != '\r' &&
		    *s != '\n'; s++)
			if (n + 1 < sizeof code)
				code[n++] = *s;
		code[n] = '\0';
		if (n)
			json_array_append_new(out, json_string(code));
	}
	return out;
}

/* Array a of codes as text "en, fr". */
static const char *
codes_text(struct req *r, json_t *a)
{
	const char *out = "";
	json_t *x;
	size_t i;

	json_array_foreach(a, i, x)
		out = arena_printf(r->a, "%s%s%s", out, i ? ", " : "", json_string_value(x));
	return out;
}

/* What a form sent of fields names, as the API's input. */
static json_t *
typed_of(struct req *r, const char *const *names)
{
	json_t *in = json_object(), *x;
	const char *const *k;

	for (k = names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL)
			json_object_set(in, *k, x);
	if (json_is_string(json_object_get(in, "languages")))
		json_object_set_new(in, "languages", codes_of(json_string_value(
		    json_object_get(in, "languages"))));
	return in;
}

/* A number of form as text for its input. */
static void
int_text(struct req *r, json_t *form, const char *key)
{
	json_t *x = json_object_get(form, key);

	if (json_is_integer(x))
		json_object_set_new(form, key, json_string(arena_printf(r->a, "%lld",
		    (long long)json_integer_value(x))));
}

/* ---- the course ------------------------------------------------------------ */

/* Adds to w->val what the course form needs around its form. */
static void
course_form_extras(struct req *r, struct resp *w)
{
	static const char *const statuses[] = { "draft", "published", NULL };
	static const char *const labels[] = { N_("Draft"), N_("Published"), NULL };
	json_t *form = json_object_get(w->val, "form");

	if (!form) {
		form = json_object();
		json_object_set_new(w->val, "form", form);
	}
	json_object_set_new(form, "languages_text", json_string(codes_text(r,
	    json_object_get(form, "languages"))));
	int_text(r, form, "estimated_hours");
	json_object_set_new(form, "self", json_boolean(json_is_true(json_object_get(form,
	    "self_enrolment")) || (json_is_string(json_object_get(form, "self_enrolment")) &&
	    *json_string_value(json_object_get(form, "self_enrolment")))));
	json_object_set_new(w->val, "statuses", options(r, statuses, labels,
	    json_string_value(json_object_get(form, "status"))));
	{
		/* the completion rules' boxes (completion.c) */
		static const char *const rules[][2] = { { "complete_lessons", "rule_lessons" },
			{ "complete_quizzes", "rule_quizzes" }, { "complete_tasks", "rule_tasks" } };
		size_t i;

		for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
			json_t *v = json_object_get(form, rules[i][0]);

			json_object_set_new(form, rules[i][1], json_boolean(json_is_true(v) ||
			    (json_is_string(v) && *json_string_value(v))));
		}
	}
}

/* An unticked box of the course form is no (a form sends no field for it). */
static void
rules_unticked(json_t *in)
{
	static const char *const rules[] = { "self_enrolment", "complete_lessons",
		"complete_quizzes", "complete_tasks", NULL };
	const char *const *k;

	for (k = rules; *k; k++)
		if (!json_object_get(in, *k))
			json_object_set_new(in, *k, json_false());
}

enum ws_err
h_staff_courses(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	json_t *rows = NULL, *c;
	enum ws_err rc;
	size_t i;

	if ((rc = crs_list(req_db(r), 1, page, per_page, &rows, &total)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	json_array_foreach(rows, i, c)
		json_object_set_new(c, "draft", json_boolean(strcmp(json_string_value(
		    json_object_get(c, "status")), "draft") == 0));
	resp_value(w, app_list_value(rows, page, per_page, total));
	w->tpl = "staff_courses";
	w->title = N_("Courses");
	return WS_OK;
}

enum ws_err
h_staff_course_new_form(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:{s:s,s:b,s:b,s:b,s:[s]}}", "form", "status", "draft",
	    "complete_lessons", 1, "complete_quizzes", 1, "complete_tasks", 1, "languages",
	    "en"));
	course_form_extras(r, w);
	w->tpl = "staff_course_new";
	w->title = N_("New course");
	return WS_OK;
}

enum ws_err
h_staff_course_create(struct req *r, struct resp *w)
{
	json_t *in = typed_of(r, crs_course_names), *values = NULL, *errors = NULL;
	int64_t id = 0;
	enum ws_err rc;

	rules_unticked(in);
	if ((rc = crs_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors) {
		rc = form_fail(r, w, "staff_course_new", N_("New course"), in, errors);
		course_form_extras(r, w);
		goto out;
	}
	if ((rc = crs_save(r, 0, values, &id)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld", (long long)id));
out:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* The course page's value into w for course id: the course (staff's view),
 * and its form from typed (NULL: what is stored). */
static enum ws_err
course_page(struct req *r, struct resp *w, int64_t id, json_t *typed)
{
	json_t *c = NULL, *m;
	enum ws_err rc;
	size_t i, n;

	if ((rc = crs_load_view(r, id, &c)) != WS_OK)
		return rc;
	n = json_array_size(json_object_get(c, "modules"));
	json_array_foreach(json_object_get(c, "modules"), i, m) {
		json_object_set_new(m, "first", json_boolean(i == 0));
		json_object_set_new(m, "last", json_boolean(i + 1 == n));
		json_object_set_new(m, "lesson_count", json_integer((json_int_t)json_array_size(
		    json_object_get(m, "lessons"))));
	}
	if (!w->val)
		resp_value(w, json_object());
	{
		json_t *cohorts = NULL;

		if ((rc = crs_cohort_views(r, id, &cohorts)) != WS_OK) {
			json_decref(cohorts);
			json_decref(c);
			return rc;
		}
		crs_page_cohorts(r, cohorts);
		json_object_set_new(c, "cohorts", cohorts);
	}
	json_object_set_new(w->val, "course", c);
	json_object_set_new(w->val, "id", json_integer(id));
	if (!json_object_get(w->val, "form"))
		json_object_set_new(w->val, "form", typed ? json_incref(typed) :
		    crs_merged(c, NULL, crs_course_names));
	course_form_extras(r, w);
	w->tpl = "staff_course";
	w->title = N_("Edit the course");
	return WS_OK;
}

enum ws_err
crs_staff_course_page(struct req *r, struct resp *w, int64_t id)
{
	return course_page(r, w, id, NULL);
}

enum ws_err
h_staff_course_page(struct req *r, struct resp *w)
{
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK)
		return rc;
	return course_page(r, w, id, NULL);
}

enum ws_err
h_staff_course_save(struct req *r, struct resp *w)
{
	json_t *c = NULL, *in = NULL, *values = NULL, *errors = NULL;
	int64_t id, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_get(req_db(r), id, 1, &c)) !=
	    WS_OK)
		return rc;
	/* the form sends every field: an unticked box is no */
	in = typed_of(r, crs_course_names);
	rules_unticked(in);
	if ((rc = crs_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors) {
		rc = form_fail(r, w, "staff_course", N_("Edit the course"), in, errors);
		if (course_page(r, w, id, NULL) != WS_OK)
			rc = WS_EDB;
		goto out;
	}
	if ((rc = crs_save(r, id, values, &out)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld", (long long)id));
out:
	json_decref(c);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_course_copy(struct req *r, struct resp *w)
{
	int64_t id, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_copy(r, id, &out)) != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld", (long long)out));
	return WS_OK;
}

enum ws_err
h_staff_course_delete(struct req *r, struct resp *w)
{
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_remove(r, id, CRS_REMOVE_COURSE,
	    id)) != WS_OK)
		return rc;
	resp_redirect(w, "/staff/courses");
	return WS_OK;
}

/* ---- modules ---------------------------------------------------------------- */

enum ws_err
h_staff_module_add(struct req *r, struct resp *w)
{
	json_t *c = NULL, *in = typed_of(r, crs_module_names), *values = NULL, *errors = NULL;
	int64_t id, mid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = crs_get(req_db(r), id, 1, &c)) !=
	    WS_OK)
		goto out;
	if ((rc = crs_module_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (!errors && (rc = crs_module_save(r, id, 0, values, &mid)) == WS_ECONFLICT)
		errors = json_pack("{s:s}", "title", tr(r, N_("A course has at most 50 "
		    "modules.")));
	if (errors) {
		/* the course page again, the new module's fields kept */
		resp_value(w, json_pack("{s:O,s:O}", "module_form", in, "module_errors",
		    errors));
		if ((rc = course_page(r, w, id, NULL)) == WS_OK) {
			w->status = 422;
			w->detail = N_("Some fields need your attention.");
		}
		goto out;
	}
	if (rc == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/modules/%lld",
		    (long long)id, (long long)mid));
out:
	json_decref(c);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* The module page's value into w: course id's module mid with its lessons
 * (staff's view), its form from typed (NULL: what is stored). */
static enum ws_err
module_page(struct req *r, struct resp *w, int64_t id, int64_t mid, json_t *typed)
{
	json_t *c = NULL, *m, *mod = NULL, *l;
	enum ws_err rc;
	size_t i, n;

	if ((rc = crs_load_view(r, id, &c)) != WS_OK)
		return rc;
	json_array_foreach(json_object_get(c, "modules"), i, m)
		if (json_integer_value(json_object_get(m, "id")) == mid)
			mod = m;
	if (!mod) {
		json_decref(c);
		return WS_ENOTFOUND;
	}
	n = json_array_size(json_object_get(mod, "lessons"));
	json_array_foreach(json_object_get(mod, "lessons"), i, l) {
		json_object_set_new(l, "first", json_boolean(i == 0));
		json_object_set_new(l, "last", json_boolean(i + 1 == n));
	}
	if (!w->val)
		resp_value(w, json_object());
	json_object_set_new(w->val, "course", json_pack("{s:O,s:O}", "id", json_object_get(c,
	    "id"), "title", json_object_get(c, "title")));
	json_object_set(w->val, "module", mod);
	if (!json_object_get(w->val, "form"))
		json_object_set_new(w->val, "form", typed ? json_incref(typed) :
		    crs_merged(mod, NULL, crs_module_names));
	json_decref(c);
	/* its quiz: the form as stored, unless typed already */
	if (!json_object_get(w->val, "quiz_rows")) {
		json_t *z = NULL;

		if ((rc = crs_module_quiz(req_db(r), id, mid, &z)) != WS_OK)
			return rc;
		json_object_set_new(w->val, "quiz_form", z ? json_pack("{s:O,s:O,s:O,s:O}", "id",
		    json_object_get(z, "id"), "title", json_object_get(z, "title"), "pass_mark",
		    json_object_get(z, "pass_mark"), "attempts_max", json_object_get(z,
		    "attempts_max")) : json_pack("{s:s,s:i,s:i}", "title", "", "pass_mark", 70,
		    "attempts_max", 3));
		crs_quiz_form_rows(r, w->val, z ? json_object_get(z, "questions") : NULL);
		json_decref(z);
	}
	if ((rc = crs_task_form(r, w->val, id, mid)) != WS_OK)
		return rc;
	int_text(r, json_object_get(w->val, "quiz_form"), "pass_mark");
	int_text(r, json_object_get(w->val, "quiz_form"), "attempts_max");
	w->tpl = "staff_course_module";
	w->title = N_("Edit the module");
	return WS_OK;
}

enum ws_err
crs_staff_module_page(struct req *r, struct resp *w, int64_t id, int64_t mid)
{
	return module_page(r, w, id, mid, NULL);
}

enum ws_err
h_staff_module_page(struct req *r, struct resp *w)
{
	int64_t id, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK)
		return rc;
	return module_page(r, w, id, mid, NULL);
}

enum ws_err
h_staff_module_save(struct req *r, struct resp *w)
{
	json_t *m = NULL, *in = NULL, *values = NULL, *errors = NULL;
	int64_t id, mid, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		return rc;
	in = typed_of(r, crs_module_names);
	if ((rc = crs_module_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors) {
		rc = form_fail(r, w, "staff_course_module", N_("Edit the module"), in, errors);
		if (module_page(r, w, id, mid, NULL) != WS_OK)
			rc = WS_EDB;
		goto out;
	}
	if ((rc = crs_module_save(r, id, mid, values, &out)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/modules/%lld",
		    (long long)id, (long long)mid));
out:
	json_decref(m);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* The form's direction: -1 up, +1 down, 0 neither. */
static int
direction(struct req *r)
{
	const char *d = json_string_value(json_object_get(r->in, "direction"));

	if (d && strcmp(d, "up") == 0)
		return -1;
	if (d && strcmp(d, "down") == 0)
		return 1;
	return 0;
}

enum ws_err
h_staff_module_move(struct req *r, struct resp *w)
{
	int64_t id, mid;
	int delta = direction(r);
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK)
		return rc;
	if (!delta) {
		w->detail = N_("Move it up or down.");
		return WS_EINVAL;
	}
	if ((rc = crs_move(r, id, 0, mid, delta, 0)) != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld#module-%lld", (long long)id,
	    (long long)mid));
	return WS_OK;
}

enum ws_err
h_staff_module_delete(struct req *r, struct resp *w)
{
	int64_t id, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_remove(r, id, CRS_REMOVE_MODULE, mid)) != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld", (long long)id));
	return WS_OK;
}

/* ---- lessons ------------------------------------------------------------------ */

/* Adds to w->val what the lesson form needs: the kinds, the course and the
 * module it is in, where it posts. */
static enum ws_err
lesson_form(struct req *r, struct resp *w, int64_t id, int64_t mid, const char *action)
{
	static const char *const kinds[] = { "markdown", "video", "resource", NULL };
	static const char *const labels[] = { N_("Text (Markdown)"), N_("A video"),
		N_("A resource of the library"), NULL };
	json_t *c = NULL, *m = NULL, *form;
	enum ws_err rc;

	if ((rc = crs_get(req_db(r), id, 1, &c)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		goto out;
	if (!w->val)
		resp_value(w, json_object());
	if (!(form = json_object_get(w->val, "form"))) {
		form = json_object();
		json_object_set_new(w->val, "form", form);
	}
	int_text(r, form, "minutes");
	int_text(r, form, "resource_id");
	json_object_set_new(w->val, "kinds", options(r, kinds, labels, json_string_value(
	    json_object_get(form, "kind"))));
	json_object_set_new(w->val, "course", json_pack("{s:I,s:O}", "id", (json_int_t)id,
	    "title", json_object_get(c, "title")));
	json_object_set_new(w->val, "module", json_pack("{s:I,s:O}", "id", (json_int_t)mid,
	    "title", json_object_get(m, "title")));
	json_object_set_new(w->val, "action", json_string(action));
	w->tpl = "staff_course_lesson";
out:
	json_decref(c);
	json_decref(m);
	return rc;
}

enum ws_err
h_staff_lesson_new_form(struct req *r, struct resp *w)
{
	int64_t id, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:{s:s}}", "form", "kind", "markdown"));
	w->title = N_("New lesson");
	return lesson_form(r, w, id, mid, arena_printf(r->a,
	    "/staff/courses/%lld/modules/%lld/lessons/new", (long long)id, (long long)mid));
}

/* The lesson form posted for lesson lid (0: new) of module mid. */
static enum ws_err
lesson_post(struct req *r, struct resp *w, int64_t id, int64_t mid, int64_t lid,
    const char *action, const char *title)
{
	json_t *in = typed_of(r, crs_lesson_names), *values = NULL, *errors = NULL;
	int64_t out = 0;
	enum ws_err rc;

	/* an empty resource number is none */
	if (json_is_string(json_object_get(in, "resource_id")) &&
	    !*json_string_value(json_object_get(in, "resource_id")))
		json_object_del(in, "resource_id");
	if ((rc = crs_lesson_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (!errors && (rc = crs_lesson_save(r, id, mid, lid, values, &out)) == WS_ECONFLICT)
		errors = json_pack("{s:s}", "title", tr(r, N_("A module has at most 100 "
		    "lessons.")));
	if (errors) {
		rc = form_fail(r, w, "staff_course_lesson", title, in, errors);
		if (lid)
			json_object_set_new(w->val, "lesson_id", json_integer(lid));
		if (lesson_form(r, w, id, mid, action) != WS_OK)
			rc = WS_EDB;
		goto out;
	}
	if (rc == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/modules/%lld#lesson-%lld",
		    (long long)id, (long long)mid, (long long)out));
out:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_lesson_create(struct req *r, struct resp *w)
{
	json_t *m = NULL;
	int64_t id, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		return rc;
	json_decref(m);
	return lesson_post(r, w, id, mid, 0, arena_printf(r->a,
	    "/staff/courses/%lld/modules/%lld/lessons/new", (long long)id, (long long)mid),
	    N_("New lesson"));
}

enum ws_err
h_staff_lesson_page(struct req *r, struct resp *w)
{
	json_t *l = NULL;
	int64_t id, lid, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &lid)) != WS_OK ||
	    (rc = crs_lesson_get(req_db(r), id, lid, &l)) != WS_OK)
		return rc;
	mid = json_integer_value(json_object_get(l, "module_id"));
	resp_value(w, json_pack("{s:o,s:I}", "form", crs_merged(l, NULL, crs_lesson_names),
	    "lesson_id", (json_int_t)lid));
	json_decref(l);
	w->title = N_("Edit the lesson");
	return lesson_form(r, w, id, mid, arena_printf(r->a, "/staff/courses/%lld/lessons/%lld",
	    (long long)id, (long long)lid));
}

enum ws_err
h_staff_lesson_save(struct req *r, struct resp *w)
{
	json_t *l = NULL;
	int64_t id, lid, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &lid)) != WS_OK ||
	    (rc = crs_lesson_get(req_db(r), id, lid, &l)) != WS_OK)
		return rc;
	mid = json_integer_value(json_object_get(l, "module_id"));
	json_decref(l);
	return lesson_post(r, w, id, mid, lid, arena_printf(r->a,
	    "/staff/courses/%lld/lessons/%lld", (long long)id, (long long)lid),
	    N_("Edit the lesson"));
}

enum ws_err
h_staff_lesson_move(struct req *r, struct resp *w)
{
	json_t *l = NULL;
	int64_t id, lid, mid;
	int delta = direction(r);
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &lid)) != WS_OK ||
	    (rc = crs_lesson_get(req_db(r), id, lid, &l)) != WS_OK)
		return rc;
	mid = json_integer_value(json_object_get(l, "module_id"));
	json_decref(l);
	if (!delta) {
		w->detail = N_("Move it up or down.");
		return WS_EINVAL;
	}
	if ((rc = crs_move(r, id, 1, lid, delta, 0)) != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/modules/%lld#lesson-%lld",
	    (long long)id, (long long)mid, (long long)lid));
	return WS_OK;
}

enum ws_err
h_staff_lesson_delete(struct req *r, struct resp *w)
{
	json_t *l = NULL;
	int64_t id, lid, mid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &lid)) != WS_OK ||
	    (rc = crs_lesson_get(req_db(r), id, lid, &l)) != WS_OK)
		return rc;
	mid = json_integer_value(json_object_get(l, "module_id"));
	json_decref(l);
	if ((rc = crs_remove(r, id, CRS_REMOVE_LESSON, lid)) != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/modules/%lld", (long long)id,
	    (long long)mid));
	return WS_OK;
}
