/*
 * speaking_seed.c -- `whatson seed --demo`'s requests to speak: the demo's
 * Conference of the States Parties session (seed.c) gets a speaking window
 * open now, minutes for statements on each item open to them, and the
 * first approved organizations' requests: on item 2 two allocated and one
 * declined, that list published; on item 3 two pending; one withdrawn on
 * item 4; one allocated but not published on item 5 (a).  Seeding again
 * adds nothing: a session with requests is left as it is.
 */
#include <string.h>

#include "app/app.h"
#include "app/meetings/meetings_int.h"
#include "core/util.h"
#include "db/db.h"

static const struct {
	const char *item;
	int org;		/* which of the first organizations */
	const char *speaker, *title, *summary;
	int minutes;
	const char *status;	/* pending, allocated, declined, withdrawn */
	int order, allocated, published;
	const char *reason;
} demo[] = {
	{ "2", 0, "Amina Okafor", "Director", "How civil society takes part in the country "
	    "reviews, and what it learned in the second cycle.", 8, "allocated", 1, 8, 1, "" },
	{ "2", 1, "Lucas Ferreira", "Policy officer", "Access to information laws as a tool "
	    "against corruption in public procurement.", 7, "allocated", 2, 7, 1, "" },
	{ "2", 2, "Mei Tanaka", "Researcher", "A survey of whistle-blower protection in the "
	    "region.", 5, "declined", 0, 0, 1, "The list for this item is full; please send a "
	    "written statement, which will be posted with the session's documents." },
	{ "3", 3, "Omar Haddad", "Coordinator", "Technical assistance that reaches local "
	    "organizations, not only ministries.", 5, "pending", 0, 0, 0, "" },
	{ "3", 0, "Amina Okafor", "Director", "Training for journalists who investigate "
	    "corruption.", 4, "pending", 0, 0, 0, "" },
	{ "4", 4, "Sofia Lind", "Legal adviser", "Mutual legal assistance and the return of "
	    "assets.", 5, "withdrawn", 0, 0, 0, "" },
	{ "5 (a)", 1, "Lucas Ferreira", "Policy officer", "Prevention in schools: integrity "
	    "education that works.", 6, "allocated", 1, 6, 0, "" },
};

/* Minutes for statements on each item open to them: 30 for item 2, 20 for
 * the others. */
static void
set_minutes(json_t *agenda)
{
	json_t *it;
	size_t i;

	json_array_foreach(agenda, i, it)
		if (json_is_true(json_object_get(it, "statements")) &&
		    !json_is_integer(json_object_get(it, "minutes")))
			json_object_set_new(it, "minutes", json_integer(strcmp(json_string_value(
			    json_object_get(it, "number")), "2") == 0 ? 30 : 20));
}

enum ws_err
mtg_spk_seed_demo(struct db *d, int64_t staff_id)
{
	static const struct mtg_viewer staff = { 1, 1 };
	json_t *s = NULL, *rows = NULL, *orgs = json_array(), *v;
	struct db_q *q;
	int64_t id = 0, rid, now = now_s();
	enum ws_err rc;
	size_t i;

	if ((rc = mtg_same_number(d, "cosp", "", 12, 0, &id)) != WS_OK || !id)
		goto out;
	if ((rc = mtg_get(d, &staff, id, &s)) != WS_OK ||
	    (rc = mtg_spk_list(d, id, 0, &rows)) != WS_OK || json_array_size(rows) > 0)
		goto out;
	q = db_start(d, ST_SPK_SEED_ORGS);
	db_bind_int(q, 1, 5);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(orgs, json_integer(db_col_int(q, 0)));
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	rc = WS_OK;
	if (json_array_size(orgs) < 5)
		goto out;	/* too few organizations to ask */
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	/* the window: open a week ago, closing the day before the session */
	set_minutes(json_object_get(s, "agenda"));
	json_object_set_new(s, "speaking_opens_at", json_integer(now - 7 * 86400));
	json_object_set_new(s, "speaking_closes_at", json_integer(json_integer_value(
	    json_object_get(s, "start_at")) - 86400));
	if ((rc = mtg_put(d, id, s, 0)) != WS_OK)
		goto rollback;
	for (i = 0; i < sizeof demo / sizeof demo[0]; i++) {
		v = json_pack("{s:s,s:n,s:s,s:s,s:s,s:i}", "item", demo[i].item, "nomination_id",
		    "speaker_name", demo[i].speaker, "speaker_title", demo[i].title, "summary",
		    demo[i].summary, "minutes", demo[i].minutes);
		rc = mtg_spk_insert(d, id, json_integer_value(json_array_get(orgs,
		    (size_t)demo[i].org)), staff_id, v, &rid);
		json_decref(v);
		if (rc == WS_OK && strcmp(demo[i].status, "withdrawn") == 0) {
			int done;

			rc = mtg_spk_withdraw(d, rid, &done);
		} else if (rc == WS_OK && strcmp(demo[i].status, "pending") != 0) {
			rc = mtg_spk_decide(d, rid, demo[i].status, demo[i].order, demo[i].allocated,
			    demo[i].reason, staff_id);
		}
		if (rc == WS_OK && demo[i].published)
			rc = mtg_spk_mark_published(d, rid);
		if (rc != WS_OK)
			goto rollback;
	}
	if ((rc = mtg_spk_list_put(d, id, "2", staff_id)) != WS_OK ||
	    (rc = db_commit(d)) != WS_OK)
		goto rollback;
	goto out;
rollback:
	db_rollback(d);
out:
	json_decref(s);
	json_decref(rows);
	json_decref(orgs);
	return rc;
}
