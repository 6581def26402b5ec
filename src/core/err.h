/*
 * err.h -- the project's one error enum.
 *
 * Every fallible function in WhatsOn returns an enum ws_err.  WS_OK is zero so
 * `if (rc)` reads naturally.  The mapping of an error to an HTTP status lives
 * in exactly one place, http_status_for() in src/http/server.c: handlers and
 * the request pipeline return errors, never statuses.
 */
#ifndef WS_ERR_H
#define WS_ERR_H

enum ws_err {
	WS_OK = 0,
	WS_EINVAL,	/* bad input from a user or caller */
	WS_ENOTFOUND,	/* the thing asked for does not exist */
	WS_EFORBIDDEN,	/* exists, but not for this caller */
	WS_EUNAUTH,	/* needs a signed-in caller */
	WS_ECONFLICT,	/* unique constraint, state clash */
	WS_ETOOBIG,	/* over a size limit */
	WS_ERATE,	/* rate limited */
	WS_EDB,		/* the database failed */
	WS_EIO,		/* a file, socket or child process failed */
	WS_ETEMPLATE,	/* a template failed to parse or render */
	WS_EDONE,	/* iteration finished (not an error) */
	WS_EUNAVAIL,	/* a dependency is down (503) */
	WS_EMETHOD,	/* the address does not take that method (405) */
	WS_EBADREQ,	/* a request that cannot be read: malformed body (400) */
	WS_EMEDIA,	/* a body of a type we do not read (415) */
	WS_EGONE,	/* it existed and is no more: a used or old link (410) */
	WS_ERR__MAX
};

#define WS_WUR __attribute__((warn_unused_result))

/* A short English description of e; never NULL. */
const char *ws_strerror(enum ws_err e);

#endif
