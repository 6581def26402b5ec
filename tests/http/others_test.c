/*
 * others_test.c -- what each role may do with others' records (their
 * organization, its history, a resource, people, leaving and deleting):
 * server_test.c built with WALK_PART 3, a program of its own so each part
 * stays well under tests/http/run.t's 600 s limit.  See server_test.c.
 */
#define WALK_PART 3
#include "server_test.c"
