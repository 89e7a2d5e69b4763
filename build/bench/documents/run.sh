#!/usr/bin/env bash
# Documents benchmark, from a second process against the published portal on loopback:
#  1. a 1 GB file uploaded through the HTTP API three times each way (the raw body, as the browser sends it, and
#     multipart/form-data), each round right after copying the same file with cp (+ sync, as the store flushes to
#     disk), and downloaded; file-system provider, and Azurite when PORTAL_TEST_AZURITE is set; the server's peak
#     working set (VmHWM) before and during the uploads;
#  2. the document list of a workspace holding 10,000 documents: p95 latency at 50 concurrent connections (wrk),
#     with the list cache as configured by default and with it turned off.
# Writes the figures to build/bench/RESULTS.md (section "Documents"). Usage: build/bench/documents/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${BENCH_DIR:-/tmp/portal-bench-documents}"
results="$root/build/bench/RESULTS.md"
workspace="2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31"   # the demo research-report workspace
author="member1.bprg@demo.portal"                    # an Editor there (demo data)
password="Demo-Portal-2026!"
size_mb="${BENCH_SIZE_MB:-1024}"
list_documents="${BENCH_LIST_DOCUMENTS:-10000}"

source "$root/build/bench/tools.sh"; bench_tools wrk
rm -rf "$work" && mkdir -p "$work"
[ -f "$results" ] || printf "# Benchmark results\n\nFigures written by the scripts under build/bench; each section names its command.\n" > "$results"
echo "== building the portal (Release)"
# A build, not a publish: publishing trips over the modules' localization files of the same names.
# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
kib() { awk -v k="$1" '/^'"$1"':/ {print $2}' "/proc/$2/status"; }

portal_pid=""
stop_portal() { if [ -n "$portal_pid" ]; then kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true; portal_pid=""; fi; }
trap stop_portal EXIT

# start_portal NAME [extra env assignments...]: a fresh data folder, demo data, uploads up to 2 GB.
start_portal() {
  local name="$1"; shift
  port="$(free_port)"; data="$work/$name-data"; mkdir -p "$data"
  base="http://127.0.0.1:$port"
  # Development: the portal's Secure cookies are then accepted on plain http from loopback, as in the browser tests.
  env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$data" Portal__SeedDemoData=true \
      Documents__MaxUploadBytes=2147483648 Logging__LogLevel__Default=Warning Identity__SignInRateLimit=1000000 "$@" \
      dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/$name.log" 2>&1 &
  portal_pid=$!
  for _ in $(seq 300); do curl -s -o /dev/null "$base/health/live" && break; sleep 0.5; done
  sign_in
}

# The API's sign-in; the cookie is sent back by hand (curl keeps Secure cookies for https only). wrk sends the same
# cookie all along and never takes the renewed one a browser would: a cookie older than the security-stamp interval
# (a minute) would make every request re-read the user from the database, which no browser session does. So each
# load run starts with a fresh sign-in and lasts less than a minute (the portal's limit of 10 sign-ins a minute from
# one address is lifted for the bench: Identity__SignInRateLimit above).
sign_in() {
  curl -s -D "$work/headers" -o /dev/null -H 'Content-Type: application/json' \
       -d "{\"email\":\"$author\",\"password\":\"$password\"}" "$base/api/account/sign-in"
  cookie="$(grep -i '^set-cookie: __Host-Portal=' "$work/headers" | head -1 | sed 's/^[^:]*: //; s/;.*//')"
  [ -n "$cookie" ] || { echo "sign-in failed; see $work/portal.log" >&2; exit 1; }
}

echo "== making a ${size_mb} MB file"
big="$work/big.pdf"
{ printf '%%PDF-1.7\n'; head -c "$((size_mb * 1024 * 1024))" /dev/urandom; } > "$big"
bytes=$(stat -c %s "$big")

cpu_ticks() { awk '{print $14+$15}' "/proc/$portal_pid/stat"; }
# Waits (up to 5 minutes) until the portal has been idle for a second: background jobs (text extraction of what was
# just uploaded) would otherwise share the two cores with the run being measured.
wait_idle() {
  local start a b; start=$(date +%s)
  while :; do a=$(cpu_ticks); sleep 1; b=$(cpu_ticks); [ $((b - a)) -lt 5 ] && break
    [ $(( $(date +%s) - start )) -gt 300 ] && { echo "   (the portal was still busy after 5 minutes)" >&2; break; }; done
}
# A server that has run for a while has compiled its hot paths (tiered JIT); a fresh one compiles them during the
# first requests, and a large upload runs code (and loops) a small one does not. Twenty small uploads (PNGs: checked
# by their signature, no text to extract) and three 128 MB ones each way (PDFs over the text-extraction limit) warm up.
warm_up_uploads() {
  { printf '\x89PNG\r\n\x1a\n'; head -c $((8 * 1024 * 1024)) /dev/urandom; } > "$work/warm.png"
  { printf '%%PDF-1.7\n'; head -c $((128 * 1024 * 1024)) /dev/urandom; } > "$work/warm.pdf"
  for i in $(seq 20); do
    curl -s -o /dev/null -H "Cookie: $cookie" -F "files=@$work/warm.png;filename=warm-$i.png;type=image/png" "$base/api/workspaces/$workspace/documents"
  done
  for i in 1 2 3; do
    curl -s -o /dev/null -H "Cookie: $cookie" -H "Content-Disposition: attachment; filename=warm-raw-$i.pdf" -T "$work/warm.pdf" -X POST "$base/api/workspaces/$workspace/documents"
    curl -s -o /dev/null -H "Cookie: $cookie" -F "files=@$work/warm.pdf;filename=warm-form-$i.pdf;type=application/pdf" "$base/api/workspaces/$workspace/documents"
  done
  rm -f "$work/warm.pdf"
  wait_idle
}

# upload KIND NAME: the big file as the raw body or as multipart/form-data; prints the seconds it took.
upload() {
  local up status
  if [ "$1" = raw ]; then
    read -r up status < <(curl -s -o "$work/upload.json" -w '%{time_total} %{http_code}\n' -H "Cookie: $cookie" \
        -H "Content-Type: application/pdf" -H "Content-Disposition: attachment; filename=\"$2.pdf\"" -T "$big" -X POST "$base/api/workspaces/$workspace/documents")
  else
    read -r up status < <(curl -s -o "$work/upload.json" -w '%{time_total} %{http_code}\n' -H "Cookie: $cookie" \
        -F "files=@$big;filename=\"$2.pdf\";type=application/pdf" "$base/api/workspaces/$workspace/documents")
  fi
  if [ "$status" != 200 ]; then echo "upload answered $status: $(head -c 600 "$work/upload.json")" >&2; return 1; fi
  echo "$up"
}

# Seconds to copy the big file with cp and flush it to disk, the goal's baseline.
cp_time() {
  local start end
  sync   # nothing written before may be flushed on cp's time
  start=$(date +%s.%N); cp "$big" "$work/copy.pdf"; sync; end=$(date +%s.%N)
  rm -f "$work/copy.pdf"; sync
  echo "$end - $start" | bc -l
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# transfer NAME: three rounds of cp, raw upload and multipart upload (each round's content differs, so no upload is
# answered by an earlier one's stored copy), then a download; prints one table row.
transfer() {
  local name="$1" rss_before hwm_after id down round cps=() raws=() forms=() raw_ratios=() form_ratios=() c r f
  rss_before=$(kib VmRSS "$portal_pid")
  # The peak (VmHWM) starts again from here, so the warm-up's own peak cannot hide the uploads'.
  echo 5 > "/proc/$portal_pid/clear_refs"
  for round in 1 2 3; do
    head -c 16 /dev/urandom | dd of="$big" bs=1 seek=16 conv=notrunc status=none
    # A failed upload ends the run (the function runs in a command substitution, where exit would not).
    c=$(cp_time); r=$(upload raw "${name// /-}-raw-$round") || exit 1; f=$(upload form "${name// /-}-form-$round") || exit 1
    echo "   round $round: cp $c s, raw body $r s, multipart $f s" >&2
    cps+=("$c"); raws+=("$r"); forms+=("$f")
    raw_ratios+=("$(echo "100 * $c / $r" | bc -l)"); form_ratios+=("$(echo "100 * $c / $f" | bc -l)")
  done
  hwm_after=$(kib VmHWM "$portal_pid")
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["documentId"])' "$work/upload.json")
  down=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/api/documents/$id/content")
  awk -v n="$name" -v b="$bytes" -v c="$(median "${cps[@]}")" -v r="$(median "${raws[@]}")" -v f="$(median "${forms[@]}")" \
      -v rr="$(median "${raw_ratios[@]}")" -v fr="$(median "${form_ratios[@]}")" -v d="$down" -v rss="$rss_before" -v h="$hwm_after" 'BEGIN {
    printf "| %s | %.0f MB/s (%.1f s) | %.0f MB/s (%.1f s), %.0f%% | %.0f MB/s (%.1f s), %.0f%% | %.0f MB/s (%.1f s) | %.0f MB | %.0f MB | %+.0f MB |\n",
      n, b/1048576/c, c, b/1048576/r, r, rr, b/1048576/f, f, fr, b/1048576/d, d, rss/1024, h/1024, (h-rss)/1024 }'
}

rows=()
echo "== file-system provider"
start_portal filesystem
warm_up_uploads
row=$(transfer "file system") || exit 1; rows+=("$row")
stop_portal

echo "== document list with $list_documents documents"
start_portal list
small="$work/small.txt"; echo "A short note." > "$small"
folder=$(curl -s -H "Cookie: $cookie" -H 'Content-Type: application/json' -d '{"name":"Bench list"}' \
    "$base/api/workspaces/$workspace/folders" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for batch in $(seq 0 $((list_documents / 100 - 1))); do
  args=()
  for i in $(seq 1 100); do args+=(-F "files=@$small;filename=note-$(printf '%06d' $((batch * 100 + i))).txt"); done
  curl -s -o /dev/null -H "Cookie: $cookie" "${args[@]}" "$base/api/workspaces/$workspace/documents?folderId=$folder"
done
cat > "$work/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\nP50 %.2f\nRPS %.0f\nERR %d\n", latency:percentile(95) / 1000, latency:percentile(50) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
# measure_list NAME: the bare baseline, then the list, on 50 connections; prints one table row.
measure_list() {
  local list_url="$base/api/workspaces/$workspace/documents?folderId=$folder&pageSize=100" bare_url="$base/health/live"
  echo "   waiting for background work (the text extraction of the notes) to finish" >&2
  wait_idle
  sign_in; wrk -t2 -c50 -d5s -H "Cookie: $cookie" "$list_url" >/dev/null   # warm-up
  sign_in; wrk -t2 -c50 -d20s -H "Cookie: $cookie" -s "$work/p95.lua" "$bare_url" > "$work/wrk-bare.txt"
  sign_in; wrk -t2 -c50 -d20s -H "Cookie: $cookie" -s "$work/p95.lua" "$list_url" > "$work/wrk.txt"
  python3 - "$1" "$work/wrk.txt" "$work/wrk-bare.txt" <<'PY'
import sys
def read(path): return {l.split()[0]: float(l.split()[1]) for l in open(path) if l.split()[:1] in (['P95'], ['P50'], ['RPS'], ['ERR'])}
name, l, b = sys.argv[1], read(sys.argv[2]), read(sys.argv[3])
print(f"| {name} | {l['P95']:.1f} ms | {l['P50']:.1f} ms | {l['RPS']:,.0f} | {l['ERR']:.0f} | {b['P95']:.1f} ms at {b['RPS']:,.0f}/s | {l['P95'] / b['P95']:.1f} |")
PY
}
list_rows=()
row=$(measure_list "cached pages (default, 5 s)") || exit 1; list_rows+=("$row")
stop_portal
# The same data, the cache turned off: what every read costs when nothing can be reused.
start_portal list Documents__ListCacheLifetime=00:00:00
row=$(measure_list "cache off (ListCacheLifetime=0)") || exit 1; list_rows+=("$row")
stop_portal

if [ -n "${PORTAL_TEST_AZURITE:-}" ]; then
  echo "== Azure provider (Azurite)"
  start_portal azurite Blobs__Provider=AzureBlobStorage Blobs__Azure__ConnectionString="$PORTAL_TEST_AZURITE" Blobs__Azure__ContainerPrefix="bench$RANDOM-"
  warm_up_uploads
  row=$(transfer "Azure (Azurite)") || exit 1; rows+=("$row")
  stop_portal
fi

{
  echo
  echo "## Documents ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))"
  echo
  echo "Command: \`build/bench/documents/run.sh\` (portal built in Release, SQLite, loopback HTTP, curl as the client)."
  echo
  echo "A ${size_mb} MB file through the API, after the warm-up (twenty 8 MB uploads, three 128 MB ones each way), three rounds;"
  echo "each round copies the file with cp + sync (the goal's baseline), then uploads it as the raw body (what the browser"
  echo "sends) and as multipart/form-data. Medians of the three rounds; the percentages are each round's cp time over its"
  echo "upload time. Goals: upload at least 50% of cp on the file system; peak memory growth under 100 MB."
  echo
  echo "| provider | cp + sync | upload, raw body | upload, multipart | download | working set before | peak working set during | growth |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Document list of a folder of $list_documents documents, first page of 100 (\`GET /api/workspaces/{id}/documents?folderId=…&pageSize=100\`),"
  echo "wrk -t2 -c50 -d20s from a second process (goal: p95 under 50 ms); the baseline is the bare \`GET /health/live\` on the"
  echo "same 50 connections in the same run."
  echo
  echo "| list | p95 | p50 | requests/s | errors | baseline p95 | p95 / baseline |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${list_rows[@]}"
} > "$work/section.md"
# The section replaces the previous Documents section, so RESULTS.md holds the latest figures of each benchmark.
python3 - "$results" "$work/section.md" <<'PY'
import re, sys
results, section = sys.argv[1], open(sys.argv[2]).read().strip("\n") + "\n"
text = open(results).read()
pattern = re.compile(r"\n## Documents.*?(?=\n## |\Z)", re.S)
text = pattern.sub(lambda _: "\n" + section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
PY
echo "== figures appended to $results"
tail -n 16 "$results"
