/*
 * opportunities.h -- the page of open opportunities (issue 15): for the
 * signed-in person, everything they can still act on, soonest deadline
 * first: the open calls they are eligible for and have not answered (app/
 * calls) and the events whose registration is open to them and that they
 * have not registered for (app/events).  Those that match the themes or
 * the country of the person or of their organizations are marked, and come
 * first among those whose deadline falls on the same day in the reader's
 * zone.  This module owns no table: each area says what of its own is
 * open, and this one merges, marks and pages.
 */
#ifndef WS_OPPORTUNITIES_H
#define WS_OPPORTUNITIES_H

#include <jansson.h>

#include "http/form.h"
#include "http/http.h"

/* The query of GET /api/v1/opportunities: page, per_page. */
extern const struct field opp_q_list[];

/* GET /opportunities and GET /api/v1/opportunities (signed in only): a
 * list {total, page, per_page, items: [opportunity]}, one value for both;
 * a visitor gets the page with a sign-in link. */
enum ws_err h_opportunities(struct req *r, struct resp *w);

/* The first n of r's signed-in caller's opportunities (the home page's);
 * an empty array when there are none or they cannot be read.  New
 * reference. */
json_t *opp_next(struct req *r, int n);

#endif
