/*
 * forums_test.c -- the discussion forums (migration 40): who reads which
 * forum, threads and replies with their pages, the author's edit window on
 * the test clock, deleting, flags and their threshold, staff's queue and
 * decisions, following and the capped reply mail with its unfollow link,
 * search, unread markers, the rate limit, and what a reader learns of an
 * author.
 *
 * The people: staff; Ada (Aurora Forum Trust), Bo (Boreal Forum Network),
 * Cy (Cirrus Forum Alliance), Di (Delta Forum Fund; not listed among its
 * people), Ra (Boreal: the rate limit's writer), Su (Stratus Forum Aid,
 * suspended along the way), Fa (a focal point), Ap (an applicant).
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

#include <cmocka.h>

#include "lib/api.h"
#include "lib/forums.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit forum"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ada_tok[129], bo_tok[129], cy_tok[129], di_tok[129], ra_tok[129],
    su_tok[129], fa_tok[129], ap_tok[129];
static int64_t org_a, org_b, org_c, org_d, org_e, di_id;
static int64_t f_members, f_nongov;	/* the two forums */
static int64_t t_main;			/* Ada's thread in the members' forum */

/* ---- helpers ------------------------------------------------------------ */

/* POSTs body to path as tok; the answer's id (want wanted). */
static int64_t
made(const char *path, const char *tok, json_t *body, int want)
{
	const struct ts_res *r = ta_api("POST", path, tok, body);
	json_t *j;
	int64_t id;

	STATUS(r, want);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	if (!id)
		id = ta_num(json_object_get(j, "thread"), "id");
	json_decref(j);
	return id;
}

static long
status_of(const char *method, const char *path, const char *tok, json_t *body)
{
	return ta_api(method, path, tok, body)->status;
}

/* Moves the server's clock by secs and signs everyone in again (their
 * tokens lapse when idle), from a fresh source address each time. */
static void
advance(long secs)
{
	static const char *const who[] = { "sam.staff@forum.test", "ada@aurora-forum.example",
		"bo@boreal-forum.example", "cy@cirrus-forum.example", "di@delta-forum.example",
		"ra@boreal-forum.example", "fa@focal-forum.example", "su@stratus-forum.example" };
	char *const toks[] = { staff_tok, ada_tok, bo_tok, cy_tok, di_tok, ra_tok, fa_tok,
		su_tok };

	tf_advance(&srv, plain, secs, 20, who, toks, sizeof toks / sizeof toks[0], PW);
}

/* ---- who reads which forum ---------------------------------------------------- */

/*
 * Members and staff see both forums; a focal point sees the members' one
 * only, and the other and its threads answer 404; an applicant 403; a
 * visitor 401 (the page: the sign-in form).  Only staff make forums.
 */
static void
test_audiences(void **state)
{
	char path[96];
	json_t *j;
	int64_t t_ng;

	(void)state;
	j = ta_get_json("/api/v1/forums", ada_tok, 200);
	assert_int_equal(ta_num(j, "total"), 2);
	json_decref(j);
	j = ta_get_json("/api/v1/forums", staff_tok, 200);
	assert_int_equal(ta_num(j, "total"), 2);
	json_decref(j);
	j = ta_get_json("/api/v1/forums", fa_tok, 200);
	assert_int_equal(ta_num(j, "total"), 1);
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "items"), 0), "id"), f_members);
	json_decref(j);
	t_ng = tf_thread_made(f_nongov, bo_tok, "Shelters at risk", "Which shelters need help?");
	snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_nongov);
	assert_int_equal(status_of("GET", path, fa_tok, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld", (long long)f_nongov,
	    (long long)t_ng);
	assert_int_equal(status_of("GET", path, fa_tok, NULL), 404);
	assert_int_equal(status_of("GET", path, bo_tok, NULL), 200);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads", (long long)f_nongov);
	assert_int_equal(status_of("POST", path, fa_tok, json_pack("{s:s,s:s}", "title", "x",
	    "body", "y")), 404);
	assert_int_equal(status_of("GET", "/api/v1/forums", ap_tok, NULL), 403);
	assert_int_equal(status_of("GET", "/api/v1/forums", NULL, NULL), 401);
	{
		const struct ts_res *r = ts_get(plain, "/forums");

		assert_true(r->status == 401 || r->status == 303 || r->status == 200);
		if (r->status == 200)
			HAS(r, "name=\"password\"");
	}
	assert_int_equal(status_of("POST", "/api/v1/forums", ada_tok, json_pack("{s:s}", "title",
	    "Mine")), 403);
	/* a focal point writes in the members' forum */
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads", (long long)f_members);
	assert_true(tf_thread_made(f_members, fa_tok, "A word from a focal point", "Hello.") > 0);
}

/* ---- writing, pages, authors ------------------------------------------------------ */

/*
 * Ada starts a thread; Bo replies; the thread's pages are oldest first
 * with a link to the last page; authors show with their organization, Di
 * (not listed) as "A member" to Bo but by name to staff.
 */
static void
test_threads(void **state)
{
	char path[128];
	json_t *j, *items, *p;
	int i;

	(void)state;
	t_main = tf_thread_made(f_members, ada_tok, "Asset recovery in practice",
	    "What worked **for you**?");
	assert_true(t_main > 0);
	tf_reply_made(f_members, t_main, bo_tok, "Joint investigations.");
	tf_reply_made(f_members, t_main, di_tok, "Open registers of owners.");
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld", (long long)f_members,
	    (long long)t_main);
	j = ta_get_json(path, bo_tok, 200);
	assert_int_equal(ta_num(j, "total"), 3);
	assert_int_equal(ta_num(j, "last_page"), 1);
	items = json_object_get(j, "items");
	p = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "author"),
	    "name")), "ada@aurora-forum.example");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(
	    json_object_get(p, "author"), "organizations"), 0), "name")), "Aurora Forum Trust");
	p = json_array_get(items, 2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "author"),
	    "name")), "A member");
	assert_true(json_is_null(json_object_get(json_object_get(p, "author"), "id")));
	json_decref(j);
	j = ta_get_json(path, staff_tok, 200);
	p = json_array_get(json_object_get(j, "items"), 2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "author"),
	    "name")), "di@delta-forum.example");
	json_decref(j);
	/* a focal point sees Ada as a member: her organization shows its people
	 * to members and staff only */
	j = ta_get_json(path, fa_tok, 200);
	p = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p, "author"),
	    "name")), "A member");
	json_decref(j);
	/* the page, escaped Markdown, the reply form */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, "bo@boreal-forum.example", PW);
		const struct ts_res *r;

		assert_non_null(b);
		r = ts_get(b, path + 7);
		STATUS(r, 200);
		HAS(r, "<strong>for you</strong>");
		HAS(r, "Aurora Forum Trust");
		HAS(r, "name=\"body\"");
		ts_browser_free(b);
	}
	/* pagination: 20 a page, oldest first */
	for (i = 0; i < 19; i++) {
		char body[32];

		snprintf(body, sizeof body, "Point %d.", i + 1);
		tf_reply_made(f_members, t_main, staff_tok, body);
	}
	j = ta_get_json(path, cy_tok, 200);
	assert_int_equal(ta_num(j, "total"), 22);
	assert_int_equal(ta_num(j, "last_page"), 2);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 20);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld?page=2",
	    (long long)f_members, (long long)t_main);
	j = ta_get_json(path, cy_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 1), "body")), "Point 19.");
	json_decref(j);
	/* limits */
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld/posts",
	    (long long)f_members, (long long)t_main);
	{
		char *big = malloc(10002);

		memset(big, 'x', 10001);
		big[10001] = '\0';
		assert_int_equal(status_of("POST", path, bo_tok, json_pack("{s:s}", "body", big)),
		    422);
		free(big);
	}
	assert_int_equal(status_of("POST", path, bo_tok, json_pack("{s:s}", "body", "  ")), 422);
}

/*
 * Search finds a thread by its title and by a reply's words; the forum's
 * list marks threads with posts the reader has not seen.
 */
static void
test_search_unread(void **state)
{
	char path[160];
	json_t *j, *t;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/forums/%lld?q=REGISTERS", (long long)f_members);
	j = ta_get_json(path, bo_tok, 200);
	assert_int_equal(ta_num(j, "total"), 1);
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "items"), 0), "id"), t_main);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/forums/%lld?q=nothing%%25here", (long long)f_members);
	j = ta_get_json(path, bo_tok, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
	/* Cy read page 1 and 2 above; a new reply makes it unread again */
	tf_reply_made(f_members, t_main, bo_tok, "One more thing.");
	snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_members);
	j = ta_get_json(path, cy_tok, 200);
	{
		size_t i;

		json_array_foreach(json_object_get(j, "items"), i, t)
			if (ta_num(t, "id") == t_main)
				assert_true(json_is_true(json_object_get(t, "unread")));
	}
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld?page=2",
	    (long long)f_members, (long long)t_main);
	json_decref(ta_get_json(path, cy_tok, 200));
	snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_members);
	j = ta_get_json(path, cy_tok, 200);
	{
		size_t i;

		json_array_foreach(json_object_get(j, "items"), i, t)
			if (ta_num(t, "id") == t_main)
				assert_false(json_is_true(json_object_get(t, "unread")));
	}
	json_decref(j);
}

/* ---- edit window, delete ------------------------------------------------------------ */

static void
test_edit_window(void **state)
{
	char path[96];
	int64_t pid;
	json_t *j;

	(void)state;
	pid = tf_reply_made(f_members, t_main, cy_tok, "Frist draft.");
	snprintf(path, sizeof path, "/api/v1/forums/posts/%lld", (long long)pid);
	j = ts_jbody(ta_api("PATCH", path, cy_tok, json_pack("{s:s}", "body", "First draft.")));
	assert_string_equal(json_string_value(json_object_get(j, "body")), "First draft.");
	assert_false(json_is_null(json_object_get(j, "edited_at")));
	json_decref(j);
	assert_int_equal(status_of("PATCH", path, bo_tok, json_pack("{s:s}", "body", "Mine now")),
	    403);
	advance(1801);
	{
		const struct ts_res *r = ta_api("PATCH", path, cy_tok, json_pack("{s:s}", "body",
		    "Late"));

		STATUS(r, 409);
		HAS(r, "30 minutes");
	}
	assert_int_equal(status_of("PATCH", path, staff_tok, json_pack("{s:s}", "body",
	    "First draft (edited by staff).")), 200);
	/* deleting: it stays, shown as deleted, without its text */
	assert_int_equal(status_of("DELETE", path, bo_tok, NULL), 403);
	j = ts_jbody(ta_api("DELETE", path, cy_tok, NULL));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "deleted");
	assert_true(json_is_null(json_object_get(j, "body")));
	json_decref(j);
}

/* ---- flags ------------------------------------------------------------------------------- */

/*
 * A reader flags a post once (409 again); two organizations' flags leave
 * it shown, a third organization's hides it until staff decide; staff see
 * the queue and its CSV; dismissing shows it again, hiding hides it.
 */
static void
test_flags(void **state)
{
	char path[96], tpath[128];
	int64_t pid;
	json_t *j;
	const struct ts_res *r;

	(void)state;
	pid = tf_reply_made(f_members, t_main, ada_tok, "Buy cheap watches here.");
	snprintf(path, sizeof path, "/api/v1/forums/posts/%lld/flags", (long long)pid);
	assert_int_equal(status_of("POST", path, bo_tok, json_pack("{s:s}", "reason", "Spam")),
	    201);
	assert_int_equal(status_of("POST", path, bo_tok, json_pack("{s:s}", "reason", "Spam")),
	    409);
	assert_int_equal(status_of("POST", path, ra_tok, json_pack("{s:s}", "reason",
	    "Spam too")), 201);	/* Ra is Boreal's too: one organization */
	assert_int_equal(status_of("POST", path, cy_tok, json_pack("{s:s}", "reason", "")), 422);
	assert_int_equal(status_of("POST", path, cy_tok, json_pack("{s:s}", "reason", "Spam")),
	    201);
	j = ts_jbody(ta_api("POST", path, di_tok, json_pack("{s:s}", "reason", "Advertising")));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "hidden");
	assert_true(json_is_true(json_object_get(j, "hidden_by_flags")));
	json_decref(j);
	snprintf(tpath, sizeof tpath, "/api/v1/forums/posts/%lld/moderate", (long long)pid);
	assert_int_equal(status_of("POST", tpath, bo_tok, json_pack("{s:s}", "action",
	    "dismiss")), 403);
	j = ta_get_json("/api/v1/staff/forums/flags", staff_tok, 200);
	assert_int_equal(ta_num(j, "total"), 4);
	json_decref(j);
	assert_int_equal(status_of("GET", "/api/v1/staff/forums/flags", ada_tok, NULL), 403);
	{
		struct ts_browser *s = ts_signed_in(&srv, NULL, "sam.staff@forum.test", PW);

		r = ts_get(s, "/staff/forums/flags.csv");
		STATUS(r, 200);
		HAS(r, "Advertising");
		HAS(r, "Delta Forum Fund");
		r = ts_get(s, "/staff/forums/flags");
		STATUS(r, 200);
		HAS(r, "Buy cheap watches");
		ts_browser_free(s);
	}
	/* a reader does not see its text meanwhile */
	{
		char p2[160];
		size_t i;
		json_t *x;

		snprintf(p2, sizeof p2, "/api/v1/forums/%lld/threads/%lld?page=2",
		    (long long)f_members, (long long)t_main);
		j = ta_get_json(p2, bo_tok, 200);
		json_array_foreach(json_object_get(j, "items"), i, x)
			if (ta_num(x, "id") == pid)
				assert_true(json_is_null(json_object_get(x, "body")));
		json_decref(j);
	}
	j = ts_jbody(ta_api("POST", tpath, staff_tok, json_pack("{s:s}", "action", "dismiss")));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "visible");
	json_decref(j);
	j = ta_get_json("/api/v1/staff/forums/flags", staff_tok, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
	j = ts_jbody(ta_api("POST", tpath, staff_tok, json_pack("{s:s}", "action", "hide")));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "hidden");
	json_decref(j);
}

/* ---- following and mail ------------------------------------------------------------------- */

static char last_subject[512];	/* next_mail()'s */

/* The body of the next mail to addr that has text (waited for, older ones
 * to addr passed over); caller frees. */
static char *
next_mail(const char *addr, const char *text)
{
	struct ts_mail m;
	char *body = NULL;
	int i;

	for (i = 0; i < 100 && !body; i++) {
		assert_int_equal(ts_mail_wait(&sink, addr, 20000, &m), 0);
		if (strstr(m.body, text)) {
			body = m.body;
			m.body = NULL;
			snprintf(last_subject, sizeof last_subject, "%s", m.subject);
		}
		ts_mail_free(&m);
	}
	assert_non_null(body);
	return body;
}

/*
 * A reply mails the thread's author and repliers (not the replier), at
 * most once an hour a thread: the next mail counts the replies between.
 * A member whose organization is suspended is mailed nothing and reads
 * nothing.  The unfollow link works without signing in, by a POST.
 */
static void
test_follow_mail(void **state)
{
	int64_t t, i;
	char *body, *u, link[512], path[128];
	struct ts_browser *anon;
	const struct ts_res *r;

	(void)state;
	t = tf_thread_made(f_members, ada_tok, "Whistle-blower protection", "Which laws work?");
	tf_reply_made(f_members, t, su_tok, "Ours does not.");
	body = next_mail("ada@aurora-forum.example", "Ours does not.");
	free(body);
	ts_sql_int("UPDATE organizations SET status = 'suspended' WHERE id = %lld",
	    (long long)org_e);
	assert_int_equal(status_of("GET", "/api/v1/forums", su_tok, NULL), 403);
	tf_reply_made(f_members, t, bo_tok, "Ours is new.");	/* within the hour: counted */
	tf_reply_made(f_members, t, cy_tok, "Ours too.");
	advance(3601);
	tf_reply_made(f_members, t, bo_tok, "An hour later.");
	body = next_mail("ada@aurora-forum.example", "An hour later.");
	assert_non_null(strstr(body, "not mailed one by one: 2"));
	u = strstr(body, "/forums/unfollow?");
	assert_non_null(u);
	i = 0;
	while (u[i] && u[i] != '\n' && u[i] != '\r' && i < 400)
		i++;
	snprintf(link, sizeof link, "%.*s", (int)i, u);
	free(body);
	/* Su's organization is suspended: no mail to them since */
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = "
	    "'su@stratus-forum.example'"), 0);
	/* Cy replied: mailed about Bo's reply an hour later */
	body = next_mail("cy@cirrus-forum.example", "An hour later.");
	free(body);
	/* the link, signed out: a page with a form, then a POST */
	anon = ts_browser_new(&srv, NULL);
	r = ts_get(anon, link);
	STATUS(r, 200);
	HAS(r, "action=\"/forums/unfollow\"");
	{
		char uu[32], ff[32], tt[32], ss[80];

		tf_param_of(link, "u", uu, sizeof uu);
		tf_param_of(link, "f", ff, sizeof ff);
		tf_param_of(link, "t", tt, sizeof tt);
		tf_param_of(link, "s", ss, sizeof ss);
		r = ts_form(anon, "/forums/unfollow", "u", uu, "f", ff, "t", tt, "s", "0000", NULL);
		assert_int_equal(r->status, 404);
		r = ts_get(anon, link);
		r = ts_form(anon, "/forums/unfollow", "u", uu, "f", ff, "t", tt, "s", ss, NULL);
		STATUS(r, 200);
		HAS(r, "no longer get mail");
	}
	ts_browser_free(anon);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld", (long long)f_members,
	    (long long)t);
	{
		json_t *j = ta_get_json(path, ada_tok, 200);

		assert_false(json_is_true(json_object_get(j, "following")));
		json_decref(j);
		/* writing again does not follow it again: she stopped */
		tf_reply_made(f_members, t, ada_tok, "Back again.");
		j = ta_get_json(path, ada_tok, 200);
		assert_false(json_is_true(json_object_get(j, "following")));
		json_decref(j);
	}
	advance(3601);
	tf_reply_made(f_members, t, bo_tok, "Nobody hears this but Cy.");
	body = next_mail("cy@cirrus-forum.example", "Nobody hears this");
	free(body);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = "
	    "'ada@aurora-forum.example' AND body LIKE '%%Nobody hears%%'"), 0);
}

/*
 * Anyone may follow a forum: its followers are mailed about replies in its
 * threads, each in their language.  A focal point following a forum that
 * becomes nongovernmental is mailed no more, and the forum is not there
 * for them.
 */
static void
test_forum_follow(void **state)
{
	char path[96];
	int64_t t;
	json_t *j;
	char *body;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/forums/%lld/follow", (long long)f_members);
	j = ts_jbody(ta_api("POST", path, fa_tok, json_pack("{s:b}", "follow", 1)));
	assert_true(json_is_true(json_object_get(j, "following")));
	json_decref(j);
	STATUS(ta_api("POST", path, cy_tok, json_pack("{s:b}", "follow", 1)), 200);
	assert_int_equal(status_of("POST", path, cy_tok, json_pack("{s:s}", "follow", "maybe")),
	    422);
	ts_sql_int("UPDATE users SET locale = 'fr' WHERE email = 'cy@cirrus-forum.example'");
	t = tf_thread_made(f_members, bo_tok, "Court monitoring", "Who monitors trials?");
	tf_reply_made(f_members, t, ada_tok, "We do, <script>alert(1)</script> in three courts.");
	body = next_mail("fa@focal-forum.example", "in three courts");
	assert_non_null(strstr(last_subject, "New reply"));
	{	/* the forum's own unfollow link, for its followers */
		struct ts_browser *anon = ts_browser_new(&srv, NULL);
		char link[512], uu[32], ff[32], tt[32], ss[80];
		const char *u = strstr(body, "&t=0&");
		const struct ts_res *r;
		int k = 0;

		assert_non_null(u);
		while (u > body && strncmp(u, "/forums/unfollow?", 17) != 0)
			u--;
		while (u[k] && u[k] != '\n' && u[k] != '\r' && k < 400)
			k++;
		snprintf(link, sizeof link, "%.*s", k, u);
		r = ts_get(anon, link);
		STATUS(r, 200);
		HAS(r, "in this forum");
		tf_param_of(link, "u", uu, sizeof uu);
		tf_param_of(link, "f", ff, sizeof ff);
		tf_param_of(link, "t", tt, sizeof tt);
		tf_param_of(link, "s", ss, sizeof ss);
		STATUS(ts_form(anon, "/forums/unfollow", "u", uu, "f", ff, "t", tt, "s", ss, NULL),
		    200);
		ts_browser_free(anon);
		snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_members);
		j = ta_get_json(path, fa_tok, 200);
		assert_false(json_is_true(json_object_get(j, "following")));
		json_decref(j);
		snprintf(path, sizeof path, "/api/v1/forums/%lld/follow", (long long)f_members);
		STATUS(ta_api("POST", path, fa_tok, json_pack("{s:b}", "follow", 1)), 200);
	}
	free(body);
	body = next_mail("cy@cirrus-forum.example", "in three courts");
	assert_non_null(strstr(last_subject, "Nouvelle r"));
	assert_non_null(strstr(body, "Ne plus suivre cette discussion"));
	free(body);
	/* the page escapes what is not Markdown */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, "bo@boreal-forum.example", PW);
		char page[128];
		const struct ts_res *r;

		assert_non_null(b);
		snprintf(page, sizeof page, "/forums/%lld/threads/%lld", (long long)f_members,
		    (long long)t);
		r = ts_get(b, page);
		STATUS(r, 200);
		HAS(r, "in three courts");
		LACKS(r, "<script>alert(1)");
		ts_browser_free(b);
	}
	/* the forum becomes nongovernmental: the focal point loses it */
	snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_members);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "audience", "nongovernmental")),
	    200);
	assert_int_equal(status_of("GET", path, fa_tok, NULL), 404);
	advance(3601);
	tf_reply_made(f_members, t, di_tok, "Secret court notes.");
	body = next_mail("bo@boreal-forum.example", "Secret court notes.");
	free(body);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = "
	    "'fa@focal-forum.example' AND body LIKE '%%Secret court notes%%'"), 0);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "audience", "members")), 200);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/follow", (long long)f_members);
	STATUS(ta_api("POST", path, fa_tok, json_pack("{s:b}", "follow", 0)), 200);
	STATUS(ta_api("POST", path, cy_tok, json_pack("{s:b}", "follow", 0)), 200);
}

/* ---- the rate limit ----------------------------------------------------------------------- */

static void
test_rate_limit(void **state)
{
	char path[128];
	const struct ts_res *r;
	int64_t t;
	int i;

	(void)state;
	advance(3700);
	t = tf_thread_made(f_nongov, ra_tok, "Many words", "One.");
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld/posts", (long long)f_nongov,
	    (long long)t);
	for (i = 0; i < 19; i++)
		assert_int_equal(status_of("POST", path, ra_tok, json_pack("{s:s}", "body", "More.")),
		    201);
	r = ta_api("POST", path, ra_tok, json_pack("{s:s}", "body", "Too many."));
	STATUS(r, 429);
	HAS(r, "20 posts");
	assert_non_null(ts_header(r, "Retry-After"));
	advance(3601);
	assert_int_equal(status_of("POST", path, ra_tok, json_pack("{s:s}", "body", "Again.")),
	    201);
}

/* ---- staff: lock, pin, archive ---------------------------------------------------------------- */

static void
test_moderation(void **state)
{
	char path[128], tpath[128];
	json_t *j;

	(void)state;
	snprintf(tpath, sizeof tpath, "/api/v1/forums/%lld/threads/%lld", (long long)f_members,
	    (long long)t_main);
	assert_int_equal(status_of("PATCH", tpath, ada_tok, json_pack("{s:b}", "locked", 1)), 403);
	j = ts_jbody(ta_api("PATCH", tpath, staff_tok, json_pack("{s:b,s:b}", "locked", 1, "pinned",
	    1)));
	assert_true(json_is_true(json_object_get(json_object_get(j, "thread"), "locked")));
	json_decref(j);
	snprintf(path, sizeof path, "%s/posts", tpath);
	assert_int_equal(status_of("POST", path, bo_tok, json_pack("{s:s}", "body", "Late.")),
	    409);
	assert_int_equal(status_of("POST", path, staff_tok, json_pack("{s:s}", "body",
	    "Closing remarks.")), 201);
	snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_members);
	j = ts_jbody(ta_api("PATCH", path, staff_tok, json_pack("{s:b}", "archived", 1)));
	assert_true(json_is_true(json_object_get(j, "archived")));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads", (long long)f_members);
	assert_int_equal(status_of("POST", path, bo_tok, json_pack("{s:s,s:s}", "title", "New",
	    "body", "x")), 409);
	snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_members);
	assert_int_equal(status_of("PATCH", path, staff_tok, json_pack("{s:s}", "audience",
	    "everyone")), 422);
	assert_int_equal(status_of("PATCH", path, staff_tok, json_pack("{s:b}", "archived", 0)),
	    200);
}

/*
 * A member of no organization is "a member" to others; once an approved
 * expert, the name of their profile (as /people shows it), not their
 * account's.
 */
static void
test_expert_name(void **state)
{
	char tok[129], path[128];
	int64_t uid, t;
	json_t *j, *a;

	(void)state;
	uid = ts_person_add(db_url, "ev@none-forum.example", "Account Name Ev", "member", 0, PW);
	assert_true(uid > 0);
	assert_int_equal(ts_token(plain, "ev@none-forum.example", PW, tok, sizeof tok), 0);
	t = tf_thread_made(f_members, tok, "From no organization", "Hello.");
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld", (long long)f_members,
	    (long long)t);
	j = ta_get_json(path, bo_tok, 200);
	a = json_object_get(json_array_get(json_object_get(j, "items"), 0), "author");
	assert_string_equal(json_string_value(json_object_get(a, "name")), "A member");
	json_decref(j);
	ts_sql_int("INSERT INTO experts (user_id, status, name, created_at, updated_at) VALUES "
	    "(%lld, 'approved', 'Profile Name Ev', 0, 0)", (long long)uid);
	j = ta_get_json(path, bo_tok, 200);
	a = json_object_get(json_array_get(json_object_get(j, "items"), 0), "author");
	assert_string_equal(json_string_value(json_object_get(a, "name")), "Profile Name Ev");
	assert_false(ts_has(ta_api("GET", path, fa_tok, NULL), "Account Name Ev"));
	json_decref(j);
}

/* ---- leaving ------------------------------------------------------------------------------ */

/*
 * A person's posts are in their export; once they delete their account
 * the posts stay, their author shown as a former member.
 */
static void
test_leaving(void **state)
{
	char tok[129], path[128];
	int64_t t, pid;
	json_t *j, *x;
	size_t i;
	int found = 0;

	(void)state;
	assert_true(ts_person_add(db_url, "le@cirrus-forum.example", "Leonie Leaving", "member",
	    org_c, PW) > 0);
	assert_int_equal(ts_token(plain, "le@cirrus-forum.example", PW, tok, sizeof tok), 0);
	t = tf_thread_made(f_members, tok, "Leaving soon", "My last words here.");
	j = ta_get_json("/api/v1/me/export", tok, 200);
	json_array_foreach(json_object_get(j, "forum_posts"), i, x)
		if (ta_num(x, "thread_id") == t && strcmp(json_string_value(json_object_get(x,
		    "body")),
		    "My last words here.") == 0)
			found = 1;
	assert_true(found);
	json_decref(j);
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld", (long long)f_members,
	    (long long)t);
	j = ta_get_json(path, bo_tok, 200);
	x = json_array_get(json_object_get(j, "items"), 0);
	pid = ta_num(x, "id");
	assert_true(pid > 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(x, "author"),
	    "name")), "A former member");
	assert_string_equal(json_string_value(json_object_get(x, "body")), "My last words here.");
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(j,
	    "thread"), "author"), "name")), "A former member");
	json_decref(j);
}

/* ---- the pages, without JavaScript ------------------------------------------------------------- */

/* Bo starts a thread through the form; an empty reply comes back with
 * what to fix; a reply goes through. */
static void
test_pages(void **state)
{
	struct ts_browser *b = ts_signed_in(&srv, NULL, "bo@boreal-forum.example", PW);
	char path[96];
	const struct ts_res *r;
	const char *loc;
	char tpath[160];

	(void)state;
	assert_non_null(b);
	r = ts_get(b, "/forums");
	STATUS(r, 200);
	HAS(r, "Exchanges");
	snprintf(path, sizeof path, "/forums/%lld", (long long)f_members);
	r = ts_get(b, path);
	STATUS(r, 200);
	snprintf(path, sizeof path, "/forums/%lld/threads", (long long)f_members);
	r = ts_form(b, path, "title", "", "body", "Kept text", NULL);
	STATUS(r, 422);
	HAS(r, "Kept text");
	HAS(r, "Give your thread a title.");
	r = ts_form(b, path, "title", "Form thread", "body", "From a form.", NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	snprintf(tpath, sizeof tpath, "%s", loc);
	r = ts_get(b, tpath);
	STATUS(r, 200);
	HAS(r, "From a form.");
	snprintf(path, sizeof path, "%s/reply", tpath);
	r = ts_form(b, path, "body", "", NULL);
	STATUS(r, 422);
	HAS(r, "Write your reply.");
	ts_browser_free(b);
	/* staff's forms: a new forum (a refused one keeps what was typed),
	 * archiving and reopening */
	b = ts_signed_in(&srv, NULL, "sam.staff@forum.test", PW);
	assert_non_null(b);
	r = ts_get(b, "/forums");
	STATUS(r, 200);
	r = ts_form(b, "/staff/forums", "title", "", "description", "Kept description",
	    "audience", "nongovernmental", "position", "3", NULL);
	STATUS(r, 422);
	HAS(r, "Kept description");
	HAS(r, "Give a title of at most 200 characters.");
	HAS(r, "value=\"nongovernmental\" selected");
	r = ts_form(b, "/staff/forums", "title", "Staff room", "description", "", "audience",
	    "members", "position", "3", NULL);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/staff/forums/%lld", (long long)f_nongov);
	r = ts_form(b, path, "archived", "1", NULL);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/forums/%lld", (long long)f_nongov);
	r = ts_get(b, path);
	HAS(r, "Reopen this forum");
	assert_int_equal(ts_sql_int("SELECT archived FROM forums WHERE id = %lld",
	    (long long)f_nongov), 1);
	snprintf(path, sizeof path, "/staff/forums/%lld", (long long)f_nongov);
	STATUS(ts_form(b, path, "archived", "0", NULL), 303);
	ts_browser_free(b);
}

/* ---- limits -------------------------------------------------------------------------------- */

/*
 * A person raises at most 30 flags an hour (429 after); a hub keeps at most
 * 200 forums (409 after).
 */
static void
test_limits(void **state)
{
	char path[96];
	int64_t pid, cy;
	const struct ts_res *r;

	(void)state;
	cy = ts_sql_int("SELECT id FROM users WHERE email = 'cy@cirrus-forum.example'");
	ts_sql_int("INSERT INTO forum_flags (post_id, user_id, reason, status, created_at) "
	    "SELECT p.id, %lld, 'limit', 'dismissed', (SELECT max(created_at) FROM forum_posts) "
	    "FROM forum_posts p WHERE p.id IN (SELECT id FROM forum_posts WHERE NOT EXISTS "
	    "(SELECT 1 FROM forum_flags g WHERE g.post_id = forum_posts.id AND g.user_id = %lld) "
	    "ORDER BY id LIMIT 30)", (long long)cy, (long long)cy);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_flags WHERE reason = 'limit'"), 30);
	pid = tf_reply_made(f_members, tf_thread_made(f_members, ada_tok, "Limits", "Of flags."),
	    ada_tok, "One flag too many.");
	snprintf(path, sizeof path, "/api/v1/forums/posts/%lld/flags", (long long)pid);
	r = ta_api("POST", path, cy_tok, json_pack("{s:s}", "reason", "Spam"));
	STATUS(r, 429);
	HAS(r, "30 posts");
	ts_sql_int("DELETE FROM forum_flags WHERE reason = 'limit'");
	STATUS(ta_api("POST", path, cy_tok, json_pack("{s:s}", "reason", "Spam")), 201);
	ts_sql_int("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
	    "200) INSERT INTO forums (title, audience, created_at, updated_at) SELECT "
	    "'Filler', 'members', 0, 0 FROM n WHERE i <= 200 - (SELECT count(*) FROM forums)");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forums"), 200);
	r = ta_api("POST", "/api/v1/forums", staff_tok, json_pack("{s:s}", "title", "One more"));
	STATUS(r, 409);
	HAS(r, "200 forums");
	ts_sql_int("DELETE FROM forums WHERE title = 'Filler'");
}

static int
setup(void **state)
{
	char path[64];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	ts_db_open(db_url);
	org_a = ts_org_import(db_url, "Aurora Forum Trust", "KE", "info@aurora-forum.example", NULL);
	org_b = ts_org_import(db_url, "Boreal Forum Network", "NG", "info@boreal-forum.example",
	    NULL);
	org_c = ts_org_import(db_url, "Cirrus Forum Alliance", "GH", "info@cirrus-forum.example",
	    NULL);
	org_d = ts_org_import(db_url, "Delta Forum Fund", "SN", "info@delta-forum.example", NULL);
	org_e = ts_org_import(db_url, "Stratus Forum Aid", "PE", "info@stratus-forum.example",
	    NULL);
	if (org_a <= 0 || org_b <= 0 || org_c <= 0 || org_d <= 0 || org_e <= 0)
		return -1;
	ta_account("sam.staff@forum.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@aurora-forum.example", "member", org_a, ada_tok, NULL);
	ta_account("bo@boreal-forum.example", "member", org_b, bo_tok, NULL);
	ta_account("cy@cirrus-forum.example", "member", org_c, cy_tok, NULL);
	ta_account("di@delta-forum.example", "member", org_d, di_tok, &di_id);
	ta_account("ra@boreal-forum.example", "member", org_b, ra_tok, NULL);
	ta_account("su@stratus-forum.example", "member", org_e, su_tok, NULL);
	ta_account("fa@focal-forum.example", "focal", 0, fa_tok, NULL);
	ta_account("ap@applicant-forum.example", "applicant", 0, ap_tok, NULL);
	ts_sql_int("UPDATE org_members SET listed = 0 WHERE user_id = %lld", (long long)di_id);
	f_members = made("/api/v1/forums", staff_tok, json_pack("{s:s,s:s,s:s,s:i}", "title",
	    "Exchanges", "description", "Anything *members* share.", "audience", "members",
	    "position", 1), 201);
	f_nongov = made("/api/v1/forums", staff_tok, json_pack("{s:s,s:s,s:s}", "title",
	    "Civil society only", "audience", "nongovernmental", "theme", "corruption"), 201);
	snprintf(path, sizeof path, "/api/v1/forums/%lld", (long long)f_members);
	(void)path;
	return f_members > 0 && f_nongov > 0 ? 0 : -1;
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
		cmocka_unit_test(test_audiences),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_search_unread),
		cmocka_unit_test(test_edit_window),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_follow_mail),
		cmocka_unit_test(test_forum_follow),
		cmocka_unit_test(test_rate_limit),
		cmocka_unit_test(test_moderation),
		cmocka_unit_test(test_expert_name),
		cmocka_unit_test(test_leaving),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_limits),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("forums", tests, setup, teardown);
}
