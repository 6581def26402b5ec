/*
 * text.c -- from converter output to the text handed out (extract_int.h):
 * the streaming XML-to-text stripper for office documents, and the cleaner
 * that makes any bytes valid UTF-8 without NUL or stray control characters,
 * cut at a character boundary.
 *
 * Both run in the server's process on bytes a stranger chose, so they are
 * plain state machines over bytes with fixed-size state, no recursion and
 * no allocation but the output buffer, whose ceiling bounds them
 * (tests/fuzz/fuzz_extract.c).
 */
#include <string.h>

#include "core/util.h"
#include "extract/extract_int.h"

enum {
	S_TEXT,		/* character data */
	S_LT,		/* after '<' */
	S_NAME,		/* the tag's name */
	S_TAG,		/* the rest of a tag: attributes */
	S_BANG,		/* after "<!": a comment, CDATA or a declaration? */
	S_COMMENT,	/* <!-- ... --> */
	S_CDATA,	/* <![CDATA[ ... ]]> */
	S_DECL,		/* <!DOCTYPE ... > and its internal subset */
	S_PI,		/* <? ... ?> */
	S_ENT,		/* after '&' */
};

/* The local names (after any prefix) that shape the text; the same names
 * serve WordprocessingML (w:), DrawingML (a:), SpreadsheetML and ODF
 * (text:, table:). */
static const char *const line_ends[] = { "p", "h", "si", "tr", "table-row" };
static const char *const cell_ends[] = { "tc", "table-cell" };
static const char *const tabs[] = { "tab" };
static const char *const spaces[] = { "s" };
static const char *const breaks[] = { "br", "cr", "line-break" };
/* Elements whose text is not the document's: field codes, deleted text,
 * phonetic guides, the number an ODF footnote is called by. */
static const char *const skipped[] = { "instrText", "delText", "rPh", "note-citation" };
/* Elements inside a paragraph whose text is not the paragraph's: an ODF
 * footnote's body and an annotation start on a line of their own. */
static const char *const line_starts[] = { "note-body", "annotation" };
/* XML_SHEET: a cell's value and formula are not words (a string cell's
 * value is an index into the shared strings, read on their own). */
static const char *const sheet_skipped[] = { "v", "f" };
/* XML_ODF_STYLES: the page headers and footers, the only text of styles.xml
 * that a reader sees. */
static const char *const odf_margins[] = {
	"header", "footer", "header-left", "footer-left", "header-first", "footer-first",
};
/* Inside an ODF annotation (office:annotation): who wrote it and when. */
static const char *const note_meta[] = { "creator", "date" };

#define IN(list, name) in_list(list, sizeof list / sizeof list[0], name)

static int
in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

void
xml_text_init(struct xml_text *x, struct buf *out)
{
	memset(x, 0, sizeof *x);
	x->out = out;
	x->state = S_TEXT;
}

void
xml_text_profile(struct xml_text *x, enum xml_profile p)
{
	x->state = S_TEXT;
	x->skip = x->note = 0;
	x->after_pi = 0;
	x->profile = p;
	x->outside = p == XML_ODF_STYLES;
	if (x->out->len > 0)
		x->pending = '\n';
}

/* Text: the separator pending before it goes first. */
static enum ws_err
emit(struct xml_text *x, const char *p, size_t n)
{
	enum ws_err rc;

	if (x->skip || x->outside)
		return WS_OK;
	if (x->pending) {
		if ((rc = buf_addc(x->out, x->pending)) != WS_OK)
			return rc;
		x->pending = 0;
	}
	return buf_add(x->out, p, n);
}

/* A separator is written only between texts, and the last one wins: the
 * paragraph inside a cell ends with the cell's tab, the last cell of a row
 * with the row's newline, and empty paragraphs leave one newline. */
static enum ws_err
separate(struct xml_text *x, char c)
{
	if (x->out->len > 0)
		x->pending = c;
	return WS_OK;
}

/* A tag has ended: its name (when it fit in name[]) decides the text. */
static enum ws_err
tag_end(struct xml_text *x)
{
	int self_closing = x->prev == '/', fits = x->nlen < sizeof x->name;
	const char *name = x->name;

	x->state = S_TEXT;
	if (!fits)
		return WS_OK;
	x->name[x->nlen] = '\0';
	if (strcmp(name, "annotation") == 0 && !self_closing)
		x->note = !x->end_tag;
	if (x->profile == XML_ODF_STYLES && IN(odf_margins, name) && !self_closing)
		x->outside = x->end_tag;
	if (IN(skipped, name) || (x->note && IN(note_meta, name)) ||
	    (x->profile == XML_SHEET && IN(sheet_skipped, name))) {
		if (x->end_tag)
			x->skip = 0;
		else if (!self_closing)
			x->skip = 1;
		return WS_OK;
	}
	if (x->end_tag || self_closing) {
		if (IN(line_ends, name) ||
		    (x->profile == XML_SHEET && strcmp(name, "row") == 0))
			return separate(x, '\n');
		if (IN(cell_ends, name) || (x->profile == XML_SHEET && strcmp(name, "c") == 0))
			return separate(x, '\t');
	}
	if (!x->end_tag) {
		if (IN(line_starts, name) && !self_closing)
			return separate(x, '\n');
		if (IN(tabs, name))
			return emit(x, "\t", 1);
		if (IN(spaces, name))
			return emit(x, " ", 1);
		if (IN(breaks, name))
			return emit(x, "\n", 1);
	}
	return WS_OK;
}

/* Writes code point cp as UTF-8 into out (4 bytes); returns the length.
 * What XML cannot hold (NUL, surrogates, past U+10FFFF) becomes U+FFFD. */
static size_t
utf8_put(unsigned long cp, char *out)
{
	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		cp = 0xfffd;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The entity in ent[0..elen) has ended with ';'.  Unknown names are dropped. */
static enum ws_err
entity_end(struct xml_text *x)
{
	static const struct { const char *name, *text; } named[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
		{ "apos", "'" },
	};
	char u[4];

	x->state = S_TEXT;
	x->ent[x->elen] = '\0';
	if (x->ent[0] == '#') {
		int hex = x->ent[1] == 'x' || x->ent[1] == 'X';
		const char *d = x->ent + 1 + hex;
		unsigned long cp = 0;

		if (*d == '\0')
			return WS_OK;
		for (; *d; d++) {
			int v;

			if (*d >= '0' && *d <= '9')
				v = *d - '0';
			else if (hex && *d >= 'a' && *d <= 'f')
				v = *d - 'a' + 10;
			else if (hex && *d >= 'A' && *d <= 'F')
				v = *d - 'A' + 10;
			else
				return WS_OK;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			if (cp > 0x10ffff)
				cp = 0x110000;	/* stays invalid, never overflows */
		}
		return emit(x, u, utf8_put(cp, u));
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(named[i].name, x->ent) == 0)
			return emit(x, named[i].text, 1);
	return WS_OK;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static enum ws_err
step(struct xml_text *x, char c)
{
	static const char cdata[] = "[CDATA[";
	enum ws_err rc = WS_OK;

again:
	switch (x->state) {
	case S_TEXT:
		/* The line break after an XML declaration is not text. */
		if (x->after_pi && is_space(c))
			break;
		x->after_pi = 0;
		if (c == '<')
			x->state = S_LT;
		else if (c == '&') {
			x->state = S_ENT;
			x->elen = 0;
		} else if ((unsigned char)c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
			rc = emit(x, &c, 1);	/* XML has no other controls */
		}
		break;
	case S_LT:
		x->end_tag = 0;
		x->nlen = 0;
		x->quote = 0;
		x->prev = 0;
		x->mlen = 0;
		if (c == '/') {
			x->end_tag = 1;
			x->state = S_NAME;
		} else if (c == '!') {
			x->state = S_BANG;
		} else if (c == '?') {
			x->state = S_PI;
		} else {
			x->state = S_NAME;
			goto again;
		}
		break;
	case S_NAME:
		if (is_space(c) || c == '/' || c == '>') {
			x->state = S_TAG;
			goto again;
		}
		if (c == ':')
			x->nlen = 0;		/* the local name follows the prefix */
		else if (x->nlen < sizeof x->name)
			x->name[x->nlen++] = c;	/* nlen == size: too long, no match */
		break;
	case S_TAG:
		if (x->quote) {
			if (c == x->quote)
				x->quote = 0;
		} else if (c == '"' || c == '\'') {
			x->quote = c;
		} else if (c == '>') {
			rc = tag_end(x);
			break;
		}
		if (!is_space(c))
			x->prev = c;
		break;
	case S_BANG:
		/* quote holds what "<!" may open: '-' a comment, '[' CDATA. */
		if (x->mlen == 0 && (c == '-' || c == '[')) {
			x->quote = c;
			x->mlen = 1;
		} else if (x->quote == '-' && x->mlen == 1 && c == '-') {
			x->state = S_COMMENT;
			x->mlen = 0;
		} else if (x->quote == '[' && c == cdata[x->mlen]) {
			if (++x->mlen == sizeof cdata - 1) {
				x->state = S_CDATA;
				x->mlen = 0;
			}
		} else {
			x->mlen = x->quote == '[';	/* the '[' opened a subset */
			x->state = S_DECL;
			goto again;
		}
		break;
	case S_COMMENT:
		if (c == '>' && x->mlen >= 2)
			x->state = S_TEXT;
		else if (c == '-')
			x->mlen++;
		else
			x->mlen = 0;
		break;
	case S_CDATA:
		if (c == ']') {
			x->mlen++;
		} else if (c == '>' && x->mlen >= 2) {
			for (; x->mlen > 2 && rc == WS_OK; x->mlen--)
				rc = emit(x, "]", 1);
			x->mlen = 0;
			x->state = S_TEXT;
		} else {
			for (; x->mlen > 0 && rc == WS_OK; x->mlen--)
				rc = emit(x, "]", 1);
			if (rc == WS_OK)
				rc = emit(x, &c, 1);
		}
		break;
	case S_DECL:
		/* mlen counts the brackets of an internal subset. */
		if (c == '[')
			x->mlen++;
		else if (c == ']' && x->mlen > 0)
			x->mlen--;
		else if (c == '>' && x->mlen == 0)
			x->state = S_TEXT;
		break;
	case S_PI:
		if (c == '>' && x->prev == '?') {
			x->state = S_TEXT;
			x->after_pi = 1;
		}
		x->prev = c;
		break;
	case S_ENT:
		if (c == ';') {
			rc = entity_end(x);
		} else if (x->elen < sizeof x->ent - 1 &&
		    ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '#')) {
			x->ent[x->elen++] = c;
		} else {
			x->state = S_TEXT;	/* not an entity: dropped */
			goto again;
		}
		break;
	}
	return rc;
}

enum ws_err
xml_text_feed(struct xml_text *x, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		enum ws_err rc = step(x, p[i]);

		if (rc)
			return rc;
	}
	return WS_OK;
}

/* The length of the valid UTF-8 sequence at p[0..n), 0 when invalid, or
 * -1 when p ends inside what would be a valid sequence. */
static int
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0], cp, len;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
	else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
	else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
	else return 0;
	for (unsigned k = 1; k < len; k++) {
		if (k >= n)
			return -1;
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3f);
		/* Overlong and out-of-range forms show in the first two bytes. */
		if (k == 1 && ((len == 3 && c == 0xe0 && p[1] < 0xa0) ||
		    (len == 3 && c == 0xed && p[1] >= 0xa0) ||
		    (len == 4 && c == 0xf0 && p[1] < 0x90) ||
		    (len == 4 && c == 0xf4 && p[1] >= 0x90)))
			return 0;
	}
	return (int)len;
}

/* The code point of the valid sequence p[0..len). */
static unsigned long
utf8_cp(const unsigned char *p, size_t len)
{
	unsigned long cp = len == 1 ? p[0] : p[0] & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);

	for (size_t k = 1; k < len; k++)
		cp = (cp << 6) | (p[k] & 0x3f);
	return cp;
}

/* The end of the run of bidi marks that starts at p[i], and the first
 * character after it in *next (0: the end, or invalid UTF-8).  A run is
 * read once, however long. */
static size_t
skip_marks(const unsigned char *p, size_t n, size_t i, unsigned long *next)
{
	*next = 0;
	while (i < n) {
		int len = utf8_seq(p + i, n - i);
		unsigned long cp;

		if (len <= 0)
			break;
		cp = utf8_cp(p + i, (size_t)len);
		if (!unicode_bidi_mark(cp)) {
			*next = cp;
			break;
		}
		i += (size_t)len;
	}
	return i;
}

void
text_clean(const char *in, size_t n, int truncated, struct buf *out, int *cut)
{
	const unsigned char *p = (const unsigned char *)in;
	unsigned long prev = 0;	/* the last character written, 0 before any */
	size_t i = 0;

	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < n) {
		int len = utf8_seq(p + i, n - i);
		enum ws_err rc = WS_OK;
		unsigned c = p[i];

		if (len == 1) {
			if (c == '\r' || c == '\f') {
				rc = buf_addc(out, '\n');
				if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
					i++;
			} else if (c == '\t' || c == '\n' || (c >= 0x20 && c != 0x7f)) {
				rc = buf_addc(out, (char)c);
			}
			prev = c;
			i++;
		} else if (len > 1) {
			unsigned long cp = utf8_cp(p + i, (size_t)len), next;

			if (unicode_bidi_mark(cp)) {
				i = skip_marks(p, n, i, &next);
				if (unicode_bidi_splits(prev, next)) {
					rc = buf_addc(out, ' ');
					prev = ' ';
				}
			} else {
				rc = buf_add(out, p + i, (size_t)len);
				prev = cp;
				i += (size_t)len;
			}
		} else if (len < 0 && truncated) {
			*cut = 1;	/* a character cut by an earlier limit */
			return;
		} else {
			rc = buf_add(out, "\xef\xbf\xbd", 3);
			prev = 0xfffd;
			i++;
		}
		if (rc) {
			*cut = 1;
			return;
		}
	}
}

int
text_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space(s[i]))
			return 0;
	return 1;
}
