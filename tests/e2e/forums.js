'use strict';
/*
 * forums.js -- the browser half of forums.t: the discussion forums
 * (migration 40) with JavaScript off, on a server seeded with `whatson
 * seed --demo` (two forums: "Exchanges between members", for every
 * approved person, and "Civil society room", for members and staff).
 *
 *   1. the demo member opens the forums and starts a thread: without a
 *      title it is refused, what they wrote kept; then it is started;
 *   2. an expert (another member) finds it, marked new, and replies;
 *   3. the member reads the reply on the thread's last page;
 *   4. the demo focal point sees the members' forum, not the other;
 *   5. staff make a forum (a refused form keeps what was typed).
 *
 * Every page visited is checked by axe-core at the end (lib.js), at desktop
 * and phone widths.  Screenshot: out/forums.png (docs/forums.png).
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const EXPERT = { email: 'expert1@example.org', password: 'demo-expert-pass-2026' };
const FOCAL = { email: 'focal@example.org', password: 'demo-focal-pass-2026' };
const FORUM = 'Exchanges between members';
const TITLE = 'Monitoring procurement in our municipality';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const member = await (await newContext(browser)).newPage();
	const expert = await (await newContext(browser)).newPage();
	const focal = await (await newContext(browser)).newPage();
	let threadPath = '';

	await test('the member starts a thread', async (step) => {
		step('sign in and open the forums');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/forums');
		check(await h1(member) === 'Forums', `the h1 is "${await h1(member)}"`);
		const list = await mainText(member);
		check(list.includes(FORUM) && list.includes('Civil society room'), `forums: ${list.slice(0, 400)}`);
		await submit(member, member.getByRole('link', { name: FORUM }));
		check(await h1(member) === FORUM, `the h1 is "${await h1(member)}"`);

		step('without a title: refused, the text kept');
		await member.getByLabel('Your post').fill('Who has tried **open contracting** data with a city council?');
		await submit(member, member.getByRole('button', { name: 'Start the thread' }));
		check((await mainText(member)).includes('Give your thread a title.'), 'no message next to the title');
		check((await member.getByLabel('Your post').inputValue()).includes('open contracting'),
		    'what was typed is lost');

		step('with a title');
		await member.getByLabel('Title').fill(TITLE);
		await submit(member, member.getByRole('button', { name: 'Start the thread' }));
		check(await h1(member) === TITLE, `the h1 is "${await h1(member)}"`);
		threadPath = new URL(member.url()).pathname;
		check((await member.content()).includes('<strong>open contracting</strong>'),
		    'the Markdown is not rendered');
	});

	await test('another member finds it and replies', async (step) => {
		step('sign in and open the forum');
		await signIn(expert, EXPERT.email, EXPERT.password);
		await visit(expert, '/forums');
		await submit(expert, expert.getByRole('link', { name: FORUM }));
		const row = expert.locator('li', { hasText: TITLE });
		check((await text(row)).includes('New posts'), 'the thread is not marked new');
		await submit(expert, expert.getByRole('link', { name: TITLE }));
		check(await h1(expert) === TITLE, `the h1 is "${await h1(expert)}"`);

		step('an empty reply is refused');
		await submit(expert, expert.getByRole('button', { name: 'Post the reply' }));
		check((await mainText(expert)).includes('Write your reply.'), 'no message next to the reply');

		step('the reply');
		await visit(expert, `${threadPath}?page=1`);
		await expert.getByLabel('Your reply').fill('Yes: we compared **tender notices** with payments for two years.');
		await submit(expert, expert.getByRole('button', { name: 'Post the reply' }));
		const t = await mainText(expert);
		check(t.includes('we compared tender notices'), `the reply is not shown: ${t.slice(0, 400)}`);
		await shot(expert, 'forums');
	});

	await test('the member reads the reply', async (step) => {
		step('open the thread');
		await visit(member, threadPath);
		const t = await mainText(member);
		check(t.includes('we compared tender notices') && t.includes('Amina Wanjiru'),
		    `the reply or its author is not shown: ${t.slice(0, 500)}`);
	});

	await test('a focal point sees the members\' forum only', async (step) => {
		step('sign in and open the forums');
		await signIn(focal, FOCAL.email, FOCAL.password);
		await visit(focal, '/forums');
		const list = await mainText(focal);
		check(list.includes(FORUM) && !list.includes('Civil society room'), `forums: ${list.slice(0, 400)}`);
	});

	await test('staff make a forum: a refused form keeps what was typed', async (step) => {
		const staff = await (await newContext(browser)).newPage();

		step('sign in and open the forums');
		await signIn(staff, 'staff@example.org', 'demo-staff-pass-2026');
		await visit(staff, '/forums');
		await staff.getByLabel('Description').fill('For what members learn at the sessions.');
		await submit(staff, staff.getByRole('button', { name: 'Create the forum' }));
		check((await mainText(staff)).includes('Give a title of at most 200 characters.'),
		    'no message next to the title');
		check(await staff.getByLabel('Description').inputValue() === 'For what members learn at the sessions.',
		    'the description typed is lost');

		step('with a title');
		await staff.getByLabel('Title').fill('After the sessions');
		await submit(staff, staff.getByRole('button', { name: 'Create the forum' }));
		check(await h1(staff) === 'After the sessions', `the h1 is "${await h1(staff)}"`);
		check(await staff.getByRole('button', { name: 'Archive this forum' }).count() === 1,
		    'staff are not offered to archive it');
	});
}

run('forums.js', main, 60000);
