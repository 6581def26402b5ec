'use strict';
/*
 * e2e.js -- the browser half of e2e.t: each test is a thing a person does
 * with JavaScript off, and asserts what they would see.  Prints TAP lines
 * (no plan: e2e.t adds its own test and prints the plan) and writes the
 * number of tests to $E2E_COUNT.
 *
 * Environment: see lib.js.
 */
const {
	BASE, STEP_TIMEOUT, check, test, launch, newContext, shot, visit, text, h1, nav, submit,
	sideways, signIn, waitForMail, run,
} = require('./lib');

const ADMIN = { email: 'admin@example.org', password: 'demo-admin-pass-2026', name: 'Ada Admin' };

/* ---- the tests -------------------------------------------------------- */

let browser;

async function main() {
	browser = await launch();
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	const stamp = Date.now().toString(36);
	const person = {
		name: 'Zoë Tester',
		email: `zoe.${stamp}@example.org`,
		password: 'violet kettle harbour lantern',
	};

	await test('home page: skip link first, landmarks, language', async (step) => {
		step('open /');
		await visit(page, '/');
		check(await page.locator('html').getAttribute('lang') === 'en', 'html lang is not "en"');
		check(await h1(page) === 'Welcome', `h1 is "${await h1(page)}", expected "Welcome"`);
		check(/WhatsOn/.test(await page.title()), `title "${await page.title()}" lacks the site name`);
		for (const role of ['banner', 'navigation', 'main', 'contentinfo']) {
			step(`landmark ${role}`);
			check(await page.getByRole(role).first().isVisible(), `no visible ${role} landmark`);
		}
		check(await page.locator('body > header').count() === 1, 'no <header> in body');
		check(await page.locator('header nav').count() >= 1, 'no <nav> in the header');
		check(await page.locator('body > main#main').count() === 1, 'no <main id=main>');
		check(await page.locator('body > footer').count() === 1, 'no <footer> in body');
		await shot(page, 'home');

		step('press Tab');
		await page.keyboard.press('Tab');
		const focused = page.locator(':focus');
		check(await focused.count() === 1, 'Tab focused nothing');
		const tag = await focused.evaluate((el) => el.tagName).catch(() => null);
		const href = await focused.getAttribute('href');
		const label = await text(focused);
		check(href === '#main' && label === 'Skip to content',
		    `first Tab stop is <${tag} href="${href}"> "${label}", expected the skip link`);
		const box = await focused.boundingBox();
		check(box && box.x >= 0 && box.y >= 0 && box.width > 0,
		    `the focused skip link is off screen (${JSON.stringify(box)})`);
		step('follow the skip link');
		await page.keyboard.press('Enter');
		await page.waitForURL(/#main$/);
		check(await page.locator('main:focus').count() === 1, 'focus did not move to <main>');
	});

	await test('public summary: map, charts and their tables, for a visitor', async (step) => {
		const v = await newContext(browser);
		try {
			const p = await v.newPage();
			step('follow the link in the navigation');
			await visit(p, '/');
			await submit(p, nav(p).getByRole('link', { name: 'Our members' }));
			check(await h1(p) === 'Our members', `h1 is "${await h1(p)}"`);
			const lead = await text(p.locator('main .lead'));
			const total = Number((lead.match(/^(\d+) organizations/) || [])[1]);
			check(total > 0, `the lead "${lead}" gives no count`);

			step('the map: a shaded path per country, each with a title');
			const paths = p.locator('svg.map path');
			check(await paths.count() > 150, `${await paths.count()} countries on the map`);
			const titles = await p.locator('svg.map path > title').allTextContents();
			check(titles.length === await paths.count(), 'a country of the map has no <title>');
			/* a count of 1 or 2 reads "fewer than 3": between 1 and 2 */
			const few = (t) => t.trim() === 'fewer than 3';
			const figures = (cells) => cells.map((t) => few(t) ? [1, 2] : [Number(t), Number(t)]);
			const low = (f) => f.reduce((a, b) => a + b[0], 0);
			const high = (f) => f.reduce((a, b) => a + b[1], 0);
			const shown = titles.map((t) => t.split(': ').pop());
			check(shown.every((t) => few(t) || /^(0|[3-9]|[1-9][0-9]+)$/.test(t)),
			    `a country of the map says 1 or 2: ${shown.filter((t) => /^[12]$/.test(t))}`);
			const onMap = high(figures(shown));
			check(await p.locator('svg.map path:not(.c0)').count() > 0, 'no country is shaded');
			check(await p.locator('.legend li').count() >= 2, 'the map has no legend');

			step('open every data table');
			for (const s of await p.locator('main details > summary').all())
				await s.click();
			const tables = p.locator('main table');
			check(await tables.count() === 4, `${await tables.count()} data tables, expected 4`);
			for (const t of await tables.all())
				check(await t.locator('caption').isVisible(), 'a data table has no visible caption');
			const byCountry = p.locator('table', { has: p.locator('caption', { hasText: 'by country' }) });
			const counts = figures(await byCountry.locator('tbody td.num').allTextContents());
			const sum = low(counts);
			check(counts.every((c) => !Number.isNaN(c[0])), 'a country count is not a figure');
			check(sum <= total, `the country table adds up to ${sum}, more than ${total}`);
			/* countries too small for the map are in the table only */
			check(onMap <= high(counts), `the map counts ${onMap}, the table ${high(counts)}`);
			const byRegion = p.locator('table', { has: p.locator('caption', { hasText: 'by region' }) });
			const regions = figures(await byRegion.locator('tbody tr:not(.sub) td.num').allTextContents());
			check(regions.length === 5, `${regions.length} regions`);
			check(low(regions) <= high(counts) && low(counts) <= high(regions),
			    `the regions add up to ${low(regions)}-${high(regions)}, the countries to ` +
			    `${low(counts)}-${high(counts)}`);
			check(await p.locator('svg.bars').count() === 3, 'not three bar charts');
			await shot(p, 'summary');
		} finally {
			await v.close();
		}
	});

	await test('sign up, confirm by mail, sign in, account, sign out', async (step) => {
		step('open /signup');
		await visit(page, '/signup');
		check(await h1(page) === 'Create an account', `h1 is "${await h1(page)}"`);
		await shot(page, 'signup');
		step('fill in the form');
		await page.getByLabel('Your name').fill(person.name);
		await page.getByLabel('Email address').fill(person.email);
		await page.getByLabel('Password', { exact: true }).fill(person.password);
		step('submit');
		const r = await submit(page, page.getByRole('main').getByRole('button', { name: 'Create an account' }));
		check(r.status() === 200, `POST /signup answered ${r.status()}`);
		check(await h1(page) === 'Check your email', `after sign-up the h1 is "${await h1(page)}"`);
		await shot(page, 'check-email');

		step('read the verification mail');
		const mail = await waitForMail(person.email);
		const m = mail.body.match(/https?:\/\/\S+\/verify\?token=[A-Za-z0-9_-]+/);
		check(m, `no /verify link in the mail:\n${mail.body}`);
		check(m[0].startsWith(BASE + '/'), `the link ${m[0]} does not start with the base URL ${BASE}`);
		check(mail.body.includes(person.name), 'the mail does not greet the person by name');

		step('follow the link; it asks for the password chosen with it');
		await visit(page, m[0]);
		check(await h1(page) === 'Confirm your email address', `the link shows "${await h1(page)}"`);
		await shot(page, 'verify');
		await page.getByLabel('Password', { exact: true }).fill(person.password);
		await submit(page, page.getByRole('main').getByRole('button', { name: 'Confirm' }));
		check(await h1(page) === 'Your email address is confirmed', `after the link the h1 is "${await h1(page)}"`);
		check(await nav(page).getByRole('button', { name: 'Sign out' }).isVisible(),
		    'confirming the address did not sign the person in');
		await shot(page, 'verified');

		step('sign out, then sign in through the form');
		await submit(page, nav(page).getByRole('button', { name: 'Sign out' }));
		await visit(page, '/signin');
		check(new URL(page.url()).pathname === '/signin', `/signin led to ${page.url()}`);
		await shot(page, 'signin');
		await page.getByLabel('Email address').fill(person.email);
		await page.getByLabel('Password', { exact: true }).fill(person.password);
		await submit(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
		check(new URL(page.url()).pathname === '/', `signed in, landed on ${page.url()}`);
		check(await nav(page).getByRole('link', { name: 'Your account' }).isVisible(),
		    'no "Your account" link in the header after signing in');
		check(await nav(page).getByRole('link', { name: 'Opportunities' }).isVisible(),
		    'no "Opportunities" link in the header after signing in');
		const main = await text(page.getByRole('main'));
		check(main.includes(`signed in as ${person.name}`), `the home page does not name the person: "${main}"`);

		step('open /account');
		await submit(page, nav(page).getByRole('link', { name: 'Your account' }));
		check(new URL(page.url()).pathname === '/account', `the link led to ${page.url()}`);
		check(await h1(page) === 'Your account', `h1 is "${await h1(page)}"`);
		const facts = await text(page.locator('main dl'));
		check(facts.includes(person.name) && facts.includes(person.email),
		    `the account page does not show name and email: "${facts}"`);
		await shot(page, 'account');

		step('sign out with the header button');
		await submit(page, nav(page).getByRole('button', { name: 'Sign out' }));
		check(await nav(page).getByRole('link', { name: 'Sign in' }).isVisible(),
		    `no "Sign in" link in the header after signing out (at ${page.url()})`);
		check(await nav(page).getByRole('link', { name: 'Your account' }).count() === 0,
		    '"Your account" still in the header after signing out');
		check(await nav(page).getByRole('link', { name: 'Opportunities' }).count() === 0,
		    '"Opportunities" still in the header after signing out');
		step('the account page is closed again');
		await page.goto(BASE + '/account');
		check(new URL(page.url()).pathname !== '/account' || await h1(page) !== 'Your account',
		    '/account still shows the account after signing out');
	});

	await test('a form with errors keeps the input and marks the fields', async (step) => {
		const typed = { name: 'Zoë O\'Brien & <Co>', email: 'keep.me@example.org', password: 'short' };

		step('open /signup');
		await visit(page, '/signup');
		await page.getByLabel('Your name').fill(typed.name);
		await page.getByLabel('Email address').fill(typed.email);
		await page.getByLabel('Password', { exact: true }).fill(typed.password);
		step('submit a too-short password');
		const r = await submit(page, page.getByRole('main').getByRole('button', { name: 'Create an account' }));
		check(r.status() === 422, `POST /signup answered ${r.status()}, expected 422`);
		await shot(page, 'signup-errors');
		check(await h1(page) === 'Create an account', `h1 is "${await h1(page)}"`);
		check(await page.getByRole('alert').isVisible(), 'no alert summarising the errors');

		step('the input is kept');
		const name = await page.getByLabel('Your name').inputValue();
		const email = await page.getByLabel('Email address').inputValue();
		check(name === typed.name, `name field holds "${name}", typed "${typed.name}"`);
		check(email === typed.email, `email field holds "${email}", typed "${typed.email}"`);
		const pw = await page.getByLabel('Password', { exact: true }).inputValue();
		check(pw === '', 'the password was sent back into the page');

		step('the error is next to the password field');
		const field = page.locator('.field', { has: page.locator('#password') });
		const err = field.locator('.error');
		check(await err.count() === 1 && await err.isVisible(), 'no visible error in the password field');
		const msg = await text(err);
		check(msg.length > 0, 'the password error is empty');
		const described = (await page.locator('#password').getAttribute('aria-describedby')) || '';
		const errId = await err.getAttribute('id');
		check(errId && described.split(/\s+/).includes(errId),
		    `the password input is not described by its error (aria-describedby="${described}")`);
		const pwBox = await page.locator('#password').boundingBox();
		const errBox = await err.boundingBox();
		check(errBox.y >= pwBox.y && errBox.y - (pwBox.y + pwBox.height) < 120,
		    'the error message is not right under the password field');
		check((await text(page.locator('.field', { has: page.locator('#name') }))).indexOf(msg) < 0,
		    'the password error shows at the name field');

		step('aria-invalid');
		const invalid = page.locator('.field.invalid :is(input, select, textarea):not([type=hidden])');
		const n = await invalid.count();
		check(n >= 1, 'no field is marked invalid');
		for (let i = 0; i < n; i++) {
			const el = invalid.nth(i);
			const id = await el.getAttribute('id');
			check(await el.getAttribute('aria-invalid') === 'true', `#${id} is in an invalid field without aria-invalid=true`);
		}
		check(await page.locator('#password').getAttribute('aria-invalid') === 'true', '#password lacks aria-invalid=true');
		for (const id of ['name', 'email'])
			check(await page.locator(`#${id}`).getAttribute('aria-invalid') === null, `#${id} is marked invalid but was fine`);
	});

	await test('a wrong password shows the error, without console errors', async (step) => {
		step('sign in with a wrong password');
		ctx.consoleErrors.length = 0;
		const r = await signIn(page, ADMIN.email, 'not-the-right-password');
		check(r.status() === 403 || r.status() === 422, `POST /signin answered ${r.status()}`);
		check(new URL(page.url()).pathname === '/signin', `landed on ${page.url()}`);
		check(await h1(page) === 'Sign in', `h1 is "${await h1(page)}"`);
		const alert = await text(page.getByRole('alert'));
		check(alert.includes('The email or password is not right.'), `the alert says "${alert}"`);
		const email = await page.getByLabel('Email address').inputValue();
		check(email === ADMIN.email, `the email field holds "${email}"`);
		check(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid') === 'true',
		    'the password field lacks aria-invalid=true');
		check(await nav(page).getByRole('link', { name: 'Your account' }).count() === 0, 'signed in anyway');
		step('console');
		check(ctx.consoleErrors.length === 0, `console errors:\n${ctx.consoleErrors.join('\n')}`);
	});

	await test('French by ?lang=fr and by Accept-Language', async (step) => {
		const wrong = [];	/* both ways are checked, whatever the first gives */

		/* ?lang=fr in the main context (English browser, signed out);
		 * Accept-Language in a context of its own. */
		const al = await newContext(browser, { locale: 'fr-FR' });
		for (const [how, p, where] of [['?lang=fr', page, '/?lang=fr'],
		    ['Accept-Language fr-FR', await al.newPage(), '/']]) {
			step(`open ${where} (${how})`);
			await visit(p, where);
			const lang = await p.locator('html').getAttribute('lang');
			const title = await h1(p);
			const navText = await text(nav(p));
			const skip = await text(p.locator('.skip'));
			if (lang !== 'fr')
				wrong.push(`${how}: html lang is "${lang}", expected "fr"`);
			if (title !== 'Bienvenue')
				wrong.push(`${how}: h1 is "${title}", expected "Bienvenue"`);
			for (const w of ['Accueil', 'Se connecter', 'Créer un compte'])
				if (!navText.includes(w))
					wrong.push(`${how}: the nav lacks "${w}": "${navText}"`);
			if (skip !== 'Aller au contenu')
				wrong.push(`${how}: the skip link says "${skip}"`);
			if (how === '?lang=fr')
				await shot(p, 'home-fr');
		}
		await al.close();
		/* ?lang= is remembered (a cookie): back to English for the tests
		 * after this one. */
		step('back to English with ?lang=en');
		await visit(page, '/?lang=en');
		await visit(page, '/');
		if (await page.locator('html').getAttribute('lang') !== 'en')
			wrong.push('?lang=en does not bring English back');
		check(wrong.length === 0, wrong.join('\n'));
	});

	await test('phone width: no horizontal scrolling', async (step) => {
		const phone = await browser.newContext({
			javaScriptEnabled: true, viewport: { width: 375, height: 740 },
			deviceScaleFactor: 2, isMobile: true, hasTouch: true,
		});
		phone.setDefaultTimeout(STEP_TIMEOUT);
		const wide = [];
		try {
			const p = await phone.newPage();
			for (const [where, name] of [['/', 'home-phone'], ['/signup', null], ['/signin', null], ['/about/members', 'summary-phone']]) {
				step(`open ${where}`);
				await visit(p, where);
				const vp = await p.locator('meta[name=viewport]').getAttribute('content');
				check(/width=device-width/.test(vp || ''), `${where}: no <meta name=viewport content=width=device-width>`);
				const w = await sideways(p);
				if (w)
					wide.push(`${where}: ${w}`);
				if (name)
					await shot(p, name);
			}
		} finally {
			await phone.close();
		}
		check(wide.length === 0, wide.join('\n'));
	});

	await test('admin: users and audit log', async (step) => {
		const p = page;	/* the main context, signed out since test 2 */
		const before = ctx.consoleErrors.length;

		step('sign in as the demo admin');
		await signIn(p, ADMIN.email, ADMIN.password);
		check(new URL(p.url()).pathname === '/', `signed in, landed on ${p.url()}`);
		check(await nav(p).getByRole('link', { name: 'Users' }).isVisible(), 'no "Users" link for the admin');

		step('open /admin/users');
		await submit(p, nav(p).getByRole('link', { name: 'Users' }));
		check(new URL(p.url()).pathname === '/admin/users', `the link led to ${p.url()}`);
		check(await h1(p) === 'Users', `h1 is "${await h1(p)}"`);
		const users = p.getByRole('table');
		check(await users.isVisible(), 'no user table');
		const cols = await users.locator('thead th').allInnerTexts();
		check(cols.join('|') === 'Name|Email address|Role|Status', `columns: ${cols.join('|')}`);
		const table = await text(users.locator('tbody'));
		for (const who of [ADMIN.email, 'member@example.org', person.email])
			check(table.includes(who), `${who} is not in the user table`);
		await shot(p, 'admin-users');

		step('open /staff/audit');
		await visit(p, '/staff/audit');
		check(await h1(p) === 'Audit log', `h1 is "${await h1(p)}"`);
		const audit = p.getByRole('table');
		check(await audit.isVisible(), 'no audit table');
		const rows = await audit.locator('tbody tr').count();
		check(rows >= 3, `only ${rows} audit rows`);
		const log = await text(audit.locator('tbody'));
		for (const what of ['signup', 'email.verified', 'signin'])
			check(new RegExp(`\\b${what.replace('.', '\\.')}\\b`).test(log), `no "${what}" in the audit log`);
		await shot(p, 'audit');

		step('open /staff/jobs and the people organizations added');
		await visit(p, '/staff/jobs');
		check(await h1(p) === 'Background jobs', `h1 is "${await h1(p)}"`);
		await visit(p, '/staff/jobs?status=failed');
		check((await text(p.getByRole('main'))).includes('0 jobs'), 'demo data has no failed job');
		await visit(p, '/staff/memberships');
		await shot(p, 'staff-jobs');

		step('phone width');	/* wide tables scroll inside their box, not the page */
		const size = p.viewportSize();
		const wide = [];
		await p.setViewportSize({ width: 375, height: 740 });
		for (const where of ['/admin/users', '/staff/audit', '/staff/jobs']) {
			await visit(p, where);
			const w = await sideways(p);
			if (w)
				wide.push(`${where} at 375 px: ${w}`);
		}
		await p.setViewportSize(size);
		check(wide.length === 0, wide.join('\n'));

		step('console');
		const errs = ctx.consoleErrors.slice(before);
		check(errs.length === 0, `console errors:\n${errs.join('\n')}`);
	});

	await test('no console errors on any page of the main session', async () => {
		check(ctx.consoleErrors.length === 0, `console errors:\n${ctx.consoleErrors.join('\n')}`);
	});

}

run('e2e.js', main);
