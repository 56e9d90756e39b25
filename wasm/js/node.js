// errcat for Node (the "node" export condition): the .wasm file is read and
// compiled synchronously from the package directory, so importing is enough.
import { readFileSync } from 'node:fs';
import { initSync } from './wasm/errcat_wasm.js';
import { markInitialised } from './core.js';

markInitialised(initSync({ module: readFileSync(new URL('./wasm/errcat_wasm_bg.wasm', import.meta.url)) }));

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
