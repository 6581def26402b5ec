'use strict';
/*
 * meetings_side_events.js -- the browser half of meetings_side_events.t:
 * side events of a session as people go through them with JavaScript off,
 * on a server seeded with `whatson seed --demo` (the CCPCJ's demo session
 * has four slots, its window for side events open, and two side events
 * accepted into slots 1 and 2).
 *
 *   1. the member, an admin of an organization in consultative status,
 *      opens the CCPCJ session, follows "Propose a side event", sends the
 *      form with an abstract too short (it comes back with the message by
 *      the field and what they typed kept), then right: the proposal is
 *      listed on the session's page, waiting for staff;
 *   2. staff open the session's proposals from its page, filter the
 *      pending ones and accept the member's into the slot it preferred;
 *   3. a visitor reads the session's programme: three side events, the
 *      member's among them, with the link to the programme's calendar.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/meeting-side-event-form.png
 * (docs/meeting-side-event-form.png), out/staff-meeting-side-events.png,
 * out/meeting-programme.png (docs/meeting-programme.png).
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const title = `Witness protection for whistle-blowers ${stamp}`;
	const visitor = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	let session = '';

	await test('the member proposes a side event, fixing a mistake', async (step) => {
		step('sign in and open the CCPCJ session (its window for side events is open)');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/meetings?body=ccpcj');
		await submit(member, member.getByRole('main').locator('.results li > a').first());
		session = new URL(member.url()).pathname;
		check((await mainText(member)).includes('Proposals of side events are open until'),
		    'the window for side events is not in words');
		await submit(member, member.getByRole('link', { name: 'Propose a side event' }));
		check((await h1(member)).startsWith('Propose a side event:'), `the h1 is "${await h1(member)}"`);

		step('fill it in, the abstract too short');
		await member.getByRole('textbox', { name: /Title of the side event/ }).fill(title);
		await member.getByRole('textbox', { name: /Abstract/ }).fill('Short.');
		await member.getByRole('textbox', { name: /Other organizations/ }).fill('Transparency Partners');
		await member.getByRole('textbox', { name: /Governments/ }).fill('AT, KE');
		await member.getByLabel('Hybrid').check();
		await member.getByRole('combobox', { name: /Language/ }).selectOption('fr');
		await member.getByRole('combobox', { name: 'First choice' }).selectOption({ index: 2 });
		await submit(member, member.getByRole('button', { name: 'Propose' }));
		check((await mainText(member)).includes('Some fields need your attention.'), 'no message at the top');
		check(await member.locator('#se-e-abstract').count() === 1, 'no message by the abstract');
		check(await member.getByRole('textbox', { name: /Title of the side event/ }).inputValue() === title,
		    'the title typed was lost');
		check(await member.getByLabel('Hybrid').isChecked(), 'the format chosen was lost');
		check(await member.getByRole('combobox', { name: /Language/ }).inputValue() === 'fr', 'the language chosen was lost');
		await shot(member, 'meeting-side-event-form');

		step('fix it and send');
		await member.getByRole('textbox', { name: /Abstract/ }).fill(
		    'Prosecutors and civil society on protecting those who report corruption.');
		await submit(member, member.getByRole('button', { name: 'Propose' }));
		const t = await mainText(member);
		check(t.includes(`${title} (`) && t.includes('waiting for staff'), 'the proposal is not listed, waiting for staff');
	});

	await test('staff accept it into the slot it preferred', async (step) => {
		step('open the session, then its proposals');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, session);
		await submit(staff, staff.getByRole('link', { name: 'The proposals of side events' }));
		check((await h1(staff)).startsWith('Side events:'), `the h1 is "${await h1(staff)}"`);
		await staff.getByRole('combobox', { name: 'Status' }).selectOption('pending');
		await submit(staff, staff.getByRole('button', { name: 'Filter' }));
		const card = staff.getByRole('article', { name: title });
		check(await card.count() === 1, 'the proposal is not listed');
		check((await text(card)).includes('Transparency Partners'), 'its co-organizers are not shown');
		await shot(staff, 'staff-meeting-side-events');

		step('accept it');
		await submit(staff, card.getByRole('button', { name: 'Accept' }));
		check((await mainText(staff)).includes(`${title}: accepted`), 'not accepted');
	});

	await test('a visitor reads the session\'s programme', async (step) => {
		step('open the session');
		await visit(visitor, session);
		const programme = visitor.getByRole('region', { name: 'Programme' });
		const items = await programme.locator('li').allInnerTexts();
		check(items.length === 3, `the programme has ${items.length} side events`);
		check(items.some((t) => t.includes(title)), 'the accepted side event is not in the programme');
		check(await programme.getByRole('link', { name: 'The programme as a calendar (iCalendar)' }).count() === 1,
		    'no link to the programme\'s calendar');
		await visitor.locator('#programme').scrollIntoViewIfNeeded();
		await shot(visitor, 'meeting-programme');
	});
}

run('meetings_side_events.js', main, 60000);
