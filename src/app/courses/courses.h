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

#endif
