/*
 * page.c -- a handler's value as a page: the layout around its template, the
 * error pages and problem+json, the reader's language.
 *
 * The templates and catalogues are the views' (src/views); what the layout
 * shows of the site, the caller and the request is http's.
 */
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "core/util.h"
#include "http/http.h"
#include "views/view.h"

/* The catalogue's own copy of UI language lang (which outlives the request),
 * or "en". */
static const char *
lang_canon(const char *lang)
{
	const char *code;
	size_t i;

	for (i = 0; (code = view_lang_code(i)); i++)
		if (strcmp(code, lang) == 0)
			return code;
	return "en";
}

const char *
http_locale(struct req *r)
{
	const char *q = req_query(r, "lang"), *c, *al;

	/* A language picked on the page (the switcher's ?lang= and its
	 * cookie) wins over the one stored with the account, which new
	 * accounts now always have (and mail follows). */
	if (view_lang_ok(q))
		return q;
	c = req_cookie(r, "lang");
	if (view_lang_ok(c))
		return c;
	if (r->user && view_lang_ok(r->user->locale))
		return r->user->locale;
	/* Accept-Language: take the first listed language we have. */
	al = req_header(r, "Accept-Language");
	while (al && *al) {
		char tag[3];
		size_t k;

		while (*al == ' ' || *al == ',')
			al++;
		for (k = 0; k < 2 && al[k] && al[k] != ',' && al[k] != ';' && al[k] != '-'; k++)
			tag[k] = al[k];
		tag[k] = '\0';
		if (view_lang_ok(ascii_lower(tag)))
			return lang_canon(tag);
		al = strchr(al, ',');
	}
	return "en";
}

/* Adds the layout's data to a shallow copy of the handler value. */
static json_t *
page_ctx(struct req *r, struct resp *w, const char *tpl, const char *title)
{
	json_t *ctx = json_is_object(w->val) ? json_copy(w->val) : json_object();
	json_t *site = json_object(), *lang_list = json_array();
	const char *lang = r->locale ? r->locale : "en", *code;
	size_t i;

	json_object_set_new(site, "name", json_string(r->site->cfg->org_name));
	json_object_set_new(site, "logo", json_string(r->site->cfg->logo_url));
	json_object_set_new(ctx, "site", site);
	/* A CSRF token (and, for visitors, its cookie) only for pages with a
	 * form: the layout's sign-out button, or a form of the page itself. */
	if (!r->csrf && (r->user || view_has_form(r->site->views, tpl)))
		r->csrf = csrf_token(r);
	json_object_set_new(ctx, "csrf", json_string(r->csrf ? r->csrf : ""));
	json_object_set_new(ctx, "lang", json_string(lang));
	json_object_set_new(ctx, "path", json_string(r->path));
	json_object_set_new(ctx, "request_id", json_string(r->id));
	json_object_set_new(ctx, "title", json_string(view_tr(r->site->views, lang,
	    title ? title : "")));
	for (i = 0; (code = view_lang_code(i)); i++) {
		json_t *l = json_object();

		json_object_set_new(l, "code", json_string(code));
		json_object_set_new(l, "current", json_boolean(strcmp(code, lang) == 0));
		json_array_append_new(lang_list, l);
	}
	json_object_set_new(ctx, "langs", lang_list);
	if (r->user) {
		json_t *me = json_object();

		json_object_set_new(me, "id", json_integer(r->user->id));
		json_object_set_new(me, "name", json_string(r->user->name));
		json_object_set_new(me, "email", json_string(r->user->email));
		json_object_set_new(me, "role", json_string(role_name(r->user->role)));
		json_object_set_new(me, "is_staff", json_boolean(r->user->role >= ROLE_STAFF));
		json_object_set_new(me, "is_member", json_boolean(r->user->role >= ROLE_MEMBER));
		json_object_set_new(me, "is_admin", json_boolean(r->user->role == ROLE_ADMIN));
		if (r->site->page_me)
			r->site->page_me(r, me);
		json_object_set_new(ctx, "me", me);
	}
	if (w->busy)	/* the layout says so above the form */
		json_object_set_new(ctx, "busy", json_true());
	if (w->errors) {
		json_object_set(ctx, "errors", w->errors);
		json_object_set_new(ctx, "has_errors", json_true());
	}
	return ctx;
}

static enum ws_err
in_layout(struct req *r, struct resp *w, const char *tpl, const char *title,
    struct buf *out)
{
	json_t *ctx = page_ctx(r, w, tpl, title);
	struct buf body;
	enum ws_err rc;

	buf_init(&body, out->max);
	if (w->content && w->tpl && strcmp(tpl, w->tpl) == 0)
		rc = buf_adds(&body, w->content);
	else
		rc = view_render(r->site->views, tpl, ctx, r->locale, &body);
	if (rc == WS_OK) {
		json_object_set_new(ctx, "content", json_stringn(body.data ? body.data : "",
		    body.len));
		rc = view_render(r->site->views, "layout", ctx, r->locale, out);
	}
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

enum ws_err
http_page_content(struct req *r, struct resp *w, struct buf *out)
{
	json_t *ctx = page_ctx(r, w, w->tpl, w->title);
	enum ws_err rc = view_render(r->site->views, w->tpl, ctx, r->locale, out);

	json_decref(ctx);
	return rc;
}

enum ws_err
http_page(struct req *r, struct resp *w, struct buf *out)
{
	return in_layout(r, w, w->tpl ? w->tpl : "home", w->title, out);
}

const char *
http_error_page(struct req *r, struct resp *w, int status, const char *title, struct buf *out)
{
	json_t *p;
	enum ws_err rc;

	if (r->api) {
		p = json_object();
		json_object_set_new(p, "type", json_string("about:blank"));
		json_object_set_new(p, "title", json_string(title));
		json_object_set_new(p, "status", json_integer(status));
		if (w->detail)
			json_object_set_new(p, "detail", json_string(w->detail));
		json_object_set_new(p, "instance", json_string(r->path));
		json_object_set_new(p, "request_id", json_string(r->id));
		if (w->errors)
			json_object_set(p, "errors", w->errors);
		buf_reset(out);
		if (view_json(p, out) != WS_OK)
			buf_reset(out);
		json_decref(p);
		return "application/problem+json";
	}
	/* A handler's own page for a refusal comes back as itself: a form that
	 * failed, with its messages and the input kept (422, or 403 for a
	 * refused sign-in), or a notice such as an expired link (410); so does
	 * a form the server was too busy to act on (503). */
	if (w->tpl && (status < 500 || w->busy)) {
		buf_reset(out);
		if (in_layout(r, w, w->tpl, w->title, out) == WS_OK)
			return "text/html; charset=utf-8";
	}
	p = json_object();
	json_object_set_new(p, "status", json_integer(status));
	json_object_set_new(p, "heading", json_string(view_tr(r->site->views, r->locale, title)));
	if (w->detail)
		json_object_set_new(p, "detail", json_string(view_tr(r->site->views, r->locale,
		    w->detail)));
	json_object_set_new(p, "retry_after", json_integer(w->retry_after));
	if (json_is_object(w->errors)) {	/* what to fix, field by field */
		json_t *list = json_array(), *m;
		const char *k;

		json_object_foreach(w->errors, k, m)
			if (json_is_string(m))
				json_array_append_new(list, json_string(view_tr(r->site->views,
				    r->locale, json_string_value(m))));
		json_object_set_new(p, "error_list", list);
	}
	resp_value(w, p);
	buf_reset(out);
	rc = in_layout(r, w, "error", title, out);
	if (rc != WS_OK) {
		buf_reset(out);
		if (buf_printf(out, "<!doctype html><title>%d</title><h1>%d</h1>"
		    "<p>Request id: %s</p>\n", status, status, r->id) != WS_OK)
			buf_reset(out);
	}
	return "text/html; charset=utf-8";
}
