// The generated reference site (`errcat export --format html`) in headless
// Chromium, driven by playwright-core, served from 127.0.0.1. Expected
// answers come from the errcat CLI (`search --json`, `export --format json`),
// never from constants in this file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, CHROMIUM, CHROMIUM_ARGS, OUT, PACKAGE_DIR, SITE, SITE_PLAIN, chromium, cli } from './env.mjs';
import { serve } from './server.mjs';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 375, height: 740 };

let server;
let context; // JavaScript on
const dirs = [];

const exported = cli('export', '--format', 'json');
const anchorOf = (catalog, code) => `${catalog}-${code}`;
const allAnchors = exported.catalogs.flatMap((c) => c.entries.map((e) => anchorOf(c.id, e.code)));

/** What `errcat search <text>` finds, as anchors, with each hit's catalog and kind. */
function expectedHits(text) {
  return cli('search', ...text.split(' ')).hits.map((h) => ({ id: anchorOf(h.catalog, h.code), catalog: h.catalog, kind: h.kind }));
}

async function launch(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'errcat-html-chromium-'));
  dirs.push(dir);
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    ...options,
  });
}

/** Opens a page; collects page errors, console errors and requests that leave the test server. */
async function open(ctx, path, { viewport = DESKTOP, waitReady = true } = {}) {
  const page = await ctx.newPage();
  await page.setViewportSize(viewport);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin) && !u.startsWith('data:')) problems.push(`request outside the test server: ${u}`);
  });
  await page.goto(`${server.origin}${path}`, { timeout: 30000 });
  if (waitReady) {
    await page.waitForFunction(() => ['ready', 'unavailable'].includes(document.documentElement.dataset.search), null, { timeout: 30000 });
  }
  return { page, problems };
}

/** Ids of the entries the page shows (not hidden, themselves or by a section). */
function visibleIds(page) {
  return page.$$eval('article.entry', (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.id));
}

async function noHorizontalOverflow(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    widest: Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`),
  }));
}

before(async () => {
  server = await serve({ '/plain/': SITE_PLAIN, '/': SITE });
  context = await launch();
});

after(async () => {
  await context?.close();
  await server?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('the site loads from 127.0.0.1, search gets ready on the wasm package, nothing leaves the server', async () => {
  const { page, problems } = await open(context, '/');
  assert.equal(await page.getAttribute('html', 'data-search'), 'ready', await page.textContent('#search-note'));
  assert.deepEqual(problems, []);
  const wasm = [...server.served].find(([p]) => p.startsWith('/pkg/') && p.endsWith('.wasm'));
  assert.ok(wasm, 'the .wasm was not requested from pkg/');
  assert.equal(wasm[1].type, 'application/wasm');
  assert.equal(wasm[1].status, 200);
  // Landmarks and headings a screen reader user navigates by.
  assert.equal(await page.locator('header.site-header').count(), 1);
  assert.equal(await page.locator('nav[aria-label]').count(), 1);
  assert.equal(await page.locator('main#main-content').count(), 1);
  assert.equal(await page.locator('[role=search]').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('h2').count(), exported.catalogs.length + 1); // + Kinds
  assert.equal(await page.locator('article.entry h4').count(), allAnchors.length);
  await page.screenshot({ path: join(OUT, 'desktop.png') });
  await page.close();
});

test('every entry of the table has its anchor and shows its fields', async () => {
  const { page } = await open(context, '/');
  const ids = await page.$$eval('article.entry', (els) => els.map((e) => e.id));
  assert.deepEqual(ids.slice().sort(), allAnchors.slice().sort());
  // Spot-check fields against the export for an entry of each catalog, and for
  // every entry with minor codes, aliases, a deprecation, a reaction.
  const picks = exported.catalogs.flatMap((c) =>
    c.entries
      .filter((e, i) => i === 0 || e.minor.length || e.aliases.length || e.deprecated || e.reaction || e.server_only || e.wait)
      .map((e) => ({ c, e }))
  );
  for (const { c, e } of picks) {
    const text = await page.textContent(`[id="${anchorOf(c.id, e.code)}"]`);
    const norm = (s) => s.replace(/\s+/g, ' ');
    for (const part of [e.symbol, e.message, e.kind, `HTTP ${e.http_status}`, e.retryable ? 'retryable' : 'not retryable'])
      assert.ok(norm(text).includes(norm(part)), `${c.id} ${e.code}: missing ${JSON.stringify(part)}`);
    for (const m of e.minor) {
      if (m.detail) assert.ok(norm(text).includes(norm(m.detail)), `${c.id} ${e.code}: minor ${m.code}`);
      if (m.reaction) assert.ok(norm(text).includes(norm(m.reaction)), `${c.id} ${e.code}: minor ${m.code} reaction`);
    }
    for (const a of e.aliases) assert.ok(text.includes(a), `${c.id} ${e.code}: alias ${a}`);
    if (e.reaction) assert.ok(norm(text).includes(norm(e.reaction)), `${c.id} ${e.code}: reaction`);
    if (e.deprecated) assert.ok(text.includes('deprecated'), `${c.id} ${e.code}: deprecated`);
    if (e.server_only) assert.ok(text.includes('server only'), `${c.id} ${e.code}: server only`);
    if (e.wait) assert.ok(text.includes('wait parameter'), `${c.id} ${e.code}: wait`);
  }
  await page.close();
});

test('searching "expired" finds the entries errcat search finds, across catalogs', async () => {
  const expected = expectedHits('expired');
  const ids = expected.map((h) => h.id);
  // The brief names these; the CLI's answer must include them (else the data changed).
  for (const must of ['spaces-40102', 'spaces-41001', 'securechat-505', 'messenger-107', 'chatapi-402'])
    assert.ok(ids.includes(must), `errcat search expired lacks ${must}`);
  assert.ok(new Set(expected.map((h) => h.catalog)).size >= 4);

  const { page, problems } = await open(context, '/');
  await page.keyboard.press('/');
  await page.keyboard.type('expired');
  await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('match'));
  assert.deepEqual((await visibleIds(page)).sort(), ids.slice().sort());
  assert.match(await page.textContent('#search-status'), new RegExp(`^${ids.length} entries match “expired”`));
  assert.equal(await page.isVisible('#kinds-legend'), false, 'the intro and legend give way to the results');
  // The word is marked in every entry found.
  const unmarked = await page.$$eval('article.entry:not([hidden])', (els) =>
    els.filter((e) => ![...e.querySelectorAll('mark')].some((m) => m.textContent.toLowerCase() === 'expired')).map((e) => e.id)
  );
  assert.deepEqual(unmarked, []);
  await page.screenshot({ path: join(OUT, 'desktop-search.png') });
  // Clearing brings everything back.
  await page.keyboard.press('Escape');
  assert.equal((await visibleIds(page)).length, allAnchors.length);
  assert.equal(await page.locator('mark').count(), 0, 'marks are removed with the query');
  // The text is intact after marking and unmarking.
  const someone = expected[0].id;
  const [c, code] = [expected[0].catalog, Number(someone.slice(expected[0].catalog.length + 1))];
  const msg = exported.catalogs.find((x) => x.id === c).entries.find((e) => e.code === code).message;
  assert.equal(await page.textContent(`[id="${someone}"] .entry-message`), msg);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the catalog and kind filters narrow the results', async () => {
  const expected = expectedHits('expired');
  const { page } = await open(context, '/');
  await page.fill('#search-q', 'expired');
  // Catalog: the catalog with the most hits, so the narrowing is real.
  const byCatalog = new Map();
  for (const h of expected) byCatalog.set(h.catalog, [...(byCatalog.get(h.catalog) ?? []), h]);
  const [catalog, inCatalog] = [...byCatalog].sort((a, b) => b[1].length - a[1].length)[0];
  await page.selectOption('#search-catalog', catalog);
  const shownCatalog = await visibleIds(page);
  assert.deepEqual(shownCatalog.sort(), inCatalog.map((h) => h.id).sort());
  assert.ok(shownCatalog.length < expected.length && shownCatalog.length > 0);
  // Kind, across catalogs.
  await page.selectOption('#search-catalog', '');
  const kind = expected.find((h) => expected.some((o) => o.kind !== h.kind)).kind;
  await page.selectOption('#search-kind', kind);
  const wantKind = expected.filter((h) => h.kind === kind).map((h) => h.id);
  assert.deepEqual((await visibleIds(page)).sort(), wantKind.sort());
  assert.ok(wantKind.length < expected.length);
  // Both; and a kind alone (no text) filters the whole table.
  await page.selectOption('#search-catalog', catalog);
  const both = expected.filter((h) => h.kind === kind && h.catalog === catalog).map((h) => h.id);
  assert.deepEqual((await visibleIds(page)).sort(), both.sort());
  await page.fill('#search-q', '');
  await page.selectOption('#search-catalog', '');
  const allOfKind = exported.catalogs.flatMap((c) => c.entries.filter((e) => e.kind === kind).map((e) => anchorOf(c.id, e.code)));
  assert.deepEqual((await visibleIds(page)).sort(), allOfKind.sort());
  // Nothing matches: an empty state, not a blank page.
  await page.fill('#search-q', 'zzqqxxnomatch');
  assert.equal((await visibleIds(page)).length, 0);
  assert.equal(await page.isVisible('#search-empty'), true);
  await page.close();
});

test('the search lives in the URL: a shared link shows the same results', async () => {
  const expected = expectedHits('expired');
  const catalog = expected[0].catalog;
  const { page } = await open(context, '/');
  await page.fill('#search-q', 'expired');
  await page.selectOption('#search-catalog', catalog);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'expired');
  assert.equal(url.searchParams.get('catalog'), catalog);
  const { page: again } = await open(context, url.pathname + url.search);
  assert.equal(await again.inputValue('#search-q'), 'expired');
  assert.deepEqual((await visibleIds(again)).sort(), expected.filter((h) => h.catalog === catalog).map((h) => h.id).sort());
  await page.close();
  await again.close();
});

test('a code or a loosely spelled symbol finds its entry', async () => {
  const hit = expectedHits('expired').at(-1);
  const [catalog, code] = [hit.catalog, Number(hit.id.slice(hit.catalog.length + 1))];
  const entry = exported.catalogs.find((c) => c.id === catalog).entries.find((e) => e.code === code);
  const { page } = await open(context, '/');
  await page.fill('#search-q', String(code));
  assert.ok((await visibleIds(page)).includes(hit.id), `searching ${code}`);
  const loose = entry.symbol.toLowerCase().replace(/_/g, '-');
  await page.fill('#search-q', loose);
  assert.ok((await visibleIds(page)).includes(hit.id), `searching ${loose}`);
  await page.close();
});

test('an anchor link lands on its entry, scrolled into view and highlighted', async () => {
  // The last "expired" hit: far down the page, so landing there means scrolling.
  const target = expectedHits('expired').at(-1).id;
  const { page, problems } = await open(context, `/#${target}`);
  await page.waitForFunction(
    (id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight / 2;
    },
    target,
    { timeout: 10000 }
  );
  const state = await page.evaluate((id) => {
    const el = document.getElementById(id);
    const other = document.querySelector(`article.entry:not([id="${id}"])`);
    const header = document.querySelector('.site-header').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return {
      target: el.matches(':target'),
      scrolled: scrollY,
      top: r.top,
      headerBottom: header.bottom,
      bg: getComputedStyle(el).backgroundColor,
      otherBg: getComputedStyle(other).backgroundColor,
      shadow: getComputedStyle(el).boxShadow,
    };
  }, target);
  assert.equal(state.target, true, ':target');
  assert.ok(state.scrolled > 1000, `scrolled ${state.scrolled}px`);
  assert.ok(state.top >= state.headerBottom - 1, `the entry (top ${state.top}) is not under the sticky header (${state.headerBottom})`);
  assert.notEqual(state.bg, state.otherBg, 'the target is highlighted');
  assert.notEqual(state.shadow, 'none');
  await page.screenshot({ path: join(OUT, 'desktop-anchor.png') });

  // With a filter that hides it, following the link clears the filter.
  const other = allAnchors.find((a) => !a.startsWith(target.split('-')[0] + '-'));
  await page.selectOption('#search-catalog', target.split('-')[0]);
  await page.evaluate((id) => (location.hash = id), other);
  await page.waitForFunction((id) => document.getElementById(id).getClientRects().length > 0, other);
  assert.equal(await page.inputValue('#search-catalog'), '');
  // A table-of-contents link is an in-page anchor too.
  const tocHref = await page.getAttribute('.toc ul ul a', 'href');
  await page.click(`.toc a[href="${tocHref}"]`);
  await page.waitForFunction((id) => document.getElementById(id).getBoundingClientRect().top < innerHeight / 2, tocHref.slice(1));
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard: Tab reaches the search box, "/" focuses it, focus is visible', async () => {
  const { page } = await open(context, '/');
  // First stop: the skip link, shown when focused.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.ok(await page.isVisible('.skip-link'));
  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.id === 'search-q');
  }
  assert.ok(reached, 'Tab did not reach the search box within 7 presses');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.notEqual(outline.style, 'none');
  assert.ok(outline.width >= 2, `focus outline ${outline.width}px`);
  // The label is there for assistive technology.
  assert.equal(await page.evaluate(() => document.getElementById('search-q').labels[0].textContent), 'Search every catalog');
  // "/" from anywhere else.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
  assert.equal(await page.inputValue('#search-q'), '', '"/" must not be typed into the box');
  // Enter moves to the first result.
  await page.keyboard.type('expired');
  await page.keyboard.press('Enter');
  const first = expectedHits('expired')[0].id;
  assert.equal(await page.evaluate(() => document.activeElement.closest('article')?.id), first);
  await page.close();
});

test('phone-sized viewport (375px): no horizontal overflow', async () => {
  const { page, problems } = await open(context, '/', { viewport: PHONE });
  let o = await noHorizontalOverflow(page);
  assert.ok(o.scrollWidth <= o.clientWidth, `page is ${o.scrollWidth}px wide at ${o.clientWidth}px: ${o.widest.join(', ')}`);
  assert.deepEqual(o.widest, []);
  await page.screenshot({ path: join(OUT, 'phone.png') });
  // The longest entries (minor-code tables, long symbols) too.
  const longest = exported.catalogs
    .flatMap((c) => c.entries.map((e) => ({ id: anchorOf(c.id, e.code), n: e.minor.length })))
    .sort((a, b) => b.n - a.n)[0].id;
  await page.evaluate((id) => document.getElementById(id).scrollIntoView(), longest);
  o = await noHorizontalOverflow(page);
  assert.deepEqual(o.widest, []);
  await page.fill('#search-q', 'expired');
  await page.evaluate(() => scrollTo(0, 0));
  o = await noHorizontalOverflow(page);
  assert.ok(o.scrollWidth <= o.clientWidth, `with results: ${o.widest.join(', ')}`);
  await page.screenshot({ path: join(OUT, 'phone-search.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

// WCAG 2.x contrast of every piece of visible text against its (composited)
// background; 4.5:1, or 3:1 for large text.
function contrastFailures() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const lum = (c) =>
    [0, 1, 2]
      .map((i) => {
        const v = c[i] / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      })
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let bg = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : [255, 255, 255, 1];
    while (layers.length) bg = over(layers.pop(), bg);
    return bg;
  };
  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.getClientRects().length === 0 || el.closest('.visually-hidden, [disabled], noscript')) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || parseFloat(s.opacity) < 1) continue;
    const fg = parse(s.color);
    const bg = background(el);
    const color = over(fg, bg);
    const [a, b] = [lum(color), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    checked++;
    if (ratio < (large ? 3 : 4.5))
      failures.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1 (${s.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
  }
  return { checked, failures: [...new Set(failures)].slice(0, 20) };
}

for (const scheme of ['light', 'dark']) {
  test(`text contrast meets WCAG AA (${scheme} scheme)`, async () => {
    const { page } = await open(context, '/');
    await page.emulateMedia({ colorScheme: scheme });
    // Show a target highlight and an inferred-HTTP badge among the checked text.
    const target = expectedHits('expired')[0].id;
    await page.evaluate((id) => (location.hash = id), target);
    await page.waitForFunction((id) => Math.abs(document.getElementById(id).getBoundingClientRect().top - document.querySelector('.site-header').offsetHeight) < 40, target);
    const r = await page.evaluate(contrastFailures);
    assert.ok(r.checked > 1000, `checked only ${r.checked} elements`);
    assert.deepEqual(r.failures, []);
    // Marked search words and the status line are text too.
    await page.fill('#search-q', 'expired');
    const s = await page.evaluate(contrastFailures);
    assert.ok(s.checked > 50, `checked only ${s.checked} elements`);
    assert.deepEqual(s.failures, []);
    if (scheme === 'dark') await page.screenshot({ path: join(OUT, 'desktop-dark-search.png') });
    await page.close();
  });
}

test('without the package the page reads fine and says search is unavailable; filters still work', async () => {
  const { page, problems } = await open(context, '/plain/');
  assert.equal(await page.getAttribute('html', 'data-search'), 'unavailable');
  assert.match(await page.textContent('#search-note'), /search is unavailable/i);
  assert.equal(await page.isDisabled('#search-q'), true);
  assert.equal((await visibleIds(page)).length, allAnchors.length);
  const [catalog] = exported.catalogs;
  await page.selectOption('#search-catalog', catalog.id);
  assert.deepEqual((await visibleIds(page)).sort(), catalog.entries.map((e) => anchorOf(catalog.id, e.code)).sort());
  // The only problem is the 404 of pkg/package.json, which is how the page finds out.
  assert.deepEqual(
    problems.filter((p) => !/404/.test(p)),
    []
  );
  assert.equal(server.served.get('/plain/pkg/package.json')?.status, 404);
  await page.screenshot({ path: join(OUT, 'desktop-no-package.png') });
  await page.close();
});

test('without JavaScript the whole reference is there, and anchors work', async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const target = expectedHits('expired').at(-1).id;
    const page = await noJs.newPage();
    await page.goto(`${server.origin}/#${target}`);
    assert.equal((await visibleIds(page)).length, allAnchors.length);
    assert.equal(await page.isVisible('#search-form'), false, 'a search form that cannot work is not shown');
    assert.match(await page.textContent('noscript'), /need JavaScript/);
    assert.equal(await page.evaluate((id) => document.getElementById(id).matches(':target'), target), true);
    const o = await noHorizontalOverflow(page);
    assert.deepEqual(o.widest, []);
  } finally {
    await noJs.close();
  }
});

test('print: the page prints the reference without the search chrome', async () => {
  const { page } = await open(context, '/');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.site-header'), false);
  assert.equal(await page.isVisible('.toc'), false);
  assert.equal((await visibleIds(page)).length, allAnchors.length);
  await page.close();
});

test('the CLI refuses a directory that is not the built package, and then writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errcat-html-cli-'));
  dirs.push(dir);
  const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8' });
  let r = run('export', '--format', 'html', '-o', join(dir, 'site'), '--package', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--package: .*not an npm package directory/);
  assert.equal(existsSync(join(dir, 'site')), false, 'nothing written on error');
  r = run('export', '--format', 'json', '--package', PACKAGE_DIR);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--package only applies to --format html/);
  r = run('export', '--format', 'html');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /needs -o DIR/);
  // The real package works, and the site then has the modules and the .wasm.
  r = run('export', '--format', 'html', '-o', join(dir, 'ok'), '--package', PACKAGE_DIR);
  assert.equal(r.status, 0, r.stderr);
  for (const f of ['index.html', 'errcat.css', 'errcat.js', 'pkg/package.json']) assert.ok(existsSync(join(dir, 'ok', f)), f);
});

test('a page from another table (--catalog-file) says search does not cover it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'errcat-html-custom-'));
  dirs.push(dir);
  const toml = join(dir, 'acme.toml');
  writeFileSync(
    toml,
    [
      '[catalog]',
      'id = "acme"',
      'name = "Acme <API>"',
      'wire = "int"',
      '[[category]]',
      'id = "general"',
      'name = "General"',
      '[[entry]]',
      'code = 7',
      'symbol = "TOKEN_EXPIRED"',
      'message = "Token expired & <b>gone</b>"',
      'category = "general"',
      'kind = "unauthenticated"',
      '',
    ].join('\n')
  );
  const site = join(dir, 'site');
  const r = spawnSync(BIN, ['--catalog-file', toml, 'export', '--format', 'html', '-o', site, '--package', PACKAGE_DIR], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  server.mount('/custom/', site);
  const { page, problems } = await open(context, '/custom/');
  assert.equal(await page.getAttribute('html', 'data-search'), 'unavailable');
  assert.match(await page.textContent('#search-note'), /different table/);
  assert.deepEqual(await visibleIds(page), ['acme-7']);
  assert.equal(await page.textContent('#acme-7 .entry-message'), 'Token expired & <b>gone</b>');
  assert.equal(await page.textContent('#acme .catalog-id'), 'acme');
  assert.deepEqual(problems, []);
  await page.close();
});
