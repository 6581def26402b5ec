/*
 * digest.c -- what of the news goes into a person's weekly digest
 * (src/app/digest/): the items published since their last one that they
 * may read.  The rule of who reads what is news.h's: public to everyone,
 * members' items to members, focal points and staff, drafts to nobody.
 */
#include <stdio.h>

#include "app/news/news_int.h"
#include "core/util.h"
#include "db/db.h"

enum ws_err
news_since(struct db *d, int members, int64_t since, int64_t now, int n, json_t **out)
{
	struct db_q *q = db_start(d, ST_NEWS_SINCE);
	enum ws_err rc;
	char ts[32];

	*out = json_array();
	db_bind_int(q, 1, since);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, members ? 1 : 0);
	db_bind_int(q, 4, n);
	while ((rc = db_step(q)) == WS_OK) {
		time_rfc3339((time_t)db_col_int(q, NSI_C_PUBLISHED_AT), ts, sizeof ts);
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:s,s:s}",
		    "id", (json_int_t)db_col_int(q, NSI_C_ID), "slug", db_col_text(q, NSI_C_SLUG),
		    "kind", db_col_text(q, NSI_C_KIND), "title", db_col_text(q, NSI_C_TITLE),
		    "published_at", ts));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}
