/*
 * events_pages_test.c -- the events pages (issue 14) as the people who
 * use them see them, without JavaScript: /events (upcoming, past, filters
 * as links with counts, pages, a month's calendar) and /events/{id} (the
 * event, its registration form, one's own registration and its Cancel
 * button), and the reader's time zone on the account page.
 *
 * A visitor is asked to sign in to register; an applicant is told a
 * members' event is for members, and registers for an open one; a member
 * sends the form with a required answer missing and a yes/no answered
 * "maybe", gets it back with a message by each question and what they
 * typed, then registers, sees their place confirmed and the online link,
 * and cancels.  A member of another organization cannot cancel it (404);
 * a state focal point sees members' events but is told they are for
 * members; staff see drafts and staff-only events.  Registering outside
 * the window is refused with the reason on the page (409).  An event in
 * Vienna across the night the clocks go back shows, to a reader in New
 * York and one in Kolkata, the local times python3's zoneinfo computes.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL).
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

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;	/* API calls */

static char staff_tok[129], mo_tok[129], fe_tok[129], pat_tok[129];
/* browsers: a visitor, an applicant, Ada (a member of Quillon), Mo (a
 * member of Meridian), Fe (a state focal point), staff */
static struct ts_browser *visitor, *pat, *ada, *mo, *fe, *sam;
/* events: public for members (with questions and a place online), for
 * members only, staff only, open to any account, cancelled, past, a
 * draft, one whose registration opens later, a webinar */
static int64_t ev_pub, ev_mem, ev_staff, ev_open, ev_cancelled, ev_past, ev_draft,
    ev_later, ev_webinar;

/* ---- helpers ------------------------------------------------------------ */

static int64_t
org_made(const char *name, const char *country, const char *email)
{
	char desc[300];
	int64_t id;

	snprintf(desc, sizeof desc, "%s trains people.", name);
	id = ts_org_import(db_url, name, country, email, desc);
	assert_true(id > 0);
	return id;
}

/* A browser signed in to a new account (of org when > 0). */
static struct ts_browser *
person(const char *email, const char *role, int64_t org)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	assert_true(ts_person_add(db_url, email, email, role, org, PW) > 0);
	assert_int_equal(ts_signin(b, email, PW), 303);
	return b;
}

/* A bearer token of email's account into tok. */
static void
token_of(const char *email, char *tok)
{
	const struct ts_res *r = ts_call(plain, "POST", "/api/v1/session", NULL,
	    json_pack("{s:s,s:s}", "email", email, "password", PW));
	json_t *j;

	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(tok, 129, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
}

/* An event staff create from body (consumed; kind, title, timezone, start,
 * end and status filled in when absent); its id. */
static int64_t
event_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(body, "kind"))
		json_object_set_new(body, "kind", json_string("workshop"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(body, "start"))
		json_object_set_new(body, "start", json_string("2031-06-10T09:00"));
	if (!json_object_get(body, "end"))
		json_object_set_new(body, "end", json_string("2031-06-10T17:00"));
	if (!json_object_get(body, "status"))
		json_object_set_new(body, "status", json_string("published"));
	r = ts_call(plain, "POST", "/api/v1/events", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static const char *
ev_path(int64_t id)
{
	static char p[4][64];
	static int n;

	n = (n + 1) % 4;
	snprintf(p[n], sizeof p[n], "/events/%lld", (long long)id);
	return p[n];
}

/* The event's page as b, asserting status. */
static const struct ts_res *
page(struct ts_browser *b, int64_t id, int status)
{
	const struct ts_res *r = ts_get(b, ev_path(id));

	STATUS(r, status);
	return r;
}

/* The register form's action for event id. */
static const char *
form_of(int64_t id)
{
	static char s[96];

	snprintf(s, sizeof s, "action=\"/events/%lld/register\"", (long long)id);
	return s;
}

/* ---- tests ---------------------------------------------------------------- */

/* A visitor sees the public events, upcoming first, and is asked to sign
 * in to register; members' and staff events are not there (404). */
static void
test_visitor(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = ts_get(visitor, "/events");
	STATUS(r, 200);
	HAS(r, "Members&#39; policy lab");
	HAS(r, "Open clinic");
	HAS(r, "Called-off forum");
	HAS(r, "aria-current=\"page\">Upcoming");
	LACKS(r, "Members only round table");
	LACKS(r, "Staff planning");
	LACKS(r, "Past assembly");	/* over: on the Past tab */
	LACKS(r, "Draft thoughts");
	r = ts_get(visitor, "/events?when=past");
	STATUS(r, 200);
	HAS(r, "Past assembly");
	LACKS(r, "Open clinic");
	r = page(visitor, ev_pub, 200);
	HAS(r, "<h1>Members&#39; policy lab</h1>");
	HAS(r, "Sign in to register");
	HAS(r, "/signin?next=/events/");
	LACKS(r, form_of(ev_pub));
	LACKS(r, "meet.example.org");	/* the online link is for those with a place */
	/* the description is Markdown, escaped */
	HAS(r, "<strong>Bring</strong>");
	LACKS(r, "<script>");
	page(visitor, ev_mem, 404);
	page(visitor, ev_staff, 404);
	page(visitor, ev_draft, 404);
	/* the JSON twins say the same */
	r = ts_call(visitor, "GET", "/api/v1/events", NULL, NULL);
	STATUS(r, 200);
	LACKS(r, "Members only round table");
	STATUS(ts_get(visitor, "/events/999999"), 404);
	STATUS(ts_get(visitor, "/events/x1"), 404);
	/* and nothing to do without an account */
	r = ts_post(visitor, "/events/1/register", "csrf", "x", (char *)NULL);
	assert_true(r->status == 401 || r->status == 403);
}

/* An applicant is told the members' event is for members (no form), and
 * registers for the open one. */
static void
test_applicant(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = page(pat, ev_pub, 200);
	HAS(r, "This event is for members of the hub.");
	LACKS(r, form_of(ev_pub));
	page(pat, ev_mem, 404);
	r = page(pat, ev_open, 200);
	HAS(r, form_of(ev_open));
	HAS(r, "Anyone with an account");
	r = ts_form(pat, "/events/0/register", (char *)NULL);
	STATUS(r, 404);
	/* the members' event by its form anyway: refused, said on the page */
	{
		char path[64];

		snprintf(path, sizeof path, "/events/%lld/register", (long long)ev_pub);
		r = ts_form(pat, path, (char *)NULL);
		STATUS(r, 403);
		HAS(r, "This event is for members of the hub.");
		snprintf(path, sizeof path, "/events/%lld/register", (long long)ev_open);
		r = ts_form(pat, path, (char *)NULL);
		STATUS(r, 303);
	}
	r = page(pat, ev_open, 200);
	HAS(r, "Registered: your place is confirmed");
}

/*
 * Ada registers through the form: a required answer left out and "maybe"
 * for a yes/no come back as messages by each question, with what she
 * typed; then right, her place is confirmed, the online link shows, and
 * she cancels.  Mo, of another organization, cannot cancel hers.
 */
static void
test_member_register(void **state)
{
	char path[96], cancel[128];
	const struct ts_res *r;
	const char *at;
	long long rid;

	(void)state;
	r = page(ada, ev_pub, 200);
	HAS(r, form_of(ev_pub));
	HAS(r, "Dietary needs <span class=\"required\">(required)</span>");
	HAS(r, "name=\"answers.size\" value=\"Large room\"");
	HAS(r, "name=\"answers.vegan\" value=\"yes\"");
	HAS(r, "places left: 2");
	snprintf(path, sizeof path, "/events/%lld/register", (long long)ev_pub);
	r = ts_form(ada, path, "answers.size", "Large room", "answers.vegan", "maybe",
	    "answers.note", "Arriving <late>", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "Some answers need your attention.");
	HAS(r, "This question needs an answer.");
	HAS(r, "Answer yes (true) or no (false).");
	HAS(r, "value=\"Large room\" checked");
	HAS(r, "Arriving &lt;late&gt;</textarea>");
	LACKS(r, "Registered:");
	/* an answer over its limit (2,000 bytes) is refused by its question */
	{
		char big[2100];

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		r = ts_form(ada, path, "answers.diet", big, "answers.size", "Small room",
		    (char *)NULL);
		STATUS(r, 422);
		HAS(r, "Answer with text of at most 2000 characters.");
		HAS(r, "value=\"Small room\" checked");
		LACKS(r, "Registered:");
	}
	/* a form from elsewhere (no CSRF token) does nothing */
	r = ts_post(ada, path, "answers.diet", "none", (char *)NULL);
	STATUS(r, 403);
	r = ts_form(ada, path, "answers.diet", "No nuts", "answers.size", "Large room",
	    "answers.vegan", "no", (char *)NULL);
	STATUS(r, 303);
	assert_non_null(strstr(ts_header(r, "Location"), "#registration"));
	r = page(ada, ev_pub, 200);
	HAS(r, "Registered: your place is confirmed");
	HAS(r, "https:&#x2F;&#x2F;meet.example.org&#x2F;lab");
	HAS(r, "places left: 1");
	LACKS(r, form_of(ev_pub));
	at = strstr(r->body, "registrations&#x2F;");
	assert_non_null(at);
	rid = strtoll(at + strlen("registrations&#x2F;"), NULL, 10);
	assert_true(rid > 0);
	snprintf(cancel, sizeof cancel, "/events/%lld/registrations/%lld/cancel",
	    (long long)ev_pub, rid);
	/* another organization's member: not theirs to see or cancel */
	r = page(mo, ev_pub, 200);
	LACKS(r, "Registered:");
	HAS(r, form_of(ev_pub));
	STATUS(ts_form(mo, cancel, (char *)NULL), 404);
	STATUS(ts_form(visitor, cancel, (char *)NULL), 401);
	r = page(ada, ev_pub, 200);
	HAS(r, "Registered: your place is confirmed");
	/* Ada cancels; the form is hers again */
	r = ts_form(ada, cancel, (char *)NULL);
	STATUS(r, 303);
	r = page(ada, ev_pub, 200);
	HAS(r, "You cancelled your registration.");
	HAS(r, form_of(ev_pub));
	LACKS(r, "meet.example.org");
	HAS(r, "places left: 2");
}

/* A focal point sees members' events and is told they are for members;
 * staff see drafts and staff-only events; a cancelled event says so and
 * has no form; registering before the window opens says when it does. */
static void
test_roles_and_states(void **state)
{
	char path[64];
	const struct ts_res *r;

	(void)state;
	r = page(fe, ev_mem, 200);
	HAS(r, "Members only round table");
	HAS(r, "This event is for members of the hub.");
	page(fe, ev_staff, 404);
	r = ts_get(fe, "/events");
	HAS(r, "Members only round table");
	LACKS(r, "Staff planning");
	r = page(mo, ev_mem, 200);
	HAS(r, form_of(ev_mem));
	r = page(sam, ev_staff, 200);
	HAS(r, "Staff planning");
	r = page(sam, ev_draft, 200);
	HAS(r, "This is a draft: only staff see it.");
	r = ts_get(sam, "/events?status=draft");
	HAS(r, "Draft thoughts");
	r = page(sam, ev_pub, 200);	/* staff see the online link */
	HAS(r, "https:&#x2F;&#x2F;meet.example.org&#x2F;lab");
	/* one place, approval asked: the statuses people read */
	{
		int64_t one = event_made(json_pack("{s:s,s:i}", "title", "One seat seminar",
		    "capacity", 1));
		int64_t asked = event_made(json_pack("{s:s,s:b}", "title", "Vetted workshop",
		    "approval_required", 1));

		snprintf(path, sizeof path, "/events/%lld/register", (long long)one);
		STATUS(ts_form(ada, path, (char *)NULL), 303);
		STATUS(ts_form(mo, path, (char *)NULL), 303);
		HAS(page(ada, one, 200), "Registered: your place is confirmed");
		r = page(mo, one, 200);
		HAS(r, "On the waiting list");
		HAS(r, "places left: 0");
		HAS(r, "Cancel my registration");
		snprintf(path, sizeof path, "/events/%lld/register", (long long)asked);
		STATUS(ts_form(mo, path, (char *)NULL), 303);
		r = page(mo, asked, 200);
		HAS(r, "Registered: waiting for staff to confirm your place");
		HAS(r, "staff confirm each place");
		r = ts_get(mo, "/events/0");
		STATUS(r, 404);
	}
	/* in French */
	r = ts_get(ada, "/events?lang=fr");
	STATUS(r, 200);
	r = page(ada, ev_pub, 200);
	HAS(r, "Inscription");
	HAS(r, "juin 2031");
	STATUS(ts_get(ada, "/events?lang=en"), 200);
	r = page(ada, ev_cancelled, 200);
	HAS(r, "This event is cancelled.");
	LACKS(r, form_of(ev_cancelled));
	snprintf(path, sizeof path, "/events/%lld/register", (long long)ev_cancelled);
	r = ts_form(ada, path, (char *)NULL);
	STATUS(r, 409);
	HAS(r, "This event is cancelled.");
	r = page(ada, ev_later, 200);
	LACKS(r, form_of(ev_later));
	HAS(r, "Registration opens on <time datetime=\"2031-05-01T09:00:00+02:00\">1 May 2031, "
	    "09:00 (UTC+2, Europe&#x2F;Vienna)</time>.");
	LACKS(r, "Registration is closed.");
	snprintf(path, sizeof path, "/events/%lld/register", (long long)ev_later);
	r = ts_form(ada, path, (char *)NULL);
	STATUS(r, 409);
	HAS(r, "Registration opens at 2031-05-01T09:00:00+02:00.");
	HAS(r, "role=\"alert\"");
}

/* The filters are links with counts that keep the rest of the query; pages
 * keep the filters; French names. */
static void
test_filters(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = ts_get(ada, "/events");
	HAS(r, "href=\"&#x2F;events?kind&#x3D;webinar\">Webinar</a> <span class=\"count\">1</span>");
	r = ts_get(ada, "/events?kind=webinar");
	STATUS(r, 200);
	HAS(r, "Trends webinar");
	LACKS(r, "Open clinic");
	HAS(r, "Events found: 1");
	HAS(r, "aria-current=\"true\">Webinar</a>");
	r = ts_get(ada, "/events?kind=webinar&theme=corruption");
	HAS(r, "Events found: 0");
	HAS(r, "No upcoming events match.");
	r = ts_get(ada, "/events?kind=nonsense");
	STATUS(r, 422);
	r = ts_get(ada, "/events?per_page=1&kind=workshop");
	STATUS(r, 200);
	HAS(r, "?kind&#x3D;workshop&amp;per_page&#x3D;1&amp;page=2\">Next</a>");
	r = ts_get(ada, "/events?lang=fr&kind=webinar");
	HAS(r, "Webinaire");
	HAS(r, "Événements trouvés");
	STATUS(ts_get(ada, "/events?lang=en"), 200);	/* the language is kept */
}

/* The month view: a table with a caption and column headers, each event on
 * its day with a link, the months before and after; in French too. */
static void
test_month_view(void **state)
{
	char link[96];
	const struct ts_res *r;

	(void)state;
	r = ts_get(ada, "/events?view=month&month=2031-06");
	STATUS(r, 200);
	HAS(r, "<table class=\"calendar\">");
	HAS(r, "<caption>June 2031</caption>");
	HAS(r, "<th scope=\"col\">Mon</th>");
	/* 1 June 2031 is a Sunday: six blank days before it */
	HAS(r, "<tr><td></td><td></td><td></td><td></td><td></td><td></td><td><span class=\"day\">1</span></td></tr>");
	snprintf(link, sizeof link, "<span class=\"day\">10</span><ul><li><a href=\"/events/%lld\">09:00 ",
	    (long long)ev_pub);
	HAS(r, link);
	HAS(r, "month&#x3D;2031-05\" rel=\"prev\">Previous month: May 2031</a>");
	HAS(r, "month&#x3D;2031-07\" rel=\"next\">Next month: July 2031</a>");
	LACKS(r, "Past assembly");
	r = ts_get(ada, "/events?view=month&month=2020-01");
	HAS(r, "Past assembly");
	r = ts_get(ada, "/events?view=month&month=2031-06&lang=fr");
	HAS(r, "<caption>juin 2031</caption>");
	HAS(r, "<th scope=\"col\">lun.</th>");
	STATUS(ts_get(ada, "/events?lang=en"), 200);
	STATUS(ts_get(ada, "/events?view=year"), 422);
	STATUS(ts_get(ada, "/events?view=month&month=2031-13"), 422);
	r = ts_get(ada, "/events?view=month");
	STATUS(r, 200);
	HAS(r, "<table class=\"calendar\">");
}

/* The reader's zone on the account page and PATCH /api/v1/me: an unknown
 * zone is refused by its field, what was typed kept. */
static void
test_account_timezone(void **state)
{
	const struct ts_res *r;
	json_t *j;

	(void)state;
	r = ts_form(mo, "/account/timezone", "tz", "Mars/Olympus_Mons", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "Choose a time zone of the tz database");
	HAS(r, "value=\"Mars&#x2F;Olympus_Mons\"");
	HAS(r, "Your organizations");
	r = ts_form(mo, "/account/timezone", "tz", "../../etc/passwd", (char *)NULL);
	STATUS(r, 422);
	{	/* over the 64 bytes of a zone's name */
		char big[200];

		memset(big, 'A', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		r = ts_form(mo, "/account/timezone", "tz", big, (char *)NULL);
		STATUS(r, 422);
		HAS(r, "This is too long.");
	}
	r = ts_form(mo, "/account/timezone", "tz", "America/New_York", (char *)NULL);
	STATUS(r, 303);
	r = ts_get(mo, "/account");
	HAS(r, "value=\"America&#x2F;New_York\"");
	r = ts_call(plain, "GET", "/api/v1/me", mo_tok, NULL);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "tz")), "America/New_York");
	json_decref(j);
	r = ts_call(plain, "PATCH", "/api/v1/me", fe_tok, json_pack("{s:s}", "tz",
	    "Nowhere/City"));
	STATUS(r, 422);
	j = ts_jbody(r);
	assert_non_null(json_object_get(json_object_get(j, "errors"), "tz"));
	json_decref(j);
	r = ts_call(plain, "PATCH", "/api/v1/me", fe_tok, json_pack("{s:s}", "tz",
	    "Asia/Kolkata"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "tz")), "Asia/Kolkata");
	json_decref(j);
	r = ts_call(plain, "PATCH", "/api/v1/me", pat_tok, json_pack("{s:s}", "tz",
	    "Europe/Vienna"));
	STATUS(r, 200);
	r = ts_call(plain, "PATCH", "/api/v1/me", pat_tok, json_pack("{s:n}", "tz"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_true(json_is_null(json_object_get(j, "tz")));
	json_decref(j);
}

/*
 * "30 October 2027, 14:00 UTC+2 – 1 November 2027, 17:00 UTC+1 (Europe/
 * Vienna)" as python3's zoneinfo gives it for zone: the span of the event
 * below in zone, as the pages write it, into out.  Computed apart from the
 * server's tz.c, from the same tz database.  -1 when python3 cannot.
 */
static int
py_span(const char *zone, char *out, size_t len)
{
	char cmd[2048];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof cmd, "python3 -c '\n"
	    "from datetime import datetime\n"
	    "from zoneinfo import ZoneInfo\n"
	    "v = ZoneInfo(\"Europe/Vienna\"); z = ZoneInfo(\"%s\")\n"
	    "s = datetime(2027, 10, 30, 14, 0, tzinfo=v).astimezone(z)\n"
	    "e = datetime(2027, 11, 1, 17, 0, tzinfo=v).astimezone(z)\n"
	    "M = [\"January\",\"February\",\"March\",\"April\",\"May\",\"June\",\"July\","
	    "\"August\",\"September\",\"October\",\"November\",\"December\"]\n"
	    "def off(d):\n"
	    "  m = int(d.utcoffset().total_seconds()) // 60\n"
	    "  sg = \"-\" if m < 0 else \"+\"; m = abs(m)\n"
	    "  return \"UTC%%s%%d\" %% (sg, m // 60) + (\":%%02d\" %% (m %% 60) if m %% 60 else \"\")\n"
	    "def day(d): return \"%%d %%s %%d\" %% (d.day, M[d.month - 1], d.year)\n"
	    "hm = lambda d: d.strftime(\"%%H:%%M\")\n"
	    "if off(s) == off(e):\n"
	    "  print(\"%%s, %%s – %%s, %%s (%%s, %%s)\" %% (day(s), hm(s), day(e), hm(e), off(s), \"%s\"))\n"
	    "else:\n"
	    "  print(\"%%s, %%s %%s – %%s, %%s %%s (%%s)\" %% (day(s), hm(s), off(s), day(e), hm(e), off(e), \"%s\"))\n"
	    "print(s.isoformat())\n' 2>/dev/null", zone, zone, zone);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	if (pclose(p) != 0 || n == 0)
		return -1;
	return 0;
}

/*
 * Daylight saving: a workshop in Vienna from Saturday 30 October 2027,
 * 14:00 (CEST, UTC+2) to Monday 1 November, 17:00 (CET, UTC+1) -- the
 * clocks go back on Sunday the 31st; New York's only on 7 November.  A
 * reader in New York sees 08:00 to 12:00 (UTC-4), one in Kolkata 17:30 to
 * 21:30 (UTC+5:30), each with the event's own times beside; a reader with
 * no zone sees Vienna's alone.  The expected text is python3's (zoneinfo),
 * checked against these hard-coded values from the tz database.
 */
static void
test_daylight_saving(void **state)
{
	static const struct {
		const char *zone, *text, *iso;
	} want[] = {
		{ "America/New_York", "30 October 2027, 08:00 – 1 November 2027, 12:00 "
		    "(UTC-4, America/New_York)", "2027-10-30T08:00:00-04:00" },
		{ "Asia/Kolkata", "30 October 2027, 17:30 – 1 November 2027, 21:30 "
		    "(UTC+5:30, Asia/Kolkata)", "2027-10-30T17:30:00+05:30" },
		{ "Europe/Vienna", "30 October 2027, 14:00 UTC+2 – 1 November 2027, 17:00 UTC+1 "
		    "(Europe/Vienna)", "2027-10-30T14:00:00+02:00" },
	};
	struct ts_browser *reader[3] = { mo, fe, ada };	/* New York, Kolkata, none */
	char py[512], esc[512], dt[96];
	const struct ts_res *r;
	int64_t id;
	size_t i, k;

	(void)state;
	/* the readers' zones, as test_account_timezone sets them */
	STATUS(ts_call(plain, "PATCH", "/api/v1/me", mo_tok, json_pack("{s:s}", "tz",
	    "America/New_York")), 200);
	STATUS(ts_call(plain, "PATCH", "/api/v1/me", fe_tok, json_pack("{s:s}", "tz",
	    "Asia/Kolkata")), 200);
	id = event_made(json_pack("{s:s,s:s,s:s}", "title", "Clocks week in Vienna", "start",
	    "2027-10-30T14:00", "end", "2027-11-01T17:00"));
	for (i = 0; i < 3; i++) {
		const char *s;

		if (py_span(want[i].zone, py, sizeof py) == 0) {
			char *nl = strchr(py, '\n');

			assert_non_null(nl);
			*nl = '\0';
			if (strcmp(py, want[i].text) != 0)
				printf("# python3 says %s, the test %s\n", py, want[i].text);
			assert_string_equal(py, want[i].text);
			assert_non_null(strstr(nl + 1, want[i].iso));
		} else {
			printf("# python3's zoneinfo is missing: the hard-coded values only\n");
		}
		/* the page escapes "/" */
		for (s = want[i].text, k = 0; *s && k + 8 < sizeof esc; s++) {
			if (*s == '/') {
				memcpy(esc + k, "&#x2F;", 6);
				k += 6;
			} else {
				esc[k++] = *s;
			}
		}
		esc[k] = '\0';
		r = page(reader[i], id, 200);
		snprintf(dt, sizeof dt, "<time datetime=\"%s\">", want[i].iso);
		HAS(r, dt);
		HAS(r, esc);
		if (i < 2) {
			HAS(r, "When (your time)");
			HAS(r, "30 October 2027, 14:00 UTC+2 – 1 November 2027, 17:00 UTC+1 "
			    "(Europe&#x2F;Vienna)");
		} else {
			LACKS(r, "When (your time)");
		}
		/* and the list and the month's calendar, on the reader's day */
		r = ts_get(reader[i], "/events?view=month&month=2027-10");
		snprintf(dt, sizeof dt, "<a href=\"/events/%lld\">%.5s ", (long long)id,
		    want[i].iso + 11);
		HAS(r, dt);
		r = ts_get(reader[i], "/events?month=2027-10");
		HAS(r, esc);
	}
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	int64_t quillon, meridian;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	quillon = org_made("Quillon Pages Trust", "KE", "info@quillon-evp.example");
	meridian = org_made("Meridian Pages Forum", "SN", "info@meridian-evp.example");
	sam = person("sam.staff@evp.test", "staff", 0);
	ada = person("ada@quillon-evp.example", "member", quillon);
	mo = person("mo@meridian-evp.example", "member", meridian);
	fe = person("fe@interior-evp.go.ke", "focal", 0);
	pat = person("pat@nowhere-evp.example", "applicant", 0);
	visitor = ts_browser_new(&srv, NULL);
	token_of("sam.staff@evp.test", staff_tok);
	token_of("mo@meridian-evp.example", mo_tok);
	token_of("fe@interior-evp.go.ke", fe_tok);
	token_of("pat@nowhere-evp.example", pat_tok);
	ev_pub = event_made(json_pack("{s:s,s:s,s:s,s:i,s:[s],s:[s,s],s:[{s:s,s:s,s:s,s:b},"
	    "{s:s,s:s,s:s,s:[s,s]},{s:s,s:s,s:s},{s:s,s:s,s:s}]}",
	    "title", "Members' policy lab", "description", "**Bring** a laptop <script>x</script>",
	    "online_url", "https://meet.example.org/lab", "capacity", 2, "themes", "corruption",
	    "languages", "en", "fr", "questions",
	    "id", "diet", "label", "Dietary needs", "type", "text", "required", 1,
	    "id", "size", "label", "Room", "type", "choice", "choices", "Large room", "Small room",
	    "id", "vegan", "label", "Vegan meals", "type", "yes_no",
	    "id", "note", "label", "Anything else", "type", "text"));
	ev_mem = event_made(json_pack("{s:s,s:s}", "title", "Members only round table",
	    "visibility", "members"));
	ev_staff = event_made(json_pack("{s:s,s:s}", "title", "Staff planning", "visibility",
	    "staff"));
	ev_open = event_made(json_pack("{s:s,s:s,s:s,s:s}", "title", "Open clinic", "audience",
	    "open", "start", "2031-06-12T10:00", "end", "2031-06-12T12:00"));
	ev_cancelled = event_made(json_pack("{s:s,s:s}", "title", "Called-off forum", "status",
	    "cancelled"));
	ev_past = event_made(json_pack("{s:s,s:s,s:s}", "title", "Past assembly", "start",
	    "2020-01-10T09:00", "end", "2020-01-10T12:00"));
	ev_draft = event_made(json_pack("{s:s,s:s}", "title", "Draft thoughts", "status",
	    "draft"));
	ev_later = event_made(json_pack("{s:s,s:s}", "title", "Later registration",
	    "registration_opens", "2031-05-01T09:00"));
	ev_webinar = event_made(json_pack("{s:s,s:s,s:s}", "title", "Trends webinar", "kind",
	    "webinar", "timezone", "UTC"));
	(void)ev_webinar;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(visitor);
	ts_browser_free(pat);
	ts_browser_free(ada);
	ts_browser_free(mo);
	ts_browser_free(fe);
	ts_browser_free(sam);
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visitor),
		cmocka_unit_test(test_applicant),
		cmocka_unit_test(test_member_register),
		cmocka_unit_test(test_roles_and_states),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_month_view),
		cmocka_unit_test(test_account_timezone),
		cmocka_unit_test(test_daylight_saving),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("events_pages", tests, setup, teardown);
}
