/*
 * extract.c -- the text inside a document (extract.h): which converter a
 * type gets, and what its ending means.
 *
 *   application/pdf        pdftotext (poppler-utils) in a child (run.c)
 *   OOXML and ODF          unzip -p of the members holding the text, in a
 *                          child; their XML turned into text here (text.c)
 *   text/plain             read here
 *   anything else          unsupported
 *
 * Every converter's output, however it ended, goes through text_clean(), so
 * what callers get is valid UTF-8 without NUL, at most max_out bytes.
 * docs/internals/extract.md has the limits and the figures.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "extract/extract_int.h"

const struct extract_limits extract_default_limits = {
	.cpu_s = 20, .wall_ms = 30000, .mem_bytes = 512u << 20, .max_out = 4u << 20,
};

static const char *const status_names[] = {
	"extracted", "empty", "unsupported", "corrupt", "encrypted", "timeout",
	"too_large", "failed",
};
_Static_assert(sizeof status_names / sizeof status_names[0] == EXTRACT__MAX,
    "a name for every extract_status");

const char *
extract_status_name(enum extract_status s)
{
	return (unsigned)s < EXTRACT__MAX ? status_names[s] : "failed";
}

/* ---- converters -------------------------------------------------------- */

enum tool { TOOL_PDFTOTEXT, TOOL_UNZIP, TOOL__MAX };

static const char *const tool_paths[] = { "/usr/bin/pdftotext", "/usr/bin/unzip" };
_Static_assert(sizeof tool_paths / sizeof tool_paths[0] == TOOL__MAX, "a path for every tool");

static const char *tool_override[TOOL__MAX];

#ifdef WHATSON_TEST_HOOKS
static const char *const tool_names[] = { "pdftotext", "unzip" };
_Static_assert(sizeof tool_names / sizeof tool_names[0] == TOOL__MAX, "a name for every tool");

void
extract_test_tool(const char *name, const char *path)
{
	for (int t = 0; t < TOOL__MAX; t++)
		if (strcmp(tool_names[t], name) == 0)
			tool_override[t] = path;
}
#endif

static const char *
tool(enum tool t)
{
	return tool_override[t] ? tool_override[t] : tool_paths[t];
}

/* The bytes of XML an office document may make unzip write, per byte of
 * text kept: markup is most of an OOXML member, and a ZIP bomb is stopped
 * here, never by the sizes the ZIP declares. */
#define XML_PER_TEXT 16

enum kind { K_PLAIN, K_PDF, K_ZIP, K_ENCRYPTED };

/* The members of an office document that hold its words, read in order, one
 * unzip child per part (unzip writes members in the archive's order, so the
 * body goes first this way, before its notes and margins share what is
 * left of the limits).  A part whose members are missing is skipped. */
struct part {
	const char *member[5];	/* unzip patterns, NULL-ended */
	enum xml_profile profile;
};

#define PARTS_MAX 2

static const struct {
	const char *type;
	enum kind kind;
	struct part part[PARTS_MAX];	/* K_ZIP */
} types[] = {
	{ "text/plain", K_PLAIN, { { { NULL }, XML_ALL } } },
	{ "application/pdf", K_PDF, { { { NULL }, XML_ALL } } },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document", K_ZIP, {
	    { { "word/document.xml", NULL }, XML_ALL },
	    { { "word/header*.xml", "word/footer*.xml", "word/footnotes.xml",
		"word/endnotes.xml", NULL }, XML_ALL } } },
	/* Cell text is in the shared strings, or inline in a sheet (<is>):
	 * the strings first, so numbers filling the sheets cannot use up the
	 * markup allowed before them. */
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", K_ZIP, {
	    { { "xl/sharedStrings.xml", NULL }, XML_ALL },
	    { { "xl/worksheets/sheet*.xml", NULL }, XML_SHEET } } },
	{ "application/vnd.openxmlformats-officedocument.presentationml.presentation", K_ZIP, {
	    { { "ppt/slides/slide*.xml", NULL }, XML_ALL },
	    { { "ppt/notesSlides/notesSlide*.xml", NULL }, XML_ALL } } },
	/* ODF keeps notes, annotations and a spreadsheet's cells in
	 * content.xml; a text's page headers and footers in styles.xml. */
	{ "application/vnd.oasis.opendocument.text", K_ZIP, {
	    { { "content.xml", NULL }, XML_ALL },
	    { { "styles.xml", NULL }, XML_ODF_STYLES } } },
	{ "application/vnd.oasis.opendocument.spreadsheet", K_ZIP, {
	    { { "content.xml", NULL }, XML_ALL },
	    { { "styles.xml", NULL }, XML_ODF_STYLES } } },
	{ "application/vnd.oasis.opendocument.presentation", K_ZIP, {
	    { { "content.xml", NULL }, XML_ALL } } },
	/* What libmagic calls a password-protected OOXML file (an OLE2
	 * container around the encrypted package). */
	{ "application/encrypted", K_ENCRYPTED, { { { NULL }, XML_ALL } } },
	{ "application/CDFV2-encrypted", K_ENCRYPTED, { { { NULL }, XML_ALL } } },
};

/* Every field of lim, or the default where it is zero. */
static struct extract_limits
limits_of(const struct extract_limits *lim)
{
	struct extract_limits l = extract_default_limits;

	if (lim) {
		if (lim->cpu_s > 0)
			l.cpu_s = lim->cpu_s;
		if (lim->wall_ms > 0)
			l.wall_ms = lim->wall_ms;
		if (lim->mem_bytes > 0)
			l.mem_bytes = lim->mem_bytes;
		if (lim->max_out > 0)
			l.max_out = lim->max_out;
	}
	return l;
}

/* Turns raw converter output into the caller's text.  truncated: a limit
 * cut raw short.  EXTRACT_EMPTY when there is no text but blanks. */
static enum extract_status
finish(const char *raw, size_t n, int truncated, size_t max_out, char **out, size_t *len)
{
	struct buf t;
	int cut = 0;

	buf_init(&t, max_out);
	text_clean(raw, n, truncated, &t, &cut);
	if (text_blank(t.data, t.len)) {
		buf_free(&t);
		return EXTRACT_EMPTY;
	}
	*len = t.len;
	*out = buf_steal(&t);
	return truncated || cut ? EXTRACT_TOO_LARGE : EXTRACT_OK;
}

/* How a run ended, whatever the converter: EXTRACT_OK when it exited 0 (or
 * the sink stopped it: EXTRACT_TOO_LARGE), EXTRACT__MAX when only the
 * converter's own exit status can tell. */
static enum extract_status
run_status(const struct run_result *r, const struct extract_limits *lim)
{
	if (r->stopped)
		return EXTRACT_TOO_LARGE;
	if (r->timed_out)
		return EXTRACT_TIMEOUT;
	if (r->signaled) {
		if (r->sig == SIGXCPU || (r->sig == SIGKILL && r->cpu_s >= lim->cpu_s))
			return EXTRACT_TIMEOUT;		/* RLIMIT_CPU, soft then hard */
		if (r->sig == SIGSEGV || r->sig == SIGBUS || r->sig == SIGFPE ||
		    r->sig == SIGILL || r->sig == SIGABRT)
			return strstr(r->err, "bad_alloc") ? EXTRACT_FAILED : EXTRACT_CORRUPT;
		return EXTRACT_FAILED;
	}
	if (!r->exited)
		return EXTRACT_FAILED;			/* not reaped by us */
	if (strstr(r->err, "bad_alloc") || strstr(r->err, "ut of memory"))
		return EXTRACT_FAILED;			/* RLIMIT_AS */
	/* The converter could not open /dev/fd/3 (no /proc?): our fault,
	 * not the document's. */
	if (strstr(r->err, "Couldn't open file") || strstr(r->err, "cannot find or open"))
		return EXTRACT_FAILED;
	if (r->exited && r->code == 0)
		return EXTRACT_OK;
	return EXTRACT__MAX;
}

static int
collect(void *ctx, const char *p, size_t n)
{
	struct buf *b = ctx;
	size_t room = b->max - b->len;

	if (n > room) {
		if (buf_add(b, p, room) != WS_OK)
			abort();	/* room fits by construction */
		return 1;
	}
	return buf_add(b, p, n) != WS_OK;
}

static enum extract_status
pdf_text(int fd, const struct extract_limits *lim, char **out, size_t *len)
{
	const char *argv[] = {
		tool(TOOL_PDFTOTEXT), "-enc", "UTF-8", "-eol", "unix", "/dev/fd/3", "-", NULL,
	};
	enum extract_status st;
	struct run_result r;
	struct buf raw;

	/* A few bytes past max_out: a character cut by the limit is seen as
	 * such, and the text past it as too large. */
	buf_init(&raw, lim->max_out + 4);
	if (run_child(argv, fd, lim, collect, &raw, &r) != WS_OK) {
		log_warn("extract: could not start %s: %s", argv[0], r.err);
		st = EXTRACT_FAILED;
		goto out;
	}
	st = run_status(&r, lim);
	if (st == EXTRACT_OK || st == EXTRACT_TOO_LARGE) {
		st = finish(raw.data, raw.len, st == EXTRACT_TOO_LARGE, lim->max_out, out, len);
		/* pdftotext says little with its exit status: an unreadable
		 * file may end with 0 and nothing but errors. */
		if (st == EXTRACT_EMPTY && strstr(r.err, "Error"))
			st = EXTRACT_CORRUPT;
	} else if (st == EXTRACT__MAX) {
		/* 1: could not open the PDF; 3: permissions.  Both say why. */
		if ((r.code == 1 || r.code == 3) &&
		    (strstr(r.err, "password") || strstr(r.err, "ermission")))
			st = EXTRACT_ENCRYPTED;
		else if (r.code == 1 || r.code == 3 || r.code == 99)
			st = EXTRACT_CORRUPT;
		else
			st = EXTRACT_FAILED;
	}
out:
	buf_free(&raw);
	return st;
}

struct office {
	struct xml_text x;
	struct buf text;
	size_t xml, xml_max;	/* bytes of XML read, and the most allowed */
	int bomb;		/* stopped at xml_max */
};

static int
office_sink(void *ctx, const char *p, size_t n)
{
	struct office *o = ctx;

	if (n > o->xml_max - o->xml) {
		n = o->xml_max - o->xml;
		o->bomb = 1;
	}
	o->xml += n;
	return xml_text_feed(&o->x, p, n) != WS_OK || o->bomb;
}

/* A password-protected OOXML file is an OLE2 compound file whose
 * directory names an "EncryptedPackage" stream (MS-OFFCRYPTO); it is
 * looked for anywhere in the file, in UTF-16LE as directories hold it. */
static int
ole2_encrypted(int fd)
{
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	const size_t nl = sizeof name - 1;
	char chunk[65536 + sizeof name];
	size_t have = 0;
	off_t at = 0;
	ssize_t n;

	while ((n = pread(fd, chunk + have, sizeof chunk - have, at)) > 0) {
		at += n;
		have += (size_t)n;
		if (memmem(chunk, have, name, nl))
			return 1;
		if (have >= nl) {	/* keep a tail that may start the name */
			memmove(chunk, chunk + have - (nl - 1), nl - 1);
			have = nl - 1;
		}
	}
	return 0;
}

/* Runs unzip on one part of an office document, its XML fed to o under
 * the wall-clock time left of lim.  EXTRACT_OK to go on with the next part
 * (the part was read, or had no member); any other status ends the
 * document (EXTRACT_TOO_LARGE: a limit stopped it, the text so far kept). */
static enum extract_status
office_part(int fd, const struct part *p, const struct extract_limits *lim, double *wall_left,
    struct office *o, int *found)
{
	const char *argv[3 + sizeof p->member / sizeof p->member[0] + 1];
	struct extract_limits l = *lim;
	enum extract_status st;
	struct run_result r;
	size_t n = 0;

	if (*wall_left < 1)
		return EXTRACT_TIMEOUT;
	l.wall_ms = (int)*wall_left;
	argv[n++] = tool(TOOL_UNZIP);
	argv[n++] = "-p";
	argv[n++] = "/dev/fd/3";
	for (size_t i = 0; i < sizeof p->member / sizeof p->member[0] && p->member[i]; i++)
		argv[n++] = p->member[i];
	argv[n] = NULL;
	xml_text_profile(&o->x, p->profile);
	if (run_child(argv, fd, &l, office_sink, o, &r) != WS_OK) {
		log_warn("extract: could not start %s: %s", argv[0], r.err);
		return EXTRACT_FAILED;
	}
	*wall_left -= r.wall_ms;
	st = run_status(&r, &l);
	if (st == EXTRACT_OK)
		*found = 1;
	if (st != EXTRACT__MAX)
		return st;
	/* 1: warnings; 11: a member pattern matched nothing. */
	if (r.exited && (r.code == 1 || r.code == 11))
		return EXTRACT_OK;
	if (strstr(r.err, "password") || r.code == 82)
		return EXTRACT_ENCRYPTED;
	if (r.code >= 4 && r.code <= 7)
		return EXTRACT_FAILED;	/* unzip out of memory */
	return EXTRACT_CORRUPT;		/* not a ZIP, or not this kind of document */
}

static enum extract_status
office_text(int fd, const struct part *parts, const struct extract_limits *lim, char **out,
    size_t *len)
{
	static const unsigned char ole2[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
	unsigned char sig[8] = { 0 };
	double wall_left = lim->wall_ms;
	enum extract_status st = EXTRACT_OK;
	struct office *o;
	int found = 0;

	if (pread(fd, sig, sizeof sig, 0) != (ssize_t)sizeof sig)
		return EXTRACT_CORRUPT;
	if (memcmp(sig, ole2, sizeof ole2) == 0)
		return ole2_encrypted(fd) ? EXTRACT_ENCRYPTED : EXTRACT_CORRUPT;
	if (memcmp(sig, "PK\3\4", 4) != 0)
		return EXTRACT_CORRUPT;

	o = xcalloc(1, sizeof *o);
	buf_init(&o->text, lim->max_out + 4);
	xml_text_init(&o->x, &o->text);
	/* One allowance of markup for the whole document, whatever number
	 * of parts and members it is read from. */
	o->xml_max = lim->max_out > SIZE_MAX / XML_PER_TEXT ? SIZE_MAX :
	    lim->max_out * XML_PER_TEXT;
	for (size_t i = 0; i < PARTS_MAX && parts[i].member[0] && st == EXTRACT_OK; i++)
		st = office_part(fd, &parts[i], lim, &wall_left, o, &found);
	if (st == EXTRACT_OK && !found && o->xml == 0)
		st = EXTRACT_CORRUPT;	/* none of its members: not this kind of document */
	else if (st == EXTRACT_OK || st == EXTRACT_TOO_LARGE) {
		int truncated = st == EXTRACT_TOO_LARGE;

		st = finish(o->text.data, o->text.len, truncated, lim->max_out, out, len);
		if (st == EXTRACT_EMPTY && (o->bomb || truncated))
			st = EXTRACT_CORRUPT;	/* megabytes of markup or blanks, no text */
	}
	buf_free(&o->text);
	free(o);
	return st;
}

static enum extract_status
plain_text(int fd, const struct extract_limits *lim, char **out, size_t *len)
{
	size_t max = lim->max_out + 4, got = 0;
	char *raw = xmalloc(max);
	enum extract_status st;
	ssize_t n = 0;

	while (got < max && (n = pread(fd, raw + got, max - got, (off_t)got)) > 0)
		got += (size_t)n;
	if (n < 0)
		st = EXTRACT_FAILED;
	else
		st = finish(raw, got, got == max, lim->max_out, out, len);
	free(raw);
	return st;
}

/* Whether type (parameters after ';' ignored, case ignored) is t. */
static int
type_is(const char *type, const char *t)
{
	size_t n = strcspn(type, ";");

	while (n > 0 && type[n - 1] == ' ')
		n--;
	return strlen(t) == n && strncasecmp(type, t, n) == 0;
}

enum extract_status
extract_text(const char *path, const char *type, const struct extract_limits *lim,
    char **out, size_t *len)
{
	struct extract_limits l = limits_of(lim);
	enum extract_status st = EXTRACT_UNSUPPORTED;
	struct stat sb;
	size_t i;
	int fd;

	*out = NULL;
	*len = 0;
	for (i = 0; type && i < sizeof types / sizeof types[0]; i++)
		if (type_is(type, types[i].type))
			break;
	if (!type || i == sizeof types / sizeof types[0])
		return EXTRACT_UNSUPPORTED;
	if (types[i].kind == K_ENCRYPTED)
		return EXTRACT_ENCRYPTED;

	/* O_NONBLOCK: a FIFO put in the file's place must not hang us. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		log_warn("extract: cannot open %s: %s", path, strerror(errno));
		return EXTRACT_FAILED;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		st = EXTRACT_FAILED;
		goto out;
	}
	(void)fcntl(fd, F_SETFL, 0);
	switch (types[i].kind) {
	case K_PLAIN:
		st = plain_text(fd, &l, out, len);
		break;
	case K_PDF:
		st = pdf_text(fd, &l, out, len);
		break;
	case K_ZIP:
		st = office_text(fd, types[i].part, &l, out, len);
		break;
	case K_ENCRYPTED:
		break;
	}
out:
	close(fd);
	if (st != EXTRACT_OK && st != EXTRACT_TOO_LARGE) {
		free(*out);
		*out = NULL;
		*len = 0;
	}
	return st;
}
