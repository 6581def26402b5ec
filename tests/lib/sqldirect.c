/*
 * sqldirect.c -- a test's own connection to the database under test; see
 * sqldirect.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "lib/sqldirect.h"

static sqlite3 *lite;
static PGconn *pg;

void
ts_db_open(const char *url)
{
	if (strncmp(url, "sqlite:", 7) == 0) {
		assert_int_equal(sqlite3_open_v2(url + 7, &lite, SQLITE_OPEN_READWRITE, NULL),
		    SQLITE_OK);
		sqlite3_busy_timeout(lite, 10000);
	} else {
		pg = PQconnectdb(url);
		if (PQstatus(pg) != CONNECTION_OK)
			printf("# cannot connect to %s: %s\n", url, PQerrorMessage(pg));
		assert_int_equal(PQstatus(pg), CONNECTION_OK);
	}
}

void
ts_db_close(void)
{
	if (lite)
		sqlite3_close(lite);
	if (pg)
		PQfinish(pg);
	lite = NULL;
	pg = NULL;
}

int64_t
ts_sql_int(const char *fmt, ...)
{
	char sql[2048];
	int64_t v = -1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (pg) {
		PGresult *res = PQexec(pg, sql);
		ExecStatusType st = PQresultStatus(res);

		if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
			printf("# SQL failed: %s\n# %s\n", PQresultErrorMessage(res), sql);
		assert_true(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK);
		if (st == PGRES_TUPLES_OK && PQntuples(res) > 0)
			v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
	} else {
		sqlite3_stmt *st;
		int rc;

		assert_non_null(lite);
		rc = sqlite3_prepare_v2(lite, sql, -1, &st, NULL);
		if (rc != SQLITE_OK)
			printf("# SQL failed: %s\n# %s\n", sqlite3_errmsg(lite), sql);
		assert_int_equal(rc, SQLITE_OK);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		else if (rc != SQLITE_DONE)
			printf("# SQL failed: %s\n# %s\n", sqlite3_errmsg(lite), sql);
		sqlite3_finalize(st);
	}
	return v;
}
