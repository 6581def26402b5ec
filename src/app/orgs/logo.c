/*
 * logo.c -- organizations' logos: accepted from the join and edit forms
 * (PNG, JPEG or WebP, at most --logo-max, 1 MB by default, the type sniffed
 * from the first bytes; anything else is refused, including a file that
 * claims to be an image but is not), streamed into the file store as the
 * form arrived (files.h: kind "upload") and claimed as kind "logo" by the
 * handler that keeps it, served (streamed, app_file_send) with the
 * sniffed type and headers that stop a browser from treating them as
 * anything else.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "core/sniff.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "views/view.h"

static const char *const logo_types[] = { "image/png", "image/jpeg", "image/webp", NULL };

/* "The logo must be at most {{mb}} MB." in r's language, with the limit. */
static json_t *
too_big_message(struct req *r)
{
	const char *t = view_tr(r->app->views, r->locale, N_("The logo must be at most {{mb}} MB."));
	const char *at = strstr(t, "{{mb}}");
	char mb[24];

	snprintf(mb, sizeof mb, "%zu", http_upload_max(&r->app->cfg, UPLOAD_LOGO) / CONFIG_MB);
	if (!at)
		return json_string(t);
	return json_string(arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, mb, at + 6));
}

enum ws_err
logo_check(struct req *r, json_t **errors, const char **type)
{
	const struct upload *u = req_upload(r, "logo");
	char mime[100];
	const char *const *t;

	*type = NULL;
	if (!u)
		return WS_OK;
	if (!*errors)
		*errors = json_object();
	if (u->too_big || (uint64_t)u->size > http_upload_max(&r->app->cfg, UPLOAD_LOGO)) {
		json_object_set_new(*errors, "logo", too_big_message(r));
		return WS_EINVAL;
	}
	sniff_mime(u->head, u->head_len, mime, sizeof mime);
	for (t = logo_types; *t; t++)
		if (strcmp(*t, mime) == 0)
			break;
	if (!*t || !u->id) {
		json_object_set_new(*errors, "logo", json_string(view_tr(r->app->views, r->locale,
		    N_("The logo must be a PNG, JPEG or WebP image."))));
		return WS_EINVAL;
	}
	*type = *t;
	if (json_object_size(*errors) == 0) {	/* made here, nothing to say */
		json_decref(*errors);
		*errors = NULL;
	}
	return WS_OK;
}

enum ws_err
logo_store(struct req *r, struct db *d, const char *type, int64_t *file_id)
{
	const struct upload *u = req_upload(r, "logo");
	enum ws_err rc;

	*file_id = 0;
	if (!u || !type)
		return WS_OK;
	if ((rc = file_claim(d, u->id, "logo", type)) == WS_OK)
		*file_id = u->id;
	return rc == WS_ENOTFOUND ? WS_EDB : rc;
}

/* Streamed from the file store (app_file_send): ETag, 304, Range; a
 * sandbox so that no browser runs it as a page. */
enum ws_err
logo_serve(struct req *r, struct resp *w, int64_t file_id)
{
	resp_header(w, "Cache-Control", "private, max-age=3600");
	resp_header(w, "Content-Security-Policy", "default-src 'none'; sandbox");
	return app_file_send(r, w, file_id, "logo", 0, "logo");
}
