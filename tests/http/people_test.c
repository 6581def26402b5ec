/*
 * people_test.c -- leaving and being forgotten (issue 11): a person leaves
 * an organization (not its last admin, not one they are not in), downloads
 * what the hub holds about them, deletes their account (not with a wrong
 * password, not while an organization needs them as its last admin), and
 * the job that deletes ended sessions and expired links.  Also what the
 * account page and /api/v1/me say of the person's organizations, and who
 * the profile's "Changes" name: nobody for a change the hub made itself.
 *
 * The database is read directly (tests/lib/sqldirect.h) to see that a deleted
 * person's name and addresses are gone from every row.  The cleanup test
 * moves the server's clock, which ends every session: after it, a test
 * signs in again.
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

#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *staff_b;	/* staff, signed in */

/* ---- people and organizations ---------------------------------------- */

/* `whatson import orgs` of one organization; its id. */
static int64_t
org_made(const char *name, const char *country, const char *email)
{
	char desc[300];
	int64_t id;

	snprintf(desc, sizeof desc, "%s keeps records of who leaves.", name);
	id = ts_org_import(db_url, name, country, email, desc);
	assert_true(id > 0);
	return id;
}

/* `whatson user add` of a member of org (0: none, an applicant); their id. */
static int64_t
person(const char *email, const char *name, int64_t org)
{
	int64_t id = ts_person_add(db_url, email, name, org ? "member" : "applicant", org, PW);

	assert_true(id > 0);
	return id;
}

/* Staff make uid an admin of org. */
static void
make_admin(int64_t org, int64_t uid)
{
	char path[128];

	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)org,
	    (long long)uid);
	STATUS(ts_form(staff_b, path, "admin", "1", (char *)NULL), 303);
}

static struct ts_browser *
signed_in(const char *email)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);

	assert_int_equal(ts_signin(b, email, PW), 303);
	return b;
}

/* An API token for email. */
static void
token_of(const char *email, char *tok, size_t len)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);

	assert_int_equal(ts_token(b, email, PW, tok, len), 0);
	ts_browser_free(b);
}

static const struct ts_res *
leave_page(struct ts_browser *b, int64_t org)
{
	char path[96];

	snprintf(path, sizeof path, "/organizations/%lld/leave", (long long)org);
	return ts_form(b, path, (char *)NULL);
}

static const struct ts_res *
leave_api(struct ts_browser *b, const char *tok, int64_t org)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/organizations/%lld/leave", (long long)org);
	return ts_api(b, "POST", path, tok, "{}");
}

/* b's /api/v1/me, parsed. */
static json_t *
me(struct ts_browser *b)
{
	const struct ts_res *r = ts_api(b, "GET", "/api/v1/me", NULL, NULL);

	STATUS(r, 200);
	return ts_json(r);
}

/* ---- leaving --------------------------------------------------------- */

/*
 * A member leaves from the organization's page: gone from its people, an
 * applicant again with no organization, an audit line naming the
 * organization.  The last admin may not (409, page and API) until another
 * admin exists; nobody leaves an organization they are not in (404).
 */
static void
test_leave(void **state)
{
	int64_t a = org_made("Quay Ledger Group", "KE", "info@quay.example");
	int64_t b = org_made("Reed Basin Forum", "SN", "info@reed.example");
	int64_t ann = person("ann@quay.example", "Ann Quay", a);
	int64_t bo = person("bo@quay.example", "Bo Quay", a);
	int64_t di = person("di@quay.example", "Di Quay", a);
	struct ts_browser *ab, *bb, *cb, *web;
	const struct ts_res *r;
	char path[96], tok[80];
	json_t *j;

	(void)state;
	person("cy@reed.example", "Cy Reed", b);
	make_admin(a, ann);
	ab = signed_in("ann@quay.example");
	bb = signed_in("bo@quay.example");
	cb = signed_in("cy@reed.example");
	web = ts_browser_new(&srv, NULL);

	/* the organization's page offers its people the button */
	snprintf(path, sizeof path, "/organizations/%lld", (long long)a);
	r = ts_get(bb, path);
	STATUS(r, 200);
	snprintf(path, sizeof path, "/organizations/%lld/leave", (long long)a);
	HAS(r, path);
	HAS(r, "Leave this organization");
	r = ts_get(cb, "/organizations");	/* a member of another: no button there */
	STATUS(r, 200);
	snprintf(path, sizeof path, "/organizations/%lld", (long long)a);
	r = ts_get(cb, path);
	STATUS(r, 200);
	LACKS(r, "Leave this organization");

	/* the last admin: page and API */
	r = leave_page(ab, a);
	STATUS(r, 409);
	HAS(r, "last administrator");
	token_of("ann@quay.example", tok, sizeof tok);
	r = leave_api(web, tok, a);
	STATUS(r, 409);
	HAS(r, "Make someone else an administrator before you leave.");
	assert_non_null(strstr(ts_header(r, "Content-Type"), "problem+json"));

	/* not one of its people, or no such organization */
	STATUS(leave_page(cb, a), 404);
	STATUS(leave_api(cb, NULL, a), 404);
	STATUS(leave_api(cb, NULL, 999999), 404);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE org_id = %lld",
	    (long long)a), 3);

	/* a member leaves from the page */
	r = leave_page(bb, a);
	STATUS(r, 303);
	assert_string_equal(ts_header(r, "Location"), "/account");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE user_id = %lld",
	    (long long)bo), 0);
	j = me(bb);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "applicant");
	assert_int_equal(json_array_size(json_object_get(j, "organizations")), 0);
	json_decref(j);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'organization.person_left' AND user_id = %lld AND detail = "
	    "'organization %lld, user %lld'", (long long)bo, (long long)a, (long long)bo), 1);
	/* no longer in it */
	STATUS(leave_page(bb, a), 404);
	snprintf(path, sizeof path, "/organizations/%lld", (long long)a);
	LACKS(ts_get(ab, path), "Bo Quay");

	/* with a second admin, the first may go (API) */
	make_admin(a, di);
	r = leave_api(web, tok, a);
	STATUS(r, 200);
	j = ts_json(r);
	assert_true(json_is_true(json_object_get(j, "left")));
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), a);
	json_decref(j);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE org_id = %lld AND "
	    "user_id = %lld", (long long)a, (long long)ann), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE org_id = %lld",
	    (long long)a), 1);
	ts_browser_free(ab);
	ts_browser_free(bb);
	ts_browser_free(cb);
	ts_browser_free(web);
}

/* ---- the account page and /api/v1/me ---------------------------------- */

/* /api/v1/me lists the person's organizations with whether they are an
 * admin, and country and tz (null when not stored); /account links the
 * organizations and the application and shows the role. */
static void
test_me_and_account(void **state)
{
	int64_t a = org_made("Tern Point Alliance", "GH", "info@tern.example");
	int64_t b = org_made("Umber Valley Watch", "UG", "info@umber.example");
	int64_t eli = person("eli@tern.example", "Eli Tern", a);
	struct ts_browser *eb;
	const struct ts_res *r;
	char path[96];
	json_t *j, *orgs, *o;
	int64_t app;

	(void)state;
	make_admin(a, eli);
	eb = signed_in("eli@tern.example");
	snprintf(path, sizeof path, "/organizations/%lld/join-request", (long long)b);
	r = ts_form(eb, path, "message", "We work on the same coast.", (char *)NULL);
	STATUS(r, 303);
	app = strtoll(strrchr(ts_header(r, "Location"), '/') + 1, NULL, 10);
	assert_true(app > 0);

	j = me(eb);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "member");
	assert_true(json_is_null(json_object_get(j, "country")));
	assert_true(json_is_null(json_object_get(j, "tz")));
	assert_string_equal(json_string_value(json_object_get(j, "email")), "eli@tern.example");
	orgs = json_object_get(j, "organizations");
	assert_int_equal(json_array_size(orgs), 1);
	o = json_array_get(orgs, 0);
	assert_int_equal(json_integer_value(json_object_get(o, "id")), a);
	assert_string_equal(json_string_value(json_object_get(o, "name")), "Tern Point Alliance");
	assert_true(json_is_true(json_object_get(o, "admin")));
	json_decref(j);

	r = ts_get(eb, "/account");
	STATUS(r, 200);
	snprintf(path, sizeof path, "href=\"/organizations/%lld\"", (long long)a);
	HAS(r, path);
	HAS(r, "Tern Point Alliance");
	snprintf(path, sizeof path, "href=\"/applications/%lld\"", (long long)app);
	HAS(r, path);
	HAS(r, "<dd>Member</dd>");
	HAS(r, "href=\"/api/v1/me/export\"");
	HAS(r, "action=\"/account/delete\"");
	r = ts_get(eb, "/api/v1/account");
	STATUS(r, 200);
	j = ts_json(r);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "application"),
	    "id")), app);
	assert_int_equal(json_array_size(json_object_get(j, "organizations")), 1);
	json_decref(j);
	ts_browser_free(eb);
}

/* ---- the export ------------------------------------------------------ */

/* Everything about the person, as a download: account, memberships,
 * applications, sessions without their secrets, audit lines about them. */
static void
test_export(void **state)
{
	int64_t a = org_made("Vale Records Trust", "TZ", "info@vale.example");
	int64_t b = org_made("Wick Harbour Union", "MZ", "info@wick.example");
	int64_t fi = person("fi@vale.example", "Fi Vale", a);
	struct ts_browser *fb;
	const struct ts_res *r;
	const char *cookie;
	char path[96], cookie_copy[128];
	json_t *j, *it;
	size_t i;
	int found;

	(void)state;
	fb = signed_in("fi@vale.example");
	snprintf(path, sizeof path, "/organizations/%lld/join-request", (long long)b);
	STATUS(ts_form(fb, path, "message", "Fi asks.", (char *)NULL), 303);
	cookie = ts_cookie(fb, "ws_session");
	assert_non_null(cookie);
	snprintf(cookie_copy, sizeof cookie_copy, "%s", cookie);

	r = ts_api(fb, "GET", "/api/v1/me/export", NULL, NULL);
	STATUS(r, 200);
	assert_non_null(ts_header(r, "Content-Disposition"));
	assert_non_null(strstr(ts_header(r, "Content-Disposition"), "attachment"));
	LACKS(r, cookie_copy);		/* no session secret */
	j = ts_json(r);
	assert_non_null(j);
	it = json_object_get(j, "account");
	assert_int_equal(json_integer_value(json_object_get(it, "id")), fi);
	assert_string_equal(json_string_value(json_object_get(it, "email")), "fi@vale.example");
	assert_string_equal(json_string_value(json_object_get(it, "name")), "Fi Vale");
	it = json_array_get(json_object_get(j, "organizations"), 0);
	assert_int_equal(json_integer_value(json_object_get(it, "id")), a);
	it = json_array_get(json_object_get(j, "applications"), 0);
	assert_string_equal(json_string_value(json_object_get(it, "kind")), "join");
	assert_true(json_array_size(json_object_get(j, "sessions")) >= 1);
	found = 0;
	json_array_foreach(json_object_get(j, "audit"), i, it)
		found |= strcmp(json_string_value(json_object_get(it, "action")),
		    "application.join_request") == 0;
	assert_true(found);
	json_decref(j);
	ts_browser_free(fb);
}

/* ---- deleting the account -------------------------------------------- */

/* A wrong or missing password deletes nothing: 403 (422 when missing),
 * the person still signed in, their row as it was. */
static void
test_delete_wrong_password(void **state)
{
	int64_t gil = person("gil@nowhere.example", "Gil Nowhere", 0);
	struct ts_browser *gb = signed_in("gil@nowhere.example");
	const struct ts_res *r;
	char tok[80];

	(void)state;
	r = ts_form(gb, "/account/delete", "password", "not the password at all", (char *)NULL);
	STATUS(r, 403);
	HAS(r, "This is not your password. Nothing was deleted.");
	token_of("gil@nowhere.example", tok, sizeof tok);
	r = ts_api(gb, "DELETE", "/api/v1/me", tok, "{\"password\":\"wrong wrong wrong\"}");
	STATUS(r, 403);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "problem+json"));
	r = ts_api(gb, "DELETE", "/api/v1/me", tok, "{}");
	STATUS(r, 422);
	HAS(r, "\"password\"");
	STATUS(ts_get(gb, "/account"), 200);
	STATUS(ts_api(gb, "GET", "/api/v1/me", tok, NULL), 200);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM users WHERE id = %lld AND email = "
	    "'gil@nowhere.example' AND name = 'Gil Nowhere' AND status = 'active'",
	    (long long)gil), 1);
	ts_browser_free(gb);
}

/*
 * The person deletes their account from the page: their sessions and
 * tokens end at once, their name and every address they had are gone from
 * every row (users, audit log, applications), the audit log keeps its
 * lines about them, and their organization keeps its other people.
 */
static void
test_delete(void **state)
{
	int64_t a = org_made("Xylo Coast Observers", "BJ", "info@xylo.example");
	int64_t b = org_made("Yarrow Delta Panel", "TG", "info@yarrow.example");
	int64_t hal = person("hal@xylo.example", "Hal Xylo", a);
	int64_t ivy = person("ivy.quill@yarrow.example", "Ivy Quillfeather", b);
	int64_t audit_before;
	struct ts_browser *ib, *old, *anon;
	const struct ts_res *r;
	char path[128], tok[80], anon_mail[64], cookie[128];

	(void)state;
	make_admin(a, hal);
	ib = signed_in("ivy.quill@yarrow.example");
	/* her name and addresses reach the audit log and an application */
	snprintf(path, sizeof path, "/organizations/%lld/join-request", (long long)a);
	STATUS(ts_form(ib, path, "message", "I would like to join. Ivy Quillfeather", (char *)NULL), 303);
	STATUS(ts_form(ib, "/account/email", "current_password", PW, "email",
	    "ivy.new@quill.example", (char *)NULL), 200);
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/remove", (long long)b,
	    (long long)ivy);
	STATUS(ts_form(staff_b, path, (char *)NULL), 303);
	assert_true(ts_sql_int("SELECT count(*) FROM audit_log WHERE detail LIKE "
	    "'%%ivy.quill@yarrow.example%%'") >= 1);
	assert_true(ts_sql_int("SELECT count(*) FROM audit_log WHERE detail LIKE "
	    "'%%ivy.new@quill.example%%'") >= 1);
	assert_true(ts_sql_int("SELECT count(*) FROM applications WHERE data LIKE "
	    "'%%Ivy Quillfeather%%'") >= 1);
	/* Hal lets her into Xylo: she is one of its people when she goes */
	snprintf(path, sizeof path, "/organizations/%lld/requests/%lld/approve", (long long)a,
	    (long long)ts_sql_int("SELECT max(id) FROM applications WHERE user_id = %lld",
	    (long long)ivy));
	old = signed_in("hal@xylo.example");
	STATUS(ts_form(old, path, (char *)NULL), 303);
	ts_browser_free(old);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE user_id = %lld",
	    (long long)ivy), 1);
	token_of("ivy.quill@yarrow.example", tok, sizeof tok);
	snprintf(cookie, sizeof cookie, "ws_session=%s", ts_cookie(ib, "ws_session"));
	audit_before = ts_sql_int("SELECT count(*) FROM audit_log WHERE user_id = %lld",
	    (long long)ivy);

	r = ts_form(ib, "/account/delete", "password", PW, (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Your account is deleted");

	/* signed out everywhere, at once: the old cookie, the token */
	old = ts_browser_new(&srv, NULL);
	{
		const char *h[] = { NULL, NULL };
		char line[160];

		snprintf(line, sizeof line, "Cookie: %s", cookie);
		h[0] = line;
		r = ts_req(old, "GET", "/account", h, NULL, 0);
		STATUS(r, 303);
		assert_non_null(strstr(ts_header(r, "Location"), "/signin"));
	}
	STATUS(ts_api(old, "GET", "/api/v1/me", tok, NULL), 401);
	anon = ts_browser_new(&srv, NULL);
	assert_int_not_equal(ts_signin(anon, "ivy.quill@yarrow.example", PW), 303);
	assert_int_not_equal(ts_signin(anon, "ivy.new@quill.example", PW), 303);

	/* forgotten in every row */
	snprintf(anon_mail, sizeof anon_mail, "deleted-%lld@invalid", (long long)ivy);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM users WHERE id = %lld AND email = '%s' "
	    "AND name = 'Deleted user' AND password_hash = '' AND status = 'disabled' AND "
	    "deleted_at IS NOT NULL", (long long)ivy, anon_mail), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM users WHERE email LIKE '%%ivy%%' OR "
	    "name LIKE '%%Ivy%%'"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%%ivy%%' "
	    "OR detail LIKE '%%Ivy%%' OR detail LIKE '%%Quillfeather%%'"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM applications WHERE data LIKE "
	    "'%%ivy%%' OR data LIKE '%%Ivy%%' OR data LIKE '%%Quillfeather%%'"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr LIKE '%%ivy%%'"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM sessions WHERE user_id = %lld",
	    (long long)ivy), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM tokens WHERE user_id = %lld",
	    (long long)ivy), 0);
	/* the audit log keeps its lines, anonymized */
	assert_true(ts_sql_int("SELECT count(*) FROM audit_log WHERE user_id = %lld",
	    (long long)ivy) > audit_before);
	assert_true(ts_sql_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%%%s%%'",
	    anon_mail) >= 2);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'account.deleted' AND user_id = %lld", (long long)ivy), 1);
	/* her organization is untouched but for her */
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE user_id = %lld",
	    (long long)ivy), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE org_id = %lld AND "
	    "user_id = %lld AND is_admin = 1", (long long)a, (long long)hal), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM organizations WHERE id = %lld AND "
	    "status = 'approved'", (long long)a), 1);
	ts_browser_free(ib);
	ts_browser_free(old);
	ts_browser_free(anon);
}

/* The last admin of an organization with other people may not delete
 * their account (409, nothing deleted); the last admin alone may, and the
 * organization stays.  Through the API. */
static void
test_delete_last_admin(void **state)
{
	int64_t a = org_made("Zinnia Port Council", "LR", "info@zinnia.example");
	int64_t b = org_made("Alder Shore Network", "SL", "info@alder.example");
	int64_t jo = person("jo@zinnia.example", "Jo Zinnia", a);
	int64_t kim = person("kim@alder.example", "Kim Alder", b);
	struct ts_browser *web = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char tok[80], body[128];

	(void)state;
	person("lu@zinnia.example", "Lu Zinnia", a);
	make_admin(a, jo);
	make_admin(b, kim);
	snprintf(body, sizeof body, "{\"password\":\"%s\"}", PW);
	token_of("jo@zinnia.example", tok, sizeof tok);
	r = ts_api(web, "DELETE", "/api/v1/me", tok, body);
	STATUS(r, 409);
	HAS(r, "last administrator");
	STATUS(ts_api(web, "GET", "/api/v1/me", tok, NULL), 200);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM users WHERE id = %lld AND email = "
	    "'jo@zinnia.example'", (long long)jo), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE user_id = %lld",
	    (long long)jo), 1);

	token_of("kim@alder.example", tok, sizeof tok);
	r = ts_api(web, "DELETE", "/api/v1/me", tok, body);
	STATUS(r, 204);
	STATUS(ts_api(web, "GET", "/api/v1/me", tok, NULL), 401);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM users WHERE email = 'kim@alder.example'"),
	    0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM organizations WHERE id = %lld",
	    (long long)b), 1);
	ts_browser_free(web);
}

/* ---- the cleanup job (moves the clock: last) --------------------------- */

/* Waits up to 20 s for sql's count to be want (at_least: want or more);
 * its last value. */
static int64_t
count_waits(int64_t want, int at_least, const char *sql)
{
	int64_t until = ts_now_ms() + 20000, n;

	while ((n = ts_sql_int("%s", sql)) != want && !(at_least && n > want) &&
	    ts_now_ms() < until)
		usleep(50 * 1000);
	return n;
}

static int64_t
count_becomes(int64_t want, const char *sql)
{
	return count_waits(want, 0, sql);
}

/* Ended sessions and expired links are deleted by the recurring cleanup
 * job once their time is over, without anyone using them; the job queues
 * its next run. */
static void
test_cleanup_job(void **state)
{
	int64_t mo = person("mo@cleanup.example", "Mo Cleanup", 0);
	struct ts_browser *mb = signed_in("mo@cleanup.example");
	struct ts_browser *clock_b = ts_browser_new(&srv, NULL);
	char sessions[128], tokens[128];

	(void)state;
	STATUS(ts_form(mb, "/forgot", "email", "mo@cleanup.example", (char *)NULL), 200);
	snprintf(sessions, sizeof sessions, "SELECT count(*) FROM sessions WHERE user_id = %lld",
	    (long long)mo);
	snprintf(tokens, sizeof tokens, "SELECT count(*) FROM tokens WHERE user_id = %lld",
	    (long long)mo);
	assert_int_equal(ts_sql_int("%s", sessions), 1);
	assert_int_equal(ts_sql_int("%s", tokens), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM jobs WHERE kind = 'cleanup' AND "
	    "status = 'queued'"), 1);

	/* an hour on, the reset link has expired and the session has been
	 * idle too long; nobody uses either, the job deletes them */
	assert_int_equal(ts_clock_advance(clock_b, 3600 + 60), 200);
	assert_int_equal(count_becomes(0, tokens), 0);
	assert_int_equal(count_becomes(0, sessions), 0);
	/* the run is recorded done just after its deletions commit: wait */
	assert_true(count_waits(2, 1, "SELECT count(*) FROM jobs WHERE kind = 'cleanup' AND "
	    "status = 'done'") >= 2);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM jobs WHERE kind = 'cleanup' AND "
	    "status = 'queued'"), 1);
	ts_browser_free(mb);
	ts_browser_free(clock_b);
}

/* ---- the profile's changes -------------------------------------------- */

/* The text of the <li> of html that holds s ("" when none): one entry of a
 * list. */
static void
entry_with(const char *html, const char *s, char *out, size_t len)
{
	const char *at = strstr(html, s), *from, *to;

	*out = '\0';
	if (!at)
		return;
	for (from = at; from > html && strncmp(from, "<li>", 4) != 0; from--)
		;
	to = strstr(at, "</li>");
	if (!to)
		return;
	snprintf(out, len, "%.*s", (int)(to - from), from);
}

/* The profile's "Changes" names who made each change: an entry the hub
 * made itself (a migration, an import from the command line: nobody) names
 * nobody, though the newest entry, above it, has an author. */
static void
test_changes_without_author(void **state)
{
	int64_t org = org_made("Ibis Fjord Ledger", "IS", "info@ibisfjord.example");
	char path[128], tok[129], li[1024];
	const struct ts_res *r;
	struct ts_browser *b = ts_browser_new(&srv, NULL), *sb;

	(void)state;
	assert_true(ts_sql_int("INSERT INTO org_changes (org_id, at, user_id, changes) VALUES "
	    "(%lld, %lld, NULL, '{\"ecosoc_status\":[\"none\",\"special\"]}') RETURNING id",
	    (long long)org, (long long)time(NULL) - 60) > 0);
	token_of("sam@staff.example", tok, sizeof tok);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)org);
	STATUS(ts_api(b, "PATCH", path, tok, "{\"acronym\":\"TLW\"}"), 200);

	/* a new sign-in: the clock of test_cleanup_job ended staff_b's session */
	sb = signed_in("sam@staff.example");
	snprintf(path, sizeof path, "/organizations/%lld", (long long)org);
	r = ts_get(sb, path);
	STATUS(r, 200);
	HAS(r, "<h2>Changes</h2>");
	entry_with(r->body, "acronym", li, sizeof li);
	if (!strstr(li, "Sam Staff"))
		printf("# the newest entry: %s\n", li);
	assert_non_null(strstr(li, "Sam Staff"));
	entry_with(r->body, "ecosoc_status", li, sizeof li);
	if (!*li || strstr(li, "Sam Staff") || strstr(li, " · "))
		printf("# the hub's entry: %s\n", li);
	assert_true(*li);
	assert_null(strstr(li, "Sam Staff"));
	assert_null(strstr(li, " · "));
	ts_browser_free(b);
	ts_browser_free(sb);
}

static int
setup(void **state)
{
	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	if (ts_user_add(db_url, "sam@staff.example", "Sam Staff", "staff", PW) <= 0)
		return -1;
	staff_b = ts_browser_new(&srv, NULL);
	return ts_signin(staff_b, "sam@staff.example", PW) == 303 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(staff_b);
	ts_db_close();
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leave),
		cmocka_unit_test(test_me_and_account),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_delete_wrong_password),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_delete_last_admin),
		cmocka_unit_test(test_cleanup_job),
		cmocka_unit_test(test_changes_without_author),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("people", tests, setup, teardown);
}
