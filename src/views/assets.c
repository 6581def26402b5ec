/* assets.c -- look-up in the embedded file table; see assets.h. */
#include <string.h>

#include "views/assets.h"

const struct asset *
asset_find(const char *name)
{
	const struct asset *a;

	for (a = assets; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}
