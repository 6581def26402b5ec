/*
 * tz.c -- time zones from the TZif files of the tz database (tz.h).
 *
 * A zone is its transitions (instants, ascending) each naming a local time
 * type (an offset and whether it is daylight-saving time), and the POSIX TZ
 * rule of the file's footer for instants after the last transition.  The
 * parser trusts nothing it reads: every count is capped and every block
 * checked against the bytes left before it is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/tz.h"

#define TZ_DIR "/usr/share/zoneinfo"
#define TZ_TIMES_MAX 4096	/* transitions in one file (fat files have ~250) */
#define TZ_TYPES_MAX 256	/* local time types (a byte indexes them) */
#define TZ_OFF_MAX (18 * 3600)	/* the widest offset accepted, east or west (real
				 * zones keep within 15 h; RFC 3339 cannot write 24 h) */
#define TZ_RULE_MAX 128		/* bytes of a footer's TZ string */

/* A day of the year in a POSIX TZ rule. */
struct tz_day {
	char kind;	/* 'M': month, week, weekday; 'J': 1-365 without Feb 29; 'D': 0-365 */
	int mon, week, wday, n;
	int32_t time;	/* seconds after local midnight it happens (may be < 0 or > 24 h) */
};

/* A POSIX TZ rule: standard time, and daylight-saving time between two days. */
struct tz_rule {
	int32_t std_off, dst_off;	/* seconds east of UTC */
	int has_dst;
	struct tz_day start, end;	/* start in standard time, end in DST */
};

struct tz_type {
	int32_t off;	/* seconds east of UTC */
	int dst;
};

struct tz {
	char name[TZ_NAME_MAX + 1];
	size_t ntimes, ntypes;
	int64_t *times;			/* ntimes ascending instants */
	unsigned char *idx;		/* the type each one begins */
	struct tz_type *types;		/* ntypes */
	int has_rule;
	struct tz_rule rule;
};

/* ---- calendar ------------------------------------------------------------ */

/* After Howard Hinnant's days_from_civil and civil_from_days. */
int64_t
tz_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
tz_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int64_t y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* floor(a / b) for b > 0. */
static int64_t
fdiv(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* ---- POSIX TZ rules (a TZif footer) ------------------------------------------ */

/* Reads a number of at most max into *v; the end in *p. */
static int
rule_num(const char **p, int max, int *v)
{
	int n = 0, digits = 0;

	while (**p >= '0' && **p <= '9') {
		n = n * 10 + (**p - '0');
		if (n > max || ++digits > 3)
			return 0;
		(*p)++;
	}
	*v = n;
	return digits > 0;
}

/* [+-]hh[:mm[:ss]] with hours up to max_h, as seconds. */
static int
rule_time(const char **p, int max_h, int32_t *out)
{
	int sign = 1, h, m = 0, s = 0;

	if (**p == '+' || **p == '-')
		sign = *(*p)++ == '-' ? -1 : 1;
	if (!rule_num(p, max_h, &h))
		return 0;
	if (**p == ':') {
		(*p)++;
		if (!rule_num(p, 59, &m))
			return 0;
		if (**p == ':') {
			(*p)++;
			if (!rule_num(p, 59, &s))
				return 0;
		}
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return 1;
}

/* A zone abbreviation: three or more letters, or <...> of letters, digits, + and -. */
static int
rule_name(const char **p)
{
	const char *s = *p;

	if (*s == '<') {
		for (s++; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '+' || *s == '-'; s++)
			;
		if (*s != '>' || s - *p < 4)
			return 0;
		*p = s + 1;
		return 1;
	}
	while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
		s++;
	if (s - *p < 3)
		return 0;
	*p = s;
	return 1;
}

/* Mm.w.d, Jn or n, then an optional /time. */
static int
rule_day(const char **p, struct tz_day *d)
{
	memset(d, 0, sizeof *d);
	if (**p == 'M') {
		(*p)++;
		d->kind = 'M';
		if (!rule_num(p, 12, &d->mon) || d->mon < 1 || *(*p)++ != '.' ||
		    !rule_num(p, 5, &d->week) || d->week < 1 || *(*p)++ != '.' ||
		    !rule_num(p, 6, &d->wday))
			return 0;
	} else if (**p == 'J') {
		(*p)++;
		d->kind = 'J';
		if (!rule_num(p, 365, &d->n) || d->n < 1)
			return 0;
	} else {
		d->kind = 'D';
		if (!rule_num(p, 365, &d->n))
			return 0;
	}
	d->time = 7200;
	if (**p == '/') {
		(*p)++;
		return rule_time(p, 167, &d->time);
	}
	return 1;
}

/* Parses TZ string s (NUL-terminated) into *r. */
static int
rule_parse(const char *s, struct tz_rule *r)
{
	const char *p = s;
	int32_t off;

	memset(r, 0, sizeof *r);
	if (!rule_name(&p) || !rule_time(&p, 24, &off))
		return 0;
	r->std_off = -off;
	if (off < -TZ_OFF_MAX || off > TZ_OFF_MAX)
		return 0;
	if (!*p)
		return 1;
	if (!rule_name(&p))
		return 0;
	r->has_dst = 1;
	r->dst_off = r->std_off + 3600;
	if (*p != ',') {
		if (!rule_time(&p, 24, &off))
			return 0;
		if (off < -TZ_OFF_MAX || off > TZ_OFF_MAX)
			return 0;
		r->dst_off = -off;
	}
	/* a footer with daylight-saving time always says when (RFC 8536 3.3) */
	if (*p++ != ',' || !rule_day(&p, &r->start) || *p++ != ',' || !rule_day(&p, &r->end))
		return 0;
	return *p == '\0';
}

/* Seconds since the epoch of local midnight (as if UTC) of day d in year y. */
static int64_t
rule_midnight(const struct tz_day *d, int64_t y)
{
	int64_t days;

	if (d->kind == 'J') {
		days = tz_days_from_civil(y, 1, 1) + d->n - 1;
		if (leap(y) && d->n >= 60)
			days++;
	} else if (d->kind == 'D') {
		days = tz_days_from_civil(y, 1, 1) + d->n;
	} else {
		int64_t first = tz_days_from_civil(y, d->mon, 1);
		int wday1 = (int)(((first + 4) % 7 + 7) % 7);	/* 1970-01-01 was a Thursday */
		int day = 1 + (d->wday - wday1 + 7) % 7 + (d->week - 1) * 7;

		while (day > month_days(y, d->mon))
			day -= 7;
		days = first + day - 1;
	}
	return days * 86400;
}

/* The offset and DST flag rule r gives at instant t. */
static int32_t
rule_offset(const struct tz_rule *r, int64_t t, int *dst)
{
	int64_t y, start, end;
	int m, d, in;

	*dst = 0;
	if (!r->has_dst)
		return r->std_off;
	tz_civil_from_days(fdiv(t + r->std_off, 86400), &y, &m, &d);
	start = rule_midnight(&r->start, y) + r->start.time - r->std_off;
	end = rule_midnight(&r->end, y) + r->end.time - r->dst_off;
	if (start < end)
		in = t >= start && t < end;
	else
		in = !(t >= end && t < start);	/* the southern hemisphere */
	*dst = in;
	return in ? r->dst_off : r->std_off;
}

/* ---- TZif ------------------------------------------------------------------ */

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_hdr {
	int version;	/* 1 to 4 */
	size_t isut, isstd, leap, times, types, chars;
};

/* The 44-byte header at p (n bytes left). */
static int
tzif_header(const unsigned char *p, size_t n, struct tzif_hdr *h)
{
	if (n < 44 || memcmp(p, "TZif", 4) != 0)
		return 0;
	if (p[4] == 0)
		h->version = 1;
	else if (p[4] >= '2' && p[4] <= '4')
		h->version = p[4] - '0';
	else
		return 0;
	h->isut = be32(p + 20);
	h->isstd = be32(p + 24);
	h->leap = be32(p + 28);
	h->times = be32(p + 32);
	h->types = be32(p + 36);
	h->chars = be32(p + 40);
	if (h->types < 1 || h->types > TZ_TYPES_MAX || h->times > TZ_TIMES_MAX ||
	    h->chars < 1 || h->chars > 256 * 6 || h->leap > TZ_TIMES_MAX ||
	    (h->isut && h->isut != h->types) || (h->isstd && h->isstd != h->types))
		return 0;
	return 1;
}

/* Bytes of the data block after header h with times of tsize bytes. */
static size_t
tzif_block(const struct tzif_hdr *h, size_t tsize)
{
	return h->times * (tsize + 1) + h->types * 6 + h->chars + h->leap * (tsize + 4) +
	    h->isstd + h->isut;
}

enum ws_err
tz_parse(const unsigned char *data, size_t n, const char *name, struct tz **out)
{
	struct tzif_hdr h;
	const unsigned char *p = data, *end = data + n;
	size_t tsize = 4, i;
	struct tz *z;

	*out = NULL;
	if (n > TZ_FILE_MAX || !tzif_header(p, (size_t)(end - p), &h))
		return WS_EINVAL;
	p += 44;
	if (h.version >= 2) {
		/* skip the 32-bit block: the 64-bit one follows with its own header */
		if (tzif_block(&h, 4) > (size_t)(end - p))
			return WS_EINVAL;
		p += tzif_block(&h, 4);
		if (!tzif_header(p, (size_t)(end - p), &h))
			return WS_EINVAL;
		p += 44;
		tsize = 8;
	}
	if (h.leap || tzif_block(&h, tsize) > (size_t)(end - p))
		return WS_EINVAL;

	z = xcalloc(1, sizeof *z);
	snprintf(z->name, sizeof z->name, "%s", name ? name : "");
	z->ntimes = h.times;
	z->ntypes = h.types;
	z->times = xcalloc(h.times ? h.times : 1, sizeof *z->times);
	z->idx = xcalloc(h.times ? h.times : 1, 1);
	z->types = xcalloc(h.types, sizeof *z->types);
	for (i = 0; i < h.times; i++, p += tsize) {
		z->times[i] = tsize == 8 ? be64(p) : (int64_t)(int32_t)be32(p);
		if (i > 0 && z->times[i] <= z->times[i - 1])
			goto bad;
	}
	for (i = 0; i < h.times; i++, p++) {
		if (*p >= h.types)
			goto bad;
		z->idx[i] = *p;
	}
	for (i = 0; i < h.types; i++, p += 6) {
		int32_t off = (int32_t)be32(p);

		if (off < -TZ_OFF_MAX || off > TZ_OFF_MAX || p[4] > 1 || p[5] >= h.chars)
			goto bad;
		z->types[i].off = off;
		z->types[i].dst = p[4];
	}
	p += h.chars + h.isstd + h.isut;

	if (h.version >= 2) {
		/* the footer: "\n" TZ string "\n", the string possibly empty */
		char rule[TZ_RULE_MAX + 1];
		const unsigned char *nl;
		size_t len;

		if (p >= end || *p != '\n')
			goto bad;
		p++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || (len = (size_t)(nl - p)) > TZ_RULE_MAX)
			goto bad;
		if (len > 0) {
			memcpy(rule, p, len);
			rule[len] = '\0';
			if (memchr(rule, '\0', len) || !rule_parse(rule, &z->rule))
				goto bad;
			z->has_rule = 1;
		}
	}
	*out = z;
	return WS_OK;
bad:
	tz_free(z);
	return WS_EINVAL;
}

void
tz_free(struct tz *z)
{
	if (!z)
		return;
	free(z->times);
	free(z->idx);
	free(z->types);
	free(z);
}

/* ---- the cache ------------------------------------------------------------- */

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tz *tz_cache[TZ_CACHE_MAX];
static size_t tz_ncache;

int
tz_name_ok(const char *name)
{
	const char *p;
	size_t seg = 0, segs = 1;

	if (!name || !*name || strlen(name) > TZ_NAME_MAX)
		return 0;
	for (p = name; *p; p++) {
		char c = *p;

		if (c == '/') {
			if (seg == 0 || ++segs > 3)
				return 0;
			seg = 0;
			continue;
		}
		/* each segment begins with a letter: no "..", no ".", no "-x" */
		if (seg == 0 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return 0;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-' || c == '+'))
			return 0;
		seg++;
	}
	return seg > 0;
}

/* Reads the zone file of name into a new zone. */
static enum ws_err
tz_load(const char *name, struct tz **out)
{
	char path[sizeof TZ_DIR + TZ_NAME_MAX + 2];
	unsigned char *data = NULL;
	struct stat st;
	size_t got = 0;
	enum ws_err rc = WS_ENOTFOUND;
	int fd;

	snprintf(path, sizeof path, "%s/%s", TZ_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return WS_ENOTFOUND;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > TZ_FILE_MAX ||
	    st.st_size < 44)
		goto out;
	data = xmalloc((size_t)st.st_size);
	while (got < (size_t)st.st_size) {
		ssize_t k = read(fd, data + got, (size_t)st.st_size - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			goto out;
		got += (size_t)k;
	}
	rc = tz_parse(data, got, name, out) == WS_OK ? WS_OK : WS_ENOTFOUND;
out:
	free(data);
	close(fd);
	return rc;
}

enum ws_err
tz_get(const char *name, const struct tz **out)
{
	struct tz *z = NULL;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if (!tz_name_ok(name))
		return WS_EINVAL;
	pthread_mutex_lock(&tz_lock);
	for (i = 0; i < tz_ncache; i++)
		if (strcmp(tz_cache[i]->name, name) == 0) {
			*out = tz_cache[i];
			pthread_mutex_unlock(&tz_lock);
			return WS_OK;
		}
	pthread_mutex_unlock(&tz_lock);

	/* read outside the lock; a zone two threads load at once is kept once */
	if ((rc = tz_load(name, &z)) != WS_OK)
		return rc;
	pthread_mutex_lock(&tz_lock);
	for (i = 0; i < tz_ncache; i++)
		if (strcmp(tz_cache[i]->name, name) == 0)
			break;
	if (i < tz_ncache) {
		*out = tz_cache[i];
	} else if (tz_ncache < TZ_CACHE_MAX) {
		tz_cache[tz_ncache++] = z;
		*out = z;
		z = NULL;
	} else {
		rc = WS_ETOOBIG;
	}
	pthread_mutex_unlock(&tz_lock);
	tz_free(z);
	return rc;
}

const char *
tz_name(const struct tz *z)
{
	return z->name;
}

/* ---- conversions ------------------------------------------------------------ */

int32_t
tz_offset(const struct tz *z, int64_t t, int *dst)
{
	size_t lo = 0, hi = z->ntimes;
	int d = 0;
	int32_t off;

	if (z->ntimes == 0 || t < z->times[0]) {
		if (z->ntimes == 0 && z->has_rule) {
			off = rule_offset(&z->rule, t, &d);
		} else {
			off = z->types[0].off;
			d = z->types[0].dst;
		}
	} else if (t >= z->times[z->ntimes - 1] && z->has_rule) {
		off = rule_offset(&z->rule, t, &d);
	} else {
		/* the last transition at or before t */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;

			if (z->times[mid] <= t)
				lo = mid;
			else
				hi = mid;
		}
		off = z->types[z->idx[lo]].off;
		d = z->types[z->idx[lo]].dst;
	}
	if (dst)
		*dst = d;
	return off;
}

int32_t
tz_to_local(const struct tz *z, int64_t t, struct tz_local *l)
{
	int32_t off = tz_offset(z, t, NULL);
	int64_t s = t + off, days = fdiv(s, 86400), y, rem = s - days * 86400;

	tz_civil_from_days(days, &y, &l->mon, &l->day);
	l->year = (int)y;
	l->hour = (int)(rem / 3600);
	l->min = (int)(rem % 3600 / 60);
	l->sec = (int)(rem % 60);
	return off;
}

/* Whether l's fields are in range. */
static int
local_ok(const struct tz_local *l)
{
	return l->year >= 1 && l->year <= 9999 && l->mon >= 1 && l->mon <= 12 && l->day >= 1 &&
	    l->day <= month_days(l->year, l->mon) && l->hour >= 0 && l->hour <= 23 &&
	    l->min >= 0 && l->min <= 59 && l->sec >= 0 && l->sec <= 59;
}

enum ws_err
tz_to_utc(const struct tz *z, const struct tz_local *l, int64_t *t, enum tz_fit *fit)
{
	int64_t wall, ta, tb;
	int32_t a, b;
	int va, vb;

	if (!local_ok(l))
		return WS_EINVAL;
	wall = tz_days_from_civil(l->year, l->mon, l->day) * 86400 + l->hour * 3600 +
	    l->min * 60 + l->sec;
	/* the offsets a day either side: a change falls between them */
	a = tz_offset(z, wall - 86400 - TZ_OFF_MAX, NULL);
	b = tz_offset(z, wall + 86400 + TZ_OFF_MAX, NULL);
	ta = wall - a;
	tb = wall - b;
	va = tz_offset(z, ta, NULL) == a;
	vb = tz_offset(z, tb, NULL) == b;
	if (fit)
		*fit = TZ_EXACT;
	if (va && vb && ta != tb) {
		if (fit)
			*fit = TZ_AMBIGUOUS;
		*t = ta < tb ? ta : tb;
	} else if (va) {
		*t = ta;
	} else if (vb) {
		*t = tb;
	} else {
		/* in the gap: read with the offset before the change, which
		 * lands as far past the change as the time is past its start */
		if (fit)
			*fit = TZ_GAP;
		*t = ta;
	}
	return WS_OK;
}

void
tz_rfc3339(const struct tz *z, int64_t t, char *out, size_t len)
{
	struct tz_local l;
	int32_t off = tz_to_local(z, t, &l);
	int32_t a = off < 0 ? -off : off;

	if (off == 0)
		snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", l.year, l.mon, l.day,
		    l.hour, l.min, l.sec);
	else
		snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", l.year, l.mon,
		    l.day, l.hour, l.min, l.sec, off < 0 ? '-' : '+', (int)(a / 3600),
		    (int)(a % 3600 / 60));
}

/* n digits at *p as a number; the end in *p. */
static int
digits(const char **p, int n, int *v)
{
	int x = 0;

	while (n-- > 0) {
		if (**p < '0' || **p > '9')
			return 0;
		x = x * 10 + (*(*p)++ - '0');
	}
	*v = x;
	return 1;
}

enum ws_err
tz_parse_time(const struct tz *z, const char *s, int64_t *t, enum tz_fit *fit)
{
	struct tz_local l = { 0, 0, 0, 0, 0, 0 };
	const char *p = s;
	int oh, om, sign;

	if (!s || !digits(&p, 4, &l.year) || *p++ != '-' || !digits(&p, 2, &l.mon) ||
	    *p++ != '-' || !digits(&p, 2, &l.day) || (*p != 'T' && *p != 't' && *p != ' '))
		return WS_EINVAL;
	p++;
	if (!digits(&p, 2, &l.hour) || *p++ != ':' || !digits(&p, 2, &l.min))
		return WS_EINVAL;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &l.sec))
			return WS_EINVAL;
		if (*p == '.') {
			int n = 0;

			for (p++; *p >= '0' && *p <= '9'; p++)
				n++;
			if (n == 0 || n > 9)
				return WS_EINVAL;
		}
	}
	if (!local_ok(&l))
		return WS_EINVAL;
	if (*p == '\0')
		return tz_to_utc(z, &l, t, fit);
	if (*p == 'Z' || *p == 'z') {
		oh = om = 0;
		sign = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (!digits(&p, 2, &oh) || *p++ != ':' || !digits(&p, 2, &om) || oh > 23 || om > 59)
			return WS_EINVAL;
	} else {
		return WS_EINVAL;
	}
	if (*p != '\0')
		return WS_EINVAL;
	*t = tz_days_from_civil(l.year, l.mon, l.day) * 86400 + l.hour * 3600 + l.min * 60 +
	    l.sec - sign * (oh * 3600 + om * 60);
	if (fit)
		*fit = TZ_EXACT;
	return WS_OK;
}
