/*
 * people.c -- organizations, accounts and tokens for tests/http; see
 * people.h.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/people.h"

int64_t
ts_org_import(const char *db, const char *name, const char *country, const char *email,
    const char *desc)
{
	char csv[2048], out[4096];
	const char *line;
	long long id;
	int rc;

	if (desc)
		snprintf(csv, sizeof csv, "name,kind,country,description,themes,contact_name,"
		    "contact_email\n%s,ngo,%s,%s,corruption,Contact,%s\n", name, country, desc,
		    email);
	else
		snprintf(csv, sizeof csv, "name,kind,country,description,themes,contact_name,"
		    "contact_email\n%s,ngo,%s,%s shares what it learns.,corruption,Contact,%s\n",
		    name, country, name, email);
	rc = ts_import_csv(db, csv, out, sizeof out);
	line = strstr(out, "created ");
	id = line ? strtoll(line + 8, NULL, 10) : 0;
	if (rc != 0 || id <= 0) {
		printf("# importing %s ended %d: %s\n", name, rc, out);
		return -1;
	}
	return id;
}

int64_t
ts_person_add(const char *db, const char *email, const char *name, const char *role,
    int64_t org, const char *password)
{
	char org_s[24];

	if (org <= 0)
		return ts_user_add(db, email, name, role, password);
	snprintf(org_s, sizeof org_s, "%lld", (long long)org);
	return ts_user_add_org(db, email, name, role, org_s, password);
}

int
ts_token(struct ts_browser *b, const char *email, const char *password, char *tok,
    size_t len)
{
	const struct ts_res *r;
	const char *t;
	json_t *j;
	int rc = -1;

	r = ts_call(b, "POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}", "email", email,
	    "password", password));
	j = r->status == 201 ? ts_json(r) : NULL;
	t = json_string_value(json_object_get(j, "token"));
	if (t && strlen(t) < len) {
		snprintf(tok, len, "%s", t);
		rc = 0;
	} else {
		printf("# no token for %s: %ld %.300s\n", email, r->status, r->body);
	}
	json_decref(j);
	return rc;
}

struct ts_browser *
ts_signed_in(const struct ts_server *s, const char *ip, const char *email,
    const char *password)
{
	struct ts_browser *b = ts_browser_new(s, ip);
	long st = ts_signin(b, email, password);

	if (st == 303)
		return b;
	printf("# signing in %s answered %ld\n", email, st);
	ts_browser_free(b);
	return NULL;
}

int
ts_org_admin(struct ts_browser *staff, int64_t org, int64_t uid)
{
	const struct ts_res *r;
	char path[128];

	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)org,
	    (long long)uid);
	r = ts_form(staff, path, "admin", "1", (char *)NULL);
	if (r->status == 303)
		return 0;
	printf("# making %lld an admin of %lld answered %ld\n", (long long)uid, (long long)org,
	    r->status);
	return -1;
}
