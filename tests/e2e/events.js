'use strict';
/*
 * events.js -- the browser half of events.t: issue 14's events pages as
 * people go through them with JavaScript off, on a server seeded with
 * `whatson seed --demo` (member@example.org a member of organization 1).
 *
 *   0. staff publish three events through the API: a week's workshop in
 *      Vienna across the night the clocks go back (with questions), a
 *      webinar from New York, and one for members only;
 *   1. a visitor opens /events, narrows it to webinars with the filter
 *      link (its count is the number listed), opens the month view of
 *      October 2027 (a table: caption, column headers, each event on its
 *      day) and the workshop, which asks them to sign in to register;
 *   2. the member sets their time zone on /account (America/New_York),
 *      sees the workshop's times in it with Vienna's beside, sends the
 *      registration form without the required answer (it comes back with
 *      the message by the question and the rest kept), then right: their
 *      place is confirmed; they cancel it.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/events.png, out/events-month.png, out/event.png and
 * out/event-register.png.
 */
const { request } = require('playwright-core');
const {
	BASE, check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	const api = await request.newContext({ baseURL: BASE });
	const ids = {};
	const workshop = `Asset recovery week ${stamp}`;
	const webinar = `Cybercrime trends webinar ${stamp}`;

	await test('staff publish three events (the API)', async (step) => {
		step('staff take a token');
		const s = await api.post('/api/v1/session', { data: { email: STAFF.email, password: STAFF.password } });
		check(s.status() === 201 || s.status() === 200, `POST /api/v1/session answered ${s.status()}`);
		const headers = { Authorization: `Bearer ${(await s.json()).token}` };
		const events = {
			workshop: {
				kind: 'workshop', title: workshop, timezone: 'Europe/Vienna',
				start: '2027-10-28T09:00', end: '2027-11-02T17:00', venue: 'Vienna International Centre',
				description: 'Five days on **tracing** and *recovering* stolen assets.',
				capacity: 30, themes: ['corruption', 'money_laundering'], languages: ['en', 'fr'],
				status: 'published',
				questions: [
					{ id: 'org_role', label: 'Your role in your organization', type: 'text', required: true },
					{ id: 'track', label: 'Track', type: 'choice', choices: ['Investigators', 'Prosecutors'] },
					{ id: 'visa', label: 'Do you need a visa letter?', type: 'yes_no' },
				],
			},
			webinar: {
				kind: 'webinar', title: webinar, timezone: 'America/New_York',
				start: '2027-10-14T10:00', end: '2027-10-14T11:30', themes: ['cybercrime'],
				languages: ['en'], status: 'published', audience: 'open',
			},
			members: {
				kind: 'briefing', title: `Members' briefing ${stamp}`, timezone: 'Africa/Nairobi',
				start: '2027-10-20T14:00', end: '2027-10-20T15:00', visibility: 'members',
				status: 'published',
			},
		};
		for (const [k, body] of Object.entries(events)) {
			step(`create the ${k}`);
			const r = await api.post('/api/v1/events', { headers, data: body });
			check(r.status() === 201, `POST /api/v1/events answered ${r.status()}: ${await r.text()}`);
			ids[k] = (await r.json()).id;
		}
	});

	await test('a visitor lists events, filters them, opens the month and an event', async (step) => {
		step('open /events');
		await visit(visitor, '/events');
		const all = await mainText(visitor);
		check(all.includes(workshop) && all.includes(webinar), 'the new events are not listed');
		check(!all.includes(`Members' briefing ${stamp}`), 'the members-only event is listed to a visitor');
		await shot(visitor, 'events');

		step('follow the Webinar filter link');
		const link = visitor.getByRole('navigation', { name: 'Filters' }).getByRole('link', { name: 'Webinar' });
		const count = Number(await text(link.locator('xpath=following-sibling::span[1]')));
		await submit(visitor, link);
		const items = await visitor.getByRole('main').locator('.results li > a').allInnerTexts();
		check(items.length === count, `the filter said ${count}, the list has ${items.length}`);
		check(items.includes(webinar) && !items.includes(workshop), `listed: ${items.join(' | ')}`);

		step('open the month view of October 2027');
		await visit(visitor, '/events?view=month&month=2027-10');
		const table = visitor.getByRole('table', { name: 'October 2027' });
		check(await table.count() === 1, 'no table captioned October 2027');
		check(await table.getByRole('columnheader').count() === 7, 'not seven column headers');
		const cell = table.getByRole('cell').filter({ has: visitor.getByRole('link', { name: workshop }) });
		check((await text(cell.locator('.day'))) === '28', 'the workshop is not on the 28th');
		await shot(visitor, 'events-month');

		step('open the workshop from the calendar');
		await submit(visitor, table.getByRole('link', { name: workshop }));
		check(await h1(visitor) === workshop, `the h1 is "${await h1(visitor)}"`);
		const t = await mainText(visitor);
		check(t.includes('28 October 2027, 09:00 UTC+2 – 2 November 2027, 17:00 UTC+1 (Europe/Vienna)'),
		    'the times are not Vienna\'s, with the change of the clocks');
		check(await visitor.getByRole('link', { name: 'Sign in to register' }).count() === 1,
		    'no "Sign in to register" for a visitor');
	});

	await test('the member registers in their time zone, fixes a mistake, and cancels', async (step) => {
		step('sign in and set the time zone on /account');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/account');
		await member.getByRole('textbox', { name: 'Time zone' }).fill('America/New_York');
		await submit(member, member.getByRole('button', { name: 'Save time zone' }));

		step('open the workshop: times in New York, Vienna\'s beside');
		await visit(member, `/events/${ids.workshop}`);
		const t = await mainText(member);
		check(t.includes('When (your time) 28 October 2027, 03:00 – 2 November 2027, 12:00 (UTC-4, America/New_York)'),
		    `not in New York time: ${t.slice(0, 400)}`);
		check(t.includes('28 October 2027, 09:00 UTC+2 – 2 November 2027, 17:00 UTC+1 (Europe/Vienna)'),
		    'Vienna\'s times are not beside');
		await shot(member, 'event');

		step('send the form without the required answer');
		await member.getByLabel('Prosecutors').check();
		await submit(member, member.getByRole('button', { name: 'Register' }));
		const err = await mainText(member);
		check(err.includes('This question needs an answer.'), 'no message by the required question');
		check(await member.getByLabel('Prosecutors').isChecked(), 'the chosen track was lost');
		await shot(member, 'event-register');

		step('answer it and register');
		await member.getByLabel(/Your role in your organization/).fill('Asset tracing lead');
		await member.getByLabel('No').check();
		await submit(member, member.getByRole('button', { name: 'Register' }));
		check((await mainText(member)).includes('Registered: your place is confirmed'), 'the place is not confirmed');

		step('cancel it');
		await submit(member, member.getByRole('button', { name: 'Cancel my registration' }));
		check((await mainText(member)).includes('You cancelled your registration.'), 'not cancelled');
	});

	await api.dispose();
}

run('events.js', main, 60000);
