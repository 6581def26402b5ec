/*
 * accounts_test.c -- accounts as a user meets them, through a real server:
 * signing up, confirming, signing in and out, forgotten and changed
 * passwords, changed addresses, the API's tokens, CSRF, rate limits and
 * the admin's user list.  The sign-in back-off is tested in limits_test.c.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program once
 * on SQLite and once on PostgreSQL).  Each test uses its own accounts, and
 * tests that exhaust a per-address rate limit use their own loopback source
 * address (127.0.0.N), so the tests do not depend on each other's order.
 * Every sign-in costs an argon2id hash; the tests are written to need few.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/accounts/accounts.h"
#include "core/util.h"
#include "db/db.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define PW2 "lantern quarry bicycle"
#define MAIL_WAIT 5000	/* ms; mail usually comes in well under a second */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;

/* ---- helpers --------------------------------------------------------- */

/* A refused sign-in: the sign-in form again, saying why (403 from the
 * handler; 422 when a field itself is wrong). */
#define REFUSED(r) do { \
	const struct ts_res *f_ = (r); \
	if (f_->status != 403 && f_->status != 422) \
		printf("# status %ld, want a refusal: %.600s\n", f_->status, f_->body); \
	assert_true(f_->status == 403 || f_->status == 422); \
} while (0)

#define HEADER_IS(r, name, want) do { \
	const char *h_ = ts_header((r), (name)); \
	if (!h_ || strcmp(h_, (want)) != 0) \
		printf("# %s: %s, want %s\n", (name), h_ ? h_ : "(none)", (want)); \
	assert_non_null(h_); \
	assert_string_equal(h_, (want)); \
} while (0)

/* Waits for the next mail to `to`; checks its subject; its first link into
 * link, which must contain `path`. */
static void
mail_link(const char *to, const char *subject, const char *path, char *link, size_t len)
{
	struct ts_mail m;

	assert_int_equal(ts_mail_wait(&sink, to, MAIL_WAIT, &m), 0);
	if (strcmp(m.subject, subject) != 0)
		printf("# subject \"%s\", want \"%s\"\n", m.subject, subject);
	assert_string_equal(m.subject, subject);
	if (link) {
		assert_int_equal(ts_mail_link(&m, link, len), 0);
		if (!strstr(link, path))
			printf("# link %s lacks %s\n", link, path);
		assert_non_null(strstr(link, path));
		assert_int_equal(strncmp(link, srv.base, strlen(srv.base)), 0);
	}
	ts_mail_free(&m);
}

/* A browser signed in as email (asserting it worked). */
static struct ts_browser *
signed_in(const char *ip, const char *email, const char *password)
{
	struct ts_browser *b = ts_browser_new(&srv, ip);
	const struct ts_res *r;

	r = ts_form(b, "/signin", "email", email, "password", password, (char *)NULL);
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/");
	assert_non_null(ts_cookie(b, "ws_session"));
	return b;
}

/* True when b is signed in: /account answers instead of sending to /signin. */
static int
is_signed_in(struct ts_browser *b)
{
	return ts_get(b, "/account")->status == 200;
}

/* Asserts that needle occurs in the body after `after` and before `before`
 * (a message shown next to its field). */
static void
between(const struct ts_res *r, const char *after, const char *needle, const char *before)
{
	const char *a = strstr(r->body, after), *n = a ? strstr(a, needle) : NULL;
	const char *b = a ? strstr(a, before) : NULL;

	if (!a || !n || (b && n > b))
		printf("# \"%s\" is not between \"%s\" and \"%s\": %.1500s\n", needle, after,
		    before, r->body);
	assert_non_null(a);
	assert_non_null(n);
	assert_true(!b || n < b);
}

/* POST /api/v1/verify {token, password}. */
static const struct ts_res *
api_verify(struct ts_browser *b, const char *token, const char *password)
{
	char body[512];

	snprintf(body, sizeof body, "{\"token\":\"%s\",\"password\":\"%s\"}", token,
	    password);
	return ts_api(b, "POST", "/api/v1/verify", NULL, body);
}

/* ---- sign up, confirm, sign in, sign out ------------------------------ */

static void
test_signup_confirm_signin_signout(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	const char *cookie;
	char link[512], stale[129];

	r = ts_get(b, "/signup");
	STATUS(r, 200);
	HAS(r, "name=\"csrf\"");
	r = ts_form(b, "/signup", "name", "Vera Verify", "email", "Vera@Example.org",
	    "password", PW, (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Check your email");
	/* the address is kept in lower case: the mail goes there */
	mail_link("vera@example.org", "Confirm your email address", "/verify?token=", link,
	    sizeof link);

	/* before the link is opened, signing in is refused, with the reason */
	r = ts_form(b, "/signin", "email", "vera@example.org", "password", PW, (char *)NULL);
	assert_int_not_equal(r->status, 303);
	HAS(r, "Please confirm your email address first");
	assert_null(ts_cookie(b, "ws_session"));

	/* opening the link shows a form and changes nothing */
	r = ts_get(b, link);
	STATUS(r, 200);
	HAS(r, "type the password you chose");
	r = ts_form(b, "/signin", "email", "vera@example.org", "password", PW, (char *)NULL);
	HAS(r, "Please confirm your email address first");
	/* a wrong password confirms nothing */
	r = ts_form(b, "/verify", "token", strstr(link, "token=") + 6, "password", PW2,
	    (char *)NULL);
	STATUS(r, 403);
	HAS(r, "This is not the password chosen when this link was sent.");
	r = ts_verify(b, link, PW);
	STATUS(r, 200);
	HAS(r, "Your email address is confirmed");
	assert_true(is_signed_in(b));	/* confirming signs in */
	r = ts_get(b, link);
	STATUS(r, 410);
	HAS(r, "This link has expired");
	r = ts_form(b, "/signout", (char *)NULL);
	STATUS(r, 303);

	/* a page that needs an account sends to sign-in and back */
	r = ts_get(b, "/account");
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/signin?next=/account");
	snprintf(stale, sizeof stale, "%s", ts_csrf(b));
	r = ts_form(b, "/signin", "email", "vera@example.org", "password", PW,
	    "next", "/account", (char *)NULL);
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/account");
	cookie = ts_header(r, "Set-Cookie");
	assert_non_null(cookie);
	assert_non_null(strstr(cookie, "ws_session="));
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_non_null(strstr(cookie, "SameSite=Lax"));
	assert_non_null(ts_cookie(b, "ws_session"));

	r = ts_get(b, "/");
	STATUS(r, 200);
	LACKS(r, ">Sign in</a>");
	HAS(r, "Vera Verify");
	HAS(r, "Sign out");
	r = ts_get(b, "/account");
	STATUS(r, 200);
	HAS(r, "vera@example.org");

	/* signing in changed the form token: the old one is refused */
	r = ts_post(b, "/signout", "csrf", stale, (char *)NULL);
	STATUS(r, 403);
	assert_true(is_signed_in(b));

	r = ts_form(b, "/signout", (char *)NULL);
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/");
	assert_null(ts_cookie(b, "ws_session"));
	r = ts_get(b, "/account");
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/signin?next=/account");
	r = ts_get(b, "/");
	HAS(r, ">Sign in</a>");
	ts_browser_free(b);
}

/* ---- issue 9, finding 1: an address held before its owner signs up ----- */

/*
 * Eve signs up with the director's address and a password of her own, and
 * cannot confirm it (the mail goes to the director).  She also asks for a
 * reset link.  Later the director signs up with her own password.  Her
 * password is the one that counts once her link proves the address; Eve's
 * password, her links and anything she set up are worth nothing, and Eve's
 * link (which lands in the director's mailbox too) does not take the
 * director's password.
 */
static void
test_signup_before_the_owner(void **state)
{
	static const char email[] = "director@ngo.example";
	struct ts_browser *eve = ts_browser_new(&srv, "127.0.0.31");
	struct ts_browser *dora = ts_browser_new(&srv, "127.0.0.32");
	const struct ts_res *r;
	char eve_link[512], dora_link[512], reset_link[512], eve_tok[65], dora_tok[65];
	char body[512];
	json_t *j;

	/* Eve, on the page */
	r = ts_form(eve, "/signup", "name", "Eve Early", "email", email, "password", PW2,
	    (char *)NULL);
	STATUS(r, 200);
	mail_link(email, "Confirm your email address", "/verify?token=", eve_link,
	    sizeof eve_link);
	r = ts_form(eve, "/forgot", "email", email, (char *)NULL);
	STATUS(r, 200);
	mail_link(email, "Reset your password", "/reset?token=", reset_link, sizeof reset_link);

	/* the director, through the API, with her own password */
	snprintf(body, sizeof body, "{\"name\":\"Dora Director\",\"email\":\"%s\","
	    "\"password\":\"%s\"}", email, PW);
	r = ts_api(dora, "POST", "/api/v1/accounts", NULL, body);
	STATUS(r, 202);
	mail_link(email, "Confirm your email address", "/verify?token=", dora_link,
	    sizeof dora_link);
	snprintf(eve_tok, sizeof eve_tok, "%.64s", strstr(eve_link, "token=") + 6);
	snprintf(dora_tok, sizeof dora_tok, "%.64s", strstr(dora_link, "token=") + 6);

	/* Eve's link is in her mailbox too: her password does not confirm it */
	r = api_verify(dora, eve_tok, PW);
	STATUS(r, 403);
	r = ts_api(eve, "POST", "/api/v1/session", NULL, "{\"email\":\"director@ngo.example\","
	    "\"password\":\"" PW "\"}");
	STATUS(r, 401);	/* still not confirmed */

	/* her own link does, with her password */
	r = api_verify(dora, dora_tok, PW);
	STATUS(r, 200);

	/* Eve's password opens nothing; the director's does */
	r = ts_api(eve, "POST", "/api/v1/session", NULL, "{\"email\":\"director@ngo.example\","
	    "\"password\":\"" PW2 "\"}");
	STATUS(r, 401);
	r = ts_form(eve, "/signin", "email", email, "password", PW2, (char *)NULL);
	REFUSED(r);
	assert_null(ts_cookie(eve, "ws_session"));
	r = ts_api(dora, "POST", "/api/v1/session", NULL, "{\"email\":\"director@ngo.example\","
	    "\"password\":\"" PW "\"}");
	STATUS(r, 201);
	assert_non_null(j = ts_json(r));
	r = ts_api(dora, "GET", "/api/v1/me", json_string_value(json_object_get(j, "token")),
	    NULL);
	STATUS(r, 200);
	HAS(r, "Dora Director");
	json_decref(j);

	/* every link made before the proof is void: Eve's confirmation link,
	 * even with her own password, and the reset link she asked for */
	r = api_verify(eve, eve_tok, PW2);
	STATUS(r, 410);
	r = ts_verify(eve, eve_link, PW2);
	STATUS(r, 410);
	r = ts_get(eve, reset_link);
	STATUS(r, 200);
	r = ts_form(eve, "/reset", "token", strstr(reset_link, "token=") + 6, "password",
	    "a brand new passphrase", (char *)NULL);
	STATUS(r, 410);
	ts_browser_free(eve);
	ts_browser_free(dora);
}

/* ---- the API --------------------------------------------------------- */

static void
test_api_accounts_and_tokens(void **state)
{
	static const char creds[] = "{\"email\":\"api@example.org\",\"password\":\"" PW "\"}";
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	json_t *j;
	char link[512], token[129], path[128];

	r = ts_api(b, "POST", "/api/v1/accounts", NULL,
	    "{\"name\":\"Api Ann\",\"email\":\"api@example.org\",\"password\":\"" PW "\"}");
	STATUS(r, 202);
	assert_non_null(j = ts_json(r));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "verification_sent");
	json_decref(j);
	mail_link("api@example.org", "Confirm your email address", "/verify?token=", link,
	    sizeof link);

	r = ts_api(b, "POST", "/api/v1/session", NULL, creds);
	STATUS(r, 401);
	HEADER_IS(r, "Content-Type", "application/problem+json");
	assert_non_null(j = ts_json(r));
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 401);
	assert_non_null(strstr(json_string_value(json_object_get(j, "detail")), "confirm"));
	json_decref(j);

	/* the API confirms with the link's token and the password */
	snprintf(token, sizeof token, "%.64s", strstr(link, "token=") + 6);
	r = ts_api(b, "GET", "/api/v1/verify?token=x", NULL, NULL);
	STATUS(r, 410);
	/* opening the link asks for the password and changes nothing */
	snprintf(path, sizeof path, "/api/v1/verify?token=%s", token);
	r = ts_api(b, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_non_null(j = ts_json(r));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "password_required");
	json_decref(j);
	STATUS(ts_api(b, "POST", "/api/v1/session", NULL, creds), 401);
	r = api_verify(b, token, PW2);
	STATUS(r, 403);
	r = api_verify(b, token, PW);
	STATUS(r, 200);
	assert_non_null(j = ts_json(r));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "verified");
	json_decref(j);
	r = ts_api(b, "POST", "/api/v1/session", NULL, creds);
	STATUS(r, 201);
	assert_non_null(j = ts_json(r));
	assert_true(json_is_string(json_object_get(j, "token")));
	snprintf(token, sizeof token, "%s", json_string_value(json_object_get(j, "token")));
	assert_int_equal(strlen(token), 64);
	assert_true(json_integer_value(json_object_get(j, "expires_in")) > 0);
	json_decref(j);
	assert_null(ts_cookie(b, "ws_session"));	/* a token, not a cookie */

	r = ts_api(b, "GET", "/api/v1/me", token, NULL);
	STATUS(r, 200);
	HEADER_IS(r, "Content-Type", "application/json");
	assert_non_null(j = ts_json(r));
	if (!json_object_get(j, "email"))
		printf("# /api/v1/me: %s\n", r->body);
	assert_string_equal(json_string_value(json_object_get(j, "email")), "api@example.org");
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Api Ann");
	/* signing up never gives staff's rights */
	assert_true(role_parse(json_string_value(json_object_get(j, "role"))) > ROLE_ANON);
	assert_true(role_parse(json_string_value(json_object_get(j, "role"))) < ROLE_STAFF);
	assert_true(json_is_true(json_object_get(j, "verified")));
	json_decref(j);

	r = ts_api(b, "DELETE", "/api/v1/session", token, NULL);
	STATUS(r, 204);
	r = ts_api(b, "GET", "/api/v1/me", token, NULL);
	STATUS(r, 401);
	HEADER_IS(r, "Content-Type", "application/problem+json");
	assert_non_null(j = ts_json(r));
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 401);
	json_decref(j);
	ts_browser_free(b);
}

/* ---- forms ----------------------------------------------------------- */

static void
test_forms_keep_input(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;

	r = ts_form(b, "/signup", "name", "Kim Keep", "email", "kim@example.org",
	    "password", "short", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "value=\"Kim Keep\"");
	HAS(r, "value=\"kim@example.org\"");
	LACKS(r, "value=\"short\"");	/* passwords are never sent back */
	between(r, "id=\"password\"", "Use at least 12 characters.", "id=\"website\"");

	r = ts_form(b, "/signup", "name", "Kim Keep", "email", "kim@example.org",
	    "password", "password1234", (char *)NULL);
	STATUS(r, 422);
	between(r, "id=\"password\"", "This password is too common", "id=\"website\"");
	HAS(r, "value=\"kim@example.org\"");

	r = ts_form(b, "/signup", "name", "<script>alert(1)</script>", "email",
	    "kim@example.org", "password", "short", (char *)NULL);
	STATUS(r, 422);
	LACKS(r, "<script>alert(1)");
	HAS(r, "value=\"&lt;script&gt;alert(1)&lt;");

	/* nothing was created: the address is still free */
	assert_int_equal(ts_mail_count(&sink, "kim@example.org"), 0);
	ts_browser_free(b);
}

/* ---- CSRF ------------------------------------------------------------ */

static void
test_csrf(void **state)
{
	static const char wrong[] =
	    "0000000000000000000000000000000000000000000000000000000000000000";
	struct ts_browser *a = ts_browser_new(&srv, NULL), *b, *c;
	const struct ts_res *r;
	char token[129];

	STATUS(ts_get(a, "/signin"), 200);
	assert_non_null(ts_cookie(a, "ws_csrf"));
	snprintf(token, sizeof token, "%s", ts_csrf(a));

	r = ts_post(a, "/signin", "email", "carl@example.org", "password", PW, (char *)NULL);
	STATUS(r, 403);
	HAS(r, "out of date");
	STATUS(ts_post(a, "/signin", "csrf", wrong, "email", "carl@example.org",
	    "password", PW, (char *)NULL), 403);
	STATUS(ts_post(a, "/signup", "name", "Carl", "email", "carl@example.org",
	    "password", PW, (char *)NULL), 403);
	STATUS(ts_post(a, "/signup", "csrf", wrong, "name", "Carl", "email",
	    "carl@example.org", "password", PW, (char *)NULL), 403);

	/* a's token without a's ws_csrf cookie, or with another visitor's */
	b = ts_browser_new(&srv, NULL);
	STATUS(ts_post(b, "/signin", "csrf", token, "email", "carl@example.org",
	    "password", PW, (char *)NULL), 403);
	STATUS(ts_post(b, "/signup", "csrf", token, "name", "Carl", "email",
	    "carl@example.org", "password", PW, (char *)NULL), 403);
	c = ts_browser_new(&srv, NULL);
	STATUS(ts_get(c, "/signup"), 200);
	STATUS(ts_post(c, "/signup", "csrf", token, "name", "Carl", "email",
	    "carl@example.org", "password", PW, (char *)NULL), 403);

	/* and with it, the form is taken (and the sign-in refused on its merits) */
	r = ts_post(a, "/signin", "csrf", token, "email", "carl@example.org",
	    "password", PW, (char *)NULL);
	REFUSED(r);
	HAS(r, "The email or password is not right.");
	HAS(r, "value=\"carl@example.org\"");	/* the form again, as typed */
	assert_int_equal(ts_mail_count(&sink, "carl@example.org"), 0);
	ts_browser_free(a);
	ts_browser_free(b);
	ts_browser_free(c);
}

/* ---- passwords and addresses ----------------------------------------- */

static void
test_forgotten_password(void **state)
{
	struct ts_browser *a, *b, *c = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char link[512], *unknown;
	const char *tok;

	assert_true(ts_user_add(db_url, "fay@example.org", "Fay Forgot", "member", PW) > 0);
	a = signed_in(NULL, "fay@example.org", PW);
	b = signed_in(NULL, "fay@example.org", PW);

	/* the same answer whether or not the address has an account */
	r = ts_form(c, "/forgot", "email", "nobody@example.org", (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Check your email");
	unknown = strdup(r->body);
	r = ts_form(c, "/forgot", "email", "fay@example.org", (char *)NULL);
	STATUS(r, 200);
	assert_string_equal(r->body, unknown);
	free(unknown);
	/* both do the same work: a mail each, a reset link only for Fay */
	mail_link("nobody@example.org", "Password reset asked for an address without an account",
	    "/forgot", link, sizeof link);
	mail_link("fay@example.org", "Reset your password", "/reset?token=", link, sizeof link);

	r = ts_get(c, link);
	STATUS(r, 200);
	tok = strstr(link, "token=") + 6;
	HAS(r, tok);
	r = ts_form(c, "/reset", "token", tok, "password", PW2, (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Your password is changed");
	r = ts_form(c, "/reset", "token", tok, "password", PW2, (char *)NULL);
	STATUS(r, 410);
	HAS(r, "This link has expired");

	/* every session of Fay's ended */
	assert_false(is_signed_in(a));
	assert_false(is_signed_in(b));
	r = ts_form(c, "/signin", "email", "fay@example.org", "password", PW, (char *)NULL);
	REFUSED(r);
	HAS(r, "The email or password is not right.");
	assert_int_equal(ts_signin(c, "fay@example.org", PW2), 303);
	assert_true(is_signed_in(c));
	ts_browser_free(a);
	ts_browser_free(b);
	ts_browser_free(c);
}

/* A reset link asked for before the password changed stops working. */
static void
test_reset_link_ends_with_new_password(void **state)
{
	struct ts_browser *a, *c = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char link[512];
	const char *tok;

	(void)state;
	assert_true(ts_user_add(db_url, "rex@example.org", "Rex Reset", "member", PW) > 0);
	r = ts_form(c, "/forgot", "email", "rex@example.org", (char *)NULL);
	STATUS(r, 200);
	mail_link("rex@example.org", "Reset your password", "/reset?token=", link, sizeof link);
	tok = strstr(link, "token=") + 6;
	a = signed_in(NULL, "rex@example.org", PW);
	r = ts_form(a, "/account/password", "current_password", PW, "password", PW2,
	    (char *)NULL);
	STATUS(r, 200);
	r = ts_form(c, "/reset", "token", tok, "password", "a third password here", (char *)NULL);
	STATUS(r, 410);
	HAS(r, "This link has expired");
	assert_int_equal(ts_signin(c, "rex@example.org", PW2), 303);
	ts_browser_free(a);
	ts_browser_free(c);
}

static void
test_change_password(void **state)
{
	struct ts_browser *a, *b, *c = ts_browser_new(&srv, NULL);
	const struct ts_res *r;

	assert_true(ts_user_add(db_url, "cal@example.org", "Cal Change", "member", PW) > 0);
	a = signed_in(NULL, "cal@example.org", PW);
	b = signed_in(NULL, "cal@example.org", PW);

	r = ts_form(a, "/account/password", "current_password", "not my password at all",
	    "password", PW2, (char *)NULL);
	STATUS(r, 422);
	between(r, "id=\"current_password\"", "This is not your current password.",
	    "id=\"password\"");
	HAS(r, "cal@example.org");

	r = ts_form(a, "/account/password", "current_password", PW, "password", PW2,
	    (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Your password is changed");
	assert_true(is_signed_in(a));	/* this browser stays, with a new session */
	assert_false(is_signed_in(b));	/* the others are signed out */
	/* after sign-in, "next" only leads to this site */
	r = ts_form(c, "/signin", "email", "cal@example.org", "password", PW2,
	    "next", "//evil.example/x", (char *)NULL);
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/");
	ts_browser_free(a);
	ts_browser_free(b);
	ts_browser_free(c);
}

static void
test_change_email(void **state)
{
	struct ts_browser *a, *c = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char link[512];

	assert_true(ts_user_add(db_url, "eve@example.org", "Eve Email", "member", PW) > 0);
	a = signed_in(NULL, "eve@example.org", PW);
	r = ts_form(a, "/account/email", "current_password", PW, "email", "eve.new@example.org",
	    (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Check your email");
	mail_link("eve.new@example.org", "Confirm your new email address",
	    "/verify?email=1&token=", link, sizeof link);
	r = ts_get(a, "/account");
	HAS(r, "eve@example.org");	/* unchanged until the link is opened */

	/* opening the link changes nothing (a mail scanner, a stranger); the
	 * account's password on its form does */
	r = ts_get(c, link);
	STATUS(r, 200);
	r = ts_get(a, "/account");
	HAS(r, "eve@example.org");
	r = ts_form(c, "/verify", "token", strstr(link, "token=") + 6, "email", "1",
	    "password", "not the password at all", (char *)NULL);
	STATUS(r, 403);
	HAS(r, "This is not the password of the account that asked for this link.");
	r = ts_form(c, "/verify", "token", strstr(link, "token=") + 6, "email", "1",
	    "password", PW, (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Your email address is confirmed");
	r = ts_get(a, "/account");
	HAS(r, "eve.new@example.org");
	r = ts_form(c, "/signin", "email", "eve@example.org", "password", PW, (char *)NULL);
	REFUSED(r);
	assert_int_equal(ts_signin(c, "eve.new@example.org", PW), 303);
	ts_browser_free(a);
	ts_browser_free(c);
}

static void
test_signout_everywhere(void **state)
{
	struct ts_browser *a, *b;
	const struct ts_res *r;

	assert_true(ts_user_add(db_url, "sol@example.org", "Sol Everywhere", "member", PW) > 0);
	a = signed_in(NULL, "sol@example.org", PW);
	b = signed_in(NULL, "sol@example.org", PW);
	r = ts_form(a, "/signout-everywhere", (char *)NULL);
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/signin");
	assert_false(is_signed_in(b));
	assert_false(is_signed_in(a));
	ts_browser_free(a);
	ts_browser_free(b);
}

/* ---- rate limits, bots ---------------------------------------------- */

static void
test_signup_rate_limit(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.13");
	const struct ts_res *r;
	char email[64];
	int i;

	/* the honeypot makes these cheap: each still counts as an attempt */
	for (i = 0; i < 20; i++) {
		snprintf(email, sizeof email, "bot%d@example.org", i);
		r = ts_form(b, "/signup", "name", "Bot", "email", email, "password", PW,
		    "website", "http://spam.example", (char *)NULL);
		STATUS(r, 200);
	}
	r = ts_form(b, "/signup", "name", "Late Larry", "email", "larry@example.org",
	    "password", PW, (char *)NULL);
	STATUS(r, 429);
	assert_non_null(ts_header(r, "Retry-After"));
	HAS(r, "Please try again in");
	ts_browser_free(b);
}

static void
test_signup_honeypot(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;

	assert_true(ts_user_add(db_url, "ivy@example.org", "Ivy Inbox", "member", PW) > 0);
	r = ts_form(b, "/signup", "name", "Hugo Honey", "email", "hugo@example.org",
	    "password", PW, "website", "http://spam.example", (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Check your email");
	/* a sign-up for a taken address mails its owner; mail is sent in order,
	 * so once Ivy's has come, one to Hugo would have too */
	r = ts_form(b, "/signup", "name", "Ivy Again", "email", "ivy@example.org",
	    "password", PW, (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Check your email");
	mail_link("ivy@example.org", "Someone tried to create an account with your address",
	    NULL, NULL, 0);
	assert_int_equal(ts_mail_count(&sink, "hugo@example.org"), 0);
	/* no account: not even an unconfirmed one */
	r = ts_form(b, "/signin", "email", "hugo@example.org", "password", PW, (char *)NULL);
	REFUSED(r);
	HAS(r, "The email or password is not right.");
	ts_browser_free(b);
}

/* ---- admin ----------------------------------------------------------- */

static void
test_admin_roles_and_disabling(void **state)
{
	struct ts_browser *adm, *mem;
	const struct ts_res *r;
	int64_t admin_id, mem_id;
	char path[128], detail[64], subject[512];
	json_t *j, *it;
	size_t i;
	int saw_signin = 0, saw_role = 0;

	/* user add reads the password from standard input */
	admin_id = ts_user_add(db_url, "ada@example.org", "Ada Admin", "admin", PW);
	mem_id = ts_user_add(db_url, "max@example.org", "Max Member", "member", PW);
	assert_true(admin_id > 0 && mem_id > 0);
	adm = signed_in(NULL, "ada@example.org", PW);
	mem = signed_in(NULL, "max@example.org", PW);

	r = ts_get(adm, "/admin/users");
	STATUS(r, 200);
	HAS(r, "max@example.org");
	STATUS(ts_get(mem, "/admin/users"), 403);
	STATUS(ts_get(mem, "/staff/audit"), 403);
	r = ts_get(mem, "/api/v1/admin/users");
	STATUS(r, 403);
	HEADER_IS(r, "Content-Type", "application/problem+json");

	snprintf(path, sizeof path, "/admin/users/%lld/role", (long long)mem_id);
	r = ts_form(adm, path, "role", "staff", (char *)NULL);
	STATUS(r, 303);
	HEADER_IS(r, "Location", "/admin/users");
	/* the member's session now has staff's rights */
	r = ts_get(mem, "/staff/audit");
	STATUS(r, 200);
	r = ts_get(mem, "/api/v1/staff/audit");
	STATUS(r, 200);
	assert_non_null(j = ts_json(r));
	snprintf(detail, sizeof detail, "user %lld: staff", (long long)mem_id);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		const char *action = json_string_value(json_object_get(it, "action"));
		const char *email = json_string_value(json_object_get(it, "email"));
		const char *d = json_string_value(json_object_get(it, "detail"));

		if (action && strcmp(action, "signin") == 0 && email &&
		    strcmp(email, "max@example.org") == 0)
			saw_signin = 1;
		if (action && strcmp(action, "user.role") == 0 && d && strcmp(d, detail) == 0)
			saw_role = 1;
	}
	json_decref(j);
	if (!saw_signin || !saw_role)
		printf("# audit log: %.2000s\n", r->body);
	assert_true(saw_signin);
	assert_true(saw_role);

	/* staff read the mail templates as JSON too: the list, then one */
	r = ts_get(mem, "/api/v1/staff/templates");
	STATUS(r, 200);
	assert_non_null(j = ts_json(r));
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_non_null(it);
	snprintf(path, sizeof path, "/api/v1/staff/templates/%s",
	    json_string_value(json_object_get(it, "code")));
	snprintf(subject, sizeof subject, "%s", json_string_value(json_object_get(it, "subject")));
	json_decref(j);
	r = ts_get(mem, path);
	STATUS(r, 200);
	assert_non_null(j = ts_json(r));
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "form"),
	    "subject")), subject);
	assert_true(strlen(json_string_value(json_object_get(json_object_get(j, "form"),
	    "body"))) > 0);
	json_decref(j);
	r = ts_get(mem, "/api/v1/staff/templates/no_such_template");
	STATUS(r, 404);
	HEADER_IS(r, "Content-Type", "application/problem+json");

	/* an admin cannot demote themself */
	snprintf(path, sizeof path, "/admin/users/%lld/role", (long long)admin_id);
	STATUS(ts_form(adm, path, "role", "member", (char *)NULL), 409);

	snprintf(path, sizeof path, "/admin/users/%lld/status", (long long)mem_id);
	r = ts_form(adm, path, "status", "disabled", (char *)NULL);
	STATUS(r, 303);
	assert_false(is_signed_in(mem));
	r = ts_form(mem, "/signin", "email", "max@example.org", "password", PW, (char *)NULL);
	REFUSED(r);
	HAS(r, "This account is disabled");
	assert_null(ts_cookie(mem, "ws_session"));
	ts_browser_free(adm);
	ts_browser_free(mem);
}

/* ---- last: the server stops cleanly ---------------------------------- */

static void
test_server_stops_cleanly(void **state)
{
	assert_int_equal(ts_server_stop(&srv), 0);
}

static int
setup(void **state)
{
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signup_confirm_signin_signout),
		cmocka_unit_test(test_api_accounts_and_tokens),
		cmocka_unit_test(test_signup_before_the_owner),
		cmocka_unit_test(test_forms_keep_input),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_forgotten_password),
		cmocka_unit_test(test_change_password),
		cmocka_unit_test(test_reset_link_ends_with_new_password),
		cmocka_unit_test(test_change_email),
		cmocka_unit_test(test_signout_everywhere),
		cmocka_unit_test(test_signup_rate_limit),
		cmocka_unit_test(test_signup_honeypot),
		cmocka_unit_test(test_admin_roles_and_disabling),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))	/* e.g. "test_csrf" while debugging */
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("accounts", tests, setup, teardown);
}
