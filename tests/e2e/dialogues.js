'use strict';
/*
 * dialogues.js -- the browser half of dialogues.t: issue 17's constructive
 * dialogues as people go through them with JavaScript off, on a server
 * seeded with `whatson seed --demo` (two dialogues after the demo session
 * of the Working Group on Firearms, the first with its summary out).
 *
 *   1. a visitor opens /dialogues and the first dialogue: its session, its
 *      events, its call, the countries under review, the summary and the
 *      input its author agreed to publish (not the other one);
 *   2. the member, an approved participant, reads the dialogue with its
 *      participants, sends an empty input (the message by the field) and
 *      then one: it is listed;
 *   3. staff open the participants: the balance by region, kind and gender
 *      and who is from a country under review;
 *   4. staff invite the demo focal point (Kenya) to the second dialogue
 *      (still ahead), who finds it on their country's view marked as an
 *      invitation; staff open a new dialogue's form, the countries in
 *      country review as boxes.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/dialogues.png, out/dialogue.png (docs/dialogue.png),
 * out/dialogue-input.png, out/staff-dialogue-participants.png,
 * out/staff-dialogue-invited.png, out/staff-dialogue-form.png.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const FOCAL = { email: 'focal@example.org', password: 'demo-focal-pass-2026' };
const FIRST = 'Constructive dialogue on firearms trafficking';
const SECOND = 'Constructive dialogue on the illicit manufacturing of firearms';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const visitor = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	let href = '';

	await test('a visitor reads a dialogue with its summary', async (step) => {
		step('open /dialogues');
		await visit(visitor, '/dialogues');
		check(await h1(visitor) === 'Constructive dialogues', `the h1 is "${await h1(visitor)}"`);
		const all = await visitor.getByRole('main').locator('ul.orgs li > a').allInnerTexts();
		check(all.length >= 2, `only ${all.length} dialogues listed`);
		await shot(visitor, 'dialogues');

		step('open the first');
		await submit(visitor, visitor.getByRole('link', { name: FIRST }));
		href = new URL(visitor.url()).pathname;
		check(await h1(visitor) === FIRST, `the h1 is "${await h1(visitor)}"`);
		const t = await mainText(visitor);
		check(t.includes('The dialogue heard eleven stakeholders'), 'no summary');
		check(t.includes('Tracing requests from our region'), 'the published input is missing');
		check(!t.includes('Survivors ask to be heard'), 'an input not for publication is shown');
		check(t.includes('NG, BR, PH'), 'no countries under review');
		check(!t.includes('Approved participants'), 'a visitor sees the participants');
	});

	await test('the approved member reads the participants and writes an input', async (step) => {
		step('sign in and open the dialogue');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, href);
		const t = await mainText(member);
		check(t.includes('Approved participants'), 'no participants for a member');
		await shot(member, 'dialogue');

		step('send an empty input');
		await submit(member, member.getByRole('button', { name: 'Submit the input' }));
		check(await member.locator('#ie-body').count() === 1, 'no message by the input');
		await member.getByLabel('I agree that this input is published with the summary').check();
		await shot(member, 'dialogue-input');

		step('write it and send');
		await member.getByRole('textbox', { name: /Your written input/ }).fill(`Our input ${stamp}`);
		await submit(member, member.getByRole('button', { name: 'Submit the input' }));
		check((await mainText(member)).includes(`Our input ${stamp}`), 'the input is not listed');
	});

	await test('staff read the participants and their balance', async (step) => {
		step('sign in and open the participants');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, href);
		await submit(staff, staff.getByRole('link', { name: 'The participants' }));
		check((await h1(staff)).startsWith('Dialogue participants'), `the h1 is "${await h1(staff)}"`);
		const t = await mainText(staff);
		check(t.includes('Gender of the speaker'), 'no gender column');
		check(t.includes('Approved so far: 2'), `not two approved: ${t.slice(0, 400)}`);
		check(t.includes('woman') && t.includes('man'), 'no genders');
		await shot(staff, 'staff-dialogue-participants');
	});

	await test('staff invite Kenya\'s focal point, who finds it on their country\'s view', async (step) => {
		step('invite the demo focal point to the dialogue still ahead');
		await visit(staff, '/dialogues');
		await submit(staff, staff.getByRole('link', { name: SECOND }));
		await submit(staff, staff.getByRole('link', { name: 'The participants' }));
		const before = await mainText(staff);
		check(before.includes('No focal point invited yet.'), 'someone is invited already');
		await staff.getByLabel(/Invite a government's focal point/).selectOption({ label: 'Farid Focal (KE)' });
		await submit(staff, staff.getByRole('button', { name: 'Invite', exact: true }));
		const t = await mainText(staff);
		check(t.includes('Focal points invited') && t.includes('Farid Focal (KE), invited'), `not listed: ${t.slice(-400)}`);
		await shot(staff, 'staff-dialogue-invited');

		step('the focal point reads it among the open opportunities');
		const focal = await (await newContext(browser)).newPage();
		await signIn(focal, FOCAL.email, FOCAL.password);
		await visit(focal, '/country');
		const opps = focal.getByRole('region', { name: 'Open opportunities for the government' });
		const o = await text(opps);
		check(o.includes('your government is invited'), `no invitation: ${o}`);

		step('staff open a new dialogue\'s form: the countries in country review as boxes');
		await visit(staff, '/staff/dialogues/new');
		check(await staff.getByRole('group', { name: 'Countries under review' }).count() === 1, 'no group of countries');
		check(await staff.getByRole('checkbox', { name: /Kenya \(KE, / }).count() === 1, 'no box for Kenya');
		await shot(staff, 'staff-dialogue-form');
	});
}

run('dialogues.js', main, 60000);
