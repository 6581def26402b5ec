/*
 * edits.c -- changing and withdrawing what was written in an initiative:
 * the updates of its space and its outputs, through the API (PATCH and
 * DELETE /api/v1/initiatives/{id}/updates/{uid} and .../outputs/{oid})
 * and the pages' forms without JavaScript (/initiatives/{id}/updates/
 * {uid}/edit and /withdraw, the same for outputs).
 *
 * Who may: an update, its author and staff; an output while it is a
 * draft, its author and staff; a published output, staff alone.  The
 * caller must take part in the initiative (or be staff) as for posting:
 * anyone else gets 403 before anything is read, a visitor 401; an update
 * or output that is not the initiative's is a 404.
 *
 * Withdrawing an update deletes it: it was mailed when posted, and a
 * mail cannot be taken back, so the space stops showing it and the audit
 * log keeps who withdrew it.  Withdrawing a draft output deletes it (no
 * one outside the space saw it).  Withdrawing a published output only
 * unpublishes it: it goes back to a draft, hidden from members and the
 * public but kept in the space, so that staff may correct and publish it
 * again without losing its authors' work; withdrawing that draft then
 * deletes it.  An edit is not mailed again.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/initiatives/initiatives_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static int
is_staff(struct req *r)
{
	return r->user && r->user->role >= ROLE_STAFF;
}

/*
 * The initiative of the route ({id}) as stored into *s (new reference) and
 * the item's id ({uid} or {oid}) into *item, once the caller may write in
 * it (a participant or staff; what refuses says so in w->detail):
 * WS_ENOTFOUND, WS_EFORBIDDEN.
 */
static enum ws_err
the_space(struct req *r, struct resp *w, json_t **s, int64_t *id, int64_t *item)
{
	int part = 0;
	enum ws_err rc;

	*s = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ini_get(req_db(r), *id, s)) != WS_OK)
		return rc;
	if (!is_staff(r) && (rc = ini_part_is(req_db(r), *id, r->user->id, &part)) == WS_OK &&
	    !part) {
		w->detail = N_("Only the initiative's participants and staff write in its space.");
		rc = WS_EFORBIDDEN;
	}
	if (rc == WS_OK && parse_int(r->params[1], 1, INT64_MAX, item) != WS_OK)
		rc = WS_ENOTFOUND;
	if (rc != WS_OK) {
		json_decref(*s);
		*s = NULL;
	}
	return rc;
}

/* ---- updates --------------------------------------------------------------------- */

static const struct field upd_fields[] = {
	{ "body", FT_TEXT, 1, 1, INI_UPDATE_MAX, NULL, NULL, NULL },
};

/* Update {uid} of the route's initiative (new reference in *u) once r's
 * caller may change it: its author or staff. */
static enum ws_err
the_update(struct req *r, struct resp *w, int64_t *id, int64_t *uid, json_t **u)
{
	json_t *s = NULL;
	enum ws_err rc;

	*u = NULL;
	if ((rc = the_space(r, w, &s, id, uid)) != WS_OK)
		return rc;
	json_decref(s);
	if ((rc = ini_upd_get(req_db(r), *id, *uid, u)) != WS_OK)
		return rc;
	if (!is_staff(r) && json_integer_value(json_object_get(*u, "author_id")) != r->user->id) {
		json_decref(*u);
		*u = NULL;
		w->detail = N_("Only its author and staff change or withdraw an update.");
		return WS_EFORBIDDEN;
	}
	return WS_OK;
}

/* Update u (ini_upd_get's; consumed) as the API gives it. */
static json_t *
upd_view(json_t *u)
{
	char t[40];

	time_rfc3339((time_t)json_integer_value(json_object_get(u, "created_at")), t, sizeof t);
	json_object_set_new(u, "created_at", json_string(t));
	json_object_set_new(u, "body_html", org_markdown_html(json_string_value(
	    json_object_get(u, "body"))));
	return u;
}

enum ws_err
h_initiative_update_patch(struct req *r, struct resp *w)
{
	json_t *u = NULL, *values = NULL, *errors = NULL;
	int64_t id, uid;
	enum ws_err rc;

	if ((rc = the_update(r, w, &id, &uid, &u)) != WS_OK)
		return rc;
	if (form_check(r, upd_fields, 1, &values, &errors) != WS_OK) {
		w->errors = errors;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = ini_upd_set(req_db(r), id, uid, json_string_value(json_object_get(values,
	    "body")))) != WS_OK)
		goto out;
	app_audit_about(r->app, req_db(r), r->user->id, 0, 0, "initiative.update_edited", r->ip,
	    arena_printf(r->a, "initiative %lld: update %lld", (long long)id, (long long)uid));
	json_object_set(u, "body", json_object_get(values, "body"));
	resp_value(w, upd_view(u));
	u = NULL;
out:
	json_decref(u);
	json_decref(values);
	return rc;
}

enum ws_err
h_initiative_update_delete(struct req *r, struct resp *w)
{
	json_t *u = NULL;
	int64_t id, uid;
	enum ws_err rc;

	if ((rc = the_update(r, w, &id, &uid, &u)) != WS_OK)
		return rc;
	json_decref(u);
	if ((rc = ini_upd_delete(req_db(r), id, uid)) != WS_OK)
		return rc;
	app_audit_about(r->app, req_db(r), r->user->id, 0, 0, "initiative.update_withdrawn",
	    r->ip, arena_printf(r->a, "initiative %lld: update %lld", (long long)id,
	    (long long)uid));
	w->status = 204;
	return WS_OK;
}

/* ---- outputs --------------------------------------------------------------------- */

static const struct field out_fields[] = {
	{ "kind", FT_CHOICE, 1, 0, 0, ini_out_kinds, NULL,
	    N_("Choose lessons_learned, best_practices or recommendations.") },
	{ "title", FT_LINE, 1, 2, INI_TITLE_MAX, NULL, NULL, NULL },
	{ "body", FT_TEXT, 1, 1, INI_OUTPUT_MAX, NULL, NULL, NULL },
};

/* Output {oid} of the route's initiative (new reference in *o) once r's
 * caller may change it: staff; its author while it is a draft. */
static enum ws_err
the_output(struct req *r, struct resp *w, int64_t *id, int64_t *oid, json_t **o)
{
	json_t *s = NULL;
	enum ws_err rc;

	*o = NULL;
	if ((rc = the_space(r, w, &s, id, oid)) != WS_OK)
		return rc;
	json_decref(s);
	if ((rc = ini_out_get(req_db(r), *id, *oid, o)) != WS_OK)
		return rc;
	if (is_staff(r))
		return WS_OK;
	if (strcmp(json_string_value(json_object_get(*o, "status")), "draft") != 0)
		w->detail = N_("Only staff change or withdraw a published output.");
	else if (json_integer_value(json_object_get(*o, "created_by")) != r->user->id)
		w->detail = N_("Only its author and staff change or withdraw a draft output.");
	else
		return WS_OK;
	json_decref(*o);
	*o = NULL;
	return WS_EFORBIDDEN;
}

/* Answers output oid of initiative id as it is now (the Initiative's
 * InitiativeOutput). */
static enum ws_err
output_answer(struct req *r, struct resp *w, int64_t id, int64_t oid)
{
	json_t *v = NULL, *o;
	size_t i;
	enum ws_err rc;

	if ((rc = ini_load_view(r, id, &v, NULL)) != WS_OK)
		return rc;
	json_array_foreach(json_object_get(v, "outputs"), i, o)
		if (json_integer_value(json_object_get(o, "id")) == oid) {
			resp_value(w, json_incref(o));
			json_decref(v);
			return WS_OK;
		}
	json_decref(v);
	return WS_ENOTFOUND;
}

enum ws_err
h_initiative_output_patch(struct req *r, struct resp *w)
{
	static const char *const names[] = { "kind", "title", "body", NULL };
	json_t *o = NULL, *values = NULL, *errors = NULL, *in, *saved;
	const char *const *k;
	int64_t id, oid;
	enum ws_err rc;

	if ((rc = the_output(r, w, &id, &oid, &o)) != WS_OK)
		return rc;
	/* what is not sent stays */
	in = json_object();
	for (k = names; *k; k++)
		json_object_set(in, *k, json_object_get(r->in, *k) ? json_object_get(r->in, *k) :
		    json_object_get(o, *k));
	saved = r->in;
	r->in = in;
	rc = form_check(r, out_fields, 3, &values, &errors);
	r->in = saved;
	json_decref(in);
	if (rc != WS_OK) {
		w->errors = errors;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	rc = ini_out_set(req_db(r), id, oid, !is_staff(r), json_string_value(
	    json_object_get(values, "kind")), json_string_value(json_object_get(values, "title")),
	    json_string_value(json_object_get(values, "body")));
	if (rc == WS_ENOTFOUND && !is_staff(r)) {	/* published since the check */
		w->detail = N_("This output was published meanwhile: only staff change it now.");
		rc = WS_ECONFLICT;
	}
	if (rc != WS_OK)
		goto out;
	app_audit_about(r->app, req_db(r), r->user->id, 0, 0, "initiative.output_edited", r->ip,
	    arena_printf(r->a, "initiative %lld: output %lld", (long long)id, (long long)oid));
	rc = output_answer(r, w, id, oid);
out:
	json_decref(o);
	json_decref(values);
	return rc;
}

enum ws_err
h_initiative_output_delete(struct req *r, struct resp *w)
{
	json_t *o = NULL;
	int64_t id, oid;
	int published;
	enum ws_err rc;

	if ((rc = the_output(r, w, &id, &oid, &o)) != WS_OK)
		return rc;
	published = strcmp(json_string_value(json_object_get(o, "status")), "published") == 0;
	json_decref(o);
	if ((rc = ini_out_withdraw(req_db(r), id, oid, published)) != WS_OK)
		return rc;
	app_audit_about(r->app, req_db(r), r->user->id, 0, 0, published ?
	    "initiative.output_unpublished" : "initiative.output_withdrawn", r->ip,
	    arena_printf(r->a, "initiative %lld: output %lld", (long long)id, (long long)oid));
	if (!published) {
		w->status = 204;
		return WS_OK;
	}
	return output_answer(r, w, id, oid);
}

/* ---- the pages' forms ------------------------------------------------------------ */

/* The edit page of an update (output 0) or output (1): its form with
 * form's values (consumed) and errors (consumed; may be NULL). */
static void
edit_page(struct req *r, struct resp *w, json_t *s, int output, const char *item, json_t *form,
    json_t *errors)
{
	json_t *val = json_pack("{s:{s:O,s:O},s:o,s:b,s:o,s:b,s:s}", "initiative", "id",
	    json_object_get(s, "id"), "title", json_object_get(s, "title"), "form", form,
	    "has_errors", json_object_size(errors) > 0, "errors", errors ? errors :
	    json_object(), "is_output", output, "action",
	    arena_printf(r->a, "/initiatives/%lld/%s/%s/edit", (long long)json_integer_value(
	    json_object_get(s, "id")), output ? "outputs" : "updates", item));

	if (output) {
		json_t *opts = json_array();
		const char *sel = json_string_value(json_object_get(form, "kind"));
		size_t k;

		for (k = 0; ini_out_kinds[k]; k++)
			json_array_append_new(opts, json_pack("{s:s,s:s,s:b}", "value",
			    ini_out_kinds[k], "label", tr(r, ini_out_kind_labels[k]), "selected",
			    sel && strcmp(sel, ini_out_kinds[k]) == 0));
		json_object_set_new(val, "output_kinds", opts);
	}
	json_object_set_new(val, "back", json_string(arena_printf(r->a, output ?
	    "/initiatives/%lld" : "/initiatives/%lld/space", (long long)json_integer_value(
	    json_object_get(s, "id")))));
	resp_value(w, val);
	w->tpl = "initiative_edit_item";
	w->title = output ? N_("Change the output") : N_("Change the update");
}

/* The typed value of field k of r's form ("" when absent).  New reference. */
static json_t *
typed(struct req *r, const char *k)
{
	const char *v = json_string_value(json_object_get(r->in, k));

	return json_string(v ? v : "");
}

enum ws_err
h_initiative_update_edit_form(struct req *r, struct resp *w)
{
	json_t *u = NULL, *s = NULL;
	int64_t id, uid;
	enum ws_err rc;

	if ((rc = the_update(r, w, &id, &uid, &u)) != WS_OK)
		return rc;
	if ((rc = ini_get(req_db(r), id, &s)) == WS_OK)
		edit_page(r, w, s, 0, r->params[1], json_pack("{s:O}", "body",
		    json_object_get(u, "body")), NULL);
	json_decref(u);
	json_decref(s);
	return rc;
}

enum ws_err
h_initiative_update_edit(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_update_patch(r, w);
	json_t *s = NULL, *errors;
	int64_t id;

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		resp_redirect(w, arena_printf(r->a, "/initiatives/%s/space", r->params[0]));
		return WS_OK;
	}
	if (rc != WS_EINVAL || parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK ||
	    ini_get(req_db(r), id, &s) != WS_OK)
		return rc;
	errors = w->errors;
	w->errors = NULL;
	edit_page(r, w, s, 0, r->params[1], json_pack("{s:o}", "body", typed(r, "body")),
	    errors);
	w->status = 422;
	json_decref(s);
	return WS_OK;
}

enum ws_err
h_initiative_update_withdraw(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_update_delete(r, w);

	if (rc != WS_OK)
		return rc;
	w->status = 0;
	resp_redirect(w, arena_printf(r->a, "/initiatives/%s/space", r->params[0]));
	return WS_OK;
}

enum ws_err
h_initiative_output_edit_form(struct req *r, struct resp *w)
{
	json_t *o = NULL, *s = NULL;
	int64_t id, oid;
	enum ws_err rc;

	if ((rc = the_output(r, w, &id, &oid, &o)) != WS_OK)
		return rc;
	if ((rc = ini_get(req_db(r), id, &s)) == WS_OK)
		edit_page(r, w, s, 1, r->params[1], json_pack("{s:O,s:O,s:O}", "kind",
		    json_object_get(o, "kind"), "title", json_object_get(o, "title"), "body",
		    json_object_get(o, "body")), NULL);
	json_decref(o);
	json_decref(s);
	return rc;
}

enum ws_err
h_initiative_output_edit(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_output_patch(r, w);
	json_t *s = NULL, *errors;
	int64_t id;

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		resp_redirect(w, arena_printf(r->a, "/initiatives/%s", r->params[0]));
		return WS_OK;
	}
	if (rc != WS_EINVAL || parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK ||
	    ini_get(req_db(r), id, &s) != WS_OK)
		return rc;
	errors = w->errors;
	w->errors = NULL;
	edit_page(r, w, s, 1, r->params[1], json_pack("{s:o,s:o,s:o}", "kind", typed(r, "kind"),
	    "title", typed(r, "title"), "body", typed(r, "body")), errors);
	w->status = 422;
	json_decref(s);
	return WS_OK;
}

enum ws_err
h_initiative_output_withdraw(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_output_delete(r, w);

	if (rc != WS_OK)
		return rc;
	json_decref(w->val);
	w->val = NULL;
	w->status = 0;
	resp_redirect(w, arena_printf(r->a, "/initiatives/%s", r->params[0]));
	return WS_OK;
}
