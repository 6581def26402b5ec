/*
 * regions.c -- UN M49 regions from the embedded CSV tables; see regions.h.
 *
 * The tables are small (250 countries, 25 areas), so lookups are linear
 * scans over fixed arrays: no allocation, nothing to free.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/directory/regions.h"
#include "core/log.h"
#include "views/assets.h"

#define MAX_FIELDS 5
#define MAX_FIELD 64

struct country {
	char alpha2[3];
	char region[4], subregion[4];
};

static struct country countries[M49_MAX_COUNTRIES];
static size_t ncountries;
static struct m49_area areas[M49_MAX_AREAS];
static size_t nareas;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/*
 * Splits the line at *p into at most MAX_FIELDS comma-separated fields
 * (our tables never quote: tools/gen-m49 checks) and moves *p to the next
 * line.  Returns the number of fields, or -1 for a field too long.
 */
static int
split_line(const char **p, const char *end, char f[MAX_FIELDS][MAX_FIELD])
{
	const char *s = *p;
	int n = 0;
	size_t k = 0;

	memset(f, 0, MAX_FIELDS * MAX_FIELD);
	for (; s < end && *s != '\n'; s++) {
		if (*s == ',') {
			if (++n >= MAX_FIELDS)
				return -1;
			k = 0;
		} else if (*s != '\r') {
			if (k + 1 >= MAX_FIELD)
				return -1;
			f[n][k++] = *s;
		}
	}
	*p = s < end ? s + 1 : s;
	return n + 1;
}

static const struct m49_area *
area_of(const char *code)
{
	size_t i;

	for (i = 0; code && i < nareas; i++)
		if (strcmp(areas[i].code, code) == 0)
			return &areas[i];
	return NULL;
}

/* Copies src into dst[len], fatal() when it does not fit: the tables are
 * part of the build, so an oversized field is a broken build. */
static void
put(char *dst, size_t len, const char *src, const char *table)
{
	if (strlen(src) >= len)
		fatal("%s: field too long: %s", table, src);
	memcpy(dst, src, strlen(src) + 1);
}

static int
country_cmp(const void *a, const void *b)
{
	return strcmp(((const struct country *)a)->alpha2, ((const struct country *)b)->alpha2);
}

static void
load_once(void)
{
	const struct asset *a = asset_find("data/m49-regions.csv");
	const char *p, *end;
	char f[MAX_FIELDS][MAX_FIELD];
	size_t i;

	if (!a)
		fatal("missing data/m49-regions.csv");
	p = a->data;
	end = a->data + a->len;
	split_line(&p, end, f);		/* header */
	while (p < end) {
		struct m49_area *r;

		if (split_line(&p, end, f) != 5 || strlen(f[0]) != 3 ||
		    (strcmp(f[1], "1") != 0 && strcmp(f[1], "2") != 0))
			fatal("data/m49-regions.csv: bad line %zu", nareas + 2);
		if (nareas >= M49_MAX_AREAS)
			fatal("data/m49-regions.csv: more than %d areas", M49_MAX_AREAS);
		r = &areas[nareas++];
		put(r->code, sizeof r->code, f[0], "m49-regions.csv");
		r->level = f[1][0] == '1' ? M49_REGION : M49_SUBREGION;
		put(r->parent, sizeof r->parent, f[2], "m49-regions.csv");
		put(r->en, sizeof r->en, f[3], "m49-regions.csv");
		put(r->fr, sizeof r->fr, f[4], "m49-regions.csv");
	}

	if (!(a = asset_find("data/m49.csv")))
		fatal("missing data/m49.csv");
	p = a->data;
	end = a->data + a->len;
	split_line(&p, end, f);		/* header */
	while (p < end) {
		struct country *c;

		if (split_line(&p, end, f) != 5 || strlen(f[0]) != 2)
			fatal("data/m49.csv: bad line %zu", ncountries + 2);
		if (ncountries >= M49_MAX_COUNTRIES)
			fatal("data/m49.csv: more than %d countries", M49_MAX_COUNTRIES);
		c = &countries[ncountries++];
		put(c->alpha2, sizeof c->alpha2, f[0], "m49.csv");
		put(c->region, sizeof c->region, f[1], "m49.csv");
		put(c->subregion, sizeof c->subregion, f[3], "m49.csv");
		/* Each code a country names must be in the area table, at the
		 * right level, or the counts would lose it. */
		if (*c->region && (!area_of(c->region) || !area_of(c->subregion)))
			fatal("data/m49.csv: %s names an unknown area", c->alpha2);
	}
	for (i = 0; i < nareas; i++)
		if (areas[i].level == M49_SUBREGION && !area_of(areas[i].parent))
			fatal("data/m49-regions.csv: %s has no region", areas[i].code);
	/* by code, for country_of()'s bisection (the summary asks for each of
	 * 250 countries' region on every answer) */
	qsort(countries, ncountries, sizeof *countries, country_cmp);
}

void
m49_load(void)
{
	pthread_once(&once, load_once);
}

static const struct country *
country_of(const char *alpha2)
{
	struct country key;

	m49_load();
	if (!alpha2 || strlen(alpha2) != 2)
		return NULL;
	memcpy(key.alpha2, alpha2, 3);
	return bsearch(&key, countries, ncountries, sizeof *countries, country_cmp);
}

const char *
m49_region(const char *alpha2)
{
	const struct country *c = country_of(alpha2);

	return c && *c->region ? c->region : NULL;
}

const char *
m49_subregion(const char *alpha2)
{
	const struct country *c = country_of(alpha2);

	return c && *c->subregion ? c->subregion : NULL;
}

const char *
m49_name(const char *code, const char *locale)
{
	const struct m49_area *r;

	m49_load();
	if (!(r = area_of(code)))
		return NULL;
	return locale && strcmp(locale, "fr") == 0 ? r->fr : r->en;
}

int
m49_valid(const char *code)
{
	m49_load();
	return area_of(code) != NULL;
}

const struct m49_area *
m49_areas(size_t *n)
{
	m49_load();
	*n = nareas;
	return areas;
}
