/*
 * seed_data.h -- the demo content of the knowledge-resources library, for
 * `whatson seed --demo --resources N`.
 *
 * A table of realistic resources of a hub on organized crime and
 * corruption (toolkits, guides to the review mechanisms, concept notes of
 * country pilot initiatives, workshop reports, training material, legal
 * instruments...), in English, French, Spanish, Russian, Chinese and
 * Arabic, each with two to four paragraphs of body text in its language for
 * its PDF, so that extraction runs and a search in French finds French
 * documents.  The first seed_resource_base_count() resources are the
 * table's rows as written; every later one is a variant of a row (the
 * rows taken in turn, so the languages stay balanced) with a number in its
 * title and a year, countries and visibility drawn from the seed, so N can
 * be 10,000 and the same seed always gives the same library.
 *
 * The module owns no state and touches no database: the seeding command
 * reads each resource, makes its PDF with seed_resource_pdf() and stores
 * both.  Apart from the named conventions and protocols, the documents,
 * their authors and most publishers are invented for the demonstration.
 */
#ifndef WS_SEED_DATA_H
#define WS_SEED_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define SEED_RESOURCE_MAX_THEMES 3
#define SEED_RESOURCE_MAX_COUNTRIES 3
#define SEED_RESOURCE_MAX_AUTHORS 3
#define SEED_RESOURCE_MAX_PARAS 4
/* The most resources seed_resource_get() makes (i below it). */
#define SEED_RESOURCE_MAX 1000000

/* One resource.  Every string is NUL-terminated UTF-8 that lives as long as
 * the program (the table's) or as long as the struct (title, file_name), so
 * the caller frees nothing; names are the JSON names of the API. */
struct seed_resource {
	const char *title;
	const char *summary;		/* Markdown */
	const char *kind;		/* toolkit, guide, concept_note, ... */
	const char *language;		/* ISO 639-1: en fr es ru zh ar; the file's too */
	const char *themes[SEED_RESOURCE_MAX_THEMES];
	size_t nthemes;
	const char *countries[SEED_RESOURCE_MAX_COUNTRIES];	/* ISO 3166-1 alpha-2 */
	size_t ncountries;		/* 0: a global resource */
	int year;
	const char *authors[SEED_RESOURCE_MAX_AUTHORS];
	size_t nauthors;
	const char *publisher;
	const char *visibility;		/* public, members or nongovernmental */
	const char *paragraphs[SEED_RESOURCE_MAX_PARAS];	/* the PDF's body */
	size_t nparagraphs;		/* 2 to 4 */
	const char *link;		/* an https URL for a video or web_link, else NULL */
	const char *file_name;		/* "<slug>-<lang>[-<n>].pdf", or NULL with a link */
	char title_buf[512];		/* storage of title, for a variant */
	char file_buf[128];		/* storage of file_name */
};

/* The number of rows in the table (the distinct resources). */
size_t seed_resource_base_count(void);

/* Fills *out with the i-th resource of the library made from seed: for i
 * below seed_resource_base_count() the table's row i whatever the seed,
 * else a variant numbered i + 1.  WS_ETOOBIG when i >= SEED_RESOURCE_MAX. */
enum ws_err seed_resource_get(uint64_t seed, size_t i, struct seed_resource *out) WS_WUR;

/* Appends r's PDF (its title and paragraphs, by pdfgen_text()) to out.
 * WS_EINVAL for a resource that is a link (file_name NULL); otherwise
 * fails as pdfgen_text() does (WS_ETOOBIG over out's ceiling). */
enum ws_err seed_resource_pdf(const struct seed_resource *r, struct buf *out) WS_WUR;

#endif
