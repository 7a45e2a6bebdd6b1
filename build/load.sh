#!/usr/bin/env bash
# The load script (README, "Load"): every page and API a rep, a manager and an executive open, on the large
# profile, in Release and the Production environment over HTTPS, with the server pinned to one core and the
# load (wrk, then the project's own visit loader) on the other. Run by hand, not by CI.
#
#   build/load.sh [--provider Sqlite|PostgreSql] [--seconds 20] [--connections 32] [--only REGEX]
#
# The first run publishes, seeds the large profile (medtech seed --profile large, then recompute --refit) into
# artifacts/load/<provider>/ and keeps it; later runs reuse it (delete the folder to seed again). PostgreSQL runs on
# a server of its own started like build/test.sh's (tuned for tests: no fsync), whose data folder is kept too.
# It prints one table: requests/s, p50, p99, errors, the response size (uncompressed) and each figure's ratio to the
# login page of the same run.
# Needs wrk (Debian package wrk; installed when missing and running as root), openssl and taskset.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
say() { echo "load.sh: $*" >&2; }

provider=Sqlite seconds=20 connections=32 only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) provider="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) say "unknown option $1"; exit 64 ;;
  esac
done
case "${provider,,}" in
  sqlite) provider=Sqlite ;;
  postgresql|postgres) provider=PostgreSql ;;
  *) say "--provider is Sqlite or PostgreSql"; exit 64 ;;
esac

if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" -eq 0 ]]; then
    say "installing wrk"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
  else
    say "wrk is missing (Debian package wrk)"; exit 1
  fi
fi
# shellcheck source=build/large-server.sh
source "$repo/build/large-server.sh"
[[ "$server_core" == "$load_core" ]] && say "one core only: server and load share it"
rep="rep8@demo.medtech"   # the busiest demo rep: two territories
exec_user="exec@demo.medtech"
mkdir -p "$work" && : >"$work/web.log"
large_server_prepare "$provider"
large_server_start

# --- Who and what ---------------------------------------------------------------------------------------------
manager="$(driver manager --provider "$provider" --connection "$connection" --email "$rep")"
account="$(driver accounts --provider "$provider" --connection "$connection" --email "$rep" --take 1)"
rep_cookie="$(driver signin --base "$base" --email "$rep" --password "$password")"
manager_cookie="$(driver signin --base "$base" --email "$manager" --password "$password")"
exec_cookie="$(driver signin --base "$base" --email "$exec_user" --password "$password" --totp-file "$data/exec.totp")"
say "rep $rep, manager $manager, executive $exec_user; busiest account $account"

# name|who|path
targets=(
  "login page|anonymous|/account/login"
  "rep home|rep|/"
  "account 360 (busiest)|rep|/accounts/$account"
  "account list, search|rep|/accounts?Search=general"
  "visit form|rep|/accounts/$account/visits/new"
  "incidents list|rep|/incidents"
  "install base|rep|/accounts/$account/devices"
  "interaction timeline|rep|/accounts/$account/timeline"
  "manager dashboard|manager|/dashboards/manager"
  "executive dashboard|executive|/dashboards/executive"
  "GET /api/accounts/{id}|rep|/api/accounts/$account"
  "GET /api/interactions?accountId=|rep|/api/interactions?accountId=$account"
  "GET /api/accounts/{id}/health|rep|/api/accounts/$account/health"
  "departure exposure, team|manager|/people/exposure"
  "departure exposure, company|executive|/people/exposure"
  "customer voice by product|executive|/voice"
)

results="$work/results-${provider,,}.tsv"
: >"$results"
login_rps=""
for target in "${targets[@]}"; do
  IFS='|' read -r name who path <<<"$target"
  [[ -n "$only" && "$name" != "login page" && ! "$name" =~ $only ]] && continue
  case "$who" in
    rep) cookie="$rep_cookie" ;; manager) cookie="$manager_cookie" ;; executive) cookie="$exec_cookie" ;; *) cookie="" ;;
  esac
  header=(); [[ -n "$cookie" ]] && header=(-H "Cookie: $cookie")
  read -r status size <<<"$(curl -ks -o /dev/null -w '%{http_code} %{size_download}' "${header[@]}" "$base$path")"
  if [[ "$status" != 200 ]]; then
    # A redirect to the sign-in page would measure the wrong thing at a fine speed.
    say "$name: $path answered $status, not 200: not measured"
    printf '%s\t0\t-\t-\tstatus %s\t-\n' "$name" "$status" >>"$results"
    continue
  fi
  # Warm-up: compile the page's queries and views before measuring.
  taskset -c "$load_core" wrk -t1 -c4 -d3s "${header[@]}" "$base$path" >/dev/null 2>&1 || true
  out="$(taskset -c "$load_core" wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s --latency "${header[@]}" "$base$path")"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
  socket="$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out")"
  [[ "$name" == "login page" ]] && login_rps="$rps"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${socket:-0} ))" "$size" >>"$results"
  say "$name: $rps req/s, p50 $p50, p99 $p99"
done

say "visit loader: $connections writers for ${seconds}s"
visits="$(taskset -c "$load_core" dotnet "$publish/driver/medtech-load.dll" visits --base "$base" --email "$rep" --password "$password" \
  --provider "$provider" --connection "$connection" --writers "$connections" --seconds "$seconds")" || say "the visit check failed"

# --- Report ---------------------------------------------------------------------------------------------------
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } else print v }'; }
echo
echo "Load on the large profile, $provider, $(date -u +%F), ${connections} connections, ${seconds} s each, server on core $server_core, load on core $load_core"
echo
echo "| page or API | requests/s | ratio to login | p50 ms | p99 ms | errors | response KB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
while IFS=$'\t' read -r name rps p50 p99 errors size; do
  ratio="$(awk -v r="$rps" -v l="$login_rps" 'BEGIN { printf "%.0f%%", (l > 0 ? 100 * r / l : 0) }')"
  kb="$(awk -v b="$size" 'BEGIN { if (b ~ /^[0-9]+$/) printf "%.1f", b / 1000; else print "-" }')"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$ratio" "$(ms "$p50")" "$(ms "$p99")" "$errors" "$kb"
done <"$results"
awk -F'\t' -v l="$login_rps" '
  $1 == "visits" { printf "| POST /api/interactions, new visits | %s acknowledged/s | %.0f%% | %s | %s | (slowest %s ms) | |\n", $3, (l > 0 ? 100 * $3 / l : 0), $4, $5, $6 }
  $1 == "replays" { printf "| POST /api/interactions, identical replays | %s/s | | %s | %s | (slowest %s ms) | |\n", $3, $4, $5, $6 }
  $1 == "errors" { printf "\nvisit loader errors: %s %s\n", $2, $3 }
  $1 == "check" { printf "acknowledged visits: %s, missing in the database: %s, stored twice: %s\n", $2, $3, $4 }' <<<"$visits"
