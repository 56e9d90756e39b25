//! Localized texts: the pseudo-locale, locale fallback, overlay validation.

use errcat::l10n::PSEUDO_LOCALE as PSEUDO;
use errcat::l10n::{self, canonical_locale, parse_overlay, placeholders, pseudo_localize};
use errcat::Format;

#[test]
fn pseudo_locale_is_accented_bracketed_and_40_percent_longer() {
    let s = "Rate limit exceeded.";
    let p = pseudo_localize(s);
    assert_eq!(p, pseudo_localize(s), "deterministic");
    assert!(
        p.starts_with("[Ŕåţé ļîɱîţ éẋçééðéð.") && p.ends_with(']'),
        "{p}"
    );
    let (n, m) = (s.chars().count(), p.chars().count() - 2);
    assert!(m * 10 >= n * 14, "{m} chars for {n}");
    // Placeholders survive untouched.
    let q = pseudo_localize("Wait {seconds} s, then {action}.");
    assert_eq!(placeholders(&q), vec!["{action}", "{seconds}"]);
    assert!(!q.contains("Wait"));
}

#[test]
fn every_builtin_entry_has_en_xa_texts_for_lookup_and_decode() {
    for c in errcat::catalogs() {
        assert!(l10n::locales(&c.id).contains(&PSEUDO.to_string()));
        for e in c.entries.iter() {
            let t = l10n::texts(&c.id, e, &[PSEUDO]);
            assert_eq!(t.locale.as_deref(), Some(PSEUDO));
            assert_eq!(t.message, pseudo_localize(&e.message));
            assert_eq!(t.causes.len(), e.causes.len());
            assert_eq!(t.reaction.is_some(), e.reaction.is_some());
            for m in e.minor_codes.iter() {
                let (d, _) = t.minor(m.code).unwrap();
                assert_eq!(
                    d.map(str::to_string),
                    m.detail.as_deref().map(pseudo_localize)
                );
            }
            let err = errcat::error_for(&c.id, &e.code.to_string()).unwrap();
            assert_eq!(err.localized_message(&["en-XA"]), t.message);
            assert_eq!(err.localized_message(&["en-US"]), e.message.as_ref());
        }
    }
    // A decoded error: the overlay's text wins over the server's English.
    let err = errcat::decode(
        "spaces",
        br#"{"error":{"code":"RATE_LIMITED","message":"slow down"}}"#,
    )
    .unwrap();
    assert!(err.localized_message(&["en-XA"]).starts_with("[Ŕåţé"));
    assert_eq!(err.localized_message(&["fr"]), "slow down");
    // An unknown code has no entry to translate.
    let unknown = errcat::decode("spaces", br#"{"error":{"code":"NEW"}}"#).unwrap();
    assert!(unknown.localized(&["en-XA"]).is_none());
}

#[test]
fn locale_tags_are_canonical() {
    assert_eq!(canonical_locale("pt_br").as_deref(), Some("pt-BR"));
    assert_eq!(
        canonical_locale("ZH-hant-tw").as_deref(),
        Some("zh-Hant-TW")
    );
    assert_eq!(canonical_locale("en-xa").as_deref(), Some("en-XA"));
    for bad in [
        "",
        "e",
        "1a",
        "en--US",
        "en-",
        "toolongsubtag9",
        "fr-ç",
        "abcd",
    ] {
        assert_eq!(canonical_locale(bad), None, "{bad:?}");
    }
}

fn overlay_text(locale: &str, body: &str) -> Vec<u8> {
    format!("[overlay]\ncatalog = \"spaces\"\nlocale = \"{locale}\"\n\n{body}").into_bytes()
}

#[test]
fn fallback_goes_from_region_to_language_and_stops_at_english() {
    let o = parse_overlay(
        &overlay_text(
            "pt",
            "[entry.RATE_LIMITED]\nmessage = \"Limite excedido.\"\n",
        ),
        Format::Toml,
        "pt.toml",
    )
    .unwrap();
    l10n::register(o).unwrap();
    let e = errcat::lookup("spaces", "RATE_LIMITED").unwrap();
    let t = l10n::texts("spaces", e, &["pt-BR"]);
    assert_eq!(
        (t.locale.as_deref(), t.message.as_str()),
        (Some("pt"), "Limite excedido.")
    );
    // What the overlay lacks is the base text.
    assert_eq!(t.reaction.as_deref(), e.reaction.as_deref());
    let other = errcat::lookup("spaces", "FORBIDDEN").unwrap();
    assert_eq!(
        l10n::texts("spaces", other, &["pt"]).message,
        other.message.as_ref()
    );
    // English first means the base text, even with pt later in the list.
    assert_eq!(l10n::texts("spaces", e, &["en-GB", "pt"]).locale, None);
    // Unknown and malformed tags are skipped.
    assert_eq!(
        l10n::texts("spaces", e, &["??", "de", "pt_PT"])
            .locale
            .as_deref(),
        Some("pt")
    );
    // Other catalogs are untouched.
    let r = errcat::lookup("rtc", "102").unwrap();
    assert_eq!(l10n::texts("rtc", r, &["pt"]).locale, None);
    // Registering again replaces; the pseudo-locale cannot be replaced.
    let o2 = parse_overlay(
        &overlay_text("pt", "[entry.RATE_LIMITED]\nmessage = \"Outra.\"\n"),
        Format::Toml,
        "pt.toml",
    )
    .unwrap();
    l10n::register(o2).unwrap();
    assert_eq!(l10n::texts("spaces", e, &["pt"]).message, "Outra.");
    assert_eq!(
        l10n::locales("spaces")
            .iter()
            .filter(|l| *l == "pt")
            .count(),
        1
    );
    let mut xa = l10n::pseudo_overlay(errcat::catalog("spaces").unwrap());
    xa.entries.clear();
    assert!(l10n::register(xa).is_err());
}

#[test]
fn bad_overlays_are_clear_errors_naming_the_key() {
    let cases: &[(&str, &str)] = &[
        (
            "[entry.NO_SUCH]\nmessage = \"x\"\n",
            "has no symbol \"NO_SUCH\"",
        ),
        (
            "[entry.RATE_LIMITED]\nmessage = \"\"\n",
            "spaces.RATE_LIMITED.message: is empty",
        ),
        ("[entry.RATE_LIMITED]\nmessage = \"  \"\n", "is empty"),
        (
            "[entry.RATE_LIMITED]\nmessage = \"Wait {n}.\"\n",
            "placeholders [\"{n}\"]",
        ),
        (
            "[entry.RATE_LIMITED]\ncauses = [\"a\", \"b\", \"c\", \"d\"]\n",
            "causes",
        ),
        ("[entry.RATE_LIMITED]\nbogus = \"x\"\n", "unknown field"),
        (
            "[entry.RATE_LIMITED.minor.7]\ndetail = \"x\"\n",
            "no such minor code",
        ),
        ("[entry.rate_limited]\nmessage = \"x\"\n", "has no symbol"),
        ("not toml [", "invalid TOML"),
    ];
    for (body, want) in cases {
        let err = parse_overlay(&overlay_text("de", body), Format::Toml, "de.toml").unwrap_err();
        assert!(err.to_string().contains(want), "{body:?}: {err}");
    }
    let wrong_cat = b"[overlay]\ncatalog = \"nope\"\nlocale = \"de\"\n";
    assert!(parse_overlay(wrong_cat, Format::Toml, "x")
        .unwrap_err()
        .to_string()
        .contains("unknown catalog"));
    let bad_locale = overlay_text("de_de", "");
    assert!(parse_overlay(&bad_locale, Format::Toml, "x")
        .unwrap_err()
        .to_string()
        .contains("canonical"));
    let huge = vec![b' '; l10n::MAX_OVERLAY_BYTES + 1];
    assert!(parse_overlay(&huge, Format::Toml, "x")
        .unwrap_err()
        .to_string()
        .contains("limit"));
    assert!(parse_overlay(b"\xff\xfe", Format::Json, "x")
        .unwrap_err()
        .to_string()
        .contains("UTF-8"));
}

#[test]
fn overlays_round_trip_through_both_file_forms() {
    for c in errcat::catalogs() {
        let o = l10n::pseudo_overlay(c);
        o.validate(c, "pseudo").unwrap();
        for f in [Format::Toml, Format::Json] {
            let text = o.to_text(f);
            let back = parse_overlay(text.as_bytes(), f, "rt").unwrap();
            assert_eq!(back, o, "{} {f:?}", c.id);
        }
    }
}
