/*
 * filestore.c -- files of the file store (src/files) sent as downloads:
 * file_stat() describes the object, file_read() is its reader, and
 * http_send_object() (src/http/object.c) does the rest.  And the job that
 * sweeps the uploads no handler claimed.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "jobs/jobs.h"

_Static_assert(HTTP_PIECE == FILE_CHUNK, "a download's piece is one chunk of the store");

/* A download in progress: the file and where its reader copies to. */
struct sending {
	struct req *r;
	struct file_info fi;
	unsigned char *dst;
	size_t got;
};

static int
copy(void *arg, const void *p, size_t n)
{
	struct sending *s = arg;

	memcpy(s->dst + s->got, p, n);
	s->got += n;
	return 0;
}

/* The object's reader: the bytes from the request's connection, which is
 * the request's until it ends (http.h). */
static enum ws_err
read_piece(void *arg, int64_t off, size_t len, void *dst)
{
	struct sending *s = arg;
	enum ws_err rc;

	s->dst = dst;
	s->got = 0;
	rc = file_read(req_db(s->r), &s->fi, off, (int64_t)len, copy, s);
	if (rc == WS_OK && s->got != len)
		rc = WS_EDB;	/* the file changed under us */
	return rc;
}

enum ws_err
app_file_send(struct req *r, struct resp *w, int64_t file_id, const char *kind,
    int attachment, const char *filename)
{
	struct sending *s = arena_alloc(r->a, sizeof *s);
	struct http_object o;
	enum ws_err rc;

	memset(s, 0, sizeof *s);
	s->r = r;
	if ((rc = file_stat(req_db(r), file_id, kind, &s->fi)) != WS_OK)
		return rc;
	memset(&o, 0, sizeof o);
	o.size = s->fi.size;
	o.type = arena_strdup(r->a, s->fi.type);
	o.etag = arena_printf(r->a, "\"%.16s\"", s->fi.sha256);
	o.filename = arena_strdup(r->a, filename ? filename : s->fi.name);
	o.attachment = attachment;
	o.read = read_piece;
	o.arg = s;
	return http_send_object(r, w, &o);
}

/* ---- the sweep job ---------------------------------------------------- */

enum ws_err
app_sweep_run(struct job_ctx *c, const struct job *j)
{
	struct db *d = db_acquire(job_pool(c));
	time_t now = now_s();
	int64_t n = 0;
	enum ws_err rc;
	char res[48];

	(void)j;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = file_sweep(d, now - FILE_SWEEP_AGE, &n);
	/* the next run, committed with this one's work */
	if (rc == WS_OK)
		rc = job_enqueue(d, APP_SWEEP_JOB, NULL, now + APP_SWEEP_EVERY, NULL);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	snprintf(res, sizeof res, "{\"swept\":%lld}", (long long)n);
	job_result(c, res);
out:
	db_release(job_pool(c), d);
	return rc;
}
