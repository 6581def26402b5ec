/*
 * dbfx.h -- a fresh database for each unit test, on SQLite and, when
 * WHATSON_TEST_PG names a server, on PostgreSQL (createdb, dropped after);
 * and a clock the test moves (util_clock_offset).  Included by the unit
 * tests of modules that own tables (jobs_test.c, files_test.c).
 *
 *   BOTH("what", test_fn) makes the two cmocka entries; main() runs
 *   dbfx_run("name", all, n), which leaves out the PostgreSQL variants
 *   without a server.
 */
#ifndef WS_DBFX_H
#define WS_DBFX_H

struct fx {
	int pg;
	char url[512], pgname[64], file[256];
	struct db_pool *pool;
};

static const int on_sqlite = 0, on_pg = 1;
static long long offset;	/* seconds now_s() is ahead of the wall clock */

/* Moves now_s() to x seconds ahead of the wall clock. */
static void
clock_at(long long x)
{
	util_clock_offset((time_t)(x - offset));
	offset = x;
}

static int
run_cmd(char *const argv[])
{
	pid_t pid = fork();
	int st, fd;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
setup(void **state)
{
	static int seq;
	const char *pg = getenv("WHATSON_TEST_PG");
	char err[256];
	struct fx *f = xcalloc(1, sizeof *f);

	f->pg = *(const int *)*state;
	*state = f;
	seq++;
	if (f->pg) {
		char *argv[] = {"createdb", "--maintenance-db", (char *)pg, f->pgname, NULL};
		const char *s = strstr(pg, "://"), *end;

		if (!s)
			return -1;
		snprintf(f->pgname, sizeof f->pgname, "jobs_test_%d_%d", (int)getpid(), seq);
		if (run_cmd(argv) != 0) {
			fprintf(stderr, "# createdb %s failed\n", f->pgname);
			f->pgname[0] = '\0';
			return -1;
		}
		end = s + 3 + strcspn(s + 3, "/?");
		snprintf(f->url, sizeof f->url, "%.*s/%s", (int)(end - pg), pg, f->pgname);
	} else {
		snprintf(f->file, sizeof f->file, "%s/jobs-test-%d-%d.db",
		    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(), seq);
		snprintf(f->url, sizeof f->url, "sqlite:%s", f->file);
	}
	if (db_pool_open(f->url, 3, 1, &f->pool, err, sizeof err) != WS_OK) {
		fprintf(stderr, "# db_pool_open: %s\n", err);
		return -1;
	}
	clock_at(0);
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char path[300];

	db_pool_free(f->pool);
	if (f->pgname[0]) {
		char *argv[] = {"dropdb", "--force", "--maintenance-db",
		    getenv("WHATSON_TEST_PG"), f->pgname, NULL};

		(void)run_cmd(argv);
	}
	if (f->file[0]) {
		unlink(f->file);
		snprintf(path, sizeof path, "%s-wal", f->file);
		unlink(path);
		snprintf(path, sizeof path, "%s-shm", f->file);
		unlink(path);
	}
	clock_at(0);
	free(f);
	return 0;
}

#define BOTH(name, fn) \
	{name "/sqlite", fn, setup, teardown, (void *)&on_sqlite}, \
	{name "/postgresql", fn, setup, teardown, (void *)&on_pg}

/* Runs the tests of all[0..n), leaving out the PostgreSQL variants when no
 * server is named ("not ok ... # SKIP" would count as a failure). */
static int
dbfx_run(const char *group, const struct CMUnitTest *all, size_t n)
{
	struct CMUnitTest *tests = xcalloc(n, sizeof *tests);
	const char *pg = getenv("WHATSON_TEST_PG");
	size_t i, k = 0;
	int rc;

	log_set_quiet(1);
	for (i = 0; i < n; i++)
		if (all[i].initial_state != &on_pg || (pg && *pg))
			tests[k++] = all[i];
	if (k < n)
		printf("# WHATSON_TEST_PG is not set: PostgreSQL variants not run\n");
	rc = _cmocka_run_group_tests(group, tests, k, NULL, NULL);
	free(tests);
	return rc;
}

#endif
