// The public API of the `errcat` npm package, on top of the wasm module
// (wasm/src/lib.rs). Every entry point (index.js for browsers and bundlers,
// node.js for Node, manual.js for explicit initialisation) re-exports this
// file after initialising the wasm module.
//
// The boundary is kept narrow on purpose: arguments are type- and
// size-checked here, before anything is copied into wasm memory, so bad input
// from JS is a TypeError or an errcat error with a clear message, never a
// wasm trap. A lookup sends one string and gets one integer back (an index
// into the catalog's entries, which are turned into frozen JS objects once,
// the first time a catalog is used).
//
// A catalog is named by a handle in wasm: the built-in catalogs are 0..N-1,
// user catalogs (parseCatalog) get the handles after them. Each has a state
// object here; a user catalog's handle is released when its state (held by
// the catalog object and by its errors) is garbage-collected.

import * as wasm from './wasm/errcat_wasm.js';

let initialised = false;

// The wasm module's memory (from the exports init returned) and a view of
// the numbers of its last compact decode answer (`answer_head` in lib.rs).
let memory;
let head;

/** Called by the entry points once the wasm module is instantiated, with its exports. @internal */
export function markInitialised(exports) {
  initialised = true;
  memory = exports.memory;
  head = undefined;
}

// The view is remade when a memory.grow detached the buffer under it.
function answerHead() {
  if (head === undefined || head.length === 0) head = new Float64Array(memory.buffer, wasm.answer_head(), 14);
  return head;
}

// Catalog states, by id and by index; filled on first use.
let byId;
let states;
let known = '';
let maxPayloadBytes = 1024 * 1024;
let maxQueryBytes = 1024;
let maxCatalogBytes = 8 * 1024 * 1024;
let maxOverlayBytes = 8 * 1024 * 1024;

// Answers of earlier lookups, per catalog, keyed by the query as given (a
// string or a number). Bounded: it is cleared when it reaches this size, so
// hostile or random queries cannot make it grow without limit.
const CACHE_LIMIT = 4096;
// Queries longer than this are answered but not cached.
const CACHE_KEY_LIMIT = 256;

function boot() {
  if (!initialised) {
    throw new Error(
      'errcat: the wasm module is not initialised yet. With "errcat/manual", call `await init()` (or `initSync(bytes)`) before using the API.'
    );
  }
  const ids = guard(() => wasm.catalog_ids()).split('\n');
  const limits = guard(() => wasm.limits());
  maxPayloadBytes = limits[0];
  maxQueryBytes = limits[1];
  maxCatalogBytes = limits[3];
  maxOverlayBytes = limits[4];
  known = ids.join(', ');
  states = ids.map((id, index) => newState(id, index, false));
  byId = new Map(states.map((s) => [s.id, s]));
  return byId;
}

function newState(id, index, user) {
  return { id, index, user, catalog: undefined, cache: new Map(), byCode: undefined, bySymbol: undefined, indexOf: undefined };
}

// A wasm trap would be a bug in errcat (the Rust side is written not to
// panic and input is checked above it). Should one ever happen, it surfaces
// as an ordinary Error that says so, not as a bare WebAssembly.RuntimeError.
function guard(f) {
  try {
    return f();
  } catch (e) {
    throw trapped(e);
  }
}

function trapped(e) {
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) {
    return new Error(`errcat: internal error in the wasm module (please report this bug): ${e.message}`, { cause: e });
  }
  return e;
}

function short(s) {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `the string ${JSON.stringify(short(v))}`;
    case 'number':
    case 'bigint':
    case 'boolean':
      return `the ${typeof v} ${String(v)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return 'an object';
  }
}

function catalogState(catalog, ErrorClass) {
  const s = (byId ?? boot()).get(catalog);
  if (s !== undefined) return s;
  if (typeof catalog !== 'string') {
    throw new TypeError(`errcat: catalog must be a string (one of ${known}), got ${describe(catalog)}`);
  }
  throw new ErrorClass('unknown_catalog', `unknown catalog ${JSON.stringify(short(catalog))} (known: ${known})`);
}

function freezeAll(list) {
  return Object.freeze(list.map((x) => Object.freeze(x)));
}

function toEntry(s, catalog, e, index) {
  const d = e.deprecation;
  return Object.freeze({
    catalog,
    code: e.code,
    symbol: e.symbol,
    symbolDerived: e.symbol_derived,
    aliases: Object.freeze(e.aliases),
    typeName: e.type_name,
    message: e.message,
    messageDerived: e.message_derived,
    category: e.category,
    kind: e.kind,
    httpStatus: e.http_status,
    httpStatusDocumented: e.http_status_documented,
    retryable: e.retryable,
    deprecated: d != null,
    deprecation: d == null ? null : Object.freeze({ since: d.since, replacedBy: d.replaced_by, note: d.note }),
    causes: Object.freeze(e.causes),
    reaction: e.reaction,
    waitRequired: e.wait,
    serverOnly: e.server_only,
    request: e.request,
    requestAnchor: e.request_anchor,
    docUrl: e.doc_url,
    note: e.note,
    minorCodes: freezeAll(e.minor.map((m) => ({ code: m.code, detail: m.detail, reaction: m.reaction }))),
    localizedMessage: (locales) => textsOf(s, index, locales).message,
  });
}

function load(s) {
  if (s.catalog !== undefined) return s.catalog;
  const text = guard(() => wasm.catalog_json(s.index));
  if (text === '') throw new Error('errcat: internal error: the catalog is gone (please report this bug)');
  const c = JSON.parse(text);
  const fields = {
    id: c.id,
    name: c.name,
    domain: c.domain,
    wire: c.wire,
    source: c.source,
    description: c.description,
    categories: freezeAll(c.categories.map((k) => ({ id: k.id, name: k.name, httpStatus: k.http_status }))),
    entries: Object.freeze(c.entries.map((e, i) => toEntry(s, c.id, e, i))),
  };
  if (s.user) Object.assign(fields, userMethods(s));
  s.catalog = Object.freeze(fields);
  return s.catalog;
}

// The caller's preference list, most preferred first. The core does the
// fallback (pt-BR -> pt -> the base text) and skips tags that are not BCP 47.
function preferenceList(locales) {
  let list = locales;
  if (list === undefined) {
    const nav = globalThis.navigator?.languages;
    list = nav != null ? nav : typeof Intl === 'undefined' ? [] : [new Intl.DateTimeFormat().resolvedOptions().locale];
  } else if (typeof list === 'string') {
    list = [list];
  } else if (!Array.isArray(list)) {
    throw new TypeError(`errcat: locales must be a BCP 47 tag or an array of them (like navigator.languages), got ${describe(list)}`);
  }
  for (const t of list) {
    if (typeof t !== 'string') throw new TypeError(`errcat: each locale must be a string, got ${describe(t)}`);
  }
  // Tags go over separated by newlines; one holding a newline is no tag anyway.
  const text = list.map((t) => (t.includes('\n') ? '' : t)).join('\n');
  if (text.length > maxQueryBytes * 64) throw new RangeError(`errcat: the locale list is too long (${text.length} characters)`);
  return text;
}

// The texts of entry `index` in the locale the preference list selects.
function textsOf(s, index, locales) {
  const prefs = preferenceList(locales);
  const text = guard(() => wasm.localized(s.index, index, prefs));
  if (text === '') throw new Error('errcat: internal error: the catalog is gone (please report this bug)');
  return JSON.parse(text);
}

/**
 * Registers a translation overlay of a built-in catalog, in its JSON form
 * (`{"overlay": {"catalog", "locale"}, "entry": {SYMBOL: {...}}}`, as the
 * TOML form's keys). Validated by the core; replaces the overlay of the same
 * catalog and locale. Throws ErrcatCatalogError (nothing registered) when it
 * is not valid, TypeError for a wrong argument type or format.
 */
export function registerOverlay(text, format = 'json') {
  const name = '<overlay>';
  if (format === 'toml') {
    // The TOML parser is left out of the wasm module for its size.
    throw new TypeError('errcat: the npm package reads overlays in JSON form only; write the same keys as JSON, then pass format "json"');
  }
  if (format !== 'json') throw new TypeError(`errcat: format must be "json", got ${describe(format)}`);
  if (byId === undefined) boot();
  const bytes = textBytes(text, name, maxOverlayBytes, 'overlay');
  const out = guard(() => wasm.register_overlay(bytes));
  if (out !== '') {
    const r = JSON.parse(out);
    throw new ErrcatCatalogError(r.message, r.problems);
  }
}

/** Drops every registered overlay (the built-in `en-XA` stays). */
export function clearOverlays() {
  if (byId === undefined) boot();
  guard(() => wasm.clear_overlays());
}

/**
 * Looks up an entry by code (a number, or a string of digits) or symbol
 * (forgiving: case, `-`, `_`, `.` and spaces are ignored; an exact symbol or
 * alias wins). Throws ErrcatLookupError (`unknown_catalog`, `unknown_code`)
 * when there is nothing to find.
 */
export function lookup(catalog, codeOrSymbol) {
  return lookupIn(catalogState(catalog, ErrcatLookupError), codeOrSymbol);
}

function lookupIn(s, codeOrSymbol) {
  const e = find(s, codeOrSymbol);
  if (e === null) {
    throw new ErrcatLookupError(
      'unknown_code',
      `${s.id} has no code or symbol ${JSON.stringify(short(String(codeOrSymbol)))}`,
      s.id
    );
  }
  return e;
}

// The entry a query names, or null; answers are cached per catalog.
function find(s, codeOrSymbol) {
  const cached = s.cache.get(codeOrSymbol);
  if (cached !== undefined) return cached;
  const [entry, cacheable] = resolve(s, codeOrSymbol);
  if (cacheable) {
    if (s.cache.size >= CACHE_LIMIT) s.cache.clear();
    s.cache.set(codeOrSymbol, entry);
  }
  return entry;
}

/** The entry with this integer code, or `undefined`. */
export function lookupCode(catalog, code) {
  return codeIn(catalogState(catalog, ErrcatLookupError), code);
}

// Exact lookups are answered from maps of the entries already in JS.
function codeIn(s, code) {
  let key;
  if (typeof code === 'number') {
    if (!Number.isSafeInteger(code)) throw new TypeError(`errcat: a code must be a safe integer, got ${describe(code)}`);
    key = code;
  } else if (typeof code === 'bigint') {
    if (code < BigInt(Number.MIN_SAFE_INTEGER) || code > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    key = Number(code);
  } else {
    throw new TypeError(`errcat: code must be an integer (number or bigint), got ${describe(code)}`);
  }
  if (s.byCode === undefined) s.byCode = new Map(load(s).entries.map((e) => [e.code, e]));
  return s.byCode.get(key);
}

/** The entry with exactly this symbol or alias (no forgiving spellings), or `undefined`. */
export function lookupSymbol(catalog, symbol) {
  return symbolIn(catalogState(catalog, ErrcatLookupError), symbol);
}

function symbolIn(s, symbol) {
  if (typeof symbol !== 'string') throw new TypeError(`errcat: symbol must be a string, got ${describe(symbol)}`);
  if (s.bySymbol === undefined) {
    const m = new Map();
    const entries = load(s).entries;
    for (const e of entries) m.set(e.symbol, e);
    for (const e of entries) for (const a of e.aliases) if (!m.has(a)) m.set(a, e);
    s.bySymbol = m;
  }
  return s.bySymbol.get(symbol);
}

/** `lookup` without the cache: what a first lookup of a query costs. @internal (for the benchmark) */
export function lookupUncached(catalog, codeOrSymbol) {
  return resolve(catalogState(catalog, ErrcatLookupError), codeOrSymbol)[0] ?? undefined;
}

// [entry or null, whether the answer may be cached]
function resolve(s, codeOrSymbol) {
  let query;
  switch (typeof codeOrSymbol) {
    case 'string':
      query = codeOrSymbol;
      break;
    case 'number':
      if (!Number.isSafeInteger(codeOrSymbol)) {
        throw new TypeError(`errcat: a numeric code must be a safe integer, got ${describe(codeOrSymbol)}`);
      }
      query = String(codeOrSymbol);
      break;
    case 'bigint':
      query = String(codeOrSymbol);
      break;
    default:
      throw new TypeError(`errcat: code or symbol must be a string or an integer, got ${describe(codeOrSymbol)}`);
  }
  // Nothing this long can be a code or a symbol; don't copy it into wasm.
  if (query.length > maxPayloadBytes) return [null, false];
  const i = guard(() => wasm.lookup(s.index, query));
  if (i === -2) throw new Error('errcat: internal error: the catalog is gone (please report this bug)');
  const entry = i >= 0 ? load(s).entries[i] ?? null : null;
  return [entry, query.length <= CACHE_KEY_LIMIT];
}

/** Every built-in catalog, in public order, with its categories and entries. */
export function catalogs() {
  const ss = byId === undefined ? (boot(), states) : states;
  return ss.map(load);
}

/** The built-in catalog with this id, or `undefined`. */
export function catalog(id) {
  if (typeof id !== 'string') throw new TypeError(`errcat: catalog id must be a string, got ${describe(id)}`);
  const s = (byId ?? boot()).get(id);
  return s === undefined ? undefined : load(s);
}

/**
 * Full-text search over every catalog (symbols, aliases, messages, causes,
 * reactions, minor-code details): every whitespace-separated term must occur,
 * case-insensitively. Results are in catalog order, then table order.
 */
export function search(text) {
  if (typeof text !== 'string') throw new TypeError(`errcat: search text must be a string, got ${describe(text)}`);
  if (byId === undefined) boot();
  // The core finds nothing for queries over its limit; don't copy them in.
  if (text.length > maxQueryBytes) return [];
  const pairs = guard(() => wasm.search(text));
  const out = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const e = load(states[pairs[i]]).entries[pairs[i + 1]];
    if (e !== undefined) out.push(e);
  }
  return out;
}

function searchIn(s, text) {
  if (typeof text !== 'string') throw new TypeError(`errcat: search text must be a string, got ${describe(text)}`);
  if (text.length > maxQueryBytes) return [];
  const entries = load(s).entries;
  const out = [];
  for (const i of guard(() => wasm.search_in(s.index, text))) {
    const e = entries[i];
    if (e !== undefined) out.push(e);
  }
  return out;
}

/**
 * The error of a documented entry (found as `lookup` finds it), as if the
 * server had sent it without a message. Throws ErrcatLookupError
 * (`unknown_catalog`, `unknown_code`) when there is no such entry.
 */
export function errorFor(catalog, codeOrSymbol) {
  const s = catalogState(catalog, ErrcatLookupError);
  return new ErrcatError(s, errorFields(s, codeOrSymbol));
}

// The public functions construct their ErrcatError themselves: an Error
// records every frame between its caller and its constructor, each at a
// cost (issue 17), so errcat's own frames in its stack are down to one.
function errorFields(s, codeOrSymbol) {
  const entry = lookupIn(s, codeOrSymbol);
  if (s.indexOf === undefined) s.indexOf = new Map(load(s).entries.map((e, i) => [e, i]));
  const i = s.indexOf.get(entry);
  const text = guard(() => wasm.error_for(s.index, i));
  if (text === '') throw new Error('errcat: internal error: no error for a known entry (please report this bug)');
  return fieldsOf(s, text, { entry: i });
}

// The error a wasm decode answer describes (`compact_json` in
// wasm/src/lib.rs): `#` and the texts back to back, with the numbers and the
// texts' lengths in wasm memory (`answerHead()`: entry, flags, minor, wait,
// retryAfterMs, minorIndex, then the lengths of rawCode, serverMessage,
// missingPermission and message, -1 for null; for an unknown code also code,
// httpStatus and the lengths of symbol and kind; NaN is null), or a JSON
// object. The core made every choice; a known entry's own fields are read
// from its cached object here instead of crossing the boundary again.
// `source`: what nsError() computes the NSError view from.
function fieldsOf(s, text, source) {
  if (text.charCodeAt(0) !== 35) {
    const r = JSON.parse(text);
    if (r.reason !== undefined) throw new ErrcatDecodeError(r.reason, r.message, s.id);
    r.source = source;
    return r;
  }
  // Every number is read before load() (which can grow the memory under the view).
  const h = answerHead();
  const i = h[0];
  const flags = h[1];
  const minorIndex = h[5];
  const code = h[10];
  const httpStatus = h[11];
  const symbolLen = h[12];
  const kindLen = h[13];
  let at = 1;
  let n = h[6];
  const rawCode = text.slice(at, (at += n));
  n = h[7];
  const serverMessage = n < 0 ? null : text.slice(at, (at += n));
  n = h[8];
  const missingPermission = n < 0 ? null : text.slice(at, (at += n));
  n = h[9];
  const message = n < 0 ? null : text.slice(at, (at += n));
  const minor = nullable(h[2]);
  const wait = nullable(h[3]);
  const retryAfterMs = nullable(h[4]);
  const entry = i >= 0 ? load(s).entries[i] : undefined;
  if (entry !== undefined) {
    const m = minorIndex >= 0 ? entry.minorCodes[minorIndex] : null;
    const from = (flags >> 1) & 3;
    return {
      entry: i,
      code: entry.code,
      symbol: entry.symbol,
      kind: entry.kind,
      httpStatus: entry.httpStatus,
      retryable: (flags & 1) === 1,
      message: message ?? entry.message,
      serverMessage,
      rawCode,
      minor,
      minorDetail: m === null ? null : m.detail,
      reaction: from === 1 ? entry.reaction : from === 2 ? m.reaction : null,
      retryAfterMs,
      missingPermission,
      wait,
      source,
    };
  }
  if (i >= 0) throw new Error('errcat: internal error: no such entry (please report this bug)');
  const symbol = text.slice(at, (at += symbolLen));
  const kind = text.slice(at, at + kindLen);
  return {
    entry: -1,
    code,
    symbol,
    kind,
    httpStatus,
    retryable: (flags & 1) === 1,
    message,
    serverMessage,
    rawCode,
    minor,
    minorDetail: null,
    reaction: null,
    retryAfterMs,
    missingPermission,
    wait,
    source,
  };
}

// NaN (a null number in the answer) as null.
function nullable(x) {
  return x === x ? x : null;
}

// Releases a user catalog's wasm side once nothing refers to its state.
const released =
  typeof FinalizationRegistry === 'undefined' ? undefined : new FinalizationRegistry((handle) => wasm.free_catalog(handle));

function userMethods(s) {
  return {
    lookup: (codeOrSymbol) => lookupIn(s, codeOrSymbol),
    lookupCode: (code) => codeIn(s, code),
    lookupSymbol: (symbol) => symbolIn(s, symbol),
    search: (text) => searchIn(s, text),
    decode: (payload) => new ErrcatError(s, decodeFields(s, payload)),
    errorFor: (codeOrSymbol) => new ErrcatError(s, errorFields(s, codeOrSymbol)),
    decodeResponse: (status, headers, body, now) => responseIn(s, status, headers, body, now),
    fromResponse: (res, options) => fromResponseIn(s, res, options),
    throwForResponse: (res, options) => throwForResponseIn(s, res, options),
  };
}

/**
 * Parses and validates a catalog in the errcat format, JSON form (`format`:
 * `"json"`; `name` names the source in problems). Returns a frozen catalog
 * object with `lookup`, `lookupCode`, `lookupSymbol`, `search`, `decode` and
 * `errorFor` methods. Throws ErrcatCatalogError (with every problem found)
 * when the text is not a valid catalog, TypeError for a wrong argument type.
 */
export function parseCatalog(text, format, name = '<string>') {
  if (format === 'toml') {
    // The TOML parser is left out of the wasm module for its size.
    throw new TypeError(
      'errcat: the npm package reads catalogs in JSON form only; convert the TOML file to JSON (the same keys), then pass format "json"'
    );
  }
  if (format !== 'json') throw new TypeError(`errcat: format must be "json", got ${describe(format)}`);
  if (typeof name !== 'string') throw new TypeError(`errcat: catalog name must be a string, got ${describe(name)}`);
  if (byId === undefined) boot();
  const bytes = textBytes(text, name, maxCatalogBytes, 'catalog');
  const r = JSON.parse(guard(() => wasm.parse_catalog(bytes, format, name)));
  if (r.handle === undefined) throw new ErrcatCatalogError(r.message, r.problems);
  const s = newState('', r.handle, true);
  const cat = load(s);
  s.id = cat.id;
  released?.register(s, r.handle);
  return cat;
}

// A catalog's or overlay's text as bytes, refused over `limit` before it is copied into wasm.
function textBytes(text, name, limit, what) {
  let bytes;
  if (typeof text === 'string') {
    // UTF-8 needs at least one byte per UTF-16 unit: over the limit for sure.
    if (text.length > limit) throw tooLargeText(name, `at least ${text.length}`, limit);
    bytes = new TextEncoder().encode(text);
  } else if (text instanceof Uint8Array) {
    bytes = text;
  } else if (text instanceof ArrayBuffer) {
    bytes = new Uint8Array(text);
  } else if (ArrayBuffer.isView(text)) {
    bytes = new Uint8Array(text.buffer, text.byteOffset, text.byteLength);
  } else {
    throw new TypeError(`errcat: ${what} text must be a string or bytes (Uint8Array, ArrayBuffer), got ${describe(text)}`);
  }
  if (bytes.length > limit) throw tooLargeText(name, String(bytes.length), limit);
  return bytes;
}

function tooLargeText(name, what, limit) {
  const problem = `file is ${what} bytes; the limit is ${limit}`;
  return new ErrcatCatalogError(`${name}: ${problem}`, [{ file: name, entry: null, problem }]);
}

function tooLarge(catalog, what) {
  return new ErrcatDecodeError('too_large', `payload is ${what} bytes; the limit is ${maxPayloadBytes}`, catalog);
}

/**
 * Decodes a server's error payload into an ErrcatError (returned, not
 * thrown). `payload` is the response body as text or bytes, or an already
 * parsed JSON value (object or integer). Throws ErrcatDecodeError when the
 * payload is not an error payload at all, TypeError for a wrong argument type.
 */
export function decode(catalog, payload) {
  const s = catalogState(catalog, ErrcatDecodeError);
  return new ErrcatError(s, decodeFields(s, payload));
}

function decodeFields(s, payload) {
  let text;
  let bytes;
  if (typeof payload === 'string') {
    // UTF-8 needs at least one byte per UTF-16 unit: over the limit for sure.
    if (payload.length > maxPayloadBytes) throw tooLarge(s.id, `at least ${payload.length}`);
    text = payload;
  } else if (payload instanceof Uint8Array || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) {
    bytes =
      payload instanceof Uint8Array
        ? payload
        : payload instanceof ArrayBuffer
          ? new Uint8Array(payload)
          : new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    if (bytes.length > maxPayloadBytes) throw tooLarge(s.id, String(bytes.length));
  } else if (typeof payload === 'number') {
    if (!Number.isSafeInteger(payload)) {
      throw new TypeError(`errcat: a numeric payload must be an integer error code, got ${describe(payload)}`);
    }
    text = String(payload);
  } else if (payload !== null && typeof payload === 'object') {
    if (typeof payload.then === 'function') {
      throw new TypeError('errcat: payload is a Promise; decode is synchronous, await the body first');
    }
    if (typeof Response !== 'undefined' && payload instanceof Response) {
      throw new TypeError('errcat: payload is a fetch Response; pass `await response.text()` (or `.arrayBuffer()`)');
    }
    try {
      text = JSON.stringify(payload);
    } catch (e) {
      throw new ErrcatDecodeError('malformed', `payload object cannot be serialised as JSON: ${e.message}`, s.id, { cause: e });
    }
    if (typeof text !== 'string') throw new ErrcatDecodeError('malformed', 'payload object has no JSON form', s.id);
    if (text.length > maxPayloadBytes) throw tooLarge(s.id, `at least ${text.length}`);
  } else {
    throw new TypeError(
      `errcat: payload must be a string, bytes (Uint8Array, ArrayBuffer), a parsed JSON object or an integer, got ${describe(payload)}`
    );
  }
  let out;
  try {
    out = text !== undefined ? wasm.decode_str(s.index, text) : wasm.decode_bytes(s.index, bytes);
  } catch (e) {
    throw trapped(e); // guard(), without a closure per decode
  }
  // The payload is kept (bytes copied, as the caller may reuse its buffer) so
  // that nsError() can compute the NSError view when, and only if, asked.
  return fieldsOf(s, out, text !== undefined ? { text } : { bytes: bytes.slice() });
}

// The headers as `[bytes, lengths]`: every name and value as UTF-8, in order,
// back to back, and their byte lengths. Which ones matter and how their names
// compare is the core's business (`ResponseParts::from_headers`), so every
// header goes over as is.
function headerBlock(headers) {
  const enc = new TextEncoder();
  const parts = [];
  const add = (name, value) => {
    if (typeof name !== 'string' || typeof value !== 'string') {
      throw new TypeError(`errcat: a header name and value must be strings, got ${describe(name)} and ${describe(value)}`);
    }
    parts.push(enc.encode(name), enc.encode(value));
  };
  if (headers === null || typeof headers !== 'object') {
    throw new TypeError(`errcat: headers must be a Headers, a plain object or an array of [name, value] pairs, got ${describe(headers)}`);
  }
  if (typeof headers[Symbol.iterator] === 'function') {
    // An array of pairs, a fetch Headers (names lower-cased, repeats joined by ", "), a Map.
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(`errcat: each header must be a [name, value] pair, got ${describe(pair)}`);
      }
      add(pair[0], pair[1]);
    }
  } else if (typeof headers.forEach === 'function') {
    // A Headers typed without DOM.Iterable still has forEach(value, name).
    headers.forEach((value, name) => add(name, value));
  } else {
    // A plain object; an array value (Node's IncomingHttpHeaders) is one header per item.
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const v of value) add(name, v);
      else add(name, value);
    }
  }
  let size = 0;
  for (const p of parts) size += p.length;
  const bytes = new Uint8Array(size);
  const lens = new Uint32Array(parts.length);
  let at = 0;
  parts.forEach((p, i) => {
    bytes.set(p, at);
    at += p.length;
    lens[i] = p.length;
  });
  return [bytes, lens];
}

function bodyBytes(body) {
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError(`errcat: body must be a string or bytes (Uint8Array, ArrayBuffer), got ${describe(body)}`);
}

// Date's own range; the wasm module's clock cannot go before 1970.
const MAX_CLOCK_MS = 8.64e15;

// The clock an HTTP-date Retry-After is read against, in ms since 1970.
function clockMs(now) {
  if (now === undefined) return Date.now();
  let ms;
  if (now instanceof Date) ms = now.getTime();
  else if (typeof now === 'number') ms = now;
  else throw new TypeError(`errcat: now must be a Date or milliseconds since 1970, got ${describe(now)}`);
  if (!(ms >= 0 && ms <= MAX_CLOCK_MS)) {
    throw new RangeError(`errcat: now must be a valid time from 1970 on (0 to ${MAX_CLOCK_MS} ms), got ${String(ms)}`);
  }
  return ms;
}

/**
 * Decodes an HTTP response (its status, headers and body) into an
 * ErrcatError, or `null` when it is not an error. The rules are errcat's core
 * rule (`core/src/http.rs`): a body that is an error payload is decoded as
 * `decode` would; a 4xx/5xx body that is not (HTML, empty, text, JSON without
 * a code) gives an error typed from the status (`isFromStatus`); a
 * `Retry-After` header (seconds or an HTTP-date read against `now`, a Date or
 * ms, default the current time) is the delay unless the body has its own.
 * Throws ErrcatDecodeError (`unknown_catalog`; `malformed` for a status
 * outside 100-599), TypeError for a wrong argument type.
 */
export function decodeResponse(catalog, status, headers, body, now) {
  return responseIn(catalogState(catalog, ErrcatDecodeError), status, headers, body, now);
}

function responseIn(s, status, headers, body, now) {
  if (typeof status !== 'number' || !Number.isSafeInteger(status)) {
    throw new TypeError(`errcat: status must be an integer, got ${describe(status)}`);
  }
  const [h, lens] = headerBlock(headers);
  const bytes = bodyBytes(body);
  const ms = clockMs(now);
  const out = guard(() => wasm.decode_response(s.index, status, h, lens, bytes, ms));
  if (out === '') return null;
  const r = JSON.parse(out);
  if (r.reason !== undefined) throw new ErrcatDecodeError(r.reason, r.message, s.id);
  r.source = { ns: r.ns };
  return new ErrcatError(s, r);
}

// A fetch Response, or anything shaped like one (another realm's, a polyfill's).
function checkResponse(res) {
  const ok =
    res !== null &&
    typeof res === 'object' &&
    typeof res.status === 'number' &&
    typeof res.clone === 'function' &&
    typeof res.bodyUsed === 'boolean' &&
    res.headers !== null &&
    typeof res.headers === 'object';
  if (!ok) {
    const hint = res !== null && typeof res === 'object' && typeof res.then === 'function' ? ' (a Promise: await the fetch first)' : '';
    throw new TypeError(`errcat: expected a fetch Response, got ${describe(res)}${hint}`);
  }
  if (res.bodyUsed) {
    throw new TypeError(
      'errcat: the Response body was already read; call fromResponse before reading it (it reads a clone), or pass what you read to decodeResponse(catalog, res.status, res.headers, body)'
    );
  }
}

function nowOption(options) {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`errcat: options must be an object like { now }, got ${describe(options)}`);
  }
  return options.now;
}

/**
 * The error of a fetch Response, or `null` when it is not one (as
 * `decodeResponse` decides). Reads a clone of the response, so its body is
 * still there for the caller. Rejects with a TypeError when the body was
 * already read, or `res` is not a Response.
 */
export async function fromResponse(catalog, res, options) {
  return fromResponseIn(catalogState(catalog, ErrcatDecodeError), res, options);
}

async function fromResponseIn(s, res, options) {
  checkResponse(res);
  const now = nowOption(options);
  if (now !== undefined) clockMs(now); // a bad clock fails before the body is read
  const body = await res.clone().arrayBuffer();
  return responseIn(s, res.status, res.headers, body, now);
}

/** Throws the error of a fetch Response (see `fromResponse`), else resolves with the response. */
export async function throwForResponse(catalog, res, options) {
  return throwForResponseIn(catalogState(catalog, ErrcatDecodeError), res, options);
}

async function throwForResponseIn(s, res, options) {
  const err = await fromResponseIn(s, res, options);
  if (err !== null) throw err;
  return res;
}

/**
 * A decoded server error. It is an `Error` (with a stack), so it can be
 * thrown as is; every field comes from the table row, or, for a code the
 * table does not know, from what the server sent.
 */
export class ErrcatError extends Error {
  #ns;
  #source;
  #state;
  #index;

  /** @internal Created by `decode`, `errorFor` and `decodeResponse`. */
  constructor(state, fields) {
    super(fields.message);
    const entry = fields.entry >= 0 ? load(state).entries[fields.entry] : undefined;
    this.catalog = state.id;
    this.domain = load(state).domain;
    this.code = fields.code;
    this.symbol = fields.symbol;
    this.kind = fields.kind;
    this.httpStatus = fields.httpStatus;
    this.retryable = fields.retryable;
    this.retryAfterMs = fields.retryAfterMs;
    this.missingPermission = fields.missingPermission;
    this.minor = fields.minor;
    this.minorDetail = fields.minorDetail;
    this.reaction = fields.reaction;
    this.wait = fields.wait;
    this.rawCode = fields.rawCode;
    this.isUnknown = entry === undefined;
    this.serverMessage = fields.serverMessage;
    this.entry = entry;
    // Set when the error was decoded from an HTTP response (decodeResponse).
    const r = fields.response;
    this.responseStatus = r ? r.status : null;
    this.contentType = r ? r.contentType : null;
    this.bodyExcerpt = r ? r.bodyExcerpt : null;
    this.bodyLen = r ? r.bodyLen : null;
    this.isFromStatus = r ? r.isFromStatus : false;
    this.#source = fields.source;
    // The state keeps a user catalog's handle alive for nsError().
    this.#state = state;
    this.#index = fields.entry;
  }

  /**
   * The message to show in a locale: the entry's message in the locale the
   * preference list selects (a BCP 47 tag or a list like
   * `navigator.languages`, the default), which wins over the server's text;
   * else `message`.
   */
  localizedMessage(locales) {
    const t = this.localized(locales);
    return t !== null && t.locale !== null ? t.message : this.message;
  }

  /**
   * The entry's texts in the locale the preference list selects: `{ locale,
   * message, causes, reaction, minorCodes }` (`locale` null: the base text),
   * or null for a code the table does not know.
   */
  localized(locales) {
    if (this.entry === undefined) {
      preferenceList(locales); // the same argument errors as for a known code
      return null;
    }
    const t = textsOf(this.#state, this.#index, locales);
    return Object.freeze({
      locale: t.locale,
      message: t.message,
      causes: Object.freeze(t.causes),
      reaction: t.reaction,
      minorCodes: freezeAll(t.minor.map(([code, detail, reaction]) => ({ code, detail, reaction }))),
    });
  }

  /** The NSError-shaped view: `{ domain, code, userInfo }` (a fresh copy). */
  nsError() {
    if (this.#ns === undefined && this.#source.ns !== undefined) {
      this.#ns = this.#source.ns;
      this.#source = undefined;
    }
    if (this.#ns === undefined) {
      const src = this.#source;
      const h = this.#state.index;
      const text = guard(() =>
        src.entry !== undefined
          ? wasm.ns_error_entry(h, src.entry)
          : src.text !== undefined
            ? wasm.ns_error_str(h, src.text)
            : wasm.ns_error_bytes(h, src.bytes)
      );
      if (text === '') throw new Error('errcat: internal error: the payload no longer decodes (please report this bug)');
      this.#ns = JSON.parse(text);
      this.#source = undefined;
    }
    const ns = this.#ns;
    return { domain: ns.domain, code: ns.code, userInfo: { ...ns.userInfo } };
  }

  /** A plain object for logging and JSON.stringify (Error's own message is not enumerable). */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      catalog: this.catalog,
      domain: this.domain,
      code: this.code,
      symbol: this.symbol,
      kind: this.kind,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      missingPermission: this.missingPermission,
      minor: this.minor,
      minorDetail: this.minorDetail,
      reaction: this.reaction,
      wait: this.wait,
      rawCode: this.rawCode,
      isUnknown: this.isUnknown,
      serverMessage: this.serverMessage,
      responseStatus: this.responseStatus,
      contentType: this.contentType,
      bodyExcerpt: this.bodyExcerpt,
      bodyLen: this.bodyLen,
      isFromStatus: this.isFromStatus,
    };
  }
}
ErrcatError.prototype.name = 'ErrcatError';

/**
 * A payload that is not an error payload at all. `reason` is one of
 * `unknown_catalog`, `too_large`, `empty`, `invalid_utf8`, `malformed`,
 * `missing_code` (the same strings in every errcat binding).
 */
export class ErrcatDecodeError extends Error {
  constructor(reason, message, catalog, options) {
    super(message, options);
    this.reason = reason;
    this.catalog = catalog;
  }
}
ErrcatDecodeError.prototype.name = 'ErrcatDecodeError';

/**
 * A lookup that finds nothing: `reason` is `unknown_catalog` or
 * `unknown_code` (the same strings in every errcat binding).
 */
export class ErrcatLookupError extends Error {
  constructor(reason, message, catalog) {
    super(message);
    this.reason = reason;
    this.catalog = catalog;
  }
}
ErrcatLookupError.prototype.name = 'ErrcatLookupError';

/** A catalog text that is not a valid catalog; `problems` lists every problem found. */
export class ErrcatCatalogError extends Error {
  constructor(message, problems) {
    super(message);
    this.problems = freezeAll(problems.map((p) => ({ file: p.file, entry: p.entry ?? null, problem: p.problem })));
  }
}
ErrcatCatalogError.prototype.name = 'ErrcatCatalogError';
