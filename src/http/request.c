/*
 * request.c -- accessors for struct req and builders for struct resp.
 */
#include <microhttpd.h>
#include <string.h>

#include "core/config.h"
#include "db/db.h"
#include "http/http_int.h"

struct db *
req_db(struct req *r)
{
	if (!r->db)
		r->db = db_acquire(r->site->pool);
	return r->db;
}

const char *
req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
req_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_all {
	const char *name;
	const char **out;
	size_t n, max;
	struct arena *a;
};

static enum MHD_Result
query_all_cb(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct query_all *c = cls;

	(void)kind;
	if (value && *value && strcmp(key, c->name) == 0 && c->n < c->max)
		c->out[c->n++] = arena_strdup(c->a, value);
	return MHD_YES;
}

size_t
req_query_all(struct req *r, const char *name, const char **out, size_t max)
{
	struct query_all c = { name, out, 0, max, r->a };

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_all_cb, &c);
	return c.n;
}

static enum MHD_Result
query_object_cb(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	json_t *o = cls, *old = json_object_get(o, key), *v;

	(void)kind;
	if (!key || !(v = json_string(value ? value : "")))
		return MHD_YES;	/* not UTF-8: as absent; form_check finds nothing */
	if (!old) {
		json_object_set_new(o, key, v);
	} else if (json_is_array(old)) {
		if (json_array_size(old) < 1000)
			json_array_append_new(old, v);
		else
			json_decref(v);
	} else {
		json_object_set_new(o, key, json_pack("[Oo]", old, v));
	}
	return MHD_YES;
}

json_t *
query_object(struct req *r)
{
	json_t *o = json_object();

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_object_cb, o);
	return o;
}

const char *
req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *
req_field(struct req *r, const char *name)
{
	json_t *v = r->in ? json_object_get(r->in, name) : NULL;

	if (json_is_array(v))
		v = json_array_get(v, json_array_size(v) - 1);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

void
resp_header(struct resp *w, const char *name, const char *value)
{
	if (w->nheaders >= RESP_MAX_HEADERS)
		return;
	w->headers[w->nheaders][0] = name;
	w->headers[w->nheaders][1] = value;
	w->nheaders++;
}

const char *
http_session_cookie(const struct req *r)
{
	return r->site->cfg->https ? "__Host-ws_session" : "ws_session";
}

void
resp_cookie(struct req *r, struct resp *w, const char *name, const char *value, int max_age)
{
	const char *secure = r->site->cfg->https ? "; Secure" : "";
	char *c;

	if (w->ncookies >= 4)
		return;
	if (max_age < 0)
		c = arena_printf(r->a, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
		    name, secure);
	else if (max_age == 0)
		c = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, value,
		    secure);
	else
		c = arena_printf(r->a, "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
		    name, value, max_age, secure);
	w->cookies[w->ncookies++] = c;
}

void
resp_redirect(struct resp *w, const char *path)
{
	w->redirect = path;
}

void
resp_value(struct resp *w, json_t *val)
{
	json_decref(w->val);
	w->val = val;
}

static const char *const role_names[] = {
	[ROLE_ANON] = "anon", [ROLE_APPLICANT] = "applicant", [ROLE_MEMBER] = "member", [ROLE_FOCAL] = "focal",
	[ROLE_STAFF] = "staff", [ROLE_ADMIN] = "admin",
};
_Static_assert(sizeof role_names / sizeof role_names[0] == ROLE__MAX, "role_names");

const char *
role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : "anon";
}

int
role_parse(const char *s)
{
	int i;

	for (i = 0; s && i < ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

const struct upload *
req_upload(struct req *r, const char *name)
{
	int i;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, name) == 0 && r->files[i].size > 0)
			return &r->files[i];
	return NULL;
}
