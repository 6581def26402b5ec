/*
 * pages.c -- home, health check and static files.
 *
 * Static files are compiled into the binary.  Each is served with a strong
 * ETag (its SHA-256 prefix), Cache-Control, and gzip when the client accepts
 * it; compressed copies are made once, on first use.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "app/app.h"
#include "app/calls/calls.h"
#include "app/news/news.h"
#include "app/opportunities/opportunities.h"
#include "app/pages/pages.h"
#include "app/resources/resources.h"
#include "core/mem.h"
#include "db/db.h"
#include "views/assets.h"
#include "views/view.h"

#define HOME_OPPS 3	/* opportunities (or open calls) the home page shows */
#define HOME_NEWS 3	/* news items the home page shows, besides the highlight */

enum ws_err
h_home(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:s,s:o}", "site", r->app->cfg.org_name, "new_resources",
	    res_newest(r, 5)));
	/* the newest highlight and news items the caller may read */
	json_object_update_new(w->val, news_home(r, HOME_NEWS));
	/* a person's next opportunities; a visitor's, the calls open to everyone */
	if (r->user) {
		json_object_set_new(w->val, "opportunities", opp_next(r, HOME_OPPS));
		json_object_set_new(w->val, "verify_email", json_boolean(!r->user->verified_at));
	} else
		json_object_set_new(w->val, "open_calls", calls_open_public(r, HOME_OPPS));
	w->tpl = "home";
	w->title = N_("Home");
	return WS_OK;
}

enum ws_err
h_healthz(struct req *r, struct resp *w)
{
	enum ws_err rc = db_ping(req_db(r));

	w->ctype = "text/plain; charset=utf-8";
	resp_header(w, "Cache-Control", "no-store");
	if (rc != WS_OK) {
		w->status = 503;
		return buf_adds(&w->raw, "database unavailable\n");
	}
	return buf_adds(&w->raw, "ok\n");
}

#define MAX_STATIC 64

struct gz {
	const struct asset *a;
	char etag[24];
	unsigned char *z;
	size_t zlen;
};

static struct gz gz_cache[MAX_STATIC];
static int gz_n;
static pthread_mutex_t gz_mu = PTHREAD_MUTEX_INITIALIZER;

static const struct gz *
gz_for(const struct asset *a)
{
	struct gz *g = NULL;
	unsigned char h[crypto_hash_sha256_BYTES];
	z_stream zs;
	int i;

	pthread_mutex_lock(&gz_mu);
	for (i = 0; i < gz_n; i++)
		if (gz_cache[i].a == a)
			g = &gz_cache[i];
	if (!g && gz_n < MAX_STATIC) {
		g = &gz_cache[gz_n++];
		g->a = a;
		crypto_hash_sha256(h, (const unsigned char *)a->data, a->len);
		g->etag[0] = '"';
		sodium_bin2hex(g->etag + 1, 17, h, 8);
		g->etag[17] = '"';
		g->etag[18] = '\0';
		memset(&zs, 0, sizeof zs);
		g->zlen = compressBound(a->len) + 32;
		g->z = xmalloc(g->zlen);
		if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK) {
			zs.next_in = (unsigned char *)a->data;
			zs.avail_in = (unsigned)a->len;
			zs.next_out = g->z;
			zs.avail_out = (unsigned)g->zlen;
			if (deflate(&zs, Z_FINISH) == Z_STREAM_END)
				g->zlen = zs.total_out;
			else
				g->zlen = 0;
			deflateEnd(&zs);
		} else {
			g->zlen = 0;
		}
	}
	pthread_mutex_unlock(&gz_mu);
	return g;
}

static const char *
mime_for(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

enum ws_err
h_static(struct req *r, struct resp *w)
{
	const char *name = arena_printf(r->a, "static/%s", r->params[0]);
	const struct asset *a = asset_find(name);
	const struct gz *g;
	const char *inm, *ae;

	if (!a || strstr(r->params[0], ".."))
		return WS_ENOTFOUND;
	g = gz_for(a);
	w->ctype = mime_for(name);
	resp_header(w, "Cache-Control", "public, max-age=86400");
	resp_header(w, "Vary", "Accept-Encoding");
	if (g)
		resp_header(w, "ETag", g->etag);
	inm = req_header(r, "If-None-Match");
	if (g && inm && strcmp(inm, g->etag) == 0) {
		w->status = 304;
		return WS_OK;
	}
	ae = req_header(r, "Accept-Encoding");
	if (g && g->zlen && ae && strstr(ae, "gzip") && g->zlen < a->len) {
		resp_header(w, "Content-Encoding", "gzip");
		return buf_add(&w->raw, g->z, g->zlen);
	}
	return buf_add(&w->raw, a->data, a->len);
}
