'use strict';
/*
 * lib.js -- what the browser scripts of tests/e2e share: TAP output, the
 * browser and its contexts (JavaScript off), page helpers and the SMTP
 * sink's Maildir.  Each script (e2e.js, membership.js) calls run(main) and
 * e2e.t does the rest: server, sink, plan.
 *
 * Environment (set by e2e.t): E2E_BASE (http://localhost:PORT), E2E_MAILDIR
 * (the SMTP sink's Maildir), E2E_OUT (screenshots), E2E_COUNT, CHROMIUM;
 * E2E_AXE=0 leaves out the accessibility pass.
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE = process.env.E2E_BASE;
const MAILDIR = process.env.E2E_MAILDIR;
const OUT = process.env.E2E_OUT;

const STEP_TIMEOUT = 20000;	/* generous: the server runs under ASan, maybe on a busy machine */

/* ---- TAP -------------------------------------------------------------- */

let count = 0;
let failures = 0;

class Failure extends Error {}

/* Throws a Failure with msg unless cond holds. */
function check(cond, msg) {
	if (!cond)
		throw new Failure(msg);
}

function diag(text) {
	for (const line of String(text).split('\n'))
		console.log(`# ${line}`);
}

/* Runs one test: fn gets a step() to label what it is doing, so a failure
 * says where it happened.  Returns true when it passed. */
async function test(name, fn) {
	let where = 'start';
	const t0 = Date.now();
	const step = (s) => { if (process.env.E2E_TRACE) diag(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${s}`); where = s; };

	count++;
	try {
		await fn(step);
		console.log(`ok ${count} - ${name}`);
		diag(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
		return true;
	} catch (e) {
		failures++;
		console.log(`not ok ${count} - ${name}`);
		diag(`at step: ${where}`);
		diag(e instanceof Failure ? e.message : (e && e.stack) || String(e));
		return false;
	}
}

/* ---- the browser ------------------------------------------------------ */

const LAUNCH_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
	'--disable-dev-shm-usage',
];

let browser;

/* Starts chromium once; run() closes it. */
async function launch() {
	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		/* playwright gives each launch a fresh --user-data-dir of its own
		 * (it refuses one in args), under $TMPDIR, which e2e.t points at
		 * its scratch directory. */
		args: LAUNCH_ARGS,
		timeout: 30000,
	});
	return browser;
}

/* A browser context; JavaScript is off unless opts.javaScriptEnabled.  Console
 * errors of its pages are collected in ctx.consoleErrors, except Chromium's
 * "Failed to load resource" for the page itself: a form sent back with its
 * errors comes with a 4xx status, which the tests check. */
async function newContext(b, opts = {}) {
	const ctx = await b.newContext({ javaScriptEnabled: false, locale: 'en-GB', ...opts });
	ctx.setDefaultTimeout(STEP_TIMEOUT);
	ctx.setDefaultNavigationTimeout(STEP_TIMEOUT);
	ctx.consoleErrors = [];
	ctx.on('page', (page) => {
		page.on('console', (m) => {
			if (m.type() !== 'error')
				return;
			if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) &&
			    (m.location() || {}).url === page.url())
				return;
			ctx.consoleErrors.push(`${page.url()}: ${m.text()} (${(m.location() || {}).url || '?'})`);
		});
		page.on('pageerror', (e) => ctx.consoleErrors.push(`${page.url()}: ${e.message}`));
		page.on('load', () => snapshot(page));
	});
	return ctx;
}

/* ---- accessibility: every page visited, checked with axe-core ---------- */

/*
 * Each page a test loads is kept (its URL and HTML as the browser got it);
 * at the end of the run, one of each kind (its path with numbers folded, its
 * query's names, with or without field errors) is loaded again in a
 * JavaScript-enabled page at desktop and at phone width, with its HTML
 * served as it was and its styles from the server, and axe-core checks it
 * against WCAG 2.1 A and AA.  Any violation fails the run's last test.
 */
const snapshots = new Map();	/* kind -> promise of {url, html} */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [{ name: 'desktop', width: 1280, height: 900 }, { name: 'phone', width: 375, height: 740 }];

function pageKind(url, html) {
	const u = new URL(url);
	const names = [...new Set([...u.searchParams.keys()])].sort().join(',');
	return `${u.pathname.replace(/\/\d+/g, '/N').replace(/\/[0-9a-f]{16,}/g, '/X')}?${names}` +
	    (html.includes('aria-invalid="true"') || html.includes('role="alert"') ? ' (errors)' : '');
}

function snapshot(page) {
	const url = page.url().replace(/#.*$/, '');	/* page.route() matches no fragment */
	if (!url.startsWith(BASE + '/') || url.startsWith(BASE + '/static/'))
		return;
	const p = page.content().then((html) => {
		if (!/^\s*<!doctype html/i.test(html) && !html.includes('<html'))
			return null;
		const kind = pageKind(url, html);
		if (!snapshots.has(kind))
			snapshots.set(kind, { url, html });
		return null;
	}).catch(() => null);
	pendingSnaps.push(p);
}
const pendingSnaps = [];

async function axeAll(step) {
	await Promise.all(pendingSnaps);
	const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	const ctx = await browser.newContext({ javaScriptEnabled: true, locale: 'en-GB' });
	const page = await ctx.newPage();
	const found = [];
	let n = 0;

	for (const [kind, snap] of snapshots) {
		for (const w of WIDTHS) {
			step(`${kind} at ${w.name} width`);
			await page.setViewportSize({ width: w.width, height: w.height });
			await page.route(snap.url, (r) => r.fulfill({ status: 200,
			    contentType: 'text/html; charset=utf-8',
			    /* a page that refreshes itself (a running import) stays put */
			    body: snap.html.replace(/<meta http-equiv="refresh"[^>]*>/gi, '') }));
			await page.goto(snap.url);
			await page.unroute(snap.url);
			await page.addScriptTag({ content: source });
			const res = await page.evaluate((tags) => window.axe.run(document,
			    { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), WCAG);
			for (const v of res.violations)
				found.push(`${kind} (${w.name}): ${v.id}: ${v.help}: ` +
				    v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | '));
			n++;
		}
	}
	await ctx.close();
	diag(`axe-core checked ${snapshots.size} kinds of page at ${WIDTHS.length} widths (${n} runs)`);
	check(found.length === 0, `${found.length} WCAG 2.1 A/AA violations:\n${found.join('\n')}`);
}

async function shot(page, name) {
	await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

/* Goes to a path (or absolute URL), checks the status; returns the response. */
async function visit(page, where, status = 200) {
	const url = where.startsWith('http') ? where : BASE + where;
	const resp = await page.goto(url);
	check(resp, `no response for ${url}`);
	check(resp.status() === status, `${url} answered ${resp.status()}, expected ${status}`);
	return resp;
}

async function text(locator) {
	return ((await locator.innerText()) || '').replace(/\s+/g, ' ').trim();
}

async function h1(page) {
	return text(page.locator('main h1'));
}

/* The header's navigation, as a person reads it. */
function nav(page) {
	return page.getByRole('banner').getByRole('navigation');
}

/* Waits for the page a form submission leads to: clicks, then waits for
 * the navigation it starts (JavaScript is off, so every click on a submit
 * button or link loads a page). */
async function submit(page, locator) {
	const [resp] = await Promise.all([page.waitForNavigation(), locator.click()]);
	return resp;
}

/* Says how far the page scrolls sideways; '' when it does not. */
async function sideways(page) {
	const m = await page.evaluate(() => {
		const s = document.scrollingElement;
		return { sw: s.scrollWidth, cw: s.clientWidth };
	});
	return m.sw > m.cw ? `scrollWidth ${m.sw} > clientWidth ${m.cw}` : '';
}

/* Opens a mailed /verify link and confirms it with the password chosen
 * with it, as a person does; lands on "Your email address is confirmed",
 * signed in. */
async function confirmAddress(page, url, password) {
	await visit(page, url);
	const h = await h1(page);
	if (h !== 'Confirm your email address')
		throw new Error(`the link ${url} shows "${h}", not the confirmation form`);
	await page.getByLabel('Password', { exact: true }).fill(password);
	return submit(page, page.getByRole('main').getByRole('button', { name: 'Confirm' }));
}

async function signIn(page, email, password) {
	await visit(page, '/signin');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	return submit(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
}

/* ---- mail ------------------------------------------------------------- */

/* Decodes a quoted-printable body (for long lines); s holds one byte per
 * character (latin1), and so does the result. */
function unqp(s) {
	return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi,
	    (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/* Decodes RFC 2047 encoded-words (=?UTF-8?B?...?= and ?Q?) in a header. */
function unword(s) {
	return (s || '').replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi,
	    (_, cs, enc, t) => (/b/i.test(enc) ? Buffer.from(t, 'base64') :
	    Buffer.from(unqp(t.replace(/_/g, ' ')), 'latin1')).toString('utf8'));
}

const taken = new Set();	/* messages a waitForMail already returned */

/* Reads one message of the Maildir: { headers, subject, body } with the body
 * decoded from its transfer encoding and from UTF-8. */
function readMail(file) {
	const raw = fs.readFileSync(file, 'latin1');
	const cut = raw.search(/\r?\n\r?\n/);
	const head = raw.slice(0, cut).replace(/\r?\n[ \t]+/g, ' ');
	const body = raw.slice(cut).replace(/^\r?\n\r?\n/, '');
	const headers = {};
	for (const line of head.split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0)
			headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
	}
	const cte = headers['content-transfer-encoding'] || '';
	const bytes = /base64/i.test(cte) ? Buffer.from(body, 'base64') :
	    Buffer.from(/quoted-printable/i.test(cte) ? unqp(body) : body, 'latin1');
	return { headers, subject: unword(headers.subject), body: bytes.toString('utf8') };
}

/* Waits for a message to `to` in the sink's Maildir that no earlier call
 * returned; opts.subject and opts.body (regular expressions) narrow it down,
 * opts.timeoutMs (or a number for opts) says how long to wait.  Returns
 * { headers, subject, body }. */
async function waitForMail(to, opts = {}) {
	if (typeof opts === 'number')
		opts = { timeoutMs: opts };
	const timeoutMs = opts.timeoutMs || 15000;
	const until = Date.now() + timeoutMs;
	const want = to.toLowerCase();
	const seen = [];

	for (;;) {
		seen.length = 0;
		for (const sub of ['new', 'cur']) {
			const dir = path.join(MAILDIR, sub);
			let names = [];
			try {
				names = fs.readdirSync(dir).sort();
			} catch (e) {
				continue;
			}
			for (const n of names) {
				const file = path.join(dir, n);
				if (taken.has(n))
					continue;
				const m = readMail(file);
				if (!(m.headers.to || '').toLowerCase().includes(want))
					continue;
				seen.push(m.subject);
				if ((opts.subject && !opts.subject.test(m.subject)) ||
				    (opts.body && !opts.body.test(m.body)))
					continue;
				taken.add(n);
				return m;
			}
		}
		if (Date.now() > until)
			throw new Failure(`no mail to ${to}${opts.subject ? ` with subject ${opts.subject}` : ''}` +
			    `${opts.body ? ` and body ${opts.body}` : ''} in ${MAILDIR} after ${timeoutMs} ms` +
			    (seen.length ? `; other mail to it: ${seen.join(' | ')}` : ''));
		await new Promise((r) => setTimeout(r, 100));
	}
}

/* The first link to BASE in a mail body whose path matches re. */
function linkIn(mail, re) {
	const links = mail.body.match(/https?:\/\/[^\s<>"]+/g) || [];
	const hit = links.find((u) => u.startsWith(BASE + '/') && re.test(new URL(u).pathname + new URL(u).search));
	check(hit, `no link matching ${re} to ${BASE} in the mail "${mail.subject}":\n${mail.body}`);
	return hit;
}

/* ---- the run ---------------------------------------------------------- */

/* Runs main() (which calls test() for each test), then closes the browser
 * and writes the number of tests to $E2E_COUNT.  Ends the process after
 * limitMs. */
function run(name, main, limitMs = 120000) {

	/* e2e.t stops us with SIGTERM when it is interrupted: end at once (the
	 * exit handlers of playwright-core take chromium down with us). */
	for (const sig of ['SIGTERM', 'SIGINT']) {
		process.on(sig, () => {
			console.log(`Bail out! ${sig}`);
			process.exit(1);
		});
	}
	const watchdog = setTimeout(() => {
		console.log(`Bail out! ${name} took more than ${limitMs / 1000} s`);
		process.exit(1);
	}, Math.max(limitMs + 180000, 540000));	/* and the accessibility pass; on a
	 * busy machine (load 19 on 2 cores) a script took over 270 s, so the
	 * watchdog only catches a hang, just before tests/run's 600 s */

	main().catch((e) => {
		failures++;
		count++;
		console.log(`not ok ${count} - the browser run`);
		diag((e && e.stack) || String(e));
	}).then(async () => {
		/* E2E_AXE=0: the same script's SQLite run checks the same markup */
		if (browser && process.env.E2E_AXE !== '0' && snapshots.size + pendingSnaps.length > 0)
			await test('every page visited passes axe-core (WCAG 2.1 A and AA) at desktop and phone width',
			    axeAll);
	}).finally(async () => {
		if (browser)
			await browser.close().catch(() => {});
		clearTimeout(watchdog);
		if (process.env.E2E_COUNT)
			fs.writeFileSync(process.env.E2E_COUNT, `${count}\n`);
		process.exitCode = failures ? 1 : 0;
	});
}

module.exports = {
	BASE, MAILDIR, OUT, STEP_TIMEOUT, Failure, check, diag, test, launch, newContext, shot,
	visit, text, h1, nav, submit, sideways, signIn, confirmAddress, waitForMail, linkIn, run,
};
