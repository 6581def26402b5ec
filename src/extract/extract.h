/*
 * extract.h -- the text inside an uploaded document, for search.
 *
 * extract_text() reads a file from a path on local disk and returns its
 * text as UTF-8.  Documents come from strangers, so every converter runs in
 * a child process with limits on CPU time, memory, wall-clock time and the
 * bytes it may write; a file that is corrupt, encrypted, a bomb, or makes
 * its converter loop ends with a status that says so, never with a hung or
 * crashed server.  The caller (the resource text job, src/app/resources)
 * copies the file out of the database to a temporary file first, so the
 * module knows nothing but core.
 */
#ifndef WS_EXTRACT_H
#define WS_EXTRACT_H

#include <stddef.h>

/* How an extraction ended.  The names are stored (resource_files.text_status)
 * and shown to staff: extract_status_name(). */
enum extract_status {
	EXTRACT_OK,		/* "extracted": text found */
	EXTRACT_EMPTY,		/* "empty": a valid document with no text (a scan) */
	EXTRACT_UNSUPPORTED,	/* "unsupported": a type without a converter (images) */
	EXTRACT_CORRUPT,	/* "corrupt": the converter could not read it */
	EXTRACT_ENCRYPTED,	/* "encrypted": protected by a password */
	EXTRACT_TIMEOUT,	/* "timeout": the converter ran past its time */
	EXTRACT_TOO_LARGE,	/* "too_large": more text than max_out; the text is kept, cut */
	EXTRACT_FAILED,		/* "failed": anything else (could not start, out of memory) */
	EXTRACT__MAX
};

struct extract_limits {
	int cpu_s;		/* CPU seconds of the child (RLIMIT_CPU) */
	int wall_ms;		/* wall-clock milliseconds before the child is killed */
	size_t mem_bytes;	/* address space of the child (RLIMIT_AS) */
	size_t max_out;		/* bytes of text kept, at most */
};

/* The defaults: 20 s CPU, 30 s wall, 512 MiB, 4 MiB of text. */
extern const struct extract_limits extract_default_limits;

/* Extracts the text of the file at path, of media type type (as sniffed:
 * "application/pdf", "text/plain", the OOXML and ODF types...), under lim
 * (NULL, or a field left 0: the defaults).  On EXTRACT_OK and EXTRACT_TOO_LARGE, *out is a
 * NUL-terminated UTF-8 string of *len bytes that the caller frees; on every
 * other status *out is NULL and *len 0.  Blocks for at most about
 * lim->wall_ms plus a second; safe to call from several threads at once
 * (docs/internals/extract.md). */
enum extract_status extract_text(const char *path, const char *type,
    const struct extract_limits *lim, char **out, size_t *len);

/* The stored name of a status ("extracted", "timeout", ...). */
const char *extract_status_name(enum extract_status s);

#endif
