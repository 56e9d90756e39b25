//! `uniffi-bindgen`, pinned to the exact UniFFI version of `errcat-bindings`
//! so generated Swift and Kotlin always match the scaffolding in the library.

fn main() {
    uniffi::uniffi_bindgen_main()
}
