/*
 * util.h -- small helpers with no project knowledge: checked integer
 * parsing, hex, random tokens, hashing for tokens, time.
 */
#ifndef WS_UTIL_H
#define WS_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/err.h"

/* Parses a whole decimal string into [min, max]; WS_EINVAL otherwise. */
enum ws_err parse_int(const char *s, int64_t min, int64_t max, int64_t *out) WS_WUR;
/* Writes n (at most 64) random bytes as 2n hex digits plus NUL into out
 * (size 2n+1).  Cryptographically strong: tokens and keys come from here. */
void random_hex(char *out, size_t n);
/* out (65 bytes) = hex SHA-256 of s: how tokens are stored. */
void token_hash(const char *s, char out[65]);
/* out (65 bytes) = hex HMAC-SHA-256 of msg under key. */
void hmac_hex(const unsigned char *key, size_t keylen, const char *msg, char out[65]);
/* The same with a state already keyed (crypto_auth_hmacsha256_init), which
 * saves hashing the key on every call; the state is copied, not changed. */
struct crypto_auth_hmacsha256_state;
void hmac_hex_state(const struct crypto_auth_hmacsha256_state *keyed, const char *msg,
    char out[65]);
/* Constant-time string equality. */
int str_eq_ct(const char *a, const char *b);
/* RFC 3339 UTC ("2026-11-24T07:00:00Z") into out (size >= 21). */
void time_rfc3339(time_t t, char *out, size_t len);
/* Seconds since the epoch; tests may move it with util_clock_offset. */
time_t now_s(void);
void util_clock_offset(time_t delta);
/* How far tests have moved the clock, in seconds (0 in release builds,
 * which have no way to move it). */
time_t util_clock_skew(void);
/* Lower-cases ASCII in place; returns s. */
char *ascii_lower(char *s);
/* True when s is valid UTF-8 without NUL or C0 controls other than \t\r\n. */
int utf8_valid_text(const char *s, size_t n, int allow_newlines);
/* The characters (code points) of valid UTF-8 text s. */
size_t utf8_chars(const char *s);
/* True for the invisible marks that only steer bidirectional text (U+061C,
 * U+200E, U+200F, U+202A..U+202E, U+2066..U+2069): Arabic and Hebrew
 * documents are full of them, and a word must be found with or without
 * them, so extracted text and search folding drop them. */
int unicode_bidi_mark(unsigned long cp);
/* Whether a run of bidi marks between code points prev and next (0 when
 * there is none) stands for a space: it is all that separates a right-to-
 * left letter from a left-to-right letter or digit (pdftotext writes
 * "2024<U+202C>بشأن" where the line had a space).  Otherwise (inside a
 * word, beside a blank or punctuation) the marks are only dropped. */
int unicode_bidi_splits(unsigned long prev, unsigned long next);

#endif
