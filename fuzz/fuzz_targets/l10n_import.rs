//! Reading hostile translation files (`errcat l10n import`).
//!
//! Byte 0 picks the format (`% 4`: xcstrings, android, xliff, json) and
//! whether a locale is given (`& 4`: `fr`); the rest is the file.
//!
//! Invariants, besides "never panics": an import either fails with at least
//! one problem, each short and naming the file, or gives overlays that each
//! validate against their catalog, hold only keys of it, and export and
//! import again to equal overlays (the round trip the CLI promises).

#![no_main]

use errcat_tooling::l10n::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, file)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(sel % 4)];
    let locale = (sel & 4 != 0).then_some("fr");
    let cats: Vec<&errcat::Catalog> = errcat::catalogs().collect();
    match l10n::import(format, file, "fuzz", &cats, locale) {
        Err(e) => {
            assert!(!e.problems.is_empty(), "a refusal without a problem");
            for p in &e.problems {
                assert_eq!(p.file, "fuzz");
                assert!(p.problem.len() < 4096, "problem of {} bytes", p.problem.len());
            }
        }
        Ok(overlays) => {
            for o in &overlays {
                let cat = errcat::catalog(&o.catalog).expect("an imported overlay names a built-in catalog");
                o.validate(cat, "fuzz").expect("an imported overlay validates");
                if let Some(l) = locale {
                    assert_eq!(o.locale, l);
                }
                // Export it and read it back: the same overlay.
                let Ok(text) = l10n::export(format, &o.locale, &[(cat, Some(o))]) else {
                    continue; // e.g. the base language in a format that refuses it
                };
                let back = l10n::import(format, text.as_bytes(), "rt", &[cat], Some(&o.locale))
                    .expect("an export reads back");
                let again = back
                    .iter()
                    .find(|b| b.catalog == o.catalog)
                    .expect("the catalog comes back");
                assert_eq!(again, o, "round trip changed the overlay");
            }
        }
    }
});
