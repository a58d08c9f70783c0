#!/usr/bin/env bash
# The proving ground: Locality's production topology on one machine, on loopback, without containers.
#   PostgreSQL 15 primary + a synchronous streaming standby (a replication slot each way, pg_rewind to rejoin),
#   two web hosts, two API hosts and the worker (background jobs), HAProxy in front of the web and API hosts.
# The hosts use Npgsql's multi-host connection string (Target Session Attributes=primary), so they follow a promoted
# standby; they log in as locality_app (a member of locality_hosts, owning no table); migrations run as locality_owner.
#
#   deploy/local/cluster.sh              start everything in the foreground; Ctrl+C stops it all
#   deploy/local/cluster.sh start        start everything in the background and return once every host is ready
#   deploy/local/cluster.sh stop         stop everything (the data is kept)
#   deploy/local/cluster.sh status       what runs, which PostgreSQL node is primary, replication, host readiness
#   deploy/local/cluster.sh env          the addresses and connection strings, as shell assignments (for faults.sh)
# Used by the fault campaign (deploy/local/faults.sh), and usable by hand:
#   restart NAME...                      restart hosts (web1 web2 api1 api2 worker haproxy), taking the environment now
#   kill NAME...                         SIGKILL hosts (no cleanup, as a crash)
#   pg-restart                           restart the primary PostgreSQL (fast shutdown)
#   pg-crash                             stop the primary at once (pg_ctl stop -m immediate), as a crash
#   pg-promote                           promote the standby to primary (the old primary must be down)
#   pg-rejoin                            make the stopped old primary a standby of the new one (pg_rewind, or a fresh
#                                        pg_basebackup when rewinding fails)
#   ready [SECONDS]                      wait until every host answers /health/ready with 200; prints the seconds
#   destroy                              stop everything and delete the data directory
# Ports (127.0.0.1 only): HAProxy web 56080, API 56090, stats 56099; web hosts 56081-56082, API hosts 56091-56092,
# worker 56095; PostgreSQL 56432 (pg1) and 56433 (pg2). Data and logs in /var/lib/locality-cluster as root, otherwise
# ~/.local/share/locality-cluster (LOCALITY_CLUSTER_DIR to change). Limits for a test: LOCALITY_API_PER_MINUTE.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
source deploy/local/prerequisites.sh

if [ "$(id -u)" -eq 0 ]; then default_data=/var/lib/locality-cluster; else default_data="${XDG_DATA_HOME:-$HOME/.local/share}/locality-cluster"; fi
data="${LOCALITY_CLUSTER_DIR:-$default_data}"
run="$data/run"
logs="$data/logs"
configuration=Release

web_front=56080; api_front=56090; stats_port=56099
declare -A port=([web1]=56081 [web2]=56082 [api1]=56091 [api2]=56092 [worker]=56095 [pg1]=56432 [pg2]=56433)
hosts=(web1 web2 api1 api2 worker)
nodes=(pg1 pg2)
sync_names="ANY 1 (pg1, pg2)"

run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
say() { echo "cluster: $*" >&2; }
die() { say "$*"; exit 1; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_status() { # port path -> the status code, or 000
  ( exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3 && head -n 1 <&3 | awk '{print $2}' ) 2>/dev/null || echo 000
}

pg_bin=""
need_pg_bin() { if [ -z "$pg_bin" ]; then pg_bin="${LOCALITY_PG_BIN:-/usr/lib/postgresql/15/bin}"; [ -x "$pg_bin/initdb" ] || pg_bin=$(postgres_bin); fi; }

# ---- secrets: one password per role, made on the first run, readable only by whoever runs this ----
secret() {
  local file="$data/secrets/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$data/secrets"; chmod 700 "$data/secrets"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$file"; chmod 600 "$file"
  fi
  cat "$file"
}

# ---- PostgreSQL ----
pg_dir() { echo "$data/$1"; }
pg_running() { run_pg "$pg_bin/pg_ctl" -D "$(pg_dir "$1")" status >/dev/null 2>&1; }
psql_on() { local node=$1; shift; run_pg "$pg_bin/psql" -X -q -h "$run" -p "${port[$node]}" -U postgres -d "${PGDATABASE_ON:-postgres}" -v ON_ERROR_STOP=1 "$@"; }
in_recovery() { psql_on "$1" -tAc "select pg_is_in_recovery()" 2>/dev/null | tr -d '[:space:]'; }
primary_node() { for n in "${nodes[@]}"; do if pg_running "$n" && [ "$(in_recovery "$n")" = f ]; then echo "$n"; return 0; fi; done; return 1; }
other_node() { if [ "$1" = pg1 ]; then echo pg2; else echo pg1; fi; }

pg_start() {
  local node=$1
  pg_running "$node" && return 0
  port_free "${port[$node]}" || die "port ${port[$node]} is in use, so $node cannot start"
  run_pg "$pg_bin/pg_ctl" -D "$(pg_dir "$node")" -l "$logs/$node.log" -w -t 120 \
    -o "-p ${port[$node]} -k $run" start >/dev/null
}

pg_stop() { pg_running "$1" && run_pg "$pg_bin/pg_ctl" -D "$(pg_dir "$1")" -m "${2:-fast}" -w -t 60 stop >/dev/null || true; }

# Settings both nodes share (a standby gets them with its base backup).
write_pg_settings() {
  local dir=$1
  cat >"$dir/locality.conf" <<EOT
listen_addresses = '127.0.0.1'
max_connections = 100
superuser_reserved_connections = 3
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 6
max_replication_slots = 6
wal_keep_size = 256MB
wal_log_hints = on
hot_standby = on
hot_standby_feedback = on
synchronous_commit = on
wal_sender_timeout = 10s
wal_receiver_timeout = 10s
wal_retrieve_retry_interval = 1s
log_line_prefix = '%m [%p] %q%u@%d '
log_connections = off
log_min_duration_statement = 2000
EOT
  grep -q "include_if_exists = 'locality.conf'" "$dir/postgresql.conf" || echo "include_if_exists = 'locality.conf'" >>"$dir/postgresql.conf"
  cat >"$dir/pg_hba.conf" <<EOT
# The superuser only over the Unix socket in $run (0700, owned by the server's user); replication and the
# application's roles over loopback with passwords.
local   all          postgres                      trust
local   replication  postgres                      trust
host    replication  replicator      127.0.0.1/32  scram-sha-256
host    all          locality_owner  127.0.0.1/32  scram-sha-256
host    all          locality_app    127.0.0.1/32  scram-sha-256
EOT
}

# Makes $1 a standby of $2 by a fresh base backup (its old data, if any, is deleted).
base_backup() {
  local node=$1 from=$2 dir; dir=$(pg_dir "$1")
  run_pg rm -rf "$dir"
  psql_on "$from" -tAc "select pg_drop_replication_slot('$node') from pg_replication_slots where slot_name = '$node' and not active" >/dev/null
  run_pg env PGPASSWORD="$(secret replicator)" "$pg_bin/pg_basebackup" \
    -d "host=127.0.0.1 port=${port[$from]} user=replicator application_name=$node" \
    -D "$dir" -X stream -C -S "$node" -R --checkpoint=fast >/dev/null
  follow "$node" "$from"
}

# Points the (stopped) standby $1 at the primary $2.
follow() {
  local node=$1 from=$2 dir; dir=$(pg_dir "$1")
  run_pg touch "$dir/standby.signal"
  run_pg sh -c "cat >>'$dir/postgresql.auto.conf'" <<EOT
primary_conninfo = 'host=127.0.0.1 port=${port[$from]} user=replicator password=$(secret replicator) application_name=$node'
primary_slot_name = '$node'
EOT
}

wait_streaming() { # standby primary: streaming, and replayed all the primary had written when asked
  local target; target=$(psql_on "$2" -tAc "select pg_current_wal_lsn()")
  for _ in $(seq 1 120); do
    if [ "$(psql_on "$2" -tAc "select count(*) from pg_stat_replication where application_name = '$1' and state = 'streaming' and replay_lsn >= '$target'" 2>/dev/null)" = 1 ]; then return 0; fi
    sleep 0.5
  done
  say "$1 did not catch up with $2 by streaming (see $logs/$1.log)"
  return 1
}

make_synchronous() { psql_on "$1" -c "alter system set synchronous_standby_names = '$sync_names'" -c "select pg_reload_conf()" >/dev/null; }
# A primary alone waits for no standby (as Patroni's non-strict synchronous mode): otherwise every commit would hang
# until the standby came back. Said in docs/reliability.md.
make_alone() { psql_on "$1" -c "alter system set synchronous_standby_names = ''" -c "select pg_reload_conf()" >/dev/null; }

init_database() {
  need_pg_bin
  mkdir -p "$data" "$run" "$logs"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$data" "$run" "$logs"; fi
  chmod 700 "$run"
  local primary=pg1
  if [ ! -f "$(pg_dir pg1)/PG_VERSION" ] && [ ! -f "$(pg_dir pg2)/PG_VERSION" ]; then
    say "making the PostgreSQL primary in $(pg_dir pg1) (first run)"
    run_pg "$pg_bin/initdb" -D "$(pg_dir pg1)" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --data-checksums -E UTF8 --locale=C.UTF-8 >/dev/null
    run_pg bash -c "$(declare -f write_pg_settings); run=$run; write_pg_settings $(pg_dir pg1)"
    pg_start pg1
    psql_on pg1 -c "create role replicator replication login password '$(secret replicator)'" >/dev/null
    say "making the synchronous standby pg2 by pg_basebackup"
    base_backup pg2 pg1
    pg_start pg2
    wait_streaming pg2 pg1 || die "the standby did not start"
    make_synchronous pg1
  fi
  for n in "${nodes[@]}"; do [ -f "$(pg_dir "$n")/PG_VERSION" ] && { pg_start "$n" || true; }; done
  primary=$(primary_node) || die "no PostgreSQL node is primary (see $logs/pg1.log and $logs/pg2.log)"
  # Roles: the owner runs migrations; the hosts log in as locality_app, a member of locality_hosts (which migrate grants to).
  psql_on "$primary" <<EOT >/dev/null
select 'create role locality_owner login' where not exists (select 1 from pg_roles where rolname = 'locality_owner') \gexec
select 'create role locality_hosts nologin' where not exists (select 1 from pg_roles where rolname = 'locality_hosts') \gexec
select 'create role locality_app login in role locality_hosts' where not exists (select 1 from pg_roles where rolname = 'locality_app') \gexec
alter role locality_owner password '$(secret locality_owner)';
alter role locality_app password '$(secret locality_app)';
select 'create database locality owner locality_owner' where not exists (select 1 from pg_database where datname = 'locality') \gexec
revoke all on database locality from public;
grant connect, temporary on database locality to locality_hosts;
EOT
}

# ---- connection strings ----
hosts_list() { echo "127.0.0.1:${port[pg1]},127.0.0.1:${port[pg2]}"; }
owner_connection() { echo "Host=$(hosts_list);Target Session Attributes=primary;Database=locality;Username=locality_owner;Password=$(secret locality_owner);Timeout=5;Host Recheck Seconds=2"; }
# Each host's pool is 15 connections: 5 processes x 15 = 75, under max_connections 100 less 3 reserved, with room
# for migrations, psql and the fault campaign's own reads.
app_connection() {
  local user=locality_app password
  if [ "$(hosts_role_mode)" = owner ]; then user=locality_owner; fi
  password=$(secret "$user")
  echo "Host=$(hosts_list);Target Session Attributes=primary;Database=locality;Username=$user;Password=$password;Maximum Pool Size=15;Timeout=5;Command Timeout=30;Host Recheck Seconds=2"
}
# Until the least-privilege change is in src (migrate granting to locality_hosts), the hosts log in as the owner.
hosts_role_mode() { if grep -rqs "HostsRole" "$root/src/Locality.Infrastructure" --include=*.cs; then echo app; else echo owner; fi; }
has_worker() { [ -f "$root/src/Locality.Worker/Locality.Worker.csproj" ]; }

# ---- the hosts ----
dll_of() {
  case $1 in
    web*) echo "$root/src/Locality.Web/bin/$configuration/net10.0/Locality.Web.dll" ;;
    api*) echo "$root/src/Locality.Api/bin/$configuration/net10.0/Locality.Api.dll" ;;
    worker) if has_worker; then echo "$root/src/Locality.Worker/bin/$configuration/net10.0/Locality.Worker.dll"; else dll_of api; fi ;;
  esac
}
dir_of() { case $1 in web*) echo "$root/src/Locality.Web" ;; api*) echo "$root/src/Locality.Api" ;; worker) if has_worker; then echo "$root/src/Locality.Worker"; else echo "$root/src/Locality.Api"; fi ;; esac; }

build() {
  require_dotnet; require_node
  say "building (Release)…"
  dotnet build src/Locality.Api/Locality.Api.csproj -c "$configuration" -v quiet -nologo >"$logs/build.log" 2>&1 || { tail -30 "$logs/build.log" >&2; die "the API did not build"; }
  dotnet build src/Locality.Web/Locality.Web.csproj -c "$configuration" -v quiet -nologo >>"$logs/build.log" 2>&1 || { tail -30 "$logs/build.log" >&2; die "the web front end did not build"; }
  if has_worker; then
    dotnet build src/Locality.Worker/Locality.Worker.csproj -c "$configuration" -v quiet -nologo >>"$logs/build.log" 2>&1 || { tail -30 "$logs/build.log" >&2; die "the worker did not build"; }
  fi
}

host_env() {
  local name=$1
  local environment="${LOCALITY_CLUSTER_ENVIRONMENT:-Production}"
  echo "ASPNETCORE_ENVIRONMENT=$environment"
  echo "ASPNETCORE_URLS=http://127.0.0.1:${port[$name]}"
  echo "ConnectionStrings__Locality=$(app_connection)"
  echo "Database__HostsRole=locality_hosts"
  echo "ReverseProxy__KnownNetworks__0=127.0.0.1/32"
  echo "HostOptions__ShutdownTimeout=00:00:30"
  echo "OTEL_SERVICE_NAME=locality-${name%[0-9]}"
  # The load signs many people in from one address (the proxy passes it on), and one key worker sends far more
  # than a person would: the limits are raised, except when a test sets LOCALITY_API_PER_MINUTE.
  echo "RateLimits__ApiPerMinute=${LOCALITY_API_PER_MINUTE:-1000000}"
  echo "RateLimits__SignInPerMinute=${LOCALITY_SIGN_IN_PER_MINUTE:-100000}"
  echo "RateLimits__PartnerApiPerMinute=${LOCALITY_PARTNER_PER_MINUTE:-1000000}"
  echo "Serilog__MinimumLevel__Default=${LOCALITY_LOG_LEVEL:-Information}"
  if [ "$name" = worker ]; then echo "Hangfire__RunServer=true"; else echo "Hangfire__RunServer=false"; fi
}

host_pid() { local f="$run/$1.pid"; [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }

start_host() {
  local name=$1
  if host_pid "$name" >/dev/null; then return 0; fi
  port_free "${port[$name]}" || die "port ${port[$name]} is in use, so $name cannot start"
  local envs=(); while IFS= read -r line; do envs+=("$line"); done < <(host_env "$name")
  (cd "$(dir_of "$name")" && exec setsid env "${envs[@]}" dotnet "$(dll_of "$name")" >>"$logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$run/$name.pid"
}

stop_host() { # name [signal]
  local name=$1 signal=${2:-TERM} pid
  pid=$(host_pid "$name") || { rm -f "$run/$name.pid"; return 0; }
  kill -s "$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 70); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$run/$name.pid"
}

# ---- HAProxy ----
haproxy_config() {
  sed -e "s|@WEB_FRONT@|$web_front|g" -e "s|@API_FRONT@|$api_front|g" -e "s|@STATS@|$stats_port|g" \
      -e "s|@WEB1@|${port[web1]}|g" -e "s|@WEB2@|${port[web2]}|g" -e "s|@API1@|${port[api1]}|g" -e "s|@API2@|${port[api2]}|g" \
      "$root/deploy/local/haproxy.cfg.template" >"$data/haproxy.cfg"
}

start_haproxy() {
  if host_pid haproxy >/dev/null; then return 0; fi
  command -v haproxy >/dev/null 2>&1 || apt_install haproxy
  haproxy_config
  haproxy -c -q -f "$data/haproxy.cfg" || die "the HAProxy configuration in $data/haproxy.cfg is not valid"
  (exec setsid haproxy -db -f "$data/haproxy.cfg" >>"$logs/haproxy.log" 2>&1 </dev/null) &
  echo $! >"$run/haproxy.pid"
}

# ---- readiness ----
all_ready() { for h in "${hosts[@]}"; do [ "$(http_status "${port[$h]}" /health/ready)" = 200 ] || return 1; done; }
wait_host() { for _ in $(seq 1 $(($2 * 5))); do [ "$(http_status "${port[$1]}" /health/ready)" = 200 ] && return 0; sleep 0.2; done; return 1; }
wait_ready() { # seconds -> prints how long it took
  local limit=${1:-120} started now; started=$(date +%s%N)
  while ! all_ready; do
    now=$(date +%s%N)
    if (( (now - started) / 1000000000 > limit )); then
      for h in "${hosts[@]}"; do say "$h: /health/ready $(http_status "${port[$h]}" /health/ready)"; done
      return 1
    fi
    sleep 0.2
  done
  now=$(date +%s%N)
  printf "%d.%d\n" $(( (now - started) / 1000000000 )) $(( (now - started) / 100000000 % 10 ))
}

# ---- commands ----
start_all() {
  init_database
  [ "${LOCALITY_CLUSTER_NO_BUILD:-}" = 1 ] || build
  local owner; owner=$(owner_connection)
  say "applying migrations as locality_owner…"
  (cd src/Locality.Api && ConnectionStrings__Locality="$owner" ASPNETCORE_ENVIRONMENT=Production dotnet "$(dll_of api1)" migrate >>"$logs/migrate.log" 2>&1) \
    || { tail -20 "$logs/migrate.log" >&2; die "migrate failed (see $logs/migrate.log)"; }
  (cd src/Locality.Api && ConnectionStrings__Locality="$owner" ASPNETCORE_ENVIRONMENT=Production dotnet "$(dll_of api1)" seed-demo --force >"$data/sign-ins.txt" 2>>"$logs/migrate.log") \
    || { tail -20 "$logs/migrate.log" >&2; die "seed-demo failed (see $logs/migrate.log)"; }
  # One host first: on an empty key ring each host starting at once would make a data-protection key of its own and
  # not see the others' until its key ring is next read (24 hours), so a token or cookie made by one would be refused
  # by another. The first host makes the key; the rest find it.
  say "starting api1 (it makes the first data-protection key if there is none)…"
  start_host api1
  wait_host api1 180 || die "api1 did not become ready (see $logs/api1.log)"
  say "starting the second API host, two web hosts, the worker and HAProxy…"
  for h in "${hosts[@]}"; do start_host "$h"; done
  start_haproxy
  wait_ready 180 >/dev/null || die "not every host became ready (logs in $logs)"
  print_urls
}

print_urls() {
  cat <<EOT

The Locality proving ground is running (hosts log in to PostgreSQL as $( [ "$(hosts_role_mode)" = app ] && echo locality_app || echo "locality_owner, until the least-privilege change is in src" )).

  Web front end (HAProxy)   http://127.0.0.1:$web_front/
  API (HAProxy)             http://127.0.0.1:$api_front/
  HAProxy statistics        http://127.0.0.1:$stats_port/
  Web hosts                 http://127.0.0.1:${port[web1]}/  http://127.0.0.1:${port[web2]}/
  API hosts                 http://127.0.0.1:${port[api1]}/  http://127.0.0.1:${port[api2]}/
  Worker                    http://127.0.0.1:${port[worker]}/health/ready $(has_worker || echo "(an API host with Hangfire__RunServer=true until src/Locality.Worker exists)")
  PostgreSQL                127.0.0.1:${port[pg1]} (pg1) and 127.0.0.1:${port[pg2]} (pg2); primary now: $(primary_node || echo none)
  Data and logs             $data

$(cat "$data/sign-ins.txt")
EOT
}

status() {
  need_pg_bin
  for n in "${nodes[@]}"; do
    if pg_running "$n"; then
      if [ "$(in_recovery "$n")" = f ]; then
        echo "$n  port ${port[$n]}  primary; synchronous_standby_names='$(psql_on "$n" -tAc "show synchronous_standby_names")'"
        psql_on "$n" -tAc "select '      standby ' || application_name || ' ' || state || ' ' || sync_state from pg_stat_replication" 2>/dev/null
      else
        echo "$n  port ${port[$n]}  standby"
      fi
    else
      echo "$n  port ${port[$n]}  stopped"
    fi
  done
  for h in "${hosts[@]}"; do
    echo "$h  port ${port[$h]}  pid $(host_pid "$h" || echo -)  /health/ready $(http_status "${port[$h]}" /health/ready)"
  done
  echo "haproxy  web $web_front api $api_front  pid $(host_pid haproxy || echo -)  web /health/ready $(http_status $web_front /health/ready)  api /health/ready $(http_status $api_front /health/ready)"
}

stop_all() {
  need_pg_bin
  for h in "${hosts[@]}" haproxy; do stop_host "$h"; done
  for n in "${nodes[@]}"; do [ -d "$(pg_dir "$n")" ] && pg_stop "$n"; done
  say "stopped; the data is kept in $data"
}

pg_restart() {
  need_pg_bin
  local primary; primary=$(primary_node) || die "no primary is running"
  run_pg "$pg_bin/pg_ctl" -D "$(pg_dir "$primary")" -l "$logs/$primary.log" -m fast -w -t 120 \
    -o "-p ${port[$primary]} -k $run" restart >/dev/null
  echo "$primary"
}

pg_crash() {
  need_pg_bin
  local primary; primary=$(primary_node) || die "no primary is running"
  run_pg "$pg_bin/pg_ctl" -D "$(pg_dir "$primary")" -m immediate -w stop >/dev/null
  echo "$primary"
}

pg_promote() {
  need_pg_bin
  local standby; standby=""
  for n in "${nodes[@]}"; do if pg_running "$n" && [ "$(in_recovery "$n")" = t ]; then standby=$n; fi; done
  [ -n "$standby" ] || die "no standby is running"
  local old; old=$(other_node "$standby")
  pg_running "$old" && [ "$(in_recovery "$old")" = f ] && die "$old is still primary: stop it first (two primaries would split the data)"
  run_pg "$pg_bin/pg_ctl" -D "$(pg_dir "$standby")" -w -t 60 promote >/dev/null
  make_alone "$standby"
  psql_on "$standby" -tAc "select pg_create_physical_replication_slot('$old') where not exists (select 1 from pg_replication_slots where slot_name = '$old')" >/dev/null
  echo "$standby"
}

pg_rejoin() {
  need_pg_bin
  local primary; primary=$(primary_node) || die "no primary is running"
  local old; old=$(other_node "$primary")
  pg_running "$old" && die "$old is running: stop it first"
  local how=pg_rewind
  # The promoted node writes its new timeline into its control file at a checkpoint: without one, pg_rewind sees
  # one timeline and thinks there is nothing to rewind.
  psql_on "$primary" -c checkpoint >/dev/null
  if ! run_pg "$pg_bin/pg_rewind" -D "$(pg_dir "$old")" --source-server="host=$run port=${port[$primary]} user=postgres dbname=postgres" >>"$logs/$old.log" 2>&1; then
    say "pg_rewind failed (see $logs/$old.log); making $old again by pg_basebackup"
    how=pg_basebackup
    base_backup "$old" "$primary"
  else
    run_pg rm -rf "$(pg_dir "$old")/pg_replslot/"* 2>/dev/null || true
    follow "$old" "$primary"
  fi
  pg_start "$old"
  if ! wait_streaming "$old" "$primary"; then
    if [ $how = pg_basebackup ]; then die "$old did not become a standby of $primary"; fi
    say "making $old again by pg_basebackup"
    how=pg_basebackup
    pg_stop "$old" immediate
    base_backup "$old" "$primary"
    pg_start "$old"
    wait_streaming "$old" "$primary" || die "$old did not become a standby of $primary"
  fi
  make_synchronous "$primary"
  echo "$old $how"
}

foreground() {
  trap 'trap - INT TERM; echo; stop_all; exit 0' INT TERM
  start_all
  echo "Press Ctrl+C to stop everything."
  while true; do sleep 5; done
}

command=${1:-foreground}
shift || true
case $command in
  foreground) foreground ;;
  start) start_all ;;
  stop) stop_all ;;
  status) status ;;
  env)
    echo "LOCALITY_WEB=http://127.0.0.1:$web_front"; echo "LOCALITY_API=http://127.0.0.1:$api_front"
    echo "LOCALITY_WEB1=http://127.0.0.1:${port[web1]}"; echo "LOCALITY_API1=http://127.0.0.1:${port[api1]}"
    for h in "${hosts[@]}"; do echo "LOCALITY_PORT_${h^^}=${port[$h]}"; done
    echo "LOCALITY_OWNER_CONNECTION='$(owner_connection)'"
    echo "LOCALITY_CLUSTER_DATA='$data'"
    ;;
  restart) for h in "$@"; do if [ "$h" = haproxy ]; then stop_host haproxy; start_haproxy; else stop_host "$h"; start_host "$h"; fi; done ;;
  kill) for h in "$@"; do stop_host "$h" KILL; done ;;
  pg-restart) pg_restart ;;
  pg-crash) pg_crash ;;
  pg-promote) pg_promote ;;
  pg-rejoin) pg_rejoin ;;
  ready) wait_ready "${1:-120}" ;;
  destroy) stop_all; rm -rf "$data"; say "deleted $data" ;;
  *) die "unknown command $command (start, stop, status, env, restart, kill, pg-restart, pg-crash, pg-promote, pg-rejoin, ready, destroy)" ;;
esac
