/*
 * multipart_test.c -- multipart/form-data decoding (src/http/multipart.c),
 * which every upload goes through: the join form's logo, the CSV import.
 *
 * What a user notices: fields come through as typed and a file byte for
 * byte (line breaks and all), however the browser quotes the boundary and
 * however the network cuts the body into pieces; a body that is cut short,
 * malformed or over the limits (64 parts, 8 files, part headers of 1 KiB,
 * names of 100 bytes, text fields, a file over its kind's limit) is
 * refused, never half read.  Files go to a sink as they arrive; here the
 * sink keeps them in memory.
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

/* The sink: files in memory. */
struct mfile {
	struct buf b;
	int ended, aborted;
};
static struct mfile mfiles[REQ_MAX_FILES];
static int nmfiles;

static enum ws_err
m_begin(void *arg, struct upload *u, void **file)
{
	(void)arg;
	(void)u;
	assert_true(nmfiles < REQ_MAX_FILES);
	buf_init(&mfiles[nmfiles].b, 1 << 24);
	*file = &mfiles[nmfiles++];
	return WS_OK;
}

static enum ws_err
m_write(void *file, const void *p, size_t n)
{
	struct mfile *f = file;

	assert_false(f->ended || f->aborted);
	return buf_add(&f->b, p, n);
}

static enum ws_err
m_end(void *file, struct upload *u)
{
	struct mfile *f = file;

	f->ended = 1;
	u->id = (f - mfiles) + 1;
	return WS_OK;
}

static void
m_abort(void *file)
{
	((struct mfile *)file)->aborted = 1;
}

static const struct mp_sink msink = { m_begin, m_write, m_end, m_abort, NULL };
static size_t file_max;		/* for the next parse; 0: none */
static size_t text_max = 1 << 20;

/* Parses body (n bytes; 0: strlen) with Content-Type ct into a fresh request
 * *r (free with done()), fed in pieces of piece bytes (0: whole), or in two
 * pieces cut at split when split is not 0. */
static enum ws_err
parse_in(struct req *r, const char *ct, const char *body, size_t n, size_t piece,
    size_t split)
{
	struct multipart *m;
	enum ws_err rc = WS_OK;
	size_t i;

	memset(r, 0, sizeof *r);
	memset(mfiles, 0, sizeof mfiles);
	nmfiles = 0;
	r->a = arena_new();
	r->in = json_object();
	if (!n)
		n = strlen(body);
	if (!(m = multipart_new(r, ct, text_max, file_max, &msink)))
		return WS_EINVAL;
	if (split) {
		rc = multipart_feed(m, body, split);
		if (rc == WS_OK)
			rc = multipart_feed(m, body + split, n - split);
	} else {
		for (i = 0; i < n && rc == WS_OK; i += piece ? piece : n)
			rc = multipart_feed(m, body + i, piece && n - i > piece ? piece : n - i);
	}
	if (rc == WS_OK)
		rc = multipart_finish(m);
	multipart_free(m);
	return rc;
}

static enum ws_err
parse(struct req *r, const char *ct, const char *body, size_t n)
{
	return parse_in(r, ct, body, n, 0, 0);
}

static void
done(struct req *r)
{
	int i;

	json_decref(r->in);
	arena_free(r->a);
	for (i = 0; i < nmfiles; i++)
		buf_free(&mfiles[i].b);
	nmfiles = 0;
}

static const char *
field(struct req *r, const char *name)
{
	return json_string_value(json_object_get(r->in, name));
}

/* What a handler would see of the parse of r that returned rc, as text. */
static char *
outcome(struct req *r, enum ws_err rc)
{
	struct buf b;
	char *fields = json_dumps(r->in, JSON_SORT_KEYS | JSON_COMPACT), *s;
	int i;

	buf_init(&b, 1 << 24);
	assert_int_equal(buf_printf(&b, "rc=%d fields=%s\n", (int)rc, fields), WS_OK);
	free(fields);
	for (i = 0; i < r->nfiles; i++) {
		const struct upload *u = &r->files[i];
		struct mfile *f = u->id ? &mfiles[u->id - 1] : NULL;

		assert_int_equal(buf_printf(&b, "%s %s %s %lld %d %s %zu:", u->field, u->filename,
		    u->type, (long long)u->size, u->too_big, u->sha256, u->head_len), WS_OK);
		assert_int_equal(buf_add(&b, u->head, u->head_len), WS_OK);
		if (f) {
			assert_true(f->ended);
			assert_int_equal(buf_add(&b, "|", 1), WS_OK);
			assert_int_equal(buf_add(&b, f->b.data, f->b.len), WS_OK);
		}
		assert_int_equal(buf_add(&b, "\n", 1), WS_OK);
	}
	s = strndup(b.data, b.len);
	buf_free(&b);
	return s;
}

/* Parses body whole, one byte at a time and cut in two at every point: the
 * same outcome each time.  Returns the whole parse's error. */
static enum ws_err
same_in_pieces(const char *ct, const char *body, size_t n)
{
	struct req r;
	enum ws_err rc, rc2;
	char *want, *got;
	size_t at;

	if (!n)
		n = strlen(body);
	rc = parse(&r, ct, body, n);
	want = outcome(&r, rc);
	done(&r);
	rc2 = parse_in(&r, ct, body, n, 1, 0);
	got = outcome(&r, rc2);
	done(&r);
	if (strcmp(want, got) != 0)
		print_message("# byte by byte:\n%s\n# whole:\n%s\n", got, want);
	assert_string_equal(got, want);
	free(got);
	for (at = 1; at < n; at++) {
		rc2 = parse_in(&r, ct, body, n, 0, at);
		got = outcome(&r, rc2);
		done(&r);
		if (strcmp(want, got) != 0)
			print_message("# cut at %zu:\n%s\n# whole:\n%s\n", at, got, want);
		assert_string_equal(got, want);
		free(got);
	}
	free(want);
	return rc;
}

static const char form_body[] =
    "preamble that browsers never send\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nLantern Watch\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"themes\"\r\n\r\ncorruption\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"themes\"\r\n\r\nfirearms\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
    "two lines,\r\nand accents: é\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a b.png\"\r\n"
    "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\0\0--X\r\n"
    "--XyZ--\r\n";

static void
test_fields_and_file(void **state)
{
	struct req r;
	json_t *t;

	(void)state;
	assert_int_equal(parse(&r, CT, form_body, sizeof form_body - 1), WS_OK);
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
	assert_int_equal(r.files[0].size, 13);
	assert_int_equal(r.files[0].head_len, 13);
	assert_memory_equal(r.files[0].head, "\x89PNG\r\n\x1a\n\0\0--X", 13);
	assert_int_equal(r.files[0].id, 1);
	assert_int_equal(mfiles[0].b.len, 13);
	assert_memory_equal(mfiles[0].b.data, "\x89PNG\r\n\x1a\n\0\0--X", 13);
	/* SHA-256 of those 13 bytes */
	assert_string_equal(r.files[0].sha256,
	    "da7808568291b4b0deb5ab1bbe37937fe7fb79eabaa29c308f0548e9568a8a7e");
	done(&r);
}

/* However the body is cut into pieces, the same fields and files. */
static void
test_pieces(void **state)
{
	(void)state;
	assert_int_equal(same_in_pieces(CT, form_body, sizeof form_body - 1), WS_OK);
}

/* Bytes that look like the start of a delimiter inside a file, and a
 * delimiter without the CRLF before it, are the file's. */
static void
test_boundary_like_bytes(void **state)
{
	static const char data[] =
	    "\r\n--Xy\r\n-\r\r\n--XyY--XyZ\r\n\r\n--X\r\r\n\r\n--Xy";
	char body[512];
	struct req r;
	int n;

	(void)state;
	n = snprintf(body, sizeof body, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=\"x.bin\"\r\n\r\n%s\r\n--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"t\"\r\n\r\n%s\r\n--XyZ--", data, data);
	assert_true(n > 0 && (size_t)n < sizeof body);
	assert_int_equal(same_in_pieces(CT, body, (size_t)n), WS_OK);
	assert_int_equal(parse(&r, CT, body, (size_t)n), WS_OK);
	assert_int_equal(r.files[0].size, sizeof data - 1);
	assert_memory_equal(mfiles[0].b.data, data, sizeof data - 1);
	assert_string_equal(field(&r, "t"), data);
	done(&r);
}

/* An empty file input is a part with no bytes: no file is begun. */
static void
test_empty_file(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n";
	struct req r;

	(void)state;
	assert_int_equal(parse(&r, CT, body, 0), WS_OK);
	assert_int_equal(r.nfiles, 1);
	assert_int_equal(r.files[0].size, 0);
	assert_int_equal(r.files[0].id, 0);
	assert_int_equal(nmfiles, 0);
	done(&r);
}

/* A file over its limit is counted, not stored; a route that takes no
 * files drops them; text fields have their own limit. */
static void
test_file_and_text_limits(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\n\r\n"
	    "0123456789abcdef\r\n--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n"
	    "12345678\r\n--XyZ--\r\n";
	struct req r;
	struct multipart *m;

	(void)state;
	file_max = 10;
	assert_int_equal(same_in_pieces(CT, body, 0), WS_OK);
	assert_int_equal(parse_in(&r, CT, body, 0, 4, 0), WS_OK);	/* 4 bytes a piece */
	assert_true(r.files[0].too_big);
	assert_int_equal(r.files[0].size, 16);
	assert_int_equal(r.files[0].id, 0);
	assert_int_equal(nmfiles, 1);
	assert_true(mfiles[0].aborted);	/* what was written is given up */
	assert_string_equal(field(&r, "t"), "12345678");
	done(&r);
	file_max = 16;
	assert_int_equal(parse(&r, CT, body, 0), WS_OK);
	assert_false(r.files[0].too_big);
	assert_int_equal(r.files[0].id, 1);
	done(&r);
	file_max = 0;
	text_max = 7;
	assert_int_equal(parse(&r, CT, body, 0), WS_ETOOBIG);
	done(&r);
	text_max = 1 << 20;
	/* no sink: the file part is read past, not kept */
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.in = json_object();
	m = multipart_new(&r, CT, text_max, 0, NULL);
	assert_int_equal(multipart_feed(m, body, sizeof body - 1), WS_OK);
	assert_int_equal(multipart_finish(m), WS_OK);
	multipart_free(m);
	assert_int_equal(r.nfiles, 0);
	assert_string_equal(field(&r, "t"), "12345678");
	done(&r);
}

/* A body that ends without its closing delimiter is refused, and the file
 * it was sending is given up. */
static void
test_no_closing_delimiter(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\n"
	    "some bytes\r\n";
	struct req r;

	(void)state;
	assert_int_equal(same_in_pieces(CT, body, 0), WS_EINVAL);
	assert_int_equal(parse(&r, CT, body, 0), WS_EINVAL);
	assert_int_equal(nmfiles, 1);
	assert_true(mfiles[0].aborted);
	assert_false(mfiles[0].ended);
	done(&r);
	assert_int_equal(parse(&r, CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\""
	    "\r\n\r\n1\r\n--XyZ", 0), WS_EINVAL);
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
	assert_int_equal(parse_in(&r, CT, b, 0, 1, 0), WS_ETOOBIG);	/* byte by byte */
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
	assert_int_equal(parse_in(&r, CT, b, 0, 1, 0), WS_EINVAL);
	done(&r);
	free(b);
	b = parts(1, 0, 1, 900);	/* under 1 KiB, byte by byte */
	assert_int_equal(parse_in(&r, CT, b, 0, 1, 0), WS_OK);
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
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_boundary_like_bytes),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_file_and_text_limits),
		cmocka_unit_test(test_no_closing_delimiter),
		cmocka_unit_test(test_boundary_forms),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_filename_not_utf8),
	};

	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
