/*
 * labels.c -- a resource in words for pages: the names of its kind and
 * status in the reader's language (codes stay in the JSON), and its
 * Markdown summary as plain text, so an excerpt in the list reads as text
 * and not as `**marks**` and `[links](...)`.
 */
#include <cmark.h>
#include <string.h>

#include "app/app.h"
#include "app/resources/resources_int.h"
#include "core/buf.h"
#include "views/view.h"

const char *const res_status_codes[] = { "draft", "submitted", "changes_requested",
	"published", "rejected", NULL };
const char *const res_status_labels[] = { N_("Draft"), N_("Submitted for review"),
	N_("Changes requested"), N_("Published in the library"), N_("Not accepted"), NULL };
_Static_assert(sizeof res_status_codes == sizeof res_status_labels,
    "a label for each status");

/* The label of code in codes (labels beside it) in r's language; code
 * itself when it is not one of them. */
static const char *
label_of(struct req *r, const char *const *codes, const char *const *labels, const char *code)
{
	size_t i;

	for (i = 0; code && codes[i]; i++)
		if (strcmp(codes[i], code) == 0)
			return view_tr(r->app->views, r->locale, labels[i]);
	return code ? code : "";
}

const char *
res_kind_label(struct req *r, const char *code)
{
	return label_of(r, res_kinds, res_kind_labels, code);
}

const char *
res_status_label(struct req *r, const char *code)
{
	return label_of(r, res_status_codes, res_status_labels, code);
}

#define RES_PLAIN_MAX (64 * 1024)	/* bytes of plain text kept of a summary */

char *
res_plain(struct arena *a, const char *md)
{
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	struct buf b;
	char *out;

	if (!md || !*md)
		return arena_strdup(a, "");
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_SAFE);
	it = cmark_iter_new(doc);
	buf_init(&b, RES_PLAIN_MAX);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;
		enum ws_err rc = WS_OK;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			/* words, inline code and code blocks are text; raw HTML is not */
			if ((lit = cmark_node_get_literal(n)) != NULL)
				rc = buf_adds(&b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			rc = buf_addc(&b, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
		case CMARK_NODE_BLOCK_QUOTE:
			if (ev == CMARK_EVENT_EXIT)	/* blocks apart by a space */
				rc = buf_addc(&b, ' ');
			break;
		default:
			break;
		}
		if (rc != WS_OK)	/* past the ceiling: what fits is enough */
			break;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	out = arena_strdup(a, b.len ? buf_str(&b) : "");
	buf_free(&b);
	return out;
}
