// Starts the shared fixture server (tests/http/server.py) that serves every
// HTTP vector at /<name>, for http.test.mjs (Node's fetch) and
// browser.test.mjs (Chromium's fetch, with --cors). A missing python3 or a
// server that does not answer is an error, so the suites fail, never skip.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './env.mjs';

const START_TIMEOUT_MS = 20000;

/** `{ origin, close() }` of a fresh server; `cors` adds its --cors flag. */
export async function startVectorServer({ cors = false } = {}) {
  const script = join(REPO, 'tests', 'http', 'server.py');
  const args = [script, '--exit-on-eof', ...(cors ? ['--cors'] : [])];
  // --exit-on-eof: the server stops when our end of its stdin closes, also if this process dies.
  const child = spawn('python3', args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`tests/http/server.py: ${why}`));
    };
    const timer = setTimeout(() => fail(`printed no port within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    let out = '';
    child.on('error', (e) => fail(`cannot run python3: ${e.message}`));
    child.on('exit', (code, signal) => fail(`exited (${code ?? signal}) before printing its port`));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const m = /^port (\d+)$/.exec(out.slice(0, nl).trim());
      if (m) resolve(Number(m[1]));
      else fail(`the first line is not "port N": ${JSON.stringify(out.slice(0, nl))}`);
    });
  });
  child.removeAllListeners('exit');
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
