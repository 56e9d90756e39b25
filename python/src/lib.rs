//! `errcat._native`: the pyo3 extension module under the Python package
//! `errcat` (python/errcat/__init__.py).
//!
//! The split: everything that touches the table or a payload is here, in
//! Rust; what Python does better stays in Python: the exception classes
//! (built with `type()` from this module's entries, so they are real Python
//! classes that subclass, pickle and show up in tracebacks normally), the
//! `Kind` enum and the error types this module raises (handed over once by
//! `_setup`).
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

use errcat::{ApiError, CatalogRef, DecodeError, Entry, Format, Kind, RawCode, Wire};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::gc::{PyTraverseError, PyVisit};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
};
use pyo3::{intern, IntoPyObjectExt};
use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

mod fast;

// ---------------------------------------------------------------------------
// What the Python package hands over once, at import.

struct Hooks {
    decode_error: Py<PyAny>,
    unknown_catalog: Py<PyAny>,
    unknown_code: Py<PyAny>,
    catalog_error: Py<PyAny>,
    /// `errcat.Kind` members, indexed by gRPC code.
    kinds: Vec<Py<PyAny>>,
    /// `errcat._build_classes(catalog) -> (base, classes, Code)`.
    build_classes: Py<PyAny>,
}

static HOOKS: PyOnceLock<Hooks> = PyOnceLock::new();

fn hooks(py: Python<'_>) -> PyResult<&Hooks> {
    HOOKS.get(py).ok_or_else(|| {
        PyRuntimeError::new_err("errcat._native is not set up; import errcat instead")
    })
}

/// Called once by `errcat/__init__.py` with the Python-side types.
#[pyfunction]
fn _setup(
    py: Python<'_>,
    decode_error: Py<PyAny>,
    unknown_catalog: Py<PyAny>,
    unknown_code: Py<PyAny>,
    catalog_error: Py<PyAny>,
    kind: &Bound<'_, PyAny>,
    build_classes: Py<PyAny>,
) -> PyResult<()> {
    let mut kinds = Vec::with_capacity(Kind::ALL.len());
    for k in Kind::ALL {
        kinds.push(kind.call1((k.as_str(),))?.unbind());
    }
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
            kinds,
            build_classes,
        },
    );
    Ok(())
}

/// Runs core code with panics turned into a `RuntimeError`.
fn guard<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PyRuntimeError::new_err(format!("errcat internal error (please report): {what}"))
    })
}

fn raise<'py, A: pyo3::call::PyCallArgs<'py>>(py: Python<'py>, cls: &Py<PyAny>, args: A) -> PyErr {
    match cls.bind(py).call1(args) {
        Ok(inst) => PyErr::from_value(inst),
        Err(e) => e,
    }
}

fn unknown_catalog(py: Python<'_>, id: &str) -> PyErr {
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

fn unknown_code(py: Python<'_>, catalog: &str, query: &Bound<'_, PyAny>) -> PyErr {
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
fn decode_error(py: Python<'_>, e: &DecodeError) -> PyErr {
    match hooks(py) {
        Ok(h) => raise(py, &h.decode_error, (e.to_string(), e.reason())),
        Err(err) => err,
    }
}

fn type_error(what: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    let tn = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!("{what}, not {tn}"))
}

// ---------------------------------------------------------------------------
// Catalogs.

/// Where a loaded catalog came from, kept so it can be pickled.
struct Source {
    name: String,
    text: Vec<u8>,
    format: Format,
}

/// The Python-side classes of a catalog, built once by `errcat._build_classes`.
struct Classes {
    base: Py<PyAny>,
    by_index: Vec<Py<PyAny>>,
    all: Py<PyTuple>,
    code: Py<PyAny>,
}

/// A catalog's exact-key lookup dicts (see `PyCatalog::index`).
struct Index {
    by_int: Py<PyDict>,
    by_str: Py<PyDict>,
}

/// One error catalog: a built-in one (`errcat.catalog("spaces")`) or one
/// loaded at run time (`errcat.load_catalog(path)`).
#[pyclass(frozen, weakref, module = "errcat", name = "Catalog")]
pub struct PyCatalog {
    cat: CatalogRef,
    source: Option<Source>,
    entries: PyOnceLock<Py<PyTuple>>,
    index: PyOnceLock<Index>,
    // A std OnceLock (not PyOnceLock) so `__traverse__` can read it without
    // the interpreter; it is only ever set, never waited on (see `classes`).
    classes: OnceLock<Classes>,
}

impl PyCatalog {
    fn new(cat: CatalogRef, source: Option<Source>) -> Self {
        PyCatalog {
            cat,
            source,
            entries: PyOnceLock::new(),
            index: PyOnceLock::new(),
            classes: OnceLock::new(),
        }
    }

    fn entry_tuple<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyTuple>> {
        let t = self
            .entries
            .get_or_try_init(py, || -> PyResult<Py<PyTuple>> {
                let mut v = Vec::with_capacity(self.cat.entries.len());
                for idx in 0..self.cat.entries.len() {
                    v.push(Py::new(
                        py,
                        PyEntry {
                            cat: self.cat.clone(),
                            idx,
                        },
                    )?);
                }
                Ok(PyTuple::new(py, v)?.unbind())
            })?;
        Ok(t.bind(py))
    }

    fn entry_obj<'py>(&self, py: Python<'py>, idx: usize) -> PyResult<Bound<'py, PyAny>> {
        self.entry_tuple(py)?.get_item(idx)
    }

    /// The position of an entry of this catalog (by address: the entry is
    /// borrowed from this catalog's own slice).
    fn index_of(&self, e: &Entry) -> Option<usize> {
        self.cat.entry_index(e)
    }

    /// Exact keys → Entry, in two dicts: int codes, and strings (code
    /// strings, symbols, aliases). Two dicts because a dict of str keys
    /// only takes CPython's faster str-only lookup. Code strings are
    /// inserted last so they win over a symbol spelled with digits, as in
    /// the core's `lookup`.
    fn index<'py>(&self, py: Python<'py>) -> PyResult<&Index> {
        self.index.get_or_try_init(py, || -> PyResult<Index> {
            let entries = self.entry_tuple(py)?;
            let by_int = PyDict::new(py);
            let by_str = PyDict::new(py);
            // Built-in keys are interned like the literals in users' code,
            // so a probe usually matches by pointer. (Not for loaded
            // catalogs: interned strings may live forever.)
            let builtin = self.source.is_none();
            let key = |s: &str| {
                if builtin {
                    PyString::intern(py, s)
                } else {
                    PyString::new(py, s)
                }
            };
            for (i, e) in self.cat.entries.iter().enumerate() {
                let obj = entries.get_item(i)?;
                by_str.set_item(key(&e.symbol), &obj)?;
                for a in e.aliases.iter() {
                    by_str.set_item(key(a), &obj)?;
                }
            }
            for (i, e) in self.cat.entries.iter().enumerate() {
                let obj = entries.get_item(i)?;
                by_int.set_item(e.code, &obj)?;
                by_str.set_item(key(&e.code.to_string()), &obj)?;
            }
            if builtin {
                // The fast `lookup` may probe them from now on.
                fast::register(py, &self.cat.id, &by_int, &by_str)?;
            }
            Ok(Index {
                by_int: by_int.unbind(),
                by_str: by_str.unbind(),
            })
        })
    }

    /// The entry a user's query names, or None.
    fn find<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        if query.is_instance_of::<PyBool>() {
            return Err(type_error(
                "code_or_symbol must be an int code or a str symbol",
                query,
            ));
        }
        let is_str = query.is_instance_of::<PyString>();
        if !is_str && !query.is_instance_of::<PyInt>() {
            return Err(type_error(
                "code_or_symbol must be an int code or a str symbol",
                query,
            ));
        }
        let index = self.index(py)?;
        let dict = if is_str { &index.by_str } else { &index.by_int };
        if let Some(hit) = dict.bind(py).get_item(query)? {
            return Ok(Some(hit));
        }
        if !is_str {
            // Every code is in the index: an int that missed is unknown.
            return Ok(None);
        }
        // A forgiving spelling ("rate-limited", " 102 ") goes to the core.
        let s = match query.cast::<PyString>()?.to_cow() {
            Ok(s) => s,
            Err(_) => return Ok(None), // lone surrogates: no symbol has them
        };
        let found = guard(|| self.cat.lookup(&s).and_then(|e| self.index_of(e)))?;
        found.map(|i| self.entry_obj(py, i)).transpose()
    }

    /// `lookup_code`: an int (not a bool) probed in the int index.
    fn code_entry<'py>(
        &self,
        py: Python<'py>,
        code: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        if code.is_instance_of::<PyBool>() || !code.is_instance_of::<PyInt>() {
            return Err(type_error("code must be an int", code));
        }
        self.index(py)?.by_int.bind(py).get_item(code)
    }

    /// `lookup_symbol`: exact symbol or alias (the core's `symbol_index`;
    /// the str index also holds code strings, so it is not used here).
    fn symbol_entry<'py>(
        &self,
        py: Python<'py>,
        symbol: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let s = symbol
            .cast::<PyString>()
            .map_err(|_| type_error("symbol must be a str", symbol))?;
        let Ok(s) = s.to_cow() else {
            return Ok(None); // lone surrogates: no symbol has them
        };
        let found = guard(|| self.cat.symbol_index(&s))?;
        found.map(|i| self.entry_obj(py, i)).transpose()
    }

    /// The error of this catalog's entry with `code`, with nothing from a server.
    fn entry_error(&self, code: i64) -> PyResult<ApiError> {
        guard(|| ApiError::from_entry(self.cat.clone(), code))?.ok_or_else(|| {
            PyRuntimeError::new_err("errcat internal error: entry has no code index")
        })
    }

    fn error_for_obj<'py>(
        slf: &Bound<'py, PyCatalog>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let this = slf.get();
        let e = this.lookup_or_raise(slf.py(), query)?;
        let err = this.entry_error(e.cast::<PyEntry>()?.get().e().code)?;
        PyCatalog::exception(slf, err)
    }

    fn lookup_or_raise<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.find(py, query)?
            .ok_or_else(|| unknown_code(py, &self.cat.id, query))
    }

    /// The classes, built on first use. Two threads may both build them;
    /// the first to finish wins and the other's are dropped before anyone
    /// sees them, so every caller gets the same classes.
    fn classes<'py>(&self, slf: &Bound<'py, PyCatalog>) -> PyResult<&Classes> {
        if let Some(c) = self.classes.get() {
            return Ok(c);
        }
        let py = slf.py();
        let built = hooks(py)?.build_classes.bind(py).call1((slf,))?;
        let (base, all, code): (Bound<'py, PyAny>, Bound<'py, PyTuple>, Bound<'py, PyAny>) =
            built.extract()?;
        if all.len() != self.cat.entries.len() {
            return Err(PyRuntimeError::new_err(
                "errcat._build_classes returned the wrong number of classes",
            ));
        }
        let by_index = all.iter().map(|c| c.unbind()).collect();
        let _ = self.classes.set(Classes {
            base: base.unbind(),
            by_index,
            all: all.unbind(),
            code: code.unbind(),
        });
        Ok(self.classes.get().expect("just set"))
    }

    /// An exception instance for a decoded error: the entry's class (the
    /// catalog's base class for an unknown code), `args == (message,)`,
    /// and the decoded data in `_e`.
    fn exception<'py>(slf: &Bound<'py, PyCatalog>, err: ApiError) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let this = slf.get();
        let classes = this.classes(slf)?;
        let cls = match err.entry().and_then(|e| this.index_of(e)) {
            Some(i) => &classes.by_index[i],
            None => &classes.base,
        };
        let message = PyString::new(py, &err.message());
        let data = Py::new(
            py,
            ErrorData {
                err,
                cat: slf.clone().unbind(),
            },
        )?;
        let inst = cls.bind(py).call1((message,))?;
        inst.setattr(intern!(py, "_e"), data)?;
        Ok(inst)
    }

    fn decode_obj<'py>(
        slf: &Bound<'py, PyCatalog>,
        payload: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let cat = slf.get().cat.clone();
        let result = with_payload(payload, |bytes| guard(|| errcat::decode_with(cat, bytes)))?;
        match result {
            Ok(err) => PyCatalog::exception(slf, err),
            Err(e) => Err(decode_error(py, &e)),
        }
    }

    fn module_name(&self) -> String {
        if self.source.is_none() {
            format!("errcat.{}", self.cat.id)
        } else {
            "errcat.loaded".to_string()
        }
    }
}

#[pymethods]
impl PyCatalog {
    /// The stable public id (`spaces`, …).
    #[getter]
    fn id(&self) -> &str {
        &self.cat.id
    }

    /// The human-readable name.
    #[getter]
    fn name(&self) -> &str {
        &self.cat.name
    }

    /// The NSError domain of this catalog's errors (`errcat.spaces`).
    #[getter]
    fn domain(&self) -> &str {
        &self.cat.domain
    }

    /// What the server sends: `"int"`, `"string"` or `"major_minor"`.
    #[getter]
    fn wire(&self) -> &'static str {
        self.cat.wire.as_str()
    }

    /// A paragraph about the catalog, if any.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.cat.description.as_deref()
    }

    /// The document the table was transcribed from, if recorded.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.cat.source.as_deref()
    }

    /// The file (or name) a loaded catalog was read from; None for a built-in one.
    #[getter]
    fn path(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.name.as_str())
    }

    /// True for the five catalogs compiled into errcat.
    #[getter]
    fn is_builtin(&self) -> bool {
        self.source.is_none()
    }

    /// Every entry, in table order.
    #[getter]
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        Ok(self.entry_tuple(py)?.clone())
    }

    /// The categories (document headings), in order.
    #[getter]
    fn categories<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let v: Vec<PyCategory> = self
            .cat
            .categories
            .iter()
            .map(|c| PyCategory {
                id: c.id.to_string(),
                name: c.name.to_string(),
                http_status: c.http_status,
            })
            .collect();
        PyTuple::new(py, v)
    }

    /// The class name of the catalog's base exception class
    /// (`class_name(id) + "Error"`: `spaces` → `SpacesError`).
    #[getter]
    fn base_class_name(&self) -> String {
        format!("{}Error", errcat::type_name(&self.cat.id))
    }

    /// The module the catalog's classes report (`errcat.spaces`; `errcat.loaded`
    /// for a loaded catalog).
    #[getter]
    fn module(&self) -> String {
        self.module_name()
    }

    /// The catalog's base exception class (also the class of unknown codes).
    #[getter]
    fn base_class<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Ok(slf.get().classes(slf)?.base.bind(slf.py()).clone())
    }

    /// The exception classes of every entry, in table order.
    #[getter]
    fn error_classes<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        Ok(slf.get().classes(slf)?.all.bind(slf.py()).clone())
    }

    /// The catalog's `Code` IntEnum.
    #[getter(Code)]
    fn code_enum<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Ok(slf.get().classes(slf)?.code.bind(slf.py()).clone())
    }

    /// The entry for an int code or a symbol (forgiving: case, `-`, `_`,
    /// `.` and spaces are ignored; an integer string is a code). Raises
    /// `errcat.UnknownCodeError` when there is none.
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        code_or_symbol: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.lookup_or_raise(py, code_or_symbol)
    }

    /// Like `lookup`, but returns `default` when there is no such entry.
    #[pyo3(signature = (code_or_symbol, default = None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        code_or_symbol: &Bound<'py, PyAny>,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        Ok(self.find(py, code_or_symbol)?.or(default))
    }

    /// Entries whose symbol, aliases, message, causes, reaction or minor
    /// details contain every word of `text` (case-insensitive), in table order.
    fn search<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = search_text(text)?;
        let found: Vec<usize> = guard(|| {
            self.cat
                .search(&text)
                .into_iter()
                .filter_map(|e| self.index_of(e))
                .collect()
        })?;
        let out = PyList::empty(py);
        for i in found {
            out.append(self.entry_obj(py, i)?)?;
        }
        Ok(out)
    }

    /// Decodes a server's error payload (bytes, str or dict) into an
    /// instance of the right exception class. Raises `errcat.DecodeError`
    /// when the payload is not an error at all.
    fn decode<'py>(
        slf: &Bound<'py, Self>,
        payload: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        PyCatalog::decode_obj(slf, payload)
    }

    /// Decodes a payload and raises the error it holds.
    fn raise_for<'py>(slf: &Bound<'py, Self>, payload: &Bound<'py, PyAny>) -> PyResult<()> {
        Err(PyErr::from_value(PyCatalog::decode_obj(slf, payload)?))
    }

    /// The exception class of an entry (by int code or symbol).
    fn class_for<'py>(
        slf: &Bound<'py, Self>,
        code_or_symbol: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let this = slf.get();
        let e = this.lookup_or_raise(py, code_or_symbol)?;
        let idx = e.cast::<PyEntry>()?.get().idx;
        Ok(this.classes(slf)?.by_index[idx].bind(py).clone())
    }

    /// An error of this catalog built by hand (for tests and mocks): the
    /// entry's class, or the base class when `entry` is None.
    #[pyo3(signature = (entry, message = None))]
    fn _error_data<'py>(
        slf: &Bound<'py, Self>,
        entry: Option<&Bound<'py, PyAny>>,
        message: Option<String>,
    ) -> PyResult<Py<ErrorData>> {
        let py = slf.py();
        let this = slf.get();
        if let (Some(e), None) = (entry, &message) {
            // `raise spaces.RateLimited()`: the entry's error, as `error_for` makes it.
            let err = this.entry_error(this.entry_of(e)?.code)?;
            return Py::new(
                py,
                ErrorData {
                    err,
                    cat: slf.clone().unbind(),
                },
            );
        }
        // A message given by hand, or the base class (no entry): the core's
        // ApiError takes a server message, or an unknown code, only from a
        // payload, so one is written and decoded.
        let mut payload = serde_json::Map::new();
        let code = match entry {
            Some(e) => {
                let e = this.entry_of(e)?;
                match this.cat.wire {
                    Wire::String => serde_json::Value::from(e.symbol.to_string()),
                    _ => serde_json::Value::from(e.code),
                }
            }
            None => serde_json::Value::from(""),
        };
        payload.insert("code".into(), code);
        if let Some(m) = message {
            payload.insert("message".into(), m.into());
        }
        let bytes = serde_json::to_vec(&serde_json::Value::Object(payload))
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        let err = guard(|| errcat::decode_with(this.cat.clone(), &bytes))?
            .map_err(|e| decode_error(py, &e))?;
        Py::new(
            py,
            ErrorData {
                err,
                cat: slf.clone().unbind(),
            },
        )
    }

    fn __len__(&self) -> usize {
        self.cat.entries.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.entry_tuple(py)?.try_iter().map(|i| i.into_any())
    }

    fn __contains__<'py>(
        &self,
        py: Python<'py>,
        code_or_symbol: &Bound<'py, PyAny>,
    ) -> PyResult<bool> {
        if !(code_or_symbol.is_instance_of::<PyString>()
            || code_or_symbol.is_instance_of::<PyInt>())
            || code_or_symbol.is_instance_of::<PyBool>()
        {
            return Ok(false);
        }
        Ok(self.find(py, code_or_symbol)?.is_some())
    }

    fn __repr__(&self) -> String {
        match &self.source {
            None => format!(
                "<errcat.Catalog {} ({} entries)>",
                self.cat.id,
                self.cat.entries.len()
            ),
            Some(s) => format!(
                "<errcat.Catalog {} ({} entries) from {:?}>",
                self.cat.id,
                self.cat.entries.len(),
                s.name
            ),
        }
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let m = py.import(intern!(py, "errcat._native"))?;
        match &self.source {
            None => Ok((m.getattr("catalog")?, PyTuple::new(py, [&*self.cat.id])?)),
            Some(s) => Ok((
                m.getattr("_restore_catalog")?,
                (
                    s.name.as_str(),
                    PyBytes::new(py, &s.text),
                    format_str(s.format),
                )
                    .into_pyobject(py)?,
            )),
        }
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Some(c) = self.classes.get() {
            visit.call(&c.base)?;
            visit.call(&c.code)?;
            visit.call(&c.all)?;
            for k in &c.by_index {
                visit.call(k)?;
            }
        }
        Ok(())
    }
}

impl PyCatalog {
    fn entry_of<'a>(&'a self, obj: &Bound<'_, PyAny>) -> PyResult<&'a Entry> {
        let e = obj
            .cast::<PyEntry>()
            .map_err(|_| type_error("entry must be an errcat.Entry", obj))?;
        let e = e.get();
        if !same_catalog(&e.cat, &self.cat) {
            return Err(PyTypeError::new_err("entry belongs to another catalog"));
        }
        Ok(&self.cat.entries[e.idx])
    }
}

fn same_catalog(a: &CatalogRef, b: &CatalogRef) -> bool {
    std::ptr::eq::<errcat::Catalog>(&**a, &**b)
}

fn format_str(f: Format) -> &'static str {
    match f {
        Format::Toml => "toml",
        Format::Json => "json",
    }
}

fn search_text(text: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = text
        .cast::<PyString>()
        .map_err(|_| type_error("search text must be a str", text))?;
    Ok(s.to_string_lossy().into_owned())
}

// ---------------------------------------------------------------------------
// The built-in catalogs, one Python object each for the process.

struct Builtins {
    all: Py<PyTuple>,
    by_id: Py<PyDict>,
}

static BUILTINS: PyOnceLock<Builtins> = PyOnceLock::new();

fn builtins(py: Python<'_>) -> PyResult<&Builtins> {
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
fn resolve<'py>(catalog: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyCatalog>> {
    resolve_or(catalog, unknown_catalog)
}

/// `resolve` for `decode`: an unknown id is a `DecodeError` (reason
/// `unknown_catalog`), not an `UnknownCatalogError`.
fn resolve_for_decode<'py>(catalog: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyCatalog>> {
    resolve_or(catalog, |py, id| {
        decode_error(py, &DecodeError::UnknownCatalog(errcat::clip(id)))
    })
}

fn resolve_or<'py>(
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

// ---------------------------------------------------------------------------
// Payloads.

/// Hands the payload's bytes to `f`: bytes as they are, str as UTF-8, a
/// dict written out as JSON.
fn with_payload<T>(
    payload: &Bound<'_, PyAny>,
    f: impl FnOnce(&[u8]) -> PyResult<Result<T, DecodeError>>,
) -> PyResult<Result<T, DecodeError>> {
    if let Ok(b) = payload.cast::<PyBytes>() {
        return f(b.as_bytes());
    }
    if let Ok(s) = payload.cast::<PyString>() {
        return match s.to_cow() {
            Ok(text) => f(text.as_bytes()),
            Err(_) => Ok(Err(DecodeError::InvalidUtf8(0))),
        };
    }
    if let Ok(d) = payload.cast::<PyDict>() {
        let mut out = Vec::with_capacity(128);
        return match write_json(d.as_any(), 0, &mut out) {
            Ok(()) => f(&out),
            Err(JsonErr::Payload(e)) => Ok(Err(e)),
            Err(JsonErr::Py(e)) => Err(e),
        };
    }
    if let Ok(b) = payload.cast::<PyByteArray>() {
        let v = b.to_vec();
        return f(&v);
    }
    if payload.is_instance_of::<PyMemoryView>() {
        let b = payload.py().get_type::<PyBytes>().call1((payload,))?;
        return f(b.cast::<PyBytes>()?.as_bytes());
    }
    Err(type_error("payload must be bytes, str or dict", payload))
}

enum JsonErr {
    Payload(DecodeError),
    Py(PyErr),
}

impl From<PyErr> for JsonErr {
    fn from(e: PyErr) -> Self {
        JsonErr::Py(e)
    }
}

fn malformed(msg: String) -> JsonErr {
    JsonErr::Payload(DecodeError::Malformed(msg))
}

fn type_name_of(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Writes a dict payload as JSON, under the same limits as a byte payload
/// (depth, size). Containers are snapshotted first, so a payload mutated
/// while it is written cannot break the iteration.
fn write_json(obj: &Bound<'_, PyAny>, depth: usize, out: &mut Vec<u8>) -> Result<(), JsonErr> {
    if depth > errcat::MAX_DEPTH {
        return Err(malformed(format!(
            "payload nests deeper than {} levels",
            errcat::MAX_DEPTH
        )));
    }
    if out.len() > errcat::MAX_PAYLOAD_BYTES {
        return Err(JsonErr::Payload(DecodeError::TooLarge(out.len())));
    }
    let py = obj.py();
    if obj.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(b) = obj.cast::<PyBool>() {
        out.extend_from_slice(if b.is_true() { b"true" } else { b"false" });
    } else if obj.is_instance_of::<PyInt>() {
        match obj.extract::<i64>() {
            Ok(i) => out.extend_from_slice(i.to_string().as_bytes()),
            Err(_) => {
                // Beyond i64: write the exact digits (of a plain int, so a
                // subclass's __str__ cannot inject anything).
                let plain = py.get_type::<PyInt>().call1((obj,))?;
                out.extend_from_slice(plain.str()?.to_cow()?.as_bytes());
            }
        }
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        if !v.is_finite() {
            return Err(malformed(format!("{v} is not a JSON number")));
        }
        serde_json::to_writer(&mut *out, &v).map_err(|e| malformed(e.to_string()))?;
    } else if let Ok(s) = obj.cast::<PyString>() {
        let text = s
            .to_cow()
            .map_err(|_| JsonErr::Payload(DecodeError::InvalidUtf8(0)))?;
        serde_json::to_writer(&mut *out, &*text).map_err(|e| malformed(e.to_string()))?;
    } else if let Ok(d) = obj.cast::<PyDict>() {
        out.push(b'{');
        for (i, item) in d.items().iter().enumerate() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            if !k.is_instance_of::<PyString>() {
                return Err(malformed(format!(
                    "payload keys must be strings, not {}",
                    type_name_of(&k)
                )));
            }
            if i > 0 {
                out.push(b',');
            }
            write_json(&k, depth + 1, out)?;
            out.push(b':');
            write_json(&v, depth + 1, out)?;
        }
        out.push(b'}');
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items: Bound<'_, PyTuple> = match obj.cast::<PyList>() {
            Ok(l) => l.to_tuple(),
            Err(_) => obj.cast::<PyTuple>().map_err(PyErr::from)?.clone(),
        };
        out.push(b'[');
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_json(&v, depth + 1, out)?;
        }
        out.push(b']');
    } else {
        return Err(malformed(format!(
            "payload holds a {} value, which is not JSON",
            type_name_of(obj)
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Entries.

/// One row of the table. Entries are shared: a lookup returns the same
/// object every time.
#[pyclass(frozen, module = "errcat", name = "Entry")]
pub struct PyEntry {
    cat: CatalogRef,
    idx: usize,
}

impl PyEntry {
    fn e(&self) -> &Entry {
        &self.cat.entries[self.idx]
    }
}

/// The name of an entry in its catalog's `Code` enum: the class name split
/// before each capital letter, joined with `_`, upper-cased
/// (`RateLimited` → `RATE_LIMITED`, `UserNotFound` → `USER_NOT_FOUND`,
/// `TwoFaRequired` → `TWO_FA_REQUIRED`).
fn enum_name(type_name: &str) -> String {
    let mut out = String::with_capacity(type_name.len() + 8);
    for (i, ch) in type_name.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_uppercase());
    }
    out
}

fn tuple_of_str<'py>(py: Python<'py>, v: &[Cow<'static, str>]) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, v.iter().map(|s| &**s))
}

#[pymethods]
impl PyEntry {
    /// The catalog id.
    #[getter]
    fn catalog(&self) -> &str {
        &self.cat.id
    }

    /// The integer code, unique in its catalog.
    #[getter]
    fn code(&self) -> i64 {
        self.e().code
    }

    /// The documented name, spelled as documented.
    #[getter]
    fn symbol(&self) -> &str {
        &self.e().symbol
    }

    /// True when errcat derived the symbol (the document has none).
    #[getter]
    fn symbol_derived(&self) -> bool {
        self.e().symbol_derived
    }

    /// Other spellings that also find this entry.
    #[getter]
    fn aliases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        tuple_of_str(py, &self.e().aliases)
    }

    /// The exception class name (`errcat.class_name(symbol)`).
    #[getter]
    fn type_name(&self) -> &str {
        &self.e().type_name
    }

    /// The member name in the catalog's `Code` enum.
    #[getter]
    fn enum_name(&self) -> String {
        enum_name(&self.e().type_name)
    }

    /// The documented text.
    #[getter]
    fn message(&self) -> &str {
        &self.e().message
    }

    /// True when errcat derived the message (the document has none).
    #[getter]
    fn message_derived(&self) -> bool {
        self.e().message_derived
    }

    /// The category id.
    #[getter]
    fn category(&self) -> &str {
        &self.e().category
    }

    /// The canonical kind (an `errcat.Kind`).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        kind_obj(py, self.e().kind)
    }

    /// The HTTP status: documented, else the kind's canonical one.
    #[getter]
    fn http_status(&self) -> u16 {
        self.e().http_status
    }

    /// True when the HTTP status is documented, False when it is the kind's.
    #[getter]
    fn http_status_documented(&self) -> bool {
        self.e().http_status_documented
    }

    /// Whether retrying may succeed.
    #[getter]
    fn retryable(&self) -> bool {
        self.e().retryable
    }

    /// Documented possible causes.
    #[getter]
    fn causes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        tuple_of_str(py, &self.e().causes)
    }

    /// What the client should do, if documented.
    #[getter]
    fn reaction(&self) -> Option<&str> {
        self.e().reaction.as_deref()
    }

    /// The server sends a wait parameter with this error.
    #[getter]
    fn wait_required(&self) -> bool {
        self.e().wait_required
    }

    /// Only the server sees this error.
    #[getter]
    fn server_only(&self) -> bool {
        self.e().server_only
    }

    /// The request (action) number the error refers to, as documented.
    #[getter]
    fn request(&self) -> Option<&str> {
        self.e().request.as_deref()
    }

    /// True when the entry is deprecated.
    #[getter]
    fn deprecated(&self) -> bool {
        self.e().deprecated()
    }

    /// The deprecation notice, if deprecated.
    #[getter]
    fn deprecation(&self) -> Option<PyDeprecation> {
        self.e().deprecation.as_ref().map(|d| PyDeprecation {
            since: d.since.as_deref().map(str::to_string),
            replaced_by: d.replaced_by.as_deref().map(str::to_string),
            note: d.note.as_deref().map(str::to_string),
        })
    }

    /// A documentation URL, if any.
    #[getter]
    fn doc_url(&self) -> Option<&str> {
        self.e().doc_url.as_deref()
    }

    /// A transcription note, if any.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.e().note.as_deref()
    }

    /// The minor codes (messenger), in order.
    #[getter]
    fn minor_codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let v: Vec<PyMinor> = self
            .e()
            .minor_codes
            .iter()
            .map(|m| PyMinor {
                code: m.code,
                detail: m.detail.as_deref().map(str::to_string),
                reaction: m.reaction.as_deref().map(str::to_string),
            })
            .collect();
        PyTuple::new(py, v)
    }

    fn __repr__(&self) -> String {
        let e = self.e();
        format!("<errcat.Entry {} {} {}>", self.cat.id, e.code, e.symbol)
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        if let CatalogRef::Loaded(_) = self.cat {
            return Err(PyTypeError::new_err(
                "entries of a loaded catalog cannot be pickled; pickle the Catalog, or the entry's code",
            ));
        }
        let m = py.import(intern!(py, "errcat._native"))?;
        Ok((
            m.getattr("lookup")?,
            (&*self.cat.id, self.e().code).into_pyobject(py)?,
        ))
    }
}

/// Python's repr of a value (a str, or None).
fn pyrepr<'py, T: IntoPyObject<'py> + Clone>(py: Python<'py>, v: &T) -> String {
    match v.clone().into_bound_py_any(py) {
        Ok(o) => o.repr().map(|r| r.to_string()).unwrap_or_default(),
        Err(_) => String::from("?"),
    }
}

fn kind_obj(py: Python<'_>, k: Kind) -> PyResult<Bound<'_, PyAny>> {
    Ok(hooks(py)?.kinds[k.grpc_code() as usize].bind(py).clone())
}

/// A minor code of an entry (the messenger protocol's minor codes).
#[pyclass(frozen, eq, module = "errcat", name = "Minor")]
#[derive(PartialEq)]
pub struct PyMinor {
    /// The minor code.
    #[pyo3(get)]
    code: i64,
    /// What it means, if documented.
    #[pyo3(get)]
    detail: Option<String>,
    /// What the client should do, if documented.
    #[pyo3(get)]
    reaction: Option<String>,
}

#[pymethods]
impl PyMinor {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Minor(code={}, detail={}, reaction={})",
            self.code,
            pyrepr(py, &self.detail),
            pyrepr(py, &self.reaction)
        )
    }
}

/// A deprecation notice.
#[pyclass(frozen, eq, module = "errcat", name = "Deprecation")]
#[derive(PartialEq)]
pub struct PyDeprecation {
    /// The version in which the code was deprecated.
    #[pyo3(get)]
    since: Option<String>,
    /// Symbol of the entry that replaces it.
    #[pyo3(get)]
    replaced_by: Option<String>,
    /// Free text.
    #[pyo3(get)]
    note: Option<String>,
}

#[pymethods]
impl PyDeprecation {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Deprecation(since={}, replaced_by={}, note={})",
            pyrepr(py, &self.since),
            pyrepr(py, &self.replaced_by),
            pyrepr(py, &self.note)
        )
    }
}

/// A category of a catalog (a heading of its document).
#[pyclass(frozen, eq, module = "errcat", name = "Category")]
#[derive(PartialEq)]
pub struct PyCategory {
    /// The id entries refer to.
    #[pyo3(get)]
    id: String,
    /// The heading as documented.
    #[pyo3(get)]
    name: String,
    /// The HTTP status documented for the whole category, if any.
    #[pyo3(get)]
    http_status: Option<u16>,
}

#[pymethods]
impl PyCategory {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Category(id={}, name={}, http_status={})",
            pyrepr(py, &self.id),
            pyrepr(py, &self.name),
            pyrepr(py, &self.http_status)
        )
    }
}

/// One problem found in a catalog file: the file, the entry, the problem.
#[pyclass(frozen, eq, module = "errcat", name = "CatalogProblem")]
#[derive(PartialEq)]
pub struct PyCatalogProblem {
    /// The file (or the name given for the text).
    #[pyo3(get)]
    file: String,
    /// The entry, as `entry #N (code C, SYMBOL)`, when the problem is in one.
    #[pyo3(get)]
    entry: Option<String>,
    /// What is wrong.
    #[pyo3(get)]
    problem: String,
}

#[pymethods]
impl PyCatalogProblem {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "CatalogProblem(file={}, entry={}, problem={})",
            pyrepr(py, &self.file),
            pyrepr(py, &self.entry),
            pyrepr(py, &self.problem)
        )
    }

    fn __str__(&self) -> String {
        match &self.entry {
            Some(e) => format!("{}: {}: {}", self.file, e, self.problem),
            None => format!("{}: {}", self.file, self.problem),
        }
    }
}

// ---------------------------------------------------------------------------
// Decoded errors.

/// What a decoded error carries; `ErrcatError` instances read their
/// attributes from it (`e._e`).
#[pyclass(frozen, module = "errcat._native", name = "ErrorData")]
pub struct ErrorData {
    err: ApiError,
    cat: Py<PyCatalog>,
}

#[pymethods]
impl ErrorData {
    #[getter]
    fn code(&self) -> i64 {
        self.err.code()
    }
    #[getter]
    fn symbol(&self) -> &str {
        self.err.symbol()
    }
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        kind_obj(py, self.err.kind())
    }
    #[getter]
    fn message(&self) -> Cow<'_, str> {
        self.err.message()
    }
    #[getter]
    fn server_message(&self) -> Option<&str> {
        self.err.server_message()
    }
    #[getter]
    fn raw_code(&self) -> String {
        self.err.raw_code().to_string()
    }
    #[getter]
    fn is_unknown(&self) -> bool {
        self.err.is_unknown()
    }
    #[getter]
    fn http_status(&self) -> u16 {
        self.err.http_status()
    }
    #[getter]
    fn retryable(&self) -> bool {
        self.err.retryable()
    }
    #[getter]
    fn minor(&self) -> Option<i64> {
        self.err.minor()
    }
    #[getter]
    fn minor_detail(&self) -> Option<&str> {
        self.err.minor_detail()
    }
    #[getter]
    fn reaction(&self) -> Option<&str> {
        self.err.reaction()
    }
    #[getter]
    fn retry_after_ms(&self) -> Option<u64> {
        self.err.retry_after_ms()
    }
    #[getter]
    fn missing_permission(&self) -> Option<&str> {
        self.err.missing_permission()
    }
    #[getter]
    fn wait(&self) -> Option<i64> {
        self.err.wait()
    }
    #[getter]
    fn catalog(&self) -> &str {
        &self.err.catalog().id
    }
    #[getter]
    fn domain(&self) -> &str {
        self.err.domain()
    }
    #[getter]
    fn catalog_object<'py>(&self, py: Python<'py>) -> Bound<'py, PyCatalog> {
        self.cat.bind(py).clone()
    }
    #[getter]
    fn entry<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let cat = self.cat.get();
        match self.err.entry().and_then(|e| cat.index_of(e)) {
            Some(i) => Ok(Some(cat.entry_obj(py, i)?)),
            None => Ok(None),
        }
    }

    /// The NSError-shaped view.
    fn ns_error(&self) -> PyResult<NsError> {
        let view = guard(|| self.err.ns_error())?;
        Ok(NsError { view })
    }

    /// The class this error decodes to.
    fn error_class<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let slf = self.cat.bind(py);
        let cat = slf.get();
        let classes = cat.classes(slf)?;
        Ok(match self.err.entry().and_then(|e| cat.index_of(e)) {
            Some(i) => classes.by_index[i].bind(py).clone(),
            None => classes.base.bind(py).clone(),
        })
    }

    /// Pickled as the catalog plus what the server sent, re-encoded as a
    /// payload that decodes to the same error.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let mut m = serde_json::Map::new();
        m.insert(
            "code".into(),
            match self.err.raw_code() {
                RawCode::Int(i) => (*i).into(),
                RawCode::Str(s) => s.clone().into(),
            },
        );
        if let Some(s) = self.err.server_message() {
            m.insert("message".into(), s.into());
        }
        if let Some(v) = self.err.minor() {
            m.insert("minor".into(), v.into());
        }
        if let Some(v) = self.err.retry_after_ms() {
            m.insert("retry_after_ms".into(), v.into());
        }
        if let Some(v) = self.err.missing_permission() {
            m.insert("missing_permission".into(), v.into());
        }
        if let Some(v) = self.err.wait() {
            m.insert("wait".into(), v.into());
        }
        let state = serde_json::Value::Object(m).to_string();
        let module = py.import(intern!(py, "errcat._native"))?;
        Ok((
            module.getattr("_error_from_state")?,
            (self.cat.clone_ref(py), state).into_pyobject(py)?,
        ))
    }
}

/// Rebuilds pickled error data (see `ErrorData.__reduce__`).
#[pyfunction]
fn _error_from_state(
    py: Python<'_>,
    catalog: &Bound<'_, PyCatalog>,
    state: &str,
) -> PyResult<Py<ErrorData>> {
    let cat = catalog.get().cat.clone();
    let err =
        guard(|| errcat::decode_with(cat, state.as_bytes()))?.map_err(|e| decode_error(py, &e))?;
    Py::new(
        py,
        ErrorData {
            err,
            cat: catalog.clone().unbind(),
        },
    )
}

/// An error as NSError sees it: domain, code and userInfo.
#[pyclass(frozen, module = "errcat", name = "NsError")]
pub struct NsError {
    view: errcat::NsErrorView,
}

#[pymethods]
impl NsError {
    /// The catalog's domain (`errcat.spaces`).
    #[getter]
    fn domain(&self) -> &str {
        &self.view.domain
    }
    /// The table's integer code (the raw code for an unknown one).
    #[getter]
    fn code(&self) -> i64 {
        self.view.code
    }
    /// `localizedDescription`.
    #[getter]
    fn localized_description(&self) -> &str {
        &self.view.localized_description
    }
    /// `localizedFailureReason`, if any.
    #[getter]
    fn failure_reason(&self) -> Option<&str> {
        self.view.failure_reason.as_deref()
    }
    /// `localizedRecoverySuggestion`, if any.
    #[getter]
    fn recovery_suggestion(&self) -> Option<&str> {
        self.view.recovery_suggestion.as_deref()
    }
    /// The userInfo dictionary (absent values left out).
    #[getter]
    fn user_info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.view.user_info() {
            match v {
                errcat::nserror::UserInfoValue::Str(s) => d.set_item(k, s)?,
                errcat::nserror::UserInfoValue::Int(i) => d.set_item(k, i)?,
                errcat::nserror::UserInfoValue::Bool(b) => d.set_item(k, b)?,
            }
        }
        Ok(d)
    }
    /// `{"domain": ..., "code": ..., "user_info": {...}}`.
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("domain", &self.view.domain)?;
        d.set_item("code", self.view.code)?;
        d.set_item("user_info", self.user_info(py)?)?;
        Ok(d)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<NsError>() {
            Ok(o) => o.get().view == self.view,
            Err(_) => false,
        }
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "NsError(domain={}, code={}, localized_description={})",
            pyrepr(py, &self.view.domain),
            self.view.code,
            pyrepr(py, &self.view.localized_description)
        )
    }
}

// ---------------------------------------------------------------------------
// Module functions.

/// The built-in catalogs, in their public order.
#[pyfunction]
fn catalogs(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    Ok(builtins(py)?.all.bind(py).clone())
}

/// The built-in catalog with this id, or None.
#[pyfunction]
fn catalog<'py>(catalog: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyCatalog>>> {
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
fn lookup<'py>(
    catalog: &Bound<'py, PyAny>,
    code_or_symbol: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = resolve(catalog)?;
    c.get().lookup_or_raise(catalog.py(), code_or_symbol)
}

/// Entries of every built-in catalog matching every word of `text`.
#[pyfunction]
fn search<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
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
fn decode<'py>(
    catalog: &Bound<'py, PyAny>,
    payload: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = resolve_for_decode(catalog)?;
    PyCatalog::decode_obj(&c, payload)
}

/// The error of a documented entry (int code or forgiving symbol), as if
/// the server had sent it without a message.
#[pyfunction]
fn error_for<'py>(
    catalog: &Bound<'py, PyAny>,
    code_or_symbol: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = resolve(catalog)?;
    PyCatalog::error_for_obj(&c, code_or_symbol)
}

/// The entry with this int code, or None.
#[pyfunction]
fn lookup_code<'py>(
    catalog: &Bound<'py, PyAny>,
    code: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let c = resolve(catalog)?;
    c.get().code_entry(catalog.py(), code)
}

/// The entry with exactly this symbol or alias, or None.
#[pyfunction]
fn lookup_symbol<'py>(
    catalog: &Bound<'py, PyAny>,
    symbol: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let c = resolve(catalog)?;
    c.get().symbol_entry(catalog.py(), symbol)
}

/// The class name of a symbol (the rule of `errcat::type_name`).
#[pyfunction]
fn class_name(symbol: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = symbol
        .cast::<PyString>()
        .map_err(|_| type_error("symbol must be a str", symbol))?;
    let s = s.to_string_lossy();
    guard(|| errcat::type_name(&s))
}

/// The `Code` enum member name of a class name.
#[pyfunction(name = "enum_name")]
fn enum_name_py(type_name: &str) -> String {
    enum_name(type_name)
}

fn catalog_error(py: Python<'_>, e: errcat::CatalogError) -> PyErr {
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

fn one_problem(py: Python<'_>, file: &str, problem: String) -> PyErr {
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
static LOADED: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn parse_and_register<'py>(
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

fn parse_format(format: &str) -> Option<Format> {
    match format.to_ascii_lowercase().as_str() {
        "toml" => Some(Format::Toml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Loads and validates a catalog file (`.toml` or `.json`).
#[pyfunction]
fn load_catalog<'py>(py: Python<'py>, path: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyCatalog>> {
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
fn parse_catalog<'py>(
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
fn _restore_catalog<'py>(
    py: Python<'py>,
    name: String,
    text: Vec<u8>,
    format: &str,
) -> PyResult<Bound<'py, PyCatalog>> {
    let format = parse_format(format)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("bad catalog format"))?;
    parse_and_register(py, name, text, format)
}

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
    m.add_function(wrap_pyfunction!(_setup, m)?)?;
    m.add_function(wrap_pyfunction!(catalogs, m)?)?;
    m.add_function(wrap_pyfunction!(catalog, m)?)?;
    let slow = wrap_pyfunction!(lookup, m)?;
    m.add("_lookup_slow", &slow)?;
    fast::add_lookup(m, slow.as_any())?;
    m.add_function(wrap_pyfunction!(search, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(error_for, m)?)?;
    m.add_function(wrap_pyfunction!(lookup_code, m)?)?;
    m.add_function(wrap_pyfunction!(lookup_symbol, m)?)?;
    m.add_function(wrap_pyfunction!(class_name, m)?)?;
    m.add_function(wrap_pyfunction!(enum_name_py, m)?)?;
    m.add_function(wrap_pyfunction!(load_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(parse_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(_restore_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(_error_from_state, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
