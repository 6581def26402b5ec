/*
 * extract_int.h -- the parts of the extract module shared between its files
 * and its tests: the child runner (run.c), the XML-to-text stripper and the
 * UTF-8 cleaner (text.c).  Nothing outside src/extract/ uses them but the
 * unit test and the fuzz harness.
 */
#ifndef WS_EXTRACT_INT_H
#define WS_EXTRACT_INT_H

#include <stddef.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/err.h"
#include "extract/extract.h"

/* ---- the child runner (run.c) ---------------------------------------- */

/* Called with each piece of the child's standard output as it arrives;
 * returns nonzero when it has had enough (the child is then killed and
 * run_child() reports stopped). */
typedef int (*run_sink)(void *ctx, const char *p, size_t n);

struct run_result {
	int started;		/* the program was exec'd (0: fork or exec failed) */
	int exited, code;	/* exited normally, with this status */
	int signaled, sig;	/* killed by this signal */
	int timed_out;		/* we killed it at the wall-clock deadline */
	int stopped;		/* we killed it because the sink said enough */
	double cpu_s;		/* CPU seconds it used (user + system) */
	long maxrss_kb;		/* its peak resident memory */
	double wall_ms;		/* from fork to reaped */
	char err[2048];		/* the last bytes of its standard error, NUL-terminated */
};

/* Runs argv (argv[0] an absolute path; no shell, no PATH search) with the
 * file descriptor in_fd as its descriptor 3 (so a document is named to the
 * program as "/dev/fd/3", never by a path it could interpret), standard
 * input from /dev/null, in a new session and process group, under the
 * limits of lim (RLIMIT_CPU, RLIMIT_AS, RLIMIT_FSIZE 0, RLIMIT_NOFILE,
 * RLIMIT_CORE 0), with every other descriptor closed.  Standard output goes
 * to sink as it is read; the last bytes of standard error are kept in
 * r->err.  The whole process group is killed with SIGKILL at the wall
 * deadline or when the sink stops, and the child is always reaped.
 * WS_EIO when the child could not be started (r->started 0). */
enum ws_err run_child(const char *const argv[], int in_fd,
    const struct extract_limits *lim, run_sink sink, void *ctx,
    struct run_result *r) WS_WUR;

/* ---- text (text.c) --------------------------------------------------- */

/* A streaming XML-to-text stripper for the members of OOXML and ODF files:
 * character data and CDATA are kept, entities (&amp; &lt; &gt; &quot;
 * &apos; &#N; &#xN;) decoded, the ends of paragraphs and rows become
 * newlines and the ends of cells tabs (written only between texts), tab
 * elements tabs, line breaks newlines;
 * tags, comments, processing instructions, doctype and field codes are
 * dropped, and so are the author and date of an ODF annotation (its words
 * are kept).  The output is the same however the input is split into pieces.
 * It may hold invalid UTF-8 (as the input did): text_clean() follows. */
/* What of a member is text, beyond the rules above. */
enum xml_profile {
	XML_ALL,	/* all its character data: bodies, notes, slides, shared strings */
	XML_SHEET,	/* a SpreadsheetML worksheet: only inline strings (<is>); values
			 * (<v>: numbers, indexes into the shared strings) and formulas
			 * (<f>) dropped, <c> ends a cell and <row> a line */
	XML_ODF_STYLES,	/* an ODF styles.xml: only the page headers and footers */
};

struct xml_text {
	struct buf *out;	/* where text goes; its ceiling stops the feed */
	enum xml_profile profile; /* set by the caller between members */
	int state;
	int quote;		/* the quote open inside a tag, or 0 */
	int end_tag;		/* the tag being read is </...> */
	int skip;		/* inside an element whose text is dropped */
	int outside;		/* XML_ODF_STYLES: not inside a header or footer */
	int note;		/* inside an ODF annotation (its author and date dropped) */
	char pending;		/* a separator to write before the next text, or 0 */
	int after_pi;		/* just after <?...?>: blanks are not text */
	size_t nlen;		/* bytes of name[] */
	char name[48];		/* the tag's local name (after any prefix) */
	char prev;		/* the previous character of the tag */
	size_t mlen;		/* bytes of markup matched (comments, CDATA) */
	size_t elen;		/* bytes of ent[] */
	char ent[16];		/* the entity being read, after '&' */
};

/* Starts with profile XML_ALL. */
void xml_text_init(struct xml_text *x, struct buf *out);
/* Before the next member: reads it with profile p, from a clean state (a
 * member cut short leaves nothing open), its text on a new line. */
void xml_text_profile(struct xml_text *x, enum xml_profile p);
/* Feeds n bytes.  WS_ETOOBIG when out reached its ceiling (the text so far
 * is kept, cut at that point). */
enum ws_err xml_text_feed(struct xml_text *x, const char *p, size_t n) WS_WUR;

/* Appends to out the text of in[0..n) as handed to callers: valid UTF-8
 * (each invalid byte becomes U+FFFD), a leading byte-order mark and every
 * bidi mark (unicode_bidi_mark(): pdftotext and RTL documents leave them
 * between and inside Arabic and Hebrew words) dropped, no
 * NUL or control character but tab and newline (CR LF, CR and form feed
 * become newlines, other controls are dropped), and never past out's
 * ceiling: the text is cut at a character boundary and *cut set.  When
 * truncated, in was cut short by an earlier limit: a character it ends in
 * the middle of is dropped (and *cut set) rather than replaced. */
void text_clean(const char *in, size_t n, int truncated, struct buf *out, int *cut);

/* True when s[0..n) is only spaces, tabs and newlines (or empty). */
int text_blank(const char *s, size_t n);

#ifdef WHATSON_TEST_HOOKS
/* Test builds: runs the program at path instead of the named converter
 * ("pdftotext", "unzip"); NULL restores the real one.  Not thread-safe. */
void extract_test_tool(const char *name, const char *path);
#endif

#endif
