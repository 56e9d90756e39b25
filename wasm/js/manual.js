// errcat with explicit initialisation (no top-level await): call
// `await init()` (or `initSync(bytes)`) once, before the first lookup.
import initWasm, { initSync as initWasmSync } from './wasm/errcat_wasm.js';
import { markInitialised } from './core.js';

/**
 * Instantiates the wasm module. `source` is optional: a URL or path string,
 * a fetch Response (or a promise of one), the .wasm bytes or a compiled
 * WebAssembly.Module; by default the .wasm file next to this package's glue.
 */
export async function init(source) {
  markInitialised(await initWasm(source === undefined ? undefined : { module_or_path: source }));
}

/** Instantiates the wasm module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(source) {
  if (source === undefined || source === null) {
    throw new TypeError('errcat: initSync needs the .wasm bytes or a WebAssembly.Module');
  }
  markInitialised(initWasmSync({ module: source }));
}

export {
  lookup,
  lookupCode,
  lookupSymbol,
  catalogs,
  catalog,
  search,
  decode,
  decodeResponse,
  fromResponse,
  throwForResponse,
  errorFor,
  parseCatalog,
  registerOverlay,
  clearOverlays,
  ErrcatError,
  ErrcatDecodeError,
  ErrcatLookupError,
  ErrcatCatalogError,
} from './core.js';
