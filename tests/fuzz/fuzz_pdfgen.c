/*
 * fuzz_pdfgen.c -- the PDF writer (src/extract/pdfgen.c) on any text: the
 * first line is the title, each other line a paragraph.
 *
 * On top of "no crash, no leak", the harness checks what readers rely on:
 * the answer is WS_OK, WS_EINVAL or WS_ETOOBIG; a refused input leaves the
 * output as it was; and a PDF made is whole: its header, every xref entry
 * pointing at its object, startxref at the xref, and the end marker.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "extract/pdfgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARAS 64

static void
check_pdf(const struct buf *b)
{
	const char *s, *x;
	long at, nobj;

	if (b->len < 40 || memcmp(b->data, "%PDF-1.4\n", 9) != 0 ||
	    memcmp(b->data + b->len - 6, "%%EOF\n", 6) != 0)
		abort();
	if (!(s = strstr(b->data, "startxref\n")))
		abort();
	at = strtol(s + 10, NULL, 10);
	if (at <= 0 || (size_t)at >= b->len || memcmp(b->data + at, "xref\n0 ", 7) != 0)
		abort();
	nobj = strtol(b->data + at + 7, (char **)&x, 10);
	x = strchr(x, '\n') + 1 + 20;
	for (long i = 1; i < nobj; i++, x += 20) {
		char head[32];
		long off = strtol(x, NULL, 10);

		snprintf(head, sizeof head, "%ld 0 obj\n", i);
		if (off <= 0 || (size_t)off >= b->len ||
		    strncmp(b->data + off, head, strlen(head)) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1), *line, *title;
	const char *paras[MAX_PARAS];
	size_t n = 0;
	struct buf b;
	enum ws_err rc;

	memcpy(text, data, size);
	text[size] = '\0';
	title = text;
	line = strchr(text, '\n');
	if (line)
		*line++ = '\0';
	while (line && n < MAX_PARAS) {
		char *next = strchr(line, '\n');

		if (next)
			*next++ = '\0';
		paras[n++] = line;
		line = next;
	}
	buf_init(&b, 1u << 20);
	rc = pdfgen_text(&b, title, paras, n);
	if (rc == WS_OK)
		check_pdf(&b);
	else if (rc != WS_EINVAL && rc != WS_ETOOBIG)
		abort();
	else if (b.len != 0)
		abort();
	buf_free(&b);
	free(text);
	return 0;
}
