/*
 * seed.c -- the demo's pilot initiatives (`whatson seed --demo`): one
 * active in Kenya with its partners, updates and a published output, and
 * one proposed, each written once (known by its title), each in one
 * transaction.
 */
#include <string.h>

#include "app/app.h"
#include "app/initiatives/initiatives_int.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"

static const char active_title[] = "Kenya pilot initiative on following up the country review";
static const char proposed_title[] = "Kenya pilot initiative on firearms and community safety";

/* The ids statement s gives, as a JSON array.  New reference. */
static json_t *
ids_of(struct db *d, enum db_stmt s)
{
	struct db_q *q = db_start(d, s);
	json_t *out = json_array();

	while (db_step(q) == WS_OK)
		json_array_append_new(out, json_integer(db_col_int(q, 0)));
	db_end(q);
	return out;
}

/* Adds initiative values (title, country, status, summary) as staff_id,
 * with its focal point, partner, call, updates and output when given. */
static enum ws_err
seed_one(struct app *app, struct db *d, json_t *values, int64_t staff_id, int64_t focal_id,
    int64_t org_id, int64_t member_id, int full, int *added)
{
	int64_t id = 0, call = 0, n = 0, oid = 0;
	enum ws_err rc;

	if ((rc = ini_by_title(d, json_string_value(json_object_get(values, "title")), &id)) !=
	    WS_OK || id)
		return rc;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if (full) {
		struct db_q *q = db_start(d, ST_INI_SEED_CALL);

		if ((rc = db_step(q)) == WS_OK)
			call = db_col_int(q, 0);
		db_end(q);
		rc = rc == WS_EDONE ? WS_OK : rc;
		if (call)
			json_object_set_new(values, "call_id", json_integer(call));
		json_object_set_new(values, "meetings", ids_of(d, ST_INI_SEED_EVENTS));
		json_object_set_new(values, "documents", ids_of(d, ST_INI_SEED_DOCS));
	}
	if (rc == WS_OK)
		rc = ini_put(d, 0, values, staff_id, &id);
	if (rc == WS_OK && focal_id)
		rc = ini_part_add(d, id, "focal", focal_id, "staff", 0, staff_id, NULL);
	if (rc == WS_OK && full && org_id) {
		rc = ini_part_add(d, id, "organization", org_id, "staff", 0, staff_id, NULL);
		if (rc == WS_OK)
			org_history_add(app, d, org_id, staff_id, 0, "initiative.partner", NULL,
			    "initiative: the demo's pilot initiative in Kenya (invited by staff)");
	}
	if (rc == WS_OK && full)
		rc = ini_upd_insert(d, id, staff_id, "Welcome to the initiative's space. The "
		    "**first national working group** meets next month; the agenda is in the "
		    "documents.", &n);
	if (rc == WS_OK && full && member_id)
		rc = ini_upd_insert(d, id, member_id, "Our field notes from the consultations in "
		    "Mombasa and Kisumu are ready to share before the meeting.", &n);
	if (rc == WS_OK && full)
		rc = ini_out_insert(d, id, "lessons_learned", "What the first six months taught us",
		    "- Bring the government's focal point in **before** the agenda is set.\n"
		    "- Community groups outside the capital need travel support to take part.\n"
		    "- A shared calendar of the review's deadlines kept everyone on time.",
		    staff_id, &oid);
	if (rc == WS_OK && full)
		rc = ini_out_publish(d, id, oid, "public", staff_id);
	if (rc == WS_OK && full)
		rc = ini_out_insert(d, id, "recommendations", "Recommendations to the working "
		    "group (draft)", "1. Publish the self-assessment's timetable.\n"
		    "2. Invite stakeholders to the country visit.", staff_id, &oid);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	else
		(*added)++;
	return rc;
}

enum ws_err
initiatives_seed_demo(struct app *app, struct db *d, int64_t staff_id, int64_t member_id,
    int64_t focal_id, int *added)
{
	json_t *orgs = NULL, *a, *b;
	int64_t org = 0;
	enum ws_err rc;

	*added = 0;
	if ((rc = orgs_of_person(d, member_id, &orgs)) != WS_OK)
		goto out;
	if (json_array_size(orgs) > 0)
		org = json_integer_value(json_object_get(json_array_get(orgs, 0), "id"));
	a = json_pack("{s:s,s:s,s:s,s:s}", "title", active_title, "country", "KE", "status",
	    "active", "summary", "The government of Kenya and its stakeholders follow up "
	    "the recommendations of the country review together, ahead of the working "
	    "groups' next sessions: a national working group, field consultations and a "
	    "shared plan.");
	rc = seed_one(app, d, a, staff_id, focal_id, org, member_id, 1, added);
	json_decref(a);
	if (rc != WS_OK)
		goto out;
	b = json_pack("{s:s,s:s,s:s,s:s}", "title", proposed_title, "country", "KE", "status",
	    "proposed", "summary", "A proposal to bring community safety organizations and the "
	    "national firearms focal point together on marking and record-keeping.");
	rc = seed_one(app, d, b, staff_id, 0, 0, 0, 0, added);
	json_decref(b);
out:
	json_decref(orgs);
	return rc;
}
