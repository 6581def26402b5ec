/*
 * news.c -- the news programs' shared helpers (see news.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/news.h"

static const struct ts_server *server;
static struct ts_browser *api_b;
static const char *db_url, *pw;

void
tn_use(const struct ts_server *srv, struct ts_browser *api, const char *db, const char *password)
{
	server = srv;
	api_b = api;
	db_url = db;
	pw = password;
}

const char *
tn_jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

void
tn_account(struct tn_person *p)
{
	if (p->id)
		return;
	p->id = ts_user_add_org(db_url, p->email, p->name, p->role, p->org, pw);
	assert_true(p->id > 0);
}

const char *
tn_token(struct tn_person *p)
{
	const struct ts_res *r;
	json_t *j;

	if (p->token[0])
		return p->token;
	tn_account(p);
	r = ts_call(api_b, "POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}", "email",
	    p->email, "password", pw));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(p->token, sizeof p->token, "%s", tn_jstr(j, "token"));
	json_decref(j);
	return p->token;
}

struct ts_browser *
tn_web(struct tn_person *p)
{
	if (p->web)
		return p->web;
	tn_account(p);
	p->web = ts_browser_new(server, NULL);
	assert_int_equal(ts_signin(p->web, p->email, pw), 303);
	return p->web;
}

const struct ts_res *
tn_as(struct tn_person *p, const char *method, const char *path, json_t *body)
{
	return ts_call(api_b, method, path, p ? tn_token(p) : NULL, body);
}

void
tn_problem(const struct ts_res *r, int want, const char *field)
{
	json_t *j;

	STATUS(r, want);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), want);
	if (field && !json_object_get(json_object_get(j, "errors"), field))
		printf("# no errors.%s in %s\n", field, r->body);
	if (field)
		assert_non_null(json_object_get(json_object_get(j, "errors"), field));
	json_decref(j);
}

int64_t
tn_item_made(struct tn_person *staff, json_t *body, char *slug, size_t len)
{
	const struct ts_res *r = tn_as(staff, "POST", "/api/v1/news", body);
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	if (slug)
		snprintf(slug, len, "%s", tn_jstr(j, "slug"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}
