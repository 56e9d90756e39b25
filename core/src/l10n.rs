//! Localized texts: per-locale overlays of an entry's user-facing texts.
//!
//! An [`Overlay`] gives, for one catalog and one locale, translations of
//! entries' `message`, `causes`, `reaction` and minor codes' `detail` and
//! `reaction`, keyed by the entry's symbol. It is data, read and validated
//! like a catalog ([`parse_overlay`]):
//!
//! ```toml
//! [overlay]
//! catalog = "spaces"
//! locale = "pt-BR"
//!
//! [entry.RATE_LIMITED]
//! message = "Limite de requisições excedido."
//! reaction = "Tente de novo mais tarde."
//!
//! [entry.SOME_MAJOR.minor.32]   # a minor code's texts
//! detail = "…"
//! ```
//!
//! Validation: the catalog must exist, every key must be a symbol of it, a
//! text must translate one the entry has (a `reaction` only where the base
//! has one, as many `causes` as the base), no text may be empty, and each
//! text must use exactly the base text's `{placeholders}`.
//!
//! **Locales.** The built-in overlay is the pseudo-locale [`PSEUDO_LOCALE`]
//! (`en-XA`), generated from the base table by [`pseudo_localize`]. Others
//! are added at run time with [`register`]. [`resolve_locale`] picks a locale from
//! the caller's preference list with the usual fallback (`pt-BR` → `pt` →
//! the base text, which is English: a preference for `en` or `en-US` stops
//! the search at the base text).
//!
//! ```
//! let e = errcat::lookup("spaces", "RATE_LIMITED").unwrap();
//! let t = errcat::l10n::texts("spaces", e, &["en-XA"]);
//! assert_eq!(t.locale.as_deref(), Some("en-XA"));
//! assert!(t.message.starts_with("[Ŕåţé ļîɱîţ"));
//! let base = errcat::l10n::texts("spaces", e, &["fr-CA", "en-US", "en-XA"]);
//! assert_eq!(base.locale, None); // en-US: the base text
//! assert_eq!(base.message, e.message);
//! ```

use crate::model::{Catalog, Entry};
use crate::schema::{CatalogError, CatalogProblem, Format};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock, RwLock};

/// The pseudo-locale generated from the base table.
pub const PSEUDO_LOCALE: &str = "en-XA";
/// The language of the base table's texts.
pub const BASE_LANGUAGE: &str = "en";
/// Largest overlay file read, in bytes.
pub const MAX_OVERLAY_BYTES: usize = 8 * 1024 * 1024;

/// Translations of one minor code's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinorTexts {
    /// The minor code's detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The minor code's reaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<String>,
}

/// Translations of one entry's texts; what is absent falls back to the base.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryTexts {
    /// The message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The causes, as many as the base has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causes: Option<Vec<String>>,
    /// The reaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<String>,
    /// Minor codes' texts, keyed by the minor code (decimal).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub minor: BTreeMap<String, MinorTexts>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    catalog: String,
    locale: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayFile {
    overlay: Header,
    #[serde(default)]
    entry: BTreeMap<String, EntryTexts>,
}

/// One catalog's texts in one locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlay {
    /// The catalog id.
    pub catalog: String,
    /// The locale, a BCP 47 tag in canonical case (`pt-BR`).
    pub locale: String,
    /// Texts by entry symbol.
    pub entries: BTreeMap<String, EntryTexts>,
}

impl Overlay {
    /// The overlay in its file form (TOML or JSON), which [`parse_overlay`]
    /// reads back to an equal overlay.
    pub fn to_text(&self, format: Format) -> String {
        let file = OverlayFile {
            overlay: Header {
                catalog: self.catalog.clone(),
                locale: self.locale.clone(),
            },
            entry: self.entries.clone(),
        };
        match format {
            Format::Toml => toml::to_string(&file).expect("overlays serialize"),
            Format::Json => serde_json::to_string_pretty(&file).expect("overlays serialize"),
        }
    }

    /// Checks the overlay against its catalog (the rules in the module
    /// documentation); every problem is reported, each naming its key.
    pub fn validate(&self, catalog: &Catalog, file: &str) -> Result<(), CatalogError> {
        let mut problems = Vec::new();
        let mut bad = |key: &str, problem: String| {
            problems.push(CatalogProblem {
                file: file.to_string(),
                entry: Some(key.to_string()),
                problem,
            })
        };
        if self.catalog != catalog.id {
            bad(
                "overlay.catalog",
                format!("is {:?}, not {:?}", self.catalog, catalog.id),
            );
        }
        if canonical_locale(&self.locale).as_deref() != Some(self.locale.as_str()) {
            bad(
                "overlay.locale",
                format!("{:?} is not a canonical BCP 47 tag", self.locale),
            );
        }
        for (symbol, t) in &self.entries {
            let key = |field: &str| format!("{}.{symbol}.{field}", self.catalog);
            let Some(e) = catalog.by_symbol(symbol).filter(|e| *e.symbol == **symbol) else {
                bad(
                    &format!("{}.{symbol}", self.catalog),
                    format!("{} has no symbol {symbol:?}", catalog.id),
                );
                continue;
            };
            if let Some(m) = &t.message {
                check_text(&key("message"), &e.message, m, &mut bad);
            }
            if let Some(causes) = &t.causes {
                if causes.len() != e.causes.len() {
                    bad(
                        &key("causes"),
                        format!("{} causes; the entry has {}", causes.len(), e.causes.len()),
                    );
                }
                for (i, (c, base)) in causes.iter().zip(e.causes.iter()).enumerate() {
                    check_text(&key(&format!("causes.{i}")), base, c, &mut bad);
                }
            }
            if let Some(r) = &t.reaction {
                match &e.reaction {
                    Some(base) => check_text(&key("reaction"), base, r, &mut bad),
                    None => bad(&key("reaction"), "the entry has no reaction".into()),
                }
            }
            for (code, mt) in &t.minor {
                let k = |f: &str| key(&format!("minor.{code}.{f}"));
                let Some(m) = code.parse::<i64>().ok().and_then(|c| e.minor_code(c)) else {
                    bad(
                        &key(&format!("minor.{code}")),
                        "the entry has no such minor code".into(),
                    );
                    continue;
                };
                for (field, text, base) in [
                    ("detail", &mt.detail, &m.detail),
                    ("reaction", &mt.reaction, &m.reaction),
                ] {
                    match (text, base) {
                        (Some(t), Some(b)) => check_text(&k(field), b, t, &mut bad),
                        (Some(_), None) => bad(&k(field), format!("the minor code has no {field}")),
                        _ => {}
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CatalogError { problems })
        }
    }
}

/// A translation is not empty and has exactly the base text's placeholders.
fn check_text(key: &str, base: &str, text: &str, bad: &mut impl FnMut(&str, String)) {
    if text.trim().is_empty() {
        bad(key, "is empty".into());
        return;
    }
    let (want, got) = (placeholders(base), placeholders(text));
    if want != got {
        bad(
            key,
            format!("placeholders {got:?}; the base text has {want:?}"),
        );
    }
}

/// The `{name}` placeholders of a text, sorted (a multiset).
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j)
                if j > 0
                    && after[..j]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                out.push(&rest[i..i + j + 2]);
                rest = &after[j + 1..];
            }
            _ => rest = after,
        }
    }
    out.sort_unstable();
    out
}

/// Reads an overlay file and validates it against its built-in catalog.
pub fn parse_overlay(bytes: &[u8], format: Format, name: &str) -> Result<Overlay, CatalogError> {
    parse_overlay_among(bytes, format, name, crate::catalog)
}

/// [`parse_overlay`] against the built-in catalogs as the caller holds them
/// (`find` gives the one of an id, e.g. from [`crate::compact_builtins`]:
/// the wasm module does not link the static tables).
#[inline(always)] // a constant format links one parser only
pub fn parse_overlay_among<'a>(
    bytes: &[u8],
    format: Format,
    name: &str,
    find: impl FnOnce(&str) -> Option<&'a Catalog>,
) -> Result<Overlay, CatalogError> {
    let overlay = parse_overlay_unchecked(bytes, format, name)?;
    let cat = find(&overlay.catalog).ok_or_else(|| {
        CatalogError::one(
            name,
            format!(
                "overlay.catalog: unknown catalog {:?} (known: {})",
                overlay.catalog,
                crate::KNOWN_IDS
            ),
        )
    })?;
    overlay.validate(cat, name)?;
    Ok(overlay)
}

/// Reads an overlay file for a catalog the caller holds (built in or
/// loaded), validated against it.
pub fn parse_overlay_for(
    catalog: &Catalog,
    bytes: &[u8],
    format: Format,
    name: &str,
) -> Result<Overlay, CatalogError> {
    let overlay = parse_overlay_unchecked(bytes, format, name)?;
    overlay.validate(catalog, name)?;
    Ok(overlay)
}

// Inlined so a caller passing a constant format links one parser only.
#[inline(always)]
fn parse_overlay_unchecked(
    bytes: &[u8],
    format: Format,
    name: &str,
) -> Result<Overlay, CatalogError> {
    if bytes.len() > MAX_OVERLAY_BYTES {
        return Err(CatalogError::one(
            name,
            format!(
                "file is {} bytes; the limit is {MAX_OVERLAY_BYTES}",
                bytes.len()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| CatalogError::one(name, format!("not valid UTF-8 ({e})")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: OverlayFile = match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            CatalogError::one(
                name,
                format!("invalid TOML: {}", crate::schema::toml_problem(text, &e)),
            )
        })?,
        Format::Json => serde_json::from_str(text)
            .map_err(|e| CatalogError::one(name, format!("invalid JSON: {e}")))?,
    };
    Ok(Overlay {
        catalog: file.overlay.catalog,
        locale: file.overlay.locale,
        entries: file.entry,
    })
}

/// A BCP 47 tag in canonical case (`pt_br` → `pt-BR`, `zh-hant-tw` →
/// `zh-Hant-TW`), or `None` when it is not one (letters and digits in
/// subtags of 1-8, a 2-3 or 5-8 letter language first).
pub fn canonical_locale(tag: &str) -> Option<String> {
    if tag.is_empty() || tag.len() > 64 {
        return None;
    }
    let mut out = Vec::new();
    for (i, sub) in tag.split(['-', '_']).enumerate() {
        if sub.is_empty() || sub.len() > 8 || !sub.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let s = if i == 0 {
            if !(2..=8).contains(&sub.len())
                || sub.len() == 4
                || !sub.bytes().all(|b| b.is_ascii_alphabetic())
            {
                return None;
            }
            sub.to_ascii_lowercase()
        } else if sub.len() == 2 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
            sub.to_ascii_uppercase()
        } else if sub.len() == 4 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
            let mut t = sub.to_ascii_lowercase();
            t[..1].make_ascii_uppercase();
            t
        } else {
            sub.to_ascii_lowercase()
        };
        out.push(s);
    }
    Some(out.join("-"))
}

/// The overlays registered for built-in catalogs. Nothing is allocated
/// until one is registered: the pseudo-locale is computed per text.
fn registry() -> &'static RwLock<Vec<Arc<Overlay>>> {
    static REGISTRY: OnceLock<RwLock<Vec<Arc<Overlay>>>> = OnceLock::new();
    REGISTRY.get_or_init(|| RwLock::new(Vec::new()))
}

/// Adds (or replaces) the overlay of a built-in catalog for its locale,
/// after validating it. The pseudo-locale cannot be replaced.
pub fn register(overlay: Overlay) -> Result<(), CatalogError> {
    let name = format!("{}.{}", overlay.catalog, overlay.locale);
    let cat = crate::catalog(&overlay.catalog).ok_or_else(|| {
        CatalogError::one(&name, format!("unknown catalog {:?}", overlay.catalog))
    })?;
    register_for(cat, overlay)
}

/// [`register`], validated against `catalog`, which must be the built-in
/// catalog of the overlay's id (e.g. from [`crate::compact_builtins`]: the
/// wasm module calls this so it does not link the static tables).
pub fn register_for(catalog: &Catalog, overlay: Overlay) -> Result<(), CatalogError> {
    let name = format!("{}.{}", overlay.catalog, overlay.locale);
    if !crate::CATALOG_IDS.contains(&overlay.catalog.as_str()) || catalog.id != overlay.catalog {
        return Err(CatalogError::one(
            &name,
            format!("unknown catalog {:?}", overlay.catalog),
        ));
    }
    overlay.validate(catalog, &name)?;
    if overlay.locale == PSEUDO_LOCALE {
        return Err(CatalogError::one(
            &name,
            format!("{PSEUDO_LOCALE} is built in"),
        ));
    }
    let mut reg = registry().write().unwrap_or_else(|p| p.into_inner());
    reg.retain(|o| !(o.catalog == overlay.catalog && o.locale == overlay.locale));
    reg.push(Arc::new(overlay));
    Ok(())
}

/// Drops every registered overlay and frees their memory (the pseudo-locale
/// stays: it is not stored).
pub fn clear() {
    let mut reg = registry().write().unwrap_or_else(|p| p.into_inner());
    *reg = Vec::new();
}

fn registered(catalog: &str, locale: &str) -> Option<Arc<Overlay>> {
    let reg = registry().read().unwrap_or_else(|p| p.into_inner());
    reg.iter()
        .find(|o| o.catalog == catalog && o.locale == locale)
        .cloned()
}

/// The locales a built-in catalog has texts in, besides the base:
/// the pseudo-locale first, then the registered ones in order.
pub fn locales(catalog: &str) -> Vec<String> {
    if crate::catalog(catalog).is_none() {
        return Vec::new();
    }
    let mut v = vec![PSEUDO_LOCALE.to_string()];
    let reg = registry().read().unwrap_or_else(|p| p.into_inner());
    v.extend(
        reg.iter()
            .filter(|o| o.catalog == catalog)
            .map(|o| o.locale.clone()),
    );
    v
}

/// The locale a preference list selects for a catalog: for each tag in
/// order, the tag, then the tag without its last subtag, and so on (`pt-BR`,
/// `pt`); the base language (`en`, `en-US`, …, but not `en-XA`) stops the
/// search at the base text. `None` means the base text.
pub fn resolve_locale<S: AsRef<str>>(catalog: &str, preferred: &[S]) -> Option<String> {
    // The ids, not crate::catalog: the wasm module must not link the static tables.
    if !crate::CATALOG_IDS.contains(&catalog) {
        return None;
    }
    for tag in preferred {
        let Some(tag) = canonical_locale(tag.as_ref()) else {
            continue;
        };
        let mut cand = tag.as_str();
        loop {
            if cand == PSEUDO_LOCALE || registered(catalog, cand).is_some() {
                return Some(cand.to_string());
            }
            if cand == BASE_LANGUAGE {
                return None;
            }
            match cand.rfind('-') {
                Some(i) => cand = &cand[..i],
                None => break,
            }
        }
    }
    None
}

/// The overlay a preference list selects ([`resolve_locale`]); the
/// pseudo-locale's is built on each call (for tools that export it).
pub fn resolve<S: AsRef<str>>(catalog: &str, preferred: &[S]) -> Option<Arc<Overlay>> {
    let locale = resolve_locale(catalog, preferred)?;
    if locale == PSEUDO_LOCALE {
        return crate::catalog(catalog).map(|c| Arc::new(pseudo_overlay(c)));
    }
    registered(catalog, &locale)
}

/// An entry's texts in the locale chosen from a preference list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Texts {
    /// The overlay's locale, `None` for the base text.
    pub locale: Option<String>,
    /// The message.
    pub message: String,
    /// The causes.
    pub causes: Vec<String>,
    /// The reaction.
    pub reaction: Option<String>,
    /// Minor codes' `(code, detail, reaction)`.
    pub minor_codes: Vec<(i64, Option<String>, Option<String>)>,
}

impl Texts {
    /// The texts of a minor code.
    pub fn minor(&self, code: i64) -> Option<(Option<&str>, Option<&str>)> {
        self.minor_codes
            .iter()
            .find(|m| m.0 == code)
            .map(|m| (m.1.as_deref(), m.2.as_deref()))
    }
}

/// An entry's texts from the overlay a preference list selects (see
/// [`resolve`]); each text the overlay lacks is the base text.
pub fn texts<S: AsRef<str>>(catalog: &str, entry: &Entry, preferred: &[S]) -> Texts {
    match resolve_locale(catalog, preferred) {
        Some(l) if l == PSEUDO_LOCALE => pseudo_texts(entry),
        Some(l) => texts_in(entry, registered(catalog, &l).as_deref()),
        None => texts_in(entry, None),
    }
}

/// An entry's pseudo-locale texts.
fn pseudo_texts(entry: &Entry) -> Texts {
    let p = |s: &str| pseudo_localize(s);
    Texts {
        locale: Some(PSEUDO_LOCALE.to_string()),
        message: p(&entry.message),
        causes: entry.causes.iter().map(|c| p(c)).collect(),
        reaction: entry.reaction.as_deref().map(p),
        minor_codes: entry
            .minor_codes
            .iter()
            .map(|m| {
                (
                    m.code,
                    m.detail.as_deref().map(p),
                    m.reaction.as_deref().map(p),
                )
            })
            .collect(),
    }
}

/// An entry's texts from one overlay (or the base text).
pub fn texts_in(entry: &Entry, overlay: Option<&Overlay>) -> Texts {
    let t = overlay.and_then(|o| o.entries.get(&*entry.symbol));
    let tm = |code: i64| t.and_then(|t| t.minor.get(&code.to_string()));
    Texts {
        locale: overlay.map(|o| o.locale.clone()),
        message: t
            .and_then(|t| t.message.clone())
            .unwrap_or_else(|| entry.message.to_string()),
        causes: t
            .and_then(|t| t.causes.clone())
            .unwrap_or_else(|| entry.causes.iter().map(|c| c.to_string()).collect()),
        reaction: t
            .and_then(|t| t.reaction.clone())
            .or_else(|| entry.reaction.as_deref().map(str::to_string)),
        minor_codes: entry
            .minor_codes
            .iter()
            .map(|m| {
                let o = tm(m.code);
                (
                    m.code,
                    o.and_then(|o| o.detail.clone())
                        .or_else(|| m.detail.as_deref().map(str::to_string)),
                    o.and_then(|o| o.reaction.clone())
                        .or_else(|| m.reaction.as_deref().map(str::to_string)),
                )
            })
            .collect(),
    }
}

/// The pseudo-locale overlay of a catalog: every text through
/// [`pseudo_localize`].
pub fn pseudo_overlay(catalog: &Catalog) -> Overlay {
    let p = |s: &str| pseudo_localize(s);
    let entries = catalog
        .entries
        .iter()
        .map(|e| {
            let minor: BTreeMap<String, MinorTexts> = e
                .minor_codes
                .iter()
                .filter(|m| m.detail.is_some() || m.reaction.is_some())
                .map(|m| {
                    (
                        m.code.to_string(),
                        MinorTexts {
                            detail: m.detail.as_deref().map(p),
                            reaction: m.reaction.as_deref().map(p),
                        },
                    )
                })
                .collect();
            (
                e.symbol.to_string(),
                EntryTexts {
                    message: Some(p(&e.message)),
                    causes: (!e.causes.is_empty()).then(|| e.causes.iter().map(|c| p(c)).collect()),
                    reaction: e.reaction.as_deref().map(p),
                    minor,
                },
            )
        })
        .collect();
    Overlay {
        catalog: catalog.id.to_string(),
        locale: PSEUDO_LOCALE.to_string(),
        entries,
    }
}

/// Pseudo-localization, as Android's `en-XA` and Apple's accented
/// pseudo-language do: ASCII letters become accented look-alikes, the text
/// grows by about 40% (filler words), and brackets mark both ends, so
/// untranslated strings, truncation and concatenation show in a UI.
/// `{placeholders}` are kept as they are. Deterministic.
pub fn pseudo_localize(text: &str) -> String {
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    const LOWER: [char; 26] = [
        'å', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const FILLER: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let kept = placeholders(text);
    let mut out = String::with_capacity(text.len() * 2 + 8);
    out.push('[');
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(p) = kept.iter().find(|p| rest.starts_with(**p)) {
            out.push_str(p);
            rest = &rest[p.len()..];
            continue;
        }
        let ch = rest.chars().next().expect("not empty");
        out.push(match ch {
            'A'..='Z' => UPPER[(ch as u8 - b'A') as usize],
            'a'..='z' => LOWER[(ch as u8 - b'a') as usize],
            _ => ch,
        });
        rest = &rest[ch.len_utf8()..];
    }
    let len = text.chars().count();
    let want = (len * 2).div_ceil(5); // 40%
    let mut added = 0;
    let mut i = 0;
    while added < want {
        let w = FILLER[i % FILLER.len()];
        out.push(' ');
        out.push_str(w);
        added += w.len() + 1;
        i += 1;
    }
    out.push(']');
    out
}
