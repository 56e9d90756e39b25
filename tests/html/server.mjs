// A tiny static server on 127.0.0.1 for the generated sites: `/` serves the
// site with the package, `/plain/` the one generated without it. `.wasm` goes
// out as application/wasm (so browsers compile it while it streams).
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

function fileUnder(root, rel) {
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    const st = statSync(full);
    if (st.isDirectory()) return fileUnder(root, join(rel, 'index.html'));
    return st.isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the server. `mounts` maps a URL prefix ('/', '/plain/') to a
 * directory (add to it later with `mount`). Returns { origin, served (path ->
 * {count, type, status}), mount(prefix, dir), close() }.
 */
export async function serve(mounts) {
  const served = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // Longest prefix first; `mounts` may grow while the server runs.
    const prefix = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    const file = prefix === undefined ? undefined : fileUnder(normalize(mounts[prefix]), path.slice(prefix.length));
    const type = file ? TYPES[extname(file)] ?? 'application/octet-stream' : 'text/plain';
    const prev = served.get(path);
    served.set(path, { count: (prev?.count ?? 0) + 1, type, status: file ? 200 : 404 });
    res.writeHead(file ? 200 : 404, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(file ? readFileSync(file) : `not found: ${path}`);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    served,
    mount: (prefix, dir) => {
      mounts[prefix] = dir;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
