//! `errcat.decode_response` and `Catalog.decode_response`: the parts of an
//! HTTP response (status, headers, body, clock) converted from Python and
//! handed to the core's rule (`errcat::decode_response_with`). Nothing here
//! reads a header or a body: the rule lives in core/src/http.rs only.

use crate::catalog::PyCatalog;
use crate::error::BodyFacts;
use crate::functions::resolve_for_decode;
use crate::hooks::{decode_error, guard, type_error};
use errcat::{DecodeError, ResponseParts};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    IntoPyDict, PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyList, PyMemoryView, PyString,
    PyTuple,
};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Decodes an HTTP response's parts against a catalog (id or Catalog).
#[pyfunction]
#[pyo3(signature = (catalog, status, headers, body, *, now = None))]
pub(crate) fn decode_response<'py>(
    catalog: &Bound<'py, PyAny>,
    status: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let c = resolve_for_decode(catalog)?;
    decode_response_obj(&c, status, headers, body, now)
}

pub(crate) fn decode_response_obj<'py>(
    slf: &Bound<'py, PyCatalog>,
    status: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = slf.py();
    let status = status_of(status)?;
    let headers = headers_of(headers)?;
    let body = body_of(body)?;
    let now = clock_of(now)?;
    let status = match status {
        Ok(s) => s,
        Err(e) => return Err(decode_error(py, &e)),
    };
    let cat = slf.get().cat.clone();
    let parts = ResponseParts::from_headers(status, &headers, &body);
    match guard(|| errcat::decode_response_with(cat, &parts, now))? {
        Ok(Some(err)) => Ok(Some(PyCatalog::exception(slf, err)?)),
        Ok(None) => Ok(None),
        Err(e) => Err(decode_error(py, &e)),
    }
}

/// The status as the core's type; a value that does not even fit is the
/// same `malformed` failure the core gives for 0 or 600.
fn status_of(obj: &Bound<'_, PyAny>) -> PyResult<Result<u16, DecodeError>> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(type_error("status must be an int", obj));
    }
    Ok(match obj.extract::<i64>().ok().map(u16::try_from) {
        Some(Ok(s)) => Ok(s),
        _ => Err(DecodeError::Malformed(format!(
            "HTTP status {} is outside 100-599",
            errcat::clip(&obj.str()?.to_string_lossy())
        ))),
    })
}

const HEADERS_TYPE: &str = "headers must be a mapping or an iterable of (name, value) pairs of str";

/// Every (name, value) pair, in order: `multi_items()` when the object has
/// it (httpx.Headers, whose `items()` joins repeated names), else `items()`
/// (dict, requests' CaseInsensitiveDict, email.message.Message), else the
/// object itself as an iterable of pairs.
fn headers_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let py = obj.py();
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
    {
        return Err(type_error(HEADERS_TYPE, obj));
    }
    let pairs = if let Ok(m) = obj.getattr(intern!(py, "multi_items")) {
        m.call0()?
    } else if let Ok(m) = obj.getattr(intern!(py, "items")) {
        m.call0()?
    } else {
        obj.clone()
    };
    let iter = pairs
        .try_iter()
        .map_err(|_| type_error(HEADERS_TYPE, obj))?;
    let mut out = Vec::new();
    for item in iter {
        let item = item?;
        if !(item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>())
            || item.len()? != 2
        {
            return Err(type_error(
                "each header must be a (name, value) pair of str",
                &item,
            ));
        }
        let name = header_str(&item.get_item(0)?, "header name")?;
        let value = header_str(&item.get_item(1)?, "header value")?;
        out.push((name, value));
    }
    Ok(out)
}

fn header_str(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        // Lone surrogates are replaced rather than refused: a hostile
        // header never fails the decode.
        Ok(s) => Ok(s.to_string_lossy().into_owned()),
        Err(_) => Err(type_error(&format!("{what} must be a str"), obj)),
    }
}

/// The body's bytes: bytes, bytearray, memoryview, or str (as UTF-8).
fn body_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_string_lossy().into_owned().into_bytes());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let b = obj.py().get_type::<PyBytes>().call1((obj,))?;
        return Ok(b.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    Err(type_error(
        "body must be bytes, bytearray, memoryview or str",
        obj,
    ))
}

static DATETIME: PyOnceLock<(Py<PyAny>, Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

/// `now`: None (the system clock), a datetime (naive = UTC) or Unix seconds.
fn clock_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<SystemTime> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(SystemTime::now());
    };
    let py = obj.py();
    let out_of_range = || PyValueError::new_err("now is out of range");
    if obj.is_instance_of::<PyBool>() {
        return Err(type_error("now must be a datetime or Unix seconds", obj));
    }
    if obj.is_instance_of::<PyInt>() {
        let secs: i64 = obj.extract().map_err(|_| out_of_range())?;
        return at(secs, 0).ok_or_else(out_of_range);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let f = f.value();
        let d = Duration::try_from_secs_f64(f.abs()).map_err(|_| out_of_range())?;
        let t = if f >= 0.0 {
            UNIX_EPOCH.checked_add(d)
        } else {
            UNIX_EPOCH.checked_sub(d)
        };
        return t.ok_or_else(out_of_range);
    }
    let (datetime, utc, epoch) = DATETIME.get_or_try_init(py, || -> PyResult<_> {
        let m = py.import("datetime")?;
        let dt = m.getattr("datetime")?;
        let utc = m.getattr("timezone")?.getattr("utc")?;
        let epoch = dt.call1((1970, 1, 1, 0, 0, 0, 0, &utc))?;
        Ok((dt.unbind(), utc.unbind(), epoch.unbind()))
    })?;
    if !obj.is_instance(datetime.bind(py))? {
        return Err(type_error("now must be a datetime or Unix seconds", obj));
    }
    let aware = if obj.getattr(intern!(py, "tzinfo"))?.is_none() {
        let kw = [("tzinfo", utc.bind(py))].into_py_dict(py)?;
        obj.call_method("replace", (), Some(&kw))?
    } else {
        obj.clone()
    };
    // A timedelta is exact (days, seconds, microseconds), unlike timestamp().
    let td = aware.call_method1(intern!(py, "__sub__"), (epoch.bind(py),))?;
    let days: i64 = td.getattr("days")?.extract()?;
    let secs: i64 = td.getattr("seconds")?.extract()?;
    let micros: u32 = td.getattr("microseconds")?.extract()?;
    at(days * 86_400 + secs, micros * 1000).ok_or_else(out_of_range)
}

fn at(secs: i64, nanos: u32) -> Option<SystemTime> {
    let t = if secs >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(secs.unsigned_abs()))?
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(secs.unsigned_abs()))?
    };
    t.checked_add(Duration::from_nanos(u64::from(nanos)))
}

/// The response facts of a pickled error: (status, content type, body
/// excerpt, body length, typed from the status).
pub(crate) type PickledResponse = (u16, Option<String>, Option<String>, usize, bool);

// An instant in the past the date below is read against: an HTTP-date
// Retry-After that many milliseconds ahead of `now` gives the core exactly
// that delay, at millisecond precision, through its own rule.
const PICKLE_DATE: &str = "Sun, 06 Nov 1994 08:49:37 GMT";
const PICKLE_DATE_SECS: u64 = 784_111_777;

/// Rebuilds a pickled error that came from a response by decoding the
/// same facts through the core again: the payload (`state`, which already
/// carries the delay) for an error decoded from its body, or an empty body
/// for an error typed from the status, with its delay as a Retry-After.
/// The body itself is not pickled, so its excerpt and length are kept aside.
pub(crate) fn rebuild(
    py: Python<'_>,
    catalog: &Bound<'_, PyCatalog>,
    state: &str,
    resp: PickledResponse,
    retry_after_ms: Option<u64>,
) -> PyResult<(errcat::ApiError, BodyFacts)> {
    let (status, content_type, excerpt, body_len, from_status) = resp;
    let date = UNIX_EPOCH + Duration::from_secs(PICKLE_DATE_SECS);
    let (body, retry_after, now) = match (from_status, retry_after_ms) {
        (true, Some(ms)) => (
            &b""[..],
            Some(PICKLE_DATE),
            date - Duration::from_millis(ms),
        ),
        (true, None) => (&b""[..], None, date),
        (false, _) => (state.as_bytes(), None, date),
    };
    let parts = ResponseParts {
        status,
        retry_after,
        content_type: content_type.as_deref(),
        body,
    };
    let cat = catalog.get().cat.clone();
    match guard(|| errcat::decode_response_with(cat, &parts, now))? {
        Ok(Some(err)) if err.is_from_status() == from_status => {
            Ok((err, BodyFacts { excerpt, body_len }))
        }
        Ok(_) => Err(PyTypeError::new_err(
            "errcat: a pickled response error does not decode to the same error",
        )),
        Err(e) => Err(decode_error(py, &e)),
    }
}
