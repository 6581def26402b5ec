/*
 * pages.c -- the calls' pages for people, over the API's handlers (one
 * code path, two representations): /calls, /calls/{id} with the
 * application form, and staff's /staff/calls/{id}/applications with the
 * scores and the decisions.
 *
 * Forms work without JavaScript.  The application form sends answers.<id>
 * fields, as an event's registration form does, and a button saying
 * whether to save a draft or submit; a refusal shows the call's page again
 * with why, a message by each answer that failed and what was typed.
 * Times are shown in the reader's zone (the call's own when they chose
 * none).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/calls/calls_int.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

/* msg in r's language. */
static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* A code's words, in the reader's language: a call's kind or status, an
 * application's status. */
static const char *
label_of(struct req *r, const char *code)
{
	static const char *const names[][2] = {
		{ "course_cohort", N_("Course cohort") },
		{ "workshop", N_("Workshop") },
		{ "pilot_initiative", N_("Country pilot initiative") },
		{ "expert_roster", N_("Expert roster") },
		{ "dialogue", N_("Constructive dialogue") },
		{ "other", N_("Other") },
		{ "open", N_("Open for applications") },
		{ "closed", N_("Closed") },
		{ "decided", N_("Decided") },
		{ "draft", N_("Draft") },
		{ "submitted", N_("Submitted") },
		{ "accepted", N_("Accepted") },
		{ "waitlisted", N_("On the waiting list") },
		{ "declined", N_("Not selected") },
		{ "withdrawn", N_("Withdrawn") },
	};
	size_t i;

	for (i = 0; code && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], code) == 0)
			return tr(r, names[i][1]);
	return code ? code : "";
}

const char *
call_label(struct req *r, const char *code)
{
	return label_of(r, code);
}

/* Adds to view item c (call_view's) the words its pages show: its kind and
 * status, and its times in the reader's zone. */
static void
page_call(struct req *r, json_t *c)
{
	const char *zone = json_string_value(json_object_get(c, "timezone"));
	const struct tz *utc;
	const char *s;
	int64_t t;

	json_object_set_new(c, "kind_label", json_string(label_of(r, json_string_value(
	    json_object_get(c, "kind")))));
	json_object_set_new(c, "status_label", json_string(label_of(r, json_string_value(
	    json_object_get(c, "status")))));
	if (tz_get("UTC", &utc) != WS_OK)
		return;
	if ((s = json_string_value(json_object_get(c, "closes"))) &&
	    tz_parse_time(utc, s, &t, NULL) == WS_OK)
		json_object_set_new(c, "closes_when", events_when(r, zone, t));
	if ((s = json_string_value(json_object_get(c, "opens"))) &&
	    tz_parse_time(utc, s, &t, NULL) == WS_OK)
		json_object_set_new(c, "opens_when", events_when(r, zone, t));
	if (json_is_object(json_object_get(c, "application")))
		json_object_set_new(c, "my_label", json_string(label_of(r, json_string_value(
		    json_object_get(json_object_get(c, "application"), "status")))));
}

/* Where a page links the file answering question of application aid to
 * call id (in r's arena). */
static const char *
file_href(struct req *r, int64_t id, int64_t aid, const char *question)
{
	return arena_printf(r->a, "/calls/%lld/applications/%lld/files/%s", (long long)id,
	    (long long)aid, question);
}

/* Adds to each file question of list (a page's question_list) the file of
 * stored application a (a draft) answering it, {name, href}, as `sent`. */
static void
files_on_form(struct req *r, json_t *list, json_t *a, int64_t id)
{
	int64_t aid = json_integer_value(json_object_get(a, "id"));
	json_t *files = NULL, *q, *f;
	size_t i, j;

	if (capp_files(req_db(r), aid, &files) != WS_OK) {
		json_decref(files);
		return;
	}
	json_array_foreach(list, i, q)
		json_array_foreach(files, j, f)
			if (strcmp(json_string_value(json_object_get(f, "question")),
			    json_string_value(json_object_get(q, "id"))) == 0)
				json_object_set_new(q, "sent", json_pack("{s:O,s:s}", "name",
				    json_object_get(f, "name"), "href", file_href(r, id, aid,
				    json_string_value(json_object_get(f, "question")))));
	json_decref(files);
}

/* ---- the list ------------------------------------------------------------- */

void
call_page_list(struct req *r, json_t *val)
{
	const char *st = req_qstr(r, "status");
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(val, "items"), i, c)
		page_call(r, c);
	json_object_set_new(val, "filter_status", json_string(st));
	json_object_set_new(val, "all", json_boolean(!*st));
	json_object_set_new(val, "open", json_boolean(strcmp(st, "open") == 0));
	json_object_set_new(val, "closed", json_boolean(strcmp(st, "closed") == 0));
}

/* ---- one call ------------------------------------------------------------- */

/* The eligibility of view item c in words, one rule a line. */
static json_t *
rules_of(struct req *r, json_t *c)
{
	json_t *el = json_object_get(c, "eligibility"), *out = json_array(), *x;
	static const struct {
		const char *key, *msg;
	} lists[] = {
		{ "organization_kinds", N_("Organizations of these kinds: {{list}}.") },
		{ "countries", N_("Organizations and people from these countries: {{list}}.") },
		{ "regions", N_("Organizations and people in these UN regions: {{list}}.") },
	};
	size_t i, k;

	json_array_append_new(out, json_pack("{s:s}", "text", strcmp(json_string_value(
	    json_object_get(el, "audience")) ? json_string_value(json_object_get(el, "audience")) :
	    "open", "members") == 0 ? tr(r, N_("Members of the hub.")) : tr(r, N_("Anyone with a "
	    "confirmed account, member or not."))));
	json_array_append_new(out, json_pack("{s:s}", "text", json_is_false(json_object_get(el,
	    "experts")) ? tr(r, N_("Organizations only, through one of their admins.")) :
	    tr(r, N_("Organizations, through one of their admins, and individuals."))));
	for (k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		json_t *list = json_object_get(el, lists[k].key);
		char codes[1024] = "";
		size_t n = 0;

		if (!json_array_size(list))
			continue;
		json_array_foreach(list, i, x)
			n += (size_t)snprintf(codes + n, n < sizeof codes ? sizeof codes - n : 0, "%s%s",
			    i ? ", " : "", json_string_value(x));
		json_array_append_new(out, json_pack("{s:s}", "text", call_sub(r, lists[k].msg,
		    "list", codes)));
	}
	return out;
}

/*
 * The application to call id that r's signed-in caller acts for, as the
 * call's page shows it, into *a (stored JSON, a new reference; NULL when
 * none): their own unless withdrawn, else the live one of an organization
 * they are an admin of (org > 0: that one only; org < 0: none, their own
 * alone), else their own withdrawn one.
 */
static enum ws_err
acted_for(struct req *r, int64_t id, int64_t org, json_t **a)
{
	struct db *d = req_db(r);
	json_t *orgs = NULL, *o, *x = NULL;
	enum ws_err rc;
	size_t i;

	*a = NULL;
	if ((rc = capp_of_user(d, id, r->user->id, a)) != WS_OK && rc != WS_ENOTFOUND)
		return rc;
	if (*a && !capp_mine(r, *a)) {	/* an organization's they no longer act for */
		json_decref(*a);
		*a = NULL;
	}
	if ((*a && strcmp(json_string_value(json_object_get(*a, "status")), "withdrawn") != 0) ||
	    org < 0)
		return WS_OK;
	if ((rc = orgs_of_person(d, r->user->id, &orgs)) != WS_OK) {
		json_decref(orgs);
		return rc;
	}
	json_array_foreach(orgs, i, o) {
		int64_t oid = json_integer_value(json_object_get(o, "id"));

		if (!json_is_true(json_object_get(o, "admin")) || (org > 0 && oid != org))
			continue;
		if (capp_of_org(d, id, oid, &x) == WS_OK && capp_mine(r, x)) {
			json_decref(*a);
			*a = x;
			break;
		}
		json_decref(x);
		x = NULL;
	}
	json_decref(orgs);
	return WS_OK;
}

/* Adds to view item c (call id) what its page shows: the words of
 * page_call, the description as HTML, the rules, the reader's application
 * and what they may do, the form's questions with form (typed answers by
 * question id, may be NULL) and errors (may be NULL), and the
 * organizations they may apply for (org: the one chosen, 0 for none). */
static enum ws_err
page_one(struct req *r, json_t *c, int64_t id, json_t *form, json_t *errors, int64_t org)
{
	json_t *a = NULL, *mine = NULL, *orgs = NULL, *choices = json_array(), *o;
	int accepting = json_is_true(json_object_get(c, "accepting"));
	enum ws_err rc = WS_OK;
	size_t i;
	int may, listed = 0;

	page_call(r, c);
	json_object_set(c, "heading", json_object_get(c, "title"));
	json_object_set_new(c, "description_html", org_markdown_html(json_string_value(
	    json_object_get(c, "description"))));
	json_object_set_new(c, "draft", json_boolean(strcmp(json_string_value(json_object_get(c,
	    "status")), "draft") == 0));
	json_object_set_new(c, "staff", json_boolean(r->user && r->user->role >= ROLE_STAFF));
	json_object_set_new(c, "rules", rules_of(r, c));
	if (r->user && (rc = acted_for(r, id, 0, &a)) != WS_OK)
		goto out;
	may = r->user && accepting;
	if (a) {
		const char *st = json_string_value(json_object_get(a, "status"));

		mine = json_pack("{s:I,s:s,s:s,s:b}", "call_id", (json_int_t)id, "status", st,
		    "label", arena_printf(r->a, "%s: %s", tr(r, N_("Your application")),
		    label_of(r, st)), "can_withdraw", strcmp(st, "draft") == 0 ||
		    strcmp(st, "submitted") == 0 || strcmp(st, "waitlisted") == 0);
		json_object_set_new(c, "mine", mine);
		may = may && (strcmp(st, "draft") == 0 || strcmp(st, "withdrawn") == 0);
		if (!form && strcmp(st, "draft") == 0) {	/* the draft as saved */
			json_t *x;
			const char *k;

			form = json_object();
			json_object_foreach(json_object_get(a, "answers"), k, x)
				json_object_set_new(form, k, json_is_boolean(x) ? json_string(
				    json_is_true(x) ? "yes" : "no") : json_copy(x));
			org = json_integer_value(json_object_get(a, "organization_id"));
			json_object_set_new(c, "question_list", events_question_list(r,
			    json_object_get(c, "questions"), form, errors));
			json_decref(form);
			form = NULL;
			listed = 1;
		}
	}
	json_object_set_new(c, "can_apply", json_boolean(may));
	json_object_set_new(c, "sign_in", json_boolean(!r->user && accepting));
	if (!listed)
		json_object_set_new(c, "question_list", events_question_list(r,
		    json_object_get(c, "questions"), form, errors));
	if (a && strcmp(json_string_value(json_object_get(a, "status")), "draft") == 0)
		files_on_form(r, json_object_get(c, "question_list"), a, id);
	json_object_set_new(c, "max_mb", json_integer((json_int_t)(http_upload_max(
	    &r->app->cfg, UPLOAD_RESOURCE) >> 20)));
	if (r->user && orgs_of_person(req_db(r), r->user->id, &orgs) == WS_OK)
		json_array_foreach(orgs, i, o)
			if (json_is_true(json_object_get(o, "admin")))
				json_array_append_new(choices, json_pack("{s:O,s:O,s:b}", "id",
				    json_object_get(o, "id"), "name", json_object_get(o, "name"),
				    "selected", json_integer_value(json_object_get(o, "id")) == org));
	json_object_set_new(c, "org_choices", choices);
	choices = NULL;
out:
	json_decref(a);
	json_decref(orgs);
	json_decref(choices);
	return rc;
}

enum ws_err
call_page_one(struct req *r, json_t *c, int64_t id)
{
	return page_one(r, c, id, NULL, NULL, 0);
}

/* ---- the forms ------------------------------------------------------------ */

/* The application to call id r's caller acts for (acted_for's, org as
 * there): its id, 0 when none. */
static int64_t
own_id(struct req *r, int64_t id, int64_t org, const char **status)
{
	json_t *a = NULL;
	int64_t aid = 0;

	*status = NULL;
	if (acted_for(r, id, org, &a) == WS_OK && a) {
		aid = json_integer_value(json_object_get(a, "id"));
		*status = strcmp(json_string_value(json_object_get(a, "status")), "draft") == 0 ?
		    "draft" : "other";
	}
	json_decref(a);
	return aid;
}

/* Whether r chose a file on the form. */
static int
files_chosen(struct req *r)
{
	int i;

	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].filename && *r->files[i].filename)
			return 1;
	return 0;
}

enum ws_err
h_call_apply_form(struct req *r, struct resp *w)
{
	json_t *view = NULL, *typed = json_object(), *answers = NULL, *in;
	const char *status = json_string_value(json_object_get(r->in, "status"));
	const char *org_s = json_string_value(json_object_get(r->in, "organization_id"));
	const char *had;
	int64_t id, org = 0, aid;
	enum ws_err rc;

	if ((rc = h_call(r, w)) != WS_OK)	/* the call as its page shows it */
		goto out;
	view = json_incref(w->val);
	id = json_integer_value(json_object_get(view, "id"));
	answers = events_form_answers(r, json_object_get(view, "questions"), typed);
	if (org_s && *org_s && parse_int(org_s, 1, INT64_MAX, &org) != WS_OK)
		org = -1;	/* nobody's: refused as such */
	in = json_pack("{s:O,s:s}", "answers", answers, "status", status &&
	    strcmp(status, "submitted") == 0 ? "submitted" : "draft");
	json_object_set_new(in, "organization_id", org ? json_integer(org) : json_null());
	json_decref(r->in);
	r->in = in;
	json_decref(w->val);
	w->val = NULL;
	w->tpl = NULL;
	/* a draft there is is saved or submitted; otherwise a new one */
	/* for an organization: its draft, if another admin started it */
	aid = own_id(r, id, org > 0 ? org : -1, &had);
	if (aid && strcmp(had, "draft") == 0) {
		r->params[1] = arena_printf(r->a, "%lld", (long long)aid);
		rc = h_call_app_edit(r, w);
	} else {
		rc = h_call_apply(r, w);
	}
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/calls/%lld#application", (long long)id));
		goto out;
	}
	if (rc != WS_EINVAL && rc != WS_ECONFLICT && rc != WS_EFORBIDDEN && rc != WS_ETOOBIG &&
	    rc != WS_EMEDIA)
		goto out;
	/* refused: the call's page again, with why and what was typed; a file
	 * chosen cannot be kept by the browser */
	if (page_one(r, view, id, typed, w->errors, org) != WS_OK)
		goto out;
	if (files_chosen(r))
		json_object_set_new(view, "files_dropped", json_true());
	app_form_again(r, w, view, rc, N_("Some answers need your attention."), "call",
	    N_("Call for participants"));
out:
	json_decref(view);
	json_decref(typed);
	json_decref(answers);
	return rc;
}

enum ws_err
h_call_withdraw_form(struct req *r, struct resp *w)
{
	const char *had;
	int64_t id, aid;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((aid = own_id(r, id, 0, &had)) == 0)	/* the one the page shows */
		return WS_ENOTFOUND;
	r->params[1] = arena_printf(r->a, "%lld", (long long)aid);
	json_decref(r->in);
	r->in = json_pack("{s:s}", "status", "withdrawn");
	if ((rc = h_call_app_edit(r, w)) != WS_OK)
		return rc;
	json_decref(w->val);
	w->val = NULL;
	resp_redirect(w, arena_printf(r->a, "/calls/%lld#application", (long long)id));
	return WS_OK;
}

/* ---- staff's page ------------------------------------------------------------ */

/* A weighted mean (0-5) as text: "4.25". */
static json_t *
two_places(json_t *x)
{
	char s[24];

	snprintf(s, sizeof s, "%.2f", json_number_value(x));
	return json_string(s);
}

/* Adds to staff's list value val (h_call_apps') of stored call c what the
 * page shows: the call, counts by status, each application's answers by
 * question, its scores in words and the reader's scoring form. */
static enum ws_err
staff_page(struct req *r, json_t *val, json_t *c, int64_t id)
{
	static const char *const shown[] = { "submitted", "accepted", "waitlisted", "declined",
		"withdrawn", "draft", NULL };
	const char *st = req_qstr(r, "status");
	json_t *call = call_view(r, c), *counts = json_object_get(json_object_get(val, "facets"),
	    "status"), *statuses = json_array(), *a, *q, *k;
	size_t i, j, m;

	page_call(r, call);
	json_object_set_new(val, "call", call);
	json_object_set(val, "criteria", json_object_get(c, "criteria"));
	for (i = 0; shown[i]; i++)
		json_array_append_new(statuses, json_pack("{s:s,s:s,s:I,s:b}", "status", shown[i],
		    "label", label_of(r, shown[i]), "count", json_integer_value(json_object_get(counts,
		    shown[i])), "selected", strcmp(st, shown[i]) == 0));
	json_object_set_new(val, "statuses", statuses);
	json_object_set_new(val, "filter_status", json_string(st));
	json_object_set_new(val, "by_score", json_boolean(strcmp(req_qstr(r, "sort"),
	    "score") == 0));
	json_array_foreach(json_object_get(val, "items"), i, a) {
		json_t *list = json_array(), *fields = json_array(), *mine = NULL, *rv, *score;
		const char *s;

		json_object_set_new(a, "status_label", json_string(label_of(r, json_string_value(
		    json_object_get(a, "status")))));
		json_array_foreach(json_object_get(c, "questions"), j, q) {
			json_t *x = json_object_get(json_object_get(a, "answers"),
			    json_string_value(json_object_get(q, "id"))), *f;
			size_t n;

			/* a file question's answer: its file, a link to it */
			json_array_foreach(json_object_get(a, "files"), n, f)
				if (strcmp(json_string_value(json_object_get(f, "question")),
				    json_string_value(json_object_get(q, "id"))) == 0)
					json_array_append_new(list, json_pack("{s:O,s:O,s:s}", "label",
					    json_object_get(q, "label"), "file", json_object_get(f, "name"),
					    "href", file_href(r, id, json_integer_value(json_object_get(a,
					    "id")), json_string_value(json_object_get(f, "question")))));
			if (!x)
				continue;
			json_array_append_new(list, json_pack("{s:O,s:s}", "label", json_object_get(q,
			    "label"), "answer", json_is_true(x) ? tr(r, N_("Yes")) : json_is_false(x) ?
			    tr(r, N_("No")) : (s = json_string_value(x)) ? s : ""));
		}
		json_object_set_new(a, "answer_list", list);
		if ((score = json_object_get(a, "score")) && json_is_object(score)) {
			json_object_set_new(score, "mean_text", two_places(json_object_get(score,
			    "mean")));
			json_object_set_new(score, "spread_text", two_places(json_object_get(score,
			    "spread")));
		}
		json_array_foreach(json_object_get(a, "scores"), j, rv) {
			json_object_set_new(rv, "weighted_text", two_places(json_object_get(rv,
			    "weighted")));
			if (json_integer_value(json_object_get(rv, "reviewer_id")) == r->user->id)
				mine = rv;
		}
		json_object_set(a, "reviews", json_object_get(a, "scores"));
		json_object_set_new(a, "my_comment", json_string(json_string_value(json_object_get(
		    mine, "comment")) ? json_string_value(json_object_get(mine, "comment")) : ""));
		json_array_foreach(json_object_get(c, "criteria"), j, k) {
			const char *cid = json_string_value(json_object_get(k, "id"));
			json_t *opts = json_array(), *was = json_object_get(json_object_get(mine,
			    "scores"), cid);

			for (m = 0; m <= CALL_SCORE_MAX; m++)
				json_array_append_new(opts, json_pack("{s:I,s:b}", "v", (json_int_t)m,
				    "selected", json_is_integer(was) && json_integer_value(was) ==
				    (json_int_t)m));
			json_array_append_new(fields, json_pack("{s:s,s:O,s:O,s:O,s:o}", "id", cid,
			    "app", json_object_get(a, "id"), "name", json_object_get(k, "name"), "weight",
			    json_object_get(k, "weight"), "options", opts));
		}
		json_object_set_new(a, "score_fields", fields);
		s = json_string_value(json_object_get(a, "status"));
		json_object_set_new(a, "scorable", json_boolean(strcmp(s, "draft") != 0 &&
		    strcmp(s, "withdrawn") != 0));
		json_object_set_new(a, "call_id", json_integer(id));
	}
	return WS_OK;
}

enum ws_err
h_staff_call_apps(struct req *r, struct resp *w)
{
	json_t *c = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	if ((rc = h_call_apps(r, w)) == WS_OK) {
		json_object_set_new(w->val, "call", call_view(r, c));
		if (!r->api)
			rc = staff_page(r, w->val, c, id);
		w->tpl = "staff_call_applications";
		w->title = N_("Applications");
	}
	json_decref(c);
	return rc;
}

/* A decision's result in words (result x of decision). */
static const char *
result_label(struct req *r, json_t *x)
{
	if (!json_is_true(json_object_get(x, "ok")))
		return json_string_value(json_object_get(x, "reason"));
	return label_of(r, json_string_value(json_object_get(x, "status")));
}

/* Staff's page again after a form (what h_call_decisions or
 * h_call_app_score answered in w, rc), with the results or why not. */
static enum ws_err
staff_again(struct req *r, struct resp *w, enum ws_err rc)
{
	json_t *done = NULL, *x;
	const char *why = rc == WS_OK ? NULL : rc == WS_EINVAL ? tr(r, N_("Some fields need "
	    "your attention.")) : tr(r, w->detail ? w->detail : "");
	size_t i;

	if (rc != WS_OK && rc != WS_EINVAL && rc != WS_ECONFLICT)
		return rc;
	if (rc == WS_OK && json_object_get(w->val, "results"))
		done = json_incref(w->val);
	json_decref(w->val);
	w->val = NULL;
	json_decref(w->errors);
	w->errors = NULL;
	w->detail = NULL;
	json_decref(r->in);
	r->in = json_object();
	if ((rc = h_staff_call_apps(r, w)) != WS_OK) {
		json_decref(done);
		return rc;
	}
	if (done) {
		json_array_foreach(json_object_get(done, "results"), i, x)
			json_object_set_new(x, "label", json_string(result_label(r, x)));
		json_object_set_new(w->val, "decided", done);
	}
	if (why) {
		json_object_set_new(w->val, "problem", json_string(why));
		w->status = 422;
	}
	return WS_OK;
}

enum ws_err
h_staff_call_decide(struct req *r, struct resp *w)
{
	json_t *in = json_object_get(r->in, "ids"), *ids = json_array(), *x;
	int64_t n;
	size_t i;

	/* a form sends ids as text, one or repeated */
	if (json_is_string(in) && parse_int(json_string_value(in), 1, INT64_MAX, &n) == WS_OK)
		json_array_append_new(ids, json_integer(n));
	json_array_foreach(in, i, x)
		if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &n) == WS_OK)
			json_array_append_new(ids, json_integer(n));
	json_object_set_new(r->in, "ids", ids);
	return staff_again(r, w, h_call_decisions(r, w));
}

enum ws_err
h_staff_call_score(struct req *r, struct resp *w)
{
	json_t *scores, *c = NULL, *k;
	int64_t id, n;
	enum ws_err rc;
	size_t i;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	scores = json_object();
	/* the form's scores.<criterion> fields as the API's scores */
	json_array_foreach(json_object_get(c, "criteria"), i, k) {
		const char *cid = json_string_value(json_object_get(k, "id"));
		const char *s = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "scores.%s", cid)));

		if (s && parse_int(s, 0, CALL_SCORE_MAX, &n) == WS_OK)
			json_object_set_new(scores, cid, json_integer(n));
	}
	json_decref(c);
	json_object_set_new(r->in, "scores", scores);
	rc = h_call_app_score(r, w);
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		resp_redirect(w, arena_printf(r->a, "/staff/calls/%lld/applications#a%s",
		    (long long)id, r->params[1]));
		return WS_OK;
	}
	return staff_again(r, w, rc);
}
