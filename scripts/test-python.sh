#!/usr/bin/env bash
# Builds the Python binding's wheel and tests it, installed, in fresh virtual
# environments.
#
#   scripts/test-python.sh
#
# Steps: check the generated stubs are current (codegen), build the abi3 wheel
# with maturin, install it into a fresh venv of the main Python (python3, or
# $ERRCAT_PYTHON) and run the whole pytest suite (tests/python/: every shared
# vector, hierarchy, pickling, threads, hostile input, stubtest + mypy, README
# examples); repeat on the oldest and newest supported Pythons; check that
# `pip install ./python` works in a fresh venv; run the benchmark (quick).
#
# Environment:
#   ERRCAT_PYTHON             main interpreter (default: python3)
#   ERRCAT_PY_EXTRA           other interpreters to test the wheel on, as versions found
#                             under ~/.pyenv/versions (default "3.9 3.13"); a missing one
#                             fails the run. Set to "" to skip them (the run says so).
#   ERRCAT_WRITE_BENCH=1      full benchmark, rewriting reports/bench-python.md
#   ERRCAT_SKIP_BENCH=1       no benchmark
#
# Work files live under target/python/ (or $CARGO_TARGET_DIR/python/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$TARGET/python
WHEELS=$WORK/wheels
PY=${ERRCAT_PYTHON:-python3}
PY_EXTRA=${ERRCAT_PY_EXTRA-3.9 3.13}

# Pinned tools: maturin as the crate expects (pyproject: maturin>=1.16,<2),
# pytest and mypy at versions that run on every supported Python (3.9+).
MATURIN_VERSION=1.16.0
PYTEST_VERSION=8.4.2
MYPY_VERSION=1.19.1

export CI=${CI:-true} PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

START=$(date +%s)
step() { echo; echo "=== $* ($(($(date +%s) - START))s)"; }
timed() {
  local name=$1
  shift
  local t0
  t0=$(date +%s)
  "$@"
  echo "--- $name took $(($(date +%s) - t0))s"
}
die() { echo "test-python: $*" >&2; exit 1; }

PASSED=0
FAILED=0
declare -a RESULTS=()
record() { # name status detail
  RESULTS+=("$1: $2${3:+ ($3)}")
  if [ "$2" = ok ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
}

# ---------------------------------------------------------------------------
step "toolchain"

command -v cargo >/dev/null || die "cargo is missing (install Rust: https://rustup.rs)"
command -v "$PY" >/dev/null || die "$PY is missing"
"$PY" -c 'import sys; assert sys.version_info >= (3, 9), sys.version' || die "$PY is older than 3.9"
if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "$PY cannot create virtual environments; installing python3-venv"
  command -v apt-get >/dev/null || die "no apt-get to install python3-venv with"
  timed "apt-get update" apt-get update -qq
  timed "apt-get install python3-venv" apt-get install -y -qq python3-venv
fi
echo "python: $("$PY" --version) at $(command -v "$PY"); cargo: $(cargo --version)"

# Extra interpreters: a requested version that is missing fails the run.
PYENV_VERSIONS=${PYENV_ROOT:-$HOME/.pyenv}/versions
declare -a EXTRA_PYS=()
for v in $PY_EXTRA; do
  exe=""
  for d in $(ls -d "$PYENV_VERSIONS/$v".* "$PYENV_VERSIONS/$v" 2>/dev/null | sort -V -r); do
    if [ -x "$d/bin/python3" ]; then exe=$d/bin/python3; break; fi
  done
  if [ -z "$exe" ] && command -v "python$v" >/dev/null; then exe=$(command -v "python$v"); fi
  [ -n "$exe" ] || die "Python $v not found (looked in $PYENV_VERSIONS and PATH); set ERRCAT_PY_EXTRA to change the list"
  EXTRA_PYS+=("$exe")
  echo "extra python: $("$exe" --version) at $exe"
done
[ -n "$PY_EXTRA" ] || echo "NOTE: ERRCAT_PY_EXTRA is empty: the wheel is tested on $("$PY" --version) only"

# A venv with the build and test tools, reused when the versions match.
TOOLS=$WORK/tools-venv
want_tools="maturin==$MATURIN_VERSION pytest==$PYTEST_VERSION mypy==$MYPY_VERSION $("$PY" --version)"
if [ "$(cat "$TOOLS/.errcat-tools" 2>/dev/null)" != "$want_tools" ]; then
  rm -rf "$TOOLS"
  timed "create tools venv" "$PY" -m venv "$TOOLS"
  timed "pip install maturin" "$TOOLS/bin/pip" install -q "maturin==$MATURIN_VERSION"
  echo "$want_tools" > "$TOOLS/.errcat-tools"
else
  echo "tools venv up to date ($want_tools)"
fi
"$TOOLS/bin/maturin" --version

# ---------------------------------------------------------------------------
step "generated files (codegen: stubs and catalog modules are current)"

if timed "codegen python tests" cargo test --release -q -p errcat-codegen --lib python:: 2>&1 | tail -n 5; then
  record "codegen (python files fresh, enum names)" ok
else
  record "codegen (python files fresh, enum names)" FAILED
fi

# ---------------------------------------------------------------------------
step "build the wheel"

rm -rf "$WHEELS"
timed "maturin build" "$TOOLS/bin/maturin" build --release -m python/Cargo.toml --out "$WHEELS"
WHEEL=$(ls "$WHEELS"/errcat-*.whl)
echo "wheel: $WHEEL ($(du -k "$WHEEL" | cut -f1) KiB)"
case "$WHEEL" in *-cp39-abi3-*) ;; *) die "expected an abi3 wheel for cp39+, got $WHEEL" ;; esac

# ---------------------------------------------------------------------------
# Runs the pytest suite against the wheel installed in a fresh venv of $1.
test_on() {
  local exe=$1 tag venv log
  tag=$("$exe" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  venv=$WORK/venv-$tag
  log=$WORK/pytest-$tag.log
  step "pytest on Python $tag (fresh venv, installed wheel)"
  rm -rf "$venv"
  timed "create venv $tag" "$exe" -m venv "$venv"
  timed "pip install wheel + pytest + mypy ($tag)" \
    "$venv/bin/pip" install -q "$WHEEL" "pytest==$PYTEST_VERSION" "mypy==$MYPY_VERSION"
  # Run from tests/python so the source tree's python/errcat can never shadow
  # the installed package.
  set +e
  (cd "$ROOT/tests/python" && "$venv/bin/python" -m pytest -q -p no:cacheprovider -rfE . 2>&1) | tee "$log" | tail -n 25
  local rc=${PIPESTATUS[0]}
  set -e
  local summary
  summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed)' "$log" | tail -n 1 | sed 's/=//g; s/^ *//; s/ *$//')
  if [ "$rc" = 0 ]; then record "pytest on $tag" ok "$summary"; else record "pytest on $tag" FAILED "${summary:-exit $rc}"; fi
}

test_on "$(command -v "$PY")"
for exe in "${EXTRA_PYS[@]}"; do
  test_on "$exe"
done

# ---------------------------------------------------------------------------
step "pip install ./python (fresh venv, build through pip and maturin's PEP 517 backend)"

PIPV=$WORK/venv-pip-install
rm -rf "$PIPV"
timed "create venv" "$PY" -m venv "$PIPV"
if timed "pip install ./python" "$PIPV/bin/pip" install -q ./python \
  && (cd "$WORK" && "$PIPV/bin/python" - <<'EOF'
import errcat, errcat.spaces
e = errcat.decode("spaces", b'{"error":{"code":"RATE_LIMITED","retry_after_ms":5}}')
assert type(e) is errcat.spaces.RateLimited and e.retry_after_ms == 5
assert errcat.lookup("rtc", 102).symbol == "userNotFound"
print("pip install ./python: import and decode ok,", errcat.__file__)
EOF
); then
  record "pip install ./python" ok
else
  record "pip install ./python" FAILED
fi

# ---------------------------------------------------------------------------
MAIN_TAG=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "${ERRCAT_SKIP_BENCH:-}" = 1 ]; then
  step "benchmark SKIPPED (ERRCAT_SKIP_BENCH=1)"
elif [ "${ERRCAT_WRITE_BENCH:-}" = 1 ]; then
  step "benchmark (full, writing reports/bench-python.md)"
  mkdir -p reports
  if (cd "$WORK" && "$WORK/venv-$MAIN_TAG/bin/python" "$ROOT/tests/python/bench_python.py" --report "$ROOT/reports/bench-python.md"); then
    record "benchmark" ok
  else
    record "benchmark" FAILED
  fi
else
  step "benchmark (quick; ERRCAT_WRITE_BENCH=1 for the full run and the report)"
  if (cd "$WORK" && "$WORK/venv-$MAIN_TAG/bin/python" "$ROOT/tests/python/bench_python.py" --quick); then
    record "benchmark (quick)" ok
  else
    record "benchmark (quick)" FAILED
  fi
fi

# ---------------------------------------------------------------------------
step "summary"
for r in "${RESULTS[@]}"; do echo "  $r"; done
echo "test-python: $PASSED step(s) passed, $FAILED failed, in $(($(date +%s) - START))s"
[ "$FAILED" = 0 ]
