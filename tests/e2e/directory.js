'use strict';
/*
 * directory.js -- the browser half of directory.t: a member looks for
 * partners in the directory with JavaScript off, on a server seeded with
 * `whatson seed --demo` (48 organizations).  The whole state is in the URL,
 * so a plain form and links do everything; the back button goes back.
 *
 * Prints TAP lines; see lib.js for the environment.
 */
const {
	BASE, check, test, launch, newContext, shot, visit, text, h1, submit, sideways, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };

function main_(page) {
	return page.getByRole('main');
}

/* The number of organizations the results line announces. */
async function total(page) {
	const line = await text(main_(page).locator('.results > p').first());
	const m = line.match(/^(\d+) /);
	check(m, `no total in "${line}"`);
	return Number(m[1]);
}

/* The count shown next to a filter's checkbox. */
async function countOf(page, param, value) {
	const label = main_(page).locator(`label:has(input[name="${param}"][value="${value}"])`);
	check(await label.count() === 1, `no ${param}=${value} checkbox`);
	return Number(await text(label.locator('.count')));
}

function query(page) {
	return new URL(page.url()).searchParams;
}

async function main() {
	const b = await launch();
	const ctx = await newContext(b);
	const p = await ctx.newPage();
	const sctx = await newContext(b);
	const s = await sctx.newPage();

	await test('a member searches, filters by region, sorts and pages; the URL holds it all', async (step) => {
		await signIn(p, MEMBER.email, MEMBER.password);
		step('open the directory');
		await visit(p, '/organizations');
		check(await h1(p) === 'Organizations', `h1 is "${await h1(p)}"`);
		const all = await total(p);
		check(all > 0, 'no organizations listed');

		step('choose a region: its count is what the list then shows');
		const africa = await countOf(p, 'region', '002');
		check(africa > 0 && africa < all, `Africa counts ${africa} of ${all}`);
		await main_(p).locator('input[name="region"][value="002"]').check();
		await submit(p, main_(p).getByRole('button', { name: 'Filter' }).first());
		check(query(p).getAll('region').join() === '002', `the URL is ${p.url()}`);
		check(await total(p) === africa, `Africa lists ${await total(p)}, its count said ${africa}`);
		check(await countOf(p, 'region', '150') > 0, 'other regions keep their counts under the region filter');

		step('search within it: the words are marked');
		await main_(p).getByLabel('Search').fill('corruption');
		await submit(p, main_(p).getByRole('button', { name: 'Filter' }).first());
		check(query(p).get('q') === 'corruption' && query(p).get('region') === '002', `the URL is ${p.url()}`);
		const found = await total(p);
		check(found > 0 && found <= africa, `${found} found`);
		check(await main_(p).locator('.orgs li').count() === Math.min(found, 50), 'not one item per result');
		check(await main_(p).getByLabel('Search').inputValue() === 'corruption', 'the search box lost the words');
		check(await main_(p).locator('select[name="sort"]').inputValue() === '', 'not sorted by best match');
		await shot(p, 'directory-search');

		step('a value with no results is shown, disabled');
		const disabled = main_(p).locator('input[type="checkbox"][disabled]');
		check(await disabled.count() > 0, 'no disabled filter value');

		step('sort by name');
		await main_(p).locator('select[name="sort"]').selectOption('name');
		await submit(p, main_(p).getByRole('button', { name: 'Filter' }).first());
		const names = await main_(p).locator('.orgs li > a').allInnerTexts();
		const sorted = [...names].sort((x, y) => x.toLowerCase() < y.toLowerCase() ? -1 : 1);
		check(names.join('|') === sorted.join('|'), `not by name: ${names.slice(0, 5).join(', ')}`);

		step('the back button returns to the previous results');
		await p.goBack();
		check(query(p).get('sort') !== 'name' && query(p).get('q') === 'corruption', `back at ${p.url()}`);

		step('pages keep the filters');
		await visit(p, '/organizations?per_page=10&region=002');
		const next = main_(p).getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' });
		check(await next.count() === 1, 'no Next link');
		await submit(p, next);
		check(query(p).get('page') === '2' && query(p).get('region') === '002' && query(p).get('per_page') === '10',
		    `Next led to ${p.url()}`);
		await shot(p, 'directory');

		step('phone width');
		await p.setViewportSize({ width: 375, height: 800 });
		await visit(p, '/organizations?q=corruption&region=002');
		const side = await sideways(p);
		check(side === '', `the directory scrolls sideways at 375 px: ${side}`);
		await shot(p, 'directory-phone');
		await p.setViewportSize({ width: 1280, height: 800 });
	});

	await test('a bad filter is explained, not a blank page', async (step) => {
		step('an unknown country code');
		await visit(p, '/organizations?country=ZZ', 422);
		check((await text(main_(p))).includes('Unknown country: ZZ'), `the page says "${await text(main_(p))}"`);
	});

	await test('staff filter on status and download the selection as CSV', async (step) => {
		await signIn(s, STAFF.email, STAFF.password);
		await visit(s, '/organizations?q=corruption');
		step('the status filter is there for staff');
		check(await main_(s).locator('input[name="status"]').count() > 0, 'no status filter for staff');
		step('the CSV link carries the search');
		const href = await main_(s).getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
		check(/^\/staff\/organizations\.csv\?q=corruption/.test(href), `the CSV link is ${href}`);
		const r = await s.request.get(BASE + href);
		check(r.status() === 200 && /^text\/csv/.test(r.headers()['content-type']), `CSV answered ${r.status()}`);
		const rows = (await r.text()).trim().split('\n').length - 1;
		check(rows === await total(s), `the CSV has ${rows} rows, the page says ${await total(s)}`);
	});

	await test('no console errors in any browser context', async () => {
		const errs = ctx.consoleErrors.concat(sctx.consoleErrors);
		check(errs.length === 0, `console errors:\n${errs.join('\n')}`);
	});
}

run('directory.js', main, 90000);
