/*
 * log.h -- one line per event on stderr: time, level, request id, message.
 *
 * The request id is thread-local: the HTTP layer sets it when a request starts
 * so every line logged while serving it carries the id shown on error pages.
 */
#ifndef WS_LOG_H
#define WS_LOG_H

/* Sets (or clears, with NULL) this thread's request id; copied. */
void log_set_request_id(const char *id);
/* This thread's request id, or "-". */
const char *log_request_id(void);
/* Quiet mode drops info lines (tests, benchmarks). */
void log_set_quiet(int quiet);

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs and exits with status 1: start-up failures and broken invariants only. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
