// HTTP responses in, typed errors out (issue 14), against the installed
// package: (a) every vector of tests/vectors/http.json through decodeResponse
// in every accepted form of headers, body and clock; (b) every vector fetched
// with Node's own fetch from the shared fixture server (tests/http/server.py)
// and decoded with fromResponse / throwForResponse; then bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as errcat from 'errcat';
import * as manual from 'errcat/manual';
import { vectorFiles } from './env.mjs';
import { bodyBytes, bodyText, fetchProblems, resultProblems, responseCases } from './http-vectors.mjs';
import { startVectorServer } from './http-server.mjs';

const { decodeResponse, fromResponse, throwForResponse, decode, parseCatalog, ErrcatError, ErrcatDecodeError } = errcat;
const cases = responseCases(vectorFiles());
const NEW_EXPORTS = ['decodeResponse', 'fromResponse', 'throwForResponse'];

let server;
before(async () => {
  server = await startVectorServer();
});
after(async () => {
  await server?.close();
});

function noTrap(e) {
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `wasm trap: ${e && e.message}`);
  assert.doesNotMatch(String(e && e.message), /unreachable|panicked|RuntimeError/);
}

function throwsType(f, Type = TypeError) {
  assert.throws(f, (e) => {
    noTrap(e);
    return e instanceof Type && e.message.startsWith('errcat: ');
  });
}

function throwsDecode(f, reason) {
  assert.throws(f, (e) => {
    noTrap(e);
    return e instanceof ErrcatDecodeError && e.reason === reason && e.message.length > 0;
  });
}

async function rejectsType(p, pattern) {
  await assert.rejects(p, (e) => {
    noTrap(e);
    return e instanceof TypeError && (!pattern || pattern.test(e.message));
  });
}

test('http.json: response cases of every kind', () => {
  assert.ok(cases.length >= 50, `${cases.length} response cases`);
  const expects = cases.map((c) => c.case.expect);
  assert.ok(expects.some((x) => x.error === false));
  assert.ok(expects.some((x) => x.from_status === true));
  assert.ok(expects.some((x) => x.from_status === false));
  assert.ok(cases.some((c) => c.case.body_hex !== undefined) && cases.some((c) => c.case.body_gen !== undefined));
});

// (a) decodeResponse directly, every expect field, in several input forms.
function forms(c) {
  const pairs = c.headers.map(([k, v]) => [k, v]);
  const bytes = bodyBytes(c);
  const text = bodyText(c);
  const ms = c.now * 1000;
  const object = Object.fromEntries(pairs);
  const out = [
    ['pairs, Uint8Array, ms', pairs, bytes, ms],
    ['Headers, ArrayBuffer, Date', new Headers(pairs), bytes.slice().buffer, new Date(ms)],
    ['Map, DataView, ms', new Map(pairs), new DataView(bytes.slice().buffer), ms],
  ];
  if (Object.keys(object).length === pairs.length) out.push(['plain object, bytes, Date', object, bytes, new Date(ms)]);
  if (text !== undefined) out.push(['pairs, string, ms', pairs, text, ms]);
  return out;
}

for (const item of cases) {
  test(`${item.id}: decodeResponse`, () => {
    const c = item.case;
    const problems = [];
    for (const [label, headers, body, now] of forms(c)) {
      let got;
      try {
        got = decodeResponse(c.catalog, c.status, headers, body, now);
      } catch (e) {
        problems.push(`[${label}] threw ${e && e.name}: ${e && e.message}`);
        continue;
      }
      problems.push(...resultProblems(errcat, c, got, `[${label}]`));
    }
    assert.deepEqual(problems, []);
  });
}

// (b) the real client: Node's fetch from the fixture server, then fromResponse.
for (const item of cases) {
  test(`${item.id}: Node fetch + fromResponse`, async () => {
    assert.deepEqual(await fetchProblems(errcat, item.case, server.origin), []);
  });
}

test('fromResponse: the Retry-After the client received is the one decoded (a header the fetch keeps)', async () => {
  const res = await fetch(`${server.origin}/proxy-html-503-retry-after`);
  assert.equal(res.headers.get('retry-after'), '120');
  const e = await fromResponse('rtc', res, { now: 0 });
  assert.equal(e.retryAfterMs, 120000);
  assert.equal(e.kind, 'unavailable');
  assert.equal(e.retryable, true);
  assert.equal(e.isFromStatus, true);
  assert.match(await res.text(), /<html/i);
});

test('the core picks the headers: first occurrence, any case, whatever form', () => {
  const html = '<p>busy</p>';
  const pairs = [
    ['rEtRy-AfTeR', '5'],
    ['Retry-After', '9'],
    [' content-type ', 'text/html'],
  ];
  const e = decodeResponse('spaces', 503, pairs, html, 0);
  assert.equal(e.retryAfterMs, 5000);
  assert.equal(e.contentType, 'text/html');
  // A plain object with array values (Node's IncomingHttpHeaders): one header per item.
  assert.equal(decodeResponse('spaces', 503, { 'retry-after': ['7', '9'] }, '', 0).retryAfterMs, 7000);
  // A Headers joins repeats with ", ": not a valid Retry-After, so no delay (the core's rule).
  assert.equal(decodeResponse('spaces', 503, new Headers(pairs.slice(0, 2)), html, 0).retryAfterMs, null);
  // Non-ASCII names and values go over as UTF-8 and do not shift the pairs.
  const odd = [['x-ü\u{1F600}', 'é\uD800'], ['Retry-After', '3']];
  assert.equal(decodeResponse('spaces', 503, odd, '', 0).retryAfterMs, 3000);
});

test('the body and headers passed in are not modified; the clock defaults to now', () => {
  const body = new TextEncoder().encode('{"error":{"code":"RATE_LIMITED"}}');
  const copy = body.slice();
  const pairs = [['Retry-After', 'Wed, 21 Oct 2015 07:30:00 GMT']];
  const e = decodeResponse('spaces', 429, pairs, body);
  assert.deepEqual(body, copy);
  assert.deepEqual(pairs, [['Retry-After', 'Wed, 21 Oct 2015 07:30:00 GMT']]);
  // That date is long past today: 0 ms.
  assert.equal(e.retryAfterMs, 0);
  assert.equal(decodeResponse('spaces', 429, pairs, body, Date.UTC(2015, 9, 21, 7, 28)).retryAfterMs, 120000);
});

test('response fields: null/false on errors not decoded from a response; in toJSON and nsError', () => {
  for (const e of [decode('spaces', '{"error":{"code":"RATE_LIMITED"}}'), errcat.errorFor('rtc', 102)]) {
    assert.equal(e.responseStatus, null);
    assert.equal(e.contentType, null);
    assert.equal(e.bodyExcerpt, null);
    assert.equal(e.bodyLen, null);
    assert.equal(e.isFromStatus, false);
    assert.equal(e.nsError().userInfo.ErrcatResponseStatus, undefined);
  }
  const e = decodeResponse('rtc', 502, [['Content-Type', 'text/html']], '<h1>Bad Gateway</h1>', 0);
  assert.ok(e instanceof ErrcatError && e instanceof Error && typeof e.stack === 'string');
  assert.equal(e.symbol, 'HTTP_502');
  assert.equal(e.code, 502);
  assert.equal(e.isUnknown, true);
  assert.equal(e.entry, undefined);
  const j = e.toJSON();
  assert.equal(j.responseStatus, 502);
  assert.equal(j.contentType, 'text/html');
  assert.equal(j.bodyExcerpt, '<h1>Bad Gateway</h1>');
  assert.equal(j.bodyLen, 20);
  assert.equal(j.isFromStatus, true);
  const ns = e.nsError();
  assert.equal(ns.domain, 'errcat.rtc');
  assert.equal(ns.userInfo.ErrcatResponseStatus, 502);
  assert.equal(ns.userInfo.ErrcatFromStatus, true);
  assert.equal(ns.userInfo.ErrcatBodyExcerpt, '<h1>Bad Gateway</h1>');
  // A fresh copy each time.
  ns.userInfo.ErrcatResponseStatus = 1;
  assert.equal(e.nsError().userInfo.ErrcatResponseStatus, 502);
});

test('decodeResponse: wrong types are TypeErrors, a bad clock a RangeError', () => {
  const ok = (status, headers, body, now) => () => decodeResponse('spaces', status, headers, body, now);
  for (const status of ['503', 503.5, NaN, Infinity, null, undefined, 503n, 2 ** 60]) throwsType(ok(status, [], ''));
  for (const headers of [null, undefined, 'Retry-After: 5', 42, [['a']], [['a', 'b', 'c']], [['a', 1]], [[1, 'b']], ['ab'], { a: 1 }, { a: [1] }, { a: null }]) {
    throwsType(ok(503, headers, ''));
  }
  for (const body of [null, undefined, 42, {}, [1, 2], true]) throwsType(ok(503, [], body));
  for (const now of ['yesterday', {}, null, 1n]) throwsType(ok(503, [], '', now));
  for (const now of [-1, NaN, Infinity, 8.64e15 + 1, new Date(NaN)]) throwsType(ok(503, [], '', now), RangeError);
  throwsType(() => decodeResponse(42, 503, [], ''));
});

test('decodeResponse: unknown catalog and status outside 100-599 are ErrcatDecodeError', () => {
  throwsDecode(() => decodeResponse('slack', 503, [], ''), 'unknown_catalog');
  for (const status of [0, 99, 600, 999, -1, 65536, 2 ** 40]) {
    throwsDecode(() => decodeResponse('spaces', status, [], ''), 'malformed');
  }
  for (const status of [100, 599]) assert.doesNotThrow(() => decodeResponse('spaces', status, [], ''));
});

test('decodeResponse: hostile headers and bodies never trap, and the excerpt is kept', () => {
  const huge = 'x'.repeat(1024 * 1024);
  const many = Array.from({ length: 5000 }, (_, i) => [`x-${i}`, `${i}`]);
  for (const headers of [[['Retry-After', huge]], [['Retry-After', '9'.repeat(100000)]], many, [['Retry-After', '\0\r\n5']], [[huge, '5']]]) {
    const e = decodeResponse('spaces', 503, headers, '<html>', 0);
    assert.equal(e.bodyExcerpt, '<html>');
    assert.ok(e.retryAfterMs === null || e.retryAfterMs === 86400000);
  }
  const big = new Uint8Array(3 * 1024 * 1024).fill(0x7b);
  const e = decodeResponse('spaces', 503, [['Content-Type', 'application/json']], big, 0);
  assert.equal(e.isFromStatus, true);
  assert.equal(e.bodyLen, big.length);
  assert.match(e.bodyExcerpt, /… \(\d+ more bytes\)$/);
  // The module still works.
  assert.equal(decodeResponse('spaces', 200, [], '{}', 0), null);
});

test('fromResponse / throwForResponse: bad arguments reject with TypeError; a read body is refused', async () => {
  for (const res of [undefined, null, 'http://x', {}, { status: 503 }, 42]) await rejectsType(fromResponse('spaces', res), /fetch Response/);
  const pending = fetch(`${server.origin}/proxy-html-502`);
  await rejectsType(fromResponse('spaces', pending), /Promise: await/);
  await (await pending).arrayBuffer();

  const res = await fetch(`${server.origin}/proxy-html-502`);
  await res.text();
  await rejectsType(fromResponse('spaces', res), /already read/);
  await rejectsType(throwForResponse('spaces', res), /already read/);

  const fresh = await fetch(`${server.origin}/proxy-html-502`);
  await rejectsType(fromResponse('spaces', fresh, null), /options/);
  await rejectsType(fromResponse('spaces', fresh, 5), /options/);
  await rejectsType(fromResponse('spaces', fresh, { now: 'today' }), /now/);
  await assert.rejects(fromResponse('spaces', fresh, { now: -5 }), RangeError);
  await assert.rejects(fromResponse('slack', fresh), (e) => e instanceof ErrcatDecodeError && e.reason === 'unknown_catalog');
  // None of those read it.
  assert.equal(fresh.bodyUsed, false);
  // Calls return promises; nothing throws synchronously.
  const p = fromResponse(42, fresh);
  assert.ok(p instanceof Promise);
  await rejectsType(p);
  assert.equal((await fromResponse('spaces', fresh)).symbol, 'HTTP_502');
  assert.match(await fresh.text(), /Bad Gateway/);
});

test('throwForResponse: the response itself when it is not an error, unread; else the error', async () => {
  const ok = await fetch(`${server.origin}/ok-200-data`);
  assert.equal(await throwForResponse('spaces', ok), ok);
  assert.equal(ok.bodyUsed, false);
  assert.deepEqual(await ok.json(), JSON.parse(cases.find((c) => c.case.name === 'ok-200-data').case.body));
  const bad = await fetch(`${server.origin}/spaces-envelope-retry-after`);
  await assert.rejects(
    throwForResponse('spaces', bad, { now: new Date() }),
    (e) => e instanceof ErrcatError && e.symbol === 'RATE_LIMITED' && e.retryAfterMs === 1500 && e.responseStatus === 429
  );
  assert.equal((await bad.json()).error.code, 'RATE_LIMITED');
});

test('a parsed catalog decodes responses in its own domain', async () => {
  const billing = parseCatalog(
    JSON.stringify({
      catalog: { id: 'billing', name: 'Billing', wire: 'string' },
      category: [{ id: 'pay', name: 'Payments' }],
      entry: [{ code: 1, symbol: 'CARD_DECLINED', message: 'The card was declined.', category: 'pay', kind: 'failed_precondition' }],
    }),
    'json',
    'billing.json'
  );
  const e = billing.decodeResponse(402, [['Content-Type', 'application/json']], '{"code":"CARD_DECLINED"}', 0);
  assert.equal(e.symbol, 'CARD_DECLINED');
  assert.equal(e.domain, 'errcat.billing');
  assert.equal(e.responseStatus, 402);
  assert.equal(billing.decodeResponse(204, [], ''), null);
  throwsDecode(() => billing.decodeResponse(42, [], ''), 'malformed');
  throwsType(() => billing.decodeResponse(503, null, ''));

  const res = await fetch(`${server.origin}/proxy-html-503-retry-after`);
  const s = await billing.fromResponse(res, { now: 0 });
  assert.equal(s.symbol, 'HTTP_503');
  assert.equal(s.domain, 'errcat.billing');
  assert.equal(s.catalog, 'billing');
  assert.equal(s.retryAfterMs, 120000);
  assert.equal(s.nsError().domain, 'errcat.billing');
  await assert.rejects(billing.throwForResponse(res), (x) => x instanceof ErrcatError && x.domain === 'errcat.billing');
  const ok = await fetch(`${server.origin}/ok-204`);
  assert.equal(await billing.throwForResponse(ok), ok);
});

test('every entry point exports the response API', () => {
  for (const name of NEW_EXPORTS) {
    assert.equal(typeof errcat[name], 'function', `errcat.${name}`);
    assert.equal(manual[name], errcat[name], `errcat/manual.${name}`);
  }
  // index.js (browsers; needs fetch of the .wasm at import) re-exports the same list as node.js.
  const dir = dirname(createRequire(import.meta.url).resolve('errcat/package.json'));
  const list = (f) => {
    const m = /export \{([^}]*)\} from '\.\/core\.js'/.exec(readFileSync(join(dir, f), 'utf8'));
    assert.ok(m, `${f} has no re-export list`);
    return m[1].split(',').map((s) => s.trim()).filter(Boolean).sort();
  };
  const node = list('node.js');
  assert.deepEqual(node, Object.keys(errcat).sort());
  assert.deepEqual(list('index.js'), node);
  assert.deepEqual(list('manual.js'), node);
});
