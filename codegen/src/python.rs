//! Generated files for the Python package (`python/errcat/`).
//!
//! * `errcat/__init__.pyi`: the typed API. Its text is below ([`INIT_PYI`]);
//!   the table-derived parts (the `Kind` members) are filled in.
//! * `errcat/<catalog>.pyi`: one stub per catalog with its base class, the
//!   `Code` IntEnum and one exception class per entry.
//! * `errcat/<catalog>.py`: the per-catalog modules. They list the names
//!   they export (`__all__`) and ask the runtime to fill them in on first
//!   use (`errcat._catalog_module_hooks`): the classes are built from the
//!   Rust table, so no class is written twice, and a loaded catalog gets
//!   its classes from the same builder.
//!
//! `mypy.stubtest` (run by scripts/test-python.sh) checks the stubs against
//! the classes the runtime really builds, and `tests/fresh.rs` that these
//! files are current.
//!
//! ## Names
//!
//! * An entry's class is its type name ([`errcat::type_name`]:
//!   `RATE_LIMITED` → `RateLimited`, `userNotFound` → `UserNotFound`,
//!   `2FA_REQUIRED` → `TwoFaRequired`).
//! * A catalog's base class is the type name of its id plus `Error`
//!   (`spaces` → `SpacesError`).
//! * An entry's `Code` member is the type name split before each capital
//!   letter, joined with `_` and upper-cased (`RATE_LIMITED`,
//!   `USER_NOT_FOUND`, `TWO_FA_REQUIRED`); the split is reversible, so
//!   members are unique because type names are.
//!
//! The runtime applies the same rules (`errcat.class_name`,
//! `Entry.enum_name`); stubtest fails if the two ever disagree.

use crate::{Generated, GENERATED_NOTE};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The `Code` member name of a type name (see the module docs).
pub fn enum_name(type_name: &str) -> String {
    let mut out = String::with_capacity(type_name.len() + 8);
    for (i, ch) in type_name.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_uppercase());
    }
    out
}

/// The base class name of a catalog (`SpacesError`).
pub fn base_class_name(catalog_id: &str) -> String {
    format!("{}Error", errcat::type_name(catalog_id))
}

/// A Python string literal (JSON string syntax is valid Python).
fn lit(s: &str) -> String {
    serde_json::to_string(s).expect("a str serializes")
}

/// Names a generated module defines besides the entry classes.
const RESERVED: [&str; 2] = ["Code", "CATALOG"];

/// Python keywords that a type name could spell (they start upper-case).
const KEYWORDS: [&str; 3] = ["None", "True", "False"];

fn catalog_py(c: &errcat::Catalog) -> String {
    let mut s = String::new();
    writeln!(s, "# {GENERATED_NOTE}").unwrap();
    writeln!(s, "\"\"\"Errors of the {} catalog ({}).", c.id, c.name).unwrap();
    writeln!(s).unwrap();
    writeln!(
        s,
        "One exception class per entry, all subclassing {}, and the Code\n\
         IntEnum. The classes are built from the table in errcat._native the\n\
         first time one is used; this file only lists their names.\n\"\"\"",
        base_class_name(&c.id)
    )
    .unwrap();
    writeln!(s).unwrap();
    writeln!(s, "from errcat import _catalog_module_hooks").unwrap();
    writeln!(s).unwrap();
    writeln!(s, "__all__ = [").unwrap();
    for n in module_names(c) {
        writeln!(s, "    {},", lit(&n)).unwrap();
    }
    writeln!(s, "]").unwrap();
    writeln!(s).unwrap();
    let deprecated = deprecated_classes(c);
    if deprecated.is_empty() {
        writeln!(
            s,
            "__getattr__, __dir__ = _catalog_module_hooks(globals(), {})",
            lit(&c.id)
        )
        .unwrap();
    } else {
        // Deprecated classes stay out of the module's attributes, so each
        // use by name reaches __getattr__, which warns with the message.
        writeln!(s, "__getattr__, __dir__ = _catalog_module_hooks(").unwrap();
        writeln!(s, "    globals(),").unwrap();
        writeln!(s, "    {},", lit(&c.id)).unwrap();
        writeln!(s, "    deprecated={{").unwrap();
        for (name, message) in &deprecated {
            writeln!(s, "        {}: {},", lit(name), lit(message)).unwrap();
        }
        writeln!(s, "    }},").unwrap();
        writeln!(s, ")").unwrap();
    }
    writeln!(s, "del _catalog_module_hooks").unwrap();
    s
}

/// (class name, [`crate::deprecation_message`]) of each deprecated entry.
fn deprecated_classes(c: &errcat::Catalog) -> Vec<(String, String)> {
    c.entries
        .iter()
        .filter_map(|e| crate::deprecation_message(e).map(|m| (e.type_name.to_string(), m)))
        .collect()
}

/// What a catalog module exports: the base class, `Code`, `CATALOG`, then
/// one class per entry in table order.
fn module_names(c: &errcat::Catalog) -> Vec<String> {
    let mut v = vec![
        base_class_name(&c.id),
        "Code".to_string(),
        "CATALOG".to_string(),
    ];
    v.extend(c.entries.iter().map(|e| e.type_name.to_string()));
    v
}

fn catalog_pyi(c: &errcat::Catalog) -> String {
    let base = base_class_name(&c.id);
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for n in RESERVED.iter().copied().chain([base.as_str()]) {
        names.insert(n);
    }
    for e in c.entries.iter() {
        assert!(
            names.insert(&e.type_name),
            "{}: class name {} of {} is taken twice",
            c.id,
            e.type_name,
            e.symbol
        );
        assert!(
            !KEYWORDS.contains(&&*e.type_name),
            "{}: class name {} of {} is a Python keyword",
            c.id,
            e.type_name,
            e.symbol
        );
    }
    let mut s = String::new();
    writeln!(s, "# {GENERATED_NOTE}").unwrap();
    writeln!(
        s,
        "\"\"\"Errors of the {} catalog ({}).\"\"\"",
        c.id, c.name
    )
    .unwrap();
    writeln!(s).unwrap();
    writeln!(s, "import enum").unwrap();
    writeln!(s, "from typing import ClassVar").unwrap();
    writeln!(s).unwrap();
    writeln!(s, "from errcat import Catalog, Entry, ErrcatError").unwrap();
    writeln!(s).unwrap();
    writeln!(s, "__all__ = [").unwrap();
    for n in module_names(c) {
        writeln!(s, "    {},", lit(&n)).unwrap();
    }
    writeln!(s, "]").unwrap();
    writeln!(s).unwrap();
    writeln!(s, "CATALOG: Catalog").unwrap();
    writeln!(s).unwrap();
    writeln!(s, "class {base}(ErrcatError):").unwrap();
    writeln!(
        s,
        "    \"\"\"Base class of every {} error; also the class of a code the table does not know.\"\"\"",
        c.id
    )
    .unwrap();
    writeln!(s).unwrap();
    writeln!(s, "class Code(enum.IntEnum):").unwrap();
    writeln!(s, "    \"\"\"The codes of the {} catalog.\"\"\"", c.id).unwrap();
    writeln!(s).unwrap();
    for e in c.entries.iter() {
        writeln!(s, "    {} = {}", enum_name(&e.type_name), e.code).unwrap();
    }
    for e in c.entries.iter() {
        writeln!(s).unwrap();
        let deprecation = crate::deprecation_message(e);
        if let Some(m) = &deprecation {
            // typing_extensions.deprecated would make type checkers flag
            // uses, but the package does not depend on typing_extensions;
            // at run time a use by name warns (DeprecationWarning).
            writeln!(s, "# Deprecated: {m}").unwrap();
        }
        writeln!(s, "class {}({base}):", e.type_name).unwrap();
        let mut doc = format!(
            "{} ({} {}, {}, HTTP {}): {}",
            e.symbol,
            c.id,
            e.code,
            e.kind.as_str(),
            e.http_status,
            e.message
        );
        if let Some(m) = &deprecation {
            write!(doc, "\n\nDeprecated: {m}").unwrap();
        }
        writeln!(s, "    {}", lit(&doc)).unwrap();
        writeln!(s, "    entry: ClassVar[Entry]").unwrap();
    }
    s
}

fn init_pyi() -> String {
    let mut kinds = String::new();
    for k in errcat::Kind::ALL {
        writeln!(
            kinds,
            "    {} = {}",
            k.as_str().to_ascii_uppercase(),
            lit(k.as_str())
        )
        .unwrap();
    }
    let mut imports = String::new();
    for id in errcat::CATALOG_IDS {
        writeln!(imports, "from errcat import {id} as {id}").unwrap();
    }
    INIT_PYI
        .replace("@NOTE@", GENERATED_NOTE)
        .replace("@KINDS@\n", &kinds)
        .replace("@CATALOG_MODULES@\n", &imports)
        .replace(
            "@CATALOG_ID_LITERALS@",
            &errcat::CATALOG_IDS
                .iter()
                .map(|id| lit(id))
                .collect::<Vec<_>>()
                .join(", "),
        )
}

/// Every generated file of this target.
pub fn files() -> Vec<Generated> {
    let dir = PathBuf::from("python/errcat");
    let mut v = vec![(dir.join("__init__.pyi"), init_pyi())];
    for c in errcat::catalogs() {
        v.push((dir.join(format!("{}.py", c.id)), catalog_py(c)));
        v.push((dir.join(format!("{}.pyi", c.id)), catalog_pyi(c)));
    }
    v
}

/// The typed API of the `errcat` package (`python/errcat/__init__.pyi`).
const INIT_PYI: &str = r#"# @NOTE@
"""errcat: one table of API error codes, as typed Python errors."""

import datetime
import email.message
import enum
import os
from typing import Any, ClassVar, Iterable, Iterator, Literal, Mapping, NoReturn, Optional, TypeVar, Union, final, overload

@CATALOG_MODULES@

__version__: str
CATALOG_IDS: tuple[str, ...]
MAX_PAYLOAD_BYTES: int

_Payload = Union[bytes, bytearray, memoryview, str, Mapping[str, Any]]
_CatalogArg = Union[str, Catalog]
# A mapping (dict, requests' CaseInsensitiveDict, httpx.Headers), an
# email.message.Message (urllib, http.client) or (name, value) pairs.
_Headers = Union[Mapping[str, str], email.message.Message, Iterable[tuple[str, str]]]
_Body = Union[bytes, bytearray, memoryview, str]
_Now = Union[datetime.datetime, int, float, None]
_T = TypeVar("_T")
_BuiltinId = Literal[@CATALOG_ID_LITERALS@]
# A locale preference: one tag or a comma-separated list ("pt-BR,pt"), a
# list or tuple of tags, or None for gettext's environment order.
_Locale = Union[str, list[str], tuple[str, ...], None]

__all__ = [
    "CATALOG_IDS",
    "MAX_PAYLOAD_BYTES",
    "Catalog",
    "CatalogError",
    "CatalogProblem",
    "Category",
    "DecodeError",
    "Deprecation",
    "Entry",
    "ErrcatError",
    "Kind",
    "LocalizedTexts",
    "Minor",
    "NsError",
    "UnknownCatalogError",
    "UnknownCodeError",
    "__version__",
    "catalog",
    "catalogs",
    "class_name",
    "clear_overlays",
    "decode",
    "decode_response",
    "error_for",
    "from_response",
    "load_catalog",
    "lookup",
    "lookup_code",
    "lookup_symbol",
    "parse_catalog",
    "raise_for",
    "raise_for_response",
    "register_overlay",
    "search",
]

class Kind(str, enum.Enum):
    """The canonical error class shared by every catalog (the gRPC canonical codes).

    A str: `e.kind == "not_found"` works, and `str(kind)` is the value."""

@KINDS@
    def __new__(cls, value: object) -> Kind: ...
    @property
    def grpc_code(self) -> int:
        """The gRPC numeric code (0-16)."""
    @property
    def http_status(self) -> int:
        """The HTTP status gRPC maps this kind to."""
    @property
    def default_retryable(self) -> bool:
        """Whether errors of this kind are worth retrying by default."""

@final
class Minor:
    """A minor code of an entry (the messenger protocol's minor codes)."""

    @property
    def code(self) -> int: ...
    @property
    def detail(self) -> Optional[str]: ...
    @property
    def reaction(self) -> Optional[str]: ...

@final
class Deprecation:
    """A deprecation notice."""

    @property
    def since(self) -> Optional[str]: ...
    @property
    def replaced_by(self) -> Optional[str]: ...
    @property
    def note(self) -> Optional[str]: ...

@final
class Category:
    """A category of a catalog (a heading of its document)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def http_status(self) -> Optional[int]: ...

@final
class CatalogProblem:
    """One problem found in a catalog file: the file, the entry, the problem."""

    @property
    def file(self) -> str: ...
    @property
    def entry(self) -> Optional[str]: ...
    @property
    def problem(self) -> str: ...

@final
class Entry:
    """One row of the table. A lookup returns the same object every time."""

    @property
    def catalog(self) -> str:
        """The catalog id."""
    @property
    def code(self) -> int:
        """The integer code, unique in its catalog."""
    @property
    def symbol(self) -> str:
        """The documented name, spelled as documented."""
    @property
    def symbol_derived(self) -> bool: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def type_name(self) -> str:
        """The exception class name (errcat.class_name(symbol))."""
    @property
    def enum_name(self) -> str:
        """The member name in the catalog's Code enum."""
    @property
    def message(self) -> str:
        """The documented text."""
    @property
    def message_derived(self) -> bool: ...
    @property
    def category(self) -> str:
        """The category id."""
    @property
    def kind(self) -> Kind: ...
    @property
    def http_status(self) -> int: ...
    @property
    def http_status_documented(self) -> bool: ...
    @property
    def retryable(self) -> bool: ...
    @property
    def causes(self) -> tuple[str, ...]: ...
    @property
    def reaction(self) -> Optional[str]: ...
    @property
    def wait_required(self) -> bool:
        """The server sends a wait parameter with this error."""
    @property
    def server_only(self) -> bool: ...
    @property
    def request(self) -> Optional[str]: ...
    @property
    def deprecated(self) -> bool: ...
    @property
    def deprecation(self) -> Optional[Deprecation]: ...
    @property
    def doc_url(self) -> Optional[str]: ...
    @property
    def note(self) -> Optional[str]: ...
    @property
    def minor_codes(self) -> tuple[Minor, ...]:
        """The entry's documented minor codes."""
    def localized_message(self, locale: _Locale = None) -> str:
        """The message in the locale `locale` selects (pt-BR -> pt -> the
        base text; en-XA built in); a loaded catalog's entry: the base text."""

@final
class LocalizedTexts:
    """An entry's texts in the locale a preference list selected."""

    @property
    def locale(self) -> Optional[str]:
        """The locale of the texts; None for the base (English) text."""
    @property
    def message(self) -> str: ...
    @property
    def causes(self) -> tuple[str, ...]: ...
    @property
    def reaction(self) -> Optional[str]: ...
    @property
    def minor_codes(self) -> tuple[Minor, ...]: ...

@final
class NsError:
    """An error as NSError sees it: domain, code and userInfo."""

    @property
    def domain(self) -> str: ...
    @property
    def code(self) -> int: ...
    @property
    def localized_description(self) -> str: ...
    @property
    def failure_reason(self) -> Optional[str]: ...
    @property
    def recovery_suggestion(self) -> Optional[str]: ...
    @property
    def user_info(self) -> dict[str, Union[str, int, bool]]: ...
    def as_dict(self) -> dict[str, Any]: ...

@final
class Catalog:
    """One error catalog: a built-in one or one loaded at run time."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def wire(self) -> str: ...
    @property
    def description(self) -> Optional[str]: ...
    @property
    def source(self) -> Optional[str]: ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def is_builtin(self) -> bool: ...
    @property
    def entries(self) -> tuple[Entry, ...]: ...
    @property
    def categories(self) -> tuple[Category, ...]: ...
    @property
    def base_class_name(self) -> str: ...
    @property
    def module(self) -> str: ...
    @property
    def base_class(self) -> type[ErrcatError]: ...
    @property
    def error_classes(self) -> tuple[type[ErrcatError], ...]: ...
    @property
    def Code(self) -> type[enum.IntEnum]: ...
    def lookup(self, code_or_symbol: Union[int, str]) -> Entry: ...
    @overload
    def get(self, code_or_symbol: Union[int, str]) -> Optional[Entry]: ...
    @overload
    def get(self, code_or_symbol: Union[int, str], default: _T) -> Union[Entry, _T]: ...
    def search(self, text: str) -> list[Entry]: ...
    def decode(self, payload: _Payload) -> ErrcatError: ...
    def raise_for(self, payload: _Payload) -> NoReturn: ...
    def decode_response(
        self, status: int, headers: _Headers, body: _Body, *, now: _Now = None
    ) -> Optional[ErrcatError]: ...
    def class_for(self, code_or_symbol: Union[int, str]) -> type[ErrcatError]: ...
    def _error_data(self, entry: Optional[Entry], message: Optional[str] = None) -> Any: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Entry]: ...
    def __contains__(self, code_or_symbol: object, /) -> bool: ...

class ErrcatError(Exception):
    """Base class of every error a server sent, in every catalog."""

    entry: ClassVar[Optional[Entry]]
    @property
    def code(self) -> int: ...
    @property
    def symbol(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def message(self) -> str: ...
    @property
    def server_message(self) -> Optional[str]: ...
    @property
    def raw_code(self) -> str: ...
    @property
    def is_unknown(self) -> bool: ...
    @property
    def http_status(self) -> int: ...
    @property
    def retryable(self) -> bool: ...
    @property
    def minor(self) -> Optional[int]: ...
    @property
    def minor_detail(self) -> Optional[str]: ...
    @property
    def reaction(self) -> Optional[str]: ...
    @property
    def retry_after_ms(self) -> Optional[int]: ...
    @property
    def missing_permission(self) -> Optional[str]: ...
    @property
    def wait(self) -> Optional[int]: ...
    @property
    def catalog(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def response_status(self) -> Optional[int]: ...
    @property
    def content_type(self) -> Optional[str]: ...
    @property
    def body_excerpt(self) -> Optional[str]: ...
    @property
    def body_len(self) -> Optional[int]: ...
    @property
    def is_from_status(self) -> bool: ...
    def ns_error(self) -> NsError: ...
    def localized_message(self, locale: _Locale = None) -> str:
        """The message to show in a locale: a translation wins over the server's text."""
    def localized(self, locale: _Locale = None) -> Optional[LocalizedTexts]:
        """The entry's texts in a locale; None for an unknown code or a loaded catalog."""

class DecodeError(ValueError):
    """A payload that is not an error at all; `reason` says why."""

    reason: str
    def __init__(self, message: str, reason: str) -> None: ...

class UnknownCatalogError(LookupError):
    """No built-in catalog has this id."""

    reason: ClassVar[str]
    catalog: str
    def __init__(self, message: str, catalog: str) -> None: ...

class UnknownCodeError(LookupError):
    """The catalog has no entry for this code or symbol."""

    reason: ClassVar[str]
    catalog: str
    query: object
    def __init__(self, message: str, catalog: str, query: object) -> None: ...

class CatalogError(ValueError):
    """A catalog file failed to load or validate; `problems` lists why."""

    problems: list[CatalogProblem]
    def __init__(self, message: str, problems: list[CatalogProblem]) -> None: ...

def catalogs() -> tuple[Catalog, ...]:
    """The built-in catalogs, in their public order."""

@overload
def catalog(catalog: _BuiltinId) -> Catalog: ...
@overload
def catalog(catalog: str) -> Optional[Catalog]:
    """The built-in catalog with this id, or None."""

def lookup(catalog: _CatalogArg, code_or_symbol: Union[int, str], /) -> Entry:
    """The entry for an int code or a symbol (forgiving) in a catalog."""

def search(text: str) -> list[Entry]:
    """Entries of every built-in catalog matching every word of `text`."""

def lookup_code(catalog: _CatalogArg, code: int) -> Optional[Entry]:
    """The entry with this int code, or None."""

def lookup_symbol(catalog: _CatalogArg, symbol: str) -> Optional[Entry]:
    """The entry with exactly this symbol or alias, or None."""

def decode(catalog: _CatalogArg, payload: _Payload) -> ErrcatError:
    """Decodes a server's error payload into an instance of the right class.

    Raises DecodeError (with `reason`) when the payload is not an error, or
    the catalog id does not exist (reason "unknown_catalog")."""

def error_for(catalog: _CatalogArg, code_or_symbol: Union[int, str]) -> ErrcatError:
    """The error of a documented entry, as if the server sent it without a message."""

def raise_for(catalog: _CatalogArg, payload: _Payload) -> NoReturn:
    """Decodes a payload and raises the error it holds."""

def decode_response(
    catalog: _CatalogArg, status: int, headers: _Headers, body: _Body, *, now: _Now = None
) -> Optional[ErrcatError]:
    """Decodes an HTTP response's parts: None when it is not an error, else
    the error typed from its body or, for a body that is not an error
    payload, from its status. `now` is the clock an HTTP-date Retry-After
    is read against (datetime, naive = UTC, or Unix seconds)."""

def from_response(catalog: _CatalogArg, resp: object, *, now: _Now = None) -> Optional[ErrcatError]:
    """The error of a requests/httpx response, urllib.error.HTTPError or
    http.client.HTTPResponse, or None. Reads the body (consumed for urllib
    and http.client)."""

def raise_for_response(catalog: _CatalogArg, resp: object, *, now: _Now = None) -> None:
    """Raises the error of a response object (see from_response); else returns None."""

def class_name(symbol: str) -> str:
    """The class name of a symbol (AUTH_FAILED -> AuthFailed, 2FA_REQUIRED -> TwoFaRequired)."""

def load_catalog(path: Union[str, os.PathLike[str]]) -> Catalog:
    """Loads and validates a catalog file (.toml or .json)."""

def parse_catalog(text: Union[str, bytes], format: str, name: Optional[str] = None) -> Catalog:
    """Loads and validates a catalog from text (format: "toml" or "json")."""

def register_overlay(text: Union[str, bytes], format: str = "toml") -> None:
    """Registers a translation overlay of a built-in catalog (validated; it
    replaces the overlay of the same catalog and locale). Raises CatalogError."""

def clear_overlays() -> None:
    """Drops every registered overlay (en-XA is built in and stays)."""
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_names_are_unique_and_reversible() {
        for c in errcat::catalogs() {
            let mut seen = BTreeSet::new();
            for e in c.entries.iter() {
                let n = enum_name(&e.type_name);
                assert!(
                    seen.insert(n.clone()),
                    "{}: duplicate Code member {n}",
                    c.id
                );
                assert!(n.chars().next().is_some_and(|ch| ch.is_ascii_uppercase()));
            }
        }
        assert_eq!(enum_name("TwoFaRequired"), "TWO_FA_REQUIRED");
        assert_eq!(enum_name("UserNotFound"), "USER_NOT_FOUND");
        assert_eq!(base_class_name("spaces"), "SpacesError");
    }

    /// The Python files alone, so the Python test script does not depend
    /// on the other targets' files being current.
    #[test]
    fn python_files_are_fresh() {
        let root = crate::repo_root();
        let stale: Vec<_> = files()
            .into_iter()
            .filter(|(p, text)| std::fs::read_to_string(root.join(p)).ok().as_deref() != Some(text))
            .map(|(p, _)| p)
            .collect();
        assert!(
            stale.is_empty(),
            "stale generated Python files: {stale:?}\nrun `cargo run --release -p errcat-codegen -- write` and commit the result"
        );
    }
}

/// Writes only the Python files (`ERRCAT_WRITE_PYTHON=1 cargo test --release
/// -p errcat-codegen --lib python::write -- --ignored`), for working on the
/// Python target without touching other targets' files; `errcat-codegen
/// write` writes everything.
#[cfg(test)]
#[test]
#[ignore]
fn write() {
    if std::env::var_os("ERRCAT_WRITE_PYTHON").is_none() {
        return;
    }
    let root = crate::repo_root();
    for (p, text) in files() {
        std::fs::write(root.join(&p), text).expect("write generated file");
    }
}
