/*
 * mem.h -- allocation that never returns NULL.
 *
 * WhatsOn stops hostile input with limits, not by handling allocation failure:
 * these wrappers abort the process when the system is out of memory.
 */
#ifndef WS_MEM_H
#define WS_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Copies s (NULL gives NULL); free() the result. */
char *xstrdup(const char *s);
/* Copies n bytes of s and NUL-terminates; free() the result. */
char *xstrndup(const char *s, size_t n);

#endif
