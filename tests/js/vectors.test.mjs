// Every case of every shared vector file (tests/vectors/*.json) against the
// installed package, one test per case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as errcat from 'errcat';
import { vectorFiles } from './env.mjs';
import { vectorCases, caseProblems } from './vectors.mjs';

const files = vectorFiles();
const cases = vectorCases(files);

test('the vector files have lookups and decodes', () => {
  assert.ok(cases.some((c) => c.kind === 'lookup'));
  assert.ok(cases.some((c) => c.kind === 'decode'));
  assert.ok(cases.some((c) => c.case.expect_error !== undefined));
  assert.ok(cases.some((c) => c.case.expect_ns_error !== undefined));
});

for (const item of cases) {
  test(item.id, () => {
    const problems = caseProblems(errcat, item);
    assert.deepEqual(problems, []);
  });
}
