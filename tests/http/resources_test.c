/*
 * resources_test.c -- the knowledge-resources library through a real
 * server (issue 13).
 *
 * Who sees what first: staff publish one resource at each visibility
 * (public, members, nongovernmental, staff) and keep one as a draft, and a
 * visitor, an applicant, a member of an organization, an expert, a state
 * focal point and staff each find exactly their share in the list, its
 * counts, one by one (404 for the rest, never 403) and as downloads (a
 * visitor is asked to sign in for a "members" file).  Then contributing: a
 * member submits for their organization, whose people see it while staff
 * and nobody else do; not for another organization (403); an expert in
 * their own name; focal points and applicants not at all.  A suspended
 * organization is no longer credited, except to staff.  Then the bad
 * input: an empty file, a PDF that is really HTML, a file name with a path
 * or a control character, a type not accepted, a javascript: or data:
 * link, codes that do not exist, nothing to keep, and a 51 MiB upload
 * refused from its header: each a clear error, nothing half-stored.  Last,
 * downloads are counted, and the words of a text file are searchable once
 * its text job has run.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh: the counts below are exact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define MB (1024 * 1024)

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* The people: staff, Ada (admin of Quillon), Cy (also of Quillon), Mo (of
 * Meridian), Eve (an expert), Fe (a state focal point), Pat (an applicant). */
static char staff_tok[129], ada_tok[129], cy_tok[129], mo_tok[129], eve_tok[129],
    fe_tok[129], pat_tok[129];
static int64_t quillon, meridian, ada_id;

/* The resources of the visibility tests. */
static int64_t r_public, r_members, r_nongov, r_staff, r_draft;

/* ---- helpers ------------------------------------------------------------ */

/* `whatson import orgs` of one organization; its id. */
static int64_t
org_made(const char *name, const char *country, const char *email)
{
	int64_t id = ts_org_import(db_url, name, country, email, NULL);

	assert_true(id > 0);
	return id;
}

/* A session token for email into tok[129]. */
static void
token_of(const char *email, char *tok)
{
	const struct ts_res *r = ta_api("POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}",
	    "email", email, "password", PW));
	json_t *j;

	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(tok, 129, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
}

/* An account with role (org > 0: a member of it); its id, its token in tok. */
static int64_t
account(const char *email, const char *role, int64_t org, char *tok)
{
	int64_t id = ts_person_add(db_url, email, email, role, org, PW);

	assert_true(id > 0);
	token_of(email, tok);
	return id;
}

/* A multipart call with a bearer token (token NULL: none). */
static const struct ts_res *
mp(const char *method, const char *path, const char *token, const struct ts_part *parts,
    size_t n)
{
	return ts_multipart_api(plain, method, path, token, parts, n);
}

#define TXT(name, text) { "file", (text), 0, (name), "text/plain" }
#define FIELD(name, value) { (name), (value), 0, NULL, NULL }

/* The id in r's JSON body (201 or 200 expected by the caller). */
static int64_t
id_of(const struct ts_res *r)
{
	json_t *j = ts_jbody(r);
	int64_t id = json_integer_value(json_object_get(j, "id"));

	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* Staff add a resource titled title with visibility vis and status, with
 * one text file; its id. */
static int64_t
staff_adds(const char *title, const char *vis, const char *status, const char *text)
{
	const struct ts_part parts[] = {
		FIELD("title", title), FIELD("kind", "guide"), FIELD("visibility", vis),
		FIELD("status", status), FIELD("languages", "en"), FIELD("themes", "corruption"),
		FIELD("countries", "KE"), FIELD("year", "2024"),
		TXT("guide.txt", text),
	};
	const struct ts_res *r = mp("POST", "/api/v1/resources", staff_tok, parts,
	    sizeof parts / sizeof parts[0]);

	STATUS(r, 201);
	return id_of(r);
}

/* GET path as token: its status. */
static long
status_of(const char *path, const char *token)
{
	return ta_api("GET", path, token, NULL)->status;
}

static long
res_status(int64_t id, const char *token)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	return status_of(path, token);
}

static long
file_status(int64_t id, int n, const char *token)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld/files/%d", (long long)id, n);
	return status_of(path, token);
}

/* The list for token with query q (may be ""), as JSON. */
static json_t *
list(const char *token, const char *q)
{
	char path[300];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/resources?per_page=100%s%s", *q ? "&" : "", q);
	r = ta_api("GET", path, token, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

/* Whether list j has the resource id. */
static int
listed(json_t *j, int64_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			return 1;
	return 0;
}

/* The total of everything token may see. */
static int64_t
total_for(const char *token)
{
	json_t *j = list(token, "");
	int64_t n = json_integer_value(json_object_get(j, "total"));

	json_decref(j);
	return n;
}

/* ---- who sees what ------------------------------------------------------ */

struct seen {
	const char *who;
	const char *tok;
	int pub, members, nongov, staff, draft;	/* the resource: 1 seen, 0 a 404 */
	long members_file;			/* the members resource's file */
};

static void
test_visibility(void **state)
{
	const struct seen rows[] = {
		{ "a visitor", NULL, 1, 1, 0, 0, 0, 401 },
		{ "an applicant", pat_tok, 1, 1, 0, 0, 0, 403 },
		{ "a member", mo_tok, 1, 1, 1, 0, 0, 200 },
		{ "an expert", eve_tok, 1, 1, 1, 0, 0, 200 },
		{ "a state focal point", fe_tok, 1, 1, 0, 0, 0, 200 },
		{ "staff", staff_tok, 1, 1, 1, 1, 1, 200 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct seen *s = &rows[i];
		int64_t ids[5] = { r_public, r_members, r_nongov, r_staff, r_draft };
		int want[5] = { s->pub, s->members, s->nongov, s->staff, s->draft };
		json_t *j = list(s->tok, "theme=corruption"), *facets;
		int k, n = 0;

		printf("# as %s\n", s->who);
		for (k = 0; k < 5; k++) {
			n += want[k];
			assert_int_equal(res_status(ids[k], s->tok), want[k] ? 200 : 404);
			assert_int_equal(listed(j, ids[k]), want[k]);
			if (want[k] && k != 1)
				assert_int_equal(file_status(ids[k], 1, s->tok), 200);
			if (!want[k])	/* not even its file: no existence leak */
				assert_int_equal(file_status(ids[k], 1, s->tok), 404);
		}
		assert_int_equal(json_integer_value(json_object_get(j, "total")), n);
		/* counts within what the caller may see */
		facets = json_object_get(j, "facets");
		assert_int_equal(json_integer_value(json_object_get(json_object_get(facets, "kind"),
		    "guide")), n);
		assert_int_equal(json_integer_value(json_object_get(json_object_get(facets,
		    "region"), "014")), n);	/* Kenya is in Eastern Africa */
		assert_int_equal(json_integer_value(json_object_get(json_object_get(facets, "year"),
		    "2024")), n);
		json_decref(j);
		assert_int_equal(file_status(r_members, 1, s->tok), s->members_file);
	}
}

/* A "members" resource shows its summary to a visitor, whose item says to
 * sign in to download, with no address to download from. */
static void
test_members_summary(void **state)
{
	const struct ts_res *r;
	char path[96];
	json_t *j, *f;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)r_members);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Members guide");
	assert_true(json_is_true(json_object_get(j, "sign_in_to_download")));
	f = json_array_get(json_object_get(j, "files"), 0);
	assert_non_null(f);
	assert_null(json_object_get(f, "url"));
	assert_null(json_object_get(f, "text_status"));	/* staff's business */
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/resources/%lld/files/1", (long long)r_members);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 401);
	HAS(r, "Sign in to download");

	r = ta_api("GET", path, mo_tok, NULL);
	STATUS(r, 200);
	HAS(r, "For members only.");
}

/* ---- contributing -------------------------------------------------------- */

static void
test_member_submits(void **state)
{
	char org[24], path[96];
	const struct ts_res *r;
	int64_t id, eve_res;
	json_t *j;

	(void)state;
	snprintf(org, sizeof org, "%lld", (long long)quillon);
	{
		const struct ts_part parts[] = {
			FIELD("title", "Quillon field notes"), FIELD("kind", "report"),
			FIELD("organization_id", org), FIELD("summary", "What we *learned*."),
			FIELD("authors", "Ada Quill"), FIELD("authors", "Cy Quill"),
			TXT("notes.txt", "Field notes from the coast."),
		};

		r = mp("POST", "/api/v1/resources", ada_tok, parts, sizeof parts / sizeof parts[0]);
		STATUS(r, 201);
	}
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "submitted");
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), quillon);
	assert_int_equal(json_array_size(json_object_get(j, "authors")), 2);
	json_decref(j);

	/* its organization's people and staff see it; nobody else, not even
	 * that it exists */
	assert_int_equal(res_status(id, ada_tok), 200);
	assert_int_equal(res_status(id, cy_tok), 200);
	assert_int_equal(res_status(id, staff_tok), 200);
	assert_int_equal(res_status(id, mo_tok), 404);
	assert_int_equal(res_status(id, eve_tok), 404);
	assert_int_equal(res_status(id, fe_tok), 404);
	assert_int_equal(res_status(id, NULL), 404);
	j = list(staff_tok, "status=submitted");
	assert_true(listed(j, id));
	json_decref(j);
	j = list(mo_tok, "status=submitted");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);

	/* not for another organization; not without naming theirs; not
	 * published without review */
	snprintf(org, sizeof org, "%lld", (long long)meridian);
	r = ta_api("POST", "/api/v1/resources", ada_tok, json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Taken over", "kind", "report", "link", "https://example.org/x", "organization_id",
	    org));
	STATUS(r, 403);
	r = ta_api("POST", "/api/v1/resources", ada_tok, json_pack("{s:s,s:s,s:s}", "title",
	    "No organization", "kind", "report", "link", "https://example.org/x"));
	STATUS(r, 422);
	HAS(r, "\"organization_id\"");
	r = ta_api("POST", "/api/v1/resources", ada_tok, json_pack("{s:s,s:s,s:s,s:I,s:s}", "title",
	    "Straight out", "kind", "report", "link", "https://example.org/x",
	    "organization_id", (json_int_t)quillon, "status", "published"));
	STATUS(r, 422);
	HAS(r, "\"status\"");

	/* a draft stays a draft */
	r = ta_api("POST", "/api/v1/resources", cy_tok, json_pack("{s:s,s:s,s:s,s:I,s:s}", "title",
	    "Quillon draft", "kind", "guide", "link", "https://example.org/draft",
	    "organization_id", (json_int_t)quillon, "status", "draft"));
	STATUS(r, 201);
	HAS(r, "\"status\":\"draft\"");
	assert_int_equal(res_status(id_of(r), ada_tok), 200);

	/* an expert in their own name: they and staff see it */
	r = ta_api("POST", "/api/v1/resources", eve_tok, json_pack("{s:s,s:s,s:s}", "title",
	    "Eve on procurement", "kind", "publication", "link", "https://example.org/eve"));
	STATUS(r, 201);
	eve_res = id_of(r);
	assert_int_equal(res_status(eve_res, eve_tok), 200);
	assert_int_equal(res_status(eve_res, staff_tok), 200);
	assert_int_equal(res_status(eve_res, ada_tok), 404);

	/* focal points, applicants and visitors contribute nothing */
	r = ta_api("POST", "/api/v1/resources", fe_tok, json_pack("{s:s,s:s,s:s}", "title", "Gov",
	    "kind", "report", "link", "https://example.org/gov"));
	STATUS(r, 403);
	r = ta_api("POST", "/api/v1/resources", pat_tok, json_pack("{s:s,s:s,s:s}", "title", "Pat",
	    "kind", "report", "link", "https://example.org/pat"));
	STATUS(r, 403);
	r = ta_api("POST", "/api/v1/resources", NULL, json_pack("{s:s,s:s,s:s}", "title", "Anon",
	    "kind", "report", "link", "https://example.org/anon"));
	STATUS(r, 401);

	/* a staff draft credited to Quillon is not its people's to see */
	r = ta_api("POST", "/api/v1/resources", staff_tok, json_pack("{s:s,s:s,s:s,s:I}", "title",
	    "Staff draft for Quillon", "kind", "guide", "link", "https://example.org/sd",
	    "organization_id", (json_int_t)quillon));
	STATUS(r, 201);
	HAS(r, "\"status\":\"draft\"");
	id = id_of(r);
	assert_int_equal(res_status(id, ada_tok), 404);
	assert_int_equal(res_status(id, staff_tok), 200);
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	(void)path;
}

/* A link-only resource is JSON; the item has the link and no files. */
static void
test_link_only(void **state)
{
	const struct ts_res *r;
	json_t *j;

	(void)state;
	r = ta_api("POST", "/api/v1/resources", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:[s,s]}",
	    "title", "Convention text", "kind", "legal_instrument", "link",
	    "https://www.unodc.org/convention", "status", "published", "languages", "en", "fr"));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "link")),
	    "https://www.unodc.org/convention");
	assert_int_equal(json_array_size(json_object_get(j, "files")), 0);
	assert_int_equal(res_status(json_integer_value(json_object_get(j, "id")), NULL), 200);
	json_decref(j);
}

/* A suspended organization is credited to staff only. */
static void
test_suspended_credit(void **state)
{
	int64_t org = org_made("Sable Reef Alliance", "SN", "contact@sable.example");
	const struct ts_res *r;
	char path[96];
	int64_t id;
	json_t *j;

	(void)state;
	r = ta_api("POST", "/api/v1/resources", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:I}",
	    "title", "Reef report", "kind", "report", "link", "https://example.org/reef",
	    "status", "published", "organization_id", (json_int_t)org));
	STATUS(r, 201);
	id = id_of(r);
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	HAS(r, "Sable Reef Alliance");
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)org);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	r = ta_api("GET", path, mo_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Sable Reef Alliance");
	j = ts_jbody(r);
	assert_true(json_is_null(json_object_get(j, "organization_id")));
	json_decref(j);
	r = ta_api("GET", path, NULL, NULL);
	LACKS(r, "Sable Reef Alliance");
	r = ta_api("GET", path, staff_tok, NULL);
	HAS(r, "Sable Reef Alliance");
}

static json_t *text_done(int64_t id);

/* ---- bad input ----------------------------------------------------------- */

/* Posts parts as staff: 422 with field named in errors, and nothing kept. */
static void
refused(const struct ts_part *parts, size_t n, const char *field, const char *words)
{
	int64_t before = total_for(staff_tok);
	const struct ts_res *r = mp("POST", "/api/v1/resources", staff_tok, parts, n);
	char key[64];

	STATUS(r, 422);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "application/problem+json"));
	snprintf(key, sizeof key, "\"%s\"", field);
	HAS(r, key);
	if (words)
		HAS(r, words);
	assert_int_equal(total_for(staff_tok), before);
}

static void
test_bad_files(void **state)
{
	static const char html[] = "<!DOCTYPE html><html><head><title>x</title></head>"
	    "<body><script>alert(1)</script></body></html>\n";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0"
	    "\x1f\x15\xc4\x89\0\0\0\rIDATx\x9c" "c\xf8\x0f\0\0\1\1\0\x05\x18\xd8N\0\0\0\0IEND"
	    "\xae" "B`\x82";
	const struct ts_part empty[] = { FIELD("title", "Empty"), FIELD("kind", "guide"),
		{ "file", "", 0, "empty.pdf", "application/pdf" } };
	const struct ts_part fake[] = { FIELD("title", "Fake PDF"), FIELD("kind", "guide"),
		{ "file", html, 0, "report.pdf", "application/pdf" } };
	const struct ts_part slash[] = { FIELD("title", "Path"), FIELD("kind", "guide"),
		TXT("../../etc/notes.txt", "hello") };
	const struct ts_part back[] = { FIELD("title", "Path"), FIELD("kind", "guide"),
		TXT("..\\\\windows\\\\notes.txt", "hello") };
	const struct ts_part ctl[] = { FIELD("title", "Control"), FIELD("kind", "guide"),
		TXT("bad\x01name.txt", "hello") };
	const struct ts_part exe[] = { FIELD("title", "Program"), FIELD("kind", "guide"),
		{ "file", "MZ\x90\0\x03\0\0\0", 8, "setup.exe", "application/octet-stream" } };
	const struct ts_part img_as_txt[] = { FIELD("title", "Image"), FIELD("kind", "guide"),
		{ "file", png, sizeof png - 1, "notes.txt", "text/plain" } };
	const struct ts_part nothing[] = { FIELD("title", "Nothing"), FIELD("kind", "guide") };
	const struct ts_part two_bad[] = { FIELD("title", "One good one bad"),
		FIELD("kind", "guide"), TXT("good.txt", "fine words"),
		{ "file", html, 0, "bad.docx", NULL } };
	const struct ts_part good_png[] = { FIELD("title", "Chart"), FIELD("kind", "guide"),
		{ "file", png, sizeof png - 1, "chart.png", "image/png" } };
	const struct ts_res *r;

	(void)state;
	refused(empty, 3, "file", "empty");
	refused(fake, 3, "file", "not a real PDF");
	refused(slash, 3, "file", "slashes");
	refused(back, 3, "file", "slashes");
	/* the server never sees a name that is not text: it is "file", with
	 * no type to accept */
	refused(ctl, 3, "file", NULL);
	refused(exe, 3, "file", "only PDF");
	refused(img_as_txt, 3, "file", "not a real TXT");
	refused(nothing, 2, "file", "a file or a link");
	refused(two_bad, 4, "file", "bad.docx");
	r = mp("POST", "/api/v1/resources", staff_tok, good_png, 3);
	STATUS(r, 201);
	HAS(r, "\"image/png\"");
	/* an image has no text to extract: its job ends with that status,
	 * done, not failed */
	{
		json_t *j = text_done(id_of(r));

		assert_string_equal(json_string_value(json_object_get(json_array_get(
		    json_object_get(j, "files"), 0), "text_status")), "unsupported");
		json_decref(j);
	}
}

static void
test_bad_fields(void **state)
{
	static const struct {
		const char *json;
		const char *field;
	} bad[] = {
		{ "{\"title\":\"J\u00e9\",\"kind\":\"guide\",\"link\":\"javascript:alert(1)\"}",
		    "link" },
		{ "{\"title\":\"Data\",\"kind\":\"guide\",\"link\":\"data:text/html,<b>x</b>\"}",
		    "link" },
		{ "{\"title\":\"Kind\",\"kind\":\"novel\",\"link\":\"https://example.org\"}", "kind" },
		{ "{\"title\":\"Lang\",\"kind\":\"guide\",\"link\":\"https://example.org\","
		    "\"languages\":[\"en\",\"klingon\"]}", "languages" },
		{ "{\"title\":\"Theme\",\"kind\":\"guide\",\"link\":\"https://example.org\","
		    "\"themes\":[\"alchemy\"]}", "themes" },
		{ "{\"title\":\"Country\",\"kind\":\"guide\",\"link\":\"https://example.org\","
		    "\"countries\":[\"XX\"]}", "countries" },
		{ "{\"title\":\"Region\",\"kind\":\"guide\",\"link\":\"https://example.org\","
		    "\"regions\":[\"999\"]}", "regions" },
		{ "{\"title\":\"Vis\",\"kind\":\"guide\",\"link\":\"https://example.org\","
		    "\"visibility\":\"friends\"}", "visibility" },
		{ "{\"title\":\"Year\",\"kind\":\"guide\",\"link\":\"https://example.org\","
		    "\"year\":1200}", "year" },
		{ "{\"title\":\"Org\",\"kind\":\"guide\",\"link\":\"https://example.org\","
		    "\"organization_id\":999999}", "organization_id" },
		{ "{\"kind\":\"guide\",\"link\":\"https://example.org\"}", "title" },
	};
	int64_t before = total_for(staff_tok);
	char key[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const struct ts_res *r = ts_api(plain, "POST", "/api/v1/resources", staff_tok,
		    bad[i].json);

		if (r->status != 422)
			printf("# %s\n", bad[i].json);
		STATUS(r, 422);
		snprintf(key, sizeof key, "\"%s\"", bad[i].field);
		HAS(r, key);
	}
	assert_int_equal(total_for(staff_tok), before);
	/* the list's filters are checked too */
	STATUS(ta_api("GET", "/api/v1/resources?kind=novel", NULL, NULL), 422);
	STATUS(ta_api("GET", "/api/v1/resources?language=klingon", NULL, NULL), 422);
	STATUS(ta_api("GET", "/api/v1/resources?sort=random", NULL, NULL), 422);
	STATUS(ta_api("GET", "/api/v1/resources?year=20", NULL, NULL), 422);
}

/* Over the ceiling (the suite's --resource-max 2, and 1 MiB of fields)
 * is refused from the header, before any of the body is read; a file
 * over the limit in a body under the ceiling is refused once read, and
 * nothing is kept. */
static void
test_too_big(void **state)
{
	char head[512], answer[4096];
	int fd;

	(void)state;
	fd = ts_connect(srv.port, NULL);
	assert_true(fd >= 0);
	snprintf(head, sizeof head, "POST /api/v1/resources HTTP/1.1\r\nHost: localhost\r\n"
	    "Authorization: Bearer %s\r\n"
	    "Content-Type: multipart/form-data; boundary=XyZ\r\n"
	    "Content-Length: %d\r\n\r\n", staff_tok, 51 * MB);
	assert_int_equal(ts_send_str(fd, head), 0);
	ts_read_answer(fd, answer, sizeof answer, 10000);
	close(fd);
	if (strncmp(answer, "HTTP/1.1 413", 12) != 0)
		printf("# the answer: %.300s\n", answer);
	assert_int_equal(strncmp(answer, "HTTP/1.1 413", 12), 0);
	assert_non_null(strstr(answer, "application/problem+json"));
	{
		size_t n = 2 * MB + MB / 2;
		char *big = malloc(n);
		int64_t before = total_for(staff_tok);
		const struct ts_res *r;

		assert_non_null(big);
		memset(big, 'a', n);
		{
			const struct ts_part parts[] = { FIELD("title", "Too big"),
				FIELD("kind", "guide"), { "file", big, n, "big.txt", "text/plain" } };

			r = mp("POST", "/api/v1/resources", staff_tok, parts, 3);
		}
		free(big);
		STATUS(r, 413);
		HAS(r, "big.txt");
		assert_int_equal(total_for(staff_tok), before);
	}
}

/* ---- downloads and text -------------------------------------------------- */

static void
test_downloads_counted(void **state)
{
	static const char *const range[] = { "Range: bytes=5-9", NULL };
	const struct ts_res *r;
	char path[96];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/resources/%lld/files/1", (long long)r_public);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	HAS(r, "lantern");
	assert_non_null(ts_header(r, "ETag"));
	r = ts_req(plain, "GET", path, range, NULL, 0);
	STATUS(r, 206);
	assert_int_equal(r->len, 5);
	snprintf(path, sizeof path, "/api/v1/resources/%lld/files/9", (long long)r_public);
	STATUS(ta_api("GET", path, NULL, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)r_public);
	j = ts_jbody(ta_api("GET", path, NULL, NULL));
	/* the visibility test downloaded it once per role that may; a later
	 * piece of a download is no new download */
	assert_true(json_integer_value(json_object_get(j, "downloads")) >= 7);
	json_decref(j);
	j = list(NULL, "sort=downloads");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "id")), r_public);
	json_decref(j);
}

/* Waits until every file of resource id has left "pending" (its text
 * job ran), 30 s at most; its JSON as staff see it. */
static json_t *
text_done(int64_t id)
{
	int64_t end = ts_now_ms() + 30000;
	char path[96];
	json_t *j = NULL;

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	for (;;) {
		json_t *f;
		size_t i;
		int pending = 0;

		json_decref(j);
		j = ts_jbody(ta_api("GET", path, staff_tok, NULL));
		json_array_foreach(json_object_get(j, "files"), i, f)
			pending |= strcmp(json_string_value(json_object_get(f, "text_status")),
			    "pending") == 0;
		if (!pending || ts_now_ms() > end)
			break;
		usleep(50 * 1000);	/* polling for the job, not guessing its time */
	}
	return j;
}

static void
test_text_search(void **state)
{
	const struct ts_part parts[] = {
		FIELD("title", "Harbour inspections"), FIELD("kind", "training_material"),
		FIELD("status", "published"),
		TXT("inspections.txt", "Inspectors at the harbour found quixotriplane "
		    "manifests under the floor."),
	};
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	(void)state;
	r = mp("POST", "/api/v1/resources", staff_tok, parts, sizeof parts / sizeof parts[0]);
	STATUS(r, 201);
	id = id_of(r);
	j = text_done(id);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "files"), 0), "text_status")), "extracted");
	json_decref(j);
	j = list(NULL, "q=quixotriplane");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_true(listed(j, id));
	json_decref(j);
	/* folded as the directory's: case, accents, word starts */
	j = list(NULL, "q=QUIXOTRI");
	assert_true(listed(j, id));
	json_decref(j);
	j = list(NULL, "q=harbour%20manif%C3%A9sts");
	assert_true(listed(j, id));
	json_decref(j);
	/* the title too, and nothing for a word nowhere */
	j = list(NULL, "q=inspections");
	assert_true(listed(j, id));
	json_decref(j);
	j = list(NULL, "q=zzyzxnotthere");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	/* a word of a resource the caller may not see finds nothing */
	j = list(NULL, "q=nongovword");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
}

/* ---- editing and review ---------------------------------------------------- */

/* The oldest unread mail to `to`, its subject and body checked for words. */
static void
mailed(const char *to, const char *subject, const char *words)
{
	struct ts_mail m;

	assert_int_equal(ts_mail_wait(&sink, to, 20000, &m), 0);
	if (!strstr(m.subject, subject) || (words && !strstr(m.body, words)))
		printf("# mail to %s: %s\n%s\n", to, m.subject, m.body);
	assert_non_null(strstr(m.subject, subject));
	if (words)
		assert_non_null(strstr(m.body, words));
	ts_mail_free(&m);
}

/* POST /api/v1/resources/{id}/<verb> as token with body (may be NULL). */
static const struct ts_res *
verb(int64_t id, const char *v, const char *token, json_t *body)
{
	char path[128];

	snprintf(path, sizeof path, "/api/v1/resources/%lld/%s", (long long)id, v);
	return ta_api("POST", path, token, body ? body : json_object());
}

/* PATCH of resource id as token with a JSON body. */
static const struct ts_res *
patch(int64_t id, const char *token, json_t *body)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	return ta_api("PATCH", path, token, body);
}

static void
test_review(void **state)
{
	char org[24], path[128];
	const struct ts_res *r;
	int64_t id, other;
	json_t *j;

	(void)state;
	snprintf(org, sizeof org, "%lld", (long long)quillon);
	{
		const struct ts_part parts[] = {
			FIELD("title", "Coastal monitoring toolkit"), FIELD("kind", "toolkit"),
			FIELD("organization_id", org), FIELD("languages", "en"),
			TXT("toolkit.txt", "How to count boats."),
		};

		r = mp("POST", "/api/v1/resources", ada_tok, parts, sizeof parts / sizeof parts[0]);
		STATUS(r, 201);
		id = id_of(r);
	}
	/* who may change it: not a member of Quillon who is neither its
	 * submitter nor an admin, nor anyone who may not see it */
	STATUS(patch(id, cy_tok, json_pack("{s:s}", "title", "Taken over")), 403);
	STATUS(patch(id, mo_tok, json_pack("{s:s}", "title", "Taken over")), 404);
	STATUS(patch(id, fe_tok, json_pack("{s:s}", "title", "Taken over")), 403);
	STATUS(patch(id, NULL, json_pack("{s:s}", "title", "Taken over")), 401);
	/* nor decide on it */
	STATUS(verb(id, "approve", ada_tok, NULL), 403);
	STATUS(verb(id, "approve", mo_tok, NULL), 403);

	/* staff ask for changes: a reason is required, and mailed */
	r = verb(id, "request-info", staff_tok, NULL);
	STATUS(r, 422);
	HAS(r, "\"reason\"");
	r = verb(id, "request-info", staff_tok, json_pack("{s:s}", "reason",
	    "Add the year of the survey."));
	STATUS(r, 200);
	HAS(r, "\"status\":\"changes_requested\"");
	mailed("ada@quillon.example", "changes needed", "Add the year of the survey.");
	STATUS(verb(id, "request-info", staff_tok, json_pack("{s:s}", "reason", "Again?")), 409);

	/* the submitter changes it, adds a file and submits it again */
	{
		const struct ts_part parts[] = {
			FIELD("year", "2023"), FIELD("status", "submitted"),
			FIELD("file_language", "fr"),
			TXT("annexe.txt", "Comment compter les bateaux."),
		};

		snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
		r = mp("PATCH", path, ada_tok, parts, sizeof parts / sizeof parts[0]);
		STATUS(r, 200);
	}
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "submitted");
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "Coastal monitoring toolkit");	/* kept: not sent */
	assert_int_equal(json_integer_value(json_object_get(j, "year")), 2023);
	assert_int_equal(json_array_size(json_object_get(j, "files")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "files"), 1), "n")), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "files"), 1), "language")), "fr");
	json_decref(j);
	/* a bad edit keeps nothing */
	r = patch(id, ada_tok, json_pack("{s:s,s:[s]}", "title", "Renamed", "themes", "alchemy"));
	STATUS(r, 422);
	HAS(r, "\"themes\"");
	LACKS(ta_api("GET", path, staff_tok, NULL), "Renamed");

	/* published: the submitter is told, everyone sees it, only staff
	 * change it now */
	assert_int_equal(res_status(id, NULL), 404);
	r = verb(id, "approve", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"status\":\"published\"");
	mailed("ada@quillon.example", "is published", "Coastal monitoring toolkit");
	assert_int_equal(res_status(id, NULL), 200);
	STATUS(verb(id, "approve", staff_tok, NULL), 409);
	STATUS(patch(id, ada_tok, json_pack("{s:s}", "title", "Changed after")), 403);
	r = patch(id, staff_tok, json_pack("{s:s}", "title", "Coastal monitoring toolkit (2023)"));
	STATUS(r, 200);
	HAS(r, "(2023)");

	/* Quillon's history shows it, to its admin */
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)quillon,
	    (long long)ada_id);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "admin", "1")), 303);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "resource.published");
	HAS(r, "Resource published");
	HAS(r, "resource.changes_requested");

	/* an admin of the organization may change what another of its people
	 * submitted; staff refuse it with a reason, which is mailed */
	r = ta_api("POST", "/api/v1/resources", cy_tok, json_pack("{s:s,s:s,s:s,s:I}", "title",
	    "Cy's draft note", "kind", "concept_note", "link", "https://example.org/cy",
	    "organization_id", (json_int_t)quillon));
	STATUS(r, 201);
	other = id_of(r);
	r = patch(other, ada_tok, json_pack("{s:s}", "summary", "Edited by the admin."));
	STATUS(r, 200);
	HAS(r, "Edited by the admin.");
	STATUS(verb(other, "reject", staff_tok, NULL), 422);
	r = verb(other, "reject", staff_tok, json_pack("{s:s}", "reason", "Out of scope."));
	STATUS(r, 200);
	HAS(r, "\"status\":\"rejected\"");
	mailed("cy@quillon.example", "not accepted", "Out of scope.");
	assert_int_equal(res_status(other, NULL), 404);
	r = ta_api("GET", "/api/v1/resources?status=rejected", cy_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Out of scope.");	/* its contributors read why */
	LACKS(ta_api("GET", "/api/v1/resources?status=rejected", mo_tok, NULL), "Cy's draft note");
	/* unknown resources are 404 for staff too */
	STATUS(verb(999999, "approve", staff_tok, NULL), 404);
}

/* ---- search inside documents ------------------------------------------------ */

/* The item of id in list j, or NULL. */
static json_t *
item_of(json_t *j, int64_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			return it;
	return NULL;
}

/* Whether marks has a marked part whose text is t. */
static int
marks_have(json_t *marks, const char *t)
{
	json_t *p;
	size_t i;

	json_array_foreach(marks, i, p)
		if (json_is_true(json_object_get(p, "m")) &&
		    strcmp(json_string_value(json_object_get(p, "t")), t) == 0)
			return 1;
	return 0;
}

static void
test_search_inside(void **state)
{
	const struct ts_part fr[] = {
		FIELD("title", "Plan national"), FIELD("kind", "publication"),
		FIELD("status", "published"), FIELD("languages", "fr"), FIELD("summary", "Un plan."),
		FIELD("authors", "Zélie Vantorre"),
		TXT("plan.txt", "Introduction.\n\nLa Stratégie nationale contre la corruption "
		    "prévoit des audits portuaires chaque année.\f"),
	};
	const struct ts_part zh[] = {
		FIELD("title", "Strategy (Chinese)"), FIELD("kind", "publication"),
		FIELD("status", "published"), FIELD("languages", "zh"),
		TXT("zh.txt", "国家反腐败战略的执行情况"),
	};
	const struct ts_part title[] = {
		FIELD("title", "Audits of small ports"), FIELD("kind", "report"),
		FIELD("status", "published"), TXT("ports.txt", "Nothing else here."),
	};
	const struct ts_res *r;
	int64_t id_fr, id_zh, id_title;
	json_t *j, *it;

	(void)state;
	r = mp("POST", "/api/v1/resources", staff_tok, fr, sizeof fr / sizeof fr[0]);
	STATUS(r, 201);
	id_fr = id_of(r);
	r = mp("POST", "/api/v1/resources", staff_tok, zh, sizeof zh / sizeof zh[0]);
	STATUS(r, 201);
	id_zh = id_of(r);
	r = mp("POST", "/api/v1/resources", staff_tok, title, sizeof title / sizeof title[0]);
	STATUS(r, 201);
	id_title = id_of(r);
	json_decref(text_done(id_fr));
	json_decref(text_done(id_zh));
	json_decref(text_done(id_title));

	/* a word inside the file, without its accent: the excerpt is the
	 * passage as written, the word marked */
	j = list(NULL, "q=strategie%20nationale");
	it = item_of(j, id_fr);
	assert_non_null(it);
	assert_non_null(strstr(json_string_value(json_object_get(it, "excerpt")),
	    "La Stratégie nationale contre la corruption"));
	assert_true(marks_have(json_object_get(it, "excerpt_marks"), "Stratégie"));
	assert_true(marks_have(json_object_get(it, "excerpt_marks"), "nationale"));
	json_decref(j);
	/* an author's name, accents off */
	j = list(NULL, "q=zelie");
	it = item_of(j, id_fr);
	assert_non_null(it);
	assert_true(marks_have(json_object_get(it, "excerpt_marks"), "Zélie"));
	json_decref(j);
	/* Chinese: a word inside a run of characters */
	j = list(NULL, "q=%E8%85%90%E8%B4%A5");	/* 腐败 */
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_true(listed(j, id_zh));
	json_decref(j);
	/* relevance: the title that has the word first, then the text */
	j = list(NULL, "q=audits");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "id")), id_title);
	assert_true(listed(j, id_fr));
	assert_true(marks_have(json_object_get(item_of(j, id_title), "title_marks"), "Audits"));
	json_decref(j);
	/* with a filter and its counts: the search applies to the counts */
	j = list(NULL, "q=audits&language=fr");
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(j,
	    "facets"), "kind"), "publication")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(j,
	    "facets"), "language"), "fr")), 1);
	json_decref(j);
}

/* ---- pages ------------------------------------------------------------------- */

/* The library and a resource as pages, without JavaScript: what a visitor
 * may see, the search marked, the filters as a form, in French too. */
static void
test_pages(void **state)
{
	const struct ts_res *r;
	char path[128];

	(void)state;
	r = ts_get(plain, "/resources");
	STATUS(r, 200);
	HAS(r, "Public guide");
	HAS(r, "Members guide");
	LACKS(r, "Nongovernmental guide");
	LACKS(r, "Staff guide");
	LACKS(r, "Draft guide");
	HAS(r, "<form method=\"get\" action=\"/resources\"");
	HAS(r, "For members: sign in to download.");
	r = ts_get(plain, "/resources?q=lantern&kind=guide&sort=relevance");
	STATUS(r, 200);
	HAS(r, "<mark>lantern</mark>");
	HAS(r, "value=\"guide\" checked");
	r = ts_get(plain, "/resources?kind=novel");
	STATUS(r, 422);

	snprintf(path, sizeof path, "/resources/%lld", (long long)r_public);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "<h1>Public guide</h1>");
	snprintf(path, sizeof path, "href=\"/resources/%lld/files/1\"", (long long)r_public);
	HAS(r, path);
	snprintf(path, sizeof path, "/resources/%lld/files/1", (long long)r_public);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "lantern");

	snprintf(path, sizeof path, "/resources/%lld", (long long)r_members);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Sign in to download");
	HAS(r, "/signin?next=");
	snprintf(path, sizeof path, "/resources/%lld/files/1", (long long)r_members);
	assert_true(ts_get(plain, path)->status != 200);
	snprintf(path, sizeof path, "/resources/%lld", (long long)r_nongov);
	STATUS(ts_get(plain, path), 404);

	r = ts_get(plain, "/resources?lang=fr");
	STATUS(r, 200);
	HAS(r, "Bibliothèque");
	HAS(r, "Boîte à outils");

	/* the home page's newest resources, as the caller may see them */
	r = ts_get(plain, "/?lang=en");
	STATUS(r, 200);
	HAS(r, "New in the library");
	LACKS(r, "Nongovernmental guide");
	r = ta_api("GET", "/api/v1/", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"new_resources\"");

	/* the feed: public resources only */
	r = ts_get(plain, "/resources.atom");
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "application/atom+xml"));
	HAS(r, "<feed xmlns=\"http://www.w3.org/2005/Atom\">");
	HAS(r, "<title>Public guide</title>");
	HAS(r, "<title>Convention text</title>");
	LACKS(r, "Members guide");
	LACKS(r, "Nongovernmental guide");
	LACKS(r, "Staff guide");
	LACKS(r, "Draft guide");
	assert_non_null(strstr(r->body, "</feed>\n"));
}

/* The id of the resource titled title in list j, 0 when none. */
static int64_t
titled(json_t *j, const char *title)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "title")), title) == 0)
			return json_integer_value(json_object_get(it, "id"));
	return 0;
}

/* Staff review on a page, without JavaScript: what waits, each with the
 * three decisions as forms; a reason left out comes back as a message. */
static void
test_staff_page(void **state)
{
	struct ts_browser *web = ts_browser_new(&srv, NULL), *ada = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char path[128];
	int64_t id;
	json_t *j;

	(void)state;
	assert_int_equal(ts_signin(web, "sam.staff@hub.test", PW), 303);
	assert_int_equal(ts_signin(ada, "ada@quillon.example", PW), 303);
	j = list(staff_tok, "status=submitted");
	id = titled(j, "Quillon field notes");
	json_decref(j);
	assert_true(id > 0);

	r = ts_get(web, "/staff/resources");
	STATUS(r, 200);
	HAS(r, "Quillon field notes");
	HAS(r, "Quillon Ledger Trust");
	snprintf(path, sizeof path, "action=\"/staff/resources/%lld/reject\"", (long long)id);
	HAS(r, path);
	STATUS(ts_get(ada, "/staff/resources"), 403);

	snprintf(path, sizeof path, "/staff/resources/%lld/reject", (long long)id);
	r = ts_form(web, path, (char *)NULL);
	STATUS(r, 422);
	HAS(r, "class=\"error\"");
	HAS(r, "Quillon field notes");
	snprintf(path, sizeof path, "/staff/resources/%lld/request-info", (long long)id);
	r = ts_form(web, path, "reason", "Name the coast, please.", (char *)NULL);
	STATUS(r, 303);
	assert_string_equal(ts_header(r, "Location"), "/staff/resources");
	mailed("ada@quillon.example", "changes needed", "Name the coast, please.");
	r = ts_get(web, "/staff/resources?status=changes_requested");
	STATUS(r, 200);
	HAS(r, "Name the coast, please.");
	snprintf(path, sizeof path, "/staff/resources/%lld/approve", (long long)id);
	STATUS(ts_form(web, path, (char *)NULL), 303);
	mailed("ada@quillon.example", "is published", "Quillon field notes");
	assert_int_equal(res_status(id, NULL), 200);
	r = ts_get(web, "/staff/resources?lang=fr");
	STATUS(r, 200);
	HAS(r, "Ressources à examiner");
	ts_browser_free(web);
	ts_browser_free(ada);
}

/* ---- the suite ------------------------------------------------------------ */

static int
setup(void **state)
{
	static const char *const extra[] = { "--resource-max", "2", NULL };
	const struct ts_res *r;
	json_t *j;
	char path[96];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = org_made("Quillon Ledger Trust", "KE", "info@quillon.example");
	meridian = org_made("Meridian Civic Watch", "MX", "info@meridian.example");
	account("sam.staff@hub.test", "staff", 0, staff_tok);
	ada_id = account("ada@quillon.example", "member", quillon, ada_tok);
	account("cy@quillon.example", "member", quillon, cy_tok);
	account("mo@meridian.example", "member", meridian, mo_tok);
	account("fe@interior.go.ke", "focal", 0, fe_tok);
	account("pat@nowhere.example", "applicant", 0, pat_tok);
	/* Eve, an approved expert: a member without an organization */
	account("eve@research.example", "applicant", 0, eve_tok);
	r = ta_api("POST", "/api/v1/applications", eve_tok, json_pack("{s:s,s:{s:s,s:s,s:s,s:[s]},"
	    "s:{s:s},s:b}", "kind", "expert", "expert", "name", "Eve Expert", "country", "KE",
	    "biography", "Studies procurement.", "themes", "corruption", "contact", "email",
	    "eve@research.example", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);
	token_of("eve@research.example", eve_tok);

	r_public = staff_adds("Public guide", "public", "published",
	    "A lantern in the harbour.");
	r_members = staff_adds("Members guide", "members", "published", "For members only.");
	r_nongov = staff_adds("Nongovernmental guide", "nongovernmental", "published",
	    "nongovword for civil society.");
	r_staff = staff_adds("Staff guide", "staff", "published", "For staff only.");
	r_draft = staff_adds("Draft guide", "public", "draft", "Not yet.");
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
		cmocka_unit_test(test_visibility),
		cmocka_unit_test(test_members_summary),
		cmocka_unit_test(test_member_submits),
		cmocka_unit_test(test_link_only),
		cmocka_unit_test(test_suspended_credit),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_downloads_counted),
		cmocka_unit_test(test_text_search),
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_search_inside),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_staff_page),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("resources", tests, setup, teardown);
}
