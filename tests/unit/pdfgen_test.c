/*
 * pdfgen_test.c -- the PDF writer (src/extract/pdfgen.h), read back by the
 * real extract_text() (pdftotext in a child).  A user would notice: the
 * words of a French, Spanish, Russian, Chinese or Arabic document not found
 * by search; a title or paragraph holding ( ) or \ breaking the file; a
 * long text cut, run off the page or split mid-word; a file whose xref
 * points at the wrong bytes (pdftotext repairs it quietly, stricter readers
 * do not, so the offsets are checked here); and oversized or broken input
 * taken instead of refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "extract/extract.h"
#include "extract/pdfgen.h"

static char dir[256];

/* Writes a PDF of title and paragraphs and returns the text extract_text()
 * finds in it (free() it); asserts the xref is true on the way. */
static char *
roundtrip(const char *title, const char *const *paras, size_t n)
{
	static unsigned seq;
	struct buf b;
	char path[512], *out = NULL;
	size_t len = 0;
	int fd;

	buf_init(&b, 16u << 20);
	assert_int_equal(pdfgen_text(&b, title, paras, n), WS_OK);
	snprintf(path, sizeof path, "%s/doc%u.pdf", dir, seq++);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b.data, b.len), (ssize_t)b.len);
	close(fd);
	buf_free(&b);
	assert_int_equal(extract_text(path, "application/pdf", NULL, &out, &len), EXTRACT_OK);
	return out;
}

/* Replaces the bidi controls pdftotext puts round right-to-left text
 * (U+202A..U+202E) with spaces. */
static void
unbidi(char *s)
{
	for (; *s; s++)
		if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
		    (unsigned char)s[2] >= 0xaa && (unsigned char)s[2] <= 0xae)
			memset(s, ' ', 3), s += 2;
}

/* The words of s (split at white space, or also at ASCII punctuation
 * and the Arabic comma when loose), joined by single spaces; free() it. */
static char *
words(const char *s, int loose)
{
	struct buf b;
	int sep = 1;

	buf_init(&b, 1u << 24);
	while (*s) {
		size_t k = 1;
		int space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\f' || *s == '\r';

		if (loose && (strchr(".,;:()!?", *s) || strncmp(s, "\xd8\x8c", 2) == 0))
			space = 1, k = *s == '\xd8' ? 2 : 1;
		if (space) {
			sep = 1;
		} else {
			if (sep && b.len)
				assert_int_equal(buf_addc(&b, ' '), WS_OK);
			assert_int_equal(buf_addc(&b, *s), WS_OK);
			sep = 0;
		}
		s += k;
	}
	{
		char *r = buf_steal(&b);

		return r ? r : xstrdup("");
	}
}

/* Asserts that the words of what came back are those of title and paras. */
static void
assert_same_words(const char *got, const char *title, const char *const *paras, size_t n,
    int loose)
{
	struct buf want;
	char *w, *g, *copy = xstrdup(got);

	buf_init(&want, 1u << 24);
	assert_int_equal(buf_printf(&want, "%s\n", title ? title : ""), WS_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(buf_printf(&want, "%s\n", paras[i]), WS_OK);
	unbidi(copy);
	w = words(buf_str(&want), loose);
	g = words(copy, loose);
	assert_string_equal(g, w);
	free(w);
	free(g);
	free(copy);
	buf_free(&want);
}

static void
test_french_spanish_english(void **state)
{
	static const char *const p[] = {
		"Les organisations de la société civile participent à l’examen de "
		"l’application de la Convention des Nations Unies contre la criminalité "
		"transnationale organisée : elles présentent des « contributions écrites » "
		"et dialoguent avec les États parties, notamment à Genève et à Vienne.",
		"La trata de personas y el tráfico ilícito de migrantes afectan a niñas, "
		"niños y adolescentes; ¿cómo protegemos a las víctimas? ¡Con cooperación!",
		"Œuvre collective — 2024 – “quoted” ‘text’ … €5 ™ Ÿ",
		"Civil society engagement in the review mechanism of the Convention.",
	};
	char *got = roundtrip("Guía práctica : l’été à Genève", p, 4);

	assert_same_words(got, "Guía práctica : l’été à Genève", p, 4, 0);
	free(got);
}

static void
test_russian(void **state)
{
	static const char *const p[] = {
		"Организации гражданского общества играют важную роль в борьбе с "
		"транснациональной организованной преступностью и коррупцией.",
		"Механизм обзора хода осуществления Конвенции предусматривает "
		"конструктивный диалог с заинтересованными сторонами; Ёлка, ёж — «кавычки».",
	};
	char *got = roundtrip("Руководство для гражданского общества", p, 2);

	assert_same_words(got, "Руководство для гражданского общества", p, 2, 0);
	free(got);
}

/* Chinese has no spaces: lines break between characters, so the text
 * comes back with line ends where the lines wrapped and nothing else. */
static void
test_chinese(void **state)
{
	static const char *const p[] = {
		"民间社会组织在打击跨国有组织犯罪和腐败方面发挥着重要作用。"
		"审议机制为各国政府与利益攸关方之间的建设性对话提供了平台，"
		"包括非政府组织、学术界和私营部门。各国应当保护人口贩运的受害者，"
		"并加强刑事司法系统的能力建设。本指南介绍了参与审议进程的具体步骤。",
	};
	char *got = roundtrip("利益攸关方参与工具包", p, 1), *want, *g;
	size_t lines = 0;

	for (const char *s = got; *s; s++)
		lines += *s == '\n';
	assert_true(lines >= 4);	/* the title, and the paragraph wrapped */
	unbidi(got);
	want = xmalloc(strlen(p[0]) + 64);
	snprintf(want, strlen(p[0]) + 64, "利益攸关方参与工具包%s", p[0]);
	g = got;
	for (char *r = got, *w = got; ; r++) {	/* squeeze out white space */
		if (*r != ' ' && *r != '\n' && *r != '\f')
			*w++ = *r;
		if (!*r)
			break;
	}
	assert_string_equal(g, want);
	free(want);
	free(got);
}

/* Arabic is set right to left and comes back in logical order, inside the
 * bidi controls pdftotext adds; it moves punctuation next to a word to the
 * other side of the space, so the words are compared without it. */
static void
test_arabic(void **state)
{
	static const char *const p[] = {
		"تعمل منظمات المجتمع المدني، بالتعاون مع الحكومات، على مكافحة الفساد "
		"والجريمة المنظمة عبر الوطنية في المنطقة العربية. وتدعم آلية استعراض "
		"تنفيذ الاتفاقية الحوار البناء بين الدول الأطراف وأصحاب المصلحة.",
		"يقدم هذا الدليل خطوات عملية لحماية ضحايا الاتجار بالأشخاص.",
	};
	char *got = roundtrip("دليل المجتمع المدني", p, 2);

	assert_same_words(got, "دليل المجتمع المدني", p, 2, 1);
	free(got);
}

/* Numbers and Latin words inside Arabic keep their own order. */
static void
test_arabic_numbers(void **state)
{
	static const char *const p[] = { "اعتمد المؤتمر القرار 9/1 في عام 2024 بشأن اتفاقية UNTOC لعام 2000" };
	char *got = roundtrip(NULL, p, 1);

	assert_non_null(strstr(got, "9/1"));
	assert_non_null(strstr(got, "2024"));
	assert_non_null(strstr(got, "UNTOC"));
	assert_non_null(strstr(got, "2000"));
	assert_null(strstr(got, "4202"));
	assert_same_words(got, NULL, p, 1, 1);
	free(got);
}

/* ( ) and \ are the bytes that end or escape a PDF string. */
static void
test_escapes(void **state)
{
	static const char *const p[] = {
		"Article 5 (a) and (b) \\ a backslash \\\\ two, ((nested)) \\( ) ( \\)",
		"Россия (РФ) \\ 中国（中华人民共和国）\\(",
	};
	char *got = roundtrip("Title (with) \\ parentheses)", p, 2);

	assert_same_words(got, "Title (with) \\ parentheses)", p, 2, 0);
	free(got);
}

/* A long text wraps into lines at spaces (no word cut) and flows onto new
 * pages as each fills. */
static void
test_long_text_pages(void **state)
{
	const char *p[40];
	struct buf para[40], file;
	size_t pages = 0;
	char *got;

	for (int i = 0; i < 40; i++) {
		buf_init(&para[i], 1u << 16);
		for (int w = 0; w < 60; w++)
			assert_int_equal(buf_printf(&para[i], "%smot%02d-%02d%s", w ? " " : "",
			    i, w, w % 7 == 3 ? " préservé" : ""), WS_OK);
		p[i] = buf_str(&para[i]);
	}
	got = roundtrip("Long", p, 40);
	assert_same_words(got, "Long", p, 40, 0);
	/* Every line fits the page: pdftotext ends each one, none is a
	 * whole paragraph. */
	for (const char *s = got, *e; *s; s = *e ? e + 1 : e) {
		e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		assert_true(e - s < 120);
	}
	buf_init(&file, 16u << 20);
	assert_int_equal(pdfgen_text(&file, "Long", p, 40), WS_OK);
	assert_non_null(strstr(file.data, "/Count "));
	pages = (size_t)strtol(strstr(file.data, "/Count ") + 7, NULL, 10);
	print_message("# %zu pages\n", pages);
	assert_true(pages >= 5);
	buf_free(&file);
	for (int i = 0; i < 40; i++)
		buf_free(&para[i]);
	free(got);
}

/* A word wider than a line is cut rather than run off the page; thousands
 * of distinct characters all get a code in the font and come back. */
static void
test_wide_word_and_many_glyphs(void **state)
{
	struct buf w, cjk;
	const char *p[2];
	char *got, *squeezed;

	buf_init(&w, 1u << 16);
	buf_init(&cjk, 1u << 16);
	for (int i = 0; i < 300; i++)
		assert_int_equal(buf_addc(&w, (char)('a' + i % 26)), WS_OK);
	for (uint32_t cp = 0x4e00; cp < 0x4e00 + 3000; cp++) {
		char u[3] = { (char)(0xe0 | cp >> 12), (char)(0x80 | ((cp >> 6) & 0x3f)),
		    (char)(0x80 | (cp & 0x3f)) };
		assert_int_equal(buf_add(&cjk, u, 3), WS_OK);
	}
	p[0] = buf_str(&w);
	p[1] = buf_str(&cjk);
	got = roundtrip(NULL, p, 2);
	squeezed = xstrdup(got);
	for (char *r = squeezed, *o = squeezed; ; r++) {
		if (*r != ' ' && *r != '\n' && *r != '\f')
			*o++ = *r;
		if (!*r)
			break;
	}
	assert_int_equal(strncmp(squeezed, p[0], 300), 0);
	assert_string_equal(squeezed + 300, p[1]);
	assert_non_null(strchr(got, '\n'));
	free(squeezed);
	free(got);
	buf_free(&w);
	buf_free(&cjk);
}

/* Every xref entry points at its object, startxref at the xref, and the
 * same input gives the same bytes. */
static void
test_xref_and_determinism(void **state)
{
	static const char *const p[] = { "Un (deux) \\ trois", "Четыре 五 ستة" };
	struct buf a, b;
	const char *x, *s;
	long nobj, at;

	buf_init(&a, 1u << 20);
	buf_init(&b, 1u << 20);
	assert_int_equal(pdfgen_text(&a, "Titre", p, 2), WS_OK);
	assert_int_equal(pdfgen_text(&b, "Titre", p, 2), WS_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_int_equal(memcmp(a.data, "%PDF-1.4\n", 9), 0);

	s = strstr(a.data, "startxref\n");
	assert_non_null(s);
	at = strtol(s + 10, NULL, 10);
	assert_int_equal(memcmp(a.data + at, "xref\n0 ", 7), 0);
	x = a.data + at + 7;
	nobj = strtol(x, (char **)&x, 10);
	assert_true(nobj >= 11);
	x = strchr(x, '\n') + 1 + 20;	/* past entry 0 */
	for (long i = 1; i < nobj; i++, x += 20) {
		char head[32];
		long off = strtol(x, NULL, 10);

		snprintf(head, sizeof head, "%ld 0 obj\n", i);
		assert_true(off > 0 && (size_t)off < a.len);
		assert_int_equal(strncmp(a.data + off, head, strlen(head)), 0);
	}
	assert_int_equal(memcmp(a.data + a.len - 6, "%%EOF\n", 6), 0);
	buf_free(&a);
	buf_free(&b);
}

/* A title alone, empty paragraphs, nothing at all: valid files. */
static void
test_empty_input(void **state)
{
	static const char *const p[] = { "", "   ", "Fin" };
	struct buf b;
	char path[512], *out = NULL;
	size_t len = 0;
	int fd;

	static const char *const bom[] = { "\xef\xbb\xbf" "Bonjour \xef\xbb\xbf tout le monde" };
	char *got = roundtrip(NULL, bom, 1);

	for (size_t n = strlen(got); n && strchr(" \n\f", got[n - 1]); n--)
		got[n - 1] = '\0';
	assert_string_equal(got, "Bonjour tout le monde");	/* the marks dropped */
	free(got);
	free(roundtrip("Seulement un titre", NULL, 0));
	free(roundtrip(NULL, p, 3));
	buf_init(&b, 1u << 20);
	assert_int_equal(pdfgen_text(&b, NULL, NULL, 0), WS_OK);
	snprintf(path, sizeof path, "%s/blank.pdf", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_int_equal(write(fd, b.data, b.len), (ssize_t)b.len);
	close(fd);
	assert_int_equal(extract_text(path, "application/pdf", NULL, &out, &len), EXTRACT_EMPTY);
	buf_free(&b);
}

/* Over a megabyte of text, a PDF over the caller's ceiling, text that is
 * not UTF-8 or holds control characters: refused, out untouched. */
static void
test_limits(void **state)
{
	static const char *const bad[] = {
		"caf\xe9", "\xc0\xaf", "\xed\xa0\x80", "a\x01" "b", "\xf4\x90\x80\x80", "cut \xe2\x82",
	};
	char *big = xmalloc(PDFGEN_MAX_INPUT + 2);
	const char *p[2];
	struct buf b;

	memset(big, 'a', PDFGEN_MAX_INPUT + 1);
	big[PDFGEN_MAX_INPUT + 1] = '\0';
	buf_init(&b, 64u << 20);
	assert_int_equal(buf_adds(&b, "keep"), WS_OK);
	p[0] = big;
	assert_int_equal(pdfgen_text(&b, NULL, p, 1), WS_ETOOBIG);
	big[PDFGEN_MAX_INPUT - 10] = '\0';	/* under the limit alone, over with the title */
	assert_int_equal(pdfgen_text(&b, "a title of more than ten bytes", p, 1), WS_ETOOBIG);
	p[0] = big + PDFGEN_MAX_INPUT / 2 - 1;
	p[1] = big + PDFGEN_MAX_INPUT / 2 - 1;
	memset(big, 'a', PDFGEN_MAX_INPUT);
	big[PDFGEN_MAX_INPUT] = '\0';
	assert_int_equal(pdfgen_text(&b, NULL, p, 2), WS_ETOOBIG);	/* two halves, just over */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p[0] = bad[i];
		assert_int_equal(pdfgen_text(&b, NULL, p, 1), WS_EINVAL);
		assert_int_equal(pdfgen_text(&b, bad[i], NULL, 0), WS_EINVAL);
	}
	assert_string_equal(buf_str(&b), "keep");
	buf_free(&b);

	buf_init(&b, 1000);	/* room for "keep" and not for a PDF */
	assert_int_equal(buf_adds(&b, "keep"), WS_OK);
	p[0] = "Assez court, mais le PDF ne tient pas en mille octets.";
	assert_int_equal(pdfgen_text(&b, NULL, p, 1), WS_ETOOBIG);
	assert_string_equal(buf_str(&b), "keep");
	buf_free(&b);
	free(big);
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/whatson-pdfgen.XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[600];

	if (getenv("PDFGEN_TEST_KEEP")) {	/* to look at the files by hand */
		fprintf(stderr, "# kept %s\n", dir);
		return 0;
	}
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_french_spanish_english),
		cmocka_unit_test(test_russian),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_arabic_numbers),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_long_text_pages),
		cmocka_unit_test(test_wide_word_and_many_glyphs),
		cmocka_unit_test(test_xref_and_determinism),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
