/*
 * smtp.c -- hands one rendered message to an SMTP server through libcurl.
 *
 * The URL decides the transport: smtp:// upgrades with STARTTLS when the
 * server offers it (CURLUSESSL_TRY), smtps:// is TLS from the start, and
 * user:password in the URL logs in.  Certificates are verified.  One easy
 * handle serves every message of a run, so libcurl can keep the connection.
 * The URL may hold a password, so it is never logged.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "mail/mail_int.h"
#include "mail/outbox.h"

#define CONNECT_TIMEOUT	10L	/* seconds */
#define TOTAL_TIMEOUT	30L	/* seconds for one whole transaction */

struct mail_smtp {
	CURL *h;
};

struct reader {
	const char *p;
	size_t left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct reader *r = arg;
	size_t n = size * nmemb;

	if (n > r->left)
		n = r->left;
	memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

struct mail_smtp *
mail_smtp_new(void)
{
	struct mail_smtp *s = xcalloc(1, sizeof *s);

	if (!(s->h = curl_easy_init())) {
		free(s);
		return NULL;
	}
	return s;
}

void
mail_smtp_free(struct mail_smtp *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->h);
	free(s);
}

/* Failures that say the server is out of reach or will not take any mail
 * from us, as opposed to trouble with one message. */
static int
server_down(CURLcode c)
{
	switch (c) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_USE_SSL_FAILED:
	case CURLE_LOGIN_DENIED:
	case CURLE_GOT_NOTHING:
		return 1;
	default:
		return 0;
	}
}

enum ws_err
mail_smtp_send(struct mail_smtp *s, const char *url, const char *from, const char *to,
    const char *msg, size_t len, char *err, size_t errlen)
{
	char ebuf[CURL_ERROR_SIZE], envfrom[OUTBOX_ADDR_MAX + 3], rcpt[OUTBOX_ADDR_MAX + 3];
	struct curl_slist *rcpts = NULL;
	struct reader r = {msg, len};
	CURLcode c;
	CURL *h = s->h;

	snprintf(envfrom, sizeof envfrom, "<%s>", from);
	snprintf(rcpt, sizeof rcpt, "<%s>", to);
	if (!(rcpts = curl_slist_append(NULL, rcpt))) {
		snprintf(err, errlen, "out of memory");
		return WS_EIO;
	}
	ebuf[0] = '\0';
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, envfrom);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &r);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, TOTAL_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	c = curl_easy_perform(h);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpts);
	if (c == CURLE_OK)
		return WS_OK;
	snprintf(err, errlen, "%s%s%s", curl_easy_strerror(c), ebuf[0] ? ": " : "", ebuf);
	return server_down(c) ? WS_EUNAVAIL : WS_EIO;
}
