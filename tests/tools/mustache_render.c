/*
 * mustache_render.c -- renders one template from the command line, for the
 * differential test against mustache.js (tests/mustache/diff.t).
 *
 *   mustache_render TEMPLATE_FILE JSON_FILE [PARTIALS_JSON_FILE]
 *   mustache_render --batch < LIST
 *
 * PARTIALS_JSON_FILE holds an object mapping partial names to template
 * sources.  The rendering goes to stdout; a compile or render error is
 * reported on stderr with exit status 1 (and nothing on stdout).
 *
 * With --batch, each line of standard input names one case's files
 * (TEMPLATE_FILE JSON_FILE [PARTIALS_JSON_FILE], separated by tabs), and
 * each case's result is one line of JSON on stdout, in the same order:
 * {"status": 0 or 1, "out": what it rendered, "err": the message}.  One
 * process renders them all: a sanitized build's start and leak check cost
 * about 85 ms of CPU each, which 500 runs of one case paid 500 times.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/mem.h"
#include "views/mustache.h"

#define OUT_MAX		(64UL * 1024 * 1024)

struct partial {
	const char *name;	/* borrowed from the partials JSON */
	struct mst_tpl *tpl;
};

struct partials {
	struct partial *v;
	size_t n;
};

static const struct mst_tpl *
find_partial(void *ud, const char *name)
{
	const struct partials *ps = ud;
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].name, name) == 0)
			return ps->v[i].tpl;
	return NULL;
}

/* Writes a message into err (len bytes), printf-style. */
static void
say(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

/* Reads a whole file into a buffer; NULL (and why, in err) on failure. */
static char *
slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	struct buf b;
	char chunk[65536];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		say(err, errlen, "mustache_render: %s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, 2 * MST_MAX_SOURCE);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(&b, chunk, n) != WS_OK) {
			say(err, errlen, "mustache_render: %s: too big", path);
			buf_free(&b);
			fclose(f);
			return NULL;
		}
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

static json_t *
load_json(const char *path, char *err, size_t errlen)
{
	json_error_t je;
	json_t *j = json_load_file(path, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);

	if (j == NULL)
		say(err, errlen, "mustache_render: %s:%d: %s", path, je.line, je.text);
	return j;
}

/*
 * Renders the case of files[0] (the template), files[1] (the data) and,
 * when not NULL, files[2] (the partials) into out: 0, or 1 with the reason
 * in err (and out emptied).
 */
static int
render(char *const files[3], struct buf *out, char *err, size_t errlen)
{
	struct partials ps = { NULL, 0 };
	struct mst_env env = { find_partial, NULL, &ps, 0, NULL };
	struct mst_tpl *tpl = NULL;
	json_t *data = NULL, *pj = NULL, *v;
	const char *name;
	char cerr[256], *src = NULL;
	size_t len, i;
	enum ws_err rc;
	int status = 1;

	*err = '\0';
	if ((src = slurp(files[0], &len, err, errlen)) == NULL ||
	    (data = load_json(files[1], err, errlen)) == NULL)
		goto out;
	if (files[2]) {
		if ((pj = load_json(files[2], err, errlen)) == NULL)
			goto out;
		if (!json_is_object(pj)) {
			say(err, errlen, "mustache_render: %s: not an object", files[2]);
			goto out;
		}
		ps.v = xcalloc(json_object_size(pj), sizeof *ps.v);
		json_object_foreach(pj, name, v) {
			if (!json_is_string(v)) {
				say(err, errlen, "mustache_render: partial %s: not a string", name);
				goto out;
			}
			ps.v[ps.n].name = name;
			if (mst_compile(json_string_value(v), json_string_length(v),
			    &ps.v[ps.n].tpl, cerr, sizeof cerr) != WS_OK) {
				say(err, errlen, "mustache_render: partial %s: %s", name, cerr);
				goto out;
			}
			ps.n++;
		}
	}
	if (mst_compile(src, len, &tpl, cerr, sizeof cerr) != WS_OK) {
		say(err, errlen, "mustache_render: %s: %s", files[0], cerr);
		goto out;
	}
	if ((rc = mst_render(tpl, data, &env, out)) != WS_OK) {
		say(err, errlen, "mustache_render: render: %s", ws_strerror(rc));
		goto out;
	}
	status = 0;
out:
	if (status)
		out->len = 0;
	for (i = 0; i < ps.n; i++)
		mst_free(ps.v[i].tpl);
	free(ps.v);
	mst_free(tpl);
	json_decref(pj);
	json_decref(data);
	free(src);
	return status;
}

/* --batch: the cases named on standard input, one JSON line each. */
static int
batch(void)
{
	char line[3 * 4096], err[512];
	int status = 0;

	while (fgets(line, sizeof line, stdin)) {
		char *files[3] = { NULL, NULL, NULL }, *p = line, *tab;
		struct buf out;
		json_t *r;
		int i, st;

		line[strcspn(line, "\n")] = '\0';
		for (i = 0; i < 3 && p; i++) {
			files[i] = p;
			if ((tab = strchr(p, '\t')))
				*tab++ = '\0';
			p = tab;
		}
		buf_init(&out, OUT_MAX);
		if (!files[1]) {
			st = 1;
			say(err, sizeof err, "mustache_render: a line without two files");
		} else {
			st = render(files, &out, err, sizeof err);
		}
		r = json_pack("{s:i,s:s%,s:s}", "status", st, "out", out.data ? out.data : "",
		    out.len, "err", err);
		buf_free(&out);
		if (!r || json_dumpf(r, stdout, JSON_COMPACT | JSON_ENSURE_ASCII) != 0 ||
		    fputc('\n', stdout) == EOF)
			status = 1;
		json_decref(r);
	}
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}

int
main(int argc, char **argv)
{
	char *files[3] = { NULL, NULL, NULL }, err[512];
	struct buf out;
	int status;

	if (argc == 2 && strcmp(argv[1], "--batch") == 0)
		return batch();
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: mustache_render TEMPLATE_FILE "
		    "JSON_FILE [PARTIALS_JSON_FILE]\n       mustache_render --batch < LIST\n");
		return 1;
	}
	files[0] = argv[1];
	files[1] = argv[2];
	files[2] = argc == 4 ? argv[3] : NULL;
	buf_init(&out, OUT_MAX);
	if ((status = render(files, &out, err, sizeof err)) != 0)
		fprintf(stderr, "%s\n", err);
	else if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "mustache_render: stdout: %s\n", strerror(errno));
		status = 1;
	}
	buf_free(&out);
	return status;
}
