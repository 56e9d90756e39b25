// The README's examples against the installed package: every ```js block
// (except browser-only ones) runs in Node and must print what its `// →`
// comments say; the ```ts block must type-check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, TOOLS } from './env.mjs';
import { readmeBlocks } from './readme.mjs';

const blocks = readmeBlocks(REPO);
// Written inside the scratch project so that `import 'errcat'` finds the installed package.
const dir = join(process.cwd(), 'readme-run');
mkdirSync(dir, { recursive: true });

test('the README has runnable examples with expected output', () => {
  const js = blocks.filter((b) => b.lang === 'js');
  assert.ok(js.length >= 4);
  assert.ok(js.reduce((n, b) => n + b.expected.length, 0) >= 10);
  assert.equal(blocks.filter((b) => b.lang === 'html').length, 1);
  assert.equal(blocks.filter((b) => b.lang === 'ts').length, 1);
});

blocks.forEach((b, i) => {
  if (b.lang !== 'js' || b.browserOnly) return;
  test(`README js example #${i + 1} prints what it says`, () => {
    const file = join(dir, `example-${i + 1}.mjs`);
    writeFileSync(file, b.code);
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
    assert.deepEqual(out.split('\n').filter((l) => l !== ''), b.expected);
  });
});

test('README ts example type-checks', () => {
  const b = blocks.find((x) => x.lang === 'ts');
  const file = join(dir, 'example.ts');
  writeFileSync(file, `declare const userInput: string;\ndeclare const body: string;\n${b.code}\nexport {};\n`);
  const config = join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], types: [] },
      files: ['example.ts'],
    })
  );
  execFileSync(join(TOOLS, 'node_modules', '.bin', 'tsc'), ['-p', config], { encoding: 'utf8' });
});
