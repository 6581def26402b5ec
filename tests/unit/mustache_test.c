/*
 * mustache_test.c -- the Mustache engine against the spec (v1.3 core
 * modules: interpolation, sections, inverted, comments, partials,
 * delimiters), the mustache.js behaviour we copy, the {{#_}} translation
 * hook, compile errors and every limit.
 *
 * Spec-style cases are rows of {name, template, data JSON, partials JSON,
 * expected}; a table's test reports every failing row by name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/buf.h"
#include "core/mem.h"
#include "views/mustache.h"

#define N(t) (sizeof(t) / sizeof((t)[0]))

struct tcase {
	const char *name;
	const char *tpl;
	const char *data;	/* JSON */
	const char *partials;	/* JSON object name -> source, or NULL */
	const char *expected;
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

struct plist {
	const char *name[16];
	struct mst_tpl *tpl[16];
	size_t n;
};

static const struct mst_tpl *
plist_find(void *ud, const char *name)
{
	struct plist *pl = ud;
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (strcmp(pl->name[i], name) == 0)
			return pl->tpl[i];
	return NULL;
}

static json_t *
parse_json(const char *s)
{
	json_error_t je;
	json_t *j = json_loads(s, JSON_DECODE_ANY, &je);

	if (j == NULL)
		fail_msg("bad test JSON %s: %s", s, je.text);
	return j;
}

/*
 * Renders one case; returns 0 when it gives the expected output, else 1
 * after printing what went wrong.
 */
static int
run_case(const struct tcase *c)
{
	struct plist pl = { .n = 0 };
	struct mst_env env = { plist_find, NULL, &pl, 0, NULL };
	json_t *data = parse_json(c->data), *parts = NULL, *v;
	struct mst_tpl *t = NULL;
	const char *name;
	char err[200];
	struct buf out;
	enum ws_err rc;
	int bad = 1;
	size_t i;

	buf_init(&out, 1 << 20);
	if (c->partials) {
		parts = parse_json(c->partials);
		json_object_foreach(parts, name, v) {
			assert_true(pl.n < N(pl.tpl));
			pl.name[pl.n] = name;
			if (mst_compile(json_string_value(v),
			    json_string_length(v), &pl.tpl[pl.n], err,
			    sizeof err) != WS_OK) {
				print_error("# %s: partial %s: %s\n", c->name,
				    name, err);
				goto out;
			}
			pl.n++;
		}
	}
	if (mst_compile(c->tpl, strlen(c->tpl), &t, err, sizeof err) != WS_OK) {
		print_error("# %s: compile: %s\n", c->name, err);
		goto out;
	}
	if ((rc = mst_render(t, data, &env, &out)) != WS_OK) {
		print_error("# %s: render: %s\n", c->name, ws_strerror(rc));
		goto out;
	}
	if (strcmp(buf_str(&out), c->expected) != 0) {
		print_error("# case \"%s\" failed\n#   template [%s]\n"
		    "#   expected [%s]\n#   got      [%s]\n",
		    c->name, c->tpl, c->expected, buf_str(&out));
		goto out;
	}
	bad = 0;
out:
	for (i = 0; i < pl.n; i++)
		mst_free(pl.tpl[i]);
	mst_free(t);
	json_decref(parts);
	json_decref(data);
	buf_free(&out);
	return bad;
}

static void
run_table(const struct tcase *t, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++)
		bad += (size_t)run_case(&t[i]);
	if (bad)
		fail_msg("%zu of %zu cases failed (named above)", bad, n);
}

/* Renders tpl against data (JSON) with env; returns the error code. */
static enum ws_err
render_str(const char *tpl, const char *data, const struct mst_env *env,
    struct buf *out)
{
	struct mst_tpl *t;
	char err[200];
	json_t *j = parse_json(data);
	enum ws_err rc;

	if (mst_compile(tpl, strlen(tpl), &t, err, sizeof err) != WS_OK)
		fail_msg("compile %s: %s", tpl, err);
	rc = mst_render(t, j, env, out);
	mst_free(t);
	json_decref(j);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Spec: interpolation                                                 */
/* ------------------------------------------------------------------ */

#define FORBIDDEN "{\"forbidden\":\"& \\\" < >\"}"

static const struct tcase interpolation[] = {
	{ "no interpolation", "Hello from {Mustache}!\n", "{}", NULL,
	  "Hello from {Mustache}!\n" },
	{ "basic interpolation", "Hello, {{subject}}!\n",
	  "{\"subject\":\"world\"}", NULL, "Hello, world!\n" },
	{ "no re-interpolation", "{{template}}: {{planet}}",
	  "{\"template\":\"{{planet}}\",\"planet\":\"Earth\"}", NULL,
	  "{{planet}}: Earth" },
	{ "html escaping",
	  "These characters should be HTML escaped: {{forbidden}}\n", FORBIDDEN,
	  NULL,
	  "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n" },
	{ "triple mustache",
	  "These characters should not be HTML escaped: {{{forbidden}}}\n",
	  FORBIDDEN, NULL,
	  "These characters should not be HTML escaped: & \" < >\n" },
	{ "ampersand",
	  "These characters should not be HTML escaped: {{&forbidden}}\n",
	  FORBIDDEN, NULL,
	  "These characters should not be HTML escaped: & \" < >\n" },
	{ "basic integer", "\"{{mph}} miles an hour!\"", "{\"mph\":85}", NULL,
	  "\"85 miles an hour!\"" },
	{ "triple mustache integer", "\"{{{mph}}} miles an hour!\"",
	  "{\"mph\":85}", NULL, "\"85 miles an hour!\"" },
	{ "ampersand integer", "\"{{&mph}} miles an hour!\"", "{\"mph\":85}",
	  NULL, "\"85 miles an hour!\"" },
	{ "basic decimal", "\"{{power}} jiggawatts!\"", "{\"power\":1.210}",
	  NULL, "\"1.21 jiggawatts!\"" },
	{ "triple mustache decimal", "\"{{{power}}} jiggawatts!\"",
	  "{\"power\":1.210}", NULL, "\"1.21 jiggawatts!\"" },
	{ "ampersand decimal", "\"{{&power}} jiggawatts!\"",
	  "{\"power\":1.210}", NULL, "\"1.21 jiggawatts!\"" },
	{ "basic null", "I ({{cannot}}) be seen!", "{\"cannot\":null}", NULL,
	  "I () be seen!" },
	{ "triple mustache null", "I ({{{cannot}}}) be seen!",
	  "{\"cannot\":null}", NULL, "I () be seen!" },
	{ "ampersand null", "I ({{&cannot}}) be seen!", "{\"cannot\":null}",
	  NULL, "I () be seen!" },
	{ "context miss", "I ({{cannot}}) be seen!", "{}", NULL,
	  "I () be seen!" },
	{ "triple mustache context miss", "I ({{{cannot}}}) be seen!", "{}",
	  NULL, "I () be seen!" },
	{ "ampersand context miss", "I ({{&cannot}}) be seen!", "{}", NULL,
	  "I () be seen!" },
	{ "dotted names basic",
	  "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", NULL, "\"Joe\" == \"Joe\"" },
	{ "dotted names triple mustache",
	  "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", NULL, "\"Joe\" == \"Joe\"" },
	{ "dotted names ampersand",
	  "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
	  "{\"person\":{\"name\":\"Joe\"}}", NULL, "\"Joe\" == \"Joe\"" },
	{ "dotted names arbitrary depth", "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
	  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}}}", NULL,
	  "\"Phil\" == \"Phil\"" },
	{ "dotted names broken chains", "\"{{a.b.c}}\" == \"\"", "{\"a\":{}}",
	  NULL, "\"\" == \"\"" },
	{ "dotted names broken chain resolution", "\"{{a.b.c.name}}\" == \"\"",
	  "{\"a\":{\"b\":{}},\"c\":{\"name\":\"Jim\"}}", NULL, "\"\" == \"\"" },
	{ "dotted names initial resolution",
	  "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
	  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}},"
	  "\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Wrong\"}}}}}", NULL,
	  "\"Phil\" == \"Phil\"" },
	{ "dotted names context precedence", "{{#a}}{{b.c}}{{/a}}",
	  "{\"a\":{\"b\":{}},\"b\":{\"c\":\"ERROR\"}}", NULL, "" },
	{ "implicit iterator basic", "Hello, {{.}}!\n", "\"world\"", NULL,
	  "Hello, world!\n" },
	{ "implicit iterator html escaping",
	  "These characters should be HTML escaped: {{.}}\n", "\"& \\\" < >\"",
	  NULL,
	  "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n" },
	{ "implicit iterator triple mustache",
	  "These characters should not be HTML escaped: {{{.}}}\n",
	  "\"& \\\" < >\"", NULL,
	  "These characters should not be HTML escaped: & \" < >\n" },
	{ "implicit iterator ampersand",
	  "These characters should not be HTML escaped: {{&.}}\n",
	  "\"& \\\" < >\"", NULL,
	  "These characters should not be HTML escaped: & \" < >\n" },
	{ "implicit iterator integer", "\"{{.}} miles an hour!\"", "85", NULL,
	  "\"85 miles an hour!\"" },
	{ "surrounding whitespace", "| {{string}} |", "{\"string\":\"---\"}",
	  NULL, "| --- |" },
	{ "triple mustache surrounding whitespace", "| {{{string}}} |",
	  "{\"string\":\"---\"}", NULL, "| --- |" },
	{ "ampersand surrounding whitespace", "| {{&string}} |",
	  "{\"string\":\"---\"}", NULL, "| --- |" },
	{ "standalone", "  {{string}}\n", "{\"string\":\"---\"}", NULL,
	  "  ---\n" },
	{ "triple mustache standalone", "  {{{string}}}\n",
	  "{\"string\":\"---\"}", NULL, "  ---\n" },
	{ "ampersand standalone", "  {{&string}}\n", "{\"string\":\"---\"}",
	  NULL, "  ---\n" },
	{ "with padding", "|{{ string }}|", "{\"string\":\"---\"}", NULL,
	  "|---|" },
	{ "triple mustache with padding", "|{{{ string }}}|",
	  "{\"string\":\"---\"}", NULL, "|---|" },
	{ "ampersand with padding", "|{{& string }}|", "{\"string\":\"---\"}",
	  NULL, "|---|" },
};

/* ------------------------------------------------------------------ */
/* Spec: sections                                                      */
/* ------------------------------------------------------------------ */

#define DEEPLY_NESTED_TPL \
	"{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n" \
	"{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n" \
	"{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n" \
	"{{one}}{{two}}{{three}}{{four}}{{five}}" \
	"{{four}}{{three}}{{two}}{{one}}\n" \
	"{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}" \
	"{{four}}{{three}}{{two}}{{one}}\n" \
	"{{one}}{{two}}{{three}}{{four}}{{five}}" \
	"{{four}}{{three}}{{two}}{{one}}\n" \
	"{{/five}}\n" \
	"{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{/d}}\n" \
	"{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n" \
	"{{one}}{{two}}{{one}}\n{{/b}}\n{{one}}\n{{/a}}\n"
#define DEEPLY_NESTED_OUT \
	"1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n" \
	"1234321\n12321\n121\n1\n"

static const struct tcase sections[] = {
	{ "truthy", "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
	  "{\"boolean\":true}", NULL, "\"This should be rendered.\"" },
	{ "falsey", "\"{{#boolean}}This should not be rendered.{{/boolean}}\"",
	  "{\"boolean\":false}", NULL, "\"\"" },
	{ "null is falsey",
	  "\"{{#null}}This should not be rendered.{{/null}}\"",
	  "{\"null\":null}", NULL, "\"\"" },
	{ "context", "\"{{#context}}Hi {{name}}.{{/context}}\"",
	  "{\"context\":{\"name\":\"Joe\"}}", NULL, "\"Hi Joe.\"" },
	{ "parent contexts", "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
	  "{\"a\":\"foo\",\"b\":\"wrong\",\"sec\":{\"b\":\"bar\"},"
	  "\"c\":{\"d\":\"baz\"}}", NULL, "\"foo, bar, baz\"" },
	{ "variable test", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"",
	  "{\"foo\":\"bar\"}", NULL, "\"bar is bar\"" },
	{ "list contexts",
	  "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}"
	  "{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
	  "{\"tops\":[{\"tname\":{\"upper\":\"A\",\"lower\":\"a\"},"
	  "\"middles\":[{\"mname\":\"1\",\"bottoms\":[{\"bname\":\"x\"},"
	  "{\"bname\":\"y\"}]}]}]}", NULL, "a1.A1x.A1y." },
	{ "deeply nested contexts", DEEPLY_NESTED_TPL,
	  "{\"a\":{\"one\":1},\"b\":{\"two\":2},\"c\":{\"three\":3,"
	  "\"d\":{\"four\":4,\"five\":5}}}", NULL, DEEPLY_NESTED_OUT },
	{ "list", "\"{{#list}}{{item}}{{/list}}\"",
	  "{\"list\":[{\"item\":1},{\"item\":2},{\"item\":3}]}", NULL,
	  "\"123\"" },
	{ "empty list", "\"{{#list}}Yay lists!{{/list}}\"", "{\"list\":[]}",
	  NULL, "\"\"" },
	{ "doubled", "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n"
	  "* third\n{{/bool}}\n", "{\"bool\":true,\"two\":\"second\"}", NULL,
	  "* first\n* second\n* third\n" },
	{ "nested truthy", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":true}", NULL, "| A B C D E |" },
	{ "nested falsey", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":false}", NULL, "| A  E |" },
	{ "context misses", "[{{#missing}}Found key 'missing'!{{/missing}}]",
	  "{}", NULL, "[]" },
	{ "implicit iterator string", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", NULL,
	  "\"(a)(b)(c)(d)(e)\"" },
	{ "implicit iterator integer", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[1,2,3,4,5]}", NULL, "\"(1)(2)(3)(4)(5)\"" },
	{ "implicit iterator decimal", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[1.10,2.20,3.30,4.40,5.50]}", NULL,
	  "\"(1.1)(2.2)(3.3)(4.4)(5.5)\"" },
	{ "implicit iterator array",
	  "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
	  "{\"list\":[[1,2,3],[\"a\",\"b\",\"c\"]]}", NULL, "\"(123)(abc)\"" },
	{ "implicit iterator html escaping", "\"{{#list}}({{.}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", NULL,
	  "\"(&amp;)(&quot;)(&lt;)(&gt;)\"" },
	{ "implicit iterator triple mustache",
	  "\"{{#list}}({{{.}}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", NULL,
	  "\"(&)(\")(<)(>)\"" },
	{ "implicit iterator ampersand", "\"{{#list}}({{&.}}){{/list}}\"",
	  "{\"list\":[\"&\",\"\\\"\",\"<\",\">\"]}", NULL,
	  "\"(&)(\")(<)(>)\"" },
	{ "implicit iterator root-level", "\"{{#.}}({{value}}){{/.}}\"",
	  "[{\"value\":\"a\"},{\"value\":\"b\"}]", NULL, "\"(a)(b)\"" },
	{ "dotted names truthy", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"",
	  "{\"a\":{\"b\":{\"c\":true}}}", NULL, "\"Here\" == \"Here\"" },
	{ "dotted names falsey", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{\"b\":{\"c\":false}}}", NULL, "\"\" == \"\"" },
	{ "dotted names broken chains", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{}}", NULL, "\"\" == \"\"" },
	{ "surrounding whitespace", " | {{#boolean}}\t|\t{{/boolean}} | \n",
	  "{\"boolean\":true}", NULL, " | \t|\t | \n" },
	{ "internal whitespace",
	  " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
	  "{\"boolean\":true}", NULL, " |  \n  | \n" },
	{ "indented inline sections",
	  " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
	  "{\"boolean\":true}", NULL, " YES\n GOOD\n" },
	{ "standalone lines",
	  "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
	  "{\"boolean\":true}", NULL, "| This Is\n|\n| A Line\n" },
	{ "indented standalone lines",
	  "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
	  "{\"boolean\":true}", NULL, "| This Is\n|\n| A Line\n" },
	{ "standalone line endings", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|",
	  "{\"boolean\":true}", NULL, "|\r\n|" },
	{ "standalone without previous line",
	  "  {{#boolean}}\n#{{/boolean}}\n/",
	  "{\"boolean\":true}", NULL, "#\n/" },
	{ "standalone without newline", "#{{#boolean}}\n/\n  {{/boolean}}",
	  "{\"boolean\":true}", NULL, "#\n/\n" },
	{ "padding", "|{{# boolean }}={{/ boolean }}|", "{\"boolean\":true}",
	  NULL, "|=|" },
};

/* ------------------------------------------------------------------ */
/* Spec: inverted sections                                             */
/* ------------------------------------------------------------------ */

static const struct tcase inverted[] = {
	{ "falsey", "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
	  "{\"boolean\":false}", NULL, "\"This should be rendered.\"" },
	{ "truthy", "\"{{^boolean}}This should not be rendered.{{/boolean}}\"",
	  "{\"boolean\":true}", NULL, "\"\"" },
	{ "null is falsey", "\"{{^null}}This should be rendered.{{/null}}\"",
	  "{\"null\":null}", NULL, "\"This should be rendered.\"" },
	{ "context", "\"{{^context}}Hi {{name}}.{{/context}}\"",
	  "{\"context\":{\"name\":\"Joe\"}}", NULL, "\"\"" },
	{ "list", "\"{{^list}}{{n}}{{/list}}\"",
	  "{\"list\":[{\"n\":1},{\"n\":2},{\"n\":3}]}", NULL, "\"\"" },
	{ "empty list", "\"{{^list}}Yay lists!{{/list}}\"", "{\"list\":[]}",
	  NULL, "\"Yay lists!\"" },
	{ "doubled", "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n"
	  "* third\n{{/bool}}\n", "{\"bool\":false,\"two\":\"second\"}", NULL,
	  "* first\n* second\n* third\n" },
	{ "nested falsey", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":false}", NULL, "| A B C D E |" },
	{ "nested truthy", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
	  "{\"bool\":true}", NULL, "| A  E |" },
	{ "context misses", "[{{^missing}}Found key 'missing'!{{/missing}}]",
	  "{}", NULL, "[Found key 'missing'!]" },
	{ "dotted names truthy", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"",
	  "{\"a\":{\"b\":{\"c\":true}}}", NULL, "\"\" == \"\"" },
	{ "dotted names falsey",
	  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
	  "{\"a\":{\"b\":{\"c\":false}}}", NULL,
	  "\"Not Here\" == \"Not Here\"" },
	{ "dotted names broken chains",
	  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", "{\"a\":{}}",
	  NULL, "\"Not Here\" == \"Not Here\"" },
	{ "surrounding whitespace", " | {{^boolean}}\t|\t{{/boolean}} | \n",
	  "{\"boolean\":false}", NULL, " | \t|\t | \n" },
	{ "internal whitespace",
	  " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
	  "{\"boolean\":false}", NULL, " |  \n  | \n" },
	{ "indented inline sections",
	  " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
	  "{\"boolean\":false}", NULL, " NO\n WAY\n" },
	{ "standalone lines",
	  "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
	  "{\"boolean\":false}", NULL, "| This Is\n|\n| A Line\n" },
	{ "standalone indented lines",
	  "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
	  "{\"boolean\":false}", NULL, "| This Is\n|\n| A Line\n" },
	{ "standalone line endings", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
	  "{\"boolean\":false}", NULL, "|\r\n|" },
	{ "standalone without previous line",
	  "  {{^boolean}}\n^{{/boolean}}\n/",
	  "{\"boolean\":false}", NULL, "^\n/" },
	{ "standalone without newline", "^{{^boolean}}\n/\n  {{/boolean}}",
	  "{\"boolean\":false}", NULL, "^\n/\n" },
	{ "padding", "|{{^ boolean }}={{/ boolean }}|", "{\"boolean\":false}",
	  NULL, "|=|" },
};

/* ------------------------------------------------------------------ */
/* Spec: comments                                                      */
/* ------------------------------------------------------------------ */

static const struct tcase comments[] = {
	{ "inline", "12345{{! Comment Block! }}67890", "{}", NULL,
	  "1234567890" },
	{ "multiline",
	  "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", "{}",
	  NULL, "1234567890\n" },
	{ "standalone", "Begin.\n{{! Comment Block! }}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "indented standalone",
	  "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n",
	  "{}", NULL, "Begin.\nEnd.\n" },
	{ "standalone line endings", "|\r\n{{! Standalone Comment }}\r\n|",
	  "{}", NULL, "|\r\n|" },
	{ "standalone without previous line",
	  "  {{! I'm Still Standalone }}\n!",
	  "{}", NULL, "!" },
	{ "standalone without newline", "!\n  {{! I'm Still Standalone }}",
	  "{}", NULL, "!\n" },
	{ "multiline standalone",
	  "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "indented multiline standalone",
	  "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "{}",
	  NULL, "Begin.\nEnd.\n" },
	{ "indented inline", "  12 {{! 34 }}\n", "{}", NULL, "  12 \n" },
	{ "surrounding whitespace", "12345 {{! Comment Block! }} 67890", "{}",
	  NULL, "12345  67890" },
	{ "variable name collision", "comments never show: >{{! comment }}<",
	  "{\"! comment\":1,\"! comment \":2,\"!comment\":3,"
	  "\"comment\":4}", NULL, "comments never show: ><" },
};

/* ------------------------------------------------------------------ */
/* Spec: partials                                                      */
/* ------------------------------------------------------------------ */

static const struct tcase partials[] = {
	{ "basic behavior", "\"{{>text}}\"", "{}",
	  "{\"text\":\"from partial\"}", "\"from partial\"" },
	{ "failed lookup", "\"{{>text}}\"", "{}", "{}", "\"\"" },
	{ "context", "\"{{>partial}}\"", "{\"text\":\"content\"}",
	  "{\"partial\":\"*{{text}}*\"}", "\"*content*\"" },
	{ "recursion", "{{>node}}",
	  "{\"content\":\"X\",\"nodes\":[{\"content\":\"Y\",\"nodes\":[]}]}",
	  "{\"node\":\"{{content}}<{{#nodes}}{{>node}}{{/nodes}}>\"}",
	  "X<Y<>>" },
	{ "nested", "{{>outer}}", "{\"a\":\"hello\",\"b\":\"world\"}",
	  "{\"outer\":\"*{{a}} {{>inner}}*\",\"inner\":\"{{b}}!\"}",
	  "*hello world!*" },
	{ "surrounding whitespace", "| {{>partial}} |", "{}",
	  "{\"partial\":\"\\t|\\t\"}", "| \t|\t |" },
	{ "inline indentation", "  {{data}}  {{> partial}}\n",
	  "{\"data\":\"|\"}", "{\"partial\":\">\\n>\"}", "  |  >\n>\n" },
	{ "standalone line endings", "|\r\n{{>partial}}\r\n|", "{}",
	  "{\"partial\":\">\"}", "|\r\n>|" },
	{ "standalone without previous line", "  {{>partial}}\n>", "{}",
	  "{\"partial\":\">\\n>\"}", "  >\n  >>" },
	{ "standalone without newline", ">\n  {{>partial}}", "{}",
	  "{\"partial\":\">\\n>\"}", ">\n  >\n  >" },
	{ "standalone indentation", "\\\n {{>partial}}\n/\n",
	  "{\"content\":\"<\\n->\"}",
	  "{\"partial\":\"|\\n{{{content}}}\\n|\\n\"}",
	  "\\\n |\n <\n->\n |\n/\n" },
	{ "padding whitespace", "|{{> partial }}|", "{\"boolean\":true}",
	  "{\"partial\":\"[]\"}", "|[]|" },
	/* Beyond the spec's own cases. */
	{ "nested standalone indentation", "  {{>outer}}\n", "{}",
	  "{\"outer\":\"a\\n  {{>inner}}\\nb\\n\",\"inner\":\"x\\ny\\n\"}",
	  "  a\n    x\n    y\n  b\n" },
	{ "empty lines are not indented", " {{>p}}\n", "{}",
	  "{\"p\":\"a\\n\\nb\\n\"}", " a\n\n b\n" },
	{ "indentation inside a section", "  {{>p}}\n", "{\"l\":[1,2]}",
	  "{\"p\":\"{{#l}}\\n<{{.}}>\\n{{/l}}\\n\"}", "  <1>\n  <2>\n" },
	{ "indentation before a closing tag", "  {{>p}}\n", "{\"t\":true}",
	  "{\"p\":\"{{#t}}a\\n{{/t}}b\\n\"}", "  a\n  b\n" },
	{ "inline partial in an indented one is not indented", "  {{>p}}\n",
	  "{}",
	  "{\"p\":\"x {{>q}}\\n\",\"q\":\"1\\n2\"}", "  x 1\n2\n" },
	{ "partial keeps its own delimiters", "{{=| |=}}|>p| {{x}}",
	  "{\"x\":1}", "{\"p\":\"{{x}}\"}", "1 {{x}}" },
};

/* ------------------------------------------------------------------ */
/* Spec: set delimiters                                                */
/* ------------------------------------------------------------------ */

static const struct tcase delimiters[] = {
	{ "pair behavior", "{{=<% %>=}}(<%text%>)", "{\"text\":\"Hey!\"}", NULL,
	  "(Hey!)" },
	{ "special characters", "({{=[ ]=}}[text])",
	  "{\"text\":\"It worked!\"}", NULL, "(It worked!)" },
	{ "sections",
	  "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n"
	  "{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
	  "{\"section\":true,\"data\":\"I got interpolated.\"}", NULL,
	  "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n"
	  "  I got interpolated.\n]\n" },
	{ "inverted sections",
	  "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n"
	  "{{= | | =}}\n|^section|\n  {{data}}\n  |data|\n|/section|\n]\n",
	  "{\"section\":false,\"data\":\"I got interpolated.\"}", NULL,
	  "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n"
	  "  I got interpolated.\n]\n" },
	{ "partial inheritance",
	  "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n",
	  "{\"value\":\"yes\"}", "{\"include\":\".{{value}}.\"}",
	  "[ .yes. ]\n[ .yes. ]\n" },
	{ "post-partial behavior",
	  "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n",
	  "{\"value\":\"yes\"}",
	  "{\"include\":\".{{value}}. {{= | | =}} .|value|.\"}",
	  "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n" },
	{ "surrounding whitespace", "| {{=@ @=}} |", "{}", NULL, "|  |" },
	{ "outlying whitespace inline", " | {{=@ @=}}\n", "{}", NULL, " | \n" },
	{ "standalone tag", "Begin.\n{{=@ @=}}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "indented standalone tag", "Begin.\n  {{=@ @=}}\nEnd.\n", "{}", NULL,
	  "Begin.\nEnd.\n" },
	{ "standalone line endings", "|\r\n{{= @ @ =}}\r\n|", "{}", NULL,
	  "|\r\n|" },
	{ "standalone without previous line", "  {{=@ @=}}\n=", "{"
	  "}", NULL, "=" },
	{ "standalone without newline", "=\n  {{=@ @=}}", "{}", NULL, "=\n" },
	{ "pair with padding", "|{{= @   @ =}}|", "{}", NULL, "||" },
	/* Beyond the spec's own cases. */
	{ "triple mustache with other delimiters",
	  "{{=<% %>=}}<%{x}%> <%& x %>",
	  "{\"x\":\"<b>\"}", NULL, "<b> <b>" },
	{ "long delimiters", "{{=<<<< >>>>=}}<<<<x>>>> {{x}}",
	  "{\"x\":7}", NULL, "7 {{x}}" },
	{ "back to braces", "{{=[ ]=}}[x][={{ }}=]{{x}}", "{\"x\":1}", NULL,
	  "11" },
};

/* ------------------------------------------------------------------ */
/* Where the spec is silent we do what mustache.js 4.2 does            */
/* ------------------------------------------------------------------ */

static const struct tcase mustache_js[] = {
	{ "escapes like escapeHtml", "{{s}}", "{\"s\":\"&<>\\\"'/`=x\"}", NULL,
	  "&amp;&lt;&gt;&quot;&#39;&#x2F;&#x60;&#x3D;x" },
	{ "utf-8 passes through", "{{s}} é", "{\"s\":\"Zoé → ☃\"}", NULL,
	  "Zoé → ☃ é" },
	{ "true and false print", "{{t}} {{f}}", "{\"t\":true,\"f\":false}",
	  NULL, "true false" },
	{ "object prints as [object Object]", "{{o}}", "{\"o\":{\"a\":1}}",
	  NULL, "[object Object]" },
	{ "array prints joined", "{{a}}",
	  "{\"a\":[1,\"<x>\",null,[2,3],{},true]}", NULL,
	  "1,&lt;x&gt;,,2,3,[object Object],true" },
	{ "numbers print like javascript",
	  "{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}} {{i}} {{j}}",
	  "{\"a\":0.1,\"b\":1e21,\"c\":1.5e-7,\"d\":123456.789,\"e\":100.0,"
	  "\"f\":-2.5,\"g\":0.000001,\"h\":1152921504606846976,\"i\":-0.0,"
	  "\"j\":1.2345678901234568e20}", NULL,
	  "0.1 1e+21 1.5e-7 123456.789 100 -2.5 0.000001 1152921504606847000 "
	  "0 123456789012345680000" },
	{ "zero is falsy", "{{#z}}no{{/z}}{{^z}}yes{{/z}}{{#r}}no{{/r}}",
	  "{\"z\":0,\"r\":0.0}", NULL, "yes" },
	{ "empty string is falsy", "{{#s}}no{{/s}}{{^s}}yes{{/s}}",
	  "{\"s\":\"\"}", NULL, "yes" },
	{ "string section pushes the string", "{{#s}}<{{.}}>{{/s}}",
	  "{\"s\":\"hi\"}", NULL, "<hi>" },
	{ "number section pushes the number", "{{#n}}{{.}}!{{/n}}", "{\"n\":5}",
	  NULL, "5!" },
	{ "empty object is truthy", "{{#o}}yes{{/o}}{{^o}}no{{/o}}",
	  "{\"o\":{}}", NULL, "yes" },
	{ "true does not push", "{{#t}}{{x}}{{/t}}",
	  "{\"t\":true,\"x\":1}", NULL, "1" },
	{ "null items are iterated", "{{#l}}[{{.}}]{{/l}}",
	  "{\"l\":[null,0,\"\"]}", NULL, "[][0][]" },
	{ "whitespace before the sigil", "{{ #a }}x{{ /a }}", "{\"a\":1}", NULL,
	  "x" },
	{ "root object prints", "{{.}}", "{}", NULL, "[object Object]" },
	{ "lookups skip non-object contexts", "{{#l}}{{x}}{{/l}}",
	  "{\"x\":\"up\",\"l\":[1]}", NULL, "up" },
	{ "null value hides outer key", "{{#o}}({{x}}){{/o}}",
	  "{\"x\":\"up\",\"o\":{\"x\":null}}", NULL, "()" },
	{ "two tags on a line are not standalone", "{{#a}}{{/a}}\nx",
	  "{\"a\":1}", NULL, "\nx" },
	{ "interpolation line is not standalone", "  {{x}}\n", "{\"x\":\"\"}",
	  NULL, "  \n" },
	{ "lone braces are text", "{ } }} {{x}}}", "{\"x\":1}", NULL,
	  "{ } }} 1}" },
	{ "dotted names index arrays",
	  "{{#l.0}}has{{/l.0}}{{^e.0}} none{{/e.0}} {{l.1}} {{o.l.0.n}}",
	  "{\"l\":[\"a\",\"b\"],\"e\":[],\"o\":{\"l\":[{\"n\":\"x\"}]}}",
	  NULL, "has none b x" },
	{ "array indexes are plain decimals in range",
	  "[{{l.01}}{{l.2}}{{l.-1}}{{l.}}{{l.1x}}{{l.99999999999999999999}}]",
	  "{\"l\":[\"a\",\"b\"]}", NULL, "[]" },
	{ "a first segment never indexes", "{{#l}}[{{0}}]{{/l}}",
	  "{\"l\":[[\"a\"]]}", NULL, "[]" },
};

static void
test_interpolation(void **state)
{
	run_table(interpolation, N(interpolation));
}

static void
test_sections(void **state)
{
	run_table(sections, N(sections));
}

static void
test_inverted(void **state)
{
	run_table(inverted, N(inverted));
}

static void
test_comments(void **state)
{
	run_table(comments, N(comments));
}

static void
test_partials(void **state)
{
	run_table(partials, N(partials));
}

static void
test_delimiters(void **state)
{
	run_table(delimiters, N(delimiters));
}

static void
test_mustache_js(void **state)
{
	run_table(mustache_js, N(mustache_js));
}

/* ------------------------------------------------------------------ */
/* Compile errors                                                      */
/* ------------------------------------------------------------------ */

static void
test_compile_errors(void **state)
{
	static const struct {
		const char *tpl;
		const char *msg;
	} bad[] = {
		{ "a\n{{b", "line 2: unclosed tag" },
		{ "{{{a}}", "line 1: unclosed tag" },
		{ "{{=<% %>=}}\n\n<%a%", "line 3: unclosed tag" },
		{ "x\n{{#a}}\n\n", "line 2: section \"a\" not closed" },
		{ "x\n{{/a}}", "line 2: closing tag \"a\" without a section" },
		{ "{{#a}}\n{{/b}}",
		  "line 2: closing tag \"b\" in section \"a\"" },
		{ "{{#a}}{{#b}}{{/a}}{{/b}}",
		  "closing tag \"a\" in section \"b\"" },
		{ "{{=<%=}}", "line 1: bad delimiters" },
		{ "{{=a b c=}}", "line 1: bad delimiters" },
		{ "{{=a= b=}}", "line 1: bad delimiters" },
		{ "{{=abcdefghijklmnopq b=}}", "line 1: bad delimiters" },
		{ "\n\n{{}}", "line 3: empty tag" },
		{ "{{# }}{{/ }}", "line 1: empty tag" },
		{ "{{>}}", "line 1: empty tag" },
	};
	struct mst_tpl *t;
	char err[200];
	size_t i;

	for (i = 0; i < N(bad); i++) {
		t = (struct mst_tpl *)&t;
		assert_int_equal(mst_compile(bad[i].tpl, strlen(bad[i].tpl), &t,
		    err, sizeof err), WS_ETEMPLATE);
		assert_null(t);
		if (strstr(err, bad[i].msg) == NULL)
			fail_msg("%s: message \"%s\" lacks \"%s\"", bad[i].tpl,
			    err, bad[i].msg);
	}
	/* No message buffer at all, and one too small for the message. */
	assert_int_equal(mst_compile("{{", 2, &t, NULL, 0), WS_ETEMPLATE);
	assert_int_equal(mst_compile("{{", 2, &t, err, 5), WS_ETEMPLATE);
	assert_string_equal(err, "line");
}

/* ------------------------------------------------------------------ */
/* Translation hook                                                    */
/* ------------------------------------------------------------------ */

struct catalogue {
	const char *from[4], *to[4];
	char seen[256];		/* the last text the hook was given */
	int calls;
};

static const char *
translate(void *ud, const char *text, size_t len, size_t *outlen)
{
	struct catalogue *cat = ud;
	size_t i;

	cat->calls++;
	snprintf(cat->seen, sizeof cat->seen, "%.*s", (int)len, text);
	for (i = 0; i < 4 && cat->from[i]; i++)
		if (strlen(cat->from[i]) == len &&
		    memcmp(cat->from[i], text, len) == 0) {
			*outlen = strlen(cat->to[i]);
			return cat->to[i];
		}
	return NULL;
}

static void
check_translation(struct catalogue *cat, const char *tpl, const char *data,
    const char *seen, const char *expected)
{
	struct mst_env env = { NULL, translate, cat, 0, NULL };
	struct buf out;

	buf_init(&out, 4096);
	cat->seen[0] = '\0';
	assert_int_equal(render_str(tpl, data, &env, &out), WS_OK);
	if (seen)
		assert_string_equal(cat->seen, seen);
	assert_string_equal(buf_str(&out), expected);
	/* The same through a cache: compiled on the first render, reused on
	 * the second, and the page does not change. */
	env.cache = mst_cache_new();
	for (int i = 0; i < 2; i++) {
		buf_reset(&out);
		assert_int_equal(render_str(tpl, data, &env, &out), WS_OK);
		assert_string_equal(buf_str(&out), expected);
	}
	mst_cache_free(env.cache);
	buf_free(&out);
}

static void
test_translate(void **state)
{
	struct catalogue cat = {
		{ "Sign in", "Hello {{name}}", "Hi <%name%>", "loop" },
		{ "Connexion", "Bonjour {{name}} &", "Salut <%name%>",
		  "{{#_}}loop{{/_}}" },
		"", 0,
	};
	struct mst_env none = { NULL, NULL, NULL, 0, NULL };
	struct mst_env env = { NULL, translate, &cat, 0, NULL };
	const char *z = "{\"name\":\"<Zoé>\",\"_\":false,"
	    "\"people\":[{\"name\":\"A\"},{\"name\":\"B\"}]}";
	struct buf out;

	check_translation(&cat, "<a>{{#_}}Sign in{{/_}}</a>", z, "Sign in",
	    "<a>Connexion</a>");
	/* The translation is a template, rendered in the current context. */
	check_translation(&cat, "{{#_}}Hello {{name}}{{/_}}!", z,
	    "Hello {{name}}", "Bonjour &lt;Zoé&gt; &!");
	check_translation(&cat,
	    "{{#people}}{{#_}}Hello {{name}}{{/_}};{{/people}}", z,
	    "Hello {{name}}", "Bonjour A &;Bonjour B &;");
	/* The hook sees the exact bytes, standalone lines and comments too. */
	check_translation(&cat, "{{#_}}\n a {{! c }}\n{{/_}}\n", z,
	    "\n a {{! c }}\n", " a \n");
	/* ... written with the delimiters in effect, which the text keeps. */
	check_translation(&cat, "{{=<% %>=}}<%#_%>Hi <%name%><%/_%>", z,
	    "Hi <%name%>", "Salut &lt;Zoé&gt;");
	/* Untranslated text renders as written. */
	check_translation(&cat, "{{#_}}Bye {{name}}{{/_}}", z, "Bye {{name}}",
	    "Bye &lt;Zoé&gt;");

	/* No hook: the contents render; "_" is never looked up. */
	buf_init(&out, 4096);
	assert_int_equal(render_str("{{#_}}Hello {{name}}{{/_}}", z, &none,
	    &out), WS_OK);
	assert_string_equal(buf_str(&out), "Hello &lt;Zoé&gt;");
	buf_reset(&out);
	assert_int_equal(render_str("{{#_}}x{{/_}}", z, NULL, &out), WS_OK);
	assert_string_equal(buf_str(&out), "x");

	/* Called once per rendering of the node. */
	cat.calls = 0;
	buf_reset(&out);
	assert_int_equal(render_str("{{#people}}{{#_}}Sign in{{/_}}{{/people}}",
	    z, &env, &out), WS_OK);
	assert_int_equal(cat.calls, 2);

	/* A translation that translates itself forever is stopped. */
	buf_reset(&out);
	assert_int_equal(render_str("{{#_}}loop{{/_}}", z, &env, &out),
	    WS_ETEMPLATE);
	buf_free(&out);
}

static const char *
bad_translate(void *ud, const char *text, size_t len, size_t *outlen)
{
	*outlen = 7;
	return "{{#oops";
}

static void
test_translate_bad_text(void **state)
{
	struct mst_env env = { NULL, bad_translate, NULL, 0, NULL };
	struct buf out;

	buf_init(&out, 4096);
	assert_int_equal(render_str("a{{#_}}b{{/_}}", "{}", &env, &out),
	    WS_ETEMPLATE);
	buf_free(&out);
}

/* ------------------------------------------------------------------ */
/* Limits                                                              */
/* ------------------------------------------------------------------ */

/* "{{#a}}" x depth, "x", "{{/a}}" x depth. */
static char *
nested(int depth)
{
	struct buf b;
	int i;

	buf_init(&b, 1 << 20);
	for (i = 0; i < depth; i++)
		assert_int_equal(buf_adds(&b, "{{#a}}"), WS_OK);
	assert_int_equal(buf_adds(&b, "x"), WS_OK);
	for (i = 0; i < depth; i++)
		assert_int_equal(buf_adds(&b, "{{/a}}"), WS_OK);
	return buf_steal(&b);
}

static void
test_limit_nesting(void **state)
{
	char *ok = nested(MST_MAX_NESTING), *deep = nested(MST_MAX_NESTING + 1);
	json_t *ctx = json_pack("{s:b}", "a", 1);
	struct mst_tpl *t;
	struct buf out;
	char err[200];

	buf_init(&out, 100);
	assert_int_equal(mst_compile(ok, strlen(ok), &t, err, sizeof err),
	    WS_OK);
	assert_int_equal(mst_render(t, ctx, NULL, &out), WS_OK);
	assert_string_equal(buf_str(&out), "x");
	mst_free(t);
	assert_int_equal(mst_compile(deep, strlen(deep), &t, err, sizeof err),
	    WS_ETEMPLATE);
	assert_non_null(strstr(err, "nested deeper than 64"));
	free(ok);
	free(deep);
	json_decref(ctx);
	buf_free(&out);
}

static void
test_limit_source(void **state)
{
	size_t n = MST_MAX_SOURCE + 1;
	char *src = xmalloc(n), err[200];
	struct mst_tpl *t;

	memset(src, 'x', n);
	assert_int_equal(mst_compile(src, n, &t, err, sizeof err), WS_ETOOBIG);
	assert_null(t);
	assert_non_null(strstr(err, "bytes"));
	assert_int_equal(mst_compile(src, n - 1, &t, err, sizeof err), WS_OK);
	mst_free(t);
	free(src);
}

static void
test_limit_output(void **state)
{
	struct buf out;

	buf_init(&out, 10);
	assert_int_equal(render_str("{{s}}", "{\"s\":\"0123456789\"}", NULL,
	    &out), WS_OK);
	buf_reset(&out);
	assert_int_equal(render_str("{{s}}!", "{\"s\":\"0123456789\"}", NULL,
	    &out), WS_ETOOBIG);
	buf_reset(&out);
	assert_int_equal(render_str("{{s}}", "{\"s\":\"01234567<\"}", NULL,
	    &out), WS_ETOOBIG);
	buf_reset(&out);
	assert_int_equal(render_str("{{#l}}abc{{/l}}", "{\"l\":[1,2,3,4]}",
	    NULL, &out), WS_ETOOBIG);
	assert_true(out.len <= 10);
	buf_free(&out);
}

/* Partial "r" = "{{#n}}({{>r}}){{/n}}" against n nested levels deep. */
static enum ws_err
recurse(int levels, struct buf *out)
{
	const char *src = "{{#n}}({{>r}}){{/n}}";
	struct plist pl = { { "r" }, { NULL }, 1 };
	struct mst_env env = { plist_find, NULL, &pl, 0, NULL };
	struct mst_tpl *top;
	json_t *ctx = json_object(), *inner = ctx;
	enum ws_err rc;
	int i;

	for (i = 0; i < levels; i++) {
		json_t *next = json_object();

		json_object_set_new(inner, "n", next);
		inner = next;
	}
	/* The innermost "n" must be false, or the lookup finds one above. */
	json_object_set_new(inner, "n", json_false());
	assert_int_equal(mst_compile(src, strlen(src), &pl.tpl[0], NULL, 0),
	    WS_OK);
	assert_int_equal(mst_compile("{{>r}}", 6, &top, NULL, 0), WS_OK);
	buf_reset(out);
	rc = mst_render(top, ctx, &env, out);
	mst_free(top);
	mst_free(pl.tpl[0]);
	json_decref(ctx);
	return rc;
}

static void
test_limit_partial_depth(void **state)
{
	struct buf out;

	buf_init(&out, 1 << 16);
	/* The top template enters "r" once, then once more per level. */
	assert_int_equal(recurse(MST_MAX_PARTIAL_DEPTH - 1, &out), WS_OK);
	assert_int_equal(out.len, 2 * (MST_MAX_PARTIAL_DEPTH - 1));
	assert_int_equal(recurse(MST_MAX_PARTIAL_DEPTH, &out), WS_ETEMPLATE);
	buf_free(&out);
}

static const struct mst_tpl *self_partial;

static const struct mst_tpl *
self_fn(void *ud, const char *name)
{
	return self_partial;
}

static void
test_limit_self_partial(void **state)
{
	struct mst_env env = { self_fn, NULL, NULL, 0, NULL };
	struct mst_tpl *t;
	struct buf out;

	buf_init(&out, 1 << 16);
	assert_int_equal(mst_compile("a{{>me}}", 8, &t, NULL, 0), WS_OK);
	self_partial = t;
	assert_int_equal(mst_render(t, NULL, &env, &out), WS_ETEMPLATE);
	mst_free(t);
	buf_free(&out);
}

static void
test_limit_steps(void **state)
{
	struct mst_env env = { NULL, NULL, NULL, 1000, NULL };
	struct buf out;
	json_t *ctx = json_object(), *l = json_array();
	struct mst_tpl *t;
	int i;

	for (i = 0; i < 20; i++)
		json_array_append_new(l, json_integer(i));
	json_object_set_new(ctx, "a", l);
	buf_init(&out, 1 << 20);
	/* 20^3 iterations, no output at all: stopped by the step budget. */
	assert_int_equal(mst_compile("{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}", 36,
	    &t, NULL, 0), WS_OK);
	assert_int_equal(mst_render(t, ctx, &env, &out), WS_ETOOBIG);
	env.max_steps = 100000;
	assert_int_equal(mst_render(t, ctx, &env, &out), WS_OK);
	mst_free(t);
	json_decref(ctx);
	buf_free(&out);
}

/* ------------------------------------------------------------------ */
/* Escaping and reuse                                                  */
/* ------------------------------------------------------------------ */

static void
test_escape_html(void **state)
{
	static const char in[] = "a&b<c>d\"e'f/g`h=i\0j";
	struct buf out;

	buf_init(&out, 1 << 10);
	assert_int_equal(mst_escape_html(&out, in, sizeof in - 1), WS_OK);
	assert_int_equal(out.len, 53);
	assert_memory_equal(out.data, "a&amp;b&lt;c&gt;d&quot;e&#39;f&#x2F;g"
	    "&#x60;h&#x3D;i\0j", 53);
	buf_reset(&out);
	assert_int_equal(mst_escape_html(&out, "", 0), WS_OK);
	assert_int_equal(out.len, 0);
	buf_free(&out);

	buf_init(&out, 5);
	assert_int_equal(mst_escape_html(&out, "ab<c", 4), WS_ETOOBIG);
	assert_string_equal(buf_str(&out), "ab");
	buf_free(&out);
}

static void
test_reuse(void **state)
{
	const char *src = "{{#l}}{{.}},{{/l}}";
	json_t *a = parse_json("{\"l\":[1,2]}");
	json_t *b = parse_json("{\"l\":[\"x\"]}");
	struct mst_tpl *t;
	struct buf out;

	buf_init(&out, 100);
	assert_int_equal(mst_compile(src, strlen(src), &t, NULL, 0), WS_OK);
	assert_int_equal(mst_render(t, a, NULL, &out), WS_OK);
	assert_int_equal(mst_render(t, b, NULL, &out), WS_OK);
	assert_int_equal(mst_render(t, a, NULL, &out), WS_OK);
	assert_string_equal(buf_str(&out), "1,2,x,1,2,");
	mst_free(t);
	mst_free(NULL);
	json_decref(a);
	json_decref(b);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interpolation),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_inverted),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_mustache_js),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_translate),
		cmocka_unit_test(test_translate_bad_text),
		cmocka_unit_test(test_limit_nesting),
		cmocka_unit_test(test_limit_source),
		cmocka_unit_test(test_limit_output),
		cmocka_unit_test(test_limit_partial_depth),
		cmocka_unit_test(test_limit_self_partial),
		cmocka_unit_test(test_limit_steps),
		cmocka_unit_test(test_escape_html),
		cmocka_unit_test(test_reuse),
	};

	return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
