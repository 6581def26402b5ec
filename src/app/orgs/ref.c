/*
 * ref.c -- reference lists: kinds, sizes, ECOSOC status (code), themes
 * (database table, staff can edit), countries and languages (from iso-codes,
 * generated into src/views/data/ by tools/gen-iso-data).
 *
 * The lists are loaded once and then only read; orgs_ref_load() swaps in a
 * new theme list under a lock when staff change it (themes.c), and
 * orgs_ref_catch_up() when another node did.  The theme list holds retired
 * themes too ("active": false): their names stay on the records that have
 * them, but only active ones are offered or accepted as new values.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "views/assets.h"
#include "views/view.h"

const char *const org_kinds[] = {
	"ngo", "academia", "private_sector", "community_group", "labour_union", "indigenous",
	"charity", "faith_based", "professional_association", "foundation", "network", "other",
	NULL
};
const char *const org_kind_labels[] = {
	N_("NGO"), N_("Academic institution"), N_("Private sector"), N_("Community group"), N_("Labour union"),
	N_("Indigenous peoples' organization"), N_("Charitable organization"),
	N_("Faith-based organization"), N_("Professional association"), N_("Foundation"),
	N_("Network or umbrella organization"), N_("Other"), NULL
};
_Static_assert(sizeof org_kinds == sizeof org_kind_labels, "a label per kind");

const char *const org_sizes[] = { "1-10", "11-50", "51-250", "251-1000", "1000+", NULL };
const char *const org_ecosoc[] = { "none", "general", "special", "roster", NULL };
const char *const org_ecosoc_labels[] = {
	N_("No consultative status"), N_("General consultative status"),
	N_("Special consultative status"), N_("Roster"), NULL
};
_Static_assert(sizeof org_ecosoc == sizeof org_ecosoc_labels, "a label per status");

/* Countries and languages: [{code, en, fr}] arrays; themes: the same shape. */
static json_t *countries, *languages, *themes;
static json_t *retired;	/* earlier theme lists: names handed out stay valid */
static pthread_rwlock_t themes_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t rev_lock = PTHREAD_MUTEX_INITIALIZER;	/* guards the two below */
static int64_t themes_rev;	/* ST_THEME_REV when the list was read */
static int64_t rev_checked;	/* when orgs_ref_catch_up() last asked */

/*
 * The same lists as C tables for naming codes, which a directory answer
 * does for every item (a binary search of json_object_get()s cost about
 * 1,500 instructions a name).  Rows point into the JSON lists, which live
 * until orgs_ref_free(); a theme table replaced by a reload is kept, like
 * its list, so a name handed out stays valid.
 */
#define REF_LANGS 2	/* the interface's: en, fr */
struct ref_row {
	char key[8];		/* the code's first 8 bytes, NUL-padded: most
				 * codes whole, compared without leaving the
				 * table (its strings are all over the heap) */
	const char *code, *name[REF_LANGS];	/* name[0]: English, never NULL */
	char *json[REF_LANGS];		/* name[k] (or name[0]) as a JSON string */
	size_t len[REF_LANGS];
};
struct ref_table {
	struct ref_row *row;
	size_t n;
	int sorted;		/* by code: a bisection; else a scan */
	struct ref_table *older;	/* retired tables (themes) */
};
static struct ref_table t_countries, t_languages, *t_themes;	/* t_themes: under themes_lock */

/* The table of list, rows in its order. */
static void
table_of(json_t *list, int sorted, struct ref_table *t)
{
	static const char *const langs[REF_LANGS] = { "en", "fr" };
	json_t *row;
	size_t i;
	int k;

	t->row = xcalloc(json_array_size(list) + 1, sizeof *t->row);
	t->n = 0;
	t->sorted = sorted;
	json_array_foreach(list, i, row) {
		struct ref_row *r = &t->row[t->n];

		if (!(r->code = json_string_value(json_object_get(row, "code"))))
			continue;
		memcpy(r->key, r->code, strnlen(r->code, sizeof r->key));	/* row zeroed */
		for (k = 0; k < REF_LANGS; k++)
			r->name[k] = json_string_value(json_object_get(row, langs[k]));
		if (!r->name[0])
			r->name[0] = r->code;
		for (k = 0; k < REF_LANGS; k++) {
			struct buf b;

			buf_init(&b, 4096);
			if (buf_json_str(&b, r->name[k] ? r->name[k] : r->name[0]) != WS_OK)
				fatal("reference list: a name of %s is too long", r->code);
			r->len[k] = b.len;
			r->json[k] = buf_steal(&b);
		}
		t->n++;
	}
}

/* strcmp(r->code, code), from r->key when that tells. */
static int
row_cmp(const struct ref_row *r, const char *code)
{
	int c = strncmp(r->key, code, sizeof r->key);

	return c || !r->key[sizeof r->key - 1] ? c : strcmp(r->code, code);
}

static const struct ref_row *
table_row(const struct ref_table *t, const char *code)
{
	size_t lo = 0, hi = t ? t->n : 0, i;

	if (!code)
		return NULL;
	if (t && !t->sorted) {
		for (i = 0; i < t->n; i++)
			if (row_cmp(&t->row[i], code) == 0)
				return &t->row[i];
		return NULL;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = row_cmp(&t->row[mid], code);

		if (c == 0)
			return &t->row[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The row of its index for lang: 1 for French, else 0 (English). */
static int
lang_index(const char *lang)
{
	return lang && lang[0] == 'f' && lang[1] == 'r' && !lang[2];
}

static void
table_free(struct ref_table *t)
{
	size_t i;
	int k;

	for (i = 0; i < t->n; i++)
		for (k = 0; k < REF_LANGS; k++)
			free(t->row[i].json[k]);
	free(t->row);
}

const struct ref_row *country_row(const char *code) { return table_row(&t_countries, code); }
const struct ref_row *language_row(const char *code) { return table_row(&t_languages, code); }

const char *
ref_row_json(const struct ref_row *r, const char *lang, size_t *len)
{
	int k = lang_index(lang);

	*len = r->len[k];
	return r->json[k];
}

/* code's name in lang from t; code itself when t has no such row. */
static const char *
table_name(const struct ref_table *t, const char *code, const char *lang)
{
	const struct ref_row *r = table_row(t, code);
	int k = lang_index(lang);

	if (!r)
		return code;
	return r->name[k] ? r->name[k] : r->name[0];
}

static json_t *
load_asset_json(const char *name)
{
	const struct asset *a = asset_find(name);
	json_error_t err;
	json_t *v;

	if (!a)
		fatal("missing %s", name);
	v = json_loadb(a->data, a->len, 0, &err);
	if (!json_is_array(v))
		fatal("%s: %s", name, err.text);
	return v;
}

enum ws_err
orgs_ref_load(struct db *d)
{
	struct db_q *q;
	json_t *list = json_array(), *old;
	struct ref_table *t;
	int64_t rev = 0;
	enum ws_err rc;

	if (!countries) {
		countries = load_asset_json("data/countries.json");
		languages = load_asset_json("data/languages.json");
		table_of(countries, 1, &t_countries);
		table_of(languages, 1, &t_languages);
	}
	/* The revision first: a write between the two reads makes the next
	 * catch-up read the list again, never miss it. */
	q = db_start(d, ST_THEME_REV);
	rc = db_step(q);
	if (rc == WS_OK)
		rev = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK) {
		json_decref(list);
		return rc == WS_EDONE ? WS_EDB : rc;
	}
	q = db_start(d, ST_THEME_LIST);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s?,s:b}", "code",
		    db_col_text(q, THEME_LIST_C_CODE), "en", db_col_text(q, THEME_LIST_C_NAME_EN),
		    "fr", db_col_text(q, THEME_LIST_C_NAME_FR),
		    "active", db_col_int(q, THEME_LIST_C_ACTIVE) != 0));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(list);
		return rc;
	}
	pthread_mutex_lock(&rev_lock);
	themes_rev = rev;
	pthread_mutex_unlock(&rev_lock);
	t = xcalloc(1, sizeof *t);
	table_of(list, 0, t);
	pthread_rwlock_wrlock(&themes_lock);
	old = themes;
	themes = list;
	t->older = t_themes;
	t_themes = t;
	pthread_rwlock_unlock(&themes_lock);
	if (old) {
		if (!retired)
			retired = json_array();
		json_array_append_new(retired, old);
	}
	return WS_OK;
}

int
orgs_ref_catch_up(struct db *d)
{
	struct db_q *q;
	int64_t now = now_s(), rev = -1, have;

	pthread_mutex_lock(&rev_lock);
	if (now == rev_checked) {
		pthread_mutex_unlock(&rev_lock);
		return 0;
	}
	rev_checked = now;
	have = themes_rev;
	pthread_mutex_unlock(&rev_lock);
	q = db_start(d, ST_THEME_REV);
	if (db_step(q) == WS_OK)
		rev = db_col_int(q, 0);
	db_end(q);
	if (rev < 0 || rev == have)
		return 0;
	if (orgs_ref_load(d) != WS_OK) {
		log_error("themes: cannot read the list another node changed");
		return 0;
	}
	return 1;
}

void
orgs_ref_free(void)
{
	while (t_themes) {
		struct ref_table *older = t_themes->older;

		table_free(t_themes);
		free(t_themes);
		t_themes = older;
	}
	table_free(&t_countries);
	table_free(&t_languages);
	memset(&t_countries, 0, sizeof t_countries);
	memset(&t_languages, 0, sizeof t_languages);
	json_decref(countries);
	json_decref(languages);
	json_decref(themes);
	json_decref(retired);
	countries = languages = themes = retired = NULL;
}

/* A sort key for s: ASCII lower case, Latin letters with accents as their
 * base letter, other bytes kept. */
static void
fold_key(const char *s, char *out, size_t len)
{
	static const char *const from[] = {
		"à", "á", "â", "ã", "ä", "å", "ç", "è", "é", "ê", "ë", "ì", "í", "î", "ï",
		"ñ", "ò", "ó", "ô", "õ", "ö", "ø", "ù", "ú", "û", "ü", "ý", "ÿ", "Å", "Ç",
		"É", "Î", "Ö", "Ü", "œ", "Œ", "ß", NULL
	};
	static const char to[] = "aaaaaaceeeeiiiinoooooouuuuyyaceiouoos";
	_Static_assert(sizeof from / sizeof from[0] - 1 == sizeof to - 1, "a letter each");
	size_t k = 0;

	while (s && *s && k + 1 < len) {
		size_t i, n = 0;

		for (i = 0; from[i]; i++) {
			n = strlen(from[i]);
			if (strncmp(s, from[i], n) == 0)
				break;
		}
		if (from[i]) {
			out[k++] = to[i];
			s += n;
		} else {
			out[k++] = (char)tolower((unsigned char)*s++);
		}
	}
	out[k] = '\0';
}

/* The row of the theme list whose code is code, or NULL. */
static json_t *
row_of(json_t *list, const char *code)
{
	size_t i;

	for (i = 0; code && i < json_array_size(list); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(list, i), "code")),
		    code) == 0)
			return json_array_get(list, i);
	return NULL;
}

int country_valid(const char *code) { return table_row(&t_countries, code) != NULL; }
int language_valid(const char *code) { return table_row(&t_languages, code) != NULL; }

/* 1: an active theme, 0: a retired one, -1: no such theme. */
static int
theme_state(const char *code)
{
	json_t *row;
	int st;

	pthread_rwlock_rdlock(&themes_lock);
	row = row_of(themes, code);
	st = !row ? -1 : json_is_true(json_object_get(row, "active"));
	pthread_rwlock_unlock(&themes_lock);
	return st;
}

int theme_valid(const char *code) { return theme_state(code) == 1; }
int theme_known(const char *code) { return theme_state(code) >= 0; }

const char *
theme_retired_added(json_t *now, json_t *before)
{
	size_t i, j;
	json_t *v, *b;

	json_array_foreach(now, i, v) {
		const char *code = json_string_value(v);
		int had = 0;

		if (!code || theme_state(code) != 0)
			continue;
		json_array_foreach(before, j, b)
			if (json_is_string(b) && strcmp(json_string_value(b), code) == 0)
				had = 1;
		if (!had)
			return code;
	}
	return NULL;
}

int
kind_valid(const char *code)
{
	const char *const *k;

	for (k = org_kinds; *k; k++)
		if (strcmp(*k, code) == 0)
			return 1;
	return 0;
}

static const char *
name_in(json_t *row, const char *code, const char *lang)
{
	const char *s;

	if (!row)
		return code;
	s = json_string_value(json_object_get(row, lang ? lang : "en"));
	return s ? s : json_string_value(json_object_get(row, "en"));
}

const char *country_name(const char *code, const char *lang)
{ return table_name(&t_countries, code, lang); }
const char *language_name(const char *code, const char *lang)
{ return table_name(&t_languages, code, lang); }

const char *
theme_name(const char *code, const char *lang)
{
	const char *s;

	/* Lists replaced by a reload are retired, not freed, so the name
	 * returned stays valid. */
	pthread_rwlock_rdlock(&themes_lock);
	s = table_name(t_themes, code, lang);
	pthread_rwlock_unlock(&themes_lock);
	return s;
}

const char *
kind_name(const char *code)
{
	size_t i;

	for (i = 0; org_kinds[i]; i++)
		if (strcmp(org_kinds[i], code) == 0)
			return org_kind_labels[i];
	return code;
}

static int
is_selected(json_t *selected, const char *code)
{
	size_t i;
	json_t *v;

	if (json_is_string(selected))
		return strcmp(json_string_value(selected), code) == 0;
	json_array_foreach(selected, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), code) == 0)
			return 1;
	return 0;
}

/* Orders options by label as a reader expects: case and accents aside
 * ("Åland" with the A's, "Côte d'Ivoire" with the C's). */
static int
label_cmp(const void *pa, const void *pb)
{
	const char *a = json_string_value(json_object_get(*(json_t *const *)pa, "label"));
	const char *b = json_string_value(json_object_get(*(json_t *const *)pb, "label"));
	char ka[128], kb[128];

	fold_key(a, ka, sizeof ka);
	fold_key(b, kb, sizeof kb);
	return strcmp(ka, kb);
}

/* The options of list, selected ones marked; a row that is not active
 * (a retired theme) only when selected, so a record keeps what it has. */
static json_t *
options_of(json_t *list, const char *lang, json_t *selected)
{
	json_t *out = json_array(), *row;
	json_t **v = xcalloc(json_array_size(list) + 1, sizeof *v);
	size_t i, n = 0;

	json_array_foreach(list, i, row) {
		const char *code = json_string_value(json_object_get(row, "code"));

		if (json_is_false(json_object_get(row, "active")) && !is_selected(selected, code))
			continue;

		v[n++] = json_pack("{s:s,s:s,s:b}", "value", code, "label",
		    name_in(row, code, lang), "selected", is_selected(selected, code));
	}
	qsort(v, n, sizeof *v, label_cmp);
	for (i = 0; i < n; i++)
		json_array_append_new(out, v[i]);
	free(v);
	return out;
}

json_t *country_options(const char *lang, json_t *sel) { return options_of(countries, lang, sel); }
json_t *language_options(const char *lang, json_t *sel) { return options_of(languages, lang, sel); }

json_t *
theme_options(const char *lang, json_t *sel)
{
	json_t *out;

	pthread_rwlock_rdlock(&themes_lock);
	out = options_of(themes, lang, sel);
	pthread_rwlock_unlock(&themes_lock);
	return out;
}

json_t *
choice_options(const char *const *codes, const char *const *labels, struct views *v,
    const char *lang, json_t *sel)
{
	json_t *out = json_array();
	size_t i;

	for (i = 0; codes[i]; i++)
		json_array_append_new(out, json_pack("{s:s,s:s,s:b}", "value", codes[i], "label",
		    labels ? view_tr(v, lang, labels[i]) : codes[i], "selected",
		    is_selected(sel, codes[i])));
	return out;
}

json_t *
named_list(json_t *codes, const char *(*name)(const char *, const char *), const char *lang)
{
	json_t *out = json_array(), *c;
	size_t i;

	json_array_foreach(codes, i, c)
		if (json_is_string(c))
			json_array_append_new(out, json_pack("{s:s,s:s}", "code",
			    json_string_value(c), "name", name(json_string_value(c), lang)));
	return out;
}
