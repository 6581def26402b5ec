'use strict';
/*
 * events_staff.js -- the browser half of events_staff.t: staff's event
 * pages with JavaScript off, on a server seeded with `whatson seed --demo
 * --events 8` (every other event asks for approval; upcoming ones have
 * pending registrations).
 *
 *   1. staff open /staff/events: every event, with its counts by status;
 *      they open the registrants of one with people pending, tick the
 *      first pending one and press Approve: the page says it is done and
 *      the person is no longer pending; the CSV link downloads CSV;
 *   2. the new-event form sent with the end before the start comes back
 *      with the message by the end field and the title kept;
 *   3. its questions editor: a choice with one option comes back with the
 *      message by its options and every row as typed; with two it is
 *      saved, and the edit page shows both questions.
 *
 * Every page visited is checked by axe-core at the end (lib.js); the
 * registrants page is screenshot as staff-event-registrations.png.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };

async function main() {
	const browser = await launch();
	const staff = await (await newContext(browser)).newPage();

	await test('staff approve a pending registration from the registrants page', async (step) => {
		step('sign in and open /staff/events');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/events?when=all');
		check(await h1(staff) === 'Events', `the h1 is "${await h1(staff)}"`);
		const rows = staff.getByRole('main').locator('tbody tr');
		const n = await rows.count();
		/* the 8 demo events, the 7 sessions of meetings seeded beside them and
		 * the 2 demo dialogues' preparation days and dialogues (issue 17) */
		check(n === 19, `/staff/events lists ${n} events, not 19`);
		step('find an event with people pending (the fifth column)');
		let link = null;
		for (let i = 0; i < n && !link; i++) {
			const pending = await text(rows.nth(i).locator('td').nth(4));
			if (Number(pending) > 0)
				link = rows.nth(i).locator('td a').first();
		}
		check(link, 'no event has anyone pending');
		const title = await text(link);
		await submit(staff, link);
		check((await h1(staff)).includes(title), `the registrants page says "${await h1(staff)}"`);
		await shot(staff, 'staff-event-registrations');
		step('tick the first pending one and approve');
		const pendingRow = staff.getByRole('main').locator('tbody tr', { hasText: 'Awaiting approval' }).first();
		const name = await text(pendingRow.locator('td').nth(1));
		await pendingRow.locator('input[type=checkbox]').check();
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Approve' }));
		const main = await text(staff.getByRole('main'));
		check(/Done: 1/.test(main), `the page does not say "Done: 1": ${main.slice(0, 300)}`);
		const row = staff.getByRole('main').locator('tbody tr', { hasText: name }).first();
		const status = await text(row.locator('td').nth(4));
		check(status === 'Place confirmed' || status === 'On the waiting list', `${name} is now "${status}"`);
		step('the CSV link answers CSV');
		const href = await staff.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
		const resp = await staff.request.get(new URL(href, staff.url()).toString());
		check(resp.status() === 200, `the CSV answered ${resp.status()}`);
		check(/text\/csv/.test(resp.headers()['content-type']), `the CSV is ${resp.headers()['content-type']}`);
		check((await resp.text()).includes(name), `the CSV lacks ${name}`);
	});

	await test('the new-event form says what to fix and keeps what was typed', async (step) => {
		step('open /staff/events/new');
		await visit(staff, '/staff/events/new');
		await staff.getByLabel('Title').fill('Evening clinic on asset recovery');
		await staff.getByLabel('Starts').fill('2031-03-03T18:00');
		await staff.getByLabel('Ends').fill('2031-03-03T17:00');
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Save' }));
		const err = await text(staff.locator('#e-end'));
		check(err === 'The end must be after the start.', `the end field says "${err}"`);
		const kept = await staff.getByLabel('Title').inputValue();
		check(kept === 'Evening clinic on asset recovery', `the title came back as "${kept}"`);
		step('fixed, it is saved and listed');
		await staff.getByLabel('Ends').fill('2031-03-03T20:00');
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Save' }));
		check((await text(staff.getByRole('main'))).includes('Evening clinic on asset recovery'),
		    'the new event is not on the list');
	});

	await test('the questions editor adds a choice, says what to fix, keeps what was typed', async (step) => {
		step('open /staff/events/new and ask a choice with one option');
		await visit(staff, '/staff/events/new');
		await staff.getByLabel('Title').fill('Workshop with questions');
		await staff.getByLabel('Starts').fill('2031-04-04T09:00');
		await staff.getByLabel('Ends').fill('2031-04-04T12:00');
		await staff.locator('#q-0-label').fill('Which track?');
		await staff.locator('#q-0-type').selectOption('choice');
		await staff.locator('#q-0-choices').fill('Law');
		await staff.locator('#q-1-label').fill('Diet');
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Save' }));
		const err = await text(staff.locator('#q-0-e-choices'));
		check(err === 'A choice needs at least two options, one a line.', `the options say "${err}"`);
		const kept = await staff.locator('#q-0-label').inputValue();
		check(kept === 'Which track?', `the label came back as "${kept}"`);
		check(await staff.locator('#q-0-type').inputValue() === 'choice', 'the kind was not kept');
		check(await staff.locator('#q-1-label').inputValue() === 'Diet', 'the second question was lost');
		step('two options: saved; its edit page shows the questions');
		await staff.locator('#q-0-choices').fill('Law\nPractice');
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Save' }));
		const row = staff.getByRole('main').locator('tbody tr', { hasText: 'Workshop with questions' }).first();
		await submit(staff, row.getByRole('link', { name: 'Edit' }));
		check(await staff.locator('#q-0-label').inputValue() === 'Which track?', 'the first question is not on the form');
		const opts = await staff.locator('#q-0-choices').inputValue();
		check(opts.trim() === 'Law\nPractice', `its options are "${opts}"`);
		check(await staff.locator('#q-1-label').inputValue() === 'Diet', 'the second question is not on the form');
		await shot(staff, 'staff-event-questions');
	});
}

run('events_staff.js', main, 60000);
