/*
 * extract_test.c -- the text inside documents (src/extract/extract.h), with
 * the real converters (pdftotext, unzip) on files this test writes: a PDF
 * by hand with a computed xref, OOXML and ODF files by a small ZIP writer
 * over zlib.  A user would notice: the words of a French and Chinese PDF
 * and of each office format found; an encrypted, corrupt, hanging or
 * spinning document ending with the status that says why, within its
 * limit; a ZIP bomb stopped quickly with little memory; text past max_out
 * cut on a character boundary; plain text made valid UTF-8; and no
 * converter process left behind after any of it.
 */
/* The objects under test are built with the test hooks (Makefile: build/san);
 * this declares the one that swaps a converter for a fake. */
#define WHATSON_TEST_HOOKS 1

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/util.h"
#include "extract/extract.h"
#include "extract/pdfgen.h"
#include "extract/extract_int.h"

static char dir[256];

static const char *
path_of(const char *name)
{
	static char p[512];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

static void
write_file(const char *name, const void *data, size_t n, mode_t mode)
{
	int fd = open(path_of(name), O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	close(fd);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The hanging converters' sleep, 987 seconds and this process's id as a
 * fraction, so that a test run beside ours (another tree's make check)
 * is not taken for what ours left behind. */
static char hang_secs[32];

static const char *
hang_arg(void)
{
	if (!hang_secs[0])
		snprintf(hang_secs, sizeof hang_secs, "987.%ld", (long)getpid());
	return hang_secs;
}

/* A script that starts a sleep of hang_arg() in the background and
 * another in the foreground, at name, executable. */
static void
write_hang_script(const char *name)
{
	char script[128];
	int n = snprintf(script, sizeof script, "#!/bin/sh\nsleep %s &\nsleep %s\n",
	    hang_arg(), hang_arg());

	write_file(name, script, (size_t)n, 0700);
}

/* No converter, and nothing it started, is left: this process has no
 * child, and no process runs the fake converters' sleep of hang_arg(). */
static void
assert_nothing_left(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	assert_non_null(d);
	while ((e = readdir(d))) {
		char p[300], cmd[64] = { 0 };
		ssize_t n;
		int fd;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(p, sizeof p, "/proc/%s/cmdline", e->d_name);
		if ((fd = open(p, O_RDONLY)) < 0)
			continue;
		n = read(fd, cmd, sizeof cmd - 1);
		close(fd);
		if (n > 0 && memcmp(cmd, "sleep", 6) == 0 &&
		    strcmp(cmd + 6, hang_arg()) == 0)
			fail_msg("process %s (sleep %s) was left behind", e->d_name, hang_arg());
	}
	closedir(d);
}

/* ---- documents made here ---------------------------------------------- */

/* A PDF of objs (the bodies of objects 1..n), with its xref computed;
 * encrypt adds an /Encrypt dictionary whose /U no password matches. */
static void
write_pdf(const char *name, const char *const *objs, size_t n, int encrypt)
{
	struct buf b;
	size_t off[16], xref;

	assert_true(n + 1 < sizeof off / sizeof off[0]);
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_adds(&b, "%PDF-1.4\n"), WS_OK);
	for (size_t i = 0; i < n; i++) {
		off[i] = b.len;
		assert_int_equal(buf_printf(&b, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i]), WS_OK);
	}
	if (encrypt) {
		off[n] = b.len;
		char o[65], u[65];

		for (int i = 0; i < 64; i++) {
			o[i] = "41"[i % 2];
			u[i] = "42"[i % 2];
		}
		o[64] = u[64] = '\0';
		assert_int_equal(buf_printf(&b, "%zu 0 obj\n<< /Filter /Standard /V 1 /R 2 "
		    "/O <%s> /U <%s> /P -4 >>\nendobj\n", n + 1, o, u), WS_OK);
		n++;
	}
	xref = b.len;
	assert_int_equal(buf_printf(&b, "xref\n0 %zu\n0000000000 65535 f \n", n + 1), WS_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(buf_printf(&b, "%010zu 00000 n \n", off[i]), WS_OK);
	assert_int_equal(buf_printf(&b, "trailer\n<< /Size %zu /Root 1 0 R", n + 1), WS_OK);
	if (encrypt)
		assert_int_equal(buf_printf(&b, " /Encrypt %zu 0 R /ID [<00112233445566778899aabb"
		    "ccddeeff> <00112233445566778899aabbccddeeff>]", n), WS_OK);
	assert_int_equal(buf_printf(&b, " >>\nstartxref\n%zu\n%%%%EOF\n", xref), WS_OK);
	write_file(name, b.data, b.len, 0600);
	buf_free(&b);
}

/* French in WinAnsi with Helvetica; Chinese as CIDs of a Type0 font whose
 * ToUnicode map gives 有组织犯罪 ("organized crime"). */
static const char fr_text[] = "R\xe9sum\xe9 des donn\xe9\x65s : \xe9t\xe9 \xe0 Gen\xe8ve";
static const char fr_utf8[] = "Résumé des données : été à Genève";
static const char zh_utf8[] = "有组织犯罪";

static void
write_words_pdf(const char *name, int encrypt)
{
	static const char cmap[] =
	    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
	    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
	    "5 beginbfchar\n<0001> <6709>\n<0002> <7EC4>\n<0003> <7EC7>\n"
	    "<0004> <72AF>\n<0005> <7F6A>\nendbfchar\n"
	    "endcmap CMapName currentdict /CMap defineresource pop end end\n";
	char content[256], o4[400], o8[800];
	const char *objs[9];

	snprintf(content, sizeof content, "BT /F1 12 Tf 72 720 Td (%s) Tj ET\n"
	    "BT /F2 12 Tf 72 700 Td <00010002000300040005> Tj ET\n", fr_text);
	snprintf(o4, sizeof o4, "<< /Length %zu >>\nstream\n%sendstream", strlen(content), content);
	snprintf(o8, sizeof o8, "<< /Length %zu >>\nstream\n%sendstream", strlen(cmap), cmap);
	objs[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
	    "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>";
	objs[3] = o4;
	objs[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	    "/Encoding /WinAnsiEncoding >>";
	objs[5] = "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
	    "/DescendantFonts [7 0 R] /ToUnicode 8 0 R >>";
	objs[6] = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
	    "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R >>";
	objs[7] = o8;
	objs[8] = "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 0 1000 1000] "
	    "/ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>";
	write_pdf(name, objs, 9, encrypt);
}

struct member {
	const char *name;
	const char *data;	/* NUL-terminated, or NULL: */
	size_t zeros;		/* this many zero bytes, deflated as they stream */
	int encrypted;		/* sets the ZIP's "encrypted" flag */
};

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* A ZIP of the members, each deflated; the sizes in its headers are true. */
static void
write_zip(const char *name, const struct member *m, size_t n)
{
	static unsigned char zero[1 << 20];
	unsigned char out[1 << 16], h[46];
	struct buf cd;
	FILE *f = fopen(path_of(name), "wb");

	assert_non_null(f);
	buf_init(&cd, 1 << 16);
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(m[i].name), usize = m[i].data ? strlen(m[i].data) : m[i].zeros;
		long at = ftell(f);
		uLong crc = crc32(0, NULL, 0), csize = 0;
		size_t left = usize;
		z_stream z;
		int zr;

		memset(h, 0, sizeof h);
		assert_int_equal(fwrite(h, 1, 30, f), 30);	/* rewritten below */
		assert_int_equal(fwrite(m[i].name, 1, nl, f), nl);
		memset(&z, 0, sizeof z);
		assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
		do {
			size_t k = m[i].data ? left : (left < sizeof zero ? left : sizeof zero);
			const unsigned char *src = m[i].data ?
			    (const unsigned char *)m[i].data + (usize - left) : zero;

			crc = crc32(crc, src, (uInt)k);
			z.next_in = (unsigned char *)src;
			z.avail_in = (uInt)k;
			left -= k;
			do {
				z.next_out = out;
				z.avail_out = sizeof out;
				zr = deflate(&z, left ? Z_NO_FLUSH : Z_FINISH);
				assert_true(zr != Z_STREAM_ERROR);
				fwrite(out, 1, sizeof out - z.avail_out, f);
				csize += sizeof out - z.avail_out;
			} while (z.avail_out == 0);
		} while (left);
		assert_int_equal(zr, Z_STREAM_END);
		deflateEnd(&z);

		put32(h, 0x04034b50);
		put16(h + 4, 20);
		put16(h + 6, m[i].encrypted ? 1 : 0);
		put16(h + 8, 8);
		put32(h + 14, (uint32_t)crc);
		put32(h + 18, (uint32_t)csize);
		put32(h + 22, (uint32_t)usize);
		put16(h + 26, (unsigned)nl);
		fseek(f, at, SEEK_SET);
		fwrite(h, 1, 30, f);
		fwrite(m[i].name, 1, nl, f);
		fseek(f, 0, SEEK_END);

		/* Its central directory entry: the same fields, and where it is. */
		unsigned char c[46] = { 0 };
		put32(c, 0x02014b50);
		put16(c + 4, 20);
		put16(c + 6, 20);
		memcpy(c + 8, h + 6, 22);
		put32(c + 42, (uint32_t)at);
		assert_int_equal(buf_add(&cd, c, 46), WS_OK);
		assert_int_equal(buf_add(&cd, m[i].name, nl), WS_OK);
	}
	long cdat = ftell(f);
	unsigned char e[22] = { 0 };

	fwrite(cd.data, 1, cd.len, f);
	put32(e, 0x06054b50);
	put16(e + 8, (unsigned)n);
	put16(e + 10, (unsigned)n);
	put32(e + 12, (uint32_t)cd.len);
	put32(e + 16, (uint32_t)cdat);
	fwrite(e, 1, sizeof e, f);
	assert_int_equal(fclose(f), 0);
	buf_free(&cd);
}

/* ---- helpers ------------------------------------------------------------ */

static enum extract_status
run(const char *name, const char *type, const struct extract_limits *lim, char **out, size_t *len)
{
	enum extract_status st = extract_text(path_of(name), type, lim, out, len);

	if (*out) {
		assert_int_equal(strlen(*out), *len);	/* no NUL inside */
		assert_true(utf8_valid_text(*out, *len, 1));
	} else {
		assert_int_equal(*len, 0);
	}
	assert_nothing_left();
	return st;
}

/* The status of name, and its text when text is expected to hold needle. */
static void
expect(const char *name, const char *type, enum extract_status want, const char *needle)
{
	char *out = NULL;
	size_t len = 0;
	enum extract_status st = run(name, type, NULL, &out, &len);

	if (st != want)
		fail_msg("%s: %s, expected %s (text: %s)", name, extract_status_name(st),
		    extract_status_name(want), out ? out : "-");
	if (needle && (!out || !strstr(out, needle)))
		fail_msg("%s: \"%s\" not in \"%s\"", name, needle, out ? out : "");
	if (want != EXTRACT_OK && want != EXTRACT_TOO_LARGE)
		assert_null(out);
	free(out);
}

/* ---- PDF ---------------------------------------------------------------- */

static void
test_pdf_words(void **state)
{
	write_words_pdf("words.pdf", 0);
	expect("words.pdf", "application/pdf", EXTRACT_OK, fr_utf8);
	expect("words.pdf", "application/pdf", EXTRACT_OK, zh_utf8);
}

static void
test_pdf_encrypted(void **state)
{
	write_words_pdf("locked.pdf", 1);
	expect("locked.pdf", "application/pdf", EXTRACT_ENCRYPTED, NULL);
}

static void
test_pdf_corrupt(void **state)
{
	static const char html[] = "<!doctype html><html><body><p>Not a PDF</p></body></html>\n";
	static const char cut[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pa";

	write_file("page.pdf", html, sizeof html - 1, 0600);
	expect("page.pdf", "application/pdf", EXTRACT_CORRUPT, NULL);
	write_file("cut.pdf", cut, sizeof cut - 1, 0600);
	expect("cut.pdf", "application/pdf", EXTRACT_CORRUPT, NULL);
	write_file("zero.pdf", "", 0, 0600);
	expect("zero.pdf", "application/pdf", EXTRACT_CORRUPT, NULL);
}

/* A page with no text (a scan) is a valid document without words. */
static void
test_pdf_empty(void **state)
{
	static const char *const objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
	};

	write_pdf("blank.pdf", objs, 3, 0);
	expect("blank.pdf", "application/pdf", EXTRACT_EMPTY, NULL);
}

/* More text than max_out: the text is kept, cut inside "Résumé" on the
 * boundary before the second é (whose two bytes do not fit in 7). */
static void
test_pdf_too_large(void **state)
{
	struct extract_limits lim = { .max_out = 7 };
	char *out = NULL;
	size_t len = 0;

	write_words_pdf("long.pdf", 0);
	assert_int_equal(run("long.pdf", "application/pdf", &lim, &out, &len), EXTRACT_TOO_LARGE);
	assert_string_equal(out, "Résum");
	free(out);
}

/* A converter that hangs, and starts another process that hangs: both are
 * killed at the wall-clock limit, and the call returns soon after it. */
static void
test_pdf_hangs(void **state)
{
	struct extract_limits lim = { .wall_ms = 500 };
	char *out = NULL, fake[512];
	size_t len = 0;
	double t0;

	write_hang_script("hang.sh");
	write_words_pdf("hang.pdf", 0);
	snprintf(fake, sizeof fake, "%s", path_of("hang.sh"));
	extract_test_tool("pdftotext", fake);
	t0 = now_ms();
	assert_int_equal(run("hang.pdf", "application/pdf", &lim, &out, &len), EXTRACT_TIMEOUT);
	double took = now_ms() - t0;
	extract_test_tool("pdftotext", NULL);
	print_message("# timeout after %.0f ms (limit 500 ms)\n", took);
	assert_true(took >= 500);
	assert_true(took < 500 + 10000);	/* soon after the limit, not after 987 s (busy machine margin) */
	assert_null(out);
}

/* A converter that spins is stopped by its CPU limit, long before the
 * wall-clock one. */
static void
test_pdf_spins(void **state)
{
	static const char script[] = "#!/bin/sh\nwhile :; do :; done\n";
	struct extract_limits lim = { .cpu_s = 1, .wall_ms = 60000 };
	char *out = NULL, fake[512];
	size_t len = 0;
	double t0;

	write_file("spin.sh", script, sizeof script - 1, 0700);
	write_words_pdf("spin.pdf", 0);
	snprintf(fake, sizeof fake, "%s", path_of("spin.sh"));
	extract_test_tool("pdftotext", fake);
	t0 = now_ms();
	assert_int_equal(run("spin.pdf", "application/pdf", &lim, &out, &len), EXTRACT_TIMEOUT);
	double took = now_ms() - t0;
	extract_test_tool("pdftotext", NULL);
	print_message("# CPU limit after %.0f ms\n", took);
	assert_true(took < 30000);
}

/* A converter that cannot start, or one that runs out of memory, fails
 * without taking the server down. */
static void
test_converter_fails(void **state)
{
	struct extract_limits lim = { .mem_bytes = 4u << 20 };
	char *out = NULL;
	size_t len = 0;
	enum extract_status st;

	write_words_pdf("any.pdf", 0);
	extract_test_tool("pdftotext", "/nonexistent/pdftotext");
	expect("any.pdf", "application/pdf", EXTRACT_FAILED, NULL);
	extract_test_tool("pdftotext", NULL);
	/* 4 MiB of address space: the loader cannot even map libpoppler. */
	st = run("any.pdf", "application/pdf", &lim, &out, &len);
	assert_int_equal(st, EXTRACT_FAILED);
	assert_null(out);
}

/* ---- office documents --------------------------------------------------- */

#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define PPTX "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#define ODT "application/vnd.oasis.opendocument.text"
#define ODS "application/vnd.oasis.opendocument.spreadsheet"

static const char docx_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Rapport annuel "
    "&amp; r&#233;sum&#xE9;</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Trafic </w:t></w:r><w:r><w:instrText>"
    " HYPERLINK \"https://example.org\" </w:instrText></w:r><w:r><w:t>de migrants</w:t>"
    "</w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Pays</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Ville</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>打击腐败</w:t></w:r></w:p></w:body></w:document>";

static void
test_docx(void **state)
{
	const struct member m[] = {
		{ "[Content_Types].xml", "<Types/>", 0, 0 },
		{ "word/document.xml", docx_xml, 0, 0 },
	};
	char *out = NULL;
	size_t len = 0;

	write_zip("report.docx", m, 2);
	assert_int_equal(run("report.docx", DOCX, NULL, &out, &len), EXTRACT_OK);
	assert_string_equal(out, "Rapport annuel & résumé\nTrafic de migrants\nPays\tVille\n打击腐败");
	free(out);
}

static void
test_xlsx(void **state)
{
	const struct member m[] = {
		{ "xl/workbook.xml", "<workbook/>", 0, 0 },
		{ "xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst count=\"3\"><si><t>Pays"
		    "</t></si><si><t>C&#244;te d&apos;Ivoire</t></si><si><r><t>Mon</t></r><r>"
		    "<t>tant</t></r><rPh><t>ignored</t></rPh></si></sst>", 0, 0 },
	};

	write_zip("table.xlsx", m, 2);
	expect("table.xlsx", XLSX, EXTRACT_OK, "Pays\nCôte d'Ivoire\nMontant");
}

static void
test_pptx(void **state)
{
	const struct member m[] = {
		{ "ppt/presentation.xml", "<p:presentation/>", 0, 0 },
		{ "ppt/slides/slide1.xml", "<p:sld><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r>"
		    "<a:t>Diapositive un</a:t></a:r><a:br/><a:r><a:t>ligne deux</a:t></a:r></a:p>"
		    "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>", 0, 0 },
		{ "ppt/slides/_rels/slide1.xml.rels", "<Relationships>rels</Relationships>", 0, 0 },
		{ "ppt/slides/slide2.xml", "<p:sld><a:p><a:r><a:t>Конвенция</a:t></a:r></a:p>"
		    "</p:sld>", 0, 0 },
	};
	char *out = NULL;
	size_t len = 0;

	write_zip("slides.pptx", m, 4);
	assert_int_equal(run("slides.pptx", PPTX, NULL, &out, &len), EXTRACT_OK);
	assert_string_equal(out, "Diapositive un\nligne deux\nКонвенция");
	free(out);
}

static void
test_odt(void **state)
{
	const struct member m[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 0, 0 },
		{ "content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE x [ "
		    "<!ENTITY e \"<text:p>no</text:p>\"> ]><office:document-content><office:body>"
		    "<office:text><text:h text:outline-level=\"1\">Titre</text:h><text:p "
		    "text:style-name=\"a>b\">Premier<text:s/>paragraphe<text:tab/>fin</text:p>"
		    "<!-- <text:p>comment</text:p> --><text:p><![CDATA[a < b ]] ]]></text:p>"
		    "</office:text></office:body></office:document-content>", 0, 0 },
		{ "styles.xml", "<office:document-styles>style</office:document-styles>", 0, 0 },
	};
	char *out = NULL;
	size_t len = 0;

	write_zip("notes.odt", m, 3);
	assert_int_equal(run("notes.odt", ODT, NULL, &out, &len), EXTRACT_OK);
	assert_string_equal(out, "Titre\nPremier paragraphe\tfin\na < b ]] ");
	free(out);
	/* A presentation keeps its text in the same member, the same way. */
	write_zip("notes.odp", m, 3);
	expect("notes.odp", "application/vnd.oasis.opendocument.presentation", EXTRACT_OK,
	    "Premier paragraphe");
}

static void
test_ods(void **state)
{
	const struct member m[] = {
		{ "content.xml", "<office:document-content><office:body><office:spreadsheet>"
		    "<table:table><table:table-row><table:table-cell><text:p>Nom</text:p>"
		    "</table:table-cell><table:table-cell><text:p>Ville</text:p></table:table-cell>"
		    "</table:table-row><table:table-row><table:table-cell><text:p>ONUDC</text:p>"
		    "</table:table-cell><table:table-cell><text:p>Vienne</text:p>"
		    "</table:table-cell></table:table-row></table:table></office:spreadsheet>"
		    "</office:body></office:document-content>", 0, 0 },
	};

	write_zip("list.ods", m, 1);
	expect("list.ods", ODS, EXTRACT_OK, "Nom\tVille\nONUDC\tVienne");
}

/* Words outside a DOCX body: page headers and footers, footnotes and
 * endnotes, read after the body. */
static void
test_docx_margins(void **state)
{
	const struct member m[] = {
		{ "[Content_Types].xml", "<Types/>", 0, 0 },
		{ "word/footer2.xml", "<w:ftr><w:p><w:r><w:t>Pied confidentiel</w:t></w:r>"
		    "</w:p></w:ftr>", 0, 0 },
		{ "word/document.xml", "<w:document><w:body><w:p><w:r><w:t>Corps</w:t></w:r>"
		    "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p></w:body></w:document>",
		    0, 0 },
		{ "word/header1.xml", "<?xml version=\"1.0\"?>\r\n<w:hdr><w:p><w:r><w:t>"
		    "En-tête Vienne</w:t></w:r></w:p></w:hdr>", 0, 0 },
		{ "word/_rels/header1.xml.rels", "<Relationships>rels</Relationships>", 0, 0 },
		{ "word/footnotes.xml", "<w:footnotes><w:footnote w:type=\"separator\" "
		    "w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote "
		    "w:id=\"1\"><w:p><w:r><w:t>Note sur Palerme</w:t></w:r></w:p></w:footnote>"
		    "</w:footnotes>", 0, 0 },
		{ "word/endnotes.xml", "<w:endnotes><w:endnote w:id=\"1\"><w:p><w:r><w:t>"
		    "Bibliographie</w:t></w:r></w:p></w:endnote></w:endnotes>", 0, 0 },
	};
	char *out = NULL;
	size_t len = 0;

	write_zip("margins.docx", m, sizeof m / sizeof m[0]);
	assert_int_equal(run("margins.docx", DOCX, NULL, &out, &len), EXTRACT_OK);
	/* the body first, then the rest in the archive's order */
	assert_string_equal(out, "Corps\nPied confidentiel\nEn-tête Vienne\nNote sur Palerme"
	    "\nBibliographie");
	free(out);
	/* A document with only some of them, or none, reads the same way. */
	write_zip("some.docx", m + 1, 3);
	expect("some.docx", DOCX, EXTRACT_OK, "Corps\nPied confidentiel\nEn-tête Vienne");
}

/* Cells whose text is inline (<c t="inlineStr"><is><t>), as many writers
 * other than Excel make them: found beside the shared strings, or without
 * them; values, indexes and formulas are not words. */
static void
test_xlsx_inline(void **state)
{
	static const char sheet[] =
	    "<?xml version=\"1.0\"?>\n<worksheet><sheetData><row r=\"1\">"
	    "<c r=\"A1\" t=\"inlineStr\"><is><t>Pays</t></is></c>"
	    "<c r=\"B1\" t=\"s\"><v>0</v></c>"
	    "<c r=\"C1\" t=\"inlineStr\"><is><r><t>Mon</t></r><r><t>tant</t></r></is></c>"
	    "</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Nig&#233;ria</t></is></c>"
	    "<c r=\"B2\"><v>1234567</v></c><c r=\"C2\"><f>SUM(B1:B2)</f><v>42</v></c>"
	    "</row></sheetData></worksheet>";
	const struct member both[] = {
		{ "xl/workbook.xml", "<workbook/>", 0, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0, 0 },
		{ "xl/worksheets/_rels/sheet1.xml.rels", "<Relationships>r</Relationships>", 0, 0 },
		{ "xl/sharedStrings.xml", "<sst><si><t>Partagée</t></si></sst>", 0, 0 },
	};
	char *out = NULL;
	size_t len = 0;

	write_zip("inline.xlsx", both, 4);
	assert_int_equal(run("inline.xlsx", XLSX, NULL, &out, &len), EXTRACT_OK);
	assert_string_equal(out, "Partagée\nPays\tMontant\nNigéria");
	free(out);
	write_zip("inline-only.xlsx", both, 3);
	expect("inline-only.xlsx", XLSX, EXTRACT_OK, "Pays\tMontant\nNigéria");
	/* only numbers: a valid workbook without words */
	const struct member numbers[] = { { "xl/worksheets/sheet1.xml", "<worksheet><sheetData>"
	    "<row><c><v>1</v></c><c><f>A1*2</f><v>2</v></c></row></sheetData></worksheet>", 0, 0 } };
	write_zip("numbers.xlsx", numbers, 1);
	expect("numbers.xlsx", XLSX, EXTRACT_EMPTY, NULL);
}

/* The speaker notes of a presentation, after its slides. */
static void
test_pptx_notes(void **state)
{
	const struct member m[] = {
		{ "ppt/slides/slide1.xml", "<p:sld><a:p><a:r><a:t>Diapositive</a:t></a:r></a:p>"
		    "</p:sld>", 0, 0 },
		{ "ppt/notesSlides/notesSlide1.xml", "<p:notes><p:cSld><p:spTree><p:sp><p:txBody>"
		    "<a:p><a:r><a:t>Dire merci aux délégations</a:t></a:r></a:p>"
		    "</p:txBody></p:sp></p:spTree></p:cSld></p:notes>", 0, 0 },
		{ "ppt/notesSlides/_rels/notesSlide1.xml.rels", "<Relationships>r</Relationships>",
		    0, 0 },
		{ "ppt/notesMasters/notesMaster1.xml", "<p:notesMaster><a:t>Cliquez pour modifier"
		    "</a:t></p:notesMaster>", 0, 0 },
	};
	char *out = NULL;
	size_t len = 0;

	write_zip("notes.pptx", m, 4);
	assert_int_equal(run("notes.pptx", PPTX, NULL, &out, &len), EXTRACT_OK);
	assert_string_equal(out, "Diapositive\nDire merci aux délégations");
	free(out);
}

/* ODF: notes and annotations live in content.xml (an annotation's words are
 * found, not who wrote it or when); a text's page headers and footers in
 * styles.xml, whose number formats and styles are not words. */
static void
test_odf_margins(void **state)
{
	static const char styles[] = "<office:document-styles><office:styles><number:date-style>"
	    "<number:day/><number:text>/</number:text><number:month/></number:date-style>"
	    "<number:currency-style><number:currency-symbol>EUR</number:currency-symbol>"
	    "</number:currency-style></office:styles><office:master-styles><style:master-page>"
	    "<style:header><text:p>Entête Bogota</text:p></style:header>"
	    "<style:header-left><text:p>Gauche</text:p></style:header-left>"
	    "<style:footer><text:p>Page <text:page-number>3</text:page-number></text:p>"
	    "</style:footer></style:master-page></office:master-styles>"
	    "</office:document-styles>";
	const struct member m[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 0, 0 },
		{ "styles.xml", styles, 0, 0 },
		{ "content.xml", "<office:document-content><office:body><office:text><text:p>"
		    "Corps<text:note text:note-class=\"footnote\"><text:note-citation>1"
		    "</text:note-citation><text:note-body><text:p>Note de bas</text:p>"
		    "</text:note-body></text:note></text:p><text:p>Avis<office:annotation>"
		    "<dc:creator>Jeanne Martin</dc:creator><dc:date>2024-05-01T10:00:00</dc:date>"
		    "<text:p>Remarque relue</text:p></office:annotation> final</text:p>"
		    "</office:text></office:body></office:document-content>", 0, 0 },
	};
	char *out = NULL;
	size_t len = 0;

	write_zip("margins.odt", m, 3);
	assert_int_equal(run("margins.odt", ODT, NULL, &out, &len), EXTRACT_OK);
	/* a note and an annotation are words apart from the paragraph's, and
	 * the note's number is not glued to them */
	assert_non_null(strstr(out, "Corps\nNote de bas"));
	assert_non_null(strstr(out, "Avis\nRemarque relue"));
	assert_null(strstr(out, "Jeanne"));
	assert_null(strstr(out, "2024"));
	assert_non_null(strstr(out, "final"));
	assert_non_null(strstr(out, "\nEntête Bogota\nGauche\nPage 3"));
	assert_null(strstr(out, "EUR"));
	assert_null(strstr(out, "/"));
	free(out);
	write_zip("margins.ods", m + 1, 2);
	expect("margins.ods", ODS, EXTRACT_OK, "Entête Bogota");
}

/* The markup allowance is the document's, not each member's: a bomb in a
 * footer is stopped as one in the body is, the body's text kept. */
static void
test_zip_bomb_margin(void **state)
{
	const struct member m[] = {
		{ "word/document.xml", docx_xml, 0, 0 },
		{ "word/footer1.xml", NULL, 200u << 20, 0 },
	};
	struct extract_limits lim = { .max_out = 64u << 10 };
	char *out = NULL;
	size_t len = 0;
	double t0;

	write_zip("bomb-footer.docx", m, 2);
	t0 = now_ms();
	assert_int_equal(run("bomb-footer.docx", DOCX, &lim, &out, &len), EXTRACT_TOO_LARGE);
	double took = now_ms() - t0;
	print_message("# bomb in a footer: stopped after %.0f ms\n", took);
	assert_true(took < 10000);
	assert_non_null(strstr(out, "Trafic de migrants"));
	free(out);
}

/* A ZIP without the member that holds a document's text, a file that is
 * not a ZIP at all, and a document with no text. */
static void
test_office_corrupt(void **state)
{
	const struct member other[] = { { "readme.txt", "hello", 0, 0 } };
	const struct member blank[] = { { "word/document.xml", "<w:document><w:body><w:p/>"
	    "</w:body></w:document>", 0, 0 } };
	static const char html[] = "<html><body>not a zip</body></html>";

	write_zip("other.docx", other, 1);
	expect("other.docx", DOCX, EXTRACT_CORRUPT, NULL);
	write_file("page.docx", html, sizeof html - 1, 0600);
	expect("page.docx", DOCX, EXTRACT_CORRUPT, NULL);
	write_file("short.docx", "PK", 2, 0600);
	expect("short.docx", DOCX, EXTRACT_CORRUPT, NULL);
	write_zip("blank.docx", blank, 1);
	expect("blank.docx", DOCX, EXTRACT_EMPTY, NULL);
}

/* Office encrypts a document into an OLE2 container, not a ZIP; an old
 * ZIP password asks for a password no one can type. */
static void
test_office_encrypted(void **state)
{
	static const unsigned char ole2[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	unsigned char f[4096] = { 0 };
	const struct member zipped[] = { { "word/document.xml", docx_xml, 0, 1 } };

	memcpy(f, ole2, sizeof ole2);
	write_file("plain.doc.docx", f, sizeof f, 0600);
	expect("plain.doc.docx", DOCX, EXTRACT_CORRUPT, NULL);
	memcpy(f + 3000, name, sizeof name - 1);
	write_file("locked.docx", f, sizeof f, 0600);
	expect("locked.docx", DOCX, EXTRACT_ENCRYPTED, NULL);
	expect("locked.docx", "application/CDFV2-encrypted", EXTRACT_ENCRYPTED, NULL);
	write_zip("zipcrypto.docx", zipped, 1);
	expect("zipcrypto.docx", DOCX, EXTRACT_ENCRYPTED, NULL);
}

/* 200 MB of zeros in a 200 KB file named .docx: unzip is stopped after
 * 16 x max_out bytes of XML, quickly and with little memory. */
static void
test_zip_bomb(void **state)
{
	const struct member m[] = { { "word/document.xml", NULL, 200u << 20, 0 } };
	struct extract_limits lim = { .max_out = 64u << 10 };
	char *out = NULL;
	size_t len = 0;
	struct rusage ru;
	struct stat sb;
	double t0;

	write_zip("bomb.docx", m, 1);
	assert_int_equal(stat(path_of("bomb.docx"), &sb), 0);
	assert_true(sb.st_size < 1 << 20);
	t0 = now_ms();
	enum extract_status st = run("bomb.docx", DOCX, &lim, &out, &len);
	double took = now_ms() - t0;
	if (st != EXTRACT_CORRUPT && st != EXTRACT_TOO_LARGE)
		fail_msg("bomb: %s", extract_status_name(st));
	assert_int_equal(getrusage(RUSAGE_CHILDREN, &ru), 0);
	print_message("# bomb of %lld bytes: %s after %.0f ms; largest child %ld KB\n",
	    (long long)sb.st_size, extract_status_name(st), took, ru.ru_maxrss);
	assert_true(took < 10000);
	assert_true(ru.ru_maxrss < 64 * 1024);
	free(out);
}

/* The text limit holds for office documents as for PDFs, cut on a
 * character boundary (each 中 is three bytes). */
static void
test_office_too_large(void **state)
{
	struct extract_limits lim = { .max_out = 100 };
	char *xml = xmalloc(10000), *out = NULL;
	size_t n = 0, len = 0;

	n += (size_t)snprintf(xml, 10000, "<w:document><w:p><w:t>");
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(xml + n, 10000 - n, "中");
	snprintf(xml + n, 10000 - n, "</w:t></w:p></w:document>");
	const struct member m[] = { { "word/document.xml", xml, 0, 0 } };
	write_zip("long.docx", m, 1);
	free(xml);
	assert_int_equal(run("long.docx", DOCX, &lim, &out, &len), EXTRACT_TOO_LARGE);
	assert_int_equal(len, 99);
	free(out);
}

/* The document reaches the converter as /dev/fd/3: a name that unzip would
 * read as wildcards, or pdftotext as an option, is only a name. */
static void
test_odd_names(void **state)
{
	const struct member m[] = { { "word/document.xml", docx_xml, 0, 0 } };

	write_zip("report [v2] *?.docx", m, 1);
	expect("report [v2] *?.docx", DOCX, EXTRACT_OK, "Trafic de migrants");
	write_words_pdf("-opw", 0);
	expect("-opw", "application/pdf", EXTRACT_OK, zh_utf8);
}

/* Job workers extract side by side: each child gets its own document and
 * pipes, none of another's (or the answers would mix, or wait). */
static void *
extract_some(void *arg)
{
	intptr_t bad = 0;

	for (int i = 0; i < 4; i++) {
		char *out = NULL;
		size_t len = 0;
		enum extract_status st = extract_text(arg, "application/pdf", NULL, &out, &len);

		if (st != EXTRACT_OK || !out || !strstr(out, zh_utf8))
			bad++;
		free(out);
	}
	return (void *)bad;
}

static void
test_threads(void **state)
{
	pthread_t t[4];
	char p[4][512];

	for (int i = 0; i < 4; i++) {
		char name[16];

		snprintf(name, sizeof name, "t%d.pdf", i);
		write_words_pdf(name, 0);
		snprintf(p[i], sizeof p[i], "%s", path_of(name));
		assert_int_equal(pthread_create(&t[i], NULL, extract_some, p[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		void *bad;

		assert_int_equal(pthread_join(t[i], &bad), 0);
		assert_null(bad);
	}
	assert_nothing_left();
}

static volatile int hang_done;	/* set when extract_hang returns */

static void *
extract_hang(void *arg)
{
	struct extract_limits lim = { .wall_ms = 20000 };
	char *out = NULL;
	size_t len = 0;
	enum extract_status st = extract_text(arg, "application/pdf", &lim, &out, &len);

	__atomic_store_n(&hang_done, 1, __ATOMIC_SEQ_CST);
	return (void *)(intptr_t)st;
}

/* A converter that hangs holds only its own pipes: documents extracted
 * meanwhile by other workers end as soon as their converters do. */
static void
test_hang_beside(void **state)
{
	const struct member m[] = { { "word/document.xml", docx_xml, 0, 0 } };
	char fake[512], pdf[512];
	pthread_t t;
	void *st;

	write_hang_script("hang2.sh");
	snprintf(fake, sizeof fake, "%s", path_of("hang2.sh"));
	write_words_pdf("hang2.pdf", 0);
	snprintf(pdf, sizeof pdf, "%s", path_of("hang2.pdf"));
	write_zip("beside.docx", m, 1);
	extract_test_tool("pdftotext", fake);
	double t0 = now_ms();
	assert_int_equal(pthread_create(&t, NULL, extract_hang, pdf), 0);
	for (int i = 0; i < 10; i++) {
		char *out = NULL;
		size_t len = 0;

		assert_int_equal(extract_text(path_of("beside.docx"), DOCX, NULL, &out, &len),
		    EXTRACT_OK);
		free(out);
	}
	double took = now_ms() - t0;
	/* the ten ended while the hang still held its converter (20 s): no
	 * wall-clock guess, only the order of the two events */
	int hang_ended_first = __atomic_load_n(&hang_done, __ATOMIC_SEQ_CST);
	assert_int_equal(pthread_join(t, &st), 0);
	extract_test_tool("pdftotext", NULL);
	assert_int_equal((intptr_t)st, EXTRACT_TIMEOUT);
	print_message("# 10 DOCX beside a hanging PDF: %.0f ms\n", took);
	assert_false(hang_ended_first);
	assert_nothing_left();
}

/* ---- plain text and the rest ------------------------------------------- */

static void
test_plain(void **state)
{
	static const char txt[] = "\xef\xbb\xbfLigne un\r\nbad \xff\xfe byte\0nul\f\x01page";
	static const char blank[] = " \n\t\r\n";
	struct extract_limits lim = { .max_out = 5 };
	char *out = NULL;
	size_t len = 0;

	write_file("notes.txt", txt, sizeof txt - 1, 0600);
	assert_int_equal(run("notes.txt", "text/plain; charset=utf-8", NULL, &out, &len), EXTRACT_OK);
	assert_string_equal(out, "Ligne un\nbad \xef\xbf\xbd\xef\xbf\xbd bytenul\npage");
	free(out);
	write_file("accents.txt", "ééé", 6, 0600);
	assert_int_equal(run("accents.txt", "text/plain", &lim, &out, &len), EXTRACT_TOO_LARGE);
	assert_string_equal(out, "éé");
	free(out);
	write_file("blank.txt", blank, sizeof blank - 1, 0600);
	expect("blank.txt", "text/plain", EXTRACT_EMPTY, NULL);
}

/* Bidi marks: an Arabic word wrapped in them, or holding one, comes out
 * as the word a reader searches for; where pdftotext puts one in place of
 * the space between Arabic and a number, it stays a space. */
static void
test_bidi_marks(void **state)
{
	static const char txt[] = "\u202b\u0627\u0644\u200f\u0641\u0633\u0627\u062f\u202c "
	    "\u2067\u05e9\u05dc\u05d5\u05dd\u2069 2024\u202c\u0628\u0634\u0623\u0646\u061c";
	static const char *const paras[] = {
		"\u0627\u0639\u062a\u0645\u062f \u0627\u0644\u0645\u0624\u062a\u0645\u0631 "
		"\u0627\u0644\u0642\u0631\u0627\u0631 9/1 \u0641\u064a \u0639\u0627\u0645 "
		"2024 \u0628\u0634\u0623\u0646 \u0645\u0643\u0627\u0641\u062d\u0629 "
		"\u0627\u0644\u0641\u0633\u0627\u062f",
		"\u202b\u0627\u0644\u0641\u0633\u0627\u062f\u202c \u200f\u0627\u0644\u0646"
		"\u0632\u0627\u0647\u0629\u200f",
	};
	char *out = NULL;
	size_t len = 0;
	struct buf pdf;

	write_file("rtl.txt", txt, sizeof txt - 1, 0600);
	assert_int_equal(run("rtl.txt", "text/plain", NULL, &out, &len), EXTRACT_OK);
	assert_string_equal(out, "\u0627\u0644\u0641\u0633\u0627\u062f \u05e9\u05dc\u05d5"
	    "\u05dd 2024 \u0628\u0634\u0623\u0646");
	free(out);

	/* an Arabic PDF as the demo data makes them (src/extract/pdfgen.c) */
	buf_init(&pdf, 1u << 20);
	assert_int_equal(pdfgen_text(&pdf, "\u062f\u0644\u064a\u0644", paras, 2), WS_OK);
	write_file("rtl.pdf", pdf.data, pdf.len, 0600);
	buf_free(&pdf);
	assert_int_equal(run("rtl.pdf", "application/pdf", NULL, &out, &len), EXTRACT_OK);
	for (size_t i = 0; i + 2 < len; i++)
		if (unicode_bidi_mark(((unsigned long)(out[i] & 0x0f) << 12) |
		    ((unsigned long)(out[i + 1] & 0x3f) << 6) | (out[i + 2] & 0x3f)) &&
		    (out[i] & 0xf0) == 0xe0)
			fail_msg("a bidi mark at byte %zu of \"%s\"", i, out);
	assert_null(strstr(out, "\xd8\x9c"));	/* U+061C */
	assert_non_null(strstr(out, "\u0627\u0644\u0641\u0633\u0627\u062f"));	/* al-fasad */
	assert_non_null(strstr(out, "\u0627\u0644\u0646\u0632\u0627\u0647\u0629"));
	assert_non_null(strstr(out, "9/1 "));
	assert_non_null(strstr(out, "2024 "));
	free(out);
}

static void
test_unsupported(void **state)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	char *out = (char *)"x";
	size_t len = 1;

	write_file("logo.png", png, sizeof png, 0600);
	expect("logo.png", "image/png", EXTRACT_UNSUPPORTED, NULL);
	expect("logo.png", "image/jpeg", EXTRACT_UNSUPPORTED, NULL);
	expect("logo.png", "application/octet-stream", EXTRACT_UNSUPPORTED, NULL);
	assert_int_equal(extract_text(path_of("logo.png"), NULL, NULL, &out, &len),
	    EXTRACT_UNSUPPORTED);
	assert_null(out);
	assert_int_equal(extract_text(path_of("missing.pdf"), "application/pdf", NULL, &out, &len),
	    EXTRACT_FAILED);
	assert_null(out);
}

static void
test_status_names(void **state)
{
	assert_string_equal(extract_status_name(EXTRACT_OK), "extracted");
	assert_string_equal(extract_status_name(EXTRACT_TIMEOUT), "timeout");
	assert_string_equal(extract_status_name(EXTRACT_TOO_LARGE), "too_large");
	assert_string_equal(extract_status_name(EXTRACT__MAX), "failed");
}

/* ---- the stripper on its own ------------------------------------------ */

static char *
strip(const char *xml, size_t piece, size_t max)
{
	struct xml_text x;
	struct buf out;
	size_t n = strlen(xml);

	buf_init(&out, max);
	xml_text_init(&x, &out);
	for (size_t i = 0; i < n; i += piece)
		if (xml_text_feed(&x, xml + i, n - i < piece ? n - i : piece) != WS_OK)
			break;
	return out.data ? buf_steal(&out) : xstrdup("");
}

static void
test_stripper(void **state)
{
	static const char *const cases[][2] = {
		{ "<a>x &lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#0;&#xD800;&#99999999;y</a>",
		    "x <>&\"' AB\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy" },
		{ "a&unknown;b&amp c&#x;d", "ab cd" },
		{ "<p a='>' b=\">\">t</p><!-- > -- --><?pi > ?>u", "t\nu" },
		{ "<?xml version=\"1.0\"?>\r\n <r>a</r>", "a" },
		{ "<![CDATA[<x>]]]]>", "<x>]]" },
		{ "<w:p/><w:p/>a<w:p/><w:p/>b<w:tab/>c<w:br/>d", "a\nb\tc\nd" },
		{ "<averyveryveryveryveryveryverylongnamethatdoesnotfitinthebuffer>t</x>", "t" },
		{ "<w:instrText>PAGE</w:instrText>v<w:instrText/>w", "vw" },
		{ "<!DOCTYPE d [<!ELEMENT a (b)>]>z<!x>", "z" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (size_t piece = 1; piece <= 7; piece += 3) {
			char *s = strip(cases[i][0], piece, 1000);

			if (strcmp(s, cases[i][1]) != 0)
				fail_msg("case %zu by %zu: \"%s\", expected \"%s\"", i, piece, s,
				    cases[i][1]);
			free(s);
		}
	}
	/* The ceiling stops it, and a character of an entity is never split. */
	char *s = strip("abc&#20013;", 1, 5);
	assert_string_equal(s, "abc");
	free(s);
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/whatson-extract.XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (getenv("EXTRACT_TEST_KEEP")) {	/* to look at the files by hand */
		fprintf(stderr, "# kept %s\n", dir);
		return 0;
	}
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			unlink(path_of(e->d_name));
	if (d)
		closedir(d);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_words),
		cmocka_unit_test(test_pdf_encrypted),
		cmocka_unit_test(test_pdf_corrupt),
		cmocka_unit_test(test_pdf_empty),
		cmocka_unit_test(test_pdf_too_large),
		cmocka_unit_test(test_pdf_hangs),
		cmocka_unit_test(test_pdf_spins),
		cmocka_unit_test(test_converter_fails),
		cmocka_unit_test(test_docx),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_pptx),
		cmocka_unit_test(test_odt),
		cmocka_unit_test(test_ods),
		cmocka_unit_test(test_docx_margins),
		cmocka_unit_test(test_xlsx_inline),
		cmocka_unit_test(test_pptx_notes),
		cmocka_unit_test(test_odf_margins),
		cmocka_unit_test(test_zip_bomb_margin),
		cmocka_unit_test(test_office_corrupt),
		cmocka_unit_test(test_office_encrypted),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_office_too_large),
		cmocka_unit_test(test_odd_names),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_hang_beside),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_bidi_marks),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_stripper),
	};

	return cmocka_run_group_tests_name("extract", tests, setup, teardown);
}
