/*
 * leave.c -- a person and their organizations: leaving one, the list of
 * theirs (the account page, /api/v1/me), and what the organizations' side
 * of the hub does when a person deletes their account (they leave every
 * organization; the applications they filed forget their name and
 * address; an expert's profile is deleted, people_forget()).
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
	/* An expert's profile is not an organization's, but it goes with the
	 * account too, or /people would go on showing a deleted person's name
	 * and contact: this is where deleting an account reaches the areas. */
	if (rc == WS_OK)
		rc = people_forget(d, uid);
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
