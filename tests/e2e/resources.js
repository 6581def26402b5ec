'use strict';
/*
 * resources.js -- the browser half of resources.t: issue 13's library as
 * people go through it with JavaScript off, on a server seeded with
 * `whatson seed --demo --resources 60` (member@example.org the admin of
 * organization 1, which is approved; 60 demo resources).
 *
 *   0. a visitor opens the demo library and one of its resources (the
 *      README's pictures); staff publish 24 resources through the API,
 *      one members-only, each carrying one word;
 *   1. a visitor opens /resources, searches that word, narrows by a filter
 *      (the count next to it is the number of results), pages ten at a
 *      time, opens a public resource and downloads its file, and opens the
 *      members-only one: its summary, "sign in to download" and no file;
 *   2. the member shares a resource for organization 1 through the form at
 *      /resources/new: sent without a title, with a year that is not one
 *      and a .pdf that is really HTML, it comes back with a message by
 *      each of the three fields and everything else kept; fixed, with a
 *      TXT file chosen again, it is "Submitted for review";
 *   3. staff open /staff/resources, ask for changes with a reason; the
 *      member reads it on the edit form, changes the resource and submits
 *      it again; staff publish it; the member gets both mails; the
 *      resource is in the library and in the history of organization 1;
 *   4. once the text job has read the file, a word found only inside it
 *      finds the resource, marked in the excerpt (polled with a deadline);
 *   5. /resources.atom is Atom with the public resource and not the
 *      members-only one.
 *
 * Staff's 24 resources go through the API with a token; the rest is
 * pages.  Every page visited is checked by axe-core at the end (lib.js).
 * docs/resources.png, docs/resource.png and docs/staff-resources.png are
 * copied from out/ after a run.
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

	await test('a visitor opens the demo library and one of its resources', async (step) => {
		step('open /resources, its first page of 20');
		/* 20: a picture the README can show whole, of the newest, before
		 * the Chinese ones (the test machine's chromium has no CJK font) */
		await visit(visitor, '/resources?per_page=20');
		const n = await total(visitor);
		check(n >= 30, `the demo library lists ${n} resources to a visitor`);
		check((await listed(visitor)).length === 20, `the first page lists ${(await listed(visitor)).length}`);
		await shot(visitor, 'resources');
		step('open the first one listed');
		const first = visitor.getByRole('main').locator('.results li > a').first();
		const name = await text(first);
		await submit(visitor, first);
		check(await h1(visitor) === name, `the page's h1 is "${await h1(visitor)}", the list said "${name}"`);
		check((await mainText(visitor)).length > 200, 'the resource page is nearly empty');
		await shot(visitor, 'resource');
	});

	await test('staff publish resources with a word of the test in each (the API)', async (step) => {
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
		await shot(p, 'resources-search');

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

	await test('the member shares a resource through the form; mistakes come back by their fields, the input kept', async (step) => {
		step('the member signs in and opens the form from the library');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/resources');
		await submit(member, member.getByRole('main').getByRole('link', { name: 'Share a resource' }));
		check(new URL(member.url()).pathname === '/resources/new', `the link led to ${member.url()}`);
		check(await h1(member) === 'Share a resource', `h1 is "${await h1(member)}"`);
		const main = member.getByRole('main');
		const authors = 'Amina Diallo\nJonas Berg';

		step('fill it in without a title, with a year that is not one and a .pdf that is HTML');
		await main.getByLabel('Kind').selectOption('guide');
		await main.getByLabel('Summary').fill(res.summary);
		await main.getByLabel('Authors').fill(authors);
		await main.getByLabel('Publisher').fill('Civil Society Unit');
		await main.getByLabel('Year', { exact: true }).fill('20x6');
		await main.getByLabel('Languages').selectOption(['en']);
		await main.getByLabel('Corruption', { exact: true }).check();
		await main.getByLabel('Who may see it').selectOption('public');
		await main.getByLabel('File 1', { exact: true }).setInputFiles({ name: 'report.pdf',
		    mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><html><body><p>not a pdf</p></body></html>\n') });
		let r = await submit(member, main.getByRole('button', { name: 'Submit for review' }));
		check(r.status() === 422, `the form with mistakes answered ${r.status()}`);

		step('each mistake by its field, the rest kept, the file named as lost');
		const err = async (f) => text(main.locator(`#e-${f}`));
		check(await err('title') === 'This field is required.', `the title's message is "${await err('title')}"`);
		check(/1900 to 2100/.test(await err('year')), `the year's message is "${await err('year')}"`);
		check(/report\.pdf is not a real PDF/.test(await err('file')), `the file's message is "${await err('file')}"`);
		check(await main.getByLabel('Title of the resource').getAttribute('aria-invalid') === 'true',
		    'the title is not marked invalid');
		check(await main.getByLabel('Summary').inputValue() === res.summary, 'the summary was not kept');
		check(await main.getByLabel('Authors').inputValue() === authors,
		    `the authors were not kept: ${JSON.stringify(await main.getByLabel('Authors').inputValue())}`);
		check(await main.getByLabel('Publisher').inputValue() === 'Civil Society Unit', 'the publisher was not kept');
		check(await main.getByLabel('Year', { exact: true }).inputValue() === '20x6', 'the year as typed was not kept');
		check(await main.getByLabel('Kind').inputValue() === 'guide', 'the kind was not kept');
		check(await main.getByLabel('Corruption', { exact: true }).isChecked(), 'the theme was not kept');
		check((await text(main.getByRole('alert').first())).includes('choose them again'),
		    'the form does not say the file must be chosen again');
		await shot(member, 'resource-form-errors');

		step('fix them, choose the real file again and send it');
		await main.getByLabel('Title of the resource').fill(res.title);
		await main.getByLabel('Year', { exact: true }).fill('2026');
		await main.getByLabel('File 1', { exact: true }).setInputFiles({ name: 'field-guide.txt',
		    mimeType: 'text/plain', buffer: Buffer.from(res.file) });
		await main.getByLabel('Language of file 1').selectOption('en');
		r = await submit(member, main.getByRole('button', { name: 'Submit for review' }));
		check(r.status() === 200, `sending answered ${r.status()}: ${(await mainText(member)).slice(0, 300)}`);
		const m = new URL(member.url()).pathname.match(/^\/resources\/(\d+)$/);
		check(m, `sending led to ${member.url()}`);
		id = Number(m[1]);

		step('its page says it is submitted and that staff will review it');
		check(await h1(member) === res.title, `h1 is "${await h1(member)}"`);
		const said = await mainText(member);
		check(said.includes('Status Submitted for review'), `no "Submitted for review": ${said.slice(0, 400)}`);
		check(said.includes('Staff will review it'), 'the page does not say staff will review it');
		check(said.includes('Amina Diallo') && said.includes('Jonas Berg'), 'the authors are not on the page');
		check(await member.getByRole('main').getByRole('link', { name: 'field-guide.txt' }).count() === 1,
		    'the file is not on the page');
		await shot(member, 'resource-submitted');

		step('a visitor does not find it yet');
		await visit(visitor, `/resources/${id}`, 404);
		await visit(visitor, `/resources?q=${stamp}`);
		check(!(await listed(visitor)).includes(res.title), 'the visitor finds a resource still under review');
	});

	await test('staff ask for changes; the member edits it and submits it again; staff publish it', async (step) => {
		check(id, 'no resource was sent');
		step('staff open the review');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/resources');
		check(await h1(staff) === 'Resources to review', `h1 is "${await h1(staff)}"`);
		const sec = staff.getByRole('main').locator('section.review', { has: staff.locator(`a[href="/resources/${id}"]`) });
		check(await sec.count() === 1, `the resource is not in the queue: ${(await mainText(staff)).slice(0, 400)}`);
		const line = await text(sec);
		check(line.includes('field-guide.txt'), `the queue does not show the file: ${line}`);
		check(line.includes('Guide · ') && line.includes('Submitted for review') && !line.includes('guide ·'),
		    `the queue shows codes, not words: ${line}`);
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
		let r = await submit(staff, sec.getByRole('button', { name: 'Ask for changes' }));
		check(r.status() < 400, `asking for changes answered ${r.status()}: ${(await mainText(staff)).slice(0, 300)}`);
		const info = await waitForMail(MEMBER.email, { body: new RegExp(stamp) });
		check(info.body.includes(res.title) && info.body.includes(reason),
		    `the mail lacks the title or the reason:\n${info.body}`);

		step('the member reads why on the edit form, changes it and submits it again');
		await visit(member, `/resources/${id}`);
		check((await mainText(member)).includes('Changes requested'), 'the page does not say changes were requested');
		await submit(member, member.getByRole('main').getByRole('link', { name: 'Edit the resource' }));
		check(await h1(member) === 'Edit the resource', `h1 is "${await h1(member)}"`);
		const main = member.getByRole('main');
		check((await text(main)).includes(reason), 'the edit form does not show what staff asked');
		check(await main.getByLabel('Title of the resource').inputValue() === res.title, 'the form lacks the title');
		check((await text(main)).includes('field-guide.txt'), 'the form does not list the file');
		await main.getByLabel('Summary').fill(`${res.summary} Cases from 2019 to 2025.`);
		r = await submit(member, main.getByRole('button', { name: 'Submit for review' }));
		check(r.status() === 200 && new URL(member.url()).pathname === `/resources/${id}`,
		    `submitting again answered ${r.status()} at ${member.url()}`);
		check((await mainText(member)).includes('Status Submitted for review'), 'it is not submitted again');
		check((await mainText(member)).includes('Cases from 2019 to 2025.'), 'the change is not on the page');

		step('publish it');
		await visit(staff, '/staff/resources');
		check(await sec.count() === 1, 'the resource is not back in the queue');
		r = await submit(staff, sec.getByRole('button', { name: 'Publish' }));
		check(r.status() < 400, `publishing answered ${r.status()}`);
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
