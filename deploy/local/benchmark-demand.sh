#!/usr/bin/env bash
# Measures the team lead's demand page (GET /team/demand on the real web host) over a locality with 10,000,000 demand
# events in three years, on a throwaway PostgreSQL cluster, and prints p50, p95 and the slowest request.
#   deploy/local/benchmark-demand.sh                                   10,000,000 events (generation takes a while here)
#   deploy/local/benchmark-demand.sh --events 1000000 --requests 100   a quicker look
# The data is generated from a seed (--seed), so runs are repeatable. Exits non-zero if p95 is 300 ms or more.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/prerequisites.sh
require_dotnet
require_node
postgres_bin >/dev/null
dotnet build tests/Locality.Benchmarks/Locality.Benchmarks.csproj -c Release -v quiet -nologo
exec dotnet run -c Release --no-build --project tests/Locality.Benchmarks -- demand "$@"
