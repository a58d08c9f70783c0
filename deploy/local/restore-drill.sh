#!/usr/bin/env bash
# The restore drill: proves that a Locality database can be restored from a base backup and its WAL archive to a
# chosen moment, with nothing lost from before that moment and nothing kept from after it.
#
#   deploy/local/restore-drill.sh                       builds the API (Release), then runs the drill
#   deploy/local/restore-drill.sh --api-dll PATH        uses an already built Locality.Api.dll
#
# It makes everything it uses in a scratch folder and removes it afterwards: a source cluster on 127.0.0.1 (a free
# port in 56900-56999), Locality's real migrations and demo data (dotnet Locality.Api.dll migrate / seed-demo), then
#   1. more timeline entries, amendments and audit records, then a base backup with WAL archiving (deploy/local/backup.sh);
#   2. more writes, replayed only from the archived WAL; then the target time T and the figures at T: counts of the
#      important tables and checksums of the timeline (each entry's id, times and content, in id order) and amendments;
#   3. more writes after T, which must not come back; the WAL is switched and archived and the source stopped;
#   4. the base backup unpacked into a fresh data directory, restore_command reading the archive,
#      recovery_target_time = T, promoted; then every figure compared with the one recorded at T.
# Options:
#   --api-dll PATH     Locality.Api.dll to migrate and seed with (default: build src/Locality.Api in Release)
#   --entries N        timeline entries written before the backup (default 10000; half as many more before T and a
#                      quarter after T)
#   --tamper           delete one of the demo's timeline entries in the restored cluster before comparing: the drill
#                      must then fail, naming the timeline's count and checksum
#   --time-limit S     give up after S seconds (default 600)
#   --keep             keep the scratch folder (clusters stopped) for inspection
# Exit status: 0 every figure matched; 1 a figure did not match (the report names it); 2 bad options;
# 3 the drill could not be carried out (a step failed; said which).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

api_dll=""
entries=10000
tamper=""
time_limit=600
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --api-dll) api_dll="$2"; shift 2 ;;
    --entries) entries="$2"; shift 2 ;;
    --tamper) tamper=yes; shift ;;
    --time-limit) time_limit="$2"; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "restore drill: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$entries$time_limit" in *[!0-9]*|"") echo "restore drill: --entries and --time-limit take whole numbers" >&2; exit 2 ;; esac
[ "$entries" -ge 4 ] || { echo "restore drill: --entries must be at least 4" >&2; exit 2; }

drill_started=$(date +%s)
step() { printf '[%3ss] %s\n' "$(( $(date +%s) - drill_started ))" "$*"; }
seconds_since() { awk -v from="$1" -v now="$(date +%s%N)" 'BEGIN { printf "%.1f", (now - from) / 1e9 }'; }
give_up() { echo "restore drill: could not be carried out: $*" >&2; exit 3; }

pg_bin="${LOCALITY_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[ -x "$pg_bin/initdb" ] || give_up "PostgreSQL server binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql; set LOCALITY_PG_BIN."
run_as=""
if [ "$(id -u)" -eq 0 ]; then run_as=postgres; fi
as_pg() { if [ -n "$run_as" ]; then runuser -u "$run_as" -- "$@"; else "$@"; fi; }
export PGTZ=UTC PGOPTIONS="-c statement_timeout=120s"

# Drills cut off before they could clean up (their process is gone) leave clusters behind: stopped and removed here.
prefix=/tmp/locality-restore-drill-
for old in "$prefix"*; do
  [ -d "$old" ] || continue
  pid=${old#"$prefix"}; pid=${pid%%-*}
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    for data in "$old/source" "$old/restored"; do
      if [ -f "$data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    done
    rm -rf "$old"
  fi
done

work=$(mktemp -d "$prefix$$-XXXXXX")
if [ -n "$run_as" ]; then chown "$run_as" "$work"; fi
watchdog=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$watchdog" ]; then kill "$watchdog" 2>/dev/null || true; fi
  for data in "$work/source" "$work/restored"; do
    if [ -f "$data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  done
  if [ -n "$keep" ]; then echo "Kept the drill's files in $work."; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
# Long steps run as children the shell waits for, so that the time limit (or Ctrl+C) stops them at once.
child=""
bounded() { local status=0; "$@" & child=$!; wait "$child" || status=$?; child=""; return "$status"; }
exec 9>&2 # the trap may run while a step's output goes to its log; its message goes to the drill's own stderr
trap 'echo "restore drill: stopped (time limit of ${time_limit}s reached, or interrupted)" >&9
      if [ -n "$child" ]; then kill "$child" 2>/dev/null || true; fi; exit 3' INT TERM
drill_pid=$$
( trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  sleep "$time_limit" & nap=$!
  wait "$nap" && kill -TERM "$drill_pid" 2>/dev/null ) >/dev/null 2>&1 &
watchdog=$!

# Ports: free ones in 56900-56999, starting from a random one so that drills run side by side rarely meet, and tried
# again on another if a drill alongside took it first.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
tried_ports=" "
pick_port() { # sets port
  local offset=$(( (RANDOM + $$) % 100 )) i
  for i in $(seq 0 99); do
    port=$(( 56900 + (offset + i) % 100 ))
    case "$tried_ports" in *" $port "*) continue ;; esac
    tried_ports="$tried_ports$port "
    if port_free "$port"; then return 0; fi
  done
  give_up "no free port left in 56900-56999."
}

if [ -z "$api_dll" ]; then
  step "Building the API (Release)…"
  dotnet build src/Locality.Api/Locality.Api.csproj -c Release -v quiet -nologo >/dev/null || give_up "the API did not build."
  api_dll="$root/src/Locality.Api/bin/Release/net10.0/Locality.Api.dll"
fi
[ -f "$api_dll" ] || give_up "no Locality.Api.dll at $api_dll."
api_dll=$(cd "$(dirname "$api_dll")" && pwd)/$(basename "$api_dll")

sql_at() { "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d "${3:-locality}" -tAc "$2"; }
start_cluster() { # data extra-options; sets port
  local attempt
  for attempt in 1 2 3; do
    pick_port
    if as_pg "$pg_bin/pg_ctl" -D "$1" -l "$1.log" -w -t 120 \
         -o "-p $port -c listen_addresses=127.0.0.1 -k $work $2" start >/dev/null; then
      return 0
    fi
  done
  return 1
}

# --- The source cluster, as Locality's own deployment makes it --------------------------------------------------------
step "Making the source cluster…"
as_pg "$pg_bin/initdb" -D "$work/source" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null || give_up "initdb failed."
start_cluster "$work/source" "-c fsync=off" || give_up "the source cluster did not start: $(tail -n 5 "$work/source.log")"
source_port=$port
step "The source cluster is up on 127.0.0.1:$source_port."
sql_at "$source_port" "create role locality_owner login; create role locality_hosts nologin; create role locality_app login in role locality_hosts;" postgres >/dev/null
sql_at "$source_port" "create database locality owner locality_owner" postgres >/dev/null

step "Applying Locality's migrations ($(basename "$api_dll") migrate)…"
locality() {
  bounded timeout 300 env -C "$(dirname "$api_dll")" \
    ConnectionStrings__Locality="Host=127.0.0.1;Port=$source_port;Database=locality;Username=locality_owner" \
    ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning \
    dotnet "$api_dll" "$@"
}
locality migrate >"$work/migrate.log" 2>&1 || give_up "migrate failed: $(tail -n 20 "$work/migrate.log")"
step "Writing the demo locality ($(basename "$api_dll") seed-demo)…"
locality seed-demo >"$work/seed.log" 2>&1 || give_up "seed-demo failed: $(tail -n 20 "$work/seed.log")"

# More of what workers write every day, as the application writes it: notes on people's timelines (a row per entry,
# by the entry's author, in the person's conversation), corrections as amendments (the entry itself never changes)
# and the audit record of each change to a person's record. Written in transactions of up to 250 entries.
write_phase() { # phase count
  local phase=$1 left=$2 batch
  while [ "$left" -gt 0 ]; do
    batch=$(( left < 250 ? left : 250 ))
    bounded sql_at "$source_port" "
      begin;
      create temporary table written on commit drop as
      with authored as (
        select conversation_id, person_id, author_id, author_agency_id, row_number() over (order by id) as n
        from timeline_entries where author_id is not null and (text is null or text not like 'Drill %')),
      picks as (
        select g, 1 + (g * 7919 + $left) % (select count(*) from authored) as n from generate_series(1, $batch) g)
      select gen_random_uuid() as id, a.conversation_id, a.person_id, a.author_id, a.author_agency_id, p.g
      from picks p join authored a on a.n = p.n;
      insert into timeline_entries (id, conversation_id, person_id, kind, occurred_at, recorded_at, author_id, author_agency_id, text)
      select id, conversation_id, person_id, 'Note', date_trunc('minute', now()) - (g % 240) * interval '1 hour', clock_timestamp(),
             author_id, author_agency_id,
             format('Drill %s: called round, talked about the week ahead and the appointment on Thursday (%s of %s).', '$phase', g, $batch)
      from written;
      insert into timeline_amendments (id, entry_id, sequence, reason, corrected_text, author_id, author_agency_id, recorded_at)
      select gen_random_uuid(), id, 1, 'Wrong day written down', format('Drill %s: the appointment is on Friday (%s).', '$phase', g),
             author_id, author_agency_id, clock_timestamp()
      from written where g % 10 = 0;
      insert into audit_records (at, user_id, agency_id, person_id, action, sections, request)
      select clock_timestamp(), author_id, author_agency_id, person_id, 'Changed', 'Timeline', format('Added a note (drill %s %s)', '$phase', g)
      from written where g % 5 = 0;
      commit;" >/dev/null
    left=$(( left - batch ))
  done
}

# The figures a restore is judged by, one 'name|value' a line, always in this order.
figures() { # port
  sql_at "$1" "
    select name, value from (values
      (1, 'people', (select count(*)::text from people)),
      (2, 'conversations', (select count(*)::text from conversations)),
      (3, 'timeline_entries', (select count(*)::text from timeline_entries)),
      (4, 'timeline_amendments', (select count(*)::text from timeline_amendments)),
      (5, 'plans', (select count(*)::text from plans)),
      (6, 'plan_versions', (select count(*)::text from plan_versions)),
      (7, 'ratings', (select count(*)::text from ratings)),
      (8, 'demand_events', (select count(*)::text from demand_events)),
      (9, 'audit_records', (select count(*)::text from audit_records)),
      (10, 'identity_users', (select count(*)::text from identity_users)),
      (11, 'timeline checksum', (select md5(coalesce(string_agg(concat_ws('|', id, conversation_id, person_id, kind,
              occurred_at, recorded_at, author_id, text, sequence), E'\n' order by id), '')) from timeline_entries)),
      (12, 'amendments checksum', (select md5(coalesce(string_agg(concat_ws('|', id, entry_id, sequence, reason,
              corrected_text, recorded_at), E'\n' order by id), '')) from timeline_amendments)),
      (13, 'entries before the backup', (select count(*)::text from timeline_entries where text like 'Drill before-backup:%')),
      (14, 'entries after the backup', (select count(*)::text from timeline_entries where text like 'Drill after-backup:%')),
      (15, 'entries written after T', (select count(*)::text from timeline_entries where text like 'Drill after-T:%')),
      (16, 'audit records after T', (select count(*)::text from audit_records where request like 'Added a note (drill after-T %'))
    ) as figure(position, name, value)
    order by position"
}

step "Writing $entries more timeline entries (with amendments and audit records)…"
write_phase before-backup "$entries"

step "Taking the base backup with WAL archiving (deploy/local/backup.sh)…"
backup_started=$(date +%s%N)
bounded "$root/deploy/local/backup.sh" --port "$source_port" --user postgres --data-dir "$work/source" \
  --archive-dir "$work/wal-archive" --backup-dir "$work/backups" --label drill --restart >"$work/backup.log" 2>&1 ||
  give_up "deploy/local/backup.sh failed: $(cat "$work/backup.log")"
backup_seconds=$(seconds_since "$backup_started")
sed 's/^/         backup: /' "$work/backup.log"

step "Writing $(( entries / 2 )) entries after the backup (these come back only by replaying archived WAL)…"
write_phase after-backup "$(( entries / 2 ))"

expected_text=$(figures "$source_port") || give_up "the figures could not be read from the source cluster."
mapfile -t expected <<<"$expected_text"
[ "${#expected[@]}" -eq 16 ] || give_up "the source cluster gave ${#expected[@]} figures, not 16: $expected_text"
target=$(sql_at "$source_port" "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
step "Target time T = $target; figures recorded."
sleep 1.2

step "Writing $(( entries / 4 )) entries after T (these must not come back)…"
write_phase after-T "$(( entries / 4 ))"
after_t_entries=$(sql_at "$source_port" "select count(*) from timeline_entries where text like 'Drill after-T:%'")
last_segment=$(sql_at "$source_port" "select pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 120); do
  [ "$(sql_at "$source_port" "select coalesce(last_archived_wal >= '$last_segment', false) from pg_stat_archiver")" = t ] && break
  sleep 0.5
done
[ "$(sql_at "$source_port" "select coalesce(last_archived_wal >= '$last_segment', false) from pg_stat_archiver")" = t ] ||
  give_up "the last WAL segment $last_segment was not archived."
as_pg "$pg_bin/pg_ctl" -D "$work/source" -m fast -w stop >/dev/null
step "WAL switched and archived up to $last_segment; the source cluster is stopped."

# --- The restore, into a fresh data directory -----------------------------------------------------------------------
step "Restoring the base backup to T in a fresh data directory…"
restore_started=$(date +%s%N)
as_pg mkdir -m 700 "$work/restored"
as_pg tar -xzf "$work/backups/drill/base.tar.gz" -C "$work/restored"
as_pg touch "$work/restored/recovery.signal"
as_pg sh -c "cat >>'$work/restored/postgresql.auto.conf'" <<EOT
# Added by the restore drill: recover from the archive to T, then become a primary.
restore_command = 'cp "$work/wal-archive/%f" "%p"'
recovery_target_time = '$target'
recovery_target_action = 'promote'
EOT
# archive_mode off: the restored cluster must not write its new timeline into the source's archive.
start_cluster "$work/restored" "-c archive_mode=off" ||
  give_up "the restored cluster did not start: $(tail -n 20 "$work/restored.log")"
restore_port=$port
promoted=""
for _ in $(seq 1 600); do
  if [ "$(sql_at "$restore_port" "select pg_is_in_recovery()" postgres 2>/dev/null)" = f ]; then promoted=yes; break; fi
  as_pg "$pg_bin/pg_ctl" -D "$work/restored" status >/dev/null 2>&1 ||
    give_up "the restored cluster stopped during recovery: $(tail -n 20 "$work/restored.log")"
  sleep 0.2
done
[ -n "$promoted" ] || give_up "the restored cluster did not finish recovery: $(tail -n 20 "$work/restored.log")"
restore_seconds=$(seconds_since "$restore_started")
stopped_at=$(grep -o 'recovery stopping before commit of transaction [0-9]*, time .*' "$work/restored.log" | head -n 1 || true)
step "Restored on 127.0.0.1:$restore_port and promoted in ${restore_seconds}s."

if [ -n "$tamper" ]; then
  tampered=$(sql_at "$restore_port" "set session_replication_role = replica;
    delete from timeline_entries where id = (select min(id::text)::uuid from timeline_entries
      where not exists (select from timeline_amendments a where a.entry_id = timeline_entries.id)
        and (text is null or text not like 'Drill %')) returning id")
  step "Tampered (--tamper): deleted timeline entry $tampered from the restored cluster."
fi

found_text=$(figures "$restore_port") || give_up "the figures could not be read from the restored cluster."
mapfile -t found <<<"$found_text"

# --- The report ------------------------------------------------------------------------------------------------------
info() { grep "^$1=" "$work/backups/drill/backup.info" | cut -d= -f2-; }
archived=$(find "$work/wal-archive" -type f -name '0*' ! -name '*.backup' ! -name '*.part' | wc -l)
echo
echo "Restore drill report ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(sql_at "$restore_port" "show server_version" postgres))"
echo "  Backed up:      database locality on a source cluster; base backup '$(info label)', $(info size) compressed tar,"
echo "                  verified with pg_verifybackup, taken in ${backup_seconds}s ($(info wal))"
echo "  WAL archive:    $archived segments of 16 MB, $(du -sh "$work/wal-archive" | cut -f1) (written: $entries entries before the backup,"
echo "                  $(( entries / 2 )) after it and before T, $after_t_entries after T)"
echo "  Target time T:  $target"
echo "  Recovery:       ${stopped_at:-(no 'recovery stopping' line in the server log)}"
echo "  Restore took:   ${restore_seconds}s (unpack, replay to T, promote)"
echo
printf '  %-26s %-34s %s\n' "Figure" "Expected (at T)" "Found (restored)"
mismatches=0
declare -A found_by_name=()
for line in "${found[@]}"; do found_by_name["${line%%|*}"]=${line#*|}; done
failed_names=""
for i in "${!expected[@]}"; do
  name=${expected[$i]%%|*}; want=${expected[$i]#*|}
  got=${found_by_name["$name"]-"(missing)"}
  if [ "$want" = "$got" ]; then verdict=ok; else verdict=MISMATCH; mismatches=$(( mismatches + 1 )); failed_names="$failed_names $name;"; fi
  printf '  %-26s %-34s %-34s %s\n' "$name" "$want" "$got" "$verdict"
done
echo
echo "  Rows written after T and absent from the restore: $after_t_entries timeline entries (found: ${found_by_name["entries written after T"]-none})"
echo "  Drill took $(( $(date +%s) - drill_started ))s in all."
if [ "$after_t_entries" -eq 0 ]; then
  echo "RESTORE DRILL FAILED: no rows were written after T, so the drill proved nothing about stopping at T." >&2
  exit 1
fi
if [ "$mismatches" -gt 0 ]; then
  echo "RESTORE DRILL FAILED: $mismatches figure(s) did not match:$failed_names" >&2
  exit 1
fi
echo "RESTORE DRILL PASSED: every figure matched at T."
