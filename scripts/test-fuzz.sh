#!/usr/bin/env bash
# Hostile input (issue 7): a fuzz smoke run of every cargo-fuzz target,
# Miri over the core and the C ABI, and the thread test natively and under
# ThreadSanitizer. The hostile corpus itself (tests/vectors/hostile.json)
# is run by every binding's own script.
#
#   scripts/test-fuzz.sh                  # everything (~15 min on 2 cores, fresh)
#   FUZZ_SECONDS=600 scripts/test-fuzz.sh # the long run (reports/reliability.md)
#   FUZZ_TARGETS=decode,ffi scripts/test-fuzz.sh
#   FUZZ_ONLY=1 scripts/test-fuzz.sh      # the fuzz runs alone (no Miri/TSan)
#
# Fuzzing writes new corpus entries to target/fuzz-corpus/<target> (seeded
# from the committed fuzz/corpus/<target>) and crashes to
# target/fuzz-artifacts/<target>; the repository stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
IFS=',' read -r -a TARGETS <<< "${FUZZ_TARGETS:-decode,lookup,load_catalog,ffi}"
CARGO_FUZZ_VERSION=0.13.2
# Builds that use other flags than the workspace's release build get their
# own directories under the shared target dir, so they never invalidate it.
FUZZ_TARGET_DIR=target/fuzz
TSAN_TARGET_DIR=target/tsan

passed=0
failed=0
failures=()
ok() { passed=$((passed + 1)); echo "PASS: $1"; }
ko() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL: $1"; }
timed() { # timed <label> <command...>: runs, prints the time it took
  local label=$1 t0=$SECONDS
  shift
  "$@"
  echo "[time] $label: $((SECONDS - t0))s"
}

# --- toolchain ---------------------------------------------------------------
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
  cargo +nightly --version
  cargo fuzz --version
}
timed "install toolchain (nightly, miri, rust-src, cargo-fuzz)" install_toolchain

# --- fuzz smoke ----------------------------------------------------------------
# Per target: the dictionary and the largest input (catalog files need more
# room than payloads and queries).
dict_of() { case $1 in lookup | load_catalog) echo "fuzz/dict/$1.dict" ;; *) echo fuzz/dict/decode.dict ;; esac; }
max_len_of() { case $1 in load_catalog) echo 16384 ;; lookup) echo 2048 ;; *) echo 8192 ;; esac; }

timed "build fuzz targets" cargo +nightly fuzz build --target-dir "$FUZZ_TARGET_DIR"
fuzz_summary=()
fuzz_start=$SECONDS
for t in "${TARGETS[@]}"; do
  corpus=target/fuzz-corpus/$t
  artifacts=target/fuzz-artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  log=target/fuzz-logs/$t.log
  mkdir -p target/fuzz-logs
  echo "fuzzing $t for ${FUZZ_SECONDS}s (log: $log)"
  t0=$SECONDS
  if cargo +nightly fuzz run --target-dir "$FUZZ_TARGET_DIR" "$t" "$corpus" "fuzz/corpus/$t" -- \
      -max_total_time="$FUZZ_SECONDS" -dict="$(dict_of "$t")" -max_len="$(max_len_of "$t")" \
      -artifact_prefix="$artifacts/" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
      > "$log" 2>&1; then
    # libFuzzer's final line: "Done <runs> runs in <secs> second(s)".
    # Status lines: "#<n> <event> cov: <edges> ft: <features> corp: <units>/<size> ...".
    line=$(awk -v t="$t" '
      / cov: [0-9]+ / { for (i = 1; i < NF; i++) { if ($i == "cov:") cov = $(i + 1); if ($i == "corp:") corp = $(i + 1) } }
      /^Done [0-9]+ runs in/ { runs = $2; secs = $5 }
      END { split(corp, c, "/")
            printf "%s: %d executions in %ds (%d exec/s), corpus %s inputs (%s), coverage %s edges, crashes 0",
                   t, runs, secs, runs / (secs > 0 ? secs : 1), c[1], c[2], cov }' "$log")
    fuzz_summary+=("$line")
    ok "fuzz $t ($line)"
  else
    tail -60 "$log"
    ko "fuzz $t: crash or error after $((SECONDS - t0))s; input in $artifacts/ (reproduce: cargo +nightly fuzz run $t $artifacts/<file>)"
  fi
done
echo "[time] fuzz runs: ${#TARGETS[@]} targets x ${FUZZ_SECONDS}s, $((SECONDS - fuzz_start))s in all"

if [[ -z "${FUZZ_ONLY:-}" ]]; then
  # --- thread test, natively -------------------------------------------------
  if timed "thread test (release)" cargo test --release -p errcat --test threads; then
    ok "core thread test"
  else
    ko "core thread test"
  fi

  # --- Miri ------------------------------------------------------------------
  timed "miri setup" cargo +nightly miri setup
  # The core: the Miri subset (shared vectors up to 4 KiB, the compiled
  # indexes, loading a catalog) and the thread test with Miri's data-race
  # detector. Both are pure computation: no file IO, isolation stays on.
  if timed "miri: core" cargo +nightly miri test -p errcat --test miri_subset --test threads; then
    ok "miri: core (tests/miri_subset.rs, tests/threads.rs)"
  else
    ko "miri: core"
  fi
  # The C ABI crate's own Rust tests (they read include/errcat.h and
  # cbindgen.toml, hence file access). The generated-file freshness check
  # is string work with no unsafe code and takes 100 s under Miri; it runs
  # natively with the C ABI crate's own tests.
  if MIRIFLAGS="-Zmiri-disable-isolation" timed "miri: errcat-ffi tests" \
      cargo +nightly miri test -p errcat-ffi --lib -- --skip generated_c_files_are_fresh; then
    ok "miri: errcat-ffi unit tests"
  else
    ko "miri: errcat-ffi unit tests"
  fi
  # The C entry points driven as C calls them (fuzz/ffi-shim/tests/c_abi.rs).
  if CARGO_TARGET_DIR=$FUZZ_TARGET_DIR timed "miri: C entry points" \
      cargo +nightly miri test --manifest-path fuzz/Cargo.toml -p errcat-ffi-shim --test c_abi; then
    ok "miri: C entry points (fuzz/ffi-shim/tests/c_abi.rs)"
  else
    ko "miri: C entry points"
  fi

  # --- ThreadSanitizer -------------------------------------------------------
  # std is rebuilt with the sanitizer (-Zbuild-std), so every atomic and
  # lock is visible to it; a report fails the run.
  host=$(rustc -vV | sed -n 's/^host: //p')
  if TSAN_OPTIONS="halt_on_error=1 abort_on_error=0 exitcode=66" \
      RUSTFLAGS="-Zsanitizer=thread" CARGO_TARGET_DIR=$TSAN_TARGET_DIR \
      timed "tsan: thread test" cargo +nightly test -Zbuild-std --target "$host" --release \
      -p errcat --test threads; then
    ok "tsan: core thread test"
  else
    ko "tsan: core thread test"
  fi
fi

echo
echo "=== fuzz summary"
for l in "${fuzz_summary[@]}"; do echo "  $l"; done
echo "fuzz/miri/tsan: $passed passed, $failed failed"
for f in "${failures[@]}"; do echo "  failed: $f"; done
[[ $failed -eq 0 ]]
