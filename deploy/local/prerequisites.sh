#!/usr/bin/env bash
# Finds or installs what Locality needs on a Debian-like machine: the .NET SDK is assumed (global.json pins it);
# PostgreSQL server binaries, Node.js with npm (for the GOV.UK front end) and, for the tests, Chromium.
# Sourced by run.sh and test.sh.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Need root to run: $*  (install it yourself, or run this script with sudo)" >&2; return 1
  fi
}

apt_install() {
  echo "Installing $* (apt-get)…"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; then
    as_root apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is needed and 'dotnet' is not on the PATH. Install it: https://learn.microsoft.com/dotnet/core/install/linux" >&2
    exit 1
  fi
}

# Prints the folder holding initdb and pg_ctl, installing PostgreSQL if none is found.
postgres_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "${LOCALITY_PG_BIN:-}" ]; then found="$LOCALITY_PG_BIN"; fi
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    apt_install postgresql postgresql-contrib >&2
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl) could not be found or installed. Install PostgreSQL 15 or later, or set LOCALITY_PG_BIN." >&2
    exit 1
  fi
  echo "$found"
}

require_node() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
}

require_chromium() {
  local chromium="${LOCALITY_CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    apt_install chromium
  fi
  if [ ! -x "$chromium" ]; then
    echo "Chromium is needed for the browser tests and is not at $chromium. Install it (apt-get install -y chromium) or set LOCALITY_CHROMIUM." >&2
    exit 1
  fi
}
