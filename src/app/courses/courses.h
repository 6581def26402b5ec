/*
 * courses.h -- the self-paced course (issue 18): courses, their modules in
 * order and the lessons of each module in order, which staff write,
 * reorder and copy for the next cohort.
 *
 * A course is a draft (staff's alone: a 404 for anyone else) until staff
 * publish it; its summary and outline (the modules and the titles, kinds
 * and times of their lessons) are public once published.  A lesson is
 * Markdown (rendered by cmark in safe mode, as all user text: images by
 * URL, no raw HTML), a video link, or a resource of the library by id,
 * each with an estimated time.  What a lesson says is staff's here; the
 * cohorts that read it, progress and quizzes come in later parts of
 * issue 18 (docs/openapi.yaml says what is built).
 *
 * The module owns the tables courses, course_modules and course_lessons
 * (migration 34); its SQL is the ST_CRS_* rows of src/db/statements.c.
 */
#ifndef WS_COURSES_H
#define WS_COURSES_H

#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

/* The query of GET /courses and its twin: page, per_page. */
extern const struct field crs_q_list[];

/* GET /courses (and /api/v1/courses): the published courses (staff: all),
 * by title. */
enum ws_err h_courses(struct req *r, struct resp *w);
/* GET /courses/{id} (and its twin): a course's summary and outline; a
 * draft is a 404 for anyone but staff, who see each lesson's content. */
enum ws_err h_course(struct req *r, struct resp *w);

/* The API (staff): one check each for a course, a module and a lesson,
 * which the staff pages use too. */
enum ws_err h_course_create(struct req *r, struct resp *w);	/* POST /api/v1/courses */
enum ws_err h_course_edit(struct req *r, struct resp *w);	/* PATCH .../{id} */
enum ws_err h_course_delete(struct req *r, struct resp *w);	/* DELETE .../{id} */
enum ws_err h_course_copy(struct req *r, struct resp *w);	/* POST .../{id}/copy */
enum ws_err h_module_create(struct req *r, struct resp *w);	/* POST .../{id}/modules */
enum ws_err h_module_edit(struct req *r, struct resp *w);	/* PATCH .../modules/{mid} */
enum ws_err h_module_delete(struct req *r, struct resp *w);	/* DELETE .../modules/{mid} */
enum ws_err h_lesson_create(struct req *r, struct resp *w);	/* POST .../modules/{mid}/lessons */
enum ws_err h_lesson_edit(struct req *r, struct resp *w);	/* PATCH .../lessons/{lid} */
enum ws_err h_lesson_delete(struct req *r, struct resp *w);	/* DELETE .../lessons/{lid} */

/* Staff's pages (pages.c), forms that work without JavaScript. */
enum ws_err h_staff_courses(struct req *r, struct resp *w);
enum ws_err h_staff_course_new_form(struct req *r, struct resp *w);
enum ws_err h_staff_course_create(struct req *r, struct resp *w);
enum ws_err h_staff_course_page(struct req *r, struct resp *w);
enum ws_err h_staff_course_save(struct req *r, struct resp *w);
enum ws_err h_staff_course_copy(struct req *r, struct resp *w);
enum ws_err h_staff_course_delete(struct req *r, struct resp *w);
enum ws_err h_staff_module_add(struct req *r, struct resp *w);
enum ws_err h_staff_module_page(struct req *r, struct resp *w);
enum ws_err h_staff_module_save(struct req *r, struct resp *w);
enum ws_err h_staff_module_move(struct req *r, struct resp *w);
enum ws_err h_staff_module_delete(struct req *r, struct resp *w);
enum ws_err h_staff_lesson_new_form(struct req *r, struct resp *w);
enum ws_err h_staff_lesson_create(struct req *r, struct resp *w);
enum ws_err h_staff_lesson_page(struct req *r, struct resp *w);
enum ws_err h_staff_lesson_save(struct req *r, struct resp *w);
enum ws_err h_staff_lesson_move(struct req *r, struct resp *w);
enum ws_err h_staff_lesson_delete(struct req *r, struct resp *w);

/* Cohorts and enrolments (cohorts.c).  The query of GET /api/v1/cohorts:
 * course. */
extern const struct field crs_q_cohorts[];
enum ws_err h_cohorts(struct req *r, struct resp *w);		/* GET /api/v1/cohorts */
enum ws_err h_cohort(struct req *r, struct resp *w);		/* GET .../{id} */
enum ws_err h_cohort_create(struct req *r, struct resp *w);	/* POST (staff) */
enum ws_err h_cohort_edit(struct req *r, struct resp *w);	/* PATCH .../{id} (staff) */
/* GET /api/v1/cohorts/{id}/enrolments: staff and its tutors all; others
 * their own. */
enum ws_err h_cohort_enrolments(struct req *r, struct resp *w);
/* POST /api/v1/cohorts/{id}/enrolments: staff enrol {user_id}; a member
 * enrols themself (cohorts.c says when). */
enum ws_err h_cohort_enrol(struct req *r, struct resp *w);

/* POST /courses/{id}/cohorts/{kid}/enrol: the course page's button, a
 * member enrolling themself (h_cohort_enrol); back to the page. */
enum ws_err h_course_enrol_form(struct req *r, struct resp *w);
/* POST /staff/courses/{id}/cohorts: a new cohort from staff's form;
 * POST /staff/courses/{id}/cohorts/{kid}/enrol: staff enrol a person by
 * their address.  Both through the API's check; refused, the course's
 * page again with why and what was typed. */
enum ws_err h_staff_cohort_add(struct req *r, struct resp *w);
enum ws_err h_staff_cohort_enrol(struct req *r, struct resp *w);

/* Reading (reading.c): GET /courses/{id}/lessons/{lid} and
 * /courses/{id}/progress, and their twins (reading.c says who reads). */
enum ws_err h_course_lesson(struct req *r, struct resp *w);
enum ws_err h_course_progress(struct req *r, struct resp *w);

/* Quizzes (quizzes.c): GET /courses/{id}/quizzes/{qid} (and its twin);
 * POST /api/v1/courses/{id}/quizzes/{qid}/attempts and the page's form
 * POST /courses/{id}/quizzes/{qid}/attempt; staff's POST
 * /api/v1/courses/{id}/modules/{mid}/quiz, PATCH and DELETE
 * /api/v1/courses/{id}/quizzes/{qid}, and the module page's form POST
 * /staff/courses/{id}/modules/{mid}/quiz. */
enum ws_err h_course_quiz(struct req *r, struct resp *w);
enum ws_err h_quiz_attempt(struct req *r, struct resp *w);
enum ws_err h_quiz_attempt_form(struct req *r, struct resp *w);
enum ws_err h_quiz_create(struct req *r, struct resp *w);
enum ws_err h_quiz_edit(struct req *r, struct resp *w);
enum ws_err h_quiz_delete(struct req *r, struct resp *w);
enum ws_err h_staff_quiz_save(struct req *r, struct resp *w);

/* Shared tasks (tasks.c): staff's POST
 * /api/v1/courses/{id}/modules/{mid}/task, PATCH and DELETE
 * /api/v1/courses/{id}/tasks/{tid}, and the module page's form POST
 * /staff/courses/{id}/modules/{mid}/task. */
enum ws_err h_task_create(struct req *r, struct resp *w);
enum ws_err h_task_edit(struct req *r, struct resp *w);
enum ws_err h_task_delete(struct req *r, struct resp *w);
enum ws_err h_staff_task_save(struct req *r, struct resp *w);

/* A cohort's discussion (discussion.c): GET
 * /courses/{id}/cohorts/{kid}/discussion and
 * /courses/{id}/cohorts/{kid}/tasks/{tid} (and their twins); a
 * participant's answer (POST .../tasks/{tid}/answer, the API's
 * /api/v1/courses/{id}/cohorts/{kid}/tasks/{tid}/answer), a reply (POST
 * .../posts/{pid}/reply, the API's .../posts/{pid}/replies), a mark by
 * staff or the cohort's tutors (POST .../posts/{pid}/mark, the same in
 * the API). */
enum ws_err h_course_discussion(struct req *r, struct resp *w);
enum ws_err h_course_task(struct req *r, struct resp *w);
enum ws_err h_task_answer(struct req *r, struct resp *w);
enum ws_err h_task_answer_form(struct req *r, struct resp *w);
enum ws_err h_post_reply(struct req *r, struct resp *w);
enum ws_err h_post_reply_form(struct req *r, struct resp *w);
enum ws_err h_post_mark(struct req *r, struct resp *w);
enum ws_err h_post_mark_form(struct req *r, struct resp *w);
/* The query of the discussion's pages: page, per_page. */
extern const struct field crs_q_discussion[];

struct db;
/*
 * How many of the tasks of cohort cohort_id's course person user_id has
 * had marked complete in that cohort (*done), and how many tasks the
 * course has (*total); both 0 when it has none.  WS_EDB when the database
 * fails.
 */
enum ws_err courses_tasks_state(struct db *d, int64_t cohort_id, int64_t user_id, int *done,
    int *total) WS_WUR;

/*
 * Inside the caller's transaction (a call's decision, src/app/calls):
 * enrols person uid, accepted by call cid through application aid, in
 * each cohort that call fills, by r's caller, audited.  How many cohorts
 * took them anew into *count (0: none names the call, or they were
 * enrolled already).
 */
enum ws_err courses_enrol_from_call(struct req *r, struct db *d, int64_t cid, int64_t uid,
    int64_t aid, int *count) WS_WUR;

/*
 * Completion and certificates (completion.c, certificate.c, pdf.c).
 *
 * The state of person uid's shared tasks in cohort kid: how many are done
 * and how many the course asks of them.  Defined by the shared tasks
 * (tasks.c); the completion rules ask it.
 */
enum ws_err courses_tasks_state(struct db *db, int64_t cohort_id, int64_t user_id, int *done,
    int *total) WS_WUR;

struct app;
/*
 * Inside the transaction of a change to person uid's progress in course id
 * as a participant of cohort kid (a lesson read, a quiz passed, a task
 * marked done): when the course's rules are met now and were not before,
 * records the completion with a new certificate code, queues the mail
 * that gives them its address and writes it in their organization's
 * history (ip: the request's, "" for none).  *completed (when not NULL) 1
 * when it was recorded by this call.  Fails only as the database does.
 */
enum ws_err courses_progress_changed(struct app *app, struct db *d, const char *ip,
    int64_t id, int64_t kid, int64_t uid, int *completed) WS_WUR;

/* The courses person uid has completed, the latest first, each with its
 * certificate (the API's Certificate), for their page.  New reference in
 * *out. */
enum ws_err courses_of_person(struct req *r, int64_t uid, json_t **out) WS_WUR;

/* A person's own course data (mine.c): the courses their account page
 * lists ([{course_id, course, cohort_id, cohort, starts_at, ends_at,
 * running, ended, lessons_read, lesson_count, percent, progress,
 * certificate}], the latest cohort first, then completions whose
 * enrolment has ended), and what their account's export holds of the
 * courses ({enrolments, lessons_read, quiz_attempts, posts, messages,
 * reminders, certificates}: theirs alone).  r's caller decides only
 * whether a draft course's enrolments are listed (staff).  New reference
 * in *out. */
enum ws_err courses_of_account(struct req *r, int64_t uid, json_t **out) WS_WUR;
enum ws_err courses_export_person(struct req *r, int64_t uid, json_t **out) WS_WUR;
/* Inside the caller's transaction, for a deleted account (accounts/forget.c):
 * person uid's certificates say name (their name is erased: a code anyone
 * holds still verifies, without it) and what they wrote in their cohorts'
 * discussions is blanked.  Fails only as the database does. */
enum ws_err courses_forget_person(struct db *d, int64_t uid, const char *name) WS_WUR;

/* GET /certificates/{code} (and its twin), anyone: what a certificate
 * says; GET /certificates/{code}.pdf: the certificate itself.  A code that
 * does not exist and one that cannot exist are the same 404. */
enum ws_err h_certificate(struct req *r, struct resp *w);
enum ws_err h_certificate_pdf(struct req *r, struct resp *w);
/* GET /staff/courses/{id}/completion (and its twin), and .csv: the
 * completion rates of the course's cohorts, by the region and kind of
 * each participant's organization. */
enum ws_err h_staff_course_completion(struct req *r, struct resp *w);
enum ws_err h_staff_course_completion_csv(struct req *r, struct resp *w);

/* `whatson seed --demo` (seed.c): the demo course with three modules,
 * their lessons and quizzes, and a running cohort whose participants (the
 * demo member member_id and a few seeded members) stand at different
 * stages, tutored by staff_id (with one message from them); nothing when
 * it is there already.  *added
 * 1 when it was added. */
enum ws_err courses_seed_demo(struct app *app, struct db *d, int64_t staff_id,
    int64_t member_id, int *added) WS_WUR;

/* The tutors' side of a cohort (tutors.c, leaving.c).  The query of the
 * tutors' table and its CSV: filter, sort, dir; of a cohort's deletion:
 * confirm. */
extern const struct field crs_q_table[];
extern const struct field crs_q_confirm[];
/* GET /staff/courses/{id}/cohorts/{kid}/table (and its twin), .../table.csv:
 * the participants' progress, filtered and sorted. */
enum ws_err h_staff_cohort_table(struct req *r, struct resp *w);
enum ws_err h_staff_cohort_table_csv(struct req *r, struct resp *w);
/* POST /api/v1/cohorts/{id}/messages and the table's form POST
 * /staff/courses/{id}/cohorts/{kid}/messages: a message mailed to some of
 * the cohort's participants. */
enum ws_err h_cohort_message(struct req *r, struct resp *w);
enum ws_err h_staff_cohort_message(struct req *r, struct resp *w);
/* DELETE /api/v1/cohorts/{id} (?confirm=1 with participants) and POST
 * /staff/courses/{id}/cohorts/{kid}/delete. */
enum ws_err h_cohort_delete(struct req *r, struct resp *w);
enum ws_err h_staff_cohort_delete(struct req *r, struct resp *w);
/* DELETE /api/v1/cohorts/{id}/enrolments/{uid} (staff, or the participant
 * themself), POST /courses/{id}/cohorts/{kid}/leave (the participant) and
 * POST /staff/courses/{id}/cohorts/{kid}/enrolments/{uid}/delete. */
enum ws_err h_cohort_unenrol(struct req *r, struct resp *w);
enum ws_err h_course_leave_form(struct req *r, struct resp *w);
enum ws_err h_staff_cohort_unenrol(struct req *r, struct resp *w);

/* The reminder job (reminders.c): participants inactive for 14 days, and
 * those who have not finished 7 days before their cohort ends, each
 * mailed once; each run queues the next CRS_REMIND_EVERY seconds on. */
#define CRS_REMIND_JOB "course_reminders"
#define CRS_REMIND_EVERY 3600
struct job_ctx;
struct job;
enum ws_err crs_remind_run(struct job_ctx *c, const struct job *j) WS_WUR;

#endif
