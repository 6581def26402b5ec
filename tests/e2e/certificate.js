'use strict';
/*
 * certificate.js -- the browser half of certificate.t: a certificate of
 * completion (issue 18), with JavaScript off, on a server seeded with
 * `whatson seed --demo` (the course "Stakeholder engagement in the Review
 * Mechanism", whose running cohort has one participant who read every
 * lesson and passed every quiz, so completed it).
 *
 *   1. staff open the course's completion rates: the cohort's rate, by
 *      region and kind of organization, and the certificates given;
 *   2. they follow the certificate's link: its verification page;
 *   3. a visitor (signed out) opens the same address and sees the same
 *      certificate; a code that does not exist is "Page not found";
 *   4. the visitor fetches its PDF: pdftotext finds the name and course in
 *      it, and pdftoppm turns its page into an image.
 *
 * Every page visited is checked by axe-core at the end (lib.js), at desktop
 * and phone widths.  Screenshots: out/staff-course-completion.png,
 * out/certificate-page.png, and out/course-certificate.png, the PDF's page
 * (docs/course-certificate.png).
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const {
	BASE, OUT, check, test, launch, newContext, shot, visit, text, h1, submit, signIn, run,
} = require('./lib');

const STAFF = { email: 'staff@example.org', password: 'demo-staff-pass-2026' };
const COURSE = 'Stakeholder engagement in the Review Mechanism';

async function mainText(page) {
	return text(page.getByRole('main'));
}

async function main() {
	const browser = await launch();
	const staff = await (await newContext(browser)).newPage();
	const visitorContext = await newContext(browser);
	const visitor = await visitorContext.newPage();
	let certificate = null;
	let name = null;

	await test('staff open the completion rates and a certificate given', async (step) => {
		step('sign in and open the course');
		await signIn(staff, STAFF.email, STAFF.password);
		await visit(staff, '/staff/courses');
		await submit(staff, staff.getByRole('link', { name: COURSE }));
		step('open its completion rates');
		await submit(staff, staff.getByRole('link', { name: 'Completion rates' }));
		check(await h1(staff) === 'Completion', `the h1 is "${await h1(staff)}"`);
		const t = await mainText(staff);
		check(t.includes('First cohort'), 'the cohort is not there');
		check(/1 \/ \d+ completed/.test(t), `no rate: ${t.slice(0, 400)}`);
		check(t.includes('Certificates given'), 'no certificates listed');
		check(await staff.getByRole('link', { name: 'Export as CSV' }).count() === 1, 'no CSV');
		await shot(staff, 'staff-course-completion');

		step('follow the certificate\'s link');
		await submit(staff, staff.getByRole('link', { name: 'certificate' }).first());
		check(await h1(staff) === 'Certificate of completion', `the h1 is "${await h1(staff)}"`);
		certificate = new URL(staff.url()).pathname;
		check(/^\/certificates\/[a-z2-7]{26}$/.test(certificate), `the address is ${certificate}`);
		const c = await mainText(staff);
		check(c.includes(COURSE) && c.includes('First cohort') && c.includes('12'),
		    `the certificate: ${c.slice(0, 400)}`);
		name = await text(staff.locator('dd bdi').first());
		check(name && name.length > 1, 'no name');
	});

	await test('a visitor confirms the certificate and opens its PDF', async (step) => {
		step('open the verification address signed out');
		await visit(visitor, certificate);
		check(await h1(visitor) === 'Certificate of completion', `the h1 is "${await h1(visitor)}"`);
		const c = await mainText(visitor);
		check(c.includes(name) && c.includes(COURSE), `the certificate: ${c.slice(0, 400)}`);
		check(c.includes('This certificate is genuine'), 'not said to be genuine');
		await shot(visitor, 'certificate-page');

		step('a code that does not exist');
		await visit(visitor, '/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa', 404);
		check(await h1(visitor) === 'Page not found', `the h1 is "${await h1(visitor)}"`);

		step('fetch the PDF and turn it into an image');
		const resp = await visitorContext.request.get(`${BASE}${certificate}.pdf`);
		check(resp.status() === 200, `the PDF answered ${resp.status()}`);
		check((resp.headers()['content-type'] || '').startsWith('application/pdf'),
		    `Content-Type ${resp.headers()['content-type']}`);
		const pdf = path.join(OUT, 'course-certificate.pdf');
		fs.writeFileSync(pdf, await resp.body());
		const said = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString();
		check(said.includes(name) && said.includes(COURSE) && said.includes('First cohort'),
		    `the PDF says: ${said.slice(0, 400)}`);
		execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf,
			path.join(OUT, 'course-certificate')]);
		check(fs.statSync(path.join(OUT, 'course-certificate.png')).size > 10000,
		    'the image of the PDF is too small');
	});
}

run('certificate.js', main, 60000);
