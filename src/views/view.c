/*
 * view.c -- templates, layout and catalogues; see view.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "views/assets.h"
#include "views/mustache.h"
#include "views/view.h"

#define MAX_TPL 256	/* templates in src/views/templates (130 at stop 33) */

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

int
view_has_form(const struct views *v, const char *name)
{
	int i;

	for (i = 0; name && i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return v->has_form[i];
	return 0;
}

const char *
view_lang_code(size_t i)
{
	return i < NLANGS ? langs[i] : NULL;
}

/* json_dump_callback's writer: appends to the buf. */
static int
json_to_buf(const char *s, size_t len, void *arg)
{
	return buf_add(arg, s, len) == WS_OK ? 0 : -1;
}

/*
 * Written straight into out, as UTF-8: escaping every character outside
 * ASCII (JSON_ENSURE_ASCII) made a Cyrillic or Chinese answer up to six
 * times longer and was a tenth of the library's search time.
 */
enum ws_err
view_json(json_t *val, struct buf *out)
{
	json_t *empty = val ? NULL : json_object();
	size_t len = out->len;
	int rc = json_dump_callback(val ? val : empty, json_to_buf, out, JSON_COMPACT);

	json_decref(empty);
	if (rc != 0) {
		out->len = len;	/* nothing half-written */
		return WS_EINVAL;
	}
	return WS_OK;
}
