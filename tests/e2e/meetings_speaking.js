'use strict';
/*
 * meetings_speaking.js -- the browser half of meetings_speaking.t: requests
 * to speak as people go through them with JavaScript off, on a server
 * seeded with `whatson seed --demo` (the Conference of the States Parties'
 * session takes requests to speak, and its item 2's speakers' list is
 * published).
 *
 *   1. a visitor opens the session: item 2's published list is on its
 *      page, in order; the printable page has it too, and nothing of the
 *      items not published;
 *   2. the member, an organization's admin, follows "Ask to speak on an
 *      agenda item", sends the form with a summary too short and too many
 *      minutes (it comes back with a message by each and what was typed
 *      kept), then right: the request is listed on the session's page,
 *      waiting for staff, with a link to change it (the form, as sent);
 *   3. staff follow the session's link to their allocation page, allocate
 *      more minutes than item 5 (b) has (refused, saying the sums, what was
 *      typed kept), then fewer, and publish: the list is on the printable
 *      page, and the member reads their place on the session's page.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/meeting-speaking-form.png, out/staff-meeting-speakers.png
 * (docs/staff-meeting-speakers.png), out/meeting-speakers.png
 * (docs/meeting-speakers.png).
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const COSP = 'Conference of the States Parties to the United Nations Convention against Corruption';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	let session = '';

	await test('a visitor reads the published speakers\' list', async (step) => {
		step('open the States Parties\' session');
		await visit(visitor, '/meetings?body=cosp');
		await submit(visitor, visitor.getByRole('main').locator('.results li > a').first());
		check((await h1(visitor)).startsWith(`${COSP}, Twelfth session`), `the h1 is "${await h1(visitor)}"`);
		session = new URL(visitor.url()).pathname;
		const t = await mainText(visitor);
		check(t.includes('Requests to speak are open until'), 'the speaking window is not in words');
		check(t.includes('minutes for non-governmental speakers: 30'), 'the minutes of item 2 are not shown');
		const rows = await visitor.locator('table.speakers tbody tr').allInnerTexts();
		check(rows.length === 2, `${rows.length} speakers listed on the session's page`);
		check(rows[0].includes('Amina Okafor') && rows[1].includes('Lucas Ferreira'), `the list: ${rows.join(' | ')}`);
		check(!t.includes('Mei Tanaka'), 'a declined request is listed');

		step('the printable page');
		await submit(visitor, visitor.getByRole('link', { name: 'The speakers\' lists, to print' }));
		check((await h1(visitor)).startsWith('Speakers\' lists:'), `the h1 is "${await h1(visitor)}"`);
		const p = await mainText(visitor);
		check(p.includes('Item 2. Review mechanism') && p.includes('Amina Okafor, Director'), `not the list: ${p.slice(0, 400)}`);
		check(!p.includes('Prevention'), 'an item not published is shown');
	});

	await test('the member asks to speak, fixing mistakes', async (step) => {
		step('sign in, open the session and follow the link to the form');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, session);
		await submit(member, member.getByRole('link', { name: 'Ask to speak on an agenda item' }));
		check((await h1(member)).startsWith('Request to speak:'), `the h1 is "${await h1(member)}"`);
		await member.getByRole('combobox', { name: /Agenda item/ }).selectOption('5 (b)');
		await member.getByRole('textbox', { name: 'The speaker\'s name' }).fill(`Rosa Speaker ${stamp}`);
		await member.getByRole('textbox', { name: 'Their title' }).fill('Programme lead');
		await member.getByRole('textbox', { name: /Summary of the statement/ }).fill('Too short');
		await member.getByRole('textbox', { name: /Minutes asked/ }).fill('45');

		step('send it: a message by each field, what was typed kept');
		await submit(member, member.getByRole('button', { name: 'Ask to speak' }));
		check((await mainText(member)).includes('Some fields need your attention.'), 'no message at the top');
		check(await member.locator('#se-summary').count() === 1, 'no message by the summary');
		check(await member.locator('#se-minutes').count() === 1, 'no message by the minutes');
		check(await member.getByRole('textbox', { name: 'The speaker\'s name' }).inputValue() === `Rosa Speaker ${stamp}`,
		    'the speaker typed was lost');
		check(await member.getByRole('combobox', { name: /Agenda item/ }).inputValue() === '5 (b)', 'the item chosen was lost');
		await shot(member, 'meeting-speaking-form');

		step('fix them and send');
		await member.getByRole('textbox', { name: /Summary of the statement/ })
		    .fill('Asset recovery cases where civil society helped trace what was stolen.');
		await member.getByRole('textbox', { name: /Minutes asked/ }).fill('12');
		await submit(member, member.getByRole('button', { name: 'Ask to speak' }));
		const t = await mainText(member);
		check(t.includes(`Rosa Speaker ${stamp}`), 'the request is not listed on the session\'s page');
		check(t.includes('waiting for staff'), 'not waiting for staff');
		check(await member.getByRole('button', { name: /Withdraw/ }).count() >= 1, 'no way to withdraw it');

		step('the change form has what was sent');
		await submit(member, member.getByRole('link', { name: /Change the request on item 5 \(b\)/ }));
		check((await member.getByRole('textbox', { name: /Summary of the statement/ }).inputValue()).startsWith('Asset recovery'),
		    'the change form lacks the summary sent');
		check(await member.getByRole('button', { name: 'Save the request' }).count() === 1, 'no button to save the change');
		await visit(member, session);
	});

	await test('staff allocate item 5 (b)\'s minutes and publish its list', async (step) => {
		step('sign in, open the session and follow the link to the allocation page');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, session);
		await submit(staff, staff.getByRole('link', { name: 'Allocate the minutes and publish the speakers\' lists' }));
		check((await h1(staff)).startsWith('Speakers\' lists:'), `the h1 is "${await h1(staff)}"`);
		const item = staff.locator('section.allocation', { has: staff.getByRole('heading', { name: /Item 5 \(b\)/ }) });
		check((await text(item)).includes(`Rosa Speaker ${stamp}`), 'the request is not on item 5 (b)');

		step('allocate more than the item has: refused, the sums said');
		await item.locator('select').first().selectOption('allocate');
		await item.locator('input[name$=".order"]').first().fill('1');
		await item.locator('input[name$=".minutes"]').first().fill('25');
		await submit(staff, item.getByRole('button', { name: 'Save', exact: true }));
		const again = staff.locator('section.allocation', { has: staff.getByRole('heading', { name: /Item 5 \(b\)/ }) });
		const t = await text(again);
		check(t.includes('add up to 25, more than the 20 minutes it has'), `no sums: ${t.slice(0, 400)}`);
		check(await again.locator('input[name$=".minutes"]').first().inputValue() === '25', 'the minutes typed were lost');

		step('allocate 12 and publish');
		await again.locator('input[name$=".minutes"]').first().fill('12');
		await submit(staff, again.getByRole('button', { name: 'Save and publish the list' }));
		const done = staff.locator('section.allocation', { has: staff.getByRole('heading', { name: /Item 5 \(b\)/ }) });
		check((await text(done)).includes('Published'), 'the list is not published');
		await shot(staff, 'staff-meeting-speakers');
	});

	await test('the published list, printable, and the member\'s place on it', async (step) => {
		step('the printable page has item 5 (b)');
		await visit(visitor, `${session}/speakers`);
		const p = await mainText(visitor);
		check(p.includes('Item 5 (b). Asset recovery') && p.includes(`Rosa Speaker ${stamp}, Programme lead`),
		    `item 5 (b)'s list is not there: ${p.slice(0, 600)}`);
		await shot(visitor, 'meeting-speakers');

		step('the member reads their place');
		await visit(member, session);
		const t = await mainText(member);
		check(t.includes('on the speakers\' list · order 1, 12 min'), `not their place: ${t.slice(0, 800)}`);
	});
}

run('meetings_speaking.js', main, 60000);
