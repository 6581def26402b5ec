/*
 * templates.c -- the message templates staff edit (the rejection letter):
 * Mustache text with {{{name}}}, {{{org}}}, {{{site}}}, {{{reason}}}.  A
 * template that does not compile is refused with the parser's message.
 */
#include <string.h>

#include "app/admin/admin.h"
#include "app/app.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"
#include "views/mustache.h"
#include "views/view.h"

enum ws_err
h_templates(struct req *r, struct resp *w)
{
	struct db_q *q = db_start(req_db(r), ST_MSG_TEMPLATE_LIST);
	json_t *items = json_array();
	enum ws_err rc;

	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(items, json_pack("{s:s,s:s}",
		    "code", db_col_text(q, MSG_TEMPLATE_LIST_C_CODE),
		    "subject", db_col_text(q, MSG_TEMPLATE_LIST_C_SUBJECT)));
	db_end(q);
	resp_value(w, json_pack("{s:o}", "items", items));
	w->tpl = "staff_templates";
	w->title = N_("Message templates");
	return rc == WS_EDONE ? WS_OK : rc;
}

static enum ws_err
template_page(struct req *r, struct resp *w, const char *code, const char *subject,
    const char *body)
{
	resp_value(w, json_pack("{s:s,s:{s:s,s:s}}", "code", code, "form", "subject", subject,
	    "body", body));
	w->tpl = "staff_template";
	w->title = N_("Message template");
	return WS_OK;
}

enum ws_err
h_template_form(struct req *r, struct resp *w)
{
	struct db_q *q = db_start(req_db(r), ST_MSG_TEMPLATE_GET);
	enum ws_err rc;

	db_bind_text(q, 1, r->params[0]);
	rc = db_step(q);
	if (rc == WS_OK)
		rc = template_page(r, w, r->params[0], db_col_text(q, MSG_TEMPLATE_GET_C_SUBJECT),
		    db_col_text(q, MSG_TEMPLATE_GET_C_BODY));
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
h_template_save(struct req *r, struct resp *w)
{
	static const struct field fields[] = {
		{"subject", FT_LINE, 1, 3, 300, NULL, NULL, NULL},
		{"body", FT_TEXT, 1, 10, 20000, NULL, NULL, NULL},
	};
	json_t *values = NULL, *errors = NULL;
	struct mst_tpl *t;
	char err[200];
	struct db_q *q;
	int64_t changed = 0;
	enum ws_err rc;
	size_t i;

	rc = form_check(r, fields, 2, &values, &errors);
	for (i = 0; rc == WS_OK && i < 2; i++) {
		const char *s = json_string_value(json_object_get(values, fields[i].name));

		if (mst_compile(s, strlen(s), &t, err, sizeof err) != WS_OK) {
			errors = json_pack("{s:s}", fields[i].name, err);
			rc = WS_EINVAL;
		} else {
			mst_free(t);
		}
	}
	if (rc != WS_OK) {
		rc = form_fail(r, w, "staff_template", N_("Message template"), values, errors);
		json_object_set_new(w->val, "code", json_string(r->params[0]));
		goto out;
	}
	q = db_start(req_db(r), ST_MSG_TEMPLATE_PUT);
	db_bind_text(q, 1, json_string_value(json_object_get(values, "subject")));
	db_bind_text(q, 2, json_string_value(json_object_get(values, "body")));
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, r->user->id);
	db_bind_text(q, 5, r->params[0]);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc == WS_OK && changed == 0)
		rc = WS_ENOTFOUND;
	if (rc == WS_OK) {
		app_audit(r->app, req_db(r), r->user->id, "template.edited", r->ip, r->params[0]);
		resp_value(w, json_pack("{s:s}", "code", r->params[0]));
		resp_redirect(w, "/staff/templates");
	}
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}
