//! `errcat.Entry` (one row of the table) and the small value classes it
//! hands out: `Minor`, `Deprecation`, `Category`, `CatalogProblem`.

use crate::hooks::{guard, kinds};
use errcat::{CatalogRef, Entry, Kind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3::{intern, IntoPyObjectExt};
use std::borrow::Cow;

/// One row of the table. Entries are shared: a lookup returns the same
/// object every time.
#[pyclass(frozen, module = "errcat", name = "Entry")]
pub struct PyEntry {
    pub(crate) cat: CatalogRef,
    pub(crate) idx: usize,
}

impl PyEntry {
    pub(crate) fn e(&self) -> &Entry {
        &self.cat.entries[self.idx]
    }
}

/// The name of an entry in its catalog's `Code` enum: the class name split
/// before each capital letter, joined with `_`, upper-cased
/// (`RateLimited` → `RATE_LIMITED`, `UserNotFound` → `USER_NOT_FOUND`,
/// `TwoFaRequired` → `TWO_FA_REQUIRED`).
pub(crate) fn enum_name(type_name: &str) -> String {
    let mut out = String::with_capacity(type_name.len() + 8);
    for (i, ch) in type_name.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_uppercase());
    }
    out
}

pub(crate) fn tuple_of_str<'py>(
    py: Python<'py>,
    v: &[Cow<'static, str>],
) -> PyResult<Bound<'py, PyTuple>> {
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

    /// The message in the locale `locale` selects (a str such as `"pt-BR"`
    /// or `"pt-BR,pt"`, a list or tuple of str; None: gettext's
    /// environment), falling back as the core does (`pt-BR` → `pt` → the
    /// base text). An entry of a loaded catalog has its base text only.
    #[pyo3(signature = (locale = None))]
    fn localized_message(
        &self,
        py: Python<'_>,
        locale: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let prefs = crate::l10n::preferences(py, locale)?;
        match &self.cat {
            CatalogRef::Builtin(c) => {
                guard(|| errcat::l10n::texts(&c.id, self.e(), &prefs).message)
            }
            CatalogRef::Loaded(_) => Ok(self.e().message.to_string()),
        }
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
pub(crate) fn pyrepr<'py, T: IntoPyObject<'py> + Clone>(py: Python<'py>, v: &T) -> String {
    match v.clone().into_bound_py_any(py) {
        Ok(o) => o.repr().map(|r| r.to_string()).unwrap_or_default(),
        Err(_) => String::from("?"),
    }
}

pub(crate) fn kind_obj(py: Python<'_>, k: Kind) -> PyResult<Bound<'_, PyAny>> {
    Ok(kinds(py)?[k.grpc_code() as usize].bind(py).clone())
}

/// A minor code of an entry (the messenger protocol's minor codes).
#[pyclass(frozen, eq, module = "errcat", name = "Minor")]
#[derive(PartialEq)]
pub struct PyMinor {
    /// The minor code.
    #[pyo3(get)]
    pub(crate) code: i64,
    /// What it means, if documented.
    #[pyo3(get)]
    pub(crate) detail: Option<String>,
    /// What the client should do, if documented.
    #[pyo3(get)]
    pub(crate) reaction: Option<String>,
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
    pub(crate) since: Option<String>,
    /// Symbol of the entry that replaces it.
    #[pyo3(get)]
    pub(crate) replaced_by: Option<String>,
    /// Free text.
    #[pyo3(get)]
    pub(crate) note: Option<String>,
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
    pub(crate) id: String,
    /// The heading as documented.
    #[pyo3(get)]
    pub(crate) name: String,
    /// The HTTP status documented for the whole category, if any.
    #[pyo3(get)]
    pub(crate) http_status: Option<u16>,
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
    pub(crate) file: String,
    /// The entry, as `entry #N (code C, SYMBOL)`, when the problem is in one.
    #[pyo3(get)]
    pub(crate) entry: Option<String>,
    /// What is wrong.
    #[pyo3(get)]
    pub(crate) problem: String,
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
