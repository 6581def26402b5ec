/*
 * courses_test.c -- the self-paced course (issue 18), its first part:
 * courses, their modules and lessons as staff write, reorder and copy them
 * through the API and the no-JS staff pages, and as others read the
 * summary and outline: a draft is staff's (404 for anyone else); a lesson's
 * content is not in the outline; bad input is refused with the field
 * named and nothing written; the pages in English and French.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program
 * once on SQLite and once on PostgreSQL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/courses.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff, Ada (an admin of Quillon), Bo (a member), Fe (a focal point) */
static char staff_tok[129], ada_tok[129], bo_tok[129], fe_tok[129];
static int64_t quillon, ada_id;
static int64_t resource_id;	/* a published resource of the library */

/* ---- helpers ------------------------------------------------------------ */

static void
account(const char *email, const char *role, int64_t org, char *tok, int64_t *id)
{
	int64_t uid = ts_person_add(db_url, email, email, role, org, PW);

	assert_true(uid > 0);
	if (id)
		*id = uid;
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
}

static json_t *
get_json(const char *path, const char *token, int status)
{
	const struct ts_res *r = tc_api("GET", path, token, NULL);

	STATUS(r, status);
	return ts_jbody(r);
}

/* A course staff make from body (consumed; title filled in when absent). */
static int64_t
course_made(json_t *body)
{
	const struct ts_res *r;
	int64_t id;

	if (!json_object_get(body, "title"))
		json_object_set_new(body, "title", json_string("A course"));
	r = tc_api("POST", "/api/v1/courses", staff_tok, body);
	STATUS(r, 201);
	id = tc_id_of(r);
	assert_true(id > 0);
	return id;
}

/* A module of course id titled title; its id. */
static int64_t
module_made(int64_t id, const char *title)
{
	const struct ts_res *r;
	char path[96];
	json_t *j, *m;
	int64_t mid;

	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)id);
	r = tc_api("POST", path, staff_tok, json_pack("{s:s}", "title", title));
	STATUS(r, 201);
	j = ts_jbody(r);
	/* the answer is the course; the new module is the last */
	m = json_array_get(json_object_get(j, "modules"), json_array_size(json_object_get(j,
	    "modules")) - 1);
	assert_string_equal(tc_str(m, "title"), title);
	mid = json_integer_value(json_object_get(m, "id"));
	json_decref(j);
	return mid;
}

/* A Markdown lesson of module mid of course id; its id. */
static int64_t
lesson_made(int64_t id, int64_t mid, const char *title, int minutes)
{
	return tc_lesson_made(id, mid, json_pack("{s:s,s:s,s:s,s:i}", "title", title, "kind",
	    "markdown", "body", "Some *text* of the lesson.", "minutes", minutes));
}

/* The titles of the modules (lessons 0) or of module n's lessons of
 * course id as staff see it, joined by "|", into out. */
static void
titles(int64_t id, int lessons, size_t n, char *out, size_t len)
{
	char path[64];
	json_t *j, *list, *x;
	size_t i, k = 0;

	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	j = get_json(path, staff_tok, 200);
	list = json_object_get(j, "modules");
	if (lessons)
		list = json_object_get(json_array_get(list, n), "lessons");
	out[0] = '\0';
	json_array_foreach(list, i, x) {
		k += (size_t)snprintf(out + k, len - k, "%s%s", i ? "|" : "", tc_str(x, "title"));
		assert_int_equal(json_integer_value(json_object_get(x, "position")), (int)i + 1);
	}
	json_decref(j);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_course(void **state)
{
	const struct ts_res *r;
	char path[128], got[512];
	int64_t id, m1, m2, m3, l1, l2, l3;
	json_t *j, *l;

	(void)state;
	id = course_made(json_pack("{s:s,s:s,s:[s,s],s:i,s:s,s:b}", "title",
	    "Engaging with the Review Mechanism", "summary", "What the **Mechanism** is.",
	    "languages", "en", "fr", "estimated_hours", 12, "status", "published",
	    "self_enrolment", 1));
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	j = get_json(path, NULL, 200);
	assert_string_equal(tc_str(j, "title"), "Engaging with the Review Mechanism");
	assert_string_equal(tc_str(j, "summary_html"), "<p>What the <strong>Mechanism</strong> "
	    "is.</p>\n");
	assert_int_equal(json_integer_value(json_object_get(j, "estimated_hours")), 12);
	assert_true(json_is_true(json_object_get(j, "self_enrolment")));
	assert_int_equal(json_array_size(json_object_get(j, "languages")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "modules")), 0);
	json_decref(j);

	/* modules in order, moved by PATCH position */
	m1 = module_made(id, "The Convention");
	m2 = module_made(id, "The Review Mechanism");
	m3 = module_made(id, "Entry points");
	titles(id, 0, 0, got, sizeof got);
	assert_string_equal(got, "The Convention|The Review Mechanism|Entry points");
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld", (long long)id,
	    (long long)m3);
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:i}", "position", 1));
	STATUS(r, 200);
	titles(id, 0, 0, got, sizeof got);
	assert_string_equal(got, "Entry points|The Convention|The Review Mechanism");
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:i,s:s}", "position", 50, "title",
	    "Entry points for engagement"));
	STATUS(r, 200);
	titles(id, 0, 0, got, sizeof got);
	assert_string_equal(got, "The Convention|The Review Mechanism|Entry points for engagement");

	/* lessons of the three kinds, each with its own field */
	l1 = lesson_made(id, m1, "What the Convention asks", 20);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/lessons", (long long)id,
	    (long long)m1);
	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s,s:i}", "title", "A talk",
	    "kind", "video", "video_url", "https://video.example/watch?v=1", "minutes", 15));
	STATUS(r, 201);
	l2 = tc_id_of(r);
	HAS(r, "\"video_url\":\"https://video.example/watch?v=1\"");
	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:I,s:i}", "title", "The guide",
	    "kind", "resource", "resource_id", (json_int_t)resource_id, "minutes", 30));
	STATUS(r, 201);
	l3 = tc_id_of(r);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(j, "resource_id")), resource_id);
	assert_string_equal(tc_str(j, "resource_title"), "Guide to the Review Mechanism");
	assert_int_equal(json_integer_value(json_object_get(j, "position")), 3);
	json_decref(j);
	titles(id, 1, 0, got, sizeof got);
	assert_string_equal(got, "What the Convention asks|A talk|The guide");
	snprintf(path, sizeof path, "/api/v1/courses/%lld/lessons/%lld", (long long)id,
	    (long long)l3);
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:i}", "position", 2));
	STATUS(r, 200);
	titles(id, 1, 0, got, sizeof got);
	assert_string_equal(got, "What the Convention asks|The guide|A talk");

	/* a lesson whose kind changes keeps only its new kind's field */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/lessons/%lld", (long long)id,
	    (long long)l2);
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:s,s:s}", "kind", "markdown", "body",
	    "![A chart](https://img.example/chart.png) and <script>alert(1)</script>"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(tc_str(j, "video_url"), "");
	assert_non_null(strstr(tc_str(j, "body_html"),
	    "<img src=\"https://img.example/chart.png\""));
	assert_null(strstr(tc_str(j, "body_html"), "<script"));
	json_decref(j);

	/* the outline: everyone sees titles, kinds and times, not what a lesson
	 * says; staff see it */
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	j = get_json(path, bo_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "lesson_count")), 3);
	assert_int_equal(json_integer_value(json_object_get(j, "minutes")), 65);
	l = json_array_get(json_object_get(json_array_get(json_object_get(j, "modules"), 0),
	    "lessons"), 0);
	assert_string_equal(tc_str(l, "title"), "What the Convention asks");
	assert_null(json_object_get(l, "body"));
	assert_null(json_object_get(l, "body_html"));
	json_decref(j);
	r = tc_api("GET", path, NULL, NULL);
	LACKS(r, "Some *text*");
	LACKS(r, "video.example");
	j = get_json(path, staff_tok, 200);
	l = json_array_get(json_object_get(json_array_get(json_object_get(j, "modules"), 0),
	    "lessons"), 0);
	assert_string_equal(tc_str(l, "body"), "Some *text* of the lesson.");
	json_decref(j);

	/* deleting: a lesson, a module with its lessons; another course's
	 * module or lesson is a 404 */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/lessons/%lld", (long long)id,
	    (long long)l1);
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 204);
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld", (long long)id + 1000,
	    (long long)m2);
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld", (long long)id,
	    (long long)m2);
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 204);
	titles(id, 0, 0, got, sizeof got);
	assert_string_equal(got, "The Convention|Entry points for engagement");
	titles(id, 1, 0, got, sizeof got);
	assert_string_equal(got, "The guide|A talk");

	/* only staff write */
	STATUS(tc_api("POST", "/api/v1/courses", ada_tok, json_pack("{s:s}", "title", "Mine")),
	    403);
	STATUS(tc_api("POST", "/api/v1/courses", NULL, json_pack("{s:s}", "title", "Mine")), 401);
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	STATUS(tc_api("PATCH", path, fe_tok, json_pack("{s:s}", "title", "Theirs")), 403);
	STATUS(tc_api("DELETE", path, bo_tok, NULL), 403);
}

static void
test_drafts(void **state)
{
	const struct ts_res *r;
	char path[64];
	int64_t id, pub;
	json_t *j;

	(void)state;
	id = course_made(json_pack("{s:s}", "title", "Draft course on the Convention"));
	pub = course_made(json_pack("{s:s,s:s}", "title", "Published course", "status",
	    "published"));
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	j = get_json(path, staff_tok, 200);
	assert_string_equal(tc_str(j, "status"), "draft");
	assert_false(json_is_true(json_object_get(j, "self_enrolment")));
	json_decref(j);
	STATUS(tc_api("GET", path, NULL, NULL), 404);
	STATUS(tc_api("GET", path, ada_tok, NULL), 404);
	STATUS(tc_api("GET", path, fe_tok, NULL), 404);
	snprintf(path, sizeof path, "/courses/%lld", (long long)id);
	STATUS(ts_get(plain, path), 404);

	/* the list: staff all, others the published ones */
	r = tc_api("GET", "/api/v1/courses?per_page=200", NULL, NULL);
	STATUS(r, 200);
	LACKS(r, "Draft course on the Convention");
	HAS(r, "Published course");
	r = tc_api("GET", "/api/v1/courses?per_page=200", staff_tok, NULL);
	HAS(r, "Draft course on the Convention");
	r = ts_get(plain, "/courses");
	STATUS(r, 200);
	HAS(r, "Published course");
	LACKS(r, "Draft course");

	/* published: everyone reads the outline, in French too */
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	STATUS(tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "published")), 200);
	STATUS(tc_api("GET", path, fe_tok, NULL), 200);
	snprintf(path, sizeof path, "/courses/%lld?lang=fr", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Plan du cours");
	HAS(r, "Ce cours n’a pas encore de module.");
	(void)pub;
}

static void
test_bad_input(void **state)
{
	const struct ts_res *r;
	char path[128];
	int64_t id, mid, lid;

	(void)state;
	ta_refused("POST", "/api/v1/courses", staff_tok, json_pack("{s:s}", "title", "x"),
	    "title");
	ta_refused("POST", "/api/v1/courses", staff_tok, json_pack("{}"), "title");
	ta_refused("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:[s]}", "title",
	    "Langs", "languages", "xx-not"), "languages");
	ta_refused("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:i}", "title",
	    "Hours", "estimated_hours", 1001), "estimated_hours");
	ta_refused("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:s}", "title",
	    "Status", "status", "archived"), "status");
	ta_refused("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:i}", "title",
	    "Wrong type", "summary", 3), "summary");
	/* nothing was written */
	r = tc_api("GET", "/api/v1/courses?per_page=200", staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Wrong type");
	LACKS(r, "Hours");

	id = course_made(json_pack("{s:s}", "title", "Bad input course"));
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	ta_refused("PATCH", path, staff_tok, json_pack("{s:s}", "title", ""), "title");
	STATUS(tc_api("PATCH", path, staff_tok, json_pack("[]")), 400);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)id);
	ta_refused("POST", path, staff_tok, json_pack("{s:s}", "summary", "no title"), "title");
	mid = module_made(id, "A module");
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld", (long long)id,
	    (long long)mid);
	ta_refused("PATCH", path, staff_tok, json_pack("{s:i}", "position", 0), "position");
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/lessons", (long long)id,
	    (long long)mid);
	ta_refused("POST", path, staff_tok, json_pack("{s:s,s:s}", "title", "No text", "kind",
	    "markdown"), "body");
	ta_refused("POST", path, staff_tok, json_pack("{s:s,s:s}", "title", "No kind", "body",
	    "x"), "kind");
	ta_refused("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "title", "Bad video",
	    "kind", "video", "video_url", "javascript:alert(1)"), "video_url");
	ta_refused("POST", path, staff_tok, json_pack("{s:s,s:s}", "title", "No video", "kind",
	    "video"), "video_url");
	ta_refused("POST", path, staff_tok, json_pack("{s:s,s:s,s:i}", "title",
	    "No such resource", "kind", "resource", "resource_id", 987654), "resource_id");
	ta_refused("POST", path, staff_tok, json_pack("{s:s,s:s,s:s,s:i}", "title", "Too long",
	    "kind", "markdown", "body", "x", "minutes", 1441), "minutes");
	lid = lesson_made(id, mid, "A lesson", 5);
	titles(id, 1, 0, path, sizeof path);
	assert_string_equal(path, "A lesson");
	/* a lesson of another course is not found through this one */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/lessons/%lld", (long long)id + 1000,
	    (long long)lid);
	STATUS(tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "Moved")), 404);
	STATUS(tc_api("PATCH", "/api/v1/courses/abc", staff_tok, json_pack("{}")), 404);
}

static void
test_copy(void **state)
{
	const struct ts_res *r;
	char path[96], got[256];
	int64_t id, copy, m1, m2;
	json_t *j;

	(void)state;
	id = course_made(json_pack("{s:s,s:s,s:i,s:b}", "title", "Second cohort course",
	    "status", "published", "estimated_hours", 8, "self_enrolment", 1));
	m1 = module_made(id, "One");
	m2 = module_made(id, "Two");
	(void)lesson_made(id, m1, "One A", 10);
	(void)lesson_made(id, m1, "One B", 10);
	(void)lesson_made(id, m2, "Two A", 10);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/copy", (long long)id);
	r = tc_api("POST", path, staff_tok, NULL);
	STATUS(r, 201);
	copy = tc_id_of(r);
	assert_true(copy != id);
	j = ts_jbody(r);
	assert_string_equal(tc_str(j, "status"), "draft");
	assert_int_equal(json_integer_value(json_object_get(j, "copied_from")), id);
	assert_int_equal(json_integer_value(json_object_get(j, "estimated_hours")), 8);
	json_decref(j);
	titles(copy, 0, 0, got, sizeof got);
	assert_string_equal(got, "One|Two");
	titles(copy, 1, 0, got, sizeof got);
	assert_string_equal(got, "One A|One B");
	titles(copy, 1, 1, got, sizeof got);
	assert_string_equal(got, "Two A");
	/* the copy is its own: changing it leaves the course as it was */
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)copy);
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 204);
	titles(id, 1, 0, got, sizeof got);
	assert_string_equal(got, "One A|One B");
	STATUS(tc_api("POST", "/api/v1/courses/999999/copy", staff_tok, NULL), 404);
}

static void
test_staff_pages(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@courses.test", PW);
	struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-c.example", PW);
	const struct ts_res *r;
	char path[128], form[128], got[256];
	const char *loc;
	long long id, mid;
	char l1[24], l2[24];

	(void)state;
	assert_non_null(staff);
	assert_non_null(ada);
	STATUS(ts_get(ada, "/staff/courses"), 403);
	STATUS(ts_get(plain, "/staff/courses/new"), 303);
	r = ts_get(staff, "/staff/courses/new");
	STATUS(r, 200);
	HAS(r, "name=\"title\"");

	/* refused: the message by its field, what was typed kept */
	r = ts_form(staff, "/staff/courses/new", "title", "", "summary", "Kept summary",
	    "languages", "en, zz9", "estimated_hours", "ten", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-title\"");
	HAS(r, "id=\"e-languages\"");
	HAS(r, "id=\"e-hours\"");
	HAS(r, ">Kept summary</textarea>");
	HAS(r, "value=\"ten\"");

	r = ts_form(staff, "/staff/courses/new", "title", "Stakeholder engagement",
	    "summary", "For *everyone*.", "languages", "en fr", "estimated_hours", "6",
	    "status", "published", "self_enrolment", "1", NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/staff/courses/", 15), 0);
	id = strtoll(loc + 15, NULL, 10);
	assert_true(id > 0);
	snprintf(path, sizeof path, "/staff/courses/%lld", id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "value=\"en, fr\"");
	HAS(r, "name=\"self_enrolment\" value=\"1\" checked");

	/* modules: added, refused without a title (the course page again) */
	snprintf(form, sizeof form, "/staff/courses/%lld/modules", id);
	r = ts_form(staff, form, "title", "", "summary", "Kept module summary", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-m-title\"");
	HAS(r, ">Kept module summary</textarea>");
	r = ts_form(staff, form, "title", "First module", NULL);
	STATUS(r, 303);
	r = ts_form(staff, form, "title", "Second module", NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	mid = strtoll(strstr(loc, "/modules/") + 9, NULL, 10);
	titles(id, 0, 0, got, sizeof got);
	assert_string_equal(got, "First module|Second module");
	/* up and down buttons: the first has no "up", the last no "down" */
	r = ts_get(staff, path);
	HAS(r, "value=\"up\">Up<span class=\"sr\"> Second module");
	LACKS(r, "value=\"up\">Up<span class=\"sr\"> First module");
	snprintf(form, sizeof form, "/staff/courses/%lld/modules/%lld/move", id, mid);
	STATUS(ts_form(staff, form, "direction", "up", NULL), 303);
	titles(id, 0, 0, got, sizeof got);
	assert_string_equal(got, "Second module|First module");
	STATUS(ts_form(staff, form, "direction", "up", NULL), 303);	/* first stays first */
	titles(id, 0, 0, got, sizeof got);
	assert_string_equal(got, "Second module|First module");
	STATUS(ts_form(staff, form, "direction", "sideways", NULL), 422);

	/* lessons through the lesson form */
	snprintf(form, sizeof form, "/staff/courses/%lld/modules/%lld/lessons/new", id, mid);
	r = ts_get(staff, form);
	STATUS(r, 200);
	HAS(r, "<option value=\"markdown\" selected>");
	r = ts_form(staff, form, "title", "Kept lesson", "kind", "video", "video_url", "",
	    "minutes", "12", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-video\"");
	HAS(r, "value=\"Kept lesson\"");
	HAS(r, "<option value=\"video\" selected>");
	r = ts_form(staff, form, "title", "Lesson one", "kind", "markdown", "body", "Read *this*.",
	    "minutes", "12", "resource_id", "", NULL);
	STATUS(r, 303);
	snprintf(l1, sizeof l1, "%lld", strtoll(strstr(ts_header(r, "Location"), "#lesson-") +
	    8, NULL, 10));
	r = ts_form(staff, form, "title", "Lesson two", "kind", "video", "video_url",
	    "https://video.example/two", "minutes", "5", NULL);
	STATUS(r, 303);
	snprintf(l2, sizeof l2, "%lld", strtoll(strstr(ts_header(r, "Location"), "#lesson-") +
	    8, NULL, 10));
	titles(id, 1, 0, got, sizeof got);
	assert_string_equal(got, "Lesson one|Lesson two");
	snprintf(form, sizeof form, "/staff/courses/%lld/lessons/%s/move", id, l1);
	STATUS(ts_form(staff, form, "direction", "down", NULL), 303);
	titles(id, 1, 0, got, sizeof got);
	assert_string_equal(got, "Lesson two|Lesson one");
	snprintf(form, sizeof form, "/staff/courses/%lld/lessons/%s", id, l2);
	r = ts_get(staff, form);
	STATUS(r, 200);
	HAS(r, "value=\"https:&#x2F;&#x2F;video.example&#x2F;two\"");
	r = ts_form(staff, form, "title", "Lesson two, renamed", "kind", "video", "video_url",
	    "https://video.example/two", "minutes", "7", NULL);
	STATUS(r, 303);
	snprintf(form, sizeof form, "/staff/courses/%lld/lessons/%s/delete", id, l1);
	STATUS(ts_form(staff, form, NULL), 303);
	titles(id, 1, 0, got, sizeof got);
	assert_string_equal(got, "Lesson two, renamed");

	/* the module's page and form */
	snprintf(form, sizeof form, "/staff/courses/%lld/modules/%lld", id, mid);
	r = ts_get(staff, form);
	STATUS(r, 200);
	HAS(r, "Lesson two, renamed");
	r = ts_form(staff, form, "title", "x", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-title\"");
	STATUS(ts_form(staff, form, "title", "Second module, renamed", NULL), 303);

	/* the course's form: an unticked box is no */
	r = ts_form(staff, path, "title", "Stakeholder engagement", "status", "published",
	    "estimated_hours", "6", NULL);
	STATUS(r, 303);
	r = ts_get(staff, path);
	LACKS(r, "name=\"self_enrolment\" value=\"1\" checked");

	/* in French */
	snprintf(form, sizeof form, "%s?lang=fr", path);
	r = ts_get(staff, form);
	STATUS(r, 200);
	HAS(r, "Ajouter un module");

	/* copied, then deleted */
	snprintf(form, sizeof form, "/staff/courses/%lld/copy", id);
	r = ts_form(staff, form, NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_true(strtoll(loc + 15, NULL, 10) != id);
	snprintf(form, sizeof form, "%s/delete", loc);
	STATUS(ts_form(staff, form, NULL), 303);
	r = ts_get(staff, "/staff/courses");
	STATUS(r, 200);
	HAS(r, "Stakeholder engagement");
	ts_browser_free(staff);
	ts_browser_free(ada);
}

/* ---- set-up ------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	quillon = ts_org_import(db_url, "Quillon Course Trust", "KE", "info@quillon-c.example",
	    NULL);
	assert_true(quillon > 0);
	account("sam.staff@courses.test", "staff", 0, staff_tok, NULL);
	account("ada@quillon-c.example", "member", quillon, ada_tok, &ada_id);
	account("bo@quillon-c.example", "member", quillon, bo_tok, NULL);
	account("fe@interior-c.go.ke", "focal", 0, fe_tok, NULL);
	r = tc_api("POST", "/api/v1/resources", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}",
	    "title", "Guide to the Review Mechanism", "kind", "guide", "link",
	    "https://example.org/guide", "status", "published", "visibility", "public"));
	if (r->status != 201) {
		printf("# the resource: %ld %s\n", r->status, r->body);
		return -1;
	}
	resource_id = tc_id_of(r);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_course),
		cmocka_unit_test(test_drafts),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_staff_pages),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses", tests, setup, teardown);
}
