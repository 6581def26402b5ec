/*
 * statements.c -- the statement table and the schema migrations.
 *
 * All SQL in WhatsOn is here.  "?" marks a parameter in both dialects (the
 * PostgreSQL backend rewrites it to $n).  Result columns are read by the
 * names statements.h gives them; lists shared by several statements
 * (USER_COLS, ORG_COLS, ...) are made from its X-macros, so the SQL and
 * those names cannot disagree, and db_stmt_cols says how many columns each
 * statement returns.
 */
#include <stddef.h>

#include "db/statements.h"

/* Columns of a completion (enum crt_col). */
#define CRT_COLS DB_COLS(CRT_COLUMNS)
/* Columns of an organization (enum org_col). */
#define ORG_COLS DB_COLS(ORG_COLUMNS)
/* What the directory's index holds of one (enum org_index_col): all of it. */
#define ORG_INDEX_SELECT "SELECT " ORG_COLS ", coalesce(o.approved_at, o.created_at), " \
	"o.search_title, o.search_text, o.search_title_gov, o.search_text_gov " \
	"FROM organizations o"

/* Columns of an application with its applicant's and decider's names
 * (enum app_col). */
#define APP_COLS DB_COLS(APP_COLUMNS)
#define APP_FROM " FROM applications a JOIN users u ON u.id = a.user_id " \
	"LEFT JOIN users d ON d.id = a.decided_by "
/* Staff filters: status, kind, country ('' for any), submitted before. */
#define APP_FILTER "WHERE a.status <> 'unverified' AND (? = '' OR a.status = ?) " \
	"AND (? = '' OR a.kind = ?) AND (? = '' OR a.country = ?) AND a.submitted_at <= ? "

/* Columns of an expert's profile (enum expert_col). */
#define EXPERT_COLS DB_COLS(EXPERT_COLUMNS)

/* Columns of a job (enum job_col). */
#define JOB_COLS DB_COLS(JOB_COLUMNS)
/* Due: queued and its time has come, or running on a lease that lapsed. */
#define JOB_DUE "SELECT id FROM jobs WHERE (status = 'queued' AND run_after <= ?) " \
	"OR (status = 'running' AND claimed_until < ?) ORDER BY run_after, id LIMIT 1"

/* Columns of a course, a module, a lesson (enum crs_col, crs_mod_col,
 * crs_lesson_col). */
#define CRS_COLS DB_COLS(CRS_COLUMNS)
#define CRS_MOD_COLS DB_COLS(CRS_MOD_COLUMNS)
#define CRS_LESSON_COLS DB_COLS(CRS_LESSON_COLUMNS)
#define CRS_COHORT_COLS DB_COLS(CRS_COHORT_COLUMNS)
#define CRS_COHORT_FROM " FROM course_cohorts k JOIN courses c ON c.id = k.course_id "
#define CRS_QUIZ_COLS DB_COLS(CRS_QUIZ_COLUMNS)
#define CRS_QUIZ_FROM " FROM course_quizzes q JOIN course_modules m ON m.id = q.module_id "
#define CRS_TASK_COLS DB_COLS(CRS_TASK_COLUMNS)
#define CRS_TASK_FROM " FROM course_tasks t JOIN course_modules m ON m.id = t.module_id "
#define CRS_POST_COLS DB_COLS(CRS_POST_COLUMNS)
#define CRS_POST_FROM " FROM course_posts p JOIN course_tasks t ON t.id = p.task_id " \
	"LEFT JOIN users u ON u.id = p.user_id "
#define CRS_LESSON_FROM " FROM course_lessons l JOIN course_modules m ON m.id = l.module_id " \
	"LEFT JOIN resources r ON r.id = l.resource_id "

/* Columns of a user (enum user_col). */
#define USER_COLS DB_COLS(USER_COLUMNS)

/* Columns of a resource (enum res_col). */
#define RES_COLS DB_COLS(RES_COLUMNS)
#define RES_FROM " FROM resources r LEFT JOIN organizations o ON o.id = r.organization_id "
/*
 * Who sees a resource (?1 staff, ?2 a member or staff: "nongovernmental",
 * ?3 and ?4 the caller's user id, 0 for a visitor): staff all of them;
 * everyone a published one that is public or for members (whose files are
 * for members: resources.c); members and staff a nongovernmental one; and
 * the people who contributed one theirs, whatever its status, unless staff
 * made it: the people of its organization now (not one removed since,
 * even its submitter), or the expert who submitted it in their own name.
 */
#define RES_VISIBLE "(? = 1 OR (r.status = 'published' AND (r.visibility IN ('public', " \
	"'members') OR (r.visibility = 'nongovernmental' AND ? = 1))) OR (r.source = 'member' " \
	"AND ((r.organization_id IS NULL AND r.created_by = ?) OR r.organization_id IN " \
	"(SELECT m.org_id FROM org_members m WHERE m.user_id = ?))))"
/* A filter's values: a JSON array of strings, bound as text ('' for no
 * filter), read as a set of rows. */
#define RES_SET_SQLITE "SELECT value FROM json_each(?)"
#define RES_SET_PG "SELECT json_array_elements_text(CAST(? AS json))"
#define RES_YEARS_SQLITE "SELECT CAST(value AS INTEGER) FROM json_each(?)"
#define RES_YEARS_PG "SELECT CAST(y AS INTEGER) FROM json_array_elements_text(CAST(? AS json)) y"
#define RES_TERM(facet, SET) " AND (? = '' OR EXISTS (SELECT 1 FROM resource_terms t" facet \
	" WHERE t" facet ".resource_id = r.id AND t" facet ".facet = '" facet "' AND t" facet \
	".code IN (" SET ")))"
/* The filters, ?5 to ?27: status, kind, year, theme, language, country,
 * region (each '' for any, else a JSON array of values, any of which
 * will do), a full-text query (FTS: the query, whether the viewer
 * may read "members" files, the query over title and text only), a
 * substring (CJK words; the same flag before the files' text).  The words
 * of a file (search_body) find a "members" resource only for those who may
 * download it: a visitor must not learn what a members' file says by
 * asking whether it says it. */
#define RES_FILTER(FTS, SET, YEARS) " AND (? = '' OR r.status = ?)" \
	" AND (? = '' OR r.kind IN (" SET "))" \
	" AND (? = '' OR r.year IN (" YEARS "))" RES_TERM("theme", SET) RES_TERM("language", SET) \
	RES_TERM("country", SET) RES_TERM("region", SET) " AND (? = '' OR " FTS ")" \
	" AND (? = '' OR r.search_title LIKE ? OR r.search_text LIKE ? OR" \
	" ((? = 1 OR r.visibility <> 'members') AND r.search_body LIKE ?))"
#define RES_FTS_SQLITE "(r.id IN (SELECT rowid FROM res_fts WHERE res_fts MATCH ?) AND" \
	" (? = 1 OR r.visibility <> 'members' OR" \
	" r.id IN (SELECT rowid FROM res_fts WHERE res_fts MATCH ?)))"
#define RES_FTS_PG "(r.search @@ to_tsquery('simple', ?) AND" \
	" (? = 1 OR r.visibility <> 'members' OR r.search_meta @@ to_tsquery('simple', ?)))"
/* ?24 and ?25 the sort, ?26 and ?27 the full-text query of the words in
 * the title ('' for none, then anything valid): the best matches are those
 * whose title has every word (as a prefix of one of its words), as in the
 * in-memory index (app/resources/index.c). */
#define RES_ORDER(TITLE) " ORDER BY CASE WHEN ? = 'downloads' THEN r.downloads ELSE 0 END DESC," \
	" CASE WHEN ? = 'relevance' AND ? <> '' AND " TITLE " THEN 1 ELSE 0 END DESC," \
	" coalesce(r.published_at, r.created_at) DESC, r.id DESC"
#define RES_TITLE_SQLITE "r.id IN (SELECT rowid FROM res_fts WHERE res_fts MATCH ?)"
#define RES_TITLE_PG "r.search @@ to_tsquery('simple', ?)"
#define RES_WHERE_SQLITE RES_VISIBLE RES_FILTER(RES_FTS_SQLITE, RES_SET_SQLITE, RES_YEARS_SQLITE)
#define RES_WHERE_PG RES_VISIBLE RES_FILTER(RES_FTS_PG, RES_SET_PG, RES_YEARS_PG)
/* What the library's in-memory index holds of a resource: every column,
 * and the words it is searched by. */
#define RES_INDEX_SELECT "SELECT " RES_COLS ", r.search_title, r.search_text, r.search_body," \
	" r.changed_at" RES_FROM

/* Columns of a call and of an application to one (enum call_col,
 * enum capp_col). */
#define CALL_COLS DB_COLS(CALL_COLUMNS)
#define CAPP_COLS DB_COLS(CAPP_COLUMNS)
#define CAPP_FROM " FROM call_applications a JOIN users u ON u.id = a.user_id " \
	"LEFT JOIN organizations o ON o.id = a.organization_id "
/* A call's applications: ?1 the call; ?2, ?3 and ?4 all of them (0) or
 * one person's: their own, and those filed for an organization they are
 * now an admin of while it is not rejected or suspended (an organization's
 * application is its admins'); ?5 and ?6 a status ('' for any); ?7 and ?8
 * an organization (0 for any).  A draft is its person's: staff's lists
 * leave drafts out unless they ask for them (?9 the person again, ?10 the
 * status). */
#define CAPP_WHERE "WHERE a.call_id = ? AND (? = 0 OR (a.organization_id IS NULL AND " \
	"a.user_id = ?) OR EXISTS (SELECT 1 FROM org_members m JOIN organizations mo " \
	"ON mo.id = m.org_id WHERE m.org_id = a.organization_id AND m.user_id = ? " \
	"AND m.is_admin <> 0 AND mo.status NOT IN ('rejected', 'suspended'))) " \
	"AND (? = '' OR a.status = ?) AND (? = 0 OR a.organization_id = ?) " \
	"AND (a.status <> 'draft' OR ? <> 0 OR ? = 'draft') "

/* Columns of an event (enum ev_col; its first parameter is the caller's
 * user id, 0 for a visitor). */
#define EV_COLS DB_COLS(EV_COLUMNS)
/*
 * Who sees an event (?1 staff, ?2 an approved person: a member, a focal
 * point, staff): staff all of them; others a published or cancelled one
 * that is public, or for members when they are one.  A draft is staff's.
 */
#define EV_VISIBLE "(? = 1 OR (e.status <> 'draft' AND (e.visibility = 'public' OR " \
	"(e.visibility = 'members' AND ? = 1))))"
#define EV_TERM(facet) " AND (? = '' OR EXISTS (SELECT 1 FROM event_terms t" facet \
	" WHERE t" facet ".event_id = e.id AND t" facet ".facet = '" facet "' AND t" facet \
	".code = ?))"
/* The filters after EV_VISIBLE: status, kind, month of the start in the
 * event's zone ("2026-10"), upcoming or past (?, ?, now, ?, now: an event
 * is past once it has ended), theme, language, region. */
#define EV_FILTER " AND (? = '' OR e.status = ?) AND (? = '' OR e.kind = ?)" \
	" AND (? = '' OR e.start_month = ?)" \
	" AND (? = '' OR (? = 'upcoming' AND e.end_at >= ?) OR (? = 'past' AND e.end_at < ?))" \
	EV_TERM("theme") EV_TERM("language") EV_TERM("region")
/* Columns of a session of a meeting (enum mtg_col), and where they come
 * from: the session's event, its row of meetings and its body. */
#define MTG_COLS DB_COLS(MTG_COLUMNS)
#define SPK_COLS DB_COLS(SPK_COLUMNS)
#define SPK_FROM " FROM meeting_speaking_requests s JOIN organizations o " \
	"ON o.id = s.organization_id "
#define MTG_FROM " FROM meetings m JOIN events e ON e.id = m.event_id " \
	"JOIN meeting_bodies b ON b.code = m.body "
/* Columns of a constructive dialogue (enum dlg_col); who sees one is who
 * sees its session's event (EV_VISIBLE on e). */
#define DLG_COLS DB_COLS(DLG_COLUMNS)
#define DLG_FROM " FROM dialogues d JOIN meetings m ON m.event_id = d.meeting_id " \
	"JOIN events e ON e.id = m.event_id "
/* Whether a focal point of country ? (one still active, of that country
 * now) was invited to dialogue d (migration 38). */
#define DLG_INVITED "EXISTS (SELECT 1 FROM dialogue_invitations di JOIN users du ON " \
	"du.id = di.user_id WHERE di.dialogue_id = d.id AND du.role = 'focal' AND " \
	"du.status = 'active' AND du.country = ?)"
/* The filters after EV_VISIBLE: body ('' for any), year (0 for any). */
#define MTG_FILTER " AND (? = '' OR m.body = ?) AND (? = 0 OR m.year = ?)"
/* Columns of an initiative (enum ini_col), and a list's filters: country
 * and status ('' for any), each given twice. */
#define INI_COLS DB_COLS(INI_COLUMNS)
#define INI_FILTER "(? = '' OR i.country = ?) AND (? = '' OR i.status = ?)"
/* A focal point takes part in initiative participant p's only while they
 * are a focal point of its country still (p: initiative_participants). */
#define INI_FOCAL_STILL "(p.kind <> 'focal' OR EXISTS (SELECT 1 FROM users fu JOIN " \
	"initiatives fi ON fi.id = p.initiative_id WHERE fu.id = p.user_id AND " \
	"fu.role = 'focal' AND fu.country = fi.country))"
/* Whether person uid (an SQL expression) is a member still, as
 * user_role_from_standing (app/accounts) reads it: a member or staff (not
 * an applicant, nor a government's focal point), and a member keeps it
 * while an approved expert, one of an approved organization, or one of
 * none. */
#define PERSON_MEMBER_STILL(uid) "EXISTS (SELECT 1 FROM users xu WHERE xu.id = " uid " " \
	"AND xu.role IN ('member', 'staff', 'admin') AND (xu.role <> 'member' OR EXISTS " \
	"(SELECT 1 FROM experts xe WHERE xe.user_id = xu.id AND xe.status = 'approved') " \
	"OR EXISTS (SELECT 1 FROM org_members xm JOIN organizations xo ON xo.id = xm.org_id " \
	"WHERE xm.user_id = xu.id AND xo.status = 'approved') OR NOT EXISTS (SELECT 1 " \
	"FROM org_members xm WHERE xm.user_id = xu.id)))"
/* An expert takes part in initiative participant p's only while a member
 * still: one whose membership ended (an applicant again) no longer does,
 * nor a focal point (one who joined through a call before the rule). */
#define INI_EXPERT_STILL "(p.kind <> 'expert' OR " PERSON_MEMBER_STILL("p.user_id") ")"
/* An organization's people (m: org_members) take part through it while it
 * is not rejected or suspended (mo: organizations), as CAPP_WHERE's
 * admins; a government's focal point never does (they take part as a
 * focal point, in their own country's initiative). */
#define INI_ORG_LIVE "mo.status NOT IN ('rejected', 'suspended') AND NOT EXISTS (SELECT 1 " \
	"FROM users gu WHERE gu.id = m.user_id AND gu.role = 'focal')"
/* Columns of a nomination (enum mtg_nom_col); who sees which: all (?1 = 0,
 * staff), or those of the organizations person ?2 is an admin of now while
 * it is not rejected or suspended (as CAPP_WHERE) and those naming address
 * ?3 (the delegate's own); then status ('' for any) and organization (0
 * for any). */
#define MTG_NOM_COLS DB_COLS(MTG_NOM_COLUMNS)
#define MTG_NOM_FROM " FROM meeting_nominations n JOIN organizations o ON o.id = n.organization_id "
#define MTG_NOM_WHERE "WHERE n.event_id = ? AND (? = 0 OR n.organization_id IN (SELECT m.org_id " \
	"FROM org_members m JOIN organizations mo ON mo.id = m.org_id WHERE m.user_id = ? " \
	"AND m.is_admin = 1 AND mo.status NOT IN ('rejected', 'suspended')) OR n.email = ?) " \
	"AND (? = '' OR n.status = ?) AND (? = 0 OR n.organization_id = ?)"
/* Columns of a side event (enum mtg_se_col); who sees which: all (?2 = 0,
 * staff), or those of the organizations person ?3 is an admin of now while
 * they are neither rejected nor suspended;
 * then status ('' for any) and organization (0 for any). */
#define MTG_SE_COLS DB_COLS(MTG_SE_COLUMNS)
#define MTG_SE_FROM " FROM meeting_side_events s JOIN organizations o ON o.id = s.organization_id "
#define MTG_SE_WHERE "WHERE s.event_id = ? AND (? = 0 OR s.organization_id IN (SELECT m.org_id " \
	"FROM org_members m JOIN organizations mo ON mo.id = m.org_id WHERE m.user_id = ? " \
	"AND m.is_admin = 1 AND mo.status NOT IN ('rejected', 'suspended'))) " \
	"AND (? = '' OR s.status = ?) AND (? = 0 OR s.organization_id = ?)"
/* Columns of a registration (enum ev_reg_col). */
#define EV_REG_COLS DB_COLS(EV_REG_COLUMNS)
/* Columns of an event in a calendar (enum cal_col, less the last). */
#define CAL_COLS DB_COLS(CAL_COLUMNS)
#define EV_REG_FROM " FROM event_registrations g JOIN users u ON u.id = g.user_id "
/* A registration an organization's admin filed for a colleague, seen by
 * person ? while they are an admin of that organization, it is approved
 * and the colleague is still one of its people (not by whoever filed it
 * once: a removed admin sees no more, nor do admins once the person left). */
#define EV_REG_BY_ADMIN "(g.registered_by <> g.user_id AND EXISTS (SELECT 1 FROM " \
	"org_members m JOIN organizations o ON o.id = m.org_id WHERE m.org_id = " \
	"g.organization_id AND m.user_id = ? AND m.is_admin = 1 AND o.status = 'approved') " \
	"AND EXISTS (SELECT 1 FROM org_members p WHERE p.org_id = g.organization_id AND " \
	"p.user_id = g.user_id))"
/* The filters of ST_EV_REG_FIND (staff.c). */
#define EV_REG_FIND_FROM " LEFT JOIN organizations o ON o.id = g.organization_id "
#define EV_REG_FIND_WHERE_(INSTR) EV_REG_FIND_FROM "WHERE g.event_id = ? AND (? = 0 OR " \
	"g.user_id = ? OR " EV_REG_BY_ADMIN ") AND (? = '' OR g.status = ?) AND (? = 0 OR " \
	"g.organization_id = ?) AND (? = '' OR " INSTR "(lower(u.name), ?) > 0 OR " INSTR \
	"(lower(u.email), ?) > 0)"
#define EV_REG_FIND_WHERE EV_REG_FIND_WHERE_("instr")
#define EV_REG_FIND_WHERE_PG EV_REG_FIND_WHERE_("strpos")
/* Upcoming events soonest first; past ones (?: "past") latest first. */
#define EV_ORDER " ORDER BY CASE WHEN ? = 'past' THEN -e.start_at ELSE e.start_at END, e.id"

#define NEWS_COLS "n.id, n.slug, n.kind, n.title, n.summary, n.body, n.themes, n.lang, " \
	"n.visibility, n.status, n.image_id, n.image_type, n.image_alt, n.author_id, u.name, " \
	"n.published_at, n.created_at, n.updated_at FROM news n LEFT JOIN users u ON u.id = n.author_id "
/* A list of news: ?1 ?2 a status ('' any), ?3 1 when members' items count
 * too, ?4 ?5 a kind, ?6 ?7 a theme (its pattern in the themes' JSON). */
#define NEWS_FILTER "WHERE (? = '' OR n.status = ?) AND (? = 1 OR n.visibility = 'public') " \
	"AND (? = '' OR n.kind = ?) AND (? = '' OR n.themes LIKE ?) "
/* Discussion forums (src/app/forums/). */
#define FORUM_COLS \
	"f.id, f.title, f.description, f.theme, f.position, f.audience, f.archived, " \
	"f.created_at, (SELECT count(*) FROM forum_threads t WHERE t.forum_id = f.id), " \
	"(SELECT CAST(COALESCE(sum(t.posts), 0) AS BIGINT) FROM forum_threads t WHERE " \
	"t.forum_id = f.id), (SELECT max(t.last_post_at) FROM forum_threads t WHERE " \
	"t.forum_id = f.id)"
#define FTH_COLS \
	"t.id, t.forum_id, t.user_id, t.title, t.pinned, t.locked, t.created_at, " \
	"t.last_post_at, t.posts, t.last_post_id, COALESCE(r.last_post_id, 0)"
#define FTH_FROM \
	" FROM forum_threads t LEFT JOIN forum_reads r ON r.thread_id = t.id AND r.user_id = ? "
#define FTH_SEARCH \
	"AND (? = '' OR lower(t.title) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM " \
	"forum_posts p WHERE p.thread_id = t.id AND p.status = 'visible' AND " \
	"p.flag_hidden = 0 AND lower(p.body) LIKE ? ESCAPE '\\')) "
/* A deleted account's name is not shown: NULL, "a former member". */
#define FP_COLS \
	"p.id, p.thread_id, p.user_id, p.body, p.status, p.flag_hidden, p.created_at, " \
	"p.edited_at, CASE WHEN u.deleted_at IS NULL THEN u.name END, u.role, t.forum_id, " \
	"(SELECT count(*) FROM forum_flags g WHERE g.post_id = p.id AND g.status = 'open')"
#define FP_FROM \
	" FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id " \
	"LEFT JOIN users u ON u.id = p.user_id "
/* A conversation as p.me, one of its two people, sees it (the other, their
 * unread count, ...): ?1 is the viewer.  Those of anyone else match no
 * row. */
#define MSG_ME_OTHER "CASE WHEN c.a_id = p.me THEN c.b_id ELSE c.a_id END"
#define MSG_ME_READ "CASE WHEN c.a_id = p.me THEN c.a_read ELSE c.b_read END"
#define MSG_SEEN "(m.withheld = 0 OR m.sender_id = p.me)"
#define MSG_CONV_COLS \
	"c.id, " MSG_ME_OTHER ", o.name, CASE WHEN o.id IS NULL OR o.deleted_at IS NOT NULL " \
	"THEN 1 ELSE 0 END, o.status, c.a_id, " MSG_ME_READ ", " \
	"COALESCE((SELECT max(m.id) FROM messages m WHERE m.conversation_id = c.id AND " \
	MSG_SEEN "), 0), COALESCE((SELECT max(m.created_at) FROM messages m WHERE " \
	"m.conversation_id = c.id AND " MSG_SEEN "), c.created_at), " \
	"(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.withheld = 0 " \
	"AND (m.sender_id IS NULL OR m.sender_id <> p.me) AND m.id > " MSG_ME_READ "), " \
	"c.created_at, CASE WHEN EXISTS (SELECT 1 FROM message_blocks k WHERE k.user_id = " \
	"p.me AND k.blocked_id = " MSG_ME_OTHER ") THEN 1 ELSE 0 END"
#define MSG_CONV_FROM \
	" FROM (SELECT CAST(? AS BIGINT) AS me) p JOIN conversations c ON c.a_id = p.me OR " \
	"c.b_id = p.me LEFT JOIN users o ON o.id = " MSG_ME_OTHER " "
#define MSG_COLS \
	"m.id, m.sender_id, u.name, CASE WHEN u.id IS NULL OR u.deleted_at IS NOT NULL THEN 1 " \
	"ELSE 0 END, m.body, m.created_at"
#define MSG_FROM " FROM messages m LEFT JOIN users u ON u.id = m.sender_id "
/* A conversation the viewer's list shows: one with a message they may see,
 * or one with none yet (opened by a partner match). */
#define MSG_LISTED \
	"(EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND " MSG_SEEN ") OR " \
	"NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id))"

/* A partner request with its organizations' names and its people. */
#define PTN_COLS \
	"p.id, p.from_org, fo.name, p.to_org, too.name, p.asked_by, ua.name, p.note, p.status, " \
	"p.created_at, p.decided_at, p.from_contact, fc.name, p.to_contact, tc.name, " \
	"p.conversation_id"
#define PTN_FROM \
	" FROM partner_requests p JOIN organizations fo ON fo.id = p.from_org " \
	"JOIN organizations too ON too.id = p.to_org LEFT JOIN users ua ON ua.id = p.asked_by " \
	"LEFT JOIN users fc ON fc.id = p.from_contact LEFT JOIN users tc ON tc.id = p.to_contact "

const struct db_stmt_text db_stmt_texts[] = {
	[ST_PING] = {"ping", "SELECT 1", NULL},
	[ST_SETTING_GET] = {"setting_get",
	    "SELECT value FROM settings WHERE key = ?", NULL},
	[ST_SETTING_PUT] = {"setting_put",
	    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", NULL},

	[ST_USER_INSERT] = {"user_insert",
	    "INSERT INTO users (email, name, password_hash, role, status, org_id, "
	    "verified_at, created_at, updated_at, fail_window_start, fail_count) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id", NULL},
	[ST_USER_BY_EMAIL] = {"user_by_email",
	    "SELECT " USER_COLS " FROM users u WHERE u.email = ?", NULL},
	[ST_USER_BY_ID] = {"user_by_id",
	    "SELECT " USER_COLS " FROM users u WHERE u.id = ?", NULL},
	[ST_USER_VERIFY] = {"user_verify",
	    "UPDATE users SET verified_at = ?, updated_at = ? WHERE id = ? AND verified_at IS NULL", NULL},
	[ST_USER_SET_PASSWORD] = {"user_set_password",
	    "UPDATE users SET password_hash = ?, locked_at = NULL, fail_count = 0, "
	    "updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_EMAIL] = {"user_set_email",
	    "UPDATE users SET email = ?, verified_at = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_ROLE] = {"user_set_role",
	    "UPDATE users SET role = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_STATUS] = {"user_set_status",
	    "UPDATE users SET status = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_LOCALE] = {"user_set_locale",
	    "UPDATE users SET locale = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_TZ] = {"user_set_tz",
	    "UPDATE users SET tz = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_LIST] = {"user_list",
	    "SELECT " USER_COLS " FROM users u ORDER BY u.id LIMIT ? OFFSET ?", NULL},
	[ST_USER_COUNT] = {"user_count", "SELECT count(*) FROM users", NULL},

	[ST_SESSION_INSERT] = {"session_insert",
	    "INSERT INTO sessions (id_hash, user_id, kind, created_at, seen_at, ip) "
	    "VALUES (?, ?, ?, ?, ?, ?)", NULL},
	[ST_SESSION_GET] = {"session_get",
	    "SELECT s.created_at, s.seen_at, s.kind, " USER_COLS ", "
	    "(SELECT count(*) FROM org_members m WHERE m.user_id = u.id), "
	    /* the organization by its key for each membership: as a join,
	     * SQLite walked every approved organization (95,000 at 100,000) */
	    "(SELECT count(*) FROM org_members m WHERE m.user_id = u.id AND "
	    "(SELECT o.status FROM organizations o WHERE o.id = m.org_id) = 'approved'), "
	    "(SELECT count(*) FROM experts e WHERE e.user_id = u.id AND e.status = 'approved')"
	    " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?", NULL},
	[ST_SESSION_TOUCH] = {"session_touch",
	    "UPDATE sessions SET seen_at = ? WHERE id_hash = ?", NULL},
	[ST_SESSION_DELETE] = {"session_delete",
	    "DELETE FROM sessions WHERE id_hash = ?", NULL},
	[ST_SESSION_DELETE_USER] = {"session_delete_user",
	    "DELETE FROM sessions WHERE user_id = ?", NULL},
	[ST_SESSION_PURGE] = {"session_purge",
	    "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?", NULL},

	[ST_TOKEN_INSERT] = {"token_insert",
	    "INSERT INTO tokens (hash, kind, user_id, data, created_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?)", NULL},
	[ST_TOKEN_GET] = {"token_get",
	    "SELECT user_id, data, expires_at, used_at FROM tokens WHERE hash = ? AND kind = ?", NULL},
	[ST_TOKEN_USE] = {"token_use",
	    "UPDATE tokens SET used_at = ? WHERE hash = ? AND kind = ? AND used_at IS NULL "
	    "AND expires_at > ?", NULL},

	/* A new password ends every reset and address-change link in flight. */
	[ST_TOKEN_REVOKE_USER] = {"token_revoke_user",
	    "UPDATE tokens SET used_at = ? WHERE user_id = ? AND kind IN ('reset', 'email') "
	    "AND used_at IS NULL", NULL},

	/* A message waits as 'queued' until the "mail" job that names it has
	 * sent it (src/mail/outbox.c); the jobs table does the claiming. */
	[ST_OUTBOX_INSERT] = {"outbox_insert",
	    "INSERT INTO outbox (to_addr, subject, body, message_id, status, attempts, "
	    "next_at, created_at) VALUES (?, ?, ?, ?, 'queued', 0, ?, ?) RETURNING id", NULL},
	[ST_OUTBOX_GET] = {"outbox_get",
	    "SELECT to_addr, subject, body, message_id, status, list_unsubscribe FROM outbox "
	    "WHERE id = ?", NULL},
	[ST_OUTBOX_SENT] = {"outbox_sent",
	    "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
	    "last_error = NULL WHERE id = ?", NULL},
	[ST_OUTBOX_FAILED] = {"outbox_failed",
	    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", NULL},
	[ST_OUTBOX_PENDING] = {"outbox_pending",
	    "SELECT count(*) FROM outbox WHERE status <> 'sent'", NULL},

	/* org_id: the organization whose history (orgs/history.c) the entry
	 * is part of; subject_id: the person it is about, when not the one
	 * who did it.  Either may be NULL. */
	[ST_AUDIT_INSERT] = {"audit_insert",
	    "INSERT INTO audit_log (at, user_id, action, ip, detail, org_id, subject_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", NULL},
	[ST_AUDIT_LIST] = {"audit_list",
	    "SELECT a.id, a.at, a.user_id, u.email, a.action, a.ip, a.detail "
	    "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
	    "ORDER BY a.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_AUDIT_COUNT] = {"audit_count", "SELECT count(*) FROM audit_log", NULL},
	/* An application for a new organization joins the organization's
	 * history once approved: its entries so far (submitted, information
	 * asked, resubmitted) name the applicant as subject and the
	 * application in their detail ("application 12" or "application 12:
	 * ..."). */
	[ST_AUDIT_CLAIM_APP] = {"audit_claim_app",
	    "UPDATE audit_log SET org_id = ? WHERE subject_id = ? AND org_id IS NULL "
	    "AND action LIKE 'application.%' AND (detail = ? OR detail LIKE ?)", NULL},
	/* An organization's history, newest first (audit_log_org). */
	[ST_ORG_HISTORY] = {"org_history",
	    "SELECT a.id, a.at, a.user_id, u.name, a.action, a.detail, a.subject_id, s.name "
	    "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
	    "LEFT JOIN users s ON s.id = a.subject_id "
	    "WHERE a.org_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_ORG_HISTORY_COUNT] = {"org_history_count",
	    "SELECT count(*) FROM audit_log WHERE org_id = ?", NULL},

	/* Every theme, retired ones too (active = 0): records keep their names.
	 * Each write gives the row a rev above every other, so the sum of revs
	 * (ST_THEME_REV) changes with every write any node makes. */
	[ST_THEME_LIST] = {"theme_list",
	    "SELECT code, name_en, name_fr, active FROM themes ORDER BY position, code", NULL},
	[ST_THEME_INSERT] = {"theme_insert",
	    "INSERT INTO themes (code, name_en, name_fr, position, active, rev, updated_at, "
	    "updated_by) VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM themes), 1, "
	    "(SELECT coalesce(max(rev), 0) + 1 FROM themes), ?, ?)", NULL},
	[ST_THEME_RENAME] = {"theme_rename",
	    "UPDATE themes SET name_en = ?, name_fr = ?, updated_at = ?, updated_by = ?, "
	    "rev = (SELECT coalesce(max(rev), 0) + 1 FROM themes) WHERE code = ?", NULL},
	[ST_THEME_SET_ACTIVE] = {"theme_set_active",
	    "UPDATE themes SET active = ?, updated_at = ?, updated_by = ?, "
	    "rev = (SELECT coalesce(max(rev), 0) + 1 FROM themes) WHERE code = ?", NULL},
	[ST_THEME_REV] = {"theme_rev", "SELECT coalesce(sum(rev), 0) FROM themes", NULL},
	/* Organizations that may have theme code (a LIKE pattern '%"code"%';
	 * an underscore in the code may match a few more). */
	[ST_ORG_WITH_THEME] = {"org_with_theme",
	    "SELECT id FROM organizations WHERE themes LIKE ? ORDER BY id", NULL},
	[ST_MSG_TEMPLATE_GET] = {"msg_template_get",
	    "SELECT subject, body FROM message_templates WHERE code = ?", NULL},
	[ST_MSG_TEMPLATE_PUT] = {"msg_template_put",
	    "UPDATE message_templates SET subject = ?, body = ?, updated_at = ?, updated_by = ? "
	    "WHERE code = ?", NULL},

	[ST_MSG_TEMPLATE_LIST] = {"msg_template_list",
	    "SELECT code, subject, updated_at FROM message_templates ORDER BY code", NULL},

	[ST_ORG_INSERT] = {"org_insert",
	    "INSERT INTO organizations (name, acronym, kind, country, countries, website, "
	    "website_domain, founded, size, description, themes, languages, ecosoc_status, "
	    "social, contact_name, contact_title, contact_email, contact_phone, contact_role, "
	    "visibility, status, norm_name, norm_acronym, email_domain, created_at, updated_at, "
	    "approved_by, approved_at, search_title, search_text, search_title_gov, "
	    "search_text_gov) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_ORG_GET] = {"org_get",
	    "SELECT " ORG_COLS " FROM organizations o WHERE o.id = ?", NULL},
	[ST_ORG_UPDATE] = {"org_update",
	    "UPDATE organizations SET name = ?, acronym = ?, kind = ?, country = ?, countries = ?, "
	    "website = ?, website_domain = ?, founded = ?, size = ?, description = ?, themes = ?, "
	    "languages = ?, ecosoc_status = ?, social = ?, contact_name = ?, contact_title = ?, "
	    "contact_email = ?, contact_phone = ?, contact_role = ?, visibility = ?, "
	    "norm_name = ?, norm_acronym = ?, email_domain = ?, updated_at = ?, search_title = ?, "
	    "search_text = ?, search_title_gov = ?, search_text_gov = ? WHERE id = ?", NULL},
	[ST_ORG_SET_STATUS] = {"org_set_status",
	    "UPDATE organizations SET status = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_ORG_SET_LOGO] = {"org_set_logo",
	    "UPDATE organizations SET logo_id = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_FILE_INSERT] = {"file_insert",
	    "INSERT INTO files (kind, type, size, sha256, data, user_id, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	/* A file's bytes in one value: in files.data, or its chunks joined in
	 * order (logos are uploaded in chunks since uploads are streamed). */
	[ST_FILE_GET] = {"file_get",
	    "SELECT type, size, sha256, CASE WHEN chunked = 0 THEN data ELSE"
	    " CAST(coalesce((SELECT group_concat(c.data, '') FROM (SELECT data FROM file_chunks"
	    " WHERE file_id = files.id ORDER BY n) c), '') AS BLOB) END"
	    " FROM files WHERE id = ? AND kind = ?",
	    "SELECT type, size, sha256, CASE WHEN chunked = 0 THEN data ELSE"
	    " coalesce((SELECT string_agg(c.data, ''::bytea ORDER BY c.n) FROM file_chunks c"
	    " WHERE c.file_id = files.id), ''::bytea) END"
	    " FROM files WHERE id = ? AND kind = ?"},
	[ST_ORG_LIST] = {"org_list",
	    "SELECT " ORG_COLS " FROM organizations o WHERE o.status = 'approved' "
	    "ORDER BY o.name, o.id LIMIT ? OFFSET ?", NULL},
	/* What the directory's in-memory index holds of each organization. */
	[ST_ORG_INDEX_ALL] = {"org_index_all",
	    ORG_INDEX_SELECT, NULL},
	[ST_ORG_INDEX_ONE] = {"org_index_one",
	    ORG_INDEX_SELECT " WHERE o.id = ?", NULL},
	/* What changed since a node last looked (other nodes write too). */
	[ST_ORG_INDEX_SINCE] = {"org_index_since",
	    ORG_INDEX_SELECT " WHERE o.updated_at >= ?", NULL},
	/* Text search (search.h): prefix words in the full-text index (a query
	 * of FTS5's or tsquery's syntax, built by search.c), and a substring
	 * scan for the words it cannot split (CJK). */
	[ST_ORG_SEARCH] = {"org_search",
	    "SELECT rowid FROM org_fts WHERE org_fts MATCH ?",
	    "SELECT id FROM organizations WHERE search @@ to_tsquery('simple', ?)"},
	[ST_ORG_SEARCH_SUBSTR] = {"org_search_substr",
	    "SELECT id FROM organizations WHERE search_title LIKE ? OR search_text LIKE ? "
	    "LIMIT 20000", NULL},
	/* Organizations without their search text (rows from before it). */
	[ST_ORG_SEARCH_MISSING] = {"org_search_missing",
	    "SELECT id FROM organizations WHERE search_title = '' LIMIT 500", NULL},
	/* With updated_at, so that other nodes' indexes read the new words
	 * (directory_catch_up). */
	[ST_ORG_SET_SEARCH] = {"org_set_search",
	    "UPDATE organizations SET search_title = ?, search_text = ?, search_title_gov = ?, "
	    "search_text_gov = ?, updated_at = ? WHERE id = ?", NULL},
	/* Organizations deleted since a node last looked (a trigger logs them). */
	[ST_ORG_REMOVED_SINCE] = {"org_removed_since",
	    "SELECT seq, org_id FROM org_removed WHERE seq > ? ORDER BY seq", NULL},
	[ST_ORG_REMOVED_LAST] = {"org_removed_last",
	    "SELECT coalesce(max(seq), 0) FROM org_removed", NULL},
	/* Demo data: when an organization applied and was approved. */
	[ST_ORG_SET_JOINED] = {"org_set_joined",
	    "UPDATE organizations SET created_at = ?, approved_at = ? WHERE id = ?", NULL},
	[ST_ORG_COUNT] = {"org_count",
	    "SELECT count(*) FROM organizations WHERE status = 'approved'", NULL},
	/* Likely duplicates of an application among organizations: those that
	 * share one of its keys (app/orgs/dupkeys.c), with the first rule
	 * they share. */
	[ST_ORG_DUPS] = {"org_dups",
	    "SELECT o.id, o.name, o.status, min(k.dup_rule) FROM org_keys k "
	    "JOIN organizations o ON o.id = k.org_id WHERE k.dup_key IN (?, ?, ?, ?, ?, ?) "
	    "AND o.status <> 'rejected' GROUP BY o.id, o.name, o.status ORDER BY o.id LIMIT 20",
	    NULL},
	[ST_ORG_CHANGE_INSERT] = {"org_change_insert",
	    "INSERT INTO org_changes (org_id, at, user_id, changes) VALUES (?, ?, ?, ?)", NULL},
	[ST_ORG_CHANGE_LIST] = {"org_change_list",
	    "SELECT c.at, u.name, c.changes FROM org_changes c LEFT JOIN users u "
	    "ON u.id = c.user_id WHERE c.org_id = ? ORDER BY c.id DESC LIMIT 50", NULL},
	[ST_MEMBER_ADD] = {"member_add",
	    "INSERT INTO org_members (org_id, user_id, is_admin, listed, title, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, user_id) DO NOTHING", NULL},
	[ST_MEMBER_GET] = {"member_get",
	    "SELECT is_admin, listed, title FROM org_members WHERE org_id = ? AND user_id = ?", NULL},
	[ST_MEMBER_LIST] = {"member_list",
	    "SELECT m.user_id, u.name, m.title, m.is_admin, m.listed, u.email "
	    "FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? "
	    "ORDER BY m.is_admin DESC, u.name", NULL},
	[ST_MEMBER_SET_ADMIN] = {"member_set_admin",
	    "UPDATE org_members SET is_admin = ? WHERE org_id = ? AND user_id = ?", NULL},
	[ST_MEMBER_SET_LISTED] = {"member_set_listed",
	    "UPDATE org_members SET listed = ? WHERE org_id = ? AND user_id = ?", NULL},
	[ST_USER_SET_FOCAL] = {"user_set_focal",
	    "UPDATE users SET role = CASE WHEN role IN ('staff', 'admin') THEN role "
	    "ELSE 'focal' END, country = ?, updated_at = ? WHERE id = ?", NULL},
	/* Who speaks for an organization now: its active admins with a
	 * confirmed address, none while it is rejected or suspended. */
	[ST_MEMBER_ADMINS] = {"member_admins",
	    "SELECT u.id, u.email, u.name, u.locale FROM org_members m "
	    "JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.org_id "
	    "WHERE m.org_id = ? AND m.is_admin = 1 AND u.status = 'active' "
	    "AND u.verified_at IS NOT NULL AND o.status NOT IN ('rejected', 'suspended') "
	    "ORDER BY u.id", NULL},
	[ST_APP_FOR_ORG] = {"app_for_org",
	    "SELECT " APP_COLS APP_FROM "WHERE a.kind = 'join' AND a.org_id = ? "
	    "AND a.status = 'pending' ORDER BY a.id", NULL},
	[ST_USER_SET_ORG] = {"user_set_org",
	    "UPDATE users SET org_id = ?, role = ?, updated_at = ? WHERE id = ?", NULL},

	[ST_APP_INSERT] = {"app_insert",
	    "INSERT INTO applications (user_id, kind, org_id, country, data, status, duplicates, "
	    "norm_name, norm_acronym, website_domain, email_domain, submitted_at, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_APP_GET] = {"app_get",
	    "SELECT " APP_COLS APP_FROM "WHERE a.id = ?", NULL},
	[ST_APP_LIST] = {"app_list",
	    "SELECT " APP_COLS APP_FROM APP_FILTER
	    "ORDER BY CASE WHEN ? = 'newest' THEN -a.submitted_at ELSE a.submitted_at END, a.id "
	    "LIMIT ? OFFSET ?", NULL},
	[ST_APP_COUNT] = {"app_count",
	    "SELECT count(*)" APP_FROM APP_FILTER, NULL},
	[ST_APP_COUNT_STATUS] = {"app_count_status",
	    "SELECT status, count(*) FROM applications WHERE status <> 'unverified' "
	    "GROUP BY status", NULL},
	[ST_APP_BY_USER] = {"app_by_user",
	    "SELECT " APP_COLS APP_FROM "WHERE a.user_id = ? ORDER BY a.id DESC", NULL},
	/* The same among open applications, but the one with the id given. */
	[ST_APP_DUPS] = {"app_dups",
	    "SELECT a.id, a.data, min(k.dup_rule) FROM app_keys k "
	    "JOIN applications a ON a.id = k.app_id WHERE k.dup_key IN (?, ?, ?, ?, ?, ?) "
	    "AND a.kind IN ('organization', 'expert') AND a.id <> ? "
	    "AND (a.status IN ('unverified', 'pending', 'info_requested') "
	    "OR (a.kind = 'expert' AND a.status = 'approved')) "
	    "GROUP BY a.id, a.data ORDER BY a.id LIMIT 20", NULL},
	/* A decision moves an application only from the status the decider saw. */
	[ST_APP_DECIDE] = {"app_decide",
	    "UPDATE applications SET status = ?, reason = ?, decided_at = ?, decided_by = ?, "
	    "org_id = ?, updated_at = ? WHERE id = ? AND status = ?", NULL},
	[ST_APP_RESUBMIT] = {"app_resubmit",
	    "UPDATE applications SET data = ?, country = ?, duplicates = ?, norm_name = ?, "
	    "norm_acronym = ?, website_domain = ?, email_domain = ?, status = 'pending', "
	    "submitted_at = ?, updated_at = ? WHERE id = ? AND user_id = ? "
	    "AND status = 'info_requested'", NULL},
	[ST_APP_ACTIVATE] = {"app_activate",
	    "UPDATE applications SET status = 'pending', submitted_at = ?, updated_at = ? "
	    "WHERE user_id = ? AND status = 'unverified' RETURNING id", NULL},
	[ST_APP_EVENT_INSERT] = {"app_event_insert",
	    "INSERT INTO application_events (application_id, at, user_id, action, note) "
	    "VALUES (?, ?, ?, ?, ?)", NULL},
	[ST_APP_EVENT_LIST] = {"app_event_list",
	    "SELECT e.at, e.action, e.note, u.name FROM application_events e LEFT JOIN users u "
	    "ON u.id = e.user_id WHERE e.application_id = ? ORDER BY e.id", NULL},
	[ST_DRAFT_GET] = {"draft_get",
	    "SELECT data, updated_at FROM drafts WHERE user_id = ? AND form = ?", NULL},
	[ST_DRAFT_PUT] = {"draft_put",
	    "INSERT INTO drafts (user_id, form, data, updated_at) VALUES (?, ?, ?, ?) "
	    "ON CONFLICT (user_id, form) DO UPDATE SET data = excluded.data, "
	    "updated_at = excluded.updated_at", NULL},
	[ST_DRAFT_DELETE] = {"draft_delete",
	    "DELETE FROM drafts WHERE user_id = ? AND form = ?", NULL},
	/* The keys ST_ORG_DUPS compares, of every organization it would look
	 * at: an import checks thousands of rows against them in memory. */
	[ST_ORG_DUP_KEYS] = {"org_dup_keys",
	    "SELECT k.org_id, k.dup_key FROM org_keys k JOIN organizations o "
	    "ON o.id = k.org_id WHERE o.status <> 'rejected' ORDER BY k.org_id, k.dup_rule", NULL},
	/* The stored duplicate keys of a row, its normalized name and acronym,
	 * and the version of the rules they follow (app/orgs/dupkeys.c). */
	[ST_ORG_KEYS_DELETE] = {"org_keys_delete",
	    "DELETE FROM org_keys WHERE org_id = ?", NULL},
	[ST_ORG_KEYS_ADD] = {"org_keys_add",
	    "INSERT INTO org_keys (org_id, dup_rule, dup_key) VALUES (?, ?, ?) "
	    "ON CONFLICT (org_id, dup_key) DO NOTHING", NULL},
	[ST_ORG_KEYS_DONE] = {"org_keys_done",
	    "UPDATE organizations SET norm_name = ?, norm_acronym = ?, keys_version = ? "
	    "WHERE id = ?", NULL},
	[ST_ORG_KEYS_STALE] = {"org_keys_stale",
	    "SELECT id, name, acronym, country, website, contact_email FROM organizations "
	    "WHERE keys_version < ? ORDER BY id LIMIT ?", NULL},
	[ST_APP_KEYS_DELETE] = {"app_keys_delete",
	    "DELETE FROM app_keys WHERE app_id = ?", NULL},
	[ST_APP_KEYS_ADD] = {"app_keys_add",
	    "INSERT INTO app_keys (app_id, dup_rule, dup_key) VALUES (?, ?, ?) "
	    "ON CONFLICT (app_id, dup_key) DO NOTHING", NULL},
	[ST_APP_KEYS_DONE] = {"app_keys_done",
	    "UPDATE applications SET norm_name = ?, norm_acronym = ?, keys_version = ? "
	    "WHERE id = ?", NULL},
	[ST_APP_KEYS_STALE] = {"app_keys_stale",
	    "SELECT id, data FROM applications WHERE kind = 'organization' "
	    "AND keys_version < ? ORDER BY id LIMIT ?", NULL},
	/* One imported row inside its batch's transaction: all of it or none. */
	[ST_IMPORT_SAVEPOINT] = {"import_savepoint", "SAVEPOINT import_row", NULL},
	[ST_IMPORT_RELEASE] = {"import_release", "RELEASE SAVEPOINT import_row", NULL},
	[ST_IMPORT_ROLLBACK_TO] = {"import_rollback_to", "ROLLBACK TO SAVEPOINT import_row", NULL},

	/* Issue 9, finding 1.  A token as it stands, without using it. */
	[ST_TOKEN_PEEK] = {"token_peek",
	    "SELECT user_id, data FROM tokens WHERE hash = ? AND kind = ? AND used_at IS NULL "
	    "AND expires_at > ?", NULL},
	/* Proof of the address voids every link sent before it, of any kind. */
	[ST_TOKEN_REVOKE_ALL] = {"token_revoke_all",
	    "UPDATE tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL", NULL},
	[ST_APP_ACTIVATE_ONE] = {"app_activate_one",
	    "UPDATE applications SET status = 'pending', submitted_at = ?, updated_at = ? "
	    "WHERE id = ? AND user_id = ? AND status = 'unverified'", NULL},
	/* Applications filed with credentials nobody proved. */
	[ST_APP_DROP_UNVERIFIED] = {"app_drop_unverified",
	    "DELETE FROM applications WHERE user_id = ? AND status = 'unverified'", NULL},

	[ST_USER_SET_NAME] = {"user_set_name",
	    "UPDATE users SET name = ?, updated_at = ? WHERE id = ?", NULL},

	/* Issue 9, finding 4.  An account's applications since a time, and
	 * those still open, that the account's owner sent (signed in) or
	 * confirmed: unconfirmed ones may be anyone's. */
	[ST_APP_RECENT_BY_USER] = {"app_recent_by_user",
	    "SELECT coalesce(sum(CASE WHEN created_at > ? THEN 1 ELSE 0 END), 0), "
	    "coalesce(sum(CASE WHEN status IN ('pending', 'info_requested') "
	    "THEN 1 ELSE 0 END), 0) FROM applications WHERE user_id = ? AND kind = ? "
	    "AND status <> 'unverified'", NULL},
	/* Member organizations by name alone: what an applicant may be told. */
	[ST_ORG_SAME_NAME] = {"org_same_name",
	    "SELECT id, name FROM organizations WHERE status = 'approved' AND norm_name = ? "
	    "ORDER BY id LIMIT 5", NULL},
	/* Member rights, removing people, staff review of people added by
	 * invitation or join request (issue 9, findings 5 and 6). */
	/* How many organizations a user belongs to, and how many are approved. */
	[ST_USER_ORG_STANDING] = {"user_org_standing",
	    "SELECT count(*), coalesce(sum(CASE WHEN o.status = 'approved' THEN 1 ELSE 0 END), 0) "
	    "FROM org_members m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ?", NULL},
	/* Taken first in a transaction that changes an organization's people:
	 * two admins removing each other one after the other, not both at once.
	 * (SQLite's BEGIN IMMEDIATE already writes one transaction at a time.) */
	[ST_ORG_LOCK] = {"org_lock",
	    "SELECT id FROM organizations WHERE id = ?",
	    "SELECT id FROM organizations WHERE id = $1 FOR UPDATE"},
	/* The active admins of an organization other than one person. */
	[ST_MEMBER_OTHER_ADMINS] = {"member_other_admins",
	    "SELECT count(*) FROM org_members m JOIN users u ON u.id = m.user_id "
	    "WHERE m.org_id = ? AND m.is_admin = 1 AND m.user_id <> ? AND u.status = 'active'",
	    NULL},
	[ST_MEMBER_DELETE] = {"member_delete",
	    "DELETE FROM org_members WHERE org_id = ? AND user_id = ?", NULL},
	/* After a person leaves organization ?1: their main organization becomes
	 * another of theirs, and a member with none left is an applicant again,
	 * unless an approved expert (a member without an organization). */
	[ST_USER_AFTER_LEAVE] = {"user_after_leave",
	    "UPDATE users SET org_id = CASE WHEN org_id = ? THEN (SELECT min(m.org_id) "
	    "FROM org_members m WHERE m.user_id = users.id) ELSE org_id END, "
	    "role = CASE WHEN role = 'member' AND NOT EXISTS (SELECT 1 FROM org_members m "
	    "WHERE m.user_id = users.id) AND NOT EXISTS (SELECT 1 FROM experts e "
	    "WHERE e.user_id = users.id AND e.status = 'approved') THEN 'applicant' "
	    "ELSE role END, updated_at = ? WHERE id = ?", NULL},
	[ST_MEMBER_SET_REVIEW] = {"member_set_review",
	    "UPDATE org_members SET added_by = ?, added_how = ?, review = ? "
	    "WHERE org_id = ? AND user_id = ?", NULL},
	[ST_MEMBER_REVIEW_LIST] = {"member_review_list",
	    "SELECT m.org_id, o.name, o.website, m.user_id, u.name, u.email, m.added_how, "
	    "m.added_by, b.name, b.email, m.created_at, o.approved_domain FROM org_members m "
	    "JOIN organizations o ON o.id = m.org_id JOIN users u ON u.id = m.user_id "
	    "LEFT JOIN users b ON b.id = m.added_by WHERE m.review = 'pending' "
	    "ORDER BY m.created_at, m.org_id, m.user_id LIMIT ? OFFSET ?", NULL},
	[ST_MEMBER_REVIEW_COUNT] = {"member_review_count",
	    "SELECT count(*) FROM org_members WHERE review = 'pending'", NULL},
	[ST_MEMBER_REVIEW_KEEP] = {"member_review_keep",
	    "UPDATE org_members SET review = 'kept' WHERE org_id = ? AND user_id = ? "
	    "AND review = 'pending'", NULL},

	/* Background jobs: one due row at a time, leased to one worker. */
	[ST_JOB_INSERT] = {"job_insert",
	    "INSERT INTO jobs (kind, payload, status, run_after, attempts, created_at, "
	    "updated_at) VALUES (?, ?, 'queued', ?, 0, ?, ?) RETURNING id", NULL},
	[ST_JOB_CLAIM] = {"job_claim",
	    "UPDATE jobs SET status = 'running', claimed_by = ?, claimed_until = ?, "
	    "attempts = attempts + 1, updated_at = ? WHERE id = (" JOB_DUE ") "
	    "RETURNING id, kind, payload, attempts",
	    "UPDATE jobs SET status = 'running', claimed_by = ?, claimed_until = ?, "
	    "attempts = attempts + 1, updated_at = ? WHERE id = (" JOB_DUE " "
	    "FOR UPDATE SKIP LOCKED) RETURNING id, kind, payload, attempts"},
	[ST_JOB_LEASE] = {"job_lease",
	    "UPDATE jobs SET claimed_until = ?, progress = coalesce(?, progress), updated_at = ? "
	    "WHERE id = ? AND claimed_by = ? AND status = 'running'", NULL},
	[ST_JOB_DONE] = {"job_done",
	    "UPDATE jobs SET status = 'done', result = ?, done_at = ?, updated_at = ?, "
	    "claimed_by = NULL, claimed_until = NULL "
	    "WHERE id = ? AND claimed_by = ? AND status = 'running'", NULL},
	[ST_JOB_FAIL] = {"job_fail",
	    "UPDATE jobs SET status = ?, run_after = ?, last_error = ?, updated_at = ?, "
	    "claimed_by = NULL, claimed_until = NULL "
	    "WHERE id = ? AND claimed_by = ? AND status = 'running'", NULL},
	[ST_JOB_RETRY] = {"job_retry",
	    "UPDATE jobs SET status = 'queued', run_after = ?, attempts = 0, updated_at = ? "
	    "WHERE id = ? AND status = 'failed'", NULL},
	[ST_JOB_GET] = {"job_get",
	    "SELECT " JOB_COLS " FROM jobs WHERE id = ?", NULL},
	[ST_JOB_LIST] = {"job_list",
	    "SELECT " JOB_COLS " FROM jobs WHERE (? = '' OR status = ?) "
	    "ORDER BY id DESC LIMIT ? OFFSET ?", NULL},
	[ST_JOB_COUNT] = {"job_count",
	    "SELECT count(*) FROM jobs WHERE (? = '' OR status = ?)", NULL},
	/* The same for one status, so that jobs_status_id (migration 22) is
	 * used: with "? = '' OR" neither backend can, and a rare status (failed
	 * among 10,000 queued) was a walk through the whole table. */
	[ST_JOB_LIST_STATUS] = {"job_list_status",
	    "SELECT " JOB_COLS " FROM jobs WHERE status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	    NULL},
	[ST_JOB_COUNT_STATUS] = {"job_count_status",
	    "SELECT count(*) FROM jobs WHERE status = ?", NULL},
	[ST_JOB_PURGE] = {"job_purge",
	    "DELETE FROM jobs WHERE status = 'done' AND done_at < ?", NULL},
	/* Jobs of a kind that are queued or running (one import at a time). */
	[ST_JOB_ACTIVE] = {"job_active",
	    "SELECT count(*) FROM jobs WHERE kind = ? AND status IN ('queued', 'running')", NULL},

	/* Files in chunks of FILE_CHUNK bytes. */
	[ST_FILE_BEGIN] = {"file_begin",
	    "INSERT INTO files (kind, type, size, sha256, data, user_id, created_at, name, "
	    "chunked) VALUES (?, ?, 0, '', ?, ?, ?, ?, 1) RETURNING id", NULL},
	[ST_FILE_CHUNK_PUT] = {"file_chunk_put",
	    "INSERT INTO file_chunks (file_id, n, data) VALUES (?, ?, ?)", NULL},
	[ST_FILE_END] = {"file_end",
	    "UPDATE files SET size = ?, sha256 = ? WHERE id = ?", NULL},
	[ST_FILE_STAT] = {"file_stat",
	    "SELECT kind, type, name, size, sha256, chunked FROM files WHERE id = ?", NULL},
	[ST_FILE_CHUNK_GET] = {"file_chunk_get",
	    "SELECT data FROM file_chunks WHERE file_id = ? AND n = ?", NULL},
	[ST_FILE_DATA] = {"file_data",
	    "SELECT data FROM files WHERE id = ?", NULL},
	[ST_FILE_DELETE] = {"file_delete",
	    "DELETE FROM files WHERE id = ?", NULL},
	[ST_FILE_PURGE] = {"file_purge",
	    "DELETE FROM files WHERE kind = ? AND created_at < ?", NULL},
	/* Uploads are written as kind 'upload' while the body arrives; the
	 * handler that keeps one gives it its kind (src/files/files.h). */
	[ST_FILE_CLAIM] = {"file_claim",
	    "UPDATE files SET kind = ?, type = coalesce(?, type) WHERE id = ? AND kind = 'upload'",
	    NULL},
	[ST_FILE_DISCARD] = {"file_discard",
	    "DELETE FROM files WHERE id = ? AND kind = 'upload'", NULL},
	[ST_FILE_SWEEP] = {"file_sweep",
	    "DELETE FROM files WHERE kind = 'upload' AND created_at < ?", NULL},
	/* sign-in back-off (app/accounts/backoff.c) */
	[ST_BACKOFF_GET] = {"backoff_get",
	    "SELECT fails, last_at, next_at FROM signin_backoff WHERE key = ?", NULL},
	[ST_BACKOFF_INSERT] = {"backoff_insert",
	    "INSERT INTO signin_backoff (key, fails, last_at, next_at) VALUES (?, ?, ?, ?) "
	    "ON CONFLICT (key) DO NOTHING", NULL},
	[ST_BACKOFF_UPDATE] = {"backoff_update",	/* only over the row that was read */
	    "UPDATE signin_backoff SET fails = ?, last_at = ?, next_at = ? "
	    "WHERE key = ? AND fails = ? AND last_at = ?", NULL},
	[ST_BACKOFF_DELETE] = {"backoff_delete",
	    "DELETE FROM signin_backoff WHERE key = ?", NULL},
	[ST_BACKOFF_REFUND] = {"backoff_refund",	/* unless another attempt came since */
	    "UPDATE signin_backoff SET fails = fails - 1, next_at = ? "
	    "WHERE key = ? AND next_at = ? AND fails > 0", NULL},
	[ST_BACKOFF_PURGE] = {"backoff_purge",
	    "DELETE FROM signin_backoff WHERE last_at < ?", NULL},
	/* issue 9, visibility: ST_ORG_SEARCH and ST_ORG_SEARCH_SUBSTR over what
	 * state focal points may search (search.h), where it differs. */
	[ST_ORG_SEARCH_GOV] = {"org_search_gov",
	    "SELECT rowid FROM org_fts_gov WHERE org_fts_gov MATCH ?",
	    "SELECT id FROM organizations WHERE search_gov @@ to_tsquery('simple', ?)"},
	[ST_ORG_SEARCH_SUBSTR_GOV] = {"org_search_substr_gov",
	    "SELECT id FROM organizations WHERE search_title_gov <> '' AND "
	    "(search_title_gov LIKE ? OR search_text_gov LIKE ?) LIMIT 20000", NULL},
	/* Issue 9, last findings.  The domain staff approved with an
	 * organization (its website's then), which invitations are compared
	 * with; editing the website later does not move it. */
	[ST_ORG_FIX_DOMAIN] = {"org_fix_domain",
	    "UPDATE organizations SET approved_domain = website_domain WHERE id = ?", NULL},
	[ST_ORG_APPROVED_DOMAIN] = {"org_approved_domain",
	    "SELECT approved_domain FROM organizations WHERE id = ?", NULL},
	/* Invitations a person sent that can still be used. */
	[ST_INVITES_OF] = {"invites_of",
	    "SELECT hash, data FROM tokens WHERE kind = 'invite' AND user_id = ? "
	    "AND used_at IS NULL AND expires_at > ?", NULL},
	[ST_TOKEN_CANCEL] = {"token_cancel",
	    "UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL", NULL},
	/* An account keeps its ? newest unconfirmed applications; older ones
	 * (nobody proved them) go. */
	[ST_APP_PRUNE_UNVERIFIED] = {"app_prune_unverified",
	    "DELETE FROM applications WHERE user_id = ? AND status = 'unverified' "
	    "AND id NOT IN (SELECT id FROM applications WHERE user_id = ? "
	    "AND status = 'unverified' ORDER BY id DESC LIMIT ?)", NULL},
	/* An organization's active admins. */
	[ST_MEMBER_ADMIN_COUNT] = {"member_admin_count",
	    "SELECT count(*) FROM org_members m JOIN users u ON u.id = m.user_id "
	    "WHERE m.org_id = ? AND m.is_admin = 1 AND u.status = 'active'", NULL},

	/* Leaving and being forgotten (issue 11). */
	/* The organizations a person is one of, by name. */
	[ST_MEMBER_ORGS_OF] = {"member_orgs_of",
	    "SELECT o.id, o.name, m.is_admin, o.status FROM org_members m "
	    "JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.name, o.id",
	    NULL},
	/* An organization's people other than one. */
	[ST_MEMBER_COUNT_OTHERS] = {"member_count_others",
	    "SELECT count(*) FROM org_members WHERE org_id = ? AND user_id <> ?", NULL},
	[ST_SESSION_LIST_USER] = {"session_list_user",
	    "SELECT kind, created_at, seen_at, ip FROM sessions WHERE user_id = ? "
	    "ORDER BY created_at, id_hash", NULL},
	/* The cleanup job: links whose time is over are of no use to anyone. */
	[ST_TOKEN_PURGE] = {"token_purge",
	    "DELETE FROM tokens WHERE expires_at < ?", NULL},
	[ST_TOKEN_DELETE_USER] = {"token_delete_user",
	    "DELETE FROM tokens WHERE user_id = ?", NULL},
	[ST_DRAFT_DELETE_USER] = {"draft_delete_user",
	    "DELETE FROM drafts WHERE user_id = ?", NULL},
	/* What the audit log says a person (?1) did, and rows whose detail
	 * names "user ?2" (the caller drops "user 12" when looking for user 1).
	 * The address a row was written from is theirs only in their own rows:
	 * in another's (an admin removing them) it is that person's, and null. */
	[ST_AUDIT_OF_USER] = {"audit_of_user",
	    "SELECT a.id, a.at, a.user_id, a.action, "
	    "CASE WHEN a.user_id = p.uid THEN a.ip END, a.detail "
	    "FROM audit_log a, (SELECT CAST(? AS BIGINT) AS uid) p "
	    "WHERE a.user_id = p.uid OR a.detail LIKE ? ORDER BY a.id LIMIT 10000", NULL},
	/* The addresses an account has had: its sign-up's, its changes'. */
	[ST_AUDIT_ADDRESSES] = {"audit_addresses",
	    "SELECT detail FROM audit_log WHERE user_id = ? AND detail IS NOT NULL "
	    "AND action IN ('signup', 'email.changed', 'email.change_requested')", NULL},
	/* A deleted person's address (?3) becomes ?2 in every audit detail. */
	[ST_AUDIT_FORGET] = {"audit_forget",
	    "UPDATE audit_log SET detail = replace(detail, ?, ?) WHERE instr(detail, ?) > 0",
	    "UPDATE audit_log SET detail = replace(detail, $1, $2) WHERE strpos(detail, $3) > 0"},
	/* Their name (?1) becomes ?2 in the rows by them (?3) or about them
	 * (detail LIKE ?4); elsewhere a short name could be part of others' words. */
	[ST_AUDIT_FORGET_OWN] = {"audit_forget_own",
	    "UPDATE audit_log SET detail = replace(detail, ?, ?) "
	    "WHERE detail IS NOT NULL AND (user_id = ? OR detail LIKE ?)", NULL},
	/* In the applications a person filed: ?1 (JSON text) becomes ?2. */
	[ST_APP_FORGET] = {"app_forget",
	    "UPDATE applications SET data = replace(data, ?, ?) WHERE user_id = ?", NULL},
	[ST_APP_EVENT_FORGET] = {"app_event_forget",
	    "UPDATE application_events SET note = replace(note, ?, ?) WHERE note IS NOT NULL "
	    "AND application_id IN (SELECT id FROM applications WHERE user_id = ?)", NULL},
	/* Mail to a deleted person's address is dropped and forgotten. */
	[ST_OUTBOX_FORGET] = {"outbox_forget",
	    "UPDATE outbox SET to_addr = ?, subject = '', body = '', status = 'sent', "
	    "sent_at = coalesce(sent_at, ?) WHERE to_addr = ?", NULL},
	/* A deleted account: the row stays so what points at it holds, with
	 * nothing of the person left (password too: nobody signs in). */
	[ST_USER_FORGET] = {"user_forget",
	    "UPDATE users SET email = ?, name = ?, password_hash = '', status = 'disabled', "
	    "role = 'applicant', locale = NULL, tz = NULL, country = NULL, org_id = NULL, "
	    "locked_at = NULL, deleted_at = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_JOB_PENDING_KIND] = {"job_pending_kind",
	    "SELECT count(*) FROM jobs WHERE kind = ? AND status IN ('queued', 'running')", NULL},
	/* Issue 11: an approved expert's profile (app/people/experts.c); a
	 * new approval of the same person replaces it. */
	[ST_EXPERT_PUT] = {"expert_put",
	    "INSERT INTO experts (user_id, status, name, title, profession, affiliation, country, "
	    "countries, themes, languages, biography, website, email, phone, application_id, "
	    "approved_by, created_at, updated_at) "
	    "VALUES (?, 'approved', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (user_id) DO UPDATE SET status = 'approved', name = excluded.name, "
	    "title = excluded.title, profession = excluded.profession, "
	    "affiliation = excluded.affiliation, country = excluded.country, "
	    "countries = excluded.countries, themes = excluded.themes, "
	    "languages = excluded.languages, biography = excluded.biography, "
	    "website = excluded.website, email = excluded.email, phone = excluded.phone, "
	    "application_id = excluded.application_id, approved_by = excluded.approved_by, "
	    "updated_at = excluded.updated_at", NULL},
	[ST_EXPERT_GET] = {"expert_get",
	    "SELECT " EXPERT_COLS " FROM experts e WHERE e.user_id = ?", NULL},
	/* Every approved expert whose account is not disabled: /people filters
	 * what each viewer may see in C. */
	[ST_EXPERT_LIST] = {"expert_list",
	    "SELECT " EXPERT_COLS " FROM experts e WHERE e.status = 'approved' "
	    "AND EXISTS (SELECT 1 FROM users u WHERE u.id = e.user_id AND u.status = 'active') "
	    "ORDER BY e.name, e.user_id", NULL},
	[ST_EXPERT_UPDATE] = {"expert_update",
	    "UPDATE experts SET name = ?, title = ?, profession = ?, affiliation = ?, country = ?, "
	    "countries = ?, themes = ?, languages = ?, biography = ?, website = ?, email = ?, "
	    "phone = ?, visibility = ?, updated_at = ? WHERE user_id = ?", NULL},
	/* Whether a person is an approved expert (member rights without an
	 * organization). */
	[ST_EXPERT_APPROVED] = {"expert_approved",
	    "SELECT count(*) FROM experts WHERE user_id = ? AND status = 'approved'", NULL},
	/* An approved expert is a member; a higher role stays. */
	[ST_USER_SET_MEMBER] = {"user_set_member",
	    "UPDATE users SET role = CASE WHEN role = 'applicant' THEN 'member' ELSE role END, "
	    "updated_at = ? WHERE id = ?", NULL},
	/* A deleted account's profile goes with it (people_forget). */
	[ST_EXPERT_DELETE] = {"expert_delete",
	    "DELETE FROM experts WHERE user_id = ?", NULL},
	/* Whether an account is still there (not deleted: ST_USER_FORGET). */
	[ST_USER_LIVE] = {"user_live",
	    "SELECT count(*) FROM users WHERE id = ? AND deleted_at IS NULL", NULL},
	/* A deleted account's applications: their data becomes ?1 (the
	 * person's own fields blanked); id, kind, status and dates stay. */
	[ST_APP_DATA_OF_USER] = {"app_data_of_user",
	    "SELECT id, data FROM applications WHERE user_id = ? ORDER BY id", NULL},
	[ST_APP_DATA_FORGET] = {"app_data_forget",
	    "UPDATE applications SET data = ? WHERE id = ? AND user_id = ?", NULL},
	/* An organization whose contact was a deleted person (by address ?1)
	 * keeps its profile without them; its admins name another. */
	[ST_ORG_CONTACT_FORGET] = {"org_contact_forget",
	    "UPDATE organizations SET contact_name = '', contact_title = '', contact_email = '', "
	    "contact_phone = '', contact_role = '' WHERE lower(contact_email) = lower(?)", NULL},
	/* Issue 13: knowledge resources (app/resources/store.c).  Filters,
	 * counts and visibility are SQL over indexed columns and the one
	 * link table resource_terms (facet: theme, language, country,
	 * region); the parameters RES_VISIBLE and RES_FILTER take are in
	 * resources_int.h (res_bind_where). */
	[ST_RES_INSERT] = {"res_insert",
	    "INSERT INTO resources (title, summary, kind, year, authors, publisher, "
	    "organization_id, visibility, status, link, source, created_by, created_at, "
	    "updated_at, published_at, languages, themes, countries, regions, changed_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_RES_UPDATE] = {"res_update",
	    "UPDATE resources SET title = ?, summary = ?, kind = ?, year = ?, authors = ?, "
	    "publisher = ?, visibility = ?, link = ?, languages = ?, themes = ?, countries = ?, "
	    "regions = ?, status = ?, updated_at = ?, published_at = CASE WHEN ? = 'published' "
	    "THEN coalesce(published_at, ?) ELSE published_at END, changed_at = ? WHERE id = ?",
	    NULL},
	/* A review decision: status ?1, reason ?2; published_at the first
	 * time it is published. */
	[ST_RES_SET_STATUS] = {"res_set_status",
	    "UPDATE resources SET status = ?, reason = ?, updated_at = ?, "
	    "published_at = CASE WHEN ? = 'published' THEN coalesce(published_at, ?) "
	    "ELSE published_at END, changed_at = ? WHERE id = ?", NULL},
	[ST_RES_SET_SEARCH] = {"res_set_search",
	    "UPDATE resources SET search_title = ?, search_text = ?, search_body = ?, "
	    "changed_at = ? WHERE id = ?", NULL},
	[ST_RES_TERMS_DELETE] = {"res_terms_delete",
	    "DELETE FROM resource_terms WHERE resource_id = ?", NULL},
	[ST_RES_TERM_ADD] = {"res_term_add",
	    "INSERT INTO resource_terms (resource_id, facet, code) VALUES (?, ?, ?) "
	    "ON CONFLICT DO NOTHING", NULL},
	[ST_RES_GET] = {"res_get",
	    "SELECT " RES_COLS RES_FROM "WHERE r.id = ? AND " RES_VISIBLE, NULL},
	[ST_RES_LIST] = {"res_list",
	    "SELECT " RES_COLS RES_FROM "WHERE " RES_WHERE_SQLITE
	    RES_ORDER(RES_TITLE_SQLITE) " LIMIT ? OFFSET ?",
	    "SELECT " RES_COLS RES_FROM "WHERE " RES_WHERE_PG
	    RES_ORDER(RES_TITLE_PG) " LIMIT ? OFFSET ?"},
	[ST_RES_COUNT] = {"res_count",
	    "SELECT count(*) FROM resources r WHERE " RES_WHERE_SQLITE,
	    "SELECT count(*) FROM resources r WHERE " RES_WHERE_PG},
	[ST_RES_FACET_KIND] = {"res_facet_kind",
	    "SELECT r.kind, count(*) FROM resources r WHERE " RES_WHERE_SQLITE " GROUP BY r.kind",
	    "SELECT r.kind, count(*) FROM resources r WHERE " RES_WHERE_PG " GROUP BY r.kind"},
	[ST_RES_FACET_YEAR] = {"res_facet_year",
	    "SELECT r.year, count(*) FROM resources r WHERE r.year IS NOT NULL AND "
	    RES_WHERE_SQLITE " GROUP BY r.year",
	    "SELECT r.year, count(*) FROM resources r WHERE r.year IS NOT NULL AND "
	    RES_WHERE_PG " GROUP BY r.year"},
	/* ?1 the facet, then the where's parameters. */
	[ST_RES_FACET_TERM] = {"res_facet_term",
	    "SELECT t.code, count(*) FROM resource_terms t JOIN resources r ON r.id = "
	    "t.resource_id WHERE t.facet = ? AND " RES_WHERE_SQLITE " GROUP BY t.code",
	    "SELECT t.code, count(*) FROM resource_terms t JOIN resources r ON r.id = "
	    "t.resource_id WHERE t.facet = ? AND " RES_WHERE_PG " GROUP BY t.code"},
	/* The library's in-memory index (app/resources/index.c): every
	 * resource, one, every file (by resource), the organizations credited
	 * (their names and statuses change apart from the resources). */
	[ST_RES_INDEX_ALL] = {"res_index_all",
	    RES_INDEX_SELECT " ORDER BY r.id", NULL},
	[ST_RES_INDEX_ONE] = {"res_index_one",
	    RES_INDEX_SELECT " WHERE r.id = ?", NULL},
	[ST_RES_FILES_ALL] = {"res_files_all",
	    "SELECT n, file_id, name, language, type, size, sha256, text_status, resource_id "
	    "FROM resource_files ORDER BY resource_id, n", NULL},
	/* The resources a search matches, for the index to filter, count and
	 * sort (the words its vocabulary cannot match: other scripts, CJK
	 * substrings): ?1, ?2 the full-text query ('' none; then 'x'), ?3 to
	 * ?6 the substring pattern ('' none) over every column; the second
	 * column says whether title and text alone match (?7, ?8 the query
	 * over them, ?9 to ?11 the pattern), which is what a viewer who may
	 * not download a "members" resource's files searches of it. */
	[ST_RES_MATCH_IDS] = {"res_match_ids",
	    "SELECT r.id, CASE WHEN (? = '' OR r.id IN (SELECT rowid FROM res_fts WHERE res_fts "
	    "MATCH ?)) AND (? = '' OR r.search_title LIKE ? OR r.search_text LIKE ?) THEN 1 ELSE 0 "
	    "END FROM resources r WHERE (? = '' OR r.id IN (SELECT rowid FROM res_fts WHERE "
	    "res_fts MATCH ?)) AND (? = '' OR r.search_title LIKE ? OR r.search_text LIKE ? OR "
	    "r.search_body LIKE ?)",
	    "SELECT r.id, CASE WHEN (? = '' OR r.search_meta @@ to_tsquery('simple', ?)) AND "
	    "(? = '' OR r.search_title LIKE ? OR r.search_text LIKE ?) THEN 1 ELSE 0 END "
	    "FROM resources r WHERE (? = '' OR r.search @@ to_tsquery('simple', ?)) AND "
	    "(? = '' OR r.search_title LIKE ? OR r.search_text LIKE ? OR r.search_body LIKE ?)"},
	/* The same without a substring: straight from the full-text index,
	 * every match, and whether it matches in title and text (?1 the query
	 * over title and text, ?2 the whole query), in one statement.  Asked
	 * as two, with "MATCH ?1 AND rowid IN (SELECT ... MATCH ?2)" for the
	 * second, SQLite took 13 ms on average for a Cyrillic or Arabic word
	 * of bench/resources at 10,000 resources; this takes 0.24 ms. */
	[ST_RES_FTS_BOTH] = {"res_fts_both",
	    "SELECT rowid, rowid IN (SELECT rowid FROM res_fts WHERE res_fts MATCH ?) "
	    "FROM res_fts WHERE res_fts MATCH ?",
	    "SELECT id, CASE WHEN search_meta @@ to_tsquery('simple', ?) THEN 1 ELSE 0 END "
	    "FROM resources r WHERE r.search @@ to_tsquery('simple', ?)"},
	/* Those whose title has every word (res_query's title query). */
	[ST_RES_TITLE_IDS] = {"res_title_ids",
	    "SELECT rowid FROM res_fts WHERE res_fts MATCH ?",
	    "SELECT id FROM resources r WHERE r.search @@ to_tsquery('simple', ?)"},
	/* What changed since a node last looked (other nodes write too). */
	[ST_RES_CHANGED_SINCE] = {"res_changed_since",
	    "SELECT id, changed_at FROM resources WHERE changed_at >= ?", NULL},
	[ST_RES_ORGS] = {"res_orgs",
	    "SELECT o.id, o.name, o.status FROM organizations o WHERE o.id IN "
	    "(SELECT organization_id FROM resources WHERE organization_id IS NOT NULL)", NULL},
	/* Files are numbered from 1 in the order they came. */
	[ST_RES_FILE_ADD] = {"res_file_add",
	    "INSERT INTO resource_files (resource_id, n, file_id, name, language, type, size, "
	    "sha256, text_status) VALUES (?, (SELECT coalesce(max(f.n), 0) + 1 FROM "
	    "resource_files f WHERE f.resource_id = ?), ?, ?, ?, ?, ?, ?, 'pending') RETURNING n",
	    NULL},
	[ST_RES_FILES] = {"res_files",
	    "SELECT n, file_id, name, language, type, size, sha256, text_status "
	    "FROM resource_files WHERE resource_id = ? ORDER BY n", NULL},
	[ST_RES_FILE_GET] = {"res_file_get",
	    "SELECT file_id, name, type FROM resource_files WHERE resource_id = ? AND n = ?", NULL},
	/* Not updated_at: a download is not an edit (changed_at: other nodes'
	 * indexes sort by downloads too). */
	[ST_RES_DOWNLOAD] = {"res_download",
	    "UPDATE resources SET downloads = downloads + 1, changed_at = ? WHERE id = ?", NULL},
	[ST_RES_FILE_TEXT] = {"res_file_text",
	    "UPDATE resource_files SET text_status = ?, text = ? WHERE resource_id = ? AND n = ?",
	    NULL},
	[ST_RES_TEXTS] = {"res_texts",
	    "SELECT text FROM resource_files WHERE resource_id = ? AND text IS NOT NULL "
	    "ORDER BY n", NULL},
	[ST_RES_SEARCH_OF] = {"res_search_of",
	    "SELECT title, summary, authors, publisher FROM resources WHERE id = ?", NULL},
	/* Where a result's excerpt is looked for: the start of each file's
	 * text (characters, on both backends). */
	[ST_RES_TEXT_HEADS] = {"res_text_heads",
	    "SELECT substr(text, 1, 65536) FROM resource_files WHERE resource_id = ? "
	    "AND text IS NOT NULL ORDER BY n", NULL},
	/* Demo data (resources/seed.c): how many resources there are, and
	 * the approved organizations to credit some of them to. */
	[ST_RES_SEED_COUNT] = {"res_seed_count",
	    "SELECT count(*) FROM resources", NULL},
	[ST_RES_SEED_ORGS] = {"res_seed_orgs",
	    "SELECT id FROM organizations WHERE status = 'approved' ORDER BY id LIMIT 1000",
	    NULL},

	/* Issue 14: events (app/events/store.c).  Times are UTC instants
	 * (seconds) with the event's zone; start_month is the month of its
	 * start in that zone, for the month filter and its counts.  Themes,
	 * languages and regions are JSON in the row and rows of event_terms,
	 * which filters and counts read. */
	[ST_EV_INSERT] = {"ev_insert",
	    "INSERT INTO events (kind, title, description, start_at, end_at, timezone, "
	    "start_month, venue, online_url, languages, themes, regions, organizer, capacity, "
	    "registration_opens, registration_closes, approval_required, audience, visibility, "
	    "questions, resources, status, created_by, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id", NULL},
	[ST_EV_UPDATE] = {"ev_update",
	    "UPDATE events SET kind = ?, title = ?, description = ?, start_at = ?, end_at = ?, "
	    "timezone = ?, start_month = ?, venue = ?, online_url = ?, languages = ?, themes = ?, "
	    "regions = ?, organizer = ?, capacity = ?, registration_opens = ?, "
	    "registration_closes = ?, approval_required = ?, audience = ?, visibility = ?, "
	    "questions = ?, resources = ?, status = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_EV_GET] = {"ev_get",
	    "SELECT " EV_COLS " FROM events e WHERE e.id = ? AND " EV_VISIBLE, NULL},
	[ST_EV_LIST] = {"ev_list",
	    "SELECT " EV_COLS " FROM events e WHERE " EV_VISIBLE EV_FILTER EV_ORDER
	    " LIMIT ? OFFSET ?", NULL},
	[ST_EV_COUNT] = {"ev_count",
	    "SELECT count(*) FROM events e WHERE " EV_VISIBLE EV_FILTER, NULL},
	/* The published events a person may still register for, soonest
	 * deadline first: EV_VISIBLE's two, then now three times (not started,
	 * registration opened and not closed; no session of a meeting, whose
	 * delegates are nominated), whether they are a member (for
	 * an event for members), the person (not registered, or cancelled),
	 * and at most how many.  Registration closes by the start (events.c
	 * checks it), so an event still open has not started: the index on
	 * (status, start_at) finds them; the person's registrations are read
	 * once, not once an event. */
	[ST_EV_OPEN_FOR] = {"ev_open_for",
	    "SELECT e.id, e.title, e.kind, coalesce(e.registration_closes, e.start_at), "
	    "e.timezone, e.themes FROM events e WHERE " EV_VISIBLE " AND e.status = 'published' "
	    "AND e.kind <> 'session' AND e.start_at > ? AND (e.registration_opens IS NULL OR e.registration_opens <= ?) "
	    "AND coalesce(e.registration_closes, e.start_at) > ? "
	    "AND (e.audience = 'open' OR ? = 1) AND e.id NOT IN (SELECT g.event_id FROM "
	    "event_registrations g WHERE g.user_id = ? AND g.status <> 'cancelled') "
	    "ORDER BY coalesce(e.registration_closes, e.start_at), e.id LIMIT ?", NULL},
	[ST_EV_FACET_KIND] = {"ev_facet_kind",
	    "SELECT e.kind, count(*) FROM events e WHERE " EV_VISIBLE EV_FILTER
	    " GROUP BY e.kind", NULL},
	[ST_EV_FACET_MONTH] = {"ev_facet_month",
	    "SELECT e.start_month, count(*) FROM events e WHERE " EV_VISIBLE EV_FILTER
	    " GROUP BY e.start_month", NULL},
	/* ?1 the facet, then the where's parameters. */
	[ST_EV_FACET_TERM] = {"ev_facet_term",
	    "SELECT t.code, count(*) FROM event_terms t JOIN events e ON e.id = t.event_id "
	    "WHERE t.facet = ? AND " EV_VISIBLE EV_FILTER " GROUP BY t.code", NULL},
	[ST_EV_TERMS_DELETE] = {"ev_terms_delete",
	    "DELETE FROM event_terms WHERE event_id = ?", NULL},
	[ST_EV_TERM_ADD] = {"ev_term_add",
	    "INSERT INTO event_terms (event_id, facet, code) VALUES (?, ?, ?) "
	    "ON CONFLICT DO NOTHING", NULL},
	/* Taken first in a transaction that changes an event's registrations:
	 * on PostgreSQL a row lock, so that counting the places taken and
	 * taking one is one step for every node; SQLite's write transaction
	 * already lets one writer at a time through. */
	[ST_EV_LOCK] = {"ev_lock",
	    "SELECT id FROM events WHERE id = ?",
	    "SELECT id FROM events WHERE id = ? FOR UPDATE"},
	[ST_EV_REG_INSERT] = {"ev_reg_insert",
	    "INSERT INTO event_registrations (event_id, user_id, organization_id, registered_by, "
	    "status, answers, position, created_at, decided_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	/* A cancelled or declined registration made anew (one row a person). */
	[ST_EV_REG_REOPEN] = {"ev_reg_reopen",
	    "UPDATE event_registrations SET organization_id = ?, registered_by = ?, status = ?, "
	    "answers = ?, position = ?, created_at = ?, decided_at = ? WHERE id = ?", NULL},
	[ST_EV_REG_GET] = {"ev_reg_get",
	    "SELECT " EV_REG_COLS EV_REG_FROM "WHERE g.event_id = ? AND g.id = ?", NULL},
	[ST_EV_REG_OF_USER] = {"ev_reg_of_user",
	    "SELECT " EV_REG_COLS EV_REG_FROM "WHERE g.event_id = ? AND g.user_id = ?", NULL},
	/* Person ?'s registrations for events, oldest first, for their export. */
	[ST_EV_REG_EXPORT] = {"ev_reg_export",
	    "SELECT g.id, g.event_id, e.title, g.organization_id, g.registered_by, g.status, "
	    "g.answers, g.created_at, g.decided_at FROM event_registrations g "
	    "JOIN events e ON e.id = g.event_id WHERE g.user_id = ? ORDER BY g.created_at, g.id",
	    NULL},
	/* An event's registrations in the order they came: all of them (?2 =
	 * 0), or those of person ?3 and those filed for colleagues of an
	 * organization ?4 is an admin of. */
	[ST_EV_REG_LIST] = {"ev_reg_list",
	    "SELECT " EV_REG_COLS EV_REG_FROM "WHERE g.event_id = ? AND (? = 0 OR g.user_id = ? "
	    "OR " EV_REG_BY_ADMIN ") ORDER BY g.id LIMIT ? OFFSET ?", NULL},
	[ST_EV_REG_COUNT] = {"ev_reg_count",
	    "SELECT count(*) FROM event_registrations g WHERE g.event_id = ? AND (? = 0 OR "
	    "g.user_id = ? OR " EV_REG_BY_ADMIN ")", NULL},
	/* The places taken, and the last place on the waiting list. */
	[ST_EV_REG_TAKEN] = {"ev_reg_taken",
	    "SELECT (SELECT count(*) FROM event_registrations g WHERE g.event_id = ? AND "
	    "g.status IN ('confirmed', 'attended')), (SELECT coalesce(max(g.position), 0) FROM "
	    "event_registrations g WHERE g.event_id = ?)", NULL},
	[ST_EV_REG_SET_STATUS] = {"ev_reg_set_status",
	    "UPDATE event_registrations SET status = ?, decided_at = ? WHERE id = ?", NULL},
	/* The first on the waiting list. */
	[ST_EV_REG_FIRST_WAITING] = {"ev_reg_first_waiting",
	    "SELECT id FROM event_registrations WHERE event_id = ? AND status = 'waitlisted' "
	    "ORDER BY position, id LIMIT 1", NULL},

	/* Issue 14: calendars (app/events/calendar.c).  One event (its
	 * visibility checked by ST_EV_GET first); the public feed: public
	 * events published or cancelled that have not ended ?1 ago; a
	 * person's feed: the events they registered for, with their
	 * registration's status. */
	[ST_CAL_EVENT] = {"cal_event",
	    "SELECT " CAL_COLS ", NULL FROM events e WHERE e.id = ?", NULL},
	[ST_CAL_PUBLIC] = {"cal_public",
	    "SELECT " CAL_COLS ", NULL FROM events e WHERE e.visibility = 'public' AND "
	    "e.status IN ('published', 'cancelled') AND e.end_at >= ? "
	    "ORDER BY e.start_at, e.id LIMIT ?", NULL},
	/* Person ?1's events that they may still see (EV_VISIBLE: ?2 staff,
	 * ?3 member, as they are now), ending from ?4 on, ?5 at most. */
	[ST_CAL_PERSONAL] = {"cal_personal",
	    "SELECT " CAL_COLS ", g.status FROM event_registrations g JOIN events e ON "
	    "e.id = g.event_id WHERE g.user_id = ? AND e.status IN ('published', 'cancelled') "
	    "AND " EV_VISIBLE " AND e.end_at >= ? ORDER BY e.start_at, e.id LIMIT ?", NULL},
	/* A person's calendar token: only its hash is kept. */
	[ST_CAL_TOKEN_GET] = {"cal_token_get",
	    "SELECT hash, created_at FROM calendar_tokens WHERE user_id = ?", NULL},
	[ST_CAL_TOKEN_PUT] = {"cal_token_put",
	    "INSERT INTO calendar_tokens (user_id, hash, created_at) VALUES (?, ?, ?) "
	    "ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, "
	    "created_at = excluded.created_at", NULL},
	/* A deleted account (accounts/forget.c): no calendar address, and
	 * its answers to events' questions blanked (the registrations stay,
	 * counted, under the deleted name). */
	[ST_CAL_TOKEN_DELETE_USER] = {"cal_token_delete_user",
	    "DELETE FROM calendar_tokens WHERE user_id = ?", NULL},
	[ST_EV_REG_FORGET] = {"ev_reg_forget",
	    "UPDATE event_registrations SET answers = '{}' WHERE user_id = ?", NULL},
	/* An event's SEQUENCE (RFC 5545) goes up when what a calendar shows
	 * of it changes. */
	[ST_EV_SEQ_BUMP] = {"ev_seq_bump",
	    "UPDATE events SET sequence = sequence + 1 WHERE id = ?", NULL},
	/* Who hears of a change (notify.c): the people whose registration
	 * holds or waits for a place. */
	[ST_EV_NOTIFY_LIST] = {"ev_notify_list",
	    "SELECT g.user_id, g.status, u.email, u.name, u.locale FROM event_registrations g "
	    "JOIN users u ON u.id = g.user_id WHERE g.event_id = ? AND g.status IN "
	    "('pending', 'confirmed', 'waitlisted') ORDER BY g.id", NULL},
	/* Reminders (reminders.c) due at ?1 = ?2 = ?3 = now: a confirmed
	 * place at a published event that starts within 7 days, "7d" until a
	 * day before it, "1d" from then, not yet sent for this start.  ?4:
	 * how many at most. */
	[ST_EV_REMIND_DUE] = {"ev_remind_due",
	    "SELECT g.id, e.id, e.start_at, CASE WHEN e.start_at - ? <= 86400 THEN '1d' "
	    "ELSE '7d' END FROM event_registrations g JOIN events e ON e.id = g.event_id "
	    "WHERE g.status = 'confirmed' AND e.status = 'published' AND e.start_at > ? AND "
	    "e.start_at - ? <= 604800 AND NOT EXISTS (SELECT 1 FROM event_reminders m WHERE "
	    "m.registration_id = g.id AND m.start_at = e.start_at AND m.kind = CASE WHEN "
	    "e.start_at - ? <= 86400 THEN '1d' ELSE '7d' END) ORDER BY e.start_at, g.id "
	    "LIMIT ?", NULL},
	/* Taken by the node that sends it, in the transaction that queues the
	 * mail: a reminder that is already there is not sent again. */
	[ST_EV_REMIND_CLAIM] = {"ev_remind_claim",
	    "INSERT INTO event_reminders (registration_id, kind, start_at, sent_at) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", NULL},
	/* Events, staff's side (app/events/staff.c).  An event's registrations
	 * as staff find them: all (?2 = 0) or person ?3's and those they filed;
	 * of one status (?5, '' for all), one organization (?7, 0 for all), a
	 * name or address containing ?9 (lower case, '' for all). */
	[ST_EV_REG_FIND] = {"ev_reg_find",
	    "SELECT " EV_REG_COLS ", u.email, o.name, o.country" EV_REG_FROM EV_REG_FIND_WHERE
	    " ORDER BY g.id LIMIT ? OFFSET ?",
	    "SELECT " EV_REG_COLS ", u.email, o.name, o.country" EV_REG_FROM EV_REG_FIND_WHERE_PG
	    " ORDER BY g.id LIMIT ? OFFSET ?"},
	[ST_EV_REG_FIND_COUNT] = {"ev_reg_find_count",
	    "SELECT count(*)" EV_REG_FROM EV_REG_FIND_WHERE,
	    "SELECT count(*)" EV_REG_FROM EV_REG_FIND_WHERE_PG},
	[ST_EV_REG_STATUS_COUNTS] = {"ev_reg_status_counts",
	    "SELECT status, count(*) FROM event_registrations WHERE event_id = ? "
	    "GROUP BY status", NULL},
	/* A staff decision: the status, the place on the waiting list (NULL:
	 * none) and when. */
	[ST_EV_REG_DECIDE] = {"ev_reg_decide",
	    "UPDATE event_registrations SET status = ?, position = ?, decided_at = ? "
	    "WHERE id = ?", NULL},
	/* Attendance: the status only (decided_at stays the decision's). */
	[ST_EV_REG_MARK] = {"ev_reg_mark",
	    "UPDATE event_registrations SET status = ? WHERE id = ?", NULL},
	/* The organizations an event's registrations count for. */
	[ST_EV_REG_ORGS] = {"ev_reg_orgs",
	    "SELECT DISTINCT o.id, o.name FROM event_registrations g JOIN organizations o "
	    "ON o.id = g.organization_id WHERE g.event_id = ? ORDER BY o.name, o.id", NULL},
	/* Demo data (events/seed.c): how many events there are, and who
	 * registers for them, with an organization of theirs. */
	/* Staff's mail to an event's people (app/events/mail.c): the message,
	 * then its recipients frozen as it is sent (the confirmed, and the
	 * waitlisted when ?3 = 1), each mailed by the job that claims their
	 * row (sent_at from NULL), so once however often and wherever it runs. */
	[ST_EV_MSG_INSERT] = {"ev_msg_insert",
	    "INSERT INTO event_messages (event_id, sent_by, subject, body, include_waitlisted, "
	    "recipients, created_at) VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id", NULL},
	[ST_EV_MSG_RECIPIENTS_ADD] = {"ev_msg_recipients_add",
	    "INSERT INTO event_message_recipients (message_id, user_id) SELECT ?, g.user_id "
	    "FROM event_registrations g WHERE g.event_id = ? AND (g.status = 'confirmed' OR "
	    "(? = 1 AND g.status = 'waitlisted'))", NULL},
	[ST_EV_MSG_SET_COUNT] = {"ev_msg_set_count",
	    "UPDATE event_messages SET recipients = ? WHERE id = ?", NULL},
	[ST_EV_MSG_GET] = {"ev_msg_get",
	    "SELECT event_id, subject, body FROM event_messages WHERE id = ?", NULL},
	[ST_EV_MSG_PENDING] = {"ev_msg_pending",
	    "SELECT user_id FROM event_message_recipients WHERE message_id = ? AND "
	    "sent_at IS NULL ORDER BY user_id LIMIT ?", NULL},
	[ST_EV_MSG_CLAIM] = {"ev_msg_claim",
	    "UPDATE event_message_recipients SET sent_at = ? WHERE message_id = ? AND "
	    "user_id = ? AND sent_at IS NULL", NULL},
	[ST_EV_MSG_LIST] = {"ev_msg_list",
	    "SELECT m.id, m.created_at, coalesce(u.name, ''), m.subject, m.recipients, "
	    "m.include_waitlisted, (SELECT count(*) FROM event_message_recipients r WHERE "
	    "r.message_id = m.id AND r.sent_at IS NOT NULL) FROM event_messages m LEFT JOIN "
	    "users u ON u.id = m.sent_by WHERE m.event_id = ? ORDER BY m.id DESC LIMIT ?", NULL},
	/* Whether any registration for event ?1 answered question ?2 (an
	 * id of [a-z0-9_]: the staff form keeps its kind then). */
	[ST_EV_Q_ANSWERED] = {"ev_q_answered",
	    "SELECT count(*) FROM event_registrations WHERE event_id = ? AND "
	    "json_type(answers, '$.' || ?) IS NOT NULL",
	    "SELECT count(*) FROM event_registrations WHERE event_id = ? AND "
	    "(CAST(answers AS json) -> CAST(? AS text)) IS NOT NULL"},
	/* Issue 15: calls for participants (app/calls/store.c).  A draft is
	 * staff's (?: 1 for staff); everyone sees the others. */
	[ST_CALL_INSERT] = {"call_insert",
	    "INSERT INTO calls (kind, title, description, eligibility, opens, closes, timezone, "
	    "places, questions, criteria, event_id, status, created_by, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_CALL_UPDATE] = {"call_update",
	    "UPDATE calls SET kind = ?, title = ?, description = ?, eligibility = ?, opens = ?, "
	    "closes = ?, timezone = ?, places = ?, questions = ?, criteria = ?, event_id = ?, "
	    "status = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_CALL_GET] = {"call_get",
	    "SELECT " CALL_COLS " FROM calls c WHERE c.id = ? AND (? = 1 OR c.status <> 'draft')",
	    NULL},
	/* Open calls first, soonest closing first; ?: staff, then status and
	 * kind ('' for any), twice each. */
	[ST_CALL_LIST] = {"call_list",
	    "SELECT " CALL_COLS " FROM calls c WHERE (? = 1 OR c.status <> 'draft') "
	    "AND (? = '' OR c.status = ?) AND (? = '' OR c.kind = ?) "
	    "ORDER BY CASE WHEN c.status = 'open' THEN 0 ELSE 1 END, c.closes, c.id "
	    "LIMIT ? OFFSET ?", NULL},
	[ST_CALL_COUNT] = {"call_count",
	    "SELECT count(*) FROM calls c WHERE (? = 1 OR c.status <> 'draft') "
	    "AND (? = '' OR c.status = ?) AND (? = '' OR c.kind = ?)", NULL},
	/* Taken first in a transaction that changes a call's applications'
	 * decisions (the places accepted), as ST_EV_LOCK. */
	[ST_CALL_LOCK] = {"call_lock",
	    "SELECT id FROM calls WHERE id = ?",
	    "SELECT id FROM calls WHERE id = ? FOR UPDATE"},
	/* Whether any application to a call was scored (its criteria then
	 * stay as they are). */
	[ST_CALL_SCORED] = {"call_scored",
	    "SELECT count(*) FROM call_scores s JOIN call_applications a "
	    "ON a.id = s.application_id WHERE a.call_id = ?", NULL},
	/* `whatson seed --demo` (app/calls/seed.c): whether the hub has calls,
	 * and the first upcoming demo workshop (?: now) a call fills. */
	[ST_CALL_SEED_COUNT] = {"call_seed_count", "SELECT count(*) FROM calls", NULL},
	[ST_CALL_SEED_WORKSHOP] = {"call_seed_workshop",
	    "SELECT id, start_at FROM events WHERE kind = 'workshop' AND status = 'published' "
	    "AND start_at > ? ORDER BY start_at, id LIMIT 1", NULL},
	[ST_CAPP_INSERT] = {"capp_insert",
	    "INSERT INTO call_applications (call_id, user_id, organization_id, answers, status, "
	    "created_at, updated_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    NULL},
	[ST_CAPP_UPDATE] = {"capp_update",
	    "UPDATE call_applications SET organization_id = ?, answers = ?, status = ?, "
	    "updated_at = ?, submitted_at = ? WHERE id = ? AND status = ?", NULL},
	[ST_CAPP_GET] = {"capp_get",
	    "SELECT " CAPP_COLS CAPP_FROM "WHERE a.call_id = ? AND a.id = ?", NULL},
	[ST_CAPP_OF_USER] = {"capp_of_user",
	    "SELECT " CAPP_COLS CAPP_FROM "WHERE a.call_id = ? AND a.user_id = ?", NULL},
	/* Whether any application to call ?1 answered question ?2 (an id of
	 * [a-z0-9_]), in its answers or with a file (?3, the same): its kind
	 * stays then. */
	[ST_CAPP_Q_ANSWERED] = {"capp_q_answered",
	    "SELECT count(*) FROM call_applications a WHERE a.call_id = ? AND "
	    "(json_type(a.answers, '$.' || ?) IS NOT NULL OR EXISTS (SELECT 1 FROM "
	    "call_application_files f WHERE f.application_id = a.id AND f.question = ?))",
	    "SELECT count(*) FROM call_applications a WHERE a.call_id = ? AND "
	    "((CAST(a.answers AS json) -> CAST(? AS text)) IS NOT NULL OR EXISTS (SELECT 1 FROM "
	    "call_application_files f WHERE f.application_id = a.id AND f.question = ?))"},
	/* Person ?'s applications to calls, oldest first, for their export. */
	[ST_CAPP_EXPORT] = {"capp_export",
	    "SELECT a.id, a.call_id, c.title, a.organization_id, o.name, a.status, a.answers, "
	    "a.created_at, a.submitted_at, a.decided_at, CASE WHEN " CAPP_FILER_ACTS
	    " THEN 1 ELSE 0 END FROM call_applications a JOIN calls c ON c.id = a.call_id "
	    "LEFT JOIN organizations o ON o.id = a.organization_id WHERE a.user_id = ? "
	    "ORDER BY a.created_at, a.id", NULL},
	/* The application an organization has to a call, withdrawn ones aside:
	 * one at most, which its admins share. */
	[ST_CAPP_OF_ORG] = {"capp_of_org",
	    "SELECT " CAPP_COLS CAPP_FROM "WHERE a.call_id = ? AND a.organization_id = ? "
	    "AND a.status <> 'withdrawn' ORDER BY a.id LIMIT 1", NULL},
	/* CAPP_WHERE's, then the sort (?: 'score', the highest weighted mean
	 * first, unscored last; else the order they came in). */
	[ST_CAPP_LIST] = {"capp_list",
	    "SELECT " CAPP_COLS CAPP_FROM CAPP_WHERE
	    "ORDER BY CASE WHEN ? = 'score' THEN coalesce((SELECT sum(s.weighted) * 1000 / "
	    "count(*) FROM call_scores s WHERE s.application_id = a.id), -1) ELSE 0 END DESC, "
	    "coalesce(a.submitted_at, a.created_at), a.id LIMIT ? OFFSET ?", NULL},
	[ST_CAPP_COUNT] = {"capp_count",
	    "SELECT count(*)" CAPP_FROM CAPP_WHERE, NULL},
	[ST_CAPP_DECIDE] = {"capp_decide",
	    "UPDATE call_applications SET status = ?, decided_at = ?, decided_by = ?, "
	    "updated_at = ? WHERE id = ? AND status = ?", NULL},
	[ST_CAPP_DELETE] = {"capp_delete",
	    "DELETE FROM call_applications WHERE id = ? AND status = 'draft'", NULL},
	[ST_CAPP_ACCEPTED] = {"capp_accepted",
	    "SELECT count(*) FROM call_applications WHERE call_id = ? AND status = 'accepted'",
	    NULL},
	[ST_CAPP_STATUS_COUNTS] = {"capp_status_counts",
	    "SELECT status, count(*) FROM call_applications WHERE call_id = ? "
	    "AND status <> 'draft' GROUP BY status", NULL},
	/* A reviewer's scores of an application: one row a reviewer, which
	 * scoring again replaces. */
	[ST_CALL_SCORE_PUT] = {"call_score_put",
	    "INSERT INTO call_scores (application_id, reviewer_id, scores, comment, weighted, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (application_id, reviewer_id) "
	    "DO UPDATE SET scores = excluded.scores, comment = excluded.comment, "
	    "weighted = excluded.weighted, updated_at = excluded.updated_at", NULL},
	[ST_CALL_SCORE_LIST] = {"call_score_list",
	    "SELECT s.reviewer_id, u.name, s.scores, s.comment, s.weighted, s.updated_at "
	    "FROM call_scores s JOIN users u ON u.id = s.reviewer_id "
	    "WHERE s.application_id = ? ORDER BY s.updated_at, s.reviewer_id", NULL},
	/* The files answering an application's file questions (migration
	 * 27): one a question, which a new upload replaces. */
	[ST_CAPP_FILE_PUT] = {"capp_file_put",
	    "INSERT INTO call_application_files (application_id, question, file_id, name, type, "
	    "size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", NULL},
	[ST_CAPP_FILE_LIST] = {"capp_file_list",
	    "SELECT question, file_id, name, type, size, sha256 FROM call_application_files "
	    "WHERE application_id = ? ORDER BY question", NULL},
	[ST_CAPP_FILE_ONE] = {"capp_file_one",
	    "SELECT question, file_id, name, type, size, sha256 FROM call_application_files "
	    "WHERE application_id = ? AND question = ?", NULL},
	[ST_CAPP_FILE_DELETE] = {"capp_file_delete",
	    "DELETE FROM call_application_files WHERE application_id = ? AND question = ?",
	    NULL},
	/* A deleted account's own applications (not those it filed for an
	 * organization, which are the organization's): their files, and
	 * their answers blanked. */
	[ST_CAPP_FILES_OF_USER] = {"capp_files_of_user",
	    "SELECT f.application_id, f.question, f.file_id FROM call_application_files f "
	    "JOIN call_applications a ON a.id = f.application_id WHERE a.user_id = ? "
	    "AND a.organization_id IS NULL ORDER BY f.application_id, f.question", NULL},
	[ST_CAPP_FORGET] = {"capp_forget",
	    "UPDATE call_applications SET answers = '{}' WHERE user_id = ? "
	    "AND organization_id IS NULL", NULL},

	/* Issue 16: intergovernmental meetings (app/meetings/store.c).  A
	 * session is an event of kind 'session' (who sees it is EV_VISIBLE)
	 * with a row of meetings; bodies are their own table, which staff add
	 * to.  New bodies go before 'other' (position 1000). */
	[ST_MTG_BODY_LIST] = {"mtg_body_list",
	    "SELECT code, name_en, name_fr, position FROM meeting_bodies "
	    "ORDER BY position, code", NULL},
	[ST_MTG_BODY_INSERT] = {"mtg_body_insert",
	    "INSERT INTO meeting_bodies (code, name_en, name_fr, position, created_by, created_at) "
	    "VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM meeting_bodies "
	    "WHERE position < 1000), ?, ?)", NULL},
	[ST_MTG_INSERT] = {"mtg_insert",
	    "INSERT INTO meetings (body, working_group, number, title, year, agenda, eligibility, "
	    "invited, nominations_opens, nominations_closes, delegates_max, side_events_opens, "
	    "side_events_closes, side_event_slots, event_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL},
	[ST_MTG_UPDATE] = {"mtg_update",
	    "UPDATE meetings SET body = ?, working_group = ?, number = ?, title = ?, year = ?, "
	    "agenda = ?, eligibility = ?, invited = ?, nominations_opens = ?, "
	    "nominations_closes = ?, delegates_max = ?, side_events_opens = ?, "
	    "side_events_closes = ?, side_event_slots = ? WHERE event_id = ?", NULL},
	[ST_MTG_GET] = {"mtg_get",
	    "SELECT " MTG_COLS MTG_FROM "WHERE m.event_id = ? AND " EV_VISIBLE, NULL},
	/* The latest year first, then the bodies in their order. */
	[ST_MTG_LIST] = {"mtg_list",
	    "SELECT " MTG_COLS MTG_FROM "WHERE " EV_VISIBLE MTG_FILTER
	    " ORDER BY m.year DESC, b.position, e.start_at, e.id LIMIT ? OFFSET ?", NULL},
	/* The published sessions whose nomination window is open at ?3 (twice),
	 * soonest closing first, at most ?4: EV_VISIBLE's two first. */
	[ST_MTG_OPEN_WINDOWS] = {"mtg_open_windows",
	    "SELECT " MTG_COLS MTG_FROM "WHERE " EV_VISIBLE " AND e.status = 'published' "
	    "AND m.nominations_closes > ? AND coalesce(m.nominations_opens, 0) <= ? "
	    "ORDER BY m.nominations_closes, m.event_id LIMIT ?", NULL},
	[ST_MTG_COUNT] = {"mtg_count",
	    "SELECT count(*)" MTG_FROM "WHERE " EV_VISIBLE MTG_FILTER, NULL},
	[ST_MTG_FACET_BODY] = {"mtg_facet_body",
	    "SELECT m.body, count(*)" MTG_FROM "WHERE " EV_VISIBLE MTG_FILTER
	    " GROUP BY m.body", NULL},
	[ST_MTG_FACET_YEAR] = {"mtg_facet_year",
	    "SELECT CAST(m.year AS TEXT), count(*)" MTG_FROM "WHERE " EV_VISIBLE MTG_FILTER
	    " GROUP BY m.year", NULL},
	/* Another session of the body (and working group) with that number. */
	[ST_MTG_SAME_NUMBER] = {"mtg_same_number",
	    "SELECT event_id FROM meetings WHERE body = ? AND working_group = ? AND number = ? "
	    "AND event_id <> ?", NULL},
	/* Taken first in a transaction that adds a session's nominations: on
	 * PostgreSQL a row lock, so that counting an organization's delegates
	 * and adding one is one step for every node. */
	[ST_MTG_LOCK] = {"mtg_lock",
	    "SELECT event_id FROM meetings WHERE event_id = ?",
	    "SELECT event_id FROM meetings WHERE event_id = ? FOR UPDATE"},
	[ST_MTG_NOM_INSERT] = {"mtg_nom_insert",
	    "INSERT INTO meeting_nominations (event_id, organization_id, nominated_by, name, "
	    "title, email, nationality, passport_name, visa_letter, attendance, status, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id", NULL},
	[ST_MTG_NOM_GET] = {"mtg_nom_get",
	    "SELECT " MTG_NOM_COLS MTG_NOM_FROM "WHERE n.event_id = ? AND n.id = ?", NULL},
	[ST_MTG_NOM_LIST] = {"mtg_nom_list",
	    "SELECT " MTG_NOM_COLS MTG_NOM_FROM MTG_NOM_WHERE " ORDER BY n.id LIMIT ? OFFSET ?",
	    NULL},
	[ST_MTG_NOM_COUNT] = {"mtg_nom_count",
	    "SELECT count(*)" MTG_NOM_FROM MTG_NOM_WHERE, NULL},
	/* The delegates an organization has nominated that count against its
	 * number: those pending and approved. */
	[ST_MTG_NOM_ORG_COUNT] = {"mtg_nom_org_count",
	    "SELECT count(*) FROM meeting_nominations WHERE event_id = ? AND organization_id = ? "
	    "AND status IN ('pending', 'approved')", NULL},
	/* The organization's own nomination of an address to the session: an
	 * address is unique per session and organization (migration 42). */
	[ST_MTG_NOM_SAME_EMAIL] = {"mtg_nom_same_email",
	    "SELECT id FROM meeting_nominations WHERE event_id = ? AND organization_id = ? "
	    "AND email = ?", NULL},
	/* How many other organizations' nominations, pending or approved, name
	 * nomination ?'s address for its session (staff's flag), and whether
	 * one of them is approved. */
	[ST_MTG_NOM_ELSEWHERE] = {"mtg_nom_elsewhere",
	    "SELECT count(*), coalesce(max(CASE WHEN x.status = 'approved' THEN 1 ELSE 0 END), 0) "
	    "FROM meeting_nominations n JOIN meeting_nominations x ON x.event_id = n.event_id "
	    "AND x.email = n.email AND x.organization_id <> n.organization_id "
	    "AND x.status IN ('pending', 'approved') WHERE n.id = ?", NULL},
	/* A pending nomination decided (none when it was decided meanwhile). */
	[ST_MTG_NOM_DECIDE] = {"mtg_nom_decide",
	    "UPDATE meeting_nominations SET status = ?, reason = ?, decided_at = ?, "
	    "decided_by = ? WHERE id = ? AND status = 'pending'", NULL},
	/* The registration desks' list: the approved delegates by organization. */
	[ST_MTG_NOM_APPROVED] = {"mtg_nom_approved",
	    "SELECT o.name, o.ecosoc_status, n.name, n.title, n.nationality, n.visa_letter "
	    "FROM meeting_nominations n JOIN organizations o ON o.id = n.organization_id "
	    "WHERE n.event_id = ? AND n.status = 'approved' ORDER BY o.name, n.name, n.id", NULL},
	/* The nominations naming an address (the delegate's own), newest first,
	 * at most ?. */
	[ST_MTG_NOM_OF_EMAIL] = {"mtg_nom_of_email",
	    "SELECT n.id, n.event_id, n.organization_id, o.name, n.status, n.reason, b.name_en, "
	    "b.name_fr, m.title FROM meeting_nominations n JOIN organizations o ON o.id = "
	    "n.organization_id JOIN meetings m ON m.event_id = n.event_id JOIN meeting_bodies b "
	    "ON b.code = m.body WHERE n.email = ? ORDER BY n.id DESC LIMIT ?", NULL},
	/* The organizations that nominated to a session (staff's filter). */
	[ST_MTG_NOM_ORGS] = {"mtg_nom_orgs",
	    "SELECT DISTINCT o.id, o.name FROM meeting_nominations n JOIN organizations o "
	    "ON o.id = n.organization_id WHERE n.event_id = ? ORDER BY o.name, o.id", NULL},
	/* Issue 17: the review cycle, one row per country under review
	 * (app/countries/store.c), and what its country page gathers: its
	 * focal points (users, never copied), its organizations and the
	 * sessions their delegates were approved for. */
	[ST_REV_GET] = {"rev_get",
	    "SELECT " DB_COLS(REV_COLUMNS) " FROM reviews r WHERE r.country = ?", NULL},
	/* filters: stage, cluster, year (''/0 for any) */
	[ST_REV_LIST] = {"rev_list",
	    "SELECT " DB_COLS(REV_COLUMNS) " FROM reviews r WHERE (? = '' OR r.stage = ?) "
	    "AND (? = '' OR r.cluster = ?) AND (? = 0 OR r.year = ?) "
	    "ORDER BY r.year DESC, r.country LIMIT ? OFFSET ?", NULL},
	[ST_REV_COUNT] = {"rev_count",
	    "SELECT count(*) FROM reviews r WHERE (? = '' OR r.stage = ?) "
	    "AND (? = '' OR r.cluster = ?) AND (? = 0 OR r.year = ?)", NULL},
	[ST_REV_PUT] = {"rev_put",
	    "INSERT INTO reviews (country, cluster, year, reviewer_1, reviewer_2, stage, "
	    "self_assessment_date, country_review_date, review_completed_date, updated_by, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (country) DO UPDATE "
	    "SET cluster = excluded.cluster, year = excluded.year, reviewer_1 = "
	    "excluded.reviewer_1, reviewer_2 = excluded.reviewer_2, stage = excluded.stage, "
	    "self_assessment_date = excluded.self_assessment_date, country_review_date = "
	    "excluded.country_review_date, review_completed_date = "
	    "excluded.review_completed_date, updated_by = excluded.updated_by, updated_at = "
	    "excluded.updated_at", NULL},
	[ST_REV_FOCALS] = {"rev_focals",
	    "SELECT id, name, email FROM users WHERE role = 'focal' AND status = 'active' "
	    "AND country = ? ORDER BY name, id", NULL},
	/* The approved organizations of a country, by name, at most ?. */
	[ST_REV_ORGS_OF_COUNTRY] = {"rev_orgs_of_country",
	    "SELECT " ORG_COLS " FROM organizations o WHERE o.country = ? "
	    "AND o.status = 'approved' ORDER BY o.name, o.id LIMIT ?", NULL},
	/* The approved delegates of the approved organizations of a country,
	 * with the sessions the viewer may see (EV_VISIBLE's two), the latest
	 * first, at most ?. */
	[ST_REV_COUNTRY_MEETINGS] = {"rev_country_meetings",
	    "SELECT m.event_id, b.name_en, b.name_fr, m.title, e.start_at, e.timezone, o.id, "
	    "o.name, n.name, n.title FROM meeting_nominations n JOIN organizations o ON o.id = "
	    "n.organization_id JOIN meetings m ON m.event_id = n.event_id JOIN events e ON "
	    "e.id = m.event_id JOIN meeting_bodies b ON b.code = m.body WHERE o.country = ? "
	    "AND o.status = 'approved' AND n.status = 'approved' AND " EV_VISIBLE
	    " ORDER BY e.start_at DESC, m.event_id, o.name, o.id, n.name, n.id LIMIT ?", NULL},
	/* Side events proposed to a session (migration 29): slot_id is set
	 * only while one is accepted, and unique within the session, so two
	 * accepted side events never share a slot. */
	[ST_MTG_SE_INSERT] = {"mtg_se_insert",
	    "INSERT INTO meeting_side_events (event_id, organization_id, proposed_by, title, "
	    "abstract, co_organizers, format, language, preferred_slots, status, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id", NULL},
	/* The proposer's change, while pending or changes asked: pending again. */
	[ST_MTG_SE_UPDATE] = {"mtg_se_update",
	    "UPDATE meeting_side_events SET title = ?, abstract = ?, co_organizers = ?, "
	    "format = ?, language = ?, preferred_slots = ?, status = 'pending', updated_at = ? "
	    "WHERE id = ? AND status IN ('pending', 'changes_requested')", NULL},
	[ST_MTG_SE_GET] = {"mtg_se_get",
	    "SELECT " MTG_SE_COLS MTG_SE_FROM "WHERE s.event_id = ? AND s.id = ?", NULL},
	[ST_MTG_SE_LIST] = {"mtg_se_list",
	    "SELECT " MTG_SE_COLS MTG_SE_FROM MTG_SE_WHERE " ORDER BY s.id LIMIT ? OFFSET ?", NULL},
	[ST_MTG_SE_COUNT] = {"mtg_se_count",
	    "SELECT count(*)" MTG_SE_FROM MTG_SE_WHERE, NULL},
	/* Staff's decision on a side event still open to one (none when it was
	 * decided or withdrawn meanwhile); the slot only when accepted. */
	[ST_MTG_SE_DECIDE] = {"mtg_se_decide",
	    "UPDATE meeting_side_events SET status = ?, slot_id = ?, message = ?, decided_at = ?, "
	    "decided_by = ?, updated_at = ? WHERE id = ? "
	    "AND status IN ('pending', 'changes_requested')", NULL},
	[ST_MTG_SE_WITHDRAW] = {"mtg_se_withdraw",
	    "UPDATE meeting_side_events SET status = 'withdrawn', updated_at = ? WHERE id = ? "
	    "AND status IN ('pending', 'changes_requested')", NULL},
	/* The accepted side event in a slot of a session. */
	[ST_MTG_SE_SLOT_TAKEN] = {"mtg_se_slot_taken",
	    "SELECT id FROM meeting_side_events WHERE event_id = ? AND slot_id = ?", NULL},
	/* The session's programme: the accepted side events, by slot, but for
	 * those of organizations suspended or rejected now (a rule of reading:
	 * they are back when the organization is approved again). */
	[ST_MTG_SE_PROGRAMME] = {"mtg_se_programme",
	    "SELECT " MTG_SE_COLS MTG_SE_FROM "WHERE s.event_id = ? AND s.status = 'accepted' "
	    "AND s.slot_id IS NOT NULL AND o.status NOT IN ('suspended', 'rejected') "
	    "ORDER BY s.slot_id", NULL},
	/* The side events that hold a slot of the session: every accepted one,
	 * whatever its organization's status (a slot stays theirs). */
	[ST_MTG_SE_HELD] = {"mtg_se_held",
	    "SELECT " MTG_SE_COLS MTG_SE_FROM "WHERE s.event_id = ? AND s.status = 'accepted' "
	    "AND s.slot_id IS NOT NULL ORDER BY s.slot_id", NULL},
	/* The organizations that proposed to a session (staff's filter). */
	[ST_MTG_SE_ORGS] = {"mtg_se_orgs",
	    "SELECT DISTINCT o.id, o.name FROM meeting_side_events s JOIN organizations o "
	    "ON o.id = s.organization_id WHERE s.event_id = ? ORDER BY o.name, o.id", NULL},
	/* The published sessions whose side-event window is open at ?3 (twice). */
	[ST_MTG_SE_OPEN_WINDOWS] = {"mtg_se_open_windows",
	    "SELECT " MTG_COLS MTG_FROM "WHERE " EV_VISIBLE " AND e.status = 'published' "
	    "AND m.side_events_closes > ? AND coalesce(m.side_events_opens, 0) <= ? "
	    "ORDER BY m.side_events_closes, m.event_id LIMIT ?", NULL},
	[ST_MTG_SE_SEED_COUNT] = {"mtg_se_seed_count",
	    "SELECT count(*) FROM meeting_side_events WHERE event_id = ?", NULL},
	/* the demo's proposers: the first approved organizations */
	[ST_MTG_SE_SEED_ORGS] = {"mtg_se_seed_orgs",
	    "SELECT id FROM organizations WHERE status = 'approved' ORDER BY id LIMIT 6", NULL},
	/* Issue 17: country pilot initiatives (app/initiatives/store.c).  Every
	 * initiative's public fields are everyone's; who sees its space and
	 * its outputs is decided in app/initiatives. */
	[ST_INI_INSERT] = {"ini_insert",
	    "INSERT INTO initiatives (country, title, summary, concept_note, status, call_id, "
	    "meetings, documents, created_by, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_INI_UPDATE] = {"ini_update",
	    "UPDATE initiatives SET country = ?, title = ?, summary = ?, concept_note = ?, "
	    "status = ?, call_id = ?, meetings = ?, documents = ?, updated_at = ? WHERE id = ?",
	    NULL},
	[ST_INI_GET] = {"ini_get", "SELECT " INI_COLS " FROM initiatives i WHERE i.id = ?", NULL},
	/* The newest first, filtered by country and status ('' for any). */
	[ST_INI_LIST] = {"ini_list",
	    "SELECT " INI_COLS " FROM initiatives i WHERE " INI_FILTER
	    " ORDER BY i.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_INI_COUNT] = {"ini_count", "SELECT count(*) FROM initiatives i WHERE " INI_FILTER,
	    NULL},
	[ST_INI_FACET_COUNTRY] = {"ini_facet_country",
	    "SELECT i.country, count(*) FROM initiatives i WHERE " INI_FILTER
	    " GROUP BY i.country", NULL},
	[ST_INI_FACET_STATUS] = {"ini_facet_status",
	    "SELECT i.status, count(*) FROM initiatives i WHERE " INI_FILTER
	    " GROUP BY i.status", NULL},
	[ST_INI_OF_COUNTRY] = {"ini_of_country",
	    "SELECT " INI_COLS " FROM initiatives i WHERE i.country = ? ORDER BY i.id DESC "
	    "LIMIT ?", NULL},
	/* the demo's: an initiative is known by its title */
	[ST_INI_BY_TITLE] = {"ini_by_title", "SELECT id FROM initiatives WHERE title = ?", NULL},
	/* the initiative a call of kind pilot_initiative is linked to */
	[ST_INI_OF_CALL] = {"ini_of_call", "SELECT id FROM initiatives WHERE call_id = ?", NULL},
	/* its participants, focal points first, each with its name and whether
	 * its organization (if one) is live (not rejected or suspended) */
	[ST_INI_PART_LIST] = {"ini_part_list",
	    "SELECT p.id, p.kind, p.user_id, p.organization_id, p.source, p.created_at, "
	    "coalesce(o.name, u.name, ''), CASE WHEN o.status IN ('rejected', 'suspended') "
	    "THEN 0 ELSE 1 END FROM initiative_participants p "
	    "LEFT JOIN users u ON u.id = p.user_id "
	    "LEFT JOIN organizations o ON o.id = p.organization_id "
	    "WHERE p.initiative_id = ? ORDER BY CASE p.kind WHEN 'focal' THEN 0 "
	    "WHEN 'organization' THEN 1 ELSE 2 END, p.id", NULL},
	/* one participant: (initiative, kind, the user's or organization's id) */
	[ST_INI_PART_INSERT] = {"ini_part_insert",
	    "INSERT INTO initiative_participants (initiative_id, kind, ref, user_id, "
	    "organization_id, source, application_id, added_by, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (initiative_id, kind, ref) DO NOTHING",
	    NULL},
	[ST_INI_PART_DELETE] = {"ini_part_delete",
	    "DELETE FROM initiative_participants WHERE initiative_id = ? AND id = ?", NULL},
	[ST_INI_PART_DELETE_FOCAL] = {"ini_part_delete_focal",
	    "DELETE FROM initiative_participants WHERE initiative_id = ? AND kind = 'focal'", NULL},
	/* Whether a person takes part: as a focal point or expert, or as one
	 * of the people of a partner organization. */
	[ST_INI_PART_IS] = {"ini_part_is",
	    "SELECT 1 FROM initiative_participants p WHERE p.initiative_id = ? AND "
	    "((p.user_id = ? AND " INI_FOCAL_STILL " AND " INI_EXPERT_STILL ") "
	    "OR p.organization_id IN (SELECT m.org_id FROM org_members m "
	    "JOIN organizations mo ON mo.id = m.org_id "
	    "WHERE m.user_id = ? AND " INI_ORG_LIVE ")) LIMIT 1", NULL},
	/* The initiatives a person takes part in (themselves, or through an
	 * organization of theirs), as ST_INI_PART_IS counts them, newest
	 * first, at most ?. */
	[ST_INI_PART_OF_USER] = {"ini_part_of_user",
	    "SELECT i.id, i.title, i.country, i.status, min(p.kind) FROM initiatives i "
	    "JOIN initiative_participants p ON p.initiative_id = i.id WHERE (p.user_id = ? AND "
	    INI_FOCAL_STILL " AND " INI_EXPERT_STILL ") OR p.organization_id IN "
	    "(SELECT m.org_id FROM org_members m JOIN organizations mo ON mo.id = m.org_id "
	    "WHERE m.user_id = ? AND " INI_ORG_LIVE ") "
	    "GROUP BY i.id, i.title, i.country, i.status ORDER BY i.id DESC LIMIT ?", NULL},
	[ST_INI_PART_OF_ORG] = {"ini_part_of_org",
	    "SELECT i.id, i.title, i.country, i.status, p.kind FROM initiatives i "
	    "JOIN initiative_participants p ON p.initiative_id = i.id "
	    "WHERE p.organization_id = ? ORDER BY i.id DESC LIMIT ?", NULL},
	/* Everyone who takes part but ?1 (who posted), active accounts, as
	 * ST_INI_PART_IS counts them. */
	[ST_INI_RECIPIENTS] = {"ini_recipients",
	    "SELECT u.id, u.email, u.name, u.locale FROM users u WHERE u.status = 'active' "
	    "AND u.id <> ? AND (u.id IN (SELECT p.user_id FROM initiative_participants p "
	    "WHERE p.initiative_id = ? AND " INI_FOCAL_STILL " AND " INI_EXPERT_STILL ") "
	    "OR u.id IN (SELECT m.user_id FROM org_members m "
	    "JOIN initiative_participants p ON p.organization_id = m.org_id "
	    "JOIN organizations mo ON mo.id = m.org_id WHERE p.initiative_id = ? AND "
	    INI_ORG_LIVE ")) ORDER BY u.id", NULL},
	[ST_INI_OUT_INSERT] = {"ini_out_insert",
	    "INSERT INTO initiative_outputs (initiative_id, kind, title, body, status, audience, "
	    "created_by, created_at) VALUES (?, ?, ?, ?, 'draft', 'members', ?, ?) RETURNING id",
	    NULL},
	[ST_INI_OUT_GET] = {"ini_out_get",
	    "SELECT id, kind, title, body, status, audience, created_at, published_at, "
	    "coalesce(created_by, 0) FROM initiative_outputs WHERE initiative_id = ? AND id = ?",
	    NULL},
	/* Its outputs a viewer sees: ?2 1 all (staff, participants), else the
	 * published ones to the public, and to members when ?3 is 1. */
	[ST_INI_OUT_LIST] = {"ini_out_list",
	    "SELECT id, kind, title, body, status, audience, created_at, published_at, "
	    "coalesce(created_by, 0) FROM initiative_outputs WHERE initiative_id = ? AND "
	    "(? = 1 OR (status = "
	    "'published' AND (audience = 'public' OR ? = 1))) ORDER BY id", NULL},
	[ST_INI_OUT_PUBLISH] = {"ini_out_publish",
	    "UPDATE initiative_outputs SET status = 'published', audience = ?, published_at = ?, "
	    "published_by = ? WHERE initiative_id = ? AND id = ?", NULL},
	/* Staff's CSV: a page of initiatives (INI_FILTER), oldest first, each
	 * with its participants by kind and its outputs by status. */
	[ST_INI_CSV] = {"ini_csv",
	    "SELECT i.id, i.country, i.title, i.status, "
	    "(SELECT count(*) FROM initiative_participants p WHERE p.initiative_id = i.id "
	    "AND p.kind = 'focal'), "
	    "(SELECT count(*) FROM initiative_participants p WHERE p.initiative_id = i.id "
	    "AND p.kind = 'organization'), "
	    "(SELECT count(*) FROM initiative_participants p WHERE p.initiative_id = i.id "
	    "AND p.kind = 'expert'), "
	    "(SELECT count(*) FROM initiative_outputs o WHERE o.initiative_id = i.id "
	    "AND o.status = 'published'), "
	    "(SELECT count(*) FROM initiative_outputs o WHERE o.initiative_id = i.id "
	    "AND o.status = 'draft'), "
	    "i.created_at, i.updated_at FROM initiatives i WHERE " INI_FILTER
	    " ORDER BY i.id LIMIT ? OFFSET ?", NULL},
	/* Editing and withdrawing updates and outputs (?: initiative, then id
	 * last).  A draft output withdrawn is deleted; a published one goes
	 * back to a draft (initiatives.h says why). */
	[ST_INI_UPD_GET] = {"ini_upd_get",
	    "SELECT d.id, d.author_id, coalesce(u.name, ''), d.body, d.created_at "
	    "FROM initiative_updates d LEFT JOIN users u ON u.id = d.author_id "
	    "WHERE d.initiative_id = ? AND d.id = ?", NULL},
	[ST_INI_UPD_SET] = {"ini_upd_set",
	    "UPDATE initiative_updates SET body = ? WHERE initiative_id = ? AND id = ?", NULL},
	[ST_INI_UPD_DELETE] = {"ini_upd_delete",
	    "DELETE FROM initiative_updates WHERE initiative_id = ? AND id = ?", NULL},
	[ST_INI_OUT_SET] = {"ini_out_set",
	    "UPDATE initiative_outputs SET kind = ?, title = ?, body = ? "
	    "WHERE initiative_id = ? AND id = ?", NULL},
	/* the same by its author: only while it is still a draft (staff may
	 * have published it since the author's check) */
	[ST_INI_OUT_SET_DRAFT] = {"ini_out_set_draft",
	    "UPDATE initiative_outputs SET kind = ?, title = ?, body = ? "
	    "WHERE initiative_id = ? AND id = ? AND status = 'draft'", NULL},
	[ST_INI_OUT_DELETE] = {"ini_out_delete",
	    "DELETE FROM initiative_outputs WHERE initiative_id = ? AND id = ? AND status = 'draft'",
	    NULL},
	[ST_INI_OUT_UNPUBLISH] = {"ini_out_unpublish",
	    "UPDATE initiative_outputs SET status = 'draft', published_at = NULL, "
	    "published_by = NULL WHERE initiative_id = ? AND id = ? AND status = 'published'",
	    NULL},
	[ST_INI_UPD_INSERT] = {"ini_upd_insert",
	    "INSERT INTO initiative_updates (initiative_id, author_id, body, created_at) "
	    "VALUES (?, ?, ?, ?) RETURNING id", NULL},
	[ST_INI_UPD_LIST] = {"ini_upd_list",
	    "SELECT d.id, d.author_id, coalesce(u.name, ''), d.body, d.created_at "
	    "FROM initiative_updates d LEFT JOIN users u ON u.id = d.author_id "
	    "WHERE d.initiative_id = ? ORDER BY d.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_INI_UPD_COUNT] = {"ini_upd_count",
	    "SELECT count(*) FROM initiative_updates WHERE initiative_id = ?", NULL},
	/* an event an initiative names, if the viewer (EV_VISIBLE) may see it */
	[ST_INI_EVENT_BRIEF] = {"ini_event_brief",
	    "SELECT e.id, e.title, e.start_at, e.timezone FROM events e WHERE e.id = ? AND "
	    EV_VISIBLE, NULL},
	/* a resource an initiative names, if the viewer (RES_VISIBLE) may see it */
	[ST_INI_RES_BRIEF] = {"ini_res_brief",
	    "SELECT r.id, r.title, r.year, '' FROM resources r WHERE r.id = ? AND " RES_VISIBLE,
	    NULL},
	/* a state focal point of a country */
	[ST_INI_FOCAL_OK] = {"ini_focal_ok",
	    "SELECT id FROM users WHERE id = ? AND role = 'focal' AND country = ? "
	    "AND status = 'active'", NULL},
	/* a call's kind (one to link: pilot_initiative) */
	[ST_INI_CALL_KIND] = {"ini_call_kind", "SELECT kind FROM calls WHERE id = ?", NULL},
	/* the demo's call for an initiative's partners: the first of its kind
	 * that no initiative has yet */
	[ST_INI_SEED_CALL] = {"ini_seed_call",
	    "SELECT c.id FROM calls c WHERE c.kind = 'pilot_initiative' AND NOT EXISTS "
	    "(SELECT 1 FROM initiatives i WHERE i.call_id = c.id) ORDER BY c.id LIMIT 1", NULL},
	/* the demo's meetings and documents: the first two published events
	 * (not staff's, not sessions) and the first two public resources */
	[ST_INI_SEED_EVENTS] = {"ini_seed_events",
	    "SELECT e.id FROM events e WHERE e.status = 'published' AND e.visibility <> 'staff' "
	    "AND e.kind <> 'session' ORDER BY e.start_at, e.id LIMIT 2", NULL},
	[ST_INI_SEED_DOCS] = {"ini_seed_docs",
	    "SELECT r.id FROM resources r WHERE r.status = 'published' AND r.visibility = "
	    "'public' ORDER BY r.id LIMIT 2", NULL},
	/* Issue 16: requests to speak (app/meetings/speaking_store.c,
	 * migration 30).  A request is live while pending or allocated (the
	 * unique index meeting_speaking_live: one an organization and item). */
	[ST_SPK_WINDOW_PUT] = {"spk_window_put",
	    "UPDATE meetings SET speaking_opens = ?, speaking_closes = ? WHERE event_id = ?",
	    NULL},
	/* The published sessions whose speaking window is open at ?3 (twice),
	 * soonest closing first, at most ?4: EV_VISIBLE's two first. */
	[ST_SPK_OPEN_WINDOWS] = {"spk_open_windows",
	    "SELECT " MTG_COLS MTG_FROM "WHERE " EV_VISIBLE " AND e.status = 'published' "
	    "AND m.speaking_closes > ? AND coalesce(m.speaking_opens, 0) <= ? "
	    "ORDER BY m.speaking_closes, m.event_id LIMIT ?", NULL},
	[ST_SPK_GET] = {"spk_get",
	    "SELECT " SPK_COLS SPK_FROM "WHERE s.event_id = ? AND s.id = ?", NULL},
	/* A session's requests: all (?2 = 0), or those of the organizations
	 * person ?3 is an admin of now, neither rejected nor suspended; oldest first, at most ?4. */
	[ST_SPK_LIST] = {"spk_list",
	    "SELECT " SPK_COLS SPK_FROM "WHERE s.event_id = ? AND (? = 0 OR s.organization_id "
	    "IN (SELECT m.org_id FROM org_members m JOIN organizations mo ON mo.id = m.org_id "
	    "WHERE m.user_id = ? AND m.is_admin = 1 AND mo.status NOT IN ('rejected', "
	    "'suspended'))) ORDER BY s.id LIMIT ?", NULL},
	/* Another live request of the organization on the item. */
	[ST_SPK_LIVE] = {"spk_live",
	    "SELECT id FROM meeting_speaking_requests WHERE event_id = ? AND item = ? "
	    "AND organization_id = ? AND status IN ('pending', 'allocated') AND id <> ?", NULL},
	[ST_SPK_INSERT] = {"spk_insert",
	    "INSERT INTO meeting_speaking_requests (event_id, organization_id, item, "
	    "requested_by, nomination_id, speaker_name, speaker_title, summary, minutes, status, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) "
	    "RETURNING id", NULL},
	/* A pending request changed by its organization (none when staff
	 * decided it meanwhile, or it stands on a published list). */
	[ST_SPK_UPDATE] = {"spk_update",
	    "UPDATE meeting_speaking_requests SET item = ?, nomination_id = ?, speaker_name = ?, "
	    "speaker_title = ?, summary = ?, minutes = ?, updated_at = ? "
	    "WHERE id = ? AND status = 'pending' AND published_status <> 'allocated'", NULL},
	[ST_SPK_WITHDRAW] = {"spk_withdraw",
	    "UPDATE meeting_speaking_requests SET status = 'withdrawn', updated_at = ? "
	    "WHERE id = ? AND status = 'pending'", NULL},
	/* Staff's allocation or decline (not of a withdrawn request). */
	[ST_SPK_DECIDE] = {"spk_decide",
	    "UPDATE meeting_speaking_requests SET status = ?, position = ?, "
	    "minutes_allocated = ?, reason = ?, decided_at = ?, decided_by = ?, updated_at = ? "
	    "WHERE id = ? AND status <> 'withdrawn'", NULL},
	/* The slot as published now. */
	[ST_SPK_MARK_PUBLISHED] = {"spk_mark_published",
	    "UPDATE meeting_speaking_requests SET published_status = status, "
	    "published_position = position, published_minutes = minutes_allocated, "
	    "published_reason = reason WHERE id = ?", NULL},
	[ST_SPK_LIST_PUT] = {"spk_list_put",
	    "INSERT INTO meeting_speakers_lists (event_id, item, published_at, published_by) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT (event_id, item) DO UPDATE SET "
	    "published_at = excluded.published_at, published_by = excluded.published_by", NULL},
	[ST_SPK_LISTS] = {"spk_lists",
	    "SELECT item, published_at FROM meeting_speakers_lists WHERE event_id = ? "
	    "ORDER BY item", NULL},
	/* `seed --demo`: the first approved organizations, to ask to speak. */
	[ST_SPK_SEED_ORGS] = {"spk_seed_orgs",
	    "SELECT id, name FROM organizations WHERE status = 'approved' ORDER BY id LIMIT ?",
	    NULL},
	/* the demo events so far; sessions of meetings are seeded on their own */
	[ST_EV_SEED_COUNT] = {"ev_seed_count", "SELECT count(*) FROM events e "
	    "WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.event_id = e.id)", NULL},
	[ST_EV_SEED_PEOPLE] = {"ev_seed_people",
	    "SELECT u.id, (SELECT min(m.org_id) FROM org_members m WHERE m.user_id = u.id) "
	    "FROM users u WHERE u.status = 'active' AND u.role IN ('member', 'staff', 'admin') "
	    "ORDER BY u.id LIMIT 40", NULL},
	/* constructive dialogues (issue 17): app/dialogues/store.c */
	[ST_DLG_INSERT] = {"dlg_insert",
	    "INSERT INTO dialogues (meeting_id, title, description, prep_event_id, event_id, "
	    "call_id, countries, inputs_close, created_by, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_DLG_UPDATE] = {"dlg_update",
	    "UPDATE dialogues SET meeting_id = ?, title = ?, description = ?, prep_event_id = ?, "
	    "event_id = ?, call_id = ?, countries = ?, inputs_close = ?, updated_at = ? "
	    "WHERE id = ?", NULL},
	[ST_DLG_GET] = {"dlg_get",
	    "SELECT " DLG_COLS DLG_FROM "WHERE d.id = ? AND " EV_VISIBLE, NULL},
	/* the latest session first */
	[ST_DLG_LIST] = {"dlg_list",
	    "SELECT " DLG_COLS DLG_FROM "WHERE " EV_VISIBLE
	    " ORDER BY e.start_at DESC, d.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_DLG_COUNT] = {"dlg_count", "SELECT count(*)" DLG_FROM "WHERE " EV_VISIBLE, NULL},
	/* another dialogue (than ?2) with this call */
	[ST_DLG_SAME_CALL] = {"dlg_same_call",
	    "SELECT id FROM dialogues WHERE call_id = ? AND id <> ?", NULL},
	[ST_DLG_SESSION] = {"dlg_session",
	    "SELECT m.body, m.working_group, e.timezone, e.start_at FROM meetings m "
	    "JOIN events e ON e.id = m.event_id WHERE m.event_id = ?", NULL},
	[ST_DLG_CALL_KIND] = {"dlg_call_kind", "SELECT kind FROM calls WHERE id = ?", NULL},
	/* The applicants to a dialogue's call, drafts and withdrawn ones
	 * aside, as they came; last, whether the organization (if one) is
	 * live (not rejected or suspended). */
	[ST_DLG_PEOPLE] = {"dlg_people",
	    "SELECT a.id, a.user_id, a.organization_id, a.status, a.answers, u.name, u.email, "
	    "o.name, o.country, o.kind, (SELECT sum(s.weighted) FROM call_scores s "
	    "WHERE s.application_id = a.id), (SELECT count(*) FROM call_scores s "
	    "WHERE s.application_id = a.id), CASE WHEN o.status IN ('rejected', 'suspended') "
	    "THEN 0 ELSE 1 END FROM call_applications a "
	    "JOIN users u ON u.id = a.user_id "
	    "LEFT JOIN organizations o ON o.id = a.organization_id "
	    "WHERE a.call_id = ? AND a.status NOT IN ('draft', 'withdrawn') ORDER BY a.id", NULL},
	/* The accepted application of call ?1 that person ?2 took part by: their
	 * own (as an expert, while a member still), or that of an organization
	 * they are one of now (?3 the same person) while it is not rejected or
	 * suspended. */
	[ST_DLG_APPROVED_OF] = {"dlg_approved_of",
	    "SELECT a.id, coalesce(a.organization_id, 0) FROM call_applications a "
	    "WHERE a.call_id = ? AND a.status = 'accepted' AND ((a.user_id = ? AND "
	    "a.organization_id IS NULL AND " PERSON_MEMBER_STILL("a.user_id") ") "
	    "OR a.organization_id IN (SELECT m.org_id FROM org_members m "
	    "JOIN organizations mo ON mo.id = m.org_id WHERE m.user_id = ? AND "
	    INI_ORG_LIVE ")) ORDER BY a.id LIMIT 1", NULL},
	/* the dialogue whose preparation day or dialogue is event ?1 (twice) */
	[ST_DLG_OF_EVENT] = {"dlg_of_event",
	    "SELECT id, call_id, title FROM dialogues WHERE prep_event_id = ? OR event_id = ? "
	    "ORDER BY id LIMIT 1", NULL},
	[ST_DLG_INPUT_INSERT] = {"dlg_input_insert",
	    "INSERT INTO dialogue_inputs (dialogue_id, application_id, user_id, organization_id, "
	    "body, publish, file_id, file_name, file_type, file_size, file_sha256, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	/* A dialogue's inputs: all (?2 = 1), those agreed for publication
	 * (?3 = 1) but of an organization rejected or suspended since, or
	 * those of person ?4 and of their organizations (?5, not a focal
	 * point: a government takes no part through a stakeholder). */
	[ST_DLG_INPUT_LIST] = {"dlg_input_list",
	    "SELECT i.id, coalesce(i.user_id, 0), coalesce(i.organization_id, 0), i.body, "
	    "i.publish, i.file_id, i.file_name, i.file_type, i.file_size, i.file_sha256, "
	    "i.created_at, coalesce(u.name, ''), coalesce(o.name, '') FROM dialogue_inputs i "
	    "LEFT JOIN users u ON u.id = i.user_id "
	    "LEFT JOIN organizations o ON o.id = i.organization_id "
	    "WHERE i.dialogue_id = ? AND (? = 1 OR (? = 1 AND i.publish = 1 AND (o.id IS NULL "
	    "OR o.status NOT IN ('rejected', 'suspended'))) OR i.user_id = ? "
	    "OR i.organization_id IN (SELECT m.org_id FROM org_members m WHERE m.user_id = ? "
	    "AND NOT EXISTS (SELECT 1 FROM users gu WHERE gu.id = m.user_id AND "
	    "gu.role = 'focal'))) "
	    "ORDER BY i.id", NULL},
	/* the summary, once: published only while it is not yet */
	[ST_DLG_PUBLISH] = {"dlg_publish",
	    "UPDATE dialogues SET summary = ?, summary_published_at = ?, updated_at = ?, "
	    "summary_file_id = ?, summary_file_name = ?, summary_file_type = ?, "
	    "summary_file_size = ?, summary_file_sha256 = ? "
	    "WHERE id = ? AND summary_published_at IS NULL", NULL},
	/* The published summaries a session of untoc_wg (?1) is the next
	 * session of its working group for: those of the dialogues of the
	 * group's sessions before it with no other session between, each
	 * seen as its own session is (EV_VISIBLE, e: a session made private
	 * after its summary went out hides its dialogue here too). */
	[ST_DLG_FOR_SESSION] = {"dlg_for_session",
	    "SELECT d.id, d.title, d.summary_published_at, d.meeting_id, m0.title, '' "
	    "FROM meetings s JOIN events se ON se.id = s.event_id "
	    "JOIN meetings m0 ON m0.body = s.body AND m0.working_group = s.working_group "
	    "JOIN events e ON e.id = m0.event_id "
	    "JOIN dialogues d ON d.meeting_id = m0.event_id "
	    "WHERE s.event_id = ? AND s.body = 'untoc_wg' AND e.start_at < se.start_at "
	    "AND d.summary_published_at IS NOT NULL AND " EV_VISIBLE " AND NOT EXISTS "
	    "(SELECT 1 FROM meetings m2 JOIN events e2 ON e2.id = m2.event_id "
	    "WHERE m2.body = s.body AND m2.working_group = s.working_group "
	    "AND e2.start_at > e.start_at AND e2.start_at < se.start_at) "
	    "ORDER BY d.id LIMIT 20", NULL},
	/* The dialogues (seen as EV_VISIBLE) the approved organizations of
	 * country ?3 took part in: each organization once a dialogue. */
	[ST_DLG_OF_COUNTRY] = {"dlg_of_country",
	    "SELECT DISTINCT d.id, d.title, d.summary_published_at, o.id, o.name, 'approved'"
	    DLG_FROM "JOIN call_applications a ON a.call_id = d.call_id AND a.status = 'accepted' "
	    "JOIN organizations o ON o.id = a.organization_id WHERE " EV_VISIBLE
	    " AND o.country = ? AND o.status = 'approved' ORDER BY d.id DESC, o.name LIMIT 200",
	    NULL},
	/* The dialogues still ahead for a country (the focal point's open
	 * opportunities; seen as EV_VISIBLE after the first ?): their call open
	 * (closing after the third ?) or one of their events starting after the
	 * fourth or fifth; and the country (the first and sixth, as '%"KE"%' in
	 * the JSON of the countries under review; the others as a code) under
	 * review or one of its focal points invited.  Its preparation day and
	 * dialogue count only while published to members or the public. */
	[ST_DLG_AHEAD_OF_COUNTRY] = {"dlg_ahead_of_country",
	    "SELECT d.id, d.title, coalesce(c.status, ''), coalesce(c.closes, 0), "
	    "coalesce(pe.start_at, 0), coalesce(de.start_at, 0), coalesce(de.timezone, e.timezone), "
	    "CASE WHEN d.countries LIKE ? THEN 1 ELSE 0 END, "
	    "CASE WHEN " DLG_INVITED " THEN 1 ELSE 0 END" DLG_FROM
	    "LEFT JOIN calls c ON c.id = d.call_id LEFT JOIN events pe ON pe.id = d.prep_event_id "
	    "AND pe.status <> 'draft' AND pe.visibility IN ('public', 'members') "
	    "LEFT JOIN events de ON de.id = d.event_id AND de.status <> 'draft' AND "
	    "de.visibility IN ('public', 'members') WHERE " EV_VISIBLE
	    " AND ((c.status = 'open' AND c.closes > ?) OR pe.start_at > ? OR de.start_at > ?)"
	    " AND (d.countries LIKE ? OR " DLG_INVITED ")"
	    " ORDER BY d.id LIMIT 100", NULL},
	/* Focal point ? invited to dialogue ? by ? at ? (migration 38). */
	[ST_DLG_INV_INSERT] = {"dlg_inv_insert",
	    "INSERT INTO dialogue_invitations (user_id, dialogue_id, invited_by, created_at) "
	    "VALUES (?, ?, ?, ?) RETURNING id", NULL},
	/* the focal points invited to dialogue ?, in the order invited */
	[ST_DLG_INV_LIST] = {"dlg_inv_list",
	    "SELECT i.id, u.id, u.name, u.email, coalesce(u.country, ''), coalesce(u.locale, ''), "
	    "i.created_at FROM dialogue_invitations i JOIN users u ON u.id = i.user_id "
	    "WHERE i.dialogue_id = ? ORDER BY i.id", NULL},
	/* user ? if an active focal point of a country */
	[ST_DLG_INV_FOCAL] = {"dlg_inv_focal",
	    "SELECT 0, id, name, email, country, coalesce(locale, ''), 0 FROM users WHERE id = ? "
	    "AND role = 'focal' AND status = 'active' AND coalesce(country, '') <> ''", NULL},
	/* every active focal point of a country, by country and name */
	[ST_DLG_INV_FOCALS] = {"dlg_inv_focals",
	    "SELECT 0, id, name, email, country, coalesce(locale, ''), 0 FROM users WHERE "
	    "role = 'focal' AND status = 'active' AND coalesce(country, '') <> '' "
	    "ORDER BY country, name, id LIMIT 1000", NULL},
	/* A person's part in dialogues (seen as EV_VISIBLE): accepted for one,
	 * themselves (?3, an application of no organization) or through an
	 * organization of theirs while it is not rejected or suspended (?4, as
	 * ST_DLG_APPROVED_OF: who may take part is who is shown taking part),
	 * and the inputs they wrote (?7); the fifth column says 'organization'
	 * for a part through an organization (dialogues_of_person). */
	[ST_DLG_OF_PERSON] = {"dlg_of_person",
	    "SELECT d.id, d.title, d.summary_published_at, a.id, CASE WHEN a.organization_id IS "
	    "NULL THEN '' ELSE 'organization' END, 'approved'" DLG_FROM
	    "JOIN call_applications a ON a.call_id = d.call_id AND a.status = 'accepted' "
	    "WHERE " EV_VISIBLE " AND ((a.user_id = ? AND a.organization_id IS NULL) OR "
	    "a.organization_id IN (SELECT m.org_id FROM org_members m JOIN organizations mo ON "
	    "mo.id = m.org_id WHERE m.user_id = ? AND " INI_ORG_LIVE ")) UNION ALL "
	    "SELECT d.id, d.title, d.summary_published_at, i.id, CASE WHEN i.organization_id IS "
	    "NULL THEN '' ELSE 'organization' END, 'input'" DLG_FROM
	    "JOIN dialogue_inputs i ON i.dialogue_id = d.id WHERE " EV_VISIBLE
	    " AND i.user_id = ? ORDER BY 1 DESC, 6 LIMIT 100", NULL},
	/* The next batch of members (active, verified) after user id ?1, ?2 of
	 * them; members while an organization of theirs is approved, or of
	 * none, or approved experts (user_role_from_standing): a suspended
	 * organization's people are not. */
	[ST_DLG_MEMBERS] = {"dlg_members",
	    "SELECT u.id, u.email, coalesce(u.locale, '') FROM users u WHERE u.role = 'member' "
	    "AND u.status = 'active' AND u.verified_at IS NOT NULL AND u.id > ? "
	    "AND (NOT EXISTS (SELECT 1 FROM org_members m WHERE m.user_id = u.id) "
	    "OR EXISTS (SELECT 1 FROM org_members m JOIN organizations o ON o.id = m.org_id "
	    "WHERE m.user_id = u.id AND o.status = 'approved') "
	    "OR EXISTS (SELECT 1 FROM experts x WHERE x.user_id = u.id AND x.status = 'approved')) "
	    "ORDER BY u.id LIMIT ?", NULL},
	[ST_DLG_SEED_COUNT] = {"dlg_seed_count", "SELECT count(*) FROM dialogues", NULL},
	/* a member claimed for the summary's mail: one row changed when not yet */
	[ST_DLG_MAIL_CLAIM] = {"dlg_mail_claim",
	    "INSERT INTO dialogue_mailed (dialogue_id, user_id) VALUES (?, ?) "
	    "ON CONFLICT DO NOTHING", NULL},
	/* the demo's working-group session a demo dialogue follows */
	[ST_DLG_SEED_SESSION] = {"dlg_seed_session",
	    "SELECT event_id FROM meetings WHERE body = 'untoc_wg' AND working_group = ? "
	    "ORDER BY number DESC LIMIT 1", NULL},
	/* the questions of a dialogue's call: which asks the speaker's gender */
	[ST_DLG_CALL_QUESTIONS] = {"dlg_call_questions",
	    "SELECT questions FROM calls WHERE id = ?", NULL},
	/* For person ?1's export: the applications they filed to dialogues'
	 * calls, and whether they still act for each (CAPP_FILER_ACTS); the
	 * title of a dialogue whose session is a draft or staff's is staff's
	 * ('', as DLG_EXPORT_TITLE gives it). */
#define DLG_EXPORT_TITLE "CASE WHEN e.status <> 'draft' AND e.visibility <> 'staff' " \
	"THEN d.title ELSE '' END"
	[ST_DLG_EXPORT_APPS] = {"dlg_export_apps",
	    "SELECT a.id, d.id, " DLG_EXPORT_TITLE ", a.organization_id, o.name, a.status, "
	    "a.submitted_at, a.decided_at, CASE WHEN " CAPP_FILER_ACTS " THEN 1 ELSE 0 END "
	    "FROM call_applications a JOIN dialogues d ON d.call_id = a.call_id "
	    "JOIN meetings m ON m.event_id = d.meeting_id JOIN events e ON e.id = m.event_id "
	    "LEFT JOIN organizations o ON o.id = a.organization_id WHERE a.user_id = ? "
	    "ORDER BY a.id", NULL},
	/* For person ?1's export: the written inputs they wrote themselves. */
	[ST_DLG_EXPORT_INPUTS] = {"dlg_export_inputs",
	    "SELECT i.id, d.id, " DLG_EXPORT_TITLE ", i.organization_id, i.body, i.publish, "
	    "i.file_name, i.file_type, i.file_size, i.file_sha256, i.created_at "
	    "FROM dialogue_inputs i JOIN dialogues d ON d.id = i.dialogue_id "
	    "JOIN meetings m ON m.event_id = d.meeting_id JOIN events e ON e.id = m.event_id "
	    "WHERE i.user_id = ? ORDER BY i.id", NULL},

	/* Issue 18: courses (app/courses/store.c).  A draft course is staff's
	 * (?: 1 for staff); modules and lessons keep their order in position,
	 * rewritten 1..n whenever one moves (crs_reorder). */
	[ST_CRS_INSERT] = {"crs_insert",
	    "INSERT INTO courses (title, summary, languages, estimated_hours, status, "
	    "self_enrolment, copied_from, created_by, created_at, updated_at, "
	    "complete_lessons, complete_quizzes, complete_tasks) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_CRS_UPDATE] = {"crs_update",
	    "UPDATE courses SET title = ?, summary = ?, languages = ?, estimated_hours = ?, "
	    "status = ?, self_enrolment = ?, updated_at = ?, complete_lessons = ?, "
	    "complete_quizzes = ?, complete_tasks = ? WHERE id = ?", NULL},
	[ST_CRS_DELETE] = {"crs_delete", "DELETE FROM courses WHERE id = ?", NULL},
	[ST_CRS_GET] = {"crs_get",
	    "SELECT " CRS_COLS " FROM courses c WHERE c.id = ? AND (? = 1 OR "
	    "c.status = 'published')", NULL},
	[ST_CRS_LIST] = {"crs_list",
	    "SELECT " CRS_COLS " FROM courses c WHERE (? = 1 OR c.status = 'published') "
	    "ORDER BY c.title, c.id LIMIT ? OFFSET ?", NULL},
	[ST_CRS_COUNT] = {"crs_count",
	    "SELECT count(*) FROM courses c WHERE (? = 1 OR c.status = 'published')", NULL},
	[ST_CRS_TOUCH] = {"crs_touch", "UPDATE courses SET updated_at = ? WHERE id = ?", NULL},
	/* Taken first in a transaction that reorders a course's modules or
	 * lessons: a row lock on PostgreSQL. */
	[ST_CRS_LOCK] = {"crs_lock", "SELECT id FROM courses WHERE id = ?",
	    "SELECT id FROM courses WHERE id = ? FOR UPDATE"},
	[ST_CRS_MODULES] = {"crs_modules",
	    "SELECT " CRS_MOD_COLS " FROM course_modules m WHERE m.course_id = ? "
	    "ORDER BY m.position, m.id", NULL},
	[ST_CRS_MODULE_GET] = {"crs_module_get",
	    "SELECT " CRS_MOD_COLS " FROM course_modules m WHERE m.id = ? AND m.course_id = ?",
	    NULL},
	[ST_CRS_MODULE_INSERT] = {"crs_module_insert",
	    "INSERT INTO course_modules (course_id, position, title, summary, created_at, "
	    "updated_at) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM course_modules "
	    "WHERE course_id = ?), ?, ?, ?, ?) RETURNING id", NULL},
	[ST_CRS_MODULE_UPDATE] = {"crs_module_update",
	    "UPDATE course_modules SET title = ?, summary = ?, updated_at = ? "
	    "WHERE id = ? AND course_id = ?", NULL},
	[ST_CRS_MODULE_DELETE] = {"crs_module_delete",
	    "DELETE FROM course_modules WHERE id = ? AND course_id = ?", NULL},
	[ST_CRS_MODULE_SET_POS] = {"crs_module_set_pos",
	    "UPDATE course_modules SET position = ? WHERE id = ?", NULL},
	/* A course's lessons, in the order of its modules and theirs. */
	[ST_CRS_LESSONS] = {"crs_lessons",
	    "SELECT " CRS_LESSON_COLS CRS_LESSON_FROM "WHERE m.course_id = ? "
	    "ORDER BY m.position, m.id, l.position, l.id", NULL},
	[ST_CRS_LESSON_GET] = {"crs_lesson_get",
	    "SELECT " CRS_LESSON_COLS CRS_LESSON_FROM "WHERE l.id = ? AND m.course_id = ?", NULL},
	[ST_CRS_LESSON_INSERT] = {"crs_lesson_insert",
	    "INSERT INTO course_lessons (module_id, position, title, kind, body, video_url, "
	    "resource_id, minutes, created_at, updated_at) VALUES (?, (SELECT coalesce("
	    "max(position), 0) + 1 FROM course_lessons WHERE module_id = ?), ?, ?, ?, ?, ?, ?, "
	    "?, ?) RETURNING id", NULL},
	[ST_CRS_LESSON_UPDATE] = {"crs_lesson_update",
	    "UPDATE course_lessons SET title = ?, kind = ?, body = ?, video_url = ?, "
	    "resource_id = ?, minutes = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_CRS_LESSON_DELETE] = {"crs_lesson_delete",
	    "DELETE FROM course_lessons WHERE id = ?", NULL},
	[ST_CRS_LESSON_SET_POS] = {"crs_lesson_set_pos",
	    "UPDATE course_lessons SET position = ? WHERE id = ?", NULL},
	[ST_CRS_RESOURCE_EXISTS] = {"crs_resource_exists",
	    "SELECT id FROM resources WHERE id = ?", NULL},
	/* Cohorts: a draft course's are staff's (? 1 for staff). */
	[ST_CRS_COHORT_INSERT] = {"crs_cohort_insert",
	    "INSERT INTO course_cohorts (course_id, title, timezone, enrolment_opens, "
	    "enrolment_closes, starts, ends, call_id, created_by, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_CRS_COHORT_UPDATE] = {"crs_cohort_update",
	    "UPDATE course_cohorts SET course_id = ?, title = ?, timezone = ?, "
	    "enrolment_opens = ?, enrolment_closes = ?, starts = ?, ends = ?, call_id = ?, "
	    "updated_at = ? WHERE id = ?", NULL},
	[ST_CRS_COHORT_GET] = {"crs_cohort_get",
	    "SELECT " CRS_COHORT_COLS CRS_COHORT_FROM "WHERE k.id = ? AND (? = 1 OR "
	    "c.status = 'published')", NULL},
	/* A course's cohorts (?: 0 for every course's), the latest start first. */
	[ST_CRS_COHORT_LIST] = {"crs_cohort_list",
	    "SELECT " CRS_COHORT_COLS CRS_COHORT_FROM "WHERE (? = 0 OR k.course_id = ?) AND "
	    "(? = 1 OR c.status = 'published') ORDER BY k.starts DESC, k.id DESC LIMIT ?", NULL},
	/* Taken first in a transaction that enrols into a cohort. */
	[ST_CRS_COHORT_LOCK] = {"crs_cohort_lock", "SELECT id FROM course_cohorts WHERE id = ?",
	    "SELECT id FROM course_cohorts WHERE id = ? FOR UPDATE"},
	[ST_CRS_COHORTS_OF_CALL] = {"crs_cohorts_of_call",
	    "SELECT id FROM course_cohorts WHERE call_id = ? ORDER BY id", NULL},
	[ST_CRS_TUTORS_CLEAR] = {"crs_tutors_clear",
	    "DELETE FROM course_cohort_tutors WHERE cohort_id = ?", NULL},
	[ST_CRS_TUTOR_ADD] = {"crs_tutor_add",
	    "INSERT INTO course_cohort_tutors (cohort_id, user_id) VALUES (?, ?)", NULL},
	[ST_CRS_TUTORS] = {"crs_tutors",
	    "SELECT u.id, u.name FROM course_cohort_tutors t JOIN users u ON u.id = t.user_id "
	    "WHERE t.cohort_id = ? ORDER BY u.name, u.id", NULL},
	/* Enrolled once: enrolling again changes nothing (no row changed). */
	[ST_CRS_ENROL] = {"crs_enrol",
	    "INSERT INTO course_enrolments (cohort_id, user_id, source, application_id, "
	    "enrolled_by, created_at) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (cohort_id, user_id) DO NOTHING", NULL},
	/* A cohort's enrolments (?: a person's only; 0 for all), oldest first. */
	[ST_CRS_ENROLMENTS] = {"crs_enrolments",
	    "SELECT e.id, e.user_id, u.name, e.source, e.created_at FROM course_enrolments e "
	    "JOIN users u ON u.id = e.user_id WHERE e.cohort_id = ? AND (? = 0 OR "
	    "e.user_id = ?) ORDER BY e.id LIMIT ? OFFSET ?", NULL},
	[ST_CRS_CALL_KIND] = {"crs_call_kind", "SELECT kind FROM calls WHERE id = ?", NULL},
	/* ?1, ?2 person and course; ?3, ?4 now: see enum crs_access_col.  A
	 * tutor counts while staff: one made a member again is none. */
	[ST_CRS_ACCESS] = {"crs_access",
	    "SELECT coalesce((SELECT min(k.id) FROM course_enrolments e JOIN course_cohorts k "
	    "ON k.id = e.cohort_id WHERE e.user_id = ? AND k.course_id = ? AND k.starts <= ? "
	    "AND k.ends > ?), 0), (SELECT count(*) FROM course_enrolments e JOIN course_cohorts k "
	    "ON k.id = e.cohort_id WHERE e.user_id = ? AND k.course_id = ?), (SELECT count(*) "
	    "FROM course_cohort_tutors t JOIN course_cohorts k ON k.id = t.cohort_id "
	    "JOIN users u ON u.id = t.user_id WHERE t.user_id = ? AND k.course_id = ? "
	    "AND u.role IN ('staff', 'admin'))", NULL},
	/* A lesson read by a person: once, the first time counts. */
	[ST_CRS_READ_MARK] = {"crs_read_mark",
	    "INSERT INTO course_lesson_reads (user_id, lesson_id, cohort_id, read_at) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, lesson_id) DO NOTHING", NULL},
	/* The lessons of a course a person has read. */
	/* Quizzes: one a module, at its end; questions are JSON (quizzes.c). */
	[ST_CRS_QUIZ_INSERT] = {"crs_quiz_insert",
	    "INSERT INTO course_quizzes (module_id, title, pass_mark, attempts_max, questions, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_CRS_QUIZ_UPDATE] = {"crs_quiz_update",
	    "UPDATE course_quizzes SET title = ?, pass_mark = ?, attempts_max = ?, "
	    "questions = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_CRS_QUIZ_DELETE] = {"crs_quiz_delete", "DELETE FROM course_quizzes WHERE id = ?",
	    NULL},
	[ST_CRS_QUIZ_GET] = {"crs_quiz_get",
	    "SELECT " CRS_QUIZ_COLS CRS_QUIZ_FROM "WHERE q.id = ? AND m.course_id = ?", NULL},
	/* A course's quizzes, in the order of its modules. */
	[ST_CRS_QUIZZES] = {"crs_quizzes",
	    "SELECT " CRS_QUIZ_COLS CRS_QUIZ_FROM "WHERE m.course_id = ? "
	    "ORDER BY m.position, m.id", NULL},
	/* Taken first in a transaction that adds an attempt. */
	[ST_CRS_QUIZ_LOCK] = {"crs_quiz_lock", "SELECT id FROM course_quizzes WHERE id = ?",
	    "SELECT id FROM course_quizzes WHERE id = ? FOR UPDATE"},
	/* An attempt: its number is unique for the person and quiz, so the
	 * same attempt sent twice is counted once (WS_ECONFLICT). */
	[ST_CRS_ATTEMPT_INSERT] = {"crs_attempt_insert",
	    "INSERT INTO course_quiz_attempts (quiz_id, user_id, number, answers, score, passed, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", NULL},
	[ST_CRS_ATTEMPTS] = {"crs_attempts",
	    "SELECT number, answers, score, passed, created_at FROM course_quiz_attempts "
	    "WHERE quiz_id = ? AND user_id = ? ORDER BY number", NULL},
	/* seed --demo: the demo course by its title; members to enrol */
	[ST_CRS_SEED_FIND] = {"crs_seed_find", "SELECT id FROM courses WHERE title = ?", NULL},
	[ST_CRS_SEED_PEOPLE] = {"crs_seed_people",
	    "SELECT id FROM users WHERE status = 'active' AND role = 'member' ORDER BY id LIMIT 6",
	    NULL},
	/* Shared tasks (tasks.c): one a module, like its quiz. */
	[ST_CRS_TASK_INSERT] = {"crs_task_insert",
	    "INSERT INTO course_tasks (module_id, title, instructions, max_length, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_CRS_TASK_UPDATE] = {"crs_task_update",
	    "UPDATE course_tasks SET title = ?, instructions = ?, max_length = ?, updated_at = ? "
	    "WHERE id = ?", NULL},
	[ST_CRS_TASK_DELETE] = {"crs_task_delete", "DELETE FROM course_tasks WHERE id = ?",
	    NULL},
	[ST_CRS_TASK_GET] = {"crs_task_get",
	    "SELECT " CRS_TASK_COLS CRS_TASK_FROM "WHERE t.id = ? AND m.course_id = ?", NULL},
	/* A course's tasks, in the order of its modules. */
	[ST_CRS_TASKS] = {"crs_tasks",
	    "SELECT " CRS_TASK_COLS CRS_TASK_FROM "WHERE m.course_id = ? "
	    "ORDER BY m.position, m.id", NULL},
	/* ?1 cohort, ?2 person, ?3 cohort: the person's answers marked
	 * complete, of the tasks of the cohort's course, and those tasks. */
	[ST_CRS_TASKS_STATE] = {"crs_tasks_state",
	    "SELECT (SELECT count(*) FROM course_posts p JOIN course_tasks t ON t.id = p.task_id "
	    "JOIN course_modules m ON m.id = t.module_id JOIN course_cohorts k ON k.id = "
	    "p.cohort_id AND k.course_id = m.course_id WHERE p.cohort_id = ? AND p.user_id = ? "
	    "AND p.parent_id IS NULL AND p.status = 'complete'), (SELECT count(*) FROM "
	    "course_tasks t JOIN course_modules m ON m.id = t.module_id JOIN course_cohorts k "
	    "ON k.course_id = m.course_id WHERE k.id = ?)", NULL},
	/* ?1, ?2 cohort and person; ?3, ?4 again: see enum crs_krole_col. */
	[ST_CRS_COHORT_ROLE] = {"crs_cohort_role",
	    "SELECT (SELECT count(*) FROM course_enrolments WHERE cohort_id = ? AND user_id = ?), "
	    "(SELECT count(*) FROM course_cohort_tutors WHERE cohort_id = ? AND user_id = ?)",
	    NULL},
	/* The cohort of course ?2 person ?1 is enrolled in whose progress
	 * counts: one running at ?3 first, else the latest to start. */
	[ST_CRS_COHORT_OF_USER] = {"crs_cohort_of_user",
	    "SELECT k.id FROM course_enrolments e JOIN course_cohorts k ON k.id = e.cohort_id "
	    "WHERE e.user_id = ? AND k.course_id = ? ORDER BY CASE WHEN k.starts <= ? AND "
	    "k.ends > ? THEN 0 ELSE 1 END, k.starts DESC, k.id DESC LIMIT 1", NULL},
	/* A post: an answer (parent NULL, status submitted; one live a
	 * person, task and cohort: the partial unique index) or a reply. */
	[ST_CRS_POST_INSERT] = {"crs_post_insert",
	    "INSERT INTO course_posts (cohort_id, task_id, parent_id, user_id, body, status, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	/* An answer edited: submitted again (a returned one too). */
	[ST_CRS_POST_EDIT] = {"crs_post_edit",
	    "UPDATE course_posts SET body = ?, status = 'submitted', updated_at = ? WHERE id = ?",
	    NULL},
	[ST_CRS_POST_MARK] = {"crs_post_mark",
	    "UPDATE course_posts SET status = ?, comment = ?, marked_by = ?, marked_at = ?, "
	    "updated_at = ? WHERE id = ?", NULL},
	[ST_CRS_POST_GET] = {"crs_post_get",
	    "SELECT " CRS_POST_COLS CRS_POST_FROM "WHERE p.id = ? AND p.cohort_id = ?", NULL},
	/* A person's answer to a task in a cohort (?1 cohort, ?2 task, ?3 person). */
	[ST_CRS_POST_MINE] = {"crs_post_mine",
	    "SELECT " CRS_POST_COLS CRS_POST_FROM "WHERE p.cohort_id = ? AND p.task_id = ? AND "
	    "p.user_id = ? AND p.parent_id IS NULL", NULL},
	/* Taken first in a transaction that edits or marks an answer. */
	[ST_CRS_POST_LOCK] = {"crs_post_lock", "SELECT id FROM course_posts WHERE id = ?",
	    "SELECT id FROM course_posts WHERE id = ? FOR UPDATE"},
	/* A page of a cohort's answers (?2, ?3: of one task; 0 for all),
	 * oldest first. */
	[ST_CRS_POSTS] = {"crs_posts",
	    "SELECT " CRS_POST_COLS CRS_POST_FROM "WHERE p.cohort_id = ? AND p.parent_id IS NULL "
	    "AND (? = 0 OR p.task_id = ?) ORDER BY p.created_at, p.id LIMIT ? OFFSET ?", NULL},
	[ST_CRS_POSTS_COUNT] = {"crs_posts_count",
	    "SELECT count(*) FROM course_posts p WHERE p.cohort_id = ? AND p.parent_id IS NULL "
	    "AND (? = 0 OR p.task_id = ?)", NULL},
	/* The replies to an answer, oldest first. */
	[ST_CRS_REPLIES] = {"crs_replies",
	    "SELECT " CRS_POST_COLS CRS_POST_FROM "WHERE p.parent_id = ? ORDER BY p.created_at, "
	    "p.id", NULL},
	/* A person's answers in a cohort (for their progress). */
	[ST_CRS_MINE] = {"crs_mine",
	    "SELECT " CRS_POST_COLS CRS_POST_FROM "WHERE p.cohort_id = ? AND p.user_id = ? AND "
	    "p.parent_id IS NULL ORDER BY p.id", NULL},
	/* Person ?1, to be mailed about what they wrote in cohort ?2's
	 * discussion: while active and a participant of it. */
	[ST_CRS_PERSON] = {"crs_person",
	    "SELECT u.email, u.name, u.locale FROM users u WHERE u.id = ? AND "
	    "u.status = 'active' AND EXISTS (SELECT 1 FROM course_enrolments e WHERE "
	    "e.user_id = u.id AND e.cohort_id = ?)", NULL},
	[ST_CRS_READS] = {"crs_reads",
	    "SELECT r.lesson_id FROM course_lesson_reads r JOIN course_lessons l ON l.id = "
	    "r.lesson_id JOIN course_modules m ON m.id = l.module_id WHERE r.user_id = ? AND "
	    "m.course_id = ?", NULL},
	/* The tutors' side of a cohort (app/courses/tutors.c, reminders.c;
	 * migration 36).  A participant's row of the tutors' table (enum
	 * crs_table_col): ?1 the cohort, ?2 at most. */
	[ST_CRS_TABLE] = {"crs_table",
	    "SELECT e.user_id, u.name, u.email, coalesce(u.locale, ''), u.status, "
	    "coalesce(o.name, ''), coalesce(o.country, u.country, ''), coalesce(o.region, ''), "
	    "e.created_at, coalesce((SELECT max(r.read_at) FROM course_lesson_reads r "
	    "JOIN course_lessons l ON l.id = r.lesson_id JOIN course_modules m ON "
	    "m.id = l.module_id WHERE r.user_id = e.user_id AND m.course_id = k.course_id), 0), "
	    "coalesce((SELECT max(a.created_at) FROM course_quiz_attempts a JOIN course_quizzes q "
	    "ON q.id = a.quiz_id JOIN course_modules m ON m.id = q.module_id WHERE "
	    "a.user_id = e.user_id AND m.course_id = k.course_id), 0), "
	    "(SELECT count(*) FROM course_lesson_reads r JOIN course_lessons l ON "
	    "l.id = r.lesson_id JOIN course_modules m ON m.id = l.module_id WHERE "
	    "r.user_id = e.user_id AND m.course_id = k.course_id), "
	    "(SELECT count(*) FROM course_quizzes q JOIN course_modules m ON m.id = q.module_id "
	    "WHERE m.course_id = k.course_id AND EXISTS (SELECT 1 FROM course_quiz_attempts a "
	    "WHERE a.quiz_id = q.id AND a.user_id = e.user_id AND a.passed = 1)), "
	    "coalesce((SELECT max(p.created_at) FROM course_posts p JOIN course_cohorts c2 ON "
	    "c2.id = p.cohort_id WHERE p.user_id = e.user_id AND c2.course_id = k.course_id), 0), "
	    "(SELECT count(*) FROM course_completions c WHERE c.user_id = e.user_id AND "
	    "c.course_id = k.course_id) "
	    "FROM course_enrolments e JOIN course_cohorts k ON k.id = e.cohort_id "
	    "JOIN users u ON u.id = e.user_id LEFT JOIN organizations o ON o.id = "
	    "(SELECT min(om.org_id) FROM org_members om WHERE om.user_id = e.user_id) "
	    "WHERE e.cohort_id = ? ORDER BY u.name, u.id LIMIT ?", NULL},
	[ST_CRS_MSG_INSERT] = {"crs_msg_insert",
	    "INSERT INTO course_messages (cohort_id, sender_id, subject, body, recipients, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_CRS_MSG_RCPT] = {"crs_msg_rcpt",
	    "INSERT INTO course_message_recipients (message_id, user_id) VALUES (?, ?) "
	    "ON CONFLICT DO NOTHING", NULL},
	/* How many messages went to cohort ?1 since ?2 (the rate limit). */
	[ST_CRS_MSG_RECENT] = {"crs_msg_recent",
	    "SELECT count(*) FROM course_messages WHERE cohort_id = ? AND created_at > ?", NULL},
	/* Cohort ?1's messages, the latest first, at most ?2. */
	[ST_CRS_MSG_LIST] = {"crs_msg_list",
	    "SELECT m.id, m.cohort_id, m.subject, m.body, m.recipients, m.created_at, "
	    "coalesce(u.name, '') FROM course_messages m LEFT JOIN users u ON u.id = m.sender_id "
	    "WHERE m.cohort_id = ? ORDER BY m.id DESC LIMIT ?", NULL},
	/* The messages person ?1 got in the cohorts of course ?2, the latest
	 * first, at most ?3. */
	[ST_CRS_MSG_MINE] = {"crs_msg_mine",
	    "SELECT m.id, m.cohort_id, m.subject, m.body, m.recipients, m.created_at, "
	    "coalesce(u.name, '') FROM course_messages m JOIN course_message_recipients x ON "
	    "x.message_id = m.id JOIN course_cohorts k ON k.id = m.cohort_id LEFT JOIN users u "
	    "ON u.id = m.sender_id WHERE x.user_id = ? AND k.course_id = ? "
	    "ORDER BY m.id DESC LIMIT ?", NULL},
	/* The cohorts running at ?1 (= ?2). */
	[ST_CRS_RUNNING] = {"crs_running",
	    "SELECT id FROM course_cohorts WHERE starts <= ? AND ends > ? ORDER BY id", NULL},
	/* A reminder claimed once: no row added, it was sent already. */
	[ST_CRS_REMIND_CLAIM] = {"crs_remind_claim",
	    "INSERT INTO course_reminders (cohort_id, user_id, kind, since, sent_at) "
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", NULL},
	[ST_CRS_COHORT_DELETE] = {"crs_cohort_delete", "DELETE FROM course_cohorts WHERE id = ?",
	    NULL},
	[ST_CRS_UNENROL] = {"crs_unenrol",
	    "DELETE FROM course_enrolments WHERE cohort_id = ? AND user_id = ?", NULL},
	/* Issue 18: completion and certificates (app/courses/completion.c).
	 * A course's rules; what a person has left of them; a completion,
	 * once a person and course (ON CONFLICT: the first counts), with what
	 * the certificate says copied as it was then.  The rules are columns of
	 * courses (CRS_COLS). */
	/* ?1 course, ?2 person */
	[ST_CRT_LESSONS_LEFT] = {"crt_lessons_left",
	    "SELECT count(*) FROM course_lessons l JOIN course_modules m ON m.id = l.module_id "
	    "WHERE m.course_id = ? AND NOT EXISTS (SELECT 1 FROM course_lesson_reads r "
	    "WHERE r.lesson_id = l.id AND r.user_id = ?)", NULL},
	[ST_CRT_QUIZZES_LEFT] = {"crt_quizzes_left",
	    "SELECT count(*) FROM course_quizzes q JOIN course_modules m ON m.id = q.module_id "
	    "WHERE m.course_id = ? AND NOT EXISTS (SELECT 1 FROM course_quiz_attempts a "
	    "WHERE a.quiz_id = q.id AND a.user_id = ? AND a.passed = 1)", NULL},
	/* ?1 code, ?2 now, ?3 person, ?4 course, ?5 cohort */
	[ST_CRT_INSERT] = {"crt_insert",
	    "INSERT INTO course_completions (code, completed_at, user_id, course_id, cohort_id, "
	    "name, course_title, cohort_title, hours) SELECT ?, ?, u.id, c.id, k.id, u.name, "
	    "c.title, k.title, c.estimated_hours FROM users u, courses c, course_cohorts k "
	    "WHERE u.id = ? AND c.id = ? AND k.id = ? AND k.course_id = c.id "
	    "ON CONFLICT (course_id, user_id) DO NOTHING", NULL},
	/* a deleted account's certificate is no one's: not found */
	[ST_CRT_BY_CODE] = {"crt_by_code",
	    "SELECT " CRT_COLS " FROM course_completions t WHERE t.code = ? AND NOT EXISTS "
	    "(SELECT 1 FROM users u WHERE u.id = t.user_id AND u.deleted_at IS NOT NULL)", NULL},
	/* ?1 person, ?2 course */
	[ST_CRT_OF_PERSON] = {"crt_of_person",
	    "SELECT " CRT_COLS " FROM course_completions t WHERE t.user_id = ? AND "
	    "t.course_id = ?", NULL},
	[ST_CRT_OF_USER] = {"crt_of_user",
	    "SELECT " CRT_COLS " FROM course_completions t WHERE t.user_id = ? "
	    "ORDER BY t.completed_at DESC, t.id DESC LIMIT 100", NULL},
	/* A course's participants and completions by cohort, and by the country
	 * and kind of each person's organization ('' for none; the caller
	 * sums countries into regions). */
	[ST_CRT_RATES] = {"crt_rates",
	    "SELECT k.id, k.title, coalesce(o.country, ''), coalesce(o.kind, ''), count(*), "
	    "count(t.id) FROM course_enrolments e JOIN course_cohorts k ON k.id = e.cohort_id "
	    "JOIN users u ON u.id = e.user_id LEFT JOIN organizations o ON o.id = u.org_id "
	    "LEFT JOIN course_completions t ON t.user_id = e.user_id AND t.cohort_id = k.id "
	    "WHERE k.course_id = ? GROUP BY k.id, k.title, k.starts, coalesce(o.country, ''), "
	    "coalesce(o.kind, '') ORDER BY k.starts DESC, k.id, 3, 4", NULL},
	/* Taken (?1 cohort, ?2 person) before a completion is asked, so two
	 * changes to one person's progress at once are asked one after the
	 * other, the second seeing the first's. */
	[ST_CRT_LOCK] = {"crt_lock",
	    "SELECT id FROM course_enrolments WHERE cohort_id = ? AND user_id = ?",
	    "SELECT id FROM course_enrolments WHERE cohort_id = ? AND user_id = ? FOR UPDATE"},
	[ST_CRT_OF_COURSE] = {"crt_of_course",
	    "SELECT " CRT_COLS " FROM course_completions t WHERE t.course_id = ? "
	    "ORDER BY t.completed_at DESC, t.id DESC LIMIT ?", NULL},
	/* A person's own course data (app/courses/mine.c), each ?1 the person.
	 * Their enrolments, the latest cohort first, with the lessons of the
	 * course and how many of them they read (as their progress counts). */
	[ST_CRS_MY_ENROLMENTS] = {"crs_my_enrolments",
	    "SELECT e.id, k.id, k.title, c.id, c.title, c.status, e.source, e.created_at, "
	    "k.starts, k.ends, (SELECT count(*) FROM course_lessons l JOIN course_modules m ON "
	    "m.id = l.module_id WHERE m.course_id = c.id), (SELECT count(*) FROM "
	    "course_lesson_reads r JOIN course_lessons l ON l.id = r.lesson_id JOIN "
	    "course_modules m ON m.id = l.module_id WHERE r.user_id = e.user_id AND "
	    "m.course_id = c.id) FROM course_enrolments e JOIN course_cohorts k ON "
	    "k.id = e.cohort_id JOIN courses c ON c.id = k.course_id WHERE e.user_id = ? "
	    "ORDER BY k.starts DESC, e.id DESC LIMIT 500", NULL},
	[ST_CRS_MY_READS] = {"crs_my_reads",
	    "SELECT l.id, l.title, c.id, c.title, r.cohort_id, r.read_at FROM "
	    "course_lesson_reads r JOIN course_lessons l ON l.id = r.lesson_id JOIN "
	    "course_modules m ON m.id = l.module_id JOIN courses c ON c.id = m.course_id "
	    "WHERE r.user_id = ? ORDER BY r.read_at, l.id LIMIT 10000", NULL},
	[ST_CRS_MY_ATTEMPTS] = {"crs_my_attempts",
	    "SELECT a.id, q.id, q.title, c.id, c.title, a.number, a.answers, a.score, a.passed, "
	    "a.created_at, q.questions FROM course_quiz_attempts a JOIN course_quizzes q ON "
	    "q.id = a.quiz_id JOIN course_modules m ON m.id = q.module_id JOIN courses c ON "
	    "c.id = m.course_id WHERE a.user_id = ? ORDER BY a.id LIMIT 2000", NULL},
	/* Their answers to tasks and their replies (never another's post). */
	[ST_CRS_MY_POSTS] = {"crs_my_posts",
	    "SELECT p.id, k.id, k.title, k.course_id, c.title, t.id, t.title, p.parent_id, "
	    "p.body, p.status, p.comment, p.marked_at, p.created_at, p.updated_at FROM "
	    "course_posts p JOIN course_cohorts k ON k.id = p.cohort_id JOIN courses c ON "
	    "c.id = k.course_id JOIN course_tasks t ON t.id = p.task_id WHERE p.user_id = ? "
	    "ORDER BY p.id LIMIT 5000", NULL},
	[ST_CRS_MY_MESSAGES] = {"crs_my_messages",
	    "SELECT m.id, k.id, k.title, k.course_id, c.title, m.subject, m.body, m.created_at, "
	    "coalesce(u.name, '') FROM course_messages m JOIN course_message_recipients x ON "
	    "x.message_id = m.id JOIN course_cohorts k ON k.id = m.cohort_id JOIN courses c ON "
	    "c.id = k.course_id LEFT JOIN users u ON u.id = m.sender_id WHERE x.user_id = ? "
	    "ORDER BY m.id LIMIT 5000", NULL},
	[ST_CRS_MY_REMINDERS] = {"crs_my_reminders",
	    "SELECT k.id, k.title, n.kind, n.since, n.sent_at FROM course_reminders n JOIN "
	    "course_cohorts k ON k.id = n.cohort_id WHERE n.user_id = ? "
	    "ORDER BY n.sent_at, k.id LIMIT 5000", NULL},
	/* A deleted account (accounts/forget.c): ?1 the name its certificates
	 * say now, ?2 the person; what they wrote in cohorts' discussions
	 * blanked (?1 the person), as their answers to events' questions. */
	[ST_CRS_FORGET_CERTS] = {"crs_forget_certs",
	    "UPDATE course_completions SET name = ? WHERE user_id = ?", NULL},
	[ST_CRS_FORGET_POSTS] = {"crs_forget_posts",
	    "UPDATE course_posts SET body = '' WHERE user_id = ?", NULL},

	/* News (app/news): written by staff, read by whom their visibility
	 * lets; the organizations a story names in news_orgs. */
	[ST_NEWS_INSERT] = {"news_insert",
	    "INSERT INTO news (slug, kind, title, summary, body, themes, lang, visibility, status, "
	    "image_id, image_type, image_alt, author_id, published_at, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_NEWS_UPDATE] = {"news_update",
	    "UPDATE news SET slug = ?, kind = ?, title = ?, summary = ?, body = ?, themes = ?, "
	    "lang = ?, visibility = ?, image_id = ?, image_type = ?, image_alt = ?, updated_at = ? "
	    "WHERE id = ?", NULL},
	[ST_NEWS_SET_STATUS] = {"news_set_status",
	    "UPDATE news SET status = ?, published_at = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_NEWS_DELETE] = {"news_delete", "DELETE FROM news WHERE id = ?", NULL},
	[ST_NEWS_GET] = {"news_get", "SELECT " NEWS_COLS "WHERE n.id = ?", NULL},
	[ST_NEWS_BY_SLUG] = {"news_by_slug", "SELECT " NEWS_COLS "WHERE n.slug = ?", NULL},
	[ST_NEWS_SLUG_TAKEN] = {"news_slug_taken",
	    "SELECT id FROM news WHERE slug = ? AND id <> ?", NULL},
	[ST_NEWS_LIST] = {"news_list",
	    "SELECT " NEWS_COLS NEWS_FILTER
	    "ORDER BY COALESCE(n.published_at, n.created_at) DESC, n.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_NEWS_COUNT] = {"news_count", "SELECT count(*) FROM news n " NEWS_FILTER, NULL},
	[ST_NEWS_ORGS] = {"news_orgs",
	    "SELECT org_id FROM news_orgs WHERE news_id = ? ORDER BY org_id", NULL},
	[ST_NEWS_ORGS_CLEAR] = {"news_orgs_clear", "DELETE FROM news_orgs WHERE news_id = ?", NULL},
	[ST_NEWS_ORG_ADD] = {"news_org_add",
	    "INSERT INTO news_orgs (news_id, org_id) SELECT CAST(? AS BIGINT), id FROM organizations "
	    "WHERE id = ?",
	    NULL},
	[ST_NEWS_MINE] = {"news_mine",
	    "SELECT id, slug, title, status, created_at FROM news WHERE author_id = ? ORDER BY id",
	    NULL},
	/* The site's pages (about, partners, privacy, terms), one row a code
	 * and language; who changed them is in the audit log. */
	[ST_PAGE_GET] = {"page_get",
	    "SELECT p.title, p.body, p.updated_at, u.name FROM site_pages p "
	    "LEFT JOIN users u ON u.id = p.updated_by WHERE p.code = ? AND p.lang = ?", NULL},
	[ST_PAGE_PUT] = {"page_put",
	    "INSERT INTO site_pages (code, lang, title, body, updated_by, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code, lang) DO UPDATE SET "
	    "title = excluded.title, body = excluded.body, updated_by = excluded.updated_by, "
	    "updated_at = excluded.updated_at", NULL},
	[ST_PAGE_LIST] = {"page_list",
	    "SELECT code, lang, title, updated_at FROM site_pages ORDER BY code, lang", NULL},
	[ST_PAGE_HISTORY] = {"page_history",
	    "SELECT a.at, u.name, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
	    "WHERE a.action = 'page.edited' AND a.detail LIKE ? ORDER BY a.id DESC LIMIT 20", NULL},
	/* ---- discussion forums (src/app/forums/, migration 40) ---- */
	/* The forums a reader sees (?1 = 1: the nongovernmental ones too),
	 * by position, with their counts. */
	[ST_FORUM_LIST] = {"forum_list",
	    "SELECT " FORUM_COLS " FROM forums f WHERE (? = 1 OR f.audience = 'members') "
	    "ORDER BY f.position, f.id LIMIT 200", NULL},
	[ST_FORUM_GET] = {"forum_get", "SELECT " FORUM_COLS " FROM forums f WHERE f.id = ?", NULL},
	[ST_FORUM_INSERT] = {"forum_insert",
	    "INSERT INTO forums (title, description, theme, position, audience, archived, "
	    "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    NULL},
	[ST_FORUM_UPDATE] = {"forum_update",
	    "UPDATE forums SET title = ?, description = ?, theme = ?, position = ?, audience = ?, "
	    "archived = ?, updated_at = ? WHERE id = ?", NULL},
	/* ?1..?4 the person: their organizations, the approved ones, an
	 * expert profile, an approved one. */
	[ST_FORUM_STANDING] = {"forum_standing",
	    "SELECT (SELECT count(*) FROM org_members m WHERE m.user_id = ?), "
	    "(SELECT count(*) FROM org_members m JOIN organizations o ON o.id = m.org_id "
	    "WHERE m.user_id = ? AND o.status = 'approved'), "
	    "(SELECT count(*) FROM experts e WHERE e.user_id = ?), "
	    "(SELECT count(*) FROM experts e WHERE e.user_id = ? AND e.status = 'approved')", NULL},
	[ST_FORUM_AUTHOR_ORGS] = {"forum_author_orgs",
	    "SELECT o.id, o.name, m.listed FROM org_members m JOIN organizations o ON "
	    "o.id = m.org_id WHERE m.user_id = ? AND o.status = 'approved' ORDER BY o.name, o.id "
	    "LIMIT 5", NULL},
	/* A page of forum ?2's threads for reader ?1, pinned first, then the
	 * latest active; ?3 '' or a lower-case LIKE pattern (?4, ?5) matched
	 * against the title and the visible posts. */
	[ST_FORUM_THREADS] = {"forum_threads",
	    "SELECT " FTH_COLS FTH_FROM "WHERE t.forum_id = ? " FTH_SEARCH
	    "ORDER BY t.pinned DESC, t.last_post_at DESC, t.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_FORUM_THREADS_COUNT] = {"forum_threads_count",
	    "SELECT count(*) FROM forum_threads t WHERE t.forum_id = ? " FTH_SEARCH, NULL},
	/* ?1 the reader, ?2 the thread, ?3 its forum. */
	[ST_FORUM_THREAD_GET] = {"forum_thread_get",
	    "SELECT " FTH_COLS FTH_FROM "WHERE t.id = ? AND t.forum_id = ?", NULL},
	[ST_FORUM_THREAD_INSERT] = {"forum_thread_insert",
	    "INSERT INTO forum_threads (forum_id, user_id, title, last_post_at, created_at) "
	    "VALUES (?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_FORUM_THREAD_BUMP] = {"forum_thread_bump",
	    "UPDATE forum_threads SET posts = posts + 1, last_post_at = ?, last_post_id = ? "
	    "WHERE id = ?", NULL},
	[ST_FORUM_THREAD_MOD] = {"forum_thread_mod",
	    "UPDATE forum_threads SET pinned = ?, locked = ? WHERE id = ?", NULL},
	/* A page of a thread's posts, oldest first. */
	[ST_FORUM_POSTS] = {"forum_posts",
	    "SELECT " FP_COLS FP_FROM "WHERE p.thread_id = ? ORDER BY p.id LIMIT ? OFFSET ?", NULL},
	[ST_FORUM_POSTS_COUNT] = {"forum_posts_count",
	    "SELECT count(*) FROM forum_posts WHERE thread_id = ?", NULL},
	[ST_FORUM_POST_GET] = {"forum_post_get", "SELECT " FP_COLS FP_FROM "WHERE p.id = ?", NULL},
	[ST_FORUM_POST_INSERT] = {"forum_post_insert",
	    "INSERT INTO forum_posts (thread_id, user_id, body, status, created_at) "
	    "VALUES (?, ?, ?, 'visible', ?) RETURNING id", NULL},
	[ST_FORUM_POST_EDIT] = {"forum_post_edit",
	    "UPDATE forum_posts SET body = ?, edited_at = ? WHERE id = ?", NULL},
	[ST_FORUM_POST_STATUS] = {"forum_post_status",
	    "UPDATE forum_posts SET status = ?, flag_hidden = ? WHERE id = ?", NULL},
	/* Where post ?2 is in thread ?1 (its page). */
	[ST_FORUM_POST_RANK] = {"forum_post_rank",
	    "SELECT count(*) FROM forum_posts WHERE thread_id = ? AND id <= ?", NULL},
	/* How many posts person ?1 wrote since ?2 (the rate limit). */
	[ST_FORUM_POSTS_SINCE] = {"forum_posts_since",
	    "SELECT count(*) FROM forum_posts WHERE user_id = ? AND created_at > ?", NULL},
	/* ?1 post, ?2 person, ?3 person (their first approved organization, if
	 * any, is the flag's), ?4 reason, ?5 when. */
	[ST_FORUM_FLAG_INSERT] = {"forum_flag_insert",
	    "INSERT INTO forum_flags (post_id, user_id, org_id, reason, status, created_at) "
	    "VALUES (?, ?, (SELECT min(m.org_id) FROM org_members m JOIN organizations o ON "
	    "o.id = m.org_id WHERE m.user_id = ? AND o.status = 'approved'), ?, 'open', ?)", NULL},
	/* The organizations a post's open flags come from: a person of none
	 * counts as one, but the government focal points count together as
	 * one (0), so governments alone never hide a post. */
	[ST_FORUM_FLAG_ORGS] = {"forum_flag_orgs",
	    "SELECT count(DISTINCT CASE WHEN u.role = 'focal' THEN 0 ELSE COALESCE(g.org_id, "
	    "-g.user_id) END) FROM forum_flags g LEFT JOIN users u ON u.id = g.user_id "
	    "WHERE g.post_id = ? AND g.status = 'open'", NULL},
	[ST_FORUM_FLAGS_DECIDE] = {"forum_flags_decide",
	    "UPDATE forum_flags SET status = ?, decided_by = ?, decided_at = ? WHERE post_id = ? "
	    "AND status = 'open'", NULL},
	[ST_FORUM_FLAG_QUEUE] = {"forum_flag_queue",
	    "SELECT f.id, f.post_id, p.thread_id, t.forum_id, t.title, p.body, p.status, "
	    "p.flag_hidden, f.reason, COALESCE(u.name, ''), COALESCE(o.name, ''), f.created_at "
	    "FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id JOIN forum_threads t ON "
	    "t.id = p.thread_id LEFT JOIN users u ON u.id = f.user_id LEFT JOIN organizations o "
	    "ON o.id = f.org_id WHERE f.status = 'open' ORDER BY f.created_at, f.id "
	    "LIMIT ? OFFSET ?", NULL},
	[ST_FORUM_FLAG_QUEUE_COUNT] = {"forum_flag_queue_count",
	    "SELECT count(*) FROM forum_flags WHERE status = 'open'", NULL},
	/* ?1 person, ?2 forum, ?3 thread (0: the forum), ?4 active, ?5 when. */
	[ST_FORUM_SUB_SET] = {"forum_sub_set",
	    "INSERT INTO forum_subscriptions (user_id, forum_id, thread_id, active, created_at) "
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, forum_id, thread_id) DO UPDATE SET "
	    "active = excluded.active", NULL},
	/* Following a thread one writes in, unless one stopped. */
	[ST_FORUM_SUB_AUTO] = {"forum_sub_auto",
	    "INSERT INTO forum_subscriptions (user_id, forum_id, thread_id, active, created_at) "
	    "VALUES (?, ?, ?, 1, ?) ON CONFLICT (user_id, forum_id, thread_id) DO NOTHING", NULL},
	[ST_FORUM_SUB_GET] = {"forum_sub_get",
	    "SELECT active FROM forum_subscriptions WHERE user_id = ? AND forum_id = ? AND "
	    "thread_id = ?", NULL},
	/* The active people who follow thread ?3 of forum ?2 (or the forum,
	 * unless they stopped following the thread), but ?1; at most ?7. */
	[ST_FORUM_FOLLOWERS] = {"forum_followers",
	    "SELECT u.id, u.email, u.locale, u.role FROM users u WHERE u.status = 'active' AND "
	    "u.id <> ? AND (EXISTS (SELECT 1 FROM forum_subscriptions s WHERE s.user_id = u.id "
	    "AND s.forum_id = ? AND s.thread_id = ? AND s.active = 1) OR (EXISTS (SELECT 1 FROM "
	    "forum_subscriptions s WHERE s.user_id = u.id AND s.forum_id = ? AND s.thread_id = 0 "
	    "AND s.active = 1) AND NOT EXISTS (SELECT 1 FROM forum_subscriptions s WHERE "
	    "s.user_id = u.id AND s.forum_id = ? AND s.thread_id = ? AND s.active = 0))) "
	    "ORDER BY u.id LIMIT ?", NULL},
	[ST_FORUM_MAILSTATE_GET] = {"forum_mailstate_get",
	    "SELECT last_mailed_at, missed FROM forum_mail_state WHERE thread_id = ? AND "
	    "user_id = ?", NULL},
	[ST_FORUM_MAILSTATE_PUT] = {"forum_mailstate_put",
	    "INSERT INTO forum_mail_state (thread_id, user_id, last_mailed_at, missed) VALUES "
	    "(?, ?, ?, ?) ON CONFLICT (thread_id, user_id) DO UPDATE SET last_mailed_at = "
	    "excluded.last_mailed_at, missed = excluded.missed", NULL},
	/* Person ?1 read thread ?2 up to post ?3 (never back). */
	[ST_FORUM_READ_PUT] = {"forum_read_put",
	    "INSERT INTO forum_reads (user_id, thread_id, last_post_id) VALUES (?, ?, ?) "
	    "ON CONFLICT (user_id, thread_id) DO UPDATE SET last_post_id = CASE WHEN "
	    "excluded.last_post_id > forum_reads.last_post_id THEN excluded.last_post_id ELSE "
	    "forum_reads.last_post_id END", NULL},
	/* Person ?1's posts, with what decides whether they may still read
	 * where they wrote: the forum's audience, the thread's author, their
	 * role. */
	[ST_FORUM_MY_POSTS] = {"forum_my_posts",
	    "SELECT p.id, p.thread_id, t.title, t.forum_id, f.title, p.body, p.status, "
	    "p.created_at, p.edited_at, f.audience, t.user_id, u.role FROM forum_posts p "
	    "JOIN forum_threads t ON t.id = p.thread_id JOIN forums f ON f.id = t.forum_id "
	    "JOIN users u ON u.id = p.user_id WHERE p.user_id = ? "
	    "ORDER BY p.id LIMIT 10000", NULL},
	[ST_FORUM_COUNT] = {"forum_count", "SELECT count(*) FROM forums", NULL},
	/* The name on person ?1's approved expert profile (as /people shows it). */
	[ST_FORUM_EXPERT_NAME] = {"forum_expert_name",
	    "SELECT name FROM experts WHERE user_id = ? AND status = 'approved'", NULL},
	/* Taken first in the transaction that writes a person's post or flag,
	 * so their hourly count and the write are one step: two posts sent at
	 * once do not both pass the limit.  (SQLite's BEGIN IMMEDIATE already
	 * writes one transaction at a time.) */
	[ST_FORUM_USER_LOCK] = {"forum_user_lock", "SELECT id FROM users WHERE id = ?",
	    "SELECT id FROM users WHERE id = $1 FOR UPDATE"},
	/* Taken in the transaction that flags a post, after the person's row:
	 * flags from several people at once are counted in turn, so the one
	 * that makes FORUMS_FLAG_ORGS organizations sees the others. */
	[ST_FORUM_POST_LOCK] = {"forum_post_lock", "SELECT id FROM forum_posts WHERE id = ?",
	    "SELECT id FROM forum_posts WHERE id = $1 FOR UPDATE"},
	/* How many flags person ?1 raised since ?2 (their limit). */
	[ST_FORUM_FLAGS_SINCE] = {"forum_flags_since",
	    "SELECT count(*) FROM forum_flags WHERE user_id = ? AND created_at > ?", NULL},
	/* Demo data: a few active members of approved organizations, or
	 * approved experts, but ?1. */
	[ST_FORUM_SEED_MEMBERS] = {"forum_seed_members",
	    "SELECT u.id FROM users u WHERE u.role = 'member' AND u.status = 'active' AND "
	    "u.id <> ? AND (EXISTS (SELECT 1 FROM org_members m JOIN organizations o ON "
	    "o.id = m.org_id WHERE m.user_id = u.id AND o.status = 'approved') OR EXISTS "
	    "(SELECT 1 FROM experts e WHERE e.user_id = u.id AND e.status = 'approved')) "
	    "ORDER BY u.id LIMIT 3", NULL},
	/* ---- private messages (app/messages, migration 41) ---- */
	/* A conversation of two people is one row, found by its pair
	 * ("LOW:HIGH" of their ids), a_id the one who started it. */
	[ST_MSG_CONV_BY_PAIR] = {"msg_conv_by_pair",
	    "SELECT id FROM conversations WHERE pair = ?", NULL},
	[ST_MSG_CONV_INSERT] = {"msg_conv_insert",
	    "INSERT INTO conversations (pair, a_id, b_id, created_at) VALUES (?, ?, ?, ?) "
	    "RETURNING id", NULL},
	/* Taken first in a transaction that adds a message. */
	[ST_MSG_CONV_LOCK] = {"msg_conv_lock",
	    "SELECT a_id, b_id, a_mailed, b_mailed FROM conversations WHERE id = ?",
	    "SELECT a_id, b_id, a_mailed, b_mailed FROM conversations WHERE id = ? FOR UPDATE"},
	/* ?1 the viewer, ?2 the conversation: only one of its two people's. */
	[ST_MSG_CONV_GET] = {"msg_conv_get",
	    "SELECT " MSG_CONV_COLS MSG_CONV_FROM "WHERE c.id = ?", NULL},
	/* ?1 the viewer's conversations with a message they may see (or none
	 * yet: one a partner match opened), the newest first; ?2 limit, ?3
	 * offset. */
	[ST_MSG_CONV_LIST] = {"msg_conv_list",
	    "SELECT " MSG_CONV_COLS MSG_CONV_FROM "WHERE " MSG_LISTED " "
	    "ORDER BY 9 DESC, 1 DESC LIMIT ? OFFSET ?", NULL},
	[ST_MSG_CONV_COUNT] = {"msg_conv_count",
	    "SELECT count(*) FROM (SELECT CAST(? AS BIGINT) AS me) p JOIN conversations c "
	    "ON c.a_id = p.me OR c.b_id = p.me WHERE " MSG_LISTED, NULL},
	/* The messages ?1 has not read, in all their conversations. */
	[ST_MSG_UNREAD] = {"msg_unread",
	    "SELECT count(*) FROM (SELECT CAST(? AS BIGINT) AS me) p JOIN conversations c "
	    "ON c.a_id = p.me OR c.b_id = p.me JOIN messages m ON m.conversation_id = c.id "
	    "AND m.withheld = 0 AND (m.sender_id IS NULL OR m.sender_id <> p.me) AND m.id > "
	    "CASE WHEN c.a_id = p.me THEN c.a_read ELSE c.b_read END", NULL},
	[ST_MSG_INSERT] = {"msg_insert",
	    "INSERT INTO messages (conversation_id, sender_id, body, withheld, created_at) "
	    "VALUES (?, ?, ?, ?, ?) RETURNING id", NULL},
	/* A page of conversation ?1 as ?2 may see it, the newest first (?3
	 * limit, ?4 offset). */
	[ST_MSG_LIST] = {"msg_list",
	    "SELECT " MSG_COLS MSG_FROM "WHERE m.conversation_id = ? AND (m.withheld = 0 OR "
	    "m.sender_id = ?) ORDER BY m.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_MSG_COUNT] = {"msg_count",
	    "SELECT count(*) FROM messages m WHERE m.conversation_id = ? AND (m.withheld = 0 OR "
	    "m.sender_id = ?)", NULL},
	/* ?1 (or ?3) the reader has read up to message ?2 (?4) of ?5. */
	[ST_MSG_READ_SET] = {"msg_read_set",
	    "UPDATE conversations SET a_read = CASE WHEN a_id = ? AND a_read < ? THEN ? ELSE "
	    "a_read END, b_read = CASE WHEN b_id = ? AND b_read < ? THEN ? ELSE b_read END "
	    "WHERE id = ?", NULL},
	/* ?1 (or ?3) was mailed about conversation ?5 at ?2 (?4). */
	[ST_MSG_MAILED_SET] = {"msg_mailed_set",
	    "UPDATE conversations SET a_mailed = CASE WHEN a_id = ? THEN ? ELSE a_mailed END, "
	    "b_mailed = CASE WHEN b_id = ? THEN ? ELSE b_mailed END WHERE id = ?", NULL},
	/* The rate limits: messages ?1 sent since ?2, conversations started. */
	[ST_MSG_SENT_SINCE] = {"msg_sent_since",
	    "SELECT count(*) FROM messages WHERE sender_id = ? AND created_at >= ?", NULL},
	[ST_MSG_STARTED_SINCE] = {"msg_started_since",
	    "SELECT count(*) FROM conversations WHERE a_id = ? AND created_at >= ?", NULL},
	/* ?1 blocks ?2 (no longer reached by their messages). */
	[ST_MSG_BLOCK_INSERT] = {"msg_block_insert",
	    "INSERT INTO message_blocks (user_id, blocked_id, created_at) VALUES (?, ?, ?) "
	    "ON CONFLICT (user_id, blocked_id) DO NOTHING", NULL},
	[ST_MSG_BLOCK_DELETE] = {"msg_block_delete",
	    "DELETE FROM message_blocks WHERE user_id = ? AND blocked_id = ?", NULL},
	[ST_MSG_BLOCKED] = {"msg_blocked",
	    "SELECT count(*) FROM message_blocks WHERE user_id = ? AND blocked_id = ?", NULL},
	/* Whether ?1 is mailed about new messages (no row: yes). */
	[ST_MSG_PREF_GET] = {"msg_pref_get",
	    "SELECT mail FROM message_prefs WHERE user_id = ?", NULL},
	[ST_MSG_PREF_SET] = {"msg_pref_set",
	    "INSERT INTO message_prefs (user_id, mail) VALUES (?, ?) ON CONFLICT (user_id) "
	    "DO UPDATE SET mail = excluded.mail", NULL},
	[ST_MSG_REPORT_INSERT] = {"msg_report_insert",
	    "INSERT INTO message_reports (conversation_id, reporter_id, reason, created_at) "
	    "VALUES (?, ?, ?, ?) RETURNING id", NULL},
	/* Reports of status ?1 ('' for all), the newest first; ?2 limit, ?3
	 * offset. */
	[ST_MSG_REPORT_LIST] = {"msg_report_list",
	    "SELECT r.id, r.conversation_id, r.reporter_id, u.name, r.reason, r.status, "
	    "r.created_at, c.a_id, ua.name, c.b_id, ub.name FROM message_reports r "
	    "JOIN conversations c ON c.id = r.conversation_id "
	    "LEFT JOIN users u ON u.id = r.reporter_id LEFT JOIN users ua ON ua.id = c.a_id "
	    "LEFT JOIN users ub ON ub.id = c.b_id WHERE (r.status = ? OR ? = '') "
	    "ORDER BY r.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_MSG_REPORT_COUNT] = {"msg_report_count",
	    "SELECT count(*) FROM message_reports WHERE status = ? OR ? = ''", NULL},
	/* Report ?3 closed by ?1 at ?2 (an open one). */
	[ST_MSG_REPORT_CLOSE] = {"msg_report_close",
	    "UPDATE message_reports SET status = 'closed', closed_by = ?, closed_at = ? "
	    "WHERE id = ? AND status = 'open'", NULL},
	/* The last 20 messages of a reported conversation, for staff. */
	[ST_MSG_TAIL] = {"msg_tail",
	    "SELECT " MSG_COLS MSG_FROM "WHERE m.conversation_id = ? ORDER BY m.id DESC "
	    "LIMIT 20", NULL},
	/* For ?1's export: what they wrote and what they received. */
	[ST_MSG_MINE] = {"msg_mine",
	    "SELECT m.id, m.conversation_id, m.sender_id, u.name, m.body, m.created_at "
	    "FROM (SELECT CAST(? AS BIGINT) AS me) p JOIN conversations c ON c.a_id = p.me OR "
	    "c.b_id = p.me JOIN messages m ON m.conversation_id = c.id AND (m.withheld = 0 OR "
	    "m.sender_id = p.me) LEFT JOIN users u ON u.id = m.sender_id ORDER BY m.id", NULL},
	/* A deleted account: its blocks both ways and its setting go; its
	 * messages stay, their sender shown as a former member. */
	[ST_MSG_FORGET_BLOCKS] = {"msg_forget_blocks",
	    "DELETE FROM message_blocks WHERE user_id = ? OR blocked_id = ?", NULL},
	[ST_MSG_FORGET_PREFS] = {"msg_forget_prefs",
	    "DELETE FROM message_prefs WHERE user_id = ?", NULL},
	/* The staff a focal point may write to, by name (at most 100). */
	[ST_MSG_STAFF] = {"msg_staff",
	    "SELECT id, name FROM users WHERE role IN ('staff','admin') AND status = 'active' "
	    "AND deleted_at IS NULL ORDER BY name, id LIMIT 100", NULL},
	/* Taken first in a transaction that adds a message: its two people's
	 * rows, the lower id first, so that messages sent at once are counted
	 * against the limits one after the other (SQLite writes one at a
	 * time).  NO KEY: rows that merely point at the account (a session,
	 * an audit line) are not held up. */
	[ST_MSG_USER_LOCK] = {"msg_user_lock",
	    "SELECT id FROM users WHERE id = ?",
	    "SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE"},
	/* ---- partner matching (app/partners, migration 41) ---- */
	[ST_PTN_INSERT] = {"ptn_insert",
	    "INSERT INTO partner_requests (from_org, to_org, asked_by, from_contact, note, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", NULL},
	[ST_PTN_GET] = {"ptn_get", "SELECT " PTN_COLS PTN_FROM "WHERE p.id = ?", NULL},
	/* Taken first in a transaction that decides a request. */
	[ST_PTN_LOCK] = {"ptn_lock", "SELECT status FROM partner_requests WHERE id = ?",
	    "SELECT status FROM partner_requests WHERE id = ? FOR UPDATE"},
	/* The requests organization ?1 (= ?2) asked or was asked, the newest
	 * first; ?3 limit, ?4 offset. */
	[ST_PTN_OF_ORG] = {"ptn_of_org",
	    "SELECT " PTN_COLS PTN_FROM "WHERE p.from_org = ? OR p.to_org = ? "
	    "ORDER BY p.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_PTN_OF_ORG_COUNT] = {"ptn_of_org_count",
	    "SELECT count(*) FROM partner_requests WHERE from_org = ? OR to_org = ?", NULL},
	/* Every request of status ?1 ('' for all, = ?2), for staff. */
	[ST_PTN_ALL] = {"ptn_all",
	    "SELECT " PTN_COLS PTN_FROM "WHERE p.status = ? OR ? = '' "
	    "ORDER BY p.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_PTN_ALL_COUNT] = {"ptn_all_count",
	    "SELECT count(*) FROM partner_requests WHERE status = ? OR ? = ''", NULL},
	/* Requests between ?1 and ?2 (either way) that stand in the way of a
	 * new one: pending, accepted, or declined since ?5. */
	[ST_PTN_PAIR] = {"ptn_pair",
	    "SELECT count(*) FROM partner_requests WHERE ((from_org = ? AND to_org = ?) OR "
	    "(from_org = ? AND to_org = ?)) AND (status IN ('pending','accepted') OR "
	    "(status = 'declined' AND decided_at >= ?))", NULL},
	/* The organizations not to suggest to ?1 (= ?2 = ?3) for the same reasons
	 * (declined since ?4). */
	[ST_PTN_EXCLUDED] = {"ptn_excluded",
	    "SELECT CASE WHEN from_org = ? THEN to_org ELSE from_org END FROM partner_requests "
	    "WHERE (from_org = ? OR to_org = ?) AND (status IN ('pending','accepted') OR "
	    "(status = 'declined' AND decided_at >= ?))", NULL},
	/* Requests organization ?1 has asked that wait for an answer. */
	[ST_PTN_OPEN_COUNT] = {"ptn_open_count",
	    "SELECT count(*) FROM partner_requests WHERE from_org = ? AND status = 'pending'", NULL},
	/* Request ?6, pending, becomes ?1 (accepted, declined), decided by ?2 at
	 * ?3, the asked side's contact ?4 and the contacts' conversation ?5. */
	[ST_PTN_DECIDE] = {"ptn_decide",
	    "UPDATE partner_requests SET status = ?, decided_by = ?, decided_at = ?, "
	    "to_contact = ?, conversation_id = ? WHERE id = ? AND status = 'pending'", NULL},
	/* For ?1's export: the requests they asked or are a contact person of
	 * (?1 = ?2 = ?3), oldest first. */
	[ST_PTN_OF_PERSON] = {"ptn_of_person",
	    "SELECT " PTN_COLS PTN_FROM "WHERE p.asked_by = ? OR p.from_contact = ? OR "
	    "p.to_contact = ? ORDER BY p.id", NULL},

	/* ---- the weekly digest (migration 43) ---- */
	/* The active, verified people after id ?2 who want the digest (their
	 * choice, else on for members and focal points) and have had none in
	 * week ?1; at most ?3. */
	[ST_DIGEST_PEOPLE] = {"digest_people",
	    "SELECT u.id, u.role FROM users u WHERE u.status = 'active' AND u.deleted_at IS NULL "
	    "AND u.verified_at IS NOT NULL AND COALESCE((SELECT s.enabled FROM digest_settings s "
	    "WHERE s.user_id = u.id), CASE WHEN u.role IN ('member','focal') THEN 1 ELSE 0 END) = 1 "
	    "AND NOT EXISTS (SELECT 1 FROM digest_sent d WHERE d.user_id = u.id AND d.week = ?) "
	    "AND u.id > ? ORDER BY u.id LIMIT ?", NULL},
	[ST_DIGEST_LAST] = {"digest_last",
	    "SELECT sent_at, opps FROM digest_sent WHERE user_id = ? ORDER BY week DESC LIMIT 1",
	    NULL},
	/* The digest of person ?1 in week ?2: a row only the first adds. */
	[ST_DIGEST_CLAIM] = {"digest_claim",
	    "INSERT INTO digest_sent (user_id, week, sent_at, news, opportunities, threads, opps) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, week) DO NOTHING", NULL},
	[ST_DIGEST_SETTING_GET] = {"digest_setting_get",
	    "SELECT enabled FROM digest_settings WHERE user_id = ?", NULL},
	[ST_DIGEST_SETTING_SET] = {"digest_setting_set",
	    "INSERT INTO digest_settings (user_id, enabled, updated_at) VALUES (?, ?, ?) "
	    "ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled, "
	    "updated_at = excluded.updated_at", NULL},
	[ST_DIGEST_WEEK_COUNT] = {"digest_week_count",
	    "SELECT count(*) FROM digest_sent WHERE week = ?", NULL},
	[ST_DIGEST_RUN_ADD] = {"digest_run_add",
	    "INSERT INTO digest_runs (ran_at, week, mailed, manual) VALUES (?, ?, ?, ?)", NULL},
	[ST_DIGEST_RUNS] = {"digest_runs",
	    "SELECT id, ran_at, week, mailed, manual FROM digest_runs ORDER BY id DESC "
	    "LIMIT ? OFFSET ?", NULL},
	[ST_DIGEST_RUNS_COUNT] = {"digest_runs_count", "SELECT count(*) FROM digest_runs", NULL},
	[ST_DIGEST_MINE] = {"digest_mine",
	    "SELECT week, sent_at, news, opportunities, threads FROM digest_sent WHERE "
	    "user_id = ? ORDER BY week", NULL},
	/* The items published in [?1, ?2] (the second of the last digest counts,
	 * lest one published in it be missed), the members' ones too when ?3 is 1,
	 * newest first; at most ?4.  Never a draft. */
	[ST_NEWS_SINCE] = {"news_since",
	    "SELECT n.id, n.slug, n.kind, n.title, n.published_at FROM news n WHERE "
	    "n.status = 'published' AND n.published_at >= ? AND n.published_at <= ? AND "
	    "(? = 1 OR n.visibility = 'public') ORDER BY n.published_at DESC, n.id DESC LIMIT ?",
	    NULL},
	/* The threads person ?3 (?6, ?7, ?8) follows (the thread, or its forum
	 * unless they stopped following the thread) with visible replies by
	 * others in [?1, ?2] (?4 = ?1); the nongovernmental forums only when
	 * ?5 is 1; the most recent first, at most ?9.  Counts, never a post's
	 * text. */
	[ST_FORUM_DIGEST] = {"forum_digest",
	    "SELECT x.id, x.forum_id, x.title, x.forum, x.audience, x.n FROM (SELECT t.id, "
	    "t.forum_id, t.title, f.title AS forum, f.audience, t.last_post_at, (SELECT count(*) "
	    "FROM forum_posts p WHERE p.thread_id = t.id AND p.status = 'visible' AND "
	    "p.flag_hidden = 0 AND p.created_at >= ? AND p.created_at <= ? AND "
	    "(p.user_id IS NULL OR p.user_id <> ?)) AS n FROM forum_threads t JOIN forums f ON "
	    "f.id = t.forum_id WHERE t.last_post_at >= ? AND (f.audience = 'members' OR ? = 1) "
	    "AND (EXISTS (SELECT 1 FROM forum_subscriptions s WHERE s.user_id = ? AND "
	    "s.forum_id = t.forum_id AND s.thread_id = t.id AND s.active = 1) OR (EXISTS (SELECT "
	    "1 FROM forum_subscriptions s WHERE s.user_id = ? AND s.forum_id = t.forum_id AND "
	    "s.thread_id = 0 AND s.active = 1) AND NOT EXISTS (SELECT 1 FROM forum_subscriptions "
	    "s WHERE s.user_id = ? AND s.forum_id = t.forum_id AND s.thread_id = t.id AND "
	    "s.active = 0)))) x WHERE x.n > 0 ORDER BY x.last_post_at DESC, x.id DESC LIMIT ?",
	    NULL},
	/* A message's List-Unsubscribe address (RFC 2369, 8058), migration 43. */
	[ST_OUTBOX_SET_UNSUB] = {"outbox_set_unsub",
	    "UPDATE outbox SET list_unsubscribe = ? WHERE id = ?", NULL},
	/* Request ?1's asking contact person, who left their organization
	 * before the answer, is no longer named. */
	[ST_PTN_CONTACT_CLEAR] = {"ptn_contact_clear",
	    "UPDATE partner_requests SET from_contact = NULL WHERE id = ?", NULL},
	/* Whether ?2 has an open report of conversation ?1 (one at a time). */
	[ST_MSG_REPORT_OPEN] = {"msg_report_open",
	    "SELECT count(*) FROM message_reports WHERE conversation_id = ? AND reporter_id = ? "
	    "AND status = 'open'", NULL},
};
_Static_assert(sizeof db_stmt_texts / sizeof db_stmt_texts[0] == DB_STMT__MAX,
    "every enum db_stmt needs its row in db_stmt_texts");


/*
 * How many result columns each statement returns that returns more than one:
 * the __MAX of the enum statements.h names them by.  tests/unit/db_test.c
 * holds every statement to it on both backends; a statement left out here
 * may return one column or none.
 */
const int db_stmt_cols[DB_STMT__MAX] = {
	[ST_MSG_CONV_LOCK] = MSG_LOCK_C__MAX,
	[ST_MSG_CONV_GET] = MSG_CONV_C__MAX,
	[ST_MSG_CONV_LIST] = MSG_CONV_C__MAX,
	[ST_MSG_LIST] = MSG_C__MAX,
	[ST_MSG_TAIL] = MSG_C__MAX,
	[ST_MSG_MINE] = MSG_MINE_C__MAX,
	[ST_MSG_REPORT_LIST] = MSG_REP_C__MAX,
	[ST_MSG_STAFF] = MSG_STAFF_C__MAX,
	[ST_PTN_GET] = PTN_C__MAX,
	[ST_PTN_OF_ORG] = PTN_C__MAX,
	[ST_PTN_ALL] = PTN_C__MAX,
	[ST_PTN_OF_PERSON] = PTN_C__MAX,
	[ST_USER_BY_EMAIL] = USER_C__MAX,
	[ST_USER_BY_ID] = USER_C__MAX,
	[ST_USER_LIST] = USER_C__MAX,
	[ST_SESSION_GET] = SESSION_C__MAX,
	[ST_TOKEN_GET] = TOKEN_GET_C__MAX,
	[ST_OUTBOX_GET] = OUTBOX_GET_C__MAX,
	[ST_AUDIT_LIST] = AUDIT_LIST_C__MAX,
	[ST_ORG_HISTORY] = ORG_HISTORY_C__MAX,
	[ST_THEME_LIST] = THEME_LIST_C__MAX,
	[ST_MSG_TEMPLATE_GET] = MSG_TEMPLATE_GET_C__MAX,
	[ST_MSG_TEMPLATE_LIST] = MSG_TEMPLATE_LIST_C__MAX,
	[ST_ORG_GET] = ORG_C__MAX,
	[ST_FILE_GET] = FILE_GET_C__MAX,
	[ST_ORG_LIST] = ORG_C__MAX,
	[ST_ORG_INDEX_ALL] = ORG_INDEX_C__MAX,
	[ST_ORG_INDEX_ONE] = ORG_INDEX_C__MAX,
	[ST_ORG_INDEX_SINCE] = ORG_INDEX_C__MAX,
	[ST_ORG_REMOVED_SINCE] = ORG_REMOVED_SINCE_C__MAX,
	[ST_ORG_DUPS] = ORG_DUPS_C__MAX,
	[ST_ORG_CHANGE_LIST] = ORG_CHANGE_LIST_C__MAX,
	[ST_MEMBER_GET] = MEMBER_GET_C__MAX,
	[ST_MEMBER_LIST] = MEMBER_LIST_C__MAX,
	[ST_MEMBER_ADMINS] = MEMBER_ADMINS_C__MAX,
	[ST_APP_FOR_ORG] = APP_C__MAX,
	[ST_APP_GET] = APP_C__MAX,
	[ST_APP_LIST] = APP_C__MAX,
	[ST_APP_COUNT_STATUS] = APP_COUNT_STATUS_C__MAX,
	[ST_APP_BY_USER] = APP_C__MAX,
	[ST_APP_DUPS] = APP_DUPS_C__MAX,
	[ST_APP_EVENT_LIST] = APP_EVENT_LIST_C__MAX,
	[ST_DRAFT_GET] = DRAFT_GET_C__MAX,
	[ST_ORG_DUP_KEYS] = ORG_DUP_KEYS_C__MAX,
	[ST_ORG_KEYS_STALE] = ORG_KEYS_STALE_C__MAX,
	[ST_APP_KEYS_STALE] = APP_KEYS_STALE_C__MAX,
	[ST_APP_DATA_OF_USER] = APP_DATA_OF_USER_C__MAX,
	[ST_TOKEN_PEEK] = TOKEN_PEEK_C__MAX,
	[ST_APP_RECENT_BY_USER] = APP_RECENT_BY_USER_C__MAX,
	[ST_ORG_SAME_NAME] = ORG_SAME_NAME_C__MAX,
	[ST_USER_ORG_STANDING] = USER_ORG_STANDING_C__MAX,
	[ST_MEMBER_REVIEW_LIST] = MEMBER_REVIEW_LIST_C__MAX,
	[ST_JOB_CLAIM] = JOB_CLAIM_C__MAX,
	[ST_JOB_GET] = JOB_C__MAX,
	[ST_JOB_LIST] = JOB_C__MAX,
	[ST_JOB_LIST_STATUS] = JOB_C__MAX,
	[ST_FILE_STAT] = FILE_STAT_C__MAX,
	[ST_BACKOFF_GET] = BACKOFF_GET_C__MAX,
	[ST_INVITES_OF] = INVITES_OF_C__MAX,
	[ST_MEMBER_ORGS_OF] = MEMBER_ORGS_OF_C__MAX,
	[ST_SESSION_LIST_USER] = SESSION_LIST_USER_C__MAX,
	[ST_AUDIT_OF_USER] = AUDIT_OF_USER_C__MAX,
	[ST_EXPERT_GET] = EXPERT_C__MAX,
	[ST_EXPERT_LIST] = EXPERT_C__MAX,
	[ST_RES_GET] = RES_C__MAX,
	[ST_RES_LIST] = RES_C__MAX,
	[ST_RES_FACET_KIND] = RES_FACET_C__MAX,
	[ST_RES_FACET_YEAR] = RES_FACET_C__MAX,
	[ST_RES_FACET_TERM] = RES_FACET_C__MAX,
	[ST_RES_FILES] = RES_FILES_C__MAX,
	[ST_RES_FILE_GET] = RES_FILE_GET_C__MAX,
	[ST_RES_SEARCH_OF] = RES_SEARCH_OF_C__MAX,
	[ST_EV_GET] = EV_C__MAX,
	[ST_EV_LIST] = EV_C__MAX,
	[ST_EV_OPEN_FOR] = EV_OPEN_C__MAX,
	[ST_EV_FACET_KIND] = EV_FACET_C__MAX,
	[ST_EV_FACET_MONTH] = EV_FACET_C__MAX,
	[ST_EV_FACET_TERM] = EV_FACET_C__MAX,
	[ST_EV_REG_GET] = EV_REG_C__MAX,
	[ST_EV_REG_OF_USER] = EV_REG_C__MAX,
	[ST_EV_REG_EXPORT] = EV_REG_X_C__MAX,
	[ST_EV_REG_LIST] = EV_REG_C__MAX,
	[ST_EV_REG_TAKEN] = 2,
	[ST_EV_REG_FIND] = EV_REGX_C__MAX,
	[ST_EV_REG_STATUS_COUNTS] = 2,
	[ST_EV_REG_ORGS] = 2,
	[ST_EV_SEED_PEOPLE] = 2,
	[ST_RES_INDEX_ALL] = RES_INDEX_C__MAX,
	[ST_RES_INDEX_ONE] = RES_INDEX_C__MAX,
	[ST_RES_FILES_ALL] = RES_FILES_ALL_C__MAX,
	[ST_RES_ORGS] = RES_ORGS_C__MAX,
	[ST_RES_CHANGED_SINCE] = 2,
	[ST_RES_MATCH_IDS] = 2,
	[ST_RES_FTS_BOTH] = 2,
	[ST_CAL_EVENT] = CAL_C__MAX,
	[ST_CAL_PUBLIC] = CAL_C__MAX,
	[ST_CAL_PERSONAL] = CAL_C__MAX,
	[ST_CAL_TOKEN_GET] = CAL_TOKEN_C__MAX,
	[ST_EV_NOTIFY_LIST] = EV_NOTIFY_C__MAX,
	[ST_EV_REMIND_DUE] = EV_REMIND_C__MAX,
	[ST_EV_MSG_GET] = EV_MSG_C__MAX,
	[ST_EV_MSG_LIST] = EV_MSG_LIST_C__MAX,
	[ST_CALL_GET] = CALL_C__MAX,
	[ST_CALL_LIST] = CALL_C__MAX,
	[ST_CAPP_GET] = CAPP_C__MAX,
	[ST_CAPP_OF_USER] = CAPP_C__MAX,
	[ST_CAPP_EXPORT] = CAPP_X_C__MAX,
	[ST_CAPP_OF_ORG] = CAPP_C__MAX,
	[ST_CAPP_LIST] = CAPP_C__MAX,
	[ST_CALL_SEED_WORKSHOP] = 2,
	[ST_CAPP_STATUS_COUNTS] = 2,
	[ST_CALL_SCORE_LIST] = CALL_SCORE_C__MAX,
	[ST_CAPP_FILE_LIST] = CAPP_FILE_C__MAX,
	[ST_CAPP_FILE_ONE] = CAPP_FILE_C__MAX,
	[ST_CAPP_FILES_OF_USER] = CAPP_UFILE_C__MAX,
	[ST_MTG_BODY_LIST] = MTG_BODY_C__MAX,
	[ST_MTG_GET] = MTG_C__MAX,
	[ST_MTG_LIST] = MTG_C__MAX,
	[ST_MTG_OPEN_WINDOWS] = MTG_C__MAX,
	[ST_MTG_FACET_BODY] = 2,
	[ST_MTG_FACET_YEAR] = 2,
	[ST_MTG_NOM_GET] = MTG_NOM_C__MAX,
	[ST_MTG_NOM_LIST] = MTG_NOM_C__MAX,
	[ST_MTG_NOM_APPROVED] = MTG_DESK_C__MAX,
	[ST_MTG_NOM_ORGS] = 2,
	[ST_MTG_NOM_OF_EMAIL] = MTG_MINE_C__MAX,
	[ST_REV_GET] = REV_C__MAX,
	[ST_REV_LIST] = REV_C__MAX,
	[ST_REV_FOCALS] = REV_FOCAL_C__MAX,
	[ST_REV_ORGS_OF_COUNTRY] = ORG_C__MAX,
	[ST_REV_COUNTRY_MEETINGS] = REV_MTG_C__MAX,
	[ST_MTG_SE_GET] = MTG_SE_C__MAX,
	[ST_MTG_SE_LIST] = MTG_SE_C__MAX,
	[ST_MTG_SE_PROGRAMME] = MTG_SE_C__MAX,
	[ST_MTG_SE_HELD] = MTG_SE_C__MAX,
	[ST_MTG_SE_ORGS] = 2,
	[ST_MTG_SE_OPEN_WINDOWS] = MTG_C__MAX,
	[ST_MTG_SE_SEED_ORGS] = 1,
	[ST_INI_GET] = INI_C__MAX,
	[ST_INI_LIST] = INI_C__MAX,
	[ST_INI_OF_COUNTRY] = INI_C__MAX,
	[ST_INI_FACET_COUNTRY] = 2,
	[ST_INI_FACET_STATUS] = 2,
	[ST_INI_PART_LIST] = INI_PART_C__MAX,
	[ST_INI_PART_OF_USER] = INI_MINE_C__MAX,
	[ST_INI_PART_OF_ORG] = INI_MINE_C__MAX,
	[ST_INI_RECIPIENTS] = INI_RCPT_C__MAX,
	[ST_INI_OUT_GET] = INI_OUT_C__MAX,
	[ST_INI_OUT_LIST] = INI_OUT_C__MAX,
	[ST_INI_UPD_LIST] = INI_UPD_C__MAX,
	[ST_INI_CSV] = INI_CSV_C__MAX,
	[ST_INI_UPD_GET] = INI_UPD_C__MAX,
	[ST_INI_EVENT_BRIEF] = INI_BRIEF_C__MAX,
	[ST_INI_RES_BRIEF] = INI_BRIEF_C__MAX,
	[ST_SPK_OPEN_WINDOWS] = MTG_C__MAX,
	[ST_SPK_GET] = SPK_C__MAX,
	[ST_SPK_LIST] = SPK_C__MAX,
	[ST_SPK_LISTS] = 2,
	[ST_SPK_SEED_ORGS] = 2,
	[ST_DLG_GET] = DLG_C__MAX,
	[ST_DLG_LIST] = DLG_C__MAX,
	[ST_DLG_SESSION] = DLG_S_C__MAX,
	[ST_DLG_PEOPLE] = DLG_P_C__MAX,
	[ST_DLG_APPROVED_OF] = DLG_A_C__MAX,
	[ST_DLG_OF_EVENT] = DLG_EV_C__MAX,
	[ST_DLG_INPUT_LIST] = DLG_IN_C__MAX,
	[ST_DLG_FOR_SESSION] = DLG_SH_C__MAX,
	[ST_DLG_OF_COUNTRY] = DLG_SH_C__MAX,
	[ST_DLG_AHEAD_OF_COUNTRY] = DLG_AH_C__MAX,
	[ST_DLG_INV_LIST] = DLG_INV_C__MAX,
	[ST_DLG_INV_FOCAL] = DLG_INV_C__MAX,
	[ST_DLG_INV_FOCALS] = DLG_INV_C__MAX,
	[ST_DLG_OF_PERSON] = DLG_SH_C__MAX,
	[ST_DLG_MEMBERS] = 3,
	[ST_DLG_EXPORT_APPS] = DLG_XA_C__MAX,
	[ST_DLG_EXPORT_INPUTS] = DLG_XI_C__MAX,
	[ST_CRS_GET] = CRS_C__MAX,
	[ST_CRS_LIST] = CRS_C__MAX,
	[ST_CRS_MODULES] = CRS_MOD_C__MAX,
	[ST_CRS_MODULE_GET] = CRS_MOD_C__MAX,
	[ST_CRS_LESSONS] = CRS_LESSON_C__MAX,
	[ST_CRS_LESSON_GET] = CRS_LESSON_C__MAX,
	[ST_CRS_COHORT_GET] = CRS_COHORT_C__MAX,
	[ST_CRS_COHORT_LIST] = CRS_COHORT_C__MAX,
	[ST_CRS_TUTORS] = CRS_TUTOR_C__MAX,
	[ST_CRS_ENROLMENTS] = CRS_ENROL_C__MAX,
	[ST_CRS_ACCESS] = CRS_ACCESS_C__MAX,
	[ST_CRS_QUIZ_GET] = CRS_QUIZ_C__MAX,
	[ST_CRS_QUIZZES] = CRS_QUIZ_C__MAX,
	[ST_CRS_ATTEMPTS] = CRS_ATTEMPT_C__MAX,
	[ST_CRS_TASK_GET] = CRS_TASK_C__MAX,
	[ST_CRS_TASKS] = CRS_TASK_C__MAX,
	[ST_CRS_TASKS_STATE] = CRS_TSTATE_C__MAX,
	[ST_CRS_COHORT_ROLE] = CRS_KROLE_C__MAX,
	[ST_CRS_POST_GET] = CRS_POST_C__MAX,
	[ST_CRS_POST_MINE] = CRS_POST_C__MAX,
	[ST_CRS_POSTS] = CRS_POST_C__MAX,
	[ST_CRS_REPLIES] = CRS_POST_C__MAX,
	[ST_CRS_MINE] = CRS_POST_C__MAX,
	[ST_CRS_PERSON] = CRS_PERSON_C__MAX,
	[ST_CRS_TABLE] = CRS_TABLE_C__MAX,
	[ST_CRS_MSG_LIST] = CRS_MSG_C__MAX,
	[ST_CRS_MSG_MINE] = CRS_MSG_C__MAX,
	[ST_CRT_BY_CODE] = CRT_C__MAX,
	[ST_CRT_OF_PERSON] = CRT_C__MAX,
	[ST_CRT_OF_USER] = CRT_C__MAX,
	[ST_CRT_RATES] = CRT_RATE_C__MAX,
	[ST_CRT_OF_COURSE] = CRT_C__MAX,
	[ST_CRS_MY_ENROLMENTS] = CRS_MYE_C__MAX,
	[ST_CRS_MY_READS] = CRS_MYR_C__MAX,
	[ST_CRS_MY_ATTEMPTS] = CRS_MYA_C__MAX,
	[ST_CRS_MY_POSTS] = CRS_MYP_C__MAX,
	[ST_CRS_MY_MESSAGES] = CRS_MYM_C__MAX,
	[ST_CRS_MY_REMINDERS] = CRS_MYN_C__MAX,
	[ST_MTG_NOM_ELSEWHERE] = MTG_ELSE_C__MAX,
	[ST_NEWS_GET] = NEWS_C__MAX,
	[ST_NEWS_BY_SLUG] = NEWS_C__MAX,
	[ST_NEWS_LIST] = NEWS_C__MAX,
	[ST_NEWS_MINE] = NEWS_MINE_C__MAX,
	[ST_PAGE_GET] = PAGE_C__MAX,
	[ST_PAGE_LIST] = PAGE_LIST_C__MAX,
	[ST_PAGE_HISTORY] = PAGE_HIST_C__MAX,
	[ST_FORUM_LIST] = FORUM_C__MAX,
	[ST_FORUM_GET] = FORUM_C__MAX,
	[ST_FORUM_STANDING] = FORUM_ST_C__MAX,
	[ST_FORUM_AUTHOR_ORGS] = FORUM_AO_C__MAX,
	[ST_FORUM_THREADS] = FTH_C__MAX,
	[ST_FORUM_THREAD_GET] = FTH_C__MAX,
	[ST_FORUM_POSTS] = FP_C__MAX,
	[ST_FORUM_POST_GET] = FP_C__MAX,
	[ST_FORUM_FLAG_QUEUE] = FF_C__MAX,
	[ST_FORUM_FOLLOWERS] = FFO_C__MAX,
	[ST_FORUM_MAILSTATE_GET] = FML_C__MAX,
	[ST_FORUM_MY_POSTS] = FMY_C__MAX,
	[ST_DIGEST_PEOPLE] = DGP_C__MAX,
	[ST_DIGEST_LAST] = DGL_C__MAX,
	[ST_DIGEST_RUNS] = DGR_C__MAX,
	[ST_DIGEST_MINE] = DGM_C__MAX,
	[ST_NEWS_SINCE] = NSI_C__MAX,
	[ST_FORUM_DIGEST] = FDG_C__MAX,
};

/* ---- migrations ------------------------------------------------------ */

#define SQLITE_ID "INTEGER PRIMARY KEY"
#define PG_ID "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

#define M1(ID) \
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);" \
	"CREATE TABLE users (" \
	" id " ID "," \
	" email TEXT NOT NULL UNIQUE," \
	" name TEXT NOT NULL," \
	" password_hash TEXT NOT NULL," \
	" role TEXT NOT NULL CHECK (role IN ('applicant','member','focal','staff','admin'))," \
	" status TEXT NOT NULL CHECK (status IN ('active','disabled'))," \
	" locale TEXT, tz TEXT, org_id BIGINT," \
	" verified_at BIGINT, locked_at BIGINT, country TEXT," \
	" fail_window_start BIGINT NOT NULL DEFAULT 0, fail_count INTEGER NOT NULL DEFAULT 0," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE TABLE sessions (" \
	" id_hash TEXT PRIMARY KEY," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL, created_at BIGINT NOT NULL, seen_at BIGINT NOT NULL, ip TEXT);" \
	"CREATE INDEX sessions_user ON sessions(user_id);" \
	"CREATE TABLE tokens (" \
	" hash TEXT PRIMARY KEY, kind TEXT NOT NULL," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" data TEXT, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT);" \
	"CREATE TABLE outbox (" \
	" id " ID "," \
	" to_addr TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL," \
	" message_id TEXT NOT NULL UNIQUE," \
	" status TEXT NOT NULL, attempts INTEGER NOT NULL, next_at BIGINT NOT NULL," \
	" claimed_at BIGINT, sent_at BIGINT, last_error TEXT, created_at BIGINT NOT NULL);" \
	"CREATE INDEX outbox_due ON outbox(status, next_at);" \
	"CREATE TABLE audit_log (" \
	" id " ID "," \
	" at BIGINT NOT NULL, user_id BIGINT, action TEXT NOT NULL, ip TEXT, detail TEXT);"

#define THEME(code, en, fr, pos) \
	"INSERT INTO themes (code, name_en, name_fr, position, active) VALUES ('" code "', '" \
	en "', '" fr "', " #pos ", 1);"

/* Organizations, membership applications, reference data, stored files. */
#define M2(ID, BLOB) \
	"CREATE TABLE files (" \
	" id " ID "," \
	" kind TEXT NOT NULL, type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL," \
	" data " BLOB " NOT NULL, user_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL);" \
	"CREATE TABLE themes (code TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_fr TEXT," \
	" position INTEGER NOT NULL, active INTEGER NOT NULL);" \
	THEME("trafficking_in_persons", "Trafficking in persons", "Traite des personnes", 1) \
	THEME("smuggling_of_migrants", "Smuggling of migrants", "Trafic illicite de migrants", 2) \
	THEME("firearms", "Firearms", "Armes à feu", 3) \
	THEME("corruption", "Corruption", "Corruption", 4) \
	THEME("cybercrime", "Cybercrime", "Cybercriminalité", 5) \
	THEME("money_laundering", "Money laundering", "Blanchiment d''argent", 6) \
	THEME("drug_trafficking", "Drug trafficking", "Trafic de drogues", 7) \
	THEME("drug_prevention", "Drug prevention and treatment", \
	    "Prévention et traitement de l''usage de drogues", 8) \
	THEME("wildlife_crime", "Wildlife and forest crime", \
	    "Criminalité liée aux espèces sauvages et aux forêts", 9) \
	THEME("environmental_crime", "Crimes affecting the environment", \
	    "Criminalité portant atteinte à l''environnement", 10) \
	THEME("terrorism_prevention", "Terrorism prevention", "Prévention du terrorisme", 11) \
	THEME("criminal_justice", "Criminal justice reform", "Réforme de la justice pénale", 12) \
	THEME("victims_rights", "Victims'' rights", "Droits des victimes", 13) \
	THEME("gender", "Gender and crime", "Genre et criminalité", 14) \
	THEME("youth", "Youth and crime", "Jeunesse et criminalité", 15) \
	"CREATE TABLE organizations (" \
	" id " ID "," \
	" name TEXT NOT NULL, acronym TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL," \
	" country TEXT NOT NULL, countries TEXT NOT NULL DEFAULT '[]', region TEXT," \
	" website TEXT NOT NULL DEFAULT '', website_domain TEXT NOT NULL DEFAULT ''," \
	" founded INTEGER, size TEXT NOT NULL DEFAULT '', description TEXT NOT NULL," \
	" themes TEXT NOT NULL DEFAULT '[]', languages TEXT NOT NULL DEFAULT '[]'," \
	" ecosoc_status TEXT NOT NULL DEFAULT 'none', social TEXT NOT NULL DEFAULT '[]'," \
	" contact_name TEXT NOT NULL DEFAULT '', contact_title TEXT NOT NULL DEFAULT ''," \
	" contact_email TEXT NOT NULL DEFAULT '', contact_phone TEXT NOT NULL DEFAULT ''," \
	" contact_role TEXT NOT NULL DEFAULT '', visibility TEXT NOT NULL DEFAULT '{}'," \
	" status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','suspended'))," \
	" norm_name TEXT NOT NULL, norm_acronym TEXT NOT NULL DEFAULT ''," \
	" email_domain TEXT NOT NULL DEFAULT ''," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL," \
	" approved_by BIGINT REFERENCES users(id), approved_at BIGINT," \
	" logo_id BIGINT REFERENCES files(id));" \
	"CREATE INDEX organizations_norm ON organizations(norm_name, country);" \
	"CREATE INDEX organizations_site ON organizations(website_domain);" \
	"CREATE INDEX organizations_mail ON organizations(email_domain);" \
	"CREATE INDEX organizations_status_name ON organizations(status, name);" \
	"CREATE INDEX organizations_updated ON organizations(updated_at);" \
	"CREATE TABLE org_members (" \
	" org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" is_admin INTEGER NOT NULL, listed INTEGER NOT NULL, title TEXT NOT NULL DEFAULT ''," \
	" created_at BIGINT NOT NULL, PRIMARY KEY (org_id, user_id));" \
	"CREATE TABLE org_changes (" \
	" id " ID "," \
	" org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" at BIGINT NOT NULL, user_id BIGINT, changes TEXT NOT NULL);" \
	"CREATE INDEX org_changes_org ON org_changes(org_id);" \
	"CREATE TABLE applications (" \
	" id " ID "," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL CHECK (kind IN ('organization','join','focal'))," \
	" org_id BIGINT REFERENCES organizations(id), country TEXT NOT NULL DEFAULT ''," \
	" data TEXT NOT NULL," \
	" status TEXT NOT NULL CHECK (status IN ('unverified','pending','info_requested'," \
	"  'approved','rejected'))," \
	" reason TEXT, duplicates TEXT NOT NULL DEFAULT '[]'," \
	" norm_name TEXT NOT NULL DEFAULT '', norm_acronym TEXT NOT NULL DEFAULT ''," \
	" website_domain TEXT NOT NULL DEFAULT '', email_domain TEXT NOT NULL DEFAULT ''," \
	" submitted_at BIGINT NOT NULL, decided_at BIGINT, decided_by BIGINT REFERENCES users(id)," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX applications_status ON applications(status, submitted_at);" \
	"CREATE INDEX applications_user ON applications(user_id);" \
	"CREATE INDEX applications_norm ON applications(norm_name, country);" \
	"CREATE TABLE application_events (" \
	" id " ID "," \
	" application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE," \
	" at BIGINT NOT NULL, user_id BIGINT, action TEXT NOT NULL, note TEXT);" \
	"CREATE INDEX application_events_app ON application_events(application_id);" \
	"CREATE TABLE message_templates (code TEXT PRIMARY KEY, subject TEXT NOT NULL," \
	" body TEXT NOT NULL, updated_at BIGINT, updated_by BIGINT);" \
	"INSERT INTO message_templates (code, subject, body) VALUES ('application_rejected'," \
	" 'Your application to join {{{site}}}'," \
	" 'Hello {{{name}}},\n\nThank you for applying to join {{{site}}} on behalf of " \
	"{{{org}}}. After review, we cannot accept the application.\n\nReason: {{{reason}}}\n\n" \
	"If you have questions, reply to this message.\n');" \
	"CREATE TABLE drafts (user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" form TEXT NOT NULL, data TEXT NOT NULL, updated_at BIGINT NOT NULL," \
	" PRIMARY KEY (user_id, form));"

/* 3: text search over organizations (search.h) and a log of deleted
 * organizations, so every node's directory index drops them. */
#define M3_SQLITE \
	"ALTER TABLE organizations ADD COLUMN search_title TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE organizations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';" \
	"CREATE VIRTUAL TABLE org_fts USING fts5(search_title, search_text," \
	" content='organizations', content_rowid='id'," \
	" tokenize='unicode61 remove_diacritics 2');" \
	"CREATE TRIGGER org_fts_insert AFTER INSERT ON organizations BEGIN" \
	" INSERT INTO org_fts(rowid, search_title, search_text)" \
	" VALUES (new.id, new.search_title, new.search_text); END;" \
	"CREATE TRIGGER org_fts_delete AFTER DELETE ON organizations BEGIN" \
	" INSERT INTO org_fts(org_fts, rowid, search_title, search_text)" \
	" VALUES ('delete', old.id, old.search_title, old.search_text); END;" \
	"CREATE TRIGGER org_fts_update AFTER UPDATE OF search_title, search_text" \
	" ON organizations BEGIN" \
	" INSERT INTO org_fts(org_fts, rowid, search_title, search_text)" \
	" VALUES ('delete', old.id, old.search_title, old.search_text);" \
	" INSERT INTO org_fts(rowid, search_title, search_text)" \
	" VALUES (new.id, new.search_title, new.search_text); END;" \
	"CREATE TABLE org_removed (seq INTEGER PRIMARY KEY, org_id BIGINT NOT NULL);" \
	"CREATE TRIGGER org_removed_log AFTER DELETE ON organizations BEGIN" \
	" INSERT INTO org_removed(org_id) VALUES (old.id); END;"
#define M3_PG \
	"ALTER TABLE organizations ADD COLUMN search_title TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE organizations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE organizations ADD COLUMN search tsvector GENERATED ALWAYS AS" \
	" (setweight(to_tsvector('simple', search_title), 'A') ||" \
	" to_tsvector('simple', search_text)) STORED;" \
	"CREATE INDEX organizations_search ON organizations USING GIN (search);" \
	"CREATE TABLE org_removed (seq " PG_ID ", org_id BIGINT NOT NULL);" \
	"CREATE FUNCTION org_removed_log() RETURNS trigger LANGUAGE plpgsql AS" \
	" $$ BEGIN INSERT INTO org_removed(org_id) VALUES (OLD.id); RETURN NULL; END $$;" \
	"CREATE TRIGGER org_removed_log AFTER DELETE ON organizations" \
	" FOR EACH ROW EXECUTE FUNCTION org_removed_log();"

/* 5: who added a person to an organization and how, and whether staff
 * still have to look at it (review: '' none, 'pending', 'kept'). */
#define M5 \
	"ALTER TABLE org_members ADD COLUMN added_by BIGINT REFERENCES users(id) " \
	" ON DELETE SET NULL;" \
	"ALTER TABLE org_members ADD COLUMN added_how TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE org_members ADD COLUMN review TEXT NOT NULL DEFAULT '';" \
	"CREATE INDEX org_members_user ON org_members(user_id);" \
	"CREATE INDEX org_members_review ON org_members(review);"
/* 7: background jobs (src/jobs/jobs.h) and files in chunks (src/files/files.h). */
#define M7(ID, BLOB) \
	"CREATE TABLE jobs (id " ID ", kind TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}'," \
	" status TEXT NOT NULL CHECK (status IN ('queued','running','done','failed'))," \
	" run_after BIGINT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0," \
	" claimed_by TEXT, claimed_until BIGINT, last_error TEXT, progress TEXT, result TEXT," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, done_at BIGINT);" \
	"CREATE INDEX jobs_due ON jobs(status, run_after);" \
	"ALTER TABLE files ADD COLUMN name TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE files ADD COLUMN chunked INTEGER NOT NULL DEFAULT 0;" \
	"CREATE TABLE file_chunks (" \
	" file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE," \
	" n INTEGER NOT NULL, data " BLOB " NOT NULL, PRIMARY KEY (file_id, n));"
/* 8 (issue 9): the domain fixed when staff approved an organization, which
 * invitations are compared with instead of the website its admins edit;
 * organizations approved before take their website's domain of now. */
#define M8 \
	"ALTER TABLE organizations ADD COLUMN approved_domain TEXT NOT NULL DEFAULT '';" \
	"UPDATE organizations SET approved_domain = website_domain" \
	" WHERE status IN ('approved', 'suspended');"
/* 6: the sign-in back-off replaces the account lock-out (issue 9, finding
 * 7): failures are counted per account, per known browser and per address
 * under a keyed hash, and accounts locked before are unlocked. */
#define M6 \
	"CREATE TABLE signin_backoff (key TEXT PRIMARY KEY, fails BIGINT NOT NULL," \
	" last_at BIGINT NOT NULL, next_at BIGINT NOT NULL);" \
	"CREATE INDEX signin_backoff_last ON signin_backoff(last_at);" \
	"UPDATE users SET locked_at = NULL, fail_count = 0 WHERE locked_at IS NOT NULL" \
	" OR fail_count <> 0;"
/* 4 (issue 9): the "nongovernmental" visibility.  Contact details and
 * people that organizations showed to "members" (the old default, which
 * the edit form stored as chosen) are now hidden from state focal points;
 * each change is in the organization's history (by no one).  Explicit
 * "public" and "staff" stay.  What focal points may search, where it
 * differs from members' search (search.h), with its own text index. */
#define SQLITE_GET(v, k) "json_extract(" v ", '$." k "')"
#define SQLITE_SET(v, k) "json_set(" v ", '$." k "', 'nongovernmental')"
#define PG_GET(v, k) "(" v ")::jsonb->>'" k "'"
#define PG_SET(v, k) "((" v ")::jsonb || '{\"" k "\": \"nongovernmental\"}')::text"
#define M4_WHERE(GET) \
	" WHERE " GET("visibility", "contact") " = 'members' OR " \
	GET("visibility", "people") " = 'members'"
#define M4_SET(GET, SET, k) "UPDATE m4 SET v = " SET("v", k) " WHERE " GET("v", k) " = 'members';"
#define M4_SQLITE \
	"CREATE TEMP TABLE m4 AS SELECT id, visibility AS v FROM organizations" \
	M4_WHERE(SQLITE_GET) ";" \
	M4_SET(SQLITE_GET, SQLITE_SET, "contact") M4_SET(SQLITE_GET, SQLITE_SET, "people") \
	"INSERT INTO org_changes (org_id, at, user_id, changes) SELECT m4.id," \
	" CAST(strftime('%s', 'now') AS INTEGER), NULL, json_object('visibility'," \
	" json_array(json(o.visibility), json(m4.v))) FROM m4 JOIN organizations o" \
	" ON o.id = m4.id;" \
	"UPDATE organizations SET visibility = (SELECT v FROM m4 WHERE m4.id =" \
	" organizations.id) WHERE id IN (SELECT id FROM m4);" \
	"DROP TABLE m4;" \
	"ALTER TABLE organizations ADD COLUMN search_title_gov TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE organizations ADD COLUMN search_text_gov TEXT NOT NULL DEFAULT '';" \
	"CREATE VIRTUAL TABLE org_fts_gov USING fts5(search_title_gov, search_text_gov," \
	" content='organizations', content_rowid='id'," \
	" tokenize='unicode61 remove_diacritics 2');" \
	"INSERT INTO org_fts_gov(org_fts_gov) VALUES ('rebuild');" \
	"CREATE TRIGGER org_fts_gov_insert AFTER INSERT ON organizations BEGIN" \
	" INSERT INTO org_fts_gov(rowid, search_title_gov, search_text_gov)" \
	" VALUES (new.id, new.search_title_gov, new.search_text_gov); END;" \
	"CREATE TRIGGER org_fts_gov_delete AFTER DELETE ON organizations BEGIN" \
	" INSERT INTO org_fts_gov(org_fts_gov, rowid, search_title_gov, search_text_gov)" \
	" VALUES ('delete', old.id, old.search_title_gov, old.search_text_gov); END;" \
	"CREATE TRIGGER org_fts_gov_update AFTER UPDATE OF search_title_gov, search_text_gov" \
	" ON organizations BEGIN" \
	" INSERT INTO org_fts_gov(org_fts_gov, rowid, search_title_gov, search_text_gov)" \
	" VALUES ('delete', old.id, old.search_title_gov, old.search_text_gov);" \
	" INSERT INTO org_fts_gov(rowid, search_title_gov, search_text_gov)" \
	" VALUES (new.id, new.search_title_gov, new.search_text_gov); END;"
#define M4_PG \
	"CREATE TEMP TABLE m4 AS SELECT id, visibility AS v FROM organizations" \
	M4_WHERE(PG_GET) ";" \
	M4_SET(PG_GET, PG_SET, "contact") M4_SET(PG_GET, PG_SET, "people") \
	"INSERT INTO org_changes (org_id, at, user_id, changes) SELECT m4.id," \
	" extract(epoch FROM now())::bigint, NULL, json_build_object('visibility'," \
	" json_build_array(o.visibility::json, m4.v::json))::text FROM m4 JOIN organizations o" \
	" ON o.id = m4.id;" \
	"UPDATE organizations SET visibility = m4.v FROM m4 WHERE m4.id = organizations.id;" \
	"DROP TABLE m4;" \
	"ALTER TABLE organizations ADD COLUMN search_title_gov TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE organizations ADD COLUMN search_text_gov TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE organizations ADD COLUMN search_gov tsvector GENERATED ALWAYS AS" \
	" (setweight(to_tsvector('simple', search_title_gov), 'A') ||" \
	" to_tsvector('simple', search_text_gov)) STORED;" \
	"CREATE INDEX organizations_search_gov ON organizations USING GIN (search_gov);"

/* 10 (issue 10): mail is sent by jobs of kind "mail", not by the outbox's
 * own worker.  Every message still waiting gets its job: new ones when
 * their retry was due, ones an old worker was sending once its claim
 * would have gone stale (300 s), and their status becomes 'queued', which
 * an old worker does not claim. */
#define M10 \
	"INSERT INTO jobs (kind, payload, status, run_after, attempts, created_at, updated_at)" \
	" SELECT 'mail', '{\"outbox_id\":' || CAST(id AS TEXT) || '}', 'queued'," \
	" CASE WHEN status = 'sending' THEN coalesce(claimed_at, 0) + 300 ELSE next_at END," \
	" 0, created_at, created_at FROM outbox WHERE status IN ('new', 'sending') ORDER BY id;" \
	"UPDATE outbox SET status = 'queued' WHERE status IN ('new', 'sending');"

/* DB_MIGRATION_DUPKEYS: what makes two organizations likely duplicates is
 * stored as keys (app/orgs/dupkeys.c), one row per rule that applies, so
 * the statements that find duplicates compare equal strings.  The keys are
 * computed in C (names lose their accents), so rows stored before keep
 * keys_version 0 here and get their keys at the next start
 * (org_dupkeys_refill). */
#define M_DUPKEYS \
	"CREATE TABLE org_keys (" \
	" org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" dup_rule INTEGER NOT NULL, dup_key TEXT NOT NULL, PRIMARY KEY (org_id, dup_key));" \
	"CREATE INDEX org_keys_key ON org_keys(dup_key);" \
	"CREATE TABLE app_keys (" \
	" app_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE," \
	" dup_rule INTEGER NOT NULL, dup_key TEXT NOT NULL, PRIMARY KEY (app_id, dup_key));" \
	"CREATE INDEX app_keys_key ON app_keys(dup_key);" \
	"ALTER TABLE organizations ADD COLUMN keys_version INTEGER NOT NULL DEFAULT 0;" \
	"ALTER TABLE applications ADD COLUMN keys_version INTEGER NOT NULL DEFAULT 0;" \
	"CREATE INDEX organizations_keys_version ON organizations(keys_version);" \
	"CREATE INDEX applications_keys_version ON applications(keys_version);"
/* 12: the bytes of files from before chunks (logos) move into file_chunks,
 * FILE_CHUNK (262144) bytes a row, so every file is read, and streamed,
 * one chunk at a time; files.data is left empty. */
#define M12(SUBSTR, EMPTY) \
	"WITH RECURSIVE c(file_id, n) AS (" \
	" SELECT id, 0 FROM files WHERE chunked = 0 AND length(data) > 0" \
	" UNION ALL SELECT c.file_id, c.n + 1 FROM c JOIN files f ON f.id = c.file_id" \
	" WHERE (c.n + 1) * 262144 < length(f.data))" \
	" INSERT INTO file_chunks (file_id, n, data)" \
	" SELECT c.file_id, c.n, " SUBSTR("f.data", "c.n * 262144 + 1", "262144") \
	" FROM c JOIN files f ON f.id = c.file_id;" \
	"UPDATE files SET chunked = 1, data = " EMPTY " WHERE chunked = 0;"
/* 15 (issue 11): staff edit the themes (/staff/themes): who changed one
 * last and when, and a revision that tells every node its list is stale.
 * The themes of migration 2 stay as they are, all active. */
#define M15 \
	"ALTER TABLE themes ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;" \
	"ALTER TABLE themes ADD COLUMN updated_at BIGINT;" \
	"ALTER TABLE themes ADD COLUMN updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL;" \
	M15_REJECTED_FR
/* Mail is written in the recipient's language: the rejection letter staff
 * edit gets its French version ("<code>_fr", app/orgs/review.c). */
#define M15_REJECTED_FR \
	"INSERT INTO message_templates (code, subject, body) VALUES ('application_rejected_fr'," \
	" 'Votre demande d''adhésion à {{{site}}}'," \
	" 'Bonjour {{{name}}},\n\nMerci d''avoir demandé à rejoindre {{{site}}} au nom de " \
	"{{{org}}}. Après examen, nous ne pouvons pas accepter la demande.\n\nMotif : {{{reason}}}\n\n" \
	"Pour toute question, répondez à ce message.\n');"
#define M12_SQLITE_SUBSTR(x, from, len) "substr(" x ", " from ", " len ")"
#define M12_PG_SUBSTR(x, from, len) "substring(" x " FROM " from " FOR " len ")"

/* 13 (issue 11): when an account was deleted; its row stays, anonymized
 * (app/accounts/forget.c), so the audit log and applications still point
 * at a user. */
#define M13 \
	"ALTER TABLE users ADD COLUMN deleted_at BIGINT;"
/* 14 (issue 11): one history per organization (orgs/history.c) is read
 * from the audit log: each entry names the organization it belongs to and
 * the person it is about.  Entries written before say so in their detail
 * ("organization 12, user 7 (...)", "application 5: ..."), which fills the
 * columns here; an application's entries belong to the organization it
 * became or asked to join. */
#define M14_COMMON \
	"ALTER TABLE audit_log ADD COLUMN org_id BIGINT;" \
	"ALTER TABLE audit_log ADD COLUMN subject_id BIGINT;"
#define M14_INDEX \
	"CREATE INDEX audit_log_org ON audit_log(org_id, id);" \
	"CREATE INDEX audit_log_subject ON audit_log(subject_id);"
#define M14_SQLITE M14_COMMON \
	"UPDATE audit_log SET org_id = CAST(substr(detail, 14) AS INTEGER)" \
	" WHERE detail LIKE 'organization %' AND substr(detail, 14, 1) BETWEEN '0' AND '9';" \
	"UPDATE audit_log SET subject_id = CAST(substr(detail, instr(detail, ', user ') + 7)" \
	" AS INTEGER) WHERE org_id IS NOT NULL AND instr(detail, ', user ') > 0;" \
	"UPDATE audit_log SET subject_id = user_id WHERE action = 'organization.joined';" \
	"UPDATE audit_log SET" \
	" org_id = (SELECT p.org_id FROM applications p" \
	"  WHERE p.id = CAST(substr(audit_log.detail, 13) AS INTEGER))," \
	" subject_id = (SELECT p.user_id FROM applications p" \
	"  WHERE p.id = CAST(substr(audit_log.detail, 13) AS INTEGER))" \
	" WHERE action LIKE 'application.%' AND detail LIKE 'application %'" \
	" AND substr(detail, 13, 1) BETWEEN '0' AND '9';" \
	M14_INDEX
#define M14_PG M14_COMMON \
	"UPDATE audit_log SET org_id = substring(detail FROM '^organization ([0-9]{1,18})')::bigint" \
	" WHERE detail ~ '^organization [0-9]';" \
	"UPDATE audit_log SET subject_id = substring(detail FROM ', user ([0-9]{1,18})')::bigint" \
	" WHERE org_id IS NOT NULL AND detail ~ ', user [0-9]';" \
	"UPDATE audit_log SET subject_id = user_id WHERE action = 'organization.joined';" \
	"UPDATE audit_log SET org_id = p.org_id, subject_id = p.user_id FROM applications p" \
	" WHERE audit_log.action LIKE 'application.%' AND audit_log.detail ~ '^application [0-9]'" \
	" AND p.id = substring(audit_log.detail FROM '^application ([0-9]{1,18})')::bigint;" \
	M14_INDEX
/* 16 (issue 11): individual experts.  An application may be an expert's
 * (kind 'expert'); an approved expert has a profile in experts, keyed by
 * the person's account, with a visibility per field as organizations
 * have.  SQLite cannot change a CHECK in place: applications and the two
 * tables that refer to it are copied into new tables of the same names
 * (renaming the parent first makes the children refer to the old copy, so
 * dropping the old copies last cascades nothing). */
#define M16_APPS(ID) \
	"CREATE TABLE applications (" \
	" id " ID "," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL CHECK (kind IN ('organization','join','focal','expert'))," \
	" org_id BIGINT REFERENCES organizations(id), country TEXT NOT NULL DEFAULT ''," \
	" data TEXT NOT NULL," \
	" status TEXT NOT NULL CHECK (status IN ('unverified','pending','info_requested'," \
	"  'approved','rejected'))," \
	" reason TEXT, duplicates TEXT NOT NULL DEFAULT '[]'," \
	" norm_name TEXT NOT NULL DEFAULT '', norm_acronym TEXT NOT NULL DEFAULT ''," \
	" website_domain TEXT NOT NULL DEFAULT '', email_domain TEXT NOT NULL DEFAULT ''," \
	" submitted_at BIGINT NOT NULL, decided_at BIGINT, decided_by BIGINT REFERENCES users(id)," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL," \
	" keys_version INTEGER NOT NULL DEFAULT 0);"
#define M16_APP_COLS "id, user_id, kind, org_id, country, data, status, reason, duplicates," \
	" norm_name, norm_acronym, website_domain, email_domain, submitted_at, decided_at," \
	" decided_by, created_at, updated_at, keys_version"
#define M16_EXPERTS \
	"CREATE TABLE experts (" \
	" user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE," \
	" status TEXT NOT NULL CHECK (status IN ('approved','suspended'))," \
	" name TEXT NOT NULL, title TEXT NOT NULL DEFAULT ''," \
	" profession TEXT NOT NULL DEFAULT '', affiliation TEXT NOT NULL DEFAULT ''," \
	" country TEXT NOT NULL DEFAULT '', countries TEXT NOT NULL DEFAULT '[]'," \
	" themes TEXT NOT NULL DEFAULT '[]', languages TEXT NOT NULL DEFAULT '[]'," \
	" biography TEXT NOT NULL DEFAULT '', website TEXT NOT NULL DEFAULT ''," \
	" email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT ''," \
	" visibility TEXT NOT NULL DEFAULT '{}'," \
	" application_id BIGINT, approved_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX experts_status ON experts(status, name);"
#define M16_SQLITE \
	"ALTER TABLE applications RENAME TO m16_applications;" \
	"ALTER TABLE application_events RENAME TO m16_application_events;" \
	"ALTER TABLE app_keys RENAME TO m16_app_keys;" \
	M16_APPS(SQLITE_ID) \
	"INSERT INTO applications (" M16_APP_COLS ") SELECT " M16_APP_COLS \
	" FROM m16_applications;" \
	"CREATE TABLE application_events (" \
	" id " SQLITE_ID "," \
	" application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE," \
	" at BIGINT NOT NULL, user_id BIGINT, action TEXT NOT NULL, note TEXT);" \
	"INSERT INTO application_events (id, application_id, at, user_id, action, note)" \
	" SELECT id, application_id, at, user_id, action, note FROM m16_application_events;" \
	"CREATE TABLE app_keys (" \
	" app_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE," \
	" dup_rule INTEGER NOT NULL, dup_key TEXT NOT NULL, PRIMARY KEY (app_id, dup_key));" \
	"INSERT INTO app_keys (app_id, dup_rule, dup_key)" \
	" SELECT app_id, dup_rule, dup_key FROM m16_app_keys;" \
	"DROP TABLE m16_app_keys;" \
	"DROP TABLE m16_application_events;" \
	"DROP TABLE m16_applications;" \
	"CREATE INDEX applications_status ON applications(status, submitted_at);" \
	"CREATE INDEX applications_user ON applications(user_id);" \
	"CREATE INDEX applications_norm ON applications(norm_name, country);" \
	"CREATE INDEX applications_keys_version ON applications(keys_version);" \
	"CREATE INDEX application_events_app ON application_events(application_id);" \
	"CREATE INDEX app_keys_key ON app_keys(dup_key);" \
	M16_EXPERTS
#define M16_PG \
	"ALTER TABLE applications DROP CONSTRAINT applications_kind_check;" \
	"ALTER TABLE applications ADD CONSTRAINT applications_kind_check" \
	" CHECK (kind IN ('organization','join','focal','expert'));" \
	M16_EXPERTS

/* 17: the sweep of unclaimed uploads, now a recurring job, finds its rows
 * by kind and age without a scan; who sent a file (files.user_id, there
 * since 2 and now written for uploads) is found when an account goes. */
#define M17 \
	"CREATE INDEX files_kind_created ON files(kind, created_at);" \
	"CREATE INDEX files_user ON files(user_id);"
/* 18 (issue 11): an individual expert's rejection letter speaks to them
 * as a person, not on behalf of an organization (app/orgs/review.c picks
 * "application_rejected_expert" for kind expert); staff edit both. */
#define M18 \
	"INSERT INTO message_templates (code, subject, body) VALUES " \
	"('application_rejected_expert', 'Your application to join {{{site}}}'," \
	" 'Hello {{{name}}},\n\nThank you for applying to join {{{site}}} as an individual " \
	"expert. After review, we cannot accept your application.\n\nReason: {{{reason}}}\n\n" \
	"If you have questions, reply to this message.\n')," \
	"('application_rejected_expert_fr', 'Votre demande d''adhésion à {{{site}}}'," \
	" 'Bonjour {{{name}}},\n\nMerci d''avoir demandé à rejoindre {{{site}}} en tant " \
	"qu''expert indépendant. Après examen, nous ne pouvons pas accepter votre demande.\n\n" \
	"Motif : {{{reason}}}\n\nPour toute question, répondez à ce message.\n');"

/* 19 (issue 13): knowledge resources.  The lists a resource has
 * (languages, themes, countries, regions) are kept twice: as JSON in the
 * row, which is what is shown, and as rows of resource_terms, which is
 * what is filtered and counted (regions there include those of its
 * countries).  Its files are in the file store (kind "resource"), with
 * their text once a job has extracted it.  search_title and search_text
 * are the folded words (app/directory/search.h) indexed as the
 * organizations' are. */
#define M19_COMMON(ID) \
	"CREATE TABLE resources (" \
	" id " ID "," \
	" title TEXT NOT NULL, summary TEXT NOT NULL DEFAULT ''," \
	" kind TEXT NOT NULL CHECK (kind IN ('toolkit','guide','concept_note','report'," \
	"  'training_material','publication','legal_instrument','presentation','video'," \
	"  'web_link'))," \
	" year INTEGER, authors TEXT NOT NULL DEFAULT '[]', publisher TEXT NOT NULL DEFAULT ''," \
	" organization_id BIGINT REFERENCES organizations(id) ON DELETE SET NULL," \
	" visibility TEXT NOT NULL CHECK (visibility IN ('public','members','nongovernmental'," \
	"  'staff'))," \
	" status TEXT NOT NULL CHECK (status IN ('draft','submitted','changes_requested'," \
	"  'published','rejected'))," \
	" reason TEXT, downloads BIGINT NOT NULL DEFAULT 0, link TEXT," \
	" source TEXT NOT NULL CHECK (source IN ('staff','member'))," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, published_at BIGINT," \
	" languages TEXT NOT NULL DEFAULT '[]', themes TEXT NOT NULL DEFAULT '[]'," \
	" countries TEXT NOT NULL DEFAULT '[]', regions TEXT NOT NULL DEFAULT '[]'," \
	" search_title TEXT NOT NULL DEFAULT '', search_text TEXT NOT NULL DEFAULT ''," \
	" search_body TEXT NOT NULL DEFAULT '');" \
	"CREATE INDEX resources_status ON resources(status, visibility, published_at);" \
	"CREATE INDEX resources_org ON resources(organization_id);" \
	"CREATE INDEX resources_creator ON resources(created_by);" \
	"CREATE INDEX resources_kind ON resources(kind);" \
	"CREATE INDEX resources_year ON resources(year);" \
	"CREATE INDEX resources_downloads ON resources(downloads);" \
	"CREATE TABLE resource_terms (" \
	" resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE," \
	" facet TEXT NOT NULL CHECK (facet IN ('language','theme','country','region'))," \
	" code TEXT NOT NULL, PRIMARY KEY (resource_id, facet, code));" \
	"CREATE INDEX resource_terms_code ON resource_terms(facet, code, resource_id);" \
	"CREATE TABLE resource_files (" \
	" resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE," \
	" n INTEGER NOT NULL, file_id BIGINT NOT NULL REFERENCES files(id)," \
	" name TEXT NOT NULL, language TEXT, type TEXT NOT NULL, size BIGINT NOT NULL," \
	" sha256 TEXT NOT NULL," \
	" text_status TEXT NOT NULL CHECK (text_status IN ('pending','extracted','empty'," \
	"  'unsupported','corrupt','encrypted','timeout','too_large','failed'))," \
	" text TEXT, PRIMARY KEY (resource_id, n));" \
	"CREATE INDEX resource_files_file ON resource_files(file_id);"
#define M19_SQLITE M19_COMMON(SQLITE_ID) \
	"CREATE VIRTUAL TABLE res_fts USING fts5(search_title, search_text, search_body," \
	" content='resources', content_rowid='id'," \
	" tokenize='unicode61 remove_diacritics 2');" \
	"CREATE TRIGGER res_fts_insert AFTER INSERT ON resources BEGIN" \
	" INSERT INTO res_fts(rowid, search_title, search_text, search_body)" \
	" VALUES (new.id, new.search_title, new.search_text, new.search_body); END;" \
	"CREATE TRIGGER res_fts_delete AFTER DELETE ON resources BEGIN" \
	" INSERT INTO res_fts(res_fts, rowid, search_title, search_text, search_body)" \
	" VALUES ('delete', old.id, old.search_title, old.search_text, old.search_body); END;" \
	"CREATE TRIGGER res_fts_update AFTER UPDATE OF search_title, search_text, search_body" \
	" ON resources BEGIN" \
	" INSERT INTO res_fts(res_fts, rowid, search_title, search_text, search_body)" \
	" VALUES ('delete', old.id, old.search_title, old.search_text, old.search_body);" \
	" INSERT INTO res_fts(rowid, search_title, search_text, search_body)" \
	" VALUES (new.id, new.search_title, new.search_text, new.search_body); END;"
#define M19_PG M19_COMMON(PG_ID) \
	"ALTER TABLE resources ADD COLUMN search tsvector GENERATED ALWAYS AS" \
	" (setweight(to_tsvector('simple', search_title), 'A') ||" \
	" to_tsvector('simple', search_text) || to_tsvector('simple', search_body)) STORED;" \
	"ALTER TABLE resources ADD COLUMN search_meta tsvector GENERATED ALWAYS AS" \
	" (to_tsvector('simple', search_title) || to_tsvector('simple', search_text)) STORED;" \
	"CREATE INDEX resources_search ON resources USING GIN (search);"

/* 20: when a resource last changed in any way the library's in-memory
 * index shows (an edit, a decision, its files' words, a download), so that
 * every node's index follows the others' writes (app/resources/index.c). */
#define M20 \
	"ALTER TABLE resources ADD COLUMN changed_at BIGINT NOT NULL DEFAULT 0;" \
	"CREATE INDEX resources_changed ON resources(changed_at);"

/* 21 (issue 14): events and who registered for them.  Times are UTC
 * instants (seconds) with the IANA zone they are shown in (src/core/tz.h);
 * start_month is the month of the start in that zone ("2026-10"), which
 * the list filters and counts by.  capacity NULL: no limit.  questions
 * ([{id, label, type, required, choices}]) and a registration's answers
 * ({id: value}) are JSON.  A registration is one per person and event;
 * position orders the waiting list; organization_id is the organization
 * it counts for (its history), registered_by who filed it (the person, or
 * an admin of their organization). */
#define M21(ID) \
	"CREATE TABLE events (" \
	" id " ID "," \
	" kind TEXT NOT NULL CHECK (kind IN ('workshop','webinar','training','briefing'," \
	"  'expert_group_meeting','side_event','session','other'))," \
	" title TEXT NOT NULL, description TEXT NOT NULL DEFAULT ''," \
	" start_at BIGINT NOT NULL, end_at BIGINT NOT NULL, timezone TEXT NOT NULL," \
	" start_month TEXT NOT NULL," \
	" venue TEXT NOT NULL DEFAULT '', online_url TEXT NOT NULL DEFAULT ''," \
	" languages TEXT NOT NULL DEFAULT '[]', themes TEXT NOT NULL DEFAULT '[]'," \
	" regions TEXT NOT NULL DEFAULT '[]', organizer TEXT NOT NULL DEFAULT ''," \
	" capacity INTEGER, registration_opens BIGINT, registration_closes BIGINT," \
	" approval_required INTEGER NOT NULL DEFAULT 0," \
	" audience TEXT NOT NULL CHECK (audience IN ('members','open'))," \
	" visibility TEXT NOT NULL CHECK (visibility IN ('public','members','staff'))," \
	" questions TEXT NOT NULL DEFAULT '[]', resources TEXT NOT NULL DEFAULT '[]'," \
	" status TEXT NOT NULL CHECK (status IN ('draft','published','cancelled'))," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL," \
	" CHECK (end_at > start_at));" \
	"CREATE INDEX events_start ON events(status, start_at);" \
	"CREATE INDEX events_end ON events(end_at);" \
	"CREATE INDEX events_month ON events(start_month);" \
	"CREATE TABLE event_terms (" \
	" event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE," \
	" facet TEXT NOT NULL CHECK (facet IN ('language','theme','region'))," \
	" code TEXT NOT NULL, PRIMARY KEY (event_id, facet, code));" \
	"CREATE INDEX event_terms_code ON event_terms(facet, code, event_id);" \
	"CREATE TABLE event_registrations (" \
	" id " ID "," \
	" event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" organization_id BIGINT REFERENCES organizations(id) ON DELETE SET NULL," \
	" registered_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" status TEXT NOT NULL CHECK (status IN ('pending','confirmed','waitlisted'," \
	"  'cancelled','declined','attended'))," \
	" answers TEXT NOT NULL DEFAULT '{}', position BIGINT," \
	" created_at BIGINT NOT NULL, decided_at BIGINT," \
	" UNIQUE (event_id, user_id));" \
	"CREATE INDEX event_registrations_status ON event_registrations(event_id, status, position);" \
	"CREATE INDEX event_registrations_user ON event_registrations(user_id);" \
	"CREATE INDEX event_registrations_org ON event_registrations(organization_id);"

/* 22: the jobs of one status, newest first, and their count, from an
 * index (ST_JOB_LIST_STATUS, ST_JOB_COUNT_STATUS) rather than the whole
 * table: /staff/jobs?status=failed among 10,000 queued jobs.  (Numbered 22,
 * not 20, so that migrations other branches add today keep their numbers:
 * what is applied is a recorded set, not a highest number.) */
#define M22 "CREATE INDEX jobs_status_id ON jobs(status, id);"

/* 24 (issue 14): calendars and reminders.  events.sequence is an event's
 * SEQUENCE (RFC 5545), raised when what a calendar shows of it changes; a
 * person's calendar token is kept as its hash only (one a person; a new
 * one replaces it); event_reminders has a row per reminder sent, whose key
 * makes each sent once however many nodes look for them (kind: '7d' or
 * '1d' before start_at, the start it was sent for). */
#define M24 \
	"ALTER TABLE events ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;" \
	"CREATE TABLE calendar_tokens (" \
	" user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE," \
	" hash TEXT NOT NULL, created_at BIGINT NOT NULL);" \
	"CREATE TABLE event_reminders (" \
	" registration_id BIGINT NOT NULL REFERENCES event_registrations(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL CHECK (kind IN ('7d','1d')), start_at BIGINT NOT NULL," \
	" sent_at BIGINT NOT NULL, PRIMARY KEY (registration_id, kind, start_at));"

/* 25 (issue 14): what staff mailed an event's people: the message, who
 * sent it and to how many; and a row per recipient, frozen when it is
 * sent, whose sent_at the job that mails them sets once (events/mail.c). */
#define M25(ID) \
	"CREATE TABLE event_messages (" \
	" id " ID "," \
	" event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE," \
	" sent_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" subject TEXT NOT NULL, body TEXT NOT NULL," \
	" include_waitlisted INTEGER NOT NULL DEFAULT 0," \
	" recipients INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);" \
	"CREATE INDEX event_messages_event ON event_messages(event_id, id);" \
	"CREATE TABLE event_message_recipients (" \
	" message_id BIGINT NOT NULL REFERENCES event_messages(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" sent_at BIGINT, PRIMARY KEY (message_id, user_id));"

/* 26 (issue 15): calls for participants and the applications that answer
 * them.  A call's eligibility ({organization_kinds, countries, regions,
 * experts, audience}), questions and criteria ([{id, name, weight}]) are
 * JSON; opens and closes are UTC instants shown in its IANA zone; places
 * NULL: no number; event_id the workshop whose participants it selects.
 * An application is one a person and call (organization_id: the
 * organization it is filed for by one of its admins); each reviewer's
 * scores of one ({criterion id: 0-5}) are a row of call_scores, whose
 * weighted is their weighted mean in hundredths (0-500), so that lists sort
 * and compare reviewers by it. */
#define M26(ID) \
	"CREATE TABLE calls (" \
	" id " ID "," \
	" kind TEXT NOT NULL CHECK (kind IN ('course_cohort','workshop','pilot_initiative'," \
	"  'expert_roster','dialogue','other'))," \
	" title TEXT NOT NULL, description TEXT NOT NULL DEFAULT ''," \
	" eligibility TEXT NOT NULL DEFAULT '{}'," \
	" opens BIGINT, closes BIGINT NOT NULL, timezone TEXT NOT NULL," \
	" places INTEGER, questions TEXT NOT NULL DEFAULT '[]'," \
	" criteria TEXT NOT NULL DEFAULT '[]'," \
	" event_id BIGINT REFERENCES events(id) ON DELETE SET NULL," \
	" status TEXT NOT NULL CHECK (status IN ('draft','open','closed','decided'))," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX calls_status ON calls(status, closes);" \
	"CREATE TABLE call_applications (" \
	" id " ID "," \
	" call_id BIGINT NOT NULL REFERENCES calls(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" organization_id BIGINT REFERENCES organizations(id) ON DELETE SET NULL," \
	" answers TEXT NOT NULL DEFAULT '{}'," \
	" status TEXT NOT NULL CHECK (status IN ('draft','submitted','accepted','waitlisted'," \
	"  'declined','withdrawn'))," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, submitted_at BIGINT," \
	" decided_at BIGINT, decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" UNIQUE (call_id, user_id));" \
	"CREATE INDEX call_applications_status ON call_applications(call_id, status);" \
	"CREATE INDEX call_applications_user ON call_applications(user_id);" \
	"CREATE INDEX call_applications_org ON call_applications(organization_id);" \
	"CREATE TABLE call_scores (" \
	" application_id BIGINT NOT NULL REFERENCES call_applications(id) ON DELETE CASCADE," \
	" reviewer_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" scores TEXT NOT NULL, comment TEXT NOT NULL DEFAULT ''," \
	" weighted INTEGER NOT NULL CHECK (weighted BETWEEN 0 AND 500)," \
	" updated_at BIGINT NOT NULL, PRIMARY KEY (application_id, reviewer_id));"

/* 27 (issue 15): the files that answer a call's file questions, one an
 * application and question: the file store's file (kind "call_file"), and
 * its name, sniffed type, size and SHA-256 as the applicant sent it.
 * Deleting the row does not delete the file: the application's code
 * deletes both (calls/store.c), as nothing else refers to the file. */
#define M27 \
	"CREATE TABLE call_application_files (" \
	" application_id BIGINT NOT NULL REFERENCES call_applications(id) ON DELETE CASCADE," \
	" question TEXT NOT NULL, file_id BIGINT NOT NULL REFERENCES files(id)," \
	" name TEXT NOT NULL, type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL," \
	" created_at BIGINT NOT NULL, PRIMARY KEY (application_id, question));" \
	"CREATE INDEX call_application_files_file ON call_application_files(file_id);"
#define BODY(code, en, fr, pos) \
	"INSERT INTO meeting_bodies (code, name_en, name_fr, position, created_at) VALUES ('" \
	code "', '" en "', '" fr "', " #pos ", 0);"

/* 28 (issue 16): intergovernmental meetings.  meeting_bodies are the
 * bodies whose sessions the hub follows (staff add more, placed before
 * 'other'); a session is an event of kind 'session' with a row of
 * meetings: its body (and, for untoc_wg, which working group; '' for
 * none), its number within the body (unique there), its title, the year
 * of its start in its zone (the list's filter), its agenda ([{number,
 * title, statements}], JSON), who may take part (eligibility: 'ecosoc',
 * 'invited': the organizations of invited, or 'members'), the window for
 * nominating delegates (UTC instants shown in the event's zone) and how
 * many delegates an organization may nominate.  meeting_nominations are
 * the delegates organizations nominate to a session (one a person's
 * address and session), pending until staff approve or decline them. */
#define M28(ID) \
	"CREATE TABLE meeting_bodies (" \
	" code TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_fr TEXT NOT NULL," \
	" position INTEGER NOT NULL," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL);" \
	BODY("ccpcj", "Commission on Crime Prevention and Criminal Justice", \
	    "Commission pour la prévention du crime et la justice pénale", 1) \
	BODY("cnd", "Commission on Narcotic Drugs", "Commission des stupéfiants", 2) \
	BODY("cop_untoc", "Conference of the Parties to the United Nations Convention against " \
	    "Transnational Organized Crime", "Conférence des Parties à la Convention des Nations " \
	    "Unies contre la criminalité transnationale organisée", 3) \
	BODY("untoc_wg", "Working groups of the Conference of the Parties to the Organized " \
	    "Crime Convention", "Groupes de travail de la Conférence des Parties à la " \
	    "Convention contre la criminalité organisée", 4) \
	BODY("cosp", "Conference of the States Parties to the United Nations Convention " \
	    "against Corruption", "Conférence des États parties à la Convention des Nations " \
	    "Unies contre la corruption", 5) \
	BODY("irg", "Implementation Review Group of the Convention against Corruption", \
	    "Groupe d''examen de l''application de la Convention contre la corruption", 6) \
	BODY("congress", "United Nations Congress on Crime Prevention and Criminal Justice", \
	    "Congrès des Nations Unies pour la prévention de la criminalité et la justice " \
	    "pénale", 7) \
	BODY("other", "Other intergovernmental meeting", "Autre réunion intergouvernementale", \
	    1000) \
	"CREATE TABLE meetings (" \
	" event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE," \
	" body TEXT NOT NULL REFERENCES meeting_bodies(code)," \
	" working_group TEXT NOT NULL DEFAULT ''," \
	" number INTEGER NOT NULL CHECK (number > 0)," \
	" title TEXT NOT NULL, year INTEGER NOT NULL," \
	" agenda TEXT NOT NULL DEFAULT '[]'," \
	" eligibility TEXT NOT NULL CHECK (eligibility IN ('ecosoc','invited','members'))," \
	" invited TEXT NOT NULL DEFAULT '[]'," \
	" nominations_opens BIGINT, nominations_closes BIGINT," \
	" delegates_max INTEGER NOT NULL CHECK (delegates_max > 0)," \
	" UNIQUE (body, working_group, number));" \
	"CREATE INDEX meetings_year ON meetings(year, body);" \
	"CREATE TABLE meeting_nominations (" \
	" id " ID "," \
	" event_id BIGINT NOT NULL REFERENCES meetings(event_id) ON DELETE CASCADE," \
	" organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" nominated_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" name TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', email TEXT NOT NULL," \
	" nationality TEXT NOT NULL, passport_name TEXT NOT NULL," \
	" visa_letter INTEGER NOT NULL DEFAULT 0," \
	" attendance TEXT NOT NULL CHECK (attendance IN ('in_person','online'))," \
	" status TEXT NOT NULL CHECK (status IN ('pending','approved','declined'))," \
	" reason TEXT NOT NULL DEFAULT ''," \
	" created_at BIGINT NOT NULL, decided_at BIGINT," \
	" decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" UNIQUE (event_id, email));" \
	"CREATE INDEX meeting_nominations_org ON meeting_nominations(event_id, organization_id);"

/* 31 (issue 17): the review cycle of the Review Mechanism (Resolution
 * 9/1): one row per country under review (ISO 3166-1 alpha-2, checked
 * against the reference list by the application), its cluster (a code of
 * app/countries' fixed list), year, the two reviewing States, its stage
 * and the day each stage began or ended (YYYY-MM-DD, or NULL).  Its
 * government focal points are the users with role 'focal' and its country,
 * never copied here. */
#define M31 \
	"CREATE TABLE reviews (" \
	" country TEXT PRIMARY KEY," \
	" cluster TEXT NOT NULL, year INTEGER NOT NULL," \
	" reviewer_1 TEXT NOT NULL, reviewer_2 TEXT NOT NULL," \
	" stage TEXT NOT NULL CHECK (stage IN ('self_assessment','country_review'," \
	"  'review_completed'))," \
	" self_assessment_date TEXT, country_review_date TEXT, review_completed_date TEXT," \
	" updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" updated_at BIGINT NOT NULL," \
	" CHECK (reviewer_1 <> country AND reviewer_2 <> country AND reviewer_1 <> reviewer_2));" \
	"CREATE INDEX reviews_stage ON reviews(stage, year);"
/* 29 (issue 16): side events.  A session has a window for proposing
 * them (UTC instants shown in its zone) and the slots staff offer
 * ([{id, start_at, end_at, room}], JSON, ids the session's own).
 * meeting_side_events are the proposals of organizations: title, abstract,
 * co-organizers ({organizations: ids, others: names, governments: country
 * codes}, JSON), format, language, the slots preferred (ids, in order);
 * pending, changes_requested (staff's message says what), accepted (into
 * slot_id, one a slot), declined (the message says why) or withdrawn. */
#define M29(ID) \
	"ALTER TABLE meetings ADD COLUMN side_events_opens BIGINT;" \
	"ALTER TABLE meetings ADD COLUMN side_events_closes BIGINT;" \
	"ALTER TABLE meetings ADD COLUMN side_event_slots TEXT NOT NULL DEFAULT '[]';" \
	"CREATE TABLE meeting_side_events (" \
	" id " ID "," \
	" event_id BIGINT NOT NULL REFERENCES meetings(event_id) ON DELETE CASCADE," \
	" organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" proposed_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" title TEXT NOT NULL, abstract TEXT NOT NULL," \
	" co_organizers TEXT NOT NULL DEFAULT '{}'," \
	" format TEXT NOT NULL CHECK (format IN ('in_person','online','hybrid'))," \
	" language TEXT NOT NULL, preferred_slots TEXT NOT NULL DEFAULT '[]'," \
	" status TEXT NOT NULL CHECK (status IN ('pending','changes_requested','accepted'," \
	"  'declined','withdrawn'))," \
	" slot_id BIGINT, message TEXT NOT NULL DEFAULT ''," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, decided_at BIGINT," \
	" decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" CHECK ((status = 'accepted') = (slot_id IS NOT NULL))," \
	" UNIQUE (event_id, slot_id));" \
	"CREATE INDEX meeting_side_events_org ON meeting_side_events(event_id, organization_id);"
/* 32 (issue 17): country pilot initiatives.  An initiative is a country's
 * (ISO alpha-2), with a title, a summary (Markdown), its concept note (a
 * resource of the library), its status, the call of kind
 * pilot_initiative whose accepted applicants join it, and the events
 * (meetings) and resources (documents) it names, as JSON arrays of ids.
 * initiative_participants: its government focal points (kind 'focal'),
 * partner organizations and experts, each once (ref: the user's or the
 * organization's id), added by staff or by a call's acceptance.
 * initiative_outputs: lessons learned, best practices, recommendations
 * (Markdown), drafts until staff publish them to members or the public.
 * initiative_updates: what staff and participants post in its space. */
#define M32(ID) \
	"CREATE TABLE initiatives (" \
	" id " ID "," \
	" country TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL DEFAULT ''," \
	" concept_note BIGINT REFERENCES resources(id) ON DELETE SET NULL," \
	" status TEXT NOT NULL CHECK (status IN ('proposed','active','concluded'))," \
	" call_id BIGINT UNIQUE REFERENCES calls(id) ON DELETE SET NULL," \
	" meetings TEXT NOT NULL DEFAULT '[]', documents TEXT NOT NULL DEFAULT '[]'," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX initiatives_country ON initiatives(country, status);" \
	"CREATE TABLE initiative_participants (" \
	" id " ID "," \
	" initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL CHECK (kind IN ('focal','organization','expert'))," \
	" ref BIGINT NOT NULL," \
	" user_id BIGINT REFERENCES users(id) ON DELETE CASCADE," \
	" organization_id BIGINT REFERENCES organizations(id) ON DELETE CASCADE," \
	" source TEXT NOT NULL CHECK (source IN ('staff','call'))," \
	" application_id BIGINT REFERENCES call_applications(id) ON DELETE SET NULL," \
	" added_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, UNIQUE (initiative_id, kind, ref));" \
	"CREATE INDEX initiative_participants_user ON initiative_participants(user_id);" \
	"CREATE INDEX initiative_participants_org ON initiative_participants(organization_id);" \
	"CREATE TABLE initiative_outputs (" \
	" id " ID "," \
	" initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL CHECK (kind IN ('lessons_learned','best_practices'," \
	"  'recommendations'))," \
	" title TEXT NOT NULL, body TEXT NOT NULL," \
	" status TEXT NOT NULL CHECK (status IN ('draft','published'))," \
	" audience TEXT NOT NULL CHECK (audience IN ('members','public'))," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" published_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, published_at BIGINT);" \
	"CREATE INDEX initiative_outputs_ini ON initiative_outputs(initiative_id, id);" \
	"CREATE TABLE initiative_updates (" \
	" id " ID "," \
	" initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE," \
	" author_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" body TEXT NOT NULL, created_at BIGINT NOT NULL);" \
	"CREATE INDEX initiative_updates_ini ON initiative_updates(initiative_id, id);"

/* 30 (issue 16): requests to speak.  A session's speaking window (UTC
 * instants shown in the event's zone; the minutes of each agenda item open
 * to statements are in the agenda's JSON).  meeting_speaking_requests are
 * an organization's requests to speak on an item (one live -- pending or
 * allocated -- an organization and item): the speaker (an approved
 * delegate's nomination, or a name and title), a summary, the minutes
 * asked; staff's allocation (order and minutes) or decline (reason); and
 * the slot last published (published_*), so that republishing mails only
 * those whose slot changed.  meeting_speakers_lists say which items'
 * lists staff published, and when. */
#define M30(ID) \
	"ALTER TABLE meetings ADD COLUMN speaking_opens BIGINT;" \
	"ALTER TABLE meetings ADD COLUMN speaking_closes BIGINT;" \
	"CREATE TABLE meeting_speaking_requests (" \
	" id " ID "," \
	" event_id BIGINT NOT NULL REFERENCES meetings(event_id) ON DELETE CASCADE," \
	" organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" item TEXT NOT NULL," \
	" requested_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" nomination_id BIGINT REFERENCES meeting_nominations(id) ON DELETE SET NULL," \
	" speaker_name TEXT NOT NULL, speaker_title TEXT NOT NULL DEFAULT ''," \
	" summary TEXT NOT NULL, minutes INTEGER NOT NULL CHECK (minutes > 0)," \
	" status TEXT NOT NULL CHECK (status IN ('pending','allocated','declined','withdrawn'))," \
	" position INTEGER, minutes_allocated INTEGER, reason TEXT NOT NULL DEFAULT ''," \
	" published_status TEXT NOT NULL DEFAULT '', published_position INTEGER," \
	" published_minutes INTEGER, published_reason TEXT NOT NULL DEFAULT ''," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, decided_at BIGINT," \
	" decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL);" \
	"CREATE UNIQUE INDEX meeting_speaking_live ON meeting_speaking_requests" \
	" (event_id, item, organization_id) WHERE status IN ('pending', 'allocated');" \
	"CREATE INDEX meeting_speaking_org ON meeting_speaking_requests(organization_id);" \
	"CREATE TABLE meeting_speakers_lists (" \
	" event_id BIGINT NOT NULL REFERENCES meetings(event_id) ON DELETE CASCADE," \
	" item TEXT NOT NULL, published_at BIGINT NOT NULL," \
	" published_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" PRIMARY KEY (event_id, item));"

/* 33 (issue 17): constructive dialogues.  A dialogue belongs to a session
 * of a working group (meetings of body untoc_wg); it has two events (the
 * multistakeholder preparation day and the dialogue), the call of kind
 * 'dialogue' its participants apply through (its accepted applications
 * are the Extended Bureau's approved participants), the countries under
 * review for it (a JSON array of ISO codes), when written inputs close
 * and, once staff publish it, its summary (Markdown, and a file kept in
 * the file store).  dialogue_inputs
 * are the participants' written inputs (text and a file, kept in the
 * file store), each saying whether its author agrees to publication.
 * dialogue_mailed records who was mailed a dialogue's summary, so the
 * job that mails members never mails one twice. */
#define M33(ID) \
	"CREATE TABLE dialogues (" \
	" id " ID "," \
	" meeting_id BIGINT NOT NULL REFERENCES meetings(event_id) ON DELETE CASCADE," \
	" title TEXT NOT NULL, description TEXT NOT NULL DEFAULT ''," \
	" prep_event_id BIGINT NOT NULL REFERENCES events(id)," \
	" event_id BIGINT NOT NULL REFERENCES events(id)," \
	" call_id BIGINT NOT NULL UNIQUE REFERENCES calls(id)," \
	" countries TEXT NOT NULL DEFAULT '[]'," \
	" inputs_close BIGINT NOT NULL," \
	" summary TEXT NOT NULL DEFAULT '', summary_published_at BIGINT," \
	" summary_file_id BIGINT REFERENCES files(id), summary_file_name TEXT," \
	" summary_file_type TEXT, summary_file_size BIGINT, summary_file_sha256 TEXT," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX dialogues_meeting ON dialogues(meeting_id);" \
	"CREATE INDEX dialogues_prep ON dialogues(prep_event_id);" \
	"CREATE INDEX dialogues_event ON dialogues(event_id);" \
	"CREATE TABLE dialogue_inputs (" \
	" id " ID "," \
	" dialogue_id BIGINT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE," \
	" application_id BIGINT REFERENCES call_applications(id) ON DELETE SET NULL," \
	" user_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" organization_id BIGINT REFERENCES organizations(id) ON DELETE SET NULL," \
	" body TEXT NOT NULL, publish INTEGER NOT NULL DEFAULT 0," \
	" file_id BIGINT REFERENCES files(id), file_name TEXT, file_type TEXT," \
	" file_size BIGINT, file_sha256 TEXT, created_at BIGINT NOT NULL);" \
	"CREATE INDEX dialogue_inputs_dialogue ON dialogue_inputs(dialogue_id);" \
	"CREATE INDEX dialogue_inputs_user ON dialogue_inputs(user_id);" \
	"CREATE TABLE dialogue_mailed (" \
	" dialogue_id BIGINT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" PRIMARY KEY (dialogue_id, user_id));"

/* 34 (issue 18): the self-paced course.  A course (draft until staff
 * publish it; self_enrolment: whether a member may enrol themself in a
 * cohort of it; copied_from: the course it was copied from, for the next
 * cohort) has modules in order, each with lessons in order: Markdown
 * (body), a video (video_url) or a resource of the library (resource_id),
 * with an estimated time in minutes.  position is 1..n within the parent,
 * rewritten when one moves.  A cohort runs a course from starts to ends
 * (UTC instants shown in its zone), takes enrolments between
 * enrolment_opens and enrolment_closes (NULL: from its making, until it
 * ends), has tutors (staff) and participants (course_enrolments, one a
 * person and cohort: by staff, by themself, or from the call of kind
 * course_cohort it names, accepted applicants enrolled in the decision's
 * transaction).  course_lesson_reads: the lessons a participant has
 * opened (the first time, and in which cohort).  course_quizzes: a
 * module's quiz (one at most, at its end): its pass mark (percent),
 * attempts allowed and questions (JSON: [{id, text, kind single|multiple,
 * answers: [{id, text, correct, feedback}]}]); course_quiz_attempts: a
 * person's attempts, numbered 1.. (unique: the same attempt sent twice
 * counts once), their answers, score (percent) and whether it passed. */
#define M34(ID) \
	"CREATE TABLE courses (" \
	" id " ID "," \
	" title TEXT NOT NULL, summary TEXT NOT NULL DEFAULT ''," \
	" languages TEXT NOT NULL DEFAULT '[]'," \
	" estimated_hours INTEGER NOT NULL DEFAULT 0 CHECK (estimated_hours >= 0)," \
	" status TEXT NOT NULL CHECK (status IN ('draft','published'))," \
	" self_enrolment INTEGER NOT NULL DEFAULT 0," \
	" copied_from BIGINT REFERENCES courses(id) ON DELETE SET NULL," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE TABLE course_modules (" \
	" id " ID "," \
	" course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE," \
	" position INTEGER NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL DEFAULT ''," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX course_modules_course ON course_modules(course_id, position);" \
	"CREATE TABLE course_lessons (" \
	" id " ID "," \
	" module_id BIGINT NOT NULL REFERENCES course_modules(id) ON DELETE CASCADE," \
	" position INTEGER NOT NULL, title TEXT NOT NULL," \
	" kind TEXT NOT NULL CHECK (kind IN ('markdown','video','resource'))," \
	" body TEXT NOT NULL DEFAULT '', video_url TEXT NOT NULL DEFAULT ''," \
	" resource_id BIGINT REFERENCES resources(id) ON DELETE SET NULL," \
	" minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0)," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX course_lessons_module ON course_lessons(module_id, position);" \
	"CREATE TABLE course_cohorts (" \
	" id " ID "," \
	" course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE," \
	" title TEXT NOT NULL, timezone TEXT NOT NULL," \
	" enrolment_opens BIGINT, enrolment_closes BIGINT," \
	" starts BIGINT NOT NULL, ends BIGINT NOT NULL," \
	" call_id BIGINT REFERENCES calls(id) ON DELETE SET NULL," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX course_cohorts_course ON course_cohorts(course_id, starts);" \
	"CREATE INDEX course_cohorts_call ON course_cohorts(call_id);" \
	"CREATE TABLE course_cohort_tutors (" \
	" cohort_id BIGINT NOT NULL REFERENCES course_cohorts(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" PRIMARY KEY (cohort_id, user_id));" \
	"CREATE TABLE course_enrolments (" \
	" id " ID "," \
	" cohort_id BIGINT NOT NULL REFERENCES course_cohorts(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" source TEXT NOT NULL CHECK (source IN ('staff','self','call'))," \
	" application_id BIGINT REFERENCES call_applications(id) ON DELETE SET NULL," \
	" enrolled_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, UNIQUE (cohort_id, user_id));" \
	"CREATE INDEX course_enrolments_user ON course_enrolments(user_id);" \
	"CREATE TABLE course_lesson_reads (" \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" lesson_id BIGINT NOT NULL REFERENCES course_lessons(id) ON DELETE CASCADE," \
	" cohort_id BIGINT REFERENCES course_cohorts(id) ON DELETE SET NULL," \
	" read_at BIGINT NOT NULL, PRIMARY KEY (user_id, lesson_id));" \
	"CREATE INDEX course_lesson_reads_lesson ON course_lesson_reads(lesson_id);" \
	"CREATE TABLE course_quizzes (" \
	" id " ID "," \
	" module_id BIGINT NOT NULL UNIQUE REFERENCES course_modules(id) ON DELETE CASCADE," \
	" title TEXT NOT NULL," \
	" pass_mark INTEGER NOT NULL CHECK (pass_mark BETWEEN 0 AND 100)," \
	" attempts_max INTEGER NOT NULL CHECK (attempts_max > 0)," \
	" questions TEXT NOT NULL DEFAULT '[]'," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE TABLE course_quiz_attempts (" \
	" id " ID "," \
	" quiz_id BIGINT NOT NULL REFERENCES course_quizzes(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" number INTEGER NOT NULL, answers TEXT NOT NULL," \
	" score INTEGER NOT NULL, passed INTEGER NOT NULL," \
	" created_at BIGINT NOT NULL, UNIQUE (quiz_id, user_id, number));"

/* 35 (issue 18): shared tasks.  course_tasks: a module's task (one at
 * most, as its quiz): a short text participants post to their cohort's
 * discussion, its instructions (Markdown) and how long it may be
 * (characters).  course_posts: the cohort's discussion: an answer to a
 * task (parent_id NULL; one a person, task and cohort, edited until it is
 * marked: status submitted, complete or returned, with the marker's
 * comment) or a reply to an answer (parent_id set, status 'reply'; one
 * level of threading). */
#define M35(ID) \
	"CREATE TABLE course_tasks (" \
	" id " ID "," \
	" module_id BIGINT NOT NULL UNIQUE REFERENCES course_modules(id) ON DELETE CASCADE," \
	" title TEXT NOT NULL, instructions TEXT NOT NULL DEFAULT ''," \
	" max_length INTEGER NOT NULL CHECK (max_length > 0)," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE TABLE course_posts (" \
	" id " ID "," \
	" cohort_id BIGINT NOT NULL REFERENCES course_cohorts(id) ON DELETE CASCADE," \
	" task_id BIGINT NOT NULL REFERENCES course_tasks(id) ON DELETE CASCADE," \
	" parent_id BIGINT REFERENCES course_posts(id) ON DELETE CASCADE," \
	" user_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" body TEXT NOT NULL," \
	" status TEXT NOT NULL CHECK (status IN ('submitted','complete','returned','reply'))," \
	" comment TEXT NOT NULL DEFAULT ''," \
	" marked_by BIGINT REFERENCES users(id) ON DELETE SET NULL, marked_at BIGINT," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE UNIQUE INDEX course_posts_answer ON course_posts(cohort_id, task_id, user_id)" \
	" WHERE parent_id IS NULL;" \
	"CREATE INDEX course_posts_cohort ON course_posts(cohort_id, created_at);" \
	"CREATE INDEX course_posts_parent ON course_posts(parent_id);"
/* 36 (issue 18): the tutors' side of a cohort.  course_messages: what a
 * tutor (or staff) wrote to some of a cohort's participants (subject and
 * body, plain text), course_message_recipients who it went to (each
 * mailed once, through the outbox, in the message's transaction); the
 * participant's course page lists them.  course_reminders: the reminder
 * mails the job sent, one row each: kind 'inactive' for a spell of 14 days
 * without activity, since = the last activity (or the cohort's start) the
 * spell followed, so a new spell is a new row; kind 'ending' once a
 * cohort (since = its end) for those who have not finished.  The primary
 * key is what makes a reminder go once, whichever node runs the job. */
#define M36(ID) \
	"CREATE TABLE course_messages (" \
	" id " ID "," \
	" cohort_id BIGINT NOT NULL REFERENCES course_cohorts(id) ON DELETE CASCADE," \
	" sender_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" subject TEXT NOT NULL, body TEXT NOT NULL," \
	" recipients INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);" \
	"CREATE INDEX course_messages_cohort ON course_messages(cohort_id, created_at);" \
	"CREATE TABLE course_message_recipients (" \
	" message_id BIGINT NOT NULL REFERENCES course_messages(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" PRIMARY KEY (message_id, user_id));" \
	"CREATE INDEX course_message_recipients_user ON course_message_recipients(user_id);" \
	"CREATE TABLE course_reminders (" \
	" cohort_id BIGINT NOT NULL REFERENCES course_cohorts(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL CHECK (kind IN ('inactive','ending'))," \
	" since BIGINT NOT NULL, sent_at BIGINT NOT NULL," \
	" PRIMARY KEY (cohort_id, user_id, kind, since));"
/* Issue 18: completion and certificates.  Each rule a yes/no of the course
 * (all lessons read, all quizzes passed, all tasks done); a completion is
 * once a person and course, its code the certificate's (128 random bits,
 * base32), and what the certificate says copied as it was then, so a
 * renamed course or person does not change a certificate given. */
#define M37(ID) \
	"ALTER TABLE courses ADD COLUMN complete_lessons INTEGER NOT NULL DEFAULT 1;" \
	"ALTER TABLE courses ADD COLUMN complete_quizzes INTEGER NOT NULL DEFAULT 1;" \
	"ALTER TABLE courses ADD COLUMN complete_tasks INTEGER NOT NULL DEFAULT 1;" \
	"CREATE TABLE course_completions (" \
	" id " ID "," \
	" code TEXT NOT NULL UNIQUE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" course_id BIGINT REFERENCES courses(id) ON DELETE SET NULL," \
	" cohort_id BIGINT REFERENCES course_cohorts(id) ON DELETE SET NULL," \
	" name TEXT NOT NULL, course_title TEXT NOT NULL, cohort_title TEXT NOT NULL," \
	" hours INTEGER NOT NULL, completed_at BIGINT NOT NULL," \
	" UNIQUE (course_id, user_id));" \
	"CREATE INDEX course_completions_user ON course_completions(user_id);" \
	"CREATE INDEX course_completions_cohort ON course_completions(cohort_id);"
/* Migration 38 (issue 17): staff invite a government's focal point to a
 * constructive dialogue; the focal points of that country see it among
 * their open opportunities, and the one invited is mailed. */
#define M38(ID) \
	"CREATE TABLE dialogue_invitations (" \
	" id " ID "," \
	" dialogue_id BIGINT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, UNIQUE (dialogue_id, user_id));" \
	"CREATE INDEX dialogue_invitations_user ON dialogue_invitations(user_id);"

/* 42: a delegate's address is unique per session AND organization, no
 * longer per session.  Across organizations the rule was an oracle: the
 * admin of one organization learnt from the refusal that some other
 * organization had nominated an address.  Staff now see such addresses
 * flagged on their list and decide (ST_MTG_NOM_ELSEWHERE).  SQLite can't
 * drop a constraint, so the table is rebuilt; dropping the old one sets
 * meeting_speaking_requests.nomination_id to NULL (ON DELETE SET NULL), so
 * those links are kept aside and put back. */
#define M42_NOM_COLS "id, event_id, organization_id, nominated_by, name, title, email, " \
	"nationality, passport_name, visa_letter, attendance, status, reason, created_at, " \
	"decided_at, decided_by"
#define M42_SQLITE \
	"CREATE TABLE m42_speaker_links AS SELECT id, nomination_id FROM " \
	" meeting_speaking_requests WHERE nomination_id IS NOT NULL;" \
	"CREATE TABLE m42_nominations (" \
	" id " SQLITE_ID "," \
	" event_id BIGINT NOT NULL REFERENCES meetings(event_id) ON DELETE CASCADE," \
	" organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" nominated_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" name TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', email TEXT NOT NULL," \
	" nationality TEXT NOT NULL, passport_name TEXT NOT NULL," \
	" visa_letter INTEGER NOT NULL DEFAULT 0," \
	" attendance TEXT NOT NULL CHECK (attendance IN ('in_person','online'))," \
	" status TEXT NOT NULL CHECK (status IN ('pending','approved','declined'))," \
	" reason TEXT NOT NULL DEFAULT ''," \
	" created_at BIGINT NOT NULL, decided_at BIGINT," \
	" decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" UNIQUE (event_id, organization_id, email));" \
	"INSERT INTO m42_nominations (" M42_NOM_COLS ") SELECT " M42_NOM_COLS \
	" FROM meeting_nominations;" \
	"DROP TABLE meeting_nominations;" \
	"ALTER TABLE m42_nominations RENAME TO meeting_nominations;" \
	"CREATE INDEX meeting_nominations_org ON meeting_nominations(event_id, organization_id);" \
	"CREATE INDEX meeting_nominations_email ON meeting_nominations(event_id, email);" \
	"UPDATE meeting_speaking_requests SET nomination_id = (SELECT k.nomination_id FROM " \
	" m42_speaker_links k WHERE k.id = meeting_speaking_requests.id)" \
	" WHERE id IN (SELECT id FROM m42_speaker_links);" \
	"DROP TABLE m42_speaker_links;"
#define M42_PG \
	"ALTER TABLE meeting_nominations DROP CONSTRAINT meeting_nominations_event_id_email_key;" \
	"ALTER TABLE meeting_nominations ADD UNIQUE (event_id, organization_id, email);" \
	"CREATE INDEX meeting_nominations_email ON meeting_nominations(event_id, email);"
/* Migration 39: news, highlights and stories staff publish (the public
 * ones to everyone, members' ones to members and focal points), the
 * organizations a story names, and the site's pages (about, partners,
 * privacy, terms) in English and French.  An item's image is a file of
 * the store (kind "news_image"); a deleted author leaves the item. */
#define M39(ID) \
	"CREATE TABLE news (" \
	" id " ID "," \
	" slug TEXT NOT NULL UNIQUE," \
	" kind TEXT NOT NULL CHECK (kind IN ('highlight','news','story'))," \
	" title TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT ''," \
	" themes TEXT NOT NULL DEFAULT '[]', lang TEXT NOT NULL DEFAULT 'en'," \
	" visibility TEXT NOT NULL CHECK (visibility IN ('public','members'))," \
	" status TEXT NOT NULL CHECK (status IN ('draft','published'))," \
	" image_id BIGINT REFERENCES files(id) ON DELETE SET NULL," \
	" image_type TEXT, image_alt TEXT NOT NULL DEFAULT ''," \
	" author_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" published_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE INDEX news_published ON news(status, published_at);" \
	"CREATE INDEX news_author ON news(author_id);" \
	"CREATE TABLE news_orgs (" \
	" news_id BIGINT NOT NULL REFERENCES news(id) ON DELETE CASCADE," \
	" org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" PRIMARY KEY (news_id, org_id));" \
	"CREATE INDEX news_orgs_org ON news_orgs(org_id);" \
	"CREATE TABLE site_pages (" \
	" code TEXT NOT NULL CHECK (code IN ('about','partners','privacy','terms'))," \
	" lang TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL," \
	" updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" updated_at BIGINT NOT NULL, PRIMARY KEY (code, lang));"
/* Migration 40: discussion forums for members (src/app/forums/).  Staff
 * make the forums; threads and their flat posts are the members'; a flag
 * is once a person and post, counted by organization; a subscription
 * follows a forum (thread_id 0) or one thread (active 0: stopped); the
 * mail state caps mail to one a person, thread and hour; a read marker is
 * the last post a person saw in a thread. */
#define M40(ID) \
	"CREATE TABLE forums (" \
	" id " ID "," \
	" title TEXT NOT NULL, description TEXT NOT NULL DEFAULT ''," \
	" theme TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0," \
	" audience TEXT NOT NULL CHECK (audience IN ('members','nongovernmental'))," \
	" archived INTEGER NOT NULL DEFAULT 0," \
	" created_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE TABLE forum_threads (" \
	" id " ID "," \
	" forum_id BIGINT NOT NULL REFERENCES forums(id) ON DELETE CASCADE," \
	" user_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" title TEXT NOT NULL, pinned INTEGER NOT NULL DEFAULT 0," \
	" locked INTEGER NOT NULL DEFAULT 0, posts INTEGER NOT NULL DEFAULT 0," \
	" last_post_id BIGINT NOT NULL DEFAULT 0, last_post_at BIGINT NOT NULL," \
	" created_at BIGINT NOT NULL);" \
	"CREATE INDEX forum_threads_forum ON forum_threads(forum_id, pinned, last_post_at);" \
	"CREATE TABLE forum_posts (" \
	" id " ID "," \
	" thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE," \
	" user_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" body TEXT NOT NULL," \
	" status TEXT NOT NULL CHECK (status IN ('visible','hidden','deleted'))," \
	" flag_hidden INTEGER NOT NULL DEFAULT 0," \
	" created_at BIGINT NOT NULL, edited_at BIGINT);" \
	"CREATE INDEX forum_posts_thread ON forum_posts(thread_id, id);" \
	"CREATE INDEX forum_posts_user ON forum_posts(user_id, created_at);" \
	"CREATE TABLE forum_flags (" \
	" id " ID "," \
	" post_id BIGINT NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE," \
	" user_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" org_id BIGINT REFERENCES organizations(id) ON DELETE SET NULL," \
	" reason TEXT NOT NULL," \
	" status TEXT NOT NULL CHECK (status IN ('open','upheld','dismissed'))," \
	" created_at BIGINT NOT NULL," \
	" decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL, decided_at BIGINT," \
	" UNIQUE (post_id, user_id));" \
	"CREATE INDEX forum_flags_open ON forum_flags(status, created_at);" \
	"CREATE TABLE forum_subscriptions (" \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" forum_id BIGINT NOT NULL REFERENCES forums(id) ON DELETE CASCADE," \
	" thread_id BIGINT NOT NULL DEFAULT 0, active INTEGER NOT NULL," \
	" created_at BIGINT NOT NULL, PRIMARY KEY (user_id, forum_id, thread_id));" \
	"CREATE INDEX forum_subscriptions_thread ON forum_subscriptions(forum_id, thread_id);" \
	"CREATE TABLE forum_mail_state (" \
	" thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" last_mailed_at BIGINT NOT NULL, missed INTEGER NOT NULL," \
	" PRIMARY KEY (thread_id, user_id));" \
	"CREATE TABLE forum_reads (" \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" thread_id BIGINT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE," \
	" last_post_id BIGINT NOT NULL, PRIMARY KEY (user_id, thread_id));"
/* Migration 41: private messages between two people (app/messages).  A
 * conversation is one row a pair of people (pair "LOW:HIGH" of their ids,
 * unique), a_id the one who started it; each side's last message read
 * (a_read, b_read: a message id) and when it was last mailed about the
 * conversation (a_mailed, b_mailed: at most one mail an hour).  A message
 * sent to someone who blocked its sender is withheld: its sender sees it,
 * its recipient never does.  A deleted account's row stays (accounts), so
 * its messages stay, shown from a former member.  message_prefs: whether
 * a person is mailed about new messages (no row: yes).  message_reports:
 * a conversation reported to staff by one of its people.
 * partner_requests (partner matching, app/partners): organization from_org
 * asks to_org to connect, with a note and its contact person; to_org's
 * admins accept (naming theirs; the contacts' conversation is opened) or
 * decline (the pair is not suggested again for 180 days). */
#define M41(ID) \
	"CREATE TABLE conversations (" \
	" id " ID "," \
	" pair TEXT NOT NULL UNIQUE," \
	" a_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" b_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" a_read BIGINT NOT NULL DEFAULT 0, b_read BIGINT NOT NULL DEFAULT 0," \
	" a_mailed BIGINT NOT NULL DEFAULT 0, b_mailed BIGINT NOT NULL DEFAULT 0," \
	" created_at BIGINT NOT NULL);" \
	"CREATE INDEX conversations_a ON conversations(a_id, created_at);" \
	"CREATE INDEX conversations_b ON conversations(b_id);" \
	"CREATE TABLE messages (" \
	" id " ID "," \
	" conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE," \
	" sender_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" body TEXT NOT NULL, withheld INTEGER NOT NULL DEFAULT 0," \
	" created_at BIGINT NOT NULL);" \
	"CREATE INDEX messages_conversation ON messages(conversation_id, id);" \
	"CREATE INDEX messages_sender ON messages(sender_id, created_at);" \
	"CREATE TABLE message_blocks (" \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" blocked_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" created_at BIGINT NOT NULL, PRIMARY KEY (user_id, blocked_id));" \
	"CREATE TABLE message_prefs (" \
	" user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE," \
	" mail INTEGER NOT NULL DEFAULT 1);" \
	"CREATE TABLE message_reports (" \
	" id " ID "," \
	" conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE," \
	" reporter_id BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" reason TEXT NOT NULL," \
	" status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed'))," \
	" closed_by BIGINT REFERENCES users(id) ON DELETE SET NULL, closed_at BIGINT," \
	" created_at BIGINT NOT NULL);" \
	"CREATE INDEX message_reports_status ON message_reports(status, id);" \
	"CREATE TABLE partner_requests (" \
	" id " ID "," \
	" from_org BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" to_org BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE," \
	" asked_by BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" note TEXT NOT NULL," \
	" status TEXT NOT NULL DEFAULT 'pending'" \
	" CHECK (status IN ('pending','accepted','declined'))," \
	" decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL, decided_at BIGINT," \
	" from_contact BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" to_contact BIGINT REFERENCES users(id) ON DELETE SET NULL," \
	" conversation_id BIGINT REFERENCES conversations(id) ON DELETE SET NULL," \
	" created_at BIGINT NOT NULL);" \
	"CREATE INDEX partner_requests_from ON partner_requests(from_org, status);" \
	"CREATE INDEX partner_requests_to ON partner_requests(to_org, status);"

/* Migration 43: the weekly digest (src/app/digest/).  A person's choice
 * (no row: on for members and focal points, off for others); one row a
 * person and week once their digest is queued (what it counted, and the
 * opportunities it listed, so the next one tells what is new); each run of
 * the job, for staff; and a message's List-Unsubscribe address, which the
 * digest's mail carries (RFC 8058 one-click). */
#define M43(ID) \
	"CREATE TABLE digest_settings (" \
	" user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE," \
	" enabled INTEGER NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE TABLE digest_sent (" \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" week BIGINT NOT NULL, sent_at BIGINT NOT NULL," \
	" news INTEGER NOT NULL, opportunities INTEGER NOT NULL, threads INTEGER NOT NULL," \
	" opps TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (user_id, week));" \
	"CREATE INDEX digest_sent_week ON digest_sent(week);" \
	"CREATE TABLE digest_runs (" \
	" id " ID "," \
	" ran_at BIGINT NOT NULL, week BIGINT NOT NULL, mailed INTEGER NOT NULL," \
	" manual INTEGER NOT NULL);" \
	"ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;"

const struct db_migration db_migrations[] = {
	{1, M1(SQLITE_ID), M1(PG_ID)},
	{2, M2(SQLITE_ID, "BLOB"), M2(PG_ID, "BYTEA")},
	{3, M3_SQLITE, M3_PG},
	{4, M4_SQLITE, M4_PG},
	{5, M5, NULL},
	{6, M6, M6},
	{7, M7(SQLITE_ID, "BLOB"), M7(PG_ID, "BYTEA")},
	{8, M8, M8},
	{10, M10, M10},
	{DB_MIGRATION_DUPKEYS, M_DUPKEYS, M_DUPKEYS},
	{12, M12(M12_SQLITE_SUBSTR, "X''"), M12(M12_PG_SUBSTR, "'\\x'::bytea")},
	{13, M13, M13},
	{14, M14_SQLITE, M14_PG},
	{15, M15, M15},
	{16, M16_SQLITE, M16_PG},
	{17, M17, M17},
	{18, M18, M18},
	{19, M19_SQLITE, M19_PG},
	{20, M20, M20},
	{21, M21(SQLITE_ID), M21(PG_ID)},
	{22, M22, M22},
	{24, M24, M24},
	{25, M25(SQLITE_ID), M25(PG_ID)},
	{26, M26(SQLITE_ID), M26(PG_ID)},
	{27, M27, M27},
	{28, M28(SQLITE_ID), M28(PG_ID)},
	{31, M31, M31},
	{29, M29(SQLITE_ID), M29(PG_ID)},
	{32, M32(SQLITE_ID), M32(PG_ID)},
	{30, M30(SQLITE_ID), M30(PG_ID)},
	{33, M33(SQLITE_ID), M33(PG_ID)},
	{34, M34(SQLITE_ID), M34(PG_ID)},
	{35, M35(SQLITE_ID), M35(PG_ID)},
	{36, M36(SQLITE_ID), M36(PG_ID)},
	{37, M37(SQLITE_ID), M37(PG_ID)},
	{38, M38(SQLITE_ID), M38(PG_ID)},
	{39, M39(SQLITE_ID), M39(PG_ID)},
	{40, M40(SQLITE_ID), M40(PG_ID)},
	{41, M41(SQLITE_ID), M41(PG_ID)},
	{42, M42_SQLITE, M42_PG},
	{43, M43(SQLITE_ID), M43(PG_ID)},
	{0, NULL, NULL},
};
