/* form.c -- declared input checking; see form.h. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "http/form.h"
#include "http/http_int.h"
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
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || *p == '<' ||
		    *p == '>' || *p == ',' || *p == ';' || *p == '"' || *p == '\\')
			return 0;	/* ASCII only, as the mail queue takes it */
	return 1;
}

int
url_plausible(const char *s)
{
	const char *host, *p;

	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return 0;
	if (!*host || *host == '/' || *host == '.' || *host == ':')
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' ||
		    *p == '\\' || *p == '`' || *p == 0x7f)
			return 0;
	return 1;
}

static void
fail(struct req *r, json_t *errors, const char *name, const char *msg)
{
	if (!json_object_get(errors, name))
		json_object_set_new(errors, name, json_string(r->api ? msg :
		    view_tr(r->site->views, r->locale, msg)));
}

/* Trims s[0..*len) in place (returns the new start). */
static const char *
trim(const char *s, size_t *len)
{
	while (*len && isspace((unsigned char)*s)) {
		s++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

int
form_choice_ok(const struct field *f, const char *v)
{
	const char *const *c;

	if (f->valid)
		return f->valid(v);
	for (c = f->choices; c && *c; c++)
		if (strcmp(*c, v) == 0)
			return 1;
	return !f->choices;
}

/* FT_MULTI: a JSON array or repeated fields; also one string with a value
 * per line (a textarea). */
static void
check_multi(struct req *r, const struct field *f, json_t *raw, json_t *vals, json_t *errs)
{
	json_t *out = json_array(), *one, *split = NULL;
	size_t i, n;

	json_object_set_new(vals, f->name, out);
	/* A textarea gives one string: a value per line. */
	if (json_is_string(raw) && strchr(json_string_value(raw), '\n')) {
		const char *p = json_string_value(raw), *nl;

		split = json_array();
		for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			json_array_append_new(split, json_stringn(p, (size_t)(nl - p)));
		json_array_append_new(split, json_string(p));
		raw = split;
	}
	n = json_is_array(raw) ? json_array_size(raw) : (raw ? 1 : 0);
	/* Refuse a flood before comparing values with each other. */
	if (n > (f->max ? 4 * f->max : 1000)) {
		fail(r, errs, f->name, N_("Too many values."));
		goto out;
	}
	for (i = 0; i < n; i++) {
		const char *s;
		size_t len;
		size_t k;
		int dup = 0;

		one = json_is_array(raw) ? json_array_get(raw, i) : raw;
		if (!json_is_string(one)) {
			fail(r, errs, f->name, N_("This must be text."));
			goto out;
		}
		len = json_string_length(one);
		s = trim(json_string_value(one), &len);
		if (len == 0)
			continue;
		if (len > 300 || strlen(s) < len || !utf8_valid_text(s, len, 0)) {
			fail(r, errs, f->name, N_("This contains characters that are not allowed."));
			goto out;
		}
		for (k = 0; k < json_array_size(out); k++)
			if (strlen(json_string_value(json_array_get(out, k))) == len &&
			    strncmp(json_string_value(json_array_get(out, k)), s, len) == 0)
				dup = 1;
		if (dup)
			continue;
		json_array_append_new(out, json_stringn(s, len));
		if (!form_choice_ok(f, json_string_value(json_array_get(out,
		    json_array_size(out) - 1)))) {
			fail(r, errs, f->name, f->msg ? f->msg : "Choose from the options.");
			goto out;
		}
	}
	if (f->max && json_array_size(out) > f->max)
		fail(r, errs, f->name, N_("Too many values."));
	else if (json_array_size(out) < (f->required ? (f->min ? f->min : 1) : 0))
		fail(r, errs, f->name, f->min > 1 ? "Choose more values." : "Choose at least one.");
out:
	json_decref(split);
}

static void
check_bool(struct req *r, const struct field *f, json_t *raw, json_t *vals, json_t *errs)
{
	const char *s = json_string_value(raw);
	int on = json_is_true(raw) || (s && (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "true") == 0 || strcmp(s, "yes") == 0));

	json_object_set_new(vals, f->name, json_boolean(on));
	if (f->required && !on)
		fail(r, errs, f->name, N_("Please tick this box to go on."));
}

static void
check_int(struct req *r, const struct field *f, json_t *raw, json_t *vals, json_t *errs)
{
	int64_t v;
	char *s;
	size_t len;

	if (json_is_integer(raw)) {
		v = json_integer_value(raw);
	} else if (!raw || json_is_null(raw) ||
	    (json_is_string(raw) && json_string_length(raw) == 0)) {
		json_object_set_new(vals, f->name, json_null());
		if (f->required)
			fail(r, errs, f->name, N_("This field is required."));
		return;
	} else if (json_is_string(raw) && json_string_length(raw) < 24) {
		len = json_string_length(raw);
		s = arena_strndup(r->a, trim(json_string_value(raw), &len), len);
		json_object_set_new(vals, f->name, json_string(s));
		if (parse_int(s, (int64_t)f->min, (int64_t)f->max, &v) != WS_OK) {
			fail(r, errs, f->name, f->msg ? f->msg : N_("Enter a whole number in the "
			    "allowed range."));
			return;
		}
	} else {
		json_object_set_new(vals, f->name, json_null());
		fail(r, errs, f->name, N_("Enter a whole number in the allowed range."));
		return;
	}
	if (v < (int64_t)f->min || v > (int64_t)f->max) {
		json_object_set_new(vals, f->name, json_integer(v));
		fail(r, errs, f->name, f->msg ? f->msg : N_("Enter a whole number in the "
		    "allowed range."));
		return;
	}
	json_object_set_new(vals, f->name, json_integer(v));
}

/* form_check and query_check: fields checked in object in. */
static enum ws_err
check_fields(struct req *r, json_t *in, const struct field *fields, size_t n,
    json_t **values, json_t **errors)
{
	json_t *vals = json_object(), *errs = json_object();
	size_t i;

	for (i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		json_t *raw = json_object_get(in, f->name);
		const char *s;
		char *v;
		size_t len;

		if (f->type == FT_MULTI) {
			check_multi(r, f, raw, vals, errs);
			continue;
		}
		if (json_is_array(raw))
			raw = json_array_get(raw, json_array_size(raw) - 1);
		if (f->type == FT_BOOL) {
			check_bool(r, f, raw, vals, errs);
			continue;
		}
		if (f->type == FT_INT) {
			check_int(r, f, raw, vals, errs);
			continue;
		}
		if (raw && !json_is_string(raw)) {
			json_object_set_new(vals, f->name, json_string(""));
			fail(r, errs, f->name, N_("This must be text."));
			continue;
		}
		s = raw ? json_string_value(raw) : "";
		len = raw ? json_string_length(raw) : 0;
		if (f->type != FT_PASSWORD)	/* passwords are taken as typed */
			s = trim(s, &len);
		v = arena_strndup(r->a, s, len);
		if (f->type == FT_EMAIL)
			ascii_lower(v);
		json_object_set_new(vals, f->name, json_string(v));
		if (len == 0) {
			if (f->required)
				fail(r, errs, f->name, N_("This field is required."));
			continue;
		}
		if (strlen(v) != len || !utf8_valid_text(v, len, f->type == FT_TEXT)) {
			fail(r, errs, f->name, N_("This contains characters that are not allowed."));
			continue;
		}
		if (f->max && len > f->max) {
			fail(r, errs, f->name, N_("This is too long."));
			continue;
		}
		if (f->min && len < f->min) {
			fail(r, errs, f->name, f->type == FT_PASSWORD ?
			    "Use at least 12 characters." : "This is too short.");
			continue;
		}
		if (f->type == FT_EMAIL && !email_plausible(v))
			fail(r, errs, f->name, N_("Enter an email address like name@example.org."));
		else if (f->type == FT_URL && !url_plausible(v))
			fail(r, errs, f->name, N_("Enter a web address starting with https://"));
		else if (f->type == FT_CHOICE && !form_choice_ok(f, v))
			fail(r, errs, f->name, f->msg ? f->msg : "Choose one of the options.");
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
form_check(struct req *r, const struct field *fields, size_t n, json_t **values,
    json_t **errors)
{
	return check_fields(r, r->in, fields, n, values, errors);
}

enum ws_err
query_check(struct req *r, const struct field *fields, size_t n, json_t **values,
    json_t **errors)
{
	json_t *q = query_object(r);
	enum ws_err rc = check_fields(r, q, fields, n, values, errors);

	json_decref(q);
	return rc;
}

int64_t
req_qint(struct req *r, const char *name, int64_t dflt)
{
	json_t *v = json_object_get(r->query, name);

	return json_is_integer(v) ? json_integer_value(v) : dflt;
}

const char *
req_qstr(struct req *r, const char *name)
{
	const char *s = json_string_value(json_object_get(r->query, name));

	return s ? s : "";
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
	w->detail = N_("Some fields need your attention.");
	return WS_EINVAL;
}
