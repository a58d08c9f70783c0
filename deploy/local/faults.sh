#!/usr/bin/env bash
# The fault campaign against the proving ground (deploy/local/cluster.sh), loopback only and bounded in time (about
# ten minutes; every step has a time limit). While a mixed load runs (key workers reading people and timelines and
# recording notes with Idempotency-Key headers, a police system sending demand batches, a team lead opening the
# demand page through the web), it injects one fault after another, with recovery between:
#   kill one web and one API host (SIGKILL) and start them again; restart the primary PostgreSQL (fast);
#   crash the primary (pg_ctl stop -m immediate), promote the standby, and make the old primary a standby again;
#   exhaust the database connections (hold every free one, with a burst of reads).
# For each it prints requests sent, writes acknowledged and found afterwards, duplicates, 500s, 503s with Retry-After,
# read failures, and the seconds until every host answered /health/ready again. Exits non-zero if an acknowledged
# write is missing, a write was applied twice or any 500 was answered.
#   deploy/local/faults.sh                         start the proving ground if it is not running, then the campaign
#   deploy/local/faults.sh --only kill,failover    some of the faults (kill, pg-restart, failover, connections)
#   deploy/local/faults.sh --spread                the spreading bars instead: p95 through HAProxy against one host,
#                                                  and one caller's rate limit across both API hosts
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/prerequisites.sh
require_dotnet

command=faults
args=()
for arg in "$@"; do
  if [ "$arg" = --spread ]; then command=spread; else args+=("$arg"); fi
done

if ! deploy/local/cluster.sh ready 5 >/dev/null 2>&1; then
  echo "The proving ground is not running (or not every host is ready): starting it…"
  deploy/local/cluster.sh start
fi

dotnet build tests/Locality.Benchmarks/Locality.Benchmarks.csproj -c Release -v quiet -nologo >/dev/null
# The whole campaign is bounded: 20 minutes at the very most.
exec timeout --signal=INT --kill-after=30s 20m dotnet run -c Release --no-build --project tests/Locality.Benchmarks -- "$command" "${args[@]}"
