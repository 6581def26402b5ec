'use strict';
/*
 * meetings.js -- the browser half of meetings.t: issue 16's meetings pages
 * as people go through them with JavaScript off, on a server seeded with
 * `whatson seed --demo` (seven sessions of seven bodies, with agendas).
 *
 *   1. a visitor opens /meetings, follows the filter link of the Commission
 *      on Crime Prevention and Criminal Justice (its count is the number
 *      listed) and opens its session: the agenda, the items open to
 *      statements, the nomination window and who may take part, in words;
 *   2. staff open the form for a new session, send it for a working group
 *      without saying which (it comes back with the message by the field
 *      and what they typed kept), then right: they land on the session's
 *      page, its agenda as they typed it;
 *   3. the member, an admin of an organization in consultative status,
 *      nominates a delegate to a session whose window is open: a wrong
 *      address comes back with the message by it and the rest kept, then
 *      the nomination is listed, waiting for staff;
 *   4. staff open that session's nominations from its page, filter them,
 *      decline the delegate without a reason (the field says so), then
 *      approve them;
 *   5. the member opens a session open to any member organization.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/meetings.png, out/meeting.png (docs/meeting.png),
 * out/staff-meeting-form.png, out/meeting-nominate.png,
 * out/staff-meeting-nominations.png.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const CCPCJ = 'Commission on Crime Prevention and Criminal Justice';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();

	await test('a visitor lists sessions, narrows them to a body and opens one', async (step) => {
		step('open /meetings');
		await visit(visitor, '/meetings');
		check(await h1(visitor) === 'Intergovernmental meetings', `the h1 is "${await h1(visitor)}"`);
		const all = await visitor.getByRole('main').locator('.results li > a').allInnerTexts();
		check(all.length >= 7, `only ${all.length} sessions listed`);
		await shot(visitor, 'meetings');

		step('follow the filter link of the CCPCJ');
		const link = visitor.getByRole('navigation', { name: 'Filters' }).getByRole('link', { name: CCPCJ });
		const count = Number(await text(link.locator('xpath=following-sibling::span[1]')));
		await submit(visitor, link);
		const items = await visitor.getByRole('main').locator('.results li > a').allInnerTexts();
		check(items.length === count, `the filter said ${count}, the list has ${items.length}`);
		check(items.every((t) => t.startsWith(CCPCJ)), `listed: ${items.join(' | ')}`);

		step('open the session');
		await submit(visitor, visitor.getByRole('main').locator('.results li > a').first());
		check((await h1(visitor)).startsWith(`${CCPCJ}, Thirty-fifth session`), `the h1 is "${await h1(visitor)}"`);
		const t = await mainText(visitor);
		check(t.includes('3. Thematic discussion open to statements'), `no agenda item 3 open to statements: ${t.slice(0, 600)}`);
		check(t.includes('1. Election of officers') && !t.includes('1. Election of officers open to statements'),
		    'item 1 is shown open to statements');
		check(t.includes('Nominations of delegates are open until'), 'the nomination window is not in words');
		check(t.includes('Organizations in consultative status with the Economic and Social Council'),
		    'who may take part is not in words');
		check(await visitor.getByRole('link', { name: 'Sign in to take part' }).count() === 1,
		    'no "Sign in to take part" for a visitor');
		await shot(visitor, 'meeting');
	});

	await test('staff make a session through the form, fixing a mistake', async (step) => {
		step('sign in and open the form');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/meetings/new');
		await staff.getByRole('combobox', { name: 'Body' }).selectOption('untoc_wg');
		await staff.getByRole('textbox', { name: 'Session number (required)' }).fill('21');
		await staff.getByRole('textbox', { name: 'Title (required)' }).fill(`Twenty-first meeting ${stamp}`);
		await staff.getByRole('textbox', { name: 'Starts (required)' }).fill('2029-09-03T10:00');
		await staff.getByRole('textbox', { name: 'Ends (required)' }).fill('2029-09-04T18:00');
		await staff.locator('#a-1-number').fill('1');
		await staff.locator('#a-1-title').fill('Opening of the meeting');
		await staff.locator('#a-2-number').fill('2');
		await staff.locator('#a-2-title').fill('Trafficking in persons and technology');
		await staff.getByLabel('Item 2 is open to statements').check();
		await staff.getByRole('combobox', { name: 'Status' }).selectOption('published');

		step('send it without the working group');
		await submit(staff, staff.getByRole('button', { name: 'Save' }));
		const err = await mainText(staff);
		check(err.includes('Say which working group meets.'), 'no message by the working group');
		check(await staff.locator('#a-2-title').inputValue() === 'Trafficking in persons and technology',
		    'the agenda typed was lost');
		check(await staff.getByRole('textbox', { name: 'Session number (required)' }).inputValue() === '21', 'the number typed was lost');
		await shot(staff, 'staff-meeting-form');

		step('choose it and save');
		await staff.getByLabel(/Working group/).selectOption('trafficking_in_persons');
		await submit(staff, staff.getByRole('button', { name: 'Save' }));
		check((await h1(staff)).includes(`Working Group on Trafficking in Persons, Twenty-first meeting ${stamp}`),
		    `the h1 is "${await h1(staff)}"`);
		const t = await mainText(staff);
		check(t.includes('2. Trafficking in persons and technology open to statements'), 'the agenda is not as typed');
		check(await staff.getByRole('link', { name: 'Edit the session' }).count() === 1, 'no way back to the form');
	});

	await test('the member nominates a delegate of their organization, fixing a mistake', async (step) => {
		step('sign in and open the CCPCJ session (its window is open)');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/meetings?body=ccpcj');
		await submit(member, member.getByRole('main').locator('.results li > a').first());
		const form = member.getByRole('main').locator('form[action$="/nominate"]');
		check(await form.count() === 1, 'no nomination form for an eligible organization\'s admin');
		await member.getByRole('textbox', { name: /Delegate's name/ }).fill(`Nadia Delegate ${stamp}`);
		await member.getByRole('textbox', { name: /Their email address/ }).fill('not-an-address');
		await member.getByRole('textbox', { name: /Nationality/ }).fill('KE');
		await member.getByRole('textbox', { name: /Name as the passport writes it/ }).fill('NADIA DELEGATE');
		await member.getByLabel('Online').check();

		step('send it with a wrong address');
		await submit(member, member.getByRole('button', { name: 'Nominate' }));
		check((await mainText(member)).includes('Some fields need your attention.'), 'no message at the top');
		check(await member.locator('#ne-email').count() === 1, 'no message by the address');
		check(await member.getByLabel('Online').isChecked(), 'the attendance chosen was lost');
		await shot(member, 'meeting-nominate');

		step('fix it and send');
		await member.getByRole('textbox', { name: /Their email address/ }).fill(`nadia.${stamp}@example.org`);
		await submit(member, member.getByRole('button', { name: 'Nominate' }));
		check((await mainText(member)).includes(`Nadia Delegate ${stamp}`), 'the nomination is not listed');
		check((await mainText(member)).includes('waiting for staff'), 'not waiting for staff');
	});

	await test('staff decide the nomination on the session\'s nominations page', async (step) => {
		step('open the session the member nominated to, then its nominations');
		const session = new URL(member.url()).pathname;
		await visit(staff, session);
		await submit(staff, staff.getByRole('link', { name: 'The nominations' }));
		check((await h1(staff)).startsWith('Nominations:'), `the h1 is "${await h1(staff)}"`);
		await staff.getByRole('combobox', { name: 'Status' }).selectOption('pending');
		await submit(staff, staff.getByRole('button', { name: 'Filter' }));
		check((await mainText(staff)).includes(`nadia.${stamp}@example.org`), 'the delegate is not listed');
		check(await staff.getByRole('link', { name: /registration desks/ }).count() === 1, 'no link to the desks\' CSV');

		step('decline without a reason: the field says so');
		await staff.getByLabel(`Select Nadia Delegate ${stamp}`).check();
		await submit(staff, staff.getByRole('button', { name: 'Decline' }));
		check(await staff.locator('#e-reason').count() === 1, 'no message by the reason');
		await shot(staff, 'staff-meeting-nominations');

		step('approve it');
		await staff.getByLabel(`Select Nadia Delegate ${stamp}`).check();
		await submit(staff, staff.getByRole('button', { name: 'Approve' }));
		check((await mainText(staff)).includes(`Nadia Delegate ${stamp}: approved`), 'not approved');
	});

	await test('the member reads a session open to any member organization', async (step) => {
		step('open the list for the States Parties');
		await visit(member, '/meetings?body=cosp');
		await submit(member, member.getByRole('main').locator('.results li > a').first());
		const t = await mainText(member);
		check(t.includes('Any member organization of the hub may take part.'), `not in words: ${t.slice(0, 500)}`);
		check(await member.getByRole('link', { name: 'Sign in to take part' }).count() === 0,
		    'a signed-in member is asked to sign in');
	});
}

run('meetings.js', main, 60000);
