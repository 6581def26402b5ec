/* util.c -- see util.h. */
#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"

enum ws_err
parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return WS_EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return WS_EINVAL;
	*out = v;
	return WS_OK;
}

/*
 * Random bytes without a system call each time: every thread seeds a
 * ChaCha20 key once from the kernel (again after a fork) and takes the
 * keystream under a counter nonce, which never repeats under one key.
 */
static _Thread_local unsigned char rng_key[crypto_stream_chacha20_KEYBYTES];
static _Thread_local uint64_t rng_ctr;
static _Thread_local pid_t rng_pid;

static void
fast_random(unsigned char *out, size_t n)
{
	unsigned char nonce[crypto_stream_chacha20_NONCEBYTES];

	if (rng_pid != getpid()) {
		randombytes_buf(rng_key, sizeof rng_key);
		rng_ctr = 0;
		rng_pid = getpid();
	}
	memcpy(nonce, &rng_ctr, sizeof nonce < sizeof rng_ctr ? sizeof nonce : sizeof rng_ctr);
	rng_ctr++;
	crypto_stream_chacha20(out, n, nonce, rng_key);
}

void
random_hex(char *out, size_t n)
{
	unsigned char raw[64];

	if (n > sizeof raw)
		n = sizeof raw;
	fast_random(raw, n);
	sodium_bin2hex(out, 2 * n + 1, raw, n);
}

void
token_hash(const char *s, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, h, sizeof h);
}

void
hmac_hex(const unsigned char *key, size_t keylen, const char *msg, char out[65])
{
	unsigned char h[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void
hmac_hex_state(const crypto_auth_hmacsha256_state *keyed, const char *msg, char out[65])
{
	unsigned char h[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st = *keyed;

	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int
str_eq_ct(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

void
time_rfc3339(time_t t, char *out, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static _Atomic long long clock_delta;

time_t
now_s(void)
{
	return time(NULL) + (time_t)atomic_load(&clock_delta);
}

time_t
util_clock_skew(void)
{
	return (time_t)atomic_load(&clock_delta);
}

void
util_clock_offset(time_t delta)
{
	atomic_fetch_add(&clock_delta, (long long)delta);
}

char *
ascii_lower(char *s)
{
	char *p;

	for (p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

int
unicode_bidi_mark(unsigned long cp)
{
	return cp == 0x61c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms. */
static int
rtl(unsigned long cp)
{
	return (cp >= 0x590 && cp <= 0x8ff) || (cp >= 0xfb1d && cp <= 0xfdff) ||
	    (cp >= 0xfe70 && cp <= 0xfeff) || (cp >= 0x10800 && cp <= 0x10fff) ||
	    (cp >= 0x1e800 && cp <= 0x1efff);
}

/* Blanks, ASCII punctuation and general punctuation: no direction of
 * their own, and a word boundary already. */
static int
neutral(unsigned long cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z'));
	return cp < 0xc0 || (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f);
}

int
unicode_bidi_splits(unsigned long prev, unsigned long next)
{
	return !neutral(prev) && !neutral(next) && rtl(prev) != rtl(next);
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int
utf8_valid_text(const char *s, size_t n, int allow_newlines)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p;
		size_t k, len;
		unsigned cp;

		if (c < 0x80) {
			if (c == 0 || c == 0x7f)
				return 0;
			if (c < 0x20 && !(c == '\t' || (allow_newlines && (c == '\n' || c == '\r'))))
				return 0;
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
		else return 0;
		if ((size_t)(end - p) < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((p[k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[k] & 0x3f);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		p += len;
	}
	return 1;
}
