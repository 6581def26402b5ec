/*
 * forums_attack_test.c -- an attack round on the discussion forums
 * (src/app/forums/, migration 40): each test plays someone who should not
 * get what they try, through every route.  A test that passes shows that
 * the defence holds; the ones that failed before their fix are named in
 * their comments.
 *
 * The people (organizations and addresses of their own, "Fatk", so the
 * route walk's and other programs' rows do not collide): staff; Ann (Amber
 * Fatk Trust), Ben (Beryl Fatk Network), Cat and Cal (Coral Fatk Alliance,
 * two of one organization), Dee (Dune Fatk Fund, whose people are shown to
 * nongovernmental members only), Hid (Haze Fatk Aid, not listed among its
 * people), Foc (a focal point), App (an applicant), Exa (an approved expert),
 * Rac (the rate limit's racer).
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh.
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

#include "lib/api.h"
#include "lib/forums.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "amber kettle forum attack"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ann_tok[129], ben_tok[129], cat_tok[129], cal_tok[129],
    dee_tok[129], hid_tok[129], foc_tok[129], app_tok[129], exa_tok[129];
static int64_t org_a, org_b, org_c, org_d, org_h, ann_id, ben_id, dee_id, hid_id, foc_id,
    exa_id;
static int64_t f_mem, f_ng;	/* a members' forum, a nongovernmental one */
static int64_t t_ng, p_ng;	/* Ben's thread in the nongovernmental forum, its first post */

/* ---- helpers ------------------------------------------------------------ */

static int64_t
account(const char *email, const char *name, const char *role, int64_t org, char *tok)
{
	int64_t id = ts_person_add(db_url, email, name, role, org, PW);

	assert_true(id > 0);
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
	return id;
}

/* The first post of thread t of forum f. */
static int64_t
first_post(int64_t f, int64_t t)
{
	return ts_sql_int("SELECT min(p.id) FROM forum_posts p JOIN forum_threads t ON "
	    "t.id = p.thread_id WHERE p.thread_id = %lld AND t.forum_id = %lld", (long long)t,
	    (long long)f);
}

/* Moves the server's clock by secs and signs everyone in again (their
 * tokens lapse when idle), from a fresh source address each time. */
static void
advance(long secs)
{
	static const char *const who[] = { "sam@staff-fatk.example", "ann@amber-fatk.example",
		"ben@beryl-fatk.example", "cat@coral-fatk.example", "cal@coral-fatk.example",
		"dee@dune-fatk.example", "hid@haze-fatk.example", "foc@focal-fatk.example",
		"exa@expert-fatk.example" };
	char *const toks[] = { staff_tok, ann_tok, ben_tok, cat_tok, cal_tok, dee_tok, hid_tok,
		foc_tok, exa_tok };

	tf_advance(&srv, plain, secs, 120, who, toks, sizeof toks / sizeof toks[0], PW);
}

/* A forum made by staff: its id. */
static int64_t
forum_made(const char *title, const char *audience)
{
	const struct ts_res *r = ta_api("POST", "/api/v1/forums", staff_tok, json_pack("{s:s,s:s}",
	    "title", title, "audience", audience));
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	return id;
}

static long
st(const char *method, const char *path, const char *tok, json_t *body)
{
	return ta_api(method, path, tok, body)->status;
}

/* The body of an answer, copied (the browser's buffer is reused). */
static char *
body_of(const char *method, const char *path, const char *tok, json_t *b, long *status)
{
	const struct ts_res *r = ta_api(method, path, tok, b);

	*status = r->status;
	return strdup(r->body ? r->body : "");
}

/* ---- who may come in ---------------------------------------------------------- */

/*
 * A visitor is asked to sign in (401) on every JSON route, an applicant is
 * refused (403); an unconfirmed account cannot sign in; a disabled
 * account's token stops working; staff's routes refuse members (403).
 */
static void
test_who_comes_in(void **state)
{
	const char *gets[] = { "/api/v1/forums", ta_path("/api/v1/forums/%lld", (long long)f_mem),
		ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_ng, (long long)t_ng),
		"/api/v1/staff/forums/flags", NULL };
	char tok[129];
	int64_t uid;
	size_t i;

	(void)state;
	for (i = 0; gets[i]; i++) {
		assert_int_equal(st("GET", gets[i], NULL, NULL), 401);
		assert_int_equal(st("GET", gets[i], app_tok, NULL), 403);
	}
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads", (long long)f_mem), NULL,
	    json_pack("{s:s,s:s}", "title", "x", "body", "y")), 401);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/posts/%lld/flags", (long long)p_ng),
	    NULL,
	    json_pack("{s:s}", "reason", "x")), 401);
	/* members are not staff */
	assert_int_equal(st("GET", "/api/v1/staff/forums/flags", ann_tok, NULL), 403);
	assert_int_equal(st("GET", "/staff/forums/flags.csv", ann_tok, NULL), 403);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/posts/%lld/moderate", (long long)p_ng),
	    ann_tok, json_pack("{s:s}", "action", "hide")), 403);
	assert_int_equal(st("PATCH", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_ng,
	    (long long)t_ng), ann_tok, json_pack("{s:b}", "locked", 1)), 403);
	assert_int_equal(st("PATCH", ta_path("/api/v1/forums/%lld", (long long)f_ng), ann_tok,
	    json_pack("{s:s}", "audience", "members")), 403);
	/* an unconfirmed account does not get in at all */
	uid = ts_person_add(db_url, "unc@amber-fatk.example", "Unc Onfirmed", "member", org_a, PW);
	assert_true(uid > 0);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE id = %lld", (long long)uid);
	assert_int_not_equal(ts_token(plain, "unc@amber-fatk.example", PW, tok, sizeof tok), 0);
	/* a disabled account */
	uid = account("dis@amber-fatk.example", "Dis Abled", "member", org_a, tok);
	assert_int_equal(st("GET", "/api/v1/forums", tok, NULL), 200);
	ts_sql_int("UPDATE users SET status = 'disabled' WHERE id = %lld", (long long)uid);
	assert_int_equal(st("GET", "/api/v1/forums", tok, NULL), 401);
	assert_int_equal(st("GET", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_ng,
	    (long long)t_ng), tok, NULL), 401);
}

/* ---- a focal point and the nongovernmental forum ------------------------------------------ */

/*
 * To a focal point the nongovernmental forum, its threads and posts do not
 * exist: every route answers as it does for an id that was never made
 * (404, the same detail), the list and search know nothing of them.
 */
static void
test_focal_never_learns(void **state)
{
	struct {
		const char *method, *real, *none;
		const char *body;
	} rows[] = {
		{ "GET", ta_path("/api/v1/forums/%lld", (long long)f_ng), "/api/v1/forums/999999",
		    NULL },
		{ "GET", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_ng,
		    (long long)t_ng),
		  ta_path("/api/v1/forums/999999/threads/%lld", (long long)t_ng), NULL },
		{ "GET", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem,
		    (long long)t_ng),
		  ta_path("/api/v1/forums/%lld/threads/999999", (long long)f_mem), NULL },
		{ "POST", ta_path("/api/v1/forums/%lld/threads", (long long)f_ng),
		  "/api/v1/forums/999999/threads", "{\"title\":\"t\",\"body\":\"b\"}" },
		{ "POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts", (long long)f_ng,
		  (long long)t_ng), ta_path("/api/v1/forums/%lld/threads/999999/posts",
		  (long long)f_mem), "{\"body\":\"b\"}" },
		{ "POST", ta_path("/api/v1/forums/%lld/follow", (long long)f_ng),
		  "/api/v1/forums/999999/follow", "{\"follow\":true}" },
		{ "POST", ta_path("/api/v1/forums/%lld/threads/%lld/follow", (long long)f_ng,
		  (long long)t_ng), ta_path("/api/v1/forums/%lld/threads/999999/follow",
		  (long long)f_mem), "{\"follow\":true}" },
	};
	const char *posts[][3] = {
		{ "PATCH", "/api/v1/forums/posts/%lld", "{\"body\":\"b\"}" },
		{ "DELETE", "/api/v1/forums/posts/%lld", NULL },
		{ "POST", "/api/v1/forums/posts/%lld/flags", "{\"reason\":\"r\"}" },
		{ "GET", "/forums/posts/%lld/edit", NULL },
	};
	char *a, *b;
	long sa, sb;
	size_t i;
	json_t *j;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		a = body_of(rows[i].method, rows[i].real, foc_tok, rows[i].body ?
		    json_loads(rows[i].body, 0, NULL) : NULL, &sa);
		b = body_of(rows[i].method, rows[i].none, foc_tok, rows[i].body ?
		    json_loads(rows[i].body, 0, NULL) : NULL, &sb);
		if (sa != 404 || sb != 404)
			fail_msg("%s %s: %ld, %s %ld", rows[i].method, rows[i].real, sa, rows[i].none,
			    sb);
		assert_null(strstr(a, "Shelter"));
		{
			json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);

			const char *da, *db;

			assert_non_null(ja);
			assert_non_null(jb);
			da = json_string_value(json_object_get(ja, "detail"));
			db = json_string_value(json_object_get(jb, "detail"));
			if ((!da) != (!db) || (da && strcmp(da, db) != 0) ||
			    strcmp(json_string_value(json_object_get(ja, "title")),
			    json_string_value(json_object_get(jb, "title"))) != 0)
				fail_msg("%s %s: %s / %s", rows[i].method, rows[i].real, a, b);
			json_decref(ja);
			json_decref(jb);
		}
		free(a);
		free(b);
	}
	for (i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		a = body_of(posts[i][0], ta_path(posts[i][1], (long long)p_ng), foc_tok,
		    posts[i][2] ?
		    json_loads(posts[i][2], 0, NULL) : NULL, &sa);
		b = body_of(posts[i][0], ta_path(posts[i][1], 999999LL), foc_tok, posts[i][2] ?
		    json_loads(posts[i][2], 0, NULL) : NULL, &sb);
		if (sa != 404 || sb != 404)
			fail_msg("%s %s: %ld / %ld", posts[i][0], posts[i][1], sa, sb);
		assert_null(strstr(a, "Shelter"));
		free(a);
		free(b);
	}
	/* the list, its counts, and a search in the members' forum */
	a = body_of("GET", "/api/v1/forums", foc_tok, NULL, &sa);
	assert_int_equal(sa, 200);
	assert_null(strstr(a, "Fatk civil society"));
	free(a);
	j = ta_get_json(ta_path("/api/v1/forums/%lld?q=shelter", (long long)f_mem), foc_tok, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
	/* nothing was written for the focal point */
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_subscriptions WHERE user_id = "
	    "%lld", (long long)foc_id), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_flags WHERE user_id = %lld",
	    (long long)foc_id), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_reads WHERE user_id = %lld",
	    (long long)foc_id), 0);
}

/*
 * The forms of the pages, as a focal point: the same 404 for the
 * nongovernmental forum's objects, with no word of them.
 */
static void
test_focal_pages(void **state)
{
	struct ts_browser *b = ts_signed_in(&srv, "127.0.0.61", "foc@focal-fatk.example", PW);
	const struct ts_res *r;

	(void)state;
	assert_non_null(b);
	r = ts_get(b, "/forums");
	STATUS(r, 200);
	LACKS(r, "Fatk civil society");
	r = ts_get(b, ta_path("/forums/%lld", (long long)f_ng));
	STATUS(r, 404);
	LACKS(r, "Fatk civil society");
	r = ts_get(b, ta_path("/forums/%lld/threads/%lld", (long long)f_ng, (long long)t_ng));
	STATUS(r, 404);
	LACKS(r, "Shelter");
	r = ts_get(b, ta_path("/forums/posts/%lld/edit", (long long)p_ng));
	STATUS(r, 404);
	ts_get(b, "/forums");
	r = ts_form(b, ta_path("/forums/%lld/threads/%lld/reply", (long long)f_ng, (long long)t_ng),
	    "body", "hello", NULL);
	STATUS(r, 404);
	ts_get(b, "/forums");
	r = ts_form(b, ta_path("/forums/posts/%lld/flag", (long long)p_ng), "reason", "x", NULL);
	STATUS(r, 404);
	ts_get(b, "/forums");
	r = ts_form(b, ta_path("/forums/%lld/follow", (long long)f_ng), "follow", "1", NULL);
	STATUS(r, 404);
	ts_get(b, "/forums");
	r = ts_form(b, ta_path("/forums/%lld/threads", (long long)f_ng), "title", "t", "body", "b",
	    NULL);
	STATUS(r, 404);
	ts_browser_free(b);
}

/*
 * A focal point's own post in a forum that later becomes nongovernmental:
 * their export still holds what they wrote, but neither the forum's title
 * nor another's thread title (they may not learn of it).  Failed before:
 * the export named the forum and the thread.
 */
static void
test_focal_export(void **state)
{
	int64_t f, t, t2;
	json_t *j, *x;
	size_t i;
	int n = 0;
	long s;
	char *a;

	(void)state;
	f = forum_made("Fatk soon closed", "members");
	t = tf_thread_made(f, ann_tok, "Fatk whose thread", "Ann's opening.");
	tf_reply_made(f, t, foc_tok, "FOCAL-WORDS-ONE");
	t2 = tf_thread_made(f, foc_tok, "Fatk focal thread", "FOCAL-WORDS-TWO");
	STATUS(ta_api("PATCH", ta_path("/api/v1/forums/%lld", (long long)f), staff_tok,
	    json_pack("{s:s,s:s}",
	    "audience", "nongovernmental", "title", "Fatk renamed secret forum")), 200);
	/* Ann writes on: the title changes too */
	a = body_of("GET", "/api/v1/me/export", foc_tok, NULL, &s);
	assert_int_equal(s, 200);
	assert_null(strstr(a, "Fatk renamed secret forum"));
	assert_null(strstr(a, "Fatk whose thread"));
	j = json_loads(a, 0, NULL);
	free(a);
	json_array_foreach(json_object_get(j, "forum_posts"), i, x) {
		const char *body = json_string_value(json_object_get(x, "body"));

		if (strcmp(body, "FOCAL-WORDS-ONE") == 0) {
			n++;
			assert_true(json_is_null(json_object_get(x, "thread")));
			assert_true(json_is_null(json_object_get(x, "forum")));
		} else if (strcmp(body, "FOCAL-WORDS-TWO") == 0) {
			n++;	/* their own thread keeps its title */
			assert_int_equal(ta_num(x, "thread_id"), t2);
			assert_string_equal(json_string_value(json_object_get(x, "thread")),
			    "Fatk focal thread");
			assert_true(json_is_null(json_object_get(x, "forum")));
		}
	}
	assert_int_equal(n, 2);
	json_decref(j);
	/* a member's export names them */
	j = ta_get_json("/api/v1/me/export", ann_tok, 200);
	a = json_dumps(j, 0);
	assert_non_null(strstr(a, "Fatk renamed secret forum"));
	free(a);
	json_decref(j);
}

/* ---- who an author is --------------------------------------------------------------------- */

/* Whether the JSON answer of path for tok says name anywhere. */
static int
says(const char *path, const char *tok, const char *name)
{
	const struct ts_res *r = ta_api("GET", path, tok, NULL);

	STATUS(r, 200);
	return ts_has(r, name);
}

/*
 * Dee's organization shows its people to nongovernmental members: to a
 * focal point Dee is "a member", with no id nor organization, in the
 * thread's posts, its author in the forum's list and a search hit, and on
 * the pages; Hid is not listed among her organization's people: "a member"
 * to other organizations' members too, by name to her own organization and
 * to staff.
 */
static void
test_author_hidden(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	int64_t t;
	size_t i;
	json_t *j, *x;
	const char *tp, *lp;

	(void)state;
	t = tf_thread_made(f_mem, dee_tok, "Fatk dune matters", "DUNE-WORDS searchable.");
	tf_reply_made(f_mem, t, hid_tok, "HAZE-WORDS here.");
	tp = ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem, (long long)t);
	lp = ta_path("/api/v1/forums/%lld?q=dune-words", (long long)f_mem);
	/* the focal point */
	assert_false(says(tp, foc_tok, "Dee Dune"));
	assert_false(says(tp, foc_tok, "Dune Fatk Fund"));
	assert_false(says(tp, foc_tok, "Hid Haze"));
	assert_false(says(tp, foc_tok, "Haze Fatk Aid"));
	assert_false(says(lp, foc_tok, "Dee Dune"));
	assert_false(says(ta_path("/api/v1/forums/%lld", (long long)f_mem), foc_tok, "Dee Dune"));
	j = ta_get_json(tp, foc_tok, 200);
	json_array_foreach(json_object_get(j, "items"), i, x) {
		json_t *au = json_object_get(x, "author");

		assert_true(json_is_null(json_object_get(au, "id")));
		assert_int_equal(json_array_size(json_object_get(au, "organizations")), 0);
		assert_string_equal(json_string_value(json_object_get(au, "name")), "A member");
	}
	assert_true(json_is_null(json_object_get(json_object_get(json_object_get(j, "thread"),
	    "author"), "id")));
	json_decref(j);
	/* another organization's member: Dee by name, Hid not */
	assert_true(says(tp, ann_tok, "Dee Dune"));
	assert_false(says(tp, ann_tok, "Hid Haze"));
	assert_false(says(tp, ann_tok, "Haze Fatk Aid"));
	/* staff and Hid herself: by name */
	assert_true(says(tp, staff_tok, "Hid Haze"));
	assert_true(says(tp, hid_tok, "Hid Haze"));
	/* the pages */
	b = ts_signed_in(&srv, "127.0.0.62", "foc@focal-fatk.example", PW);
	assert_non_null(b);
	r = ts_get(b, ta_path("/forums/%lld/threads/%lld", (long long)f_mem, (long long)t));
	STATUS(r, 200);
	LACKS(r, "Dee Dune");
	LACKS(r, "Hid Haze");
	r = ts_get(b, ta_path("/forums/%lld?q=dune-words", (long long)f_mem));
	STATUS(r, 200);
	LACKS(r, "Dee Dune");
	HAS(r, "Fatk dune matters");
	ts_browser_free(b);
}

/*
 * The reply mail names no author (a follower who may not see who wrote
 * learns nothing from it); the flag queue is staff's.
 */
static void
test_mail_no_author(void **state)
{
	struct ts_mail m;
	int64_t t;
	int got_it = 0, i;

	(void)state;
	t = tf_thread_made(f_mem, foc_tok, "Fatk focal asks", "A question from a government.");
	tf_reply_made(f_mem, t, hid_tok, "HAZE-MAIL-REPLY");
	for (i = 0; i < 50 && !got_it; i++) {
		assert_int_equal(ts_mail_wait(&sink, "foc@focal-fatk.example", 20000, &m), 0);
		if (strstr(m.body, "HAZE-MAIL-REPLY")) {
			got_it = 1;
			assert_null(strstr(m.body, "Hid Haze"));
			assert_null(strstr(m.body, "Haze Fatk Aid"));
			assert_null(strstr(m.subject, "Hid Haze"));
		}
		ts_mail_free(&m);
	}
	assert_true(got_it);
}

/* ---- others' posts ------------------------------------------------------------------------ */

/*
 * Ben may not edit nor delete Ann's post, by the API or the forms; Ann's
 * own edit ends after 30 minutes (test clock); a thread_id or forum_id
 * sent along does not move a post; a thread id under another forum's id
 * is not found.
 */
static void
test_others_posts(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	int64_t t, pid, t2;
	json_t *j;

	(void)state;
	t = tf_thread_made(f_mem, ann_tok, "Fatk amber thread", "ANN-ORIGINAL");
	t2 = tf_thread_made(f_mem, ben_tok, "Fatk beryl thread", "Ben's.");
	pid = first_post(f_mem, t);
	assert_int_equal(st("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), ben_tok,
	    json_pack("{s:s}", "body", "BEN-WAS-HERE")), 403);
	assert_int_equal(st("DELETE", ta_path("/api/v1/forums/posts/%lld", (long long)pid), ben_tok,
	    NULL), 403);
	b = ts_signed_in(&srv, "127.0.0.63", "ben@beryl-fatk.example", PW);
	assert_non_null(b);
	r = ts_get(b, ta_path("/forums/posts/%lld/edit", (long long)pid));
	STATUS(r, 403);
	ts_get(b, "/forums");
	r = ts_form(b, ta_path("/forums/posts/%lld/edit", (long long)pid), "body", "BEN-WAS-HERE",
	    NULL);
	STATUS(r, 403);
	ts_get(b, "/forums");
	r = ts_form(b, ta_path("/forums/posts/%lld/delete", (long long)pid), NULL);
	STATUS(r, 403);
	ts_browser_free(b);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE id = %lld AND "
	    "body = 'ANN-ORIGINAL' AND status = 'visible'", (long long)pid), 1);
	/* moving it by id */
	STATUS(ta_api("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), ann_tok,
	    json_pack("{s:s,s:I,s:I}", "body", "ANN-EDITED", "thread_id", (json_int_t)t2,
	    "forum_id", (json_int_t)f_ng)), 200);
	assert_int_equal(ts_sql_int("SELECT thread_id FROM forum_posts WHERE id = %lld",
	    (long long)pid), t);
	/* a thread under another forum */
	assert_int_equal(st("GET", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_ng,
	    (long long)t), ann_tok, NULL), 404);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts",
	    (long long)f_ng,
	    (long long)t), ann_tok, json_pack("{s:s}", "body", "x")), 404);
	/* after 30 minutes: no more edits by Ann; staff still */
	advance(1801);
	r = ta_api("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), ann_tok,
	    json_pack("{s:s}", "body", "ANN-LATE"));
	STATUS(r, 409);
	HAS(r, "30 minutes");
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem, (long long)t),
	    ann_tok, 200);
	assert_false(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "can_edit")));
	json_decref(j);
	STATUS(ta_api("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), staff_tok,
	    json_pack("{s:s}", "body", "STAFF-FIX")), 200);
}

/*
 * A locked thread takes no reply but staff's (409); an archived forum
 * takes no thread, reply nor edit, from anyone but staff's moderation.
 */
static void
test_locked_archived(void **state)
{
	int64_t f, t, pid;
	const struct ts_res *r;
	json_t *j;

	(void)state;
	r = ta_api("POST", "/api/v1/forums", staff_tok, json_pack("{s:s}", "title",
	    "Fatk to archive"));
	STATUS(r, 201);
	j = ts_jbody(r);
	f = ta_num(j, "id");
	json_decref(j);
	t = tf_thread_made(f, ann_tok, "Fatk lockable", "Opening.");
	pid = first_post(f, t);
	STATUS(ta_api("PATCH", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f,
	    (long long)t),
	    staff_tok, json_pack("{s:b}", "locked", 1)), 200);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts", (long long)f,
	    (long long)t), ben_tok, json_pack("{s:s}", "body", "LOCKED-REPLY")), 409);
	assert_int_equal(st("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), ann_tok,
	    json_pack("{s:s}", "body", "LOCKED-EDIT")), 409);
	tf_reply_made(f, t, staff_tok, "Staff closes.");
	STATUS(ta_api("PATCH", ta_path("/api/v1/forums/%lld", (long long)f), staff_tok,
	    json_pack("{s:b}",
	    "archived", 1)), 200);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads", (long long)f), ann_tok,
	    json_pack("{s:s,s:s}", "title", "t", "body", "ARCHIVED-THREAD")), 409);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts", (long long)f,
	    (long long)t), staff_tok, json_pack("{s:s}", "body", "ARCHIVED-REPLY")), 409);
	assert_int_equal(st("DELETE", ta_path("/api/v1/forums/posts/%lld", (long long)pid), ann_tok,
	    NULL), 409);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE body LIKE "
	    "'%%LOCKED-%%' OR body LIKE 'ARCHIVED-%%'"), 0);
}

/* ---- the unfollow link ---------------------------------------------------------------------- */

/* The unfollow link of the newest mail to addr that has text, into link. */
static void
unfollow_link(const char *addr, const char *text, const char *which, char *link, size_t len)
{
	struct ts_mail m;
	int i, found = 0;

	for (i = 0; i < 50 && !found; i++) {
		assert_int_equal(ts_mail_wait(&sink, addr, 20000, &m), 0);
		if (strstr(m.body, text)) {
			const char *u = strstr(m.body, which);
			size_t n = 0;

			assert_non_null(u);
			u = strstr(u, "/forums/unfollow?");
			assert_non_null(u);
			while (u[n] && u[n] != '\n' && u[n] != '\r' && n + 1 < len)
				n++;
			snprintf(link, len, "%.*s", (int)n, u);
			found = 1;
		}
		ts_mail_free(&m);
	}
	assert_true(found);
}

/*
 * The link's signature binds the person, the forum and the thread: moved
 * to another thread, forum (t=0) or person it is refused, on the page and
 * on its POST; the POST needs the page's CSRF token; it only ever stops
 * the mail of the person it was made for.
 */
static void
test_unfollow_token(void **state)
{
	char link[512], u[32], f[32], t[32], s[80], other[32];
	struct ts_browser *anon;
	const struct ts_res *r;
	int64_t th, th2;

	(void)state;
	th = tf_thread_made(f_mem, cat_tok, "Fatk coral thread", "Cat opens.");
	th2 = tf_thread_made(f_mem, cat_tok, "Fatk coral other", "Cat again.");
	tf_reply_made(f_mem, th, ben_tok, "BERYL-FOR-LINK");
	unfollow_link("cat@coral-fatk.example", "BERYL-FOR-LINK", "Stop following this thread",
	    link, sizeof link);
	tf_param_of(link, "u", u, sizeof u);
	tf_param_of(link, "f", f, sizeof f);
	tf_param_of(link, "t", t, sizeof t);
	tf_param_of(link, "s", s, sizeof s);
	anon = ts_browser_new(&srv, "127.0.0.64");
	/* another thread, the whole forum, another forum, another person */
	snprintf(other, sizeof other, "%lld", (long long)th2);
	r = ts_get(anon, ta_path("/forums/unfollow?u=%s&f=%s&t=%s&s=%s", u, f, other, s));
	STATUS(r, 404);
	r = ts_get(anon, ta_path("/forums/unfollow?u=%s&f=%s&t=0&s=%s", u, f, s));
	STATUS(r, 404);
	r = ts_get(anon, ta_path("/forums/unfollow?u=%s&f=%lld&t=%s&s=%s", u, (long long)f_ng, t,
	    s));
	STATUS(r, 404);
	r = ts_get(anon, ta_path("/forums/unfollow?u=%lld&f=%s&t=%s&s=%s", (long long)ben_id, f, t,
	    s));
	STATUS(r, 404);
	r = ts_get(anon, ta_path("/forums/unfollow?u=%s&f=%s&t=%s&s=%.63s", u, f, t, s));
	STATUS(r, 404);
	r = ts_get(anon, ta_path("/forums/unfollow?u=%s&f=%s&t=%s&s=%s00", u, f, t, s));
	STATUS(r, 404);
	r = ts_get(anon, ta_path("/forums/unfollow?u=%s&f=%s&t=%s&s=%s&u=%lld", u, f, t, s,
	    (long long)ben_id));
	assert_true(r->status == 200 || r->status == 404 || r->status == 422);
	ts_get(anon, link);
	r = ts_form(anon, "/forums/unfollow", "u", u, "f", f, "t", other, "s", s, NULL);
	STATUS(r, 404);
	/* the POST without the page's token */
	r = ts_post(anon, "/forums/unfollow", "u", u, "f", f, "t", t, "s", s, NULL);
	STATUS(r, 403);
	assert_int_equal(ts_sql_int("SELECT active FROM forum_subscriptions WHERE user_id = %s "
	    "AND thread_id = %s", u, t), 1);
	/* nor does a GET stop anything (a mail scanner opening links) */
	ts_get(anon, link);
	assert_int_equal(ts_sql_int("SELECT active FROM forum_subscriptions WHERE user_id = %s "
	    "AND thread_id = %s", u, t), 1);
	/* the right one, once */
	ts_get(anon, link);
	r = ts_form(anon, "/forums/unfollow", "u", u, "f", f, "t", t, "s", s, NULL);
	STATUS(r, 200);
	assert_int_equal(ts_sql_int("SELECT active FROM forum_subscriptions WHERE user_id = %s "
	    "AND thread_id = %s", u, t), 0);
	/* Ben still follows (he replied) */
	assert_int_equal(ts_sql_int("SELECT active FROM forum_subscriptions WHERE user_id = "
	    "%lld AND thread_id = %s", (long long)ben_id, t), 1);
	ts_browser_free(anon);
}

/* ---- flags ---------------------------------------------------------------------------------- */

/*
 * One person flags a post once; three people of one organization do not
 * hide it (one organization); nobody flags a post they may not read (a
 * focal point, the nongovernmental forum's) nor a deleted one; the flag
 * answer says nothing more to the flagger than the post does.
 */
static void
test_flag_abuse(void **state)
{
	int64_t t, pid;
	const char *fp;
	json_t *j;
	char tok3[129];

	(void)state;
	t = tf_thread_made(f_mem, ann_tok, "Fatk flag target", "FLAG-TARGET");
	pid = first_post(f_mem, t);
	fp = ta_path("/api/v1/forums/posts/%lld/flags", (long long)pid);
	assert_int_equal(st("POST", fp, cat_tok, json_pack("{s:s}", "reason", "spam")), 201);
	assert_int_equal(st("POST", fp, cat_tok, json_pack("{s:s}", "reason", "spam again")), 409);
	assert_int_equal(st("POST", fp, cal_tok, json_pack("{s:s}", "reason", "spam")), 201);
	account("cid@coral-fatk.example", "Cid Coral", "member", org_c, tok3);
	assert_int_equal(st("POST", fp, tok3, json_pack("{s:s}", "reason", "spam")), 201);
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem, (long long)t),
	    ben_tok, 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "status")), "visible");
	assert_null(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "open_flags"));
	json_decref(j);
	/* the flagger learns no count */
	{
		const struct ts_res *r = ta_api("POST", fp, ben_tok, json_pack("{s:s}", "reason",
		    "x"));

		STATUS(r, 201);
		j = ts_jbody(r);
		assert_null(json_object_get(j, "open_flags"));
		json_decref(j);
	}
	/* a focal point and the nongovernmental forum's post */
	assert_int_equal(st("POST", ta_path("/api/v1/forums/posts/%lld/flags", (long long)p_ng),
	    foc_tok,
	    json_pack("{s:s}", "reason", "x")), 404);
	/* oversized and empty reasons */
	{
		char big[600];

		memset(big, 'r', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		assert_int_equal(st("POST", fp, dee_tok, json_pack("{s:s}", "reason", big)), 422);
		assert_int_equal(st("POST", fp, dee_tok, json_pack("{s:s}", "reason", "  ")), 422);
		assert_int_equal(st("POST", fp, dee_tok, json_pack("{s:i}", "reason", 5)), 422);
	}
	/* deleted: no flag */
	STATUS(ta_api("DELETE", ta_path("/api/v1/forums/posts/%lld", (long long)pid), ann_tok,
	    NULL), 200);
	assert_int_equal(st("POST", fp, dee_tok, json_pack("{s:s}", "reason", "late")), 409);
}

/*
 * A post staff hid (or that flags hid) cannot be read by members: they do
 * not flag it either (409), so the queue is not filled with flags of what
 * nobody sees.  Failed before: a member flagged a hidden post (201).
 */
static void
test_flag_hidden(void **state)
{
	int64_t t, pid;
	const char *fp;

	(void)state;
	t = tf_thread_made(f_mem, ben_tok, "Fatk to hide", "HIDE-ME");
	pid = first_post(f_mem, t);
	fp = ta_path("/api/v1/forums/posts/%lld/flags", (long long)pid);
	STATUS(ta_api("POST", ta_path("/api/v1/forums/posts/%lld/moderate", (long long)pid),
	    staff_tok,
	    json_pack("{s:s}", "action", "hide")), 200);
	assert_int_equal(st("POST", fp, ann_tok, json_pack("{s:s}", "reason", "what is it")), 409);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_flags WHERE post_id = %lld",
	    (long long)pid), 0);
	{
		const struct ts_res *r = ta_api("GET", ta_path("/api/v1/forums/%lld/threads/%lld",
		    (long long)f_mem, (long long)t), ann_tok, NULL);

		STATUS(r, 200);
		LACKS(r, "HIDE-ME");
	}
	/* nor does search find it */
	{
		json_t *j = ta_get_json(ta_path("/api/v1/forums/%lld?q=hide-me", (long long)f_mem),
		    ann_tok, 200);

		assert_int_equal(ta_num(j, "total"), 0);
		json_decref(j);
	}
}

/* ---- mail to people who lost access --------------------------------------------------------- */

/*
 * Followers who lost access are mailed nothing: a disabled account, a
 * member who left their only organization (an applicant now), an expert
 * whose profile was withdrawn, a member of a rejected organization.
 */
static void
test_mail_lost_access(void **state)
{
	char t1[129], t2[129], t3[129], t4[129], t5[129];
	int64_t u1, u2, u3, u4, u5, org_r, th;
	const char *fol;

	(void)state;
	org_r = ts_org_import(db_url, "Rift Fatk Group", "ZA", "info@rift-fatk.example", NULL);
	assert_true(org_r > 0);
	u1 = account("gone1@amber-fatk.example", "Gone One", "member", org_a, t1);
	u2 = account("gone2@beryl-fatk.example", "Gone Two", "member", org_b, t2);
	u3 = account("gone3@expert-fatk.example", "Gone Three", "member", 0, t3);
	ts_sql_int("INSERT INTO experts (user_id, status, name, created_at, updated_at) VALUES "
	    "(%lld, 'approved', 'Gone Expert', 0, 0)", (long long)u3);
	u4 = account("gone4@rift-fatk.example", "Gone Four", "member", org_r, t4);
	u5 = account("stay5@amber-fatk.example", "Stay Five", "member", org_a, t5);
	th = tf_thread_made(f_ng, ann_tok, "Fatk followed by many", "Follow me.");
	fol = ta_path("/api/v1/forums/%lld/threads/%lld/follow", (long long)f_ng, (long long)th);
	STATUS(ta_api("POST", fol, t1, json_pack("{s:b}", "follow", 1)), 200);
	STATUS(ta_api("POST", fol, t2, json_pack("{s:b}", "follow", 1)), 200);
	STATUS(ta_api("POST", fol, t3, json_pack("{s:b}", "follow", 1)), 200);
	STATUS(ta_api("POST", fol, t4, json_pack("{s:b}", "follow", 1)), 200);
	STATUS(ta_api("POST", fol, t5, json_pack("{s:b}", "follow", 1)), 200);
	ts_sql_int("UPDATE users SET status = 'disabled' WHERE id = %lld", (long long)u1);
	ts_sql_int("DELETE FROM org_members WHERE user_id = %lld", (long long)u2);
	ts_sql_int("UPDATE users SET role = 'applicant' WHERE id = %lld", (long long)u2);
	ts_sql_int("UPDATE experts SET status = 'suspended' WHERE user_id = %lld", (long long)u3);
	ts_sql_int("UPDATE organizations SET status = 'rejected' WHERE id = %lld", (long long)org_r);
	tf_reply_made(f_ng, th, ben_tok, "LOST-ACCESS-REPLY");
	{
		struct ts_mail m;
		int i, ok = 0;

		for (i = 0; i < 50 && !ok; i++) {
			assert_int_equal(ts_mail_wait(&sink, "stay5@amber-fatk.example", 20000, &m), 0);
			ok = strstr(m.body, "LOST-ACCESS-REPLY") != NULL;
			ts_mail_free(&m);
		}
		assert_true(ok);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE body LIKE "
	    "'%%LOST-ACCESS-REPLY%%' AND to_addr IN ('gone1@amber-fatk.example', "
	    "'gone2@beryl-fatk.example', 'gone3@expert-fatk.example', "
	    "'gone4@rift-fatk.example')"), 0);
	/* and they read nothing */
	assert_int_equal(st("GET", "/api/v1/forums", t3, NULL), 403);
	assert_int_equal(st("GET", "/api/v1/forums", t4, NULL), 403);
	assert_int_equal(st("GET", "/api/v1/forums", t2, NULL), 403);
	(void)u4;
	(void)u5;
}

/* ---- hostile input --------------------------------------------------------------------------- */

/*
 * Raw HTML, javascript: links, images and deep nesting in a post come out
 * inert; titles and bodies past their limits, control characters and
 * non-strings are refused with what to fix.
 */
static void
test_hostile_input(void **state)
{
	const char *hostile = "<script>alert('XSS-1')</script>\n\n"
	    "[click](javascript:alert('XSS-2'))\n\n"
	    "<img src=x onerror=alert('XSS-3')>\n\n"
	    "![pixel](http://tracker.example/p.gif)\n\n"
	    "<a href=\"javascript:alert(1)\">XSS-4</a>\n\n"
	    "[data](data:text/html;base64,PHNjcmlwdD4=)\n";
	struct ts_browser *b;
	const struct ts_res *r;
	int64_t t;
	char *deep, *big;
	size_t i;

	(void)state;
	t = tf_thread_made(f_mem, cat_tok, "<b>Fatk bold</b> \"title\"", hostile);
	b = ts_signed_in(&srv, "127.0.0.65", "ben@beryl-fatk.example", PW);
	assert_non_null(b);
	r = ts_get(b, ta_path("/forums/%lld/threads/%lld", (long long)f_mem, (long long)t));
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	LACKS(r, "href=\"javascript:");
	LACKS(r, "<img src=x");
	/* an image from elsewhere is rendered, but the browser may not load it:
	 * no reader's address goes to a tracker */
	assert_non_null(ts_header(r, "Content-Security-Policy"));
	assert_non_null(strstr(ts_header(r, "Content-Security-Policy"), "img-src 'self' data:;"));
	LACKS(r, "href=\"data:");
	LACKS(r, "<b>Fatk bold</b>");
	HAS(r, "&lt;b&gt;Fatk bold");
	r = ts_get(b, ta_path("/forums/%lld", (long long)f_mem));
	STATUS(r, 200);
	LACKS(r, "<b>Fatk bold</b>");
	ts_browser_free(b);
	/* deep nesting: 9000 quote levels and list levels, within the size */
	deep = malloc(9100);
	for (i = 0; i < 9000; i++)
		deep[i] = i % 2 ? '>' : '-';
	snprintf(deep + 9000, 100, " deep");
	tf_reply_made(f_mem, t, cat_tok, deep);
	free(deep);
	deep = malloc(10001);
	for (i = 0; i < 5000; i++) {
		deep[i] = '[';
		deep[5000 + i] = ']';
	}
	deep[10000] = '\0';
	tf_reply_made(f_mem, t, cat_tok, deep);
	free(deep);
	{
		json_t *j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld",
		    (long long)f_mem, (long long)t),
		    cat_tok, 200);

		assert_int_equal(ta_num(j, "total"), 3);
		json_decref(j);
		b = ts_signed_in(&srv, "127.0.0.66", "cat@coral-fatk.example", PW);
		r = ts_get(b, ta_path("/forums/%lld/threads/%lld", (long long)f_mem, (long long)t));
		STATUS(r, 200);
		ts_browser_free(b);
	}
	/* sizes */
	big = malloc(10002);
	memset(big, 'b', 10001);
	big[10001] = '\0';
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts",
	    (long long)f_mem,
	    (long long)t), cat_tok, json_pack("{s:s}", "body", big)), 422);
	big[201] = '\0';
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads", (long long)f_mem),
	    cat_tok,
	    json_pack("{s:s,s:s}", "title", big, "body", "x")), 422);
	free(big);
	/* a title of 200 characters of 4 bytes each is fine; a line break is not */
	{
		char t200[801];

		for (i = 0; i < 200; i++)
			memcpy(t200 + 4 * i, "\xf0\x9f\x8c\x8d", 4);
		t200[800] = '\0';
		assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads",
		    (long long)f_mem),
		    cal_tok, json_pack("{s:s,s:s}", "title", t200, "body", "x")), 201);
	}
	{
		const struct ts_res *rr = ta_api("POST", ta_path("/api/v1/forums/%lld/threads",
		    (long long)f_mem), cal_tok, json_pack("{s:s,s:s}", "title", "two\nlines", "body",
		    "x"));

		STATUS(rr, 422);
		HAS(rr, "title");
	}
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads", (long long)f_mem),
	    cal_tok,
	    json_pack("{s:s,s:s}", "title", "bell\a", "body", "x")), 422);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads", (long long)f_mem),
	    cal_tok,
	    json_pack("{s:i,s:s}", "title", 5, "body", "x")), 422);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads", (long long)f_mem),
	    cal_tok,
	    json_pack("{s:s,s:[s]}", "title", "arr", "body", "x")), 422);
	/* not an object: refused before any handler (400) */
	assert_int_equal(st("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts",
	    (long long)f_mem,
	    (long long)t), cal_tok, json_pack("[s]", "body")), 400);
}

/* ---- pages of a long thread ----------------------------------------------------------------- */

/*
 * 10000 replies: the last page link is right, the last page and pages
 * past it answer, paging arguments out of range are refused with what to
 * fix, a page holds at most 100.
 */
static void
test_long_thread(void **state)
{
	int64_t t, last;
	json_t *j;

	(void)state;
	t = tf_thread_made(f_mem, ben_tok, "Fatk ten thousand", "Start.");
	ts_sql_int("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
	    "10000) INSERT INTO forum_posts (thread_id, user_id, body, status, created_at) "
	    "SELECT %lld, %lld, 'filler ' || i, 'visible', 1 FROM n", (long long)t,
	    (long long)ben_id);
	last = ts_sql_int("SELECT max(id) FROM forum_posts WHERE thread_id = %lld", (long long)t);
	ts_sql_int("UPDATE forum_threads SET posts = 10001, last_post_id = %lld WHERE id = %lld",
	    (long long)last, (long long)t);
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem, (long long)t),
	    ann_tok, 200);
	assert_int_equal(ta_num(j, "last_page"), 501);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 20);
	json_decref(j);
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld?page=501", (long long)f_mem,
	    (long long)t),
	    ann_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "items"), 0), "id"), last);
	json_decref(j);
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld?page=502", (long long)f_mem,
	    (long long)t),
	    ann_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	assert_int_equal(st("GET", ta_path("/api/v1/forums/%lld/threads/%lld?page=0",
	    (long long)f_mem,
	    (long long)t), ann_tok, NULL), 422);
	assert_int_equal(st("GET", ta_path("/api/v1/forums/%lld/threads/%lld?page=-1",
	    (long long)f_mem, (long long)t), ann_tok, NULL), 422);
	assert_int_equal(st("GET",
	    ta_path("/api/v1/forums/%lld/threads/%lld?page=99999999999999999999",
	    (long long)f_mem, (long long)t), ann_tok, NULL), 422);
	assert_int_equal(st("GET", ta_path("/api/v1/forums/%lld/threads/%lld?per_page=100000",
	    (long long)f_mem, (long long)t), ann_tok, NULL), 422);
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld?per_page=100", (long long)f_mem,
	    (long long)t), ann_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 100);
	json_decref(j);
	/* the page with the last page's link */
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.67", "ann@amber-fatk.example",
		    PW);
		const struct ts_res *r = ts_get(b, ta_path("/forums/%lld/threads/%lld",
		    (long long)f_mem,
		    (long long)t));

		STATUS(r, 200);
		HAS(r, "page=501");
		ts_browser_free(b);
	}
	ts_sql_int("DELETE FROM forum_posts WHERE thread_id = %lld AND body LIKE 'filler %%'",
	    (long long)t);
	ts_sql_int("UPDATE forum_threads SET posts = 1 WHERE id = %lld", (long long)t);
}

/* ---- the rate limit, raced ------------------------------------------------------------------- */

struct racer {
	struct ts_browser *b;
	const char *path, *token, *body;
	long status;
};

static void *
race(void *arg)
{
	struct racer *x = arg;

	x->status = ts_api(x->b, "POST", x->path, x->token, x->body)->status;
	return NULL;
}

/*
 * A person with 19 posts this hour sends 6 replies at once: one is taken,
 * the others answer 429; never more than 20 an hour.  Failed before: the
 * count was read outside the transaction that writes.
 */
static void
test_rate_race(void **state)
{
	struct racer x[6];
	pthread_t th[6];
	char tok[129];
	int64_t uid, t;
	int i, ok = 0, limited = 0;

	(void)state;
	uid = account("rac@beryl-fatk.example", "Rac Racer", "member", org_b, tok);
	t = tf_thread_made(f_mem, tok, "Fatk race thread", "Post one.");
	ts_sql_int("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
	    "18) INSERT INTO forum_posts (thread_id, user_id, body, status, created_at) "
	    "SELECT %lld, %lld, 'earlier ' || i, 'visible', (SELECT max(created_at) FROM "
	    "forum_posts) FROM n", (long long)t, (long long)uid);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE user_id = %lld",
	    (long long)uid), 19);
	for (i = 0; i < 6; i++) {
		x[i].b = ts_browser_new(&srv, NULL);
		x[i].path = ta_path("/api/v1/forums/%lld/threads/%lld/posts", (long long)f_mem,
		    (long long)t);
		x[i].token = tok;
		x[i].body = "{\"body\":\"raced\"}";
	}
	for (i = 0; i < 6; i++)
		assert_int_equal(pthread_create(&th[i], NULL, race, &x[i]), 0);
	for (i = 0; i < 6; i++) {
		pthread_join(th[i], NULL);
		ts_browser_free(x[i].b);
		ok += x[i].status == 201;
		limited += x[i].status == 429;
	}
	assert_int_equal(ok, 1);
	assert_int_equal(limited, 5);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE user_id = %lld",
	    (long long)uid), 20);
}

/* ---- methods and CSRF ----------------------------------------------------------------------- */

/*
 * Routes answer only their methods (405 otherwise, never doing the
 * thing); every form needs its CSRF token (403 without, nothing done).
 */
static void
test_methods_csrf(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	int64_t t, pid;
	const char *forms[][2] = {
		{ "/forums/%lld/threads", NULL }, { "/forums/%lld/follow", NULL },
		{ "/forums/%lld/threads/%lld/reply", NULL }, { "/forums/%lld/threads/%lld/follow", NULL },
		{ "/forums/posts/%lld/edit", NULL }, { "/forums/posts/%lld/delete", NULL },
		{ "/forums/posts/%lld/flag", NULL },
	};
	const char *paths[7];
	int64_t before;
	size_t i;

	(void)state;
	t = tf_thread_made(f_mem, dee_tok, "Fatk csrf thread", "CSRF-ORIGINAL");
	pid = first_post(f_mem, t);
	paths[0] = ta_path("/forums/%lld/threads", (long long)f_mem);
	paths[1] = ta_path("/forums/%lld/follow", (long long)f_mem);
	paths[2] = ta_path("/forums/%lld/threads/%lld/reply", (long long)f_mem, (long long)t);
	paths[3] = ta_path("/forums/%lld/threads/%lld/follow", (long long)f_mem, (long long)t);
	paths[4] = ta_path("/forums/posts/%lld/edit", (long long)pid);
	paths[5] = ta_path("/forums/posts/%lld/delete", (long long)pid);
	paths[6] = ta_path("/forums/posts/%lld/flag", (long long)pid);
	(void)forms;
	b = ts_signed_in(&srv, "127.0.0.68", "dee@dune-fatk.example", PW);
	assert_non_null(b);
	before = ts_sql_int("SELECT count(*) FROM forum_posts");
	for (i = 0; i < 7; i++) {
		r = ts_post(b, paths[i], "title", "CSRF-T", "body", "CSRF-BODY", "follow", "1",
		    "reason", "x", NULL);
		if (r->status != 403)
			fail_msg("%s without csrf: %ld", paths[i], r->status);
		r = ts_post(b, paths[i], "csrf", "00112233445566778899aabbccddeeff00112233445566778899"
		    "aabbccddeeff", "title", "CSRF-T", "body", "CSRF-BODY", "follow", "1", "reason",
		    "x", NULL);
		if (r->status != 403)
			fail_msg("%s with a forged csrf: %ld", paths[i], r->status);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts"), before);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE id = %lld AND body = "
	    "'CSRF-ORIGINAL' AND status = 'visible'", (long long)pid), 1);
	/* staff's forms too, with a member's cookie and token: 403 */
	ts_get(b, "/forums");
	r = ts_form(b, "/staff/forums", "title", "CSRF forum", NULL);
	STATUS(r, 403);
	ts_get(b, "/forums");
	r = ts_form(b, ta_path("/forums/posts/%lld/moderate", (long long)pid), "action", "hide",
	    NULL);
	STATUS(r, 403);
	ts_browser_free(b);
	/* methods */
	assert_int_equal(st("PUT", ta_path("/api/v1/forums/posts/%lld", (long long)pid), dee_tok,
	    json_pack("{s:s}", "body", "PUT")), 405);
	assert_int_equal(st("GET", ta_path("/api/v1/forums/posts/%lld/flags", (long long)pid),
	    dee_tok,
	    NULL), 405);
	assert_int_equal(st("DELETE", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem,
	    (long long)t), dee_tok, NULL), 405);
	assert_int_equal(st("DELETE", ta_path("/api/v1/forums/%lld", (long long)f_mem), staff_tok,
	    NULL),
	    405);
	assert_int_equal(st("GET", "/forums/unfollow/x", NULL, NULL), 404);
	r = ta_api("PATCH", "/forums/unfollow", NULL, NULL);
	assert_true(r->status == 405);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE id = %lld AND body = "
	    "'CSRF-ORIGINAL' AND status = 'visible'", (long long)pid), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forums WHERE id = %lld",
	    (long long)f_mem), 1);
}

/*
 * A post whose 300th byte falls inside a character: its flag is in staff's
 * queue all the same, with an excerpt cut on a character's boundary (JSON
 * and CSV).  Failed before: the excerpt was not valid UTF-8, the row
 * could not be made, and the flag was missing from the queue, so a post
 * hidden by flags was never put before staff.
 */
static void
test_flag_queue_utf8(void **state)
{
	char body[400];
	int64_t t, pid;
	json_t *j, *x;
	size_t i;
	int found = 0;

	(void)state;
	memset(body, 'q', 299);
	snprintf(body + 299, sizeof body - 299, "\xc3\xa9 QUEUE-UTF8 end");
	t = tf_thread_made(f_mem, hid_tok, "Fatk cut in two", body);
	pid = first_post(f_mem, t);
	STATUS(ta_api("POST", ta_path("/api/v1/forums/posts/%lld/flags", (long long)pid), ann_tok,
	    json_pack("{s:s}", "reason", "QUEUE-UTF8-REASON")), 201);
	j = ta_get_json("/api/v1/staff/forums/flags?per_page=100", staff_tok, 200);
	json_array_foreach(json_object_get(j, "items"), i, x) {
		if (ta_num(x, "post_id") != pid)
			continue;
		found = 1;
		assert_int_equal(strlen(json_string_value(json_object_get(x, "excerpt"))), 299);
	}
	assert_int_equal(ta_num(j, "total"), (json_int_t)json_array_size(json_object_get(j,
	    "items")));
	json_decref(j);
	assert_true(found);
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.69", "sam@staff-fatk.example", PW);
		const struct ts_res *r = ts_get(b, "/staff/forums/flags.csv");

		STATUS(r, 200);
		HAS(r, "QUEUE-UTF8-REASON");
		r = ts_get(b, "/staff/forums/flags");
		STATUS(r, 200);
		HAS(r, "QUEUE-UTF8-REASON");
		ts_browser_free(b);
	}
}

/*
 * An author may not rewrite their post while flags hide it: what staff
 * are about to judge stays what was flagged.  Failed before: the author
 * edited it (200) within their 30 minutes.
 */
static void
test_edit_flag_hidden(void **state)
{
	char t4[129], t5[129], t6[129];
	int64_t o4, o5, o6, t, pid;
	const char *fp;
	json_t *j;

	(void)state;
	o4 = ts_org_import(db_url, "Opal Fatk One", "KE", "info@opal1-fatk.example", NULL);
	o5 = ts_org_import(db_url, "Opal Fatk Two", "KE", "info@opal2-fatk.example", NULL);
	o6 = ts_org_import(db_url, "Opal Fatk Three", "KE", "info@opal3-fatk.example", NULL);
	assert_true(o4 > 0 && o5 > 0 && o6 > 0);
	account("op1@opal1-fatk.example", "Op One", "member", o4, t4);
	account("op2@opal2-fatk.example", "Op Two", "member", o5, t5);
	account("op3@opal3-fatk.example", "Op Three", "member", o6, t6);
	t = tf_thread_made(f_mem, exa_tok, "Fatk flagged and edited", "ABUSIVE-WORDS");
	pid = first_post(f_mem, t);
	fp = ta_path("/api/v1/forums/posts/%lld/flags", (long long)pid);
	STATUS(ta_api("POST", fp, t4, json_pack("{s:s}", "reason", "abuse")), 201);
	STATUS(ta_api("POST", fp, t5, json_pack("{s:s}", "reason", "abuse")), 201);
	STATUS(ta_api("POST", fp, t6, json_pack("{s:s}", "reason", "abuse")), 201);
	assert_int_equal(ts_sql_int("SELECT flag_hidden FROM forum_posts WHERE id = %lld",
	    (long long)pid), 1);
	assert_int_equal(st("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), exa_tok,
	    json_pack("{s:s}", "body", "HARMLESS-NOW")), 409);
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem, (long long)t),
	    exa_tok, 200);
	assert_false(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "can_edit")));
	json_decref(j);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE id = %lld AND body = "
	    "'ABUSIVE-WORDS'", (long long)pid), 1);
	/* staff still edit it */
	STATUS(ta_api("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), staff_tok,
	    json_pack("{s:s}", "body", "Edited by staff.")), 200);
}

/*
 * Three organizations flag a post at the same instant: it is hidden, as
 * when they flag one after the other (each flag counts the others).
 */
static void
test_flags_at_once(void **state)
{
	char tk[3][129];
	int64_t orgs[3], t, pid;
	int round, i;
	struct racer x[3];
	pthread_t th[3];

	(void)state;
	orgs[0] = ts_org_import(db_url, "Quartz Fatk One", "KE", "info@quartz1-fatk.example", NULL);
	orgs[1] = ts_org_import(db_url, "Quartz Fatk Two", "KE", "info@quartz2-fatk.example", NULL);
	orgs[2] = ts_org_import(db_url, "Quartz Fatk Three", "KE", "info@quartz3-fatk.example",
	    NULL);
	account("qu1@quartz1-fatk.example", "Qu One", "member", orgs[0], tk[0]);
	account("qu2@quartz2-fatk.example", "Qu Two", "member", orgs[1], tk[1]);
	account("qu3@quartz3-fatk.example", "Qu Three", "member", orgs[2], tk[2]);
	for (round = 0; round < 25; round++) {
		t = tf_thread_made(f_mem, staff_tok, ta_path("Fatk raced flags %d", round),
		    "RACED-FLAGS");
		pid = first_post(f_mem, t);
		for (i = 0; i < 3; i++) {
			x[i].b = ts_browser_new(&srv, NULL);
			x[i].path = ta_path("/api/v1/forums/posts/%lld/flags", (long long)pid);
			x[i].token = tk[i];
			x[i].body = "{\"reason\":\"raced\"}";
		}
		for (i = 0; i < 3; i++)
			assert_int_equal(pthread_create(&th[i], NULL, race, &x[i]), 0);
		for (i = 0; i < 3; i++) {
			pthread_join(th[i], NULL);
			ts_browser_free(x[i].b);
			assert_int_equal(x[i].status, 201);
		}
		assert_int_equal(ts_sql_int("SELECT flag_hidden FROM forum_posts WHERE id = %lld",
		    (long long)pid), 1);
	}
}

/*
 * An organization's admin has no power over their people's posts (edit,
 * delete, moderate: 403); an expert whose profile was withdrawn reads
 * nothing and their posts show "a member", not their profile's name.
 */
static void
test_admin_and_withdrawn(void **state)
{
	int64_t t, pid, cat_pid;
	json_t *j;
	const struct ts_res *r;

	(void)state;
	ts_sql_int("UPDATE org_members SET is_admin = 1 WHERE org_id = %lld AND user_id = (SELECT "
	    "id FROM users WHERE email = 'cal@coral-fatk.example')", (long long)org_c);
	t = tf_thread_made(f_mem, cat_tok, "Fatk coral admin", "CAT-OWN-WORDS");
	cat_pid = first_post(f_mem, t);
	assert_int_equal(st("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)cat_pid),
	    cal_tok,
	    json_pack("{s:s}", "body", "ADMIN-EDIT")), 403);
	assert_int_equal(st("DELETE", ta_path("/api/v1/forums/posts/%lld", (long long)cat_pid),
	    cal_tok,
	    NULL), 403);
	assert_int_equal(st("POST", ta_path("/api/v1/forums/posts/%lld/moderate",
	    (long long)cat_pid),
	    cal_tok, json_pack("{s:s}", "action", "hide")), 403);
	assert_int_equal(st("PATCH", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem,
	    (long long)t), cal_tok, json_pack("{s:b}", "pinned", 1)), 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE id = %lld AND body = "
	    "'CAT-OWN-WORDS' AND status = 'visible'", (long long)cat_pid), 1);
	/* the expert: named by their profile while approved */
	t = tf_thread_made(f_mem, exa_tok, "Fatk expert speaks", "EXPERT-WORDS");
	pid = first_post(f_mem, t);
	(void)pid;
	j = ta_get_json(ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem, (long long)t),
	    ben_tok, 200);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(
	    json_object_get(j, "items"), 0), "author"), "name")), "Exa Profile");
	json_decref(j);
	ts_sql_int("UPDATE experts SET status = 'suspended' WHERE user_id = %lld", (long long)exa_id);
	r = ta_api("GET", ta_path("/api/v1/forums/%lld/threads/%lld", (long long)f_mem,
	    (long long)t),
	    ben_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Exa Profile");
	LACKS(r, "Exa Account");
	assert_true(st("GET", "/api/v1/forums", exa_tok, NULL) == 403);
	assert_true(st("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts", (long long)f_mem,
	    (long long)t), exa_tok, json_pack("{s:s}", "body", "WITHDRAWN-REPLY")) == 403);
	ts_sql_int("UPDATE experts SET status = 'approved' WHERE user_id = %lld", (long long)exa_id);
}

/* More dangerous links, spelled otherwise: none becomes a link. */
static void
test_hostile_links(void **state)
{
	const char *md = "<javascript:alert(5)>\n\n[a](JAVASCRIPT:alert(6))\n\n"
	    "[b](  javascript:alert(7))\n\n[c](java&#x09;script:alert(8))\n\n"
	    "[d](vbscript:msgbox(9))\n\n[e]: javascript:alert(10)\n\n[e]\n\n"
	    "[f](&#106;avascript:alert(11))\n";
	struct ts_browser *b;
	const struct ts_res *r;
	int64_t t;

	(void)state;
	t = tf_thread_made(f_mem, cal_tok, "Fatk links", md);
	b = ts_signed_in(&srv, "127.0.0.70", "ben@beryl-fatk.example", PW);
	assert_non_null(b);
	r = ts_get(b, ta_path("/forums/%lld/threads/%lld", (long long)f_mem, (long long)t));
	STATUS(r, 200);
	LACKS(r, "href=\"javascript");
	LACKS(r, "href=\"JAVASCRIPT");
	LACKS(r, "href=\"vbscript");
	LACKS(r, "href=\"java");
	LACKS(r, "href=\"&#106;");
	LACKS(r, "href=\"&amp;#106;");
	ts_browser_free(b);
}

/*
 * Fields a member may not set are ignored when sent along: a thread
 * started pinned and locked, a post edited back to visible or into another
 * thread; a search for "%" or "_" matches those characters, not every
 * thread.
 */
static void
test_fields_ignored(void **state)
{
	const struct ts_res *r;
	int64_t t, pid;
	json_t *j;

	(void)state;
	r = ta_api("POST", ta_path("/api/v1/forums/%lld/threads", (long long)f_mem), dee_tok,
	    json_pack("{s:s,s:s,s:b,s:b,s:I,s:s}", "title", "Fatk sneaky", "body", "SNEAKY",
	    "pinned", 1, "locked", 1, "forum_id", (json_int_t)f_ng, "status", "hidden"));
	STATUS(r, 201);
	j = ts_jbody(r);
	t = ta_num(json_object_get(j, "thread"), "id");
	json_decref(j);
	assert_int_equal(ts_sql_int("SELECT pinned + locked FROM forum_threads WHERE id = %lld",
	    (long long)t), 0);
	assert_int_equal(ts_sql_int("SELECT forum_id FROM forum_threads WHERE id = %lld",
	    (long long)t), f_mem);
	pid = first_post(f_mem, t);
	STATUS(ta_api("POST", ta_path("/api/v1/forums/posts/%lld/moderate", (long long)pid),
	    staff_tok,
	    json_pack("{s:s}", "action", "hide")), 200);
	r = ta_api("PATCH", ta_path("/api/v1/forums/posts/%lld", (long long)pid), dee_tok,
	    json_pack("{s:s,s:s,s:b}", "body", "UNHIDDEN", "status", "visible", "flag_hidden", 0));
	assert_int_equal(r->status, 409);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM forum_posts WHERE id = %lld AND status "
	    "= 'hidden' AND body = 'SNEAKY'", (long long)pid), 1);
	j = ta_get_json(ta_path("/api/v1/forums/%lld?q=%%25", (long long)f_mem), dee_tok, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
	j = ta_get_json(ta_path("/api/v1/forums/%lld?q=_", (long long)f_mem), dee_tok, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
}

/*
 * Three government focal points flagging a civil-society post count as one
 * (the governments), not three organizations: they cannot hide it between
 * them; a third member organization's flag then does.  Failed before: a
 * person of no organization counted alone, so three focal points hid any
 * post in a members' forum until staff decided.
 */
static void
test_focal_flags(void **state)
{
	char f2[129], f3[129], m1[129];
	int64_t t, pid, o;
	const char *fp;

	(void)state;
	account("foc2@focal-fatk.example", "Foc Two", "focal", 0, f2);
	account("foc3@focal-fatk.example", "Foc Three", "focal", 0, f3);
	ts_sql_int("UPDATE users SET country = 'KE' WHERE email LIKE 'foc%%@focal-fatk.example'");
	o = ts_org_import(db_url, "Topaz Fatk Fund", "KE", "info@topaz-fatk.example", NULL);
	assert_true(o > 0);
	account("to1@topaz-fatk.example", "To One", "member", o, m1);
	t = tf_thread_made(f_mem, ben_tok, "Fatk governments dislike this", "GOV-DISLIKED");
	pid = first_post(f_mem, t);
	fp = ta_path("/api/v1/forums/posts/%lld/flags", (long long)pid);
	STATUS(ta_api("POST", fp, foc_tok, json_pack("{s:s}", "reason", "false")), 201);
	STATUS(ta_api("POST", fp, f2, json_pack("{s:s}", "reason", "false")), 201);
	STATUS(ta_api("POST", fp, f3, json_pack("{s:s}", "reason", "false")), 201);
	assert_int_equal(ts_sql_int("SELECT flag_hidden FROM forum_posts WHERE id = %lld",
	    (long long)pid), 0);
	/* with two member organizations' flags: three */
	STATUS(ta_api("POST", fp, ann_tok, json_pack("{s:s}", "reason", "really")), 201);
	assert_int_equal(ts_sql_int("SELECT flag_hidden FROM forum_posts WHERE id = %lld",
	    (long long)pid), 0);
	STATUS(ta_api("POST", fp, m1, json_pack("{s:s}", "reason", "really")), 201);
	assert_int_equal(ts_sql_int("SELECT flag_hidden FROM forum_posts WHERE id = %lld",
	    (long long)pid), 1);
}

static int
setup(void **state)
{
	const struct ts_res *r;
	json_t *j;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ts_db_open(db_url);
	org_a = ts_org_import(db_url, "Amber Fatk Trust", "KE", "info@amber-fatk.example", NULL);
	org_b = ts_org_import(db_url, "Beryl Fatk Network", "NG", "info@beryl-fatk.example", NULL);
	org_c = ts_org_import(db_url, "Coral Fatk Alliance", "GH", "info@coral-fatk.example",
	    NULL);
	org_d = ts_org_import(db_url, "Dune Fatk Fund", "SN", "info@dune-fatk.example", NULL);
	org_h = ts_org_import(db_url, "Haze Fatk Aid", "PE", "info@haze-fatk.example", NULL);
	if (org_a <= 0 || org_b <= 0 || org_c <= 0 || org_d <= 0 || org_h <= 0)
		return -1;
	account("sam@staff-fatk.example", "Sam Staff", "staff", 0, staff_tok);
	ann_id = account("ann@amber-fatk.example", "Ann Amber", "member", org_a, ann_tok);
	ben_id = account("ben@beryl-fatk.example", "Ben Beryl", "member", org_b, ben_tok);
	account("cat@coral-fatk.example", "Cat Coral", "member", org_c, cat_tok);
	account("cal@coral-fatk.example", "Cal Coral", "member", org_c, cal_tok);
	dee_id = account("dee@dune-fatk.example", "Dee Dune", "member", org_d, dee_tok);
	hid_id = account("hid@haze-fatk.example", "Hid Haze", "member", org_h, hid_tok);
	foc_id = account("foc@focal-fatk.example", "Foc Focal", "focal", 0, foc_tok);
	account("app@applicant-fatk.example", "App Applicant", "applicant", 0, app_tok);
	exa_id = account("exa@expert-fatk.example", "Exa Account", "member", 0, exa_tok);
	ts_sql_int("INSERT INTO experts (user_id, status, name, created_at, updated_at) VALUES "
	    "(%lld, 'approved', 'Exa Profile', 0, 0)", (long long)exa_id);
	ts_sql_int("UPDATE org_members SET listed = 0 WHERE user_id = %lld", (long long)hid_id);
	ts_sql_int("UPDATE organizations SET visibility = '{\"people\":\"nongovernmental\"}' "
	    "WHERE id = %lld", (long long)org_d);
	r = ta_api("POST", "/api/v1/forums", staff_tok, json_pack("{s:s,s:s}", "title",
	    "Fatk exchanges", "audience", "members"));
	if (r->status != 201)
		return -1;
	j = ts_jbody(r);
	f_mem = ta_num(j, "id");
	json_decref(j);
	r = ta_api("POST", "/api/v1/forums", staff_tok, json_pack("{s:s,s:s}", "title",
	    "Fatk civil society", "audience", "nongovernmental"));
	if (r->status != 201)
		return -1;
	j = ts_jbody(r);
	f_ng = ta_num(j, "id");
	json_decref(j);
	t_ng = tf_thread_made(f_ng, ben_tok, "Shelters at risk", "Shelter list: SECRET-SHELTER.");
	p_ng = first_post(f_ng, t_ng);
	(void)ann_id;
	return f_mem > 0 && f_ng > 0 && t_ng > 0 ? 0 : -1;
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
		cmocka_unit_test(test_who_comes_in),
		cmocka_unit_test(test_focal_never_learns),
		cmocka_unit_test(test_focal_pages),
		cmocka_unit_test(test_focal_export),
		cmocka_unit_test(test_author_hidden),
		cmocka_unit_test(test_mail_no_author),
		cmocka_unit_test(test_others_posts),
		cmocka_unit_test(test_locked_archived),
		cmocka_unit_test(test_unfollow_token),
		cmocka_unit_test(test_flag_abuse),
		cmocka_unit_test(test_flag_hidden),
		cmocka_unit_test(test_mail_lost_access),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_long_thread),
		cmocka_unit_test(test_rate_race),
		cmocka_unit_test(test_methods_csrf),
		cmocka_unit_test(test_flag_queue_utf8),
		cmocka_unit_test(test_edit_flag_hidden),
		cmocka_unit_test(test_flags_at_once),
		cmocka_unit_test(test_admin_and_withdrawn),
		cmocka_unit_test(test_hostile_links),
		cmocka_unit_test(test_fields_ignored),
		cmocka_unit_test(test_focal_flags),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("forums_attack", tests, setup, teardown);
}
