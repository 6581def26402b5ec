/*
 * nominations.c -- delegates organizations nominate to a session (issue
 * 16): GET and POST /api/v1/meetings/{id}/nominations, staff's decisions
 * on them, and the approved list as the registration desks use it (CSV,
 * and `whatson export delegates --session ID`).
 *
 * An admin of an organization nominates its delegates: name, title,
 * address, nationality, the name as the passport writes it, whether a
 * visa support letter is needed, in person or online.  What is checked,
 * in this order, each refusal saying why and nothing written: the caller
 * is an admin of the organization (403), the organization meets the
 * session's rule (403 naming it), the window is open now (409 saying
 * whether it opens later, closed or is not set, or that the session is
 * cancelled), the delegate's fields
 * (422 naming each), the organization's number of delegates (409 saying
 * how many it has), and the same address nominated twice for the session
 * (409).  The number and the address are counted under a lock on the
 * session, so two admins at once cannot pass the number between them.
 * Staff approve or decline each pending nomination (a reason to decline);
 * the delegate and the organization's admins now are mailed, and each step
 * is in the organization's history.  Who is not an admin of an organization
 * now, or whose organization is rejected or suspended, sees none of its
 * nominations.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/directory/directory.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const attendances[] = { "in_person", "online", NULL };
static const char *const nom_statuses[] = { "pending", "approved", "declined", NULL };
static const char *const decisions[] = { "approve", "decline", NULL };

#define MTG_NOM_REASON_MAX 2000	/* bytes of staff's reason */
#define MTG_DECIDE_MAX 500	/* nominations one decision takes */

const struct field mtg_q_noms[] = {
	{ "status", FT_CHOICE, 0, 0, 0, nom_statuses, NULL,
	    N_("The status must be pending, approved or declined.") },
	{ "organization", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Not an organization.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

static const struct field nom_fields[] = {
	{ "organization_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL,
	    N_("Say which organization nominates.") },
	{ "name", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "title", FT_LINE, 0, 0, 200, NULL, NULL, NULL },
	{ "email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL },
	{ "nationality", FT_CHOICE, 1, 0, 0, NULL, country_valid,
	    N_("Choose a country from the list.") },
	{ "passport_name", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "visa_letter", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
	{ "attendance", FT_CHOICE, 1, 0, 0, attendances, NULL,
	    N_("Choose in person or online.") },
};
#define NOM_NFIELDS (sizeof nom_fields / sizeof nom_fields[0])

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* Stored nomination n as the API gives it.  New reference.  Staff's view
 * also says how many other organizations nominated the same address to
 * the session (an address is unique only within an organization; the
 * organizations themselves are never told of each other). */
static json_t *
nom_view(struct req *r, json_t *n)
{
	json_t *o = json_deep_copy(n);
	int64_t count = 0;
	int approved = 0;

	if (r->user->role >= ROLE_STAFF && mtg_nom_elsewhere(req_db(r), json_integer_value(
	    json_object_get(n, "id")), &count, &approved) == WS_OK)
		json_object_set_new(o, "nominated_elsewhere", json_integer(count));

	json_object_set_new(o, "created_at", mtg_utc_or_null(json_object_get(n, "created_at")));
	json_object_set_new(o, "decided_at", mtg_utc_or_null(json_object_get(n, "decided_at")));
	return o;
}

/* The session of r's {id} that r's caller may see, stored (new
 * reference); WS_ENOTFOUND otherwise. */
static enum ws_err
session_param(struct req *r, int64_t *id, json_t **s)
{
	struct mtg_viewer v;

	*s = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	mtg_viewer_of(r, &v);
	return mtg_get(req_db(r), &v, *id, s);
}

/* ---- the list ---------------------------------------------------------------- */

enum ws_err
h_meeting_nominations(struct req *r, struct resp *w)
{
	int staff = r->user->role >= ROLE_STAFF;
	struct mtg_nom_filter f = { "", 0 };
	json_t *s = NULL, *rows = NULL, *items, *n;
	int64_t id, page, total = 0;
	int per_page;
	enum ws_err rc;
	size_t i;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	json_decref(s);
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	f.status = req_qstr(r, "status");
	f.org = req_qint(r, "organization", 0);
	/* a delegate's own by their address: only once the address is theirs
	 * (confirmed), or anyone could sign up as a delegate and read them */
	if ((rc = mtg_nom_list(req_db(r), id, staff ? 0 : r->user->id, staff ||
	    !r->user->verified_at ? "" : r->user->email, &f, page, per_page, &rows, &total)) !=
	    WS_OK)
		return rc;
	items = json_array();
	json_array_foreach(rows, i, n)
		json_array_append_new(items, nom_view(r, n));
	json_decref(rows);
	resp_value(w, app_list_value(items, page, per_page, total));
	return WS_OK;
}

/* ---- nominating ------------------------------------------------------------------ */

/* Whether r's caller is an admin of organization org now. */
static enum ws_err
admin_of(struct req *r, int64_t org, int *admin)
{
	json_t *mine = NULL, *o;
	enum ws_err rc;
	size_t i;

	*admin = 0;
	if ((rc = orgs_of_person(req_db(r), r->user->id, &mine)) != WS_OK)
		return rc;
	json_array_foreach(mine, i, o)
		if (json_integer_value(json_object_get(o, "id")) == org &&
		    json_is_true(json_object_get(o, "admin")))
			*admin = 1;
	json_decref(mine);
	return WS_OK;
}

/* The rule of stored session s that an organization does not meet, in
 * words (English, to translate). */
static const char *
rule_refused(json_t *s)
{
	const char *rule = json_string_value(json_object_get(s, "eligibility"));

	if (rule && strcmp(rule, "ecosoc") == 0)
		return N_("This session is open to organizations in consultative status with the "
		    "Economic and Social Council; your organization has no such status.");
	if (rule && strcmp(rule, "invited") == 0)
		return N_("This session is open to the organizations staff invited; your "
		    "organization is not among them.");
	return N_("This session is open to approved member organizations; your organization "
	    "is not one now.");
}

/* Whether stored session s takes nominations at now: WS_OK, or
 * WS_ECONFLICT with w->detail saying when (a cancelled session takes
 * none). */
static enum ws_err
window_open(struct req *r, struct resp *w, json_t *s, int64_t now)
{
	json_t *opens = json_object_get(s, "nominations_opens_at");
	json_t *closes = json_object_get(s, "nominations_closes_at");
	const char *zone = json_string_value(json_object_get(s, "timezone"));
	const char *status = json_string_value(json_object_get(s, "status"));
	json_t *t;

	if (status && strcmp(status, "cancelled") == 0) {
		w->detail = N_("This session is cancelled: it takes no nominations.");
		return WS_ECONFLICT;
	}
	if (!json_is_integer(closes)) {
		w->detail = N_("This session takes no nominations yet: staff have not set when.");
		return WS_ECONFLICT;
	}
	if (json_is_integer(opens) && now < json_integer_value(opens)) {
		t = events_when(r, zone, json_integer_value(opens));
		w->detail = mtg_sub(r, N_("Nominations for this session open on {{when}}."), "when",
		    arena_strdup(r->a, json_string_value(json_object_get(t, "text"))));
		json_decref(t);
		return WS_ECONFLICT;
	}
	if (now >= json_integer_value(closes)) {
		t = events_when(r, zone, json_integer_value(closes));
		w->detail = mtg_sub(r, N_("Nominations for this session closed on {{when}}."), "when",
		    arena_strdup(r->a, json_string_value(json_object_get(t, "text"))));
		json_decref(t);
		return WS_ECONFLICT;
	}
	return WS_OK;
}

/* Mails the delegate of stored nomination n of stored session s (n's
 * status now) and the people who speak for its organization now, in the
 * caller's transaction. */
static enum ws_err
mail_decision(struct req *r, struct db *d, json_t *s, json_t *n)
{
	const char *status = json_string_value(json_object_get(n, "status"));
	const char *email = json_string_value(json_object_get(n, "email"));
	json_t *to, *who;
	enum ws_err rc;
	size_t k;

	if ((rc = org_admin_recipients(r, d, json_integer_value(json_object_get(n,
	    "organization_id")), &to)) != WS_OK)
		return rc;
	/* the delegate first, once, in the hub's language */
	json_array_foreach(to, k, who)
		if (strcasecmp(json_string_value(json_object_get(who, "email")), email) == 0)
			json_array_remove(to, k--);
	json_array_insert_new(to, 0, json_pack("{s:s,s:O,s:s}", "email", email, "name",
	    json_object_get(n, "name"), "lang", app_mail_lang(r->app, NULL, NULL)));
	json_array_foreach(to, k, who) {
		const char *lang = json_string_value(json_object_get(who, "lang"));
		const char *heading;
		struct buf body;
		json_t *ctx;

		heading = arena_printf(r->a, "%s, %s", strcmp(lang, "fr") == 0 &&
		    *json_string_value(json_object_get(s, "body_name_fr")) ?
		    json_string_value(json_object_get(s, "body_name_fr")) :
		    json_string_value(json_object_get(s, "body_name_en")),
		    json_string_value(json_object_get(s, "title")));
		ctx = json_pack("{s:O,s:s,s:O,s:O,s:s,s:b}", "name", json_object_get(who, "name"),
		    "site", r->app->cfg.org_name, "delegate", json_object_get(n, "name"),
		    "organization", json_object_get(n, "organization"), "session", heading,
		    status, 1);
		if (*json_string_value(json_object_get(n, "reason")))
			json_object_set(ctx, "reason", json_object_get(n, "reason"));
		buf_init(&body, 64 * 1024);
		rc = view_render(r->app->views, "mail_nomination_decision", ctx, lang, &body);
		if (rc == WS_OK)
			rc = app_mail(r->app, d, json_string_value(json_object_get(who, "email")),
			    view_tr(r->app->views, lang, strcmp(status, "approved") == 0 ?
			    N_("A delegate's nomination is approved") :
			    N_("About a delegate's nomination")), buf_str(&body));
		buf_free(&body);
		json_decref(ctx);
		if (rc != WS_OK)
			break;
	}
	json_decref(to);
	return rc;
}

/* The entry of nomination nid of session id in organization org's history. */
static void
history(struct req *r, struct db *d, json_t *s, int64_t org, const char *action,
    const char *delegate, int64_t nid)
{
	org_history_add(r->app, d, org, r->user->id, 0, action, r->ip, arena_printf(r->a,
	    "session %lld: %s, %s (nomination %lld: %s)",
	    (long long)json_integer_value(json_object_get(s, "id")),
	    json_string_value(json_object_get(s, "body_name_en")),
	    json_string_value(json_object_get(s, "title")), (long long)nid, delegate));
}

enum ws_err
h_meeting_nominate(struct req *r, struct resp *w)
{
	json_t *s = NULL, *values = NULL, *errors = NULL, *org = NULL, *n = NULL;
	struct db *d = req_db(r);
	int64_t id, oid = 0, nid = 0, have = 0, other = 0;
	int admin = 0;
	enum ws_err rc;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	/* the calls' rule: an address nobody confirmed keeps nothing */
	if (!r->user->verified_at) {
		w->detail = N_("Confirm your email address before applying.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (form_check(r, nom_fields, NOM_NFIELDS, &values, &errors) != WS_OK &&
	    json_object_get(errors, "organization_id")) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	/* who: an admin of an organization that meets the session's rule */
	oid = json_integer_value(json_object_get(values, "organization_id"));
	if ((rc = admin_of(r, oid, &admin)) != WS_OK)
		goto out;
	if (!admin) {
		w->detail = N_("Only an admin of the organization may nominate its delegates.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = org_load(d, oid, &org)) != WS_OK)
		goto out;
	if (!mtg_org_eligible(s, org)) {
		w->detail = rule_refused(s);
		rc = WS_EFORBIDDEN;
		goto out;
	}
	/* when, then what */
	if ((rc = window_open(r, w, s, now_s())) != WS_OK)
		goto out;
	if (errors) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_lock(d, id)) != WS_OK ||
	    (rc = mtg_nom_org_count(d, id, oid, &have)) != WS_OK ||
	    (rc = mtg_nom_same_email(d, id, oid, json_string_value(json_object_get(values,
	    "email")), &other)) != WS_OK)
		goto rollback;
	if (have >= json_integer_value(json_object_get(s, "delegates_max"))) {
		w->detail = mtg_sub(r, N_("Your organization has nominated {{n}} delegates to this "
		    "session, the most it takes."), "n", arena_printf(r->a, "%lld", (long long)have));
		rc = WS_ECONFLICT;
		goto rollback;
	}
	if (other) {
		w->detail = N_("Your organization has nominated this person to this session "
		    "already.");
		w->errors = json_pack("{s:s}", "email", tr(r, w->detail));
		rc = WS_ECONFLICT;
		goto rollback;
	}
	if ((rc = mtg_nom_insert(d, id, oid, r->user->id, values, &nid)) != WS_OK)
		goto rollback;
	history(r, d, s, oid, "meeting.nominated", json_string_value(json_object_get(values,
	    "name")), nid);
	if ((rc = db_commit(d)) != WS_OK)
		goto rollback;
	if ((rc = mtg_nom_get(d, id, nid, &n)) != WS_OK)
		goto out;
	resp_value(w, nom_view(r, n));
	w->status = 201;
	goto out;
rollback:
	db_rollback(d);
out:
	json_decref(s);
	json_decref(values);
	json_decref(errors);
	json_decref(org);
	json_decref(n);
	return rc;
}

/* ---- staff decide ----------------------------------------------------------------- */

struct nom_decision {
	int64_t id;
	json_t *s;		/* the session, stored */
	const char *status;	/* "approved" or "declined" */
	const char *reason;
};

/* One nomination decided (app_decide_fn). */
static enum ws_err
decide_one(struct req *r, struct db *d, int64_t nid, void *ctx, const char **now,
    const char **why, const char **name)
{
	const struct nom_decision *x = ctx;
	json_t *n = NULL;
	int done = 0;
	enum ws_err rc;

	if ((rc = mtg_nom_get(d, x->id, nid, &n)) == WS_ENOTFOUND) {
		*why = N_("There is no such nomination to this session.");
		return WS_ECONFLICT;
	}
	if (rc != WS_OK)
		return rc;
	*name = arena_strdup(r->a, json_string_value(json_object_get(n, "name")));
	/* one person, one badge: the address may be nominated by several
	 * organizations, but approved for one */
	if (strcmp(x->status, "approved") == 0) {
		int64_t count;
		int approved;

		/* the session's row lock: two approvals at once see each other */
		if ((rc = mtg_lock(d, x->id)) != WS_OK ||
		    (rc = mtg_nom_elsewhere(d, nid, &count, &approved)) != WS_OK)
			goto out;
		if (approved) {
			*why = N_("This person is an approved delegate of another organization to "
			    "this session already.");
			rc = WS_ECONFLICT;
			goto out;
		}
	}
	if ((rc = mtg_nom_decide(d, nid, x->status, x->reason, r->user->id, &done)) != WS_OK)
		goto out;
	if (!done) {
		*why = N_("This nomination was decided already.");
		rc = WS_ECONFLICT;
		goto out;
	}
	json_object_set_new(n, "status", json_string(x->status));
	json_object_set_new(n, "reason", json_string(x->reason));
	history(r, d, x->s, json_integer_value(json_object_get(n, "organization_id")),
	    strcmp(x->status, "approved") == 0 ? "meeting.nomination_approved" :
	    "meeting.nomination_declined", *name, nid);
	if ((rc = mail_decision(r, d, x->s, n)) == WS_OK)
		*now = x->status;
out:
	json_decref(n);
	return rc;
}

enum ws_err
mtg_nom_decide_all(struct req *r, struct resp *w, int64_t id, json_t *s, json_t **out)
{
	json_t *ids, *x, *errors = json_object();
	const char *decision, *reason;
	struct nom_decision nd;
	enum ws_err rc = WS_OK;
	size_t i;

	*out = NULL;
	ids = json_object_get(r->in, "ids");
	decision = json_string_value(json_object_get(r->in, "decision"));
	reason = json_string_value(json_object_get(r->in, "reason"));
	if (!json_is_array(ids) || json_array_size(ids) == 0 ||
	    json_array_size(ids) > MTG_DECIDE_MAX)
		json_object_set_new(errors, "ids", json_string(tr(r, N_("List the nominations "
		    "to decide by their ids (1 to 500)."))));
	else
		json_array_foreach(ids, i, x)
			if (!json_is_integer(x) && !json_object_get(errors, "ids"))
				json_object_set_new(errors, "ids", json_string(tr(r, N_("List the "
				    "nominations to decide by their ids (1 to 500)."))));
	for (i = 0; decision && decisions[i]; i++)
		if (strcmp(decision, decisions[i]) == 0)
			break;
	if (!decision || !decisions[i])
		json_object_set_new(errors, "decision", json_string(tr(r, N_("The decision is "
		    "approve or decline."))));
	if (json_object_get(r->in, "reason") && (!reason || strlen(reason) >
	    MTG_NOM_REASON_MAX || !utf8_valid_text(reason, strlen(reason), 1)))
		json_object_set_new(errors, "reason", json_string(tr(r, N_("The reason is text "
		    "of at most 2000 characters."))));
	else if (decision && strcmp(decision, "decline") == 0 && (!reason || !*reason))
		json_object_set_new(errors, "reason", json_string(tr(r, N_("Say why the "
		    "nomination is declined: the organization reads it."))));
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	nd.id = id;
	nd.s = s;
	nd.status = strcmp(decision, "approve") == 0 ? "approved" : "declined";
	nd.reason = reason ? reason : "";
	if ((rc = app_decide_each(r, ids, decide_one, &nd, out)) != WS_OK)
		goto out;
	json_object_set_new(*out, "meeting_id", json_integer(id));
	json_object_set_new(*out, "decision", json_string(decision));
out:
	json_decref(errors);
	return rc;
}

enum ws_err
h_meeting_nomination_decisions(struct req *r, struct resp *w)
{
	json_t *s = NULL, *done = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		goto out;
	if ((rc = mtg_nom_decide_all(r, w, id, s, &done)) != WS_OK)
		goto out;
	resp_value(w, done);
	done = NULL;
out:
	json_decref(s);
	json_decref(done);
	return rc;
}

/* ---- the registration desks' list ------------------------------------------------- */

/* Session id's approved delegates as CSV, header first, into out. */
static enum ws_err
desk_csv(struct db *d, int64_t id, struct buf *out)
{
	static const char *const head[] = { "organization", "ecosoc_status", "delegate",
		"title", "nationality", "visa_letter", NULL };
	json_t *rows = NULL, *x;
	enum ws_err rc;
	size_t i, k;

	rc = buf_adds(out, "\xEF\xBB\xBF");
	for (k = 0; rc == WS_OK && head[k]; k++)
		rc = dir_csv_cell(out, head[k], k == 0);
	if (rc == WS_OK)
		rc = buf_adds(out, "\r\n");
	if (rc == WS_OK)
		rc = mtg_nom_desk(d, id, &rows);
	json_array_foreach(rows, i, x) {
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_string_value(json_object_get(x, "organization")),
			    1);
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_string_value(json_object_get(x, "ecosoc_status")),
			    0);
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_string_value(json_object_get(x, "name")), 0);
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_string_value(json_object_get(x, "title")), 0);
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_string_value(json_object_get(x, "nationality")),
			    0);
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_is_true(json_object_get(x, "visa_letter")) ?
			    "yes" : "no", 0);
		if (rc == WS_OK)
			rc = buf_adds(out, "\r\n");
	}
	json_decref(rows);
	return rc;
}

enum ws_err
h_meeting_delegates_csv(struct req *r, struct resp *w)
{
	json_t *s = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	json_decref(s);
	if ((rc = desk_csv(req_db(r), id, &w->raw)) != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"session-%lld-delegates.csv\"", (long long)id));
	resp_header(w, "Cache-Control", "no-store");
	return WS_OK;
}

enum ws_err
meetings_delegates_export(struct db *d, int64_t id, FILE *f)
{
	static const struct mtg_viewer staff = { 1, 1 };
	struct buf out;
	json_t *s = NULL;
	enum ws_err rc;

	if ((rc = mtg_get(d, &staff, id, &s)) != WS_OK)
		return rc;
	json_decref(s);
	buf_init(&out, 256 * 1024 * 1024);
	rc = desk_csv(d, id, &out);
	if (rc == WS_OK && fwrite(buf_str(&out), 1, out.len, f) != out.len)
		rc = WS_EIO;
	buf_free(&out);
	return rc;
}

/* ---- shared with side events and requests to speak ----------------------------- */

enum ws_err
mtg_admin_of(struct req *r, int64_t org, int *admin)
{
	json_t *mine = NULL, *o;
	enum ws_err rc;
	size_t i;

	*admin = 0;
	if ((rc = orgs_of_person(req_db(r), r->user->id, &mine)) != WS_OK)
		return rc;
	json_array_foreach(mine, i, o) {
		const char *st = json_string_value(json_object_get(o, "status"));

		if (json_integer_value(json_object_get(o, "id")) == org &&
		    json_is_true(json_object_get(o, "admin")) && st &&
		    strcmp(st, "rejected") != 0 && strcmp(st, "suspended") != 0)
			*admin = 1;
	}
	json_decref(mine);
	return WS_OK;
}

const char *
mtg_rule_refused(json_t *s)
{
	return rule_refused(s);
}

