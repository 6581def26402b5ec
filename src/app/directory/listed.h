/*
 * listed.h -- an organization's listed form: what one item of the
 * directory's list shows, kept in the index (index.h) next to the facet
 * bitsets so that an answer never reads organizations row by row.
 *
 * The item is org_view()'s (orgs.h) for the viewer's level and language,
 * without building or encoding a JSON object per request:
 *   - every field is encoded once, when the organization is indexed, as a
 *     `"key":value` piece, and the pieces are kept in one string sorted by
 *     the level a viewer needs to see them (the organization's visibility
 *     of the field), so what level l sees is one prefix of that string;
 *   - what depends on the reader's language (kind_name, ecosoc_name,
 *     country_name, theme_list, country_list, language_list) is kept as
 *     codes and named at answer time: a theme staff rename shows at once;
 *   - a search's marks (name_marks, acronym_marks, excerpt_marks and each
 *     theme's name_marks) are computed at answer time from the name,
 *     acronym and description kept beside.
 * A listed form never changes once built: a write builds a new one and the
 * index swaps it in.  It is shared by reference count, so an answer may
 * write the forms it took from the index after letting go of its lock.
 */
#ifndef WS_DIR_LISTED_H
#define WS_DIR_LISTED_H

#include <jansson.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

struct dir_listed;
struct search_terms;
struct views;

/* The listed form of org (org_of_row()'s or org_load()'s shape), with one
 * reference; NULL when a field cannot be encoded.  org is not kept. */
struct dir_listed *dir_listed_new(json_t *org);
/* Takes one more reference to l (NULL is allowed); returns l. */
struct dir_listed *dir_listed_ref(struct dir_listed *l);
/* Drops a reference to l (NULL is allowed); the last one frees it. */
void dir_listed_unref(struct dir_listed *l);

/* The marks of theme names written so far in one answer (a theme's name
 * is the same in every item that has it): zero it before the first item. */
#define DIR_MARKS_MEMO 64
struct dir_marks_memo {
	size_t n;
	const char *name[DIR_MARKS_MEMO];	/* as theme_name() gave it */
	const char *json[DIR_MARKS_MEMO];	/* its marks, in the answer's arena */
	size_t len[DIR_MARKS_MEMO];
};

/*
 * Appends to out the item as a JSON object: what viewers of level (enum
 * vis) may see, named in lang, through v's translations; with marks of
 * terms when terms is not NULL (the page always, the API with a search),
 * those of theme names through memo.  Scratch memory comes from a.
 * WS_ETOOBIG when out is full.
 */
enum ws_err dir_listed_write(const struct dir_listed *l, int level, const char *lang,
    struct views *v, const struct search_terms *terms, struct dir_marks_memo *memo,
    struct arena *a, struct buf *out) WS_WUR;

#endif
