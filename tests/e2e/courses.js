'use strict';
/*
 * courses.js -- the browser half of courses.t: issue 18's course as its
 * people go through it with JavaScript off, on a server seeded with
 * `whatson seed --demo` (the course "Stakeholder engagement in the Review
 * Mechanism", three modules with lessons and quizzes, and a running cohort
 * in which the demo member has read the first module and passed its
 * quiz).
 *
 *   1. a visitor opens /courses and the course: its outline and cohort,
 *      and a link to sign in to enrol;
 *   2. the member opens their progress (the first module read, its quiz
 *      passed), goes on to the next lesson and pages to the next one;
 *   3. the member opens the second module's quiz (no answer is marked
 *      right before they answer), answers it with one mistake, and reads
 *      the feedback on each answer they chose;
 *   4. staff open the course's editor: modules in order with up and down
 *      buttons, the cohort and the form to add one.
 *
 * Every page visited is checked by axe-core at the end (lib.js), at desktop
 * and phone widths.  Screenshots: out/course-lesson.png
 * (docs/course-lesson.png), out/course-quiz.png (docs/course-quiz.png),
 * out/course-progress.png, out/staff-course.png.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const COURSE = 'Stakeholder engagement in the Review Mechanism';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const visitor = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();

	await test('a visitor reads the course\'s outline and its cohort', async (step) => {
		step('open /courses');
		await visit(visitor, '/courses');
		check(await h1(visitor) === 'Courses', `the h1 is "${await h1(visitor)}"`);
		step('open the course');
		await submit(visitor, visitor.getByRole('link', { name: COURSE }));
		check(await h1(visitor) === COURSE, `the h1 is "${await h1(visitor)}"`);
		const t = await mainText(visitor);
		check(t.includes('The Review Mechanism') && t.includes('How the Review Mechanism works'),
		    `no outline: ${t.slice(0, 500)}`);
		check(t.includes('First cohort') && t.includes('Enrolment is open'), 'no open cohort');
		check(await visitor.getByRole('link', { name: 'Sign in to enrol' }).count() === 1,
		    'no "Sign in to enrol" for a visitor');
		check(!t.includes('self-assessment questionnaires'), 'a lesson\'s text is in the outline');
	});

	await test('the member follows their progress and reads the next lesson', async (step) => {
		step('sign in and open the course');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/courses');
		await submit(member, member.getByRole('link', { name: COURSE }));
		check((await mainText(member)).includes('You are enrolled in this cohort.'),
		    'the member is not told they are enrolled');
		const course = new URL(member.url()).pathname;

		step('open their progress');
		await visit(member, `${course}/progress`);
		const p = await mainText(member);
		check(p.includes('3 / 7 lessons read'), `progress: ${p.slice(0, 300)}`);
		check(p.includes('1 passed'), 'the first quiz is not passed');
		await shot(member, 'course-progress');

		step('go on to the next lesson, then the one after');
		await submit(member, member.getByRole('main').locator('p.notice a').first());
		check(await h1(member) === 'How the Review Mechanism works', `the h1 is "${await h1(member)}"`);
		check((await mainText(member)).includes('self-assessment questionnaires'), 'the lesson\'s text is not shown');
		await submit(member, member.getByRole('link', { name: /^Next:/ }));
		check(await h1(member) === 'Constructive dialogues', `the h1 is "${await h1(member)}"`);
		check(await member.getByRole('link', { name: /^← Previous:/ }).count() === 1, 'no previous lesson');
		await shot(member, 'course-lesson');
	});

	await test('the member answers a quiz and reads the feedback', async (step) => {
		step('open the second module\'s quiz');
		await visit(member, '/courses');
		await submit(member, member.getByRole('link', { name: COURSE }));
		const course = new URL(member.url()).pathname;
		await visit(member, `${course}/progress`);
		await submit(member, member.getByRole('link', { name: 'The Review Mechanism: a quiz' }));
		check(await h1(member) === 'The Review Mechanism: a quiz', `the h1 is "${await h1(member)}"`);
		const html = await member.content();
		check(!html.includes('correct') && !html.includes('Right: a peer review.'),
		    'the page says which answer is right before an answer');

		step('answer with one mistake');
		await member.getByLabel('Two other States Parties').check();
		await member.getByLabel('Resolution 5/5').check();
		await submit(member, member.getByRole('button', { name: 'Submit my answers' }));
		const t = await mainText(member);
		check(t.includes('Your last attempt (1): 50 %'), `no result: ${t.slice(0, 400)}`);
		check(t.includes('Right: a peer review.'), 'no feedback on the right answer');
		check(t.includes('No: look again at the lesson on constructive dialogues.'), 'no feedback on the mistake');
		await shot(member, 'course-quiz');
	});

	await test('staff open the course\'s editor', async (step) => {
		step('sign in and open it');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/courses');
		await submit(staff, staff.getByRole('link', { name: COURSE }));
		check(await h1(staff) === COURSE, `the h1 is "${await h1(staff)}"`);
		check(await staff.getByRole('button', { name: 'Down The Convention and its Protocols' }).count() === 1,
		    'no "Down" button on the first module');
		check(await staff.getByRole('button', { name: 'Up The Convention and its Protocols' }).count() === 0,
		    'an "Up" button on the first module');
		check((await mainText(staff)).includes('First cohort'), 'the cohort is not listed');
		await shot(staff, 'staff-course');
	});
}

run('courses.js', main, 60000);
