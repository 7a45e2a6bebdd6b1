#!/usr/bin/env bash
# The test command (README): restores and builds the solution once, runs every test project and
# the JavaScript unit tests, and ends with one line "N passed, N failed" (", N skipped" when any
# were skipped), summed over all of them. The exit code is non-zero when anything failed.
#
#   build/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Accounts"]
#
# Environment:
#   MEDTECH_TEST_POSTGRES  PostgreSQL connection string for the integration tests. When unset, a
#                          throwaway server is started (build/start-postgres.sh) and stopped on
#                          exit, so the integration tests run on SQLite and on PostgreSQL.
#   MEDTECH_CHROMIUM       Chromium for the browser tests; defaults to /usr/bin/chromium, which
#                          is installed when missing and running as root. Without it the browser
#                          tests skip themselves and say so.
#   CI=true                PostgreSQL must start: CI does not pass with half the integration tests.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

say() { echo "test.sh: $*" >&2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The summary lines parsed below are English.
export DOTNET_CLI_UI_LANGUAGE=en

results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

passed=0
failed=0
skipped=0

pg_dir=""
stop_postgres() {
  if [[ -n "$pg_dir" ]]; then
    "$repo/build/stop-postgres.sh" "$pg_dir"
    pg_dir=""
  fi
}
# Also on Ctrl-C or a kill (which must become an exit for the EXIT trap to run); the normal path
# stops it in finish.
trap stop_postgres EXIT
trap 'exit 130' INT TERM

# Prints the final line; every exit path goes through here. The server is stopped first so that
# its messages do not come after the final line.
finish() {
  stop_postgres
  local line="$passed passed, $failed failed"
  if (( skipped > 0 )); then line+=", $skipped skipped"; fi
  echo "$line"
  if (( failed > 0 )); then exit 1; fi
  exit 0
}

# --- Chromium for the browser tests -----------------------------------------------------------
if [[ -z "${MEDTECH_CHROMIUM:-}" ]]; then
  if [[ ! -x /usr/bin/chromium && "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing Chromium for the browser tests"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$results/apt-chromium.log" 2>&1; then
      say "could not install Chromium (see $results/apt-chromium.log)"
    fi
  fi
  if [[ -x /usr/bin/chromium ]]; then
    export MEDTECH_CHROMIUM=/usr/bin/chromium
  else
    say "no Chromium at /usr/bin/chromium: the browser tests will skip themselves"
  fi
fi

# --- PostgreSQL for the integration tests -----------------------------------------------------
if [[ -z "${MEDTECH_TEST_POSTGRES:-}" ]]; then
  if exports="$("$repo/build/start-postgres.sh")"; then
    eval "$exports"
    # The folder is passed to stop-postgres.sh explicitly: two runs may overlap.
    pg_dir="$MEDTECH_TEST_POSTGRES_DIR"
  elif [[ "${CI:-}" == "true" ]]; then
    say "PostgreSQL did not start (output above); CI needs it for the integration tests"
    failed=$((failed + 1))
    finish
  else
    say "PostgreSQL did not start: the PostgreSQL integration tests will skip themselves"
  fi
fi

# --- Build once -------------------------------------------------------------------------------
say "building"
if ! dotnet build MedTechAccounts.sln -c Debug 2>&1 | tee "$results/build.log"; then
  say "the build failed (errors above, log in $results/build.log): no test ran; counted as 1 failure"
  failed=$((failed + 1))
  finish
fi

# --- .NET tests -------------------------------------------------------------------------------
# Each test assembly prints one summary line:
#   Passed!  - Failed:     0, Passed:    12, Skipped:     1, Total:    13, Duration: 2 s - X.dll (net10.0) (or "Failed!", or "Skipped!" when every test was skipped)
# An assembly with no tests prints none and adds nothing.
say "running .NET tests"
dotnet test MedTechAccounts.sln -c Debug --no-build --results-directory "$results" "$@" 2>&1 \
  | tee "$results/dotnet-test.log"
dotnet_exit=${PIPESTATUS[0]}

read -r p f s < <(sed -E -n 's/^(Passed|Failed|Skipped)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+),.*/\3 \2 \4/p' \
  "$results/dotnet-test.log" | awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }')
passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
if (( dotnet_exit != 0 && f == 0 )); then
  # A crashed test host, a missing test assembly or a bad argument: no failed test was
  # counted, yet the run failed. Count it so the final line cannot say "0 failed".
  say "dotnet test exited with $dotnet_exit without a failed test in its summary (output above); counted as 1 failure"
  failed=$((failed + 1))
fi

# --- JavaScript unit tests --------------------------------------------------------------------
# Run when the web project's package.json has a "test" script (node --test). The build above
# ran npm, so node_modules is in place. Node's TAP output ends with "# pass N", "# fail N",
# "# skipped N" (its spec reporter, on a terminal, with "ℹ pass N"; both are read).
web="$repo/src/MedTechAccounts.Web"
if [[ -f "$web/package.json" ]] && node -e 'process.exit(require(process.argv[1]).scripts?.test ? 0 : 1)' "$web/package.json" 2>/dev/null; then
  say "running JavaScript tests"
  ( cd "$web" && npm test --silent ) 2>&1 | tee "$results/js-test.log"
  js_exit=${PIPESTATUS[0]}
  js_count() { sed -E -n "s/^(# |ℹ )$1 ([0-9]+)\$/\\2/p" "$results/js-test.log" | tail -n 1; }
  jp="$(js_count pass)"; jf="$(js_count fail)"; js="$(js_count skipped)"
  passed=$((passed + ${jp:-0})); failed=$((failed + ${jf:-0})); skipped=$((skipped + ${js:-0}))
  if (( js_exit != 0 && ${jf:-0} == 0 )); then
    say "the JavaScript tests exited with $js_exit without a failed test in their summary; counted as 1 failure"
    failed=$((failed + 1))
  fi
fi

finish
