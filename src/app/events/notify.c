/*
 * notify.c -- mail about an event to the people registered for it
 * (notify.h): a change of its time, place or online address, its
 * cancellation, a declined registration; and the one function that writes
 * each of them, and the reminders of reminders.c, in a person's language
 * with the event's time in their zone.
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/events/events_int.h"
#include "app/events/notify.h"
#include "core/arena.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

/* "2027-10-28 09:00" of instant t in z into out. */
static void
wall_clock(const struct tz *z, int64_t t, char *out, size_t len)
{
	struct tz_local l;

	tz_to_local(z, t, &l);
	snprintf(out, len, "%04d-%02d-%02d %02d:%02d", l.year, l.mon, l.day, l.hour, l.min);
}

/*
 * Sets ctx's "start", "end" and "zone" to event ev's times in the zone of
 * the reader (reader_tz: users.tz, may be NULL or unknown: then the
 * event's), and "event_start" and "event_zone" to the event's own when the
 * two differ.
 */
static void
times_into(json_t *ctx, json_t *ev, const char *reader_tz)
{
	const struct tz *ez = NULL, *rz = NULL;
	int64_t start = json_integer_value(json_object_get(ev, "start_at"));
	int64_t end = json_integer_value(json_object_get(ev, "end_at"));
	char s[40];

	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &ez) != WS_OK &&
	    tz_get("UTC", &ez) != WS_OK)
		return;
	if (!reader_tz || !*reader_tz || tz_get(reader_tz, &rz) != WS_OK)
		rz = ez;
	wall_clock(rz, start, s, sizeof s);
	json_object_set_new(ctx, "start", json_string(s));
	wall_clock(rz, end, s, sizeof s);
	json_object_set_new(ctx, "end", json_string(s));
	json_object_set_new(ctx, "zone", json_string(tz_name(rz)));
	if (strcmp(tz_name(rz), tz_name(ez)) != 0) {
		wall_clock(ez, start, s, sizeof s);
		json_object_set_new(ctx, "event_start", json_string(s));
		json_object_set_new(ctx, "event_zone", json_string(tz_name(ez)));
	}
}

/* Whether person u (their role as it is now) may still see event id:
 * not once it is staff-only, nor a members' event once their organization
 * is suspended or they left it, nor anything for a disabled account, nor
 * a dialogue's once their approval lapsed (ev_link_lapsed). */
static int
may_still_see(struct db *d, struct user *u, int64_t id)
{
	struct ev_viewer v;
	json_t *ev = NULL;
	enum ws_err rc;

	if (strcmp(u->status, "active") != 0 || user_effective_role(d, u) != WS_OK)
		return 0;
	ev_viewer_for(u, &v);
	rc = ev_get(d, &v, id, &ev);
	json_decref(ev);
	return rc == WS_OK && (v.staff || !ev_link_lapsed(d, id, u->id));
}

/*
 * Mails person uid about stored event ev (ev_get's JSON): template tpl
 * with subject (English source, translated), the event's title, times,
 * venue, the online address when with_link, and extra's members (may be
 * NULL; borrowed).  Inside the caller's transaction.  A person without an
 * address is skipped; so is one who may no longer see the event when the
 * mail would carry its online address (WS_ENOTFOUND: nothing sent).
 */
static enum ws_err
mail_person_as(struct app *app, struct db *d, json_t *ev, int64_t uid, const char *tpl,
    const char *subject, int translate, int with_link, json_t *extra)
{
	struct arena *a = arena_new();
	const char *lang, *link = json_string_value(json_object_get(ev, "online_url"));
	const char *venue = json_string_value(json_object_get(ev, "venue"));
	struct buf body;
	struct user u;
	json_t *ctx;
	enum ws_err rc;

	if (user_by_id(d, a, uid, &u) != WS_OK || !u.email || !*u.email) {
		arena_free(a);
		return WS_OK;
	}
	if (with_link && !may_still_see(d, &u, json_integer_value(json_object_get(ev, "id")))) {
		arena_free(a);
		return WS_ENOTFOUND;
	}
	lang = app_mail_lang(app, u.locale, NULL);
	ctx = json_pack("{s:s,s:s,s:O,s:I}", "name", u.name ? u.name : "", "site",
	    app->cfg.org_name, "title", json_object_get(ev, "title"), "id",
	    (json_int_t)json_integer_value(json_object_get(ev, "id")));
	json_object_set_new(ctx, "url", json_sprintf("%s/events/%lld", app->cfg.base_url,
	    (long long)json_integer_value(json_object_get(ev, "id"))));
	times_into(ctx, ev, u.tz);
	if (venue && *venue)
		json_object_set_new(ctx, "venue", json_string(venue));
	if (with_link && link && *link)
		json_object_set_new(ctx, "online_url", json_string(link));
	if (extra)
		json_object_update(ctx, extra);
	buf_init(&body, 64 * 1024);
	rc = view_render(app->views, tpl, ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(app, d, u.email, translate ? view_tr(app->views, lang, subject) :
		    subject, buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	arena_free(a);
	return rc;
}

/* mail_person_as with subject an English source, translated. */
static enum ws_err
mail_person(struct app *app, struct db *d, json_t *ev, int64_t uid, const char *tpl,
    const char *subject, int with_link, json_t *extra)
{
	return mail_person_as(app, d, ev, uid, tpl, subject, 1, with_link, extra);
}

enum ws_err
ev_mail_message(struct app *app, struct db *d, json_t *ev, int64_t uid, const char *subject,
    const char *body)
{
	json_t *extra = json_pack("{s:s}", "message", body);
	enum ws_err rc;

	rc = mail_person_as(app, d, ev, uid, "mail_event_message", subject, 0, 0, extra);
	json_decref(extra);
	return rc;
}

/* Event id as staff see it (every field), stored JSON. */
static enum ws_err
event_of(struct db *d, int64_t id, json_t **ev)
{
	struct ev_viewer staff = { 0, 1, 1 };

	return ev_get(d, &staff, id, ev);
}

enum ws_err
ev_remind_mail(struct app *app, struct db *d, int64_t id, int64_t uid, const char *kind)
{
	int day = strcmp(kind, "1d") == 0;
	json_t *ev = NULL, *extra;
	enum ws_err rc;

	if ((rc = event_of(d, id, &ev)) != WS_OK)
		return rc;
	extra = json_pack("{s:b}", day ? "day" : "week", 1);
	rc = mail_person(app, d, ev, uid, "mail_event_reminder", day ?
	    N_("Reminder: your event is tomorrow") : N_("Reminder: your event is in a week"),
	    1, extra);
	json_decref(extra);
	json_decref(ev);
	return rc;
}

/* Whether members k of a and b differ (as JSON values). */
static int
differs(json_t *a, json_t *b, const char *k)
{
	return !json_equal(json_object_get(a, k), json_object_get(b, k));
}

enum ws_err
ev_notify_edit(struct app *app, struct db *d, json_t *before, int64_t id)
{
	json_t *after = NULL, *extra = NULL;
	struct db_q *q;
	int when, venue, link, cancelled, shown;
	enum ws_err rc;

	if ((rc = event_of(d, id, &after)) != WS_OK)
		return rc;
	when = differs(before, after, "start_at") || differs(before, after, "end_at") ||
	    differs(before, after, "timezone");
	venue = differs(before, after, "venue");
	link = differs(before, after, "online_url");
	cancelled = strcmp(json_string_value(json_object_get(after, "status")), "cancelled") == 0 &&
	    strcmp(json_string_value(json_object_get(before, "status")), "cancelled") != 0;
	shown = when || venue || link || differs(before, after, "status") ||
	    differs(before, after, "title") || differs(before, after, "description");
	if (shown) {
		q = db_start(d, ST_EV_SEQ_BUMP);
		db_bind_int(q, 1, id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	/* only a published event's people hear of it (a draft has none) */
	if (rc != WS_OK || strcmp(json_string_value(json_object_get(before, "status")), "draft") == 0 ||
	    (!cancelled && !when && !venue && !link) ||
	    (!cancelled && strcmp(json_string_value(json_object_get(after, "status")),
	    "cancelled") == 0))
		goto out;
	extra = json_object();
	if (!cancelled) {
		const struct tz *z = NULL;
		char s[40];

		json_object_set_new(extra, "changed_when", json_boolean(when));
		json_object_set_new(extra, "changed_venue", json_boolean(venue));
		if (when && tz_get(json_string_value(json_object_get(before, "timezone")), &z) ==
		    WS_OK) {
			wall_clock(z, json_integer_value(json_object_get(before, "start_at")), s,
			    sizeof s);
			json_object_set_new(extra, "old_start", json_string(s));
			json_object_set_new(extra, "old_zone", json_string(tz_name(z)));
		}
		if (venue)
			json_object_set(extra, "old_venue", json_object_get(before, "venue"));
	}
	{
		json_t *people = json_array(), *p;
		size_t i;

		q = db_start(d, ST_EV_NOTIFY_LIST);
		db_bind_int(q, 1, id);
		while ((rc = db_step(q)) == WS_OK)
			json_array_append_new(people, json_pack("{s:I,s:s}", "uid",
			    (json_int_t)db_col_int(q, EV_NOTIFY_C_USER_ID), "status",
			    db_col_text(q, EV_NOTIFY_C_STATUS)));
		db_end(q);
		rc = rc == WS_EDONE ? WS_OK : rc;
		json_array_foreach(people, i, p) {
			int confirmed = strcmp(json_string_value(json_object_get(p, "status")),
			    "confirmed") == 0;
			int64_t uid = json_integer_value(json_object_get(p, "uid"));

			if (rc != WS_OK)
				break;
			if (cancelled) {
				rc = mail_person(app, d, after, uid, "mail_event_cancelled",
				    N_("An event you registered for is cancelled"), 0, extra);
				continue;
			}
			/* a new link alone is news only to those who have one */
			if (!when && !venue && !confirmed)
				continue;
			json_object_set_new(extra, "changed_link", json_boolean(link && confirmed));
			rc = mail_person(app, d, after, uid, "mail_event_changed",
			    N_("An event you registered for has changed"), confirmed, extra);
			if (rc == WS_ENOTFOUND)
				rc = WS_OK;	/* no longer theirs to see */
		}
		json_decref(people);
	}
out:
	json_decref(extra);
	json_decref(after);
	return rc;
}

enum ws_err
ev_mail_declined(struct app *app, struct db *d, int64_t id, int64_t uid, const char *reason)
{
	json_t *ev = NULL, *extra = NULL;
	enum ws_err rc;

	if ((rc = event_of(d, id, &ev)) != WS_OK)
		return rc;
	if (reason && *reason)
		extra = json_pack("{s:s}", "reason", reason);
	rc = mail_person(app, d, ev, uid, "mail_event_declined",
	    N_("Your registration was not accepted"), 0, extra);
	json_decref(extra);
	json_decref(ev);
	return rc;
}
