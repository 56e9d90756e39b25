//! User catalogs: `load_catalog`, `parse_catalog` and unpickling, all
//! through one weak registry so the same text gives the same Catalog.

use crate::catalog::{format_str, PyCatalog, Source};
use crate::entry::PyCatalogProblem;
use crate::hooks::{guard, hooks, raise, type_error};
use errcat::{CatalogRef, Format};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyString};
use std::sync::Arc;

pub(crate) fn catalog_error(py: Python<'_>, e: errcat::CatalogError) -> PyErr {
    let h = match hooks(py) {
        Ok(h) => h,
        Err(e) => return e,
    };
    let problems: Vec<PyCatalogProblem> = e
        .problems
        .iter()
        .map(|p| PyCatalogProblem {
            file: p.file.clone(),
            entry: p.entry.clone(),
            problem: p.problem.clone(),
        })
        .collect();
    let list = match PyList::new(py, problems) {
        Ok(l) => l,
        Err(e) => return e,
    };
    raise(py, &h.catalog_error, (e.to_string(), list))
}

pub(crate) fn one_problem(py: Python<'_>, file: &str, problem: String) -> PyErr {
    catalog_error(
        py,
        errcat::CatalogError {
            problems: vec![errcat::CatalogProblem {
                file: file.to_string(),
                entry: None,
                problem,
            }],
        },
    )
}

/// Loaded catalogs by (name, text, format), weakly: loading the same text
/// twice, or unpickling an error of a loaded catalog, gives the same
/// Catalog object and so the same exception classes.
pub(crate) static LOADED: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

pub(crate) fn parse_and_register<'py>(
    py: Python<'py>,
    name: String,
    text: Vec<u8>,
    format: Format,
) -> PyResult<Bound<'py, PyCatalog>> {
    let registry = LOADED
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("weakref")?
                .getattr("WeakValueDictionary")?
                .call0()?
                .unbind())
        })?
        .bind(py);
    let key = (name.as_str(), PyBytes::new(py, &text), format_str(format)).into_pyobject(py)?;
    if let Ok(hit) = registry
        .call_method1(intern!(py, "get"), (&key,))?
        .cast_into::<PyCatalog>()
    {
        return Ok(hit);
    }
    let cat =
        guard(|| errcat::parse_catalog(&text, format, &name))?.map_err(|e| catalog_error(py, e))?;
    let obj = Bound::new(
        py,
        PyCatalog::new(
            CatalogRef::Loaded(Arc::new(cat)),
            Some(Source { name, text, format }),
        ),
    )?;
    registry.set_item(key, &obj)?;
    Ok(obj)
}

pub(crate) fn parse_format(format: &str) -> Option<Format> {
    match format.to_ascii_lowercase().as_str() {
        "toml" => Some(Format::Toml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Loads and validates a catalog file (`.toml` or `.json`).
#[pyfunction]
pub(crate) fn load_catalog<'py>(
    py: Python<'py>,
    path: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCatalog>> {
    let os = py.import(intern!(py, "os"))?;
    let fspath = os
        .getattr("fspath")?
        .call1((path,))
        .map_err(|_| type_error("path must be a str or an os.PathLike", path))?;
    let fspath = fspath
        .cast_into::<PyString>()
        .map_err(|_| PyTypeError::new_err("path must be a str path, not bytes"))?;
    let name = fspath.to_string_lossy().into_owned();
    let Some(format) = Format::from_path(&name) else {
        return Err(one_problem(
            py,
            &name,
            "unknown file type (expected .toml or .json)".into(),
        ));
    };
    let p = std::path::PathBuf::from(
        fspath
            .to_cow()
            .map_err(|_| PyTypeError::new_err("path is not valid UTF-8"))?
            .as_ref(),
    );
    let meta =
        std::fs::metadata(&p).map_err(|e| one_problem(py, &name, format!("cannot read: {e}")))?;
    if meta.len() > errcat::schema::MAX_CATALOG_BYTES as u64 {
        return Err(one_problem(
            py,
            &name,
            format!(
                "file is {} bytes; the limit is {}",
                meta.len(),
                errcat::schema::MAX_CATALOG_BYTES
            ),
        ));
    }
    let text =
        std::fs::read(&p).map_err(|e| one_problem(py, &name, format!("cannot read: {e}")))?;
    parse_and_register(py, name, text, format)
}

/// Loads and validates a catalog from text (`format`: `"toml"` or `"json"`;
/// `name` names the source in errors).
#[pyfunction]
#[pyo3(signature = (text, format, name = None))]
pub(crate) fn parse_catalog<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    format: &Bound<'py, PyAny>,
    name: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyCatalog>> {
    let fmt = format
        .cast::<PyString>()
        .map_err(|_| type_error("format must be \"toml\" or \"json\"", format))?;
    let fmt_s = fmt.to_string_lossy();
    let Some(format) = parse_format(&fmt_s) else {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "format must be \"toml\" or \"json\", not {:?}",
            errcat::clip(&fmt_s)
        )));
    };
    let name = match name {
        None => "<string>".to_string(),
        Some(n) => n
            .cast::<PyString>()
            .map_err(|_| type_error("name must be a str", n))?
            .to_string_lossy()
            .into_owned(),
    };
    let bytes = if let Ok(b) = text.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(s) = text.cast::<PyString>() {
        match s.to_cow() {
            Ok(t) => t.into_owned().into_bytes(),
            Err(_) => {
                return Err(one_problem(
                    py,
                    &name,
                    "not valid UTF-8 (lone surrogate)".into(),
                ))
            }
        }
    } else {
        return Err(type_error("catalog text must be str or bytes", text));
    };
    parse_and_register(py, name, bytes, format)
}

/// Unpickles a loaded catalog.
#[pyfunction]
pub(crate) fn _restore_catalog<'py>(
    py: Python<'py>,
    name: String,
    text: Vec<u8>,
    format: &str,
) -> PyResult<Bound<'py, PyCatalog>> {
    let format = parse_format(format)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("bad catalog format"))?;
    parse_and_register(py, name, text, format)
}
