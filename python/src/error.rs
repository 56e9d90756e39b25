//! The data of an `ErrcatError` (`ErrorData`), how a catalog builds its
//! exception instances, and the NSError view.

use crate::catalog::PyCatalog;
use crate::entry::{kind_obj, pyrepr, PyEntry};
use crate::hooks::{decode_error, guard};
use crate::http::PickledResponse;
use crate::l10n::PyLocalizedTexts;
use crate::payload::with_payload;
use errcat::{ApiError, RawCode};
use pyo3::exceptions::PyRuntimeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use std::borrow::Cow;

impl PyCatalog {
    /// The error of this catalog's entry with `code`, with nothing from a server.
    pub(crate) fn entry_error(&self, code: i64) -> PyResult<ApiError> {
        guard(|| ApiError::from_entry(self.cat.clone(), code))?.ok_or_else(|| {
            PyRuntimeError::new_err("errcat internal error: entry has no code index")
        })
    }

    pub(crate) fn error_for_obj<'py>(
        slf: &Bound<'py, PyCatalog>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let this = slf.get();
        let e = this.lookup_or_raise(slf.py(), query)?;
        let err = this.entry_error(e.cast::<PyEntry>()?.get().e().code)?;
        PyCatalog::exception(slf, err)
    }

    /// An exception instance for a decoded error: the entry's class (the
    /// catalog's base class for an unknown code), `args == (message,)`,
    /// and the decoded data in `_e`.
    pub(crate) fn exception<'py>(
        slf: &Bound<'py, PyCatalog>,
        err: ApiError,
    ) -> PyResult<Bound<'py, PyAny>> {
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
                body: None,
            },
        )?;
        let inst = cls.bind(py).call1((message,))?;
        inst.setattr(intern!(py, "_e"), data)?;
        Ok(inst)
    }

    pub(crate) fn decode_obj<'py>(
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

    /// The data of an error raised by hand (`spaces.RateLimited()`,
    /// `spaces.RateLimited("slow down")`, the base class `spaces.SpacesError()`):
    /// the entry's error as `error_for` makes it, else an unknown error with
    /// an empty code, with the message as the server's.
    pub(crate) fn error_by_hand<'py>(
        slf: &Bound<'py, PyCatalog>,
        entry: Option<&Bound<'py, PyAny>>,
        message: Option<String>,
    ) -> PyResult<Py<ErrorData>> {
        let this = slf.get();
        let err = match entry {
            Some(e) => this.entry_error(this.entry_of(e)?.code)?,
            None => {
                guard(|| ApiError::from_raw_code(this.cat.clone(), RawCode::Str(String::new())))?
            }
        };
        let err = match message {
            Some(m) => err.with_server_message(m),
            None => err,
        };
        Py::new(
            slf.py(),
            ErrorData {
                err,
                cat: slf.clone().unbind(),
                body: None,
            },
        )
    }
}

/// What a decoded error carries; `ErrcatError` instances read their
/// attributes from it (`e._e`).
#[pyclass(frozen, module = "errcat._native", name = "ErrorData")]
pub struct ErrorData {
    pub(crate) err: ApiError,
    pub(crate) cat: Py<PyCatalog>,
    /// Set only on an error rebuilt by unpickling: the excerpt and length
    /// of the original body, which the rebuilt error (decoded from facts,
    /// not from that body) does not have.
    pub(crate) body: Option<BodyFacts>,
}

/// A response body's excerpt and length, as `ApiError` reports them.
pub(crate) struct BodyFacts {
    pub(crate) excerpt: Option<String>,
    pub(crate) body_len: usize,
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
    fn response_status(&self) -> Option<u16> {
        self.err.response_status()
    }
    #[getter]
    fn content_type(&self) -> Option<&str> {
        self.err.content_type()
    }
    #[getter]
    fn body_excerpt(&self) -> Option<&str> {
        match &self.body {
            Some(b) => b.excerpt.as_deref(),
            None => self.err.body_excerpt(),
        }
    }
    #[getter]
    fn body_len(&self) -> Option<usize> {
        match &self.body {
            Some(b) => Some(b.body_len),
            None => self.err.body_len(),
        }
    }
    #[getter]
    fn is_from_status(&self) -> bool {
        self.err.is_from_status()
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

    /// The message to show in the locale `locale` selects: the overlay's
    /// translation when one applies, else `message` (the core's
    /// `ApiError::localized_message`).
    #[pyo3(signature = (locale = None))]
    fn localized_message(
        &self,
        py: Python<'_>,
        locale: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let prefs = crate::l10n::preferences(py, locale)?;
        guard(|| self.err.localized_message(&prefs).into_owned())
    }

    /// The entry's texts in the locale `locale` selects; None for an
    /// unknown code or an entry of a loaded catalog.
    #[pyo3(signature = (locale = None))]
    fn localized(
        &self,
        py: Python<'_>,
        locale: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<PyLocalizedTexts>> {
        let prefs = crate::l10n::preferences(py, locale)?;
        Ok(guard(|| self.err.localized(&prefs))?.map(PyLocalizedTexts::from))
    }

    /// The NSError-shaped view.
    fn ns_error(&self) -> PyResult<NsError> {
        let mut view = guard(|| self.err.ns_error())?;
        if let Some(b) = &self.body {
            view.body_excerpt = b.excerpt.clone();
            view.body_len = Some(b.body_len);
        }
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
    /// payload that decodes to the same error; for an error from an HTTP
    /// response, plus the response's facts (see `http::rebuild`).
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
        let resp: Option<PickledResponse> = self.err.response_status().map(|status| {
            (
                status,
                self.err.content_type().map(str::to_owned),
                self.body_excerpt().map(str::to_owned),
                self.body_len().unwrap_or(0),
                self.err.is_from_status(),
            )
        });
        Ok((
            module.getattr("_error_from_state")?,
            (self.cat.clone_ref(py), state, resp).into_pyobject(py)?,
        ))
    }
}

/// Rebuilds pickled error data (see `ErrorData.__reduce__`).
#[pyfunction]
#[pyo3(signature = (catalog, state, response = None))]
pub(crate) fn _error_from_state(
    py: Python<'_>,
    catalog: &Bound<'_, PyCatalog>,
    state: &str,
    response: Option<PickledResponse>,
) -> PyResult<Py<ErrorData>> {
    let cat = catalog.get().cat.clone();
    let err =
        guard(|| errcat::decode_with(cat, state.as_bytes()))?.map_err(|e| decode_error(py, &e))?;
    let (err, body) = match response {
        Some(resp) => {
            let delay = err.retry_after_ms();
            let (err, body) = crate::http::rebuild(py, catalog, state, resp, delay)?;
            (err, Some(body))
        }
        None => (err, None),
    };
    Py::new(
        py,
        ErrorData {
            err,
            cat: catalog.clone().unbind(),
            body,
        },
    )
}

/// An error as NSError sees it: domain, code and userInfo.
#[pyclass(frozen, module = "errcat", name = "NsError")]
pub struct NsError {
    pub(crate) view: errcat::NsErrorView,
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
