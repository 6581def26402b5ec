/*
 * view.h -- pages from handler values: the compiled templates, the layout,
 * the translation catalogues.
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

#include "core/buf.h"
#include "core/err.h"

/* Marks an English UI string for translation (tests/style/i18n.t checks
 * that fr.json has it); it stays the English text at run time. */
#define N_(s) (s)

struct req;
struct resp;
struct views;

/* Compiles every template and loads the catalogues.  NULL (message logged)
 * when one fails. */
struct views *views_load(void);
void views_free(struct views *v);

/* Renders w->tpl with w->val inside the layout into out. */
enum ws_err view_page(struct req *r, struct resp *w, struct buf *out) WS_WUR;
/* Renders w's template with w's value as view_page would, without the
 * layout, into out: a page's content to keep (the layout holds per-person
 * parts, the CSRF token).  Set w->content to it to have view_page use it. */
enum ws_err view_content(struct req *r, struct resp *w, struct buf *out) WS_WUR;
/* Renders an error page (HTML) or problem+json (API) for status into out;
 * returns the Content-Type. */
const char *view_error(struct req *r, struct resp *w, int status, const char *title,
    struct buf *out);
/* val as compact JSON ("{}" for NULL). */
enum ws_err view_json(json_t *val, struct buf *out) WS_WUR;
/* Renders template name with ctx, translated to lang, into out (mail bodies). */
enum ws_err view_render(struct views *v, const char *name, json_t *ctx, const char *lang,
    struct buf *out) WS_WUR;
/* Translates an English UI string to lang; returns s itself when there is no
 * translation. */
const char *view_tr(struct views *v, const char *lang, const char *s);
/* Chooses the reader's language: account, ?lang= / cookie, Accept-Language. */
const char *view_locale(struct req *r);
/* True when lang is one of the UI languages. */
int view_lang_ok(const char *lang);

#endif
