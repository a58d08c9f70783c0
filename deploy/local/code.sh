#!/usr/bin/env bash
# Prints the 6-digit code a demo account's authenticator app would show now, for signing in to the local Locality:
#   deploy/local/code.sh keyworker@demo.locality.test
# It reads the account's authenticator key from the database deploy/local/run.sh made (run that first).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -ne 1 ]; then
  echo "Say whose code, for example: deploy/local/code.sh keyworker@demo.locality.test" >&2
  exit 2
fi
source deploy/local/prerequisites.sh
require_dotnet
export ConnectionStrings__Locality="${ConnectionStrings__Locality:-Host=127.0.0.1;Port=${LOCALITY_PG_PORT:-55432};Database=locality;Username=locality_app}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Serilog__MinimumLevel__Default=Warning
api_dll="src/Locality.Api/bin/Release/net10.0/Locality.Api.dll"
if [ ! -f "$api_dll" ]; then
  dotnet build src/Locality.Api/Locality.Api.csproj -c Release -v quiet -nologo >&2
fi
cd src/Locality.Api && exec dotnet "../../$api_dll" second-factor-code "$1"
