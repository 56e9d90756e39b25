//! Exchange with translators: a catalog's texts out to a translation file,
//! and a translated file back in as an [`errcat::l10n::Overlay`].
//!
//! Four formats ([`Format`]): Apple String Catalog (`xcstrings`), Android
//! `strings.xml` (`android`), XLIFF 2.0 (`xliff`) and a flat JSON object
//! (`json`). Every text has a stable key made from the catalog and the
//! entry's symbol ([`key`]), the same keys the core's overlay problems name:
//!
//! ```text
//! <catalog>.<SYMBOL>.message
//! <catalog>.<SYMBOL>.causes.<i>
//! <catalog>.<SYMBOL>.reaction
//! <catalog>.<SYMBOL>.minor.<code>.detail
//! <catalog>.<SYMBOL>.minor.<code>.reaction
//! ```
//!
//! A file may hold several catalogs (the keys say which); [`import`] gives
//! one overlay per catalog, each validated by the core
//! ([`Overlay::validate`]). Any problem (bad XML, a DTD, an unknown key, a
//! wrong placeholder, an empty text, a file over
//! [`errcat::l10n::MAX_OVERLAY_BYTES`]) makes the whole import fail.
//! See `docs/l10n.md` for each format's layout.

use errcat::l10n::{canonical_locale, EntryTexts, Overlay, BASE_LANGUAGE};
use errcat::{Catalog, CatalogError, CatalogProblem};
use quick_xml::events::Event;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

/// The XLIFF 2.0 namespace.
pub const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
const TOOLS_NS: &str = "http://schemas.android.com/tools";
/// Deepest XML element nesting read.
const MAX_XML_DEPTH: usize = 32;

/// A translation file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Apple String Catalog (`.xcstrings`, JSON).
    Xcstrings,
    /// Android `res/values-<lang>/strings.xml`.
    Android,
    /// XLIFF 2.0 (`.xlf`, `.xliff`).
    Xliff,
    /// A flat JSON object of keys to texts, with `@locale` (and `@catalog`).
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [
        Format::Xcstrings,
        Format::Android,
        Format::Xliff,
        Format::Json,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Xcstrings => "xcstrings",
            Format::Android => "android",
            Format::Xliff => "xliff",
            Format::Json => "json",
        }
    }

    /// The format of a name (`xcstrings`, `android`, `xliff`, `json`).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format a file name's extension implies: `.xcstrings`, `.xml`
    /// (Android), `.xlf`/`.xliff`, `.json`.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        let ext = lower.rsplit_once('.')?.1;
        match ext {
            "xcstrings" => Some(Format::Xcstrings),
            "xml" => Some(Format::Android),
            "xlf" | "xliff" => Some(Format::Xliff),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which text of an entry a key names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The message.
    Message,
    /// The cause at this index.
    Cause(usize),
    /// The reaction.
    Reaction,
    /// A minor code's detail.
    MinorDetail(i64),
    /// A minor code's reaction.
    MinorReaction(i64),
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Message => f.write_str("message"),
            Field::Cause(i) => write!(f, "causes.{i}"),
            Field::Reaction => f.write_str("reaction"),
            Field::MinorDetail(c) => write!(f, "minor.{c}.detail"),
            Field::MinorReaction(c) => write!(f, "minor.{c}.reaction"),
        }
    }
}

/// The stable key of one text: `<catalog>.<SYMBOL>.<field>`.
pub fn key(catalog: &str, symbol: &str, field: Field) -> String {
    format!("{catalog}.{symbol}.{field}")
}

/// One text for translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The stable key.
    pub key: String,
    /// The catalog id.
    pub catalog: String,
    /// The entry's symbol.
    pub symbol: String,
    /// Which text.
    pub field: Field,
    /// The base (English) text.
    pub source: String,
    /// The translation, when the overlay has one.
    pub target: Option<String>,
}

/// Every text of a catalog, in table order, with the overlay's
/// translations as targets.
pub fn units(catalog: &Catalog, overlay: Option<&Overlay>) -> Vec<Unit> {
    let mut out = Vec::new();
    for e in catalog.entries.iter() {
        let t = overlay.and_then(|o| o.entries.get(&*e.symbol));
        let mut push = |field: Field, source: &str, target: Option<&String>| {
            out.push(Unit {
                key: key(&catalog.id, &e.symbol, field),
                catalog: catalog.id.to_string(),
                symbol: e.symbol.to_string(),
                field,
                source: source.to_string(),
                target: target.cloned(),
            })
        };
        push(
            Field::Message,
            &e.message,
            t.and_then(|t| t.message.as_ref()),
        );
        for (i, c) in e.causes.iter().enumerate() {
            push(
                Field::Cause(i),
                c,
                t.and_then(|t| t.causes.as_ref()).and_then(|v| v.get(i)),
            );
        }
        if let Some(r) = &e.reaction {
            push(Field::Reaction, r, t.and_then(|t| t.reaction.as_ref()));
        }
        for m in e.minor_codes.iter() {
            let tm = t.and_then(|t| t.minor.get(&m.code.to_string()));
            if let Some(d) = &m.detail {
                push(
                    Field::MinorDetail(m.code),
                    d,
                    tm.and_then(|x| x.detail.as_ref()),
                );
            }
            if let Some(r) = &m.reaction {
                push(
                    Field::MinorReaction(m.code),
                    r,
                    tm.and_then(|x| x.reaction.as_ref()),
                );
            }
        }
    }
    out
}

/// The overlay a built-in catalog has for exactly this locale (no
/// fallback: exporting `pt-BR` does not offer `pt`'s texts as `pt-BR`'s).
pub fn builtin_overlay(catalog: &str, locale: &str) -> Option<Arc<Overlay>> {
    errcat::l10n::resolve(catalog, &[locale]).filter(|o| o.locale == locale)
}

/// Writes the texts of the catalogs (each with its overlay for `locale`,
/// if any) in a translation format.
///
/// `locale` is the target locale. With the base language (`en`) the
/// `android` and `json` formats write the source file (the base texts,
/// what translators start from); `xcstrings` and `xliff` carry the source
/// beside every target and refuse it.
pub fn export(
    format: Format,
    locale: &str,
    sources: &[(&Catalog, Option<&Overlay>)],
) -> Result<String, String> {
    let locale = canonical_locale(locale)
        .ok_or_else(|| format!("locale {:?} is not a BCP 47 tag", errcat::clip(locale)))?;
    let base = locale == BASE_LANGUAGE;
    if base && matches!(format, Format::Xcstrings | Format::Xliff) {
        return Err(format!(
            "{BASE_LANGUAGE} is the source language; give the target locale (the {format} file holds the source texts too)"
        ));
    }
    let mut all = Vec::new();
    for (cat, overlay) in sources {
        if let Some(o) = overlay {
            if o.locale != locale || o.catalog != cat.id {
                return Err(format!(
                    "the overlay is {} {}, not {} {locale}",
                    o.catalog, o.locale, cat.id
                ));
            }
        }
        let mut u = units(cat, *overlay);
        if base {
            for x in &mut u {
                x.target = Some(x.source.clone());
            }
        }
        all.push((cat.id.to_string(), u));
    }
    match format {
        Format::Xcstrings => Ok(xcstrings_write(&locale, &all)),
        Format::Json => Ok(json_write(&locale, &all)),
        Format::Xliff => xliff_write(&locale, &all),
        Format::Android => android_write(&locale, &all),
    }
}

/// Reads a translation file back: one overlay per catalog the file's keys
/// name, each validated against its catalog. `catalogs` are the catalogs
/// keys may name (the built-in ones, or a loaded one). `locale`, when
/// given, picks the target language of a file that holds several (an
/// `.xcstrings`) or names it when the file does not; when the file names
/// one, they must agree. Nothing is returned unless everything is valid.
pub fn import(
    format: Format,
    bytes: &[u8],
    name: &str,
    catalogs: &[&Catalog],
    locale: Option<&str>,
) -> Result<Vec<Overlay>, CatalogError> {
    let fail = |problem: String| CatalogError {
        problems: vec![CatalogProblem {
            file: name.to_string(),
            entry: None,
            problem: clip_problem(problem),
        }],
    };
    if bytes.len() > errcat::l10n::MAX_OVERLAY_BYTES {
        return Err(fail(format!(
            "file is {} bytes; the limit is {}",
            bytes.len(),
            errcat::l10n::MAX_OVERLAY_BYTES
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| fail(format!("not valid UTF-8 ({e})")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let wanted = match locale {
        Some(l) => Some(
            canonical_locale(l)
                .ok_or_else(|| fail(format!("locale {:?} is not a BCP 47 tag", errcat::clip(l))))?,
        ),
        None => None,
    };
    let index = KeyIndex::new(catalogs);
    let read = match format {
        Format::Xcstrings => xcstrings_read(text, wanted.as_deref()),
        Format::Json => json_read(text),
        Format::Xliff => xliff_read(text),
        Format::Android => android_read(text, name, &index),
    }
    .map_err(fail)?;
    // The file's locale, the caller's, or a problem.
    let locale = match (read.locale, wanted) {
        (Some(f), Some(w)) if f != w => {
            return Err(fail(format!(
                "the file's locale is {f}, not {w} (--locale)"
            )))
        }
        (Some(f), _) => f,
        (None, Some(w)) => w,
        (None, None) => {
            return Err(fail(
                "the file does not say its locale (give one with --locale)".into(),
            ))
        }
    };
    let locale = canonical_locale(&locale).ok_or_else(|| {
        fail(format!(
            "locale {:?} is not a BCP 47 tag",
            errcat::clip(&locale)
        ))
    })?;
    if locale == BASE_LANGUAGE {
        return Err(fail(format!(
            "{BASE_LANGUAGE} is the base language (the source texts), not a translation"
        )));
    }
    index.build(name, &locale, &read.catalogs, &read.texts)
}

/// A catalog error's problems on one line (for a command's one-line error).
pub fn one_line(e: &CatalogError) -> String {
    const SHOWN: usize = 5;
    let mut s = e
        .problems
        .iter()
        .take(SHOWN)
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    if e.problems.len() > SHOWN {
        s.push_str(&format!(" (and {} more)", e.problems.len() - SHOWN));
    }
    s.replace(['\n', '\r'], " ")
}

fn clip_problem(s: String) -> String {
    if s.chars().count() > 300 {
        let mut t: String = s.chars().take(300).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// What a reader found: the locale the file names, the catalogs it
/// declares (`@catalog`, XLIFF `<file id>`), and `(key, text)` pairs in
/// file order (untranslated units are left out).
struct Read {
    locale: Option<String>,
    catalogs: Vec<String>,
    texts: Vec<(String, String)>,
}

/// Every key of the catalogs in play.
struct KeyIndex<'a> {
    catalogs: Vec<&'a Catalog>,
    keys: HashMap<String, (usize, String, Field)>,
}

impl<'a> KeyIndex<'a> {
    fn new(catalogs: &[&'a Catalog]) -> Self {
        let mut keys = HashMap::new();
        for (i, c) in catalogs.iter().enumerate() {
            for u in units(c, None) {
                keys.insert(u.key, (i, u.symbol, u.field));
            }
        }
        KeyIndex {
            catalogs: catalogs.to_vec(),
            keys,
        }
    }

    fn catalog_index(&self, id: &str) -> Option<usize> {
        self.catalogs.iter().position(|c| c.id == id)
    }

    /// The overlays from the texts, validated, or every problem.
    fn build(
        &self,
        name: &str,
        locale: &str,
        declared: &[String],
        texts: &[(String, String)],
    ) -> Result<Vec<Overlay>, CatalogError> {
        let mut problems = Vec::new();
        let mut bad = |entry: Option<&str>, problem: String| {
            problems.push(CatalogProblem {
                file: name.to_string(),
                entry: entry.map(|e| errcat::clip(e).to_string()),
                problem: clip_problem(problem),
            })
        };
        let known = || {
            self.catalogs
                .iter()
                .map(|c| c.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut present: BTreeSet<usize> = BTreeSet::new();
        for d in declared {
            match self.catalog_index(d) {
                Some(i) => {
                    present.insert(i);
                }
                None => bad(
                    None,
                    format!("unknown catalog {:?} (known: {})", errcat::clip(d), known()),
                ),
            }
        }
        let mut seen = BTreeSet::new();
        let mut found: BTreeMap<usize, Vec<(&str, Field, &str, &str)>> = BTreeMap::new();
        for (k, text) in texts {
            if !seen.insert(k.as_str()) {
                bad(Some(k), "appears twice".into());
                continue;
            }
            let Some((ci, symbol, field)) = self.keys.get(k) else {
                let cat = k.split('.').next().unwrap_or("");
                if self.catalog_index(cat).is_none() {
                    bad(
                        Some(k),
                        format!(
                            "unknown key: no catalog {:?} (known: {})",
                            errcat::clip(cat),
                            known()
                        ),
                    );
                } else {
                    bad(
                        Some(k),
                        format!("unknown key: {cat} has no such symbol or text"),
                    );
                }
                continue;
            };
            if !declared.is_empty() && !declared.iter().any(|d| **d == *self.catalogs[*ci].id) {
                bad(
                    Some(k),
                    format!(
                        "belongs to catalog {}, but the file is for {}",
                        self.catalogs[*ci].id,
                        declared.join(", ")
                    ),
                );
                continue;
            }
            present.insert(*ci);
            found
                .entry(*ci)
                .or_default()
                .push((symbol, *field, text, k));
        }
        let mut overlays = Vec::new();
        for ci in present {
            let cat = self.catalogs[ci];
            let mut entries: BTreeMap<String, EntryTexts> = BTreeMap::new();
            let mut causes: BTreeMap<&str, BTreeMap<usize, String>> = BTreeMap::new();
            for (symbol, field, text, _) in found.remove(&ci).unwrap_or_default() {
                let t = entries.entry(symbol.to_string()).or_default();
                let text = text.to_string();
                match field {
                    Field::Message => t.message = Some(text),
                    Field::Reaction => t.reaction = Some(text),
                    Field::Cause(i) => {
                        causes.entry(symbol).or_default().insert(i, text);
                    }
                    Field::MinorDetail(c) => {
                        t.minor.entry(c.to_string()).or_default().detail = Some(text)
                    }
                    Field::MinorReaction(c) => {
                        t.minor.entry(c.to_string()).or_default().reaction = Some(text)
                    }
                }
            }
            // The core keeps causes as a whole list: all or none.
            for (symbol, got) in causes {
                let n = cat
                    .entries
                    .iter()
                    .find(|e| *e.symbol == *symbol)
                    .map_or(0, |e| e.causes.len());
                if got.len() != n {
                    let missing: Vec<String> = (0..n)
                        .filter(|i| !got.contains_key(i))
                        .map(|i| key(&cat.id, symbol, Field::Cause(i)))
                        .collect();
                    bad(
                        Some(&missing[0]),
                        format!("missing; an entry's causes are translated all ({n}) or none"),
                    );
                    continue;
                }
                entries.entry(symbol.to_string()).or_default().causes =
                    Some(got.into_values().collect());
            }
            let overlay = Overlay {
                catalog: cat.id.to_string(),
                locale: locale.to_string(),
                entries,
            };
            if let Err(e) = overlay.validate(cat, name) {
                for p in e.problems {
                    bad(p.entry.as_deref(), p.problem);
                }
            }
            overlays.push(overlay);
        }
        if !problems.is_empty() {
            return Err(CatalogError { problems });
        }
        if overlays.is_empty() {
            return Err(CatalogError {
                problems: vec![CatalogProblem {
                    file: name.to_string(),
                    entry: None,
                    problem: "no errcat texts in the file".into(),
                }],
            });
        }
        Ok(overlays)
    }
}

// ---------------------------------------------------------------------------
// Apple String Catalog.

fn xcstrings_write(locale: &str, all: &[(String, Vec<Unit>)]) -> String {
    let mut strings = Map::new();
    for (_, units) in all {
        for u in units {
            let mut locs = Map::new();
            locs.insert(
                BASE_LANGUAGE.into(),
                json!({"stringUnit": {"state": "translated", "value": u.source}}),
            );
            if let Some(t) = &u.target {
                locs.insert(
                    locale.into(),
                    json!({"stringUnit": {"state": "translated", "value": t}}),
                );
            }
            strings.insert(
                u.key.clone(),
                json!({
                    "comment": format!("errcat {} {}: {}", u.catalog, u.symbol, u.field),
                    "extractionState": "manual",
                    "localizations": locs,
                }),
            );
        }
    }
    let doc = json!({"sourceLanguage": BASE_LANGUAGE, "strings": strings, "version": "1.0"});
    serde_json::to_string_pretty(&doc).expect("values serialize") + "\n"
}

fn xcstrings_read(text: &str, wanted: Option<&str>) -> Result<Read, String> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| format!("invalid String Catalog JSON: {e}"))?;
    let src = doc
        .get("sourceLanguage")
        .and_then(Value::as_str)
        .ok_or("not a String Catalog: no \"sourceLanguage\"")?;
    if canonical_locale(src)
        .as_deref()
        .and_then(|s| s.split('-').next().map(str::to_string))
        .as_deref()
        != Some(BASE_LANGUAGE)
    {
        return Err(format!(
            "sourceLanguage is {:?}; errcat's texts are in {BASE_LANGUAGE}",
            errcat::clip(src)
        ));
    }
    let strings = doc
        .get("strings")
        .and_then(Value::as_object)
        .ok_or("not a String Catalog: no \"strings\" object")?;
    // (lang, key, value) for every translated unit; languages seen.
    let mut langs: BTreeSet<String> = BTreeSet::new();
    let mut found: Vec<(String, String, String)> = Vec::new();
    for (k, v) in strings {
        let v = v
            .as_object()
            .ok_or_else(|| format!("{}: not an object", errcat::clip(k)))?;
        if v.get("shouldTranslate") == Some(&Value::Bool(false)) {
            continue;
        }
        let Some(locs) = v.get("localizations") else {
            continue;
        };
        let locs = locs
            .as_object()
            .ok_or_else(|| format!("{}: localizations is not an object", errcat::clip(k)))?;
        for (lang, l) in locs {
            if lang == src {
                continue;
            }
            let canon = canonical_locale(lang).ok_or_else(|| {
                format!(
                    "{}: language {:?} is not a BCP 47 tag",
                    errcat::clip(k),
                    errcat::clip(lang)
                )
            })?;
            langs.insert(canon.clone());
            let Some(unit) = l.get("stringUnit") else {
                return Err(format!(
                    "{} ({lang}): no stringUnit (plural and device variations are not supported)",
                    errcat::clip(k)
                ));
            };
            let state = unit.get("state").and_then(Value::as_str).unwrap_or("");
            let value = unit.get("value").and_then(Value::as_str).ok_or_else(|| {
                format!(
                    "{} ({lang}): stringUnit has no string value",
                    errcat::clip(k)
                )
            })?;
            if state == "new" {
                continue; // Xcode's untranslated
            }
            found.push((canon, k.clone(), value.to_string()));
        }
    }
    let locale = match wanted {
        Some(w) => w.to_string(),
        None if langs.len() == 1 => langs.iter().next().expect("one").clone(),
        None if langs.is_empty() => {
            return Err("the String Catalog has no target language (give one with --locale)".into())
        }
        None => {
            return Err(format!(
                "the String Catalog holds {} languages ({}): pick one with --locale",
                langs.len(),
                langs.into_iter().collect::<Vec<_>>().join(", ")
            ))
        }
    };
    let texts = found
        .into_iter()
        .filter(|(l, _, _)| *l == locale)
        .map(|(_, k, v)| (k, v))
        .collect();
    // Every key's catalog is in the file, translated or not.
    let catalogs = strings
        .keys()
        .filter_map(|k| k.split('.').next())
        .map(str::to_string)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(Read {
        locale: Some(locale),
        catalogs,
        texts,
    })
}

// ---------------------------------------------------------------------------
// Flat JSON.

fn json_write(locale: &str, all: &[(String, Vec<Unit>)]) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("strings serialize");
    let mut lines = vec![format!("  \"@locale\": {}", q(locale))];
    if let [(id, _)] = all {
        lines.push(format!("  \"@catalog\": {}", q(id)));
    }
    for (_, units) in all {
        for u in units {
            if let Some(t) = &u.target {
                lines.push(format!("  {}: {}", q(&u.key), q(t)));
            }
        }
    }
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

/// A JSON object's members in order, duplicates kept (serde_json's map
/// would keep only the last).
struct Members(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object of keys to texts")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Members, A::Error> {
                let mut v = Vec::new();
                while let Some(kv) = m.next_entry::<String, Value>()? {
                    v.push(kv);
                }
                Ok(Members(v))
            }
        }
        d.deserialize_map(V)
    }
}

fn json_read(text: &str) -> Result<Read, String> {
    let Members(members) = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut read = Read {
        locale: None,
        catalogs: Vec::new(),
        texts: Vec::new(),
    };
    for (k, v) in members {
        let s = v
            .as_str()
            .ok_or_else(|| format!("{}: the value is not a string", errcat::clip(&k)))?;
        match k.as_str() {
            "@locale" => read.locale = Some(s.to_string()),
            "@catalog" => read.catalogs.push(s.to_string()),
            _ if k.starts_with('@') => {
                return Err(format!(
                    "unknown metadata key {:?} (known: @locale, @catalog)",
                    errcat::clip(&k)
                ))
            }
            _ => read.texts.push((k, s.to_string())),
        }
    }
    if read.locale.is_none() {
        return Err("no \"@locale\" member".into());
    }
    Ok(read)
}

// ---------------------------------------------------------------------------
// XML, written by hand, read with quick-xml into a small tree.

/// Text for XML element content or a double-quoted attribute; a character
/// XML 1.0 cannot carry is an error.
fn xml_escape(s: &str, attr: bool) -> Result<String, String> {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' if attr => out.push_str("&quot;"),
            // Parsers normalize a raw CR (and, in attributes, LF and tab).
            '\r' => out.push_str("&#13;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            c if !xml_char(c) => {
                return Err(format!(
                    "{:?} contains U+{:04X}, which XML 1.0 cannot hold",
                    errcat::clip(s),
                    c as u32
                ))
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[derive(Debug)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Elem(Elem),
    Text(String),
}

impl Elem {
    fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }
    fn attr(&self, qname: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == qname)
            .map(|(_, v)| v.as_str())
    }
    fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    /// Non-whitespace text directly inside (between child elements).
    fn stray_text(&self) -> Option<&str> {
        self.children.iter().find_map(|n| match n {
            Node::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
            _ => None,
        })
    }
    /// The namespace a prefix (or the default, `""`) is bound to here.
    fn xmlns(&self, prefix: &str) -> Option<&str> {
        let k = if prefix.is_empty() {
            "xmlns".to_string()
        } else {
            format!("xmlns:{prefix}")
        };
        self.attr(&k)
    }
}

/// Parses a whole XML document. No DTD (so no entity but the five
/// predefined ones and character references), UTF-8 only, bounded depth.
fn parse_xml(text: &str) -> Result<Elem, String> {
    let mut r = quick_xml::Reader::from_str(text);
    r.config_mut().check_end_names = true;
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    fn push_text(stack: &mut [Elem], s: &str) -> Result<(), String> {
        if let Some(c) = s.chars().find(|c| !xml_char(*c)) {
            return Err(format!(
                "bad XML: character U+{:04X} is not allowed",
                c as u32
            ));
        }
        match stack.last_mut() {
            Some(e) => {
                if let Some(Node::Text(t)) = e.children.last_mut() {
                    t.push_str(s);
                } else {
                    e.children.push(Node::Text(s.to_string()));
                }
                Ok(())
            }
            None if s.trim().is_empty() => Ok(()),
            None => Err("bad XML: text outside the root element".into()),
        }
    }
    let open = |s: &quick_xml::events::BytesStart<'_>| -> Result<Elem, String> {
        let mut attrs = Vec::new();
        for a in s.attributes() {
            let a = a.map_err(|e| format!("bad XML attribute: {e}"))?;
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| format!("bad XML attribute value: {e}"))?;
            attrs.push((a.key.0.to_string(), v.into_owned()));
        }
        Ok(Elem {
            name: s.name().0.to_string(),
            attrs,
            children: Vec::new(),
        })
    };
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("bad XML at byte {}: {e}", r.error_position()))?;
        let mut close = None;
        match ev {
            Event::Decl(d) => {
                if let Some(enc) = d.encoding() {
                    let enc = enc.map_err(|e| format!("bad XML declaration: {e}"))?;
                    if !enc.eq_ignore_ascii_case("utf-8") {
                        return Err(format!(
                            "the XML declares encoding {:?}; only UTF-8 is read",
                            errcat::clip(&enc)
                        ));
                    }
                }
            }
            Event::DocType(_) => {
                return Err(
                    "a DTD (<!DOCTYPE>) is not allowed: entity declarations are refused".into(),
                )
            }
            Event::PI(_) | Event::Comment(_) => {}
            Event::Start(s) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(format!("XML nested deeper than {MAX_XML_DEPTH} elements"));
                }
                if stack.is_empty() && root.is_some() {
                    return Err("bad XML: more than one root element".into());
                }
                stack.push(open(&s)?);
            }
            Event::Empty(s) => {
                if stack.is_empty() && root.is_some() {
                    return Err("bad XML: more than one root element".into());
                }
                close = Some(open(&s)?);
            }
            Event::End(_) => {
                close = Some(stack.pop().ok_or("bad XML: an end tag without a start")?);
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content())?,
            Event::CData(t) => push_text(&mut stack, &t.xml10_content())?,
            Event::GeneralRef(g) => {
                let c = match g
                    .resolve_char_ref()
                    .map_err(|e| format!("bad XML character reference: {e}"))?
                {
                    Some(c) => c,
                    None => match &*g {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => {
                            return Err(format!(
                                "bad XML: undeclared entity &{};",
                                errcat::clip(other)
                            ))
                        }
                    },
                };
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]))?;
            }
            Event::Eof => break,
        }
        if let Some(e) = close {
            match stack.last_mut() {
                Some(p) => p.children.push(Node::Elem(e)),
                None => root = Some(e),
            }
        }
    }
    if let Some(e) = stack.last() {
        return Err(format!(
            "bad XML: <{}> is not closed",
            errcat::clip(&e.name)
        ));
    }
    root.ok_or_else(|| "bad XML: no root element".into())
}

/// The text inside an element, with these inline elements' text taken in
/// place; any other element is an error.
fn inner_text(e: &Elem, inline: &[&str], what: &str) -> Result<String, String> {
    let mut s = String::new();
    for n in &e.children {
        match n {
            Node::Text(t) => s.push_str(t),
            Node::Elem(c) if inline.contains(&c.local()) => {
                s.push_str(&inner_text(c, inline, what)?)
            }
            Node::Elem(c) => {
                return Err(format!(
                    "{what}: <{}> inside the text is not supported",
                    errcat::clip(&c.name)
                ))
            }
        }
    }
    Ok(s)
}

// ---------------------------------------------------------------------------
// XLIFF 2.0.

fn nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
}

fn xliff_write(locale: &str, all: &[(String, Vec<Unit>)]) -> Result<String, String> {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<xliff xmlns=\"{XLIFF_NS}\" version=\"2.0\" srcLang=\"{BASE_LANGUAGE}\" trgLang=\"{}\">\n",
        xml_escape(locale, true)?
    ));
    for (id, units) in all {
        s.push_str(&format!(
            "  <file id=\"{}\" xml:space=\"preserve\">\n",
            xml_escape(id, true)?
        ));
        for u in units {
            if !nmtoken(&u.key) {
                return Err(format!(
                    "key {:?} cannot be an XLIFF unit id (an XML name token)",
                    errcat::clip(&u.key)
                ));
            }
            s.push_str(&format!("    <unit id=\"{}\">\n", u.key));
            match &u.target {
                Some(t) => s.push_str(&format!(
                    "      <segment state=\"translated\">\n        <source>{}</source>\n        <target>{}</target>\n      </segment>\n",
                    xml_escape(&u.source, false)?,
                    xml_escape(t, false)?
                )),
                None => s.push_str(&format!(
                    "      <segment>\n        <source>{}</source>\n      </segment>\n",
                    xml_escape(&u.source, false)?
                )),
            }
            s.push_str("    </unit>\n");
        }
        s.push_str("  </file>\n");
    }
    s.push_str("</xliff>\n");
    Ok(s)
}

fn xliff_read(text: &str) -> Result<Read, String> {
    let root = parse_xml(text)?;
    if root.local() != "xliff" {
        return Err(format!(
            "not XLIFF: the root element is <{}>",
            errcat::clip(&root.name)
        ));
    }
    let prefix = root.name.rsplit_once(':').map_or("", |(p, _)| p);
    if root.xmlns(prefix) != Some(XLIFF_NS) || root.attr("version") != Some("2.0") {
        return Err(format!(
            "not XLIFF 2.0 (version {:?}, namespace {:?}; want 2.0 and {XLIFF_NS})",
            root.attr("version").unwrap_or(""),
            root.xmlns(prefix).unwrap_or("")
        ));
    }
    let src = root.attr("srcLang").unwrap_or("");
    if canonical_locale(src)
        .as_deref()
        .map(|s| s.split('-').next() == Some(BASE_LANGUAGE))
        != Some(true)
    {
        return Err(format!(
            "srcLang is {:?}; errcat's texts are in {BASE_LANGUAGE}",
            errcat::clip(src)
        ));
    }
    let mut read = Read {
        locale: root.attr("trgLang").map(str::to_string),
        catalogs: Vec::new(),
        texts: Vec::new(),
    };
    for file in root.elems() {
        if file.local() != "file" {
            continue; // XLIFF modules' elements outside <file>
        }
        let id = file.attr("id").ok_or("<file> without an id")?;
        read.catalogs.push(id.to_string());
        for unit in file.elems() {
            match unit.local() {
                "unit" => {}
                "group" => {
                    return Err("<group> is not supported: units must be directly in <file>".into())
                }
                _ => continue, // <skeleton>, <notes>, module elements
            }
            let uid = unit.attr("id").ok_or("<unit> without an id")?;
            if !uid.starts_with(&format!("{id}.")) {
                return Err(format!(
                    "unit {:?} is in <file id={:?}>: its key names another catalog",
                    errcat::clip(uid),
                    errcat::clip(id)
                ));
            }
            // A unit's text is its segments' and ignorables' in order; a
            // unit with no target is untranslated.
            let mut target = String::new();
            let mut any_target = false;
            for part in unit.elems() {
                if !matches!(part.local(), "segment" | "ignorable") {
                    continue;
                }
                let mut t = None;
                let mut src = None;
                for x in part.elems() {
                    match x.local() {
                        "target" => t = Some(inner_text(x, &["mrk", "pc"], uid)?),
                        "source" => src = Some(inner_text(x, &["mrk", "pc"], uid)?),
                        _ => {}
                    }
                }
                match (t, part.local()) {
                    (Some(t), _) => {
                        any_target |= part.local() == "segment";
                        target.push_str(&t);
                    }
                    // An ignorable's source stands for its target.
                    (None, "ignorable") => target.push_str(&src.unwrap_or_default()),
                    (None, _) => {}
                }
            }
            if any_target {
                read.texts.push((uid.to_string(), target));
            }
        }
    }
    if read.catalogs.is_empty() {
        return Err("XLIFF without a <file>".into());
    }
    Ok(read)
}

// ---------------------------------------------------------------------------
// Android strings.xml.

/// A key's Android resource name: `errcat_` and the key lower-cased, every
/// character but a letter or digit made `_`. Import maps names back
/// through the catalogs' keys, so the mapping must be one-to-one there.
pub fn android_name(key: &str) -> String {
    let mut s = String::from("errcat_");
    s.extend(key.chars().map(|c| {
        if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        }
    }));
    s
}

/// An Android resource qualifier for a BCP 47 tag: `pt-BR` → `pt-rBR`,
/// `es-419` or a script → `b+es+419`.
pub fn android_qualifier(locale: &str) -> String {
    let parts: Vec<&str> = locale.split('-').collect();
    match parts.as_slice() {
        [l] => l.to_string(),
        [l, r] if r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic()) => {
            format!("{l}-r{r}")
        }
        _ => format!("b+{}", parts.join("+")),
    }
}

/// The BCP 47 tag of an Android qualifier (or of a BCP 47 tag).
fn from_android_qualifier(q: &str) -> Option<String> {
    let tag = if let Some(rest) = q.strip_prefix("b+") {
        rest.replace('+', "-")
    } else if let Some((l, r)) = q.split_once("-r") {
        format!("{l}-{r}")
    } else {
        q.to_string()
    };
    canonical_locale(&tag)
}

/// Android's string escaping: the text comes back exactly from aapt's
/// rules (`\'`, `\"`, `\\`, `\n`, `\t`, `\uXXXX`, a leading `@` or `?`,
/// and spaces that would otherwise be collapsed or trimmed).
pub fn android_escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '@' | '?' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            ' ' if i == 0 || i + 1 == chars.len() || chars[i - 1] == ' ' => out.push_str("\\u0020"),
            c if c.is_control() || (c.is_whitespace() && c != ' ') => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The text a `<string>` element's content stands for, by aapt's rules:
/// escapes, `"` quoting, unquoted whitespace runs collapsed to one space
/// and trimmed at both ends.
pub fn android_unescape(raw: &str) -> Result<String, String> {
    // (char, collapsible whitespace)
    let mut out: Vec<(char, bool)> = Vec::new();
    let mut quoted = false;
    let mut it = raw.chars().peekable();
    let mut units: Vec<u16> = Vec::new();
    let flush = |units: &mut Vec<u16>, out: &mut Vec<(char, bool)>| -> Result<(), String> {
        if units.is_empty() {
            return Ok(());
        }
        let s = String::from_utf16(units).map_err(|_| "a \\u escape is a lone surrogate")?;
        out.extend(s.chars().map(|c| (c, false)));
        units.clear();
        Ok(())
    };
    while let Some(c) = it.next() {
        if c == '\\' {
            let Some(n) = it.next() else {
                return Err("ends with a lone backslash".into());
            };
            if n == 'u' {
                let hex: String = (0..4).filter_map(|_| it.next()).collect();
                let u = (hex.len() == 4)
                    .then(|| u16::from_str_radix(&hex, 16).ok())
                    .flatten()
                    .ok_or_else(|| format!("bad \\u escape \\u{hex}"))?;
                units.push(u);
                continue;
            }
            flush(&mut units, &mut out)?;
            out.push((
                match n {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                },
                false,
            ));
            continue;
        }
        flush(&mut units, &mut out)?;
        if c == '"' {
            quoted = !quoted;
        } else if matches!(c, '@' | '?') && !quoted && out.iter().all(|x| x.1) {
            return Err(format!(
                "starts with an unescaped {c} (a resource reference to Android); write \\{c}"
            ));
        } else if !quoted && matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !matches!(out.last(), Some((_, true))) {
                out.push((' ', true));
            }
        } else {
            out.push((c, false));
        }
    }
    flush(&mut units, &mut out)?;
    let start = out.iter().position(|x| !x.1).unwrap_or(out.len());
    let end = out.iter().rposition(|x| !x.1).map_or(start, |i| i + 1);
    Ok(out[start..end.max(start)].iter().map(|x| x.0).collect())
}

fn android_write(locale: &str, all: &[(String, Vec<Unit>)]) -> Result<String, String> {
    let mut names: HashMap<String, &str> = HashMap::new();
    for (_, units) in all {
        for u in units {
            if let Some(other) = names.insert(android_name(&u.key), &u.key) {
                return Err(format!(
                    "keys {other:?} and {:?} have the same Android name {}",
                    u.key,
                    android_name(&u.key)
                ));
            }
        }
    }
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str("<!-- errcat texts; each name stands for the key in the comment above it (errcat l10n import maps them back). -->\n");
    s.push_str(&format!(
        "<resources xmlns:tools=\"{TOOLS_NS}\" tools:locale=\"{}\">\n",
        xml_escape(&android_qualifier(locale), true)?
    ));
    for (_, units) in all {
        for u in units {
            let Some(t) = &u.target else { continue };
            if !u.key.contains("--") && !u.key.ends_with('-') {
                s.push_str(&format!("    <!-- {} -->\n", u.key));
            }
            let formatted = if t.contains('%') {
                " formatted=\"false\""
            } else {
                ""
            };
            s.push_str(&format!(
                "    <string name=\"{}\"{formatted}>{}</string>\n",
                android_name(&u.key),
                xml_escape(&android_escape(t), false)?
            ));
        }
    }
    s.push_str("</resources>\n");
    Ok(s)
}

fn android_read(text: &str, path: &str, index: &KeyIndex<'_>) -> Result<Read, String> {
    let root = parse_xml(text)?;
    if root.name != "resources" {
        return Err(format!(
            "not an Android resource file: the root element is <{}>",
            errcat::clip(&root.name)
        ));
    }
    // tools:locale, else the directory (res/values-<qualifier>/strings.xml).
    let tools = root
        .attrs
        .iter()
        .find(|(k, v)| k.starts_with("xmlns:") && v == TOOLS_NS)
        .map(|(k, _)| format!("{}:locale", &k["xmlns:".len()..]));
    let locale = match tools.as_deref().and_then(|t| root.attr(t)) {
        Some(q) => Some(
            from_android_qualifier(q)
                .ok_or_else(|| format!("tools:locale {:?} is not a locale", errcat::clip(q)))?,
        ),
        None => std::path::Path::new(path)
            .parent()
            .and_then(|d| d.file_name())
            .and_then(|d| d.to_str())
            .and_then(|d| d.strip_prefix("values-"))
            .and_then(from_android_qualifier),
    };
    let mut by_name: HashMap<String, Option<&str>> = HashMap::new();
    for k in index.keys.keys() {
        by_name
            .entry(android_name(k))
            .and_modify(|v| *v = None)
            .or_insert(Some(k.as_str()));
    }
    if let Some(t) = root.stray_text() {
        return Err(format!(
            "text {:?} directly inside <resources>",
            errcat::clip(t.trim())
        ));
    }
    let mut texts = Vec::new();
    for e in root.elems() {
        if e.name != "string" {
            return Err(format!(
                "<{}> is not supported (only <string>)",
                errcat::clip(&e.name)
            ));
        }
        let name = e.attr("name").ok_or("<string> without a name")?;
        if e.attr("translatable") == Some("false") {
            continue;
        }
        let key = match by_name.get(name) {
            Some(Some(k)) => k.to_string(),
            Some(None) => {
                return Err(format!(
                    "string name {:?} stands for more than one key",
                    errcat::clip(name)
                ))
            }
            None => {
                return Err(format!(
                    "unknown key: no errcat text has the Android name {:?}",
                    errcat::clip(name)
                ))
            }
        };
        // <xliff:g> marks text not to translate; its text stays.
        let raw = inner_text(e, &["g"], name)?;
        let text = android_unescape(&raw).map_err(|p| format!("{name}: {p}"))?;
        texts.push((key, text));
    }
    Ok(Read {
        locale,
        catalogs: Vec::new(),
        texts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn android_escaping_round_trips() {
        for s in [
            "plain",
            "@start",
            "?start",
            "a@b?c",
            "it's \"quoted\"",
            "back\\slash",
            "line\nbreak\ttab",
            " lead",
            "trail ",
            "two  spaces   three",
            "\u{a0}nbsp\u{2003}",
            "ctl\u{1}",
            "<b>&amp;</b> 50% {name}",
            "😀 ümlaut",
            "",
        ] {
            let e = android_escape(s);
            assert_eq!(android_unescape(&e).unwrap(), s, "{e}");
        }
        assert_eq!(android_unescape("  a \n  b  ").unwrap(), "a b");
        assert_eq!(android_unescape("\"  a  \"").unwrap(), "  a  ");
        assert_eq!(android_unescape("\\u00e9\\@").unwrap(), "é@");
        // What aapt needs, exactly.
        assert_eq!(android_escape("@x?"), "\\@x?");
        assert_eq!(android_escape("?x"), "\\?x");
        assert_eq!(android_escape("it's \"a\"\\"), "it\\'s \\\"a\\\"\\\\");
        assert_eq!(android_escape("a\nb"), "a\\nb");
        assert!(android_unescape("@string/x")
            .unwrap_err()
            .contains("unescaped @"));
        assert!(android_unescape(" ?attr").is_err());
        assert!(android_unescape("\\uZZ").is_err());
        assert!(android_unescape("x\\").is_err());
    }

    #[test]
    fn qualifiers() {
        for (tag, q) in [
            ("en-XA", "en-rXA"),
            ("pt-BR", "pt-rBR"),
            ("fr", "fr"),
            ("es-419", "b+es+419"),
            ("zh-Hant-TW", "b+zh+Hant+TW"),
        ] {
            assert_eq!(android_qualifier(tag), q);
            assert_eq!(from_android_qualifier(q).as_deref(), Some(tag));
        }
    }

    #[test]
    fn xml_reader_refuses_dtds_and_unknown_entities() {
        assert!(parse_xml("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")
            .unwrap_err()
            .contains("DTD"));
        assert!(parse_xml("<a>&x;</a>").unwrap_err().contains("entity"));
        assert!(parse_xml("<a><b></a>").is_err());
        assert!(parse_xml("<a></a><b/>").is_err());
        assert!(parse_xml("<a>").is_err());
        assert!(parse_xml("x<a/>").is_err());
        assert!(parse_xml("<a>\u{1}</a>").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse_xml(&deep).unwrap_err().contains("deeper"));
        let e = parse_xml("<a x='1&amp;2'>&lt;&#233;&#x41;<![CDATA[<&>]]></a>").unwrap();
        assert_eq!(e.attr("x"), Some("1&2"));
        assert_eq!(inner_text(&e, &[], "t").unwrap(), "<éA<&>");
    }
}
