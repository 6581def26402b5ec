/*
 * history_test.c -- one history per organization (issue 11), through a real
 * server: an organization applies, staff approve it, its admin edits the
 * profile, invites a colleague who accepts, makes them an admin, staff
 * suspend it; its history then shows each of these, newest first, with who
 * did it, about whom and when, as a page and as JSON, in English and in
 * French.  Only staff and the organization's admins may read it; it is a
 * list with pages like every other.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh.  The tests share one organization, made
 * on first use, so each also runs alone (WHATSON_TEST_ONLY).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define MAIL_WAIT 5000	/* ms */
#define NEW_DESC "Ember Ledger now also trains court reporters in Mombasa."

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;	/* no cookies: token calls */

static const char *
jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* The next mail to `to` whose subject has subject; its first link. */
static void
mail_link(const char *to, const char *subject, char *link, size_t len)
{
	int64_t end = ts_now_ms() + MAIL_WAIT;
	struct ts_mail m;

	for (;;) {
		int left = (int)(end - ts_now_ms());

		assert_int_equal(ts_mail_wait(&sink, to, left > 0 ? left : 1, &m), 0);
		if (strstr(m.subject, subject))
			break;
		ts_mail_free(&m);
	}
	if (link)
		assert_int_equal(ts_mail_link(&m, link, len), 0);
	ts_mail_free(&m);
}

/* An API token of email. */
static void
token_of(const char *email, char *out, size_t len)
{
	assert_int_equal(ts_token(plain, email, PW, out, len), 0);
}

/* ---- the organization and its people, made once ------------------------ */

static char staff_tok[129], ada_tok[129], cy_tok[129];
static struct ts_browser *ada_web, *cy_web;
static int64_t org_id, ada_id, cy_id, staff_id;

/* Ember Ledger applies (signed out, Ada's new account), staff approve it,
 * Ada edits its description, invites Cy who accepts, makes Cy an admin,
 * staff suspend it. */
static void
the_story(void)
{
	const struct ts_res *r;
	char path[128], link[512];
	const char *tok;
	json_t *j, *it;
	int64_t app_id = 0;
	size_t i;

	if (org_id)
		return;
	staff_id = ts_user_add(db_url, "sam@hub.test", "Sam Staff", "staff", PW);
	assert_true(staff_id > 0);
	token_of("sam@hub.test", staff_tok, sizeof staff_tok);

	/* the application */
	ada_web = ts_browser_new(&srv, "127.0.0.2");
	r = ts_call(ada_web, "POST", "/api/v1/applications", NULL, json_pack(
	    "{s:{s:s,s:s,s:s,s:s,s:s,s:[s]},s:{s:s,s:s},s:b,s:s}", "organization",
	    "name", "Ember Ledger", "kind", "ngo", "country", "KE",
	    "website", "https://emberledger.example",
	    "description", "Ember Ledger follows public money in coastal counties.",
	    "themes", "corruption", "contact", "name", "Ada Ember", "email",
	    "ada@emberledger.example", "consent", 1, "password", PW));
	assert_int_equal(r->status, 202);
	mail_link("ada@emberledger.example", "Confirm your application", link, sizeof link);
	assert_int_equal(ts_verify(ada_web, link, PW)->status, 200);
	r = ts_call(plain, "GET", "/api/v1/applications?status=pending", staff_tok, NULL);
	assert_int_equal(r->status, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(jstr(json_object_get(it, "organization"), "name"), "Ember Ledger") == 0)
			app_id = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	assert_true(app_id > 0);

	/* the decision */
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app_id);
	r = ts_call(plain, "POST", path, staff_tok, json_object());
	assert_int_equal(r->status, 200);
	j = ts_jbody(r);
	org_id = json_integer_value(json_object_get(j, "organization_id"));
	json_decref(j);
	assert_true(org_id > 0);
	token_of("ada@emberledger.example", ada_tok, sizeof ada_tok);
	r = ts_call(plain, "GET", "/api/v1/me", ada_tok, NULL);
	j = ts_jbody(r);
	ada_id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	/* a profile edit: the description and the contact's phone */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)org_id);
	r = ts_call(plain, "PATCH", path, ada_tok, json_pack("{s:s,s:{s:s}}", "description",
	    NEW_DESC, "contact", "phone", "+254 700 999 111"));
	assert_int_equal(r->status, 200);

	/* an invitation, accepted */
	assert_int_equal(ts_signin(ada_web, "ada@emberledger.example", PW), 303);
	snprintf(path, sizeof path, "/organizations/%lld/invite", (long long)org_id);
	r = ts_form(ada_web, path, "email", "cy@emberledger.example", "name", "Cy Ember",
	    (char *)NULL);
	assert_int_equal(r->status, 303);
	mail_link("cy@emberledger.example", "An invitation to join your colleagues", link,
	    sizeof link);
	tok = strstr(link, "token=") + 6;
	cy_web = ts_browser_new(&srv, "127.0.0.3");
	assert_int_equal(ts_get(cy_web, link)->status, 200);
	r = ts_form(cy_web, "/invitations/accept", "token", tok, "name", "Cy Ember",
	    "password", PW, (char *)NULL);
	assert_int_equal(r->status, 303);
	token_of("cy@emberledger.example", cy_tok, sizeof cy_tok);
	r = ts_call(plain, "GET", "/api/v1/me", cy_tok, NULL);
	j = ts_jbody(r);
	cy_id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	/* Cy, not yet an admin, may not read the history */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)org_id);
	assert_int_equal(ts_call(plain, "GET", path, cy_tok, NULL)->status, 403);

	/* an admin change */
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)org_id,
	    (long long)cy_id);
	assert_int_equal(ts_form(ada_web, path, "admin", "1", (char *)NULL)->status, 303);

	/* suspension by staff */
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)org_id);
	r = ts_call(plain, "POST", path, staff_tok, json_pack("{s:s}", "status", "suspended"));
	assert_int_equal(r->status, 303);
}

/* The history of the organization as JSON for token t with query q. */
static json_t *
history(const char *t, const char *q)
{
	char path[160];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history%s", (long long)org_id,
	    q ? q : "");
	r = ts_call(plain, "GET", path, t, NULL);
	if (r->status != 200)
		printf("# %s: %ld %.300s\n", path, r->status, r->body);
	assert_int_equal(r->status, 200);
	return ts_jbody(r);
}

/* Item i of history h is action, done by `by` (0: nobody), about `about`
 * (0: no one else). */
static json_t *
entry_is(json_t *h, size_t i, const char *action, int64_t by, int64_t about)
{
	json_t *it = json_array_get(json_object_get(h, "items"), i);

	if (!it || strcmp(jstr(it, "action"), action) != 0)
		printf("# item %zu is %s, want %s\n", i, it ? jstr(it, "action") : "(none)",
		    action);
	assert_non_null(it);
	assert_string_equal(jstr(it, "action"), action);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(it, "by"), "id")),
	    by);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(it, "subject"),
	    "id")), about);
	assert_int_equal(strlen(jstr(it, "at")), 20);	/* 2026-12-06T00:00:00Z */
	return it;
}

/* The table row of page r that has needle, into a buffer the next call
 * reuses ("" when none). */
static const char *
row_with(const struct ts_res *r, const char *needle)
{
	static char row[2048];
	const char *at = strstr(r->body, needle), *start, *end;

	row[0] = '\0';
	if (!at)
		return row;
	for (start = at; start > r->body && strncmp(start, "<tr>", 4) != 0; start--)
		;
	end = strstr(at, "</tr>");
	if (end && (size_t)(end - start) < sizeof row)
		snprintf(row, sizeof row, "%.*s", (int)(end - start), start);
	return row;
}

/* ---- tests ------------------------------------------------------------ */

/*
 * The story, newest first: suspended (staff), Cy made an admin (by Ada),
 * Cy joined by invitation, the invitation (by Ada, to Cy's address), the
 * profile edit (by Ada: the fields, not their values), the approval
 * (staff, about Ada), the application (Ada).
 */
static void
test_timeline(void **state)
{
	json_t *h, *it;
	const char *prev = NULL;
	size_t i;

	(void)state;
	the_story();
	h = history(staff_tok, NULL);
	assert_int_equal(json_integer_value(json_object_get(h, "total")), 7);
	assert_int_equal(json_array_size(json_object_get(h, "items")), 7);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(h, "organization"),
	    "id")), org_id);
	assert_string_equal(jstr(json_object_get(h, "organization"), "name"), "Ember Ledger");
	it = entry_is(h, 0, "organization.suspended", staff_id, 0);
	assert_string_equal(jstr(it, "label"), "Suspended");
	assert_string_equal(jstr(json_object_get(it, "by"), "name"), "Sam Staff");
	it = entry_is(h, 1, "organization.admin_added", ada_id, cy_id);
	assert_string_equal(jstr(it, "label"), "Made an admin");
	assert_string_equal(jstr(json_object_get(it, "by"), "name"), "Ada Ember");
	assert_string_equal(jstr(json_object_get(it, "subject"), "name"), "Cy Ember");
	entry_is(h, 2, "organization.joined", cy_id, 0);
	it = entry_is(h, 3, "organization.invite", ada_id, 0);
	assert_string_equal(jstr(it, "note"), "cy@emberledger.example");
	it = entry_is(h, 4, "organization.edited", ada_id, 0);
	assert_string_equal(jstr(it, "label"), "Profile edited");
	assert_string_equal(jstr(it, "note"), "description, contact");
	it = entry_is(h, 5, "application.approved", staff_id, ada_id);
	assert_string_equal(jstr(it, "label"), "Application approved");
	it = entry_is(h, 6, "application.submitted", ada_id, ada_id);
	assert_string_equal(jstr(it, "note"), "Ember Ledger");
	/* newest first: times never go up down the list */
	json_array_foreach(json_object_get(h, "items"), i, it) {
		if (prev)
			assert_true(strcmp(jstr(it, "at"), prev) <= 0);
		prev = jstr(it, "at");
	}
	json_decref(h);

	/* the new values are not in it; the organization's suspended admin
	 * reads the same history */
	h = history(ada_tok, NULL);
	assert_int_equal(json_integer_value(json_object_get(h, "total")), 7);
	json_decref(h);
}

/* The page, linked from the profile, in English and in French. */
static void
test_page(void **state)
{
	static const char *const fr[] = { "Accept-Language: fr", NULL };
	const struct ts_res *r;
	char path[96];

	(void)state;
	the_story();
	snprintf(path, sizeof path, "/organizations/%lld", (long long)org_id);
	r = ts_get(ada_web, path);
	assert_int_equal(r->status, 200);
	snprintf(path, sizeof path, "href=\"/organizations/%lld/history\"", (long long)org_id);
	HAS(r, path);

	snprintf(path, sizeof path, "/organizations/%lld/history", (long long)org_id);
	r = ts_get(ada_web, path);
	assert_int_equal(r->status, 200);
	HAS(r, "History of the organization");
	HAS(r, "Suspended");
	HAS(r, "Made an admin");
	HAS(r, "Cy Ember");
	HAS(r, "Sam Staff");
	HAS(r, "Joined by invitation");
	HAS(r, "Profile edited");
	HAS(r, "description, contact");
	HAS(r, "Application approved");
	HAS(r, "Application submitted");
	/* each row names its own people only */
	assert_non_null(strstr(row_with(r, "Made an admin"), "Cy Ember"));
	assert_non_null(strstr(row_with(r, "Made an admin"), "Ada Ember"));
	assert_non_null(strstr(row_with(r, "Profile edited"), "Ada Ember"));
	if (strstr(row_with(r, "Profile edited"), "Cy Ember"))
		printf("# %s\n", row_with(r, "Profile edited"));
	assert_null(strstr(row_with(r, "Profile edited"), "Cy Ember"));
	assert_null(strstr(row_with(r, "Suspended"), "Ember"));
	LACKS(r, "Mombasa");		/* the new description */
	LACKS(r, "999 111");		/* the new phone */
	/* newest first on the page too */
	assert_true(strstr(r->body, "Suspended") < strstr(r->body, "Application submitted"));

	/* French picked on the page: her account's English gives way */
	snprintf(path + strlen(path), sizeof path - strlen(path), "?lang=fr");
	r = ts_req(ada_web, "GET", path, fr, NULL, 0);
	assert_int_equal(r->status, 200);
	HAS(r, "Historique de l");
	HAS(r, "Suspendue");
	HAS(r, "Nomm");		/* Nommé administrateur */
	HAS(r, "Candidature accept");
	/* and back to English, which the switcher's cookie keeps */
	snprintf(path + strlen(path) - 2, 3, "en");
	STATUS(ts_req(ada_web, "GET", path, NULL, NULL, 0), 200);
}

/*
 * Who may read it: staff and the organization's admins; a member who is
 * no admin, a member of another organization, a state focal point and an
 * applicant are refused (403), a visitor is sent to sign in (401 as
 * JSON), an unknown organization is 404.
 */
static void
test_who_may_read(void **state)
{
	static const struct {
		const char *email, *role;
	} others[] = {
		{ "fe@justice.go.example", "focal" },
		{ "pat@applicants.example", "applicant" },
	};
	char path[128], want[160], t[129];
	const struct ts_res *r;
	struct ts_browser *v = ts_browser_new(&srv, NULL);
	size_t i;

	(void)state;
	the_story();
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)org_id);
	r = ts_call(plain, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 401);
	snprintf(path, sizeof path, "/organizations/%lld/history", (long long)org_id);
	r = ts_get(v, path);
	assert_int_equal(r->status, 303);
	snprintf(want, sizeof want, "/signin?next=%s", path);
	assert_string_equal(ts_header(r, "Location"), want);

	/* Cy stepped down is a member who is no admin */
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)org_id,
	    (long long)cy_id);
	r = ts_call(plain, "POST", path, staff_tok, json_pack("{s:s}", "admin", "0"));
	assert_int_equal(r->status, 303);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)org_id);
	r = ts_call(plain, "GET", path, cy_tok, NULL);
	assert_int_equal(r->status, 403);
	assert_string_equal(ts_header(r, "Content-Type"), "application/problem+json");
	snprintf(path, sizeof path, "/organizations/%lld/history", (long long)org_id);
	assert_int_equal(ts_get(cy_web, path)->status, 403);

	for (i = 0; i < sizeof others / sizeof others[0]; i++) {
		assert_true(ts_user_add(db_url, others[i].email, others[i].role, others[i].role,
		    PW) > 0);
		token_of(others[i].email, t, sizeof t);
		snprintf(path, sizeof path, "/api/v1/organizations/%lld/history",
		    (long long)org_id);
		r = ts_call(plain, "GET", path, t, NULL);
		if (r->status != 403)
			printf("# %s: %ld\n", others[i].role, r->status);
		assert_int_equal(r->status, 403);
	}
	{
		json_t *h = history(staff_tok, NULL);

		/* stepping down is in the history, by staff, about Cy */
		entry_is(h, 0, "organization.admin_removed", staff_id, cy_id);
		json_decref(h);
	}
	/* on the page, a row about no one names no one, whatever the rows
	 * before it name */
	snprintf(path, sizeof path, "/organizations/%lld/history", (long long)org_id);
	r = ts_get(ada_web, path);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(row_with(r, "No longer an admin"), "Cy Ember"));
	if (strstr(row_with(r, "Suspended"), "Cy Ember"))
		printf("# %s\n", row_with(r, "Suspended"));
	assert_null(strstr(row_with(r, "Suspended"), "Cy Ember"));
	r = ts_call(plain, "GET", "/api/v1/organizations/999999/history", staff_tok, NULL);
	assert_int_equal(r->status, 404);
	r = ts_call(plain, "GET", "/api/v1/organizations/x/history", staff_tok, NULL);
	assert_int_equal(r->status, 404);
	ts_browser_free(v);
}

/* A member of another organization may not read it, nor its admin. */
static void
test_other_organization(void **state)
{
	const struct ts_res *r;
	char path[128], out[4096], in[64], t[129];
	int64_t other;

	(void)state;
	the_story();
	/* staff make another organization with `whatson import` and its member */
	snprintf(path, sizeof path, "%s/other.csv", ts_tmpdir());
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fprintf(f, "name,kind,country,description,themes,contact_name,contact_email\n"
		    "Tide Registry,ngo,SN,Tide Registry keeps records.,corruption,Contact,"
		    "tide@tide.example\n");
		fclose(f);
	}
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "import", "orgs", path, "--db",
	    db_url, (char *)NULL), 0);
	assert_non_null(strstr(out, "created "));
	other = strtoll(strstr(out, "created ") + 8, NULL, 10);
	assert_true(other > 0);
	snprintf(in, sizeof in, "%s\n", PW);
	snprintf(path, sizeof path, "%lld", (long long)other);
	assert_int_equal(ts_whatson(in, out, sizeof out, "user", "add", "--db", db_url,
	    "--email", "tia@tide.example", "--name", "Tia Tide", "--role", "member", "--org",
	    path, (char *)NULL), 0);
	token_of("tia@tide.example", t, sizeof t);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)org_id);
	r = ts_call(plain, "GET", path, t, NULL);
	assert_int_equal(r->status, 403);
	/* Ada is no one at Tide Registry */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)other);
	assert_int_equal(ts_call(plain, "GET", path, ada_tok, NULL)->status, 403);
	/* and its history is its own: Tia added from the command line,
	 * nothing of Ember Ledger's */
	r = ts_call(plain, "GET", path, staff_tok, NULL);
	assert_int_equal(r->status, 200);
	LACKS(r, "Ember");
	{
		json_t *h = ts_jbody(r), *it = json_array_get(json_object_get(h, "items"), 0);

		assert_int_equal(json_integer_value(json_object_get(h, "total")), 1);
		assert_string_equal(jstr(it, "action"), "organization.person_added");
		assert_string_equal(jstr(it, "label"), "Added from the command line");
		assert_null(json_object_get(it, "by"));
		assert_string_equal(jstr(json_object_get(it, "subject"), "name"), "Tia Tide");
		json_decref(h);
	}
}

/* Pages of the history: per_page items each, the same order as one page,
 * next and previous pages; a page or per_page out of range is a 422 that
 * names it. */
static void
test_pages(void **state)
{
	json_t *all, *p, *it;
	int64_t total;
	size_t i;
	char q[64];
	const struct ts_res *r;
	char path[128];

	(void)state;
	the_story();
	all = history(staff_tok, "?per_page=200");
	total = json_integer_value(json_object_get(all, "total"));
	assert_true(total >= 7);
	for (i = 0; i < (size_t)total; i += 2) {
		size_t k;

		snprintf(q, sizeof q, "?page=%zu&per_page=2", i / 2 + 1);
		p = history(staff_tok, q);
		assert_int_equal(json_integer_value(json_object_get(p, "total")), total);
		assert_int_equal(json_integer_value(json_object_get(p, "per_page")), 2);
		assert_int_equal(json_array_size(json_object_get(p, "items")),
		    (size_t)total - i >= 2 ? 2 : 1);
		json_array_foreach(json_object_get(p, "items"), k, it)
			assert_int_equal(json_integer_value(json_object_get(it, "id")),
			    json_integer_value(json_object_get(json_array_get(json_object_get(all,
			    "items"), i + k), "id")));
		assert_int_equal(json_object_get(p, "next_page") != NULL, i + 2 < (size_t)total);
		assert_int_equal(json_object_get(p, "prev_page") != NULL, i > 0);
		json_decref(p);
	}
	p = history(staff_tok, "?page=100&per_page=2");
	assert_int_equal(json_array_size(json_object_get(p, "items")), 0);
	json_decref(p);
	json_decref(all);

	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history?per_page=0",
	    (long long)org_id);
	r = ts_call(plain, "GET", path, staff_tok, NULL);
	assert_int_equal(r->status, 422);
	HAS(r, "per_page");
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history?page=100001",
	    (long long)org_id);
	r = ts_call(plain, "GET", path, staff_tok, NULL);
	assert_int_equal(r->status, 422);
	HAS(r, "\"page\"");
	/* the page links to the next page */
	snprintf(path, sizeof path, "/organizations/%lld/history?per_page=2", (long long)org_id);
	r = ts_get(ada_web, path);
	assert_int_equal(r->status, 200);
	HAS(r, "?page=2&amp;per_page=2");
}

static void
test_server_stops_cleanly(void **state)
{
	(void)state;
	assert_int_equal(ts_server_stop(&srv), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(ada_web);
	ts_browser_free(cy_web);
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_other_organization),
		cmocka_unit_test(test_who_may_read),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("history", tests, setup, teardown);
}
