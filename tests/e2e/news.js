'use strict';
/*
 * news.js -- the browser half of news.t, with JavaScript off, on a server
 * seeded with `whatson seed --demo` (its news: highlights, news, stories).
 *
 *   1. staff open /staff/news and write an item with the form: sent
 *      without a title it comes back with the message by the field and
 *      the summary kept; saved, it is a draft a visitor cannot open (404);
 *      staff publish it from its edit page;
 *   2. a visitor finds it at /news, filtered by kind, opens it and reads
 *      its Markdown as formatting; the home page shows the seeded
 *      highlight; the footer's Privacy link opens the privacy page.
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * docs/news.png is copied from out/news.png after a run.
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };

async function main() {
	const browser = await launch();
	const stamp = Date.now().toString(36);
	const title = `Partners meet in Nairobi ${stamp}`;
	const visitor = await (await newContext(browser)).newPage();
	const staff = await (await newContext(browser)).newPage();
	let itemPath = '';

	await test('staff write an item: a mistake comes back with the input kept', async () => {
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/news');
		check(await h1(staff) === 'News', 'the staff list is not "News"');
		await submit(staff, staff.getByRole('link', { name: 'New news item' }));
		await staff.locator('#n-summary').fill('Twelve organizations agreed on a plan.');
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Save' }));
		const main = await text(staff.getByRole('main'));
		check(main.includes('Some fields need your attention.'), 'no message at the top');
		check(await staff.locator('#e-title').count() === 1, 'no message by the title');
		check(await staff.locator('#n-summary').inputValue() ===
		    'Twelve organizations agreed on a plan.', 'the summary was lost');
		await staff.locator('#n-title').fill(title);
		await staff.locator('#n-kind').selectOption('news');
		await staff.locator('#n-body').fill('The partners **agreed** on three steps.\n\n- share\n- train\n- report');
		await staff.getByLabel('Corruption').check();
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Save' }));
		check(await h1(staff) === 'Edit the news item', `saved to "${await h1(staff)}"`);
		const preview = staff.getByRole('link', { name: 'Preview' });
		itemPath = new URL(await preview.getAttribute('href'), 'http://x').pathname;
		check(itemPath.startsWith('/news/partners-meet-in-nairobi'), `address ${itemPath}`);
	});

	await test('a draft is not found by a visitor; staff publish it', async () => {
		await visit(visitor, itemPath, 404);
		await submit(staff, staff.getByRole('main').getByRole('button', { name: 'Publish' }));
		check((await text(staff.getByRole('main'))).includes('Published'), 'not published');
		await shot(staff, 'staff-news-form');
	});

	await test('a visitor finds it in /news, filtered by kind, and reads it', async () => {
		await visit(visitor, '/news');
		await submit(visitor, visitor.getByRole('navigation', { name: 'Filters' })
		    .getByRole('link', { name: 'News', exact: true }));
		check(new URL(visitor.url()).search.includes('kind=news'), `filter ${visitor.url()}`);
		await shot(visitor, 'news');
		await submit(visitor, visitor.getByRole('link', { name: title }));
		check(await h1(visitor) === title, `the item page is "${await h1(visitor)}"`);
		check(await visitor.locator('main strong', { hasText: 'agreed' }).count() === 1,
		    'the Markdown is not formatted');
		await shot(visitor, 'news-item');
	});

	await test('the home page shows the highlight; the footer leads to the privacy page', async () => {
		await visit(visitor, '/');
		check((await text(visitor.getByRole('main'))).includes(
		    'Side events at the Conference of the Parties'), 'no highlight on the home page');
		await submit(visitor, visitor.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }));
		check(await h1(visitor) === 'Privacy', `the footer's link opens "${await h1(visitor)}"`);
	});
}

run('news', main);
