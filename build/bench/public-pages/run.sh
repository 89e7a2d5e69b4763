#!/usr/bin/env bash
# Public HTML pages (issue 16): the catalogue list and feed and the library list, without sign-in, against the bare
# /health/live in the same run, with the public answers kept (the modules' default lifetimes) and not kept (lifetimes 0,
# so every request queries and renders, as before the cache). Demo data only: no setup, so it runs in under a minute.
# Usage: build/bench/public-pages/run.sh   (BENCH_APP: a built portal folder; BENCH_DURATION: wrk's duration, 10s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${BENCH_DIR:-/tmp/portal-bench-public-pages}"
duration="${BENCH_DURATION:-10s}"
source "$root/build/bench/tools.sh"; bench_tools wrk
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
rps() { wrk -t2 -c50 -d"$duration" "$1" | awk '/Requests\/sec/ {print $2}'; }
ratio() { python3 -c "print(f'{$1/$2:.3f}')"; }

# run LABEL LIFETIME: one portal with both modules' public lifetimes set to LIFETIME, measured.
run() {
  rm -rf "$work" && mkdir -p "$work"
  local port base pid
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  base="http://127.0.0.1:$port"
  env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$work/data" Portal__SeedDemoData=true Logging__LogLevel__Default=Warning \
      Publications__PublicCacheLifetime="$2" Training__PublicCacheLifetime="$2" \
      dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/portal.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do curl -s -o /dev/null "$base/health/live" && break; sleep 0.5; done
  for path in /catalogue /catalogue/en/feed.atom /library; do curl -sf -o /dev/null "$base$path"; done
  local bare list feed library
  bare="$(rps "$base/health/live")"; list="$(rps "$base/catalogue")"; feed="$(rps "$base/catalogue/en/feed.atom")"; library="$(rps "$base/library")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '| %s | %s | %s (%s) | %s (%s) | %s (%s) |\n' "$1" "$bare" "$list" "$(ratio "$list" "$bare")" "$feed" "$(ratio "$feed" "$bare")" "$library" "$(ratio "$library" "$bare")"
}
echo "| answers | /health/live req/s | /catalogue req/s (ratio) | /catalogue/en/feed.atom | /library |"
echo "|---|---|---|---|---|"
run "not kept (lifetime 0)" "00:00:00"
run "kept (1 min)" "00:01:00"
