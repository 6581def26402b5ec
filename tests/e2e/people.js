'use strict';
/*
 * people.js -- the browser half of people.t: issue 11's pages as people go
 * through them with JavaScript off, on a server seeded with `whatson seed
 * --demo` (two approved experts, member@example.org the admin of
 * organization 1).
 *
 *   1. an expert applies signed out at /join?as=expert: a missing name comes
 *      back with everything typed kept; confirms by mail; staff approve;
 *   2. the expert signs in and chooses who sees each part of the profile;
 *   3. a member finds the expert at /people with the facets and a search;
 *      a visitor sees the profile without its members-only fields;
 *   4. the expert joins organization 1 and leaves it from /account, then
 *      deletes the account there (a wrong password first);
 *   5. staff open /staff/themes and the history of organization 1, which
 *      tells of the person who joined and left.
 *
 * Every page visited is checked by axe-core at the end (lib.js).  Prints
 * TAP lines; see lib.js for the environment.
 */
const {
	BASE, check, test, launch, newContext, shot, visit, text, h1, nav, submit, sideways, signIn,
	waitForMail, linkIn, run, confirmAddress,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026', name: 'Sam Staff' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026', name: 'Mia Member' };

/* ---- helpers ---------------------------------------------------------- */

/* A form control by its visible label, with or without "(required)". */
function field(page, label) {
	const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return page.getByRole('main').getByLabel(new RegExp(`^${esc}( \\(required\\))?$`));
}

function button(page, name) {
	return page.getByRole('main').getByRole('button', { name, exact: true });
}

function path(page) {
	return new URL(page.url()).pathname;
}

async function mainText(page) {
	return text(page.getByRole('main'));
}

/* The number of experts the results line of /people announces. */
async function total(page) {
	const line = await text(page.getByRole('main').locator('.results > p').first());
	const m = line.match(/^(\d+) /);
	check(m, `no total in "${line}"`);
	return Number(m[1]);
}

/* The count shown next to a facet's checkbox. */
async function countOf(page, param, value) {
	const label = page.getByRole('main').locator(`label:has(input[name="${param}"][value="${value}"])`);
	check(await label.count() === 1, `no ${param}=${value} checkbox on ${page.url()}`);
	return Number(await text(label.locator('.count')));
}

/* The names listed on /people. */
async function listed(page) {
	return page.getByRole('main').locator('.orgs li > a').allInnerTexts();
}

/* ---- the tests -------------------------------------------------------- */

async function main() {
	const browser = await launch();
	const contexts = [];
	const context = async (opts) => {
		const c = await newContext(browser, opts);
		contexts.push(c);
		return c;
	};
	const stamp = Date.now().toString(36);
	const expertPage = await (await context()).newPage();
	const staff = await (await context()).newPage();
	const member = await (await context()).newPage();
	const visitor = await (await context()).newPage();

	const ex = {
		name: `Kofi Mensah-Owusu ${stamp}`,
		title: 'Associate Professor of Law',
		profession: 'academic',
		affiliation: `Accra Institute of Criminal Justice ${stamp}`,
		country: 'GH',
		countries: ['TG', 'BJ'],
		theme: { value: 'cybercrime', label: 'Cybercrime' },
		languages: ['fr', 'en'],
		biography: `Studies **ransomware** brokers in West Africa and advises courts on digital evidence (ref. ${stamp}).`,
		word: `digital evidence (ref. ${stamp})`,
		website: 'https://orcid.org/0000-0002-1825-0097',
		email: `kofi.${stamp}@law.example.net`,
		phone: '+233 30 000 0199',
		password: 'granite willow harbour tulip',
	};
	let profile = '';	/* /people/{id} of the expert */

	await test('an expert applies signed out; a missing name comes back with the input kept', async (step) => {
		const p = expertPage;

		step('from /join, choose the expert path');
		await visit(p, '/join');
		const link = p.getByRole('main').getByRole('navigation', { name: 'Apply as' })
		    .getByRole('link', { name: 'As an individual expert' });
		check(await link.isVisible(), 'no "As an individual expert" choice on /join');
		await submit(p, link);
		check(p.url() === `${BASE}/join?as=expert`, `the choice led to ${p.url()}`);
		check(await h1(p) === 'Join', `h1 is "${await h1(p)}"`);
		check(await field(p, 'Name of the organization').count() === 0, 'the expert form asks for an organization');
		check(await field(p, 'Password').isVisible(), 'a signed-out expert is not offered an account');

		step('fill it in without a name');
		await field(p, 'Title or position').fill(ex.title);
		await field(p, 'Profession').selectOption(ex.profession);
		await field(p, 'Affiliation').fill(ex.affiliation);
		await field(p, 'Country').selectOption(ex.country);
		await field(p, 'Countries you work on').selectOption(ex.countries);
		await p.getByRole('main').getByRole('checkbox', { name: ex.theme.label, exact: true }).check();
		await field(p, 'Working languages').selectOption(ex.languages);
		await field(p, 'Short biography').fill(ex.biography);
		await field(p, 'Website or ORCID iD').fill(ex.website);
		await field(p, 'Email').fill(ex.email);
		await field(p, 'Phone').fill(ex.phone);
		await field(p, 'Password').fill(ex.password);
		await p.getByRole('main').getByLabel('I accept the terms of use and the privacy notice.').check();
		await shot(p, 'join-expert');

		step('send: 422, the name is named');
		const r = await submit(p, button(p, 'Send the application'));
		check(r.status() === 422, `POST /join answered ${r.status()}, expected 422`);
		check(await p.getByRole('alert').isVisible(), 'no alert summarising the errors');
		const err = p.locator('main .field', { has: p.locator('#f-name') }).locator('.error');
		check(await err.count() === 1, 'no message next to the name');
		check(await field(p, 'Your name').getAttribute('aria-invalid') === 'true', 'the name lacks aria-invalid');
		const others = await p.locator('main .error').allInnerTexts();
		check(others.length === 1, `more errors than the name's: ${others.join(' | ')}`);
		await shot(p, 'join-expert-errors');

		step('what was typed is kept');
		const kept = {
			title: await field(p, 'Title or position').inputValue(),
			affiliation: await field(p, 'Affiliation').inputValue(),
			country: await field(p, 'Country').inputValue(),
			biography: await field(p, 'Short biography').inputValue(),
			email: await field(p, 'Email').inputValue(),
			website: await field(p, 'Website or ORCID iD').inputValue(),
			countries: (await field(p, 'Countries you work on').locator('option:checked')
			    .evaluateAll((els) => els.map((e) => e.value))).sort().join(','),
			languages: (await field(p, 'Working languages').locator('option:checked')
			    .evaluateAll((els) => els.map((e) => e.value))).sort().join(','),
			theme: await p.getByRole('main').getByRole('checkbox', { name: ex.theme.label, exact: true }).isChecked(),
			consent: await p.getByRole('main').getByLabel('I accept the terms of use and the privacy notice.').isChecked(),
		};
		const want = { title: ex.title, affiliation: ex.affiliation, country: ex.country, biography: ex.biography,
		    email: ex.email, website: ex.website, countries: [...ex.countries].sort().join(','),
		    languages: [...ex.languages].sort().join(','), theme: true, consent: true };
		for (const k of Object.keys(want))
			check(kept[k] === want[k], `${k} came back as "${kept[k]}", typed "${want[k]}"`);
		check(await field(p, 'Password').inputValue() === '', 'the password was sent back into the page');

		step('add the name and send again');
		await field(p, 'Your name').fill(ex.name);
		await field(p, 'Password').fill(ex.password);
		const r2 = await submit(p, button(p, 'Send the application'));
		check(r2.status() === 200 && await h1(p) === 'Application received',
		    `sending again: ${r2.status()} "${await h1(p)}": ${(await mainText(p)).slice(0, 300)}`);

		step('confirm the address from the mail');
		const mail = await waitForMail(ex.email, { subject: /Confirm your application/ });
		await confirmAddress(p, linkIn(mail, /^\/verify\?token=/), ex.password);
		check(await h1(p) === 'Your email address is confirmed', `after the link the h1 is "${await h1(p)}"`);
	});

	await test('staff approve the expert from the queue; the expert is welcomed by mail', async (step) => {
		step('staff sign in and open the queue');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/applications');
		const a = staff.getByRole('main').getByRole('link', { name: ex.name, exact: true });
		check(await a.count() === 1, `"${ex.name}" is not in the queue: ${(await mainText(staff)).slice(0, 400)}`);
		await submit(staff, a);
		const all = await mainText(staff);
		const missing = [ex.name, ex.title, ex.affiliation, 'Ghana', ex.email, 'Cybercrime']
		    .filter((w) => !all.includes(w));
		check(missing.length === 0, `the staff page lacks: ${missing.join(' | ')}`);
		await shot(staff, 'staff-application-expert');

		step('approve');
		await submit(staff, button(staff, 'Approve'));
		check(/Status: Approved/.test(await mainText(staff)), `after approving: "${(await mainText(staff)).slice(0, 300)}"`);

		step('the mail links the profile');
		const welcome = await waitForMail(ex.email, { subject: /^Welcome/ });
		profile = new URL(linkIn(welcome, /^\/people\/\d+/)).pathname;
		check(/^\/people\/\d+$/.test(profile), `the welcome mail links ${profile}`);
	});

	await test('the expert signs in and chooses who sees each part of the profile', async (step) => {
		const p = expertPage;
		check(profile, 'no profile: the expert was not approved');

		step('sign in; the account says Member');
		await signIn(p, ex.email, ex.password);
		check(path(p) === '/', `signed in, landed on ${p.url()}`);
		await visit(p, '/account');
		check((await mainText(p)).includes('Member'), `the account page does not show the role: ${(await mainText(p)).slice(0, 300)}`);
		check(await nav(p).getByRole('link', { name: 'Join' }).count() === 0, 'an expert is still offered "Join"');

		step('the profile, and its edit link');
		await visit(p, profile);
		check(await h1(p) === ex.name, `h1 is "${await h1(p)}"`);
		const edit = p.getByRole('main').getByRole('link', { name: 'Edit the profile and who sees it' });
		check(await edit.isVisible(), 'the expert is not offered the edit link');
		await submit(p, edit);
		check(path(p) === `${profile}/edit` && await h1(p) === 'Edit your expert profile',
		    `the link led to ${p.url()} "${await h1(p)}"`);
		check(await field(p, 'Short biography').inputValue() === ex.biography, 'the form lacks the biography');

		step('country for everyone, contact details for staff only');
		const vis = p.getByRole('main').getByRole('group', { name: 'Who sees each part of the profile' });
		await vis.getByLabel('Country', { exact: true }).selectOption({ label: 'Everyone' });
		await vis.getByLabel('Contact details', { exact: true }).selectOption({ label: 'Staff only' });
		check(await vis.getByLabel('Biography', { exact: true }).inputValue() === 'members',
		    'the biography is not members-only by default');
		await shot(p, 'person-edit');
		const r = await submit(p, button(p, 'Save'));
		check(r.status() === 200 && path(p) === profile,
		    `saving led to ${p.url()} (${r.status()}): ${(await mainText(p)).slice(0, 400)}`);
		await shot(p, 'person');

		step('the form keeps the choice');
		await visit(p, `${profile}/edit`);
		const v2 = p.getByRole('main').getByRole('group', { name: 'Who sees each part of the profile' });
		check(await v2.getByLabel('Contact details', { exact: true }).inputValue() === 'staff' &&
		    await v2.getByLabel('Country', { exact: true }).inputValue() === 'public', 'the visibility was not saved');
	});

	await test('a member finds the expert at /people with the facets and a search', async (step) => {
		await signIn(member, MEMBER.email, MEMBER.password);
		step('the header leads to /people');
		await visit(member, '/people');
		check(await h1(member) === 'Experts', `h1 is "${await h1(member)}"`);
		const all = await total(member);
		check(all >= 3, `${all} experts listed, expected the two demo experts and ours`);
		check((await listed(member)).includes(ex.name), `${ex.name} is not listed`);
		check((await listed(member)).includes('Amina Wanjiru'), 'the demo expert Amina Wanjiru is not listed');

		for (const [param, value] of [['country', ex.country], ['theme', ex.theme.value], ['language', 'fr']]) {
			step(`the ${param} facet: ${value}`);
			await visit(member, '/people');
			const n = await countOf(member, param, value);
			check(n === 1, `${param}=${value} counts ${n}, expected 1 (ours)`);
			await member.getByRole('main').locator(`input[name="${param}"][value="${value}"]`).check();
			await submit(member, member.getByRole('main').getByRole('button', { name: 'Filter' }).first());
			check(new URL(member.url()).searchParams.get(param) === value, `the URL is ${member.url()}`);
			check(await total(member) === 1 && (await listed(member)).join() === ex.name,
			    `${param}=${value} lists ${(await listed(member)).join(', ')}`);
		}

		step('the region facet: Africa, with the demo expert in Kenya');
		await visit(member, '/people');
		const africa = await countOf(member, 'region', '002');
		check(africa >= 2 && africa < all, `Africa counts ${africa} of ${all}`);
		await member.getByRole('main').locator('input[name="region"][value="002"]').check();
		await submit(member, member.getByRole('main').getByRole('button', { name: 'Filter' }).first());
		check(await total(member) === africa, `Africa lists ${await total(member)}, its count said ${africa}`);
		const names = await listed(member);
		check(names.includes(ex.name) && names.includes('Amina Wanjiru') && !names.includes('Lucas Ferreira'),
		    `Africa lists ${names.join(', ')}`);

		step('a search for words of the biography');
		await member.getByRole('main').getByLabel('Search').fill('ransomware');
		await submit(member, member.getByRole('main').getByRole('button', { name: 'Filter' }).first());
		const q = new URL(member.url()).searchParams;
		check(q.get('q') === 'ransomware' && q.get('region') === '002', `the URL is ${member.url()}`);
		check(await total(member) === 1 && (await listed(member)).join() === ex.name,
		    `"ransomware" finds ${(await listed(member)).join(', ')}`);
		check(await member.getByRole('main').getByLabel('Search').inputValue() === 'ransomware',
		    'the search box lost the words');
		await shot(member, 'people');

		step('no match says so');
		await visit(member, `/people?q=zzqx${stamp}`);
		check(await total(member) === 0, `a made-up word finds ${await total(member)}`);

		step('the profile as a member: biography yes, contact no');
		await visit(member, profile);
		const t = await mainText(member);
		check(t.includes('digital evidence') && t.includes(ex.affiliation), `the member does not see the biography: ${t.slice(0, 400)}`);
		check(!t.includes(ex.email) && !t.includes(ex.phone), 'a member sees the staff-only contact');
		check(await member.getByRole('main').getByRole('link', { name: 'Edit the profile and who sees it' }).count() === 0,
		    'a member is offered to edit someone else\'s profile');
		await visit(member, `${profile}/edit`, 403);

		step('staff see the contact');
		await visit(staff, profile);
		check((await mainText(staff)).includes(ex.email), 'staff do not see the contact email');

		step('phone width');
		await member.setViewportSize({ width: 375, height: 740 });
		try {
			await visit(member, '/people?region=002');
			const side = await sideways(member);
			check(side === '', `/people scrolls sideways at 375 px: ${side}`);
			await shot(member, 'people-phone');
		} finally {
			await member.setViewportSize({ width: 1280, height: 800 });
		}
	});

	await test('a visitor sees the profile without its members-only fields, and not the list', async (step) => {
		step('the profile');
		const r = await visit(visitor, profile);
		check(await h1(visitor) === ex.name, `h1 is "${await h1(visitor)}"`);
		const t = await mainText(visitor);
		check(t.includes('Ghana'), `the visitor does not see the country chosen for everyone: ${t}`);
		for (const hidden of ['digital evidence', ex.affiliation, ex.title, ex.email, ex.phone, ex.website])
			check(!t.includes(hidden), `a visitor sees "${hidden}"`);
		const html = await r.text();
		check(!html.includes('ransomware') && !html.includes(ex.email), 'the page\'s HTML holds members-only words');
		await shot(visitor, 'person-visitor');
		step('its JSON twin');
		const api = await visitor.request.get(`${BASE}/api/v1${profile}`);
		const body = await api.text();
		check(api.status() === 200 && body.includes(ex.name), `the JSON answered ${api.status()}: ${body.slice(0, 200)}`);
		check(!body.includes('ransomware') && !body.includes(ex.email) && !body.includes(ex.affiliation),
		    `the visitor's JSON holds members-only fields: ${body}`);
		step('/people asks to sign in');
		await visit(visitor, '/people');
		check(path(visitor) === '/signin', `/people led a visitor to ${visitor.url()}`);
	});

	await test('the expert joins organization 1, leaves it from /account, then deletes the account', async (step) => {
		const p = expertPage;
		check(profile, 'no profile: the expert was not approved');

		step('ask to join organization 1');
		await visit(p, '/organizations/1');
		const orgName = (await h1(p)).replace(/ \([^)]*\)$/, '');
		await field(p, 'Your title').fill('Legal adviser');
		await submit(p, button(p, 'Ask to join this organization'));
		check(/^\/applications\/\d+$/.test(path(p)), `asking led to ${p.url()}`);

		step('its admin confirms');
		await visit(member, '/organizations/1/requests');
		const item = member.getByRole('main').locator('li', { hasText: ex.email });
		check(await item.count() === 1, `the request of ${ex.email} is not listed: ${(await mainText(member)).slice(0, 300)}`);
		await submit(member, item.getByRole('button', { name: 'Confirm' }));
		await waitForMail(ex.email, { subject: /^You have joined/ });

		step('/account lists it, with a button to leave');
		await visit(p, '/account');
		const orgs = p.getByRole('main').getByRole('region', { name: 'Your organizations' });
		check(await orgs.getByRole('link', { name: orgName, exact: true }).count() === 1,
		    `the account page does not list ${orgName}: ${(await mainText(p)).slice(0, 400)}`);
		await shot(p, 'account');

		step('leave');
		const r = await submit(p, orgs.getByRole('listitem').filter({ hasText: orgName })
		    .getByRole('button', { name: 'Leave this organization' }));
		check(r.status() === 200 && path(p) === '/account', `leaving led to ${p.url()} (${r.status()})`);
		check(await p.getByRole('main').getByRole('region', { name: 'Your organizations' }).count() === 0,
		    'the account page still lists an organization');
		check((await mainText(p)).includes('Member'), 'an expert who left is no longer a member');
		await visit(p, '/people');	/* still in the members' space */

		step('the admin of organization 1 reads it in its history');
		await visit(member, '/organizations/1/history');
		const newest = await text(member.getByRole('main').locator('tbody tr').nth(0));
		check(newest.includes('Left the organization') && newest.includes(ex.name),
		    `the newest entry of the history reads "${newest}"`);
		await shot(member, 'org-history-people');

		step('delete with a wrong password: refused, nothing deleted');
		await visit(p, '/account');
		const del = p.getByRole('main').getByRole('region', { name: 'Delete your account' });
		await del.getByLabel('Your password').fill('not my password at all');
		const bad = await submit(p, del.getByRole('button', { name: 'Delete my account' }));
		check(bad.status() === 403, `a wrong password answered ${bad.status()}`);
		const msg = p.locator('main .field', { has: p.locator('#delete-password') }).locator('.error');
		check(await msg.count() === 1 && await text(msg) === 'This is not your password. Nothing was deleted.',
		    `the delete form says "${await msg.count() ? await text(msg) : ''}"`);
		await shot(p, 'account-delete-refused');
		await visit(p, profile);
		check(await h1(p) === ex.name, 'the profile is gone after a wrong password');

		step('delete with the password');
		await visit(p, '/account');
		const del2 = p.getByRole('main').getByRole('region', { name: 'Delete your account' });
		await del2.getByLabel('Your password').fill(ex.password);
		await submit(p, del2.getByRole('button', { name: 'Delete my account' }));
		check(await h1(p) === 'Your account is deleted', `after deleting, h1 is "${await h1(p)}"`);
		check(await nav(p).getByRole('link', { name: 'Sign in' }).isVisible(), 'still signed in after deleting');

		step('gone: no sign-in, no profile, not in /people');
		await signIn(p, ex.email, ex.password);
		check(path(p) === '/signin', `signing in after deleting led to ${p.url()}`);
		const gone = await p.goto(BASE + profile);
		check(gone.status() === 404, `the profile answered ${gone.status()} after deleting`);
		await visit(member, '/people');
		check(!(await listed(member)).includes(ex.name), `${ex.name} is still listed at /people`);
	});

	await test('staff open /staff/themes and the history of organization 1', async (step) => {
		step('the themes');
		await visit(staff, '/staff');
		await visit(staff, '/staff/themes');
		check(await h1(staff) === 'Thematic areas', `h1 is "${await h1(staff)}"`);
		const row = staff.getByRole('main').locator('tr#theme-cybercrime');
		check(await row.count() === 1 && (await text(row)).includes('Offered'), 'no offered cybercrime row');
		check(await row.getByLabel('English name').inputValue() === 'Cybercrime', 'the English name is not in its field');
		await shot(staff, 'staff-themes');

		step('add one with a bad code: the message, the input kept');
		const add = staff.getByRole('main').locator('form[action="/staff/themes"]');
		await add.getByLabel('Code').fill('Not A Code!');
		await add.getByLabel('English name').fill(`Environmental crime ${stamp}`);
		const r = await submit(staff, add.getByRole('button', { name: 'Add' }));
		check(r.status() === 422, `a bad code answered ${r.status()}`);
		const add2 = staff.getByRole('main').locator('form[action="/staff/themes"]');
		check(await add2.locator('.error').count() >= 1, 'no message next to the code');
		check(await add2.getByLabel('English name').inputValue() === `Environmental crime ${stamp}`, 'the name was not kept');

		step('the history: the expert who joined and left, deleted since');
		await visit(staff, '/organizations/1');
		await submit(staff, staff.getByRole('main').getByRole('link', { name: 'History', exact: true }));
		check(path(staff) === '/organizations/1/history' && await h1(staff) === 'History of the organization',
		    `the link led to ${staff.url()} "${await h1(staff)}"`);
		const rows = staff.getByRole('main').locator('tbody tr');
		const first = await text(rows.nth(0));
		check(first.includes('Left the organization') && /Deleted user|a deleted account/.test(first),
		    `the newest entry reads "${first}"`);
		const t = await mainText(staff);
		check(!t.includes(ex.name) && !t.includes(ex.email), 'the history still names the deleted expert');
		await shot(staff, 'org-history-staff');
	});

	await test('phone width: the people pages do not scroll sideways', async (step) => {
		const wide = [];
		for (const [p, where] of [[visitor, '/join?as=expert'], [staff, '/staff/themes'],
		    [staff, '/organizations/1/history'], [member, '/account'], [staff, '/people/1/edit']]) {
			step(`open ${where} at 375 px`);
			const size = p.viewportSize();
			await p.setViewportSize({ width: 375, height: 740 });
			try {
				const resp = await p.goto(BASE + where);
				check(resp.status() === 200 || resp.status() === 404, `${where} answered ${resp.status()}`);
				const w = await sideways(p);
				if (w)
					wide.push(`${where}: ${w}`);
			} finally {
				await p.setViewportSize(size);
			}
		}
		check(wide.length === 0, wide.join('\n'));
	});

	await test('no console errors in any browser context', async () => {
		const errs = contexts.flatMap((c) => c.consoleErrors);
		check(errs.length === 0, `console errors:\n${errs.join('\n')}`);
	});
}

run('people.js', main, 120000);
