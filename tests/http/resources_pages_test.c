/*
 * resources_pages_test.c -- sharing and changing a resource through the
 * pages, without JavaScript (issue 13): /resources/new and
 * /resources/{id}/edit, multipart forms with a CSRF token.
 *
 * A member of one organization opens the form from the library, sends it
 * with mistakes and gets it back with a message by each field and what
 * they typed (the files they chose named as lost: a browser cannot keep
 * them), then sends it right: it is "Submitted for review", with the
 * notice that staff will review it.  A file that is not what its name
 * says, or is over the limit, is refused by the same checks as the API,
 * by the file field.  Staff ask for changes; the member edits it (the
 * reason shown on the form) and submits it again.  Members of another
 * organization get a 404 for its form, a colleague who is neither its
 * submitter nor an admin a 403.  Staff share one from the same form and
 * publish it.  The review page and the owner's page name kinds and
 * statuses in words, in English and French; the list's excerpts read as
 * text, without Markdown marks.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define MB (1024 * 1024)

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ada_tok[129];
static int64_t quillon, meridian;
/* The resource Ada shares through the form. */
static int64_t shared;

#define TXT(name, text) { "file", (text), 0, (name), "text/plain" }
#define FIELD(name, value) { (name), (value), 0, NULL, NULL }
#define NOFILE { "file", "", 0, "", "application/octet-stream" }

/* ---- helpers ------------------------------------------------------------ */

/* `whatson import orgs` of one organization; its id. */
static int64_t
org_made(const char *name, const char *country, const char *email)
{
	int64_t id = ts_org_import(db_url, name, country, email, NULL);

	assert_true(id > 0);
	return id;
}

/* An account with role (org > 0: a member of it); its token in tok (may
 * be NULL). */
static void
account(const char *email, const char *role, int64_t org, char *tok)
{
	char in[64], out[4096], org_s[24];
	const struct ts_res *r;
	json_t *j;

	snprintf(in, sizeof in, "%s\n", PW);
	snprintf(org_s, sizeof org_s, "%lld", (long long)org);
	if (org > 0)
		assert_int_equal(ts_whatson(in, out, sizeof out, "user", "add", "--db", db_url,
		    "--email", email, "--name", email, "--role", role, "--org", org_s,
		    (char *)NULL), 0);
	else
		assert_int_equal(ts_whatson(in, out, sizeof out, "user", "add", "--db", db_url,
		    "--email", email, "--name", email, "--role", role, (char *)NULL), 0);
	if (!tok)
		return;
	r = ts_call(plain, "POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}", "email",
	    email, "password", PW));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(tok, 129, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
}

/* A browser signed in as email. */
static struct ts_browser *
web_of(const char *email)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);

	assert_int_equal(ts_signin(b, email, PW), 303);
	return b;
}

/* Resource id as token sees it (JSON).  Caller decrefs. */
static json_t *
res_json(int64_t id, const char *token)
{
	char path[96];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	r = ts_call(plain, "GET", path, token, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

/* The resource id a 303 to /resources/{id} names. */
static int64_t
saved_id(const struct ts_res *r)
{
	const char *loc = ts_header(r, "Location");
	int64_t id;

	if (r->status != 303 || !loc || strncmp(loc, "/resources/", 11) != 0)
		printf("# status %ld, Location %s: %.1500s\n", r->status, loc ? loc : "(none)",
		    ts_excerpt(r));
	assert_int_equal(r->status, 303);
	assert_non_null(loc);
	id = strtoll(loc + 11, NULL, 10);
	assert_true(id > 0);
	return id;
}

static void
mailed(const char *to, const char *subject)
{
	struct ts_mail m;

	assert_int_equal(ts_mail_wait(&sink, to, 20000, &m), 0);
	if (!strstr(m.subject, subject))
		printf("# mail to %s: %s\n", to, m.subject);
	assert_non_null(strstr(m.subject, subject));
	ts_mail_free(&m);
}

/* ---- the form ------------------------------------------------------------- */

/* The library leads a member to the form; the form has every field, their
 * organization already chosen, and a token against forged posts. */
static void
test_new_form(void **state)
{
	struct ts_browser *ada = web_of("ada@quillon.example"), *anon = ts_browser_new(&srv, NULL);
	static const char *const fields[] = { "name=\"title\"", "name=\"kind\"",
		"name=\"summary\"", "name=\"authors\"", "name=\"publisher\"", "name=\"year\"",
		"name=\"link\"", "name=\"languages\"", "name=\"themes\"", "name=\"countries\"",
		"name=\"visibility\"", "name=\"file\"", "name=\"file_language\"",
		"name=\"csrf\"", "enctype=\"multipart/form-data\"",
		"value=\"submitted\"", "value=\"draft\"" };
	const struct ts_res *r;
	char want[96];
	size_t i;

	(void)state;
	r = ts_get(ada, "/resources");
	STATUS(r, 200);
	HAS(r, "href=\"/resources/new\"");
	LACKS(r, "POST /api/v1/resources");
	r = ts_get(ada, "/resources/new");
	STATUS(r, 200);
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		HAS(r, fields[i]);
	HAS(r, "Quillon Ledger Trust");
	snprintf(want, sizeof want, "name=\"organization_id\" value=\"%lld\"", (long long)quillon);
	HAS(r, want);
	HAS(r, "Staff review what members share");
	LACKS(r, "value=\"published\"");	/* members do not publish */
	r = ts_get(ada, "/resources/new?lang=fr");
	HAS(r, "Partager une ressource");
	HAS(r, "Titre de la ressource");
	HAS(r, "Soumettre à l");
	STATUS(ts_get(ada, "/resources?lang=en"), 200);	/* the choice is kept */
	/* a visitor is asked to sign in */
	r = ts_get(anon, "/resources/new");
	STATUS(r, 303);
	assert_string_equal(ts_header(r, "Location"), "/signin?next=/resources/new");
	/* no token, no resource */
	{
		static const char *const mp[] = {
			"Content-Type: multipart/form-data; boundary=b0", NULL };
		static const char body[] = "--b0\r\nContent-Disposition: form-data; name=\"title\""
		    "\r\n\r\nForged\r\n--b0\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
		    "guide\r\n--b0\r\nContent-Disposition: form-data; name=\"link\"\r\n\r\n"
		    "https://example.org/forged\r\n--b0--\r\n";

		r = ts_req(ada, "POST", "/resources/new", mp, body, sizeof body - 1);
		STATUS(r, 403);
	}
	ts_browser_free(ada);
	ts_browser_free(anon);
}

/* Sent with mistakes, the form comes back with a message by each field
 * and everything typed, the chosen file named as lost; sent right, the
 * resource is submitted and its page says staff will review it. */
static void
test_submit_with_errors(void **state)
{
	struct ts_browser *ada = web_of("ada@quillon.example");
	char org[24], path[96];
	const struct ts_res *r;
	json_t *j, *files;

	(void)state;
	snprintf(org, sizeof org, "%lld", (long long)quillon);
	STATUS(ts_get(ada, "/resources/new"), 200);
	{
		const struct ts_part parts[] = {
			FIELD("title", ""), FIELD("kind", "guide"),
			FIELD("summary", "Boats & <nets> counted **by hand**."),
			FIELD("authors", "Ada Lovelace\nCy Twombly"), FIELD("publisher", "Quillon Press"),
			FIELD("year", "19x4"), FIELD("link", ""),
			FIELD("languages", "en"), FIELD("languages", "fr"),
			FIELD("themes", "corruption"), FIELD("themes", "firearms"),
			FIELD("countries", "KE"), FIELD("organization_id", org),
			FIELD("visibility", "members"),
			TXT("counts.txt", "Boats counted at dawn."), NOFILE, NOFILE,
			FIELD("file_language", "fr"), FIELD("file_language", ""),
			FIELD("file_language", ""), FIELD("status", "submitted"),
		};

		r = ts_multipart(ada, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	STATUS(r, 422);
	HAS(r, "Share a resource");
	HAS(r, "id=\"e-title\"");
	HAS(r, "This field is required.");
	HAS(r, "id=\"e-year\"");
	HAS(r, "Enter a year from 1900 to 2100.");
	HAS(r, "value=\"19x4\"");
	HAS(r, "Boats &amp; &lt;nets&gt; counted **by hand**.");
	HAS(r, "Ada Lovelace\nCy Twombly");
	HAS(r, "value=\"Quillon Press\"");
	HAS(r, "value=\"corruption\" checked");
	HAS(r, "value=\"firearms\" checked");
	HAS(r, "value=\"fr\" selected");
	HAS(r, "value=\"KE\" selected");
	HAS(r, "value=\"members\" selected");
	HAS(r, "choose them again");
	LACKS(r, "id=\"e-kind\"");
	/* nothing was stored */
	j = ts_jbody(ts_call(plain, "GET", "/api/v1/resources?status=submitted", ada_tok, NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);

	/* in French, the messages too */
	{
		const struct ts_part parts[] = { FIELD("title", "x"), FIELD("kind", "guide"),
			FIELD("organization_id", org), FIELD("link", "https://example.org/x") };

		r = ts_multipart(ada, "/resources/new?lang=fr", 1, parts, 4);
	}
	STATUS(r, 422);
	HAS(r, "Certains champs");
	STATUS(ts_get(ada, "/resources?lang=en"), 200);

	/* right this time */
	STATUS(ts_get(ada, "/resources/new"), 200);
	{
		const struct ts_part parts[] = {
			FIELD("title", "Counting boats at dawn"), FIELD("kind", "guide"),
			FIELD("summary", "Boats counted **by hand**."),
			FIELD("authors", "Ada Lovelace\nCy Twombly"), FIELD("publisher", "Quillon Press"),
			FIELD("year", "2024"), FIELD("link", ""),
			FIELD("languages", "en"), FIELD("languages", "fr"),
			FIELD("themes", "corruption"), FIELD("countries", "KE"),
			FIELD("organization_id", org), FIELD("visibility", "members"),
			NOFILE, TXT("comptes.txt", "Bateaux comptés à l'aube."), NOFILE,
			FIELD("file_language", ""), FIELD("file_language", "fr"),
			FIELD("file_language", ""), FIELD("status", "submitted"),
		};

		r = ts_multipart(ada, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	shared = saved_id(r);
	j = res_json(shared, ada_tok);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "submitted");
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "Counting boats at dawn");
	assert_int_equal(json_array_size(json_object_get(j, "authors")), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), quillon);
	files = json_object_get(j, "files");
	assert_int_equal(json_array_size(files), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(files, 0), "name")),
	    "comptes.txt");
	assert_string_equal(json_string_value(json_object_get(json_array_get(files, 0),
	    "language")), "fr");
	json_decref(j);
	snprintf(path, sizeof path, "/resources/%lld", (long long)shared);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "Submitted for review");
	HAS(r, "Staff will review it");
	snprintf(path, sizeof path, "href=\"/resources/%lld/edit\"", (long long)shared);
	HAS(r, path);
	ts_browser_free(ada);
}

/* Files go through the API's checks: a PDF that is HTML, an empty file, a
 * file over the limit: each named by the file field, the rest kept. */
static void
test_bad_files(void **state)
{
	struct ts_browser *ada = web_of("ada@quillon.example");
	char org[24];
	const struct ts_res *r;
	json_t *j;
	int64_t before;

	(void)state;
	snprintf(org, sizeof org, "%lld", (long long)quillon);
	j = ts_jbody(ts_call(plain, "GET", "/api/v1/resources?per_page=100", ada_tok, NULL));
	before = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	STATUS(ts_get(ada, "/resources/new"), 200);
	{
		const struct ts_part parts[] = {
			FIELD("title", "Harbour report"), FIELD("kind", "report"),
			FIELD("organization_id", org),
			{ "file", "<!doctype html><p>not a pdf</p>\n", 0, "report.pdf",
			    "application/pdf" },
		};

		r = ts_multipart(ada, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	STATUS(r, 422);
	HAS(r, "id=\"e-file\"");
	HAS(r, "report.pdf is not a real PDF file");
	HAS(r, "value=\"Harbour report\"");
	HAS(r, "value=\"report\" selected");
	HAS(r, "choose them again");
	{
		const struct ts_part parts[] = {
			FIELD("title", "Harbour report"), FIELD("kind", "report"),
			FIELD("organization_id", org), { "file", "", 0, "empty.txt", "text/plain" },
		};

		r = ts_multipart(ada, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	STATUS(r, 422);
	HAS(r, "The file empty.txt is empty.");
	/* neither a file nor a link */
	{
		const struct ts_part parts[] = {
			FIELD("title", "Harbour report"), FIELD("kind", "report"),
			FIELD("organization_id", org), NOFILE, NOFILE, NOFILE,
		};

		r = ts_multipart(ada, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	STATUS(r, 422);
	HAS(r, "Add a file or a link.");
	LACKS(r, "choose them again");	/* none was chosen */
	/* over the limit (--resource-max 2): the form again, with a 413 */
	{
		size_t n = 2 * MB + MB / 2;
		char *big = malloc(n);

		assert_non_null(big);
		memset(big, 'a', n);
		{
			const struct ts_part parts[] = { FIELD("title", "Too big a report"),
				FIELD("kind", "report"), FIELD("organization_id", org),
				{ "file", big, n, "big.txt", "text/plain" } };

			r = ts_multipart(ada, "/resources/new", 1, parts, 4);
		}
		free(big);
	}
	STATUS(r, 413);
	HAS(r, "big.txt is over the limit of 2 MB");
	HAS(r, "value=\"Too big a report\"");
	j = ts_jbody(ts_call(plain, "GET", "/api/v1/resources?per_page=100", ada_tok, NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), before);
	json_decref(j);
	ts_browser_free(ada);
}

/* ---- editing -------------------------------------------------------------- */

/* Staff ask for changes; the member's edit form shows why and what is
 * stored; they change it and submit it again.  A list left with nothing
 * chosen on the form is emptied. */
static void
test_edit_and_resubmit(void **state)
{
	struct ts_browser *ada = web_of("ada@quillon.example");
	char path[96], org[24];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	assert_true(shared > 0);
	snprintf(org, sizeof org, "%lld", (long long)quillon);
	snprintf(path, sizeof path, "/api/v1/resources/%lld/request-info", (long long)shared);
	STATUS(ts_call(plain, "POST", path, staff_tok, json_pack("{s:s}", "reason",
	    "Say which harbour, please.")), 200);
	mailed("ada@quillon.example", "changes needed");

	snprintf(path, sizeof path, "/resources/%lld", (long long)shared);
	r = ts_get(ada, path);
	HAS(r, "Changes requested");
	HAS(r, "Staff asked for changes");
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)shared);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "Edit the resource");
	HAS(r, "Say which harbour, please.");
	HAS(r, "value=\"Counting boats at dawn\"");
	HAS(r, "Ada Lovelace\nCy Twombly");
	HAS(r, "value=\"corruption\" checked");
	HAS(r, "comptes.txt");
	HAS(r, "value=\"2024\"");

	/* a mistake first: kept, nothing changed */
	{
		const struct ts_part parts[] = {
			FIELD("title", "Counting boats at dawn in Mombasa"), FIELD("kind", "guide"),
			FIELD("summary", "Boats counted by hand in Mombasa."),
			FIELD("authors", "Ada Lovelace"), FIELD("year", "2024"),
			FIELD("link", "javascript:alert(1)"), FIELD("visibility", "members"),
			FIELD("languages", "en"), FIELD("status", "submitted"),
		};

		r = ts_multipart(ada, path, 1, parts, sizeof parts / sizeof parts[0]);
	}
	STATUS(r, 422);
	HAS(r, "id=\"e-link\"");
	HAS(r, "value=\"Counting boats at dawn in Mombasa\"");
	j = res_json(shared, ada_tok);
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "Counting boats at dawn");
	json_decref(j);

	/* then right: no theme ticked empties the themes */
	{
		const struct ts_part parts[] = {
			FIELD("title", "Counting boats at dawn in Mombasa"), FIELD("kind", "guide"),
			FIELD("summary", "Boats counted by hand in Mombasa."),
			FIELD("authors", "Ada Lovelace"), FIELD("year", "2024"), FIELD("link", ""),
			FIELD("visibility", "members"), FIELD("languages", "en"),
			FIELD("countries", "KE"), NOFILE, NOFILE, NOFILE,
			FIELD("organization_id", "1"),	/* whose it is does not change */
			FIELD("status", "submitted"),
		};

		r = ts_multipart(ada, path, 1, parts, sizeof parts / sizeof parts[0]);
	}
	assert_int_equal(saved_id(r), shared);
	j = res_json(shared, ada_tok);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "submitted");
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "Counting boats at dawn in Mombasa");
	assert_int_equal(json_array_size(json_object_get(j, "themes")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "authors")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "files")), 1);	/* kept */
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), quillon);
	json_decref(j);
	ts_browser_free(ada);
}

/* Another organization's member gets a 404 for the form and for sending
 * it, as from the API; a colleague who is neither the submitter nor an
 * admin a 403; after publication only staff. */
static void
test_others_cannot_edit(void **state)
{
	struct ts_browser *mo = web_of("mo@meridian.example"), *cy = web_of("cy@quillon.example");
	struct ts_browser *fe = web_of("fe@interior.go.ke");
	char path[96];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	assert_true(shared > 0);
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)shared);
	STATUS(ts_get(mo, path), 404);
	STATUS(ts_get(mo, "/resources/new"), 200);	/* mo's token for the post */
	{
		const struct ts_part parts[] = { FIELD("title", "Taken over"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/x") };

		STATUS(ts_multipart(mo, path, 1, parts, 3), 404);
		STATUS(ts_get(cy, "/resources/new"), 200);
		r = ts_multipart(cy, path, 1, parts, 3);
		STATUS(r, 403);
	}
	STATUS(ts_get(cy, path), 403);
	STATUS(ts_get(fe, path), 403);	/* the route is for members and staff */
	STATUS(ts_get(fe, "/resources/new"), 403);
	j = res_json(shared, staff_tok);
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "Counting boats at dawn in Mombasa");
	json_decref(j);
	ts_browser_free(mo);
	ts_browser_free(cy);
	ts_browser_free(fe);
}

/* Staff share from the same form and may publish at once; they open a
 * member's resource's form too. */
static void
test_staff_form(void **state)
{
	struct ts_browser *sam = web_of("sam.staff@hub.test");
	char path[96];
	const struct ts_res *r;
	int64_t id;
	json_t *j;

	(void)state;
	r = ts_get(sam, "/resources/new");
	STATUS(r, 200);
	HAS(r, "value=\"published\"");
	LACKS(r, "name=\"organization_id\"");
	{
		const struct ts_part parts[] = {
			FIELD("title", "Mangrove crime brief"), FIELD("kind", "concept_note"),
			FIELD("summary", "How **mangrove** timber is [laundered](https://example.org/m) "
			    "through `permits`.\n\n- one\n- two"),
			FIELD("link", "https://example.org/mangrove"), FIELD("visibility", "public"),
			FIELD("languages", "en"), FIELD("themes", "environmental_crime"),
			NOFILE, NOFILE, NOFILE, FIELD("status", "published"),
		};

		r = ts_multipart(sam, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	id = saved_id(r);
	j = res_json(id, NULL);	/* published and public: a visitor sees it */
	assert_string_equal(json_string_value(json_object_get(j, "status")), "published");
	json_decref(j);
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)shared);
	r = ts_get(sam, path);
	STATUS(r, 200);
	LACKS(r, "value=\"published\"");	/* a member's is published by review */
	ts_browser_free(sam);
}

/* Regions are on the form and kept; a theme retired since stays on the
 * resources that have it when their form is sent again, and is not
 * offered to, nor accepted on, a new one. */
static void
test_regions_and_retired_theme(void **state)
{
	struct ts_browser *sam = web_of("sam.staff@hub.test");
	char path[96];
	const struct ts_res *r;
	int64_t id;
	json_t *j;

	(void)state;
	r = ts_get(sam, "/resources/new");
	HAS(r, "id=\"f-regions\"");
	HAS(r, "<option value=\"002\">Africa</option>");
	{
		const struct ts_part parts[] = {
			FIELD("title", "Ports of East Africa"), FIELD("kind", "report"),
			FIELD("link", "https://example.org/ports"), FIELD("visibility", "public"),
			FIELD("languages", "en"), FIELD("themes", "environmental_crime"),
			FIELD("themes", "corruption"), FIELD("regions", "002"),
			FIELD("regions", "014"), NOFILE, FIELD("status", "published"),
		};

		r = ts_multipart(sam, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	id = saved_id(r);
	j = res_json(id, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "regions")), 2);
	json_decref(j);
	STATUS(ts_call(plain, "POST", "/api/v1/staff/themes/environmental_crime/retire",
	    staff_tok, NULL), 200);

	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)id);
	r = ts_get(sam, path);
	HAS(r, "value=\"environmental_crime\" checked");
	HAS(r, "<option value=\"002\" selected>Africa</option>");
	{
		const struct ts_part parts[] = {
			FIELD("title", "Ports of East Africa, 2026"), FIELD("kind", "report"),
			FIELD("link", "https://example.org/ports"), FIELD("visibility", "public"),
			FIELD("languages", "en"), FIELD("themes", "environmental_crime"),
			FIELD("themes", "corruption"), FIELD("regions", "014"), NOFILE,
		};

		id = saved_id(ts_multipart(sam, path, 1, parts, sizeof parts / sizeof parts[0]));
	}
	j = res_json(id, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "Ports of East Africa, 2026");
	assert_int_equal(json_array_size(json_object_get(j, "themes")), 2);	/* kept */
	assert_int_equal(json_array_size(json_object_get(j, "regions")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "regions"), 0)),
	    "014");
	json_decref(j);

	r = ts_get(sam, "/resources/new");
	LACKS(r, "value=\"environmental_crime\"");
	{
		const struct ts_part parts[] = {
			FIELD("title", "A new one on a retired theme"), FIELD("kind", "report"),
			FIELD("link", "https://example.org/late"), FIELD("themes",
			    "environmental_crime"), NOFILE, FIELD("status", "draft"),
		};

		r = ts_multipart(sam, "/resources/new", 1, parts, sizeof parts / sizeof parts[0]);
	}
	STATUS(r, 422);
	HAS(r, "id=\"e-themes\"");
	HAS(r, "value=\"A new one on a retired theme\"");
	STATUS(ts_call(plain, "POST", "/api/v1/staff/themes/environmental_crime/restore",
	    staff_tok, NULL), 200);
	ts_browser_free(sam);
}

/* ---- words instead of codes ---------------------------------------------- */

static void
test_labels(void **state)
{
	struct ts_browser *sam = web_of("sam.staff@hub.test"), *ada = web_of("ada@quillon.example");
	char path[96];
	const struct ts_res *r;

	(void)state;
	r = ts_get(sam, "/staff/resources");
	STATUS(r, 200);
	HAS(r, "Counting boats at dawn in Mombasa");
	HAS(r, "Guide · Quillon Ledger Trust · Submitted for review");
	HAS(r, "(Submitted for review)");
	r = ts_get(sam, "/staff/resources?status=published");
	HAS(r, "Concept note · Published in the library");
	LACKS(r, "concept_note ·");
	r = ts_get(sam, "/staff/resources?lang=fr");
	HAS(r, "Soumise à l&#39;examen");
	r = ts_get(sam, "/staff/resources?status=published&lang=fr");
	HAS(r, "Note conceptuelle · Publiée dans la bibliothèque");
	snprintf(path, sizeof path, "/resources/%lld", (long long)shared);
	r = ts_get(ada, path);
	HAS(r, "<dd>Submitted for review</dd>");
	snprintf(path, sizeof path, "/resources/%lld?lang=fr", (long long)shared);
	r = ts_get(ada, path);
	HAS(r, "<dd>Soumise à l&#39;examen</dd>");
	HAS(r, "quipe l'examinera");
	ts_browser_free(sam);
	ts_browser_free(ada);
}

/* An excerpt of a summary reads as text: no Markdown marks. */
static void
test_excerpt_plain(void **state)
{
	const struct ts_res *r;
	const char *ex;
	json_t *j, *it;

	(void)state;
	r = ts_call(plain, "GET", "/api/v1/resources?q=laundered", NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	ex = json_string_value(json_object_get(it, "excerpt"));
	if (!ex || strstr(ex, "**") || strstr(ex, "](") || strstr(ex, "`") ||
	    !strstr(ex, "How mangrove timber is laundered through permits. one two"))
		printf("# excerpt: %s\n", ex ? ex : "(none)");
	assert_non_null(ex);
	assert_non_null(strstr(ex, "How mangrove timber is laundered through permits. one two"));
	json_decref(j);
	r = ts_get(plain, "/resources?q=laundered");
	STATUS(r, 200);
	HAS(r, "<mark>laundered</mark>");
	LACKS(r, "**mangrove**");
}

/* ---- the suite ------------------------------------------------------------ */

static int
setup(void **state)
{
	static const char *const extra[] = { "--resource-max", "2", NULL };

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	quillon = org_made("Quillon Ledger Trust", "KE", "info@quillon.example");
	meridian = org_made("Meridian Civic Watch", "MX", "info@meridian.example");
	account("sam.staff@hub.test", "staff", 0, staff_tok);
	account("ada@quillon.example", "member", quillon, ada_tok);
	account("cy@quillon.example", "member", quillon, NULL);
	account("mo@meridian.example", "member", meridian, NULL);
	account("fe@interior.go.ke", "focal", 0, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_form),
		cmocka_unit_test(test_submit_with_errors),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_edit_and_resubmit),
		cmocka_unit_test(test_others_cannot_edit),
		cmocka_unit_test(test_staff_form),
		cmocka_unit_test(test_regions_and_retired_theme),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_excerpt_plain),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("resources_pages", tests, setup, teardown);
}
