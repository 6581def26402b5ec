/*
 * pdfgen.h -- a small PDF writer for text, so demo data and tests have real
 * documents whose words come back out of pdftotext.
 *
 * pdfgen_text() lays out a title and paragraphs of UTF-8 text on A4 pages:
 * lines wrap at spaces (and between CJK characters, which have none), and a
 * new page starts when one fills.  Characters Windows-1252 can encode
 * (English, French, Spanish...) are set in the standard Helvetica font, so
 * they show in any viewer; every other character (Cyrillic, CJK, Arabic...)
 * goes through a Type0 font with Identity-H encoding and a ToUnicode map
 * and no embedded glyphs, so its text extracts exactly while a viewer draws
 * it with whatever font it substitutes.  Arabic and Hebrew paragraphs are
 * set right to left, one line at a time (the line's characters in visual
 * order, right-aligned), which is how pdftotext expects to read them; a
 * paragraph that mixes directions is not reordered by the Unicode bidi
 * algorithm.  The output is a deterministic function of the input (no
 * dates, no random IDs), so the same seed makes the same files.
 */
#ifndef WS_PDFGEN_H
#define WS_PDFGEN_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* The most bytes of text (title and paragraphs together) pdfgen_text()
 * accepts. */
#define PDFGEN_MAX_INPUT (1u << 20)

/* Appends to out a PDF of title (may be NULL or "") and the n paragraphs,
 * each a NUL-terminated UTF-8 string; runs of white space count as one
 * space, a byte order mark is dropped, and a paragraph may be empty.
 * WS_ETOOBIG when the text is over PDFGEN_MAX_INPUT bytes or the PDF over
 * out's ceiling; WS_EINVAL for text that is not UTF-8 or holds control
 * characters other than tab, CR and LF.  On error out is left as it was. */
enum ws_err pdfgen_text(struct buf *out, const char *title,
    const char *const *paragraphs, size_t n) WS_WUR;

#endif
