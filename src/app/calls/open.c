/*
 * open.c -- the open calls as the rest of the site shows them: a person's
 * opportunities (app/opportunities), the home page's list for visitors,
 * and the Atom feed of the calls open to everyone.
 *
 * "Open" is call_accepting_at's: status open, opened, not yet closed, on
 * the server's clock (the test clock in tests), so a call leaves each of
 * them the moment it closes, whatever its status says.
 */
#include <string.h>

#include "app/app.h"
#include "app/calls/calls_int.h"
#include "app/events/events.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define CALLS_FEED_TITLE N_("Open calls")

/* The open calls, stored JSON with person uid's application (0: none),
 * soonest closing first, those not open now left out.  New reference in
 * *out. */
static enum ws_err
open_calls(struct req *r, int64_t uid, json_t **out)
{
	json_t *rows = NULL, *c, *open;
	int64_t total, now = now_s();
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if ((rc = call_list(req_db(r), uid, 0, "open", "", 1, CALLS_OPEN_MAX, &rows,
	    &total)) != WS_OK)
		return rc;
	open = json_array();
	json_array_foreach(rows, i, c)
		if (call_accepting_at(c, now))
			json_array_append(open, c);
	json_decref(rows);
	*out = open;
	return WS_OK;
}

/* Whether stored call c is for everyone, not for members only. */
static int
for_everyone(json_t *c)
{
	const char *aud = json_string_value(json_object_get(json_object_get(c, "eligibility"),
	    "audience"));

	return !aud || strcmp(aud, "members") != 0;
}

/* Whether organization record org may apply to calls: not rejected or
 * suspended (apply.c's rule). */
static int
org_may_apply(json_t *org)
{
	const char *st = json_string_value(json_object_get(org, "status"));

	return !st || (strcmp(st, "rejected") != 0 && strcmp(st, "suspended") != 0);
}

/* Open calls read at a time for a list that wants only its first few. */
#define CALLS_OPP_PAGE 20

enum ws_err
calls_opportunities(struct req *r, json_t *orgs, int want, json_t *out)
{
	int per = want > 0 ? CALLS_OPP_PAGE : CALLS_OPEN_MAX, kept = 0, done = 0;
	int64_t now = now_s(), total, at, last = 0, page;
	json_t *rows, *c, *org;
	enum ws_err rc;
	size_t i, k;

	/* soonest closing first, a page at a time while more may matter */
	for (page = 1; !done && (page - 1) * per < CALLS_OPEN_MAX; page++) {
		if ((rc = call_list(req_db(r), r->user->id, 0, "open", "", page, per, &rows,
		    &total)) != WS_OK)
			return rc;
		done = (int64_t)json_array_size(rows) < per;
		json_array_foreach(rows, i, c) {
			const char *mine = json_string_value(json_object_get(c, "mine"));
			int ok;

			at = json_integer_value(json_object_get(c, "closes_at"));
			if (want > 0 && kept >= want && at >= last + OPP_DAYS_APART) {
				done = 1;	/* on a later day than the first want */
				break;
			}
			/* answered: anything but their own draft */
			if (!call_accepting_at(c, now) || (mine && strcmp(mine, "draft") != 0))
				continue;
			ok = !call_rule_broken(r, c, NULL);
			json_array_foreach(orgs, k, org)
				ok = ok || (org_may_apply(org) && !call_rule_broken(r, c, org));
			if (!ok)
				continue;
			if (++kept <= want)
				last = at;
			json_array_append_new(out, json_pack("{s:s,s:O,s:O,s:O,s:O,s:O,s:s,s:s,s:[],"
			    "s:O}", "type", "call", "id", json_object_get(c, "id"), "title",
			    json_object_get(c, "title"), "kind", json_object_get(c, "kind"),
			    "deadline_at", json_object_get(c, "closes_at"), "timezone",
			    json_object_get(c, "timezone"), "href", arena_printf(r->a, "/calls/%lld",
			    (long long)json_integer_value(json_object_get(c, "id"))), "action",
			    mine ? "continue" : "apply", "themes", "countries",
			    json_object_get(json_object_get(c, "eligibility"), "countries")));
		}
		json_decref(rows);
	}
	return WS_OK;
}

json_t *
calls_open_public(struct req *r, int n)
{
	json_t *calls = NULL, *c, *out = json_array();
	size_t i;

	if (open_calls(r, 0, &calls) != WS_OK)
		return out;
	json_array_foreach(calls, i, c) {
		if (!for_everyone(c))
			continue;
		if ((int)json_array_size(out) >= n)
			break;
		json_array_append_new(out, json_pack("{s:O,s:O,s:O,s:o}", "id",
		    json_object_get(c, "id"), "title", json_object_get(c, "title"), "kind",
		    json_object_get(c, "kind"), "closes", events_when(r, json_string_value(
		    json_object_get(c, "timezone")), json_integer_value(json_object_get(c,
		    "closes_at")))));
	}
	json_decref(calls);
	return out;
}

/* ---- the feed -------------------------------------------------------------- */

/* Appends stored call c as an Atom entry of the site at base. */
static enum ws_err
feed_entry(struct req *r, struct buf *b, const char *base, json_t *c)
{
	char closes[40];

	call_time(c, json_integer_value(json_object_get(c, "closes_at")), closes, sizeof closes);
	return app_atom_entry(b, base, arena_printf(r->a, "/calls/%lld",
	    (long long)json_integer_value(json_object_get(c, "id"))),
	    json_string_value(json_object_get(c, "title")), json_object_get(c, "created_at"),
	    json_object_get(c, "updated_at"), r->app->cfg.org_name, call_sub(r,
	    N_("Applications close at {{when}}."), "when", closes));
}

enum ws_err
h_calls_atom(struct req *r, struct resp *w)
{
	const char *base = r->app->cfg.base_url;
	json_t *calls = NULL, *c, *newest = NULL;
	struct buf *b = &w->raw;
	enum ws_err rc;
	size_t i;

	if ((rc = open_calls(r, 0, &calls)) != WS_OK)
		return rc;
	json_array_foreach(calls, i, c)
		if (for_everyone(c) && (!newest || json_integer_value(json_object_get(c,
		    "updated_at")) > json_integer_value(newest)))
			newest = json_object_get(c, "updated_at");
	rc = app_atom_head(b, base, "/calls", r->app->cfg.org_name,
	    view_tr(r->app->views, r->locale, CALLS_FEED_TITLE), newest);
	/* the feed is for everyone: calls for members only are left out */
	json_array_foreach(calls, i, c)
		if (rc == WS_OK && for_everyone(c))
			rc = feed_entry(r, b, base, c);
	if (rc == WS_OK)
		rc = buf_adds(b, "</feed>\n");
	json_decref(calls);
	if (rc != WS_OK)
		return rc;
	w->ctype = "application/atom+xml; charset=utf-8";
	return WS_OK;
}
