#!/usr/bin/env bash
# What being signed in costs a request (issues 12 and 16): wrk, 50 connections, against the portal on loopback (SQLite,
# demo data, Release), each figure a ratio to the bare /health/live in the same run:
#   /health/live with a session cookie  - the authentication of a request alone (cookie, session, principal);
#   /api/account/me                     - the smallest signed-in API answer (authorization, the user's row);
#   /api/workflows/tasks/mine           - the task inbox (the issue's goal: >= 0.3 of bare, p95 < 50 ms).
# BENCH_QUICK=1: 5 s per endpoint (about 1.5 minutes with an incremental build); otherwise 15 s.
# BENCH_APP=<folder of a built portal> measures it without building. Prints "name value" lines; writes nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${BENCH_DIR:-/tmp/portal-bench-signed-in}"
password="Demo-Portal-2026!"
duration="${BENCH_DURATION:-$([ -n "${BENCH_QUICK:-}" ] && echo 5s || echo 15s)}"
source "$root/build/bench/tools.sh"; bench_tools wrk
rm -rf "$work" && mkdir -p "$work"
echo "load at start: $(uptime | sed 's/.*load average: //')"
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$work/data" Portal__SeedDemoData=true Logging__LogLevel__Default=Warning \
    Identity__SignInRateLimit=100000 Database__Provider=Sqlite \
    dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/portal.log" 2>&1 &
portal_pid=$!
trap 'kill $portal_pid 2>/dev/null || true; wait $portal_pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -s -o /dev/null "$base/health/ready" && break; sleep 0.5; done

# Partner staff of the demo data (no second factor needed), one session each, used in turn by wrk's requests.
: > "$work/cookies"
for who in member1.bprg lead.bprg member1.bfpe lead.bfpe; do
  python3 "$root/build/bench/portal_session.py" "$base" "$who@demo.portal" "$password" >> "$work/cookies" 2>/dev/null || true
done
[ -s "$work/cookies" ] || { echo "no session: sign-in failed (see $work/portal.log)" >&2; exit 1; }
cat > "$work/run.lua" <<'LUA'
local cookies, n = {}, 0
local f = os.getenv("BENCH_COOKIES")
if f and f ~= "" then for line in io.lines(f) do if #line > 0 then cookies[#cookies + 1] = line end end end
request = function()
  if #cookies == 0 then return wrk.format() end
  n = n % #cookies + 1
  return wrk.format(nil, nil, { ["Cookie"] = cookies[n] })
end
done = function(summary, latency, requests)
  io.write(string.format("rps %.0f\np95_ms %.2f\nerrors %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
# Every endpoint warmed, then bare before and after each one (build/bench/bracketed.sh): bare, A, bare, B, ..., bare.
source "$root/build/bench/bracketed.sh"
declare -A paths=([bare]=/health/live [live_signed_in]=/health/live [me]=/api/account/me [inbox]=/api/workflows/tasks/mine)
bench_run() { # name duration outfile; bare without a session, the others signed in
  BENCH_COOKIES="$([ "$1" = bare ] || echo "$work/cookies")" wrk -t2 -c50 -d"$2" -s "$work/run.lua" "$base${paths[$1]}" > "$3"
}
curl -s -o /dev/null -w "check /api/account/me: %{http_code}\n" -H "Cookie: $(head -1 "$work/cookies")" "$base/api/account/me"
names=(live_signed_in me inbox)
bracketed_measure "$work/runs" 2s "$duration" "${names[@]}"
for k in "${!names[@]}"; do
  m="${names[$k]}"
  echo "$m $(awk '$1=="rps"{r=$2} $1=="p95_ms"{p=$2} $1=="errors"{e=$2} END{print r" req/s, p95 "p" ms, non-2xx/errors "e}' "$work/runs/$m.txt")"
  echo "bare_around_$m $(bracketed_bares "$work/runs" "$k" | sed 's/ / req\/s before, /') req/s after"
  echo "ratio_$m $(bracketed_ratio "$work/runs" "$k" "$m")"
done
echo "load at end: $(uptime | sed 's/.*load average: //')"
