/*
 * seed.c -- `whatson seed --demo --events N`: demo events and their
 * registrations, so that a newcomer's hub has a calendar to look at.
 *
 * N events in all (none added when there are N already), one of each kind
 * in turn, in six time zones on four continents, half of them over and
 * half to come, measured from the day the seed runs; the first is a week
 * in Vienna across the end of summer time (the last Sunday of October).
 * Every other event asks for approval.  The demo accounts and the seeded
 * organizations' people register for them: a past event's are confirmed,
 * attended or declined; an upcoming one's pending, confirmed, waitlisted,
 * cancelled or declined, so every status shows up.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/events/events.h"
#include "app/events/events_int.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"

#define EV_SEED_MAX 1000
#define EV_SEED_PEOPLE 40

static const char *const zones[] = { "Europe/Vienna", "America/New_York", "Africa/Nairobi",
	"Asia/Kolkata", "America/Sao_Paulo", "Asia/Bangkok" };
static const char *const venues[] = { "Vienna International Centre", "", "UN Gigiri, Nairobi",
	"India Habitat Centre, New Delhi", "", "UN Conference Centre, Bangkok" };
static const char *const topics[] = { "Following the money", "Victims first",
	"Open data against corruption", "Cyber evidence for prosecutors",
	"Wildlife crime and ports", "Youth and prevention", "Firearms tracing",
	"Civil society at the review mechanism" };
/* the languages and the UN M49 region of each zone's events */
static const char *const langs_a[] = { "en", "en", "en", "en", "pt", "en" };
static const char *const langs_b[] = { "fr", "es", "sw", "hi", "es", "th" };
static const char *const regions[] = { "150", "019", "002", "142", "419", "142" };
static const char *const themes[] = { "money_laundering", "victims_rights", "corruption",
	"cybercrime", "wildlife_crime", "youth", "firearms", "criminal_justice" };

static enum ws_err
count_of(struct db *d, enum db_stmt s, int64_t *n)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

/* The people who register: [user id, organization id or 0], *n of them. */
static enum ws_err
people_of(struct db *d, int64_t (*p)[2], int *n)
{
	struct db_q *q = db_start(d, ST_EV_SEED_PEOPLE);
	enum ws_err rc;

	*n = 0;
	while ((rc = db_step(q)) == WS_OK && *n < EV_SEED_PEOPLE) {
		p[*n][0] = db_col_int(q, 0);
		p[*n][1] = db_col_null(q, 1) ? 0 : db_col_int(q, 1);
		(*n)++;
	}
	db_end(q);
	return rc == WS_EDONE || rc == WS_OK ? WS_OK : rc;
}

/* The instant of local day (y, m, d) at hh:mm in zone z. */
static int64_t
at(const struct tz *z, int y, int m, int d, int hh, int mm)
{
	struct tz_local l = { y, m, d, hh, mm, 0 };
	int64_t t = 0;

	if (tz_to_utc(z, &l, &t, NULL) != WS_OK)
		return 0;
	return t;
}

/* Event i of n as ev_insert's values.  New reference. */
static json_t *
event_values(int i, int n, int64_t now)
{
	const char *zone = zones[i % 6], *kind = ev_kinds[i % 8];
	const struct tz *z = NULL;
	struct tz_local l;
	int64_t start, end, day = now - now % 86400 + (int64_t)(i - n / 2) * 9 * 86400;
	char title[200], month[16];
	json_t *v;

	if (tz_get(zone, &z) != WS_OK)
		return NULL;
	if (i == 0) {	/* a week in Vienna over the end of summer time */
		tz_to_local(z, now, &l);
		start = at(z, l.year + 1, 10, 24, 9, 0);
		end = at(z, l.year + 1, 11, 1, 17, 0);
		/* the last Sunday of October falls in every such week */
	} else {
		tz_to_local(z, day, &l);
		start = at(z, l.year, l.mon, l.day, 9 + i % 5, 0);
		end = start + (strcmp(kind, "webinar") == 0 ? 90 * 60 : 7 * 3600);
	}
	tz_to_local(z, start, &l);
	snprintf(month, sizeof month, "%04d-%02d", l.year, l.mon);
	snprintf(title, sizeof title, "%s (%d)", topics[i % 8], i + 1);
	v = json_pack("{s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:[ss],s:[s],s:[s],s:s,s:b,s:s,"
	    "s:s,s:[],s:[],s:s}", "kind", kind, "title", title, "description",
	    "A demo event: what it is about, who it is for, and what to prepare.", "start_at",
	    (json_int_t)start, "end_at", (json_int_t)end, "timezone", zone, "start_month", month,
	    "venue", strcmp(kind, "webinar") == 0 ? "" : venues[i % 6], "online_url",
	    strcmp(kind, "webinar") == 0 || !*venues[i % 6] ? "https://meet.example.org/demo" : "",
	    "languages", langs_a[i % 6], langs_b[i % 6], "themes", themes[i % 8], "regions",
	    regions[i % 6], "organizer", "Civil society unit",
	    "approval_required", i % 2 == 1, "audience", i % 3 == 2 ? "open" : "members",
	    "visibility", i % 4 == 3 ? "members" : "public", "questions", "resources",
	    "status", "published");
	json_object_set_new(v, "capacity", json_integer(4 + i % 3 * 4));
	json_object_set_new(v, "registration_opens_at", json_null());
	json_object_set_new(v, "registration_closes_at", json_null());
	return v;
}

enum ws_err
events_seed_demo(struct app *app, struct db *d, int n, int64_t staff_id, int *added)
{
	static const char *const past[] = { "attended", "confirmed", "declined", "attended" };
	static const char *const coming[] = { "confirmed", "pending", "waitlisted", "cancelled",
		"declined", "confirmed" };
	int64_t have = 0, people[EV_SEED_PEOPLE][2], now = now_s();
	int i, k, npeople = 0;
	enum ws_err rc;

	(void)app;
	*added = 0;
	if (n < 0 || n > EV_SEED_MAX)
		return WS_EINVAL;
	if ((rc = count_of(d, ST_EV_SEED_COUNT, &have)) != WS_OK ||
	    (rc = people_of(d, people, &npeople)) != WS_OK)
		return rc;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	for (i = (int)have; i < n && rc == WS_OK; i++) {
		json_t *v = event_values(i, n, now);
		int64_t id = 0, rid, pos = 0;
		int over;

		if (!v) {
			rc = WS_EINVAL;
			break;
		}
		over = json_integer_value(json_object_get(v, "end_at")) < now;
		if ((rc = ev_insert(d, v, staff_id, &id)) == WS_OK)
			rc = ev_terms_put(d, id, v);
		for (k = 0; rc == WS_OK && k < npeople && k < 6; k++) {
			const char *s = over ? past[(i + k) % 4] : coming[(k + i) % 6];

			if (!over && json_is_false(json_object_get(v, "approval_required")) &&
			    strcmp(s, "pending") == 0)
				s = "confirmed";
			pos = strcmp(s, "waitlisted") == 0 ? pos + 1 : pos;
			rc = ev_reg_insert(d, id, people[(i + k) % npeople][0],
			    people[(i + k) % npeople][1], people[(i + k) % npeople][0], s,
			    NULL, strcmp(s, "waitlisted") == 0 ? pos : 0, &rid);
		}
		json_decref(v);
		if (rc == WS_OK)
			(*added)++;
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	return rc;
}
