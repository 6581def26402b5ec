/*
 * index.c -- bitsets per facet value over a dense array of documents; see
 * index.h.
 *
 * Documents live in slots 0..n-1; a replaced document keeps its slot, a
 * removed one leaves it dead (its bits cleared), so slots never move and
 * bitsets never shift.
 * Sorting walks a precomputed order of slots (by name, by date, by
 * number then date), rebuilt
 * after writes on the next query, and stops once the page is full.
 *
 * The vocabulary: every word of the search columns gets a number on first
 * sight (a hash table), and per column (enum dir_text) a posting: the
 * sorted slots that have it, turned into a bitset once that is smaller.
 * Word numbers are kept sorted by their text, but for the last few hundred
 * new words (the tail), merged in when the tail is full: a prefix is a
 * binary search of the sorted part and a scan of the tail.  Words are never
 * dropped (a word no document has any more has an empty posting).  Each
 * slot remembers the words it put into a sorted list, so a replaced or
 * removed document takes its slot out of them; the bitsets are cleared
 * like the facets'.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/directory/index.h"
#include "app/directory/listed.h"
#include "core/mem.h"

/* The documents having one word in one column. */
struct post {
	uint32_t *s;		/* sorted slots, or NULL with bits */
	uint64_t *bits;		/* a bit per slot, once frequent (then s is NULL) */
	uint32_t n, cap;	/* slots in s, room for them */
};

#define VOCAB_TAIL 512	/* new words kept unsorted before a merge */

struct facet {
	char *values[DIR_MAX_VALUES];
	uint64_t *bits[DIR_MAX_VALUES];
	size_t n;
	uint16_t slot[2 * DIR_MAX_VALUES];	/* text -> value + 1; 0: empty */
};

struct dir_index {
	pthread_rwlock_t lock;
	size_t n, cap;			/* slots used, slots allocated */
	int64_t *ids;
	char **names;			/* case-folded sort keys */
	int64_t *created;
	int64_t *number;		/* DIR_SORT_NUMBER's key */
	uint64_t *sig;
	void **listed;			/* what a list item shows; a reference each */
	void *(*ref)(void *);		/* the items' reference counting */
	void (*unref)(void *);
	uint64_t *alive;
	uint64_t *alt;			/* documents with alt_text */
	struct facet f[DF__MAX];
	/* hidden[f][l]: documents whose values of facet f level l may not see
	 * (need > l); the last level sees all and has none */
	uint64_t *hidden[DF__MAX][DIR_LEVELS - 1];
	/* id -> slot, open addressing; 0 marks an empty cell (ids are > 0) */
	int64_t *hkeys;
	size_t *hslots;
	size_t hcap;
	size_t *by_name, *by_date, *by_number;	/* slot orders, valid when !dirty */
	int dirty;
	uint64_t gen;			/* bumped by every change */
	/* the vocabulary (see the top of this file) */
	char **words;			/* word number -> folded word */
	size_t nwords, wcap;
	struct post *post[DT__MAX];	/* per column, per word number */
	uint32_t *worder;		/* word numbers by text: nsorted, then the tail */
	uint32_t *wide;			/* the words with a byte >= 0x80 (substrings) */
	size_t nwide, widecap;
	size_t nsorted;
	uint32_t *wh;			/* text -> word number + 1; 0: an empty cell */
	size_t whcap;
	uint32_t *bitw;			/* postings that are bitsets: column << 28 | word */
	size_t nbitw, bitwcap;
	uint32_t **dw;			/* per slot: the sorted postings it is in, as in bitw */
	uint32_t *ndw;
	/* per slot: its facet values as entries (FV_*), for counting a few
	 * documents by their values rather than every value by its bitset:
	 * a cache line a slot (struct fvline), in slot order, so counting
	 * reads memory in order and one line a document; a document with
	 * more than FV_INLINE has them in fv[s] instead: DF__MAX + 1 offsets,
	 * then the entries */
	struct fvline *fvl;
	uint16_t **fv;
	/* one[f][s]: slot s's one entry of facet f, or FV_NONE, or FV_MANY
	 * (then its line has them): counting one facet of many documents reads
	 * two bytes a document (the array of 100,000 slots stays in the
	 * cache) rather than a line */
	uint16_t *one[DF__MAX];
	size_t nent[DF__MAX];		/* entries of living documents, per facet */
	/* tot[l][f][v]: the living documents with value v of facet f that
	 * level l may see: the counts of a question with no filter, and what
	 * a large set's counts are taken from (count_set()) */
	uint32_t tot[DIR_LEVELS][DF__MAX][DIR_MAX_VALUES];
	uint32_t *rank_name, *rank_date, *rank_number;	/* slot -> place in by_name, ... */
	enum dir_plan plan;		/* tests force one way of counting and paging */
};

/* A facet value entry: facet, the level that sees it, value number. */
#define FV(f, need, v) ((uint16_t)((unsigned)(f) << 11 | (unsigned)(need) << 9 | (unsigned)(v)))
#define FV_F(e) ((e) >> 11)
#define FV_NEED(e) (((e) >> 9) & 3)
#define FV_V(e) ((e) & 511)
_Static_assert(DF__MAX <= 32 && DIR_LEVELS <= 4 && DIR_MAX_VALUES <= 512, "entries fit 16 bits");

#define WORDS(n) (((n) + 63) / 64)
#define FV_INLINE 27	/* entries a slot keeps in its line */
#define FV_NONE 0xFFFF	/* one[f][s]: no value */
#define FV_MANY 0xFFFE	/* one[f][s]: more than one */

/* A slot's facet entries: facet f's are e[off[f]] .. e[off[f + 1] - 1]; with
 * big, they are in fv[s]. */
struct fvline {
	uint8_t off[DF__MAX + 1];
	uint8_t big;
	uint16_t e[FV_INLINE];
};
_Static_assert(sizeof(struct fvline) == 64, "a cache line a slot");

/* qsort has no context argument: these, under sort_mu. */
static const struct dir_index *sort_x;
static char *const *sort_words;
static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;

static void *
listed_ref(void *l)
{
	return dir_listed_ref(l);
}

static void
listed_unref(void *l)
{
	dir_listed_unref(l);
}

struct dir_index *
dir_index_new(void)
{
	return dir_index_new_items(listed_ref, listed_unref);
}

struct dir_index *
dir_index_new_items(void *(*ref)(void *), void (*unref)(void *))
{
	struct dir_index *x = xcalloc(1, sizeof *x);

	x->ref = ref;
	x->unref = unref;
	pthread_rwlock_init(&x->lock, NULL);
	x->hcap = 1024;
	x->hkeys = xcalloc(x->hcap, sizeof *x->hkeys);
	x->hslots = xcalloc(x->hcap, sizeof *x->hslots);
	return x;
}

void
dir_index_free(struct dir_index *x)
{
	size_t i, v;
	int f;

	if (!x)
		return;
	for (i = 0; i < x->n; i++) {
		free(x->names[i]);
		x->unref(x->listed[i]);
		free(x->dw[i]);
		free(x->fv[i]);
	}
	for (i = 0; i < x->nwords; i++) {
		free(x->words[i]);
		for (f = 0; f < DT__MAX; f++) {
			free(x->post[f][i].s);
			free(x->post[f][i].bits);
		}
	}
	for (f = 0; f < DT__MAX; f++)
		free(x->post[f]);
	free(x->words);
	free(x->worder);
	free(x->wide);
	free(x->wh);
	free(x->bitw);
	free(x->dw);
	free(x->ndw);
	free(x->fv);
	free(x->fvl);
	for (f = 0; f < DF__MAX; f++)
		free(x->one[f]);
	free(x->rank_name);
	free(x->rank_date);
	free(x->rank_number);
	for (f = 0; f < DF__MAX; f++)
		for (v = 0; v < x->f[f].n; v++) {
			free(x->f[f].values[v]);
			free(x->f[f].bits[v]);
		}
	free(x->ids);
	free(x->names);
	free(x->created);
	free(x->number);
	free(x->sig);
	free(x->listed);
	free(x->alive);
	free(x->alt);
	for (f = 0; f < DF__MAX; f++)
		for (v = 0; v < DIR_LEVELS - 1; v++)
			free(x->hidden[f][v]);
	free(x->hkeys);
	free(x->hslots);
	free(x->by_name);
	free(x->by_date);
	free(x->by_number);
	pthread_rwlock_destroy(&x->lock);
	free(x);
}

static size_t
hash_id(int64_t id, size_t cap)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 20) & (cap - 1);
}

/* The cell for id: where it is, or the empty cell where it would go. */
static size_t
cell_of(const struct dir_index *x, int64_t id)
{
	size_t i = hash_id(id, x->hcap);

	while (x->hkeys[i] && x->hkeys[i] != id)
		i = (i + 1) & (x->hcap - 1);
	return i;
}

static void
map_grow(struct dir_index *x)
{
	int64_t *ok = x->hkeys;
	size_t *os = x->hslots, ocap = x->hcap, i;

	x->hcap *= 2;
	x->hkeys = xcalloc(x->hcap, sizeof *x->hkeys);
	x->hslots = xcalloc(x->hcap, sizeof *x->hslots);
	for (i = 0; i < ocap; i++)
		if (ok[i]) {
			size_t c = cell_of(x, ok[i]);

			x->hkeys[c] = ok[i];
			x->hslots[c] = os[i];
		}
	free(ok);
	free(os);
}

/* Makes room for one more slot in every array and bitset. */
static void
slots_grow(struct dir_index *x)
{
	size_t ncap = x->cap ? x->cap * 2 : 1024, ow = WORDS(x->cap), nw = WORDS(ncap), v;
	int f;

	x->ids = xrealloc(x->ids, ncap * sizeof *x->ids);
	x->names = xrealloc(x->names, ncap * sizeof *x->names);
	x->created = xrealloc(x->created, ncap * sizeof *x->created);
	x->number = xrealloc(x->number, ncap * sizeof *x->number);
	x->sig = xrealloc(x->sig, ncap * sizeof *x->sig);
	x->listed = xrealloc(x->listed, ncap * sizeof *x->listed);
	x->dw = xrealloc(x->dw, ncap * sizeof *x->dw);
	x->ndw = xrealloc(x->ndw, ncap * sizeof *x->ndw);
	x->fv = xrealloc(x->fv, ncap * sizeof *x->fv);
	for (f = 0; f < DF__MAX; f++)
		x->one[f] = xrealloc(x->one[f], ncap * sizeof *x->one[f]);
	{	/* lines on cache line boundaries */
		struct fvline *l = NULL;

		if (posix_memalign((void **)&l, sizeof *l, ncap * sizeof *l) != 0 || !l)
			abort();
		if (x->cap)
			memcpy(l, x->fvl, x->cap * sizeof *l);
		free(x->fvl);
		x->fvl = l;
	}
	for (v = 0; v < x->nbitw; v++) {
		struct post *p = &x->post[x->bitw[v] >> 28][x->bitw[v] & 0xFFFFFFF];

		p->bits = xrealloc(p->bits, nw * sizeof(uint64_t));
		memset(p->bits + ow, 0, (nw - ow) * sizeof(uint64_t));
	}
	x->alive = xrealloc(x->alive, nw * sizeof *x->alive);
	memset(x->alive + ow, 0, (nw - ow) * sizeof *x->alive);
	x->alt = xrealloc(x->alt, nw * sizeof *x->alt);
	memset(x->alt + ow, 0, (nw - ow) * sizeof *x->alt);
	for (f = 0; f < DF__MAX; f++)
		for (v = 0; v < DIR_LEVELS - 1; v++) {
			x->hidden[f][v] = xrealloc(x->hidden[f][v], nw * sizeof(uint64_t));
			memset(x->hidden[f][v] + ow, 0, (nw - ow) * sizeof(uint64_t));
		}
	for (f = 0; f < DF__MAX; f++)
		for (v = 0; v < x->f[f].n; v++) {
			x->f[f].bits[v] = xrealloc(x->f[f].bits[v], nw * sizeof(uint64_t));
			memset(x->f[f].bits[v] + ow, 0, (nw - ow) * sizeof(uint64_t));
		}
	x->cap = ncap;
}

static size_t hash_word(const char *w, size_t len, size_t cap);

/* The number of value s in facet f; -1 when unknown and not to be added. */
static long
value_of(struct dir_index *x, int f, const char *s, int add)
{
	struct facet *fc = &x->f[f];
	size_t h = hash_word(s, strlen(s), 2 * DIR_MAX_VALUES);

	for (; fc->slot[h]; h = (h + 1) & (2 * DIR_MAX_VALUES - 1))
		if (strcmp(fc->values[fc->slot[h] - 1], s) == 0)
			return (long)fc->slot[h] - 1;
	if (!add || fc->n >= DIR_MAX_VALUES)
		return -1;
	fc->slot[h] = (uint16_t)(fc->n + 1);
	fc->values[fc->n] = xstrdup(s);
	fc->bits[fc->n] = xcalloc(WORDS(x->cap) ? WORDS(x->cap) : 1, sizeof(uint64_t));
	return (long)fc->n++;
}

/* ---- the vocabulary ----------------------------------------------------- */

static size_t
hash_word(const char *w, size_t len, size_t cap)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 0x100000001b3ULL;
	return (size_t)(h ^ h >> 29) & (cap - 1);
}

/* The hash cell of word w (len bytes): where it is, or where it would go. */
static size_t
word_cell(const struct dir_index *x, const char *w, size_t len)
{
	size_t i = hash_word(w, len, x->whcap);

	while (x->wh[i] && !(strncmp(x->words[x->wh[i] - 1], w, len) == 0 &&
	    x->words[x->wh[i] - 1][len] == '\0'))
		i = (i + 1) & (x->whcap - 1);
	return i;
}

static int
word_cmp(const void *a, const void *b)
{
	return strcmp(sort_words[*(const uint32_t *)a], sort_words[*(const uint32_t *)b]);
}

/* Sorts the tail of worder into the sorted part.  Holds the write lock. */
static void
vocab_merge(struct dir_index *x)
{
	size_t nt = x->nwords - x->nsorted, i = 0, j = x->nsorted, k = 0;
	uint32_t *m;

	if (!nt)
		return;
	pthread_mutex_lock(&sort_mu);
	sort_words = x->words;
	qsort(x->worder + x->nsorted, nt, sizeof *x->worder, word_cmp);
	pthread_mutex_unlock(&sort_mu);
	m = xmalloc(x->wcap * sizeof *m);
	while (i < x->nsorted || j < x->nwords) {
		if (j == x->nwords || (i < x->nsorted &&
		    strcmp(x->words[x->worder[i]], x->words[x->worder[j]]) < 0))
			m[k++] = x->worder[i++];
		else
			m[k++] = x->worder[j++];
	}
	free(x->worder);
	x->worder = m;
	x->nsorted = x->nwords;
}

/* The number of word w (len bytes), added if new. */
static uint32_t
word_of(struct dir_index *x, const char *w, size_t len)
{
	size_t c, i, t;

	if (x->nwords + 1 > x->whcap / 2) {	/* grow the table */
		uint32_t *old = x->wh;
		size_t ocap = x->whcap;

		x->whcap = ocap ? 2 * ocap : 4096;
		x->wh = xcalloc(x->whcap, sizeof *x->wh);
		for (i = 0; i < ocap; i++)
			if (old[i]) {
				const char *s = x->words[old[i] - 1];

				x->wh[word_cell(x, s, strlen(s))] = old[i];
			}
		free(old);
	}
	c = word_cell(x, w, len);
	if (x->wh[c])
		return x->wh[c] - 1;
	if (x->nwords == x->wcap) {
		x->wcap = x->wcap ? 2 * x->wcap : 4096;
		x->words = xrealloc(x->words, x->wcap * sizeof *x->words);
		x->worder = xrealloc(x->worder, x->wcap * sizeof *x->worder);
		for (t = 0; t < DT__MAX; t++) {
			x->post[t] = xrealloc(x->post[t], x->wcap * sizeof *x->post[t]);
			memset(x->post[t] + x->nwords, 0, (x->wcap - x->nwords) *
			    sizeof *x->post[t]);
		}
	}
	x->words[x->nwords] = xstrndup(w, len);
	x->worder[x->nwords] = (uint32_t)x->nwords;
	for (i = 0; i < len && !((unsigned char)w[i] & 0x80); i++)
		;
	if (i < len) {	/* a word a substring search may find */
		if (x->nwide == x->widecap)
			x->wide = xrealloc(x->wide, (x->widecap = x->widecap ? 2 * x->widecap :
			    256) * sizeof *x->wide);
		x->wide[x->nwide++] = (uint32_t)x->nwords;
	}
	x->wh[c] = (uint32_t)++x->nwords;
	if (x->nwords - x->nsorted >= VOCAB_TAIL)
		vocab_merge(x);
	return (uint32_t)(x->nwords - 1);
}

/* The first place in p->s not below slot s. */
static size_t
post_find(const struct post *p, uint32_t s)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->s[mid] < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Adds slot s to the posting of word wid in column t; 1 when it went into a
 * sorted list (the slot must take it out again), 0 for a bitset or when it
 * was there already.  A list that would be larger than a bitset over every
 * slot becomes one. */
static int
post_add(struct dir_index *x, int t, uint32_t wid, uint32_t s)
{
	struct post *p = &x->post[t][wid];
	size_t at, i, nw = WORDS(x->cap);

	if (p->bits) {
		p->bits[s / 64] |= 1ULL << (s % 64);
		return 0;
	}
	at = post_find(p, s);
	if (at < p->n && p->s[at] == s)
		return 0;
	if (p->n >= 64 && (p->n + 1) * sizeof *p->s > nw * sizeof *p->bits) {
		p->bits = xcalloc(nw, sizeof *p->bits);
		for (i = 0; i < p->n; i++)
			p->bits[p->s[i] / 64] |= 1ULL << (p->s[i] % 64);
		p->bits[s / 64] |= 1ULL << (s % 64);
		free(p->s);
		p->s = NULL;
		p->n = p->cap = 0;
		if (x->nbitw == x->bitwcap)
			x->bitw = xrealloc(x->bitw, (x->bitwcap = x->bitwcap ? 2 * x->bitwcap :
			    64) * sizeof *x->bitw);
		x->bitw[x->nbitw++] = (uint32_t)t << 28 | wid;
		return 0;
	}
	if (p->n == p->cap)
		p->s = xrealloc(p->s, (p->cap = p->cap ? 2 * p->cap : 2) * sizeof *p->s);
	memmove(p->s + at + 1, p->s + at, (p->n - at) * sizeof *p->s);
	p->s[at] = s;
	p->n++;
	return 1;
}

/* Puts the words of each column of d into the vocabulary for slot s. */
static void
vocab_put(struct dir_index *x, const struct dir_doc *d, size_t s)
{
	uint32_t *dw = NULL;
	size_t ndw = 0, cap = 0;
	int t;

	for (t = 0; t < DT__MAX; t++) {
		const char *p = d->text[t], *e;

		for (; p && *p; p = *e ? e + 1 : e) {
			uint32_t wid;

			e = strchr(p, ' ');
			if (!e)
				e = p + strlen(p);
			if (e == p)
				continue;
			wid = word_of(x, p, (size_t)(e - p));
			if (!post_add(x, t, wid, (uint32_t)s))
				continue;
			if (ndw == cap)
				dw = xrealloc(dw, (cap = cap ? 2 * cap : 16) * sizeof *dw);
			dw[ndw++] = (uint32_t)t << 28 | wid;
		}
	}
	x->dw[s] = ndw ? xrealloc(dw, ndw * sizeof *dw) : NULL;
	if (!ndw)
		free(dw);
	x->ndw[s] = (uint32_t)ndw;
}

/* Takes slot s out of every posting. */
static void
vocab_kill(struct dir_index *x, size_t s)
{
	size_t i;

	for (i = 0; i < x->nbitw; i++)
		x->post[x->bitw[i] >> 28][x->bitw[i] & 0xFFFFFFF].bits[s / 64] &=
		    ~(1ULL << (s % 64));
	for (i = 0; i < x->ndw[s]; i++) {
		struct post *p = &x->post[x->dw[s][i] >> 28][x->dw[s][i] & 0xFFFFFFF];
		size_t at;

		if (p->bits)
			continue;	/* a bitset since: cleared above */
		at = post_find(p, (uint32_t)s);
		if (at < p->n && p->s[at] == s) {
			memmove(p->s + at, p->s + at + 1, (p->n - at - 1) * sizeof *p->s);
			p->n--;
		}
	}
	free(x->dw[s]);
	x->dw[s] = NULL;
	x->ndw[s] = 0;
}

/* ORs into m[t] (for each column t with m[t] set) the postings of word
 * wid.  Holds the read lock. */
static void
post_or(const struct dir_index *x, uint32_t wid, uint64_t *m[DT__MAX])
{
	size_t i;
	int t;

	for (t = 0; t < DT__MAX; t++) {
		const struct post *p = &x->post[t][wid];

		if (!m[t])
			continue;
		if (p->bits)
			for (i = 0; i < WORDS(x->n); i++)
				m[t][i] |= p->bits[i];
		else
			for (i = 0; i < p->n; i++)
				m[t][p->s[i] / 64] |= 1ULL << (p->s[i] % 64);
	}
}

/* ORs into m[t] (for each column t with m[t] set) the postings of every
 * word starting with prefix w, or with substr, of every word with a byte
 * >= 0x80 that has w in it.  Holds the read lock. */
static void
vocab_or(const struct dir_index *x, const char *w, int substr, uint64_t *m[DT__MAX])
{
	size_t len = strlen(w), lo = 0, hi = x->nsorted, k;

	if (substr) {
		for (k = 0; k < x->nwide; k++)
			if (strstr(x->words[x->wide[k]], w))
				post_or(x, x->wide[k], m);
		return;
	}
	while (lo < hi) {	/* the first word not below w */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(x->words[x->worder[mid]], w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < x->nwords; k++) {
		uint32_t wid = x->worder[k];

		if (strncmp(x->words[wid], w, len) != 0) {
			if (k < x->nsorted)	/* past the range: on to the tail */
				k = x->nsorted - 1;
			continue;
		}
		post_or(x, wid, m);
	}
}

static void
kill_slot(struct dir_index *x, size_t s)
{
	const uint16_t *e;
	size_t v, l, n;
	int f;

	x->alive[s / 64] &= ~(1ULL << (s % 64));
	x->alt[s / 64] &= ~(1ULL << (s % 64));
	x->unref(x->listed[s]);	/* answers holding it keep theirs */
	x->listed[s] = NULL;
	vocab_kill(x, s);
	e = x->fvl[s].big ? x->fv[s] + DF__MAX + 1 : x->fvl[s].e;
	n = x->fvl[s].big ? x->fv[s][DF__MAX] : x->fvl[s].off[DF__MAX];
	for (v = 0; v < n; v++) {
		x->nent[FV_F(e[v])]--;
		for (l = FV_NEED(e[v]); l < DIR_LEVELS; l++)
			x->tot[l][FV_F(e[v])][FV_V(e[v])]--;
	}
	free(x->fv[s]);
	x->fv[s] = NULL;
	memset(&x->fvl[s], 0, sizeof x->fvl[s]);
	for (f = 0; f < DF__MAX; f++)
		x->one[f][s] = FV_NONE;
	for (f = 0; f < DF__MAX; f++) {
		for (v = 0; v < x->f[f].n; v++)
			x->f[f].bits[v][s / 64] &= ~(1ULL << (s % 64));
		for (v = 0; v < DIR_LEVELS - 1; v++)
			x->hidden[f][v][s / 64] &= ~(1ULL << (s % 64));
	}
}

static char *
fold(const char *s)
{
	char *k = xstrdup(s ? s : ""), *p;

	for (p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

enum ws_err
dir_index_put(struct dir_index *x, const struct dir_doc *d)
{
	uint16_t ent[DF__MAX * DIR_MAX_PER_DOC], off[DF__MAX + 1];
	size_t c, s, k, n = 0, l;
	long v;
	int f;
	enum ws_err rc = WS_OK;

	if (d->id <= 0)
		return WS_EINVAL;
	pthread_rwlock_wrlock(&x->lock);
	/* Refuse before changing anything if a facet would overflow. */
	for (f = 0; f < DF__MAX; f++) {
		size_t fresh = 0;

		for (k = 0; k < DIR_MAX_PER_DOC && d->values[f][k]; k++)
			if (value_of(x, f, d->values[f][k], 0) < 0)
				fresh++;
		if (x->f[f].n + fresh > DIR_MAX_VALUES) {
			rc = WS_ETOOBIG;
			goto out;
		}
	}
	c = cell_of(x, d->id);
	if (x->hkeys[c] && d->sig && x->sig[x->hslots[c]] == d->sig &&
	    (x->alive[x->hslots[c] / 64] & (1ULL << (x->hslots[c] % 64))))
		goto out;	/* seen as it is: keep the sort orders */
	if (x->hkeys[c]) {	/* a replacement takes the document's own slot */
		char *name = fold(d->name);

		s = x->hslots[c];
		/* The sort orders hold while its name and date do. */
		if (strcmp(name, x->names[s]) != 0 || x->created[s] != d->created_at ||
		    x->number[s] != d->number ||
		    !(x->alive[s / 64] & (1ULL << (s % 64))))
			x->dirty = 1;
		free(name);
		kill_slot(x, s);
		free(x->names[s]);
	} else {
		x->dirty = 1;
		if (x->n + 1 > x->hcap / 2) {
			map_grow(x);
			c = cell_of(x, d->id);
		}
		if (x->n == x->cap)
			slots_grow(x);
		s = x->n++;
		x->dw[s] = NULL;
		x->ndw[s] = 0;
		x->fv[s] = NULL;
		memset(&x->fvl[s], 0, sizeof x->fvl[s]);
	}
	x->ids[s] = d->id;
	x->names[s] = fold(d->name);
	x->created[s] = d->created_at;
	x->number[s] = d->number;
	x->sig[s] = d->sig;
	x->listed[s] = x->ref(d->listed);
	x->alive[s / 64] |= 1ULL << (s % 64);
	vocab_put(x, d, s);
	if (d->alt_text)
		x->alt[s / 64] |= 1ULL << (s % 64);
	for (f = 0; f < DF__MAX; f++) {
		unsigned need = d->need[f] < DIR_LEVELS - 1 ? d->need[f] : DIR_LEVELS - 1;

		off[f] = (uint16_t)n;
		for (k = 0; k < DIR_MAX_PER_DOC && d->values[f][k]; k++) {
			v = value_of(x, f, d->values[f][k], 1);
			if (x->f[f].bits[v][s / 64] & (1ULL << (s % 64)))
				continue;	/* a value named twice counts once */
			x->f[f].bits[v][s / 64] |= 1ULL << (s % 64);
			ent[n++] = FV(f, need, v);
			x->nent[f]++;
			for (l = need; l < DIR_LEVELS; l++)
				x->tot[l][f][v]++;
		}
		for (k = 0; k < DIR_LEVELS - 1 && k < d->need[f]; k++)
			x->hidden[f][k][s / 64] |= 1ULL << (s % 64);
	}
	off[DF__MAX] = (uint16_t)n;
	for (f = 0; f < DF__MAX; f++)
		x->one[f][s] = off[f + 1] == off[f] ? FV_NONE : off[f + 1] - off[f] > 1 ?
		    FV_MANY : ent[off[f]];
	if (n > FV_INLINE) {
		x->fv[s] = xmalloc((DF__MAX + 1 + n) * sizeof *ent);
		memcpy(x->fv[s], off, sizeof off);
		memcpy(x->fv[s] + DF__MAX + 1, ent, n * sizeof *ent);
		x->fvl[s].big = 1;
	} else {
		for (f = 0; f <= DF__MAX; f++)
			x->fvl[s].off[f] = (uint8_t)off[f];
		memcpy(x->fvl[s].e, ent, n * sizeof *ent);
	}
	x->hkeys[c] = d->id;
	x->hslots[c] = s;
	x->gen++;
out:
	pthread_rwlock_unlock(&x->lock);
	return rc;
}

int
dir_index_same(struct dir_index *x, int64_t id, uint64_t sig)
{
	size_t c, s;
	int same;

	pthread_rwlock_rdlock(&x->lock);
	c = cell_of(x, id);
	s = x->hslots[c];
	same = x->hkeys[c] && x->sig[s] == sig && (x->alive[s / 64] & (1ULL << (s % 64)));
	pthread_rwlock_unlock(&x->lock);
	return same;
}

void
dir_index_remove(struct dir_index *x, int64_t id)
{
	size_t c;

	pthread_rwlock_wrlock(&x->lock);
	c = cell_of(x, id);
	if (x->hkeys[c]) {
		kill_slot(x, x->hslots[c]);
		x->gen++;
	}
	pthread_rwlock_unlock(&x->lock);
}

void
dir_index_touch(struct dir_index *x)
{
	pthread_rwlock_wrlock(&x->lock);
	x->gen++;
	pthread_rwlock_unlock(&x->lock);
}

uint64_t
dir_index_generation(struct dir_index *x)
{
	uint64_t g;

	pthread_rwlock_rdlock(&x->lock);
	g = x->gen;
	pthread_rwlock_unlock(&x->lock);
	return g;
}

size_t
dir_index_size(struct dir_index *x)
{
	size_t n = 0, w;

	pthread_rwlock_rdlock(&x->lock);
	for (w = 0; w < WORDS(x->n); w++)
		n += (size_t)__builtin_popcountll(x->alive[w]);
	pthread_rwlock_unlock(&x->lock);
	return n;
}

/* ---- sorting ---------------------------------------------------------- */


static int
by_name(const void *a, const void *b)
{
	size_t sa = *(const size_t *)a, sb = *(const size_t *)b;
	int c = strcmp(sort_x->names[sa], sort_x->names[sb]);

	return c ? c : (sort_x->ids[sa] < sort_x->ids[sb] ? -1 : 1);
}

static int
by_date(const void *a, const void *b)
{
	size_t sa = *(const size_t *)a, sb = *(const size_t *)b;

	if (sort_x->created[sa] != sort_x->created[sb])
		return sort_x->created[sa] > sort_x->created[sb] ? -1 : 1;
	return sort_x->ids[sa] > sort_x->ids[sb] ? -1 : 1;
}

static int
by_number(const void *a, const void *b)
{
	size_t sa = *(const size_t *)a, sb = *(const size_t *)b;

	if (sort_x->number[sa] != sort_x->number[sb])
		return sort_x->number[sa] > sort_x->number[sb] ? -1 : 1;
	return by_date(a, b);
}

/* Rebuilds the slot orders; the caller holds the write lock.  Without a
 * document with a number, the order by number is the order by date, and
 * no third sort is paid for. */
static void
reorder(struct dir_index *x)
{
	size_t i;
	int numbered = 0;

	free(x->by_name);
	free(x->by_date);
	free(x->by_number);
	x->by_name = xmalloc((x->n ? x->n : 1) * sizeof *x->by_name);
	x->by_date = xmalloc((x->n ? x->n : 1) * sizeof *x->by_date);
	x->by_number = xmalloc((x->n ? x->n : 1) * sizeof *x->by_number);
	for (i = 0; i < x->n; i++) {
		x->by_name[i] = x->by_date[i] = i;
		numbered |= x->number[i] != 0;
	}
	pthread_mutex_lock(&sort_mu);
	sort_x = x;
	qsort(x->by_name, x->n, sizeof *x->by_name, by_name);
	qsort(x->by_date, x->n, sizeof *x->by_date, by_date);
	if (numbered) {
		for (i = 0; i < x->n; i++)
			x->by_number[i] = i;
		qsort(x->by_number, x->n, sizeof *x->by_number, by_number);
	} else if (x->n) {
		memcpy(x->by_number, x->by_date, x->n * sizeof *x->by_number);
	}
	pthread_mutex_unlock(&sort_mu);
	free(x->rank_name);
	free(x->rank_date);
	free(x->rank_number);
	x->rank_name = xmalloc((x->n ? x->n : 1) * sizeof *x->rank_name);
	x->rank_date = xmalloc((x->n ? x->n : 1) * sizeof *x->rank_date);
	x->rank_number = xmalloc((x->n ? x->n : 1) * sizeof *x->rank_number);
	for (i = 0; i < x->n; i++) {
		x->rank_name[x->by_name[i]] = (uint32_t)i;
		x->rank_date[x->by_date[i]] = (uint32_t)i;
		x->rank_number[x->by_number[i]] = (uint32_t)i;
	}
	x->dirty = 0;
}

/* ---- queries ---------------------------------------------------------- */

/* The number of bits set in a AND b, nw words.  Counting is most of a
 * query's work: use the CPU's popcount instruction where there is one. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
static size_t
count_and(const uint64_t *a, const uint64_t *b, size_t nw)
{
	size_t n = 0, w;

	for (w = 0; w < nw; w++)
		n += (size_t)__builtin_popcountll(a[w] & b[w]);
	return n;
}

/* The number of bits set in a, nw words. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
static size_t
count_bits(const uint64_t *a, size_t nw)
{
	size_t n = 0, w;

	for (w = 0; w < nw; w++)
		n += (size_t)__builtin_popcountll(a[w]);
	return n;
}

/* Adds add to cnt[f][v] for each value v of facet f (f in fmask) of each
 * document in set that level may see (add (size_t)-1 takes one away): the
 * work grows with the documents, not with the values.  Holds the read
 * lock. */
static void
count_docs(const struct dir_index *x, const uint64_t *set, size_t nw, unsigned fmask,
    int level, size_t *cnt[DF__MAX], size_t add)
{
	size_t w, i;
	int f, only = -1;

	if (!(fmask & (fmask - 1)))	/* one facet: its entries only */
		only = __builtin_ctz(fmask);
	for (w = 0; w < nw; w++) {
		uint64_t b = set[w];

		while (b) {
			size_t s = w * 64 + (size_t)__builtin_ctzll(b);
			const struct fvline *l;

			b &= b - 1;
			if (only >= 0 && x->one[only][s] != FV_MANY) {
				uint16_t e = x->one[only][s];

				if (e != FV_NONE && (int)FV_NEED(e) <= level)
					cnt[only][FV_V(e)] += add;
				continue;
			}
			l = &x->fvl[s];
			if (l->big) {
				const uint16_t *off = x->fv[s], *e = off + DF__MAX + 1;

				for (f = 0; f < DF__MAX; f++)
					for (i = off[f]; (fmask >> f & 1) && i < off[f + 1]; i++)
						if ((int)FV_NEED(e[i]) <= level)
							cnt[f][FV_V(e[i])] += add;
			} else if (only >= 0) {
				size_t *c = cnt[only];

				for (i = l->off[only]; i < l->off[only + 1]; i++)
					if ((int)FV_NEED(l->e[i]) <= level)
						c[FV_V(l->e[i])] += add;
			} else {
				for (f = 0; f < DF__MAX; f++)
					for (i = l->off[f]; (fmask >> f & 1) && i < l->off[f + 1]; i++)
						if ((int)FV_NEED(l->e[i]) <= level)
							cnt[f][FV_V(l->e[i])] += add;
			}
		}
	}
}

/* The documents count_set() reads for a set of k of the alive. */
static size_t
docs_read(size_t k, size_t alive)
{
	return k <= alive - k ? k : alive - k;
}

/* Adds to cnt the counts of count_docs() for set, k living documents: of
 * set itself when it holds at most half of the living, else the totals
 * less the counts of the others (scratch: nw words).  Holds the read
 * lock. */
static void
count_set(const struct dir_index *x, const uint64_t *set, size_t k, size_t alive, size_t nw,
    unsigned fmask, int level, size_t *cnt[DF__MAX], uint64_t *scratch)
{
	size_t w, v;
	int f;

	if (k <= alive - k) {
		count_docs(x, set, nw, fmask, level, cnt, 1);
		return;
	}
	for (f = 0; f < DF__MAX; f++)
		for (v = 0; (fmask >> f & 1) && v < x->f[f].n; v++)
			cnt[f][v] += x->tot[level][f][v];
	if (k == alive)
		return;
	for (w = 0; w < nw; w++)
		scratch[w] = w < WORDS(x->n) ? x->alive[w] & ~set[w] : 0;
	count_docs(x, scratch, nw, fmask, level, cnt, (size_t)-1);	/* wraps: one less */
}

/* True when counting the k documents of a set one by one (count_docs)
 * costs less than an AND and popcount of every value of facets fmask over
 * nw words. */
static int
by_docs(const struct dir_index *x, size_t k, size_t nw, unsigned fmask, size_t alive)
{
	size_t ent = 0, vals = 0;
	int f;

	if (x->plan != DIR_PLAN_AUTO)
		return x->plan == DIR_PLAN_GATHER;
	for (f = 0; f < DF__MAX; f++)
		if (fmask >> f & 1) {
			ent += x->nent[f];
			vals += x->f[f].n;
		}
	/* about 4 instructions per entry of a document, 2 per word and value */
	return 4 * docs_read(k, alive) * (ent / (alive ? alive : 1) + 1) + nw < 2 * vals * nw;
}

/* Appends to out's page the documents of set (k of them) in order (rank:
 * each slot's place in it), counting in *seen those passed before the
 * query's offset: a walk down the order when matches are many, so the page
 * is soon full; when they are few, their places in the order as a bitset,
 * read from the first (no sort: places are distinct).  Holds the read
 * lock. */
static void
page_of(const struct dir_index *x, const uint64_t *set, size_t k, const size_t *order,
    const uint32_t *rank, const struct dir_query *q, size_t *seen, struct dir_result *out)
{
	size_t nw = WORDS(x->n), want, i, w;
	uint64_t *at;

	if (out->nids >= q->limit || !k)
		return;
	if (*seen + k <= q->offset) {	/* all before the page */
		*seen += k;
		return;
	}
	want = q->offset + q->limit - *seen;	/* of this set, at most */
	if (x->plan == DIR_PLAN_SCAN || (x->plan == DIR_PLAN_AUTO &&
	    (want < k ? want * (x->n / k) : x->n) < nw + k)) {
		for (i = 0; i < x->n && out->nids < q->limit; i++) {
			size_t s = order[i];

			if (!(set[s / 64] & (1ULL << (s % 64))))
				continue;
			if ((*seen)++ >= q->offset) {
				out->items[out->nids] = x->ref(x->listed[s]);
				out->ids[out->nids++] = x->ids[s];
			}
		}
		return;
	}
	at = xcalloc(nw, sizeof *at);
	for (w = 0; w < nw; w++) {
		uint64_t b = set[w];

		while (b) {
			size_t r = rank[w * 64 + (size_t)__builtin_ctzll(b)];

			b &= b - 1;
			at[r / 64] |= 1ULL << (r % 64);
		}
	}
	for (w = 0; w < nw && out->nids < q->limit; w++) {
		uint64_t b = at[w];
		size_t n = (size_t)__builtin_popcountll(b);

		if (*seen + n <= q->offset) {	/* a word before the page */
			*seen += n;
			continue;
		}
		while (b && out->nids < q->limit) {
			size_t s = order[w * 64 + (size_t)__builtin_ctzll(b)];

			b &= b - 1;
			if ((*seen)++ >= q->offset) {
				out->items[out->nids] = x->ref(x->listed[s]);
				out->ids[out->nids++] = x->ids[s];
			}
		}
	}
	free(at);
}

/* dst = src & mask[g] for every facet g with a mask but skip (DF__MAX: src
 * has them all already; -1: none), less not when given; nw words.  One
 * pass per mask, which the compiler vectorizes. */
static void
and_masks(uint64_t *dst, const uint64_t *src, uint64_t *const mask[DF__MAX], int skip,
    const uint64_t *not, size_t nw)
{
	size_t w;
	int g;

	memcpy(dst, src, nw * sizeof *dst);
	for (g = 0; skip != DF__MAX && g < DF__MAX; g++) {
		const uint64_t *m = mask[g];

		if (g == skip || !m)
			continue;
		for (w = 0; w < nw; w++)
			dst[w] &= m[w];
	}
	for (w = 0; not && w < nw; w++)
		dst[w] &= ~not[w];
}

void
dir_index_plan(struct dir_index *x, enum dir_plan plan)
{
	pthread_rwlock_wrlock(&x->lock);
	x->plan = plan;
	pthread_rwlock_unlock(&x->lock);
}

enum ws_err
dir_index_query(struct dir_index *x, const struct dir_query *q, struct dir_result *out,
    const char **bad)
{
	size_t nw, w, v, k, seen = 0, alive = 0, nall;
	uint64_t *mask[DF__MAX] = {0}, *all = NULL, *other = NULL, *base = NULL, *boost = NULL;
	uint64_t *scratch = NULL;
	const uint64_t *hid[DF__MAX];
	size_t *cnt[DF__MAX] = {0};
	unsigned free_facets = 0;
	enum ws_err rc = WS_OK;
	int f;

	memset(out, 0, sizeof *out);
	out->unref = x->unref;
	*bad = NULL;
	pthread_rwlock_rdlock(&x->lock);
	while (x->dirty) {	/* orders are stale: rebuild under the write lock */
		pthread_rwlock_unlock(&x->lock);
		pthread_rwlock_wrlock(&x->lock);
		if (x->dirty)
			reorder(x);
		pthread_rwlock_unlock(&x->lock);
		pthread_rwlock_rdlock(&x->lock);
	}
	nw = WORDS(x->n) ? WORDS(x->n) : 1;
	if (q->level < 0 || q->level >= DIR_LEVELS) {
		rc = WS_EINVAL;
		goto out;
	}
	/* What the viewer may not see of each facet (NULL: nothing hidden). */
	for (f = 0; f < DF__MAX; f++)
		hid[f] = q->level < DIR_LEVELS - 1 && x->n ? x->hidden[f][q->level] : NULL;
	/* One mask per filtered facet: the OR of its wanted values, less the
	 * documents whose values the viewer may not see. */
	for (f = 0; f < DF__MAX; f++) {
		if (!q->want[f] || !q->want[f][0])
			continue;
		mask[f] = xcalloc(nw, sizeof(uint64_t));
		for (k = 0; q->want[f][k]; k++) {
			long val = value_of(x, f, q->want[f][k], 0);

			if (val < 0 && q->unknown_empty)
				continue;
			if (val < 0) {
				*bad = q->want[f][k];
				rc = WS_EINVAL;
				goto out;
			}
			for (w = 0; w < WORDS(x->n); w++)
				mask[f][w] |= x->f[f].bits[val][w];
		}
		for (w = 0; hid[f] && w < WORDS(x->n); w++)
			mask[f][w] &= ~hid[f][w];
	}
	/* The documents in play: alive, and matching the text search. */
	base = xmalloc(nw * sizeof *base);
	for (w = 0; w < nw; w++)
		base[w] = x->n && !q->text ? x->alive[w] : 0;
	for (k = 0; q->text && k < q->nmatch; k++) {
		size_t c = cell_of(x, q->match[k]), s;

		if (!x->hkeys[c])
			continue;
		s = x->hslots[c];
		if (q->alt && (x->alt[s / 64] & (1ULL << (s % 64))))
			continue;	/* matched in text this viewer may not search */
		base[s / 64] |= x->alive[s / 64] & (1ULL << (s % 64));
	}
	for (k = 0; q->text && q->alt && k < q->nmatch_alt; k++) {
		size_t c = cell_of(x, q->match_alt[k]), s;

		if (!x->hkeys[c])
			continue;
		s = x->hslots[c];
		base[s / 64] |= x->alive[s / 64] & x->alt[s / 64] & (1ULL << (s % 64));
	}
	if (q->nwords && x->n) {	/* the search in the vocabulary */
		uint64_t *tm[DT__MAX] = {0};
		int t;

		boost = xmalloc(nw * sizeof *boost);
		memset(boost, 0xFF, nw * sizeof *boost);
		for (t = 0; t < DT__MAX; t++)
			if (q->alt || t == DT_TITLE || t == DT_TEXT)
				tm[t] = xmalloc(nw * sizeof(uint64_t));
		for (k = 0; k < q->nwords && k < DIR_MAX_WORDS; k++) {
			for (t = 0; t < DT__MAX; t++)
				if (tm[t])
					memset(tm[t], 0, nw * sizeof(uint64_t));
			vocab_or(x, q->words[k], q->substr >> k & 1, tm);
			for (w = 0; w < nw; w++) {
				uint64_t in = tm[DT_TITLE][w] | tm[DT_TEXT][w], title = tm[DT_TITLE][w];

				if (q->alt) {	/* alt_text documents by their _gov text only */
					in = (in & ~x->alt[w]) | ((tm[DT_TITLE_GOV][w] |
					    tm[DT_TEXT_GOV][w]) & x->alt[w]);
					title = (title & ~x->alt[w]) | (tm[DT_TITLE_GOV][w] &
					    x->alt[w]);
				}
				base[w] &= in;
				if (!(q->substr >> k & 1))
					boost[w] &= title;
			}
		}
		for (t = 0; t < DT__MAX; t++)
			free(tm[t]);
	}
	all = xmalloc(nw * sizeof *all);
	other = xmalloc(nw * sizeof *other);
	scratch = xmalloc(nw * sizeof *scratch);
	and_masks(all, base, mask, -1, NULL, nw);
	out->total = count_bits(all, nw);
	alive = x->n ? count_bits(x->alive, WORDS(x->n)) : 0;
	/* Each facet's counts under every filter but its own, of the documents
	 * whose values of it the viewer may see.  A facet without a filter
	 * counts the documents of all: those of them that are cheaper to count
	 * one document at a time than by their values' bitsets (those with
	 * many values, or when all is small enough) are counted together. */
	for (f = 0; f < DF__MAX; f++) {
		out->counts[f] = xcalloc(x->f[f].n + 1, sizeof **out->counts);
		out->ncounts[f] = x->f[f].n;
		cnt[f] = xcalloc(x->f[f].n + 1, sizeof **cnt);
		for (v = 0; v < x->f[f].n; v++)
			out->counts[f][v].value = x->f[f].values[v];
		if (!mask[f] && x->n && by_docs(x, out->total, nw, 1u << f, alive))
			free_facets |= 1u << f;
	}
	if (free_facets)
		count_set(x, all, out->total, alive, nw, free_facets, q->level, cnt, other);
	for (f = 0; f < DF__MAX; f++) {
		size_t kf;

		if (free_facets >> f & 1)
			continue;
		/* without a filter of its own, the other filters are all of them */
		and_masks(other, mask[f] ? base : all, mask, mask[f] ? f : DF__MAX, hid[f],
		    x->n ? WORDS(x->n) : 0);
		for (w = x->n ? WORDS(x->n) : 0; w < nw; w++)
			other[w] = 0;
		kf = count_bits(other, nw);
		if (x->n && by_docs(x, kf, nw, 1u << f, alive)) {
			count_set(x, other, kf, alive, nw, 1u << f, q->level, cnt, scratch);
			continue;
		}
		for (v = 0; v < x->f[f].n; v++)
			cnt[f][v] = count_and(x->f[f].bits[v], other, WORDS(x->n));
	}
	for (f = 0; f < DF__MAX; f++)
		for (v = 0; v < x->f[f].n; v++)
			out->counts[f][v].n = cnt[f][v];
	/* The page, in the sort order (page_of()). */
	out->ids = xmalloc((q->limit ? q->limit : 1) * sizeof *out->ids);
	out->items = xmalloc((q->limit ? q->limit : 1) * sizeof *out->items);
	nall = out->total;
	if (q->sort == DIR_SORT_RELEVANCE) {	/* the boosted first, by name or date */
		uint64_t *first = xcalloc(nw, sizeof *first);
		size_t nfirst = 0;

		for (w = 0; boost && w < nw; w++) {	/* the vocabulary's title matches */
			first[w] = all[w] & boost[w];
			all[w] &= ~boost[w];
		}
		for (k = 0; q->text && k < q->nboost + (q->alt ? q->nboost_alt : 0); k++) {
			int in_alt = k >= q->nboost;
			size_t c = cell_of(x, in_alt ? q->boost_alt[k - q->nboost] : q->boost[k]);
			size_t s = x->hslots[c];

			if (!x->hkeys[c])
				continue;
			if (q->alt && in_alt != !!(x->alt[s / 64] & (1ULL << (s % 64))))
				continue;	/* a title this viewer does not search */
			if (all[s / 64] & (1ULL << (s % 64))) {
				first[s / 64] |= 1ULL << (s % 64);
				all[s / 64] &= ~(1ULL << (s % 64));
			}
		}
		nfirst = count_bits(first, nw);
		nall -= nfirst;
		if (q->relevance_newest)
			page_of(x, first, nfirst, x->by_date, x->rank_date, q, &seen, out);
		else
			page_of(x, first, nfirst, x->by_name, x->rank_name, q, &seen, out);
		free(first);
	}
	if (q->sort == DIR_SORT_NEWEST || (q->sort == DIR_SORT_RELEVANCE && q->relevance_newest))
		page_of(x, all, nall, x->by_date, x->rank_date, q, &seen, out);
	else if (q->sort == DIR_SORT_NUMBER)
		page_of(x, all, nall, x->by_number, x->rank_number, q, &seen, out);
	else
		page_of(x, all, nall, x->by_name, x->rank_name, q, &seen, out);
out:
	pthread_rwlock_unlock(&x->lock);
	for (f = 0; f < DF__MAX; f++) {
		free(mask[f]);
		free(cnt[f]);
	}
	free(all);
	free(other);
	free(scratch);
	free(base);
	free(boost);
	if (rc != WS_OK)
		dir_result_free(out);
	return rc;
}

void
dir_result_free(struct dir_result *r)
{
	size_t i;
	int f;

	for (i = 0; r->items && i < r->nids; i++)
		r->unref(r->items[i]);
	free(r->items);
	r->items = NULL;
	free(r->ids);
	r->ids = NULL;
	for (f = 0; f < DF__MAX; f++) {
		free(r->counts[f]);
		r->counts[f] = NULL;
	}
}
