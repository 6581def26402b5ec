/*
 * logo.c -- organizations' logos: accepted from the join and edit forms
 * (PNG, JPEG or WebP, at most 1 MB, the type sniffed from the bytes; anything
 * else is refused, including a file that claims to be an image but is not),
 * stored in the files table, served (streamed, app_file_send) with the
 * sniffed type and headers that stop a browser from treating them as
 * anything else.
 */
#include <sodium.h>
#include <string.h>

#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "core/sniff.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define LOGO_MAX (1 << 20)

static const char *const logo_types[] = { "image/png", "image/jpeg", "image/webp", NULL };

/* The uploaded file of field name, or NULL (an empty file input sends a
 * part with no bytes: that is no file). */
static const struct upload *
upload_of(struct req *r, const char *name)
{
	int i;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, name) == 0 && r->files[i].len > 0)
			return &r->files[i];
	return NULL;
}

enum ws_err
logo_check(struct req *r, json_t **errors, const char **type)
{
	const struct upload *u = upload_of(r, "logo");
	char mime[100];
	const char *const *t;

	*type = NULL;
	if (!u)
		return WS_OK;
	if (!*errors)
		*errors = json_object();
	if (u->len > LOGO_MAX) {
		json_object_set_new(*errors, "logo", json_string(view_tr(r->app->views, r->locale,
		    N_("The logo must be at most 1 MB."))));
		return WS_EINVAL;
	}
	sniff_mime(u->data, u->len, mime, sizeof mime);
	for (t = logo_types; *t; t++)
		if (strcmp(*t, mime) == 0)
			break;
	if (!*t) {
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
	const struct upload *u = upload_of(r, "logo");
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	struct db_q *q;
	enum ws_err rc;

	*file_id = 0;
	if (!u || !type)
		return WS_OK;
	crypto_hash_sha256(h, (const unsigned char *)u->data, u->len);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	q = db_start(d, ST_FILE_INSERT);
	db_bind_text(q, 1, "logo");
	db_bind_text(q, 2, type);
	db_bind_int(q, 3, (int64_t)u->len);
	db_bind_text(q, 4, hex);
	db_bind_blob(q, 5, u->data, u->len);
	if (r->user)
		db_bind_int(q, 6, r->user->id);
	else
		db_bind_null(q, 6);
	db_bind_int(q, 7, now_s());
	rc = db_step(q);
	if (rc == WS_OK)
		*file_id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
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
