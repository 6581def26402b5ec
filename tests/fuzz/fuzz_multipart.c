/*
 * fuzz_multipart.c -- multipart_parse (src/http/multipart.c) on arbitrary
 * bytes.  Every upload (logos, CSV imports) goes through it.
 *
 * The input's first byte (mod 72) is the boundary's length and the next
 * bytes the boundary, given in the Content-Type quoted or not (the second
 * byte's low bit); the rest is the body.  On top of "no crash, no leak" the
 * harness checks what handlers rely on: when the parse succeeds, every
 * field is a string or an array of strings of valid UTF-8 without NUL,
 * every name is valid UTF-8 of at most 100 bytes, at most 8 files, and each
 * file's bytes lie inside the body.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/util.h"
#include "http/http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_string(const json_t *s)
{
	if (!json_is_string(s) ||
	    !utf8_valid_text(json_string_value(s), json_string_length(s), 1) ||
	    strlen(json_string_value(s)) != json_string_length(s))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r;
	char ct[200], bnd[80];
	size_t blen, i;
	const char *k;
	json_t *v, *e;

	if (size < 2)
		return 0;
	blen = data[0] % 72;
	if (blen > size - 2)
		blen = size - 2;
	for (i = 0; i < blen; i++)	/* a Content-Type header cannot hold these */
		bnd[i] = data[2 + i] < 0x20 || data[2 + i] > 0x7e || data[2 + i] == '"' ?
		    'x' : (char)data[2 + i];
	bnd[blen] = '\0';
	snprintf(ct, sizeof ct, (data[1] & 1) ? "multipart/form-data; boundary=\"%s\"" :
	    "multipart/form-data; boundary=%s", bnd);
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.in = json_object();
	buf_init(&r.body, 1 << 20);
	if (buf_add(&r.body, data + 2 + blen, size - 2 - blen) == WS_OK &&
	    multipart_parse(&r, ct) == WS_OK) {
		json_object_foreach(r.in, k, v) {
			if (strlen(k) > 100 || !utf8_valid_text(k, strlen(k), 0))
				abort();
			if (json_is_array(v))
				json_array_foreach(v, i, e)
					check_string(e);
			else
				check_string(v);
		}
		if (r.nfiles < 0 || r.nfiles > REQ_MAX_FILES)
			abort();
		for (i = 0; i < (size_t)r.nfiles; i++) {
			const struct upload *u = &r.files[i];

			if (!r.body.data || u->data < r.body.data ||
			    u->data + u->len > r.body.data + r.body.len ||
			    !u->field || !u->filename || !u->type)
				abort();
		}
	}
	json_decref(r.in);
	buf_free(&r.body);
	arena_free(r.a);
	return 0;
}
