/*
 * mail_int.h -- what the files of src/mail/ share: rendering a message
 * (message.c) and handing it to an SMTP server (smtp.c).  outbox.c uses both.
 */
#ifndef WS_MAIL_INT_H
#define WS_MAIL_INT_H

#include <stddef.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"

/* Ceiling on a rendered message: a quoted-printable body of OUTBOX_BODY_MAX
 * bytes grows at most 3 * 77/76 times, plus headers. */
#define MAIL_MSG_MAX	(1024 * 1024)

/*
 * Appends to out the RFC 5322 message, CRLF line endings throughout and no
 * line over 998 bytes: Date (t, UTC), From (from, display name RFC 2047
 * encoded when not ASCII), To, Subject (encoded-words when not ASCII, folded),
 * Message-ID (<mid>), MIME-Version, Content-Type text/plain; charset=UTF-8,
 * then the body, 8bit when every line fits and quoted-printable otherwise.
 * Dot-stuffing is left to the SMTP client.  WS_EINVAL when from holds CR or
 * LF, WS_ETOOBIG over out's ceiling.
 */
enum ws_err mail_format(struct buf *out, const char *from, const char *to,
    const char *subject, const char *body, const char *mid, time_t t) WS_WUR;

/* mail_format, with List-Unsubscribe: <unsub> and List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click (RFC 2369, RFC 8058) after the subject when
 * unsub is not NULL; WS_EINVAL when unsub is not mail_unsub_ok(). */
enum ws_err mail_format_unsub(struct buf *out, const char *from, const char *to,
    const char *subject, const char *body, const char *mid, time_t t, const char *unsub)
    WS_WUR;

/* Copies the address of from ("Name <a@b>" or "a@b") into out. */
void mail_addr_of(const char *from, char *out, size_t outlen);

/* One SMTP client (a libcurl handle); the outbox makes one per message it
 * sends. */
struct mail_smtp;

struct mail_smtp *mail_smtp_new(void);
void mail_smtp_free(struct mail_smtp *s);

/*
 * Sends msg (len bytes, as mail_format made it) from the envelope address
 * from to the single recipient to through url.  WS_OK once the server has
 * accepted the message.  Otherwise writes the reason into err and returns
 * WS_EUNAVAIL when the server could not be reached or refused us (no other
 * message would get through either) and WS_EIO when this message failed.
 */
enum ws_err mail_smtp_send(struct mail_smtp *s, const char *url, const char *from,
    const char *to, const char *msg, size_t len, char *err, size_t errlen) WS_WUR;

#endif
