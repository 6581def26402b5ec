'use strict';
/*
 * partners.js -- the browser half of partners.t: partner matching with
 * JavaScript off, on a server seeded with `whatson seed --demo` (the demo
 * member is an admin of organization 1; its request to Pedro Alves's
 * organization was accepted; Grace Okafor's organization asks it to
 * connect, waiting).
 *
 *   1. the member opens their organization's page and follows "Suggested
 *      partners": organizations ranked with their scores, none of them
 *      Pedro's (connected already) nor Grace's (a request between them);
 *   2. on "Partner requests" the pending request shows the asking
 *      organization and its note, and no person; the member accepts it;
 *      both contact persons are shown, with the conversation; Grace is
 *      mailed; the member writes in the conversation.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshot: out/partners.png (docs/partners.png).
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run, waitForMail,
} = require('./lib');

const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026', name: 'Mia Member' };
const GRACE = { email: 'partner2@example.org', name: 'Grace Okafor' };

async function mainText(page) {
	return text(page.getByRole('main'));
}

function button(page, name) {
	return page.getByRole('main').getByRole('button', { name, exact: true });
}

async function main() {
	const browser = await launch();
	const member = await (await newContext(browser)).newPage();
	const stamp = Date.now().toString(36);

	await test('an admin reads the suggestions for their organization', async (step) => {
		step('from the organization\'s page');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/organizations/1');
		const link = member.getByRole('main').getByRole('link', { name: 'Suggested partners', exact: true });
		check(await link.count() === 1, 'no "Suggested partners" on the organization\'s page');
		await submit(member, link);
		check(await h1(member) === 'Suggested partners', `h1 is "${await h1(member)}"`);
		const all = await mainText(member);
		check(/Score \d+/.test(all), `no score on the page: ${all.slice(0, 300)}`);
		check(await member.getByRole('main').getByRole('button', { name: 'Ask to connect' }).count() > 0,
		    'no "Ask to connect"');
	});

	await test('the admin accepts a pending request; contacts are shown and may write', async (step) => {
		step('the pending request shows the organization and its note, no person');
		await visit(member, '/partners/requests');
		check(await h1(member) === `Partner requests: ${await text(member.locator('h1')).then((t) => t.split(': ')[1])}`,
		    `h1 is "${await h1(member)}"`);
		let all = await mainText(member);
		check(all.includes('joint submission for the next review cycle'), 'the note is not shown');
		check(!all.includes(GRACE.name), 'the asking person is shown before accepting');

		step('accept, naming themself');
		await submit(member, button(member, 'Accept'));
		all = await mainText(member);
		check(all.includes('Your answer is saved'), `no notice after accepting: ${all.slice(0, 300)}`);
		check(all.includes(`${GRACE.name}`) && all.includes(MEMBER.name), 'the contact persons are not shown');
		await shot(member, 'partners');

		step('the asking side is mailed');
		await waitForMail(GRACE.email, { subject: /Your request to connect was accepted/ });

		step('the contacts\' conversation');
		const links = member.getByRole('main').getByRole('link', { name: 'Your conversation', exact: true });
		check(await links.count() >= 1, 'no link to the conversation');
		await submit(member, links.first());
		check(/^\/messages\/\d+$/.test(new URL(member.url()).pathname), `the link led to ${member.url()}`);
		await member.getByRole('main').getByLabel('Your reply').fill(`Welcome, glad to connect (${stamp}).`);
		await submit(member, button(member, 'Send'));
		check((await mainText(member)).includes(stamp), 'the message is not shown');
	});
}

run('partners.js', main, 60000);
