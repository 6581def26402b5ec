/*
 * search.c -- folding, query words, the search itself and the marks; see
 * search.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/directory/search.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"

/* ---- folding ------------------------------------------------------------ */

/* Base letters of U+00C0..U+00FF and U+0100..U+017F ('*' is handled apart,
 * '.' is not a letter). */
static const char latin1[] =
    "aaaaaa*ceeeeiiii" "dnooooo.ouuuuy**" "aaaaaa*ceeeeiiii" "dnooooo.ouuuuy*y";
static const char latin_a[] =
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iiiijjkkklllllll"
    "lllnnnnnnnnnoooo" "oo**rrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
_Static_assert(sizeof latin1 == 65 && sizeof latin_a == 129, "a letter per code point");

/* Decodes one code point at s; a byte that starts no valid sequence is
 * taken as itself. */
static size_t
utf8_next(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		return 4;
	}
	*cp = s[0];
	return 1;
}

static size_t
utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int
is_cjk(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3040 && cp <= 0x30FF) ||
	    (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/* Punctuation and spaces: what separates words. */
static int
is_sep(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z'));
	return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
	    (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	    (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x2190 && cp <= 0x2BFF) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* The folded form of a letter cp into out (at most 4 bytes). */
static size_t
fold_cp(uint32_t cp, char *out)
{
	char c = 0;

	if (cp >= 'A' && cp <= 'Z')
		c = (char)(cp + 32);
	else if (cp < 0x80)
		c = (char)cp;
	else if (cp >= 0xC0 && cp <= 0xFF)
		c = latin1[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		c = latin_a[cp - 0x100];
	else if (cp >= 0x218 && cp <= 0x21B)	/* Romanian comma-below s and t */
		c = cp < 0x21A ? 's' : 't';
	if (c == '*') {		/* two letters */
		const char *two = cp == 0xC6 || cp == 0xE6 ? "ae" : cp == 0xDE || cp == 0xFE ?
		    "th" : cp == 0xDF ? "ss" : "oe";

		memcpy(out, two, 2);
		return 2;
	}
	if (c) {
		out[0] = c;
		return 1;
	}
	if (cp >= 0x391 && cp <= 0x3A9)		/* Greek capitals */
		cp += 0x20;
	else if (cp >= 0x410 && cp <= 0x42F)	/* Cyrillic capitals */
		cp += 0x20;
	else if (cp >= 0x400 && cp <= 0x40F)
		cp += 0x50;
	return utf8_put(cp, out);
}

/*
 * Folds text into f (words separated by one space) and, for each byte of f,
 * the span of text it came from and whether it starts a word.  The arrays
 * are sized by the caller: folding never more than doubles the length.
 */
struct folded {
	char *f;
	size_t n;
	size_t *from, *to;	/* byte k of f came from text[from[k]..to[k]) */
	unsigned char *start;	/* byte k begins a word (1) or a letter (2) */
};

static void
fold_into(const char *text, struct folded *o, int spans)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, len = strlen(text), k;
	uint32_t prev = 0;	/* the last character read, 0 before any */
	int in_word = 0;

	o->n = 0;
	while (i < len) {
		uint32_t cp;
		size_t step = utf8_next(s + i, &cp), m;
		char b[4];
		int sep = is_sep(cp);

		if (unicode_bidi_mark(cp)) {
			/* Invisible: dropped, unless the run of marks is all
			 * that parts an Arabic word from a Latin one or a number
			 * (unicode_bidi_splits()): then the run is a space. */
			size_t j = i + step;
			uint32_t next = 0;

			while (j < len) {
				size_t kn = utf8_next(s + j, &next);

				if (!unicode_bidi_mark(next))
					break;
				j += kn;
				next = 0;
			}
			if (!unicode_bidi_splits(prev, next)) {
				i = j;
				continue;
			}
			step = j - i;
			sep = 1;
		}
		prev = sep ? ' ' : cp;
		if (sep) {
			if (in_word) {
				if (spans) {
					o->from[o->n] = i;
					o->to[o->n] = i + step;
					o->start[o->n] = 0;
				}
				o->f[o->n++] = ' ';
			}
			in_word = 0;
		} else {
			m = fold_cp(cp, b);
			for (k = 0; k < m; k++) {
				if (spans) {
					o->from[o->n] = i;
					o->to[o->n] = i + step;
					o->start[o->n] = k ? 0 : in_word ? 2 : 1;
				}
				o->f[o->n++] = b[k];
			}
			in_word = 1;
		}
		i += step;
	}
	if (o->n && o->f[o->n - 1] == ' ')
		o->n--;
	o->f[o->n] = '\0';
}

char *
search_fold(struct arena *a, const char *s)
{
	struct folded o = { arena_alloc(a, 2 * strlen(s) + 1), 0, NULL, NULL, NULL };

	fold_into(s, &o, 0);
	return o.f;
}

/* ---- queries ------------------------------------------------------------ */

enum ws_err
search_parse(const char *q, struct search_terms *t)
{
	struct arena *a;
	const char *p, *e;

	memset(t, 0, sizeof *t);
	if (!q)
		return WS_OK;
	if (strlen(q) > SEARCH_MAX_QUERY || !utf8_valid_text(q, strlen(q), 0))
		return WS_EINVAL;
	a = arena_new();
	for (p = search_fold(a, q); *p && t->n < SEARCH_MAX_TERMS; p = *e ? e + 1 : e) {
		size_t n, k, i;
		int dup = 0;

		e = strchr(p, ' ');
		if (!e)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n > SEARCH_MAX_TERM) {	/* cut at a code point boundary */
			n = SEARCH_MAX_TERM;
			while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(t->term[t->n], p, n);
		t->term[t->n][n] = '\0';
		for (k = 0; k < t->n; k++)
			dup |= strcmp(t->term[k], t->term[t->n]) == 0;
		if (dup || !n)
			continue;
		for (i = 0; i < n;) {
			uint32_t cp;

			i += utf8_next((const unsigned char *)p + i, &cp);
			t->cjk[t->n] |= is_cjk(cp);
		}
		t->n++;
	}
	arena_free(a);
	return WS_OK;
}

int
search_in_index(const struct search_terms *t)
{
	const char *p;
	size_t i;

	for (i = 0; i < t->n; i++)
		for (p = t->term[i]; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
				return 0;
	return t->n > 0;
}

/* Appends the English and French names of the codes in arr (or of the one
 * code when arr is a string). */
static void
add_names(struct buf *b, json_t *arr, const char *(*name)(const char *, const char *))
{
	static const char *const langs[] = { "en", "fr" };
	json_t *v;
	size_t i, l;

	if (json_is_string(arr)) {
		for (l = 0; l < 2; l++)
			(void)(buf_addc(b, ' ') || buf_adds(b, name(json_string_value(arr), langs[l])));
		return;
	}
	json_array_foreach(arr, i, v)
		if (json_is_string(v))
			add_names(b, v, name);
}

int
search_gov_differs(json_t *o)
{
	static const char *const fields[] = { "acronym", "description", "themes", "country",
		"countries", NULL };
	const char *const *f;

	for (f = fields; *f; f++)
		if (org_field_level(o, *f) == VIS_NONGOV)
			return 1;
	return 0;
}

/* The folded title and text of o that viewers of level may search, into a. */
static void
texts_of(struct arena *a, json_t *o, enum vis level, const char **title_out,
    const char **text_out)
{
	struct buf title, body;
	const char *s;

	buf_init(&title, 4096);
	buf_init(&body, 64 * 1024);
	(void)(buf_adds(&title, json_string_value(json_object_get(o, "name")) ?
	    json_string_value(json_object_get(o, "name")) : "") || buf_addc(&title, ' '));
	if (org_field_level(o, "acronym") <= level && (s = json_string_value(json_object_get(o,
	    "acronym"))))
		(void)(buf_adds(&title, s) || buf_addc(&title, ' '));
	if (org_field_level(o, "description") <= level && (s = json_string_value(
	    json_object_get(o, "description"))))
		(void)(buf_adds(&body, s) || buf_addc(&body, ' '));
	if (org_field_level(o, "themes") <= level)
		add_names(&body, json_object_get(o, "themes"), theme_name);
	if (org_field_level(o, "country") <= level)
		add_names(&body, json_object_get(o, "country"), country_name);
	if (org_field_level(o, "countries") <= level)
		add_names(&body, json_object_get(o, "countries"), country_name);
	*title_out = search_fold(a, buf_str(&title));
	*text_out = search_fold(a, buf_str(&body));
	buf_free(&title);
	buf_free(&body);
}

void
search_bind(struct arena *a, struct db_q *q, int at, json_t *o)
{
	const char *title, *text;

	/* What members search: all but what is for staff only. */
	texts_of(a, o, VIS_NONGOV, &title, &text);
	db_bind_text(q, at, title);
	db_bind_text(q, at + 1, text);
	/* What focal points search, only where it differs. */
	if (search_gov_differs(o))
		texts_of(a, o, VIS_MEMBERS, &title, &text);
	else
		title = text = "";
	db_bind_text(q, at + 2, title);
	db_bind_text(q, at + 3, text);
}

static int
id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Runs statement s with text param, appending ids to *ids. */
static enum ws_err
ids_of(struct db *d, enum db_stmt s, const char *param, int64_t **ids, size_t *n)
{
	struct db_q *q = db_start(d, s);
	size_t cap = 1024;
	enum ws_err rc;

	*ids = xmalloc(cap * sizeof **ids);
	*n = 0;
	db_bind_text(q, 1, param);
	if (s == ST_ORG_SEARCH_SUBSTR || s == ST_ORG_SEARCH_SUBSTR_GOV)	/* title, then text */
		db_bind_text(q, 2, param);
	while ((rc = db_step(q)) == WS_OK) {
		if (*n == cap)
			*ids = xrealloc(*ids, (cap *= 2) * sizeof **ids);
		(*ids)[(*n)++] = db_col_int(q, 0);
	}
	db_end(q);
	if (rc != WS_EDONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc == WS_OK ? WS_EDB : rc;
	}
	return WS_OK;
}

/* Keeps the ids of *ids (in order) that are also in other (sorted). */
static void
keep_common(int64_t *ids, size_t *n, const int64_t *other, size_t m)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++)
		if (bsearch(&ids[i], other, m, sizeof *other, id_cmp))
			ids[k++] = ids[i];
	*n = k;
}

/* The full-text query for the words of t the index knows (not CJK), each a
 * prefix, all required; in the title only when title is set.  FTS5:
 * '"w"* "v"*' or '{search_title} : ("w"* "v"*)'; tsquery: 'w:* & v:*' or
 * 'w:*A & v:*A'.  Folded words hold letters and digits only, so they need
 * no quoting beyond this.  Empty when every word is CJK. */
static enum ws_err
fts_query(const struct search_terms *t, int pg, int title, int gov, struct buf *out)
{
	enum ws_err rc = WS_OK;
	size_t i, k = 0;

	for (i = 0; rc == WS_OK && i < t->n; i++) {
		if (t->cjk[i])
			continue;
		if (pg)
			rc = buf_printf(out, "%s%s:*%s", k ? " & " : "", t->term[i], title ? "A" : "");
		else
			rc = buf_printf(out, "%s\"%s\"*", k ? " " : !title ? "" : gov ?
			    "{search_title_gov} : (" : "{search_title} : (", t->term[i]);
		k++;
	}
	if (rc == WS_OK && k && title && !pg)
		rc = buf_addc(out, ')');
	return rc;
}

enum ws_err
search_ids(struct db *d, const struct search_terms *t, int gov, int64_t **ids, size_t *n,
    int64_t **titles, size_t *ntitles)
{
	enum db_stmt fts_st = gov ? ST_ORG_SEARCH_GOV : ST_ORG_SEARCH;
	enum db_stmt sub_st = gov ? ST_ORG_SEARCH_SUBSTR_GOV : ST_ORG_SEARCH_SUBSTR;
	struct buf fts;
	int pg = db_conn_kind(d) == DB_PG, have = 0, cjk = 0;
	enum ws_err rc;
	size_t i;

	*ids = NULL;
	*n = 0;
	if (titles) {
		*titles = NULL;
		*ntitles = 0;
	}
	buf_init(&fts, 4096);
	if ((rc = fts_query(t, pg, 0, gov, &fts)) == WS_OK && fts.len) {
		rc = ids_of(d, fts_st, buf_str(&fts), ids, n);
		have = 1;
	}
	for (i = 0; rc == WS_OK && i < t->n; i++) {
		struct buf pat;
		int64_t *sub;
		size_t m;

		if (!t->cjk[i])
			continue;
		cjk = 1;
		/* Folded words hold no %, _ or backslash, LIKE's own characters. */
		buf_init(&pat, SEARCH_MAX_TERM + 3);
		if ((rc = buf_printf(&pat, "%%%s%%", t->term[i])) != WS_OK) {
			buf_free(&pat);
			break;
		}
		rc = ids_of(d, sub_st, buf_str(&pat), &sub, &m);
		buf_free(&pat);
		if (rc != WS_OK)
			break;
		if (!have) {
			*ids = sub;
			*n = m;
			have = 1;
			continue;
		}
		qsort(sub, m, sizeof *sub, id_cmp);
		keep_common(*ids, n, sub, m);
		free(sub);
	}
	if (rc == WS_OK && titles && !cjk && fts.len) {
		buf_reset(&fts);
		if ((rc = fts_query(t, pg, 1, gov, &fts)) == WS_OK)
			rc = ids_of(d, fts_st, buf_str(&fts), titles, ntitles);
	}
	buf_free(&fts);
	if (rc != WS_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		if (titles) {
			free(*titles);
			*titles = NULL;
			*ntitles = 0;
		}
	}
	return rc;
}

/* ---- marks -------------------------------------------------------------- */

/* Marks (in m, one flag per byte of text) every match of t's words. */
static int
mark_matches(const char *text, const struct search_terms *t, unsigned char *m)
{
	size_t len = strlen(text), k, i, tl;
	struct folded o;
	int any = 0;

	o.f = xmalloc(2 * len + 1);
	o.from = xmalloc((2 * len + 1) * sizeof *o.from);
	o.to = xmalloc((2 * len + 1) * sizeof *o.to);
	o.start = xmalloc(2 * len + 1);
	fold_into(text, &o, 1);
	memset(m, 0, len);
	for (k = 0; k < o.n; k++) {
		if (!o.start[k])
			continue;
		for (i = 0; i < t->n; i++) {
			tl = strlen(t->term[i]);
			if ((o.start[k] == 1 || t->cjk[i]) && k + tl <= o.n &&
			    memcmp(o.f + k, t->term[i], tl) == 0) {
				memset(m + o.from[k], 1, o.to[k + tl - 1] - o.from[k]);
				any = 1;
			}
		}
	}
	free(o.f);
	free(o.from);
	free(o.to);
	free(o.start);
	return any;
}

json_t *
search_marks(const char *text, const struct search_terms *t)
{
	json_t *parts = json_array();
	size_t len = strlen(text ? text : ""), i, j;
	unsigned char *m;

	if (!text || !len)
		return parts;
	m = xmalloc(len);
	mark_matches(text, t, m);
	for (i = 0; i < len; i = j) {
		for (j = i; j < len && m[j] == m[i]; j++)
			;
		json_array_append_new(parts, json_pack("{s:s%,s:b}", "t", text + i, j - i, "m",
		    m[i]));
	}
	free(m);
	return parts;
}

/* The code point at s (n bytes left) into *cp and its length, or 0 when
 * what starts there is not UTF-8 as jansson accepts it (no overlong form,
 * surrogate or code point past U+10FFFF). */
static size_t
utf8_strict(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	len = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (n < len)
		return 0;
	*cp = s[0] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && (*cp < 0x800 || (*cp >= 0xD800 && *cp <= 0xDFFF))) ||
	    (len == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)))
		return 0;
	return len;
}

/* Appends s[0..n) as a JSON string the way json_dumps() writes it with
 * JSON_ENSURE_ASCII; WS_EINVAL when it is not valid UTF-8 (jansson would
 * not take it). */
static enum ws_err
add_ascii_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, k, at = b->len;
	enum ws_err rc = buf_addc(b, '"');

	for (i = 0; rc == WS_OK && i < n; i += k) {
		uint32_t cp, u[2];
		size_t nu = 0, j;
		char esc[13];

		if (!(k = utf8_strict(p + i, n - i, &cp))) {
			b->len = at;	/* nothing written */
			return WS_EINVAL;
		}
		if (cp >= 0x20 && cp < 0x80 && cp != '"' && cp != '\\') {
			rc = buf_addc(b, (char)cp);
			continue;
		}
		switch (cp) {
		case '"': rc = buf_adds(b, "\\\""); continue;
		case '\\': rc = buf_adds(b, "\\\\"); continue;
		case '\b': rc = buf_adds(b, "\\b"); continue;
		case '\f': rc = buf_adds(b, "\\f"); continue;
		case '\n': rc = buf_adds(b, "\\n"); continue;
		case '\r': rc = buf_adds(b, "\\r"); continue;
		case '\t': rc = buf_adds(b, "\\t"); continue;
		default: break;
		}
		if (cp < 0x10000) {
			u[nu++] = cp;
		} else {	/* a surrogate pair */
			u[nu++] = 0xD800 | ((cp - 0x10000) >> 10);
			u[nu++] = 0xDC00 | ((cp - 0x10000) & 0x3FF);
		}
		for (j = 0; j < nu; j++) {
			esc[6 * j] = '\\';
			esc[6 * j + 1] = 'u';
			esc[6 * j + 2] = hex[u[j] >> 12 & 15];
			esc[6 * j + 3] = hex[u[j] >> 8 & 15];
			esc[6 * j + 4] = hex[u[j] >> 4 & 15];
			esc[6 * j + 5] = hex[u[j] & 15];
		}
		rc = buf_add(b, esc, 6 * nu);
	}
	return rc == WS_OK ? buf_addc(b, '"') : rc;
}

enum ws_err
search_marks_write(const char *text, const struct search_terms *t, struct buf *out)
{
	size_t len = strlen(text ? text : ""), i, j, at;
	unsigned char *m;
	enum ws_err rc = buf_addc(out, '[');
	int first = 1;

	if (rc != WS_OK || !len)
		return rc == WS_OK ? buf_addc(out, ']') : rc;
	m = xmalloc(len);
	mark_matches(text, t, m);
	for (i = 0; rc == WS_OK && i < len; i = j) {
		for (j = i; j < len && m[j] == m[i]; j++)
			;
		at = out->len;
		rc = buf_adds(out, first ? "{\"t\":" : ",{\"t\":");
		if (rc == WS_OK && (rc = add_ascii_string(out, text + i, j - i)) == WS_EINVAL) {
			out->len = at;	/* search_marks leaves such a part out */
			rc = WS_OK;
			continue;
		}
		if (rc == WS_OK)
			rc = buf_adds(out, m[i] ? ",\"m\":true}" : ",\"m\":false}");
		first = 0;
	}
	free(m);
	return rc == WS_OK ? buf_addc(out, ']') : rc;
}

char *
search_excerpt(struct arena *a, const char *text, const struct search_terms *t, size_t max)
{
	size_t len = strlen(text ? text : ""), at = 0, start, end;
	unsigned char *m;
	char *out;

	if (len <= max)
		return arena_strdup(a, text ? text : "");
	m = xmalloc(len);
	if (t->n && mark_matches(text, t, m))
		while (!m[at])
			at++;
	free(m);
	start = at > max / 3 ? at - max / 3 : 0;
	while (start > 0 && text[start - 1] != ' ')	/* back to a word's start */
		start--;
	end = start + max < len ? start + max : len;
	while (end < len && end > start && text[end] != ' ')	/* back to a word's end */
		end--;
	if (end == start)
		end = start + max < len ? start + max : len;
	while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
		end--;
	out = arena_printf(a, "%s%.*s%s", start ? "… " : "", (int)(end - start), text + start,
	    end < len ? " …" : "");
	return out;
}
