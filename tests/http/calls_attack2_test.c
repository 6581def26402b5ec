/*
 * calls_attack2_test.c -- calls for participants (issue 15) attacked a
 * second time, on what came after calls_attack_test.c: the files that
 * answer file questions, applications that belong to an organization, and
 * staff's pages of calls.
 *
 * Holes found and closed here: a draft filed for an organization stays
 * the organization's (another of its admins may not move it to nobody,
 * which handed it, files and all, to its filer, even one no longer an
 * admin, nor to another organization); deleting an account leaves the
 * applications it filed for an organization whole; an account whose
 * address is not confirmed saves no draft, so stores no file; a suspended
 * organization's admin is not offered calls for organizations only on
 * /opportunities; a decision on an organization's application is not
 * mailed to a filer who no longer acts for it.  What held: files that lie
 * about their type (HTML or SVG named .pdf), are empty, come twice for one
 * question or eighty times, answer a question that takes no file or does
 * not exist, or carry hostile names are refused or kept apart; a
 * submitted application takes none; a demoted admin's old form changes
 * nothing; staff's pages and their twins refuse everyone but staff, the
 * form needs its CSRF token, and hostile call values are 422s.  Hidden
 * means 404; nothing answers 500.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh.
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

#include "lib/api.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@calls-attack2.test"
#define ADA "ada@quillon-attack2.example"
#define BO "bo@quillon-attack2.example"
#define REX "rex@quillon-attack2.example"
#define FIELD(name, value) { (name), (value), 0, NULL, NULL }

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* Sam staff; Ada and Rex admins of Quillon, Bo of Quillon (no admin); Mo
 * admin of Meridian; Nia verified with no organization; Fe a focal point. */
static char staff_tok[129], ada_tok[129], rex_tok[129], bo_tok[129], mo_tok[129],
    nia_tok[129], fe_tok[129];
static int64_t quillon, meridian, ada_id, bo_id;

static const char pdf[] = "%PDF-1.4\n%quillon-cv-secret-4t\n%%EOF\n";

/* ---- helpers ------------------------------------------------------------ */

static const struct ts_res *
mp(const char *method, const char *path, const char *token, const struct ts_part *parts,
    size_t n)
{
	return ts_multipart_api(plain, method, path, token, parts, n);
}

/* GET path with the bearer token (NULL: none). */
static const struct ts_res *
get(const char *path, const char *token)
{
	char auth[200];
	const char *h[2] = { NULL, NULL };

	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h[0] = auth;
	}
	return ts_req(plain, "GET", path, h, NULL, 0);
}

static int64_t
account(const char *email, const char *name, const char *role, int64_t org, char *tok)
{
	int64_t id = ts_person_add(db_url, email, name, role, org, PW);

	assert_true(id > 0);
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
	return id;
}

/* An open call with a required text question (why) and an optional file
 * question (cv); its id. */
static int64_t
file_call(const char *title)
{
	json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s,s:b},{s:s,s:s,s:s,s:b}]}",
	    "kind", "expert_roster", "title", title, "timezone", "Europe/Vienna", "closes",
	    "2031-10-05T23:59", "status", "open", "questions", "id", "why", "label", "Why you?",
	    "type", "text", "required", 1, "id", "cv", "label", "Your CV", "type", "file",
	    "required", 0);
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

/* Application aid to call id as staff see it (caller decrefs). */
static json_t *
as_staff(int64_t id, int64_t aid)
{
	char path[128];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)aid);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

/* A draft to call id filed by token for organization org (0: none) with
 * Quillon's CV; its id. */
static int64_t
org_draft(int64_t id, const char *token, int64_t org, const char *why)
{
	char path[96], o[24];
	const struct ts_res *r;
	json_t *j;
	int64_t aid;

	snprintf(o, sizeof o, org ? "%lld" : "", (long long)org);	/* "": for oneself */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	{
		const struct ts_part parts[] = { FIELD("status", "draft"), FIELD("organization_id",
			o), FIELD("answers.why", why),
			{ "answers.cv", pdf, 0, "cv.pdf", "application/pdf" } };

		r = mp("POST", path, token, parts, 4);
	}
	STATUS(r, 201);
	j = ts_jbody(r);
	aid = ta_num(j, "id");
	assert_int_equal(json_array_size(json_object_get(j, "files")), 1);
	json_decref(j);
	return aid;
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * Ada files a draft for Quillon, her CV in it, and is then no longer its
 * admin: she loses it.  Rex, Quillon's admin still, may not move it to
 * nobody (that would make it Ada's own again, Quillon's answers and file
 * hers to read) nor to Meridian: 403, and it stays Quillon's, out of
 * Ada's reach.  Its filer, while an admin, may make it her own.
 */
static void
test_moved_off_org(void **state)
{
	int64_t c = file_call("Plover call"), aid;
	char path[160], file[200];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	aid = org_draft(c, ada_tok, quillon, "Plover-quillon-6d");
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)c,
	    (long long)aid);
	snprintf(file, sizeof file, "%s/files/cv", path);
	ta_org_admin(staff_tok, quillon, ada_id, "0");
	STATUS(ta_api("GET", path, ada_tok, NULL), 404);
	STATUS(get(file, ada_tok), 404);

	r = ta_api("PATCH", path, rex_tok, json_pack("{s:n}", "organization_id"));
	STATUS(r, 403);
	r = ta_api("PATCH", path, rex_tok, json_pack("{s:I}", "organization_id",
	    (json_int_t)meridian));
	STATUS(r, 403);
	{
		const struct ts_part parts[] = { FIELD("organization_id", "") };

		STATUS(mp("PATCH", path, rex_tok, parts, 1), 403);
	}
	j = as_staff(c, aid);
	assert_int_equal(ta_num(j, "organization_id"), quillon);
	json_decref(j);
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 404);
	LACKS(r, "Plover-quillon-6d");
	r = get(file, ada_tok);
	STATUS(r, 404);
	LACKS(r, "quillon-cv-secret-4t");
	/* Rex still edits and reads it as Quillon's */
	r = ta_api("PATCH", path, rex_tok, json_pack("{s:{s:s}}", "answers", "why",
	    "Plover-rex-2k"));
	STATUS(r, 200);
	HAS(r, "Plover-rex-2k");

	/* Ada an admin again: the draft she filed she may make her own */
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:n}", "organization_id"));
	STATUS(r, 200);
	j = as_staff(c, aid);
	assert_true(json_is_null(json_object_get(j, "organization_id")));
	json_decref(j);
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 204);
}

/*
 * Files that lie or misbehave: HTML and SVG named .pdf, a PNG-named SVG
 * (415); an empty file (422); a file part for a text question or for no
 * question (not kept as a file); two parts for one question (the later
 * one, one file); names with a path, a NUL-free control, a right-to-left
 * override hiding the extension, or very long; and none of them a 500.
 * The download of a PDF polyglot carrying HTML is an attachment, sandboxed
 * and not sniffed.
 */
static void
test_file_tricks(void **state)
{
	static const char html[] = "<!DOCTYPE html><html><script>alert(document.cookie)</script>";
	static const char svg[] = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\""
	    " onload=\"alert(1)\"></svg>";
	static const char poly[] = "%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n";
	int64_t c = file_call("Bittern call"), aid;
	const struct ts_res *r;
	char path[160], one[200];
	char longname[300];	/* over 255 bytes; ts_multipart's header line holds 512 */
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c);
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", html, 0, "cv.pdf", "application/pdf" } };

		STATUS(mp("POST", path, nia_tok, p, 3), 415);
	}
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", svg, 0, "cv.pdf", "application/pdf" } };

		STATUS(mp("POST", path, nia_tok, p, 3), 415);
	}
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", svg, 0, "cv.png", "image/png" } };

		STATUS(mp("POST", path, nia_tok, p, 3), 415);
	}
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", "", 0, "cv.pdf", "application/pdf" } };

		STATUS(mp("POST", path, nia_tok, p, 3), 422);
	}
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", pdf, 0, "cv\xe2\x80\xae" "fdp.exe", "application/pdf" } };

		STATUS(mp("POST", path, nia_tok, p, 3), 415);
	}
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", pdf, 0, "a\\b.pdf", "application/pdf" } };

		STATUS(mp("POST", path, nia_tok, p, 3), 422);
	}
	memset(longname, 'a', sizeof longname);
	memcpy(longname + sizeof longname - 5, ".pdf", 5);
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", pdf, 0, longname, "application/pdf" } };

		r = mp("POST", path, nia_tok, p, 3);
		if (r->status != 422)
			printf("# a long name: %ld %s\n", r->status, ts_excerpt(r));
		assert_true(r->status == 422 || r->status == 400);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM call_applications WHERE call_id = %lld",
	    (long long)c), 0);

	/* parts for a text question and for none; two for cv: the later */
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.why", pdf, 0, "why.pdf", "application/pdf" },
			{ "answers.nope", pdf, 0, "nope.pdf", "application/pdf" },
			{ "answers.cv", "first version\n", 0, "first.txt", "text/plain" },
			{ "answers.cv", poly, 0, "second.pdf", "application/pdf" } };

		r = mp("POST", path, nia_tok, p, 6);
	}
	STATUS(r, 201);
	j = ts_jbody(r);
	aid = ta_num(j, "id");
	assert_int_equal(json_array_size(json_object_get(j, "files")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "files"), 0), "name")), "second.pdf");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "answers"),
	    "why")), "x");
	json_decref(j);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM call_application_files "
	    "WHERE application_id = %lld", (long long)aid), 1);
	snprintf(one, sizeof one, "%s/%lld/files/cv", path, (long long)aid);
	r = get(one, nia_tok);
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Disposition"), "attachment"));
	assert_non_null(strstr(ts_header(r, "Content-Security-Policy"), "sandbox"));
	assert_string_equal(ts_header(r, "X-Content-Type-Options"), "nosniff");
	assert_null(strstr(ts_header(r, "Content-Type"), "html"));
	snprintf(one, sizeof one, "%s/%lld/files/why", path, (long long)aid);
	STATUS(get(one, nia_tok), 404);
	snprintf(one, sizeof one, "%s/%lld/files/nope", path, (long long)aid);
	STATUS(get(one, nia_tok), 404);

	/* many parts: as many as a request takes, then one more */
	{
		struct ts_part many[80];
		int64_t before = ts_sql_int("SELECT count(*) FROM call_applications");
		size_t k;

		for (k = 0; k < 80; k++)
			many[k] = (struct ts_part){ "answers.cv", pdf, 0, "cv.pdf", "application/pdf" };
		r = mp("POST", path, nia_tok, many, 80);
		if (r->status != 413 && r->status != 400)
			printf("# 80 parts: %ld\n", r->status);
		assert_true(r->status == 413 || r->status == 400);
		assert_int_equal(ts_sql_int("SELECT count(*) FROM call_applications"), before);
	}

	/* submitted, it takes no new file, nor through the form */
	snprintf(one, sizeof one, "%s/%lld", path, (long long)aid);
	STATUS(ta_api("PATCH", one, nia_tok, json_pack("{s:s}", "status", "submitted")), 200);
	{
		const struct ts_part p[] = { { "answers.cv", pdf, 0, "late.pdf",
			"application/pdf" } };

		STATUS(mp("PATCH", one, nia_tok, p, 1), 409);
	}
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.71", "nia@nowhere-attack2.example",
		    PW);
		const struct ts_part p[] = { FIELD("status", "submitted"), FIELD("answers.why", "y"),
			{ "answers.cv", pdf, 0, "late.pdf", "application/pdf" } };
		char form[96];

		assert_non_null(b);
		snprintf(form, sizeof form, "/calls/%lld/apply", (long long)c);
		r = ts_multipart(b, form, 1, p, 3);
		assert_true(r->status == 409 || r->status == 303);
		ts_browser_free(b);
	}
	j = as_staff(c, aid);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "files"), 0), "name")), "second.pdf");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "answers"),
	    "why")), "x");
	json_decref(j);
}

/*
 * Ada, demoted after filing a draft for Quillon, posts her old browser
 * form (organization Quillon, a new file): it changes nothing of
 * Quillon's draft, and she gets no application of Quillon's.
 */
static void
test_demoted_form(void **state)
{
	int64_t c = file_call("Grebe call"), aid;
	struct ts_browser *b = ts_signed_in(&srv, "127.0.0.72", ADA, PW);
	char form[96], o[24];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	assert_non_null(b);
	aid = org_draft(c, ada_tok, quillon, "Grebe-quillon-1m");
	snprintf(form, sizeof form, "/calls/%lld", (long long)c);
	HAS(ts_get(b, form), "Grebe-quillon-1m");	/* her form, as it was */
	ta_org_admin(staff_tok, quillon, ada_id, "0");
	snprintf(form, sizeof form, "/calls/%lld/apply", (long long)c);
	snprintf(o, sizeof o, "%lld", (long long)quillon);
	{
		const struct ts_part p[] = { FIELD("status", "submitted"), FIELD("organization_id",
			o), FIELD("answers.why", "Grebe-ada-late"),
			{ "answers.cv", "replaced\n", 0, "x.txt", "text/plain" } };

		r = ts_multipart(b, form, 1, p, 4);
	}
	assert_true(r->status == 403 || r->status == 409 || r->status == 404);
	LACKS(r, "Grebe-quillon-1m");
	r = ts_form(b, form, "answers.why", "Grebe-ada-late", "status", "draft",
	    "organization_id", o, (char *)NULL);
	assert_true(r->status == 403 || r->status == 409 || r->status == 404);
	j = as_staff(c, aid);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "draft");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "answers"),
	    "why")), "Grebe-quillon-1m");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "files"), 0), "name")), "cv.pdf");
	assert_int_equal(ta_num(j, "organization_id"), quillon);
	json_decref(j);
	snprintf(form, sizeof form, "/calls/%lld", (long long)c);
	LACKS(ts_get(b, form), "Grebe-quillon-1m");
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ts_browser_free(b);
}

/*
 * Staff's pages of calls refuse all but staff: a visitor, a member, an
 * admin, a focal point (the JSON twin and the CSV too); staff's form
 * without its CSRF token is refused; call JSON shows no count of drafts
 * to anyone but staff.
 */
static void
test_staff_pages_refused(void **state)
{
	static const char *const paths[] = { "/staff/calls", "/api/v1/staff/calls",
		"/staff/calls.csv", "/staff/calls/new" };
	const char *const who[] = { bo_tok, ada_tok, mo_tok, nia_tok, fe_tok };
	int64_t c = file_call("Shrike <b>call</b>");
	const struct ts_res *r;
	char path[96];
	size_t i, k;
	json_t *j;

	(void)state;
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		r = get(paths[i], NULL);
		assert_true(r->status == 401 || r->status == 303);
		for (k = 0; k < sizeof who / sizeof who[0]; k++) {
			r = get(paths[i], who[k]);
			if (r->status != 403 && r->status != 404)
				printf("# %s as %zu: %ld\n", paths[i], k, r->status);
			assert_true(r->status == 403 || r->status == 404);
			LACKS(r, "Shrike");
		}
	}
	snprintf(path, sizeof path, "/staff/calls/%lld/edit", (long long)c);
	for (k = 0; k < sizeof who / sizeof who[0]; k++) {
		r = get(path, who[k]);
		assert_true(r->status == 403 || r->status == 404);
	}
	/* staff's browser posting the form without its token */
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.73", STAFF, PW);
		const char *const pairs[] = { "title", "Forged call", "kind", "workshop",
			"timezone", "Europe/Vienna", "closes", "2031-10-05T23:59", "status", "open",
			NULL };

		assert_non_null(b);
		r = ts_post_list(b, "/staff/calls/new", 0, pairs);
		assert_true(r->status == 403 || r->status == 400);
		r = ts_post_list(b, path, 0, pairs);
		assert_true(r->status == 403 || r->status == 400);
		ts_browser_free(b);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM calls WHERE title = 'Forged call'"), 0);
	/* the staff CSV keeps the title as text */
	r = get("/staff/calls.csv", staff_tok);
	STATUS(r, 200);
	HAS(r, "Shrike <b>call</b>");
	/* a member's view of the call: no count of all applications */
	org_draft(c, ada_tok, quillon, "Shrike-draft");
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c);
	r = ta_api("GET", path, bo_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_null(json_object_get(j, "applications"));
	assert_int_equal(ta_num(j, "submitted"), 0);
	assert_true(json_is_null(json_object_get(j, "application")));
	json_decref(j);
}

/*
 * Ida files Quillon's application (her answers, a CV) and submits it, is
 * removed from Quillon, and deletes her account: Quillon's application is
 * Quillon's, and stays whole for Rex, its admin (answers and file), and
 * for staff.  Her own application to another call is forgotten.
 */
static void
test_filer_deleted(void **state)
{
	int64_t c = file_call("Dunlin call"), c2 = file_call("Dunlin own call"), aid, own, ida;
	char tok[129], path[160], file[200];
	const struct ts_res *r;

	(void)state;
	ida = account("ida@quillon-attack2.example", "Ida", "member", quillon, tok);
	ta_org_admin(staff_tok, quillon, ida, "1");
	aid = org_draft(c, tok, quillon, "Dunlin-quillon-8p");
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)c,
	    (long long)aid);
	STATUS(ta_api("PATCH", path, tok, json_pack("{s:s}", "status", "submitted")), 200);
	own = org_draft(c2, tok, 0, "Dunlin-own-3h");
	snprintf(file, sizeof file, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)quillon, (long long)ida);
	r = ta_api("POST", file, staff_tok, json_object());
	assert_true(r->status == 200 || r->status == 303);
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);

	r = ta_api("GET", path, rex_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Dunlin-quillon-8p");
	HAS(r, "cv.pdf");
	snprintf(file, sizeof file, "%s/files/cv", path);
	r = get(file, rex_tok);
	STATUS(r, 200);
	HAS(r, "quillon-cv-secret-4t");
	/* her own, to the other call: forgotten */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)c2,
	    (long long)own);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Dunlin-own-3h");
	LACKS(r, "cv.pdf");
}

/*
 * Una's address is not confirmed (signed in before, as one who changed
 * it is): she may read an open call, but not
 * apply to it, as a draft or submitted, with a file or without, by the
 * API or the page's form (403 naming the rule); nothing of hers is kept,
 * neither an application nor a file in the store.
 */
static void
test_unverified(void **state)
{
	int64_t c = file_call("Avocet call"), files;
	char tok[129], path[96];
	const struct ts_res *r;
	struct ts_browser *b;

	(void)state;
	account("una@nowhere-attack2.example", "Una", "applicant", 0, tok);
	b = ts_signed_in(&srv, "127.0.0.74", "una@nowhere-attack2.example", PW);
	assert_non_null(b);
	/* signed in, then her address no longer confirmed (as after changing it) */
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = 'una@nowhere-attack2.example'");
	files = ts_sql_int("SELECT count(*) FROM files");
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c);
	STATUS(ta_api("GET", path, tok, NULL), 200);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c);
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", pdf, 0, "cv.pdf", "application/pdf" } };

		r = mp("POST", path, tok, p, 3);
		STATUS(r, 403);
		HAS(r, "Confirm your email address");
	}
	r = ta_api("POST", path, tok, json_pack("{s:s,s:{s:s}}", "status", "draft", "answers",
	    "why", "Avocet-una"));
	STATUS(r, 403);
	r = ta_api("POST", path, tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers",
	    "why", "Avocet-una"));
	STATUS(r, 403);
	snprintf(path, sizeof path, "/calls/%lld/apply", (long long)c);
	{
		const struct ts_part p[] = { FIELD("status", "draft"), FIELD("answers.why", "x"),
			{ "answers.cv", pdf, 0, "cv.pdf", "application/pdf" } };

		r = ts_multipart(b, path, 1, p, 3);
		STATUS(r, 403);
	}
	ts_browser_free(b);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM call_applications WHERE call_id = %lld",
	    (long long)c), 0);
	{
		int64_t until = ts_now_ms() + 20000;

		while (ts_sql_int("SELECT count(*) FROM files") != files && ts_now_ms() < until)
			usleep(20 * 1000);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files"), files);
}

/*
 * The calls an admin of a suspended organization is shown on
 * /opportunities: not a call for organizations only, which it may not
 * apply to (403); the call stays on /calls.
 */
static void
test_suspended_opportunities(void **state)
{
	int64_t sable, sid;
	char tok[129], p[96];
	const struct ts_res *r;

	(void)state;
	sable = ts_org_import(db_url, "Sable Attack2 Circle", "GH", "info@sable-attack2.example",
	    NULL);
	assert_true(sable > 0);
	sid = account("sid@sable-attack2.example", "Sid", "member", sable, tok);
	ta_org_admin(staff_tok, sable, sid, "1");
	r = ta_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:b},"
	    "s:[{s:s,s:s,s:s,s:b}]}", "kind", "workshop", "title", "Sanderling-orgs-only",
	    "timezone", "Europe/Vienna", "closes", "2031-10-05T23:59", "status", "open",
	    "eligibility", "experts", 0, "questions", "id", "why", "label", "Why?", "type", "text",
	    "required", 1));
	STATUS(r, 201);
	HAS(get("/api/v1/opportunities?per_page=100", tok), "Sanderling-orgs-only");
	snprintf(p, sizeof p, "/organizations/%lld/status", (long long)sable);
	STATUS(ta_api("POST", p, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	r = get("/api/v1/opportunities?per_page=100", tok);
	STATUS(r, 200);
	LACKS(r, "Sanderling-orgs-only");
	LACKS(get("/opportunities", tok), "Sanderling-orgs-only");
	snprintf(p, sizeof p, "/api/v1/calls?per_page=100");
	HAS(get(p, tok), "Sanderling-orgs-only");	/* the call itself is no secret */
}

/*
 * Staff's hostile values for a call: dates far out of range or malformed,
 * zones that are not in the tz database (a path, a control character),
 * an event that does not exist, too many questions, a huge description;
 * each a 422 (or, for a date the zone can hold, a 201), never a 500.
 */
static void
test_staff_hostile(void **state)
{
	static const char *const closes[] = { "9999-12-31T23:59", "10000-01-01T00:00",
		"0000-01-01T00:00", "-0001-01-01T00:00", "1969-12-31T23:59", "2031-02-30T10:00",
		"2031-13-01T00:00", "2031-10-05T24:00", "2031-10-05T23:59:60+02:00",
		"2031-10-05T23:59+99:00", "2031-10-05", "99999999999999999999", "" };
	static const char *const zones[] = { "Mars/Olympus", "../../etc/passwd", "/etc/localtime",
		"UTC\\u0000", "Europe/Vienna\\u0000x", "EST5EDT,M3.2.0,M11.1.0", "Europe",
		"Europe/", "." };
	const struct ts_res *r;
	json_t *qs, *b;
	char *desc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof closes / sizeof closes[0]; i++) {
		r = ta_api("POST", "/api/v1/calls", staff_tok,
		    json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind", "workshop", "title",
		    "Hostile dates", "timezone", "Pacific/Kiritimati", "closes", closes[i],
		    "status", "draft"));
		if (r->status != 422 && r->status != 201)
			printf("# closes %s: %ld\n", closes[i], r->status);
		assert_true(r->status == 422 || r->status == 201);
	}
	for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		char body[300];

		snprintf(body, sizeof body, "{\"kind\":\"workshop\",\"title\":\"Hostile zone\","
		    "\"timezone\":\"%s\",\"closes\":\"2031-10-05T23:59\"}", zones[i]);
		r = ts_api(plain, "POST", "/api/v1/calls", staff_tok, body);
		if (r->status != 422 && r->status != 400)
			printf("# zone %s: %ld\n", zones[i], r->status);
		assert_true(r->status == 422 || r->status == 400);
	}
	/* tz database files that are no place: taken or refused, no 500 */
	for (i = 0; i < 2; i++) {
		r = ta_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s}",
		    "kind", "workshop", "title", "Odd zone", "timezone",
		    i ? "Factory" : "posixrules", "closes", "2031-10-05T23:59"));
		assert_true(r->status == 201 || r->status == 422);
	}
	/* a zone's name with a line break after it is the zone, trimmed */
	r = ts_api(plain, "POST", "/api/v1/calls", staff_tok, "{\"kind\":\"workshop\","
	    "\"title\":\"Trimmed zone\",\"timezone\":\"Europe/Vienna\\n\","
	    "\"closes\":\"2031-10-05T23:59\"}");
	if (r->status == 201) {
		json_t *j = ts_jbody(r);

		assert_string_equal(json_string_value(json_object_get(j, "timezone")),
		    "Europe/Vienna");
		json_decref(j);
	} else {
		STATUS(r, 422);
	}
	r = ta_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:I}", "kind",
	    "workshop", "title", "No such event", "timezone", "Europe/Vienna", "closes",
	    "2031-10-05T23:59", "event_id", (json_int_t)987654321));
	STATUS(r, 422);
	HAS(r, "event_id");
	qs = json_array();
	for (i = 0; i < 10000; i++)
		json_array_append_new(qs, json_pack("{s:s,s:s}", "label", "Q?", "type", "text"));
	b = json_pack("{s:s,s:s,s:s,s:s,s:o}", "kind", "workshop", "title", "Ten thousand",
	    "timezone", "Europe/Vienna", "closes", "2031-10-05T23:59", "questions", qs);
	r = ta_api("POST", "/api/v1/calls", staff_tok, b);
	assert_true(r->status == 422 || r->status == 413);
	desc = malloc(200001);
	assert_non_null(desc);
	memset(desc, 'd', 200000);
	desc[200000] = '\0';
	r = ta_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind",
	    "workshop", "title", "Huge", "timezone", "Europe/Vienna", "closes",
	    "2031-10-05T23:59", "description", desc));
	free(desc);
	assert_true(r->status == 422 || r->status == 413);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM calls WHERE title IN ('Hostile zone', "
	    "'No such event', 'Ten thousand', 'Huge')"), 0);
	/* what was taken reads back: the list and the pages, no 500 */
	STATUS(get("/api/v1/staff/calls?per_page=100", staff_tok), 200);
	STATUS(get("/staff/calls", staff_tok), 200);
	STATUS(get("/staff/calls.csv", staff_tok), 200);
	STATUS(get("/calls", staff_tok), 200);
}

/*
 * Ada files Quillon's application to a call that closes within the hour
 * and is then no longer Quillon's admin.  Staff accept it after the close:
 * accepted, in Quillon's history, but Ada, who no longer speaks for
 * Quillon, gets no mail of it (the decision and staff's reason are
 * Quillon's): Bo, made its admin since, gets it, as the one who speaks
 * for Quillon now; Nia, who applied for herself, gets hers.  Last: it
 * moves the clock.
 */
static void
test_decision_after_demotion(void **state)
{
	const struct ts_res *r;
	int64_t now, c, aid, nia_app, ada_mails;
	char path[160], o[24], closes[32];
	time_t t;
	struct tm tm;

	(void)state;
	now = ta_now();
	t = (time_t)(now + 3600 + 60);
	gmtime_r(&t, &tm);
	strftime(closes, sizeof closes, "%Y-%m-%dT%H:%M", &tm);
	r = ta_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,"
	    "s:[{s:s,s:s,s:s,s:b}]}", "kind", "workshop", "title", "Curlew call", "timezone", "UTC",
	    "closes", closes, "status", "open", "questions", "id", "why", "label", "Why?", "type",
	    "text", "required", 1));
	STATUS(r, 201);
	{
		json_t *j = ts_jbody(r);

		c = ta_num(j, "id");
		json_decref(j);
	}
	snprintf(o, sizeof o, "%lld", (long long)quillon);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c);
	r = ta_api("POST", path, ada_tok, json_pack("{s:s,s:I,s:{s:s}}", "status", "submitted",
	    "organization_id", (json_int_t)quillon, "answers", "why", "Curlew-quillon"));
	STATUS(r, 201);
	{
		json_t *j = ts_jbody(r);

		aid = ta_num(j, "id");
		json_decref(j);
	}
	r = ta_api("POST", path, nia_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted",
	    "answers", "why", "Curlew-nia"));
	STATUS(r, 201);
	{
		json_t *j = ts_jbody(r);

		nia_app = ta_num(j, "id");
		json_decref(j);
	}
	ta_org_admin(staff_tok, quillon, ada_id, "0");
	ta_org_admin(staff_tok, quillon, bo_id, "1");
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "mail", 20000), 0);
	ada_mails = ts_mail_count(&sink, ADA);
	assert_int_equal(ts_mail_count(&sink, BO), 0);
	assert_int_equal(ts_clock_advance(plain, 3600 + 120), 200);
	/* tokens idle for an hour have ended */
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)c);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I],s:s,s:s}", "ids", (json_int_t)aid,
	    (json_int_t)nia_app, "decision", "decline", "reason", "Curlew-staff-reason-7u"));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":2");
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "mail", 20000), 0);
	{
		struct ts_mail m;

		assert_int_equal(ts_mail_wait(&sink, "nia@nowhere-attack2.example", 10000, &m), 0);
		ts_mail_free(&m);
		assert_int_equal(ts_mail_wait(&sink, BO, 10000, &m), 0);
		assert_non_null(strstr(m.body, "Curlew-staff-reason-7u"));
		ts_mail_free(&m);
	}
	assert_int_equal(ts_mail_count(&sink, ADA), ada_mails);
	assert_int_equal(ts_mail_count(&sink, BO), 0);
	{
		json_t *j = as_staff(c, aid);

		assert_string_equal(json_string_value(json_object_get(j, "status")), "declined");
		json_decref(j);
	}
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ta_org_admin(staff_tok, quillon, bo_id, "0");
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	int64_t rex_id, mo_id;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ts_db_open(db_url);
	quillon = ts_org_import(db_url, "Quillon Attack2 Trust", "KE",
	    "info@quillon-attack2.example", NULL);
	meridian = ts_org_import(db_url, "Meridian Attack2 Watch", "SN",
	    "info@meridian-attack2.example", NULL);
	if (quillon <= 0 || meridian <= 0)
		return -1;
	account(STAFF, "Sam Staff", "staff", 0, staff_tok);
	ada_id = account(ADA, "Ada", "member", quillon, ada_tok);
	rex_id = account(REX, "Rex", "member", quillon, rex_tok);
	bo_id = account(BO, "Bo", "member", quillon, bo_tok);
	mo_id = account("mo@meridian-attack2.example", "Mo", "member", meridian, mo_tok);
	account("nia@nowhere-attack2.example", "Nia", "applicant", 0, nia_tok);
	account("fe@interior-attack2.go.ke", "Fe", "focal", 0, fe_tok);
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ta_org_admin(staff_tok, quillon, rex_id, "1");
	ta_org_admin(staff_tok, meridian, mo_id, "1");
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
		cmocka_unit_test(test_moved_off_org),
		cmocka_unit_test(test_file_tricks),
		cmocka_unit_test(test_demoted_form),
		cmocka_unit_test(test_staff_pages_refused),
		cmocka_unit_test(test_filer_deleted),
		cmocka_unit_test(test_unverified),
		cmocka_unit_test(test_suspended_opportunities),
		cmocka_unit_test(test_staff_hostile),
		cmocka_unit_test(test_decision_after_demotion),	/* it moves the clock */
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("calls_attack2", tests, setup, teardown);
}
