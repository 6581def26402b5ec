/*
 * tasks_stub.c -- courses_tasks_state until the shared tasks are merged.
 *
 * The shared tasks of a course (issue 18) are built on another branch,
 * whose tasks.c defines courses_tasks_state.  This branch has no tasks, so
 * every participant has done all none of them.  The lead deletes this file
 * when the two branches are merged.
 */
#include "app/courses/courses.h"

enum ws_err
courses_tasks_state(struct db *db, int64_t cohort_id, int64_t user_id, int *done, int *total)
{
	(void)db;
	(void)cohort_id;
	(void)user_id;
	*done = 0;
	*total = 0;
	return WS_OK;
}
