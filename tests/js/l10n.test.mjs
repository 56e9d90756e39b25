// Localized texts (issue 16) through the installed package: the built-in
// en-XA pseudo-locale for every entry and for decoded errors, the core's
// fallback, overlays registered, replaced and cleared, bad overlays refused
// without changing anything, and the default preference list.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as errcat from 'errcat';

const PT = (message) =>
  JSON.stringify({ overlay: { catalog: 'rtc', locale: 'pt' }, entry: { userNotFound: { message } } });
const BASE = errcat.lookup('rtc', 102).message;

afterEach(() => errcat.clearOverlays());

test('en-XA for every built-in entry: bracketed, at least 1.4x longer, not the base text', () => {
  let n = 0;
  for (const cat of errcat.catalogs()) {
    for (const e of cat.entries) {
      const m = e.localizedMessage('en-XA');
      const what = `${cat.id} ${e.symbol}: ${m}`;
      assert.ok(m.startsWith('[') && m.endsWith(']'), what);
      assert.ok(m.length >= 1.4 * e.message.length, what);
      assert.notEqual(m, e.message, what);
      // The other texts go through the same transform.
      const t = errcat.errorFor(cat.id, e.code).localized('en-XA');
      assert.equal(t.locale, 'en-XA');
      assert.equal(t.message, m);
      assert.equal(t.causes.length, e.causes.length, what);
      for (const c of t.causes) assert.ok(c.startsWith('[') && c.endsWith(']'), what);
      assert.equal(t.reaction === null, e.reaction === null, what);
      if (t.reaction !== null) assert.ok(t.reaction.startsWith('[') && t.reaction !== e.reaction, what);
      assert.deepEqual(
        t.minorCodes.map((x) => x.code),
        e.minorCodes.map((x) => x.code),
        what
      );
      n++;
    }
  }
  assert.ok(n > 100, `${n} entries`);
});

test('en-XA for a decoded error: the translation wins over the server text', () => {
  const xa = errcat.lookup('spaces', 'RATE_LIMITED').localizedMessage('en-XA');
  const err = errcat.decode('spaces', '{"error":{"code":"RATE_LIMITED","message":"slow down"}}');
  assert.equal(err.localizedMessage('en-XA'), xa);
  assert.equal(err.localizedMessage(['de', 'en-XA']), xa);
  assert.equal(err.message, 'slow down');
  // No translation applies: the server's text stays.
  assert.equal(err.localizedMessage('de'), 'slow down');
  assert.equal(err.localizedMessage('en-US'), 'slow down');
  const t = err.localized('en-XA');
  assert.ok(Object.isFrozen(t) && Object.isFrozen(t.causes) && Object.isFrozen(t.minorCodes));
  assert.deepEqual(Object.keys(t), ['locale', 'message', 'causes', 'reaction', 'minorCodes']);
  assert.equal(t.message, xa);
  assert.equal(err.localized('de').locale, null);
  assert.equal(err.localized('de').message, err.entry.message);
  // A minor code's texts (messenger) and a response-decoded error.
  const minors = errcat.errorFor('messenger', 203).localized('en-XA').minorCodes;
  assert.equal(minors.length, 32);
  assert.ok(Object.isFrozen(minors[0]));
  assert.ok(minors[0].detail.startsWith('[Îñṽåļîð') && minors[0].detail.endsWith(']'), minors[0].detail);
  const r = errcat.decodeResponse('spaces', 429, {}, '{"error":{"code":"RATE_LIMITED"}}');
  assert.equal(r.localizedMessage('en-XA'), xa);
});

test('an unknown code has no texts; a user catalog has no overlays', () => {
  const err = errcat.decode('spaces', '{"error":{"code":"NEW_THING","message":"new"}}');
  assert.equal(err.localized('en-XA'), null);
  assert.equal(err.localizedMessage('en-XA'), 'new');
  assert.throws(() => err.localized(5), TypeError);
  const shop = errcat.parseCatalog(
    '{"catalog":{"id":"spaces","name":"Shop","wire":"int"},"category":[{"id":"c","name":"C"}],' +
      '"entry":[{"code":7,"symbol":"RATE_LIMITED","message":"Out of stock.","category":"c","kind":"failed_precondition"}]}',
    'json'
  );
  assert.equal(shop.lookup(7).localizedMessage('en-XA'), 'Out of stock.');
  assert.equal(shop.decode(7).localized('en-XA').locale, null);
});

test('a deprecated code (securechat 504) still decodes, and is localized', () => {
  const err = errcat.decode('securechat', '{"code":504}');
  assert.equal(err.symbol, 'USERNAME_HAS_ALREADY_BEEN_TAKEN');
  assert.equal(err.entry.deprecated, true);
  assert.ok(err.localizedMessage('en-XA').startsWith('[Ûšéŕñåɱé'));
});

test('fallback: pt-BR finds a registered pt; en-US stops at the base text', () => {
  errcat.registerOverlay(PT('Usuário fora da sessão'));
  const e = errcat.lookup('rtc', 102);
  assert.equal(e.localizedMessage('pt-BR'), 'Usuário fora da sessão');
  assert.equal(e.localizedMessage(['fr-CA', 'pt-BR']), 'Usuário fora da sessão');
  assert.equal(e.localizedMessage('pt_br'), 'Usuário fora da sessão');
  assert.equal(errcat.errorFor('rtc', 102).localized('pt-BR').locale, 'pt');
  assert.equal(e.localizedMessage('en-US'), BASE);
  assert.equal(e.localizedMessage(['en-US', 'pt']), BASE);
  assert.equal(e.localizedMessage([]), BASE);
  assert.equal(errcat.errorFor('rtc', 102).localized('en-US').locale, null);
  // Another catalog has no pt overlay.
  assert.equal(errcat.lookup('spaces', 'RATE_LIMITED').localizedMessage('pt-BR'), errcat.lookup('spaces', 'RATE_LIMITED').message);
});

test('register, replace, clear', () => {
  const e = errcat.lookup('rtc', 102);
  errcat.registerOverlay(PT('um'));
  assert.equal(e.localizedMessage('pt'), 'um');
  errcat.registerOverlay(new TextEncoder().encode(PT('dois')));
  assert.equal(e.localizedMessage('pt'), 'dois');
  errcat.registerOverlay(PT('três'), 'json');
  assert.equal(e.localizedMessage('pt'), 'três');
  errcat.clearOverlays();
  assert.equal(e.localizedMessage('pt'), BASE);
  assert.ok(e.localizedMessage('en-XA').startsWith('['), 'en-XA stays after clearOverlays');
});

test('bad overlays throw ErrcatCatalogError with the core message and change nothing', () => {
  errcat.registerOverlay(PT('antes'));
  const bad = [
    [PT('antes').replace('userNotFound', 'NO_SUCH_SYMBOL'), /has no symbol "NO_SUCH_SYMBOL"/],
    [PT(''), /empty/],
    [PT('com {n} usuários'), /placeholders/],
    [PT('x').replace('"rtc"', '"nope"'), /unknown catalog "nope"/],
    [PT('x').replace('"pt"', '"en-XA"'), /en-XA is built in/],
    [PT('x').replace('"pt"', '"not a tag"'), /not a canonical BCP 47 tag/],
    ['{', /invalid JSON/],
    [JSON.stringify({ overlay: { catalog: 'rtc', locale: 'pt' }, entry: {}, extra: 1 }), /invalid JSON/],
    [new Uint8Array([0xff, 0xfe]), /UTF-8/],
    [' '.repeat(8 * 1024 * 1024 + 1), /the limit is 8388608/],
  ];
  for (const [text, re] of bad) {
    assert.throws(
      () => errcat.registerOverlay(text),
      (x) => x instanceof errcat.ErrcatCatalogError && re.test(x.message) && x.problems.length > 0,
      String(text).slice(0, 80)
    );
    assert.equal(errcat.lookup('rtc', 102).localizedMessage('pt'), 'antes');
  }
  assert.throws(() => errcat.registerOverlay(PT('x'), 'toml'), /JSON form only/);
  assert.throws(() => errcat.registerOverlay(PT('x'), 'yaml'), TypeError);
  assert.throws(() => errcat.registerOverlay(42), TypeError);
  assert.equal(errcat.lookup('rtc', 102).localizedMessage('pt'), 'antes');
});

test('locales must be a tag or an array of tags; malformed tags are skipped', () => {
  const e = errcat.lookup('rtc', 102);
  for (const bad of [5, null, {}, [5], ['en-XA', null]]) assert.throws(() => e.localizedMessage(bad), TypeError, String(bad));
  assert.equal(e.localizedMessage(['x', 'en\nXA', 'en-XA']), e.localizedMessage('en-XA'));
  assert.equal(e.localizedMessage(['x', 'en\nXA']), BASE);
});

test('default locales: navigator.languages when defined', () => {
  const e = errcat.lookup('rtc', 102);
  const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { languages: ['de-DE', 'en-XA'] }, configurable: true });
  try {
    assert.equal(e.localizedMessage(), e.localizedMessage('en-XA'));
    assert.equal(errcat.decode('rtc', 102).localizedMessage(), e.localizedMessage('en-XA'));
  } finally {
    if (had) Object.defineProperty(globalThis, 'navigator', had);
    else delete globalThis.navigator;
  }
});

test("default locales without navigator: Intl's locale (from LANG)", () => {
  // A child process, so its ICU default locale comes from the environment.
  const script = `
    delete globalThis.navigator;
    const errcat = await import('errcat');
    errcat.registerOverlay(${JSON.stringify(PT('padrão'))});
    console.log(JSON.stringify([Intl.DateTimeFormat().resolvedOptions().locale, errcat.lookup('rtc', 102).localizedMessage()]));
  `;
  const run = (lang) =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: process.cwd(),
        env: { ...process.env, LANG: lang, LC_ALL: lang, LANGUAGE: '' },
        encoding: 'utf8',
      })
    );
  const [locale, message] = run('pt_BR.UTF-8');
  assert.equal(locale, 'pt-BR');
  assert.equal(message, 'padrão');
  assert.deepEqual(run('en_US.UTF-8'), ['en-US', BASE]);
});
