/*
 * review_attack_test.c -- an attack on what issue 17 added: the country
 * pilot initiatives (their private space, drafts, updates, participants)
 * and the constructive dialogues (inputs, files, the summary and its
 * mail), as a visitor, an account of no organization, a member, an
 * organization's admin, participants and former participants, focal
 * points of the country and of another, and staff.  A test that passes
 * shows a defence holds; the ones that failed first are the holes fixed
 * with them (the commit says which).
 *
 * Hostile Markdown: raw HTML and every scheme but http(s) and mailto are
 * dropped (cmark's safe mode); an image with a remote (tracking) address
 * is kept in the HTML, and the browser never fetches it: every page says
 * img-src 'self' data: (the Content-Security-Policy of src/http/server.c).
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

#include "lib/people.h"
#include "lib/review.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Fe, a focal point of Kenya; Gu, of Uganda; Ada, an admin of
 * Quillon (KE); Cy, Quillon's other person; Bo, an admin of Norrow (KE),
 * which takes no part; Ed, an expert (a member of no organization); No,
 * an account whose organization is not approved (an applicant) */
static char staff_tok[129], fe_tok[129], gu_tok[129], ada_tok[129], bo_tok[129],
    ed_tok[129], cy_tok[129], no_tok[129];
static int64_t quillon, norrow, fe_id, gu_id, ada_id, bo_id, ed_id, cy_id;

/* Cy's input (with a file, not for publication) to the attack dialogue */
static int64_t cy_input;

#define FE "fe@interior-ra.go.ke"
#define ED "ed@research-ra.example"
#define CY "cy@quillon-ra.example"
#define BO "bo@norrow-ra.example"

/* ---- helpers ------------------------------------------------------------ */

/* The participant id of ref (an organization's or a user's id) in
 * initiative id, as staff see it. */
static int64_t
part_id(int64_t id, const char *key, int64_t ref)
{
	char path[96];
	json_t *j, *p;
	int64_t pid = 0;
	size_t i;

	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	j = ts_jbody(tr_api("GET", path, staff_tok, NULL));
	json_array_foreach(json_object_get(j, "participants"), i, p)
		if (tr_num(p, key) == ref)
			pid = tr_num(p, "id");
	json_decref(j);
	assert_true(pid > 0);
	return pid;
}

/* ---- initiatives: who reads and writes what -------------------------------- */

/*
 * A draft output is its participants' and staff's: not a member's, a
 * visitor's, another country's focal point's, an applicant's -- in the
 * JSON, the page, the country page, the person's page or the export; and
 * only staff publish, whatever a participant sends.
 */
static void
test_initiative_drafts(void **state)
{
	const struct ts_res *r;
	char path[96], page[96], outp[96], pub[128];
	const char *who[] = { bo_tok, gu_tok, no_tok, NULL };
	json_t *j;
	int64_t id, oid;
	int i;

	(void)state;
	id = tr_initiative("Attack: drafts", fe_id, quillon, ed_id);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	snprintf(page, sizeof page, "/initiatives/%lld", (long long)id);
	snprintf(outp, sizeof outp, "/api/v1/initiatives/%lld/outputs", (long long)id);
	/* writing an output: participants only */
	STATUS(tr_api("POST", outp, NULL, json_pack("{s:s,s:s,s:s}", "kind", "best_practices",
	    "title", "Visitor", "body", "x")), 401);
	for (i = 0; who[i]; i++)
		STATUS(tr_api("POST", outp, who[i], json_pack("{s:s,s:s,s:s}", "kind",
		    "best_practices", "title", "Outsider", "body", "x")), 403);
	oid = 0;
	r = tr_api("POST", outp, cy_tok, json_pack("{s:s,s:s,s:s}", "kind", "lessons_learned",
	    "title", "Secret-draft-of-Quillon", "body", "Not yet for anyone."));
	STATUS(r, 201);
	j = ts_jbody(r);
	{
		json_t *o;
		size_t k;

		json_array_foreach(json_object_get(j, "outputs"), k, o)
			if (strcmp(tr_str(o, "title"), "Secret-draft-of-Quillon") == 0)
				oid = tr_num(o, "id");
	}
	json_decref(j);
	assert_true(oid > 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_outputs WHERE title = "
	    "'Outsider' OR title = 'Visitor'"), 0);

	/* the draft: not for those who take no part */
	for (i = 0; who[i]; i++)
		LACKS(tr_api("GET", path, who[i], NULL), "Secret-draft");
	LACKS(tr_api("GET", path, NULL, NULL), "Secret-draft");
	LACKS(ts_get(plain, page), "Secret-draft");
	LACKS(tr_api("GET", "/api/v1/countries/KE", bo_tok, NULL), "Secret-draft");
	LACKS(tr_api("GET", "/api/v1/countries/KE", NULL, NULL), "Secret-draft");
	LACKS(tr_api("GET", "/api/v1/initiatives?country=KE", bo_tok, NULL), "Secret-draft");
	HAS(tr_api("GET", path, ed_tok, NULL), "Secret-draft");
	HAS(tr_api("GET", path, fe_tok, NULL), "Secret-draft");

	/* publishing: staff only, whatever a participant or focal point sends */
	snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/outputs/%lld/publish", (long long)id,
	    (long long)oid);
	STATUS(tr_api("POST", pub, ada_tok, json_pack("{s:s}", "audience", "public")), 403);
	STATUS(tr_api("POST", pub, fe_tok, json_pack("{s:s}", "audience", "public")), 403);
	STATUS(tr_api("POST", pub, ed_tok, json_pack("{s:s}", "audience", "public")), 403);
	STATUS(tr_api("POST", pub, NULL, json_pack("{s:s}", "audience", "public")), 401);
	snprintf(pub, sizeof pub, "/staff/initiatives/%lld/outputs/%lld/publish", (long long)id,
	    (long long)oid);
	STATUS(tr_api("POST", pub, ada_tok, json_pack("{s:s}", "audience", "public")), 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_outputs WHERE id = %lld "
	    "AND status = 'draft'", (long long)oid), 1);
	/* another initiative's output through this one: 404 */
	{
		int64_t other = tr_initiative("Attack: another", fe_id, quillon, ed_id);

		snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/outputs/%lld/publish",
		    (long long)other, (long long)oid);
		STATUS(tr_api("POST", pub, staff_tok, json_pack("{s:s}", "audience", "public")),
		    404);
	}
	snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/outputs/%lld/publish", (long long)id,
	    (long long)oid);
	r = tr_api("POST", pub, staff_tok, json_pack("{s:s}", "audience", "everyone"));
	STATUS(r, 422);
	/* to members: a member reads it, a visitor or an applicant does not */
	STATUS(tr_api("POST", pub, staff_tok, json_pack("{s:s}", "audience", "members")), 200);
	HAS(tr_api("GET", path, bo_tok, NULL), "Secret-draft");
	LACKS(tr_api("GET", path, NULL, NULL), "Secret-draft");
	LACKS(tr_api("GET", path, no_tok, NULL), "Secret-draft");
	/* the participants' names: members' (not a visitor's, not an applicant's) */
	j = ts_jbody(tr_api("GET", path, NULL, NULL));
	assert_null(json_object_get(j, "participants"));
	assert_int_equal(tr_num(j, "participants_count"), 3);
	json_decref(j);
	j = ts_jbody(tr_api("GET", path, no_tok, NULL));
	assert_null(json_object_get(j, "participants"));
	json_decref(j);
	LACKS(tr_api("GET", "/api/v1/countries/KE", NULL, NULL), "Quillon Review");
	/* the person's page: a visitor learns nothing of Ed's initiatives */
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)ed_id);
	r = tr_api("GET", path, NULL, NULL);
	LACKS(r, "Attack: drafts");
}

/*
 * The space as each sees it: a visitor 401, an applicant, a member, the
 * other country's focal point 403; a former participant -- removed by
 * staff, their organization removed, no longer a focal point, their
 * organization suspended -- loses it and is mailed no more updates.
 */
static void
test_initiative_former(void **state)
{
	char space[96], upd[96], path[128];
	struct ts_mail m;
	int64_t id;

	(void)state;
	id = tr_initiative("Attack: former participants", fe_id, quillon, ed_id);
	snprintf(space, sizeof space, "/api/v1/initiatives/%lld/space", (long long)id);
	snprintf(upd, sizeof upd, "/api/v1/initiatives/%lld/updates", (long long)id);
	STATUS(tr_api("GET", space, NULL, NULL), 401);
	STATUS(tr_api("GET", space, no_tok, NULL), 403);
	STATUS(tr_api("GET", space, bo_tok, NULL), 403);
	STATUS(tr_api("GET", space, gu_tok, NULL), 403);
	STATUS(tr_api("POST", upd, no_tok, json_pack("{s:s}", "body", "In?")), 403);
	STATUS(tr_api("GET", space, cy_tok, NULL), 200);
	STATUS(tr_api("GET", space, ed_tok, NULL), 200);
	STATUS(tr_api("GET", space, fe_tok, NULL), 200);

	/* the expert removed by staff */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants/%lld", (long long)id,
	    (long long)part_id(id, "user_id", ed_id));
	STATUS(tr_api("DELETE", path, ada_tok, NULL), 403);
	STATUS(tr_api("DELETE", path, staff_tok, NULL), 204);
	STATUS(tr_api("GET", space, ed_tok, NULL), 403);
	STATUS(tr_api("POST", upd, ed_tok, json_pack("{s:s}", "body", "Still here?")), 403);

	/* Fe is no longer a focal point: the space is a focal point's */
	ts_sql_int("UPDATE users SET role = 'member' WHERE id = %lld", (long long)fe_id);
	STATUS(tr_api("GET", space, fe_tok, NULL), 403);
	STATUS(tr_api("POST", upd, fe_tok, json_pack("{s:s}", "body", "Former focal")), 403);
	LACKS(tr_api("GET", "/api/v1/account", fe_tok, NULL), "Attack: former participants");
	ts_sql_int("UPDATE users SET role = 'focal' WHERE id = %lld", (long long)fe_id);
	STATUS(tr_api("GET", space, fe_tok, NULL), 200);

	/* Quillon suspended: its people take no part while it is */
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)quillon);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	STATUS(tr_api("GET", space, cy_tok, NULL), 403);
	STATUS(tr_api("POST", upd, ada_tok, json_pack("{s:s}", "body", "Suspended")), 403);
	LACKS(tr_api("GET", "/api/v1/account", cy_tok, NULL), "Attack: former participants");
	STATUS(tr_api("POST", upd, staff_tok, json_pack("{s:s}", "body", "While-suspended")), 201);
	assert_int_equal(ts_mail_wait(&sink, FE, 10000, &m), 0);
	ts_mail_free(&m);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "status", "approved")), 303);
	STATUS(tr_api("GET", space, cy_tok, NULL), 200);
	HAS(tr_api("GET", "/api/v1/account", cy_tok, NULL), "Attack: former participants");

	/* Quillon removed as a partner */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants/%lld", (long long)id,
	    (long long)part_id(id, "organization_id", quillon));
	STATUS(tr_api("DELETE", path, staff_tok, NULL), 204);
	STATUS(tr_api("GET", space, cy_tok, NULL), 403);
	STATUS(tr_api("GET", space, ada_tok, NULL), 403);
	STATUS(tr_api("POST", upd, staff_tok, json_pack("{s:s}", "body", "After-removal")), 201);
	assert_int_equal(ts_mail_wait(&sink, FE, 10000, &m), 0);
	ts_mail_free(&m);
	/* none of the updates since reached Ed, Ada or Cy */
	{
		const char *gone[] = { ED, CY, "ada@quillon-ra.example", NULL };
		int i;

		for (i = 0; gone[i]; i++)
			while (ts_mail_wait(&sink, gone[i], 300, &m) == 0) {
				if (strstr(m.body, "While-suspended") || strstr(m.body,
				    "After-removal"))
					printf("# %s got %s\n", gone[i], m.subject);
				assert_null(strstr(m.body, "While-suspended"));
				assert_null(strstr(m.body, "After-removal"));
				ts_mail_free(&m);
			}
	}
	/* nor does the country page show them as its partners */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	LACKS(tr_api("GET", path, bo_tok, NULL), "Quillon Review");
}

/*
 * A person removed from a partner organization takes no part from then:
 * the space, posting and their account say so.  An account whose address
 * was never confirmed gets no token at all.
 */
static void
test_initiative_left(void **state)
{
	char space[96], upd[96], tok[129];
	int64_t id, ri;

	(void)state;
	tr_account("ri@quillon-ra.example", "member", quillon, tok, &ri);
	id = tr_initiative("Attack: left", fe_id, quillon, ed_id);
	snprintf(space, sizeof space, "/api/v1/initiatives/%lld/space", (long long)id);
	snprintf(upd, sizeof upd, "/api/v1/initiatives/%lld/updates", (long long)id);
	STATUS(tr_api("GET", space, tok, NULL), 200);
	HAS(tr_api("GET", "/api/v1/account", tok, NULL), "Attack: left");
	ts_sql_int("DELETE FROM org_members WHERE user_id = %lld", (long long)ri);
	STATUS(tr_api("GET", space, tok, NULL), 403);
	STATUS(tr_api("POST", upd, tok, json_pack("{s:s}", "body", "Gone")), 403);
	LACKS(tr_api("GET", "/api/v1/account", tok, NULL), "Attack: left");
	/* never confirmed */
	assert_true(ts_person_add(db_url, "un@quillon-ra.example", "Un", "member", quillon, PW) >
	    0);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = 'un@quillon-ra.example'");
	assert_int_not_equal(ts_token(plain, "un@quillon-ra.example", PW, tok, 129), 0);
}

/*
 * Hostile input to the space: raw HTML, javascript: links, a tracking
 * image, an oversized update; the forms without their CSRF token; the
 * wrong methods.
 */
static void
test_initiative_hostile(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	char upd[96], path[96];
	char *big;
	json_t *j, *it;
	int64_t id, before;

	(void)state;
	id = tr_initiative("Attack: hostile", fe_id, quillon, ed_id);
	snprintf(upd, sizeof upd, "/api/v1/initiatives/%lld/updates", (long long)id);
	r = tr_api("POST", upd, ada_tok, json_pack("{s:s}", "body", "<script>alert(1)</script>"
	    "<img src=x onerror=alert(2)> [click](javascript:alert(3)) "
	    "[data](data:text/html;base64,PHNjcmlwdD4=) ![pixel](https://tracker.example/p.gif)"));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_null(strstr(tr_str(j, "body_html"), "<script"));
	assert_null(strstr(tr_str(j, "body_html"), "onerror"));
	assert_null(strstr(tr_str(j, "body_html"), "javascript:"));
	assert_null(strstr(tr_str(j, "body_html"), "data:text"));
	json_decref(j);
	b = ts_signed_in(&srv, NULL, CY, PW);
	assert_non_null(b);
	snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
	r = ts_get(b, path);
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	LACKS(r, "javascript:alert");
	assert_non_null(ts_header(r, "Content-Security-Policy"));
	assert_non_null(strstr(ts_header(r, "Content-Security-Policy"), "img-src 'self' data:"));
	j = ts_jbody(tr_api("GET", "/api/v1/initiatives?country=KE", NULL, NULL));
	json_decref(j);

	/* oversized: 422, nothing written */
	before = ts_sql_int("SELECT count(*) FROM initiative_updates");
	big = malloc(10002);
	assert_non_null(big);
	memset(big, 'a', 10001);
	big[10001] = '\0';
	r = tr_api("POST", upd, ada_tok, json_pack("{s:s}", "body", big));
	STATUS(r, 422);
	HAS(r, "\"body\"");
	free(big);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_updates"), before);
	/* a body that is not text */
	STATUS(tr_api("POST", upd, ada_tok, json_pack("{s:i}", "body", 7)), 422);
	STATUS(tr_api("POST", upd, ada_tok, json_pack("{s:{s:s}}", "body", "x", "y")), 422);

	/* the forms without their token: 403, nothing written */
	r = ts_post(b, path, "body", "No token", (char *)NULL);
	STATUS(r, 403);
	snprintf(path, sizeof path, "/initiatives/%lld/outputs", (long long)id);
	r = ts_post(b, path, "kind", "best_practices", "title", "No token", "body", "x",
	    (char *)NULL);
	STATUS(r, 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_updates"), before);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_outputs WHERE title = "
	    "'No token'"), 0);
	ts_browser_free(b);
	b = ts_signed_in(&srv, NULL, "sam.staff@review-ra.test", PW);
	assert_non_null(b);
	r = ts_post(b, "/staff/initiatives/new", "country", "KE", "title", "No token",
	    (char *)NULL);
	STATUS(r, 403);
	snprintf(path, sizeof path, "/staff/initiatives/%lld/participants", (long long)id);
	STATUS(ts_post(b, path, "kind", "organization", "organization_id", "1", (char *)NULL),
	    403);
	snprintf(path, sizeof path, "/staff/initiatives/%lld/edit", (long long)id);
	STATUS(ts_post(b, path, "title", "Renamed", (char *)NULL), 403);
	ts_browser_free(b);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiatives WHERE title = 'No token' "
	    "OR title = 'Renamed'"), 0);

	/* the wrong methods: 405, never a change */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	STATUS(tr_api("PUT", path, staff_tok, json_pack("{s:s}", "title", "Put")), 405);
	STATUS(tr_api("DELETE", path, staff_tok, NULL), 405);
	STATUS(tr_api("GET", upd, ada_tok, NULL), 405);
	STATUS(tr_api("PATCH", upd, ada_tok, json_pack("{s:s}", "body", "x")), 405);
	/* a participant may not change the initiative itself */
	STATUS(tr_api("PATCH", path, ada_tok, json_pack("{s:s}", "title", "Mine")), 403);
	STATUS(tr_api("PATCH", path, fe_tok, json_pack("{s:s}", "title", "Mine")), 403);
	j = ts_jbody(tr_api("GET", path, NULL, NULL));
	assert_string_equal(tr_str(j, "title"), "Attack: hostile");
	json_array_foreach(json_object_get(j, "outputs"), before, it)
		assert_string_equal(tr_str(it, "status"), "published");
	json_decref(j);
}

/*
 * Who takes part, on the lists others read: an expert's name is not a
 * visitor's or an applicant's on the country page or the person's page;
 * an organization's history is not another's to read; an initiative that
 * is no number is a 404.
 */
static void
test_initiative_lists(void **state)
{
	char path[96];
	int64_t id;

	(void)state;
	id = tr_initiative("Attack: lists", fe_id, quillon, ed_id);
	/* a focal point's country view: their country's, not another's */
	HAS(tr_api("GET", "/api/v1/country", fe_tok, NULL), "Attack: lists");
	LACKS(tr_api("GET", "/api/v1/country", gu_tok, NULL), "Attack: lists");
	{
		const struct ts_res *r = tr_api("GET", "/api/v1/country", bo_tok, NULL);

		assert_true(r->status == 403 || r->status == 404);
	}
	LACKS(tr_api("GET", "/api/v1/countries/KE", NULL, NULL), ED);
	LACKS(tr_api("GET", "/api/v1/countries/KE", no_tok, NULL), ED);
	LACKS(ts_get(plain, "/countries/KE"), ED);
	HAS(tr_api("GET", "/api/v1/countries/KE", bo_tok, NULL), ED);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	LACKS(tr_api("GET", path, no_tok, NULL), ED);
	LACKS(tr_api("GET", path, NULL, NULL), ED);
	snprintf(path, sizeof path, "/initiatives/%lld", (long long)id);
	LACKS(ts_get(plain, path), ED);
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)ed_id);
	LACKS(tr_api("GET", path, no_tok, NULL), "Attack: lists");
	LACKS(tr_api("GET", path, NULL, NULL), "Attack: lists");
	/* Quillon's history: its own people's and staff's */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	HAS(tr_api("GET", path, ada_tok, NULL), "initiative.partner");
	{
		const struct ts_res *r = tr_api("GET", path, bo_tok, NULL);

		assert_true(r->status == 403 || r->status == 404);
		r = tr_api("GET", path, gu_tok, NULL);
		assert_true(r->status == 403 || r->status == 404);
		r = tr_api("GET", path, no_tok, NULL);
		assert_true(r->status == 403 || r->status == 404);
	}
	STATUS(tr_api("GET", path, NULL, NULL), 401);
	/* ids that are no number, or none */
	STATUS(tr_api("GET", "/api/v1/initiatives/1abc", NULL, NULL), 404);
	STATUS(tr_api("GET", "/api/v1/initiatives/99999999999999999999", NULL, NULL), 404);
	STATUS(tr_api("GET", "/api/v1/initiatives/0/space", ada_tok, NULL), 404);
	STATUS(tr_api("GET", "/api/v1/initiatives/-1/space", ada_tok, NULL), 404);
}

/*
 * The space's forms with their token: one who takes no part gets 403; a
 * mistake comes back with what was typed, escaped; a hostile title is
 * text on the initiative's page.  Staff's participant form takes only an
 * approved organization, a member as an expert, the country's focal
 * point.  A POST-only address read with GET is refused.
 */
static void
test_initiative_forms(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	char path[96], parts[96], pub[128];
	json_t *j, *o;
	int64_t id, oid = 0;
	size_t i;

	(void)state;
	id = tr_initiative("Attack: forms", fe_id, quillon, ed_id);
	b = ts_signed_in(&srv, NULL, BO, PW);
	assert_non_null(b);
	snprintf(path, sizeof path, "/initiatives/%lld", (long long)id);
	STATUS(ts_get(b, path), 200);
	snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
	STATUS(ts_form(b, path, "body", "Outsider's update", (char *)NULL), 403);
	snprintf(path, sizeof path, "/initiatives/%lld/outputs", (long long)id);
	STATUS(ts_form(b, path, "kind", "best_practices", "title", "Outsider's output", "body",
	    "x", (char *)NULL), 403);
	ts_browser_free(b);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_outputs WHERE title = "
	    "'Outsider''s output'"), 0);

	b = ts_signed_in(&srv, NULL, CY, PW);
	assert_non_null(b);
	snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
	STATUS(ts_get(b, path), 200);
	snprintf(path, sizeof path, "/initiatives/%lld/outputs", (long long)id);
	r = ts_form(b, path, "kind", "best_practices", "title", "<b>Typed</b> title", "body", "",
	    (char *)NULL);
	STATUS(r, 422);
	HAS(r, "value=\"&lt;b&gt;Typed&lt;&#x2F;b&gt; title\"");
	LACKS(r, "<b>Typed</b>");
	r = ts_form(b, path, "kind", "best_practices", "title", "<script>t()</script>Hostile",
	    "body", "<iframe src=//evil.example></iframe>Body", (char *)NULL);
	STATUS(r, 303);
	ts_browser_free(b);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	j = ts_jbody(tr_api("GET", path, staff_tok, NULL));
	json_array_foreach(json_object_get(j, "outputs"), i, o)
		if (strstr(tr_str(o, "title"), "Hostile"))
			oid = tr_num(o, "id");
	json_decref(j);
	assert_true(oid > 0);
	snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/outputs/%lld/publish", (long long)id,
	    (long long)oid);
	STATUS(tr_api("POST", pub, staff_tok, json_pack("{s:s}", "audience", "public")), 200);
	snprintf(path, sizeof path, "/initiatives/%lld", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Hostile");
	LACKS(r, "<script>t()");
	LACKS(r, "<iframe");

	/* staff's participants: what each kind takes */
	snprintf(parts, sizeof parts, "/api/v1/initiatives/%lld/participants", (long long)id);
	STATUS(tr_api("POST", parts, staff_tok, json_pack("{s:s,s:I}", "kind", "expert", "user_id",
	    (json_int_t)gu_id)), 422);
	STATUS(tr_api("POST", parts, staff_tok, json_pack("{s:s,s:I}", "kind", "focal", "user_id",
	    (json_int_t)gu_id)), 422);
	STATUS(tr_api("POST", parts, staff_tok, json_pack("{s:s,s:I}", "kind", "focal", "user_id",
	    (json_int_t)bo_id)), 422);
	STATUS(tr_api("POST", parts, staff_tok, json_pack("{s:s,s:I}", "kind", "organization",
	    "organization_id", (json_int_t)999999)), 422);
	STATUS(tr_api("POST", parts, staff_tok, json_pack("{s:s,s:s}", "kind", "organization",
	    "organization_id", "1 OR 1=1")), 422);
	STATUS(tr_api("POST", parts, staff_tok, json_pack("{s:s,s:I}", "kind", "staff", "user_id",
	    (json_int_t)bo_id)), 422);
	STATUS(tr_api("POST", parts, bo_tok, json_pack("{s:s,s:I}", "kind", "organization",
	    "organization_id", (json_int_t)norrow)), 403);
	STATUS(tr_api("POST", parts, fe_tok, json_pack("{s:s,s:I}", "kind", "organization",
	    "organization_id", (json_int_t)norrow)), 403);
	/* a POST-only address read with GET */
	snprintf(path, sizeof path, "/staff/initiatives/%lld/participants", (long long)id);
	r = tr_api("GET", path, staff_tok, NULL);
	assert_true(r->status == 404 || r->status == 405);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/outputs", (long long)id);
	STATUS(tr_api("GET", path, ada_tok, NULL), 405);
}

/*
 * The meetings an initiative names are shown in its space as each
 * participant may see them: a staff-only or draft event is staff's.
 */
static void
test_initiative_linked(void **state)
{
	const char *vis[] = { "staff", "public", "public" };
	const char *st[] = { "published", "draft", "published" };
	const char *titles[] = { "Staff-only-briefing", "Draft-briefing", "Public-briefing" };
	json_t *ids = json_array();
	const struct ts_res *r;
	char path[96];
	int64_t id;
	int i;

	(void)state;
	id = tr_initiative("Attack: linked", fe_id, quillon, ed_id);
	for (i = 0; i < 3; i++)
		json_array_append_new(ids, json_integer(tr_made("/api/v1/events", staff_tok,
		    json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "kind", "workshop", "title", titles[i],
		    "timezone", "Europe/Vienna", "start", "2031-03-01T09:00", "end",
		    "2031-03-01T17:00", "status", st[i], "visibility", vis[i]))));
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	STATUS(tr_api("PATCH", path, staff_tok, json_pack("{s:o}", "meetings", ids)), 200);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	r = tr_api("GET", path, cy_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Public-briefing");
	LACKS(r, "Staff-only-briefing");
	LACKS(r, "Draft-briefing");
	snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, ED, PW);

		assert_non_null(b);
		r = ts_get(b, path);
		STATUS(r, 200);
		HAS(r, "Public-briefing");
		LACKS(r, "Staff-only-briefing");
		LACKS(r, "Draft-briefing");
		ts_browser_free(b);
	}
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	r = tr_api("GET", path, staff_tok, NULL);
	HAS(r, "Staff-only-briefing");
	HAS(r, "Draft-briefing");
	LACKS(tr_api("GET", "/api/v1/countries/KE", bo_tok, NULL), "Staff-only-briefing");
}

/* ---- dialogues -------------------------------------------------------------- */

/* A dialogue titled title on a new session of status status, its call
 * open; its id, its call's into *call and its event's into *ev. */
static int64_t
dialogue_made(const char *title, int number, const char *status, int64_t *call, int64_t *ev)
{
	int64_t wg = tr_session_made("firearms", number, "2031-05-19T10:00", "2031-05-21T18:00",
	    status);
	int64_t prep = tr_event_made("Preparation day", "2031-05-22T09:00", "2031-05-22T17:00",
	    NULL);

	*ev = tr_event_made("The dialogue", "2031-05-23T09:00", "2031-05-23T17:00", NULL);
	*call = tr_call_made(title, "2031-04-01T23:59");
	return tr_made("/api/v1/dialogues", staff_tok, json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}",
	    "title", title, "meeting_id", (json_int_t)wg, "prep_event_id", (json_int_t)prep,
	    "event_id", (json_int_t)*ev, "call_id", (json_int_t)*call, "inputs_close",
	    "2031-06-30T18:00"));
}

/*
 * A dialogue on a session that is a draft is staff's: a member gets 404
 * from it, its inputs and its files; and when staff publish its summary,
 * no member is mailed about a dialogue they may not see.
 */
static void
test_dialogue_hidden(void **state)
{
	char path[128];
	struct ts_mail m;
	int64_t id, call, ev;
	int got = 0;

	(void)state;
	id = dialogue_made("Hidden-dialogue-on-a-draft", 21, "draft", &call, &ev);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
	STATUS(tr_api("GET", path, NULL, NULL), 404);
	STATUS(tr_api("GET", path, staff_tok, NULL), 200);
	LACKS(tr_api("GET", "/api/v1/dialogues", bo_tok, NULL), "Hidden-dialogue");
	LACKS(tr_api("GET", "/api/v1/countries/KE", bo_tok, NULL), "Hidden-dialogue");
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/inputs", (long long)id);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
	STATUS(tr_api("POST", path, bo_tok, json_pack("{s:s}", "body", "x")), 404);
	snprintf(path, sizeof path, "/dialogues/%lld/inputs/1/file", (long long)id);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)id);
	STATUS(tr_api("POST", path, bo_tok, json_pack("{s:s}", "summary", "Mine")), 403);
	/* staff may not publish its summary (every member would be mailed of
	 * it) until its session is theirs to see: 409, saying so */
	{
		const struct ts_res *r = tr_api("POST", path, staff_tok, json_pack("{s:s}",
		    "summary", "What was said behind closed doors."));

		STATUS(r, 409);
		HAS(r, "publish the session");
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM dialogues WHERE id = %lld AND "
	    "summary_published_at IS NULL", (long long)id), 1);
	ts_jobs_idle(plain, staff_tok, "dialogue_summary_mail", 10000);
	while (ts_mail_wait(&sink, BO, 1500, &m) == 0) {
		if (strstr(m.subject, "Hidden-dialogue"))
			got = 1;
		ts_mail_free(&m);
	}
	if (got)
		printf("# a member was mailed the summary of a dialogue they may not see\n");
	assert_false(got);
	snprintf(path, sizeof path, "/dialogues/%lld/summary/file", (long long)id);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
}

/*
 * Inputs: one not approved, or whose approval was withdrawn, neither
 * writes one nor registers for the dialogue's events; a file that lies
 * about its type is refused; an input whose author did not agree to
 * publication stays theirs and staff's after the summary.
 */
static void
test_dialogue_inputs(void **state)
{
	const struct ts_res *r;
	char path[128], in[128], evp[128], capp[128], file[200];
	json_t *j;
	int64_t id, call, ev, app;

	(void)state;
	id = dialogue_made("Attack dialogue", 31, "published", &call, &ev);
	snprintf(capp, sizeof capp, "/api/v1/calls/%lld/applications", (long long)call);
	app = tr_made(capp, ada_tok, json_pack("{s:I,s:s,s:{s:s,s:s}}", "organization_id",
	    (json_int_t)quillon, "status", "submitted", "answers", "expertise", "Ports",
	    "speaker_gender", "woman"));
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)id);
	snprintf(evp, sizeof evp, "/api/v1/events/%lld/registrations", (long long)ev);
	/* not approved yet: neither */
	STATUS(tr_api("POST", in, ada_tok, json_pack("{s:s}", "body", "Early")), 403);
	STATUS(tr_api("POST", evp, ada_tok, json_object()), 403);
	STATUS(tr_api("POST", in, bo_tok, json_pack("{s:s}", "body", "Outsider")), 403);
	STATUS(tr_api("POST", evp, bo_tok, json_object()), 403);
	STATUS(tr_api("POST", evp, staff_tok, json_object()), 403);
	/* gender: staff's only */
	snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants", (long long)id);
	STATUS(tr_api("GET", path, ada_tok, NULL), 403);
	STATUS(tr_api("GET", path, fe_tok, NULL), 403);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	LACKS(tr_api("GET", path, bo_tok, NULL), "woman");
	LACKS(tr_api("GET", path, ada_tok, NULL), "woman");

	/* approved */
	ts_sql_int("UPDATE call_applications SET status = 'accepted' WHERE id = %lld",
	    (long long)app);
	/* a file that says it is a PDF and is HTML: refused, nothing stored */
	{
		static const char lie[] = "<html><script>alert(1)</script></html>";
		const struct ts_part parts[] = {
			{ "body", "With a file", 0, NULL, NULL },
			{ "file", lie, sizeof lie - 1, "input.pdf", "application/pdf" },
		};

		r = ts_multipart_api(plain, "POST", in, ada_tok, parts, 2);
		assert_true(r->status == 422 || r->status == 415);
		assert_int_equal(ts_sql_int("SELECT count(*) FROM dialogue_inputs WHERE "
		    "dialogue_id = %lld", (long long)id), 0);
	}
	/* oversized */
	{
		char *big = malloc(20002);

		assert_non_null(big);
		memset(big, 'b', 20001);
		big[20001] = '\0';
		STATUS(tr_api("POST", in, ada_tok, json_pack("{s:s}", "body", big)), 422);
		free(big);
	}
	STATUS(tr_api("POST", in, ada_tok, json_pack("{s:s,s:s}", "body", "Private-input-of-Ada",
	    "publish", "maybe")), 422);
	STATUS(tr_api("POST", in, ada_tok, json_pack("{s:s,s:b}", "body", "Private-input-of-Ada",
	    "publish", 0)), 201);
	STATUS(tr_api("POST", in, cy_tok, json_pack("{s:s,s:b}", "body", "Public-input-of-Cy",
	    "publish", 1)), 201);
	{	/* Cy's file, not for publication */
		static const char doc[] = "Names of our sources.\n";
		const struct ts_part parts[] = {
			{ "body", "Private-file-input-of-Cy", 0, NULL, NULL },
			{ "publish", "no", 0, NULL, NULL },
			{ "file", doc, sizeof doc - 1, "sources.txt", "text/plain" },
		};

		r = ts_multipart_api(plain, "POST", in, cy_tok, parts, 3);
		STATUS(r, 201);
		j = ts_jbody(r);
		snprintf(file, sizeof file, "%s", tr_str(json_object_get(j, "file"), "url"));
		cy_input = tr_num(j, "id");
		json_decref(j);
	}
	r = tr_api("GET", file, cy_tok, NULL);
	STATUS(r, 200);
	assert_non_null(ts_header(r, "Content-Disposition"));
	assert_non_null(strstr(ts_header(r, "Content-Disposition"), "attachment"));
	STATUS(tr_api("GET", file, bo_tok, NULL), 404);
	STATUS(tr_api("GET", file, NULL, NULL), 404);
	STATUS(tr_api("GET", file, fe_tok, NULL), 404);
	/* others read none of them before the summary */
	LACKS(tr_api("GET", in, bo_tok, NULL), "input-of");
	LACKS(tr_api("GET", in, NULL, NULL), "input-of");
	LACKS(tr_api("GET", in, fe_tok, NULL), "input-of");
	HAS(tr_api("GET", in, staff_tok, NULL), "Private-input-of-Ada");

	/* approval withdrawn: no input, no registration */
	ts_sql_int("UPDATE call_applications SET status = 'declined' WHERE id = %lld",
	    (long long)app);
	STATUS(tr_api("POST", in, ada_tok, json_pack("{s:s}", "body", "After withdrawal")), 403);
	STATUS(tr_api("POST", evp, ada_tok, json_object()), 403);
	STATUS(tr_api("POST", evp, cy_tok, json_object()), 403);

	/* the summary: the input whose author did not agree stays private */
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)id);
	STATUS(tr_api("POST", path, ada_tok, json_pack("{s:s}", "summary", "Mine")), 403);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Done.")), 200);
	r = tr_api("GET", in, bo_tok, NULL);
	HAS(r, "Public-input-of-Cy");
	LACKS(r, "Private-input-of-Ada");
	r = tr_api("GET", in, NULL, NULL);
	LACKS(r, "Private-input-of-Ada");
	snprintf(path, sizeof path, "/dialogues/%lld", (long long)id);
	LACKS(ts_get(plain, path), "Private-input-of-Ada");
	LACKS(tr_api("GET", in, bo_tok, NULL), "Private-file-input");
	STATUS(tr_api("GET", file, bo_tok, NULL), 404);
	STATUS(tr_api("GET", file, NULL, NULL), 404);
	STATUS(tr_api("GET", file, staff_tok, NULL), 200);
	j = ts_jbody(tr_api("GET", in, staff_tok, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	json_decref(j);
	/* CSRF: the input form without its token */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, CY, PW);

		assert_non_null(b);
		snprintf(path, sizeof path, "/dialogues/%lld/inputs", (long long)id);
		STATUS(ts_post(b, path, "body", "No token", (char *)NULL), 403);
		ts_browser_free(b);
	}
}

/*
 * The summary's mail goes to members: not to the people of a suspended
 * organization, whose member rights lapse with it (an organization at
 * risk may be suspended at its own request).
 */
static void
test_dialogue_summary_mail(void **state)
{
	char path[128], tok[129];
	struct ts_mail m;
	int64_t id, call, ev, sable;
	int i, found = 0;

	(void)state;
	sable = ts_org_import(db_url, "Sable Review Circle", "KE", "info@sable-ra.example", NULL);
	assert_true(sable > 0);
	tr_account("su@sable-ra.example", "member", sable, tok, NULL);
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)sable);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	id = dialogue_made("Mailed-dialogue", 51, "published", &call, &ev);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)id);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Out.")), 200);
	for (i = 0; i < 10 && !found; i++) {
		if (ts_mail_wait(&sink, BO, 10000, &m) != 0)
			break;
		found = strstr(m.subject, "Mailed-dialogue") != NULL;
		ts_mail_free(&m);
	}
	assert_true(found);
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "dialogue_summary_mail", 10000), 0);
	found = 0;
	while (ts_mail_wait(&sink, "su@sable-ra.example", 1500, &m) == 0) {
		if (strstr(m.subject, "Mailed-dialogue"))
			found = 1;
		ts_mail_free(&m);
	}
	if (found)
		printf("# a suspended organization's person was mailed the summary\n");
	assert_false(found);
}

/*
 * An organization's approval for a dialogue lapses while it is suspended:
 * its people write no input and register for none of its events.
 */
static void
test_dialogue_suspended(void **state)
{
	char path[128], in[128], evp[128], tok[129];
	struct ts_browser *staff;
	int64_t id, call, ev, tern, te, app;

	(void)state;
	tern = ts_org_import(db_url, "Tern Review Collective", "KE", "info@tern-ra.example", NULL);
	assert_true(tern > 0);
	tr_account("te@tern-ra.example", "member", tern, tok, &te);
	staff = ts_signed_in(&srv, NULL, "sam.staff@review-ra.test", PW);
	assert_non_null(staff);
	assert_int_equal(ts_org_admin(staff, tern, te), 0);
	ts_browser_free(staff);
	id = dialogue_made("Suspended dialogue", 61, "published", &call, &ev);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	app = tr_made(path, tok, json_pack("{s:I,s:s,s:{s:s,s:s}}", "organization_id",
	    (json_int_t)tern, "status", "submitted", "answers", "expertise", "Coasts",
	    "speaker_gender", "woman"));
	ts_sql_int("UPDATE call_applications SET status = 'accepted' WHERE id = %lld",
	    (long long)app);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)id);
	snprintf(evp, sizeof evp, "/api/v1/events/%lld/registrations", (long long)ev);
	STATUS(tr_api("POST", in, tok, json_pack("{s:s}", "body", "Before")), 201);
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)tern);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	STATUS(tr_api("POST", in, tok, json_pack("{s:s}", "body", "While suspended")), 403);
	STATUS(tr_api("POST", evp, tok, json_object()), 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM dialogue_inputs WHERE body = "
	    "'While suspended'"), 0);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "status", "approved")), 303);
	STATUS(tr_api("POST", evp, tok, json_object()), 201);
	/* no longer one of Tern (who applied for it): its approval is not theirs */
	ts_sql_int("DELETE FROM org_members WHERE user_id = %lld", (long long)te);
	STATUS(tr_api("POST", in, tok, json_pack("{s:s}", "body", "After leaving")), 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM dialogue_inputs WHERE body = "
	    "'After leaving'"), 0);
}

/*
 * Staff's dialogue forms without their token, the wrong methods, an
 * oversized summary and a hostile one.
 */
static void
test_dialogue_forms(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	char path[128], *big;
	int64_t id, call, ev;

	(void)state;
	id = dialogue_made("Forms dialogue", 71, "published", &call, &ev);
	b = ts_signed_in(&srv, NULL, "sam.staff@review-ra.test", PW);
	assert_non_null(b);
	STATUS(ts_post(b, "/staff/dialogues/new", "title", "No token", (char *)NULL), 403);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/edit", (long long)id);
	STATUS(ts_post(b, path, "title", "No token", (char *)NULL), 403);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants", (long long)id);
	STATUS(ts_post(b, path, "decision", "approved", (char *)NULL), 403);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/summary", (long long)id);
	STATUS(ts_post(b, path, "summary", "No token", (char *)NULL), 403);
	ts_browser_free(b);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM dialogues WHERE title = 'No token' OR "
	    "summary = 'No token'"), 0);
	/* a member's token on staff's forms */
	snprintf(path, sizeof path, "/staff/dialogues/%lld/edit", (long long)id);
	STATUS(tr_api("GET", path, bo_tok, NULL), 403);
	/* the wrong methods */
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	STATUS(tr_api("PUT", path, staff_tok, json_pack("{s:s}", "title", "Put")), 405);
	STATUS(tr_api("DELETE", path, staff_tok, NULL), 405);
	STATUS(tr_api("PATCH", path, bo_tok, json_pack("{s:s}", "title", "Mine")), 403);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/decisions", (long long)id);
	STATUS(tr_api("GET", path, staff_tok, NULL), 405);
	/* an oversized summary: 422, nothing published */
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)id);
	big = malloc(100002);
	assert_non_null(big);
	memset(big, 's', 100001);
	big[100001] = '\0';
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", big)), 422);
	free(big);
	/* a hostile one is text */
	r = tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "<script>s()</script>"
	    "\n\n[x](javascript:s()) Summary-text"));
	STATUS(r, 200);
	snprintf(path, sizeof path, "/dialogues/%lld", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Summary-text");
	LACKS(r, "<script>s()");
	LACKS(r, "javascript:s()");
}

/*
 * The edge of the written inputs' deadline by the hub's clock: a second
 * before, an input is taken; after, 409 naming the time.  Staff's list
 * of applicants (their gender) is refused to the others, as a page and as
 * CSV.  Last: the clock moves years on.
 */
static void
test_dialogue_deadline(void **state)
{
	const struct ts_res *r;
	char in[128], capp[128], path[128];
	int64_t id, call, ev, app;

	(void)state;
	id = dialogue_made("Deadline dialogue", 41, "published", &call, &ev);
	snprintf(capp, sizeof capp, "/api/v1/calls/%lld/applications", (long long)call);
	app = tr_made(capp, bo_tok, json_pack("{s:I,s:s,s:{s:s,s:s}}", "organization_id",
	    (json_int_t)norrow, "status", "submitted", "answers", "expertise", "Borders",
	    "speaker_gender", "man"));
	ts_sql_int("UPDATE call_applications SET status = 'accepted' WHERE id = %lld",
	    (long long)app);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants.csv", (long long)id);
	STATUS(tr_api("GET", path, bo_tok, NULL), 403);
	STATUS(tr_api("GET", path, fe_tok, NULL), 403);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants", (long long)id);
	STATUS(tr_api("GET", path, bo_tok, NULL), 403);
	/* Cy's file through another dialogue's address: 404, even to staff */
	snprintf(path, sizeof path, "/dialogues/%lld/inputs/%lld/file", (long long)id,
	    (long long)cy_input);
	STATUS(tr_api("GET", path, cy_tok, NULL), 404);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
	STATUS(tr_api("GET", path, staff_tok, NULL), 404);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)id);
	/* inputs close 2031-06-30T18:00 in Vienna: 16:00 UTC, 1940601600 */
	assert_int_equal(ts_clock_advance(plain, (long)(1940601600 - 20 - time(NULL))), 200);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	STATUS(tr_api("POST", in, bo_tok, json_pack("{s:s}", "body", "Just in time")), 201);
	assert_int_equal(ts_clock_advance(plain, 30), 200);
	r = tr_api("POST", in, bo_tok, json_pack("{s:s}", "body", "Too late"));
	STATUS(r, 409);
	HAS(r, "closed at");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM dialogue_inputs WHERE body = "
	    "'Too late'"), 0);
}

static int
setup(void **state)
{
	struct ts_browser *staff;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	tr_use(plain, db_url, PW, staff_tok);
	quillon = ts_org_import(db_url, "Quillon Review Trust", "KE", "info@quillon-ra.example",
	    NULL);
	norrow = ts_org_import(db_url, "Norrow Review Network", "KE", "info@norrow-ra.example",
	    NULL);
	assert_true(quillon > 0 && norrow > 0);
	tr_account("sam.staff@review-ra.test", "staff", 0, staff_tok, NULL);
	tr_account(FE, "focal", 0, fe_tok, &fe_id);
	tr_account("gu@interior-ra.go.ug", "focal", 0, gu_tok, &gu_id);
	tr_account("ada@quillon-ra.example", "member", quillon, ada_tok, &ada_id);
	tr_account(CY, "member", quillon, cy_tok, &cy_id);
	tr_account(BO, "member", norrow, bo_tok, &bo_id);
	tr_account(ED, "member", 0, ed_tok, &ed_id);
	tr_account("no@applicant-ra.example", "applicant", 0, no_tok, NULL);
	ts_sql_int("UPDATE users SET country = 'KE' WHERE id = %lld", (long long)fe_id);
	ts_sql_int("UPDATE users SET country = 'UG' WHERE id = %lld", (long long)gu_id);
	ts_sql_int("INSERT INTO experts (user_id, status, name, country, created_at, "
	    "updated_at) VALUES (%lld, 'approved', 'Ed Expert', 'KE', 1, 1)", (long long)ed_id);
	staff = ts_signed_in(&srv, NULL, "sam.staff@review-ra.test", PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0 ||
	    ts_org_admin(staff, norrow, bo_id) != 0)
		return -1;
	ts_browser_free(staff);
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
		cmocka_unit_test(test_initiative_drafts),
		cmocka_unit_test(test_initiative_former),
		cmocka_unit_test(test_initiative_left),
		cmocka_unit_test(test_initiative_hostile),
		cmocka_unit_test(test_initiative_lists),
		cmocka_unit_test(test_initiative_forms),
		cmocka_unit_test(test_initiative_linked),
		cmocka_unit_test(test_dialogue_hidden),
		cmocka_unit_test(test_dialogue_inputs),
		cmocka_unit_test(test_dialogue_summary_mail),
		cmocka_unit_test(test_dialogue_suspended),
		cmocka_unit_test(test_dialogue_forms),
		cmocka_unit_test(test_dialogue_deadline),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("review_attack", tests, setup, teardown);
}
