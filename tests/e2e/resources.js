'use strict';
/*
 * resources.js -- the browser half of resources.t: issue 13's library as
 * people go through it with JavaScript off, on a server seeded with
 * `whatson seed --demo` (member@example.org the admin of organization 1,
 * which is approved).
 *
 *   0. staff publish 24 resources through the API, one members-only (the
 *      demo seed does not fill the library yet); each carries one word;
 *   1. a visitor opens /resources, searches that word, narrows by a filter
 *      (the count next to it is the number of results), pages ten at a
 *      time, opens a public resource and downloads its file, and opens the
 *      members-only one: its summary, "sign in to download" and no file;
 *   2. the member sends a resource for organization 1 with a TXT file; a
 *      .pdf that is really HTML and an empty file are refused, named;
 *   3. staff open /staff/resources, ask for changes with a reason, then
 *      publish; the member gets both mails; the resource is in the library
 *      and in the history of organization 1;
 *   4. once the text job has read the file, a word found only inside it
 *      finds the resource, marked in the excerpt (polled with a deadline);
 *   5. /resources.atom is Atom with the public resource and not the
 *      members-only one.
 *
 * There is no HTML form to send a resource yet (the library page says to
 * use POST /api/v1/resources), so 0 and 2 go through the API with a token;
 * the rest is pages.  Every page visited is checked by axe-core at the end
 * (lib.js).  docs/resources.png, docs/resource.png and
 * docs/staff-resources.png are copied from out/ after a run.
 */
const { request } = require('playwright-core');
const {
	BASE, check, test, launch, newContext, shot, visit, text, h1, submit, signIn, waitForMail, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };

/* ---- helpers ---------------------------------------------------------- */

async function mainText(page) {
	return text(page.getByRole('main'));
}

/* The number the results line of /resources announces. */
async function total(page) {
	const line = await text(page.getByRole('main').locator('.results > p').first());
	const m = line.match(/^Resources found: (\d+)/);
	check(m, `no total in "${line}"`);
	return Number(m[1]);
}

/* The titles listed on /resources. */
async function listed(page) {
	return page.getByRole('main').locator('.results li > a').allInnerTexts();
}

/* Polls fn() until it returns something true, or fails after ms. */
async function until(what, fn, ms = 60000) {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v)
			return v;
		check(Date.now() < end, `${what}: still not after ${ms / 1000} s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/* ---- the tests -------------------------------------------------------- */

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	const api = await request.newContext({ baseURL: BASE });

	const res = {
		title: `Asset recovery field guide ${stamp}`,
		summary: `How **civil society** follows stolen assets across borders (ref. ${stamp}).`,
		hidden: `quillwort${stamp}`,	/* only inside the file */
		file: null,
	};
	res.file = `Asset recovery field guide\n\nChapter one explains the ${res.hidden} method ` +
	    'that investigators use to trace beneficial owners of shell companies.\n';
	let id = 0;	/* of the resource the member sends */

	const word = `lodestar${stamp}`;	/* in every resource staff publish here */
	const membersOnly = `Members briefing on witness protection ${stamp}`;
	const KINDS = ['guide', 'toolkit', 'report'];
	const N = 24;

	await test('staff publish a library of resources (the API; the demo seed has none yet)', async (step) => {
		step('staff take a token');
		const s = await api.post('/api/v1/session', { data: { email: STAFF.email, password: STAFF.password } });
		check(s.status() === 200 || s.status() === 201, `POST /api/v1/session answered ${s.status()}`);
		const headers = { Authorization: `Bearer ${(await s.json()).token}` };
		for (let i = 0; i < N; i++) {
			step(`resource ${i + 1} of ${N}`);
			const mp = {
				title: i === 0 ? membersOnly : `Practice note ${i} on ${word} investigations`,
				summary: `A ${word} note for **practitioners**: how civil society documents cases (no. ${i}).`,
				kind: KINDS[i % KINDS.length], languages: 'en', themes: 'corruption', year: String(2010 + i),
				visibility: i === 0 ? 'members' : 'public', status: 'published',
			};
			if (i >= 2)
				mp.link = `https://www.example.org/library/note-${i}`;
			else
				mp.file = { name: `note-${i}.txt`, mimeType: 'text/plain',
				    buffer: Buffer.from(`Practice note ${i}.\n\nText for the reader of note ${i}.\n`) };
			const r = await api.post('/api/v1/resources', { headers, multipart: mp });
			check(r.status() === 201, `resource ${i + 1} answered ${r.status()}: ${(await r.text()).slice(0, 300)}`);
		}
	});

	await test('a visitor searches the library, narrows by a filter, pages and opens resources', async (step) => {
		const p = visitor;
		step('open /resources');
		await visit(p, '/resources');
		check(await h1(p) === 'Library', `h1 is "${await h1(p)}"`);
		const all = await total(p);
		check(all >= N, `the library lists ${all} resources`);

		step('search a word');
		await p.getByRole('main').getByLabel('Search').fill(word);
		await submit(p, p.getByRole('main').getByRole('button', { name: 'Filter' }).first());
		check(new URL(p.url()).searchParams.get('q') === word, `the search is not in the URL: ${p.url()}`);
		const found = await total(p);
		check(found === N, `"${word}" finds ${found}, expected the ${N} (members-only ones are listed, their files are not)`);
		await shot(p, 'resources');

		step('narrow by the first filter option that narrows');
		const opts = p.getByRole('main').locator('fieldset.facet label:has(.count)');
		let pick = null;
		for (let i = 0; i < await opts.count() && !pick; i++) {
			const n = Number(await text(opts.nth(i).locator('.count')));
			if (n > 0 && n < found)
				pick = { label: opts.nth(i), n };
		}
		check(pick, 'no filter option narrows the search');
		const radio = pick.label.locator('input');
		const param = await radio.getAttribute('name');
		const value = await radio.getAttribute('value');
		await radio.check();
		await submit(p, p.getByRole('main').getByRole('button', { name: 'Filter' }).first());
		const u = new URL(p.url());
		check(u.searchParams.get(param) === value && u.searchParams.get('q') === word,
		    `the filter ${param}=${value} is not in the URL: ${p.url()}`);
		check(await total(p) === pick.n, `the filter said ${pick.n}, the results say ${await total(p)}`);
		check((await listed(p)).length === pick.n, `the filter said ${pick.n}, the list has ${(await listed(p)).length}`);
		check(await p.getByRole('main').locator(`input[name="${param}"][value="${value}"]`).isChecked(),
		    'the chosen filter is not checked on the results');
		await shot(p, 'resources-filtered');

		step('page through the search, ten at a time, newest first');
		await visit(p, `/resources?q=${word}&sort=newest&per_page=10`);
		const first = await listed(p);
		check(first.length === 10, `page 1 lists ${first.length}`);
		const pager = p.getByRole('main').getByRole('navigation', { name: 'Pages' });
		await submit(p, pager.getByRole('link', { name: 'Next' }));
		const u2 = new URL(p.url());
		check(u2.searchParams.get('page') === '2' && u2.searchParams.get('sort') === 'newest' &&
		    u2.searchParams.get('q') === word, `Next led to ${p.url()}`);
		const second = await listed(p);
		check(second.length === 10 && !second.some((t) => first.includes(t)),
		    `page 2 (${second.length}) repeats page 1: ${second.join(' | ')}`);
		check(await pager.getByRole('link', { name: 'Previous' }).count() === 1, 'no Previous link on page 2');

		step('open a public resource with a file');
		await visit(p, `/resources?q=${word}`);
		const pub = p.getByRole('main').locator('.results li > a', { hasText: `Practice note 1 on ${word}` });
		check(await pub.count() === 1, `"Practice note 1" is not listed: ${(await listed(p)).join(' | ')}`);
		const name = await text(pub);
		await submit(p, pub);
		check(/^\/resources\/\d+$/.test(new URL(p.url()).pathname), `the title led to ${p.url()}`);
		check(await h1(p) === name, `the page's h1 is "${await h1(p)}", the list said "${name}"`);
		check(await p.getByRole('main').getByRole('link', { name: 'Sign in to download' }).count() === 0,
		    'a public resource asks the visitor to sign in');
		const file = p.getByRole('main').getByRole('link', { name: 'note-1.txt' });
		check(await file.count() === 1, 'no link to the public file');
		const fr = await api.get(await file.getAttribute('href'));
		check(fr.status() === 200 && (await fr.text()).includes('Text for the reader of note 1'),
		    `the public file answered ${fr.status()}`);
		await shot(p, 'resource');

		step('a members-only resource: summary, "sign in to download", no file');
		await visit(p, `/resources?q=${encodeURIComponent('witness protection ' + stamp)}`);
		const li = p.getByRole('main').locator('.results li', { hasText: membersOnly });
		check(await li.count() === 1, `"${membersOnly}" is not found: ${(await listed(p)).join(' | ')}`);
		check((await text(li)).includes('For members: sign in to download.'), 'the list does not say it is for members');
		await submit(p, li.locator('> a'));
		const mid = new URL(p.url()).pathname.split('/')[2];
		check(await h1(p) === membersOnly, `h1 is "${await h1(p)}"`);
		check((await mainText(p)).includes('how civil society documents cases'), 'no summary for the visitor');
		check(await p.getByRole('main').getByRole('link', { name: 'Sign in to download' }).count() === 1,
		    'no "Sign in to download" link');
		check(await p.getByRole('main').locator('a[href*="/files/"]').count() === 0,
		    'the visitor is given a file link');
		for (const path of [`/resources/${mid}/files/1`, `/api/v1/resources/${mid}/files/1`]) {
			const r = await api.get(path, { maxRedirects: 0 });
			check(r.status() !== 200 && !(await r.text()).includes('Practice note 0') && r.status() < 500,
			    `${path} answered ${r.status()} to a visitor`);
		}
		await shot(p, 'resource-members-visitor');
	});

	await test('the member sends a resource with a file for organization 1; bad files are refused', async (step) => {
		step('the member signs in (the pages) and takes a token (the API)');
		await signIn(member, MEMBER.email, MEMBER.password);
		const s = await api.post('/api/v1/session', { data: { email: MEMBER.email, password: MEMBER.password } });
		check(s.status() === 200 || s.status() === 201, `POST /api/v1/session answered ${s.status()}`);
		const headers = { Authorization: `Bearer ${(await s.json()).token}` };
		const fields = {
			title: res.title, summary: res.summary, kind: 'guide', languages: 'en',
			themes: 'corruption', organization_id: '1', visibility: 'public', year: '2026',
		};
		const send = (file) => api.post('/api/v1/resources', { headers, multipart: { ...fields, file } });

		step('a .pdf that is really HTML');
		let r = await send({ name: 'report.pdf', mimeType: 'application/pdf',
		    buffer: Buffer.from('<!doctype html><html><body><p>not a pdf</p></body></html>\n') });
		let body = await r.json();
		check(r.status() === 422, `the HTML "PDF" answered ${r.status()}`);
		check(/not a real PDF/.test(JSON.stringify((body.errors || {}).file || '')),
		    `no message on the file: ${JSON.stringify(body).slice(0, 300)}`);

		step('an empty file');
		r = await send({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
		body = await r.json();
		check(r.status() === 422 && /empty/.test(JSON.stringify((body.errors || {}).file || '')),
		    `the empty file answered ${r.status()}: ${JSON.stringify(body).slice(0, 300)}`);

		step('a real TXT file');
		r = await send({ name: 'field-guide.txt', mimeType: 'text/plain', buffer: Buffer.from(res.file) });
		body = await r.json();
		check(r.status() === 201, `sending answered ${r.status()}: ${JSON.stringify(body).slice(0, 300)}`);
		id = body.id;
		check(body.status === 'submitted', `the new resource is "${body.status}"`);

		step('the member sees it as submitted');
		await visit(member, `/resources/${id}`);
		check(await h1(member) === res.title, `h1 is "${await h1(member)}"`);
		check(/Status submitted/.test(await mainText(member)), `no "submitted" status: ${(await mainText(member)).slice(0, 400)}`);
		await shot(member, 'resource-submitted');

		step('a visitor does not find it yet');
		await visit(visitor, `/resources/${id}`, 404);
		await visit(visitor, `/resources?q=${stamp}`);
		check(!(await listed(visitor)).includes(res.title), 'the visitor finds a resource still under review');
	});

	await test('staff ask for changes, then publish; the member is told by mail each time', async (step) => {
		check(id, 'no resource was sent');
		step('staff open the review');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/resources');
		check(await h1(staff) === 'Resources to review', `h1 is "${await h1(staff)}"`);
		const sec = staff.getByRole('main').locator('section.review', { has: staff.locator(`a[href="/resources/${id}"]`) });
		check(await sec.count() === 1, `the resource is not in the queue: ${(await mainText(staff)).slice(0, 400)}`);
		check((await text(sec)).includes('field-guide.txt'), `the queue does not show the file: ${await text(sec)}`);
		await shot(staff, 'staff-resources');

		step('open it');
		await submit(staff, sec.getByRole('link', { name: res.title }));
		check(await h1(staff) === res.title, `h1 is "${await h1(staff)}"`);
		check(await staff.getByRole('main').getByRole('link', { name: 'field-guide.txt' }).count() === 1,
		    'staff cannot download the file');

		step('ask for changes with a reason');
		await visit(staff, '/staff/resources');
		const reason = `Please add the year of the cases (${stamp}).`;
		await sec.getByLabel('What the contributor should change').fill(reason);
		const r = await submit(staff, sec.getByRole('button', { name: 'Ask for changes' }));
		check(r.status() < 400, `asking for changes answered ${r.status()}: ${(await mainText(staff)).slice(0, 300)}`);
		const info = await waitForMail(MEMBER.email, { body: new RegExp(stamp) });
		check(info.body.includes(res.title) && info.body.includes(reason),
		    `the mail lacks the title or the reason:\n${info.body}`);

		step('publish it');
		await visit(staff, '/staff/resources?status=changes_requested');
		check(await sec.count() === 1, 'the resource is not among "changes requested"');
		check((await text(sec)).includes(reason), 'the reason is not shown to staff');
		const r2 = await submit(staff, sec.getByRole('button', { name: 'Publish' }));
		check(r2.status() < 400, `publishing answered ${r2.status()}`);
		const pubd = await waitForMail(MEMBER.email, { subject: /./, body: /is now published/ });
		check(pubd.body.includes(res.title), `the published mail lacks the title:\n${pubd.body}`);

		step('in the library for a visitor');
		await visit(visitor, `/resources?q=${encodeURIComponent('asset recovery field guide')}`);
		check((await listed(visitor)).includes(res.title), `the visitor does not find it: ${(await listed(visitor)).join(' | ')}`);
		await visit(visitor, `/resources/${id}`);
		check(await h1(visitor) === res.title, `h1 is "${await h1(visitor)}"`);

		step('in the history of organization 1');
		await visit(member, '/organizations/1/history');
		check((await mainText(member)).includes(res.title),
		    `the history does not tell of it: ${(await mainText(member)).slice(0, 500)}`);
		await shot(member, 'org-history-resource');
	});

	await test('a word only inside the file finds the resource, marked in the excerpt', async (step) => {
		check(id, 'no resource was sent');
		step('poll the search until the text job has read the file');
		const li = visitor.getByRole('main').locator('.results li', { hasText: res.title });
		await until(`"${res.hidden}" finding the resource`, async () => {
			await visit(visitor, `/resources?q=${res.hidden}`);
			return await li.count() === 1;
		});
		const marks = await li.locator('mark').allInnerTexts();
		check(marks.some((m) => m.toLowerCase() === res.hidden), `the excerpt marks ${JSON.stringify(marks)}`);
		check((await text(li)).includes('beneficial owners') || (await text(li)).includes('method'),
		    `no excerpt around the word: ${await text(li)}`);
		await shot(visitor, 'resources-fulltext');
	});

	await test('/resources.atom is Atom with public resources and no members-only one', async (step) => {
		step('fetch it');
		const r = await api.get('/resources.atom');
		check(r.status() === 200, `/resources.atom answered ${r.status()}`);
		check(/^application\/atom\+xml/.test(r.headers()['content-type'] || ''),
		    `its type is ${r.headers()['content-type']}`);
		const xml = await r.text();

		step('parse it as XML');
		const ctx = await browser.newContext({ javaScriptEnabled: true });
		const pg = await ctx.newPage();
		const feed = await pg.evaluate((src) => {
			const d = new DOMParser().parseFromString(src, 'application/xml');
			if (d.getElementsByTagName('parsererror').length)
				return { error: d.getElementsByTagName('parsererror')[0].textContent };
			const A = 'http://www.w3.org/2005/Atom';
			const root = d.documentElement;
			const kid = (el, n) => [...el.children].filter((c) => c.namespaceURI === A && c.localName === n);
			return {
				root: `${root.namespaceURI} ${root.localName}`,
				head: ['id', 'title', 'updated'].filter((n) => kid(root, n).length !== 1),
				selfLink: kid(root, 'link').some((l) => l.getAttribute('rel') === 'self'),
				entries: kid(root, 'entry').map((e) => ({
					title: (kid(e, 'title')[0] || {}).textContent,
					missing: ['id', 'title', 'updated'].filter((n) => kid(e, n).length !== 1),
					link: (kid(e, 'link')[0] || { getAttribute: () => '' }).getAttribute('href'),
				})),
			};
		}, xml);
		await ctx.close();
		check(!feed.error, `not XML: ${feed.error}`);
		check(feed.root === 'http://www.w3.org/2005/Atom feed', `the root is ${feed.root}`);
		check(feed.head.length === 0, `the feed lacks exactly one of: ${feed.head.join(', ')}`);
		check(feed.entries.length > 0, 'no entries');
		const bad = feed.entries.filter((e) => e.missing.length || !e.link.startsWith(BASE + '/resources/'));
		check(bad.length === 0, `entries without id/title/updated or link: ${JSON.stringify(bad.slice(0, 2))}`);

		step('the public one is in it, the members-only one is not');
		const titles = feed.entries.map((e) => e.title);
		check(titles.includes(res.title), `the published resource is not in the feed: ${titles.slice(0, 5).join(' | ')}`);
		check(!titles.includes(membersOnly), 'the members-only resource is in the feed');
	});

	await api.dispose();
}

run('resources.js', main, 240000);
