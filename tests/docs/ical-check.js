#!/usr/bin/env node
/*
 * ical-check.js -- reads an iCalendar feed the server wrote (RFC 5545) with
 * npm ical.js, as a calendar program would, and compares each event with
 * the JSON API's (tests/http/calendar_test.c runs it on every feed).
 *
 *   node ical-check.js FEED.ics EVENTS.json
 *
 * EVENTS.json is an array of the API's events ({id, title, start, end,
 * timezone, status, venue, ...}, times RFC 3339 with offsets) that the
 * feed must hold, and no other; an item may add "want_status" (CONFIRMED,
 * TENTATIVE, CANCELLED) and "want_link" (true: the online address is in
 * it; false: it is not).
 *
 * Times are compared as instants, read through the VTIMEZONEs the feed
 * itself carries (ical.js knows no zone but UTC): a wrong offset in a
 * VTIMEZONE moves an event and fails here.  The raw text is checked too:
 * CRLF line ends, no line over 75 octets, folds between UTF-8 characters.
 * Prints one "ok"/"not ok" line a check and exits 1 when one fails.
 */
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const [feedPath, eventsPath] = process.argv.slice(2);
if (!feedPath || !eventsPath) {
	console.error('usage: ical-check.js FEED.ics EVENTS.json');
	process.exit(2);
}
const raw = fs.readFileSync(feedPath);
const want = JSON.parse(fs.readFileSync(eventsPath, 'utf8'));
let failed = 0, n = 0;
function check(cond, what) {
	n++;
	if (cond)
		console.log(`ok ${n} - ${what}`);
	else {
		failed = 1;
		console.log(`not ok ${n} - ${what}`);
	}
}

/* the raw text: CRLF, 75 octets, folds between characters */
{
	const text = raw.toString('latin1');
	const lines = text.split('\r\n');
	check(text.endsWith('\r\n'), 'the feed ends with CRLF');
	const bare = lines.some(l => l.includes('\n') || l.includes('\r'));
	check(!bare, 'every line ends with CRLF, none with a bare LF or CR');
	let long = null, badUtf8 = null;
	const dec = new TextDecoder('utf-8', { fatal: true });
	let off = 0;
	for (const l of lines) {
		const bytes = raw.subarray(off, off + l.length);
		off += l.length + 2;
		if (bytes.length > 75 && !long)
			long = l;
		try {
			dec.decode(bytes);
		} catch (e) {
			if (!badUtf8)
				badUtf8 = l;
		}
	}
	check(!long, `no line is over 75 octets${long ? ': ' + long : ''}`);
	check(!badUtf8, `each folded line is whole UTF-8${badUtf8 ? ': ' + badUtf8 : ''}`);
}

let comp;
try {
	comp = new ICAL.Component(ICAL.parse(raw.toString('utf8')));
} catch (e) {
	check(false, `ical.js parses the feed: ${e.message}`);
	process.exit(1);
}
check(comp.name === 'vcalendar', 'a VCALENDAR');
check(comp.getFirstPropertyValue('version') === '2.0', 'VERSION:2.0');
check(!!comp.getFirstPropertyValue('prodid'), 'a PRODID');
ICAL.TimezoneService.reset();
for (const vtz of comp.getAllSubcomponents('vtimezone'))
	ICAL.TimezoneService.register(vtz);

const byId = new Map();
for (const v of comp.getAllSubcomponents('vevent')) {
	const uid = v.getFirstPropertyValue('uid') || '';
	const m = /^event-(\d+)@/.exec(uid);
	check(!!m, `UID ${uid} names its event`);
	if (m)
		byId.set(Number(m[1]), v);
}
check(byId.size === want.length,
    `the feed has ${want.length} events (has ${byId.size}: ${[...byId.keys()].join(',')})`);

const instant = s => Date.parse(s);
for (const w of want) {
	const v = byId.get(w.id);
	check(!!v, `event ${w.id} (${w.title}) is in the feed`);
	if (!v)
		continue;
	const ev = new ICAL.Event(v);
	for (const k of ['dtstamp', 'sequence', 'summary', 'url', 'status'])
		check(v.hasProperty(k), `event ${w.id} has ${k.toUpperCase()}`);
	const s = ev.startDate, e = ev.endDate;
	const zone = t => t.zone ? t.zone.tzid : '(floating)';
	check(zone(s) === w.timezone || zone(s) === 'UTC',
	    `event ${w.id}: DTSTART in ${w.timezone} or UTC (${zone(s)})`);
	check(s.toJSDate().getTime() === instant(w.start),
	    `event ${w.id} (${w.timezone}) starts at ${w.start} (ical.js: ${s.toJSDate().toISOString()})`);
	check(e.toJSDate().getTime() === instant(w.end),
	    `event ${w.id} (${w.timezone}) ends at ${w.end} (ical.js: ${e.toJSDate().toISOString()})`);
	check(ev.summary === w.title, `event ${w.id}: SUMMARY is the title (${JSON.stringify(ev.summary)})`);
	if (w.description)
		check((ev.description || '').startsWith(w.description),
		    `event ${w.id}: DESCRIPTION is the description`);
	if (w.venue)
		check(ev.location === w.venue, `event ${w.id}: LOCATION is the venue (${ev.location})`);
	const status = v.getFirstPropertyValue('status');
	const ws = w.want_status || (w.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
	check(status === ws, `event ${w.id}: STATUS ${ws} (${status})`);
	if (w.want_link !== undefined) {
		const all = `${ev.description || ''} ${ev.location || ''}`;
		const has = !!w.online_url && all.includes(w.online_url);
		check(has === w.want_link, `event ${w.id}: the online address is ${w.want_link ? '' : 'not '}there`);
	}
	if (w.want_sequence !== undefined)
		check(Number(v.getFirstPropertyValue('sequence')) === w.want_sequence,
		    `event ${w.id}: SEQUENCE ${w.want_sequence} (${v.getFirstPropertyValue('sequence')})`);
}
console.log(`1..${n}`);
process.exit(failed);
