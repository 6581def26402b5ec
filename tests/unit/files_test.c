/*
 * files_test.c -- files in the database in chunks (src/files/files.h):
 * what is written is read back byte for byte, whole and by ranges across
 * chunk boundaries, with its size and SHA-256; kinds keep files apart; a
 * file written in a transaction that rolls back is not kept; deleting a
 * file deletes its chunks; files from before chunks (logos) still read;
 * purging a kind deletes its old files only.
 * Uploads: a claimed upload is kept with its new kind, an unclaimed one is
 * discarded, and uploads left by a crash are swept after a day.
 * On SQLite and PostgreSQL (dbfx.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"

#include "dbfx.h"

/* A deterministic byte pattern: byte i of the test file. */
static unsigned char
pat(size_t i)
{
	return (unsigned char)((i * 2654435761u) >> 13);
}

struct sink {
	unsigned char *p;
	size_t n, cap, calls;
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct sink *s = arg;

	assert_true(n <= FILE_CHUNK);	/* never more than a chunk at a time */
	assert_true(s->n + n <= s->cap);
	memcpy(s->p + s->n, p, n);
	s->n += n;
	s->calls++;
	return 0;
}

static void
check_range(struct db *d, const struct file_info *fi, int64_t off, int64_t len)
{
	struct sink s = { xmalloc((size_t)fi->size + 1), 0, (size_t)fi->size + 1, 0 };
	int64_t want = len < 0 || off + len > fi->size ? fi->size - off : len, i;

	assert_int_equal(file_read(d, fi, off, len, collect, &s), WS_OK);
	assert_int_equal(s.n, want);
	for (i = 0; i < want; i++)
		if (s.p[i] != pat((size_t)(off + i))) {
			print_message("# byte %lld of the range at %lld differs\n", (long long)i,
			    (long long)off);
			fail();
		}
	free(s.p);
}

static void
test_round_trip(void **state)
{
	struct fx *f = *state;
	size_t len = 3 * FILE_CHUNK + 12345, i;
	unsigned char *data = xmalloc(len), h[crypto_hash_sha256_BYTES];
	char hex[65];
	struct db *d = db_acquire(f->pool);
	struct file_writer *w;
	struct file_info fi;
	int64_t id = 0;

	for (i = 0; i < len; i++)
		data[i] = pat(i);
	/* written in odd pieces, as a body arrives */
	assert_int_equal(file_begin(d, "import", "orgs.csv", "text/csv", 0, &w), WS_OK);
	for (i = 0; i < len; i += 7777)
		assert_int_equal(file_write(w, data + i, len - i < 7777 ? len - i : 7777), WS_OK);
	assert_int_equal(file_end(w, &id), WS_OK);
	assert_int_equal(file_stat(d, id, "import", &fi), WS_OK);
	assert_int_equal(fi.size, len);
	assert_string_equal(fi.name, "orgs.csv");
	assert_string_equal(fi.type, "text/csv");
	assert_true(fi.chunked);
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	assert_string_equal(fi.sha256, hex);
	check_range(d, &fi, 0, -1);
	check_range(d, &fi, FILE_CHUNK - 10, 20);	/* across a boundary */
	check_range(d, &fi, 2 * FILE_CHUNK, FILE_CHUNK);	/* exactly one chunk */
	check_range(d, &fi, (int64_t)len - 5, 100);	/* past the end: cut */
	check_range(d, &fi, (int64_t)len, -1);	/* nothing */
	assert_int_equal(file_read(d, &fi, (int64_t)len + 1, 1, collect, NULL), WS_EINVAL);
	assert_int_equal(file_stat(d, id, "logo", &fi), WS_ENOTFOUND);	/* another kind */
	assert_int_equal(file_delete(d, id), WS_OK);
	assert_int_equal(file_stat(d, id, NULL, &fi), WS_ENOTFOUND);
	db_release(f->pool, d);
	free(data);
}

static void
test_empty_and_rollback(void **state)
{
	struct fx *f = *state;
	struct db *d = db_acquire(f->pool);
	struct file_info fi;
	int64_t id = 0, gone = 0;

	assert_int_equal(file_put(d, "import", "", "text/csv", 0, "", 0, &id), WS_OK);
	assert_int_equal(file_stat(d, id, "import", &fi), WS_OK);
	assert_int_equal(fi.size, 0);
	check_range(d, &fi, 0, -1);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(file_put(d, "import", "x.csv", "text/csv", 0, "a,b\n", 4, &gone), WS_OK);
	db_rollback(d);
	assert_int_equal(file_stat(d, gone, NULL, &fi), WS_ENOTFOUND);
	db_release(f->pool, d);
}

/* A file from before chunks: its bytes in files.data. */
static void
test_unchunked_file(void **state)
{
	struct fx *f = *state;
	struct db *d = db_acquire(f->pool);
	unsigned char data[1000];
	struct file_info fi;
	struct db_q *q;
	int64_t id;
	size_t i;

	for (i = 0; i < sizeof data; i++)
		data[i] = pat(i);
	q = db_start(d, ST_FILE_INSERT);
	db_bind_text(q, 1, "logo");
	db_bind_text(q, 2, "image/png");
	db_bind_int(q, 3, sizeof data);
	db_bind_text(q, 4, "");
	db_bind_blob(q, 5, data, sizeof data);
	db_bind_null(q, 6);
	db_bind_int(q, 7, now_s());
	assert_int_equal(db_step(q), WS_OK);
	id = db_col_int(q, 0);
	db_end(q);
	assert_int_equal(file_stat(d, id, "logo", &fi), WS_OK);
	assert_false(fi.chunked);
	check_range(d, &fi, 0, -1);
	check_range(d, &fi, 100, 50);
	db_release(f->pool, d);
}

/* Purging a kind deletes its files made before the time given, and no
 * other kind's. */
static void
test_purge(void **state)
{
	struct fx *f = *state;
	struct db *d = db_acquire(f->pool);
	struct file_info fi;
	int64_t old = 0, recent = 0, logo = 0;

	clock_at(0);
	assert_int_equal(file_put(d, "import", "old.csv", "text/csv", 0, "a\n", 2, &old), WS_OK);
	assert_int_equal(file_put(d, "logo", "l", "image/png", 0, "p", 1, &logo), WS_OK);
	clock_at(1000);
	assert_int_equal(file_put(d, "import", "new.csv", "text/csv", 0, "b\n", 2, &recent),
	    WS_OK);
	assert_int_equal(file_purge(d, "import", now_s() - 500), WS_OK);
	assert_int_equal(file_stat(d, old, NULL, &fi), WS_ENOTFOUND);
	assert_int_equal(file_stat(d, recent, "import", &fi), WS_OK);
	assert_int_equal(file_stat(d, logo, "logo", &fi), WS_OK);
	clock_at(0);
	db_release(f->pool, d);
}

/* Uploads as the server writes them: claimed (once), discarded unless
 * claimed, swept when left over a day. */
static void
test_claim_discard_sweep(void **state)
{
	struct fx *f = *state;
	struct db *d = db_acquire(f->pool);
	struct file_info fi;
	struct file_writer *w;
	int64_t kept = 0, left = 0, old = 0, fresh = 0, n = -1;

	assert_int_equal(file_put(d, FILE_UPLOAD, "a.png", "image/png", 0, "png", 3, &kept),
	    WS_OK);
	assert_int_equal(file_begin(d, FILE_UPLOAD, "b.csv", "text/csv", 0, &w), WS_OK);
	left = file_writer_id(w);
	assert_int_equal(file_write(w, "x", 1), WS_OK);
	assert_int_equal(file_end(w, NULL), WS_OK);
	/* a claim in a transaction that rolls back claims nothing */
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(file_claim(d, kept, "logo", "image/png"), WS_OK);
	db_rollback(d);
	assert_int_equal(file_stat(d, kept, FILE_UPLOAD, &fi), WS_OK);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(file_claim(d, kept, "logo", "image/png"), WS_OK);
	assert_int_equal(db_commit(d), WS_OK);
	assert_int_equal(file_claim(d, kept, "import", NULL), WS_ENOTFOUND);	/* claimed already */
	assert_int_equal(file_discard(d, kept), WS_OK);	/* a claimed file stays */
	assert_int_equal(file_stat(d, kept, "logo", &fi), WS_OK);
	assert_int_equal(fi.size, 3);
	assert_int_equal(file_discard(d, left), WS_OK);
	assert_int_equal(file_stat(d, left, NULL, &fi), WS_ENOTFOUND);
	/* the sweep: an upload two days old goes, one of now and a logo stay */
	clock_at(-2 * 86400);
	assert_int_equal(file_put(d, FILE_UPLOAD, "old", NULL, 0, "o", 1, &old), WS_OK);
	clock_at(0);
	assert_int_equal(file_put(d, FILE_UPLOAD, "new", NULL, 0, "n", 1, &fresh), WS_OK);
	assert_int_equal(file_sweep(d, now_s() - FILE_SWEEP_AGE, &n), WS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(file_stat(d, old, NULL, &fi), WS_ENOTFOUND);
	assert_int_equal(file_stat(d, fresh, FILE_UPLOAD, &fi), WS_OK);
	assert_int_equal(file_stat(d, kept, "logo", &fi), WS_OK);
	db_release(f->pool, d);
}

int
main(void)
{
	static const struct CMUnitTest all[] = {
		BOTH("round trip in chunks, ranges, size and SHA-256", test_round_trip),
		BOTH("an empty file; a rolled-back file is not kept", test_empty_and_rollback),
		BOTH("a file from before chunks reads the same", test_unchunked_file),
		BOTH("purging a kind deletes its old files only", test_purge),
		BOTH("uploads: claimed, discarded, swept after a day", test_claim_discard_sweep),
	};

	return dbfx_run("files", all, sizeof all / sizeof all[0]);
}
