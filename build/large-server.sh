# Sourced by build/load.sh and build/reliability.sh (run by hand, not by CI): the app in Release and the Production
# environment over HTTPS on the large profile, the way those scripts measure it.
#
#   large_server_prepare PROVIDER   publishes the web app, the CLI and the load driver; seeds the large profile
#                                   (medtech seed --profile large, then recompute --refit) into artifacts/load/<provider>/
#                                   once and keeps it (delete the folder to seed again); makes the certificates.
#                                   PostgreSQL runs on a server of its own started like build/test.sh's (no fsync).
#   large_server_start [CONNECTION] starts the app on a free port, pinned to $server_core, and waits until it answers;
#                                   sets $base and $web_pid. CONNECTION defaults to the seeded database.
#   large_server_kill               kill -9 of the app (a crash, not a shutdown)
#   medtech ARGS / driver ARGS      the published CLI on the seeded database / the load driver
# Needs openssl, taskset and python3 (a free port).

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="$repo/artifacts/load"
publish="$work/publish"
certs="$work/certs"
password="Demo-Stethoscope-42"
# Two cores: the server gets the first, the load the second.
server_core=0 load_core=1
if (( $(nproc) < 2 )); then server_core=0 load_core=0; fi
web_pid="" pg_dir="" base=""

medtech() { dotnet "$publish/cli/medtech.dll" --provider "$provider" --connection "$connection" "$@"; }
driver() { dotnet "$publish/driver/medtech-load.dll" "$@"; }

large_server_cleanup() {
  [[ -n "$web_pid" ]] && kill "$web_pid" 2>/dev/null && wait "$web_pid" 2>/dev/null || true
  [[ -n "$pg_dir" ]] && MEDTECH_PG_KEEP=1 "$repo/build/stop-postgres.sh" "$pg_dir" || true
}

large_server_prepare() {
  provider="$1"
  data="$work/${provider,,}"
  mkdir -p "$data" "$publish"
  : >"$work/publish.log"
  trap large_server_cleanup EXIT
  trap 'exit 130' INT TERM

  say "publishing Release"
  local project
  for project in src/MedTechAccounts.Web:web src/MedTechAccounts.Cli:cli tests/MedTechAccounts.LoadDriver:driver; do
    dotnet publish "$repo/${project%%:*}" -c Release -o "$publish/${project##*:}" >>"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
  done

  if [[ "$provider" == Sqlite ]]; then
    connection="Data Source=$data/large.db"
  else
    eval "$(MEDTECH_PG_DIR="$data/server" "$repo/build/start-postgres.sh")"
    pg_dir="$MEDTECH_TEST_POSTGRES_DIR"
    connection="${MEDTECH_TEST_POSTGRES/Database=medtech_test/Database=medtech_large}"
  fi
  if [[ ! -f "$data/seeded" ]]; then
    say "seeding the large profile into $data (once)"
    medtech seed --profile large >&2
    say "scoring it (recompute --refit)"
    medtech recompute --refit >&2
    date -u +%FT%TZ >"$data/seeded"
  fi
  # A database seeded by an older build gets the migrations added since (server databases are not migrated at start).
  medtech db migrate >&2

  # TLS for Kestrel, token signing and encryption for OpenIddict.
  if [[ ! -f "$certs/encryption.pfx" ]]; then
    mkdir -p "$certs"
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$certs/tls.key" -out "$certs/tls.crt" 2>/dev/null
    local use name
    for use in signing:digitalSignature encryption:keyEncipherment; do
      name="${use%%:*}"
      openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=medtech-load-$name" -addext "keyUsage=critical,${use#*:}" \
        -keyout "$certs/$name.key" -out "$certs/$name.crt" 2>/dev/null
      openssl pkcs12 -export -passout pass: -inkey "$certs/$name.key" -in "$certs/$name.crt" -out "$certs/$name.pfx"
    done
  fi
}

large_server_start() {
  local database="${1:-$connection}" port
  # The same port after a crash, so the clients' cookies and the issuer stay valid.
  if [[ -z "$base" ]]; then
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    base="https://127.0.0.1:$port"
  fi
  say "starting the web app on $base, pinned to core $server_core"
  (
    cd "$publish/web"
    export ASPNETCORE_ENVIRONMENT=Production
    export Database__Provider="$provider" ConnectionStrings__Default="$database" Database__SeedDemoData=true
    export AllowedHosts="127.0.0.1;localhost" SignIn__Issuer="$base/"
    export Kestrel__Certificates__Default__Path="$certs/tls.crt" Kestrel__Certificates__Default__KeyPath="$certs/tls.key"
    export SignIn__SigningCertificate__Path="$certs/signing.pfx" SignIn__EncryptionCertificate__Path="$certs/encryption.pfx"
    # The load signs in a handful of times from one address; the limit is for attackers.
    export SignIn__RateLimitPerMinute=1000
    export Logging__LogLevel__Default=Warning
    exec taskset -c "$server_core" dotnet MedTechAccounts.Web.dll --urls "$base"
  ) >>"$work/web.log" 2>&1 &
  web_pid=$!
  local _
  for _ in $(seq 1 180); do
    if curl -ks -o /dev/null -w '%{http_code}' "$base/account/login" 2>/dev/null | grep -q 200; then return 0; fi
    kill -0 "$web_pid" 2>/dev/null || { tail -n 50 "$work/web.log" >&2; exit 1; }
    sleep 1
  done
  say "the web app did not answer in 180 s"; exit 1
}

large_server_kill() {
  kill -9 "$web_pid" 2>/dev/null || true
  wait "$web_pid" 2>/dev/null || true
  web_pid=""
}
