#!/usr/bin/env node
/*
 * check-api.js -- checks WhatsOn's JSON answers against docs/openapi.yaml (TAP).
 *
 *   node check-api.js [--spec FILE] [--label NAME] LOG...   answers the tests got
 *   node check-api.js [--spec FILE] --routes src/app/routes.c   the route table
 *
 * A LOG has one JSON object a line, {program, method, path, status,
 * content_type, body}, as tests/lib/testsrv.c writes them when
 * $WHATSON_TEST_API_LOG names a file.  Each answer is matched to its path and
 * method in the description; its status must be listed there (`default` and
 * ranges such as `4XX` do not count: every status is written out), its
 * Content-Type must be the one listed, and its body must validate against the
 * schema (JSON Schema 2020-12, as OpenAPI 3.1 uses, with formats checked).  A
 * JSON body where the description lists no content is an error too.  A path
 * the description does not have may only answer 404, and a method it does not
 * list for the path only 405, each as problem+json.  One TAP line is printed
 * for each method, path and status, failing with the first schema error and
 * the number of answers that failed; further errors follow as comments.  A
 * comment lists the described /api success answers that no test received.
 *
 * With --routes, every row of the route table that answers JSON (RF_API rows
 * at their path, RF_TWIN pages at /api/v1<path>) must be in the description,
 * and every /api path and method in the description must be a row.
 *
 * Exits 1 when anything failed, 2 on a usage or reading error.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const HERE = __dirname;
const ROOT = path.resolve(HERE, '../..');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const MAX_COMMENTS = 5;
let specName = 'docs/openapi.yaml';	/* in messages: the description checked */

let failed = 0;
function ok(name) { console.log(`ok - ${name}`); }
function notOk(name, comments) {
	failed = 1;
	console.log(`not ok - ${name}`);
	for (const c of comments || [])
		console.log(`# ${String(c).replace(/\n/g, '\n# ')}`);
}
function die(msg) {
	console.log(`not ok - ${msg}`);
	process.exit(2);
}

/* ---- the description ------------------------------------------------- */

function loadSpec(file) {
	let doc;
	try {
		doc = YAML.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		die(`${file}: ${e.message.split('\n')[0]}`);
	}
	if (!doc || typeof doc.paths !== 'object')
		die(`${file}: no paths`);
	return doc;
}

/* A JSON pointer '#/a/b' inside doc. */
function deref(doc, ref) {
	if (!ref.startsWith('#/'))
		throw new Error(`only local $refs are supported: ${ref}`);
	let v = doc;
	for (const part of ref.slice(2).split('/'))
		v = v == null ? undefined : v[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	if (v === undefined)
		throw new Error(`$ref ${ref} points to nothing`);
	return v;
}

/* Follows $ref until a plain object. */
function resolve(doc, obj) {
	const seen = new Set();
	while (obj && typeof obj.$ref === 'string') {
		if (seen.has(obj.$ref))
			throw new Error(`$ref loop at ${obj.$ref}`);
		seen.add(obj.$ref);
		obj = deref(doc, obj.$ref);
	}
	return obj;
}

/* A schema with its references to '#/components/schemas/X' made absolute:
 * one registered schema holds the components as its $defs. */
function rebase(schema) {
	if (Array.isArray(schema))
		return schema.map(rebase);
	if (!schema || typeof schema !== 'object')
		return schema;
	const out = {};
	for (const [k, v] of Object.entries(schema)) {
		if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/'))
			out[k] = 'openapi-components#/$defs/' + v.slice('#/components/schemas/'.length);
		else
			out[k] = rebase(v);
	}
	return out;
}

function newAjv(doc) {
	const ajv = new Ajv2020({
		allErrors: true,
		strict: true,		/* a misspelt keyword is an error, not a pass */
		strictTypes: false,
		strictTuples: false,
		strictRequired: false,
		validateFormats: true,
	});
	addFormats(ajv);
	ajv.addFormat('binary', true);
	/* OpenAPI's own keywords inside schemas */
	ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
	/* the components, where '#/components/...' references point */
	ajv.addSchema({$id: 'openapi-components',
		$defs: rebase((doc.components && doc.components.schemas) || {})});
	return ajv;
}

/* OpenAPI path templates, literal ones first (OpenAPI's rule), as regexps. */
function pathMatchers(doc) {
	const list = Object.keys(doc.paths).map((p) => {
		const nparams = (p.match(/\{[^}]+\}/g) || []).length;
		const rx = new RegExp('^' + p.split(/(\{[^}]+\})/).map((part) =>
			/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
		).join('') + '$');
		return {path: p, rx, nparams};
	});
	list.sort((a, b) => a.nparams - b.nparams);
	return list;
}

/* ---- the answers ----------------------------------------------------- */

function mediaOf(ctype) {
	return (ctype || '').split(';')[0].trim().toLowerCase();
}

function isJsonMedia(m) {
	return m === 'application/json' || /\+json$/.test(m);
}

function short(v) {
	let s;
	try {
		s = JSON.stringify(v);
	} catch (e) {
		s = String(v);
	}
	if (s === undefined)
		s = String(v);
	return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

/* ajv's errors in words: where in the body, what is wrong, what was there. */
function describeErrors(errors, body) {
	return errors.map((e) => {
		let at = e.instancePath || '';
		let what = e.message;
		if (e.keyword === 'additionalProperties')
			at += '/' + e.params.additionalProperty, what = 'is not in the schema';
		else if (e.keyword === 'required')
			at += '/' + e.params.missingProperty, what = 'is required but missing';
		else if (e.keyword === 'enum')
			what += ` (${e.params.allowedValues.map(short).join(', ')})`;
		let got;
		if (e.keyword !== 'required' && e.keyword !== 'additionalProperties') {
			got = body;
			for (const part of (e.instancePath || '').split('/').slice(1))
				got = got == null ? undefined : got[part.replace(/~1/g, '/').replace(/~0/g, '~')];
		}
		return `body${at || ''}: ${what}` + (got !== undefined ? `, got ${short(got)}` : '') +
			` [schema ${e.schemaPath}]`;
	});
}

/*
 * Checks one answer; returns {key, errors} where key names the method, the
 * description's path (or the request's, when none matches) and the status.
 */
function checkOne(doc, ajv, matchers, cache, rec) {
	const reqPath = String(rec.path || '').split('?')[0];
	let method = String(rec.method || '').toLowerCase();
	const head = method === 'head';
	if (head)
		method = 'get';
	const status = String(rec.status);
	const media = mediaOf(rec.content_type);
	const m = matchers.find((x) => x.rx.test(reqPath));
	const errors = [];
	let key;

	let body, parsed = false;
	if (!head && typeof rec.body === 'string' && rec.body.length && isJsonMedia(media)) {
		try {
			body = JSON.parse(rec.body);
			parsed = true;
		} catch (e) {
			errors.push(`the body is not JSON: ${e.message}`);
		}
	} else if (rec.body === null) {
		errors.push('the body is not UTF-8 text');
	}

	const problemOnly = (why) => {
		if (media !== 'application/problem+json')
			errors.push(`${why}; the answer should be application/problem+json, not ${rec.content_type || 'without a Content-Type'}`);
		else if (parsed)
			errors.push(...validate(ajv, cache, '#/components/schemas/Problem',
				{$ref: '#/components/schemas/Problem'}, body));
	};

	if (!m) {
		key = `${method.toUpperCase()} ${reqPath} ${status}`;
		if (status === '404')
			problemOnly(`no path in ${specName}`);
		else
			errors.push(`no path in ${specName} matches ${reqPath}`);
		return {key, errors};
	}
	key = `${method.toUpperCase()} ${m.path} ${status}`;
	const item = resolve(doc, doc.paths[m.path]);
	const op = item[method];
	if (!op) {
		if (status === '405')
			problemOnly(`${m.path} has no ${method}`);
		else
			errors.push(`${m.path} has no ${method} in ${specName}`);
		return {key, errors};
	}
	const responses = op.responses || {};
	if (!(status in responses)) {
		errors.push(`status ${status} is not listed for ${method} ${m.path} ` +
			`(listed: ${Object.keys(responses).join(', ') || 'none'})`);
		return {key, errors};
	}
	const resp = resolve(doc, responses[status]);
	const content = resp.content || {};
	if (!Object.keys(content).length) {
		if (parsed || (!head && rec.body && rec.body.length))
			errors.push(`status ${status} has no content in ${specName} but the answer has a ` +
				`${rec.content_type || ''} body: describe it`);
		return {key, errors};
	}
	if (!(media in content)) {
		errors.push(`Content-Type ${rec.content_type || '(none)'} is not listed ` +
			`(listed: ${Object.keys(content).join(', ')})`);
		return {key, errors};
	}
	const mt = content[media] || {};
	if (!mt.schema) {
		if (isJsonMedia(media))
			errors.push(`${media} of status ${status} has no schema in ${specName}`);
		return {key, errors};
	}
	if (parsed)
		errors.push(...validate(ajv, cache, `${method} ${m.path} ${status} ${media}`, mt.schema, body));
	else if (!head && isJsonMedia(media) && !errors.length)
		errors.push('the answer has no body');
	return {key, errors};
}

function validate(ajv, cache, id, schema, body) {
	let v = cache.get(id);
	if (!v) {
		try {
			v = ajv.compile(rebase(schema));
		} catch (e) {
			v = {bad: e.message};
		}
		cache.set(id, v);
	}
	if (v.bad)
		return [`the schema in ${specName} does not compile: ${v.bad}`];
	if (v(body))
		return [];
	return describeErrors(v.errors || [], body);
}

function checkLogs(doc, files, label) {
	const ajv = newAjv(doc);
	const matchers = pathMatchers(doc);
	const cache = new Map();
	const groups = new Map();	/* key -> {n, bad, errors: [{where, errors}]} */
	let total = 0;

	for (const file of files) {
		let text;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (e) {
			if (e.code === 'ENOENT')
				continue;	/* a program that got no JSON */
			die(`${file}: ${e.message}`);
		}
		text.split('\n').forEach((line, i) => {
			if (!line.trim())
				return;
			let rec;
			try {
				rec = JSON.parse(line);
			} catch (e) {
				notOk(`${label}openapi: ${path.basename(file)} line ${i + 1} is not JSON`);
				return;
			}
			total++;
			let res;
			try {
				res = checkOne(doc, ajv, matchers, cache, rec);
			} catch (e) {
				res = {key: `${rec.method} ${rec.path} ${rec.status}`, errors: [e.message]};
			}
			let g = groups.get(res.key);
			if (!g)
				groups.set(res.key, g = {n: 0, bad: 0, errors: []});
			g.n++;
			if (res.errors.length) {
				g.bad++;
				g.errors.push({where: `${rec.program || path.basename(file)}: ` +
					`${rec.method} ${rec.path} ${rec.status}`, errors: res.errors});
			}
		});
	}
	if (total === 0) {
		notOk(`${label}openapi: no JSON answers were logged (is WHATSON_TEST_API_LOG set?)`);
		return;
	}
	/* what no answer showed: a note for whoever writes the next test */
	const untested = [];
	for (const [p, item0] of Object.entries(doc.paths)) {
		const item = resolve(doc, item0);
		for (const meth of METHODS)
			for (const st of Object.keys((item[meth] && item[meth].responses) || {}))
				if (p.startsWith('/api/') && /^2/.test(st) && !groups.has(`${meth.toUpperCase()} ${p} ${st}`))
					untested.push(`${meth.toUpperCase()} ${p} ${st}`);
	}
	if (untested.length)
		console.log(`# ${label}openapi: no test received: ${untested.join('; ')}`);
	for (const key of [...groups.keys()].sort()) {
		const g = groups.get(key);
		const count = `${g.n} answer${g.n === 1 ? '' : 's'}`;
		if (!g.bad) {
			ok(`${label}openapi: ${key} (${count})`);
			continue;
		}
		const first = g.errors[0];
		const comments = [];
		for (const e of g.errors.slice(0, MAX_COMMENTS)) {
			comments.push(`${e.where}:`);
			for (const s of e.errors.slice(0, 8))
				comments.push(`  ${s}`);
		}
		if (g.errors.length > MAX_COMMENTS)
			comments.push(`... and ${g.errors.length - MAX_COMMENTS} more answers`);
		notOk(`${label}openapi: ${key}: ${first.errors[0]} (${g.bad} of ${count} fail; ` +
			`first: ${first.where})`, comments);
	}
}

/* ---- the route table ------------------------------------------------- */

/* The rows of src/app/routes.c's app_routes[]: {method, pattern, flags, line}. */
function readRoutes(file) {
	const src = fs.readFileSync(file, 'utf8').split('\n');
	const rows = [];
	let inTable = false, seenEnd = false;

	src.forEach((line, i) => {
		if (/^const struct route app_routes\[\]\s*=\s*\{/.test(line)) {
			inTable = true;
			return;
		}
		if (!inTable || seenEnd)
			return;
		const t = line.replace(/\/\*.*?\*\//g, '').trim();
		if (!t)
			return;
		if (/^\{\s*0\s*,\s*NULL/.test(t) || t === '};') {
			seenEnd = true;
			return;
		}
		const m = /^\{\s*HM_([A-Z]+)\s*,\s*"([^"]+)"\s*,(.*)\}\s*,?$/.exec(t);
		if (!m)
			die(`${file}:${i + 1}: a route row this check cannot read: ${t}`);
		const fields = m[3].split(',').map((s) => s.trim());
		/* the sixth: declared query; the seventh: the kind of upload it takes */
		if (fields.length < 5 || fields.length > 7)
			die(`${file}:${i + 1}: a route row needs handler, roles, csrf, rate limit and flags (and maybe its query and upload kind): ${t}`);
		rows.push({method: m[1].toLowerCase(), pattern: m[2], flags: fields[4], line: i + 1});
	});
	if (!rows.length)
		die(`${file}: no app_routes[] table found`);
	return rows;
}

function shape(p) {
	return p.replace(/\{[^}]+\}/g, '{}');
}

function checkRoutes(doc, file) {
	const rows = readRoutes(file);
	const rel = path.relative(ROOT, path.resolve(file));
	const described = new Map();	/* "get /api/v1/{}" -> openapi path */
	for (const [p, item0] of Object.entries(doc.paths)) {
		const item = resolve(doc, item0);
		for (const meth of METHODS)
			if (item[meth])
				described.set(`${meth} ${shape(p)}`, p);
	}
	const served = new Set();
	let json = 0, missing = 0;
	for (const r of rows) {
		const at = [];
		if (/\bRF_API\b/.test(r.flags) || r.pattern.startsWith('/api/'))
			at.push(r.pattern);
		if (/\bRF_TWIN\b/.test(r.flags))
			at.push('/api/v1' + r.pattern);
		for (const p of at) {
			json++;
			served.add(`${r.method} ${shape(p)}`);
			if (!described.has(`${r.method} ${shape(p)}`)) {
				missing++;
				notOk(`openapi: ${r.method.toUpperCase()} ${p} (${rel}:${r.line}) is not in ${specName}`);
			}
		}
	}
	if (!missing)
		ok(`openapi: ${specName} describes all ${json} JSON routes of ${rel}`);
	let extra = 0;
	for (const [k, p] of described) {
		if (!p.startsWith('/api/') || served.has(k))
			continue;
		extra++;
		notOk(`openapi: ${k.split(' ')[0].toUpperCase()} ${p} is in ${specName} but no row of ${rel} serves it`);
	}
	if (!extra)
		ok(`openapi: every /api path of ${specName} is a row of ${rel}`);
}

/* ---- main ------------------------------------------------------------ */

function main(argv) {
	let spec = path.join(ROOT, 'docs/openapi.yaml'), label = '', routes = null;
	const logs = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--spec' && i + 1 < argv.length)
			spec = argv[++i];
		else if (a === '--label' && i + 1 < argv.length)
			label = argv[++i] + ': ';
		else if (a === '--routes' && i + 1 < argv.length)
			routes = argv[++i];
		else if (a.startsWith('--'))
			die(`check-api.js: unknown option ${a}`);
		else
			logs.push(a);
	}
	if (!routes && !logs.length)
		die('usage: check-api.js [--spec FILE] [--label NAME] LOG... | --routes FILE');
	specName = path.relative(ROOT, path.resolve(spec));
	const doc = loadSpec(spec);
	if (routes)
		checkRoutes(doc, routes);
	if (logs.length)
		checkLogs(doc, logs, label);
	process.exit(failed);
}

main(process.argv.slice(2));
