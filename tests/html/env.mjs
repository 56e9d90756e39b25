// Settings of the HTML reference tests, from the environment that
// scripts/test-html.sh sets. A missing setting fails loudly: these tests
// never pass because something was not there.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run scripts/test-html.sh)`);
  return v;
}

function needPath(name) {
  const v = need(name);
  if (!existsSync(v)) throw new Error(`${name}=${v} does not exist`);
  return v;
}

export const BIN = needPath('ERRCAT_BIN');
export const SITE = needPath('ERRCAT_HTML_SITE');
export const SITE_PLAIN = needPath('ERRCAT_HTML_SITE_PLAIN');
export const OUT = needPath('ERRCAT_HTML_OUT');
export const CHROMIUM = needPath('ERRCAT_CHROMIUM');
/** The unpacked npm package the site was generated with. */
export const PACKAGE_DIR = needPath('ERRCAT_HTML_PACKAGE_DIR');
const TOOLS = needPath('ERRCAT_HTML_TOOLS');

export const { chromium } = createRequire(join(TOOLS, 'package.json'))('playwright-core');

/** Runs the errcat CLI with --json and parses its output. */
export function cli(...args) {
  return JSON.parse(execFileSync(BIN, ['--json', ...args], { encoding: 'utf8' }));
}

/** The flags the brief asks Chromium to run with. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
