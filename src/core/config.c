/* config.c -- defaults; see config.h. */
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
	c->logo_url = "/static/logo.svg";
	c->threads = n > 0 ? (int)n : 2;
	c->idle_timeout = 30 * 60;
	c->abs_timeout = 12 * 3600;
	c->body_max = 1 << 20;
	c->upload_max = 10 << 20;
	c->per_ip_conns = 64;
	c->conn_timeout = 30;
	c->hash_slots = n > 0 ? (int)n : 2;
	c->quiet = 0;
	c->run_as = NULL;
}
