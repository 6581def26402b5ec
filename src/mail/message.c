/*
 * message.c -- renders a queued message as RFC 5322 / MIME text.
 *
 * Headers that are not plain ASCII become RFC 2047 encoded-words
 * (=?UTF-8?B?...?=), each holding whole characters and folded onto their own
 * line; ASCII headers are folded at white space.  The body is sent as 8bit
 * when every line is short enough, and as quoted-printable otherwise, so no
 * line of the result ever exceeds the 998 bytes RFC 5322 allows.
 */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "mail/mail_int.h"
#include "mail/outbox.h"

#define FOLD_AT		78	/* preferred header line length */
#define WORD_MAX	70	/* longest ASCII run kept as is in a header */
#define EW_CHUNK	39	/* bytes of text per encoded-word: 52 base64 chars */
#define LINE_8BIT_MAX	997	/* a body line this long or less goes as 8bit (a
				 * leading dot added on the wire keeps it <= 998) */
#define QP_LINE_MAX	76

static const char *const wdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
    "Aug", "Sep", "Oct", "Nov", "Dec"};

/* True when s (n bytes) can go in a header as is: printable ASCII and tabs,
 * no "=?" that a reader would take for an encoded-word, and no run of text
 * too long to fold. */
static int
header_plain(const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c >= 0x7f)
			return 0;
		if (c == '=' && i + 1 < n && s[i + 1] == '?')
			return 0;
		run = (c == ' ' || c == '\t') ? 0 : run + 1;
		if (run > WORD_MAX)
			return 0;
	}
	return 1;
}

/* Appends s as encoded-words, the first on the current line and each next
 * one on a continuation line.  Words never split a UTF-8 sequence. */
static enum ws_err
add_encoded(struct buf *b, const char *s, size_t n)
{
	char b64[sodium_base64_ENCODED_LEN(EW_CHUNK, sodium_base64_VARIANT_ORIGINAL)];
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	enum ws_err rc;

	while (i < n) {
		k = n - i > EW_CHUNK ? EW_CHUNK : n - i;
		while (i + k < n && k > 1 && (p[i + k] & 0xc0) == 0x80)
			k--;
		sodium_bin2base64(b64, sizeof b64, p + i, k, sodium_base64_VARIANT_ORIGINAL);
		if ((rc = buf_printf(b, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", b64)) != WS_OK)
			return rc;
		i += k;
	}
	return WS_OK;
}

/* Appends s (header_plain) folded before white space so lines stay near
 * FOLD_AT; col is the column the text starts at. */
static enum ws_err
add_folded(struct buf *b, const char *s, size_t col)
{
	const char *p = s, *q, *e;
	enum ws_err rc;

	while (*p) {
		for (q = p; *q == ' ' || *q == '\t'; q++)
			;
		for (e = q; *e && *e != ' ' && *e != '\t'; e++)
			;
		if (p != s && e > q && col + (size_t)(e - p) > FOLD_AT) {
			if ((rc = buf_adds(b, "\r\n")) != WS_OK)
				return rc;
			col = 0;
		}
		if ((rc = buf_add(b, p, (size_t)(e - p))) != WS_OK)
			return rc;
		col += (size_t)(e - p);
		p = e;
	}
	return WS_OK;
}

/* Appends "Name: value\r\n", encoding value when it is not plain. */
static enum ws_err
add_text_header(struct buf *b, const char *name, const char *v)
{
	enum ws_err rc;
	size_t n = strlen(v);

	if ((rc = buf_printf(b, "%s:%s", name, n ? " " : "")) != WS_OK)
		return rc;
	rc = header_plain(v, n) ? add_folded(b, v, strlen(name) + 2) : add_encoded(b, v, n);
	if (rc)
		return rc;
	return buf_adds(b, "\r\n");
}

void
mail_addr_of(const char *from, char *out, size_t outlen)
{
	const char *lt = strrchr(from, '<'), *gt;
	size_t n;

	if (lt && (gt = strchr(lt, '>')) != NULL) {
		from = lt + 1;
		n = (size_t)(gt - from);
	} else {
		from += strspn(from, " \t");
		n = strcspn(from, " \t");
	}
	if (outlen == 0)
		return;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, from, n);
	out[n] = '\0';
}

/* From: as configured when it is ASCII; otherwise the display name becomes
 * encoded-words and the address follows it. */
static enum ws_err
add_from(struct buf *b, const char *from)
{
	const char *lt = strrchr(from, '<');
	const char *s = from, *e;
	enum ws_err rc;

	for (e = from; *e && (unsigned char)*e < 0x80; e++)
		;
	if (!*e || !lt)
		return buf_printf(b, "From: %s\r\n", from);
	s += strspn(s, " \t\"");
	for (e = lt; e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '"'); e--)
		;
	if ((rc = buf_adds(b, "From: ")) != WS_OK ||
	    (rc = add_encoded(b, s, (size_t)(e - s))) != WS_OK)
		return rc;
	return buf_printf(b, "\r\n %s\r\n", lt);
}

/* True when every line of body is short enough to go unencoded. */
static int
body_fits_8bit(const char *s)
{
	size_t col = 0;

	for (; *s; s++) {
		if (*s == '\r' || *s == '\n') {
			col = 0;
			continue;
		}
		if (++col > LINE_8BIT_MAX)
			return 0;
	}
	return 1;
}

/* Length of the line break at s (CRLF, CR or LF), 0 when none. */
static size_t
eol_len(const char *s)
{
	if (s[0] == '\r')
		return s[1] == '\n' ? 2 : 1;
	return s[0] == '\n';
}

static enum ws_err
add_body_8bit(struct buf *b, const char *s)
{
	const char *p = s;
	size_t n;
	enum ws_err rc;

	while (*p) {
		n = strcspn(p, "\r\n");
		if ((rc = buf_add(b, p, n)) != WS_OK || (rc = buf_adds(b, "\r\n")) != WS_OK)
			return rc;
		p += n;
		p += eol_len(p);
	}
	return WS_OK;
}

/* RFC 2045 quoted-printable with CRLF hard breaks and lines of at most
 * QP_LINE_MAX characters. */
static enum ws_err
add_body_qp(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *p = s;
	size_t col = 0, n, i;
	char tok[3];
	enum ws_err rc;

	while (*p) {
		n = strcspn(p, "\r\n");
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)p[i];
			size_t tl;

			if ((c >= 33 && c <= 126 && c != '=') ||
			    ((c == ' ' || c == '\t') && i + 1 < n)) {
				tok[0] = (char)c;
				tl = 1;
			} else {
				tok[0] = '=';
				tok[1] = hex[c >> 4];
				tok[2] = hex[c & 15];
				tl = 3;
			}
			if (col + tl > QP_LINE_MAX - 1) {
				if ((rc = buf_adds(b, "=\r\n")) != WS_OK)
					return rc;
				col = 0;
			}
			if ((rc = buf_add(b, tok, tl)) != WS_OK)
				return rc;
			col += tl;
		}
		if ((rc = buf_adds(b, "\r\n")) != WS_OK)
			return rc;
		col = 0;
		p += n;
		p += eol_len(p);
	}
	return WS_OK;
}

int
mail_unsub_ok(const char *url)
{
	size_t n = url ? strlen(url) : 0;
	const char *p;

	if (n == 0 || n > MAIL_UNSUB_MAX || strncmp(url, "http", 4) != 0)
		return 0;
	for (p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || *p == '<' || *p == '>')
			return 0;
	return 1;
}

enum ws_err
mail_format(struct buf *out, const char *from, const char *to, const char *subject,
    const char *body, const char *mid, time_t t)
{
	return mail_format_unsub(out, from, to, subject, body, mid, t, NULL);
}

enum ws_err
mail_format_unsub(struct buf *out, const char *from, const char *to, const char *subject,
    const char *body, const char *mid, time_t t, const char *unsub)
{
	struct tm tm;
	int qp;
	enum ws_err rc;

	if (strpbrk(from, "\r\n") || strpbrk(to, "\r\n") || strpbrk(mid, "\r\n<>") ||
	    (unsub && !mail_unsub_ok(unsub)))
		return WS_EINVAL;
	gmtime_r(&t, &tm);
	qp = !body_fits_8bit(body);
	if ((rc = buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    wdays[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec)) != WS_OK ||
	    (rc = add_from(out, from)) != WS_OK ||
	    (rc = buf_printf(out, "To: %s\r\n", to)) != WS_OK ||
	    (rc = add_text_header(out, "Subject", subject)) != WS_OK ||
	    (unsub && (rc = buf_printf(out, "List-Unsubscribe: <%s>\r\n"
	    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", unsub)) != WS_OK) ||
	    (rc = buf_printf(out, "Message-ID: <%s>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: %s\r\n\r\n",
	    mid, qp ? "quoted-printable" : "8bit")) != WS_OK)
		return rc;
	return qp ? add_body_qp(out, body) : add_body_8bit(out, body);
}
