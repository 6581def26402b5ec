/* config.c -- defaults and address blocks; see config.h. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/config.h"

void
config_defaults(struct config *c)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	c->db_url = "sqlite:var/whatson.db";
	c->listen = "127.0.0.1:8080";
	c->base_url = "http://localhost:8080";
	c->https = 0;
	c->smtp_url = NULL;
	c->mail_dir = "var/mail";
	c->mail_from = "WhatsOn <no-reply@localhost>";
	c->org_name = "WhatsOn";
	c->lang = "en";
	c->logo_url = "/static/logo.svg";
	c->threads = n > 0 ? (int)n : 2;
	c->idle_timeout = 30 * 60;
	c->abs_timeout = 12 * 3600;
	c->body_max = 1 << 20;
	c->logo_max = (size_t)1 * CONFIG_MB;
	c->import_max = (size_t)20 * CONFIG_MB;
	c->resource_max = (size_t)50 * CONFIG_MB;
	c->per_ip_conns = 64;
	c->dir_cache = 2;
	c->ntrusted = 0;
	c->backoff_free_account = 5;
	c->backoff_free_address = 20;
	c->conn_timeout = 30;
	c->header_timeout = 10;
	c->hash_slots = n > 0 ? (int)n : 2;
	c->quiet = 0;
	c->run_as = NULL;
}

int
net_parse_addr(const char *s, struct ws_net *n)
{
	memset(n, 0, sizeof *n);
	if (inet_pton(AF_INET, s, n->addr) == 1) {
		n->family = AF_INET;
		n->bits = 32;
		return 0;
	}
	if (inet_pton(AF_INET6, s, n->addr) == 1) {
		n->family = AF_INET6;
		n->bits = 128;
		return 0;
	}
	return -1;
}

int
net_parse(const char *s, struct ws_net *n)
{
	char addr[64];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	char *end;
	long bits;
	int i;

	if (len == 0 || len >= sizeof addr)
		return -1;
	memcpy(addr, s, len);
	addr[len] = '\0';
	if (net_parse_addr(addr, n) != 0)
		return -1;
	if (slash) {
		if (slash[1] < '0' || slash[1] > '9')
			return -1;
		bits = strtol(slash + 1, &end, 10);
		if (*end || bits < 0 || bits > n->bits)
			return -1;
		n->bits = (int)bits;
	}
	for (i = 0; i < 16; i++) {	/* clear the host part */
		int keep = n->bits - i * 8;

		if (keep <= 0)
			n->addr[i] = 0;
		else if (keep < 8)
			n->addr[i] &= (unsigned char)(0xff << (8 - keep));
	}
	return 0;
}

/* ::ffff:a.b.c.d as a.b.c.d */
static const struct ws_net *
unmap(const struct ws_net *a, struct ws_net *tmp)
{
	static const unsigned char prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

	if (a->family != AF_INET6 || memcmp(a->addr, prefix, 12) != 0)
		return a;
	memset(tmp, 0, sizeof *tmp);
	tmp->family = AF_INET;
	memcpy(tmp->addr, a->addr + 12, 4);
	tmp->bits = 32;
	return tmp;
}

int
net_contains(const struct ws_net *n, const struct ws_net *a)
{
	struct ws_net tmp;
	int full = n->bits / 8, rest = n->bits % 8;

	a = unmap(a, &tmp);
	if (n->family != a->family)
		return 0;
	if (memcmp(n->addr, a->addr, (size_t)full) != 0)
		return 0;
	if (rest && ((n->addr[full] ^ a->addr[full]) & (0xff << (8 - rest))) != 0)
		return 0;
	return 1;
}

int
config_trusted(const struct config *c, const struct ws_net *a)
{
	int i;

	for (i = 0; i < c->ntrusted; i++)
		if (net_contains(&c->trusted[i], a))
			return 1;
	return 0;
}
