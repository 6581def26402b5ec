/*
 * submit.c -- adding and changing resources: POST /api/v1/resources
 * (multipart with `file` parts, or JSON with a `link`) and PATCH
 * /api/v1/resources/{id}.
 *
 * Every file is checked before anything is stored, under the rules of
 * uploaded documents that calls' answers share (app_upload_check,
 * src/app/uploads.c): a name without path separators or control
 * characters (the message says which it has), an extension of the
 * accepted types, bytes that libmagic (src/core/sniff.c) says are of the
 * type the extension claims, at least one byte, at most --resource-max
 * (the HTTP layer refuses a body over it before reading it).  The record, its lists,
 * its files (claimed from the uploads the server streamed into the file
 * store) and the jobs that extract their text are then written in one
 * transaction: nothing is half-stored.
 *
 * Who may: staff anything (a draft, or published at once); a member for an
 * organization they belong to, which staff then review ("submitted", or a
 * "draft" they keep working on); an expert (a member without an
 * organization) in their own name.  The contributors may change it while
 * it is not published; staff always, but they publish a member's resource
 * only through the review (review.c), once it is submitted.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/regions.h"
#include "app/orgs/orgs.h"
#include "app/resources/resources_int.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "views/view.h"

static const char *const res_vis[] = { "public", "members", "nongovernmental", "staff", NULL };
static const char *const res_asked[] = { "draft", "submitted", "published", NULL };

#define RES_ORG_MAX 1000000000000000LL

static const struct field res_fields[] = {
	{ "title", FT_LINE, 1, 2, 300, NULL, NULL, NULL },
	{ "summary", FT_TEXT, 0, 0, 20000, NULL, NULL, NULL },
	{ "kind", FT_CHOICE, 1, 0, 0, res_kinds, NULL, N_("Choose a kind from the list.") },
	{ "languages", FT_MULTI, 0, 0, 20, NULL, language_valid,
	    N_("Choose languages from the list.") },
	/* retired themes pass here; a retired one not stored before is refused
	 * by join_themes_kept() */
	{ "themes", FT_MULTI, 0, 0, 20, NULL, theme_known, N_("Choose themes from the list.") },
	{ "countries", FT_MULTI, 0, 0, 250, NULL, country_valid,
	    N_("Choose a country from the list.") },
	{ "regions", FT_MULTI, 0, 0, 30, NULL, m49_valid, N_("Choose a region from the list.") },
	{ "year", FT_INT, 0, 1900, 2100, NULL, NULL, N_("Enter a year from 1900 to 2100.") },
	{ "authors", FT_MULTI, 0, 0, 50, NULL, NULL, NULL },
	{ "publisher", FT_LINE, 0, 0, 300, NULL, NULL, NULL },
	{ "organization_id", FT_INT, 0, 1, RES_ORG_MAX, NULL, NULL,
	    N_("Choose the organization you contribute for.") },
	{ "visibility", FT_CHOICE, 0, 0, 0, res_vis, NULL,
	    N_("Visibility must be public, members, nongovernmental or staff.") },
	{ "status", FT_CHOICE, 0, 0, 0, res_asked, NULL,
	    N_("The status must be draft, submitted or published.") },
	{ "link", FT_URL, 0, 0, 2000, NULL, NULL, NULL },
};
#define RES_NFIELDS (sizeof res_fields / sizeof res_fields[0])

/* An accepted file of the request, checked. */
struct res_up {
	const struct upload *u;
	const char *type;
	const char *language;	/* its file_language, or NULL */
};

/* The file_language sent for the i-th file (repeated fields in the order
 * of the files), or NULL. */
static const char *
file_language(struct req *r, size_t i)
{
	json_t *v = json_object_get(r->in, "file_language");

	if (json_is_array(v))
		v = json_array_get(v, i);
	else if (i > 0)
		v = NULL;
	return json_string_value(v) && *json_string_value(v) ? json_string_value(v) : NULL;
}

/*
 * Checks the `file` parts of r into ups (*n of them): WS_ETOOBIG (a 413,
 * w->detail naming the file) for one over the limit; a message under
 * "file" in errors for the first that is refused otherwise.  The i-th
 * file_language goes with the i-th `file` part; on a page, a part with
 * neither name nor bytes is a file input left empty, and is skipped.
 */
static enum ws_err
check_files(struct req *r, struct resp *w, json_t *errors, struct res_up *ups, size_t *n)
{
	size_t place = 0;	/* of the part among the `file` parts */
	struct app_upload ok;
	enum ws_err rc;
	int i;

	*n = 0;
	for (i = 0; i < r->nfiles; i++) {
		const struct upload *u = &r->files[i];
		const char *lang;

		if (strcmp(u->field, "file") != 0)
			continue;
		lang = file_language(r, place++);
		/* a file input of the page left empty: a browser sends it as a
		 * part without a name or a byte */
		if (!r->api && (!u->filename || !*u->filename) && u->size == 0)
			continue;
		rc = app_upload_check(r, u, &ok);
		if (rc == WS_ETOOBIG) {
			w->detail = ok.why;
			return WS_ETOOBIG;
		}
		if (json_object_get(errors, "file"))
			continue;
		if (rc != WS_OK) {
			json_object_set_new(errors, "file", json_string(ok.why));
			if (ok.sniffed)
				json_object_set_new(errors, "file_type", json_string(ok.sniffed));
			continue;
		}
		if (lang && !language_valid(lang)) {
			json_object_set_new(errors, "file_language", json_string(view_tr(r->app->views,
			    r->locale, N_("Choose languages from the list."))));
			continue;
		}
		ups[*n].u = u;
		ups[*n].type = ok.type;
		ups[*n].language = lang;
		(*n)++;
	}
	return WS_OK;
}

/* Stores the checked files ups[0..n) as files of resource id, each with
 * the job that extracts its text, in the caller's transaction. */
static enum ws_err
store_files(struct req *r, struct db *d, int64_t id, json_t *values, struct res_up *ups,
    size_t n)
{
	json_t *langs = json_object_get(values, "languages");
	enum ws_err rc = WS_OK;
	size_t i;

	for (i = 0; i < n && rc == WS_OK; i++) {
		const char *lang = ups[i].language;
		int64_t num = 0;

		/* one language for the resource: its files are in it */
		if (!lang && json_array_size(langs) == 1)
			lang = json_string_value(json_array_get(langs, 0));
		if ((rc = file_claim(d, ups[i].u->id, "resource", ups[i].type)) == WS_ENOTFOUND)
			rc = WS_EDB;
		if (rc == WS_OK)
			rc = res_file_add(d, id, ups[i].u->id, ups[i].u->filename, lang, ups[i].type,
			    ups[i].u->size, ups[i].u->sha256, &num);
		if (rc == WS_OK)
			rc = app_job(r->app, d, RES_TEXT_JOB, arena_printf(r->a,
			    "{\"resource\":%lld,\"n\":%lld}", (long long)id, (long long)num), NULL);
	}
	return rc;
}

/* db_after_commit() callback: the text jobs just committed can run. */
static void
kick(void *arg)
{
	app_jobs_kick(arg);
}

/*
 * Who may contribute values (organization_id, status as asked) and as
 * what: *status and *source.  WS_EFORBIDDEN for a member naming an
 * organization not theirs; a message in errors for what they may not ask.
 */
static enum ws_err
contribution(struct req *r, json_t *values, json_t *errors, const char **status,
    const char **source)
{
	int64_t org = json_integer_value(json_object_get(values, "organization_id"));
	const char *asked = json_string_value(json_object_get(values, "status"));
	json_t *orgs = NULL, *o;
	enum ws_err rc;
	size_t i;
	int mine = 0, any = 0;

	if (!asked)
		asked = "";
	if (r->user->role >= ROLE_STAFF) {
		*source = "staff";
		*status = strcmp(asked, "published") == 0 ? "published" : "draft";
		if (strcmp(asked, "submitted") == 0)
			json_object_set_new(errors, "status", json_string(view_tr(r->app->views,
			    r->locale, N_("Staff keep a resource as a draft or publish it."))));
		if (org) {
			json_t *found = NULL;

			if ((rc = org_load(req_db(r), org, &found)) == WS_ENOTFOUND)
				json_object_set_new(errors, "organization_id", json_string(view_tr(
				    r->app->views, r->locale, N_("There is no such organization."))));
			else if (rc != WS_OK)
				return rc;
			json_decref(found);
		}
		return WS_OK;
	}
	if (r->user->role != ROLE_MEMBER)
		return WS_EFORBIDDEN;
	*source = "member";
	*status = strcmp(asked, "draft") == 0 ? "draft" : "submitted";
	if (strcmp(asked, "published") == 0)
		json_object_set_new(errors, "status", json_string(view_tr(r->app->views,
		    r->locale, N_("Staff publish resources after review: submit it."))));
	if ((rc = orgs_of_person(req_db(r), r->user->id, &orgs)) != WS_OK)
		return rc;
	json_array_foreach(orgs, i, o) {
		int approved = strcmp(json_string_value(json_object_get(o, "status")),
		    "approved") == 0;

		any |= approved;
		mine |= approved && json_integer_value(json_object_get(o, "id")) == org;
	}
	json_decref(orgs);
	if (org && !mine)
		return WS_EFORBIDDEN;
	if (!org && any)	/* an organization's person contributes for it */
		json_object_set_new(errors, "organization_id", json_string(view_tr(r->app->views,
		    r->locale, N_("Choose the organization you contribute for."))));
	return WS_OK;
}

/* The answer of a create or an edit: the resource as its contributor sees
 * it. */
static enum ws_err
answer(struct req *r, struct resp *w, int64_t id)
{
	r->params[0] = arena_printf(r->a, "%lld", (long long)id);
	return h_resource(r, w);
}

/* ---- the pages ------------------------------------------------------------- */

#define RES_FORM_SLOTS 3	/* file inputs on the form */

static const char *const res_vis_labels[] = { N_("Everyone"),
	N_("Members and government focal points"), N_("Members, not government focal points"),
	N_("Staff only"), NULL };
_Static_assert(sizeof res_vis_labels == sizeof res_vis, "a label for each visibility");

/* Whether r chose a file on the form (what a browser cannot keep when the
 * form comes back). */
static int
files_chosen(struct req *r)
{
	int i;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "file") == 0 && r->files[i].filename &&
		    *r->files[i].filename)
			return 1;
	return 0;
}

/* The M49 regions and sub-regions as a form's options, in the order
 * m49_areas() gives (regions, then sub-regions by region), those in sel
 * chosen.  New reference. */
static json_t *
region_options(const char *lang, json_t *sel)
{
	const struct m49_area *a;
	json_t *out = json_array(), *x;
	size_t i, j, n;

	a = m49_areas(&n);
	for (i = 0; i < n; i++) {
		int on = 0;

		json_array_foreach(sel, j, x)
			on |= json_is_string(x) && strcmp(json_string_value(x), a[i].code) == 0;
		json_array_append_new(out, json_pack("{s:s,s:s,s:b}", "value", a[i].code, "label",
		    m49_name(a[i].code, lang), "selected", on));
	}
	return out;
}

/*
 * The form's value: values as typed or stored (form), the option lists
 * with what is chosen, the organizations a member may contribute for, and
 * for an edit (res not NULL) the resource's id, status and files.  New
 * reference.
 */
static json_t *
form_page(struct req *r, json_t *values, json_t *res, json_t *files)
{
	const char *lang = r->locale;
	json_t *form = json_copy(values), *v = json_object(), *x, *slots, *orgs = NULL, *o;
	json_t *vis_dflt = json_string("public");
	int staff = r->user && r->user->role >= ROLE_STAFF;
	int64_t chosen;
	size_t i;

	/* numbers and lists as a person types them */
	if (json_is_integer(x = json_object_get(form, "year")))
		json_object_set_new(form, "year", json_sprintf("%lld",
		    (long long)json_integer_value(x)));
	if (json_is_string(x = json_object_get(r->in, "authors")) && r->method == HM_POST) {
		json_object_set(form, "authors_text", x);
	} else {
		struct buf b;

		buf_init(&b, 64 * 1024);
		json_array_foreach(json_object_get(form, "authors"), i, x)
			if (buf_printf(&b, "%s%s", b.len ? "\n" : "", json_string_value(x)) != WS_OK)
				break;
		json_object_set_new(form, "authors_text", json_string(b.len ? buf_str(&b) : ""));
		buf_free(&b);
	}
	json_object_set_new(v, "kinds", choice_options(res_kinds, res_kind_labels,
	    r->app->views, lang, json_object_get(form, "kind")));
	json_object_set_new(v, "languages", language_options(lang, json_object_get(form,
	    "languages")));
	json_object_set_new(v, "themes", theme_options(lang, json_object_get(form, "themes")));
	json_object_set_new(v, "countries", country_options(lang, json_object_get(form,
	    "countries")));
	json_object_set_new(v, "regions", region_options(lang, json_object_get(form, "regions")));
	x = json_object_get(form, "visibility");
	json_object_set_new(v, "visibilities", choice_options(res_vis, res_vis_labels,
	    r->app->views, lang, json_is_string(x) && *json_string_value(x) ? x : vis_dflt));
	json_decref(vis_dflt);
	/* a slot per file input, each with its language as chosen */
	slots = json_array();
	x = json_object_get(r->in, "file_language");
	for (i = 0; i < RES_FORM_SLOTS; i++) {
		json_t *l = json_is_array(x) ? json_array_get(x, i) : i == 0 ? x : NULL;

		json_array_append_new(slots, json_pack("{s:I,s:o}", "slot", (json_int_t)i + 1,
		    "languages", language_options(lang, l)));
	}
	json_object_set_new(v, "slots", slots);
	json_object_set_new(v, "max_mb", json_integer((json_int_t)(http_upload_max(
	    &r->app->cfg, UPLOAD_RESOURCE) >> 20)));
	/* whose it is: chosen once, on the new form of a member */
	chosen = json_integer_value(json_object_get(form, "organization_id"));
	if (!res && !staff && orgs_of_person(req_db(r), r->user->id, &orgs) == WS_OK) {
		json_t *mine = json_array();

		json_array_foreach(orgs, i, o)
			if (strcmp(json_string_value(json_object_get(o, "status")), "approved") == 0)
				json_array_append_new(mine, json_pack("{s:O,s:O,s:b}", "id",
				    json_object_get(o, "id"), "name", json_object_get(o, "name"),
				    "selected", json_integer_value(json_object_get(o, "id")) == chosen));
		if (json_array_size(mine) == 1)
			json_object_set(v, "one_org", json_array_get(mine, 0));
		else if (json_array_size(mine) > 1)
			json_object_set(v, "orgs", mine);
		json_decref(mine);
	}
	json_decref(orgs);
	json_object_set_new(v, "is_staff", json_boolean(staff));
	if (res) {
		const char *status = json_string_value(json_object_get(res, "status"));
		int64_t id = json_integer_value(json_object_get(res, "id"));

		json_object_set_new(v, "editing", json_true());
		json_object_set_new(v, "id", json_integer(id));
		json_object_set_new(v, "status_label", json_string(res_status_label(r, status)));
		/* a member's resource is published through the review, which
		 * tells them */
		json_object_set_new(v, "can_publish", json_boolean(staff &&
		    strcmp(status, "published") != 0 && strcmp(json_string_value(
		    json_object_get(res, "source")), "staff") == 0));
		if (strcmp(status, "changes_requested") == 0)
			json_object_set(v, "reason", json_object_get(res, "reason"));
		if (json_is_string(x = json_object_get(res, "org_name")))
			json_object_set(v, "org_name", x);
		json_object_set_new(v, "files", json_array());
		json_array_foreach(files, i, o) {
			const char *fl = json_string_value(json_object_get(o, "language"));

			json_array_append_new(json_object_get(v, "files"), json_pack("{s:O,s:s}",
			    "name", json_object_get(o, "name"), "language_name",
			    fl ? language_name(fl, lang) : ""));
		}
	} else {
		json_object_set_new(v, "can_publish", json_boolean(staff));
	}
	json_object_set_new(v, "form", form);
	return v;
}

/* A form that failed on a page: the form again with its messages by the
 * fields and what was typed (errors borrowed); rc as the API's. */
static enum ws_err
form_again(struct req *r, struct resp *w, json_t *values, json_t *errors, json_t *res,
    json_t *files, enum ws_err rc)
{
	json_t *page = form_page(r, values, res, files);

	if (files_chosen(r))	/* the rest is kept; files cannot be */
		json_object_set_new(page, "files_dropped", json_true());
	resp_value(w, page);
	json_decref(w->errors);
	w->errors = json_incref(errors);
	w->tpl = "resource_form";
	w->title = res ? N_("Edit the resource") : N_("Share a resource");
	w->detail = N_("Some fields need your attention.");
	return rc;
}

/* Where a page goes once a resource is saved: its page, which says what
 * happens next. */
static void
saved(struct req *r, struct resp *w, int64_t id)
{
	resp_redirect(w, arena_printf(r->a, "/resources/%lld", (long long)id));
}

enum ws_err
h_resource_new_form(struct req *r, struct resp *w)
{
	json_t *values = json_object();

	resp_value(w, form_page(r, values, NULL, NULL));
	json_decref(values);
	w->tpl = "resource_form";
	w->title = N_("Share a resource");
	return WS_OK;
}

static enum ws_err may_edit(struct req *r, json_t *res, int *ok);

/* The resource {id} for its edit form and save: WS_ENOTFOUND when r's
 * user may not see it, WS_EFORBIDDEN (with w->detail) when they may not
 * change it.  New reference in *res. */
static enum ws_err
editable(struct req *r, struct resp *w, int64_t *id, json_t **res)
{
	struct res_viewer v;
	enum ws_err rc;
	int ok;

	*res = NULL;
	res_viewer_of(r, &v);
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = res_get(req_db(r), &v, *id, res)) != WS_OK)
		return rc;
	if ((rc = may_edit(r, *res, &ok)) == WS_OK && !ok) {
		w->detail = N_("Only staff change a published resource; before that, the member "
		    "who submitted it and the admins of its organization.");
		rc = WS_EFORBIDDEN;
	}
	if (rc != WS_OK) {
		json_decref(*res);
		*res = NULL;
	}
	return rc;
}

enum ws_err
h_resource_edit_form(struct req *r, struct resp *w)
{
	json_t *res = NULL, *files = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = editable(r, w, &id, &res)) != WS_OK)
		return rc;
	if ((rc = res_files(req_db(r), id, &files)) == WS_OK) {
		resp_value(w, form_page(r, res, res, files));
		w->tpl = "resource_form";
		w->title = N_("Edit the resource");
	}
	json_decref(files);
	json_decref(res);
	return rc;
}

void
res_page_owner(struct req *r, json_t *res, json_t *item)
{
	const char *status = json_string_value(json_object_get(res, "status"));
	int ok = 0;

	if (!json_is_true(json_object_get(item, "can_edit")) || !status)
		return;
	json_object_set_new(item, "status_label", json_string(res_status_label(r, status)));
	json_object_set_new(item, arena_printf(r->a, "is_%s", status), json_true());
	/* why staff decided so, while it is what they decided */
	if (strcmp(status, "changes_requested") == 0 || strcmp(status, "rejected") == 0)
		json_object_set(item, "status_reason", json_object_get(res, "reason"));
	if (r->user && may_edit(r, res, &ok) == WS_OK && ok)
		json_object_set_new(item, "may_edit", json_true());
}

/* ---- adding ---------------------------------------------------------------- */

enum ws_err
h_resource_create(struct req *r, struct resp *w)
{
	struct res_up ups[REQ_MAX_FILES];
	json_t *values = NULL, *errors = NULL;
	const char *status = "draft", *source = "staff", *link;
	struct db *d = req_db(r);
	size_t nup = 0;
	int64_t id = 0;
	enum ws_err rc;

	if (form_check(r, res_fields, RES_NFIELDS, &values, &errors) == WS_OK || !errors)
		errors = json_object();
	if (join_themes_kept(r, values, NULL, errors) != WS_OK)
		rc = WS_EINVAL;	/* errors.themes says so: a retired theme is not added */
	if ((rc = contribution(r, values, errors, &status, &source)) != WS_OK) {
		if (rc == WS_EFORBIDDEN)
			w->detail = N_("You may contribute only for an organization you belong to.");
		goto out;
	}
	if ((rc = check_files(r, w, errors, ups, &nup)) != WS_OK) {
		if (rc == WS_ETOOBIG && !r->api) {	/* the form, with the 413 */
			json_object_set_new(errors, "file", json_string(w->detail));
			rc = form_again(r, w, values, errors, NULL, NULL, rc);
		}
		goto out;
	}
	link = json_string_value(json_object_get(values, "link"));
	if (nup == 0 && (!link || !*link) && !json_object_get(errors, "file") &&
	    !json_object_get(errors, "link"))
		json_object_set_new(errors, "file", json_string(view_tr(r->app->views, r->locale,
		    N_("Add a file or a link."))));
	if (!json_object_get(values, "visibility") ||
	    !*json_string_value(json_object_get(values, "visibility")))
		json_object_set_new(values, "visibility", json_string("public"));
	if (json_object_size(errors)) {
		if (!r->api) {
			rc = form_again(r, w, values, errors, NULL, NULL, WS_EINVAL);
			goto out;
		}
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = res_insert(d, values, status, source, r->user->id, &id)) == WS_OK &&
	    (rc = res_terms_put(d, id, values)) == WS_OK &&
	    (rc = store_files(r, d, id, values, ups, nup)) == WS_OK &&
	    (rc = res_search_refresh(d, id)) == WS_OK) {
		json_t *res = json_pack("{s:I,s:O,s:s,s:I}", "id", (json_int_t)id,
		    "organization_id", json_object_get(values, "organization_id"), "source", source,
		    "created_by", (json_int_t)r->user->id);

		res_audit(r, d, res, strcmp(status, "submitted") == 0 ? "resource.submitted" :
		    strcmp(status, "published") == 0 ? "resource.published" : "resource.created",
		    arena_printf(r->a, "%s (%s, %zu files)", json_string_value(json_object_get(values,
		    "title")), status, nup));
		json_decref(res);
		if (nup)
			db_after_commit(d, kick, r->app);
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	res_index_refresh(r->app, d, id);
	if (!r->api)
		saved(r, w, id);
	else if ((rc = answer(r, w, id)) == WS_OK)
		w->status = 201;
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* ---- editing ------------------------------------------------------------- */

/* Whether r's user may change resource res: staff always; while it is not
 * published, the member who submitted it (still of its organization, when
 * it has one) and the admins of its organization, while members. */
static enum ws_err
may_edit(struct req *r, json_t *res, int *ok)
{
	int64_t org = json_integer_value(json_object_get(res, "organization_id"));
	json_t *orgs = NULL, *o;
	enum ws_err rc;
	size_t i;
	int mine;

	*ok = r->user->role >= ROLE_STAFF;
	/* the edit's routes are for members and staff: a contributor who is
	 * no longer a member (their organization suspended) is not offered it */
	if (*ok || r->user->role != ROLE_MEMBER ||
	    strcmp(json_string_value(json_object_get(res, "source")), "member") != 0 ||
	    strcmp(json_string_value(json_object_get(res, "status")), "published") == 0)
		return WS_OK;
	mine = json_integer_value(json_object_get(res, "created_by")) == r->user->id;
	if (!org) {	/* an expert's, in their own name */
		*ok = mine;
		return WS_OK;
	}
	if ((rc = orgs_of_person(req_db(r), r->user->id, &orgs)) != WS_OK)
		return rc;
	json_array_foreach(orgs, i, o)
		*ok |= json_integer_value(json_object_get(o, "id")) == org &&
		    (mine || json_is_true(json_object_get(o, "admin")));
	json_decref(orgs);
	return WS_OK;
}

/* The fields of stored resource res with what r sends laid over them:
 * what is not sent keeps its value.  New reference. */
static json_t *
merged_input(struct req *r, json_t *res)
{
	json_t *m = json_object(), *x;
	size_t i;

	for (i = 0; i < RES_NFIELDS; i++) {
		const char *k = res_fields[i].name;

		if (strcmp(k, "organization_id") == 0)
			continue;	/* whose it is does not change */
		if ((x = json_object_get(r->in, k)) != NULL)
			json_object_set(m, k, x);
		/* the status changes only when asked (the stored one may be
		 * one a contributor cannot ask for: changes_requested); a page
		 * sends every field, and a list with nothing chosen is absent */
		else if (r->api && strcmp(k, "status") != 0 &&
		    (x = json_object_get(res, k)) != NULL && !json_is_null(x))
			json_object_set(m, k, x);
	}
	if ((x = json_object_get(r->in, "file_language")) != NULL)
		json_object_set(m, "file_language", x);
	return m;
}

enum ws_err
h_resource_edit(struct req *r, struct resp *w)
{
	struct res_up ups[REQ_MAX_FILES];
	struct res_viewer v;
	struct db *d = req_db(r);
	json_t *res = NULL, *values = NULL, *errors = NULL, *files = NULL;
	const char *status, *asked, *link;
	size_t nup = 0;
	int64_t id;
	enum ws_err rc;

	res_viewer_of(r, &v);
	if ((rc = editable(r, w, &id, &res)) != WS_OK)
		return rc;
	{
		json_t *m = merged_input(r, res);

		json_decref(r->in);
		r->in = m;
	}
	if (form_check(r, res_fields, RES_NFIELDS, &values, &errors) == WS_OK || !errors)
		errors = json_object();
	/* a retired theme it has stays; none is added */
	if (join_themes_kept(r, values, json_object_get(res, "themes"), errors) != WS_OK)
		rc = WS_EINVAL;	/* errors.themes says so */
	/* a visibility left out or empty (a form made by hand; "" in JSON)
	 * keeps the stored one, as a create takes "public" */
	if (!json_object_get(errors, "visibility") && (!json_string_value(json_object_get(values,
	    "visibility")) || !*json_string_value(json_object_get(values, "visibility"))))
		json_object_set(values, "visibility", json_object_get(res, "visibility"));
	status = json_string_value(json_object_get(res, "status"));
	asked = json_string_value(json_object_get(values, "status"));
	if (asked && *asked) {
		if (v.staff && strcmp(asked, "submitted") == 0)
			json_object_set_new(errors, "status", json_string(view_tr(r->app->views,
			    r->locale, N_("Staff keep a resource as a draft or publish it."))));
		else if (!v.staff && strcmp(asked, "published") == 0)
			json_object_set_new(errors, "status", json_string(view_tr(r->app->views,
			    r->locale, N_("Staff publish resources after review: submit it."))));
		/* a member's resource is published by the review, which needs
		 * it submitted and tells its contributor (review.c) */
		else if (strcmp(asked, "published") == 0 && strcmp(status, "published") != 0 &&
		    strcmp(json_string_value(json_object_get(res, "source")), "member") == 0)
			json_object_set_new(errors, "status", json_string(view_tr(r->app->views,
			    r->locale, N_("A member's resource is published through the review: "
			    "approve it once they have submitted it."))));
		else
			status = asked;
	}
	if ((rc = res_files(d, id, &files)) != WS_OK)
		goto out;
	if ((rc = check_files(r, w, errors, ups, &nup)) != WS_OK) {
		if (rc == WS_ETOOBIG && !r->api) {	/* the form, with the 413 */
			json_object_set_new(errors, "file", json_string(w->detail));
			rc = form_again(r, w, values, errors, res, files, rc);
		}
		goto out;
	}
	link = json_string_value(json_object_get(values, "link"));
	if (json_array_size(files) + nup == 0 && (!link || !*link) &&
	    !json_object_get(errors, "file") && !json_object_get(errors, "link"))
		json_object_set_new(errors, "file", json_string(view_tr(r->app->views, r->locale,
		    N_("Add a file or a link."))));
	if (json_object_size(errors)) {
		if (!r->api) {
			rc = form_again(r, w, values, errors, res, files, WS_EINVAL);
			goto out;
		}
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = res_update(d, id, values, status)) == WS_OK &&
	    (rc = res_terms_put(d, id, values)) == WS_OK &&
	    (rc = store_files(r, d, id, values, ups, nup)) == WS_OK &&
	    (rc = res_search_refresh(d, id)) == WS_OK) {
		res_audit(r, d, res, "resource.edited", arena_printf(r->a, "%s (%s, %zu new files)",
		    json_string_value(json_object_get(values, "title")), status, nup));
		if (nup)
			db_after_commit(d, kick, r->app);
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	res_index_refresh(r->app, d, id);
	if (!r->api)
		saved(r, w, id);
	else
		rc = answer(r, w, id);
out:
	json_decref(res);
	json_decref(values);
	json_decref(errors);
	json_decref(files);
	return rc;
}
