// Type-checked as a bundler would resolve it (moduleResolution "bundler"):
// the package's own declarations, with the table's literal types.
import { lookup, decode, type Entry, type SpacesSymbol, ErrcatError } from 'errcat';
import { init } from 'errcat/manual';

const e: Entry<'spaces'> = lookup('spaces', 'RATE_LIMITED');
const s: SpacesSymbol = e.symbol;
const err: ErrcatError<'spaces'> = decode('spaces', '{"error":{"code":"RATE_LIMITED"}}');
const retry: number | null | undefined = err.retryAfterMs;
// @ts-expect-error: not a symbol of the spaces catalog
const bad: SpacesSymbol = 'NOT_A_SYMBOL';
export { s, retry, bad, init };
