/*
 * rawsock.h -- talking HTTP to the server under test over a bare TCP
 * socket, for what a libcurl browser cannot do: hold a request in flight
 * without waiting for its answer, send a header and stop, send a body in
 * chunks of the test's choosing, or hold many connections open at once.
 *
 * Functions that can fail return 0 (or a descriptor) on success and -1
 * after printing why as a TAP comment ("# ...") on stdout.
 */
#ifndef WS_RAWSOCK_H
#define WS_RAWSOCK_H

#include <stddef.h>

/* A TCP connection to 127.0.0.1:port from source address ip (NULL: any);
 * -1 on failure. */
int ts_connect(int port, const char *ip);
/* Waits up to timeout_ms for the peer to close fd: 1 closed (EOF or reset),
 * 0 still open, and any bytes that arrived are discarded. */
int ts_closed_within(int fd, int timeout_ms);

/* Writes all n bytes of p to fd (no SIGPIPE); -1 when the peer is gone. */
int ts_send_all(int fd, const void *p, size_t n);
/* ts_send_all of a string. */
int ts_send_str(int fd, const char *s);
/* One chunk of Transfer-Encoding: chunked (n == 0: the last). */
int ts_send_chunk(int fd, const void *p, size_t n);
/* Connects to port from ip (NULL: any) and sends the request printf'd from
 * fmt, without waiting for the answer; the connection, or -1.  Reading it
 * gives up after 30 s (SO_RCVTIMEO), so a test never hangs on it. */
int ts_request(int port, const char *ip, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* True when something (an answer, or the close) has arrived on fd. */
int ts_answered(int fd);
/* What the server answers on fd within timeout_ms, into out (at most
 * len - 1 bytes, NUL-terminated): until the close, or until a whole header
 * has come and nothing more for 100 ms. */
void ts_read_answer(int fd, char *out, size_t len, int timeout_ms);
/* The whole answer on fd, up to the close (30 s at most), into out. */
void ts_answer_of(int fd, char *out, size_t len);
/* The status of the answer on fd (its first line; waiting up to 30 s), 0
 * when none came. */
int ts_status_of(int fd);

#endif
