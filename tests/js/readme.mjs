// The examples of wasm/README.md, run by the tests (readme.test.mjs in Node,
// browser.test.mjs in Chromium) so the README cannot drift from the package.
//
// Every ```js block runs; each `// → text` comment is the line the
// `console.log` just above it must print. A block right after an
// `<!-- browser only -->` comment runs only in the browser. The ```html block
// is served as a page, the ```ts block is type-checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readmeBlocks(repo) {
  const text = readFileSync(join(repo, 'wasm', 'README.md'), 'utf8');
  const blocks = [];
  const re = /(<!-- browser only -->\s*)?```(\w+)\n([\s\S]*?)```/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const [, browserOnly, lang, code] = m;
    const expected = [...code.matchAll(/^\s*\/\/ → (.*)$/gm)].map((x) => x[1]);
    blocks.push({ lang, code, expected, browserOnly: Boolean(browserOnly) });
  }
  return blocks;
}
