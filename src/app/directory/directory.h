/*
 * directory.h -- the members' directory of organizations: filters with
 * counts from the in-memory index (index.h), kept current by the code that
 * writes organizations.
 */
#ifndef WS_DIRECTORY_H
#define WS_DIRECTORY_H

#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"

#include "core/err.h"
#include "http/form.h"
#include "http/http.h"

struct app;
struct db;

/* Builds app->dir from every organization. */
enum ws_err directory_load(struct app *app, struct db *d) WS_WUR;
/* Re-reads into the index what other nodes changed, at most once a second
 * (a request calls it before reading the index). */
void directory_catch_up(struct app *app, struct db *d);
/* Re-reads organization id into the index after a committed write. */
void directory_refresh(struct app *app, struct db *d, int64_t id);

/* After staff changed theme code (committed, and the theme list read
 * again): the search text of the organizations that have it when renamed
 * (its names are in it), and no directory answer kept from before. */
enum ws_err directory_theme_changed(struct app *app, struct db *d, const char *code,
    int renamed) WS_WUR;

/* CSV (export.c): the header row (with a UTF-8 byte-order mark), one
 * organization's row, every organization to f. */
enum ws_err orgs_csv_header(struct buf *out) WS_WUR;
enum ws_err orgs_csv_row(struct db *d, int64_t id, struct buf *out) WS_WUR;
enum ws_err orgs_csv_all(struct db *d, FILE *f) WS_WUR;
/* One CSV cell s (a comma before it unless first), quoted as RFC 4180
 * says, with an apostrophe before a leading = + - @ tab or carriage
 * return so that a spreadsheet shows it as text; the other areas'
 * exports write their cells with it. */
enum ws_err dir_csv_cell(struct buf *b, const char *s, int first) WS_WUR;

/* GET /organizations and its twin GET /api/v1/organizations. */
enum ws_err h_directory(struct req *r, struct resp *w);
/* The directory's declared query: sort, page, per_page (its facets and
 * search text are checked by the handler). */
extern const struct field dir_q_directory[];
/* GET /staff/organizations.csv: the same filters, as CSV. */
enum ws_err h_directory_csv(struct req *r, struct resp *w);

#endif
