/*
 * seed_for.c -- what other areas' demo data (`whatson seed --demo`) build
 * on calls: a call and its applications, written through the calls'
 * store as the demo calls are (seed.c), so that no other area writes the
 * calls' rows itself.
 */
#include <string.h>

#include "app/calls/calls_int.h"

enum ws_err
calls_seed_call(struct db *d, json_t *values, int64_t by, int64_t *id)
{
	return call_insert(d, values, by, id);
}

enum ws_err
calls_seed_application(struct db *d, int64_t call, int64_t uid, int64_t org, json_t *answers,
    const char *status, int64_t by, int64_t *id)
{
	enum ws_err rc = capp_insert(d, call, uid, org, answers, "submitted", id);

	if (rc == WS_OK && strcmp(status, "submitted") != 0)
		rc = capp_decide(d, *id, "submitted", status, by);
	return rc;
}
