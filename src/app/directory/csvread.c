/*
 * csvread.c -- the directory's way of reading CSV (csvread.h), over libcsv.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/directory/csvread.h"
#include "core/mem.h"
#include "core/util.h"

unsigned char
csvr_sniff_delim(const char *p, const char *end)
{
	int quoted = 0;
	size_t commas = 0, semis = 0;

	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

const char *
csvr_line_end(const char *p, const char *end)
{
	for (; p < end; p++) {
		if (*p == '\n')
			return p + 1;
		if (*p == '\r')
			return p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
	}
	return end;
}

int
csvr_bad_text_line(const char *p, const char *end)
{
	int line;

	for (line = 1; p < end; line++) {
		const char *next = csvr_line_end(p, end);

		if (!utf8_valid_text(p, (size_t)(next - p), 1))
			return line;
		p = next;
	}
	return 0;
}

struct rd {
	csvr_row_fn fn;
	void *arg;
	char *cell[CSVR_MAX_CELLS];
	int n;
	int line;		/* where the record being read starts */
	int stop;
};

static void
on_cell(void *s, size_t len, void *arg)
{
	struct rd *x = arg;

	if (x->n >= CSVR_MAX_CELLS)
		return;
	if (len > CSVR_MAX_CELL)
		len = 0;
	x->cell[x->n++] = xstrndup(s ? s : "", s ? len : 0);
}

static void
on_record(int c, void *arg)
{
	struct rd *x = arg;
	int i, empty = 1;

	(void)c;
	for (i = 0; i < x->n; i++)
		if (*x->cell[i])
			empty = 0;
	if (!empty && !x->stop && x->fn(x->arg, x->cell, x->n, x->line) != 0)
		x->stop = 1;
	for (i = 0; i < x->n; i++)
		free(x->cell[i]);
	x->n = 0;
}

enum ws_err
csvr_read(const char *data, size_t len, csvr_row_fn fn, void *arg, char *why, size_t whylen)
{
	const char *s = data, *end = data + len;
	struct csv_parser p;
	struct rd x;
	enum ws_err rc = WS_OK;
	int bad, cur;

	memset(&x, 0, sizeof x);
	x.fn = fn;
	x.arg = arg;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	if (s == end) {
		snprintf(why, whylen, "The file is empty.");
		return WS_EINVAL;
	}
	if ((bad = csvr_bad_text_line(s, end)) != 0) {
		snprintf(why, whylen, "This is not a UTF-8 text file (line %d holds bytes that "
		    "are not UTF-8 text). Save it as \"CSV UTF-8\" and try again.", bad);
		return WS_EINVAL;
	}
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return WS_EDB;
	csv_set_delim(&p, csvr_sniff_delim(s, end));
	for (cur = 1; s < end && !x.stop; cur++) {
		size_t n = (size_t)(csvr_line_end(s, end) - s);

		if (p.pstate == 0 && x.n == 0)
			x.line = cur;
		if (csv_parse(&p, s, n, on_cell, on_record, &x) != n) {
			snprintf(why, whylen, "The file cannot be read as CSV (%s).",
			    csv_strerror(csv_error(&p)));
			rc = WS_EINVAL;
			break;
		}
		s += n;
	}
	if (rc == WS_OK && !x.stop) {
		if (p.quoted && p.pstate != 0) {
			snprintf(why, whylen, "Line %d: a quoted cell starting on this line is "
			    "never closed.", x.line);
			rc = WS_EINVAL;
		} else {
			csv_fini(&p, on_cell, on_record, &x);
		}
	}
	csv_free(&p);
	for (bad = 0; bad < x.n; bad++)
		free(x.cell[bad]);
	return rc;
}
