/*
 * apps.c -- applications as JSON, their history, duplicate hints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

void
app_keys_of(struct arena *a, json_t *data, struct app_keys *k)
{
	json_t *o = json_object_get(data, "organization");
	json_t *c = json_object_get(data, "contact");
	json_t *x = json_object_get(data, "expert");
	const char *s;

	if (json_is_object(x)) {	/* a person: by name and address */
		k->country = arena_strdup(a, (s = json_string_value(json_object_get(x,
		    "country"))) ? s : "");
		k->norm_name = org_norm_name(a, (s = json_string_value(json_object_get(x,
		    "name"))) ? s : "");
		k->norm_acronym = k->website_domain = k->email_domain = arena_strdup(a, "");
		k->person_email = ascii_lower(arena_strdup(a, (s = json_string_value(
		    json_object_get(c, "email"))) ? s : ""));
		return;
	}
	k->person_email = NULL;
	k->country = arena_strdup(a, (s = json_string_value(json_object_get(o, "country"))) ?
	    s : "");
	k->norm_name = org_norm_name(a, (s = json_string_value(json_object_get(o, "name"))) ?
	    s : "");
	k->norm_acronym = org_norm_name(a, (s = json_string_value(json_object_get(o,
	    "acronym"))) ? s : "");
	k->website_domain = url_domain(a, json_string_value(json_object_get(o, "website")));
	k->email_domain = email_org_domain(a, json_string_value(json_object_get(c, "email")));
}

json_t *
app_duplicates(struct req *r, struct db *d, int64_t self, const struct app_keys *k)
{
	json_t *out = json_array();
	struct arena *a = arena_new();
	struct dup_keys dk;
	struct db_q *q;

	org_dupkeys_of(a, k, &dk);
	q = db_start(d, ST_ORG_DUPS);
	org_dupkeys_bind(q, 1, &dk);
	while (db_step(q) == WS_OK)	/* id, name, status, rule */
		json_array_append_new(out, json_pack("{s:I,s:s,s:s,s:s,s:b}",
		    "id", (json_int_t)db_col_int(q, ORG_DUPS_C_ID), "name",
		    db_col_text(q, ORG_DUPS_C_NAME), "why",
		    org_dupkeys_why((int)db_col_int(q, ORG_DUPS_C_RULE)), "type", "organization",
		    "is_member_org", strcmp(db_col_text(q, ORG_DUPS_C_STATUS), "approved") == 0));
	db_end(q);
	q = db_start(d, ST_APP_DUPS);
	org_dupkeys_bind(q, 1, &dk);
	db_bind_int(q, 1 + DUP__MAX, self);
	while (db_step(q) == WS_OK) {	/* id, data, rule */
		json_error_t err;
		json_t *data = json_loads(db_col_text(q, APP_DUPS_C_DATA), 0, &err);
		const char *name = json_string_value(json_object_get(json_object_get(data,
		    "organization"), "name"));

		if (!name)	/* an expert's */
			name = json_string_value(json_object_get(json_object_get(data,
			    "expert"), "name"));

		json_array_append_new(out, json_pack("{s:I,s:s,s:s,s:s}",
		    "id", (json_int_t)db_col_int(q, APP_DUPS_C_ID), "name", name ? name : "",
		    "why", org_dupkeys_why((int)db_col_int(q, APP_DUPS_C_RULE)), "type",
		    "application"));
		json_decref(data);
	}
	db_end(q);
	arena_free(a);
	(void)r;
	return out;
}

json_t *
app_public_duplicates(struct req *r, const char *name)
{
	json_t *out = json_array();
	struct db_q *q;

	if (!name || !*name)
		return out;
	q = db_start(req_db(r), ST_ORG_SAME_NAME);
	db_bind_text(q, 1, org_norm_name(r->a, name));
	while (db_step(q) == WS_OK)
		json_array_append_new(out, json_pack("{s:I,s:s,s:b}", "id",
		    (json_int_t)db_col_int(q, ORG_SAME_NAME_C_ID),
		    "name", db_col_text(q, ORG_SAME_NAME_C_NAME), "is_member_org", 1));
	db_end(q);
	return out;
}

json_t *
app_for_viewer(struct req *r, json_t *a)
{
	if (r->user && r->user->role >= ROLE_STAFF)
		return a;
	json_object_set_new(a, "duplicates", app_public_duplicates(r, json_string_value(
	    json_object_get(json_object_get(a, "organization"), "name"))));
	return a;
}

static json_t *
time_or_null(struct db_q *q, int i)
{
	char ts[32];

	if (db_col_null(q, i))
		return json_null();
	time_rfc3339((time_t)db_col_int(q, i), ts, sizeof ts);
	return json_string(ts);
}

json_t *
app_from_row(struct db_q *q)
{
	json_error_t err;
	json_t *data = json_loads(db_col_text(q, APP_C_DATA), 0, &err), *o;
	json_t *dups = json_loads(db_col_text(q, APP_C_DUPLICATES), 0, &err);
	const char *status = db_col_text(q, APP_C_STATUS);

	if (!data)
		data = json_object();
	o = json_pack("{s:I,s:s,s:O,s:O,s:b,s:s,s:o,s:o,s:o,s:{s:I,s:s,s:s}}",
	    "id", (json_int_t)db_col_int(q, APP_C_ID), "kind", db_col_text(q, APP_C_KIND),
	    "organization", json_object_get(data, "organization") ?
	    json_object_get(data, "organization") : json_null(),
	    "contact", json_object_get(data, "contact") ? json_object_get(data, "contact") :
	    json_null(),
	    "consent", json_is_true(json_object_get(data, "consent")),
	    "status", status,
	    "duplicates", dups ? dups : json_array(),
	    "submitted_at", time_or_null(q, APP_C_SUBMITTED_AT),
	    "decided_at", time_or_null(q, APP_C_DECIDED_AT),
	    "applicant", "id", (json_int_t)db_col_int(q, APP_C_USER_ID),
	    "email", db_col_text(q, APP_C_USER_EMAIL), "name", db_col_text(q, APP_C_USER_NAME));
	if (o && json_object_get(data, "expert"))
		json_object_set(o, "expert", json_object_get(data, "expert"));
	if (o && json_object_get(data, "focal"))
		json_object_set(o, "focal", json_object_get(data, "focal"));
	if (o && json_object_get(data, "government_focal_point"))
		json_object_set(o, "government_focal_point", json_object_get(data,
		    "government_focal_point"));
	if (o && json_object_get(data, "message"))
		json_object_set(o, "message", json_object_get(data, "message"));
	json_decref(data);
	if (!o)
		return json_object();
	if (json_is_null(json_object_get(o, "organization")))
		json_object_del(o, "organization");	/* an expert's */
	if (!db_col_null(q, APP_C_REASON))
		json_object_set_new(o, "reason", json_string(db_col_text(q, APP_C_REASON)));
	if (!db_col_null(q, APP_C_ORG_ID))
		json_object_set_new(o, "organization_id",
		    json_integer(db_col_int(q, APP_C_ORG_ID)));
	if (!db_col_null(q, APP_C_DECIDER_NAME))
		json_object_set_new(o, "decided_by",
		    json_string(db_col_text(q, APP_C_DECIDER_NAME)));
	{	/* for templates: {{#status_pending}} */
		char key[40];

		snprintf(key, sizeof key, "status_%s", status);
		json_object_set_new(o, key, json_true());
	}
	return o;
}

enum ws_err
app_load(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_APP_GET);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_step(q);
	if (rc == WS_OK)
		*out = app_from_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
app_event(struct db *d, int64_t app_id, int64_t user_id, const char *action,
    const char *note)
{
	struct db_q *q = db_start(d, ST_APP_EVENT_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, app_id);
	db_bind_int(q, 2, now_s());
	if (user_id > 0)
		db_bind_int(q, 3, user_id);
	else
		db_bind_null(q, 3);
	db_bind_text(q, 4, action);
	db_bind_text(q, 5, note);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* What a history line says, in English (pages translate it). */
static const char *
event_label(const char *action)
{
	static const char *const labels[][2] = {
		{"submitted", N_("Sent")},
		{"confirmed", N_("Email address confirmed")},
		{"approved", N_("Approved")},
		{"rejected", N_("Not accepted")},
		{"info_requested", N_("More information requested")},
		{"resubmitted", N_("Sent again")},
		{"note", N_("Note")},
	};
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], action) == 0)
			return labels[i][1];
	return action;
}

json_t *
app_events(struct req *r, int64_t app_id, int with_notes)
{
	struct db_q *q = db_start(req_db(r), ST_APP_EVENT_LIST);
	json_t *out = json_array();
	char ts[32];

	db_bind_int(q, 1, app_id);
	while (db_step(q) == WS_OK) {
		const char *action = db_col_text(q, APP_EVENT_LIST_C_ACTION);

		if (!with_notes && strcmp(action, "note") == 0)
			continue;
		time_rfc3339((time_t)db_col_int(q, APP_EVENT_LIST_C_AT), ts, sizeof ts);
		json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:s?,s:s?}", "at", ts,
		    "action", action, "label", view_tr(r->app->views, r->locale, event_label(action)),
		    "note", db_col_text(q, APP_EVENT_LIST_C_NOTE),
		    "by", db_col_text(q, APP_EVENT_LIST_C_USER_NAME)));
	}
	db_end(q);
	return out;
}

enum ws_err
app_insert(struct db *d, int64_t user_id, const char *kind, int64_t org_id, json_t *data,
    const char *status, json_t *dups, const struct app_keys *k, int64_t *id)
{
	static const struct app_keys none = { "", "", "", "", "", NULL };
	struct db_q *q;
	char *text = json_dumps(data, JSON_COMPACT);
	char *dtext = dups ? json_dumps(dups, JSON_COMPACT) : strdup("[]");
	enum ws_err rc;
	time_t now = now_s();

	if (!k)
		k = &none;
	q = db_start(d, ST_APP_INSERT);
	db_bind_int(q, 1, user_id);
	db_bind_text(q, 2, kind);
	if (org_id)
		db_bind_int(q, 3, org_id);
	else
		db_bind_null(q, 3);
	db_bind_text(q, 4, k->country);
	db_bind_text(q, 5, text);
	db_bind_text(q, 6, status);
	db_bind_text(q, 7, dtext);
	db_bind_text(q, 8, k->norm_name);
	db_bind_text(q, 9, k->norm_acronym);
	db_bind_text(q, 10, k->website_domain);
	db_bind_text(q, 11, k->email_domain);
	db_bind_int(q, 12, now);
	db_bind_int(q, 13, now);
	db_bind_int(q, 14, now);
	rc = db_step(q);
	if (rc == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	free(text);
	free(dtext);
	if (rc == WS_EDONE)
		rc = WS_EDB;
	if (rc == WS_OK && (strcmp(kind, "organization") == 0 || strcmp(kind, "expert") == 0))
		rc = org_dupkeys_put_app(d, *id, k);
	if (rc == WS_OK)
		rc = app_event(d, *id, user_id, "submitted", NULL);
	return rc;
}
