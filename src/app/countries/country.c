/*
 * country.c -- a country's page (/countries/{code}, /country) built from
 * its sections (countries.h says which).
 *
 * Who sees what: approved members and staff any country, a state focal
 * point only their own (403 for another, on the page and its twin).  The
 * stakeholders are the approved organizations whose country is code, each
 * as org_view gives it at the viewer's level for it (staff and the
 * organization's own people all, members up to `nongovernmental`, focal
 * points up to `members`); one whose country field is above the viewer's
 * level is not listed, since listing it would tell its country.  The
 * meetings are those of the listed stakeholders only.
 */
#include <string.h>

#include "app/app.h"
#include "app/countries/countries_int.h"
#include "app/dialogues/dialogues.h"
#include "app/initiatives/initiatives.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define COUNTRY_ORGS_MAX 500	/* stakeholders a page lists */
#define COUNTRY_DELEGATES_MAX 1000	/* approved delegates a page reads */

/* The page's sections, in its order (countries.h). */
static const struct {
	const char *key;
	country_section_fn fn;
} sections[] = {
	{ "review", country_section_review },
	{ "stakeholders", country_section_stakeholders },
	{ "meetings", country_section_meetings },
	{ "initiatives", country_section_initiatives },
	{ "dialogues", country_section_dialogues },
};

/* ---- the review --------------------------------------------------------- */

enum ws_err
country_section_review(struct req *r, const char *code, json_t *page)
{
	json_t *s = NULL, *focals = NULL;
	enum ws_err rc;

	rc = rev_get(req_db(r), code, &s);
	if (rc == WS_ENOTFOUND) {
		json_object_set_new(page, "review", json_null());
		return WS_OK;
	}
	if (rc == WS_OK && (rc = rev_focals(req_db(r), code, &focals)) == WS_OK)
		json_object_set_new(page, "review", rev_view(r, s, focals));
	json_decref(s);
	json_decref(focals);
	return rc;
}

/* ---- the stakeholders --------------------------------------------------- */

enum ws_err
country_section_stakeholders(struct req *r, const char *code, json_t *page)
{
	struct db_q *q = db_start(req_db(r), ST_REV_ORGS_OF_COUNTRY);
	json_t *orgs = json_array(), *items = json_array(), *o;
	enum ws_err rc;
	size_t i;

	db_bind_text(q, 1, code);
	db_bind_int(q, 2, COUNTRY_ORGS_MAX);
	while ((rc = db_step(q)) == WS_OK) {
		if (!(o = org_of_row(q))) {
			rc = WS_EDB;
			break;
		}
		json_array_append_new(orgs, o);
	}
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	rc = WS_OK;
	json_array_foreach(orgs, i, o) {
		int64_t id = json_integer_value(json_object_get(o, "id"));
		enum vis level = org_level_for(r, id, NULL);
		json_t *v;

		if (org_field_level(o, "country") > level)
			continue;	/* its country is not the viewer's to know */
		v = org_view(o, level, r->locale, r->app->views);
		json_array_append_new(items, v);
	}
	json_object_set_new(page, "stakeholders", json_pack("{s:I,s:O}", "total",
	    (json_int_t)json_array_size(items), "items", items));
out:
	json_decref(items);
	json_decref(orgs);
	return rc;
}

/* ---- the meetings ------------------------------------------------------- */

/* Whether organization id is one of the page's stakeholders. */
static int
listed(json_t *page, int64_t id)
{
	json_t *o;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(page, "stakeholders"), "items"), i, o)
		if (json_integer_value(json_object_get(o, "id")) == id)
			return 1;
	return 0;
}

/* Organization {id, name} added to list unless there. */
static void
add_org(json_t *list, int64_t id, const char *name)
{
	json_t *o;
	size_t i;

	json_array_foreach(list, i, o)
		if (json_integer_value(json_object_get(o, "id")) == id)
			return;
	json_array_append_new(list, json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name));
}

enum ws_err
country_section_meetings(struct req *r, const char *code, json_t *page)
{
	int staff = r->user && r->user->role >= ROLE_STAFF;
	int member = r->user && (r->user->role == ROLE_MEMBER || r->user->role == ROLE_FOCAL ||
	    staff);
	int fr = r->locale && strcmp(r->locale, "fr") == 0;
	struct db_q *q = db_start(req_db(r), ST_REV_COUNTRY_MEETINGS);
	json_t *list = json_array(), *cur = NULL;
	enum ws_err rc;

	db_bind_text(q, 1, code);
	db_bind_int(q, 2, staff);
	db_bind_int(q, 3, member);
	db_bind_int(q, 4, COUNTRY_DELEGATES_MAX);
	while ((rc = db_step(q)) == WS_OK) {
		int64_t ev = db_col_int(q, REV_MTG_C_EVENT_ID);
		int64_t org = db_col_int(q, REV_MTG_C_ORG_ID);

		if (!listed(page, org))
			continue;
		if (!cur || json_integer_value(json_object_get(cur, "id")) != ev) {
			const char *body = db_col_text(q, fr ? REV_MTG_C_BODY_FR : REV_MTG_C_BODY_EN);
			const struct tz *z = NULL;
			char start[40];

			if (!*body)
				body = db_col_text(q, REV_MTG_C_BODY_EN);
			if (tz_get(db_col_text(q, REV_MTG_C_TIMEZONE), &z) == WS_OK)
				tz_rfc3339(z, db_col_int(q, REV_MTG_C_START_AT), start, sizeof start);
			else
				time_rfc3339((time_t)db_col_int(q, REV_MTG_C_START_AT), start,
				    sizeof start);
			cur = json_pack("{s:I,s:s,s:s,s:s,s:s,s:[]}", "id", (json_int_t)ev,
			    "body_name", body, "title", db_col_text(q, REV_MTG_C_TITLE), "start",
			    start, "href", arena_printf(r->a, "/meetings/%lld", (long long)ev),
			    "organizations");
			if (staff)
				json_object_set_new(cur, "delegates", json_array());
			json_array_append_new(list, cur);
		}
		add_org(json_object_get(cur, "organizations"), org, db_col_text(q,
		    REV_MTG_C_ORG_NAME));
		if (staff)	/* delegates' names are staff's, as the desks' list is */
			json_array_append_new(json_object_get(cur, "delegates"), json_pack(
			    "{s:s,s:s,s:I}", "name", db_col_text(q, REV_MTG_C_NAME), "title",
			    db_col_text(q, REV_MTG_C_DELEGATE_TITLE), "organization_id",
			    (json_int_t)org));
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(list);
		return rc;
	}
	json_object_set_new(page, "meetings", list);
	return WS_OK;
}

/* ---- the pilot initiatives and the dialogues --------------------------------- */

/* Each module decides what of its own a viewer sees (initiatives.h,
 * dialogues.h); the page shows the JSON through its own template. */
enum ws_err
country_section_initiatives(struct req *r, const char *code, json_t *page)
{
	json_t *list = NULL;
	enum ws_err rc = initiatives_of_country(r, code, &list, NULL);

	if (rc == WS_OK)
		json_object_set_new(page, "initiatives", list);
	else
		json_decref(list);
	return rc;
}

/* The dialogues name the organizations of the country that took part:
 * only the page's stakeholders, as the meetings do (one whose country is
 * above the viewer's level is not the viewer's to place in it), and a
 * dialogue none of them took part in is left out. */
enum ws_err
country_section_dialogues(struct req *r, const char *code, json_t *page)
{
	json_t *list = NULL, *seen, *d, *orgs, *o;
	enum ws_err rc = dialogues_of_country(r, code, &list, NULL);
	size_t i, k;

	if (rc != WS_OK) {
		json_decref(list);
		return rc;
	}
	seen = json_array();
	json_array_foreach(list, i, d) {
		orgs = json_array();
		json_array_foreach(json_object_get(d, "organizations"), k, o)
			if (listed(page, json_integer_value(json_object_get(o, "id"))))
				json_array_append(orgs, o);
		if (json_array_size(orgs) > 0) {
			json_object_set_new(d, "organizations", orgs);
			json_array_append(seen, d);
		} else {
			json_decref(orgs);
		}
	}
	json_decref(list);
	json_object_set_new(page, "dialogues", seen);
	return WS_OK;
}

/* ---- the pages ---------------------------------------------------------- */

/* The page of country code (upper-case, valid) for r's caller; own: the
 * focal point's view of their own country (/country), with its open
 * opportunities. */
static enum ws_err
country_page(struct req *r, struct resp *w, const char *code, int own)
{
	json_t *page = json_pack("{s:s,s:s}", "code", code, "name", country_name(code,
	    r->locale));
	enum ws_err rc = WS_OK;
	size_t i;

	for (i = 0; i < sizeof sections / sizeof sections[0] && rc == WS_OK; i++)
		rc = sections[i].fn(r, code, page);
	if (rc == WS_OK && own)
		rc = country_section_opportunities(r, code, page);
	if (rc != WS_OK) {
		json_decref(page);
		return rc;
	}
	json_object_set_new(page, "viewer_level", json_string(vis_name(org_viewer_level(r))));
	if (!r->api) {
		int focal = r->user && r->user->role == ROLE_FOCAL;

		json_object_set_new(page, "is_focal", json_boolean(focal));
		json_object_set_new(page, "own_view", json_boolean(own));
		json_object_set_new(page, "is_staff", json_boolean(r->user &&
		    r->user->role >= ROLE_STAFF));
		json_object_set_new(page, "heading", json_string(country_name(code, r->locale)));
	}
	resp_value(w, page);
	w->tpl = "country";
	w->title = N_("Country");
	return WS_OK;
}

enum ws_err
h_country(struct req *r, struct resp *w)
{
	const char *p = r->params[0];
	char code[3];

	if (!p || strlen(p) != 2)
		return WS_ENOTFOUND;
	code[0] = (char)(p[0] >= 'a' && p[0] <= 'z' ? p[0] - 32 : p[0]);
	code[1] = (char)(p[1] >= 'a' && p[1] <= 'z' ? p[1] - 32 : p[1]);
	code[2] = '\0';
	if (!country_valid(code))
		return WS_ENOTFOUND;
	if (r->user->role == ROLE_FOCAL && (!r->user->country ||
	    strcmp(r->user->country, code) != 0)) {
		w->detail = N_("A focal point sees only their own country's page.");
		return WS_EFORBIDDEN;
	}
	return country_page(r, w, code, 0);
}

enum ws_err
h_my_country(struct req *r, struct resp *w)
{
	const char *c = r->user->country;

	if (!c || !country_valid(c)) {
		w->detail = N_("Your account is not a focal point for a country yet.");
		return WS_ENOTFOUND;
	}
	return country_page(r, w, c, 1);
}
