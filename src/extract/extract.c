/*
 * extract.c -- the text inside a document (extract.h).
 *
 * First cut: plain text only, read in this process with the output limit;
 * the converters in child processes come next (issue 13).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "extract/extract.h"

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

/* Reads at most max bytes of path into a new string. */
static enum extract_status
read_plain(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return EXTRACT_FAILED;
	char *b = xmalloc(max + 1);
	size_t n = fread(b, 1, max, f);
	int more = fgetc(f) != EOF;
	fclose(f);
	b[n] = '\0';
	size_t i = 0;
	while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'))
		i++;
	if (i == n) {
		free(b);
		return EXTRACT_EMPTY;
	}
	*out = b;
	*len = n;
	return more ? EXTRACT_TOO_LARGE : EXTRACT_OK;
}

enum extract_status
extract_text(const char *path, const char *type, const struct extract_limits *lim,
    char **out, size_t *len)
{
	if (!lim)
		lim = &extract_default_limits;
	*out = NULL;
	*len = 0;
	if (type && strncmp(type, "text/plain", 10) == 0)
		return read_plain(path, lim->max_out, out, len);
	return EXTRACT_UNSUPPORTED;
}
