/*
 * news_test.c -- news and the site's pages, through a real server.
 *
 * Staff write an item (a draft nobody else sees), change, publish,
 * unpublish and delete it; a members' item is a 404 to visitors and
 * applicants (never a 403) and is read by members and focal points; slugs
 * are unique (409 naming the field, or a number added to one made from a
 * title); Markdown comes out safe (a <script> is never markup); an image
 * needs its alt text, must be an image by its bytes and at most
 * --logo-max; the Atom feed is well-formed, has absolute links from
 * --base-url and only public published items; the lists page and filter,
 * staff download CSV; a story shows only the approved organizations it
 * names; the site's pages fall back from French to English to their
 * default text and keep who changed them; the home page shows the latest
 * highlight and news; a staff member's export has what they wrote.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program once
 * on SQLite and once on PostgreSQL).
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

#include "lib/news.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "harbour lantern quiet seventy"
#define BASE "https://news-hub.example"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *api_b;	/* no cookies: token calls */
static struct ts_browser *visitor;

static struct tn_person staff_p = { .email = "nina.staff@news.test", .name = "Nina Staff",
	.role = "staff" };
static struct tn_person member_p = { .email = "milo.member@news.test", .name = "Milo Member",
	.role = "member" };
static struct tn_person focal_p = { .email = "fay.focal@news.test", .name = "Fay Focal",
	.role = "focal" };
static struct tn_person applicant_p = { .email = "ada.applicant@news.test",
	.name = "Ada Applicant", .role = "applicant" };

/* ---- helpers --------------------------------------------------------- */

/* The status of GET path for p (NULL: a visitor). */
static long
status_for(struct tn_person *p, const char *path)
{
	return tn_as(p, "GET", path, NULL)->status;
}

/* Whether the list at path, as p sees it, has an item with slug. */
static int
list_has(struct tn_person *p, const char *path, const char *slug)
{
	const struct ts_res *r = tn_as(p, "GET", path, NULL);
	json_t *j, *it;
	size_t i;
	int found = 0;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(tn_jstr(it, "slug"), slug) == 0)
			found = 1;
	json_decref(j);
	return found;
}

/* An organization imported as approved; its id. */
static int64_t
org_made(const char *name, const char *country, const char *email)
{
	char desc[256];
	int64_t id;

	snprintf(desc, sizeof desc, "%s works on the news.", name);
	id = ts_org_import(db_url, name, country, email, desc);
	assert_true(id > 0);
	return id;
}

/* Runs python3's XML parser on body: 0 when it is well-formed Atom with a
 * feed id, title, updated and self link, every entry an id, title,
 * updated and link, and every link and id absolute under BASE. */
static int
atom_valid(const char *body)
{
	char file[] = "/tmp/news-atom-XXXXXX", cmd[1024];
	FILE *f;
	int fd = mkstemp(file), rc;

	if (fd < 0 || !(f = fdopen(fd, "w")))
		return -1;
	fputs(body, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "python3 -c '\n"
	    "import sys, xml.etree.ElementTree as E\n"
	    "A = \"{http://www.w3.org/2005/Atom}\"\n"
	    "f = E.parse(sys.argv[1]).getroot()\n"
	    "assert f.tag == A + \"feed\"\n"
	    "for n in (\"id\", \"title\", \"updated\"): assert len(f.findall(A + n)) == 1, n\n"
	    "assert any(l.get(\"rel\") == \"self\" for l in f.findall(A + \"link\"))\n"
	    "for l in f.iter(A + \"link\"): assert l.get(\"href\").startswith(\"" BASE "/\"), l.get(\"href\")\n"
	    "for i in f.iter(A + \"id\"): assert i.text.startswith(\"" BASE "/\"), i.text\n"
	    "for e in f.findall(A + \"entry\"):\n"
	    "  for n in (\"id\", \"title\", \"updated\", \"link\", \"author\"): assert len(e.findall(A + n)) == 1, n\n"
	    "' %s", file);
	rc = system(cmd);
	unlink(file);
	return rc;
}

/* ---- tests ----------------------------------------------------------- */

/* Staff write a draft nobody else sees, publish it, change it, unpublish
 * and delete it; its Markdown comes out safe. */
static void
test_staff_crud_and_drafts(void **state)
{
	char slug[100], path[200], page[200];
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	(void)state;
	id = tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:[s],s:s}", "title",
	    "Regional meeting on witness protection", "kind", "news", "summary",
	    "What the meeting agreed.", "body", "It **agreed** on three points.\n\n"
	    "<script>alert('x')</script>\n\n[bad](javascript:alert(1)) [good](https://example.org/)",
	    "themes", "criminal_justice", "visibility", "public"), slug, sizeof slug);
	assert_string_equal(slug, "regional-meeting-on-witness-protection");
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	snprintf(page, sizeof page, "/news/%s", slug);
	/* a draft: staff only */
	assert_int_equal(status_for(NULL, path), 404);
	assert_int_equal(status_for(&member_p, path), 404);
	assert_int_equal(status_for(&focal_p, path), 404);
	assert_false(list_has(NULL, "/api/v1/news", slug));
	r = tn_as(&staff_p, "GET", path, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(tn_jstr(j, "status"), "draft");
	json_decref(j);
	assert_true(list_has(&staff_p, "/api/v1/staff/news?status=draft", slug));
	/* published: everyone */
	snprintf(path, sizeof path, "/api/v1/news/%lld/publish", (long long)id);
	STATUS(tn_as(&staff_p, "POST", path, NULL), 200);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	r = tn_as(NULL, "GET", path, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_non_null(strstr(tn_jstr(j, "body_html"), "<strong>agreed</strong>"));
	assert_null(strstr(tn_jstr(j, "body_html"), "<script"));
	assert_null(strstr(tn_jstr(j, "body_html"), "javascript:"));
	assert_non_null(strstr(tn_jstr(j, "body_html"), "href=\"https://example.org/\""));
	assert_true(json_is_string(json_object_get(j, "published_at")));
	json_decref(j);
	r = ts_get(visitor, page);
	STATUS(r, 200);
	HAS(r, "Regional meeting on witness protection");
	LACKS(r, "<script>alert");
	assert_true(list_has(NULL, "/api/v1/news", slug));
	/* changed (a PATCH keeps what it does not send) */
	snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	STATUS(tn_as(&staff_p, "PATCH", path, json_pack("{s:s}", "title",
	    "Regional meeting on protecting witnesses")), 200);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	r = tn_as(NULL, "GET", path, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(tn_jstr(j, "title"), "Regional meeting on protecting witnesses");
	assert_string_equal(tn_jstr(j, "summary"), "What the meeting agreed.");
	json_decref(j);
	/* the staff's list and CSV */
	r = ts_get(tn_web(&staff_p), "/staff/news.csv?status=published");
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "text/csv"));
	HAS(r, "id,slug,kind,title,status,visibility,language,themes,author,published_at,"
	    "updated_at\r\n");
	HAS(r, slug);
	HAS(r, "Nina Staff");
	r = ts_get(tn_web(&staff_p), "/staff/news?kind=news");
	STATUS(r, 200);
	HAS(r, "Regional meeting on protecting witnesses");
	/* unpublished: gone again for others */
	snprintf(path, sizeof path, "/api/v1/news/%lld/unpublish", (long long)id);
	STATUS(tn_as(&staff_p, "POST", path, NULL), 200);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	assert_int_equal(status_for(NULL, path), 404);
	STATUS(ts_get(visitor, page), 404);
	/* deleted */
	snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	r = tn_as(&staff_p, "DELETE", path, NULL);
	STATUS(r, 200);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	assert_int_equal(status_for(&staff_p, path), 404);
	snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	tn_problem(tn_as(&staff_p, "DELETE", path, NULL), 404, NULL);
	/* the audit log has each step */
	r = tn_as(&staff_p, "GET", "/api/v1/staff/audit?per_page=50", NULL);
	STATUS(r, 200);
	HAS(r, "news.created");
	HAS(r, "news.published");
	HAS(r, "news.unpublished");
	HAS(r, "news.deleted");
}

/* Only staff write: members, focal points, applicants and visitors are
 * refused, and a form without its CSRF token is refused. */
static void
test_only_staff_write(void **state)
{
	json_t *body = json_pack("{s:s,s:s,s:s}", "title", "Not allowed", "kind", "news",
	    "visibility", "public");
	const struct ts_res *r;

	(void)state;
	tn_problem(tn_as(NULL, "POST", "/api/v1/news", json_incref(body)), 401, NULL);
	tn_problem(tn_as(&member_p, "POST", "/api/v1/news", json_incref(body)), 403, NULL);
	tn_problem(tn_as(&focal_p, "POST", "/api/v1/news", json_incref(body)), 403, NULL);
	tn_problem(tn_as(&applicant_p, "POST", "/api/v1/news", json_incref(body)), 403, NULL);
	json_decref(body);
	STATUS(ts_get(tn_web(&member_p), "/staff/news"), 403);
	tn_problem(tn_as(&member_p, "PUT", "/api/v1/pages/about/en", json_pack("{s:s,s:s}", "title",
	    "Hijacked", "body", "Not ours")), 403, NULL);
	r = ts_post(tn_web(&staff_p), "/staff/news/new", "title", "No token", "kind", "news",
	    "visibility", "public", "language", "en", (char *)NULL);
	STATUS(r, 403);
}

/* A members' item: 404 to visitors and applicants, never 403; read by
 * members and focal points, in their lists; never in the feed. */
static void
test_members_only(void **state)
{
	char slug[100], path[200], page[200];
	const struct ts_res *r;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "title",
	    "Members' briefing on the review cycle", "kind", "news", "summary",
	    "Only for members.", "visibility", "members", "language", "en", "publish", 1),
	    slug, sizeof slug);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	snprintf(page, sizeof page, "/news/%s", slug);
	tn_problem(tn_as(NULL, "GET", path, NULL), 404, NULL);
	tn_problem(tn_as(&applicant_p, "GET", path, NULL), 404, NULL);
	r = ts_get(visitor, page);
	STATUS(r, 404);
	LACKS(r, "Members' briefing");
	STATUS(ts_get(tn_web(&applicant_p), page), 404);
	assert_int_equal(status_for(&member_p, path), 200);
	assert_int_equal(status_for(&focal_p, path), 200);
	assert_int_equal(status_for(&staff_p, path), 200);
	r = ts_get(tn_web(&member_p), page);
	STATUS(r, 200);
	HAS(r, "For members and focal points only.");
	assert_false(list_has(NULL, "/api/v1/news", slug));
	assert_false(list_has(&applicant_p, "/api/v1/news", slug));
	assert_true(list_has(&member_p, "/api/v1/news", slug));
	assert_true(list_has(&focal_p, "/api/v1/news", slug));
	r = ts_get(visitor, "/news.atom");
	STATUS(r, 200);
	LACKS(r, slug);
	r = ts_get(visitor, "/news");
	STATUS(r, 200);
	LACKS(r, "Members&#39; briefing");
}

/* Slugs are unique: a typed one another item has is a 409 naming it, one
 * made from a title gets a number; a slug that is not one is a 422. */
static void
test_slugs(void **state)
{
	char a[100], b[100];
	const struct ts_res *r;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s}", "title", "Same title twice",
	    "kind",
	    "news", "visibility", "public", "slug", "same-title"), a, sizeof a);
	assert_string_equal(a, "same-title");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Another", "kind", "news", "visibility", "public", "slug", "same-title")), 409, "slug");
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s}", "title", "Same title twice!",
	    "kind",
	    "news", "visibility", "public"), a, sizeof a);
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s}", "title", "Same title twice", "kind",
	    "news", "visibility", "public"), b, sizeof b);
	assert_string_equal(a, "same-title-twice");
	assert_string_equal(b, "same-title-twice-2");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Bad slug", "kind", "news", "visibility", "public", "slug", "12-numbers")), 422, "slug");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Bad slug", "kind", "news", "visibility", "public", "slug", "Upper Case")), 422, "slug");
	/* the form says so next to the field, keeping what was typed */
	r = ts_form(tn_web(&staff_p), "/staff/news/new", "title", "A third one", "kind", "news",
	    "visibility", "public", "language", "en", "slug", "same-title", "summary",
	    "Typed summary kept", (char *)NULL);
	STATUS(r, 409);
	HAS(r, "Another item has this address: choose another.");
	HAS(r, "Typed summary kept");
}

/* Limits and required fields: a form that fails comes back with every
 * message and what was typed. */
static void
test_bad_input(void **state)
{
	char big[700];
	const struct ts_res *r;

	(void)state;
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s}", "kind", "news",
	    "visibility", "public")), 422, "title");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}", "title",
	    "Wrong kind", "kind", "rumour", "visibility", "public")), 422, "kind");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}", "title",
	    "Wrong visibility", "kind", "news", "visibility", "staff")), 422, "visibility");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Long summary", "kind", "news", "visibility", "public", "summary", big)), 422,
	    "summary");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:[i]}", "title",
	    "Unknown organization", "kind", "story", "visibility", "public", "organizations",
	    999999)), 422, "organizations");
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?kind=rumour", NULL), 422, "kind");
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?per_page=1000", NULL), 422, "per_page");
	r = ts_form(tn_web(&staff_p), "/staff/news/new", "title", "", "kind", "news", "visibility",
	    "public", "language", "en", "summary", "What I typed stays", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "What I typed stays");
	HAS(r, "aria-invalid=\"true\"");
}

static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
	0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
	0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
	0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
	0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82 };

/* An image needs its alt text, must be an image by its bytes and at most
 * --logo-max (1 MB); it is served to whoever may read the item. */
static void
test_image(void **state)
{
	struct ts_part parts[6] = {
		{ "title", "Photo of the workshop", 0, NULL, NULL },
		{ "kind", "highlight", 0, NULL, NULL },
		{ "visibility", "members", 0, NULL, NULL },
		{ "publish", "1", 0, NULL, NULL },
		{ "image", (const char *)png, sizeof png, "workshop.png", "image/png" },
		{ "image_alt", "People around a table", 0, NULL, NULL },
	};
	char path[200], *huge;
	const struct ts_res *r;
	size_t big = 1000000 + 1000;
	json_t *j;

	(void)state;
	/* no alt text */
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 5),
	    422,
	    "image_alt");
	/* not an image, whatever its name says */
	parts[4].data = "<html><script>alert(1)</script></html>";
	parts[4].len = 0;
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6),
	    422,
	    "image");
	/* too big */
	huge = calloc(1, big);
	assert_non_null(huge);
	memcpy(huge, png, sizeof png);
	parts[4].data = huge;
	parts[4].len = big;
	r = ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6);
	free(huge);
	STATUS(r, 413);
	/* the form says so and keeps the rest */
	parts[4].data = (const char *)png;
	parts[4].len = sizeof png;
	parts[5].data = "";
	r = ts_multipart(tn_web(&staff_p), "/staff/news/new", 1, parts, 6);
	STATUS(r, 422);
	HAS(r, "Describe the image for those who cannot see it.");
	HAS(r, "Photo of the workshop");
	/* with its alt text */
	parts[5].data = "People around a table";
	r = ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6);
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/news/%s/image", tn_jstr(j, "slug"));
	json_decref(j);
	r = ts_get(tn_web(&member_p), path);
	STATUS(r, 200);
	assert_string_equal(ts_header(r, "Content-Type"), "image/png");
	assert_int_equal(r->len, sizeof png);
	STATUS(ts_get(visitor, path), 404);	/* a members' item */
	path[strlen(path) - 6] = '\0';
	r = ts_get(tn_web(&member_p), path);
	STATUS(r, 200);
	HAS(r, "alt=\"People around a table\"");
}

/* The Atom feed: well-formed, absolute links from --base-url, escaped
 * titles, public published items only. */
static void
test_feed(void **state)
{
	char pub[100], draft[100], members[100];
	const struct ts_res *r;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title",
	    "Tools & <tips> for \"NGOs\"", "kind", "news", "visibility", "public", "summary",
	    "A & B < C", "publish", 1), pub, sizeof pub);
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s}", "title", "Feed draft", "kind",
	    "news",
	    "visibility", "public"), draft, sizeof draft);
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:b}", "title", "Feed members", "kind",
	    "news",
	    "visibility", "members", "publish", 1), members, sizeof members);
	r = ts_get(tn_web(&staff_p), "/news.atom");	/* the same for everyone */
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "application/atom+xml"));
	assert_int_equal(atom_valid(r->body), 0);
	HAS(r, "Tools &amp; &lt;tips&gt;");
	HAS(r, "<link rel=\"alternate\" type=\"text/html\" href=\"" BASE "/news/");
	HAS(r, pub);
	LACKS(r, draft);
	LACKS(r, members);
}

/* The public list pages, newest first, filtered by kind and theme. */
static void
test_pagination_and_filters(void **state)
{
	const struct ts_res *r;
	char title[64], first[100] = "";
	json_t *j;
	int i;

	(void)state;
	for (i = 1; i <= 23; i++) {
		snprintf(title, sizeof title, "Wildlife story number %02d", i);
		(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:[s],s:b}", "title", title,
		    "kind",
		    "story", "visibility", "public", "themes", "wildlife_crime", "publish", 1),
		    i == 23 ? first : NULL, sizeof first);
	}
	r = tn_as(NULL, "GET", "/api/v1/news?theme=wildlife_crime&per_page=10", NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 23);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 10);
	assert_int_equal(json_integer_value(json_object_get(j, "next_page")), 2);
	assert_string_equal(tn_jstr(json_array_get(json_object_get(j, "items"), 0), "slug"), first);
	json_decref(j);
	r = tn_as(NULL, "GET", "/api/v1/news?theme=wildlife_crime&per_page=10&page=3", NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	assert_null(json_object_get(j, "next_page"));
	json_decref(j);
	assert_false(list_has(NULL, "/api/v1/news?kind=highlight&theme=wildlife_crime", first));
	assert_true(list_has(NULL, "/api/v1/news?kind=story&theme=wildlife_crime", first));
	r = ts_get(visitor, "/news?theme=wildlife_crime&per_page=10&page=2");
	STATUS(r, 200);
	HAS(r, "Wildlife story number 13");
	HAS(r, "page=3");
	HAS(r, "page=1");
	r = ts_get(tn_web(&staff_p), "/staff/news?kind=story&per_page=5");
	STATUS(r, 200);
	HAS(r, "page=2");
}

/* A story shows the approved organizations it names, and no longer one
 * that is suspended. */
static void
test_story_organizations(void **state)
{
	int64_t a = org_made("Riverbank Watch", "GH", "contact@riverbank.example");
	int64_t b = org_made("Hillside Monitors", "TG", "contact@hillside.example");
	char slug[100], path[200];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:[I,I],s:b}", "title",
	    "Two groups that watch", "kind", "story", "visibility", "public", "organizations",
	    (json_int_t)a, (json_int_t)b, "publish", 1), slug, sizeof slug);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	r = tn_as(NULL, "GET", path, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "organizations")), 2);
	json_decref(j);
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)b);
	STATUS(ts_form(tn_web(&staff_p), path, "status", "suspended", (char *)NULL), 303);
	snprintf(path, sizeof path, "/news/%s", slug);
	r = ts_get(visitor, path);
	STATUS(r, 200);
	HAS(r, "Riverbank Watch");
	LACKS(r, "Hillside Monitors");
	r = ts_get(tn_web(&member_p), path);
	STATUS(r, 200);
	LACKS(r, "Hillside Monitors");
}

/* The site's pages: default texts, French falling back to English, staff
 * edit them, and their history says who did. */
static void
test_site_pages(void **state)
{
	struct ts_browser *fr = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	json_t *j;

	(void)state;
	r = ts_get(visitor, "/privacy");
	STATUS(r, 200);
	HAS(r, "non-governmental");
	r = ts_get(visitor, "/");
	STATUS(r, 200);
	HAS(r, "href=\"/privacy\"");
	HAS(r, "href=\"/terms\"");
	HAS(r, "href=\"/about\"");
	HAS(r, "href=\"/partners\"");
	STATUS(ts_get(visitor, "/about/members"), 200);	/* still there */
	r = ts_get(fr, "/terms?lang=fr");
	STATUS(r, 200);
	HAS(r, "Conditions d");
	/* staff write the English page only: French readers get it */
	STATUS(tn_as(&staff_p, "PUT", "/api/v1/pages/partners/en", json_pack("{s:s,s:s}", "title",
	    "Our partners", "body", "We work with **the Bureau**. <script>x()</script>")), 200);
	r = ts_get(fr, "/partners?lang=fr");
	STATUS(r, 200);
	HAS(r, "<strong>the Bureau</strong>");
	LACKS(r, "<script>x()");
	STATUS(tn_as(&staff_p, "PUT", "/api/v1/pages/partners/fr", json_pack("{s:s,s:s}", "title",
	    "Nos partenaires", "body", "Nous travaillons avec le Bureau.")), 200);
	r = ts_get(fr, "/partners");
	STATUS(r, 200);
	HAS(r, "Nos partenaires");
	r = tn_as(NULL, "GET", "/api/v1/partners", NULL);
	STATUS(r, 200);
	HAS(r, "Our partners");
	/* the form's history */
	r = tn_as(&staff_p, "GET", "/api/v1/staff/pages/partners/en", NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "history")), 1);
	assert_string_equal(tn_jstr(json_array_get(json_object_get(j, "history"), 0), "by"),
	    "Nina Staff");
	json_decref(j);
	r = ts_form(tn_web(&staff_p), "/staff/pages/partners/en", "title", "", "body", "kept text",
	    (char *)NULL);
	STATUS(r, 422);
	HAS(r, "kept text");
	tn_problem(tn_as(&staff_p, "PUT", "/api/v1/pages/cookies/en", json_pack("{s:s,s:s}",
	    "title",
	    "No such page", "body", "x")), 404, NULL);
	tn_problem(tn_as(&staff_p, "PUT", "/api/v1/pages/about/de", json_pack("{s:s,s:s}", "title",
	    "Keine", "body", "x")), 404, NULL);
	r = ts_get(tn_web(&staff_p), "/staff/pages");
	STATUS(r, 200);
	HAS(r, "Our partners");
	ts_browser_free(fr);
}

/* The home page: the newest highlight and news the reader may read. */
static void
test_home(void **state)
{
	char hl[100], members[100];
	const struct ts_res *r;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title",
	    "Home highlight for all",
	    "kind", "highlight", "visibility", "public", "summary", "Seen on the home page.",
	    "publish", 1), hl, sizeof hl);
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:b}", "title",
	    "Home news for members",
	    "kind", "news", "visibility", "members", "publish", 1), members, sizeof members);
	r = ts_get(visitor, "/");
	STATUS(r, 200);
	HAS(r, "Home highlight for all");
	LACKS(r, "Home news for members");
	r = ts_get(tn_web(&member_p), "/");
	STATUS(r, 200);
	HAS(r, "Home news for members");
	r = tn_as(NULL, "GET", "/api/v1/", NULL);
	STATUS(r, 200);
	HAS(r, hl);
	LACKS(r, members);
}

/* A staff member's export lists the items they wrote. */
static void
test_export(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = tn_as(&staff_p, "GET", "/api/v1/me/export", NULL);
	STATUS(r, 200);
	HAS(r, "\"news_written\"");
	HAS(r, "same-title-twice-2");
	r = tn_as(&member_p, "GET", "/api/v1/me/export", NULL);
	STATUS(r, 200);
	HAS(r, "\"news_written\":[]");
}

static void
test_server_stops_cleanly(void **state)
{
	(void)state;
	assert_int_equal(ts_server_stop(&srv), 0);
}

static int
setup(void **state)
{
	static const char *const extra[] = { "--base-url", BASE, NULL };

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	api_b = ts_browser_new(&srv, NULL);
	tn_use(&srv, api_b, db_url, PW);
	visitor = ts_browser_new(&srv, NULL);
	return 0;
}

static int
teardown(void **state)
{
	struct tn_person *ps[] = { &staff_p, &member_p, &focal_p, &applicant_p };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ps / sizeof ps[0]; i++)
		ts_browser_free(ps[i]->web);
	ts_browser_free(api_b);
	ts_browser_free(visitor);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_staff_crud_and_drafts),
		cmocka_unit_test(test_only_staff_write),
		cmocka_unit_test(test_members_only),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_image),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_pagination_and_filters),
		cmocka_unit_test(test_story_organizations),
		cmocka_unit_test(test_site_pages),
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("news", tests, setup, teardown);
}
