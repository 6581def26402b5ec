/*
 * participants.c -- the Extended Bureau's decision on who takes part in a
 * dialogue, and what that decision opens: staff's list of the applicants
 * (page, JSON twin, CSV) with the balance by region, kind of
 * organization and gender of the speaker, the decisions (approved,
 * not_approved) made as the call's decisions, and registration for the
 * dialogue's two events, which its approved participants alone may use.
 *
 * The decision is the call's, mapped, never stored twice: an accepted
 * application is an approved participant, a declined one not approved,
 * one submitted or waitlisted still proposed.  Whether an applicant's
 * organization is from a country under review is read from its country
 * against the dialogue's list each time the list is shown; staff score
 * the call's criterion for it as they see fit.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/calls/calls.h"
#include "app/dialogues/dialogues_int.h"
#include "app/directory/directory.h"
#include "app/directory/regions.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

enum ws_err
dialogues_may_register(struct db *d, int64_t ev, int64_t uid, const char **why)
{
	struct db_q *q = db_start(d, ST_DLG_OF_EVENT);
	int64_t call = 0, app = 0, org = 0;
	enum ws_err rc;

	*why = NULL;
	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, ev);
	if ((rc = db_step(q)) == WS_OK)
		call = db_col_int(q, DLG_EV_C_CALL_ID);
	db_end(q);
	if (rc == WS_EDONE)
		return WS_OK;	/* no dialogue's event */
	if (rc != WS_OK)
		return rc;
	rc = dlg_approved_of(d, call, uid, &app, &org);
	if (rc == WS_ENOTFOUND) {
		*why = N_("Only the approved participants of this constructive dialogue may "
		    "register for its events: apply through the dialogue's call.");
		return WS_EFORBIDDEN;
	}
	return rc;
}

/* The id of the question of call that asks the speaker's gender into *id
 * (r's arena): DLG_GENDER_Q, or else a choice question whose choices
 * include "woman" and "man" (a call made through the staff form, whose
 * questions get ids q1, q2, ...). */
static enum ws_err
dlg_gender_question(struct req *r, int64_t call, const char **id)
{
	struct db_q *q = db_start(req_db(r), ST_DLG_CALL_QUESTIONS);
	json_t *qs = NULL, *x, *c;
	enum ws_err rc;
	size_t i, k;

	*id = DLG_GENDER_Q;
	db_bind_int(q, 1, call);
	if ((rc = db_step(q)) == WS_OK)
		qs = app_col_json(q, 0, json_array());
	db_end(q);
	if (rc == WS_EDONE)
		return WS_OK;
	if (rc != WS_OK)
		return rc;
	json_array_foreach(qs, i, x) {
		int woman = 0, man = 0;

		if (strcmp(json_string_value(json_object_get(x, "id")) ?
		    json_string_value(json_object_get(x, "id")) : "", DLG_GENDER_Q) == 0)
			break;
		json_array_foreach(json_object_get(x, "choices"), k, c) {
			woman |= json_is_string(c) && strcmp(json_string_value(c), "woman") == 0;
			man |= json_is_string(c) && strcmp(json_string_value(c), "man") == 0;
		}
		if (woman && man) {
			*id = arena_strdup(r->a, json_string_value(json_object_get(x, "id")));
			break;
		}
	}
	json_decref(qs);
	return WS_OK;
}

/* The decision the call's status of an application stands for. */
static const char *
decision_of(const char *status)
{
	if (strcmp(status, "accepted") == 0)
		return "approved";
	if (strcmp(status, "declined") == 0)
		return "not_approved";
	return "proposed";
}

/* Whether code is among the strings of list. */
static int
listed(json_t *list, const char *code)
{
	json_t *x;
	size_t i;

	json_array_foreach(list, i, x)
		if (code && json_is_string(x) && strcmp(json_string_value(x), code) == 0)
			return 1;
	return 0;
}

static void
count(json_t *o, const char *facet, const char *value)
{
	json_t *f = json_object_get(o, facet);
	json_t *n = json_object_get(f, value);

	json_object_set_new(f, value, json_integer(json_integer_value(n) + 1));
}

/* The participants of stored dialogue g: *rows as the list shows them,
 * *balance {approved, proposed: {total, region, kind, gender}}.  New
 * references. */
static enum ws_err
people_of(struct req *r, json_t *g, json_t **rows, json_t **balance)
{
	json_t *people = NULL, *p, *countries = json_object_get(g, "countries");
	const char *gq = DLG_GENDER_Q;
	enum ws_err rc;
	size_t i;

	*rows = json_array();
	*balance = json_object();
	json_object_set_new(*balance, "approved", json_pack("{s:i,s:{},s:{},s:{}}", "total", 0,
	    "region", "kind", "gender"));
	json_object_set_new(*balance, "proposed", json_pack("{s:i,s:{},s:{},s:{}}", "total", 0,
	    "region", "kind", "gender"));
	if ((rc = dlg_people(req_db(r), json_integer_value(json_object_get(g, "call_id")),
	    &people)) != WS_OK)
		goto out;
	if ((rc = dlg_gender_question(r, json_integer_value(json_object_get(g, "call_id")),
	    &gq)) != WS_OK)
		goto out;
	json_array_foreach(people, i, p) {
		const char *country = json_string_value(json_object_get(p, "country"));
		const char *kind = json_string_value(json_object_get(p, "kind"));
		const char *gender = json_string_value(json_object_get(json_object_get(p,
		    "answers"), gq));
		const char *region = country ? m49_region(country) : NULL;
		const char *decision = decision_of(json_string_value(json_object_get(p,
		    "status")));
		json_t *sum = json_object_get(p, "score_sum"), *row, *b;
		int64_t n = json_integer_value(json_object_get(p, "score_n"));

		if (!gender || !*gender)
			gender = "not_given";
		row = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:o,s:o,s:s,s:b,s:o,s:I,s:O,s:s}",
		    "application_id", json_object_get(p, "application_id"),
		    "user_id", json_object_get(p, "user_id"),
		    "name", json_object_get(p, "name"),
		    "email", json_object_get(p, "email"),
		    "organization_id", json_object_get(p, "organization_id"),
		    "organization", json_object_get(p, "organization"),
		    "country", json_object_get(p, "country"),
		    "region", region ? json_string(region) : json_null(),
		    "kind", kind ? json_string(kind) : json_null(),
		    "gender", gender,
		    "from_country_under_review", listed(countries, country),
		    "score", json_is_integer(sum) && n > 0 ? json_real(
		    (double)json_integer_value(sum) / (double)n / 100.0) : json_null(),
		    "reviewers", (json_int_t)n,
		    "status", json_object_get(p, "status"),
		    "decision", decision);
		json_array_append_new(*rows, row);
		if (strcmp(decision, "not_approved") == 0)
			continue;
		b = json_object_get(*balance, strcmp(decision, "approved") == 0 ? "approved" :
		    "proposed");
		json_object_set_new(b, "total", json_integer(json_integer_value(json_object_get(b,
		    "total")) + 1));
		count(b, "region", region ? region : "none");
		count(b, "kind", kind ? kind : "individual");
		count(b, "gender", gender);
	}
out:
	json_decref(people);
	return rc;
}

enum ws_err
h_staff_dialogue_participants(struct req *r, struct resp *w)
{
	json_t *g = NULL, *rows = NULL, *balance = NULL, *val;
	int64_t id;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	if ((rc = people_of(r, g, &rows, &balance)) != WS_OK)
		goto out;
	val = json_pack("{s:o,s:O,s:o,s:o}", "dialogue", dlg_view(r, g), "countries",
	    json_object_get(g, "countries"), "items", rows, "balance", balance);
	rows = balance = NULL;
	{	/* the focal points invited (invitations.c), and for the page's form
		 * those who may be */
		json_t *inv = NULL, *choices = NULL;

		if ((rc = dialogues_invitations(r, id, &inv, r->api ? NULL : &choices)) != WS_OK) {
			json_decref(inv);
			json_decref(val);
			goto out;
		}
		json_object_set_new(val, "invitations", inv);
		if (choices)
			json_object_set_new(val, "focal_choices", choices);
	}
	if (!r->api) {
		json_t *it;
		size_t i;
		const char *const facets[] = { "region", "kind", "gender", NULL };
		const char *const *f;

		json_array_foreach(json_object_get(val, "items"), i, it) {
			json_object_set_new(it, "is_proposed", json_boolean(strcmp(json_string_value(
			    json_object_get(it, "decision")), "proposed") == 0));
			json_object_set_new(it, "decision_label", json_string(view_tr(r->app->views,
			    r->locale, strcmp(json_string_value(json_object_get(it, "decision")),
			    "approved") == 0 ? N_("Approved") : strcmp(json_string_value(
			    json_object_get(it, "decision")), "not_approved") == 0 ?
			    N_("Not approved") : N_("Proposed"))));
		}
		/* the balance as rows the template lists */
		json_object_set_new(val, "balance_rows", json_array());
		for (f = facets; *f; f++) {
			json_t *a = json_object_get(json_object_get(json_object_get(val, "balance"),
			    "approved"), *f);
			json_t *p = json_object_get(json_object_get(json_object_get(val, "balance"),
			    "proposed"), *f);
			json_t *keys = json_object(), *x, *list = json_array();
			const char *k;

			json_object_foreach(a, k, x)
				json_object_set_new(keys, k, json_true());
			json_object_foreach(p, k, x)
				json_object_set_new(keys, k, json_true());
			json_object_foreach(keys, k, x)
				json_array_append_new(list, json_pack("{s:s,s:I,s:I}", "value", k,
				    "approved", (json_int_t)json_integer_value(json_object_get(a, k)),
				    "proposed", (json_int_t)json_integer_value(json_object_get(p, k))));
			json_decref(keys);
			json_array_append_new(json_object_get(val, "balance_rows"), json_pack(
			    "{s:s,s:o}", "facet", *f, "values", list));
		}
		json_object_set_new(val, "csrf", json_string(csrf_token(r)));
	}
	resp_value(w, val);
	w->tpl = "staff_dialogue_participants";
	w->title = N_("Dialogue participants");
out:
	json_decref(g);
	json_decref(rows);
	json_decref(balance);
	return rc;
}

enum ws_err
h_staff_dialogue_participants_csv(struct req *r, struct resp *w)
{
	static const char *const head[] = { "application_id", "name", "email", "organization",
		"country", "region", "kind", "gender", "from_country_under_review", "score",
		"decision", NULL };
	json_t *g = NULL, *rows = NULL, *balance = NULL, *it;
	struct buf *out = &w->raw;
	int64_t id;
	enum ws_err rc;
	size_t i, k;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	if ((rc = people_of(r, g, &rows, &balance)) != WS_OK)
		goto out;
	rc = buf_adds(out, "\xEF\xBB\xBF");
	for (k = 0; rc == WS_OK && head[k]; k++)
		rc = dir_csv_cell(out, head[k], k == 0);
	if (rc == WS_OK)
		rc = buf_adds(out, "\r\n");
	json_array_foreach(rows, i, it) {
		for (k = 0; rc == WS_OK && head[k]; k++) {
			json_t *x = json_object_get(it, head[k]);
			char num[40] = "";

			if (json_is_integer(x))
				snprintf(num, sizeof num, "%lld", (long long)json_integer_value(x));
			else if (json_is_real(x))
				snprintf(num, sizeof num, "%.2f", json_real_value(x));
			else if (json_is_boolean(x))
				snprintf(num, sizeof num, "%s", json_is_true(x) ? "yes" : "no");
			rc = dir_csv_cell(out, json_is_string(x) ? json_string_value(x) : num,
			    k == 0);
		}
		if (rc == WS_OK)
			rc = buf_adds(out, "\r\n");
	}
	if (rc != WS_OK)
		goto out;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"dialogue-%lld-participants.csv\"", (long long)id));
	resp_header(w, "Cache-Control", "no-store");
out:
	json_decref(g);
	json_decref(rows);
	json_decref(balance);
	return rc;
}

/* ---- the decisions, as the call's ------------------------------------------ */

enum ws_err
h_dialogue_decisions(struct req *r, struct resp *w)
{
	json_t *g = NULL, *in = NULL, *was = r->in, *dec;
	const char *d, *mapped = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	dec = json_object_get(r->in, "decision");
	d = json_string_value(dec);
	if (d && strcmp(d, "approved") == 0)
		mapped = "accept";
	else if (d && strcmp(d, "not_approved") == 0)
		mapped = "decline";
	if (!mapped) {
		w->errors = json_pack("{s:s}", "decision", view_tr(r->app->views, r->locale,
		    N_("The decision is approved or not_approved.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	in = json_deep_copy(r->in);
	json_object_set_new(in, "decision", json_string(mapped));
	r->in = in;
	r->params[0] = arena_printf(r->a, "%lld", (long long)json_integer_value(
	    json_object_get(g, "call_id")));
	rc = h_call_decisions(r, w);
	r->in = was;
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	if (rc == WS_OK && w->val) {
		json_object_set_new(w->val, "dialogue_id", json_integer(id));
		json_object_set_new(w->val, "decision", json_string(d));
	}
out:
	json_decref(g);
	json_decref(in);
	return rc;
}

enum ws_err
h_staff_dialogue_decide(struct req *r, struct resp *w)
{
	json_t *ids = json_array(), *x = json_object_get(r->in, "ids"), *in, *was = r->in;
	size_t i;
	enum ws_err rc;
	int64_t n;

	/* the form's ids come as text, one or several */
	if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &n) == WS_OK)
		json_array_append_new(ids, json_integer(n));
	json_array_foreach(json_is_array(x) ? x : NULL, i, x)
		if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &n) == WS_OK)
			json_array_append_new(ids, json_integer(n));
	in = json_pack("{s:o,s:O}", "ids", ids, "decision", json_object_get(r->in, "decision") ?
	    json_object_get(r->in, "decision") : json_null());
	r->in = in;
	rc = h_dialogue_decisions(r, w);
	r->in = was;
	json_decref(in);
	if (rc == WS_OK && json_integer_value(json_object_get(w->val, "refused")) == 0) {
		json_decref(w->val);
		w->val = NULL;
		w->tpl = NULL;
		resp_redirect(w, arena_printf(r->a, "/staff/dialogues/%s/participants",
		    r->params[0]));
	} else if (rc == WS_OK || rc == WS_EINVAL || rc == WS_ECONFLICT) {
		/* the page again, saying why each refused one was */
		const char *why = "";
		json_t *res;
		enum ws_err rc2;

		json_array_foreach(json_object_get(w->val, "results"), i, res)
			if (!json_is_true(json_object_get(res, "ok")))
				why = arena_printf(r->a, "%s%s%s: %s", why, *why ? "; " : "",
				    json_string_value(json_object_get(res, "name")) ?
				    json_string_value(json_object_get(res, "name")) : "?",
				    json_string_value(json_object_get(res, "reason")) ?
				    json_string_value(json_object_get(res, "reason")) : "");
		if (rc != WS_OK)
			why = w->detail ? view_tr(r->app->views, r->locale, w->detail) : "";
		json_decref(w->val);
		w->val = NULL;
		if ((rc2 = h_staff_dialogue_participants(r, w)) != WS_OK)
			return rc2;
		json_object_set_new(w->val, "problem", json_string(why));
		if (rc == WS_OK)
			w->status = 200;
	}
	return rc;
}
