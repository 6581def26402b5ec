/*
 * main.c -- the whatson command line (see docs/cli.md; stable, scripts
 * depend on it).  Exit status: 0 success, 1 user error (one line on stderr),
 * 2 usage.
 */
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/accounts/accounts.h"
#include "app/admin/admin.h"
#include "app/app.h"
#include "app/calls/calls.h"
#include "app/dialogues/dialogues.h"
#include "app/courses/courses.h"
#include "app/digest/digest.h"
#include "app/directory/directory.h"
#include "app/countries/countries.h"
#include "app/directory/import.h"
#include "app/events/events.h"
#include "app/forums/forums.h"
#include "app/initiatives/initiatives.h"
#include "app/meetings/meetings.h"
#include "app/news/news.h"
#include "app/messages/messages.h"
#include "app/partners/partners.h"
#include "app/orgs/orgs.h"
#include "app/resources/resources.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"
#include "http/http.h"
#include "http/server.h"
#include "views/view.h"

static const char usage_text[] =
    "usage: whatson COMMAND [options]\n"
    "  serve   [--db URL] [--listen ADDR:PORT] [--base-url URL] [--smtp URL] [--mail-dir DIR]\n"
    "          [--threads N] [--org-name NAME] [--lang en|fr] [--logo-url PATH]\n"
    "          [--idle-timeout S] [--session-lifetime S] [--conn-timeout S] [--header-timeout S]\n"
    "          [--logo-max MB] [--import-max MB] [--resource-max MB] [--user NAME]\n"
    "          [--trusted-proxy ADDR[/BITS]]... [--max-conns-per-ip N] [--dir-cache S] [--quiet]\n"
    "  migrate [--db URL]\n"
    "  seed --demo [--orgs N] [--resources N] [--events N] [--db URL]\n"
    "  user add --email E --name N --role member|focal|staff|admin|applicant [--org ID] [--db URL]\n"
    "          (password: first line of standard input)\n"
    "  import orgs FILE.csv [--dry-run] [--db URL]   (a report by line on standard output)\n"
    "  import reviews FILE.csv [--db URL]   (the review cycle: all or nothing)\n"
    "  export orgs [--db URL]      (CSV on standard output)\n"
    "  export registrations --event ID [--db URL]   (an event's, CSV on standard output)\n"
    "  export delegates --session ID [--db URL]   (a session's approved delegates, CSV)\n"
    "  backup FILE [--db URL]\n"
    "--db defaults to $WHATSON_DB, then sqlite:var/whatson.db\n"
    "--upload-max MB is the old name of --import-max MB; an MB is 1000000 bytes\n";

static int
usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

enum {
	O_DB = 1, O_LISTEN, O_BASE, O_SMTP, O_MAILDIR, O_THREADS, O_ORG, O_QUIET, O_DEMO,
	O_EMAIL, O_NAME, O_ROLE, O_ORGID, O_IDLE, O_FROM, O_LOGO, O_LIFE, O_UPLOAD, O_LOGOMAX, O_RESMAX, O_USER, O_NORGS,
	O_CONNTO, O_HEADERTO, O_DRYRUN, O_NRES, O_PROXY, O_MAXCONNS, O_TESTBACKOFF, O_LANG, O_DIRCACHE,
	O_EVENT, O_NEV, O_SESSION
};

static const struct option long_opts[] = {
	{"db", required_argument, NULL, O_DB},
	{"listen", required_argument, NULL, O_LISTEN},
	{"base-url", required_argument, NULL, O_BASE},
	{"smtp", required_argument, NULL, O_SMTP},
	{"mail-dir", required_argument, NULL, O_MAILDIR},
	{"mail-from", required_argument, NULL, O_FROM},
	{"threads", required_argument, NULL, O_THREADS},
	{"org-name", required_argument, NULL, O_ORG},
	{"lang", required_argument, NULL, O_LANG},
	{"logo-url", required_argument, NULL, O_LOGO},
	{"idle-timeout", required_argument, NULL, O_IDLE},
	{"session-lifetime", required_argument, NULL, O_LIFE},
	{"conn-timeout", required_argument, NULL, O_CONNTO},
	{"header-timeout", required_argument, NULL, O_HEADERTO},
	{"upload-max", required_argument, NULL, O_UPLOAD},	/* the old name of --import-max */
	{"import-max", required_argument, NULL, O_UPLOAD},
	{"logo-max", required_argument, NULL, O_LOGOMAX},
	{"resource-max", required_argument, NULL, O_RESMAX},
	{"user", required_argument, NULL, O_USER},
	{"quiet", no_argument, NULL, O_QUIET},
	{"demo", no_argument, NULL, O_DEMO},
	{"orgs", required_argument, NULL, O_NORGS},
	{"resources", required_argument, NULL, O_NRES},
	{"email", required_argument, NULL, O_EMAIL},
	{"name", required_argument, NULL, O_NAME},
	{"role", required_argument, NULL, O_ROLE},
	{"org", required_argument, NULL, O_ORGID},
	{"dry-run", no_argument, NULL, O_DRYRUN},
	{"trusted-proxy", required_argument, NULL, O_PROXY},
	{"max-conns-per-ip", required_argument, NULL, O_MAXCONNS},
	{"dir-cache", required_argument, NULL, O_DIRCACHE},
	{"event", required_argument, NULL, O_EVENT},
	{"session", required_argument, NULL, O_SESSION},
	{"events", required_argument, NULL, O_NEV},
#ifdef WHATSON_TEST_HOOKS
	/* Test builds only (build/san): "ACCOUNT,ADDRESS" failed sign-ins
	 * allowed before the back-off starts, so tests need few hashes. */
	{"test-backoff", required_argument, NULL, O_TESTBACKOFF},
#endif
	{NULL, 0, NULL, 0},
};

struct opts {
	int demo;
	int norgs;	/* seed --orgs N */
	int nres;	/* seed --resources N */
	int dry_run;	/* import --dry-run */
	int64_t event;	/* export registrations --event ID */
	int64_t session;	/* export delegates --session ID */
	int nev;	/* seed --events N */
	const char *email, *name, *role, *org;
};

/* Parses options after the command; -1 on a usage error. */
static int
parse_opts(int argc, char **argv, struct config *cfg, struct opts *o)
{
	int c;
	int64_t n;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		switch (c) {
		case O_DB: cfg->db_url = optarg; break;
		case O_LISTEN: cfg->listen = optarg; break;
		case O_BASE: cfg->base_url = optarg; break;
		case O_SMTP: cfg->smtp_url = optarg; break;
		case O_MAILDIR: cfg->mail_dir = optarg; break;
		case O_FROM: cfg->mail_from = optarg; break;
		case O_ORG: cfg->org_name = optarg; break;
		case O_LANG:
			if (!view_lang_ok(optarg))
				return -1;
			cfg->lang = optarg;
			break;
		case O_LOGO: cfg->logo_url = optarg; break;
		case O_QUIET: cfg->quiet = 1; break;
		case O_DEMO: o->demo = 1; break;
		case O_DRYRUN: o->dry_run = 1; break;
		case O_EMAIL: o->email = optarg; break;
		case O_NAME: o->name = optarg; break;
		case O_ROLE: o->role = optarg; break;
		case O_ORGID: o->org = optarg; break;
		case O_NEV:	/* events/seed.c's EV_SEED_MAX */
			if (parse_int(optarg, 0, 1000, &n) != WS_OK)
				return -1;
			o->nev = (int)n;
			break;
		case O_EVENT:
			if (parse_int(optarg, 1, INT64_MAX, &o->event) != WS_OK)
				return -1;
			break;
		case O_SESSION:
			if (parse_int(optarg, 1, INT64_MAX, &o->session) != WS_OK)
				return -1;
			break;
		case O_THREADS:
			if (parse_int(optarg, 1, 256, &n) != WS_OK)
				return -1;
			cfg->threads = (int)n;
			break;
		case O_IDLE:
			if (parse_int(optarg, 1, 7 * 86400, &n) != WS_OK)
				return -1;
			cfg->idle_timeout = (int)n;
			break;
		case O_LIFE:
			if (parse_int(optarg, 60, 30 * 86400, &n) != WS_OK)
				return -1;
			cfg->abs_timeout = (int)n;
			break;
		case O_CONNTO:	/* seconds of silence before a connection is closed */
			if (parse_int(optarg, 1, 3600, &n) != WS_OK)
				return -1;
			cfg->conn_timeout = (int)n;
			break;
		case O_HEADERTO:	/* seconds to send a whole request header */
			if (parse_int(optarg, 1, 3600, &n) != WS_OK)
				return -1;
			cfg->header_timeout = (int)n;
			break;
		case O_UPLOAD:	/* --import-max and --upload-max: megabytes */
			if (parse_int(optarg, 1, 1024, &n) != WS_OK)
				return -1;
			cfg->import_max = (size_t)n * CONFIG_MB;
			break;
		case O_LOGOMAX:
			if (parse_int(optarg, 1, 1024, &n) != WS_OK)
				return -1;
			cfg->logo_max = (size_t)n * CONFIG_MB;
			break;
		case O_RESMAX:
			if (parse_int(optarg, 1, 1024, &n) != WS_OK)
				return -1;
			cfg->resource_max = (size_t)n * CONFIG_MB;
			break;
		case O_USER: cfg->run_as = optarg; break;
		case O_PROXY:
			if (cfg->ntrusted >= CONFIG_MAX_PROXIES ||
			    net_parse(optarg, &cfg->trusted[cfg->ntrusted]) != 0) {
				fprintf(stderr, "whatson: --trusted-proxy wants ADDR[/BITS] "
				    "(at most %d), got %s\n", CONFIG_MAX_PROXIES, optarg);
				return -1;
			}
			cfg->ntrusted++;
			break;
		case O_MAXCONNS:	/* 0: no limit */
			if (parse_int(optarg, 0, 100000, &n) != WS_OK)
				return -1;
			cfg->per_ip_conns = (int)n;
			break;
		case O_DIRCACHE:	/* seconds; 0: no directory answer is kept */
			if (parse_int(optarg, 0, 3600, &n) != WS_OK)
				return -1;
			cfg->dir_cache = (int)n;
			break;
#ifdef WHATSON_TEST_HOOKS
		case O_TESTBACKOFF: {
			int64_t m;
			const char *comma = strchr(optarg, ',');
			char first[16];

			if (!comma || (size_t)(comma - optarg) >= sizeof first)
				return -1;
			snprintf(first, sizeof first, "%.*s", (int)(comma - optarg), optarg);
			if (parse_int(first, 0, 1000, &n) != WS_OK ||
			    parse_int(comma + 1, 0, 1000, &m) != WS_OK)
				return -1;
			cfg->backoff_free_account = (int)n;
			cfg->backoff_free_address = (int)m;
			break;
		}
#endif
		case O_NORGS:
			if (parse_int(optarg, 0, 1000000, &n) != WS_OK)
				return -1;
			o->norgs = (int)n;
			break;
		case O_NRES:	/* seed_data.h's SEED_RESOURCE_MAX */
			if (parse_int(optarg, 0, 1000000, &n) != WS_OK)
				return -1;
			o->nres = (int)n;
			break;
		default:
			return -1;
		}
	}
	cfg->https = strncmp(cfg->base_url, "https://", 8) == 0;
	return 0;
}

/* Creates the directory of a sqlite: URL's file, so a fresh clone works. */
static void
make_db_dir(const char *url)
{
	char dir[1024];
	char *slash;

	if (strncmp(url, "sqlite:", 7) != 0)
		return;
	snprintf(dir, sizeof dir, "%s", url + 7);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		mkdir(dir, 0750);
	}
}

/* After binding the port: a server started as root becomes `user`.  The
 * database file and the mail folder must be that user's. */
static int
drop_privileges(const char *user)
{
	struct passwd *pw;

	if (geteuid() != 0) {
		if (user)
			log_warn("--user %s ignored: not started as root", user);
		return 0;
	}
	if (!user) {
		log_warn("running as root; give --user NAME to drop privileges after binding");
		return 0;
	}
	if (!(pw = getpwnam(user))) {
		fprintf(stderr, "whatson: no user %s\n", user);
		return 1;
	}
	if (setgroups(0, NULL) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
		perror("whatson: dropping privileges");
		return 1;
	}
	log_info("running as %s", user);
	return 0;
}

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static int
cmd_serve(struct app *app)
{
	struct server *s;
	struct http_site site;
	struct sigaction sa;

	make_db_dir(app->cfg.db_url);
	if (app_open(app, 1))
		return 1;
	log_set_quiet(app->cfg.quiet);
	{	/* the directory's index: only a server needs it */
		struct db *d = db_acquire(app->pool);
		enum ws_err rc = directory_load(app, d);

		if (rc == WS_OK)	/* and the library's */
			rc = res_index_load(app, d);

		db_release(app->pool, d);
		if (rc != WS_OK) {
			fprintf(stderr, "whatson: cannot build the directory index\n");
			app_close(app);
			return 1;
		}
	}
	if (app_jobs_start(app) != 0) {
		fprintf(stderr, "whatson: cannot start the background workers\n");
		app_close(app);
		return 1;
	}
	app_http_site(app, &site);
	if (!(s = server_start(&site))) {
		app_close(app);
		return 1;
	}
	if (drop_privileges(app->cfg.run_as) != 0) {
		server_stop(s);
		app_close(app);
		return 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	printf("whatson: serving %s on port %d (database %s)\n", app->cfg.base_url,
	    server_port(s), strncmp(app->cfg.db_url, "sqlite:", 7) == 0 ?
	    app->cfg.db_url : "postgresql");
	fflush(stdout);
	while (!stopping)
		pause();
	server_stop(s);
	app_close(app);
	return 0;
}

static int
cmd_migrate(struct app *app)
{
	char err[512];

	make_db_dir(app->cfg.db_url);
	if (db_migrate_url(app->cfg.db_url, 1, err, sizeof err) != WS_OK) {
		fprintf(stderr, "whatson: %s\n", err);
		return 1;
	}
	printf("database is up to date\n");
	return 0;
}

/* Reads the first line of standard input (the password); NULL on EOF. */
static char *
read_password(char *buf, size_t len)
{
	if (!fgets(buf, (int)len, stdin))
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

static int
cmd_user_add(struct app *app, const struct opts *o)
{
	char pw[PASSWORD_MAX + 2], hash[crypto_pwhash_STRBYTES];
	const char *problem;
	struct db *d;
	int64_t id, org = 0;
	enum ws_err rc;
	char *email;

	if (!o->email || !o->name || !o->role)
		return usage();
	if (role_parse(o->role) <= 0) {
		fprintf(stderr, "whatson: --role must be applicant, member, focal, staff or admin\n");
		return 1;
	}
	if (o->org && parse_int(o->org, 1, INT64_MAX, &org) != WS_OK) {
		fprintf(stderr, "whatson: --org must be an organization id\n");
		return 1;
	}
	email = ascii_lower(strdup(o->email));
	if (!email_plausible(email)) {
		fprintf(stderr, "whatson: %s is not an email address\n", o->email);
		free(email);
		return 1;
	}
	if (!read_password(pw, sizeof pw)) {
		fprintf(stderr, "whatson: give the password on the first line of standard input\n");
		free(email);
		return 1;
	}
	if ((problem = password_problem(pw, email, o->name)) != NULL) {
		fprintf(stderr, "whatson: %s\n", problem);
		free(email);
		return 1;
	}
	make_db_dir(app->cfg.db_url);
	app->cfg.threads = 1;
	if (app_open(app, 1)) {
		free(email);
		return 1;
	}
	if ((rc = password_hash(app, pw, hash)) == WS_OK) {
		d = db_acquire(app->pool);
		rc = admin_user_add(app, d, email, o->name, hash, o->role, org, "cli", &id);
		db_release(app->pool, d);
	}
	sodium_memzero(pw, sizeof pw);
	app_close(app);
	if (rc == WS_ECONFLICT) {
		fprintf(stderr, "whatson: a user with email %s exists\n", email);
		free(email);
		return 1;
	}
	if (rc == WS_ENOTFOUND) {
		fprintf(stderr, "whatson: no organization %lld\n", (long long)org);
		free(email);
		return 1;
	}
	free(email);
	if (rc != WS_OK) {
		fprintf(stderr, "whatson: %s\n", ws_strerror(rc));
		return 1;
	}
	printf("%lld\n", (long long)id);
	return 0;
}

/* Demo accounts; the organizations and the rest come with their areas. */
static const struct {
	const char *email, *name, *role, *password;
} demo_users[] = {
	{"admin@example.org", "Ada Admin", "admin", "demo-admin-pass-2026"},
	{"staff@example.org", "Sam Staff", "staff", "demo-staff-pass-2026"},
	{"member@example.org", "Mia Member", "member", "demo-member-pass-2026"},
	{"focal@example.org", "Farid Focal", "focal", "demo-focal-pass-2026"},
};

static int
cmd_seed(struct app *app, const struct opts *o)
{
	struct db *d;
	size_t i;
	enum ws_err rc = WS_OK;

	if (!o->demo)
		return usage();
	make_db_dir(app->cfg.db_url);
	app->cfg.threads = 1;
	if (app_open(app, 1))
		return 1;
	d = db_acquire(app->pool);
	for (i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
		int64_t id;

		rc = user_create(app, d, demo_users[i].email, demo_users[i].name,
		    demo_users[i].password, demo_users[i].role, 1, 0, &id);
		if (rc == WS_ECONFLICT) {
			rc = WS_OK;
			continue;
		}
		if (rc != WS_OK)
			break;
		printf("%-6s %-22s password: %s\n", demo_users[i].role, demo_users[i].email,
		    demo_users[i].password);
	}
	if (rc == WS_OK) {
		struct arena *a = arena_new();
		struct user staff, member;

		rc = user_by_email(d, a, "staff@example.org", &staff);
		if (rc == WS_OK)
			rc = user_by_email(d, a, "member@example.org", &member);
		if (rc == WS_OK)
			rc = orgs_seed_demo(app, d, o->norgs, staff.id, member.id);
		if (rc == WS_OK) {	/* the demo focal point represents Kenya */
			struct user focal;

			rc = user_by_email(d, a, "focal@example.org", &focal);
			if (rc == WS_OK) {
				struct db_q *q = db_start(d, ST_USER_SET_FOCAL);

				db_bind_text(q, 1, "KE");
				db_bind_int(q, 2, now_s());
				db_bind_int(q, 3, focal.id);
				rc = db_exec(q, NULL);
				db_end(q);
			}
		}
		if (rc == WS_OK && o->nres > 0) {
			int added = 0;

			rc = res_seed_demo(app, d, o->nres, staff.id, &added);
			if (rc == WS_OK)
				printf("%d resources added; whatson serve extracts their text\n",
				    added);
		}
		if (rc == WS_OK && o->nev > 0) {
			int added = 0;

			rc = events_seed_demo(app, d, o->nev, staff.id, &added);
			if (rc == WS_OK)
				printf("%d events added\n", added);
		}
		if (rc == WS_OK) {	/* after the events: a call fills a demo workshop */
			struct user admin;
			int added = 0;

			rc = user_by_email(d, a, "admin@example.org", &admin);
			if (rc == WS_OK)
				rc = calls_seed_demo(app, d, staff.id, admin.id, &added);
			if (rc == WS_OK)
				printf("%d calls added\n", added);
		}
		if (rc == WS_OK) {
			int added = 0;

			rc = meetings_seed_demo(app, d, staff.id, &added);
			if (rc == WS_OK)
				printf("%d sessions of meetings added\n", added);
		}
		if (rc == WS_OK) {
			int added = 0;

			rc = countries_seed_demo(app, d, staff.id, &added);
			if (rc == WS_OK)
				printf("%d reviews of the review cycle added\n", added);
		}
		if (rc == WS_OK) {	/* after the calls: an initiative links one */
			struct user focal;
			int added = 0;

			rc = user_by_email(d, a, "focal@example.org", &focal);
			if (rc == WS_OK)
				rc = initiatives_seed_demo(app, d, staff.id, member.id, focal.id,
				    &added);
			if (rc == WS_OK)
				printf("%d pilot initiatives added\n", added);
		}
		if (rc == WS_OK) {	/* after the sessions: a dialogue follows one */
			int added = 0;

			rc = dialogues_seed_demo(app, d, staff.id, &added);
			if (rc == WS_OK)
				printf("%d constructive dialogues added\n", added);
		}
		if (rc == WS_OK) {
			int added = 0;

			rc = courses_seed_demo(app, d, staff.id, member.id, &added);
			if (rc == WS_OK && added)
				printf("a course with a running cohort added\n");
		}
		if (rc == WS_OK) {	/* news: a story names the demo member's organization */
			int added = 0;

			rc = news_seed_demo(app, d, staff.id, member.id, &added);
			if (rc == WS_OK)
				printf("%d news items added\n", added);
		}
		if (rc == WS_OK) {
			int added = 0;

			rc = forums_seed_demo(app, d, staff.id, member.id, &added);
			if (rc == WS_OK && added)
				printf("%d forums added, with threads\n", added);
		}
		if (rc == WS_OK) {	/* after the organizations: their experts */
			struct user focal;
			int added = 0;

			rc = user_by_email(d, a, "focal@example.org", &focal);
			if (rc == WS_OK)
				rc = msg_seed_demo(d, staff.id, member.id, focal.id, &added);
			if (rc == WS_OK && added)
				printf("%d conversations added\n", added);
		}
		if (rc == WS_OK) {	/* after the organizations and messages */
			int added = 0;

			rc = ptn_seed_demo(app, d, member.id, &added);
			if (rc == WS_OK && added)
				printf("%d partner requests added\n", added);
		}
		if (rc == WS_OK) {	/* the demo member's weekly digest, in var/mail */
			int added = 0;

			rc = digest_seed_demo(app, d, member.id, &added);
			if (rc == WS_OK && added)
				printf("a weekly digest mailed to the demo member\n");
		}
		if (rc == WS_OK)
			printf("demo data ready: %d organizations, 6 applications to review\n",
			    o->norgs);
		arena_free(a);
	}
	db_release(app->pool, d);
	app_close(app);
	if (rc != WS_OK) {
		fprintf(stderr, "whatson: seed failed: %s\n", ws_strerror(rc));
		return 1;
	}
	return 0;
}

/* `export orgs`: every organization as CSV on standard output;
 * `export registrations --event ID`: an event's registrations;
 * `export delegates --session ID`: a session's approved delegates. */
static int
cmd_export(struct app *app, const char *what, const struct opts *o)
{
	int regs = strcmp(what, "registrations") == 0, dels = strcmp(what, "delegates") == 0;
	struct db *d;
	enum ws_err rc;

	if (strcmp(what, "orgs") != 0 && !regs && !dels) {
		fprintf(stderr, "whatson: export %s is not built yet (orgs, registrations or "
		    "delegates)\n", what);
		return 1;
	}
	if ((regs && !o->event) || (dels && !o->session))
		return usage();
	app->cfg.threads = 1;
	if (app_open(app, 1))
		return 1;
	d = db_acquire(app->pool);
	rc = regs ? events_csv_export(d, o->event, stdout) : dels ?
	    meetings_delegates_export(d, o->session, stdout) : orgs_csv_all(d, stdout);
	if ((regs || dels) && rc == WS_ENOTFOUND) {
		db_release(app->pool, d);
		app_close(app);
		fprintf(stderr, "whatson: no %s %lld\n", regs ? "event" : "session",
		    (long long)(regs ? o->event : o->session));
		return 1;
	}
	db_release(app->pool, d);
	app_close(app);
	if (rc != WS_OK || fflush(stdout) != 0) {
		fprintf(stderr, "whatson: export failed: %s\n", ws_strerror(rc ? rc : WS_EIO));
		return 1;
	}
	return 0;
}

/* Reads file whole (at most IMPORT_MAX_BYTES); NULL after saying why. */
static char *
read_file(const char *file, size_t *len)
{
	FILE *f = fopen(file, "rb");
	char *data = NULL;
	size_t n = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "whatson: cannot open %s\n", file);
		return NULL;
	}
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 1 << 20;
			if (cap > (size_t)IMPORT_MAX_BYTES + 1)
				cap = (size_t)IMPORT_MAX_BYTES + 1;
			data = xrealloc(data, cap);
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
	} while (got > 0 && n <= IMPORT_MAX_BYTES);
	if (ferror(f) || n > IMPORT_MAX_BYTES) {
		fprintf(stderr, ferror(f) ? "whatson: cannot read %s\n" :
		    "whatson: %s is larger than 256 MB\n", file);
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	*len = n;
	return data ? data : xmalloc(1);
}

/* `import reviews FILE.csv`: the review cycle, all or nothing: how many
 * were written, or each error as "line N, column C: why" on standard
 * error and exit 1 with nothing written. */
static int
cmd_import_reviews(struct app *app, const char *file)
{
	json_t *errors = NULL, *e;
	struct db *d;
	enum ws_err rc;
	char *data;
	size_t len, i;
	int written = 0;

	if (!(data = read_file(file, &len)))
		return 1;
	app->cfg.threads = 1;
	if (app_open(app, 1)) {
		free(data);
		return 1;
	}
	d = db_acquire(app->pool);
	rc = rev_import(app, d, data, len, 0, "en", &written, &errors);
	db_release(app->pool, d);
	app_close(app);
	free(data);
	json_array_foreach(errors, i, e)
		fprintf(stderr, "%s\n", json_string_value(e));
	json_decref(errors);
	if (rc == WS_EINVAL) {
		fprintf(stderr, "whatson: nothing was imported: the file has errors\n");
		return 1;
	}
	if (rc != WS_OK) {
		fprintf(stderr, "whatson: import failed: %s\n", ws_strerror(rc));
		return 1;
	}
	printf("%d reviews imported\n", written);
	return fflush(stdout) != 0;
}

/* `import orgs FILE.csv [--dry-run]`: a line of report per row on standard
 * output, the counts last; exit 1 when a row or the file was refused. */
static int
cmd_import(struct app *app, const char *what, const char *file, const struct opts *o)
{
	struct import_opts io = { o->dry_run, 0, "cli", file, NULL, NULL };
	struct import_report rep;
	struct db *d;
	enum ws_err rc;
	char *data;
	size_t len, i;
	char line[1400];

	if (strcmp(what, "reviews") == 0)
		return cmd_import_reviews(app, file);
	if (strcmp(what, "orgs") != 0) {
		fprintf(stderr, "whatson: import %s is not built (orgs or reviews)\n", what);
		return 1;
	}
	if (!(data = read_file(file, &len)))
		return 1;
	app->cfg.threads = 1;
	if (app_open(app, 1)) {
		free(data);
		return 1;
	}
	d = db_acquire(app->pool);
	rc = import_orgs(app, d, data, len, &io, &rep);
	db_release(app->pool, d);
	app_close(app);
	free(data);
	for (i = 0; i < rep.nlines; i++) {
		import_line_text(&rep.lines[i], line, sizeof line);
		printf("%s\n", line);
	}
	printf("%zu created, %zu updated, %zu unchanged, %zu duplicates, %zu errors%s\n",
	    rep.counts[IMP_CREATED], rep.counts[IMP_UPDATED], rep.counts[IMP_UNCHANGED],
	    rep.counts[IMP_DUPLICATE], rep.counts[IMP_ERROR],
	    o->dry_run ? " (dry run: nothing written)" : "");
	if (fflush(stdout) != 0)
		rc = rc ? rc : WS_EIO;
	if (rep.refused)
		fprintf(stderr, "whatson: %s\n", rep.refused);
	else if (rc != WS_OK)
		fprintf(stderr, "whatson: import failed: %s\n", ws_strerror(rc));
	else if (rep.counts[IMP_ERROR])
		fprintf(stderr, "whatson: %zu rows have errors (see the lines above)\n",
		    rep.counts[IMP_ERROR]);
	i = rc != WS_OK || rep.refused || rep.counts[IMP_ERROR];
	import_report_free(&rep);
	return i ? 1 : 0;
}

static int
cmd_backup(struct app *app, const char *file)
{
	char err[512];
	struct db *d;
	enum ws_err rc;

	app->cfg.threads = 1;
	if (app_open(app, 0))
		return 1;
	d = db_acquire(app->pool);
	rc = db_backup(d, file, err, sizeof err);
	db_release(app->pool, d);
	app_close(app);
	if (rc != WS_OK) {
		fprintf(stderr, "whatson: %s\n", err);
		return 1;
	}
	printf("backed up to %s\n", file);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct app app;
	struct opts o = {0};
	const char *cmd, *env;

	o.norgs = 48;
	o.nres = 0;

	if (argc < 2)
		return usage();
	config_defaults(&app.cfg);
	if ((env = getenv("WHATSON_DB")) != NULL && *env)
		app.cfg.db_url = env;
	cmd = argv[1];
	if (strcmp(cmd, "user") == 0) {
		if (argc < 3 || strcmp(argv[2], "add") != 0)
			return usage();
		argc--;
		argv++;
	}
	if (parse_opts(argc - 1, argv + 1, &app.cfg, &o) < 0)
		return usage();
	if (strcmp(cmd, "serve") != 0)
		log_set_quiet(1);	/* scripts read what commands print; warnings still show */
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(&app);
	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate(&app);
	if (strcmp(cmd, "seed") == 0)
		return cmd_seed(&app, &o);
	if (strcmp(cmd, "user") == 0)
		return cmd_user_add(&app, &o);
	if (strcmp(cmd, "export") == 0) {
		if (optind + 1 >= argc)
			return usage();
		return cmd_export(&app, argv[optind + 1], &o);
	}
	if (strcmp(cmd, "import") == 0) {
		if (optind + 2 >= argc)
			return usage();
		return cmd_import(&app, argv[optind + 1], argv[optind + 2], &o);
	}
	if (strcmp(cmd, "backup") == 0) {
		if (optind + 1 >= argc)
			return usage();
		return cmd_backup(&app, argv[optind + 1]);
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	return usage();
}
