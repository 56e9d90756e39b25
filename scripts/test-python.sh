#!/usr/bin/env bash
# Builds the Python binding's abi3 wheel and tests it, installed, in fresh
# virtual environments of every supported Python it is asked for.
#
#   scripts/test-python.sh           # the suite, plus a quick benchmark
#   scripts/test-python.sh --bench   # the same, with the full benchmark rewriting
#                                    # reports/bench-python.md (or ERRCAT_WRITE_BENCH=1)
#
# Steps (scripts/lib.sh): find or install (pyenv) each Python; a tools venv with
# maturin; the wheel; for each Python a fresh venv with the wheel, pytest and
# mypy installed, plus requests and httpx, then the whole pytest suite
# (tests/python/: every shared vector, the HTTP vectors through urllib,
# http.client, requests and httpx against tests/http/server.py, hierarchy,
# pickling, threads, hostile input, stubtest + mypy, README examples,
# localized texts, deprecation, what `import errcat` leaves for first use);
# `pip install ./python` through maturin's PEP 517 backend; the
# DeprecationWarning of a deprecated class in a plain interpreter; the
# benchmark (lookup, decode and `import errcat` against baselines of the same run).
# Generated files (stubs, catalog modules) are checked by the `generated`
# step of scripts/test.sh and by test-rust.sh's codegen tests.
#
# Environment:
#   ERRCAT_PY_VERSIONS   Pythons to test on, first one builds and benchmarks
#                        (default "3.11 3.9 3.13": the main, oldest and newest)
#
# Work files live under target/python/ (or $CARGO_TARGET_DIR/python/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh python

ROOT=$PWD
WORK=${CARGO_TARGET_DIR:-$ROOT/target}/python
WHEELS=$WORK/wheels
read -r -a VERSIONS <<< "${ERRCAT_PY_VERSIONS:-3.11 3.9 3.13}"
MAIN=${VERSIONS[0]}
BENCH=quick
if [[ "${1:-}" == --bench || "${ERRCAT_WRITE_BENCH:-}" == 1 ]]; then BENCH=full; fi

# Pinned tools: maturin as the crate expects (pyproject: maturin>=1.16,<2),
# pytest and mypy at versions that run on every supported Python (3.9+).
MATURIN_VERSION=1.16.0
PYTEST_VERSION=8.4.2
MYPY_VERSION=1.19.1
# The HTTP clients tests/python/test_http.py drives against tests/http/server.py
# (issue 14): versions that run on every supported Python (3.9+).
REQUESTS_VERSION=2.32.5
HTTPX_VERSION=0.28.1

export CI=${CI:-true} PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

# Interpreter of version $1 that can make venvs: newest pyenv patch release,
# else python$1 on PATH. Prints its path; fails when there is none.
find_python() {
  local v=$1 exe
  for exe in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}/versions/$v".* 2>/dev/null | sort -V -r | sed 's|$|/bin/python3|') \
    "$(command -v "python$v" || true)"; do
    if [[ -x "$exe" ]] && "$exe" -c "import sys, venv, ensurepip; assert '%d.%d' % sys.version_info[:2] == '$v'" 2>/dev/null; then
      echo "$exe"
      return 0
    fi
  done
  return 1
}

# Step python-<v>: records the interpreter in $WORK/python-<v>, installing it
# with pyenv when missing.
python_install() {
  local v=$1 exe
  mkdir -p "$WORK"
  if ! exe=$(find_python "$v"); then
    command -v pyenv >/dev/null || { echo "Python $v is missing and there is no pyenv to install it with"; exit 1; }
    echo "Python $v not found; installing it with pyenv"
    pyenv install -s "$v"
    exe=$(find_python "$v") || { echo "Python $v still not usable after pyenv install"; exit 1; }
  fi
  "$exe" --version
  echo "$exe" | tee "$WORK/python-$v"
}

# A venv with maturin, reused when the versions match.
tools() {
  local py tools=$WORK/tools-venv want
  py=$(cat "$WORK/python-$MAIN")
  want="maturin==$MATURIN_VERSION $("$py" --version)"
  if [[ "$(cat "$tools/.errcat-tools" 2>/dev/null)" != "$want" ]]; then
    rm -rf "$tools"
    "$py" -m venv "$tools"
    "$tools/bin/pip" install -q "maturin==$MATURIN_VERSION"
    echo "$want" > "$tools/.errcat-tools"
  else
    echo "tools venv up to date ($want)"
  fi
  "$tools/bin/maturin" --version
}

wheel() {
  rm -rf "$WHEELS"
  "$WORK/tools-venv/bin/maturin" build --release -m python/Cargo.toml --out "$WHEELS"
  local w
  w=$(ls "$WHEELS"/errcat-*.whl)
  echo "wheel: $w ($(du -k "$w" | cut -f1) KiB)"
  case "$w" in *-cp39-abi3-*) ;; *) echo "expected an abi3 wheel for cp39+, got $w"; exit 1 ;; esac
}

# Step install-<v>: a fresh venv with the wheel, pytest and mypy.
install_on() {
  local v=$1 venv=$WORK/venv-$1
  rm -rf "$venv"
  "$(cat "$WORK/python-$v")" -m venv "$venv"
  "$venv/bin/pip" install -q "$WHEELS"/errcat-*.whl "pytest==$PYTEST_VERSION" "mypy==$MYPY_VERSION"
  "$venv/bin/python" -c 'import errcat, sys; print("errcat", errcat.__version__, "on", sys.version.split()[0], "from", errcat.__file__)'
}

# Step http-clients-<v>: requests and httpx in the same venv. errcat itself
# needs neither; test_http.py imports both and fails without them.
http_clients_on() {
  local venv=$WORK/venv-$1
  "$venv/bin/pip" install -q "requests==$REQUESTS_VERSION" "httpx==$HTTPX_VERSION"
  "$venv/bin/python" -c 'import requests, httpx; print("requests", requests.__version__, "httpx", httpx.__version__)'
}

# Step pytest-<v>. Runs from tests/python so the source tree's python/errcat
# can never shadow the installed package.
pytest_on() {
  cd "$ROOT/tests/python"
  "$WORK/venv-$1/bin/python" -m pytest -q -p no:cacheprovider -rfE .
}

# `pip install ./python` in a fresh venv: the build a user gets from a checkout.
pip_install_source() {
  local venv=$WORK/venv-pip-install
  rm -rf "$venv"
  "$(cat "$WORK/python-$MAIN")" -m venv "$venv"
  "$venv/bin/pip" install -q ./python
  cd "$WORK"
  "$venv/bin/python" - <<'EOF'
import errcat, errcat.spaces
e = errcat.decode("spaces", b'{"error":{"code":"RATE_LIMITED","retry_after_ms":5}}')
assert type(e) is errcat.spaces.RateLimited and e.retry_after_ms == 5
assert errcat.lookup("rtc", 102).symbol == "userNotFound"
print("pip install ./python: import and decode ok,", errcat.__file__)
EOF
}

# A deprecated entry's class warns where it is used by name, with the shared
# message, in a plain interpreter (not only under pytest); decoding its code
# does not warn.
deprecation_warning() {
  local py=$WORK/venv-$MAIN/bin/python log=$WORK/deprecated.log
  cd "$WORK"
  if "$py" -W error::DeprecationWarning -c 'import errcat.securechat as s; s.UsernameHasAlreadyBeenTaken' 2> "$log"; then
    echo "errcat.securechat.UsernameHasAlreadyBeenTaken was used without a DeprecationWarning"
    return 1
  fi
  cat "$log"
  grep -q "DeprecationWarning: USERNAME_HAS_ALREADY_BEEN_TAKEN is deprecated\." "$log"
  "$py" -W error::DeprecationWarning -c '
import errcat
e = errcat.decode("securechat", b"504")
assert e.entry.deprecated and type(e).__name__ == "UsernameHasAlreadyBeenTaken"
print("decoding securechat 504 does not warn:", repr(e))'
}

bench() {
  cd "$WORK"
  if [[ $BENCH == full ]]; then
    "$WORK/venv-$MAIN/bin/python" "$ROOT/tests/python/bench_python.py" --report "$ROOT/reports/bench-python.md"
  else
    "$WORK/venv-$MAIN/bin/python" "$ROOT/tests/python/bench_python.py" --quick
  fi
}

for v in "${VERSIONS[@]}"; do
  step "python-$v" python_install "$v"
done
step tools tools
step wheel wheel
for v in "${VERSIONS[@]}"; do
  step "install-$v" install_on "$v"
  step "http-clients-$v" http_clients_on "$v"
  step --count pytest "pytest-$v" pytest_on "$v"
done
step pip-install-source pip_install_source
step deprecation-warning deprecation_warning
# docs/api.md against what the installed package really exports.
step --count checks api-table python3 tests/api/check_api.py python --python "$WORK/venv-$MAIN/bin/python"
step "bench-$BENCH" bench
