/*
 * pages.c -- the site's own pages: about, partners, privacy and terms, at
 * /about, /partners, /privacy and /terms, linked from every page's footer.
 *
 * Staff write each in Markdown, in English and in French
 * (/staff/pages/{code}/{lang}).  A reader is shown the page in their
 * language, else in English, else the default text below, so a new hub
 * says at once what it stores and on what terms.  Every save is in the
 * audit log ("page.edited", "CODE/LANG: title"), which the form shows as
 * the page's history.
 */
#include <string.h>

#include "app/app.h"
#include "app/news/news_int.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define PAGE_TITLE_MAX 200
#define PAGE_BODY_MAX 60000

enum page_code { PAGE_ABOUT, PAGE_PARTNERS, PAGE_PRIVACY, PAGE_TERMS, PAGE__MAX };

static const char *const page_codes[] = { "about", "partners", "privacy", "terms" };
_Static_assert(sizeof page_codes / sizeof page_codes[0] == PAGE__MAX, "a code per page");

static const char *const page_langs[] = { "en", "fr", NULL };

/* The text a page has until staff write it (English; the French copy
 * below). */
struct page_default {
	const char *title, *body, *title_fr, *body_fr;
};

static const struct page_default page_defaults[] = {
	[PAGE_ABOUT] = { "About this hub",
	    "This hub brings together non-governmental organizations, academia, the private "
	    "sector and the wider civil society working against organized crime and "
	    "corruption.\n\n"
	    "Members find each other in the directory, share resources, take part in "
	    "capacity building and in intergovernmental meetings, and work with governments "
	    "in country pilot initiatives and constructive dialogues.\n\n"
	    "Organizations join through the [join form](/join); staff review every "
	    "application before anything is shown to others.",
	    "À propos de ce portail",
	    "Ce portail réunit les organisations non gouvernementales, les universités, le "
	    "secteur privé et la société civile qui luttent contre la criminalité organisée "
	    "et la corruption.\n\n"
	    "Les membres se trouvent dans l'annuaire, partagent des ressources, se forment, "
	    "participent aux réunions intergouvernementales et travaillent avec les "
	    "gouvernements dans des initiatives pilotes et des dialogues constructifs.\n\n"
	    "Les organisations adhèrent par le [formulaire d'adhésion](/join) ; l'équipe "
	    "examine chaque demande avant que quoi que ce soit ne soit montré à d'autres." },
	[PAGE_PARTNERS] = { "Partners",
	    "The hub works with governments' focal points, intergovernmental bodies and the "
	    "organizations of its members. [See who our members are](/about/members).",
	    "Partenaires",
	    "Le portail travaille avec les points focaux des gouvernements, les organes "
	    "intergouvernementaux et les organisations de ses membres. "
	    "[Voir qui sont nos membres](/about/members)." },
	[PAGE_PRIVACY] = { "Privacy",
	    "## What the hub stores\n\n"
	    "- Your account: your name, email address, language, time zone and a hash of "
	    "your password (never the password itself).\n"
	    "- Your organization's profile as you wrote it, and your application.\n"
	    "- What you do here: event registrations, applications to calls, course "
	    "progress, resources and messages you share, and a log of changes for "
	    "security.\n\n"
	    "## Who sees what\n\n"
	    "Each field of an organization's profile has its own visibility, which the "
	    "organization chooses: **public** (everyone), **members** (approved members and "
	    "governments' focal points), **non-governmental** (members and staff, never "
	    "governments) or **staff**. Contact details and people are non-governmental "
	    "unless the organization chooses otherwise. The public sees nothing an "
	    "organization did not choose to show.\n\n"
	    "## Your rights\n\n"
	    "You can download everything the hub holds about you from your account page "
	    "and delete your account at any time.",
	    "Confidentialité",
	    "## Ce que le portail conserve\n\n"
	    "- Votre compte : votre nom, votre adresse électronique, votre langue, votre "
	    "fuseau horaire et une empreinte de votre mot de passe (jamais le mot de passe "
	    "lui-même).\n"
	    "- Le profil de votre organisation tel que vous l'avez écrit, et votre "
	    "demande.\n"
	    "- Ce que vous faites ici : inscriptions, candidatures, progression dans les "
	    "cours, ressources et messages partagés, et un journal des modifications pour "
	    "la sécurité.\n\n"
	    "## Qui voit quoi\n\n"
	    "Chaque champ du profil d'une organisation a sa propre visibilité, choisie par "
	    "l'organisation : **public** (tout le monde), **membres** (membres approuvés et "
	    "points focaux des gouvernements), **non gouvernemental** (membres et équipe, "
	    "jamais les gouvernements) ou **équipe**. Les coordonnées et les personnes sont "
	    "non gouvernementales sauf choix contraire. Le public ne voit rien qu'une "
	    "organisation n'a pas choisi de montrer.\n\n"
	    "## Vos droits\n\n"
	    "Vous pouvez télécharger tout ce que le portail conserve sur vous depuis la page "
	    "de votre compte et supprimer votre compte à tout moment." },
	[PAGE_TERMS] = { "Terms of use",
	    "By using this hub you agree to:\n\n"
	    "1. give true information about yourself and your organization;\n"
	    "2. respect the privacy choices of other members: what you see as a member is "
	    "not to be published elsewhere without their consent;\n"
	    "3. share only what you have the right to share;\n"
	    "4. keep discussions respectful; staff may remove what breaks these terms and "
	    "suspend accounts or organizations that do.",
	    "Conditions d'utilisation",
	    "En utilisant ce portail, vous vous engagez à :\n\n"
	    "1. donner des informations exactes sur vous et votre organisation ;\n"
	    "2. respecter les choix de confidentialité des autres membres : ce que vous "
	    "voyez en tant que membre ne doit pas être publié ailleurs sans leur accord ;\n"
	    "3. ne partager que ce que vous avez le droit de partager ;\n"
	    "4. garder des échanges respectueux ; l'équipe peut retirer ce qui enfreint ces "
	    "conditions et suspendre les comptes ou organisations qui le font." },
};
_Static_assert(sizeof page_defaults / sizeof page_defaults[0] == PAGE__MAX,
    "a default per page");

/* The page of code, or PAGE__MAX. */
static enum page_code
page_of(const char *code)
{
	int i;

	for (i = 0; i < PAGE__MAX; i++)
		if (strcmp(page_codes[i], code) == 0)
			return (enum page_code)i;
	return PAGE__MAX;
}

static int
lang_of(const char *lang)
{
	int i;

	for (i = 0; page_langs[i]; i++)
		if (strcmp(page_langs[i], lang) == 0)
			return 1;
	return 0;
}

/* The stored page code in lang: {title, body, updated_at, updated_by}, or
 * WS_ENOTFOUND.  New reference. */
static enum ws_err
page_get(struct db *d, const char *code, const char *lang, json_t **out)
{
	struct db_q *q = db_start(d, ST_PAGE_GET);
	enum ws_err rc;
	char t[40];

	*out = NULL;
	db_bind_text(q, 1, code);
	db_bind_text(q, 2, lang);
	if ((rc = db_step(q)) == WS_OK) {
		time_rfc3339((time_t)db_col_int(q, PAGE_C_UPDATED_AT), t, sizeof t);
		*out = json_pack("{s:s,s:s,s:s,s:s?}", "title", db_col_text(q, PAGE_C_TITLE),
		    "body", db_col_text(q, PAGE_C_BODY), "updated_at", t, "updated_by",
		    db_col_text(q, PAGE_C_UPDATED_BY));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Page p's default in lang.  New reference. */
static json_t *
page_default(enum page_code p, const char *lang)
{
	const struct page_default *d = &page_defaults[p];
	int fr = strcmp(lang, "fr") == 0;

	return json_pack("{s:s,s:s,s:n,s:n}", "title", fr ? d->title_fr : d->title, "body",
	    fr ? d->body_fr : d->body, "updated_at", "updated_by");
}

enum ws_err
h_site_page(struct req *r, struct resp *w)
{
	const char *code = strrchr(r->path, '/');
	const char *lang = r->locale && lang_of(r->locale) ? r->locale : "en";
	enum page_code p;
	json_t *pg = NULL, *v;
	enum ws_err rc;

	p = page_of(code ? code + 1 : "");
	if (p == PAGE__MAX)
		return WS_ENOTFOUND;
	rc = page_get(req_db(r), page_codes[p], lang, &pg);
	if (rc == WS_ENOTFOUND && strcmp(lang, "en") != 0) {
		rc = page_get(req_db(r), page_codes[p], "en", &pg);
		if (rc == WS_OK)
			lang = "en";
	}
	if (rc == WS_ENOTFOUND) {
		pg = page_default(p, lang);
		rc = WS_OK;
	}
	if (rc != WS_OK)
		return rc;
	v = json_pack("{s:s,s:s,s:O,s:O,s:o,s:O,s:O}", "code", page_codes[p], "language", lang,
	    "title", json_object_get(pg, "title"), "body", json_object_get(pg, "body"),
	    "body_html", org_markdown_html(json_string_value(json_object_get(pg, "body"))),
	    "updated_at", json_object_get(pg, "updated_at"), "updated_by",
	    json_object_get(pg, "updated_by"));
	json_decref(pg);
	if (!r->api) {
		json_object_set_new(v, "is_staff", json_boolean(r->user &&
		    r->user->role >= ROLE_STAFF));
		json_object_set(v, "heading", json_object_get(v, "title"));
	}
	if (r->api)	/* who wrote it is for staff */
		json_object_del(v, "updated_by");
	else if (!(r->user && r->user->role >= ROLE_STAFF))
		json_object_del(v, "updated_by");
	resp_value(w, v);
	w->tpl = "site_page";
	w->title = json_string_value(json_object_get(v, "title"));
	return WS_OK;
}

enum ws_err
h_staff_pages(struct req *r, struct resp *w)
{
	json_t *items = json_array(), *pg;
	enum ws_err rc = WS_OK;
	int p, l;

	for (p = 0; p < PAGE__MAX && rc == WS_OK; p++)
		for (l = 0; page_langs[l] && rc == WS_OK; l++) {
			json_t *it;

			rc = page_get(req_db(r), page_codes[p], page_langs[l], &pg);
			if (rc == WS_ENOTFOUND) {
				pg = page_default((enum page_code)p, page_langs[l]);
				rc = WS_OK;
			}
			if (rc != WS_OK)
				break;
			it = json_pack("{s:s,s:s,s:O,s:O,s:b}", "code", page_codes[p], "language",
			    page_langs[l], "title", json_object_get(pg, "title"), "updated_at",
			    json_object_get(pg, "updated_at"), "written",
			    !json_is_null(json_object_get(pg, "updated_at")));
			json_decref(pg);
			json_array_append_new(items, it);
		}
	if (rc != WS_OK) {
		json_decref(items);
		return rc;
	}
	resp_value(w, json_pack("{s:o}", "items", items));
	w->tpl = "staff_pages";
	w->title = N_("The site's pages");
	return WS_OK;
}

/* Who changed page code in lang, newest first: [{at, by, title}].  New
 * reference. */
static json_t *
page_history(struct req *r, const char *code, const char *lang)
{
	struct db_q *q = db_start(req_db(r), ST_PAGE_HISTORY);
	json_t *out = json_array();
	char t[40];

	db_bind_text(q, 1, arena_printf(r->a, "%s/%s:%%", code, lang));
	while (db_step(q) == WS_OK) {
		const char *detail = db_col_text(q, PAGE_HIST_C_DETAIL);
		const char *colon = detail ? strchr(detail, ':') : NULL;

		time_rfc3339((time_t)db_col_int(q, PAGE_HIST_C_AT), t, sizeof t);
		json_array_append_new(out, json_pack("{s:s,s:s?,s:s}", "at", t, "by",
		    db_col_text(q, PAGE_HIST_C_NAME), "title", colon ? colon + 2 : ""));
	}
	db_end(q);
	return out;
}

/* r's {code} and {lang}, checked. */
static enum ws_err
page_params(struct req *r, enum page_code *p, const char **lang)
{
	*p = page_of(r->params[0]);
	*lang = r->params[1];
	return *p == PAGE__MAX || !lang_of(*lang) ? WS_ENOTFOUND : WS_OK;
}

static json_t *
form_value(struct req *r, enum page_code p, const char *lang, json_t *form)
{
	return json_pack("{s:s,s:s,s:O,s:o,s:s}", "code", page_codes[p], "language", lang,
	    "form", form, "history", page_history(r, page_codes[p], lang), "view_url",
	    arena_printf(r->a, "/%s", page_codes[p]));
}

enum ws_err
h_page_form(struct req *r, struct resp *w)
{
	enum page_code p;
	const char *lang;
	json_t *pg = NULL;
	enum ws_err rc;

	if ((rc = page_params(r, &p, &lang)) != WS_OK)
		return rc;
	rc = page_get(req_db(r), page_codes[p], lang, &pg);
	if (rc == WS_ENOTFOUND) {
		pg = page_default(p, lang);
		rc = WS_OK;
	}
	if (rc != WS_OK)
		return rc;
	resp_value(w, form_value(r, p, lang, pg));
	json_decref(pg);
	w->tpl = "staff_page_form";
	w->title = N_("Edit the page");
	return WS_OK;
}

enum ws_err
h_page_save(struct req *r, struct resp *w)
{
	static const struct field fields[] = {
		{ "title", FT_LINE, 1, 2, PAGE_TITLE_MAX, NULL, NULL, NULL },
		{ "body", FT_TEXT, 1, 1, PAGE_BODY_MAX, NULL, NULL, NULL },
	};
	json_t *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	enum page_code p;
	const char *lang;
	struct db_q *q;
	enum ws_err rc;

	if ((rc = page_params(r, &p, &lang)) != WS_OK)
		return rc;
	if ((rc = form_check(r, fields, 2, &values, &errors)) != WS_OK) {
		resp_value(w, form_value(r, p, lang, values));
		json_decref(w->errors);
		w->errors = json_incref(errors);
		w->tpl = "staff_page_form";
		w->title = N_("Edit the page");
		w->detail = N_("Some fields need your attention.");
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, ST_PAGE_PUT);
	db_bind_text(q, 1, page_codes[p]);
	db_bind_text(q, 2, lang);
	db_bind_text(q, 3, json_string_value(json_object_get(values, "title")));
	db_bind_text(q, 4, json_string_value(json_object_get(values, "body")));
	db_bind_int(q, 5, r->user->id);
	db_bind_int(q, 6, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "page.edited", r->ip, arena_printf(r->a,
		    "%s/%s: %s", page_codes[p], lang, json_string_value(json_object_get(values,
		    "title"))));
		rc = db_commit(d);
	} else {
		db_rollback(d);
	}
	if (rc == WS_OK) {
		resp_value(w, json_pack("{s:s,s:s,s:O}", "code", page_codes[p], "language", lang,
		    "title", json_object_get(values, "title")));
		resp_redirect(w, arena_printf(r->a, "/staff/pages/%s/%s", page_codes[p], lang));
	}
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}
