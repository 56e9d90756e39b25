#!/usr/bin/env bash
# C tests of errcat (issue 6): builds liberrcat.a and liberrcat.so, checks
# that the committed header ffi/include/errcat.h is what cbindgen generates,
# compiles the C tests (tests/c) against that header and runs them with both
# libraries under valgrind (zero errors, zero leaks of any kind), builds the
# example consumer through pkg-config, and runs the lookup benchmark.
#
#   scripts/test-c.sh           run everything
#   scripts/test-c.sh --bless   regenerate ffi/include/errcat.h first
#
# Installs what it needs when missing (apt: cmake, valgrind, pkg-config,
# gcc, libcjson-dev; cargo: cbindgen 0.29.4). Ends with "c: N passed, M failed".
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
CBINDGEN_VERSION="0.29.4"
OUT="$ROOT/target/errcat-c"
BLESS=0
[[ "${1:-}" == "--bless" ]] && BLESS=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
LIBDIR="$CARGO_TARGET_DIR/release"

passed=0
failed=0
failures=()
ok() { passed=$((passed + 1)); echo "ok   - $1"; }
bad() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL - $1"; }
now() { date +%s; }

# --- toolchain --------------------------------------------------------------
t0=$(now)
missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v make >/dev/null 2>&1 || missing+=(make)
[[ -f /usr/include/cjson/cJSON.h ]] || missing+=(libcjson-dev)
if ((${#missing[@]})); then
  echo "installing with apt: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "install: apt packages ready in $(($(now) - t0))s"

t0=$(now)
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
CBINDGEN="$CARGO_BIN/cbindgen"
[[ -x "$CBINDGEN" ]] || CBINDGEN="$(command -v cbindgen || echo "$CARGO_BIN/cbindgen")"
if ! "$CBINDGEN" --version 2>/dev/null | grep -qx "cbindgen $CBINDGEN_VERSION"; then
  echo "installing cbindgen $CBINDGEN_VERSION"
  cargo install cbindgen --locked --version "=$CBINDGEN_VERSION" --quiet
  CBINDGEN="$CARGO_BIN/cbindgen"
fi
"$CBINDGEN" --version | grep -qx "cbindgen $CBINDGEN_VERSION" || { echo "cbindgen $CBINDGEN_VERSION missing"; exit 1; }
echo "install: cbindgen $CBINDGEN_VERSION ready in $(($(now) - t0))s"

# --- the libraries ----------------------------------------------------------
mkdir -p "$OUT"
t0=$(now)
if cargo build --release -p errcat-ffi && [[ -f "$LIBDIR/liberrcat.a" && -f "$LIBDIR/liberrcat.so" ]]; then
  ok "cargo build --release -p errcat-ffi: liberrcat.a and liberrcat.so"
else
  bad "build liberrcat.a and liberrcat.so"
  echo "c: $passed passed, $failed failed"
  exit 1
fi
echo "build: libraries in $(($(now) - t0))s"

# --- the header ---------------------------------------------------------------
cbindgen_args=(--config ffi/cbindgen.toml --crate errcat-ffi --output ffi/include/errcat.h)
if ((BLESS)); then
  "$CBINDGEN" "${cbindgen_args[@]}" ffi 2>/dev/null
  echo "wrote ffi/include/errcat.h"
fi
if "$CBINDGEN" "${cbindgen_args[@]}" --verify ffi >"$OUT/cbindgen.log" 2>&1; then
  ok "ffi/include/errcat.h is what cbindgen $CBINDGEN_VERSION generates"
else
  cat "$OUT/cbindgen.log" >&2
  bad "ffi/include/errcat.h is stale: run scripts/test-c.sh --bless and commit it"
fi

# Every extern "C" function has a "# Safety" section in the header.
fns=$(grep -cE '^[a-z].*\berrcat_[a-z0-9_]+\(' ffi/include/errcat.h || true)
safety=$(grep -c '^ \* # Safety$' ffi/include/errcat.h || true)
if [[ "$fns" -gt 0 && "$fns" == "$safety" ]]; then
  ok "all $fns functions of errcat.h document # Safety"
else
  bad "errcat.h has $fns functions but $safety # Safety sections"
fi

# --- Rust-side tests of the C layer -----------------------------------------
if cargo test --release -p errcat-ffi >"$OUT/rust.log" 2>&1; then
  grep -E '^test result:' "$OUT/rust.log"
  ok "cargo test -p errcat-ffi (the C table mirrors the core, header constants, generated files fresh)"
else
  cat "$OUT/rust.log" >&2
  bad "cargo test -p errcat-ffi"
fi

# --- C tests under valgrind, static and shared ------------------------------
t0=$(now)
build="$OUT/build"
if cmake -S tests/c -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
     -DERRCAT_LIB_DIR="$LIBDIR" -DERRCAT_INCLUDE_DIR="$ROOT/ffi/include" >"$OUT/cmake.log" 2>&1 &&
   cmake --build "$build" -j2 >>"$OUT/cmake.log" 2>&1; then
  ok "C tests compile against the committed header (-Wall -Wextra -Werror)"
else
  cat "$OUT/cmake.log" >&2
  bad "compile the C tests"
fi
echo "build: C tests in $(($(now) - t0))s"

t0=$(now)
if [[ -x "$build/test_api_static" ]]; then
  set +e
  (cd "$build" && ctest -j2 --output-on-failure) >"$OUT/ctest.log" 2>&1
  set -e
  grep -E 'Test +#' "$OUT/ctest.log" || true
  n_ok=$(grep -cE 'Test +#[0-9]+: .* Passed' "$OUT/ctest.log" || true)
  n_bad=$(grep -cE 'Test +#[0-9]+: .*(\*\*\*|Failed|Not Run|Timeout)' "$OUT/ctest.log" || true)
  passed=$((passed + n_ok))
  failed=$((failed + n_bad))
  ((n_bad == 0)) || { failures+=("ctest: $n_bad test(s)"); sed -n '/Output from these tests/,$p;/tests failed/,$p' "$OUT/ctest.log" | head -200; grep -E '^FAIL|==[0-9]+==' "$OUT/ctest.log" | head -100; }
  ((n_ok + n_bad > 0)) || bad "ctest ran no test"
  # The per-program check counts (printed by each test binary).
  (cd "$build" && for t in test_api_static test_vectors_static test_threads_static; do
     case $t in test_api_*) ./"$t" ;; test_vectors_*) ./"$t" "$ROOT/tests/vectors" ;; *) ./"$t" "$ROOT/tests/vectors" 1 ;; esac | tail -n1
   done) || true
fi
echo "test: ctest under valgrind in $(($(now) - t0))s"

# --- example consumer through pkg-config (shared and static) ----------------
t0=$(now)
prefix="$OUT/prefix"
rm -rf "$prefix"
ffi/install.sh "$prefix" "$LIBDIR" >/dev/null
for flavor in shared static; do
  ex="$OUT/example-$flavor"
  static=OFF
  [[ $flavor == static ]] && static=ON
  if PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cmake -S tests/c/example -B "$ex" -DERRCAT_STATIC=$static >"$ex.log" 2>&1 &&
     cmake --build "$ex" >>"$ex.log" 2>&1 &&
     LD_LIBRARY_PATH="$prefix/lib" valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
       --errors-for-leak-kinds=all -q "$ex/errcat_example" >"$ex.out" 2>>"$ex.log" &&
     diff -u tests/c/example/expected_output.txt "$ex.out"; then
    ok "example consumer ($flavor, pkg-config, valgrind clean, expected output)"
  else
    cat "$ex.log" >&2
    bad "example consumer ($flavor)"
  fi
done
# The same program built the plain way: cc $(pkg-config --cflags --libs ...).
for pc in errcat errcat-static; do
  exe="$OUT/plain-$pc"
  # shellcheck disable=SC2046  # pkg-config output is meant to be split
  if cc -Wall -Werror -o "$exe" tests/c/example/main.c $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs "$pc") \
       >"$exe.log" 2>&1 &&
     LD_LIBRARY_PATH="$prefix/lib" valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
       --errors-for-leak-kinds=all -q "$exe" >"$exe.out" 2>>"$exe.log" &&
     diff -u tests/c/example/expected_output.txt "$exe.out"; then
    ok "cc \$(pkg-config --cflags --libs $pc) builds and runs the example"
  else
    cat "$exe.log" >&2
    bad "cc with pkg-config $pc"
  fi
done
echo "test: example consumer in $(($(now) - t0))s"

# The README's example is the example consumer, byte for byte.
if awk '/^<!-- example: tests\/c\/example\/main.c -->$/{f=1;next} f&&/^```c$/{g=1;next} g&&/^```$/{exit} g' ffi/README.md |
   diff -u tests/c/example/main.c - >/dev/null; then
  ok "ffi/README.md example is tests/c/example/main.c"
else
  bad "ffi/README.md example differs from tests/c/example/main.c"
fi

# --- benchmark (a measurement, not a test) ----------------------------------
if [[ -x "$build/bench" ]]; then
  "$build/bench" | tee "$OUT/bench-c.md"
  echo "(benchmark table saved to $OUT/bench-c.md; the committed numbers are in reports/bench-c.md)"
fi

if ((failed)); then
  printf 'failed: %s\n' "${failures[@]}"
fi
echo "c: $passed passed, $failed failed"
((failed == 0))
