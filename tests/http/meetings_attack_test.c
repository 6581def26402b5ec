/*
 * meetings_attack_test.c -- intergovernmental meetings (issue 16)
 * attacked: bodies, sessions, delegate nominations, staff's page of
 * nominations and its bulk decisions, the registration desks' CSV and
 * `whatson export delegates`, the delegate's own view on /account and GET
 * /api/v1/account, the nomination windows on /opportunities, the
 * meetings' part of the account export and of an organization's history.
 *
 * Who tries: a visitor; an account whose address is not confirmed; an
 * account with no organization; a member who is not an admin; another
 * organization's admin; an admin demoted, and one removed, after they
 * nominated; the admin of a suspended organization; a focal point; an
 * expert; the person a delegate was nominated under (confirmed or not);
 * and staff where only admins may act.  What they try: reading, changing
 * or deciding someone else's nominations (by id, PATCH, DELETE, bulk
 * decisions with ids of another session, ids that are not ids); learning
 * delegates' passport names, nationalities or addresses from the JSON,
 * the pages, the CSV, the export, error messages and counts; two
 * nominations at once over the organization's number; the window's edges
 * on the test clock; addresses differing in case, spaces or Unicode;
 * oversized and hostile input (HTML, CSV formulas, control characters,
 * a huge agenda); forms without their CSRF token; methods a route does
 * not take; staff's routes without the staff role.
 *
 * Holes found and closed here: the session's page listed the nominations
 * naming the caller's address before the address was confirmed (the API
 * and /account did not); the admin of a suspended organization still read
 * its nominations, passport names and all (the calls' rule: who no longer
 * acts for an organization sees none of its applications); a decision was
 * mailed to the admin who nominated even once they no longer acted for the
 * organization (demoted, removed, or the organization suspended), with
 * staff's reason; a cancelled session whose window was open went on taking
 * nominations (and its page offered the form).  Hidden means 404; nothing
 * answers 500.
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
#include <time.h>

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

#define STAFF "sam.staff@meetings-attack.test"
#define ADA "ada@quillon-ma.example"
#define REX "rex@quillon-ma.example"
#define GUS "gus@quillon-ma.example"
#define BO "bo@quillon-ma.example"
#define MO "mo@meridian-ma.example"
#define SUE "sue@sable-ma.example"
#define NIA "nia@nowhere-ma.example"
#define FE "fe@interior-ma.go.ke"
#define EVE "eve@research-ma.example"
#define PIA "pia@delegates-ma.example"

/* Sam staff; Ada, Rex and Gus admins of Quillon (Rex demoted and Gus
 * removed after they nominated); Bo of Quillon, no admin; Mo admin of
 * Meridian; Sue admin of Sable (suspended after she nominated); Nia with
 * no organization; Fe a focal point; Eve an expert; Pia, a delegate
 * Quillon nominated, with an account of her own. */
static char staff_tok[129], ada_tok[129], rex_tok[129], gus_tok[129], bo_tok[129],
    mo_tok[129], sue_tok[129], nia_tok[129], fe_tok[129], eve_tok[129], pia_tok[129];
static int64_t quillon, meridian, sable, ada_id, rex_id, gus_id;

/* Sessions: Kestrel (ECOSOC, open, five delegates), Lantern (any member
 * organization, open), Tourmalix (a draft with an open window). */
static int64_t s_open, s_other, s_draft;

/* Nominations: Ada's of Pia, Rex's and Gus's for Quillon, Mo's for
 * Meridian and Sue's for Sable to Kestrel; Mo's to Lantern. */
static int64_t n_pia, n_rex, n_gus, n_mo, n_sue, n_mo_other;
#define PIA_PASSPORT "PIA-PASSPORT-7K"
#define REX_PASSPORT "REX-PASSPORT-3Q"
#define GUS_PASSPORT "GUS-PASSPORT-5W"
#define MO_PASSPORT "MO-PASSPORT-9Z"
#define SUE_PASSPORT "SUE-PASSPORT-2P"
#define MO2_PASSPORT "MO-OTHER-PASSPORT-4T"
#define MO_DELEGATE "Moussa Delegate-Meridian"
#define MO_EMAIL "moussa@meridian-ma.example"

static const char *const secrets[] = { PIA_PASSPORT, REX_PASSPORT, GUS_PASSPORT, MO_PASSPORT,
	SUE_PASSPORT, MO2_PASSPORT, NULL };

/* ---- helpers ------------------------------------------------------------ */

/* GET path (a page, CSV or JSON) with the bearer token (NULL: none). */
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

/* method path with raw body (len bytes) of content type ctype and the
 * bearer token (NULL: none). */
static const struct ts_res *
raw(const char *method, const char *path, const char *token, const char *ctype,
    const char *body, size_t len)
{
	char auth[200], ct[100];
	const char *h[3] = { ct, NULL, NULL };

	snprintf(ct, sizeof ct, "Content-Type: %s", ctype);
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h[1] = auth;
	}
	return ts_req(plain, method, path, h, body, len);
}

static int64_t
account(const char *email, const char *name, const char *role, int64_t org, char *tok)
{
	int64_t id = ts_person_add(db_url, email, name, role, org, PW);

	assert_true(id > 0);
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
	return id;
}

/* A session staff make from body (consumed): of body cosp, in Vienna, in
 * May 2031, published, unless body says otherwise; its id. */
static int64_t
session_made(json_t *b)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(b, "body"))
		json_object_set_new(b, "body", json_string("cosp"));
	if (!json_object_get(b, "title"))
		json_object_set_new(b, "title", json_string("An attacked session"));
	if (!json_object_get(b, "timezone"))
		json_object_set_new(b, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(b, "start"))
		json_object_set_new(b, "start", json_string("2031-05-19T10:00"));
	if (!json_object_get(b, "end"))
		json_object_set_new(b, "end", json_string("2031-05-23T18:00"));
	if (!json_object_get(b, "status"))
		json_object_set_new(b, "status", json_string("published"));
	r = ta_api("POST", "/api/v1/meetings", staff_tok, b);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* An open session numbered number of eligibility elig taking max
 * delegates an organization, nominations closing in 2031. */
static int64_t
open_session(int number, const char *elig, int max)
{
	return session_made(json_pack("{s:i,s:s,s:i,s:s}", "number", number, "eligibility", elig,
	    "delegates_max", max, "nominations_closes", "2031-04-01T18:00"));
}

/* A delegate's fields for organization org, named name at address email
 * with passport name passport. */
static json_t *
delegate(int64_t org, const char *name, const char *email, const char *passport)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:s}", "organization_id",
	    (json_int_t)org, "name", name, "title", "Programme officer", "email", email,
	    "nationality", "NO", "passport_name", passport, "visa_letter", 1, "attendance",
	    "in_person");
}

static const struct ts_res *
nominate(int64_t id, const char *tok, json_t *body)
{
	char path[80];

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)id);
	return ta_api("POST", path, tok, body);
}

/* A nomination that must be taken: its id. */
static int64_t
nominated(int64_t id, const char *tok, json_t *body)
{
	const struct ts_res *r = nominate(id, tok, body);
	json_t *j;
	int64_t nid;

	STATUS(r, 201);
	j = ts_jbody(r);
	nid = ta_num(j, "id");
	json_decref(j);
	assert_true(nid > 0);
	return nid;
}

/* How many nominations of session id token's caller is shown (query q,
 * "" or "?status=..."). */
static int64_t
total_of(int64_t id, const char *tok, const char *q)
{
	char path[160];
	const struct ts_res *r;
	json_t *j;
	int64_t n;

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations%s", (long long)id, q);
	r = ta_api("GET", path, tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	n = ta_num(j, "total");
	assert_int_equal(json_array_size(json_object_get(j, "items")) > 0, n > 0);
	json_decref(j);
	return n;
}

/* Nomination nid of session id as staff see it: its status. */
static const char *
status_of(int64_t id, int64_t nid)
{
	static char st[32];
	char path[160];
	const struct ts_res *r;
	json_t *j, *n;
	size_t i;

	st[0] = '\0';
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations?per_page=100",
	    (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, n)
		if (ta_num(n, "id") == nid)
			snprintf(st, sizeof st, "%s", json_string_value(json_object_get(n, "status")));
	json_decref(j);
	return st;
}

/* r shows none of the delegates' passport names but those of keep (a
 * NULL-ended list, may be NULL). */
static void
no_secrets(const struct ts_res *r, const char *const *keep)
{
	const char *const *s, *const *k;

	for (s = secrets; *s; s++) {
		int kept = 0;

		for (k = keep; k && *k; k++)
			kept |= strcmp(*k, *s) == 0;
		if (!kept)
			LACKS(r, *s);
	}
	assert_true(r->status != 500);
}

/* A method the route does not take: 404 (no such path) or 405. */
#define NOT_TAKEN(r) do { \
	const struct ts_res *n_ = (r); \
	if (n_->status != 404 && n_->status != 405 && n_->status != 501) \
		printf("# status %ld, want 404 or 405: %.300s\n", n_->status, n_->body); \
	assert_true(n_->status == 404 || n_->status == 405 || n_->status == 501); \
} while (0)

static const char *
itoa(char *b, size_t n, int64_t v)
{
	snprintf(b, n, "%lld", (long long)v);
	return b;
}

/* ---- reading someone else's ------------------------------------------------ */

/*
 * Each caller asks for Kestrel's nominations, by the API (filtered by
 * someone else's organization too), the session's page, /account, the
 * account export and /opportunities: each sees their own organizations'
 * as an admin now, and those naming their confirmed address; nobody else
 * a passport name, a nationality or an address.
 */
static void
test_others_read(void **state)
{
	static const struct {
		const char *who, *tok;
		int64_t total;
		const char *keep[3];
	} callers[] = {
		{ BO, bo_tok, 0, { NULL } },
		{ MO, mo_tok, 1, { MO_PASSPORT, NULL } },
		{ NIA, nia_tok, 0, { NULL } },
		{ FE, fe_tok, 0, { NULL } },
		{ EVE, eve_tok, 0, { NULL } },
		{ REX, rex_tok, 0, { NULL } },	/* demoted */
		{ GUS, gus_tok, 0, { NULL } },	/* removed */
		{ SUE, sue_tok, 0, { NULL } },	/* her organization suspended */
		{ PIA, pia_tok, 1, { PIA_PASSPORT, NULL } },	/* named by it */
	};
	char path[160], o[24];
	const struct ts_res *r;
	size_t i;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s_open);
	r = get(path, NULL);
	STATUS(r, 401);
	no_secrets(r, NULL);
	for (i = 0; i < sizeof callers / sizeof callers[0]; i++) {
		printf("# %s\n", callers[i].who);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations?per_page=100",
		    (long long)s_open);
		r = get(path, callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, callers[i].keep);
		assert_int_equal(total_of(s_open, callers[i].tok, ""), callers[i].total);
		/* someone else's organization as the filter: nothing more */
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations?organization=%s",
		    (long long)s_open, itoa(o, sizeof o, quillon));
		r = get(path, callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, callers[i].keep);
		/* another session's: Mo's own there only */
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s_other);
		r = get(path, callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, strcmp(callers[i].who, MO) == 0 ? (const char *const[]){ MO2_PASSPORT,
		    NULL } : NULL);
		/* the session's page and its twin */
		snprintf(path, sizeof path, "/meetings/%lld", (long long)s_open);
		r = get(path, callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, NULL);	/* the page names delegates, no passports */
		if (strcmp(callers[i].who, MO) != 0)
			LACKS(r, MO_DELEGATE);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_open);
		r = get(path, callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, NULL);
		LACKS(r, MO_DELEGATE);
		LACKS(r, MO_EMAIL);
		/* their account, its export, their opportunities */
		r = get("/api/v1/account", callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, NULL);
		if (strcmp(callers[i].who, PIA) != 0)
			HAS(r, "\"nominations\":[]");
		r = get("/account", callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, NULL);
		LACKS(r, MO_DELEGATE);
		r = get("/api/v1/me/export", callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, NULL);
		if (strcmp(callers[i].who, MO) != 0)	/* his organization's history names him */
			LACKS(r, MO_DELEGATE);
		r = get("/api/v1/opportunities?per_page=100", callers[i].tok);
		STATUS(r, 200);
		no_secrets(r, NULL);
		/* Quillon's history: its admins' and staff's */
		snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
		r = get(path, callers[i].tok);
		assert_true(r->status == 403 || r->status == 404);
		LACKS(r, "Pia Delegate");
		LACKS(r, "meeting.nominated");
	}
	/* the draft session: staff's, whatever its window */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s_draft);
	STATUS(get(path, ada_tok), 404);
	STATUS(get(path, mo_tok), 404);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s_draft);
	STATUS(get(path, ada_tok), 404);
	LACKS(get("/api/v1/opportunities?per_page=100", ada_tok), "Tourmalix");
	LACKS(get("/opportunities", ada_tok), "Tourmalix");
	/* sessions not of this world: 404, never 500 */
	{
		static const char *const bad[] = { "0", "-1", "99999999", "9223372036854775808",
			"1e3", "abc", "1%20OR%201=1", "%00", NULL };
		const char *const *b;

		for (b = bad; *b; b++) {
			snprintf(path, sizeof path, "/api/v1/meetings/%s/nominations", *b);
			STATUS(get(path, ada_tok), 404);
			snprintf(path, sizeof path, "/meetings/%s", *b);
			STATUS(get(path, ada_tok), 404);
		}
	}
	/* filters that are not filters: 422, nothing shown */
	{
		static const char *const bad[] = { "organization=1%20OR%201=1", "organization=-1",
			"status=%3Cscript%3E", "status=pending'--", "per_page=100000", "page=0",
			"page=-5", NULL };
		const char *const *b;

		for (b = bad; *b; b++) {
			snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations?%s",
			    (long long)s_open, *b);
			r = get(path, mo_tok);
			STATUS(r, 422);
			no_secrets(r, NULL);
		}
	}
	/* the delegates' fields for an organization's admin and staff */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s_open);
	r = get(path, ada_tok);
	HAS(r, PIA_PASSPORT);
	HAS(r, REX_PASSPORT);	/* Quillon's, whoever nominated them */
	HAS(r, GUS_PASSPORT);
	LACKS(r, MO_PASSPORT);
	LACKS(r, SUE_PASSPORT);
	assert_int_equal(total_of(s_open, staff_tok, ""), 5);
}

/* ---- changing someone else's ----------------------------------------------- */

/*
 * Nominating for an organization one is not an admin of now (or one that
 * is suspended, or none), deciding without the staff role, and methods
 * the routes do not take: refused, nothing written or decided.
 */
static void
test_others_write(void **state)
{
	static const struct {
		const char *who, *tok;
		int64_t *org;
		int want;
	} tries[] = {
		{ BO, bo_tok, &quillon, 403 },
		{ MO, mo_tok, &quillon, 403 },
		{ REX, rex_tok, &quillon, 403 },
		{ GUS, gus_tok, &quillon, 403 },
		{ SUE, sue_tok, &sable, 403 },
		{ NIA, nia_tok, &quillon, 403 },
		{ FE, fe_tok, &quillon, 403 },
		{ EVE, eve_tok, &quillon, 403 },
		{ PIA, pia_tok, &quillon, 403 },
		{ STAFF, staff_tok, &quillon, 403 },	/* staff are no organization's admin */
	};
	char path[200], ns[24];
	const struct ts_res *r;
	int64_t before;
	size_t i;

	(void)state;
	before = total_of(s_open, staff_tok, "");
	STATUS(nominate(s_open, NULL, delegate(quillon, "Visitor Pick", "v@x-ma.example",
	    "VISITOR-PASSPORT")), 401);
	for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		printf("# %s\n", tries[i].who);
		r = nominate(s_open, tries[i].tok, delegate(*tries[i].org, "Intruder Pick",
		    "intruder@x-ma.example", "INTRUDER-PASSPORT"));
		STATUS(r, tries[i].want);
		no_secrets(r, NULL);
		LACKS(r, "Intruder Pick");
		/* to the session of another body, and the draft */
		STATUS(nominate(s_other, tries[i].tok, delegate(*tries[i].org, "Intruder Pick",
		    "intruder@x-ma.example", "INTRUDER-PASSPORT")), tries[i].want);
		STATUS(nominate(s_draft, tries[i].tok, delegate(*tries[i].org, "Intruder Pick",
		    "intruder@x-ma.example", "INTRUDER-PASSPORT")), strcmp(tries[i].who, STAFF) ==
		    0 ? 403 : 404);
	}
	/* Ada for Meridian, or for no organization at all */
	STATUS(nominate(s_open, ada_tok, delegate(meridian, "Not Hers", "nh@x-ma.example",
	    "NH-PASSPORT")), 403);
	STATUS(nominate(s_open, ada_tok, delegate(99999999, "Nobody's", "nb@x-ma.example",
	    "NB-PASSPORT")), 403);
	{
		json_t *b = delegate(quillon, "Typed Wrong", "tw@x-ma.example", "TW-PASSPORT");

		json_object_set_new(b, "organization_id", json_string("1 OR 1=1"));
		STATUS(nominate(s_open, ada_tok, b), 422);
		b = delegate(quillon, "Typed Wrong", "tw@x-ma.example", "TW-PASSPORT");
		json_object_set_new(b, "organization_id", json_integer(-1));
		STATUS(nominate(s_open, ada_tok, b), 422);
		b = delegate(quillon, "Typed Wrong", "tw@x-ma.example", "TW-PASSPORT");
		/* a repeated field counts once, as its last value: Meridian's */
		json_object_set_new(b, "organization_id", json_pack("[I,I]", (json_int_t)quillon,
		    (json_int_t)meridian));
		STATUS(nominate(s_open, ada_tok, b), 403);
	}
	assert_int_equal(total_of(s_open, staff_tok, ""), before);
	assert_int_equal(total_of(s_draft, staff_tok, ""), 0);

	/* deciding without the staff role: 403, nothing decided */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions",
	    (long long)s_open);
	for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		if (strcmp(tries[i].who, STAFF) == 0)
			continue;
		r = ta_api("POST", path, tries[i].tok, json_pack("{s:[I,I],s:s}", "ids",
		    (json_int_t)n_pia, (json_int_t)n_mo, "decision", "approve"));
		STATUS(r, 403);
		no_secrets(r, NULL);
	}
	r = ta_api("POST", path, ada_tok, json_pack("{s:[I],s:s,s:s}", "ids", (json_int_t)n_mo,
	    "decision", "decline", "reason", "Competitor"));
	STATUS(r, 403);
	STATUS(ta_api("POST", path, NULL, json_pack("{s:[I],s:s}", "ids", (json_int_t)n_pia,
	    "decision", "approve")), 401);
	assert_string_equal(status_of(s_open, n_pia), "pending");
	assert_string_equal(status_of(s_open, n_mo), "pending");

	/* methods the routes do not take: no change, no 500 */
	{
		static const char *const methods[] = { "PATCH", "DELETE", "PUT", NULL };
		const char *const *m;

		for (m = methods; *m; m++) {
			snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/%s",
			    (long long)s_open, itoa(ns, sizeof ns, n_mo));
			r = ta_api(*m, path, ada_tok, json_pack("{s:s}", "status", "declined"));
			NOT_TAKEN(r);
			no_secrets(r, NULL);
			r = ta_api(*m, path, mo_tok, json_pack("{s:s}", "status", "approved"));
			NOT_TAKEN(r);
			snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations",
			    (long long)s_open);
			r = ta_api(*m, path, ada_tok, json_pack("{s:[I],s:s}", "ids",
			    (json_int_t)n_mo, "status", "declined"));
			NOT_TAKEN(r);
			snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions",
			    (long long)s_open);
			r = ta_api(*m, path, ada_tok, json_pack("{s:[I],s:s}", "ids",
			    (json_int_t)n_mo, "decision", "decline"));
			NOT_TAKEN(r);
		}
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions",
		    (long long)s_open);
		r = get(path, ada_tok);
		NOT_TAKEN(r);
		/* a method named in a header or the query is not the method */
		{
			char auth[200];
			const char *h[4] = { "Content-Type: application/json",
				"X-HTTP-Method-Override: POST", auth, NULL };

			snprintf(auth, sizeof auth, "Authorization: Bearer %s", mo_tok);
			const char *body = "{\"ids\":[1],\"decision\":\"approve\"}";

			r = ts_req(plain, "POST", path, h, body, strlen(body));
			STATUS(r, 403);
		}
		snprintf(path, sizeof path, "/api/v1/meetings/%lld?_method=PATCH", (long long)s_open);
		r = ta_api("POST", path, ada_tok, json_pack("{s:i}", "delegates_max", 100));
		assert_true(r->status == 404 || r->status == 405 || r->status == 403);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_open);
		STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:i}", "delegates_max", 100)),
		    403);
		STATUS(ta_api("PATCH", path, mo_tok, json_pack("{s:s}", "status", "draft")), 403);
	}
	assert_string_equal(status_of(s_open, n_pia), "pending");
	assert_string_equal(status_of(s_open, n_mo), "pending");
}

/* ---- staff's decisions ------------------------------------------------------ */

/*
 * Staff decide on Lantern with Kestrel's ids among Lantern's own, ids that
 * are no ids, the same id twice and too many: another session's are
 * refused one by one (nothing of them said), the rest decided once; the
 * form does the same.
 */
static void
test_bulk_foreign(void **state)
{
	char path[160], ids[4][24];
	const struct ts_res *r;
	struct ts_browser *staff;
	int64_t extra;
	json_t *many;
	int k;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions",
	    (long long)s_other);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I,I],s:s}", "ids", (json_int_t)n_pia,
	    (json_int_t)n_mo, (json_int_t)n_mo_other, "decision", "approve"));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":1");
	HAS(r, "\"refused\":2");
	HAS(r, "There is no such nomination to this session.");
	no_secrets(r, NULL);
	LACKS(r, "Pia Delegate");
	LACKS(r, MO_DELEGATE);
	assert_string_equal(status_of(s_open, n_pia), "pending");
	assert_string_equal(status_of(s_open, n_mo), "pending");
	assert_string_equal(status_of(s_other, n_mo_other), "approved");

	/* the same id twice: decided once */
	extra = nominated(s_other, mo_tok, delegate(meridian, "Twice Decided",
	    "twice@meridian-ma.example", "TWICE-PASSPORT"));
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I],s:s,s:s}", "ids", (json_int_t)extra,
	    (json_int_t)extra, "decision", "decline", "reason", "Once is enough."));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":1");
	HAS(r, "This nomination was decided already.");

	/* no ids, ids that are not ids, too many: 422 by the field, nothing decided */
	{
		static const char *const bad[] = { "{\"ids\":[],\"decision\":\"approve\"}",
			"{\"ids\":\"1,2\",\"decision\":\"approve\"}",
			"{\"ids\":[\"1\"],\"decision\":\"approve\"}",
			"{\"ids\":[1.5],\"decision\":\"approve\"}",
			"{\"ids\":[null],\"decision\":\"approve\"}",
			"{\"ids\":[{\"id\":1}],\"decision\":\"approve\"}",
			"{\"ids\":[1],\"decision\":\"accept\"}",
			"{\"ids\":[1],\"decision\":[\"approve\"]}",
			"{\"ids\":[1],\"decision\":\"decline\"}",
			"{\"ids\":[1],\"decision\":\"decline\",\"reason\":\"\"}",
			"{\"ids\":[1],\"decision\":\"decline\",\"reason\":7}",
			"{\"ids\":[1],\"decision\":\"decline\",\"reason\":\"a\\u0000b\"}",
			"{\"ids\":[1],\"decision\":\"decline\",\"reason\":\"bell\\u0007\"}",
			NULL };
		const char *const *b;

		for (b = bad; *b; b++) {
			r = raw("POST", path, staff_tok, "application/json", *b, strlen(*b));
			if (r->status != 422 && r->status != 400)
				printf("# %s: %ld\n", *b, r->status);
			assert_true(r->status == 422 || r->status == 400);
		}
	}
	many = json_array();
	for (k = 0; k < 501; k++)
		json_array_append_new(many, json_integer(n_mo_other));
	r = ta_api("POST", path, staff_tok, json_pack("{s:o,s:s}", "ids", many, "decision",
	    "approve"));
	STATUS(r, 422);
	HAS(r, "\"ids\"");
	{
		char *long_reason = malloc(2002);

		memset(long_reason, 'r', 2001);
		long_reason[2001] = '\0';
		r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s,s:s}", "ids",
		    (json_int_t)n_mo_other, "decision", "decline", "reason", long_reason));
		STATUS(r, 422);
		HAS(r, "\"reason\"");
		free(long_reason);
	}
	assert_string_equal(status_of(s_other, n_mo_other), "approved");

	/* the staff page's form: Kestrel's ids posted to Lantern's page */
	staff = ts_signed_in(&srv, "127.0.0.71", STAFF, PW);
	assert_non_null(staff);
	extra = nominated(s_other, mo_tok, delegate(meridian, "Form Decided",
	    "formd@meridian-ma.example", "FORMD-PASSPORT"));
	snprintf(path, sizeof path, "/staff/meetings/%lld/nominations", (long long)s_other);
	STATUS(ts_get(staff, path), 200);
	{
		const char *pairs[] = { "ids", itoa(ids[0], sizeof ids[0], n_pia), "ids",
			itoa(ids[1], sizeof ids[1], n_rex), "ids", itoa(ids[2], sizeof ids[2], extra),
			"ids", "-4", "ids", "x'; DROP TABLE meeting_nominations; --", "decision",
			"approve", NULL };

		r = ts_post_list(staff, path, 1, pairs);
	}
	STATUS(r, 200);
	HAS(r, "There is no such nomination to this session.");
	no_secrets(r, (const char *const[]){ MO2_PASSPORT, "TWICE-PASSPORT", "FORMD-PASSPORT",
	    NULL });
	LACKS(r, "Pia Delegate");
	assert_string_equal(status_of(s_open, n_pia), "pending");
	assert_string_equal(status_of(s_open, n_rex), "pending");
	assert_string_equal(status_of(s_other, extra), "approved");
	/* the page lists Lantern's only, whatever the filter asks */
	snprintf(path, sizeof path, "/staff/meetings/%lld/nominations?organization=%s",
	    (long long)s_other, itoa(ids[3], sizeof ids[3], quillon));
	r = ts_get(staff, path);
	STATUS(r, 200);
	no_secrets(r, NULL);
	ts_browser_free(staff);
}

/* ---- hostile input ----------------------------------------------------------- */

/*
 * A delegate named with HTML, a CSV formula, control characters, too
 * long, an address in other cases, with spaces around it, in Unicode;
 * bodies too big or not JSON; a session with a huge agenda: each a 4xx
 * naming the field, or taken and shown as text (escaped on the pages,
 * formula-safe in the CSV and the export).
 */
static void
test_hostile_input(void **state)
{
	char path[160], sid[24], out[8192];
	const struct ts_res *r;
	struct ts_browser *staff;
	int64_t s, html, formula;
	json_t *b;

	(void)state;
	s = open_session(71, "members", 20);
	html = nominated(s, ada_tok, delegate(quillon, "<script>alert('pwn')</script>",
	    "html@quillon-ma.example", "<img src=x onerror=alert(1)>"));
	formula = nominated(s, ada_tok, delegate(quillon, "=HYPERLINK(\"http://evil.example\",\"x\")",
	    "formula@quillon-ma.example", "@SUM(1+1)"));
	/* the same address in other cases and with spaces: the same person */
	r = nominate(s, ada_tok, delegate(quillon, "Case Twin", "  HTML@Quillon-MA.Example ",
	    "CASE-TWIN"));
	STATUS(r, 409);
	HAS(r, "Your organization has nominated this person to this session already.");
	/* another organization's address is no business of Meridian's: the
	 * same address is taken (no refusal to learn from), and nothing of
	 * Quillon's comes back; staff see both flagged */
	r = nominate(s, mo_tok, delegate(meridian, "Case Twin", "Formula@QUILLON-ma.example",
	    "CASE-TWIN"));
	STATUS(r, 201);
	LACKS(r, "Quillon");
	LACKS(r, "HYPERLINK");
	LACKS(r, "@SUM");
	LACKS(r, "nominated_elsewhere");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations?organization=%lld",
	    (long long)s, (long long)meridian);
	r = ts_call(plain, "GET", path, mo_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "nominated_elsewhere");
	LACKS(r, "Quillon");
	r = ts_call(plain, "GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"nominated_elsewhere\":1");
	/* addresses that are not plain ASCII or carry controls: refused */
	{
		static const char *const bad[] = { "h\xc3\xa9l\xc3\xa8ne@quillon-ma.example",
			"html@quillon\xe2\x80\x8b-ma.example", "\xef\xbd\x88tml@quillon-ma.example",
			"a b@quillon-ma.example", "a@quillon-ma.example\r\nBcc: x@evil.example",
			"a@quillon-ma.example,b@evil.example", "<a@quillon-ma.example>", NULL };
		const char *const *e;

		for (e = bad; *e; e++) {
			r = nominate(s, ada_tok, delegate(quillon, "Odd Address", *e, "ODD-ADDRESS"));
			if (r->status != 422)
				printf("# %s\n", *e);
			STATUS(r, 422);
			HAS(r, "\"email\"");
		}
	}
	/* control characters, too long, not text */
	{
		static const char *const bad[] = { "Bell\x07", "Line\nbreak", "Nul\x01here",
			"Esc\x1b[31m", "Rubout\x7f", NULL };
		const char *const *n;
		char long_name[260];

		for (n = bad; *n; n++) {
			b = delegate(quillon, "placeholder", "ctl@quillon-ma.example", "CTL");
			json_object_set_new(b, "name", json_string(*n));
			r = nominate(s, ada_tok, b);
			STATUS(r, 422);
			b = delegate(quillon, "Ctl", "ctl@quillon-ma.example", "CTL");
			json_object_set_new(b, "passport_name", json_string(*n));
			r = nominate(s, ada_tok, b);
			STATUS(r, 422);
		}
		memset(long_name, 'n', 201);
		long_name[201] = '\0';
		STATUS(nominate(s, ada_tok, delegate(quillon, long_name, "long@quillon-ma.example",
		    "LONG")), 422);
		STATUS(nominate(s, ada_tok, delegate(quillon, "Long", "long@quillon-ma.example",
		    long_name)), 422);
		b = delegate(quillon, "Wrong Types", "types@quillon-ma.example", "TYPES");
		json_object_set_new(b, "visa_letter", json_string("<b>yes</b>"));
		json_object_set_new(b, "nationality", json_string("ke' OR '1'='1"));
		json_object_set_new(b, "attendance", json_pack("{s:s}", "in", "person"));
		r = nominate(s, ada_tok, b);
		assert_true(r->status == 422 || r->status == 400);
		LACKS(r, "<b>yes</b>");
	}
	/* bytes that are not UTF-8 */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s);
	{
		char body[300];

		snprintf(body, sizeof body, "{\"organization_id\":%lld,\"name\":\"\xff\xfe\xc0\xaf\","
		    "\"email\":\"utf@quillon-ma.example\",\"nationality\":\"KE\","
		    "\"passport_name\":\"UTF\",\"attendance\":\"online\"}", (long long)quillon);
		r = raw("POST", path, ada_tok, "application/json", body, strlen(body));
		assert_true(r->status == 400 || r->status == 422);
	}
	/* bodies that are not a nomination */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s);
	{
		static const char *const bad[] = { "", "null", "[]", "\"text\"", "{",
			"{\"organization_id\":1e400}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]"
			"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", NULL };
		const char *const *x;

		for (x = bad; *x; x++) {
			r = raw("POST", path, ada_tok, "application/json", *x, strlen(*x));
			if (r->status < 400 || r->status >= 500)
				printf("# %s: %ld\n", *x, r->status);
			assert_true(r->status >= 400 && r->status < 500);
		}
	}
	{
		size_t n = 3u << 20;
		char *big = malloc(n + 64);

		snprintf(big, 64, "{\"organization_id\":%lld,\"name\":\"", (long long)quillon);
		memset(big + strlen(big), 'A', n - strlen(big) - 2);
		memcpy(big + n - 2, "\"}", 3);
		r = raw("POST", path, ada_tok, "application/json", big, n);
		assert_true(r->status == 413 || r->status == 422 || r->status == 400);
		free(big);
	}

	/* shown as text: escaped on the pages ... */
	staff = ts_signed_in(&srv, "127.0.0.72", STAFF, PW);
	assert_non_null(staff);
	snprintf(path, sizeof path, "/staff/meetings/%lld/nominations", (long long)s);
	r = ts_get(staff, path);
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	LACKS(r, "<img src=x");
	HAS(r, "&lt;script&gt;");
	{
		struct ts_browser *ada = ts_signed_in(&srv, "127.0.0.73", ADA, PW);

		assert_non_null(ada);
		snprintf(path, sizeof path, "/meetings/%lld", (long long)s);
		r = ts_get(ada, path);
		STATUS(r, 200);
		LACKS(r, "<script>alert");
		HAS(r, "&lt;script&gt;");
		ts_browser_free(ada);
	}
	/* ... formula-safe in the desks' CSV and the export */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions", (long long)s);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[I,I],s:s}", "ids", (json_int_t)html,
	    (json_int_t)formula, "decision", "approve")), 200);
	snprintf(path, sizeof path, "/staff/meetings/%lld/delegates.csv", (long long)s);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
	LACKS(r, ",=HYPERLINK");
	LACKS(r, "@SUM");	/* passport names are not on the desks' list */
	HAS(r, "<script>alert('pwn')</script>");	/* CSV is text, not HTML */
	assert_non_null(ts_header(r, "Content-Type"));
	assert_non_null(strstr(ts_header(r, "Content-Type"), "text/csv"));
	ts_browser_free(staff);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "export", "delegates", "--session",
	    itoa(sid, sizeof sid, s), "--db", db_url, (char *)NULL), 0);
	assert_non_null(strstr(out, "\"'=HYPERLINK("));
	assert_null(strstr(out, ",=HYPERLINK"));
	assert_int_not_equal(ts_whatson(NULL, out, sizeof out, "export", "delegates", "--session",
	    "-1", "--db", db_url, (char *)NULL), 0);
	assert_int_not_equal(ts_whatson(NULL, out, sizeof out, "export", "delegates", "--session",
	    "1; rm -rf /", "--db", db_url, (char *)NULL), 0);

	/* a session with a huge agenda, or one that is not an agenda: 422 */
	{
		json_t *agenda = json_array();
		char title[600];
		int k;

		for (k = 0; k < 61; k++)
			json_array_append_new(agenda, json_pack("{s:s,s:s,s:b}", "number", "1",
			    "title", "Item", "statements", 1));
		r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,"
		    "s:s,s:o}", "body", "cosp", "number", 72, "title", "Huge agenda", "timezone",
		    "Europe/Vienna", "start", "2031-05-19T10:00", "end", "2031-05-23T18:00",
		    "agenda", agenda));
		STATUS(r, 422);
		HAS(r, "\"agenda\"");
		memset(title, 't', 501);
		title[501] = '\0';
		r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,"
		    "s:s,s:[{s:s,s:s}]}", "body", "cosp", "number", 72, "title", "Long item",
		    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end",
		    "2031-05-23T18:00", "agenda", "number", "1", "title", title));
		STATUS(r, 422);
		r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,"
		    "s:s,s:{s:s}}", "body", "cosp", "number", 72, "title", "Object agenda",
		    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end",
		    "2031-05-23T18:00", "agenda", "1", "Item"));
		STATUS(r, 422);
		r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,"
		    "s:s,s:[{s:s,s:s}]}", "body", "cosp", "number", 72, "title", "Control item",
		    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end",
		    "2031-05-23T18:00", "agenda", "number", "1\x07", "title", "Bell"));
		STATUS(r, 422);
		r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,"
		    "s:s,s:i}", "body", "cosp", "number", 72, "title", "Too many delegates",
		    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end",
		    "2031-05-23T18:00", "delegates_max", 1000000));
		STATUS(r, 422);
		r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,"
		    "s:s}", "body", "<script>", "number", 72, "title", "Unknown body",
		    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end",
		    "2031-05-23T18:00"));
		STATUS(r, 422);
		r = ta_api("POST", "/api/v1/bodies", staff_tok, json_pack("{s:s,s:s,s:s}", "code",
		    "x'); DROP TABLE meetings; --", "name_en", "<b>Body</b>", "name_fr", "Corps"));
		assert_true(r->status == 422 || r->status == 201);
	}
}

/* ---- forms without their token; staff's routes without the role ------------- */

/*
 * Every form of the module posted without its CSRF token, with a wrong
 * one, or with another session's; the API's JSON sent as text/plain or as
 * a form from a signed-in browser: 403, nothing written.
 */
static void
test_csrf(void **state)
{
	struct ts_browser *ada = ts_signed_in(&srv, "127.0.0.74", ADA, PW);
	struct ts_browser *mo = ts_signed_in(&srv, "127.0.0.75", MO, PW);
	struct ts_browser *staff = ts_signed_in(&srv, "127.0.0.76", STAFF, PW);
	char path[160], o[24], n[24], mo_csrf[200];
	const struct ts_res *r;
	int64_t before;

	(void)state;
	assert_non_null(ada);
	assert_non_null(mo);
	assert_non_null(staff);
	before = total_of(s_open, staff_tok, "");
	itoa(o, sizeof o, quillon);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s_open);
	STATUS(ts_get(mo, path), 200);
	snprintf(mo_csrf, sizeof mo_csrf, "%s", ts_csrf(mo));
	STATUS(ts_get(ada, path), 200);
	snprintf(path, sizeof path, "/meetings/%lld/nominate", (long long)s_open);
	STATUS(ts_post(ada, path, "organization_id", o, "name", "Forged Pick", "email",
	    "forged@quillon-ma.example", "nationality", "KE", "passport_name", "FORGED",
	    "attendance", "online", (char *)NULL), 403);
	STATUS(ts_post(ada, path, "csrf", "0000000000000000000000000000000000000000000000000000"
	    "000000000000", "organization_id", o, "name", "Forged Pick", "email",
	    "forged@quillon-ma.example", "nationality", "KE", "passport_name", "FORGED",
	    "attendance", "online", (char *)NULL), 403);
	STATUS(ts_post(ada, path, "csrf", mo_csrf, "organization_id", o, "name", "Forged Pick",
	    "email", "forged@quillon-ma.example", "nationality", "KE", "passport_name", "FORGED",
	    "attendance", "online", (char *)NULL), 403);
	/* the API from the browser: JSON as text/plain (a cross-site form can
	 * send it), or a form, without a token */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s_open);
	{
		const char *h[2] = { "Content-Type: text/plain", NULL };
		char body[400];

		snprintf(body, sizeof body, "{\"organization_id\":%s,\"name\":\"Forged Pick\","
		    "\"email\":\"forged@quillon-ma.example\",\"nationality\":\"KE\","
		    "\"passport_name\":\"FORGED\",\"attendance\":\"online\"}", o);
		r = ts_req(ada, "POST", path, h, body, strlen(body));
		assert_true(r->status == 403 || r->status == 415 || r->status == 400);
	}
	r = ts_post(ada, path, "organization_id", o, "name", "Forged Pick", "email",
	    "forged@quillon-ma.example", "nationality", "KE", "passport_name", "FORGED",
	    "attendance", "online", (char *)NULL);
	assert_true(r->status == 403 || r->status == 415 || r->status == 400);
	assert_int_equal(total_of(s_open, staff_tok, ""), before);

	/* staff's forms */
	snprintf(path, sizeof path, "/staff/meetings/%lld/nominations", (long long)s_open);
	STATUS(ts_get(staff, path), 200);
	STATUS(ts_post(staff, path, "ids", itoa(n, sizeof n, n_pia), "decision", "approve",
	    (char *)NULL), 403);
	STATUS(ts_post(staff, path, "csrf", mo_csrf, "ids", n, "decision", "approve",
	    (char *)NULL), 403);
	assert_string_equal(status_of(s_open, n_pia), "pending");
	STATUS(ts_post(staff, "/staff/meetings/new", "body", "cosp", "number", "88", "title",
	    "Forged session", "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end",
	    "2031-05-23T18:00", "status", "published", (char *)NULL), 403);
	snprintf(path, sizeof path, "/staff/meetings/%lld/edit", (long long)s_open);
	STATUS(ts_post(staff, path, "body", "cosp", "number", "88", "title", "Forged title",
	    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end", "2031-05-23T18:00",
	    "status", "draft", (char *)NULL), 403);
	r = get("/api/v1/meetings?per_page=100", NULL);
	LACKS(r, "Forged session");
	LACKS(r, "Forged title");
	ts_browser_free(ada);
	ts_browser_free(mo);
	ts_browser_free(staff);
}

/*
 * Staff's routes for everyone but staff: the nominations page and its
 * form, the desks' CSV, the session form, the API's writes.  A visitor is
 * sent to sign in (pages) or told to (401); the rest are refused (403),
 * none shown a delegate.
 */
static void
test_staff_only(void **state)
{
	static const char *const who[] = { ADA, BO, MO, NIA, FE, EVE, PIA, NULL };
	const char *const *p;
	char path[160], n[24];
	const struct ts_res *r;

	(void)state;
	snprintf(path, sizeof path, "/staff/meetings/%lld/nominations", (long long)s_open);
	r = get(path, NULL);
	STATUS(r, 303);
	no_secrets(r, NULL);
	snprintf(path, sizeof path, "/staff/meetings/%lld/delegates.csv", (long long)s_open);
	r = get(path, NULL);
	STATUS(r, 303);
	STATUS(ta_api("POST", "/api/v1/meetings", NULL, json_pack("{s:s}", "title", "x")), 401);
	for (p = who; *p; p++) {
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.77", *p, PW);

		printf("# %s\n", *p);
		assert_non_null(b);
		snprintf(path, sizeof path, "/meetings/%lld", (long long)s_open);
		STATUS(ts_get(b, path), 200);
		snprintf(path, sizeof path, "/staff/meetings/%lld/nominations", (long long)s_open);
		r = ts_get(b, path);
		STATUS(r, 403);
		no_secrets(r, NULL);
		r = ts_form(b, path, "ids", itoa(n, sizeof n, n_mo), "decision", "decline", "reason",
		    "Sabotage", (char *)NULL);
		STATUS(r, 403);
		snprintf(path, sizeof path, "/staff/meetings/%lld/delegates.csv", (long long)s_open);
		r = ts_get(b, path);
		STATUS(r, 403);
		no_secrets(r, NULL);
		LACKS(r, "organization,ecosoc_status");
		STATUS(ts_get(b, "/staff/meetings/new"), 403);
		snprintf(path, sizeof path, "/staff/meetings/%lld/edit", (long long)s_open);
		STATUS(ts_get(b, path), 403);
		STATUS(ts_form(b, path, "title", "Taken over", (char *)NULL), 403);
		ts_browser_free(b);
	}
	/* the API's writes, with a token */
	{
		const char *tokens[] = { ada_tok, bo_tok, mo_tok, nia_tok, fe_tok, eve_tok, pia_tok,
			NULL };
		const char **t;

		for (t = tokens; *t; t++) {
			STATUS(ta_api("POST", "/api/v1/meetings", *t,
			    json_pack("{s:s,s:i,s:s,s:s,s:s,s:s}", "body", "cosp", "number", 89,
			    "title", "Rogue session", "timezone", "Europe/Vienna", "start",
			    "2031-05-19T10:00", "end", "2031-05-23T18:00")), 403);
			STATUS(ta_api("POST", "/api/v1/bodies", *t, json_pack("{s:s,s:s,s:s}",
			    "code", "rogue", "name_en", "Rogue body", "name_fr",
			    "Corps voyou")), 403);
			snprintf(path, sizeof path, "/staff/meetings/%lld/delegates.csv",
			    (long long)s_open);
			r = get(path, *t);
			STATUS(r, 403);
			no_secrets(r, NULL);
		}
	}
	assert_string_equal(status_of(s_open, n_mo), "pending");
	r = get("/api/v1/bodies", NULL);
	LACKS(r, "Rogue body");
	LACKS(get("/api/v1/meetings?per_page=100", staff_tok), "Rogue session");
}

/* ---- the person a delegate is named by ------------------------------------- */

/*
 * Pia, whom Quillon nominated, while her address is not confirmed: the
 * session's page, its twin, the API's list, /account and her export show
 * none of it (the page did); confirmed, they do.  Once her address is
 * another, what was named by the old one is no longer shown to her.
 */
static void
test_unconfirmed_delegate(void **state)
{
	struct ts_browser *pia = ts_signed_in(&srv, "127.0.0.78", PIA, PW);
	char path[160];
	const struct ts_res *r;

	(void)state;
	assert_non_null(pia);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s_open);
	r = ts_get(pia, path);
	STATUS(r, 200);
	HAS(r, "Pia Delegate (Quillon Attack Trust)");

	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = '" PIA "'");
	r = ts_get(pia, path);
	STATUS(r, 200);
	LACKS(r, "Pia Delegate");
	r = get(path, pia_tok);
	STATUS(r, 200);
	LACKS(r, "Pia Delegate");
	assert_int_equal(total_of(s_open, pia_tok, ""), 0);
	r = ts_get(pia, "/account");
	STATUS(r, 200);
	LACKS(r, "Pia Delegate");
	LACKS(r, "Quillon Attack Trust");
	r = get("/api/v1/me/export", pia_tok);
	STATUS(r, 200);
	HAS(r, "\"nominations\":[]");
	ts_sql_int("UPDATE users SET verified_at = 1 WHERE email = '" PIA "'");
	r = ts_get(pia, path);
	HAS(r, "Pia Delegate (Quillon Attack Trust)");
	assert_int_equal(total_of(s_open, pia_tok, ""), 1);

	/* her address another now: the old one's nominations are not hers */
	ts_sql_int("UPDATE users SET email = 'pia.moved@delegates-ma.example' WHERE email = '"
	    PIA "'");
	r = ts_get(pia, path);
	STATUS(r, 200);
	LACKS(r, "Pia Delegate");
	assert_int_equal(total_of(s_open, pia_tok, ""), 0);
	r = get("/api/v1/account", pia_tok);
	HAS(r, "\"nominations\":[]");
	ts_sql_int("UPDATE users SET email = '" PIA "' WHERE email = "
	    "'pia.moved@delegates-ma.example'");
	ts_db_close();
	assert_int_equal(total_of(s_open, pia_tok, ""), 1);
	ts_browser_free(pia);
}

/* ---- decisions mailed ---------------------------------------------------------- */

/*
 * Staff decide Kestrel's nominations: each delegate is mailed, and the
 * admin who nominated them while they still act for the organization --
 * not Rex (demoted), Gus (removed) nor Sue (her organization suspended),
 * who would read staff's reason.  Each step is in the organization's
 * history all the same.
 */
static void
test_decision_mail(void **state)
{
	static const struct {
		const char *delegate, *nominator;
		int64_t *nid;
		int told;
	} cases[] = {
		{ PIA, ADA, &n_pia, 1 },
		{ "rexpick@quillon-ma.example", REX, &n_rex, 0 },
		{ "guspick@quillon-ma.example", GUS, &n_gus, 0 },
		{ "suepick@sable-ma.example", SUE, &n_sue, 0 },
	};
	char path[160];
	const struct ts_res *r;
	struct ts_mail m;
	size_t i;

	(void)state;
	/* what they were mailed before is read */
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "mail", 20000), 0);
	for (i = 0; i < 4; i++) {
		while (ts_mail_count(&sink, cases[i].nominator) > 0 &&
		    ts_mail_wait(&sink, cases[i].nominator, 1000, &m) == 0)
			ts_mail_free(&m);
		while (ts_mail_count(&sink, cases[i].delegate) > 0 &&
		    ts_mail_wait(&sink, cases[i].delegate, 1000, &m) == 0)
			ts_mail_free(&m);
	}
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions",
	    (long long)s_open);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I,I,I],s:s,s:s}", "ids",
	    (json_int_t)n_pia, (json_int_t)n_rex, (json_int_t)n_gus, (json_int_t)n_sue,
	    "decision", "decline", "reason", "Staff-reason-Kestrel-8m"));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":4");
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "mail", 20000), 0);
	for (i = 0; i < 4; i++) {
		printf("# %s\n", cases[i].nominator);
		assert_int_equal(ts_mail_wait(&sink, cases[i].delegate, 10000, &m), 0);
		assert_non_null(strstr(m.body, "Staff-reason-Kestrel-8m"));
		ts_mail_free(&m);
		if (cases[i].told) {
			assert_int_equal(ts_mail_wait(&sink, cases[i].nominator, 10000, &m), 0);
			assert_non_null(strstr(m.body, "Staff-reason-Kestrel-8m"));
			ts_mail_free(&m);
		} else {
			assert_int_equal(ts_mail_count(&sink, cases[i].nominator), 0);
		}
	}
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Rex Pick");
	HAS(r, "Gus Pick");
	HAS(r, "meeting.nomination_declined");
	/* Ada, an admin now, reads Quillon's history; Rex no longer */
	STATUS(ta_api("GET", path, ada_tok, NULL), 200);
	r = ta_api("GET", path, rex_tok, NULL);
	assert_true(r->status == 403 || r->status == 404);
	LACKS(r, "Staff-reason-Kestrel-8m");
}

/* ---- sessions not everyone sees ------------------------------------------------ */

/*
 * A session for staff only and one for members only, both with an open
 * window, and one that invites Meridian: who may not see a session finds
 * it nowhere (list, counts, page, twin, nominations: 404), and nobody but
 * staff learns whom staff invited.  A hostile filter is text on the page.
 */
static void
test_hidden_sessions(void **state)
{
	static const char *const outsiders[] = { NULL, "nia", "pia", "eve" };
	char path[160];
	const struct ts_res *r;
	int64_t hushed, members, invited;
	size_t i;

	(void)state;
	hushed = session_made(json_pack("{s:i,s:s,s:s,s:s,s:s,s:i}", "number", 140, "title",
	    "Hushed-staff session", "visibility", "staff", "eligibility", "members",
	    "nominations_closes", "2031-04-01T18:00", "delegates_max", 5));
	members = session_made(json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:i}", "body", "ccpcj",
	    "number", 141, "title", "Members-only session", "visibility", "members",
	    "eligibility", "members", "nominations_closes", "2031-04-01T18:00", "delegates_max",
	    5));
	invited = session_made(json_pack("{s:s,s:i,s:s,s:s,s:[I],s:s}", "body", "ccpcj",
	    "number", 142, "title", "Invited-only session", "eligibility", "invited", "invited",
	    (json_int_t)meridian, "nominations_closes", "2031-04-01T18:00"));
	for (i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
		const char *tok = !outsiders[i] ? NULL : strcmp(outsiders[i], "nia") == 0 ? nia_tok :
		    strcmp(outsiders[i], "pia") == 0 ? pia_tok : eve_tok;
		const int member = outsiders[i] && strcmp(outsiders[i], "eve") == 0;

		printf("# %s\n", outsiders[i] ? outsiders[i] : "visitor");
		r = get("/api/v1/meetings?per_page=100", tok);
		STATUS(r, 200);
		LACKS(r, "Hushed-staff session");
		if (!member)
			LACKS(r, "Members-only session");
		r = get("/meetings?body=ccpcj", tok);
		STATUS(r, 200);
		LACKS(r, "Hushed-staff session");
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)hushed);
		STATUS(get(path, tok), 404);
		snprintf(path, sizeof path, "/meetings/%lld", (long long)hushed);
		STATUS(get(path, tok), 404);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)members);
		STATUS(get(path, tok), member ? 200 : 404);
		if (tok) {
			snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations",
			    (long long)hushed);
			STATUS(get(path, tok), 404);
		}
		LACKS(get("/events?per_page=100", tok), "Hushed-staff session");
		LACKS(get("/api/v1/events?per_page=100", tok), "Hushed-staff session");
	}
	/* the counts by body and year are of what the reader sees */
	{
		json_t *a, *b;
		int64_t seen, all;

		r = get("/api/v1/meetings?per_page=1", NULL);
		a = ts_jbody(r);
		seen = ta_num(a, "total");
		r = get("/api/v1/meetings?per_page=1", staff_tok);
		b = ts_jbody(r);
		all = ta_num(b, "total");
		assert_true(all >= seen + 2);
		assert_int_equal(ta_num(json_object_get(json_object_get(a, "facets"), "body"),
		    "ccpcj") + ta_num(json_object_get(json_object_get(a, "facets"), "body"),
		    "cosp") + ta_num(json_object_get(json_object_get(a, "facets"), "body"),
		    "other"), seen);
		json_decref(a);
		json_decref(b);
	}
	/* Ada may see the staff-only session nowhere, nor nominate to it */
	STATUS(nominate(hushed, ada_tok, delegate(quillon, "Hushed Pick", "hushed@quillon-ma.example",
	    "HUSHED")), 404);
	/* whom staff invited: staff's */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)invited);
	r = get(path, ada_tok);
	STATUS(r, 200);
	LACKS(r, "\"invited\":[");
	LACKS(r, "Meridian");
	r = get(path, staff_tok);
	HAS(r, "\"invited\":[");
	r = nominate(invited, ada_tok, delegate(quillon, "Uninvited", "uninv@quillon-ma.example",
	    "UNINVITED"));
	STATUS(r, 403);
	LACKS(r, "Meridian");
	(void)nominated(invited, mo_tok, delegate(meridian, "Invited Pick",
	    "invpick@meridian-ma.example", "INVITED"));
	/* a hostile filter is text */
	r = get("/meetings?body=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&year=2031", NULL);
	assert_true(r->status == 200 || r->status == 422);
	LACKS(r, "<script>alert(1)");
	r = get("/meetings?body=ccpcj&year=2031%20OR%201=1", NULL);
	STATUS(r, 422);
}

/* ---- a cancelled session ------------------------------------------------------- */

/*
 * A session staff cancel while its window is open takes no more
 * nominations: the API refuses (409 saying so), the page offers no form,
 * its window reads closed, /opportunities drops it.  Those nominated
 * before are kept for the record.
 */
static void
test_cancelled_session(void **state)
{
	struct ts_browser *ada = ts_signed_in(&srv, "127.0.0.80", ADA, PW);
	char path[160];
	const struct ts_res *r;
	int64_t s;

	(void)state;
	assert_non_null(ada);
	s = session_made(json_pack("{s:i,s:s,s:s,s:s,s:i}", "number", 130, "title",
	    "Cancelled-later session", "eligibility", "members", "nominations_closes",
	    "2031-04-01T18:00", "delegates_max", 5));
	(void)nominated(s, ada_tok, delegate(quillon, "Before Cancel", "before@quillon-ma.example",
	    "BEFORE"));
	HAS(get("/api/v1/opportunities?per_page=100", ada_tok), "Cancelled-later session");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "cancelled")), 200);
	r = nominate(s, ada_tok, delegate(quillon, "After Cancel", "after@quillon-ma.example",
	    "AFTER"));
	STATUS(r, 409);
	HAS(r, "This session is cancelled: it takes no nominations.");
	r = get(path, ada_tok);
	STATUS(r, 200);
	HAS(r, "\"nominations\":\"closed\"");
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s);
	r = ts_get(ada, path);
	STATUS(r, 200);
	LACKS(r, "name=\"passport_name\"");
	HAS(r, "Before Cancel");
	snprintf(path, sizeof path, "/meetings/%lld/nominate", (long long)s);
	{
		char o[24];

		r = ts_form(ada, path, "organization_id", itoa(o, sizeof o, quillon), "name",
		    "After Cancel", "email", "after@quillon-ma.example", "nationality", "KE",
		    "passport_name", "AFTER", "attendance", "online", (char *)NULL);
		STATUS(r, 409);
		HAS(r, "This session is cancelled");
	}
	LACKS(get("/api/v1/opportunities?per_page=100", ada_tok), "Cancelled-later session");
	assert_int_equal(total_of(s, staff_tok, ""), 1);
	ts_browser_free(ada);
}

/* ---- two at once -------------------------------------------------------------- */

static pthread_barrier_t race_gate;
static char race_path[96];

struct racer {
	struct ts_browser *b;
	const char *tok;
	json_t *body;		/* consumed */
	long status;
};

static void *
racer_run(void *arg)
{
	struct racer *x = arg;
	const struct ts_res *r;

	pthread_barrier_wait(&race_gate);
	r = ts_call(x->b, "POST", race_path, x->tok, x->body);
	x->status = r->status;
	return NULL;
}

/* Runs the n racers at once. */
static void
race(struct racer *x, int n)
{
	pthread_t t[4];
	int k;

	assert_true(n <= 4);
	assert_int_equal(pthread_barrier_init(&race_gate, NULL, (unsigned)n), 0);
	for (k = 0; k < n; k++) {
		x[k].b = ts_browser_new(&srv, NULL);
		x[k].status = 0;
		assert_int_equal(pthread_create(&t[k], NULL, racer_run, &x[k]), 0);
	}
	for (k = 0; k < n; k++) {
		pthread_join(t[k], NULL);
		ts_browser_free(x[k].b);
	}
	pthread_barrier_destroy(&race_gate);
}

/*
 * Three nominations at once where Quillon has one place left, four times
 * over: one taken, two refused saying the number, the count two; the same
 * address from Quillon and Meridian at once: both taken; staff approving
 * it for both at once: one approved; two of staff
 * deciding one nomination at once, one way and the other: decided once,
 * mailed once.  Never a 500.
 */
static void
test_race(void **state)
{
	char q[64], email[3][64];
	int round, k, took;
	int64_t s;
	struct racer x[4];

	(void)state;
	for (round = 0; round < 4; round++) {
		s = open_session(100 + round, "members", 2);
		(void)nominated(s, ada_tok, delegate(quillon, "First In", "first@quillon-ma.example",
		    "FIRST"));
		snprintf(race_path, sizeof race_path, "/api/v1/meetings/%lld/nominations",
		    (long long)s);
		for (k = 0; k < 3; k++) {
			snprintf(email[k], sizeof email[k], "racer%d-%d@quillon-ma.example", round, k);
			x[k].tok = ada_tok;
			x[k].body = delegate(quillon, "Racer", email[k], "RACER");
		}
		race(x, 3);
		took = 0;
		for (k = 0; k < 3; k++) {
			if (x[k].status != 201 && x[k].status != 409)
				printf("# round %d: %ld\n", round, x[k].status);
			assert_true(x[k].status == 201 || x[k].status == 409);
			took += x[k].status == 201;
		}
		assert_int_equal(took, 1);
		snprintf(q, sizeof q, "?organization=%lld", (long long)quillon);
		assert_int_equal(total_of(s, staff_tok, q), 2);

		assert_int_equal(total_of(s, staff_tok, ""), 2);
	}

	/* one address from two organizations at once: both taken (an address
	 * is unique within an organization; neither is told of the other);
	 * then two of staff approving it for both at once: one approval
	 * taken, the other refused (one person, one badge) */
	for (round = 0; round < 3; round++) {
		const struct ts_res *r;
		json_t *j, *items;
		char path[96];

		s = open_session(150 + round, "members", 2);
		snprintf(email[0], sizeof email[0], "twice%d@both-ma.example", round);
		snprintf(race_path, sizeof race_path, "/api/v1/meetings/%lld/nominations",
		    (long long)s);
		x[0].tok = ada_tok;
		x[0].body = delegate(quillon, "Twice", email[0], "TWICE-Q");
		x[1].tok = mo_tok;
		x[1].body = delegate(meridian, "Twice", email[0], "TWICE-M");
		race(x, 2);
		assert_int_equal(x[0].status, 201);
		assert_int_equal(x[1].status, 201);
		r = ts_call(plain, "GET", race_path, staff_tok, NULL);
		STATUS(r, 200);
		j = ts_jbody(r);
		items = json_object_get(j, "items");
		assert_int_equal(json_array_size(items), 2);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions",
		    (long long)s);
		snprintf(race_path, sizeof race_path, "%s", path);
		for (k = 0; k < 2; k++) {
			x[k].tok = staff_tok;
			x[k].body = json_pack("{s:[I],s:s}", "ids", json_integer_value(
			    json_object_get(json_array_get(items, (size_t)k), "id")), "decision",
			    "approve");
		}
		json_decref(j);
		race(x, 2);
		assert_int_equal(x[0].status, 200);
		assert_int_equal(x[1].status, 200);
		assert_int_equal(total_of(s, staff_tok, "?status=approved"), 1);
		assert_int_equal(total_of(s, staff_tok, "?status=pending"), 1);
	}
	/* two of staff decide one nomination at once, one approving, one
	 * declining: decided once, its delegate mailed once */
	for (round = 0; round < 3; round++) {
		int64_t nid;
		const char *st;

		s = open_session(110 + round, "members", 2);
		snprintf(email[0], sizeof email[0], "decided%d@quillon-ma.example", round);
		nid = nominated(s, ada_tok, delegate(quillon, "Decided Once", email[0], "ONCE"));
		snprintf(race_path, sizeof race_path, "/api/v1/meetings/%lld/nominations/decisions",
		    (long long)s);
		x[0].tok = staff_tok;
		x[0].body = json_pack("{s:[I],s:s}", "ids", (json_int_t)nid, "decision", "approve");
		x[1].tok = staff_tok;
		x[1].body = json_pack("{s:[I],s:s,s:s}", "ids", (json_int_t)nid, "decision",
		    "decline", "reason", "Raced.");
		race(x, 2);
		assert_int_equal(x[0].status, 200);
		assert_int_equal(x[1].status, 200);
		st = status_of(s, nid);
		assert_true(strcmp(st, "approved") == 0 || strcmp(st, "declined") == 0);
		assert_int_equal(ts_jobs_idle(plain, staff_tok, "mail", 20000), 0);
		assert_int_equal(ts_mail_count(&sink, email[0]), 1);
	}
}

/* ---- the window's edges ----------------------------------------------------------- */

/*
 * A window opening in five minutes and closing in fifteen, on the test
 * clock: a few seconds before it opens, refused saying when; as it opens,
 * taken; seconds before it closes, taken; as it closes, refused (the API,
 * the page's form) and gone from /opportunities.  Last: it moves the clock.
 */
static void
test_window_edges(void **state)
{
	const struct ts_res *r;
	struct ts_browser *ada;
	char opens[40], closes[40], path[160], o[24];
	int64_t now, s;
	time_t t;
	struct tm tm;

	(void)state;
	now = ta_now();
	t = (time_t)(now + 300);
	gmtime_r(&t, &tm);
	strftime(opens, sizeof opens, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	t = (time_t)(now + 900);
	gmtime_r(&t, &tm);
	strftime(closes, sizeof closes, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	s = session_made(json_pack("{s:i,s:s,s:s,s:s,s:s,s:i}", "number", 120, "title",
	    "Window-edge session", "timezone", "UTC", "nominations_opens", opens,
	    "nominations_closes", closes, "delegates_max", 5));
	ta_clock_to(now + 300 - 5);
	r = nominate(s, ada_tok, delegate(quillon, "Too Soon", "soon@quillon-ma.example", "SOON"));
	STATUS(r, 409);
	HAS(r, "Nominations for this session open on");
	LACKS(get("/api/v1/opportunities?per_page=100", ada_tok), "Window-edge session");
	ta_clock_to(now + 300);
	(void)nominated(s, ada_tok, delegate(quillon, "Just Open", "open@quillon-ma.example",
	    "JUSTOPEN"));
	HAS(get("/api/v1/opportunities?per_page=100", ada_tok), "Window-edge session");
	ta_clock_to(now + 900 - 5);
	(void)nominated(s, ada_tok, delegate(quillon, "Just In", "justin@quillon-ma.example",
	    "JUSTIN"));
	ada = ts_signed_in(&srv, "127.0.0.79", ADA, PW);
	assert_non_null(ada);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s);
	STATUS(ts_get(ada, path), 200);
	ta_clock_to(now + 900);
	r = nominate(s, ada_tok, delegate(quillon, "Too Late", "late@quillon-ma.example", "LATE"));
	STATUS(r, 409);
	HAS(r, "Nominations for this session closed on");
	snprintf(path, sizeof path, "/meetings/%lld/nominate", (long long)s);
	r = ts_form(ada, path, "organization_id", itoa(o, sizeof o, quillon), "name", "Too Late",
	    "email", "late@quillon-ma.example", "nationality", "KE", "passport_name", "LATE",
	    "attendance", "online", (char *)NULL);
	STATUS(r, 409);
	LACKS(get("/api/v1/opportunities?per_page=100", ada_tok), "Window-edge session");
	assert_int_equal(total_of(s, staff_tok, ""), 2);
	ts_browser_free(ada);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	json_t *j;
	char path[128];
	int64_t mo_id, sue_id;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Attack Trust", "KE", "info@quillon-ma.example",
	    NULL);
	meridian = ts_org_import(db_url, "Meridian Attack Watch", "SN", "info@meridian-ma.example",
	    NULL);
	sable = ts_org_import(db_url, "Sable Attack Circle", "GH", "info@sable-ma.example", NULL);
	if (quillon <= 0 || meridian <= 0 || sable <= 0)
		return -1;
	account(STAFF, "Sam Staff", "staff", 0, staff_tok);
	ada_id = account(ADA, "Ada", "member", quillon, ada_tok);
	rex_id = account(REX, "Rex", "member", quillon, rex_tok);
	gus_id = account(GUS, "Gus", "member", quillon, gus_tok);
	account(BO, "Bo", "member", quillon, bo_tok);
	mo_id = account(MO, "Mo", "member", meridian, mo_tok);
	sue_id = account(SUE, "Sue", "member", sable, sue_tok);
	account(NIA, "Nia", "applicant", 0, nia_tok);
	account(FE, "Fe", "focal", 0, fe_tok);
	account(EVE, "Eve", "applicant", 0, eve_tok);
	account(PIA, "Pia", "applicant", 0, pia_tok);
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ta_org_admin(staff_tok, quillon, rex_id, "1");
	ta_org_admin(staff_tok, quillon, gus_id, "1");
	ta_org_admin(staff_tok, meridian, mo_id, "1");
	ta_org_admin(staff_tok, sable, sue_id, "1");
	{
		static const char *const eco[][2] = { { "q", "special" }, { "m", "general" },
			{ "s", "special" } };
		int64_t ids[3];
		int k;

		ids[0] = quillon;
		ids[1] = meridian;
		ids[2] = sable;
		for (k = 0; k < 3; k++) {
			snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)ids[k]);
			if (ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "ecosoc_status",
			    eco[k][1]))->status != 200)
				return -1;
		}
	}
	r = ta_api("POST", "/api/v1/applications", eve_tok, json_pack("{s:s,s:{s:s,s:s,s:s,s:[s]},"
	    "s:{s:s},s:b}", "kind", "expert", "expert", "name", "Eve Expert", "country", "KE",
	    "biography", "Studies delegations.", "themes", "corruption", "contact", "email", EVE,
	    "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)ta_num(j,
	    "id"));
	json_decref(j);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);

	s_open = open_session(61, "ecosoc", 5);
	s_other = session_made(json_pack("{s:s,s:i,s:s,s:s,s:i}", "body", "ccpcj", "number", 62,
	    "eligibility", "members", "nominations_closes", "2031-04-01T18:00", "delegates_max",
	    5));
	s_draft = session_made(json_pack("{s:i,s:s,s:s,s:s,s:s}", "number", 63, "title",
	    "Tourmalix closed session", "status", "draft", "eligibility", "members",
	    "nominations_closes", "2031-04-01T18:00"));
	n_pia = nominated(s_open, ada_tok, delegate(quillon, "Pia Delegate", PIA, PIA_PASSPORT));
	n_rex = nominated(s_open, rex_tok, delegate(quillon, "Rex Pick",
	    "rexpick@quillon-ma.example", REX_PASSPORT));
	n_gus = nominated(s_open, gus_tok, delegate(quillon, "Gus Pick",
	    "guspick@quillon-ma.example", GUS_PASSPORT));
	n_mo = nominated(s_open, mo_tok, delegate(meridian, MO_DELEGATE, MO_EMAIL, MO_PASSPORT));
	n_sue = nominated(s_open, sue_tok, delegate(sable, "Sue Pick", "suepick@sable-ma.example",
	    SUE_PASSPORT));
	n_mo_other = nominated(s_other, mo_tok, delegate(meridian, "Mo Other",
	    "mo.other@meridian-ma.example", MO2_PASSPORT));

	/* then: Rex demoted, Gus removed, Sable suspended */
	ta_org_admin(staff_tok, quillon, rex_id, "0");
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)quillon, (long long)gus_id);
	r = ta_api("POST", path, staff_tok, json_object());
	if (r->status != 200 && r->status != 303)
		return -1;
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)sable);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
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
		cmocka_unit_test(test_others_read),
		cmocka_unit_test(test_others_write),
		cmocka_unit_test(test_bulk_foreign),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_staff_only),
		cmocka_unit_test(test_unconfirmed_delegate),
		cmocka_unit_test(test_decision_mail),	/* decides Kestrel's */
		cmocka_unit_test(test_hidden_sessions),
		cmocka_unit_test(test_cancelled_session),
		cmocka_unit_test(test_race),
		cmocka_unit_test(test_window_edges),	/* last: it moves the clock */
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("meetings_attack", tests, setup, teardown);
}
