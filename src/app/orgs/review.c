/*
 * review.c -- staff review of applications: the queue with filters, the
 * detail with duplicate hints and history, decisions one by one or in bulk.
 *
 * A decision is one transaction: the application's new status (only from
 * the status the decider saw, so two staff cannot decide twice), the
 * organization and membership on approval, the history line, the audit
 * line and the mail to the applicant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/directory/directory.h"
#include "app/orgs/orgs_int.h"
#include "app/people/people.h"
#include "core/util.h"
#include "db/db.h"
#include "views/mustache.h"
#include "views/view.h"


static const char *const app_statuses[] = {
	"pending", "info_requested", "approved", "rejected", NULL
};
static const char *const app_status_labels[] = {
	N_("Waiting for review"), N_("Information requested"), N_("Approved"), N_("Rejected"), NULL
};
static const char *const app_kinds[] = { "organization", "join", "focal", "expert", NULL };
static const char *const app_kind_labels[] = {
	N_("Organization"), N_("Person joining an organization"), N_("State focal point"),
	N_("Individual expert"), NULL
};
_Static_assert(sizeof app_kinds / sizeof app_kinds[0] ==
    sizeof app_kind_labels / sizeof app_kind_labels[0], "a label per kind");

/* What staff read for kind, in r's language. */
static const char *
kind_label(struct req *r, const char *kind)
{
	size_t i;

	for (i = 0; kind && app_kinds[i]; i++)
		if (strcmp(app_kinds[i], kind) == 0)
			return view_tr(r->app->views, r->locale, app_kind_labels[i]);
	return kind ? kind : "";
}

static const char *const sorts[] = { "oldest", "newest", NULL };
static const char *const sort_labels[] = { N_("Oldest first"), N_("Newest first"), NULL };

static const char *
choice_or(const char *v, const char *const *choices, const char *def)
{
	const char *const *c;

	for (c = choices; v && *c; c++)
		if (strcmp(*c, v) == 0)
			return v;
	return def;
}

/* ---- the queue ----------------------------------------------------------- */

/* A status of the queue's filter: one of app_statuses, or "all". */
static int
status_filter_ok(const char *v)
{
	return strcmp(v, "all") == 0 || choice_or(v, app_statuses, NULL) != NULL;
}

const struct field orgs_q_apps[] = {
	{ "status", FT_CHOICE, 0, 0, 0, NULL, status_filter_ok,
	    N_("Choose a status from the list.") },
	{ "kind", FT_CHOICE, 0, 0, 0, app_kinds, NULL, N_("Choose a kind from the list.") },
	{ "country", FT_CHOICE, 0, 0, 0, NULL, country_valid,
	    N_("Choose a country from the list.") },
	{ "sort", FT_CHOICE, 0, 0, 0, sorts, NULL, N_("Choose an order from the list.") },
	{ "older_than", FT_INT, 0, 0, 3650, NULL, NULL, N_("Not a number of days.") },
	APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END
};

enum ws_err
h_staff_home(struct req *r, struct resp *w)
{
	struct db_q *q = db_start(req_db(r), ST_APP_COUNT_STATUS);
	json_t *counts = json_object(), *v;
	int64_t people = 0;
	enum ws_err rc;

	while ((rc = db_step(q)) == WS_OK)
		json_object_set_new(counts, db_col_text(q, APP_COUNT_STATUS_C_STATUS),
		    json_integer(db_col_int(q, APP_COUNT_STATUS_C_COUNT)));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(counts);
		return rc;
	}
	q = db_start(req_db(r), ST_MEMBER_REVIEW_COUNT);
	if ((rc = db_step(q)) == WS_OK)
		people = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK) {
		json_decref(counts);
		return rc;
	}
	v = json_pack("{s:o,s:I,s:I}", "applications", counts, "pending",
	    (json_int_t)json_integer_value(json_object_get(counts, "pending")), "memberships",
	    (json_int_t)people);
	resp_value(w, v);
	w->tpl = "staff_home";
	w->title = N_("Staff");
	return WS_OK;
}

static void
bind_filters(struct db_q *q, const char *status, const char *kind, const char *country,
    int64_t before)
{
	db_bind_text(q, 1, status);
	db_bind_text(q, 2, status);
	db_bind_text(q, 3, kind);
	db_bind_text(q, 4, kind);
	db_bind_text(q, 5, country);
	db_bind_text(q, 6, country);
	db_bind_int(q, 7, before);
}

enum ws_err
h_app_list(struct req *r, struct resp *w)
{
	/* checked by the route's declared query, orgs_q_apps */
	const char *status = req_qstr(r, "status");
	const char *kind = req_qstr(r, "kind");
	const char *country = req_qstr(r, "country");
	const char *sort = *req_qstr(r, "sort") ? req_qstr(r, "sort") : "oldest";
	const char *age_s = req_query(r, "older_than");
	int64_t age = req_qint(r, "older_than", 0);
	struct db *d = req_db(r);
	json_t *v, *items;
	struct db_q *q;
	int64_t page = 1, total = 0;
	int per_page;
	enum ws_err rc;

	status = strcmp(status, "all") == 0 ? "" : (*status ? status : "pending");
	if (app_paging(r, NULL, &page, &per_page))
		return WS_EINVAL;
	items = json_array();
	q = db_start(d, ST_APP_COUNT);
	bind_filters(q, status, kind, country, now_s() - age * 86400);
	if (db_step(q) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	q = db_start(d, ST_APP_LIST);
	bind_filters(q, status, kind, country, now_s() - age * 86400);
	db_bind_text(q, 8, sort);
	db_bind_int(q, 9, per_page);
	db_bind_int(q, 10, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *a = app_from_row(q);
		const char *c = json_string_value(json_object_get(json_object_get(a,
		    json_object_get(a, "expert") ? "expert" : "organization"), "country"));

		if (!r->api)
			json_object_set_new(a, "kind_label", json_string(kind_label(r,
			    json_string_value(json_object_get(a, "kind")))));
		json_object_set_new(a, "duplicate_count", json_integer((json_int_t)
		    json_array_size(json_object_get(a, "duplicates"))));
		if (c)
			json_object_set_new(a, "country_name", json_string(country_name(c,
			    r->locale)));
		json_array_append_new(items, a);
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(items);
		return rc;
	}
	v = app_list_value(items, page, per_page, total);
	if (!r->api) {
		json_t *f = json_pack("{s:s,s:s,s:s,s:s,s:s}", "status", *status ? status : "all",
		    "kind", kind, "country", country, "sort", sort, "older_than",
		    age_s ? age_s : "");

		json_object_set_new(v, "filter", f);
		json_object_set_new(v, "statuses", choice_options(app_statuses, app_status_labels,
		    r->app->views, r->locale, json_object_get(f, "status")));
		json_object_set_new(v, "kinds", choice_options(app_kinds, app_kind_labels,
		    r->app->views, r->locale, json_object_get(f, "kind")));
		json_object_set_new(v, "sorts", choice_options(sorts, sort_labels, r->app->views,
		    r->locale, json_object_get(f, "sort")));
		json_object_set_new(v, "countries", country_options(r->locale,
		    json_object_get(f, "country")));
		json_object_set_new(v, "query", json_string(arena_printf(r->a,
		    "status=%s&kind=%s&country=%s&sort=%s&older_than=%s", *status ? status : "all",
		    kind, country, sort, age_s ? age_s : "")));
		json_object_set_new(v, "reject_reason", json_string(""));
	}
	resp_value(w, v);
	w->tpl = "staff_applications";
	w->title = N_("Applications");
	return WS_OK;
}

static enum ws_err
load_param(struct req *r, json_t **app, int64_t *id)
{
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	return app_load(req_db(r), *id, app);
}

enum ws_err
h_app_detail(struct req *r, struct resp *w)
{
	json_t *a, *org;
	int64_t id;
	enum ws_err rc;
	const char *c;

	if ((rc = load_param(r, &a, &id)) != WS_OK)
		return rc;
	json_object_set_new(a, "history", app_events(r, id, 1));
	if (!r->api && (org = json_object_get(a, "organization")) && json_is_object(org)) {
		json_t *view = org_view(org, VIS_STAFF, r->locale, r->app->views);

		json_object_set_new(a, "org_view", view);
		if ((c = json_string_value(json_object_get(org, "ecosoc_status"))))
			json_object_set_new(a, "ecosoc_name", json_string(c));
	}
	if (!r->api) {
		json_object_set_new(a, "kind_label", json_string(kind_label(r,
		    json_string_value(json_object_get(a, "kind")))));
		if (json_is_object(json_object_get(a, "expert")))
			json_object_set_new(a, "expert_view", people_expert_view(r,
			    json_object_get(a, "expert")));
	}
	resp_value(w, a);
	w->tpl = "staff_application";
	w->title = N_("Application");
	return WS_OK;
}

/* ---- decisions ------------------------------------------------------------ */

void
org_bind_fields(struct arena *a, struct db_q *q, json_t *o, json_t *c)
{
	static const char *const arrays[] = { "countries", "themes", "languages", "social" };
	char *json[4];
	const char *website = json_string_value(json_object_get(o, "website"));
	json_t *founded = json_object_get(o, "founded");
	size_t i;

	for (i = 0; i < 4; i++) {
		json_t *x = json_object_get(o, arrays[i]);

		json[i] = json_dumps(json_is_array(x) ? x : json_array(), JSON_COMPACT);
	}
#define S(k) (json_string_value(json_object_get(o, k)) ? json_string_value(json_object_get(o, k)) : "")
#define CS(k) (json_string_value(json_object_get(c, k)) ? json_string_value(json_object_get(c, k)) : "")
	db_bind_text(q, 1, S("name"));
	db_bind_text(q, 2, S("acronym"));
	db_bind_text(q, 3, S("kind"));
	db_bind_text(q, 4, S("country"));
	db_bind_text(q, 5, json[0]);
	db_bind_text(q, 6, website ? website : "");
	db_bind_text(q, 7, url_domain(a, website));
	if (json_is_integer(founded))
		db_bind_int(q, 8, json_integer_value(founded));
	else
		db_bind_null(q, 8);
	db_bind_text(q, 9, S("size"));
	db_bind_text(q, 10, S("description"));
	db_bind_text(q, 11, json[1]);
	db_bind_text(q, 12, json[2]);
	db_bind_text(q, 13, *S("ecosoc_status") ? S("ecosoc_status") : "none");
	db_bind_text(q, 14, json[3]);
	db_bind_text(q, 15, CS("name"));
	db_bind_text(q, 16, CS("title"));
	db_bind_text(q, 17, CS("email"));
	db_bind_text(q, 18, CS("phone"));
	db_bind_text(q, 19, CS("role"));
#undef S
#undef CS
	for (i = 0; i < 4; i++)
		free(json[i]);
}

/* Creates the approved organization of application a; its id in *org_id. */
static enum ws_err
create_org(struct req *r, struct db *d, json_t *a, int64_t *org_id)
{
	return org_insert(r->a, d, json_object_get(a, "organization"),
	    json_object_get(a, "contact"), r->user->id, org_id);
}

/* GET /staff/applications/{id}/logo */
enum ws_err
h_app_logo(struct req *r, struct resp *w)
{
	json_t *a, *f;
	int64_t id;
	enum ws_err rc;

	if ((rc = load_param(r, &a, &id)) != WS_OK)
		return rc;
	f = json_object_get(json_object_get(a, "organization"), "logo_file");
	rc = json_is_integer(f) ? logo_serve(r, w, json_integer_value(f)) : WS_ENOTFOUND;
	json_decref(a);
	return rc;
}

/* A state focal point's account takes the role and the country. */
static enum ws_err
make_focal(struct db *d, json_t *a)
{
	struct db_q *q = db_start(d, ST_USER_SET_FOCAL);
	enum ws_err rc;

	db_bind_text(q, 1, json_string_value(json_object_get(json_object_get(a, "focal"),
	    "country")));
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, json_integer_value(json_object_get(json_object_get(a, "applicant"),
	    "id")));
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* The applicant joins the organization (as its first admin for a new
 * organization) and becomes a member. */
static enum ws_err
add_member(struct req *r, struct db *d, json_t *a, int64_t org_id, int admin)
{
	int64_t uid = json_integer_value(json_object_get(json_object_get(a, "applicant"), "id"));
	const char *title = json_string_value(json_object_get(json_object_get(a, "contact"),
	    "title"));
	struct user u;
	enum ws_err rc;

	if ((rc = user_by_id(d, r->a, uid, &u)) != WS_OK)
		return rc;
	return org_member_add(d, org_id, uid, admin, title, u.role);
}

/* Renders a staff-editable message template (plain text). */
static enum ws_err
render_msg_template_1(struct req *r, struct db *d, const char *code, json_t *ctx,
    struct buf *subject, struct buf *body)
{
	struct db_q *q = db_start(d, ST_MSG_TEMPLATE_GET);
	struct mst_tpl *ts = NULL, *tb = NULL;
	char err[200];
	enum ws_err rc;

	db_bind_text(q, 1, code);
	rc = db_step(q);
	if (rc == WS_OK) {
		const char *s = db_col_text(q, MSG_TEMPLATE_GET_C_SUBJECT);
		const char *b = db_col_text(q, MSG_TEMPLATE_GET_C_BODY);

		if ((rc = mst_compile(s, strlen(s), &ts, err, sizeof err)) == WS_OK &&
		    (rc = mst_compile(b, strlen(b), &tb, err, sizeof err)) == WS_OK &&
		    (rc = mst_render(ts, ctx, NULL, subject)) == WS_OK)
			rc = mst_render(tb, ctx, NULL, body);
	}
	db_end(q);
	mst_free(ts);
	mst_free(tb);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* The template's version in lang ("<code>_fr"; English is the code
 * itself), or the English one when there is none. */
static enum ws_err
render_msg_template(struct req *r, struct db *d, const char *code, const char *lang,
    json_t *ctx, struct buf *subject, struct buf *body)
{
	enum ws_err rc = WS_ENOTFOUND;

	if (strcmp(lang, "en") != 0)
		rc = render_msg_template_1(r, d, arena_printf(r->a, "%s_%s", code, lang), ctx,
		    subject, body);
	if (rc == WS_ENOTFOUND)
		rc = render_msg_template_1(r, d, code, ctx, subject, body);
	return rc;
}

static enum ws_err
mail_decision(struct req *r, struct db *d, json_t *a, const char *action, const char *note,
    int64_t org_id)
{
	json_t *ap = json_object_get(a, "applicant");
	const char *to = json_string_value(json_object_get(ap, "email"));
	const char *name = json_string_value(json_object_get(ap, "name"));
	/* an expert applies as a person: their mail names no organization */
	int expert = json_object_get(a, "expert") != NULL;
	const char *org = expert ? NULL : json_string_value(json_object_get(json_object_get(a,
	    "organization"), "name"));
	json_t *ctx = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "name", name ? name : "", "site",
	    r->app->cfg.org_name, "org", org ? org : "", "reason", note ? note : "",
	    "base_url", r->app->cfg.base_url, "expert", expert);
	struct buf subject, body;
	struct user u;
	const char *lang;
	enum ws_err rc;

	/* the applicant's language, not the deciding staff member's */
	lang = app_mail_lang(r->app, user_by_id(d, r->a, json_integer_value(json_object_get(ap,
	    "id")), &u) == WS_OK ? u.locale : NULL, NULL);
	buf_init(&subject, 1000);
	buf_init(&body, 64 * 1024);
	json_object_set_new(ctx, "link", json_string(strcmp(action, "approved") == 0 &&
	    json_object_get(a, "expert") ? arena_printf(r->a, "%s/people/%lld",
	    r->app->cfg.base_url, (long long)json_integer_value(json_object_get(json_object_get(a,
	    "applicant"), "id"))) : strcmp(action, "approved") == 0 ?
	    arena_printf(r->a, "%s/organizations/%lld", r->app->cfg.base_url, (long long)org_id) :
	    arena_printf(r->a, "%s/applications/%lld", r->app->cfg.base_url,
	    (long long)json_integer_value(json_object_get(a, "id")))));
	if (strcmp(action, "rejected") == 0) {
		rc = render_msg_template(r, d, expert ? "application_rejected_expert" :
		    "application_rejected", lang, ctx, &subject, &body);
	} else {
		const char *kind = json_string_value(json_object_get(a, "kind"));
		const char *tpl = strcmp(action, "approved") != 0 ? "mail_app_info" :
		    strcmp(kind, "join") == 0 ? "mail_join_approved" :
		    strcmp(kind, "expert") == 0 ? "mail_expert_approved" :
		    strcmp(kind, "focal") == 0 ? "mail_focal_approved" : "mail_app_approved";
		const char *subj = strcmp(action, "approved") != 0 ?
		    N_("Your application: more information needed") :
		    strcmp(kind, "join") == 0 ? N_("You have joined your organization") :
		    strcmp(kind, "expert") == 0 ? N_("Welcome: you are now a member as an expert") :
		    strcmp(kind, "focal") == 0 ? N_("You are confirmed as a state focal point") :
		    N_("Welcome: your organization is now a member");

		rc = view_render(r->app->views, tpl, ctx, lang, &body);
		if (rc == WS_OK)
			rc = buf_adds(&subject, view_tr(r->app->views, lang, subj));
	}
	if (rc == WS_OK)
		rc = app_mail(r->app, d, to, buf_str(&subject), buf_str(&body));
	buf_free(&subject);
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* WS_ECONFLICT when application a's applicant has deleted their account
 * since applying: approving it would make an organization, a membership or
 * a profile for "Deleted user", and a member of a closed account.  Staff
 * reject it instead. */
static enum ws_err
applicant_live(struct db *d, json_t *a)
{
	struct db_q *q = db_start(d, ST_USER_LIVE);
	int64_t live = 0;
	enum ws_err rc;

	db_bind_int(q, 1, json_integer_value(json_object_get(json_object_get(a, "applicant"),
	    "id")));
	if ((rc = db_step(q)) == WS_OK)
		live = db_col_int(q, 0);
	db_end(q);
	if (rc == WS_EDONE)
		rc = WS_EDB;
	return rc == WS_OK && !live ? WS_ECONFLICT : rc;
}

enum ws_err
orgs_decide(struct req *r, int64_t id, const char *action, const char *note)
{
	struct db *d = req_db(r);
	json_t *a = NULL;
	const char *from;
	struct db_q *q;
	int64_t org_id = 0, changed = 0;
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = app_load(d, id, &a)) != WS_OK)
		goto fail;
	from = json_string_value(json_object_get(a, "status"));
	if (strcmp(from, "pending") != 0 && !(strcmp(from, "info_requested") == 0 &&
	    strcmp(action, "info_requested") != 0)) {
		rc = WS_ECONFLICT;
		goto fail;
	}
	if (strcmp(action, "approved") == 0) {
		const char *kind = json_string_value(json_object_get(a, "kind"));

		if ((rc = applicant_live(d, a)) != WS_OK)
			goto fail;

		if (strcmp(kind, "organization") == 0) {
			if ((rc = create_org(r, d, a, &org_id)) != WS_OK ||
			    (rc = add_member(r, d, a, org_id, 1)) != WS_OK)
				goto fail;
		} else if (strcmp(kind, "join") == 0) {
			org_id = json_integer_value(json_object_get(a, "organization_id"));
			if ((rc = add_member(r, d, a, org_id, 0)) != WS_OK)
				goto fail;
			/* An organization's admins let the person in: staff look. */
			if (r->user->role < ROLE_STAFF && (rc = org_member_flag(d, org_id,
			    json_integer_value(json_object_get(json_object_get(a, "applicant"),
			    "id")), r->user->id, "request")) != WS_OK)
				goto fail;
		} else if (strcmp(kind, "expert") == 0) {
			/* a member without an organization, with a profile */
			json_t *data = json_pack("{s:O,s:O}", "expert", json_object_get(a, "expert"),
			    "contact", json_object_get(a, "contact"));

			rc = people_expert_approve(d, json_integer_value(json_object_get(
			    json_object_get(a, "applicant"), "id")), id, data, r->user->id);
			json_decref(data);
			if (rc != WS_OK)
				goto fail;
		} else if ((rc = make_focal(d, a)) != WS_OK) {
			goto fail;
		}
	}
	q = db_start(d, ST_APP_DECIDE);
	db_bind_text(q, 1, action);
	db_bind_text(q, 2, note);
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, r->user->id);
	if (org_id)
		db_bind_int(q, 5, org_id);
	else
		db_bind_null(q, 5);
	db_bind_int(q, 6, now_s());
	db_bind_int(q, 7, id);
	db_bind_text(q, 8, from);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc == WS_OK && changed != 1)
		rc = WS_ECONFLICT;
	if (rc == WS_OK)
		rc = app_event(d, id, r->user->id, action, note);
	if (rc == WS_OK)
		rc = mail_decision(r, d, a, action, note, org_id);
	if (rc != WS_OK)
		goto fail;
	{
		/* The decision is in the history of the organization the
		 * application made or asks to join; once a new organization is
		 * approved, the application's earlier entries are too. */
		int64_t about = json_integer_value(json_object_get(json_object_get(a,
		    "applicant"), "id"));
		int64_t hist = org_id ? org_id :
		    json_integer_value(json_object_get(a, "organization_id"));
		const char *ref = arena_printf(r->a, "application %lld", (long long)id);

		app_audit_about(r->app, d, r->user->id, hist, about,
		    arena_printf(r->a, "application.%s", action), r->ip,
		    arena_printf(r->a, "%s%s%s", ref, note ? ": " : "", note ? note : ""));
		if (org_id && about) {
			q = db_start(d, ST_AUDIT_CLAIM_APP);
			db_bind_int(q, 1, org_id);
			db_bind_int(q, 2, about);
			db_bind_text(q, 3, ref);
			db_bind_text(q, 4, arena_printf(r->a, "%s:%%", ref));
			rc = db_exec(q, NULL);
			db_end(q);
			if (rc != WS_OK)
				goto fail;
		}
	}
	if ((rc = db_commit(d)) != WS_OK)
		goto fail;
	if (org_id)
		directory_refresh(r->app, d, org_id);
	json_decref(a);
	return WS_OK;
fail:
	db_rollback(d);
	json_decref(a);
	return rc;
}

static const struct field reason_field[] = {
	{"reason", FT_TEXT, 1, 3, 2000, NULL, NULL, NULL},
};
static const struct field message_field[] = {
	{"message", FT_TEXT, 1, 3, 2000, NULL, NULL, NULL},
};
static const struct field note_field[] = {
	{"note", FT_TEXT, 1, 1, 2000, NULL, NULL, NULL},
};

/* After a decision: the detail page again (pages) or the application (API). */
static enum ws_err
decided(struct req *r, struct resp *w, int64_t id, enum ws_err rc)
{
	json_t *a;

	if (rc == WS_ECONFLICT && !w->detail && app_load(req_db(r), id, &a) == WS_OK) {
		w->detail = applicant_live(req_db(r), a) == WS_ECONFLICT ?
		    N_("The applicant has deleted their account: reject the application.") :
		    N_("This application was already decided, or is waiting for the "
		    "applicant's answer.");
		json_decref(a);
	}
	if (rc != WS_OK)
		return rc;
	if (!r->api) {
		resp_redirect(w, arena_printf(r->a, "/staff/applications/%lld", (long long)id));
		return WS_OK;
	}
	if ((rc = app_load(req_db(r), id, &a)) != WS_OK)
		return rc;
	resp_value(w, a);
	return WS_OK;
}

/* Reads the one text field of a decision; a 422 that comes back to the
 * detail page with the message when it is missing. */
static enum ws_err
decision_text(struct req *r, struct resp *w, const struct field *f, int64_t id,
    const char **out)
{
	json_t *values = NULL, *errors = NULL;
	enum ws_err rc = form_check(r, f, 1, &values, &errors);

	if (rc != WS_OK) {
		json_t *a;

		w->detail = N_("Write the text the applicant will receive.");
		if (!r->api && app_load(req_db(r), id, &a) == WS_OK) {
			json_object_set_new(a, "history", app_events(r, id, 1));
			resp_value(w, a);
			w->tpl = "staff_application";
			w->title = N_("Application");
		}
		w->errors = errors;
		json_decref(values);
		return WS_EINVAL;
	}
	*out = arena_strdup(r->a, json_string_value(json_object_get(values, f->name)));
	json_decref(values);
	return WS_OK;
}

enum ws_err
h_app_approve(struct req *r, struct resp *w)
{
	int64_t id;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	return decided(r, w, id, orgs_decide(r, id, "approved", NULL));
}

enum ws_err
h_app_reject(struct req *r, struct resp *w)
{
	const char *reason;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = decision_text(r, w, reason_field, id, &reason)) != WS_OK)
		return rc;
	return decided(r, w, id, orgs_decide(r, id, "rejected", reason));
}

enum ws_err
h_app_request_info(struct req *r, struct resp *w)
{
	const char *msg;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = decision_text(r, w, message_field, id, &msg)) != WS_OK)
		return rc;
	return decided(r, w, id, orgs_decide(r, id, "info_requested", msg));
}

enum ws_err
h_app_note(struct req *r, struct resp *w)
{
	const char *note;
	json_t *a;
	int64_t id;
	enum ws_err rc;

	if ((rc = load_param(r, &a, &id)) != WS_OK)
		return rc;
	json_decref(a);
	if ((rc = decision_text(r, w, note_field, id, &note)) != WS_OK)
		return rc;
	rc = app_event(req_db(r), id, r->user->id, "note", note);
	return decided(r, w, id, rc);
}

/* POST /staff/applications/bulk: ids (repeated), action approve|reject,
 * reason for rejections.  Each application is decided in its own
 * transaction; the page reports what happened to each. */
enum ws_err
h_app_bulk(struct req *r, struct resp *w)
{
	static const char *const actions[] = { "approve", "reject", NULL };
	static const struct field fields[] = {
		{"ids", FT_MULTI, 1, 1, 200, NULL, NULL, NULL},
		{"action", FT_CHOICE, 1, 0, 10, actions, NULL, NULL},
		{"reason", FT_TEXT, 0, 0, 2000, NULL, NULL, NULL},
	};
	json_t *values = NULL, *errors = NULL, *ids, *id, *results = json_array();
	const char *action, *reason;
	size_t i;
	enum ws_err rc;

	if (form_check(r, fields, 3, &values, &errors) != WS_OK) {
		w->errors = errors;
		w->detail = N_("Choose applications and an action.");
		json_decref(values);
		json_decref(results);
		return WS_EINVAL;
	}
	action = json_string_value(json_object_get(values, "action"));
	reason = json_string_value(json_object_get(values, "reason"));
	if (strcmp(action, "reject") == 0 && strlen(reason) < 3) {
		w->errors = json_pack("{s:s}", "reason", "Give the reason the applicants will read.");
		w->detail = N_("A rejection needs a reason.");
		json_decref(values);
		json_decref(results);
		return WS_EINVAL;
	}
	ids = json_object_get(values, "ids");
	json_array_foreach(ids, i, id) {
		int64_t n;

		if (parse_int(json_string_value(id), 1, INT64_MAX, &n) != WS_OK) {
			json_array_append_new(results, json_pack("{s:s,s:s}", "id",
			    json_string_value(id), "result", "not found"));
			continue;
		}
		rc = orgs_decide(r, n, strcmp(action, "approve") == 0 ? "approved" : "rejected",
		    strcmp(action, "approve") == 0 ? NULL : reason);
		json_array_append_new(results, json_pack("{s:I,s:s}", "id", (json_int_t)n,
		    "result", rc == WS_OK ? (strcmp(action, "approve") == 0 ? "approved" :
		    "rejected") : rc == WS_ECONFLICT ? "already decided" : rc == WS_ENOTFOUND ?
		    "not found" : "failed"));
	}
	json_decref(values);
	resp_value(w, json_pack("{s:o}", "results", results));
	w->tpl = "staff_bulk";
	w->title = N_("Applications");
	return WS_OK;
}
