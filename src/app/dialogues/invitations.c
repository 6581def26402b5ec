/*
 * invitations.c -- staff invite a government's focal point to a
 * constructive dialogue (issue 17: "the open opportunities for
 * governments (an invitation to a dialogue ...)"; migration 38).
 *
 * An invitation is one row of dialogue_invitations: the dialogue, the
 * focal point (an active account with role focal and a country), who
 * invited and when; each focal point once a dialogue (409 again).  It is
 * mailed to the focal point, and the dialogue is then among the open
 * opportunities of their country's view (/country) while it is ahead
 * (dialogues_ahead_of_country), for every focal point of that country.
 * Focal points must be able to see the dialogue: one on a session that
 * members may not see yet (a draft, or staff only) is refused (409).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/dialogues/dialogues_int.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

/* The current row of q (enum dlg_inv_col).  New reference. */
static json_t *
inv_row(struct db_q *q)
{
	char t[40];

	time_rfc3339((time_t)db_col_int(q, DLG_INV_C_CREATED_AT), t, sizeof t);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(q,
	    DLG_INV_C_ID), "user_id", (json_int_t)db_col_int(q, DLG_INV_C_USER_ID), "name",
	    db_col_text(q, DLG_INV_C_NAME), "email", db_col_text(q, DLG_INV_C_EMAIL), "country",
	    db_col_text(q, DLG_INV_C_COUNTRY), "locale", db_col_text(q, DLG_INV_C_LOCALE),
	    "created_at", t);
}

/* The rows of statement s (bound to id when id is not 0) into *out. */
static enum ws_err
inv_rows(struct db *d, int s, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*out = json_array();
	if (id)
		db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, inv_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
dialogues_invitations(struct req *r, int64_t id, json_t **out, json_t **choices)
{
	json_t *all = NULL, *x, *y;
	enum ws_err rc;
	size_t i, k;

	if (choices)
		*choices = NULL;
	if ((rc = inv_rows(req_db(r), ST_DLG_INV_LIST, id, out)) != WS_OK)
		return rc;
	json_array_foreach(*out, i, x) {
		json_object_del(x, "email");
		json_object_del(x, "locale");
	}
	if (!choices)
		return WS_OK;
	if ((rc = inv_rows(req_db(r), ST_DLG_INV_FOCALS, 0, &all)) != WS_OK) {
		json_decref(all);
		return rc;
	}
	*choices = json_array();
	json_array_foreach(all, i, x) {
		int invited = 0;

		json_array_foreach(*out, k, y)
			invited = invited || json_equal(json_object_get(x, "user_id"),
			    json_object_get(y, "user_id"));
		if (!invited)
			json_array_append_new(*choices, json_pack("{s:O,s:s}", "id",
			    json_object_get(x, "user_id"), "label", arena_printf(r->a, "%s (%s)",
			    json_string_value(json_object_get(x, "name")),
			    json_string_value(json_object_get(x, "country")))));
	}
	json_decref(all);
	return WS_OK;
}

/* Mails focal point f (inv_row's) their invitation to dialogue g. */
static enum ws_err
invitation_mail(struct req *r, json_t *g, json_t *f)
{
	const char *base = r->app->cfg.base_url ? r->app->cfg.base_url : "";
	const char *lang = app_mail_lang(r->app, json_string_value(json_object_get(f, "locale")),
	    NULL);
	json_t *ctx = json_pack("{s:O,s:O,s:s,s:s,s:s}", "name", json_object_get(f, "name"),
	    "title", json_object_get(g, "title"), "site", r->app->cfg.org_name, "link",
	    arena_printf(r->a, "%s/dialogues/%lld", base, (long long)json_integer_value(
	    json_object_get(g, "id"))), "country_link", arena_printf(r->a, "%s/country", base));
	struct buf b;
	enum ws_err rc;

	buf_init(&b, 64 * 1024);
	rc = view_render(r->app->views, "mail_dialogue_invitation", ctx, lang, &b);
	if (rc == WS_OK)
		rc = app_mail(r->app, req_db(r), json_string_value(json_object_get(f, "email")),
		    arena_printf(r->a, "%s: %s", view_tr(r->app->views, lang,
		    N_("Invitation to a constructive dialogue")), json_string_value(
		    json_object_get(g, "title"))), buf_str(&b));
	buf_free(&b);
	json_decref(ctx);
	return rc;
}

enum ws_err
h_dialogue_invite(struct req *r, struct resp *w)
{
	static const struct dlg_viewer focal = { 0, 1 };
	struct db *d = req_db(r);
	json_t *g = NULL, *seen = NULL, *f = NULL, *x = json_object_get(r->in, "user_id");
	struct db_q *q;
	int64_t id, uid = 0, iid = 0;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	if (json_is_integer(x))
		uid = json_integer_value(x);
	else if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &uid) != WS_OK)
		uid = 0;
	if (uid > 0) {
		q = db_start(d, ST_DLG_INV_FOCAL);
		db_bind_int(q, 1, uid);
		if ((rc = db_step(q)) == WS_OK)
			f = inv_row(q);
		db_end(q);
		if (rc != WS_OK && rc != WS_EDONE)
			goto out;
	}
	if (!f) {
		w->detail = N_("Choose a government's focal point (an active account with a "
		    "country).");
		w->errors = json_pack("{s:s}", "user_id", view_tr(r->app->views, r->locale,
		    w->detail));
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = dlg_get(d, &focal, id, &seen)) == WS_ENOTFOUND) {
		w->detail = N_("Focal points may not see the session this dialogue follows yet: "
		    "publish it to members first.");
		rc = WS_ECONFLICT;
		goto out;
	} else if (rc != WS_OK) {
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, ST_DLG_INV_INSERT);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, r->user->id);
	db_bind_int(q, 4, now_s());
	if ((rc = db_step(q)) == WS_OK)
		iid = db_col_int(q, 0);
	db_end(q);
	if (rc == WS_EDONE)
		rc = WS_EDB;
	if (rc == WS_OK)
		rc = invitation_mail(r, g, f);
	if (rc == WS_OK) {
		app_audit_about(r->app, d, r->user->id, 0, uid, "dialogue.focal_invited", r->ip,
		    arena_printf(r->a, "dialogue %lld: %s", (long long)id, json_string_value(
		    json_object_get(f, "email"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ECONFLICT)
			w->detail = N_("This focal point is invited to this dialogue already.");
		goto out;
	}
	json_object_del(f, "email");
	json_object_del(f, "locale");
	json_object_set_new(f, "id", json_integer(iid));
	json_object_set_new(f, "dialogue_id", json_integer(id));
	resp_value(w, f);
	f = NULL;
	w->status = 201;
out:
	json_decref(g);
	json_decref(seen);
	json_decref(f);
	return rc;
}

enum ws_err
h_staff_dialogue_invite(struct req *r, struct resp *w)
{
	enum ws_err rc = h_dialogue_invite(r, w), rc2;
	const char *why;

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/staff/dialogues/%s/participants",
		    r->params[0]));
		return WS_OK;
	}
	if (rc != WS_EINVAL && rc != WS_ECONFLICT)
		return rc;
	/* the page again, saying why */
	why = w->detail ? view_tr(r->app->views, r->locale, w->detail) : "";
	json_decref(w->errors);
	w->errors = NULL;
	w->detail = NULL;
	if ((rc2 = h_staff_dialogue_participants(r, w)) != WS_OK)
		return rc2;
	json_object_set_new(w->val, "invite_problem", json_string(why));
	return rc;
}
