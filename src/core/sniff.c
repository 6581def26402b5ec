/*
 * sniff.c -- libmagic behind one call.  A magic cookie is not safe to share
 * between threads unguarded and costs a database load to open, so the
 * process keeps one, opened on first use and used under a mutex: files are
 * sniffed rarely (uploads), so the lock is never contended for long.
 */
#include <magic.h>
#include <pthread.h>
#include <stdio.h>

#include "core/log.h"
#include "core/sniff.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static magic_t cookie;
static int failed;

void
sniff_mime(const void *data, size_t len, char *out, size_t outlen)
{
	const char *t = NULL;

	pthread_mutex_lock(&mu);
	if (!cookie && !failed) {
		cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
		if (!cookie || magic_load(cookie, NULL) != 0) {
			log_error("libmagic: %s", cookie ? magic_error(cookie) : "cannot open");
			if (cookie)
				magic_close(cookie);
			cookie = NULL;
			failed = 1;
		}
	}
	if (cookie)
		t = magic_buffer(cookie, data, len);
	snprintf(out, outlen, "%s", t ? t : "application/octet-stream");
	pthread_mutex_unlock(&mu);
}

void
sniff_shutdown(void)
{
	pthread_mutex_lock(&mu);
	if (cookie)
		magic_close(cookie);
	cookie = NULL;
	failed = 0;
	pthread_mutex_unlock(&mu);
}
