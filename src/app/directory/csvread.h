/*
 * csvread.h -- how the directory's CSV import reads a file, for the other
 * imports (the review cycle's, src/app/countries): UTF-8 text with or
 * without a byte-order mark, separated by commas or semicolons (whichever
 * the header line holds more of), quoted as RFC 4180 says, lines ended by
 * LF, CRLF or a lone CR, each record knowing the physical line it starts
 * on.  import.c reads organizations with the same three helpers.
 */
#ifndef WS_CSVREAD_H
#define WS_CSVREAD_H

#include <stddef.h>

#include "core/err.h"

/* ',' or ';': whichever the header line at p (outside quotes) holds more of. */
unsigned char csvr_sniff_delim(const char *p, const char *end);
/* The end of the physical line at p: after its LF, CRLF or lone CR. */
const char *csvr_line_end(const char *p, const char *end);
/* The first line of p..end that is not UTF-8 text, or 0. */
int csvr_bad_text_line(const char *p, const char *end);

/* Called for each record that is not empty, the header first: its cells
 * (n of them, at most CSVR_MAX_CELLS; NUL-ended, borrowed until the call
 * returns) and the physical line it starts on.  Non-zero stops reading. */
typedef int (*csvr_row_fn)(void *arg, char **cells, int n, int line);

#define CSVR_MAX_CELLS 64	/* cells of a record; more are dropped */
#define CSVR_MAX_CELL 20000	/* bytes of a cell; a longer one reads as "" */

/*
 * Reads data[0..len) record by record into fn.  WS_EINVAL, with why (in
 * English, at most whylen bytes) when the file is not UTF-8 text, is empty
 * or cannot be read as CSV (a quote never closed); WS_OK otherwise, also
 * when fn stopped it.
 */
enum ws_err csvr_read(const char *data, size_t len, csvr_row_fn fn, void *arg, char *why,
    size_t whylen) WS_WUR;

#endif
