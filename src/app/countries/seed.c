/*
 * seed.c -- the demo review cycle (`whatson seed --demo`): a dozen
 * countries in every stage, each checked as the form checks it.  A
 * country that has a review already keeps it, so seeding again adds
 * nothing.
 */
#include <string.h>

#include "app/app.h"
#include "app/countries/countries_int.h"
#include "db/db.h"

static const struct {
	const char *country, *cluster, *year, *r1, *r2, *stage, *d1, *d2, *d3;
} demo[] = {
	{ "KE", "criminalization_jurisdiction", "2026", "GH", "PE", "country_review",
	  "2025-11-03", "2026-04-14", NULL },
	{ "SN", "criminalization_jurisdiction", "2026", "FR", "VN", "self_assessment",
	  "2026-02-02", NULL, NULL },
	{ "GH", "criminalization_jurisdiction", "2025", "KE", "CA", "review_completed",
	  "2024-10-01", "2025-03-10", "2025-09-22" },
	{ "BR", "prevention_assistance_protection", "2026", "IT", "NG", "self_assessment",
	  "2026-01-15", NULL, NULL },
	{ "PH", "prevention_assistance_protection", "2026", "MX", "ZA", "country_review",
	  "2025-10-20", "2026-05-04", NULL },
	{ "MX", "prevention_assistance_protection", "2025", "ES", "TH", "review_completed",
	  "2024-09-16", "2025-02-24", "2025-08-29" },
	{ "NG", "law_enforcement_judicial", "2026", "DE", "AR", "country_review",
	  "2025-12-01", "2026-06-08", NULL },
	{ "TH", "law_enforcement_judicial", "2026", "CO", "MA", "self_assessment",
	  "2026-03-02", NULL, NULL },
	{ "CO", "law_enforcement_judicial", "2025", "PH", "SE", "review_completed",
	  "2024-11-11", "2025-04-07", "2025-10-13" },
	{ "UA", "international_cooperation", "2026", "PL", "JP", "self_assessment",
	  "2026-02-16", NULL, NULL },
	{ "MA", "international_cooperation", "2026", "SN", "NL", "country_review",
	  "2025-10-06", "2026-03-23", NULL },
	{ "ID", "international_cooperation", "2025", "AU", "KE", "review_completed",
	  "2024-08-26", "2025-01-20", "2025-07-14" },
};

enum ws_err
countries_seed_demo(struct app *app, struct db *d, int64_t staff_id, int *added)
{
	enum ws_err rc = WS_OK;
	size_t i;

	*added = 0;
	for (i = 0; i < sizeof demo / sizeof demo[0] && rc == WS_OK; i++) {
		json_t *old = NULL, *in, *values = NULL, *errors = NULL;
		int created = 0;

		rc = rev_get(d, demo[i].country, &old);
		json_decref(old);
		if (rc == WS_OK)
			continue;	/* kept as staff may have changed it */
		if (rc != WS_ENOTFOUND)
			break;
		in = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s*,s:s*}", "cluster", demo[i].cluster,
		    "year", demo[i].year, "reviewer_1", demo[i].r1, "reviewer_2", demo[i].r2,
		    "stage", demo[i].stage, "self_assessment_date", demo[i].d1,
		    "country_review_date", demo[i].d2, "review_completed_date", demo[i].d3);
		rev_check(app->views, "en", demo[i].country, in, &values, &errors);
		json_decref(in);
		if (errors)
			rc = WS_EINVAL;	/* the demo data is wrong: a bug */
		else
			rc = rev_put(d, demo[i].country, values, staff_id, &created);
		if (rc == WS_OK)
			*added += created;
		json_decref(values);
		json_decref(errors);
	}
	return rc;
}
