// "errcat/manual": the same API as "errcat", without top-level await; call
// `init()` (or `initSync()`) once before using it.

export * from './index.js';

/**
 * Where to load the wasm module from: a URL (string or URL object), a fetch
 * Response or a promise of one, the .wasm bytes, or a compiled
 * WebAssembly.Module. Typed loosely so these declarations need no DOM lib.
 */
export type InitSource = string | { readonly href: string } | ArrayBuffer | ArrayBufferView | PromiseLike<unknown> | object;

/** Instantiates the wasm module; by default from the .wasm file next to the package's glue. */
export function init(source?: InitSource): Promise<void>;

/** Instantiates the wasm module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(source: ArrayBuffer | ArrayBufferView | object): void;
