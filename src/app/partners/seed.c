/*
 * seed.c -- `whatson seed --demo`: partner matching's demo.  Two more demo
 * accounts, each the admin of an approved organization: Pedro Alves
 * (partner1@example.org) of the first organization after the demo
 * member's, Grace Okafor (partner2@example.org) of the next.  The demo
 * member's organization asked Pedro's to connect and was accepted (their
 * conversation opened); Grace's asks the demo member's, waiting for an
 * answer.  Seeding again adds nothing (Pedro's account is the key).
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/messages/messages.h"
#include "app/orgs/orgs.h"
#include "app/partners/partners.h"
#include "core/util.h"
#include "db/db.h"

#define DAY 86400

/* The first two approved organizations (by name) other than not. */
static enum ws_err
two_others(struct db *d, int64_t not, int64_t *a, int64_t *b)
{
	struct db_q *q = db_start(d, ST_ORG_LIST);
	enum ws_err rc;

	*a = *b = 0;
	db_bind_int(q, 1, 10);
	db_bind_int(q, 2, 0);
	while ((rc = db_step(q)) == WS_OK) {
		int64_t id = db_col_int(q, ORG_C_ID);

		if (id == not)
			continue;
		if (!*a)
			*a = id;
		else if (!*b)
			*b = id;
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

static enum ws_err
request(struct db *d, int64_t from, int64_t to, int64_t by, const char *note, int64_t at,
    int64_t *id)
{
	struct db_q *q = db_start(d, ST_PTN_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, from);
	db_bind_int(q, 2, to);
	db_bind_int(q, 3, by);
	db_bind_int(q, 4, by);
	db_bind_text(q, 5, note);
	db_bind_int(q, 6, at);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	return rc;
}

enum ws_err
ptn_seed_demo(struct app *app, struct db *d, int64_t member_id, int *added)
{
	json_t *mine = NULL;
	int64_t org = 0, o1, o2, p1, p2, id, conv, now = now_s();
	struct db_q *q;
	enum ws_err rc;

	*added = 0;
	if ((rc = orgs_of_person(d, member_id, &mine)) != WS_OK)
		return rc;
	org = json_integer_value(json_object_get(json_array_get(mine, 0), "id"));
	json_decref(mine);
	if (!org)
		return WS_OK;	/* the demo member has no organization: nothing to match */
	if ((rc = two_others(d, org, &o1, &o2)) != WS_OK || !o1 || !o2)
		return rc;
	rc = user_create(app, d, "partner1@example.org", "Pedro Alves", "demo-partner-pass-2026",
	    "member", 1, 0, &p1);
	if (rc == WS_ECONFLICT)
		return WS_OK;	/* seeded before */
	if (rc != WS_OK || (rc = user_create(app, d, "partner2@example.org", "Grace Okafor",
	    "demo-partner-pass-2026", "member", 1, 0, &p2)) != WS_OK)
		return rc;
	if ((rc = org_member_add(d, o1, p1, 1, "Programme director", ROLE_MEMBER)) != WS_OK ||
	    (rc = org_member_add(d, o2, p2, 1, "Coordinator", ROLE_MEMBER)) != WS_OK)
		return rc;
	printf("member partner1@example.org  password: demo-partner-pass-2026\n"
	    "member partner2@example.org  password: demo-partner-pass-2026\n");
	/* accepted: the demo member's organization asked Pedro's */
	if ((rc = request(d, org, o1, member_id, "We work on the same themes in the same "
	    "region: could we share our monitoring methods?", now - 10 * DAY, &id)) != WS_OK ||
	    (rc = msg_conversation_open(d, member_id, p1, &conv)) != WS_OK)
		return rc;
	q = db_start(d, ST_PTN_DECIDE);
	db_bind_text(q, 1, "accepted");
	db_bind_int(q, 2, p1);
	db_bind_int(q, 3, now - 8 * DAY);
	db_bind_int(q, 4, p1);
	db_bind_int(q, 5, conv);
	db_bind_int(q, 6, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	/* pending: Grace's organization asks the demo member's */
	if ((rc = request(d, o2, org, p2, "We are preparing a joint submission for the next "
	    "review cycle and would welcome your experience.", now - 2 * DAY, &id)) != WS_OK)
		return rc;
	*added = 2;
	return WS_OK;
}
