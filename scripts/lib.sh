# scripts/lib.sh: the one way a test script runs a step. Sourced by every
# scripts/test-*.sh right after `set -euo pipefail`:
#
#   source scripts/lib.sh <lang>
#   step [--count KIND] NAME COMMAND [ARGS...]
#   not_run NAME "why it could not run"
#
# Why it exists: the earlier `timed()` helpers ran "$@" and then `echo`, so
# they returned the echo's status, and `set -e` is switched off inside `if`,
# `||`, `&&` and everything those call. A step's status must be its command's
# status and nothing else, so:
#
# * `step` runs COMMAND in a subshell with `set -e` on, in a context where
#   bash honours it, tees its output to $ERRCAT_RESULTS_DIR/logs/<lang>/<NAME>.log,
#   and returns COMMAND's exit status.
# * `step` must be called as a plain statement. Called under `if`, `||`,
#   `&&` or `!`, bash would silently disable `set -e` inside COMMAND; `step`
#   detects that, records the step as FAILED and returns 70.
# * Steps hand results to later steps through files, never shell variables:
#   COMMAND runs in a subshell.
# * Every step is recorded in $ERRCAT_RESULTS_DIR/<lang>.tsv as
#     step<TAB>status<TAB>passed<TAB>failed<TAB>seconds<TAB>note
#   with status ok | FAILED | NOT-RUN. scripts/test.sh sums these files.
# * --count KIND parses the runner's own output for test counts:
#     cargo   libtest's "test result: ... N passed; M failed" lines, summed
#     pytest  pytest's closing "N passed, M failed, K errors" line
#     node    node --test's "pass N" / "fail M" lines (spec or TAP reporter)
#     xctest  XCTest's last "Executed N tests, with M failures" line
#     checks  every "<name>: N passed, M failed" line, summed (errcat's own
#             test programs: C, Kotlin, Swift checks)
#   A counted step whose output holds no count has run no test: it fails.
#   A failed step whose runner reported no failure counts as one failure.
#
# Self-test switches (scripts/selftest.sh):
#   ERRCAT_BREAK=<lang>/<step>[,...]  that step runs `false` instead of COMMAND
#   ERRCAT_DRY=1                      no COMMAND runs; every step passes unless
#                                     broken. Proves the wiring, in seconds.

ERRCAT_LANG=${1:?usage: source scripts/lib.sh <lang>}
ERRCAT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# A script run on its own gets a directory of its own (two runs never share one).
export ERRCAT_RESULTS_DIR=${ERRCAT_RESULTS_DIR:-$ERRCAT_ROOT/target/test-results/alone-$ERRCAT_LANG-$$}
_errcat_results="$ERRCAT_RESULTS_DIR/$ERRCAT_LANG.tsv"
# Logs live with the run's record, so concurrent runs (a self-test beside a
# real run) never write the same file.
_errcat_logs="$ERRCAT_RESULTS_DIR/logs/$ERRCAT_LANG"
mkdir -p "$ERRCAT_RESULTS_DIR" "$_errcat_logs"
: > "$_errcat_results"
declare -A _errcat_seen=()

_errcat_record() { # name status passed failed seconds note
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "${6//$'\t'/ }" >> "$_errcat_results"
}

# _errcat_count KIND LOG: prints "passed failed", or nothing when the log
# holds no count of that kind.
_errcat_count() {
  local kind=$1 log=$2
  case $kind in
    cargo)
      awk '/^test result: /{ for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } n++ }
           END { if (n) print p + 0, f + 0 }' "$log" ;;
    pytest)
      # The closing line: "=== 3 failed, 120 passed, 1 error in 2.1s ===" or, with -q, "120 passed in 2.1s".
      grep -E '[0-9]+ (passed|failed|error|errors)( |,|$)' "$log" | grep -E ' in [0-9.]+s' | tail -1 \
        | awk '{ for (i = 2; i <= NF; i++) { w = $(i); gsub(/[,=]/, "", w); if (w == "passed") p = $(i-1); if (w == "failed" || w == "error" || w == "errors") f += $(i-1) } }
               END { if (NR) print p + 0, f + 0 }' ;;
    node)
      awk '{ sub(/^[^a-z#]*/, "") } /^(# )?pass [0-9]+$/ { p = $NF; n++ } /^(# )?fail [0-9]+$/ { f = $NF; n++ }
           END { if (n) print p + 0, f + 0 }' "$log" ;;
    xctest)
      grep -E 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$log" | tail -1 \
        | sed -E 's/.*Executed ([0-9]+) tests?, with ([0-9]+) failures?.*/\1 \2/' \
        | awk '{ print $1 - $2, $2 }' ;;
    checks)
      grep -E ': [0-9]+ passed, [0-9]+ failed' "$log" \
        | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' \
        | awk '{ p += $1; f += $2; n++ } END { if (n) print p, f }' ;;
    *) echo "lib.sh: unknown --count kind '$kind'" >&2; return 2 ;;
  esac
}

_errcat_broken() {
  local b
  IFS=',' read -r -a b <<< "${ERRCAT_BREAK:-}"
  for x in "${b[@]}"; do [[ "$x" == "$ERRCAT_LANG/$1" ]] && return 0; done
  return 1
}

step() {
  local kind=""
  if [[ "$1" == --count ]]; then kind=$2; shift 2; fi
  local name=$1; shift
  local id="$ERRCAT_LANG/$name" log="$_errcat_logs/$name.log" t0=$SECONDS rc probe
  if [[ -n "${_errcat_seen[$name]:-}" ]]; then
    echo "lib.sh: step name '$id' used twice; names must be unique" >&2
    _errcat_record "$name" FAILED 0 1 0 "duplicate step name"
    return 70
  fi
  _errcat_seen[$name]=1
  # Is `set -e` honoured here? Not when a caller wrapped us in if/||/&&/!.
  set +e
  probe=$(set -e; false; echo leaked)
  set -e
  if [[ "$probe" == leaked ]]; then
    echo "FAIL: $id: step called inside if/||/&&/!, where bash ignores set -e; call it as a plain statement" >&2
    _errcat_record "$name" FAILED 0 1 0 "called in a conditional context"
    return 70
  fi
  echo "== $id${*:+: $*}"
  if _errcat_broken "$name"; then
    echo "   broken on purpose by ERRCAT_BREAK: running 'false' instead"
    set -- false
  elif [[ -n "${ERRCAT_DRY:-}" ]]; then
    _errcat_record "$name" ok 0 0 0 "dry run"
    return 0
  fi
  set +e
  ( set -e; "$@" ) 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  local secs=$((SECONDS - t0)) passed=0 failed=0 counts="" note=""
  if [[ -n "$kind" ]]; then
    counts=$(_errcat_count "$kind" "$log" || true)
    if [[ -n "$counts" ]]; then
      read -r passed failed <<< "$counts"
      if ((rc == 0 && passed == 0 && failed == 0)); then rc=1; note="the runner ran no test"; fi
      if ((rc == 0 && failed > 0)); then rc=1; note="$failed failed, but the runner exited 0"; fi
    elif ((rc == 0)); then
      rc=1; note="no $kind test counts in the output: the runner ran no test"
    fi
  fi
  if ((rc == 0)); then
    _errcat_record "$name" ok "$passed" "$failed" "$secs" "$note"
    echo "   ok: $id (${secs}s${kind:+, $passed passed})"
  else
    ((failed > 0)) || failed=1
    _errcat_record "$name" FAILED "$passed" "$failed" "$secs" "${note:-exit $rc}"
    echo "FAIL: $id (exit $rc${note:+; $note}; ${secs}s; log: ${log#"$ERRCAT_ROOT"/})" >&2
  fi
  return "$rc"
}

# not_run NAME WHY: a step that could not run. It is listed, and it fails the
# run: a missing toolchain is never a pass.
not_run() {
  _errcat_record "$1" NOT-RUN 0 1 0 "$2"
  echo "NOT RUN: $ERRCAT_LANG/$1: $2" >&2
  return 1
}

# Prints this script's steps; used by each script's EXIT trap so the summary
# is there whether the script ended at a failure or at its last step.
_errcat_summary() {
  local rc=$?
  echo
  echo "--- $ERRCAT_LANG steps"
  awk -F'\t' '{ printf "  %-8s %-34s %6s passed %4s failed %5ss  %s\n", $2, $1, $3, $4, $5, $6 }' "$_errcat_results"
  if ((rc != 0)) && ! grep -qP '\t(FAILED|NOT-RUN)\t' "$_errcat_results"; then
    _errcat_record "(outside any step)" FAILED 0 1 0 "exit $rc"
    echo "  FAILED   (outside any step): exit $rc"
  fi
  if grep -qP '\t(FAILED|NOT-RUN)\t' "$_errcat_results"; then exit 1; fi
  exit "$rc"
}
trap _errcat_summary EXIT
