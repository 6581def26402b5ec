/*
 * evrace.c -- the capacity race of bench/events (issue 14), against a
 * whatson already serving: PEOPLE people register at once for PLACES places
 * of one event, from ADDRS loopback addresses (127.0.0.100 and up, so the
 * per-address connection limit does not queue them), each on a connection
 * of its own.  The same race as tests/http/events_test.c's, here against
 * the release build and timed.
 *
 *   evrace --db URL --base http://127.0.0.1:PORT --staff TOKEN
 *          [--people 500] [--places 100] [--addrs 100] [--runs 3]
 *
 * Not timed: the PEOPLE accounts, each verified and with an API session,
 * written straight to the database through the server's own statements
 * (ST_USER_INSERT, ST_SESSION_INSERT: signing 500 people in would measure
 * the password hash), and before each run a new event of PLACES places,
 * made through the API as staff.  Timed: from the first connection to the
 * last answer, all PEOPLE requests at once through libcurl's multi
 * interface.  Then checked: every answer was 201 and told its status, and
 * the event (asked as staff) counts exactly PLACES confirmed (all, when
 * fewer come) and the rest waitlisted.
 *
 * Prints one line a run:
 *   run N: PEOPLE registrations in MS ms: A answered 201, told C confirmed
 *   and W waitlisted; the event counts C2 confirmed and W2 waitlisted: right|WRONG
 * Exit status: 0 when every run was right, 3 when a run was wrong, 1 when
 * something could not be set up.
 */
#include <curl/curl.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "db/db.h"

#define RACE_MAX 2000		/* people at most */
#define ANSWER_MAX 4096		/* bytes of an answer kept */

struct racer {
	CURL *c;
	struct curl_slist *hdr;
	char iface[32];		/* "host!127.0.0.N" */
	char tok[65];
	char body[ANSWER_MAX];
	size_t len;
	long status;
};

static struct racer racers[RACE_MAX];

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct racer *x = arg;
	size_t k = size * n, room = sizeof x->body - 1 - x->len;

	memcpy(x->body + x->len, p, k < room ? k : room);
	x->len += k < room ? k : room;
	x->body[x->len] = '\0';
	return k;
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Makes n verified accounts with an API session each; their tokens into
 * racers[].tok.  0, or -1 (and why on stderr). */
static int
people(const char *url, int n)
{
	struct db_pool *pool = NULL;
	struct db *d = NULL;
	char err[256], email[64], hash[65], tag[7];
	int64_t now = (int64_t)time(NULL), uid;
	enum ws_err rc;
	int i, ret = -1;

	if (db_pool_open(url, 1, 0, &pool, err, sizeof err) != WS_OK) {
		fprintf(stderr, "evrace: %s\n", err);
		return -1;
	}
	random_hex(tag, 3);	/* a database raced on before keeps its racers */
	d = db_acquire(pool);
	if (db_begin(d) != WS_OK)
		goto out;
	for (i = 0; i < n; i++) {
		struct db_q *q = db_start(d, ST_USER_INSERT);

		snprintf(email, sizeof email, "racer%04d-%s@bench-race.example", i, tag);
		db_bind_text(q, 1, email);
		db_bind_text(q, 2, email);
		db_bind_text(q, 3, "-");	/* no password: never signs in */
		db_bind_text(q, 4, "applicant");
		db_bind_text(q, 5, "active");
		db_bind_null(q, 6);
		db_bind_int(q, 7, now);
		db_bind_int(q, 8, now);
		db_bind_int(q, 9, now);
		rc = db_step(q);
		uid = rc == WS_OK ? db_col_int(q, 0) : 0;
		db_end(q);
		if (rc != WS_OK) {
			fprintf(stderr, "evrace: could not add %s (%s)\n", email, ws_strerror(rc));
			goto out;
		}
		random_hex(racers[i].tok, 32);
		token_hash(racers[i].tok, hash);
		q = db_start(d, ST_SESSION_INSERT);
		db_bind_text(q, 1, hash);
		db_bind_int(q, 2, uid);
		db_bind_text(q, 3, "api");
		db_bind_int(q, 4, now);
		db_bind_int(q, 5, now);
		db_bind_text(q, 6, "127.0.0.1");
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc != WS_OK) {
			fprintf(stderr, "evrace: could not open a session (%s)\n", ws_strerror(rc));
			goto out;
		}
	}
	if (db_commit(d) != WS_OK)
		goto out;
	ret = 0;
out:
	db_release(pool, d);
	db_pool_free(pool);
	return ret;
}

/* One request as staff, x's buffers for the answer: its status, 0 when
 * it could not be sent. */
static long
staff_call(struct racer *x, const char *method, const char *url, const char *tok,
    const char *body)
{
	struct curl_slist *h = NULL;
	char auth[96];
	CURL *c = curl_easy_init();

	if (!c)
		return 0;
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", tok);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	x->len = 0;
	x->body[0] = '\0';
	x->status = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &x->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return x->status;
}

/* An integer member of the JSON object in x's answer, -1 without it. */
static long long
answer_int(const struct racer *x, const char *name)
{
	json_t *j = json_loadb(x->body, x->len, 0, NULL);
	json_t *v = json_object_get(j, name);
	long long n = json_is_integer(v) ? (long long)json_integer_value(v) : -1;

	json_decref(j);
	return n;
}

/* A new published event of places places, open to any verified account,
 * two years ahead: its id, or -1. */
static long long
event_new(const char *base, const char *staff, int places, int run)
{
	static struct racer x;
	char url[300], body[400];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(url, sizeof url, "%s/api/v1/events", base);
	snprintf(body, sizeof body, "{\"kind\":\"workshop\",\"title\":\"The race (%d)\","
	    "\"timezone\":\"Europe/Vienna\",\"start\":\"%04d-09-09T09:00\","
	    "\"end\":\"%04d-09-09T17:00\",\"audience\":\"open\",\"status\":\"published\","
	    "\"capacity\":%d}", run, tm.tm_year + 1902, tm.tm_year + 1902, places);
	if (staff_call(&x, "POST", url, staff, body) != 201) {
		fprintf(stderr, "evrace: the event was not made (HTTP %ld): %.300s\n", x.status,
		    x.body);
		return -1;
	}
	return answer_int(&x, "id");
}

/* Whether x's answer says status "s". */
static int
told(const struct racer *x, const char *s)
{
	json_t *j = json_loadb(x->body, x->len, 0, NULL);
	const char *v = json_string_value(json_object_get(j, "status"));
	int yes = v && strcmp(v, s) == 0;

	json_decref(j);
	return yes;
}

/* One race for event id; 0 right, 3 wrong, 1 when it could not run. */
static int
race(const char *base, const char *staff, long long id, int n, int places, int addrs,
    int run)
{
	static struct racer check;
	CURLM *m = curl_multi_init();
	char url[300];
	double t0, ms;
	int i, running = 0, ok = 0, conf = 0, wait = 0, ret = 1;
	int want = n < places ? n : places;	/* confirmed, the rest waitlisted */
	long long econf, ewait;

	if (!m)
		return 1;
	curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)n);
	snprintf(url, sizeof url, "%s/api/v1/events/%lld/registrations", base, id);
	for (i = 0; i < n; i++) {
		struct racer *x = &racers[i];
		char auth[96];

		x->c = curl_easy_init();
		if (!x->c)
			goto out;
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", x->tok);
		x->hdr = curl_slist_append(NULL, auth);
		x->hdr = curl_slist_append(x->hdr, "Content-Type: application/json");
		snprintf(x->iface, sizeof x->iface, "host!127.0.0.%d", 100 + i % addrs);
		x->len = 0;
		x->body[0] = '\0';
		x->status = 0;
		curl_easy_setopt(x->c, CURLOPT_URL, url);
		curl_easy_setopt(x->c, CURLOPT_POSTFIELDS, "{}");
		curl_easy_setopt(x->c, CURLOPT_HTTPHEADER, x->hdr);
		curl_easy_setopt(x->c, CURLOPT_INTERFACE, x->iface);
		curl_easy_setopt(x->c, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(x->c, CURLOPT_WRITEDATA, x);
		curl_easy_setopt(x->c, CURLOPT_TIMEOUT, 600L);
		curl_easy_setopt(x->c, CURLOPT_FORBID_REUSE, 1L);
		curl_multi_add_handle(m, x->c);
	}
	t0 = now_ms();
	do {
		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	} while (running);
	ms = now_ms() - t0;
	for (i = 0; i < n; i++) {
		struct racer *x = &racers[i];

		curl_easy_getinfo(x->c, CURLINFO_RESPONSE_CODE, &x->status);
		ok += x->status == 201;
		conf += told(x, "confirmed");
		wait += told(x, "waitlisted");
	}
	snprintf(url, sizeof url, "%s/api/v1/events/%lld", base, id);
	if (staff_call(&check, "GET", url, staff, NULL) != 200) {
		fprintf(stderr, "evrace: could not read the event (HTTP %ld)\n", check.status);
		goto out;
	}
	econf = answer_int(&check, "confirmed");
	ewait = answer_int(&check, "waitlisted");
	ret = ok == n && conf == want && wait == n - want && econf == want &&
	    ewait == n - want ? 0 : 3;
	printf("run %d: %d registrations in %.0f ms: %d answered 201, told %d confirmed and %d "
	    "waitlisted; the event counts %lld confirmed and %lld waitlisted: %s\n", run, n, ms,
	    ok, conf, wait, econf, ewait, ret == 0 ? "right" : "WRONG");
	for (i = 0; i < n && ret; i++)
		if (racers[i].status != 201) {
			fprintf(stderr, "evrace: person %d: HTTP %ld %.200s\n", i, racers[i].status,
			    racers[i].body);
			break;
		}
	fflush(stdout);
out:
	for (i = 0; i < n; i++) {
		if (racers[i].c) {
			curl_multi_remove_handle(m, racers[i].c);
			curl_easy_cleanup(racers[i].c);
			racers[i].c = NULL;
		}
		curl_slist_free_all(racers[i].hdr);
		racers[i].hdr = NULL;
	}
	curl_multi_cleanup(m);
	return ret;
}

/* A whole number in [min, max] from option text, or exit. */
static int
number(const char *s, int min, int max, const char *what)
{
	int64_t v;

	if (parse_int(s, min, max, &v) != WS_OK) {
		fprintf(stderr, "evrace: %s must be a number from %d to %d\n", what, min, max);
		exit(1);
	}
	return (int)v;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "base", required_argument, NULL, 'b' },
		{ "staff", required_argument, NULL, 's' },
		{ "people", required_argument, NULL, 'n' },
		{ "places", required_argument, NULL, 'p' },
		{ "addrs", required_argument, NULL, 'a' },
		{ "runs", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *base = NULL, *staff = NULL;
	int n = 500, places = 100, addrs = 100, runs = 3, o, run, ret = 0;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'b': base = optarg; break;
		case 's': staff = optarg; break;
		case 'n': n = number(optarg, 1, RACE_MAX, "--people"); break;
		case 'p': places = number(optarg, 1, RACE_MAX, "--places"); break;
		case 'a': addrs = number(optarg, 1, 150, "--addrs"); break;
		case 'r': runs = number(optarg, 1, 100, "--runs"); break;
		default: return 1;
		}
	}
	if (!db || !base || !staff || optind != argc) {
		fprintf(stderr, "usage: evrace --db URL --base URL --staff TOKEN [--people N] "
		    "[--places N] [--addrs N] [--runs N]\n");
		return 1;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return 1;
	if (people(db, n) != 0) {
		curl_global_cleanup();
		return 1;
	}
	for (run = 1; run <= runs && ret != 1; run++) {
		long long id = event_new(base, staff, places, run);
		int r = id > 0 ? race(base, staff, id, n, places, addrs, run) : 1;

		if (r != 0)
			ret = r;	/* 1 stops; a wrong run (3) is said and the next runs */
	}
	curl_global_cleanup();
	return ret;
}
