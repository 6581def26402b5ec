/*
 * courses_completion_test.c -- completing a course and its certificate
 * (issue 18, part 5): staff set a course's completion rules; a participant
 * completes it exactly when the rules are met (not while one is unmet),
 * once, and is mailed once; the certificate's PDF says their name as they
 * entered it, in Latin, Arabic (right to left), Chinese and Cyrillic
 * script (its text read back with pdftotext); anyone confirms a
 * certificate at /certificates/{code}, and a code that does not exist,
 * well formed or not, is the same 404; staff see the completion rates by
 * cohort, region and kind of organization (JSON and CSV).
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
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/courses.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@completion.test"
#define ADA "ada@quillon-c.example"
#define BO "bo@quillon-c.example"
#define LAYLA "layla@quillon-c.example"
#define WANG "wang@quillon-c.example"
#define ANNA "anna@quillon-c.example"
#define CY "cy@quillon-c.example"
#define DAY 86400

#define NAME_AR "فاطمة عبد الله"
#define NAME_ZH "王小明"
#define NAME_RU "Анна Петрова"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ada_tok[129], bo_tok[129], layla_tok[129], wang_tok[129],
    anna_tok[129], cy_tok[129];
static int64_t org, ada_id, bo_id, layla_id, wang_id, anna_id;
static int64_t course, lesson1, lesson2, quiz;	/* every rule */
static int64_t course2, lesson21;		/* lessons only */
static char ada_code[64];

/* ---- helpers ------------------------------------------------------------ */

/* token's certificate of course c (its code into code, when not NULL): 1
 * when there is one, 0 when the progress says null. */
static int
certificate_of(int64_t c, const char *token, char *code, size_t len)
{
	const struct ts_res *r;
	char path[96];
	json_t *j, *t;
	int has;

	snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)c);
	r = tc_api("GET", path, token, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	t = json_object_get(j, "certificate");
	assert_non_null(t);
	has = json_is_object(t);
	if (has && code)
		snprintf(code, len, "%s", json_string_value(json_object_get(t, "code")));
	json_decref(j);
	return has;
}

/* Attempt number of token's on the quiz, choosing answer choice ("1": the
 * right one, "2": the wrong one) by its text: an answer's id holds for one
 * person's attempt only, so it is read from their view of the quiz. */
static const struct ts_res *
answer(const char *token, int number, const char *choice)
{
	const char *text = strcmp(choice, "1") == 0 ? "The Conference of the Parties" : "Interpol";

	return tc_attempt_with(token, course, quiz, number, text);
}

/* The text pdftotext reads in the PDF of certificate code into out. */
static void
pdf_text(const char *code, char *out, size_t len)
{
	const struct ts_res *r;
	char path[96], file[] = "/tmp/whatson-cert-XXXXXX";
	int fd;

	snprintf(path, sizeof path, "/certificates/%s.pdf", code);
	r = ts_req(plain, "GET", path, NULL, NULL, 0);
	STATUS(r, 200);
	assert_true(r->len > 1000);
	assert_memory_equal(r->body, "%PDF-", 5);
	fd = mkstemp(file);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, r->body, r->len), (ssize_t)r->len);
	close(fd);
	assert_int_equal(ts_run(out, len, "pdftotext", "-enc", "UTF-8", file, "-",
	    (char *)NULL), 0);
	unlink(file);
}

/* r's problem+json without its instance and request_id, as text. */
static void
problem_of(const struct ts_res *r, char *out, size_t len)
{
	json_t *j = ts_jbody(r);
	char *t;

	assert_non_null(j);
	json_object_del(j, "instance");
	json_object_del(j, "request_id");
	t = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	snprintf(out, len, "%s", t);
	free(t);
	json_decref(j);
}

/* Waits for the mail of each enrolment: who (NULL-terminated), in the
 * order each person's were sent. */
static void
enrolment_mails(const char *const *who)
{
	struct ts_mail m;

	for (; *who; who++) {
		int enrolled = 0, n;

		/* an expert has their application's mails first */
		for (n = 0; n < 4 && !enrolled; n++) {
			assert_int_equal(ts_mail_wait(&sink, *who, 10000, &m), 0);
			enrolled = strstr(m.subject, "You are enrolled") != NULL;
			ts_mail_free(&m);
		}
		assert_true(enrolled);
	}
}

/* ---- tests ---------------------------------------------------------------- */

/* Staff set the rules in the API; a course made without them asks for all. */
static void
test_rules(void **state)
{
	const struct ts_res *r;
	char path[96];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)course);
	r = tc_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_true(json_is_true(json_object_get(j, "complete_lessons")));
	assert_true(json_is_true(json_object_get(j, "complete_quizzes")));
	assert_true(json_is_true(json_object_get(j, "complete_tasks")));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)course2);
	r = tc_api("GET", path, staff_tok, NULL);
	j = ts_jbody(r);
	assert_true(json_is_true(json_object_get(j, "complete_lessons")));
	assert_false(json_is_true(json_object_get(j, "complete_quizzes")));
	json_decref(j);
	/* an edit that does not name them keeps them */
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "summary", "One lesson."));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_false(json_is_true(json_object_get(j, "complete_quizzes")));
	assert_true(json_is_true(json_object_get(j, "complete_lessons")));
	json_decref(j);
	/* a member may not */
	STATUS(tc_api("PATCH", path, ada_tok, json_pack("{s:b}", "complete_quizzes", 1)), 403);
}

/* Staff set the rules in the course's form: ticked on a new course; an
 * unticked box is no; refused, the boxes come back as they were sent. */
static void
test_rules_form(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, STAFF, PW);
	const struct ts_res *r;
	char path[96];
	const char *loc;
	json_t *j;
	long long id;

	(void)state;
	assert_non_null(staff);
	r = ts_get(staff, "/staff/courses/new");
	STATUS(r, 200);
	HAS(r, "name=\"complete_lessons\" value=\"1\" checked");
	HAS(r, "name=\"complete_quizzes\" value=\"1\" checked");
	HAS(r, "name=\"complete_tasks\" value=\"1\" checked");
	/* refused for its title: the unticked box stays unticked */
	r = ts_form(staff, "/staff/courses/new", "title", "", "complete_lessons", "1", NULL);
	STATUS(r, 422);
	HAS(r, "name=\"complete_lessons\" value=\"1\" checked");
	LACKS(r, "name=\"complete_quizzes\" value=\"1\" checked");
	r = ts_form(staff, "/staff/courses/new", "title", "Read it all", "complete_lessons", "1",
	    NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	id = strtoll(loc + 15, NULL, 10);
	snprintf(path, sizeof path, "/api/v1/courses/%lld", id);
	j = ts_jbody(tc_api("GET", path, staff_tok, NULL));
	assert_true(json_is_true(json_object_get(j, "complete_lessons")));
	assert_false(json_is_true(json_object_get(j, "complete_quizzes")));
	assert_false(json_is_true(json_object_get(j, "complete_tasks")));
	json_decref(j);
	/* the edit form: every box unticked */
	snprintf(path, sizeof path, "/staff/courses/%lld", id);
	STATUS(ts_form(staff, path, "title", "Read it all", NULL), 303);
	snprintf(path, sizeof path, "/api/v1/courses/%lld", id);
	j = ts_jbody(tc_api("GET", path, staff_tok, NULL));
	assert_false(json_is_true(json_object_get(j, "complete_lessons")));
	json_decref(j);
	snprintf(path, sizeof path, "/staff/courses/%lld", id);
	r = ts_get(staff, path);
	HAS(r, "Completion rates");
	LACKS(r, "name=\"complete_lessons\" value=\"1\" checked");
	ts_browser_free(staff);
}

/* Not while a rule is unmet; at the change that meets the last one; once. */
static void
test_completion(void **state)
{
	const struct ts_res *r;
	struct ts_mail m;
	char code2[64], path[96];

	(void)state;
	assert_false(certificate_of(course, ada_tok, NULL, 0));
	tc_lesson_read(course, lesson1, ada_tok);
	assert_false(certificate_of(course, ada_tok, NULL, 0));
	/* a quiz failed: every lesson is not read yet either */
	STATUS(answer(ada_tok, 1, "2"), 201);
	assert_false(certificate_of(course, ada_tok, NULL, 0));
	/* every lesson read, the quiz not passed: no */
	tc_lesson_read(course, lesson2, ada_tok);
	assert_false(certificate_of(course, ada_tok, NULL, 0));
	/* passed: the last rule met, completed in that change */
	STATUS(answer(ada_tok, 2, "1"), 201);
	assert_true(certificate_of(course, ada_tok, ada_code, sizeof ada_code));
	assert_int_equal(strlen(ada_code), 26);
	assert_int_equal(strspn(ada_code, "abcdefghijklmnopqrstuvwxyz234567"), 26);
	assert_int_equal(ts_mail_wait(&sink, ADA, 10000, &m), 0);
	assert_non_null(strstr(m.subject, "You have completed the course"));
	assert_non_null(strstr(m.body, "Course with a certificate"));
	assert_non_null(strstr(m.body, ada_code));
	ts_mail_free(&m);
	/* the progress page links the certificate and its PDF */
	{
		struct ts_browser *ada = ts_signed_in(&srv, NULL, ADA, PW);
		char want[96];

		assert_non_null(ada);
		snprintf(path, sizeof path, "/courses/%lld/progress", (long long)course);
		r = ts_get(ada, path);
		STATUS(r, 200);
		HAS(r, "You have completed this course.");
		snprintf(want, sizeof want, "href=\"/certificates/%s\"", ada_code);
		HAS(r, want);
		snprintf(want, sizeof want, "href=\"/certificates/%s.pdf\"", ada_code);
		HAS(r, want);
		ts_browser_free(ada);
	}
	/* in the history of ada's organization (its admins' and staff's) */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)org);
	STATUS(tc_api("GET", path, bo_tok, NULL), 403);
	r = tc_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "course.completed");
	HAS(r, "Completed a course");
	/* more progress: the same completion, no mail */
	tc_lesson_read(course, lesson1, ada_tok);
	STATUS(answer(ada_tok, 3, "1"), 201);
	assert_true(certificate_of(course, ada_tok, code2, sizeof code2));
	assert_string_equal(code2, ada_code);

	/* bo, in the course of lessons only, completes at the one lesson read;
	 * once bo's mail is there, the mails queued before it are sent, and ada
	 * had no second one */
	assert_false(certificate_of(course2, bo_tok, NULL, 0));
	tc_lesson_read(course2, lesson21, bo_tok);
	assert_true(certificate_of(course2, bo_tok, NULL, 0));
	assert_int_equal(ts_mail_wait(&sink, BO, 10000, &m), 0);
	ts_mail_free(&m);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);
	tc_lesson_read(course2, lesson21, bo_tok);
	/* a participant of course 1 has no certificate of course 2 */
	assert_false(certificate_of(course, bo_tok, NULL, 0));
}

/* Anyone confirms a certificate; an unknown or malformed code is one 404. */
static void
test_verify(void **state)
{
	const struct ts_res *r;
	char path[96], body404[4096], other[4096];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/certificates/%s", ada_code);
	r = tc_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Ada Lovelace");
	assert_string_equal(json_string_value(json_object_get(j, "course")),
	    "Course with a certificate");
	assert_string_equal(json_string_value(json_object_get(j, "cohort")), "Running cohort");
	assert_int_equal(tc_num(j, "hours"), 12);
	assert_null(json_object_get(j, "email"));
	assert_null(json_object_get(j, "user_id"));
	json_decref(j);
	snprintf(path, sizeof path, "/certificates/%s", ada_code);
	r = ts_req(plain, "GET", path, NULL, NULL, 0);
	STATUS(r, 200);
	HAS(r, "Ada Lovelace");
	HAS(r, ".pdf");

	/* unknown, well formed: 404 */
	r = tc_api("GET", "/api/v1/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL);
	STATUS(r, 404);
	problem_of(r, body404, sizeof body404);
	/* malformed: the same answer (but for the address asked and the
	 * request's id) */
	r = tc_api("GET", "/api/v1/certificates/not-a-code", NULL, NULL);
	STATUS(r, 404);
	problem_of(r, other, sizeof other);
	assert_string_equal(other, body404);
	r = tc_api("GET", "/api/v1/certificates/AAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, NULL);
	STATUS(r, 404);
	problem_of(r, other, sizeof other);
	assert_string_equal(other, body404);
	STATUS(ts_req(plain, "GET", "/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa.pdf", NULL, NULL,
	    0), 404);
	STATUS(ts_req(plain, "GET", "/certificates/x.pdf", NULL, NULL, 0), 404);
	STATUS(ts_req(plain, "GET", "/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL, 0),
	    404);
}

/* An address asking for codes that do not exist is slowed: 30 a minute,
 * then 429 (even for a code that exists); another address is not. */
static void
test_lookup_limit(void **state)
{
	struct ts_browser *guesser = ts_browser_new(&srv, "127.0.0.77");
	const struct ts_res *r;
	char path[96];
	int i;

	(void)state;
	for (i = 0; i < 30; i++) {
		snprintf(path, sizeof path, "/api/v1/certificates/%026d", i);
		STATUS(ts_call(guesser, "GET", path, NULL, NULL), 404);
	}
	r = ts_call(guesser, "GET", "/api/v1/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa", NULL,
	    NULL);
	STATUS(r, 429);
	assert_non_null(ts_header(r, "Retry-After"));
	snprintf(path, sizeof path, "/certificates/%s.pdf", ada_code);
	STATUS(ts_req(guesser, "GET", path, NULL, NULL, 0), 429);
	/* found lookups do not count: another address reads on */
	snprintf(path, sizeof path, "/api/v1/certificates/%s", ada_code);
	for (i = 0; i < 35; i++)
		STATUS(tc_api("GET", path, NULL, NULL), 200);
	ts_browser_free(guesser);
}

/* The PDF says the name as entered, in four scripts. */
static void
test_pdf(void **state)
{
	static const struct { const char *token; const char *name; } who[] = {
		{ layla_tok, NAME_AR }, { wang_tok, NAME_ZH }, { anna_tok, NAME_RU },
	};
	char code[64], text[8192];
	size_t i;

	(void)state;
	pdf_text(ada_code, text, sizeof text);
	assert_non_null(strstr(text, "Certificate of completion"));
	assert_non_null(strstr(text, "Ada Lovelace"));
	assert_non_null(strstr(text, "Course with a certificate"));
	assert_non_null(strstr(text, "Running cohort"));
	assert_non_null(strstr(text, "12"));
	/* anna reads French: her mail is in French */
	ts_sql_int("UPDATE users SET locale = 'fr' WHERE email = '" ANNA "'");
	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		tc_lesson_read(course2, lesson21, who[i].token);
		assert_true(certificate_of(course2, who[i].token, code, sizeof code));
		pdf_text(code, text, sizeof text);
		/* pdftotext (poppler 22.12) gives the Arabic name in logical
		 * order, between an RLE and a PDF mark, each word whole.  It does
		 * not for the letters of a ligature: their one glyph's letters
		 * come out turned around ("ليلى" as "ليىل", "علاء" as "عالء"),
		 * while the PDF shows them right; so this name has none. */
		if (i == 0) {
			assert_non_null(strstr(text, "فاطمة"));
			assert_non_null(strstr(text, "عبد"));
			assert_non_null(strstr(text, "الله"));
		}
		if (!strstr(text, who[i].name))
			print_message("# pdftotext gave: %s\n", text);
		assert_non_null(strstr(text, who[i].name));
		assert_non_null(strstr(text, "Lessons only"));
	}
	{
		struct ts_mail m;

		assert_int_equal(ts_mail_wait(&sink, ANNA, 10000, &m), 0);
		assert_non_null(strstr(m.subject, "Vous avez achevé le cours"));
		assert_non_null(strstr(m.body, "Votre certificat (PDF) :"));
		ts_mail_free(&m);
	}
}

/* An expert's page shows the courses they completed to members; a
 * visitor does not see them. */
static void
test_person_page(void **state)
{
	const struct ts_res *r;
	char path[96];
	json_t *j, *c;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)wang_id);
	r = tc_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	c = json_array_get(json_object_get(j, "courses_completed"), 0);
	assert_non_null(c);
	assert_string_equal(json_string_value(json_object_get(c, "course")), "Lessons only");
	assert_string_equal(json_string_value(json_object_get(c, "name")), NAME_ZH);
	json_decref(j);
	LACKS(tc_api("GET", path, NULL, NULL), "courses_completed");
	snprintf(path, sizeof path, "/people/%lld", (long long)wang_id);
	r = tc_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Courses completed");
}

/* Staff see the rates by cohort, region and kind; no one else does. */
static void
test_rates(void **state)
{
	const struct ts_res *r;
	char path[96];
	json_t *j, *k;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/staff/courses/%lld/completion", (long long)course2);
	STATUS(tc_api("GET", path, ada_tok, NULL), 403);
	STATUS(tc_api("GET", path, NULL, NULL), 401);
	r = tc_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	k = json_array_get(json_object_get(j, "cohorts"), 0);
	assert_non_null(k);
	/* six enrolled: four completed, cy and ada did not */
	assert_int_equal(tc_num(k, "participants"), 6);
	assert_int_equal(tc_num(k, "completed"), 4);
	assert_int_equal(tc_num(k, "rate"), 66);
	/* by region and kind: the organization's people, and wang, an expert */
	{
		json_t *x;
		size_t i;
		int ngo = 0, none = 0;

		json_array_foreach(json_object_get(k, "by"), i, x) {
			if (json_is_null(json_object_get(x, "kind"))) {
				none = 1;
				assert_int_equal(tc_num(x, "participants"), 1);
				assert_int_equal(tc_num(x, "completed"), 1);
				assert_int_equal(tc_num(x, "rate"), 100);
			} else if (strcmp(json_string_value(json_object_get(x, "kind")), "ngo") == 0) {
				ngo = 1;
				assert_int_equal(tc_num(x, "participants"), 5);
				assert_int_equal(tc_num(x, "completed"), 3);
				assert_int_equal(tc_num(x, "rate"), 60);
				if (!json_string_value(json_object_get(x, "region_name")))
					print_message("# by: %s\n", r->body);
				assert_non_null(json_string_value(json_object_get(x, "region_name")));
				assert_string_equal(json_string_value(json_object_get(x, "region")), "002");
				assert_string_equal(json_string_value(json_object_get(x, "region_name")),
				    "Africa");
			}
		}
		assert_true(ngo && none);
	}
	/* the certificates given, each with its code */
	assert_int_equal(json_array_size(json_object_get(j, "completions")), 4);
	assert_int_equal(strlen(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "completions"), 0), "code"))), 26);
	json_decref(j);
	snprintf(path, sizeof path, "/staff/courses/%lld/completion.csv", (long long)course2);
	r = tc_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "cohort_id,cohort,region,kind,participants,completed,rate");
	HAS(r, ",002,ngo,5,3,60");
	HAS(r, ",,,1,1,100");
	snprintf(path, sizeof path, "/staff/courses/%lld/completion", (long long)course2);
	r = tc_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "66 %");
}

/* ---- set-up ------------------------------------------------------------- */

/* A published course (rules: what rules says, merged in), its cohort
 * running from a day ago with every person of ids enrolled; its id. */
static int64_t
make_course(const char *title, json_t *rules, int64_t *mod, int64_t *kid_out,
    const int64_t *ids, int n)
{
	const struct ts_res *r;
	json_t *b = json_pack("{s:s,s:s,s:i}", "title", title, "status", "published",
	    "estimated_hours", 12);
	int64_t c, kid;
	int i;

	if (rules)
		json_object_update(b, rules);
	json_decref(rules);
	r = tc_api("POST", "/api/v1/courses", staff_tok, b);
	STATUS(r, 201);
	c = tc_id_of(r);
	*mod = tc_module_made(c, "The Convention");
	kid = tc_cohort_made(c, "Running cohort", -DAY, 30 * DAY, 0);
	for (i = 0; i < n; i++)
		tc_enrolled(kid, ids[i]);
	if (kid_out)
		*kid_out = kid;
	return c;
}

static int64_t
make_lesson(int64_t c, int64_t mod, const char *title)
{
	return tc_lesson_made(c, mod, json_pack("{s:s,s:s,s:s,s:i}", "title", title, "kind",
	    "markdown", "body", "Read this.", "minutes", 10));
}

static int
setup(void **state)
{
	int64_t mod, cy_id, ids[6];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	ts_db_open(db_url);
	org = ts_org_import(db_url, "Quillon Completion Trust", "KE", "info@quillon-c.example",
	    NULL);
	assert_true(org > 0);
	assert_true(ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) > 0);
	ada_id = ts_person_add(db_url, ADA, "Ada Lovelace", "member", org, PW);
	bo_id = ts_person_add(db_url, BO, "Bo", "member", org, PW);
	layla_id = ts_person_add(db_url, LAYLA, NAME_AR, "member", org, PW);
	wang_id = tc_expert_made(&srv, db_url, STAFF, WANG, NAME_ZH, PW);
	anna_id = ts_person_add(db_url, ANNA, NAME_RU, "member", org, PW);
	cy_id = ts_person_add(db_url, CY, "Cy", "member", org, PW);
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, LAYLA, PW, layla_tok, 129), 0);
	assert_int_equal(ts_token(plain, WANG, PW, wang_tok, 129), 0);
	assert_int_equal(ts_token(plain, ANNA, PW, anna_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);

	ids[0] = ada_id;
	ids[1] = bo_id;
	course = make_course("Course with a certificate", NULL, &mod, NULL, ids, 2);
	lesson1 = make_lesson(course, mod, "What the Convention is");
	lesson2 = make_lesson(course, mod, "The Review Mechanism");
	quiz = tc_quiz_made(course, mod, json_pack("{s:s,s:i,s:i,s:[{s:s,s:s,s:["
	    "{s:s,s:b},{s:s,s:b}]}]}", "title", "A quiz", "pass_mark", 100, "attempts_max", 3,
	    "questions", "text", "Who reviews the Convention?", "kind", "single", "answers",
	    "text", "The Conference of the Parties", "correct", 1, "text", "Interpol",
	    "correct", 0));

	ids[0] = bo_id;
	ids[1] = layla_id;
	ids[2] = wang_id;
	ids[3] = anna_id;
	ids[4] = cy_id;
	ids[5] = ada_id;
	course2 = make_course("Lessons only", json_pack("{s:b,s:b}", "complete_quizzes", 0,
	    "complete_tasks", 0), &mod, NULL, ids, 6);
	lesson21 = make_lesson(course2, mod, "The one lesson");
	{
		static const char *const who[] = { ADA, BO, BO, LAYLA, WANG, ANNA, CY, ADA,
			NULL };

		enrolment_mails(who);
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_db_close();
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_rules_form),
		cmocka_unit_test(test_completion),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_lookup_limit),
		cmocka_unit_test(test_person_page),
		cmocka_unit_test(test_rates),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_completion", tests, setup, teardown);
}
