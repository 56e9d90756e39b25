//! A compact binary form of validated catalog files, for builds where size
//! matters more than start-up time (the wasm module).
//!
//! `core/build.rs` encodes the built-in catalog files with [`encode`] into
//! `OUT_DIR/compact.bin`; [`decode`] reads them back into the same
//! [`FileCatalog`] values, which `Catalog::from_file` turns into catalogs
//! exactly as run-time loading does. About 15 KB gzipped for all five
//! catalogs, against about 40 KB for the static tables (pointer/length pairs
//! compress poorly). This file is compiled into both the build script and
//! the library, so the two sides cannot drift apart; the library's tests
//! compare the decoded catalogs with the static ones field by field.
//!
//! Layout (every integer an unsigned LEB128 varint; signed ones zigzagged):
//! the magic `ECC1`; the string table (count, then each string's byte length
//! and bytes); the catalog count; then per catalog its header, categories
//! and entries. A string is written as its 1-based table index, an absent
//! one as 0.

use crate::schema::{
    FileCatalog, FileCategory, FileDeprecated, FileDeprecation, FileEntry, FileHeader, FileMinor,
    Wire,
};

const MAGIC: &[u8; 4] = b"ECC1";

/// Encodes validated catalog files.
#[allow(dead_code)] // used by build.rs and the tests
pub fn encode(cats: &[FileCatalog]) -> Vec<u8> {
    let mut w = Writer::default();
    let mut body = Vec::new();
    w.uint(&mut body, cats.len() as u64);
    for c in cats {
        let h = &c.catalog;
        w.string(&mut body, &h.id);
        w.string(&mut body, &h.name);
        w.opt(&mut body, &h.domain);
        body.push(match h.wire {
            Wire::Int => 0,
            Wire::String => 1,
            Wire::MajorMinor => 2,
        });
        w.opt(&mut body, &h.source);
        w.opt(&mut body, &h.description);
        w.opt(&mut body, &h.doc_base_url);
        w.uint(&mut body, c.category.len() as u64);
        for k in &c.category {
            w.string(&mut body, &k.id);
            w.string(&mut body, &k.name);
            w.uint(&mut body, k.http_status.map_or(0, |s| u64::from(s) + 1));
        }
        w.uint(&mut body, c.entry.len() as u64);
        for e in &c.entry {
            w.int(&mut body, e.code);
            w.string(&mut body, &e.symbol);
            let flags = u8::from(e.symbol_derived)
                | u8::from(e.message_derived) << 1
                | u8::from(e.wait) << 2
                | u8::from(e.server_only) << 3
                | u8::from(e.retryable.is_some()) << 4
                | u8::from(e.retryable == Some(true)) << 5;
            body.push(flags);
            w.list(&mut body, &e.aliases);
            w.string(&mut body, &e.message);
            w.string(&mut body, &e.category);
            w.string(&mut body, &e.kind);
            w.uint(&mut body, e.http_status.map_or(0, |s| u64::from(s) + 1));
            w.list(&mut body, &e.causes);
            w.opt(&mut body, &e.reaction);
            w.opt(&mut body, &e.request);
            w.opt(&mut body, &e.request_anchor);
            match &e.deprecated {
                None => body.push(0),
                Some(FileDeprecated::Flag(false)) => body.push(1),
                Some(FileDeprecated::Flag(true)) => body.push(2),
                Some(FileDeprecated::Detail(d)) => {
                    body.push(3);
                    w.opt(&mut body, &d.since);
                    w.opt(&mut body, &d.replaced_by);
                    w.opt(&mut body, &d.note);
                }
            }
            w.opt(&mut body, &e.doc_url);
            w.opt(&mut body, &e.note);
            w.uint(&mut body, e.minor.len() as u64);
            for m in &e.minor {
                w.int(&mut body, m.code);
                w.opt(&mut body, &m.detail);
                w.opt(&mut body, &m.reaction);
            }
        }
    }
    let mut out = MAGIC.to_vec();
    put_uint(&mut out, w.strings.len() as u64);
    for s in &w.strings {
        put_uint(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&body);
    out
}

#[derive(Default)]
#[allow(dead_code)]
struct Writer {
    strings: Vec<String>,
    index: std::collections::BTreeMap<String, u64>,
}

#[allow(dead_code)]
impl Writer {
    fn uint(&mut self, out: &mut Vec<u8>, v: u64) {
        put_uint(out, v)
    }
    fn int(&mut self, out: &mut Vec<u8>, v: i64) {
        put_uint(out, ((v << 1) ^ (v >> 63)) as u64)
    }
    fn string(&mut self, out: &mut Vec<u8>, s: &str) {
        let next = self.strings.len() as u64 + 1;
        let i = *self.index.entry(s.to_string()).or_insert_with(|| {
            self.strings.push(s.to_string());
            next
        });
        put_uint(out, i)
    }
    fn opt(&mut self, out: &mut Vec<u8>, s: &Option<String>) {
        match s {
            Some(s) => self.string(out, s),
            None => put_uint(out, 0),
        }
    }
    fn list(&mut self, out: &mut Vec<u8>, items: &[String]) {
        put_uint(out, items.len() as u64);
        for s in items {
            self.string(out, s);
        }
    }
}

#[allow(dead_code)]
fn put_uint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Decodes what [`encode`] wrote; `None` for anything else (never panics).
#[allow(dead_code)] // used by the library, not by build.rs
pub fn decode(bytes: &[u8]) -> Option<Vec<FileCatalog>> {
    let mut r = Reader {
        bytes: bytes.strip_prefix(MAGIC)?,
        strings: Vec::new(),
    };
    let n = r.len()?;
    let mut strings = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.len()?;
        let (s, rest) = r.bytes.split_at_checked(len)?;
        strings.push(std::str::from_utf8(s).ok()?);
        r.bytes = rest;
    }
    r.strings = strings;
    let mut cats = Vec::new();
    for _ in 0..r.len()? {
        let id = r.string()?;
        let name = r.string()?;
        let domain = r.opt()?;
        let wire = match r.byte()? {
            0 => Wire::Int,
            1 => Wire::String,
            2 => Wire::MajorMinor,
            _ => return None,
        };
        let catalog = FileHeader {
            id,
            name,
            domain,
            wire,
            source: r.opt()?,
            description: r.opt()?,
            doc_base_url: r.opt()?,
            order: None,
        };
        let mut category = Vec::new();
        for _ in 0..r.len()? {
            category.push(FileCategory {
                id: r.string()?,
                name: r.string()?,
                http_status: r.status()?,
            });
        }
        let mut entry = Vec::new();
        for _ in 0..r.len()? {
            let code = r.int()?;
            let symbol = r.string()?;
            let flags = r.byte()?;
            let aliases = r.list()?;
            let message = r.string()?;
            let category = r.string()?;
            let kind = r.string()?;
            let http_status = r.status()?;
            let causes = r.list()?;
            let reaction = r.opt()?;
            let request = r.opt()?;
            let request_anchor = r.opt()?;
            let deprecated = match r.byte()? {
                0 => None,
                1 => Some(FileDeprecated::Flag(false)),
                2 => Some(FileDeprecated::Flag(true)),
                3 => Some(FileDeprecated::Detail(FileDeprecation {
                    since: r.opt()?,
                    replaced_by: r.opt()?,
                    note: r.opt()?,
                })),
                _ => return None,
            };
            let doc_url = r.opt()?;
            let note = r.opt()?;
            let mut minor = Vec::new();
            for _ in 0..r.len()? {
                minor.push(FileMinor {
                    code: r.int()?,
                    detail: r.opt()?,
                    reaction: r.opt()?,
                });
            }
            entry.push(FileEntry {
                code,
                symbol,
                symbol_derived: flags & 1 != 0,
                aliases,
                message,
                message_derived: flags & 2 != 0,
                category,
                kind,
                http_status,
                retryable: (flags & 16 != 0).then_some(flags & 32 != 0),
                causes,
                reaction,
                wait: flags & 4 != 0,
                server_only: flags & 8 != 0,
                request,
                request_anchor,
                deprecated,
                doc_url,
                note,
                minor,
            });
        }
        cats.push(FileCatalog {
            catalog,
            category,
            entry,
        });
    }
    r.bytes.is_empty().then_some(cats)
}

#[allow(dead_code)]
struct Reader<'a> {
    bytes: &'a [u8],
    strings: Vec<&'a str>,
}

#[allow(dead_code)]
impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }
    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    /// A count or length: never more than the bytes left, so a corrupt
    /// count cannot make a loop run long or a vector huge.
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.bytes.len()).then_some(n)
    }
    fn int(&mut self) -> Option<i64> {
        let v = self.uint()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }
    fn opt(&mut self) -> Option<Option<String>> {
        match usize::try_from(self.uint()?).ok()? {
            0 => Some(None),
            i => Some(Some(self.strings.get(i - 1)?.to_string())),
        }
    }
    fn string(&mut self) -> Option<String> {
        self.opt()?
    }
    fn list(&mut self) -> Option<Vec<String>> {
        (0..self.len()?).map(|_| self.string()).collect()
    }
    fn status(&mut self) -> Option<Option<u16>> {
        match self.uint()? {
            0 => Some(None),
            s => Some(Some(u16::try_from(s - 1).ok()?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/compact.bin"));

    #[test]
    fn round_trip_and_exact_length() {
        let cats = decode(BUILTIN).expect("the built-in encoding decodes");
        assert_eq!(cats.len(), 5);
        assert_eq!(encode(&cats), BUILTIN);
        let mut longer = BUILTIN.to_vec();
        longer.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes are refused");
    }

    /// Corrupt input is refused (or decodes to something), never a panic
    /// and never a huge allocation.
    #[test]
    fn corrupt_input_never_panics() {
        for n in 0..BUILTIN.len() {
            assert!(decode(&BUILTIN[..n]).is_none(), "truncated at {n}");
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            let mut b = BUILTIN.to_vec();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let i = 4 + (seed as usize) % (b.len() - 4);
                b[i] = (seed >> 32) as u8;
            }
            let _ = decode(&b);
        }
        assert!(decode(b"ECC1\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff").is_none());
        assert!(decode(b"nope").is_none());
    }
}
