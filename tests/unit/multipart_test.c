/*
 * multipart_test.c -- multipart/form-data decoding (src/http/multipart.c),
 * which every upload goes through: the join form's logo, the CSV import.
 *
 * What a user notices: fields come through as typed and a file byte for
 * byte (line breaks and all), however the browser quotes the boundary; a
 * body that is cut short, malformed or over the limits (64 parts, 8 files,
 * part headers of 1 KiB, names of 100 bytes) is refused, never half read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/http_int.h"

#define CT "multipart/form-data; boundary=XyZ"

/* Parses body (n bytes; 0: strlen) with Content-Type ct into a fresh request
 * *r (free with done()). */
static enum ws_err
parse(struct req *r, const char *ct, const char *body, size_t n)
{
	memset(r, 0, sizeof *r);
	r->a = arena_new();
	r->in = json_object();
	buf_init(&r->body, 1 << 20);
	if (buf_add(&r->body, body, n ? n : strlen(body)) != WS_OK)
		return WS_ETOOBIG;
	return multipart_parse(r, ct);
}

static void
done(struct req *r)
{
	json_decref(r->in);
	buf_free(&r->body);
	arena_free(r->a);
}

static const char *
field(struct req *r, const char *name)
{
	return json_string_value(json_object_get(r->in, name));
}

static void
test_fields_and_file(void **state)
{
	static const char body[] =
	    "preamble that browsers never send\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nLantern Watch\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"themes\"\r\n\r\ncorruption\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"themes\"\r\n\r\nfirearms\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
	    "two lines,\r\nand accents: é\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a b.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\0\0--X\r\n"
	    "--XyZ--\r\n";
	struct req r;
	json_t *t;

	(void)state;
	assert_int_equal(parse(&r, CT, body, sizeof body - 1), WS_OK);
	assert_string_equal(field(&r, "name"), "Lantern Watch");
	t = json_object_get(r.in, "themes");
	assert_true(json_is_array(t));
	assert_int_equal(json_array_size(t), 2);
	assert_string_equal(json_string_value(json_array_get(t, 1)), "firearms");
	assert_string_equal(field(&r, "description"), "two lines,\r\nand accents: é");
	assert_int_equal(r.nfiles, 1);
	assert_string_equal(r.files[0].field, "logo");
	assert_string_equal(r.files[0].filename, "a b.png");
	assert_string_equal(r.files[0].type, "image/png");
	assert_int_equal(r.files[0].len, 13);
	assert_memory_equal(r.files[0].data, "\x89PNG\r\n\x1a\n\0\0--X", 13);
	done(&r);
}

static void
test_boundary_forms(void **state)
{
	static const char body[] =
	    "--a'b(c)\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a'b(c)--";
	struct req r;

	(void)state;
	assert_int_equal(parse(&r, "multipart/form-data; boundary=\"a'b(c)\"", body, 0), WS_OK);
	assert_string_equal(field(&r, "x"), "1");
	done(&r);
	assert_int_equal(parse(&r, "multipart/form-data; charset=utf-8; boundary=a'b(c)", body, 0),
	    WS_OK);
	done(&r);
	assert_int_equal(parse(&r, "multipart/form-data", body, 0), WS_EINVAL);	/* none */
	done(&r);
	{
		char ct[160];

		snprintf(ct, sizeof ct, "multipart/form-data; boundary=%071d", 0);	/* 71 */
		assert_int_equal(parse(&r, ct, body, 0), WS_EINVAL);
		done(&r);
	}
}

static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"",						/* nothing */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",	/* cut */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1--XyZ--",	/* no CRLF */
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",	/* no name */
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n--XyZ--",	/* no blank */
		"--XyZ junk\r\n",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\xfe\r\n--XyZ--",
		NULL
	};
	const char *const *b;
	struct req r;

	(void)state;
	for (b = bad; *b; b++) {
		enum ws_err rc = parse(&r, CT, *b, 0);

		if (rc != WS_EINVAL)
			print_message("# accepted: %s\n", *b);
		assert_int_equal(rc, WS_EINVAL);
		done(&r);
	}
}

/* A body of n parts, each "name" (a file when files) of the given header
 * padding. */
static char *
parts(int n, int files, size_t name_len, size_t pad)
{
	size_t cap = (size_t)n * (300 + name_len + pad) + 64, k = 0;
	char *s = malloc(cap), *name = malloc(name_len + 1);
	int i;

	memset(name, 'n', name_len);
	name[name_len] = '\0';
	for (i = 0; i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, "--XyZ\r\nContent-Disposition: form-data; "
		    "name=\"%s\"%s\r\nX-Pad: %*s\r\n\r\nv\r\n", name, files ? "; filename=\"f\"" : "",
		    (int)pad, "");
	snprintf(s + k, cap - k, "--XyZ--\r\n");
	free(name);
	return s;
}

static void
test_limits(void **state)
{
	struct req r;
	char *b;

	(void)state;
	b = parts(64, 0, 1, 0);
	assert_int_equal(parse(&r, CT, b, 0), WS_OK);
	done(&r);
	free(b);
	b = parts(65, 0, 1, 0);
	assert_int_equal(parse(&r, CT, b, 0), WS_ETOOBIG);
	done(&r);
	free(b);
	b = parts(REQ_MAX_FILES, 1, 1, 0);
	assert_int_equal(parse(&r, CT, b, 0), WS_OK);
	assert_int_equal(r.nfiles, REQ_MAX_FILES);
	done(&r);
	free(b);
	b = parts(REQ_MAX_FILES + 1, 1, 1, 0);
	assert_int_equal(parse(&r, CT, b, 0), WS_ETOOBIG);
	done(&r);
	free(b);
	b = parts(1, 0, 100, 0);	/* a name of 100 bytes, and one of 101 */
	assert_int_equal(parse(&r, CT, b, 0), WS_OK);
	done(&r);
	free(b);
	b = parts(1, 0, 101, 0);
	assert_int_equal(parse(&r, CT, b, 0), WS_EINVAL);
	done(&r);
	free(b);
	b = parts(1, 0, 1, 1100);	/* part headers over 1 KiB */
	assert_int_equal(parse(&r, CT, b, 0), WS_EINVAL);
	done(&r);
	free(b);
}

static void
test_filename_not_utf8(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\xff.csv\"\r\n\r\n"
	    "a,b\r\n--XyZ--\r\n";
	struct req r;

	(void)state;
	assert_int_equal(parse(&r, CT, body, 0), WS_OK);
	assert_string_equal(r.files[0].filename, "file");
	assert_string_equal(r.files[0].type, "application/octet-stream");
	done(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_file),
		cmocka_unit_test(test_boundary_forms),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_filename_not_utf8),
	};

	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
