#!/usr/bin/env bash
# The notification load benchmark: builds the portal and the load client in Release, starts the portal on a loopback
# port (no demo data) with 1,000 bench users, connects 1,000 authenticated SignalR clients and measures push latency
# against a ping baseline, and the server's memory; on SQLite, then on PostgreSQL when BENCH_POSTGRES (or
# PORTAL_TEST_POSTGRES, from build/services.sh) names a server (a fresh database is created there and dropped after).
# Usage: build/bench/notifications/run.sh [--users N] [--rates R1,R2]
#        Without arguments: issue 16's line, one notification to each of 1,000 recipients at 100 requests/s (then one
#        to all 1,000), on SQLite and on PostgreSQL; it prints the time each database took and the whole run's.
#        BENCH_QUICK=1: 300 users, one rate of 100/s (about 3 minutes for both databases with the build).
set -euo pipefail
started=$(date +%s)
echo "== $(uptime)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$root/build/.artifacts/bench"
mkdir -p "$out"

# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build src/Consortium.Portal.Web -c Release -nologo -v quiet
dotnet build build/bench/notifications -c Release -nologo -v quiet
bench=(dotnet build/bench/notifications/bin/Release/net10.0/Consortium.Portal.Bench.Notifications.dll
       --portal "${BENCH_APP:-src/Consortium.Portal.Web/bin/Release/net10.0}/Consortium.Portal.Web.dll")

quick=()
[ "${BENCH_QUICK:-0}" = 1 ] && quick=(--users 300 --rates 100)

echo "== SQLite"
database_started=$(date +%s)
"${bench[@]}" --out "$out/notifications-sqlite.md" "$@" "${quick[@]}"
echo "== SQLite took $(( $(date +%s) - database_started )) s; $(uptime)"

server="${BENCH_POSTGRES:-${PORTAL_TEST_POSTGRES:-}}"
if [ -n "$server" ]; then
  database="portal_bench_notifications_$$"
  # The server's connection string with the bench's own database in place of the one it names.
  connection="$(printf '%s' "$server" | sed -E 's/(^|;)Database=[^;]*//I');Database=$database"
  drop() { psql "$(printf '%s' "$server" | python3 -c 'import sys; p=dict(kv.split("=",1) for kv in sys.stdin.read().split(";") if "=" in kv); print("host=%s port=%s user=%s password=%s dbname=postgres" % (p.get("Host"), p.get("Port", "5432"), p.get("Username"), p.get("Password")))')" \
      -qc "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 || true; }
  trap drop EXIT
  echo "== PostgreSQL"
  database_started=$(date +%s)
  "${bench[@]}" --postgres "$connection" --out "$out/notifications-postgresql.md" "$@" "${quick[@]}"
  echo "== PostgreSQL took $(( $(date +%s) - database_started )) s; $(uptime)"
else
  echo "== PostgreSQL skipped: set BENCH_POSTGRES (or source build/services.sh and services_start)" >&2
fi
echo "== results in $out/notifications-*.md; the whole run took $(( $(date +%s) - started )) s"
