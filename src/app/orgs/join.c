/*
 * join.c -- the join form: an organization applies, its contact person
 * creating an account on the same form when signed out; or an individual
 * expert applies for themself (/join?as=expert, "kind": "expert" in the API;
 * the expert's fields are src/app/people's).  The applicant's own
 * application page, where they answer a request for more information.
 *
 * Nothing enters the staff queue before the applicant's address is
 * confirmed: a signed-out application waits as "unverified" and the link in
 * the confirmation mail (the same /verify link a sign-up gets) moves it to
 * "pending".  The answer to a signed-out application never says whether the
 * address already had an account; the mail does.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "app/people/people.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "http/ratelimit.h"
#include "views/view.h"

/* An account's applications: at most this many a day, and open at once
 * (sent, waiting for staff or for an answer).  A signed-out sender over the
 * limit gets the usual answer and nothing is stored, so the answer never
 * tells whether the address has an account.  Only applications the owner
 * of the address sent signed in or confirmed by the mailed link count:
 * anyone can type someone else's address into the join form signed out,
 * and such applications must not use up the owner's allowance.  Those
 * unconfirmed ones are bounded apart: an account keeps its newest
 * UNCONFIRMED_KEPT, older ones go (and the per-address sign-up limit slows
 * whoever sends them). */
#define APPS_PER_DAY 10
#define APPS_OPEN_MAX 20
#define UNCONFIRMED_KEPT 5

static int valid_url(const char *v) { return url_plausible(v); }

/* The organization's fields, then the contact person's, then consent.  The
 * names are the API's JSON names (contact.* flattened to contact_*). */
const struct field join_fields[] = {
	{"name", FT_LINE, 1, 2, 200, NULL, NULL, NULL},
	{"acronym", FT_LINE, 0, 0, 30, NULL, NULL, NULL},
	{"kind", FT_CHOICE, 1, 0, 40, org_kinds, NULL, "Choose the kind of organization."},
	{"country", FT_CHOICE, 1, 0, 2, NULL, country_valid, "Choose a country from the list."},
	{"countries", FT_MULTI, 0, 0, 250, NULL, country_valid, "Choose countries from the list."},
	{"website", FT_URL, 0, 0, 300, NULL, NULL, NULL},
	{"founded", FT_INT, 0, 1800, 2100, NULL, NULL, NULL},
	{"size", FT_CHOICE, 0, 0, 20, org_sizes, NULL, NULL},
	{"description", FT_TEXT, 1, 20, 5000, NULL, NULL, NULL},
	{"themes", FT_MULTI, 1, 1, 30, NULL, theme_valid, "Choose themes from the list."},
	{"languages", FT_MULTI, 0, 0, 30, NULL, language_valid, "Choose languages from the list."},
	{"ecosoc_status", FT_CHOICE, 0, 0, 10, org_ecosoc, NULL, NULL},
	{"social", FT_MULTI, 0, 0, 10, NULL, valid_url,
	    "Enter one web address per line, each starting with https://"},
	{"contact_name", FT_LINE, 1, 1, 200, NULL, NULL, NULL},
	{"contact_title", FT_LINE, 0, 0, 200, NULL, NULL, NULL},
	{"contact_email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL},
	{"contact_phone", FT_LINE, 0, 0, 40, NULL, NULL, NULL},
	{"contact_role", FT_LINE, 0, 0, 200, NULL, NULL, NULL},
	{"consent", FT_BOOL, 1, 0, 0, NULL, NULL, NULL},
};
const size_t join_nfields = sizeof join_fields / sizeof join_fields[0];

static struct field edit_fields[sizeof join_fields / sizeof join_fields[0]];
static pthread_once_t edit_once = PTHREAD_ONCE_INIT;

static void
edit_fields_init(void)
{
	size_t i;

	for (i = 0; i < join_nfields; i++) {
		edit_fields[i] = join_fields[i];
		if (strcmp(edit_fields[i].name, "themes") == 0)
			edit_fields[i].valid = theme_known;
	}
}

const struct field *
join_fields_edit(void)
{
	pthread_once(&edit_once, edit_fields_init);
	return edit_fields;
}

enum ws_err
join_themes_kept(struct req *r, json_t *values, json_t *before, json_t *errors)
{
	static const char msg[] = "Choose themes from the list.";

	if (!theme_retired_added(json_object_get(values, "themes"), before))
		return WS_OK;
	json_object_set_new(errors, "themes", json_string(r->api ? msg :
	    view_tr(r->app->views, r->locale, msg)));
	return WS_EINVAL;
}

/* GET /join's query: as=organization (the default) or as=expert. */
static const char *const join_as[] = { "organization", "expert", NULL };
const struct field orgs_q_join[] = {
	{ "as", FT_CHOICE, 0, 0, 0, join_as, NULL, N_("Choose organization or expert.") },
	FIELDS_END
};

/* Only for signed-out applicants: the account's password; a honeypot. */
static const struct field account_fields[] = {
	{"password", FT_PASSWORD, 1, PASSWORD_MIN, PASSWORD_MAX, NULL, NULL, NULL},
	{"fax_number", FT_LINE, 0, 0, 200, NULL, NULL, NULL},
};

static const char *const org_keys[] = {
	"name", "acronym", "kind", "country", "countries", "website", "founded", "size",
	"description", "themes", "languages", "ecosoc_status", "social", NULL
};
static const char *const contact_keys[] = { "name", "title", "email", "phone", "role", NULL };

void
join_flatten(struct req *r)
{
	json_t *o = json_object_get(r->in, "organization");
	json_t *c = json_object_get(r->in, "contact");
	const char *k;
	json_t *v;

	if (json_is_object(o))
		json_object_foreach(o, k, v)
			if (!json_object_get(r->in, k) || strcmp(k, "name") == 0)
				json_object_set(r->in, k, v);
	if (json_is_object(c))
		json_object_foreach(c, k, v)
			json_object_set(r->in, arena_printf(r->a, "contact_%s", k), v);
}

json_t *
join_data(json_t *values)
{
	json_t *org = json_object(), *contact = json_object();
	const char *const *k;

	for (k = org_keys; *k; k++)
		json_object_set(org, *k, json_object_get(values, *k));
	if (!json_string_length(json_object_get(org, "ecosoc_status")))
		json_object_set_new(org, "ecosoc_status", json_string("none"));
	for (k = contact_keys; *k; k++) {
		char name[32];

		snprintf(name, sizeof name, "contact_%s", *k);
		json_object_set(contact, *k, json_object_get(values, name));
	}
	return json_pack("{s:o,s:o,s:b}", "organization", org, "contact", contact, "consent",
	    json_is_true(json_object_get(values, "consent")));
}

json_t *
join_values(json_t *data)
{
	json_t *v = json_object(), *o = json_object_get(data, "organization");
	json_t *c = json_object_get(data, "contact");
	const char *const *k;

	for (k = org_keys; *k; k++)	/* null: never given (a year founded) */
		if (json_object_get(o, *k) && !json_is_null(json_object_get(o, *k)))
			json_object_set(v, *k, json_object_get(o, *k));
	for (k = contact_keys; *k; k++) {
		char name[32];

		snprintf(name, sizeof name, "contact_%s", *k);
		if (json_object_get(c, *k))
			json_object_set(v, name, json_object_get(c, *k));
	}
	json_object_set(v, "consent", json_object_get(data, "consent"));
	return v;
}

/* The social links as the textarea shows them: one per line. */
static json_t *
lines_of(json_t *arr)
{
	json_t *v;
	size_t i;
	char *joined = NULL;
	size_t len = 0;
	json_t *out;

	if (!json_is_array(arr))
		return json_string(json_is_string(arr) ? json_string_value(arr) : "");
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		size_t n = s ? strlen(s) : 0;

		joined = xrealloc(joined, len + n + 2);
		memcpy(joined + len, s ? s : "", n);
		len += n;
		joined[len++] = '\n';
	}
	if (len)
		len--;	/* no newline after the last */
	out = json_stringn(joined ? joined : "", len);
	free(joined);
	return out;
}

json_t *
join_page(struct req *r, json_t *values)
{
	const char *lang = r->locale;
	json_t *form = values ? json_copy(values) : json_object();
	json_t *v = json_object();
	json_t *y, *none;

	json_object_del(form, "password");
	json_object_set_new(form, "social_text", lines_of(json_object_get(form, "social")));
	y = json_object_get(form, "founded");
	if (json_is_integer(y))
		json_object_set_new(form, "founded", json_sprintf("%lld",
		    (long long)json_integer_value(y)));
	json_object_set_new(v, "kinds", choice_options(org_kinds, org_kind_labels,
	    r->app->views, lang, json_object_get(form, "kind")));
	json_object_set_new(v, "countries", country_options(lang, json_object_get(form,
	    "country")));
	json_object_set_new(v, "operation_countries", country_options(lang,
	    json_object_get(form, "countries")));
	json_object_set_new(v, "themes", theme_options(lang, json_object_get(form, "themes")));
	json_object_set_new(v, "languages", language_options(lang, json_object_get(form,
	    "languages")));
	json_object_set_new(v, "sizes", choice_options(org_sizes, NULL, r->app->views, lang,
	    json_object_get(form, "size")));
	none = json_string("none");	/* choice_options borrows it */
	json_object_set_new(v, "ecosoc", choice_options(org_ecosoc, org_ecosoc_labels,
	    r->app->views, lang, json_object_get(form, "ecosoc_status") ?
	    json_object_get(form, "ecosoc_status") : none));
	json_decref(none);
	json_object_set_new(v, "form", form);
	json_object_set_new(v, "signed_out", json_boolean(!r->user));
	return v;
}

/* The expert's join form: values, option lists. */
static json_t *
expert_page(struct req *r, json_t *values)
{
	json_t *form = values ? json_copy(values) : json_object();
	json_t *v = json_object();

	json_object_del(form, "password");
	people_expert_options(r, v, form);
	json_object_set_new(v, "form", form);
	json_object_set_new(v, "signed_out", json_boolean(!r->user));
	json_object_set_new(v, "expert", json_true());
	return v;
}

/* The join form's page for an expert's application or an organization's. */
static json_t *
page_of(struct req *r, json_t *values, int expert)
{
	return expert ? expert_page(r, values) : join_page(r, values);
}

/* Whether r applies as an individual expert: the API's "kind", the form's
 * "as" (GET: the query's). */
static int
is_expert(struct req *r)
{
	const char *as;
	json_t *k;

	if (r->api) {
		k = json_object_get(r->in, "kind");
		return json_is_string(k) && strcmp(json_string_value(k), "expert") == 0;
	}
	as = r->method == HM_GET ? req_qstr(r, "as") : req_field(r, "as");
	return as && strcmp(as, "expert") == 0;
}

/* The user's draft of form, or NULL. */
static json_t *
draft_get(struct db *d, int64_t user_id, const char *form)
{
	struct db_q *q = db_start(d, ST_DRAFT_GET);
	json_t *v = NULL;
	json_error_t err;

	db_bind_int(q, 1, user_id);
	db_bind_text(q, 2, form);
	if (db_step(q) == WS_OK)
		v = json_loads(db_col_text(q, DRAFT_GET_C_DATA), 0, &err);
	db_end(q);
	return v;
}

static enum ws_err
draft_put(struct db *d, int64_t user_id, const char *form, json_t *values)
{
	json_t *copy = json_copy(values);
	char *s;
	struct db_q *q;
	enum ws_err rc;

	json_object_del(copy, "password");
	s = json_dumps(copy, JSON_COMPACT);
	json_decref(copy);
	q = db_start(d, ST_DRAFT_PUT);
	db_bind_int(q, 1, user_id);
	db_bind_text(q, 2, form);
	db_bind_text(q, 3, s);
	db_bind_int(q, 4, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	free(s);
	return rc;
}

static void
draft_delete(struct db *d, int64_t user_id, const char *form)
{
	struct db_q *q = db_start(d, ST_DRAFT_DELETE);

	db_bind_int(q, 1, user_id);
	db_bind_text(q, 2, form);
	db_exec_logged(q);
	db_end(q);
}

enum ws_err
h_join_form(struct req *r, struct resp *w)
{
	json_t *values = NULL;
	int expert = is_expert(r);

	if (r->user) {
		values = draft_get(req_db(r), r->user->id, expert ? "join_expert" : "join");
		if (!values)
			values = json_pack("{s:s,s:s}", expert ? "name" : "contact_name",
			    r->user->name, "contact_email", r->user->email);
	}
	resp_value(w, page_of(r, values, expert));
	if (values && r->user && json_object_get(values, expert ? "consent" : "name"))
		json_object_set_new(w->val, "draft_restored", json_true());
	json_decref(values);
	w->tpl = "join";
	w->title = N_("Join");
	return WS_OK;
}

/* Mails the applicant the link that confirms the address and, with it,
 * the application app_id; the link takes the password whose hash is given.
 * An expert (expert true) applies as a person: no organization is named. */
static enum ws_err
mail_confirm(struct req *r, struct db *d, int64_t user_id, const char *hash, int64_t app_id,
    const char *email, const char *name, const char *org, int expert, const char *lang)
{
	char tok[65];
	json_t *ctx;
	struct buf body;
	enum ws_err rc;

	if ((rc = verify_token_issue(d, user_id, hash, name, app_id, tok)) != WS_OK)
		return rc;
	ctx = json_pack("{s:s,s:s,s:s,s:b,s:s}", "name", name, "site", r->app->cfg.org_name,
	    "org", expert ? "" : org, "expert", expert, "link", arena_printf(r->a,
	    "%s/verify?token=%s", r->app->cfg.base_url, tok));
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_join_confirm", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, email, view_tr(r->app->views, lang,
		    N_("Confirm your application")), buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* The answer to a signed-in applicant over the limit: 429; a page keeps
 * what was typed as the join form's draft and shows it again. */
static enum ws_err
too_many(struct req *r, struct resp *w, json_t *values, int expert)
{
	enum ws_err rc;

	w->retry_after = 3600;
	w->detail = N_("You have sent as many applications as an account may for now. "
	    "Wait for staff to decide on those you sent, or try again tomorrow.");
	if (r->api)
		return WS_ERATE;
	if ((rc = draft_put(req_db(r), r->user->id, expert ? "join_expert" : "join", values)) !=
	    WS_OK)
		return rc;
	resp_value(w, page_of(r, values, expert));
	json_object_set_new(w->val, "too_many", json_true());
	w->tpl = "join";
	w->title = N_("Join");
	return WS_ERATE;
}

/* WS_ERATE when user_id has sent as many applications of kind as an
 * account may. */
static enum ws_err
apps_allowed(struct db *d, int64_t user_id, const char *kind)
{
	struct db_q *q = db_start(d, ST_APP_RECENT_BY_USER);
	int64_t today = 0, open = 0;
	enum ws_err rc;

	db_bind_int(q, 1, now_s() - 24 * 3600);
	db_bind_int(q, 2, user_id);
	db_bind_text(q, 3, kind);
	rc = db_step(q);
	if (rc == WS_OK) {
		today = db_col_int(q, APP_RECENT_BY_USER_C_SINCE);
		open = db_col_int(q, APP_RECENT_BY_USER_C_OPEN);
	}
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_OK : rc;
	return today >= APPS_PER_DAY || open >= APPS_OPEN_MAX ? WS_ERATE : WS_OK;
}

/* Stores the application with its duplicate hints (returned in *dups). */
static enum ws_err
store_application(struct req *r, struct db *d, int64_t user_id, const char *kind,
    json_t *data, const char *status, int64_t *id, json_t **dups)
{
	struct app_keys k;

	app_keys_of(r->a, data, &k);
	*dups = app_duplicates(r, d, 0, &k);
	return app_insert(d, user_id, kind, 0, data, status, *dups, &k, id);
}

static enum ws_err
join_fail(struct req *r, struct resp *w, json_t *values, json_t *errors, int expert)
{
	enum ws_err rc = form_fail(r, w, "join", N_("Join"), values, errors);

	if (!r->api) {
		json_t *page = page_of(r, values, expert);

		json_object_set(page, "errors", errors);
		resp_value(w, page);
	}
	return rc;
}

enum ws_err
h_join(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *acct = NULL, *aerr = NULL, *data = NULL;
	json_t *dups = NULL;
	struct db *d = req_db(r);
	const char *problem, *email, *name, *orgname;
	struct user u;
	int64_t uid = 0, app_id = 0;
	enum ws_err rc, rc2;
	const char *status = "pending";
	const char *logo_type = NULL;
	const char *mlang = r->locale;	/* the applicant asks: theirs, unless stored */
	int64_t logo_id = 0;
	int drafting = 0;
	int expert = is_expert(r);
	const char *kind = expert ? "expert" : "organization";
	const char *draft = expert ? "join_expert" : "join";
	char hash[crypto_pwhash_STRBYTES] = "";

	if (r->api && json_object_get(r->in, "kind") && !expert) {
		json_t *k = json_object_get(r->in, "kind");

		if (!json_is_string(k) || strcmp(json_string_value(k), "organization") != 0) {
			w->errors = json_pack("{s:s}", "kind", "An application here is of kind "
			    "organization or expert (join and focal have their own addresses).");
			w->detail = N_("Some fields need your attention.");
			return WS_EINVAL;
		}
		json_object_del(r->in, "kind");	/* the organization's kind is its own */
	}
	orgs_ref_catch_up(req_db(r));	/* themes another node changed */
	if (expert) {
		people_expert_flatten(r);
		rc = form_check(r, people_expert_fields, people_expert_nfields, &values, &errors);
	} else {
		join_flatten(r);
		rc = form_check(r, join_fields, join_nfields, &values, &errors);
	}
	if (r->csrf_stale) {
		/* The page was too old to act on (a session that ended while the
		 * form was being filled): show it again with what was typed. */
		json_decref(errors);
		resp_value(w, page_of(r, values, expert));
		json_object_set_new(w->val, "stale", json_true());
		w->tpl = "join";
		w->title = N_("Join");
		json_decref(values);
		return WS_OK;
	}
	drafting = !r->api && r->user && req_field(r, "action") &&
	    strcmp(req_field(r, "action"), "draft") == 0;
	if (drafting) {
		json_decref(errors);
		rc = draft_put(d, r->user->id, draft, values);
		if (rc == WS_OK) {
			resp_value(w, page_of(r, values, expert));
			json_object_set_new(w->val, "draft_saved", json_true());
			w->tpl = "join";
			w->title = N_("Join");
		}
		json_decref(values);
		return rc;
	}
	if (!r->user) {
		rc2 = form_check(r, account_fields, 2, &acct, &aerr);
		if (rc2 == WS_OK && (problem = password_problem(json_string_value(
		    json_object_get(acct, "password")), json_string_value(json_object_get(values,
		    "contact_email")), NULL)) != NULL)
			aerr = json_pack("{s:s}", "password", r->api ? problem :
			    view_tr(r->app->views, r->locale, problem));
		if (aerr) {
			if (!errors)
				errors = json_object();
			json_object_update_missing(errors, aerr);
			rc = WS_EINVAL;
		}
	}
	if (!expert && logo_check(r, &errors, &logo_type) != WS_OK)
		rc = WS_EINVAL;
	if (rc != WS_OK) {
		rc = join_fail(r, w, values, errors, expert);
		goto out;
	}
	email = json_string_value(json_object_get(values, "contact_email"));
	name = json_string_value(json_object_get(values, expert ? "name" : "contact_name"));
	orgname = json_string_value(json_object_get(values, "name"));
	data = expert ? people_expert_data(values) : join_data(values);
	if (!r->user) {
		ratelimit_hit(r->app->rl, RL_SIGNUP, r->ip);
		if (*json_string_value(json_object_get(acct, "fax_number"))) {
			log_info("join honeypot filled from %s", r->ip);
			status = "unverified";	/* what a person signed out is told */
			goto answer;	/* a bot: the same answer, nothing stored */
		}
	}
	if (!r->user && (rc = password_hash(r->app, json_string_value(json_object_get(acct,
	    "password")), hash)) != WS_OK)
		goto out;	/* hashed on every signed-out path: timing tells nothing */
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (r->user) {
		uid = r->user->id;
		if (!r->user->verified_at)
			status = "unverified";
		snprintf(hash, sizeof hash, "%s", r->user->password_hash);
		if ((rc = apps_allowed(d, uid, kind)) == WS_ERATE) {
			db_rollback(d);
			rc = too_many(r, w, values, expert);
			goto out;
		}
	} else if (user_by_email(d, r->a, email, &u) == WS_OK) {
		/* The address has an account: the application waits until the
		 * owner of the address confirms it with the link mailed now and
		 * the password typed here.  An account never verified takes that
		 * password only then (POST /verify). */
		uid = u.id;
		status = "unverified";
		if ((rc = apps_allowed(d, uid, kind)) == WS_ERATE) {
			db_rollback(d);
			log_info("join: application limit for user %lld from %s", (long long)uid,
			    r->ip);
			goto answer;	/* the usual answer, nothing stored */
		}
		if (rc == WS_OK && !u.verified_at)
			rc = user_set_password(d, uid, hash);
		mlang = app_mail_lang(r->app, u.locale, r->locale);
	} else {
		rc = user_create_hashed(d, email, name, hash, "applicant", 0, 0, &uid);
		status = "unverified";
		if (rc == WS_OK)	/* the language the account is made in */
			rc = user_set_locale(d, uid, r->locale);
		if (rc == WS_OK)
			app_audit(r->app, d, uid, "signup", r->ip, "join form");
	}
	if (rc == WS_OK && (rc = logo_store(r, d, logo_type, &logo_id)) == WS_OK && logo_id)
		json_object_set_new(json_object_get(data, "organization"), "logo_file",
		    json_integer(logo_id));
	if (rc == WS_OK)
		rc = store_application(r, d, uid, kind, data, status, &app_id, &dups);
	if (rc == WS_OK && strcmp(status, "unverified") == 0) {
		struct db_q *q = db_start(d, ST_APP_PRUNE_UNVERIFIED);

		db_bind_int(q, 1, uid);
		db_bind_int(q, 2, uid);
		db_bind_int(q, 3, UNCONFIRMED_KEPT);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK && strcmp(status, "unverified") == 0)
		rc = mail_confirm(r, d, uid, hash, app_id, r->user ? r->user->email : email,
		    r->user ? r->user->name : name, orgname, expert, mlang);
	if (rc == WS_OK) {
		app_audit_about(r->app, d, uid, 0, uid, "application.submitted", r->ip,
		    arena_printf(r->a, "application %lld: %s", (long long)app_id, orgname));
		if (r->user)
			draft_delete(d, r->user->id, draft);
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
answer:
	if (r->api) {
		json_t *v = r->user ? NULL : json_pack("{s:s}", "status", "verification_sent");

		if (r->user && app_load(d, app_id, &v) != WS_OK)
			v = json_object();
		else if (r->user)
			app_for_viewer(r, v);
		resp_value(w, v);
		w->status = r->user ? 201 : 202;
	} else {
		json_t *v = json_pack("{s:b,s:o?,s:b}", "signed_out", !r->user,
		    "duplicates", r->user && !expert ? app_public_duplicates(r, orgname) : NULL,
		    "expert", expert);

		if (r->user)
			json_object_set_new(v, "application_id", json_integer(app_id));
		json_object_set_new(v, "confirm", json_boolean(strcmp(status, "unverified") == 0));
		resp_value(w, v);
		w->tpl = "join_done";
		w->title = N_("Application received");
	}
	rc = WS_OK;
out:
	json_decref(values);
	json_decref(errors);
	json_decref(acct);
	json_decref(aerr);
	json_decref(data);
	json_decref(dups);
	return rc;
}

enum ws_err
orgs_on_verified(struct req *r, struct db *d, int64_t user_id, int64_t app_id, int claimed)
{
	struct db_q *q;
	int64_t changed = 0;
	enum ws_err rc = WS_OK;

	if (app_id > 0) {
		q = db_start(d, ST_APP_ACTIVATE_ONE);
		db_bind_int(q, 1, now_s());
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, app_id);
		db_bind_int(q, 4, user_id);
		rc = db_exec(q, &changed);
		db_end(q);
		if (rc == WS_OK && changed == 1)
			rc = app_event(d, app_id, user_id, "confirmed", NULL);
	}
	if (rc == WS_OK && claimed) {
		/* sent with credentials that nobody proved: they go */
		q = db_start(d, ST_APP_DROP_UNVERIFIED);
		db_bind_int(q, 1, user_id);
		rc = db_exec(q, &changed);
		db_end(q);
		if (rc == WS_OK && changed)
			log_info("dropped %lld unconfirmed applications of user %lld",
			    (long long)changed, (long long)user_id);
	}
	return rc;
}

/* ---- the applicant's own application ---------------------------------- */

/* Loads application id for r: its owner or staff; 404 for anyone else. */
static enum ws_err
own_application(struct req *r, json_t **app, int64_t *id)
{
	enum ws_err rc;
	json_t *a;

	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = app_load(req_db(r), *id, &a)) != WS_OK)
		return rc;
	if (r->user->role < ROLE_STAFF && json_integer_value(json_object_get(
	    json_object_get(a, "applicant"), "id")) != r->user->id) {
		json_decref(a);
		return WS_ENOTFOUND;
	}
	*app = a;
	return WS_OK;
}

enum ws_err
h_my_application(struct req *r, struct resp *w)
{
	json_t *a, *values;
	int64_t id;
	enum ws_err rc;

	if ((rc = own_application(r, &a, &id)) != WS_OK)
		return rc;
	app_for_viewer(r, a);
	json_object_set_new(a, "history", app_events(r, id, 0));
	if (!r->api && json_is_true(json_object_get(a, "status_info_requested")) &&
	    strcmp(json_string_value(json_object_get(a, "kind")), "expert") == 0) {
		json_t *data = json_pack("{s:O,s:O,s:O}", "expert", json_object_get(a, "expert"),
		    "contact", json_object_get(a, "contact"), "consent",
		    json_object_get(a, "consent"));

		values = people_expert_values(data);
		json_object_set_new(a, "edit", expert_page(r, values));
		json_decref(values);
		json_decref(data);
	} else if (!r->api && json_is_true(json_object_get(a, "status_info_requested")) &&
	    strcmp(json_string_value(json_object_get(a, "kind")), "organization") == 0) {
		json_t *data = json_pack("{s:O,s:O,s:O}", "organization",
		    json_object_get(a, "organization"), "contact", json_object_get(a, "contact"),
		    "consent", json_object_get(a, "consent"));

		values = join_values(data);
		json_object_set_new(a, "edit", join_page(r, values));
		json_decref(values);
		json_decref(data);
	}
	resp_value(w, a);
	w->tpl = "application";
	w->title = N_("Your application");
	return WS_OK;
}

enum ws_err
h_resubmit(struct req *r, struct resp *w)
{
	json_t *a, *values = NULL, *errors = NULL, *data = NULL, *dups = NULL;
	struct app_keys k;
	struct db *d = req_db(r);
	struct db_q *q;
	char *text = NULL, *dtext = NULL;
	const char *logo_type = NULL;
	int64_t id, changed = 0, logo_id = 0;
	enum ws_err rc;
	int expert;

	if ((rc = own_application(r, &a, &id)) != WS_OK)
		return rc;
	expert = strcmp(json_string_value(json_object_get(a, "kind")), "expert") == 0;
	if (!expert && strcmp(json_string_value(json_object_get(a, "kind")), "organization") != 0) {
		json_decref(a);
		w->detail = N_("This application is not waiting for your answer.");
		return WS_ECONFLICT;
	}
	orgs_ref_catch_up(req_db(r));	/* themes another node changed */
	if (expert) {
		people_expert_flatten(r);
		rc = form_check(r, people_expert_fields, people_expert_nfields, &values, &errors);
	} else {
		join_flatten(r);
		rc = form_check(r, join_fields, join_nfields, &values, &errors);
		if (logo_check(r, &errors, &logo_type) != WS_OK)
			rc = WS_EINVAL;
	}
	if (rc != WS_OK) {
		json_object_set_new(a, "history", app_events(r, id, 0));
		json_object_set_new(a, "edit", page_of(r, values, expert));
		json_object_set(json_object_get(a, "edit"), "errors", errors);
		rc = form_fail(r, w, "application", N_("Your application"), values, errors);
		if (!r->api)
			resp_value(w, json_incref(a));
		goto out;
	}
	data = expert ? people_expert_data(values) : join_data(values);
	if (!expert) {
		json_t *old_logo = json_object_get(json_object_get(a, "organization"), "logo_file");

		if (old_logo)
			json_object_set(json_object_get(data, "organization"), "logo_file", old_logo);
	}
	app_keys_of(r->a, data, &k);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = logo_store(r, d, logo_type, &logo_id)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if (logo_id)	/* a new logo replaces the one sent before */
		json_object_set_new(json_object_get(data, "organization"), "logo_file",
		    json_integer(logo_id));
	dups = app_duplicates(r, d, id, &k);
	text = json_dumps(data, JSON_COMPACT);
	dtext = json_dumps(dups, JSON_COMPACT);
	q = db_start(d, ST_APP_RESUBMIT);
	db_bind_text(q, 1, text);
	db_bind_text(q, 2, k.country);
	db_bind_text(q, 3, dtext);
	db_bind_text(q, 4, k.norm_name);
	db_bind_text(q, 5, k.norm_acronym);
	db_bind_text(q, 6, k.website_domain);
	db_bind_text(q, 7, k.email_domain);
	db_bind_int(q, 8, now_s());
	db_bind_int(q, 9, now_s());
	db_bind_int(q, 10, id);
	db_bind_int(q, 11, r->user->id);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc == WS_OK && changed != 1) {
		db_rollback(d);
		w->detail = N_("This application is not waiting for your answer.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (rc == WS_OK)
		rc = org_dupkeys_put_app(d, id, &k);
	if (rc == WS_OK)
		rc = app_event(d, id, r->user->id, "resubmitted", NULL);
	if (rc == WS_OK) {
		app_audit_about(r->app, d, r->user->id, 0, r->user->id, "application.resubmitted",
		    r->ip,
		    arena_printf(r->a, "application %lld", (long long)id));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if (r->api) {
		json_t *fresh;

		if ((rc = app_load(d, id, &fresh)) == WS_OK)
			resp_value(w, app_for_viewer(r, fresh));
	} else {
		resp_redirect(w, arena_printf(r->a, "/applications/%lld", (long long)id));
	}
out:
	json_decref(a);
	json_decref(values);
	json_decref(errors);
	json_decref(data);
	json_decref(dups);
	free(text);
	free(dtext);
	return rc;
}
