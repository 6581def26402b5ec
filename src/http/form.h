/*
 * form.h -- declared input: each handler lists its fields, and form_check()
 * turns the request body (form or JSON) into checked values and, for what
 * fails, a message per field in the reader's language.
 */
#ifndef WS_FORM_H
#define WS_FORM_H

#include <jansson.h>
#include <stddef.h>

#include "http/http.h"

/*
 * FT_TEXT      several lines          FT_LINE   one line
 * FT_EMAIL     an address, lower-cased FT_PASSWORD taken as typed, never echoed
 * FT_TOKEN     a link's token          FT_CHOICE one of choices (or valid())
 * FT_MULTI     several values (repeated form fields or a JSON array); min/max
 *              count them; each is checked against choices or valid()
 * FT_INT       a whole number in [min, max], given back as a JSON integer
 * FT_URL       an http(s) address of at most max bytes
 * FT_BOOL      a checkbox; required means it must be ticked
 */
enum field_type {
	FT_TEXT, FT_LINE, FT_EMAIL, FT_PASSWORD, FT_TOKEN, FT_CHOICE, FT_MULTI, FT_INT,
	FT_URL, FT_BOOL
};

struct field {
	const char *name;
	enum field_type type;
	int required;
	size_t min, max;		/* bytes; FT_MULTI: values; FT_INT: range */
	const char *const *choices;	/* NULL-terminated */
	int (*valid)(const char *v);	/* or this, for long or data-driven lists */
	const char *msg;		/* English message when valid() refuses */
};

/*
 * Checks r->in against fields[0..n).  *values receives every field as a
 * trimmed string (passwords too: callers must not echo them back); *errors
 * receives name -> message for each field that failed, or NULL when none
 * failed.  Unknown fields are ignored.  Both are new references.  Returns
 * WS_EINVAL when a field failed.
 */
enum ws_err form_check(struct req *r, const struct field *fields, size_t n, json_t **values,
    json_t **errors) WS_WUR;

/* Ends a route's declared query (struct route.query). */
#define FIELDS_END { NULL, FT_TEXT, 0, 0, 0, NULL, NULL, NULL }

/*
 * Checks the query string of r against fields[0..n) as form_check() checks a
 * body (a repeated parameter counts as FT_MULTI values, or its last value).
 * The server calls it for a route's declared query (struct route.query);
 * *values and *errors as for form_check().
 */
enum ws_err query_check(struct req *r, const struct field *fields, size_t n,
    json_t **values, json_t **errors) WS_WUR;
/* A checked query parameter of r's route: an FT_INT as a number (dflt when
 * absent), any other as its trimmed text ("" when absent). */
int64_t req_qint(struct req *r, const char *name, int64_t dflt);
const char *req_qstr(struct req *r, const char *name);

/* True for an http or https URL with a host and no spaces. */
int url_plausible(const char *s);
/* True when v is an allowed value of choice field f (its valid() or its
 * choices; any value when it has neither). */
int form_choice_ok(const struct field *f, const char *v);

/* True for a plausible address: one @, a dot in the domain, no spaces. */
int email_plausible(const char *s);

/* Sets w up to show tpl again with values (minus passwords) and errors;
 * returns WS_EINVAL (a 422), which the handler returns. */
enum ws_err form_fail(struct req *r, struct resp *w, const char *tpl, const char *title,
    json_t *values, json_t *errors);

#endif
