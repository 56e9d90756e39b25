// Paths handed over by scripts/test-js.sh. The tests run from a copy of
// tests/js inside a scratch project the tarball was installed into, so they
// find the repository (and the shared vectors) through ERRCAT_REPO.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these tests through scripts/test-js.sh`);
  return v;
}

export const REPO = need('ERRCAT_REPO');
export const TARBALL = need('ERRCAT_TARBALL');
export const TOOLS = need('ERRCAT_JS_TOOLS');
export const CHROMIUM = process.env.ERRCAT_CHROMIUM || '/usr/bin/chromium';
export const VECTORS_DIR = join(REPO, 'tests', 'vectors');

/** Every shared vector file: `[{ file, data }]`. */
export function vectorFiles() {
  const names = readdirSync(VECTORS_DIR).filter((f) => f.endsWith('.json')).sort();
  if (names.length === 0) throw new Error(`no vector files in ${VECTORS_DIR}`);
  return names.map((file) => ({ file, data: JSON.parse(readFileSync(join(VECTORS_DIR, file), 'utf8')) }));
}
