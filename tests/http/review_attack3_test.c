/*
 * review_attack3_test.c -- the last attack on all of issue 17 before it
 * is resolved, across modules, where the earlier rounds
 * (countries_attack_test.c, review_attack_test.c) did not look: what
 * changes after the fact (a session made private after its dialogue's
 * summary, an organization suspended while a partner or participant, an
 * expert's membership ended, staff demoted mid-session, a person leaving
 * their organization or deleting their account) and what one module
 * shows of another's records (a library resource named by an
 * initiative, a dialogue's event, the person's page, the export).  The
 * people: a visitor, an applicant, members, an organization's admin,
 * participants and former participants, focal points of the country and
 * of another, and staff.  A test that passes shows a defence holds; the
 * ones that failed first are the holes fixed with them (the commit says
 * which).
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

#define PW "quartz lantern meadow ninety"

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

#define STAFF "sam.staff@third-ra.test"
#define FE "fe@interior-3ra.go.ke"
#define ADA "ada@quillon-3ra.example"
#define CY "cy@quillon-3ra.example"
#define BO "bo@norrow-3ra.example"
#define ED "ed@research-3ra.example"
#define QUILLON "Quillon Third Trust"
#define ROOM "https://meet.example/secret-room-3ra"	/* the dialogue events' */

/* ---- helpers ------------------------------------------------------------ */

/* Sets organization org's status as staff do (the page's form). */
static void
org_status(int64_t org, const char *status)
{
	char path[96];

	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)org);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "status", status)), 303);
}

/* A dialogue titled title on a new published firearms session number
 * (held 2031-05-19..21); its id, its session's into *wg, its call's into
 * *call and its dialogue event's into *ev. */
static int64_t
dialogue_made(const char *title, int number, int64_t *wg, int64_t *call, int64_t *ev)
{
	int64_t prep;

	*wg = tr_session_made("firearms", number, "2031-05-19T10:00", "2031-05-21T18:00",
	    "published");
	prep = tr_event_made("Preparation day", "2031-05-22T09:00", "2031-05-22T17:00", ROOM);
	*ev = tr_event_made("The dialogue", "2031-05-23T09:00", "2031-05-23T17:00", ROOM);
	*call = tr_call_made(title, "2031-04-01T23:59");
	return tr_made("/api/v1/dialogues", staff_tok, json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}",
	    "title", title, "meeting_id", (json_int_t)*wg, "prep_event_id", (json_int_t)prep,
	    "event_id", (json_int_t)*ev, "call_id", (json_int_t)*call, "inputs_close",
	    "2031-06-30T18:00"));
}

/* An application to call for org (0: as an expert) by token, approved
 * (the Extended Bureau decides once the call closes, years from now:
 * its decision is the application's status); its id. */
static int64_t
approved(int64_t call, const char *token, int64_t org)
{
	char path[96];
	json_t *b = json_pack("{s:s,s:{s:s,s:s}}", "status", "submitted", "answers",
	    "expertise", "Ports", "speaker_gender", "woman");
	int64_t app;

	if (org)
		json_object_set_new(b, "organization_id", json_integer(org));
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	app = tr_made(path, token, b);
	ts_sql_int("UPDATE call_applications SET status = 'accepted' WHERE id = %lld",
	    (long long)app);
	return app;
}

/* ---- a resource for members only, named by an initiative ------------------ */

/*
 * A library resource for members only (`nongovernmental`) is not a
 * government's: the initiative that names it as its concept note or a
 * document shows a focal point neither its title nor its address, on the
 * initiative, its space or the country page; a member and a participant
 * see it.
 */
static void
test_focal_nongov_documents(void **state)
{
	const struct ts_res *r;
	char path[96], space[96];
	json_t *j;
	int64_t id, res;

	(void)state;
	r = tr_api("POST", "/api/v1/resources", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}",
	    "title", "Shelter-addresses-for-members", "kind", "guide", "link",
	    "https://example.org/shelters", "status", "published", "visibility",
	    "nongovernmental"));
	STATUS(r, 201);
	j = ts_jbody(r);
	res = tr_num(j, "id");
	json_decref(j);
	id = tr_initiative("Attack 3: documents", fe_id, quillon, ed_id);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	STATUS(tr_api("PATCH", path, staff_tok, json_pack("{s:I,s:[I]}", "concept_note",
	    (json_int_t)res, "documents", (json_int_t)res)), 200);
	snprintf(space, sizeof space, "/api/v1/initiatives/%lld/space", (long long)id);
	/* a member and a participant read it */
	HAS(tr_api("GET", path, bo_tok, NULL), "Shelter-addresses");
	HAS(tr_api("GET", space, cy_tok, NULL), "Shelter-addresses");
	/* the focal point of the country, a participant, does not */
	LACKS(tr_api("GET", path, fe_tok, NULL), "Shelter-addresses");
	r = tr_api("GET", space, fe_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Shelter-addresses");
	LACKS(tr_api("GET", "/api/v1/country", fe_tok, NULL), "Shelter-addresses");
	LACKS(tr_api("GET", "/api/v1/countries/KE", fe_tok, NULL), "Shelter-addresses");
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, FE, PW);

		assert_non_null(b);
		snprintf(path, sizeof path, "/initiatives/%lld", (long long)id);
		LACKS(ts_get(b, path), "Shelter-addresses");
		snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
		LACKS(ts_get(b, path), "Shelter-addresses");
		ts_browser_free(b);
	}
	/* nor a visitor or an applicant */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	LACKS(tr_api("GET", path, NULL, NULL), "Shelter-addresses");
	LACKS(tr_api("GET", path, no_tok, NULL), "Shelter-addresses");
	/* the resource itself, as the library says */
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)res);
	STATUS(tr_api("GET", path, fe_tok, NULL), 404);
}

/* ---- a session made private after its dialogue's summary ------------------ */

/*
 * A dialogue is seen as its session is: when staff make the session a
 * draft or staff's only after the summary went out, the next session of
 * the working group no longer lists the dialogue for those who may not
 * see it (its title included), and the dialogue, its summary file and
 * its inputs are 404 to them.
 */
static void
test_session_hidden_after(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b, *f, *st;
	char path[96], next[96];
	int64_t dlg, wg, call, ev, wg2;

	(void)state;
	dlg = dialogue_made("Later-hidden-dialogue-3", 84, &wg, &call, &ev);
	wg2 = tr_session_made("firearms", 85, "2031-10-06T10:00", "2031-10-08T18:00", "published");
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)dlg);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Said openly.")), 200);
	b = ts_signed_in(&srv, NULL, BO, PW);
	f = ts_signed_in(&srv, NULL, FE, PW);
	st = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_true(b && f && st);
	snprintf(next, sizeof next, "/meetings/%lld", (long long)wg2);
	HAS(ts_get(plain, next), "Later-hidden-dialogue-3");
	HAS(ts_get(b, next), "Later-hidden-dialogue-3");

	ts_sql_int("UPDATE events SET visibility = 'staff' WHERE id = %lld", (long long)wg);
	r = ts_get(b, next);
	STATUS(r, 200);
	LACKS(r, "Later-hidden-dialogue-3");
	LACKS(ts_get(plain, next), "Later-hidden-dialogue-3");
	LACKS(ts_get(f, next), "Later-hidden-dialogue-3");
	HAS(ts_get(st, next), "Later-hidden-dialogue-3");
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)dlg);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
	snprintf(path, sizeof path, "/dialogues/%lld/summary/file", (long long)dlg);
	STATUS(ts_get(b, path), 404);
	LACKS(tr_api("GET", "/api/v1/dialogues", NULL, NULL), "Later-hidden-dialogue-3");
	LACKS(tr_api("GET", "/api/v1/dialogues", bo_tok, NULL), "Later-hidden-dialogue-3");

	/* for members only: a member reads it, a visitor does not */
	ts_sql_int("UPDATE events SET visibility = 'members' WHERE id = %lld", (long long)wg);
	HAS(ts_get(b, next), "Later-hidden-dialogue-3");
	LACKS(ts_get(plain, next), "Later-hidden-dialogue-3");
	/* a draft: staff's */
	ts_sql_int("UPDATE events SET visibility = 'public', status = 'draft' WHERE id = %lld",
	    (long long)wg);
	LACKS(ts_get(b, next), "Later-hidden-dialogue-3");
	LACKS(ts_get(plain, next), "Later-hidden-dialogue-3");
	ts_sql_int("UPDATE events SET status = 'published' WHERE id = %lld", (long long)wg);
	HAS(ts_get(plain, next), "Later-hidden-dialogue-3");
	ts_browser_free(b);
	ts_browser_free(f);
	ts_browser_free(st);
}

/* ---- who takes part in a dialogue, for a government ----------------------- */

/*
 * The people who applied for a dialogue are the stakeholders' own: a
 * focal point reads which organizations took part (the country view),
 * never the names of their people, in the dialogue's JSON or page.
 */
static void
test_focal_dialogue_people(void **state)
{
	char path[96];
	int64_t dlg, wg, call, ev;

	(void)state;
	dlg = dialogue_made("People dialogue 3", 83, &wg, &call, &ev);
	(void)approved(call, ada_tok, quillon);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)dlg);
	HAS(tr_api("GET", path, bo_tok, NULL), ADA);
	LACKS(tr_api("GET", path, fe_tok, NULL), ADA);
	LACKS(tr_api("GET", path, gu_tok, NULL), ADA);
	LACKS(tr_api("GET", path, NULL, NULL), ADA);
	LACKS(tr_api("GET", path, no_tok, NULL), ADA);
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, FE, PW);

		assert_non_null(b);
		snprintf(path, sizeof path, "/dialogues/%lld", (long long)dlg);
		LACKS(ts_get(b, path), ADA);
		ts_browser_free(b);
	}
	HAS(tr_api("GET", "/api/v1/country", fe_tok, NULL), "People dialogue 3");
}

/* ---- an expert who is a member no more ------------------------------------ */

/*
 * An expert takes part in an initiative and a dialogue as a member of
 * the hub: when their membership ends (staff make them an applicant
 * again), the space, its updates, their inputs and the dialogue's events
 * are no longer theirs, as for the people of a suspended organization.
 */
static void
test_expert_demoted(void **state)
{
	char space[96], upd[96], in[96], evp[96];
	int64_t id, dlg, wg, call, ev;

	(void)state;
	id = tr_initiative("Attack 3: expert", fe_id, quillon, ed_id);
	snprintf(space, sizeof space, "/api/v1/initiatives/%lld/space", (long long)id);
	snprintf(upd, sizeof upd, "/api/v1/initiatives/%lld/updates", (long long)id);
	STATUS(tr_api("GET", space, ed_tok, NULL), 200);
	dlg = dialogue_made("Expert dialogue 3", 81, &wg, &call, &ev);
	(void)approved(call, ed_tok, 0);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	snprintf(evp, sizeof evp, "/api/v1/events/%lld/registrations", (long long)ev);
	STATUS(tr_api("POST", in, ed_tok, json_pack("{s:s}", "body", "As an expert")), 201);

	ts_sql_int("UPDATE users SET role = 'applicant' WHERE id = %lld", (long long)ed_id);
	STATUS(tr_api("GET", space, ed_tok, NULL), 403);
	STATUS(tr_api("POST", upd, ed_tok, json_pack("{s:s}", "body", "Demoted-expert-update")),
	    403);
	STATUS(tr_api("POST", in, ed_tok, json_pack("{s:s}", "body", "Demoted-expert-input")), 403);
	STATUS(tr_api("POST", evp, ed_tok, json_object()), 403);
	LACKS(tr_api("GET", "/api/v1/account", ed_tok, NULL), "Attack 3: expert");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM dialogue_inputs WHERE body = "
	    "'Demoted-expert-input'"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_updates WHERE body = "
	    "'Demoted-expert-update'"), 0);
	/* a member again: theirs again */
	ts_sql_int("UPDATE users SET role = 'member' WHERE id = %lld", (long long)ed_id);
	STATUS(tr_api("GET", space, ed_tok, NULL), 200);
}

/* ---- an organization suspended while it takes part ---------------------- */

/*
 * A suspended organization (one at risk may ask for it) is no country's
 * stakeholder: neither is it named to members or focal points as an
 * initiative's partner or a dialogue's participant while it is; staff
 * still see it.  Reinstated, it is named again.
 */
static void
test_suspended_named(void **state)
{
	char ini[96], dpath[96];
	int64_t id, dlg, wg, call, ev;
	const char *who[] = { bo_tok, fe_tok, NULL };
	int i;

	(void)state;
	id = tr_initiative("Attack 3: suspended partner", fe_id, quillon, ed_id);
	dlg = dialogue_made("Suspended participant 3", 82, &wg, &call, &ev);
	(void)approved(call, ada_tok, quillon);
	snprintf(ini, sizeof ini, "/api/v1/initiatives/%lld", (long long)id);
	snprintf(dpath, sizeof dpath, "/api/v1/dialogues/%lld", (long long)dlg);
	HAS(tr_api("GET", ini, bo_tok, NULL), QUILLON);
	HAS(tr_api("GET", dpath, bo_tok, NULL), QUILLON);
	org_status(quillon, "suspended");
	for (i = 0; who[i]; i++) {
		LACKS(tr_api("GET", ini, who[i], NULL), QUILLON);
		LACKS(tr_api("GET", dpath, who[i], NULL), QUILLON);
		LACKS(tr_api("GET", "/api/v1/countries/KE", who[i], NULL), QUILLON);
	}
	LACKS(tr_api("GET", "/api/v1/country", fe_tok, NULL), QUILLON);
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, BO, PW);
		char page[96];

		assert_non_null(b);
		snprintf(page, sizeof page, "/initiatives/%lld", (long long)id);
		LACKS(ts_get(b, page), QUILLON);
		snprintf(page, sizeof page, "/dialogues/%lld", (long long)dlg);
		LACKS(ts_get(b, page), QUILLON);
		ts_browser_free(b);
	}
	HAS(tr_api("GET", ini, staff_tok, NULL), QUILLON);
	org_status(quillon, "approved");
	HAS(tr_api("GET", ini, bo_tok, NULL), QUILLON);
	HAS(tr_api("GET", dpath, bo_tok, NULL), QUILLON);
}

/* ---- a participant who left their organization ----------------------------- */

/*
 * Ri registered for the dialogue in Quillon's name: once they leave
 * Quillon, the dialogue's link to join is no longer theirs (its event's
 * JSON and page, the events list, their personal calendar), as writing
 * inputs is not; their registration stays on record for staff.
 */
static void
test_left_dialogue_link(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	char path[128], evp[96], tok[129], feed[300] = "";
	int64_t dlg, wg, call, ev, ri;
	json_t *j;

	(void)state;
	tr_account("ri@quillon-3ra.example", "member", quillon, tok, &ri);
	dlg = dialogue_made("Left dialogue 3", 86, &wg, &call, &ev);
	(void)approved(call, ada_tok, quillon);
	snprintf(evp, sizeof evp, "/api/v1/events/%lld/registrations", (long long)ev);
	STATUS(tr_api("POST", evp, tok, json_object()), 201);
	r = tr_api("POST", "/api/v1/account/calendar-token", tok, json_object());
	assert_true(r->status == 200 || r->status == 201);
	j = ts_jbody(r);
	snprintf(feed, sizeof feed, "%s", strstr(json_string_value(json_object_get(j,
	    "feed_url")), "/calendar/"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev);
	HAS(tr_api("GET", path, tok, NULL), "secret-room-3ra");
	HAS(ts_get(plain, feed), "secret-room-3ra");
	LACKS(tr_api("GET", path, bo_tok, NULL), "secret-room-3ra");

	/* Ri leaves Quillon */
	b = ts_signed_in(&srv, NULL, "ri@quillon-3ra.example", PW);
	assert_non_null(b);
	STATUS(ts_get(b, "/account"), 200);
	snprintf(path, sizeof path, "/organizations/%lld/leave", (long long)quillon);
	STATUS(ts_form(b, path, (char *)NULL), 303);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM org_members WHERE user_id = %lld",
	    (long long)ri), 0);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev);
	LACKS(tr_api("GET", path, tok, NULL), "secret-room-3ra");
	LACKS(tr_api("GET", "/api/v1/events", tok, NULL), "secret-room-3ra");
	snprintf(path, sizeof path, "/events/%lld", (long long)ev);
	LACKS(ts_get(b, path), "secret-room-3ra");
	LACKS(ts_get(plain, feed), "secret-room-3ra");
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	STATUS(tr_api("POST", path, tok, json_pack("{s:s}", "body", "Gone")), 403);
	ts_browser_free(b);
	/* Quillon's admin, still approved, keeps it; staff see the link */
	STATUS(tr_api("POST", evp, ada_tok, json_object()), 201);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ev);
	HAS(tr_api("GET", path, ada_tok, NULL), "secret-room-3ra");
	HAS(tr_api("GET", path, staff_tok, NULL), "secret-room-3ra");
	/* Quillon suspended: not Ada's while it is */
	org_status(quillon, "suspended");
	LACKS(tr_api("GET", path, ada_tok, NULL), "secret-room-3ra");
	org_status(quillon, "approved");
	HAS(tr_api("GET", path, ada_tok, NULL), "secret-room-3ra");
}

/* ---- a participant who deletes their account -------------------------------- */

/*
 * An expert who took part (an initiative's expert, an approved dialogue
 * participant with a published input) deletes their account: their
 * address and name are gone from the initiative, the dialogue, its inputs
 * and the country page, for members and for staff; they no longer count
 * as taking part.
 */
static void
test_deleted_participant(void **state)
{
	const char *who[] = { bo_tok, staff_tok, NULL };
	char path[128], ini[96], dpath[96], in[96], tok[129];
	int64_t uid, id, dlg, wg, call, ev;
	int i;

	(void)state;
	uid = ts_person_add(db_url, "vera@research-3ra.example", "Vera Leaving", "member", 0, PW);
	assert_true(uid > 0);
	assert_int_equal(ts_token(plain, "vera@research-3ra.example", PW, tok, sizeof tok), 0);
	ts_sql_int("INSERT INTO experts (user_id, status, name, country, created_at, "
	    "updated_at) VALUES (%lld, 'approved', 'Vera Leaving', 'KE', 1, 1)", (long long)uid);
	id = tr_initiative("Attack 3: deleted", fe_id, quillon, ed_id);
	snprintf(ini, sizeof ini, "/api/v1/initiatives/%lld", (long long)id);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants", (long long)id);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s,s:I}", "kind", "expert", "user_id",
	    (json_int_t)uid)), 201);
	dlg = dialogue_made("Deleted dialogue 3", 88, &wg, &call, &ev);
	(void)approved(call, tok, 0);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	STATUS(tr_api("POST", in, tok, json_pack("{s:s,s:b}", "body", "Vera-input-for-all",
	    "publish", 1)), 201);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)dlg);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Out.")), 200);
	snprintf(dpath, sizeof dpath, "/api/v1/dialogues/%lld", (long long)dlg);
	HAS(tr_api("GET", ini, bo_tok, NULL), "Vera Leaving");
	HAS(tr_api("GET", dpath, bo_tok, NULL), "Vera Leaving");
	HAS(tr_api("GET", in, bo_tok, NULL), "Vera Leaving");	/* an expert's name: members' */

	STATUS(tr_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);
	for (i = 0; who[i]; i++) {
		LACKS(tr_api("GET", ini, who[i], NULL), "Vera Leaving");
		LACKS(tr_api("GET", ini, who[i], NULL), "vera@research");
		LACKS(tr_api("GET", dpath, who[i], NULL), "Vera Leaving");
		LACKS(tr_api("GET", dpath, who[i], NULL), "vera@research");
		LACKS(tr_api("GET", in, who[i], NULL), "Vera Leaving");
		LACKS(tr_api("GET", "/api/v1/countries/KE", who[i], NULL), "Vera Leaving");
	}
	LACKS(tr_api("GET", in, NULL, NULL), "Vera Leaving");
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants.csv", (long long)dlg);
	LACKS(tr_api("GET", path, staff_tok, NULL), "vera@research");
	/* the token of the deleted account opens nothing */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	STATUS(tr_api("GET", path, tok, NULL), 401);
}

/* ---- what a stakeholder types, in staff's spreadsheets ------------------------ */

/*
 * A dialogue's applicant whose name and answers are spreadsheet formulas:
 * staff's CSVs (the dialogue's participants, the call's applications)
 * give them as text, never as a formula a spreadsheet would run.
 */
static void
test_csv_formulas(void **state)
{
	const struct ts_res *r;
	char path[128], tok[129];
	int64_t uid, dlg, wg, call, ev;

	(void)state;
	uid = ts_person_add(db_url, "formula@research-3ra.example",
	    "=HYPERLINK(\"https://evil.example\",\"x\")", "member", 0, PW);
	assert_true(uid > 0);
	assert_int_equal(ts_token(plain, "formula@research-3ra.example", PW, tok, sizeof tok), 0);
	ts_sql_int("INSERT INTO experts (user_id, status, name, country, created_at, "
	    "updated_at) VALUES (%lld, 'approved', 'Formula', 'KE', 1, 1)", (long long)uid);
	dlg = dialogue_made("Formula dialogue 3", 89, &wg, &call, &ev);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	STATUS(tr_api("POST", path, tok, json_pack("{s:s,s:{s:s,s:s}}", "status", "submitted",
	    "answers", "expertise", "@SUM(1+1)*cmd|' /C calc'!A0", "speaker_gender", "man")),
	    201);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants.csv", (long long)dlg);
	r = tr_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "'=HYPERLINK");
	LACKS(r, ",=HYPERLINK");
	LACKS(r, ",\"=HYPERLINK");
	snprintf(path, sizeof path, "/staff/calls/%lld/applications.csv", (long long)call);
	r = tr_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, ",=HYPERLINK");
	LACKS(r, ",\"=HYPERLINK");
	LACKS(r, ",@SUM");
	LACKS(r, ",\"@SUM");
	/* neither is staff's list for anyone else */
	STATUS(tr_api("GET", path, tok, NULL), 403);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants.csv", (long long)dlg);
	STATUS(tr_api("GET", path, tok, NULL), 403);
	r = tr_api("GET", path, NULL, NULL);
	assert_true(r->status == 401 || r->status == 303);
	LACKS(r, "HYPERLINK");
}

/* ---- a focal point who is also one of an organization's people ---------------- */

/*
 * Gu, Uganda's focal point, is also one of Quillon's people (a person may
 * be both): Kenya's country view stays closed to them, and a government
 * takes no part in Kenya's initiative or a dialogue through a
 * stakeholder.
 */
static void
test_focal_also_member(void **state)
{
	char space[96], in[96], path[96];
	int64_t id, dlg, wg, call, ev;

	(void)state;
	id = tr_initiative("Attack 3: focal and member", fe_id, quillon, ed_id);
	dlg = dialogue_made("Focal member dialogue 3", 90, &wg, &call, &ev);
	(void)approved(call, ada_tok, quillon);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	STATUS(tr_api("POST", in, cy_tok, json_pack("{s:s,s:b}", "body", "Quillon-private-input",
	    "publish", 0)), 201);
	ts_sql_int("INSERT INTO org_members (org_id, user_id, is_admin, listed, created_at) "
	    "VALUES (%lld, %lld, 0, 1, 1)", (long long)quillon, (long long)gu_id);
	STATUS(tr_api("GET", "/api/v1/countries/KE", gu_tok, NULL), 403);
	snprintf(space, sizeof space, "/api/v1/initiatives/%lld/space", (long long)id);
	STATUS(tr_api("GET", space, gu_tok, NULL), 403);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/updates", (long long)id);
	STATUS(tr_api("POST", path, gu_tok, json_pack("{s:s}", "body", "From Uganda")), 403);
	STATUS(tr_api("POST", in, gu_tok, json_pack("{s:s}", "body", "From Uganda")), 403);
	LACKS(tr_api("GET", in, gu_tok, NULL), "Quillon-private-input");
	HAS(tr_api("GET", in, ada_tok, NULL), "Quillon-private-input");
	ts_sql_int("DELETE FROM org_members WHERE user_id = %lld", (long long)gu_id);
}

/* ---- a published input of an organization suspended since ------------------- */

/*
 * Quillon agreed to publish its input; after the summary it is everyone's
 * who sees the dialogue.  Suspended later (at its own request, say), its
 * name and input are no longer shown to the public, members or focal
 * points while it is, on the list, the page or its file; its own people
 * and staff still read it.
 */
static void
test_suspended_input(void **state)
{
	const char *who[] = { NULL, bo_tok, fe_tok, no_tok };
	char in[96], path[128], file[200];
	const struct ts_res *r;
	int64_t dlg, wg, call, ev;
	json_t *j;
	size_t i;

	(void)state;
	dlg = dialogue_made("Suspended input dialogue 3", 91, &wg, &call, &ev);
	(void)approved(call, ada_tok, quillon);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	{
		static const char doc[] = "Our findings.\n";
		const struct ts_part parts[] = {
			{ "body", "Quillon-published-input", 0, NULL, NULL },
			{ "publish", "yes", 0, NULL, NULL },
			{ "file", doc, sizeof doc - 1, "findings.txt", "text/plain" },
		};

		r = ts_multipart_api(plain, "POST", in, ada_tok, parts, 3);
		STATUS(r, 201);
		j = ts_jbody(r);
		snprintf(file, sizeof file, "%s", json_string_value(json_object_get(
		    json_object_get(j, "file"), "url")));
		json_decref(j);
	}
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)dlg);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Out.")), 200);
	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		HAS(tr_api("GET", in, who[i], NULL), "Quillon-published-input");
		STATUS(tr_api("GET", file, who[i], NULL), 200);
	}
	snprintf(path, sizeof path, "/dialogues/%lld", (long long)dlg);
	HAS(ts_get(plain, path), "Quillon-published-input");

	org_status(quillon, "suspended");
	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		r = tr_api("GET", in, who[i], NULL);
		STATUS(r, 200);
		LACKS(r, "Quillon-published-input");
		LACKS(r, QUILLON);
		STATUS(tr_api("GET", file, who[i], NULL), 404);
	}
	LACKS(ts_get(plain, path), "Quillon-published-input");
	LACKS(ts_get(plain, path), QUILLON);
	HAS(tr_api("GET", in, staff_tok, NULL), "Quillon-published-input");
	HAS(tr_api("GET", in, ada_tok, NULL), "Quillon-published-input");
	org_status(quillon, "approved");
	HAS(tr_api("GET", in, bo_tok, NULL), "Quillon-published-input");
	HAS(ts_get(plain, path), "Quillon-published-input");
}

/* ---- an organization that hides its country, in a dialogue ---------------------- */

/*
 * Veiled shows its country to members only (not to governments): the
 * country page lists it among Kenya's stakeholders for a member, never
 * for Kenya's focal point -- nor, then, among those of Kenya who took
 * part in a dialogue.  Its country staff's only: nobody's but staff's.
 */
static void
test_hidden_country_dialogue(void **state)
{
	struct ts_browser *st;
	char path[96], tok[129];
	int64_t veiled, vh, dlg, wg, call, ev;

	(void)state;
	veiled = ts_org_import(db_url, "Veiled Third Harbour", "KE", "info@veiled-3ra.example",
	    NULL);
	assert_true(veiled > 0);
	tr_account("vh@veiled-3ra.example", "member", veiled, tok, &vh);
	st = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(st);
	assert_int_equal(ts_org_admin(st, veiled, vh), 0);
	ts_browser_free(st);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)veiled);
	STATUS(tr_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "country",
	    "nongovernmental")), 200);
	dlg = dialogue_made("Veiled dialogue 3", 92, &wg, &call, &ev);
	(void)dlg;
	(void)approved(call, tok, veiled);
	HAS(tr_api("GET", "/api/v1/countries/KE", bo_tok, NULL), "Veiled Third Harbour");
	LACKS(tr_api("GET", "/api/v1/countries/KE", fe_tok, NULL), "Veiled Third Harbour");
	LACKS(tr_api("GET", "/api/v1/country", fe_tok, NULL), "Veiled Third Harbour");
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, FE, PW);

		assert_non_null(b);
		LACKS(ts_get(b, "/country"), "Veiled Third Harbour");
		ts_browser_free(b);
	}
	STATUS(tr_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "country",
	    "staff")), 200);
	LACKS(tr_api("GET", "/api/v1/countries/KE", bo_tok, NULL), "Veiled Third Harbour");
	HAS(tr_api("GET", "/api/v1/countries/KE", tok, NULL), "Veiled Third Harbour");
	HAS(tr_api("GET", "/api/v1/countries/KE", staff_tok, NULL), "Veiled Third Harbour");
}

/* ---- who wrote a published input ------------------------------------------------ */

/*
 * A published input is everyone's who sees the dialogue, and so is the
 * organization it came from; the name of the person who wrote it is as
 * the organization shows its people (members by default: not a
 * visitor's, an applicant's or a government's).  An organization that
 * shows its people to staff only has its people's names kept from
 * members too, in the inputs and the dialogue's participants.
 */
static void
test_input_author(void **state)
{
	struct ts_browser *b;
	char in[96], path[128], dpath[96];
	int64_t dlg, wg, call, ev;

	(void)state;
	dlg = dialogue_made("Author dialogue 3", 93, &wg, &call, &ev);
	(void)approved(call, ada_tok, quillon);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	snprintf(dpath, sizeof dpath, "/api/v1/dialogues/%lld", (long long)dlg);
	STATUS(tr_api("POST", in, ada_tok, json_pack("{s:s,s:b}", "body", "Authored-input-3",
	    "publish", 1)), 201);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)dlg);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Out.")), 200);
	HAS(tr_api("GET", in, NULL, NULL), "Authored-input-3");
	HAS(tr_api("GET", in, NULL, NULL), QUILLON);
	LACKS(tr_api("GET", in, NULL, NULL), ADA);
	LACKS(tr_api("GET", in, no_tok, NULL), ADA);
	LACKS(tr_api("GET", in, fe_tok, NULL), ADA);
	snprintf(path, sizeof path, "/dialogues/%lld", (long long)dlg);
	LACKS(ts_get(plain, path), ADA);
	HAS(tr_api("GET", in, bo_tok, NULL), ADA);
	HAS(tr_api("GET", dpath, bo_tok, NULL), ADA);

	/* Quillon shows its people to staff only */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	STATUS(tr_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "people",
	    "staff")), 200);
	LACKS(tr_api("GET", in, bo_tok, NULL), ADA);
	LACKS(tr_api("GET", dpath, bo_tok, NULL), ADA);
	HAS(tr_api("GET", dpath, bo_tok, NULL), QUILLON);
	b = ts_signed_in(&srv, NULL, BO, PW);
	assert_non_null(b);
	snprintf(path, sizeof path, "/dialogues/%lld", (long long)dlg);
	LACKS(ts_get(b, path), ADA);
	ts_browser_free(b);
	HAS(tr_api("GET", in, cy_tok, NULL), ADA);
	HAS(tr_api("GET", in, staff_tok, NULL), ADA);
	HAS(tr_api("GET", dpath, staff_tok, NULL), ADA);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	STATUS(tr_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "people",
	    "nongovernmental")), 200);
}

/* ---- a focal point through a pilot initiative's call -------------------------- */

/*
 * A government's focal point takes part in an initiative as its focal
 * point, named by staff: Uganda's may not apply to the call of Kenya's
 * initiative (403 with the rule), nor would a place as an "expert" that
 * came from such a call before give them the space.
 */
static void
test_focal_pilot_call(void **state)
{
	const struct ts_res *r;
	char path[96];
	int64_t call, id;
	json_t *j;

	(void)state;
	r = tr_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,"
	    "s:{s:b,s:s}}", "kind", "pilot_initiative", "title", "Partners for the third pilot",
	    "timezone", "Africa/Nairobi", "closes", "2031-04-01T23:59", "status", "open",
	    "eligibility", "experts", 1, "audience", "open"));
	STATUS(r, 201);
	j = ts_jbody(r);
	call = tr_num(j, "id");
	json_decref(j);
	id = tr_made("/api/v1/initiatives", staff_tok, json_pack("{s:s,s:s,s:s,s:I}", "country",
	    "KE", "title", "Attack 3: pilot call", "status", "active", "call_id",
	    (json_int_t)call));
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	r = tr_api("POST", path, gu_tok, json_pack("{s:s,s:{}}", "status", "submitted", "answers"));
	STATUS(r, 403);
	HAS(r, "focal point");
	r = tr_api("POST", path, fe_tok, json_pack("{s:s,s:{}}", "status", "submitted", "answers"));
	STATUS(r, 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM call_applications WHERE call_id = %lld",
	    (long long)call), 0);
	/* a member applies as an expert: that holds */
	STATUS(tr_api("POST", path, ed_tok, json_pack("{s:s,s:{}}", "status", "submitted",
	    "answers")), 201);
	/* an expert's place held by a focal point opens nothing */
	ts_sql_int("INSERT INTO initiative_participants (initiative_id, kind, ref, user_id, "
	    "source, added_by, created_at) VALUES (%lld, 'expert', %lld, %lld, 'call', %lld, 1)",
	    (long long)id, (long long)gu_id, (long long)gu_id, (long long)gu_id);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	STATUS(tr_api("GET", path, gu_tok, NULL), 403);
	LACKS(tr_api("GET", "/api/v1/account", gu_tok, NULL), "Attack 3: pilot call");
}

/* ---- a focal point moved to another country ------------------------------------ */

/*
 * Fe, Kenya's focal point and a participant of Kenya's initiative, is
 * moved to Uganda: Kenya's initiative space, its updates (and their
 * mail) and Kenya's dialogues' participants are no longer theirs; back
 * in Kenya, they are again.
 */
static void
test_focal_moved(void **state)
{
	char space[96], upd[96];
	struct ts_mail m;
	int64_t id;
	int got = 0;

	(void)state;
	id = tr_initiative("Attack 3: focal moved", fe_id, quillon, ed_id);
	snprintf(space, sizeof space, "/api/v1/initiatives/%lld/space", (long long)id);
	snprintf(upd, sizeof upd, "/api/v1/initiatives/%lld/updates", (long long)id);
	STATUS(tr_api("GET", space, fe_tok, NULL), 200);
	while (ts_mail_wait(&sink, FE, 300, &m) == 0)	/* what came before */
		ts_mail_free(&m);
	ts_sql_int("UPDATE users SET country = 'UG' WHERE id = %lld", (long long)fe_id);
	STATUS(tr_api("GET", space, fe_tok, NULL), 403);
	STATUS(tr_api("POST", upd, fe_tok, json_pack("{s:s}", "body", "From the moved")), 403);
	LACKS(tr_api("GET", "/api/v1/account", fe_tok, NULL), "Attack 3: focal moved");
	STATUS(tr_api("GET", "/api/v1/countries/KE", fe_tok, NULL), 403);
	STATUS(tr_api("POST", upd, cy_tok, json_pack("{s:s}", "body", "Moved-focal-not-told")),
	    201);
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "mail", 10000), 0);
	while (ts_mail_wait(&sink, FE, 1000, &m) == 0) {
		if (strstr(m.body, "Moved-focal-not-told"))
			got = 1;
		ts_mail_free(&m);
	}
	assert_false(got);
	ts_sql_int("UPDATE users SET country = 'KE' WHERE id = %lld", (long long)fe_id);
	STATUS(tr_api("GET", space, fe_tok, NULL), 200);
}

/* ---- the summary's mail, run after the session went private ----------------------- */

/*
 * The summary's mail goes out in batches, a run at a time (and a failed
 * run is retried later, or by staff at /staff/jobs): a run after staff
 * made the session private mails no member of a dialogue they may no
 * longer see.  Here, Zed joins after the first run, the session becomes
 * staff's, and a run comes again.
 */
static void
test_summary_mail_after_hidden(void **state)
{
	char path[96], tok[129];
	struct ts_mail m;
	int64_t dlg, wg, call, ev;
	int got = 0;

	(void)state;
	dlg = dialogue_made("Mailed-then-hidden-3", 97, &wg, &call, &ev);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)dlg);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Out.")), 200);
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "dialogue_summary_mail", 20000), 0);
	tr_account("zed@norrow-3ra.example", "member", norrow, tok, NULL);
	ts_sql_int("UPDATE events SET visibility = 'staff' WHERE id = %lld", (long long)wg);
	ts_sql_int("INSERT INTO jobs (kind, payload, status, run_after, attempts, created_at, "
	    "updated_at) VALUES ('dialogue_summary_mail', '{\"dialogue\":%lld}', 'queued', 0, "
	    "0, 1, 1)", (long long)dlg);
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "dialogue_summary_mail", 20000), 0);
	assert_int_equal(ts_jobs_idle(plain, staff_tok, "mail", 20000), 0);
	while (ts_mail_wait(&sink, "zed@norrow-3ra.example", 1000, &m) == 0) {
		if (strstr(m.subject, "Mailed-then-hidden-3") || strstr(m.body,
		    "Mailed-then-hidden-3"))
			got = 1;
		ts_mail_free(&m);
	}
	if (got)
		printf("# a member was mailed the summary of a dialogue now staff's\n");
	assert_false(got);
}

/* ---- an expert's page and the organization they are one of -------------------- */

/*
 * Ed, an expert, is also one of Quillon's people.  Quillon is a partner of
 * an initiative Ed takes no part in himself: his page does not list it
 * for a member or a focal point (it would tell whose person he is, which
 * Quillon may keep from governments, or even from members), as it does
 * for himself and staff; an initiative he takes part in as an expert
 * stays listed for members.
 */
static void
test_person_page_org_part(void **state)
{
	char path[96];
	int64_t id;

	(void)state;
	id = tr_made("/api/v1/initiatives", staff_tok, json_pack("{s:s,s:s,s:s}", "country", "KE",
	    "title", "Attack 3: Quillon's only", "status", "active"));
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants", (long long)id);
	STATUS(tr_api("POST", path, staff_tok, json_pack("{s:s,s:I}", "kind", "organization",
	    "organization_id", (json_int_t)quillon)), 201);
	(void)tr_initiative("Attack 3: Ed's own", fe_id, quillon, ed_id);
	ts_sql_int("INSERT INTO org_members (org_id, user_id, is_admin, listed, created_at) "
	    "VALUES (%lld, %lld, 0, 1, 1)", (long long)quillon, (long long)ed_id);
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)ed_id);
	LACKS(tr_api("GET", path, fe_tok, NULL), "Quillon's only");
	LACKS(tr_api("GET", path, bo_tok, NULL), "Quillon's only");
	HAS(tr_api("GET", path, bo_tok, NULL), "Ed's own");
	HAS(tr_api("GET", path, ed_tok, NULL), "Quillon's only");
	HAS(tr_api("GET", path, staff_tok, NULL), "Quillon's only");
	HAS(tr_api("GET", "/api/v1/account", ed_tok, NULL), "Quillon's only");
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, FE, PW);

		assert_non_null(b);
		snprintf(path, sizeof path, "/people/%lld", (long long)ed_id);
		LACKS(ts_get(b, path), "Quillon&#x27;s only");
		LACKS(ts_get(b, path), "Quillon's only");
		ts_browser_free(b);
	}
	ts_sql_int("DELETE FROM org_members WHERE user_id = %lld", (long long)ed_id);
}

/* ---- after the gaps of issue 17 (h-g17a, h-g17b merged) ---------------------- */

/* A dialogue titled title on a new firearms session of status status
 * (held 2031-05-19..21), under review countries (a JSON array, consumed),
 * its call open; its id, its call's into *call. */
static int64_t
dialogue_on(const char *title, int number, const char *status, json_t *countries,
    int64_t *call)
{
	int64_t wg = tr_session_made("firearms", number, "2031-05-19T10:00", "2031-05-21T18:00",
	    status);
	int64_t prep = tr_event_made("Preparation day", "2031-05-22T09:00", "2031-05-22T17:00",
	    ROOM);
	int64_t ev = tr_event_made("The dialogue", "2031-05-23T09:00", "2031-05-23T17:00", ROOM);

	*call = tr_call_made("A call for stakeholders 3", "2031-04-01T23:59");	/* public */
	return tr_made("/api/v1/dialogues", staff_tok, json_pack("{s:s,s:I,s:I,s:I,s:I,s:s,s:o}",
	    "title", title, "meeting_id", (json_int_t)wg, "prep_event_id", (json_int_t)prep,
	    "event_id", (json_int_t)ev, "call_id", (json_int_t)call[0], "inputs_close",
	    "2031-06-30T18:00", "countries", countries));
}

/*
 * The account export and the account page give a person their own
 * applications to dialogues: the title of a dialogue whose session is
 * still staff's draft is not theirs to read (404 everywhere else).
 */
static void
test_export_hidden_dialogue(void **state)
{
	char path[96];
	int64_t dlg, call;

	(void)state;
	dlg = dialogue_on("Secret-dialogue-title-3", 94, "draft", json_array(), &call);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)dlg);
	STATUS(tr_api("GET", path, bo_tok, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	STATUS(tr_api("POST", path, bo_tok, json_pack("{s:I,s:s,s:{s:s,s:s}}", "organization_id",
	    (json_int_t)norrow, "status", "submitted", "answers", "expertise", "Borders",
	    "speaker_gender", "man")), 201);
	LACKS(tr_api("GET", "/api/v1/me/export", bo_tok, NULL), "Secret-dialogue-title-3");
	LACKS(tr_api("GET", "/api/v1/account", bo_tok, NULL), "Secret-dialogue-title-3");
	HAS(tr_api("GET", path, staff_tok, NULL), "Borders");
}

/*
 * Changing or withdrawing what one wrote in an initiative's space is
 * taking part: not for one who no longer does (an expert whose membership
 * ended, the people of a suspended partner, a focal point through an
 * organization), nor for another participant than its author.
 */
static void
test_former_edits(void **state)
{
	const struct ts_res *r;
	char upd[96], outp[96], u1[128], u2[128], o1[128];
	int64_t id, oid = 0;
	json_t *j, *o;
	size_t i;

	(void)state;
	id = tr_initiative("Attack 3: edits", fe_id, quillon, ed_id);
	snprintf(upd, sizeof upd, "/api/v1/initiatives/%lld/updates", (long long)id);
	snprintf(outp, sizeof outp, "/api/v1/initiatives/%lld/outputs", (long long)id);
	r = tr_api("POST", upd, ed_tok, json_pack("{s:s}", "body", "Ed's update"));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(u1, sizeof u1, "%s/%lld", upd, (long long)tr_num(j, "id"));
	json_decref(j);
	r = tr_api("POST", upd, cy_tok, json_pack("{s:s}", "body", "Cy's update"));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(u2, sizeof u2, "%s/%lld", upd, (long long)tr_num(j, "id"));
	json_decref(j);
	r = tr_api("POST", outp, cy_tok, json_pack("{s:s,s:s,s:s}", "kind", "lessons_learned",
	    "title", "Cy's draft 3", "body", "Draft."));
	STATUS(r, 201);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "outputs"), i, o)
		if (strcmp(json_string_value(json_object_get(o, "title")), "Cy's draft 3") == 0)
			oid = tr_num(o, "id");
	json_decref(j);
	assert_true(oid > 0);
	snprintf(o1, sizeof o1, "%s/%lld", outp, (long long)oid);
	/* another than the author, an outsider */
	STATUS(tr_api("PATCH", u2, ada_tok, json_pack("{s:s}", "body", "Not mine")), 403);
	STATUS(tr_api("PATCH", u2, bo_tok, json_pack("{s:s}", "body", "Outsider")), 403);
	STATUS(tr_api("DELETE", o1, bo_tok, NULL), 403);
	STATUS(tr_api("PATCH", u2, NULL, json_pack("{s:s}", "body", "Visitor")), 401);
	/* Ed an applicant again */
	ts_sql_int("UPDATE users SET role = 'applicant' WHERE id = %lld", (long long)ed_id);
	STATUS(tr_api("PATCH", u1, ed_tok, json_pack("{s:s}", "body", "After")), 403);
	STATUS(tr_api("DELETE", u1, ed_tok, NULL), 403);
	ts_sql_int("UPDATE users SET role = 'member' WHERE id = %lld", (long long)ed_id);
	/* Quillon suspended */
	org_status(quillon, "suspended");
	STATUS(tr_api("PATCH", u2, cy_tok, json_pack("{s:s}", "body", "Suspended")), 403);
	STATUS(tr_api("PATCH", o1, cy_tok, json_pack("{s:s}", "title", "Suspended")), 403);
	STATUS(tr_api("DELETE", o1, cy_tok, NULL), 403);
	org_status(quillon, "approved");
	/* Gu, Uganda's focal point, one of Quillon's people */
	ts_sql_int("INSERT INTO org_members (org_id, user_id, is_admin, listed, created_at) "
	    "VALUES (%lld, %lld, 0, 1, 1)", (long long)quillon, (long long)gu_id);
	STATUS(tr_api("DELETE", o1, gu_tok, NULL), 403);
	ts_sql_int("DELETE FROM org_members WHERE user_id = %lld", (long long)gu_id);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_updates WHERE body IN "
	    "('Not mine', 'Outsider', 'After', 'Suspended', 'Visitor')"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_outputs WHERE id = %lld",
	    (long long)oid), 1);
	/* the author, a participant still, may */
	STATUS(tr_api("PATCH", u2, cy_tok, json_pack("{s:s}", "body", "Cy's update, edited")), 200);
}

/*
 * Staff's CSV of the initiatives is staff's, and a title that is a
 * formula is text in it.
 */
static void
test_initiatives_csv(void **state)
{
	const struct ts_res *r;

	(void)state;
	(void)tr_made("/api/v1/initiatives", staff_tok, json_pack("{s:s,s:s,s:s}", "country", "KE",
	    "title", "=HYPERLINK(\"https://evil.example\",\"3\")", "status", "proposed"));
	r = tr_api("GET", "/staff/initiatives.csv", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "'=HYPERLINK");
	LACKS(r, ",=HYPERLINK");
	LACKS(r, ",\"=HYPERLINK");
	STATUS(tr_api("GET", "/staff/initiatives.csv", bo_tok, NULL), 403);
	STATUS(tr_api("GET", "/staff/initiatives.csv", fe_tok, NULL), 403);
	r = tr_api("GET", "/staff/initiatives.csv", NULL, NULL);
	assert_true(r->status == 401 || r->status == 303);
}

/*
 * The same of dialogues: Quillon (Ed one of its people, its admin even,
 * who filed its application and wrote its input) took part in a
 * dialogue; Ed's page does not list it for a member or a focal point, as
 * it does for Ed and staff; his own application as an expert stays.
 */
static void
test_person_page_org_dialogue(void **state)
{
	char path[96], in[96];
	struct ts_browser *st;
	int64_t dlg, wg, call, ev, own, call2;

	(void)state;
	ts_sql_int("INSERT INTO org_members (org_id, user_id, is_admin, listed, created_at) "
	    "VALUES (%lld, %lld, 1, 1, 1)", (long long)quillon, (long long)ed_id);
	dlg = dialogue_made("Quillon-dialogue-of-Ed-3", 98, &wg, &call, &ev);
	(void)approved(call, ed_tok, quillon);
	snprintf(in, sizeof in, "/api/v1/dialogues/%lld/inputs", (long long)dlg);
	STATUS(tr_api("POST", in, ed_tok, json_pack("{s:s}", "body", "For Quillon")), 201);
	own = dialogue_made("Ed-own-dialogue-3", 99, &wg, &call2, &ev);
	(void)own;
	(void)approved(call2, ed_tok, 0);
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)ed_id);
	LACKS(tr_api("GET", path, fe_tok, NULL), "Quillon-dialogue-of-Ed-3");
	LACKS(tr_api("GET", path, bo_tok, NULL), "Quillon-dialogue-of-Ed-3");
	HAS(tr_api("GET", path, bo_tok, NULL), "Ed-own-dialogue-3");
	HAS(tr_api("GET", path, ed_tok, NULL), "Quillon-dialogue-of-Ed-3");
	HAS(tr_api("GET", path, staff_tok, NULL), "Quillon-dialogue-of-Ed-3");
	st = ts_signed_in(&srv, NULL, FE, PW);
	assert_non_null(st);
	snprintf(path, sizeof path, "/people/%lld", (long long)ed_id);
	LACKS(ts_get(st, path), "Quillon-dialogue-of-Ed-3");
	ts_browser_free(st);
	ts_sql_int("DELETE FROM org_members WHERE user_id = %lld", (long long)ed_id);
}

/* ---- staff demoted while signed in ------------------------------------------- */

/*
 * A staff member made a member while signed in (a browser session and a
 * token) loses staff's pages and writes from the next request on.
 */
static void
test_staff_demoted(void **state)
{
	char tok[129], path[128];
	struct ts_browser *b;
	int64_t uid, id, dlg, wg, call, ev;

	(void)state;
	tr_account("st2@third-ra.test", "staff", 0, tok, &uid);
	id = tr_initiative("Attack 3: demoted staff", fe_id, quillon, ed_id);
	dlg = dialogue_made("Demoted staff dialogue 3", 87, &wg, &call, &ev);
	b = ts_signed_in(&srv, NULL, "st2@third-ra.test", PW);
	assert_non_null(b);
	STATUS(ts_get(b, "/staff/reviews"), 200);
	ts_sql_int("UPDATE users SET role = 'member' WHERE id = %lld", (long long)uid);
	STATUS(ts_get(b, "/staff/reviews"), 403);
	STATUS(ts_form(b, "/staff/initiatives/new", "country", "KE", "title", "By-demoted-staff",
	    (char *)NULL), 403);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants", (long long)dlg);
	STATUS(ts_get(b, path), 403);
	ts_browser_free(b);
	STATUS(tr_api("GET", "/api/v1/reviews", tok, NULL), 403);
	STATUS(tr_api("PUT", "/api/v1/reviews/KE", tok, json_pack("{s:s,s:i,s:s,s:s,s:s}",
	    "cluster", "criminalization_jurisdiction", "year", 2026, "reviewer_1", "GH",
	    "reviewer_2", "PE", "stage", "self_assessment")), 403);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	STATUS(tr_api("GET", path, tok, NULL), 403);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)dlg);
	STATUS(tr_api("POST", path, tok, json_pack("{s:s}", "summary", "By demoted staff")), 403);
	snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants", (long long)dlg);
	STATUS(tr_api("GET", path, tok, NULL), 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiatives WHERE title = "
	    "'By-demoted-staff'"), 0);
}

/* ---- set-up ------------------------------------------------------------------ */

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
	quillon = ts_org_import(db_url, QUILLON, "KE", "info@quillon-3ra.example", NULL);
	norrow = ts_org_import(db_url, "Norrow Third Network", "KE", "info@norrow-3ra.example",
	    NULL);
	assert_true(quillon > 0 && norrow > 0);
	tr_account(STAFF, "staff", 0, staff_tok, NULL);
	tr_account(FE, "focal", 0, fe_tok, &fe_id);
	tr_account("gu@interior-3ra.go.ug", "focal", 0, gu_tok, &gu_id);
	tr_account(ADA, "member", quillon, ada_tok, &ada_id);
	tr_account(CY, "member", quillon, cy_tok, &cy_id);
	tr_account(BO, "member", norrow, bo_tok, &bo_id);
	tr_account(ED, "member", 0, ed_tok, &ed_id);
	tr_account("no@applicant-3ra.example", "applicant", 0, no_tok, NULL);
	ts_sql_int("UPDATE users SET country = 'KE' WHERE id = %lld", (long long)fe_id);
	ts_sql_int("UPDATE users SET country = 'UG' WHERE id = %lld", (long long)gu_id);
	ts_sql_int("INSERT INTO experts (user_id, status, name, country, created_at, "
	    "updated_at) VALUES (%lld, 'approved', 'Ed Expert', 'KE', 1, 1)", (long long)ed_id);
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
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
		cmocka_unit_test(test_focal_nongov_documents),
		cmocka_unit_test(test_session_hidden_after),
		cmocka_unit_test(test_focal_dialogue_people),
		cmocka_unit_test(test_expert_demoted),
		cmocka_unit_test(test_suspended_named),
		cmocka_unit_test(test_left_dialogue_link),
		cmocka_unit_test(test_staff_demoted),
		cmocka_unit_test(test_deleted_participant),
		cmocka_unit_test(test_csv_formulas),
		cmocka_unit_test(test_focal_also_member),
		cmocka_unit_test(test_suspended_input),
		cmocka_unit_test(test_hidden_country_dialogue),
		cmocka_unit_test(test_input_author),
		cmocka_unit_test(test_focal_pilot_call),
		cmocka_unit_test(test_focal_moved),
		cmocka_unit_test(test_summary_mail_after_hidden),
		cmocka_unit_test(test_person_page_org_part),
		cmocka_unit_test(test_export_hidden_dialogue),
		cmocka_unit_test(test_former_edits),
		cmocka_unit_test(test_initiatives_csv),
		cmocka_unit_test(test_person_page_org_dialogue),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("review_attack3", tests, setup, teardown);
}
