/*
 * sniff.h -- what a file really is, from its bytes (libmagic), never from
 * the name or the type a browser claimed.
 */
#ifndef WS_SNIFF_H
#define WS_SNIFF_H

#include <stddef.h>

/* The MIME type of data[0..len) ("image/png", "text/html", ...) copied into
 * out; "application/octet-stream" when libmagic cannot tell. */
void sniff_mime(const void *data, size_t len, char *out, size_t outlen);

/* Releases libmagic (at shutdown). */
void sniff_shutdown(void);

#endif
