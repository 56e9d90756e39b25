//! The C entry points called from Rust exactly as C calls them, for Miri
//! (scripts/test-fuzz.sh runs this file under `cargo +nightly miri test`).
//!
//! The C ABI crate is where errcat's `unsafe` code lives: raw pointers in
//! and out, C strings, a boxed error handed to C and freed by it, the
//! per-thread last error. Miri checks each of those steps for undefined
//! behaviour (out-of-bounds or dangling reads, use after free, leaks,
//! aliasing violations, data races), which the C tests and valgrind only
//! see when they happen to crash or leak. ffi/'s own Rust tests check the
//! static table; this file drives the functions themselves. It stays small
//! (Miri is ~1000x slower than native code) and touches every function.

use errcat_ffi::*;
use std::ffi::{c_char, CStr};
use std::ptr;

unsafe fn text<'a>(p: *const c_char) -> Option<&'a str> {
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap())
}

fn last_error() -> (errcat_status, Option<String>) {
    let m = unsafe { text(errcat_last_error_message()) }.map(str::to_string);
    (errcat_last_error_status(), m)
}

#[test]
fn lookups_and_every_entry_accessor() {
    unsafe {
        let e = errcat_lookup_code(c"rtc".as_ptr(), 102);
        assert_eq!(text(errcat_entry_symbol(e)), Some("userNotFound"));
        assert_eq!(errcat_entry_code(e), 102);
        assert_eq!(text(errcat_entry_kind_name(e)), Some("not_found"));
        assert_eq!(errcat_entry_kind(e), errcat_kind::ERRCAT_KIND_NOT_FOUND);
        assert_eq!(errcat_entry_http_status(e), 404);
        assert!(!errcat_entry_retryable(e));
        let _ = (
            errcat_entry_wait_required(e),
            errcat_entry_server_only(e),
            errcat_entry_deprecated(e),
        );
        for f in [
            errcat_entry_type_name,
            errcat_entry_message,
            errcat_entry_category,
            errcat_entry_category_name,
            errcat_entry_deprecated_since,
            errcat_entry_replaced_by,
            errcat_entry_deprecation_note,
            errcat_entry_reaction,
            errcat_entry_request,
            errcat_entry_doc_url,
        ] {
            let _ = text(f(e));
            assert!(f(ptr::null()).is_null());
        }
        let n = errcat_entry_cause_count(e);
        assert!(n >= 1);
        for i in 0..n {
            assert!(text(errcat_entry_cause_at(e, i)).is_some());
        }
        assert!(errcat_entry_cause_at(e, n).is_null());
        assert!(errcat_entry_alias_at(e, errcat_entry_alias_count(e)).is_null());
        assert_eq!(
            text(errcat_catalog_id(errcat_entry_catalog(e))),
            Some("rtc")
        );

        // Minor codes, with each out pointer NULL or not.
        let e = errcat_lookup_symbol(c"messenger".as_ptr(), c"MESSAGE_TOO_LONG".as_ptr());
        let e = if e.is_null() {
            errcat_lookup_code(c"messenger".as_ptr(), 203)
        } else {
            e
        };
        assert!(!e.is_null());
        let count = errcat_entry_minor_code_count(e);
        assert!(count > 0);
        let (mut code, mut detail, mut reaction) = (0i64, ptr::null(), ptr::null());
        assert!(errcat_entry_minor_code_at(
            e,
            0,
            &mut code,
            &mut detail,
            &mut reaction
        ));
        let _ = (text(detail), text(reaction));
        assert_eq!(text(errcat_entry_minor_detail(e, code)), text(detail));
        assert!(errcat_entry_minor_code_at(
            e,
            0,
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut()
        ));
        assert!(!errcat_entry_minor_code_at(
            e,
            count,
            &mut code,
            ptr::null_mut(),
            ptr::null_mut()
        ));

        // Forgiving query, catalogs by index and id.
        let e = errcat_lookup(c"spaces".as_ptr(), c"rate-limited".as_ptr());
        assert_eq!(text(errcat_entry_symbol(e)), Some("RATE_LIMITED"));
        assert_eq!(errcat_catalog_count(), 5);
        let c = errcat_catalog_at(2);
        assert_eq!(text(errcat_catalog_id(c)), Some("spaces"));
        assert!(errcat_catalog_at(5).is_null());
        assert_eq!(errcat_catalog_get(c"spaces".as_ptr()), c);
        let _ = (text(errcat_catalog_name(c)), text(errcat_catalog_domain(c)));
        let _ = (
            text(errcat_catalog_wire(c)),
            text(errcat_catalog_description(c)),
        );
        let n = errcat_catalog_entry_count(c);
        assert!(!errcat_catalog_entry_at(c, n - 1).is_null());
        assert!(errcat_catalog_entry_at(c, n).is_null());
        assert_eq!(errcat_catalog_lookup_code(c, errcat_entry_code(e)), e);
        assert_eq!(text(errcat_kind_name(5)), Some("not_found"));
        assert!(errcat_kind_name(17).is_null() && errcat_kind_name(-1).is_null());
        assert_eq!(errcat_kind_http_status(8), 429);
        assert_eq!(text(errcat_status_reason(5)), Some("too_large"));
        assert_eq!(text(errcat_status_reason(11)), Some("invalid_catalog"));
        assert!(errcat_status_reason(12).is_null());
    }
}

#[test]
fn bad_arguments_are_values() {
    unsafe {
        errcat_clear_last_error();
        assert_eq!(last_error(), (errcat_status::ERRCAT_STATUS_OK, None));
        assert!(errcat_lookup_code(ptr::null(), 102).is_null());
        assert_eq!(last_error().0, errcat_status::ERRCAT_STATUS_NULL_ARGUMENT);
        assert!(errcat_lookup_code(c"\xff\xfe".as_ptr(), 102).is_null());
        assert_eq!(
            last_error().0,
            errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT
        );
        assert!(errcat_lookup_code(c"RTC".as_ptr(), 102).is_null());
        let (status, msg) = last_error();
        assert_eq!(status, errcat_status::ERRCAT_STATUS_UNKNOWN_CATALOG);
        assert!(msg.unwrap().contains("RTC"));
        assert!(errcat_lookup_code(c"rtc".as_ptr(), i64::MIN).is_null());
        assert_eq!(last_error().0, errcat_status::ERRCAT_STATUS_UNKNOWN_CODE);
        assert!(errcat_lookup_symbol(c"rtc".as_ptr(), ptr::null()).is_null());
        assert!(errcat_lookup_symbol(c"rtc".as_ptr(), c"user\xc0NotFound".as_ptr()).is_null());
        assert_eq!(
            last_error().0,
            errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT
        );
        // A long hostile query: the message is cut, still NUL-terminated UTF-8.
        let long = format!("{}\0", "é".repeat(300));
        assert!(errcat_lookup(c"rtc".as_ptr(), long.as_ptr().cast()).is_null());
        let msg = last_error().1.unwrap();
        assert!(msg.len() < ERRCAT_LAST_ERROR_CAPACITY);
        assert!(errcat_catalog_entry_at(ptr::null(), 0).is_null());
        assert!(errcat_catalog_lookup_code(ptr::null(), 1).is_null());
        assert_eq!(errcat_catalog_entry_count(ptr::null()), 0);
        assert!(errcat_catalog_get(ptr::null()).is_null());
        assert_eq!(errcat_entry_code(ptr::null()), 0);
        assert_eq!(errcat_entry_minor_code_count(ptr::null()), 0);
        errcat_clear_last_error();
        assert!(errcat_last_error_message().is_null());
    }
}

/// Every decode outcome, every error accessor, and the free.
#[test]
fn decode_accessors_and_free() {
    unsafe {
        let mut out: *mut errcat_error = ptr::null_mut();
        let p = br#"{"major":203,"minor":32,"wait":30,"message":"slow\u0000down"}"#;
        let s = errcat_decode(c"messenger".as_ptr(), p.as_ptr(), p.len(), &mut out);
        assert_eq!(s, errcat_status::ERRCAT_STATUS_OK);
        assert!(!errcat_error_is_unknown(out));
        assert_eq!(errcat_error_code(out), 203);
        assert!(!errcat_error_entry(out).is_null());
        assert!(!errcat_error_catalog(out).is_null());
        // The server's text is kept whole: C sees it up to the NUL, the
        // length says 10 bytes.
        assert_eq!(text(errcat_error_server_message(out)), Some("slow"));
        assert_eq!(errcat_error_server_message_len(out), 9);
        assert_eq!(errcat_error_message_len(out), 9);
        let _ = (
            text(errcat_error_message(out)),
            text(errcat_error_symbol(out)),
        );
        let _ = (
            text(errcat_error_kind_name(out)),
            text(errcat_error_raw_code(out)),
        );
        let _ = (
            text(errcat_error_minor_detail(out)),
            text(errcat_error_reaction(out)),
        );
        let _ = (
            text(errcat_error_missing_permission(out)),
            text(errcat_error_ns_domain(out)),
        );
        let _ = (
            errcat_error_kind(out),
            errcat_error_http_status(out),
            errcat_error_retryable(out),
        );
        let (mut m, mut w, mut r) = (0i64, 0i64, 0u64);
        assert!(errcat_error_minor(out, &mut m) && m == 32);
        assert!(errcat_error_wait(out, &mut w) && w == 30);
        assert!(!errcat_error_retry_after_ms(out, &mut r));
        assert!(errcat_error_minor(out, ptr::null_mut()));
        assert_eq!(errcat_error_ns_code(out), 203);
        let n = errcat_error_user_info_count(out);
        assert!(n >= 5);
        for i in 0..n {
            let mut u = std::mem::zeroed::<errcat_user_info>();
            assert!(errcat_error_user_info_at(out, i, &mut u));
            let key = text(u.key).unwrap();
            if u.value_type == errcat_value_type::ERRCAT_VALUE_STRING {
                let bytes = std::slice::from_raw_parts(u.string.cast::<u8>(), u.string_len + 1);
                assert_eq!(bytes[u.string_len], 0);
            }
            let mut g = std::mem::zeroed::<errcat_user_info>();
            assert!(errcat_error_user_info_get(out, u.key, &mut g));
            assert_eq!(text(g.key), Some(key));
        }
        assert!(!errcat_error_user_info_at(out, n, ptr::null_mut()));
        assert!(!errcat_error_user_info_get(
            out,
            c"NoSuchKey".as_ptr(),
            ptr::null_mut()
        ));
        assert!(!errcat_error_user_info_get(
            out,
            ptr::null(),
            ptr::null_mut()
        ));
        errcat_error_free(out);

        // An unknown string code keeps the raw code.
        let p = br#"{"error":{"code":"SHINY_NEW","retry_after_ms":5}}"#;
        assert_eq!(
            errcat_decode(c"spaces".as_ptr(), p.as_ptr(), p.len(), &mut out),
            errcat_status::ERRCAT_STATUS_OK
        );
        assert!(errcat_error_is_unknown(out));
        assert!(errcat_error_entry(out).is_null());
        assert_eq!(text(errcat_error_raw_code(out)), Some("SHINY_NEW"));
        let mut r = 0u64;
        assert!(errcat_error_retry_after_ms(out, &mut r) && r == 5);
        errcat_error_free(out);

        // Failures: *out is NULL and the status says why.
        let cases: [(&[u8], usize, errcat_status); 6] = [
            (b"", 0, errcat_status::ERRCAT_STATUS_EMPTY),
            (b"   ", 3, errcat_status::ERRCAT_STATUS_EMPTY),
            (b"\xff", 1, errcat_status::ERRCAT_STATUS_INVALID_UTF8),
            (b"{\"code\":", 8, errcat_status::ERRCAT_STATUS_MALFORMED),
            (b"{}", 2, errcat_status::ERRCAT_STATUS_MISSING_CODE),
            // The length is checked before anything is read: the buffer is
            // 1 byte, Miri would report any read past it.
            (
                b"{",
                ERRCAT_MAX_PAYLOAD_BYTES + 1,
                errcat_status::ERRCAT_STATUS_TOO_LARGE,
            ),
        ];
        for (bytes, len, want) in cases {
            out = ptr::NonNull::dangling().as_ptr();
            assert_eq!(
                errcat_decode(c"rtc".as_ptr(), bytes.as_ptr(), len, &mut out),
                want
            );
            assert!(out.is_null());
            assert_eq!(last_error().0, want);
        }
        assert_eq!(
            errcat_decode(c"rtc".as_ptr(), ptr::null(), 0, &mut out),
            errcat_status::ERRCAT_STATUS_EMPTY
        );
        assert_eq!(
            errcat_decode(c"rtc".as_ptr(), ptr::null(), 4, &mut out),
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT
        );
        assert_eq!(
            errcat_decode(c"rtc".as_ptr(), b"1".as_ptr(), 1, ptr::null_mut()),
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT
        );
        assert_eq!(
            errcat_decode(c"nope".as_ptr(), b"1".as_ptr(), 1, &mut out),
            errcat_status::ERRCAT_STATUS_UNKNOWN_CATALOG
        );
        errcat_error_free(ptr::null_mut());
        // NULL errors everywhere.
        assert!(!errcat_error_is_unknown(ptr::null()));
        assert_eq!(errcat_error_code(ptr::null()), 0);
        assert!(errcat_error_symbol(ptr::null()).is_null());
        assert_eq!(errcat_error_user_info_count(ptr::null()), 0);
    }
}

/// Threads decoding at once, each reading its own last error, one error
/// shared for reading by several threads (documented as allowed) and freed
/// after: Miri reports any data race.
#[test]
fn threads() {
    struct Shared(*mut errcat_error);
    unsafe impl Send for Shared {}
    unsafe impl Sync for Shared {}
    let mut out = ptr::null_mut();
    let p = br#"{"code":102,"message":"m"}"#;
    assert_eq!(
        unsafe { errcat_decode(c"rtc".as_ptr(), p.as_ptr(), p.len(), &mut out) },
        errcat_status::ERRCAT_STATUS_OK
    );
    let shared = Shared(out);
    std::thread::scope(|s| {
        for t in 0..3 {
            let shared = &shared;
            s.spawn(move || unsafe {
                assert_eq!(errcat_error_code(shared.0), 102);
                assert_eq!(text(errcat_error_symbol(shared.0)), Some("userNotFound"));
                let bad = [b'{', b'0' + t as u8];
                let mut o = ptr::null_mut();
                let st = errcat_decode(c"rtc".as_ptr(), bad.as_ptr(), bad.len(), &mut o);
                assert_eq!(st, errcat_status::ERRCAT_STATUS_MALFORMED);
                assert_eq!(last_error().0, errcat_status::ERRCAT_STATUS_MALFORMED);
                let q = [b"x\0".as_slice(), b"rate_limited\0", b"-1\0"][t];
                let e = errcat_lookup(c"spaces".as_ptr(), q.as_ptr().cast());
                assert_eq!(e.is_null(), t != 1);
            });
        }
    });
    unsafe { errcat_error_free(out) };
}

/// A user catalog: built from owned storage with back pointers, reference
/// counted between its handle and the errors decoded from it, freed in
/// either order. Miri checks the raw-pointer construction and every free.
#[test]
fn user_catalogs_search_and_error_for() {
    const TOML: &[u8] = b"[catalog]\nid = \"acme\"\nname = \"Acme\"\nwire = \"int\"\n\
        [[category]]\nid = \"c\"\nname = \"C\"\n\
        [[entry]]\ncode = 7\nsymbol = \"JAMMED\"\nmessage = \"jammed\"\ncategory = \"c\"\n\
        kind = \"unavailable\"\naliases = [\"STUCK\"]\ncauses = [\"paper\"]\n\
        deprecated = { since = \"2\" }\n[[entry.minor]]\ncode = 1\ndetail = \"tray\"\n";
    unsafe {
        let mut cat: *mut errcat_catalog = ptr::null_mut();
        let st = errcat_parse_catalog(TOML.as_ptr(), TOML.len(), ERRCAT_FORMAT_TOML, &mut cat);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_OK, "{:?}", last_error());
        let e = errcat_catalog_lookup(cat, c"stuck".as_ptr());
        assert_eq!(text(errcat_entry_symbol(e)), Some("JAMMED"));
        assert_eq!(errcat_entry_catalog(e), cat as *const _);
        assert_eq!(errcat_catalog_lookup_code(cat, 7), e);
        assert_eq!(errcat_catalog_lookup_symbol(cat, c"JAMMED".as_ptr()), e);
        assert_eq!(text(errcat_entry_cause_at(e, 0)), Some("paper"));
        assert_eq!(text(errcat_entry_minor_detail(e, 1)), Some("tray"));
        assert_eq!(text(errcat_entry_deprecated_since(e)), Some("2"));
        let mut total = 0;
        let mut hit = ptr::null();
        let st = errcat_catalog_search(cat, c"paper".as_ptr(), &mut hit, 1, &mut total);
        assert_eq!((st, total, hit), (errcat_status::ERRCAT_STATUS_OK, 1, e));

        let mut err: *mut errcat_error = ptr::null_mut();
        let st = errcat_catalog_decode(cat, b"7".as_ptr(), 1, &mut err);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_OK);
        let mut made: *mut errcat_error = ptr::null_mut();
        let st = errcat_catalog_error_for(cat, c"jammed".as_ptr(), &mut made);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_OK);
        // The handle goes first; the errors keep the catalog alive.
        errcat_catalog_free(cat);
        assert_eq!(
            text(errcat_entry_symbol(errcat_error_entry(err))),
            Some("JAMMED")
        );
        assert_eq!(
            text(errcat_catalog_id(errcat_error_catalog(made))),
            Some("acme")
        );
        errcat_error_free(err);
        errcat_error_free(made);

        // The other order: errors first, then the handle.
        let st = errcat_parse_catalog(TOML.as_ptr(), TOML.len(), ERRCAT_FORMAT_TOML, &mut cat);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_OK);
        let st = errcat_catalog_decode(cat, b"8".as_ptr(), 1, &mut err);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_OK);
        assert!(errcat_error_is_unknown(err));
        errcat_error_free(err);
        errcat_catalog_free(cat);

        // A refused catalog, NULL, built-ins: nothing to free.
        let st = errcat_parse_catalog(b"x".as_ptr(), 1, ERRCAT_FORMAT_JSON, &mut cat);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_INVALID_CATALOG);
        assert!(cat.is_null());
        errcat_catalog_free(ptr::null_mut());
        errcat_catalog_free(errcat_catalog_get(c"rtc".as_ptr()) as *mut _);
        assert!(!errcat_lookup_code(c"rtc".as_ptr(), 102).is_null());

        // Search and error_for over the built-ins.
        let mut hits = [ptr::null(); 1];
        let st = errcat_search(c"RATE_LIMITED".as_ptr(), hits.as_mut_ptr(), 1, &mut total);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_OK);
        assert!(total >= 1 && !hits[0].is_null());
        let st = errcat_error_for(c"spaces".as_ptr(), c"rate-limited".as_ptr(), &mut made);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_OK);
        assert_eq!(errcat_error_entry(made), hits[0]);
        errcat_error_free(made);
        let st = errcat_error_for(c"spaces".as_ptr(), c"nope".as_ptr(), &mut made);
        assert_eq!(st, errcat_status::ERRCAT_STATUS_UNKNOWN_CODE);
        assert!(made.is_null());
    }
}
