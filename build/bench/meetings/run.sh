#!/usr/bin/env bash
# Meetings benchmark (issue 13, "Benchmark"), from a second process against the portal on loopback, on SQLite and on
# PostgreSQL in one run (each its own portal process and fresh database):
#  1. a partner lead creates BENCH_WORKSPACES workspaces with BENCH_MEETINGS open meetings each and BENCH_DECISIONS
#     decisions per meeting, through the API; the decisions are then copied in the database up to BENCH_DECISIONS_TOTAL
#     (bulk_decisions.py; 10,000 by default);
#  2. the lead's personal calendar feed (anonymous, its secret token in the URL), with wrk at 50 connections, as a ratio
#     to the bare endpoint (/health/live) measured in the same run: a calendar program's poll that has the feed already
#     (If-None-Match: 304), one that has not (200, the kept text), and the first request after a change (written anew);
#  3. the decisions register searched by a word found in every tenth decision: p95 latency at 1 connection (one
#     reader's wait; goal < 50 ms) and at 50.
# Writes the figures to build/bench/RESULTS.md (section "Meetings"). Usage:
#   BENCH_QUICK=1 build/bench/meetings/run.sh    # ≤ 3 minutes with its Release build: 20 × 10 meetings, 10,000 decisions, 5 s runs
#   build/bench/meetings/run.sh                   # the issue's sizes: 20 × 100 meetings (2,000 in the feed), 10,000 decisions, 20 s runs
# BENCH_DATABASES ("sqlite postgresql" by default) chooses the databases; PostgreSQL is BENCH_POSTGRES or
# PORTAL_TEST_POSTGRES (build/services.sh), or a server this script starts with build/services.sh when neither is set.
# Needs wrk, curl, psql and python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/build/bench/meetings"
work="${BENCH_DIR:-/tmp/portal-bench-meetings}"
results="$root/build/bench/RESULTS.md"
organiser="lead.bprg@demo.portal"   # a partner lead: may create workspaces (demo data, README)
password="Demo-Portal-2026!"
if [ -n "${BENCH_QUICK:-}" ]; then
  workspaces="${BENCH_WORKSPACES:-20}"; meetings="${BENCH_MEETINGS:-10}"; decisions="${BENCH_DECISIONS:-1}"; duration="${BENCH_DURATION:-5s}"
else
  workspaces="${BENCH_WORKSPACES:-20}"; meetings="${BENCH_MEETINGS:-100}"; decisions="${BENCH_DECISIONS:-1}"; duration="${BENCH_DURATION:-20s}"
fi
decisions_total="${BENCH_DECISIONS_TOTAL:-10000}"
databases="${BENCH_DATABASES:-sqlite postgresql}"

source "$root/build/bench/tools.sh"; bench_tools wrk
rm -rf "$work" && mkdir -p "$work"
started="$(date -u +%T)"
uptime_before="$(uptime)"
[ -f "$results" ] || printf "# Benchmark results\n\nFigures written by the scripts under build/bench; each section names its command.\n" > "$results"
echo "== building the portal (Release)"
# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

server="${BENCH_POSTGRES:-${PORTAL_TEST_POSTGRES:-}}"
started_postgres=""
if [[ " $databases " == *" postgresql "* && -z "$server" ]]; then
  echo "== starting a PostgreSQL server of its own (build/services.sh)"
  # shellcheck disable=SC1091
  export SERVICES_DIR="$work/services"
  source "$root/build/services.sh"
  postgres_start >/dev/null
  server="$PORTAL_TEST_POSTGRES"; started_postgres=1
fi
pg_database="portal_bench_meetings_$$"
pg_conninfo() { printf '%s' "$server" | python3 -c 'import sys; p=dict(kv.split("=",1) for kv in sys.stdin.read().split(";") if "=" in kv); print("host=%s port=%s user=%s password=%s dbname=%s" % (p.get("Host"), p.get("Port", "5432"), p.get("Username"), p.get("Password"), sys.argv[1]))' "$1"; }

portal_pid=""
stop_portal() {
  if [ -n "$portal_pid" ]; then kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true; portal_pid=""; fi
}
finish() {
  stop_portal
  if [ -n "$server" ]; then psql "$(pg_conninfo postgres)" -qc "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ -n "$started_postgres" ]; then postgres_stop >/dev/null 2>&1 || true; fi
}
trap finish EXIT

# wrk with a Lua report: requests/s and the 95th percentile in milliseconds (wrk's --latency stops at 90 and 99).
report='done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f\n", summary.requests / (summary.duration / 1e6), latency:percentile(95.0) / 1000))
end'
printf '%s\n' "$report" > "$work/report.lua"
# measure CONNECTIONS SCRIPT URL: "requests/s p95-ms" (one thread for one connection: wrk needs a connection per thread)
measure() { wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$duration" -s "$2" "$3" | awk '/^RESULT/ {print $2, $3}'; }
ratio() { python3 -c "print(f'{$1/$2:.3f}')"; }
# The time of one request in milliseconds (curl's total), for the feed written anew after a change.
once_ms() { curl -s -o /dev/null -w '%{time_total}' "$@" | python3 -c 'import sys; print(f"{float(sys.stdin.read())*1000:.1f}")'; }

rows=""
bench_on() {
  local db="$1" data="$work/$1" port base
  mkdir -p "$data/data"
  port="$(free_port)"; base="http://127.0.0.1:$port"
  local -a database=(Database__Provider=Sqlite)
  if [ "$db" = postgresql ]; then
    database=(Database__Provider=PostgreSql "ConnectionStrings__Portal=$(printf '%s' "$server" | sed -E 's/(^|;)Database=[^;]*//I');Database=$pg_database")
  fi
  echo "== $db: starting the portal"
  # Development: the portal's Secure cookies are then accepted on plain http from loopback, as in the browser tests.
  env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$data/data" Portal__SeedDemoData=true Logging__LogLevel__Default=Warning \
      "${database[@]}" dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$data/portal.log" 2>&1 &
  portal_pid=$!
  for _ in $(seq 600); do curl -s -o /dev/null "$base/health/ready" && break; sleep 0.5; done

  echo "== $db: seeding $workspaces workspaces × $meetings meetings × $decisions decisions through the API"
  python3 "$here/seed.py" "$base" "$organiser" "$password" "$workspaces" "$meetings" "$decisions" > "$data/seeded.env"
  # shellcheck disable=SC1091
  source "$data/seeded.env"   # FEED (the feed's path), COOKIE (a session), WORD (a word of every 10th decision), MEETING (one of the feed's)
  if [ "$db" = postgresql ]; then
    python3 "$here/bulk_decisions.py" --postgres "$(pg_conninfo "$pg_database")" "$decisions_total" "$WORD"
  else
    python3 "$here/bulk_decisions.py" "$data/data" "$decisions_total" "$WORD"
  fi

  curl -sf -o "$data/feed.ics" -D "$data/feed.headers" "$base$FEED"
  local events etag
  events="$(grep -c '^BEGIN:VEVENT' "$data/feed.ics" || true)"
  etag="$(grep -i '^etag:' "$data/feed.headers" | sed 's/^[^:]*: *//' | tr -d '\r')"
  printf "%s\nwrk.headers[\"If-None-Match\"] = '%s'\n" "$report" "$etag" > "$work/etag.lua"
  read -r bare_rps bare_p95 < <(measure 50 "$work/report.lua" "$base/health/live")
  read -r kept_rps kept_p95 < <(measure 50 "$work/report.lua" "$base$FEED")
  read -r poll_rps poll_p95 < <(measure 50 "$work/etag.lua" "$base$FEED")
  # A change to one of the feed's meetings (renamed): the next request writes the feed anew.
  local fresh=()
  for i in 1 2 3 4 5; do
    python3 "$here/seed.py" --retitle "$base" "$organiser" "$password" "$MEETING" "$i"
    fresh+=("$(once_ms "$base$FEED")")
  done
  local written
  written="$(printf '%s\n' "${fresh[@]}" | sort -n | sed -n 3p)"   # the median of five

  # A fresh sign-in right before the search runs: a cookie older than the security-stamp interval would make every
  # request re-read the user (see build/bench/documents/run.sh); each run lasts less than a minute.
  COOKIE="$(python3 "$here/seed.py" --cookie "$base" "$organiser" "$password")"
  printf 'wrk.headers["Cookie"] = "%s"\n%s\n' "$COOKIE" "$report" > "$work/cookie.lua"
  local search="$base/api/meetings/decisions?search=$WORD" total
  total="$(curl -sf -H "Cookie: $COOKIE" "$search" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')"
  read -r one_rps one_p95 < <(measure 1 "$work/cookie.lua" "$search")
  read -r many_rps many_p95 < <(measure 50 "$work/cookie.lua" "$search")
  stop_portal

  rows+="| $db | /health/live (bare) | 50 | $bare_rps | 1.000 | $bare_p95 |"$'\n'
  rows+="| $db | calendar feed, poll with its ETag (304), $events events | 50 | $poll_rps | $(ratio "$poll_rps" "$bare_rps") | $poll_p95 |"$'\n'
  rows+="| $db | calendar feed, without ETag (200, kept text), $events events | 50 | $kept_rps | $(ratio "$kept_rps" "$bare_rps") | $kept_p95 |"$'\n'
  rows+="| $db | calendar feed, first request after a change (written anew; median of 5, ms) | 1 | | | $written |"$'\n'
  rows+="| $db | decisions register, search \"$WORD\" over $decisions_total decisions (totalCount $total) | 1 | $one_rps | | $one_p95 (goal < 50) |"$'\n'
  rows+="| $db | decisions register, search \"$WORD\" | 50 | $many_rps | | $many_p95 |"$'\n'
}

for db in $databases; do
  bench_on "$db"
done

{
  printf '\n## Meetings (build/bench/meetings/run.sh%s, %s, %s cores)\n\n' "${BENCH_QUICK:+, BENCH_QUICK=1}" "$(date -u +%F)" "$(nproc)"
  printf 'Seeded through the API: %s workspaces × %s open meetings, %s decision(s) per meeting, copied in the database up to %s decisions. %s–%s UTC.\n' \
    "$workspaces" "$meetings" "$decisions" "$decisions_total" "$started" "$(date -u +%T)"
  printf '`uptime` before: `%s`; after: `%s`.\n\n' "$(echo "$uptime_before" | sed 's/^ *//')" "$(uptime | sed 's/^ *//')"
  printf '| database | endpoint | connections | requests/s | ratio to the bare endpoint | p95 (ms) |\n|---|---|---|---|---|---|\n'
  printf '%s' "$rows"
} >> "$results"
echo "== written to $results"
