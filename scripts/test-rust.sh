#!/usr/bin/env bash
# The Rust core and the CLI: build once (release), run every Rust test
# (shared vectors, fidelity against the seeds, table invariants, property
# tests, CLI end-to-end, compatibility guard, README doctests), compile and
# run the criterion benches once in test mode (which also checks that the
# hand-written baselines are the real table), and the README's CLI commands.
#
#   scripts/test-rust.sh           # the tests
#   scripts/test-rust.sh --bench   # also the criterion benches (reports/bench-rust.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh rust
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

fmt_check() {
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo fmt --all -- --check || { echo "rust: code is not rustfmt-formatted (run: cargo fmt --all)"; return 1; }
}
step fmt fmt_check
step build cargo build --release
# The default members: the runtime crate, the CLI, codegen and tooling.
step --count cargo tests cargo test --release
# Adding a catalog is adding one file: a scratch copy of the repository with
# a sixth catalog builds, and the catalog shows up in the CLI and in every
# generated file (tooling/tests/new_catalog.rs; about a minute).
step --count cargo new-catalog cargo test --release -p errcat-tooling --test new_catalog -- --ignored
# Criterion's test mode: each bench case runs once.
step --count cargo benches-compile cargo test --release -p errcat --benches

# docs/api.md against the crate's real public items, read from rustdoc's
# JSON output (a nightly feature; the nightly toolchain is also Miri's).
install_nightly() {
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  cargo +nightly --version
}
step nightly install_nightly
api_table() {
  CARGO_TARGET_DIR=target/rustdoc-json cargo +nightly rustdoc -q -p errcat --lib -- -Zunstable-options --output-format json
  python3 tests/api/check_api.py rust --rustdoc-json target/rustdoc-json/doc/errcat.json
}
step --count checks api-table api_table

readme_cli() {
  local E=target/release/errcat
  $E list >/dev/null
  $E lookup rtc 102 | grep -q userNotFound
  $E lookup spaces RATE_LIMITED | grep -q resource_exhausted
  $E lookup messenger 203 | grep -q "Message is too long"
  echo '{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","retry_after_ms":null,"missing_permission":"manage_messages"}}' \
    | $E decode spaces | grep -q "missing permission: manage_messages"
  $E check --against tests/compat/baseline.json
  echo "readme-cli: 6 passed, 0 failed"
}
step --count checks readme-cli readme_cli

# The translation files' XML (errcat l10n export, every catalog in en-XA)
# through a second, independent parser: libxml2's xmllint, no network. No
# Debian package ships the XLIFF 2.0 schema, so this is well-formedness only.
install_xmllint() {
  if ! command -v xmllint >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null
  fi
  xmllint --version 2>&1 | sed -n 1p # sed reads it all: head could close the pipe early (SIGPIPE under pipefail)
}
step install-xmllint install_xmllint
l10n_xml() {
  local E=target/release/errcat d=target/l10n-xml n=0
  mkdir -p "$d"
  for f in android xliff; do
    $E l10n export --format "$f" --locale en-XA -o "$d/all-$f.xml"
    xmllint --noout --nonet "$d/all-$f.xml"
    n=$((n + 1))
  done
  # The check can fail: a cut-off file is refused.
  head -c 2000 "$d/all-xliff.xml" >"$d/cut.xml"
  if xmllint --noout --nonet "$d/cut.xml" 2>/dev/null; then
    echo "l10n-xml: xmllint accepted a cut-off file"
    return 1
  fi
  echo "l10n-xml: $((n + 1)) passed, 0 failed"
}
step --count checks l10n-xml l10n_xml

if [[ "${1:-}" == --bench ]]; then
  step bench cargo bench -p errcat --bench lookup
  step bench-report python3 scripts/bench_rust_report.py target/criterion reports/bench-rust.md
fi
