/*
 * ahead.c -- the dialogues still ahead for a country, for its focal
 * point's open opportunities (/country): a dialogue whose call takes
 * applications or whose preparation day or dialogue is still to come, and
 * which concerns the country -- it is among the dialogue's countries under
 * review, or staff invited one of its focal points (invitations.c).  An
 * organization's application does not count: it is not the government's
 * to know (the organization may hide its country from governments, and
 * staff may not have decided).  Seen as its session is (EV_VISIBLE), like
 * every dialogue; the dates of its preparation day and dialogue only while
 * those events are published to members or the public.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/dialogues/dialogues_int.h"
#include "core/util.h"
#include "db/db.h"

enum ws_err
dialogues_ahead_of_country(struct req *r, const char *country, int64_t now, json_t **out)
{
	struct dlg_viewer v;
	struct db_q *q;
	char like[16];
	enum ws_err rc;

	dlg_viewer_of(r, &v);
	*out = json_array();
	snprintf(like, sizeof like, "%%\"%.2s\"%%", country);
	q = db_start(req_db(r), ST_DLG_AHEAD_OF_COUNTRY);
	db_bind_text(q, 1, like);
	db_bind_text(q, 2, country);
	db_bind_int(q, 3, v.staff);
	db_bind_int(q, 4, v.member);
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, now);
	db_bind_int(q, 7, now);
	db_bind_text(q, 8, like);
	db_bind_text(q, 9, country);
	while ((rc = db_step(q)) == WS_OK) {
		int64_t closes = db_col_int(q, DLG_AH_C_CALL_CLOSES);
		int64_t prep = db_col_int(q, DLG_AH_C_PREP_START);
		int64_t start = db_col_int(q, DLG_AH_C_START);
		int open = strcmp(db_col_text(q, DLG_AH_C_CALL_STATUS), "open") == 0 && closes > now;
		const char *what;
		int64_t at;

		/* what comes first of what is still ahead */
		if (open) {
			what = "call_closes";
			at = closes;
		} else if (prep > now) {
			what = "preparation_day";
			at = prep;
		} else {
			what = "dialogue";
			at = start;
		}
		json_array_append_new(*out, json_pack("{s:s,s:I,s:s,s:s,s:s,s:I,s:s,s:b,s:b}", "type",
		    "dialogue", "id", (json_int_t)db_col_int(q, DLG_AH_C_ID), "title",
		    db_col_text(q, DLG_AH_C_TITLE), "href", arena_printf(r->a, "/dialogues/%lld",
		    (long long)db_col_int(q, DLG_AH_C_ID)), "what", what, "at", (json_int_t)at,
		    "timezone", db_col_text(q, DLG_AH_C_TIMEZONE), "under_review",
		    db_col_int(q, DLG_AH_C_UNDER_REVIEW) != 0, "invited",
		    db_col_int(q, DLG_AH_C_INVITED) != 0));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}
