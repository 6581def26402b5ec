/*
 * view.c -- templates, layout and catalogues; see view.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/app.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "http/http.h"
#include "http/http_int.h"
#include "views/assets.h"
#include "views/mustache.h"
#include "views/view.h"

#define MAX_TPL 128

/* UI languages; English is the source. */
static const char *const langs[] = { "en", "fr" };
#define NLANGS (sizeof langs / sizeof langs[0])

struct views {
	int n;
	const char *names[MAX_TPL];	/* "layout", "signin", ... */
	struct mst_tpl *tpl[MAX_TPL];
	unsigned char has_form[MAX_TPL];	/* the source mentions {{csrf}} */
	json_t *cat[NLANGS];		/* English text -> translation */
	struct mst_cache *cache;	/* compiled translations */
};

struct renv {
	struct views *v;
	int lang;
};

static const struct mst_tpl *
find_tpl(const struct views *v, const char *name)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return v->tpl[i];
	return NULL;
}

static const struct mst_tpl *
partial_cb(void *ud, const char *name)
{
	return find_tpl(((struct renv *)ud)->v, name);
}

static const char *
translate_cb(void *ud, const char *text, size_t len, size_t *outlen)
{
	struct renv *e = ud;
	json_t *cat = e->v->cat[e->lang];
	char key[1024];
	json_t *t;

	*outlen = len;
	if (!cat || len >= sizeof key)
		return text;
	memcpy(key, text, len);
	key[len] = '\0';
	t = json_object_get(cat, key);
	if (!json_is_string(t))
		return text;
	*outlen = json_string_length(t);
	return json_string_value(t);
}

static int
lang_index(const char *lang)
{
	size_t i;

	for (i = 0; lang && i < NLANGS; i++)
		if (strcmp(langs[i], lang) == 0)
			return (int)i;
	return 0;
}

int
view_lang_ok(const char *lang)
{
	size_t i;

	for (i = 0; lang && i < NLANGS; i++)
		if (strcmp(langs[i], lang) == 0)
			return 1;
	return 0;
}

struct views *
views_load(void)
{
	struct views *v = xcalloc(1, sizeof *v);
	const struct asset *a;

	char err[256];
	size_t i;

	v->cache = mst_cache_new();
	for (a = assets; a->name; a++) {
		const char *base;
		size_t blen;

		if (strncmp(a->name, "templates/", 10) != 0)
			continue;
		base = a->name + 10;
		blen = strlen(base);
		if (blen < 10 || strcmp(base + blen - 9, ".mustache") != 0)
			continue;
		if (v->n >= MAX_TPL)
			fatal("more than %d templates", MAX_TPL);
		if (mst_compile(a->data, a->len, &v->tpl[v->n], err, sizeof err) != WS_OK) {
			log_error("template %s: %s", a->name, err);
			views_free(v);
			return NULL;
		}
		v->names[v->n] = xstrndup(base, blen - 9);
		v->has_form[v->n] = memmem(a->data, a->len, "{{csrf}}", 8) != NULL;
		v->n++;
	}
	for (i = 1; i < NLANGS; i++) {
		char name[64];
		json_error_t jerr;

		snprintf(name, sizeof name, "i18n/%s.json", langs[i]);
		if (!(a = asset_find(name)))
			continue;
		v->cat[i] = json_loadb(a->data, a->len, 0, &jerr);
		if (!json_is_object(v->cat[i])) {
			log_error("catalogue %s: %s (line %d)", name, jerr.text, jerr.line);
			views_free(v);
			return NULL;
		}
	}
	return v;
}

void
views_free(struct views *v)
{
	int i;
	size_t k;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		mst_free(v->tpl[i]);
		free((char *)v->names[i]);
	}
	for (k = 0; k < NLANGS; k++)
		json_decref(v->cat[k]);
	mst_cache_free(v->cache);
	free(v);
}

const char *
view_tr(struct views *v, const char *lang, const char *s)
{
	json_t *cat = v->cat[lang_index(lang)], *t;

	if (!cat || !(t = json_object_get(cat, s)) || !json_is_string(t))
		return s;
	return json_string_value(t);
}

enum ws_err
view_render(struct views *v, const char *name, json_t *ctx, const char *lang,
    struct buf *out)
{
	const struct mst_tpl *t = find_tpl(v, name);
	struct renv e = { v, lang_index(lang) };
	struct mst_env env = { .partial = partial_cb, .translate = translate_cb, .ud = &e,
	    .cache = v->cache };

	if (!t) {
		log_error("no template %s", name);
		return WS_ETEMPLATE;
	}
	return mst_render(t, ctx, &env, out);
}

const char *
view_locale(struct req *r)
{
	const char *q = req_query(r, "lang"), *c, *al;

	if (r->user && view_lang_ok(r->user->locale))
		return r->user->locale;
	if (view_lang_ok(q))
		return q;
	c = req_cookie(r, "lang");
	if (view_lang_ok(c))
		return c;
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
			return langs[lang_index(tag)];
		al = strchr(al, ',');
	}
	return "en";
}

static int
has_form(const struct views *v, const char *name)
{
	int i;

	for (i = 0; name && i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return v->has_form[i];
	return 0;
}

/* Adds the layout's data to a shallow copy of the handler value. */
static json_t *
page_ctx(struct req *r, struct resp *w, const char *tpl, const char *title)
{
	json_t *ctx = json_is_object(w->val) ? json_copy(w->val) : json_object();
	json_t *site = json_object(), *lang_list = json_array();
	const char *lang = r->locale ? r->locale : "en";
	size_t i;

	json_object_set_new(site, "name", json_string(r->app->cfg.org_name));
	json_object_set_new(site, "logo", json_string(r->app->cfg.logo_url));
	json_object_set_new(ctx, "site", site);
	/* A CSRF token (and, for visitors, its cookie) only for pages with a
	 * form: the layout's sign-out button, or a form of the page itself. */
	if (!r->csrf && (r->user || has_form(r->app->views, tpl)))
		r->csrf = csrf_token(r);
	json_object_set_new(ctx, "csrf", json_string(r->csrf ? r->csrf : ""));
	json_object_set_new(ctx, "lang", json_string(lang));
	json_object_set_new(ctx, "path", json_string(r->path));
	json_object_set_new(ctx, "request_id", json_string(r->id));
	json_object_set_new(ctx, "title", json_string(view_tr(r->app->views, lang,
	    title ? title : "")));
	for (i = 0; i < NLANGS; i++) {
		json_t *l = json_object();

		json_object_set_new(l, "code", json_string(langs[i]));
		json_object_set_new(l, "current", json_boolean(strcmp(langs[i], lang) == 0));
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
		json_object_set_new(ctx, "me", me);
	}
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
		rc = view_render(r->app->views, tpl, ctx, r->locale, &body);
	if (rc == WS_OK) {
		json_object_set_new(ctx, "content", json_stringn(body.data ? body.data : "",
		    body.len));
		rc = view_render(r->app->views, "layout", ctx, r->locale, out);
	}
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

enum ws_err
view_content(struct req *r, struct resp *w, struct buf *out)
{
	json_t *ctx = page_ctx(r, w, w->tpl, w->title);
	enum ws_err rc = view_render(r->app->views, w->tpl, ctx, r->locale, out);

	json_decref(ctx);
	return rc;
}

enum ws_err
view_page(struct req *r, struct resp *w, struct buf *out)
{
	return in_layout(r, w, w->tpl ? w->tpl : "home", w->title, out);
}

enum ws_err
view_json(json_t *val, struct buf *out)
{
	char *s = json_dumps(val ? val : json_object(), JSON_COMPACT | JSON_ENSURE_ASCII);
	enum ws_err rc;

	if (!s)
		return WS_EINVAL;
	rc = buf_adds(out, s);
	free(s);
	return rc;
}

const char *
view_error(struct req *r, struct resp *w, int status, const char *title, struct buf *out)
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
	 * refused sign-in), or a notice such as an expired link (410). */
	if (w->tpl && status < 500) {
		buf_reset(out);
		if (in_layout(r, w, w->tpl, w->title, out) == WS_OK)
			return "text/html; charset=utf-8";
	}
	p = json_object();
	json_object_set_new(p, "status", json_integer(status));
	json_object_set_new(p, "heading", json_string(view_tr(r->app->views, r->locale, title)));
	if (w->detail)
		json_object_set_new(p, "detail", json_string(view_tr(r->app->views, r->locale,
		    w->detail)));
	json_object_set_new(p, "retry_after", json_integer(w->retry_after));
	if (json_is_object(w->errors)) {	/* what to fix, field by field */
		json_t *list = json_array(), *m;
		const char *k;

		json_object_foreach(w->errors, k, m)
			if (json_is_string(m))
				json_array_append_new(list, json_string(view_tr(r->app->views,
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
