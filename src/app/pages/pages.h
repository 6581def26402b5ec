/*
 * pages.h -- the site's own pages: home, health check, static files.
 */
#ifndef WS_PAGES_H
#define WS_PAGES_H

#include "http/http.h"

enum ws_err h_home(struct req *r, struct resp *w);
enum ws_err h_healthz(struct req *r, struct resp *w);
enum ws_err h_static(struct req *r, struct resp *w);

#endif
