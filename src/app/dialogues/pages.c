/*
 * pages.c -- the dialogues' pages for people, without JavaScript: what
 * /dialogues/{id} adds to the API's value (the description and summary as
 * HTML, the inputs the reader may read, the input form for an approved
 * participant, staff's links and the summary form), the staff form that
 * writes a dialogue through the API's check, and the page forms that go
 * through the API's handlers and come back with why and what was typed.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "app/countries/countries.h"
#include "app/dialogues/dialogues_int.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

void
dlg_page_one(struct req *r, json_t *g, json_t *v)
{
	struct dlg_viewer vw;
	json_t *inputs = NULL, *x;
	int64_t id = json_integer_value(json_object_get(g, "id"));

	dlg_viewer_of(r, &vw);
	json_object_set(v, "heading", json_object_get(v, "title"));
	json_object_set_new(v, "description_html", org_markdown_html(json_string_value(
	    json_object_get(g, "description"))));
	if (json_is_string(x = json_object_get(v, "summary")))
		json_object_set_new(v, "summary_html", org_markdown_html(json_string_value(x)));
	if (dlg_inputs_seen(r, g, id, &inputs) == WS_OK)
		json_object_set_new(v, "inputs", inputs);
	else
		json_decref(inputs);
	{	/* when inputs close, in the reader's zone and words */
		json_t *when = events_when(r, json_string_value(json_object_get(g, "timezone")),
		    json_integer_value(json_object_get(g, "inputs_close_at")));

		json_object_set(v, "inputs_close_text", json_object_get(when, "text"));
		json_object_set(v, "inputs_close_datetime", json_object_get(when, "datetime"));
		json_decref(when);
	}
	json_object_set_new(v, "is_staff", json_boolean(vw.staff));
	json_object_set_new(v, "can_input", json_boolean(json_is_true(json_object_get(v,
	    "approved_participant")) && json_is_true(json_object_get(v, "accepting_inputs"))));
	json_object_set_new(v, "can_publish", json_boolean(vw.staff &&
	    !json_is_string(json_object_get(v, "summary"))));
	json_object_set_new(v, "countries_text", json_string(""));
	{
		json_t *c;
		size_t i;
		const char *t = "";

		json_array_foreach(json_object_get(g, "countries"), i, c)
			t = arena_printf(r->a, "%s%s%s", t, i ? ", " : "", json_string_value(c));
		json_object_set_new(v, "countries_text", json_string(t));
	}
	if (r->user)
		json_object_set_new(v, "csrf", json_string(csrf_token(r)));
}

/* ---- the staff form ---------------------------------------------------------- */

/* Appends to list the codes of s, separated by commas or spaces. */
static void
codes_of(json_t *list, const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, ", \t\r\n");

		if (n)
			json_array_append_new(list, json_stringn(s, n));
		s += n;
		s += strspn(s, ", \t\r\n");
	}
}

/* The form's fields as the check takes them: the countries are the boxes
 * checked and the codes typed under countries_other (the form always
 * sends them, none checked included).  New reference. */
static json_t *
input_of_form(struct req *r)
{
	static const char *const names[] = { "title", "description", "meeting_id",
		"prep_event_id", "event_id", "call_id", "inputs_close", NULL };
	const char *const *k;
	json_t *in = json_object(), *x, *list = json_array(), *y;
	size_t i;

	for (k = names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL)
			json_object_set(in, *k, x);
	x = json_object_get(r->in, "countries");
	if (json_is_string(x))
		codes_of(list, json_string_value(x));
	json_array_foreach(x, i, y)
		if (json_is_string(y))
			codes_of(list, json_string_value(y));
	codes_of(list, json_string_value(json_object_get(r->in, "countries_other")));
	json_object_set_new(in, "countries", list);
	return in;
}

/* The form's boxes of countries under review into w's value: each country
 * in the country-review stage of the review cycle, with its year, checked
 * when in chosen (codes; NULL: when its review's year is this year, a new
 * form's start), and the codes chosen that have no box as form's
 * countries_other. */
static enum ws_err
review_boxes(struct req *r, struct resp *w, json_t *chosen)
{
	json_t *due = NULL, *boxes = json_array(), *c, *x, *form = json_object_get(w->val, "form");
	const char *other = "";
	char now[40];
	int64_t year = 0;
	enum ws_err rc;
	size_t i, j;

	time_rfc3339(now_s(), now, sizeof now);
	now[4] = '\0';
	if (parse_int(now, 1, 9999, &year) != WS_OK)
		year = 0;
	if ((rc = countries_in_review(req_db(r), 0, &due)) != WS_OK) {
		json_decref(due);
		json_decref(boxes);
		return rc;
	}
	json_array_foreach(due, i, c) {
		const char *code = json_string_value(json_object_get(c, "country"));
		int on = 0;

		if (chosen) {
			json_array_foreach(chosen, j, x)
				on = on || (json_is_string(x) && strcasecmp(json_string_value(x), code) == 0);
		} else {
			on = json_integer_value(json_object_get(c, "year")) == year;
		}
		json_array_append_new(boxes, json_pack("{s:s,s:s,s:O,s:b}", "code", code, "name",
		    country_name(code, r->locale), "year", json_object_get(c, "year"), "checked",
		    on));
	}
	json_array_foreach(chosen, j, x) {
		int boxed = 0;

		json_array_foreach(due, i, c)
			boxed = boxed || (json_is_string(x) && strcasecmp(json_string_value(x),
			    json_string_value(json_object_get(c, "country"))) == 0);
		if (!boxed && json_is_string(x))
			other = arena_printf(r->a, "%s%s%s", other, *other ? ", " : "",
			    json_string_value(x));
	}
	json_decref(due);
	json_object_set_new(w->val, "review_countries", boxes);
	if (json_is_object(form))
		json_object_set_new(form, "countries_other", json_string(other));
	return WS_OK;
}

static enum ws_err
form_page(struct req *r, struct resp *w, const char *action, const char *title)
{
	json_t *form = json_object_get(w->val, "form");

	json_object_set_new(w->val, "action", json_string(action));
	json_object_set_new(w->val, "csrf", json_string(csrf_token(r)));
	json_object_set_new(w->val, "prep_events", events_choices(r, json_integer_value(
	    json_object_get(form, "prep_event_id"))));
	json_object_set_new(w->val, "main_events", events_choices(r, json_integer_value(
	    json_object_get(form, "event_id"))));
	w->tpl = "staff_dialogue_form";
	w->title = title;
	return WS_OK;
}

enum ws_err
h_staff_dialogue_new_form(struct req *r, struct resp *w)
{
	enum ws_err rc;

	resp_value(w, json_pack("{s:{}}", "form"));
	if ((rc = review_boxes(r, w, NULL)) != WS_OK)
		return rc;
	return form_page(r, w, "/staff/dialogues/new", N_("New constructive dialogue"));
}

/* The form posted for dialogue id (0: new): saved and on to its page, or
 * the form again with why. */
static enum ws_err
form_post(struct req *r, struct resp *w, int64_t id, const char *action, const char *title)
{
	json_t *in = input_of_form(r), *values = NULL, *errors = NULL;
	int64_t out = 0;
	enum ws_err rc;

	if ((rc = dlg_check(r, in, id, &values, &errors)) != WS_OK)
		goto out;
	if (!errors) {
		if ((rc = dlg_save(r, id, values, &out)) != WS_OK)
			goto out;
		resp_redirect(w, arena_printf(r->a, "/dialogues/%lld", (long long)out));
		goto out;
	}
	{
		json_t *x = json_object_get(in, "prep_event_id"), *y = json_object_get(in,
		    "event_id");
		int64_t n;

		/* the selects keep what was chosen */
		if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &n) == WS_OK)
			json_object_set_new(in, "prep_event_id", json_integer(n));
		if (json_is_string(y) && parse_int(json_string_value(y), 1, INT64_MAX, &n) == WS_OK)
			json_object_set_new(in, "event_id", json_integer(n));
	}
	rc = form_fail(r, w, "staff_dialogue_form", title, in, errors);
	if (id)
		json_object_set_new(w->val, "id", json_integer(id));
	if (review_boxes(r, w, json_object_get(in, "countries")) != WS_OK ||
	    form_page(r, w, action, title) != WS_OK)
		rc = WS_EDB;
out:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_dialogue_create(struct req *r, struct resp *w)
{
	return form_post(r, w, 0, "/staff/dialogues/new", N_("New constructive dialogue"));
}

enum ws_err
h_staff_dialogue_edit_form(struct req *r, struct resp *w)
{
	json_t *g = NULL, *v, *form;
	int64_t id;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	v = dlg_view(r, g);
	form = dlg_merged_input(v, NULL);
	json_object_del(form, "countries");
	resp_value(w, json_pack("{s:o,s:I}", "form", form, "id", (json_int_t)id));
	rc = review_boxes(r, w, json_object_get(g, "countries"));
	json_decref(v);
	json_decref(g);
	if (rc != WS_OK)
		return rc;
	return form_page(r, w, arena_printf(r->a, "/staff/dialogues/%lld/edit", (long long)id),
	    N_("Edit the constructive dialogue"));
}

enum ws_err
h_staff_dialogue_edit(struct req *r, struct resp *w)
{
	json_t *g = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = dlg_param(r, &id, &g)) != WS_OK)
		return rc;
	json_decref(g);
	return form_post(r, w, id, arena_printf(r->a, "/staff/dialogues/%lld/edit",
	    (long long)id), N_("Edit the constructive dialogue"));
}

/* ---- the page's forms, through the API ------------------------------------------ */

/* A page form's refusal: the dialogue's page again with why and what was
 * typed (typed under key, the messages under errors_key). */
static enum ws_err
page_again(struct req *r, struct resp *w, enum ws_err rc, json_t *typed, const char *key,
    const char *errors_key)
{
	json_t *g = NULL, *v, *errors = w->errors ? json_incref(w->errors) : json_object();
	const char *detail = w->detail;
	int64_t id;
	enum ws_err rc2;

	if ((rc2 = dlg_param(r, &id, &g)) != WS_OK) {
		json_decref(errors);
		return rc2;
	}
	v = dlg_view(r, g);
	dlg_page_one(r, g, v);
	json_object_set(v, key, typed);
	json_object_set_new(v, errors_key, errors);
	w->detail = detail;
	app_form_again(r, w, v, rc, N_("Some fields need your attention."), "dialogue",
	    N_("Constructive dialogue"));
	json_decref(v);
	json_decref(g);
	return rc;
}

enum ws_err
h_dialogue_input_form(struct req *r, struct resp *w)
{
	json_t *typed = json_pack("{s:O}", "body", json_object_get(r->in, "body") ?
	    json_object_get(r->in, "body") : json_null());
	enum ws_err rc;

	json_object_set_new(typed, "publish", json_boolean(json_object_get(r->in,
	    "publish") != NULL));
	rc = h_dialogue_input_add(r, w);
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/dialogues/%s#inputs", r->params[0]));
	} else if (rc == WS_EINVAL || rc == WS_ECONFLICT || rc == WS_EFORBIDDEN ||
	    rc == WS_ETOOBIG || rc == WS_EMEDIA) {
		rc = page_again(r, w, rc, typed, "input_form", "input_errors");
	}
	json_decref(typed);
	return rc;
}

enum ws_err
h_staff_dialogue_publish(struct req *r, struct resp *w)
{
	json_t *typed = json_pack("{s:O}", "summary", json_object_get(r->in, "summary") ?
	    json_object_get(r->in, "summary") : json_null());
	enum ws_err rc = h_dialogue_publish(r, w);

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/dialogues/%s#summary", r->params[0]));
	} else if (rc == WS_EINVAL || rc == WS_ECONFLICT || rc == WS_ETOOBIG ||
	    rc == WS_EMEDIA) {
		rc = page_again(r, w, rc, typed, "summary_form", "summary_errors");
	}
	json_decref(typed);
	return rc;
}
