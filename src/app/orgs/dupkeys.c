/*
 * dupkeys.c -- what makes two organizations likely duplicates, defined once.
 *
 * An organization (or an application for one) has up to DUP__MAX keys, one
 * per rule: its normalized name in its country, its acronym in its
 * country, its website's domain, its contact address's domain; an
 * individual expert's application has two of its own, the person's
 * normalized name and address, so experts match experts only.  Two of them
 * are likely duplicates when they share a key, and the reason staff read
 * is the first rule whose key they share.  org_dupkeys_of() computes the
 * keys; they are stored in org_keys and app_keys, so the statements that
 * find duplicates (ST_ORG_DUPS, ST_APP_DUPS, ST_ORG_DUP_KEYS) only compare
 * equal strings and the CSV import compares the same strings in memory.
 * Nothing else may decide what a duplicate is.
 *
 * The normalization of names and domains lives here too.  When it or the
 * rules change, DUPKEYS_VERSION goes up and org_dupkeys_refill() recomputes
 * the stored keys of every row at the next start.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/orgs/orgs_int.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"

/* Rows whose keys_version is lower get their keys computed again.  1: the
 * first stored keys (names folded: case and accents of Latin letters). */
#define DUPKEYS_VERSION 1

/* ---- names -------------------------------------------------------------- */

/* U+00C0 to U+017F (Latin-1 Supplement letters, Latin Extended-A) as plain
 * lower-case ASCII; "" for the two signs among them (multiplication,
 * division), which separate words like punctuation. */
static const char *const latin_fold[0x180 - 0xC0] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",	/* U+00C0 */
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",	/* U+00D0 */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",	/* U+00E0 */
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",	/* U+00F0 */
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",	/* U+0100 */
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",	/* U+0110 */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",	/* U+0120 */
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",	/* U+0130 */
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",	/* U+0140 */
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",	/* U+0150 */
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",	/* U+0160 */
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",	/* U+0170 */
};

char *
org_norm_name(struct arena *a, const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t n = strlen(name), k = 0;
	char *out = arena_alloc(a, 2 * n + 1);	/* "ß" (2 bytes) becomes "ss" */
	int space = 0;

	while (*s) {
		const char *fold = NULL;
		unsigned cp = 0;
		size_t len = 1;

		if (s[0] >= 0xC3 && s[0] <= 0xC5 && (s[1] & 0xC0) == 0x80) {
			cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
			if (cp >= 0xC0) {
				fold = latin_fold[cp - 0xC0];
				len = 2;
			}
		} else if (s[0] == 0xC2 && (s[1] & 0xC0) == 0x80) {
			fold = "";	/* U+0080-U+00BF: no-break space, quotes, signs */
			len = 2;
		} else if (s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81) &&
		    (s[2] & 0xC0) == 0x80) {
			fold = "";	/* General Punctuation: dashes, quotes, spaces */
			len = 3;
		}
		if (fold ? *fold != '\0' : isalnum(s[0]) || s[0] >= 0x80) {
			if (space && k)
				out[k++] = ' ';
			if (fold) {
				memcpy(out + k, fold, strlen(fold));
				k += strlen(fold);
			} else {
				out[k++] = (char)tolower(s[0]);	/* other UTF-8 bytes: kept */
			}
			space = 0;
		} else {
			space = 1;
		}
		s += len;
	}
	out[k] = '\0';
	return out;
}

/* ---- domains ------------------------------------------------------------ */

char *
url_domain(struct arena *a, const char *url)
{
	const char *h = url, *end;
	char *d;

	if (!url || !*url)
		return arena_strdup(a, "");
	if (strncasecmp(h, "https://", 8) == 0)
		h += 8;
	else if (strncasecmp(h, "http://", 7) == 0)
		h += 7;
	if (strncasecmp(h, "www.", 4) == 0)
		h += 4;
	end = h + strcspn(h, "/:?#");
	d = arena_strndup(a, h, (size_t)(end - h));
	return ascii_lower(d);
}

/* Addresses at these domains say nothing about an organization: anyone can
 * have one.  "name.*" stands for name under any top-level domain or two
 * (gmx.de, yandex.com.tr). */
static const char *const webmail[] = {
	"gmail.com", "googlemail.com", "yahoo.*", "ymail.com", "hotmail.*", "outlook.*",
	"live.*", "msn.com", "aol.*", "icloud.com", "me.com", "mac.com", "proton.me",
	"protonmail.*", "pm.me", "gmx.*", "web.de", "mail.ru", "inbox.ru", "bk.ru", "list.ru",
	"yandex.*", "ya.ru", "qq.com", "163.com", "126.com", "zoho.com", "tutanota.*",
	"tuta.io", "mail.com", "orange.fr", "free.fr", "laposte.net", "rediffmail.com",
	"fastmail.*", "hushmail.com", "seznam.cz", "naver.com", NULL
};

int
org_domain_is_webmail(const char *domain)
{
	const char *const *w;
	size_t n;

	for (w = webmail; *w; w++) {
		n = strlen(*w);
		if (n > 2 && strcmp(*w + n - 2, ".*") == 0) {
			const char *rest = domain + n - 1, *dot;

			/* "name." then one or two labels, none empty */
			if (strncasecmp(domain, *w, n - 1) != 0 || !*rest || *rest == '.')
				continue;
			dot = strchr(rest, '.');
			if (!dot || (dot[1] && dot[1] != '.' && !strchr(dot + 1, '.')))
				return 1;
		} else if (strcasecmp(*w, domain) == 0) {
			return 1;
		}
	}
	return 0;
}

char *
email_org_domain(struct arena *a, const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	char *d;

	if (!at)
		return arena_strdup(a, "");
	d = ascii_lower(arena_strdup(a, at + 1));
	return org_domain_is_webmail(d) ? arena_strdup(a, "") : d;
}

/* Sites where many organizations have a page (the organization is in the
 * path, which url_domain drops): sharing one says nothing either. */
static const char *const shared_sites[] = {
	"facebook.com", "m.facebook.com", "fb.com", "instagram.com", "linkedin.com",
	"twitter.com", "x.com", "youtube.com", "tiktok.com", "linktr.ee", "medium.com",
	"sites.google.com", "google.com", "t.me", "wa.me", NULL
};

static int
shared_site(const char *domain)
{
	const char *const *s;

	for (s = shared_sites; *s; s++)
		if (strcmp(*s, domain) == 0)
			return 1;
	return org_domain_is_webmail(domain);
}

/* ---- keys --------------------------------------------------------------- */

static const char *const dup_why[] = {
	"same name in the same country", "same acronym in the same country",
	"same website domain", "same email domain", "same person's name", "same email address"
};
_Static_assert(sizeof dup_why / sizeof dup_why[0] == DUP__MAX, "a reason per rule");

const char *
org_dupkeys_why(int rule)
{
	return rule >= 0 && rule < DUP__MAX ? dup_why[rule] : "similar";
}

/* An acronym without its spaces: "U.N.O.", "U N O" and "UNO" are one. */
static char *
squash(struct arena *a, const char *norm)
{
	char *out = arena_strdup(a, norm), *p, *q;

	for (p = q = out; *p; p++)
		if (*p != ' ')
			*q++ = *p;
	*q = '\0';
	return out;
}

void
org_dupkeys_of(struct arena *a, const struct app_keys *k, struct dup_keys *out)
{
	const char *site = k->website_domain, *mail = k->email_domain;
	int i;

	if (k->person_email) {	/* an expert: a person, by name and address */
		for (i = 0; i < DUP__MAX; i++)
			out->key[i] = "";
		out->key[DUP_PERSON] = *k->norm_name ?
		    arena_printf(a, "person:%s", k->norm_name) : "";
		out->key[DUP_EMAIL] = *k->person_email ?
		    arena_printf(a, "email:%s", k->person_email) : "";
		return;
	}
	out->key[DUP_PERSON] = out->key[DUP_EMAIL] = "";
	out->key[DUP_NAME] = *k->norm_name ?
	    arena_printf(a, "name:%s|%s", k->norm_name, k->country) : "";
	out->key[DUP_ACRONYM] = *k->norm_acronym ?
	    arena_printf(a, "acronym:%s|%s", squash(a, k->norm_acronym), k->country) : "";
	out->key[DUP_SITE] = *site && !shared_site(site) ? arena_printf(a, "site:%s", site) : "";
	out->key[DUP_MAIL] = *mail && !org_domain_is_webmail(mail) ?
	    arena_printf(a, "mail:%s", mail) : "";
}

void
org_dupkeys_bind(struct db_q *q, int first, const struct dup_keys *dk)
{
	int i;

	for (i = 0; i < DUP__MAX; i++)
		db_bind_text(q, first + i, dk->key[i]);	/* "": no stored key is empty */
}

/* Replaces the stored keys of row id (an organization or an application,
 * by the statements given) with those of k, and its normalized columns. */
static enum ws_err
put(struct db *d, enum db_stmt del, enum db_stmt add, enum db_stmt done, int64_t id,
    const struct app_keys *k)
{
	struct arena *a = arena_new();
	struct dup_keys dk;
	struct db_q *q;
	enum ws_err rc;
	int i;

	org_dupkeys_of(a, k, &dk);
	q = db_start(d, del);
	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	for (i = 0; rc == WS_OK && i < DUP__MAX; i++) {
		if (!*dk.key[i])
			continue;
		q = db_start(d, add);
		db_bind_int(q, 1, id);
		db_bind_int(q, 2, i);
		db_bind_text(q, 3, dk.key[i]);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK) {
		q = db_start(d, done);
		db_bind_text(q, 1, k->norm_name);
		db_bind_text(q, 2, k->norm_acronym);
		db_bind_int(q, 3, DUPKEYS_VERSION);
		db_bind_int(q, 4, id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	arena_free(a);
	return rc;
}

enum ws_err
org_dupkeys_put_org(struct db *d, int64_t org_id, const struct app_keys *k)
{
	return put(d, ST_ORG_KEYS_DELETE, ST_ORG_KEYS_ADD, ST_ORG_KEYS_DONE, org_id, k);
}

enum ws_err
org_dupkeys_put_app(struct db *d, int64_t app_id, const struct app_keys *k)
{
	return put(d, ST_APP_KEYS_DELETE, ST_APP_KEYS_ADD, ST_APP_KEYS_DONE, app_id, k);
}

/* ---- keys of rows stored before ---------------------------------------- */

#define REFILL_BATCH 500

/* Recomputes the keys of up to REFILL_BATCH stale rows of one table, in
 * one transaction; *n is how many. */
static enum ws_err
refill_batch(struct db *d, int orgs, size_t *n)
{
	struct arena *a = arena_new();
	int64_t ids[REFILL_BATCH];
	struct app_keys keys[REFILL_BATCH];
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	*n = 0;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, orgs ? ST_ORG_KEYS_STALE : ST_APP_KEYS_STALE);
	db_bind_int(q, 1, DUPKEYS_VERSION);
	db_bind_int(q, 2, REFILL_BATCH);
	while (*n < REFILL_BATCH && (rc = db_step(q)) == WS_OK) {
		json_error_t err;
		json_t *data;

		ids[*n] = db_col_int(q, ORG_KEYS_STALE_C_ID);	/* APP_KEYS_STALE_C_ID too */
		if (orgs)	/* id, name, acronym, country, website, contact_email */
			data = json_pack("{s:{s:s,s:s,s:s,s:s},s:{s:s}}", "organization",
			    "name", db_col_text(q, ORG_KEYS_STALE_C_NAME), "acronym",
			    db_col_text(q, ORG_KEYS_STALE_C_ACRONYM), "country",
			    db_col_text(q, ORG_KEYS_STALE_C_COUNTRY), "website",
			    db_col_text(q, ORG_KEYS_STALE_C_WEBSITE), "contact", "email",
			    db_col_text(q, ORG_KEYS_STALE_C_EMAIL));
		else		/* id, data */
			data = json_loads(db_col_text(q, APP_KEYS_STALE_C_DATA), 0, &err);
		app_keys_of(a, data, &keys[(*n)++]);
		json_decref(data);
	}
	db_end(q);
	if (rc == WS_EDONE || rc == WS_OK)
		rc = WS_OK;
	for (i = 0; rc == WS_OK && i < *n; i++)
		rc = orgs ? org_dupkeys_put_org(d, ids[i], &keys[i]) :
		    org_dupkeys_put_app(d, ids[i], &keys[i]);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
out:
	arena_free(a);
	return rc;
}

enum ws_err
org_dupkeys_refill(struct db *d, size_t *done)
{
	enum ws_err rc = WS_OK;
	size_t n;
	int orgs;

	*done = 0;
	for (orgs = 1; orgs >= 0 && rc == WS_OK; orgs--)
		do {
			rc = refill_batch(d, orgs, &n);
			*done += n;
		} while (rc == WS_OK && n == REFILL_BATCH);
	if (rc == WS_OK && *done)
		log_info("duplicate keys computed for %zu stored rows", *done);
	return rc;
}
