#!/usr/bin/env bash
# The test command's own test: proves every step of every language's script
# can fail, and that a failure is reported under the step's name.
#
# 1. scripts/lib.sh on its own: a failing command inside a multi-command
#    step fails it; `step` under if/||/&& is refused; each --count parser
#    reads its runner's real output shape; a counted step that ran no test
#    fails; not_run fails the script.
# 2. A dry run of scripts/test.sh (ERRCAT_DRY=1: no tool runs) lists every
#    step. Then, for each step, a dry run with ERRCAT_BREAK=<lang>/<step>
#    must exit non-zero and name that step in its summary. One more breaks a
#    step with every language running, to prove the top-level exit status.
#
# Takes well under a minute: dry runs start no tool.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh selftest
ROOT=$PWD
# The runs below choose their own languages and breaks.
unset ERRCAT_ONLY ERRCAT_SKIP ERRCAT_BREAK ERRCAT_DRY
WORK=$ROOT/target/selftest
rm -rf "$WORK"
mkdir -p "$WORK"

lib_unit() {
  local d=$WORK/lib
  mkdir -p "$d/scripts"
  cp scripts/lib.sh "$d/scripts/"
  run_case() { # name expected_rc script-body
    local name=$1 want=$2 body=$3 rc=0
    printf '#!/usr/bin/env bash\nset -euo pipefail\ncd "$(dirname "$0")/.."\nsource scripts/lib.sh unit\n%s\n' "$body" > "$d/scripts/case.sh"
    chmod +x "$d/scripts/case.sh"
    ERRCAT_RESULTS_DIR=$d/results-$name "$d/scripts/case.sh" > "$d/$name.out" 2>&1 || rc=$?
    if [[ "$want" == fail ]] && ((rc == 0)); then echo "lib: $name: passed, expected a failure"; cat "$d/$name.out"; return 1; fi
    if [[ "$want" == ok ]] && ((rc != 0)); then echo "lib: $name: failed (exit $rc), expected a pass"; cat "$d/$name.out"; return 1; fi
    echo "lib: $name: ok (exit $rc)"
  }
  run_case first-command-fails fail 'f() { false; true; }; step s f'
  run_case if-context fail 'if step s true; then :; fi'
  run_case or-context fail 'step s true || true'
  run_case not-run fail 'not_run tool "no compiler"'
  run_case outside-step fail 'step s true; false'
  run_case dup-name fail 'step s true; step s true'
  run_case passes ok 'step a true; f() { echo hi > /dev/null; }; step b f'
  run_case counted-no-tests fail 'step --count cargo s echo nothing'
  run_case counted-failures-exit0 fail 'step --count checks s echo "x: 3 passed, 1 failed"'
  # Each parser against its runner's real output shape.
  local -a kinds=(cargo pytest pytest node node xctest checks)
  local -a samples=(
    $'test result: ok. 12 passed; 0 failed; 0 ignored\ntest result: ok. 3 passed; 0 failed; 1 ignored'
    $'........\n================ 15 passed, 2 skipped in 1.23s ================'
    $'..F\nFAILED x.py::t\n2 failed, 13 passed in 0.50s'
    $'\xe2\x84\xb9 tests 15\n\xe2\x84\xb9 pass 15\n\xe2\x84\xb9 fail 0'
    $'# tests 15\n# pass 13\n# fail 2'
    $"Test Suite 'All tests' passed.\n\t Executed 15 tests, with 0 failures (0 unexpected) in 0.1 (0.1) seconds"
    $'vectors: 10 passed, 0 failed\napi: 5 passed, 0 failed'
  )
  local -a want=("15 0" "15 0" "13 2" "15 0" "13 2" "15 0" "15 0")
  for i in "${!kinds[@]}"; do
    printf '%s\n' "${samples[$i]}" > "$d/sample.log"
    got=$(_errcat_count "${kinds[$i]}" "$d/sample.log")
    [[ "$got" == "${want[$i]}" ]] || { echo "lib: --count ${kinds[$i]} read '$got', expected '${want[$i]}'"; return 1; }
    echo "lib: --count ${kinds[$i]}: $got"
  done
  echo "lib.sh: 16 passed, 0 failed"
}
step --count checks lib-sh lib_unit

every_step_can_fail() {
  local dry=$WORK/dry rc=0
  ERRCAT_DRY=1 ERRCAT_RESULTS_DIR=$dry scripts/test.sh > "$WORK/dry.out" 2>&1 || rc=$?
  if ((rc != 0)); then echo "the dry run itself failed (exit $rc):"; tail -40 "$WORK/dry.out"; return 1; fi
  local -a steps=()
  for f in "$dry"/*.tsv; do
    local lang
    lang=$(basename "$f" .tsv)
    while IFS=$'\t' read -r s _; do steps+=("$lang/$s"); done < "$f"
  done
  ((${#steps[@]} > 20)) || { echo "the dry run listed only ${#steps[@]} steps"; return 1; }
  echo "dry run: ${#steps[@]} steps"
  local passed=0 failed=0
  for s in "${steps[@]}"; do
    local lang=${s%%/*} out=$WORK/break.out
    rc=0
    ERRCAT_DRY=1 ERRCAT_BREAK=$s ERRCAT_ONLY=$lang ERRCAT_RESULTS_DIR=$WORK/break scripts/test.sh > "$out" 2>&1 || rc=$?
    if ((rc != 0)) && grep -qF "not passed: $s FAILED" "$out"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "BREAKING $s did not fail the run under its name (exit $rc)"
      tail -15 "$out"
    fi
  done
  # One break with every language running: the top-level status.
  local last=${steps[-1]}
  rc=0
  ERRCAT_DRY=1 ERRCAT_BREAK=$last ERRCAT_RESULTS_DIR=$WORK/break-all scripts/test.sh > "$WORK/break-all.out" 2>&1 || rc=$?
  if ((rc != 0)) && grep -qF "not passed: $last FAILED" "$WORK/break-all.out" && tail -1 "$WORK/break-all.out" | grep -qE '^[0-9]+ passed, [1-9][0-9]* failed$'; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "breaking $last in a full dry run did not fail it"
    tail -15 "$WORK/break-all.out"
  fi
  echo "every step can fail: $passed passed, $failed failed"
}
step --count checks every-step-can-fail every_step_can_fail

# docs/api.md's checker: a planted extra export, a planted missing export
# and an n/a without a reason must each fail it.
step --count checks api-checker python3 tests/api/check_api.py selftest
