/*
 * fuzz_import.c -- import_orgs (src/app/directory/import.c) on arbitrary
 * bytes, as a dry run against a SQLite database holding one organization
 * (so ids and duplicates have something to find).
 *
 * Every staff upload and `whatson import orgs` goes through it.  On top of
 * "no crash, no leak" the harness checks what the report promises: a file
 * is refused or reported row by row, each row once with one outcome, line
 * numbers that exist in the file and never go backwards, counts that add
 * up, an error or duplicate that says why, and a report that serialises.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/directory/import.h"
#include "core/log.h"
#include "db/db.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct app app;
static struct db *db;
static char path[256];

static void
cleanup(void)
{
	char p[300];

	db_release(app.pool, db);
	app_close(&app);
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char url[300];
	static const char one[] =
	    "name,kind,country,description,themes,contact_name,contact_email,website\n"
	    "Harbour Watch,ngo,KE,Watches the harbour day and night.,corruption,Ann,"
	    "ann@harbour.test,https://harbour.test\n";
	struct import_opts o = { 0, 0, "fuzz", "seed", NULL, NULL };
	struct import_report rep;
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(path, sizeof path, "%s/whatson-fuzz-import-%d.db", tmp && *tmp ? tmp : "/tmp",
	    (int)getpid());
	snprintf(url, sizeof url, "sqlite:%s", path);
	config_defaults(&app.cfg);
	app.cfg.db_url = url;
	app.cfg.threads = 1;
	log_set_quiet(1);
	if (app_open(&app, 1))
		abort();
	db = db_acquire(app.pool);
	if (import_orgs(&app, db, one, sizeof one - 1, &o, &rep) != WS_OK ||
	    rep.counts[IMP_CREATED] != 1)
		abort();
	import_report_free(&rep);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { 1, 0, "fuzz", "fuzz", NULL, NULL };
	struct import_report rep;
	size_t i, sum = 0, physical = 1;
	enum ws_err rc;
	json_t *j;
	char *dump, line[1400];

	rc = import_orgs(&app, db, (const char *)data, size, &o, &rep);
	for (i = 0; i < size; i++)	/* LF, CRLF or a lone CR ends a line */
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			physical++;
	if (rc != WS_OK && rc != WS_EINVAL)
		abort();	/* a dry run never fails in the database */
	if (rc == WS_EINVAL && (!rep.refused || rep.nlines))
		abort();	/* a refused file says why and reports no row */
	for (i = 0; i < IMP__MAX; i++)
		sum += rep.counts[i];
	if (sum != rep.nlines || rep.counts[IMP_CREATED] + rep.counts[IMP_UPDATED] > rep.nlines)
		abort();
	for (i = 0; i < rep.nlines; i++) {
		const struct import_line *l = &rep.lines[i];

		if (l->line < 2 || l->last < l->line || (size_t)l->last > physical)
			abort();	/* the header is line 1 */
		if (i && l->line <= rep.lines[i - 1].line)
			abort();	/* rows follow each other */
		if ((l->outcome == IMP_ERROR || l->outcome == IMP_DUPLICATE) && !l->msg)
			abort();
		if (l->outcome == IMP_CREATED && l->id != 0)
			abort();	/* a dry run writes nothing */
		import_line_text(l, line, sizeof line);
	}
	j = import_report_json(&rep, 100);
	dump = json_dumps(j, JSON_COMPACT);
	if (!dump)
		abort();
	free(dump);
	json_decref(j);
	import_report_free(&rep);
	return 0;
}
