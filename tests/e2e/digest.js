'use strict';
/*
 * digest.js -- the browser half of digest.t, with JavaScript off, on a
 * server seeded with `whatson seed --demo` (which mails the demo member a
 * digest and records its run):
 *
 *   1. the member opens their account, follows its link to the weekly
 *      digest, finds it on (their role's default), sends the form without
 *      a choice (a message by the field) and turns it off, then on again;
 *   2. staff open /staff/digest, see the demo's run, run it now (the page
 *      says it is queued); the page is docs/digest.png;
 *   3. the link in the member's digest, opened without signing in, asks,
 *      and its button stops the digest: their settings say so.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * docs/digest.png is copied from out/digest.png after a run.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, waitForMail, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };

async function main() {
	const browser = await launch();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();

	await test('a member turns the digest off and on from their account', async () => {
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/account');
		await submit(member, member.getByRole('link', { name: 'Your weekly digest by mail' }));
		check(await h1(member) === 'Weekly digest', `the page is "${await h1(member)}"`);
		check(await member.getByLabel('Yes, once a week').isChecked(), 'not on by default');
		await member.evaluate(() => {	/* a form sent without a choice */
			for (const r of document.querySelectorAll('input[name=enabled]')) r.checked = false;
		});
		await submit(member, member.getByRole('main').getByRole('button', { name: 'Save' }));
		check((await text(member.getByRole('main'))).includes(
		    'Choose whether you want the weekly digest.'), 'no message by the choice');
		await member.getByLabel('No', { exact: true }).check();
		await submit(member, member.getByRole('main').getByRole('button', { name: 'Save' }));
		check((await text(member.getByRole('main'))).includes('Saved.'), 'not saved');
		check(await member.getByLabel('No', { exact: true }).isChecked(), 'not off');
		await shot(member, 'digest-settings');
		await member.getByLabel('Yes, once a week').check();
		await submit(member, member.getByRole('main').getByRole('button', { name: 'Save' }));
		check(await member.getByLabel('Yes, once a week').isChecked(), 'not on again');
	});

	await test('staff see the runs and run it now', async () => {
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/digest');
		check(await h1(staff) === 'Weekly digest', `the page is "${await h1(staff)}"`);
		check((await text(staff.getByRole('main'))).includes('1 mailed'), 'no demo run');
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Run it now' }));
		check((await text(staff.getByRole('main'))).includes(
		    'Queued: the digest runs in a moment.'), 'not queued');
		await shot(staff, 'digest');
	});

	await test('the link in the digest stops it, without signing in', async () => {
		const mail = await waitForMail(MEMBER.email, { subject: /^Your weekly digest$/ });
		/* seeded before the server ran, its links name seed's base URL: the path */
		const m = mail.body.match(/\/digest\/unsubscribe\?u=\d+&s=[0-9a-f]{64}/);
		check(m, `no unsubscribe link in the digest:\n${mail.body}`);
		const link = m[0];
		const visitor = await (await newContext(browser)).newPage();
		await visit(visitor, link);
		check(await h1(visitor) === 'Stop the weekly digest', `the page is "${await h1(visitor)}"`);
		await submit(visitor, visitor.getByRole('main').getByRole('button',
		    { name: 'Stop the weekly digest' }));
		check((await text(visitor.getByRole('main'))).includes(
		    'we no longer send you the weekly digest'), 'not stopped');
		await visit(member, '/account/digest');
		check(await member.getByLabel('No', { exact: true }).isChecked(), 'still on');
	});
}

run('digest', main);
