/*
 * testhooks.c -- the tests' set-up through the running server, in test
 * builds only (-DWHATSON_TEST_HOOKS; release builds compile none of it and
 * the paths are ordinary 404s).  From a loopback address:
 *
 *   POST /_test/user?email=&name=&role=&hash=[&org=ID]
 *       as `whatson user add` (admin_user_add), with the password's
 *       argon2id hash made by the test (no hash on a request thread):
 *       the new id, as text;
 *   POST /_test/import?csv=TEXT
 *       as `whatson import orgs` (import_orgs): its report, line by line,
 *       and how many were created, as text;
 *   POST /_test/initiatives?country=CC[&as=UID]
 *       initiatives_of_country (app/initiatives) for country CC as
 *       account UID sees it (a visitor without): its JSON on a line, then
 *       its HTML block -- the country page that will show them is not
 *       built yet (issue 17).
 *
 * tests/lib/testsrv.c sends these when a test runs one of the two commands
 * on the database of a server it started.
 *
 * Each `whatson` command a test runs is a new sanitized process, about a
 * third of a second of CPU, and the tests made thousands of accounts and
 * organizations that way; here each costs what its SQL costs.  The
 * commands themselves are tested in tests/cli.  Answers are text, not
 * JSON: they are no part of the API that docs/openapi.yaml describes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/admin/admin.h"
#include "app/app.h"
#include "app/directory/import.h"
#include "app/initiatives/initiatives.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "http/http.h"

#ifdef WHATSON_TEST_HOOKS
/* Appends a line to w's text; a 500 when it does not fit. */
static void
say(struct resp *w, const char *fmt, const char *a, long long n)
{
	if ((a ? buf_printf(&w->raw, fmt, a) : buf_printf(&w->raw, fmt, n)) != WS_OK)
		w->status = 500;
}

static void
test_user(struct req *r, struct resp *w)
{
	const char *email = req_query(r, "email"), *name = req_query(r, "name");
	const char *role = req_query(r, "role"), *hash = req_query(r, "hash");
	const char *org_s = req_query(r, "org");
	int64_t org = 0, id = 0;
	enum ws_err rc;
	char *e;

	if (!email || !name || !role || !hash || role_parse(role) <= 0 ||
	    (org_s && parse_int(org_s, 1, INT64_MAX, &org) != WS_OK)) {
		w->status = 422;
		say(w, "%s\n", "email, name, role and hash, and org an id", 0);
		return;
	}
	e = ascii_lower(arena_strdup(r->a, email));
	rc = admin_user_add(r->app, req_db(r), e, name, hash, role, org, "cli", &id);
	w->status = http_status_for(rc);
	if (rc == WS_OK)
		say(w, "%lld\n", NULL, (long long)id);
	else
		say(w, "%s\n", ws_strerror(rc), 0);
}

static void
test_import(struct req *r, struct resp *w)
{
	struct import_opts io = { 0, 0, "cli", "test.csv", NULL, NULL };
	struct import_report rep;
	const char *csv = req_query(r, "csv");
	char line[1400];
	enum ws_err rc;
	size_t i;

	if (!csv) {
		w->status = 422;
		say(w, "%s\n", "csv", 0);
		return;
	}
	rc = import_orgs(r->app, req_db(r), csv, strlen(csv), &io, &rep);
	w->status = rc == WS_OK && !rep.refused && !rep.counts[IMP_ERROR] ? 200 : 422;
	for (i = 0; i < rep.nlines; i++) {
		import_line_text(&rep.lines[i], line, sizeof line);
		say(w, "%s\n", line, 0);
	}
	if (rep.refused)
		say(w, "whatson: %s\n", rep.refused, 0);
	say(w, "%lld created\n", NULL, (long long)rep.counts[IMP_CREATED]);
	import_report_free(&rep);
}

/* POST /_test/initiatives?country=CC[&as=UID]: initiatives_of_country for
 * the country as person UID (a visitor without): its JSON, a line, then
 * its HTML block. */
static void
test_initiatives(struct req *r, struct resp *w)
{
	const char *country = req_query(r, "country"), *as = req_query(r, "as");
	const char *html = NULL;
	struct user u;
	int64_t uid = 0;
	json_t *items = NULL;
	char *text;

	if (!country || (as && (parse_int(as, 1, INT64_MAX, &uid) != WS_OK ||
	    user_by_id(req_db(r), r->a, uid, &u) != WS_OK))) {
		w->status = 422;
		say(w, "%s\n", "country, and as an account's id", 0);
		return;
	}
	r->user = uid ? &u : NULL;
	if (initiatives_of_country(r, country, &items, &html) != WS_OK) {
		r->user = NULL;
		w->status = 500;
		return;
	}
	r->user = NULL;
	text = json_dumps(items, JSON_COMPACT);
	say(w, "%s\n", text ? text : "null", 0);
	say(w, "%s\n", html, 0);
	free(text);
	json_decref(items);
}

int
app_test_hook(struct req *r, struct resp *w)
{
	int user = strcmp(r->path, "/_test/user") == 0;
	int inis = strcmp(r->path, "/_test/initiatives") == 0;

	if (r->method != HM_POST || (!user && !inis && strcmp(r->path, "/_test/import") != 0))
		return 0;
	w->ctype = "text/plain; charset=utf-8";
	if (strncmp(r->ip, "127.", 4) != 0 && strcmp(r->ip, "::1") != 0)
		w->status = 403;
	else if (user)
		test_user(r, w);
	else if (inis)
		test_initiatives(r, w);
	else
		test_import(r, w);
	return 1;
}
#endif
