/*
 * partners.c -- partner matching (partners.h says the rules): the
 * suggestions, the requests of the caller's organization, asking,
 * accepting and declining, and the staff's list of every request with
 * its CSV.
 *
 * What the asked side learns before it accepts is the asking
 * organization's name and the note; the contacts' names come after, to
 * both sides' admins.  Suggestions are scored from org_view() at the
 * caller's level, so a field an organization hid from them counts for
 * nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/directory/regions.h"
#include "app/events/events.h"
#include "app/messages/messages.h"
#include "app/orgs/orgs.h"
#include "app/partners/partners.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define DAY 86400
#define ORGS_MAX 20000	/* organizations read for one page of suggestions */

const struct field ptn_q_suggestions[] = {
	{ "org", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Choose one of your organizations.") },
	{ "theme", FT_CHOICE, 0, 0, 0, NULL, theme_valid, N_("Choose a theme from the list.") },
	{ "region", FT_CHOICE, 0, 0, 0, NULL, m49_valid, N_("Choose a region from the list.") },
	APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END
};
const struct field ptn_q_list[] = {
	{ "org", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Choose one of your organizations.") },
	APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END
};
static const char *const statuses[] = { "pending", "accepted", "declined", "all", NULL };
const struct field ptn_q_staff[] = {
	{ "status", FT_CHOICE, 0, 0, 0, statuses, NULL,
	    N_("Choose pending, accepted, declined or all.") },
	APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END
};

static const struct field ask_fields[] = {
	{ "org", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Choose one of your organizations.") },
	{ "to", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Choose the organization to ask.") },
	{ "note", FT_TEXT, 1, 1, PTN_NOTE_MAX, NULL, NULL,
	    N_("Say in a few words why you would like to connect (at most 1000 bytes).") },
	{ "contact", FT_INT, 0, 1, INT64_MAX, NULL, NULL,
	    N_("Choose your contact person among your organization's people.") },
};
static const struct field accept_fields[] = {
	{ "contact", FT_INT, 0, 1, INT64_MAX, NULL, NULL,
	    N_("Choose your contact person among your organization's people.") },
};

/* ---- the caller's organizations ----------------------------------------------- */

/* The approved organizations r's caller is an admin of, [{id, name}];
 * WS_EFORBIDDEN (w->detail says why) when none. */
static enum ws_err
my_orgs(struct req *r, struct resp *w, json_t **out)
{
	json_t *all = NULL, *x;
	enum ws_err rc;
	size_t i;

	*out = json_array();
	if ((rc = orgs_of_person(req_db(r), r->user->id, &all)) != WS_OK)
		return rc;
	json_array_foreach(all, i, x)
		if (json_is_true(json_object_get(x, "admin")) && json_string_value(
		    json_object_get(x, "status")) && strcmp(json_string_value(json_object_get(x,
		    "status")), "approved") == 0)
			json_array_append_new(*out, json_pack("{s:O,s:O}", "id", json_object_get(x,
			    "id"), "name", json_object_get(x, "name")));
	json_decref(all);
	if (json_array_size(*out) == 0) {
		w->detail = N_("Partner matching is for the admins of an approved organization.");
		return WS_EFORBIDDEN;
	}
	return WS_OK;
}

/* The one of orgs (my_orgs()) with id want (0: the first); its id, 0 when
 * want is none of them. */
static int64_t
pick(json_t *orgs, int64_t want)
{
	json_t *x;
	size_t i;

	json_array_foreach(orgs, i, x)
		if (!want || json_integer_value(json_object_get(x, "id")) == want)
			return json_integer_value(json_object_get(x, "id"));
	return 0;
}

/* Whether uid is one of organization org's people (any of them). */
static enum ws_err
person_of(struct db *d, int64_t org, int64_t uid, int *yes)
{
	json_t *all = NULL, *x;
	enum ws_err rc;
	size_t i;

	*yes = 0;
	if ((rc = orgs_of_person(d, uid, &all)) != WS_OK)
		return rc;
	json_array_foreach(all, i, x)
		*yes |= json_integer_value(json_object_get(x, "id")) == org;
	json_decref(all);
	return WS_OK;
}

/* The people of organization org a contact may be chosen among, for a
 * form: [{id, name, selected}], r's caller selected.  New reference. */
static json_t *
choices(struct req *r, int64_t org)
{
	struct db_q *q = db_start(req_db(r), ST_MEMBER_LIST);
	json_t *out = json_array();

	db_bind_int(q, 1, org);
	while (db_step(q) == WS_OK)
		json_array_append_new(out, json_pack("{s:I,s:s,s:b}", "id", (json_int_t)db_col_int(q,
		    MEMBER_LIST_C_USER_ID), "name", db_col_text(q, MEMBER_LIST_C_NAME) ?
		    db_col_text(q, MEMBER_LIST_C_NAME) : "", "selected", db_col_int(q,
		    MEMBER_LIST_C_USER_ID) == r->user->id));
	db_end(q);
	return out;
}

/* Inside the caller's transaction: organization id's row locked until it
 * ends (ST_ORG_LOCK). */
static enum ws_err
org_row_lock(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_ORG_LOCK);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_step(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* ---- the store --------------------------------------------------------------- */

static json_t *
name_or_null(struct db_q *q, int id, int name)
{
	if (db_col_null(q, id))
		return json_null();
	return json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(q, id), "name",
	    db_col_text(q, name) ? db_col_text(q, name) : "");
}

/* A request as stored (everything: who sees what is ptn_shown()'s). */
static json_t *
ptn_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, PTN_C_ID)));
	json_object_set_new(o, "from", json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(q,
	    PTN_C_FROM_ORG), "name", db_col_text(q, PTN_C_FROM_NAME)));
	json_object_set_new(o, "to", json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(q,
	    PTN_C_TO_ORG), "name", db_col_text(q, PTN_C_TO_NAME)));
	json_object_set_new(o, "asked_by", name_or_null(q, PTN_C_ASKED_BY, PTN_C_ASKER_NAME));
	json_object_set_new(o, "note", json_string(db_col_text(q, PTN_C_NOTE)));
	json_object_set_new(o, "status", json_string(db_col_text(q, PTN_C_STATUS)));
	json_object_set_new(o, "created_at", app_col_time(q, PTN_C_CREATED_AT));
	json_object_set_new(o, "decided_at", app_col_time(q, PTN_C_DECIDED_AT));
	json_object_set_new(o, "from_contact", name_or_null(q, PTN_C_FROM_CONTACT,
	    PTN_C_FROM_CONTACT_NAME));
	json_object_set_new(o, "to_contact", name_or_null(q, PTN_C_TO_CONTACT,
	    PTN_C_TO_CONTACT_NAME));
	json_object_set_new(o, "conversation_id", app_col_int(q, PTN_C_CONVERSATION_ID));
	return o;
}

static enum ws_err
ptn_get(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_PTN_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = ptn_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

static enum ws_err
ptn_rows(struct db_q *q, json_t **out)
{
	enum ws_err rc;

	*out = json_array();
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, ptn_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

static enum ws_err
count_of(struct db *d, enum db_stmt s, int64_t a, int64_t *n)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*n = 0;
	db_bind_int(q, 1, a);
	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Request p as the admins of organization org see it (the side it is
 * theirs on in "side": from or to): the contacts only once accepted, the
 * asker's name only to the asking side.  New reference. */
static json_t *
ptn_shown(struct req *r, json_t *p, int64_t org)
{
	json_t *o = json_deep_copy(p);
	int from = json_integer_value(json_object_get(json_object_get(p, "from"), "id")) == org;
	int accepted = strcmp(json_string_value(json_object_get(p, "status")), "accepted") == 0;
	int64_t me = r->user->id;

	json_object_set_new(o, "side", json_string(from ? "from" : "to"));
	if (!from)
		json_object_set_new(o, "asked_by", json_null());
	if (!accepted) {
		if (!from)
			json_object_set_new(o, "from_contact", json_null());
		json_object_set_new(o, "conversation_id", json_null());
	} else {	/* the conversation is the contacts' own */
		int contact = json_integer_value(json_object_get(json_object_get(o, "from_contact"),
		    "id")) == me || json_integer_value(json_object_get(json_object_get(o,
		    "to_contact"), "id")) == me;

		if (!contact)
			json_object_set_new(o, "conversation_id", json_null());
	}
	if (!r->api) {
		json_object_set_new(o, "pending", json_boolean(!accepted && strcmp(json_string_value(
		    json_object_get(p, "status")), "pending") == 0));
		json_object_set_new(o, "accepted", json_boolean(accepted));
		json_object_set_new(o, "declined", json_boolean(strcmp(json_string_value(
		    json_object_get(p, "status")), "declined") == 0));
		json_object_set_new(o, "can_decide", json_boolean(!from && json_is_true(
		    json_object_get(o, "pending"))));
		json_object_set_new(o, "outgoing", json_boolean(from));
	}
	return o;
}

enum ws_err
ptn_export_person(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_PTN_OF_PERSON);
	json_t *rows = NULL, *x;
	enum ws_err rc;
	size_t i;

	*out = json_array();
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	if ((rc = ptn_rows(q, &rows)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	json_array_foreach(rows, i, x) {
		int asked = json_integer_value(json_object_get(json_object_get(x, "asked_by"), "id"))
		    == uid;
		int contact = json_integer_value(json_object_get(json_object_get(x, "from_contact"),
		    "id")) == uid || json_integer_value(json_object_get(json_object_get(x,
		    "to_contact"), "id")) == uid;

		json_array_append_new(*out, json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:b,s:b}", "id",
		    json_object_get(x, "id"), "from", json_object_get(json_object_get(x, "from"),
		    "name"), "to", json_object_get(json_object_get(x, "to"), "name"), "note",
		    json_object_get(x, "note"), "status", json_object_get(x, "status"),
		    "created_at", json_object_get(x, "created_at"), "decided_at",
		    json_object_get(x, "decided_at"), "asked", asked, "contact", contact));
	}
	json_decref(rows);
	return WS_OK;
}

/* ---- suggestions ------------------------------------------------------------- */

/* How many of the strings of arrays a and b are the same. */
static int
shared(json_t *a, json_t *b)
{
	json_t *x, *y;
	size_t i, j;
	int n = 0;

	json_array_foreach(a, i, x)
		json_array_foreach(b, j, y)
			if (json_is_string(x) && json_is_string(y) &&
			    strcmp(json_string_value(x), json_string_value(y)) == 0) {
				n++;
				break;
			}
	return n;
}

/* An organization's countries of operation as a viewer sees them: its
 * country and its countries of work (those visible).  New reference. */
static json_t *
operation(json_t *v)
{
	json_t *out = json_array(), *x;
	size_t i;

	if (json_is_string(json_object_get(v, "country")))
		json_array_append(out, json_object_get(v, "country"));
	json_array_foreach(json_object_get(v, "countries"), i, x)
		if (json_is_string(x))
			json_array_append(out, x);
	return out;
}

static int
in_region(json_t *ops, const char *region)
{
	json_t *x;
	size_t i;

	json_array_foreach(ops, i, x) {
		const char *c = json_string_value(x);

		if (c && ((m49_region(c) && strcmp(m49_region(c), region) == 0) ||
		    (m49_subregion(c) && strcmp(m49_subregion(c), region) == 0)))
			return 1;
	}
	return 0;
}

static int
by_score(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int64_t sx = json_integer_value(json_object_get(x, "score"));
	int64_t sy = json_integer_value(json_object_get(y, "score"));

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return strcmp(json_string_value(json_object_get(x, "name")),
	    json_string_value(json_object_get(y, "name")));
}

enum ws_err
h_partner_suggestions(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *orgs = NULL, *mine = NULL, *myops = NULL, *hits = json_array(), *items, *v;
	json_t *excluded = json_object(), *x;
	const char *theme = req_qstr(r, "theme"), *region = req_qstr(r, "region");
	int64_t org, page = req_qint(r, "page", 1), off = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	enum vis level = org_viewer_level(r);
	struct db_q *q;
	enum ws_err rc;
	size_t i, n;

	if ((rc = my_orgs(r, w, &orgs)) != WS_OK)
		goto out;
	if (!(org = pick(orgs, req_qint(r, "org", 0)))) {
		w->detail = N_("Choose one of your organizations.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = org_load(d, org, &mine)) != WS_OK)
		goto out;
	myops = operation(mine);
	q = db_start(d, ST_PTN_EXCLUDED);
	db_bind_int(q, 1, org);
	db_bind_int(q, 2, org);
	db_bind_int(q, 3, org);
	db_bind_int(q, 4, now_s() - PTN_DECLINED_DAYS * DAY);
	while ((rc = db_step(q)) == WS_OK)
		json_object_set_new(excluded, arena_printf(r->a, "%lld", (long long)db_col_int(q,
		    0)), json_true());
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	rc = WS_OK;
	/* every approved organization, a batch at a time */
	for (n = 0; n < ORGS_MAX; ) {
		size_t got = 0;

		q = db_start(d, ST_ORG_LIST);
		db_bind_int(q, 1, 500);
		db_bind_int(q, 2, off);
		while ((rc = db_step(q)) == WS_OK) {
			json_t *o = org_of_row(q), *seen, *ops;
			int64_t id;
			int score;

			got++;
			if (!o)
				continue;
			id = json_integer_value(json_object_get(o, "id"));
			if (id == org || json_object_get(excluded, arena_printf(r->a, "%lld",
			    (long long)id))) {
				json_decref(o);
				continue;
			}
			seen = org_view(o, level, r->locale, r->app->views);
			json_decref(o);
			ops = operation(seen);
			score = PTN_SCORE_THEME * shared(json_object_get(mine, "themes"),
			    json_object_get(seen, "themes")) + PTN_SCORE_COUNTRY * shared(myops, ops);
			if (score > 0 && (!region || !*region || in_region(ops, region))) {
				int keep = 1;

				if (theme && *theme) {
					json_t *t = json_pack("[s]", theme);

					keep = shared(json_object_get(seen, "themes"), t) > 0;
					json_decref(t);
				}
				if (keep) {
					json_object_set_new(seen, "score", json_integer(score));
					json_object_set_new(seen, "shared_themes", json_integer(shared(
					    json_object_get(mine, "themes"), json_object_get(seen, "themes"))));
					json_object_set_new(seen, "shared_countries", json_integer(shared(
					    myops, ops)));
					json_array_append(hits, seen);
				}
			}
			json_decref(ops);
			json_decref(seen);
		}
		db_end(q);
		if (rc != WS_EDONE)
			goto out;
		rc = WS_OK;
		n += got;
		off += (int64_t)got;
		if (got < 500)
			break;
	}
	{
		size_t k = json_array_size(hits);
		json_t **arr = calloc(k ? k : 1, sizeof *arr);

		if (!arr)
			abort();
		for (i = 0; i < k; i++)
			arr[i] = json_array_get(hits, i);
		qsort(arr, k, sizeof *arr, by_score);
		items = json_array();
		for (i = (size_t)((page - 1) * per_page); i < k && i < (size_t)(page * per_page);
		    i++) {
			json_t *s = arr[i], *o;

			/* the directory's summary of it, nothing more */
			o = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(s, "id"),
			    "name", json_object_get(s, "name"), "score", json_object_get(s, "score"),
			    "shared_themes", json_object_get(s, "shared_themes"), "shared_countries",
			    json_object_get(s, "shared_countries"), "themes",
			    json_object_get(s, "themes") ? json_object_get(s, "themes") : json_null());
			if (json_is_string(json_object_get(s, "country")))
				json_object_set(o, "country", json_object_get(s, "country"));
			if (json_is_array(json_object_get(s, "countries")))
				json_object_set(o, "countries", json_object_get(s, "countries"));
			if (!r->api && json_is_string(json_object_get(s, "country")))
				json_object_set_new(o, "country_name", json_string(country_name(
				    json_string_value(json_object_get(s, "country")), r->locale)));
			json_array_append_new(items, o);
		}
		v = app_list_value(items, page, per_page, (int64_t)k);
		free(arr);
	}
	json_object_set_new(v, "organization", json_pack("{s:I,s:O}", "id", (json_int_t)org,
	    "name", json_object_get(mine, "name")));
	json_object_set(v, "organizations", orgs);
	if (!r->api) {
		json_object_set_new(v, "theme", json_string(theme ? theme : ""));
		json_object_set_new(v, "region", json_string(region ? region : ""));
		json_array_foreach(json_object_get(v, "organizations"), i, x)
			json_object_set_new(x, "selected", json_boolean(json_integer_value(
			    json_object_get(x, "id")) == org));
		json_object_set_new(v, "note", json_string(""));
		json_object_set_new(v, "people", choices(r, org));
	}
	resp_value(w, v);
	w->tpl = "partners_suggestions";
	w->title = N_("Suggested partners");
out:
	json_decref(orgs);
	json_decref(mine);
	json_decref(myops);
	json_decref(hits);
	json_decref(excluded);
	return rc;
}

/* ---- the requests of the caller's organization --------------------------------------- */

enum ws_err
h_partners(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *orgs = NULL, *rows = NULL, *items = json_array(), *v, *x;
	int64_t org, page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	if ((rc = my_orgs(r, w, &orgs)) != WS_OK)
		goto out;
	if (!(org = pick(orgs, req_qint(r, "org", 0)))) {
		w->detail = N_("Choose one of your organizations.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	q = db_start(d, ST_PTN_OF_ORG_COUNT);
	db_bind_int(q, 1, org);
	db_bind_int(q, 2, org);
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		goto out;
	q = db_start(d, ST_PTN_OF_ORG);
	db_bind_int(q, 1, org);
	db_bind_int(q, 2, org);
	db_bind_int(q, 3, per_page);
	db_bind_int(q, 4, (page - 1) * per_page);
	if ((rc = ptn_rows(q, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, x)
		json_array_append_new(items, ptn_shown(r, x, org));
	v = app_list_value(items, page, per_page, total);
	items = NULL;
	json_object_set_new(v, "organization", json_pack("{s:I}", "id", (json_int_t)org));
	json_array_foreach(orgs, i, x)
		if (json_integer_value(json_object_get(x, "id")) == org)
			json_object_set(json_object_get(v, "organization"), "name",
			    json_object_get(x, "name"));
	json_object_set(v, "organizations", orgs);
	if (!r->api) {
		const char *done = req_query(r, "done");

		json_object_set_new(v, "asked", json_boolean(done && strcmp(done, "asked") == 0));
		json_object_set_new(v, "decided", json_boolean(done && strcmp(done, "decided") ==
		    0));
		json_array_foreach(json_object_get(v, "organizations"), i, x)
			json_object_set_new(x, "selected", json_boolean(json_integer_value(
			    json_object_get(x, "id")) == org));
		json_object_set_new(v, "people", choices(r, org));
	}
	resp_value(w, v);
	w->tpl = "partners";
	w->title = N_("Partner requests");
out:
	json_decref(orgs);
	json_decref(rows);
	json_decref(items);
	return rc;
}

/* ---- asking ------------------------------------------------------------------------ */

/* Mails the admins of org about request id (view, subject), with ctx. */
static enum ws_err
mail_admins(struct req *r, struct db *d, int64_t org, const char *view, const char *subject,
    const char *from, const char *to)
{
	json_t *ctx = json_pack("{s:s,s:s,s:s,s:s}", "from", from, "to", to, "site",
	    r->app->cfg.org_name, "link", arena_printf(r->a, "%s/partners/requests?org=%lld",
	    r->app->cfg.base_url, (long long)org));
	enum ws_err rc = org_mail_admins(r, d, org, view, subject, ctx, NULL);

	json_decref(ctx);
	return rc;
}

static enum ws_err
ask(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *orgs = NULL, *values = NULL, *errors = NULL, *to = NULL, *from = NULL;
	int64_t org, to_id, contact, n = 0, id = 0;
	const char *note;
	enum ws_err rc;
	int yes = 0;

	if ((rc = my_orgs(r, w, &orgs)) != WS_OK)
		goto out;
	rc = form_check(r, ask_fields, sizeof ask_fields / sizeof ask_fields[0], &values,
	    &errors);
	if (rc == WS_EINVAL) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	note = json_string_value(json_object_get(values, "note"));
	to_id = json_integer_value(json_object_get(values, "to"));
	contact = json_is_integer(json_object_get(values, "contact")) ?
	    json_integer_value(json_object_get(values, "contact")) : r->user->id;
	if (!(org = pick(orgs, json_integer_value(json_object_get(values, "org"))))) {
		w->detail = N_("Choose one of your organizations.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = person_of(d, org, contact, &yes)) != WS_OK)
		goto out;
	if (!yes) {
		w->errors = json_pack("{s:s}", "contact", view_tr(r->app->views, r->locale,
		    N_("Choose your contact person among your organization's people.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (to_id == org || org_load(d, to_id, &to) != WS_OK || strcmp(json_string_value(
	    json_object_get(to, "status")), "approved") != 0) {
		w->detail = N_("There is no organization to ask at this address.");
		rc = WS_ENOTFOUND;
		goto out;
	}
	if ((rc = org_load(d, org, &from)) != WS_OK || (rc = db_begin(d)) != WS_OK)
		goto out;
	/* the two organizations locked, the lower id first, so that requests
	 * made at once (the cap raced, both asking each other) are checked
	 * one after the other (PostgreSQL; SQLite writes one at a time) */
	if ((rc = org_row_lock(d, org < to_id ? org : to_id)) != WS_OK ||
	    (rc = org_row_lock(d, org < to_id ? to_id : org)) != WS_OK)
		goto fail;
	{
		struct db_q *q = db_start(d, ST_PTN_PAIR);

		db_bind_int(q, 1, org);
		db_bind_int(q, 2, to_id);
		db_bind_int(q, 3, to_id);
		db_bind_int(q, 4, org);
		db_bind_int(q, 5, now_s() - PTN_DECLINED_DAYS * DAY);
		if ((rc = db_step(q)) == WS_OK)
			n = db_col_int(q, 0);
		db_end(q);
	}
	if (rc != WS_OK)
		goto fail;
	if (n > 0) {
		w->detail = N_("Your organizations have a request already, or one was declined in "
		    "the last 180 days.");
		rc = WS_ECONFLICT;
		goto fail;
	}
	if ((rc = count_of(d, ST_PTN_OPEN_COUNT, org, &n)) != WS_OK)
		goto fail;
	if (n >= PTN_OPEN_MAX) {
		w->detail = N_("Your organization has 10 requests waiting for an answer: wait for "
		    "one before asking again.");
		rc = WS_ERATE;
		goto fail;
	}
	{
		struct db_q *q = db_start(d, ST_PTN_INSERT);

		db_bind_int(q, 1, org);
		db_bind_int(q, 2, to_id);
		db_bind_int(q, 3, r->user->id);
		db_bind_int(q, 4, contact);
		db_bind_text(q, 5, note);
		db_bind_int(q, 6, now_s());
		if ((rc = db_step(q)) == WS_OK)
			id = db_col_int(q, 0);
		else if (rc == WS_EDONE)
			rc = WS_EDB;
		db_end(q);
	}
	if (rc == WS_OK)
		rc = mail_admins(r, d, to_id, "mail_partner_request", N_("An organization would "
		    "like to connect with yours"), json_string_value(json_object_get(from, "name")),
		    json_string_value(json_object_get(to, "name")));
	if (rc != WS_OK)
		goto fail;
	app_audit(r->app, d, r->user->id, "partner.requested", r->ip, arena_printf(r->a,
	    "organization %lld, request %lld to organization %lld", (long long)org, (long long)id,
	    (long long)to_id));
	if ((rc = db_commit(d)) != WS_OK)
		goto fail;
	resp_value(w, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "pending"));
	w->status = 201;
	resp_redirect(w, arena_printf(r->a, "/partners/requests?org=%lld&done=asked", (long long)org));
	goto out;
fail:
	db_rollback(d);
out:
	json_decref(orgs);
	json_decref(values);
	json_decref(errors);
	json_decref(to);
	json_decref(from);
	return rc;
}

enum ws_err
h_partner_request(struct req *r, struct resp *w)
{
	enum ws_err rc = ask(r, w), rc2;
	const char *detail = w->detail, *note = req_field(r, "note");
	int64_t to = 0, org = 0;
	json_t *errors, *x, *saved_query;
	size_t i;

	if (rc == WS_OK || r->api || (rc != WS_EINVAL && rc != WS_ECONFLICT && rc != WS_ERATE))
		return rc;
	/* the suggestions again, with the note kept by the one it was for */
	errors = w->errors ? json_incref(w->errors) : json_object();
	json_decref(w->errors);
	w->errors = NULL;
	if (!req_field(r, "to") || parse_int(req_field(r, "to"), 1, INT64_MAX, &to) != WS_OK)
		to = 0;
	if (!req_field(r, "org") || parse_int(req_field(r, "org"), 1, INT64_MAX, &org) != WS_OK)
		org = 0;
	saved_query = r->query;
	r->query = json_pack("{s:I}", "org", (json_int_t)org);
	rc2 = h_partner_suggestions(r, w);
	json_decref(r->query);
	r->query = saved_query;
	if (rc2 != WS_OK) {
		json_decref(errors);
		return rc2;
	}
	json_array_foreach(json_object_get(w->val, "items"), i, x)
		if (json_integer_value(json_object_get(x, "id")) == to) {
			json_object_set_new(x, "note_typed", json_string(note ? note : ""));
			json_object_set_new(x, "note_error", json_string(json_is_string(
			    json_object_get(errors, "note")) ? json_string_value(json_object_get(errors,
			    "note")) : view_tr(r->app->views, r->locale, detail ? detail : "")));
		}
	w->detail = detail;
	x = json_incref(w->val);	/* app_form_again() lets go of w->val first */
	app_form_again(r, w, x, rc, N_("Some fields need your attention."),
	    "partners_suggestions", N_("Suggested partners"));
	json_decref(x);
	json_decref(errors);
	return rc;
}

/* ---- answering -------------------------------------------------------------------------- */

/* Request {id} decided by an admin of the asked organization: accepted
 * (naming their contact) or declined. */
static enum ws_err
decide(struct req *r, struct resp *w, int accept)
{
	struct db *d = req_db(r);
	json_t *orgs = NULL, *p = NULL, *values = NULL, *errors = NULL;
	int64_t id, to_org, from_org, contact = 0, conv = 0;
	const char *status;
	struct db_q *q;
	enum ws_err rc;
	int yes = 0;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = my_orgs(r, w, &orgs)) != WS_OK)
		goto out;
	if ((rc = ptn_get(d, id, &p)) != WS_OK)
		goto out;
	to_org = json_integer_value(json_object_get(json_object_get(p, "to"), "id"));
	from_org = json_integer_value(json_object_get(json_object_get(p, "from"), "id"));
	if (!pick(orgs, to_org)) {	/* not theirs to answer: as if there were none */
		rc = WS_ENOTFOUND;
		goto out;
	}
	if (accept) {	/* nor a match with an organization no longer approved */
		json_t *from = NULL;

		rc = org_load(d, from_org, &from);
		if (rc == WS_OK && strcmp(json_string_value(json_object_get(from, "status")),
		    "approved") != 0) {
			w->detail = N_("The organization that asked is no longer in the directory: "
			    "the request cannot be accepted now.");
			rc = WS_ECONFLICT;
		}
		json_decref(from);
		if (rc != WS_OK)
			goto out;
	}
	if (accept) {
		rc = form_check(r, accept_fields, 1, &values, &errors);
		if (rc != WS_OK) {
			w->errors = errors;
			errors = NULL;
			w->detail = N_("Some fields need your attention.");
			goto out;
		}
		contact = json_is_integer(json_object_get(values, "contact")) ?
		    json_integer_value(json_object_get(values, "contact")) : r->user->id;
		if ((rc = person_of(d, to_org, contact, &yes)) != WS_OK)
			goto out;
		if (!yes) {
			w->errors = json_pack("{s:s}", "contact", view_tr(r->app->views, r->locale,
			    N_("Choose your contact person among your organization's people.")));
			w->detail = N_("Some fields need your attention.");
			rc = WS_EINVAL;
			goto out;
		}
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, ST_PTN_LOCK);
	db_bind_int(q, 1, id);
	status = NULL;
	if ((rc = db_step(q)) == WS_OK)
		status = arena_strdup(r->a, db_col_text(q, 0));
	db_end(q);
	if (rc != WS_OK)
		goto fail;
	if (strcmp(status, "pending") != 0) {
		w->detail = N_("This request has been answered already.");
		rc = WS_ECONFLICT;
		goto fail;
	}
	if (accept && json_is_integer(json_object_get(json_object_get(p, "from_contact"), "id"))) {
		int64_t fc = json_integer_value(json_object_get(json_object_get(p, "from_contact"),
		    "id"));

		/* one who left the asking organization meanwhile is nobody's
		 * contact: not named, no conversation with them */
		if ((rc = person_of(d, from_org, fc, &yes)) == WS_OK && yes)
			rc = msg_conversation_open(d, fc, contact, &conv);
		else if (rc == WS_OK) {
			q = db_start(d, ST_PTN_CONTACT_CLEAR);
			db_bind_int(q, 1, id);
			rc = db_exec(q, NULL);
			db_end(q);
		}
	}
	if (rc != WS_OK)
		goto fail;
	q = db_start(d, ST_PTN_DECIDE);
	db_bind_text(q, 1, accept ? "accepted" : "declined");
	db_bind_int(q, 2, r->user->id);
	db_bind_int(q, 3, now_s());
	if (contact)
		db_bind_int(q, 4, contact);
	else
		db_bind_null(q, 4);
	if (conv)
		db_bind_int(q, 5, conv);
	else
		db_bind_null(q, 5);
	db_bind_int(q, 6, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK)
		rc = mail_admins(r, d, from_org, accept ? "mail_partner_accepted" :
		    "mail_partner_declined", accept ? N_("Your request to connect was accepted") :
		    N_("Your request to connect was declined"), json_string_value(json_object_get(
		    json_object_get(p, "from"), "name")), json_string_value(json_object_get(
		    json_object_get(p, "to"), "name")));
	if (rc != WS_OK)
		goto fail;
	app_audit(r->app, d, r->user->id, accept ? "partner.accepted" : "partner.declined", r->ip,
	    arena_printf(r->a, "organization %lld, request %lld from organization %lld",
	    (long long)to_org, (long long)id, (long long)from_org));
	if ((rc = db_commit(d)) != WS_OK)
		goto fail;
	json_decref(p);
	if ((rc = ptn_get(d, id, &p)) != WS_OK)
		goto out;
	resp_value(w, ptn_shown(r, p, to_org));
	resp_redirect(w, arena_printf(r->a, "/partners/requests?org=%lld&done=decided",
	    (long long)to_org));
	goto out;
fail:
	db_rollback(d);
out:
	json_decref(orgs);
	json_decref(p);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_partner_accept(struct req *r, struct resp *w)
{
	return decide(r, w, 1);
}

enum ws_err
h_partner_decline(struct req *r, struct resp *w)
{
	return decide(r, w, 0);
}

/* ---- staff --------------------------------------------------------------------------------- */

/* Every request of the staff list's status, a page (all of them for the
 * CSV: page 0). */
static enum ws_err
staff_rows(struct req *r, int64_t page, int per_page, json_t **out, int64_t *total)
{
	struct db *d = req_db(r);
	const char *status = req_qstr(r, "status");
	struct db_q *q;
	enum ws_err rc;

	*out = NULL;
	if (!status || strcmp(status, "all") == 0)
		status = "";
	q = db_start(d, ST_PTN_ALL_COUNT);
	db_bind_text(q, 1, status);
	db_bind_text(q, 2, status);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_PTN_ALL);
	db_bind_text(q, 1, status);
	db_bind_text(q, 2, status);
	db_bind_int(q, 3, page ? per_page : 100000);
	db_bind_int(q, 4, page ? (page - 1) * per_page : 0);
	return ptn_rows(q, out);
}

enum ws_err
h_staff_partners(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	const char *status = req_qstr(r, "status");
	json_t *rows = NULL, *v;
	enum ws_err rc;

	if ((rc = staff_rows(r, page, per_page, &rows, &total)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	v = app_list_value(rows, page, per_page, total);
	json_object_set_new(v, "status", json_string(status && *status ? status : "all"));
	resp_value(w, v);
	w->tpl = "staff_partners";
	w->title = N_("Partner requests");
	return WS_OK;
}

enum ws_err
h_staff_partners_csv(struct req *r, struct resp *w)
{
	static const char *const cols[] = { "id", "from_organization", "to_organization",
		"asked_by", "status", "created_at", "decided_at", "from_contact", "to_contact",
		"note", NULL };
	json_t *rows = NULL, *x;
	int64_t total = 0;
	enum ws_err rc;
	size_t i;
	int c;

	if ((rc = staff_rows(r, 0, 0, &rows, &total)) != WS_OK)
		goto out;
	for (c = 0; cols[c] && rc == WS_OK; c++)
		rc = dir_csv_cell(&w->raw, cols[c], c == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	json_array_foreach(rows, i, x) {
		const char *cells[10];
		json_t *fc = json_object_get(x, "from_contact"), *tc = json_object_get(x, "to_contact");
		json_t *ab = json_object_get(x, "asked_by");

		if (rc != WS_OK)
			break;
		cells[0] = arena_printf(r->a, "%lld", (long long)json_integer_value(
		    json_object_get(x, "id")));
		cells[1] = json_string_value(json_object_get(json_object_get(x, "from"), "name"));
		cells[2] = json_string_value(json_object_get(json_object_get(x, "to"), "name"));
		cells[3] = json_is_object(ab) ? json_string_value(json_object_get(ab, "name")) : "";
		cells[4] = json_string_value(json_object_get(x, "status"));
		cells[5] = json_string_value(json_object_get(x, "created_at"));
		cells[6] = json_is_string(json_object_get(x, "decided_at")) ?
		    json_string_value(json_object_get(x, "decided_at")) : "";
		cells[7] = json_is_object(fc) ? json_string_value(json_object_get(fc, "name")) : "";
		cells[8] = json_is_object(tc) ? json_string_value(json_object_get(tc, "name")) : "";
		cells[9] = json_string_value(json_object_get(x, "note"));
		for (c = 0; c < 10 && rc == WS_OK; c++)
			rc = dir_csv_cell(&w->raw, cells[c] ? cells[c] : "", c == 0);
		if (rc == WS_OK)
			rc = buf_adds(&w->raw, "\r\n");
	}
	if (rc != WS_OK)
		goto out;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", "attachment; filename=\"partner-requests.csv\"");
	resp_header(w, "Cache-Control", "no-store");
out:
	json_decref(rows);
	return rc;
}
