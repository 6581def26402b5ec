'use strict';
/*
 * account_courses.js -- the browser half of account_courses.t: a person's
 * own courses on /account (issue 18), with JavaScript off, on a server
 * seeded with `whatson seed --demo` (the demo member is half-way through
 * the course "Stakeholder engagement in the Review Mechanism": 3 of its 7
 * lessons read).
 *
 *   1. the demo member opens /account: "Your courses" lists the course,
 *      its cohort and the share of the lessons read, and links to their
 *      progress, which they follow;
 *   2. staff, enrolled in no course, have no such list on theirs.
 *
 * Every page visited is checked by axe-core at the end (lib.js), at desktop
 * and phone widths.  Screenshot: out/account-courses.png.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const COURSE = 'Stakeholder engagement in the Review Mechanism';

async function main() {
	const browser = await launch();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();

	await test('the member finds their course on their account page', async (step) => {
		step('sign in and open /account');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/account');
		const list = member.getByRole('region', { name: 'Your courses' });
		check(await list.count() === 1, 'no "Your courses" section');
		const t = await text(list);
		check(t.includes(COURSE), `the course is not listed: ${t.slice(0, 300)}`);
		check(t.includes('First cohort'), `the cohort is not named: ${t.slice(0, 300)}`);
		check(t.includes('Lessons read: 42 %'), `no share of the lessons read: ${t.slice(0, 300)}`);
		await shot(member, 'account-courses');

		step('follow the link to their progress');
		await submit(member, list.getByRole('link', { name: 'Your progress' }));
		check(await h1(member) === 'Your progress', `the h1 is "${await h1(member)}"`);
		check((await text(member.getByRole('main'))).includes('3 / 7 lessons read'),
		    'not the progress of the course listed');
		check(new URL(member.url()).pathname.endsWith('/progress'), `at ${member.url()}`);
	});

	await test('staff, in no course, have no course list', async (step) => {
		step('sign in and open /account');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/account');
		check(await staff.getByRole('region', { name: 'Your courses' }).count() === 0,
		    'staff have a course list');
	});
}

run('account_courses.js', main, 60000);
