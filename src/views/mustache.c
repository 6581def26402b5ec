/*
 * mustache.c -- Mustache templates: a parser into a node tree, then a
 * renderer that walks the tree; see mustache.h.
 *
 * The parser works on the source line by line as the spec asks: a section,
 * inverted, closing, comment, partial or set-delimiter tag that is alone on
 * its line (spaces and tabs aside) is "standalone", and the whole line,
 * newline included, disappears from the output.  Text is stored one source
 * line per node, and every non-empty source line that survives gets an
 * N_INDENT node at its start: when a template is rendered as a standalone
 * partial, those nodes print the partial's indentation, which gives the same
 * output as indenting the partial's source before rendering it (the spec's
 * wording) without recompiling anything.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "views/mustache.h"

#define MAX_DELIM	16	/* bytes in one delimiter */

enum ntype {
	N_TEXT,		/* literal bytes */
	N_INDENT,	/* a source line starts: the partial's indentation */
	N_VAR,		/* {{x}}: escaped */
	N_RAW,		/* {{{x}}} or {{&x}}: as is */
	N_SECTION,	/* {{#x}}...{{/x}} */
	N_INVERTED,	/* {{^x}}...{{/x}} */
	N_PARTIAL,	/* {{>x}} */
	N_TRANSLATE	/* {{#_}}...{{/_}} */
};

struct node {
	enum ntype type;
	struct node *next;
	struct node *kids;	/* contents of a section */
	const char *text;	/* N_TEXT: bytes; N_TRANSLATE: raw inner text;
				   N_PARTIAL: indentation (all in tpl->src) */
	size_t len;
	char *name;		/* dotted name, NUL for '.'; partial name */
	size_t nseg;		/* segments in name; 0 for the "." */
	int standalone;		/* N_PARTIAL: alone on its line */
	char *delims;		/* N_TRANSLATE: "otag\0ctag\0" at {{#_}} */
};

struct mst_tpl {
	char *src;		/* our copy of the source; nodes point in */
	struct node *root;
};

/* ------------------------------------------------------------------ */
/* Parser                                                              */
/* ------------------------------------------------------------------ */

struct opened {
	struct node *sec;	/* NULL for the template itself */
	struct node **tail;	/* where the next child goes */
	size_t at;		/* offset of the opening tag, for messages */
	size_t inner;		/* offset just after the opening tag */
	const char *name;	/* as written, for matching the closing tag */
	size_t namelen;
};

struct parser {
	const char *src;
	size_t len;
	size_t pos;		/* first byte not yet turned into nodes */
	char otag[MAX_DELIM + 1], ctag[MAX_DELIM + 1];
	size_t olen, clen;
	struct opened open[MST_MAX_NESTING + 1];
	size_t depth;		/* open[0] is the template itself */
	char *err;
	size_t errlen;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t
line_of(const char *src, size_t at)
{
	size_t line = 1, i;

	for (i = 0; i < at; i++)
		if (src[i] == '\n')
			line++;
	return line;
}

static enum ws_err __attribute__((format(printf, 3, 4)))
fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->err == NULL || p->errlen == 0)
		return WS_ETEMPLATE;
	n = snprintf(p->err, p->errlen, "line %zu: ", line_of(p->src, at));
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return WS_ETEMPLATE;
}

static struct node *
add_node(struct parser *p, enum ntype type)
{
	struct opened *o = &p->open[p->depth];
	struct node *n = xcalloc(1, sizeof *n);

	n->type = type;
	*o->tail = n;
	o->tail = &n->next;
	return n;
}

static int
at_bol(const struct parser *p, size_t at)
{
	return at == 0 || p->src[at - 1] == '\n';
}

/* Adds src[a..b) as text, one node per line, marking non-empty lines. */
static void
add_text(struct parser *p, size_t a, size_t b)
{
	const char *nl;
	struct node *n;
	size_t e;

	while (a < b) {
		if (at_bol(p, a) && p->src[a] != '\n')
			add_node(p, N_INDENT);
		nl = memchr(p->src + a, '\n', b - a);
		e = nl ? (size_t)(nl - p->src) + 1 : b;
		n = add_node(p, N_TEXT);
		n->text = p->src + a;
		n->len = e - a;
		a = e;
	}
}

/*
 * Returns whether the tag src[ts..te) is alone on its line; if so stores
 * where the line starts and where the next one does.
 */
static int
standalone(const struct parser *p, size_t ts, size_t te, size_t *ls,
    size_t *next)
{
	const char *nl;
	size_t i, q;

	nl = ts > p->pos ? memrchr(p->src + p->pos, '\n', ts - p->pos) : NULL;
	if (nl)
		*ls = (size_t)(nl - p->src) + 1;
	else if (at_bol(p, p->pos))
		*ls = p->pos;
	else
		return 0;	/* an earlier tag is on this line */
	for (i = *ls; i < ts; i++)
		if (p->src[i] != ' ' && p->src[i] != '\t')
			return 0;
	for (q = te; q < p->len && (p->src[q] == ' ' || p->src[q] == '\t'); q++)
		;
	if (q == p->len)
		*next = q;
	else if (p->src[q] == '\n')
		*next = q + 1;
	else if (p->src[q] == '\r' && q + 1 < p->len && p->src[q + 1] == '\n')
		*next = q + 2;
	else
		return 0;
	return 1;
}

/* Splits a dotted name into NUL-separated segments. */
static void
set_name(struct node *n, const char *s, size_t len)
{
	size_t i;

	n->name = xstrndup(s, len);
	if (len == 1 && s[0] == '.')
		return;		/* the implicit iterator: nseg 0 */
	n->nseg = 1;
	for (i = 0; i < len; i++)
		if (n->name[i] == '.') {
			n->name[i] = '\0';
			n->nseg++;
		}
}

/* {{=<% %>=}}: s[0..len) is "<% %>", already trimmed. */
static enum ws_err
set_delims(struct parser *p, size_t at, const char *s, size_t len)
{
	size_t a = 0, b, c, d;

	for (b = a; b < len && !is_space(s[b]); b++)
		;
	for (c = b; c < len && is_space(s[c]); c++)
		;
	for (d = c; d < len && !is_space(s[d]); d++)
		;
	if (b == a || d == c || d != len || b - a > MAX_DELIM ||
	    d - c > MAX_DELIM || memchr(s, '=', len) != NULL ||
	    memchr(s, '\0', len) != NULL)
		return fail(p, at, "bad delimiters \"%.*s\"", (int)len, s);
	memcpy(p->otag, s + a, b - a);
	p->otag[b - a] = '\0';
	p->olen = b - a;
	memcpy(p->ctag, s + c, d - c);
	p->ctag[d - c] = '\0';
	p->clen = d - c;
	return WS_OK;
}

static enum ws_err
begin_section(struct parser *p, char sigil, size_t ts, size_t te,
    const char *name, size_t len)
{
	struct opened *o;
	struct node *n;

	if (p->depth == MST_MAX_NESTING)
		return fail(p, ts, "sections nested deeper than %d",
		    MST_MAX_NESTING);
	if (sigil == '#' && len == 1 && name[0] == '_') {
		n = add_node(p, N_TRANSLATE);
		n->delims = xmalloc(p->olen + p->clen + 2);
		memcpy(n->delims, p->otag, p->olen + 1);
		memcpy(n->delims + p->olen + 1, p->ctag, p->clen + 1);
	} else {
		n = add_node(p, sigil == '#' ? N_SECTION : N_INVERTED);
		set_name(n, name, len);
	}
	o = &p->open[++p->depth];
	o->sec = n;
	o->tail = &n->kids;
	o->at = ts;
	o->inner = te;
	o->name = name;
	o->namelen = len;
	return WS_OK;
}

static enum ws_err
end_section(struct parser *p, size_t ts, const char *name, size_t len)
{
	struct opened *o = &p->open[p->depth];

	if (p->depth == 0)
		return fail(p, ts, "closing tag \"%.*s\" without a section",
		    (int)len, name);
	if (len != o->namelen || memcmp(name, o->name, len) != 0)
		return fail(p, ts, "closing tag \"%.*s\" in section \"%.*s\"",
		    (int)len, name, (int)o->namelen, o->name);
	if (o->sec->type == N_TRANSLATE) {
		o->sec->text = p->src + o->inner;
		o->sec->len = ts - o->inner;
	}
	p->depth--;
	return WS_OK;
}

/* Parses the tag whose opening delimiter starts at ts. */
static enum ws_err
parse_tag(struct parser *p, size_t ts)
{
	char close[MAX_DELIM + 2], sigil = 0;
	size_t q, cs, ce, te, closelen, ls, next;
	const char *found;
	struct node *n;
	int alone;

	q = ts + p->olen;
	while (q < p->len && is_space(p->src[q]))
		q++;
	if (q < p->len && p->src[q] != '\0' && strchr("#^/!>{&=", p->src[q]))
		sigil = p->src[q++];
	closelen = 0;
	if (sigil == '{' || sigil == '=')
		close[closelen++] = sigil == '{' ? '}' : '=';
	memcpy(close + closelen, p->ctag, p->clen);
	closelen += p->clen;
	found = memmem(p->src + q, p->len - q, close, closelen);
	if (found == NULL)
		return fail(p, ts, "unclosed tag");
	cs = q;
	ce = (size_t)(found - p->src);
	te = ce + closelen;
	while (cs < ce && is_space(p->src[cs]))
		cs++;
	while (ce > cs && is_space(p->src[ce - 1]))
		ce--;
	if (ce == cs && sigil != '!')
		return fail(p, ts, "empty tag");

	alone = sigil && strchr("#^/!>=", sigil) &&
	    standalone(p, ts, te, &ls, &next);
	if (alone) {
		add_text(p, p->pos, ls);
		p->pos = next;
	} else {
		add_text(p, p->pos, ts);
		if (at_bol(p, ts))
			add_node(p, N_INDENT);
		p->pos = te;
		ls = ts;
	}

	switch (sigil) {
	case '!':
		return WS_OK;
	case '=':
		return set_delims(p, ts, p->src + cs, ce - cs);
	case '#':
	case '^':
		return begin_section(p, sigil, ts, te, p->src + cs, ce - cs);
	case '/':
		return end_section(p, ts, p->src + cs, ce - cs);
	case '>':
		n = add_node(p, N_PARTIAL);
		n->name = xstrndup(p->src + cs, ce - cs);
		n->standalone = alone;
		n->text = p->src + ls;
		n->len = ts - ls;
		return WS_OK;
	default:
		n = add_node(p, sigil ? N_RAW : N_VAR);
		set_name(n, p->src + cs, ce - cs);
		return WS_OK;
	}
}

static void
free_nodes(struct node *n)
{
	struct node *next;

	for (; n; n = next) {
		next = n->next;
		free_nodes(n->kids);
		free(n->name);
		free(n->delims);
		free(n);
	}
}

void
mst_free(struct mst_tpl *t)
{
	if (t == NULL)
		return;
	free_nodes(t->root);
	free(t->src);
	free(t);
}

/* Compiles with the given starting delimiters (each at most MAX_DELIM). */
static enum ws_err
compile(const char *src, size_t len, const char *otag, const char *ctag,
    struct mst_tpl **out, char *err, size_t errlen)
{
	struct parser p;
	struct mst_tpl *t;
	const char *o;
	enum ws_err rc = WS_OK;

	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	if (len > MST_MAX_SOURCE) {
		if (err && errlen)
			snprintf(err, errlen, "line 1: template is %zu bytes, "
			    "more than %d", len, MST_MAX_SOURCE);
		return WS_ETOOBIG;
	}
	t = xcalloc(1, sizeof *t);
	t->src = xstrndup(src, len);
	memset(&p, 0, sizeof p);
	p.src = t->src;
	p.len = len;
	p.olen = strlen(otag);
	p.clen = strlen(ctag);
	memcpy(p.otag, otag, p.olen + 1);
	memcpy(p.ctag, ctag, p.clen + 1);
	p.open[0].tail = &t->root;
	p.err = err;
	p.errlen = errlen;

	while (p.pos < p.len) {
		o = memmem(p.src + p.pos, p.len - p.pos, p.otag, p.olen);
		if (o == NULL) {
			add_text(&p, p.pos, p.len);
			break;
		}
		if ((rc = parse_tag(&p, (size_t)(o - p.src))) != WS_OK)
			goto out;
	}
	if (p.depth > 0)
		rc = fail(&p, p.open[p.depth].at, "section \"%.*s\" not closed",
		    (int)p.open[p.depth].namelen, p.open[p.depth].name);
out:
	if (rc != WS_OK)
		mst_free(t);
	else
		*out = t;
	return rc;
}

enum ws_err
mst_compile(const char *src, size_t len, struct mst_tpl **out, char *err,
    size_t errlen)
{
	return compile(src, len, "{{", "}}", out, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

enum ws_err
mst_escape_html(struct buf *out, const char *s, size_t len)
{
	static const char *const ent[256] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&#39;", ['/'] = "&#x2F;",
		['`'] = "&#x60;", ['='] = "&#x3D;",
	};
	size_t i, run = 0;
	enum ws_err rc;

	for (i = 0; i < len; i++) {
		const char *e = ent[(unsigned char)s[i]];

		if (e == NULL)
			continue;
		if ((rc = buf_add(out, s + run, i - run)) != WS_OK ||
		    (rc = buf_adds(out, e)) != WS_OK)
			return rc;
		run = i + 1;
	}
	return buf_add(out, s + run, len - run);
}

/* Appends d as JavaScript's Number.prototype.toString() writes it. */
static enum ws_err
put_number(struct buf *out, double d)
{
	char tmp[40], dig[24], s[64];
	const char *e;
	int prec, k = 0, n, i, x = 0;
	double a = fabs(d);

	if (isnan(d))
		return buf_adds(out, "NaN");
	if (isinf(d))
		return buf_adds(out, d < 0 ? "-Infinity" : "Infinity");
	if (d == 0)
		return buf_addc(out, '0');
	/* The shortest digit string that reads back as the same double. */
	for (prec = 0; prec <= 16; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec, a);
		if (strtod(tmp, NULL) == a)
			break;
	}
	for (e = tmp; *e != 'e'; e++)
		if (*e >= '0' && *e <= '9')
			dig[k++] = *e;
	while (k > 1 && dig[k - 1] == '0')
		k--;
	n = (int)strtol(e + 1, NULL, 10) + 1;	/* d = 0.dig * 10^n */
	if (d < 0)
		s[x++] = '-';
	if (k <= n && n <= 21) {
		for (i = 0; i < n; i++)
			s[x++] = i < k ? dig[i] : '0';
	} else if (0 < n && n <= 21) {
		for (i = 0; i < k; i++) {
			if (i == n)
				s[x++] = '.';
			s[x++] = dig[i];
		}
	} else if (-6 < n && n <= 0) {
		s[x++] = '0';
		s[x++] = '.';
		for (i = 0; i < -n; i++)
			s[x++] = '0';
		for (i = 0; i < k; i++)
			s[x++] = dig[i];
	} else {
		s[x++] = dig[0];
		if (k > 1)
			s[x++] = '.';
		for (i = 1; i < k; i++)
			s[x++] = dig[i];
		x += snprintf(s + x, sizeof s - (size_t)x, "e%c%d",
		    n - 1 < 0 ? '-' : '+', abs(n - 1));
		return buf_add(out, s, (size_t)x);
	}
	return buf_add(out, s, (size_t)x);
}

/* Appends v as JavaScript's String(v) would, HTML-escaped when esc. */
static enum ws_err
put_value(struct buf *out, json_t *v, int esc)
{
	const json_int_t big = (json_int_t)1 << 53;
	enum ws_err rc;
	json_int_t i;
	size_t k;

	if (v == NULL)
		return WS_OK;
	switch (json_typeof(v)) {
	case JSON_STRING:
		return esc ? mst_escape_html(out, json_string_value(v),
		    json_string_length(v)) : buf_add(out, json_string_value(v),
		    json_string_length(v));
	case JSON_INTEGER:
		i = json_integer_value(v);
		if (i >= -big && i <= big)
			return buf_printf(out, "%" JSON_INTEGER_FORMAT, i);
		return put_number(out, (double)i);
	case JSON_REAL:
		return put_number(out, json_real_value(v));
	case JSON_TRUE:
		return buf_adds(out, "true");
	case JSON_FALSE:
		return buf_adds(out, "false");
	case JSON_NULL:
		return WS_OK;
	case JSON_OBJECT:
		return buf_adds(out, "[object Object]");
	case JSON_ARRAY:
		for (k = 0; k < json_array_size(v); k++) {
			if (k > 0 && (rc = buf_addc(out, ',')) != WS_OK)
				return rc;
			rc = put_value(out, json_array_get(v, k), esc);
			if (rc != WS_OK)
				return rc;
		}
		return WS_OK;
	}
	return WS_OK;
}

/* false, null, 0, "" and [] are falsy, as in mustache.js. */
static int
truthy(const json_t *v)
{
	if (v == NULL)
		return 0;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return 1;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0;
	default:
		return 0;
	}
}

/* ------------------------------------------------------------------ */
/* Renderer                                                            */
/* ------------------------------------------------------------------ */

struct ctx {			/* the context stack, innermost first */
	json_t *v;
	const struct ctx *up;
};

struct indent {			/* partial indentation, innermost last */
	const char *s;
	size_t len;
	const struct indent *up;
};

struct render {
	const struct mst_env *env;
	struct buf *out;
	unsigned long steps, max_steps;
	int depth;		/* partials and translations entered */
};

/*
 * After the first segment, "items.0" names an array's element, as in
 * mustache.js (templates write {{#items.0}} for "items is not empty").
 * NULL unless seg is a decimal index, without leading zeros, in range.
 */
static json_t *
array_index(json_t *arr, const char *seg)
{
	size_t i = 0;
	const char *p;

	if (!*seg || (seg[0] == '0' && seg[1]))
		return NULL;
	for (p = seg; *p; p++) {
		if (*p < '0' || *p > '9' || i > 100000000)
			return NULL;
		i = i * 10 + (size_t)(*p - '0');
	}
	return json_array_get(arr, i);
}

/*
 * The spec's lookup: the first segment is searched up the context stack,
 * the others only inside what it found.  NULL when missing.
 */
static json_t *
lookup(const struct ctx *c, const struct node *n)
{
	const char *seg = n->name;
	json_t *v = NULL;
	size_t i;

	if (n->nseg == 0)
		return c->v;
	for (; c; c = c->up)
		if (json_is_object(c->v) &&
		    (v = json_object_get(c->v, seg)) != NULL)
			break;
	for (i = 1; v && i < n->nseg; i++) {
		seg += strlen(seg) + 1;
		v = json_is_object(v) ? json_object_get(v, seg) :
		    json_is_array(v) ? array_index(v, seg) : NULL;
	}
	return v;
}

static enum ws_err
put_indent(struct buf *out, const struct indent *ind)
{
	enum ws_err rc;

	if (ind == NULL)
		return WS_OK;
	if ((rc = put_indent(out, ind->up)) != WS_OK)
		return rc;
	return buf_add(out, ind->s, ind->len);
}

static enum ws_err render_nodes(struct render *r, const struct node *n,
    const struct ctx *c, const struct indent *ind);

static enum ws_err
render_section(struct render *r, const struct node *n, const struct ctx *c,
    const struct indent *ind)
{
	json_t *v = lookup(c, n);
	struct ctx sub = { v, c };
	enum ws_err rc;
	size_t i;

	if (n->type == N_INVERTED)
		return truthy(v) ? WS_OK : render_nodes(r, n->kids, c, ind);
	if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++) {
			if (++r->steps > r->max_steps)
				return WS_ETOOBIG;
			sub.v = json_array_get(v, i);
			if ((rc = render_nodes(r, n->kids, &sub, ind)) != WS_OK)
				return rc;
		}
		return WS_OK;
	}
	if (!truthy(v))
		return WS_OK;
	return render_nodes(r, n->kids, json_is_true(v) ? c : &sub, ind);
}

static enum ws_err
render_partial(struct render *r, const struct node *n, const struct ctx *c,
    const struct indent *ind)
{
	struct indent mine = { n->text, n->len, ind };
	const struct mst_tpl *t;
	enum ws_err rc;

	if (r->env == NULL || r->env->partial == NULL ||
	    (t = r->env->partial(r->env->ud, n->name)) == NULL)
		return WS_OK;
	if (r->depth >= MST_MAX_PARTIAL_DEPTH)
		return WS_ETEMPLATE;
	r->depth++;
	rc = render_nodes(r, t->root, c, n->standalone ? &mine : NULL);
	r->depth--;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Cache of compiled translations                                      */
/* ------------------------------------------------------------------ */

struct cache_entry {
	const char *key;	/* the text's address, for a quick first test */
	char *text;		/* our copy, compared byte for byte */
	size_t len;
	char delims[16];	/* the delimiters it was compiled with */
	struct mst_tpl *t;
};

struct mst_cache {
	pthread_rwlock_t lock;
	size_t n;
	struct cache_entry e[MST_CACHE_MAX];
};

struct mst_cache *
mst_cache_new(void)
{
	struct mst_cache *c = xcalloc(1, sizeof *c);

	pthread_rwlock_init(&c->lock, NULL);
	return c;
}

void
mst_cache_free(struct mst_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->e[i].text);
		mst_free(c->e[i].t);
	}
	pthread_rwlock_destroy(&c->lock);
	free(c);
}

/* The delimiters as one comparable string ("{{\0}}" flattened). */
static void
delim_key(const char *delims, char out[16])
{
	size_t a = strlen(delims), b = strlen(delims + a + 1);

	memset(out, 0, 16);
	if (a + b + 2 <= 16) {
		memcpy(out, delims, a);
		memcpy(out + a + 1, delims + a + 1, b);
	}
}

static const struct mst_tpl *
cache_get(struct mst_cache *c, const char *text, size_t len, const char *delims)
{
	const struct mst_tpl *t = NULL;
	char dk[16];
	size_t i;

	delim_key(delims, dk);
	pthread_rwlock_rdlock(&c->lock);
	for (i = 0; i < c->n && !t; i++)
		if (c->e[i].key == text && c->e[i].len == len &&
		    memcmp(c->e[i].text, text, len) == 0 && memcmp(c->e[i].delims, dk, 16) == 0)
			t = c->e[i].t;
	pthread_rwlock_unlock(&c->lock);
	return t;
}

/* Keeps t for text; 0 when the cache is full (the caller frees t). */
static int
cache_put(struct mst_cache *c, const char *text, size_t len, const char *delims,
    struct mst_tpl *t)
{
	int kept = 0;

	pthread_rwlock_wrlock(&c->lock);
	if (c->n < MST_CACHE_MAX) {
		struct cache_entry *e = &c->e[c->n++];

		e->key = text;
		e->text = xstrndup(text, len);
		e->len = len;
		delim_key(delims, e->delims);
		e->t = t;
		kept = 1;
	}
	pthread_rwlock_unlock(&c->lock);
	return kept;
}

static enum ws_err
render_translate(struct render *r, const struct node *n, const struct ctx *c,
    const struct indent *ind)
{
	struct mst_tpl *t;
	const struct mst_tpl *cached;
	const char *text;
	size_t len = 0;
	enum ws_err rc;

	text = r->env && r->env->translate ?
	    r->env->translate(r->env->ud, n->text, n->len, &len) : NULL;
	if (text == NULL)
		return render_nodes(r, n->kids, c, ind);
	if (r->depth >= MST_MAX_PARTIAL_DEPTH)
		return WS_ETEMPLATE;
	if (r->env->cache && (cached = cache_get(r->env->cache, text, len, n->delims)) != NULL) {
		r->depth++;
		rc = render_nodes(r, cached->root, c, NULL);
		r->depth--;
		return rc;
	}
	if (compile(text, len, n->delims, n->delims + strlen(n->delims) + 1,
	    &t, NULL, 0) != WS_OK)
		return WS_ETEMPLATE;
	r->depth++;
	rc = render_nodes(r, t->root, c, NULL);
	r->depth--;
	if (!r->env->cache || !cache_put(r->env->cache, text, len, n->delims, t))
		mst_free(t);
	return rc;
}

static enum ws_err
render_nodes(struct render *r, const struct node *n, const struct ctx *c,
    const struct indent *ind)
{
	enum ws_err rc = WS_OK;

	for (; n && rc == WS_OK; n = n->next) {
		if (++r->steps > r->max_steps)
			return WS_ETOOBIG;
		switch (n->type) {
		case N_TEXT:
			rc = buf_add(r->out, n->text, n->len);
			break;
		case N_INDENT:
			rc = put_indent(r->out, ind);
			break;
		case N_VAR:
		case N_RAW:
			rc = put_value(r->out, lookup(c, n), n->type == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED:
			rc = render_section(r, n, c, ind);
			break;
		case N_PARTIAL:
			rc = render_partial(r, n, c, ind);
			break;
		case N_TRANSLATE:
			rc = render_translate(r, n, c, ind);
			break;
		}
	}
	return rc;
}

enum ws_err
mst_render(const struct mst_tpl *t, json_t *ctx, const struct mst_env *env,
    struct buf *out)
{
	struct render r = { env, out, 0, MST_MAX_STEPS, 0 };
	struct ctx root = { ctx, NULL };

	if (env && env->max_steps)
		r.max_steps = env->max_steps;
	return render_nodes(&r, t->root, &root, NULL);
}
