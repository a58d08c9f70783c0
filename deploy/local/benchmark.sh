#!/usr/bin/env bash
# Measures Locality at the size of a large council, on a throwaway PostgreSQL cluster, and prints the figures.
#   deploy/local/benchmark.sh                      100,000 people and 5,000,000 timeline entries (about 10 minutes here)
#   deploy/local/benchmark.sh --people 10000 --entries 500000 --requests 200
# The data is generated from a seed (--seed), so runs are repeatable. Exits non-zero if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/prerequisites.sh
require_dotnet
require_node
postgres_bin >/dev/null
dotnet build tests/Locality.Benchmarks/Locality.Benchmarks.csproj -c Release -v quiet -nologo
exec dotnet run -c Release --no-build --project tests/Locality.Benchmarks -- "$@"
