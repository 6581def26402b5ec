/*
 * listed.c -- an organization's listed form; see listed.h.
 *
 * What an item holds mirrors org_view() (src/app/orgs/store.c): id, name
 * and status for everyone; each field of org_vis_fields the organization
 * has, for viewers at or above its level; for staff the visibility map and
 * the dates; the names of codes in the reader's language and the
 * description as HTML.  tests/http/directory_test.c compares items with
 * organizations' profiles, so the two cannot drift apart unseen.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "app/directory/listed.h"
#include "app/directory/search.h"
#include "app/orgs/orgs.h"
#include "core/mem.h"
#include "views/view.h"

/* Codes named at answer time in the reader's language. */
enum named {
	N_KIND, N_ECOSOC, N_COUNTRY, N_THEMES, N_COUNTRIES, N_LANGUAGES, N__MAX
};

static const struct {
	const char *field;	/* the organization's field: its codes, its level */
	const char *key;	/* the item's key for the names */
	int list;		/* an array of {code, name} (else one name) */
} named_fields[] = {
	[N_KIND] = {"kind", "kind_name", 0},
	[N_ECOSOC] = {"ecosoc_status", "ecosoc_name", 0},
	[N_COUNTRY] = {"country", "country_name", 0},
	[N_THEMES] = {"themes", "theme_list", 1},
	[N_COUNTRIES] = {"countries", "country_list", 1},
	[N_LANGUAGES] = {"languages", "language_list", 1},
};
_Static_assert(sizeof named_fields / sizeof named_fields[0] == N__MAX, "a field per name");

struct dir_listed {
	atomic_uint refs;
	char *pieces;			/* ",\"key\":value" pieces, by level needed */
	size_t end[VIS__MAX];		/* level l sees pieces[0 .. end[l]) */
	char **codes[N__MAX];		/* NULL-terminated; NULL when absent */
	/* a country's or language's row of the reference lists, for each code
	 * (NULL: unknown, or another kind of code) */
	const struct ref_row **rows[N__MAX];
	unsigned char need[N__MAX];	/* the level that sees the codes */
	char *name, *acronym, *description;	/* for marks; NULL when absent */
	unsigned char acronym_need, description_need;
};

#define ENC (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY)

/* Appends ,"key":value to b (value encoded as view_json() would). */
static int
add_piece(struct buf *b, const char *key, json_t *value)
{
	char *s = json_dumps(value, ENC);
	int bad;

	if (!s)
		return 1;
	bad = buf_printf(b, ",\"%s\":%s", key, s) != WS_OK;
	free(s);
	return bad;
}

/* String i of v: an array's, or v itself (i 0); NULL when not a string. */
static const char *
str_at(json_t *v, size_t i)
{
	return json_string_value(json_is_array(v) ? json_array_get(v, i) : v);
}

/* The strings of a JSON array (or the one string), NULL-terminated, in one
 * allocation with the pointers (one free(); an answer names every code of
 * its items, and strings of their own were a cache miss each). */
static char **
codes_of(json_t *v)
{
	size_t i, n = json_is_array(v) ? json_array_size(v) : 1, size = 0, k = 0;
	char **out, *at;

	if (!json_is_array(v) && !json_is_string(v))
		return NULL;
	for (i = 0; i < n; i++)
		size += str_at(v, i) ? strlen(str_at(v, i)) + 1 : 0;
	out = xmalloc((n + 1) * sizeof *out + size);
	at = (char *)(out + n + 1);
	for (i = 0; i < n; i++) {
		const char *s = str_at(v, i);

		if (!s)
			continue;
		out[k++] = memcpy(at, s, strlen(s) + 1);
		at += strlen(s) + 1;
	}
	out[k] = NULL;
	return out;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct dir_listed *
dir_listed_new(json_t *org)
{
	struct dir_listed *l = xcalloc(1, sizeof *l);
	struct buf by[VIS__MAX], all;
	json_t *vis = json_object(), *x;
	const char *s;
	size_t i;
	int k, bad = 0;

	atomic_init(&l->refs, 1);
	for (k = 0; k < VIS__MAX; k++)
		buf_init(&by[k], 64 << 20);
	/* For everyone (the leading comma is dropped when writing). */
	bad |= add_piece(&by[VIS_PUBLIC], "id", json_object_get(org, "id"));
	bad |= add_piece(&by[VIS_PUBLIC], "name", json_object_get(org, "name"));
	bad |= add_piece(&by[VIS_PUBLIC], "status", json_object_get(org, "status"));
	for (i = 0; i < org_vis_nfields; i++) {
		const char *f = org_vis_fields[i].name;
		enum vis need = org_field_level(org, f);

		json_object_set_new(vis, f, json_string(vis_name(need)));
		if (!(x = json_object_get(org, f)))
			continue;
		bad |= add_piece(&by[need], f, x);
		if (strcmp(f, "description") == 0 && (s = json_string_value(x))) {
			json_t *html = org_markdown_html(s);

			bad |= add_piece(&by[need], "description_html", html);
			json_decref(html);
			l->description = xstrdup(s);
			l->description_need = (unsigned char)need;
		} else if (strcmp(f, "acronym") == 0 && (s = json_string_value(x))) {
			l->acronym = xstrdup(s);
			l->acronym_need = (unsigned char)need;
		}
	}
	/* For staff. */
	bad |= add_piece(&by[VIS_STAFF], "visibility", vis);
	bad |= add_piece(&by[VIS_STAFF], "created_at", json_object_get(org, "created_at"));
	bad |= add_piece(&by[VIS_STAFF], "updated_at", json_object_get(org, "updated_at"));
	json_decref(vis);
	for (k = 0; k < N__MAX; k++) {
		x = json_object_get(org, named_fields[k].field);
		/* org_view names a string code, or the codes of an array */
		if (named_fields[k].list && x && !json_is_array(x))
			l->codes[k] = xcalloc(1, sizeof *l->codes[k]);	/* named: none */
		else if (named_fields[k].list ? json_is_array(x) : json_is_string(x))
			l->codes[k] = codes_of(x);
		if (l->codes[k] && (k == N_COUNTRY || k == N_COUNTRIES || k == N_LANGUAGES)) {
			for (i = 0; l->codes[k][i]; i++)
				;
			l->rows[k] = xcalloc(i + 1, sizeof *l->rows[k]);
			for (i = 0; l->codes[k][i]; i++)
				l->rows[k][i] = k == N_LANGUAGES ? language_row(l->codes[k][i]) :
				    country_row(l->codes[k][i]);
		}
		l->need[k] = (unsigned char)org_field_level(org, named_fields[k].field);
	}
	l->name = dup_or_null(json_string_value(json_object_get(org, "name")));
	buf_init(&all, 256 << 20);
	for (k = 0; k < VIS__MAX; k++) {
		bad |= buf_add(&all, by[k].data ? by[k].data : "", by[k].len) != WS_OK;
		l->end[k] = all.len;
		buf_free(&by[k]);
	}
	l->pieces = buf_steal(&all);
	if (bad || !l->pieces || !l->name) {
		dir_listed_unref(l);
		return NULL;
	}
	return l;
}

struct dir_listed *
dir_listed_ref(struct dir_listed *l)
{
	if (l)
		atomic_fetch_add(&l->refs, 1);
	return l;
}

void
dir_listed_unref(struct dir_listed *l)
{
	int k;

	if (!l || atomic_fetch_sub(&l->refs, 1) != 1)
		return;
	free(l->pieces);
	for (k = 0; k < N__MAX; k++) {
		free(l->codes[k]);
		free(l->rows[k]);
	}
	free(l->name);
	free(l->acronym);
	free(l->description);
	free(l);
}

/* ---- writing ------------------------------------------------------------ */

/* Appends ,"key": (key needs no escaping). */
static enum ws_err
add_key(struct buf *b, const char *key)
{
	enum ws_err rc = buf_adds(b, ",\"");

	if (rc == WS_OK)
		rc = buf_adds(b, key);
	return rc == WS_OK ? buf_adds(b, "\":") : rc;
}

/* Appends ,"key": and the marks of terms in text (search.h). */
static enum ws_err
add_marks(struct buf *b, const char *key, const char *text, const struct search_terms *terms)
{
	enum ws_err rc = add_key(b, key);

	return rc == WS_OK ? search_marks_write(text, terms, b) : rc;
}

/* The name of code in lang for named field k; NULL when none is shown. */
static const char *
name_of(int k, const char *code, const char *lang, struct views *v)
{
	size_t i;

	switch (k) {
	case N_KIND: return view_tr(v, lang, kind_name(code));
	case N_ECOSOC:
		for (i = 0; org_ecosoc[i]; i++)
			if (strcmp(org_ecosoc[i], code) == 0)
				return view_tr(v, lang, org_ecosoc_labels[i]);
		return NULL;	/* org_view names known statuses only */
	case N_COUNTRY: case N_COUNTRIES: return country_name(code, lang);
	case N_THEMES: return theme_name(code, lang);
	default: return language_name(code, lang);
	}
}

/* Appends the name of a reference list's row in lang, encoded already. */
static enum ws_err
add_row_name(struct buf *b, const struct ref_row *r, const char *lang)
{
	size_t len;
	const char *json = ref_row_json(r, lang, &len);

	return buf_add(b, json, len);
}

/* Appends ,"name_marks": and the marks of terms in a theme's name, from
 * memo when this answer wrote them already. */
static enum ws_err
add_theme_marks(struct buf *b, const char *name, const struct search_terms *terms,
    struct dir_marks_memo *memo, struct arena *a)
{
	size_t i, at;
	enum ws_err rc = add_key(b, "name_marks");

	for (i = 0; rc == WS_OK && i < memo->n; i++)
		if (memo->name[i] == name)
			return buf_add(b, memo->json[i], memo->len[i]);
	at = b->len;
	if (rc == WS_OK)
		rc = search_marks_write(name, terms, b);
	if (rc == WS_OK && memo->n < DIR_MARKS_MEMO) {
		memo->name[memo->n] = name;
		memo->json[memo->n] = arena_strndup(a, b->data + at, b->len - at);
		memo->len[memo->n++] = b->len - at;
	}
	return rc;
}

enum ws_err
dir_listed_write(const struct dir_listed *l, int level, const char *lang, struct views *v,
    const struct search_terms *terms, struct dir_marks_memo *memo, struct arena *a,
    struct buf *out)
{
	enum ws_err rc;
	size_t i;
	int k;

	if (level < 0)
		level = 0;
	if (level >= VIS__MAX)
		level = VIS__MAX - 1;
	/* Pieces start with a comma: the first one's opens the object. */
	rc = buf_addc(out, '{');
	if (rc == WS_OK && l->end[level] > 1)
		rc = buf_add(out, l->pieces + 1, l->end[level] - 1);
	for (k = 0; rc == WS_OK && k < N__MAX; k++) {
		const char *name;

		if (!l->codes[k] || l->need[k] > level)
			continue;
		if (!named_fields[k].list) {
			if (l->rows[k] && l->rows[k][0])
				rc = add_key(out, named_fields[k].key) == WS_OK ?
				    add_row_name(out, l->rows[k][0], lang) : WS_ETOOBIG;
			else if ((name = name_of(k, l->codes[k][0], lang, v)))
				rc = add_key(out, named_fields[k].key) == WS_OK ?
				    buf_json_str(out, name) : WS_ETOOBIG;
			continue;
		}
		rc = add_key(out, named_fields[k].key);
		if (rc == WS_OK)
			rc = buf_addc(out, '[');
		for (i = 0; rc == WS_OK && l->codes[k][i]; i++) {
			int row = l->rows[k] && l->rows[k][i];

			name = row ? NULL : name_of(k, l->codes[k][i], lang, v);
			rc = buf_adds(out, i ? ",{\"code\":" : "{\"code\":");
			if (rc == WS_OK)
				rc = buf_json_str(out, l->codes[k][i]);
			if (rc == WS_OK)
				rc = buf_adds(out, ",\"name\":");
			if (rc == WS_OK)
				rc = row ? add_row_name(out, l->rows[k][i], lang) :
				    buf_json_str(out, name);
			if (rc == WS_OK && terms && k == N_THEMES)
				rc = memo ? add_theme_marks(out, name, terms, memo, a) :
				    add_marks(out, "name_marks", name, terms);
			if (rc == WS_OK)
				rc = buf_addc(out, '}');
		}
		if (rc == WS_OK)
			rc = buf_addc(out, ']');
	}
	if (rc == WS_OK && terms) {
		rc = add_marks(out, "name_marks", l->name, terms);
		if (rc == WS_OK && l->acronym && l->acronym_need <= level)
			rc = add_marks(out, "acronym_marks", l->acronym, terms);
		if (rc == WS_OK && l->description && l->description_need <= level)
			rc = add_marks(out, "excerpt_marks", search_excerpt(a, l->description,
			    terms, 240), terms);
	}
	return rc == WS_OK ? buf_addc(out, '}') : rc;
}
