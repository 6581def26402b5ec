#!/usr/bin/env node
/*
 * gen.js -- differential test of our Mustache engine against mustache.js.
 *
 * Generates random templates, JSON contexts and partials from a fixed seed,
 * renders each with mustache.js and with $B/tests/tools/mustache_render,
 * and prints TAP: one line per batch of 50 templates, with the details of the
 * first few mismatches as comments.  Exits 0 when every template agrees.
 *
 * Where mustache.js departs from the Mustache spec (which our engine follows)
 * the generator throws the candidate away and draws another; see quirks()
 * and SpecContext for the three places this happens.
 *
 * Environment: ROOT (repository root), MUSTACHE_RENDER (the tool),
 * MUSTACHE_SEED, MUSTACHE_CASES, MUSTACHE_KEEP=1 (keep the case files).
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const Mustache = require('mustache');

const CASES = Number(process.env.MUSTACHE_CASES || 500);
const SEED = Number(process.env.MUSTACHE_SEED || 20240611);
const BATCH = 50;
const MAX_DETAILS = 5;
const ROOT = process.env.ROOT || path.resolve(__dirname, '..', '..');
const BIN = process.env.MUSTACHE_RENDER ||
	path.join(ROOT, process.env.B || 'build', 'tests', 'tools', 'mustache_render');

/* ---------------------------------------------------------------- */
/* Deterministic randomness (mulberry32)                             */
/* ---------------------------------------------------------------- */

let state = SEED >>> 0;
function rnd() {
	state = (state + 0x6D2B79F5) >>> 0;
	let t = state;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rnd() * n);
const pick = (a) => a[int(a.length)];
const chance = (p) => rnd() < p;

/* ---------------------------------------------------------------- */
/* Data                                                              */
/* ---------------------------------------------------------------- */

const KEYS = ['a', 'b', 'c', 'd', 'name', 'items', 'ok', 'x'];
const STRINGS = [
	'plain', '', ' ', 'Tom & Jerry', '<b>bold</b>', '"quoted"', "it's",
	'a/b', '`tick`', 'k=v', '<script>alert("x")</script>', 'Zoé → ☃',
	'two\nlines', '{{a}}', '&amp;', '  padded  ', '0', 'false',
	'<a href="/x?y=1&z=2">l</a>', "'); DROP--", '=`/\'"<>&', '&#39;',
];
const NUMBERS = [
	0, 1, 2, 7, -3, 42, 1000000, 1.5, 0.1, -2.25, 3.14159, 1e21, 1.5e-7,
	0.000001, 2 ** 60, 123456.789, 100.5,
];

function scalar() {
	const r = rnd();
	if (r < 0.55) return pick(STRINGS);
	if (r < 0.75) return pick(NUMBERS);
	if (r < 0.92) return chance(0.5);
	return null;
}

/* Not null: mustache.js throws looking a name up in a null context. */
function item() {
	let v;
	do v = scalar(); while (v === null);
	return v;
}

function value(depth) {
	const r = rnd();
	if (depth >= 3 || r < 0.55) return scalar();
	if (r < 0.75) return object(depth + 1, 1 + int(3));
	return array(depth + 1);
}

function object(depth, n) {
	const o = {};
	for (let i = 0; i < n; i++) o[pick(KEYS)] = value(depth);
	return o;
}

function array(depth) {
	const a = [];
	const n = int(4);
	for (let i = 0; i < n; i++)
		a.push(chance(0.6) ? object(depth + 1, 1 + int(3)) :
			chance(0.15) ? array(depth + 1) : item());
	return a;
}

function root() {
	const o = {};
	for (const k of KEYS) if (chance(0.75)) o[k] = value(1);
	return o;
}

/*
 * Dotted names that lead somewhere in v (through objects, and through arrays
 * by index after the first segment: "items.0"), split into those ending on a
 * scalar and those ending on an object or array.
 */
function paths(v, prefix, out) {
	const add = (p, x) => {
		const leaf = x === null || typeof x !== 'object';
		(leaf ? out.scalars : out.containers).add(p);
	};
	if (v === null || typeof v !== 'object') return out;
	if (Array.isArray(v)) {
		v.forEach((e, i) => {
			paths(e, '', out);
			if (prefix) {
				add(prefix + '.' + i, e);
				paths(e, prefix + '.' + i, out);
			}
		});
		if (prefix) add(prefix + '.' + v.length, undefined);
		return out;
	}
	for (const k of Object.keys(v)) {
		const p = prefix ? prefix + '.' + k : k;
		if (prefix) add(p, v[k]);
		paths(v[k], p, out);
	}
	return out;
}

/* ---------------------------------------------------------------- */
/* Templates                                                         */
/* ---------------------------------------------------------------- */

/*
 * A template is built as a list of tokens, {text} or {tag, kind}, already
 * written with the delimiters in effect; kind is the sigil ('' for {{x}}).
 */
const DELIMS = [['<%', '%>'], ['[[', ']]'], ['<?', '?>'], ['|', '|'],
	['@', '@'], ['{%', '%}'], ['{{', '}}']];
/* No character of any delimiter, so text never forms a tag. */
const TEXTS = ['Hello', 'x', ' ', '  ', '\t', '\n', '\n', '\n', ' - ', ', ',
	'.', '&', '"', "'", '/', '=', '`', 'é', ':', '\r\n', 'a b', '\n  ',
	'  \n', '#', '!', '^'];
const COMMENTS = ['note', ' a b ', 'multi\nline', '', 'x = "y"'];

class Builder {
	constructor(names, partials, maxDepth) {
		this.tokens = [];
		this.open = '{{';
		this.close = '}}';
		this.names = names;
		this.partials = partials;	/* [{name, multiline}] usable here */
		this.maxDepth = maxDepth;
	}

	text(s) { this.tokens.push({ text: s }); }

	tag(kind, body) {
		let s;
		if (kind === '{')
			s = this.open + '{' + body + '}' + this.close;
		else
			s = this.open + kind + body + this.close;
		this.tokens.push({ tag: s, kind });
	}

	/* A name for an interpolation (leaf) or a section. */
	name(leaf) {
		const dotted = leaf ? this.names.scalars : this.names.containers;
		const r = rnd();
		if (r < 0.55) return pick(KEYS);
		if (r < 0.88 && dotted.length) return pick(dotted);
		if (r < 0.94) return '.';
		return pick(['nope', 'a.nope', 'zz.y']);
	}

	pad(s) { return chance(0.2) ? ' ' + s + ' ' : s; }

	interpolation() {
		this.tag(pick(['', '', '', '&', '{']), this.pad(this.name(true)));
	}

	section(depth) {
		const kind = chance(0.75) ? '#' : '^';
		const name = this.name(chance(0.3));
		const block = chance(0.5);
		const indent = pick(['', '', '  ', '\t']);
		if (block) this.text('\n' + indent);
		this.tag(kind, this.pad(name));
		if (block) this.text('\n');
		this.block(depth + 1);
		if (block) this.text('\n' + indent);
		this.tag('/', this.pad(name));
		if (block) this.text('\n');
	}

	comment() {
		const block = chance(0.3);
		if (block) this.text('\n' + pick(['', ' ']));
		this.tag('!', ' ' + pick(COMMENTS) + ' ');
		if (block) this.text('\n');
	}

	delimiters() {
		let d;
		do d = pick(DELIMS); while (d[0] === this.open);
		const pad = chance(0.3) ? ' ' : '';
		const block = chance(0.3);
		if (block) this.text('\n');
		this.tag('=', pad + d[0] + ' ' + d[1] + pad + '=');
		this.open = d[0];
		this.close = d[1];
		if (block) this.text('\n');
	}

	partial() {
		const p = this.partials.length && chance(0.85) ?
			pick(this.partials) : { name: 'missing', multiline: false };
		if (p.multiline || chance(0.5)) {
			this.text('\n' + pick(['', ' ', '  ', '\t ']));
			this.tag('>', this.pad(p.name));
			this.text(pick(['\n', '\r\n', '  \n']));
		} else {
			this.text(pick(['x ', '[', 'é']));
			this.tag('>', this.pad(p.name));
		}
	}

	block(depth) {
		const n = depth === 0 ? 4 + int(10) : 1 + int(4);
		for (let i = 0; i < n; i++) {
			const r = rnd();
			if (r < 0.25) this.text(pick(TEXTS));
			else if (r < 0.52) this.interpolation();
			else if (r < 0.7 && depth < this.maxDepth) this.section(depth);
			else if (r < 0.77) this.comment();
			else if (r < 0.82) this.delimiters();
			else if (r < 0.9) this.partial();
			else this.text(pick(['\n', '\n  ', ' ']));
		}
	}

	source() {
		return this.tokens.map((t) => t.text !== undefined ? t.text : t.tag)
			.join('');
	}
}

/*
 * mustache.js' standalone and indentation rules differ from the spec's in
 * two places; returns the name of the quirk a token list runs into, or null.
 *  - A line holding only whitespace and two or more non-interpolation tags
 *    ("{{#a}}{{/a}}\n") is standalone for mustache.js, not for the spec.
 *  - mustache.js indents a partial that is the first tag on its line even
 *    when it is not standalone, and indents the later lines of a partial
 *    that follows text.  So inline partials must be one line and follow
 *    some text or another tag on their line.
 */
function quirks(tokens, multiline) {
	const lines = [[]];
	for (const t of tokens) {
		if (t.text === undefined) {
			lines[lines.length - 1].push(t);
			continue;
		}
		for (const ch of t.text) {
			if (ch === '\n') lines.push([]);
			else lines[lines.length - 1].push({ ch });
		}
	}
	for (const line of lines) {
		const tags = line.filter((t) => t.kind !== undefined);
		const nonSpace = line.some((t) =>
			(t.ch !== undefined && !/\s/.test(t.ch)) ||
			t.kind === '' || t.kind === '&' || t.kind === '{');
		if (!nonSpace && tags.length >= 2) return 'standalone';
		if (!nonSpace) continue;
		let before = '';
		let index = 0;
		for (const t of line) {
			if (t.ch !== undefined) {
				before += t.ch;
				continue;
			}
			if (t.kind === '>') {
				const name = t.tag.replace(/^\W+|\W+$/g, '').trim();
				if (multiline[name]) return 'partial';
				if (index === 0 && !/\S/.test(before)) return 'partial';
			}
			index++;
		}
	}
	return null;
}

/*
 * mustache.js' lookup with the spec's rules (and our one extension, array
 * indexes after the first segment), to find where the two differ.
 */
class SpecContext extends Mustache.Context {
	push(view) { return new SpecContext(view, this); }

	lookup(name) {
		if (name === '.') return this.view;
		const names = name.split('.');
		const own = (v, k) => v !== null && typeof v === 'object' &&
			!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, k);
		let ctx = this;
		while (ctx && !own(ctx.view, names[0])) ctx = ctx.parent;
		if (!ctx) return undefined;
		let v = ctx.view[names[0]];
		for (let i = 1; i < names.length; i++) {
			if (Array.isArray(v) && /^(0|[1-9][0-9]{0,8})$/.test(names[i]) &&
				Number(names[i]) < v.length)
				v = v[Number(names[i])];
			else if (own(v, names[i]))
				v = v[names[i]];
			else
				return undefined;
		}
		return v;
	}
}

function render(tpl, data, partials, spec) {
	try {
		const view = spec ? new SpecContext(data) : data;
		return { out: Mustache.render(tpl, view, partials) };
	} catch (e) {
		return { error: e.message };
	}
}

const discarded = { standalone: 0, partial: 0, lookup: 0, 'not an error': 0 };

/* One case: {template, data, partials, expected | error}. */
function generate() {
	for (;;) {
		const data = root();
		const found = paths(data, '', { scalars: new Set(),
			containers: new Set() });
		const names = { scalars: [...found.scalars],
			containers: [...found.containers] };
		const partials = {};
		const usable = [];
		const multiline = {};
		let quirk = null;
		const np = int(4);
		for (let i = 0; i < np; i++) {
			const b = new Builder(names, usable.slice(), 2);
			b.block(1);
			const name = 'p' + i;
			partials[name] = b.source();
			multiline[name] = partials[name].includes('\n');
			quirk = quirk || quirks(b.tokens, multiline);
			usable.push({ name, multiline: multiline[name] });
		}
		const b = new Builder(names, usable, 4);
		b.block(0);
		quirk = quirk || quirks(b.tokens, multiline);
		if (quirk) {
			discarded[quirk]++;
			continue;
		}
		let template = b.source();
		const broken = chance(0.05);
		if (broken) template = breakTemplate(b.tokens);
		const js = render(template, data, partials, false);
		if (broken) {
			if (js.error === undefined) {
				discarded['not an error']++;
				continue;
			}
			return { template, data, partials, error: js.error };
		}
		if (js.error !== undefined)
			throw new Error('generated an invalid template: ' + js.error +
				'\n' + template);
		const spec = render(template, data, partials, true);
		if (spec.out !== js.out) {
			discarded.lookup++;
			continue;
		}
		return { template, data, partials, expected: js.out };
	}
}

/* Makes a syntax error: drops or renames a closing tag, or cuts a tag. */
function breakTemplate(tokens) {
	const src = tokens.map((t) => t.text !== undefined ? t.text : t.tag);
	const tagAt = tokens.map((t, i) => t.kind !== undefined ? i : -1)
		.filter((i) => i >= 0);
	const closes = tagAt.filter((i) => tokens[i].kind === '/');
	const r = rnd();
	if (r < 0.35 && closes.length) {
		src[pick(closes)] = '';
	} else if (r < 0.7 && closes.length) {
		const i = pick(closes);
		src[i] = src[i].replace(/[a-z]+/, 'wrong');
	} else if (tagAt.length) {
		const i = pick(tagAt);
		src[i] = src[i].slice(0, 1 + int(src[i].length - 1));
		return src.slice(0, i + 1).join('');
	}
	return src.join('');
}

/* ---------------------------------------------------------------- */
/* Running                                                           */
/* ---------------------------------------------------------------- */

const show = (s) => JSON.stringify(s);

/*
 * Runs the tool once on a batch of cases (--batch: one line of file names
 * in, one line of JSON out, per case); resolves to an array of
 * {status, signal, out, err}, one per case.  One process for many cases:
 * a sanitized build's start and leak check cost about 85 ms of CPU a run.
 * A batch that fails as a whole (a crash, a leak found at exit) gives
 * every case of it the batch's exit and messages.
 */
function runBatch(batch) {
	return new Promise((resolve) => {
		const child = spawn(BIN, ['--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
		const out = [];
		const err = [];
		const timer = setTimeout(() => child.kill('SIGKILL'), 300000);
		child.stdout.on('data', (d) => out.push(d));
		child.stderr.on('data', (d) => err.push(d));
		child.on('error', (e) => err.push(Buffer.from(String(e))));
		child.on('close', (status, signal) => {
			clearTimeout(timer);
			const lines = Buffer.concat(out).toString('utf8').split('\n');
			const whole = Buffer.concat(err).toString('utf8').trim();
			resolve(batch.map((c, i) => {
				let r;
				try {
					r = JSON.parse(lines[i]);
				} catch (e) {
					r = { status: null, out: '', err: 'no answer for this case' };
				}
				if (status !== 0 || signal)
					return { status, signal, out: r.out,
						err: (r.err + '\n' + whole).trim() };
				return { status: r.status, signal: null, out: r.out, err: r.err };
			}));
		});
		child.stdin.end(batch.map((c) => c.files.join('\t') + '\n').join(''));
	});
}

function report(n, c, r) {
	console.log('# template ' + n + ' differs');
	console.log('#   template: ' + show(c.template));
	console.log('#   data:     ' + show(JSON.stringify(c.data)));
	console.log('#   partials: ' + show(JSON.stringify(c.partials)));
	console.log('#   expected: ' + (c.error !== undefined ?
		'an error (' + c.error + ')' : show(c.expected)));
	console.log('#   got:      ' + show(r.out) + ', exit ' + r.status +
		(r.signal ? ' ' + r.signal : ''));
	if (r.err)
		console.log('#   stderr:   ' + r.err.split('\n').slice(0, 20)
			.join('\n#             '));
}

async function main() {
	const batches = Math.ceil(CASES / BATCH);
	console.log('1..' + batches);
	console.log('# seed ' + SEED + ', ' + CASES + ' templates, tool ' + BIN);
	if (!fs.existsSync(BIN)) {
		for (let i = 1; i <= batches; i++)
			console.log('not ok ' + i + ' - ' + BIN + ' is not built');
		return 1;
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mustache-diff-'));
	const cases = [];
	for (let n = 1; n <= CASES; n++) {
		const c = generate();
		c.files = ['template.mustache', 'data.json', 'partials.json']
			.map((f) => path.join(dir, n + '.' + f));
		fs.writeFileSync(c.files[0], c.template);
		fs.writeFileSync(c.files[1], JSON.stringify(c.data));
		fs.writeFileSync(c.files[2], JSON.stringify(c.partials));
		cases.push(c);
	}
	const width = Number(process.env.MUSTACHE_JOBS) || os.cpus().length;
	const parts = Array.from({ length: width }, (_, k) =>
		cases.filter((c, i) => i % width === k));
	const answers = await Promise.all(parts.map(runBatch));
	const results = cases.map((c, i) => answers[i % width][Math.floor(i / width)]);
	let details = 0;
	let agreed = 0;
	let errors = 0;
	for (let b = 0; b < batches; b++) {
		const first = b * BATCH + 1;
		const last = Math.min(CASES, first + BATCH - 1);
		const bad = [];
		for (let n = first; n <= last; n++) {
			const c = cases[n - 1];
			const r = results[n - 1];
			const ok = c.error !== undefined ?
				r.status === 1 && r.out === '' :
				r.status === 0 && r.out === c.expected;
			if (ok) {
				agreed++;
				if (c.error !== undefined) errors++;
				continue;
			}
			bad.push(n);
			if (details++ < MAX_DETAILS) report(n, c, r);
		}
		if (bad.length === 0)
			console.log('ok ' + (b + 1) + ' - templates ' + first + '-' +
				last + ' render as in mustache.js');
		else
			console.log('not ok ' + (b + 1) + ' - templates ' + first + '-' +
				last + ': ' + bad.length + ' differ (' + bad.join(' ') + ')');
	}
	console.log('# ' + agreed + ' of ' + CASES + ' templates agree (' + errors +
		' of them syntax errors in both)');
	console.log('# candidates discarded for mustache.js quirks: ' +
		Object.entries(discarded).map(([k, v]) => k + ' ' + v).join(', '));
	if (process.env.MUSTACHE_KEEP) console.log('# case files in ' + dir);
	else fs.rmSync(dir, { recursive: true, force: true });
	return agreed === CASES ? 0 : 1;
}

main().then((rc) => { process.exitCode = rc; }, (e) => {
	console.log('not ok - gen.js failed: ' + String(e.stack).split('\n')
		.join('\n# '));
	process.exitCode = 1;
});
