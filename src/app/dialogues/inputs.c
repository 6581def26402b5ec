/*
 * inputs.c -- the participants' written inputs to a dialogue: text and a
 * file (checked under the rules of uploaded documents, app_upload_check,
 * and claimed from the uploads in the transaction that stores the input,
 * as the calls' application files are), each saying whether its author
 * agrees to publication, before or after the dialogue until its inputs
 * close (409 after, by the hub's clock).  Only an approved participant
 * (their own accepted application, or their organization's) writes one:
 * anyone else is refused with the rule (403).
 *
 * Who reads which: staff all; a participant their own and their
 * organization's; everyone who sees the dialogue those agreed for
 * publication, once the summary is out.  An input is in the history of
 * its author's organization.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/dialogues/dialogues_int.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "views/view.h"

/* Input row i of dialogue id as the API gives it.  New reference. */
static json_t *
input_view(struct req *r, int64_t id, json_t *i)
{
	json_t *f = json_object_get(i, "file"), *o;
	char when[40];

	time_rfc3339((time_t)json_integer_value(json_object_get(i, "created_at")), when,
	    sizeof when);
	/* the author's name as their organization shows its people ("": not
	 * the reader's); the organization's name is everyone's */
	o = json_pack("{s:O,s:I,s:O,s:O,s:s,s:O,s:s}", "id", json_object_get(i, "id"),
	    "dialogue_id", (json_int_t)id, "body", json_object_get(i, "body"), "publish",
	    json_object_get(i, "publish"), "author", dlg_person_seen(r, json_integer_value(
	    json_object_get(i, "user_id")), json_integer_value(json_object_get(i,
	    "organization_id"))) ? json_string_value(json_object_get(i, "name")) : "",
	    "organization", json_object_get(i, "organization"), "created_at", when);
	json_object_set_new(o, "body_html", org_markdown_html(json_string_value(
	    json_object_get(i, "body"))));
	if (f)
		json_object_set_new(o, "file", json_pack("{s:O,s:O,s:O,s:O,s:s}", "name",
		    json_object_get(f, "name"), "type", json_object_get(f, "type"), "size",
		    json_object_get(f, "size"), "sha256", json_object_get(f, "sha256"), "url",
		    arena_printf(r->a, "/dialogues/%lld/inputs/%lld/file", (long long)id,
		    (long long)json_integer_value(json_object_get(i, "id")))));
	else
		json_object_set_new(o, "file", json_null());
	return o;
}

/* The inputs of stored dialogue g that r's caller may read, stored.  New
 * reference in *out. */
static enum ws_err
readable(struct req *r, json_t *g, int64_t id, json_t **out)
{
	struct dlg_viewer v;

	dlg_viewer_of(r, &v);
	return dlg_inputs(req_db(r), id, v.staff, json_is_integer(json_object_get(g,
	    "summary_published_at")), r->user ? r->user->id : 0, out);
}

enum ws_err
dlg_inputs_seen(struct req *r, json_t *g, int64_t id, json_t **out)
{
	json_t *rows = NULL, *i;
	enum ws_err rc;
	size_t k;

	*out = json_array();
	if ((rc = readable(r, g, id, &rows)) == WS_OK)
		json_array_foreach(rows, k, i)
			json_array_append_new(*out, input_view(r, id, i));
	json_decref(rows);
	return rc;
}

enum ws_err
h_dialogue_inputs(struct req *r, struct resp *w)
{
	json_t *g = NULL, *items = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	if ((rc = dlg_inputs_seen(r, g, id, &items)) == WS_OK) {
		resp_value(w, json_pack("{s:I,s:O}", "dialogue_id", (json_int_t)id, "items",
		    items));
	}
	json_decref(g);
	json_decref(items);
	return rc;
}

enum ws_err
h_dialogue_input_file(struct req *r, struct resp *w)
{
	json_t *g = NULL, *rows = NULL, *i;
	int64_t id, iid;
	enum ws_err rc;
	size_t k;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	if (parse_int(r->params[1], 1, INT64_MAX, &iid) != WS_OK)
		rc = WS_ENOTFOUND;
	else if ((rc = readable(r, g, id, &rows)) == WS_OK) {
		rc = WS_ENOTFOUND;
		json_array_foreach(rows, k, i) {
			json_t *f = json_object_get(i, "file");

			if (json_integer_value(json_object_get(i, "id")) == iid && f) {
				rc = app_file_send(r, w, json_integer_value(json_object_get(f,
				    "file_id")), DLG_FILE_KIND, 1, json_string_value(json_object_get(f,
				    "name")));
				break;
			}
		}
	}
	json_decref(g);
	json_decref(rows);
	return rc;
}

/* Whether publish (absent, a boolean, or a form's "yes", "on", "true",
 * "1") says yes; -1 when it is none of these. */
static int
yes_of(json_t *x)
{
	const char *s = json_string_value(x);

	if (!x || json_is_null(x) || json_is_false(x))
		return 0;
	if (json_is_true(x))
		return 1;
	if (s && (strcmp(s, "yes") == 0 || strcmp(s, "on") == 0 || strcmp(s, "true") == 0 ||
	    strcmp(s, "1") == 0))
		return 1;
	if (s && (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 || strcmp(s, "0") == 0 ||
	    !*s))
		return 0;
	return -1;
}

enum ws_err
h_dialogue_input_add(struct req *r, struct resp *w)
{
	json_t *g = NULL, *errors = json_object(), *file = NULL, *rows = NULL, *i;
	const struct upload *u = NULL;
	struct app_upload ok;
	const char *body = json_string_value(json_object_get(r->in, "body"));
	int64_t id, app = 0, org = 0, iid = 0;
	int publish, k;
	struct db *d = req_db(r);
	enum ws_err rc;
	size_t n;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		goto out;
	rc = dlg_approved_of(d, json_integer_value(json_object_get(g, "call_id")), r->user->id,
	    &app, &org);
	if (rc == WS_ENOTFOUND) {
		w->detail = N_("Only the approved participants of this constructive dialogue "
		    "may submit written inputs.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	if (now_s() >= json_integer_value(json_object_get(g, "inputs_close_at"))) {
		json_t *t = dlg_time(json_string_value(json_object_get(g, "timezone")),
		    json_object_get(g, "inputs_close_at"));

		w->detail = arena_printf(r->a, "%s %s", view_tr(r->app->views, r->locale,
		    N_("Written inputs to this dialogue closed at")), json_string_value(t));
		json_decref(t);
		rc = WS_ECONFLICT;
		goto out;
	}
	if (!body || !*body)
		json_object_set_new(errors, "body", json_string(view_tr(r->app->views, r->locale,
		    N_("Write your input."))));
	else if (!utf8_valid_text(body, strlen(body), 1) || utf8_chars(body) > DLG_INPUT_MAX)
		json_object_set_new(errors, "body", json_string(view_tr(r->app->views, r->locale,
		    N_("Keep your input to 20000 characters of text."))));
	if ((publish = yes_of(json_object_get(r->in, "publish"))) < 0)
		json_object_set_new(errors, "publish", json_string(view_tr(r->app->views,
		    r->locale, N_("Say yes or no."))));
	for (k = 0; k < r->nfiles; k++)
		if (strcmp(r->files[k].field, "file") == 0 && ((r->files[k].filename &&
		    *r->files[k].filename) || r->files[k].size > 0))
			u = &r->files[k];
	if (u) {
		if ((rc = app_upload_check(r, u, &ok)) == WS_ETOOBIG || rc == WS_EMEDIA) {
			w->detail = ok.why;
			goto out;
		}
		if (rc != WS_OK)
			json_object_set_new(errors, "file", json_string(ok.why));
		rc = WS_OK;
	}
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (u)
		file = json_pack("{s:I,s:s,s:s,s:I,s:s}", "file_id", (json_int_t)u->id, "name",
		    u->filename, "type", ok.type, "size", (json_int_t)u->size, "sha256", u->sha256);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (u && (rc = file_claim(d, u->id, DLG_FILE_KIND, ok.type)) == WS_ENOTFOUND)
		rc = WS_EDB;
	if (rc == WS_OK)
		rc = dlg_input_insert(d, id, app, r->user->id, org, body, publish, file, &iid);
	if (rc == WS_OK) {
		if (org)
			org_history_add(r->app, d, org, r->user->id, 0, "dialogue.input", r->ip,
			    json_string_value(json_object_get(g, "title")));
		else
			app_audit_about(r->app, d, r->user->id, 0, r->user->id, "dialogue.input",
			    r->ip, arena_printf(r->a, "dialogue %lld: input %lld", (long long)id,
			    (long long)iid));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = dlg_inputs(d, id, 1, 0, 0, &rows)) != WS_OK)
		goto out;
	rc = WS_ENOTFOUND;
	json_array_foreach(rows, n, i)
		if (json_integer_value(json_object_get(i, "id")) == iid) {
			resp_value(w, input_view(r, id, i));
			w->status = 201;
			rc = WS_OK;
		}
out:
	json_decref(g);
	json_decref(errors);
	json_decref(file);
	json_decref(rows);
	return rc;
}
