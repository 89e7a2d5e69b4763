#!/usr/bin/env bash
# Publications catalogue benchmark (NOT YET RUN: written on a shared, loaded machine; figures come from a quiet one).
# From a second process against the portal on loopback:
#  1. makes one published publication the way people do: an author uploads the final file and creates, submits; the
#     default review's people (the co-author, a lead of each side, the coordinator) approve from their task inboxes;
#     the author publishes;
#  2. measures requests per second of the public page, the Atom feed and the bare endpoint (/health/live) with wrk at
#     50 connections, without sign-in, and the ratios (goal of issue 12: >= 0.5).
# Writes the figures to build/bench/RESULTS.md (section "Publications catalogue"). Usage: build/bench/publications/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${BENCH_DIR:-/tmp/portal-bench-publications}"
results="$root/build/bench/RESULTS.md"
workspace="2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31"   # the demo research-report workspace; member1.bprg is an Editor there
password="Demo-Portal-2026!"
duration="${BENCH_DURATION:-20s}"

source "$root/build/bench/tools.sh"; bench_tools wrk
rm -rf "$work" && mkdir -p "$work"
[ -f "$results" ] || printf "# Benchmark results\n\nFigures written by the scripts under build/bench; each section names its command.\n" > "$results"
echo "== building the portal (Release)"
# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$work/data" Portal__SeedDemoData=true Logging__LogLevel__Default=Warning \
    dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/portal.log" 2>&1 &
portal_pid=$!
trap 'kill $portal_pid 2>/dev/null || true; wait $portal_pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -s -o /dev/null "$base/health/live" && break; sleep 0.5; done

# cookie_of EMAIL: the session cookie of a fresh API sign-in, with the second factor for the coordinator
# (build/bench/portal_session.py, the one sign-in of the bench scripts).
cookie_of() { python3 "$root/build/bench/portal_session.py" "$base" "$1" "$password" --state "$work/two-factor.json"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
api() { local cookie="$1"; shift; curl -sf -H "Cookie: $cookie" -H 'Content-Type: application/json' "$@"; }

author="$(cookie_of member1.bprg@demo.portal)"
# The default disclaimer (PublicationsOptions.Disclaimers["en"]) and the authoring partner's name: the file passes the check.
disclaimer="This publication was produced with the financial support of the European Union and the Royal Norwegian Embassy. Its contents are the sole responsibility of the authors and do not necessarily reflect the views of the European Union or the Royal Norwegian Embassy."
printf '# Normalisation, town by town\n\nBalkans Policy Research Group\n\n%s\n' "$disclaimer" > "$work/final.md"
document="$(curl -sf -H "Cookie: $author" -H "Content-Disposition: attachment; filename*=UTF-8''bench-final.md" --data-binary "@$work/final.md" \
    "$base/api/workspaces/$workspace/documents" | json "d[0]['documentId'] if isinstance(d, list) else d['documentId']")"
created="$(api "$author" -d "{\"type\":\"OpEd\",\"title\":\"Normalisation, town by town\",\"summary\":\"Bench\",\"languages\":[\"en\"],\"workspaceId\":\"$workspace\",\"manuscriptDocumentId\":\"$document\",\"activity\":4}" "$base/api/publications")"
id="$(echo "$created" | json "d['id']")"; stamp="$(echo "$created" | json "d['concurrencyStamp']")"
api "$author" -d "{\"concurrencyStamp\":\"$stamp\"}" "$base/api/publications/$id/submit" >/dev/null

# approve EMAIL: the person's open task about the publication, approved from their inbox.
approve() {
  local cookie task; cookie="$(cookie_of "$1")"
  for _ in $(seq 120); do
    task="$(api "$cookie" "$base/api/workflows/tasks/mine" | json "next((t['id'] for t in (d['items'] if isinstance(d, dict) else d) if t['subjectId']=='$id'), '')")"
    [ -n "$task" ] && break; sleep 0.5
  done
  api "$cookie" -d "{\"actionId\":\"$(python3 -c 'import uuid; print(uuid.uuid4())')\",\"decision\":\"Approve\"}" "$base/api/workflows/tasks/$task/decision" >/dev/null
}
approve member1.bprg@demo.portal
approve lead.bprg@demo.portal
approve lead.bcsp@demo.portal
approve coordinator@demo.portal
for _ in $(seq 120); do
  state="$(api "$author" "$base/api/publications/$id" | json "d['state']")"; [ "$state" = Approved ] && break; sleep 0.5
done
stamp="$(api "$author" "$base/api/publications/$id" | json "d['concurrencyStamp']")"
slug="$(api "$author" -d "{\"files\":[{\"language\":\"en\",\"documentId\":\"$document\"}],\"concurrencyStamp\":\"$stamp\"}" "$base/api/publications/$id/publish" | json "d['slug']")"

rps() { wrk -t2 -c50 -d"$duration" "$1" | awk '/Requests\/sec/ {print $2}'; }
curl -sf -o /dev/null "$base/catalogue/en/$slug"
bare="$(rps "$base/health/live")"; page="$(rps "$base/catalogue/en/$slug")"; feed="$(rps "$base/catalogue/en/feed.atom")"
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
{
  printf '\n## Publications catalogue (build/bench/publications/run.sh, %s)\n\n' "$(date -u +%F)"
  printf '| endpoint | requests/s (50 connections, %s) | ratio to the bare endpoint |\n|---|---|---|\n' "$duration"
  printf '| /health/live (bare) | %s | 1.00 |\n| /catalogue/en/{slug} | %s | %s |\n| /catalogue/en/feed.atom | %s | %s |\n' \
    "$bare" "$page" "$(ratio "$page" "$bare")" "$feed" "$(ratio "$feed" "$bare")"
} >> "$results"
echo "== written to $results"
