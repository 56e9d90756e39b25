//! The C entry points (ffi/, compiled through fuzz/ffi-shim) with arbitrary
//! bytes, embedded NULs, invalid UTF-8 and NULL pointers.
//!
//! Input layout: byte 0 = flags (which arguments are NULL, which decode
//! variant runs, whether the payload is also parsed as a user catalog); bytes 1..9 = an integer (code, index, kind number); the
//! rest = three fields split at 0xFF: the catalog id, a symbol/query/key,
//! and the payload. String fields are passed as C strings (a NUL inside the
//! field ends the string early, as it would in C); the payload is passed
//! with its length, NULs and all.
//!
//! Invariants: nothing crashes or panics through the boundary (no status is
//! ever `ERRCAT_STATUS_INTERNAL`); every answer matches the Rust core's;
//! every returned string is NUL-terminated UTF-8; a failure is recorded as
//! the thread's last error with a NUL-terminated UTF-8 message shorter than
//! `ERRCAT_LAST_ERROR_CAPACITY`.

#![no_main]

use errcat::{DecodeError, MAX_PAYLOAD_BYTES};
use errcat_ffi::*;
use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, CStr, CString};
use std::ptr;

/// A field as a C string: the bytes up to the first NUL.
fn c_string(field: &[u8]) -> CString {
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    CString::new(&field[..end]).expect("no interior NUL")
}

/// A returned string: must be NULL or NUL-terminated UTF-8.
unsafe fn text<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        return None;
    }
    Some(
        unsafe { CStr::from_ptr(p) }
            .to_str()
            .expect("a returned string is not UTF-8"),
    )
}

fn check_last_error(status: errcat_status) {
    assert_ne!(
        status,
        errcat_status::ERRCAT_STATUS_INTERNAL,
        "a panic reached the C boundary"
    );
    if status != errcat_status::ERRCAT_STATUS_OK {
        assert_eq!(errcat_last_error_status(), status);
        let msg = unsafe { text(errcat_last_error_message()) }.expect("failure without a message");
        assert!(msg.len() < ERRCAT_LAST_ERROR_CAPACITY);
    }
    assert!(unsafe { text(errcat_status_reason(status as i32)) }.is_some());
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let flags = data[0];
    let n = i64::from_le_bytes(data[1..9].try_into().unwrap());
    let mut fields = data[9..].splitn(3, |&b| b == 0xFF);
    let (f_cat, f_sym, payload) = (
        fields.next().unwrap_or(b""),
        fields.next().unwrap_or(b""),
        fields.next().unwrap_or(b""),
    );
    let cat_c = c_string(f_cat);
    let sym_c = c_string(f_sym);
    let cat_p = if flags & 1 != 0 {
        ptr::null()
    } else {
        cat_c.as_ptr()
    };
    let sym_p = if flags & 2 != 0 {
        ptr::null()
    } else {
        sym_c.as_ptr()
    };
    let cat_s = (flags & 1 == 0).then(|| cat_c.to_str().ok()).flatten();
    let sym_s = (flags & 2 == 0).then(|| sym_c.to_str().ok()).flatten();
    let core_cat = cat_s.and_then(errcat::catalog);

    unsafe {
        errcat_clear_last_error();
        assert!(errcat_last_error_message().is_null());

        // Lookups by code, exact symbol and forgiving query.
        let e = errcat_lookup_code(cat_p, n);
        let want = core_cat.and_then(|c| c.by_code(n));
        check_entry(e, want);
        if e.is_null() {
            check_last_error(errcat_last_error_status());
            assert_ne!(errcat_last_error_status(), errcat_status::ERRCAT_STATUS_OK);
        }
        let e = errcat_lookup_symbol(cat_p, sym_p);
        check_entry(e, core_cat.zip(sym_s).and_then(|(c, s)| c.by_symbol(s)));
        let e = errcat_lookup(cat_p, sym_p);
        check_entry(e, core_cat.zip(sym_s).and_then(|(c, s)| c.lookup(s)));

        let c = errcat_catalog_get(cat_p);
        assert_eq!(c.is_null(), core_cat.is_none());
        if !c.is_null() {
            assert_eq!(text(errcat_catalog_id(c)), cat_s);
            check_entry(errcat_catalog_lookup_code(c, n), want);
            let count = errcat_catalog_entry_count(c);
            let i = (n as u64 as usize) % (count + 2);
            let e = errcat_catalog_entry_at(c, i);
            check_entry(e, core_cat.unwrap().entries.get(i));
        }
        let _ = text(errcat_catalog_description(errcat_catalog_at(n as usize)));
        let _ = text(errcat_kind_name(n as i32));
        let _ = errcat_kind_http_status(n as i32);
        let _ = text(errcat_status_reason(n as i32));

        // Decoding: the payload with its own length, or one of the
        // documented bad-argument shapes.
        let mut out: *mut errcat_error = ptr::null_mut();
        let status = match (flags >> 2) & 3 {
            // NULL bytes with a length: refused, nothing read.
            1 if !payload.is_empty() => errcat_decode(cat_p, ptr::null(), payload.len(), &mut out),
            // A length past the limit: refused before anything is read
            // (the buffer is far shorter than the length).
            2 => errcat_decode(
                cat_p,
                payload.as_ptr(),
                MAX_PAYLOAD_BYTES + 1 + (n as u16 as usize),
                &mut out,
            ),
            // No place for the result.
            3 => errcat_decode(cat_p, payload.as_ptr(), payload.len(), ptr::null_mut()),
            _ => errcat_decode(cat_p, payload.as_ptr(), payload.len(), &mut out),
        };
        check_last_error(status);
        assert_eq!(status == errcat_status::ERRCAT_STATUS_OK, !out.is_null());
        if (flags >> 2) & 3 == 0 || ((flags >> 2) & 3 == 1 && payload.is_empty()) {
            let core = match cat_s {
                Some(id) => Some(errcat::decode(id, payload)),
                None => None,
            };
            match (status, &core) {
                (errcat_status::ERRCAT_STATUS_OK, Some(Ok(api))) => check_error(out, api),
                (s, Some(Err(e))) => assert_eq!(s, status_of(e), "C says {s:?}, Rust says {e:?}"),
                (errcat_status::ERRCAT_STATUS_NULL_ARGUMENT, None) => assert!(flags & 1 != 0),
                (
                    errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT
                    | errcat_status::ERRCAT_STATUS_UNKNOWN_CATALOG,
                    None,
                ) => {}
                (s, c) => panic!("C says {s:?}, Rust says {c:?}"),
            }
            if !out.is_null() {
                let mut info = std::mem::zeroed::<errcat_user_info>();
                let _ = errcat_error_user_info_get(out, sym_p, &mut info);
                let _ = errcat_error_user_info_get(out, sym_p, ptr::null_mut());
                let _ = errcat_error_user_info_at(out, n as usize, &mut info);
            }
        }
        errcat_error_free(out);
        errcat_error_free(ptr::null_mut());

        // Lookups on the catalog handle.
        if !c.is_null() {
            let core = core_cat.unwrap();
            let e = errcat_catalog_lookup(c, sym_p);
            check_entry(e, sym_s.and_then(|s| core.lookup(s)));
            let e = errcat_catalog_lookup_symbol(c, sym_p);
            check_entry(e, sym_s.and_then(|s| core.by_symbol(s)));
        }

        // Search: the total is the core's, the first hits are its first.
        let mut total = usize::MAX;
        let mut hits = [ptr::null(); 2];
        let status = errcat_search(sym_p, hits.as_mut_ptr(), hits.len(), &mut total);
        check_last_error(status);
        match sym_s {
            Some(s) => {
                assert_eq!(status, errcat_status::ERRCAT_STATUS_OK);
                let want = errcat::search(s);
                assert_eq!(total, want.len());
                for (h, w) in hits.iter().zip(&want) {
                    check_entry(*h, Some(w.entry));
                }
            }
            None => assert!(status != errcat_status::ERRCAT_STATUS_OK && total == 0),
        }

        // error_for: an error exactly when the forgiving lookup finds one.
        let mut made: *mut errcat_error = ptr::null_mut();
        let status = errcat_error_for(cat_p, sym_p, &mut made);
        check_last_error(status);
        let want = core_cat.zip(sym_s).and_then(|(c, s)| c.lookup(s));
        assert_eq!(status == errcat_status::ERRCAT_STATUS_OK, want.is_some());
        assert_eq!(made.is_null(), want.is_none());
        if let Some(w) = want {
            check_entry(errcat_error_entry(made), Some(w));
            assert!(errcat_error_server_message(made).is_null());
        }
        errcat_error_free(made);

        // The payload as a user catalog (bit 4; bit 5: JSON), agreeing with
        // the core, then used and freed.
        if flags & 16 != 0 {
            let (format, core_format) = if flags & 32 != 0 {
                (ERRCAT_FORMAT_JSON, errcat::Format::Json)
            } else {
                (ERRCAT_FORMAT_TOML, errcat::Format::Toml)
            };
            let mut cat: *mut errcat_catalog = ptr::null_mut();
            let status = errcat_parse_catalog(payload.as_ptr(), payload.len(), format, &mut cat);
            check_last_error(status);
            let core = errcat::parse_catalog(payload, core_format, "<bytes>");
            if status == errcat_status::ERRCAT_STATUS_OK {
                let core = core.expect("C loaded a catalog the core refuses");
                assert_eq!(errcat_catalog_entry_count(cat), core.entries.len());
                check_entry(errcat_catalog_lookup_code(cat, n), core.by_code(n));
                check_entry(
                    errcat_catalog_lookup(cat, sym_p),
                    sym_s.and_then(|s| core.lookup(s)),
                );
                let mut err: *mut errcat_error = ptr::null_mut();
                let st = errcat_catalog_decode(
                    cat,
                    sym_c.as_ptr().cast(),
                    sym_c.as_bytes().len(),
                    &mut err,
                );
                check_last_error(st);
                errcat_catalog_free(cat);
                // The error keeps the catalog alive.
                let _ = text(errcat_catalog_id(errcat_error_catalog(err)));
                let _ = text(errcat_entry_symbol(errcat_error_entry(err)));
                errcat_error_free(err);
            } else {
                assert!(cat.is_null());
                assert_eq!(status, errcat_status::ERRCAT_STATUS_INVALID_CATALOG);
            }
        }

        // Every accessor takes NULL.
        assert!(text(errcat_error_message(ptr::null())).is_none());
        assert_eq!(errcat_error_user_info_count(ptr::null()), 0);
        assert!(!errcat_error_minor(ptr::null(), ptr::null_mut()));
        assert!(text(errcat_entry_symbol(ptr::null())).is_none());
        assert_eq!(errcat_entry_cause_count(ptr::null()), 0);
        assert!(text(errcat_entry_cause_at(ptr::null(), n as usize)).is_none());
    }
});

fn status_of(e: &DecodeError) -> errcat_status {
    match e {
        DecodeError::UnknownCatalog(_) => errcat_status::ERRCAT_STATUS_UNKNOWN_CATALOG,
        DecodeError::TooLarge(_) => errcat_status::ERRCAT_STATUS_TOO_LARGE,
        DecodeError::Empty => errcat_status::ERRCAT_STATUS_EMPTY,
        DecodeError::InvalidUtf8(_) => errcat_status::ERRCAT_STATUS_INVALID_UTF8,
        DecodeError::Malformed(_) => errcat_status::ERRCAT_STATUS_MALFORMED,
        DecodeError::MissingCode => errcat_status::ERRCAT_STATUS_MISSING_CODE,
    }
}

/// A C entry pointer against the core's entry: same row, and every
/// accessor returns valid data.
unsafe fn check_entry(e: *const errcat_entry, want: Option<&errcat::Entry>) {
    let Some(w) = want else {
        assert!(e.is_null(), "C found an entry the core does not");
        return;
    };
    assert!(!e.is_null(), "C missed entry {}", w.symbol);
    unsafe {
        assert_eq!(errcat_entry_code(e), w.code);
        assert_eq!(text(errcat_entry_symbol(e)), Some(w.symbol.as_ref()));
        assert_eq!(text(errcat_entry_type_name(e)), Some(w.type_name.as_ref()));
        assert_eq!(text(errcat_entry_message(e)), Some(w.message.as_ref()));
        assert_eq!(text(errcat_entry_category(e)), Some(w.category.as_ref()));
        let _ = text(errcat_entry_category_name(e));
        assert_eq!(errcat_entry_kind(e) as i32, i32::from(w.kind.grpc_code()));
        assert_eq!(text(errcat_entry_kind_name(e)), Some(w.kind.as_str()));
        assert_eq!(errcat_entry_http_status(e), w.http_status);
        assert_eq!(errcat_entry_retryable(e), w.retryable);
        assert_eq!(errcat_entry_wait_required(e), w.wait_required);
        assert_eq!(errcat_entry_server_only(e), w.server_only);
        assert_eq!(errcat_entry_deprecated(e), w.deprecated());
        let _ = text(errcat_entry_deprecated_since(e));
        let _ = text(errcat_entry_replaced_by(e));
        let _ = text(errcat_entry_deprecation_note(e));
        assert_eq!(text(errcat_entry_reaction(e)), w.reaction.as_deref());
        assert_eq!(text(errcat_entry_request(e)), w.request.as_deref());
        assert_eq!(text(errcat_entry_doc_url(e)), w.doc_url.as_deref());
        assert!(!errcat_entry_catalog(e).is_null());
        assert_eq!(errcat_entry_cause_count(e), w.causes.len());
        for i in 0..=w.causes.len() {
            assert_eq!(
                text(errcat_entry_cause_at(e, i)),
                w.causes.get(i).map(|c| c.as_ref())
            );
        }
        assert_eq!(errcat_entry_alias_count(e), w.aliases.len());
        for i in 0..=w.aliases.len() {
            assert_eq!(
                text(errcat_entry_alias_at(e, i)),
                w.aliases.get(i).map(|c| c.as_ref())
            );
        }
        assert_eq!(errcat_entry_minor_code_count(e), w.minor_codes.len());
        for i in 0..=w.minor_codes.len() {
            let (mut code, mut detail, mut reaction) = (0i64, ptr::null(), ptr::null());
            let ok = errcat_entry_minor_code_at(e, i, &mut code, &mut detail, &mut reaction);
            match w.minor_codes.get(i) {
                Some(m) => {
                    assert!(ok);
                    assert_eq!(code, m.code);
                    assert_eq!(text(detail), m.detail.as_deref());
                    assert_eq!(text(reaction), m.reaction.as_deref());
                    assert_eq!(
                        text(errcat_entry_minor_detail(e, m.code)),
                        m.detail.as_deref()
                    );
                }
                None => assert!(!ok),
            }
            let _ =
                errcat_entry_minor_code_at(e, i, ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        }
    }
}

/// A decoded C error against the core's decode of the same payload.
unsafe fn check_error(e: *mut errcat_error, api: &errcat::ApiError) {
    unsafe {
        assert_eq!(errcat_error_is_unknown(e), api.is_unknown());
        check_entry(errcat_error_entry(e), api.entry());
        assert!(!errcat_error_catalog(e).is_null());
        assert_eq!(errcat_error_code(e), api.code());
        // Strings the server sent may hold U+0000: C sees them up to the
        // first NUL, the `_len` accessors give the whole length.
        let upto_nul = |s: &str| s.split('\0').next().unwrap().to_string();
        assert_eq!(
            text(errcat_error_symbol(e)).map(str::to_string),
            Some(upto_nul(api.symbol()))
        );
        assert_eq!(
            errcat_error_kind(e) as i32,
            i32::from(api.kind().grpc_code())
        );
        assert_eq!(text(errcat_error_kind_name(e)), Some(api.kind().as_str()));
        assert_eq!(errcat_error_http_status(e), api.http_status());
        assert_eq!(errcat_error_retryable(e), api.retryable());
        let message = api.message();
        assert_eq!(errcat_error_message_len(e), message.len());
        let p = errcat_error_message(e);
        assert_eq!(
            std::slice::from_raw_parts(p as *const u8, message.len() + 1),
            [message.as_bytes(), &[0]].concat()
        );
        match api.server_message() {
            Some(m) => {
                assert_eq!(errcat_error_server_message_len(e), m.len());
                assert_eq!(
                    text(errcat_error_server_message(e)).map(str::to_string),
                    Some(upto_nul(m))
                );
            }
            None => assert!(errcat_error_server_message(e).is_null()),
        }
        assert_eq!(
            text(errcat_error_raw_code(e)).map(str::to_string),
            Some(upto_nul(&api.raw_code().to_string()))
        );
        let mut v = 0i64;
        assert_eq!(errcat_error_minor(e, &mut v), api.minor().is_some());
        if let Some(m) = api.minor() {
            assert_eq!(v, m);
        }
        assert_eq!(text(errcat_error_minor_detail(e)), api.minor_detail());
        assert_eq!(text(errcat_error_reaction(e)), api.reaction());
        let mut ms = 0u64;
        assert_eq!(
            errcat_error_retry_after_ms(e, &mut ms),
            api.retry_after_ms().is_some()
        );
        assert_eq!(
            api.retry_after_ms().unwrap_or(0),
            if api.retry_after_ms().is_some() {
                ms
            } else {
                0
            }
        );
        assert_eq!(
            text(errcat_error_missing_permission(e)).map(str::to_string),
            api.missing_permission().map(upto_nul)
        );
        let mut w = 0i64;
        assert_eq!(errcat_error_wait(e, &mut w), api.wait().is_some());
        let ns = api.ns_error();
        assert_eq!(text(errcat_error_ns_domain(e)), Some(ns.domain.as_str()));
        assert_eq!(errcat_error_ns_code(e), ns.code);
        let info = ns.user_info();
        assert_eq!(errcat_error_user_info_count(e), info.len());
        for (i, (k, v)) in info.iter().enumerate() {
            let mut u = std::mem::zeroed::<errcat_user_info>();
            assert!(errcat_error_user_info_at(e, i, &mut u));
            assert_eq!(text(u.key), Some(*k));
            match v {
                errcat::nserror::UserInfoValue::Str(s) => {
                    assert_eq!(u.value_type, errcat_value_type::ERRCAT_VALUE_STRING);
                    assert_eq!(u.string_len, s.len());
                    assert_eq!(
                        std::slice::from_raw_parts(u.string as *const u8, s.len()),
                        s.as_bytes()
                    );
                }
                errcat::nserror::UserInfoValue::Int(n) => {
                    assert_eq!(u.value_type, errcat_value_type::ERRCAT_VALUE_INT);
                    assert_eq!(u.integer, *n);
                }
                errcat::nserror::UserInfoValue::Bool(b) => {
                    assert_eq!(u.value_type, errcat_value_type::ERRCAT_VALUE_BOOL);
                    assert_eq!(u.boolean, *b);
                }
            }
            let key = CString::new(*k).unwrap();
            let mut g = std::mem::zeroed::<errcat_user_info>();
            assert!(errcat_error_user_info_get(e, key.as_ptr(), &mut g));
            assert_eq!(g.key, u.key);
        }
        assert!(!errcat_error_user_info_at(e, info.len(), ptr::null_mut()));
    }
}
