/*
 * routes.c -- every address WhatsOn answers: method, pattern, handler, who
 * may call it, whether it needs a CSRF token, and its rate-limit class.
 *
 * This table is the only place access is decided; tests/http walks every row
 * for every role.  GET pages flagged RF_TWIN also answer at /api/v1<path>
 * with the same value as JSON.
 */
#include <stddef.h>

#include "app/accounts/accounts.h"
#include "app/admin/admin.h"
#include "app/pages/pages.h"
#include "http/http.h"

const struct route app_routes[] = {
	/* method   pattern                         handler              roles     csrf        rate limit flags */
	{HM_GET,    "/",                            h_home,              R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/healthz",                     h_healthz,           R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/static/{file}",               h_static,            R_ALL,    CSRF_NONE,  RL_NONE,   0},

	{HM_GET,    "/signup",                      h_signup_form,       R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/signup",                      h_signup,            R_ALL,    CSRF_CHECK, RL_SIGNUP, 0},
	{HM_GET,    "/verify",                      h_verify,            R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/signin",                      h_signin_form,       R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/signin",                      h_signin,            R_ALL,    CSRF_CHECK, RL_SIGNIN, 0},
	{HM_POST,   "/signout",                     h_signout,           R_USER,   CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/signout-everywhere",          h_signout_all,       R_USER,   CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/forgot",                      h_forgot_form,       R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/forgot",                      h_forgot,            R_ALL,    CSRF_CHECK, RL_MAIL,   0},
	{HM_GET,    "/reset",                       h_reset_form,        R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/reset",                       h_reset,             R_ALL,    CSRF_CHECK, RL_MAIL,   0},
	{HM_GET,    "/account",                     h_account,           R_USER,   CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/account/password",            h_change_password,   R_USER,   CSRF_CHECK, RL_SIGNIN, 0},
	{HM_POST,   "/account/email",               h_change_email,      R_USER,   CSRF_CHECK, RL_MAIL,   0},

	{HM_GET,    "/admin/users",                 h_admin_users,       R_ADMIN,  CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/admin/users/{id}/role",       h_admin_user_role,   R_ADMIN,  CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/admin/users/{id}/status",     h_admin_user_status, R_ADMIN,  CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/audit",                 h_staff_audit,       R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN},

	{HM_POST,   "/api/v1/accounts",             h_api_signup,        R_ALL,    CSRF_CHECK, RL_SIGNUP, RF_API},
	{HM_POST,   "/api/v1/session",              h_api_session,       R_ALL,    CSRF_CHECK, RL_SIGNIN, RF_API},
	{HM_DELETE, "/api/v1/session",              h_api_session_end,   R_USER,   CSRF_CHECK, RL_NONE,   RF_API},
	{HM_GET,    "/api/v1/me",                   h_api_me,            R_USER,   CSRF_NONE,  RL_NONE,   RF_API},
	{0, NULL, NULL, 0, 0, 0, 0},
};
