#!/usr/bin/env bash
# Activities benchmark: a burst of public registrations, and the public event page as a ratio to the bare endpoint.
# From a second process against the portal on loopback, on SQLite, and on PostgreSQL when BENCH_POSTGRES is a connection
# string (the database is created fresh):
#  1. the coordinator plans a public roundtable in Peja (Activity 9) with 150 places;
#  2. 200 registrations are posted at once (200 curl processes), ROUNDS times, each round on a new event: every round
#     must end with exactly 150 confirmed and 50 waiting (the script fails otherwise);
#  3. requests per second of the public event page and of the bare endpoint (/health/live) with wrk at 50 connections,
#     and their ratio.
# The anti-robot minimum fill time is set to 0 and the rate limit raised for the run (one client address sends all).
# The event page is kept rendered (Platform's PublicAnswers) with a fresh form token per answer; its tag is dropped by every
# registration, so the page is measured after the rounds, as a reader of a full event sees it.
# Writes the figures to build/bench/RESULTS.md (section "Activities: public registration"). Usage: build/bench/activities/run.sh
# BENCH_QUICK=1: one round and 5-second wrk runs (under 3 minutes with the build, for the quiet-machine window).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${BENCH_DIR:-/tmp/portal-bench-activities}"
results="$root/build/bench/RESULTS.md"
password="Demo-Portal-2026!"
duration="${BENCH_DURATION:-20s}"
rounds="${ROUNDS:-5}"
if [ -n "${BENCH_QUICK:-}" ]; then duration="${BENCH_DURATION:-5s}"; rounds="${ROUNDS:-1}"; fi

source "$root/build/bench/tools.sh"; bench_tools wrk
[ -f "$results" ] || printf "# Benchmark results\n\nFigures written by the scripts under build/bench; each section names its command.\n" > "$results"
echo "== building the portal (Release)"
# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# run_on PROVIDER: starts a fresh portal on PROVIDER, runs the rounds and the page measurement, appends a table row.
run_on() {
  local provider="$1" port base portal_pid
  rm -rf "$work/$provider" && mkdir -p "$work/$provider"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  base="http://127.0.0.1:$port"
  local -a database=()
  if [ "$provider" = PostgreSql ]; then
    database=(Database__Provider=PostgreSql "ConnectionStrings__Portal=$BENCH_POSTGRES")
  fi
  env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$work/$provider/data" Portal__SeedDemoData=true Logging__LogLevel__Default=Warning \
      Activities__MinimumFormFillTime=00:00:00 Activities__RegistrationsPerMinute=1000000 "${database[@]}" \
      dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/$provider/portal.log" 2>&1 &
  portal_pid=$!
  trap "kill $portal_pid 2>/dev/null || true" EXIT
  for _ in $(seq 300); do curl -s -o /dev/null "$base/health/live" && break; sleep 0.5; done

  # The coordinator signs in with the second factor the role needs (build/bench/portal_session.py sets it up).
  local cookie; cookie="$(python3 "$root/build/bench/portal_session.py" "$base" coordinator@demo.portal "$password" --state "$work/$provider/two-factor.json")"
  local activity peja
  activity="$(curl -sf -H "Cookie: $cookie" "$base/api/activities/plan" | json "next(a['id'] for a in d if a['number']==9)")"
  peja="$(curl -sf -H "Cookie: $cookie" "$base/api/activities/towns" | json "next(t['id'] for t in d if t['name']=='Peja')")"
  local start; start="$(date -u -d '+30 days' +%Y-%m-%dT10:00:00)"
  local end; end="$(date -u -d '+30 days' +%Y-%m-%dT13:00:00)"

  local event="" round confirmed waiting
  for round in $(seq "$rounds"); do
    event="$(curl -sf -H "Cookie: $cookie" -H 'Content-Type: application/json' -d "{\"activityId\":\"$activity\",\"kind\":\"Roundtable\",\"title\":\"Bench roundtable $round\",
      \"localStart\":\"$start\",\"localEnd\":\"$end\",\"timeZone\":\"Europe/Belgrade\",\"townId\":\"$peja\",\"organisingPartners\":[\"AKTIV\"],
      \"isPublic\":true,\"capacity\":150}" "$base/api/activities/events" | json "d['id']")"
    local token; token="$(curl -sf "$base/api/public/events/$event" | json "d['formToken']")"
    seq 200 | xargs -P 200 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
        -d "{\"name\":\"Bench {}\",\"email\":\"bench{}@example.org\",\"targetGroup\":\"Youth\",\"consent\":true,\"formToken\":\"$token\"}" \
        "$base/api/public/events/$event/registrations" > "$work/$provider/codes-$round"
    read -r confirmed waiting < <(curl -sf -H "Cookie: $cookie" "$base/api/activities/events/$event" | json "f\"{d['confirmed']} {d['waiting']}\"")
    echo "   $provider round $round: $confirmed confirmed, $waiting waiting ($(sort "$work/$provider/codes-$round" | uniq -c | tr '\n' ' '))"
    if [ "$confirmed" != 150 ] || [ "$waiting" != 50 ]; then
      echo "FAILED: expected 150 confirmed and 50 waiting" >&2; exit 1
    fi
  done

  rps() { wrk -t2 -c50 -d"$duration" "$1" | awk '/Requests\/sec/ {print $2}'; }
  local bare page
  bare="$(rps "$base/health/live")"; page="$(rps "$base/events/$event")"
  printf '| %s | %s × (200 at once for 150 places): 150 confirmed, 50 waiting | %s | %s | %s |\n' \
    "$provider" "$rounds" "$bare" "$page" "$(python3 -c "print(f'{$page/$bare:.2f}')")" >> "$work/rows"
  kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true
}

rm -f "$work/rows"; mkdir -p "$work"
run_on Sqlite
if [ -n "${BENCH_POSTGRES:-}" ]; then run_on PostgreSql; fi
{
  printf '\n## Activities: public registration (build/bench/activities/run.sh, %s, load average %s)\n\n' "$(date -u +%F)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '| database | rounds | /health/live requests/s (50 connections, %s) | /events/{id} requests/s | ratio |\n|---|---|---|---|---|\n' "$duration"
  cat "$work/rows"
} >> "$results"
echo "== written to $results"
