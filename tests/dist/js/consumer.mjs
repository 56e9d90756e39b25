// A Node program in a scratch project that installed the released npm
// tarball: ESM import by the package's name, a lookup and a decode.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lookup, decode, catalogs, ErrcatError } from 'errcat';

const want = process.argv[2];
const pkg = createRequire(import.meta.url)('errcat/package.json');
assert.equal(pkg.version, want);

const e = lookup('spaces', 'rate-limited');
assert.deepEqual([e.symbol, e.code, e.kind], ['RATE_LIMITED', 42901, 'resource_exhausted']);

const err = decode('spaces', '{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500}}');
assert.ok(err instanceof ErrcatError && err instanceof Error);
assert.deepEqual([err.message, err.retryAfterMs], ['Slow down', 1500]);

console.log(`errcat ${pkg.version}: ${catalogs().map((c) => c.id).join(' ')}`);
console.log('js-consumer: 3 passed, 0 failed');
