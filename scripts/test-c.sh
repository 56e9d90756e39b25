#!/usr/bin/env bash
# C tests of errcat (issue 6): builds liberrcat.a and liberrcat.so, compiles
# the C tests (tests/c) against the committed header and runs them with both
# libraries under valgrind (zero errors, zero leaks of any kind), builds the
# example consumer through pkg-config and CMake, and runs the lookup
# benchmark once as a check that both sides agree. (The header's freshness
# against cbindgen is checked by scripts/test-generated.sh.)
#
#   scripts/test-c.sh           run everything
#   scripts/test-c.sh --bless   regenerate ffi/include/errcat.h first
#   scripts/test-c.sh --bench   also measure, and rewrite reports/bench-c.md
#
# Installs what it needs when missing (apt: cmake, valgrind, pkg-config,
# gcc, libcjson-dev; cargo: cbindgen 0.29.4).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh c
ROOT="$(pwd)"
CBINDGEN_VERSION="0.29.4"
OUT="$ROOT/target/errcat-c"
MODE=${1:-test}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
LIBDIR="$CARGO_TARGET_DIR/release"
CBINDGEN="${CARGO_HOME:-$HOME/.cargo}/bin/cbindgen"
BUILD="$OUT/build"
PREFIX="$OUT/prefix"
mkdir -p "$OUT"

install_apt() {
  local missing=()
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
  else
    echo "apt packages present"
  fi
  cmake --version | sed -n 1p
  valgrind --version
}
step install-apt install_apt

install_cbindgen() {
  if ! "$CBINDGEN" --version 2>/dev/null | grep -qx "cbindgen $CBINDGEN_VERSION"; then
    echo "installing cbindgen $CBINDGEN_VERSION"
    cargo install cbindgen --locked --version "=$CBINDGEN_VERSION" --quiet
  fi
  "$CBINDGEN" --version | grep -qx "cbindgen $CBINDGEN_VERSION"
}
step install-cbindgen install_cbindgen

build_libs() {
  cargo build --release -p errcat-ffi
  ls -l "$LIBDIR/liberrcat.a" "$LIBDIR/liberrcat.so"
}
step build-libs build_libs

if [[ "$MODE" == --bless ]]; then
  step bless "$CBINDGEN" --config ffi/cbindgen.toml --crate errcat-ffi --output ffi/include/errcat.h ffi
fi

# Every extern "C" function has a "# Safety" section in the header.
safety_docs() {
  local fns safety
  fns=$(grep -cE '^[a-z].*\berrcat_[a-z0-9_]+\(' ffi/include/errcat.h)
  safety=$(grep -c '^ \* # Safety$' ffi/include/errcat.h)
  echo "errcat.h: $fns functions, $safety # Safety sections"
  [[ "$fns" -gt 0 && "$fns" == "$safety" ]]
}
step header-safety-docs safety_docs

# The C table mirrors the core, header constants, generated files fresh.
# docs/api.md against the functions of the header.
step --count checks api-table python3 tests/api/check_api.py c --header ffi/include/errcat.h
step --count cargo rust-ffi-tests cargo test --release -p errcat-ffi

cmake_build() {
  cmake -S tests/c -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DERRCAT_LIB_DIR="$LIBDIR" -DERRCAT_INCLUDE_DIR="$ROOT/ffi/include"
  cmake --build "$BUILD" -j2
}
step compile-tests cmake_build

# ctest runs each test program under valgrind (tests/c/CMakeLists.txt); -V
# prints each program's own "<name>: N passed, M failed" line.
step --count checks ctest-valgrind bash -c "cd '$BUILD' && ctest -j2 -V"

install_prefix() {
  rm -rf "$PREFIX"
  ffi/install.sh "$PREFIX" "$LIBDIR"
  ls "$PREFIX/lib" "$PREFIX/lib/pkgconfig"
}
step install-prefix install_prefix

vg() { valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all -q "$@"; }

example_cmake() { # shared|static
  local ex="$OUT/example-$1" static=OFF
  [[ $1 == static ]] && static=ON
  rm -rf "$ex"
  PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" cmake -S tests/c/example -B "$ex" -DERRCAT_STATIC=$static
  cmake --build "$ex"
  LD_LIBRARY_PATH="$PREFIX/lib" vg "$ex/errcat_example" > "$ex.out"
  diff -u tests/c/example/expected_output.txt "$ex.out"
}
step example-cmake-shared example_cmake shared
step example-cmake-static example_cmake static

# The same program built the plain way: cc $(pkg-config --cflags --libs ...).
example_cc() { # errcat|errcat-static
  local exe="$OUT/plain-$1" flags
  flags=$(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --cflags --libs "$1")
  # shellcheck disable=SC2086  # pkg-config output is meant to be split
  cc -Wall -Werror -o "$exe" tests/c/example/main.c $flags
  LD_LIBRARY_PATH="$PREFIX/lib" vg "$exe" > "$exe.out"
  diff -u tests/c/example/expected_output.txt "$exe.out"
}
step example-pkgconfig-shared example_cc errcat
step example-pkgconfig-static example_cc errcat-static

# The README's example is the example consumer, byte for byte.
readme_example() {
  awk '/^<!-- example: tests\/c\/example\/main.c -->$/{f=1;next} f&&/^```c$/{g=1;next} g&&/^```$/{exit} g' ffi/README.md \
    | diff -u tests/c/example/main.c -
}
step readme-example readme_example

# A deprecated entry's constant warns where it is used, with its message.
deprecation_warning() {
  local exe="$OUT/deprecated_use" log="$OUT/deprecated_use.log"
  if cc -Werror=deprecated-declarations -I ffi/include -o "$exe" tests/c/deprecated_use.c 2> "$log"; then
    echo "using ERRCAT_SECURECHAT_USERNAME_HAS_ALREADY_BEEN_TAKEN compiled without a deprecation warning"
    return 1
  fi
  cat "$log"
  grep -q "USERNAME_HAS_ALREADY_BEEN_TAKEN is deprecated" "$log"
  cc -Wall -Wno-deprecated-declarations -I ffi/include -o "$exe" tests/c/deprecated_use.c
  "$exe"
}
step deprecation-warning deprecation_warning

# One short round: the bench checks that errcat and the switch agree on
# every code before it times anything, so it cannot rot between reports.
step bench-agrees "$BUILD/bench" 1

if [[ "$MODE" == --bench ]]; then
  step bench bash -c "'$BUILD/bench' --report > reports/bench-c.md && cat reports/bench-c.md"
fi
