/*
 * uploads.c -- the rules an uploaded document is held to, wherever it is
 * sent: a resource's files (resources/submit.c) and the files that answer
 * a call's questions (calls/apply.c).  One list of accepted types, one
 * limit (--resource-max), one way of telling what a file really is
 * (libmagic, src/core/sniff.c), and the same words for each refusal.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/sniff.h"
#include "core/util.h"
#include "files/files.h"
#include "views/view.h"

/* The accepted files: an extension, the type libmagic must find. */
static const struct up_type {
	const char *ext;
	const char *type;
	const char *label;	/* as people call it */
} up_types[] = {
	{ "pdf", "application/pdf", "PDF" },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	    "DOCX" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX" },
	{ "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	    "PPTX" },
	{ "odt", "application/vnd.oasis.opendocument.text", "ODT" },
	{ "ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS" },
	{ "txt", "text/plain", "TXT" },
	{ "png", "image/png", "PNG" },
	{ "jpg", "image/jpeg", "JPEG" },
	{ "jpeg", "image/jpeg", "JPEG" },
};

/* msg (English, translated into r's language) with {{name}} and {{what}}
 * replaced by name and what, in r's arena. */
static const char *
file_text(struct req *r, const char *msg, const char *name, const char *what)
{
	const char *t = view_tr(r->app->views, r->locale, msg);
	struct buf b;
	const char *out;

	buf_init(&b, 4096);
	while (*t) {
		if (strncmp(t, "{{name}}", 8) == 0) {
			if (buf_adds(&b, name ? name : "") != WS_OK)
				break;
			t += 8;
		} else if (strncmp(t, "{{what}}", 8) == 0) {
			if (buf_adds(&b, what ? what : "") != WS_OK)
				break;
			t += 8;
		} else if (buf_addc(&b, *t++) != WS_OK) {
			break;
		}
	}
	out = arena_strdup(r->a, b.len ? buf_str(&b) : "");
	buf_free(&b);
	return out;
}

/* What is wrong with an uploaded file's name, so the message can say it. */
enum name_fault {
	NAME_OK, NAME_CONTROL, NAME_SEPARATOR, NAME_NOT_UTF8, NAME_EMPTY, NAME_LONG, NAME_DOTS,
};

/* Whether u's name is a plain file name: UTF-8 text, no control character
 * (C0, DEL or C1; the HTTP layer calls a name with C0 controls "file" and
 * says so in u->name), no path separator, not "." or "..". */
static enum name_fault
name_fault(const struct upload *u)
{
	const char *name = u->filename;
	const unsigned char *p;

	if (u->name == UPLOAD_NAME_CONTROL)
		return NAME_CONTROL;
	if (u->name == UPLOAD_NAME_NOT_UTF8)
		return NAME_NOT_UTF8;
	if (!name || !*name)
		return NAME_EMPTY;
	if (strlen(name) > FILE_NAME_MAX)
		return NAME_LONG;
	for (p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return NAME_CONTROL;
	if (!utf8_valid_text(name, strlen(name), 0))
		return NAME_NOT_UTF8;
	if (strpbrk(name, "/\\"))
		return NAME_SEPARATOR;
	return strcmp(name, ".") != 0 && strcmp(name, "..") != 0 ? NAME_OK : NAME_DOTS;
}

/* The refusal of a name with fault f (not NAME_OK), in r's language. */
static const char *
name_refusal(struct req *r, enum name_fault f, const char *name)
{
	switch (f) {
	case NAME_CONTROL:
		return file_text(r, N_("The file name has control characters (such as a tab or "
		    "a line break): rename the file and send it again."), NULL, NULL);
	case NAME_SEPARATOR:
		return file_text(r, N_("The file name {{name}} has a path separator: slashes and "
		    "backslashes may not be in a file name; send the file under its own name."),
		    name, NULL);
	case NAME_NOT_UTF8:
		return file_text(r, N_("The file name is not UTF-8 text: rename the file and "
		    "send it again."), NULL, NULL);
	case NAME_LONG:
		return file_text(r, N_("The file name is longer than {{what}} bytes: rename the "
		    "file and send it again."), NULL, arena_printf(r->a, "%d", FILE_NAME_MAX));
	case NAME_EMPTY:
	case NAME_DOTS:
	case NAME_OK:
		break;
	}
	return file_text(r, N_("A file needs a name (not \".\" or \"..\"): rename the file and "
	    "send it again."), NULL, NULL);
}

enum ws_err
app_upload_check(struct req *r, const struct upload *u, struct app_upload *out)
{
	size_t max = http_upload_max(&r->app->cfg, UPLOAD_RESOURCE);
	const char *name = u->filename, *dot;
	const struct up_type *t = NULL;
	enum name_fault f;
	char mime[128], ext[8];
	size_t k;

	memset(out, 0, sizeof *out);
	if (u->too_big || (uint64_t)u->size > max) {
		out->why = file_text(r, N_("The file {{name}} is over the limit of {{what}} MB."),
		    name ? name : "", arena_printf(r->a, "%zu", max / CONFIG_MB));
		return WS_ETOOBIG;
	}
	if ((f = name_fault(u)) != NAME_OK) {
		out->why = name_refusal(r, f, name);
		return WS_EINVAL;
	}
	if (u->size == 0 || !u->id) {
		out->why = file_text(r, N_("The file {{name}} is empty."), name, NULL);
		return WS_EINVAL;
	}
	dot = strrchr(name, '.');
	if (dot && strlen(dot + 1) < sizeof ext) {
		snprintf(ext, sizeof ext, "%s", dot + 1);
		ascii_lower(ext);
		for (k = 0; k < sizeof up_types / sizeof up_types[0]; k++)
			if (strcmp(up_types[k].ext, ext) == 0)
				t = &up_types[k];
	}
	if (!t) {
		out->why = file_text(r, N_("{{name}}: only PDF, DOCX, XLSX, PPTX, ODT, ODS, TXT, "
		    "PNG and JPEG files are accepted."), name, NULL);
		return WS_EMEDIA;
	}
	sniff_mime(u->head, u->head_len, mime, sizeof mime);
	if (strcmp(mime, t->type) != 0) {
		out->why = file_text(r, N_("{{name}} is not a real {{what}} file: its content is "
		    "of another type."), name, t->label);
		out->sniffed = arena_strdup(r->a, mime);
		return WS_EMEDIA;
	}
	out->type = t->type;
	return WS_OK;
}
