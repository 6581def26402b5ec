/*
 * space.c -- an initiative's participants, outputs and private space:
 * staff add and remove partner organizations, experts and focal points;
 * staff and participants write outputs as drafts, which staff alone
 * publish, to members or to the public; the space shows its participants
 * the initiative's documents and meetings (as each may see them) and the
 * updates staff and participants post, a page at a time, newest first.
 *
 * An update is written, and mailed to every other participant (the focal
 * points, experts and people of partner organizations, active accounts,
 * each in their language), in one transaction: the mail is queued in the
 * outbox with the row, or neither is.  One who takes no part in an
 * initiative gets 403 from its space and from posting to it (the
 * initiative's existence is public: initiatives.h), a visitor 401.
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/initiatives/initiatives_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const part_kinds[] = { "organization", "expert", "focal", NULL };
static const char *const audiences[] = { "members", "public", NULL };

const struct field ini_q_space[] = {
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* The initiative of the route ({id}) as stored into *s, and whether the
 * caller takes part into *part; WS_ENOTFOUND. */
static enum ws_err
the_initiative(struct req *r, json_t **s, int64_t *id, int *part)
{
	enum ws_err rc;

	*s = NULL;
	*part = 0;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ini_get(req_db(r), *id, s)) != WS_OK)
		return rc;
	if (r->user && (rc = ini_part_is(req_db(r), *id, r->user->id, part)) != WS_OK) {
		json_decref(*s);
		*s = NULL;
	}
	return rc;
}

static enum ws_err
invalid(struct req *r, struct resp *w, const char *field, const char *msg)
{
	w->errors = json_pack("{s:s}", field, tr(r, msg));
	w->detail = N_("Some fields need your attention.");
	return WS_EINVAL;
}

/* ---- participants ------------------------------------------------------------------ */

enum ws_err
h_initiative_part_add(struct req *r, struct resp *w)
{
	const char *kind = json_string_value(json_object_get(r->in, "kind"));
	json_t *s = NULL, *x, *o = NULL;
	int64_t id, ref = 0;
	int part, added = 0, ok = 0;
	struct user u;
	size_t i;
	enum ws_err rc;

	if ((rc = the_initiative(r, &s, &id, &part)) != WS_OK)
		return rc;
	for (i = 0; kind && part_kinds[i]; i++)
		ok |= strcmp(kind, part_kinds[i]) == 0;
	if (!ok) {
		rc = invalid(r, w, "kind", N_("Choose organization, expert or focal."));
		goto out;
	}
	x = json_object_get(r->in, strcmp(kind, "organization") == 0 ? "organization_id" :
	    "user_id");
	if (json_is_string(x)) {
		if (parse_int(json_string_value(x), 1, INT64_MAX, &ref) != WS_OK)
			ref = 0;
	} else if (json_is_integer(x))
		ref = json_integer_value(x);
	if (strcmp(kind, "organization") == 0) {
		if (ref < 1 || org_load(req_db(r), ref, &o) != WS_OK ||
		    strcmp(json_string_value(json_object_get(o, "status")), "approved") != 0) {
			rc = invalid(r, w, "organization_id", N_("Choose an approved organization "
			    "by its number."));
			goto out;
		}
	} else if (strcmp(kind, "focal") == 0) {
		if (ref < 1 || (rc = ini_focal_ok(req_db(r), ref, json_string_value(
		    json_object_get(s, "country")), &ok)) != WS_OK || !ok) {
			if (rc == WS_OK)
				rc = invalid(r, w, "user_id", N_("A focal point must be an account with "
				    "the role focal of the initiative's country."));
			goto out;
		}
	} else if (ref < 1 || user_by_id(req_db(r), r->a, ref, &u) != WS_OK ||
	    u.role != ROLE_MEMBER) {
		rc = invalid(r, w, "user_id", N_("Choose an expert: a member's account, by its "
		    "number."));
		goto out;
	}
	if ((rc = db_begin(req_db(r))) != WS_OK)
		goto out;
	rc = ini_part_add(req_db(r), id, kind, ref, "staff", 0, r->user->id, &added);
	if (rc == WS_OK && added) {
		const char *note = arena_printf(r->a, "initiative %lld: %s (invited by staff)",
		    (long long)id, json_string_value(json_object_get(s, "title")));

		if (o)
			org_history_add(r->app, req_db(r), ref, r->user->id, 0, "initiative.partner",
			    r->ip, note);
		else
			app_audit_about(r->app, req_db(r), r->user->id, 0, ref, arena_printf(r->a,
			    "initiative.%s", kind), r->ip, note);
	}
	if (rc == WS_OK)
		rc = db_commit(req_db(r));
	if (rc != WS_OK) {
		db_rollback(req_db(r));
		goto out;
	}
	if ((rc = ini_load_view(r, id, &x, NULL)) == WS_OK) {
		resp_value(w, x);
		w->status = added ? 201 : 200;
	}
out:
	json_decref(s);
	json_decref(o);
	return rc;
}

enum ws_err
h_initiative_part_remove(struct req *r, struct resp *w)
{
	json_t *s = NULL;
	int64_t id, pid, org = 0, who = 0;
	int part;
	enum ws_err rc;

	if ((rc = the_initiative(r, &s, &id, &part)) != WS_OK)
		return rc;
	json_decref(s);
	if (parse_int(r->params[1], 1, INT64_MAX, &pid) != WS_OK)
		return WS_ENOTFOUND;
	{	/* whom it was: an organization's leaving is in its history */
		json_t *parts = NULL, *p;
		size_t i;

		if ((rc = ini_parts(req_db(r), id, &parts)) == WS_OK)
			json_array_foreach(parts, i, p)
				if (json_integer_value(json_object_get(p, "id")) == pid) {
					org = json_integer_value(json_object_get(p, "organization_id"));
					who = json_integer_value(json_object_get(p, "user_id"));
				}
		json_decref(parts);
		if (rc != WS_OK)
			return rc;
	}
	if ((rc = ini_part_remove(req_db(r), id, pid)) != WS_OK)
		return rc;
	if (org)
		org_history_add(r->app, req_db(r), org, r->user->id, 0, "initiative.partner_removed",
		    r->ip, arena_printf(r->a, "initiative %lld: no longer a partner", (long long)id));
	else
		app_audit_about(r->app, req_db(r), r->user->id, 0, who,
		    "initiative.participant_removed", r->ip, arena_printf(r->a,
		    "initiative %lld: participant %lld", (long long)id, (long long)pid));
	w->status = 204;
	return WS_OK;
}

/* ---- outputs ----------------------------------------------------------------------- */

static const struct field out_fields[] = {
	{ "kind", FT_CHOICE, 1, 0, 0, ini_out_kinds, NULL,
	    N_("Choose lessons_learned, best_practices or recommendations.") },
	{ "title", FT_LINE, 1, 2, INI_TITLE_MAX, NULL, NULL, NULL },
	{ "body", FT_TEXT, 1, 1, INI_OUTPUT_MAX, NULL, NULL, NULL },
};

enum ws_err
h_initiative_output_add(struct req *r, struct resp *w)
{
	json_t *s = NULL, *values = NULL, *errors = NULL, *o = NULL;
	int64_t id, oid = 0;
	int part;
	enum ws_err rc;

	if ((rc = the_initiative(r, &s, &id, &part)) != WS_OK)
		return rc;
	if (!part && r->user->role < ROLE_STAFF) {
		w->detail = N_("Only the initiative's participants and staff write its outputs.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (form_check(r, out_fields, 3, &values, &errors) != WS_OK) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = ini_out_insert(req_db(r), id, json_string_value(json_object_get(values,
	    "kind")), json_string_value(json_object_get(values, "title")),
	    json_string_value(json_object_get(values, "body")), r->user->id, &oid)) != WS_OK)
		goto out;
	app_audit_about(r->app, req_db(r), r->user->id, 0, 0, "initiative.output_added", r->ip,
	    arena_printf(r->a, "initiative %lld: output %lld", (long long)id, (long long)oid));
	if ((rc = ini_load_view(r, id, &o, NULL)) == WS_OK) {
		resp_value(w, o);
		w->status = 201;
	}
out:
	json_decref(s);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_initiative_output_publish(struct req *r, struct resp *w)
{
	const char *aud = json_string_value(json_object_get(r->in, "audience"));
	json_t *s = NULL, *o = NULL;
	int64_t id, oid;
	int part, ok = 0;
	size_t i;
	enum ws_err rc;

	if ((rc = the_initiative(r, &s, &id, &part)) != WS_OK)
		return rc;
	json_decref(s);
	if (r->user->role < ROLE_STAFF) {
		w->detail = N_("Only staff publish an initiative's outputs.");
		return WS_EFORBIDDEN;
	}
	if (parse_int(r->params[1], 1, INT64_MAX, &oid) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ini_out_get(req_db(r), id, oid, &o)) != WS_OK)
		return rc;
	json_decref(o);
	for (i = 0; aud && audiences[i]; i++)
		ok |= strcmp(aud, audiences[i]) == 0;
	if (!ok)
		return invalid(r, w, "audience", N_("Publish to members or to the public."));
	if ((rc = ini_out_publish(req_db(r), id, oid, aud, r->user->id)) != WS_OK)
		return rc;
	app_audit_about(r->app, req_db(r), r->user->id, 0, 0, "initiative.output_published",
	    r->ip, arena_printf(r->a, "initiative %lld: output %lld to %s", (long long)id,
	    (long long)oid, aud));
	if ((rc = ini_load_view(r, id, &o, NULL)) == WS_OK)
		resp_value(w, o);
	return rc;
}

/* ---- the space ---------------------------------------------------------------------- */

/* ids (event ids when event) as the caller sees them: [{id, title, when}],
 * those they may not see left out. */
static enum ws_err
briefs(struct req *r, json_t *ids, int event, json_t **out)
{
	struct ini_viewer v;
	json_t *x, *b;
	size_t i;
	enum ws_err rc;

	ini_viewer_of(r, &v);
	*out = json_array();
	json_array_foreach(ids, i, x) {
		rc = ini_brief(req_db(r), event, &v, json_integer_value(x), &b);
		if (rc == WS_ENOTFOUND)
			continue;
		if (rc != WS_OK)
			return rc;
		if (event && json_is_integer(json_object_get(b, "when"))) {
			char t[40];

			time_rfc3339((time_t)json_integer_value(json_object_get(b, "when")), t,
			    sizeof t);
			json_object_set_new(b, "start", json_string(t));
		} else if (!event) {
			json_object_set(b, "year", json_object_get(b, "when"));
		}
		json_object_del(b, "when");
		if (!event)
			json_object_del(b, "timezone");
		json_object_set_new(b, "href", json_string(arena_printf(r->a, event ?
		    "/events/%lld" : "/resources/%lld", (long long)json_integer_value(x))));
		json_array_append_new(*out, b);
	}
	return WS_OK;
}

enum ws_err
h_initiative_space(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), id, total = 0;
	int per_page = (int)req_qint(r, "per_page", INI_PER_PAGE);
	json_t *s = NULL, *view = NULL, *rows = NULL, *val, *it, *docs = NULL, *meets = NULL;
	int part;
	size_t i;
	enum ws_err rc;

	if ((rc = the_initiative(r, &s, &id, &part)) != WS_OK)
		return rc;
	if (!part && r->user->role < ROLE_STAFF) {
		w->detail = N_("Only the initiative's participants and staff enter its space.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = ini_load_view(r, id, &view, NULL)) != WS_OK)
		goto out;
	if ((rc = ini_upd_list(req_db(r), id, page, per_page, &rows, &total)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, it) {
		char t[40];

		json_object_set_new(it, "body_html", org_markdown_html(json_string_value(
		    json_object_get(it, "body"))));
		/* whether the caller may change or withdraw it (edits.c) */
		json_object_set_new(it, "can_edit", json_boolean(r->user->role >= ROLE_STAFF ||
		    json_integer_value(json_object_get(it, "author_id")) == r->user->id));
		json_object_set(it, "initiative_id", json_object_get(s, "id"));
		time_rfc3339((time_t)json_integer_value(json_object_get(it, "created_at")), t,
		    sizeof t);
		json_object_set_new(it, "created_at", json_string(t));
	}
	if ((rc = briefs(r, json_object_get(s, "documents"), 0, &docs)) != WS_OK ||
	    (rc = briefs(r, json_object_get(s, "meetings"), 1, &meets)) != WS_OK)
		goto out;
	val = app_list_value(rows, page, per_page, total);
	rows = NULL;
	json_object_set(val, "initiative", view);
	json_object_set(val, "documents", docs);
	json_object_set(val, "meetings", meets);
	if (!r->api)
		ini_page_space(r, val);
	resp_value(w, val);
	w->tpl = "initiative_space";
	w->title = N_("Initiative space");
out:
	json_decref(s);
	json_decref(view);
	json_decref(rows);
	json_decref(docs);
	json_decref(meets);
	return rc;
}

/* Mails update body by r's caller to each of rcpts, in the caller's
 * transaction. */
static enum ws_err
mail_update(struct req *r, json_t *s, json_t *rcpts, const char *body)
{
	json_t *p;
	size_t i;
	enum ws_err rc = WS_OK;

	json_array_foreach(rcpts, i, p) {
		const char *lang = app_mail_lang(r->app, json_string_value(json_object_get(p,
		    "locale")), NULL);
		json_t *ctx = json_pack("{s:O,s:s,s:O,s:s,s:s,s:s}", "name",
		    json_object_get(p, "name"), "author", r->user->name ? r->user->name : "",
		    "title", json_object_get(s, "title"), "body", body, "site",
		    r->app->cfg.org_name, "link", arena_printf(r->a, "%s/initiatives/%lld/space",
		    r->app->cfg.base_url ? r->app->cfg.base_url : "",
		    (long long)json_integer_value(json_object_get(s, "id"))));
		struct buf b;

		buf_init(&b, 128 * 1024);
		rc = view_render(r->app->views, "mail_initiative_update", ctx, lang, &b);
		if (rc == WS_OK)
			rc = app_mail(r->app, req_db(r), json_string_value(json_object_get(p,
			    "email")), arena_printf(r->a, "%s: %s", view_tr(r->app->views, lang,
			    N_("An update in the initiative")), json_string_value(json_object_get(s,
			    "title"))), buf_str(&b));
		buf_free(&b);
		json_decref(ctx);
		if (rc != WS_OK)
			break;
	}
	return rc;
}

static const struct field upd_fields[] = {
	{ "body", FT_TEXT, 1, 1, INI_UPDATE_MAX, NULL, NULL, NULL },
};

enum ws_err
h_initiative_update_add(struct req *r, struct resp *w)
{
	json_t *s = NULL, *values = NULL, *errors = NULL, *rcpts = NULL;
	int64_t id, uid = 0;
	int part;
	enum ws_err rc;

	if ((rc = the_initiative(r, &s, &id, &part)) != WS_OK)
		return rc;
	if (!part && r->user->role < ROLE_STAFF) {
		w->detail = N_("Only the initiative's participants and staff post to its space.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (form_check(r, upd_fields, 1, &values, &errors) != WS_OK) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(req_db(r))) != WS_OK)
		goto out;
	rc = ini_upd_insert(req_db(r), id, r->user->id, json_string_value(json_object_get(values,
	    "body")), &uid);
	if (rc == WS_OK)
		rc = ini_recipients(req_db(r), id, r->user->id, &rcpts);
	if (rc == WS_OK)
		rc = mail_update(r, s, rcpts, json_string_value(json_object_get(values, "body")));
	if (rc == WS_OK)
		rc = db_commit(req_db(r));
	if (rc != WS_OK) {
		db_rollback(req_db(r));
		goto out;
	}
	{
		char t[40];

		time_rfc3339((time_t)now_s(), t, sizeof t);
		resp_value(w, json_pack("{s:I,s:I,s:s,s:O,s:o,s:s,s:I}", "id", (json_int_t)uid,
		    "author_id", (json_int_t)r->user->id, "author", r->user->name ?
		    r->user->name : "", "body", json_object_get(values, "body"), "body_html",
		    org_markdown_html(json_string_value(json_object_get(values, "body"))),
		    "created_at", t, "mailed", (json_int_t)json_array_size(rcpts)));
	}
	w->status = 201;
out:
	json_decref(s);
	json_decref(values);
	json_decref(errors);
	json_decref(rcpts);
	return rc;
}

enum ws_err
h_initiative_update_form(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_update_add(r, w);
	json_t *typed;

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/initiatives/%s/space", r->params[0]));
		return WS_OK;
	}
	if (rc != WS_EINVAL)
		return rc;
	/* the space again, with the message and what was typed */
	typed = json_pack("{s:s}", "body", json_string_value(json_object_get(r->in, "body")) ?
	    json_string_value(json_object_get(r->in, "body")) : "");
	{
		json_t *errors = w->errors;

		w->errors = NULL;
		rc = h_initiative_space(r, w);
		if (rc == WS_OK) {
			json_object_set_new(w->val, "form", typed);
			json_object_set_new(w->val, "errors", errors);
			w->status = 422;
		} else {
			json_decref(typed);
			json_decref(errors);
		}
	}
	return rc;
}

enum ws_err
h_initiative_output_form(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_output_add(r, w);
	json_t *typed, *errors;
	const char *const names[] = { "kind", "title", "body", NULL };
	const char *const *k;

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/initiatives/%s", r->params[0]));
		return WS_OK;
	}
	if (rc != WS_EINVAL)
		return rc;
	/* the space again, the draft's form with its messages and what was typed */
	typed = json_object();
	for (k = names; *k; k++)
		json_object_set_new(typed, *k, json_string(json_string_value(json_object_get(r->in,
		    *k)) ? json_string_value(json_object_get(r->in, *k)) : ""));
	errors = w->errors;
	w->errors = NULL;
	rc = h_initiative_space(r, w);
	if (rc == WS_OK) {
		json_t *o;
		size_t i;

		json_array_foreach(json_object_get(w->val, "output_kinds"), i, o)
			json_object_set_new(o, "selected", json_boolean(strcmp(json_string_value(
			    json_object_get(o, "value")), json_string_value(json_object_get(typed,
			    "kind"))) == 0));
		json_object_set_new(w->val, "output_form", typed);
		json_object_set_new(w->val, "output_errors", errors);
		w->status = 422;
	} else {
		json_decref(typed);
		json_decref(errors);
	}
	return rc;
}
