//! Translation files: export → import gives the same overlay back in every
//! format, the XML parses, and hostile files are clear errors.

use errcat::l10n::{Overlay, MAX_OVERLAY_BYTES, PSEUDO_LOCALE};
use errcat::Catalog;
use errcat_tooling::l10n::{self, builtin_overlay, export, import, Format};

fn builtins() -> Vec<&'static Catalog> {
    errcat::catalogs().collect()
}

fn xa(c: &Catalog) -> Overlay {
    (*builtin_overlay(&c.id, PSEUDO_LOCALE).expect("en-XA is built in")).clone()
}

fn file_name(f: Format) -> &'static str {
    match f {
        Format::Xcstrings => "Localizable.xcstrings",
        Format::Android => "res/values-en-rXA/strings.xml",
        Format::Xliff => "errcat.xlf",
        Format::Json => "en-XA.json",
    }
}

fn round_trip(f: Format, sources: &[(&Catalog, Option<&Overlay>)], locale: &str) -> Vec<Overlay> {
    let text = export(f, locale, sources).unwrap_or_else(|e| panic!("{f}: {e}"));
    if matches!(f, Format::Android | Format::Xliff) {
        well_formed(&text);
    }
    import(f, text.as_bytes(), file_name(f), &builtins(), None)
        .unwrap_or_else(|e| panic!("{f}: {}", l10n::one_line(&e)))
}

/// Every event of the document reads without error (quick-xml's reader).
fn well_formed(xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut depth = 0i32;
    let mut roots = 0;
    loop {
        match r.read_event().unwrap() {
            quick_xml::events::Event::Start(_) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::DocType(_) => panic!("a DTD"),
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((depth, roots), (0, 1));
}

#[test]
fn every_format_round_trips_every_catalog_in_en_xa() {
    let mut n = 0;
    for f in Format::ALL {
        for c in builtins() {
            let o = xa(c);
            let got = round_trip(f, &[(c, Some(&o))], PSEUDO_LOCALE);
            assert_eq!(got, vec![o.clone()], "{f} {}", c.id);
            // And through the overlay's own file form.
            let toml = got[0].to_text(errcat::Format::Toml);
            let back = errcat::l10n::parse_overlay(toml.as_bytes(), errcat::Format::Toml, "x.toml")
                .unwrap();
            assert_eq!(back, o);
            n += 1;
        }
        // All catalogs in one file.
        let all: Vec<(&Catalog, Overlay)> = builtins().into_iter().map(|c| (c, xa(c))).collect();
        let sources: Vec<(&Catalog, Option<&Overlay>)> =
            all.iter().map(|(c, o)| (*c, Some(o))).collect();
        let got = round_trip(f, &sources, PSEUDO_LOCALE);
        let want: Vec<Overlay> = all.into_iter().map(|(_, o)| o).collect();
        assert_eq!(got, want, "{f}: every catalog in one file");
    }
    assert_eq!(n, 4 * builtins().len());
}

/// Texts that need every escaping rule, in place of spaces' messages.
#[test]
fn awkward_texts_round_trip() {
    let spaces = errcat::catalog("spaces").unwrap();
    let texts = [
        "@at the start",
        "?question first",
        "it's \"quoted\" and back\\slashed",
        "line one\nline two\ttabbed",
        " leading and trailing ",
        "two  spaces   three",
        "<b>markup</b> &amp; 50% & <![CDATA[x]]>",
        "ümlaut 😀 \u{a0}nbsp",
        "carriage\r\nreturn",
        "-- comment-like --",
    ];
    let mut o = Overlay {
        catalog: "spaces".into(),
        locale: "pt-BR".into(),
        entries: Default::default(),
    };
    for (e, t) in spaces.entries.iter().zip(texts) {
        o.entries.entry(e.symbol.to_string()).or_default().message = Some(t.to_string());
    }
    for f in Format::ALL {
        let got = round_trip(f, &[(spaces, Some(&o))], "pt-BR");
        assert_eq!(got, vec![o.clone()], "{f}");
    }
}

#[test]
fn untranslated_exports_read_back_empty() {
    let spaces = errcat::catalog("spaces").unwrap();
    for f in [Format::Xliff, Format::Xcstrings] {
        let text = export(f, "fr", &[(spaces, None)]).unwrap();
        let got = import(f, text.as_bytes(), "x", &builtins(), Some("fr")).unwrap();
        assert_eq!(got.len(), 1);
        assert!(got[0].entries.is_empty(), "{f}");
        assert_eq!(got[0].locale, "fr");
    }
    // The source files of the key-value formats hold the base texts.
    let src = export(Format::Json, "en", &[(spaces, None)]).unwrap();
    assert!(src.contains("\"spaces.RATE_LIMITED.message\": \"Rate limit exceeded."));
    let e = import(Format::Json, src.as_bytes(), "en.json", &builtins(), None).unwrap_err();
    assert!(l10n::one_line(&e).contains("base language"), "{e}");
    assert!(export(Format::Xliff, "en", &[(spaces, None)]).is_err());
    let xml = export(Format::Android, "en", &[(spaces, None)]).unwrap();
    well_formed(&xml);
    assert!(xml.contains("tools:locale=\"en\""));
}

#[test]
fn the_formats_look_as_documented() {
    let spaces = errcat::catalog("spaces").unwrap();
    let o = xa(spaces);
    let s = |f| export(f, PSEUDO_LOCALE, &[(spaces, Some(&o))]).unwrap();
    let xc: serde_json::Value = serde_json::from_str(&s(Format::Xcstrings)).unwrap();
    assert_eq!(xc["sourceLanguage"], "en");
    assert_eq!(xc["version"], "1.0");
    let unit = &xc["strings"]["spaces.RATE_LIMITED.message"]["localizations"];
    assert_eq!(
        unit["en"]["stringUnit"]["value"],
        "Rate limit exceeded. Retry after retry_after_ms milliseconds."
    );
    assert_eq!(unit["en-XA"]["stringUnit"]["state"], "translated");
    let android = s(Format::Android);
    assert!(android.contains("tools:locale=\"en-rXA\""));
    assert!(android.contains("<!-- spaces.RATE_LIMITED.message -->\n    <string name=\"errcat_spaces_rate_limited_message\">[Ŕåţé"));
    let xliff = s(Format::Xliff);
    assert!(xliff.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"en-XA\">"));
    assert!(xliff.contains("<unit id=\"spaces.RATE_LIMITED.message\">"));
    let json: serde_json::Value = serde_json::from_str(&s(Format::Json)).unwrap();
    assert_eq!(
        (json["@locale"].as_str(), json["@catalog"].as_str()),
        (Some("en-XA"), Some("spaces"))
    );
    // Android names are one-to-one over every built-in key.
    let all: Vec<(&Catalog, Option<&Overlay>)> =
        builtins().into_iter().map(|c| (c, None)).collect();
    export(Format::Android, "en", &all).unwrap();
}

/// The error of importing `text`, on one line; nothing comes back.
fn refused(f: Format, text: &str) -> String {
    let e = import(f, text.as_bytes(), "t", &builtins(), None)
        .expect_err("a hostile file must be refused");
    let line = l10n::one_line(&e);
    assert!(!line.contains('\n'));
    line
}

fn xa_file(f: Format, catalog: &str) -> String {
    let c = errcat::catalog(catalog).unwrap();
    export(f, PSEUDO_LOCALE, &[(c, Some(&xa(c)))]).unwrap()
}

#[test]
fn hostile_files_are_clear_errors() {
    let xliff = xa_file(Format::Xliff, "spaces");
    let android = xa_file(Format::Android, "spaces");
    let json = xa_file(Format::Json, "spaces");
    let xc = xa_file(Format::Xcstrings, "spaces");
    let checks: Vec<(&str, Format, String, &str)> = vec![
        ("bad xml", Format::Xliff, xliff.replace("</file>", ""), "bad XML"),
        ("bad xml", Format::Android, android.replace("</resources>", "</resource>"), "bad XML"),
        (
            "billion laughs",
            Format::Xliff,
            xliff.replacen(
                "<xliff ",
                "<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<xliff ",
                1,
            ).replace("[Ŕåţé", "&b;[Ŕåţé"),
            "DTD",
        ),
        (
            "external entity",
            Format::Android,
            android.replacen("<resources", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<resources", 1),
            "DTD",
        ),
        ("undeclared entity", Format::Android, android.replacen("[Ŕåţé", "&x;[Ŕåţé", 1), "undeclared entity"),
        ("wrong placeholder", Format::Xliff, xliff.replacen("[Ŕåţé", "{count} [Ŕåţé", 1), "placeholders"),
        ("wrong placeholder", Format::Json, json.replacen("[Ŕåţé", "{count} [Ŕåţé", 1), "placeholders"),
        ("wrong placeholder", Format::Xcstrings, xc.replacen("[Ŕåţé", "{n}[Ŕåţé", 1), "placeholders"),
        (
            "unknown key",
            Format::Json,
            json.replacen("\"@catalog\": \"spaces\",", "\"@catalog\": \"spaces\",\n  \"spaces.NO_SUCH.message\": \"x\",", 1),
            "unknown key",
        ),
        (
            "unknown key",
            Format::Xliff,
            xliff.replacen("spaces.RATE_LIMITED.message", "spaces.RATE_LIMITED.reaction", 1),
            "unknown key",
        ),
        (
            "unknown key",
            Format::Android,
            android.replacen("errcat_spaces_rate_limited_message", "errcat_spaces_nope", 1),
            "unknown key",
        ),
        ("wrong catalog", Format::Json, json.replacen("\"@catalog\": \"spaces\"", "\"@catalog\": \"rtc\"", 1), "belongs to catalog spaces"),
        ("unknown catalog", Format::Json, json.replacen("\"@catalog\": \"spaces\"", "\"@catalog\": \"nope\"", 1), "unknown catalog"),
        ("wrong catalog", Format::Xliff, xliff.replacen("<file id=\"spaces\"", "<file id=\"rtc\"", 1), "another catalog"),
        ("empty text", Format::Json, {
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            let t = v["spaces.RATE_LIMITED.message"].as_str().unwrap().to_string();
            json.replacen(&serde_json::to_string(&t).unwrap(), "\"  \"", 1)
        }, "is empty"),
        ("duplicate key", Format::Json, json.replacen("\"@catalog\": \"spaces\",", "\"@catalog\": \"spaces\",\n  \"spaces.BANNED.message\": \"x\",", 1), "appears twice"),
        ("base language", Format::Xliff, xliff.replacen("trgLang=\"en-XA\"", "trgLang=\"en\"", 1), "base language"),
        ("not xliff 2", Format::Xliff, xliff.replacen("version=\"2.0\"", "version=\"1.2\"", 1), "not XLIFF 2.0"),
        ("no locale", Format::Json, json.replacen("\"@locale\": \"en-XA\",", "", 1), "@locale"),
        ("bad json", Format::Xcstrings, xc[..xc.len() / 2].to_string(), "invalid String Catalog JSON"),
        ("markup", Format::Android, android.replacen("[Ŕåţé", "<b>x</b>[Ŕåţé", 1), "not supported"),
        (
            "two languages",
            Format::Xcstrings,
            xc.replacen("\"en-XA\": {", "\"fr\": {\"stringUnit\": {\"state\": \"translated\", \"value\": \"x\"}},\n\"en-XA\": {", 1),
            "pick one with --locale",
        ),
        (
            "resource reference",
            Format::Android,
            android.replacen(">[Ŕåţé", ">@string/x [Ŕåţé", 1),
            "unescaped @",
        ),
        (
            "encoding",
            Format::Xliff,
            xliff.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1),
            "only UTF-8",
        ),
    ];
    for (what, f, text, want) in &checks {
        let got = refused(*f, text);
        assert!(got.contains(want), "{what} ({f}): {got}");
    }
    // Partial causes: the core keeps a whole list.
    let rtc = xa_file(Format::Json, "rtc");
    let mut v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&rtc).unwrap();
    let k = v.keys().find(|k| k.ends_with(".causes.1")).unwrap().clone();
    v.remove(&k);
    let got = refused(Format::Json, &serde_json::to_string(&v).unwrap());
    assert!(got.contains("all (") && got.contains(".causes.1"), "{got}");
    // A huge file is refused before it is parsed.
    let mut huge = String::from("{\"@locale\": \"fr\", \"x\": \"");
    huge.push_str(&"a".repeat(MAX_OVERLAY_BYTES));
    huge.push_str("\"}");
    assert!(refused(Format::Json, &huge).contains("limit"));
    assert!(refused(Format::Xliff, &(" ".repeat(MAX_OVERLAY_BYTES) + &xliff)).contains("limit"));
    // Not UTF-8.
    let e = import(
        Format::Json,
        b"{\"@locale\": \"fr\xff\"}",
        "t",
        &builtins(),
        None,
    )
    .unwrap_err();
    assert!(l10n::one_line(&e).contains("UTF-8"));
}

#[test]
fn a_loaded_catalog_is_validated_too() {
    // Only the catalogs passed in can be named: rtc's keys against spaces alone.
    let rtc = xa_file(Format::Json, "rtc");
    let spaces = errcat::catalog("spaces").unwrap();
    let e = import(Format::Json, rtc.as_bytes(), "t", &[spaces], None).unwrap_err();
    assert!(l10n::one_line(&e).contains("unknown"), "{e}");
}

#[test]
fn formats_by_name_and_extension() {
    for f in Format::ALL {
        assert_eq!(Format::from_name(f.name()), Some(f));
        assert_eq!(Format::from_path(file_name(f)), Some(f));
    }
    assert_eq!(Format::from_path("a.xliff"), Some(Format::Xliff));
    assert_eq!(Format::from_path("a.txt"), None);
}
