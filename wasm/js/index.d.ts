// Type declarations of the `errcat` npm package. The literal types (catalog
// ids, kinds, each catalog's symbols and codes) are generated from the table
// into catalogs.d.ts; this file is written by hand on top of them.

import type { AliasOf, CatalogId, CodeOf, Kind, SymbolOf, Wire } from './catalogs.js';

export type * from './catalogs.js';

/** The codes of catalog `C`: its literal codes for a built-in id, else any number. */
export type CodeFor<C extends string> = C extends CatalogId ? CodeOf<C> : number;
/** The symbols of catalog `C`: its literal symbols for a built-in id, else any string. */
export type SymbolFor<C extends string> = C extends CatalogId ? SymbolOf<C> : string;

/** A minor code under an entry (the messenger protocol's minor codes). */
export interface Minor {
  readonly code: number;
  /** What it means, when documented. */
  readonly detail: string | null;
  /** What the client should do, when documented. */
  readonly reaction: string | null;
}

/**
 * The caller's preferred locales, most preferred first: a BCP 47 tag or a
 * list like `navigator.languages`. Left out, it is `navigator.languages`
 * where that is defined (browsers), else `Intl.DateTimeFormat()`'s locale.
 * The fallback is the core's: `pt-BR` → `pt` → the base text (English;
 * `en`/`en-US` stop there); tags that are not BCP 47 are skipped; the
 * pseudo-locale `en-XA` is built in.
 */
export type Locales = string | readonly string[];

/** An entry's texts in a locale (a text the overlay lacks is the base text). */
export interface LocalizedTexts {
  /** The locale the texts are in; null for the base text. */
  readonly locale: string | null;
  readonly message: string;
  readonly causes: readonly string[];
  readonly reaction: string | null;
  readonly minorCodes: readonly Minor[];
}

/** A deprecation notice. */
export interface Deprecation {
  /** The version in which the code was deprecated. */
  readonly since: string | null;
  /** Symbol of the entry that replaces it. */
  readonly replacedBy: string | null;
  readonly note: string | null;
}

/**
 * One row of the table (frozen; the same object for every lookup of it).
 * `C` is a built-in catalog id, or `string` for an entry of a user catalog.
 */
export interface Entry<C extends string = CatalogId> {
  /** The catalog the entry belongs to. */
  readonly catalog: C;
  /** Integer code, unique in its catalog (assigned by errcat for string-coded catalogs). */
  readonly code: CodeFor<C>;
  /** The documented name, spelled as documented. */
  readonly symbol: SymbolFor<C>;
  /** True when errcat derived the symbol (the document has none). */
  readonly symbolDerived: boolean;
  /** Other spellings that find this entry. */
  readonly aliases: readonly string[];
  /** The identifier-safe type name (`AUTH_FAILED` → `AuthFailed`, `2FA_REQUIRED` → `TwoFaRequired`). */
  readonly typeName: string;
  /** The documented text. */
  readonly message: string;
  /** True when errcat derived the message (the document has none). */
  readonly messageDerived: boolean;
  /** Category id (see `Catalog.categories`). */
  readonly category: string;
  /** The canonical kind. */
  readonly kind: Kind;
  /** HTTP status: documented, or the kind's canonical mapping. */
  readonly httpStatus: number;
  /** True when the HTTP status is documented, false when it is the kind's. */
  readonly httpStatusDocumented: boolean;
  /** Whether retrying may succeed. */
  readonly retryable: boolean;
  readonly deprecated: boolean;
  readonly deprecation: Deprecation | null;
  /** Documented possible causes. */
  readonly causes: readonly string[];
  /** What the client should do. */
  readonly reaction: string | null;
  /** The server sends a wait parameter with this error (the error's `wait` is the number it sent). */
  readonly waitRequired: boolean;
  /** Only the server sees this error. */
  readonly serverOnly: boolean;
  /** The request (action) number the error refers to, as documented. */
  readonly request: string | null;
  /** The request link's target when it differs from its text. */
  readonly requestAnchor: string | null;
  /** Documentation URL. */
  readonly docUrl: string | null;
  /** Transcription note. */
  readonly note: string | null;
  /** The documented minor codes (the error's `minor` is the one the server sent). */
  readonly minorCodes: readonly Minor[];
  /**
   * The message in the locale the preference list selects (default: the
   * platform's, see `Locales`); the base text when no overlay applies.
   * @throws {TypeError} when `locales` is not a string or an array of strings.
   */
  localizedMessage(locales?: Locales): string;
}

/** An entry of any catalog, narrowed by its `catalog` field. */
export type AnyEntry = { [C in CatalogId]: Entry<C> }[CatalogId];

/** A group of entries (a heading of the source document). */
export interface Category {
  readonly id: string;
  readonly name: string;
  /** HTTP status documented for the whole category. */
  readonly httpStatus: number | null;
}

/** A built-in catalog (frozen). */
export interface Catalog<C extends CatalogId = CatalogId> {
  readonly id: C;
  readonly name: string;
  /** NSError domain of this catalog's errors. */
  readonly domain: string;
  readonly wire: Wire;
  readonly source: string | null;
  readonly description: string | null;
  readonly categories: readonly Category[];
  readonly entries: readonly Entry<C>[];
}

/** An entry's code, symbol or alias: found by `lookup` and `errorFor`. */
export type KnownKey<C extends CatalogId> = CodeOf<C> | SymbolOf<C> | AliasOf<C>;

/** What `lookup` and `errorFor` take: a code (a number, bigint or string of digits) or a symbol. */
export type Query = string | number | bigint;

/**
 * Looks up an entry by code (a number, or a string of digits) or symbol
 * (forgiving: case, `-`, `_`, `.` and spaces are ignored; an exact symbol or
 * alias wins).
 *
 * @throws {ErrcatLookupError} `reason` = `"unknown_catalog"` for an unknown catalog,
 *   `"unknown_code"` when the catalog has no such code or symbol.
 * @throws {TypeError} when an argument has the wrong type (or a number is not a safe integer).
 */
export function lookup<C extends CatalogId>(catalog: C, codeOrSymbol: Query): Entry<C>;
export function lookup(catalog: string, codeOrSymbol: Query): AnyEntry;

/**
 * The entry with exactly this integer code, or `undefined`.
 *
 * @throws {ErrcatLookupError} for an unknown catalog (`reason` = `"unknown_catalog"`).
 * @throws {TypeError} when the code is not a safe integer or a bigint.
 */
export function lookupCode<C extends CatalogId>(catalog: C, code: CodeOf<C>): Entry<C>;
export function lookupCode<C extends CatalogId>(catalog: C, code: number | bigint): Entry<C> | undefined;
export function lookupCode(catalog: string, code: number | bigint): AnyEntry | undefined;

/**
 * The entry with exactly this symbol or alias (case and separators count), or `undefined`.
 *
 * @throws {ErrcatLookupError} for an unknown catalog (`reason` = `"unknown_catalog"`).
 * @throws {TypeError} when the symbol is not a string.
 */
export function lookupSymbol<C extends CatalogId>(catalog: C, symbol: SymbolOf<C> | AliasOf<C>): Entry<C>;
export function lookupSymbol<C extends CatalogId>(catalog: C, symbol: string): Entry<C> | undefined;
export function lookupSymbol(catalog: string, symbol: string): AnyEntry | undefined;

/** Every built-in catalog, in public order, with its categories and entries. */
export function catalogs(): { [C in CatalogId]: Catalog<C> }[CatalogId][];

/** The built-in catalog with this id, or `undefined`. */
export function catalog<C extends CatalogId>(id: C): Catalog<C>;
export function catalog(id: string): Catalog | undefined;

/**
 * Full-text search over every catalog (symbols, aliases, messages, causes,
 * reactions, minor-code details): every whitespace-separated term must occur,
 * case-insensitively. Results are in catalog order, then table order.
 * Queries over 1024 bytes find nothing.
 */
export function search(text: string): AnyEntry[];

/**
 * What `decode` accepts: the response body as text or bytes, or an already
 * parsed JSON value (an object, or an integer code).
 */
export type Payload = string | Uint8Array | ArrayBuffer | ArrayBufferView | number | object;

/**
 * Decodes a server's error payload into an `ErrcatError` (returned, not
 * thrown). Accepted shapes: the `spaces` envelope
 * `{"error":{"code","message","retry_after_ms","missing_permission"}}`, the
 * messenger `{"major","minor","wait"}`, bare `{"code","message"}` and
 * `{"error": code}` objects, a bare number or string. An unknown code is not
 * a failure: it comes back with `isUnknown` set, the raw code and the
 * server's message.
 *
 * @throws {ErrcatDecodeError} when the payload is not an error payload at all.
 * @throws {TypeError} when the payload has a type decode does not accept.
 */
export function decode<C extends CatalogId>(catalog: C, payload: Payload): ErrcatError<C>;
export function decode(catalog: string, payload: Payload): ErrcatError;

/**
 * The headers of a response: a fetch `Headers`, a `Map`, an array of
 * `[name, value]` pairs, or a plain object (an array value is one header per
 * item, as Node's `IncomingHttpHeaders` has). Every header is passed to the
 * core, which picks `Retry-After` and `Content-Type` (names
 * case-insensitive, the first occurrence counts). Typed structurally so
 * these declarations need no DOM lib (with or without `DOM.Iterable`).
 */
export type ResponseHeaders =
  | Iterable<readonly [string, string]>
  | { forEach(callback: (value: string, name: string) => void): void }
  | { readonly [name: string]: string | readonly string[] };

/** A response body: text (sent as UTF-8) or bytes. */
export type ResponseBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * The clock an HTTP-date `Retry-After` is read against: a `Date` or
 * milliseconds since 1970 (default: now). Typed structurally for the same
 * reason as `ResponseHeaders` (a `Date` is one).
 */
export type Clock = number | { getTime(): number };

/** Options of `fromResponse` and `throwForResponse`. */
export interface ResponseOptions {
  /** The clock an HTTP-date `Retry-After` is read against (default: now). */
  now?: Clock;
}

/**
 * What `fromResponse` needs of a fetch `Response` (a real one fits; typed
 * structurally so these declarations need no DOM lib).
 */
export interface FetchResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly bodyUsed: boolean;
  clone(): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Decodes an HTTP response into an `ErrcatError`, or `null` when it is not
 * an error. The rules are errcat's core rule, the same in every binding:
 *
 * - a body that is an error payload decodes as `decode` would, keeping the
 *   response's status (`responseStatus`) and `contentType`;
 * - at 400 and up, a body that is not one (HTML from a proxy, empty, plain
 *   text, JSON without a code, over 1 MiB) gives an error typed from the
 *   status (`isFromStatus`; symbol `HTTP_<status>`, kind from the status: 503
 *   `unavailable`, retryable) with a bounded `bodyExcerpt`;
 * - below 400, only a body that is an error payload with a code is an error;
 * - `Retry-After` (delta-seconds, or an HTTP-date read against `now`) is the
 *   delay (`retryAfterMs`, clamped to a day) unless the body has its own;
 *   invalid values are ignored.
 *
 * @throws {ErrcatDecodeError} `"unknown_catalog"`, or `"malformed"` for a status outside 100-599.
 * @throws {TypeError} when an argument has the wrong type; {RangeError} for a clock before 1970.
 */
export function decodeResponse<C extends CatalogId>(
  catalog: C,
  status: number,
  headers: ResponseHeaders,
  body: ResponseBody,
  now?: Clock
): ErrcatError<C> | null;
export function decodeResponse(
  catalog: string,
  status: number,
  headers: ResponseHeaders,
  body: ResponseBody,
  now?: Clock
): ErrcatError | null;

/**
 * The error of a fetch `Response` (decided as `decodeResponse` does), or
 * `null`. Reads a clone, so the caller can still read the body.
 *
 * @throws {TypeError} (rejects) when `res` is not a Response or its body was already read.
 * @throws {ErrcatDecodeError} (rejects) as `decodeResponse`.
 */
export function fromResponse<C extends CatalogId>(catalog: C, res: FetchResponse, options?: ResponseOptions): Promise<ErrcatError<C> | null>;
export function fromResponse(catalog: string, res: FetchResponse, options?: ResponseOptions): Promise<ErrcatError | null>;

/**
 * Rejects with the error of a fetch `Response` (see `fromResponse`), else
 * resolves with the response itself, its body unread.
 */
export function throwForResponse<R extends FetchResponse>(catalog: string, res: R, options?: ResponseOptions): Promise<R>;

/**
 * The error of a documented entry (found as `lookup` finds it), as if the
 * server had sent it without a message: the same `ErrcatError` `decode`
 * gives, with `serverMessage` null. For tests and mocks.
 *
 * @throws {ErrcatLookupError} `"unknown_catalog"` or `"unknown_code"`.
 * @throws {TypeError} when an argument has the wrong type.
 */
export function errorFor<C extends CatalogId>(catalog: C, codeOrSymbol: Query): ErrcatError<C>;
export function errorFor(catalog: string, codeOrSymbol: Query): ErrcatError;

/**
 * The formats `parseCatalog` reads: the JSON form of the catalog format. (The
 * TOML form is read by the other bindings; its parser is left out of the
 * wasm module for size, and `"toml"` throws a TypeError saying so.)
 */
export type CatalogFormat = 'json';

/**
 * The form `registerOverlay` reads: the JSON form of an overlay file (the
 * TOML form is read by the other bindings; its parser is left out of the
 * wasm module for size, and `"toml"` throws a TypeError saying so).
 */
export type OverlayFormat = 'json';

/**
 * Registers a translation overlay of a built-in catalog, JSON form:
 * `{"overlay": {"catalog": "spaces", "locale": "pt-BR"}, "entry": {"RATE_LIMITED":
 * {"message": "…", "causes": […], "reaction": "…", "minor": {"32": {"detail": "…"}}}}}`.
 * Validated by the core (unknown symbols, empty texts, placeholders, causes
 * count); it replaces the overlay of the same catalog and locale.
 *
 * @throws {ErrcatCatalogError} with every problem found; nothing is registered then.
 * @throws {TypeError} when an argument has the wrong type, or `format` is not `"json"`.
 */
export function registerOverlay(text: string | Uint8Array | ArrayBuffer | ArrayBufferView, format?: OverlayFormat): void;

/** Drops every registered overlay (the built-in `en-XA` stays). */
export function clearOverlays(): void;

/** A catalog parsed at run time by `parseCatalog` (frozen), with the operations of the module as methods. */
export interface UserCatalog {
  readonly id: string;
  readonly name: string;
  /** NSError domain of this catalog's errors. */
  readonly domain: string;
  readonly wire: Wire;
  readonly source: string | null;
  readonly description: string | null;
  readonly categories: readonly Category[];
  readonly entries: readonly Entry<string>[];
  /** As the module's `lookup`: forgiving; throws ErrcatLookupError (`unknown_code`) when nothing matches. */
  lookup(codeOrSymbol: Query): Entry<string>;
  /** The entry with exactly this code, or `undefined`. */
  lookupCode(code: number | bigint): Entry<string> | undefined;
  /** The entry with exactly this symbol or alias, or `undefined`. */
  lookupSymbol(symbol: string): Entry<string> | undefined;
  /** Full-text search in this catalog. */
  search(text: string): Entry<string>[];
  /** Decodes a payload against this catalog. */
  decode(payload: Payload): ErrcatError<string>;
  /** The error of a documented entry; throws ErrcatLookupError (`unknown_code`) when there is none. */
  errorFor(codeOrSymbol: Query): ErrcatError<string>;
  /** As the module's `decodeResponse`, against this catalog. */
  decodeResponse(status: number, headers: ResponseHeaders, body: ResponseBody, now?: Clock): ErrcatError<string> | null;
  /** As the module's `fromResponse`, against this catalog. */
  fromResponse(res: FetchResponse, options?: ResponseOptions): Promise<ErrcatError<string> | null>;
  /** As the module's `throwForResponse`, against this catalog. */
  throwForResponse<R extends FetchResponse>(res: R, options?: ResponseOptions): Promise<R>;
}

/**
 * Parses and validates a catalog in the errcat format, JSON form (see
 * `core/catalogs/SCHEMA.md`). `name` names the source in problems (default
 * `"<string>"`). Works in browsers and Node alike: it takes text, not a path.
 *
 * @throws {ErrcatCatalogError} with every problem found, when the text is not a valid catalog.
 * @throws {TypeError} when an argument has the wrong type, or `format` is not `"json"`.
 */
export function parseCatalog(
  text: string | Uint8Array | ArrayBuffer | ArrayBufferView,
  format: CatalogFormat,
  name?: string
): UserCatalog;

/** Values of the NSError userInfo dictionary. */
export type UserInfoValue = string | number | boolean;

/** The NSError-shaped view of an error, the same in every errcat binding. */
export interface NsError {
  /** The catalog's domain (`errcat.rtc`, …). */
  domain: string;
  /** The table's integer code (the raw code for an unknown one). */
  code: number;
  /**
   * Keys `NSLocalizedDescription`, `NSLocalizedFailureReason`,
   * `NSLocalizedRecoverySuggestion`, `ErrcatSymbol`, `ErrcatCatalog`,
   * `ErrcatKind`, `ErrcatRetryable`, `ErrcatMinorCode`, `ErrcatRetryAfterMs`,
   * `ErrcatMissingPermission`, `ErrcatRawCode`, `NSHelpAnchor`,
   * `ErrcatDocUrl` (the entry's documentation link), and for an error decoded
   * from a response `ErrcatResponseStatus`, `ErrcatFromStatus`,
   * `ErrcatContentType`, `ErrcatBodyExcerpt`, `ErrcatBodyLength`; absent
   * values are left out.
   */
  userInfo: Record<string, UserInfoValue>;
}

/**
 * A decoded server error: an `Error` (with a stack) carrying the table row's
 * fields, or, for a code the table does not know, what the server sent.
 * `message` is the server's text, else the table's. `C` is a built-in
 * catalog id, or `string` for an error of a user catalog.
 */
export class ErrcatError<C extends string = CatalogId> extends Error {
  /** Created by `decode`, `errorFor` and `decodeResponse`. */
  private constructor();
  readonly name: 'ErrcatError';
  /** The catalog id. */
  readonly catalog: C;
  /** The catalog's NSError domain (`errcat.spaces`, …). */
  readonly domain: string;
  /** The table's integer code; for an unknown code the raw integer (0 for an unknown string code). */
  readonly code: CodeFor<C> | number;
  /** The table's symbol; for an unknown code the raw string code, or `UNKNOWN`. */
  readonly symbol: SymbolFor<C> | (string & {});
  /** The canonical kind (`unknown` for an unknown code). */
  readonly kind: Kind;
  /** The entry's HTTP status (500 for an unknown code). */
  readonly httpStatus: number;
  /** The table's retry advice, or true whenever the server sent a retry delay or a wait. */
  readonly retryable: boolean;
  /** Milliseconds to wait before retrying, as sent by the server. */
  readonly retryAfterMs: number | null;
  /** The permission the caller lacks, as sent by the server. */
  readonly missingPermission: string | null;
  /** The minor code the server sent. */
  readonly minor: number | null;
  /** The documented detail of that minor code. */
  readonly minorDetail: string | null;
  /** What the client should do: the minor code's reaction, else the entry's. */
  readonly reaction: string | null;
  /** The messenger protocol's wait parameter, as sent by the server. */
  readonly wait: number | null;
  /** The code exactly as the server sent it, as a string. */
  readonly rawCode: string;
  /** True when the table does not know the code. */
  readonly isUnknown: boolean;
  /** The message the server sent, if any. */
  readonly serverMessage: string | null;
  /** The table row (`undefined` for an unknown code). */
  readonly entry: Entry<C> | undefined;
  /** The status of the HTTP response it was decoded from (`decodeResponse`), else null. */
  readonly responseStatus: number | null;
  /** That response's `Content-Type` (trimmed, at most 128 characters), else null. */
  readonly contentType: string | null;
  /**
   * For an error typed from the status: the start of the body as text (at
   * most 512 bytes, ending with `… (N more bytes)` when cut; `""` for an
   * empty body). Else null.
   */
  readonly bodyExcerpt: string | null;
  /** The size in bytes of that response's whole body, else null. */
  readonly bodyLen: number | null;
  /** True when the error is typed from the HTTP status alone (the body had no error code). */
  readonly isFromStatus: boolean;
  /**
   * The message to show in a locale: the entry's message in the locale the
   * preference list selects (default: the platform's, see `Locales`), which
   * wins over the server's text (that is not in the user's language); else
   * `message`.
   */
  localizedMessage(locales?: Locales): string;
  /** The entry's texts in the locale the preference list selects; null for an unknown code. */
  localized(locales?: Locales): LocalizedTexts | null;
  /** The NSError-shaped view (a fresh copy on every call). */
  nsError(): NsError;
  /** A plain object of the fields above plus `name` and `message`, for logging. */
  toJSON(): Record<string, unknown>;
}

/** Why a payload could not be decoded at all (the same strings in every errcat binding). */
export type DecodeFailure = 'unknown_catalog' | 'too_large' | 'empty' | 'invalid_utf8' | 'malformed' | 'missing_code';

/** A payload that is not an error payload at all; `reason` says why. */
export class ErrcatDecodeError extends Error {
  private constructor();
  readonly name: 'ErrcatDecodeError';
  readonly reason: DecodeFailure;
  /** The catalog id, when it is a known one. */
  readonly catalog: string | undefined;
}

/** Why a lookup found nothing (the same strings in every errcat binding). */
export type LookupFailure = 'unknown_catalog' | 'unknown_code';

/** A lookup (or `errorFor`) that finds nothing; `reason` says why. */
export class ErrcatLookupError extends Error {
  private constructor();
  readonly name: 'ErrcatLookupError';
  readonly reason: LookupFailure;
  /** The catalog id, when it is a known one. */
  readonly catalog: string | undefined;
}

/** One problem found in a catalog text: the file (the name given), the entry, the problem. */
export interface CatalogProblem {
  readonly file: string;
  /** The entry, as `entry #N (code C, SYMBOL)`, when the problem is in one. */
  readonly entry: string | null;
  readonly problem: string;
}

/** A catalog text that is not a valid catalog; `problems` lists every problem found. */
export class ErrcatCatalogError extends Error {
  private constructor();
  readonly name: 'ErrcatCatalogError';
  readonly problems: readonly CatalogProblem[];
}
