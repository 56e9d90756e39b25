//! Many threads using the core at once: looking up, searching, decoding and
//! loading catalogs, all started together, every answer checked against the
//! one computed on the main thread before any other thread ran.
//!
//! The built-in tables are immutable statics and a loaded catalog is
//! immutable behind an `Arc`, so this should hold by construction; the test
//! keeps it that way (a cache or lazy index added later must stay
//! thread-safe), and scripts/test-fuzz.sh also runs it under Miri and
//! ThreadSanitizer, which see data races that a passing run cannot.
//!
//! The inputs come from the shared vectors and the catalog files, compiled
//! in (no file IO, so Miri can run it too).

mod common;

use errcat::{ApiError, Catalog, CatalogRef, DecodeError, Format};
use serde_json::Value;
use std::sync::{Arc, Barrier};
use std::thread;

#[cfg(not(miri))]
const VECTORS: [&str; 3] = [
    include_str!("../../tests/vectors/lookup.json"),
    include_str!("../../tests/vectors/decode.json"),
    include_str!("../../tests/vectors/hostile.json"),
];
// hostile.json's payloads run under Miri in tests/miri_subset.rs.
#[cfg(miri)]
const VECTORS: [&str; 2] = [
    include_str!("../../tests/vectors/lookup.json"),
    include_str!("../../tests/vectors/decode.json"),
];

const SOURCES: [(&str, &str); 5] = [
    ("securechat", include_str!("../catalogs/securechat.toml")),
    ("messenger", include_str!("../catalogs/messenger.toml")),
    ("spaces", include_str!("../catalogs/spaces.toml")),
    ("rtc", include_str!("../catalogs/rtc.toml")),
    ("chatapi", include_str!("../catalogs/chatapi.toml")),
];

/// Miri is ~1000x slower: fewer threads and rounds, same code paths.
const THREADS: usize = if cfg!(miri) { 3 } else { 8 };
const ROUNDS: usize = if cfg!(miri) { 1 } else { 20 };
/// The catalogs loaded from their files (parsing TOML under Miri is slow:
/// there, only the smallest).
const LOADED: &[usize] = if cfg!(miri) { &[3] } else { &[0, 1, 2, 3, 4] };
/// Payloads bigger than this (the 1 MiB and 100 MB hostile cases) are left
/// to the single-threaded vector test.
const MAX_PAYLOAD: usize = if cfg!(miri) { 4096 } else { 2 * 1024 * 1024 };

/// A user catalog small enough for Miri; `CODE` is replaced per thread.
const TINY_JSON: &str = r#"{"catalog":{"id":"mine","name":"Mine","wire":"string"},
  "category":[{"id":"c","name":"C"}],
  "entry":[{"code":CODE,"symbol":"SLOW_DOWN","message":"Slow down","category":"c","kind":"resource_exhausted"}]}"#;

/// Everything the test asks, and what the main thread answered.
struct Work {
    lookups: Vec<(String, String, Option<(i64, String)>)>,
    searches: Vec<(String, Vec<(String, i64)>)>,
    decodes: Vec<(String, Vec<u8>, String)>,
}

/// A decode result as text: every observable field, so two results compare
/// equal exactly when they are the same answer.
fn describe(r: &Result<ApiError, DecodeError>) -> String {
    match r {
        Ok(e) => format!(
            "ok {} {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            e.code(),
            e.symbol(),
            e.is_unknown(),
            e.raw_code(),
            e.message(),
            e.minor_detail(),
            e.reaction(),
            e.retry_after_ms(),
            e.missing_permission(),
            e.ns_error().user_info(),
        ),
        Err(e) => format!("err {e}"),
    }
}

/// Search across every catalog (under Miri, one small catalog: lower-casing
/// every text of the table takes minutes there).
fn search_result(q: &str) -> Vec<(String, i64)> {
    if cfg!(miri) {
        let rtc = errcat::catalog("rtc").unwrap();
        return rtc
            .search(q)
            .iter()
            .map(|e| (rtc.id.to_string(), e.code))
            .collect();
    }
    errcat::search(q)
        .iter()
        .map(|h| (h.catalog.id.to_string(), h.entry.code))
        .collect()
}

/// The questions, answered once on this thread.
fn work() -> Work {
    let mut w = Work {
        lookups: Vec::new(),
        searches: Vec::new(),
        decodes: Vec::new(),
    };
    let docs: Vec<Value> = VECTORS
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
    for doc in &docs {
        for case in doc["lookups"].as_array().into_iter().flatten() {
            let cat = case["catalog"].as_str().unwrap().to_string();
            let q = case["query"].as_str().unwrap().to_string();
            let r = errcat::lookup(&cat, &q)
                .ok()
                .map(|e| (e.code, e.symbol.to_string()));
            w.lookups.push((cat, q, r));
        }
        for case in doc["decodes"].as_array().into_iter().flatten() {
            let cat = case["catalog"].as_str().unwrap().to_string();
            if let Some(p) = common::payload(case, MAX_PAYLOAD) {
                let r = describe(&errcat::decode(&cat, &p));
                w.decodes.push((cat, p, r));
            }
        }
    }
    // Every entry by code and by a forgiving spelling of its symbol (a
    // sample under Miri).
    let step = if cfg!(miri) { 37 } else { 1 };
    for c in errcat::catalogs() {
        for e in c.entries.iter().step_by(step) {
            w.lookups.push((
                c.id.to_string(),
                e.code.to_string(),
                Some((e.code, e.symbol.to_string())),
            ));
            w.lookups.push((
                c.id.to_string(),
                e.symbol.to_lowercase(),
                Some((e.code, e.symbol.to_string())),
            ));
        }
    }
    let queries: &[&str] = if cfg!(miri) {
        &["media"]
    } else {
        &[
            "rate",
            "not found",
            "token expired",
            "file",
            "RATE_LIMITED",
            "",
            "zzzz",
        ]
    };
    for q in queries {
        w.searches.push((q.to_string(), search_result(q)));
    }
    w
}

fn load(i: usize) -> Catalog {
    let (id, text) = SOURCES[i];
    errcat::parse_catalog(text.as_bytes(), Format::Toml, &format!("{id}.toml")).unwrap()
}

#[test]
fn types_shared_between_threads_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Catalog>();
    check::<CatalogRef>();
    check::<ApiError>();
    check::<DecodeError>();
    check::<errcat::CatalogError>();
    check::<errcat::LookupError>();
    check::<errcat::NsErrorView>();
}

#[test]
fn many_threads_look_up_search_decode_and_load_at_once() {
    let work = Arc::new(work());
    assert!(work.lookups.len() > 40 && work.decodes.len() > 30);
    // One loaded catalog shared by every thread, beside the ones each
    // thread loads for itself.
    let shared: Arc<Vec<Option<Arc<Catalog>>>> = Arc::new(
        (0..5)
            .map(|i| LOADED.contains(&i).then(|| Arc::new(load(i))))
            .collect(),
    );
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let (work, shared, start) = (work.clone(), shared.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                let mut checked = 0usize;
                for round in 0..ROUNDS {
                    // Threads walk the work in different orders.
                    let k = t + round;
                    for i in 0..work.lookups.len() {
                        let (cat, q, want) = &work.lookups[(i * 7 + k) % work.lookups.len()];
                        let got = errcat::lookup(cat, q)
                            .ok()
                            .map(|e| (e.code, e.symbol.to_string()));
                        assert_eq!(&got, want, "thread {t}: lookup {cat} {q:?}");
                        checked += 1;
                    }
                    for (cat, p, want) in work.decodes.iter().rev().skip(k % 3) {
                        assert_eq!(
                            &describe(&errcat::decode(cat, p)),
                            want,
                            "thread {t}: decode {cat}"
                        );
                        // The same payload against the shared loaded copy.
                        let i = errcat::CATALOG_IDS.iter().position(|c| *c == cat.as_str());
                        if let Some(loaded) = i.and_then(|i| shared[i].clone()) {
                            let r = errcat::decode_with(CatalogRef::Loaded(loaded), p);
                            assert_eq!(&describe(&r), want, "thread {t}: decode_with {cat}");
                            // Errors travel between threads.
                            if let Ok(e) = r {
                                let moved = thread::scope(|s| s.spawn(move || e).join().unwrap());
                                assert_eq!(&describe(&Ok(moved)), want);
                            }
                        }
                        checked += 1;
                    }
                    for (q, want) in &work.searches {
                        assert_eq!(&search_result(q), want, "thread {t}: search {q:?}");
                        checked += 1;
                    }
                    // Each thread loads a catalog of its own, and it answers
                    // like the built-in one.
                    // Each thread loads a catalog of its own, and it answers
                    // like the built-in one. (Under Miri, a small JSON
                    // catalog: parsing a whole TOML file per thread takes
                    // minutes there.)
                    if cfg!(miri) {
                        let mine = errcat::parse_catalog(
                            TINY_JSON.replace("CODE", &t.to_string()).as_bytes(),
                            Format::Json,
                            "mine.json",
                        )
                        .unwrap();
                        assert_eq!(mine.lookup(&t.to_string()).unwrap().symbol, "SLOW_DOWN");
                        assert_eq!(mine.lookup("slow down").unwrap().code, t as i64);
                        checked += 1;
                    } else if round % 5 == 0 {
                        let i = LOADED[(t + round) % LOADED.len()];
                        let mine = load(i);
                        let builtin = errcat::catalogs().nth(i).unwrap();
                        assert_eq!(
                            mine.entries, builtin.entries,
                            "thread {t}: load {}",
                            SOURCES[i].0
                        );
                        let loaded = shared[i].as_ref().unwrap();
                        for e in builtin.entries.iter() {
                            assert_eq!(mine.by_code(e.code), Some(e));
                            assert_eq!(loaded.by_symbol(&e.symbol), Some(e));
                        }
                        checked += 1;
                    }
                }
                checked
            })
        })
        .collect();
    let total: usize = handles
        .into_iter()
        .map(|h| h.join().expect("a thread panicked"))
        .sum();
    println!("{THREADS} threads, {total} checked answers");
    assert!(total >= THREADS * ROUNDS * 50);
}
