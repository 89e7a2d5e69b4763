#!/usr/bin/env bash
# Document list benchmark on PostgreSQL with the list cache off (issue 16): a folder of 10,000 documents in the demo
# research-report workspace, read by wrk -t2 -c50 -d20s from a second process, each measure beside the bare
# `GET /health/live` on the same connections in the same run:
#   page 1 of 100; a deep page by number (offset 5,000) and the same page by key (`after`, the answer's `next`);
#   all folders (`all=true`), page 1 and a deep page by key; random pages by number (1..100) and by key.
# The list's count stays cached as configured (Documents:ListCountCacheLifetime, 5 s): pages read by key never count.
# Needs wrk, psql and a PostgreSQL server: BENCH_POSTGRES, or PORTAL_TEST_POSTGRES from build/services.sh.
# Writes the section "Documents list on PostgreSQL" of build/bench/RESULTS.md. Usage: build/bench/documents/list-postgresql.sh
# BENCH_TRACE=<line, e.g. page-1>: a sampled trace of the portal (dotnet-trace, or BENCH_TRACE_TOOL) during that line's
# measure, in $BENCH_DIR/<line>.nettrace and .speedscope.json. BENCH_LINES: only the lines named (see below).
# BENCH_QUICK=1: 2,000 documents, 5 s per measure (about 3 minutes with the build); the deep page is then page 11.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${BENCH_DIR:-/tmp/portal-bench-documents-pg}"
results="$root/build/bench/RESULTS.md"
workspace="2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31"   # the demo research-report workspace
author="member1.bprg@demo.portal"                    # an Editor there (demo data)
password="Demo-Portal-2026!"
quick="${BENCH_QUICK:-0}"
documents="${BENCH_LIST_DOCUMENTS:-$([ "$quick" = 1 ] && echo 2000 || echo 10000)}"
duration="${BENCH_DURATION:-$([ "$quick" = 1 ] && echo 5s || echo 20s)}"
warmup="$([ "$quick" = 1 ] && echo 2s || echo 5s)"
# The deep page: the middle of the folder (page 51 of 100 by default).
deep=$((documents / 200 + 1)); deep_offset=$(((deep - 1) * 100))
server="${BENCH_POSTGRES:-${PORTAL_TEST_POSTGRES:-}}"

source "$root/build/bench/tools.sh"; bench_tools wrk
[ -z "${BENCH_TRACE:-}" ] || [ -n "${BENCH_TRACE_TOOL:-}" ] || bench_tools dotnet-trace
[ -n "$server" ] || { echo "set BENCH_POSTGRES to a PostgreSQL connection string (or source build/services.sh; services_start)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
database="portal_bench_list_$$"
connection="$(printf '%s' "$server" | sed -E 's/(^|;)Database=[^;]*//I');Database=$database"
psql_url() { printf '%s' "$server" | python3 -c 'import sys; p=dict(kv.split("=",1) for kv in sys.stdin.read().split(";") if "=" in kv); print("host=%s port=%s user=%s password=%s dbname=postgres" % (p.get("Host"), p.get("Port", "5432"), p.get("Username"), p.get("Password")))'; }

echo "== building the portal (Release)"
# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

portal_pid=""
finish() {
  if [ -n "$portal_pid" ]; then kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true; fi
  psql "$(psql_url)" -qc "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap finish EXIT

port="$(free_port)"; base="http://127.0.0.1:$port"; mkdir -p "$work/data"
env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$work/data" Portal__SeedDemoData=true \
    Database__Provider=PostgreSql ConnectionStrings__Portal="$connection" \
    Documents__ListCacheLifetime=00:00:00 Logging__LogLevel__Default=Warning \
    Identity__SignInRateLimit=1000000 \
    dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/portal.log" 2>&1 &
portal_pid=$!
# -f: a 503 while the portal starts is not ready.
ready=0
for _ in $(seq 600); do curl -sf -o /dev/null "$base/health/ready" && { ready=1; break; }; sleep 0.5; done
[ "$ready" = 1 ] || { echo "the portal was not ready within 5 minutes; see $work/portal.log" >&2; exit 1; }

# A fresh sign-in before each wrk run: see build/bench/documents/run.sh (wrk never takes a renewed cookie). That is
# three sign-ins a measure from one address, more than the portal's 10 a minute (Identity:SignInRateLimit) once the
# measures are short (BENCH_QUICK): the quiet window's run was refused with 429 at the 11th. The bench lifts the limit,
# as the notification bench does; the sign-in itself is unchanged.
sign_in() {
  local status
  status="$(curl -s -D "$work/headers" -o "$work/sign-in.json" -w '%{http_code}' -H 'Content-Type: application/json' \
       -d "{\"email\":\"$author\",\"password\":\"$password\"}" "$base/api/account/sign-in")"
  cookie="$(grep -i '^set-cookie: __Host-Portal=' "$work/headers" | head -1 | sed 's/^[^:]*: //; s/;.*//')"
  [ -n "$cookie" ] || { echo "sign-in failed: HTTP $status $(head -c 500 "$work/sign-in.json"); see $work/portal.log" >&2; exit 1; }
}
sign_in

echo "== $documents documents in one folder"
echo "A short note." > "$work/small.txt"
folder=$(curl -s -H "Cookie: $cookie" -H 'Content-Type: application/json' -d '{"name":"Bench list"}' \
    "$base/api/workspaces/$workspace/folders" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for batch in $(seq 0 $((documents / 100 - 1))); do
  args=()
  for i in $(seq 1 100); do args+=(-F "files=@$work/small.txt;filename=note-$(printf '%06d' $((batch * 100 + i))).txt"); done
  curl -s -o /dev/null -H "Cookie: $cookie" "${args[@]}" "$base/api/workspaces/$workspace/documents?folderId=$folder"
done
psql "$(psql_url | sed "s/dbname=postgres/dbname=$database/")" -qc 'VACUUM ANALYZE "DocumentsDocuments"' >/dev/null
# Each upload queued a text extraction (Hangfire): wait until they are done (at most 5 minutes), or the first lines
# share the CPU and PostgreSQL with them (a trace of page 1 found them there) and the CPU per request counts them.
echo "== waiting for the uploads' background jobs"
for _ in $(seq 600); do
  queued="$(psql "$(psql_url | sed "s/dbname=postgres/dbname=$database/")" -Atc 'SELECT count(*) FROM hangfire.jobqueue' 2>/dev/null || echo 0)"
  [ "$queued" = 0 ] && break; sleep 0.5
done

list="/api/workspaces/$workspace/documents"
# The cursors of every page of a list, by following next from page 1: a Lua table for the random walk by key.
cursors() {
  python3 - "$base$list?$1&pageSize=100" "$cookie" <<'PY'
import json, sys, urllib.parse, urllib.request
url, cookie, after, out = sys.argv[1], sys.argv[2], None, []
while True:
    req = urllib.request.Request(url + ("&after=" + urllib.parse.quote(after) if after else ""), headers={"Cookie": cookie})
    page = json.load(urllib.request.urlopen(req))
    after = page.get("next")
    if not after: break
    out.append(after)
print("\n".join(out))
PY
}
cursors "folderId=$folder" > "$work/folder-cursors.txt"
cursors "all=true" > "$work/all-cursors.txt"
deep_after="$(sed -n "$((deep - 1))p" "$work/folder-cursors.txt")"      # the cursor of the deep page (51: rows 5,001..5,100)
deep_all_after="$(sed -n "$((deep - 1))p" "$work/all-cursors.txt")"

cat > "$work/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\nP99 %.2f\nRPS %.0f\nREQUESTS %d\nERR %d\nSTATUS %d\nTIMEOUT %d\n", latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.errors.status, summary.errors.timeout))
end
LUA
{ cat "$work/p95.lua"; echo "request = function() return wrk.format('GET', '$list?folderId=$folder&pageSize=100&page=' .. math.random(1, $((documents / 100)))) end"; } > "$work/random-number.lua"
{ cat "$work/p95.lua"
  python3 - "$list?folderId=$folder&pageSize=100&after=" "$work/folder-cursors.txt" <<'PY'
import sys, urllib.parse
prefix, cursors = sys.argv[1], [c.strip() for c in open(sys.argv[2]) if c.strip()]
print("paths = {" + ", ".join(f"'{prefix}{urllib.parse.quote(c)}'" for c in cursors) + "}")
PY
  echo "request = function() return wrk.format('GET', paths[math.random(1, #paths)]) end"; } > "$work/random-key.lua"

# The lines, measured by build/bench/bracketed.sh: every one warmed first, then bare, line, bare, line, ..., bare, each
# line's ratio to the mean of the bare runs either side of it. A fresh sign-in before each wrk run (see above).
source "$root/build/bench/bracketed.sh"
quote() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
declare -A urls scripts labels
names=()
line() { labels[$1]="$2"; urls[$1]="$3"; scripts[$1]="${4:-$work/p95.lua}"; names+=("$1"); }
line page-1 "page 1" "$base$list?folderId=$folder&pageSize=100"
line deep-number "page $deep by number (offset $deep_offset)" "$base$list?folderId=$folder&pageSize=100&page=$deep"
line deep-key "page $deep by key" "$base$list?folderId=$folder&pageSize=100&after=$(quote "$deep_after")"
line all-page-1 "all folders, page 1" "$base$list?all=true&pageSize=100"
line all-deep-key "all folders, page $deep by key" "$base$list?all=true&pageSize=100&after=$(quote "$deep_all_after")"
line random-number "random pages by number" "$base$list?folderId=$folder&pageSize=100" "$work/random-number.lua"
line random-key "random pages by key" "$base$list?folderId=$folder&pageSize=100" "$work/random-key.lua"
# Where the CPU of a run goes (issue 16: both servers and wrk share the 2 cores): clock ticks of the portal, of the
# PostgreSQL server and its backends (the pool keeps them for the run), and of wrk itself, over the run; per request below.
pg_port="$(printf '%s' "$server" | sed -nE 's/.*(^|;)Port=([0-9]+).*/\2/Ip')"
postmaster="$(ss -ltnpH "sport = :${pg_port:-5432}" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)"
ticks() { local total=0 pid; for pid in "$@"; do [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done; echo "$total"; }
# The server's: the postmaster's own and its children's, live ones and (cutime, cstime) those that ended during the run
# (an autovacuum worker, a pruned connection), so a child that ends does not take its ticks away.
postgres_ticks() {
  [ -n "$postmaster" ] || { echo 0; return; }
  echo $(( $(awk '{ print $16 + $17 }' "/proc/$postmaster/stat") + $(ticks "$postmaster" $(pgrep -P "$postmaster")) ))
}
bench_run() {
  local url="${urls[$1]:-$base/health/live}" script="${scripts[$1]:-$work/p95.lua}" portal0 postgres0 wrk_cpu
  sign_in
  portal0="$(ticks "$portal_pid")"; postgres0="$(postgres_ticks)"
  if [ "${BENCH_TRACE:-}" = "$1" ] && [ "$3" != /dev/null ]; then   # a sampled trace of this line's run (it slows the run)
    "${BENCH_TRACE_TOOL:-dotnet-trace}" collect -p "$portal_pid" --profile dotnet-sampled-thread-time --format Speedscope \
      --duration "00:00:00:$(( ${2%s} - 1 ))" -o "$work/$1.nettrace" >"$work/trace.log" 2>&1 &
  fi
  wrk_cpu="$( { TIMEFORMAT='%U %S'; time wrk -t2 -c50 -d"$2" -H "Cookie: $cookie" -s "$script" "$url" > "$3"; } 2>&1 )"
  [ "$3" = /dev/null ] || printf 'PORTAL_CPU %s\nPOSTGRES_CPU %s\nWRK_CPU %s\n' "$(( $(ticks "$portal_pid") - portal0 ))" \
    "$(( $(postgres_ticks) - postgres0 ))" "$(awk '{ printf "%.0f", ($1 + $2) * 100 }' <<<"$wrk_cpu")" >> "$3"
}
# BENCH_LINES="page-1 random-number": only these lines (a quick look while changing the list; not for RESULTS.md).
[ -z "${BENCH_LINES:-}" ] || read -r -a names <<<"$BENCH_LINES"
echo "== measuring (load average $(cut -d' ' -f1-3 /proc/loadavg))"
bracketed_measure "$work/runs" "$warmup" "$duration" "${names[@]}"
rows=()
for k in "${!names[@]}"; do
  name="${names[$k]}"
  rows+=("$(python3 - "${labels[$name]}" "$work/runs/$name.txt" "$work/runs/bare-$k.txt" "$work/runs/bare-$((k + 1)).txt" "$(bracketed_ratio "$work/runs" "$k" "$name")" <<'PY'
import sys
def read(path): return {l.split()[0]: float(l.split()[1]) for l in open(path) if l.split()[:1] in (['P95'], ['P99'], ['RPS'], ['ERR'], ['STATUS'], ['TIMEOUT'], ['REQUESTS'], ['PORTAL_CPU'], ['POSTGRES_CPU'], ['WRK_CPU'])}
name, l, before, after, ratio = sys.argv[1], read(sys.argv[2]), read(sys.argv[3]), read(sys.argv[4]), sys.argv[5]
# CPU per request (clock ticks are 10 ms): the portal, PostgreSQL, wrk; and the bare endpoint's portal CPU beside it.
def per(r, key): return r[key] * 10_000 / r['REQUESTS']
cpu = f"{per(l, 'PORTAL_CPU'):.0f} + {per(l, 'POSTGRES_CPU'):.0f} + {per(l, 'WRK_CPU'):.0f} µs"
bare_cpu = f"{(per(before, 'PORTAL_CPU') + per(after, 'PORTAL_CPU')) / 2:.0f} + {(per(before, 'WRK_CPU') + per(after, 'WRK_CPU')) / 2:.0f} µs"
# Which errors: answers other than 2xx/3xx, and requests wrk gave up on after its 2 s timeout (their latency is not in p95).
errors = f"{l['ERR']:.0f}" + (f" ({l['STATUS']:.0f} not 2xx, {l['TIMEOUT']:.0f} over 2 s)" if l['ERR'] else "")
print(f"| {name} | {l['P95']:.1f} ms | {l['P99']:.1f} ms | {l['RPS']:,.0f} | {errors} | {before['RPS']:,.0f}/s, {after['RPS']:,.0f}/s | {float(ratio):.2f} | {cpu} | {bare_cpu} |")
PY
)")
done

{
  echo
  echo "## Documents list on PostgreSQL ($(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
  echo
  echo "Command: \`build/bench/documents/list-postgresql.sh\` (Release, PostgreSQL $(psql "$(psql_url)" -Atc 'SHOW server_version' 2>/dev/null),"
  echo "\`Documents:ListCacheLifetime=0\`, a folder of $documents documents, pages of 100, wrk -t2 -c50 -d$duration). Goal (issue 16):"
  echo "p95 under 50 ms and at least 0.25 of the bare endpoint's requests/s on every line."
  echo
  echo "Every line warmed first, then bare /health/live measured before and after each line (build/bench/bracketed.sh): the"
  echo "ratio is to the mean of the two."
  echo
  echo "CPU per request: user + system time over the run of the portal, of the PostgreSQL server with its backends, and of"
  echo "wrk, divided by the run's requests; for bare, the portal's and wrk's (the mean of the two runs)."
  echo
  echo "| list | p95 | p99 | requests/s | errors | bare /health/live before, after | requests/s against bare | CPU per request: portal + PostgreSQL + wrk | bare: portal + wrk |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$work/section.md"
[ -z "${BENCH_LINES:-}${BENCH_TRACE:-}" ] || { cat "$work/section.md"; echo "== BENCH_LINES or BENCH_TRACE: RESULTS.md left as it was"; exit 0; }
python3 - "$results" "$work/section.md" <<'PY'
import re, sys
results, section = sys.argv[1], open(sys.argv[2]).read().strip("\n") + "\n"
text = open(results).read()
pattern = re.compile(r"\n## Documents list on PostgreSQL.*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda _: "\n" + section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
PY
echo "== figures written to $results"
cat "$work/section.md"
