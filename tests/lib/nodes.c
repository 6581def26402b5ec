/*
 * nodes.c -- a second node on the same database (see nodes.h).
 */
#include <stdio.h>
#include <string.h>

#include "lib/nodes.h"

int
tw_start(struct ts_server *srv, struct ts_browser **b, const char *db,
    const struct ts_sink *sink)
{
	if (strncmp(db, "postgres", 8) != 0)
		return 0;
	if (ts_server_start(srv, db, sink, NULL) != 0)
		return -1;
	*b = ts_browser_new(srv, NULL);
	printf("# a second node on the same database: %s\n", srv->base);
	return 1;
}

int
tw_stop(struct ts_server *srv, struct ts_browser *b, int started)
{
	if (started != 1)
		return 0;
	ts_browser_free(b);
	return ts_server_stop(srv) != 0 ? -1 : 0;
}
