'use strict';
/*
 * membership.js -- the browser half of membership.t: the membership flows
 * as people go through them with JavaScript off, on a server seeded with
 * `whatson seed --demo` (48 organizations, 6 pending applications from
 * applicant1..6@example.org, member@example.org the admin of organization 1).
 *
 *   1. an organization applies signed out, confirms by mail, staff approve,
 *      its contact signs in and finds the members' pages and its profile;
 *   2. staff reject an application with a reason, which the mail carries;
 *   3. staff ask for more information, the applicant answers, the
 *      application is back in the queue;
 *   4. a likely duplicate is flagged for staff;
 *   5. who sees which field of a profile, in the page and in its JSON twin;
 *   6. a fake logo and a script in the description;
 *   7. a person asks to join an existing organization, its admin confirms
 *      (last: the other tests do not depend on it), and reads it in the
 *      organization's history.
 *
 * Prints TAP lines; see lib.js for the environment.
 */
const zlib = require('zlib');
const {
	BASE, check, diag, test, launch, newContext, shot, visit, text, h1, nav, submit, sideways, signIn,
	waitForMail, linkIn, run, confirmAddress,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026', name: 'Sam Staff' };
const MEMBER = { email: 'member@example.org', password: 'demo-member-pass-2026', name: 'Mia Member' };
const APPLICANT_PASSWORD = 'demo-applicant-pass-2026';
const DEMO_PENDING = 6;

/* ---- helpers ---------------------------------------------------------- */

/* A form control by its visible label, with or without the "(required)"
 * the join form adds. */
function field(page, label) {
	const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return page.getByRole('main').getByLabel(new RegExp(`^${esc}( \\((required|at least one)\\))?$`));
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

/* A PNG image of w x h pixels: a blue square with a yellow diagonal. */
function png(w, h) {
	const table = [];
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	const crc = (buf) => {
		let c = 0xffffffff;
		for (const b of buf)
			c = table[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		const sum = Buffer.alloc(4);
		const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		len.writeUInt32BE(data.length);
		sum.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, sum]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8;	/* bits per sample */
	ihdr[9] = 2;	/* RGB */
	const raw = Buffer.alloc(h * (1 + 3 * w));
	for (let y = 0; y < h; y++) {
		raw[y * (1 + 3 * w)] = 0;	/* filter: none */
		for (let x = 0; x < w; x++) {
			const o = y * (1 + 3 * w) + 1 + 3 * x;
			const on = Math.abs(x - y) < 4;
			raw[o] = on ? 0xf5 : 0x0b;
			raw[o + 1] = on ? 0xa6 : 0x5c;
			raw[o + 2] = on ? 0x23 : 0xab;
		}
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/* Records the responses a page gets (to check the images it loads). */
function recordResponses(page) {
	const seen = [];
	page.on('response', (r) => seen.push(r));
	return seen;
}

/* Checks that the <img> of selector on the page loaded as image/png. */
async function checkImage(page, responses, selector) {
	const img = page.locator(selector);
	check(await img.count() === 1, `no ${selector} on ${page.url()}`);
	const src = new URL(await img.getAttribute('src'), page.url()).href;
	const resp = responses.find((r) => r.url() === src);
	check(resp, `the browser did not fetch the logo ${src}`);
	check(resp.status() === 200, `the logo ${src} answered ${resp.status()}`);
	const type = (await resp.allHeaders())['content-type'] || '';
	check(/^image\/png\b/.test(type), `the logo ${src} came as "${type}", expected image/png`);
	const width = await img.evaluate((el) => el.complete ? el.naturalWidth : -1);
	check(width > 0, `the logo ${src} did not decode (naturalWidth ${width})`);
	return src;
}

/* Fills the join form (or the form of an application sent back) with o;
 * fields o lacks are left as they are. */
async function fillOrg(page, o) {
	const lines = [
		['Name of the organization', o.name], ['Acronym', o.acronym], ['Website', o.website],
		['Year founded', o.founded], ['What the organization does', o.description],
		['Social media pages', o.social && o.social.join('\n')],
		['Name', o.contactName], ['Title', o.contactTitle], ['Email address', o.contactEmail],
		['Phone', o.contactPhone], ['Role in the organization', o.contactRole],
		['Password', o.password],
	];
	for (const [label, v] of lines)
		if (v !== undefined)
			await field(page, label).fill(v);
	const choices = [
		['Kind of organization', o.kind], ['Country of registration', o.country],
		['Countries where it works', o.countries], ['Number of staff', o.size],
		['Working languages', o.languages], ['ECOSOC consultative status', o.ecosoc],
	];
	for (const [label, v] of choices)
		if (v !== undefined)
			await field(page, label).selectOption(v);
	for (const t of o.themes || [])
		await page.getByRole('main').getByRole('checkbox', { name: t.label, exact: true }).check();
	if (o.logo)
		await field(page, 'Logo').setInputFiles(o.logo);
	if (o.consent)
		await page.getByRole('main').getByLabel('I accept the terms of use and the privacy notice.').check();
}

/* The labels of the selected options of a <select>. */
async function chosen(page, label) {
	return (await field(page, label).locator('option:checked').allInnerTexts()).map((s) => s.trim());
}

/* The rows of the staff queue: [{ id, name, href, text }]. */
async function queue(page) {
	const rows = page.getByRole('main').locator('table tbody tr');
	const out = [];
	for (let i = 0; i < await rows.count(); i++) {
		const a = rows.nth(i).locator('td:nth-child(2) a');
		const href = await a.getAttribute('href');
		out.push({ id: Number(href.split('/').pop()), name: await text(a), href,
		    text: await text(rows.nth(i)) });
	}
	return out;
}

/* ---- the tests -------------------------------------------------------- */

let browser;

async function main() {
	browser = await launch();
	const contexts = [];
	const context = async (opts) => {
		const c = await newContext(browser, opts);
		contexts.push(c);
		return c;
	};
	const stamp = Date.now().toString(36);
	const staff = await (await context()).newPage();
	const staffSeen = recordResponses(staff);
	const applicant = await (await context()).newPage();	/* test 1's contact person */
	const applicantSeen = recordResponses(applicant);
	const member = await (await context()).newPage();	/* member@, admin of organization 1 */
	const person = await (await context()).newPage();	/* test 5 */
	let approvedOrgId = 0;
	const org1 = {};	/* organization 1 as staff see it */

	const org = {
		name: `Tidewater Integrity Network ${stamp}`,
		acronym: 'TIN',
		kind: 'network',
		country: 'KE',
		countries: ['TZ', 'UG'],
		website: `https://tidewater-${stamp}.example.net/`,
		founded: '2011',
		size: '11-50',
		description: 'We **train** community monitors to follow public money.\n\n' +
		    '- procurement audits in coastal counties\n- a court-watch programme',
		themes: [{ value: 'corruption', label: 'Corruption' },
		    { value: 'money_laundering', label: 'Money laundering' }],
		languages: ['en', 'sw'],
		ecosoc: 'special',
		social: [`https://social.example.net/@tidewater${stamp}`,
		    `https://video.example.net/c/tidewater${stamp}`],
		contactName: 'Léa Mwangi',
		contactTitle: 'Programme director',
		contactEmail: `lea.${stamp}@tidewater.example.net`,
		contactPhone: '+254 700 000 123',
		contactRole: 'Founder',
		password: 'copper meadow lantern violet',
		consent: true,
		logo: { name: 'tidewater.png', mimeType: 'image/png', buffer: png(48, 48) },
	};

	await test('apply signed out, confirm by mail, staff approve, the member finds its profile', async (step) => {
		const p = applicant;

		step('open /join signed out');
		await visit(p, '/join');
		check(await h1(p) === 'Join', `h1 is "${await h1(p)}"`);
		check(await nav(p).getByRole('link', { name: 'Join' }).isVisible(), 'no "Join" link in the header');
		check(await field(p, 'Password').isVisible(), 'a signed-out applicant is not offered an account');
		step('fill in the whole form');
		await fillOrg(p, org);
		const labels = {
			kind: (await chosen(p, 'Kind of organization'))[0],
			country: (await chosen(p, 'Country of registration'))[0],
			countries: await chosen(p, 'Countries where it works'),
			languages: await chosen(p, 'Working languages'),
			ecosoc: (await chosen(p, 'ECOSOC consultative status'))[0],
			size: (await chosen(p, 'Number of staff'))[0],
		};
		check(labels.kind === 'Network or umbrella organization', `kind reads "${labels.kind}"`);
		check(labels.countries.length === 2 && labels.languages.length === 2,
		    `chose ${labels.countries} and ${labels.languages}`);
		await shot(p, 'join');

		step('send');
		const r = await submit(p, button(p, 'Send the application'));
		check(r.status() === 200, `POST /join answered ${r.status()}`);
		check(await h1(p) === 'Application received', `h1 is "${await h1(p)}": ${await mainText(p)}`);
		check((await mainText(p)).includes('We have sent a link to the contact email address'),
		    `the page does not say a link was mailed: "${await mainText(p)}"`);
		await shot(p, 'join-done');

		step('confirm the address from the mail');
		const confirm = await waitForMail(org.contactEmail, { subject: /Confirm your application/ });
		check(confirm.body.includes(org.name), 'the confirmation mail does not name the organization');
		await confirmAddress(p, linkIn(confirm, /^\/verify\?token=/), org.password);
		check(await h1(p) === 'Your email address is confirmed', `after the link the h1 is "${await h1(p)}"`);

		step('staff sign in; the staff home counts the application');
		await signIn(staff, STAFF.email, STAFF.password);
		check(path(staff) === '/', `staff signed in, landed on ${staff.url()}`);
		await submit(staff, nav(staff).getByRole('link', { name: 'Staff' }));
		check(path(staff) === '/staff' && await h1(staff) === 'Staff', `the Staff link led to ${staff.url()}`);
		const waiting = staff.getByRole('main').getByRole('link', { name: /applications waiting for review/ });
		const count = await text(waiting);
		check(count === `${DEMO_PENDING + 1} applications waiting for review`,
		    `the staff home says "${count}", expected ${DEMO_PENDING + 1} (${DEMO_PENDING} demo + ours)`);
		await shot(staff, 'staff-home');

		step('the queue lists it');
		await submit(staff, waiting);
		check(path(staff) === '/staff/applications' && await h1(staff) === 'Applications',
		    `the count led to ${staff.url()}`);
		const rows = await queue(staff);
		const row = rows.find((x) => x.name === org.name);
		check(row, `"${org.name}" is not in the queue: ${rows.map((x) => x.name).join('; ')}`);
		check(row.text.includes(labels.country) && row.text.includes(org.contactName),
		    `the row does not show the country and the applicant: "${row.text}"`);
		check(rows.length === DEMO_PENDING + 1, `the queue has ${rows.length} rows`);
		await shot(staff, 'staff-applications');

		step('open it');
		await submit(staff, staff.getByRole('main').getByRole('link', { name: org.name, exact: true }));
		check(await h1(staff) === `${org.name} (${org.acronym})`, `h1 is "${await h1(staff)}"`);
		const all = await mainText(staff);
		const want = [labels.kind, labels.country, ...labels.countries, org.website, org.founded,
		    labels.size, ...org.themes.map((t) => t.label), ...labels.languages, labels.ecosoc,
		    ...org.social, 'procurement audits in coastal counties', org.contactName,
		    org.contactTitle, org.contactEmail, org.contactPhone, org.contactRole];
		const missing = want.filter((w) => !all.includes(w));
		check(missing.length === 0, `the staff page lacks: ${missing.join(' | ')}`);
		check(await staff.locator('main .md strong').first().innerText() === 'train',
		    'the description\'s Markdown is not rendered');
		step('the logo');
		await checkImage(staff, staffSeen, 'main img.logo');
		await shot(staff, 'staff-application');

		step('approve');
		await submit(staff, button(staff, 'Approve'));
		const after = await mainText(staff);
		check(/Status: Approved/.test(after) && after.includes(`decided by ${STAFF.name}`),
		    `after approving, the page says: "${after.slice(0, 300)}"`);
		check(await button(staff, 'Approve').count() === 0, 'the Approve button is still there');

		step('the applicant is welcomed by mail');
		const welcome = await waitForMail(org.contactEmail, { subject: /^Welcome/ });
		check(welcome.body.includes(org.name), `the welcome mail does not name the organization:\n${welcome.body}`);
		const profile = linkIn(welcome, /^\/organizations\/\d+$/);
		approvedOrgId = Number(profile.split('/').pop());

		step('the applicant signs in');
		await signIn(p, org.contactEmail, org.password);
		check(path(p) === '/', `signed in, landed on ${p.url()}`);
		check(await nav(p).getByRole('link', { name: 'Organizations' }).isVisible(),
		    'no "Organizations" link in the header of a new member');
		check(await nav(p).getByRole('link', { name: 'Join' }).count() === 0, 'a member is still offered "Join"');
		await submit(p, nav(p).getByRole('link', { name: 'Organizations' }));
		check(path(p) === '/organizations' && await h1(p) === 'Organizations', `the link led to ${p.url()}`);
		const mine = p.getByRole('main').getByRole('link', { name: org.name, exact: true });
		check(await mine.count() === 1, `the members' list does not show "${org.name}"`);
		await shot(p, 'org-list');

		step('its profile');
		await submit(p, mine);
		check(p.url() === profile, `the list links to ${p.url()}, the mail to ${profile}`);
		check(await h1(p) === `${org.name} (${org.acronym})`, `h1 is "${await h1(p)}"`);
		check(await p.getByRole('main').getByRole('link', { name: 'Edit the profile' }).isVisible(),
		    'its admin is not offered "Edit the profile"');
		await checkImage(p, applicantSeen, 'main img.logo');
		await shot(p, 'org-profile-admin');
	});

	/* The demo application that repeats organization 1, and organization 1
	 * as staff see it (for tests 4 to 6). */
	try {
		await visit(staff, '/organizations/1');
		org1.name = (await h1(staff)).replace(/ \([^)]*\)$/, '');
		org1.description = await text(staff.locator('main .md'));
		org1.email = await text(staff.locator('main a[href^="mailto:"]').first());
	} catch (e) {
		diag(`organization 1 as staff see it: ${e.message}`);
	}

	const pick = async (not) => {
		await visit(staff, '/staff/applications');
		const rows = (await queue(staff)).filter((x) => x.name !== org1.name && !not.includes(x.id));
		check(rows.length > 0, 'no demo application left to decide');
		await visit(staff, rows[0].href);
		const m = (await mainText(staff)).match(/applicant\d+@example\.org/);
		check(m, `the application ${rows[0].href} does not show an applicantN@example.org account`);
		return { ...rows[0], email: m[0] };
	};
	const used = [];

	await test('staff reject an application; the mail gives the reason', async (step) => {
		step('pick a pending demo application');
		const a = await pick(used);
		used.push(a.id);
		const reason = `Your activities fall outside the hub's mandate (ref. ${stamp}).`;
		step(`reject ${a.href}`);
		await field(staff, 'Reason the applicant will read').fill(reason);
		await submit(staff, button(staff, 'Reject'));
		check(path(staff) === a.href, `rejecting led to ${staff.url()}`);
		const after = await mainText(staff);
		check(/Status: Rejected/.test(after) && after.includes(reason), `after rejecting: "${after.slice(0, 300)}"`);
		step('the mail');
		const mail = await waitForMail(a.email, { body: /cannot accept/ });
		check(mail.body.includes(reason), `the rejection mail lacks the reason:\n${mail.body}`);
		check(mail.body.includes(a.name), `the rejection mail does not name "${a.name}":\n${mail.body}`);
		step('the queue');
		await visit(staff, '/staff/applications');
		check(!(await queue(staff)).some((x) => x.id === a.id), 'the rejected application is still pending');
	});

	await test('staff ask for more information; the applicant answers; it is back in the queue', async (step) => {
		step('pick a pending demo application');
		const a = await pick(used);
		used.push(a.id);
		const question = `Please describe your funding sources (ref. ${stamp}).`;
		const answer = `We run a legal aid clinic, funded by members' fees and two foundations (${stamp}).`;
		step(`ask ${a.href}`);
		await field(staff, 'What the applicant should add or correct').fill(question);
		await submit(staff, button(staff, 'Ask for more information'));
		const asked = await mainText(staff);
		check(/Status: Information requested/.test(asked), `after asking: "${asked.slice(0, 300)}"`);

		step('the mail');
		const mail = await waitForMail(a.email, { subject: /more information/ });
		check(mail.body.includes(question), `the mail lacks the question:\n${mail.body}`);
		const link = linkIn(mail, new RegExp(`^/applications/${a.id}$`));

		step('the applicant follows the link and signs in');
		const ap = await (await context()).newPage();
		await visit(ap, link);
		check(path(ap) === '/signin', `signed out, the link led to ${ap.url()}`);
		await ap.getByLabel('Email address').fill(a.email);
		await ap.getByLabel('Password', { exact: true }).fill(APPLICANT_PASSWORD);
		await submit(ap, button(ap, 'Sign in'));
		check(ap.url() === link, `after signing in, landed on ${ap.url()}, not ${link}`);
		check(await h1(ap) === 'Your application', `h1 is "${await h1(ap)}"`);
		const page = await mainText(ap);
		check(page.includes('Staff need more information'), `the status is not shown: "${page.slice(0, 300)}"`);
		check(await text(ap.locator('main dd.message')) === question, 'the staff message is not shown');
		step('the form is filled in');
		check(await field(ap, 'Name of the organization').inputValue() === a.name, 'the name is not filled in');
		check((await field(ap, 'What the organization does').inputValue()).length >= 20, 'the description is empty');
		check(await field(ap, 'Country of registration').inputValue() !== '', 'no country chosen');
		check(await ap.locator('main input[name=themes]:checked').count() >= 1, 'no theme checked');
		check(await field(ap, 'Email address').inputValue() !== '', 'the contact email is empty');
		await shot(ap, 'application-resubmit');

		step('answer and send again');
		await field(ap, 'What the organization does').fill(answer);
		const r = await submit(ap, button(ap, 'Send the application again'));
		check(r.status() === 200 && ap.url() === link,
		    `sending again led to ${ap.url()} (${r.status()}): ${(await mainText(ap)).slice(0, 400)}`);
		check((await mainText(ap)).includes('Waiting for review'), `after sending: "${(await mainText(ap)).slice(0, 300)}"`);
		check(await button(ap, 'Send the application again').count() === 0, 'the form is still offered');

		step('staff see it pending again, with the answer and the history');
		await visit(staff, '/staff/applications');
		check((await queue(staff)).some((x) => x.id === a.id), 'the answered application is not in the pending queue');
		await visit(staff, a.href);
		check(/Status: Waiting for review/.test(await mainText(staff)), 'the application is not pending');
		const hist = await text(staff.locator('main ol.history'));
		check(/More information requested/.test(hist) && /Sent again/.test(hist), `the history says "${hist}"`);
		check((await mainText(staff)).includes(answer), 'staff do not see the new description');
	});

	await test('a likely duplicate of a member is flagged for staff', async (step) => {
		step('find it in the queue');
		await visit(staff, '/staff/applications');
		const dup = (await queue(staff)).find((x) => x.name === org1.name);
		check(dup, `no application named "${org1.name}" (organization 1) in the queue`);
		check(/\d/.test(dup.text.split(' ').pop()), `the queue does not count its duplicates: "${dup.text}"`);
		step('open it');
		await visit(staff, dup.href);
		const note = staff.getByRole('main').locator('.notice', { hasText: 'Possible duplicates' });
		check(await note.isVisible(), 'no "Possible duplicates" on the application');
		const t = await text(note);
		check(t.includes(org1.name) && t.includes('same name in the same country') && /organization 1\b/.test(t),
		    `the duplicates say: "${t}"`);
		await shot(staff, 'staff-application-duplicate');
	});

	await test('visibility: contact staff only, description members: visitor, member, staff', async (step) => {
		step('the admin of organization 1 signs in');
		await signIn(member, MEMBER.email, MEMBER.password);
		check(path(member) === '/', `signed in, landed on ${member.url()}`);
		step('the admin edits organization 1');
		await visit(member, '/organizations/1');
		check(await member.getByRole('main').getByRole('link', { name: 'Edit the profile' }).isVisible(),
		    'the admin of organization 1 is not offered "Edit the profile"');
		await submit(member, member.getByRole('main').getByRole('link', { name: 'Edit the profile' }));
		check(path(member) === '/organizations/1/edit', `the link led to ${member.url()}`);
		check(await h1(member) === 'Edit the organization\'s profile', `h1 is "${await h1(member)}"`);
		const description = (await field(member, 'What the organization does').inputValue()).trim();
		const email = await field(member, 'Email address').inputValue();
		check(description.length >= 20 && email.includes('@'), `the form holds "${description}" and "${email}"`);
		check(!org1.email || email === org1.email, `the form's contact email ${email} is not ${org1.email}`);
		await member.getByRole('main').getByLabel('Contact details', { exact: true }).selectOption({ label: 'Staff only' });
		await member.getByRole('main').getByLabel('Description', { exact: true }).selectOption({ label: 'Members and government focal points' });
		await shot(member, 'org-edit');
		const r = await submit(member, button(member, 'Save'));
		check(r.status() === 200 && path(member) === '/organizations/1',
		    `saving led to ${member.url()} (${r.status()}): ${(await mainText(member)).slice(0, 400)}`);

		const seen = async (who, p) => {
			const r2 = await visit(p, '/organizations/1');
			check((await h1(p)).startsWith(org1.name), `${who}: h1 is "${await h1(p)}"`);
			const html = await r2.text();
			return { html, description: html.includes(description), email: html.includes(email) };
		};
		step('a visitor');
		const vp = await (await context()).newPage();
		const v = await seen('visitor', vp);
		check(!v.description, 'a visitor sees the description');
		check(!v.email, 'a visitor sees the contact email');
		check(await nav(vp).getByRole('link', { name: 'Sign in' }).isVisible(), 'the visitor is signed in?');
		await shot(vp, 'org-profile-visitor');
		step('a visitor, JSON');
		const api = await vp.request.get(BASE + '/api/v1/organizations/1');
		check(api.status() === 200, `GET /api/v1/organizations/1 answered ${api.status()}`);
		const body = await api.text();
		check(JSON.parse(body).name === org1.name, `the JSON is not organization 1: ${body.slice(0, 200)}`);
		check(!body.includes(email), 'the visitor\'s JSON holds the contact email');
		check(!body.includes(JSON.stringify(description).slice(1, -1)), 'the visitor\'s JSON holds the description');
		check(!/"contact"|"description"/.test(body), `the visitor's JSON has a contact or description key: ${body}`);

		step('a member of another organization');
		check(approvedOrgId, 'test 1 approved no organization, so there is no other member');
		const m = await seen('member', applicant);
		check(m.description, 'a member of another organization does not see the description');
		check(!m.email, 'a member of another organization sees the staff-only contact email');
		await shot(applicant, 'org-profile-member');
		const mapi = await applicant.request.get(BASE + '/api/v1/organizations/1');
		const mbody = await mapi.text();
		check(mapi.status() === 200 && !mbody.includes(email) && /"description"/.test(mbody),
		    `the member's JSON (${mapi.status()}): ${mbody.slice(0, 300)}`);

		step('staff');
		const s = await seen('staff', staff);
		check(s.description && s.email, `staff see description: ${s.description}, email: ${s.email}`);
		await shot(staff, 'org-profile-staff');
		const hist = await text(staff.locator('main ol.history'));
		check(/Mia Member/.test(hist) && /visibility/.test(hist), `the profile's changes say "${hist}"`);
	});

	await test('join form: a fake logo comes back with the input kept; a script stays inert', async (step) => {
		const p = await (await context()).newPage();
		const bad = {
			name: `Quill & <Sons> Witness Support ${stamp}`,
			kind: 'ngo',
			country: 'MX',
			description: 'We accompany <script>alert(1)</script> witnesses of crime through trials, **safely**.',
			themes: [{ value: 'cybercrime', label: 'Cybercrime' }, { value: 'youth', label: 'Youth and crime' }],
			contactName: 'Inés Quill',
			contactEmail: `ines.${stamp}@quill.example.net`,
			password: 'harbour velvet cactus piano',
			consent: true,
			logo: { name: 'logo.png', mimeType: 'image/png',
			    buffer: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>\n') },
		};

		step('send it with an HTML file as the logo');
		await visit(p, '/join');
		await fillOrg(p, bad);
		const r = await submit(p, button(p, 'Send the application'));
		check(r.status() === 422, `POST /join answered ${r.status()}, expected 422`);
		check(await h1(p) === 'Join', `h1 is "${await h1(p)}"`);
		check(await p.getByRole('alert').isVisible(), 'no alert summarising the errors');
		await shot(p, 'join-errors');
		step('the message is next to the logo field');
		const err = p.locator('main .field', { has: p.locator('#f-logo') }).locator('.error');
		check(await err.count() === 1 && await text(err) === 'The logo must be a PNG, JPEG or WebP image.',
		    `the logo field says "${await err.count() ? await text(err) : ''}"`);
		check(await field(p, 'Logo').getAttribute('aria-invalid') === 'true', 'the logo input lacks aria-invalid');
		const others = await p.locator('main .error').allInnerTexts();
		check(others.length === 1, `more errors than the logo's: ${others.join(' | ')}`);
		step('what was typed is kept');
		const kept = {
			name: await field(p, 'Name of the organization').inputValue(),
			description: await field(p, 'What the organization does').inputValue(),
			country: await field(p, 'Country of registration').inputValue(),
			kind: await field(p, 'Kind of organization').inputValue(),
			contact: await field(p, 'Email address').inputValue(),
			themes: (await p.locator('main input[name=themes]:checked').evaluateAll(
			    (els) => els.map((e) => e.value))).sort().join(','),
		};
		const wantKept = { name: bad.name, description: bad.description, country: bad.country, kind: bad.kind,
		    contact: bad.contactEmail, themes: bad.themes.map((t) => t.value).sort().join(',') };
		for (const k of Object.keys(wantKept))
			check(kept[k] === wantKept[k], `${k} came back as "${kept[k]}", typed "${wantKept[k]}"`);
		check(await field(p, 'Password').inputValue() === '', 'the password was sent back into the page');

		step('send it again without the logo');
		await field(p, 'Password').fill(bad.password);
		await submit(p, button(p, 'Send the application'));
		check(await h1(p) === 'Application received', `h1 is "${await h1(p)}": ${(await mainText(p)).slice(0, 300)}`);
		const mail = await waitForMail(bad.contactEmail, { subject: /Confirm your application/ });
		await confirmAddress(p, linkIn(mail, /^\/verify\?token=/), bad.password);

		step('staff open it');
		await visit(staff, '/staff/applications');
		const row = (await queue(staff)).find((x) => x.name === bad.name);
		check(row, `"${bad.name}" is not in the queue (its name shown as typed)`);
		await visit(staff, row.href);
		check(await h1(staff) === bad.name, `h1 is "${await h1(staff)}"`);
		const scripts = await staff.locator('main script').evaluateAll(
		    (els) => els.map((e) => `${e.type || 'text/javascript'}: ${e.textContent.slice(0, 80)}`));
		check(scripts.every((s) => s.startsWith('application/ld+json:')), `scripts in <main>: ${scripts.join(' | ')}`);
		const anywhere = await staff.locator('script').evaluateAll(
		    (els) => els.filter((e) => e.textContent.includes('alert(')).length);
		check(anywhere === 0, 'the description\'s script is a <script> element on the staff page');
		const md = await text(staff.locator('main .md'));
		check(md.includes('witnesses of crime through trials'), `the description reads "${md}"`);
		check(await staff.locator('main .md strong').first().innerText() === 'safely', 'the Markdown is not rendered');
	});

	await test('phone width: the membership pages do not scroll sideways', async (step) => {
		const visitor = await (await context()).newPage();
		const wide = [];
		for (const [p, where] of [[visitor, '/join'], [staff, '/staff/applications'],
		    [staff, '/staff/applications/1'], [member, '/organizations/1/edit'],
		    [applicant, '/organizations']]) {
			step(`open ${where} at 375 px`);
			const size = p.viewportSize();
			await p.setViewportSize({ width: 375, height: 740 });
			try {
				await visit(p, where);
				const w = await sideways(p);
				if (w)
					wide.push(`${where}: ${w}`);
			} finally {
				await p.setViewportSize(size);
			}
		}
		check(wide.length === 0, wide.join('\n'));
	});

	const joiner = {
		name: 'Ravi Okafor',
		email: `ravi.${stamp}@example.org`,
		password: 'saffron tunnel orbit meadow',
	};

	await test('a person asks to join organization 1; its admin confirms; the person is a member', async (step) => {
		const p = person;

		step('create an account');
		await visit(p, '/signup');
		await p.getByLabel('Your name').fill(joiner.name);
		await p.getByLabel('Email address').fill(joiner.email);
		await p.getByLabel('Password', { exact: true }).fill(joiner.password);
		await submit(p, button(p, 'Create an account'));
		check(await h1(p) === 'Check your email', `after sign-up the h1 is "${await h1(p)}"`);
		const v = await waitForMail(joiner.email);
		await confirmAddress(p, linkIn(v, /^\/verify\?token=/), joiner.password);
		await signIn(p, joiner.email, joiner.password);
		check(path(p) === '/', `signed in, landed on ${p.url()}`);
		step('the members\' pages are closed to a new account');
		const closed = await p.goto(BASE + '/organizations');
		check(closed.status() !== 200 || await h1(p) !== 'Organizations', '/organizations is open to a new account');

		step('organization 1, public fields only');
		await visit(p, '/organizations/1');
		check((await h1(p)).startsWith(org1.name), `h1 is "${await h1(p)}"`);
		const html = await p.content();
		check(!org1.description || !html.includes(org1.description), 'a new account sees the members-only description');
		check(!org1.email || !html.includes(org1.email), 'a new account sees the contact email');
		check(await p.getByRole('main').getByRole('link', { name: 'Edit the profile' }).count() === 0,
		    'a new account is offered "Edit the profile"');
		step('ask to join');
		await field(p, 'Your title').fill('Researcher');
		await field(p, 'Message to the organization').fill(`I run your Kisumu office (${stamp}).`);
		await shot(p, 'org-profile-ask');
		await submit(p, button(p, 'Ask to join this organization'));
		check(/^\/applications\/\d+$/.test(path(p)) && await h1(p) === 'Your application',
		    `asking led to ${p.url()} "${await h1(p)}"`);
		check((await mainText(p)).includes('Waiting for review'), 'the request is not shown as waiting');

		step('the admin of organization 1 hears of it');
		const mail = await waitForMail(MEMBER.email, { subject: /asks to join/ });
		check(mail.body.includes(joiner.name), `the mail does not name the person:\n${mail.body}`);
		const link = linkIn(mail, /^\/organizations\/1\/requests$/);
		await visit(member, link);	/* signed in since the visibility test */
		if (path(member) === '/signin')
			await signIn(member, MEMBER.email, MEMBER.password).then(() => visit(member, link));
		check(await h1(member) === 'Requests to join', `h1 is "${await h1(member)}"`);
		const item = member.getByRole('main').locator('li', { hasText: joiner.email });
		check(await item.count() === 1, `the request of ${joiner.email} is not listed: "${await mainText(member)}"`);
		const it = await text(item);
		check(it.includes(joiner.name) && it.includes('Researcher') && it.includes(`Kisumu office (${stamp})`),
		    `the request reads "${it}"`);
		await shot(member, 'org-requests');
		step('confirm');
		await submit(member, item.getByRole('button', { name: 'Confirm' }));
		check(path(member) === '/organizations/1/requests', `confirming led to ${member.url()}`);
		check(await member.getByRole('main').locator('li', { hasText: joiner.email }).count() === 0,
		    'the request is still listed');

		step('the person is a member now');
		await waitForMail(joiner.email, { subject: /^You have joined your organization/ });
		await visit(p, '/organizations');
		check(await h1(p) === 'Organizations', `h1 is "${await h1(p)}"`);
		check(await nav(p).getByRole('link', { name: 'Organizations' }).isVisible(), 'no "Organizations" in the header');
	});

	await test('the admin of organization 1 reads its history: the request confirmed, newest first', async (step) => {
		step('from the profile');
		await visit(member, '/organizations/1');
		await submit(member, member.getByRole('main').getByRole('link', { name: 'History', exact: true }));
		check(path(member) === '/organizations/1/history', `the link led to ${member.url()}`);
		check(await h1(member) === 'History of the organization', `h1 is "${await h1(member)}"`);
		const rows = member.getByRole('main').locator('tbody tr');
		check(await rows.count() >= 2, `${await rows.count()} entries in the history`);
		const first = await text(rows.nth(0));
		check(first.includes('Application approved') && first.includes(MEMBER.name) && first.includes(joiner.name),
		    `the newest entry reads "${first}"`);
		const second = await text(rows.nth(1));
		check(second.includes('Asked to join') && second.includes(joiner.name),
		    `the entry before it reads "${second}"`);
		await shot(member, 'org-history');
		step('the person who joined is no admin: refused');
		await visit(person, '/organizations/1/history', 403);
	});

	await test('staff import organizations from CSV: progress, then the report with the bad line first', async (step) => {
		step('open the import page');
		if (path(staff) === '/signin' || !(await nav(staff).getByRole('link', { name: 'Staff' }).count()))
			await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/organizations/import');
		check(await h1(staff) === 'Import organizations', `h1 is "${await h1(staff)}"`);
		check((await mainText(staff)).includes('MB'), 'the page does not say the size limit');
		await shot(staff, 'staff-import');
		step('upload a file with a good row and a bad one');
		const csv = '\ufeffname;kind;country;description;themes;contact_name;contact_email\r\n' +
		    `Kelp Forest Guardians ${stamp};ngo;KE;"Guards the reefs,\nand the people who fish them.";` +
		    'wildlife_crime;Amani;amani@kelp.example.net\r\n' +
		    `Nowhere ${stamp};ngo;XX;A country code that does not exist.;corruption;No;no@nowhere.example.net\r\n`;
		await staff.getByRole('main').getByLabel('CSV file').setInputFiles(
		    { name: 'orgs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await submit(staff, button(staff, 'Import'));
		check(/^\/staff\/organizations\/import\/[0-9]+$/.test(path(staff)), `the upload led to ${staff.url()}`);
		step('the page refreshes itself until the report');
		await staff.getByRole('heading', { name: 'Summary' }).waitFor({ timeout: 20000 }).catch(() => {});
		const t = await mainText(staff);
		check(t.includes('Summary'), `no report after 20 s: "${t}"`);
		const rows = staff.getByRole('main').locator('tbody tr');
		check(await rows.count() === 2, `${await rows.count()} lines in the report`);
		const first = await text(rows.nth(0));
		check(first.startsWith('4 Error') && first.includes('country "XX"'), `the first line reads "${first}"`);
		const second = await text(rows.nth(1));
		check(second.startsWith('2–3 Created'), `the second line reads "${second}"`);
		await shot(staff, 'staff-import-report');
		step('the new organization has its profile');
		await submit(staff, rows.nth(1).getByRole('link'));
		check((await h1(staff)).startsWith('Kelp Forest Guardians'), `h1 is "${await h1(staff)}"`);
	});

	await test('no console errors in any browser context', async () => {
		const errs = contexts.flatMap((c) => c.consoleErrors);
		check(errs.length === 0, `console errors:\n${errs.join('\n')}`);
	});
}

run('membership.js', main, 90000);
