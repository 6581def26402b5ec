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
	ST_USER_SET_FAILS,
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
	/* mail */
	ST_OUTBOX_INSERT,
	ST_OUTBOX_CLAIM,
	ST_OUTBOX_SENT,
	ST_OUTBOX_RETRY,
	ST_OUTBOX_PENDING,
	/* audit */
	ST_AUDIT_INSERT,
	ST_AUDIT_LIST,
	ST_AUDIT_COUNT,
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

/* Ordered by version; terminated by a row with version 0. */
extern const struct db_migration db_migrations[];

#endif
