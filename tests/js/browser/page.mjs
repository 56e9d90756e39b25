// Runs in Chromium: every shared vector, a few browser-specific checks and the
// README's examples, then POSTs the counts and failures to /report.
import * as errcat from 'errcat';
import { runAll } from '/test/vectors.mjs';
import { runDirect, runFetched } from '/test/http-vectors.mjs';

async function json(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

function extraChecks() {
  const problems = [];
  const ok = (cond, what) => {
    if (!cond) problems.push(what);
  };
  const e = errcat.decode('spaces', '{"error":{"code":"RATE_LIMITED","retry_after_ms":1500}}');
  ok(e instanceof Error && e instanceof errcat.ErrcatError, 'ErrcatError is an Error');
  ok(typeof e.stack === 'string' && e.stack.includes('ErrcatError'), 'ErrcatError has a stack');
  ok(errcat.lookup('rtc', 102)?.symbol === 'userNotFound', 'lookup');
  ok(errcat.search('rate limit').some((x) => x.symbol === 'RATE_LIMITED'), 'search');
  ok(errcat.catalogs().length === 5, 'catalogs');
  ok(errcat.lookupCode('rtc', 102) === errcat.lookupSymbol('rtc', 'userNotFound'), 'lookupCode/lookupSymbol');
  ok(errcat.errorFor('spaces', 'RATE_LIMITED').domain === 'errcat.spaces', 'errorFor');
  // Localized texts: en-XA from the core, and the default preference list is navigator.languages.
  const limited = errcat.lookup('spaces', 'RATE_LIMITED');
  const xa = limited.localizedMessage('en-XA');
  ok(xa.startsWith('[Ŕåţé ļîɱîţ') && xa.endsWith(']'), `en-XA lookup: ${xa}`);
  ok(errcat.decode('spaces', '{"error":{"code":"RATE_LIMITED","message":"slow"}}').localizedMessage(['en-XA']) === xa, 'en-XA decode');
  ok(limited.localizedMessage() === limited.localizedMessage(navigator.languages), 'default locales: navigator.languages');
  // User catalogs work in the browser too.
  const shop = errcat.parseCatalog(
    '{"catalog":{"id":"shop","name":"Shop","wire":"int"},"category":[{"id":"c","name":"C"}],' +
      '"entry":[{"code":7,"symbol":"OUT_OF_STOCK","message":"Out of stock.","category":"c","kind":"failed_precondition"}]}',
    'json',
    'shop.json'
  );
  ok(shop.decode(7).symbol === 'OUT_OF_STOCK' && shop.errorFor('out-of-stock').domain === 'errcat.shop', 'parseCatalog');
  try {
    errcat.parseCatalog('{', 'json');
    problems.push('no ErrcatCatalogError for a bad catalog');
  } catch (x) {
    ok(x instanceof errcat.ErrcatCatalogError && x.problems.length > 0, `parseCatalog('{'): ${x.name}`);
  }
  const hostile = [
    ['['.repeat(100000), 'malformed'],
    [' '.repeat(1024 * 1024 + 1), 'too_large'],
    [new Uint8Array([0xff, 0xfe]), 'invalid_utf8'],
    ['', 'empty'],
  ];
  for (const [payload, reason] of hostile) {
    try {
      errcat.decode('spaces', payload);
      problems.push(`no error for ${reason}`);
    } catch (x) {
      ok(x instanceof errcat.ErrcatDecodeError && x.reason === reason, `${reason}: got ${x.name} ${x.reason} ${x.message}`);
    }
  }
  for (const bad of [undefined, null, 1.5, {}]) {
    try {
      errcat.lookup('rtc', bad);
      problems.push(`no TypeError for ${String(bad)}`);
    } catch (x) {
      ok(x instanceof TypeError, `lookup(${String(bad)}): ${x.name}`);
    }
  }
  return problems;
}

async function readmeExamples(count) {
  const results = [];
  const realLog = console.log;
  for (let i = 0; i < count; i++) {
    const lines = [];
    console.log = (...args) => lines.push(args.map(String).join(' '));
    try {
      await import(`/readme/${i}.mjs`);
      results.push({ index: i, lines });
    } catch (x) {
      results.push({ index: i, lines, error: `${x.name}: ${x.message}` });
    } finally {
      console.log = realLog;
    }
  }
  return results;
}

let report;
try {
  const list = await json('/vectors/index.json');
  const files = await Promise.all(list.map(async (file) => ({ file, data: await json(`/vectors/${file}`) })));
  const vectors = runAll(errcat, files);
  // The HTTP vectors, cross-origin from the fixture server (tests/http/server.py --cors).
  const { origin } = await json('/http/origin.json');
  const http = { direct: runDirect(errcat, files), fetched: await runFetched(errcat, files, origin) };
  const readme = await readmeExamples((await json('/readme/index.json')).count);
  report = { vectors, http, extra: extraChecks(), readme, userAgent: navigator.userAgent };
} catch (x) {
  report = { fatal: `${x.name}: ${x.message}\n${x.stack}` };
}
document.getElementById('out').textContent = JSON.stringify(report, null, 1);
await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
