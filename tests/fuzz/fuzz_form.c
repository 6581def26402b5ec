/*
 * fuzz_form.c -- form_parse (src/http/input.c) on arbitrary bytes.
 *
 * Every urlencoded body a browser or an attacker sends goes through it.  On
 * top of "no crash, no leak" the harness checks what handlers rely on: when
 * the parse succeeds, every value is a string or an array of strings, every
 * name and value is valid UTF-8 without NUL (values may hold newlines, names
 * may not), and the object serialises as JSON.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "http/http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_string(const json_t *s, int allow_newlines)
{
	if (!json_is_string(s) ||
	    !utf8_valid_text(json_string_value(s), json_string_length(s), allow_newlines))
		abort();
	if (strlen(json_string_value(s)) != json_string_length(s))
		abort();	/* a NUL inside */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *obj = json_object(), *v;
	const char *k;
	char *dump;

	if (form_parse((const char *)data, size, obj) == WS_OK) {
		json_object_foreach(obj, k, v) {
			json_t *s = json_string(k);

			if (!s || *k == '\0')
				abort();
			check_string(s, 0);
			json_decref(s);
			if (json_is_array(v)) {
				size_t i;
				json_t *e;

				if (json_array_size(v) < 2)
					abort();	/* arrays only for repeats */
				json_array_foreach(v, i, e)
					check_string(e, 1);
			} else {
				check_string(v, 1);
			}
		}
		dump = json_dumps(obj, JSON_COMPACT);
		if (!dump)
			abort();
		free(dump);
	} else {
		/* whatever was parsed before the error must still dump */
		dump = json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII);
		free(dump);
	}
	json_decref(obj);
	return 0;
}
