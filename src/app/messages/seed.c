/*
 * seed.c -- `whatson seed --demo`: a few conversations, so the demo's
 * /messages is not empty.  The demo member wrote to an expert of the
 * directory (Amina Wanjiru), who answered; staff wrote to the member, who
 * has not read the answer yet (the header shows it unread); the demo focal
 * point asked staff a question.  No mail is sent.  Seeding again adds
 * nothing (a pair of people has one conversation: it is the key).
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/messages/messages_int.h"
#include "core/arena.h"
#include "core/util.h"
#include "db/db.h"

#define HOUR 3600

struct seed_msg {
	int from_a;	/* 1: the conversation's first person wrote it */
	int hours_ago;
	const char *body;
};

/* Conversation of a and b with msgs[0..n), unless they have one; *added
 * counts it. */
static enum ws_err
seed_one(struct db *d, int64_t a, int64_t b, const struct seed_msg *msgs, size_t n,
    int read_by_b, int *added)
{
	char pair[48];
	int64_t conv = 0, mid = 0, now = now_s();
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	snprintf(pair, sizeof pair, "%lld:%lld", (long long)(a < b ? a : b),
	    (long long)(a < b ? b : a));
	q = db_start(d, ST_MSG_CONV_BY_PAIR);
	db_bind_text(q, 1, pair);
	rc = db_step(q);
	db_end(q);
	if (rc == WS_OK)
		return WS_OK;	/* seeded before */
	if (rc != WS_EDONE)
		return rc;
	q = db_start(d, ST_MSG_CONV_INSERT);
	db_bind_text(q, 1, pair);
	db_bind_int(q, 2, a);
	db_bind_int(q, 3, b);
	db_bind_int(q, 4, now - msgs[0].hours_ago * HOUR);
	if ((rc = db_step(q)) == WS_OK)
		conv = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	for (i = 0; i < n && rc == WS_OK; i++) {
		int64_t from = msgs[i].from_a ? a : b;

		q = db_start(d, ST_MSG_INSERT);
		db_bind_int(q, 1, conv);
		db_bind_int(q, 2, from);
		db_bind_text(q, 3, msgs[i].body);
		db_bind_int(q, 4, 0);
		db_bind_int(q, 5, now - msgs[i].hours_ago * HOUR);
		if ((rc = db_step(q)) == WS_OK)
			mid = db_col_int(q, 0);
		db_end(q);
		if (rc == WS_OK)
			rc = msg_read_set(d, conv, from, mid);
	}
	if (rc == WS_OK && read_by_b)
		rc = msg_read_set(d, conv, b, mid);
	if (rc == WS_OK)
		(*added)++;
	return rc;
}

enum ws_err
msg_seed_demo(struct db *d, int64_t staff_id, int64_t member_id, int64_t focal_id,
    int *added)
{
	static const struct seed_msg expert[] = {
		{ 1, 50, "Dear Dr Wanjiru,\n\nWe are preparing a submission on witness protection "
		  "for the review of Kenya. Could we ask you a few questions about your research "
		  "on the courts?" },
		{ 0, 30, "Gladly. I am free on Thursday afternoon; a call of half an hour would "
		  "do. Send me your questions beforehand if you can." },
		{ 1, 28, "Thank you! The questions follow by Wednesday." },
	};
	static const struct seed_msg staff[] = {
		{ 1, 6, "Hello Mia, your organization's profile still lists last year's "
		  "contact address. Could you update it before the next session?" },
		{ 0, 5, "Of course, I will do it this week." },
		{ 1, 1, "Thank you. The accreditation deadline is in three weeks." },
	};
	static const struct seed_msg focal[] = {
		{ 1, 20, "Good morning, when will the list of accredited organizations for the "
		  "next session be published?" },
		{ 0, 18, "It is published two weeks before the session opens, on the session's "
		  "page." },
	};
	struct arena *a = arena_new();
	struct user ex;
	enum ws_err rc;

	*added = 0;
	rc = user_by_email(d, a, "expert1@example.org", &ex);
	if (rc == WS_OK)
		rc = seed_one(d, member_id, ex.id, expert, sizeof expert / sizeof expert[0], 1,
		    added);
	else if (rc == WS_ENOTFOUND)
		rc = WS_OK;	/* no demo expert: nobody to write to */
	if (rc == WS_OK)
		rc = seed_one(d, staff_id, member_id, staff, sizeof staff / sizeof staff[0], 0,
		    added);
	if (rc == WS_OK)
		rc = seed_one(d, focal_id, staff_id, focal, sizeof focal / sizeof focal[0], 1,
		    added);
	arena_free(a);
	return rc;
}
