/*
 * fuzz_json_input.c -- the JSON body path of the API: json_loadb with the
 * flags input_decode (src/http/input.c) uses, then form_check
 * (src/http/form.h) with a field of every type, as a handler would.  The
 * same bytes also go through the validators on their own: utf8_valid_text,
 * email_plausible, url_plausible, parse_int.
 *
 * The first byte chooses API (English messages) or page mode (messages
 * translated through the real catalogues, French or English).  Checked:
 * no crash or leak; every declared field has a value, and one with no error
 * is what its type promises (valid text within its limits, a choice, an
 * integer in range, a ticked box); errors name only declared fields.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/util.h"
#include "http/form.h"
#include "http/http_int.h"
#include "views/view.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const colours[] = {"red", "green", "blue", NULL};

static int
even_length(const char *v)
{
	return strlen(v) % 2 == 0;
}

static const struct field fields[] = {
	{.name = "name", .type = FT_LINE, .required = 1, .min = 1, .max = 40},
	{.name = "bio", .type = FT_TEXT, .max = 200},
	{.name = "email", .type = FT_EMAIL, .required = 1, .min = 3, .max = 254},
	{.name = "password", .type = FT_PASSWORD, .min = 12, .max = 256},
	{.name = "token", .type = FT_TOKEN, .min = 64, .max = 64},
	{.name = "colour", .type = FT_CHOICE, .choices = colours},
	{.name = "code", .type = FT_CHOICE, .valid = even_length, .msg = "Even, please."},
	{.name = "tags", .type = FT_MULTI, .max = 3, .choices = colours},
	{.name = "langs", .type = FT_MULTI, .required = 1, .min = 2, .max = 5},
	{.name = "count", .type = FT_INT, .min = 1, .max = 1000},
	{.name = "age", .type = FT_INT, .required = 1, .max = 150},
	{.name = "site", .type = FT_URL, .max = 200},
	{.name = "terms", .type = FT_BOOL, .required = 1},
	{.name = "news", .type = FT_BOOL},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static struct http_site site;

static int
accepted(const struct field *f, const char *v)
{
	const char *const *c;

	if (f->valid)
		return f->valid(v);
	if (!f->choices)
		return 1;
	for (c = f->choices; *c; c++)
		if (strcmp(*c, v) == 0)
			return 1;
	return 0;
}

/* What a handler may assume of a field that came back without an error. */
static void
check_field(const struct field *f, json_t *val)
{
	size_t len, i;
	json_t *e;

	switch (f->type) {
	case FT_BOOL:
		if (!json_is_boolean(val) || (f->required && !json_is_true(val)))
			abort();
		return;
	case FT_INT:
		if (json_is_null(val) && !f->required)
			return;
		if (!json_is_integer(val) || json_integer_value(val) < (json_int_t)f->min ||
		    json_integer_value(val) > (json_int_t)f->max)
			abort();
		return;
	case FT_MULTI:
		if (!json_is_array(val) || (f->max && json_array_size(val) > f->max) ||
		    (f->required && json_array_size(val) < (f->min ? f->min : 1)))
			abort();
		json_array_foreach(val, i, e) {
			if (!json_is_string(e) || json_string_length(e) == 0 ||
			    !utf8_valid_text(json_string_value(e), json_string_length(e), 0) ||
			    !accepted(f, json_string_value(e)))
				abort();
		}
		return;
	default:
		break;
	}
	if (!json_is_string(val))
		abort();	/* every text field has a value, "" at least */
	len = json_string_length(val);
	if (f->required && len == 0)
		abort();
	if (len == 0)
		return;
	if (!utf8_valid_text(json_string_value(val), len, f->type == FT_TEXT))
		abort();
	if ((f->max && len > f->max) || (f->min && len < f->min))
		abort();
	if (f->type == FT_EMAIL && !email_plausible(json_string_value(val)))
		abort();
	if (f->type == FT_URL && !url_plausible(json_string_value(val)))
		abort();
	if (f->type == FT_CHOICE && !accepted(f, json_string_value(val)))
		abort();
}

static void
check_values(json_t *vals, json_t *errs)
{
	size_t i;
	const char *k;
	json_t *v;

	for (i = 0; i < NFIELDS; i++) {
		if (!json_object_get(vals, fields[i].name))
			abort();	/* every declared field is in values */
		if (!json_object_get(errs, fields[i].name))
			check_field(&fields[i], json_object_get(vals, fields[i].name));
	}
	json_object_foreach(errs, k, v) {
		for (i = 0; i < NFIELDS && strcmp(fields[i].name, k) != 0; i++)
			;
		if (i == NFIELDS || !json_is_string(v) || json_string_length(v) == 0)
			abort();
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!(site.views = views_load()))
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *in, *vals = NULL, *errs = NULL;
	struct req r;
	char *s;
	int64_t n;
	enum ws_err rc;

	if (size < 1)
		return 0;

	/* the validators on the raw bytes */
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	(void)utf8_valid_text(s, size - 1, 0);
	(void)utf8_valid_text(s, size - 1, 1);
	if (email_plausible(s) && (strchr(s, ' ') || !strchr(s, '@')))
		abort();
	if (url_plausible(s) && (strchr(s, ' ') || !strstr(s, "://")))
		abort();
	if (parse_int(s, -1000000, 1000000, &n) == WS_OK && (n < -1000000 || n > 1000000))
		abort();
	free(s);

	/* the JSON body as input_decode reads it */
	in = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (!in || !json_is_object(in)) {
		json_decref(in);
		return 0;
	}
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.site = &site;
	r.api = data[0] & 1;
	r.locale = data[0] & 2 ? "fr" : "en";
	r.in = in;
	r.json_body = 1;
	rc = form_check(&r, fields, NFIELDS, &vals, &errs);
	if ((rc == WS_OK) != (errs == NULL))
		abort();
	check_values(vals, errs);
	s = json_dumps(vals, JSON_COMPACT);
	free(s);
	s = json_dumps(errs, JSON_COMPACT);
	free(s);
	json_decref(vals);
	json_decref(errs);
	json_decref(r.in);
	arena_free(r.a);
	return 0;
}
