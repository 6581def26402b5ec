/*
 * mustache_render.c -- renders one template from the command line, for the
 * differential test against mustache.js (tests/mustache/diff.t).
 *
 *   mustache_render TEMPLATE_FILE JSON_FILE [PARTIALS_JSON_FILE]
 *
 * PARTIALS_JSON_FILE holds an object mapping partial names to template
 * sources.  The rendering goes to stdout; a compile or render error is
 * reported on stderr with exit status 1 (and nothing on stdout).
 */
#include <errno.h>
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

/* Reads a whole file into a buffer; NULL (with a message) on failure. */
static char *
slurp(const char *path, size_t *len)
{
	struct buf b;
	char chunk[65536];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "mustache_render: %s: %s\n", path,
		    strerror(errno));
		return NULL;
	}
	buf_init(&b, 2 * MST_MAX_SOURCE);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(&b, chunk, n) != WS_OK) {
			fprintf(stderr, "mustache_render: %s: too big\n", path);
			buf_free(&b);
			fclose(f);
			return NULL;
		}
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

static json_t *
load_json(const char *path)
{
	json_error_t je;
	json_t *j = json_load_file(path, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);

	if (j == NULL)
		fprintf(stderr, "mustache_render: %s:%d: %s\n", path, je.line,
		    je.text);
	return j;
}

int
main(int argc, char **argv)
{
	struct partials ps = { NULL, 0 };
	struct mst_env env = { find_partial, NULL, &ps, 0, NULL };
	struct mst_tpl *tpl = NULL;
	json_t *data = NULL, *pj = NULL, *v;
	const char *name;
	char err[256], *src = NULL;
	struct buf out;
	size_t len, i;
	enum ws_err rc;
	int status = 1;

	buf_init(&out, OUT_MAX);
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: mustache_render TEMPLATE_FILE "
		    "JSON_FILE [PARTIALS_JSON_FILE]\n");
		goto out;
	}
	if ((src = slurp(argv[1], &len)) == NULL ||
	    (data = load_json(argv[2])) == NULL)
		goto out;
	if (argc == 4) {
		if ((pj = load_json(argv[3])) == NULL)
			goto out;
		if (!json_is_object(pj)) {
			fprintf(stderr, "mustache_render: %s: not an object\n",
			    argv[3]);
			goto out;
		}
		ps.v = xcalloc(json_object_size(pj), sizeof *ps.v);
		json_object_foreach(pj, name, v) {
			if (!json_is_string(v)) {
				fprintf(stderr, "mustache_render: partial %s: "
				    "not a string\n", name);
				goto out;
			}
			ps.v[ps.n].name = name;
			if (mst_compile(json_string_value(v),
			    json_string_length(v), &ps.v[ps.n].tpl, err,
			    sizeof err) != WS_OK) {
				fprintf(stderr, "mustache_render: partial %s: "
				    "%s\n", name, err);
				goto out;
			}
			ps.n++;
		}
	}
	if (mst_compile(src, len, &tpl, err, sizeof err) != WS_OK) {
		fprintf(stderr, "mustache_render: %s: %s\n", argv[1], err);
		goto out;
	}
	if ((rc = mst_render(tpl, data, &env, &out)) != WS_OK) {
		fprintf(stderr, "mustache_render: render: %s\n",
		    ws_strerror(rc));
		goto out;
	}
	if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "mustache_render: stdout: %s\n",
		    strerror(errno));
		goto out;
	}
	status = 0;
out:
	for (i = 0; i < ps.n; i++)
		mst_free(ps.v[i].tpl);
	free(ps.v);
	mst_free(tpl);
	json_decref(pj);
	json_decref(data);
	free(src);
	buf_free(&out);
	return status;
}
