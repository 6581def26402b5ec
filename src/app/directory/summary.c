/*
 * summary.c -- GET /about/members: what anyone may know of the membership.
 *
 * Every count is read from the directory's in-memory index (index.h) with
 * one query, "status is approved", whose facet counts give countries, kinds
 * and themes; regions are sums of country counts (regions.h).  No GROUP BY
 * per request.  The query runs at the public level: a field an organization
 * does not show to everyone is not counted (a visitor comparing the summary
 * with public profiles must learn nothing they hide), and a visitor gets
 * counts, never names.  A count of 1 or 2 singles organizations out: it is
 * shown as "fewer than 3" (SMALL_COUNT), with "count": null and
 * "fewer_than": 3 in the JSON, for countries, regions, kinds and themes
 * alike, on the map and in every chart and table.
 *
 * The page draws its charts as SVG here: a world map shaded in up to five
 * classes by count (paths from data/world-paths.json, tools/gen-map) and
 * horizontal bars.  The template only places coordinates computed here.
 * Each chart has a data table (screen readers, exact figures) and the page
 * needs no JavaScript.  The API twin gets the counts without the drawing.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/directory/index.h"
#include "app/directory/regions.h"
#include "app/directory/summary.h"
#include "app/orgs/orgs.h"
#include "core/log.h"
#include "core/mem.h"
#include "views/assets.h"
#include "views/view.h"

#define MAP_MAX 300		/* countries on the map */
#define CLASSES 5		/* shades of the map, besides "none" */
#define BAR_W 420		/* bar chart: viewBox width (small: legible on a phone) */
#define BAR_MAX 360		/* the longest bar, room for its count after it */
#define BAR_ROW 36		/* one row: label line, then the bar */
#define CHART_MAX DIR_MAX_VALUES	/* rows of one chart: every value a facet can have */
#define SMALL_COUNT 3		/* counts below this (and above 0) are not shown */

/* ---- the map's paths, parsed once ---- */

struct map_path {
	const char *code;	/* alpha-2, in map_json */
	const char *d;
};

static json_t *map_json;	/* kept: the paths point into it */
static struct map_path paths[MAP_MAX];
static size_t npaths;
static int map_w, map_h;
static pthread_once_t map_once = PTHREAD_ONCE_INIT;

static void
map_load(void)
{
	const struct asset *a = asset_find("data/world-paths.json");
	json_error_t err;
	json_t *c;
	size_t i;

	if (!a)
		fatal("missing data/world-paths.json");
	map_json = json_loadb(a->data, a->len, 0, &err);
	if (!json_is_object(map_json))
		fatal("data/world-paths.json: %s", err.text);
	map_w = (int)json_integer_value(json_object_get(map_json, "width"));
	map_h = (int)json_integer_value(json_object_get(map_json, "height"));
	json_array_foreach(json_object_get(map_json, "countries"), i, c) {
		if (npaths >= MAP_MAX)
			fatal("data/world-paths.json: more than %d countries", MAP_MAX);
		paths[npaths].code = json_string_value(json_object_get(c, "code"));
		paths[npaths].d = json_string_value(json_object_get(c, "d"));
		if (!paths[npaths].code || !paths[npaths].d)
			fatal("data/world-paths.json: country %zu without code or path", i);
		npaths++;
	}
	if (map_w <= 0 || map_h <= 0 || !npaths)
		fatal("data/world-paths.json: no map");
}

/* ---- counts ---- */

/* The count of value v in facet f of res; 0 when absent. */
static size_t
count_of(const struct dir_result *res, int f, const char *v)
{
	size_t i;

	for (i = 0; v && i < res->ncounts[f]; i++)
		if (strcmp(res->counts[f][i].value, v) == 0)
			return res->counts[f][i].n;
	return 0;
}

/* Sets "count" of item to n, or to null with "fewer_than" when n is small
 * but not 0; for pages also "shown", the text to show.  Returns item. */
static json_t *
set_count(struct req *r, json_t *item, size_t n)
{
	int small = n > 0 && n < SMALL_COUNT;

	json_object_set_new(item, "count", small ? json_null() : json_integer((json_int_t)n));
	if (small)
		json_object_set_new(item, "fewer_than", json_integer(SMALL_COUNT));
	if (!r->api)
		json_object_set_new(item, "shown", json_string(small ? view_tr(r->app->views,
		    r->locale, N_("fewer than 3")) : arena_printf(r->a, "%zu", n)));
	return item;
}

/* One {code, name, count} of the summary: a country, a kind or a theme. */
struct row {
	const char *code, *name, *region, *region_name;
	size_t n;
};

/* The order of by_count(): most first (a small count, shown as null,
 * counts as 0), then by name. */
static int
row_cmp(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	size_t na = a->n < SMALL_COUNT ? 0 : a->n, nb = b->n < SMALL_COUNT ? 0 : b->n;

	if (na != nb)
		return na > nb ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The rows of facet f (DF_KIND or DF_THEME) that have members. */
static size_t
facet_rows(struct req *r, const struct dir_result *res, int f, struct row *rows)
{
	size_t i, n = 0;

	for (i = 0; i < res->ncounts[f]; i++) {
		const char *v = res->counts[f][i].value;

		if (!res->counts[f][i].n)
			continue;
		rows[n++] = (struct row){ v, f == DF_KIND ? view_tr(r->app->views, r->locale,
		    kind_name(v)) : theme_name(v, r->locale), NULL, NULL, res->counts[f][i].n };
	}
	return n;
}

/* The countries that have members (*placed: how many), named in the
 * reader's language, with their regions. */
static size_t
country_rows(struct req *r, const struct dir_result *res, struct row *rows, size_t *placed)
{
	size_t i, n = 0;

	*placed = 0;
	for (i = 0; i < res->ncounts[DF_COUNTRY]; i++) {
		const char *c = res->counts[DF_COUNTRY][i].value, *reg = m49_region(c);

		if (!res->counts[DF_COUNTRY][i].n)
			continue;
		*placed += res->counts[DF_COUNTRY][i].n;
		rows[n++] = (struct row){ c, country_name(c, r->locale), reg,
		    reg ? m49_name(reg, r->locale) : NULL, res->counts[DF_COUNTRY][i].n };
	}
	return n;
}

/* The page's [{code, name[, region, region_name], count}] of rows, most
 * first. */
static json_t *
rows_list(struct req *r, struct row *rows, size_t n)
{
	json_t *list = json_array();
	size_t i;

	qsort(rows, n, sizeof *rows, row_cmp);
	for (i = 0; i < n; i++)
		json_array_append_new(list, set_count(r, json_pack("{s:s,s:s,s:s?,s:s?}", "code",
		    rows[i].code, "name", rows[i].name, "region", rows[i].region, "region_name",
		    rows[i].region_name), rows[i].n));
	return list;
}

/* [{code, name, count, subregions: [...]}]: every region, each with every
 * sub-region, in m49_areas() order, with the index's region counts. */
static json_t *
region_list(struct req *r, const struct dir_result *res)
{
	const struct m49_area *areas;
	size_t nareas, i, k;
	json_t *list = json_array();

	areas = m49_areas(&nareas);
	for (i = 0; i < nareas; i++) {
		json_t *subs;

		if (areas[i].level != M49_REGION)
			continue;
		subs = json_array();
		for (k = 0; k < nareas; k++)
			if (strcmp(areas[k].parent, areas[i].code) == 0)
				json_array_append_new(subs, set_count(r, json_pack("{s:s,s:s}",
				    "code", areas[k].code, "name", m49_name(areas[k].code, r->locale)),
				    count_of(res, DF_REGION, areas[k].code)));
		json_array_append_new(list, set_count(r, json_pack("{s:s,s:s,s:o}", "code",
		    areas[i].code, "name", m49_name(areas[i].code, r->locale), "subregions", subs),
		    count_of(res, DF_REGION, areas[i].code)));
	}
	return list;
}

/* ---- drawing ---- */

/* The upper bound of each shade: bound[k] for k = 1..CLASSES, on a log
 * scale up to max, so one country with many members does not leave every
 * other one in the palest shade.  The palest is "fewer than 3", exactly:
 * a shade must not tell 1 from 2. */
static void
class_bounds(json_int_t max, json_int_t bound[CLASSES + 1])
{
	int k;

	bound[0] = 0;
	bound[1] = SMALL_COUNT - 1;
	for (k = 2; k <= CLASSES; k++) {
		json_int_t b = k == CLASSES ? max :
		    (json_int_t)ceil(pow((double)max, (double)k / CLASSES) - 1e-9);

		bound[k] = b < bound[k - 1] ? bound[k - 1] : b;
	}
}

static int
class_of(json_int_t n, const json_int_t bound[CLASSES + 1])
{
	int k;

	if (n <= 0)
		return 0;
	for (k = 1; k < CLASSES; k++)
		if (n <= bound[k])
			return k;
	return CLASSES;
}

/* {width, height, paths: [{code, name, count, cls, d}], legend: [{cls, label}]} */
static json_t *
map_value(struct req *r, const struct dir_result *res)
{
	json_t *list = json_array(), *legend = json_array();
	json_int_t bound[CLASSES + 1], max = 0, lo = 1;
	size_t i;
	int k;

	pthread_once(&map_once, map_load);
	for (i = 0; i < res->ncounts[DF_COUNTRY]; i++)
		if ((json_int_t)res->counts[DF_COUNTRY][i].n > max)
			max = (json_int_t)res->counts[DF_COUNTRY][i].n;
	class_bounds(max, bound);
	for (i = 0; i < npaths; i++) {
		json_int_t n = (json_int_t)count_of(res, DF_COUNTRY, paths[i].code);

		json_array_append_new(list, set_count(r, json_pack("{s:s,s:s,s:i,s:s}", "code",
		    paths[i].code, "name", country_name(paths[i].code, r->locale),
		    "cls", class_of(n, bound), "d", paths[i].d), (size_t)n));
	}
	json_array_append_new(legend, json_pack("{s:i,s:s}", "cls", 0, "label",
	    view_tr(r->app->views, r->locale, N_("None"))));
	for (k = 1; k <= CLASSES && max > 0; k++) {
		if (bound[k] < lo)
			continue;
		json_array_append_new(legend, json_pack("{s:i,s:s}", "cls", k, "label", k == 1 ?
		    view_tr(r->app->views, r->locale, N_("Fewer than 3")) : lo == bound[k] ?
		    arena_printf(r->a, "%lld", (long long)lo) :
		    arena_printf(r->a, "%lld–%lld", (long long)lo, (long long)bound[k])));
		lo = bound[k] + 1;
		if (bound[k] >= max)
			break;
	}
	return json_pack("{s:i,s:i,s:o,s:o}", "width", map_w, "height", map_h, "paths", list,
	    "legend", legend);
}

/*
 * A bar chart of list ([{name, count, subregions?}]): {id, title, head,
 * width, height, rows: [{label, count, ty, by, bw, cx, subs?}]}.  Each row
 * is a label line with its bar under it, the count after the bar.
 */
static json_t *
chart(struct req *r, const char *id, const char *title, const char *head, json_t *list)
{
	json_t *rows = json_array(), *v;
	json_int_t max = 0;
	size_t i, n = 0;

	json_array_foreach(list, i, v)
		if (json_integer_value(json_object_get(v, "count")) > max)
			max = json_integer_value(json_object_get(v, "count"));
	json_array_foreach(list, i, v) {
		json_int_t c = json_integer_value(json_object_get(v, "count"));
		json_int_t w = max ? c * BAR_MAX / max : 0;
		int small = json_object_get(v, "fewer_than") != NULL;
		json_t *row, *subs = json_array(), *s;
		size_t k;

		if (n >= CHART_MAX)
			break;
		if ((c > 0 || small) && w < 2)
			w = 2;	/* one organization still shows; a small count, barely */
		json_array_foreach(json_object_get(v, "subregions"), k, s)
			json_array_append_new(subs, json_pack("{s:O,s:O}", "label",
			    json_object_get(s, "name"), "count", json_object_get(s, "shown")));
		row = json_pack("{s:O,s:O,s:I,s:I,s:I,s:I}", "label", json_object_get(v, "name"),
		    "count", json_object_get(v, "shown"), "ty", (json_int_t)(n * BAR_ROW + 13),
		    "by", (json_int_t)(n * BAR_ROW + 18), "bw", w, "cx", w + 6);
		json_object_set_new(row, "cy", json_integer((json_int_t)(n * BAR_ROW + 30)));
		json_object_set_new(row, "subs", subs);
		json_array_append_new(rows, row);
		n++;
	}
	return json_pack("{s:s,s:s,s:s,s:i,s:I,s:o,s:b}", "id", id, "title",
	    view_tr(r->app->views, r->locale, title), "head", view_tr(r->app->views, r->locale,
	    head), "width", BAR_W, "height", (json_int_t)(n * BAR_ROW + 4), "rows", rows,
	    "empty", n == 0);
}

/* ---- the API's answer, written straight ---- */

/* Appends "key":"value" (value NULL: nothing) after a comma when more. */
static enum ws_err
put_str(struct buf *b, const char *key, const char *value, int more)
{
	enum ws_err rc = WS_OK;

	if (!value)
		return WS_OK;
	if (more)
		rc = buf_addc(b, ',');
	if (rc == WS_OK)
		rc = buf_json_str(b, key);
	if (rc == WS_OK)
		rc = buf_addc(b, ':');
	return rc == WS_OK ? buf_json_str(b, value) : rc;
}

/* Appends ,"count":n or ,"count":null,"fewer_than":3 (set_count()). */
static enum ws_err
put_count(struct buf *b, size_t n)
{
	enum ws_err rc;

	if (n > 0 && n < SMALL_COUNT)
		return buf_printf(b, ",\"count\":null,\"fewer_than\":%d", SMALL_COUNT);
	rc = buf_adds(b, ",\"count\":");
	return rc == WS_OK ? buf_add_int(b, (long long)n) : rc;
}

/* Appends {code, name[, region, region_name], count} for row. */
static enum ws_err
put_row(struct buf *b, const struct row *row)
{
	enum ws_err rc = buf_addc(b, '{');

	if (rc == WS_OK)
		rc = put_str(b, "code", row->code, 0);
	if (rc == WS_OK)
		rc = put_str(b, "name", row->name, 1);
	if (rc == WS_OK)
		rc = put_str(b, "region", row->region, 1);
	if (rc == WS_OK)
		rc = put_str(b, "region_name", row->region_name, 1);
	if (rc == WS_OK)
		rc = put_count(b, row->n);
	return rc == WS_OK ? buf_addc(b, '}') : rc;
}

/* Appends "key":[rows], sorted by row_cmp when sort. */
static enum ws_err
put_rows(struct buf *b, const char *key, struct row *rows, size_t n, int sort)
{
	enum ws_err rc = buf_printf(b, ",\"%s\":[", key);
	size_t i;

	if (sort)
		qsort(rows, n, sizeof *rows, row_cmp);
	for (i = 0; rc == WS_OK && i < n; i++) {
		if (i)
			rc = buf_addc(b, ',');
		if (rc == WS_OK)
			rc = put_row(b, &rows[i]);
	}
	return rc == WS_OK ? buf_addc(b, ']') : rc;
}

/* The API's answer: the page's value without the drawing, the same members
 * in the same order as json_pack() gave them, written without building
 * several hundred jansson objects (2.7 M instructions an answer at 250
 * countries; the directory's facet counts cost 0.1 M). */
static enum ws_err
api_summary(struct req *r, const struct dir_result *res, struct buf *b)
{
	const struct m49_area *areas;
	struct row *rows = xcalloc(DIR_MAX_VALUES + 1, sizeof *rows), sub[DIR_MAX_VALUES];
	size_t nareas, i, k, n, placed;
	enum ws_err rc;

	n = country_rows(r, res, rows, &placed);
	rc = buf_printf(b, "{\"total\":%zu,\"no_country\":%lld", res->total,
	    (long long)res->total - (long long)placed);
	if (rc == WS_OK)
		rc = put_rows(b, "countries", rows, n, 1);
	if (rc == WS_OK)
		rc = buf_adds(b, ",\"regions\":[");
	areas = m49_areas(&nareas);
	for (i = 0, n = 0; rc == WS_OK && i < nareas; i++) {
		size_t ns = 0;

		if (areas[i].level != M49_REGION)
			continue;
		for (k = 0; k < nareas && ns < DIR_MAX_VALUES; k++)
			if (strcmp(areas[k].parent, areas[i].code) == 0)
				sub[ns++] = (struct row){ areas[k].code, m49_name(areas[k].code,
				    r->locale), NULL, NULL, count_of(res, DF_REGION, areas[k].code) };
		rc = buf_adds(b, n++ ? ",{" : "{");
		if (rc == WS_OK)
			rc = put_str(b, "code", areas[i].code, 0);
		if (rc == WS_OK)
			rc = put_str(b, "name", m49_name(areas[i].code, r->locale), 1);
		if (rc == WS_OK)
			rc = put_rows(b, "subregions", sub, ns, 0);
		if (rc == WS_OK)
			rc = put_count(b, count_of(res, DF_REGION, areas[i].code));
		if (rc == WS_OK)
			rc = buf_addc(b, '}');
	}
	if (rc == WS_OK)
		rc = buf_addc(b, ']');
	if (rc == WS_OK)
		rc = put_rows(b, "kinds", rows, facet_rows(r, res, DF_KIND, rows), 1);
	if (rc == WS_OK)
		rc = put_rows(b, "themes", rows, facet_rows(r, res, DF_THEME, rows), 1);
	free(rows);
	return rc == WS_OK ? buf_addc(b, '}') : rc;
}

enum ws_err
h_summary(struct req *r, struct resp *w)
{
	static const char *const approved[] = { "approved", NULL };
	struct dir_query q;
	struct dir_result res;
	const char *bad;
	json_t *v, *countries, *regions, *kinds, *themes;
	struct row *rows;
	size_t placed;
	enum ws_err rc;

	if (!r->app->dir)
		return WS_EUNAVAIL;
	directory_catch_up(r->app, req_db(r));
	memset(&q, 0, sizeof q);
	q.level = VIS_PUBLIC;	/* what everyone may see, nothing else */
	q.want[DF_STATUS] = approved;
	q.limit = 0;		/* counts only */
	q.unknown_empty = 1;	/* no member yet: zero, not an error */
	if ((rc = dir_index_query(r->app->dir, &q, &res, &bad)) != WS_OK)
		return rc;
	if (r->api) {
		rc = api_summary(r, &res, &w->raw);
		dir_result_free(&res);
		if (rc == WS_OK)
			w->ctype = "application/json";
		return rc;
	}

	rows = xcalloc(DIR_MAX_VALUES + 1, sizeof *rows);
	countries = rows_list(r, rows, country_rows(r, &res, rows, &placed));
	regions = region_list(r, &res);
	kinds = rows_list(r, rows, facet_rows(r, &res, DF_KIND, rows));
	themes = rows_list(r, rows, facet_rows(r, &res, DF_THEME, rows));
	free(rows);

	v = json_pack("{s:I,s:I,s:O,s:O,s:O,s:O}", "total", (json_int_t)res.total,
	    "no_country", (json_int_t)res.total - (json_int_t)placed, "countries", countries, "regions",
	    regions, "kinds", kinds, "themes", themes);
	if (!r->api) {
		json_object_set_new(v, "one", json_boolean(res.total == 1));
		json_object_set_new(v, "map", map_value(r, &res));
		json_object_set_new(v, "charts", json_pack("[o,o,o]",
		    chart(r, "by-region", N_("Member organizations by region"), N_("Region"),
		    regions),
		    chart(r, "by-kind", N_("Member organizations by kind"), N_("Kind"), kinds),
		    chart(r, "by-theme", N_("Member organizations by thematic area"),
		    N_("Thematic area"), themes)));
	}
	json_decref(countries);
	json_decref(regions);
	json_decref(kinds);
	json_decref(themes);
	dir_result_free(&res);
	resp_value(w, v);
	w->tpl = "summary";
	w->title = N_("Our members");
	return WS_OK;
}
