/* err.c -- descriptions for enum ws_err. */
#include "core/err.h"

static const char *const err_text[] = {
	[WS_OK] = "ok",
	[WS_EINVAL] = "invalid input",
	[WS_ENOTFOUND] = "not found",
	[WS_EFORBIDDEN] = "forbidden",
	[WS_EUNAUTH] = "sign-in required",
	[WS_ECONFLICT] = "conflict",
	[WS_ETOOBIG] = "too large",
	[WS_ERATE] = "too many requests",
	[WS_EDB] = "database error",
	[WS_EIO] = "input/output error",
	[WS_ETEMPLATE] = "template error",
	[WS_EDONE] = "done",
	[WS_EUNAVAIL] = "service unavailable",
	[WS_EMETHOD] = "method not allowed",
	[WS_EBADREQ] = "bad request",
	[WS_EMEDIA] = "unsupported media type",
	[WS_EGONE] = "gone",
};
_Static_assert(sizeof err_text / sizeof err_text[0] == WS_ERR__MAX,
    "err_text must have a row for every enum ws_err");

const char *
ws_strerror(enum ws_err e)
{
	if ((unsigned)e >= WS_ERR__MAX)
		return "unknown error";
	return err_text[e];
}
