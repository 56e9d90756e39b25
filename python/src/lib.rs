//! `errcat._native`: the pyo3 extension module under the Python package
//! `errcat` (python/errcat/__init__.py).
//!
//! The split: everything that touches the table or a payload is here, in
//! Rust; what Python does better stays in Python: the exception classes
//! (built with `type()` from this module's entries, so they are real Python
//! classes that subclass, pickle and show up in tracebacks normally), the
//! `Kind` enum and the error types this module raises (handed over once by
//! `_setup`; `Kind` as a function, so the enum is built on first use).
//!
//! Two rules hold for every function here:
//!
//! * No panic reaches Python. Calls into the core run under
//!   `catch_unwind` ([`guard`]) and a panic becomes a `RuntimeError`, never
//!   a `PanicException` (which derives from `BaseException` and slips past
//!   `except Exception`).
//! * Bad input is a Python exception with a clear message: `TypeError` for
//!   a wrong type, `errcat.UnknownCatalogError` / `errcat.UnknownCodeError`
//!   for a lookup that finds nothing, `errcat.DecodeError` (with `.reason`,
//!   the shared vectors' reason string) for a payload that is not an error.
//!
//! Lookups are served from a per-catalog Python dict of cached `Entry`
//! objects keyed by int code, code string, symbol and alias, so the common
//! case is two dict probes and no allocation; anything else (a forgiving
//! spelling such as `"rate-limited"`) falls back to the core.

mod catalog;
mod entry;
mod error;
mod fast;
mod functions;
mod hooks;
mod http;
mod l10n;
mod loading;
mod payload;

use catalog::PyCatalog;
use entry::{PyCatalogProblem, PyCategory, PyDeprecation, PyEntry, PyMinor};
use errcat::Kind;
use error::{ErrorData, NsError};
use hooks::guard;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// Not public API: used by tests to prove panics never cross into Python.
#[pyfunction]
fn _panic_for_test() -> PyResult<()> {
    guard(|| panic!("deliberate test panic"))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CATALOG_IDS", PyTuple::new(m.py(), errcat::CATALOG_IDS)?)?;
    m.add("MAX_PAYLOAD_BYTES", errcat::MAX_PAYLOAD_BYTES)?;
    // (name, gRPC code, HTTP status, retryable by default) of every kind,
    // from which `errcat.Kind` is built.
    let kinds: Vec<(&str, u8, u16, bool)> = Kind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str(),
                k.grpc_code(),
                k.http_status(),
                k.default_retryable(),
            )
        })
        .collect();
    m.add("KINDS", PyTuple::new(m.py(), kinds)?)?;
    m.add_class::<PyCatalog>()?;
    m.add_class::<PyEntry>()?;
    m.add_class::<PyMinor>()?;
    m.add_class::<PyDeprecation>()?;
    m.add_class::<PyCategory>()?;
    m.add_class::<PyCatalogProblem>()?;
    m.add_class::<ErrorData>()?;
    m.add_class::<NsError>()?;
    m.add_class::<l10n::PyLocalizedTexts>()?;
    m.add_function(wrap_pyfunction!(hooks::_setup, m)?)?;
    m.add_function(wrap_pyfunction!(functions::catalogs, m)?)?;
    m.add_function(wrap_pyfunction!(functions::catalog, m)?)?;
    let slow = wrap_pyfunction!(functions::lookup, m)?;
    m.add("_lookup_slow", &slow)?;
    fast::add_lookup(m, slow.as_any())?;
    m.add_function(wrap_pyfunction!(functions::search, m)?)?;
    m.add_function(wrap_pyfunction!(functions::decode, m)?)?;
    m.add_function(wrap_pyfunction!(functions::error_for, m)?)?;
    m.add_function(wrap_pyfunction!(http::decode_response, m)?)?;
    m.add_function(wrap_pyfunction!(functions::lookup_code, m)?)?;
    m.add_function(wrap_pyfunction!(functions::lookup_symbol, m)?)?;
    m.add_function(wrap_pyfunction!(functions::class_name, m)?)?;
    m.add_function(wrap_pyfunction!(functions::enum_name_py, m)?)?;
    m.add_function(wrap_pyfunction!(loading::load_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(loading::parse_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(loading::_restore_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(l10n::register_overlay, m)?)?;
    m.add_function(wrap_pyfunction!(l10n::clear_overlays, m)?)?;
    m.add_function(wrap_pyfunction!(error::_error_from_state, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
