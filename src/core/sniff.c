/*
 * sniff.c -- libmagic behind one call.  A magic cookie is not safe to share
 * between threads, so each thread opens its own on first use and keeps it.
 */
#include <magic.h>
#include <stdio.h>

#include "core/log.h"
#include "core/sniff.h"

static _Thread_local magic_t cookie;
static _Thread_local int failed;

void
sniff_mime(const void *data, size_t len, char *out, size_t outlen)
{
	const char *t = NULL;

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
}
