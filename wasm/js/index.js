// errcat for browsers and bundlers: fetches the .wasm file that sits next to
// the glue (wasm/errcat_wasm_bg.wasm, found through `new URL(..., import.meta.url)`,
// which bundlers understand) with top-level await, so the API is ready to use
// once the import resolves. Use "errcat/manual" where top-level await is not
// available or the .wasm is served from elsewhere.
import init from './wasm/errcat_wasm.js';
import { markInitialised } from './core.js';

markInitialised(await init());

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
