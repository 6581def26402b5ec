/*
 * import.h -- organizations from CSV, the inverse of export.c: for
 * `whatson import orgs FILE.csv [--dry-run]` and the staff page
 * /staff/organizations/import, which share import_orgs().
 *
 * The file is UTF-8, with or without a byte-order mark, separated by commas
 * or semicolons (whichever the header line uses more), quoted as RFC 4180
 * says.  Its header names the columns, in any order, with export's names;
 * created_at and updated_at are read-only and ignored.  A row with an id
 * updates that organization (columns left out keep their values); a row
 * without one creates an organization unless it looks like one that exists
 * (the join form's duplicate rules), and then it is reported, not written.
 * Each row is checked with the join form's declared fields, so an import
 * accepts exactly what the forms accept.
 *
 * Every row gets a result: created, updated, unchanged, duplicate (of an
 * organization or of an earlier line) or error (with the reason).  Rows are
 * written in batches, one transaction per IMPORT_BATCH rows, each row under
 * a savepoint: a bad row never stops the good ones and is never half
 * written.  The import owns nothing of the caller's once it returns.
 */
#ifndef WS_IMPORT_H
#define WS_IMPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h"

struct app;
struct db;

#define IMPORT_BATCH		500		/* rows per transaction */
#define IMPORT_MAX_BYTES	(256u << 20)	/* a file, from the command line */
#define IMPORT_MAX_ROWS		250000		/* rows after the header */
#define IMPORT_MAX_CELL		20000		/* bytes in one cell */
#define IMPORT_MAX_CELLS	64		/* cells in one row */

enum import_outcome {
	IMP_CREATED, IMP_UPDATED, IMP_UNCHANGED, IMP_DUPLICATE, IMP_ERROR, IMP__MAX
};

/* The result of one row of the file. */
struct import_line {
	int line, last;			/* physical lines the row spans (quoted newlines) */
	enum import_outcome outcome;
	int64_t id;			/* the organization written, or the one it duplicates */
	int dup_line;			/* a duplicate of this earlier line of the file (0: none) */
	char *msg;			/* error: why; duplicate: the rule; updated: the fields */
};

struct import_report {
	size_t counts[IMP__MAX];
	struct import_line *lines;	/* in file order; owned */
	size_t nlines, cap;
	char *refused;			/* why the whole file was refused, or NULL; owned */
	int dry_run;
	size_t total_lines;		/* physical lines of the file */
};

/* Told how far the import is, in physical lines, every few hundred rows,
 * between the import's transactions (so it may write to the database). */
typedef void (*import_progress_fn)(void *arg, size_t done, size_t total);

struct import_opts {
	int dry_run;			/* check and report, write nothing */
	int64_t user_id;		/* who imports (0: the command line) */
	const char *ip;			/* for the audit log ("cli") */
	const char *source;		/* the file's name, for the audit log */
	import_progress_fn progress;	/* may be NULL */
	void *arg;
};

/*
 * Imports data[0..len) through d into *rep (zeroed first; free it with
 * import_report_free).  Returns WS_EINVAL when the whole file is refused
 * (not UTF-8 text, no header, unknown column: rep->refused says why and
 * nothing was written), WS_EDB when the database failed (what was committed
 * before stays, and is reported), WS_OK otherwise, whatever the rows' fates.
 * When app->dir is set the directory's index learns each written row.
 */
enum ws_err import_orgs(struct app *app, struct db *d, const char *data, size_t len,
    const struct import_opts *o, struct import_report *rep) WS_WUR;
void import_report_free(struct import_report *rep);

/* "created", "updated", "unchanged", "duplicate", "error". */
const char *import_outcome_name(enum import_outcome o);
/* One line of the command line's report, without a newline, into out. */
void import_line_text(const struct import_line *l, char *out, size_t len);
/* The report as JSON: {dry_run, counts, lines}, errors first, at most
 * max_lines lines (and "more": how many were left out).  New reference. */
json_t *import_report_json(const struct import_report *rep, size_t max_lines);

/* The staff page (import_page.c): the form, the upload (a background
 * job), its progress and report, and the uploaded file. */
enum ws_err h_import_form(struct req *r, struct resp *w);
enum ws_err h_import(struct req *r, struct resp *w);
enum ws_err h_import_job(struct req *r, struct resp *w);
enum ws_err h_import_file(struct req *r, struct resp *w);
/* The handler of "import_orgs" jobs (src/jobs); the kind's arg is the app. */
struct job_ctx;
struct job;
enum ws_err import_job_run(struct job_ctx *c, const struct job *j) WS_WUR;

#endif
