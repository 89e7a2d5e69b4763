#!/usr/bin/env bash
# Meetings benchmark (NOT YET RUN: written on a shared, loaded machine; figures come from a quiet one).
# From a second process against the portal on loopback (issue 13, "Benchmark"):
#  1. a partner lead creates 20 workspaces and 100 open meetings in each (2,000), with 5 decisions per meeting (10,000);
#  2. the lead's personal calendar feed (anonymous, its secret token in the URL): requests per second with wrk at
#     50 connections, as a ratio to the bare endpoint (/health/live), and its p95 latency;
#  3. the decisions register searched by a word of the decisions' text, over the 10,000: p95 latency (goal < 50 ms),
#     at 1 connection (one reader's wait) and at 50.
# Writes the figures to build/bench/RESULTS.md (section "Meetings"). Usage: build/bench/meetings/run.sh
# BENCH_WORKSPACES, BENCH_MEETINGS (per workspace), BENCH_DECISIONS (per meeting) and BENCH_DURATION change the sizes;
# BENCH_DECISIONS_TOTAL copies the seeded decisions in the database up to that many (bulk_decisions.py).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/build/bench/meetings"
work="${BENCH_DIR:-/tmp/portal-bench-meetings}"
results="$root/build/bench/RESULTS.md"
organiser="lead.bprg@demo.portal"   # a partner lead: may create workspaces (demo data, README)
password="Demo-Portal-2026!"
workspaces="${BENCH_WORKSPACES:-20}"
meetings="${BENCH_MEETINGS:-100}"
decisions="${BENCH_DECISIONS:-5}"
duration="${BENCH_DURATION:-20s}"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$results" ] || printf "# Benchmark results\n\nFigures written by the scripts under build/bench; each section names its command.\n" > "$results"
echo "== building the portal (Release)"
# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
# Development: the portal's Secure cookies are then accepted on plain http from loopback, as in the browser tests.
env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$work/data" Portal__SeedDemoData=true Logging__LogLevel__Default=Warning \
    dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/portal.log" 2>&1 &
portal_pid=$!
trap 'kill $portal_pid 2>/dev/null || true; wait $portal_pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -s -o /dev/null "$base/health/live" && break; sleep 0.5; done

echo "== seeding: $workspaces workspaces × $meetings meetings × $decisions decisions (through the API)"
python3 "$here/seed.py" "$base" "$organiser" "$password" "$workspaces" "$meetings" "$decisions" > "$work/seeded.env"
# shellcheck disable=SC1091
source "$work/seeded.env"   # FEED (the feed's path), COOKIE (a fresh session), WORD (a word of every 10th decision)
# BENCH_DECISIONS_TOTAL: copy the decisions seeded through the API, in the database, up to this many (a loaded machine
# takes longer to POST 10,000 decisions than to measure them; the search reads only that table).
if [ -n "${BENCH_DECISIONS_TOTAL:-}" ]; then
  python3 "$here/bulk_decisions.py" "$work/data" "$BENCH_DECISIONS_TOTAL" "$WORD"
fi

# wrk with a Lua report: requests/s and the 95th percentile in milliseconds (wrk's --latency stops at 90 and 99).
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f\n", summary.requests / (summary.duration / 1e6), latency:percentile(95.0) / 1000))
end
LUA
cat > "$work/cookie.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f\n", summary.requests / (summary.duration / 1e6), latency:percentile(95.0) / 1000))
end
LUA
# measure CONNECTIONS SCRIPT URL: "requests/s p95-ms"
# (wrk needs at least one connection per thread: one thread for one connection.)
measure() { wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$duration" -s "$2" "$3" | awk '/^RESULT/ {print $2, $3}'; }

curl -sf -o /dev/null "$base$FEED"
read -r bare_rps bare_p95 < <(measure 50 "$work/report.lua" "$base/health/live")
read -r feed_rps feed_p95 < <(measure 50 "$work/report.lua" "$base$FEED")
events="$(curl -sf "$base$FEED" | grep -c '^BEGIN:VEVENT' || true)"

# A fresh sign-in right before the search runs: a cookie older than the security-stamp interval would make every
# request re-read the user (see build/bench/documents/run.sh); each run lasts less than a minute.
COOKIE="$(python3 "$here/seed.py" --cookie "$base" "$organiser" "$password")"
sed -i "s|^wrk.headers\[\"Cookie\"\] = .*|wrk.headers[\"Cookie\"] = \"$COOKIE\"|" "$work/cookie.lua"
search="$base/api/meetings/decisions?search=$WORD"
total="$(curl -sf -H "Cookie: $COOKIE" "$search" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')"
read -r one_rps one_p95 < <(measure 1 "$work/cookie.lua" "$search")
read -r many_rps many_p95 < <(measure 50 "$work/cookie.lua" "$search")

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
{
  printf '\n## Meetings (build/bench/meetings/run.sh, %s, %s cores)\n\n' "$(date -u +%F)" "$(nproc)"
  printf 'Seeded through the API: %s workspaces × %s open meetings (%s events in the feed), %s decisions%s. Load average before/after: %s / %s.\n\n' \
    "$workspaces" "$meetings" "$events" "$((workspaces * meetings * decisions))" \
    "${BENCH_DECISIONS_TOTAL:+, copied in the database up to $BENCH_DECISIONS_TOTAL}" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '| endpoint | connections | requests/s | ratio to the bare endpoint | p95 (ms) |\n|---|---|---|---|---|\n'
  printf '| /health/live (bare) | 50 | %s | 1.00 | %s |\n' "$bare_rps" "$bare_p95"
  printf '| calendar feed (%s events) | 50 | %s | %s | %s |\n' "$events" "$feed_rps" "$(ratio "$feed_rps" "$bare_rps")" "$feed_p95"
  printf '| decisions register, search "%s" (%s hits) | 1 | %s | | %s (goal < 50) |\n' "$WORD" "$total" "$one_rps" "$one_p95"
  printf '| decisions register, search "%s" | 50 | %s | | %s |\n' "$WORD" "$many_rps" "$many_p95"
} >> "$results"
echo "== written to $results"
