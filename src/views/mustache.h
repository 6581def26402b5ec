/*
 * mustache.h -- WhatsOn's Mustache template engine.
 *
 * Pages are written as Mustache templates (src/views/templates/) and rendered
 * against a jansson value.  mst_compile() parses a template once into a tree
 * owned by the returned struct mst_tpl; mst_render() walks that tree any
 * number of times, from any number of threads at once (rendering never
 * modifies a template), appending to a struct buf whose ceiling bounds the
 * page.  The engine follows the Mustache spec v1.3 core modules
 * (interpolation, sections, inverted sections, comments, partials, set
 * delimiters, standalone lines, partial indentation) and, where the spec
 * leaves room, does what mustache.js 4.2 does, so that tests/mustache/diff.t
 * can compare the two: `{{x}}` escapes & < > " ' / ` = exactly like
 * mustache.js' escapeHtml; numbers print as JavaScript prints them; false,
 * null, 0, "" and [] are falsy; objects print as "[object Object]" and arrays
 * as their elements joined with commas; a dotted name may index an array
 * after its first segment ({{#items.0}} means "items is not empty").
 * There are no lambdas; the one extension is the translation section
 * {{#_}}...{{/_}} (see mst_translate_fn).
 *
 * Limits: a template source is at most MST_MAX_SOURCE bytes, sections nest at
 * most MST_MAX_NESTING deep, partials and translations nest at most
 * MST_MAX_PARTIAL_DEPTH deep, and one render visits at most MST_MAX_STEPS
 * nodes (so a hostile template cannot loop for hours without output).
 */
#ifndef WS_MUSTACHE_H
#define WS_MUSTACHE_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* Bytes of template source. */
#define MST_MAX_SOURCE		(1024 * 1024)
/* Sections within sections. */
#define MST_MAX_NESTING		64
/* Partials and translated texts within one another. */
#define MST_MAX_PARTIAL_DEPTH	32
/* Nodes (and list items) one render may visit. */
#define MST_MAX_STEPS		(1UL << 24)

struct mst_tpl;		/* a compiled template; opaque */

/*
 * Compiles the template src[0..len) (need not be NUL-terminated; the engine
 * keeps its own copy).  On success stores a new template in *out, which the
 * caller frees with mst_free().  On failure *out is NULL and a one-line
 * message naming the line ("line 3: unclosed section \"items\"") is written
 * to err (errlen bytes, always NUL-terminated; err may be NULL when errlen is
 * 0).  Fails with WS_ETEMPLATE on a syntax error or sections nested deeper
 * than MST_MAX_NESTING, and with WS_ETOOBIG when len > MST_MAX_SOURCE.
 */
enum ws_err mst_compile(const char *src, size_t len, struct mst_tpl **out,
    char *err, size_t errlen) WS_WUR;

/* Frees a template from mst_compile(); NULL is allowed. */
void mst_free(struct mst_tpl *t);

/*
 * Looks up the compiled partial called name ({{> name}}).  The template stays
 * owned by the callback's owner and must outlive the render; NULL means the
 * partial renders as nothing.
 */
typedef const struct mst_tpl *(*mst_partial_fn)(void *ud, const char *name);

/*
 * Translation hook.  A section named "_" ({{#_}}Sign in{{/_}}) is not looked
 * up in the context; its raw inner text (exactly the bytes between the two
 * tags, as written in the template) is passed here, and the hook returns the
 * translated text and its length in *outlen.  The text stays owned by the
 * hook's owner and must stay valid for the rest of the render.  The engine
 * compiles the returned text (with the delimiters in effect at the {{#_}}
 * tag) and renders it against the current context, so "Hello {{name}}" may
 * be translated to "Bonjour {{name}}".  Without a cache (struct mst_cache)
 * the text is compiled on each render; with one, once.  A hook returning
 * NULL, or no hook at all, renders the section's own contents.
 */
typedef const char *(*mst_translate_fn)(void *ud, const char *text, size_t len,
    size_t *outlen);

/*
 * A cache of compiled translated texts, shared by any number of threads
 * rendering at once.  An entry is found by the text's address and length and
 * then compared byte for byte, so a hook may return any text; at most
 * MST_CACHE_MAX texts are kept, the rest are compiled on each render.
 */
#define MST_CACHE_MAX 4096
struct mst_cache;
struct mst_cache *mst_cache_new(void);
void mst_cache_free(struct mst_cache *c);

struct mst_env {
	mst_partial_fn partial;	/* NULL: all partials are empty */
	mst_translate_fn translate; /* NULL: {{#_}} shows its contents */
	void *ud;		/* passed to both callbacks */
	unsigned long max_steps; /* 0: MST_MAX_STEPS */
	struct mst_cache *cache; /* NULL: compile translated texts on each render */
};

/*
 * Renders t against the context ctx (borrowed; any jansson value, usually an
 * object), appending to out.  env may be NULL (no partials, no translation).
 * Fails with WS_ETOOBIG when out's ceiling is reached or the render visits
 * more than max_steps nodes, and with WS_ETEMPLATE when partials or
 * translations nest deeper than MST_MAX_PARTIAL_DEPTH (a partial including
 * itself) or a translated text does not compile.  After a failure out holds
 * a partial page that the caller should discard.
 */
enum ws_err mst_render(const struct mst_tpl *t, json_t *ctx,
    const struct mst_env *env, struct buf *out) WS_WUR;

/*
 * Appends s[0..len) to out with & < > " ' / ` = replaced by &amp; &lt; &gt;
 * &quot; &#39; &#x2F; &#x60; &#x3D; (mustache.js' escapeHtml table).  Fails
 * only with WS_ETOOBIG, leaving out holding a prefix of the escaped text.
 */
enum ws_err mst_escape_html(struct buf *out, const char *s, size_t len) WS_WUR;

#endif
