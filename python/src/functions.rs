//! The module functions (`errcat.lookup`, `decode`, …) and the built-in
//! catalogs they take by id.

use crate::catalog::{search_text, PyCatalog};
use crate::entry::enum_name;
use crate::hooks::{decode_error, guard, type_error, unknown_catalog};
use errcat::{CatalogRef, DecodeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

// The built-in catalogs, one Python object each for the process.

pub(crate) struct Builtins {
    pub(crate) all: Py<PyTuple>,
    pub(crate) by_id: Py<PyDict>,
}

pub(crate) static BUILTINS: PyOnceLock<Builtins> = PyOnceLock::new();

pub(crate) fn builtins(py: Python<'_>) -> PyResult<&Builtins> {
    BUILTINS.get_or_try_init(py, || -> PyResult<Builtins> {
        let by_id = PyDict::new(py);
        let mut all = Vec::new();
        for c in errcat::catalogs() {
            let obj = Py::new(py, PyCatalog::new(CatalogRef::Builtin(c), None))?;
            by_id.set_item(&*c.id, &obj)?;
            all.push(obj);
        }
        Ok(Builtins {
            all: PyTuple::new(py, all)?.unbind(),
            by_id: by_id.unbind(),
        })
    })
}

/// A `catalog` argument: a built-in id or a Catalog object.
pub(crate) fn resolve<'py>(catalog: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyCatalog>> {
    resolve_or(catalog, unknown_catalog)
}

/// `resolve` for `decode`: an unknown id is a `DecodeError` (reason
/// `unknown_catalog`), not an `UnknownCatalogError`.
pub(crate) fn resolve_for_decode<'py>(
    catalog: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCatalog>> {
    resolve_or(catalog, |py, id| {
        decode_error(py, &DecodeError::UnknownCatalog(errcat::clip(id)))
    })
}

pub(crate) fn resolve_or<'py>(
    catalog: &Bound<'py, PyAny>,
    unknown: impl FnOnce(Python<'py>, &str) -> PyErr,
) -> PyResult<Bound<'py, PyCatalog>> {
    let py = catalog.py();
    if catalog.is_instance_of::<PyString>() {
        if let Some(c) = builtins(py)?.by_id.bind(py).get_item(catalog)? {
            return Ok(c.cast_into::<PyCatalog>()?);
        }
        let id = catalog.cast::<PyString>()?.to_string_lossy().into_owned();
        return Err(unknown(py, &id));
    }
    if let Ok(c) = catalog.cast::<PyCatalog>() {
        return Ok(c.clone());
    }
    Err(type_error(
        "catalog must be a catalog id (str) or an errcat.Catalog",
        catalog,
    ))
}

/// The built-in catalogs, in their public order.
#[pyfunction]
pub(crate) fn catalogs(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    Ok(builtins(py)?.all.bind(py).clone())
}

/// The built-in catalog with this id, or None.
#[pyfunction]
pub(crate) fn catalog<'py>(catalog: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyCatalog>>> {
    if !catalog.is_instance_of::<PyString>() {
        return Err(type_error("catalog id must be a str", catalog));
    }
    let py = catalog.py();
    match builtins(py)?.by_id.bind(py).get_item(catalog)? {
        Some(c) => Ok(Some(c.cast_into::<PyCatalog>()?)),
        None => Ok(None),
    }
}

/// The entry for an int code or a symbol in a catalog (id or Catalog):
/// the fallback of the fast `lookup` (see fast.rs).
#[pyfunction(name = "_lookup_slow")]
pub(crate) fn lookup<'py>(
    catalog: &Bound<'py, PyAny>,
    code_or_symbol: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = resolve(catalog)?;
    c.get().lookup_or_raise(catalog.py(), code_or_symbol)
}

/// Entries of every built-in catalog matching every word of `text`.
#[pyfunction]
pub(crate) fn search<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let text = search_text(text)?;
    let out = PyList::empty(py);
    let b = builtins(py)?;
    for c in b.all.bind(py).iter() {
        let c = c.cast_into::<PyCatalog>()?;
        let cat = c.get();
        let found: Vec<usize> = guard(|| {
            cat.cat
                .search(&text)
                .into_iter()
                .filter_map(|e| cat.index_of(e))
                .collect()
        })?;
        for i in found {
            out.append(cat.entry_obj(py, i)?)?;
        }
    }
    Ok(out)
}

/// Decodes a payload (bytes, str or dict) against a catalog (id or Catalog).
#[pyfunction]
pub(crate) fn decode<'py>(
    catalog: &Bound<'py, PyAny>,
    payload: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = resolve_for_decode(catalog)?;
    PyCatalog::decode_obj(&c, payload)
}

/// The error of a documented entry (int code or forgiving symbol), as if
/// the server had sent it without a message.
#[pyfunction]
pub(crate) fn error_for<'py>(
    catalog: &Bound<'py, PyAny>,
    code_or_symbol: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = resolve(catalog)?;
    PyCatalog::error_for_obj(&c, code_or_symbol)
}

/// The entry with this int code, or None.
#[pyfunction]
pub(crate) fn lookup_code<'py>(
    catalog: &Bound<'py, PyAny>,
    code: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let c = resolve(catalog)?;
    c.get().code_entry(catalog.py(), code)
}

/// The entry with exactly this symbol or alias, or None.
#[pyfunction]
pub(crate) fn lookup_symbol<'py>(
    catalog: &Bound<'py, PyAny>,
    symbol: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let c = resolve(catalog)?;
    c.get().symbol_entry(catalog.py(), symbol)
}

/// The class name of a symbol (the rule of `errcat::type_name`).
#[pyfunction]
pub(crate) fn class_name(symbol: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = symbol
        .cast::<PyString>()
        .map_err(|_| type_error("symbol must be a str", symbol))?;
    let s = s.to_string_lossy();
    guard(|| errcat::type_name(&s))
}

/// The `Code` enum member name of a class name.
#[pyfunction(name = "enum_name")]
pub(crate) fn enum_name_py(type_name: &str) -> String {
    enum_name(type_name)
}
