// Proves that TypeScript users see a deprecated entry: runs tsc's language
// service (the installed `typescript` package) on deprecated-use.ts against
// the installed errcat package and requires a "'X' is deprecated"
// suggestion (6385, or 6387 for a signature) on every line marked /*D*/,
// carrying the shared message (codegen's deprecation_message), and on no
// other line. Prints `ts-deprecation: N passed, M failed`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tools = process.env.ERRCAT_JS_TOOLS;
if (!tools) throw new Error('ERRCAT_JS_TOOLS is not set: run through scripts/test-js.sh');
const ts = createRequire(join(tools, 'package.json'))('typescript');

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, 'deprecated-use.ts');
const source = readFileSync(file, 'utf8');
const options = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: [],
};
const host = {
  getCompilationSettings: () => options,
  getScriptFileNames: () => [file],
  getScriptVersion: () => '1',
  getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)) : undefined),
  getCurrentDirectory: () => here,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());

let passed = 0;
let failed = 0;
const ok = (cond, what) => {
  if (cond) passed++;
  else {
    failed++;
    console.log(`FAIL: ${what}`);
  }
};

const errors = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
for (const d of errors) console.log(`error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
ok(errors.length === 0, 'deprecated-use.ts type-checks without errors');

const lineOf = (pos) => ts.getLineAndCharacterOfPosition(service.getProgram().getSourceFile(file), pos).line;
const deprecated = service
  .getSuggestionDiagnostics(file)
  .filter((d) => d.code === 6385 || d.code === 6387)
  .map((d) => ({ line: lineOf(d.start), text: ts.flattenDiagnosticMessageText(d.messageText, '\n'), d }));
for (const x of deprecated) console.log(`line ${x.line + 1}: TS${x.d.code} ${x.text} (reportsDeprecated: ${x.d.reportsDeprecated === true})`);

const marked = source.split('\n').flatMap((l, i) => (l.includes('/*D*/') ? [i] : []));
ok(marked.length > 0, 'deprecated-use.ts marks the lines that use a deprecated literal');
for (const line of marked) {
  const hit = deprecated.find((x) => x.line === line);
  ok(hit !== undefined, `line ${line + 1} is reported as deprecated`);
  ok(hit !== undefined && hit.text.includes('USERNAME_HAS_ALREADY_BEEN_TAKEN'), `line ${line + 1}: the report names the literal`);
  ok(hit !== undefined && hit.d.reportsDeprecated === true, `line ${line + 1}: reported as a deprecation (struck through in editors)`);
}
for (const x of deprecated) ok(marked.includes(x.line), `line ${x.line + 1} is reported but uses no deprecated literal`);

// The declaration's JSDoc carries the shared message (what editors show on hover).
const at = source.indexOf('USERNAME_HAS_ALREADY_BEEN_TAKEN;');
const info = service.getQuickInfoAtPosition(file, at + 1);
const tag = info?.tags?.find((t) => t.name === 'deprecated');
const message = tag ? ts.displayPartsToString(tag.text) : '';
console.log(`hover @deprecated: ${message}`);
ok(message.startsWith('USERNAME_HAS_ALREADY_BEEN_TAKEN is deprecated.'), 'the hover shows the deprecation message');

console.log(`ts-deprecation: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
