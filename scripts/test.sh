#!/usr/bin/env bash
# Runs every test in every language, installing what each needs first.
#
#   scripts/test.sh                 # everything
#   ERRCAT_ONLY=rust,python scripts/test.sh
#   ERRCAT_SKIP=kotlin scripts/test.sh   # skipping is announced and makes the run fail
#
# Each language has its own script, scripts/test-<lang>.sh, which installs its
# toolchain when missing (and says so), builds in the release profile, and
# runs the shared vectors in tests/vectors/. This script runs them all, even
# after a failure, and exits non-zero if any failed or was skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

ALL=(rust python js kotlin swift c html fuzz)
IFS=',' read -r -a ONLY <<< "${ERRCAT_ONLY:-}"
IFS=',' read -r -a SKIP <<< "${ERRCAT_SKIP:-}"
in_list() { local x=$1; shift; for y in "$@"; do [[ "$x" == "$y" ]] && return 0; done; return 1; }

export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
start=$(date +%s)
declare -a results
failed=0
for lang in "${ALL[@]}"; do
  if [[ ${#ONLY[@]} -gt 0 && -n "${ONLY[0]}" ]] && ! in_list "$lang" "${ONLY[@]}"; then continue; fi
  script="scripts/test-$lang.sh"
  if [[ ${#SKIP[@]} -gt 0 && -n "${SKIP[0]}" ]] && in_list "$lang" "${SKIP[@]}"; then
    echo "=== $lang: SKIPPED by ERRCAT_SKIP — this run does not cover $lang"
    results+=("$lang SKIPPED")
    failed=1
    continue
  fi
  if [[ ! -x "$script" ]]; then
    echo "=== $lang: $script is missing"
    results+=("$lang MISSING")
    failed=1
    continue
  fi
  echo
  echo "=== $lang: $script"
  t0=$(date +%s)
  if "$script"; then
    results+=("$lang ok ($(( $(date +%s) - t0 ))s)")
  else
    results+=("$lang FAILED ($(( $(date +%s) - t0 ))s)")
    failed=1
  fi
done

echo
echo "=== summary ($(( $(date +%s) - start ))s)"
for r in "${results[@]}"; do echo "  $r"; done
exit $failed
