/*
 * sqldirect.h -- a test's own connection to the database under test
 * ($WHATSON_TEST_DB, SQLite or PostgreSQL), to read what no route shows
 * (a stored file's kind, a count of rows) or set up what no route makes.
 * SQL text here is the test's; the server's own is in src/db/statements.c.
 *
 * These fail the running cmocka test (they assert), printing the SQL and
 * the database's message.
 */
#ifndef WS_TEST_SQLDIRECT_H
#define WS_TEST_SQLDIRECT_H

#include <stdint.h>

/* Opens url ("sqlite:PATH" or a postgresql:// URL); one connection per
 * test program, closed by ts_db_close(). */
void ts_db_open(const char *url);
void ts_db_close(void);

/* Runs the printf-style statement (up to 2 KiB): the first column of its
 * first row as an integer, -1 when it returns no row (or is not a query). */
int64_t ts_sql_int(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
