/*
 * opportunities_test.c -- the open opportunities (issue 15) as each kind of
 * person meets them: a visitor (401 from the API, a sign-in link on the
 * page, the calls open to everyone on the home page and in the Atom feed),
 * a member who is an organization's admin, an applicant with no
 * organization, a state focal point and staff.  A members-only call is
 * hidden from those who are not members, a call for another kind of
 * organization is not offered, what matches the person's themes comes
 * first on its day, a draft is offered to continue, what was answered or
 * registered for leaves the list, and a call leaves it (and the feed) once
 * the test clock passes its closing time.
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

#include "lib/api.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Ada, an admin of Quillon (an NGO in Kenya working on corruption);
 * Pat, an applicant with no organization; Fay, a state focal point */
static char staff_tok[129], ada_tok[129], pat_tok[129], fay_tok[129], una_tok[129];
static int64_t quillon, ada_id;
/* the calls and events the tests share (made in setup) */
static int64_t c_kenya, c_members, c_academia, c_soon, c_plain_day, e_themed, e_members;
static int64_t ten_days;	/* midnight UTC, ten days after the set-up: c_plain_day's day */

#define STAFF "sam.staff@opps.test"
#define ADA "ada@quillon-opps.example"
#define PAT "pat@opps.example"
#define FAY "fay.focal@opps.example"
#define UNA "una@opps.example"	/* signed in, then her address unconfirmed */
#define SOON_TITLE "Tools & <Training> for reporters"

/* ---- helpers ------------------------------------------------------------ */

static int
tokens(void)
{
	if (ts_token(plain, STAFF, PW, staff_tok, 129) || ts_token(plain, ADA, PW, ada_tok, 129) ||
	    ts_token(plain, PAT, PW, pat_tok, 129) || ts_token(plain, FAY, PW, fay_tok, 129))
		return -1;
	return 0;
}

/* Unix seconds t as RFC 3339 UTC into out. */
static const char *
utc(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

/* POST body (consumed) to path as staff; the new id. */
static int64_t
made(const char *path, json_t *body)
{
	return ta_made(path, staff_tok, body);
}

/* An open call titled title closing at closes (Unix seconds, UTC), with
 * eligibility el (consumed; NULL: anyone). */
static int64_t
call_made(const char *title, int64_t closes, json_t *el)
{
	char c[40];
	json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind", "workshop", "title", title,
	    "timezone", "UTC", "closes", utc(closes, c, sizeof c), "status", "open");

	if (el)
		json_object_set_new(b, "eligibility", el);
	return made("/api/v1/calls", b);
}

/* A published public event titled title for audience, on themes (a JSON
 * array, consumed), whose registration closes at closes (UTC). */
static int64_t
event_made(const char *title, const char *audience, json_t *themes, int64_t closes)
{
	char c[40], s[40], e[40];

	return made("/api/v1/events", json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}",
	    "kind", "workshop", "title", title, "timezone", "UTC", "start", utc(closes + 86400 * 3,
	    s, sizeof s), "end", utc(closes + 86400 * 3 + 7200, e, sizeof e),
	    "registration_closes", utc(closes, c, sizeof c), "status", "published", "visibility",
	    "public", "audience", audience, "themes", themes));
}

/* The opportunities of token (page 1, per_page n): the body, asserting 200. */
static json_t *
opps(const char *token, int n)
{
	char path[64];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/opportunities?per_page=%d", n);
	r = ta_api("GET", path, token, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

/* The index in list j's items of the opportunity of type and id; -1. */
static int
at(json_t *j, const char *type, int64_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "type")), type) == 0 &&
		    json_integer_value(json_object_get(it, "id")) == id)
			return (int)i;
	return -1;
}

static json_t *
item(json_t *j, const char *type, int64_t id)
{
	return json_array_get(json_object_get(j, "items"), (size_t)at(j, type, id));
}

/* ---- tests ---------------------------------------------------------------- */

/* A visitor: 401 from the API, a sign-in link on the page; the home page
 * lists the calls open to everyone, not the members-only one. */
static void
test_visitor(void **state)
{
	const struct ts_res *r;

	(void)state;
	STATUS(ta_api("GET", "/api/v1/opportunities", NULL, NULL), 401);
	r = ts_get(plain, "/opportunities?lang=en");
	STATUS(r, 200);
	HAS(r, "Sign in to see your opportunities");
	HAS(r, "/signin?next=/opportunities");
	r = ts_get(plain, "/?lang=en");
	STATUS(r, 200);
	HAS(r, "Open calls");
	HAS(r, "Tools &amp; &lt;Training&gt; for reporters");
	LACKS(r, "Members-only call");
	LACKS(r, "Your next opportunities");
}

/*
 * Ada, an admin of an NGO in Kenya working on corruption: the Kenyan call
 * marked "your country", the event on corruption marked and before the
 * call closing earlier that day, the members-only call and event offered,
 * the call for academia not; each with its deadline and its action.
 */
static void
test_member(void **state)
{
	json_t *j, *it;

	(void)state;
	j = opps(ada_tok, 50);
	assert_true(at(j, "call", c_kenya) >= 0);
	assert_true(at(j, "call", c_members) >= 0);
	assert_true(at(j, "call", c_soon) >= 0);
	assert_true(at(j, "event", e_members) >= 0);
	assert_int_equal(at(j, "call", c_academia), -1);
	it = item(j, "call", c_kenya);
	assert_true(json_is_true(json_object_get(json_object_get(it, "matches"), "country")));
	assert_string_equal(json_string_value(json_object_get(it, "action")), "apply");
	it = item(j, "event", e_themed);
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(it,
	    "matches"), "themes"), 0)), "corruption");
	assert_string_equal(json_string_value(json_object_get(it, "action")), "register");
	assert_non_null(strstr(json_string_value(json_object_get(it, "href")), "/events/"));
	/* first among equals: same day, the themed event before the call that
	 * closes four hours earlier; soonest deadline first otherwise */
	assert_true(at(j, "event", e_themed) < at(j, "call", c_plain_day));
	assert_true(at(j, "call", c_soon) < at(j, "call", c_kenya));
	assert_int_equal(json_integer_value(json_object_get(j, "total")),
	    (json_int_t)json_array_size(json_object_get(j, "items")));
	json_decref(j);

	/* pages */
	j = opps(ada_tok, 2);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_true(json_integer_value(json_object_get(j, "total")) > 2);
	assert_int_equal(json_integer_value(json_object_get(j, "next_page")), 2);
	json_decref(j);
	STATUS(ta_api("GET", "/api/v1/opportunities?per_page=0", ada_tok, NULL), 422);
}

/* Pat, an applicant with no organization: no members-only call or event,
 * no call for organizations only, and no call for Kenya (applying for
 * themselves, they are held to its countries through their own country,
 * and have none); the open ones are. */
static void
test_applicant(void **state)
{
	json_t *j;

	(void)state;
	j = opps(pat_tok, 50);
	assert_true(at(j, "call", c_soon) >= 0);
	assert_true(at(j, "call", c_plain_day) >= 0);
	assert_int_equal(at(j, "call", c_kenya), -1);
	assert_true(at(j, "event", e_themed) >= 0);
	assert_int_equal(at(j, "call", c_members), -1);
	assert_int_equal(at(j, "event", e_members), -1);
	assert_int_equal(at(j, "call", c_academia), -1);
	json_decref(j);
}

/* GET path as the holder of token, a page. */
static const struct ts_res *
page_as(struct ts_browser *b, const char *path, const char *token)
{
	char auth[160];
	const char *h[] = { auth, NULL };

	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	return ts_req(b, "GET", path, h, NULL, 0);
}

/* An account whose address is not confirmed can neither answer a call nor
 * register for an event: none is offered to it, and the page and the
 * home page say that confirming the address opens them; a confirmed
 * applicant is not told so. */
static void
test_unverified(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	json_t *j;

	(void)state;
	j = opps(una_tok, 50);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	assert_true(json_is_true(json_object_get(j, "verify_email")));
	json_decref(j);
	j = opps(pat_tok, 50);
	assert_true(at(j, "event", e_themed) >= 0);
	assert_true(json_is_false(json_object_get(j, "verify_email")));
	json_decref(j);

	b = ts_browser_new(&srv, NULL);
	r = page_as(b, "/opportunities?lang=en", una_tok);
	STATUS(r, 200);
	HAS(r, "Confirm your email address to answer calls and register for events");
	LACKS(r, "Corruption workshop");
	r = page_as(b, "/?lang=fr", una_tok);
	STATUS(r, 200);
	HAS(r, "Confirmez votre adresse électronique pour répondre aux appels");
	r = page_as(b, "/?lang=en", pat_tok);
	STATUS(r, 200);
	LACKS(r, "Confirm your email address to answer calls");
	ts_browser_free(b);
}

/* A focal point is no member: the members-only call is not theirs; staff
 * may answer every call but the one for academia alone. */
static void
test_focal_and_staff(void **state)
{
	json_t *j;

	(void)state;
	j = opps(fay_tok, 50);
	assert_int_equal(at(j, "call", c_members), -1);
	assert_true(at(j, "call", c_soon) >= 0);
	json_decref(j);
	j = opps(staff_tok, 50);
	assert_true(at(j, "call", c_members) >= 0);
	assert_true(at(j, "event", e_members) >= 0);
	assert_int_equal(at(j, "call", c_academia), -1);
	json_decref(j);
}

/*
 * A draft of one's own is offered to continue; a submitted application
 * and a registration take their opportunity off the list; the page and
 * the home page show what is left, marked.
 */
static void
test_answered(void **state)
{
	struct ts_browser *ada;
	const struct ts_res *r;
	char path[96];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c_kenya);
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:{}}", "answers")), 201);
	j = opps(ada_tok, 50);
	assert_string_equal(json_string_value(json_object_get(item(j, "call", c_kenya),
	    "action")), "continue");
	json_decref(j);

	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	r = ts_get(ada, "/opportunities?lang=en");
	STATUS(r, 200);
	HAS(r, "Continue your draft");
	HAS(r, "Matches your themes");
	HAS(r, "Your country");
	HAS(r, "Tools &amp; &lt;Training&gt; for reporters");
	LACKS(r, "Academia only");
	r = ts_get(ada, "/opportunities?lang=fr");
	HAS(r, "Opportunités ouvertes");
	HAS(r, "Reprendre votre brouillon");
	r = ts_get(ada, "/?lang=en");
	HAS(r, "Your next opportunities");
	HAS(r, "All your opportunities");
	ts_browser_free(ada);

	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c_members);
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:s,s:{}}", "status", "submitted",
	    "answers")), 201);
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)e_members);
	STATUS(ta_api("POST", path, ada_tok, json_object()), 201);
	j = opps(ada_tok, 50);
	assert_int_equal(at(j, "call", c_members), -1);
	assert_int_equal(at(j, "event", e_members), -1);
	assert_true(at(j, "call", c_kenya) >= 0);
	json_decref(j);
}

/* Runs python3's XML parser on body: 0 when it is well-formed Atom with
 * a feed id, title, updated and self link, and every entry an id, title,
 * updated and link. */
static int
atom_valid(const char *body)
{
	char file[] = "/tmp/opps-atom-XXXXXX", cmd[512];
	FILE *f;
	int fd = mkstemp(file), rc;

	if (fd < 0 || !(f = fdopen(fd, "w")))
		return -1;
	fputs(body, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "python3 -c '\n"
	    "import sys, xml.etree.ElementTree as E\n"
	    "A = \"{http://www.w3.org/2005/Atom}\"\n"
	    "f = E.parse(sys.argv[1]).getroot()\n"
	    "assert f.tag == A + \"feed\"\n"
	    "for n in (\"id\", \"title\", \"updated\"): assert len(f.findall(A + n)) == 1, n\n"
	    "assert any(l.get(\"rel\") == \"self\" for l in f.findall(A + \"link\"))\n"
	    "for e in f.findall(A + \"entry\"):\n"
	    "  for n in (\"id\", \"title\", \"updated\", \"link\"): assert len(e.findall(A + n)) == 1, n\n"
	    "' %s", file);
	rc = system(cmd);
	unlink(file);
	return rc;
}

/* The Atom feed: valid, the calls open to everyone with the title's & and
 * < escaped, not the members-only one; once the clock passes a call's
 * closing time it leaves the feed and everyone's opportunities. */
static void
test_feed_and_closing(void **state)
{
	const struct ts_res *r;
	char id[128];
	json_t *j;

	(void)state;
	r = ts_get(plain, "/calls.atom");
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "application/atom+xml"));
	assert_int_equal(atom_valid(r->body), 0);
	HAS(r, "<title>Tools &amp; &lt;Training&gt; for reporters</title>");
	snprintf(id, sizeof id, "/calls/%lld</id>", (long long)c_soon);
	HAS(r, id);
	LACKS(r, "Members-only call");

	assert_int_equal(ts_clock_advance(plain, 7200), 200);
	assert_int_equal(tokens(), 0);
	r = ts_get(plain, "/calls.atom");
	STATUS(r, 200);
	assert_int_equal(atom_valid(r->body), 0);
	LACKS(r, "Tools &amp;");
	j = opps(ada_tok, 50);
	assert_int_equal(at(j, "call", c_soon), -1);
	assert_true(at(j, "call", c_kenya) >= 0);
	json_decref(j);
	j = opps(pat_tok, 50);
	assert_int_equal(at(j, "call", c_soon), -1);
	json_decref(j);
	r = ts_get(plain, "/?lang=en");
	LACKS(r, "Tools &amp;");
}

/*
 * The home page's three are the list's first three, though it reads fewer:
 * Lin (Lumen, in Fiji) has three calls closing early on the tenth day
 * before the one for Fiji that closes at noon, which comes first on its
 * day (before the workshop on corruption, her theme too, later that day)
 * and is among her three, after the members' call and workshop.
 */
static void
test_home_first_three(void **state)
{
	struct ts_browser *staff;
	char lin_tok[129];
	const struct ts_res *r;
	json_t *home, *list, *a, *b;
	int64_t lumen, lin, fiji;
	size_t i;

	(void)state;
	lumen = ts_org_import(db_url, "Lumen Opportunity Circle", "FJ", "info@lumen-opps.example",
	    NULL);
	assert_true(lumen > 0);
	lin = ts_person_add(db_url, "lin@lumen-opps.example", "Lin Lumen", "member", lumen, PW);
	assert_true(lin > 0);
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(staff);
	assert_int_equal(ts_org_admin(staff, lumen, lin), 0);
	ts_browser_free(staff);
	assert_int_equal(ts_token(plain, "lin@lumen-opps.example", PW, lin_tok, 129), 0);
	for (i = 1; i <= 3; i++)
		call_made("An early call that day", ten_days + (int64_t)i * 3600, NULL);
	fiji = call_made("For Fiji, later that day", ten_days + 12 * 3600, json_pack("{s:[s]}",
	    "countries", "FJ"));

	list = opps(lin_tok, 3);
	r = ta_api("GET", "/api/v1/", lin_tok, NULL);
	STATUS(r, 200);
	home = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(home, "opportunities")), 3);
	json_array_foreach(json_object_get(home, "opportunities"), i, a) {
		b = json_array_get(json_object_get(list, "items"), i);
		assert_string_equal(json_string_value(json_object_get(a, "type")),
		    json_string_value(json_object_get(b, "type")));
		assert_int_equal(json_integer_value(json_object_get(a, "id")),
		    json_integer_value(json_object_get(b, "id")));
	}
	assert_int_equal(at(list, "call", fiji), 2);
	json_decref(home);
	json_decref(list);
	/* Ada's and Pat's too */
	{
		const char *const toks[] = { ada_tok, pat_tok };
		size_t t;

		for (t = 0; t < 2; t++) {
			list = opps(toks[t], 3);
			home = ts_jbody(ta_api("GET", "/api/v1/", toks[t], NULL));
			assert_int_equal(json_array_size(json_object_get(home, "opportunities")),
			    json_array_size(json_object_get(list, "items")));
			json_array_foreach(json_object_get(home, "opportunities"), i, a)
				assert_int_equal(json_integer_value(json_object_get(a, "id")),
				    json_integer_value(json_object_get(json_array_get(
				    json_object_get(list, "items"), i), "id")));
			json_decref(home);
			json_decref(list);
		}
	}
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;
	int64_t now, day;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Opportunity Trust", "KE",
	    "info@quillon-opps.example", NULL);
	if (quillon <= 0 ||
	    ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) <= 0 ||
	    (ada_id = ts_person_add(db_url, ADA, "Ada Quillon", "member", quillon, PW)) <= 0 ||
	    ts_person_add(db_url, PAT, "Pat Alone", "applicant", 0, PW) <= 0 ||
	    ts_person_add(db_url, FAY, "Fay Focal", "focal", 0, PW) <= 0 ||
	    ts_person_add(db_url, UNA, "Una Unconfirmed", "applicant", 0, PW) <= 0)
		return -1;
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0)
		return -1;
	ts_browser_free(staff);
	if (tokens() != 0 || ts_token(plain, UNA, PW, una_tok, 129) != 0)
		return -1;
	/* Una signed in, and her address is no longer confirmed (as after a
	 * change of address) */
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = '%s'", UNA);
	now = ta_now();
	day = ten_days = (now / 86400 + 10) * 86400;	/* midnight UTC, ten days on */
	c_soon = call_made(SOON_TITLE, now + 3600, NULL);
	c_kenya = call_made("Kenyan organizations", now + 86400 * 4, json_pack("{s:[s]}",
	    "countries", "KE"));
	c_members = call_made("Members-only call", now + 86400 * 3, json_pack("{s:s}",
	    "audience", "members"));
	c_academia = call_made("Academia only", now + 86400 * 2, json_pack("{s:[s],s:b}",
	    "organization_kinds", "academia", "experts", 0));
	c_plain_day = call_made("A call that day", day + 10 * 3600, NULL);
	e_themed = event_made("Corruption workshop", "open", json_pack("[s]", "corruption"),
	    day + 14 * 3600);
	e_members = event_made("Members' workshop", "members", json_pack("[s]", "gender"),
	    now + 86400 * 5);
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
		cmocka_unit_test(test_visitor),
		cmocka_unit_test(test_member),
		cmocka_unit_test(test_applicant),
		cmocka_unit_test(test_unverified),
		cmocka_unit_test(test_focal_and_staff),
		cmocka_unit_test(test_answered),
		cmocka_unit_test(test_feed_and_closing),
		cmocka_unit_test(test_home_first_three),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("opportunities", tests, setup, teardown);
}
