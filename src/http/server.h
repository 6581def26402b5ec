/*
 * server.h -- the HTTP server: libmicrohttpd with a thread pool sized to the
 * cores, the limits on every connection, and the request pipeline (route,
 * session, role, CSRF, rate limit, handler, render).
 */
#ifndef WS_SERVER_H
#define WS_SERVER_H

#include "core/err.h"

struct http_site;
struct server;

/* Starts serving site (copied; what it points to must outlive the server) on
 * site->cfg->listen.  NULL with a message on failure. */
struct server *server_start(const struct http_site *site);
/* The port actually bound (useful with port 0). */
int server_port(const struct server *s);
void server_stop(struct server *s);

#endif
