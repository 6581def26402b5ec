/*
 * fuzz_extract.c -- the XML-to-text stripper and the UTF-8 cleaner
 * (src/extract/text.c): the part of document extraction that runs in the
 * server's process, on the XML that unzip takes out of an uploaded office
 * file.
 *
 * The first byte chooses how the rest is cut into pieces, and the profile
 * it is read with (a body, a worksheet, an ODF styles.xml).  On top of "no
 * crash, no leak", the harness checks what extraction relies on: the text
 * is the same whether the XML arrives whole or in pieces; the output buffer
 * never passes its ceiling; and the cleaned text, whether it comes from the
 * stripper or straight from the input bytes, is valid UTF-8 without NUL or
 * controls other than tab and newline, within its own ceiling.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "extract/extract_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TEXT_MAX 4096
#define CLEAN_MAX 1024

static int
strip(const char *p, size_t n, size_t piece, enum xml_profile profile, struct buf *out)
{
	struct xml_text x;

	xml_text_init(&x, out);
	xml_text_profile(&x, profile);
	for (size_t i = 0; i < n; i += piece)
		if (xml_text_feed(&x, p + i, n - i < piece ? n - i : piece) != WS_OK)
			return 1;
	return 0;
}

static void
check_clean(const char *p, size_t n, int truncated)
{
	struct buf b;
	int cut = 0;

	buf_init(&b, CLEAN_MAX);
	text_clean(p, n, truncated, &b, &cut);
	if (b.len > CLEAN_MAX || !utf8_valid_text(buf_str(&b), b.len, 1) ||
	    memchr(buf_str(&b), '\r', b.len) || strlen(buf_str(&b)) != b.len)
		abort();
	(void)text_blank(buf_str(&b), b.len);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf whole, pieces;
	const char *p = (const char *)data + 1;
	enum xml_profile profile;
	size_t n, piece;
	int full1, full2;

	if (size < 1)
		return 0;
	n = size - 1;
	piece = 1 + data[0] % 17;
	profile = (enum xml_profile)(data[0] / 17 % 3);
	buf_init(&whole, TEXT_MAX);
	buf_init(&pieces, TEXT_MAX);
	full1 = strip(p, n, n ? n : 1, profile, &whole);
	full2 = strip(p, n, piece, profile, &pieces);
	if (full1 != full2 || whole.len != pieces.len || whole.len > TEXT_MAX ||
	    memcmp(buf_str(&whole), buf_str(&pieces), whole.len) != 0)
		abort();
	check_clean(buf_str(&whole), whole.len, full1);
	check_clean(p, n, 0);
	buf_free(&whole);
	buf_free(&pieces);
	return 0;
}
