/*
 * fuzz_mustache.c -- libFuzzer harness for the Mustache engine.
 *
 * The input is compiled as a template and, when it compiles, rendered
 * against a fixed context with every feature switched on: partials (one of
 * them the input itself, so recursion is reached), the {{#_}} translation
 * hook (translating to a fixed text, to the input's own text, or not at all)
 * and a small output ceiling and step budget so that each run stays fast.
 * Nothing may crash, leak or trip ASan/UBSan, whatever the result code.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "views/mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char context_json[] =
    "{\"name\":\"<Zoé & \\\"co\\\">\",\"n\":0,\"one\":1,\"pi\":3.25,"
    "\"big\":1e21,\"t\":true,\"f\":false,\"nil\":null,\"empty\":\"\","
    "\"esc\":\"&<>\\\"'/`=\",\"items\":[\"a\",\"b&c\",3],"
    "\"people\":[{\"name\":\"Ann\",\"tags\":[\"x\",\"y\"],\"boss\":"
    "{\"name\":\"Bo\"}},{\"name\":\"Cy\",\"tags\":[],\"nil\":7}],"
    "\"a\":{\"b\":{\"c\":{\"d\":\"deep\"}},\"list\":[[1,2],[3]]},"
    "\"_\":\"not a section\",\"none\":[],\"obj\":{},\"zero\":0.0,"
    "\"nums\":[0,-7,-2.5,1.5e-7,0.000001,100.0,-0.0,1152921504606846976,"
    "123456789.125,1e300,5e-324,[0.1,[0.2]],null,{}]}";

static const char *const partial_src[][2] = {
	{ "card", "<div>\n  {{name}}\n  {{#tags}}\n  <i>{{.}}</i>\n"
	    "  {{/tags}}\n</div>\n" },
	{ "row", "{{#people}}{{>card}}{{/people}}" },
	{ "delims", "{{=<% %>=}}<%name%>{{name}}" },
};

#define NPARTIALS (sizeof partial_src / sizeof partial_src[0])

static json_t *context;
static struct mst_tpl *partials[NPARTIALS];
static const struct mst_tpl *self;	/* the input being rendered */

static const struct mst_tpl *
find_partial(void *ud, const char *name)
{
	size_t i;

	if (strcmp(name, "self") == 0)
		return self;
	for (i = 0; i < NPARTIALS; i++)
		if (strcmp(name, partial_src[i][0]) == 0)
			return partials[i];
	return NULL;
}

static const char *
translate(void *ud, const char *text, size_t len, size_t *outlen)
{
	static const char fixed[] =
	    "Bonjour {{name}} {{#items}}<{{.}}>{{/items}}";

	switch (len % 3) {
	case 0:
		*outlen = sizeof fixed - 1;
		return fixed;
	case 1:
		*outlen = len;	/* the text itself, compiled again */
		return text;
	default:
		return NULL;	/* untranslated: the section's contents */
	}
}

static void
setup(void)
{
	json_error_t je;
	size_t i;

	context = json_loads(context_json, 0, &je);
	if (context == NULL)
		abort();
	for (i = 0; i < NPARTIALS; i++)
		if (mst_compile(partial_src[i][1], strlen(partial_src[i][1]),
		    &partials[i], NULL, 0) != WS_OK)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mst_cache *cache;	/* exercised with texts that come and go */
	struct mst_env env = { find_partial, translate, NULL, 100000, NULL };

	if (!cache)
		cache = mst_cache_new();
	env.cache = cache;
	struct mst_tpl *t;
	struct buf out;
	char err[128];
	enum ws_err rc;

	if (context == NULL)
		setup();
	rc = mst_compile((const char *)data, size, &t, err, sizeof err);
	if (rc != WS_OK) {
		if (t != NULL || err[0] == '\0')
			abort();	/* a failure always explains itself */
		return 0;
	}
	self = t;
	buf_init(&out, 1 << 16);
	rc = mst_render(t, context, &env, &out);
	if (out.len > out.max || strlen(buf_str(&out)) > out.len)
		abort();
	buf_reset(&out);
	rc = mst_render(t, json_array_get(json_object_get(context, "items"), 1),
	    NULL, &out);
	(void)rc;
	buf_free(&out);
	self = NULL;
	mst_free(t);
	return 0;
}
