/*
 * summary.c -- a dialogue's outcome and where it shows: staff publish its
 * summary (Markdown, once) with the inputs whose authors agreed; a job
 * (DLG_MAIL_JOB) mails every member that it is out, in batches, each
 * member claimed in dialogue_mailed in the transaction that queues their
 * mail, so a rerun never mails anyone twice; the working group's next
 * session lists it; and the short lists other areas show: the dialogues
 * a country's stakeholders took part in, and a person's part in them.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/dialogues/dialogues_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "jobs/jobs.h"
#include "views/view.h"

#define DLG_MAIL_BATCH 100	/* members one transaction of the job mails */

enum ws_err
h_dialogue_publish(struct req *r, struct resp *w)
{
	json_t *g = NULL, *file = NULL;
	const char *s = json_string_value(json_object_get(r->in, "summary"));
	const struct upload *u = NULL;
	struct app_upload ok;
	struct db *d = req_db(r);
	int64_t id;
	enum ws_err rc;
	char payload[64];
	int k;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	if (json_is_integer(json_object_get(g, "summary_published_at"))) {
		w->detail = N_("This dialogue's summary is published already.");
		rc = WS_ECONFLICT;
		goto out;
	}
	{	/* every member is mailed of it: not while they may not see it */
		struct dlg_viewer members = { 0, 1 };
		json_t *seen = NULL;

		rc = dlg_get(d, &members, id, &seen);
		json_decref(seen);
		if (rc == WS_ENOTFOUND) {
			w->detail = N_("Members may not see the session this dialogue follows yet: "
			    "publish the session to them before the summary.");
			rc = WS_ECONFLICT;
			goto out;
		}
		if (rc != WS_OK)
			goto out;
	}
	if (!s || !*s || !utf8_valid_text(s, strlen(s), 1) || utf8_chars(s) > DLG_SUMMARY_MAX) {
		w->errors = json_pack("{s:s}", "summary", view_tr(r->app->views, r->locale,
		    N_("Write the summary (Markdown, at most 100000 characters).")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	/* a file with it (multipart): the rules of uploaded documents */
	for (k = 0; k < r->nfiles; k++)
		if (strcmp(r->files[k].field, "file") == 0 && ((r->files[k].filename &&
		    *r->files[k].filename) || r->files[k].size > 0))
			u = &r->files[k];
	if (u) {
		if ((rc = app_upload_check(r, u, &ok)) != WS_OK) {
			w->detail = ok.why;
			if (rc == WS_EINVAL)
				w->errors = json_pack("{s:s}", "file", ok.why);
			goto out;
		}
		file = json_pack("{s:I,s:s,s:s,s:I,s:s}", "file_id", (json_int_t)u->id, "name",
		    u->filename, "type", ok.type, "size", (json_int_t)u->size, "sha256", u->sha256);
	}
	snprintf(payload, sizeof payload, "{\"dialogue\":%lld}", (long long)id);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (u && (rc = file_claim(d, u->id, DLG_SUMMARY_KIND, ok.type)) == WS_ENOTFOUND)
		rc = WS_EDB;
	if (rc == WS_OK && (rc = dlg_publish(d, id, s, file)) == WS_OK)
		rc = app_job(r->app, d, DLG_MAIL_JOB, payload, NULL);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "dialogue.summary_published", r->ip,
		    arena_printf(r->a, "dialogue %lld: %s", (long long)id,
		    json_string_value(json_object_get(g, "title"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ECONFLICT)
			w->detail = N_("This dialogue's summary is published already.");
		goto out;
	}
	app_jobs_kick(r->app);
	rc = h_dialogue(r, w);
out:
	json_decref(g);
	json_decref(file);
	return rc;
}

enum ws_err
h_dialogue_summary_file(struct req *r, struct resp *w)
{
	json_t *g = NULL, *f;
	int64_t id;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	f = json_object_get(g, "summary_file");
	if (!f || !json_is_integer(json_object_get(g, "summary_published_at")))
		rc = WS_ENOTFOUND;
	else
		rc = app_file_send(r, w, json_integer_value(json_object_get(f, "file_id")),
		    DLG_SUMMARY_KIND, 1, json_string_value(json_object_get(f, "name")));
	json_decref(g);
	return rc;
}

/* One batch of the members not yet mailed dialogue g's summary, after
 * user id *after, in one transaction. */
static enum ws_err
mail_batch(struct app *app, struct db *d, json_t *g, int64_t *after, int *sent, int *left)
{
	struct db_q *q;
	json_t *rows = json_array(), *x;
	enum ws_err rc;
	size_t i;

	*left = 0;
	if ((rc = db_begin(d)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	q = db_start(d, ST_DLG_MEMBERS);
	db_bind_int(q, 1, *after);
	db_bind_int(q, 2, DLG_MAIL_BATCH);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(rows, json_pack("{s:I,s:s,s:s}", "id",
		    (json_int_t)db_col_int(q, 0), "email", db_col_text(q, 1), "locale",
		    db_col_text(q, 2)));
	db_end(q);
	rc = rc == WS_EDONE ? WS_OK : rc;
	*left = json_array_size(rows) == DLG_MAIL_BATCH;
	json_array_foreach(rows, i, x) {
		int64_t uid = json_integer_value(json_object_get(x, "id")), n = 0;
		const char *lang;

		if (rc != WS_OK)
			break;
		*after = uid;
		q = db_start(d, ST_DLG_MAIL_CLAIM);
		db_bind_int(q, 1, json_integer_value(json_object_get(g, "id")));
		db_bind_int(q, 2, uid);
		rc = db_exec(q, &n);
		db_end(q);
		if (rc != WS_OK || n == 0)
			continue;	/* another run mailed them */
		lang = app_mail_lang(app, json_string_value(json_object_get(x, "locale")), NULL);
		{
			char subject[400], body[2000];

			snprintf(subject, sizeof subject, "%s: %s", view_tr(app->views, lang,
			    N_("Summary of a constructive dialogue")), json_string_value(
			    json_object_get(g, "title")));
			snprintf(body, sizeof body, "%s\n\n%s\n\n%s/dialogues/%lld\n",
			    view_tr(app->views, lang, N_("The summary of this constructive dialogue "
			    "is published, with the written inputs their authors agreed to "
			    "publish:")), json_string_value(json_object_get(g, "title")),
			    app->cfg.base_url ? app->cfg.base_url : "",
			    (long long)json_integer_value(json_object_get(g, "id")));
			rc = app_mail(app, d, json_string_value(json_object_get(x, "email")),
			    subject, body);
		}
		if (rc == WS_OK)
			(*sent)++;
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	json_decref(rows);
	return rc;
}

enum ws_err
dlg_mail_run(struct job_ctx *c, const struct job *j)
{
	struct app *app = job_arg(c);
	/* read as members see it: a run after staff made its session private
	 * (a later batch, a retry) mails nobody (WS_ENOTFOUND below) */
	struct dlg_viewer members = { 0, 1 };
	json_t *p, *g = NULL;
	json_error_t err;
	struct db *d;
	int64_t id, after = 0;
	int sent = 0, left = 1;
	enum ws_err rc;
	char res[64] = "{}";

	p = json_loads(j->payload, 0, &err);
	id = json_integer_value(json_object_get(p, "dialogue"));
	json_decref(p);
	if (id < 1) {
		job_error(c, "no dialogue in the payload");
		return WS_EINVAL;
	}
	d = db_acquire(job_pool(c));
	rc = dlg_get(d, &members, id, &g);
	while (rc == WS_OK && left) {
		rc = mail_batch(app, d, g, &after, &sent, &left);
		snprintf(res, sizeof res, "{\"dialogue\":%lld,\"sent\":%d}", (long long)id, sent);
		if (rc == WS_OK && left)
			rc = job_progress(c, res);
		if (rc == WS_OK && sent)
			app_jobs_kick(app);
	}
	db_release(job_pool(c), d);
	json_decref(g);
	if (rc == WS_ENOTFOUND)	/* the dialogue went, or is no longer members' */
		rc = WS_OK;
	if (rc == WS_OK)
		job_result(c, res);
	return rc;
}

/* ---- where dialogues show elsewhere ----------------------------------------- */

enum ws_err
dialogues_for_session(struct req *r, int64_t sid, json_t **out)
{
	struct dlg_viewer v;
	json_t *rows = NULL, *x;
	enum ws_err rc;
	size_t i;

	dlg_viewer_of(r, &v);
	*out = json_array();
	if ((rc = dlg_short(req_db(r), ST_DLG_FOR_SESSION, &v, sid, NULL, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, x)
		json_array_append_new(*out, json_pack("{s:O,s:O,s:s}", "id", json_object_get(x,
		    "dialogue_id"), "title", json_object_get(x, "title"), "href",
		    arena_printf(r->a, "/dialogues/%lld", (long long)json_integer_value(
		    json_object_get(x, "dialogue_id")))));
out:
	json_decref(rows);
	return rc;
}

enum ws_err
dialogues_of_person(struct req *r, int64_t uid, json_t **out)
{
	struct dlg_viewer v;
	json_t *rows = NULL, *x;
	enum ws_err rc;
	size_t i;
	int others;

	dlg_viewer_of(r, &v);
	/* someone else's page: a part through an organization is the
	 * organization's (its history); shown, it would tell whose person
	 * they are, which an organization may keep from governments */
	others = !v.staff && (!r->user || r->user->id != uid);
	*out = json_array();
	if ((rc = dlg_short(req_db(r), ST_DLG_OF_PERSON, &v, uid, NULL, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, x) {
		if (others && strcmp(json_string_value(json_object_get(x, "who")),
		    "organization") == 0)
			continue;
		json_array_append_new(*out, json_pack("{s:O,s:O,s:s,s:O}", "id",
		    json_object_get(x, "dialogue_id"), "title", json_object_get(x, "title"),
		    "href", arena_printf(r->a, "/dialogues/%lld", (long long)json_integer_value(
		    json_object_get(x, "dialogue_id"))), "what", json_object_get(x, "what")));
	}
	if (!r->api)
		json_array_foreach(*out, i, x)
			json_object_set_new(x, "is_input", json_boolean(strcmp(json_string_value(
			    json_object_get(x, "what")), "input") == 0));
out:
	json_decref(rows);
	return rc;
}

/* s HTML-escaped onto b. */
static enum ws_err
esc(struct buf *b, const char *s)
{
	enum ws_err rc = WS_OK;

	for (; *s && rc == WS_OK; s++) {
		switch (*s) {
		case '<': rc = buf_adds(b, "&lt;"); break;
		case '>': rc = buf_adds(b, "&gt;"); break;
		case '&': rc = buf_adds(b, "&amp;"); break;
		case '"': rc = buf_adds(b, "&quot;"); break;
		case '\'': rc = buf_adds(b, "&#39;"); break;
		default: rc = buf_add(b, s, 1);
		}
	}
	return rc;
}

enum ws_err
dialogues_of_country(struct req *r, const char *country, json_t **out, const char **html)
{
	struct dlg_viewer v;
	json_t *rows = NULL, *x, *cur = NULL;
	struct buf b;
	enum ws_err rc;
	size_t i, k;

	dlg_viewer_of(r, &v);
	*out = json_array();
	if (html)
		*html = "";
	if ((rc = dlg_short(req_db(r), ST_DLG_OF_COUNTRY, &v, 0, country, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, x) {
		int64_t did = json_integer_value(json_object_get(x, "dialogue_id"));

		if (!cur || json_integer_value(json_object_get(cur, "id")) != did) {
			cur = json_pack("{s:I,s:O,s:s,s:b,s:[]}", "id", (json_int_t)did, "title",
			    json_object_get(x, "title"), "href", arena_printf(r->a,
			    "/dialogues/%lld", (long long)did), "summary_published",
			    json_is_integer(json_object_get(x, "summary_published_at")),
			    "organizations");
			json_array_append_new(*out, cur);
		}
		json_array_append_new(json_object_get(cur, "organizations"), json_pack(
		    "{s:O,s:O}", "id", json_object_get(x, "who_id"), "name", json_object_get(x,
		    "who")));
	}
	if (!html || json_array_size(*out) == 0)
		goto out;
	buf_init(&b, 1 << 20);
	rc = buf_printf(&b, "<section class=\"dialogues-block\"><h2>%s</h2><ul>",
	    view_tr(r->app->views, r->locale, N_("Constructive dialogues")));
	json_array_foreach(*out, i, x) {
		json_t *o;

		if (rc == WS_OK)
			rc = buf_printf(&b, "<li><a href=\"%s\">", json_string_value(json_object_get(x,
			    "href")));
		if (rc == WS_OK)
			rc = esc(&b, json_string_value(json_object_get(x, "title")));
		if (rc == WS_OK)
			rc = buf_adds(&b, "</a>: ");
		json_array_foreach(json_object_get(x, "organizations"), k, o) {
			if (rc == WS_OK && k)
				rc = buf_adds(&b, ", ");
			if (rc == WS_OK)
				rc = esc(&b, json_string_value(json_object_get(o, "name")));
		}
		if (rc == WS_OK)
			rc = buf_adds(&b, "</li>");
	}
	if (rc == WS_OK)
		rc = buf_adds(&b, "</ul></section>");
	if (rc == WS_OK)
		*html = arena_strndup(r->a, b.data, b.len);
	buf_free(&b);
out:
	json_decref(rows);
	return rc;
}
