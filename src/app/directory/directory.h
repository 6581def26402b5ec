/*
 * directory.h -- the members' directory of organizations: filters with
 * counts from the in-memory index (index.h), kept current by the code that
 * writes organizations.
 */
#ifndef WS_DIRECTORY_H
#define WS_DIRECTORY_H

#include <stdint.h>

#include "core/err.h"
#include "http/http.h"

struct app;
struct db;

/* Builds app->dir from every organization. */
enum ws_err directory_load(struct app *app, struct db *d) WS_WUR;
/* Re-reads organization id into the index after a committed write. */
void directory_refresh(struct app *app, struct db *d, int64_t id);

/* GET /organizations and its twin GET /api/v1/organizations. */
enum ws_err h_directory(struct req *r, struct resp *w);

#endif
