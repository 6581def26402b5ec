/*
 * digest.c -- what of the forums goes into a person's weekly digest
 * (src/app/digest/): the threads they follow with new replies, counted.
 * Who may read a forum is forums_may_read()'s rule, the one the reply mail
 * uses, asked again at each digest: one who lost access since they
 * followed a thread hears nothing of it.
 */
#include <stdio.h>
#include <string.h>

#include "app/forums/forums_int.h"
#include "db/db.h"

enum ws_err
forums_digest(struct db *d, int64_t uid, const char *role, int64_t since, int64_t now, int n,
    json_t **out)
{
	struct db_q *q;
	enum ws_err rc;
	int members = 0, nongov = 0;

	*out = json_array();
	if ((rc = forums_may_read(d, uid, role, "members", &members)) != WS_OK ||
	    (rc = forums_may_read(d, uid, role, "nongovernmental", &nongov)) != WS_OK)
		return rc;
	if (!members)
		return WS_OK;
	q = db_start(d, ST_FORUM_DIGEST);
	db_bind_int(q, 1, since);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, since);
	db_bind_int(q, 5, nongov ? 1 : 0);
	db_bind_int(q, 6, uid);
	db_bind_int(q, 7, uid);
	db_bind_int(q, 8, uid);
	db_bind_int(q, 9, n);
	while ((rc = db_step(q)) == WS_OK) {
		/* asked again row by row: the statement's filter is the rule's copy */
		if (strcmp(db_col_text(q, FDG_C_AUDIENCE), "members") != 0 && !nongov)
			continue;
		json_array_append_new(*out, json_pack("{s:I,s:I,s:s,s:s,s:I}",
		    "thread_id", (json_int_t)db_col_int(q, FDG_C_THREAD_ID),
		    "forum_id", (json_int_t)db_col_int(q, FDG_C_FORUM_ID),
		    "thread", db_col_text(q, FDG_C_THREAD), "forum", db_col_text(q, FDG_C_FORUM),
		    "new_replies", (json_int_t)db_col_int(q, FDG_C_NEW)));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}
