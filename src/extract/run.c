/*
 * run.c -- one converter in a child process, under limits (extract_int.h).
 *
 * The server is threaded, so between fork() and execve() the child calls
 * only async-signal-safe functions: no allocation, no locks, no stdio.  It
 * starts a new session (so it has no controlling terminal to ask a password
 * on, and its own process group to be killed as one), resets signal
 * dispositions and mask, puts /dev/null, the output pipes and the document
 * on descriptors 0 to 3, closes every other descriptor, sets its rlimits
 * and execs the converter by absolute path with a fixed environment.  A
 * close-on-exec pipe tells the parent whether execve() failed.
 *
 * The parent reads standard output and standard error with poll() against
 * the wall-clock deadline, and a pidfd tells it when the child exits.  On
 * the deadline or when the sink has enough, it sends SIGKILL to the whole
 * group; it then drains the pipes until every process that held them is
 * gone (bounded by a short grace) and reaps the child with wait4(), which
 * also gives the CPU time and peak memory the converter used.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "extract/extract_int.h"

/* How long the pipes are drained after a kill or an exit: long enough for
 * the kernel to tear down killed processes, short enough that a process
 * that escaped the group cannot hold the job. */
#define GRACE_MS 1000

static const char *const child_env[] = {
	"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", "LANG=C.UTF-8", NULL,
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Moves fd to a descriptor >= 10 (close-on-exec), so that the dup2() calls
 * onto 0..3 below cannot overwrite one another's sources.  -1 on failure. */
static int
high_fd(int fd)
{
	return fcntl(fd, F_DUPFD_CLOEXEC, 10);
}

static void
set_limit(int res, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = { .rlim_cur = soft, .rlim_max = hard };

	(void)setrlimit(res, &rl);
}

/* The child between fork() and execve(): async-signal-safe calls only. */
static void __attribute__((noreturn))
child(const char *const argv[], int in_fd, int nullfd, int outw, int errw, int execw,
    const struct extract_limits *lim)
{
	struct sigaction sa;
	sigset_t none;
	int e, fds[4];

	(void)setsid();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++)
		(void)sigaction(s, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);

	fds[0] = high_fd(nullfd);
	fds[1] = high_fd(outw);
	fds[2] = high_fd(errw);
	fds[3] = in_fd >= 0 ? high_fd(in_fd) : high_fd(nullfd);
	execw = high_fd(execw);
	for (int i = 0; i < 4; i++)
		if (fds[i] < 0 || dup2(fds[i], i) < 0)
			goto fail;
	if (execw < 0)
		goto fail;
	/* Everything else: the server's sockets, the database, other pipes. */
	if (close_range(4, (unsigned)execw - 1, 0) < 0 ||
	    close_range((unsigned)execw + 1, ~0U, 0) < 0) {
		for (int fd = 4; fd < 65536; fd++)
			if (fd != execw)
				(void)close(fd);
	}

	set_limit(RLIMIT_CORE, 0, 0);
	set_limit(RLIMIT_CPU, (rlim_t)lim->cpu_s, (rlim_t)lim->cpu_s + 1);
	set_limit(RLIMIT_AS, (rlim_t)lim->mem_bytes, (rlim_t)lim->mem_bytes);
	set_limit(RLIMIT_FSIZE, 0, 0);		/* converters write only to the pipe */
	set_limit(RLIMIT_NOFILE, 32, 32);

	execve(argv[0], (char *const *)argv, (char *const *)child_env);
fail:
	e = errno;
	if (execw >= 0)
		(void)!write(execw, &e, sizeof e);
	_exit(127);
}

static void
keep_err(struct run_result *r, size_t *elen, const char *p, size_t n)
{
	size_t cap = sizeof r->err - 1;

	if (n >= cap) {
		memcpy(r->err, p + n - cap, cap);
		*elen = cap;
	} else {
		if (*elen + n > cap) {
			size_t drop = *elen + n - cap;

			memmove(r->err, r->err + drop, *elen - drop);
			*elen -= drop;
		}
		memcpy(r->err + *elen, p, n);
		*elen += n;
	}
	r->err[*elen] = '\0';
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

enum ws_err
run_child(const char *const argv[], int in_fd, const struct extract_limits *lim,
    run_sink sink, void *ctx, struct run_result *r)
{
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, execp[2] = { -1, -1 };
	int nullfd = -1, pidfd = -1, exited = 0, killed = 0, st = 0, e;
	enum ws_err rc = WS_EIO;
	double t0, deadline, grace = 0;
	size_t elen = 0;
	struct rusage ru;
	char chunk[65536];
	pid_t pid = -1, w;
	ssize_t n;

	memset(r, 0, sizeof *r);
	memset(&ru, 0, sizeof ru);
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 ||
	    pipe2(execp, O_CLOEXEC) < 0)
		goto out;
	if ((nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
		goto out;
	t0 = now_ms();
	deadline = t0 + lim->wall_ms;
	pid = fork();
	if (pid < 0)
		goto out;
	if (pid == 0)
		child(argv, in_fd, nullfd, outp[1], errp[1], execp[1], lim);
	close_fd(&outp[1]);
	close_fd(&errp[1]);
	close_fd(&execp[1]);
	close_fd(&nullfd);

	/* EOF: execve() succeeded and closed the pipe; an int: its errno. */
	do
		n = read(execp[0], &e, sizeof e);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof e) {
		snprintf(r->err, sizeof r->err, "%s", strerror(e));
		goto reap;
	}
	r->started = 1;
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);

	while (outp[0] >= 0 || errp[0] >= 0 || !exited) {
		struct pollfd pf[3];
		int np = 0, io = -1, ie = -1, ip = -1;
		double now = now_ms(), until = killed || exited ? grace : deadline;

		if (now >= until) {
			if (killed || exited)
				break;		/* something outside the group holds a pipe */
			r->timed_out = 1;
			(void)kill(-pid, SIGKILL);
			killed = 1;
			grace = now + GRACE_MS;
			continue;
		}
		if (outp[0] >= 0) {
			pf[np] = (struct pollfd){ .fd = outp[0], .events = POLLIN };
			io = np++;
		}
		if (errp[0] >= 0) {
			pf[np] = (struct pollfd){ .fd = errp[0], .events = POLLIN };
			ie = np++;
		}
		if (!exited && pidfd >= 0) {
			pf[np] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
			ip = np++;
		}
		/* Without a pidfd (old kernels), look for the exit now and then. */
		double left = until - now + 1;
		int wait = left > 60000 ? 60000 : (int)left;
		if (!exited && pidfd < 0 && wait > 50)
			wait = 50;
		if (poll(pf, (nfds_t)np, wait) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (io >= 0 && pf[io].revents) {
			n = read(outp[0], chunk, sizeof chunk);
			if (n > 0 && !killed && sink(ctx, chunk, (size_t)n)) {
				r->stopped = 1;
				(void)kill(-pid, SIGKILL);
				killed = 1;
				grace = now_ms() + GRACE_MS;
			} else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
				close_fd(&outp[0]);
			}
		}
		if (ie >= 0 && pf[ie].revents) {
			n = read(errp[0], chunk, sizeof chunk);
			if (n > 0)
				keep_err(r, &elen, chunk, (size_t)n);
			else if (n == 0 || (errno != EINTR && errno != EAGAIN))
				close_fd(&errp[0]);
		}
		if (!exited && ip >= 0 && pf[ip].revents)
			exited = 1;
		if (!exited && pidfd < 0) {
			siginfo_t si;

			memset(&si, 0, sizeof si);
			if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
			    si.si_pid == pid)
				exited = 1;
		}
		if (exited && !killed && grace == 0) {
			/* The leader is a zombie, so its pid is still the group's:
			 * take any process it left behind with it. */
			(void)kill(-pid, SIGKILL);
			grace = now_ms() + GRACE_MS;
		}
	}
	if (!exited)
		(void)kill(-pid, SIGKILL);
	rc = WS_OK;
reap:
	while ((w = wait4(pid, &st, 0, &ru)) < 0 && errno == EINTR)
		;
	r->wall_ms = now_ms() - t0;
	r->cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	r->maxrss_kb = ru.ru_maxrss;
	if (w != pid) {
		/* Reaped by someone else (SIGCHLD ignored?): how it ended is
		 * unknown, and neither exited nor signaled says so. */
	} else if (WIFEXITED(st)) {
		r->exited = 1;
		r->code = WEXITSTATUS(st);
	} else if (WIFSIGNALED(st)) {
		r->signaled = 1;
		r->sig = WTERMSIG(st);
	}
out:
	close_fd(&outp[0]);
	close_fd(&outp[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	close_fd(&execp[0]);
	close_fd(&execp[1]);
	close_fd(&nullfd);
	close_fd(&pidfd);
	return rc;
}
