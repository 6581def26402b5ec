/*
 * tz.h -- time zones: UTC instants to and from the local times of an IANA
 * zone ("Europe/Vienna"), read from the TZif files of the system's tz
 * database (Debian's tzdata, /usr/share/zoneinfo).
 *
 * The server never sets TZ nor calls localtime(): one process shows events
 * of many zones at once from many threads.  A zone is loaded once, parsed
 * into an immutable struct tz and kept in a process-wide cache (guarded by
 * a mutex, at most TZ_CACHE_MAX zones) for the life of the process, so the
 * pointer tz_get gives may be used from any thread without locking.
 *
 * Untrusted input meets this module twice: a zone name typed by a user,
 * which must match a strict pattern before any file is opened (letters,
 * digits, "_", "-", "+", segments joined by "/", no "..", no leading "/"),
 * and the bytes of a TZif file, which tz_parse checks against every count
 * it reads (tests/fuzz/fuzz_tz.c) with a ceiling on the file's size.
 * Instants after a file's last transition follow the POSIX TZ rule in its
 * footer ("CET-1CEST,M3.5.0,M10.5.0/3"), so dates beyond 2037 hold too.
 */
#ifndef WS_TZ_H
#define WS_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define TZ_NAME_MAX 64			/* bytes of a zone's name */
#define TZ_FILE_MAX (256 * 1024)	/* bytes of a TZif file read */
#define TZ_CACHE_MAX 1024		/* zones kept loaded (the database has ~600) */

struct tz;

/* A wall-clock time: year, month 1-12, day 1-31, hour 0-23, minute, second. */
struct tz_local {
	int year, mon, day, hour, min, sec;
};

/* How a local time maps to an instant (tz_to_utc). */
enum tz_fit {
	TZ_EXACT,	/* one instant */
	TZ_AMBIGUOUS,	/* twice (clocks went back): the first is given */
	TZ_GAP		/* never (clocks went forward): the instant as many
			 * seconds past the change as the time is past its start */
};

/* Whether name has the shape of a zone name (nothing about whether the
 * zone exists). */
int tz_name_ok(const char *name);

/*
 * The zone called name, loaded from the tz database on first use and
 * cached.  The zone is shared and immutable; the caller does not free it.
 * WS_EINVAL for a name tz_name_ok refuses; WS_ENOTFOUND when there is no
 * such zone, or its file is unreadable, too big or not TZif; WS_ETOOBIG
 * when the cache is full.
 */
enum ws_err tz_get(const char *name, const struct tz **out) WS_WUR;

/* The zone's name as it was asked for. */
const char *tz_name(const struct tz *z);

/* Seconds east of UTC in zone z at instant t; *dst (may be NULL) whether
 * daylight-saving time is in effect then. */
int32_t tz_offset(const struct tz *z, int64_t t, int *dst);

/* The wall-clock time in z at instant t into *l; returns its offset. */
int32_t tz_to_local(const struct tz *z, int64_t t, struct tz_local *l);

/* The instant of wall-clock time l in z into *t, and how it fits into *fit
 * (may be NULL).  WS_EINVAL for a field out of range (month 13, 31 April,
 * year outside 1..9999). */
enum ws_err tz_to_utc(const struct tz *z, const struct tz_local *l, int64_t *t,
    enum tz_fit *fit) WS_WUR;

/* Instant t as RFC 3339 with z's offset at t ("2026-10-25T02:30:00+01:00")
 * into out (size >= 26). */
void tz_rfc3339(const struct tz *z, int64_t t, char *out, size_t len);

/*
 * Reads s, an RFC 3339 date-time ("2026-10-25T02:30:00+01:00", "...Z",
 * fractions of a second ignored), or a local time in z without an offset
 * ("2026-10-25T02:30:00" or "2026-10-25T02:30", as an HTML datetime-local
 * field sends it), into instant *t; *fit as tz_to_utc's (TZ_EXACT when s
 * had an offset).  WS_EINVAL for anything else.
 */
enum ws_err tz_parse_time(const struct tz *z, const char *s, int64_t *t,
    enum tz_fit *fit) WS_WUR;

/*
 * Parses n bytes of a TZif file (RFC 8536, versions 1 to 4) into a new
 * zone named name, which the caller frees with tz_free.  WS_EINVAL for
 * bytes that are not a well-formed TZif file (or that carry leap
 * seconds, as the "right/" zones do).
 */
enum ws_err tz_parse(const unsigned char *data, size_t n, const char *name,
    struct tz **out) WS_WUR;
void tz_free(struct tz *z);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t tz_days_from_civil(int64_t y, int m, int d);
void tz_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

#endif
