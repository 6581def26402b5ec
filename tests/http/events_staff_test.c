/*
 * events_staff_test.c -- staff deciding on events' registrations (issue
 * 14) through the API, as staff and the people registered meet it: five
 * people asking for three places are approved at once and three get a
 * place, two the waiting list; declining a confirmed person gives the
 * place to the first waiting; attendance is refused before the event
 * starts and taken after; each answer says which succeeded and why the
 * others did not; staff's list narrows by status, organization and name;
 * nobody but staff may decide.
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

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define NPEOPLE 5

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; five members of Quillon (Ada, Bo, Cy, Di, Ed); Fe a state focal
 * point; Pat an applicant */
static const char *const people[NPEOPLE] = { "ada", "bo", "cy", "di", "ed" };
static char staff_tok[129], tok[NPEOPLE][129], fe_tok[129], pat_tok[129], eve_tok[129];
static int64_t quillon;

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

/* A new API session of email in t. */
static void
signed_in(const char *email, char *t)
{
	const struct ts_res *r = ta_api("POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}",
	    "email", email, "password", PW));
	json_t *j;

	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(t, 129, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
}

static void
account(const char *email, const char *name, const char *role, int64_t org, char *t)
{
	assert_true(ts_person_add(db_url, email, name, role, org, PW) > 0);
	signed_in(email, t);
}

/* An event staff create from body (consumed; kind, timezone filled in);
 * its id. */
static int64_t
event_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	json_object_set_new(body, "kind", json_string("workshop"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	r = ta_api("POST", "/api/v1/events", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static json_t *
call_json(const char *method, const char *path, const char *token, json_t *body, int status)
{
	const struct ts_res *r = ta_api(method, path, token, body);

	STATUS(r, status);
	return ts_jbody(r);
}

/* Person i registers for event id: their registration's id, asserting
 * its status. */
static int64_t
registered(int64_t id, int i, const char *status)
{
	char path[96];
	json_t *g;
	int64_t rid;

	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	g = call_json("POST", path, tok[i], json_object(), 201);
	assert_string_equal(ta_str(g, "status"), status);
	rid = ta_num(g, "id");
	json_decref(g);
	return rid;
}

/* Staff's decision on event id's registrations rids[0..n): the answer. */
static json_t *
decided(int64_t id, const int64_t *rids, int n, const char *decision, const char *reason)
{
	json_t *ids = json_array(), *b;
	char path[128];
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(ids, json_integer(rids[i]));
	b = json_pack("{s:o,s:s}", "ids", ids, "decision", decision);
	if (reason)
		json_object_set_new(b, "reason", json_string(reason));
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/decisions", (long long)id);
	return call_json("POST", path, staff_tok, b, 200);
}

/* The status of registration rid of event id, as staff see it. */
static void
status_is(int64_t id, int64_t rid, const char *want)
{
	char path[128];
	json_t *g;

	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)id,
	    (long long)rid);
	g = call_json("GET", path, staff_tok, NULL, 200);
	if (strcmp(ta_str(g, "status"), want) != 0)
		printf("# registration %lld is %s, not %s\n", (long long)rid, ta_str(g,
		    "status"), want);
	assert_string_equal(ta_str(g, "status"), want);
	json_decref(g);
}

/* As ta_mail_says, passing over the earlier mails to `to` that this test
 * did not read (received, confirmed). */
static void
mail_among(const char *to, const char *subject, const char *part)
{
	struct ts_mail m;
	int i;

	for (i = 0; i < 10; i++) {
		if (ts_mail_wait(&sink, to, 20000, &m) != 0)
			break;
		if (strcmp(m.subject, subject) == 0) {
			if (!strstr(m.body, part))
				printf("# mail to %s: %s\n%s\n", to, m.subject, m.body);
			assert_non_null(strstr(m.body, part));
			ts_mail_free(&m);
			return;
		}
		ts_mail_free(&m);
	}
	fail_msg("no mail \"%s\" to %s", subject, to);
}

static char *
addr(int i)
{
	static char s[64];

	snprintf(s, sizeof s, "%s@quillon-st.example", people[i]);
	return s;
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * Five people ask for three places of a workshop that asks for approval:
 * staff approve the five at once, in the order they came; three are
 * confirmed and two waitlisted, and the event counts the same.  Approving
 * again, or a registration of no such id, is refused by name while the
 * others go through.  Declining a confirmed person gives their place to
 * the first waiting; declining a waitlisted one frees nothing.  Each is
 * mailed, and the organization's history has each decision.
 */
static void
test_approve_into_capacity(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:i,s:b}", "title", "Three places",
	    "start", "2029-03-01T09:00", "end", "2029-03-01T17:00", "status", "published",
	    "capacity", 3, "approval_required", 1));
	int64_t rids[NPEOPLE + 1], two[2];
	char path[160], list[128];
	const struct ts_res *r;
	json_t *j, *res;
	int i, confirmed = 0, waitlisted = 0;

	(void)state;
	for (i = 0; i < NPEOPLE; i++) {
		rids[i] = registered(id, i, "pending");
		ta_mail_says(&sink, addr(i), "We received your registration", "Three places",
		    NULL);
	}
	snprintf(list, sizeof list, "/api/v1/events/%lld/registrations", (long long)id);
	snprintf(path, sizeof path, "%s?status=pending", list);
	j = call_json("GET", path, staff_tok, NULL, 200);
	assert_int_equal(ta_num(j, "total"), NPEOPLE);
	assert_int_equal(ta_num(json_object_get(json_object_get(j, "facets"), "status"), "pending"),
	    NPEOPLE);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "email"),
	    addr(0));
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "organization"),
	    "Quillon Staff Trust");
	json_decref(j);

	/* all five at once, and one that is no registration of this event */
	rids[NPEOPLE] = 999999;
	j = decided(id, rids, NPEOPLE + 1, "approve", NULL);
	assert_int_equal(ta_num(j, "succeeded"), NPEOPLE);
	assert_int_equal(ta_num(j, "refused"), 1);
	res = json_object_get(j, "results");
	for (i = 0; i < NPEOPLE; i++) {
		json_t *x = json_array_get(res, (size_t)i);

		assert_int_equal(ta_num(x, "id"), rids[i]);
		assert_true(json_is_true(json_object_get(x, "ok")));
		assert_string_equal(ta_str(x, "status"), i < 3 ? "confirmed" : "waitlisted");
	}
	assert_true(json_is_false(json_object_get(json_array_get(res, NPEOPLE), "ok")));
	assert_string_equal(ta_str(json_array_get(res, NPEOPLE), "reason"),
	    "There is no such registration for this event.");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = call_json("GET", path, staff_tok, NULL, 200);
	assert_int_equal(ta_num(j, "confirmed"), 3);
	assert_int_equal(ta_num(j, "waitlisted"), 2);
	assert_int_equal(ta_num(j, "places_left"), 0);
	json_decref(j);
	for (i = 0; i < NPEOPLE; i++)
		ta_mail_says(&sink, addr(i),
		    i < 3 ? "Your place is confirmed" : "You are on the waiting list",
		    "Three places", NULL);

	/* again: refused, saying why; nothing changes */
	j = decided(id, rids, 1, "approve", NULL);
	assert_int_equal(ta_num(j, "succeeded"), 0);
	assert_int_equal(ta_num(j, "refused"), 1);
	assert_non_null(strstr(ta_str(json_array_get(json_object_get(j, "results"), 0), "reason"),
	    "Only a pending or declined registration"));
	json_decref(j);
	status_is(id, rids[0], "confirmed");

	/* Ada declined: Di, first waiting, takes her place; Ed declined frees
	 * nothing */
	two[0] = rids[0];
	two[1] = rids[4];
	j = decided(id, two, 2, "decline", "The workshop is for trainers.");
	assert_int_equal(ta_num(j, "succeeded"), 2);
	json_decref(j);
	status_is(id, rids[0], "declined");
	status_is(id, rids[3], "confirmed");
	status_is(id, rids[4], "declined");
	ta_mail_says(&sink, addr(3), "A place is yours", "Three places", NULL);
	/* the declined are told, with staff's reason */
	mail_among(addr(0), "Your registration was not accepted", "The workshop is for trainers.");
	mail_among(addr(4), "Your registration was not accepted", "The workshop is for trainers.");
	for (i = 0; i < NPEOPLE; i++) {
		snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld",
		    (long long)id, (long long)rids[i]);
		j = call_json("GET", path, staff_tok, NULL, 200);
		confirmed += strcmp(ta_str(j, "status"), "confirmed") == 0;
		waitlisted += strcmp(ta_str(j, "status"), "waitlisted") == 0;
		json_decref(j);
	}
	assert_int_equal(confirmed, 3);
	assert_int_equal(waitlisted, 0);

	/* staff's list narrows by status, organization and name or address */
	snprintf(path, sizeof path, "%s?status=declined", list);
	assert_int_equal(ta_total(path, staff_tok), 2);
	snprintf(path, sizeof path, "%s?q=CY%%40quillon", list);
	assert_int_equal(ta_total(path, staff_tok), 1);
	snprintf(path, sizeof path, "%s?organization=%lld", list, (long long)quillon);
	assert_int_equal(ta_total(path, staff_tok), NPEOPLE);
	snprintf(path, sizeof path, "%s?organization=%lld", list, (long long)quillon + 1000);
	assert_int_equal(ta_total(path, staff_tok), 0);
	snprintf(path, sizeof path, "%s?status=lost", list);
	STATUS(ta_api("GET", path, staff_tok, NULL), 422);
	/* a member sees their own, without staff's columns */
	r = ta_api("GET", list, tok[1], NULL);
	STATUS(r, 200);
	HAS(r, "\"total\":1");
	assert_false(ts_has(r, "\"email\""));
	assert_false(ts_has(r, "\"facets\""));

	/* the organization's history has the decisions */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Three places (declined)");
	HAS(r, "Three places (waitlisted)");
}

/* Bad requests name the field; nobody but staff may decide. */
static void
test_bad_and_forbidden(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:b}", "title", "Bad input",
	    "start", "2029-04-01T09:00", "end", "2029-04-01T17:00", "status", "published",
	    "approval_required", 1));
	int64_t rid = registered(id, 1, "pending");
	char path[128];
	const struct ts_res *r;
	json_t *ids;
	int i;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/decisions", (long long)id);
	r = ta_api("POST", path, staff_tok, json_object());
	STATUS(r, 422);
	HAS(r, "\"ids\"");
	HAS(r, "\"decision\"");
	r = ta_api("POST", path, staff_tok, json_pack("{s:[s],s:s}", "ids", "1", "decision",
	    "maybe"));
	STATUS(r, 422);
	HAS(r, "\"ids\"");
	HAS(r, "approve, decline, attended or absent");
	ids = json_array();
	for (i = 0; i < 501; i++)
		json_array_append_new(ids, json_integer(rid));
	r = ta_api("POST", path, staff_tok, json_pack("{s:o,s:s}", "ids", ids, "decision",
	    "approve"));
	STATUS(r, 422);
	HAS(r, "\"ids\"");
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s,s:i}", "ids", (json_int_t)rid,
	    "decision", "decline", "reason", 7));
	STATUS(r, 422);
	HAS(r, "\"reason\"");
	/* nobody else */
	STATUS(ta_api("POST", path, tok[1], json_pack("{s:[I],s:s}", "ids", (json_int_t)rid,
	    "decision", "approve")), 403);
	STATUS(ta_api("POST", path, fe_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)rid,
	    "decision", "approve")), 403);
	STATUS(ta_api("POST", path, pat_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)rid,
	    "decision", "approve")), 403);
	STATUS(ta_api("POST", path, NULL, json_pack("{s:[I],s:s}", "ids", (json_int_t)rid,
	    "decision", "approve")), 401);
	status_is(id, rid, "pending");
	/* no such event */
	STATUS(ta_api("POST", "/api/v1/events/999999/registrations/decisions", staff_tok,
	    json_pack("{s:[I],s:s}", "ids", (json_int_t)rid, "decision", "approve")), 404);
}

/*
 * The registrations as CSV, from the staff page and from the command
 * line: a column per question, answers in them, and a cell that a
 * spreadsheet would run as a formula shown as text.
 */
static void
test_csv(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s,s:[s,s]},{s:s,s:s,s:s},"
	    "{s:s,s:s,s:s}]}", "title", "Spreadsheet day", "start", "2029-05-01T09:00", "end",
	    "2029-05-01T17:00", "status", "published", "questions", "id", "track", "label",
	    "Which track?", "type", "choice", "choices", "Law", "Practice", "id", "diet", "label",
	    "Diet", "type", "text", "id", "first", "label", "First time?", "type", "yes_no"));
	char path[128], out[8192], ev[24];
	const struct ts_res *r;
	json_t *g;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	g = call_json("POST", path, eve_tok, json_pack("{s:{s:s,s:s,s:b}}", "answers", "track",
	    "Law", "diet", "-2 vegan, \"no\" nuts", "first", 1), 201);
	json_decref(g);
	snprintf(path, sizeof path, "/staff/events/%lld/registrations.csv", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "text/csv"));
	HAS(r, "name,email,organization,country,status,registered_at,decided_at,Which track?,"
	    "Diet,First time?\r\n");
	HAS(r, "\"'=SUM(A1) Eve\",eve@quillon-st.example,Quillon Staff Trust,KE,confirmed,");
	HAS(r, ",Law,\"'-2 vegan, \"\"no\"\" nuts\",yes\r\n");
	/* nobody but staff */
	STATUS(ta_api("GET", path, tok[0], NULL), 403);
	STATUS(ta_api("GET", path, fe_tok, NULL), 403);
	assert_true(ta_api("GET", path, NULL, NULL)->status != 200);
	snprintf(path, sizeof path, "/staff/events/999999/registrations.csv");
	STATUS(ta_api("GET", path, staff_tok, NULL), 404);

	/* the same from the command line */
	snprintf(ev, sizeof ev, "%lld", (long long)id);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "export", "registrations", "--event",
	    ev, "--db", db_url, (char *)NULL), 0);
	assert_non_null(strstr(out, "\"'=SUM(A1) Eve\",eve@quillon-st.example,"));
	assert_non_null(strstr(out, ",Law,\"'-2 vegan, \"\"no\"\" nuts\",yes\r\n"));
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "export", "registrations", "--event",
	    "999999", "--db", db_url, (char *)NULL), 1);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "export", "registrations", "--db",
	    db_url, (char *)NULL), 2);
}

/*
 * Staff's pages: the list of events with drafts and counts, the
 * registrants with their answers, the bulk form deciding on those ticked
 * (and saying what to fix when none is), copy, publish, and cancel only
 * with the box ticked.  Nobody but staff sees them.
 */
static void
test_pages(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:b,s:i,s:[{s:s,s:s,s:s}]}", "title",
	    "Page workshop", "start", "2029-06-01T09:00", "end", "2029-06-01T17:00", "status",
	    "published", "approval_required", 1, "capacity", 10, "questions", "id", "why",
	    "label", "Why come?", "type", "text"));
	char path[128], list[128];
	const struct ts_res *r;
	json_t *g, *j, *x;
	int64_t rid[2], copy = 0;
	size_t i;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	for (i = 0; i < 2; i++) {
		g = call_json("POST", path, tok[i + 2], json_pack("{s:{s:s}}", "answers", "why",
		    i ? "To meet peers" : "To learn the law"), 201);
		rid[i] = ta_num(g, "id");
		json_decref(g);
	}
	r = ta_api("GET", "/staff/events?when=all", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Page workshop");
	HAS(r, "1 June 2029, 09:00 (UTC+2, Europe&#x2F;Vienna)");	/* times in words */
	HAS(r, "<td>Workshop</td>");	/* kinds too */
	HAS(r, "Cancel the event");
	snprintf(list, sizeof list, "/staff/events/%lld/registrations", (long long)id);
	r = ta_api("GET", list, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Cy Quill");
	HAS(r, "di@quillon-st.example");
	HAS(r, "Why come?: To learn the law");
	HAS(r, "name=\"ids\"");
	HAS(r, "registrations.csv");
	HAS(r, "<td>Awaiting approval</td>");	/* statuses in words */
	HAS(r, "Published on the site");
	snprintf(path, sizeof path, "%s?lang=fr", list);
	r = ta_api("GET", path, staff_tok, NULL);
	HAS(r, "<td>En attente d’approbation</td>");
	r = ta_api("GET", "/staff/events?lang=fr", staff_tok, NULL);
	HAS(r, "Publié sur le site");
	HAS(r, "1 juin 2029, 09:00 (UTC+2, Europe&#x2F;Vienna)");
	HAS(r, "<td>Atelier</td>");
	snprintf(path, sizeof path, "/staff/events/%lld/edit", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	HAS(r, "<option value=\"public\" selected>Tout le monde (public)</option>");
	HAS(r, "<option value=\"open\">Toute personne dont le compte est vérifié</option>");
	STATUS(ta_api("GET", "/staff/events?lang=en", staff_tok, NULL), 200);	/* back */
	snprintf(path, sizeof path, "/staff/events/%lld/edit", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	HAS(r, "<option value=\"workshop\" selected>Workshop</option>");
	HAS(r, "<option value=\"staff\">Staff only</option>");
	/* in the zone the staff member chose */
	STATUS(ta_api("PATCH", "/api/v1/me", staff_tok, json_pack("{s:s}", "tz",
	    "Asia/Bangkok")), 200);
	r = ta_api("GET", list, staff_tok, NULL);
	HAS(r, "1 June 2029, 14:00 (UTC+7, Asia&#x2F;Bangkok)");
	STATUS(ta_api("PATCH", "/api/v1/me", staff_tok, json_pack("{s:n}", "tz")), 200);

	/* the JSON twins: the same data as the pages */
	j = call_json("GET", "/api/v1/staff/events?when=all&kind=workshop", staff_tok, NULL, 200);
	x = NULL;
	json_array_foreach(json_object_get(j, "items"), i, g)
		if (strcmp(ta_str(g, "title"), "Page workshop") == 0)
			x = g;
	assert_non_null(x);
	assert_string_equal(ta_str(x, "kind_label"), "Workshop");
	assert_string_equal(ta_str(x, "status_label"), "Published on the site");
	assert_string_equal(ta_str(x, "start"), "2029-06-01T09:00:00+02:00");
	assert_string_equal(ta_str(json_object_get(x, "when"), "text"),
	    "1 June 2029, 09:00 (UTC+2, Europe/Vienna)");
	assert_int_equal(ta_num(json_object_get(x, "counts"), "pending"), 2);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1%s", list);
	j = call_json("GET", path, staff_tok, NULL, 200);
	assert_int_equal(ta_num(j, "total"), 2);
	assert_string_equal(ta_str(json_object_get(j, "event"), "title"), "Page workshop");
	x = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(ta_str(x, "name"), "Cy Quill");
	assert_string_equal(ta_str(x, "status_label"), "Awaiting approval");
	assert_string_equal(ta_str(json_array_get(json_object_get(x, "answer_list"), 0), "answer"),
	    "To learn the law");
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "statuses"), 0), "label"),
	    "Awaiting approval");
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "statuses"), 0), "count"), 2);
	json_decref(j);
	STATUS(ta_api("GET", path, tok[0], NULL), 403);
	STATUS(ta_api("GET", "/api/v1/staff/events", fe_tok, NULL), 403);
	STATUS(ta_api("GET", "/api/v1/staff/events/999999/registrations", staff_tok, NULL), 404);
	STATUS(ta_api("GET", "/api/v1/staff/events?status=lost", staff_tok, NULL), 422);

	/* the form, as a browser sends it: ids as text */
	snprintf(path, sizeof path, "%lld", (long long)rid[0]);
	r = ta_api("POST", list, staff_tok, json_pack("{s:s,s:s}", "ids", path, "decision",
	    "approve"));
	STATUS(r, 200);
	HAS(r, "Done:");
	HAS(r, "<li>Cy Quill: Approved: Place confirmed</li>");	/* in words */
	status_is(id, rid[0], "confirmed");
	r = ta_api("POST", list, staff_tok, json_pack("{s:s,s:s}", "ids", path, "decision",
	    "approve"));
	HAS(r, "<li>Cy Quill: Refused: Only a pending or declined registration can be "
	    "approved.</li>");
	r = ta_api("POST", list, staff_tok, json_pack("{s:s}", "decision", "approve"));
	STATUS(r, 422);
	HAS(r, "List from 1 to 500 registrations");
	status_is(id, rid[1], "pending");

	/* copy: a draft, same fields, no registrations */
	snprintf(path, sizeof path, "/staff/events/%lld/copy", (long long)id);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 303);
	j = call_json("GET", "/api/v1/events?when=all&status=draft&per_page=200", staff_tok,
	    NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, x)
		if (strcmp(ta_str(x, "title"), "Copy of Page workshop") == 0) {
			copy = ta_num(x, "id");
			assert_int_equal(ta_num(x, "capacity"), 10);
			assert_int_equal(ta_num(x, "confirmed"), 0);
			assert_string_equal(ta_str(json_array_get(json_object_get(x,
			    "questions"), 0), "label"), "Why come?");
		}
	json_decref(j);
	assert_true(copy > 0);
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)copy);
	assert_int_equal(ta_total(path, staff_tok), 0);
	/* publish it */
	snprintf(path, sizeof path, "/staff/events/%lld/publish", (long long)copy);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 303);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 409);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)copy);
	j = call_json("GET", path, NULL, NULL, 200);
	assert_string_equal(ta_str(j, "status"), "published");
	json_decref(j);
	/* someone registers for it, and is told when staff cancel it */
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)copy);
	json_decref(call_json("POST", path, tok[2], json_pack("{s:{s:s}}", "answers", "why",
	    "To see the copy"), 201));
	/* cancel: only with the box ticked */
	snprintf(path, sizeof path, "/staff/events/%lld/cancel", (long long)copy);
	r = ta_api("POST", path, staff_tok, json_object());
	STATUS(r, 422);
	HAS(r, "Tick the box");
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "confirm", "yes")), 303);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)copy);
	j = call_json("GET", path, NULL, NULL, 200);
	assert_string_equal(ta_str(j, "status"), "cancelled");
	json_decref(j);
	mail_among(addr(2), "An event you registered for is cancelled", "Copy of Page workshop");

	/* nobody else */
	snprintf(list, sizeof list, "/staff/events/%lld/registrations", (long long)id);
	STATUS(ta_api("GET", "/staff/events", tok[0], NULL), 403);
	STATUS(ta_api("GET", "/staff/events", fe_tok, NULL), 403);
	STATUS(ta_api("GET", list, pat_tok, NULL), 403);
	STATUS(ta_api("POST", list, tok[0], json_pack("{s:s,s:s}", "ids", "1", "decision",
	    "approve")), 403);
	snprintf(path, sizeof path, "/staff/events/%lld/copy", (long long)id);
	STATUS(ta_api("POST", path, tok[0], json_object()), 403);
	assert_true(ta_api("GET", "/staff/events", NULL, NULL)->status != 200);
	status_is(id, rid[1], "pending");
}

/*
 * The event form: the API's checks, each message by its field and what
 * was typed kept (an unknown zone; then the end before the start and
 * registration closing after it; a capacity below those confirmed).
 */
static void
test_form(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:i}", "title", "Two confirmed",
	    "start", "2029-08-01T09:00", "end", "2029-08-01T17:00", "status", "published",
	    "capacity", 5));
	char path[128];
	const struct ts_res *r;

	(void)state;
	r = ta_api("GET", "/staff/events/new", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "name=\"timezone\"");
	r = ta_api("POST", "/staff/events/new", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}",
	    "title", "Form event", "kind", "workshop", "start", "2029-07-01T17:00", "end",
	    "2029-07-01T09:00", "timezone", "Nowhere_Zone"));
	STATUS(r, 422);
	HAS(r, "Choose a time zone of the tz database");
	HAS(r, "value=\"Nowhere_Zone\"");
	HAS(r, "value=\"Form event\"");
	r = ta_api("POST", "/staff/events/new", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}",
	    "title", "Form event", "kind", "workshop", "start", "2029-07-01T17:00", "end",
	    "2029-07-01T09:00", "timezone", "Asia/Bangkok",
	    "registration_closes", "2029-07-02T09:00"));
	STATUS(r, 422);
	HAS(r, "The end must be after the start.");
	HAS(r, "Registration must close by the start of the event.");
	HAS(r, "value=\"2029-07-01T17:00\"");
	HAS(r, "value=\"2029-07-02T09:00\"");
	STATUS(ta_api("POST", "/staff/events/new", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}",
	    "title", "Form event", "kind", "webinar", "start", "2029-07-01T09:00", "end",
	    "2029-07-01T17:00", "timezone", "Asia/Bangkok")), 303);
	r = ta_api("GET", "/staff/events?when=all&status=draft", staff_tok, NULL);
	HAS(r, "Form event");

	registered(id, 0, "confirmed");
	registered(id, 1, "confirmed");
	snprintf(path, sizeof path, "/staff/events/%lld/edit", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "value=\"Two confirmed\"");
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s}", "title", "Two confirmed, edited",
	    "capacity", "1"));
	STATUS(r, 422);
	HAS(r, "The capacity cannot be below the number of people already confirmed.");
	HAS(r, "value=\"Two confirmed, edited\"");
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s,s:s}", "title",
	    "Two confirmed, edited", "capacity", "2")), 303);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	HAS(r, "Two confirmed, edited");
	HAS(r, "\"capacity\":2");
	STATUS(ta_api("GET", "/staff/events/new", tok[0], NULL), 403);
	snprintf(path, sizeof path, "/staff/events/%lld/edit", (long long)id);
	STATUS(ta_api("POST", path, fe_tok, json_pack("{s:s}", "title", "Taken over")), 403);
}

/* No unread mail to `to` now has subject (after the mails this test
 * waited for, which were queued later). */
static void
no_mail_with(const char *to, const char *subject)
{
	struct ts_mail m;
	int n = ts_mail_count(&sink, to);

	while (n-- > 0 && ts_mail_wait(&sink, to, 1000, &m) == 0) {
		if (strcmp(m.subject, subject) == 0)
			fail_msg("%s got \"%s\" once too often", to, subject);
		ts_mail_free(&m);
	}
}

/*
 * Staff mail an event's people: the confirmed get it, each once; the
 * waitlisted only when asked; the pending, declined and cancelled never.
 * The page lists what was sent (when, by whom, subject, to how many);
 * its form says what to fix and keeps what was typed; the API answers 202
 * with the count, refuses bad input by field and anyone but staff.
 */
static void
test_mail(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:i,s:b}", "title", "Mailed workshop",
	    "start", "2029-09-01T09:00", "end", "2029-09-01T17:00", "status", "published",
	    "capacity", 2, "approval_required", 1));
	int64_t rids[NPEOPLE], eve_rid;
	char path[160], page[128], big[20100];
	const struct ts_res *r;
	json_t *j, *g;
	int i;

	(void)state;
	for (i = 0; i < NPEOPLE; i++)
		rids[i] = registered(id, i, "pending");
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	g = call_json("POST", path, eve_tok, json_object(), 201);
	eve_rid = ta_num(g, "id");
	json_decref(g);
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)id,
	    (long long)eve_rid);
	STATUS(ta_api("DELETE", path, eve_tok, NULL), 200);
	/* Ada, Bo confirmed; Cy waitlisted; Di declined; Ed pending; Eve cancelled */
	json_decref(decided(id, rids, 3, "approve", NULL));
	json_decref(decided(id, rids + 3, 1, "decline", NULL));
	status_is(id, rids[2], "waitlisted");

	snprintf(path, sizeof path, "/api/v1/events/%lld/mail", (long long)id);
	j = call_json("POST", path, staff_tok, json_pack("{s:s,s:s}", "subject",
	    "Bring your laptop", "body", "Please **bring a laptop**: we work on cases."), 202);
	assert_int_equal(ta_num(j, "recipients"), 2);
	json_decref(j);
	for (i = 0; i < 2; i++)
		mail_among(addr(i), "Bring your laptop", "Please **bring a laptop**: we work on cases.");
	/* the page for staff: the form, and the message with who sent it to how many */
	snprintf(page, sizeof page, "/staff/events/%lld/registrations", (long long)id);
	r = ta_api("GET", page, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Mail the participants");
	HAS(r, "<td>Sam Staff</td><td>Bring your laptop</td><td>2</td>");

	/* from the form, with the waiting list */
	snprintf(path, sizeof path, "/staff/events/%lld/mail", (long long)id);
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "subject", "Room changed",
	    "body", "We meet in room B.", "include_waitlisted", "1"));
	STATUS(r, 200);
	HAS(r, "Your message is on its way to 3 people.");
	HAS(r, "<td>Room changed</td><td>3 (waiting list included)</td>");
	for (i = 0; i < 3; i++)
		mail_among(addr(i), "Room changed", "We meet in room B.");
	/* the page's twin lists both, newest first, each mailed to all */
	snprintf(page, sizeof page, "/api/v1/staff/events/%lld/registrations", (long long)id);
	j = call_json("GET", page, staff_tok, NULL, 200);
	g = json_array_get(json_object_get(j, "messages"), 0);
	assert_string_equal(ta_str(g, "subject"), "Room changed");
	assert_string_equal(ta_str(g, "sent_by"), "Sam Staff");
	assert_int_equal(ta_num(g, "recipients"), 3);
	assert_int_equal(ta_num(g, "mailed"), 3);
	assert_true(json_is_true(json_object_get(g, "include_waitlisted")));
	g = json_array_get(json_object_get(j, "messages"), 1);
	assert_string_equal(ta_str(g, "subject"), "Bring your laptop");
	assert_int_equal(ta_num(g, "mailed"), 2);
	json_decref(j);
	/* nobody twice; nobody else */
	for (i = 0; i < NPEOPLE; i++) {
		no_mail_with(addr(i), "Bring your laptop");
		no_mail_with(addr(i), "Room changed");
	}
	no_mail_with("eve@quillon-st.example", "Bring your laptop");
	no_mail_with("eve@quillon-st.example", "Room changed");

	/* the form says what to fix and keeps what was typed */
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s}", "subject", " ", "body",
	    "Kept text"));
	STATUS(r, 422);
	HAS(r, "Write a subject.");
	HAS(r, ">Kept text</textarea>");
	memset(big, 'x', 201);
	big[201] = '\0';
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "subject", big, "body", "",
	    "include_waitlisted", "1"));
	STATUS(r, 422);
	HAS(r, "Keep the subject to 200 characters.");
	HAS(r, "Write the message.");
	HAS(r, "name=\"include_waitlisted\" type=\"checkbox\" value=\"1\" checked");
	memset(big, 'y', 20001);
	big[20001] = '\0';
	snprintf(page, sizeof page, "%s?lang=fr", path);
	r = ta_api("POST", page, staff_tok, json_pack("{s:s,s:s}", "subject", "Long", "body", big));
	STATUS(r, 422);
	HAS(r, "Le message ne doit pas dépasser 20 000 caractères.");
	STATUS(ta_api("GET", "/staff/events?lang=en", staff_tok, NULL), 200);	/* back */

	/* the API's checks, and nobody but staff */
	snprintf(path, sizeof path, "/api/v1/events/%lld/mail", (long long)id);
	r = ta_api("POST", path, staff_tok, json_object());
	STATUS(r, 422);
	HAS(r, "\"subject\"");
	HAS(r, "\"body\"");
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:i}", "subject", "Two\r\nlines",
	    "body", "Text", "include_waitlisted", 7));
	STATUS(r, 422);
	HAS(r, "The subject is one line of text.");
	HAS(r, "\"include_waitlisted\"");
	STATUS(ta_api("POST", path, tok[0], json_pack("{s:s,s:s}", "subject", "Hi", "body", "Hi")),
	    403);
	STATUS(ta_api("POST", path, fe_tok, json_pack("{s:s,s:s}", "subject", "Hi", "body", "Hi")),
	    403);
	STATUS(ta_api("POST", path, NULL, json_pack("{s:s,s:s}", "subject", "Hi", "body", "Hi")),
	    401);
	STATUS(ta_api("POST", "/api/v1/events/999999/mail", staff_tok, json_pack("{s:s,s:s}",
	    "subject", "Hi", "body", "Hi")), 404);
	snprintf(path, sizeof path, "/staff/events/%lld/mail", (long long)id);
	STATUS(ta_api("POST", path, tok[0], json_pack("{s:s,s:s}", "subject", "Hi", "body", "Hi")),
	    403);
}

/* The questions of event id, as staff see them (new reference). */
static json_t *
questions_of(int64_t id)
{
	char path[96];
	json_t *j, *q;

	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = call_json("GET", path, staff_tok, NULL, 200);
	q = json_incref(json_object_get(j, "questions"));
	json_decref(j);
	return q;
}

/*
 * The questions editor of the event form, without JavaScript: questions
 * added in empty rows (a choice with its options one a line), the API's
 * checks by each row with what was typed kept, a question people answered
 * kept of its kind, one removed, and a new one never taking a removed
 * one's id (nor its answers).
 */
static void
test_questions_form(void **state)
{
	char path[160], big[400];
	const struct ts_res *r;
	json_t *j, *x, *q;
	int64_t id = 0;
	size_t i;

	(void)state;
	r = ta_api("GET", "/staff/events/new", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "name=\"q.0.label\"");
	HAS(r, "name=\"q.2.choices\"");
	HAS(r, "name=\"question_rows\" value=\"3\"");
	/* a choice of one option, a label missing, a label too long */
	memset(big, 'L', 301);
	big[301] = '\0';
	r = ta_api("POST", "/staff/events/new", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,"
	    "s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "title",
	    "Asking event", "kind", "workshop", "start", "2029-10-01T09:00", "end",
	    "2029-10-01T17:00", "timezone", "Europe/Vienna", "status", "published",
	    "question_rows", "3", "q.0.label", "Track?", "q.0.type", "choice", "q.0.choices",
	    "Only one", "q.1.label", "", "q.1.choices", "An orphan option", "q.2.label", big,
	    "q.2.type", "text"));
	STATUS(r, 422);
	HAS(r, "Some questions need your attention.");
	HAS(r, "A choice needs at least two options, one a line.");
	HAS(r, "Give the question a label.");
	HAS(r, "Keep the label to one line of 300 characters.");
	HAS(r, "value=\"Track?\"");
	HAS(r, ">Only one</textarea>");
	HAS(r, "value=\"Asking event\"");
	HAS(r, "<option value=\"choice\" selected>Choice from a list</option>");
	LACKS(r, "<option value=\"file\"");	/* an event takes no files */
	r = ta_api("POST", "/staff/events/new", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,"
	    "s:s,s:s}", "title", "Asking event", "kind", "workshop", "start",
	    "2029-10-01T09:00", "end", "2029-10-01T17:00", "timezone", "Europe/Vienna",
	    "question_rows", "1", "q.0.label", "Your CV", "q.0.type", "file"));
	STATUS(r, 422);
	HAS(r, "Choose a kind of question.");
	/* right: two questions, the empty row left out */
	STATUS(ta_api("POST", "/staff/events/new", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,"
	    "s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "title", "Asking event", "kind", "workshop", "start",
	    "2029-10-01T09:00", "end", "2029-10-01T17:00", "timezone", "Europe/Vienna", "status",
	    "published", "question_rows", "3", "q.0.label", "Which track?", "q.0.type", "choice",
	    "q.0.choices", "Law\r\n\r\n  Practice \r\n", "q.0.required", "1", "q.1.label", "Diet",
	    "q.1.type", "text")), 303);
	j = call_json("GET", "/api/v1/events?when=all&per_page=200", staff_tok, NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, x)
		if (strcmp(ta_str(x, "title"), "Asking event") == 0)
			id = ta_num(x, "id");
	json_decref(j);
	assert_true(id > 0);
	q = questions_of(id);
	assert_int_equal(json_array_size(q), 2);
	x = json_array_get(q, 0);
	assert_string_equal(ta_str(x, "id"), "q1");
	assert_string_equal(ta_str(x, "type"), "choice");
	assert_true(json_is_true(json_object_get(x, "required")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(x, "choices"), 1)),
	    "Practice");
	assert_string_equal(ta_str(json_array_get(q, 1), "id"), "q2");
	json_decref(q);

	/* someone answers; the form shows the questions, and empty rows */
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	json_decref(call_json("POST", path, tok[4], json_pack("{s:{s:s,s:s}}", "answers", "q1",
	    "Law", "q2", "None"), 201));
	snprintf(path, sizeof path, "/staff/events/%lld/edit", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "name=\"q.0.id\" value=\"q1\"");
	HAS(r, "value=\"Which track?\"");
	HAS(r, ">Law\nPractice\n</textarea>");
	HAS(r, "People have answered it: its kind stays.");
	HAS(r, "name=\"q.1.remove\"");
	HAS(r, "name=\"question_rows\" value=\"5\"");
	/* an answered question keeps its kind */
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}", "question_rows", "1",
	    "q.0.id", "q1", "q.0.label", "Which track, in words?", "q.0.type", "text",
	    "title", "Asking event"));
	STATUS(r, 422);
	HAS(r, "People have answered this question: its kind cannot change.");
	HAS(r, "value=\"Which track, in words?\"");
	q = questions_of(id);
	assert_string_equal(ta_str(json_array_get(q, 0), "type"), "choice");
	/* nor through the API */
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	json_object_set_new(json_array_get(q, 0), "type", json_string("text"));
	json_object_del(json_array_get(q, 0), "choices");
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:O}", "questions", q));
	STATUS(r, 422);
	HAS(r, "People have answered this question: its kind cannot change. (q1)");
	json_decref(q);
	q = questions_of(id);
	assert_string_equal(ta_str(json_array_get(q, 0), "type"), "choice");
	json_decref(q);
	snprintf(path, sizeof path, "/staff/events/%lld/edit", (long long)id);
	/* renamed, one removed, one added: the new one is no old one */
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,"
	    "s:s,s:s}", "title", "Asking event", "question_rows", "3", "q.0.id", "q1",
	    "q.0.label", "Track", "q.0.type", "choice", "q.0.choices", "Law\nPractice\nBoth",
	    "q.1.id", "q2", "q.1.label", "Diet", "q.1.type", "text", "q.1.remove", "1",
	    "q.2.label", "First time?", "q.2.type", "yes_no")), 303);
	q = questions_of(id);
	assert_int_equal(json_array_size(q), 2);
	assert_string_equal(ta_str(json_array_get(q, 0), "label"), "Track");
	assert_int_equal(json_array_size(json_object_get(json_array_get(q, 0), "choices")), 3);
	assert_string_equal(ta_str(json_array_get(q, 1), "id"), "q3");
	assert_string_equal(ta_str(json_array_get(q, 1), "type"), "yes_no");
	json_decref(q);
	/* a form without question rows leaves them as they are */
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "title", "Asking event")), 303);
	q = questions_of(id);
	assert_int_equal(json_array_size(q), 2);
	json_decref(q);
	/* in French */
	snprintf(path, sizeof path, "/staff/events/%lld/edit?lang=fr", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	HAS(r, "Questions posées à l’inscription");
	STATUS(ta_api("GET", "/staff/events?lang=en", staff_tok, NULL), 200);	/* back */
}

/*
 * Attendance: refused before the event starts, taken once it has (the
 * server's clock moved on), and taken back.  Runs last: it moves the
 * clock.
 */
static void
test_attendance(void **state)
{
	char start[32], end[32];
	time_t now = time(NULL);
	struct tm tm;
	int64_t id, rid;
	json_t *j;

	(void)state;
	gmtime_r(&(time_t){ now + 3600 }, &tm);
	strftime(start, sizeof start, "%Y-%m-%dT%H:%M:%SZ", &tm);
	gmtime_r(&(time_t){ now + 7200 }, &tm);
	strftime(end, sizeof end, "%Y-%m-%dT%H:%M:%SZ", &tm);
	id = event_made(json_pack("{s:s,s:s,s:s,s:s}", "title", "In an hour", "start", start,
	    "end", end, "status", "published"));
	rid = registered(id, 2, "confirmed");
	j = decided(id, &rid, 1, "attended", NULL);
	assert_int_equal(ta_num(j, "refused"), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "results"), 0), "reason"),
	    "Attendance is taken once the event has started.");
	json_decref(j);
	status_is(id, rid, "confirmed");

	assert_int_equal(ts_clock_advance(plain, 3700), 200);
	signed_in("sam.staff@events-staff.test", staff_tok);	/* an hour idle ends a session */
	j = decided(id, &rid, 1, "attended", NULL);
	assert_int_equal(ta_num(j, "succeeded"), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "results"), 0), "status"),
	    "attended");
	json_decref(j);
	status_is(id, rid, "attended");
	j = decided(id, &rid, 1, "absent", NULL);
	assert_int_equal(ta_num(j, "succeeded"), 1);
	json_decref(j);
	status_is(id, rid, "confirmed");
	/* a place taken still counts: no more than before */
	j = decided(id, &rid, 1, "approve", NULL);
	assert_int_equal(ta_num(j, "refused"), 1);
	json_decref(j);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	char email[64], name[32];
	int i;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = org_made("Quillon Staff Trust", "KE", "info@quillon-st.example");
	account("sam.staff@events-staff.test", "Sam Staff", "staff", 0, staff_tok);
	for (i = 0; i < NPEOPLE; i++) {
		snprintf(email, sizeof email, "%s@quillon-st.example", people[i]);
		snprintf(name, sizeof name, "%c%s Quill", people[i][0] - 'a' + 'A', people[i] + 1);
		account(email, name, "member", quillon, tok[i]);
	}
	account("eve@quillon-st.example", "=SUM(A1) Eve", "member", quillon, eve_tok);
	account("fe@interior-st.go.ke", "Fe Focal", "focal", 0, fe_tok);
	account("pat@nowhere-st.example", "Pat Applicant", "applicant", 0, pat_tok);
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
		cmocka_unit_test(test_approve_into_capacity),
		cmocka_unit_test(test_bad_and_forbidden),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_mail),
		cmocka_unit_test(test_questions_form),
		cmocka_unit_test(test_attendance),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("events_staff", tests, setup, teardown);
}
