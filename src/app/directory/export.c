/*
 * export.c -- organizations as CSV, for staff: every column, UTF-8 with a
 * byte-order mark (so spreadsheets read it as UTF-8) and a header row, cells
 * quoted as RFC 4180 says.  A cell that begins with = + - @ tab or carriage
 * return gets a leading apostrophe, so a spreadsheet shows it as text
 * instead of running it as a formula.
 *
 * `whatson export orgs` writes every organization; the staff page writes the
 * directory's current filter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/orgs/orgs.h"
#include "core/mem.h"
#include "db/db.h"

static const char *const columns[] = {
	"id", "name", "acronym", "kind", "country", "countries", "website", "founded", "size",
	"description", "themes", "languages", "ecosoc_status", "status", "contact_name",
	"contact_title", "contact_email", "contact_phone", "contact_role", "created_at",
	"updated_at", NULL
};

static enum ws_err
cell(struct buf *b, const char *s, int first)
{
	enum ws_err rc = WS_OK;
	const char *p;
	int quote = strpbrk(s, ",\"\r\n") != NULL || *s == ' ';

	if (!first && (rc = buf_addc(b, ',')) != WS_OK)
		return rc;
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')
		quote = 1;
	if (quote && (rc = buf_addc(b, '"')) != WS_OK)
		return rc;
	if ((*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r') &&
	    (rc = buf_addc(b, '\'')) != WS_OK)
		return rc;
	for (p = s; *p && rc == WS_OK; p++)
		rc = *p == '"' ? buf_adds(b, "\"\"") : buf_addc(b, *p);
	if (rc == WS_OK && quote)
		rc = buf_addc(b, '"');
	return rc;
}

/* A JSON value as cell text: arrays joined with "; ", null empty. */
static char *
text_of(json_t *v)
{
	struct buf b;
	size_t i;

	buf_init(&b, 1 << 20);
	if (json_is_string(v)) {
		if (buf_adds(&b, json_string_value(v)))
			buf_reset(&b);
	} else if (json_is_integer(v)) {
		if (buf_printf(&b, "%lld", (long long)json_integer_value(v)))
			buf_reset(&b);
	} else if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++)
			if ((i && buf_adds(&b, "; ")) ||
			    buf_adds(&b, json_string_value(json_array_get(v, i)) ?
			    json_string_value(json_array_get(v, i)) : ""))
				break;
	}
	return buf_steal(&b);
}

enum ws_err
orgs_csv_header(struct buf *out)
{
	enum ws_err rc = buf_adds(out, "\xEF\xBB\xBF");
	size_t i;

	for (i = 0; rc == WS_OK && columns[i]; i++)
		rc = cell(out, columns[i], i == 0);
	return rc == WS_OK ? buf_adds(out, "\r\n") : rc;
}

enum ws_err
orgs_csv_row(struct db *d, int64_t id, struct buf *out)
{
	json_t *o, *c;
	enum ws_err rc;
	size_t i;

	if ((rc = org_load(d, id, &o)) != WS_OK)
		return rc;
	c = json_object_get(o, "contact");
	for (i = 0; rc == WS_OK && columns[i]; i++) {
		const char *col = columns[i];
		json_t *v = strncmp(col, "contact_", 8) == 0 ? json_object_get(c, col + 8) :
		    json_object_get(o, col);
		char *t = text_of(v);

		rc = cell(out, t, i == 0);
		free(t);
	}
	json_decref(o);
	return rc == WS_OK ? buf_adds(out, "\r\n") : rc;
}

enum ws_err
orgs_csv_all(struct db *d, FILE *f)
{
	struct db_q *q = db_start(d, ST_ORG_INDEX_ALL);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	struct buf b;
	enum ws_err rc = WS_OK;

	while (db_step(q) == WS_OK) {	/* ids first: one statement at a time */
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = db_col_int(q, ORG_C_ID);
	}
	db_end(q);
	buf_init(&b, 16 << 20);
	rc = orgs_csv_header(&b);
	for (i = 0; rc == WS_OK && i < n; i++) {
		rc = orgs_csv_row(d, ids[i], &b);
		if (rc == WS_OK && (b.len > (8 << 20) || i + 1 == n)) {
			if (fwrite(b.data, 1, b.len, f) != b.len)
				rc = WS_EIO;
			buf_reset(&b);
		}
	}
	if (rc == WS_OK && n == 0 && fwrite(b.data, 1, b.len, f) != b.len)
		rc = WS_EIO;
	buf_free(&b);
	free(ids);
	return rc;
}

enum ws_err
dir_csv_cell(struct buf *b, const char *s, int first)
{
	return cell(b, s, first);
}
