/*
 * opportunities.c -- the open opportunities for a government on its
 * focal point's view (/country and /api/v1/country, the country's own
 * focal point only): the constructive dialogues still ahead that concern
 * the country (dialogues_ahead_of_country) and the meetings still ahead
 * of its pilot initiatives (initiatives_meetings_ahead), soonest first,
 * each with its date in the reader's zone and its link.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/countries/countries_int.h"
#include "app/dialogues/dialogues.h"
#include "app/events/events.h"
#include "app/initiatives/initiatives.h"
#include "core/util.h"
#include "views/view.h"

/* Orders items by their instant, then type and id. */
static int
at_cmp(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int64_t x = json_integer_value(json_object_get(a, "at"));
	int64_t y = json_integer_value(json_object_get(b, "at"));
	int c;

	if (x != y)
		return x < y ? -1 : 1;
	if ((c = strcmp(json_string_value(json_object_get(a, "type")),
	    json_string_value(json_object_get(b, "type")))) != 0)
		return c;
	return json_integer_value(json_object_get(a, "id")) <
	    json_integer_value(json_object_get(b, "id")) ? -1 : 1;
}

enum ws_err
country_section_opportunities(struct req *r, const char *code, json_t *page)
{
	json_t *dl = NULL, *mt = NULL, *list = json_array(), *x, **v = NULL;
	int64_t now = now_s();
	enum ws_err rc;
	size_t i, n;

	if ((rc = dialogues_ahead_of_country(r, code, now, &dl)) != WS_OK ||
	    (rc = initiatives_meetings_ahead(r, code, now, &mt)) != WS_OK)
		goto out;
	n = json_array_size(dl) + json_array_size(mt);
	v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		abort();
	n = 0;
	json_array_foreach(dl, i, x)
		v[n++] = x;
	json_array_foreach(mt, i, x)
		v[n++] = x;
	qsort(v, n, sizeof *v, at_cmp);
	for (i = 0; i < n; i++) {
		json_t *o = json_deep_copy(v[i]), *when = events_when(r, json_string_value(
		    json_object_get(o, "timezone")), json_integer_value(json_object_get(o, "at")));
		const char *what = json_string_value(json_object_get(o, "what"));

		json_object_set(o, "date", json_object_get(when, "datetime"));
		if (!r->api) {
			json_object_set(o, "when", when);
			json_object_set_new(o, "is_meeting", json_boolean(strcmp(what, "meeting") == 0));
			json_object_set_new(o, "what_label", json_string(view_tr(r->app->views,
			    r->locale, strcmp(what, "call_closes") == 0 ? N_("Applications close") :
			    strcmp(what, "preparation_day") == 0 ? N_("Preparation day") :
			    strcmp(what, "dialogue") == 0 ? N_("Constructive dialogue") :
			    N_("Initiative meeting"))));
		}
		json_object_del(o, "at");
		json_object_del(o, "timezone");
		json_decref(when);
		json_array_append_new(list, o);
	}
	json_object_set(page, "opportunities", list);
out:
	free(v);
	json_decref(dl);
	json_decref(mt);
	json_decref(list);
	return rc;
}
