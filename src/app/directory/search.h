/*
 * search.h -- the directory's text search: what is searched, how a query is
 * read, and how matches are marked in results.
 *
 * Text is folded the same way everywhere (lower case, Latin accents off), in
 * C, so SQLite's FTS5 and PostgreSQL's tsvector index the same words and the
 * highlighting agrees with what matched:
 *   - organizations.search_title holds the folded name and acronym,
 *     search_text the description, theme and country names (English and
 *     French), leaving out what the organization shows to staff only: what
 *     members search.  search_title_gov and search_text_gov hold what state
 *     focal points search (leaving out "nongovernmental" fields too), only
 *     for organizations where that differs, and are empty elsewhere; the
 *     directory index knows which (dir_doc.alt_text);
 *   - SQLite indexes them with an FTS5 table of two columns kept by triggers,
 *     PostgreSQL with a generated tsvector column ('simple' configuration,
 *     the title's words weighted A) and a GIN index;
 *   - a query is at most SEARCH_MAX_TERMS words, each matched as a prefix, all
 *     required.  A word with Chinese, Japanese or Korean characters, which the
 *     tokenizers keep as one long token, is matched as a substring instead (a
 *     scan, so it is bounded by SEARCH_MAX_SUBSTR results);
 *   - relevance: organizations whose name or acronym has every word come
 *     first, then the others, each group by name.  The same on both backends,
 *     and cheap: ranking a word a third of the organizations have by bm25 took
 *     50 ms in SQLite.
 */
#ifndef WS_SEARCH_H
#define WS_SEARCH_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct buf;

struct db;

#define SEARCH_MAX_QUERY 200	/* bytes of a query */
#define SEARCH_MAX_TERMS 8
#define SEARCH_MAX_TERM 64	/* bytes of one folded word */
#define SEARCH_MAX_SUBSTR 20000	/* matches of a substring (CJK) word */

struct search_terms {
	char term[SEARCH_MAX_TERMS][SEARCH_MAX_TERM + 1];
	int cjk[SEARCH_MAX_TERMS];	/* matched as a substring */
	size_t n;
};

/* s folded: lower case, Latin letters without accents, punctuation as
 * spaces (runs of it collapsed), bidi marks dropped.  Allocated in a. */
char *search_fold(struct arena *a, const char *s);

/* Splits query q into folded words.  WS_EINVAL for a query that is too long
 * or not UTF-8 text; an empty or all-punctuation query gives n == 0. */
enum ws_err search_parse(const char *q, struct search_terms *t) WS_WUR;

struct db_q;

/* Binds the search_title, search_text, search_title_gov and search_text_gov
 * organization o has (its fields as org_load or a form gives them, with
 * "visibility") to parameters at .. at + 3 of q. */
void search_bind(struct arena *a, struct db_q *q, int at, json_t *o);
/* True when what a state focal point may search of o differs from what
 * members search (a searchable field is "nongovernmental"): o's search
 * text for focal points is then in the _gov columns.  Reads only
 * o's "visibility". */
int search_gov_differs(json_t *o);

/*
 * True when the directory's index can answer t from its own vocabulary
 * (index.h) exactly as the database would: every word is ASCII letters and
 * digits.  A word with other letters (Greek, Cyrillic, CJK, ...) is left to
 * the database, whose tokenizers fold and split those letters their own way
 * (FTS5 takes Greek accents off, C folding does not; CJK is a substring).
 */
int search_in_index(const struct search_terms *t);

/*
 * The ids of the organizations matching every word of t, in *ids (free()),
 * in members' search text, or with gov in the focal points' (_gov) one,
 * in no particular order.  When titles is not NULL, also those whose title
 * (name, acronym) has every word, in *titles (free()), for relevance: *titles
 * stays NULL when the words cannot tell (CJK substrings).
 */
enum ws_err search_ids(struct db *d, const struct search_terms *t, int gov, int64_t **ids,
    size_t *n, int64_t **titles, size_t *ntitles) WS_WUR;

/* text split into parts [{"t": "...", "m": true|false}] where "m" marks the
 * words of t, for templates to wrap in <mark> (escaped as any text). */
json_t *search_marks(const char *text, const struct search_terms *t);
/* The same parts appended to out as JSON, byte for byte what json_dumps()
 * writes of search_marks() with JSON_COMPACT | JSON_ENSURE_ASCII, without
 * building it.  WS_ETOOBIG when out is full. */
enum ws_err search_marks_write(const char *text, const struct search_terms *t,
    struct buf *out) WS_WUR;

/* At most max bytes of text around its first match (whole words, "…" where
 * cut), for a result's summary.  Allocated in a. */
char *search_excerpt(struct arena *a, const char *text, const struct search_terms *t,
    size_t max);

#endif
