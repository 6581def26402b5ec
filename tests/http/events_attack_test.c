/*
 * events_attack_test.c -- events and registrations attacked from outside
 * and from the side (issue 14): a visitor, an applicant, members of two
 * organizations, their admins, a focal point, an expert, a member of a
 * suspended organization, an admin removed from theirs and a disabled
 * account each try to see hidden events (one by one, in the lists, their
 * totals and facet counts, the month view and the calendars), to read or
 * cancel someone else's registration (ids guessed, of another event,
 * negative, huge, not numbers), to register people who are not their
 * colleagues or set what only staff decide, to come back after being
 * declined, to read the online address without a place (API, pages,
 * calendars, mail), to use a personal calendar address that is guessed,
 * replaced or no longer theirs, and to reach the staff's routes with and
 * without a CSRF token.  Hidden means 404, never 403; nothing answers 500.
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

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* Sam staff (an admin); Ada and Rex admins of Quillon, Cy of Quillon; Mo
 * admin of Meridian; Sid of Sable (suspended later); Fe a focal point;
 * Pat an applicant; Eve an expert (disabled last). */
static char staff_tok[129], ada_tok[129], rex_tok[129], cy_tok[129], mo_tok[129],
    sid_tok[129], fe_tok[129], pat_tok[129], eve_tok[129];
static int64_t quillon, meridian, sable, ada_id, rex_id, cy_id, mo_id, pat_id, eve_id;

/* Events, all in 2031: Kestrel (public, members register, one place, a
 * question), Lantern (public, open to all, approval), Zephyrine (members
 * only), Obsidium (staff only), Tourmalix (a draft), Quasarine (a draft
 * staff try to cancel), Heliotrope (public, made staff-only later), a CSV
 * one. */
static int64_t ev_main, ev_open, ev_mem, ev_staff, ev_draft, ev_cdraft, ev_flip, ev_csv;
#define MAIN_LINK "kestrel-9x"
#define OPEN_LINK "lantern-4q"
#define MEM_LINK "zephyr-7m"

/* Registrations: Ada's to Kestrel (confirmed), Cy's and Eve's (waiting),
 * Mo's and Pat's to Lantern (pending), Ada's to Heliotrope, Sid's and
 * Rex's to Zephyrine. */
static int64_t r_ada, r_cy, r_eve, r_mo, r_pat, r_flip, r_sid;

/* ---- helpers ------------------------------------------------------------ */

/* GET path (a page, a calendar, JSON) with the bearer token (NULL: none). */
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
id_of(const struct ts_res *r)
{
	json_t *j = ts_jbody(r);
	int64_t id = json_integer_value(json_object_get(j, "id"));

	json_decref(j);
	assert_true(id > 0);
	return id;
}

static int64_t
account(const char *email, const char *name, const char *role, int64_t org, char *tok)
{
	int64_t id = ts_person_add(db_url, email, name, role, org, PW);

	assert_true(id > 0);
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
	return id;
}

/* An event staff create from body (consumed): a published workshop on a
 * day of March 2031 unless body says otherwise; its id. */
static int64_t
event_made(json_t *body)
{
	static const char *const dflt[][2] = { { "kind", "workshop" }, { "timezone",
		"Europe/Vienna" }, { "start", "2031-03-10T09:00" }, { "end", "2031-03-10T17:00" },
		{ "status", "published" } };
	const struct ts_res *r;
	size_t i;

	for (i = 0; i < sizeof dflt / sizeof dflt[0]; i++)
		if (!json_object_get(body, dflt[i][0]))
			json_object_set_new(body, dflt[i][0], json_string(dflt[i][1]));
	r = ta_api("POST", "/api/v1/events", staff_tok, body);
	STATUS(r, 201);
	return id_of(r);
}

/* token registers for event ev with body (consumed; NULL: {}); the
 * registration's id, asserting status want (0: none asserted). */
static int64_t
reg(int64_t ev, const char *token, json_t *body, int want)
{
	char path[96];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)ev);
	r = ta_api("POST", path, token, body ? body : json_object());
	if (want)
		STATUS(r, want);
	return r->status == 200 || r->status == 201 ? id_of(r) : 0;
}

/* Registration rid of event ev as token sees it: its status code. */
static long
reg_status(int64_t ev, int64_t rid, const char *token, const char *method)
{
	char path[128];

	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)ev,
	    (long long)rid);
	return ta_api(method, path, token, NULL)->status;
}

/* Registration rid of event ev as staff see it (caller decrefs). */
static json_t *
reg_as_staff(int64_t ev, int64_t rid)
{
	char path[128];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)ev,
	    (long long)rid);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

static void
reg_is(int64_t ev, int64_t rid, const char *status)
{
	json_t *j = reg_as_staff(ev, rid);

	if (strcmp(ta_str(j, "status"), status) != 0)
		printf("# registration %lld is %s, want %s\n", (long long)rid, ta_str(j, "status"),
		    status);
	assert_string_equal(ta_str(j, "status"), status);
	json_decref(j);
}

/* The total of event ev's registrations list as token, with query q. */
static int64_t
regs_total(int64_t ev, const char *token, const char *q)
{
	char path[200];
	const struct ts_res *r;
	json_t *j;
	int64_t n;

	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations%s%s", (long long)ev,
	    *q ? "?" : "", q);
	r = ta_api("GET", path, token, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

/* The total of list path as token. */
static int64_t
list_total(const char *path, const char *token)
{
	const struct ts_res *r = ta_api("GET", path, token, NULL);
	json_t *j;
	int64_t n;

	STATUS(r, 200);
	j = ts_jbody(r);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

static long
event_status(int64_t ev, const char *token)
{
	char path[64];

	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev);
	return ta_api("GET", path, token, NULL)->status;
}

/* Event ev's online_url as token reads it from the API ("" for null). */
static const char *
online_url(int64_t ev, const char *token)
{
	static char out[300];
	char path[64];
	const struct ts_res *r;
	json_t *j;

	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev);
	r = ta_api("GET", path, token, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	snprintf(out, sizeof out, "%s", json_string_value(json_object_get(j, "online_url")) ?
	    json_string_value(json_object_get(j, "online_url")) : "");
	json_decref(j);
	return out;
}

/* A new personal calendar address of token's person: "/calendar/....ics". */
static void
feed_of(const char *token, char *out, size_t len)
{
	const struct ts_res *r = ta_api("POST", "/api/v1/account/calendar-token", token, NULL);
	json_t *j;
	const char *p;

	STATUS(r, 201);
	j = ts_jbody(r);
	p = strstr(ta_str(j, "feed_url"), "/calendar/");
	assert_non_null(p);
	snprintf(out, len, "%s", p);
	json_decref(j);
}

/* Waits for a mail to `to` whose subject has subj (skipping others) and
 * asserts its body has none of secret. */
static void
mail_lacks(const char *to, const char *subj, const char *secret)
{
	struct ts_mail m;
	int found = 0;

	while (!found && ts_mail_wait(&sink, to, 10000, &m) == 0) {
		found = strstr(m.subject, subj) != NULL;
		if (found && strstr(m.body, secret))
			printf("# the mail \"%s\" to %s has %s\n", m.subject, to, secret);
		if (found)
			assert_null(strstr(m.body, secret));
		ts_mail_free(&m);
	}
	if (!found)
		printf("# no mail \"%s\" to %s\n", subj, to);
	assert_true(found);
}

/* Waits for a mail to `to` whose subject has subj (skipping others) and
 * asserts its body has part. */
static void
says(const char *to, const char *subj, const char *part)
{
	struct ts_mail m;

	for (;;) {
		if (ts_mail_wait(&sink, to, 10000, &m) != 0)
			fail_msg("no mail \"%s\" to %s", subj, to);
		if (strstr(m.subject, subj))
			break;
		ts_mail_free(&m);
	}
	assert_non_null(strstr(m.body, part));
	ts_mail_free(&m);
}

/* Asserts that none of the mails to `to` there are now has subj. */
static void
none_says(const char *to, const char *subj)
{
	struct ts_mail m;
	int n = ts_mail_count(&sink, to);

	while (n-- > 0 && ts_mail_wait(&sink, to, 1000, &m) == 0) {
		if (strstr(m.subject, subj))
			printf("# a mail \"%s\" to %s\n", m.subject, to);
		assert_null(strstr(m.subject, subj));
		ts_mail_free(&m);
	}
}

/* ---- hidden events ------------------------------------------------------ */

/*
 * March 2031 holds Kestrel and Lantern for everyone, Zephyrine for
 * members and focal points, and Obsidium, Tourmalix and Quasarine for
 * staff alone: one by one, in the list, its total and its facet counts,
 * the month view, the event's calendar and the public one.
 */
static void
test_hidden_events(void **state)
{
	static const struct {
		const char *who;
		const char *tok;
		int total;	/* of March 2031 */
		int member;	/* sees Zephyrine */
	} as[] = {
		{ "a visitor", NULL, 2, 0 },
		{ "an applicant", pat_tok, 2, 0 },
		{ "a member", mo_tok, 3, 1 },
		{ "a focal point", fe_tok, 3, 1 },
		{ "an expert", eve_tok, 3, 1 },
	};
	const int64_t staff_only[] = { ev_staff, ev_draft, ev_cdraft };
	const char *const hidden[] = { "Obsidium", "Tourmalix", "Quasarine" };
	char path[96];
	const struct ts_res *r;
	size_t i, k;

	(void)state;
	/* a draft is never announced: there is nothing to cancel */
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev_cdraft);
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "cancelled"));
	STATUS(r, 422);
	HAS(r, "\"status\"");
	snprintf(path, sizeof path, "/staff/events/%lld/cancel", (long long)ev_cdraft);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "confirm", "yes")), 409);

	assert_int_equal(event_status(ev_cdraft, staff_tok), 200);
	for (i = 0; i < sizeof as / sizeof as[0]; i++) {
		json_t *j, *kinds, *themes, *months;

		printf("# as %s\n", as[i].who);
		for (k = 0; k < 3; k++) {
			assert_int_equal(event_status(staff_only[k], as[i].tok), 404);
			snprintf(path, sizeof path, "/events/%lld", (long long)staff_only[k]);
			assert_int_equal(get(path, as[i].tok)->status, 404);
			snprintf(path, sizeof path, "/events/%lld/calendar.ics",
			    (long long)staff_only[k]);
			assert_int_equal(get(path, as[i].tok)->status, 404);
		}
		assert_int_equal(event_status(ev_mem, as[i].tok), as[i].member ? 200 : 404);
		snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)ev_mem);
		assert_int_equal(get(path, as[i].tok)->status, as[i].member ? 200 : 404);

		r = ta_api("GET", "/api/v1/events?month=2031-03&per_page=100", as[i].tok, NULL);
		STATUS(r, 200);
		for (k = 0; k < 3; k++)
			LACKS(r, hidden[k]);
		j = ts_jbody(r);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), as[i].total);
		kinds = json_object_get(json_object_get(j, "facets"), "kind");
		themes = json_object_get(json_object_get(j, "facets"), "theme");
		months = json_object_get(json_object_get(j, "facets"), "month");
		assert_null(json_object_get(kinds, "expert_group_meeting"));
		assert_null(json_object_get(kinds, "side_event"));
		assert_null(json_object_get(kinds, "other"));
		assert_int_equal(json_integer_value(json_object_get(themes, "wildlife_crime")),
		    as[i].member);
		assert_int_equal(json_integer_value(json_object_get(months, "2031-03")),
		    as[i].total);
		json_decref(j);
		/* filters that name what is hidden find nothing */
		assert_int_equal(list_total("/api/v1/events?month=2031-03&status=draft",
		    as[i].tok), 0);
		assert_int_equal(list_total("/api/v1/events?when=all&kind=expert_group_meeting",
		    as[i].tok), 0);

		/* the page and its month view */
		r = get("/events?month=2031-03", as[i].tok);
		STATUS(r, 200);
		HAS(r, "Kestrel");
		for (k = 0; k < 3; k++)
			LACKS(r, hidden[k]);
		r = get("/events?view=month&month=2031-03", as[i].tok);
		STATUS(r, 200);
		HAS(r, "Kestrel");
		for (k = 0; k < 3; k++)
			LACKS(r, hidden[k]);
		if (as[i].member)
			HAS(r, "Zephyrine");
		else
			LACKS(r, "Zephyrine");
	}
	/* the public calendar: public events only, whoever asks */
	r = get("/events/calendar.ics", mo_tok);
	STATUS(r, 200);
	HAS(r, "Kestrel");
	LACKS(r, "Zephyrine");
	for (k = 0; k < 3; k++)
		LACKS(r, hidden[k]);
	/* staff see every one */
	assert_int_equal(regs_total(ev_main, staff_tok, ""), 3);
	assert_int_equal(list_total("/api/v1/events?month=2031-03", staff_tok), 6);
}

/* ---- registrations by id ------------------------------------------------ */

/* Guessed, foreign, negative, huge and not-number ids: 404, never 500. */
static void
test_bad_ids(void **state)
{
	static const char *const bad[] = { "0", "-1", "99999999", "9223372036854775807",
		"99999999999999999999999", "abc", "1.5", "1e3", "%20", "0x10", "%2D1" };
	char path[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%s",
		    (long long)ev_main, bad[i]);
		assert_int_equal(ta_api("GET", path, ada_tok, NULL)->status, 404);
		assert_int_equal(ta_api("DELETE", path, ada_tok, NULL)->status, 404);
		snprintf(path, sizeof path, "/api/v1/events/%s/registrations", bad[i]);
		assert_int_equal(ta_api("GET", path, ada_tok, NULL)->status, 404);
		assert_int_equal(ta_api("POST", path, ada_tok, json_object())->status, 404);
		snprintf(path, sizeof path, "/api/v1/events/%s/registrations/%lld", bad[i],
		    (long long)r_ada);
		assert_int_equal(ta_api("GET", path, ada_tok, NULL)->status, 404);
		snprintf(path, sizeof path, "/events/%s/registrations/%lld/cancel", bad[i],
		    (long long)r_ada);
		assert_int_equal(ta_api("POST", path, ada_tok, json_object())->status, 404);
	}
	/* Ada's own registration under another event */
	assert_int_equal(reg_status(ev_open, r_ada, ada_tok, "GET"), 404);
	assert_int_equal(reg_status(ev_open, r_ada, ada_tok, "DELETE"), 404);
	assert_int_equal(reg_status(ev_main, r_ada, ada_tok, "GET"), 200);
	reg_is(ev_main, r_ada, "confirmed");
}

/* An event one may not see cannot be registered for, nor its
 * registrations listed, through the API or the page's form: 404. */
static void
test_register_hidden(void **state)
{
	static const struct {
		const char *who;
		const char *tok;
		int member;
	} as[] = {
		{ "an applicant", pat_tok, 0 }, { "a member", mo_tok, 1 },
		{ "an admin", ada_tok, 1 }, { "a focal point", fe_tok, 1 },
		{ "an expert", eve_tok, 1 },
	};
	const int64_t hidden[] = { ev_staff, ev_draft, ev_cdraft, ev_mem };
	char path[128];
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof as / sizeof as[0]; i++) {
		printf("# as %s\n", as[i].who);
		for (k = 0; k < 4; k++) {
			int want = k == 3 && as[i].member ? 0 : 404;

			if (!want)
				continue;	/* Zephyrine is theirs to see */
			snprintf(path, sizeof path, "/api/v1/events/%lld/registrations",
			    (long long)hidden[k]);
			assert_int_equal(ta_api("POST", path, as[i].tok, json_object())->status,
			    404);
			assert_int_equal(ta_api("POST", path, as[i].tok, json_pack("{s:I}",
			    "user_id", (json_int_t)cy_id))->status, 404);
			assert_int_equal(ta_api("GET", path, as[i].tok, NULL)->status, 404);
			snprintf(path, sizeof path, "/events/%lld/register", (long long)hidden[k]);
			assert_int_equal(ta_api("POST", path, as[i].tok, json_object())->status,
			    404);
		}
	}
	/* a focal point sees Zephyrine, but it is for members */
	reg(ev_mem, fe_tok, NULL, 403);
	reg(ev_main, pat_tok, NULL, 403);
	for (k = 0; k < 3; k++)
		assert_int_equal(regs_total(hidden[k], staff_tok, ""), 0);
}

/* Someone else's registration: not seen, not cancelled (to take the
 * place), not in the list, whatever the filters and pages; no address,
 * organization or country of anyone in a non-staff list. */
static void
test_others_registrations(void **state)
{
	const char *const toks[] = { cy_tok, eve_tok, mo_tok, pat_tok, fe_tok, rex_tok };
	const char *const filters[] = { "", "status=confirmed", "q=ada", "organization=1",
		"per_page=1&page=2", "status=confirmed&q=quillon" };
	char path[160];
	const struct ts_res *r;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof toks / sizeof toks[0]; i++) {
		assert_int_equal(reg_status(ev_main, r_ada, toks[i], "GET"), 404);
		assert_int_equal(reg_status(ev_main, r_ada, toks[i], "DELETE"), 404);
		snprintf(path, sizeof path, "/events/%lld/registrations/%lld/cancel",
		    (long long)ev_main, (long long)r_ada);
		assert_int_equal(ta_api("POST", path, toks[i], json_object())->status, 404);
		for (k = 0; k < sizeof filters / sizeof filters[0]; k++) {
			snprintf(path, sizeof path, "/api/v1/events/%lld/registrations?%s",
			    (long long)ev_main, filters[k]);
			r = ta_api("GET", path, toks[i], NULL);
			STATUS(r, 200);
			LACKS(r, "ada@");
			LACKS(r, "Ada's note");
			LACKS(r, "\"email\"");
			LACKS(r, "Quillon");
		}
	}
	assert_int_equal(reg_status(ev_main, r_ada, NULL, "GET"), 401);
	assert_int_equal(regs_total(ev_main, cy_tok, ""), 1);
	assert_int_equal(regs_total(ev_main, mo_tok, ""), 0);
	assert_int_equal(regs_total(ev_main, ada_tok, ""), 1);
	/* Ada kept her place; Cy still waits */
	reg_is(ev_main, r_ada, "confirmed");
	reg_is(ev_main, r_cy, "waitlisted");
	/* the event's counts are all anyone learns */
	assert_int_equal(regs_total(ev_main, staff_tok, ""), 3);
}

/*
 * Registering others: only an admin for a colleague of their approved
 * organization; never someone of another organization, nobody's, an
 * unknown id or an address.  What staff decide (status, organization,
 * who filed it, attendance) cannot be sent.
 */
static void
test_colleagues(void **state)
{
	json_t *bad[8];
	char path[160];
	const struct ts_res *r;
	json_t *j;
	int64_t rid;
	size_t i;

	(void)state;
	bad[0] = json_pack("{s:I}", "user_id", (json_int_t)cy_id);
	bad[1] = json_pack("{s:I}", "user_id", (json_int_t)pat_id);
	bad[2] = json_pack("{s:I}", "user_id", (json_int_t)99999999);
	bad[3] = json_pack("{s:s}", "user_id", "cy@quillon.example");
	bad[4] = json_pack("{s:i}", "user_id", -5);
	bad[5] = json_pack("{s:f}", "user_id", 1.5);
	bad[6] = json_pack("{s:b}", "user_id", 1);
	bad[7] = json_pack("{s:I}", "user_id", (json_int_t)eve_id);
	/* Mo, Meridian's admin, registers people not his */
	for (i = 0; i < 8; i++) {
		snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)ev_open);
		r = ta_api("POST", path, mo_tok, json_incref(bad[i]));
		if (r->status != 403)
			printf("# case %zu\n", i);
		STATUS(r, 403);
	}
	for (i = 0; i < 8; i++)
		json_decref(bad[i]);
	/* an expert, a focal point, a member who is no admin */
	reg(ev_open, eve_tok, json_pack("{s:I}", "user_id", (json_int_t)cy_id), 403);
	reg(ev_open, fe_tok, json_pack("{s:I}", "user_id", (json_int_t)cy_id), 403);
	reg(ev_open, cy_tok, json_pack("{s:I}", "user_id", (json_int_t)ada_id), 403);
	assert_int_equal(regs_total(ev_open, staff_tok, ""), 2);	/* Mo's and Pat's */

	/* Rex, Quillon's admin, registers Cy, sending what staff decide */
	rid = reg(ev_open, rex_tok, json_pack("{s:I,s:s,s:I,s:I,s:b,s:i,s:s}", "user_id",
	    (json_int_t)cy_id, "status", "confirmed", "organization_id", (json_int_t)meridian,
	    "registered_by", (json_int_t)mo_id, "attended", 1, "position", 1, "decided_at",
	    "2020-01-01T00:00:00Z"), 201);
	j = reg_as_staff(ev_open, rid);
	assert_string_equal(ta_str(j, "status"), "pending");
	assert_int_equal(json_integer_value(json_object_get(j, "user_id")), cy_id);
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), quillon);
	assert_int_equal(json_integer_value(json_object_get(j, "registered_by")), rex_id);
	assert_true(json_is_null(json_object_get(j, "decided_at")));
	json_decref(j);
	/* a member registering themselves cannot either */
	j = reg_as_staff(ev_open, r_mo);
	assert_string_equal(ta_str(j, "status"), "pending");
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), meridian);
	json_decref(j);

	/* seen by Cy, by Quillon's admins, by staff; never by Meridian */
	assert_int_equal(reg_status(ev_open, rid, cy_tok, "GET"), 200);
	assert_int_equal(reg_status(ev_open, rid, rex_tok, "GET"), 200);
	assert_int_equal(reg_status(ev_open, rid, ada_tok, "GET"), 200);
	assert_int_equal(reg_status(ev_open, rid, mo_tok, "GET"), 404);
	assert_int_equal(reg_status(ev_open, rid, eve_tok, "GET"), 404);
	assert_int_equal(regs_total(ev_open, mo_tok, ""), 1);
	assert_int_equal(regs_total(ev_open, rex_tok, ""), 1);
	/* a PATCH of one's own registration is no way to decide it */
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)ev_open,
	    (long long)rid);
	r = ta_api("PATCH", path, cy_tok, json_pack("{s:s}", "status", "confirmed"));
	assert_true(r->status == 404 || r->status == 405);
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/decisions",
	    (long long)ev_open);
	STATUS(ta_api("POST", path, cy_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)rid,
	    "decision", "approve")), 403);
	STATUS(ta_api("POST", path, rex_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)rid,
	    "decision", "approve")), 403);
	reg_is(ev_open, rid, "pending");
}

/* Declined is final: registering again gives back the refusal. */
static void
test_declined_again(void **state)
{
	char path[128];
	const struct ts_res *r;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/decisions",
	    (long long)ev_open);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)r_pat,
	    "decision", "decline"));
	STATUS(r, 200);
	reg_is(ev_open, r_pat, "declined");
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)ev_open);
	r = ta_api("POST", path, pat_tok, json_object());
	STATUS(r, 409);
	reg_is(ev_open, r_pat, "declined");
	/* cancelling the refusal first changes nothing */
	assert_int_equal(reg_status(ev_open, r_pat, pat_tok, "DELETE"), 200);
	reg_is(ev_open, r_pat, "declined");
	STATUS(ta_api("POST", path, pat_tok, json_object()), 409);
	reg_is(ev_open, r_pat, "declined");
	/* the page says so, and offers no form to try again */
	snprintf(path, sizeof path, "/events/%lld", (long long)ev_open);
	r = get(path, pat_tok);
	STATUS(r, 200);
	HAS(r, "Staff declined your registration.");
	snprintf(path, sizeof path, "action=\"/events/%lld/register\"", (long long)ev_open);
	LACKS(r, path);
	mail_lacks("pat@nowhere.example", "received", OPEN_LINK);
	mail_lacks("pat@nowhere.example", "not accepted", OPEN_LINK);
}

/*
 * The online address reaches those with a place and staff, in every
 * channel: the API's item and list, the page, the event's calendar, the
 * public and personal feeds, and mail.  Not the pending, the waiting, the
 * cancelled, the declined or anyone else.
 */
static void
test_online_url(void **state)
{
	const char *const none[] = { NULL, cy_tok, eve_tok, mo_tok, pat_tok, fe_tok, rex_tok };
	char path[128], feed[200];
	const struct ts_res *r;
	size_t i;

	(void)state;
	assert_non_null(strstr(online_url(ev_main, ada_tok), MAIN_LINK));
	assert_non_null(strstr(online_url(ev_main, staff_tok), MAIN_LINK));
	/* Eve leaves the waiting list */
	assert_int_equal(reg_status(ev_main, r_eve, eve_tok, "DELETE"), 200);
	reg_is(ev_main, r_eve, "cancelled");
	for (i = 0; i < sizeof none / sizeof none[0]; i++) {
		assert_string_equal(online_url(ev_main, none[i]), "");
		assert_string_equal(online_url(ev_open, none[i]), "");
		r = ta_api("GET", "/api/v1/events?when=all&per_page=100", none[i], NULL);
		STATUS(r, 200);
		LACKS(r, MAIN_LINK);
		LACKS(r, OPEN_LINK);
		snprintf(path, sizeof path, "/events/%lld", (long long)ev_main);
		r = get(path, none[i]);
		STATUS(r, 200);
		LACKS(r, MAIN_LINK);
		snprintf(path, sizeof path, "/events/%lld", (long long)ev_open);
		LACKS(get(path, none[i]), OPEN_LINK);
		snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)ev_main);
		r = get(path, none[i]);
		STATUS(r, 200);
		LACKS(r, MAIN_LINK);
		r = get("/events?month=2031-03", none[i]);
		LACKS(r, MAIN_LINK);
		LACKS(r, OPEN_LINK);
	}
	r = get("/events/calendar.ics", ada_tok);
	LACKS(r, MAIN_LINK);
	LACKS(r, OPEN_LINK);
	/* personal feeds: the event without the link when the place is not theirs */
	feed_of(cy_tok, feed, sizeof feed);
	r = get(feed, NULL);
	STATUS(r, 200);
	HAS(r, "Kestrel");
	HAS(r, "Lantern");
	LACKS(r, MAIN_LINK);
	LACKS(r, OPEN_LINK);
	feed_of(eve_tok, feed, sizeof feed);
	r = get(feed, NULL);
	STATUS(r, 200);
	HAS(r, "STATUS:CANCELLED");
	LACKS(r, MAIN_LINK);
	feed_of(pat_tok, feed, sizeof feed);
	r = get(feed, NULL);
	STATUS(r, 200);
	LACKS(r, OPEN_LINK);
	feed_of(ada_tok, feed, sizeof feed);
	r = get(feed, NULL);
	STATUS(r, 200);
	HAS(r, MAIN_LINK);
	/* mail: received, waiting */
	mail_lacks("cy@quillon.example", "waiting list", MAIN_LINK);
	mail_lacks("mo@meridian.example", "received", OPEN_LINK);
	/* once Mo's place is approved, the link is his */
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/decisions",
	    (long long)ev_open);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)r_mo,
	    "decision", "approve")), 200);
	assert_non_null(strstr(online_url(ev_open, mo_tok), OPEN_LINK));
	assert_string_equal(online_url(ev_open, pat_tok), "");
}

/* The staff's routes refuse every other role, and a form without our
 * CSRF token (or with another session's) changes nothing. */
static void
test_staff_routes(void **state)
{
	const char *const toks[] = { pat_tok, ada_tok, mo_tok, fe_tok, eve_tok, cy_tok };
	struct ts_browser *sb, *cb;
	char path[160], other[200];
	const struct ts_res *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof toks / sizeof toks[0]; i++) {
		assert_int_equal(get("/staff/events", toks[i])->status, 403);
		snprintf(path, sizeof path, "/staff/events/%lld/registrations", (long long)ev_main);
		assert_int_equal(get(path, toks[i])->status, 403);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:[I],s:s}", "ids",
		    (json_int_t)r_ada, "decision", "decline"))->status, 403);
		snprintf(path, sizeof path, "/staff/events/%lld/registrations.csv",
		    (long long)ev_main);
		assert_int_equal(get(path, toks[i])->status, 403);
		snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/decisions",
		    (long long)ev_main);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:[I],s:s}", "ids",
		    (json_int_t)r_ada, "decision", "decline"))->status, 403);
		snprintf(path, sizeof path, "/staff/events/%lld/cancel", (long long)ev_main);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:s}", "confirm",
		    "yes"))->status, 403);
		snprintf(path, sizeof path, "/staff/events/%lld/edit", (long long)ev_staff);
		assert_int_equal(get(path, toks[i])->status, 403);
		snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev_main);
		assert_int_equal(ta_api("PATCH", path, toks[i], json_pack("{s:s,s:s}", "status",
		    "cancelled", "visibility", "staff"))->status, 403);
		assert_int_equal(ta_api("POST", "/api/v1/events", toks[i], json_pack("{s:s}",
		    "title", "Forged"))->status, 403);
	}
	r = get("/staff/events", NULL);
	assert_true(r->status == 401 || r->status == 303);
	snprintf(path, sizeof path, "/staff/events/%lld/registrations.csv", (long long)ev_main);
	r = get(path, NULL);
	assert_true(r->status == 401 || r->status == 303);
	LACKS(r, "ada@");

	/* signed in by cookie: no token, or Cy's, is no staff decision */
	sb = ts_signed_in(&srv, NULL, "sam.admin@hub.test", PW);
	cb = ts_signed_in(&srv, NULL, "cy@quillon.example", PW);
	assert_non_null(sb);
	assert_non_null(cb);
	STATUS(ts_get(cb, "/events"), 200);
	snprintf(other, sizeof other, "%s", ts_csrf(cb));
	assert_true(*other);
	snprintf(path, sizeof path, "/staff/events/%lld/cancel", (long long)ev_main);
	STATUS(ts_post(sb, path, "confirm", "yes", (char *)NULL), 403);
	STATUS(ts_post(sb, path, "confirm", "yes", "csrf", other, (char *)NULL), 403);
	snprintf(path, sizeof path, "/staff/events/%lld/registrations", (long long)ev_main);
	STATUS(ts_post(sb, path, "ids", "1", "decision", "decline", "csrf", other,
	    (char *)NULL), 403);
	assert_int_equal(event_status(ev_main, NULL), 200);
	reg_is(ev_main, r_ada, "confirmed");
	/* nor Cy's own forms without his token */
	snprintf(path, sizeof path, "/events/%lld/registrations/%lld/cancel", (long long)ev_main,
	    (long long)r_cy);
	STATUS(ts_post(cb, path, (char *)NULL), 403);
	snprintf(path, sizeof path, "/events/%lld/register", (long long)ev_csv);
	STATUS(ts_post(cb, path, (char *)NULL), 403);
	STATUS(ts_post(cb, "/account/calendar", (char *)NULL), 403);
	reg_is(ev_main, r_cy, "waitlisted");
	assert_int_equal(regs_total(ev_csv, staff_tok, ""), 0);
	/* with it, Ada's place is still not his to cancel */
	snprintf(path, sizeof path, "/events/%lld/registrations/%lld/cancel", (long long)ev_main,
	    (long long)r_ada);
	STATUS(ts_form(cb, path, (char *)NULL), 404);
	reg_is(ev_main, r_ada, "confirmed");
	ts_browser_free(sb);
	ts_browser_free(cb);
}

/* Names and answers that a spreadsheet would run come out as text. */
static void
test_csv_injection(void **state)
{
	char path[128];
	const struct ts_res *r;
	const char *p;

	(void)state;
	reg(ev_csv, mo_tok, json_pack("{s:{s:s}}", "answers", "note",
	    "+HYPERLINK(\"http://evil.example\",\"x\")"), 201);
	reg(ev_csv, cy_tok, json_pack("{s:{s:s}}", "answers", "note", "@SUM(A1:A9)"), 201);
	snprintf(path, sizeof path, "/staff/events/%lld/registrations.csv", (long long)ev_csv);
	r = get(path, staff_tok);
	STATUS(r, 200);
	HAS(r, "'=SUM(1+1) Mo");
	HAS(r, "'+HYPERLINK");
	HAS(r, "'@SUM");
	/* no cell starts with =, + or @ */
	for (p = r->body; *p; p++) {
		const char *c = p;

		if (p != r->body && p[-1] != ',' && p[-1] != '\n')
			continue;
		if (*c == '"')
			c++;
		if (*c == '=' || *c == '+' || *c == '@')
			printf("# a cell starts: %.40s\n", p);
		assert_false(*c == '=' || *c == '+' || *c == '@');
	}
}

/* ---- the personal calendar ---------------------------------------------- */

/* Guessed, forged and replaced addresses are 404s. */
static void
test_feed_tokens(void **state)
{
	char feed[200], old[200], bad[260];
	const char *secret;
	const struct ts_res *r;

	(void)state;
	feed_of(ada_tok, old, sizeof old);
	r = get(old, NULL);
	STATUS(r, 200);
	HAS(r, "Heliotrope");
	secret = strchr(old, '-') + 1;
	/* the secret with another person's id, none, a short or long one */
	snprintf(bad, sizeof bad, "/calendar/%lld-%s", (long long)cy_id, secret);
	assert_int_equal(get(bad, NULL)->status, 404);
	snprintf(bad, sizeof bad, "/calendar/-%s", secret);
	assert_int_equal(get(bad, NULL)->status, 404);
	snprintf(bad, sizeof bad, "/calendar/%lld-%.63s.ics", (long long)ada_id, secret);
	assert_int_equal(get(bad, NULL)->status, 404);
	snprintf(bad, sizeof bad, "/calendar/%lld-0%s", (long long)ada_id, secret);
	assert_int_equal(get(bad, NULL)->status, 404);
	snprintf(bad, sizeof bad, "/calendar/%lld-%064d.ics", (long long)ada_id, 0);
	assert_int_equal(get(bad, NULL)->status, 404);
	snprintf(bad, sizeof bad, "/calendar/%lld-%064d.ics", (long long)cy_id, 0);
	assert_int_equal(get(bad, NULL)->status, 404);
	assert_int_equal(get("/calendar/abc.ics", NULL)->status, 404);
	assert_int_equal(get("/calendar/99999999999999999999999-x.ics", NULL)->status, 404);
	/* a new address replaces the old one */
	feed_of(ada_tok, feed, sizeof feed);
	assert_int_equal(get(old, NULL)->status, 404);
	assert_int_equal(get(feed, NULL)->status, 200);
	/* the feed's address is not a way into the API */
	r = get("/api/v1/me", secret);
	assert_int_equal(r->status, 401);
}

/* An event made staff-only leaves the API, the page, its calendar and the
 * personal feed of those registered. */
static void
test_made_staff_only(void **state)
{
	char path[128], feed[200];
	const struct ts_res *r;

	(void)state;
	feed_of(ada_tok, feed, sizeof feed);
	HAS(get(feed, NULL), "Heliotrope");
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev_flip);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "visibility", "staff")), 200);
	assert_int_equal(event_status(ev_flip, ada_tok), 404);
	snprintf(path, sizeof path, "/events/%lld", (long long)ev_flip);
	assert_int_equal(get(path, ada_tok)->status, 404);
	snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)ev_flip);
	assert_int_equal(get(path, ada_tok)->status, 404);
	assert_int_equal(reg_status(ev_flip, r_flip, ada_tok, "GET"), 404);
	r = get(feed, NULL);
	STATUS(r, 200);
	LACKS(r, "Heliotrope");
	LACKS(get("/events/calendar.ics", NULL), "Heliotrope");
	LACKS(get("/events?view=month&month=2031-04", ada_tok), "Heliotrope");
	assert_int_equal(list_total("/api/v1/events?month=2031-04", ada_tok), 0);
}

/* Rex, removed from Quillon, loses what he had as its admin: Cy's
 * registration he filed, and members' events in his feed. */
static void
test_removed_admin(void **state)
{
	char path[160], feed[200];
	const struct ts_res *r;
	json_t *j;
	int64_t rid;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)ev_open);
	j = ts_jbody(ta_api("GET", path, rex_tok, NULL));
	rid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "id"));
	json_decref(j);
	assert_true(rid > 0);
	feed_of(rex_tok, feed, sizeof feed);
	HAS(get(feed, NULL), "Zephyrine");
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)quillon, (long long)rex_id);
	r = ta_api("POST", path, staff_tok, json_object());
	assert_true(r->status == 200 || r->status == 303);
	assert_int_equal(reg_status(ev_open, rid, rex_tok, "GET"), 404);
	assert_int_equal(reg_status(ev_open, rid, rex_tok, "DELETE"), 404);
	assert_int_equal(regs_total(ev_open, rex_tok, ""), 0);
	reg_is(ev_open, rid, "pending");
	assert_int_equal(reg_status(ev_open, rid, ada_tok, "GET"), 200);
	/* no longer a member */
	assert_int_equal(event_status(ev_mem, rex_tok), 404);
	LACKS(get(feed, NULL), "Zephyrine");
	reg(ev_main, rex_tok, NULL, 403);
	reg(ev_open, rex_tok, json_pack("{s:I}", "user_id", (json_int_t)ada_id), 403);
	/* once Cy leaves Quillon, its admins no longer see what was filed for him */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)quillon, (long long)cy_id);
	r = ta_api("POST", path, staff_tok, json_object());
	assert_true(r->status == 200 || r->status == 303);
	assert_int_equal(reg_status(ev_open, rid, ada_tok, "GET"), 404);
	assert_int_equal(reg_status(ev_open, rid, ada_tok, "DELETE"), 404);
	assert_int_equal(regs_total(ev_open, ada_tok, ""), 0);
	assert_int_equal(reg_status(ev_open, rid, cy_tok, "GET"), 200);
	reg_is(ev_open, rid, "pending");
}

/* Sable suspended: Sid is a member no more, in his feed too. */
static void
test_suspended_member(void **state)
{
	char path[96], feed[200];
	const struct ts_res *r;

	(void)state;
	feed_of(sid_tok, feed, sizeof feed);
	r = get(feed, NULL);
	HAS(r, "Zephyrine");
	HAS(r, MEM_LINK);
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)sable);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	assert_int_equal(event_status(ev_mem, sid_tok), 404);
	assert_int_equal(reg_status(ev_mem, r_sid, sid_tok, "GET"), 404);
	r = get(feed, NULL);
	STATUS(r, 200);
	LACKS(r, "Zephyrine");
	LACKS(r, MEM_LINK);
	assert_int_equal(list_total("/api/v1/events?month=2031-03", sid_tok), 2);
	/* Kestrel is for members: he may see it, not register */
	reg(ev_main, sid_tok, NULL, 403);
	reg(ev_csv, sid_tok, NULL, 201);	/* an open one he may */
	/* a new link for Zephyrine: Eve, a member with a place, hears of it;
	 * Sid, whose place it was, does not */
	reg(ev_mem, eve_tok, NULL, 201);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev_mem);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "online_url",
	    "https://meet.example/zephyr-new-2k")), 200);
	says("eve@research.example", "has changed", "zephyr-new-2k");
	none_says("sid@sable.example", "has changed");
}

/* A disabled account's feed stops; nobody registers it. */
static void
test_disabled_account(void **state)
{
	char path[96], feed[200];

	(void)state;
	feed_of(eve_tok, feed, sizeof feed);
	STATUS(get(feed, NULL), 200);
	snprintf(path, sizeof path, "/admin/users/%lld/status", (long long)eve_id);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "disabled")), 303);
	assert_int_equal(get(feed, NULL)->status, 404);
}

/* ---- reminders ------------------------------------------------------------ */

/* The server's clock moved to t (Unix seconds, forward only); staff's
 * token made anew (days later, the session has lapsed). */
static void
clock_to(int64_t t)
{
	ta_clock_to(t);
	assert_int_equal(ts_token(plain, "sam.admin@hub.test", PW, staff_tok, 129), 0);
}

/* Waits (30 s at most) for a run of the reminder job that began at clock
 * t or later to be done; what it sent. */
static int64_t
reminders_sent_since(int64_t t)
{
	int64_t t0 = ts_now_ms();

	for (;;) {
		const struct ts_res *r = ta_api("GET", "/api/v1/staff/jobs?status=done&per_page=50",
		    staff_tok, NULL);
		json_t *j, *it;
		size_t i;
		int64_t sent = -1;

		STATUS(r, 200);
		j = ts_jbody(r);
		json_array_foreach(json_object_get(j, "items"), i, it) {
			json_t *p = json_object_get(it, "progress");

			if (strcmp(ta_str(it, "kind"), "event_reminders") == 0 &&
			    json_integer_value(json_object_get(p, "clock")) >= t)
				sent = (sent < 0 ? 0 : sent) + json_integer_value(json_object_get(p,
				    "sent"));
		}
		json_decref(j);
		if (sent >= 0)
			return sent;
		if (ts_now_ms() - t0 > 30000)
			fail_msg("no reminder run at clock %lld or later", (long long)t);
		{
			struct timespec ts = { 0, 50 * 1000 * 1000 };	/* a poll, not a guess */

			nanosleep(&ts, NULL);
		}
	}
}

/* Waits for a reminder to `to` (skipping other mail) and asserts it
 * has link. */
static void
reminded(const char *to, const char *link)
{
	struct ts_mail m;

	for (;;) {
		assert_int_equal(ts_mail_wait(&sink, to, 10000, &m), 0);
		if (strstr(m.subject, "Reminder"))
			break;
		ts_mail_free(&m);
	}
	assert_non_null(strstr(m.body, link));
	ts_mail_free(&m);
}

/*
 * Reminders carry the online address: only to those who may still see
 * the event.  A day before Kestrel and three before Zephyrine, Ada and
 * Mo are reminded; Sid (suspended) and Rex (removed), confirmed at
 * Zephyrine, are not.  Six days before Heliotrope, made staff-only, Ada
 * is not reminded of it.
 */
static void
test_reminders(void **state)
{
	const int64_t t1 = 1930813200;	/* 2031-03-09T09:00:00Z */
	const int64_t t2 = 1932368400;	/* 2031-03-27T09:00:00Z */

	(void)state;
	clock_to(t1);
	assert_int_equal(reminders_sent_since(t1), 2);
	/* the two are Ada's and Mo's, with their links: none went to Sid or Rex */
	reminded("ada@quillon.example", MAIN_LINK);
	reminded("mo@meridian.example", OPEN_LINK);
	clock_to(t2);
	assert_int_equal(reminders_sent_since(t2), 0);
}

/* A deleted account: its answers leave the staff's CSV with its name,
 * and its calendar address ends. */
static void
test_deleted_account(void **state)
{
	char path[128], feed[200];
	const struct ts_res *r;

	(void)state;
	assert_int_equal(ts_token(plain, "mo@meridian.example", PW, mo_tok, 129), 0);
	feed_of(mo_tok, feed, sizeof feed);
	STATUS(ta_api("DELETE", "/api/v1/me", mo_tok, json_pack("{s:s}", "password", PW)), 204);
	assert_int_equal(get(feed, NULL)->status, 404);
	snprintf(path, sizeof path, "/staff/events/%lld/registrations.csv", (long long)ev_csv);
	r = get(path, staff_tok);
	STATUS(r, 200);
	LACKS(r, "HYPERLINK");
	LACKS(r, "SUM(1+1) Mo");
	LACKS(r, "mo@meridian");
	HAS(r, "Deleted user");
	HAS(r, "'@SUM");	/* Cy's stays */
}

/* ---- the suite ------------------------------------------------------------ */

static int
setup(void **state)
{
	const struct ts_res *r;
	json_t *j;
	char path[96];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Ledger Trust", "KE", "info@quillon.example",
	    NULL);
	meridian = ts_org_import(db_url, "Meridian Civic Watch", "MX", "info@meridian.example",
	    NULL);
	sable = ts_org_import(db_url, "Sable Reef Alliance", "SN", "info@sable.example", NULL);
	assert_true(quillon > 0 && meridian > 0 && sable > 0);
	account("sam.admin@hub.test", "Sam", "admin", 0, staff_tok);
	ada_id = account("ada@quillon.example", "Ada", "member", quillon, ada_tok);
	rex_id = account("rex@quillon.example", "Rex", "member", quillon, rex_tok);
	cy_id = account("cy@quillon.example", "Cy", "member", quillon, cy_tok);
	mo_id = account("mo@meridian.example", "=SUM(1+1) Mo", "member", meridian, mo_tok);
	account("sid@sable.example", "Sid", "member", sable, sid_tok);
	account("fe@interior.go.ke", "Fe", "focal", 0, fe_tok);
	pat_id = account("pat@nowhere.example", "Pat", "applicant", 0, pat_tok);
	eve_id = account("eve@research.example", "Eve", "applicant", 0, eve_tok);
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ta_org_admin(staff_tok, quillon, rex_id, "1");
	ta_org_admin(staff_tok, meridian, mo_id, "1");
	r = ta_api("POST", "/api/v1/applications", eve_tok, json_pack("{s:s,s:{s:s,s:s,s:s,s:[s]},"
	    "s:{s:s},s:b}", "kind", "expert", "expert", "name", "Eve Expert", "country", "KE",
	    "biography", "Studies procurement.", "themes", "corruption", "contact", "email",
	    "eve@research.example", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);
	j = ts_jbody(ta_api("GET", "/api/v1/me", eve_tok, NULL));
	assert_string_equal(ta_str(j, "role"), "member");
	json_decref(j);

	ev_main = event_made(json_pack("{s:s,s:s,s:i,s:s,s:[s],s:[{s:s,s:s,s:s}]}", "title",
	    "Kestrel workshop", "audience", "members", "capacity", 1, "online_url",
	    "https://meet.example/" MAIN_LINK, "themes", "corruption", "questions", "id", "note",
	    "label", "A note", "type", "text"));
	ev_open = event_made(json_pack("{s:s,s:s,s:s,s:b,s:s,s:s,s:s}", "title",
	    "Lantern clinic", "kind", "training", "audience", "open", "approval_required", 1,
	    "online_url", "https://meet.example/" OPEN_LINK, "start", "2031-03-11T09:00",
	    "end", "2031-03-11T12:00"));
	ev_mem = event_made(json_pack("{s:s,s:s,s:s,s:s,s:[s],s:s,s:s}", "title",
	    "Zephyrine roundtable", "kind", "briefing", "visibility", "members", "online_url",
	    "https://meet.example/" MEM_LINK, "themes", "wildlife_crime", "start",
	    "2031-03-12T09:00", "end", "2031-03-12T12:00"));
	ev_staff = event_made(json_pack("{s:s,s:s,s:s,s:[s],s:s,s:s}", "title",
	    "Obsidium planning", "kind", "expert_group_meeting", "visibility", "staff",
	    "themes", "wildlife_crime", "start", "2031-03-13T09:00", "end", "2031-03-13T12:00"));
	ev_draft = event_made(json_pack("{s:s,s:s,s:s,s:[s],s:s,s:s}", "title",
	    "Tourmalix draft", "kind", "side_event", "status", "draft", "themes",
	    "wildlife_crime", "start", "2031-03-14T09:00", "end", "2031-03-14T12:00"));
	ev_cdraft = event_made(json_pack("{s:s,s:s,s:s,s:[s],s:s,s:s}", "title",
	    "Quasarine shelved", "kind", "other", "status", "draft", "themes",
	    "wildlife_crime", "start", "2031-03-15T09:00", "end", "2031-03-15T12:00"));
	ev_flip = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", "Heliotrope forum",
	    "kind", "webinar", "audience", "open", "start", "2031-04-02T09:00", "end",
	    "2031-04-02T12:00"));
	ev_csv = event_made(json_pack("{s:s,s:s,s:[{s:s,s:s,s:s}],s:s,s:s}", "title",
	    "Ledger clinic", "audience", "open", "questions", "id", "note", "label", "A note",
	    "type", "text", "start", "2031-05-02T09:00", "end", "2031-05-02T12:00"));

	r_ada = reg(ev_main, ada_tok, json_pack("{s:{s:s}}", "answers", "note", "Ada's note"),
	    201);
	r_cy = reg(ev_main, cy_tok, NULL, 201);
	r_eve = reg(ev_main, eve_tok, NULL, 201);
	r_mo = reg(ev_open, mo_tok, json_pack("{s:s,s:I,s:b}", "status", "confirmed",
	    "organization_id", (json_int_t)quillon, "attended", 1), 201);
	r_pat = reg(ev_open, pat_tok, NULL, 201);
	r_flip = reg(ev_flip, ada_tok, NULL, 201);
	r_sid = reg(ev_mem, sid_tok, NULL, 201);
	reg(ev_mem, rex_tok, NULL, 201);
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
		cmocka_unit_test(test_hidden_events),
		cmocka_unit_test(test_bad_ids),
		cmocka_unit_test(test_register_hidden),
		cmocka_unit_test(test_others_registrations),
		cmocka_unit_test(test_colleagues),
		cmocka_unit_test(test_declined_again),
		cmocka_unit_test(test_online_url),
		cmocka_unit_test(test_staff_routes),
		cmocka_unit_test(test_csv_injection),
		cmocka_unit_test(test_feed_tokens),
		cmocka_unit_test(test_made_staff_only),
		cmocka_unit_test(test_removed_admin),
		cmocka_unit_test(test_suspended_member),
		cmocka_unit_test(test_disabled_account),
		cmocka_unit_test(test_reminders),	/* it moves the clock years on */
		cmocka_unit_test(test_deleted_account),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("events_attack", tests, setup, teardown);
}
