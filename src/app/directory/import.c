/*
 * import.c -- organizations from CSV (see import.h): reading the file with
 * libcsv, checking each row with the join form's declared fields, finding
 * likely duplicates, writing in batches, reporting by line.  The staff page
 * that runs it in the background is import_page.c.
 *
 * It reuses what src/app/orgs/ shares for it in orgs.h (the join form's
 * fields, the row binding of ST_ORG_INSERT and ST_ORG_UPDATE, the duplicate
 * keys) so that an import cannot accept what the forms refuse or store a
 * row differently.
 *
 * Duplicates: what makes two organizations likely duplicates is their
 * keys (org_dupkeys_of(), src/app/orgs/dupkeys.c), the strings ST_ORG_DUPS
 * compares for one application at a time.  An import of 100,000 rows would
 * ask it 100,000 times, so it reads every organization's stored keys once
 * (ST_ORG_DUP_KEYS) into a hash table and looks each row's keys up there,
 * adding each row it creates (unless rejected, which ST_ORG_DUPS skips): a
 * file that holds the same organization twice reports the second as a
 * duplicate of the first line, in a dry run too.  The reason is the first
 * rule whose key matched, as staff read it in the review queue.
 */
#include <csv.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/directory/csvread.h"
#include "app/directory/import.h"
#include "app/directory/search.h"
#include "app/orgs/orgs.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"

/* ---- columns ------------------------------------------------------------ */

enum col_kind { C_ID, C_FIELD, C_LIST, C_STATUS, C_READONLY };

/* export.c's columns; form is the join form's field name. */
static const struct column {
	const char *name;
	enum col_kind kind;
} columns[] = {
	{"id", C_ID}, {"name", C_FIELD}, {"acronym", C_FIELD}, {"kind", C_FIELD},
	{"country", C_FIELD}, {"countries", C_LIST}, {"website", C_FIELD},
	{"founded", C_FIELD}, {"size", C_FIELD}, {"description", C_FIELD},
	{"themes", C_LIST}, {"languages", C_LIST}, {"ecosoc_status", C_FIELD},
	{"status", C_STATUS}, {"contact_name", C_FIELD}, {"contact_title", C_FIELD},
	{"contact_email", C_FIELD}, {"contact_phone", C_FIELD}, {"contact_role", C_FIELD},
	{"created_at", C_READONLY}, {"updated_at", C_READONLY},
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

static const char *const statuses[] = { "pending", "approved", "rejected", "suspended", NULL };

static const char *const outcome_names[] = {
	"created", "updated", "unchanged", "duplicate", "error"
};
_Static_assert(sizeof outcome_names / sizeof outcome_names[0] == IMP__MAX,
    "a name per outcome");

const char *
import_outcome_name(enum import_outcome o)
{
	return o < IMP__MAX ? outcome_names[o] : "?";
}

/* ---- duplicate keys in memory ------------------------------------------ */

struct dupkey {
	char *key;		/* "name:lantern watch|KE", ... (NULL: free slot) */
	int64_t id;		/* organization (0: a row of a dry run) */
	int line;		/* the file's line that added it (0: in the database) */
};

struct dupset {
	struct dupkey *slot;
	size_t cap, n;
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct dupkey *
dup_find(struct dupset *s, const char *key)
{
	size_t i;

	if (!s->cap)
		return NULL;
	for (i = hash_str(key) & (s->cap - 1); s->slot[i].key; i = (i + 1) & (s->cap - 1))
		if (strcmp(s->slot[i].key, key) == 0)
			return &s->slot[i];
	return NULL;
}

/* Adds key unless present (the first, lowest id, wins as in ST_ORG_DUPS). */
static void
dup_add(struct dupset *s, const char *key, int64_t id, int line)
{
	size_t i;

	if (s->n + 1 > s->cap / 2) {	/* grow: at most half full */
		struct dupset g = { xcalloc(s->cap ? 2 * s->cap : 4096, sizeof *g.slot),
		    s->cap ? 2 * s->cap : 4096, s->n };

		for (i = 0; i < s->cap; i++) {
			size_t j;

			if (!s->slot[i].key)
				continue;
			for (j = hash_str(s->slot[i].key) & (g.cap - 1); g.slot[j].key;
			    j = (j + 1) & (g.cap - 1))
				;
			g.slot[j] = s->slot[i];
		}
		free(s->slot);
		*s = g;
	}
	for (i = hash_str(key) & (s->cap - 1); s->slot[i].key; i = (i + 1) & (s->cap - 1))
		if (strcmp(s->slot[i].key, key) == 0)
			return;
	s->slot[i].key = xstrdup(key);
	s->slot[i].id = id;
	s->slot[i].line = line;
	s->n++;
}

static void
dup_free(struct dupset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->slot[i].key);
	free(s->slot);
	memset(s, 0, sizeof *s);
}

static enum ws_err
dup_load(struct db *d, struct dupset *s)
{
	struct db_q *q = db_start(d, ST_ORG_DUP_KEYS);
	enum ws_err rc;

	while ((rc = db_step(q)) == WS_OK)	/* org_id, key; lowest id first */
		dup_add(s, db_col_text(q, ORG_DUP_KEYS_C_KEY), db_col_int(q, ORG_DUP_KEYS_C_ORG_ID), 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- the import's state -------------------------------------------------- */

struct imp {
	struct app *app;
	struct db *d;
	const struct import_opts *o;
	struct import_report *rep;
	struct dupset dups;
	int map[IMPORT_MAX_CELLS];	/* cell -> columns[] index, -1 ignored */
	int ncells_header;
	int header_done;
	/* the record being read */
	char *cell[IMPORT_MAX_CELLS];
	int ncells, too_many;
	size_t too_long;		/* the longest cell over IMPORT_MAX_CELL, 0: none */
	int rec_line;			/* its first physical line */
	int cur_line;			/* the physical line being fed */
	size_t rows;
	size_t told;			/* rows when progress was last told */
	/* writing */
	int in_tx;			/* a batch's transaction is open */
	size_t batch_rows, batch_first;	/* rows in it; its first line in rep->lines */
	enum ws_err fail;		/* the database failed: stop */
	int stop;			/* too many rows */
};

static struct import_line *
new_line(struct imp *x)
{
	struct import_report *rep = x->rep;
	struct import_line *l;

	if (rep->nlines == rep->cap) {
		rep->cap = rep->cap ? 2 * rep->cap : 1024;
		rep->lines = xrealloc(rep->lines, rep->cap * sizeof *rep->lines);
	}
	l = &rep->lines[rep->nlines++];
	memset(l, 0, sizeof *l);
	l->line = x->rec_line;
	l->last = x->cur_line;
	return l;
}

static void
set_outcome(struct imp *x, struct import_line *l, enum import_outcome o, char *msg)
{
	l->outcome = o;
	free(l->msg);
	l->msg = msg;
	x->rep->counts[o]++;
}

/* ---- one row ---------------------------------------------------------------- */

/* The cell as export wrote it, with its formula guard undone: export puts
 * an apostrophe before a cell that starts with = + - @ tab or CR. */
static const char *
unguard(const char *s)
{
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		return s + 1;
	return s;
}

/* "a; b;c" as a JSON array of the trimmed, non-empty parts. */
static json_t *
split_list(const char *s)
{
	json_t *out = json_array();

	while (*s) {
		const char *end = strchr(s, ';');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		const char *p = s;

		while (n && isspace((unsigned char)*p)) {
			p++;
			n--;
		}
		while (n && isspace((unsigned char)p[n - 1]))
			n--;
		if (n)
			json_array_append_new(out, json_stringn(p, n));
		s = end ? end + 1 : s + strlen(s);
	}
	return out;
}

static const struct field *
join_field(const char *name)
{
	size_t i;

	for (i = 0; i < join_nfields; i++)
		if (strcmp(join_fields[i].name, name) == 0)
			return &join_fields[i];
	return NULL;
}

/* The first value of a choice field that is not allowed, to name it in
 * the message ("country "XX": Choose a country from the list."). */
static const char *
bad_choice(const struct field *f, json_t *v)
{
	size_t i;
	json_t *x;

	if (!f || (f->type != FT_CHOICE && f->type != FT_MULTI))
		return NULL;
	if (json_is_string(v))
		return json_string_length(v) && !form_choice_ok(f, json_string_value(v)) ?
		    json_string_value(v) : NULL;
	json_array_foreach(v, i, x)
		if (json_is_string(x) && json_string_length(x) &&
		    !form_choice_ok(f, json_string_value(x)))
			return json_string_value(x);
	return NULL;
}

/* "field: message; field "value": message" from form_check's errors. */
static char *
errors_text(json_t *errors, json_t *in)
{
	struct buf b;
	const char *k;
	json_t *v;

	buf_init(&b, 4096);
	json_object_foreach(errors, k, v) {
		const char *bad = bad_choice(join_field(k), json_object_get(in, k));
		enum ws_err rc;

		if (b.len)
			rc = buf_adds(&b, "; ");
		if (bad && strlen(bad) <= 60)
			rc = buf_printf(&b, "%s \"%s\": %s", k, bad, json_string_value(v));
		else
			rc = buf_printf(&b, "%s: %s", k, json_string_value(v));
		if (rc != WS_OK)
			break;
	}
	return buf_steal(&b);
}

static int
same(json_t *a, json_t *b)
{
	const char *const ck[] = { "name", "title", "email", "phone", "role", NULL };
	const char *const *k;

	if (json_is_array(a) || json_is_array(b))
		return org_same_set(a, b);
	if (json_is_object(a) || json_is_object(b)) {	/* the contact */
		for (k = ck; *k; k++)
			if (!same(json_object_get(a, *k), json_object_get(b, *k)))
				return 0;
		return 1;
	}
	if ((!a || json_is_null(a) || (json_is_string(a) && !json_string_length(a))) &&
	    (!b || json_is_null(b) || (json_is_string(b) && !json_string_length(b))))
		return 1;	/* absent, null and "" all mean nothing */
	return json_equal(a, b);
}

/* {field: [old, new]} for what an import changes, as edits record it. */
static json_t *
diff_of(json_t *old, json_t *new)
{
	static const char *const keys[] = {
		"name", "acronym", "kind", "country", "countries", "website", "founded", "size",
		"description", "themes", "languages", "ecosoc_status", "contact", "status", NULL
	};
	json_t *out = json_object();
	const char *const *k;

	for (k = keys; *k; k++) {
		json_t *a = json_object_get(old, *k), *b = json_object_get(new, *k);

		if (!same(a, b))
			json_object_set_new(out, *k, json_pack("[O?,O?]", a, b));
	}
	return out;
}

/* The fields of diff, "name, website", into a new string. */
static char *
fields_of(json_t *diff)
{
	struct buf b;
	const char *k;
	json_t *v;

	buf_init(&b, 1024);
	json_object_foreach(diff, k, v)
		if ((b.len && buf_adds(&b, ", ")) || buf_adds(&b, k))
			break;
	return buf_steal(&b);
}

static enum ws_err
simple(struct db *d, enum db_stmt s)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc = db_exec(q, NULL);

	db_end(q);
	return rc;
}

static void
bind_user(struct db_q *q, int i, int64_t uid)
{
	if (uid > 0)
		db_bind_int(q, i, uid);
	else
		db_bind_null(q, i);
}

static enum ws_err
write_change(struct imp *x, int64_t id, json_t *diff)
{
	char *text = json_dumps(diff, JSON_COMPACT);
	struct db_q *q = db_start(x->d, ST_ORG_CHANGE_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, now_s());
	bind_user(q, 3, x->o->user_id);
	db_bind_text(q, 4, text);
	rc = db_exec(q, NULL);
	db_end(q);
	free(text);
	return rc;
}

/* Inserts the organization o (contact inside, status given); *id. */
static enum ws_err
write_insert(struct imp *x, struct arena *a, json_t *o, const struct app_keys *k,
    int64_t *id)
{
	const char *status = json_string_value(json_object_get(o, "status"));
	enum ws_err rc;
	json_t *note;

	rc = org_insert_row(a, x->d, o, json_object_get(o, "contact"), status, k,
	    x->o->user_id, id);
	if (rc != WS_OK)
		return rc;
	note = json_pack("{s:[n,s]}", "created", "CSV import");
	rc = write_change(x, *id, note);
	json_decref(note);
	return rc;
}

/* Updates organization id from o; its visibility and social links, which
 * the file does not hold, are kept. */
static enum ws_err
write_update(struct imp *x, struct arena *a, int64_t id, json_t *old, json_t *o,
    const struct app_keys *k, json_t *diff)
{
	char *vis = json_dumps(json_object_get(old, "visibility"), JSON_COMPACT);
	struct db_q *q = db_start(x->d, ST_ORG_UPDATE);
	enum ws_err rc;

	org_bind_fields(a, q, o, json_object_get(o, "contact"));
	db_bind_text(q, 20, vis ? vis : "{}");
	db_bind_text(q, 21, k->norm_name);
	db_bind_text(q, 22, k->norm_acronym);
	db_bind_text(q, 23, k->email_domain);
	db_bind_int(q, 24, now_s());
	{	/* what the search finds follows the kept visibility */
		json_t *seen = json_copy(o);

		json_object_set(seen, "visibility", json_object_get(old, "visibility"));
		search_bind(a, q, 25, seen);
		json_decref(seen);
	}
	db_bind_int(q, 29, id);
	rc = db_exec(q, NULL);
	db_end(q);
	free(vis);
	if (rc == WS_OK)
		rc = org_dupkeys_put_org(x->d, id, k);
	if (rc == WS_OK && json_object_get(diff, "status")) {
		q = db_start(x->d, ST_ORG_SET_STATUS);
		db_bind_text(q, 1, json_string_value(json_object_get(o, "status")));
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK)
		rc = write_change(x, id, diff);
	return rc;
}

/* Commits the open batch and tells the directory's index; on failure the
 * batch's rows become errors (nothing of them was kept). */
static void
batch_end(struct imp *x)
{
	struct import_report *rep = x->rep;
	enum ws_err rc;
	size_t i;

	if (!x->in_tx)
		return;
	x->in_tx = 0;
	rc = x->fail == WS_OK ? db_commit(x->d) : x->fail;
	if (rc != WS_OK) {
		db_rollback(x->d);
		x->fail = rc;
		for (i = x->batch_first; i < rep->nlines; i++) {
			struct import_line *l = &rep->lines[i];

			if (l->outcome != IMP_CREATED && l->outcome != IMP_UPDATED)
				continue;
			rep->counts[l->outcome]--;
			set_outcome(x, l, IMP_ERROR, xstrdup("not written: the database failed "
			    "and this batch was rolled back"));
		}
		return;
	}
	for (i = x->batch_first; i < rep->nlines; i++)
		if (rep->lines[i].outcome == IMP_CREATED || rep->lines[i].outcome == IMP_UPDATED)
			directory_refresh(x->app, x->d, rep->lines[i].id);
}

/* Runs the writes of one row under a savepoint, in the batch's
 * transaction (begun on the first write). */
static enum ws_err
row_write(struct imp *x, struct arena *a, int64_t id, json_t *old, json_t *o,
    const struct app_keys *k, json_t *diff, int64_t *new_id)
{
	enum ws_err rc;

	if (!x->in_tx) {
		if ((rc = db_begin(x->d)) != WS_OK) {
			x->fail = rc;
			return rc;
		}
		x->in_tx = 1;
		x->batch_first = x->rep->nlines - 1;
	}
	if ((rc = simple(x->d, ST_IMPORT_SAVEPOINT)) != WS_OK) {
		x->fail = rc;
		return rc;
	}
	rc = old ? write_update(x, a, id, old, o, k, diff) : write_insert(x, a, o, k, new_id);
	if (rc == WS_OK)
		rc = simple(x->d, ST_IMPORT_RELEASE);
	if (rc != WS_OK && (simple(x->d, ST_IMPORT_ROLLBACK_TO) != WS_OK ||
	    simple(x->d, ST_IMPORT_RELEASE) != WS_OK))
		x->fail = WS_EDB;	/* the transaction is lost: stop */
	return rc;
}

/* The row's cells over the current values of the organization (none for a
 * new one), as the join form's input. */
static json_t *
row_input(struct imp *x, json_t *old)
{
	json_t *in;
	int i;

	if (old) {
		json_t *data = json_pack("{s:O,s:O}", "organization", old, "contact",
		    json_object_get(old, "contact"));

		in = join_values(data);
		json_decref(data);
	} else {
		in = json_object();
	}
	for (i = 0; i < x->ncells && i < x->ncells_header; i++) {
		const struct column *c;
		const char *v;

		if (x->map[i] < 0)
			continue;
		c = &columns[x->map[i]];
		v = unguard(x->cell[i]);
		if (c->kind == C_FIELD)
			json_object_set_new(in, c->name, json_string(v));
		else if (c->kind == C_LIST)
			json_object_set_new(in, c->name, split_list(v));
	}
	json_object_set_new(in, "consent", json_true());
	return in;
}

/* The cell of column name, or NULL when the file has no such column. */
static const char *
cell_of(struct imp *x, const char *name)
{
	int i;

	for (i = 0; i < x->ncells_header; i++)
		if (x->map[i] >= 0 && strcmp(columns[x->map[i]].name, name) == 0)
			return i < x->ncells ? unguard(x->cell[i]) : "";
	return NULL;
}

/* True when the row's unchecked input in says exactly what old holds. */
static int
same_as_stored(json_t *old, json_t *in, const char *status)
{
	json_t *data = join_data(in), *o = json_copy(json_object_get(data, "organization"));
	json_t *founded = json_object_get(o, "founded"), *diff;
	int64_t year;
	int same;

	if (json_is_string(founded))
		json_object_set_new(o, "founded", parse_int(json_string_value(founded), 0, 9999,
		    &year) == WS_OK ? json_integer(year) : json_null());
	json_object_set(o, "contact", json_object_get(data, "contact"));
	json_object_set_new(o, "status", json_string(status));
	diff = diff_of(old, o);
	same = json_object_size(diff) == 0;
	json_decref(diff);
	json_decref(o);
	json_decref(data);
	return same;
}

static void
do_row(struct imp *x)
{
	struct import_line *l = new_line(x);
	struct arena *a = arena_new();
	struct req fake;
	json_t *old = NULL, *in = NULL, *values = NULL, *errors = NULL, *data = NULL;
	json_t *o = NULL, *diff = NULL;
	const char *idcell = cell_of(x, "id"), *st = cell_of(x, "status"), *status;
	struct app_keys k;
	struct dup_keys dk;
	int64_t id = 0;
	enum ws_err rc;
	int i;

	if (x->too_many) {
		set_outcome(x, l, IMP_ERROR, xstrdup("too many cells in this row"));
		goto out;
	}
	for (i = x->ncells_header; i < x->ncells; i++)
		if (*x->cell[i]) {
			char msg[96];

			snprintf(msg, sizeof msg, "this row has %d cells; the header has %d",
			    x->ncells, x->ncells_header);
			set_outcome(x, l, IMP_ERROR, xstrdup(msg));
			goto out;
		}
	if (x->too_long) {
		char msg[96];

		snprintf(msg, sizeof msg, "a cell is too long (%zu bytes; at most %d)",
		    x->too_long, IMPORT_MAX_CELL);
		set_outcome(x, l, IMP_ERROR, xstrdup(msg));
		goto out;
	}
	if (idcell && *idcell) {
		char msg[120];

		if (parse_int(idcell, 1, INT64_MAX, &id) != WS_OK) {
			snprintf(msg, sizeof msg, "id \"%.40s\" is not an organization's number",
			    idcell);
			set_outcome(x, l, IMP_ERROR, xstrdup(msg));
			goto out;
		}
		if ((rc = org_load(x->d, id, &old)) != WS_OK) {
			snprintf(msg, sizeof msg, rc == WS_ENOTFOUND ? "no organization has id %lld" :
			    "organization %lld cannot be read", (long long)id);
			set_outcome(x, l, IMP_ERROR, xstrdup(msg));
			goto out;
		}
	}
	status = st && *st ? st : old ? json_string_value(json_object_get(old, "status")) :
	    "approved";
	for (i = 0; statuses[i]; i++)
		if (strcmp(statuses[i], status) == 0)
			break;
	if (!statuses[i]) {
		char msg[160];

		snprintf(msg, sizeof msg, "status \"%.40s\": choose pending, approved, rejected "
		    "or suspended", status);
		set_outcome(x, l, IMP_ERROR, xstrdup(msg));
		goto out;
	}
	/* The join form's checks, as the API sees them (English messages). */
	in = row_input(x, old);
	memset(&fake, 0, sizeof fake);
	fake.a = a;
	fake.app = x->app;
	fake.api = 1;
	fake.in = in;
	/* An organization stored before keeps a retired theme it has. */
	if (form_check(&fake, old ? join_fields_edit() : join_fields, join_nfields, &values,
	    &errors) != WS_OK || (old && join_themes_kept(&fake, values,
	    json_object_get(old, "themes"), errors ? errors : (errors = json_object())) !=
	    WS_OK)) {
		if (old && same_as_stored(old, in, statuses[i])) {
			/* Stored before a rule tightened (a theme staff retired):
			 * the file changes nothing, so there is nothing to refuse. */
			l->id = id;
			set_outcome(x, l, IMP_UNCHANGED, NULL);
		} else {
			set_outcome(x, l, IMP_ERROR, errors_text(errors, in));
		}
		goto out;
	}
	data = join_data(values);
	o = json_copy(json_object_get(data, "organization"));
	json_object_set(o, "contact", json_object_get(data, "contact"));
	json_object_set_new(o, "status", json_string(statuses[i]));
	if (old)	/* what the file does not hold */
		json_object_set(o, "social", json_object_get(old, "social"));
	app_keys_of(a, data, &k);
	if (old) {
		diff = diff_of(old, o);
		if (json_object_size(diff) == 0) {
			l->id = id;
			set_outcome(x, l, IMP_UNCHANGED, NULL);
			goto out;
		}
	} else {
		struct dupkey *hit = NULL;
		int n;

		org_dupkeys_of(a, &k, &dk);
		for (n = 0; n < DUP__MAX && !hit; n++)
			if (*dk.key[n])
				hit = dup_find(&x->dups, dk.key[n]);
		if (hit) {
			l->id = hit->id;
			l->dup_line = hit->line;
			set_outcome(x, l, IMP_DUPLICATE, xstrdup(org_dupkeys_why(n - 1)));
			goto out;
		}
	}
	if (!x->o->dry_run) {
		int64_t new_id = id;

		rc = row_write(x, a, id, old, o, &k, diff, &new_id);
		if (rc != WS_OK) {
			char msg[120];

			snprintf(msg, sizeof msg, "the database refused this row (%s)",
			    ws_strerror(rc));
			set_outcome(x, l, IMP_ERROR, xstrdup(msg));
			goto out;
		}
		id = new_id;
	}
	l->id = id;
	if (old)
		set_outcome(x, l, IMP_UPDATED, fields_of(diff));
	else
		set_outcome(x, l, IMP_CREATED, NULL);
	if (strcmp(statuses[i], "rejected") != 0) {
		int n;	/* later rows of the file are compared with this one too */

		org_dupkeys_of(a, &k, &dk);
		for (n = 0; n < DUP__MAX; n++)
			if (*dk.key[n])
				dup_add(&x->dups, dk.key[n], id, l->line);
	}
out:
	json_decref(old);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	json_decref(data);
	json_decref(o);
	json_decref(diff);
	arena_free(a);
}

/* ---- reading the file ------------------------------------------------------ */

static int
refuse(struct imp *x, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof msg, fmt, arg);
	free(x->rep->refused);
	x->rep->refused = xstrdup(msg);
	return -1;
}

/* Maps the header's cells to columns; -1 (and rep->refused) when it names
 * an unknown column twice or neither id nor name. */
static int
read_header(struct imp *x)
{
	int i, j, has_key = 0;

	x->ncells_header = x->ncells;
	if (x->too_many)
		return refuse(x, "The header has more than %s columns.", "64");
	for (i = 0; i < x->ncells; i++) {
		char *h = x->cell[i];

		ascii_lower(h);
		x->map[i] = -1;
		if (!*h)
			continue;	/* an unnamed, empty column: ignored */
		for (j = 0; j < (int)NCOLUMNS; j++)
			if (strcmp(columns[j].name, h) == 0)
				break;
		if (j == (int)NCOLUMNS)
			return refuse(x, "Unknown column \"%.60s\" in the header. The columns are "
			    "those of the export: id, name, acronym, kind, country, countries, "
			    "website, founded, size, description, themes, languages, ecosoc_status, "
			    "status, contact_name, contact_title, contact_email, contact_phone, "
			    "contact_role (created_at and updated_at are ignored).", h);
		for (int k = 0; k < i; k++)
			if (x->map[k] == j)
				return refuse(x, "The column \"%s\" appears twice in the header.", h);
		x->map[i] = columns[j].kind == C_READONLY ? -1 : j;
		if (columns[j].kind == C_ID || strcmp(columns[j].name, "name") == 0)
			has_key = 1;
	}
	if (!has_key)
		return refuse(x, "The header must name the column %s (to update) or name "
		    "(to create).", "id");
	x->header_done = 1;
	return 0;
}

static void
end_record(struct imp *x)
{
	int i, empty = 1;

	for (i = 0; i < x->ncells; i++)
		if (*x->cell[i])
			empty = 0;
	if (!x->header_done) {
		if (!empty && read_header(x) != 0)
			x->stop = 1;
	} else if (!empty && !x->stop && x->fail == WS_OK) {
		if (x->rows++ >= IMPORT_MAX_ROWS) {
			struct import_line *l = new_line(x);
			char msg[120];

			snprintf(msg, sizeof msg, "the file has more than %d rows: this one and "
			    "the rest were not read", IMPORT_MAX_ROWS);
			set_outcome(x, l, IMP_ERROR, xstrdup(msg));
			x->stop = 1;
		} else {
			do_row(x);
			if (x->in_tx && ++x->batch_rows >= IMPORT_BATCH) {
				batch_end(x);
				x->batch_rows = 0;
			}
			if (x->o->progress && !x->in_tx && x->rows - x->told >= 200) {
				x->told = x->rows;	/* between transactions */
				x->o->progress(x->o->arg, (size_t)x->cur_line,
				    x->rep->total_lines);
			}
		}
	}
	for (i = 0; i < x->ncells; i++)
		free(x->cell[i]);
	x->ncells = 0;
	x->too_many = 0;
	x->too_long = 0;
}

static void
on_cell(void *s, size_t len, void *arg)
{
	struct imp *x = arg;

	if (x->ncells >= IMPORT_MAX_CELLS) {
		x->too_many = 1;
		return;
	}
	if (len > IMPORT_MAX_CELL) {
		if (len > x->too_long)
			x->too_long = len;
		len = 0;
	}
	x->cell[x->ncells++] = xstrndup(s ? s : "", s ? len : 0);
}

static void
on_record(int c, void *arg)
{
	(void)c;
	end_record(arg);
}

enum ws_err
import_orgs(struct app *app, struct db *d, const char *data, size_t len,
    const struct import_opts *o, struct import_report *rep)
{
	struct imp x;
	struct csv_parser p;
	const char *s = data, *end = data + len, *p0;
	enum ws_err rc = WS_OK;
	int bad;
	size_t i;

	memset(rep, 0, sizeof *rep);
	memset(&x, 0, sizeof x);
	rep->dry_run = o->dry_run;
	x.app = app;
	x.d = d;
	x.o = o;
	orgs_ref_catch_up(d);	/* themes another node changed */
	x.rep = rep;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	if (len > IMPORT_MAX_BYTES) {
		refuse(&x, "The file is larger than %s MB.", "256");
		return WS_EINVAL;
	}
	if (s == end) {
		refuse(&x, "The file is empty.%s", "");
		return WS_EINVAL;
	}
	if ((bad = csvr_bad_text_line(s, end)) != 0) {
		char n[16];

		snprintf(n, sizeof n, "%d", bad);
		refuse(&x, "This is not a UTF-8 text file (line %s holds bytes that are not "
		    "UTF-8 text). Save it as \"CSV UTF-8\" and try again.", n);
		return WS_EINVAL;
	}
	for (p0 = s; p0 < end; p0 = csvr_line_end(p0, end))
		rep->total_lines++;
	if ((rc = dup_load(d, &x.dups)) != WS_OK) {
		dup_free(&x.dups);
		refuse(&x, "The organizations cannot be read (%s).", ws_strerror(rc));
		return rc;
	}
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		dup_free(&x.dups);
		return WS_EDB;
	}
	csv_set_delim(&p, csvr_sniff_delim(s, end));
	/* One physical line at a time, so each row knows where it starts. */
	for (x.cur_line = 1; s < end && !x.stop && x.fail == WS_OK; x.cur_line++) {
		size_t n = (size_t)(csvr_line_end(s, end) - s);

		if (p.pstate == 0 && x.ncells == 0)
			x.rec_line = x.cur_line;
		if (csv_parse(&p, s, n, on_cell, on_record, &x) != n) {
			refuse(&x, "The file cannot be read as CSV (%s).", csv_strerror(csv_error(&p)));
			break;
		}
		s += n;
	}
	x.cur_line--;
	if (!x.stop && x.fail == WS_OK) {
		if (p.quoted && p.pstate != 0) {
			struct import_line *l;

			for (i = 0; i < (size_t)x.ncells; i++)
				free(x.cell[i]);
			x.ncells = 0;
			csv_free(&p);
			csv_init(&p, CSV_APPEND_NULL);
			if (x.header_done) {
				l = new_line(&x);
				set_outcome(&x, l, IMP_ERROR, xstrdup("a quoted cell starting on "
				    "this line is never closed"));
			}
		}
		csv_fini(&p, on_cell, on_record, &x);
	}
	csv_free(&p);
	for (i = 0; i < (size_t)x.ncells; i++)
		free(x.cell[i]);
	batch_end(&x);
	dup_free(&x.dups);
	if (!x.header_done && !rep->refused)
		refuse(&x, "The file has no header line.%s", "");
	if (o->progress)
		o->progress(o->arg, rep->total_lines, rep->total_lines);
	if (!o->dry_run) {	/* every import, even one that changed nothing */
		char detail[400];

		if (rep->refused && !rep->nlines)
			snprintf(detail, sizeof detail, "%.100s: refused: %.250s", o->source ?
			    o->source : "CSV", rep->refused);
		else
			snprintf(detail, sizeof detail, "%.100s: %zu created, %zu updated, "
			    "%zu unchanged, %zu duplicates, %zu errors", o->source ? o->source :
			    "CSV", rep->counts[IMP_CREATED], rep->counts[IMP_UPDATED],
			    rep->counts[IMP_UNCHANGED], rep->counts[IMP_DUPLICATE],
			    rep->counts[IMP_ERROR]);
		app_audit(app, d, o->user_id, "organizations.imported", o->ip ? o->ip : "",
		    detail);
	}
	if (rep->refused && !rep->nlines)
		return x.fail ? x.fail : WS_EINVAL;
	return x.fail;
}

void
import_report_free(struct import_report *rep)
{
	size_t i;

	for (i = 0; i < rep->nlines; i++)
		free(rep->lines[i].msg);
	free(rep->lines);
	free(rep->refused);
	memset(rep, 0, sizeof *rep);
}

/* ---- reports --------------------------------------------------------------- */

void
import_line_text(const struct import_line *l, char *out, size_t len)
{
	char where[48];

	if (l->last > l->line)
		snprintf(where, sizeof where, "lines %d-%d", l->line, l->last);
	else
		snprintf(where, sizeof where, "line %d", l->line);
	switch (l->outcome) {
	case IMP_CREATED:
	case IMP_UNCHANGED:
		if (l->id)
			snprintf(out, len, "%s: %s %lld", where, outcome_names[l->outcome],
			    (long long)l->id);
		else	/* a dry run */
			snprintf(out, len, "%s: %s", where, outcome_names[l->outcome]);
		break;
	case IMP_UPDATED:
		snprintf(out, len, "%s: updated %lld (%s)", where, (long long)l->id,
		    l->msg ? l->msg : "");
		break;
	case IMP_DUPLICATE:
		if (l->dup_line && l->id)
			snprintf(out, len, "%s: duplicate of %lld (line %d): %s", where,
			    (long long)l->id, l->dup_line, l->msg);
		else if (l->dup_line)
			snprintf(out, len, "%s: duplicate of line %d: %s", where, l->dup_line,
			    l->msg);
		else
			snprintf(out, len, "%s: duplicate of %lld: %s", where, (long long)l->id,
			    l->msg);
		break;
	default:
		snprintf(out, len, "%s: error: %s", where, l->msg ? l->msg : "");
		break;
	}
}

static json_t *
line_json(const struct import_line *l)
{
	char text[1200];
	json_t *v = json_pack("{s:i,s:s}", "line", l->line, "outcome",
	    outcome_names[l->outcome]);

	if (l->last > l->line)
		json_object_set_new(v, "last_line", json_integer(l->last));
	if (l->id)
		json_object_set_new(v, "id", json_integer(l->id));
	if (l->dup_line)
		json_object_set_new(v, "duplicate_of_line", json_integer(l->dup_line));
	if (l->msg)
		json_object_set_new(v, l->outcome == IMP_UPDATED ? "fields" : l->outcome ==
		    IMP_DUPLICATE ? "why" : "reason", json_string(l->msg));
	import_line_text(l, text, sizeof text);
	json_object_set_new(v, "text", json_string(text));
	json_object_set_new(v, "is_error", json_boolean(l->outcome == IMP_ERROR));
	return v;
}

json_t *
import_report_json(const struct import_report *rep, size_t max_lines)
{
	json_t *v = json_object(), *counts = json_object(), *lines = json_array();
	size_t i, shown = 0;
	int pass;

	for (i = 0; i < IMP__MAX; i++)
		json_object_set_new(counts, outcome_names[i], json_integer((json_int_t)
		    rep->counts[i]));
	/* Errors first, then duplicates, then the rest, each in file order. */
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < rep->nlines && shown < max_lines; i++) {
			enum import_outcome o = rep->lines[i].outcome;

			if ((o == IMP_ERROR ? 0 : o == IMP_DUPLICATE ? 1 : 2) != pass)
				continue;
			json_array_append_new(lines, line_json(&rep->lines[i]));
			shown++;
		}
	json_object_set_new(v, "dry_run", json_boolean(rep->dry_run));
	json_object_set_new(v, "counts", counts);
	json_object_set_new(v, "lines", lines);
	if (rep->nlines > shown)
		json_object_set_new(v, "more", json_integer((json_int_t)(rep->nlines - shown)));
	json_object_set_new(v, "total_lines", json_integer((json_int_t)rep->total_lines));
	if (rep->refused)
		json_object_set_new(v, "refused", json_string(rep->refused));
	return v;
}
