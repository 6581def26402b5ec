/*
 * calls_files_test.c -- a call's file questions (issue 15): answered by
 * uploading a document under the resource rules (the same limit, types
 * and libmagic sniffing), through the API (multipart on POST and PATCH)
 * and the page's form; the application's `files` and their download,
 * for its person and staff only; refusals that name the rule (413, 415,
 * 422) and leave nothing in the file store; a replaced file, a deleted
 * draft and a withdrawn application leaving the store; staff's page and
 * CSV naming the files; an event refusing a file question; a deleted
 * account's files leaving the store.
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
#include <unistd.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define MB (1024 * 1024)

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ada_tok[129], bo_tok[129];
static int64_t quillon, ada_id;

#define STAFF "sam.staff@calls-files.test"
#define ADA "ada@quillon-files.example"
#define BO "bo@quillon-files.example"

static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n"
    "%%EOF\n";
static const char pdf2[] = "%PDF-1.5\n% a second version of the CV\n%%EOF\n";
static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0"
    "\x1f\x15\xc4\x89\0\0\0\rIDATx\x9c" "c\xf8\x0f\0\0\1\1\0\x05\x18\xd8N\0\0\0\0IEND"
    "\xae" "B`\x82";
#define PNG_LEN (sizeof png - 1)

#define FIELD(name, value) { (name), (value), 0, NULL, NULL }

/* ---- helpers ------------------------------------------------------------ */

static const struct ts_res *
mp(const char *method, const char *path, const char *token, const struct ts_part *parts,
    size_t n)
{
	return ts_multipart_api(plain, method, path, token, parts, n);
}

/* How many files the store holds. */
static int64_t
files_now(void)
{
	return ts_sql_int("SELECT count(*) FROM files");
}

/* Waits until the store holds want files (the server discards a
 * request's unclaimed uploads as the request ends); how many it holds. */
static int64_t
files_become(int64_t want)
{
	int64_t until = ts_now_ms() + 20000, n;

	while ((n = files_now()) != want && ts_now_ms() < until)
		usleep(20 * 1000);
	return n;
}

/* An open call with a required text question (why), a required file
 * question (cv) and an optional one (letter); its id. */
static int64_t
file_call(const char *title)
{
	json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s,s:b},{s:s,s:s,s:s,s:b},"
	    "{s:s,s:s,s:s,s:b}]}", "kind", "expert_roster", "title", title, "timezone",
	    "Europe/Vienna", "closes", "2031-10-05T23:59", "status", "open", "questions", "id",
	    "why", "label", "Why you?", "type", "text", "required", 1, "id", "cv", "label",
	    "Your CV", "type", "file", "required", 1, "id", "letter", "label",
	    "A letter of support", "type", "file", "required", 0);
	const struct ts_res *r = ta_api("POST", "/api/v1/calls", staff_tok, b);
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* The file of application j answering question q, or NULL (borrowed). */
static json_t *
file_of(json_t *j, const char *q)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(j, "files"), i, f)
		if (strcmp(json_string_value(json_object_get(f, "question")), q) == 0)
			return f;
	return NULL;
}

/* ---- the tests ------------------------------------------------------------ */

/* A call takes a file question, required or not, and shows it; an event,
 * which shares the questions' checker, refuses one. */
static void
test_file_question(void **state)
{
	int64_t id = file_call("Roster with a CV");
	const struct ts_res *r;
	char path[96];

	(void)state;
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)id);
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"type\":\"file\"");
	r = ta_api("POST", "/api/v1/events", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,"
	    "s:s}]}", "kind", "workshop", "title", "A workshop with a file", "start",
	    "2031-03-01T09:00", "end", "2031-03-01T17:00", "timezone", "Europe/Vienna",
	    "questions", "label", "Your CV", "type", "file"));
	STATUS(r, 422);
	HAS(r, "questions");
}

/*
 * Ada saves a draft with her CV (multipart), which the application's
 * files name with its type, size, SHA-256 and download address; she and
 * staff download it, Bo (of her organization, not his application) gets
 * a 404.  A new CV replaces the first, which leaves the store; a submit
 * as JSON keeps the file.
 */
static void
test_upload_and_download(void **state)
{
	int64_t id = file_call("Roster, upload"), before = files_now(), aid;
	const struct ts_part draft[] = { FIELD("status", "draft"), FIELD("answers.why",
		"I review money-laundering cases."), { "answers.cv", pdf, 0, "ada-cv.pdf",
		"application/pdf" } };
	const struct ts_part again[] = { { "answers.cv", pdf2, 0, "ada-cv-2026.pdf",
		"application/pdf" } };
	const struct ts_res *r;
	char path[160], url[200], sha[65];
	json_t *j, *f;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	r = mp("POST", path, ada_tok, draft, 3);
	STATUS(r, 201);
	j = ts_jbody(r);
	aid = ta_num(j, "id");
	f = file_of(j, "cv");
	assert_non_null(f);
	assert_string_equal(json_string_value(json_object_get(f, "name")), "ada-cv.pdf");
	assert_string_equal(json_string_value(json_object_get(f, "type")), "application/pdf");
	assert_int_equal(ta_num(f, "size"), (int64_t)strlen(pdf));
	assert_int_equal(strlen(json_string_value(json_object_get(f, "sha256"))), 64);
	snprintf(url, sizeof url, "/api/v1/calls/%lld/applications/%lld/files/cv", (long long)id,
	    (long long)aid);
	assert_string_equal(json_string_value(json_object_get(f, "url")), url);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "answers"),
	    "why")), "I review money-laundering cases.");
	json_decref(j);
	assert_int_equal(files_become(before + 1), before + 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files WHERE kind = 'call_file'"
	    " AND id IN (SELECT file_id FROM call_application_files WHERE application_id = %lld)",
	    (long long)aid), 1);

	/* the applicant and staff download it, as an attachment */
	r = ts_api(plain, "GET", url, ada_tok, NULL);
	STATUS(r, 200);
	assert_int_equal(r->len, strlen(pdf));
	assert_memory_equal(r->body, pdf, strlen(pdf));
	assert_non_null(strstr(ts_header(r, "Content-Disposition"), "attachment"));
	assert_non_null(strstr(ts_header(r, "Content-Disposition"), "ada-cv.pdf"));
	STATUS(ts_api(plain, "GET", url, staff_tok, NULL), 200);
	STATUS(ts_api(plain, "GET", url, bo_tok, NULL), 404);
	STATUS(ts_api(plain, "GET", url, NULL, NULL), 401);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/files/letter",
	    (long long)id, (long long)aid);
	STATUS(ts_api(plain, "GET", path, ada_tok, NULL), 404);	/* not answered */

	/* a new CV replaces the first, which leaves the store */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)aid);
	j = ts_jbody(r = ta_api("GET", path, ada_tok, NULL));
	snprintf(sha, sizeof sha, "%s", json_string_value(json_object_get(file_of(j, "cv"),
	    "sha256")));
	json_decref(j);
	r = mp("PATCH", path, ada_tok, again, 1);
	STATUS(r, 200);
	j = ts_jbody(r);
	f = file_of(j, "cv");
	assert_string_equal(json_string_value(json_object_get(f, "name")), "ada-cv-2026.pdf");
	assert_string_not_equal(json_string_value(json_object_get(f, "sha256")), sha);
	/* what was not sent keeps its value */
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "answers"),
	    "why")), "I review money-laundering cases.");
	json_decref(j);
	assert_int_equal(files_become(before + 1), before + 1);
	r = ts_api(plain, "GET", url, ada_tok, NULL);
	STATUS(r, 200);
	assert_memory_equal(r->body, pdf2, strlen(pdf2));

	/* submitted as JSON: the file stays */
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "status", "submitted"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "submitted");
	assert_non_null(file_of(j, "cv"));
	json_decref(j);
	/* a submitted application takes no new file */
	STATUS(mp("PATCH", path, ada_tok, again, 1), 409);
	assert_int_equal(files_become(before + 1), before + 1);

	/* a question answered keeps its kind: the CV (a file) and "why" (a
	 * text) cannot change kind; the letter, which nobody sent, can; labels
	 * can */
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)id);
	{
		static const struct {
			const char *why, *cv, *letter, *refused;
		} tries[] = {
			{ "text", "text", "file", "cv" },
			{ "file", "file", "file", "why" },
			{ "text", "file", "yes_no", NULL },
		};
		size_t k;

		for (k = 0; k < sizeof tries / sizeof tries[0]; k++) {
			r = ta_api("PATCH", path, staff_tok, json_pack("{s:[{s:s,s:s,s:s,s:b},"
			    "{s:s,s:s,s:s,s:b},{s:s,s:s,s:s}]}", "questions", "id", "why",
			    "label", "Why you, now?", "type", tries[k].why, "required", 1, "id",
			    "cv", "label", "Your CV", "type", tries[k].cv, "required", 1, "id",
			    "letter", "label", "A letter", "type", tries[k].letter));
			if (tries[k].refused) {
				STATUS(r, 422);
				HAS(r, "its kind cannot change");
				HAS(r, tries[k].refused);
			} else {
				STATUS(r, 200);
			}
		}
		j = ts_jbody(r = ta_api("GET", path, staff_tok, NULL));
		assert_string_equal(json_string_value(json_object_get(json_array_get(
		    json_object_get(j, "questions"), 2), "type")), "yes_no");
		assert_string_equal(json_string_value(json_object_get(json_array_get(
		    json_object_get(j, "questions"), 0), "label")), "Why you, now?");
		json_decref(j);
		/* staff's form says so by those rows */
		snprintf(path, sizeof path, "/staff/calls/%lld/edit", (long long)id);
		r = ta_api("GET", path, staff_tok, NULL);
		STATUS(r, 200);
		HAS(r, "People have answered it: its kind stays.");
	}

	/* her export has the application, its answers and its file, no store id */
	r = ta_api("GET", "/api/v1/me/export", ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	{
		json_t *x, *found = NULL;
		size_t i;

		json_array_foreach(json_object_get(j, "call_applications"), i, x)
			if (ta_num(x, "id") == aid)
				found = x;
		assert_non_null(found);
		assert_string_equal(json_string_value(json_object_get(found, "call_title")),
		    "Roster, upload");
		assert_string_equal(json_string_value(json_object_get(found, "status")),
		    "submitted");
		assert_string_equal(json_string_value(json_object_get(json_object_get(found,
		    "answers"), "why")), "I review money-laundering cases.");
		f = json_array_get(json_object_get(found, "files"), 0);
		assert_string_equal(json_string_value(json_object_get(f, "name")),
		    "ada-cv-2026.pdf");
		assert_null(json_object_get(f, "file_id"));
	}
	json_decref(j);
	/* and nobody else's export has it */
	r = ta_api("GET", "/api/v1/me/export", bo_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "money-laundering");
}

/*
 * Files that break the rules, each refused with the rule named and nothing
 * kept (no application, no file in the store): over the limit (413), a
 * type not accepted and a PDF that is not one (415), a name with a path
 * (422), and submitting without the required file (422 naming the
 * question).  A draft may leave it out.
 */
static void
test_refusals_keep_nothing(void **state)
{
	int64_t id = file_call("Roster, refusals"), before;
	size_t n = 2 * MB + MB / 2;
	char *big = malloc(n);
	const struct ts_part exe[] = { FIELD("status", "draft"),
		{ "answers.cv", "MZ\x90\0\3\0\0\0", 8, "cv.exe", "application/octet-stream" } };
	const struct ts_part fake[] = { FIELD("status", "draft"),
		{ "answers.cv", (const char *)png, PNG_LEN, "cv.pdf", "application/pdf" } };
	const struct ts_part slash[] = { FIELD("status", "draft"),
		{ "answers.cv", pdf, 0, "../../etc/cv.pdf", "application/pdf" } };
	const struct ts_part nocv[] = { FIELD("status", "submitted"), FIELD("answers.why",
		"Because."), { "answers.letter", pdf, 0, "letter.pdf", "application/pdf" } };
	const struct ts_res *r;
	char path[96];

	(void)state;
	assert_non_null(big);
	memset(big, 'a', n);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	before = files_now();
	{
		const struct ts_part parts[] = { FIELD("status", "draft"),
			{ "answers.cv", big, n, "big.txt", "text/plain" } };

		r = mp("POST", path, ada_tok, parts, 2);
	}
	free(big);
	STATUS(r, 413);
	HAS(r, "big.txt");
	HAS(r, "over the limit of 2 MB");
	r = mp("POST", path, ada_tok, exe, 2);
	STATUS(r, 415);
	HAS(r, "only PDF, DOCX");
	r = mp("POST", path, ada_tok, fake, 2);
	STATUS(r, 415);
	HAS(r, "is not a real PDF file");
	r = mp("POST", path, ada_tok, slash, 2);
	STATUS(r, 422);
	HAS(r, "path separator");
	HAS(r, "answers.cv");
	r = mp("POST", path, ada_tok, nocv, 3);
	STATUS(r, 422);
	HAS(r, "The question \\\"Your CV\\\" needs a file.");
	HAS(r, "answers.cv");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM call_applications WHERE call_id = %lld",
	    (long long)id), 0);
	assert_int_equal(files_become(before), before);
	/* as JSON too */
	r = ta_api("POST", path, ada_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted",
	    "answers", "why", "Because."));
	STATUS(r, 422);
	HAS(r, "needs a file");
	/* a draft may leave it out, and is then not submitted without it */
	r = ta_api("POST", path, ada_tok, json_pack("{s:s,s:{s:s}}", "status", "draft",
	    "answers", "why", "Because."));
	STATUS(r, 201);
	{
		json_t *j = ts_jbody(r);

		snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
		    (long long)ta_num(j, "id"));
		assert_int_equal(json_array_size(json_object_get(j, "files")), 0);
		json_decref(j);
	}
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "status", "submitted"));
	STATUS(r, 422);
	HAS(r, "Your CV");
	/* a refused file on a draft's PATCH leaves the draft as it was */
	r = mp("PATCH", path, ada_tok, fake + 1, 1);
	STATUS(r, 415);
	assert_int_equal(files_become(before), before);
	r = ta_api("DELETE", path, ada_tok, NULL);
	STATUS(r, 204);
}

/* Deleting a draft and withdrawing an application take their files out
 * of the store: nothing else refers to them. */
static void
test_files_leave_with_the_application(void **state)
{
	int64_t id = file_call("Roster, leaving"), id2 = file_call("Roster, withdrawn");
	int64_t before = files_now();
	const struct ts_part parts[] = { FIELD("status", "draft"), FIELD("answers.why", "Yes."),
		{ "answers.cv", pdf, 0, "cv.pdf", "application/pdf" },
		{ "answers.letter", "Dear staff,\nshe is good.\n", 0, "letter.txt", "text/plain" } };
	const struct ts_part sub[] = { FIELD("status", "submitted"), FIELD("answers.why", "Yes."),
		{ "answers.cv", pdf, 0, "cv.pdf", "application/pdf" } };
	const struct ts_res *r;
	char path[96];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	r = mp("POST", path, ada_tok, parts, 4);
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "files")), 2);
	assert_string_equal(json_string_value(json_object_get(file_of(j, "letter"), "type")),
	    "text/plain");
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)ta_num(j, "id"));
	json_decref(j);
	assert_int_equal(files_become(before + 2), before + 2);
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 204);
	assert_int_equal(files_become(before), before);

	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id2);
	r = mp("POST", path, ada_tok, sub, 3);
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "submitted");
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id2,
	    (long long)ta_num(j, "id"));
	json_decref(j);
	assert_int_equal(files_become(before + 1), before + 1);
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "status", "withdrawn"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "files")), 0);
	json_decref(j);
	assert_int_equal(files_become(before), before);
}

/* A deleted account's files leave the store with its answers; its
 * application stays, for staff's counts. */
static void
test_account_deleted(void **state)
{
	int64_t id = file_call("Roster, forgotten"), before = files_now(), aid;
	const struct ts_part parts[] = { FIELD("status", "submitted"),
		FIELD("answers.why", "Cy-secret-answer"),
		{ "answers.cv", pdf, 0, "cy-cv.pdf", "application/pdf" } };
	const struct ts_res *r;
	char path[96], tok[129];
	json_t *j;

	(void)state;
	assert_true(ts_person_add(db_url, "cy@forgotten-files.example", "Cy", "applicant", 0,
	    PW) > 0);
	assert_int_equal(ts_token(plain, "cy@forgotten-files.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	r = mp("POST", path, tok, parts, 3);
	STATUS(r, 201);
	j = ts_jbody(r);
	aid = ta_num(j, "id");
	json_decref(j);
	assert_int_equal(files_become(before + 1), before + 1);
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);
	assert_int_equal(files_become(before), before);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)aid);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Cy-secret-answer");
	LACKS(r, "cy-cv.pdf");
	HAS(r, "\"submitted\"");
}

/*
 * The page's form: a multipart form with a file input for each file
 * question; a refusal keeps the other answers and says the file must be
 * chosen again; a draft's file stays, named, and a new one replaces it.
 * Staff's page links the file and the CSV names it.
 */
static void
test_pages(void **state)
{
	int64_t id = file_call("Roster, the form"), before = files_now();
	struct ts_browser *ada = ts_signed_in(&srv, NULL, ADA, PW);
	struct ts_browser *staff = ts_signed_in(&srv, NULL, STAFF, PW);
	const struct ts_res *r;
	char path[128];

	(void)state;
	assert_non_null(ada);
	snprintf(path, sizeof path, "/calls/%lld", (long long)id);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "enctype=\"multipart/form-data\"");
	HAS(r, "type=\"file\" id=\"q-cv\" name=\"answers.cv\"");
	/* submitting without the why: refused, the why kept, the file to choose again */
	{
		const struct ts_part parts[] = { FIELD("status", "submitted"),
			FIELD("answers.why", ""),
			{ "answers.cv", pdf, 0, "form-cv.pdf", "application/pdf" },
			{ "answers.letter", "", 0, "", "application/octet-stream" } };

		snprintf(path, sizeof path, "/calls/%lld/apply", (long long)id);
		r = ts_multipart(ada, path, 1, parts, 4);
	}
	STATUS(r, 422);
	HAS(r, "This question needs an answer.");
	HAS(r, "choose it again");
	assert_int_equal(files_become(before), before);
	/* a draft with the file, then submitted with the file kept */
	{
		const struct ts_part parts[] = { FIELD("status", "draft"),
			FIELD("answers.why", "From the form."),
			{ "answers.cv", pdf, 0, "form-cv.pdf", "application/pdf" },
			{ "answers.letter", "", 0, "", "application/octet-stream" } };

		r = ts_multipart(ada, path, 1, parts, 4);
	}
	STATUS(r, 303);
	snprintf(path, sizeof path, "/calls/%lld", (long long)id);
	r = ts_get(ada, path);
	HAS(r, "form-cv.pdf");
	HAS(r, "From the form.");
	{
		const struct ts_part parts[] = { FIELD("status", "submitted"),
			FIELD("answers.why", "From the form."),
			{ "answers.cv", "", 0, "", "application/octet-stream" },
			{ "answers.letter", "", 0, "", "application/octet-stream" } };

		snprintf(path, sizeof path, "/calls/%lld/apply", (long long)id);
		r = ts_multipart(ada, path, 1, parts, 4);
	}
	STATUS(r, 303);
	assert_int_equal(files_become(before + 1), before + 1);
	snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "form-cv.pdf");
	HAS(r, "&#x2F;files&#x2F;cv\">form-cv.pdf</a>");
	snprintf(path, sizeof path, "/staff/calls/%lld/applications.csv", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "form-cv.pdf");
	ts_browser_free(ada);
	ts_browser_free(staff);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	static const char *const extra[] = { "--resource-max", "2", NULL };
	struct ts_browser *staff;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Files Trust", "KE", "info@quillon-files.example",
	    NULL);
	if (quillon <= 0 || ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) <= 0 ||
	    (ada_id = ts_person_add(db_url, ADA, "Ada Quillon", "member", quillon, PW)) <= 0 ||
	    ts_person_add(db_url, BO, "Bo Quillon", "member", quillon, PW) <= 0)
		return -1;
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0)
		return -1;
	ts_browser_free(staff);
	if (ts_token(plain, STAFF, PW, staff_tok, 129) != 0 ||
	    ts_token(plain, ADA, PW, ada_tok, 129) != 0 ||
	    ts_token(plain, BO, PW, bo_tok, 129) != 0)
		return -1;
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
		cmocka_unit_test(test_file_question),
		cmocka_unit_test(test_upload_and_download),
		cmocka_unit_test(test_refusals_keep_nothing),
		cmocka_unit_test(test_files_leave_with_the_application),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_account_deleted),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("calls_files", tests, setup, teardown);
}
