/*
 * seed.c -- demo organizations and applications for `whatson seed --demo`,
 * so a newcomer sees a living hub.  Deterministic: the same database every
 * time (a fixed-seed generator), and running it twice adds nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "app/people/people.h"
#include "core/util.h"
#include "db/db.h"

/* xorshift64*: small, fast, the same on every platform. */
struct rng { uint64_t s; };

static uint64_t
next(struct rng *g)
{
	g->s ^= g->s >> 12;
	g->s ^= g->s << 25;
	g->s ^= g->s >> 27;
	return g->s * 2685821657736338717ULL;
}

static size_t
pick(struct rng *g, size_t n)
{
	return (size_t)(next(g) % n);
}

/* Countries from every region, the first ones more often (skewed). */
static const char *const countries[] = {
	"KE", "NG", "ZA", "MX", "BR", "CO", "IN", "PH", "ID", "FR", "DE", "IT", "UA", "TR",
	"EG", "MA", "SN", "CI", "GH", "UG", "TZ", "AR", "PE", "GT", "HN", "US", "CA", "GB",
	"ES", "PK", "BD", "TH", "VN", "NP", "LK", "JO", "LB", "TN", "KZ", "KG", "GE", "AM",
	"RS", "AL", "BA", "XK", "MD", "FJ", "PG", "AU", "NZ", "JM", "TT", "HT", "BO", "PY",
};
static const char *const themes[] = {
	"corruption", "trafficking_in_persons", "money_laundering", "cybercrime",
	"drug_prevention", "victims_rights", "criminal_justice", "gender", "youth",
	"smuggling_of_migrants", "firearms", "drug_trafficking", "wildlife_crime",
	"environmental_crime", "terrorism_prevention",
};
static const char *const langs[] = { "en", "fr", "es", "ar", "ru", "zh", "pt", "sw" };
static const char *const first[] = {
	"Integrity", "Justice", "Civic", "Open", "Safe", "Youth", "Women's", "Citizens'",
	"Transparency", "Rights", "Community", "Frontline", "Green", "Digital", "Rule of Law",
	"Accountability", "Hope", "Bridges", "Horizon", "Solidarity",
};
static const char *const second[] = {
	"Watch", "Initiative", "Alliance", "Network", "Institute", "Foundation", "Centre",
	"Forum", "Collective", "Coalition", "Trust", "Observatory", "Lab", "Union", "Society",
};
static const char *const places[] = {
	"Nairobi", "Lagos", "Cape", "Andes", "Mekong", "Sahel", "Balkan", "Pacific", "Caribbean",
	"Baltic", "Atlas", "Delta", "Highlands", "Coastal", "Northern", "Southern",
};
static const char *const people[] = {
	"Amina Diallo", "Carlos Mendes", "Priya Raman", "Olena Kovalenko", "Kwame Mensah",
	"Lucía Torres", "Nguyen Thi Lan", "Fatima Zahra", "Tomás Herrera", "Sara Haddad",
	"Jean-Pierre Ndiaye", "Aigerim Bekova", "Miguel Rojas", "Grace Wanjiru", "Ahmed Saleh",
};
static const char *const verbs[] = {
	"monitors public procurement", "supports survivors of trafficking",
	"trains journalists in financial investigation", "runs a legal aid clinic",
	"builds prevention programmes in schools", "maps illegal logging",
	"advocates for whistle-blower protection", "researches organized crime markets",
	"runs community policing dialogues", "campaigns for open beneficial ownership registers",
};

/* Appends string s to array arr unless it is there already. */
static void
add_new(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (strcmp(json_string_value(v), s) == 0)
			return;
	json_array_append_new(arr, json_string(s));
}

/* A random organization (and its contact) as an application's data. */
static json_t *
demo_org(struct rng *g, int i, char *email, size_t emaillen)
{
	char name[160], acr[16], site[200];
	const char *p = places[pick(g, sizeof places / sizeof places[0])];
	const char *a = first[pick(g, sizeof first / sizeof first[0])];
	const char *b = second[pick(g, sizeof second / sizeof second[0])];
	size_t nc = sizeof countries / sizeof countries[0];
	/* skew: half of the organizations come from the first 12 countries */
	const char *country = countries[next(g) % 2 ? pick(g, 12) : pick(g, nc)];
	json_t *th = json_array(), *cs = json_array(), *ls = json_array();
	size_t k, n;

	snprintf(name, sizeof name, "%s %s %s", p, a, b);
	snprintf(acr, sizeof acr, "%c%c%c%d", p[0], a[0], b[0], i);
	snprintf(site, sizeof site, "https://www.%c%c%c%d.example.org", p[0] | 32, a[0] | 32,
	    b[0] | 32, i);
	snprintf(email, emaillen, "contact%d@%c%c%c%d.example.org", i, p[0] | 32, a[0] | 32,
	    b[0] | 32, i);
	json_array_append_new(th, json_string(themes[next(g) % 3 ? pick(g, 5) :
	    pick(g, sizeof themes / sizeof themes[0])]));
	/* Arrays are sets: a value drawn twice is dropped (the draws stay the
	 * same, so the rest of the data does not change). */
	for (n = pick(g, 3), k = 0; k < n; k++)
		add_new(th, themes[pick(g, sizeof themes / sizeof themes[0])]);
	json_array_append_new(cs, json_string(country));
	for (n = pick(g, 3), k = 0; k < n; k++)
		add_new(cs, countries[pick(g, nc)]);
	json_array_append_new(ls, json_string(langs[pick(g, 3)]));
	if (next(g) % 2)
		json_array_append_new(ls, json_string(langs[3 + pick(g, 5)]));
	return json_pack("{s:{s:s,s:s,s:s,s:s,s:o,s:s,s:i,s:s,s:s,s:o,s:o,s:s,s:[]},"
	    "s:{s:s,s:s,s:s,s:s,s:s},s:b}",
	    "organization", "name", name, "acronym", acr,
	    "kind", org_kinds[i % 12], "country", country, "countries", cs, "website", site,
	    "founded", 1970 + (int)pick(g, 55), "size", org_sizes[pick(g, 5)],
	    "description", verbs[pick(g, sizeof verbs / sizeof verbs[0])], "themes", th,
	    "languages", ls, "ecosoc_status", org_ecosoc[pick(g, 4)], "social",
	    "contact", "name", people[pick(g, sizeof people / sizeof people[0])],
	    "title", "Director", "email", email, "phone", "", "role", "Coordinator",
	    "consent", 1);
}

/* A pending application from a new, verified applicant account. */
static enum ws_err
demo_application(struct app *app, struct db *d, struct arena *a, json_t *data,
    const char *email, int64_t *app_id, int64_t *uid)
{
	const char *name = json_string_value(json_object_get(json_object_get(data, "contact"),
	    "name"));
	struct app_keys k;
	json_t *dups;
	enum ws_err rc;

	rc = user_create(app, d, email, name, "demo-applicant-pass-2026", "applicant", 1, 0,
	    uid);
	if (rc != WS_OK)
		return rc;
	app_keys_of(a, data, &k);
	dups = app_duplicates(NULL, d, 0, &k);
	rc = app_insert(d, *uid, "organization", 0, data, "pending", dups, &k, app_id);
	json_decref(dups);
	return rc;
}

/* An approved organization, run by uid when not 0, a member since joined. */
static enum ws_err
demo_member_org(struct db *d, struct arena *a, json_t *data, int64_t uid, int64_t staff_id,
    int64_t joined)
{
	struct db_q *q;
	int64_t org_id;
	enum ws_err rc;

	rc = org_insert(a, d, json_object_get(data, "organization"),
	    json_object_get(data, "contact"), staff_id, &org_id);
	if (rc == WS_OK) {
		q = db_start(d, ST_ORG_SET_JOINED);
		db_bind_int(q, 1, joined);
		db_bind_int(q, 2, joined);
		db_bind_int(q, 3, org_id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK && uid)
		rc = org_member_add(d, org_id, uid, 1, "Director", ROLE_MEMBER);
	return rc;
}

/* Two individual experts, members since staff approved their applications
 * (issue 11): /people has someone to show.  None waits for review, so the
 * demo's queue stays as it was. */
static enum ws_err
demo_experts(struct app *app, struct db *d, struct arena *a, int64_t staff_id)
{
	static const struct {
		const char *email, *name, *title, *profession, *affiliation, *country, *theme,
		    *biography;
	} ex[] = {
		{ "expert1@example.org", "Amina Wanjiru", "Senior Lecturer in Criminology",
		    "academic", "University of Nairobi", "KE", "trafficking_in_persons",
		    "Researches recruitment networks of trafficking in East Africa and trains "
		    "prosecutors on victim-centred investigations." },
		{ "expert2@example.org", "Lucas Ferreira", "Investigative journalist",
		    "journalist", "", "BR", "corruption",
		    "Reports on procurement fraud and money laundering in public contracts; "
		    "author of *Contratos de Sombra*." },
	};
	size_t i;
	enum ws_err rc = WS_OK;

	for (i = 0; i < sizeof ex / sizeof ex[0] && rc == WS_OK; i++) {
		json_t *data = json_pack("{s:{s:s,s:s,s:s,s:s,s:s,s:[],s:[s],s:[s],s:s,s:s},"
		    "s:{s:s,s:s},s:b}", "expert", "name", ex[i].name, "title", ex[i].title,
		    "profession", ex[i].profession, "affiliation", ex[i].affiliation, "country",
		    ex[i].country, "countries", "themes", ex[i].theme, "languages", "en",
		    "biography", ex[i].biography, "website", "", "contact", "email", ex[i].email,
		    "phone", "", "consent", 1);
		struct app_keys k;
		struct db_q *q;
		json_t *dups;
		int64_t uid, app_id;

		rc = user_create(app, d, ex[i].email, ex[i].name, "demo-expert-pass-2026",
		    "applicant", 1, 0, &uid);
		if (rc == WS_OK) {
			app_keys_of(a, data, &k);
			dups = app_duplicates(NULL, d, 0, &k);
			rc = app_insert(d, uid, "expert", 0, data, "pending", dups, &k, &app_id);
			json_decref(dups);
		}
		if (rc == WS_OK) {
			q = db_start(d, ST_APP_DECIDE);
			db_bind_text(q, 1, "approved");
			db_bind_null(q, 2);
			db_bind_int(q, 3, now_s());
			db_bind_int(q, 4, staff_id);
			db_bind_null(q, 5);
			db_bind_int(q, 6, now_s());
			db_bind_int(q, 7, app_id);
			db_bind_text(q, 8, "pending");
			rc = db_exec(q, NULL);
			db_end(q);
		}
		if (rc == WS_OK)
			rc = app_event(d, app_id, staff_id, "approved", NULL);
		if (rc == WS_OK)
			rc = people_expert_approve(d, uid, app_id, data, staff_id);
		json_decref(data);
	}
	return rc;
}

enum ws_err
orgs_seed_demo(struct app *app, struct db *d, int norgs, int64_t staff_id,
    int64_t member_id)
{
	struct rng g = { 0x5eed5eed12345678ULL };
	struct rng days = { 0xda7e5da7e5da7e5dULL };	/* apart, so the rest stays the same */
	struct arena *a = arena_new();
	int64_t now = now_s();
	struct user probe;
	char email[120];
	enum ws_err rc = WS_OK;
	int i;

	/* Seeded already: the first demo organization's contact exists. */
	if (user_by_email(d, a, "applicant1@example.org", &probe) == WS_OK) {
		arena_free(a);
		return WS_OK;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	for (i = 0; i < norgs && rc == WS_OK; i++) {
		json_t *data = demo_org(&g, i, email, sizeof email);

		/* Joined over the last eight years, more of them lately (the
		 * nearer of two draws).  The demo member runs the first one. */
		uint64_t d1 = pick(&days, 8 * 365), d2 = pick(&days, 8 * 365);
		int64_t joined = now - (int64_t)(d1 < d2 ? d1 : d2) * 86400 -
		    (int64_t)pick(&days, 86400);

		rc = demo_member_org(d, a, data, i == 0 ? member_id : 0, staff_id, joined);
		json_decref(data);
	}
	/* Applications waiting for review, one of them a likely duplicate. */
	for (i = 0; i < 6 && rc == WS_OK; i++) {
		struct rng dup = { 0x5eed5eed12345678ULL };
		json_t *data;
		int64_t app_id, uid;


		snprintf(email, sizeof email, "applicant%d@example.org", i + 1);
		if (i == 5) {	/* the same as the first member organization */
			char e2[120];

			data = demo_org(&dup, 0, e2, sizeof e2);
		} else {
			char e2[120];

			data = demo_org(&g, 1000 + i, e2, sizeof e2);
		}
		rc = demo_application(app, d, a, data, email, &app_id, &uid);
		json_decref(data);
	}
	if (rc == WS_OK)
		rc = demo_experts(app, d, a, staff_id);
	if (rc == WS_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
out:
	arena_free(a);
	return rc;
}
