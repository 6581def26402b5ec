/*
 * db_pg.c -- the PostgreSQL backend of struct db_ops, over libpq.
 *
 * Every statement of the table is prepared on the connection under the name
 * "sN" with its "?" parameters rewritten to $1, $2, ...  A statement runs when
 * it is first stepped; its rows are then read from the PGresult.  A lost
 * connection is reset once and the statements prepared again.
 */
#include <libpq-fe.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/db_int.h"

#define PG_MAXPARAM 40

struct pg_db {
	struct db base;		/* first */
	PGconn *c;
	struct db_q q;
	char *params[PG_MAXPARAM];
	int nparams;		/* highest parameter index bound */
	PGresult *res;
	int row;		/* next row of res to hand out */
	int cur;		/* row being read */
	int ran;
	unsigned char *blob;	/* the last decoded BYTEA column */
};

#define PG(d) ((struct pg_db *)(d))

static void
pg_clear(struct pg_db *p)
{
	int i;

	for (i = 0; i < PG_MAXPARAM; i++) {
		free(p->params[i]);
		p->params[i] = NULL;
	}
	p->nparams = 0;
	if (p->res)
		PQclear(p->res);
	p->res = NULL;
	p->row = p->cur = 0;
	p->ran = 0;
	free(p->blob);
	p->blob = NULL;
}

static void
pg_close(struct db *d)
{
	struct pg_db *p = PG(d);

	pg_clear(p);
	PQfinish(p->c);
	free(p);
}

static void
notice_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static enum ws_err
pg_open(const char *url, struct db **out, char *err, size_t errlen)
{
	struct pg_db *p = xcalloc(1, sizeof *p);

	p->base.ops = &db_pg_ops;
	p->base.kind = DB_PG;
	p->c = PQconnectdb(url);
	if (PQstatus(p->c) != CONNECTION_OK) {
		snprintf(err, errlen, "postgresql: %s", PQerrorMessage(p->c));
		err[strcspn(err, "\n")] = '\0';
		pg_close(&p->base);
		return WS_EDB;
	}
	PQsetNoticeProcessor(p->c, notice_quiet, NULL);
	*out = &p->base;
	return WS_OK;
}

static enum ws_err
pg_exec_script(struct db *d, const char *sql, char *err, size_t errlen)
{
	PGresult *r = PQexec(PG(d)->c, sql);
	ExecStatusType st = PQresultStatus(r);
	enum ws_err rc = WS_OK;

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		snprintf(err, errlen, "postgresql: %s", PQresultErrorMessage(r));
		err[strcspn(err, "\n")] = '\0';
		rc = WS_EDB;
	}
	PQclear(r);
	return rc;
}

static enum ws_err
pg_query_int(struct db *d, const char *sql, int64_t *out, char *err, size_t errlen)
{
	PGresult *r = PQexec(PG(d)->c, sql);
	enum ws_err rc = WS_OK;

	*out = 0;
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		snprintf(err, errlen, "postgresql: %s", PQresultErrorMessage(r));
		err[strcspn(err, "\n")] = '\0';
		rc = WS_EDB;
	} else if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) {
		*out = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	}
	PQclear(r);
	return rc;
}

/* Rewrites "?" to "$n" (outside string literals); caller frees. */
static char *
number_params(const char *sql)
{
	struct buf b;
	int n = 0, inq = 0;
	const char *s;

	buf_init(&b, 1 << 20);
	for (s = sql; *s; s++) {
		if (*s == '\'')
			inq = !inq;
		if (*s == '?' && !inq) {
			if (buf_printf(&b, "$%d", ++n))
				fatal("statement too long");
		} else if (buf_addc(&b, *s)) {
			fatal("statement too long");
		}
	}
	return buf_steal(&b);
}

static enum ws_err
pg_prepare_all(struct db *d, char *err, size_t errlen)
{
	struct pg_db *p = PG(d);
	char name[16];
	int i;

	for (i = 0; i < DB_STMT__MAX; i++) {
		const char *src = db_stmt_texts[i].pg ? db_stmt_texts[i].pg : db_stmt_texts[i].sqlite;
		char *sql = number_params(src);
		PGresult *r;

		snprintf(name, sizeof name, "s%d", i);
		r = PQprepare(p->c, name, sql, 0, NULL);
		free(sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			snprintf(err, errlen, "statement %s: %s", db_stmt_texts[i].name,
			    PQresultErrorMessage(r));
			err[strcspn(err, "\n")] = '\0';
			PQclear(r);
			return WS_EDB;
		}
		PQclear(r);
	}
	return WS_OK;
}

static int
pg_columns(struct db *d, enum db_stmt s)
{
	char name[16];
	PGresult *r;
	int n = -1;

	snprintf(name, sizeof name, "s%d", (int)s);
	r = PQdescribePrepared(PG(d)->c, name);
	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		n = PQnfields(r);
	PQclear(r);
	return n;
}

static struct db_q *
pg_start(struct db *d, enum db_stmt s)
{
	struct pg_db *p = PG(d);

	pg_clear(p);
	p->q.d = d;
	p->q.s = s;
	return &p->q;
}

static void
pg_bind_text(struct db_q *q, int i, const char *v)
{
	struct pg_db *p = PG(q->d);

	if (i < 1 || i > PG_MAXPARAM)
		fatal("pg: parameter %d out of range", i);
	free(p->params[i - 1]);
	p->params[i - 1] = v ? xstrdup(v) : NULL;
	if (i > p->nparams)
		p->nparams = i;
}

static void
pg_bind_int(struct db_q *q, int i, int64_t v)
{
	char s[24];

	snprintf(s, sizeof s, "%" PRId64, v);
	pg_bind_text(q, i, s);
}

static void
pg_bind_null(struct db_q *q, int i)
{
	pg_bind_text(q, i, NULL);
}

/* BYTEA travels as text in hex form: "\\x" and two digits a byte. */
static void
pg_bind_blob(struct db_q *q, int i, const void *data, size_t n)
{
	struct pg_db *p = PG(q->d);
	static const char hex[] = "0123456789abcdef";
	const unsigned char *b = data;
	char *s;
	size_t k;

	if (i < 1 || i > PG_MAXPARAM)
		fatal("pg: parameter %d out of range", i);
	s = xmalloc(2 * n + 3);
	s[0] = '\\';
	s[1] = 'x';
	for (k = 0; k < n; k++) {
		s[2 + 2 * k] = hex[b[k] >> 4];
		s[3 + 2 * k] = hex[b[k] & 15];
	}
	s[2 + 2 * n] = '\0';
	free(p->params[i - 1]);
	p->params[i - 1] = s;
	if (i > p->nparams)
		p->nparams = i;
}

static const void *
pg_col_blob(struct db_q *q, int i, size_t *len)
{
	struct pg_db *p = PG(q->d);
	unsigned char *raw;
	size_t n = 0;

	*len = 0;
	if (PQgetisnull(p->res, p->cur, i))
		return NULL;
	raw = PQunescapeBytea((const unsigned char *)PQgetvalue(p->res, p->cur, i), &n);
	if (!raw)
		return NULL;
	free(p->blob);	/* one decoded blob at a time, like a column's text */
	p->blob = xmalloc(n ? n : 1);
	memcpy(p->blob, raw, n);
	PQfreemem(raw);
	*len = n;
	return p->blob;
}

static enum ws_err
pg_run(struct pg_db *p)
{
	char name[16];
	ExecStatusType st;
	const char *state;
	int attempt;

	snprintf(name, sizeof name, "s%d", (int)p->q.s);
	for (attempt = 0; attempt < 2; attempt++) {
		p->res = PQexecPrepared(p->c, name, p->nparams,
		    (const char *const *)p->params, NULL, NULL, 0);
		st = PQresultStatus(p->res);
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
			return WS_OK;
		state = PQresultErrorField(p->res, PG_DIAG_SQLSTATE);
		if (state && strncmp(state, "23", 2) == 0)
			return WS_ECONFLICT;
		if (PQstatus(p->c) == CONNECTION_BAD && attempt == 0 && !p->base.in_tx) {
			char err[256];

			log_warn("postgresql connection lost; resetting");
			PQclear(p->res);
			p->res = NULL;
			PQreset(p->c);
			if (PQstatus(p->c) == CONNECTION_OK &&
			    pg_prepare_all(&p->base, err, sizeof err) == WS_OK)
				continue;
		}
		break;
	}
	log_error("postgresql %s: %s", db_stmt_texts[p->q.s].name,
	    p->res ? PQresultErrorMessage(p->res) : PQerrorMessage(p->c));
	return WS_EDB;
}

static enum ws_err
pg_step(struct db_q *q)
{
	struct pg_db *p = PG(q->d);
	enum ws_err rc;

	if (!p->ran) {
		p->ran = 1;
		if ((rc = pg_run(p)) != WS_OK)
			return rc;
	}
	if (!p->res || p->row >= PQntuples(p->res))
		return WS_EDONE;
	p->cur = p->row++;
	return WS_OK;
}

static const char *
pg_col_text(struct db_q *q, int i)
{
	struct pg_db *p = PG(q->d);

	if (PQgetisnull(p->res, p->cur, i))
		return NULL;
	return PQgetvalue(p->res, p->cur, i);
}

static int64_t
pg_col_int(struct db_q *q, int i)
{
	const char *s = pg_col_text(q, i);

	return s ? strtoll(s, NULL, 10) : 0;
}

static int
pg_col_null(struct db_q *q, int i)
{
	return PQgetisnull(PG(q->d)->res, PG(q->d)->cur, i);
}

static int64_t
pg_changes(struct db_q *q)
{
	const char *s = PG(q->d)->res ? PQcmdTuples(PG(q->d)->res) : "";

	return *s ? strtoll(s, NULL, 10) : 0;
}

static void
pg_end(struct db_q *q)
{
	pg_clear(PG(q->d));
}

static enum ws_err
pg_simple(struct db *d, const char *sql)
{
	char err[256];
	enum ws_err rc = pg_exec_script(d, sql, err, sizeof err);

	if (rc)
		log_error("%s", err);
	return rc;
}

static enum ws_err pg_begin(struct db *d) { return pg_simple(d, "BEGIN"); }
/* A transaction in which a statement failed is aborted: PostgreSQL answers
 * its COMMIT with "ROLLBACK", which must not read as success. */
static enum ws_err
pg_commit(struct db *d)
{
	PGresult *r = PQexec(PG(d)->c, "COMMIT");
	enum ws_err rc = WS_OK;

	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		log_error("postgresql: COMMIT: %s", PQresultErrorMessage(r));
		rc = WS_EDB;
	} else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		log_error("postgresql: a statement failed inside the transaction; rolled back");
		rc = WS_EDB;
	}
	PQclear(r);
	return rc;
}

static void
pg_rollback(struct db *d)
{
	if (PQtransactionStatus(PG(d)->c) != PQTRANS_IDLE)
		(void)pg_simple(d, "ROLLBACK");
}

const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec_script = pg_exec_script,
	.query_int = pg_query_int,
	.prepare_all = pg_prepare_all,
	.start = pg_start,
	.columns = pg_columns,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_null = pg_bind_null,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_null = pg_col_null,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
	.end = pg_end,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.backup = NULL,
};
