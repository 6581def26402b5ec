/*
 * calendar.c -- events as iCalendar (RFC 5545) for calendar programs: one
 * event (/events/{id}/calendar.ics, seen as the event is seen, 404
 * otherwise), the public feed (/events/calendar.ics: public events,
 * published or cancelled, upcoming and those that ended in the last 90
 * days), and a person's own feed of the events they registered for and
 * may still see as they are now (not an event made staff-only, nor
 * members' events once they are members no more; nothing for a disabled
 * account), at a secret address (/calendar/{token}.ics), since calendar
 * programs cannot send a header.
 *
 * The token is "<user id>-<64 hex digits>"; only a hash of it is stored
 * (calendar_tokens, one a person), compared in constant time; making a new
 * one (the account's calendar page, POST /api/v1/account/calendar-token)
 * replaces the old, whose address is then a 404.
 *
 * Each event is a VEVENT at its own zone: DTSTART and DTEND carry its TZID,
 * and the calendar a VTIMEZONE per zone built from the zone's transitions
 * (core/tz.h) in each year its events touch, so a program needs no tz
 * database of its own to place them.  A wall-clock time that the clocks
 * pass twice is sent in UTC instead, which no reader can misplace.  The
 * online address is only in a person's own feed, for a confirmed place.
 * Lines are folded at 75 octets between UTF-8 characters, with CRLF.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/events/events_int.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define CAL_FEED_MAX 500		/* events in one feed */
#define CAL_PAST (90 * 86400)		/* how long an ended event stays in a feed */
#define CAL_ZONES_MAX 64		/* zones of one calendar */
#define CAL_YEARS_MAX 32		/* years of one zone whose transitions are sent */
#define CAL_LINE 75			/* octets of a content line, CRLF aside */

/* The zones and years a calendar's events touch. */
struct cal_zone {
	const struct tz *z;
	int years[CAL_YEARS_MAX];
	int nyears;
};

struct cal {
	struct buf *b;
	enum ws_err rc;
	struct cal_zone zones[CAL_ZONES_MAX];
	int nzones;
	const char *base;	/* the site's address, no trailing "/" */
	const char *host;	/* for UIDs */
};

/* ---- content lines ------------------------------------------------------ */

/* Appends line s (one content line, unfolded) to c's calendar, folded at
 * CAL_LINE octets between characters, ended by CRLF. */
static void
cal_line(struct cal *c, const char *s)
{
	size_t used = 0;

	while (*s && c->rc == WS_OK) {
		unsigned char ch = (unsigned char)*s;
		size_t n = ch < 0x80 ? 1 : (ch >> 5) == 6 ? 2 : (ch >> 4) == 14 ? 3 :
		    (ch >> 3) == 30 ? 4 : 1;
		size_t k;

		for (k = 1; k < n; k++)	/* a cut sequence goes as it is */
			if (((unsigned char)s[k] & 0xC0) != 0x80) {
				n = k;
				break;
			}
		if (used + n > CAL_LINE) {
			c->rc = buf_adds(c->b, "\r\n ");
			used = 1;
		}
		if (c->rc == WS_OK)
			c->rc = buf_add(c->b, s, n);
		used += n;
		s += n;
	}
	if (c->rc == WS_OK)
		c->rc = buf_adds(c->b, "\r\n");
}

/* Appends "name:value", value escaped as TEXT (RFC 5545 3.3.11): \ ; , and
 * newlines escaped, other control characters left out. */
static void
cal_text(struct cal *c, const char *name, const char *value)
{
	struct buf v;
	const char *p;

	if (c->rc != WS_OK)
		return;
	buf_init(&v, 256 * 1024);
	c->rc = buf_printf(&v, "%s:", name);
	for (p = value ? value : ""; *p && c->rc == WS_OK; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			if ((c->rc = buf_addc(&v, '\\')) == WS_OK)
				c->rc = buf_addc(&v, *p);
		} else if (*p == '\n') {
			c->rc = buf_adds(&v, "\\n");
		} else if ((unsigned char)*p >= 0x20 && *p != 0x7f) {
			c->rc = buf_addc(&v, *p);
		}
	}
	if (c->rc == WS_OK)
		cal_line(c, buf_str(&v));
	buf_free(&v);
}

/* Appends a line made from fmt. */
static void
cal_printf(struct cal *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void
cal_printf(struct cal *c, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	cal_line(c, line);
}

/* "20271028T090000" of l into out (size >= 16). */
static void
local_stamp(const struct tz_local *l, char *out, size_t len)
{
	snprintf(out, len, "%04d%02d%02dT%02d%02d%02d", l->year, l->mon, l->day, l->hour,
	    l->min, l->sec);
}

/* "20271028T070000Z" of instant t into out (size >= 17). */
static void
utc_stamp(int64_t t, char *out, size_t len)
{
	int64_t y, days = t >= 0 ? t / 86400 : (t - 86399) / 86400, sec = t - days * 86400;
	int m, d;

	tz_civil_from_days(days, &y, &m, &d);
	snprintf(out, len, "%04lld%02d%02dT%02d%02d%02dZ", (long long)y, m, d,
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

/* "+0530" of an offset in seconds into out (size >= 8). */
static void
offset_str(int32_t off, char *out, size_t len)
{
	int32_t a = off < 0 ? -off : off;

	if (a % 60)
		snprintf(out, len, "%c%02d%02d%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60,
		    a % 60);
	else
		snprintf(out, len, "%c%02d%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

/* ---- zones ---------------------------------------------------------------- */

/* Notes that z's events touch the year of instant t. */
static void
zone_note(struct cal *c, const struct tz *z, int64_t t)
{
	struct tz_local l;
	struct cal_zone *cz = NULL;
	int i;

	tz_to_local(z, t, &l);
	for (i = 0; i < c->nzones; i++)
		if (c->zones[i].z == z)
			cz = &c->zones[i];
	if (!cz) {
		if (c->nzones == CAL_ZONES_MAX)
			return;
		cz = &c->zones[c->nzones++];
		cz->z = z;
		cz->nyears = 0;
	}
	for (i = 0; i < cz->nyears; i++)
		if (cz->years[i] == l.year)
			return;
	if (cz->nyears < CAL_YEARS_MAX)
		cz->years[cz->nyears++] = l.year;
}

/* One observance of a VTIMEZONE: from offset `from` to `to` at instant t. */
static void
observance(struct cal *c, int64_t t, int32_t from, int32_t to, int dst)
{
	struct tz_local l;
	int64_t lt = t + from, days = lt >= 0 ? lt / 86400 : (lt - 86399) / 86400;
	int64_t y, sec = lt - days * 86400;
	char stamp[20], f[8], o[8];

	/* the onset as a wall clock still showing the old offset */
	tz_civil_from_days(days, &y, &l.mon, &l.day);
	l.year = (int)y;
	l.hour = (int)(sec / 3600);
	l.min = (int)(sec / 60 % 60);
	l.sec = (int)(sec % 60);
	local_stamp(&l, stamp, sizeof stamp);
	offset_str(from, f, sizeof f);
	offset_str(to, o, sizeof o);
	cal_line(c, dst ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD");
	cal_printf(c, "DTSTART:%s", stamp);
	cal_printf(c, "TZOFFSETFROM:%s", f);
	cal_printf(c, "TZOFFSETTO:%s", o);
	cal_line(c, dst ? "END:DAYLIGHT" : "END:STANDARD");
}

/*
 * The VTIMEZONE of cz: for each year its events touch, the offset in force
 * on 1 January and each change of offset or of daylight time in the year,
 * found by stepping a day at a time and narrowing to the second.
 */
static void
vtimezone(struct cal *c, const struct cal_zone *cz)
{
	int i;

	cal_line(c, "BEGIN:VTIMEZONE");
	cal_text(c, "TZID", tz_name(cz->z));
	for (i = 0; i < cz->nyears && c->rc == WS_OK; i++) {
		int64_t t0 = tz_days_from_civil(cz->years[i], 1, 1) * 86400 - 14 * 3600;
		int64_t t1 = tz_days_from_civil(cz->years[i] + 1, 1, 1) * 86400 + 14 * 3600;
		int64_t t;
		int dst, dst2;
		int32_t off = tz_offset(cz->z, t0, &dst), off2;

		observance(c, t0, off, off, dst);
		for (t = t0 + 86400; t <= t1 && c->rc == WS_OK; t += 86400) {
			int64_t lo = t - 86400, hi = t;

			off2 = tz_offset(cz->z, t, &dst2);
			if (off2 == off && dst2 == dst)
				continue;
			/* the first second of the new offset, in (lo, hi] */
			while (hi - lo > 1) {
				int64_t mid = lo + (hi - lo) / 2;
				int dm;
				int32_t om = tz_offset(cz->z, mid, &dm);

				if (om == off && dm == dst)
					lo = mid;
				else
					hi = mid;
			}
			off2 = tz_offset(cz->z, hi, &dst2);
			observance(c, hi, off, off2, dst2);
			off = off2;
			dst = dst2;
			t = hi;
		}
	}
	cal_line(c, "END:VTIMEZONE");
}

/* ---- events ------------------------------------------------------------- */

/* The row of q (enum cal_col) as JSON.  New reference. */
static json_t *
cal_row(struct db_q *q)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:s?}",
	    "id", (json_int_t)db_col_int(q, CAL_C_ID), "title", db_col_text(q, CAL_C_TITLE),
	    "description", db_col_text(q, CAL_C_DESCRIPTION),
	    "start_at", (json_int_t)db_col_int(q, CAL_C_START_AT),
	    "end_at", (json_int_t)db_col_int(q, CAL_C_END_AT),
	    "timezone", db_col_text(q, CAL_C_TIMEZONE), "venue", db_col_text(q, CAL_C_VENUE),
	    "online_url", db_col_text(q, CAL_C_ONLINE_URL), "status", db_col_text(q, CAL_C_STATUS),
	    "sequence", (json_int_t)db_col_int(q, CAL_C_SEQUENCE),
	    "updated_at", (json_int_t)db_col_int(q, CAL_C_UPDATED_AT),
	    "registration", db_col_text(q, CAL_C_REG_STATUS));
}

/* The zone of calendar row ev (UTC should the database have lost it). */
static const struct tz *
row_zone(json_t *ev)
{
	const struct tz *z = NULL;

	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &z) != WS_OK &&
	    tz_get("UTC", &z) != WS_OK)
		return NULL;
	return z;
}

/* Whether c's VTIMEZONE of z covers the year of local time l. */
static int
zone_sent(const struct cal *c, const struct tz *z, const struct tz_local *l)
{
	int i, k;

	for (i = 0; i < c->nzones; i++)
		for (k = 0; c->zones[i].z == z && k < c->zones[i].nyears; k++)
			if (c->zones[i].years[k] == l->year)
				return 1;
	return 0;
}

/* "DTSTART;TZID=Europe/Vienna:20271028T090000", or in UTC when the wall
 * clock time is one the clocks pass twice, or the calendar has no
 * VTIMEZONE for it (a feed of more zones or years than it describes). */
static void
cal_time(struct cal *c, const char *name, const struct tz *z, int64_t t)
{
	struct tz_local l;
	enum tz_fit fit;
	int64_t back;
	char stamp[24];

	if (z) {
		tz_to_local(z, t, &l);
		if (zone_sent(c, z, &l) && tz_to_utc(z, &l, &back, &fit) == WS_OK &&
		    fit == TZ_EXACT && back == t) {
			local_stamp(&l, stamp, sizeof stamp);
			cal_printf(c, "%s;TZID=%s:%s", name, tz_name(z), stamp);
			return;
		}
	}
	utc_stamp(t, stamp, sizeof stamp);
	cal_printf(c, "%s:%s", name, stamp);
}

/* Appends VEVENT ev (cal_row's); with_link: the online address is the
 * reader's to see. */
static void
vevent(struct cal *c, json_t *ev, int with_link, int64_t now)
{
	const char *reg = json_string_value(json_object_get(ev, "registration"));
	const char *status = json_string_value(json_object_get(ev, "status"));
	const char *venue = json_string_value(json_object_get(ev, "venue"));
	const char *link = json_string_value(json_object_get(ev, "online_url"));
	const char *descr = json_string_value(json_object_get(ev, "description"));
	const struct tz *z = row_zone(ev);
	long long id = (long long)json_integer_value(json_object_get(ev, "id"));
	char stamp[24], url[600];
	struct buf d;

	cal_line(c, "BEGIN:VEVENT");
	if (json_is_string(json_object_get(ev, "uid")))
		cal_printf(c, "UID:%s@%s", json_string_value(json_object_get(ev, "uid")), c->host);
	else
		cal_printf(c, "UID:event-%lld@%s", id, c->host);
	utc_stamp(now, stamp, sizeof stamp);
	cal_printf(c, "DTSTAMP:%s", stamp);
	utc_stamp(json_integer_value(json_object_get(ev, "updated_at")), stamp, sizeof stamp);
	cal_printf(c, "LAST-MODIFIED:%s", stamp);
	cal_time(c, "DTSTART", z, json_integer_value(json_object_get(ev, "start_at")));
	cal_time(c, "DTEND", z, json_integer_value(json_object_get(ev, "end_at")));
	cal_printf(c, "SEQUENCE:%lld", (long long)json_integer_value(json_object_get(ev,
	    "sequence")));
	cal_text(c, "SUMMARY", json_string_value(json_object_get(ev, "title")));
	buf_init(&d, 256 * 1024);
	if (c->rc == WS_OK && descr)
		c->rc = buf_adds(&d, descr);
	if (c->rc == WS_OK && with_link && link && *link)
		c->rc = buf_printf(&d, "%s%s", d.len ? "\n\n" : "", link);
	if (d.len)
		cal_text(c, "DESCRIPTION", buf_str(&d));
	buf_free(&d);
	if (venue && *venue)
		cal_text(c, "LOCATION", venue);
	else if (with_link && link && *link)
		cal_text(c, "LOCATION", link);
	if (json_is_string(json_object_get(ev, "url")))
		snprintf(url, sizeof url, "%s", json_string_value(json_object_get(ev, "url")));
	else
		snprintf(url, sizeof url, "%s/events/%lld", c->base, id);
	cal_printf(c, "URL:%s", url);
	if (strcmp(status, "cancelled") == 0 || (reg && (strcmp(reg, "cancelled") == 0 ||
	    strcmp(reg, "declined") == 0)))
		cal_line(c, "STATUS:CANCELLED");
	else if (reg && (strcmp(reg, "pending") == 0 || strcmp(reg, "waitlisted") == 0))
		cal_line(c, "STATUS:TENTATIVE");
	else
		cal_line(c, "STATUS:CONFIRMED");
	cal_line(c, "END:VEVENT");
}

/* The host part of base ("https://hub.example:8443/x" -> "hub.example:8443"). */
static const char *
host_of(struct arena *a, const char *base)
{
	const char *p = strstr(base, "://"), *end;

	p = p ? p + 3 : base;
	end = strchr(p, '/');
	return end ? arena_strndup(a, p, (size_t)(end - p)) : p;
}

/*
 * Answers the calendar of rows (cal_row's JSON) named name; with_link as
 * vevent's, for every row whose registration is confirmed or attended.
 */
static enum ws_err
cal_send(struct req *r, struct resp *w, json_t *rows, const char *name, int personal)
{
	struct cal *c = arena_alloc(r->a, sizeof *c);
	const char *base = r->app->cfg.base_url;
	int64_t now = now_s();
	json_t *ev;
	size_t i, n;
	int k;

	memset(c, 0, sizeof *c);
	c->b = &w->raw;
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	c->base = arena_strndup(r->a, base, n);
	c->host = host_of(r->a, c->base);
	json_array_foreach(rows, i, ev) {
		const struct tz *z = row_zone(ev);

		if (!z)
			continue;
		zone_note(c, z, json_integer_value(json_object_get(ev, "start_at")));
		zone_note(c, z, json_integer_value(json_object_get(ev, "end_at")));
	}
	cal_line(c, "BEGIN:VCALENDAR");
	cal_line(c, "VERSION:2.0");
	cal_line(c, "PRODID:-//WhatsOn//Events//EN");
	cal_line(c, "CALSCALE:GREGORIAN");
	cal_line(c, "METHOD:PUBLISH");
	cal_text(c, "X-WR-CALNAME", name);
	for (k = 0; k < c->nzones; k++)
		vtimezone(c, &c->zones[k]);
	json_array_foreach(rows, i, ev) {
		const char *reg = json_string_value(json_object_get(ev, "registration"));

		vevent(c, ev, personal && reg && (strcmp(reg, "confirmed") == 0 ||
		    strcmp(reg, "attended") == 0), now);
	}
	cal_line(c, "END:VCALENDAR");
	if (c->rc != WS_OK)
		return c->rc;
	w->ctype = "text/calendar; charset=utf-8";
	return WS_OK;
}

enum ws_err
events_calendar_send(struct req *r, struct resp *w, json_t *rows, const char *name)
{
	return cal_send(r, w, rows, name, 0);
}

/* Rows of statement st after its bound parameters; q is ended.  New
 * reference in *out. */
static enum ws_err
cal_rows(struct db_q *q, json_t **out)
{
	enum ws_err rc;

	*out = json_array();
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, cal_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
h_event_ics(struct req *r, struct resp *w)
{
	struct ev_viewer v;
	struct db_q *q;
	json_t *ev = NULL, *rows = NULL;
	int64_t id;
	enum ws_err rc;
	char name[400];

	ev_viewer_of(r, &v);
	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ev_get(req_db(r), &v, id, &ev)) != WS_OK)	/* seen as the event is */
		return rc;
	q = db_start(req_db(r), ST_CAL_EVENT);
	db_bind_int(q, 1, id);
	if ((rc = cal_rows(q, &rows)) == WS_OK) {
		snprintf(name, sizeof name, "%s", json_string_value(json_object_get(ev, "title")));
		rc = cal_send(r, w, rows, name, 0);
	}
	json_decref(ev);
	json_decref(rows);
	return rc;
}

enum ws_err
h_events_ics(struct req *r, struct resp *w)
{
	struct db_q *q = db_start(req_db(r), ST_CAL_PUBLIC);
	json_t *rows = NULL;
	enum ws_err rc;
	char name[300];

	db_bind_int(q, 1, now_s() - CAL_PAST);
	db_bind_int(q, 2, CAL_FEED_MAX);
	if ((rc = cal_rows(q, &rows)) == WS_OK) {
		snprintf(name, sizeof name, "%s: %s", r->app->cfg.org_name,
		    view_tr(r->app->views, r->locale, N_("Events")));
		rc = cal_send(r, w, rows, name, 0);
	}
	json_decref(rows);
	return rc;
}

/* ---- the personal feed and its token -------------------------------------- */

/* The person whose calendar token is tok; WS_ENOTFOUND for any other. */
static enum ws_err
token_user(struct db *d, const char *tok, int64_t *uid)
{
	const char *dash = strchr(tok, '-');
	char id[24], hash[65];
	struct db_q *q;
	enum ws_err rc;

	if (!dash || dash == tok || (size_t)(dash - tok) >= sizeof id || strlen(dash + 1) != 64)
		return WS_ENOTFOUND;
	memcpy(id, tok, (size_t)(dash - tok));
	id[dash - tok] = '\0';
	if (parse_int(id, 1, INT64_MAX, uid) != WS_OK)
		return WS_ENOTFOUND;
	token_hash(dash + 1, hash);
	q = db_start(d, ST_CAL_TOKEN_GET);
	db_bind_int(q, 1, *uid);
	rc = db_step(q);
	if (rc == WS_OK && !str_eq_ct(db_col_text(q, CAL_TOKEN_C_HASH), hash))
		rc = WS_ENOTFOUND;
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
h_personal_ics(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	struct ev_viewer v;
	struct user u;
	struct db_q *q;
	json_t *rows = NULL;
	int64_t uid;
	enum ws_err rc;
	char name[300];

	if ((rc = token_user(d, r->params[0], &uid)) != WS_OK)
		return rc;
	/* a disabled account's feed stops; the rest see what they may see
	 * now (an event made staff-only, members' events once their
	 * organization is suspended or they left it, are gone) */
	if ((rc = user_by_id(d, r->a, uid, &u)) != WS_OK || strcmp(u.status, "active") != 0)
		return rc == WS_OK || rc == WS_ENOTFOUND ? WS_ENOTFOUND : rc;
	if ((rc = user_effective_role(d, &u)) != WS_OK)
		return rc;
	ev_viewer_for(&u, &v);
	q = db_start(d, ST_CAL_PERSONAL);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, v.staff);
	db_bind_int(q, 3, v.member);
	db_bind_int(q, 4, now_s() - CAL_PAST);
	db_bind_int(q, 5, CAL_FEED_MAX);
	if ((rc = cal_rows(q, &rows)) == WS_OK) {
		json_t *ev;
		size_t i;

		json_array_foreach(rows, i, ev)	/* a dialogue's, approval lapsed */
			if (!v.staff && json_is_string(json_object_get(ev, "registration")) &&
			    ev_link_lapsed(d, json_integer_value(json_object_get(ev, "id")), uid))
				json_object_set_new(ev, "online_url", json_string(""));
		snprintf(name, sizeof name, "%s: %s", r->app->cfg.org_name,
		    view_tr(r->app->views, r->locale, N_("My events")));
		rc = cal_send(r, w, rows, name, 1);
		/* the address is a secret: no cache keeps it, no page passes it on */
		resp_header(w, "Cache-Control", "private, no-store");
		resp_header(w, "Referrer-Policy", "no-referrer");
	}
	json_decref(rows);
	return rc;
}

/* The value of the calendar page and its JSON twin: whether a feed
 * address exists, since when, and (just made) the address itself. */
static enum ws_err
token_value(struct req *r, const char *fresh, json_t **out)
{
	struct db_q *q = db_start(req_db(r), ST_CAL_TOKEN_GET);
	enum ws_err rc;
	char when[40];

	*out = json_pack("{s:b,s:n,s:n,s:s}", "exists", 0, "created_at", "feed_url",
	    "public_url", arena_printf(r->a, "%s/events/calendar.ics", r->app->cfg.base_url));
	db_bind_int(q, 1, r->user->id);
	if ((rc = db_step(q)) == WS_OK) {
		time_rfc3339((time_t)db_col_int(q, CAL_TOKEN_C_CREATED_AT), when, sizeof when);
		json_object_set_new(*out, "exists", json_true());
		json_object_set_new(*out, "created_at", json_string(when));
	}
	db_end(q);
	if (rc != WS_OK && rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	if (fresh)
		json_object_set_new(*out, "feed_url", json_sprintf("%s/calendar/%s.ics",
		    r->app->cfg.base_url, fresh));
	return WS_OK;
}

/* Makes a new token for r's person, replacing any; the token in *tok
 * (r's arena). */
static enum ws_err
token_new(struct req *r, const char **tok)
{
	char secret[65], hash[65];
	struct db_q *q;
	enum ws_err rc;

	random_hex(secret, 32);
	token_hash(secret, hash);
	q = db_start(req_db(r), ST_CAL_TOKEN_PUT);
	db_bind_int(q, 1, r->user->id);
	db_bind_text(q, 2, hash);
	db_bind_int(q, 3, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		app_audit(r->app, req_db(r), r->user->id, "calendar.token_reset", r->ip, NULL);
		*tok = arena_printf(r->a, "%lld-%s", (long long)r->user->id, secret);
	}
	return rc;
}

enum ws_err
h_calendar_page(struct req *r, struct resp *w)
{
	json_t *v;
	enum ws_err rc;

	if ((rc = token_value(r, NULL, &v)) != WS_OK)
		return rc;
	resp_value(w, v);
	w->tpl = "calendar_feed";
	w->title = N_("Your calendar");
	return WS_OK;
}

enum ws_err
h_calendar_reset(struct req *r, struct resp *w)
{
	const char *tok;
	json_t *v;
	enum ws_err rc;

	if ((rc = token_new(r, &tok)) != WS_OK || (rc = token_value(r, tok, &v)) != WS_OK)
		return rc;
	resp_value(w, v);
	w->tpl = "calendar_feed";
	w->title = N_("Your calendar");
	return WS_OK;
}

enum ws_err
h_api_calendar_token(struct req *r, struct resp *w)
{
	const char *tok;
	json_t *v;
	enum ws_err rc;

	if ((rc = token_new(r, &tok)) != WS_OK || (rc = token_value(r, tok, &v)) != WS_OK)
		return rc;
	json_object_set_new(v, "token", json_string(tok));
	resp_value(w, v);
	w->status = 201;
	return WS_OK;
}
