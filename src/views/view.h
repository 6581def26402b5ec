/*
 * view.h -- the compiled templates and the translation catalogues.  The
 * views know nothing of requests: src/http/page.c puts a handler's value
 * into the layout.
 *
 * Templates (src/views/templates/NAME.mustache) are compiled once at
 * start-up from the copies embedded in the binary; a broken template stops
 * the start.  A page is its template rendered with the handler value plus the
 * layout's data (site, me, csrf, lang), then placed in layout.mustache.
 * UI strings are written in English inside {{#_}}...{{/_}} and translated
 * from i18n/LANG.json (English text -> translation) by the reader's language.
 */
#ifndef WS_VIEW_H
#define WS_VIEW_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* Marks an English UI string for translation (tests/style/i18n.t checks
 * that fr.json has it); it stays the English text at run time. */
#define N_(s) (s)

struct views;

/* Compiles every template and loads the catalogues.  NULL (message logged)
 * when one fails. */
struct views *views_load(void);
void views_free(struct views *v);

/* val as compact JSON ("{}" for NULL). */
enum ws_err view_json(json_t *val, struct buf *out) WS_WUR;
/* Renders template name with ctx, translated to lang, into out (mail bodies). */
enum ws_err view_render(struct views *v, const char *name, json_t *ctx, const char *lang,
    struct buf *out) WS_WUR;
/* Translates an English UI string to lang; returns s itself when there is no
 * translation. */
const char *view_tr(struct views *v, const char *lang, const char *s);
/* True when template name mentions {{csrf}} (its page has a form). */
int view_has_form(const struct views *v, const char *name);
/* The i-th UI language ("en" first), or NULL past the last. */
const char *view_lang_code(size_t i);
/* True when lang is one of the UI languages. */
int view_lang_ok(const char *lang);

#endif
