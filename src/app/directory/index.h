/*
 * index.h -- the directory's in-memory index: organizations as documents,
 * one bitset per value of each facet, so a filtered list with the counts of
 * every facet costs a few hundred thousand word operations instead of a
 * GROUP BY over the table per request.
 *
 * The index is built at start-up and kept current by the code that writes
 * organizations (dir_index_put on every insert, edit or status change).
 * Each document also carries its listed form (listed.h), swapped in by the
 * same put, so a page of results is written from memory.
 * Readers and the writer share it under a read-write lock.  Facet values are
 * short strings (country codes, theme codes, ...) given numbers on first
 * sight; at most DIR_MAX_VALUES per facet.
 *
 * A text search is one more filter, ANDed with every facet's mask and
 * counts: either the words of the query looked up in the index's own
 * vocabulary (dir_query.words), or the set of ids the database's full-text
 * index matched (the cases the vocabulary cannot answer exactly, search.h).
 * The vocabulary holds the words of the organizations' folded search
 * columns (enum dir_text), exactly as the database has them, each with the
 * documents that have it: a sorted list of slots, or a bitset once a word
 * is frequent enough for the bitset to be the smaller.
 *
 * Viewers see different parts of a document: each document says, per facet,
 * the level a viewer needs to see its values (the organization's visibility
 * of that field), and the index keeps per facet and level a bitset of the
 * documents whose values are hidden at that level.  A query names its
 * viewer's level: a hidden value neither matches a filter nor counts.
 * Levels are those of enum vis (orgs.h): 0 public ... DIR_LEVELS - 1 all.
 *
 * The index is not only the directory's: the library of resources
 * (app/resources/index.c) keeps its resources in one too, with its own
 * items (dir_index_new_items) and its own meaning for some facets (who may
 * see a resource is the DF_ACCESS facet, the viewer's query wanting the
 * classes it may see), a number to sort by (downloads) and relevance that
 * breaks ties by date.
 */
#ifndef WS_DIR_INDEX_H
#define WS_DIR_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct dir_listed;

enum dir_facet {
	DF_COUNTRY, DF_REGION, DF_KIND, DF_THEME, DF_LANGUAGE, DF_ECOSOC, DF_YEAR, DF_STATUS, DF__MAX
};
/* Resources have no ECOSOC status: their index keeps there who may see
 * them (app/resources/index.c). */
#define DF_ACCESS DF_ECOSOC

#define DIR_MAX_VALUES 512	/* distinct values one facet may have */
#define DIR_MAX_PER_DOC 256	/* values one document may have in one facet (a
				 * resource names up to 250 countries) */
#define DIR_LEVELS 4		/* viewer levels; the last one sees everything */
#define DIR_MAX_WORDS 8		/* words of one in-memory text search */

/* The folded search columns a document's words come from (search.h). */
enum dir_text { DT_TITLE, DT_TEXT, DT_TITLE_GOV, DT_TEXT_GOV, DT__MAX };

/* A document: an organization as the index sees it. */
struct dir_doc {
	int64_t id;
	const char *name;		/* sort key: compared case-folded */
	int64_t created_at;		/* "newest" sort */
	int64_t number;			/* DIR_SORT_NUMBER's key (downloads) */
	uint64_t sig;			/* a hash of what the index holds of it: a put
					 * with the same (non-zero) sig changes nothing */
	const char *values[DF__MAX][DIR_MAX_PER_DOC + 1];	/* NULL-terminated */
	unsigned char need[DF__MAX];	/* the level that sees the facet's values */
	int alt_text;			/* viewers who search the alternative text
					 * (dir_query.alt) match it only there */
	void *listed;			/* what a list item shows: a struct
					 * dir_listed (listed.h) or, in an index
					 * made by dir_index_new_items, its kind
					 * of item; or NULL.  The index takes a
					 * reference */
	const char *text[DT__MAX];	/* the search columns, words separated by
					 * spaces (NULL: none) */
};

/* A query: for each facet, the wanted values (OR); facets AND together. */
struct dir_query {
	const char *const *want[DF__MAX];	/* NULL-terminated; NULL: any */
	/* A text search's matches (search.h), or text == 0 for none; ids not
	 * in the index are skipped.  boost: those that match in their title. */
	int text;
	const int64_t *match, *boost;
	size_t nmatch, nboost;
	/* Or, with nwords > 0 (and text == 0), the search in the index: each
	 * word a prefix of a word of the document's title or text, all
	 * required; boost: every word in the title.  Bytes are compared. */
	const char *words[DIR_MAX_WORDS];
	size_t nwords;
	/* Bit k: words[k] (which must have a byte >= 0x80: a CJK word) is a
	 * substring of a word of the document rather than a prefix, and is not
	 * needed in the title for the boost (a database's LIKE '%word%'). */
	unsigned substr;
	/* With alt, a document with alt_text matches through match_alt and
	 * boost_alt only (the text such a viewer may search), the others
	 * through match and boost only; with words, through its _gov columns
	 * only. */
	int alt;
	const int64_t *match_alt, *boost_alt;
	size_t nmatch_alt, nboost_alt;
	int level;		/* the viewer's, 0..DIR_LEVELS - 1 (0: public) */
	/* RELEVANCE: the boosted first, then the others, each by name (by
	 * date with relevance_newest).  NUMBER: the greatest number first,
	 * then newest. */
	enum { DIR_SORT_NAME, DIR_SORT_NEWEST, DIR_SORT_RELEVANCE, DIR_SORT_NUMBER } sort;
	int relevance_newest;
	size_t offset, limit;
	int unknown_empty;	/* a value never seen matches nothing (not WS_EINVAL) */
};

struct dir_count {
	const char *value;
	size_t n;
};

struct dir_result {
	size_t total;			/* documents matching every filter */
	int64_t *ids;			/* the page, in order (free()) */
	void **items;			/* their listed forms (NULL where a document
					 * had none), one reference each */
	void (*unref)(void *);		/* drops one of them */
	size_t nids;
	struct dir_count *counts[DF__MAX];	/* every known value of the facet, with
						 * the count under the other filters
						 * (free() each) */
	size_t ncounts[DF__MAX];
};

struct dir_index;

/* An index whose items (dir_doc.listed) are struct dir_listed. */
struct dir_index *dir_index_new(void);
/* An index of other items, shared by reference count: ref takes one more
 * reference to an item and returns it, unref drops one (both take NULL). */
struct dir_index *dir_index_new_items(void *(*ref)(void *), void (*unref)(void *));
void dir_index_free(struct dir_index *x);
/* Adds or replaces the document with d->id (strings are copied).  WS_ETOOBIG
 * when a facet would pass DIR_MAX_VALUES distinct values. */
enum ws_err dir_index_put(struct dir_index *x, const struct dir_doc *d) WS_WUR;
/* True when document id is in the index with signature sig. */
int dir_index_same(struct dir_index *x, int64_t id, uint64_t sig);
/* Removes document id, if present. */
void dir_index_remove(struct dir_index *x, int64_t id);
/* Runs q.  WS_EINVAL when a wanted value was never seen (the caller turns
 * that into a 422 naming it in *bad).  The page's listed forms come with
 * it, referenced, so they outlive later writes.  Free the result with
 * dir_result_free(). */
enum ws_err dir_index_query(struct dir_index *x, const struct dir_query *q,
    struct dir_result *out, const char **bad) WS_WUR;
void dir_result_free(struct dir_result *r);
/* A number that changes whenever a document is added, changed or removed
 * (for caches of answers). */
uint64_t dir_index_generation(struct dir_index *x);
/* A new generation: something the index does not hold (a description, a
 * logo) changed. */
void dir_index_touch(struct dir_index *x);
/* The number of documents. */
size_t dir_index_size(struct dir_index *x);

/* How a query counts facets and finds its page.  AUTO (the default) picks
 * the cheaper of the two for each; tests force one to check both. */
enum dir_plan {
	DIR_PLAN_AUTO,
	DIR_PLAN_SCAN,		/* every value's bitset; a walk down the sort order */
	DIR_PLAN_GATHER		/* the matching documents' values; their ranks sorted */
};
void dir_index_plan(struct dir_index *x, enum dir_plan plan);

#endif
