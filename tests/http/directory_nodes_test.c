/*
 * directory_nodes_test.c -- the directory against SQL after a late commit,
 * a second node's writes and a restart: directory_test.c built with
 * DIR_PART 2, a program of its own so each part stays well under
 * tests/http/run.t's 600 s limit.  See directory_test.c.
 */
#define DIR_PART 2
#include "directory_test.c"
