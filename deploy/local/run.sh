#!/usr/bin/env bash
# Starts a working local Locality: PostgreSQL, the API and the web front end, with a demo locality.
#   deploy/local/run.sh            first run: installs PostgreSQL if missing, makes a cluster outside the repo,
#                                  migrates, seeds the demo; later runs reuse the same data.
# Ctrl+C (or SIGTERM) stops everything it started.
# To use an existing PostgreSQL instead, set ConnectionStrings__Locality to its connection string.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
source deploy/local/prerequisites.sh

api_port="${LOCALITY_API_PORT:-5080}"
web_port="${LOCALITY_WEB_PORT:-5081}"
worker_port="${LOCALITY_WORKER_PORT:-5082}"
pg_port="${LOCALITY_PG_PORT:-55432}"
if [ "$(id -u)" -eq 0 ]; then default_data=/var/lib/locality; else default_data="${XDG_DATA_HOME:-$HOME/.local/share}/locality"; fi
data_dir="${LOCALITY_DATA_DIR:-$default_data}"
configuration=Release

require_dotnet
require_node

pids=()
started_cluster=""
pg_bin=""
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping Locality…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$started_cluster" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$data_dir/pg" -m fast -w stop >/dev/null || true
  fi
  echo "Stopped. Your data is kept in $data_dir; run this again to carry on."
}
trap cleanup INT TERM EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$api_port" "$web_port" "$worker_port"; do
  if ! port_free "$port"; then
    echo "Port $port on 127.0.0.1 is already in use. Stop whatever is using it, or set LOCALITY_API_PORT / LOCALITY_WEB_PORT / LOCALITY_WORKER_PORT." >&2
    exit 1
  fi
done

if [ -z "${ConnectionStrings__Locality:-}" ]; then
  pg_bin=$(postgres_bin)
  mkdir -p "$data_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$data_dir"; fi
  if [ ! -f "$data_dir/pg/PG_VERSION" ]; then
    echo "Making a PostgreSQL cluster in $data_dir/pg (first run)…"
    run_pg "$pg_bin/initdb" -D "$data_dir/pg" -U locality --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! run_pg "$pg_bin/pg_ctl" -D "$data_dir/pg" status >/dev/null 2>&1; then
    if ! port_free "$pg_port"; then
      echo "Port $pg_port is in use, so PostgreSQL cannot start there. Set LOCALITY_PG_PORT." >&2
      exit 1
    fi
    run_pg "$pg_bin/pg_ctl" -D "$data_dir/pg" -l "$data_dir/postgresql.log" -w -t 60 \
      -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $data_dir/pg" start >/dev/null
    started_cluster=yes
  fi
  # A demo database made before the migrations were squashed into one (20261201120000_Initial) cannot be migrated:
  # it is dropped and made again, and seeded afresh below.
  if run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U locality -d locality -tAc \
      "select 1 from __ef_migrations_history where migration_id = '20261123000447_Foundation'" 2>/dev/null | grep -q 1; then
    echo "The demo database in $data_dir was made by the migrations from before they were squashed into one;"
    echo "dropping it and making it again with the demo data (anything else in it is lost)."
    run_pg "$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U locality --force locality
  fi
  # Least privilege, as in production: locality_owner owns the database and its tables and runs the migrations; the
  # hosts log in as locality_app, a member of locality_hosts, which owns nothing (so it cannot switch off the
  # append-only and audit triggers). The cluster's superuser (locality) only makes these roles.
  sql() { run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U locality -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }
  sql "DO \$\$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'locality_owner') THEN CREATE ROLE locality_owner LOGIN; END IF;
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'locality_hosts') THEN CREATE ROLE locality_hosts NOLOGIN; END IF;
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'locality_app') THEN CREATE ROLE locality_app LOGIN IN ROLE locality_hosts; END IF;
       END \$\$;"
  # A demo database made when one superuser did everything is made again with its proper owner, and seeded afresh.
  if [ "$(sql "select pg_get_userbyid(datdba) from pg_database where datname='locality'")" = "locality" ]; then
    echo "The demo database in $data_dir was made when one superuser owned it; making it again owned by locality_owner"
    echo "(the hosts now connect as locality_app, which owns nothing), with the demo data (anything else in it is lost)."
    run_pg "$pg_bin/dropdb" -h 127.0.0.1 -p "$pg_port" -U locality --force locality
  fi
  if [ -z "$(sql "select 1 from pg_database where datname='locality'")" ]; then
    run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U locality -O locality_owner locality
  fi
  # Three hosts of 20 connections each, and the migrations, fit PostgreSQL's 100.
  export ConnectionStrings__Locality="Host=127.0.0.1;Port=$pg_port;Database=locality;Username=locality_app;Maximum Pool Size=20"
  owner_connection="Host=127.0.0.1;Port=$pg_port;Database=locality;Username=locality_owner"
fi

echo "Building…"
dotnet build src/Locality.Api/Locality.Api.csproj -c "$configuration" -v quiet -nologo
dotnet build src/Locality.Web/Locality.Web.csproj -c "$configuration" -v quiet -nologo
dotnet build src/Locality.Worker/Locality.Worker.csproj -c "$configuration" -v quiet -nologo
api_dll="$root/src/Locality.Api/bin/$configuration/net10.0/Locality.Api.dll"
web_dll="$root/src/Locality.Web/bin/$configuration/net10.0/Locality.Web.dll"
worker_dll="$root/src/Locality.Worker/bin/$configuration/net10.0/Locality.Worker.dll"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "Applying migrations…"
(cd src/Locality.Api && ConnectionStrings__Locality="${owner_connection:-${LOCALITY_OWNER_CONNECTION:-$ConnectionStrings__Locality}}" dotnet "$api_dll" migrate)
sign_ins=$(cd src/Locality.Api && dotnet "$api_dll" seed-demo)

echo "Starting the API, the web front end and the worker (background jobs)…"
(cd src/Locality.Api && exec dotnet "$api_dll" --urls "http://127.0.0.1:$api_port") &
pids+=($!)
(cd src/Locality.Web && exec dotnet "$web_dll" --urls "http://127.0.0.1:$web_port") &
pids+=($!)
(cd src/Locality.Worker && exec dotnet "$worker_dll" --urls "http://127.0.0.1:$worker_port") &
pids+=($!)

ready_check() {
  for _ in $(seq 1 120); do
    if ( exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3 | grep -q " 200 " ) 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "$2 did not become ready on port $1." >&2
  return 1
}
ready_check "$api_port" "The API"
ready_check "$web_port" "The web front end"
ready_check "$worker_port" "The worker"

cat <<EOT

Locality is running.

  Web front end   http://127.0.0.1:$web_port/
  API             http://127.0.0.1:$api_port/   (reference: http://127.0.0.1:$api_port/scalar/v1, OpenAPI: /openapi/v1.json)
  Health          http://127.0.0.1:$api_port/health/ready
  Jobs dashboard  http://127.0.0.1:$web_port/jobs (administrators)

$sign_ins

Data: ${ConnectionStrings__Locality%%;Username*}  (cluster in $data_dir)
Press Ctrl+C to stop.
EOT

wait -n "${pids[@]}" || true
echo "A Locality process stopped unexpectedly; stopping the rest." >&2
