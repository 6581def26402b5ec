/*
 * opportunities.c -- one person's open opportunities, merged from the
 * areas that have them, marked, sorted and paged.
 *
 * Who the person is, for the marks: their own expert profile's themes and
 * country, a focal point's country, and the themes and country of every
 * organization they are one of; they may apply to a call for themselves
 * or for an organization they are an admin of.
 *
 * Meetings add their open nomination windows (to an admin of an
 * organization that may still nominate); side events and requests to
 * speak will add theirs the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/calls/calls.h"
#include "app/events/events.h"
#include "app/meetings/meetings.h"
#include "app/opportunities/opportunities.h"
#include "app/orgs/orgs.h"
#include "app/people/people.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const struct field opp_q_list[] = { APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END };

/* What the marks compare an opportunity with. */
struct opp_who {
	json_t *themes;		/* codes */
	json_t *countries;	/* ISO 3166-1 alpha-2 codes */
	json_t *admin_orgs;	/* stored records of the organizations they are an admin of */
};

/* One opportunity and what it sorts by. */
struct opp_key {
	json_t *item;		/* borrowed from the list */
	char day[16];		/* its deadline's date in the reader's zone */
	int matched;		/* matches their themes or country */
	int64_t at;		/* its deadline */
};

/* Appends code to set (an array) when it is a string not in it yet. */
static void
set_add(json_t *set, json_t *code)
{
	json_t *x;
	size_t i;

	if (!json_is_string(code) || !*json_string_value(code))
		return;
	json_array_foreach(set, i, x)
		if (json_equal(x, code))
			return;
	json_array_append(set, code);
}

/* Each code of array codes into set. */
static void
set_add_all(json_t *set, json_t *codes)
{
	json_t *x;
	size_t i;

	json_array_foreach(codes, i, x)
		set_add(set, x);
}

/* Whether set has code. */
static int
set_has(json_t *set, json_t *code)
{
	json_t *x;
	size_t i;

	json_array_foreach(set, i, x)
		if (json_equal(x, code))
			return 1;
	return 0;
}

static void
who_free(struct opp_who *who)
{
	json_decref(who->themes);
	json_decref(who->countries);
	json_decref(who->admin_orgs);
}

/* Who r's signed-in caller is, for the marks and for applying. */
static enum ws_err
who_of(struct req *r, struct opp_who *who)
{
	struct db *d = req_db(r);
	json_t *orgs = NULL, *o, *rec, *ex = NULL, *x;
	enum ws_err rc;
	size_t i;

	who->themes = json_array();
	who->countries = json_array();
	who->admin_orgs = json_array();
	if (r->user->country && *r->user->country) {
		x = json_string(r->user->country);
		set_add(who->countries, x);
		json_decref(x);
	}
	if ((rc = people_export(d, r->user->id, &ex)) != WS_OK)
		return rc;
	set_add_all(who->themes, json_object_get(ex, "themes"));
	set_add(who->countries, json_object_get(ex, "country"));
	json_decref(ex);
	if ((rc = orgs_of_person(d, r->user->id, &orgs)) != WS_OK)
		return rc;
	json_array_foreach(orgs, i, o) {
		if (org_load(d, json_integer_value(json_object_get(o, "id")), &rec) != WS_OK)
			continue;
		set_add_all(who->themes, json_object_get(rec, "themes"));
		set_add(who->countries, json_object_get(rec, "country"));
		if (json_is_true(json_object_get(o, "admin")))
			json_array_append(who->admin_orgs, rec);
		json_decref(rec);
	}
	json_decref(orgs);
	return WS_OK;
}

static int
key_cmp(const void *pa, const void *pb)
{
	const struct opp_key *a = pa, *b = pb;
	int c = strcmp(a->day, b->day);

	if (c)
		return c;
	if (a->matched != b->matched)
		return b->matched - a->matched;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if ((c = strcmp(json_string_value(json_object_get(a->item, "type")),
	    json_string_value(json_object_get(b->item, "type")))) != 0)
		return c;
	return json_integer_value(json_object_get(a->item, "id")) <
	    json_integer_value(json_object_get(b->item, "id")) ? -1 : 1;
}

/* Opportunity o (an area's) as r's caller sees it: its deadline in their
 * zone, and what of who it matches.  New reference. */
static json_t *
opp_view(struct req *r, const struct opp_who *who, json_t *o, json_t *when)
{
	json_t *themes = json_array(), *x;
	int country = 0;
	size_t i;

	json_array_foreach(json_object_get(o, "themes"), i, x)
		if (set_has(who->themes, x))
			json_array_append(themes, x);
	json_array_foreach(json_object_get(o, "countries"), i, x)
		country = country || set_has(who->countries, x);
	return json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:{s:o,s:b}}", "type",
	    json_object_get(o, "type"), "id", json_object_get(o, "id"), "title",
	    json_object_get(o, "title"), "kind", json_object_get(o, "kind"), "deadline",
	    json_object_get(when, "datetime"), "href", json_object_get(o, "href"), "action",
	    json_object_get(o, "action"), "matches", "themes", themes, "country", country);
}

/*
 * Every opportunity of r's signed-in caller as they see it, sorted: the
 * soonest deadline day first, within a day those that match them first,
 * then the soonest.  want > 0: the first want are right, and fewer of the
 * rest are read (the home page's).  New reference in *out.
 */
static enum ws_err
opp_all(struct req *r, int want, json_t **out)
{
	struct opp_who who;
	struct opp_key *keys = NULL;
	json_t *raw = json_array(), *o, *list;
	enum ws_err rc;
	size_t i, n;

	*out = NULL;
	memset(&who, 0, sizeof who);
	if ((rc = who_of(r, &who)) != WS_OK ||
	    (rc = calls_opportunities(r, who.admin_orgs, want, raw)) != WS_OK ||
	    (rc = events_opportunities(r, want, raw)) != WS_OK ||
	    (rc = meetings_opportunities(r, who.admin_orgs, want, raw)) != WS_OK ||
	    (rc = meetings_side_event_opportunities(r, who.admin_orgs, raw)) != WS_OK ||
	    (rc = meetings_speaking_opportunities(r, who.admin_orgs, want, raw)) != WS_OK)
		goto out;
	n = json_array_size(raw);
	keys = xcalloc(n ? n : 1, sizeof *keys);
	json_array_foreach(raw, i, o) {
		json_t *when = events_when(r, json_string_value(json_object_get(o, "timezone")),
		    json_integer_value(json_object_get(o, "deadline_at")));
		json_t *v = opp_view(r, &who, o, when), *m = json_object_get(v, "matches");

		json_object_set(v, "when", when);
		snprintf(keys[i].day, sizeof keys[i].day, "%.10s",
		    json_string_value(json_object_get(when, "datetime")));
		keys[i].matched = json_array_size(json_object_get(m, "themes")) > 0 ||
		    json_is_true(json_object_get(m, "country"));
		keys[i].at = json_integer_value(json_object_get(o, "deadline_at"));
		keys[i].item = v;
		json_decref(when);
	}
	qsort(keys, n, sizeof *keys, key_cmp);
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, keys[i].item);
	*out = list;
out:
	free(keys);
	json_decref(raw);
	who_free(&who);
	return rc;
}

/* The names of theme codes, "a, b, c", in r's arena. */
static const char *
theme_names(struct req *r, json_t *codes)
{
	const char *s = "";
	json_t *x;
	size_t i;

	json_array_foreach(codes, i, x)
		s = arena_printf(r->a, "%s%s%s", s, i ? ", " : "", theme_name(json_string_value(x),
		    r->locale));
	return s;
}

/* Adds to opportunity v what the page shows: the deadline in words, the
 * button's label, what it is and the names of the themes it matches. */
static void
opp_page_item(struct req *r, json_t *v)
{
	const char *type = json_string_value(json_object_get(v, "type"));
	const char *action = json_string_value(json_object_get(v, "action"));
	json_t *m = json_object_get(v, "matches");

	json_object_set_new(v, "type_label", json_string(view_tr(r->app->views, r->locale,
	    strcmp(type, "call") == 0 ? N_("Call for participants") :
	    strcmp(type, "nomination") == 0 ? N_("Delegates to a session") :
	    strcmp(type, "side_event") == 0 ? N_("Side events of a session") :
	    strcmp(type, "speaking") == 0 ? N_("Requests to speak at a session") : N_("Event"))));
	json_object_set_new(v, "action_label", json_string(view_tr(r->app->views, r->locale,
	    strcmp(action, "continue") == 0 ? N_("Continue your draft") :
	    strcmp(action, "apply") == 0 ? N_("Apply") :
	    strcmp(action, "nominate") == 0 ? N_("Nominate delegates") :
	    strcmp(action, "propose") == 0 ? N_("Propose a side event") :
	    strcmp(action, "request_to_speak") == 0 ? N_("Ask to speak") : N_("Register"))));
	json_object_set_new(v, "theme_names", json_string(theme_names(r,
	    json_object_get(m, "themes"))));
	json_object_set_new(v, "matches_themes", json_boolean(json_array_size(
	    json_object_get(m, "themes")) > 0));
	json_object_set(v, "matches_country", json_object_get(m, "country"));
}

/* Takes page item v to its API shape: the page's `when` left out. */
static void
opp_api_item(json_t *v)
{
	json_object_del(v, "when");
}

enum ws_err
h_opportunities(struct req *r, struct resp *w)
{
	json_t *all = NULL, *items, *v;
	int64_t page, total;
	int per_page;
	enum ws_err rc;
	size_t i;

	w->tpl = "opportunities";
	w->title = N_("Open opportunities");
	if (!r->user) {	/* the page's visitor (the API's route is for the signed in) */
		resp_value(w, json_pack("{s:b}", "sign_in", 1));
		return WS_OK;
	}
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	if ((rc = opp_all(r, 0, &all)) != WS_OK)
		return rc;
	total = (int64_t)json_array_size(all);
	items = json_array();
	for (i = (size_t)((page - 1) * per_page); i < (size_t)total &&
	    json_array_size(items) < (size_t)per_page; i++) {
		v = json_array_get(all, i);
		if (r->api)
			opp_api_item(v);
		else
			opp_page_item(r, v);
		json_array_append(items, v);
	}
	json_decref(all);
	resp_value(w, app_list_value(items, page, per_page, total));
	/* calls and events ask for a verified address: say that verifying
	 * it opens them */
	json_object_set_new(w->val, "verify_email", json_boolean(!r->user->verified_at));
	return WS_OK;
}

json_t *
opp_next(struct req *r, int n)
{
	json_t *all = NULL, *out = json_array(), *v;
	size_t i;

	if (!r->user || opp_all(r, n, &all) != WS_OK)
		return out;
	json_array_foreach(all, i, v) {
		if ((int)i >= n)
			break;
		opp_page_item(r, v);
		json_array_append(out, v);
	}
	json_decref(all);
	return out;
}
