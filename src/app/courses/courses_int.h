/*
 * courses_int.h -- what the files of src/app/courses share: the store
 * (store.c), which alone reads and writes courses, course_modules and
 * course_lessons; the checks and writes the API and the staff pages share
 * (courses.c).
 */
#ifndef WS_COURSES_INT_H
#define WS_COURSES_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/courses/courses.h"
#include "core/err.h"

struct db;

#define CRS_HOURS_MAX 1000	/* a course's estimated hours */
#define CRS_MINUTES_MAX 1440	/* a lesson's estimated minutes */
#define CRS_MODULES_MAX 50	/* modules of a course */
#define CRS_LESSONS_MAX 100	/* lessons of a module */
#define CRS_BODY_MAX 100000	/* bytes of a lesson's Markdown */

/* ---- store.c ---- */

/* Course id ({id, title, summary, languages, estimated_hours, status,
 * self_enrolment, copied_from (or null), created_at, updated_at (Unix
 * seconds)}) when staff (1: drafts too) may see it; WS_ENOTFOUND.  New
 * reference in *out. */
enum ws_err crs_get(struct db *d, int64_t id, int staff, json_t **out) WS_WUR;
/* A page of the courses (crs_get's), by title, and how many in all. */
enum ws_err crs_list(struct db *d, int staff, int64_t page, int per_page, json_t **items,
    int64_t *total) WS_WUR;
/* A new course from checked values (crs_check's) by person by, copied from
 * course from (0: none); its id into *id. */
enum ws_err crs_insert(struct db *d, json_t *values, int64_t from, int64_t by, int64_t *id)
    WS_WUR;
enum ws_err crs_update(struct db *d, int64_t id, json_t *values) WS_WUR;
enum ws_err crs_delete(struct db *d, int64_t id) WS_WUR;
/* Marks course id changed now (a module or lesson of it changed). */
enum ws_err crs_touch(struct db *d, int64_t id) WS_WUR;
/* Taken first in a transaction that reorders within course id. */
enum ws_err crs_lock(struct db *d, int64_t id) WS_WUR;

/* Course id's modules in order: [{id, course_id, position, title,
 * summary}].  New reference in *out. */
enum ws_err crs_modules(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Module mid of course id; WS_ENOTFOUND.  New reference in *out. */
enum ws_err crs_module_get(struct db *d, int64_t id, int64_t mid, json_t **out) WS_WUR;
enum ws_err crs_module_insert(struct db *d, int64_t id, json_t *values, int64_t *mid) WS_WUR;
enum ws_err crs_module_update(struct db *d, int64_t id, int64_t mid, json_t *values) WS_WUR;
enum ws_err crs_module_delete(struct db *d, int64_t id, int64_t mid) WS_WUR;

/* Course id's lessons, in the order of its modules and theirs: [{id,
 * module_id, course_id, position, title, kind, body, video_url,
 * resource_id (or null), resource_title (or null), minutes}].  New
 * reference in *out. */
enum ws_err crs_lessons(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Lesson lid of course id (as crs_lessons gives it); WS_ENOTFOUND. */
enum ws_err crs_lesson_get(struct db *d, int64_t id, int64_t lid, json_t **out) WS_WUR;
enum ws_err crs_lesson_insert(struct db *d, int64_t mid, json_t *values, int64_t *lid)
    WS_WUR;
enum ws_err crs_lesson_update(struct db *d, int64_t lid, json_t *values) WS_WUR;
enum ws_err crs_lesson_delete(struct db *d, int64_t lid) WS_WUR;
/* Whether resource rid exists (of any status: who may open it is the
 * library's to say). */
int crs_resource_exists(struct db *d, int64_t rid);

/* Inside the caller's transaction: item id of ids (JSON integers in their
 * order; modules when lessons is 0, else lessons) moved to position pos
 * (1-based, within 1..n), every position rewritten 1..n. */
enum ws_err crs_reorder(struct db *d, int lessons, json_t *ids, int64_t id, int64_t pos)
    WS_WUR;

/* ---- cohorts (store.c) ---- */

#define CRS_TUTORS_MAX 20	/* tutors of a cohort */

/* Cohort kid ({id, course_id, title, timezone, enrolment_opens_at,
 * enrolment_closes_at (or null), starts_at, ends_at, call_id (or null),
 * created_at, updated_at, course_title, course_status, self_enrolment,
 * participants}, times as Unix seconds) when staff (1: a draft course's
 * too) may see it; WS_ENOTFOUND.  New reference in *out. */
enum ws_err crs_cohort_get(struct db *d, int64_t kid, int staff, json_t **out) WS_WUR;
/* The cohorts of course id (0: of every course), the latest start first,
 * at most max (crs_cohort_get's).  New reference in *out. */
enum ws_err crs_cohort_list(struct db *d, int64_t id, int staff, int max, json_t **out)
    WS_WUR;
/* A new cohort (kid 0; its id into *out) or cohort kid rewritten from
 * checked values (crs_cohort_check's), its tutors replaced. */
enum ws_err crs_cohort_put(struct db *d, int64_t kid, json_t *values, int64_t by,
    int64_t *out) WS_WUR;
enum ws_err crs_cohort_lock(struct db *d, int64_t kid) WS_WUR;
/* The cohorts that call cid fills: a JSON array of ids.  New reference. */
enum ws_err crs_cohorts_of_call(struct db *d, int64_t cid, json_t **out) WS_WUR;
/* Cohort kid's tutors: [{id, name}].  New reference in *out. */
enum ws_err crs_tutors(struct db *d, int64_t kid, json_t **out) WS_WUR;
/* Enrols person uid in cohort kid (source "staff", "self" or "call";
 * application aid, 0: none; by whom, 0: nobody); *added 1 when they were
 * not enrolled already. */
enum ws_err crs_enrol(struct db *d, int64_t kid, int64_t uid, const char *source, int64_t aid,
    int64_t by, int *added) WS_WUR;
/* A page of cohort kid's enrolments (uid 0: all; else only that person's),
 * oldest first: [{id, user_id, name, source, created_at}]. */
enum ws_err crs_enrolments(struct db *d, int64_t kid, int64_t uid, int64_t page, int per_page,
    json_t **out) WS_WUR;
/* The kind of call cid into buf (len bytes); WS_ENOTFOUND. */
enum ws_err crs_call_kind(struct db *d, int64_t cid, char *buf, size_t len) WS_WUR;

/* ---- reading (store.c) ---- */

/* What person uid is to course id at now: the cohort they are enrolled in
 * that runs then (0: none) into *running, how many of its cohorts they
 * are enrolled in, how many they tutor. */
enum ws_err crs_access(struct db *d, int64_t uid, int64_t id, int64_t now, int64_t *running,
    int64_t *enrolled, int64_t *tutor) WS_WUR;
/* Lesson lid read by person uid in cohort kid (the first time counts). */
enum ws_err crs_read_mark(struct db *d, int64_t uid, int64_t lid, int64_t kid) WS_WUR;
/* The lessons of course id person uid has read: {"<lesson id>": true}.
 * New reference in *out. */
enum ws_err crs_reads(struct db *d, int64_t uid, int64_t id, json_t **out) WS_WUR;

/* ---- quizzes.c ---- */

/* Quiz qid of course id ({id, module_id, title, pass_mark, attempts_max,
 * questions (with what is right), course_id, module_title});
 * WS_ENOTFOUND.  New reference in *out. */
enum ws_err crs_quiz_get(struct db *d, int64_t id, int64_t qid, json_t **out) WS_WUR;
/* Course id's quizzes in the order of its modules (crs_quiz_get's). */
enum ws_err crs_quizzes(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Module mid's quiz (NULL in *out when it has none). */
enum ws_err crs_module_quiz(struct db *d, int64_t id, int64_t mid, json_t **out) WS_WUR;
/* A new quiz of module mid (qid 0; its id into *out) or quiz qid
 * rewritten, from checked values. */
enum ws_err crs_quiz_put(struct db *d, int64_t qid, int64_t mid, json_t *values,
    int64_t *out) WS_WUR;
/* Attempt number of person uid at quiz qid: answers, score (percent),
 * passed.  WS_ECONFLICT when that attempt exists. */
enum ws_err crs_attempt_insert(struct db *d, int64_t qid, int64_t uid, int64_t number,
    json_t *answers, int64_t score, int passed) WS_WUR;
/* Person uid's standing at stored quiz z: {id, title, module_id,
 * attempts_used, best_score (or null), passed}.  New reference. */
enum ws_err crs_quiz_standing(struct db *d, json_t *z, int64_t uid, json_t **out) WS_WUR;
/* Adds to val the staff form's rows for questions (the API's): quiz_rows
 * [{n, text, multiple, answers: [{n, m, text, correct, feedback}]}], with
 * empty ones to fill in. */
void crs_quiz_form_rows(struct req *r, json_t *val, json_t *questions);

/* ---- tasks.c ---- */

#define CRS_TASK_INSTRUCTIONS_MAX 20000	/* bytes of a task's instructions */
#define CRS_TASK_LENGTH_MIN 50		/* characters an answer may have, at least... */
#define CRS_TASK_LENGTH_MAX 20000	/* ...and at most */
#define CRS_TASK_LENGTH_DEFAULT 3000
#define CRS_REPLY_MAX 5000		/* characters of a reply */
#define CRS_COMMENT_MAX 2000		/* characters of a marker's comment */

/* Task tid of course id ({id, module_id, title, instructions, max_length,
 * course_id, module_title}); WS_ENOTFOUND.  New reference in *out. */
enum ws_err crs_task_get(struct db *d, int64_t id, int64_t tid, json_t **out) WS_WUR;
/* Course id's tasks in the order of its modules (crs_task_get's). */
enum ws_err crs_tasks(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Module mid's task (NULL in *out when it has none). */
enum ws_err crs_module_task(struct db *d, int64_t id, int64_t mid, json_t **out) WS_WUR;
/* A new task of module mid (tid 0; its id into *out) or task tid
 * rewritten, from checked values ({title, instructions, max_length}). */
enum ws_err crs_task_put(struct db *d, int64_t tid, int64_t mid, json_t *values,
    int64_t *out) WS_WUR;
/* Stored task t as the API gives it (the API's Task).  New reference. */
json_t *crs_task_view(json_t *t);
/* Adds to val (staff's module page) task_form, the task of module mid of
 * course id as stored, unless val has one already (as typed). */
enum ws_err crs_task_form(struct req *r, json_t *val, int64_t id, int64_t mid) WS_WUR;

/* ---- discussion.c ---- */

/* A post in cohort kid's discussion: an answer to task tid (parent 0,
 * status "submitted") or a reply to answer parent (status "reply"), by
 * person uid; its id into *out.  WS_ECONFLICT: they answered already. */
enum ws_err crs_post_add(struct db *d, int64_t kid, int64_t tid, int64_t parent, int64_t uid,
    const char *body, const char *status, int64_t *out) WS_WUR;
/* Answer pid marked (status "complete" or "returned") with comment by
 * person by, now. */
enum ws_err crs_post_mark(struct db *d, int64_t pid, const char *status, const char *comment,
    int64_t by) WS_WUR;

/* Person uid's tasks in cohort kid of course id, for their progress:
 * [{id, title, module_id, status (none, submitted, complete, returned),
 * comment}] in *out, the first not complete into *next (a new reference,
 * or NULL). */
enum ws_err crs_task_progress(struct req *r, int64_t id, int64_t kid, int64_t uid,
    json_t **out, json_t **next) WS_WUR;
/* The cohort of course id person uid's progress counts in (a running one
 * first, else the latest to start; 0: none). */
enum ws_err crs_cohort_of_user(struct db *d, int64_t uid, int64_t id, int64_t *kid) WS_WUR;
/* ---- completion.c ---- */

#define CRT_CODE_LEN 26	/* a certificate code: 128 bits in base32 */

/* Whether s has the shape of a certificate code. */
int crt_code_ok(const char *s);
/* The completion with certificate code (or person uid's of course id; or
 * every one of person uid's, the latest first): {code, name, course,
 * cohort, hours, completed_at (Unix seconds), course_id, cohort_id (each
 * or null), user_id}; WS_ENOTFOUND.  New reference in *out. */
enum ws_err crt_by_code(struct db *d, const char *code, json_t **out) WS_WUR;
enum ws_err crt_of_person(struct db *d, int64_t uid, int64_t id, json_t **out) WS_WUR;
enum ws_err crt_of_user(struct db *d, int64_t uid, json_t **out) WS_WUR;
/* The latest max completions of course id (crt_by_code's).  New reference
 * in *out. */
enum ws_err crt_of_course(struct db *d, int64_t id, int max, json_t **out) WS_WUR;

/* ---- certificate.c ---- */

/* Completion t (crt_by_code's) as the API's Certificate: {code, name,
 * course, cohort, completed_at, hours, url, pdf_url}.  New reference. */
json_t *crt_view(struct req *r, json_t *t);

/* ---- pdf.c ---- */

/*
 * The one place a PDF is drawn.  A page of lines, each centred across the
 * page in the size given (points), bold or not; text in any script the
 * fonts cover, shaped and laid out in its own direction (cairo, pango
 * and HarfBuzz; an Arabic name reads right to left).  The PDF into out;
 * WS_ETOOBIG when out's ceiling is too low, WS_EDB when cairo fails.
 */
struct crt_pdf_line {
	const char *text;	/* UTF-8 */
	double size;		/* points */
	int bold;
	double space;		/* points of space before it */
};
enum ws_err crt_pdf_render(const char *title, const struct crt_pdf_line *lines, int n,
    struct buf *out) WS_WUR;

/* ---- cohorts.c ---- */

/* The cohorts of course id as r's caller sees them (the API's Cohort),
 * the latest start first.  New reference in *out. */
enum ws_err crs_cohort_views(struct req *r, int64_t id, json_t **out) WS_WUR;

/* ---- pages.c ---- */

/* Staff's page of course id into w (what w->val holds already is kept,
 * the course and its form added). */
enum ws_err crs_staff_course_page(struct req *r, struct resp *w, int64_t id) WS_WUR;

/* Staff's page of module mid of course id into w (what w->val holds
 * already is kept). */
enum ws_err crs_staff_module_page(struct req *r, struct resp *w, int64_t id, int64_t mid)
    WS_WUR;

/* ---- courses.c ---- */

/* The one check of a course, a module, a lesson: in (the fields by their
 * JSON names; borrowed) as values to store in *values, a message per field
 * in r's language in *errors (NULL when none).  New references. */
enum ws_err crs_check(struct req *r, json_t *in, json_t **values, json_t **errors) WS_WUR;
enum ws_err crs_module_check(struct req *r, json_t *in, json_t **values, json_t **errors)
    WS_WUR;
enum ws_err crs_lesson_check(struct req *r, json_t *in, json_t **values, json_t **errors)
    WS_WUR;

/* Course id as r's caller sees it (the API's Course: its outline, and for
 * staff each lesson's content); WS_ENOTFOUND when they may not.  New
 * reference in *out. */
enum ws_err crs_load_view(struct req *r, int64_t id, json_t **out) WS_WUR;
/* Adds to cohorts (crs_cohort_views') what pages show: start_when,
 * end_when, opens_when, closes_when (events_when's, or null) and
 * enrolment_label. */
void crs_page_cohorts(struct req *r, json_t *cohorts);
/* Stored lesson l as staff see it (the API's Lesson).  New reference. */
json_t *crs_lesson_view(json_t *l, int position);

/* Writes, audited, each in one transaction: a course (id 0: new, its id
 * into *out), a copy of course id (its id into *out), module mid (0: new)
 * of course id, lesson lid (0: new, of module mid) of course id; moves
 * module or lesson item of course id by delta places (-1 up, +1 down) or
 * to position pos (delta 0); deletes. */
enum ws_err crs_save(struct req *r, int64_t id, json_t *values, int64_t *out) WS_WUR;
enum ws_err crs_copy(struct req *r, int64_t id, int64_t *out) WS_WUR;
enum ws_err crs_module_save(struct req *r, int64_t id, int64_t mid, json_t *values,
    int64_t *out) WS_WUR;
enum ws_err crs_lesson_save(struct req *r, int64_t id, int64_t mid, int64_t lid,
    json_t *values, int64_t *out) WS_WUR;
enum ws_err crs_move(struct req *r, int64_t id, int lessons, int64_t item, int delta,
    int64_t pos) WS_WUR;
enum ws_err crs_remove(struct req *r, int64_t id, int what, int64_t item) WS_WUR;
#define CRS_REMOVE_COURSE 0
#define CRS_REMOVE_MODULE 1
#define CRS_REMOVE_LESSON 2

/* Merges stored view fields of x (a course, module or lesson view) under
 * in's: what PATCH and the edit forms check.  New reference. */
json_t *crs_merged(json_t *x, json_t *in, const char *const *names);
extern const char *const crs_course_names[];
extern const char *const crs_module_names[];
extern const char *const crs_lesson_names[];

/* ---- tutors.c ---- */

#define CRS_INACTIVE_DAYS 14	/* days without activity that make one inactive */
#define CRS_ENDING_DAYS 7	/* days before a cohort ends that its reminder goes */

/* Where a participant who read read of lessons lessons stands at now in a
 * cohort from starts to ends: "finished" (completed: the course's rules
 * are met, the one rule the table, its filter and the reminders use),
 * "behind" (a smaller share of the lessons read than of the cohort's time
 * gone; not finished at its end) or "on_track". */
const char *crs_standing(int completed, int64_t read, int64_t lessons, int64_t starts,
    int64_t ends, int64_t now);
/* Since when a participant has been inactive: the latest of their last
 * lesson read, last quiz attempt, last post in a discussion (0: none),
 * enrolment and the cohort's start. */
int64_t crs_active_since(int64_t enrolled, int64_t last_read, int64_t last_attempt,
    int64_t last_post, int64_t starts);
/* Cohort kid's participants (ST_CRS_TABLE): [{user_id, name, email,
 * locale, status, organization, country, region, enrolled_at, last_read,
 * last_attempt, lessons_read, quizzes_passed, last_post, completed}], by
 * name.  New reference
 * in *out. */
enum ws_err crs_table_rows(struct db *d, int64_t kid, json_t **out) WS_WUR;
/* Cohort kid's messages, and those person uid got in the cohorts of
 * course id, the latest first: [{id, cohort_id, subject, body,
 * recipients, created_at, sender}].  New reference in *out. */
enum ws_err crs_messages_of_cohort(struct db *d, int64_t kid, json_t **out) WS_WUR;
enum ws_err crs_messages_mine(struct db *d, int64_t uid, int64_t id, json_t **out) WS_WUR;
/* Inside the caller's transaction: a new message to cohort kid by person
 * by, to n participants (its id into *mid), and who it went to, one by
 * one (the mail is the caller's). */
enum ws_err crs_message_put(struct db *d, int64_t kid, int64_t by, const char *subject,
    const char *body, int64_t n, int64_t *mid) WS_WUR;
enum ws_err crs_message_to(struct db *d, int64_t mid, int64_t uid) WS_WUR;

#endif
