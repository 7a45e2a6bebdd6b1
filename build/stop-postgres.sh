#!/usr/bin/env bash
# Stops a server started by build/start-postgres.sh and deletes its temporary folder.
#
#   build/stop-postgres.sh [folder]
#
#   MEDTECH_PG_KEEP=1 build/stop-postgres.sh folder   # stops it and keeps its data
#
# The folder is the argument, else $MEDTECH_TEST_POSTGRES_DIR, else the one start-postgres.sh
# recorded last. Stopping a server that is already gone is not an error.
set -euo pipefail

say() { echo "stop-postgres: $*" >&2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_file="${MEDTECH_TEST_POSTGRES_STATE:-$repo/artifacts/test-postgres.dir}"

dir="${1:-${MEDTECH_TEST_POSTGRES_DIR:-}}"
if [[ -z "$dir" && -f "$state_file" ]]; then
  dir="$(cat "$state_file")"
fi
if [[ -z "$dir" ]]; then
  say "nothing to stop"
  exit 0
fi

# Refuse anything that does not look like our folder before deleting it.
if [[ ! -d "$dir/data" || ! -f "$dir/bindir" ]]; then
  say "$dir is not a folder made by start-postgres.sh; leaving it alone"
  [[ -f "$state_file" && "$(cat "$state_file")" == "$dir" ]] && rm -f "$state_file"
  exit 0
fi

bindir="$(cat "$dir/bindir")"
run_as=()
if [[ "$(id -u)" -eq 0 ]]; then
  run_as=(runuser -u postgres --)
fi

if [[ -f "$dir/data/postmaster.pid" ]]; then
  # fast: roll back open transactions and disconnect clients; tests are over.
  ( cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 ) \
    || ( cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >&2 ) \
    || say "pg_ctl could not stop the server in $dir"
fi

if [[ -f "$state_file" && "$(cat "$state_file")" == "$dir" ]]; then
  rm -f "$state_file"
fi
# MEDTECH_PG_KEEP=1: a folder started with MEDTECH_PG_DIR keeps its data for the next run.
if [[ "${MEDTECH_PG_KEEP:-}" == 1 ]]; then
  say "stopped $dir (kept)"
  exit 0
fi
rm -rf "$dir"
say "stopped and removed $dir"
