/*
 * fuzz_tz.c -- tz_parse (src/core/tz.c) on arbitrary bytes.
 *
 * The zone files come from the system, but the parser reads every count
 * and offset from them; a damaged or hostile file must be refused, never
 * read past its end.  When a file parses, the harness converts instants
 * across the range events use, both ways, and checks what callers rely
 * on: an offset within 18 hours, an RFC 3339 string of the expected
 * shape that reads back to its instant (within the seconds of an old local
 * mean time's offset, which RFC 3339 cannot write).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tz *z = NULL;
	int64_t t;

	if (tz_parse(data, size, "Fuzz/Zone", &z) != WS_OK)
		return 0;
	/* 1900 to 2100, in steps that fall on every time of day */
	for (t = -2208988800LL; t < 4102444800LL; t += 86400LL * 97 + 3607) {
		struct tz_local l;
		char s[40];
		int64_t back;
		enum tz_fit fit;
		int32_t off = tz_to_local(z, t, &l);

		if (off < -18 * 3600 || off > 18 * 3600)
			abort();
		tz_rfc3339(z, t, s, sizeof s);
		if (strlen(s) != 20 && strlen(s) != 25)
			abort();
		if (tz_to_utc(z, &l, &back, &fit) != WS_OK)
			abort();
		if (tz_parse_time(z, s, &back, NULL) != WS_OK || llabs(back - t) >= 60)
			abort();
	}
	tz_free(z);
	return 0;
}
