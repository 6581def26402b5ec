/*
 * review.c -- the issue 17 attack tests' shared helpers (see review.h).
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/review.h"

static const char *staff;

void
tr_use(struct ts_browser *b, const char *db, const char *password, const char *staff_tok)
{
	ta_use(b);
	ta_accounts(db, password);
	staff = staff_tok;
}

int64_t
tr_initiative(const char *title, int64_t fe, int64_t org, int64_t expert)
{
	int64_t id = ta_made("/api/v1/initiatives", staff, json_pack("{s:s,s:s,s:s,s:[I]}",
	    "country", "KE", "title", title, "status", "active", "focal_points",
	    (json_int_t)fe));
	char path[96];

	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants", (long long)id);
	STATUS(ta_api("POST", path, staff, json_pack("{s:s,s:I}", "kind", "organization",
	    "organization_id", (json_int_t)org)), 201);
	STATUS(ta_api("POST", path, staff, json_pack("{s:s,s:I}", "kind", "expert", "user_id",
	    (json_int_t)expert)), 201);
	return id;
}

int64_t
tr_session_made(const char *wg, int number, const char *start, const char *end,
    const char *status)
{
	return ta_made("/api/v1/meetings", staff, json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,"
	    "s:s}", "body", "untoc_wg", "number", number, "title", "A session", "timezone",
	    "Europe/Vienna", "start", start, "end", end, "status", status, "working_group",
	    wg));
}

int64_t
tr_event_made(const char *title, const char *start, const char *end, const char *online_url)
{
	json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "kind", "workshop", "title", title,
	    "timezone", "Europe/Vienna", "start", start, "end", end, "status", "published");

	if (online_url)
		json_object_set_new(b, "online_url", json_string(online_url));
	return ta_made("/api/v1/events", staff, b);
}

int64_t
tr_call_made(const char *title, const char *closes)
{
	return ta_made("/api/v1/calls", staff, json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,"
	    "s:s,s:b},{s:s,s:s,s:s,s:b,s:[s,s,s,s]}]}", "kind", "dialogue", "title", title,
	    "timezone", "Europe/Vienna", "closes", closes, "status", "open", "questions", "id",
	    "expertise", "label", "Your expertise", "type", "text", "required", 1, "id",
	    "speaker_gender", "label", "Gender of the speaker", "type", "choice", "required", 1,
	    "choices", "woman", "man", "another", "prefer_not_to_say"));
}
