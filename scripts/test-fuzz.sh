#!/usr/bin/env bash
# Hostile input (issue 7): a fuzz smoke run of every cargo-fuzz target,
# Miri over the core and the C ABI, and the thread test natively and under
# ThreadSanitizer. The hostile corpus itself (tests/vectors/hostile.json)
# is run by every binding's own script.
#
#   scripts/test-fuzz.sh                  # everything (~15 min on 2 cores, fresh)
#   FUZZ_SECONDS=600 scripts/test-fuzz.sh # the long run
#   FUZZ_TARGETS=decode,ffi scripts/test-fuzz.sh
#   FUZZ_ONLY=1 scripts/test-fuzz.sh      # the fuzz runs alone (no Miri/TSan)
#   scripts/test-fuzz.sh --report         # also rewrite reports/reliability.md from this run
#   ERRCAT_FUZZ_REPORT=1 scripts/test.sh  # the same, inside a full run
#
# Fuzzing writes new corpus entries to target/fuzz-corpus/<target> (seeded
# from the committed fuzz/corpus/<target>) and crashes to
# target/fuzz-artifacts/<target>; the repository stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh fuzz
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
IFS=',' read -r -a TARGETS <<< "${FUZZ_TARGETS:-decode,lookup,load_catalog,ffi,response,l10n_import}"
CARGO_FUZZ_VERSION=0.13.2
# Builds that use other flags than the workspace's release build get their
# own directories under the shared target dir, so they never invalidate it.
FUZZ_TARGET_DIR=target/fuzz
TSAN_TARGET_DIR=target/tsan
STATS=target/fuzz-logs
mkdir -p "$STATS"

install_toolchain() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    echo "installing the nightly toolchain"
    rustup toolchain install nightly --profile minimal
  fi
  local have
  have=$(rustup component list --toolchain nightly --installed)
  for c in miri rust-src; do
    if ! grep -q "^$c" <<< "$have"; then
      echo "installing nightly component $c"
      rustup component add "$c" --toolchain nightly
    fi
  done
  if [[ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
    echo "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
  fi
  cargo +nightly --version | tee "$STATS/nightly-version"
  cargo fuzz --version
}
step install-toolchain install_toolchain

step build-fuzz-targets cargo +nightly fuzz build --target-dir "$FUZZ_TARGET_DIR"

# Per target: the dictionary and the largest input (catalog files need more
# room than payloads and queries).
dict_of() { case $1 in lookup | load_catalog | response | l10n_import) echo "fuzz/dict/$1.dict" ;; *) echo fuzz/dict/decode.dict ;; esac; }
max_len_of() { case $1 in load_catalog | l10n_import) echo 16384 ;; lookup) echo 2048 ;; *) echo 8192 ;; esac; }

fuzz_one() {
  local t=$1 corpus=target/fuzz-corpus/$1 artifacts=target/fuzz-artifacts/$1 log=$STATS/$1.log rc=0
  mkdir -p "$corpus" "$artifacts"
  rm -f "$STATS/$t.stats"
  echo "fuzzing $t for ${FUZZ_SECONDS}s (log: $log)"
  cargo +nightly fuzz run --target-dir "$FUZZ_TARGET_DIR" "$t" "$corpus" "fuzz/corpus/$t" -- \
    -max_total_time="$FUZZ_SECONDS" -dict="$(dict_of "$t")" -max_len="$(max_len_of "$t")" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
    > "$log" 2>&1 || rc=$?
  if ((rc != 0)); then
    tail -60 "$log"
    echo "fuzz $t: crash or error; input in $artifacts/ (reproduce: cargo +nightly fuzz run $t $artifacts/<file>)"
    return "$rc"
  fi
  # libFuzzer's final line: "Done <runs> runs in <secs> second(s)".
  # Status lines: "#<n> <event> cov: <edges> ft: <features> corp: <units>/<size> ...".
  awk -v t="$t" '
    / cov: [0-9]+ / { for (i = 1; i < NF; i++) { if ($i == "cov:") cov = $(i + 1); if ($i == "corp:") corp = $(i + 1) } }
    /^Done [0-9]+ runs in/ { runs = $2; secs = $5; done = 1 }
    END { if (!done) { print t ": libFuzzer printed no Done line"; exit 1 }
          split(corp, c, "/")
          printf "%s\t%d\t%d\t%d\t%s\t%s\t%s\n", t, runs, secs, runs / (secs > 0 ? secs : 1), c[1], c[2], cov }' "$log" \
    > "$STATS/$t.stats"
  awk -F'\t' '{ printf "%s: %d executions in %ds (%d exec/s), corpus %s inputs (%s), coverage %s edges, 0 crashes\n", $1, $2, $3, $4, $5, $6, $7 }' "$STATS/$t.stats"
}
for t in "${TARGETS[@]}"; do
  step "fuzz-$t" fuzz_one "$t"
done

if [[ -z "${FUZZ_ONLY:-}" ]]; then
  step --count cargo threads cargo test --release -p errcat --test threads

  step miri-setup cargo +nightly miri setup
  # The core: the Miri subset (shared vectors up to 4 KiB, the compiled
  # indexes, loading a catalog) and the thread test with Miri's data-race
  # detector. Both are pure computation: no file IO, isolation stays on.
  step --count cargo miri-core cargo +nightly miri test -p errcat --test miri_subset --test threads
  # The C ABI crate's own Rust tests (they read include/errcat.h and
  # cbindgen.toml, hence file access). The generated-file freshness check is
  # string work with no unsafe code; it runs natively in test-c.sh.
  step --count cargo miri-ffi env MIRIFLAGS="-Zmiri-disable-isolation" \
    cargo +nightly miri test -p errcat-ffi --lib -- --skip generated_c_files_are_fresh
  # The C entry points driven as C calls them (fuzz/ffi-shim/tests/c_abi.rs).
  step --count cargo miri-c-abi env CARGO_TARGET_DIR="$FUZZ_TARGET_DIR" \
    cargo +nightly miri test --manifest-path fuzz/Cargo.toml -p errcat-ffi-shim --test c_abi

  # ThreadSanitizer: std is rebuilt with the sanitizer (-Zbuild-std), so
  # every atomic and lock is visible to it; a report fails the run.
  host=$(rustc -vV | sed -n 's/^host: //p')
  step --count cargo tsan env TSAN_OPTIONS="halt_on_error=1 abort_on_error=0 exitcode=66" \
    RUSTFLAGS="-Zsanitizer=thread" CARGO_TARGET_DIR="$TSAN_TARGET_DIR" \
    cargo +nightly test -Zbuild-std --target "$host" --release -p errcat --test threads
fi

if [[ "${1:-}" == --report || -n "${ERRCAT_FUZZ_REPORT:-}" ]]; then
  step report python3 scripts/reliability_report.py "$ERRCAT_RESULTS_DIR/fuzz.tsv" "$STATS" reports/reliability.md
fi
