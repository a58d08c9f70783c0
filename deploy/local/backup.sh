#!/usr/bin/env bash
# Takes a base backup of a running Locality PostgreSQL cluster and keeps its WAL in an archive, so that the database
# can be restored to any moment from the backup's end to the last archived WAL segment (see docs/backup-and-restore.md).
#
#   deploy/local/backup.sh                 the demo's cluster (deploy/local/run.sh): port 55432, superuser locality,
#                                          backups and WAL archive next to its data
#   deploy/local/backup.sh --restart       the same, restarting PostgreSQL once if WAL archiving has to be turned on
#
# Options (some may also be given in the environment):
#   --port N            PostgreSQL's port on 127.0.0.1              (LOCALITY_PG_PORT, default 55432)
#   --user NAME         a superuser to connect as                   (LOCALITY_PG_USER, default locality)
#   --data-dir DIR      the cluster's data directory, for a restart (default: asked of the server)
#   --archive-dir DIR   where WAL segments are archived             (LOCALITY_WAL_ARCHIVE, default <data>/../wal-archive)
#   --backup-dir DIR    where base backups are kept, one folder each (LOCALITY_BACKUP_DIR, default <data>/../backups)
#   --label TEXT        the backup's label                          (default locality-<UTC time>)
#   --archive-timeout S the longest a finished transaction waits to be archived (default 60 s: the archive's RPO)
#   --restart           restart PostgreSQL if archive_mode or wal_level has to change (otherwise say so and stop)
#   --keep N            after a good backup, delete all but the newest N backups (never the WAL they need)
#
# It is safe to run again and again: archiving is set up only when it is not already as wanted, and each run makes one
# new backup in a folder of its own, checked with pg_verifybackup against its manifest and the archived WAL.
# Exit status: 0 a verified backup was made; 1 something failed (said why); 2 bad options; 3 a restart is needed.
set -euo pipefail

port="${LOCALITY_PG_PORT:-55432}"
user="${LOCALITY_PG_USER:-locality}"
data_dir=""
archive_dir="${LOCALITY_WAL_ARCHIVE:-}"
backup_dir="${LOCALITY_BACKUP_DIR:-}"
label=""
archive_timeout=60
restart=""
keep=""

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "backup: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --archive-dir) archive_dir="$2"; shift 2 ;;
    --backup-dir) backup_dir="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --archive-timeout) archive_timeout="$2"; shift 2 ;;
    --restart) restart=yes; shift ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "backup: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$port$archive_timeout${keep}" in *[!0-9]*) echo "backup: --port, --archive-timeout and --keep take whole numbers" >&2; exit 2 ;; esac

pg_bin="${LOCALITY_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[ -x "$pg_bin/pg_basebackup" ] || fail "PostgreSQL's client programs (pg_basebackup) are not installed under /usr/lib/postgresql; set LOCALITY_PG_BIN."

# The server runs as the owner of its data directory; as root, the files it must read and write (the archive, the
# backups) belong to that user and the server programs run as it.
server_user=""
as_server() { if [ -n "$server_user" ]; then runuser -u "$server_user" -- "$@"; else "$@"; fi; }
sql() { "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc "$1"; }

if ! sql "select 1" >/dev/null 2>&1; then
  fail "cannot connect to PostgreSQL on 127.0.0.1:$port as $user. Is the cluster running (deploy/local/run.sh)? Use --port/--user for another."
fi
[ "$(sql "select rolsuper from pg_roles where rolname = current_user")" = t ] || fail "$user is not a superuser; backups and archiving need one (--user)."
[ -n "$data_dir" ] || data_dir=$(sql "show data_directory")
parent=$(dirname "$data_dir")
archive_dir="${archive_dir:-$parent/wal-archive}"
backup_dir="${backup_dir:-$parent/backups}"
if [ "$(id -u)" -eq 0 ] && [ -d "$data_dir" ]; then
  server_user=$(stat -c %U "$data_dir")
  [ "$server_user" = root ] && server_user=""
fi
for dir in "$archive_dir" "$backup_dir"; do
  mkdir -p "$dir"
  if [ -n "$server_user" ]; then chown "$server_user" "$dir"; fi
  chmod 700 "$dir"
done
archive_dir=$(cd "$archive_dir" && pwd)
backup_dir=$(cd "$backup_dir" && pwd)

# 1. WAL archiving. A segment is copied under a temporary name and renamed, so a half-copied file is never taken for a
# whole one; a segment already archived with the same content counts as archived (PostgreSQL may ask twice), one with
# different content is refused so that nothing already archived is ever overwritten.
archive_command="f='$archive_dir/%f'; if [ -f \"\$f\" ]; then cmp -s '%p' \"\$f\"; else cp '%p' \"\$f.part\" && mv \"\$f.part\" \"\$f\"; fi"
echo "Cluster: 127.0.0.1:$port (data in $data_dir)"
changed=""
set_if_different() {
  local current
  current=$(sql "select setting from pg_settings where name = '$1'")
  if [ "$current" != "$2" ]; then
    sql "alter system set $1 = '${2//\'/\'\'}'" >/dev/null
    changed="$changed $1"
  fi
}
set_if_different wal_level replica
set_if_different archive_mode on
set_if_different archive_command "$archive_command"
set_if_different archive_timeout "$archive_timeout"
if [ -n "$changed" ]; then
  echo "Set for WAL archiving:$changed."
  sql "select pg_reload_conf()" >/dev/null
  sleep 1
fi
if [ "$(sql "select count(*) from pg_settings where name in ('wal_level','archive_mode') and pending_restart")" != 0 ] \
   || [ "$(sql "show archive_mode")" != on ] || [ "$(sql "show wal_level")" = minimal ]; then
  if [ -z "$restart" ]; then
    echo "WAL archiving is set (in postgresql.auto.conf) but archive_mode and wal_level take effect only when PostgreSQL restarts." >&2
    echo "Restart it (stop and start deploy/local/run.sh, or pg_ctl -D $data_dir restart), or run this again with --restart." >&2
    exit 3
  fi
  [ -f "$data_dir/PG_VERSION" ] || fail "a restart is needed and the data directory $data_dir is not here; pass --data-dir."
  echo "Restarting PostgreSQL so that WAL archiving takes effect…"
  as_server "$pg_bin/pg_ctl" -D "$data_dir" -m fast -w -t 120 restart >/dev/null || fail "PostgreSQL did not restart; see its log."
  for _ in $(seq 1 60); do sql "select 1" >/dev/null 2>&1 && break; sleep 0.5; done
  [ "$(sql "show archive_mode")" = on ] || fail "archive_mode is still off after the restart."
fi

# Archiving is proved, not assumed: a switched segment must reach the archive.
segment=$(sql "select pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 60); do
  if [ "$(sql "select coalesce(last_archived_wal >= '$segment', false) from pg_stat_archiver")" = t ]; then break; fi
  sleep 0.5
done
[ "$(sql "select coalesce(last_archived_wal >= '$segment', false) from pg_stat_archiver")" = t ] ||
  fail "WAL segment $segment did not reach $archive_dir in 30 s ($(sql "select 'failed ' || failed_count || ' times, last ' || coalesce(last_failed_wal, 'none') from pg_stat_archiver")). See PostgreSQL's log."
echo "WAL archiving works: $archive_dir (archive_timeout ${archive_timeout}s)."

# 2. The base backup: compressed tar, with a manifest of SHA-256 checksums; the WAL it needs comes from the archive
# (pg_basebackup waits until the backup's last segment is archived).
label="${label:-locality-$(date -u +%Y%m%dT%H%M%SZ)}"
case "$label" in */*|.*|"") echo "backup: a label may not contain / or start with a dot" >&2; exit 2 ;; esac
target="$backup_dir/$label"
[ ! -e "$target" ] || fail "a backup labelled $label already exists in $backup_dir; give another --label."
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
start_seconds=$(date +%s)
echo "Taking base backup $label…"
if ! as_server "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U "$user" -D "$target.part" -Ft -z -X none \
     --checkpoint=fast --manifest-checksums=SHA256 -l "$label" 2>"$backup_dir/.$label.err"; then
  cat "$backup_dir/.$label.err" >&2; rm -rf "$target.part" "$backup_dir/.$label.err"
  fail "pg_basebackup failed."
fi
rm -f "$backup_dir/.$label.err"
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# 3. Verify: pg_verifybackup (PostgreSQL 15) reads plain backups only, so the tar is unpacked to a scratch folder and
# checked against the manifest, file by file, and the WAL range it needs is read from the archive.
scratch=$(mktemp -d "$backup_dir/.verify-XXXXXX")
if [ -n "$server_user" ]; then chown "$server_user" "$scratch"; fi
trap 'rm -rf "$scratch"' EXIT
as_server tar -xzf "$target.part/base.tar.gz" -C "$scratch"
as_server cp "$target.part/backup_manifest" "$scratch/"
if ! verify=$(as_server "$pg_bin/pg_verifybackup" -w "$archive_dir" "$scratch" 2>&1); then
  echo "$verify" >&2
  fail "the backup did not verify; it is left in $target.part for inspection (it is not a usable backup)."
fi
rm -rf "$scratch"
wal_range=$(grep -o '"Start-LSN": "[^"]*", "End-LSN": "[^"]*"' "$target.part/backup_manifest" | head -n 1 | tr -d '"')
size=$(du -sh "$target.part" | cut -f1)
cat >"$target.part/backup.info" <<EOT
label=$label
started=$started
finished=$finished
seconds=$(( $(date +%s) - start_seconds ))
server=127.0.0.1:$port
server_version=$(sql "show server_version")
system_identifier=$(sql "select system_identifier from pg_control_system()")
timeline=$(sql "select timeline_id from pg_control_checkpoint()")
wal=${wal_range}
archive=$archive_dir
size=$size
verified=pg_verifybackup $(date -u +%Y-%m-%dT%H:%M:%SZ)
EOT
mv "$target.part" "$target"
trap - EXIT
ln -sfn "$label" "$backup_dir/latest"
echo "Backup $label verified: $size in $target (finished $finished; $wal_range)."

if [ -n "$keep" ] && [ "$keep" -gt 0 ]; then
  mapfile -t old < <(find "$backup_dir" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %f\n' | sort -n | head -n -"$keep" | cut -d' ' -f2-)
  for name in "${old[@]}"; do
    [ -f "$backup_dir/$name/backup.info" ] || continue
    rm -rf "${backup_dir:?}/$name"
    echo "Deleted the older backup $name (keeping the newest $keep)."
  done
  echo "WAL older than the oldest kept backup can be removed with pg_archivecleanup (see docs/backup-and-restore.md)."
fi
