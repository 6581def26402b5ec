/*
 * import_test.c -- the CSV import of organizations as staff meet it on
 * /staff/organizations/import: files with and without a byte-order mark,
 * with commas or semicolons, quoted newlines; a bad line reported by its
 * line number while the good ones are written; duplicates; a dry run that
 * writes nothing; export then import changing nothing, and an edited cell
 * coming back; who may import; CSRF.
 *
 * Each upload starts a background job; the test follows the page's JSON
 * twin until the job has ended, as the page itself refreshes until then.
 * The database is $WHATSON_TEST_DB (tests/http/run.t: SQLite, PostgreSQL).
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

#include "db/db.h"
#include "jobs/jobs.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *staff_web, *staff_api, *member_web, *anon;
static char staff_tok[80];

static const char *
token_for(const char *email)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	json_t *j;
	char body[256];

	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}", email, PW);
	r = ts_api(b, "POST", "/api/v1/session", NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	snprintf(staff_tok, sizeof staff_tok, "%s", json_string_value(json_object_get(j,
	    "token")));
	json_decref(j);
	ts_browser_free(b);
	return staff_tok;
}

/* Uploads csv (len bytes) as staff; the job's report once it has ended
 * (caller decrefs). */
static json_t *
import_csv(const char *csv, size_t len, int dry_run)
{
	struct ts_part parts[2] = {
		{ "file", csv, len ? len : strlen(csv), "orgs.csv", "text/csv" },
		{ "dry_run", "1", 0, NULL, NULL },
	};
	const struct ts_res *r = ts_multipart(staff_web, "/staff/organizations/import", 1, parts,
	    dry_run ? 2 : 1);
	const char *loc;
	char path[200];
	int64_t until = ts_now_ms() + 60000;
	json_t *j = NULL;

	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	assert_non_null(strstr(loc, "/staff/organizations/import/"));
	snprintf(path, sizeof path, "/api/v1%s", strstr(loc, "/staff/"));
	while (ts_now_ms() < until) {
		r = ts_api(staff_api, "GET", path, staff_tok, NULL);
		STATUS(r, 200);
		j = ts_json(r);
		if (!json_is_true(json_object_get(j, "running")))
			break;
		json_decref(j);
		j = NULL;
		usleep(100 * 1000);
	}
	if (!j)
		fail_msg("the import did not end within 60 s");
	{	/* the page a person sees says the same */
		const struct ts_res *p = ts_get(staff_web, strstr(loc, "/staff/"));

		STATUS(p, 200);
		HAS(p, "created");
	}
	{
		json_t *rep = json_incref(json_object_get(j, "report"));

		json_decref(j);
		assert_non_null(rep);
		return rep;
	}
}

static int64_t
count(json_t *rep, const char *outcome)
{
	return json_integer_value(json_object_get(json_object_get(rep, "counts"), outcome));
}

/* The report's entry for physical line n, or NULL. */
static json_t *
line_of(json_t *rep, int n)
{
	json_t *l;
	size_t i;

	json_array_foreach(json_object_get(rep, "lines"), i, l)
		if (json_integer_value(json_object_get(l, "line")) == n)
			return l;
	return NULL;
}

static const char *
outcome_of(json_t *rep, int n)
{
	json_t *l = line_of(rep, n);

	if (!l) {
		printf("# no report for line %d\n", n);
		return "";
	}
	return json_string_value(json_object_get(l, "outcome"));
}

#define OUTCOME(rep, n, want) do { \
	const char *o_ = outcome_of((rep), (n)); \
	if (strcmp(o_, (want)) != 0) \
		printf("# line %d: %s, want %s: %s\n", (n), o_, (want), \
		    json_string_value(json_object_get(line_of((rep), (n)), "text"))); \
	assert_string_equal(o_, (want)); \
} while (0)

/* An organization through the API, as staff (caller decrefs). */
static json_t *
org_get(int64_t id)
{
	char path[80];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)id);
	r = ts_api(staff_api, "GET", path, staff_tok, NULL);
	STATUS(r, 200);
	return ts_json(r);
}

static int64_t
line_id(json_t *rep, int n)
{
	return json_integer_value(json_object_get(line_of(rep, n), "id"));
}

#define HEADER "name,kind,country,description,themes,languages,contact_name,contact_email,website\r\n"

/* ---- files ------------------------------------------------------------- */

static void
test_bom_comma_quoted_newline(void **state)
{
	static const char csv[] = "\xEF\xBB\xBF" HEADER
	    "Fjord Integrity Watch,ngo,IS,\"Follows public money in the fisheries,\nline by "
	    "line, with \"\"quotes\"\"\",corruption,en; fr,Ingrid,ingrid@fjordwatch.test,"
	    "https://fjordwatch.test\r\n"
	    "Glacier Rights Centre,academia,IS,Studies how trafficking networks recruit online.,"
	    "trafficking_in_persons; cybercrime,,Gunnar,gunnar@glacier-rights.test,\r\n";
	json_t *rep = import_csv(csv, 0, 0), *o;

	(void)state;
	assert_int_equal(count(rep, "created"), 2);
	assert_int_equal(count(rep, "error"), 0);
	OUTCOME(rep, 2, "created");	/* spans lines 2-3 */
	assert_int_equal(json_integer_value(json_object_get(line_of(rep, 2), "last_line")), 3);
	OUTCOME(rep, 4, "created");
	o = org_get(line_id(rep, 2));
	assert_string_equal(json_string_value(json_object_get(o, "description")),
	    "Follows public money in the fisheries,\nline by line, with \"quotes\"");
	assert_int_equal(json_array_size(json_object_get(o, "languages")), 2);
	json_decref(o);
	{	/* the directory's index knows them at once */
		const struct ts_res *r = ts_api(staff_api, "GET",
		    "/api/v1/organizations?country=IS", staff_tok, NULL);
		json_t *j;

		STATUS(r, 200);
		j = ts_json(r);
		assert_true(json_integer_value(json_object_get(j, "total")) >= 2);
		json_decref(j);
	}
	json_decref(rep);
}

static void
test_semicolon_no_bom(void **state)
{
	static const char csv[] =
	    "name;kind;country;description;themes;contact_name;contact_email\n"
	    "Lagoa Anti-Corruption Forum;ngo;PT;\"Watches procurement; and reports, monthly.\";"
	    "corruption;Rui;rui@lagoa-forum.test\n";
	json_t *rep = import_csv(csv, 0, 0), *o;

	(void)state;
	OUTCOME(rep, 2, "created");
	o = org_get(line_id(rep, 2));
	assert_string_equal(json_string_value(json_object_get(o, "description")),
	    "Watches procurement; and reports, monthly.");
	json_decref(o);
	json_decref(rep);
}

static void
test_bad_lines_and_good_ones(void **state)
{
	static const char csv[] = HEADER
	    "Sound Forest Trust,foundation,NO,Funds rangers who track illegal logging.,"
	    "wildlife_crime,,Siri,siri@soundforest.test,\n"
	    "Nowhere Org,ngo,XX,Claims a country that does not exist.,corruption,,Nils,"
	    "nils@nowhere.test,\n"
	    ",ngo,NO,Has no name at all but a long description.,corruption,,Ola,ola@noname.test,\n"
	    "Odd Kind Org,spaceship,NO,Claims a kind that does not exist.,corruption,,Kari,"
	    "kari@oddkind.test,\n"
	    "Bad Mail Org,ngo,NO,Gives an address that is not one.,corruption,,Per,per-at-x,\n"
	    "Unknown Theme Org,ngo,NO,Names a theme that is not on the list.,astrology,xx,Liv,"
	    "liv@theme.test,\n"
	    "Too Long Org,ngo,NO,Short,corruption,,Eva,eva@toolong.test,\n"
	    "Fjell Justice Network,network,NO,Connects lawyers who defend whistle-blowers.,"
	    "criminal_justice,,Tor,tor@fjell.test,\n";
	json_t *rep = import_csv(csv, 0, 0);
	const char *why;

	(void)state;
	OUTCOME(rep, 2, "created");
	OUTCOME(rep, 3, "error");
	why = json_string_value(json_object_get(line_of(rep, 3), "reason"));
	assert_non_null(strstr(why, "country \"XX\""));
	OUTCOME(rep, 4, "error");
	assert_non_null(strstr(json_string_value(json_object_get(line_of(rep, 4), "reason")),
	    "name"));
	OUTCOME(rep, 5, "error");
	assert_non_null(strstr(json_string_value(json_object_get(line_of(rep, 5), "reason")),
	    "kind \"spaceship\""));
	OUTCOME(rep, 6, "error");
	assert_non_null(strstr(json_string_value(json_object_get(line_of(rep, 6), "reason")),
	    "contact_email"));
	OUTCOME(rep, 7, "error");
	assert_non_null(strstr(json_string_value(json_object_get(line_of(rep, 7), "reason")),
	    "themes \"astrology\""));
	OUTCOME(rep, 8, "error");	/* description too short */
	OUTCOME(rep, 9, "created");
	assert_int_equal(count(rep, "created"), 2);
	assert_int_equal(count(rep, "error"), 6);
	/* errors come first in the report */
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(rep, "lines"), 0), "outcome")), "error");
	json_decref(org_get(line_id(rep, 2)));
	json_decref(org_get(line_id(rep, 9)));
	json_decref(rep);
}

static void
test_duplicates(void **state)
{
	static const char first[] = HEADER
	    "Harbour Light Collective,ngo,DK,Helps survivors of trafficking find shelter.,"
	    "trafficking_in_persons,,Mette,mette@harbourlight.test,https://harbourlight.test\n";
	static const char again[] = HEADER
	    "Harbour  Light collective!,charity,DK,Another description of the same group.,"
	    "victims_rights,,Jens,jens@other-mail.test,\n"
	    "Quite Different Name,ngo,SE,Same website as an organization that exists.,"
	    "corruption,,Lars,lars@different.test,https://www.harbourlight.test/about\n"
	    "Brand New Ferry Watch,ngo,SE,Watches ferries for smuggled migrants.,"
	    "smuggling_of_migrants,,Asa,asa@ferrywatch.test,\n"
	    "Brand New Ferry Watch,ngo,SE,The same row twice in one file.,"
	    "smuggling_of_migrants,,Asa,asa@ferrywatch.test,\n";
	json_t *rep = import_csv(first, 0, 0), *rep2;
	int64_t id = line_id(rep, 2);

	(void)state;
	OUTCOME(rep, 2, "created");
	rep2 = import_csv(again, 0, 0);
	OUTCOME(rep2, 2, "duplicate");
	assert_int_equal(line_id(rep2, 2), id);
	assert_string_equal(json_string_value(json_object_get(line_of(rep2, 2), "why")),
	    "same name in the same country");
	OUTCOME(rep2, 3, "duplicate");
	assert_int_equal(line_id(rep2, 3), id);
	assert_string_equal(json_string_value(json_object_get(line_of(rep2, 3), "why")),
	    "same website domain");
	OUTCOME(rep2, 4, "created");
	OUTCOME(rep2, 5, "duplicate");
	assert_int_equal(json_integer_value(json_object_get(line_of(rep2, 5),
	    "duplicate_of_line")), 4);
	json_decref(rep);
	json_decref(rep2);
}

/* An applicant's application for organization `name` as the API takes it;
 * the applicant's answer and the application's id. */
static json_t *
apply(const char *tok, const char *name, const char *country, const char *website,
    int64_t *id)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:[s]}", "name", name, "kind", "ngo",
	    "country", country, "description", "A watchdog group that publishes what it finds.",
	    "themes", "corruption");
	json_t *body, *j;
	char *text;
	const struct ts_res *r;

	if (website)
		json_object_set_new(o, "website", json_string(website));
	body = json_pack("{s:o,s:{s:s,s:s},s:b}", "organization", o, "contact", "name",
	    "Ana Applicant", "email", "ana.applicant@gmail.com", "consent", 1);
	text = json_dumps(body, JSON_COMPACT);
	r = ts_api(anon, "POST", "/api/v1/applications", tok, text);
	free(text);
	json_decref(body);
	STATUS(r, 201);
	j = ts_json(r);
	*id = json_integer_value(json_object_get(j, "id"));
	assert_true(*id > 0);
	return j;
}

/* The reason staff read in the review queue that application app_id may
 * duplicate organization org_id, or NULL (strdup'ed). */
static char *
queue_why(int64_t app_id, int64_t org_id)
{
	char path[96];
	const struct ts_res *r;
	char *why = NULL;
	json_t *j, *d;
	size_t i;

	snprintf(path, sizeof path, "/api/v1/staff/applications/%lld", (long long)app_id);
	r = ts_api(staff_api, "GET", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_json(r);
	json_array_foreach(json_object_get(j, "duplicates"), i, d)
		if (json_integer_value(json_object_get(d, "id")) == org_id &&
		    strcmp(json_string_value(json_object_get(d, "type")), "organization") == 0)
			why = strdup(json_string_value(json_object_get(d, "why")));
	json_decref(j);
	if (why) {	/* the page staff read says it too */
		snprintf(path, sizeof path, "/staff/applications/%lld", (long long)app_id);
		r = ts_get(staff_web, path);
		STATUS(r, 200);
		HAS(r, "Possible duplicates");
		HAS(r, why);
	}
	return why;
}

/* The review queue and the import agree: an organization typed with other
 * capitals, accents and punctuation, or with another form of its web
 * address, is flagged by both, as a duplicate of the same organization, for
 * the same reason.  The applicant is told only of the same name. */
static void
test_queue_and_import_agree(void **state)
{
	static const char stored[] = HEADER
	    "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale d'Entraide,ngo,SN,"
	    "Lends to women who trade across borders.,corruption,,Awa,awa@entraide-sn.test,"
	    "https://www.entraide-sn.test/\n";
	static const char again[] = HEADER
	    "SOCIETE GENERALE D\xe2\x80\x99" "ENTRAIDE,ngo,SN,The same group typed again.,"
	    "corruption,,Awa,awa.diop@gmail.com,\n"
	    "Entraide Sahel,ngo,ML,Another name on the same website.,corruption,,Moussa,"
	    "moussa@gmail.com,HTTP://ENTRAIDE-SN.TEST/contact\n";
	char tok[80];
	json_t *rep, *mine;
	int64_t org, by_name, by_site;
	char *why_name, *why_site;

	(void)state;
	rep = import_csv(stored, 0, 0);
	OUTCOME(rep, 2, "created");
	org = line_id(rep, 2);
	json_decref(rep);

	assert_true(ts_user_add(db_url, "ana.applicant@import.test", "Ana Applicant",
	    "applicant", PW) > 0);
	snprintf(tok, sizeof tok, "%s", token_for("ana.applicant@import.test"));
	token_for("sam.staff@import.test");
	mine = apply(tok, "SOCIETE GENERALE D\xe2\x80\x99" "ENTRAIDE", "SN", NULL, &by_name);
	/* the applicant is told of the member with the same name */
	assert_int_equal(json_array_size(json_object_get(mine, "duplicates")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(mine,
	    "duplicates"), 0), "id")), org);
	json_decref(mine);
	mine = apply(tok, "Entraide Sahel", "ML", "HTTP://ENTRAIDE-SN.TEST/contact", &by_site);
	/* ... but not of a shared website: that is for staff */
	assert_int_equal(json_array_size(json_object_get(mine, "duplicates")), 0);
	json_decref(mine);

	why_name = queue_why(by_name, org);
	why_site = queue_why(by_site, org);
	assert_non_null(why_name);
	assert_non_null(why_site);
	assert_string_equal(why_name, "same name in the same country");
	assert_string_equal(why_site, "same website domain");

	rep = import_csv(again, 0, 1);	/* a dry run answers the same */
	OUTCOME(rep, 2, "duplicate");
	assert_int_equal(line_id(rep, 2), org);
	assert_string_equal(json_string_value(json_object_get(line_of(rep, 2), "why")),
	    why_name);
	OUTCOME(rep, 3, "duplicate");
	assert_int_equal(line_id(rep, 3), org);
	assert_string_equal(json_string_value(json_object_get(line_of(rep, 3), "why")),
	    why_site);
	json_decref(rep);
	free(why_name);
	free(why_site);
}

static void
test_dry_run_writes_nothing(void **state)
{
	static const char csv[] = HEADER
	    "Dry Valley Observatory,ngo,CL,Observes how mining licences are granted.,"
	    "corruption,,Pia,pia@dryvalley.test,\n"
	    "Broken Row,ngo,ZZ,This row has an unknown country code.,corruption,,Bo,bo@b.test,\n";
	json_t *rep = import_csv(csv, 0, 1);

	(void)state;
	assert_true(json_is_true(json_object_get(rep, "dry_run")));
	OUTCOME(rep, 2, "created");
	assert_int_equal(line_id(rep, 2), 0);	/* nothing was written */
	OUTCOME(rep, 3, "error");
	json_decref(rep);
	/* Imported for real, it is new: the dry run left no organization. */
	rep = import_csv(csv, 0, 0);
	OUTCOME(rep, 2, "created");
	assert_true(line_id(rep, 2) > 0);
	json_decref(rep);
}

/* The export as staff download it. */
static char *
export_csv(size_t *len)
{
	const struct ts_res *r = ts_api(staff_api, "GET", "/staff/organizations.csv",
	    staff_tok, NULL);
	char *copy;

	STATUS(r, 200);
	copy = malloc(r->len + 1);
	memcpy(copy, r->body, r->len + 1);
	*len = r->len;
	return copy;
}

static void
test_round_trip(void **state)
{
	size_t len, n;
	char *csv = export_csv(&len), *edited, *at;
	json_t *rep;
	const struct ts_res *r;

	(void)state;
	free(csv);
	rep = import_csv(HEADER "Sound Forest Trust,foundation,NO,Funds rangers who track "
	    "illegal logging.,wildlife_crime,,Siri,siri@soundforest.test,\n", 0, 0);
	json_decref(rep);	/* created, or a duplicate of the one made before */
	csv = export_csv(&len);
	rep = import_csv(csv, len, 0);
	n = (size_t)count(rep, "unchanged");
	assert_true(n >= 5);
	assert_int_equal(count(rep, "created"), 0);
	assert_int_equal(count(rep, "updated"), 0);
	assert_int_equal(count(rep, "error"), 0);
	assert_int_equal(count(rep, "duplicate"), 0);
	json_decref(rep);
	/* One cell edited: that organization is updated, and the next export
	 * shows it. */
	at = strstr(csv, "Sound Forest Trust");
	assert_non_null(at);
	edited = malloc(len + 16);
	memcpy(edited, csv, (size_t)(at - csv));
	memcpy(edited + (at - csv), "Sound Forest Fund", 17);
	memcpy(edited + (at - csv) + 17, at + 18, len - (size_t)(at - csv) - 18 + 1);
	rep = import_csv(edited, len - 1, 0);
	assert_int_equal(count(rep, "updated"), 1);
	assert_int_equal((size_t)count(rep, "unchanged"), n - 1);
	json_decref(rep);
	r = ts_api(staff_api, "GET", "/staff/organizations.csv", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Sound Forest Fund");
	assert_false(ts_has(r, "Sound Forest Trust"));
	/* each import is in the audit log, with its counts */
	r = ts_api(staff_api, "GET", "/api/v1/staff/audit", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "organizations.imported");
	HAS(r, "0 created, 1 updated");
	free(edited);
	free(csv);
}

static void
test_not_utf8_refused(void **state)
{
	static const char bin[] = "name,kind\n\xff\xfe\x01\x02,ngo\n";
	json_t *rep = import_csv(bin, sizeof bin - 1, 0);

	(void)state;
	assert_non_null(strstr(json_string_value(json_object_get(rep, "refused")), "UTF-8"));
	assert_int_equal(count(rep, "created"), 0);
	json_decref(rep);
	rep = import_csv("id,nickname\n1,x\n", 0, 0);
	assert_non_null(strstr(json_string_value(json_object_get(rep, "refused")),
	    "Unknown column \"nickname\""));
	json_decref(rep);
}

/* The limits: the upload (the server runs with --upload-max 1), a cell,
 * the cells of a row. */
static void
test_limits(void **state)
{
	size_t big = (1u << 20) + 4096, n;
	char *csv = malloc(big + 1), *row;
	struct ts_part part = { "file", NULL, 0, "big.csv", "text/csv" };
	const struct ts_res *r;
	json_t *rep;

	(void)state;
	/* the page says the limit (--upload-max is the old name of --import-max) */
	r = ts_get(staff_web, "/staff/organizations/import");
	STATUS(r, 200);
	HAS(r, "at most 1 MB.");
	memset(csv, 'a', big);
	memcpy(csv, "name\n", 5);
	csv[big] = '\0';
	part.data = csv;
	part.len = big;
	r = ts_multipart(staff_web, "/staff/organizations/import", 1, &part, 1);
	STATUS(r, 413);
	/* A cell of 25,000 bytes and a row of 70 cells: errors of those lines,
	 * not of the file; empty cells past the header's are nothing. */
	row = malloc(40000);
	n = (size_t)snprintf(row, 40000, "%s", HEADER "Long Cell Org,ngo,KE,");
	memset(row + n, 'x', 25000);
	n += 25000;
	n += (size_t)snprintf(row + n, 40000 - n, ",corruption,,Lu,lu@longcell.test,\n"
	    "Wide Row Org,ngo,AU,A row with far too many cells in it.,corruption,,Wu,"
	    "wu@widerow.test,");
	memset(row + n, ',', 61);
	n += 61;
	n += (size_t)snprintf(row + n, 40000 - n, "\nKakadu Rights Watch,ngo,AU,Defends the "
	    "rights of traditional owners.,victims_rights,,Mia,mia@kakadu.test,,,\n");
	rep = import_csv(row, n, 0);
	OUTCOME(rep, 2, "error");
	assert_non_null(strstr(json_string_value(json_object_get(line_of(rep, 2), "reason")),
	    "too long"));
	OUTCOME(rep, 3, "error");
	assert_non_null(strstr(json_string_value(json_object_get(line_of(rep, 3), "reason")),
	    "too many cells"));
	OUTCOME(rep, 4, "created");
	json_decref(rep);
	free(row);
	free(csv);
}

/* One import at a time: a second upload while one runs is 409, and the
 * first still ends with its report.  The first is a dry run of 6,000 rows,
 * which takes a good part of a second under ASan. */
static void
test_one_at_a_time(void **state)
{
	size_t cap = 1000000, n, i;
	char *csv = malloc(cap);
	struct ts_part first[2] = {
		{ "file", NULL, 0, "many.csv", "text/csv" },
		{ "dry_run", "1", 0, NULL, NULL },
	};
	struct ts_part second = { "file", HEADER, 0, "x.csv", "text/csv" };
	const struct ts_res *r;
	char path[200];
	json_t *j = NULL;
	int64_t until = ts_now_ms() + 60000;

	(void)state;
	n = (size_t)snprintf(csv, cap, "%s", HEADER);
	for (i = 0; i < 6000; i++)
		n += (size_t)snprintf(csv + n, cap - n, "Many Rows Org %zu,ngo,KE,One of many "
		    "rows that keep the import busy.,corruption,,Mo,mo@many%zu.test,\n", i, i);
	first[0].data = csv;
	first[0].len = n;
	r = ts_multipart(staff_web, "/staff/organizations/import", 1, first, 2);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/api/v1%s", strstr(ts_header(r, "Location"), "/staff/"));
	r = ts_multipart(staff_web, "/staff/organizations/import", 1, &second, 1);
	STATUS(r, 409);
	HAS(r, "An import is running");
	while (ts_now_ms() < until) {
		r = ts_api(staff_api, "GET", path, staff_tok, NULL);
		STATUS(r, 200);
		j = ts_json(r);
		if (!json_is_true(json_object_get(j, "running")))
			break;
		json_decref(j);
		j = NULL;
		usleep(100 * 1000);
	}
	assert_non_null(j);
	assert_int_equal(count(json_object_get(j, "report"), "created"), 6000);
	json_decref(j);
	free(csv);
}

/* ---- who may import ----------------------------------------------------- */

static void
test_staff_only(void **state)
{
	const struct ts_res *r;
	struct ts_part part = { "file", HEADER, 0, "x.csv", "text/csv" };

	(void)state;
	r = ts_get(anon, "/staff/organizations/import");
	if (r->status != 401 && r->status != 303)
		printf("# anonymous: %ld\n", r->status);
	assert_true(r->status == 401 || r->status == 303);
	r = ts_get(member_web, "/staff/organizations/import");
	STATUS(r, 403);
	r = ts_multipart(member_web, "/staff/organizations/import", 1, &part, 1);
	STATUS(r, 403);
	r = ts_get(staff_web, "/staff/organizations/import");
	STATUS(r, 200);
	HAS(r, "enctype=\"multipart/form-data\"");
	HAS(r, "MB");
	/* no file: the form again, saying what to fix */
	r = ts_multipart(staff_web, "/staff/organizations/import", 1, NULL, 0);
	STATUS(r, 422);
	HAS(r, "Choose a CSV file");
	/* an unknown job */
	r = ts_get(staff_web, "/staff/organizations/import/0123456789abcdef");
	STATUS(r, 404);
}

static void
test_csrf(void **state)
{
	struct ts_part part = { "file", HEADER, 0, "x.csv", "text/csv" };
	const struct ts_res *r;

	(void)state;
	r = ts_multipart(staff_web, "/staff/organizations/import", 0, &part, 1);
	STATUS(r, 403);
}

/* A script imports with its token: multipart to the API, 202 and the
 * job's address, which it follows until the job has ended. */
static void
test_api_upload(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n"
	    HEADER "Puffin Procurement Monitor,ngo,FO,Reads every public tender and flags "
	    "the odd ones.,corruption,,Jonna,jonna@puffin.test,\r\n"
	    "\r\n--XyZ--\r\n";
	const char *headers[3];
	char auth[128], path[200];
	const struct ts_res *r;
	json_t *j = NULL;
	int64_t until = ts_now_ms() + 60000;

	(void)state;
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", staff_tok);
	headers[0] = "Content-Type: multipart/form-data; boundary=XyZ";
	headers[1] = auth;
	headers[2] = NULL;
	r = ts_req(staff_api, "POST", "/api/v1/staff/organizations/import", headers, body,
	    sizeof body - 1);
	STATUS(r, 202);
	assert_non_null(ts_header(r, "Location"));
	snprintf(path, sizeof path, "%s", ts_header(r, "Location"));
	while (ts_now_ms() < until) {
		r = ts_api(staff_api, "GET", path, staff_tok, NULL);
		STATUS(r, 200);
		j = ts_json(r);
		if (!json_is_true(json_object_get(j, "running")))
			break;
		json_decref(j);
		j = NULL;
		usleep(100 * 1000);
	}
	assert_non_null(j);
	assert_int_equal(count(json_object_get(j, "report"), "created"), 1);
	json_decref(j);

	/* the job and its report live in the database: another node (or this
	 * one after a restart) shows the same report */
	{
		static const char *const extra[] = { "--upload-max", "1", NULL };
		struct ts_server other;
		struct ts_browser *b;

		assert_int_equal(ts_server_start(&other, db_url, &sink, extra), 0);
		b = ts_browser_new(&other, NULL);
		r = ts_api(b, "GET", path, staff_tok, NULL);
		STATUS(r, 200);
		j = ts_json(r);
		assert_false(json_is_true(json_object_get(j, "running")));
		assert_int_equal(count(json_object_get(j, "report"), "created"), 1);
		json_decref(j);
		ts_browser_free(b);
		assert_int_equal(ts_server_stop(&other), 0);
	}
	/* no file: 422 problem+json naming the field */
	r = ts_api(staff_api, "POST", "/api/v1/staff/organizations/import", staff_tok, "{}");
	STATUS(r, 422);
	HAS(r, "\"file\"");
}

/* The first job of kind with status in /api/v1/staff/jobs?status=, waiting
 * up to 20 s for it to get there; its JSON (caller decrefs) or NULL. */
static json_t *
job_with(const char *status, int64_t id)
{
	char path[96];
	int64_t until = ts_now_ms() + 20000;

	snprintf(path, sizeof path, "/api/v1/staff/jobs?status=%s&per_page=200", status);
	while (ts_now_ms() < until) {
		const struct ts_res *r = ts_api(staff_api, "GET", path, staff_tok, NULL);
		json_t *j, *it;
		size_t i;

		STATUS(r, 200);
		j = ts_json(r);
		json_array_foreach(json_object_get(j, "items"), i, it)
			if (json_integer_value(json_object_get(it, "id")) == id) {
				json_incref(it);
				json_decref(j);
				return it;
			}
		json_decref(j);
		usleep(50 * 1000);
	}
	return NULL;
}

/* Staff see the background jobs: imports done, a failed one with its
 * error, which they can try again; nobody else can. */
static void
test_jobs_page(void **state)
{
	struct db_pool *p = NULL;
	struct db *d;
	const struct ts_res *r;
	json_t *j;
	char err[256], path[96];
	int64_t id = 0;

	(void)state;
	/* an import whose file is gone: it fails on its one attempt */
	assert_int_equal(db_pool_open(db_url, 1, 0, &p, err, sizeof err), WS_OK);
	d = db_acquire(p);
	assert_int_equal(job_enqueue(d, "import_orgs", "{\"file_id\":999999,\"name\":\"gone.csv\"}",
	    0, &id), WS_OK);
	db_release(p, d);
	db_pool_free(p);
	j = job_with("failed", id);
	assert_non_null(j);
	assert_non_null(strstr(json_string_value(json_object_get(j, "last_error")),
	    "the uploaded file cannot be read"));
	json_decref(j);

	r = ts_get(staff_web, "/staff/jobs?status=failed");
	STATUS(r, 200);
	HAS(r, "the uploaded file cannot be read");
	HAS(r, "Try again");
	r = ts_get(staff_web, "/staff/jobs");
	STATUS(r, 200);
	HAS(r, "import_orgs");
	r = ts_api(staff_api, "GET", "/api/v1/staff/jobs?status=lost", staff_tok, NULL);
	STATUS(r, 422);
	HAS(r, "\"status\"");
	r = ts_api(staff_api, "GET", "/api/v1/staff/jobs?per_page=500", staff_tok, NULL);
	STATUS(r, 422);
	STATUS(ts_get(member_web, "/staff/jobs"), 403);

	snprintf(path, sizeof path, "/staff/jobs/%lld/retry", (long long)id);
	STATUS(ts_form(member_web, path, (char *)NULL), 403);
	r = ts_form(staff_web, path, (char *)NULL);
	STATUS(r, 303);
	j = job_with("failed", id);	/* tried again, and fails again */
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "attempts")), 1);
	json_decref(j);
	/* the API's retry answers with the job, queued again */
	snprintf(path, sizeof path, "/api/v1/staff/jobs/%lld/retry", (long long)id);
	r = ts_api(staff_api, "POST", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_json(r);
	assert_int_equal(json_integer_value(json_object_get(j, "id")), id);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "import_orgs");
	json_decref(j);
	j = job_with("failed", id);
	assert_non_null(j);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/staff/jobs/%lld/retry", (long long)id + 1000);
	STATUS(ts_api(staff_api, "POST", path, staff_tok, NULL), 404);
}

static int
setup(void **state)
{
	static const char *const extra[] = { "--upload-max", "1", NULL };

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	if (ts_user_add(db_url, "sam.staff@import.test", "Sam Staff", "staff", PW) <= 0 ||
	    ts_user_add(db_url, "mo.member@import.test", "Mo Member", "member", PW) <= 0)
		return -1;
	staff_web = ts_browser_new(&srv, NULL);
	member_web = ts_browser_new(&srv, NULL);
	staff_api = ts_browser_new(&srv, NULL);
	anon = ts_browser_new(&srv, NULL);
	if (ts_signin(staff_web, "sam.staff@import.test", PW) != 303 ||
	    ts_signin(member_web, "mo.member@import.test", PW) != 303)
		return -1;
	token_for("sam.staff@import.test");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(staff_web);
	ts_browser_free(member_web);
	ts_browser_free(staff_api);
	ts_browser_free(anon);
	if (ts_server_stop(&srv) != 0)
		return -1;
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_comma_quoted_newline),
		cmocka_unit_test(test_semicolon_no_bom),
		cmocka_unit_test(test_bad_lines_and_good_ones),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_queue_and_import_agree),
		cmocka_unit_test(test_dry_run_writes_nothing),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_not_utf8_refused),
		cmocka_unit_test(test_api_upload),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_one_at_a_time),
		cmocka_unit_test(test_staff_only),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_jobs_page),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("import", tests, setup, teardown);
}
