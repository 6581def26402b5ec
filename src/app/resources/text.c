/*
 * text.c -- the RES_TEXT_JOB job: the text inside a resource's file, for
 * search.  The file is copied out of the file store into a temporary file
 * (the extractor reads paths, src/extract knows nothing of the database),
 * extract_text() runs its converter in a child process under limits, and
 * the text and how the extraction ended (text_status) are stored, the
 * resource's search words made again.  A file that is corrupt, encrypted,
 * too large or makes its converter hang ends as that status, with no text:
 * the job is done, not failed.  No connection is held while the converter
 * runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/resources/resources_int.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "extract/extract.h"
#include "files/files.h"
#include "jobs/jobs.h"

/* file_read() callback: appends to the temporary file. */
static int
to_fd(void *arg, const void *p, size_t n)
{
	int fd = *(int *)arg;
	const char *c = p;

	while (n > 0) {
		ssize_t k = write(fd, c, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return 1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Copies file file_id into a new temporary file whose path goes into path
 * (PATH_MAX-ish buffer of len); WS_EIO when the disk refuses, the store's
 * error otherwise. */
static enum ws_err
copy_out(struct db *d, int64_t file_id, char *path, size_t len)
{
	const char *dir = getenv("TMPDIR");
	struct file_info fi;
	enum ws_err rc;
	int fd;

	if ((rc = file_stat(d, file_id, "resource", &fi)) != WS_OK)
		return rc;
	snprintf(path, len, "%s/whatson-res-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		log_error("resources: cannot make a temporary file: %s", strerror(errno));
		return WS_EIO;
	}
	rc = file_read(d, &fi, 0, -1, to_fd, &fd);
	if (close(fd) != 0 && rc == WS_OK)
		rc = WS_EIO;
	if (rc != WS_OK)
		unlink(path);
	return rc == WS_EINVAL ? WS_EIO : rc;
}

/* Text fit for a TEXT column and for folding: control characters but
 * newlines and tabs become spaces (pdftotext separates pages with form
 * feeds); text that is not UTF-8 is dropped (NULL). */
static char *
clean_text(char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t' && s[i] != '\r') ||
		    s[i] == 0x7f)
			s[i] = ' ';
	return utf8_valid_text(s, len, 1) ? s : NULL;
}

enum ws_err
res_text_run(struct job_ctx *c, const struct job *j)
{
	struct arena *a = arena_new();
	json_t *p = json_loads(j->payload, 0, NULL);
	int64_t id = json_integer_value(json_object_get(p, "resource"));
	int64_t n = json_integer_value(json_object_get(p, "n"));
	int64_t file_id = 0;
	const char *name, *type, *status;
	struct db *d = db_acquire(job_pool(c));
	enum extract_status st = EXTRACT_FAILED;
	char path[512], *text = NULL, res[96];
	size_t len = 0;
	enum ws_err rc;

	json_decref(p);
	path[0] = '\0';
	rc = res_file_get(d, a, id, n, &file_id, &name, &type);
	if (rc == WS_ENOTFOUND) {	/* the resource went meanwhile */
		job_result(c, "{\"gone\":true}");
		rc = WS_OK;
		goto out;
	}
	if (rc == WS_OK)
		rc = copy_out(d, file_id, path, sizeof path);
	db_release(job_pool(c), d);
	d = NULL;
	if (rc == WS_EDB)
		goto out;	/* the database: try again later */
	if (rc == WS_OK)
		st = extract_text(path, type, NULL, &text, &len);
	if (path[0])
		unlink(path);
	if (text && !clean_text(text, len)) {
		free(text);
		text = NULL;
		st = EXTRACT_FAILED;
	}
	status = extract_status_name(st);
	d = db_acquire(job_pool(c));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = res_file_text(d, id, n, status, text)) == WS_OK &&
	    ((rc = res_search_refresh(d, id)) == WS_OK || rc == WS_ENOTFOUND)) {
		/* the library's index from this transaction first, so whoever
		 * sees the text committed finds its words in the list too */
		res_index_refresh(job_arg(c), d, id);
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		res_index_refresh(job_arg(c), d, id);	/* as it stays */
		goto out;
	}
	res_index_refresh(job_arg(c), d, id);	/* and as committed */
	snprintf(res, sizeof res, "{\"text_status\":\"%s\",\"bytes\":%zu}", status, text ? len : 0);
	job_result(c, res);
out:
	free(text);
	if (d)
		db_release(job_pool(c), d);
	arena_free(a);
	return rc;
}
