/*
 * config.h -- the running site's settings, filled by the command line
 * (src/main.c) and read everywhere else.  Immutable once serving starts.
 */
#ifndef WS_CONFIG_H
#define WS_CONFIG_H

#include <stddef.h>

struct config {
	const char *db_url;	/* sqlite:PATH or postgresql://... */
	const char *listen;	/* ADDR:PORT */
	const char *base_url;	/* how users reach us; https turns on HSTS and __Host- cookies */
	int https;
	const char *smtp_url;	/* NULL: write .eml files to mail_dir */
	const char *mail_dir;
	const char *mail_from;
	const char *org_name;	/* shown in the header and in mail */
	const char *logo_url;	/* the header's logo: a path on this site or an https URL */
	int threads;		/* HTTP worker threads (0: number of cores) */
	int idle_timeout;	/* session idle timeout, seconds */
	int abs_timeout;	/* session absolute lifetime, seconds */
	size_t body_max;	/* forms and JSON */
	size_t upload_max;	/* multipart uploads */
	int per_ip_conns;	/* concurrent connections from one address */
	int conn_timeout;	/* seconds of silence before a connection is closed */
	int hash_slots;		/* password hashes running at once */
	int quiet;		/* no access log */
	const char *run_as;	/* started as root: become this user after binding */
};

/* Fills c with the defaults documented in docs/operators.md. */
void config_defaults(struct config *c);

#endif
