/*
 * api.c -- the tests/http programs' generic helpers (see api.h).
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

#include "lib/api.h"
#include "lib/people.h"

static struct ts_browser *plain;
static const char *db_url, *pw;

void
ta_use(struct ts_browser *b)
{
	plain = b;
}

void
ta_accounts(const char *db, const char *password)
{
	db_url = db;
	pw = password;
}

const struct ts_res *
ta_api(const char *method, const char *path, const char *token, json_t *body)
{
	return ts_call(plain, method, path, token, body);
}

json_t *
ta_get_json(const char *path, const char *token, int status)
{
	const struct ts_res *r = ta_api("GET", path, token, NULL);

	STATUS(r, status);
	return ts_jbody(r);
}

int64_t
ta_total(const char *path, const char *token)
{
	json_t *j = ta_get_json(path, token, 200);
	int64_t n = ta_num(j, "total");

	json_decref(j);
	return n;
}

int64_t
ta_num(json_t *j, const char *k)
{
	return json_integer_value(json_object_get(j, k));
}

const char *
ta_str(json_t *j, const char *k)
{
	const char *s = json_string_value(json_object_get(j, k));

	return s ? s : "(none)";
}

int64_t
ta_id_of(const struct ts_res *r)
{
	json_t *j = ts_jbody(r);
	int64_t id = ta_num(j, "id");

	json_decref(j);
	return id;
}

int64_t
ta_made(const char *path, const char *token, json_t *body)
{
	const struct ts_res *r = ta_api("POST", path, token, body);
	int64_t id;

	STATUS(r, 201);
	id = ta_id_of(r);
	assert_true(id > 0);
	return id;
}

const char *
ta_path(const char *fmt, ...)
{
	static char bufs[32][512];
	static int n;
	char *out = bufs[n++ % 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, 512, fmt, ap);
	va_end(ap);
	return out;
}

int64_t
ta_now(void)
{
	const struct ts_res *r = ts_req(plain, "POST", "/_test/clock?advance=0", NULL, "", 0);

	STATUS(r, 200);
	return strtoll(r->body, NULL, 10);
}

void
ta_clock_to(int64_t t)
{
	int64_t now = ta_now();

	if (t > now)
		assert_int_equal(ts_clock_advance(plain, (long)(t - now)), 200);
}

const char *
ta_utc(int64_t t)
{
	static char bufs[8][40];
	static int n;
	char *out = bufs[n++ % 8];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 40, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

void
ta_account(const char *email, const char *role, int64_t org, char *tok, int64_t *id)
{
	int64_t uid = ts_person_add(db_url, email, email, role, org, pw);

	assert_true(uid > 0);
	if (id)
		*id = uid;
	if (tok)
		assert_int_equal(ts_token(plain, email, pw, tok, 129), 0);
}

void
ta_refused(const char *method, const char *path, const char *token, json_t *body,
    const char *field)
{
	const struct ts_res *r = ta_api(method, path, token, body);
	json_t *j;

	STATUS(r, 422);
	j = ts_jbody(r);
	if (!json_object_get(json_object_get(j, "errors"), field))
		printf("# no message for %s: %s\n", field, r->body);
	assert_non_null(json_object_get(json_object_get(j, "errors"), field));
	json_decref(j);
}

void
ta_mail_says(struct ts_sink *k, const char *to, const char *subject, ...)
{
	struct ts_mail m;
	const char *text;
	va_list ap;

	if (ts_mail_wait(k, to, 20000, &m) != 0)
		fail_msg("no mail to %s (%s)", to, subject);
	if (strcmp(m.subject, subject) != 0)
		printf("# mail to %s: %s\n%s\n", to, m.subject, m.body);
	assert_string_equal(m.subject, subject);
	va_start(ap, subject);
	while ((text = va_arg(ap, const char *)) != NULL) {
		if (!strstr(m.body, text))
			printf("# mail to %s lacks \"%s\":\n%s\n", to, text, m.body);
		assert_non_null(strstr(m.body, text));
	}
	va_end(ap);
	ts_mail_free(&m);
}

void
ta_org_admin(const char *token, int64_t org, int64_t uid, const char *admin)
{
	STATUS(ta_api("POST", ta_path("/organizations/%lld/people/%lld/admin", (long long)org,
	    (long long)uid), token, json_pack("{s:s}", "admin", admin)), 303);
}
