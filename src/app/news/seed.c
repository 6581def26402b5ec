/*
 * seed.c -- the demo's news (`whatson seed --demo`): highlights, news and
 * stories, public and for members, one draft, and a story naming the demo
 * member's organization.  Each is written once (known by its slug), so
 * seeding again adds nothing.
 */
#include <string.h>

#include "app/app.h"
#include "app/news/news_int.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"

struct demo_news {
	const char *slug, *kind, *title, *summary, *body, *theme, *visibility, *status;
	int names_org;	/* names the demo member's organization */
};

static const struct demo_news demo[] = {
	{ "cop-side-events-open", "highlight",
	    "Side events at the Conference of the Parties: proposals open",
	    "Members can propose side events for the next session until the end of the month.",
	    "The call for **side-event proposals** is open. Propose yours from the "
	    "[meetings](/meetings) page: staff review each proposal with the secretariat.",
	    "corruption", "public", "published", 0 },
	{ "online-course-new-cohort", "highlight",
	    "A new cohort of the online course starts soon",
	    "Twelve weeks on engaging with the review mechanism, with tutors.",
	    "Apply through the [open calls](/calls). The course is free for members.",
	    "criminal_justice", "members", "published", 0 },
	{ "library-reaches-toolkits", "news", "New toolkits in the library",
	    "Guides on victim support and on monitoring public procurement.",
	    "Two toolkits were added to the [library](/resources) this month.\n\n"
	    "- *Supporting victims of trafficking*\n- *Monitoring public procurement*",
	    "trafficking_in_persons", "public", "published", 0 },
	{ "members-webinar-recording", "news", "Members' webinar: the recording is online",
	    "The recording of the webinar on asset recovery is available to members.",
	    "Members can watch the recording and download the slides from the library.",
	    "money_laundering", "members", "published", 0 },
	{ "directory-map", "news", "The directory now has a map",
	    "See where members work, region by region.",
	    "The [members page](/about/members) shows the organizations by region.",
	    "", "public", "published", 0 },
	{ "story-community-monitoring", "story",
	    "How a community group monitors local procurement",
	    "A member organization trained volunteers to read public contracts.",
	    "Volunteers learnt to read tender notices and contracts, and reported what they "
	    "found to the local audit office.\n\n> \"People now know where to look.\"",
	    "corruption", "public", "published", 1 },
	{ "story-youth-prevention", "story", "Young people against drug trafficking",
	    "A youth network's peer education in three cities.",
	    "Peer educators ran sessions in schools and sports clubs.",
	    "youth", "public", "published", 0 },
	{ "draft-annual-report", "news", "Annual report (draft)",
	    "Staff are still writing this one.", "Not published yet.", "", "public", "draft", 0 },
};

enum ws_err
news_seed_demo(struct app *app, struct db *d, int64_t staff_id, int64_t member_id,
    int *added)
{
	json_t *orgs = NULL, *existing = NULL, *values, *named;
	int64_t org = 0, id;
	enum ws_err rc = WS_OK;
	size_t i;

	(void)app;
	*added = 0;
	if (member_id && orgs_of_person(d, member_id, &orgs) == WS_OK)
		org = json_integer_value(json_object_get(json_array_get(orgs, 0), "id"));
	json_decref(orgs);
	for (i = 0; i < sizeof demo / sizeof demo[0] && rc == WS_OK; i++) {
		const struct demo_news *n = &demo[i];

		rc = news_by_slug(d, n->slug, &existing);
		json_decref(existing);
		existing = NULL;
		if (rc == WS_OK)
			continue;	/* seeded before */
		if (rc != WS_ENOTFOUND)
			break;
		values = json_pack("{s:s,s:s,s:s,s:s,s:s,s:[],s:s,s:s,s:s}", "slug", n->slug,
		    "kind", n->kind, "title", n->title, "summary", n->summary, "body", n->body,
		    "themes", "language", "en", "visibility", n->visibility, "image_alt", "");
		if (*n->theme)
			json_array_append_new(json_object_get(values, "themes"),
			    json_string(n->theme));
		named = json_array();
		if (n->names_org && org)
			json_array_append_new(named, json_integer(org));
		if ((rc = db_begin(d)) == WS_OK) {
			rc = news_insert(d, values, n->status, 0, NULL, staff_id, &id);
			if (rc == WS_OK)
				rc = news_orgs_put(d, id, named);
			if (rc == WS_OK)
				rc = db_commit(d);
			else
				db_rollback(d);
		}
		if (rc == WS_OK)
			(*added)++;
		json_decref(values);
		json_decref(named);
	}
	return rc;
}
