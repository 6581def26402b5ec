/*
 * apply.c -- people answering calls: GET and POST
 * /api/v1/calls/{id}/applications, and GET, PATCH and DELETE of one.
 *
 * Anyone signed in whose address is verified may apply (a draft too, so an
 * unconfirmed address stores no file: 403), member or not (an
 * applicant whose organization is still pending too), for themselves or,
 * as one of its admins, for an organization that is not rejected or
 * suspended.  One application a person and call: applying again gives
 * back the one there is (200), a withdrawn one is made anew.  An
 * application filed for an organization is the organization's: its admins
 * of the moment read, edit, submit and withdraw it (whoever filed it), and
 * one who is no longer an admin, or whose organization was suspended,
 * loses it (404) like anyone else; only its filer moves its draft to
 * another organization or to nobody (which would make it the filer's,
 * 403 to the others); one live (not withdrawn) application an
 * organization and call, so a second admin applying for it gets the first
 * (200), also when two apply at once (the call is taken first).  A draft keeps
 * what was typed, even unanswered required questions; submitting checks,
 * in this order, that the call takes applications now (409, naming when
 * it closed or opens), the answers (422 naming the question) and the
 * call's eligibility (403 naming the rule).  A submitted application is
 * withdrawn (PATCH status "withdrawn", or DELETE), not changed; DELETE
 * removes a draft.  Each write is one transaction; submitting and
 * withdrawing are in the organization's history (or the audit log).
 *
 * A file question is answered by a multipart part answers.<id> (the API's
 * POST and PATCH take multipart bodies as resource uploads do, their text
 * fields named as the page's form names them), checked under the rules of
 * uploaded documents (app_upload_check: 413, 415, 422) before anything is
 * written, and claimed from the uploads only in the transaction that
 * stores the application, so a refusal leaves no file in the store.  A new
 * file replaces the one a draft had; deleting a draft or withdrawing takes
 * the files out of the store, as nothing else refers to them.  Submitting
 * needs each required file question's file (422 naming it).  GET
 * .../files/{question} sends one to whoever may read the application.
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/calls/calls_int.h"
#include "app/directory/regions.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "app/people/people.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "views/view.h"

static const char *const sorts[] = { "submitted", "score", NULL };

const struct field call_q_apps[] = {
	{ "status", FT_CHOICE, 0, 0, 0, capp_statuses, NULL,
	    N_("Choose a status from the list.") },
	{ "organization", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Not an organization.") },
	{ "sort", FT_CHOICE, 0, 0, 0, sorts, NULL, N_("Sort by submitted or score.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

/* Unix seconds t (a JSON integer or null) as RFC 3339 UTC, or null. */
static json_t *
utc_or_null(json_t *t)
{
	char s[40];

	if (!json_is_integer(t))
		return json_null();
	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

/* The files answering stored application a's file questions as its JSON
 * shows them: [{question, name, type, size, sha256, url}].  New
 * reference; an empty array when they cannot be read. */
static json_t *
files_view(struct req *r, json_t *a)
{
	int64_t aid = json_integer_value(json_object_get(a, "id"));
	json_t *files = NULL, *f, *out = json_array();
	size_t i;

	if (capp_files(req_db(r), aid, &files) == WS_OK)
		json_array_foreach(files, i, f)
			json_array_append_new(out, json_pack("{s:O,s:O,s:O,s:O,s:O,s:s}", "question",
			    json_object_get(f, "question"), "name", json_object_get(f, "name"), "type",
			    json_object_get(f, "type"), "size", json_object_get(f, "size"), "sha256",
			    json_object_get(f, "sha256"), "url", arena_printf(r->a,
			    "/api/v1/calls/%lld/applications/%lld/files/%s", (long long)
			    json_integer_value(json_object_get(a, "call_id")), (long long)aid,
			    json_string_value(json_object_get(f, "question")))));
	json_decref(files);
	return out;
}

json_t *
capp_view(struct req *r, json_t *a)
{
	static const char *const copied[] = { "id", "call_id", "user_id", "name",
		"organization_id", "organization", "answers", "status", NULL };
	static const char *const times[] = { "created_at", "updated_at", "submitted_at",
		"decided_at", NULL };
	json_t *out = json_object(), *scores = NULL, *n = json_object_get(a, "score_n");
	const char *const *k;

	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(a, *k));
	for (k = times; *k; k++)
		json_object_set_new(out, *k, utc_or_null(json_object_get(a, *k)));
	json_object_set_new(out, "files", files_view(r, a));
	if (!r->user || r->user->role < ROLE_STAFF) {
		/* reviewers' scores and comments are staff's */
		json_object_set_new(out, "scores", json_array());
		json_object_set_new(out, "score", json_null());
		return out;
	}
	json_object_set(out, "email", json_object_get(a, "email"));
	json_object_set(out, "country", json_object_get(a, "country"));
	if (call_score_list(req_db(r), json_integer_value(json_object_get(a, "id")), &scores) !=
	    WS_OK) {
		json_decref(scores);
		scores = json_array();
	}
	json_object_set_new(out, "scores", scores);
	if (json_integer_value(n) > 0)
		json_object_set_new(out, "score", json_pack("{s:f,s:f,s:I}", "mean",
		    (double)json_integer_value(json_object_get(a, "score_sum")) /
		    (double)json_integer_value(n) / 100.0, "spread",
		    (double)json_integer_value(json_object_get(a, "score_spread")) / 100.0,
		    "reviewers", json_integer_value(n)));
	else
		json_object_set_new(out, "score", json_null());
	return out;
}

/* ---- the list ------------------------------------------------------------- */

enum ws_err
h_call_apps(struct req *r, struct resp *w)
{
	int staff = r->user->role >= ROLE_STAFF;
	json_t *c = NULL, *rows = NULL, *items, *a, *val, *counts = NULL;
	struct capp_filter f = { "", 0, "" };
	int64_t id, page, total = 0;
	int per_page;
	enum ws_err rc;
	size_t i;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	json_decref(c);
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	if (staff) {
		f.status = req_qstr(r, "status");
		f.org = req_qint(r, "organization", 0);
		f.sort = req_qstr(r, "sort");
	}
	if ((rc = capp_list(req_db(r), id, staff ? 0 : r->user->id, &f, page, per_page, &rows,
	    &total)) != WS_OK)
		return rc;
	items = json_array();
	json_array_foreach(rows, i, a)
		json_array_append_new(items, capp_view(r, a));
	json_decref(rows);
	val = app_list_value(items, page, per_page, total);
	if (staff) {	/* how many of each status, whatever the filters */
		if ((rc = capp_status_counts(req_db(r), id, &counts)) != WS_OK) {
			json_decref(counts);
			json_decref(val);
			return rc;
		}
		json_object_set_new(val, "facets", json_pack("{s:o}", "status", counts));
	}
	resp_value(w, val);
	return WS_OK;
}

/* ---- who applies, and whether they may -------------------------------------- */

/* Whether r's caller is now one of organization org's admins. */
static int
admin_of(struct req *r, int64_t org)
{
	json_t *mine = NULL, *o;
	size_t i;
	int ok = 0;

	if (orgs_of_person(req_db(r), r->user->id, &mine) != WS_OK) {
		json_decref(mine);
		return 0;
	}
	json_array_foreach(mine, i, o)
		ok |= json_integer_value(json_object_get(o, "id")) == org &&
		    json_is_true(json_object_get(o, "admin"));
	json_decref(mine);
	return ok;
}

/* Whether r's caller acts now for organization org: one of its admins,
 * and it is not rejected or suspended (a pending one will do). */
static int
acts_for(struct req *r, int64_t org)
{
	json_t *mine = NULL, *o;
	const char *st;
	size_t i;
	int ok = 0;

	if (orgs_of_person(req_db(r), r->user->id, &mine) != WS_OK) {
		json_decref(mine);
		return 0;
	}
	json_array_foreach(mine, i, o) {
		st = json_string_value(json_object_get(o, "status"));
		ok |= json_integer_value(json_object_get(o, "id")) == org &&
		    json_is_true(json_object_get(o, "admin")) && st &&
		    strcmp(st, "rejected") != 0 && strcmp(st, "suspended") != 0;
	}
	json_decref(mine);
	return ok;
}

int
capp_mine(struct req *r, json_t *a)
{
	json_t *org = json_object_get(a, "organization_id");

	if (json_is_integer(org))
		return acts_for(r, json_integer_value(org));
	return json_integer_value(json_object_get(a, "user_id")) == r->user->id;
}

/*
 * The organization r's caller applies for (r->in's organization_id; 0
 * for none) into *org, its record (org_load's, a new reference) into *rec:
 * one they are an admin of that is not rejected or suspended (a pending
 * one will do).  WS_EFORBIDDEN (w->detail) otherwise.
 */
static enum ws_err
applying_for(struct req *r, struct resp *w, int64_t *org, json_t **rec)
{
	json_t *want = json_object_get(r->in, "organization_id");
	struct db *d = req_db(r);
	const char *st;

	*org = 0;
	*rec = NULL;
	if (!want || json_is_null(want))
		return WS_OK;
	if (!json_is_integer(want) || !admin_of(r, json_integer_value(want)) ||
	    org_load(d, json_integer_value(want), rec) != WS_OK) {
		w->detail = N_("You may apply for yourself, or for an organization you are an "
		    "admin of.");
		return WS_EFORBIDDEN;
	}
	st = json_string_value(json_object_get(*rec, "status"));
	if (st && (strcmp(st, "rejected") == 0 || strcmp(st, "suspended") == 0)) {
		json_decref(*rec);
		*rec = NULL;
		w->detail = N_("This organization may not apply: it is not a member and has no "
		    "application under review.");
		return WS_EFORBIDDEN;
	}
	*org = json_integer_value(want);
	return WS_OK;
}

/* Whether code is one of list's strings. */
static int
listed(json_t *list, const char *code)
{
	json_t *x;
	size_t i;

	json_array_foreach(list, i, x)
		if (code && strcmp(json_string_value(x), code) == 0)
			return 1;
	return 0;
}

/* list's codes as "a, b, c", in r's arena. */
static const char *
joined(struct req *r, json_t *list)
{
	struct buf b;
	const char *s;
	json_t *x;
	size_t i;

	buf_init(&b, 8 * 1024);
	json_array_foreach(list, i, x)
		if (buf_adds(&b, i ? ", " : "") != WS_OK ||
		    buf_adds(&b, json_string_value(x)) != WS_OK)
			break;
	s = arena_strdup(r->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* r's caller's own country, which holds them to a call's countries and
 * regions when they apply for themselves: their expert profile's, else
 * their account's (a focal point's); NULL when neither names one, or the
 * profile cannot be read (so the rule refuses rather than lets through). */
static const char *
own_country(struct req *r)
{
	json_t *ex = NULL;
	const char *c = NULL;

	if (people_export(req_db(r), r->user->id, &ex) != WS_OK)
		return NULL;
	c = json_string_value(json_object_get(ex, "country"));
	c = c && *c ? arena_strdup(r->a, c) : NULL;
	json_decref(ex);
	if (!c && r->user->country && *r->user->country)
		c = r->user->country;
	return c;
}

const char *
call_rule_broken(struct req *r, json_t *c, json_t *rec)
{
	json_t *el = json_object_get(c, "eligibility");
	json_t *kinds = json_object_get(el, "organization_kinds");
	json_t *countries = json_object_get(el, "countries");
	json_t *regions = json_object_get(el, "regions");
	const char *country = json_string_value(json_object_get(rec, "country"));

	if (!r->user->verified_at)
		return N_("Confirm your email address before applying.");
	/* a constructive dialogue is the non-governmental stakeholders' (issue 17) */
	if (r->user->role == ROLE_FOCAL && strcmp(json_string_value(json_object_get(c, "kind")),
	    "dialogue") == 0)
		return N_("A constructive dialogue's call is for non-governmental stakeholders: "
		    "a government's focal point does not apply.");
	/* nor a pilot initiative's: its focal points are named by staff */
	if (r->user->role == ROLE_FOCAL && strcmp(json_string_value(json_object_get(c, "kind")),
	    "pilot_initiative") == 0)
		return N_("A pilot initiative's call is for its partner organizations and experts: "
		    "a government's focal point takes part as one, named by the team.");
	if (json_is_string(json_object_get(el, "audience")) &&
	    strcmp(json_string_value(json_object_get(el, "audience")), "members") == 0 &&
	    r->user->role != ROLE_MEMBER && r->user->role < ROLE_STAFF)
		return N_("This call is for members of the hub.");
	if (!rec) {
		if (json_is_false(json_object_get(el, "experts")))
			return N_("This call is for organizations: apply for yours, as one of "
			    "its admins.");
		if (!json_array_size(countries) && !json_array_size(regions))
			return NULL;
		country = own_country(r);
		if (json_array_size(countries) && !listed(countries, country))
			return call_sub(r, N_("This call is for people from these countries: "
			    "{{list}}; yours is your expert profile's country, or your "
			    "account's."), "list", joined(r, countries));
		if (json_array_size(regions) && !listed(regions, country ? m49_region(country) :
		    NULL) && !listed(regions, country ? m49_subregion(country) : NULL))
			return call_sub(r, N_("This call is for people in these UN regions: "
			    "{{list}}; yours is your expert profile's country, or your "
			    "account's."), "list", joined(r, regions));
		return NULL;
	}
	if (json_array_size(kinds) && !listed(kinds, json_string_value(json_object_get(rec,
	    "kind"))))
		return call_sub(r, N_("This call is for these kinds of organization: "
		    "{{list}}."), "list", joined(r, kinds));
	if (json_array_size(countries) && !listed(countries, country))
		return call_sub(r, N_("This call is for organizations from these countries: "
		    "{{list}}."), "list", joined(r, countries));
	if (json_array_size(regions) && !listed(regions, country ? m49_region(country) : NULL) &&
	    !listed(regions, country ? m49_subregion(country) : NULL))
		return call_sub(r, N_("This call is for organizations in these UN regions: "
		    "{{list}}."), "list", joined(r, regions));
	return NULL;
}

/* Whether r's caller, applying for organization rec (NULL: for
 * themselves), meets stored call c's eligibility: WS_OK, or WS_EFORBIDDEN
 * with the rule they break in w->detail. */
static enum ws_err
eligible(struct req *r, struct resp *w, json_t *c, json_t *rec)
{
	const char *why = call_rule_broken(r, c, rec);

	if (!why)
		return WS_OK;
	w->detail = why;
	return WS_EFORBIDDEN;
}

/* The status r asks for (r->in's status): dflt when absent; NULL when it
 * is none of want's (NULL-terminated). */
static const char *
asked_status(struct req *r, const char *dflt, const char *const *want)
{
	json_t *s = json_object_get(r->in, "status");

	if (!s || json_is_null(s))
		return dflt;
	for (; json_is_string(s) && *want; want++)
		if (strcmp(*want, json_string_value(s)) == 0)
			return *want;
	return NULL;
}

/* The entry of an application's step (action "call.submitted", ...) in
 * its organization's history, or the audit log for a person applying for
 * themselves. */
static void
capp_audit(struct req *r, struct db *d, json_t *c, int64_t org, int64_t uid,
    const char *action, int64_t aid)
{
	const char *note = arena_printf(r->a, "call %lld: %s (application %lld)",
	    (long long)json_integer_value(json_object_get(c, "id")),
	    json_string_value(json_object_get(c, "title")), (long long)aid);
	int64_t by = r->user ? r->user->id : 0;

	if (org)
		org_history_add(r->app, d, org, by, uid != by ? uid : 0, action, r->ip, note);
	else
		app_audit_about(r->app, d, by, 0, uid != by ? uid : 0, action, r->ip, note);
}

/*
 * Mails r's caller a receipt for their application to stored call c,
 * just submitted: the call's title and closing time in its zone, in their
 * language, inside the caller's transaction (the mail job commits with
 * it).  WS_OK without mail for a person without an address.
 */
static enum ws_err
mail_receipt(struct req *r, struct db *d, json_t *c)
{
	const char *lang;
	char closes[40];
	struct buf body;
	struct user u;
	json_t *ctx;
	enum ws_err rc;

	if (user_by_id(d, r->a, r->user->id, &u) != WS_OK || !u.email || !*u.email)
		return WS_OK;
	call_time(c, json_integer_value(json_object_get(c, "closes_at")), closes,
	    sizeof closes);
	lang = app_mail_lang(r->app, u.locale, NULL);
	ctx = json_pack("{s:s,s:s,s:O,s:s,s:O}", "name", u.name ? u.name : "", "site",
	    r->app->cfg.org_name, "title", json_object_get(c, "title"), "closes", closes,
	    "timezone", json_object_get(c, "timezone"));
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_call_receipt", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u.email, view_tr(r->app->views, lang,
		    N_("We received your application")), buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* What follows r's caller submitting application aid to stored call c for
 * organization org (0: none), inside the transaction that stored it: its
 * history entry and the applicant's receipt. */
static enum ws_err
submitted(struct req *r, struct db *d, json_t *c, int64_t org, int64_t aid)
{
	capp_audit(r, d, c, org, r->user->id, "call.submitted", aid);
	return mail_receipt(r, d, c);
}

/* ---- files answering file questions ------------------------------------ */

/* A file of the request that answers a file question, checked. */
struct capp_up {
	const char *question;	/* its id */
	const struct upload *u;
	const char *type;	/* as libmagic found it */
};

/* Stored call c's file question whose form field (answers.<id>) is field;
 * NULL when none is. */
static const char *
file_question(json_t *c, const char *field)
{
	json_t *q;
	size_t i;

	if (strncmp(field, "answers.", 8) != 0)
		return NULL;
	json_array_foreach(json_object_get(c, "questions"), i, q)
		if (strcmp(json_string_value(json_object_get(q, "type")), "file") == 0 &&
		    strcmp(json_string_value(json_object_get(q, "id")), field + 8) == 0)
			return json_string_value(json_object_get(q, "id"));
	return NULL;
}

/* Whether r sends a file (a part with a name or bytes). */
static int
sends_files(struct req *r)
{
	int i;

	for (i = 0; i < r->nfiles; i++)
		if ((r->files[i].filename && *r->files[i].filename) || r->files[i].size > 0)
			return 1;
	return 0;
}

/*
 * The file parts of r answering stored call c's file questions (a part
 * answers.<id>; others are not kept), checked under the rules of uploaded
 * documents (app_upload_check), into ups (*n of them; a later part for the
 * same question replaces an earlier).  WS_ETOOBIG (413) and WS_EMEDIA
 * (415, a type not accepted) with the rule in w->detail; a message under
 * answers.<id> in errors for a file refused otherwise.  A file input left
 * empty on a page (no name, no byte) is skipped.
 */
static enum ws_err
check_uploads(struct req *r, struct resp *w, json_t *c, json_t *errors, struct capp_up *ups,
    size_t *n)
{
	struct app_upload ok;
	enum ws_err rc;
	size_t k;
	int i;

	*n = 0;
	for (i = 0; i < r->nfiles; i++) {
		const struct upload *u = &r->files[i];
		const char *q = file_question(c, u->field);

		if (!q || ((!u->filename || !*u->filename) && u->size == 0))
			continue;
		if ((rc = app_upload_check(r, u, &ok)) == WS_ETOOBIG || rc == WS_EMEDIA) {
			w->detail = ok.why;
			json_object_set_new(errors, u->field, json_string(ok.why));
			return rc;
		}
		if (rc != WS_OK) {
			json_object_set_new(errors, u->field, json_string(ok.why));
			continue;
		}
		for (k = 0; k < *n && strcmp(ups[k].question, q) != 0; k++)
			;
		ups[k].question = q;
		ups[k].u = u;
		ups[k].type = ok.type;
		if (k == *n)
			(*n)++;
	}
	return WS_OK;
}

/* Inside the caller's transaction: the checked files ups[0..n) claimed
 * from the uploads and made the answers of application aid, each
 * replacing the one it had. */
static enum ws_err
store_uploads(struct db *d, int64_t aid, const struct capp_up *ups, size_t n)
{
	enum ws_err rc = WS_OK;
	size_t i;

	for (i = 0; i < n && rc == WS_OK; i++) {
		if ((rc = file_claim(d, ups[i].u->id, CAPP_FILE_KIND, ups[i].type)) ==
		    WS_ENOTFOUND)
			rc = WS_EDB;
		if (rc == WS_OK)
			rc = capp_file_put(d, aid, ups[i].question, ups[i].u->id, ups[i].u->filename,
			    ups[i].type, ups[i].u->size, ups[i].u->sha256);
	}
	return rc;
}

/* Whether question q is answered by one of ups[0..n) or of had (the
 * application's stored files; may be NULL). */
static int
file_answered(const char *q, const struct capp_up *ups, size_t n, json_t *had)
{
	json_t *f;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ups[i].question, q) == 0)
			return 1;
	json_array_foreach(had, i, f)
		if (strcmp(json_string_value(json_object_get(f, "question")), q) == 0)
			return 1;
	return 0;
}

/*
 * The API's multipart body (as resources take theirs): r->in's fields
 * (status, organization_id, answers.<id>) made the JSON body's names for
 * stored call c's questions; the files stay in r->files.
 */
static void
multipart_in(struct req *r, json_t *c)
{
	json_t *typed = json_object(), *answers, *in = json_object();
	const char *org = json_string_value(json_object_get(r->in, "organization_id"));
	json_t *st = json_object_get(r->in, "status");
	int64_t n;

	answers = events_form_answers(r, json_object_get(c, "questions"), typed);
	if (json_object_size(answers))
		json_object_set(in, "answers", answers);
	if (st)
		json_object_set(in, "status", st);
	if (org)	/* not a number: nobody's, refused as such */
		json_object_set_new(in, "organization_id", !*org ? json_null() :
		    parse_int(org, 1, INT64_MAX, &n) == WS_OK ? json_integer(n) : json_string(org));
	json_decref(answers);
	json_decref(typed);
	json_decref(r->in);
	r->in = in;
}

/*
 * Checks a draft saved or submitted (status) to stored call c for
 * organization rec (NULL: none): the call takes applications (409), the
 * files sent (413, 415; ups, *nup of them), the answers in (422, every
 * required one answered when submitting, a file question by a file sent
 * or one of had, the application's stored files, may be NULL) and, when
 * submitting, eligibility (403).  The answers as stored into *answers (a
 * new reference) when WS_OK.
 */
static enum ws_err
check_application(struct req *r, struct resp *w, json_t *c, json_t *rec, json_t *in,
    const char *status, json_t *had, struct capp_up *ups, size_t *nup, json_t **answers)
{
	int submit = strcmp(status, "submitted") == 0;
	json_t *errors = json_object(), *q;
	const char *missing = NULL;	/* a required file's question, in words */
	enum ws_err rc;
	size_t i;

	*answers = NULL;
	if ((rc = call_accepting(r, w, c)) != WS_OK)
		goto out;
	/* a draft too: an address nobody confirmed keeps nothing, no file */
	if (!r->user->verified_at) {
		w->detail = N_("Confirm your email address before applying.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = check_uploads(r, w, c, errors, ups, nup)) != WS_OK) {
		w->errors = errors;
		errors = NULL;
		goto out;
	}
	*answers = events_answers_of(r, json_object_get(c, "questions"), in, submit, errors);
	json_array_foreach(json_object_get(c, "questions"), i, q) {
		const char *qid = json_string_value(json_object_get(q, "id"));
		const char *key = arena_printf(r->a, "answers.%s", qid);

		if (submit && strcmp(json_string_value(json_object_get(q, "type")), "file") == 0 &&
		    json_is_true(json_object_get(q, "required")) && !json_object_get(errors, key) &&
		    !file_answered(qid, ups, *nup, had)) {
			missing = call_sub(r, N_("The question \"{{label}}\" needs a file."), "label",
			    json_string_value(json_object_get(q, "label")));
			json_object_set_new(errors, key, json_string(missing));
		}
	}
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		/* one missing file names itself; else the messages by each */
		w->detail = missing && json_object_size(w->errors) == 1 ? missing :
		    N_("Some answers need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (submit)
		rc = eligible(r, w, c, rec);
out:
	if (rc != WS_OK) {
		json_decref(*answers);
		*answers = NULL;
	}
	json_decref(errors);
	return rc;
}

/* ---- applying ------------------------------------------------------------- */

static const char *const new_statuses[] = { "draft", "submitted", NULL };

enum ws_err
h_call_apply(struct req *r, struct resp *w)
{
	json_t *c = NULL, *a = NULL, *rec = NULL, *answers = NULL, *live = NULL;
	struct capp_up ups[REQ_MAX_FILES];
	struct db *d = req_db(r);
	const char *status;
	int64_t id, org, aid = 0;
	size_t nup = 0;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	if (r->api && r->multipart)
		multipart_in(r, c);
	/* one a person: applying again gives back the one there is, unless
	 * they withdrew it */
	if ((rc = capp_of_user(d, id, r->user->id, &a)) == WS_OK &&
	    strcmp(json_string_value(json_object_get(a, "status")), "withdrawn") != 0) {
		if (capp_mine(r, a))
			goto answer;
		/* the organization's, which they no longer act for; their one
		 * row for the call is taken */
		w->detail = N_("You applied to this call for an organization you no longer act "
		    "for (you are not its admin, or it is suspended): that application stays "
		    "the organization's.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (rc != WS_OK && rc != WS_ENOTFOUND)
		goto out;
	/* one an organization: another of its admins gets the one there is */
	if ((rc = applying_for(r, w, &org, &rec)) != WS_OK)
		goto out;
	if (org && (rc = capp_of_org(d, id, org, &live)) != WS_ENOTFOUND) {
		if (rc != WS_OK)
			goto out;
		json_decref(a);
		a = live;
		live = NULL;
		goto answer;
	}
	if ((status = asked_status(r, "draft", new_statuses)) == NULL) {
		w->errors = json_pack("{s:s}", "status", view_tr(r->app->views, r->locale,
		    N_("The status of a new application is draft or submitted.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = check_application(r, w, c, rec, json_object_get(r->in, "answers"), status,
	    NULL, ups, &nup, &answers)) != WS_OK)
		goto out;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	/* two admins at once: the call taken first (a row lock on
	 * PostgreSQL; SQLite lets one writer in), the second finds the first's */
	if (org && ((rc = call_lock(d, id)) != WS_OK ||
	    (rc = capp_of_org(d, id, org, &live)) != WS_ENOTFOUND)) {
		db_rollback(d);
		if (rc != WS_OK)
			goto out;
		json_decref(a);
		a = live;
		live = NULL;
		goto answer;
	}
	if (a) {
		aid = json_integer_value(json_object_get(a, "id"));
		rc = capp_update(d, aid, "withdrawn", org, answers, status, strcmp(status,
		    "submitted") == 0 ? now_s() : 0);
	} else {
		rc = capp_insert(d, id, r->user->id, org, answers, status, &aid);
	}
	if (rc == WS_OK)
		rc = store_uploads(d, aid, ups, nup);
	if (rc == WS_OK && strcmp(status, "submitted") == 0)
		rc = submitted(r, d, c, org, aid);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		/* the same person applying twice at once: theirs is the first */
		if (rc != WS_ECONFLICT)
			goto out;
		rc = WS_OK;
		aid = 0;
	}
	json_decref(a);
	a = NULL;
	if ((rc = capp_of_user(d, id, r->user->id, &a)) != WS_OK)
		goto out;
	if (aid && json_integer_value(json_object_get(a, "id")) == aid)
		w->status = 201;
answer:
	resp_value(w, capp_view(r, a));
	rc = WS_OK;
out:
	json_decref(c);
	json_decref(a);
	json_decref(live);
	json_decref(rec);
	json_decref(answers);
	return rc;
}

/* ---- one application -------------------------------------------------------- */

/* Application {aid} to the call of r's {id}, if r's caller may see both
 * (staff, or one who acts for it: capp_mine; WS_ENOTFOUND otherwise):
 * stored JSON of both, new references. */
static enum ws_err
capp_param(struct req *r, int64_t *id, json_t **c, json_t **a)
{
	int64_t aid;
	enum ws_err rc;

	*a = NULL;
	if ((rc = call_param(r, id, c)) != WS_OK)
		return rc;
	if (parse_int(r->params[1], 1, INT64_MAX, &aid) != WS_OK ||
	    (rc = capp_get(req_db(r), *id, aid, a)) == WS_ENOTFOUND ||
	    (rc == WS_OK && r->user->role < ROLE_STAFF && !capp_mine(r, *a))) {
		json_decref(*c);
		json_decref(*a);
		*c = *a = NULL;
		return WS_ENOTFOUND;
	}
	if (rc != WS_OK) {
		json_decref(*c);
		*c = NULL;
	}
	return rc;
}

enum ws_err
h_call_app(struct req *r, struct resp *w)
{
	json_t *c, *a;
	int64_t id;
	enum ws_err rc;

	if ((rc = capp_param(r, &id, &c, &a)) != WS_OK)
		return rc;
	resp_value(w, capp_view(r, a));
	json_decref(c);
	json_decref(a);
	return WS_OK;
}

/* Answers application a (its id, of call id) as it is now. */
static enum ws_err
answer_now(struct req *r, struct resp *w, int64_t id, json_t *a)
{
	json_t *now = NULL;
	enum ws_err rc;

	if ((rc = capp_get(req_db(r), id, json_integer_value(json_object_get(a, "id")),
	    &now)) == WS_OK)
		resp_value(w, capp_view(r, now));
	json_decref(now);
	return rc;
}

/* Withdraws stored application a to stored call c (a draft, submitted or
 * waitlisted one; one withdrawn already stays so), in one transaction.
 * WS_ECONFLICT (w->detail) for one decided otherwise; WS_EFORBIDDEN
 * (w->detail) for one made for an organization the caller is no longer an
 * admin of: they no longer act for it.  Its files leave the store: a
 * withdrawn application is out of the selection, and applying again sends
 * them anew. */
static enum ws_err
withdraw(struct req *r, struct resp *w, json_t *c, json_t *a)
{
	const char *st = json_string_value(json_object_get(a, "status"));
	int64_t aid = json_integer_value(json_object_get(a, "id"));
	struct db *d = req_db(r);
	enum ws_err rc;

	if (strcmp(st, "withdrawn") == 0)
		return WS_OK;
	if (strcmp(st, "accepted") == 0 || strcmp(st, "declined") == 0) {
		w->detail = N_("This application was decided: write to the team to step back.");
		return WS_ECONFLICT;
	}
	if (json_is_integer(json_object_get(a, "organization_id")) && !acts_for(r,
	    json_integer_value(json_object_get(a, "organization_id")))) {
		w->detail = N_("This application was made for an organization you are no longer "
		    "an admin of.");
		return WS_EFORBIDDEN;
	}
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = capp_update(d, aid, st, json_integer_value(json_object_get(a,
	    "organization_id")), json_object_get(a, "answers"), "withdrawn",
	    json_integer_value(json_object_get(a, "submitted_at")))) == WS_OK &&
	    (rc = capp_files_drop(d, aid)) == WS_OK) {
		capp_audit(r, d, c, json_integer_value(json_object_get(a, "organization_id")),
		    json_integer_value(json_object_get(a, "user_id")), "call.withdrawn", aid);
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
	if (rc == WS_ECONFLICT)	/* decided meanwhile, say */
		w->detail = N_("This application changed meanwhile: look at it again.");
	return rc;
}

/* Whether r's caller acts for application a (capp_mine: its person, or
 * an admin of the organization it is for); WS_EFORBIDDEN (w->detail) for
 * staff acting on someone else's. */
static enum ws_err
own(struct req *r, struct resp *w, json_t *a)
{
	if (capp_mine(r, a))
		return WS_OK;
	w->detail = N_("Only the person who applied, or an admin of the organization they "
	    "applied for, changes an application.");
	return WS_EFORBIDDEN;
}

static const char *const edit_statuses[] = { "draft", "submitted", "withdrawn", NULL };

enum ws_err
h_call_app_edit(struct req *r, struct resp *w)
{
	json_t *c = NULL, *a = NULL, *rec = NULL, *answers = NULL, *had = NULL, *live = NULL, *in;
	struct capp_up ups[REQ_MAX_FILES];
	struct db *d = req_db(r);
	const char *status, *cur;
	int64_t id, aid, org;
	size_t nup = 0;
	enum ws_err rc;

	if ((rc = capp_param(r, &id, &c, &a)) != WS_OK)
		return rc;
	if (r->api && r->multipart)
		multipart_in(r, c);
	if ((rc = own(r, w, a)) != WS_OK)
		goto out;
	cur = json_string_value(json_object_get(a, "status"));
	aid = json_integer_value(json_object_get(a, "id"));
	if ((status = asked_status(r, cur, edit_statuses)) == NULL) {
		w->errors = json_pack("{s:s}", "status", view_tr(r->app->views, r->locale,
		    N_("The status you may give an application is draft, submitted or "
		    "withdrawn.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (strcmp(status, "withdrawn") == 0) {
		if ((rc = withdraw(r, w, c, a)) == WS_OK)
			rc = answer_now(r, w, id, a);
		goto out;
	}
	/* submitted twice, or anything but a draft: what there is */
	if (strcmp(cur, "draft") != 0) {
		if (strcmp(status, cur) == 0 && !json_object_get(r->in, "answers") &&
		    !sends_files(r)) {
			rc = answer_now(r, w, id, a);
			goto out;
		}
		w->detail = N_("This application was submitted: withdraw it and apply again to "
		    "change it.");
		rc = WS_ECONFLICT;
		goto out;
	}
	/* a draft: what is not sent keeps its value */
	if (!json_object_get(r->in, "organization_id"))
		json_object_set(r->in, "organization_id", json_object_get(a, "organization_id"));
	/* an organization's draft stays its own unless its filer moves it:
	 * moved to nobody it would be the filer's (who may be no admin now),
	 * moved to another organization that one's admins' */
	if (json_is_integer(json_object_get(a, "organization_id")) &&
	    json_integer_value(json_object_get(a, "user_id")) != r->user->id &&
	    !json_equal(json_object_get(r->in, "organization_id"), json_object_get(a,
	    "organization_id"))) {
		w->detail = N_("This draft is its organization's: only the admin who started it "
		    "may move it to another organization or make it their own.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	in = json_object_get(r->in, "answers") ? json_object_get(r->in, "answers") :
	    json_object_get(a, "answers");
	if ((rc = capp_files(d, aid, &had)) != WS_OK ||
	    (rc = applying_for(r, w, &org, &rec)) != WS_OK ||
	    (rc = check_application(r, w, c, rec, in, status, had, ups, &nup, &answers)) != WS_OK)
		goto out;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	/* a draft moved to an organization: unless it has one already */
	if (org && org != json_integer_value(json_object_get(a, "organization_id")) &&
	    ((rc = call_lock(d, id)) != WS_OK ||
	    (rc = capp_of_org(d, id, org, &live)) != WS_ENOTFOUND)) {
		db_rollback(d);
		if (rc == WS_OK) {
			w->detail = N_("This organization has applied to this call already: its "
			    "admins share that application.");
			rc = WS_ECONFLICT;
		}
		goto out;
	}
	if ((rc = capp_update(d, aid, "draft", org, answers, status, strcmp(status,
	    "submitted") == 0 ? now_s() : 0)) == WS_OK &&
	    (rc = store_uploads(d, aid, ups, nup)) == WS_OK && strcmp(status, "submitted") == 0)
		rc = submitted(r, d, c, org, aid);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ECONFLICT)	/* submitted or withdrawn meanwhile */
			w->detail = N_("This application changed meanwhile: look at it again.");
		goto out;
	}
	rc = answer_now(r, w, id, a);
out:
	json_decref(c);
	json_decref(a);
	json_decref(live);
	json_decref(rec);
	json_decref(answers);
	json_decref(had);
	return rc;
}

enum ws_err
h_call_app_delete(struct req *r, struct resp *w)
{
	json_t *c = NULL, *a = NULL;
	struct db *d = req_db(r);
	int64_t id;
	enum ws_err rc;

	if ((rc = capp_param(r, &id, &c, &a)) != WS_OK)
		return rc;
	if ((rc = own(r, w, a)) != WS_OK)
		goto out;
	if (strcmp(json_string_value(json_object_get(a, "status")), "draft") != 0) {
		if ((rc = withdraw(r, w, c, a)) == WS_OK)
			rc = answer_now(r, w, id, a);
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = capp_delete(d, json_integer_value(json_object_get(a, "id")))) == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ECONFLICT)	/* submitted meanwhile */
			w->detail = N_("This application changed meanwhile: look at it again.");
		goto out;
	}
	w->status = 204;
out:
	json_decref(c);
	json_decref(a);
	return rc;
}

/* ---- the files ---------------------------------------------------------- */

enum ws_err
h_call_app_file(struct req *r, struct resp *w)
{
	const char *q = r->params[2];
	json_t *c = NULL, *a = NULL, *f = NULL;
	int64_t id;
	size_t i;
	enum ws_err rc;

	/* a question's id: a-z, 0-9 and _, as calls.c takes them */
	for (i = 0; q && q[i]; i++)
		if (!((q[i] >= 'a' && q[i] <= 'z') || (q[i] >= '0' && q[i] <= '9') || q[i] == '_'))
			return WS_ENOTFOUND;
	if (!q || i == 0 || i > 32)
		return WS_ENOTFOUND;
	if ((rc = capp_param(r, &id, &c, &a)) != WS_OK)
		return rc;
	if ((rc = capp_file_get(req_db(r), json_integer_value(json_object_get(a, "id")), q,
	    &f)) == WS_OK) {
		/* an applicant's document: saved, never shown in the site's origin */
		resp_header(w, "Content-Security-Policy", "default-src 'none'; sandbox");
		rc = app_file_send(r, w, json_integer_value(json_object_get(f, "file_id")),
		    CAPP_FILE_KIND, 1, json_string_value(json_object_get(f, "name")));
	}
	json_decref(c);
	json_decref(a);
	json_decref(f);
	return rc;
}
