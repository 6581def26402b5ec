/*
 * csrf.c -- tokens that prove a form came from one of our pages.
 *
 * The token is an HMAC under the site key of the caller's session token hash
 * (signed in) or of a random visitor cookie ws_csrf (signed out), so it needs
 * no storage and changes when the session does (sign-in rotates it).  API
 * calls with a bearer token, and JSON bodies (which a cross-site form cannot
 * send without a CORS preflight we never grant), need no token.
 */
#include <string.h>

#include "core/util.h"
#include "http/http_int.h"

const char *
csrf_token(struct req *r)
{
	char mac[65];
	const char *seed;

	if (r->session_hash[0]) {
		seed = arena_printf(r->a, "s:%s", r->session_hash);
	} else {
		const char *c = req_cookie(r, "ws_csrf");

		if (!c || strlen(c) != 32) {
			if (!r->anon_csrf_set) {
				char fresh[33];

				random_hex(fresh, 16);
				r->anon_csrf_set = arena_strdup(r->a, fresh);
			}
			c = r->anon_csrf_set;
		}
		seed = arena_printf(r->a, "v:%s", c);
	}
	hmac_hex_state(r->site->csrf_mac, seed, mac);
	return arena_strdup(r->a, mac);
}

int
csrf_ok(struct req *r)
{
	const char *sent;

	if (r->bearer || r->json_body || r->method != HM_POST)
		return 1;	/* JSON, DELETE and PATCH need a CORS preflight we never grant */
	sent = req_field(r, "csrf");
	if (!r->csrf)
		r->csrf = csrf_token(r);
	if (!sent || r->anon_csrf_set)
		return 0;	/* no visitor cookie: the form cannot be ours */
	return str_eq_ct(sent, r->csrf);
}
