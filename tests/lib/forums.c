/*
 * forums.c -- the forums programs' shared helpers (see forums.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/forums.h"
#include "lib/people.h"

int64_t
tf_thread_made(int64_t forum, const char *tok, const char *title, const char *body)
{
	const struct ts_res *r = ta_api("POST", ta_path("/api/v1/forums/%lld/threads",
	    (long long)forum), tok, json_pack("{s:s,s:s}", "title", title, "body", body));
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(json_object_get(j, "thread"), "id");
	json_decref(j);
	return id;
}

int64_t
tf_reply_made(int64_t forum, int64_t thread, const char *tok, const char *body)
{
	const struct ts_res *r = ta_api("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts",
	    (long long)forum, (long long)thread), tok, json_pack("{s:s}", "body", body));
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	return id;
}

void
tf_param_of(const char *link, const char *name, char *out, size_t len)
{
	char key[8];
	const char *p;
	size_t n = 0;

	snprintf(key, sizeof key, "%s=", name);
	p = strstr(link, "?");
	while (p && strncmp(p + 1, key, strlen(key)) != 0)
		p = strchr(p + 1, '&');
	assert_non_null(p);
	p += 1 + strlen(key);
	while (p[n] && p[n] != '&' && n + 1 < len)
		n++;
	snprintf(out, len, "%.*s", (int)n, p);
}

void
tf_advance(const struct ts_server *srv, struct ts_browser *plain, long secs, int ip_base,
    const char *const *who, char *const *toks, size_t n, const char *password)
{
	static int round;
	struct ts_browser *b;
	char ip[32];
	size_t i;

	assert_int_equal(ts_clock_advance(plain, secs), 200);
	snprintf(ip, sizeof ip, "127.0.0.%d", ip_base + ++round);
	b = ts_browser_new(srv, ip);
	for (i = 0; i < n; i++)
		assert_int_equal(ts_token(b, who[i], password, toks[i], 129), 0);
	ts_browser_free(b);
}
