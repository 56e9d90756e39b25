//! Localized texts (issue 16): overlays registered at run time, the
//! caller's locale preferences, and `errcat.LocalizedTexts`.
//!
//! Everything that decides which text wins (the fallback `pt-BR` → `pt` →
//! the base text, `en-XA`, validation) is the core's (`errcat::l10n`); this
//! module only turns Python arguments into a preference list.

use crate::entry::{pyrepr, PyMinor};
use crate::hooks::{guard, type_error};
use crate::loading::{catalog_error, one_problem, parse_format};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};

/// The environment variables gettext reads, in its order: the first one
/// set and not empty wins (`LANGUAGE` is a colon-separated list).
const ENV_ORDER: [&str; 4] = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"];

/// A preference list from a POSIX locale value: `pt_BR.UTF-8@euro:pt` →
/// `["pt_BR", "pt"]` (the core reads `_` as `-`). `C` or `POSIX` means the
/// base text, so the list stops there.
pub(crate) fn posix_preferences(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in value.split(':') {
        let tag = item.split(['.', '@']).next().unwrap_or("");
        if tag == "C" || tag == "POSIX" {
            break;
        }
        if !tag.is_empty() {
            out.push(tag.to_string());
        }
    }
    out
}

/// The preference list gettext's environment gives (read through
/// `os.environ`, so changes made from Python count).
fn env_preferences(py: Python<'_>) -> PyResult<Vec<String>> {
    let environ = py
        .import(intern!(py, "os"))?
        .getattr(intern!(py, "environ"))?;
    for var in ENV_ORDER {
        let v = environ.call_method1(intern!(py, "get"), (var,))?;
        if let Ok(s) = v.cast::<PyString>() {
            let s = s.to_string_lossy();
            if !s.is_empty() {
                return Ok(posix_preferences(&s));
            }
        }
    }
    Ok(Vec::new())
}

const LOCALE_ARG: &str =
    "locale must be a str (\"pt-BR\" or \"pt-BR,pt\"), a list or tuple of str, or None";

/// The caller's `locale=` as a preference list for the core: None → the
/// environment (gettext's order); a str → its comma-separated tags; a list
/// or tuple of str → those tags. Anything else is a `TypeError`.
pub(crate) fn preferences(
    py: Python<'_>,
    locale: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<String>> {
    let Some(locale) = locale else {
        return env_preferences(py);
    };
    let tag = |item: &Bound<'_, PyAny>| -> PyResult<String> {
        item.cast::<PyString>()
            .map(|s| s.to_string_lossy().trim().to_string())
            .map_err(|_| type_error("each locale must be a str", item))
    };
    if let Ok(s) = locale.cast::<PyString>() {
        return Ok(s
            .to_string_lossy()
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect());
    }
    if let Ok(l) = locale.cast::<PyList>() {
        return l.iter().map(|i| tag(&i)).collect();
    }
    if let Ok(t) = locale.cast::<PyTuple>() {
        return t.iter().map(|i| tag(&i)).collect();
    }
    Err(type_error(LOCALE_ARG, locale))
}

/// Registers a translation overlay for a built-in catalog (TOML or JSON
/// text, validated; replaces the overlay of the same catalog and locale).
#[pyfunction]
#[pyo3(signature = (text, format = None), text_signature = "(text, format='toml')")]
pub(crate) fn register_overlay(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    format: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    const NAME: &str = "<overlay>";
    let format = match format {
        None => errcat::Format::Toml,
        Some(f) => {
            let s = f
                .cast::<PyString>()
                .map_err(|_| type_error("format must be \"toml\" or \"json\"", f))?
                .to_string_lossy();
            parse_format(&s).ok_or_else(|| {
                pyo3::exceptions::PyValueError::new_err(format!(
                    "format must be \"toml\" or \"json\", not {:?}",
                    errcat::clip(&s)
                ))
            })?
        }
    };
    let bytes = if let Ok(b) = text.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(s) = text.cast::<PyString>() {
        match s.to_cow() {
            Ok(t) => t.into_owned().into_bytes(),
            Err(_) => {
                return Err(one_problem(
                    py,
                    NAME,
                    "not valid UTF-8 (lone surrogate)".into(),
                ))
            }
        }
    } else {
        return Err(type_error("overlay text must be str or bytes", text));
    };
    let result = guard(|| {
        errcat::l10n::parse_overlay(&bytes, format, NAME).and_then(errcat::l10n::register)
    })?;
    result.map_err(|e| catalog_error(py, e))
}

/// Drops every registered overlay (`en-XA` stays: it is built in).
#[pyfunction]
pub(crate) fn clear_overlays() -> PyResult<()> {
    guard(errcat::l10n::clear)
}

/// An entry's texts in the locale a preference list selected.
#[pyclass(frozen, eq, module = "errcat", name = "LocalizedTexts")]
#[derive(PartialEq)]
pub struct PyLocalizedTexts {
    /// The locale the texts are in; None for the base (English) text.
    #[pyo3(get)]
    locale: Option<String>,
    /// The message.
    #[pyo3(get)]
    message: String,
    causes: Vec<String>,
    /// The reaction, if the entry has one.
    #[pyo3(get)]
    reaction: Option<String>,
    minor: Vec<(i64, Option<String>, Option<String>)>,
}

impl From<errcat::l10n::Texts> for PyLocalizedTexts {
    fn from(t: errcat::l10n::Texts) -> Self {
        PyLocalizedTexts {
            locale: t.locale,
            message: t.message,
            causes: t.causes,
            reaction: t.reaction,
            minor: t.minor_codes,
        }
    }
}

#[pymethods]
impl PyLocalizedTexts {
    /// The causes, as many as the entry has.
    #[getter]
    fn causes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.causes)
    }

    /// The minor codes with their texts, in the entry's order.
    #[getter]
    fn minor_codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.minor.iter().map(|(code, detail, reaction)| PyMinor {
                code: *code,
                detail: detail.clone(),
                reaction: reaction.clone(),
            }),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "LocalizedTexts(locale={}, message={})",
            pyrepr(py, &self.locale),
            pyrepr(py, &self.message)
        )
    }
}
