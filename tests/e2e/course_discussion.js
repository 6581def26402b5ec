'use strict';
/*
 * course_discussion.js -- the browser half of course_discussion.t: a
 * cohort's discussion of a shared task (issue 18), with JavaScript off, on
 * a server seeded with `whatson seed --demo` (the course's last module
 * asks for "A plan for engagement with your government"; the demo member
 * answered and their tutor replied; another participant's answer is
 * marked complete).
 *
 *   1. the member opens their progress: the task is next, not done yet;
 *      they open it: the instructions, their answer (waiting for a mark),
 *      the tutor's reply, the others' answers;
 *   2. the member replies to another participant's answer, and edits their
 *      own (the form keeps it);
 *   3. staff open the task: sending an answer back without a comment is
 *      refused, the choice and page kept; with one, it is sent back, and
 *      the member reads the comment;
 *   4. staff change the task on the module's page (a refused form keeps
 *      what was typed).
 *
 * Every page visited is checked by axe-core at the end (lib.js), at desktop
 * and phone widths.  Screenshot: out/course-discussion.png
 * (docs/course-discussion.png).
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const COURSE = 'Stakeholder engagement in the Review Mechanism';
const TASK = 'A plan for engagement with your government';

async function mainText(page) {
	return text(page.getByRole('main'));
}

/* The course's address, from the list of courses. */
async function coursePath(page) {
	await visit(page, '/courses');
	await submit(page, page.getByRole('link', { name: COURSE }));
	return new URL(page.url()).pathname;
}

async function main() {
	const browser = await launch();
	const member = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	let taskPath = '';

	await test('the member finds the task in their progress and reads the discussion', async (step) => {
		step('sign in and open their progress');
		await signIn(member, MEMBER.email, MEMBER.password);
		const course = await coursePath(member);
		check(await member.getByRole('link', { name: /^The cohort's discussion/ }).count() === 1,
		    'the course page does not lead to the cohort\'s discussion');
		await visit(member, `${course}/progress`);
		const p = await mainText(member);
		check(p.includes('Shared tasks') && p.includes('0 / 1 tasks done'), `progress: ${p.slice(0, 600)}`);
		check(p.includes("Posted: waiting for a tutor's mark."), 'the answer is not shown as posted');

		step('open the task');
		await submit(member, member.getByRole('link', { name: /^A plan for engagement/ }).first());
		check(await h1(member) === TASK, `the h1 is "${await h1(member)}"`);
		taskPath = new URL(member.url()).pathname;
		const t = await mainText(member);
		check(t.includes('whom you will contact'), 'no instructions');
		check(t.includes('Ministry of Justice'), 'not their answer');
		check(t.includes('A clear first step.'), 'not the tutor\'s reply');
		check(t.includes('Our plan: meet the focal point'), 'not the others\' answers');
		check(t.includes('Complete'), 'the marked answer is not marked');
		const html = await member.content();
		check(!html.includes('name="decision"'), 'a participant is offered the marking form');
	});

	await test('the member replies to another participant and edits their answer', async (step) => {
		step('reply to the answer about the focal point');
		const other = member.locator('article', { hasText: 'Our plan: meet the focal point' });
		await other.getByLabel('Your reply').fill('We met **ours** at a workshop: ask for a meeting by mail.');
		await submit(member, other.getByRole('button', { name: 'Reply' }));
		const t = await mainText(member);
		check(t.includes('We met ours at a workshop'), `the reply is not shown: ${t.slice(0, 400)}`);

		step('change their answer');
		await member.getByLabel('Change your answer').fill('We have written to the Ministry of Justice; '
		    + 'in May we offer our report on victims\' support, before the country visit.');
		await submit(member, member.getByRole('button', { name: 'Post my answer' }));
		check((await mainText(member)).includes('in May we offer our report'), 'the edit is not shown');
		await shot(member, 'course-discussion');
	});

	await test('staff send the member\'s answer back with a comment', async (step) => {
		step('sign in and open the task');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, taskPath);
		const mine = staff.locator('article', { hasText: 'in May we offer our report' });
		check(await mine.count() === 1, 'the member\'s answer is not listed');

		step('send it back without a comment: refused');
		await mine.getByLabel('Send it back').check();
		await submit(staff, mine.getByRole('button', { name: 'Save the mark' }));
		const again = staff.locator('article', { hasText: 'in May we offer our report' });
		check((await text(again)).includes('Say what to change before sending it back.'),
		    'no message next to the comment');

		step('with a comment');
		await again.getByLabel('Send it back').check();
		await again.getByLabel('Comment for its author').fill('Name the person you wrote to.');
		await submit(staff, again.getByRole('button', { name: 'Save the mark' }));
		check((await mainText(staff)).includes('Name the person you wrote to.'), 'the comment is not shown');

		step('the member reads it');
		await visit(member, taskPath);
		const t = await mainText(member);
		check(t.includes('Sent back: change it and post it again.') && t.includes('Name the person you wrote to.'),
		    `the member does not see it sent back: ${t.slice(0, 400)}`);

		step('the whole discussion');
		await submit(staff, staff.getByRole('link', { name: 'The whole discussion' }));
		check(await h1(staff) === 'Discussion', `the h1 is "${await h1(staff)}"`);
	});

	await test('staff change the task on the module\'s page', async (step) => {
		step('open the module');
		await visit(staff, '/staff/courses');
		await submit(staff, staff.getByRole('link', { name: COURSE }));
		await submit(staff, staff.getByRole('link', { name: 'Engaging with your government' }));
		check(await staff.getByLabel('Title of the task').inputValue() === TASK, 'the task is not in its form');

		step('a title too short: refused, the rest kept');
		await staff.getByLabel('Title of the task').fill('x');
		await staff.getByLabel('Instructions (Markdown)').fill('Kept: whom, when, with what.');
		await submit(staff, staff.getByRole('button', { name: 'Save the task' }));
		check(await staff.getByLabel('Instructions (Markdown)').inputValue() === 'Kept: whom, when, with what.',
		    'the instructions typed are lost');
		check(await staff.locator('#e-k-title').count() === 1, 'no message next to the title');

		step('saved');
		await staff.getByLabel('Title of the task').fill(TASK);
		await submit(staff, staff.getByRole('button', { name: 'Save the task' }));
		check(await staff.getByLabel('Instructions (Markdown)').inputValue() === 'Kept: whom, when, with what.',
		    'the instructions were not saved');
	});
}

run('course_discussion.js', main, 60000);
