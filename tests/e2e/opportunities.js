'use strict';
/*
 * opportunities.js -- the browser half of opportunities.t: issue 15's page
 * of open opportunities as people see it with JavaScript off, on a server
 * seeded with `whatson seed --demo`.
 *
 *   0. staff open a call for everyone and publish an event on every theme
 *      (the API);
 *   1. a visitor opens /opportunities: a link to sign in, nothing else;
 *   2. the member opens it: the call and the event, each with its
 *      deadline, its marks and one button, which leads to its page; the
 *      home page lists the next three and links to the whole list.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshot: out/opportunities.png (docs/opportunities.png).
 */
const { request } = require('playwright-core');
const {
	BASE, check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const THEMES = ['trafficking_in_persons', 'smuggling_of_migrants', 'firearms', 'corruption',
	'cybercrime', 'money_laundering', 'drug_trafficking', 'drug_prevention', 'wildlife_crime',
	'environmental_crime', 'terrorism_prevention', 'criminal_justice', 'victims_rights', 'gender',
	'youth'];

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	const api = await request.newContext({ baseURL: BASE });
	const callTitle = `Call for a mentoring roster ${stamp}`;
	const eventTitle = `Webinar on beneficial ownership ${stamp}`;

	await test('staff open a call and publish an event (the API)', async (step) => {
		step('staff take a token');
		const s = await api.post('/api/v1/session', { data: { email: STAFF.email, password: STAFF.password } });
		check(s.status() === 201 || s.status() === 200, `POST /api/v1/session answered ${s.status()}`);
		const headers = { Authorization: `Bearer ${(await s.json()).token}` };
		step('create the call');
		let r = await api.post('/api/v1/calls', { headers, data: {
			kind: 'expert_roster', title: callTitle, timezone: 'Europe/Vienna',
			closes: '2031-10-05T23:59', status: 'open',
		} });
		check(r.status() === 201, `POST /api/v1/calls answered ${r.status()}: ${await r.text()}`);
		step('publish the event');
		r = await api.post('/api/v1/events', { headers, data: {
			kind: 'webinar', title: eventTitle, timezone: 'Europe/Vienna',
			start: '2031-11-10T14:00', end: '2031-11-10T15:30', registration_closes: '2031-10-05T18:00',
			status: 'published', visibility: 'public', audience: 'open',
			/* every theme: the demo member's organization works on some of them */
			themes: THEMES,
		} });
		check(r.status() === 201, `POST /api/v1/events answered ${r.status()}: ${await r.text()}`);
	});

	await test('a visitor is asked to sign in', async (step) => {
		step('open /opportunities');
		await visit(visitor, '/opportunities');
		check(await h1(visitor) === 'Open opportunities', `the h1 is "${await h1(visitor)}"`);
		check(await visitor.getByRole('link', { name: 'Sign in to see your opportunities' }).count() === 1,
		    'no sign-in link for a visitor');
		check(!(await mainText(visitor)).includes(callTitle), 'a visitor sees the list');
	});

	await test("the member's opportunities", async (step) => {
		step('sign in and open /opportunities');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/opportunities');
		const t = await mainText(member);
		check(t.includes(callTitle), 'the call is not listed');
		check(t.includes(eventTitle), 'the event is not listed');
		check(t.includes('5 October 2031'), `no deadline: ${t.slice(0, 400)}`);
		const items = member.locator('ul.opportunities > li');
		const titles = await items.allTextContents();
		const ev = titles.findIndex((s) => s.includes(eventTitle));
		const call = titles.findIndex((s) => s.includes(callTitle));
		check(ev >= 0 && call >= 0 && ev < call,
		    'the event on their themes does not come before the call closing the same day');
		check(titles[ev].includes('Matches your themes'), 'the event is not marked');
		await shot(member, 'opportunities');
		step('its button leads to the call');
		await submit(member, items.nth(call).getByRole('link', { name: /^Apply/ }));
		check(await h1(member) === callTitle, `the h1 is "${await h1(member)}"`);
		step('the home page shows the next three');
		await visit(member, '/');
		check((await mainText(member)).includes('Your next opportunities'), 'no block on the home page');
		check(await member.getByRole('link', { name: 'All your opportunities' }).count() === 1,
		    'no link to the whole list');
	});

	await api.dispose();
}

run('opportunities.js', main, 60000);
