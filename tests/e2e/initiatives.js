'use strict';
/*
 * initiatives.js -- the browser half of initiatives.t: issue 17's country
 * pilot initiatives as people go through them with JavaScript off, on a
 * server seeded with `whatson seed --demo` (two initiatives in Kenya: one
 * active, whose partner is the demo member's organization and whose focal
 * point is the demo focal point, with two updates, a published output and
 * a draft; one proposed).
 *
 *   1. a visitor opens /initiatives, narrows the list to active ones and
 *      opens the active initiative: its summary and its published output,
 *      not the draft, not the participants, no way into its space;
 *   2. the member opens the same initiative, sees its participants and
 *      enters its space: documents, meetings and the updates; an empty
 *      update comes back with the message by the field, then one is
 *      posted, listed first, and mailed to the focal point;
 *   3. the member changes that update (an empty one coming back with the
 *      message by the field), then withdraws it;
 *   4. staff open the form for a new initiative, send it without a
 *      country (it comes back with the message by the field and the title
 *      kept), then right: they land on the initiative's page;
 *   5. staff withdraw the published output: a draft again for them, gone
 *      for a visitor.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/initiatives.png, out/initiative.png,
 * out/initiative-space.png (docs/initiative-space.png),
 * out/staff-initiative-form.png, out/initiative-update-edit.png,
 * out/initiative-outputs-staff.png.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, waitForMail, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const ACTIVE = 'Kenya pilot initiative on following up the country review';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();

	await test('a visitor lists the initiatives and reads one without its space', async (step) => {
		step('open /initiatives');
		await visit(visitor, '/initiatives');
		check(await h1(visitor) === 'Country pilot initiatives', `the h1 is "${await h1(visitor)}"`);
		const all = await visitor.getByRole('main').locator('.results li > a').allInnerTexts();
		check(all.length === 2, `${all.length} initiatives listed`);
		await shot(visitor, 'initiatives');

		step('narrow to the active ones');
		const link = visitor.getByRole('navigation', { name: 'Filters' }).getByRole('link', { name: 'Active' });
		await submit(visitor, link);
		const items = await visitor.getByRole('main').locator('.results li > a').allInnerTexts();
		check(items.length === 1 && items[0] === ACTIVE, `listed: ${items.join(' | ')}`);

		step('open it');
		await submit(visitor, visitor.getByRole('main').locator('.results li > a').first());
		check(await h1(visitor) === ACTIVE, `the h1 is "${await h1(visitor)}"`);
		const t = await mainText(visitor);
		check(t.includes('What the first six months taught us'), 'the published output is not shown');
		check(!t.includes('Recommendations to the working group (draft)'), 'a visitor sees the draft');
		check(!t.includes('Participants'), 'a visitor sees the participants');
		check(await visitor.getByRole('link', { name: "Enter the initiative's space" }).count() === 0,
		    'a visitor is offered the space');
		await shot(visitor, 'initiative');
	});

	await test('the member enters the space and posts an update, fixing a mistake', async (step) => {
		step('sign in and open the initiative');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/initiatives?status=active');
		await submit(member, member.getByRole('main').locator('.results li > a').first());
		const t = await mainText(member);
		check(t.includes('Participants') && t.includes('government focal point'), 'the participants are not listed');
		check(t.includes('Recommendations to the working group (draft)'), 'a participant does not see the draft');

		step('enter the space');
		await submit(member, member.getByRole('link', { name: "Enter the initiative's space" }));
		check((await h1(member)).startsWith('Space of the initiative'), `the h1 is "${await h1(member)}"`);
		const s = await mainText(member);
		check(s.includes('Welcome to the initiative') && s.includes('Our field notes'), 'the updates are not listed');
		check(s.includes('Documents') && s.includes('Meetings'), 'no documents or meetings');

		step('post an empty update: the field says so');
		await submit(member, member.getByRole('button', { name: 'Post the update' }));
		check(await member.locator('#e-body').count() === 1, 'no message by the update');

		step('post an update');
		await member.getByLabel(/Post an update/).fill(`The **agenda** of the national working group is agreed ${stamp}.`);
		await submit(member, member.getByRole('button', { name: 'Post the update' }));
		const first = await text(member.getByRole('main').locator('article.update').first());
		check(first.includes(`The agenda of the national working group is agreed ${stamp}.`), `first update: ${first}`);
		check(await member.getByRole('main').locator('article.update strong', { hasText: 'agenda' }).count() === 1,
		    'the Markdown is not rendered');
		await shot(member, 'initiative-space');

		step('the focal point is mailed');
		const mail = await waitForMail('focal@example.org', { subject: /An update in the initiative/ });
		check(mail.body.includes(stamp), 'the mail does not carry the update');
	});

	await test('the member changes their update, fixing a mistake, then withdraws it', async (step) => {
		step('open the form of the update just posted');
		const mine = member.getByRole('main').locator('article.update').first();
		await submit(member, mine.getByRole('link', { name: 'Change the update' }));
		check(await h1(member) === 'Change the update', `the h1 is "${await h1(member)}"`);
		const box = member.getByRole('textbox', { name: /The update/ });
		check((await box.inputValue()).includes(stamp), 'the form does not hold the update');

		step('save it empty: the field says so');
		await box.fill('');
		await submit(member, member.getByRole('button', { name: 'Save the changes' }));
		check(await member.locator('#e-body').count() === 1, 'no message by the update');
		await shot(member, 'initiative-update-edit');

		step('save it changed: back in the space');
		await member.getByRole('textbox', { name: /The update/ }).fill(`The agenda is agreed and signed ${stamp}.`);
		await submit(member, member.getByRole('button', { name: 'Save the changes' }));
		check((await h1(member)).startsWith('Space of the initiative'), `the h1 is "${await h1(member)}"`);
		const first = await text(member.getByRole('main').locator('article.update').first());
		check(first.includes(`The agenda is agreed and signed ${stamp}.`), `first update: ${first}`);
		check(await member.getByRole('main').locator('article.update', { hasText: 'Welcome to the initiative' })
		    .getByRole('link', { name: 'Change the update' }).count() === 0,
		    'the member is offered to change the update staff posted');

		step('withdraw it');
		await submit(member, member.getByRole('main').locator('article.update').first()
		    .getByRole('button', { name: 'Withdraw the update' }));
		check(!(await mainText(member)).includes(stamp), 'the withdrawn update is still listed');
	});

	await test('staff make an initiative through the form, fixing a mistake', async (step) => {
		step('sign in and open the form');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/initiatives/new');
		await staff.getByRole('textbox', { name: 'Title (required)' }).fill(`Pilot in Ghana ${stamp}`);
		await staff.getByRole('textbox', { name: 'Summary (Markdown)' }).fill('Government and *civil society*.');
		await staff.getByRole('combobox', { name: 'Status' }).selectOption('active');

		step('send it without a country');
		await submit(staff, staff.getByRole('button', { name: 'Save the initiative' }));
		check(await staff.locator('#e-country').count() === 1, 'no message by the country');
		check(await staff.getByRole('textbox', { name: 'Title (required)' }).inputValue() === `Pilot in Ghana ${stamp}`,
		    'the title typed was lost');
		await shot(staff, 'staff-initiative-form');

		step('choose it and save');
		await staff.getByRole('combobox', { name: 'Country (required)' }).selectOption('GH');
		await submit(staff, staff.getByRole('button', { name: 'Save the initiative' }));
		check(await h1(staff) === `Pilot in Ghana ${stamp}`, `the h1 is "${await h1(staff)}"`);
		const t = await mainText(staff);
		check(t.includes('Ghana') && t.includes('Active'), `not as typed: ${t.slice(0, 300)}`);
		check(await staff.getByRole('link', { name: 'Edit the initiative' }).count() === 1, 'no way back to the form');
	});

	await test('staff withdraw a published output: a draft again, hidden from visitors', async (step) => {
		step('open the active initiative');
		await visit(staff, '/initiatives?status=active');
		await submit(staff, staff.getByRole('main').getByRole('link', { name: ACTIVE }));
		const out = staff.getByRole('main').locator('article.output', { hasText: 'What the first six months taught us' });
		check(await out.count() === 1, 'the published output is not shown');
		await shot(staff, 'initiative-outputs-staff');

		step('withdraw it');
		await submit(staff, out.getByRole('button', { name: /Withdraw \(unpublish/ }));
		const again = staff.getByRole('main').locator('article.output', { hasText: 'What the first six months taught us' });
		check((await text(again)).includes('draft'), 'the withdrawn output is not a draft');

		step('a visitor no longer sees it');
		await visit(visitor, '/initiatives?status=active');
		await submit(visitor, visitor.getByRole('main').getByRole('link', { name: ACTIVE }));
		check(!(await mainText(visitor)).includes('What the first six months taught us'),
		    'a visitor still sees the withdrawn output');
	});
}

run('initiatives.js', main, 60000);
