/* log.c -- line logging with request ids; see log.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"

static _Thread_local char req_id[40];
static int quiet;

void
log_set_request_id(const char *id)
{
	if (!id)
		req_id[0] = '\0';
	else
		snprintf(req_id, sizeof req_id, "%s", id);
}

const char *
log_request_id(void)
{
	return req_id[0] ? req_id : "-";
}

void
log_set_quiet(int q)
{
	quiet = q;
}

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char line[2048], ts[32];
	struct tm tm;
	time_t now = time(NULL);
	int n;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof line, "%s %s [%s] ", ts, level, log_request_id());
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	fprintf(stderr, "%s\n", line);
}

#define LOGFN(fn, level, skip)				\
	void fn(const char *fmt, ...)			\
	{						\
		va_list ap;				\
		if (skip)				\
			return;				\
		va_start(ap, fmt);			\
		vlog(level, fmt, ap);			\
		va_end(ap);				\
	}
LOGFN(log_info, "info", quiet)
LOGFN(log_warn, "warn", 0)
LOGFN(log_error, "error", 0)

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("fatal", fmt, ap);
	va_end(ap);
	exit(1);
}
