// The package in a real browser: a static server on 127.0.0.1 serves the
// INSTALLED package's files, the shared vectors, the test page and the
// README's examples; headless Chromium (driven by playwright-core) loads the
// page, which runs every vector and reports its counts back with a POST.
// The HTTP vectors are fetched by the page, cross-origin, from the shared
// fixture server (tests/http/server.py --cors, which lets the page read
// `Retry-After`), and decoded with fromResponse.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, REPO, TOOLS, VECTORS_DIR, vectorFiles } from './env.mjs';
import { vectorCases } from './vectors.mjs';
import { responseCases } from './http-vectors.mjs';
import { startVectorServer } from './http-server.mjs';
import { readmeBlocks } from './readme.mjs';

const require = createRequire(import.meta.url);
const PKG_DIR = dirname(require.resolve('errcat/package.json'));
const TEST_DIR = dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(join(TOOLS, 'package.json'))('playwright-core');

const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

const blocks = readmeBlocks(REPO);
const readmeJs = blocks.filter((b) => b.lang === 'js');
const readmeHtml = blocks.find((b) => b.lang === 'html');
const served = new Map(); // path -> count, to prove the .wasm came from the package dir

let server;
let origin;
let vectorServer;
let context;
let userDataDir;
let reportWaiter;

function fileUnder(root, rel) {
  const full = normalize(join(root, rel));
  if (!full.startsWith(root + sep)) return undefined;
  try {
    return statSync(full).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

function handle(req, res) {
  const url = new URL(req.url, origin);
  const path = decodeURIComponent(url.pathname);
  served.set(path, (served.get(path) ?? 0) + 1);
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (req.method === 'POST' && path === '/report') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      send(204, 'text/plain', '');
      reportWaiter.resolve(JSON.parse(body));
    });
    return;
  }
  if (path === '/favicon.ico') return send(204, 'image/x-icon', '');
  let file;
  if (path === '/' || path === '/index.html') file = join(TEST_DIR, 'browser', 'index.html');
  else if (path.startsWith('/errcat/')) file = fileUnder(PKG_DIR, path.slice('/errcat/'.length));
  else if (path.startsWith('/test/')) file = fileUnder(TEST_DIR, path.slice('/test/'.length));
  else if (path === '/vectors/index.json') {
    const names = readdirSync(VECTORS_DIR).filter((f) => f.endsWith('.json')).sort();
    return send(200, TYPES['.json'], JSON.stringify(names));
  } else if (path.startsWith('/vectors/')) file = fileUnder(VECTORS_DIR, path.slice('/vectors/'.length));
  else if (path === '/http/origin.json') return send(200, TYPES['.json'], JSON.stringify({ origin: vectorServer.origin }));
  else if (path === '/readme/index.json') return send(200, TYPES['.json'], JSON.stringify({ count: readmeJs.length }));
  else if (/^\/readme\/\d+\.mjs$/.test(path)) {
    const b = readmeJs[Number(path.slice('/readme/'.length, -'.mjs'.length))];
    if (b) return send(200, TYPES['.mjs'], b.code);
  } else if (path === '/readme.html') {
    // The README's page, with the import map pointing at the served package.
    return send(200, TYPES['.html'], readmeHtml.code);
  }
  if (!file) return send(404, 'text/plain', `not found: ${path}`);
  send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

async function openPage(path, timeoutMs) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every 4xx/5xx it loads; the vector server's are the vectors.
    const vectorStatus = m.location().url.startsWith(`${vectorServer.origin}/`) && /^Failed to load resource: the server responded with a status of \d+/.test(m.text());
    if (!vectorStatus) problems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith(`${vectorServer.origin}/`) && !url.startsWith('data:')) {
      problems.push(`request outside the test servers: ${url}`);
    }
  });
  await page.goto(`${origin}${path}`, { timeout: timeoutMs });
  return { page, problems };
}

before(async () => {
  vectorServer = await startVectorServer({ cors: true });
  server = createServer(handle);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  userDataDir = mkdtempSync(join(tmpdir(), 'errcat-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await context?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await vectorServer?.close();
});

test('every shared vector passes in headless Chromium', { timeout: 180000 }, async () => {
  reportWaiter = deferred();
  const timer = setTimeout(() => reportWaiter.reject(new Error('the page sent no report within 120 s')), 120000);
  const { page, problems } = await openPage('/', 60000);
  const report = await reportWaiter.promise.finally(() => clearTimeout(timer));
  await page.close();

  assert.equal(report.fatal, undefined, report.fatal);
  const expected = vectorCases(vectorFiles()).length;
  const v = report.vectors;
  console.log(`browser (${report.userAgent}): ${v.passed} passed, ${v.failed} failed of ${v.total} vector cases`);
  assert.deepEqual(v.failures, []);
  assert.equal(v.total, expected, 'the page ran a different number of cases than the vector files hold');
  assert.equal(v.passed, expected);
  assert.deepEqual(report.extra, []);
  // The HTTP vectors: decodeResponse in the page, and Chromium's fetch + fromResponse.
  const responses = responseCases(vectorFiles()).length;
  for (const [what, h] of [['decodeResponse', report.http.direct], ['fetch + fromResponse', report.http.fetched]]) {
    console.log(`browser http (${what}): ${h.passed} passed, ${h.failed} failed of ${h.total} response cases`);
    assert.deepEqual(h.failures, []);
    assert.equal(h.total, responses, 'the page ran a different number of response cases than http.json holds');
    assert.equal(h.passed, responses);
  }
  assert.ok(responses >= 50);
  assert.deepEqual(problems, []);
  // The module was fetched from the package's own files, as application/wasm.
  assert.ok(served.get('/errcat/wasm/errcat_wasm_bg.wasm') >= 1, 'the .wasm was not requested');

  // The README's js examples, in the same browser.
  assert.equal(report.readme.length, readmeJs.length);
  for (const r of report.readme) {
    assert.equal(r.error, undefined, `README js example #${r.index + 1}: ${r.error}`);
    assert.deepEqual(r.lines, readmeJs[r.index].expected, `README js example #${r.index + 1}`);
  }
});

test("the README's static page works as written", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage('/readme.html', 30000);
  await page.waitForFunction(() => document.getElementById('out')?.textContent !== '', null, { timeout: 30000 });
  assert.equal(await page.textContent('#out'), 'userNotFound true');
  assert.deepEqual(problems, []);
  await page.close();
});
