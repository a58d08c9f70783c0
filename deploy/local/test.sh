#!/usr/bin/env bash
# Runs every test in the solution on real PostgreSQL and real Chromium, installing them first if they are missing.
# Prints a closing line "N passed, N failed, N skipped" and exits non-zero if any test failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/prerequisites.sh

require_dotnet
require_node
postgres_bin >/dev/null || exit 1
require_chromium

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test Locality.sln --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  found=$((found + 1))
  counters=$(grep -o '<Counters [^>]*' "$trx")
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${a:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed without a failing test to show for it (a build error, or a test host that crashed).
  failed=1
  echo "dotnet test exited with $status although no test reported a failure: see the output above." >&2
fi
if [ "$found" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test results were written." >&2
  status=1; failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
