/*
 * admin.h -- staff and admin pages: users and roles, the audit log, the
 * message templates staff edit, the background jobs.
 */
#ifndef WS_ADMIN_H
#define WS_ADMIN_H

#include "http/form.h"
#include "http/http.h"

enum ws_err h_admin_users(struct req *r, struct resp *w);
enum ws_err h_admin_user_role(struct req *r, struct resp *w);
enum ws_err h_admin_user_status(struct req *r, struct resp *w);
enum ws_err h_staff_audit(struct req *r, struct resp *w);
enum ws_err h_templates(struct req *r, struct resp *w);
enum ws_err h_template_form(struct req *r, struct resp *w);
enum ws_err h_template_save(struct req *r, struct resp *w);
/* jobs.c: the background jobs */
enum ws_err h_staff_jobs(struct req *r, struct resp *w);
extern const struct field admin_q_jobs[];	/* its query: ?status=, paging */
enum ws_err h_staff_job_retry(struct req *r, struct resp *w);

/* useradd.c: an active, verified account of role for email (lower-cased by
 * the caller) with the password hash (password_hash; hashing is the
 * caller's, off the request threads), a member of org when org > 0; via names the
 * way it came in the audit log and the organization's history ("cli").
 * WS_ENOTFOUND: no organization org; WS_ECONFLICT: the email is taken. */
struct app;
struct db;
enum ws_err admin_user_add(struct app *app, struct db *d, const char *email, const char *name,
    const char *hash, const char *role, int64_t org, const char *via, int64_t *id) WS_WUR;

#endif
