//! A payload argument (bytes, str, dict, bytearray, memoryview) turned into
//! the bytes the core decodes; a dict is written out as JSON.

use crate::hooks::type_error;
use errcat::DecodeError;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
};

/// Hands the payload's bytes to `f`: bytes as they are, str as UTF-8, a
/// dict written out as JSON.
pub(crate) fn with_payload<T>(
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

pub(crate) enum JsonErr {
    Payload(DecodeError),
    Py(PyErr),
}

impl From<PyErr> for JsonErr {
    fn from(e: PyErr) -> Self {
        JsonErr::Py(e)
    }
}

pub(crate) fn malformed(msg: String) -> JsonErr {
    JsonErr::Payload(DecodeError::Malformed(msg))
}

pub(crate) fn type_name_of(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Writes a dict payload as JSON, under the same limits as a byte payload
/// (depth, size). Containers are snapshotted first, so a payload mutated
/// while it is written cannot break the iteration.
pub(crate) fn write_json(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    out: &mut Vec<u8>,
) -> Result<(), JsonErr> {
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
