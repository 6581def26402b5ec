'use strict';
/*
 * courses_tutors.js -- the browser half of courses_tutors.t: the tutors'
 * side of issue 18's cohort with JavaScript off, on a server seeded with
 * `whatson seed --demo` (the course "Stakeholder engagement in the Review
 * Mechanism" and its running "First cohort", tutored by the demo staff,
 * whose participants stand at different stages and have one message from
 * their tutor).
 *
 *   1. the member opens their progress from the course's page: lessons
 *      read, quizzes passed, and the tutor's message under "Messages from
 *      your tutors";
 *   2. the tutor opens the cohort's table from the course's staff page:
 *      one row a participant, who is behind and who finished; filters it
 *      to those behind (a form, no script) and sorts it by lessons read (a
 *      link), and opens its CSV;
 *   3. the tutor sends a message to one chosen participant, after the form
 *      refused it with nobody chosen (what was typed kept); the member
 *      reads it by mail and on their progress page.
 *
 * Every page visited is checked by axe-core at the end (lib.js), at desktop
 * and phone widths.  Screenshots: out/course-tutor-table.png
 * (docs/course-tutor-table.png) and out/course-progress-messages.png
 * (docs/course-progress.png).
 */
const {
	BASE, check, test, launch, newContext, shot, visit, text, h1, submit, signIn, waitForMail,
	run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const COURSE = 'Stakeholder engagement in the Review Mechanism';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	let course = '';

	await test('the member reads their progress and their tutor\'s message', async (step) => {
		step('sign in and open the course\'s progress');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/courses');
		await submit(member, member.getByRole('link', { name: COURSE }));
		course = new URL(member.url()).pathname;
		await submit(member, member.getByRole('link', { name: 'Your progress and the messages from your tutors' }));
		check(new URL(member.url()).pathname === `${course}/progress`, `at ${member.url()}`);
		const p = await mainText(member);
		check(p.includes('3 / 7 lessons read'), `progress: ${p.slice(0, 300)}`);
		check(p.includes('Messages from your tutors'), 'no "Messages from your tutors"');
		check(p.includes('Welcome to the first cohort') && p.includes('Sam Staff'),
		    `no message from the tutor: ${p.slice(-600)}`);
		await shot(member, 'course-progress-messages');
	});

	await test('the tutor reads the cohort\'s table, filtered and sorted', async (step) => {
		step('sign in and open the table from the course\'s staff page');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/courses');
		await submit(staff, staff.getByRole('link', { name: COURSE }));
		await submit(staff, staff.getByRole('link', { name: 'The tutors\' table (First cohort)' }));
		check(await h1(staff) === 'Tutors\' table: First cohort', `the h1 is "${await h1(staff)}"`);
		const rows = staff.getByRole('main').locator('tbody tr');
		const n = await rows.count();
		check(n >= 2, `${n} rows`);
		const t = await mainText(staff);
		check(t.includes('Mia Member') && t.includes('3 / 7'), 'the member\'s row is missing');
		check(t.includes('Finished') && t.includes('Behind'), 'no one finished or behind');
		await shot(staff, 'course-tutor-table');

		step('show those behind (a form without script)');
		await staff.getByLabel('Show', { exact: true }).selectOption('behind');
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Show', exact: true }));
		check(new URL(staff.url()).searchParams.get('filter') === 'behind', `at ${staff.url()}`);
		const behind = await text(staff.getByRole('main').locator('tbody'));
		check(behind.includes('Behind') && !behind.includes('Finished'),
		    `those behind: ${behind.slice(0, 300)}`);

		step('sort by lessons read, most first');
		await submit(staff, staff.getByRole('link', { name: 'Lessons read' }));
		await submit(staff, staff.getByRole('link', { name: 'Lessons read' }));
		check(new URL(staff.url()).searchParams.get('dir') === 'desc', `at ${staff.url()}`);
		check(await staff.locator('th[aria-sort="descending"]').count() === 1, 'no descending column');

		step('the CSV');
		const csv = await staff.request.get(BASE + new URL(await staff.getByRole('link',
		    { name: 'The table as CSV' }).getAttribute('href'), BASE).pathname);
		check(csv.status() === 200, `the CSV answered ${csv.status()}`);
		check((await csv.text()).startsWith('name,organization,country,region,lessons_read'),
		    'the CSV has no header row');
	});

	await test('the tutor writes to a participant', async (step) => {
		step('open the whole table; send it to nobody chosen');
		await visit(staff, new URL(staff.url()).pathname);
		const body = staff.getByRole('textbox', { name: 'Message (required)' });
		await staff.getByLabel('Subject').fill('Your next module');
		await body.fill('Your second module waits: start with its first lesson.');
		await submit(staff, staff.getByRole('button', { name: 'Send the message' }));
		const e = await mainText(staff);
		check(e.includes('Choose participants of this cohort.'), 'no error without anyone chosen');
		check(await body.inputValue() === 'Your second module waits: start with its first lesson.',
		    'the body typed is lost');
		check(await staff.getByLabel('Subject').inputValue() === 'Your next module',
		    'the subject typed is lost');

		step('choose the member and send it');
		await staff.getByRole('checkbox', { name: 'Mia Member' }).check();
		await submit(staff, staff.getByRole('button', { name: 'Send the message' }));
		check((await mainText(staff)).includes('Your message was sent to 1 participants.'),
		    'no notice that it was sent');

		step('the member gets it by mail and on their progress page');
		const mail = await waitForMail(MEMBER.email, { subject: /Your next module/ });
		check(mail.body.includes('Your second module waits'), `the mail: ${mail.body}`);
		await visit(member, `${course}/progress`);
		check((await mainText(member)).includes('Your next module'), 'not on their progress page');
	});
}

run('courses_tutors.js', main, 60000);
