// The shared test vectors (tests/vectors/*.json, format in
// tests/vectors/README.md) checked against the errcat npm package. Runs in
// Node (vectors.test.mjs) and in the browser page (browser/page.mjs), so it
// uses nothing but the language: no node: imports, no assert module.

/** Every case of every vector file: `{ id, kind: 'lookup' | 'decode' | 'localized' | 'localized_decode', file, case }`. */
export function vectorCases(files) {
  const out = [];
  for (const { file, data } of files) {
    // `responses` (http.json) are run by http-vectors.mjs (decodeResponse, fromResponse).
    const known = new Set(['description', 'lookups', 'decodes', 'responses', 'localized', 'localized_decodes']);
    for (const k of Object.keys(data)) {
      if (!known.has(k)) throw new Error(`${file}: unknown top-level key ${JSON.stringify(k)}`);
    }
    for (const c of data.lookups ?? []) out.push({ id: `${file} lookup: ${c.name}`, kind: 'lookup', file, case: c });
    for (const c of data.decodes ?? []) out.push({ id: `${file} decode: ${c.name}`, kind: 'decode', file, case: c });
    for (const c of data.localized ?? []) out.push({ id: `${file} localized: ${c.name}`, kind: 'localized', file, case: c });
    for (const c of data.localized_decodes ?? []) {
      out.push({ id: `${file} localized decode: ${c.name}`, kind: 'localized_decode', file, case: c });
    }
  }
  return out;
}

function show(v) {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function same(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
}

function check(problems, what, actual, expected) {
  if (!same(actual, expected)) problems.push(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

// Vector field -> how to read it from an Entry.
const LOOKUP_FIELDS = {
  code: (e) => e.code,
  symbol: (e) => e.symbol,
  message: (e) => e.message,
  kind: (e) => e.kind,
  http_status: (e) => e.httpStatus,
  retryable: (e) => e.retryable,
  category: (e) => e.category,
  deprecated: (e) => e.deprecated,
  server_only: (e) => e.serverOnly,
  wait: (e) => e.waitRequired,
  minor_count: (e) => e.minorCodes.length,
};

// Vector field -> how to read it from an ErrcatError (`null` = absent).
const DECODE_FIELDS = {
  known: (e) => !e.isUnknown,
  code: (e) => e.code,
  symbol: (e) => e.symbol,
  kind: (e) => e.kind,
  message: (e) => e.message,
  server_message: (e) => e.serverMessage,
  raw_code: (e) => e.rawCode,
  http_status: (e) => e.httpStatus,
  retryable: (e) => e.retryable,
  minor: (e) => e.minor,
  minor_detail: (e) => e.minorDetail,
  retry_after_ms: (e) => e.retryAfterMs,
  missing_permission: (e) => e.missingPermission,
  wait: (e) => e.wait,
};

function hexBytes(hex) {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad payload_hex ${show(hex)}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The payloads of a decode case: every form the JS API accepts for it (text and bytes). */
export function payloadForms(c) {
  if (typeof c.payload === 'string') return [['text', c.payload], ['bytes', new TextEncoder().encode(c.payload)]];
  if (typeof c.payload_hex === 'string') return [['bytes', hexBytes(c.payload_hex)]];
  if (c.payload_gen && typeof c.payload_gen === 'object') {
    const g = c.payload_gen;
    const text = (g.prefix ?? '') + String(g.repeat ?? '').repeat(g.count ?? 0) + (g.suffix ?? '');
    return [['text', text], ['bytes', new TextEncoder().encode(text)]];
  }
  throw new Error('decode case has no payload, payload_hex or payload_gen');
}

// The lookup error a call throws (`undefined` when it throws nothing), as
// `{ reason }`; anything else thrown is recorded as a problem.
function lookupFailure(api, problems, what, f) {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof api.ErrcatLookupError && e instanceof Error && typeof e.message === 'string' && e.message.length > 0) {
      return { reason: e.reason };
    }
    problems.push(`${what} threw ${e && e.name}: ${e && e.message}`);
    return { reason: undefined };
  }
}

function lookupProblems(api, c) {
  const problems = [];
  if (c.expect_error !== undefined) {
    // lookup and errorFor both fail with the vector's reason.
    for (const [what, f] of [
      ['lookup', () => api.lookup(c.catalog, c.query)],
      ['errorFor', () => api.errorFor(c.catalog, c.query)],
    ]) {
      const failure = lookupFailure(api, problems, what, f);
      if (failure === undefined) problems.push(`${what}: expected error ${c.expect_error}, got none`);
      else if (failure.reason !== undefined) check(problems, `${what} reason`, failure.reason, c.expect_error);
    }
    // The exact lookups: unknown catalog throws, unknown code is undefined.
    if (c.expect_error === 'unknown_catalog') {
      const f = lookupFailure(api, problems, 'lookupSymbol', () => api.lookupSymbol(c.catalog, c.query));
      check(problems, 'lookupSymbol reason', f && f.reason, 'unknown_catalog');
    } else if (api.lookupSymbol(c.catalog, c.query) !== undefined) {
      problems.push('lookupSymbol found an entry for an unknown code');
    }
    return problems;
  }
  let entry;
  try {
    entry = api.lookup(c.catalog, c.query);
  } catch (e) {
    problems.push(`lookup threw ${e && e.name}: ${e && e.message}`);
    return problems;
  }
  if (entry === undefined) return [`expected an entry, got none`];
  if (entry.catalog !== c.catalog) problems.push(`entry.catalog ${show(entry.catalog)} != ${show(c.catalog)}`);
  for (const [k, v] of Object.entries(c.expect ?? {})) {
    const get = LOOKUP_FIELDS[k];
    if (get === undefined) problems.push(`unknown expect field ${k} (teach tests/js/vectors.mjs about it)`);
    else check(problems, k, get(entry), v);
  }
  // An entry found by code is the same object found by its symbol.
  if (api.lookup(c.catalog, entry.symbol) !== entry) problems.push('lookup by its own symbol gives another object');
  // The exact lookups find the same object by its code and its symbol.
  if (api.lookupCode(c.catalog, entry.code) !== entry) problems.push('lookupCode gives another object');
  if (api.lookupSymbol(c.catalog, entry.symbol) !== entry) problems.push('lookupSymbol gives another object');
  // errorFor makes the entry's error, as if the server had sent it.
  const err = api.errorFor(c.catalog, c.query);
  if (!(err instanceof api.ErrcatError) || err.entry !== entry || err.isUnknown || err.serverMessage !== null) {
    problems.push(`errorFor: not the entry's error (${show(err && err.symbol)})`);
  }
  check(problems, 'errorFor code', err.code, entry.code);
  check(problems, 'errorFor domain', err.domain, api.catalog(c.catalog).domain);
  return problems;
}

function decodeProblems(api, c) {
  const problems = [];
  for (const [form, payload] of payloadForms(c)) {
    let err;
    try {
      err = api.decode(c.catalog, payload);
    } catch (e) {
      if (c.expect_error !== undefined && e instanceof api.ErrcatDecodeError) {
        if (!(e instanceof Error)) problems.push(`[${form}] decode error is not an Error`);
        check(problems, `[${form}] reason`, e.reason, c.expect_error);
        if (typeof e.message !== 'string' || e.message.length === 0) problems.push(`[${form}] empty message`);
        continue;
      }
      problems.push(`[${form}] decode threw ${e && e.name}: ${e && e.message}`);
      continue;
    }
    if (c.expect_error !== undefined) {
      problems.push(`[${form}] expected decode error ${c.expect_error}, got ${show(err.symbol)}`);
      continue;
    }
    if (!(err instanceof api.ErrcatError) || !(err instanceof Error)) problems.push(`[${form}] not an ErrcatError/Error`);
    if (typeof err.stack !== 'string') problems.push(`[${form}] no stack`);
    check(problems, `[${form}] catalog`, err.catalog, c.catalog);
    check(problems, `[${form}] domain`, err.domain, api.catalog(c.catalog).domain);
    for (const [k, v] of Object.entries(c.expect ?? {})) {
      const get = DECODE_FIELDS[k];
      if (get === undefined) problems.push(`unknown expect field ${k} (teach tests/js/vectors.mjs about it)`);
      else check(problems, `[${form}] ${k}`, get(err), v);
    }
    if (c.expect_ns_error !== undefined) {
      const ns = err.nsError();
      const x = c.expect_ns_error;
      for (const k of Object.keys(x)) {
        if (!['domain', 'code', 'user_info'].includes(k)) problems.push(`unknown expect_ns_error field ${k}`);
      }
      if ('domain' in x) check(problems, `[${form}] ns.domain`, ns.domain, x.domain);
      if ('code' in x) check(problems, `[${form}] ns.code`, ns.code, x.code);
      if ('user_info' in x) check(problems, `[${form}] ns.userInfo`, ns.userInfo, x.user_info);
    }
  }
  return problems;
}

// Vector field -> how to read it from an entry and its texts for the case's locales.
const LOCALIZED_FIELDS = {
  locale: (e, t) => t.locale,
  message: (e, t) => t.message,
  doc_url: (e) => e.docUrl,
  deprecated: (e) => e.deprecated,
  replaced_by: (e) => (e.deprecation === null ? null : e.deprecation.replacedBy),
};

function localizedProblems(api, c) {
  const problems = [];
  const entry = api.lookup(c.catalog, c.query);
  // The entry's texts through the error the table makes of it (the entry has only its message).
  const t = api.errorFor(c.catalog, c.query).localized(c.locales);
  if (t === null) return ['errorFor(...).localized gave null for a known entry'];
  check(problems, 'entry.localizedMessage', entry.localizedMessage(c.locales), t.message);
  for (const [k, v] of Object.entries(c.expect ?? {})) {
    const get = LOCALIZED_FIELDS[k];
    if (get === undefined) problems.push(`unknown expect field ${k} (teach tests/js/vectors.mjs about it)`);
    else check(problems, k, get(entry, t), v);
  }
  return problems;
}

// Vector field -> how to read it from a decoded error for the case's locales.
const LOCALIZED_DECODE_FIELDS = {
  message: (e, locales) => e.localizedMessage(locales),
  deprecated: (e) => e.entry !== undefined && e.entry.deprecated,
};

function localizedDecodeProblems(api, c) {
  const problems = [];
  for (const [form, payload] of payloadForms(c)) {
    const err = api.decode(c.catalog, payload);
    for (const [k, v] of Object.entries(c.expect ?? {})) {
      const get = LOCALIZED_DECODE_FIELDS[k];
      if (get === undefined) problems.push(`unknown expect field ${k} (teach tests/js/vectors.mjs about it)`);
      else check(problems, `[${form}] ${k}`, get(err, c.locales), v);
    }
  }
  return problems;
}

const CHECKERS = {
  lookup: lookupProblems,
  decode: decodeProblems,
  localized: localizedProblems,
  localized_decode: localizedDecodeProblems,
};

/** The problems of one case (empty when it passes). Never throws. */
export function caseProblems(api, item) {
  try {
    return CHECKERS[item.kind](api, item.case);
  } catch (e) {
    return [`checker threw ${e && e.name}: ${e && e.message}`];
  }
}

/** Runs every case: `{ passed, failed, failures: [{ id, problems }] }`. */
export function runAll(api, files) {
  const failures = [];
  let passed = 0;
  const cases = vectorCases(files);
  for (const item of cases) {
    const problems = caseProblems(api, item);
    if (problems.length === 0) passed++;
    else failures.push({ id: item.id, problems });
  }
  return { total: cases.length, passed, failed: failures.length, failures };
}
