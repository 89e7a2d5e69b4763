#!/usr/bin/env bash
# Documents benchmark, from a second process against the published portal on loopback:
#  1. a 1 GB file uploaded and downloaded through the HTTP API (file-system provider; also Azurite when
#     PORTAL_TEST_AZURITE is set), against copying it with cp (+ sync, as the store flushes to disk);
#     the server's peak working set (VmHWM) before and after the upload;
#  2. the document list of a workspace holding 10,000 documents: p95 latency at 50 concurrent connections (wrk).
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

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
[ -f "$results" ] || printf "# Benchmark results\n\nFigures written by the scripts under build/bench; each section names its command.\n" > "$results"
echo "== building the portal (Release)"
# A build, not a publish: publishing trips over the modules' localization files of the same names.
dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="$root/src/Consortium.Portal.Web/bin/Release/net10.0"

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
      Documents__MaxUploadBytes=2147483648 Logging__LogLevel__Default=Warning "$@" \
      dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/$name.log" 2>&1 &
  portal_pid=$!
  for _ in $(seq 300); do curl -s -o /dev/null "$base/health/live" && break; sleep 0.5; done
  sign_in
}

# The API's sign-in; the cookie is sent back by hand (curl keeps Secure cookies for https only). wrk sends the same
# cookie all along and never takes the renewed one a browser would: a cookie older than the security-stamp interval
# (a minute) would make every request re-read the user from the database, which no browser session does. So each
# load run starts with a fresh sign-in and lasts less than a minute.
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
# first requests. Twenty small uploads (PNGs: checked by their signature, no text to extract) warm the upload path.
warm_up_uploads() {
  { printf '\x89PNG\r\n\x1a\n'; head -c $((8 * 1024 * 1024)) /dev/urandom; } > "$work/warm.png"
  for i in $(seq 20); do
    curl -s -o /dev/null -H "Cookie: $cookie" -F "files=@$work/warm.png;filename=warm-$i.png;type=image/png" "$base/api/workspaces/$workspace/documents"
  done
  wait_idle
}

# transfer NAME: upload and download of the big file; prints one table row.
transfer() {
  local name="$1"
  local rss_before hwm_after up down id status
  rss_before=$(kib VmRSS "$portal_pid")
  # The peak (VmHWM) starts again from here, so the warm-up's own peak cannot hide the upload's.
  echo 5 > "/proc/$portal_pid/clear_refs"
  read -r up status < <(curl -s -o "$work/upload.json" -w '%{time_total} %{http_code}\n' -H "Cookie: $cookie" \
      -F "files=@$big;type=application/pdf" "$base/api/workspaces/$workspace/documents")
  [ "$status" = 200 ] || { echo "upload answered $status: $(cat "$work/upload.json")" >&2; exit 1; }
  hwm_after=$(kib VmHWM "$portal_pid")
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["documentId"])' "$work/upload.json")
  down=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/api/documents/$id/content")
  awk -v n="$name" -v b="$bytes" -v u="$up" -v d="$down" -v r="$rss_before" -v h="$hwm_after" -v c="$cp_seconds" -v w="$dd_seconds" 'BEGIN {
    printf "| %s | %.0f MB/s (%.1f s) | %.0f%% | %.0f%% | %.0f MB/s (%.1f s) | %.0f MB | %.0f MB | %+.0f MB |\n",
      n, b/1048576/u, u, 100*c/u, 100*w/u, b/1048576/d, d, r/1024, h/1024, (h-r)/1024 }'
}

echo "== cp baseline"
sync   # the file just made must not be flushed on cp's time
start=$(date +%s.%N); cp "$big" "$work/copy.pdf"; sync; end=$(date +%s.%N)
cp_seconds=$(echo "$end - $start" | bc -l); rm -f "$work/copy.pdf"
# cp copies inside the kernel (copy_file_range); a process that receives the bytes, as the portal does, has to write
# them from its own memory. dd with the portal's block size is that second baseline.
start=$(date +%s.%N); dd if="$big" of="$work/copy.pdf" bs=256k conv=fsync status=none; end=$(date +%s.%N)
dd_seconds=$(echo "$end - $start" | bc -l); rm -f "$work/copy.pdf"

rows=()
echo "== file-system provider"
start_portal filesystem
warm_up_uploads
rows+=("$(transfer "file system")")

echo "== document list with $list_documents documents"
small="$work/small.txt"; echo "A short note." > "$small"
folder=$(curl -s -H "Cookie: $cookie" -H 'Content-Type: application/json' -d '{"name":"Bench list"}' \
    "$base/api/workspaces/$workspace/folders" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for batch in $(seq 0 $((list_documents / 100 - 1))); do
  args=()
  for i in $(seq 1 100); do args+=(-F "files=@$small;filename=note-$(printf '%06d' $((batch * 100 + i))).txt"); done
  curl -s -o /dev/null -H "Cookie: $cookie" "${args[@]}" "$base/api/workspaces/$workspace/documents?folderId=$folder"
done
echo "== waiting for the text extraction of the $list_documents notes to finish"
wait_idle
cat > "$work/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\nP50 %.2f\nRPS %.0f\nERR %d\n", latency:percentile(95) / 1000, latency:percentile(50) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
list_url="$base/api/workspaces/$workspace/documents?folderId=$folder&take=100"
# The baseline: the portal's bare liveness endpoint, same cookie, same connections, in the same run.
bare_url="$base/health/live"
sign_in; wrk -t2 -c50 -d5s -H "Cookie: $cookie" "$list_url" >/dev/null   # warm-up
sign_in; wrk -t2 -c50 -d20s -H "Cookie: $cookie" -s "$work/p95.lua" "$bare_url" > "$work/wrk-bare.txt"
sign_in; wrk -t2 -c50 -d20s -H "Cookie: $cookie" -s "$work/p95.lua" "$list_url" > "$work/wrk.txt"
p95=$(awk '/^P95/ {print $2}' "$work/wrk.txt"); p50=$(awk '/^P50/ {print $2}' "$work/wrk.txt")
rps=$(awk '/^RPS/ {print $2}' "$work/wrk.txt"); errors=$(awk '/^ERR/ {print $2}' "$work/wrk.txt")
bare_p95=$(awk '/^P95/ {print $2}' "$work/wrk-bare.txt"); bare_rps=$(awk '/^RPS/ {print $2}' "$work/wrk-bare.txt")
stop_portal

if [ -n "${PORTAL_TEST_AZURITE:-}" ]; then
  echo "== Azure provider (Azurite)"
  start_portal azurite Blobs__Provider=AzureBlobStorage Blobs__Azure__ConnectionString="$PORTAL_TEST_AZURITE" Blobs__Azure__ContainerPrefix="bench$RANDOM-"
  warm_up_uploads
  rows+=("$(transfer "Azure (Azurite)")")
  stop_portal
fi

{
  echo
  echo "## Documents ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))"
  echo
  echo "Command: \`build/bench/documents/run.sh\` (portal built in Release, SQLite, loopback HTTP, curl as the client)."
  echo
  echo "A ${size_mb} MB file through the API, after twenty 8 MB uploads to warm the portal up; cp + sync of the same file took $(printf '%.1f' "$cp_seconds") s ($(awk -v b="$bytes" -v c="$cp_seconds" 'BEGIN {printf "%.0f", b/1048576/c}') MB/s),"
  echo "\`dd bs=256k conv=fsync\` (the same bytes written from a process's memory, as a server must) $(printf '%.1f' "$dd_seconds") s ($(awk -v b="$bytes" -v c="$dd_seconds" 'BEGIN {printf "%.0f", b/1048576/c}') MB/s)."
  echo "Goals: upload at least 50% of cp on the file system; peak memory growth under 100 MB."
  echo
  echo "| provider | upload | upload vs cp | upload vs dd | download | working set before | peak working set after | growth |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Document list of a folder of $list_documents documents, first page of 100 (\`GET /api/workspaces/{id}/documents?folderId=…&take=100\`),"
  echo "wrk -t2 -c50 -d20s from a second process: p95 ${p95} ms, p50 ${p50} ms, ${rps} requests/s, ${errors} errors (goal: p95 under 50 ms)."
  echo "Baseline in the same run, the bare \`GET /health/live\` on the same 50 connections: p95 ${bare_p95} ms, ${bare_rps} requests/s;"
  echo "the list's p95 is $(awk -v a="$p95" -v b="$bare_p95" 'BEGIN {printf "%.1f", a/b}') times the baseline's."
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
