//! `errcat.lookup`'s hot path: a raw `METH_FASTCALL` C function.
//!
//! Why raw: with the abi3-py39 stable ABI, pyo3 registers functions with
//! the tuple-based `METH_VARARGS` convention, and its argument handling
//! costs about 50 ns a call, more than a whole `dict.get`. A lookup by an
//! exact code or symbol is two dict probes, so the call overhead is the
//! cost; this function takes the arguments as a C array and does the two
//! probes directly (about 15 ns more than `dict.get`).
//!
//! `METH_FASTCALL` entered CPython's stable ABI list in 3.10, but the
//! convention itself has been implemented unchanged since 3.7, so CPython
//! 3.9 calls this function correctly (the tests run on 3.9 too).
//!
//! Everything that is not a hit in the table's exact-key index (a
//! forgiving spelling, an unknown code, a `Catalog` object, a wrong type,
//! a wrong argument count) is handed to the ordinary pyo3 function
//! `_lookup_slow`, which has pyo3's panic and error handling. The fast path
//! itself calls only C API functions that cannot unwind.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::ffi::c_int;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

/// `METH_FASTCALL` (pyo3-ffi only defines it for abi3 ≥ 3.10; the value is
/// the same in every CPython since 3.7).
const METH_FASTCALL: c_int = 0x0080;

/// `{catalog id: {code: Entry}}` and `{catalog id: {code string | symbol |
/// alias: Entry}}` for the built-in catalogs whose index has been built.
/// Owned by `TABLES`.
static BY_INT: AtomicPtr<ffi::PyObject> = AtomicPtr::new(ptr::null_mut());
static BY_STR: AtomicPtr<ffi::PyObject> = AtomicPtr::new(ptr::null_mut());
/// The pyo3 function every miss falls back to. Owned by the module.
static SLOW: AtomicPtr<ffi::PyObject> = AtomicPtr::new(ptr::null_mut());

static TABLES: pyo3::sync::PyOnceLock<(Py<PyDict>, Py<PyDict>)> = pyo3::sync::PyOnceLock::new();

fn tables(py: Python<'_>) -> &(Py<PyDict>, Py<PyDict>) {
    TABLES.get_or_init(py, || {
        let (i, s) = (PyDict::new(py), PyDict::new(py));
        BY_INT.store(i.as_ptr(), Ordering::Release);
        BY_STR.store(s.as_ptr(), Ordering::Release);
        (i.unbind(), s.unbind())
    })
}

/// Makes a built-in catalog's index dicts visible to the fast path.
pub fn register(
    py: Python<'_>,
    catalog_id: &str,
    by_int: &Bound<'_, PyDict>,
    by_str: &Bound<'_, PyDict>,
) -> PyResult<()> {
    let (i, s) = tables(py);
    let id = pyo3::types::PyString::intern(py, catalog_id);
    i.bind(py).set_item(&id, by_int)?;
    s.bind(py).set_item(&id, by_str)
}

/// # Safety
///
/// Called by CPython with the `METH_FASTCALL` convention: `args` points to
/// `nargs` valid borrowed object pointers and the thread is attached to the
/// interpreter (holds the GIL; abi3 builds never run free-threaded).
unsafe extern "C" fn lookup_fast(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
) -> *mut ffi::PyObject {
    unsafe {
        if nargs != 2 {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"lookup() takes exactly 2 positional arguments (catalog, code_or_symbol)".as_ptr(),
            );
            return ptr::null_mut();
        }
        let catalog = *args;
        let query = *args.add(1);
        // Only str and int (never bool: True == 1) keys may probe the
        // index, so 102.0 or True cannot match a code by equality. The
        // exact-type checks are pointer compares; the subclass checks (a
        // function call under the stable ABI) only run for other types.
        let table = if ffi::PyUnicode_CheckExact(query) != 0 {
            BY_STR.load(Ordering::Acquire)
        } else if ffi::PyLong_CheckExact(query) != 0 {
            BY_INT.load(Ordering::Acquire)
        } else if ffi::PyUnicode_Check(query) != 0 {
            BY_STR.load(Ordering::Acquire)
        } else if ffi::PyLong_Check(query) != 0 && ffi::PyBool_Check(query) == 0 {
            BY_INT.load(Ordering::Acquire)
        } else {
            ptr::null_mut()
        };
        let catalog_is_str =
            ffi::PyUnicode_CheckExact(catalog) != 0 || ffi::PyUnicode_Check(catalog) != 0;
        if !table.is_null() && catalog_is_str {
            let index = ffi::PyDict_GetItemWithError(table, catalog); // borrowed
            if !index.is_null() {
                let hit = ffi::PyDict_GetItemWithError(index, query); // borrowed
                if !hit.is_null() {
                    ffi::Py_IncRef(hit);
                    return hit;
                }
            }
            // A str subclass whose __eq__ raised, say: the slow path
            // repeats the work and reports it properly.
            if !ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_Clear();
            }
        }
        slow(args, nargs)
    }
}

/// Calls `_lookup_slow(*args)`.
///
/// # Safety
///
/// As for [`lookup_fast`].
unsafe fn slow(args: *const *mut ffi::PyObject, nargs: ffi::Py_ssize_t) -> *mut ffi::PyObject {
    unsafe {
        let f = SLOW.load(Ordering::Acquire);
        let tuple = ffi::PyTuple_New(nargs);
        if tuple.is_null() {
            return ptr::null_mut();
        }
        for i in 0..nargs {
            let a = *args.offset(i);
            ffi::Py_IncRef(a);
            ffi::PyTuple_SetItem(tuple, i, a); // steals the new reference
        }
        let r = ffi::PyObject_Call(f, tuple, ptr::null_mut());
        ffi::Py_DecRef(tuple);
        r
    }
}

/// Adds `lookup` (fast path) to the module; `slow_fn` is the pyo3 function
/// it falls back to.
pub fn add_lookup(m: &Bound<'_, PyModule>, slow_fn: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = m.py();
    tables(py);
    SLOW.store(slow_fn.clone().into_ptr(), Ordering::Release); // one reference kept for the process
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: c"lookup".as_ptr(),
        // SAFETY: a function pointer cast; CPython calls it with the
        // METH_FASTCALL signature declared in ml_flags.
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunction: unsafe {
                std::mem::transmute::<
                    unsafe extern "C" fn(*mut ffi::PyObject, *const *mut ffi::PyObject, ffi::Py_ssize_t) -> *mut ffi::PyObject,
                    ffi::PyCFunction,
                >(lookup_fast)
            },
        },
        ml_flags: METH_FASTCALL,
        ml_doc: c"lookup($module, catalog, code_or_symbol, /)\n--\n\nThe entry for an int code or a symbol in a catalog (a built-in id or a Catalog).\n\nSymbols are forgiving (case, '-', '_', '.' and spaces are ignored; an integer\nstring is a code). Raises errcat.UnknownCatalogError or errcat.UnknownCodeError\nwhen there is nothing to find, TypeError for a wrong argument type."
            .as_ptr(),
    }));
    let name = pyo3::types::PyString::new(py, "errcat._native");
    // SAFETY: `def` lives for the process; the module (passed as `self`, as
    // CPython does for module functions) and its name are valid objects.
    let f = unsafe { ffi::PyCFunction_NewEx(def, m.as_ptr(), name.as_ptr()) };
    if f.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: `f` is a new reference.
    let f = unsafe { Bound::from_owned_ptr(py, f) };
    m.add("lookup", f)
}
