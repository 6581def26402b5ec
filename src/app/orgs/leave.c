/*
 * leave.c -- a person and their organizations: leaving one, the list of
 * theirs (the account page, /api/v1/me), and what the organizations' side
 * of the hub does when a person deletes their account (they leave every
 * organization; the applications they filed forget their name and
 * address, and the person's own fields in them are blanked).
 *
 * Leaving writes the audit line "organization.person_left" with the detail
 * "organization N, user M", the shape removal's lines have, so an
 * organization's timeline built from the audit log finds it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "app/people/people.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char LAST_ADMIN_LEAVE[] = N_("You are the organization's last administrator. "
    "Make someone else an administrator before you leave.");

enum ws_err
orgs_of_person(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_MEMBER_ORGS_OF);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:b,s:s}",
		    "id", (json_int_t)db_col_int(q, MEMBER_ORGS_OF_C_ID),
		    "name", db_col_text(q, MEMBER_ORGS_OF_C_NAME),
		    "admin", db_col_int(q, MEMBER_ORGS_OF_C_IS_ADMIN) != 0,
		    "status", db_col_text(q, MEMBER_ORGS_OF_C_STATUS)));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

enum ws_err
orgs_person_apps(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_APP_BY_USER);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, app_from_row(q));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

/* POST /organizations/{id}/leave: r's user leaves the organization.  Not
 * one of its people: 404 (nothing says whether the organization exists to
 * them).  Its last administrator stays until another exists: 409. */
enum ws_err
h_org_leave(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	int64_t org_id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &org_id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	/* A member left with no organization becomes an applicant again,
	 * unless an approved expert (ST_USER_AFTER_LEAVE). */
	rc = org_member_remove(d, org_id, r->user->id, 0);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "organization.person_left", r->ip,
		    arena_printf(r->a, "organization %lld, user %lld", (long long)org_id,
		    (long long)r->user->id));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ECONFLICT)
			w->detail = LAST_ADMIN_LEAVE;
		else if (rc == WS_ENOTFOUND)
			w->detail = N_("You are not one of this organization's people.");
		return rc;
	}
	resp_value(w, json_pack("{s:I,s:I,s:b}", "organization_id", (json_int_t)org_id,
	    "user_id", (json_int_t)r->user->id, "left", 1));
	resp_redirect(w, "/account");
	return WS_OK;
}

enum ws_err
orgs_forget_person(struct req *r, struct db *d, int64_t uid, json_t **blocking)
{
	json_t *orgs = NULL, *o;
	enum ws_err rc;
	size_t i;

	*blocking = NULL;
	if ((rc = orgs_of_person(d, uid, &orgs)) != WS_OK)
		return rc;
	json_array_foreach(orgs, i, o) {
		int64_t org_id = json_integer_value(json_object_get(o, "id")), others = 0;
		struct db_q *q;

		if ((rc = org_lock(d, org_id)) != WS_OK)
			break;
		rc = org_last_admin_check(d, org_id, uid);
		if (rc == WS_ECONFLICT) {
			/* the last admin alone may go; with people left, not */
			q = db_start(d, ST_MEMBER_COUNT_OTHERS);
			db_bind_int(q, 1, org_id);
			db_bind_int(q, 2, uid);
			if ((rc = db_step(q)) == WS_OK)
				others = db_col_int(q, 0);
			db_end(q);
			if (rc == WS_OK && others > 0) {
				*blocking = json_incref(o);
				rc = WS_ECONFLICT;
			}
		}
		if (rc == WS_OK)
			rc = org_member_remove(d, org_id, uid, 1);
		if (rc != WS_OK)
			break;
		app_audit(r->app, d, uid, "organization.person_left", r->ip, arena_printf(r->a,
		    "organization %lld, user %lld", (long long)org_id, (long long)uid));
	}
	json_decref(orgs);
	return rc;
}

enum ws_err
orgs_forget_text(struct db *d, int64_t uid, const char *from, const char *to)
{
	json_t *jf = json_string(from), *jt = json_string(to);
	char *ef = json_dumps(jf, JSON_ENCODE_ANY | JSON_COMPACT);
	char *et = json_dumps(jt, JSON_ENCODE_ANY | JSON_COMPACT);
	int whole = strlen(from) < FORGET_IN_TEXT_MIN;
	struct db_q *q;
	enum ws_err rc;

	/* The data is JSON text: the string as it is escaped there (its
	 * encoding without the quotes), whole or inside a longer text, becomes
	 * the other; notes are plain text.  A string shorter than
	 * FORGET_IN_TEXT_MIN ("Al") would also be part of other words: then
	 * only whole values (quotes included) are replaced, and notes kept. */
	if (!whole) {
		ef[strlen(ef) - 1] = '\0';
		et[strlen(et) - 1] = '\0';
	}
	q = db_start(d, ST_APP_FORGET);
	db_bind_text(q, 1, ef + !whole);
	db_bind_text(q, 2, et + !whole);
	db_bind_int(q, 3, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK && !whole) {
		q = db_start(d, ST_APP_EVENT_FORGET);
		db_bind_text(q, 1, from);
		db_bind_text(q, 2, to);
		db_bind_int(q, 3, uid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	free(ef);
	free(et);
	json_decref(jf);
	json_decref(jt);
	return rc;
}

/* The person's own part of an application's data: an expert's profile
 * and the contact of any application, the message of a request to join,
 * the title a focal point gave.  The organization's fields are not. */
static const char *const personal_parts[] = { "expert", "contact", NULL };

/* Blanks the strings of object o (a name becomes name_to) and empties its
 * lists; true and false, numbers stay. */
static void
blank_object(json_t *o, const char *name_to)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		if (json_is_string(v))
			json_object_set_new(o, k, json_string(strcmp(k, "name") == 0 ? name_to : ""));
		else if (json_is_array(v))
			json_object_set_new(o, k, json_array());
		else if (json_is_object(v))
			blank_object(v, name_to);
	}
}

/* In the history notes of uid's applications, s (one of the person's
 * values in data) becomes to; a short one is left (it could be part of
 * other words). */
static enum ws_err
forget_in_notes(struct db *d, int64_t uid, json_t *s, const char *to)
{
	struct db_q *q;
	enum ws_err rc;

	if (!json_is_string(s) || json_string_length(s) < FORGET_IN_TEXT_MIN)
		return WS_OK;
	q = db_start(d, ST_APP_EVENT_FORGET);
	db_bind_text(q, 1, json_string_value(s));
	db_bind_text(q, 2, to);
	db_bind_int(q, 3, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
orgs_forget_apps(struct db *d, int64_t uid, const char *name_to, const char *addr_to)
{
	json_t *apps = json_array(), *it;
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	/* read them all first: the connection runs one statement at a time */
	q = db_start(d, ST_APP_DATA_OF_USER);
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		json_error_t err;
		json_t *data = json_loads(db_col_text(q, APP_DATA_OF_USER_C_DATA), 0, &err);

		json_array_append_new(apps, json_pack("{s:I,s:o}", "id",
		    (json_int_t)db_col_int(q, APP_DATA_OF_USER_C_ID), "data",
		    data ? data : json_object()));
	}
	db_end(q);
	rc = rc == WS_EDONE ? WS_OK : rc;
	json_array_foreach(apps, i, it) {
		json_t *data = json_object_get(it, "data");
		json_t *x = json_object_get(data, "expert"), *c = json_object_get(data, "contact");
		int64_t id = json_integer_value(json_object_get(it, "id"));
		const char *const *part;
		char *text;

		if (rc != WS_OK)
			break;
		/* what staff may have quoted in a note, before it goes */
		rc = forget_in_notes(d, uid, json_object_get(x, "name"), name_to);
		if (rc == WS_OK)
			rc = forget_in_notes(d, uid, json_object_get(c, "name"), name_to);
		if (rc == WS_OK)
			rc = forget_in_notes(d, uid, json_object_get(c, "email"), addr_to);
		if (rc == WS_OK)
			rc = forget_in_notes(d, uid, json_object_get(c, "phone"), "");
		if (rc != WS_OK)
			break;
		for (part = personal_parts; *part; part++)
			if (json_is_object(json_object_get(data, *part)))
				blank_object(json_object_get(data, *part), name_to);
		if (json_is_string(json_object_get(data, "message")))
			json_object_set_new(data, "message", json_string(""));
		if (json_is_object(json_object_get(data, "focal")) &&
		    json_is_string(json_object_get(json_object_get(data, "focal"), "title")))
			json_object_set_new(json_object_get(data, "focal"), "title", json_string(""));
		text = json_dumps(data, JSON_COMPACT);
		q = db_start(d, ST_APP_DATA_FORGET);
		db_bind_text(q, 1, text);
		db_bind_int(q, 2, id);
		db_bind_int(q, 3, uid);
		rc = db_exec(q, NULL);
		db_end(q);
		free(text);
		/* an expert's duplicate keys are their name and address: none now */
		if (rc == WS_OK && x) {
			struct app_keys none = { "", "", "", "", "", "" };

			rc = org_dupkeys_put_app(d, id, &none);
		}
	}
	json_decref(apps);
	return rc;
}

enum ws_err
orgs_forget_contact(struct db *d, const char *addr)
{
	struct db_q *q = db_start(d, ST_ORG_CONTACT_FORGET);
	enum ws_err rc;

	db_bind_text(q, 1, addr);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}
