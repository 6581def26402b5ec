/*
 * walk_test.c -- the second half of the route walk: server_test.c built
 * with WALK_PART 2 (as focal point, staff, admin and expert), a program of
 * its own so each half stays well under tests/http/run.t's 600 s limit.
 * See server_test.c.
 */
#define WALK_PART 2
#include "server_test.c"
