/*
 * messages_attack_test.c -- an attack round on private messages and
 * partner matching (app/messages, app/partners, migration 41), played as a
 * visitor, an applicant, members of two organizations, their admins, a
 * person whose organization was suspended, a disabled account, approved
 * and withdrawn experts, a focal point and staff.  Each test is an attack;
 * passing, it shows the defence holds.
 *
 * Messages: the write form as an oracle (a refused form must not name,
 * nor tell apart, a person the directory hides), others' conversations
 * (404 alike for existing and not), method confusion and CSRF on every
 * form, hostile text (control characters, invalid UTF-8, 1 MB, bidi
 * overrides kept and escaped), what a blocked sender learns, mail to a
 * person who lost access, the caps raced by parallel requests, the export.
 * Partners: who may ask and answer (non-admins, another organization's
 * admin, for an organization not theirs), the contact person chosen
 * outside the organization, what the JSON shows before and after
 * acceptance (no person before, names and never emails after, the
 * conversation to its two contacts only), asking again after a decline
 * (180 days on the test clock), the open-requests cap raced, a suspended
 * organization's request, hidden themes in the suggestions, the staff
 * CSV's formula cells.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program
 * once on SQLite and once on PostgreSQL).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/courses.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam@amsg-staff-t.test"
#define ADA "ada@kestrel-amsg-t.example"	/* admin of Kestrel */
#define MAX "max@kestrel-amsg-t.example"	/* member of Kestrel */
#define BEA "bea@plover-amsg-t.example"	/* admin of Plover */
#define BEN "ben@plover-amsg-t.example"	/* member of Plover: hidden from the directory */
#define CAI "cai@dunlin-amsg-t.example"	/* admin of Dunlin */
#define EXP "exa@amsg-expert-t.example"
#define EXW "exw@amsg-expert-t.example"	/* an expert whose profile is withdrawn */
#define FE "fe@interior-amsg-t.go.ke"
#define APPL "appl@amsg-appl-t.example"
#define NRACE 12	/* organizations the open-requests cap is raced with */
#define DAY 86400
#define MSG_MAX 4000	/* bytes of a message (app/messages.h) */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ada_tok[129], max_tok[129], bea_tok[129], ben_tok[129],
    cai_tok[129], exp_tok[129], fe_tok[129], appl_tok[129];
static int64_t kestrel, plover, dunlin, race_org[NRACE], staff_id, ada_id, max_id, bea_id, ben_id,
    cai_id, exp_id, exw_id, fe_id, appl_id;

/* ---- helpers ------------------------------------------------------------ */

static void
tokens(void)
{
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, MAX, PW, max_tok, 129), 0);
	assert_int_equal(ts_token(plain, BEA, PW, bea_tok, 129), 0);
	assert_int_equal(ts_token(plain, BEN, PW, ben_tok, 129), 0);
	assert_int_equal(ts_token(plain, CAI, PW, cai_tok, 129), 0);
	assert_int_equal(ts_token(plain, EXP, PW, exp_tok, 129), 0);
	assert_int_equal(ts_token(plain, FE, PW, fe_tok, 129), 0);
	assert_int_equal(ts_token(plain, APPL, PW, appl_tok, 129), 0);
}

static const struct ts_res *
write_to(const char *token, int64_t uid, const char *body)
{
	return tc_api("POST", "/api/v1/messages", token, json_pack("{s:I,s:s}", "to",
	    (json_int_t)uid, "body", body));
}

static int64_t
wrote(const char *token, int64_t uid, const char *body)
{
	const struct ts_res *r = write_to(token, uid, body);
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = tc_num(j, "conversation_id");
	json_decref(j);
	return id;
}

static const struct ts_res *
reply(const char *token, int64_t conv, const char *body)
{
	return tc_api("POST", tc_path("/api/v1/messages/%lld", (long long)conv), token,
	    json_pack("{s:s}", "body", body));
}

static int64_t
queued(const char *to)
{
	return ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '%s'", to);
}

/* org's admin token asks organization to, naming contact (0: none). */
static const struct ts_res *
ask(const char *token, int64_t org, int64_t to, int64_t contact, const char *note)
{
	json_t *b = json_pack("{s:I,s:I,s:s}", "org", (json_int_t)org, "to", (json_int_t)to,
	    "note", note);

	if (contact)
		json_object_set_new(b, "contact", json_integer(contact));
	return tc_api("POST", "/api/v1/partners/requests", token, b);
}

static const struct ts_res *
decide(const char *token, int64_t id, const char *how, int64_t contact)
{
	return tc_api("POST", tc_path("/api/v1/partners/requests/%lld/%s", (long long)id, how),
	    token, contact ? json_pack("{s:I}", "contact", (json_int_t)contact) : json_object());
}

/* Parallel calls: n browsers each make one. */
struct racer {
	struct ts_browser *b;
	const char *token, *method, *path;
	char body[512];
	long status;
};

static void *
race(void *arg)
{
	struct racer *x = arg;

	x->status = ts_api(x->b, x->method, x->path, x->token, x->body)->status;
	return NULL;
}

static void
run_race(struct racer *x, int n)
{
	pthread_t t[NRACE + 4];
	int i;

	for (i = 0; i < n; i++)
		x[i].b = ts_browser_new(&srv, NULL);
	for (i = 0; i < n; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	for (i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		ts_browser_free(x[i].b);
	}
}

/* r's problem without what names the request (instance, request_id). */
static const char *
problem(const struct ts_res *r)
{
	static char out[1024];
	json_t *j = ts_jbody(r);
	char *s;

	json_object_del(j, "instance");
	json_object_del(j, "request_id");
	s = json_dumps(j, JSON_SORT_KEYS);
	snprintf(out, sizeof out, "%s", s ? s : "");
	free(s);
	json_decref(j);
	return out;
}

/* ---- messages ----------------------------------------------------------------- */

/* The write form refused (nothing typed, bad text) must not name a person
 * the directory hides, nor answer differently for them and for nobody. */
static void
test_write_form_oracle(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	char hidden[16384], nobody[16384], big[MSG_MAX + 2];

	(void)state;
	b = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(b);
	assert_non_null(ts_get(b, "/messages"));
	/* a member of another organization (not in the directory) */
	r = ts_form(b, "/messages", "to", tc_path("%lld", (long long)ben_id), "body", "",
	    (char *)NULL);
	STATUS(r, 404);
	LACKS(r, "Ben Plover");
	snprintf(hidden, sizeof hidden, "%s", r->body);
	if (strstr(hidden, "Request id"))	/* one per request */
		*strstr(hidden, "Request id") = '\0';
	r = ts_form(b, "/messages", "to", "99999999", "body", "", (char *)NULL);
	STATUS(r, 404);
	snprintf(nobody, sizeof nobody, "%s", r->body);
	if (strstr(nobody, "Request id"))
		*strstr(nobody, "Request id") = '\0';
	assert_string_equal(hidden, nobody);	/* one answer for both */
	/* a withdrawn expert, with text the form refuses */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	r = ts_form(b, "/messages", "to", tc_path("%lld", (long long)exw_id), "body", big,
	    (char *)NULL);
	STATUS(r, 404);
	LACKS(r, "Withdrawn Amsg");
	r = ts_form(b, "/messages", "to", tc_path("%lld", (long long)ben_id), "body",
	    "\xff\xfe", (char *)NULL);
	assert_true(r->status == 400 || r->status == 404);	/* not UTF-8: refused whole */
	LACKS(r, "Ben Plover");
	/* the JSON twin: 404 alike */
	r = write_to(ada_tok, ben_id, "");
	STATUS(r, 404);
	LACKS(r, "Ben Plover");
	STATUS(write_to(ada_tok, 99999999, ""), 404);
	STATUS(ts_get(b, tc_path("/messages/new?to=%lld", (long long)exw_id)), 404);
	/* one they may write to: the form again, as typed, naming them */
	r = ts_form(b, "/messages", "to", tc_path("%lld", (long long)exp_id), "body", "",
	    (char *)NULL);
	STATUS(r, 422);
	HAS(r, "Visible Amsg Expert");
	/* to oneself: refused, not a 404 */
	STATUS(write_to(ada_tok, ada_id, ""), 422);
	ts_browser_free(b);
}

/* Others' conversations answer as ones that do not exist, whatever the
 * method; forms need their CSRF field. */
static void
test_others_and_csrf(void **state)
{
	static const char *const acts[] = { "", "/block", "/unblock", "/report" };
	struct ts_browser *b;
	const struct ts_res *r;
	char seen[1024];
	int64_t c, before;
	size_t i;

	(void)state;
	c = wrote(staff_tok, max_id, "AMSG-SECRET-ONE");
	before = ts_sql_int("SELECT count(*) FROM messages WHERE conversation_id = %lld",
	    (long long)c);
	for (i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		json_t *body = json_pack("{s:s,s:s}", "body", "x", "reason", "x");

		r = tc_api("POST", tc_path("/api/v1/messages/%lld%s", (long long)c, acts[i]),
		    ben_tok, json_deep_copy(body));
		STATUS(r, 404);
		snprintf(seen, sizeof seen, "%s", problem(r));
		r = tc_api("POST", tc_path("/api/v1/messages/%lld%s", 99999999LL, acts[i]), ben_tok,
		    body);
		STATUS(r, 404);
		assert_string_equal(seen, problem(r));
	}
	r = tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), ben_tok, NULL);
	STATUS(r, 404);
	LACKS(r, "AMSG-SECRET");
	r = tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), bea_tok, NULL);
	STATUS(r, 404);
	/* the pages, as a browser signed in as someone else */
	b = ts_signed_in(&srv, NULL, BEN, PW);
	assert_non_null(b);
	r = ts_get(b, tc_path("/messages/%lld", (long long)c));
	STATUS(r, 404);
	LACKS(r, "AMSG-SECRET");
	assert_non_null(ts_get(b, "/messages"));
	for (i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		r = ts_form(b, tc_path("/messages/%lld%s", (long long)c, acts[i]), "body", "x",
		    "reason", "x", (char *)NULL);
		STATUS(r, 404);
		LACKS(r, "AMSG-SECRET");
	}
	r = ts_get(b, "/messages");
	STATUS(r, 200);
	LACKS(r, "Max Kestrel");
	ts_browser_free(b);
	/* other methods on a conversation */
	r = tc_api("DELETE", tc_path("/api/v1/messages/%lld", (long long)c), max_tok, NULL);
	assert_true(r->status == 404 || r->status == 405);
	r = tc_api("PUT", tc_path("/api/v1/messages/%lld", (long long)c), ben_tok,
	    json_pack("{s:s}", "body", "x"));
	assert_true(r->status == 404 || r->status == 405);
	LACKS(r, "AMSG-SECRET");
	r = tc_api("GET", tc_path("/api/v1/messages/%lld/block", (long long)c), max_tok, NULL);
	assert_true(r->status == 404 || r->status == 405);
	/* staff read a conversation they are not in only through a report */
	c = wrote(ada_tok, exp_id, "AMSG-PRIVATE-TWO");
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), staff_tok, NULL),
	    404);
	r = tc_api("GET", "/api/v1/staff/messages?status=all", staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "AMSG-PRIVATE-TWO");
	/* every form without its CSRF field: refused, nothing stored */
	b = ts_signed_in(&srv, NULL, MAX, PW);
	assert_non_null(b);
	c = ts_sql_int("SELECT id FROM conversations WHERE b_id = %lld AND a_id = %lld",
	    (long long)max_id, (long long)staff_id);
	STATUS(ts_post(b, "/messages", "to", tc_path("%lld", (long long)staff_id), "body", "x",
	    (char *)NULL), 403);
	for (i = 0; i < sizeof acts / sizeof acts[0]; i++)
		STATUS(ts_post(b, tc_path("/messages/%lld%s", (long long)c, acts[i]), "body", "x",
		    "reason", "x", (char *)NULL), 403);
	STATUS(ts_post(b, "/messages/settings", "mail", "", (char *)NULL), 403);
	/* JSON as another site's form can send it (text/plain, no preflight)
	 * with the session's cookie: not taken */
	{
		static const char *const h[] = { "Content-Type: text/plain",
			"Accept: application/json", NULL };
		const char *json = tc_path("{\"to\":%lld,\"body\":\"x\"}", (long long)staff_id);

		r = ts_req(b, "POST", "/api/v1/messages", h, json, strlen(json));
		assert_true(r->status >= 400 && r->status < 500);
		r = ts_req(b, "POST", tc_path("/api/v1/messages/%lld/block", (long long)c), h, "{}", 2);
		assert_true(r->status >= 400 && r->status < 500);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM messages WHERE conversation_id = %lld",
	    (long long)c), before);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM message_blocks WHERE user_id = %lld",
	    (long long)max_id), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM message_reports WHERE reporter_id = "
	    "%lld", (long long)max_id), 0);
	ts_browser_free(b);
	/* a visitor and an applicant */
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), NULL, NULL), 401);
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), appl_tok, NULL), 403);
	STATUS(write_to(appl_tok, staff_id, "x"), 403);
	/* nor does anyone start a conversation the applicant could not read */
	r = write_to(staff_tok, appl_id, "AMSG-TO-APPLICANT");
	STATUS(r, 404);
	assert_int_equal(queued(APPL), 0);
}

/* Hostile text: refused with a 4xx and nothing stored, or kept as typed
 * and escaped. */
static void
test_hostile_text(void **state)
{
	static const char *const bad[] = { "ctl\x01x", "esc\x1b[31mred", "del\x7fx", "v\x0bt",
		"nul\xc0\x80x" };
	const struct ts_res *r;
	struct ts_browser *b;
	char *big;
	int64_t c, n;
	size_t i;

	(void)state;
	c = wrote(staff_tok, exp_id, "Hostile text follows.");
	n = ts_sql_int("SELECT count(*) FROM messages WHERE conversation_id = %lld", (long long)c);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		STATUS(reply(exp_tok, c, bad[i]), 422);
		STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), exp_tok,
		    json_pack("{s:s}", "reason", bad[i])), 422);
	}
	/* invalid UTF-8 and a NUL in JSON: not JSON */
	r = ts_api(plain, "POST", tc_path("/api/v1/messages/%lld", (long long)c), exp_tok,
	    "{\"body\":\"\xff\xfe\"}");
	assert_true(r->status == 400 || r->status == 422);
	r = ts_api(plain, "POST", tc_path("/api/v1/messages/%lld", (long long)c), exp_tok,
	    "{\"body\":\"a\\u0000b\"}");
	assert_true(r->status == 400 || r->status == 422);
	/* 1 MB */
	big = malloc(1024 * 1024 + 32);
	assert_non_null(big);
	memcpy(big, "{\"body\":\"", 9);
	memset(big + 9, 'x', 1024 * 1024);
	memcpy(big + 9 + 1024 * 1024, "\"}", 3);
	r = ts_api(plain, "POST", tc_path("/api/v1/messages/%lld", (long long)c), exp_tok, big);
	assert_true(r->status == 413 || r->status == 422);
	free(big);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM messages WHERE conversation_id = %lld",
	    (long long)c), n);
	/* a right-to-left override and markup: kept, escaped */
	STATUS(reply(exp_tok, c, "\xe2\x80\xae" "fdp.exe <b>AMSG-BOLD</b>"), 201);
	b = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(b);
	r = ts_get(b, tc_path("/messages/%lld", (long long)c));
	STATUS(r, 200);
	HAS(r, "&lt;b&gt;AMSG-BOLD");
	LACKS(r, "<b>AMSG-BOLD");
	ts_browser_free(b);
}

/* The blocked sender learns nothing: the same status, the same view of the
 * conversation, no count; the blocker gets no mail. */
static void
test_blocked_learns_nothing(void **state)
{
	json_t *before, *after;
	const struct ts_res *r;
	int64_t c, mails;

	(void)state;
	c = wrote(ada_tok, exp_id, "Before the block.");
	r = tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), ada_tok, NULL);
	STATUS(r, 200);
	before = ts_jbody(r);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/block", (long long)c), exp_tok,
	    NULL), 200);
	assert_true(ts_clock_advance(plain, 2 * 3600) == 200);	/* a mail would be due */
	tokens();
	mails = queued(EXP);
	r = reply(ada_tok, c, "After the block.");
	STATUS(r, 201);
	assert_int_equal(queued(EXP), mails);
	r = tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), ada_tok, NULL);
	STATUS(r, 200);
	after = ts_jbody(r);
	assert_int_equal(json_equal(json_object_get(before, "blocked"),
	    json_object_get(after, "blocked")), 1);
	assert_int_equal(json_equal(json_object_get(before, "can_reply"),
	    json_object_get(after, "can_reply")), 1);
	assert_int_equal(json_array_size(json_object_get(after, "items")),
	    json_array_size(json_object_get(before, "items")) + 1);
	json_decref(before);
	json_decref(after);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/unblock", (long long)c), exp_tok,
	    NULL), 200);
}

/* Mail about a message goes to people who may read it: not to a person
 * whose organization was suspended, nor to a disabled account. */
static void
test_mail_after_access_lost(void **state)
{
	int64_t c, n;

	(void)state;
	assert_true(ts_clock_advance(plain, 2 * 3600) == 200);
	tokens();
	c = wrote(staff_tok, ben_id, "AMSG-SUSPENDED-ONE");
	ts_sql_int("UPDATE organizations SET status = 'suspended' WHERE id = %lld",
	    (long long)plover);
	assert_true(ts_clock_advance(plain, 2 * 3600) == 200);
	tokens();
	n = queued(BEN);
	STATUS(reply(staff_tok, c, "AMSG-SUSPENDED-TWO"), 201);
	assert_int_equal(queued(BEN), n);	/* they could not read it */
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)c), ben_tok, NULL), 403);
	STATUS(tc_api("GET", "/api/v1/messages", ben_tok, NULL), 403);
	ts_sql_int("UPDATE organizations SET status = 'approved' WHERE id = %lld",
	    (long long)plover);
	/* a disabled account: no new conversation, no reply, no mail */
	ts_sql_int("UPDATE users SET status = 'disabled' WHERE id = %lld", (long long)exw_id);
	n = queued(EXW);
	STATUS(write_to(staff_tok, exw_id, "x"), 404);
	assert_int_equal(queued(EXW), n);
	ts_sql_int("UPDATE users SET status = 'active' WHERE id = %lld", (long long)exw_id);
}

/* The caps raced: parallel requests never pass more than the cap. */
static void
test_caps_raced(void **state)
{
	struct racer x[6];
	const int64_t to[4] = { ada_id, bea_id, cai_id, fe_id };
	int64_t now, c, i;
	int ok = 0, k;

	(void)state;
	assert_true(ts_clock_advance(plain, 3 * 86400) == 200);
	tokens();
	now = tc_now();
	/* 19 conversations started today: one more may start, not four */
	for (i = 0; i < 19; i++)
		ts_sql_int("INSERT INTO conversations (pair, a_id, b_id, created_at) VALUES "
		    "('amsg-cap:%lld', %lld, NULL, %lld)", (long long)i, (long long)staff_id,
		    (long long)now);
	memset(x, 0, sizeof x);
	for (k = 0; k < 4; k++) {
		x[k].token = staff_tok;
		x[k].method = "POST";
		x[k].path = "/api/v1/messages";
		snprintf(x[k].body, sizeof x[k].body, "{\"to\":%lld,\"body\":\"race %d\"}",
		    (long long)to[k], k);
	}
	run_race(x, 4);
	for (k = 0; k < 4; k++) {
		assert_true(x[k].status == 201 || x[k].status == 429);
		ok += x[k].status == 201;
	}
	assert_int_equal(ok, 1);
	ts_sql_int("DELETE FROM conversations WHERE pair LIKE 'amsg-cap:%%'");
	/* 58 messages this hour: two more may go, not six */
	c = ts_sql_int("SELECT id FROM conversations WHERE a_id = %lld AND b_id = %lld",
	    (long long)staff_id, (long long)max_id);
	assert_true(c > 0);
	for (i = 0; i < 58 - ts_sql_int("SELECT count(*) FROM messages WHERE sender_id = %lld "
	    "AND created_at >= %lld", (long long)staff_id, (long long)now - 3600); )
		ts_sql_int("INSERT INTO messages (conversation_id, sender_id, body, withheld, "
		    "created_at) VALUES (%lld, %lld, 'filler', 0, %lld)", (long long)c,
		    (long long)staff_id, (long long)now);
	memset(x, 0, sizeof x);
	for (k = 0; k < 6; k++) {
		x[k].token = staff_tok;
		x[k].method = "POST";
		x[k].path = tc_path("/api/v1/messages/%lld", (long long)c);
		snprintf(x[k].body, sizeof x[k].body, "{\"body\":\"race %d\"}", k);
	}
	run_race(x, 6);
	ok = 0;
	for (k = 0; k < 6; k++) {
		assert_true(x[k].status == 201 || x[k].status == 429);
		ok += x[k].status == 201;
	}
	assert_int_equal(ok, 2);
	ts_sql_int("DELETE FROM messages WHERE body = 'filler'");
}

/* Reports: one open report a person a conversation, not a flood of the
 * staff's queue. */
static void
test_report_flood(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	int64_t c;
	int k;

	(void)state;
	c = ts_sql_int("SELECT id FROM conversations WHERE a_id = %lld AND b_id = %lld",
	    (long long)staff_id, (long long)max_id);
	assert_true(c > 0);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), max_tok,
	    json_pack("{s:s}", "reason", "AMSG-REPORT")), 201);
	for (k = 0; k < 5; k++) {
		r = tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), max_tok,
		    json_pack("{s:s}", "reason", "AMSG-REPORT again"));
		STATUS(r, 409);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM message_reports WHERE reporter_id = "
	    "%lld", (long long)max_id), 1);
	/* the page says so and keeps what was typed */
	b = ts_signed_in(&srv, NULL, MAX, PW);
	assert_non_null(b);
	assert_non_null(ts_get(b, tc_path("/messages/%lld", (long long)c)));
	r = ts_form(b, tc_path("/messages/%lld/report", (long long)c), "reason", "AMSG-TYPED",
	    (char *)NULL);
	STATUS(r, 409);
	HAS(r, "AMSG-TYPED");
	HAS(r, "reported this conversation already");
	ts_browser_free(b);
	/* the other person may report it too; closed, it may be reported again */
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), staff_tok,
	    json_pack("{s:s}", "reason", "AMSG-REPORT staff")), 201);
	ts_sql_int("UPDATE message_reports SET status = 'closed' WHERE reporter_id = %lld",
	    (long long)max_id);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), max_tok,
	    json_pack("{s:s}", "reason", "AMSG-REPORT later")), 201);
}

/* The export: one's messages, and nothing of the other side but their
 * name (no address). */
static void
test_export(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = tc_api("GET", "/api/v1/me/export", max_tok, NULL);
	STATUS(r, 200);
	HAS(r, "AMSG-SECRET-ONE");
	LACKS(r, STAFF);
	LACKS(r, "AMSG-PRIVATE-TWO");	/* Ada's, to someone else */
	LACKS(r, "AMSG-SUSPENDED");
}

/* ---- partners ----------------------------------------------------------------- */

/* Who may ask and answer, and for which organization. */
static void
test_partner_roles(void **state)
{
	const struct ts_res *r;
	json_t *j, *it;
	int64_t id;

	(void)state;
	/* not an admin; an admin for another organization; focal, expert, staff,
	 * applicant, visitor */
	STATUS(ask(max_tok, kestrel, plover, 0, "x"), 403);
	STATUS(ask(ada_tok, plover, kestrel, 0, "x"), 403);
	STATUS(ask(fe_tok, kestrel, plover, 0, "x"), 403);
	STATUS(ask(exp_tok, kestrel, plover, 0, "x"), 403);
	STATUS(ask(staff_tok, kestrel, plover, 0, "x"), 403);
	STATUS(ask(appl_tok, kestrel, plover, 0, "x"), 403);
	STATUS(ask(NULL, kestrel, plover, 0, "x"), 401);
	STATUS(tc_api("GET", tc_path("/api/v1/partners/requests?org=%lld", (long long)plover),
	    ada_tok, NULL), 403);
	STATUS(tc_api("GET", tc_path("/api/v1/partners/suggestions?org=%lld", (long long)plover),
	    ada_tok, NULL), 403);
	/* a contact person outside the organization, or nobody */
	STATUS(ask(ada_tok, kestrel, plover, ben_id, "x"), 422);
	STATUS(ask(ada_tok, kestrel, plover, exp_id, "x"), 422);
	STATUS(ask(ada_tok, kestrel, plover, 99999999, "x"), 422);
	/* asking oneself, nobody, a hidden note */
	STATUS(ask(ada_tok, kestrel, kestrel, 0, "x"), 404);
	STATUS(ask(ada_tok, kestrel, 99999999, 0, "x"), 404);
	STATUS(ask(ada_tok, kestrel, plover, 0, "bad\x01"), 422);
	/* the request: Max the contact */
	r = ask(ada_tok, kestrel, plover, max_id, "AMSG-NOTE =1+1");
	STATUS(r, 201);
	id = tc_id_of(r);
	/* answering it: the asker, a non-admin, another organization's admin */
	STATUS(decide(ada_tok, id, "accept", 0), 404);
	STATUS(decide(ben_tok, id, "accept", 0), 403);
	STATUS(decide(cai_tok, id, "accept", 0), 404);
	STATUS(decide(cai_tok, id, "decline", 0), 404);
	/* before acceptance the asked side sees no person */
	r = tc_api("GET", tc_path("/api/v1/partners/requests?org=%lld", (long long)plover),
	    bea_tok, NULL);
	STATUS(r, 200);
	HAS(r, "AMSG-NOTE");
	LACKS(r, "Max Kestrel");
	LACKS(r, "Ada Kestrel");
	LACKS(r, "@");
	/* accepting with a contact of another organization */
	STATUS(decide(bea_tok, id, "accept", ada_id), 422);
	STATUS(decide(bea_tok, id, "accept", exp_id), 422);
	r = decide(bea_tok, id, "accept", ben_id);
	STATUS(r, 200);
	STATUS(decide(bea_tok, id, "decline", 0), 409);
	/* after: both contacts' names, never an address */
	r = tc_api("GET", tc_path("/api/v1/partners/requests?org=%lld", (long long)plover),
	    bea_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Max Kestrel");
	LACKS(r, "Ada Kestrel");	/* the asker stays the asking side's */
	LACKS(r, "@");
	j = ts_jbody(r);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_true(json_is_null(json_object_get(it, "conversation_id")));	/* Bea: no contact */
	json_decref(j);
	r = tc_api("GET", tc_path("/api/v1/partners/requests?org=%lld", (long long)kestrel),
	    ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Ben Plover");
	LACKS(r, "@");
	/* the conversation: the two contacts', nobody else's */
	id = ts_sql_int("SELECT conversation_id FROM partner_requests WHERE id = %lld",
	    (long long)id);
	assert_true(id > 0);
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)id), ada_tok, NULL), 404);
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)id), bea_tok, NULL), 404);
	STATUS(reply(ada_tok, id, "x"), 404);
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)id), ben_tok, NULL), 200);
	STATUS(reply(max_tok, id, "Hello from the match."), 201);
}

/* A suspended organization's pending request is not accepted, and the
 * suspended organization is not suggested. */
static void
test_partner_suspended(void **state)
{
	const struct ts_res *r;
	int64_t id, conv;

	(void)state;
	r = ask(cai_tok, dunlin, kestrel, 0, "AMSG-DUNLIN-NOTE");
	STATUS(r, 201);
	id = tc_id_of(r);
	ts_sql_int("UPDATE organizations SET status = 'suspended' WHERE id = %lld",
	    (long long)dunlin);
	STATUS(ask(cai_tok, dunlin, plover, 0, "x"), 403);
	r = decide(ada_tok, id, "accept", 0);
	assert_true(r->status == 404 || r->status == 409);
	conv = ts_sql_int("SELECT count(*) FROM conversations WHERE pair = '%lld:%lld'",
	    (long long)(ada_id < cai_id ? ada_id : cai_id),
	    (long long)(ada_id < cai_id ? cai_id : ada_id));
	assert_int_equal(conv, 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM partner_requests WHERE id = %lld AND "
	    "status = 'pending'", (long long)id), 1);
	/* nor asked */
	STATUS(ask(ada_tok, kestrel, dunlin, 0, "x"), 404);
	r = tc_api("GET", tc_path("/api/v1/partners/suggestions?org=%lld", (long long)kestrel),
	    ada_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Dunlin");
	ts_sql_int("UPDATE organizations SET status = 'approved' WHERE id = %lld",
	    (long long)dunlin);
	STATUS(decide(ada_tok, id, "decline", 0), 200);
}

/* Suggestions count only what the reader may see: a theme hidden from
 * them neither scores nor filters nor shows. */
static void
test_partner_hidden_fields(void **state)
{
	const struct ts_res *r;

	(void)state;
	ts_sql_int("UPDATE organizations SET themes = '[\"wildlife_crime\"]', countries = '[]', "
	    "country = 'FJ', visibility = '{\"themes\":\"staff\"}' WHERE id = %lld",
	    (long long)race_org[0]);
	r = tc_api("GET", tc_path("/api/v1/partners/suggestions?org=%lld", (long long)kestrel),
	    ada_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Amsg Race 00");
	r = tc_api("GET", tc_path("/api/v1/partners/suggestions?org=%lld&theme=wildlife_crime",
	    (long long)kestrel), ada_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Amsg Race 00");
	LACKS(r, "wildlife_crime");
	ts_sql_int("UPDATE organizations SET themes = '[]', country = 'KE', visibility = '{}' "
	    "WHERE id = %lld", (long long)race_org[0]);
	/* a country hidden from them: no point, no region */
	ts_sql_int("UPDATE organizations SET themes = '[]' WHERE id = %lld", (long long)race_org[2]);
	r = tc_api("GET", tc_path("/api/v1/partners/suggestions?org=%lld", (long long)kestrel),
	    ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Amsg Race 02");	/* Kenya, as Kestrel */
	ts_sql_int("UPDATE organizations SET visibility = '{\"country\":\"staff\"}' WHERE id = "
	    "%lld", (long long)race_org[2]);
	r = tc_api("GET", tc_path("/api/v1/partners/suggestions?org=%lld", (long long)kestrel),
	    ada_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Amsg Race 02");
	HAS(r, "Amsg Race 03");
	ts_sql_int("UPDATE organizations SET themes = '[\"corruption\"]' WHERE id = %lld",
	    (long long)race_org[2]);
	r = tc_api("GET", tc_path("/api/v1/partners/suggestions?org=%lld&region=014",
	    (long long)kestrel), ada_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Amsg Race 02");
	HAS(r, "Amsg Race 03");
	ts_sql_int("UPDATE organizations SET themes = '[]', visibility = '{}' WHERE id = %lld",
	    (long long)race_org[2]);
}

/* The open-requests cap raced; asking again after a decline; the staff
 * CSV's formula cells. */
static void
test_partner_cap_and_decline(void **state)
{
	struct racer x[NRACE];
	const struct ts_res *r;
	int64_t open, id;
	int k, ok = 0;

	(void)state;
	open = ts_sql_int("SELECT count(*) FROM partner_requests WHERE from_org = %lld AND "
	    "status = 'pending'", (long long)kestrel);
	memset(x, 0, sizeof x);
	for (k = 0; k < NRACE; k++) {
		x[k].token = ada_tok;
		x[k].method = "POST";
		x[k].path = "/api/v1/partners/requests";
		snprintf(x[k].body, sizeof x[k].body, "{\"org\":%lld,\"to\":%lld,\"note\":\"race\"}",
		    (long long)kestrel, (long long)race_org[k]);
	}
	run_race(x, NRACE);
	for (k = 0; k < NRACE; k++) {
		assert_true(x[k].status == 201 || x[k].status == 429);
		ok += x[k].status == 201;
	}
	assert_int_equal(ok, 10 - open);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM partner_requests WHERE from_org = %lld "
	    "AND status = 'pending'", (long long)kestrel), 10);
	/* both asking each other at once: one request */
	ts_sql_int("DELETE FROM partner_requests WHERE note = 'race'");
	memset(x, 0, sizeof x);
	x[0].token = ada_tok;
	x[1].token = cai_tok;
	for (k = 0; k < 2; k++) {
		x[k].method = "POST";
		x[k].path = "/api/v1/partners/requests";
	}
	snprintf(x[0].body, sizeof x[0].body, "{\"org\":%lld,\"to\":%lld,\"note\":\"race\"}",
	    (long long)kestrel, (long long)dunlin);
	snprintf(x[1].body, sizeof x[1].body, "{\"org\":%lld,\"to\":%lld,\"note\":\"race\"}",
	    (long long)dunlin, (long long)kestrel);
	ts_sql_int("DELETE FROM partner_requests WHERE from_org = %lld OR to_org = %lld",
	    (long long)dunlin, (long long)dunlin);
	run_race(x, 2);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM partner_requests WHERE (from_org = %lld "
	    "AND to_org = %lld) OR (from_org = %lld AND to_org = %lld)", (long long)kestrel,
	    (long long)dunlin, (long long)dunlin, (long long)kestrel), 1);
	/* declined: not asked again either way for 180 days */
	id = ts_sql_int("SELECT id FROM partner_requests WHERE note = 'race' AND (from_org = %lld "
	    "OR to_org = %lld)", (long long)dunlin, (long long)dunlin);
	STATUS(decide(x[0].status == 201 ? cai_tok : ada_tok, id, "decline", 0), 200);
	STATUS(ask(ada_tok, kestrel, dunlin, 0, "again"), 409);
	STATUS(ask(cai_tok, dunlin, kestrel, 0, "again"), 409);
	assert_true(ts_clock_advance(plain, 170 * DAY) == 200);
	tokens();
	STATUS(ask(cai_tok, dunlin, kestrel, 0, "again"), 409);
	assert_true(ts_clock_advance(plain, 11 * DAY) == 200);
	tokens();
	STATUS(ask(cai_tok, dunlin, kestrel, 0, "@SUM(1+1) again"), 201);
	/* the staff CSV: formulas quoted */
	r = tc_api("GET", "/staff/partners.csv", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"'@SUM(1+1) again\"");
	HAS(r, "\"'=Amsg Formula Dunlin\"");
	LACKS(r, ",=");
	LACKS(r, ",@");
	STATUS(tc_api("GET", "/staff/partners.csv", ada_tok, NULL), 403);
}

/* The asking side's contact person left their organization before the
 * answer: accepting opens no conversation with them and names them to
 * nobody. */
static void
test_partner_contact_left(void **state)
{
	const struct ts_res *r;
	int64_t id;

	(void)state;
	ts_sql_int("DELETE FROM partner_requests WHERE (from_org = %lld AND to_org = %lld) OR "
	    "(from_org = %lld AND to_org = %lld)", (long long)plover, (long long)race_org[1],
	    (long long)race_org[1], (long long)plover);
	ts_sql_int("INSERT INTO org_members (org_id, user_id, is_admin, listed, title, created_at) "
	    "VALUES (%lld, %lld, 1, 1, '', 0)", (long long)race_org[1], (long long)cai_id);
	r = ask(bea_tok, plover, race_org[1], ben_id, "AMSG-LEFT-NOTE");
	STATUS(r, 201);
	id = tc_id_of(r);
	STATUS(tc_api("POST", tc_path("/api/v1/organizations/%lld/leave", (long long)plover),
	    ben_tok, json_object()), 200);
	r = decide(cai_tok, id, "accept", 0);
	STATUS(r, 200);
	LACKS(r, "Ben Plover");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM conversations WHERE pair = '%lld:%lld'",
	    (long long)(ben_id < cai_id ? ben_id : cai_id),
	    (long long)(ben_id < cai_id ? cai_id : ben_id)), 0);
	r = tc_api("GET", tc_path("/api/v1/partners/requests?org=%lld", (long long)race_org[1]),
	    cai_tok, NULL);
	STATUS(r, 200);
	HAS(r, "AMSG-LEFT-NOTE");
	LACKS(r, "Ben Plover");
	/* who left reads no message, and is mailed none */
	STATUS(tc_api("GET", "/api/v1/messages", ben_tok, NULL), 403);
	id = ts_sql_int("SELECT id FROM conversations WHERE pair = '%lld:%lld'",
	    (long long)(ben_id < max_id ? ben_id : max_id),
	    (long long)(ben_id < max_id ? max_id : ben_id));
	assert_true(id > 0);	/* the match's, of test_partner_roles */
	assert_true(ts_clock_advance(plain, 2 * 3600) == 200);
	tokens();
	r = tc_api("GET", "/api/v1/messages", max_tok, NULL);
	STATUS(r, 200);
	id = ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '%s'", BEN);
	STATUS(reply(max_tok, ts_sql_int("SELECT id FROM conversations WHERE pair = '%lld:%lld'",
	    (long long)(ben_id < max_id ? ben_id : max_id),
	    (long long)(ben_id < max_id ? max_id : ben_id)), "AMSG-AFTER-LEAVING"), 201);
	assert_int_equal(queued(BEN), id);
}

/* A disabled account reads nothing, with the token it had. */
static void
test_disabled_account(void **state)
{
	char tok[129];

	(void)state;
	assert_int_equal(ts_token(plain, EXW, PW, tok, 129), 0);
	STATUS(tc_api("GET", "/api/v1/messages", tok, NULL), 200);
	ts_sql_int("UPDATE users SET status = 'disabled' WHERE id = %lld", (long long)exw_id);
	assert_true(tc_api("GET", "/api/v1/messages", tok, NULL)->status == 401 ||
	    tc_api("GET", "/api/v1/messages", tok, NULL)->status == 403);
	assert_true(write_to(tok, staff_id, "x")->status == 401 ||
	    write_to(tok, staff_id, "x")->status == 403);
	ts_sql_int("UPDATE users SET status = 'active' WHERE id = %lld", (long long)exw_id);
}

static int
setup(void **state)
{
	struct ts_browser *staff;
	int k;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	kestrel = ts_org_import(db_url, "Amsg Kestrel Trust", "KE", "info@kestrel-amsg-t.example",
	    NULL);
	plover = ts_org_import(db_url, "Amsg Plover Network", "KE", "info@plover-amsg-t.example",
	    NULL);
	dunlin = ts_org_import(db_url, "=Amsg Formula Dunlin", "KE",
	    "info@dunlin-amsg-t.example", NULL);
	assert_true(kestrel > 0 && plover > 0 && dunlin > 0);
	for (k = 0; k < NRACE; k++) {
		race_org[k] = ts_org_import(db_url, tc_path("Amsg Race %02d", k), "KE",
		    tc_path("info@race%02d-amsg-t.example", k), NULL);
		assert_true(race_org[k] > 0);
	}
	ts_sql_int("UPDATE organizations SET themes = '[\"corruption\",\"wildlife_crime\"]' "
	    "WHERE id = %lld", (long long)kestrel);
	staff_id = ts_person_add(db_url, STAFF, "Sam Amsg Staff", "staff", 0, PW);
	ada_id = ts_person_add(db_url, ADA, "Ada Kestrel", "member", kestrel, PW);
	max_id = ts_person_add(db_url, MAX, "Max Kestrel", "member", kestrel, PW);
	bea_id = ts_person_add(db_url, BEA, "Bea Plover", "member", plover, PW);
	ben_id = ts_person_add(db_url, BEN, "Ben Plover", "member", plover, PW);
	cai_id = ts_person_add(db_url, CAI, "Cai Dunlin", "member", dunlin, PW);
	fe_id = ts_person_add(db_url, FE, "Fe Amsg", "focal", 0, PW);
	appl_id = ts_person_add(db_url, APPL, "Appl Amsg", "applicant", 0, PW);
	assert_true(staff_id > 0 && ada_id > 0 && max_id > 0 && bea_id > 0 && ben_id > 0 &&
	    cai_id > 0 && fe_id > 0 && appl_id > 0);
	exp_id = tc_expert_made(&srv, db_url, STAFF, EXP, "Visible Amsg Expert", PW);
	exw_id = tc_expert_made(&srv, db_url, STAFF, EXW, "Withdrawn Amsg Expert", PW);
	assert_true(exp_id > 0 && exw_id > 0);
	ts_sql_int("UPDATE experts SET status = 'suspended' WHERE user_id = %lld",
	    (long long)exw_id);
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff)
		return -1;
	assert_int_equal(ts_org_admin(staff, kestrel, ada_id), 0);
	assert_int_equal(ts_org_admin(staff, plover, bea_id), 0);
	assert_int_equal(ts_org_admin(staff, dunlin, cai_id), 0);
	ts_browser_free(staff);
	tokens();
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
		cmocka_unit_test(test_write_form_oracle),
		cmocka_unit_test(test_others_and_csrf),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_blocked_learns_nothing),
		cmocka_unit_test(test_mail_after_access_lost),
		cmocka_unit_test(test_caps_raced),
		cmocka_unit_test(test_report_flood),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_partner_roles),
		cmocka_unit_test(test_partner_suspended),
		cmocka_unit_test(test_partner_hidden_fields),
		cmocka_unit_test(test_partner_cap_and_decline),
		cmocka_unit_test(test_partner_contact_left),
		cmocka_unit_test(test_disabled_account),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("messages_attack", tests, setup, teardown);
}
