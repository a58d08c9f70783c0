#!/usr/bin/env bash
# Imports a police force's call-out file through Locality (upload, then the background job that checks, de-duplicates,
# matches and stores it) and, in the same run, has PostgreSQL alone take the same checked rows into demand_events from
# the same empty start (rolled back); prints import ÷ PostgreSQL alone, and a bare COPY of the file for context.
#   deploy/local/benchmark-import.sh                   1,000,000 rows against 20,000 people (a few minutes here)
#   deploy/local/benchmark-import.sh --rows 100000     a quicker look
# The file is generated from a seed (--seed), so runs are repeatable. Exits non-zero if the import runs at less than
# 0.9 of PostgreSQL alone's rate or its report does not add up.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/prerequisites.sh
require_dotnet
postgres_bin >/dev/null
dotnet build tests/Locality.Benchmarks/Locality.Benchmarks.csproj -c Release -v quiet -nologo
exec dotnet run -c Release --no-build --project tests/Locality.Benchmarks -- import "$@"
