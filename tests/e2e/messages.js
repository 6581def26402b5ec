'use strict';
/*
 * messages.js -- the browser half of messages.t: private messages with
 * JavaScript off, on a server seeded with `whatson seed --demo` (the demo
 * member has written to the expert Amina Wanjiru, staff to the member).
 *
 *   1. the member opens an expert's page in the directory (Lucas
 *      Ferreira) and follows "Send a message"; an empty message comes back
 *      with the error next to the field; the message is sent and shown in
 *      the conversation;
 *   2. the expert is mailed (who wrote and a link, not the text), signs
 *      in, sees the unread count in the header, opens /messages and the
 *      conversation, and replies;
 *   3. the member reads the reply (the conversation's page, a screenshot);
 *      the expert blocks the member from the conversation's page and
 *      unblocks them; the member reports the conversation, and staff find
 *      it at /staff/messages and close the report.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshot: out/messages.png (docs/messages.png).
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run, waitForMail,
	linkIn,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const EXPERT = { email: 'expert2@example.org', password: 'demo-expert-pass-2026', name: 'Lucas Ferreira' };

async function mainText(page) {
	return text(page.getByRole('main'));
}

function button(page, name) {
	return page.getByRole('main').getByRole('button', { name, exact: true });
}

async function main() {
	const browser = await launch();
	const member = await (await newContext(browser)).newPage();
	const expert = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	const stamp = Date.now().toString(36);
	const words = `Could we compare notes on procurement fraud in Brazil? (${stamp})`;
	const answer = `Yes, gladly: Tuesday at 15:00 suits me. (${stamp})`;
	let thread = '';

	await test('a member writes to an expert from the directory', async (step) => {
		step('the expert\'s page offers "Send a message"');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/people');
		await submit(member, member.getByRole('main').getByRole('link', { name: EXPERT.name, exact: true }));
		const write = member.getByRole('main').getByRole('link', { name: 'Send a message', exact: true });
		check(await write.count() === 1, `no "Send a message" on ${member.url()}`);
		await submit(member, write);
		check((await h1(member)).includes(EXPERT.name), `the write form's h1 is "${await h1(member)}"`);

		step('an empty message comes back with the error next to the field');
		const r = await submit(member, button(member, 'Send'));
		check(r.status() === 422, `sending nothing answered ${r.status()}`);
		check(await member.locator('#e-body').count() === 1, 'no message next to the field');
		check(await member.getByRole('main').getByLabel('Your message').getAttribute('aria-invalid') === 'true',
		    'the field lacks aria-invalid');

		step('the message is sent and shown');
		await member.getByRole('main').getByLabel('Your message').fill(words);
		await submit(member, button(member, 'Send'));
		thread = new URL(member.url()).pathname;
		check(/^\/messages\/\d+$/.test(thread), `sending led to ${member.url()}`);
		check((await mainText(member)).includes(words), 'the message is not in the conversation');
	});

	await test('the expert is mailed, sees the unread count and replies', async (step) => {
		step('the mail says who wrote and links the conversation, not the text');
		const mail = await waitForMail(EXPERT.email, { subject: /You have a new message/ });
		check(mail.body.includes('Mia Member'), 'the mail does not say who wrote');
		check(!mail.body.includes(stamp), 'the mail holds the text');
		const link = linkIn(mail, /^\/messages\/\d+/);
		check(new URL(link).pathname === thread, `the mail links ${link}, not ${thread}`);

		step('the header shows the unread count');
		await signIn(expert, EXPERT.email, EXPERT.password);
		await visit(expert, '/');
		const nav = expert.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Messages/ });
		check(/1 unread/.test(await text(nav)), `the header says "${await text(nav)}"`);

		step('/messages lists the conversation; it opens, and the reply is sent');
		await submit(expert, nav);
		check(await h1(expert) === 'Messages', `h1 is "${await h1(expert)}"`);
		await submit(expert, expert.getByRole('main').getByRole('link', { name: 'Mia Member', exact: true }));
		check((await mainText(expert)).includes(words), 'the expert does not read the message');
		await expert.getByRole('main').getByLabel('Your reply').fill(answer);
		await submit(expert, button(expert, 'Send'));
		check((await mainText(expert)).includes(answer), 'the reply is not shown');
		await visit(expert, '/');
		check(!/unread/.test(await text(expert.getByRole('navigation', { name: 'Main' }))), 'still unread after reading');
	});

	await test('the member reads the reply; blocking and a report', async (step) => {
		step('the member reads the reply');
		await visit(member, thread);
		check((await mainText(member)).includes(answer), 'the member does not read the reply');
		await shot(member, 'messages');

		step('the expert blocks the member, then unblocks them');
		await visit(expert, thread);
		await submit(expert, button(expert, 'Block this person'));
		check(await button(expert, 'Unblock this person').count() === 1, 'no "Unblock" after blocking');
		await submit(expert, button(expert, 'Unblock this person'));
		check(await button(expert, 'Block this person').count() === 1, 'no "Block" after unblocking');

		step('the member reports the conversation; staff close the report');
		await member.getByRole('main').getByLabel('Report this conversation to staff: what is wrong?')
		    .fill(`Testing the report (${stamp})`);
		await submit(member, button(member, 'Report'));
		check((await mainText(member)).includes('staff will read this conversation'), 'no thanks after reporting');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/messages');
		check((await mainText(staff)).includes(`Testing the report (${stamp})`), 'the report is not in the queue');
		check((await mainText(staff)).includes(words), 'the queue lacks the conversation');
		await shot(staff, 'staff-messages');
		await submit(staff, button(staff, 'Close the report'));
		check(!(await mainText(staff)).includes(`Testing the report (${stamp})`), 'the closed report is still open');
	});

}

run('messages.js', main, 60000);
