/*
 * messages_test.c -- private messages (app/messages, migration 41): who may
 * write to whom by role and by what the people directory shows them (a
 * member writes to an approved expert, not to someone it hides: 404; a
 * focal point to staff only; staff to anyone; applicants and visitors to
 * nobody), replies in a conversation, others' conversations (404), the
 * list's unread counts and the header's, reading marks read, blocking
 * (the blocked sender is not told; nothing reaches the blocker), the mail
 * to the recipient (through the SMTP sink, never the text, at most one an
 * hour a conversation on the test clock, switched off by a setting), the
 * rate limits (429), the length limit, reports and the staff's queue, a
 * suspended organization's member who can no longer write, the export,
 * and a deleted account whose messages stay, from a former member.
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

#include <cmocka.h>

#include "lib/courses.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@msgs-t.test"
#define ADA "ada@quillmsg-t.example"
#define BO "bo@quillmsg-t.example"
#define CY "cy@otter-msgs-t.example"
#define EXP "exa@msgs-expert-t.example"
#define EXP2 "exb@msgs-expert-t.example"
#define PEND "pen@msgs-expert-t.example"
#define APPL "appl@msgs-appl-t.example"
#define FE "fe@interior-msgs-t.go.ke"
#define HOUR 3600

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ada_tok[129], bo_tok[129], cy_tok[129], exp_tok[129],
    exp2_tok[129], appl_tok[129], fe_tok[129];
static int64_t quill, otter, staff_id, ada_id, bo_id, cy_id, exp_id, exp2_id, pend_id, appl_id,
    fe_id;

/* ---- helpers ------------------------------------------------------------ */

static void
tokens(void)
{
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);
	assert_int_equal(ts_token(plain, EXP, PW, exp_tok, 129), 0);
	assert_int_equal(ts_token(plain, EXP2, PW, exp2_tok, 129), 0);
	assert_int_equal(ts_token(plain, APPL, PW, appl_tok, 129), 0);
	assert_int_equal(ts_token(plain, FE, PW, fe_tok, 129), 0);
}

/* token writes body to uid: the answer. */
static const struct ts_res *
write_to(const char *token, int64_t uid, const char *body)
{
	return tc_api("POST", "/api/v1/messages", token, json_pack("{s:I,s:s}", "to",
	    (json_int_t)uid, "body", body));
}

/* token writes to uid, which must work: the conversation's id. */
static int64_t
wrote(const char *token, int64_t uid, const char *body)
{
	const struct ts_res *r = write_to(token, uid, body);
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = tc_num(j, "conversation_id");
	assert_true(tc_num(j, "message_id") > 0);
	json_decref(j);
	return id;
}

static const struct ts_res *
reply(const char *token, int64_t conv, const char *body)
{
	return tc_api("POST", tc_path("/api/v1/messages/%lld", (long long)conv), token,
	    json_pack("{s:s}", "body", body));
}

/* Mail queued to `to` so far (the outbox is written in the message's
 * transaction, so this counts at once, before any is sent). */
static int64_t
queued(const char *to)
{
	return ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '%s'", to);
}

/* Waits for the next mail to `to`; asserts its subject and that its body
 * has text and lacks not (NULL: nothing). */
static void
mail_says(const char *to, const char *subject, const char *text, const char *not)
{
	struct ts_mail m;

	if (ts_mail_wait(&sink, to, 20000, &m) != 0)
		fail_msg("no mail to %s (%s)", to, subject);
	if (strcmp(m.subject, subject) != 0 || !strstr(m.body, text))
		printf("# mail to %s: %s\n%s\n", to, m.subject, m.body);
	assert_string_equal(m.subject, subject);
	assert_non_null(strstr(m.body, text));
	if (not)
		assert_null(strstr(m.body, not));
	ts_mail_free(&m);
}

/* token's view of conversation conv (JSON, a new reference) when 200. */
static json_t *
thread(const char *token, int64_t conv, int want)
{
	const struct ts_res *r = tc_api("GET", tc_path("/api/v1/messages/%lld", (long long)conv),
	    token, NULL);

	STATUS(r, want);
	return want == 200 ? ts_jbody(r) : NULL;
}

/* token's unread messages, as /api/v1/messages says. */
static int64_t
unread(const char *token)
{
	const struct ts_res *r = tc_api("GET", "/api/v1/messages", token, NULL);
	json_t *j;
	int64_t n;

	STATUS(r, 200);
	j = ts_jbody(r);
	n = tc_num(j, "unread");
	json_decref(j);
	return n;
}

/* ---- tests ------------------------------------------------------------------ */

/* Who may start a conversation with whom. */
static void
test_who_writes(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	int64_t c;

	(void)state;
	/* a member to an approved expert the directory shows them */
	c = wrote(ada_tok, exp_id, "Hello, could we talk about asset recovery?");
	assert_true(c > 0);
	/* writing again to the same person goes to the same conversation */
	assert_int_equal(wrote(ada_tok, exp_id, "And one more thing."), c);
	/* a member to a member of an organization: not in the directory */
	STATUS(write_to(ada_tok, cy_id, "Hi"), 404);
	/* to an expert not approved yet: hidden from them */
	r = write_to(ada_tok, pend_id, "Hi");
	STATUS(r, 404);
	HAS(r, "nobody you may write to");
	/* to nobody at all, and to oneself */
	STATUS(write_to(ada_tok, 999999, "Hi"), 404);
	STATUS(write_to(ada_tok, ada_id, "Hi"), 422);
	/* a focal point writes to staff only */
	STATUS(write_to(fe_tok, exp_id, "Hi"), 404);
	c = wrote(fe_tok, staff_id, "A question about the review.");
	STATUS(reply(staff_tok, c, "Here is the answer."), 201);
	STATUS(reply(fe_tok, c, "Thank you."), 201);
	/* the focal point's list offers the staff to write to */
	b = ts_signed_in(&srv, NULL, FE, PW);
	assert_non_null(b);
	r = ts_get(b, "/messages");
	STATUS(r, 200);
	HAS(r, "Write to a member of staff");
	HAS(r, tc_path("<option value=\"%lld\">Sam Staff</option>", (long long)staff_id));
	ts_browser_free(b);
	/* staff write to anyone active, and the member replies */
	c = wrote(staff_tok, cy_id, "Your organization's listing.");
	STATUS(reply(cy_tok, c, "Thanks, we will update it."), 201);
	/* applicants and visitors: nobody */
	STATUS(write_to(appl_tok, exp_id, "Hi"), 403);
	STATUS(write_to(NULL, exp_id, "Hi"), 401);
	STATUS(tc_api("GET", "/api/v1/messages", appl_tok, NULL), 403);
	/* the write form: from a person's page, for those who may */
	b = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(b);
	r = ts_get(b, tc_path("/people/%lld", (long long)exp2_id));
	STATUS(r, 200);
	HAS(r, tc_path("/messages/new?to=%lld", (long long)exp2_id));
	r = ts_get(b, tc_path("/messages/new?to=%lld", (long long)exp2_id));
	STATUS(r, 200);
	HAS(r, "Second Expert");
	STATUS(ts_get(b, tc_path("/messages/new?to=%lld", (long long)pend_id)), 404);
	STATUS(ts_get(b, tc_path("/messages/new?to=%lld", (long long)cy_id)), 404);
	/* the form refused keeps what was typed */
	r = ts_form(b, "/messages", "to", tc_path("%lld", (long long)exp2_id), "body", "",
	    (char *)NULL);
	STATUS(r, 422);
	r = ts_form(b, "/messages", "to", tc_path("%lld", (long long)exp2_id), "body",
	    "Dear <Second>, a word.", (char *)NULL);
	STATUS(r, 303);
	assert_non_null(strstr(ts_header(r, "Location"), "/messages/"));
	r = ts_get(b, ts_header(r, "Location"));
	STATUS(r, 200);
	HAS(r, "Dear &lt;Second&gt;, a word.");	/* escaped, as typed */
	ts_browser_free(b);
}

/* Reading: others' conversations are 404; unread counts; reading marks
 * read; the header's count. */
static void
test_reading(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	json_t *j;
	int64_t c, before;

	(void)state;
	before = unread(exp2_tok);
	c = wrote(bo_tok, exp2_id, "First.");
	STATUS(reply(bo_tok, c, "Second."), 201);
	assert_int_equal(unread(exp2_tok), before + 2);
	/* someone else's conversation: as if there were none */
	thread(ada_tok, c, 404);
	thread(cy_tok, c, 404);
	thread(staff_tok, c, 404);
	STATUS(reply(ada_tok, c, "Let me in."), 404);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), ada_tok,
	    json_pack("{s:s}", "reason", "x")), 404);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/block", (long long)c), ada_tok,
	    NULL), 404);
	/* the header of a page says how many are unread */
	b = ts_signed_in(&srv, NULL, EXP2, PW);
	assert_non_null(b);
	r = ts_get(b, "/");
	STATUS(r, 200);
	HAS(r, "href=\"/messages\"");
	HAS(r, "class=\"badge\"");
	/* the list: newest first, with its unread count */
	r = ts_get(b, "/messages");
	STATUS(r, 200);
	HAS(r, "&#x3D;Bo</a>");	/* escaped */
	j = thread(exp2_tok, c, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_string_equal(tc_str(json_array_get(json_object_get(j, "items"), 0), "body"),
	    "First.");
	assert_int_equal(tc_num(json_object_get(j, "with"), "id"), bo_id);
	json_decref(j);
	assert_int_equal(unread(exp2_tok), before);
	/* pages: one message a page, the newest first */
	r = tc_api("GET", tc_path("/api/v1/messages/%lld?per_page=1", (long long)c), bo_tok,
	    NULL);
	STATUS(r, 200);
	HAS(r, "Second.");
	LACKS(r, "First.");
	STATUS(tc_api("GET", tc_path("/api/v1/messages/%lld?per_page=1000", (long long)c),
	    bo_tok, NULL), 422);
	ts_browser_free(b);
}

/* Blocking: the blocked person is not told; nothing of theirs reaches. */
static void
test_blocking(void **state)
{
	json_t *j;
	int64_t c, mails, before;

	(void)state;
	c = wrote(staff_tok, exp2_id, "From staff, before.");
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/block", (long long)c), exp2_tok,
	    NULL), 200);
	before = unread(exp2_tok);
	mails = queued(EXP2);
	STATUS(reply(staff_tok, c, "After the block."), 201);	/* not told */
	assert_int_equal(unread(exp2_tok), before);
	assert_int_equal(queued(EXP2), mails);
	j = thread(exp2_tok, c, 200);
	assert_true(json_is_true(json_object_get(j, "blocked")));
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	j = thread(staff_tok, c, 200);	/* the sender sees what they wrote */
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_false(json_is_true(json_object_get(j, "blocked")));
	json_decref(j);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/unblock", (long long)c), exp2_tok,
	    NULL), 200);
	before = unread(exp2_tok);
	STATUS(reply(staff_tok, c, "After the unblock."), 201);
	assert_int_equal(unread(exp2_tok), before + 1);
	j = thread(exp2_tok, c, 200);	/* what came while blocked never does */
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
}

/* The mail: who wrote and a link, never the text; one an hour a
 * conversation; off when the person says so. */
static void
test_mail(void **state)
{
	int64_t c, n;

	(void)state;
	/* every mail queued to them so far, waited for (one may still be on
	 * its way: counting what has arrived would leave it to come later) */
	for (n = queued(EXP); n > 0; n--) {
		struct ts_mail m;

		if (ts_mail_wait(&sink, EXP, 20000, &m) == 0)
			ts_mail_free(&m);
	}
	assert_true(ts_clock_advance(plain, 2 * HOUR) == 200);
	tokens();
	n = queued(EXP);
	c = wrote(bo_tok, exp_id, "A secret about our sources.");
	mail_says(EXP, "You have a new message", tc_path("/messages/%lld", (long long)c),
	    "secret");
	assert_int_equal(queued(EXP), n + 1);
	STATUS(reply(bo_tok, c, "Another."), 201);
	assert_int_equal(queued(EXP), n + 1);	/* within the hour */
	assert_true(ts_clock_advance(plain, HOUR + 1) == 200);
	tokens();
	STATUS(reply(bo_tok, c, "An hour later."), 201);
	assert_int_equal(queued(EXP), n + 2);
	mail_says(EXP, "You have a new message", "=Bo", "An hour later");
	/* switched off */
	STATUS(tc_api("POST", "/api/v1/messages/settings", exp_tok, json_pack("{s:b}", "mail",
	    0)), 200);
	STATUS(tc_api("POST", "/api/v1/messages/settings", exp_tok, json_pack("{s:s}", "mail",
	    "no")), 422);
	assert_true(ts_clock_advance(plain, HOUR + 1) == 200);
	tokens();
	STATUS(reply(bo_tok, c, "Unmailed."), 201);
	assert_int_equal(queued(EXP), n + 2);
	STATUS(tc_api("POST", "/api/v1/messages/settings", exp_tok, json_pack("{s:b}", "mail",
	    1)), 200);
	/* in the recipient's language */
	ts_sql_int("UPDATE users SET locale = 'fr' WHERE id = %lld", (long long)exp_id);
	assert_true(ts_clock_advance(plain, HOUR + 1) == 200);
	tokens();
	STATUS(reply(bo_tok, c, "En français."), 201);
	mail_says(EXP, "Vous avez un nouveau message", "=Bo", "En français");
	ts_sql_int("UPDATE users SET locale = 'en' WHERE id = %lld", (long long)exp_id);
}

/* The limits: length, messages an hour, new conversations a day. */
static void
test_limits(void **state)
{
	const struct ts_res *r;
	char big[4100];
	int64_t c, now, i;
	int k;

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	STATUS(write_to(staff_tok, exp_id, big), 422);
	big[4000] = '\0';
	assert_true(ts_clock_advance(plain, 2 * HOUR) == 200);
	tokens();
	c = wrote(staff_tok, bo_id, big);
	for (k = 1; k < 60; k++)
		STATUS(reply(staff_tok, c, "One of many."), 201);
	r = reply(staff_tok, c, "One too many.");
	STATUS(r, 429);
	HAS(r, "60 messages in the last hour");
	assert_true(ts_clock_advance(plain, HOUR + 1) == 200);
	tokens();
	STATUS(reply(staff_tok, c, "Again."), 201);
	/* 20 conversations started in a day */
	now = tc_now();
	for (i = 0; i < 20; i++)
		ts_sql_int("INSERT INTO conversations (pair, a_id, b_id, created_at) VALUES "
		    "('limit:%lld', %lld, NULL, %lld)", (long long)i, (long long)exp_id,
		    (long long)now);
	r = write_to(exp_tok, exp2_id, "A new one.");
	STATUS(r, 429);
	HAS(r, "20 conversations");
	/* a reply is not a new conversation */
	STATUS(reply(exp_tok, ts_sql_int("SELECT id FROM conversations WHERE a_id = %lld AND "
	    "b_id = %lld", (long long)bo_id, (long long)exp_id), "Still answering."), 201);
	ts_sql_int("DELETE FROM conversations WHERE pair LIKE 'limit:%%'");
}

/* Reports reach the staff's queue; staff close them. */
static void
test_reports(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	json_t *j, *it, *x;
	int64_t c, rid;

	(void)state;
	c = wrote(ada_tok, exp2_id, "Buy my miracle product.");
	r = tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), exp2_tok,
	    json_pack("{s:s}", "reason", "Spam"));
	STATUS(r, 201);
	rid = tc_id_of(r);
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld/report", (long long)c), exp2_tok,
	    json_pack("{s:s}", "reason", "")), 422);
	STATUS(tc_api("GET", "/api/v1/staff/messages", ada_tok, NULL), 403);
	r = tc_api("GET", "/api/v1/staff/messages?status=open", staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(tc_num(it, "id"), rid);
	assert_string_equal(tc_str(it, "reason"), "Spam");
	x = json_object_get(it, "messages");
	assert_string_equal(tc_str(json_array_get(x, json_array_size(x) - 1), "body"),
	    "Buy my miracle product.");
	json_decref(j);
	b = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(b);
	r = ts_get(b, "/staff/messages");
	STATUS(r, 200);
	HAS(r, "Buy my miracle product.");
	STATUS(ts_form(b, tc_path("/staff/messages/%lld/close", (long long)rid), (char *)NULL),
	    303);
	ts_browser_free(b);
	STATUS(tc_api("POST", tc_path("/api/v1/staff/messages/%lld/close", (long long)rid),
	    staff_tok, NULL), 404);
	STATUS(tc_api("GET", "/api/v1/staff/messages?status=nope", staff_tok, NULL), 422);
}

/* A suspended organization's member no longer writes; a disabled account
 * neither; the export; a deleted account's messages stay. */
static void
test_leaving(void **state)
{
	const struct ts_res *r;
	json_t *j, *it;
	size_t i;
	int64_t c;
	int got = 0, sent = 0;

	(void)state;
	c = ts_sql_int("SELECT id FROM conversations WHERE a_id = %lld AND b_id = %lld",
	    (long long)ada_id, (long long)exp_id);
	assert_true(c > 0);
	ts_sql_int("UPDATE organizations SET status = 'suspended' WHERE id = %lld",
	    (long long)quill);
	STATUS(reply(ada_tok, c, "Suspended."), 403);
	ts_sql_int("UPDATE organizations SET status = 'approved' WHERE id = %lld",
	    (long long)quill);
	STATUS(reply(ada_tok, c, "Reinstated."), 201);
	/* the export: what they wrote and what they received */
	STATUS(reply(exp_tok, c, "A reply for the export."), 201);
	r = tc_api("GET", "/api/v1/me/export", ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "messages"), i, it) {
		if (strcmp(tc_str(it, "body"), "A reply for the export.") == 0)
			got = 1;
		if (strcmp(tc_str(it, "body"), "Reinstated.") == 0)
			sent = json_is_true(json_object_get(it, "from_me"));
		assert_string_not_equal(tc_str(it, "body"), "First.");	/* Bo's to someone else */
	}
	json_decref(j);
	assert_true(got && sent);
	/* the expert deletes their account: their messages stay */
	r = tc_api("DELETE", "/api/v1/me", exp_tok, json_pack("{s:s}", "password", PW));
	if (r->status != 200 && r->status != 204)
		STATUS(r, 200);
	j = thread(ada_tok, c, 200);
	assert_true(json_is_true(json_object_get(json_object_get(j, "with"), "former")));
	assert_false(json_is_true(json_object_get(j, "can_reply")));
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(tc_str(it, "body"), "Hello, could we talk about asset recovery?");
	json_decref(j);
	r = reply(ada_tok, c, "Are you there?");
	STATUS(r, 409);
	r = tc_api("GET", tc_path("/messages/%lld", (long long)c), ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Former member");
	LACKS(r, "Expert One");
}

static int
setup(void **state)
{
	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	quill = ts_org_import(db_url, "Quillmsg Trust", "KE", "info@quillmsg-t.example", NULL);
	otter = ts_org_import(db_url, "Otter Msgs Collective", "GH", "info@otter-msgs-t.example",
	    NULL);
	assert_true(quill > 0 && otter > 0);
	staff_id = ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW);
	ada_id = ts_person_add(db_url, ADA, "Ada", "member", quill, PW);
	bo_id = ts_person_add(db_url, BO, "=Bo", "member", quill, PW);
	cy_id = ts_person_add(db_url, CY, "Cy", "member", otter, PW);
	fe_id = ts_person_add(db_url, FE, "Fe", "focal", 0, PW);
	appl_id = ts_person_add(db_url, APPL, "Appl", "applicant", 0, PW);
	pend_id = ts_person_add(db_url, PEND, "Pending Expert", "applicant", 0, PW);
	assert_true(staff_id > 0 && ada_id > 0 && bo_id > 0 && cy_id > 0 && fe_id > 0 &&
	    appl_id > 0 && pend_id > 0);
	exp_id = tc_expert_made(&srv, db_url, STAFF, EXP, "Expert One", PW);
	exp2_id = tc_expert_made(&srv, db_url, STAFF, EXP2, "Second Expert", PW);
	assert_true(exp_id > 0 && exp2_id > 0);
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
		cmocka_unit_test(test_who_writes),
		cmocka_unit_test(test_reading),
		cmocka_unit_test(test_blocking),
		cmocka_unit_test(test_mail),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_leaving),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("messages", tests, setup, teardown);
}
