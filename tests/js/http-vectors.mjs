// The shared HTTP vectors (tests/vectors/http.json, `responses`, format in
// tests/vectors/README.md) checked against the errcat npm package, directly
// (decodeResponse) and through a real fetch from the shared fixture server
// (tests/http/server.py) with fromResponse. Runs in Node (http.test.mjs) and
// in the browser page (browser/page.mjs): nothing but the language and fetch.

/** Every response case of the vector files: `[{ id, file, case }]`. */
export function responseCases(files) {
  const out = [];
  for (const { file, data } of files) {
    for (const c of data.responses ?? []) out.push({ id: `${file} response: ${c.name}`, file, case: c });
  }
  return out;
}

function show(v) {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function hexBytes(hex) {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad body_hex ${show(hex)}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A case's body as text when it has one (`body`, `body_gen`), else undefined (`body_hex`). */
export function bodyText(c) {
  if (typeof c.body === 'string') return c.body;
  if (c.body_gen && typeof c.body_gen === 'object') {
    const g = c.body_gen;
    return (g.prefix ?? '') + String(g.repeat ?? '').repeat(g.count ?? 0) + (g.suffix ?? '');
  }
  if (typeof c.body_hex === 'string') return undefined;
  throw new Error('response case has no body, body_hex or body_gen');
}

/** A case's body bytes, as the server sends them. */
export function bodyBytes(c) {
  const text = bodyText(c);
  return text !== undefined ? new TextEncoder().encode(text) : hexBytes(c.body_hex);
}

// Vector field -> how to read it from an ErrcatError (`null` = absent).
const FIELDS = {
  known: (e) => !e.isUnknown,
  from_status: (e) => e.isFromStatus,
  code: (e) => e.code,
  symbol: (e) => e.symbol,
  kind: (e) => e.kind,
  message: (e) => e.message,
  retryable: (e) => e.retryable,
  retry_after_ms: (e) => e.retryAfterMs,
  response_status: (e) => e.responseStatus,
  http_status: (e) => e.httpStatus,
  content_type: (e) => e.contentType,
  body_excerpt: (e) => e.bodyExcerpt,
  body_len: (e) => e.bodyLen,
  minor: (e) => e.minor,
  domain: (e) => e.domain,
};

/**
 * The problems of one decoded result (`null` or an ErrcatError) against the
 * case's `expect`: every listed field is compared.
 */
export function resultProblems(api, c, got, label) {
  const problems = [];
  const want = c.expect ?? {};
  if (typeof want.error !== 'boolean') return [`${label}: expect.error is missing`];
  if (!want.error) {
    if (got !== null) problems.push(`${label}: expected no error (null), got ${show(got && got.symbol)}`);
    return problems;
  }
  if (!(got instanceof api.ErrcatError) || !(got instanceof Error)) {
    return [`${label}: expected an ErrcatError, got ${show(got === null ? null : String(got))}`];
  }
  if (got.catalog !== c.catalog) problems.push(`${label}: catalog ${show(got.catalog)} != ${show(c.catalog)}`);
  if (got.responseStatus !== c.status) problems.push(`${label}: responseStatus ${show(got.responseStatus)} != ${c.status}`);
  for (const [k, v] of Object.entries(want)) {
    if (k === 'error') continue;
    const get = FIELDS[k];
    if (get === undefined) problems.push(`unknown expect field ${k} (teach tests/js/http-vectors.mjs about it)`);
    else {
      const actual = get(got);
      if (actual !== v) problems.push(`${label}: ${k}: expected ${show(v)}, got ${show(actual)}`);
    }
  }
  // The NSError view carries the response too.
  const info = got.nsError().userInfo;
  if (info.ErrcatResponseStatus !== c.status) problems.push(`${label}: nsError ErrcatResponseStatus ${show(info.ErrcatResponseStatus)}`);
  if (info.ErrcatFromStatus !== got.isFromStatus) {
    problems.push(`${label}: nsError ErrcatFromStatus ${show(info.ErrcatFromStatus)} for isFromStatus ${got.isFromStatus}`);
  }
  return problems;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Fetches the case from the fixture server at `origin` and decodes the real
 * Response with fromResponse (clock: the case's `now`); then checks that the
 * caller can still read the whole body, and that throwForResponse agrees.
 */
export async function fetchProblems(api, c, origin) {
  const url = `${origin}/${encodeURIComponent(c.name)}`;
  const now = new Date(c.now * 1000);
  const res = await fetch(url, { cache: 'no-store' });
  const problems = [];
  if (res.status !== c.status) return [`fetch ${url}: status ${res.status}, the vector says ${c.status}`];
  let got;
  try {
    got = await api.fromResponse(c.catalog, res, { now });
  } catch (e) {
    return [`fromResponse threw ${e && e.name}: ${e && e.message}`];
  }
  problems.push(...resultProblems(api, c, got, 'fromResponse'));
  // fromResponse read a clone: the body is still the caller's.
  if (res.bodyUsed) problems.push('fromResponse consumed the body');
  const body = new Uint8Array(await res.arrayBuffer());
  if (!sameBytes(body, bodyBytes(c))) problems.push(`the body read after fromResponse is ${body.length} bytes, not the vector's`);
  // throwForResponse: rejects with the same error, or resolves with the response.
  const again = await fetch(url, { cache: 'no-store' });
  try {
    const r = await api.throwForResponse(c.catalog, again, { now });
    if (c.expect.error) problems.push('throwForResponse resolved for an error response');
    else if (r !== again) problems.push('throwForResponse resolved with another object than the response');
  } catch (e) {
    if (!c.expect.error) problems.push(`throwForResponse threw ${e && e.name}: ${e && e.message}`);
    else problems.push(...resultProblems(api, c, e, 'throwForResponse'));
  }
  return problems;
}

/** Every response case through decodeResponse (header pairs, bytes, the case's clock). */
export function runDirect(api, files) {
  const failures = [];
  let passed = 0;
  const cases = responseCases(files);
  for (const item of cases) {
    const c = item.case;
    let problems;
    try {
      problems = resultProblems(api, c, api.decodeResponse(c.catalog, c.status, c.headers, bodyBytes(c), c.now * 1000), 'decodeResponse');
    } catch (e) {
      problems = [`decodeResponse threw ${e && e.name}: ${e && e.message}`];
    }
    if (problems.length === 0) passed++;
    else failures.push({ id: item.id, problems });
  }
  return { total: cases.length, passed, failed: failures.length, failures };
}

/** Every response case fetched from `origin`: `{ total, passed, failed, failures }`. */
export async function runFetched(api, files, origin) {
  const failures = [];
  let passed = 0;
  const cases = responseCases(files);
  for (const item of cases) {
    let problems;
    try {
      problems = await fetchProblems(api, item.case, origin);
    } catch (e) {
      problems = [`checker threw ${e && e.name}: ${e && e.message}`];
    }
    if (problems.length === 0) passed++;
    else failures.push({ id: item.id, problems });
  }
  return { total: cases.length, passed, failed: failures.length, failures };
}
