/*
 * pdf.c -- the certificate's PDF (courses_int.h, crt_pdf_render): the one
 * file that knows cairo and pango.
 *
 * cairo writes the PDF (embedding subsets of the fonts used); pango lays
 * out each line, with HarfBuzz shaping and the Unicode bidirectional
 * algorithm, so Arabic is joined and runs right to left, and fontconfig
 * picks, for each character, a font that has it: the families named
 * below first (Debian's fonts-noto-core for Latin, Cyrillic, Greek and
 * Arabic; fonts-wqy-microhei for Chinese), then any other installed.
 * A name in a script none of them covers comes out as boxes, never as an
 * error.
 *
 * Each PDF has a font map of its own, freed with it: pango's default one
 * is per thread and outlives the PDF, and the sanitizers of the tests
 * report what fontconfig leaves of it when a thread ends.  Fontconfig's
 * configuration (the list of fonts) is loaded once for the process.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "app/courses/courses_int.h"
#include "core/buf.h"

#define PAGE_W 841.89	/* A4 landscape, points */
#define PAGE_H 595.28
#define MARGIN 64.0
#define FONTS "Noto Sans, Noto Sans Arabic, Noto Naskh Arabic, WenQuanYi Micro Hei, sans-serif"

/* cairo's write callback: appends to the struct buf in closure. */
static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int length)
{
	return buf_add(closure, data, length) == WS_OK ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

enum ws_err
crt_pdf_render(const char *title, const struct crt_pdf_line *lines, int n, struct buf *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);
	PangoFontDescription *fd = pango_font_description_from_string(FONTS);
	cairo_status_t st;
	double y = MARGIN * 1.5;
	int i;

	if (title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "WhatsOn");
	/* a frame */
	cairo_set_source_rgb(cr, 0.12, 0.29, 0.49);
	cairo_set_line_width(cr, 3.0);
	cairo_rectangle(cr, MARGIN / 2, MARGIN / 2, PAGE_W - MARGIN, PAGE_H - MARGIN);
	cairo_stroke(cr);
	pango_cairo_update_context(cr, ctx);
	for (i = 0; i < n; i++) {
		PangoLayout *l = pango_layout_new(ctx);
		int w = 0, h = 0;

		pango_font_description_set_absolute_size(fd, lines[i].size * PANGO_SCALE);
		pango_font_description_set_weight(fd, lines[i].bold ? PANGO_WEIGHT_BOLD :
		    PANGO_WEIGHT_NORMAL);
		pango_layout_set_font_description(l, fd);
		pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		pango_layout_set_text(l, lines[i].text ? lines[i].text : "", -1);
		y += lines[i].space;
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_move_to(cr, MARGIN, y);
		pango_cairo_show_layout(cr, l);
		pango_layout_get_pixel_size(l, &w, &h);
		y += h;
		g_object_unref(l);
	}
	pango_font_description_free(fd);
	g_object_unref(ctx);
	g_object_unref(fm);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return WS_ETOOBIG;
	return st == CAIRO_STATUS_SUCCESS ? WS_OK : WS_EDB;
}
