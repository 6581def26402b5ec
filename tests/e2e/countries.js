'use strict';
/*
 * countries.js -- the browser half of countries.t: issue 17's review cycle
 * and country pages with JavaScript off, on a server seeded with `whatson
 * seed --demo` (a dozen countries' reviews, Kenya's at the country review
 * stage) and two Kenyan organizations.
 *
 *   1. staff open /staff/reviews, narrow it to one stage, open Kenya's
 *      form, make a mistake (Kenya reviewing itself: the message by the
 *      field, what they typed kept), then save;
 *   2. a member opens Kenya's page from an organization's profile: the
 *      review's stage and dates, the reviewing States, the stakeholders;
 *   3. the demo focal point (Kenya) follows the link on /account to their
 *      country's view: the stage, the stakeholders at the level governments
 *      see (no contact details), the open opportunities for the government
 *      (each with its date and link); Senegal's page is refused (403).
 *
 * Every page visited is checked by axe-core at the end (lib.js).
 * Screenshots: out/staff-reviews.png, out/country-page.png
 * (docs/country-page.png), out/focal-country-view.png
 * (docs/focal-country-view.png).
 */
const {
	check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026' };
const FOCAL = { email: 'focal@example.org', password: 'demo-focal-pass-2026' };

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const staff = await (await newContext(browser)).newPage();
	const member = await (await newContext(browser)).newPage();
	const focal = await (await newContext(browser)).newPage();

	await test('staff keep Kenya\'s review, fixing a mistake', async (step) => {
		step('sign in and open the review cycle');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/reviews');
		check(await h1(staff) === 'Review cycle', `the h1 is "${await h1(staff)}"`);
		const rows = await staff.getByRole('main').locator('tbody tr').count();
		check(rows >= 12, `only ${rows} reviews listed`);

		step('narrow it to the country review stage');
		await staff.getByRole('combobox', { name: 'Stage' }).selectOption('country_review');
		await submit(staff, staff.getByRole('button', { name: 'Filter' }));
		const t = await mainText(staff);
		check(t.includes('Kenya') && t.includes('4 countries under review'),
		    `the filter did not narrow: ${t.slice(0, 400)}`);
		check((await staff.getByRole('main').locator('tbody tr').allInnerTexts()).every((r) => r.includes('Country review')),
		    'a review of another stage is listed');
		await shot(staff, 'staff-reviews');

		step('open Kenya\'s form and make a mistake');
		await submit(staff, staff.getByRole('link', { name: 'Edit Kenya' }));
		check((await h1(staff)).includes('Kenya'), `the h1 is "${await h1(staff)}"`);
		await staff.getByLabel('First reviewing State').selectOption('KE');
		await staff.getByLabel('Review completed on').fill('2026-11-20');
		await submit(staff, staff.getByRole('button', { name: 'Save the review' }));
		check((await mainText(staff)).includes('A State does not review itself.'), 'no message by the field');
		check(await staff.getByLabel('Review completed on').inputValue() === '2026-11-20', 'the date typed is lost');

		step('fix it and save');
		await staff.getByLabel('First reviewing State').selectOption('GH');
		await staff.getByLabel('Review completed on').fill('');
		await submit(staff, staff.getByRole('button', { name: 'Save the review' }));
		check((await mainText(staff)).includes('The review is saved: Kenya.'), 'not saved');
	});

	await test('a member reads Kenya\'s page', async (step) => {
		step('sign in and open a Kenyan organization');
		await signIn(member, MEMBER.email, MEMBER.password);
		await visit(member, '/organizations?country=KE');
		await submit(member, member.getByRole('link', { name: /Mombasa Anti-Trafficking Network/ }).first());
		step('follow its country');
		await submit(member, member.getByRole('link', { name: 'Kenya' }));
		check(await h1(member) === 'Kenya', `the h1 is "${await h1(member)}"`);
		const t = await mainText(member);
		check(t.includes('Country review: 2026-04-14 (current stage)'), `no stage: ${t.slice(0, 500)}`);
		check(t.includes('Ghana and Peru'), 'no reviewing States');
		check(t.includes('Nairobi Centre for Justice Studies') && t.includes('Mombasa Anti-Trafficking Network'),
		    'the stakeholders are not listed');
		check(t.includes('contact@matn.example'), 'a member does not see the contact');
		await shot(member, 'country-page');
	});

	await test('the focal point opens their country\'s view and no other', async (step) => {
		step('sign in and follow the link on /account');
		await signIn(focal, FOCAL.email, FOCAL.password);
		await visit(focal, '/account');
		await submit(focal, focal.getByRole('link', { name: /Your country's view/ }));
		check(await h1(focal) === 'Kenya', `the h1 is "${await h1(focal)}"`);
		const t = await mainText(focal);
		check(t.includes('This is your country\'s view'), 'not said to be their view');
		check(t.includes('Country review'), 'no stage');
		check(t.includes('Mombasa Anti-Trafficking Network'), 'no stakeholders');
		check(!t.includes('contact@matn.example'), 'a focal point sees a nongovernmental field');
		check(t.includes('Open opportunities for the government'), 'no open opportunities');
		const opps = focal.getByRole('region', { name: 'Open opportunities for the government' });
		const items = await opps.locator('li').count();
		const none = (await text(opps)).includes('No dialogue or initiative meeting ahead');
		check(items > 0 || none, 'the opportunities say nothing');
		for (let i = 0; i < items; i++) {
			const li = opps.locator('li').nth(i);
			check(await li.locator('time').count() === 1, `opportunity ${i} has no date`);
			check(await li.locator('a').count() >= 1, `opportunity ${i} has no link`);
		}
		await shot(focal, 'focal-country-view');

		step('another country is refused');
		await visit(focal, '/countries/SN', 403);
	});
}

run('countries.js', main, 60000);
