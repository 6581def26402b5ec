/*
 * files.h -- uploaded files kept in the database in chunks, so every node
 * of a site serves the same files and nothing lives on one node's disk.
 *
 * A file is a row of `files` (kind, name, type, size, sha256) and its bytes
 * in `file_chunks`, FILE_CHUNK bytes a row.  A writer takes bytes as they
 * arrive and writes each chunk as it fills, so a file is never held whole
 * in memory; its size and SHA-256 are set when it ends.  Readers fetch one
 * chunk at a time.  Files written before chunks existed (logos) keep their
 * bytes in files.data; the readers here serve both.
 *
 * The module owns the files and file_chunks rows; its SQL is the ST_FILE_*
 * rows of src/db/statements.c.  It knows core and db only.
 */
#ifndef WS_FILES_H
#define WS_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;

#define FILE_CHUNK	(256 * 1024)	/* bytes of one chunk row */
#define FILE_NAME_MAX	255		/* bytes of a file's name, after which it is cut */

struct file_info {
	int64_t id;
	char kind[32];		/* what it is for: "logo", "import"; "upload" until claimed */
	char type[128];		/* its media type */
	char name[FILE_NAME_MAX + 1];
	int64_t size;
	char sha256[65];	/* hex */
	int chunked;		/* bytes in file_chunks (else in files.data) */
};

struct file_writer;

/* Starts a file of kind named name (cut to FILE_NAME_MAX) of media type
 * type, uploaded by user_id (0: none), on d: in the caller's transaction
 * when one is open, so a file whose request fails is never kept. */
enum ws_err file_begin(struct db *d, const char *kind, const char *name, const char *type,
    int64_t user_id, struct file_writer **out) WS_WUR;
/* Appends n bytes; writes a chunk each time one fills. */
enum ws_err file_write(struct file_writer *w, const void *p, size_t n) WS_WUR;
/* Writes the last chunk, records size and SHA-256, frees w; the new file's
 * id into *id.  On failure w is freed too. */
enum ws_err file_end(struct file_writer *w, int64_t *id) WS_WUR;
/* Frees w without ending it (the caller rolls back). */
void file_abort(struct file_writer *w);

/* file_begin, file_write and file_end over data[0..len). */
enum ws_err file_put(struct db *d, const char *kind, const char *name, const char *type,
    int64_t user_id, const void *data, size_t len, int64_t *id) WS_WUR;

/* What file id is; WS_ENOTFOUND when absent or not of kind (NULL: any). */
enum ws_err file_stat(struct db *d, int64_t id, const char *kind, struct file_info *fi) WS_WUR;
/*
 * Calls fn with the bytes of fi's file, one chunk at a time, in order, from
 * byte offset off for len bytes (len < 0: to the end).  fn returns 0 to go
 * on, non-zero to stop (then WS_EINVAL).  WS_EDB when a chunk is missing.
 */
enum ws_err file_read(struct db *d, const struct file_info *fi, int64_t off, int64_t len,
    int (*fn)(void *arg, const void *p, size_t n), void *arg) WS_WUR;
/* Deletes file id and its chunks. */
enum ws_err file_delete(struct db *d, int64_t id) WS_WUR;
/* Deletes the files of kind made before the Unix time before. */
enum ws_err file_purge(struct db *d, const char *kind, int64_t before) WS_WUR;

/*
 * Uploads (docs/internals/files.md).  The HTTP layer writes each file of a
 * multipart body as it arrives into a file of kind FILE_UPLOAD, outside any
 * transaction, so each chunk commits and memory stays at one chunk.  A
 * handler that keeps the file claims it in its own transaction; at the end
 * of the request the server discards every file it wrote that is still
 * FILE_UPLOAD; a node that dies mid-request leaves some, which
 * file_sweep() deletes (at start and hourly: the
 * sweep_uploads job of src/app/filestore.c).
 */
#define FILE_UPLOAD	"upload"
#define FILE_SWEEP_AGE	(24 * 3600)	/* seconds after which a left upload is swept */

/* The id of the file w writes (its row exists from file_begin on). */
int64_t file_writer_id(const struct file_writer *w);
/* Points w at connection d for its next writes, so that a writer fed
 * slowly (a body arriving) need not hold a connection between pieces.
 * Only outside a transaction: each chunk commits on its own. */
void file_writer_use(struct file_writer *w, struct db *d);
/* Gives upload id its kind ("logo", "import") and, when type is not NULL,
 * its media type (the sniffed one), in the caller's transaction when one
 * is open.  WS_ENOTFOUND when id is not an unclaimed upload. */
enum ws_err file_claim(struct db *d, int64_t id, const char *kind, const char *type) WS_WUR;
/* Deletes file id and its chunks if it is still an unclaimed upload. */
enum ws_err file_discard(struct db *d, int64_t id) WS_WUR;
/* Deletes the unclaimed uploads created before `before` (Unix seconds);
 * how many into *n (may be NULL). */
enum ws_err file_sweep(struct db *d, int64_t before, int64_t *n) WS_WUR;

#endif
