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
#include "app/dialogues/dialogues.h"
#include "app/app.h"
#include "app/calls/calls.h"
#include "app/directory/directory.h"
#include "app/directory/import.h"
#include "app/directory/summary.h"
#include "app/events/events.h"
#include "app/meetings/meetings.h"
#include "app/opportunities/opportunities.h"
#include "app/orgs/orgs.h"
#include "app/pages/pages.h"
#include "app/people/people.h"
#include "app/resources/resources.h"
#include "http/http.h"

/* A row that declares no query and takes no upload leaves the last columns
 * out (NULL, UPLOAD_NONE).  The upload column names the kind of file a
 * route takes, and so its body's ceiling (http.h). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

const struct route app_routes[] = {
	/* method   pattern                         handler              roles     csrf        rate limit flags, query, upload */
	{HM_GET,    "/",                            h_home,              R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/about/members",               h_summary,           R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/healthz",                     h_healthz,           R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/static/{file}",               h_static,            R_ALL,    CSRF_NONE,  RL_NONE,   0},

	{HM_GET,    "/signup",                      h_signup_form,       R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/signup",                      h_signup,            R_ALL,    CSRF_CHECK, RL_SIGNUP, RF_SLOW},
	{HM_GET,    "/verify",                      h_verify,            R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/verify",                      h_verify_confirm,    R_ALL,    CSRF_CHECK, RL_SIGNIN, RF_SLOW},
	{HM_GET,    "/signin",                      h_signin_form,       R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/signin",                      h_signin,            R_ALL,    CSRF_CHECK, RL_NONE  , RF_SLOW},
	{HM_POST,   "/signout",                     h_signout,           R_USER,   CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/signout-everywhere",          h_signout_all,       R_USER,   CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/forgot",                      h_forgot_form,       R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/forgot",                      h_forgot,            R_ALL,    CSRF_CHECK, RL_MAIL,   0},
	{HM_GET,    "/reset",                       h_reset_form,        R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/reset",                       h_reset,             R_ALL,    CSRF_CHECK, RL_MAIL,   RF_SLOW},
	{HM_GET,    "/account",                     h_account,           R_USER,   CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/account/password",            h_change_password,   R_USER,   CSRF_CHECK, RL_NONE  , RF_SLOW},
	{HM_POST,   "/account/email",               h_change_email,      R_USER,   CSRF_CHECK, RL_MAIL,   RF_SLOW},
	{HM_POST,   "/account/delete",              h_account_delete,    R_USER,   CSRF_CHECK, RL_NONE,   RF_SLOW},
	{HM_POST,   "/account/timezone",            h_change_tz,         R_USER,   CSRF_CHECK, RL_NONE,   0},

	{HM_GET,    "/admin/users",                 h_admin_users,       R_ADMIN,  CSRF_NONE,  RL_NONE,   RF_TWIN, app_q_list},
	{HM_POST,   "/admin/users/{id}/role",       h_admin_user_role,   R_ADMIN,  CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/admin/users/{id}/status",     h_admin_user_status, R_ADMIN,  CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/audit",                 h_staff_audit,       R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN, app_q_list},
	{HM_GET,    "/staff/jobs",                  h_staff_jobs,        R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN, admin_q_jobs},
	{HM_POST,   "/staff/jobs/{id}/retry",       h_staff_job_retry,   R_STAFFS, CSRF_CHECK, RL_NONE,   0},

	{HM_GET,    "/staff/templates",             h_templates,         R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/staff/templates/{code}",      h_template_form,     R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/staff/templates/{code}",      h_template_save,     R_STAFFS, CSRF_CHECK, RL_NONE,   0},

	{HM_GET,    "/join",                        h_join_form,         R_ALL,    CSRF_NONE,  RL_NONE,   0, orgs_q_join},
	{HM_POST,   "/join",                        h_join,              R_ALL,    CSRF_KEEP,  RL_SIGNUP, RF_SLOW, NULL, UPLOAD_LOGO},
	{HM_GET,    "/join/focal",                  h_focal_form,        R_USER,   CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/join/focal",                  h_focal,             R_USER,   CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/applications/{id}",           h_my_application,    R_USER,   CSRF_NONE,  RL_NONE,   RF_TWIN | RF_OWNER},
	{HM_POST,   "/applications/{id}",           h_resubmit,          R_USER,   CSRF_CHECK, RL_NONE,   RF_OWNER, NULL, UPLOAD_LOGO},
	{HM_GET,    "/staff/themes",                h_staff_themes,      R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/staff/themes",                h_theme_add,         R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/themes/{code}",         h_theme_rename,      R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/themes/{code}/retire",  h_theme_retire,      R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/themes/{code}/restore", h_theme_restore,     R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff",                       h_staff_home,        R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/staff/applications",          h_app_list,          R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN, orgs_q_apps},
	{HM_POST,   "/staff/applications/bulk",     h_app_bulk,          R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/applications/{id}",     h_app_detail,        R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/staff/applications/{id}/logo", h_app_logo,         R_STAFFS, CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/staff/applications/{id}/approve", h_app_approve,   R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/applications/{id}/reject", h_app_reject,     R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/applications/{id}/request-info", h_app_request_info, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/staff/applications/{id}/note", h_app_note,         R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/memberships",           h_staff_memberships, R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN, app_q_list},
	{HM_POST,   "/staff/memberships/{id}/{user}/revoke", h_staff_membership_revoke, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/staff/memberships/{id}/{user}/keep", h_staff_membership_keep, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/organizations",               h_directory,         R_MEMBERS, CSRF_NONE, RL_NONE,   RF_TWIN, dir_q_directory},
	{HM_GET,    "/staff/organizations.csv",     h_directory_csv,     R_STAFFS, CSRF_NONE,  RL_NONE,   0, dir_q_directory},
	{HM_GET,    "/staff/organizations/import",  h_import_form,       R_STAFFS, CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/staff/organizations/import",  h_import,            R_STAFFS, CSRF_CHECK, RL_NONE,   0, NULL, UPLOAD_IMPORT},
	{HM_GET,    "/staff/organizations/import/{job}", h_import_job,   R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/staff/organizations/import/{job}/file", h_import_file, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_GET,    "/organizations/{id}",          h_org_profile,       R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN | RF_OWNER},
	{HM_GET,    "/organizations/{id}/logo",     h_org_logo,          R_ALL,    CSRF_NONE,  RL_NONE,   RF_OWNER},
	{HM_GET,    "/organizations/{id}/edit",     h_org_edit_form,     R_USER,   CSRF_NONE,  RL_NONE,   RF_OWNER},
	{HM_POST,   "/organizations/{id}/edit",     h_org_edit,          R_USER,   CSRF_CHECK, RL_NONE,   RF_OWNER, NULL, UPLOAD_LOGO},
	{HM_POST,   "/organizations/{id}/join-request", h_join_request,  R_USER,   CSRF_CHECK, RL_NONE,   RF_OWNER},
	{HM_GET,    "/organizations/{id}/requests", h_org_requests,      R_USER,   CSRF_NONE,  RL_NONE,   RF_TWIN | RF_OWNER},
	{HM_POST,   "/organizations/{id}/requests/{app}/approve", h_org_request_approve, R_USER, CSRF_CHECK, RL_NONE, RF_OWNER},
	{HM_POST,   "/organizations/{id}/requests/{app}/reject", h_org_request_reject, R_USER, CSRF_CHECK, RL_NONE, RF_OWNER},
	{HM_POST,   "/organizations/{id}/people/{user}/admin", h_org_person_admin, R_USER, CSRF_CHECK, RL_NONE, RF_OWNER},
	{HM_POST,   "/organizations/{id}/people/{user}/remove", h_org_person_remove, R_USER, CSRF_CHECK, RL_NONE, RF_OWNER},
	{HM_POST,   "/organizations/{id}/leave",    h_org_leave,         R_USER,   CSRF_CHECK, RL_NONE,   RF_OWNER},
	{HM_POST,   "/organizations/{id}/listed",   h_org_listed,        R_USER,   CSRF_CHECK, RL_NONE,   RF_OWNER},
	{HM_POST,   "/organizations/{id}/invite",   h_org_invite,        R_USER,   CSRF_CHECK, RL_MAIL,   RF_OWNER},
	{HM_GET,    "/invitations/accept",          h_invite_form,       R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_POST,   "/invitations/accept",          h_invite_accept,     R_ALL,    CSRF_CHECK, RL_SIGNUP, RF_SLOW},
	{HM_POST,   "/organizations/{id}/status",   h_org_status,        R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/organizations/{id}/history",  h_org_history,       R_USER,   CSRF_NONE,  RL_NONE,   RF_TWIN | RF_OWNER, app_q_list},
	{HM_GET,    "/people",                      h_people,            R_MEMBERS, CSRF_NONE, RL_NONE,   RF_TWIN, people_q_list},
	{HM_GET,    "/people/{id}",                 h_person,            R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN | RF_OWNER},
	{HM_GET,    "/people/{id}/edit",            h_person_edit_form,  R_USER,   CSRF_NONE,  RL_NONE,   RF_OWNER},
	{HM_POST,   "/people/{id}/edit",            h_person_edit,       R_USER,   CSRF_CHECK, RL_NONE,   RF_OWNER},

	{HM_POST,   "/api/v1/accounts",             h_api_signup,        R_ALL,    CSRF_CHECK, RL_SIGNUP, RF_API | RF_SLOW},
	{HM_POST,   "/api/v1/verify",               h_verify_confirm,    R_ALL,    CSRF_CHECK, RL_SIGNIN, RF_API | RF_SLOW},
	{HM_POST,   "/api/v1/session",              h_api_session,       R_ALL,    CSRF_CHECK, RL_NONE  , RF_API | RF_SLOW},
	{HM_DELETE, "/api/v1/session",              h_api_session_end,   R_USER,   CSRF_CHECK, RL_NONE,   RF_API},
	{HM_GET,    "/api/v1/me",                   h_api_me,            R_USER,   CSRF_NONE,  RL_NONE,   RF_API},
	{HM_DELETE, "/api/v1/me",                   h_account_delete,    R_USER,   CSRF_CHECK, RL_NONE,   RF_API | RF_SLOW},
	{HM_PATCH,  "/api/v1/me",                   h_change_tz,         R_USER,   CSRF_CHECK, RL_NONE,   RF_API},
	{HM_GET,    "/api/v1/me/export",            h_api_me_export,     R_USER,   CSRF_NONE,  RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/applications",         h_join,              R_ALL,    CSRF_CHECK, RL_SIGNUP, RF_API | RF_SLOW, NULL, UPLOAD_LOGO},
	{HM_GET,    "/api/v1/applications",         h_app_list,          R_STAFFS, CSRF_NONE,  RL_NONE,   RF_API, orgs_q_apps},
	{HM_POST,   "/api/v1/applications/{id}",    h_resubmit,          R_USER,   CSRF_CHECK, RL_NONE,   RF_API | RF_OWNER, NULL, UPLOAD_LOGO},
	{HM_POST,   "/api/v1/applications/{id}/approve", h_app_approve,  R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/applications/{id}/reject", h_app_reject,    R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/applications/{id}/request-info", h_app_request_info, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_PATCH,  "/api/v1/organizations/{id}",   h_org_edit,          R_USER,   CSRF_CHECK, RL_NONE,   RF_API | RF_OWNER, NULL, UPLOAD_LOGO},
	{HM_PATCH,  "/api/v1/people/{id}",          h_person_edit,       R_USER,   CSRF_CHECK, RL_NONE,   RF_API | RF_OWNER},
	{HM_POST,   "/api/v1/organizations/{id}/people/{user}/remove", h_org_person_remove, R_USER, CSRF_CHECK, RL_NONE, RF_API | RF_OWNER},
	{HM_POST,   "/api/v1/organizations/{id}/leave", h_org_leave,     R_USER,   CSRF_CHECK, RL_NONE,   RF_API | RF_OWNER},
	{HM_POST,   "/api/v1/staff/memberships/{id}/{user}/revoke", h_staff_membership_revoke, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_POST,   "/api/v1/staff/memberships/{id}/{user}/keep", h_staff_membership_keep, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_POST,   "/api/v1/staff/organizations/import", h_import,      R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API, NULL, UPLOAD_IMPORT},
	{HM_POST,   "/api/v1/staff/themes",         h_theme_add,         R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_PATCH,  "/api/v1/staff/themes/{code}",  h_theme_rename,      R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/staff/themes/{code}/retire", h_theme_retire, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_POST,   "/api/v1/staff/themes/{code}/restore", h_theme_restore, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_POST,   "/api/v1/staff/jobs/{id}/retry", h_staff_job_retry,  R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},

	/* the library (issue 13): who sees a resource is decided by RES_VISIBLE (404 for the rest) */
	{HM_GET,    "/resources",                   h_resources,         R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN, res_q_list},
	{HM_GET,    "/resources.atom",              h_resources_atom,    R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/resources/new",               h_resource_new_form, R_MEMBER | R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/resources/new",               h_resource_create,   R_MEMBER | R_STAFFS, CSRF_CHECK, RL_NONE, 0, NULL, UPLOAD_RESOURCE},
	{HM_GET,    "/resources/{id}",              h_resource,          R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_GET,    "/resources/{id}/edit",         h_resource_edit_form, R_MEMBER | R_STAFFS, CSRF_NONE, RL_NONE, RF_OWNER},
	{HM_POST,   "/resources/{id}/edit",         h_resource_edit,     R_MEMBER | R_STAFFS, CSRF_CHECK, RL_NONE, RF_OWNER, NULL, UPLOAD_RESOURCE},
	{HM_GET,    "/resources/{id}/files/{n}",    h_resource_file,     R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/staff/resources",             h_staff_resources,   R_STAFFS, CSRF_NONE,  RL_NONE,   0, res_q_review},
	{HM_POST,   "/staff/resources/{id}/approve", h_resource_approve, R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/resources/{id}/reject", h_resource_reject,   R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/resources/{id}/request-info", h_resource_request_info, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/api/v1/resources",            h_resource_create,   R_MEMBER | R_STAFFS, CSRF_CHECK, RL_NONE, RF_API, NULL, UPLOAD_RESOURCE},
	{HM_GET,    "/api/v1/resources/{id}/files/{n}", h_resource_file, R_ALL,    CSRF_NONE,  RL_NONE,   RF_API},
	{HM_PATCH,  "/api/v1/resources/{id}",       h_resource_edit,     R_MEMBER | R_STAFFS, CSRF_CHECK, RL_NONE, RF_API | RF_OWNER, NULL, UPLOAD_RESOURCE},
	{HM_POST,   "/api/v1/resources/{id}/approve", h_resource_approve, R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/resources/{id}/reject", h_resource_reject,  R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/resources/{id}/request-info", h_resource_request_info, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},

	/* events (issue 14): who sees an event is decided by EV_VISIBLE (404 for the rest) */
	{HM_GET,    "/events",                      h_events,            R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN, ev_q_list},
	{HM_GET,    "/events/{id}",                 h_event,             R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/events/{id}/register",        h_event_register_form, R_USER, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/events/{id}/registrations/{rid}/cancel", h_event_cancel_form, R_USER, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/api/v1/events",               h_event_create,      R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_PATCH,  "/api/v1/events/{id}",          h_event_edit,        R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/events/{id}/registrations", h_event_register, R_USER, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_GET,    "/api/v1/events/{id}/registrations", h_event_registrations, R_USER, CSRF_NONE, RL_NONE, RF_API, ev_q_regs},
	{HM_GET,    "/api/v1/events/{id}/registrations/{rid}", h_event_registration, R_USER, CSRF_NONE, RL_NONE, RF_API},
	{HM_DELETE, "/api/v1/events/{id}/registrations/{rid}", h_event_unregister, R_USER, CSRF_CHECK, RL_NONE, RF_API},

	/* calendars (issue 14): an event's as the event is seen; a person's by the token in its address */
	{HM_GET,    "/events/calendar.ics",         h_events_ics,        R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/events/{id}/calendar.ics",    h_event_ics,         R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/calendar/{token}.ics",        h_personal_ics,      R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/account/calendar",            h_calendar_page,     R_USER,   CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/account/calendar",            h_calendar_reset,    R_USER,   CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/api/v1/account/calendar-token", h_api_calendar_token, R_USER, CSRF_CHECK, RL_NONE, RF_API},
	/* events, staff's side (issue 14): app/events/staff.c */
	{HM_POST,   "/api/v1/events/{id}/registrations/decisions", h_event_decisions, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_GET,    "/staff/events/{id}/registrations.csv", h_event_registrations_csv, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_GET,    "/staff/events",                h_staff_events,      R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN, ev_q_list},
	{HM_GET,    "/staff/events/new",            h_staff_event_new_form, R_STAFFS, CSRF_NONE, RL_NONE,  0},
	{HM_POST,   "/staff/events/new",            h_staff_event_create, R_STAFFS, CSRF_CHECK, RL_NONE,  0},
	{HM_GET,    "/staff/events/{id}/edit",      h_staff_event_edit_form, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/staff/events/{id}/edit",      h_staff_event_edit,  R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_POST,   "/staff/events/{id}/publish",   h_staff_event_publish, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/staff/events/{id}/cancel",    h_staff_event_cancel, R_STAFFS, CSRF_CHECK, RL_NONE,  0},
	{HM_POST,   "/staff/events/{id}/copy",      h_staff_event_copy,  R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/events/{id}/registrations", h_staff_event_registrations, R_STAFFS, CSRF_NONE, RL_NONE, RF_TWIN, ev_q_regs},
	{HM_POST,   "/staff/events/{id}/registrations", h_staff_event_decide, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/api/v1/events/{id}/mail",     h_event_mail,        R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/staff/events/{id}/mail",      h_staff_event_mail,  R_STAFFS, CSRF_CHECK, RL_NONE,   0},

	/* calls (issue 15): a draft call is staff's, an application its person's and staff's (404 for others) */
	{HM_GET,    "/calls",                       h_calls,             R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN, call_q_list},
	{HM_GET,    "/calls.atom",                  h_calls_atom,        R_ALL,    CSRF_NONE,  RL_NONE,   0},
	{HM_GET,    "/calls/{id}",                  h_call,              R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/calls/{id}/apply",            h_call_apply_form,   R_USER,   CSRF_CHECK, RL_NONE,   0, NULL, UPLOAD_RESOURCE},
	{HM_GET,    "/calls/{id}/applications/{aid}/files/{question}", h_call_app_file, R_USER, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/calls/{id}/withdraw",         h_call_withdraw_form, R_USER,  CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/calls",                 h_staff_calls,       R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN, call_q_list},
	{HM_GET,    "/staff/calls.csv",             h_staff_calls_csv,   R_STAFFS, CSRF_NONE,  RL_NONE,   0, call_q_list},
	{HM_GET,    "/staff/calls/new",             h_staff_call_new_form, R_STAFFS, CSRF_NONE, RL_NONE,  0},
	{HM_POST,   "/staff/calls/new",             h_staff_call_create, R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/calls/{id}/edit",       h_staff_call_edit_form, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/staff/calls/{id}/edit",       h_staff_call_edit,   R_STAFFS, CSRF_CHECK, RL_NONE,   0},
	{HM_GET,    "/staff/calls/{id}/applications", h_staff_call_apps, R_STAFFS, CSRF_NONE,  RL_NONE,   RF_TWIN, call_q_apps},
	{HM_POST,   "/staff/calls/{id}/applications", h_staff_call_decide, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/staff/calls/{id}/applications/{aid}/scores", h_staff_call_score, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_POST,   "/api/v1/calls",                h_call_create,       R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_PATCH,  "/api/v1/calls/{id}",           h_call_edit,         R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_GET,    "/api/v1/calls/{id}/applications", h_call_apps,      R_USER,   CSRF_NONE,  RL_NONE,   RF_API, call_q_apps},
	{HM_POST,   "/api/v1/calls/{id}/applications", h_call_apply,     R_USER,   CSRF_CHECK, RL_NONE,   RF_API, NULL, UPLOAD_RESOURCE},
	{HM_POST,   "/api/v1/calls/{id}/applications/decisions", h_call_decisions, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_GET,    "/api/v1/calls/{id}/applications/{aid}", h_call_app, R_USER,   CSRF_NONE,  RL_NONE,   RF_API},
	{HM_PATCH,  "/api/v1/calls/{id}/applications/{aid}", h_call_app_edit, R_USER, CSRF_CHECK, RL_NONE, RF_API | RF_OWNER, NULL, UPLOAD_RESOURCE},
	{HM_GET,    "/api/v1/calls/{id}/applications/{aid}/files/{question}", h_call_app_file, R_USER, CSRF_NONE, RL_NONE, RF_API},
	{HM_DELETE, "/api/v1/calls/{id}/applications/{aid}", h_call_app_delete, R_USER, CSRF_CHECK, RL_NONE, RF_API | RF_OWNER},
	{HM_POST,   "/api/v1/calls/{id}/applications/{aid}/scores", h_call_app_score, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_GET,    "/staff/calls/{id}/applications.csv", h_call_apps_csv, R_STAFFS, CSRF_NONE, RL_NONE, 0},

	/* intergovernmental meetings (issue 16): a session is seen as its event is (EV_VISIBLE; 404 for the rest) */
	{HM_GET,    "/meetings",                    h_meetings,          R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN, mtg_q_list},
	{HM_GET,    "/meetings/{id}",               h_meeting,           R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/api/v1/meetings",             h_meeting_create,    R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_PATCH,  "/api/v1/meetings/{id}",        h_meeting_edit,      R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_POST,   "/meetings/{id}/nominate",      h_meeting_nominate_form, R_USER, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/api/v1/meetings/{id}/nominations", h_meeting_nominations, R_USER, CSRF_NONE, RL_NONE, RF_API, mtg_q_noms},
	{HM_POST,   "/api/v1/meetings/{id}/nominations", h_meeting_nominate, R_USER, CSRF_CHECK, RL_NONE, RF_API},
	{HM_POST,   "/api/v1/meetings/{id}/nominations/decisions", h_meeting_nomination_decisions, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_GET,    "/staff/meetings/{id}/nominations", h_staff_meeting_nominations, R_STAFFS, CSRF_NONE, RL_NONE, 0, mtg_q_noms},
	{HM_POST,   "/staff/meetings/{id}/nominations", h_staff_meeting_nominations_decide, R_STAFFS, CSRF_CHECK, RL_NONE, 0, mtg_q_noms},
	{HM_GET,    "/staff/meetings/{id}/delegates.csv", h_meeting_delegates_csv, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_GET,    "/api/v1/bodies",               h_bodies,            R_ALL,    CSRF_NONE,  RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/bodies",               h_body_add,          R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_GET,    "/staff/meetings/new",          h_staff_meeting_new_form, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/staff/meetings/new",          h_staff_meeting_create, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/staff/meetings/{id}/edit",    h_staff_meeting_edit_form, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/staff/meetings/{id}/edit",    h_staff_meeting_edit, R_STAFFS, CSRF_CHECK, RL_NONE, 0},

	/* constructive dialogues (issue 17): a dialogue is seen as its session is (EV_VISIBLE; 404 for the rest) */
	{HM_GET,    "/dialogues",                   h_dialogues,         R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN, app_q_list},
	{HM_GET,    "/dialogues/{id}",              h_dialogue,          R_ALL,    CSRF_NONE,  RL_NONE,   RF_TWIN},
	{HM_POST,   "/dialogues/{id}/inputs",       h_dialogue_input_form, R_USER, CSRF_CHECK, RL_NONE,   0, NULL, UPLOAD_RESOURCE},
	{HM_GET,    "/dialogues/{id}/inputs/{iid}/file", h_dialogue_input_file, R_ALL, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/api/v1/dialogues",            h_dialogue_create,   R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_PATCH,  "/api/v1/dialogues/{id}",       h_dialogue_edit,     R_STAFFS, CSRF_CHECK, RL_NONE,   RF_API},
	{HM_GET,    "/api/v1/dialogues/{id}/inputs", h_dialogue_inputs,  R_ALL,    CSRF_NONE,  RL_NONE,   RF_API},
	{HM_POST,   "/api/v1/dialogues/{id}/inputs", h_dialogue_input_add, R_USER, CSRF_CHECK, RL_NONE,   RF_API, NULL, UPLOAD_RESOURCE},
	{HM_POST,   "/api/v1/dialogues/{id}/decisions", h_dialogue_decisions, R_STAFFS, CSRF_CHECK, RL_NONE, RF_API},
	{HM_POST,   "/api/v1/dialogues/{id}/summary", h_dialogue_publish, R_STAFFS, CSRF_CHECK, RL_NONE,  RF_API, NULL, UPLOAD_RESOURCE},
	{HM_GET,    "/dialogues/{id}/summary/file", h_dialogue_summary_file, R_ALL, CSRF_NONE, RL_NONE,  0},
	{HM_GET,    "/staff/dialogues/new",         h_staff_dialogue_new_form, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/staff/dialogues/new",         h_staff_dialogue_create, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/staff/dialogues/{id}/edit",   h_staff_dialogue_edit_form, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/staff/dialogues/{id}/edit",   h_staff_dialogue_edit, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/staff/dialogues/{id}/participants", h_staff_dialogue_participants, R_STAFFS, CSRF_NONE, RL_NONE, RF_TWIN},
	{HM_POST,   "/staff/dialogues/{id}/participants", h_staff_dialogue_decide, R_STAFFS, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/staff/dialogues/{id}/participants.csv", h_staff_dialogue_participants_csv, R_STAFFS, CSRF_NONE, RL_NONE, 0},
	{HM_POST,   "/staff/dialogues/{id}/summary", h_staff_dialogue_publish, R_STAFFS, CSRF_CHECK, RL_NONE, 0, NULL, UPLOAD_RESOURCE},

	/* open opportunities (issue 15): a person's; a visitor gets the page with a sign-in link, and 401 from the API */
	{HM_GET,    "/opportunities",               h_opportunities,     R_ALL,    CSRF_NONE,  RL_NONE,   0, opp_q_list},
	{HM_GET,    "/api/v1/opportunities",        h_opportunities,     R_USER,   CSRF_NONE,  RL_NONE,   RF_API, opp_q_list},
	{0, NULL, NULL, 0, 0, 0, 0},
};
