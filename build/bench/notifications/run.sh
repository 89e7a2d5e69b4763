#!/usr/bin/env bash
# The notification load benchmark: builds the portal and the load client in Release, starts the portal on a loopback
# port (SQLite, no demo data) with 1,000 bench users, connects 1,000 authenticated SignalR clients and measures push
# latency against a ping baseline, and the server's memory. Usage: build/bench/notifications/run.sh [--users N] [--rates R1,R2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$root/build/.artifacts/bench"
mkdir -p "$out"

dotnet build src/Consortium.Portal.Web -c Release -nologo -v quiet
dotnet build build/bench/notifications -c Release -nologo -v quiet

dotnet build/bench/notifications/bin/Release/net10.0/Consortium.Portal.Bench.Notifications.dll \
  --portal src/Consortium.Portal.Web/bin/Release/net10.0/Consortium.Portal.Web.dll \
  --out "$out/notifications.md" "$@"
echo "== results in $out/notifications.md"
