/*
 * deadline.h -- a connection has header_timeout seconds to send a request's
 * whole header: from when it opens, and again from the end of each request
 * (the next one's header, on a kept-alive connection).
 *
 * libmicrohttpd's own timeout counts only silence, so a client sending one
 * byte a second held a connection, and a thread's share of them, forever.
 * A watchdog thread shuts down (shutdown(2), the library then closes it) a
 * connection past its deadline; a request whose header has arrived is not
 * timed here (its body and answer have their own limits).
 */
#ifndef WS_DEADLINE_H
#define WS_DEADLINE_H

struct deadlines;
struct deadline;

/* Starts the watchdog for connections that get seconds each (>= 1).  NULL
 * when the thread cannot start (logged). */
struct deadlines *deadlines_start(int seconds);
/* Stops it (after the server stopped) and frees what is left. */
void deadlines_stop(struct deadlines *ds);
/* A connection on socket fd opened: its deadline starts now.  The handle
 * goes with the connection until deadline_close(). */
struct deadline *deadline_open(struct deadlines *ds, int fd);
/* The header of its current request has arrived: no deadline meanwhile. */
void deadline_header_done(struct deadlines *ds, struct deadline *dl);
/* Its request ended: the next header has header_timeout seconds. */
void deadline_wait_next(struct deadlines *ds, struct deadline *dl);
/* The connection closed: frees dl. */
void deadline_close(struct deadlines *ds, struct deadline *dl);

#endif
