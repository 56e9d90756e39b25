//! errcat's tooling: what is made from the table, kept out of the runtime
//! crate every binding links.
//!
//! * [`export`]: the JSON export (the CLI's `export --format json`, the
//!   compatibility baseline) and the Markdown reference.
//! * [`html`]: the static HTML reference site.
//! * [`check`]: the breaking-change check against an earlier JSON export.
//! * [`l10n`]: translation files (String Catalog, Android, XLIFF 2.0, flat
//!   JSON) out of the table and back in as overlays.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod export;
pub mod html;
pub mod l10n;
