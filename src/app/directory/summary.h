/*
 * summary.h -- the public summary of the membership: how many member
 * organizations, where (a world map and regions), of which kinds, working on
 * which themes.  Counts come from the directory's in-memory index.
 */
#ifndef WS_SUMMARY_H
#define WS_SUMMARY_H

#include "core/err.h"
#include "http/http.h"

/* GET /about/members and its twin GET /api/v1/about/members, for everyone. */
enum ws_err h_summary(struct req *r, struct resp *w);

#endif
