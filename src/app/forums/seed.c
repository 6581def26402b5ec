/*
 * seed.c -- `whatson seed --demo`: two forums (one for every approved
 * person, one for members and staff only), each with threads started and
 * answered by the demo member and a few seeded members (or staff).  None
 * when the hub has a forum already, so seeding again adds nothing.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/forums/forums_int.h"
#include "core/util.h"
#include "db/db.h"

static const struct {
	int forum;		/* 0 or 1 */
	const char *title;
	const char *posts[4];	/* the first opens the thread; NULL ends */
} demo[] = {
	{ 0, "Asset recovery: what worked for you?",
	  { "We are preparing a shadow report on **asset recovery**. Which practices made a "
	    "difference in your country?",
	    "Joint investigation teams with the neighbouring country, and a prosecutor who "
	    "answered our letters.",
	    "Open registers of beneficial owners: journalists found the assets before the "
	    "police did.", NULL } },
	{ 0, "Introductions: who works on wildlife crime?",
	  { "Hello from the demo hub. Say who you are and what you work on.",
	    "Community rangers' network, East Africa: patrols and reporting lines.", NULL } },
	{ 1, "Protecting our staff when we publish",
	  { "Some of us publish on trafficking networks at some risk. How do you protect your "
	    "researchers?",
	    "We never name our field staff, and we publish from a partner abroad.",
	    "Digital security training every year; we share our checklist on request.",
	    NULL } },
};

static const struct {
	const char *title, *description, *audience, *theme;
} forums[] = {
	{ "Exchanges between members",
	  "Questions, experience and introductions, for every approved person of the hub, "
	  "state focal points included.", "members", "" },
	{ "Civil society room",
	  "For members and staff only: **focal points do not see this forum**.",
	  "nongovernmental", "corruption" },
};

enum ws_err
forums_seed_demo(struct app *app, struct db *d, int64_t staff_id, int64_t member_id,
    int *added)
{
	struct db_q *q;
	int64_t n = 0, fid[2] = { 0, 0 }, people[4], now = now_s();
	size_t npeople = 0, i, k;
	enum ws_err rc;

	(void)app;
	*added = 0;
	q = db_start(d, ST_FORUM_COUNT);
	if ((rc = db_step(q)) == WS_OK)
		n = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	if (n > 0)
		return WS_OK;
	people[npeople++] = member_id;
	q = db_start(d, ST_FORUM_SEED_MEMBERS);
	db_bind_int(q, 1, member_id);
	while (npeople < 4 && (rc = db_step(q)) == WS_OK)
		people[npeople++] = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK && rc != WS_EDONE)
		return rc;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	for (i = 0; rc == WS_OK && i < 2; i++) {
		q = db_start(d, ST_FORUM_INSERT);
		db_bind_text(q, 1, forums[i].title);
		db_bind_text(q, 2, forums[i].description);
		db_bind_text(q, 3, forums[i].theme);
		db_bind_int(q, 4, (int64_t)i);
		db_bind_text(q, 5, forums[i].audience);
		db_bind_int(q, 6, 0);
		db_bind_int(q, 7, staff_id);
		db_bind_int(q, 8, now);
		db_bind_int(q, 9, now);
		if ((rc = db_step(q)) == WS_OK)
			fid[i] = db_col_int(q, 0);
		else if (rc == WS_EDONE)
			rc = WS_EDB;
		db_end(q);
	}
	for (i = 0; rc == WS_OK && i < sizeof demo / sizeof demo[0]; i++) {
		int64_t tid = 0, at = now - (int64_t)(sizeof demo / sizeof demo[0] - i) * 86400;

		q = db_start(d, ST_FORUM_THREAD_INSERT);
		db_bind_int(q, 1, fid[demo[i].forum]);
		db_bind_int(q, 2, people[i % npeople]);
		db_bind_text(q, 3, demo[i].title);
		db_bind_int(q, 4, at);
		db_bind_int(q, 5, at);
		if ((rc = db_step(q)) == WS_OK)
			tid = db_col_int(q, 0);
		else if (rc == WS_EDONE)
			rc = WS_EDB;
		db_end(q);
		for (k = 0; rc == WS_OK && k < 4 && demo[i].posts[k]; k++) {
			/* the opener, then the others in turn (staff, when the demo
			 * member is alone) */
			int64_t uid = k == 0 ? people[i % npeople] : npeople < 2 ? staff_id :
			    people[(i + k) % npeople], pid = 0, t = at + (int64_t)k * 3600;

			q = db_start(d, ST_FORUM_POST_INSERT);
			db_bind_int(q, 1, tid);
			db_bind_int(q, 2, uid);
			db_bind_text(q, 3, demo[i].posts[k]);
			db_bind_int(q, 4, t);
			if ((rc = db_step(q)) == WS_OK)
				pid = db_col_int(q, 0);
			else if (rc == WS_EDONE)
				rc = WS_EDB;
			db_end(q);
			if (rc == WS_OK) {
				q = db_start(d, ST_FORUM_THREAD_BUMP);
				db_bind_int(q, 1, t);
				db_bind_int(q, 2, pid);
				db_bind_int(q, 3, tid);
				rc = db_exec(q, NULL);
				db_end(q);
			}
			if (rc == WS_OK) {
				q = db_start(d, ST_FORUM_SUB_AUTO);
				db_bind_int(q, 1, uid);
				db_bind_int(q, 2, fid[demo[i].forum]);
				db_bind_int(q, 3, tid);
				db_bind_int(q, 4, t);
				rc = db_exec(q, NULL);
				db_end(q);
			}
		}
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		return rc;
	}
	*added = 2;
	return WS_OK;
}
