#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the integration tests and prints shell exports:
#
#   eval "$(build/start-postgres.sh)"      # sets MEDTECH_TEST_POSTGRES and MEDTECH_TEST_POSTGRES_DIR
#   ...run tests...
#   build/stop-postgres.sh                 # stops it and deletes its data
#
# The server uses the machine's PostgreSQL binaries (installed from the distribution's packages
# when missing and running as root), keeps everything in a new temporary folder, listens on
# 127.0.0.1 only, on a free port, with trust authentication, and is tuned for tests, not for
# safety (no fsync). Only the export lines go to stdout; everything else goes to stderr.
set -euo pipefail

say() { echo "start-postgres: $*" >&2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Where stop-postgres.sh finds the server to stop when it is given no folder.
state_file="${MEDTECH_TEST_POSTGRES_STATE:-$repo/artifacts/test-postgres.dir}"

# --- Find initdb, pg_ctl and postgres --------------------------------------------------------
# PATH may hold symlinks (e.g. /usr/local/bin/initdb), and pg_config may belong to the client
# package only, so each candidate must have all three binaries; Debian keeps them in
# /usr/lib/postgresql/<version>/bin, which is not on PATH.
find_bindir() {
  local candidates=() dir
  if command -v initdb >/dev/null 2>&1; then
    candidates+=("$(dirname "$(readlink -f "$(command -v initdb)")")")
  fi
  if command -v pg_config >/dev/null 2>&1; then
    candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  fi
  # Newest version first.
  while IFS= read -r dir; do candidates+=("$dir"); done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV)
  for dir in "${candidates[@]}"; do
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

bindir="$(find_bindir || true)"
if [[ -z "$bindir" ]]; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL server not found; installing the distribution's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bindir="$(find_bindir || true)"
  fi
fi
if [[ -z "$bindir" ]]; then
  say "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found; install PostgreSQL 15 or run as root to install it"
  exit 1
fi
say "using $("$bindir/postgres" --version) from $bindir"

# --- Who runs the server ----------------------------------------------------------------------
# initdb and postgres refuse to run as root, so as root they run as the OS user "postgres"
# (created when missing). Otherwise they run as the current user.
run_as=()
if [[ "$(id -u)" -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    say "creating OS user postgres"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  run_as=(runuser -u postgres --)
fi

# --- Data folder and port ---------------------------------------------------------------------
# MEDTECH_PG_DIR names a folder to keep (build/load.sh's seeded database): made on the first run,
# started again as it is on the next. Otherwise the folder is new and temporary.
kept="${MEDTECH_PG_DIR:-}"
if [[ -n "$kept" ]]; then
  mkdir -p "$kept"
  dir="$(cd "$kept" && pwd)"
else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/medtech-pg.XXXXXX")"
fi
if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres: "$dir"
fi
cleanup_on_error() {
  say "failed; server log follows"
  cat "$dir/server.log" >&2 2>/dev/null || true
  ( cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 ) || true
  [[ -n "$kept" ]] || rm -rf "$dir"
}
trap cleanup_on_error ERR

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  # No python: try ports until one refuses a connection (bash's /dev/tcp).
  local port
  for port in $(seq 54320 54420); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  return 1
}

# The binaries run from inside the temporary folder: the caller's working directory (a root-owned
# checkout, say) may not be readable by the postgres user.
cd "$dir"

# C locale: byte order for text, the same as SQLite's default collation, so ordering tests agree.
if [[ ! -f "$dir/data/PG_VERSION" ]]; then
  "${run_as[@]}" "$bindir/initdb" -D "$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; false; }
fi

# A port picked as free can be taken before the server binds it; try a few.
started=""
for attempt in 1 2 3; do
  port="$(free_port)"
  options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
  options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
  if "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 start >&2; then
    started="yes"
    break
  fi
  say "start on port $port failed (attempt $attempt)"
done
[[ -n "$started" ]] || false

# pg_ctl -w already waited; make sure the server answers on TCP before anyone connects.
isready="$bindir/pg_isready"
[[ -x "$isready" ]] || isready="$(command -v pg_isready || true)"
if [[ -n "$isready" ]]; then
  for _ in $(seq 1 60); do
    if "$isready" -q -h 127.0.0.1 -p "$port" -U postgres; then break; fi
    sleep 0.5
  done
  "$isready" -q -h 127.0.0.1 -p "$port" -U postgres
fi

if [[ -z "$kept" ]] || ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -lqt | cut -d'|' -f1 | grep -qw medtech_test; then
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres medtech_test
fi

mkdir -p "$(dirname "$state_file")"
echo "$dir" >"$state_file"
echo "$bindir" >"$dir/bindir"
trap - ERR
say "PostgreSQL on 127.0.0.1:$port, data in $dir"

echo "export MEDTECH_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=medtech_test'"
echo "export MEDTECH_TEST_POSTGRES_DIR='$dir'"
