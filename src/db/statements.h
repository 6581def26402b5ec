/*
 * statements.h -- names of every SQL statement WhatsOn runs.
 *
 * The text of each lives in statements.c, once per backend where the dialects
 * differ.  Adding a name without its row fails the build.
 *
 * Below the statements, the names of their result columns: code reads a
 * column by name (db_col_text(q, ORG_C_NAME)), never by its position.
 */
#ifndef WS_STATEMENTS_H
#define WS_STATEMENTS_H

enum db_stmt {
	ST_PING,
	ST_SETTING_GET,
	ST_SETTING_PUT,
	/* users */
	ST_USER_INSERT,
	ST_USER_BY_EMAIL,
	ST_USER_BY_ID,
	ST_USER_VERIFY,
	ST_USER_SET_PASSWORD,
	ST_USER_SET_EMAIL,
	ST_USER_SET_ROLE,
	ST_USER_SET_STATUS,
	ST_USER_SET_LOCALE,
	ST_USER_SET_TZ,
	ST_USER_LIST,
	ST_USER_COUNT,
	/* sessions */
	ST_SESSION_INSERT,
	ST_SESSION_GET,
	ST_SESSION_TOUCH,
	ST_SESSION_DELETE,
	ST_SESSION_DELETE_USER,
	ST_SESSION_PURGE,
	/* single-use tokens */
	ST_TOKEN_INSERT,
	ST_TOKEN_GET,
	ST_TOKEN_USE,
	ST_TOKEN_REVOKE_USER,
	/* mail */
	ST_OUTBOX_INSERT,
	ST_OUTBOX_GET,
	ST_OUTBOX_SENT,
	ST_OUTBOX_FAILED,
	ST_OUTBOX_PENDING,
	/* audit */
	ST_AUDIT_INSERT,
	ST_AUDIT_LIST,
	ST_AUDIT_COUNT,
	ST_AUDIT_CLAIM_APP,
	ST_ORG_HISTORY,
	ST_ORG_HISTORY_COUNT,
	/* reference data */
	ST_THEME_LIST,
	ST_THEME_INSERT,
	ST_THEME_RENAME,
	ST_THEME_SET_ACTIVE,
	ST_THEME_REV,
	ST_ORG_WITH_THEME,
	ST_MSG_TEMPLATE_GET,
	ST_MSG_TEMPLATE_PUT,
	ST_MSG_TEMPLATE_LIST,
	/* organizations */
	ST_ORG_INSERT,
	ST_ORG_GET,
	ST_ORG_UPDATE,
	ST_ORG_SET_STATUS,
	ST_ORG_SET_LOGO,
	ST_FILE_INSERT,
	ST_FILE_GET,
	ST_ORG_LIST,
	ST_ORG_COUNT,
	ST_ORG_INDEX_ALL,
	ST_ORG_INDEX_ONE,
	ST_ORG_INDEX_SINCE,
	ST_ORG_SEARCH,
	ST_ORG_SEARCH_SUBSTR,
	ST_ORG_SEARCH_MISSING,
	ST_ORG_SET_SEARCH,
	ST_ORG_REMOVED_SINCE,
	ST_ORG_REMOVED_LAST,
	ST_ORG_SET_JOINED,
	ST_ORG_DUPS,
	ST_ORG_CHANGE_INSERT,
	ST_ORG_CHANGE_LIST,
	ST_MEMBER_ADD,
	ST_MEMBER_GET,
	ST_MEMBER_LIST,
	ST_MEMBER_SET_ADMIN,
	ST_MEMBER_SET_LISTED,
	ST_USER_SET_ORG,
	ST_USER_SET_FOCAL,
	ST_MEMBER_ADMINS,
	ST_APP_FOR_ORG,
	/* applications */
	ST_APP_INSERT,
	ST_APP_GET,
	ST_APP_LIST,
	ST_APP_COUNT,
	ST_APP_COUNT_STATUS,
	ST_APP_BY_USER,
	ST_APP_DUPS,
	ST_APP_DECIDE,
	ST_APP_RESUBMIT,
	ST_APP_ACTIVATE,
	ST_APP_EVENT_INSERT,
	ST_APP_EVENT_LIST,
	ST_DRAFT_GET,
	ST_DRAFT_PUT,
	ST_DRAFT_DELETE,
	/* CSV import of organizations (app/directory/import.c) */
	ST_ORG_DUP_KEYS,
	/* duplicate keys (app/orgs/dupkeys.c) */
	ST_ORG_KEYS_DELETE,
	ST_ORG_KEYS_ADD,
	ST_ORG_KEYS_DONE,
	ST_ORG_KEYS_STALE,
	ST_APP_KEYS_DELETE,
	ST_APP_KEYS_ADD,
	ST_APP_KEYS_DONE,
	ST_APP_KEYS_STALE,
	ST_IMPORT_SAVEPOINT,
	ST_IMPORT_RELEASE,
	ST_IMPORT_ROLLBACK_TO,
	/* issue 9, finding 1: who proves the address sets the password */
	ST_TOKEN_PEEK,
	ST_TOKEN_REVOKE_ALL,
	ST_APP_ACTIVATE_ONE,
	ST_APP_DROP_UNVERIFIED,
	ST_USER_SET_NAME,
	/* issue 9, finding 4: applications per account */
	ST_APP_RECENT_BY_USER,
	ST_ORG_SAME_NAME,
	/* Member rights from approved organizations; removing people; staff
	 * review of people added by invitation or join request (issue 9, 5-6) */
	ST_USER_ORG_STANDING,
	ST_ORG_LOCK,
	ST_MEMBER_OTHER_ADMINS,
	ST_MEMBER_DELETE,
	ST_USER_AFTER_LEAVE,
	ST_MEMBER_SET_REVIEW,
	ST_MEMBER_REVIEW_LIST,
	ST_MEMBER_REVIEW_COUNT,
	ST_MEMBER_REVIEW_KEEP,
	/* background jobs (src/jobs/jobs.c) */
	ST_JOB_INSERT,
	ST_JOB_CLAIM,
	ST_JOB_LEASE,
	ST_JOB_DONE,
	ST_JOB_FAIL,
	ST_JOB_RETRY,
	ST_JOB_GET,
	ST_JOB_LIST,
	ST_JOB_COUNT,
	ST_JOB_LIST_STATUS,
	ST_JOB_COUNT_STATUS,
	ST_JOB_PURGE,
	ST_JOB_ACTIVE,
	/* files in chunks (src/files/files.c) */
	ST_FILE_BEGIN,
	ST_FILE_CHUNK_PUT,
	ST_FILE_END,
	ST_FILE_STAT,
	ST_FILE_CHUNK_GET,
	ST_FILE_DATA,
	ST_FILE_DELETE,
	ST_FILE_PURGE,
	ST_FILE_CLAIM,
	ST_FILE_DISCARD,
	ST_FILE_SWEEP,
	/* sign-in back-off (app/accounts/backoff.c) */
	ST_BACKOFF_GET,
	ST_BACKOFF_INSERT,
	ST_BACKOFF_UPDATE,
	ST_BACKOFF_DELETE,
	ST_BACKOFF_REFUND,
	ST_BACKOFF_PURGE,
	/* issue 9, visibility: what state focal points search */
	ST_ORG_SEARCH_GOV,
	ST_ORG_SEARCH_SUBSTR_GOV,
	/* issue 9, last findings */
	ST_ORG_FIX_DOMAIN,
	ST_ORG_APPROVED_DOMAIN,
	ST_INVITES_OF,
	ST_TOKEN_CANCEL,
	ST_APP_PRUNE_UNVERIFIED,
	ST_MEMBER_ADMIN_COUNT,
	ST_MEMBER_ORGS_OF,
	ST_MEMBER_COUNT_OTHERS,
	ST_SESSION_LIST_USER,
	ST_TOKEN_PURGE,
	ST_TOKEN_DELETE_USER,
	ST_DRAFT_DELETE_USER,
	ST_AUDIT_OF_USER,
	ST_AUDIT_ADDRESSES,
	ST_AUDIT_FORGET,
	ST_AUDIT_FORGET_OWN,
	ST_APP_FORGET,
	ST_APP_EVENT_FORGET,
	ST_OUTBOX_FORGET,
	ST_USER_FORGET,
	ST_JOB_PENDING_KIND,
	/* issue 11: individual experts (app/people) */
	ST_EXPERT_PUT,
	ST_EXPERT_GET,
	ST_EXPERT_LIST,
	ST_EXPERT_UPDATE,
	ST_EXPERT_APPROVED,
	ST_USER_SET_MEMBER,
	ST_EXPERT_DELETE,
	ST_USER_LIVE,
	/* issue 11: a deleted account forgets its expert profile and the
	 * personal fields of its applications (app/accounts/forget.c) */
	ST_APP_DATA_OF_USER,
	ST_APP_DATA_FORGET,
	ST_ORG_CONTACT_FORGET,
	/* issue 13: knowledge resources (app/resources) */
	ST_RES_INSERT,
	ST_RES_UPDATE,
	ST_RES_SET_STATUS,
	ST_RES_SET_SEARCH,
	ST_RES_TERMS_DELETE,
	ST_RES_TERM_ADD,
	ST_RES_GET,
	ST_RES_LIST,
	ST_RES_COUNT,
	ST_RES_FACET_KIND,
	ST_RES_FACET_YEAR,
	ST_RES_FACET_TERM,
	ST_RES_FILE_ADD,
	ST_RES_FILES,
	ST_RES_FILE_GET,
	ST_RES_DOWNLOAD,
	ST_RES_FILE_TEXT,
	ST_RES_TEXTS,
	ST_RES_SEARCH_OF,
	ST_RES_TEXT_HEADS,
	ST_RES_SEED_COUNT,
	ST_RES_SEED_ORGS,
	ST_EV_INSERT,
	ST_EV_UPDATE,
	ST_EV_GET,
	ST_EV_LIST,
	ST_EV_COUNT,
	ST_EV_OPEN_FOR,
	ST_EV_FACET_KIND,
	ST_EV_FACET_MONTH,
	ST_EV_FACET_TERM,
	ST_EV_TERMS_DELETE,
	ST_EV_TERM_ADD,
	ST_EV_LOCK,
	ST_EV_REG_INSERT,
	ST_EV_REG_REOPEN,
	ST_EV_REG_GET,
	ST_EV_REG_OF_USER,
	ST_EV_REG_EXPORT,
	ST_EV_REG_LIST,
	ST_EV_REG_COUNT,
	ST_EV_REG_TAKEN,
	ST_EV_REG_SET_STATUS,
	ST_EV_REG_FIRST_WAITING,
	/* events, staff's side (app/events/staff.c) */
	ST_EV_REG_FIND,
	ST_EV_REG_FIND_COUNT,
	ST_EV_REG_STATUS_COUNTS,
	ST_EV_REG_DECIDE,
	ST_EV_REG_MARK,
	ST_EV_REG_ORGS,
	ST_EV_SEED_COUNT,
	ST_EV_SEED_PEOPLE,
	ST_RES_INDEX_ALL,
	ST_RES_INDEX_ONE,
	ST_RES_FILES_ALL,
	ST_RES_ORGS,
	ST_RES_CHANGED_SINCE,
	ST_RES_MATCH_IDS,
	ST_RES_FTS_BOTH,
	ST_RES_TITLE_IDS,
	/* issue 14: calendars, reminders, mail on changes (app/events/calendar.c,
	 * reminders.c, notify.c) */
	ST_CAL_EVENT,
	ST_CAL_PUBLIC,
	ST_CAL_PERSONAL,
	ST_CAL_TOKEN_GET,
	ST_CAL_TOKEN_PUT,
	ST_CAL_TOKEN_DELETE_USER,
	ST_EV_REG_FORGET,
	ST_EV_SEQ_BUMP,
	ST_EV_NOTIFY_LIST,
	ST_EV_REMIND_DUE,
	ST_EV_REMIND_CLAIM,
	/* staff's mail to an event's people (events/mail.c) */
	ST_EV_MSG_INSERT,
	ST_EV_MSG_RECIPIENTS_ADD,
	ST_EV_MSG_SET_COUNT,
	ST_EV_MSG_GET,
	ST_EV_MSG_PENDING,
	ST_EV_MSG_CLAIM,
	ST_EV_MSG_LIST,
	ST_EV_Q_ANSWERED,
	/* issue 15: calls for participants (app/calls/store.c) */
	ST_CALL_INSERT,
	ST_CALL_UPDATE,
	ST_CALL_GET,
	ST_CALL_LIST,
	ST_CALL_COUNT,
	ST_CALL_LOCK,
	ST_CALL_SCORED,
	ST_CALL_SEED_COUNT,
	ST_CALL_SEED_WORKSHOP,
	ST_CAPP_INSERT,
	ST_CAPP_UPDATE,
	ST_CAPP_GET,
	ST_CAPP_OF_USER,
	ST_CAPP_EXPORT,
	ST_CAPP_Q_ANSWERED,
	ST_CAPP_OF_ORG,
	ST_CAPP_LIST,
	ST_CAPP_COUNT,
	ST_CAPP_DECIDE,
	ST_CAPP_DELETE,
	ST_CAPP_ACCEPTED,
	ST_CAPP_STATUS_COUNTS,
	ST_CALL_SCORE_PUT,
	ST_CALL_SCORE_LIST,
	ST_CAPP_FILE_PUT,
	ST_CAPP_FILE_LIST,
	ST_CAPP_FILE_ONE,
	ST_CAPP_FILE_DELETE,
	ST_CAPP_FILES_OF_USER,
	ST_CAPP_FORGET,
	/* issue 16: intergovernmental meetings (app/meetings/store.c) */
	ST_MTG_BODY_LIST,
	ST_MTG_BODY_INSERT,
	ST_MTG_INSERT,
	ST_MTG_UPDATE,
	ST_MTG_GET,
	ST_MTG_LIST,
	ST_MTG_OPEN_WINDOWS,
	ST_MTG_COUNT,
	ST_MTG_FACET_BODY,
	ST_MTG_FACET_YEAR,
	ST_MTG_SAME_NUMBER,
	ST_MTG_LOCK,
	ST_MTG_NOM_INSERT,
	ST_MTG_NOM_GET,
	ST_MTG_NOM_LIST,
	ST_MTG_NOM_COUNT,
	ST_MTG_NOM_ORG_COUNT,
	ST_MTG_NOM_SAME_EMAIL,
	ST_MTG_NOM_ELSEWHERE,
	ST_MTG_NOM_DECIDE,
	ST_MTG_NOM_APPROVED,
	ST_MTG_NOM_ORGS,
	ST_MTG_NOM_OF_EMAIL,
	/* issue 17: the review cycle and country pages (app/countries/store.c) */
	ST_REV_GET,
	ST_REV_LIST,
	ST_REV_COUNT,
	ST_REV_PUT,
	ST_REV_FOCALS,
	ST_REV_ORGS_OF_COUNTRY,
	ST_REV_COUNTRY_MEETINGS,
	/* issue 16: side events of a session (app/meetings/side_store.c) */
	ST_MTG_SE_INSERT,
	ST_MTG_SE_UPDATE,
	ST_MTG_SE_GET,
	ST_MTG_SE_LIST,
	ST_MTG_SE_COUNT,
	ST_MTG_SE_DECIDE,
	ST_MTG_SE_WITHDRAW,
	ST_MTG_SE_SLOT_TAKEN,
	ST_MTG_SE_PROGRAMME,
	ST_MTG_SE_HELD,
	ST_MTG_SE_ORGS,
	ST_MTG_SE_OPEN_WINDOWS,
	ST_MTG_SE_SEED_COUNT,
	ST_MTG_SE_SEED_ORGS,
	/* country pilot initiatives (issue 17) */
	ST_INI_INSERT,
	ST_INI_UPDATE,
	ST_INI_GET,
	ST_INI_LIST,
	ST_INI_COUNT,
	ST_INI_FACET_COUNTRY,
	ST_INI_FACET_STATUS,
	ST_INI_OF_COUNTRY,
	ST_INI_BY_TITLE,
	ST_INI_OF_CALL,
	ST_INI_PART_LIST,
	ST_INI_PART_INSERT,
	ST_INI_PART_DELETE,
	ST_INI_PART_DELETE_FOCAL,
	ST_INI_PART_IS,
	ST_INI_PART_OF_USER,
	ST_INI_PART_OF_ORG,
	ST_INI_RECIPIENTS,
	ST_INI_OUT_INSERT,
	ST_INI_OUT_GET,
	ST_INI_OUT_LIST,
	ST_INI_OUT_PUBLISH,
	ST_INI_UPD_INSERT,
	ST_INI_UPD_LIST,
	ST_INI_UPD_COUNT,
	ST_INI_EVENT_BRIEF,
	ST_INI_RES_BRIEF,
	ST_INI_FOCAL_OK,
	ST_INI_CALL_KIND,
	ST_INI_SEED_CALL,
	ST_INI_SEED_EVENTS,
	ST_INI_SEED_DOCS,
	ST_INI_CSV,
	ST_INI_UPD_GET,
	ST_INI_UPD_SET,
	ST_INI_UPD_DELETE,
	ST_INI_OUT_SET,
	ST_INI_OUT_SET_DRAFT,
	ST_INI_OUT_DELETE,
	ST_INI_OUT_UNPUBLISH,
	/* issue 16: requests to speak (app/meetings/speaking_store.c) */
	ST_SPK_WINDOW_PUT,
	ST_SPK_OPEN_WINDOWS,
	ST_SPK_GET,
	ST_SPK_LIST,
	ST_SPK_LIVE,
	ST_SPK_INSERT,
	ST_SPK_UPDATE,
	ST_SPK_WITHDRAW,
	ST_SPK_DECIDE,
	ST_SPK_MARK_PUBLISHED,
	ST_SPK_LIST_PUT,
	ST_SPK_LISTS,
	ST_SPK_SEED_ORGS,
	ST_DLG_INSERT,
	ST_DLG_UPDATE,
	ST_DLG_GET,
	ST_DLG_LIST,
	ST_DLG_COUNT,
	ST_DLG_SAME_CALL,
	ST_DLG_SESSION,
	ST_DLG_CALL_KIND,
	ST_DLG_PEOPLE,
	ST_DLG_APPROVED_OF,
	ST_DLG_OF_EVENT,
	ST_DLG_INPUT_INSERT,
	ST_DLG_INPUT_LIST,
	ST_DLG_PUBLISH,
	ST_DLG_FOR_SESSION,
	ST_DLG_OF_COUNTRY,
	ST_DLG_AHEAD_OF_COUNTRY,
	ST_DLG_INV_INSERT,
	ST_DLG_INV_LIST,
	ST_DLG_INV_FOCAL,
	ST_DLG_INV_FOCALS,
	ST_DLG_OF_PERSON,
	ST_DLG_MEMBERS,
	ST_DLG_SEED_COUNT,
	ST_DLG_MAIL_CLAIM,
	ST_DLG_SEED_SESSION,
	ST_DLG_CALL_QUESTIONS,
	ST_DLG_EXPORT_APPS,
	ST_DLG_EXPORT_INPUTS,
	/* issue 18: courses (app/courses/store.c) */
	ST_CRS_INSERT,
	ST_CRS_UPDATE,
	ST_CRS_DELETE,
	ST_CRS_GET,
	ST_CRS_LIST,
	ST_CRS_COUNT,
	ST_CRS_TOUCH,
	ST_CRS_LOCK,
	ST_CRS_MODULES,
	ST_CRS_MODULE_GET,
	ST_CRS_MODULE_INSERT,
	ST_CRS_MODULE_UPDATE,
	ST_CRS_MODULE_DELETE,
	ST_CRS_MODULE_SET_POS,
	ST_CRS_LESSONS,
	ST_CRS_LESSON_GET,
	ST_CRS_LESSON_INSERT,
	ST_CRS_LESSON_UPDATE,
	ST_CRS_LESSON_DELETE,
	ST_CRS_LESSON_SET_POS,
	ST_CRS_RESOURCE_EXISTS,
	ST_CRS_COHORT_INSERT,
	ST_CRS_COHORT_UPDATE,
	ST_CRS_COHORT_GET,
	ST_CRS_COHORT_LIST,
	ST_CRS_COHORT_LOCK,
	ST_CRS_COHORTS_OF_CALL,
	ST_CRS_TUTORS_CLEAR,
	ST_CRS_TUTOR_ADD,
	ST_CRS_TUTORS,
	ST_CRS_ENROL,
	ST_CRS_ENROLMENTS,
	ST_CRS_CALL_KIND,
	ST_CRS_ACCESS,
	ST_CRS_READ_MARK,
	ST_CRS_READS,
	ST_CRS_QUIZ_INSERT,
	ST_CRS_QUIZ_UPDATE,
	ST_CRS_QUIZ_DELETE,
	ST_CRS_QUIZ_GET,
	ST_CRS_QUIZZES,
	ST_CRS_QUIZ_LOCK,
	ST_CRS_ATTEMPT_INSERT,
	ST_CRS_ATTEMPTS,
	ST_CRS_SEED_FIND,
	ST_CRS_SEED_PEOPLE,
	ST_CRS_TASK_INSERT,
	ST_CRS_TASK_UPDATE,
	ST_CRS_TASK_DELETE,
	ST_CRS_TASK_GET,
	ST_CRS_TASKS,
	ST_CRS_TASKS_STATE,
	ST_CRS_COHORT_ROLE,
	ST_CRS_COHORT_OF_USER,
	ST_CRS_POST_INSERT,
	ST_CRS_POST_EDIT,
	ST_CRS_POST_MARK,
	ST_CRS_POST_GET,
	ST_CRS_POST_MINE,
	ST_CRS_POST_LOCK,
	ST_CRS_POSTS,
	ST_CRS_POSTS_COUNT,
	ST_CRS_REPLIES,
	ST_CRS_MINE,
	ST_CRS_PERSON,
	ST_CRS_TABLE,
	ST_CRS_MSG_INSERT,
	ST_CRS_MSG_RCPT,
	ST_CRS_MSG_RECENT,
	ST_CRS_MSG_LIST,
	ST_CRS_MSG_MINE,
	ST_CRS_RUNNING,
	ST_CRS_REMIND_CLAIM,
	ST_CRS_COHORT_DELETE,
	ST_CRS_UNENROL,
	ST_CRT_LESSONS_LEFT,
	ST_CRT_QUIZZES_LEFT,
	ST_CRT_INSERT,
	ST_CRT_BY_CODE,
	ST_CRT_OF_PERSON,
	ST_CRT_OF_USER,
	ST_CRT_RATES,
	ST_CRT_OF_COURSE,
	ST_CRT_LOCK,
	ST_CRS_MY_ENROLMENTS,
	ST_CRS_MY_READS,
	ST_CRS_MY_ATTEMPTS,
	ST_CRS_MY_POSTS,
	ST_CRS_MY_MESSAGES,
	ST_CRS_MY_REMINDERS,
	ST_CRS_FORGET_CERTS,
	ST_CRS_FORGET_POSTS,
	/* news and the site's pages (app/news) */
	ST_NEWS_INSERT,
	ST_NEWS_UPDATE,
	ST_NEWS_SET_STATUS,
	ST_NEWS_DELETE,
	ST_NEWS_GET,
	ST_NEWS_BY_SLUG,
	ST_NEWS_SLUG_TAKEN,
	ST_NEWS_LIST,
	ST_NEWS_COUNT,
	ST_NEWS_ORGS,
	ST_NEWS_ORGS_CLEAR,
	ST_NEWS_ORG_ADD,
	ST_NEWS_MINE,
	ST_PAGE_GET,
	ST_PAGE_PUT,
	ST_PAGE_LIST,
	ST_PAGE_HISTORY,
	/* discussion forums (src/app/forums/) */
	ST_FORUM_LIST,
	ST_FORUM_GET,
	ST_FORUM_INSERT,
	ST_FORUM_UPDATE,
	ST_FORUM_STANDING,
	ST_FORUM_AUTHOR_ORGS,
	ST_FORUM_THREADS,
	ST_FORUM_THREADS_COUNT,
	ST_FORUM_THREAD_GET,
	ST_FORUM_THREAD_INSERT,
	ST_FORUM_THREAD_BUMP,
	ST_FORUM_THREAD_MOD,
	ST_FORUM_POSTS,
	ST_FORUM_POSTS_COUNT,
	ST_FORUM_POST_GET,
	ST_FORUM_POST_INSERT,
	ST_FORUM_POST_EDIT,
	ST_FORUM_POST_STATUS,
	ST_FORUM_POST_RANK,
	ST_FORUM_POSTS_SINCE,
	ST_FORUM_FLAG_INSERT,
	ST_FORUM_FLAG_ORGS,
	ST_FORUM_FLAGS_DECIDE,
	ST_FORUM_FLAG_QUEUE,
	ST_FORUM_FLAG_QUEUE_COUNT,
	ST_FORUM_SUB_SET,
	ST_FORUM_SUB_AUTO,
	ST_FORUM_SUB_GET,
	ST_FORUM_FOLLOWERS,
	ST_FORUM_MAILSTATE_GET,
	ST_FORUM_MAILSTATE_PUT,
	ST_FORUM_READ_PUT,
	ST_FORUM_MY_POSTS,
	ST_FORUM_COUNT,
	ST_FORUM_SEED_MEMBERS,
	ST_FORUM_FLAGS_SINCE,
	ST_FORUM_EXPERT_NAME,
	/* private messages (app/messages, migration 41) */
	ST_MSG_CONV_BY_PAIR,
	ST_MSG_CONV_INSERT,
	ST_MSG_CONV_LOCK,
	ST_MSG_CONV_GET,
	ST_MSG_CONV_LIST,
	ST_MSG_CONV_COUNT,
	ST_MSG_UNREAD,
	ST_MSG_INSERT,
	ST_MSG_LIST,
	ST_MSG_COUNT,
	ST_MSG_READ_SET,
	ST_MSG_MAILED_SET,
	ST_MSG_SENT_SINCE,
	ST_MSG_STARTED_SINCE,
	ST_MSG_BLOCK_INSERT,
	ST_MSG_BLOCK_DELETE,
	ST_MSG_BLOCKED,
	ST_MSG_PREF_GET,
	ST_MSG_PREF_SET,
	ST_MSG_REPORT_INSERT,
	ST_MSG_REPORT_LIST,
	ST_MSG_REPORT_COUNT,
	ST_MSG_REPORT_CLOSE,
	ST_MSG_TAIL,
	ST_MSG_MINE,
	ST_MSG_FORGET_BLOCKS,
	ST_MSG_FORGET_PREFS,
	/* partner matching (app/partners, migration 41) */
	ST_PTN_INSERT,
	ST_PTN_GET,
	ST_PTN_LOCK,
	ST_PTN_OF_ORG,
	ST_PTN_OF_ORG_COUNT,
	ST_PTN_ALL,
	ST_PTN_ALL_COUNT,
	ST_PTN_PAIR,
	ST_PTN_EXCLUDED,
	ST_PTN_OPEN_COUNT,
	ST_PTN_DECIDE,
	ST_PTN_OF_PERSON,
	ST_PTN_CONTACT_CLEAR,
	ST_MSG_REPORT_OPEN,
	ST_MSG_STAFF,
	ST_FORUM_USER_LOCK,
	ST_FORUM_POST_LOCK,
	/* the weekly digest (migration 43, src/app/digest/) */
	ST_DIGEST_PEOPLE,
	ST_DIGEST_LAST,
	ST_DIGEST_CLAIM,
	ST_DIGEST_SETTING_GET,
	ST_DIGEST_SETTING_SET,
	ST_DIGEST_WEEK_COUNT,
	ST_DIGEST_RUN_ADD,
	ST_DIGEST_RUNS,
	ST_DIGEST_RUNS_COUNT,
	ST_DIGEST_MINE,
	ST_NEWS_SINCE,
	ST_FORUM_DIGEST,
	ST_OUTBOX_SET_UNSUB,
	ST_MSG_USER_LOCK,
	DB_STMT__MAX
};

/*
 * Result columns.  Every statement that returns more than one column names
 * their positions here, in the order of its SELECT or RETURNING list, and
 * db_stmt_cols in statements.c says how many there are (the enum's __MAX);
 * tests/unit/db_test.c prepares every statement on both backends and fails
 * when a statement returns another number of columns than it declares, or
 * more than one without declaring any.
 *
 * A column list that several statements share is an X-macro: LIST(X, Y)
 * calls X(name, sql) for its first column and Y(name, sql) for the others.
 * This file makes the enum of it (DB_COL_ENUM), statements.c the SQL text
 * (DB_COLS(LIST) is "sql, sql, ..."), so the two cannot disagree.  A
 * statement with columns of its own has a plain enum, prefixed with the
 * statement's name.
 */
#define DB_COL_ENUM(name, sql)	name,
#define DB_COL_FIRST(name, sql)	sql
#define DB_COL_NEXT(name, sql)	", " sql
#define DB_COLS(LIST)		LIST(DB_COL_FIRST, DB_COL_NEXT)

/* A user (ST_USER_BY_EMAIL, ST_USER_BY_ID, ST_USER_LIST; ST_SESSION_GET
 * after its own columns). */
#define USER_COLUMNS(X, Y) \
	X(USER_C_ID, "u.id") Y(USER_C_EMAIL, "u.email") Y(USER_C_NAME, "u.name") \
	Y(USER_C_PASSWORD_HASH, "u.password_hash") Y(USER_C_ROLE, "u.role") \
	Y(USER_C_STATUS, "u.status") Y(USER_C_LOCALE, "u.locale") \
	Y(USER_C_VERIFIED_AT, "u.verified_at") Y(USER_C_LOCKED_AT, "u.locked_at") \
	Y(USER_C_FAIL_WINDOW_START, "u.fail_window_start") \
	Y(USER_C_FAIL_COUNT, "u.fail_count") Y(USER_C_ORG_ID, "u.org_id") \
	Y(USER_C_CREATED_AT, "u.created_at") Y(USER_C_TZ, "u.tz") \
	Y(USER_C_COUNTRY, "u.country")
enum user_col { USER_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) USER_C__MAX };

/* A session, then its user's columns from SESSION_C_USER on, then the
 * user's standing (as ST_USER_ORG_STANDING and ST_EXPERT_APPROVED), so a
 * member's request costs one query, not three (user_role_from_standing). */
enum session_get_col {
	SESSION_C_CREATED_AT, SESSION_C_SEEN_AT, SESSION_C_KIND,
	SESSION_C_USER,
	SESSION_C_ORGS = SESSION_C_USER + USER_C__MAX, SESSION_C_APPROVED,
	SESSION_C_EXPERT,
	SESSION_C__MAX
};

/* An organization (ST_ORG_GET, ST_ORG_LIST). */
#define ORG_COLUMNS(X, Y) \
	X(ORG_C_ID, "o.id") Y(ORG_C_NAME, "o.name") Y(ORG_C_ACRONYM, "o.acronym") \
	Y(ORG_C_KIND, "o.kind") Y(ORG_C_COUNTRY, "o.country") \
	Y(ORG_C_COUNTRIES, "o.countries") Y(ORG_C_WEBSITE, "o.website") \
	Y(ORG_C_FOUNDED, "o.founded") Y(ORG_C_SIZE, "o.size") \
	Y(ORG_C_DESCRIPTION, "o.description") Y(ORG_C_THEMES, "o.themes") \
	Y(ORG_C_LANGUAGES, "o.languages") Y(ORG_C_ECOSOC_STATUS, "o.ecosoc_status") \
	Y(ORG_C_SOCIAL, "o.social") Y(ORG_C_CONTACT_NAME, "o.contact_name") \
	Y(ORG_C_CONTACT_TITLE, "o.contact_title") \
	Y(ORG_C_CONTACT_EMAIL, "o.contact_email") \
	Y(ORG_C_CONTACT_PHONE, "o.contact_phone") Y(ORG_C_CONTACT_ROLE, "o.contact_role") \
	Y(ORG_C_VISIBILITY, "o.visibility") Y(ORG_C_STATUS, "o.status") \
	Y(ORG_C_CREATED_AT, "o.created_at") Y(ORG_C_UPDATED_AT, "o.updated_at") \
	Y(ORG_C_REGION, "o.region") Y(ORG_C_LOGO_ID, "o.logo_id")
enum org_col { ORG_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) ORG_C__MAX };

/* What the directory's in-memory index holds of an organization
 * (ST_ORG_INDEX_ALL, ST_ORG_INDEX_ONE, ST_ORG_INDEX_SINCE): every column of
 * ST_ORG_GET (enum org_col, in the same places: its listed form is built
 * from them), then JOINED_AT, when it was approved, or applied if it never
 * was, then the four folded search columns (its words, search.h). */
enum org_index_col {
	ORG_INDEX_C_JOINED_AT = ORG_C__MAX, ORG_INDEX_C_SEARCH_TITLE, ORG_INDEX_C_SEARCH_TEXT,
	ORG_INDEX_C_SEARCH_TITLE_GOV, ORG_INDEX_C_SEARCH_TEXT_GOV, ORG_INDEX_C__MAX
};

/* An application with its applicant's and decider's names (ST_APP_GET,
 * ST_APP_LIST, ST_APP_BY_USER, ST_APP_FOR_ORG). */
#define APP_COLUMNS(X, Y) \
	X(APP_C_ID, "a.id") Y(APP_C_USER_ID, "a.user_id") Y(APP_C_KIND, "a.kind") \
	Y(APP_C_ORG_ID, "a.org_id") Y(APP_C_COUNTRY, "a.country") Y(APP_C_DATA, "a.data") \
	Y(APP_C_STATUS, "a.status") Y(APP_C_REASON, "a.reason") \
	Y(APP_C_DUPLICATES, "a.duplicates") Y(APP_C_SUBMITTED_AT, "a.submitted_at") \
	Y(APP_C_DECIDED_AT, "a.decided_at") Y(APP_C_DECIDED_BY, "a.decided_by") \
	Y(APP_C_CREATED_AT, "a.created_at") Y(APP_C_UPDATED_AT, "a.updated_at") \
	Y(APP_C_USER_EMAIL, "u.email") Y(APP_C_USER_NAME, "u.name") \
	Y(APP_C_DECIDER_NAME, "d.name")
enum app_col { APP_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) APP_C__MAX };

/* A background job (ST_JOB_GET, ST_JOB_LIST, ST_JOB_LIST_STATUS). */
#define JOB_COLUMNS(X, Y) \
	X(JOB_C_ID, "id") Y(JOB_C_KIND, "kind") Y(JOB_C_PAYLOAD, "payload") \
	Y(JOB_C_STATUS, "status") Y(JOB_C_RUN_AFTER, "run_after") \
	Y(JOB_C_ATTEMPTS, "attempts") Y(JOB_C_CLAIMED_BY, "claimed_by") \
	Y(JOB_C_CLAIMED_UNTIL, "claimed_until") Y(JOB_C_LAST_ERROR, "last_error") \
	Y(JOB_C_PROGRESS, "progress") Y(JOB_C_RESULT, "result") \
	Y(JOB_C_CREATED_AT, "created_at") Y(JOB_C_UPDATED_AT, "updated_at") \
	Y(JOB_C_DONE_AT, "done_at")
enum job_col { JOB_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) JOB_C__MAX };

/* Statements with columns of their own, in the order of the table. */
enum token_get_col {
	TOKEN_GET_C_USER_ID, TOKEN_GET_C_DATA, TOKEN_GET_C_EXPIRES_AT, TOKEN_GET_C_USED_AT,
	TOKEN_GET_C__MAX
};
enum outbox_get_col {
	OUTBOX_GET_C_TO_ADDR, OUTBOX_GET_C_SUBJECT, OUTBOX_GET_C_BODY,
	OUTBOX_GET_C_MESSAGE_ID, OUTBOX_GET_C_STATUS, OUTBOX_GET_C_LIST_UNSUB,
	OUTBOX_GET_C__MAX
};
enum audit_list_col {
	AUDIT_LIST_C_ID, AUDIT_LIST_C_AT, AUDIT_LIST_C_USER_ID, AUDIT_LIST_C_EMAIL,
	AUDIT_LIST_C_ACTION, AUDIT_LIST_C_IP, AUDIT_LIST_C_DETAIL,
	AUDIT_LIST_C__MAX
};
enum org_history_col {
	ORG_HISTORY_C_ID, ORG_HISTORY_C_AT, ORG_HISTORY_C_USER_ID, ORG_HISTORY_C_USER_NAME,
	ORG_HISTORY_C_ACTION, ORG_HISTORY_C_DETAIL, ORG_HISTORY_C_SUBJECT_ID,
	ORG_HISTORY_C_SUBJECT_NAME,
	ORG_HISTORY_C__MAX
};
enum theme_list_col {
	THEME_LIST_C_CODE, THEME_LIST_C_NAME_EN, THEME_LIST_C_NAME_FR, THEME_LIST_C_ACTIVE,
	THEME_LIST_C__MAX
};
enum msg_template_get_col {
	MSG_TEMPLATE_GET_C_SUBJECT, MSG_TEMPLATE_GET_C_BODY,
	MSG_TEMPLATE_GET_C__MAX
};
enum msg_template_list_col {
	MSG_TEMPLATE_LIST_C_CODE, MSG_TEMPLATE_LIST_C_SUBJECT, MSG_TEMPLATE_LIST_C_UPDATED_AT,
	MSG_TEMPLATE_LIST_C__MAX
};
enum file_get_col {
	FILE_GET_C_TYPE, FILE_GET_C_SIZE, FILE_GET_C_SHA256, FILE_GET_C_DATA,
	FILE_GET_C__MAX
};
enum org_removed_since_col {
	ORG_REMOVED_SINCE_C_SEQ, ORG_REMOVED_SINCE_C_ORG_ID,
	ORG_REMOVED_SINCE_C__MAX
};
enum org_dups_col {
	ORG_DUPS_C_ID, ORG_DUPS_C_NAME, ORG_DUPS_C_STATUS, ORG_DUPS_C_RULE,
	ORG_DUPS_C__MAX
};
enum org_change_list_col {
	ORG_CHANGE_LIST_C_AT, ORG_CHANGE_LIST_C_USER_NAME, ORG_CHANGE_LIST_C_CHANGES,
	ORG_CHANGE_LIST_C__MAX
};
enum member_get_col {
	MEMBER_GET_C_IS_ADMIN, MEMBER_GET_C_LISTED, MEMBER_GET_C_TITLE,
	MEMBER_GET_C__MAX
};
enum member_list_col {
	MEMBER_LIST_C_USER_ID, MEMBER_LIST_C_NAME, MEMBER_LIST_C_TITLE,
	MEMBER_LIST_C_IS_ADMIN, MEMBER_LIST_C_LISTED, MEMBER_LIST_C_EMAIL,
	MEMBER_LIST_C__MAX
};
enum member_admins_col {
	MEMBER_ADMINS_C_ID, MEMBER_ADMINS_C_EMAIL, MEMBER_ADMINS_C_NAME, MEMBER_ADMINS_C_LOCALE,
	MEMBER_ADMINS_C__MAX
};
enum app_count_status_col {
	APP_COUNT_STATUS_C_STATUS, APP_COUNT_STATUS_C_COUNT,
	APP_COUNT_STATUS_C__MAX
};
enum app_dups_col {
	APP_DUPS_C_ID, APP_DUPS_C_DATA, APP_DUPS_C_RULE,
	APP_DUPS_C__MAX
};
enum app_event_list_col {
	APP_EVENT_LIST_C_AT, APP_EVENT_LIST_C_ACTION, APP_EVENT_LIST_C_NOTE,
	APP_EVENT_LIST_C_USER_NAME,
	APP_EVENT_LIST_C__MAX
};
enum draft_get_col {
	DRAFT_GET_C_DATA, DRAFT_GET_C_UPDATED_AT,
	DRAFT_GET_C__MAX
};
enum org_dup_keys_col {
	ORG_DUP_KEYS_C_ORG_ID, ORG_DUP_KEYS_C_KEY,
	ORG_DUP_KEYS_C__MAX
};
/* ST_ORG_KEYS_STALE and ST_APP_KEYS_STALE: rows whose duplicate keys are
 * of older rules (app/orgs/dupkeys.c). */
enum org_keys_stale_col {
	ORG_KEYS_STALE_C_ID, ORG_KEYS_STALE_C_NAME, ORG_KEYS_STALE_C_ACRONYM,
	ORG_KEYS_STALE_C_COUNTRY, ORG_KEYS_STALE_C_WEBSITE, ORG_KEYS_STALE_C_EMAIL,
	ORG_KEYS_STALE_C__MAX
};
enum app_keys_stale_col {
	APP_KEYS_STALE_C_ID, APP_KEYS_STALE_C_DATA,
	APP_KEYS_STALE_C__MAX
};
/* ST_APP_DATA_OF_USER: the applications a person filed, to forget them. */
enum app_data_of_user_col {
	APP_DATA_OF_USER_C_ID, APP_DATA_OF_USER_C_DATA,
	APP_DATA_OF_USER_C__MAX
};
enum token_peek_col {
	TOKEN_PEEK_C_USER_ID, TOKEN_PEEK_C_DATA,
	TOKEN_PEEK_C__MAX
};
enum app_recent_by_user_col {
	APP_RECENT_BY_USER_C_SINCE, APP_RECENT_BY_USER_C_OPEN,
	APP_RECENT_BY_USER_C__MAX
};
enum org_same_name_col {
	ORG_SAME_NAME_C_ID, ORG_SAME_NAME_C_NAME,
	ORG_SAME_NAME_C__MAX
};
enum user_org_standing_col {
	USER_ORG_STANDING_C_ORGS, USER_ORG_STANDING_C_APPROVED,
	USER_ORG_STANDING_C__MAX
};
enum member_review_list_col {
	MEMBER_REVIEW_LIST_C_ORG_ID, MEMBER_REVIEW_LIST_C_ORG_NAME,
	MEMBER_REVIEW_LIST_C_ORG_WEBSITE, MEMBER_REVIEW_LIST_C_USER_ID,
	MEMBER_REVIEW_LIST_C_USER_NAME, MEMBER_REVIEW_LIST_C_USER_EMAIL,
	MEMBER_REVIEW_LIST_C_ADDED_HOW, MEMBER_REVIEW_LIST_C_ADDED_BY,
	MEMBER_REVIEW_LIST_C_ADDER_NAME, MEMBER_REVIEW_LIST_C_ADDER_EMAIL,
	MEMBER_REVIEW_LIST_C_CREATED_AT, MEMBER_REVIEW_LIST_C_APPROVED_DOMAIN,
	MEMBER_REVIEW_LIST_C__MAX
};
enum job_claim_col {
	JOB_CLAIM_C_ID, JOB_CLAIM_C_KIND, JOB_CLAIM_C_PAYLOAD, JOB_CLAIM_C_ATTEMPTS,
	JOB_CLAIM_C__MAX
};
enum file_stat_col {
	FILE_STAT_C_KIND, FILE_STAT_C_TYPE, FILE_STAT_C_NAME, FILE_STAT_C_SIZE,
	FILE_STAT_C_SHA256, FILE_STAT_C_CHUNKED,
	FILE_STAT_C__MAX
};
enum backoff_get_col {
	BACKOFF_GET_C_FAILS, BACKOFF_GET_C_LAST_AT, BACKOFF_GET_C_NEXT_AT,
	BACKOFF_GET_C__MAX
};
enum invites_of_col {
	INVITES_OF_C_HASH, INVITES_OF_C_DATA,
	INVITES_OF_C__MAX
};
/* The organizations a person is one of (ST_MEMBER_ORGS_OF). */
enum member_orgs_of_col {
	MEMBER_ORGS_OF_C_ID, MEMBER_ORGS_OF_C_NAME, MEMBER_ORGS_OF_C_IS_ADMIN,
	MEMBER_ORGS_OF_C_STATUS,
	MEMBER_ORGS_OF_C__MAX
};
/* A person's sessions, without their secrets (ST_SESSION_LIST_USER). */
enum session_list_user_col {
	SESSION_LIST_USER_C_KIND, SESSION_LIST_USER_C_CREATED_AT,
	SESSION_LIST_USER_C_SEEN_AT, SESSION_LIST_USER_C_IP,
	SESSION_LIST_USER_C__MAX
};
/* Audit rows by or about a person (ST_AUDIT_OF_USER). */
enum audit_of_user_col {
	AUDIT_OF_USER_C_ID, AUDIT_OF_USER_C_AT, AUDIT_OF_USER_C_USER_ID,
	AUDIT_OF_USER_C_ACTION, AUDIT_OF_USER_C_IP, AUDIT_OF_USER_C_DETAIL,
	AUDIT_OF_USER_C__MAX
};

/* An expert's profile (ST_EXPERT_GET, ST_EXPERT_LIST). */
#define EXPERT_COLUMNS(X, Y) \
	X(EXPERT_C_USER_ID, "e.user_id") Y(EXPERT_C_STATUS, "e.status") \
	Y(EXPERT_C_NAME, "e.name") Y(EXPERT_C_TITLE, "e.title") \
	Y(EXPERT_C_PROFESSION, "e.profession") Y(EXPERT_C_AFFILIATION, "e.affiliation") \
	Y(EXPERT_C_COUNTRY, "e.country") Y(EXPERT_C_COUNTRIES, "e.countries") \
	Y(EXPERT_C_THEMES, "e.themes") Y(EXPERT_C_LANGUAGES, "e.languages") \
	Y(EXPERT_C_BIOGRAPHY, "e.biography") Y(EXPERT_C_WEBSITE, "e.website") \
	Y(EXPERT_C_EMAIL, "e.email") Y(EXPERT_C_PHONE, "e.phone") \
	Y(EXPERT_C_VISIBILITY, "e.visibility") Y(EXPERT_C_CREATED_AT, "e.created_at") \
	Y(EXPERT_C_UPDATED_AT, "e.updated_at")
enum expert_col { EXPERT_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) EXPERT_C__MAX };

/* A resource with its contributing organization's name and status
 * (ST_RES_GET, ST_RES_LIST). */
#define RES_COLUMNS(X, Y) \
	X(RES_C_ID, "r.id") Y(RES_C_TITLE, "r.title") Y(RES_C_SUMMARY, "r.summary") \
	Y(RES_C_KIND, "r.kind") Y(RES_C_YEAR, "r.year") Y(RES_C_AUTHORS, "r.authors") \
	Y(RES_C_PUBLISHER, "r.publisher") Y(RES_C_ORG_ID, "r.organization_id") \
	Y(RES_C_VISIBILITY, "r.visibility") Y(RES_C_STATUS, "r.status") \
	Y(RES_C_REASON, "r.reason") Y(RES_C_DOWNLOADS, "r.downloads") Y(RES_C_LINK, "r.link") \
	Y(RES_C_SOURCE, "r.source") Y(RES_C_CREATED_BY, "r.created_by") \
	Y(RES_C_CREATED_AT, "r.created_at") Y(RES_C_UPDATED_AT, "r.updated_at") \
	Y(RES_C_PUBLISHED_AT, "r.published_at") Y(RES_C_LANGUAGES, "r.languages") \
	Y(RES_C_THEMES, "r.themes") Y(RES_C_COUNTRIES, "r.countries") \
	Y(RES_C_REGIONS, "r.regions") Y(RES_C_ORG_NAME, "o.name") \
	Y(RES_C_ORG_STATUS, "o.status")
enum res_col { RES_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) RES_C__MAX };
/* A resource for the library's index (ST_RES_INDEX_ALL, ST_RES_INDEX_ONE):
 * every column, then its search words. */
enum res_index_col {
	RES_INDEX_C_SEARCH_TITLE = RES_C__MAX, RES_INDEX_C_SEARCH_TEXT, RES_INDEX_C_SEARCH_BODY,
	RES_INDEX_C_CHANGED_AT, RES_INDEX_C__MAX
};
enum res_facet_col { RES_FACET_C_VALUE, RES_FACET_C_COUNT, RES_FACET_C__MAX };
/* A resource's files (ST_RES_FILES). */
enum res_files_col {
	RES_FILES_C_N, RES_FILES_C_FILE_ID, RES_FILES_C_NAME, RES_FILES_C_LANGUAGE,
	RES_FILES_C_TYPE, RES_FILES_C_SIZE, RES_FILES_C_SHA256, RES_FILES_C_TEXT_STATUS,
	RES_FILES_C__MAX
};
/* Every file (ST_RES_FILES_ALL): a resource's, and whose. */
enum res_files_all_col { RES_FILES_ALL_C_RESOURCE_ID = RES_FILES_C__MAX, RES_FILES_ALL_C__MAX };
enum res_orgs_col { RES_ORGS_C_ID, RES_ORGS_C_NAME, RES_ORGS_C_STATUS, RES_ORGS_C__MAX };
enum res_file_get_col {
	RES_FILE_GET_C_FILE_ID, RES_FILE_GET_C_NAME, RES_FILE_GET_C_TYPE,
	RES_FILE_GET_C__MAX
};
/* What a resource's search text is made of (ST_RES_SEARCH_OF). */
enum res_search_of_col {
	RES_SEARCH_OF_C_TITLE, RES_SEARCH_OF_C_SUMMARY, RES_SEARCH_OF_C_AUTHORS,
	RES_SEARCH_OF_C_PUBLISHER,
	RES_SEARCH_OF_C__MAX
};

/* An event with its counts of confirmed and waitlisted people and the
 * caller's own registration's status, NULL when none (ST_EV_GET,
 * ST_EV_LIST). */
#define EV_COLUMNS(X, Y) \
	X(EV_C_ID, "e.id") Y(EV_C_KIND, "e.kind") Y(EV_C_TITLE, "e.title") \
	Y(EV_C_DESCRIPTION, "e.description") Y(EV_C_START_AT, "e.start_at") \
	Y(EV_C_END_AT, "e.end_at") Y(EV_C_TIMEZONE, "e.timezone") Y(EV_C_VENUE, "e.venue") \
	Y(EV_C_ONLINE_URL, "e.online_url") Y(EV_C_LANGUAGES, "e.languages") \
	Y(EV_C_THEMES, "e.themes") Y(EV_C_REGIONS, "e.regions") \
	Y(EV_C_ORGANIZER, "e.organizer") Y(EV_C_CAPACITY, "e.capacity") \
	Y(EV_C_REG_OPENS, "e.registration_opens") Y(EV_C_REG_CLOSES, "e.registration_closes") \
	Y(EV_C_APPROVAL, "e.approval_required") Y(EV_C_AUDIENCE, "e.audience") \
	Y(EV_C_VISIBILITY, "e.visibility") Y(EV_C_QUESTIONS, "e.questions") \
	Y(EV_C_RESOURCES, "e.resources") Y(EV_C_STATUS, "e.status") \
	Y(EV_C_CREATED_BY, "e.created_by") Y(EV_C_CREATED_AT, "e.created_at") \
	Y(EV_C_UPDATED_AT, "e.updated_at") \
	Y(EV_C_CONFIRMED, "(SELECT count(*) FROM event_registrations g WHERE " \
	    "g.event_id = e.id AND g.status IN ('confirmed', 'attended'))") \
	Y(EV_C_WAITLISTED, "(SELECT count(*) FROM event_registrations g WHERE " \
	    "g.event_id = e.id AND g.status = 'waitlisted')") \
	Y(EV_C_MINE, "(SELECT g.status FROM event_registrations g WHERE g.event_id = e.id " \
	    "AND g.user_id = ?)")
enum ev_col { EV_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) EV_C__MAX };
/* An event open to a person's registration (ST_EV_OPEN_FOR): its deadline
 * is when registration closes, or its start. */
enum ev_open_col {
	EV_OPEN_C_ID, EV_OPEN_C_TITLE, EV_OPEN_C_KIND, EV_OPEN_C_DEADLINE, EV_OPEN_C_TIMEZONE,
	EV_OPEN_C_THEMES, EV_OPEN_C__MAX
};
enum ev_facet_col { EV_FACET_C_VALUE, EV_FACET_C_COUNT, EV_FACET_C__MAX };

/* A registration for an event (ST_EV_REG_GET, ST_EV_REG_OF_USER,
 * ST_EV_REG_LIST) with the person's name. */
#define EV_REG_COLUMNS(X, Y) \
	X(EV_REG_C_ID, "g.id") Y(EV_REG_C_EVENT_ID, "g.event_id") \
	Y(EV_REG_C_USER_ID, "g.user_id") Y(EV_REG_C_ORG_ID, "g.organization_id") \
	Y(EV_REG_C_REGISTERED_BY, "g.registered_by") Y(EV_REG_C_STATUS, "g.status") \
	Y(EV_REG_C_ANSWERS, "g.answers") Y(EV_REG_C_POSITION, "g.position") \
	Y(EV_REG_C_CREATED_AT, "g.created_at") Y(EV_REG_C_DECIDED_AT, "g.decided_at") \
	Y(EV_REG_C_NAME, "u.name")
enum ev_reg_col { EV_REG_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) EV_REG_C__MAX };
/* A registration as staff list it (ST_EV_REG_FIND): ev_reg_col's, then
 * the person's address and their organization's name and country. */
enum ev_regx_col {
	EV_REGX_C_EMAIL = EV_REG_C__MAX, EV_REGX_C_ORG_NAME, EV_REGX_C_ORG_COUNTRY,
	EV_REGX_C__MAX
};

/* A person's registrations for events, for their export (ST_EV_REG_EXPORT),
 * with the event's title. */
enum ev_reg_export_col {
	EV_REG_X_C_ID, EV_REG_X_C_EVENT_ID, EV_REG_X_C_TITLE, EV_REG_X_C_ORG_ID,
	EV_REG_X_C_REGISTERED_BY, EV_REG_X_C_STATUS, EV_REG_X_C_ANSWERS, EV_REG_X_C_CREATED_AT,
	EV_REG_X_C_DECIDED_AT, EV_REG_X_C__MAX
};

/* An event as a calendar has it, with the status of the registration the
 * feed is for (NULL in the public feeds) (ST_CAL_EVENT, ST_CAL_PUBLIC,
 * ST_CAL_PERSONAL). */
#define CAL_COLUMNS(X, Y) \
	X(CAL_C_ID, "e.id") Y(CAL_C_TITLE, "e.title") Y(CAL_C_DESCRIPTION, "e.description") \
	Y(CAL_C_START_AT, "e.start_at") Y(CAL_C_END_AT, "e.end_at") \
	Y(CAL_C_TIMEZONE, "e.timezone") Y(CAL_C_VENUE, "e.venue") \
	Y(CAL_C_ONLINE_URL, "e.online_url") Y(CAL_C_STATUS, "e.status") \
	Y(CAL_C_SEQUENCE, "e.sequence") Y(CAL_C_UPDATED_AT, "e.updated_at")
enum cal_col { CAL_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CAL_C_REG_STATUS, CAL_C__MAX };
enum cal_token_col { CAL_TOKEN_C_HASH, CAL_TOKEN_C_CREATED_AT, CAL_TOKEN_C__MAX };
/* Who to tell of a change to an event (ST_EV_NOTIFY_LIST). */
enum ev_notify_col {
	EV_NOTIFY_C_USER_ID, EV_NOTIFY_C_STATUS, EV_NOTIFY_C_EMAIL, EV_NOTIFY_C_NAME,
	EV_NOTIFY_C_LOCALE, EV_NOTIFY_C__MAX
};
/* A reminder due (ST_EV_REMIND_DUE). */
enum ev_remind_col {
	EV_REMIND_C_REG_ID, EV_REMIND_C_EVENT_ID, EV_REMIND_C_START_AT, EV_REMIND_C_KIND,
	EV_REMIND_C__MAX
};

/* Whether call application a's person acts for it: it is their own (no
 * organization), or they are an admin of its organization, which is not
 * rejected or suspended.  An application filed for an organization is the
 * organization's: whoever stops acting for it loses it. */
#define CAPP_FILER_ACTS "(a.organization_id IS NULL OR EXISTS (SELECT 1 FROM org_members m " \
	"JOIN organizations o ON o.id = m.org_id WHERE m.org_id = a.organization_id " \
	"AND m.user_id = a.user_id AND m.is_admin <> 0 " \
	"AND o.status NOT IN ('rejected', 'suspended')))"
/* A call for participants (ST_CALL_GET, ST_CALL_LIST): its columns, how
 * many applications were submitted (any status after draft but withdrawn)
 * and accepted, and the status and id of the caller's own application
 * while they act for it (CAPP_FILER_ACTS; NULL when none; their parameter
 * is the caller's user id, twice). */
#define CALL_COLUMNS(X, Y) \
	X(CALL_C_ID, "c.id") Y(CALL_C_KIND, "c.kind") Y(CALL_C_TITLE, "c.title") \
	Y(CALL_C_DESCRIPTION, "c.description") Y(CALL_C_ELIGIBILITY, "c.eligibility") \
	Y(CALL_C_OPENS, "c.opens") Y(CALL_C_CLOSES, "c.closes") \
	Y(CALL_C_TIMEZONE, "c.timezone") Y(CALL_C_PLACES, "c.places") \
	Y(CALL_C_QUESTIONS, "c.questions") Y(CALL_C_CRITERIA, "c.criteria") \
	Y(CALL_C_EVENT_ID, "c.event_id") Y(CALL_C_STATUS, "c.status") \
	Y(CALL_C_CREATED_BY, "c.created_by") Y(CALL_C_CREATED_AT, "c.created_at") \
	Y(CALL_C_UPDATED_AT, "c.updated_at") \
	Y(CALL_C_SUBMITTED, "(SELECT count(*) FROM call_applications a WHERE " \
	    "a.call_id = c.id AND a.status NOT IN ('draft', 'withdrawn'))") \
	Y(CALL_C_ACCEPTED, "(SELECT count(*) FROM call_applications a WHERE " \
	    "a.call_id = c.id AND a.status = 'accepted')") \
	Y(CALL_C_MINE, "(SELECT a.status FROM call_applications a WHERE a.call_id = c.id " \
	    "AND a.user_id = ? AND " CAPP_FILER_ACTS ")") \
	Y(CALL_C_MINE_ID, "(SELECT a.id FROM call_applications a WHERE a.call_id = c.id " \
	    "AND a.user_id = ? AND " CAPP_FILER_ACTS ")") \
	Y(CALL_C_APPLICATIONS, "(SELECT count(*) FROM call_applications a WHERE " \
	    "a.call_id = c.id)")
enum call_col { CALL_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CALL_C__MAX };

/* A body of intergovernmental meetings (ST_MTG_BODY_LIST). */
enum mtg_body_col { MTG_BODY_C_CODE, MTG_BODY_C_NAME_EN, MTG_BODY_C_NAME_FR,
	MTG_BODY_C_POSITION, MTG_BODY_C__MAX };

/* A session of a body: its event's columns and its own (ST_MTG_GET,
 * ST_MTG_LIST), with its body's names. */
#define MTG_COLUMNS(X, Y) \
	X(MTG_C_ID, "e.id") Y(MTG_C_EVENT_TITLE, "e.title") \
	Y(MTG_C_DESCRIPTION, "e.description") Y(MTG_C_START_AT, "e.start_at") \
	Y(MTG_C_END_AT, "e.end_at") Y(MTG_C_TIMEZONE, "e.timezone") Y(MTG_C_VENUE, "e.venue") \
	Y(MTG_C_RESOURCES, "e.resources") Y(MTG_C_STATUS, "e.status") \
	Y(MTG_C_VISIBILITY, "e.visibility") Y(MTG_C_CREATED_AT, "e.created_at") \
	Y(MTG_C_UPDATED_AT, "e.updated_at") Y(MTG_C_BODY, "m.body") \
	Y(MTG_C_WORKING_GROUP, "m.working_group") Y(MTG_C_NUMBER, "m.number") \
	Y(MTG_C_TITLE, "m.title") Y(MTG_C_YEAR, "m.year") Y(MTG_C_AGENDA, "m.agenda") \
	Y(MTG_C_ELIGIBILITY, "m.eligibility") Y(MTG_C_INVITED, "m.invited") \
	Y(MTG_C_NOM_OPENS, "m.nominations_opens") Y(MTG_C_NOM_CLOSES, "m.nominations_closes") \
	Y(MTG_C_DELEGATES_MAX, "m.delegates_max") Y(MTG_C_BODY_NAME_EN, "b.name_en") \
	Y(MTG_C_BODY_NAME_FR, "b.name_fr") Y(MTG_C_SE_OPENS, "m.side_events_opens") \
	Y(MTG_C_SE_CLOSES, "m.side_events_closes") Y(MTG_C_SE_SLOTS, "m.side_event_slots") \
	Y(MTG_C_SPK_OPENS, "m.speaking_opens") Y(MTG_C_SPK_CLOSES, "m.speaking_closes")
enum mtg_col { MTG_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) MTG_C__MAX };

/* A delegate nominated for a session, with the organization's name
 * (ST_MTG_NOM_GET, ST_MTG_NOM_LIST). */
#define MTG_NOM_COLUMNS(X, Y) \
	X(MTG_NOM_C_ID, "n.id") Y(MTG_NOM_C_EVENT_ID, "n.event_id") \
	Y(MTG_NOM_C_ORG_ID, "n.organization_id") Y(MTG_NOM_C_NOMINATED_BY, "n.nominated_by") \
	Y(MTG_NOM_C_NAME, "n.name") Y(MTG_NOM_C_TITLE, "n.title") Y(MTG_NOM_C_EMAIL, "n.email") \
	Y(MTG_NOM_C_NATIONALITY, "n.nationality") Y(MTG_NOM_C_PASSPORT, "n.passport_name") \
	Y(MTG_NOM_C_VISA, "n.visa_letter") Y(MTG_NOM_C_ATTENDANCE, "n.attendance") \
	Y(MTG_NOM_C_STATUS, "n.status") Y(MTG_NOM_C_REASON, "n.reason") \
	Y(MTG_NOM_C_CREATED_AT, "n.created_at") Y(MTG_NOM_C_DECIDED_AT, "n.decided_at") \
	Y(MTG_NOM_C_ORG_NAME, "o.name") Y(MTG_NOM_C_ORG_ECOSOC, "o.ecosoc_status")
enum mtg_nom_col { MTG_NOM_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) MTG_NOM_C__MAX };
/* Other organizations' nominations of a nomination's address to its
 * session: how many, and whether one is approved (ST_MTG_NOM_ELSEWHERE). */
enum mtg_else_col { MTG_ELSE_C_COUNT, MTG_ELSE_C_APPROVED, MTG_ELSE_C__MAX };
/* A delegate's own nomination, with its session (ST_MTG_NOM_OF_EMAIL). */
enum mtg_mine_col { MTG_MINE_C_ID, MTG_MINE_C_EVENT_ID, MTG_MINE_C_ORG_ID, MTG_MINE_C_ORG,
	MTG_MINE_C_STATUS, MTG_MINE_C_REASON, MTG_MINE_C_BODY_EN, MTG_MINE_C_BODY_FR,
	MTG_MINE_C_TITLE, MTG_MINE_C__MAX };
/* A row of the registration desks' list (ST_MTG_NOM_APPROVED). */
/* A side event proposed to a session, with its organization's name
 * (ST_MTG_SE_GET, ST_MTG_SE_LIST, ST_MTG_SE_PROGRAMME, ST_MTG_SE_HELD). */
#define MTG_SE_COLUMNS(X, Y) \
	X(MTG_SE_C_ID, "s.id") Y(MTG_SE_C_EVENT_ID, "s.event_id") \
	Y(MTG_SE_C_ORG_ID, "s.organization_id") Y(MTG_SE_C_PROPOSED_BY, "s.proposed_by") \
	Y(MTG_SE_C_TITLE, "s.title") Y(MTG_SE_C_ABSTRACT, "s.abstract") \
	Y(MTG_SE_C_CO_ORGANIZERS, "s.co_organizers") Y(MTG_SE_C_FORMAT, "s.format") \
	Y(MTG_SE_C_LANGUAGE, "s.language") Y(MTG_SE_C_PREFERRED, "s.preferred_slots") \
	Y(MTG_SE_C_STATUS, "s.status") Y(MTG_SE_C_SLOT, "s.slot_id") \
	Y(MTG_SE_C_MESSAGE, "s.message") Y(MTG_SE_C_CREATED_AT, "s.created_at") \
	Y(MTG_SE_C_UPDATED_AT, "s.updated_at") Y(MTG_SE_C_DECIDED_AT, "s.decided_at") \
	Y(MTG_SE_C_ORG_NAME, "o.name")
enum mtg_se_col { MTG_SE_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) MTG_SE_C__MAX };
/* A request to speak, with its organization (ST_SPK_GET, ST_SPK_LIST). */
#define SPK_COLUMNS(X, Y) \
	X(SPK_C_ID, "s.id") Y(SPK_C_EVENT_ID, "s.event_id") \
	Y(SPK_C_ORG_ID, "s.organization_id") Y(SPK_C_ITEM, "s.item") \
	Y(SPK_C_REQUESTED_BY, "s.requested_by") Y(SPK_C_NOMINATION_ID, "s.nomination_id") \
	Y(SPK_C_SPEAKER_NAME, "s.speaker_name") Y(SPK_C_SPEAKER_TITLE, "s.speaker_title") \
	Y(SPK_C_SUMMARY, "s.summary") Y(SPK_C_MINUTES, "s.minutes") Y(SPK_C_STATUS, "s.status") \
	Y(SPK_C_POSITION, "s.position") Y(SPK_C_MINUTES_ALLOCATED, "s.minutes_allocated") \
	Y(SPK_C_REASON, "s.reason") Y(SPK_C_PUB_STATUS, "s.published_status") \
	Y(SPK_C_PUB_POSITION, "s.published_position") \
	Y(SPK_C_PUB_MINUTES, "s.published_minutes") Y(SPK_C_PUB_REASON, "s.published_reason") \
	Y(SPK_C_CREATED_AT, "s.created_at") Y(SPK_C_UPDATED_AT, "s.updated_at") \
	Y(SPK_C_DECIDED_AT, "s.decided_at") Y(SPK_C_ORG_NAME, "o.name") \
	Y(SPK_C_ORG_COUNTRY, "o.country") Y(SPK_C_ORG_REGION, "o.region") \
	Y(SPK_C_ORG_KIND, "o.kind")
enum spk_col { SPK_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) SPK_C__MAX };
enum mtg_desk_col { MTG_DESK_C_ORG, MTG_DESK_C_ECOSOC, MTG_DESK_C_NAME, MTG_DESK_C_TITLE,
	MTG_DESK_C_NATIONALITY, MTG_DESK_C_VISA, MTG_DESK_C__MAX };

/* An application to a call (ST_CAPP_GET, ST_CAPP_OF_USER, ST_CAPP_LIST)
 * with the person's name and address, its organization's name and
 * country, and its reviewers' weighted scores (in hundredths): their sum,
 * how many reviewers, and the spread between the highest and the lowest
 * (NULL when nobody scored it). */
#define CAPP_COLUMNS(X, Y) \
	X(CAPP_C_ID, "a.id") Y(CAPP_C_CALL_ID, "a.call_id") Y(CAPP_C_USER_ID, "a.user_id") \
	Y(CAPP_C_ORG_ID, "a.organization_id") Y(CAPP_C_ANSWERS, "a.answers") \
	Y(CAPP_C_STATUS, "a.status") Y(CAPP_C_CREATED_AT, "a.created_at") \
	Y(CAPP_C_UPDATED_AT, "a.updated_at") Y(CAPP_C_SUBMITTED_AT, "a.submitted_at") \
	Y(CAPP_C_DECIDED_AT, "a.decided_at") Y(CAPP_C_NAME, "u.name") \
	Y(CAPP_C_EMAIL, "u.email") Y(CAPP_C_ORG_NAME, "o.name") \
	Y(CAPP_C_ORG_COUNTRY, "o.country") \
	Y(CAPP_C_SCORE_SUM, "(SELECT sum(s.weighted) FROM call_scores s " \
	    "WHERE s.application_id = a.id)") \
	Y(CAPP_C_SCORE_N, "(SELECT count(*) FROM call_scores s WHERE s.application_id = a.id)") \
	Y(CAPP_C_SCORE_SPREAD, "(SELECT max(s.weighted) - min(s.weighted) FROM call_scores s " \
	    "WHERE s.application_id = a.id)")
enum capp_col { CAPP_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CAPP_C__MAX };
/* One reviewer's scores of an application (ST_CALL_SCORE_LIST). */
enum call_score_col {
	CALL_SCORE_C_REVIEWER, CALL_SCORE_C_NAME, CALL_SCORE_C_SCORES, CALL_SCORE_C_COMMENT,
	CALL_SCORE_C_WEIGHTED, CALL_SCORE_C_UPDATED_AT, CALL_SCORE_C__MAX
};

/* A person's applications to calls, for their export (ST_CAPP_EXPORT):
 * with the call's title, the organization's name, and whether they act
 * for it still (CAPP_FILER_ACTS: 1 or 0). */
enum capp_export_col {
	CAPP_X_C_ID, CAPP_X_C_CALL_ID, CAPP_X_C_CALL_TITLE, CAPP_X_C_ORG_ID, CAPP_X_C_ORG_NAME,
	CAPP_X_C_STATUS, CAPP_X_C_ANSWERS, CAPP_X_C_CREATED_AT, CAPP_X_C_SUBMITTED_AT,
	CAPP_X_C_DECIDED_AT, CAPP_X_C_ACTS, CAPP_X_C__MAX
};

/* A file answering a call's question (ST_CAPP_FILE_LIST, ST_CAPP_FILE_ONE). */
enum capp_file_col {
	CAPP_FILE_C_QUESTION, CAPP_FILE_C_FILE_ID, CAPP_FILE_C_NAME, CAPP_FILE_C_TYPE,
	CAPP_FILE_C_SIZE, CAPP_FILE_C_SHA256, CAPP_FILE_C__MAX
};

/* A file of a person's applications (ST_CAPP_FILES_OF_USER). */
enum capp_user_file_col {
	CAPP_UFILE_C_APPLICATION, CAPP_UFILE_C_QUESTION, CAPP_UFILE_C_FILE_ID, CAPP_UFILE_C__MAX
};

/* A message staff sent an event's people (ST_EV_MSG_GET). */
enum ev_msg_col {
	EV_MSG_C_EVENT_ID, EV_MSG_C_SUBJECT, EV_MSG_C_BODY, EV_MSG_C__MAX
};
/* The messages sent about an event, newest first (ST_EV_MSG_LIST). */
enum ev_msg_list_col {
	EV_MSG_LIST_C_ID, EV_MSG_LIST_C_CREATED_AT, EV_MSG_LIST_C_SENDER, EV_MSG_LIST_C_SUBJECT,
	EV_MSG_LIST_C_RECIPIENTS, EV_MSG_LIST_C_WAITLISTED, EV_MSG_LIST_C_SENT,
	EV_MSG_LIST_C__MAX
};

/* A country pilot initiative (ST_INI_GET, ST_INI_LIST, ST_INI_OF_COUNTRY). */
#define INI_COLUMNS(X, Y) \
	X(INI_C_ID, "i.id") Y(INI_C_COUNTRY, "i.country") Y(INI_C_TITLE, "i.title") \
	Y(INI_C_SUMMARY, "i.summary") Y(INI_C_CONCEPT_NOTE, "i.concept_note") \
	Y(INI_C_STATUS, "i.status") Y(INI_C_CALL_ID, "i.call_id") \
	Y(INI_C_MEETINGS, "i.meetings") Y(INI_C_DOCUMENTS, "i.documents") \
	Y(INI_C_CREATED_AT, "i.created_at") Y(INI_C_UPDATED_AT, "i.updated_at")
enum ini_col { INI_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) INI_C__MAX };
/* A participant of an initiative with its name (ST_INI_PART_LIST). */
enum ini_part_col { INI_PART_C_ID, INI_PART_C_KIND, INI_PART_C_USER_ID, INI_PART_C_ORG_ID,
	INI_PART_C_SOURCE, INI_PART_C_CREATED_AT, INI_PART_C_NAME, INI_PART_C_ORG_LIVE,
	INI_PART_C__MAX };
/* A person's or organization's initiatives (ST_INI_PART_OF_USER,
 * ST_INI_PART_OF_ORG). */
enum ini_mine_col { INI_MINE_C_ID, INI_MINE_C_TITLE, INI_MINE_C_COUNTRY, INI_MINE_C_STATUS,
	INI_MINE_C_KIND, INI_MINE_C__MAX };
/* Whom an initiative's update is mailed to (ST_INI_RECIPIENTS). */
enum ini_rcpt_col { INI_RCPT_C_ID, INI_RCPT_C_EMAIL, INI_RCPT_C_NAME, INI_RCPT_C_LOCALE,
	INI_RCPT_C__MAX };
/* An output of an initiative (ST_INI_OUT_GET, ST_INI_OUT_LIST). */
enum ini_out_col { INI_OUT_C_ID, INI_OUT_C_KIND, INI_OUT_C_TITLE, INI_OUT_C_BODY,
	INI_OUT_C_STATUS, INI_OUT_C_AUDIENCE, INI_OUT_C_CREATED_AT, INI_OUT_C_PUBLISHED_AT,
	INI_OUT_C_CREATED_BY, INI_OUT_C__MAX };
/* An update posted in an initiative's space (ST_INI_UPD_LIST, ST_INI_UPD_GET). */
enum ini_upd_col { INI_UPD_C_ID, INI_UPD_C_AUTHOR_ID, INI_UPD_C_AUTHOR, INI_UPD_C_BODY,
	INI_UPD_C_CREATED_AT, INI_UPD_C__MAX };
/* An event or resource named by an initiative (ST_INI_EVENT_BRIEF,
 * ST_INI_RES_BRIEF): id, title, a time (the event's start, the resource's
 * year) and the viewer may see it (1) or not. */
/* An initiative in staff's CSV (ST_INI_CSV): participants by kind,
 * outputs published and drafts. */
enum ini_csv_col { INI_CSV_C_ID, INI_CSV_C_COUNTRY, INI_CSV_C_TITLE, INI_CSV_C_STATUS,
	INI_CSV_C_FOCAL, INI_CSV_C_ORGS, INI_CSV_C_EXPERTS, INI_CSV_C_PUBLISHED, INI_CSV_C_DRAFTS,
	INI_CSV_C_CREATED_AT, INI_CSV_C_UPDATED_AT, INI_CSV_C__MAX };
enum ini_brief_col { INI_BRIEF_C_ID, INI_BRIEF_C_TITLE, INI_BRIEF_C_WHEN, INI_BRIEF_C_TZ,
	INI_BRIEF_C__MAX };

/* A course (ST_CRS_GET, ST_CRS_LIST). */
#define CRS_COLUMNS(X, Y) \
	X(CRS_C_ID, "c.id") Y(CRS_C_TITLE, "c.title") Y(CRS_C_SUMMARY, "c.summary") \
	Y(CRS_C_LANGUAGES, "c.languages") Y(CRS_C_HOURS, "c.estimated_hours") \
	Y(CRS_C_STATUS, "c.status") Y(CRS_C_SELF, "c.self_enrolment") \
	Y(CRS_C_COPIED_FROM, "c.copied_from") Y(CRS_C_CREATED_AT, "c.created_at") \
	Y(CRS_C_UPDATED_AT, "c.updated_at") \
	Y(CRS_C_COMPLETE_LESSONS, "c.complete_lessons") \
	Y(CRS_C_COMPLETE_QUIZZES, "c.complete_quizzes") Y(CRS_C_COMPLETE_TASKS, "c.complete_tasks")
enum crs_col { CRS_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRS_C__MAX };
/* A module of a course (ST_CRS_MODULES, ST_CRS_MODULE_GET). */
#define CRS_MOD_COLUMNS(X, Y) \
	X(CRS_MOD_C_ID, "m.id") Y(CRS_MOD_C_COURSE_ID, "m.course_id") \
	Y(CRS_MOD_C_POSITION, "m.position") Y(CRS_MOD_C_TITLE, "m.title") \
	Y(CRS_MOD_C_SUMMARY, "m.summary")
enum crs_mod_col { CRS_MOD_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRS_MOD_C__MAX };
/* A lesson, with its module's course and its resource's title
 * (ST_CRS_LESSONS, ST_CRS_LESSON_GET). */
#define CRS_LESSON_COLUMNS(X, Y) \
	X(CRS_LESSON_C_ID, "l.id") Y(CRS_LESSON_C_MODULE_ID, "l.module_id") \
	Y(CRS_LESSON_C_POSITION, "l.position") Y(CRS_LESSON_C_TITLE, "l.title") \
	Y(CRS_LESSON_C_KIND, "l.kind") Y(CRS_LESSON_C_BODY, "l.body") \
	Y(CRS_LESSON_C_VIDEO_URL, "l.video_url") Y(CRS_LESSON_C_RESOURCE_ID, "l.resource_id") \
	Y(CRS_LESSON_C_MINUTES, "l.minutes") Y(CRS_LESSON_C_COURSE_ID, "m.course_id") \
	Y(CRS_LESSON_C_RESOURCE_TITLE, "r.title")
enum crs_lesson_col { CRS_LESSON_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRS_LESSON_C__MAX };
/* A cohort of a course, with its course's title, status and rule of
 * self-enrolment and its number of participants (ST_CRS_COHORT_GET,
 * ST_CRS_COHORT_LIST). */
#define CRS_COHORT_COLUMNS(X, Y) \
	X(CRS_COHORT_C_ID, "k.id") Y(CRS_COHORT_C_COURSE_ID, "k.course_id") \
	Y(CRS_COHORT_C_TITLE, "k.title") Y(CRS_COHORT_C_TIMEZONE, "k.timezone") \
	Y(CRS_COHORT_C_OPENS, "k.enrolment_opens") Y(CRS_COHORT_C_CLOSES, "k.enrolment_closes") \
	Y(CRS_COHORT_C_STARTS, "k.starts") Y(CRS_COHORT_C_ENDS, "k.ends") \
	Y(CRS_COHORT_C_CALL_ID, "k.call_id") Y(CRS_COHORT_C_CREATED_AT, "k.created_at") \
	Y(CRS_COHORT_C_UPDATED_AT, "k.updated_at") Y(CRS_COHORT_C_COURSE_TITLE, "c.title") \
	Y(CRS_COHORT_C_COURSE_STATUS, "c.status") Y(CRS_COHORT_C_SELF, "c.self_enrolment") \
	Y(CRS_COHORT_C_PARTICIPANTS, \
	    "(SELECT count(*) FROM course_enrolments e WHERE e.cohort_id = k.id)")
enum crs_cohort_col { CRS_COHORT_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRS_COHORT_C__MAX };
/* What a person is to a course (ST_CRS_ACCESS): the cohort they are
 * enrolled in that runs now (0: none), how many of its cohorts they are
 * enrolled in, how many they tutor. */
enum crs_access_col { CRS_ACCESS_C_RUNNING, CRS_ACCESS_C_ENROLLED, CRS_ACCESS_C_TUTOR,
	CRS_ACCESS_C__MAX };
/* A module's quiz, with its module's course and title (ST_CRS_QUIZ_GET,
 * ST_CRS_QUIZZES). */
#define CRS_QUIZ_COLUMNS(X, Y) \
	X(CRS_QUIZ_C_ID, "q.id") Y(CRS_QUIZ_C_MODULE_ID, "q.module_id") \
	Y(CRS_QUIZ_C_TITLE, "q.title") Y(CRS_QUIZ_C_PASS_MARK, "q.pass_mark") \
	Y(CRS_QUIZ_C_ATTEMPTS_MAX, "q.attempts_max") Y(CRS_QUIZ_C_QUESTIONS, "q.questions") \
	Y(CRS_QUIZ_C_COURSE_ID, "m.course_id") Y(CRS_QUIZ_C_MODULE_TITLE, "m.title")
enum crs_quiz_col { CRS_QUIZ_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRS_QUIZ_C__MAX };
/* A person's attempt at a quiz (ST_CRS_ATTEMPTS). */
enum crs_attempt_col { CRS_ATTEMPT_C_NUMBER, CRS_ATTEMPT_C_ANSWERS, CRS_ATTEMPT_C_SCORE,
	CRS_ATTEMPT_C_PASSED, CRS_ATTEMPT_C_CREATED_AT, CRS_ATTEMPT_C__MAX };
/* A module's shared task, with its module's course and title
 * (ST_CRS_TASK_GET, ST_CRS_TASKS). */
#define CRS_TASK_COLUMNS(X, Y) \
	X(CRS_TASK_C_ID, "t.id") Y(CRS_TASK_C_MODULE_ID, "t.module_id") \
	Y(CRS_TASK_C_TITLE, "t.title") Y(CRS_TASK_C_INSTRUCTIONS, "t.instructions") \
	Y(CRS_TASK_C_MAX_LENGTH, "t.max_length") Y(CRS_TASK_C_COURSE_ID, "m.course_id") \
	Y(CRS_TASK_C_MODULE_TITLE, "m.title")
enum crs_task_col { CRS_TASK_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRS_TASK_C__MAX };
/* A post of a cohort's discussion (an answer to a task, or a reply to
 * one), with its author's name and its task's title (ST_CRS_POST_GET,
 * ST_CRS_POST_MINE, ST_CRS_POSTS, ST_CRS_REPLIES, ST_CRS_MINE). */
#define CRS_POST_COLUMNS(X, Y) \
	X(CRS_POST_C_ID, "p.id") Y(CRS_POST_C_COHORT_ID, "p.cohort_id") \
	Y(CRS_POST_C_TASK_ID, "p.task_id") Y(CRS_POST_C_PARENT_ID, "p.parent_id") \
	Y(CRS_POST_C_USER_ID, "p.user_id") Y(CRS_POST_C_BODY, "p.body") \
	Y(CRS_POST_C_STATUS, "p.status") Y(CRS_POST_C_COMMENT, "p.comment") \
	Y(CRS_POST_C_MARKED_BY, "p.marked_by") Y(CRS_POST_C_MARKED_AT, "p.marked_at") \
	Y(CRS_POST_C_CREATED_AT, "p.created_at") Y(CRS_POST_C_UPDATED_AT, "p.updated_at") \
	Y(CRS_POST_C_AUTHOR, "u.name") Y(CRS_POST_C_TASK_TITLE, "t.title")
enum crs_post_col { CRS_POST_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRS_POST_C__MAX };
/* Tasks done and tasks in all (ST_CRS_TASKS_STATE); a person's standing
 * in a cohort: enrolled, tutor (ST_CRS_COHORT_ROLE); whom to mail
 * (ST_CRS_PERSON). */
enum crs_tstate_col { CRS_TSTATE_C_DONE, CRS_TSTATE_C_TOTAL, CRS_TSTATE_C__MAX };
enum crs_krole_col { CRS_KROLE_C_ENROLLED, CRS_KROLE_C_TUTOR, CRS_KROLE_C__MAX };
enum crs_person_col { CRS_PERSON_C_EMAIL, CRS_PERSON_C_NAME, CRS_PERSON_C_LOCALE,
	CRS_PERSON_C__MAX };
/* A tutor of a cohort (ST_CRS_TUTORS). */
enum crs_tutor_col { CRS_TUTOR_C_ID, CRS_TUTOR_C_NAME, CRS_TUTOR_C__MAX };
/* An enrolment (ST_CRS_ENROLMENTS). */
enum crs_enrol_col { CRS_ENROL_C_ID, CRS_ENROL_C_USER_ID, CRS_ENROL_C_NAME, CRS_ENROL_C_SOURCE,
	CRS_ENROL_C_CREATED_AT, CRS_ENROL_C__MAX };
/* A participant's row of a cohort's tutors' table (ST_CRS_TABLE): who,
 * their organization's name, country and region (the first organization
 * they belong to), when enrolled, their last lesson read and quiz
 * attempt in the course (0: none), lessons read and quizzes passed, their
 * last post in a discussion of the course (0: none), whether they have
 * completed it (1 or 0). */
enum crs_table_col { CRS_TABLE_C_USER_ID, CRS_TABLE_C_NAME, CRS_TABLE_C_EMAIL,
	CRS_TABLE_C_LOCALE, CRS_TABLE_C_STATUS, CRS_TABLE_C_ORG, CRS_TABLE_C_COUNTRY,
	CRS_TABLE_C_REGION, CRS_TABLE_C_ENROLLED_AT, CRS_TABLE_C_LAST_READ,
	CRS_TABLE_C_LAST_ATTEMPT, CRS_TABLE_C_READ, CRS_TABLE_C_PASSED, CRS_TABLE_C_LAST_POST,
	CRS_TABLE_C_COMPLETED, CRS_TABLE_C__MAX };
/* A tutors' message (ST_CRS_MSG_LIST, ST_CRS_MSG_MINE). */
enum crs_msg_col { CRS_MSG_C_ID, CRS_MSG_C_COHORT_ID, CRS_MSG_C_SUBJECT, CRS_MSG_C_BODY,
	CRS_MSG_C_RECIPIENTS, CRS_MSG_C_CREATED_AT, CRS_MSG_C_SENDER, CRS_MSG_C__MAX };

struct db_stmt_text {
	const char *name;	/* for logs */
	const char *sqlite;
	const char *pg;		/* NULL: same text as sqlite */
};

extern const struct db_stmt_text db_stmt_texts[];
/* Result columns of each statement that has more than one (its enum's
 * __MAX); 0 for the others. */
extern const int db_stmt_cols[DB_STMT__MAX];

/* A constructive dialogue with its session's working group, number,
 * title, start and zone (ST_DLG_GET, ST_DLG_LIST). */
#define DLG_COLUMNS(X, Y) \
	X(DLG_C_ID, "d.id") Y(DLG_C_MEETING_ID, "d.meeting_id") Y(DLG_C_TITLE, "d.title") \
	Y(DLG_C_DESCRIPTION, "d.description") Y(DLG_C_PREP_EVENT_ID, "d.prep_event_id") \
	Y(DLG_C_EVENT_ID, "d.event_id") Y(DLG_C_CALL_ID, "d.call_id") \
	Y(DLG_C_COUNTRIES, "d.countries") Y(DLG_C_INPUTS_CLOSE, "d.inputs_close") \
	Y(DLG_C_SUMMARY, "d.summary") Y(DLG_C_PUBLISHED_AT, "d.summary_published_at") \
	Y(DLG_C_SUM_FILE_ID, "d.summary_file_id") Y(DLG_C_SUM_FILE_NAME, "d.summary_file_name") \
	Y(DLG_C_SUM_FILE_TYPE, "d.summary_file_type") \
	Y(DLG_C_SUM_FILE_SIZE, "d.summary_file_size") \
	Y(DLG_C_SUM_FILE_SHA256, "d.summary_file_sha256") \
	Y(DLG_C_CREATED_AT, "d.created_at") Y(DLG_C_UPDATED_AT, "d.updated_at") \
	Y(DLG_C_WG, "m.working_group") Y(DLG_C_NUMBER, "m.number") \
	Y(DLG_C_SESSION_TITLE, "m.title") Y(DLG_C_START_AT, "e.start_at") \
	Y(DLG_C_TIMEZONE, "e.timezone")
enum dlg_col { DLG_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) DLG_C__MAX };
/* An applicant to a dialogue's call (ST_DLG_PEOPLE): the application, the
 * person, the organization (country, kind), the weighted scores. */
enum dlg_people_col { DLG_P_C_ID, DLG_P_C_USER_ID, DLG_P_C_ORG_ID, DLG_P_C_STATUS,
	DLG_P_C_ANSWERS, DLG_P_C_NAME, DLG_P_C_EMAIL, DLG_P_C_ORG_NAME, DLG_P_C_ORG_COUNTRY,
	DLG_P_C_ORG_KIND, DLG_P_C_SCORE_SUM, DLG_P_C_SCORE_N, DLG_P_C_ORG_LIVE, DLG_P_C__MAX };
/* An approved participant's accepted application (ST_DLG_APPROVED_OF). */
enum dlg_appr_col { DLG_A_C_ID, DLG_A_C_ORG_ID, DLG_A_C__MAX };
/* A dialogue an event belongs to (ST_DLG_OF_EVENT). */
enum dlg_ev_col { DLG_EV_C_ID, DLG_EV_C_CALL_ID, DLG_EV_C_TITLE, DLG_EV_C__MAX };
/* A session's working group (ST_DLG_SESSION). */
enum dlg_sess_col { DLG_S_C_BODY, DLG_S_C_WG, DLG_S_C_TZ, DLG_S_C_START, DLG_S_C__MAX };
/* A written input (ST_DLG_INPUT_LIST). */
enum dlg_input_col { DLG_IN_C_ID, DLG_IN_C_USER_ID, DLG_IN_C_ORG_ID, DLG_IN_C_BODY,
	DLG_IN_C_PUBLISH, DLG_IN_C_FILE_ID, DLG_IN_C_FILE_NAME, DLG_IN_C_FILE_TYPE,
	DLG_IN_C_FILE_SIZE, DLG_IN_C_FILE_SHA256, DLG_IN_C_CREATED_AT, DLG_IN_C_NAME,
	DLG_IN_C_ORG_NAME, DLG_IN_C__MAX };
/* A dialogue in a short list: the summaries for a session, a country's or
 * a person's (ST_DLG_FOR_SESSION, ST_DLG_OF_COUNTRY, ST_DLG_OF_PERSON). */
enum dlg_short_col { DLG_SH_C_ID, DLG_SH_C_TITLE, DLG_SH_C_PUBLISHED_AT, DLG_SH_C_WHO_ID,
	DLG_SH_C_WHO, DLG_SH_C_WHAT, DLG_SH_C__MAX };
/* A person's application to a dialogue's call, for their export
 * (ST_DLG_EXPORT_APPS): whether they still act for it (CAPP_FILER_ACTS). */
enum dlg_xapp_col { DLG_XA_C_ID, DLG_XA_C_DIALOGUE_ID, DLG_XA_C_TITLE, DLG_XA_C_ORG_ID,
	DLG_XA_C_ORG_NAME, DLG_XA_C_STATUS, DLG_XA_C_SUBMITTED_AT, DLG_XA_C_DECIDED_AT,
	DLG_XA_C_ACTS, DLG_XA_C__MAX };
/* A person's own written input, for their export (ST_DLG_EXPORT_INPUTS). */
enum dlg_xin_col { DLG_XI_C_ID, DLG_XI_C_DIALOGUE_ID, DLG_XI_C_TITLE, DLG_XI_C_ORG_ID,
	DLG_XI_C_BODY, DLG_XI_C_PUBLISH, DLG_XI_C_FILE_NAME, DLG_XI_C_FILE_TYPE,
	DLG_XI_C_FILE_SIZE, DLG_XI_C_FILE_SHA256, DLG_XI_C_CREATED_AT, DLG_XI_C__MAX };
/* A dialogue still open to a country (ST_DLG_AHEAD_OF_COUNTRY): its call's
 * status and close, its two events' starts and zone, and whether the
 * country is among its countries under review. */
enum dlg_ahead_col { DLG_AH_C_ID, DLG_AH_C_TITLE, DLG_AH_C_CALL_STATUS, DLG_AH_C_CALL_CLOSES,
	DLG_AH_C_PREP_START, DLG_AH_C_START, DLG_AH_C_TIMEZONE, DLG_AH_C_UNDER_REVIEW,
	DLG_AH_C_INVITED, DLG_AH_C__MAX };
/* A focal point invited to a dialogue (ST_DLG_INV_LIST), or one who may be
 * (ST_DLG_INV_FOCAL, ST_DLG_INV_FOCALS: DLG_INV_C_ID is 0 there). */
enum dlg_inv_col { DLG_INV_C_ID, DLG_INV_C_USER_ID, DLG_INV_C_NAME, DLG_INV_C_EMAIL,
	DLG_INV_C_COUNTRY, DLG_INV_C_LOCALE, DLG_INV_C_CREATED_AT, DLG_INV_C__MAX };

struct db_migration {
	int version;
	const char *sqlite;
	const char *pg;
};

/* The migration that adds the stored duplicate keys (org_keys, app_keys):
 * its number, in one place, for the table and the tests. */
#define DB_MIGRATION_DUPKEYS 11

/* Ordered by version; terminated by a row with version 0. */
extern const struct db_migration db_migrations[];

/* A country's review (ST_REV_GET, ST_REV_LIST). */
#define REV_COLUMNS(X, Y) \
	X(REV_C_COUNTRY, "r.country") Y(REV_C_CLUSTER, "r.cluster") Y(REV_C_YEAR, "r.year") \
	Y(REV_C_REVIEWER_1, "r.reviewer_1") Y(REV_C_REVIEWER_2, "r.reviewer_2") \
	Y(REV_C_STAGE, "r.stage") Y(REV_C_SELF_ASSESSMENT, "r.self_assessment_date") \
	Y(REV_C_COUNTRY_REVIEW, "r.country_review_date") \
	Y(REV_C_COMPLETED, "r.review_completed_date") Y(REV_C_UPDATED_AT, "r.updated_at")
enum rev_col { REV_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) REV_C__MAX };
/* A state focal point of a country (ST_REV_FOCALS). */
enum rev_focal_col { REV_FOCAL_C_ID, REV_FOCAL_C_NAME, REV_FOCAL_C_EMAIL, REV_FOCAL_C__MAX };
/* An approved delegate of an organization of a country, with its session
 * (ST_REV_COUNTRY_MEETINGS). */
enum rev_mtg_col { REV_MTG_C_EVENT_ID, REV_MTG_C_BODY_EN, REV_MTG_C_BODY_FR, REV_MTG_C_TITLE,
	REV_MTG_C_START_AT, REV_MTG_C_TIMEZONE, REV_MTG_C_ORG_ID, REV_MTG_C_ORG_NAME,
	REV_MTG_C_NAME, REV_MTG_C_DELEGATE_TITLE, REV_MTG_C__MAX };

/* A completion and its certificate (ST_CRT_BY_CODE, ST_CRT_OF_PERSON,
 * ST_CRT_OF_USER, ST_CRT_OF_COURSE). */
#define CRT_COLUMNS(X, Y) \
	X(CRT_C_CODE, "t.code") Y(CRT_C_NAME, "t.name") Y(CRT_C_COURSE, "t.course_title") \
	Y(CRT_C_COHORT, "t.cohort_title") Y(CRT_C_HOURS, "t.hours") \
	Y(CRT_C_COMPLETED_AT, "t.completed_at") Y(CRT_C_COURSE_ID, "t.course_id") \
	Y(CRT_C_COHORT_ID, "t.cohort_id") Y(CRT_C_USER_ID, "t.user_id")
enum crt_col { CRT_COLUMNS(DB_COL_ENUM, DB_COL_ENUM) CRT_C__MAX };
/* A cohort's completion rate by a person's organization's country and kind
 * (ST_CRT_RATES). */
enum crt_rate_col { CRT_RATE_C_COHORT_ID, CRT_RATE_C_COHORT, CRT_RATE_C_COUNTRY,
	CRT_RATE_C_KIND, CRT_RATE_C_PARTICIPANTS, CRT_RATE_C_COMPLETED, CRT_RATE_C__MAX };

/* A person's own course data, for their account page and their export
 * (app/courses/mine.c): their enrolments, each with its cohort, course and
 * how many of the course's lessons they read (ST_CRS_MY_ENROLMENTS). */
enum crs_my_enrol_col { CRS_MYE_C_ID, CRS_MYE_C_COHORT_ID, CRS_MYE_C_COHORT, CRS_MYE_C_COURSE_ID,
	CRS_MYE_C_COURSE, CRS_MYE_C_COURSE_STATUS, CRS_MYE_C_SOURCE, CRS_MYE_C_CREATED_AT,
	CRS_MYE_C_STARTS, CRS_MYE_C_ENDS, CRS_MYE_C_LESSONS, CRS_MYE_C_READ, CRS_MYE_C__MAX };
/* The lessons they read (ST_CRS_MY_READS). */
enum crs_my_read_col { CRS_MYR_C_LESSON_ID, CRS_MYR_C_LESSON, CRS_MYR_C_COURSE_ID,
	CRS_MYR_C_COURSE, CRS_MYR_C_COHORT_ID, CRS_MYR_C_READ_AT, CRS_MYR_C__MAX };
/* Their quiz attempts, with the quiz's questions to name their answers
 * (ST_CRS_MY_ATTEMPTS). */
enum crs_my_attempt_col { CRS_MYA_C_ID, CRS_MYA_C_QUIZ_ID, CRS_MYA_C_QUIZ, CRS_MYA_C_COURSE_ID,
	CRS_MYA_C_COURSE, CRS_MYA_C_NUMBER, CRS_MYA_C_ANSWERS, CRS_MYA_C_SCORE, CRS_MYA_C_PASSED,
	CRS_MYA_C_CREATED_AT, CRS_MYA_C_QUESTIONS, CRS_MYA_C__MAX };
/* What they wrote in their cohorts' discussions (ST_CRS_MY_POSTS). */
enum crs_my_post_col { CRS_MYP_C_ID, CRS_MYP_C_COHORT_ID, CRS_MYP_C_COHORT, CRS_MYP_C_COURSE_ID,
	CRS_MYP_C_COURSE, CRS_MYP_C_TASK_ID, CRS_MYP_C_TASK, CRS_MYP_C_PARENT_ID, CRS_MYP_C_BODY,
	CRS_MYP_C_STATUS, CRS_MYP_C_COMMENT, CRS_MYP_C_MARKED_AT, CRS_MYP_C_CREATED_AT,
	CRS_MYP_C_UPDATED_AT, CRS_MYP_C__MAX };
/* The tutors' messages they received (ST_CRS_MY_MESSAGES). */
enum crs_my_msg_col { CRS_MYM_C_ID, CRS_MYM_C_COHORT_ID, CRS_MYM_C_COHORT, CRS_MYM_C_COURSE_ID,
	CRS_MYM_C_COURSE, CRS_MYM_C_SUBJECT, CRS_MYM_C_BODY, CRS_MYM_C_CREATED_AT, CRS_MYM_C_SENDER,
	CRS_MYM_C__MAX };
/* The reminders mailed to them (ST_CRS_MY_REMINDERS). */
enum crs_my_remind_col { CRS_MYN_C_COHORT_ID, CRS_MYN_C_COHORT, CRS_MYN_C_KIND, CRS_MYN_C_SINCE,
	CRS_MYN_C_SENT_AT, CRS_MYN_C__MAX };

/* A news item (ST_NEWS_GET, ST_NEWS_BY_SLUG, ST_NEWS_LIST): its author's
 * name joined in. */
enum news_col { NEWS_C_ID, NEWS_C_SLUG, NEWS_C_KIND, NEWS_C_TITLE, NEWS_C_SUMMARY, NEWS_C_BODY,
	NEWS_C_THEMES, NEWS_C_LANG, NEWS_C_VISIBILITY, NEWS_C_STATUS, NEWS_C_IMAGE_ID,
	NEWS_C_IMAGE_TYPE, NEWS_C_IMAGE_ALT, NEWS_C_AUTHOR_ID, NEWS_C_AUTHOR, NEWS_C_PUBLISHED_AT,
	NEWS_C_CREATED_AT, NEWS_C_UPDATED_AT, NEWS_C__MAX };
/* The items a person wrote, for their export (ST_NEWS_MINE). */
enum news_mine_col { NEWS_MINE_C_ID, NEWS_MINE_C_SLUG, NEWS_MINE_C_TITLE, NEWS_MINE_C_STATUS,
	NEWS_MINE_C_CREATED_AT, NEWS_MINE_C__MAX };
/* A site page in one language (ST_PAGE_GET). */
enum page_col { PAGE_C_TITLE, PAGE_C_BODY, PAGE_C_UPDATED_AT, PAGE_C_UPDATED_BY, PAGE_C__MAX };
/* The pages written (ST_PAGE_LIST). */
enum page_list_col { PAGE_LIST_C_CODE, PAGE_LIST_C_LANG, PAGE_LIST_C_TITLE,
	PAGE_LIST_C_UPDATED_AT, PAGE_LIST_C__MAX };
/* Who changed a page, from the audit log (ST_PAGE_HISTORY). */
enum page_hist_col { PAGE_HIST_C_AT, PAGE_HIST_C_NAME, PAGE_HIST_C_DETAIL, PAGE_HIST_C__MAX };
/* Discussion forums (src/app/forums/, migration 40).  A forum with its
 * counts (ST_FORUM_LIST, ST_FORUM_GET). */
enum forum_col { FORUM_C_ID, FORUM_C_TITLE, FORUM_C_DESCRIPTION, FORUM_C_THEME,
	FORUM_C_POSITION, FORUM_C_AUDIENCE, FORUM_C_ARCHIVED, FORUM_C_CREATED_AT,
	FORUM_C_THREADS, FORUM_C_POSTS, FORUM_C_LAST_POST_AT, FORUM_C__MAX };
/* What makes a person a reader of the members' forums (ST_FORUM_STANDING):
 * their organizations, the approved ones, an expert profile, an approved one. */
enum forum_standing_col { FORUM_ST_C_ORGS, FORUM_ST_C_ORGS_OK, FORUM_ST_C_EXPERT,
	FORUM_ST_C_EXPERT_OK, FORUM_ST_C__MAX };
/* An author's approved organizations (ST_FORUM_AUTHOR_ORGS). */
enum forum_aorg_col { FORUM_AO_C_ID, FORUM_AO_C_NAME, FORUM_AO_C_LISTED, FORUM_AO_C__MAX };
/* A thread with its author, counts and the reader's last read post
 * (ST_FORUM_THREADS, ST_FORUM_THREAD_GET). */
enum forum_thread_col { FTH_C_ID, FTH_C_FORUM_ID, FTH_C_USER_ID, FTH_C_TITLE, FTH_C_PINNED,
	FTH_C_LOCKED, FTH_C_CREATED_AT, FTH_C_LAST_POST_AT, FTH_C_POSTS, FTH_C_LAST_POST_ID,
	FTH_C_READ_POST_ID, FTH_C__MAX };
/* A post with its author's name and role (ST_FORUM_POSTS, ST_FORUM_POST_GET). */
enum forum_post_col { FP_C_ID, FP_C_THREAD_ID, FP_C_USER_ID, FP_C_BODY, FP_C_STATUS,
	FP_C_FLAG_HIDDEN, FP_C_CREATED_AT, FP_C_EDITED_AT, FP_C_AUTHOR, FP_C_ROLE,
	FP_C_FORUM_ID, FP_C_OPEN_FLAGS, FP_C__MAX };
/* An open flag for staff's queue (ST_FORUM_FLAG_QUEUE). */
enum forum_flag_col { FF_C_ID, FF_C_POST_ID, FF_C_THREAD_ID, FF_C_FORUM_ID, FF_C_THREAD,
	FF_C_BODY, FF_C_POST_STATUS, FF_C_FLAG_HIDDEN, FF_C_REASON, FF_C_FLAGGER,
	FF_C_ORG, FF_C_CREATED_AT, FF_C__MAX };
/* A follower of a thread to mail (ST_FORUM_FOLLOWERS). */
enum forum_follower_col { FFO_C_ID, FFO_C_EMAIL, FFO_C_LOCALE, FFO_C_ROLE, FFO_C__MAX };
/* A subscription as stored (ST_FORUM_SUB_GET). */
enum forum_sub_col { FSUB_C_ACTIVE, FSUB_C__MAX };
/* Mail sent to a person about a thread (ST_FORUM_MAILSTATE_GET). */
enum forum_mail_col { FML_C_LAST_MAILED_AT, FML_C_MISSED, FML_C__MAX };
/* A person's own posts, for their export (ST_FORUM_MY_POSTS). */
enum forum_mine_col { FMY_C_ID, FMY_C_THREAD_ID, FMY_C_THREAD, FMY_C_FORUM_ID, FMY_C_FORUM,
	FMY_C_BODY, FMY_C_STATUS, FMY_C_CREATED_AT, FMY_C_EDITED_AT, FMY_C_AUDIENCE,
	FMY_C_THREAD_USER, FMY_C_ROLE, FMY_C__MAX };
/* A conversation as one of its two people sees it (ST_MSG_CONV_GET,
 * ST_MSG_CONV_LIST): the other person (NULL id when their row is gone;
 * deleted 1 when their account was deleted), who started it, the last
 * message id the viewer read, the last message they may see and when,
 * how many they have not read, whether the viewer blocked the other. */
enum msg_conv_col { MSG_CONV_C_ID, MSG_CONV_C_OTHER_ID, MSG_CONV_C_OTHER_NAME,
	MSG_CONV_C_OTHER_DELETED, MSG_CONV_C_OTHER_STATUS, MSG_CONV_C_STARTED_BY,
	MSG_CONV_C_READ, MSG_CONV_C_LAST_ID, MSG_CONV_C_LAST_AT, MSG_CONV_C_UNREAD,
	MSG_CONV_C_CREATED_AT, MSG_CONV_C_BLOCKED, MSG_CONV_C__MAX };
/* A conversation's two people and when each was last mailed about it
 * (ST_MSG_CONV_LOCK). */
enum msg_lock_col { MSG_LOCK_C_A_ID, MSG_LOCK_C_B_ID, MSG_LOCK_C_A_MAILED, MSG_LOCK_C_B_MAILED,
	MSG_LOCK_C__MAX };
/* A message with its sender (ST_MSG_LIST, ST_MSG_TAIL); deleted 1 when the
 * sender's account was deleted or is gone. */
enum msg_col { MSG_C_ID, MSG_C_SENDER_ID, MSG_C_SENDER_NAME, MSG_C_SENDER_DELETED, MSG_C_BODY,
	MSG_C_CREATED_AT, MSG_C__MAX };
/* A member of staff a focal point may write to (ST_MSG_STAFF). */
enum msg_staff_col { MSG_STAFF_C_ID, MSG_STAFF_C_NAME, MSG_STAFF_C__MAX };
/* A message of the export (ST_MSG_MINE). */
enum msg_mine_col { MSG_MINE_C_ID, MSG_MINE_C_CONVERSATION_ID, MSG_MINE_C_SENDER_ID,
	MSG_MINE_C_SENDER_NAME, MSG_MINE_C_BODY, MSG_MINE_C_CREATED_AT, MSG_MINE_C__MAX };
/* A partner request between two organizations, with their names and the
 * people it names (ST_PTN_GET, ST_PTN_OF_ORG, ST_PTN_ALL). */
enum ptn_col { PTN_C_ID, PTN_C_FROM_ORG, PTN_C_FROM_NAME, PTN_C_TO_ORG, PTN_C_TO_NAME,
	PTN_C_ASKED_BY, PTN_C_ASKER_NAME, PTN_C_NOTE, PTN_C_STATUS, PTN_C_CREATED_AT,
	PTN_C_DECIDED_AT, PTN_C_FROM_CONTACT, PTN_C_FROM_CONTACT_NAME, PTN_C_TO_CONTACT,
	PTN_C_TO_CONTACT_NAME, PTN_C_CONVERSATION_ID, PTN_C__MAX };
/* A report of a conversation, with its two people (ST_MSG_REPORT_LIST). */
enum msg_report_col { MSG_REP_C_ID, MSG_REP_C_CONVERSATION_ID, MSG_REP_C_REPORTER_ID,
	MSG_REP_C_REPORTER_NAME, MSG_REP_C_REASON, MSG_REP_C_STATUS, MSG_REP_C_CREATED_AT,
	MSG_REP_C_A_ID, MSG_REP_C_A_NAME, MSG_REP_C_B_ID, MSG_REP_C_B_NAME, MSG_REP_C__MAX };

/* Who may get this week's digest (ST_DIGEST_PEOPLE). */
enum digest_person_col { DGP_C_ID, DGP_C_ROLE, DGP_C__MAX };
/* A person's last digest (ST_DIGEST_LAST). */
enum digest_last_col { DGL_C_SENT_AT, DGL_C_OPPS, DGL_C__MAX };
/* A run of the digest job (ST_DIGEST_RUNS). */
enum digest_run_col { DGR_C_ID, DGR_C_RAN_AT, DGR_C_WEEK, DGR_C_MAILED, DGR_C_MANUAL,
	DGR_C__MAX };
/* A person's digests, for their export (ST_DIGEST_MINE). */
enum digest_mine_col { DGM_C_WEEK, DGM_C_SENT_AT, DGM_C_NEWS, DGM_C_OPPORTUNITIES,
	DGM_C_THREADS, DGM_C__MAX };
/* A published news item for a digest (ST_NEWS_SINCE). */
enum news_since_col { NSI_C_ID, NSI_C_SLUG, NSI_C_KIND, NSI_C_TITLE, NSI_C_PUBLISHED_AT,
	NSI_C__MAX };
/* A followed thread with new replies (ST_FORUM_DIGEST). */
enum forum_digest_col { FDG_C_THREAD_ID, FDG_C_FORUM_ID, FDG_C_THREAD, FDG_C_FORUM,
	FDG_C_AUDIENCE, FDG_C_NEW, FDG_C__MAX };

#endif
