/*
 * rawsock.c -- HTTP over a bare TCP socket for tests/http; see rawsock.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "lib/rawsock.h"
#include "lib/testsrv.h"

#define ANSWER_WAIT 30	/* seconds a read waits for the server at most */

int
ts_connect(int port, const char *ip)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	if (ip) {
		inet_pton(AF_INET, ip, &sa.sin_addr);
		if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
			close(fd);
			return -1;
		}
	}
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
ts_closed_within(int fd, int timeout_ms)
{
	int64_t end = ts_now_ms() + timeout_ms;
	char buf[4096];

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		int64_t left = end - ts_now_ms();
		ssize_t n;

		if (left <= 0)
			return 0;
		if (poll(&p, 1, (int)left) <= 0)
			continue;
		n = recv(fd, buf, sizeof buf, 0);
		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
			return 1;
	}
}

int
ts_send_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t k = send(fd, c, n, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			printf("# send: %s\n", k < 0 ? strerror(errno) : "nothing sent");
			return -1;
		}
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

int
ts_send_str(int fd, const char *s)
{
	return ts_send_all(fd, s, strlen(s));
}

int
ts_send_chunk(int fd, const void *p, size_t n)
{
	char h[32];

	snprintf(h, sizeof h, "%zx\r\n", n);
	if (ts_send_str(fd, h) != 0 || ts_send_all(fd, p, n) != 0)
		return -1;
	return ts_send_str(fd, "\r\n");
}

/* Reads on fd give up after ANSWER_WAIT seconds. */
static void
read_timeout(int fd)
{
	struct timeval tv = { ANSWER_WAIT, 0 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

int
ts_request(int port, const char *ip, const char *fmt, ...)
{
	char *req = NULL;
	va_list ap;
	int fd, n;

	va_start(ap, fmt);
	n = vasprintf(&req, fmt, ap);
	va_end(ap);
	if (n < 0) {
		printf("# cannot format a request\n");
		return -1;
	}
	if ((fd = ts_connect(port, ip)) < 0) {
		printf("# cannot connect to port %d from %s: %s\n", port, ip ? ip : "any",
		    strerror(errno));
		free(req);
		return -1;
	}
	read_timeout(fd);
	if (ts_send_all(fd, req, (size_t)n) != 0) {
		close(fd);
		fd = -1;
	}
	free(req);
	return fd;
}

int
ts_answered(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) > 0;
}

void
ts_read_answer(int fd, char *out, size_t len, int timeout_ms)
{
	size_t n = 0;
	int64_t until = ts_now_ms() + timeout_ms;

	out[0] = '\0';
	while (n + 1 < len && ts_now_ms() < until) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t k;

		if (poll(&p, 1, 100) <= 0) {
			if (strstr(out, "\r\n\r\n"))
				break;	/* a whole header, and quiet since */
			continue;
		}
		if ((k = read(fd, out + n, len - 1 - n)) <= 0)
			break;
		n += (size_t)k;
		out[n] = '\0';
	}
}

void
ts_answer_of(int fd, char *out, size_t len)
{
	size_t got = 0;
	ssize_t n;

	read_timeout(fd);
	while (got < len - 1 && (n = recv(fd, out + got, len - 1 - got, 0)) > 0)
		got += (size_t)n;
	out[got] = '\0';
}

int
ts_status_of(int fd)
{
	char buf[64];
	ssize_t n;
	int st = 0;

	read_timeout(fd);
	n = recv(fd, buf, sizeof buf - 1, MSG_WAITALL);
	if (n < 12)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "HTTP/1.1 %d", &st) != 1)
		printf("# not an HTTP answer: %.60s\n", buf);
	return st;
}
