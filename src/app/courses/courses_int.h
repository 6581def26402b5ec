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

#endif
