#!/usr/bin/env bash
# The reliability run (README, "Reliability"): acknowledged visits survive load, crashes and a backup, on the large
# profile, in Release and the Production environment over HTTPS (build/large-server.sh, shared with build/load.sh).
# Run by hand, not by CI.
#
#   build/reliability.sh [--provider Sqlite|PostgreSql] [--seconds 20] [--writers 32] [--cycles 5]
#
# 1. Visits under load: the visit loader's writers while wrk reads the rep home and the busiest account page.
# 2. Crash cycles: the loader writes, the server is killed with kill -9 at a random moment and started again while
#    the loader goes on; then every visit the loader ever sent is sent again (as a tablet's outbox would) and each
#    acknowledged visit must answer "already stored" (a "created" is an acknowledged visit lost). SQLite's
#    integrity_check runs after every crash.
# 3. Backup under load: VACUUM INTO (SQLite) or pg_dump (PostgreSQL) taken while the loader writes, restored into a
#    new database, the app started on the restored copy; every visit acknowledged before the backup began is in it.
# Every check counts acknowledged visits missing and stored twice, in the database itself (the driver's own SQL).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
say() { echo "reliability.sh: $*" >&2; }

provider=Sqlite seconds=20 writers=32 cycles=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) provider="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --writers) writers="$2"; shift 2 ;;
    --cycles) cycles="$2"; shift 2 ;;
    *) say "unknown option $1"; exit 64 ;;
  esac
done
case "${provider,,}" in
  sqlite) provider=Sqlite ;;
  postgresql|postgres) provider=PostgreSql ;;
  *) say "--provider is Sqlite or PostgreSql"; exit 64 ;;
esac
command -v wrk >/dev/null 2>&1 || { say "wrk is missing (Debian package wrk; build/load.sh installs it)"; exit 1; }

# shellcheck source=build/large-server.sh
source "$repo/build/large-server.sh"
rep="rep8@demo.medtech"
run="$work/reliability-${provider,,}"
rm -rf "$run"; mkdir -p "$run"
mkdir -p "$work" && : >"$work/web.log"
large_server_prepare "$provider"
large_server_start
account="$(driver accounts --provider "$provider" --connection "$connection" --email "$rep" --take 1)"
rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s |' "$@")"); say "$*"; }
field() { awk -F'\t' -v k="$1" -v n="$2" '$1 == k { print $n }' <<<"$3"; }
loader() { # journal, seconds
  taskset -c "$load_core" dotnet "$publish/driver/medtech-load.dll" visits --base "$base" --email "$rep" --password "$password" \
    --provider "$provider" --connection "$connection" --writers "$writers" --seconds "$2" --journal "$1" || true
}
acknowledged() { if [[ -f "$1" ]]; then awk '/^ack/ { n++ } END { print n + 0 }' "$1"; else echo 0; fi; }
integrity() {
  [[ "$provider" == Sqlite ]] || { echo "-"; return; }
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$data/large.db"
}

# --- 1. Visits under load --------------------------------------------------------------------------------------
say "visits under load: $writers writers and wrk on two pages for ${seconds}s"
cookie="$(driver signin --base "$base" --email "$rep" --password "$password")"
readers=()
for path in / "/accounts/$account"; do
  taskset -c "$load_core" wrk -t1 -c8 -d"${seconds}s" --timeout 10s -H "Cookie: $cookie" "$base$path" >"$run/wrk-${path//\//_}.txt" 2>&1 &
  readers+=($!)
done
out="$(loader "$run/load.journal" "$seconds")"
wait "${readers[@]}" || true
reads="$(awk '/^Requests\/sec:/ { s += $2 } END { printf "%.1f", s }' "$run"/wrk-*.txt)"
row "visits under load (reads alongside: $reads req/s)" "$(field visits 2 "$out") acknowledged, $(field visits 3 "$out")/s, p99 $(field visits 5 "$out") ms" \
  "$(field check 3 "$out")" "$(field check 4 "$out")" "-"

# --- 2. Crash cycles -------------------------------------------------------------------------------------------
for cycle in $(seq 1 "$cycles"); do
  journal="$run/crash-$cycle.journal"
  loader "$journal" "$seconds" >"$run/crash-$cycle.out" &
  loader_pid=$!
  # Kill once writes flow (the loader has signed in and had visits acknowledged), at a random moment after.
  for _ in $(seq 1 120); do (( $(acknowledged "$journal") >= 20 )) && break; sleep 0.5; done
  sleep "$(( RANDOM % 4 )).$(( RANDOM % 10 ))"
  say "cycle $cycle: kill -9 of the web app"
  large_server_kill
  check="$(integrity)"
  large_server_start
  wait "$loader_pid" || true
  replay="$(driver replay --base "$base" --email "$rep" --password "$password" --journal "$journal" || true)"
  stored="$(driver check --provider "$provider" --connection "$connection" --journal "$journal" || true)"
  row "crash $cycle: kill -9, restart, replay of all $(field replay 2 "$replay") visits sent" \
    "$(field replay 4 "$replay") already stored, $(field replay 3 "$replay") stored by the replay (acknowledged and lost: $(field replay 5 "$replay"), failed: $(field replay 6 "$replay"))" \
    "$(field check 3 "$stored")" "$(field check 4 "$stored")" "$check"
done

# --- 3. Backup under load --------------------------------------------------------------------------------------
journal="$run/backup.journal"
loader "$journal" "$seconds" >"$run/backup.out" &
loader_pid=$!
for _ in $(seq 1 120); do (( $(acknowledged "$journal") >= 20 )) && break; sleep 0.5; done
started_ms="$(date +%s%3N)"
if [[ "$provider" == Sqlite ]]; then
  copy="$run/restored.db"
  python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("VACUUM INTO ?", (sys.argv[2],))' "$data/large.db" "$copy"
  backup_file="$copy" restored="Data Source=$copy"
else
  bindir="$(cat "$pg_dir/bindir")" server="${MEDTECH_TEST_POSTGRES#Host=127.0.0.1;Port=}" ; pgport="${server%%;*}"
  backup_file="$run/backup.dump"
  "$bindir/pg_dump" -h 127.0.0.1 -p "$pgport" -U postgres -Fc -f "$backup_file" medtech_large
fi
backup_ms=$(( $(date +%s%3N) - started_ms ))
wait "$loader_pid" || true
if [[ "$provider" == PostgreSql ]]; then
  "$bindir/dropdb" -h 127.0.0.1 -p "$pgport" -U postgres --if-exists medtech_restored
  "$bindir/createdb" -h 127.0.0.1 -p "$pgport" -U postgres medtech_restored
  "$bindir/pg_restore" -h 127.0.0.1 -p "$pgport" -U postgres -d medtech_restored "$backup_file"
  restored="${connection/Database=medtech_large/Database=medtech_restored}"
fi
size_mb="$(du -m "$backup_file" | cut -f1)"
before="$(driver check --provider "$provider" --connection "$restored" --journal "$journal" --acknowledged-before "$started_ms" || true)"
after="$(driver check --provider "$provider" --connection "$restored" --journal "$journal" || true)"
large_server_kill
large_server_start "$restored"
health="$(curl -ks -o /dev/null -w '%{http_code}' "$base/health/ready")"
row "backup under load ($backup_ms ms, $size_mb MB), restored, app started on it (ready: $health)" \
  "$(field check 2 "$before") acknowledged before the backup began; of all $(field check 2 "$after") acknowledged, $(( $(field check 2 "$after") - $(field check 3 "$after") )) are in the copy" \
  "$(field check 3 "$before")" "$(field check 4 "$after")" "$( [[ "$provider" == Sqlite ]] && python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$copy" || echo -)"

[[ "$health" == 200 ]] || say "the app on the restored copy is not ready: $(curl -ks "$base/health/ready")"

# --- Report ----------------------------------------------------------------------------------------------------
echo
echo "Reliability on the large profile, $provider, $(date -u +%F), $writers writers, ${seconds} s per phase, server on core $server_core, load on core $load_core"
echo
echo "| phase | visits | acknowledged missing | stored twice | integrity_check |"
echo "| --- | --- | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
