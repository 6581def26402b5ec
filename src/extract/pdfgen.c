/*
 * pdfgen.c -- a small PDF writer for text (pdfgen.h).
 *
 * Two passes.  The first lays the text out: it decodes each paragraph to
 * code points, wraps it into lines by the fonts' widths, and writes each
 * page's content stream, giving every character outside Windows-1252 a CID
 * in the Type0 font on first use.  The second writes the file: catalog,
 * page tree, info, fonts (the Type0 font's widths and ToUnicode map now
 * known), then pages and their contents, and the xref of every object's
 * offset.  Object numbers are fixed so the writer needs no lookups:
 *
 *   1 catalog   2 pages   3 info   4 Helvetica   5 Type0 font
 *   6 CIDFont   7 ToUnicode   8 font descriptor
 *   9 + 2k page k   10 + 2k its content stream
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "extract/pdfgen.h"

/* A4 in points, and the text area inside the margins. */
#define PAGE_W 595
#define PAGE_H 842
#define MARGIN 72
#define LINE_W (PAGE_W - 2 * MARGIN)
#define TITLE_SIZE 16
#define BODY_SIZE 11
#define FIRST_OBJ_PAGE 9

/* Helvetica's widths (1/1000 em) of ASCII 32..126, from its AFM. */
static const uint16_t helv_ascii[95] = {
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
};

/* Windows-1252 bytes 0x80..0x9f and the code points they stand for (0:
 * unused). */
static const uint16_t win_80[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* The Windows-1252 byte of cp, or 0 when it has none. */
static unsigned
winansi(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return cp;
	if (cp >= 0xa0 && cp <= 0xff)
		return cp;
	for (unsigned i = 0; i < 32; i++)
		if (win_80[i] && win_80[i] == cp)
			return 0x80 + i;
	return 0;
}

/* East Asian wide characters: a line may break before or after any. */
static int
is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

/* Hebrew, Arabic, Syriac, Thaana and their presentation forms. */
static int
is_rtl(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) ||
	    (cp >= 0xfe70 && cp <= 0xfefc);
}

/* Letters of left-to-right scripts and digits: kept in their order
 * inside a right-to-left line. */
static int
is_ltr(uint32_t cp)
{
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return 1;
	return cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && !is_rtl(cp) &&
	    !(cp >= 0x2000 && cp <= 0x2bff) && !(cp >= 0x3000 && cp <= 0x303f) &&
	    !(cp >= 0xfe30 && cp <= 0xfe4f) && !(cp >= 0xff00 && cp <= 0xff0f);
}

/* Turns cps[a..z] round. */
static void
reverse(uint32_t *cps, size_t a, size_t z)
{
	for (; a < z; a++, z--) {
		uint32_t t = cps[a];
		cps[a] = cps[z];
		cps[z] = t;
	}
}

/* The visual order of a right-to-left line of n > 0 characters, in place:
 * the line turned round, except each run of left-to-right text (from a
 * letter or digit to the last before the next right-to-left letter, the
 * spaces and punctuation between included), which keeps its order.  The
 * rest of the Unicode bidi algorithm (mirrored brackets, nested levels) is
 * left out: pdftotext reads lines made this way back in logical order. */
static void
visual_rtl(uint32_t *cps, size_t n)
{
	for (size_t i = 0; i < n; ) {
		size_t last;

		if (!is_ltr(cps[i])) {
			i++;
			continue;
		}
		last = i;
		for (size_t j = i + 1; j < n && !is_rtl(cps[j]); j++)
			if (is_ltr(cps[j]))
				last = j;
		reverse(cps, i, last);
		i = last + 1;
	}
	reverse(cps, 0, n - 1);
}

/* The width of cp in 1/1000 em: Helvetica's for what it sets (accented
 * letters as their base letter, near enough for wrapping), and the widths
 * this file declares in the Type0 font for the rest. */
static unsigned
width_of(uint32_t cp)
{
	unsigned b = winansi(cp);

	if (b >= 0x20 && b < 0x7f)
		return helv_ascii[b - 0x20];
	if (b)
		return b >= 0xe0 ? 556 : b >= 0xc0 ? 667 : 556;
	return is_wide(cp) ? 1000 : 600;
}

/* ---- layout ------------------------------------------------------------ */

struct gen {
	struct buf *pages;	/* one content stream per page */
	size_t npages, cap_pages;
	size_t max;		/* ceiling of each stream (the caller's) */
	double y;		/* baseline of the next line on the last page */
	uint32_t *cid_cp;	/* code point of CID i + 1 */
	size_t ncid, cap_cid;
	uint32_t *hkey, *hval;	/* code point -> CID, open addressing */
	size_t hcap;		/* a power of two, or 0 */
};

static struct buf *
page_new(struct gen *g)
{
	if (g->npages == g->cap_pages) {
		g->cap_pages = g->cap_pages ? 2 * g->cap_pages : 4;
		g->pages = xrealloc(g->pages, g->cap_pages * sizeof *g->pages);
	}
	buf_init(&g->pages[g->npages], g->max);
	g->y = PAGE_H - MARGIN;
	return &g->pages[g->npages++];
}

static size_t
hslot(const struct gen *g, uint32_t cp)
{
	size_t h = (cp * 2654435761u) & (g->hcap - 1);

	while (g->hkey[h] && g->hkey[h] != cp + 1)
		h = (h + 1) & (g->hcap - 1);
	return h;
}

/* The CID of cp, given one on first use; 0 when the font is full. */
static unsigned
cid_of(struct gen *g, uint32_t cp)
{
	size_t h;

	if (g->hcap && g->hkey[h = hslot(g, cp)])
		return g->hval[h];
	if (g->ncid >= 0xfffe)
		return 0;
	if (2 * (g->ncid + 1) > g->hcap) {	/* keep it at most half full */
		size_t old = g->hcap;
		uint32_t *ok = g->hkey, *ov = g->hval;

		g->hcap = old ? 2 * old : 256;
		g->hkey = xcalloc(g->hcap, sizeof *g->hkey);
		g->hval = xcalloc(g->hcap, sizeof *g->hval);
		for (size_t i = 0; i < old; i++)
			if (ok[i]) {
				size_t s = hslot(g, ok[i] - 1);
				g->hkey[s] = ok[i];
				g->hval[s] = ov[i];
			}
		free(ok);
		free(ov);
	}
	if (g->ncid == g->cap_cid) {
		g->cap_cid = g->cap_cid ? 2 * g->cap_cid : 64;
		g->cid_cp = xrealloc(g->cid_cp, g->cap_cid * sizeof *g->cid_cp);
	}
	g->cid_cp[g->ncid++] = cp;
	h = hslot(g, cp);
	g->hkey[h] = cp + 1;
	g->hval[h] = (uint32_t)g->ncid;
	return (unsigned)g->ncid;
}

/* Decodes s into cps (room for strlen(s) code points), white space runs as
 * one space, none at either end, byte order marks dropped; *n is the
 * count.  WS_EINVAL for bytes that are not UTF-8 and for control
 * characters. */
static enum ws_err
decode(const char *s, uint32_t *cps, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = 0;

	while (*p) {
		uint32_t cp, min;
		int more;

		if (*p < 0x80) {
			cp = *p++;
			more = 0;
			min = 0;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = *p++ & 0x1f;
			more = 1;
			min = 0x80;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p++ & 0x0f;
			more = 2;
			min = 0x800;
		} else if ((*p & 0xf8) == 0xf0) {
			cp = *p++ & 0x07;
			more = 3;
			min = 0x10000;
		} else {
			return WS_EINVAL;
		}
		while (more--) {
			if ((*p & 0xc0) != 0x80)
				return WS_EINVAL;
			cp = cp << 6 | (*p++ & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return WS_EINVAL;
		if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 || cp == 0x202f ||
		    cp == 0x2009 || cp == 0x3000)
			cp = ' ';
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return WS_EINVAL;
		if (cp == 0xfeff)	/* a byte order mark says nothing */
			continue;
		if (cp == ' ' && (k == 0 || cps[k - 1] == ' '))
			continue;
		cps[k++] = cp;
	}
	if (k && cps[k - 1] == ' ')
		k--;
	*n = k;
	return WS_OK;
}

/* May a line end between cps[j - 1] and cps[j]? */
static int
can_break(const uint32_t *cps, size_t n, size_t j)
{
	if (j >= n || cps[j] == ' ')
		return 1;
	return j > 0 && cps[j - 1] != ' ' && (is_wide(cps[j - 1]) || is_wide(cps[j]));
}

/* Writes the characters cps[0..n) as one line at (x, y): runs of
 * Helvetica in literal strings, runs of the Type0 font in hex strings.  A
 * space stays in the font of the run it is in. */
static enum ws_err
put_line(struct gen *g, struct buf *b, const uint32_t *cps, size_t n, double x, int size,
    int rtl)
{
	enum ws_err rc;
	int font = 0;	/* 0 none yet, 1 Helvetica, 2 Type0 */

	if ((rc = buf_printf(b, "BT 1 0 0 1 %.2f %.2f Tm", x, g->y)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		unsigned byte = winansi(cps[i]), cid = 0;
		int want = cps[i] == ' ' && font ? font : byte && (!rtl || is_ltr(cps[i])) ? 1 : 2;

		if (want == 2 && !(cid = cid_of(g, cps[i])))
			return WS_ETOOBIG;
		if (want != font) {
			if (font && (rc = buf_adds(b, font == 1 ? ") Tj" : "> Tj")))
				return rc;
			if ((rc = buf_printf(b, " /F%d %d Tf %c", want, size, want == 1 ? '(' : '<')))
				return rc;
			font = want;
		}
		if (font == 1 && (byte == '(' || byte == ')' || byte == '\\'))
			rc = buf_printf(b, "\\%c", byte);
		else if (font == 1 && byte >= 0x80)
			rc = buf_printf(b, "\\%03o", byte);
		else if (font == 1)
			rc = buf_addc(b, (char)byte);
		else
			rc = buf_printf(b, "%04X", cid);
		if (rc)
			return rc;
	}
	if (font && (rc = buf_adds(b, font == 1 ? ") Tj" : "> Tj")))
		return rc;
	return buf_adds(b, " ET\n");
}

/* Lays out one paragraph of n code points at size, wrapping at LINE_W and
 * starting pages as they fill; gap is the space left after it. */
static enum ws_err
put_para(struct gen *g, uint32_t *cps, size_t n, int size, double gap)
{
	double lead = size * 1.4, limit = LINE_W * 1000.0 / size;
	size_t rtl = 0, strong = 0;
	enum ws_err rc;

	for (size_t i = 0; i < n; i++) {
		if (is_rtl(cps[i]))
			rtl++, strong++;
		else if (cps[i] > 0x40 && cps[i] != ' ')
			strong++;
	}
	for (size_t i = 0; i < n; ) {
		size_t j = i, end = i;
		double w = 0, w_end = 0, x = MARGIN;
		struct buf *b;

		while (j < n) {
			if (can_break(cps, n, j) && j > i)
				end = j, w_end = w;
			if (j < n && w + width_of(cps[j]) > limit)
				break;
			w += width_of(cps[j]);
			j++;
		}
		if (j == n)
			end = n, w_end = w;
		else if (end == i)	/* one word wider than the line: cut it */
			end = j > i ? j : i + 1, w_end = w;
		if (g->y - lead < MARGIN || g->npages == 0)
			page_new(g);
		b = &g->pages[g->npages - 1];
		g->y -= size;
		if (2 * rtl > strong) {
			/* Right to left: the line's characters in visual order,
			 * against the right margin. */
			visual_rtl(cps + i, end - i);
			x = MARGIN + LINE_W - w_end * size / 1000.0;
		}
		if ((rc = put_line(g, b, cps + i, end - i, x, size, 2 * rtl > strong)))
			return rc;
		g->y -= lead - size;
		for (i = end; i < n && cps[i] == ' '; i++)
			;
	}
	g->y -= gap;
	return WS_OK;
}

/* ---- the file ---------------------------------------------------------- */

/* Appends cp as UTF-16BE hex digits. */
static enum ws_err
put_utf16(struct buf *b, uint32_t cp)
{
	if (cp < 0x10000)
		return buf_printf(b, "%04X", cp);
	cp -= 0x10000;
	return buf_printf(b, "%04X%04X", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
}

static enum ws_err
obj_start(struct buf *b, size_t *off, size_t num)
{
	off[num] = b->len;
	return buf_printf(b, "%zu 0 obj\n", num);
}

/* A stream object of the bytes s[0..n). */
static enum ws_err
put_stream(struct buf *b, size_t *off, size_t num, const char *s, size_t n)
{
	enum ws_err rc;

	if ((rc = obj_start(b, off, num)) ||
	    (rc = buf_printf(b, "<< /Length %zu >>\nstream\n", n)) ||
	    (rc = buf_add(b, s, n)) ||
	    (rc = buf_adds(b, "\nendstream\nendobj\n")))
		return rc;
	return WS_OK;
}

static enum ws_err
put_file(struct gen *g, struct buf *b, const uint32_t *title, size_t ntitle)
{
	size_t nobj = FIRST_OBJ_PAGE + 2 * g->npages, *off = xcalloc(nobj, sizeof *off), xref;
	struct buf cmap;
	enum ws_err rc;

	buf_init(&cmap, b->max);
	if ((rc = buf_adds(b, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")) ||
	    (rc = obj_start(b, off, 1)) ||
	    (rc = buf_adds(b, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")) ||
	    (rc = obj_start(b, off, 2)) ||
	    (rc = buf_adds(b, "<< /Type /Pages /Kids [")))
		goto out;
	for (size_t k = 0; k < g->npages; k++)
		if ((rc = buf_printf(b, "%s%zu 0 R", k ? " " : "", FIRST_OBJ_PAGE + 2 * k)))
			goto out;
	if ((rc = buf_printf(b, "] /Count %zu >>\nendobj\n", g->npages)) ||
	    (rc = obj_start(b, off, 3)) ||
	    (rc = buf_adds(b, "<< /Producer (WhatsOn)")))
		goto out;
	if (ntitle) {
		if ((rc = buf_adds(b, " /Title <FEFF")))
			goto out;
		for (size_t i = 0; i < ntitle; i++)
			if ((rc = put_utf16(b, title[i])))
				goto out;
		if ((rc = buf_adds(b, ">")))
			goto out;
	}
	if ((rc = buf_adds(b, " >>\nendobj\n")) ||
	    (rc = obj_start(b, off, 4)) ||
	    (rc = buf_adds(b, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	    "/Encoding /WinAnsiEncoding >>\nendobj\n")) ||
	    (rc = obj_start(b, off, 5)) ||
	    (rc = buf_adds(b, "<< /Type /Font /Subtype /Type0 /BaseFont /WhatsOnText "
	    "/Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>\nendobj\n")) ||
	    (rc = obj_start(b, off, 6)) ||
	    (rc = buf_adds(b, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /WhatsOnText "
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
	    "/FontDescriptor 8 0 R /CIDToGIDMap /Identity /DW 1000")))
		goto out;
	if (g->ncid) {
		if ((rc = buf_adds(b, " /W [1 [")))
			goto out;
		for (size_t i = 0; i < g->ncid; i++)
			if ((rc = buf_printf(b, "%s%u", i ? " " : "", width_of(g->cid_cp[i]))))
				goto out;
		if ((rc = buf_adds(b, "]]")))
			goto out;
	}
	if ((rc = buf_adds(b, " >>\nendobj\n")))
		goto out;

	/* The ToUnicode map: each CID to its code point, 100 to a block. */
	if ((rc = buf_adds(&cmap, "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
	    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n")))
		goto out;
	for (size_t i = 0; i < g->ncid; i += 100) {
		size_t k = g->ncid - i < 100 ? g->ncid - i : 100;

		if ((rc = buf_printf(&cmap, "%zu beginbfchar\n", k)))
			goto out;
		for (size_t j = i; j < i + k; j++)
			if ((rc = buf_printf(&cmap, "<%04zX> <", j + 1)) ||
			    (rc = put_utf16(&cmap, g->cid_cp[j])) ||
			    (rc = buf_adds(&cmap, ">\n")))
				goto out;
		if ((rc = buf_adds(&cmap, "endbfchar\n")))
			goto out;
	}
	if ((rc = buf_adds(&cmap, "endcmap CMapName currentdict /CMap defineresource pop end end")) ||
	    (rc = put_stream(b, off, 7, cmap.data, cmap.len)) ||
	    (rc = obj_start(b, off, 8)) ||
	    (rc = buf_adds(b, "<< /Type /FontDescriptor /FontName /WhatsOnText /Flags 32 "
	    "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 "
	    "/CapHeight 700 /StemV 80 >>\nendobj\n")))
		goto out;

	for (size_t k = 0; k < g->npages; k++) {
		size_t num = FIRST_OBJ_PAGE + 2 * k;

		if ((rc = obj_start(b, off, num)) ||
		    (rc = buf_printf(b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
		    "/Contents %zu 0 R /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> >>\n"
		    "endobj\n", PAGE_W, PAGE_H, num + 1)) ||
		    (rc = put_stream(b, off, num + 1, buf_str(&g->pages[k]), g->pages[k].len)))
			goto out;
	}

	xref = b->len;
	if ((rc = buf_printf(b, "xref\n0 %zu\n0000000000 65535 f \n", nobj)))
		goto out;
	for (size_t i = 1; i < nobj; i++)
		if ((rc = buf_printf(b, "%010zu 00000 n \n", off[i])))
			goto out;
	rc = buf_printf(b, "trailer\n<< /Size %zu /Root 1 0 R /Info 3 0 R >>\n"
	    "startxref\n%zu\n%%%%EOF\n", nobj, xref);
out:
	buf_free(&cmap);
	free(off);
	return rc;
}

enum ws_err
pdfgen_text(struct buf *out, const char *title, const char *const *paragraphs, size_t n)
{
	struct gen g = { .max = out->max };
	struct buf pdf;
	size_t total = title ? strlen(title) : 0, longest = total, nt = 0, np;
	uint32_t *tcps = NULL, *cps = NULL;
	enum ws_err rc;

	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(paragraphs[i]);

		if (l > longest)
			longest = l;
		if ((total += l) > PDFGEN_MAX_INPUT)
			return WS_ETOOBIG;
	}
	if (total > PDFGEN_MAX_INPUT)
		return WS_ETOOBIG;
	buf_init(&pdf, out->max);
	tcps = xmalloc((total ? total : 1) * sizeof *tcps);
	cps = xmalloc((longest ? longest : 1) * sizeof *cps);
	page_new(&g);
	if (title && (rc = decode(title, tcps, &nt)))
		goto out;
	if (nt) {
		uint32_t *copy = xmalloc(nt * sizeof *copy);

		/* put_para turns right-to-left lines round; the info keeps
		 * the title in logical order. */
		memcpy(copy, tcps, nt * sizeof *copy);
		rc = put_para(&g, copy, nt, TITLE_SIZE, TITLE_SIZE * 0.8);
		free(copy);
		if (rc)
			goto out;
	}
	for (size_t i = 0; i < n; i++)
		if ((rc = decode(paragraphs[i], cps, &np)) ||
		    (np && (rc = put_para(&g, cps, np, BODY_SIZE, BODY_SIZE * 0.7))))
			goto out;
	if ((rc = put_file(&g, &pdf, tcps, nt)))
		goto out;
	rc = buf_add(out, pdf.data, pdf.len);
out:
	for (size_t k = 0; k < g.npages; k++)
		buf_free(&g.pages[k]);
	free(g.pages);
	free(g.cid_cp);
	free(g.hkey);
	free(g.hval);
	free(tcps);
	free(cps);
	buf_free(&pdf);
	return rc;
}
