#!/usr/bin/env bash
# Runs every test in every language, installing what each needs first.
#
#   scripts/test.sh                        # everything
#   ERRCAT_ONLY=rust,python scripts/test.sh
#   ERRCAT_SKIP=kotlin scripts/test.sh     # skipping is announced and fails the run
#   ERRCAT_BREAK=c/ctest scripts/test.sh   # break one step on purpose (scripts/selftest.sh)
#
# Each language has its own script, scripts/test-<lang>.sh, which runs every
# tool through `step` (scripts/lib.sh) and records each step's status and its
# runner's own test counts in target/test-results/<run>/<lang>.tsv. This
# script runs them all, even after a failure, prints every step, and ends
# with one line, "N passed, N failed", summing every runner's counts. It
# exits non-zero when any step failed or did not run, or any script failed
# outside a step.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# `generated` runs first: every committed generated file is checked for
# staleness in every full run, whichever language comes next.
# `selftest` proves each step of all the others can fail (in dry mode, cheap).
ALL=(generated selftest rust python js kotlin swift c dist html fuzz)
IFS=',' read -r -a ONLY <<< "${ERRCAT_ONLY:-}"
IFS=',' read -r -a SKIP <<< "${ERRCAT_SKIP:-}"
in_list() { local x=$1; shift; for y in "$@"; do [[ "$x" == "$y" ]] && return 0; done; return 1; }

export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
export ERRCAT_RESULTS_DIR=${ERRCAT_RESULTS_DIR:-$ROOT/target/test-results/run-$(date +%Y%m%d-%H%M%S)-$$}
rm -rf "$ERRCAT_RESULTS_DIR"
mkdir -p "$ERRCAT_RESULTS_DIR"
start=$SECONDS
declare -a ran=()
for lang in "${ALL[@]}"; do
  if [[ ${#ONLY[@]} -gt 0 && -n "${ONLY[0]}" ]] && ! in_list "$lang" "${ONLY[@]}"; then continue; fi
  # The self-test re-runs this script in dry mode; it does not recurse.
  if [[ "$lang" == selftest && -n "${ERRCAT_DRY:-}" ]]; then continue; fi
  results="$ERRCAT_RESULTS_DIR/$lang.tsv"
  script="scripts/test-$lang.sh"
  ran+=("$lang")
  if [[ ${#SKIP[@]} -gt 0 && -n "${SKIP[0]}" ]] && in_list "$lang" "${SKIP[@]}"; then
    echo "=== $lang: SKIPPED by ERRCAT_SKIP: this run does not cover $lang"
    printf '%s\t%s\t0\t1\t0\t%s\n' "(all)" NOT-RUN "skipped by ERRCAT_SKIP" > "$results"
    continue
  fi
  if [[ ! -x "$script" ]]; then
    echo "=== $lang: $script is missing"
    printf '%s\t%s\t0\t1\t0\t%s\n' "(all)" NOT-RUN "$script is missing" > "$results"
    continue
  fi
  echo
  echo "=== $lang: $script"
  t0=$SECONDS
  "$script"
  rc=$?
  if [[ ! -s "$results" ]]; then
    printf '%s\t%s\t0\t1\t%s\t%s\n' "(script)" FAILED "$((SECONDS - t0))" "exit $rc, no step recorded" > "$results"
  elif ((rc != 0)) && ! grep -qP '\t(FAILED|NOT-RUN)\t' "$results"; then
    printf '%s\t%s\t0\t1\t%s\t%s\n' "(script)" FAILED "$((SECONDS - t0))" "exit $rc outside any step" >> "$results"
  fi
done

echo
echo "=== summary ($((SECONDS - start))s)"
total_p=0
total_f=0
bad=()
for lang in "${ran[@]}"; do
  results="$ERRCAT_RESULTS_DIR/$lang.tsv"
  read -r p f secs n_bad < <(awk -F'\t' '{ p += $3; f += $4; s += $5; if ($2 != "ok") b++ } END { print p + 0, f + 0, s + 0, b + 0 }' "$results")
  total_p=$((total_p + p))
  total_f=$((total_f + f))
  if ((n_bad == 0)); then status=ok; else status=FAILED; fi
  printf '  %-9s %-6s %6d passed %4d failed  %5ds\n' "$lang" "$status" "$p" "$f" "$secs"
  while IFS=$'\t' read -r s st _ _ _ note; do
    [[ "$st" == ok ]] || bad+=("$lang/$s $st${note:+ ($note)}")
  done < "$results"
done
for b in "${bad[@]}"; do echo "  not passed: $b"; done
echo "$total_p passed, $total_f failed"
((${#bad[@]} == 0 && total_f == 0))
