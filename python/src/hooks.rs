//! What the Python package hands over once at import (`_setup`), and the
//! Python exceptions raised with it; `guard` keeps panics out of Python.

use errcat::{DecodeError, Kind};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use std::panic::{catch_unwind, AssertUnwindSafe};

// ---------------------------------------------------------------------------
// What the Python package hands over once, at import.

pub(crate) struct Hooks {
    pub(crate) decode_error: Py<PyAny>,
    pub(crate) unknown_catalog: Py<PyAny>,
    pub(crate) unknown_code: Py<PyAny>,
    pub(crate) catalog_error: Py<PyAny>,
    /// `errcat._kind() -> errcat.Kind`: the enum is built on first use,
    /// so `import errcat` does not import `enum`.
    pub(crate) kind_factory: Py<PyAny>,
    /// `errcat.Kind` members, indexed by gRPC code (see [`kinds`]).
    pub(crate) kinds: PyOnceLock<Vec<Py<PyAny>>>,
    /// `errcat._build_classes(catalog) -> (base, classes, Code)`.
    pub(crate) build_classes: Py<PyAny>,
}

pub(crate) static HOOKS: PyOnceLock<Hooks> = PyOnceLock::new();

pub(crate) fn hooks(py: Python<'_>) -> PyResult<&Hooks> {
    HOOKS.get(py).ok_or_else(|| {
        PyRuntimeError::new_err("errcat._native is not set up; import errcat instead")
    })
}

/// Called once by `errcat/__init__.py` with the Python-side types.
#[pyfunction]
pub(crate) fn _setup(
    py: Python<'_>,
    decode_error: Py<PyAny>,
    unknown_catalog: Py<PyAny>,
    unknown_code: Py<PyAny>,
    catalog_error: Py<PyAny>,
    kind_factory: Py<PyAny>,
    build_classes: Py<PyAny>,
) -> PyResult<()> {
    if HOOKS.get(py).is_some() {
        // The exception types handed over are cached by the native code;
        // a second set (importlib.reload) would leave two generations.
        return Err(pyo3::exceptions::PyImportError::new_err(
            "errcat cannot be reloaded; restart the interpreter",
        ));
    }
    let _ = HOOKS.set(
        py,
        Hooks {
            decode_error,
            unknown_catalog,
            unknown_code,
            catalog_error,
            kind_factory,
            kinds: PyOnceLock::new(),
            build_classes,
        },
    );
    Ok(())
}

/// The `errcat.Kind` members, indexed by gRPC code, built on first use.
/// Not under the cell's lock (building the enum runs Python code, which
/// may switch threads): two threads may both build the list, from the same
/// `errcat.Kind` (errcat._kind keeps the first), and the first stored wins.
pub(crate) fn kinds(py: Python<'_>) -> PyResult<&[Py<PyAny>]> {
    let h = hooks(py)?;
    if let Some(k) = h.kinds.get(py) {
        return Ok(k);
    }
    let kind = h.kind_factory.bind(py).call0()?;
    let mut members = Vec::with_capacity(Kind::ALL.len());
    for k in Kind::ALL {
        members.push(kind.call1((k.as_str(),))?.unbind());
    }
    let _ = h.kinds.set(py, members);
    Ok(h.kinds.get(py).expect("just set"))
}

/// Runs core code with panics turned into a `RuntimeError`.
pub(crate) fn guard<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PyRuntimeError::new_err(format!("errcat internal error (please report): {what}"))
    })
}

pub(crate) fn raise<'py, A: pyo3::call::PyCallArgs<'py>>(
    py: Python<'py>,
    cls: &Py<PyAny>,
    args: A,
) -> PyErr {
    match cls.bind(py).call1(args) {
        Ok(inst) => PyErr::from_value(inst),
        Err(e) => e,
    }
}

pub(crate) fn unknown_catalog(py: Python<'_>, id: &str) -> PyErr {
    match hooks(py) {
        Ok(h) => {
            let msg = format!(
                "unknown catalog {:?} (known: {})",
                errcat::clip(id),
                errcat::CATALOG_IDS.join(", ")
            );
            raise(py, &h.unknown_catalog, (msg, errcat::clip(id)))
        }
        Err(e) => e,
    }
}

pub(crate) fn unknown_code(py: Python<'_>, catalog: &str, query: &Bound<'_, PyAny>) -> PyErr {
    let q = match query.str() {
        Ok(s) => errcat::clip(&s.to_string_lossy()),
        Err(_) => String::from("?"),
    };
    match hooks(py) {
        Ok(h) => {
            let msg = format!("{catalog} has no code or symbol {q:?}");
            raise(
                py,
                &h.unknown_code,
                (msg, catalog.to_string(), query.clone()),
            )
        }
        Err(e) => e,
    }
}

/// `errcat.DecodeError` with the core's message and reason (an unknown
/// catalog too: `decode` reports it as `reason == "unknown_catalog"`, as
/// every binding does).
pub(crate) fn decode_error(py: Python<'_>, e: &DecodeError) -> PyErr {
    match hooks(py) {
        Ok(h) => raise(py, &h.decode_error, (e.to_string(), e.reason())),
        Err(err) => err,
    }
}

pub(crate) fn type_error(what: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    let tn = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!("{what}, not {tn}"))
}
