// Type-checked (never run) by scripts/test-js.sh with tsc --strict against the
// installed package: the declarations compile without a DOM lib, the literal
// types generated from the table narrow as documented, and the
// `@ts-expect-error` lines prove that wrong symbols and kinds are rejected.
import {
  lookup,
  decode,
  search,
  catalogs,
  catalog,
  ErrcatError,
  ErrcatDecodeError,
  ErrcatLookupError,
  type AnyEntry,
  type CatalogId,
  type Entry,
  type Kind,
  type RtcSymbol,
  type SpacesCode,
  type SpacesSymbol,
  type DecodeFailure,
} from 'errcat';
import { init, initSync } from 'errcat/manual';

// A known symbol or code is always found: no `undefined` in the type.
const limited: Entry<'spaces'> = lookup('spaces', 'RATE_LIMITED');
const limitedCode: SpacesCode = limited.code;
const limitedSymbol: SpacesSymbol = limited.symbol;
const byCode: Entry<'rtc'> = lookup('rtc', 102);
const kind: Kind = byCode.kind;

// Anything else may miss.
const maybe = lookup('spaces', 'rate-limited');
// @ts-expect-error -- possibly undefined
maybe.code;
const dynamicCatalog: string = 'rtc';
const anyEntry: AnyEntry | undefined = lookup(dynamicCatalog, '102');

// @ts-expect-error -- not an rtc symbol
const wrongSymbol: RtcSymbol = 'RATE_LIMITED';
// @ts-expect-error -- not a kind
const wrongKind: Kind = 'rate_limited';
// @ts-expect-error -- not a catalog id
const wrongCatalog: CatalogId = 'slack';

const err: ErrcatError<'spaces'> = decode('spaces', '{"error":{"code":"RATE_LIMITED","retry_after_ms":1500}}');
const isError: Error = err;
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
    const reason: 'unknown_catalog' = e.reason;
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
