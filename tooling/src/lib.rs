//! errcat's tooling: what is made from the table, kept out of the runtime
//! crate every binding links.
//!
//! * [`export`]: the JSON export (the CLI's `export --format json`, the
//!   compatibility baseline) and the Markdown reference.
//! * [`html`]: the static HTML reference site.
//! * [`check`]: the breaking-change check against an earlier JSON export.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod export;
pub mod html;
