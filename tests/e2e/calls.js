'use strict';
/*
 * calls.js -- the browser half of calls.t: issue 15's calls pages as people
 * go through them with JavaScript off, on a server seeded with `whatson
 * seed --demo`.
 *
 *   0. staff open a call for a workshop's participants through the API,
 *      with a required text question, a choice, a yes/no question, a
 *      required file question (a CV) and two criteria;
 *   1. a visitor opens /calls, finds it, opens it: who may apply, when it
 *      closes, and a link to sign in to apply;
 *   2. the member sends the application form with a CV but without the
 *      required answer (it comes back with the message by the question,
 *      the rest kept and a word that the file must be chosen again), then
 *      answers, chooses the CV again and submits it: the page says it is
 *      submitted;
 *   3. staff score it through the API and open their review page: the
 *      application with its answers and the CV's link, weighted score and
 *      spread, and the scoring and decision forms;
 *   4. staff write a call through the form at /staff/calls/new (a closing
 *      time before the opening comes back with the message and what was
 *      typed), see it in their list and its edit form, and a visitor finds
 *      it on /calls.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/calls.png, out/call.png, out/call-apply.png and
 * out/staff-call-applications.png, out/staff-call-edit.png.
 */
const { request } = require('playwright-core');
const {
	BASE, check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const cv = { name: 'member-cv.pdf', mimeType: 'application/pdf',
	buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n') };

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	const api = await request.newContext({ baseURL: BASE });
	const title = `Participants for the asset tracing workshop ${stamp}`;
	let id = 0;
	let headers = {};

	await test('staff open a call (the API)', async (step) => {
		step('staff take a token');
		const s = await api.post('/api/v1/session', { data: { email: STAFF.email, password: STAFF.password } });
		check(s.status() === 201 || s.status() === 200, `POST /api/v1/session answered ${s.status()}`);
		headers = { Authorization: `Bearer ${(await s.json()).token}` };
		step('create the call');
		const r = await api.post('/api/v1/calls', { headers, data: {
			kind: 'workshop', title, timezone: 'Europe/Vienna', closes: '2031-10-05T23:59',
			description: 'Five days on **tracing** stolen assets, for investigators and prosecutors.',
			status: 'open', places: 20,
			eligibility: { organization_kinds: [], countries: [], regions: [], experts: true, audience: 'open' },
			questions: [
				{ id: 'why', label: 'Why do you want to take part?', type: 'text', required: true, max_length: 1000 },
				{ id: 'track', label: 'Track', type: 'choice', choices: ['Investigators', 'Prosecutors'] },
				{ id: 'visa', label: 'Do you need a visa letter?', type: 'yes_no' },
				{ id: 'cv', label: 'Your CV', type: 'file', required: true },
			],
			criteria: [{ id: 'fit', name: 'Fit with the workshop', weight: 3 }, { id: 'reach', name: 'Reach', weight: 1 }],
		} });
		check(r.status() === 201, `POST /api/v1/calls answered ${r.status()}: ${await r.text()}`);
		id = (await r.json()).id;
	});

	await test('a visitor finds the call and is asked to sign in', async (step) => {
		step('open /calls');
		await visit(visitor, '/calls');
		check((await mainText(visitor)).includes(title), 'the call is not listed');
		await shot(visitor, 'calls');
		step('open the call');
		await submit(visitor, visitor.getByRole('link', { name: title }));
		check(await h1(visitor) === title, `the h1 is "${await h1(visitor)}"`);
		const t = await mainText(visitor);
		check(t.includes('5 October 2031, 23:59 (UTC+2, Europe/Vienna)'), `not the closing time: ${t.slice(0, 400)}`);
		check(t.includes('Anyone with a confirmed account, member or not.'), 'who may apply is not said');
		check(await visitor.getByRole('link', { name: 'Sign in to apply' }).count() === 1,
		    'no "Sign in to apply" for a visitor');
		await shot(visitor, 'call');
	});

	await test('the member applies, fixes a mistake, and submits', async (step) => {
		step('sign in and open the call');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, `/calls/${id}`);
		step('send the form with a CV, without the required answer');
		await member.getByLabel('Prosecutors').check();
		await member.getByLabel(/Your CV/).setInputFiles(cv);
		await submit(member, member.getByRole('button', { name: 'Submit my application' }));
		const err = await mainText(member);
		check(err.includes('This question needs an answer.'), 'no message by the required question');
		check(err.includes('choose it again'), 'no word that the CV must be chosen again');
		check(await member.getByLabel('Prosecutors').isChecked(), 'the chosen track was lost');
		await shot(member, 'call-apply');
		step('answer it and submit');
		await member.getByLabel(/Why do you want to take part/).fill('I lead asset tracing cases.');
		await member.getByLabel('No').check();
		await member.getByLabel(/Your CV/).setInputFiles(cv);
		await submit(member, member.getByRole('button', { name: 'Submit my application' }));
		check((await mainText(member)).includes('Your application: Submitted'), 'not submitted');
	});

	await test('staff review the scored application', async (step) => {
		step('score it (the API)');
		const l = await api.get(`/api/v1/calls/${id}/applications`, { headers });
		check(l.status() === 200, `the list answered ${l.status()}`);
		const aid = (await l.json()).items[0].id;
		const s = await api.post(`/api/v1/calls/${id}/applications/${aid}/scores`, { headers,
		    data: { scores: { fit: 5, reach: 3 }, comment: 'Strong case experience.' } });
		check(s.status() === 200, `scoring answered ${s.status()}: ${await s.text()}`);
		step('open the review page');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, `/staff/calls/${id}/applications`);
		const t = await mainText(staff);
		check(t.includes('I lead asset tracing cases.'), 'the answer is not shown');
		check(t.includes('4.50'), 'the weighted score is not shown');
		check(t.includes('Strong case experience.'), 'the comment is not shown');
		check(await staff.getByRole('link', { name: 'member-cv.pdf' }).count() === 1, 'no link to the CV');
		check(await staff.getByRole('button', { name: 'Accept' }).count() === 1, 'no Accept button');
		await shot(staff, 'staff-call-applications');
	});

	await test('staff write a call through the form, and it is on /calls', async (step) => {
		const formTitle = `Roster of financial investigators ${stamp}`;
		step('open /staff/calls and its "New call" link');
		await visit(staff, '/staff/calls');
		await submit(staff, staff.getByRole('link', { name: 'New call' }));
		check(await h1(staff) === 'New call', `the h1 is "${await h1(staff)}"`);
		step('fill the form in, a mistake in the closing time');
		await staff.locator('[name="title"]').fill(formTitle);
		await staff.locator('[name="kind"]').selectOption('expert_roster');
		await staff.locator('[name="description"]').fill('Investigators who **trace** assets across borders.');
		await staff.locator('[name="opens"]').fill('2026-01-01T09:00');
		await staff.locator('[name="closes"]').fill('2025-12-01T09:00');
		await staff.locator('[name="places"]').fill('30');
		await staff.locator('[name="status"]').selectOption('open');
		await staff.getByLabel('NGO', { exact: true }).check();
		await staff.locator('[name="q.0.label"]').fill('Your cases of the last five years');
		await staff.locator('[name="q.0.required"]').check();
		await staff.locator('[name="cr.0.name"]').fill('Experience');
		await staff.locator('[name="cr.0.weight"]').fill('3');
		await submit(staff, staff.getByRole('button', { name: 'Save' }));
		const t = await mainText(staff);
		check(t.includes('The call must close after it opens.'), `no message by the closing time: ${t.slice(0, 300)}`);
		check(await staff.locator('[name="title"]').inputValue() === formTitle, 'the title was lost');
		check(await staff.locator('[name="cr.0.name"]').inputValue() === 'Experience', 'the criterion was lost');
		step('fix it and save');
		await staff.locator('[name="closes"]').fill('2031-12-01T09:00');
		await submit(staff, staff.getByRole('button', { name: 'Save' }));
		check(await h1(staff) === 'Calls for participants', `not back on the list: "${await h1(staff)}"`);
		check((await mainText(staff)).includes(formTitle), 'the new call is not listed');
		step('open its edit form');
		await submit(staff, staff.getByRole('link', { name: `Edit ${formTitle}` }));
		check(await staff.locator('[name="cr.0.name"]').inputValue() === 'Experience', 'the criterion is not shown');
		await shot(staff, 'staff-call-edit');
		step('a visitor sees it on /calls');
		await visit(visitor, '/calls');
		check((await mainText(visitor)).includes(formTitle), 'the call is not on /calls');
		await submit(visitor, visitor.getByRole('link', { name: formTitle }));
		check((await mainText(visitor)).includes('Investigators who trace assets across borders.'),
		    'its description is not shown');
		check(await visitor.locator('main strong', { hasText: 'trace' }).count() === 1,
		    'its description is not Markdown');
	});

	await api.dispose();
}

run('calls.js', main, 60000);
