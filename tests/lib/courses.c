/*
 * courses.c -- the course tests' shared helpers (see courses.h).
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/courses.h"
#include "lib/people.h"

static const char *staff;

void
tc_use(struct ts_browser *b, const char *staff_tok)
{
	ta_use(b);
	staff = staff_tok;
}

int64_t
tc_module_made(int64_t c, const char *title)
{
	const struct ts_res *r = ta_api("POST", ta_path("/api/v1/courses/%lld/modules",
	    (long long)c), staff, json_pack("{s:s}", "title", title));
	json_t *j, *mods;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	mods = json_object_get(j, "modules");
	id = ta_num(json_array_get(mods, json_array_size(mods) - 1), "id");
	json_decref(j);
	return id;
}

int64_t
tc_lesson_made(int64_t c, int64_t m, json_t *body)
{
	const struct ts_res *r = ta_api("POST", ta_path("/api/v1/courses/%lld/modules/%lld/"
	    "lessons", (long long)c, (long long)m), staff, body);

	STATUS(r, 201);
	return ta_id_of(r);
}

int64_t
tc_quiz_made(int64_t c, int64_t m, json_t *body)
{
	const struct ts_res *r = ta_api("POST", ta_path("/api/v1/courses/%lld/modules/%lld/quiz",
	    (long long)c, (long long)m), staff, body);

	STATUS(r, 201);
	return ta_id_of(r);
}

int64_t
tc_cohort_made(int64_t c, const char *title, int64_t from, int64_t to, int64_t tutor)
{
	int64_t now = ta_now();
	json_t *b = json_pack("{s:I,s:s,s:s,s:s,s:s}", "course_id", (json_int_t)c, "title",
	    title, "timezone", "UTC", "start", ta_utc(now + from), "end", ta_utc(now + to));
	const struct ts_res *r;

	if (tutor)
		json_object_set_new(b, "tutors", json_pack("[I]", (json_int_t)tutor));
	r = ta_api("POST", "/api/v1/cohorts", staff, b);
	STATUS(r, 201);
	return ta_id_of(r);
}

void
tc_enrolled(int64_t kid, int64_t uid)
{
	STATUS(ta_api("POST", ta_path("/api/v1/cohorts/%lld/enrolments", (long long)kid), staff,
	    json_pack("{s:I}", "user_id", (json_int_t)uid)), 201);
}

void
tc_lesson_read(int64_t c, int64_t lid, const char *token)
{
	STATUS(ta_api("GET", ta_path("/api/v1/courses/%lld/lessons/%lld", (long long)c,
	    (long long)lid), token, NULL), 200);
}

const char *
tc_answer_id(json_t *j, const char *text)
{
	json_t *q, *a;
	size_t i, k;

	json_array_foreach(json_object_get(j, "questions"), i, q)
		json_array_foreach(json_object_get(q, "answers"), k, a)
			if (strcmp(ta_str(a, "text"), text) == 0)
				return ta_str(a, "id");
	return "";
}

const struct ts_res *
tc_attempt_with(const char *token, int64_t c, int64_t q, int number, const char *text)
{
	char id[40];
	json_t *j;

	j = ts_jbody(ta_api("GET", ta_path("/api/v1/courses/%lld/quizzes/%lld", (long long)c,
	    (long long)q), token, NULL));
	snprintf(id, sizeof id, "%s", tc_answer_id(j, text));
	json_decref(j);
	assert_true(id[0] != '\0');
	return ta_api("POST", ta_path("/api/v1/courses/%lld/quizzes/%lld/attempts", (long long)c,
	    (long long)q), token, json_pack("{s:i,s:{s:s}}", "attempt", number, "answers", "1",
	    id));
}

int64_t
tc_expert_made(const struct ts_server *s, const char *db, const char *staff_email,
    const char *email, const char *name, const char *password)
{
	struct ts_browser *b, *staff_b;
	const struct ts_res *r;
	long long app = 0;
	int64_t uid;
	json_t *j, *it;
	size_t k;

	uid = ts_user_add(db, email, name, "applicant", password);
	assert_true(uid > 0);
	b = ts_signed_in(s, NULL, email, password);
	assert_non_null(b);
	r = ts_form(b, "/join", "action", "submit", "as", "expert", "name", name,
	    "country", "CN", "themes", "corruption", "biography", "Studies the Convention.",
	    "contact_email", email, "consent", "1", (char *)NULL);
	STATUS(r, 200);
	ts_browser_free(b);
	staff_b = ts_signed_in(s, NULL, staff_email, password);
	assert_non_null(staff_b);
	r = ts_get(staff_b, "/api/v1/applications?status=pending&kind=expert");
	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), k, it) {
		const char *e = json_string_value(json_object_get(json_object_get(it, "applicant"),
		    "email"));

		if (e && strcmp(e, email) == 0)
			app = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	assert_true(app > 0);
	STATUS(ts_form(staff_b, ta_path("/staff/applications/%lld/approve", app), (char *)NULL),
	    303);
	ts_browser_free(staff_b);
	return uid;
}
