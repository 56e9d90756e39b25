// The C ABI crate's own build script, compiled here as this package's: cargo
// reads `rerun-if-changed=build.rs` relative to the package, so the script
// must be a file of this package (a missing path reruns it, and rebuilds the
// shim and every fuzz target, on every cargo invocation).
include!("../../ffi/build.rs");
