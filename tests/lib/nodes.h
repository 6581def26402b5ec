/*
 * nodes.h -- a second node (server) on the same database, for the tests/http
 * programs whose jobs must run once however many nodes run them (the
 * digest, the reminders, the tutors' mail).  Only on PostgreSQL: a SQLite
 * database is one node's.  Each program carried a copy of these.
 */
#ifndef WS_TEST_NODES_H
#define WS_TEST_NODES_H

#include "lib/testsrv.h"

/* When db is PostgreSQL, starts a second server on it into srv (mailing into
 * sink) with a browser on it in *b, and says so as a TAP comment: 1.  0 on
 * SQLite (nothing started), -1 when it did not start. */
int tw_start(struct ts_server *srv, struct ts_browser **b, const char *db,
    const struct ts_sink *sink);
/* Frees b and stops srv, started by tw_start() when started is 1: 0, or -1
 * when the server did not stop cleanly. */
int tw_stop(struct ts_server *srv, struct ts_browser *b, int started);

#endif
