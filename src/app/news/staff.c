/*
 * staff.c -- staff write the news: the list of every item (filtered by
 * kind and status, paginated, as CSV too), the form that makes or changes
 * an item (an image of at most --logo-max bytes, PNG, JPEG or WebP by its
 * bytes, with alt text), publishing, unpublishing and deleting.  Each
 * change is in the audit log.
 *
 * A slug is the item's address (/news/{slug}): lower-case letters, digits
 * and hyphens, beginning with a letter, so that it never reads as an id
 * (/api/v1/news/{id} is how the API changes an item).  Left empty, it is
 * made from the title, with a number after it when taken; typed, a taken
 * one is a 409 naming the field.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/news/news_int.h"
#include "app/orgs/orgs.h"
#include "core/sniff.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "views/view.h"

static const char *const statuses[] = { "draft", "published", NULL };
static const char *const status_labels[] = { N_("Draft"), N_("Published"), NULL };
static const char *const visibilities[] = { "public", "members", NULL };
static const char *const visibility_labels[] = { N_("Everyone"),
	N_("Members and focal points"), NULL };
static const char *const image_types[] = { "image/png", "image/jpeg", "image/webp", NULL };

const struct field news_q_staff[] = {
	{ "kind", FT_CHOICE, 0, 0, 0, news_kinds, NULL, N_("Choose a kind from the list.") },
	{ "status", FT_CHOICE, 0, 0, 0, statuses, NULL, N_("Choose a status from the list.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

/* A language of the item (ISO 639-1). */
static int
lang_ok(const char *s)
{
	return language_valid(s);
}

static const struct field news_fields[] = {
	{ "title", FT_LINE, 1, 3, NEWS_TITLE_MAX, NULL, NULL, NULL },
	{ "kind", FT_CHOICE, 1, 0, 0, news_kinds, NULL, N_("Choose a kind from the list.") },
	{ "slug", FT_LINE, 0, 3, NEWS_SLUG_MAX, NULL, NULL, NULL },
	{ "summary", FT_TEXT, 0, 0, NEWS_SUMMARY_MAX, NULL, NULL, NULL },
	{ "body", FT_TEXT, 0, 0, NEWS_BODY_MAX, NULL, NULL, NULL },
	{ "themes", FT_MULTI, 0, 0, NEWS_THEMES_MAX, NULL, theme_known,
	    N_("Choose themes from the list.") },
	{ "language", FT_CHOICE, 0, 0, 0, NULL, lang_ok, N_("Choose languages from the list.") },
	{ "visibility", FT_CHOICE, 1, 0, 0, visibilities, NULL,
	    N_("Choose who may read it.") },
	{ "image_alt", FT_LINE, 0, 0, NEWS_ALT_MAX, NULL, NULL, NULL },
	{ "remove_image", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
	{ "publish", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
};
#define NEWS_NFIELDS (sizeof news_fields / sizeof news_fields[0])

/* ---- the list -------------------------------------------------------------- */

/* A page of every item under the staff's filters; the stored rows. */
static enum ws_err
staff_rows(struct req *r, int64_t page, int per_page, json_t **rows, int64_t *total)
{
	return news_list(req_db(r), req_qstr(r, "status"), 1, req_qstr(r, "kind"), "", page,
	    per_page, rows, total);
}

static json_t *
staff_item(struct req *r, json_t *row)
{
	json_t *it = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "id",
	    json_object_get(row, "id"), "slug", json_object_get(row, "slug"), "kind",
	    json_object_get(row, "kind"), "title", json_object_get(row, "title"), "status",
	    json_object_get(row, "status"), "visibility", json_object_get(row, "visibility"),
	    "language", json_object_get(row, "language"), "author", json_object_get(row,
	    "author"));
	char t[40];

	if (json_integer_value(json_object_get(row, "published_at"))) {
		time_rfc3339((time_t)json_integer_value(json_object_get(row, "published_at")), t,
		    sizeof t);
		json_object_set_new(it, "published_at", json_string(t));
	} else {
		json_object_set_new(it, "published_at", json_null());
	}
	time_rfc3339((time_t)json_integer_value(json_object_get(row, "updated_at")), t, sizeof t);
	json_object_set_new(it, "updated_at", json_string(t));
	if (!r->api) {
		size_t i;

		json_object_set_new(it, "kind_label", json_string(news_kind_label(r,
		    json_string_value(json_object_get(row, "kind")))));
		for (i = 0; statuses[i]; i++)
			if (strcmp(statuses[i], json_string_value(json_object_get(row, "status"))) == 0)
				json_object_set_new(it, "status_label", json_string(view_tr(
				    r->app->views, r->locale, status_labels[i])));
		for (i = 0; visibilities[i]; i++)
			if (strcmp(visibilities[i], json_string_value(json_object_get(row,
			    "visibility"))) == 0)
				json_object_set_new(it, "visibility_label", json_string(view_tr(
				    r->app->views, r->locale, visibility_labels[i])));
	}
	return it;
}

enum ws_err
h_staff_news(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	json_t *rows = NULL, *items = json_array(), *row, *val;
	enum ws_err rc;
	size_t i;

	if ((rc = staff_rows(r, page, per_page, &rows, &total)) != WS_OK) {
		json_decref(items);
		return rc;
	}
	json_array_foreach(rows, i, row)
		json_array_append_new(items, staff_item(r, row));
	json_decref(rows);
	val = app_list_value(items, page, per_page, total);
	json_object_set_new(val, "kind", json_string(req_qstr(r, "kind")));
	json_object_set_new(val, "status", json_string(req_qstr(r, "status")));
	if (!r->api) {
		json_t *kind = json_string(req_qstr(r, "kind"));
		json_t *status = json_string(req_qstr(r, "status"));

		json_object_set_new(val, "kinds", choice_options(news_kinds, news_kind_labels,
		    r->app->views, r->locale, kind));
		json_object_set_new(val, "statuses", choice_options(statuses, status_labels,
		    r->app->views, r->locale, status));
		json_decref(kind);
		json_decref(status);
		json_object_set_new(val, "query", json_string(arena_printf(r->a,
		    "kind=%s&status=%s&per_page=%d", req_qstr(r, "kind"), req_qstr(r, "status"),
		    per_page)));
	}
	resp_value(w, val);
	w->tpl = "staff_news";
	w->title = N_("News");
	return WS_OK;
}

#define NEWS_CSV_PAGE 200

static const char *const csv_head[] = { "id", "slug", "kind", "title", "status", "visibility",
	"language", "themes", "author", "published_at", "updated_at", NULL };

enum ws_err
h_staff_news_csv(struct req *r, struct resp *w)
{
	json_t *rows = NULL, *row;
	int64_t page, total;
	enum ws_err rc = WS_OK;
	size_t i, k;

	for (k = 0; csv_head[k] && rc == WS_OK; k++)
		rc = dir_csv_cell(&w->raw, csv_head[k], k == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	for (page = 1; rc == WS_OK; page++) {
		if ((rc = staff_rows(r, page, NEWS_CSV_PAGE, &rows, &total)) != WS_OK ||
		    json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, row) {
			json_t *it = staff_item(r, row), *t;
			const char *themes = "";
			size_t j;

			json_array_foreach(json_object_get(row, "themes"), j, t)
				themes = arena_printf(r->a, "%s%s%s", themes, j ? " " : "",
				    json_string_value(t));
			json_object_set_new(it, "themes", json_string(themes));
			for (k = 0; csv_head[k] && rc == WS_OK; k++) {
				json_t *x = json_object_get(it, csv_head[k]);
				const char *s = json_is_integer(x) ? arena_printf(r->a, "%lld",
				    (long long)json_integer_value(x)) : json_string_value(x);

				rc = dir_csv_cell(&w->raw, s ? s : "", k == 0);
			}
			json_decref(it);
			if (rc == WS_OK)
				rc = buf_adds(&w->raw, "\r\n");
			if (rc != WS_OK)
				break;
		}
		json_decref(rows);
		rows = NULL;
		if (page * NEWS_CSV_PAGE >= total)
			break;
	}
	json_decref(rows);
	if (rc != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", "attachment; filename=\"news.csv\"");
	resp_header(w, "Cache-Control", "no-store");
	return WS_OK;
}

/* ---- the form -------------------------------------------------------------- */

/* The form's page: form (what was typed, or the item's), the options,
 * item (stored JSON) when editing.  New reference. */
static json_t *
form_page(struct req *r, json_t *form, json_t *item)
{
	json_t *v = json_object();

	json_object_set(v, "form", form);
	json_object_set_new(v, "kinds", choice_options(news_kinds, news_kind_labels,
	    r->app->views, r->locale, json_object_get(form, "kind")));
	json_object_set_new(v, "visibilities", choice_options(visibilities, visibility_labels,
	    r->app->views, r->locale, json_object_get(form, "visibility")));
	json_object_set_new(v, "themes", theme_options(r->locale, json_object_get(form,
	    "themes")));
	json_object_set_new(v, "languages", language_options(r->locale, json_object_get(form,
	    "language")));
	if (item) {
		const char *status = json_string_value(json_object_get(item, "status"));

		json_object_set_new(v, "editing", json_true());
		json_object_set(v, "id", json_object_get(item, "id"));
		json_object_set(v, "slug", json_object_get(item, "slug"));
		json_object_set(v, "status", json_object_get(item, "status"));
		json_object_set_new(v, "is_published", json_boolean(strcmp(status,
		    "published") == 0));
		json_object_set_new(v, "has_image", json_boolean(json_integer_value(
		    json_object_get(item, "image_id")) != 0));
	}
	return v;
}

/* The stored item as the form's values.  New reference. */
static json_t *
form_of(struct db *d, json_t *item)
{
	json_t *f = json_object(), *orgs = NULL, *x;
	const char *t = "";
	char num[24];
	size_t i;
	static const char *const keys[] = { "title", "kind", "slug", "summary", "body",
		"themes", "language", "visibility", "image_alt", NULL };
	const char *const *k;
	struct buf b;

	for (k = keys; *k; k++)
		json_object_set(f, *k, json_object_get(item, *k));
	buf_init(&b, 256);
	if (news_orgs_get(d, json_integer_value(json_object_get(item, "id")), &orgs) == WS_OK)
		json_array_foreach(orgs, i, x) {
			snprintf(num, sizeof num, "%s%lld", i ? ", " : "",
			    (long long)json_integer_value(x));
			if (buf_adds(&b, num) != WS_OK)
				break;
		}
	json_decref(orgs);
	t = b.len ? b.data : "";
	json_object_set_new(f, "organizations", json_string(t));
	buf_free(&b);
	return f;
}

enum ws_err
h_news_new_form(struct req *r, struct resp *w)
{
	json_t *form = json_pack("{s:s,s:s,s:s,s:[]}", "kind", "news", "language", "en",
	    "visibility", "public", "themes");

	resp_value(w, form_page(r, form, NULL));
	json_decref(form);
	w->tpl = "staff_news_form";
	w->title = N_("New news item");
	return WS_OK;
}

enum ws_err
h_news_edit_form(struct req *r, struct resp *w)
{
	json_t *item = NULL, *form, *v;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = news_get(req_db(r), id, &item)) != WS_OK)
		return rc;
	form = form_of(req_db(r), item);
	v = form_page(r, form, item);
	json_decref(form);
	json_decref(item);
	resp_value(w, v);
	w->tpl = "staff_news_form";
	w->title = N_("Edit the news item");
	return WS_OK;
}

/* "The image must be at most {{mb}} MB." in r's language, with the limit. */
static const char *
too_big_message(struct req *r)
{
	const char *t = view_tr(r->app->views, r->locale,
	    N_("The image must be at most {{mb}} MB."));
	const char *at = strstr(t, "{{mb}}");
	char mb[24];

	snprintf(mb, sizeof mb, "%zu", http_upload_max(&r->app->cfg, UPLOAD_LOGO) / CONFIG_MB);
	return at ? arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, mb, at + 6) : t;
}

/* The organizations field (numbers apart by commas or spaces, or a JSON
 * array of them) as [id] in *ids; a message in errors when it is not
 * that, names more than NEWS_ORGS_MAX or one that does not exist. */
static void
orgs_field(struct req *r, json_t *errors, json_t **ids)
{
	json_t *raw = json_object_get(r->in, "organizations"), *x, *org;
	const char *why = NULL;
	size_t i;

	*ids = json_array();
	if (json_is_array(raw) && json_array_size(raw) == 1 &&
	    json_is_string(json_array_get(raw, 0)))
		raw = json_array_get(raw, 0);
	if (json_is_array(raw)) {
		json_array_foreach(raw, i, x) {
			int64_t n;

			if (json_is_integer(x))
				n = json_integer_value(x);
			else if (!json_is_string(x) || parse_int(json_string_value(x), 1,
			    INT64_MAX, &n) != WS_OK) {
				why = N_("Enter the organizations' numbers, apart by commas.");
				break;
			}
			json_array_append_new(*ids, json_integer(n));
			if (json_array_size(*ids) > NEWS_ORGS_MAX)
				break;
		}
	} else if (json_is_string(raw)) {
		const char *p = json_string_value(raw);

		while (*p && !why && json_array_size(*ids) <= NEWS_ORGS_MAX) {
			char num[24];
			size_t len = 0;
			int64_t n;

			while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
				p++;
			while (p[len] && !strchr(", \t\r\n", p[len]))
				len++;
			if (!len)
				break;
			if (len >= sizeof num) {
				why = N_("Enter the organizations' numbers, apart by commas.");
				break;
			}
			memcpy(num, p, len);
			num[len] = '\0';
			if (parse_int(num, 1, INT64_MAX, &n) != WS_OK)
				why = N_("Enter the organizations' numbers, apart by commas.");
			else
				json_array_append_new(*ids, json_integer(n));
			p += len;
		}
	} else if (raw && !json_is_null(raw)) {
		why = N_("Enter the organizations' numbers, apart by commas.");
	}
	if (!why && json_array_size(*ids) > NEWS_ORGS_MAX)
		why = N_("A story may name at most 20 organizations.");
	json_array_foreach(*ids, i, x) {
		if (why)
			break;
		if (org_load(req_db(r), json_integer_value(x), &org) != WS_OK)
			why = N_("No organization has one of these numbers.");
		else
			json_decref(org);
	}
	if (why)
		json_object_set_new(errors, "organizations", json_string(view_tr(r->app->views,
		    r->locale, why)));
}

/* A slug made from title: its ASCII letters and digits, lower-cased, runs
 * of anything else one hyphen; "news-" before it when it would not begin
 * with a letter or be too short, "news" when it has none.  In r's arena. */
static char *
slug_from(struct req *r, const char *title)
{
	char s[NEWS_SLUG_MAX - 8 + 1];
	size_t n = 0;
	const char *p;

	for (p = title; *p && n < sizeof s - 1; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			s[n++] = c;
		else if (n && s[n - 1] != '-')
			s[n++] = '-';
	}
	while (n && s[n - 1] == '-')
		n--;
	s[n] = '\0';
	if (n == 0)	/* no Latin letter or digit (a title in another script) */
		return arena_printf(r->a, "news");
	if (n < 3 || s[0] < 'a' || s[0] > 'z')
		return arena_printf(r->a, "news-%s", s);
	return arena_printf(r->a, "%s", s);
}

/* Whether s is a slug: [a-z][a-z0-9-]*, no hyphen at the end. */
static int
slug_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 3 || n > NEWS_SLUG_MAX || s[0] < 'a' || s[0] > 'z' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/*
 * Checks r's form for item (NULL: a new one): *values the checked fields
 * (slug made when empty), *orgs the organizations named, *image_type the
 * type of an image sent (NULL: none).  On a refusal, *errors has what to
 * fix and the error is WS_EINVAL (422), WS_ETOOBIG (413, the image) or
 * WS_ECONFLICT (409, the slug is taken).
 */
static enum ws_err
check_form(struct req *r, json_t *item, json_t **values, json_t **errors, json_t **orgs,
    const char **image_type)
{
	const struct upload *u = req_upload(r, "image");
	enum ws_err rc, worst = WS_EINVAL;
	const char *slug, *alt;
	int has_image, taken = 0;
	int64_t id = item ? json_integer_value(json_object_get(item, "id")) : 0;

	*image_type = NULL;
	*orgs = NULL;
	rc = form_check(r, news_fields, NEWS_NFIELDS, values, errors);
	if (!*errors)
		*errors = json_object();
	orgs_field(r, *errors, orgs);
	if (!json_string_length(json_object_get(*values, "language")))
		json_object_set_new(*values, "language", json_string("en"));
	if (u) {
		char mime[100];
		const char *const *t;

		if (u->too_big || (uint64_t)u->size > http_upload_max(&r->app->cfg, UPLOAD_LOGO)) {
			json_object_set_new(*errors, "image", json_string(too_big_message(r)));
			worst = WS_ETOOBIG;
		} else {
			sniff_mime(u->head, u->head_len, mime, sizeof mime);
			for (t = image_types; *t; t++)
				if (strcmp(*t, mime) == 0)
					break;
			if (!*t || !u->id)
				json_object_set_new(*errors, "image", json_string(view_tr(
				    r->app->views, r->locale,
				    N_("The image must be a PNG, JPEG or WebP image."))));
			else
				*image_type = *t;
		}
	}
	has_image = *image_type || (item && json_integer_value(json_object_get(item,
	    "image_id")) && !json_is_true(json_object_get(*values, "remove_image")));
	alt = json_string_value(json_object_get(*values, "image_alt"));
	if (has_image && (!alt || !*alt) && !json_object_get(*errors, "image_alt"))
		json_object_set_new(*errors, "image_alt", json_string(view_tr(r->app->views,
		    r->locale, N_("Describe the image for those who cannot see it."))));
	slug = json_string_value(json_object_get(*values, "slug"));
	if (!json_object_get(*errors, "slug")) {
		if (slug && *slug) {
			if (!slug_ok(slug))
				json_object_set_new(*errors, "slug", json_string(view_tr(
				    r->app->views, r->locale, N_("Use lower-case letters, digits and "
				    "hyphens, beginning with a letter."))));
			else if ((rc = news_slug_taken(req_db(r), slug, id, &taken)) != WS_OK)
				return rc;
			else if (taken && json_object_size(*errors) == 0) {
				json_object_set_new(*errors, "slug", json_string(view_tr(
				    r->app->views, r->locale,
				    N_("Another item has this address: choose another."))));
				worst = WS_ECONFLICT;
			}
		} else if (json_string_length(json_object_get(*values, "title"))) {
			const char *base = slug_from(r, json_string_value(json_object_get(*values,
			    "title"))), *s = base;
			int k;

			for (k = 2; k < 100; k++) {
				if ((rc = news_slug_taken(req_db(r), s, id, &taken)) != WS_OK)
					return rc;
				if (!taken)
					break;
				s = arena_printf(r->a, "%s-%d", base, k);
			}
			json_object_set_new(*values, "slug", json_string(s));
		}
	}
	if (json_object_size(*errors) == 0) {
		json_decref(*errors);
		*errors = NULL;
		return WS_OK;
	}
	return worst;
}

/* The form again after rc, with what was typed and why. */
static enum ws_err
form_refused(struct req *r, struct resp *w, json_t *item, json_t *values, json_t *errors,
    enum ws_err rc)
{
	json_t *page;
	json_t *typed = json_object_get(r->in, "organizations");

	if (json_is_array(typed) && json_array_size(typed) == 1)
		typed = json_array_get(typed, 0);
	json_object_set_new(values, "organizations", json_string(json_is_string(typed) ?
	    json_string_value(typed) : ""));
	page = form_page(r, values, item);
	resp_value(w, page);
	json_decref(w->errors);
	w->errors = json_incref(errors);
	w->tpl = "staff_news_form";
	w->title = item ? N_("Edit the news item") : N_("New news item");
	w->detail = N_("Some fields need your attention.");
	json_object_set_new(page, "problem", json_string(view_tr(r->app->views, r->locale,
	    w->detail)));
	return rc;
}

/* The answer to a saved item id: its page (staff see drafts) or JSON. */
static enum ws_err
saved(struct req *r, struct resp *w, int64_t id)
{
	json_t *item = NULL;
	enum ws_err rc;

	if ((rc = news_get(req_db(r), id, &item)) != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:O,s:O}", "id", (json_int_t)id, "slug",
	    json_object_get(item, "slug"), "status", json_object_get(item, "status")));
	json_decref(item);
	resp_redirect(w, arena_printf(r->a, "/staff/news/%lld", (long long)id));
	return WS_OK;
}

enum ws_err
h_news_create(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *orgs = NULL;
	const char *type = NULL, *status;
	const struct upload *u = req_upload(r, "image");
	struct db *d = req_db(r);
	int64_t id = 0, image = 0;
	enum ws_err rc;

	if ((rc = check_form(r, NULL, &values, &errors, &orgs, &type)) != WS_OK) {
		if (errors)
			rc = form_refused(r, w, NULL, values, errors, rc);
		goto out;
	}
	status = json_is_true(json_object_get(values, "publish")) ? "published" : "draft";
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (type && (rc = file_claim(d, u->id, "news_image", type)) == WS_OK)
		image = u->id;
	if (rc == WS_OK)
		rc = news_insert(d, values, status, image, type, r->user->id, &id);
	if (rc == WS_OK)
		rc = news_orgs_put(d, id, orgs);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "news.created", r->ip, arena_printf(r->a,
		    "news %lld %s (%s)", (long long)id, json_string_value(json_object_get(values,
		    "slug")), status));
		rc = db_commit(d);
	} else {
		db_rollback(d);
	}
	if (rc == WS_ECONFLICT) {	/* the same slug saved meanwhile */
		errors = json_pack("{s:s}", "slug", view_tr(r->app->views, r->locale,
		    N_("Another item has this address: choose another.")));
		rc = form_refused(r, w, NULL, values, errors, WS_ECONFLICT);
		goto out;
	}
	if (rc == WS_OK) {
		rc = saved(r, w, id);
		w->status = r->api ? 201 : 0;
	}
out:
	json_decref(values);
	json_decref(errors);
	json_decref(orgs);
	return rc;
}

/* For a PATCH: the fields not sent keep the item's values. */
static void
keep_unsent(struct req *r, json_t *form)
{
	const char *k;
	json_t *v;

	if (!r->api || !json_is_object(r->in))
		return;
	json_object_foreach(form, k, v)
		if (!json_object_get(r->in, k))
			json_object_set(r->in, k, v);
}

enum ws_err
h_news_edit(struct req *r, struct resp *w)
{
	json_t *item = NULL, *values = NULL, *errors = NULL, *orgs = NULL, *form;
	const struct upload *u = req_upload(r, "image");
	const char *type = NULL, *keep_type;
	struct db *d = req_db(r);
	int64_t id, image, old_image;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = news_get(d, id, &item)) != WS_OK)
		return rc;
	form = form_of(d, item);
	keep_unsent(r, form);
	json_decref(form);
	if ((rc = check_form(r, item, &values, &errors, &orgs, &type)) != WS_OK) {
		if (errors)
			rc = form_refused(r, w, item, values, errors, rc);
		goto out;
	}
	old_image = json_integer_value(json_object_get(item, "image_id"));
	keep_type = json_string_value(json_object_get(item, "image_type"));
	image = json_is_true(json_object_get(values, "remove_image")) ? 0 : old_image;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (type && (rc = file_claim(d, u->id, "news_image", type)) == WS_OK) {
		image = u->id;
		keep_type = type;
	}
	if (rc == WS_OK)
		rc = news_update(d, id, values, image, keep_type);
	if (rc == WS_OK && old_image && old_image != image)
		rc = file_delete(d, old_image);
	if (rc == WS_OK)
		rc = news_orgs_put(d, id, orgs);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "news.edited", r->ip, arena_printf(r->a,
		    "news %lld %s", (long long)id, json_string_value(json_object_get(values,
		    "slug"))));
		rc = db_commit(d);
	} else {
		db_rollback(d);
	}
	if (rc == WS_ECONFLICT) {
		errors = json_pack("{s:s}", "slug", view_tr(r->app->views, r->locale,
		    N_("Another item has this address: choose another.")));
		rc = form_refused(r, w, item, values, errors, WS_ECONFLICT);
		goto out;
	}
	if (rc == WS_OK)
		rc = saved(r, w, id);
out:
	json_decref(item);
	json_decref(values);
	json_decref(errors);
	json_decref(orgs);
	return rc;
}

/* Sets item {id}'s status: published (when first, now) or draft. */
static enum ws_err
set_status(struct req *r, struct resp *w, const char *status)
{
	json_t *item = NULL;
	struct db *d = req_db(r);
	int64_t id, at;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = news_get(d, id, &item)) != WS_OK)
		return rc;
	at = json_integer_value(json_object_get(item, "published_at"));
	if (!at && strcmp(status, "published") == 0)
		at = now_s();
	json_decref(item);
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = news_set_status(d, id, status, at)) == WS_OK) {
		app_audit(r->app, d, r->user->id, strcmp(status, "published") == 0 ?
		    "news.published" : "news.unpublished", r->ip, arena_printf(r->a, "news %lld",
		    (long long)id));
		rc = db_commit(d);
	} else {
		db_rollback(d);
	}
	return rc == WS_OK ? saved(r, w, id) : rc;
}

enum ws_err
h_news_publish(struct req *r, struct resp *w)
{
	return set_status(r, w, "published");
}

enum ws_err
h_news_unpublish(struct req *r, struct resp *w)
{
	return set_status(r, w, "draft");
}

enum ws_err
h_news_delete(struct req *r, struct resp *w)
{
	json_t *item = NULL;
	struct db *d = req_db(r);
	int64_t id, image;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = news_get(d, id, &item)) != WS_OK)
		return rc;
	image = json_integer_value(json_object_get(item, "image_id"));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = news_delete(d, id);
	if (rc == WS_OK && image)
		rc = file_delete(d, image);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "news.deleted", r->ip, arena_printf(r->a,
		    "news %lld %s", (long long)id, json_string_value(json_object_get(item,
		    "slug"))));
		rc = db_commit(d);
	} else {
		db_rollback(d);
	}
	if (rc == WS_OK) {
		resp_value(w, json_pack("{s:I,s:b}", "id", (json_int_t)id, "deleted", 1));
		resp_redirect(w, "/staff/news");
	}
out:
	json_decref(item);
	return rc;
}
