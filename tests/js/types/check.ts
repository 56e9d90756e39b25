// Type-checked (never run) by scripts/test-js.sh with tsc --strict against the
// installed package: the declarations compile without a DOM lib, the literal
// types generated from the table narrow as documented, and the
// `@ts-expect-error` lines prove that wrong symbols and kinds are rejected.
import {
  lookup,
  lookupCode,
  lookupSymbol,
  decode,
  decodeResponse,
  fromResponse,
  throwForResponse,
  errorFor,
  parseCatalog,
  search,
  catalogs,
  catalog,
  ErrcatError,
  ErrcatDecodeError,
  ErrcatLookupError,
  ErrcatCatalogError,
  type AnyEntry,
  type CatalogProblem,
  type LookupFailure,
  type Minor,
  type UserCatalog,
  type CatalogId,
  type Entry,
  type Kind,
  type RtcSymbol,
  type SpacesCode,
  type SpacesSymbol,
  type DecodeFailure,
  type FetchResponse,
  type ResponseHeaders,
} from 'errcat';
import { init, initSync } from 'errcat/manual';

// lookup throws when nothing matches: no `undefined` in the type.
const limited: Entry<'spaces'> = lookup('spaces', 'RATE_LIMITED');
const limitedCode: SpacesCode = limited.code;
const limitedSymbol: SpacesSymbol = limited.symbol;
const byCode: Entry<'rtc'> = lookup('rtc', 102);
const kind: Kind = byCode.kind;
const forgiving: Entry<'spaces'> = lookup('spaces', 'rate-limited');
const dynamicCatalog: string = 'rtc';
const anyEntry: AnyEntry = lookup(dynamicCatalog, '102');
const waitRequired: boolean = byCode.waitRequired;
const minorCodes: readonly Minor[] = byCode.minorCodes;
// @ts-expect-error -- the entry's old name is gone
byCode.wait;
// @ts-expect-error -- the entry's old name is gone
byCode.minor;

// The exact lookups: a known code or symbol is found, anything else may miss.
const exactCode: Entry<'rtc'> = lookupCode('rtc', 102);
const exactSymbol: Entry<'spaces'> = lookupSymbol('spaces', 'RATE_LIMITED');
const maybeCode = lookupCode('rtc', 4242);
// @ts-expect-error -- possibly undefined
maybeCode.code;
const maybeSymbol = lookupSymbol('spaces', 'rate-limited');
// @ts-expect-error -- possibly undefined
maybeSymbol.code;
const maybeAny: AnyEntry | undefined = lookupSymbol(dynamicCatalog, 'x');
// @ts-expect-error -- a code is a number, not a string
lookupCode('rtc', '102');
// @ts-expect-error -- a symbol is a string
lookupSymbol('rtc', 102);

// errorFor: the typed error of a documented entry.
const made: ErrcatError<'spaces'> = errorFor('spaces', 'RATE_LIMITED');
const madeDomain: string = made.domain;
const madeAny: ErrcatError = errorFor(dynamicCatalog, 102);
// @ts-expect-error -- a query is a code or a symbol
errorFor('spaces', { code: 1 });

// User catalogs.
const user: UserCatalog = parseCatalog('{}', 'json', 'billing.json');
const fromBytesCatalog: UserCatalog = parseCatalog(new Uint8Array(0), 'json');
const userEntry: Entry<string> = user.lookup('CARD_DECLINED');
const userCode: number = userEntry.code;
const userMaybe: Entry<string> | undefined = user.lookupCode(1) ?? user.lookupSymbol('CARD_DECLINED');
const userHits: Entry<string>[] = user.search('declined');
const userErr: ErrcatError<string> = user.decode('{"code":"CARD_DECLINED"}');
const userMade: ErrcatError<string> = user.errorFor(1);
const userErrCatalog: string = userErr.catalog;
// @ts-expect-error -- only "json" (the TOML parser is not in the wasm module)
parseCatalog('...', 'toml');
try {
  parseCatalog('', 'json');
} catch (e) {
  if (e instanceof ErrcatCatalogError) {
    const problems: readonly CatalogProblem[] = e.problems;
    const where: string | null = problems[0]?.entry ?? null;
  }
}

// @ts-expect-error -- not an rtc symbol
const wrongSymbol: RtcSymbol = 'RATE_LIMITED';
// @ts-expect-error -- not a kind
const wrongKind: Kind = 'rate_limited';
// @ts-expect-error -- not a catalog id
const wrongCatalog: CatalogId = 'slack';

const err: ErrcatError<'spaces'> = decode('spaces', '{"error":{"code":"RATE_LIMITED","retry_after_ms":1500}}');
const isError: Error = err;
const errDomain: string = err.domain;
const errWait: number | null = err.wait;
const errMinor: number | null = err.minor;
const retryAfter: number | null = err.retryAfterMs;
const symbol: string = err.symbol;
const ns = err.nsError();
const description = ns.userInfo['NSLocalizedDescription'];
const fromBytes = decode('rtc', new Uint8Array([49, 48, 50]));
const fromObject = decode('messenger', { major: 203, minor: 5 });
if (fromObject.entry !== undefined) {
  const e: Entry<'messenger'> = fromObject.entry;
}

try {
  decode('spaces', '{');
} catch (e) {
  if (e instanceof ErrcatDecodeError) {
    const reason: DecodeFailure = e.reason;
  } else if (e instanceof ErrcatLookupError) {
    const reason: LookupFailure = e.reason;
    const both: 'unknown_catalog' | 'unknown_code' = e.reason;
  }
}

for (const c of catalogs()) {
  if (c.id === 'rtc') {
    const s: RtcSymbol | undefined = c.entries[0]?.symbol;
  }
}
for (const e of search('rate limit')) {
  if (e.catalog === 'spaces') {
    const s: SpacesSymbol = e.symbol;
  }
}
const rtc = catalog('rtc');
const rtcDomain: string = rtc.domain;

// @ts-expect-error -- ErrcatError is created by decode, not by hand
new ErrcatError();

async function manual(bytes: Uint8Array) {
  await init();
  initSync(bytes);
}

// HTTP responses: null for no error; a built-in id narrows the error.
const fromParts: ErrcatError<'spaces'> | null = decodeResponse('spaces', 503, [['Retry-After', '120']], '<html>', Date.now());
// @ts-expect-error -- may be null
decodeResponse('spaces', 503, [], '').symbol;
const fromAny: ErrcatError | null = decodeResponse(dynamicCatalog, 503, { 'content-type': 'text/html' }, new Uint8Array(0), new Date());
decodeResponse('rtc', 404, new Map([['content-type', 'application/json']]), new ArrayBuffer(0));
decodeResponse('rtc', 404, { 'set-cookie': ['a=1', 'b=2'] }, new DataView(new ArrayBuffer(0)));
// @ts-expect-error -- the status is a number
decodeResponse('rtc', '404', [], '');
// @ts-expect-error -- a header pair is two strings
decodeResponse('rtc', 404, [['Retry-After', 5]], '');
// @ts-expect-error -- a body is text or bytes
decodeResponse('rtc', 404, [], { code: 102 });
// @ts-expect-error -- the clock is a Date or ms
decodeResponse('rtc', 404, [], '', '2015-10-21');
if (fromParts !== null) {
  const status: number | null = fromParts.responseStatus;
  const contentType: string | null = fromParts.contentType;
  const excerpt: string | null = fromParts.bodyExcerpt;
  const bodyLen: number | null = fromParts.bodyLen;
  const fromStatus: boolean = fromParts.isFromStatus;
  // @ts-expect-error -- read-only
  fromParts.isFromStatus = false;
}
const errStatus: number | null = err.responseStatus;

// The response of a fetch, typed structurally (this file has no DOM lib; check-dom.ts has one).
interface MyResponse extends FetchResponse {
  readonly tag: 'mine';
}
declare const response: MyResponse;
async function adapters() {
  const e: ErrcatError<'rtc'> | null = await fromResponse('rtc', response);
  const e2: ErrcatError | null = await fromResponse(dynamicCatalog, response, { now: new Date() });
  const same: MyResponse = await throwForResponse('spaces', response, { now: 0 });
  const tag: 'mine' = same.tag;
  // @ts-expect-error -- a promise of a response is awaited first
  await fromResponse('rtc', Promise.resolve(response));
  // @ts-expect-error -- the option is `now`
  await fromResponse('rtc', response, { clock: 0 });
  const u: ErrcatError<string> | null = await user.fromResponse(response);
  const r: MyResponse = await user.throwForResponse(response);
  const d: ErrcatError<string> | null = user.decodeResponse(503, [], '');
}
const headersForms: ResponseHeaders[] = [[['a', 'b']], { a: 'b' }, new Map<string, string>()];
