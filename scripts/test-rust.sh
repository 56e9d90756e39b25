#!/usr/bin/env bash
# The Rust core and the CLI: build once (release), run every Rust test
# (shared vectors, fidelity against the seeds, table invariants, property
# tests, CLI end-to-end, compatibility guard, generated-file freshness), and
# compile-and-run the criterion benches once in test mode.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

if cargo fmt --version >/dev/null 2>&1; then
  cargo fmt -p errcat -p errcat-cli -p errcat-codegen -- --check \
    || { echo "rust: FAILED: code is not rustfmt-formatted (run: cargo fmt)"; exit 1; }
else
  echo "rust: rustfmt is not installed; formatting not checked (rustup component add rustfmt)"
fi
cargo build --release
cargo test --release -p errcat -p errcat-cli -p errcat-codegen
# Benches compile and run each case once (criterion's test mode); numbers
# come from `cargo bench -p errcat` (reports/bench-rust.md).
cargo test --release -p errcat --benches

# The README's CLI commands, run as a user would.
E=target/release/errcat
$E list >/dev/null
$E lookup rtc 102 | grep -q userNotFound
$E lookup spaces RATE_LIMITED | grep -q resource_exhausted
$E lookup messenger 203 | grep -q "Message is too long"
echo '{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","retry_after_ms":null,"missing_permission":"manage_messages"}}' \
  | $E decode spaces | grep -q "missing permission: manage_messages"
$E check --against tests/compat/baseline.json
echo "rust: all tests passed"
