/*
 * useradd.c -- an account made by an operator rather than through sign-up:
 * `whatson user add` (main.c) and, in test builds, the tests' set-up
 * (app/testhooks.c).  Active and verified; a member of an organization
 * when one is given, with the organization's history and the audit log
 * saying how it came.
 */
#include "app/accounts/accounts.h"
#include "app/admin/admin.h"
#include "app/app.h"
#include "app/orgs/orgs.h"
#include "db/db.h"

enum ws_err
admin_user_add(struct app *app, struct db *d, const char *email, const char *name,
    const char *hash, const char *role, int64_t org, const char *via, int64_t *id)
{
	enum ws_err rc;

	if (org) {	/* the organization must exist; the person joins it */
		json_t *row;

		if ((rc = org_load(d, org, &row)) != WS_OK)
			return rc;
		json_decref(row);
	}
	rc = user_create_hashed(d, email, name, hash, role, 1, org, id);
	if (rc == WS_OK && org)
		rc = org_member_add(d, org, *id, 0, "", (enum role)role_parse(role));
	if (rc == WS_OK && org)
		org_history_add(app, d, org, 0, *id, "organization.person_added", via, NULL);
	if (rc == WS_OK)
		app_audit(app, d, *id, "user.add", via, role);
	return rc;
}
