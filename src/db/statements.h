/*
 * statements.h -- names of every SQL statement WhatsOn runs.
 *
 * The text of each lives in statements.c, once per backend where the dialects
 * differ.  Adding a name without its row fails the build.
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
	/* reference data */
	ST_THEME_LIST,
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
	DB_STMT__MAX
};

struct db_stmt_text {
	const char *name;	/* for logs */
	const char *sqlite;
	const char *pg;		/* NULL: same text as sqlite */
};

extern const struct db_stmt_text db_stmt_texts[];

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

#endif
