/*
 * ahead.c -- the meetings still ahead of a country's pilot initiatives,
 * for its focal point's open opportunities (/country): each initiative of
 * the country that is not concluded, each of its meetings (events) that
 * starts after now and that the viewer may see (ini_brief).
 */
#include <string.h>

#include "app/app.h"
#include "app/initiatives/initiatives_int.h"
#include "core/util.h"
#include "db/db.h"

enum ws_err
initiatives_meetings_ahead(struct req *r, const char *code, int64_t now, json_t **out)
{
	struct ini_viewer v;
	json_t *rows = NULL, *s, *x, *b;
	enum ws_err rc;
	size_t i, k;

	ini_viewer_of(r, &v);
	*out = json_array();
	if ((rc = ini_of_country_rows(req_db(r), code, INITIATIVES_OF_MAX, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, s) {
		if (strcmp(json_string_value(json_object_get(s, "status")), "concluded") == 0)
			continue;
		json_array_foreach(json_object_get(s, "meetings"), k, x) {
			rc = ini_brief(req_db(r), 1, &v, json_integer_value(x), &b);
			if (rc == WS_ENOTFOUND)
				continue;
			if (rc != WS_OK)
				goto out;
			if (json_integer_value(json_object_get(b, "when")) > now)
				json_array_append_new(*out, json_pack("{s:s,s:O,s:O,s:s,s:s,s:O,s:O,"
				    "s:{s:O,s:O,s:s}}", "type", "initiative_meeting", "id",
				    json_object_get(b, "id"), "title", json_object_get(b, "title"), "href",
				    arena_printf(r->a, "/events/%lld", (long long)json_integer_value(x)),
				    "what", "meeting", "at", json_object_get(b, "when"), "timezone",
				    json_object_get(b, "timezone"), "initiative", "id", json_object_get(s,
				    "id"), "title", json_object_get(s, "title"), "href", arena_printf(r->a,
				    "/initiatives/%lld", (long long)json_integer_value(json_object_get(s,
				    "id")))));
			json_decref(b);
		}
	}
	rc = WS_OK;
out:
	json_decref(rows);
	return rc;
}
