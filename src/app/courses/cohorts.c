/*
 * cohorts.c -- the cohorts that run a course (issue 18, part 2) and who
 * is enrolled in them.
 *
 * A cohort has a course, a title ("Second cohort, 2027"), a time zone, a
 * start and an end, a window of enrolment (opening and closing times; none
 * set: open from its making until it ends), tutors (staff) and, when a
 * call of kind course_cohort fills it, that call.  Who sees a cohort is
 * who sees its course (a draft course's are staff's: 404).
 *
 * A person is enrolled once in a cohort, in one of three ways:
 *
 *   staff   POST /api/v1/cohorts/{id}/enrolments {user_id}: any time, and
 *           the person is mailed (in their language);
 *   self    the same POST with no user_id, by a member whose address is
 *           confirmed (403 otherwise, as for calls), when the course
 *           allows self-enrolment (403 otherwise), no call fills the
 *           cohort (403: its people come through the call's selection)
 *           and the window is open at the server's clock (409 before or
 *           after it);
 *   call    an applicant accepted by a call of kind course_cohort that a
 *           cohort names, in the decision's transaction
 *           (courses_enrol_from_call, from src/app/calls/review.c), whose
 *           own mail says so.
 *
 * Enrolling someone enrolled already changes nothing (a 200 with the
 * enrolment; a new one is a 201).  Each enrolment is one transaction that
 * first takes the cohort (a row lock on PostgreSQL), and is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/buf.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define CRS_COHORTS_MAX 200	/* cohorts a list gives */

const struct field crs_q_cohorts[] = {
	{ "course", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Not a course number.") },
	FIELDS_END
};

static int
zone_ok(const char *s)
{
	const struct tz *z;

	return tz_get(s, &z) == WS_OK;
}

static const struct field cohort_fields[] = {
	{ "course_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Not a course number.") },
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "timezone", FT_CHOICE, 1, 0, 0, NULL, zone_ok,
	    N_("Choose a time zone of the tz database, such as Europe/Vienna.") },
	{ "start", FT_LINE, 1, 1, 40, NULL, NULL, NULL },
	{ "end", FT_LINE, 1, 1, 40, NULL, NULL, NULL },
	{ "enrolment_opens", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "enrolment_closes", FT_LINE, 0, 0, 40, NULL, NULL, NULL },
	{ "call_id", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Not a call number.") },
};
static const char *const cohort_names[] = { "course_id", "title", "timezone", "start", "end",
	"enrolment_opens", "enrolment_closes", "call_id", "tutors", NULL };

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static void
fail(struct req *r, json_t *errors, const char *name, const char *msg)
{
	if (!json_object_get(errors, name))
		json_object_set_new(errors, name, json_string(tr(r, msg)));
}

static int
is_staff(struct req *r)
{
	return r->user && r->user->role >= ROLE_STAFF;
}

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

/* ---- the check -------------------------------------------------------------- */

static const char *const time_bad = N_("Enter a date and time like 2027-03-01T09:00 (in "
    "the cohort's time zone) or 2027-03-01T09:00:00+01:00.");
static const char *const time_gap = N_("That time does not exist in the cohort's time "
    "zone: the clocks go forward then.");

/* The tutors sent (absent, or an array of ids of staff, each once), or
 * NULL when they are not. */
static json_t *
tutors_of(struct req *r, json_t *in)
{
	json_t *x;
	struct user u;
	size_t i, j;

	if (!in || json_is_null(in))
		return json_array();
	if (!json_is_array(in) || json_array_size(in) > CRS_TUTORS_MAX)
		return NULL;
	json_array_foreach(in, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1)
			return NULL;
		for (j = 0; j < i; j++)
			if (json_integer_value(json_array_get(in, j)) == json_integer_value(x))
				return NULL;
		if (user_by_id(req_db(r), r->a, json_integer_value(x), &u) != WS_OK ||
		    u.role < ROLE_STAFF)
			return NULL;
	}
	return json_incref(in);
}

/* The one check of a cohort (API and, later, a staff form): in as values
 * to store, a message per field in *errors (NULL when none). */
static enum ws_err
cohort_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	json_t *was = r->in, *vals = NULL, *errs = NULL, *x, *c = NULL;
	const struct tz *z = NULL;
	const char *zone;
	char kind[40];

	*values = *errors = NULL;
	r->in = in;
	if (form_check(r, cohort_fields, sizeof cohort_fields / sizeof cohort_fields[0], &vals,
	    &errs) == WS_OK || !errs)
		errs = json_object();
	r->in = was;
	if (!vals) {
		json_decref(errs);
		return WS_EDB;
	}
	x = json_object_get(vals, "course_id");
	if (json_is_integer(x) && crs_get(req_db(r), json_integer_value(x), 1, &c) != WS_OK)
		fail(r, errs, "course_id", N_("There is no course with this number."));
	json_decref(c);
	x = json_object_get(vals, "call_id");
	if (json_is_integer(x) && (crs_call_kind(req_db(r), json_integer_value(x), kind,
	    sizeof kind) != WS_OK || strcmp(kind, "course_cohort") != 0))
		fail(r, errs, "call_id", N_("Name a call for a course's cohort (kind "
		    "course_cohort)."));
	if ((x = tutors_of(r, json_object_get(in, "tutors"))) == NULL)
		fail(r, errs, "tutors", N_("List the tutors by their user numbers, each once: "
		    "staff only, at most 20."));
	else
		json_object_set_new(vals, "tutors", x);
	zone = json_string_value(json_object_get(vals, "timezone"));
	if (!json_object_get(errs, "timezone") && zone && tz_get(zone, &z) == WS_OK) {
		app_time_field(r, z, vals, errs, "start", "start_at", time_bad, time_gap);
		app_time_field(r, z, vals, errs, "end", "end_at", time_bad, time_gap);
		app_time_field(r, z, vals, errs, "enrolment_opens", "enrolment_opens_at",
		    time_bad, time_gap);
		app_time_field(r, z, vals, errs, "enrolment_closes", "enrolment_closes_at",
		    time_bad, time_gap);
	}
	{
		json_t *s = json_object_get(vals, "start_at"), *e = json_object_get(vals, "end_at");
		json_t *o = json_object_get(vals, "enrolment_opens_at");
		json_t *cl = json_object_get(vals, "enrolment_closes_at");

		if (json_is_integer(s) && json_is_integer(e) && json_integer_value(e) <=
		    json_integer_value(s))
			fail(r, errs, "end", N_("A cohort ends after it starts."));
		if (json_is_integer(o) && json_is_integer(cl) && json_integer_value(cl) <=
		    json_integer_value(o))
			fail(r, errs, "enrolment_closes", N_("Enrolment closes after it opens."));
		if (json_is_integer(cl) && json_is_integer(e) && json_integer_value(cl) >
		    json_integer_value(e))
			fail(r, errs, "enrolment_closes", N_("Enrolment closes by the cohort's "
			    "end."));
	}
	*values = vals;
	if (json_object_size(errs) > 0)
		*errors = errs;
	else
		json_decref(errs);
	return WS_OK;
}

/* ---- the view ----------------------------------------------------------------- */

/* Instant t (a JSON integer, or null) as RFC 3339 in zone; null for null. */
static json_t *
local_time(const char *zone, json_t *t)
{
	const struct tz *z = NULL;
	char s[40];

	if (!json_is_integer(t))
		return json_null();
	if (tz_get(zone, &z) != WS_OK && tz_get("UTC", &z) != WS_OK)
		time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	else
		tz_rfc3339(z, json_integer_value(t), s, sizeof s);
	return json_string(s);
}

/* Where stored cohort k's enrolment stands at now: "upcoming", "open" or
 * "closed". */
static const char *
enrolment_state(json_t *k, int64_t now)
{
	json_t *o = json_object_get(k, "enrolment_opens_at");
	json_t *c = json_object_get(k, "enrolment_closes_at");

	if (json_is_integer(o) && now < json_integer_value(o))
		return "upcoming";
	if (json_is_integer(c) ? now >= json_integer_value(c) :
	    now >= json_integer_value(json_object_get(k, "ends_at")))
		return "closed";
	return "open";
}

/* Whether r's caller is enrolled in cohort kid, and whether they tutor it
 * (among tutors, crs_tutors'). */
static int
enrolled(struct req *r, int64_t kid)
{
	json_t *mine = NULL;
	int yes;

	if (!r->user || crs_enrolments(req_db(r), kid, r->user->id, 1, 1, &mine) != WS_OK) {
		json_decref(mine);
		return 0;
	}
	yes = json_array_size(mine) > 0;
	json_decref(mine);
	return yes;
}

/* A tutor is staff (tutors_of): one no longer staff tutors nothing. */
static int
tutoring(struct req *r, json_t *tutors)
{
	json_t *t;
	size_t i;

	json_array_foreach(tutors, i, t)
		if (is_staff(r) && json_integer_value(json_object_get(t, "id")) == r->user->id)
			return 1;
	return 0;
}

/* Stored cohort k as r's caller sees it (the API's Cohort).  New
 * reference in *out. */
static enum ws_err
cohort_view(struct req *r, json_t *k, json_t **out)
{
	const char *zone = json_string_value(json_object_get(k, "timezone"));
	int64_t kid = json_integer_value(json_object_get(k, "id")), now = now_s();
	const char *state = enrolment_state(k, now);
	json_t *tutors = NULL, *o;
	enum ws_err rc;
	int mine;

	*out = NULL;
	if ((rc = crs_tutors(req_db(r), kid, &tutors)) != WS_OK) {
		json_decref(tutors);
		return rc;
	}
	mine = enrolled(r, kid);
	o = json_pack("{s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(k, "id"), "course_id",
	    json_object_get(k, "course_id"), "course_title", json_object_get(k, "course_title"),
	    "title", json_object_get(k, "title"), "timezone", json_object_get(k, "timezone"));
	json_object_set_new(o, "start", local_time(zone, json_object_get(k, "starts_at")));
	json_object_set_new(o, "end", local_time(zone, json_object_get(k, "ends_at")));
	json_object_set_new(o, "enrolment_opens", local_time(zone, json_object_get(k,
	    "enrolment_opens_at")));
	json_object_set_new(o, "enrolment_closes", local_time(zone, json_object_get(k,
	    "enrolment_closes_at")));
	json_object_set_new(o, "enrolment", json_string(state));
	json_object_set_new(o, "running", json_boolean(now >= json_integer_value(
	    json_object_get(k, "starts_at")) && now < json_integer_value(json_object_get(k,
	    "ends_at"))));
	json_object_set(o, "self_enrolment", json_object_get(k, "self_enrolment"));
	json_object_set(o, "call_id", json_object_get(k, "call_id"));
	json_object_set_new(o, "tutors", tutors);
	json_object_set(o, "participants", json_object_get(k, "participants"));
	json_object_set_new(o, "enrolled", json_boolean(mine));
	json_object_set_new(o, "can_enrol", json_boolean(!mine && r->user &&
	    r->user->role == ROLE_MEMBER && r->user->verified_at &&
	    json_is_true(json_object_get(k, "self_enrolment")) &&
	    !json_is_integer(json_object_get(k, "call_id")) &&
	    strcmp(state, "open") == 0));
	*out = o;
	return WS_OK;
}

/* ---- reading ------------------------------------------------------------------ */

enum ws_err
h_cohorts(struct req *r, struct resp *w)
{
	json_t *rows = NULL, *items = json_array(), *k, *v;
	enum ws_err rc;
	size_t i;

	if ((rc = crs_cohort_list(req_db(r), req_qint(r, "course", 0), is_staff(r),
	    CRS_COHORTS_MAX, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, k) {
		if ((rc = cohort_view(r, k, &v)) != WS_OK)
			goto out;
		json_array_append_new(items, v);
	}
	resp_value(w, json_pack("{s:O}", "items", items));
out:
	json_decref(rows);
	json_decref(items);
	return rc;
}

enum ws_err
h_cohort(struct req *r, struct resp *w)
{
	json_t *k = NULL, *v = NULL;
	int64_t kid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &kid)) != WS_OK ||
	    (rc = crs_cohort_get(req_db(r), kid, is_staff(r), &k)) != WS_OK)
		return rc;
	if ((rc = cohort_view(r, k, &v)) == WS_OK)
		resp_value(w, v);
	json_decref(k);
	return rc;
}

/* ---- writing ------------------------------------------------------------------ */

static enum ws_err
cohort_save(struct req *r, int64_t kid, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if (kid && (rc = crs_cohort_lock(d, kid)) != WS_OK)
		goto out;
	if ((rc = crs_cohort_put(d, kid, values, r->user->id, out)) != WS_OK)
		goto out;
	app_audit(r->app, d, r->user->id, kid ? "course.cohort_edited" : "course.cohort_created",
	    r->ip, arena_printf(r->a, "cohort %lld of course %lld: %s", (long long)*out,
	    (long long)json_integer_value(json_object_get(values, "course_id")),
	    json_string_value(json_object_get(values, "title"))));
	rc = db_commit(d);
out:
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

static enum ws_err
invalid(struct resp *w, json_t *errors)
{
	w->errors = json_incref(errors);
	w->detail = N_("Some fields need your attention.");
	return WS_EINVAL;
}

enum ws_err
h_cohort_create(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	int64_t kid = 0;
	enum ws_err rc;

	if ((rc = cohort_check(r, r->in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = invalid(w, errors);
	else if ((rc = cohort_save(r, 0, values, &kid)) == WS_OK) {
		r->params[0] = arena_printf(r->a, "%lld", (long long)kid);
		if ((rc = h_cohort(r, w)) == WS_OK)
			w->status = 201;
	}
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_cohort_edit(struct req *r, struct resp *w)
{
	json_t *k = NULL, *v = NULL, *in = NULL, *values = NULL, *errors = NULL, *x, *t;
	const char *const *n;
	int64_t kid, out = 0;
	enum ws_err rc;
	size_t i;

	if ((rc = param_id(r, 0, &kid)) != WS_OK || (rc = crs_cohort_get(req_db(r), kid, 1,
	    &k)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the fields to change as a JSON object.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = cohort_view(r, k, &v)) != WS_OK)
		goto out;
	/* what is not sent keeps its value: the view's as input */
	in = json_object();
	for (n = cohort_names; *n; n++) {
		if ((x = json_object_get(r->in, *n)) != NULL)
			json_object_set(in, *n, x);
		else if ((x = json_object_get(v, *n)) != NULL && !json_is_null(x))
			json_object_set(in, *n, x);
	}
	if (!json_object_get(r->in, "tutors")) {
		x = json_array();
		json_array_foreach(json_object_get(v, "tutors"), i, t)
			json_array_append(x, json_object_get(t, "id"));
		json_object_set_new(in, "tutors", x);
	}
	if ((rc = cohort_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors)
		rc = invalid(w, errors);
	else if ((rc = cohort_save(r, kid, values, &out)) == WS_OK)
		rc = h_cohort(r, w);
out:
	json_decref(k);
	json_decref(v);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* ---- enrolments ----------------------------------------------------------------- */

enum ws_err
h_cohort_enrolments(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), kid, total;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	json_t *k = NULL, *tutors = NULL, *items = NULL;
	enum ws_err rc;
	int all;

	if ((rc = param_id(r, 0, &kid)) != WS_OK ||
	    (rc = crs_cohort_get(req_db(r), kid, is_staff(r), &k)) != WS_OK)
		return rc;
	if ((rc = crs_tutors(req_db(r), kid, &tutors)) != WS_OK)
		goto out;
	/* staff and the cohort's tutors see everyone; a participant themself */
	all = is_staff(r) || tutoring(r, tutors);
	if ((rc = crs_enrolments(req_db(r), kid, all ? 0 : r->user->id, page, per_page,
	    &items)) != WS_OK)
		goto out;
	total = all ? json_integer_value(json_object_get(k, "participants")) :
	    (int64_t)json_array_size(items);
	{
		json_t *e;
		size_t i;
		char s[40];

		json_array_foreach(items, i, e) {
			time_rfc3339((time_t)json_integer_value(json_object_get(e, "created_at")), s,
			    sizeof s);
			json_object_set_new(e, "created_at", json_string(s));
			json_object_set_new(e, "cohort_id", json_integer(kid));
		}
	}
	resp_value(w, app_list_value(items, page, per_page, total));
	items = NULL;
out:
	json_decref(k);
	json_decref(tutors);
	json_decref(items);
	return rc;
}

/* Mails person u that staff enrolled them in stored cohort k, in the
 * caller's transaction. */
static enum ws_err
mail_enrolled(struct req *r, struct db *d, json_t *k, struct user *u)
{
	const char *lang = app_mail_lang(r->app, u->locale, NULL);
	const char *zone = json_string_value(json_object_get(k, "timezone"));
	json_t *ctx, *s = local_time(zone, json_object_get(k, "starts_at"));
	struct buf body;
	enum ws_err rc;

	ctx = json_pack("{s:s,s:s,s:O,s:O,s:s,s:s,s:s}", "name", u->name ? u->name : "", "site",
	    r->app->cfg.org_name, "course", json_object_get(k, "course_title"), "cohort",
	    json_object_get(k, "title"), "start", json_string_value(s), "zone", zone, "link",
	    arena_printf(r->a, "%s/courses/%lld", r->app->cfg.base_url, (long long)
	    json_integer_value(json_object_get(k, "course_id"))));
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_course_enrolled", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u->email, view_tr(r->app->views, lang,
		    N_("You are enrolled in a course")), buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	json_decref(s);
	return rc;
}

enum ws_err
h_cohort_enrol(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *k = NULL, *uidv = json_object_get(r->in, "user_id"), *items = NULL;
	int64_t kid, uid;
	struct user u;
	enum ws_err rc;
	int added = 0, self;

	if ((rc = param_id(r, 0, &kid)) != WS_OK ||
	    (rc = crs_cohort_get(d, kid, is_staff(r), &k)) != WS_OK)
		return rc;
	self = !uidv || json_is_null(uidv) || (json_is_integer(uidv) &&
	    json_integer_value(uidv) == r->user->id && !is_staff(r));
	if (!self && !is_staff(r)) {
		w->detail = N_("Only staff enrol someone else.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (self) {
		uid = r->user->id;
		if (r->user->role != ROLE_MEMBER && !is_staff(r)) {
			w->detail = N_("Members take courses: your account is not a member's.");
			rc = WS_EFORBIDDEN;
			goto out;
		}
		/* the calls' rule: an address not shown to be theirs acts for nobody */
		if (!r->user->verified_at && !is_staff(r)) {
			w->detail = N_("Confirm your email address before enrolling.");
			rc = WS_EFORBIDDEN;
			goto out;
		}
		if (!json_is_true(json_object_get(k, "self_enrolment")) ||
		    strcmp(json_string_value(json_object_get(k, "course_status")), "published")) {
			w->detail = N_("Participants of this course are enrolled by staff or "
			    "through its call.");
			rc = WS_EFORBIDDEN;
			goto out;
		}
		/* a cohort a call fills takes the people the call selects: self-
		 * enrolment would pass its selection and its places by */
		if (json_is_integer(json_object_get(k, "call_id"))) {
			w->detail = N_("Participants of this cohort come through its call: apply "
			    "to it.");
			rc = WS_EFORBIDDEN;
			goto out;
		}
		if (strcmp(enrolment_state(k, now_s()), "open") != 0) {
			w->detail = N_("Enrolment in this cohort is not open now.");
			rc = WS_ECONFLICT;
			goto out;
		}
	} else {
		if (!json_is_integer(uidv) || json_integer_value(uidv) < 1 ||
		    user_by_id(d, r->a, json_integer_value(uidv), &u) != WS_OK) {
			w->errors = json_pack("{s:s}", "user_id", tr(r, N_("There is no person with "
			    "this number.")));
			w->detail = N_("Some fields need your attention.");
			rc = WS_EINVAL;
			goto out;
		}
		uid = u.id;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = crs_cohort_lock(d, kid)) == WS_OK &&
	    (rc = crs_enrol(d, kid, uid, self ? "self" : "staff", 0, r->user->id, &added)) ==
	    WS_OK && added) {
		app_audit_about(r->app, d, r->user->id, 0, uid, "course.enrolled", r->ip,
		    arena_printf(r->a, "cohort %lld (%s) of course %lld, %s", (long long)kid,
		    json_string_value(json_object_get(k, "title")), (long long)json_integer_value(
		    json_object_get(k, "course_id")), self ? "by themself" : "by staff"));
		if (!self)
			rc = mail_enrolled(r, d, k, &u);
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = crs_enrolments(d, kid, uid, 1, 1, &items)) != WS_OK)
		goto out;
	if (json_array_size(items) != 1) {
		rc = WS_EDB;
		goto out;
	}
	{
		json_t *e = json_array_get(items, 0);
		char s[40];

		time_rfc3339((time_t)json_integer_value(json_object_get(e, "created_at")), s,
		    sizeof s);
		json_object_set_new(e, "created_at", json_string(s));
		json_object_set_new(e, "cohort_id", json_integer(kid));
		resp_value(w, json_incref(e));
	}
	w->status = added ? 201 : 200;
out:
	json_decref(k);
	json_decref(items);
	return rc;
}

enum ws_err
courses_enrol_from_call(struct req *r, struct db *d, int64_t cid, int64_t uid, int64_t aid,
    int *count)
{
	json_t *ids = NULL, *x;
	enum ws_err rc;
	size_t i;
	int added;

	*count = 0;
	if ((rc = crs_cohorts_of_call(d, cid, &ids)) != WS_OK)
		goto out;
	json_array_foreach(ids, i, x) {
		int64_t kid = json_integer_value(x);

		if ((rc = crs_cohort_lock(d, kid)) != WS_OK ||
		    (rc = crs_enrol(d, kid, uid, "call", aid, r->user->id, &added)) != WS_OK)
			goto out;
		if (added) {
			(*count)++;
			app_audit_about(r->app, d, r->user->id, 0, uid, "course.enrolled", r->ip,
			    arena_printf(r->a, "cohort %lld, accepted by call %lld (application "
			    "%lld)", (long long)kid, (long long)cid, (long long)aid));
		}
	}
out:
	json_decref(ids);
	return rc;
}

/* ---- the pages ------------------------------------------------------------------- */

enum ws_err
crs_cohort_views(struct req *r, int64_t course, json_t **out)
{
	json_t *rows = NULL, *k, *v;
	enum ws_err rc;
	size_t i;

	*out = json_array();
	if ((rc = crs_cohort_list(req_db(r), course, is_staff(r), CRS_COHORTS_MAX, &rows)) !=
	    WS_OK)
		goto out;
	json_array_foreach(rows, i, k) {
		if ((rc = cohort_view(r, k, &v)) != WS_OK)
			goto out;
		json_array_append_new(*out, v);
	}
out:
	json_decref(rows);
	return rc;
}

/* h_cohort_enrol for cohort kid with input in (borrowed), its answer
 * dropped: WS_OK, or why not in w->detail (and w->errors). */
static enum ws_err
enrol_through_api(struct req *r, struct resp *w, int64_t kid, json_t *in)
{
	json_t *was = r->in;
	const char *p = r->params[0];
	enum ws_err rc;

	r->in = in;
	r->params[0] = arena_printf(r->a, "%lld", (long long)kid);
	rc = h_cohort_enrol(r, w);
	r->in = was;
	r->params[0] = p;
	resp_value(w, NULL);
	w->status = 0;
	return rc;
}

enum ws_err
h_course_enrol_form(struct req *r, struct resp *w)
{
	json_t *in = json_object(), *k = NULL;
	int64_t id, kid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK)
		goto out;
	if ((rc = crs_cohort_get(req_db(r), kid, is_staff(r), &k)) != WS_OK)
		goto out;
	if (json_integer_value(json_object_get(k, "course_id")) != id) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	if ((rc = enrol_through_api(r, w, kid, in)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/courses/%lld#cohort-%lld", (long long)id,
		    (long long)kid));
out:
	json_decref(in);
	json_decref(k);
	return rc;
}

enum ws_err
h_staff_cohort_add(struct req *r, struct resp *w)
{
	static const char *const plain[] = { "title", "timezone", "start", "end",
		"enrolment_opens", "enrolment_closes", "call_id", NULL };
	json_t *in = json_object(), *values = NULL, *errors = NULL, *x, *tutors;
	const char *const *k, *t;
	int64_t id, kid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK)
		goto out;
	for (k = plain; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL && json_is_string(x) &&
		    (strcmp(*k, "call_id") != 0 || json_string_length(x) > 0))
			json_object_set(in, *k, x);
	json_object_set_new(in, "course_id", json_integer(id));
	/* tutors: user numbers separated by commas or spaces */
	tutors = json_array();
	for (t = json_string_value(json_object_get(r->in, "tutors")); t && *t;) {
		char *end;
		long long v;

		while (*t == ' ' || *t == ',')
			t++;
		if (!*t)
			break;
		v = strtoll(t, &end, 10);
		if (end == t) {
			json_decref(tutors);
			tutors = json_string(t);	/* for the check to refuse */
			break;
		}
		json_array_append_new(tutors, json_integer(v));
		t = end;
	}
	json_object_set_new(in, "tutors", tutors);
	if ((rc = cohort_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (!errors && (rc = cohort_save(r, 0, values, &kid)) == WS_OK) {
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld#cohort-%lld", (long long)id,
		    (long long)kid));
		goto out;
	}
	if (errors) {
		json_t *typed = json_object();

		for (k = plain; *k; k++)
			if ((x = json_object_get(r->in, *k)) != NULL)
				json_object_set(typed, *k, x);
		if ((x = json_object_get(r->in, "tutors")) != NULL)
			json_object_set(typed, "tutors", x);
		resp_value(w, json_pack("{s:o,s:O}", "cohort_form", typed, "cohort_errors",
		    errors));
		rc = crs_staff_course_page(r, w, id);
		if (rc == WS_OK) {
			w->status = 422;
			w->detail = N_("Some fields need your attention.");
		}
	}
out:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_cohort_enrol(struct req *r, struct resp *w)
{
	const char *email = json_string_value(json_object_get(r->in, "email"));
	json_t *k = NULL, *in = NULL, *c, *x;
	int64_t id, kid;
	struct user u;
	enum ws_err rc;
	const char *why = NULL;
	size_t i;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = crs_cohort_get(req_db(r), kid, 1, &k)) != WS_OK)
		goto out;
	if (json_integer_value(json_object_get(k, "course_id")) != id) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	if (!email || !*email || user_by_email(req_db(r), r->a, email, &u) != WS_OK) {
		why = N_("There is no account with this address.");
	} else {
		in = json_pack("{s:I}", "user_id", (json_int_t)u.id);
		if ((rc = enrol_through_api(r, w, kid, in)) == WS_OK) {
			resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld#cohort-%lld",
			    (long long)id, (long long)kid));
			goto out;
		}
		if (rc != WS_EINVAL && rc != WS_ECONFLICT && rc != WS_EFORBIDDEN)
			goto out;
		why = w->detail ? w->detail : N_("Some fields need your attention.");
	}
	/* the course's page again, the address kept by the cohort's form */
	json_decref(w->errors);
	w->errors = NULL;
	resp_value(w, json_object());
	if ((rc = crs_staff_course_page(r, w, id)) != WS_OK)
		goto out;
	c = json_object_get(json_object_get(w->val, "course"), "cohorts");
	json_array_foreach(c, i, x)
		if (json_integer_value(json_object_get(x, "id")) == kid) {
			json_object_set_new(x, "enrol_error", json_string(tr(r, why)));
			json_object_set_new(x, "enrol_email", json_string(email ? email : ""));
		}
	w->status = 422;
	w->detail = why;
out:
	json_decref(k);
	json_decref(in);
	return rc;
}
