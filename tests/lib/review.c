/*
 * review.c -- the issue 17 attack tests' shared helpers (see review.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "lib/people.h"
#include "lib/review.h"

static struct ts_browser *plain;
static const char *db_url, *pw, *staff;

void
tr_use(struct ts_browser *b, const char *db, const char *password, const char *staff_tok)
{
	plain = b;
	db_url = db;
	pw = password;
	staff = staff_tok;
}

const struct ts_res *
tr_api(const char *method, const char *path, const char *token, json_t *body)
{
	return ts_call(plain, method, path, token, body);
}

int64_t
tr_num(json_t *j, const char *k)
{
	return json_integer_value(json_object_get(j, k));
}

const char *
tr_str(json_t *j, const char *k)
{
	const char *s = json_string_value(json_object_get(j, k));

	return s ? s : "(none)";
}

int64_t
tr_made(const char *path, const char *token, json_t *body)
{
	const struct ts_res *r = tr_api("POST", path, token, body);
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = tr_num(j, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

void
tr_account(const char *email, const char *role, int64_t org, char *tok, int64_t *id)
{
	int64_t uid = ts_person_add(db_url, email, email, role, org, pw);

	assert_true(uid > 0);
	if (id)
		*id = uid;
	if (tok)
		assert_int_equal(ts_token(plain, email, pw, tok, 129), 0);
}

int64_t
tr_initiative(const char *title, int64_t fe, int64_t org, int64_t expert)
{
	int64_t id = tr_made("/api/v1/initiatives", staff, json_pack("{s:s,s:s,s:s,s:[I]}",
	    "country", "KE", "title", title, "status", "active", "focal_points",
	    (json_int_t)fe));
	char path[96];

	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants", (long long)id);
	STATUS(tr_api("POST", path, staff, json_pack("{s:s,s:I}", "kind", "organization",
	    "organization_id", (json_int_t)org)), 201);
	STATUS(tr_api("POST", path, staff, json_pack("{s:s,s:I}", "kind", "expert", "user_id",
	    (json_int_t)expert)), 201);
	return id;
}

int64_t
tr_session_made(const char *wg, int number, const char *start, const char *end,
    const char *status)
{
	return tr_made("/api/v1/meetings", staff, json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,"
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
	return tr_made("/api/v1/events", staff, b);
}

int64_t
tr_call_made(const char *title, const char *closes)
{
	return tr_made("/api/v1/calls", staff, json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,"
	    "s:s,s:b},{s:s,s:s,s:s,s:b,s:[s,s,s,s]}]}", "kind", "dialogue", "title", title,
	    "timezone", "Europe/Vienna", "closes", closes, "status", "open", "questions", "id",
	    "expertise", "label", "Your expertise", "type", "text", "required", 1, "id",
	    "speaker_gender", "label", "Gender of the speaker", "type", "choice", "required", 1,
	    "choices", "woman", "man", "another", "prefer_not_to_say"));
}
