/*
 * digest_int.h -- shared by the files of src/app/digest/.
 */
#ifndef WS_DIGEST_INT_H
#define WS_DIGEST_INT_H

#include "app/digest/digest.h"

struct app;

/* The signature of person uid's unsubscribe link, hex into out[65]. */
void digest_sig(struct app *app, int64_t uid, char *out);

/* Whether person uid wants the digest: *chosen 1 and *enabled theirs when
 * they chose, else *chosen 0 and *enabled the default of stored_role. */
enum ws_err digest_wants(struct db *d, int64_t uid, enum role stored_role, int *chosen,
    int *enabled) WS_WUR;

#endif
