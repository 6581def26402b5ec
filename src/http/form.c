/* form.c -- declared input checking; see form.h. */
#include <ctype.h>
#include <string.h>

#include "app/app.h"
#include "core/util.h"
#include "http/form.h"
#include "views/view.h"

int
email_plausible(const char *s)
{
	const char *at = strchr(s, '@');
	const char *p;

	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return 0;
	if (at[1] == '.' || s[strlen(s) - 1] == '.')
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' ||
		    *p == ';' || *p == '"' || *p == '\\' || *p == 0x7f)
			return 0;
	return 1;
}

static void
fail(struct req *r, json_t *errors, const char *name, const char *msg)
{
	if (!json_object_get(errors, name))
		json_object_set_new(errors, name, json_string(r->api ? msg :
		    view_tr(r->app->views, r->locale, msg)));
}

enum ws_err
form_check(struct req *r, const struct field *fields, size_t n, json_t **values,
    json_t **errors)
{
	json_t *vals = json_object(), *errs = json_object();
	size_t i;

	for (i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		json_t *raw = json_object_get(r->in, f->name);
		const char *s;
		char *v;
		size_t len;

		if (json_is_array(raw))
			raw = json_array_get(raw, json_array_size(raw) - 1);
		if (raw && !json_is_string(raw)) {
			fail(r, errs, f->name, "This must be text.");
			continue;
		}
		s = raw ? json_string_value(raw) : "";
		len = raw ? json_string_length(raw) : 0;
		if (f->type != FT_PASSWORD) {	/* trim; passwords are taken as typed */
			while (len && isspace((unsigned char)*s)) {
				s++;
				len--;
			}
			while (len && isspace((unsigned char)s[len - 1]))
				len--;
		}
		v = arena_strndup(r->a, s, len);
		if (f->type == FT_EMAIL)
			ascii_lower(v);
		json_object_set_new(vals, f->name, json_string(v));
		if (len == 0) {
			if (f->required)
				fail(r, errs, f->name, "This field is required.");
			continue;
		}
		if (strlen(v) != len || !utf8_valid_text(v, len, f->type == FT_TEXT)) {
			fail(r, errs, f->name, "This contains characters that are not allowed.");
			continue;
		}
		if (f->max && len > f->max) {
			fail(r, errs, f->name, "This is too long.");
			continue;
		}
		if (f->min && len < f->min) {
			fail(r, errs, f->name, f->type == FT_PASSWORD ?
			    "Use at least 12 characters." : "This is too short.");
			continue;
		}
		if (f->type == FT_EMAIL && !email_plausible(v))
			fail(r, errs, f->name, "Enter an email address like name@example.org.");
		if (f->type == FT_CHOICE) {
			const char *const *c;

			for (c = f->choices; *c && strcmp(*c, v) != 0; c++)
				;
			if (!*c)
				fail(r, errs, f->name, "Choose one of the options.");
		}
	}
	*values = vals;
	if (json_object_size(errs) == 0) {
		json_decref(errs);
		*errors = NULL;
		return WS_OK;
	}
	*errors = errs;
	return WS_EINVAL;
}

enum ws_err
form_fail(struct req *r, struct resp *w, const char *tpl, const char *title, json_t *values,
    json_t *errors)
{
	json_t *form = json_copy(values), *val = json_object();
	const char *key;
	json_t *v;
	void *tmp;

	json_object_foreach_safe(form, tmp, key, v) {
		if (strstr(key, "password"))
			json_object_del(form, key);
	}
	json_object_set_new(val, "form", form);
	resp_value(w, val);
	json_decref(w->errors);
	w->errors = json_incref(errors);
	w->tpl = tpl;
	w->title = title;
	w->detail = "Some fields need your attention.";
	w->status = 422;
	return WS_EINVAL;
}
