/*
 * config.h -- the running site's settings, filled by the command line
 * (src/main.c) and read everywhere else.  Immutable once serving starts.
 */
#ifndef WS_CONFIG_H
#define WS_CONFIG_H

#include <stddef.h>

/* An address block: family AF_INET or AF_INET6, the address in network
 * order (4 or 16 bytes used) and how many leading bits count. */
struct ws_net {
	int family;
	unsigned char addr[16];
	int bits;
};

#define CONFIG_MAX_PROXIES 32

/* A megabyte as --logo-max, --import-max and --resource-max count it, and as
 * the messages quoting them say "MB": 10^6 bytes. */
#define CONFIG_MB 1000000u

struct config {
	const char *db_url;	/* sqlite:PATH or postgresql://... */
	const char *listen;	/* ADDR:PORT */
	const char *base_url;	/* how users reach us; https turns on HSTS and __Host- cookies */
	int https;
	const char *smtp_url;	/* NULL: write .eml files to mail_dir */
	const char *mail_dir;
	const char *mail_from;
	const char *org_name;	/* shown in the header and in mail */
	const char *lang;	/* the hub's language: mail to someone whose own is unknown */
	const char *logo_url;	/* the header's logo: a path on this site or an https URL */
	int threads;		/* HTTP worker threads (0: number of cores) */
	int idle_timeout;	/* session idle timeout, seconds */
	int abs_timeout;	/* session absolute lifetime, seconds */
	size_t body_max;	/* forms and JSON */
	/* the upload limits, in bytes (their options count CONFIG_MB) */
	size_t logo_max;	/* a logo (--logo-max) */
	size_t import_max;	/* a CSV import (--import-max, alias --upload-max) */
	size_t resource_max;	/* a resource's document (--resource-max) */
	int per_ip_conns;	/* concurrent connections from one address; 0: no limit */
	struct ws_net trusted[CONFIG_MAX_PROXIES];	/* --trusted-proxy: X-Forwarded-For believed */
	int ntrusted;
	int backoff_free_account;	/* failed sign-ins before an account waits */
	int backoff_free_address;	/* failed sign-ins before an address waits */
	int conn_timeout;	/* seconds of silence before a connection is closed */
	int header_timeout;	/* seconds a connection has to send a whole request header */
	int hash_slots;		/* password hashes running at once */
	int dir_cache;		/* seconds a directory answer is kept (--dir-cache); 0: none */
	int quiet;		/* no access log */
	const char *run_as;	/* started as root: become this user after binding */
};

/* Fills c with the defaults documented in README.md (Configure). */
void config_defaults(struct config *c);

/* Parses "ADDR" or "ADDR/BITS" (IPv4 or IPv6) into n; -1 when malformed.
 * Bits past the prefix are cleared. */
int net_parse(const char *s, struct ws_net *n);
/* Parses an address without a prefix (IPv4 or IPv6) into n with all bits
 * counting; -1 when it is not one. */
int net_parse_addr(const char *s, struct ws_net *n);
/* True when the address a (a full address, as from net_parse_addr) lies in
 * block n.  IPv4-mapped IPv6 addresses match IPv4 blocks. */
int net_contains(const struct ws_net *n, const struct ws_net *a);
/* True when a is in one of c's trusted proxies. */
int config_trusted(const struct config *c, const struct ws_net *a);

#endif
