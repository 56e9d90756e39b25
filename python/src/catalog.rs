//! `errcat.Catalog`: one catalog (built in or loaded), its cached `Entry`
//! objects, its exact-key lookup dicts and its exception classes.

use crate::entry::{PyCategory, PyEntry};
use crate::error::ErrorData;
use crate::fast;
use crate::hooks::{guard, hooks, kinds, type_error, unknown_code};
use errcat::{CatalogRef, Entry, Format};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::gc::{PyTraverseError, PyVisit};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};
use std::sync::OnceLock;

/// Where a loaded catalog came from, kept so it can be pickled.
pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) text: Vec<u8>,
    pub(crate) format: Format,
}

/// The Python-side classes of a catalog, built once by `errcat._build_classes`.
pub(crate) struct Classes {
    pub(crate) base: Py<PyAny>,
    pub(crate) by_index: Vec<Py<PyAny>>,
    pub(crate) all: Py<PyTuple>,
    pub(crate) code: Py<PyAny>,
}

/// A catalog's exact-key lookup dicts (see `PyCatalog::index`).
pub(crate) struct Index {
    pub(crate) by_int: Py<PyDict>,
    pub(crate) by_str: Py<PyDict>,
}

/// One error catalog: a built-in one (`errcat.catalog("spaces")`) or one
/// loaded at run time (`errcat.load_catalog(path)`).
#[pyclass(frozen, weakref, module = "errcat", name = "Catalog")]
pub struct PyCatalog {
    pub(crate) cat: CatalogRef,
    pub(crate) source: Option<Source>,
    pub(crate) entries: PyOnceLock<Py<PyTuple>>,
    pub(crate) index: PyOnceLock<Index>,
    // A std OnceLock (not PyOnceLock) so `__traverse__` can read it without
    // the interpreter; it is only ever set, never waited on (see `classes`).
    pub(crate) classes: OnceLock<Classes>,
}

impl PyCatalog {
    pub(crate) fn new(cat: CatalogRef, source: Option<Source>) -> Self {
        PyCatalog {
            cat,
            source,
            entries: PyOnceLock::new(),
            index: PyOnceLock::new(),
            classes: OnceLock::new(),
        }
    }

    pub(crate) fn entry_tuple<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyTuple>> {
        if self.entries.get(py).is_none() {
            // errcat.Kind comes with the first Entry objects (their `.kind`),
            // which also drops errcat's module __getattr__: from then on
            // `errcat.lookup` loads are specialized. Outside the cell's
            // init: building the enum runs Python code.
            kinds(py)?;
        }
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

    pub(crate) fn entry_obj<'py>(
        &self,
        py: Python<'py>,
        idx: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.entry_tuple(py)?.get_item(idx)
    }

    /// The position of an entry of this catalog (by address: the entry is
    /// borrowed from this catalog's own slice).
    pub(crate) fn index_of(&self, e: &Entry) -> Option<usize> {
        self.cat.entry_index(e)
    }

    /// Exact keys → Entry, in two dicts: int codes, and strings (code
    /// strings, symbols, aliases). Two dicts because a dict of str keys
    /// only takes CPython's faster str-only lookup. Code strings are
    /// inserted last so they win over a symbol spelled with digits, as in
    /// the core's `lookup`.
    pub(crate) fn index<'py>(&self, py: Python<'py>) -> PyResult<&Index> {
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
    pub(crate) fn find<'py>(
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
    pub(crate) fn code_entry<'py>(
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
    pub(crate) fn symbol_entry<'py>(
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

    pub(crate) fn lookup_or_raise<'py>(
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
    pub(crate) fn classes<'py>(&self, slf: &Bound<'py, PyCatalog>) -> PyResult<&Classes> {
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

    pub(crate) fn module_name(&self) -> String {
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

    /// Decodes an HTTP response's parts (status, headers, body) against
    /// this catalog: None when it is not an error, else the error typed
    /// from its body or its status (see `errcat.decode_response`).
    #[pyo3(signature = (status, headers, body, *, now = None))]
    fn decode_response<'py>(
        slf: &Bound<'py, Self>,
        status: &Bound<'py, PyAny>,
        headers: &Bound<'py, PyAny>,
        body: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        crate::http::decode_response_obj(slf, status, headers, body, now)
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
        PyCatalog::error_by_hand(slf, entry, message)
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
    pub(crate) fn entry_of<'a>(&'a self, obj: &Bound<'_, PyAny>) -> PyResult<&'a Entry> {
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

pub(crate) fn same_catalog(a: &CatalogRef, b: &CatalogRef) -> bool {
    std::ptr::eq::<errcat::Catalog>(&**a, &**b)
}

pub(crate) fn format_str(f: Format) -> &'static str {
    match f {
        Format::Toml => "toml",
        Format::Json => "json",
    }
}

pub(crate) fn search_text(text: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = text
        .cast::<PyString>()
        .map_err(|_| type_error("search text must be a str", text))?;
    Ok(s.to_string_lossy().into_owned())
}
