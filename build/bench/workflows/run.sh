#!/usr/bin/env bash
# Workflows benchmark of issue 12 (figures from a quiet machine; a loaded one's are marked with their load).
# From a second process against the portal on loopback (SQLite by default; BENCH_POSTGRES=<connection string> for
# PostgreSQL), with the demo data:
#  1. 10,000 running instances with deadlines: BENCH_HTTP_INSTANCES (50) publications made and submitted by the author
#     through the API, each starting the default review (its first stage asks the author, with a 5-working-day deadline
#     and a reminder), timed; the rest (on SQLite) copied in bulk from the first, in one transaction: its publication, its
#     instance, tasks and journal under new ids, which the engine reads back as its own (the approvals below act on them,
#     the timer sweep fires them). Submitting 10,000 through HTTP took over 20 minutes of a loaded machine (7.4/s).
#  2. 1,000 concurrent approvals (50 at a time, from the author's inbox) against 1,000 plain authenticated writes in the
#     same run (edits of drafts, 50 at a time): goal within 3x;
#  3. the task inbox at 50 concurrent users (wrk, 50 connections; each request carries the session of the next of the
#     24 demo partner staff in turn, the leads holding the cross-partner tasks and the author thousands of its own):
#     p95 under 50 ms, and at least 0.3 of the bare endpoint's (/health/live) requests per second;
#  4. due timers handled per second, at 10,000: the reminders of every running instance still on its first stage (all
#     but the approved ones) made due at once in the database (the portal's clock is real, a reminder is days away), and
#     timed from the first reminder the every-minute sweep sends to the last (counted in the database), waiting at most
#     BENCH_TIMER_SECONDS (240; quick 90) from making them due, so the whole run stays within 10 minutes: a sweep still
#     busy then is reported as the reminders sent by that time over the time they took;
#  5. the public catalogue page and the feed: build/bench/publications/run.sh measures them (ratio goal >= 0.5).
# BENCH_QUICK=1: the short run for a quiet window (1,000 instances, 200 approvals, 8 s of wrk; about 3 minutes with an
# incremental build); the figures are ratios measured in the same run either way. The full run takes at most about
# 10 minutes on the 2-core machine (the time taken is written beside the figures).
# Writes the figures to build/bench/RESULTS.md (section "Workflows"). Needs wrk, curl, python3 (and sqlite3 or psql).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
work="${BENCH_DIR:-/tmp/portal-bench-workflows}"
results="$root/build/bench/RESULTS.md"
workspace="2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31"   # the demo research-report workspace; member1.bprg is an Editor there
password="Demo-Portal-2026!"
quick="${BENCH_QUICK:-}"
instances="${BENCH_INSTANCES:-$([ -n "$quick" ] && echo 1000 || echo 10000)}"
approvals="${BENCH_APPROVALS:-$([ -n "$quick" ] && echo 200 || echo 1000)}"
http_instances="${BENCH_HTTP_INSTANCES:-$([ -n "$quick" ] && echo 20 || echo 50)}"
duration="${BENCH_DURATION:-$([ -n "$quick" ] && echo 8s || echo 20s)}"
timer_seconds="${BENCH_TIMER_SECONDS:-$([ -n "$quick" ] && echo 90 || echo 240)}"
run_started="$(date +%s)"

load_start="$(uptime | sed 's/.*load average: //')"
source "$root/build/bench/tools.sh"; bench_tools wrk
rm -rf "$work" && mkdir -p "$work"
[ -f "$results" ] || printf "# Benchmark results\n\nFigures written by the scripts under build/bench; each section names its command.\n" > "$results"
echo "== building the portal (Release)"
# BENCH_APP: the folder of an already built portal (a copy of bin/Release/net10.0), measured without building.
[ -n "${BENCH_APP:-}" ] || dotnet build "$root/src/Consortium.Portal.Web" -c Release -v quiet >/dev/null
app="${BENCH_APP:-$root/src/Consortium.Portal.Web/bin/Release/net10.0}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
database=(Database__Provider=Sqlite)
[ -n "${BENCH_POSTGRES:-}" ] && database=(Database__Provider=PostgreSql "ConnectionStrings__Portal=$BENCH_POSTGRES")
env ASPNETCORE_ENVIRONMENT=Development Portal__DataFolder="$work/data" Portal__SeedDemoData=true Logging__LogLevel__Default=Warning \
    Identity__SignInRateLimit=100000 "${database[@]}" \
    dotnet "$app/Consortium.Portal.Web.dll" --urls "$base" >"$work/portal.log" 2>&1 &
portal_pid=$!
trap 'kill $portal_pid 2>/dev/null || true; wait $portal_pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -s -o /dev/null "$base/health/live" && break; sleep 0.5; done

# The measuring client: one Python process, sessions by API sign-in (build/bench/portal_session.py, which sets up the
# coordinator's authenticator), a thread pool for concurrency. It prints "name value" lines.
cat > "$work/bench.py" <<'PY'
import concurrent.futures as cf, json, os, sys, time, urllib.error, urllib.request, uuid
sys.path.insert(0, os.environ["BENCH_LIB"])
from portal_session import Portal, PortalError  # the one sign-in of the bench scripts, with the coordinator's second factor
base, workspace, password = sys.argv[1], sys.argv[2], sys.argv[3]
instances, approvals, http_instances = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
portal = Portal(base, password, os.environ["BENCH_TWO_FACTOR"])
sign_in = portal.cookie
busy, resets = [0], [0]

def call(cookie, method, path, body=None):
    # On SQLite a write that waits past the busy timeout is refused with 503 and nothing changed: a client tries again,
    # as a person would. The retries are counted and reported beside the figures (their wait is in the timings).
    # A connection the loaded server reset is sent again too; a conflict on such a resend means the first one counted.
    resent = False
    for attempt in range(30):
        try:
            return portal.call(cookie, method, path, body)
        except PortalError as error:
            if resent and error.code == 409:
                return 409, None
            if error.code != 503 or attempt == 29:
                raise
            busy[0] += 1
        except (ConnectionError, urllib.error.URLError):
            if attempt == 29:
                raise
            resets[0] += 1
            resent = True
        time.sleep(0.1 * (attempt + 1))

def pool(work, items, width=50):
    started = time.perf_counter()
    with cf.ThreadPoolExecutor(width) as executor:
        results = list(executor.map(work, items))
    return results, time.perf_counter() - started

author = sign_in("member1.bprg@demo.portal")
with open(os.environ["BENCH_MANUSCRIPT"], "rb") as f:
    manuscript = f.read()
request = urllib.request.Request(base + f"/api/workspaces/{workspace}/documents", data=manuscript, method="POST",
    headers={"Cookie": author, "Content-Disposition": "attachment; filename*=UTF-8''bench-manuscript.md"})
with urllib.request.urlopen(request) as response:
    uploaded = json.loads(response.read())
document = (uploaded[0] if isinstance(uploaded, list) else uploaded)["documentId"]

def draft(n):
    _, p = call(author, "POST", "/api/publications", {"type": "OpEd", "title": f"Bench {n}", "languages": ["en"], "workspaceId": workspace,
                                                       "manuscriptDocumentId": document, "activity": 4})
    return p

def submit(definition):
    def run(p):
        call(author, "POST", f"/api/publications/{p['id']}/submit", {"definitionKey": definition, "concurrencyStamp": p["concurrencyStamp"]})
    return run

# 1. Running instances with deadlines: some through the API (timed), the rest copied from the first in the database.
through_api = instances if not os.environ.get("BENCH_SQLITE") else min(instances, http_instances)
drafts, _ = pool(draft, range(through_api))
_, seconds = pool(submit(None), drafts)
print("http_instances", through_api); print("submit_per_second", round(through_api / seconds, 1))

def copy_instances(path, publication_id, count):
    """Copies the publication, its workflow instance, tasks and journal `count` times under new ids, in one transaction:
    every text holding one of the old ids (links, the running key, the journal's task ids) gets the new one."""
    import sqlite3
    db = sqlite3.connect(path, timeout=120, isolation_level=None)
    def rows(table, where, args):
        cursor = db.execute(f'SELECT * FROM "{table}" WHERE {where}', args)
        return [d[0] for d in cursor.description], cursor.fetchall()
    pub_cols, pubs = rows("PublicationsPublications", 'lower("Id") = lower(?)', (publication_id,))
    pid = pubs[0][pub_cols.index("Id")]
    tables = [("PublicationsPublications", pub_cols, pubs)]
    inst_cols, insts = rows("WorkflowsInstances", '"SubjectId" = ?', (pid,))
    iid = insts[0][inst_cols.index("Id")]
    tables.append(("WorkflowsInstances", inst_cols, insts))
    for table, key in (("PublicationsFiles", "PublicationId"), ("WorkflowsTasks", "InstanceId"), ("WorkflowsJournalEntries", "InstanceId"), ("WorkflowsIncidents", "InstanceId")):
        cols, found = rows(table, f'"{key}" = ?', (iid if key == "InstanceId" else pid,))
        tables.append((table, cols, found))
    upper = pid == pid.upper()
    old_ids = [pid] + [r[c.index("Id")] for t, c, rs in tables[1:] if "Id" in c for r in rs]
    def fresh():
        u = str(uuid.uuid4())
        return u.upper() if upper else u
    started = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    for n in range(count):
        pairs = []
        for old in old_ids:
            new = fresh()
            pairs += [(old.upper(), new.upper()), (old.lower(), new.lower()), (old.replace("-", "").lower(), new.replace("-", "").lower())]
        def remap(column, value):
            if isinstance(value, str):
                for o, w in pairs:
                    value = value.replace(o, w)
                if column == "Slug":
                    value = f"{value}-copy-{n}"
            return value
        for table, cols, found in tables:
            names = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            db.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', [[remap(c, v) for c, v in zip(cols, r)] for r in found])
    db.execute("COMMIT")
    return time.perf_counter() - started

copies = instances - through_api
if copies > 0:
    copied_in = copy_instances(os.environ["BENCH_SQLITE"], drafts[0]["id"], copies)
    print("copied_instances", copies); print("copy_per_second", round(copies / copied_in, 1))
print("instances", instances)

# 2. Approvals against plain writes, in the same run.
extra, _ = pool(draft, range(approvals))
def edit(p):
    call(author, "PUT", f"/api/publications/{p['id']}", {"type": "OpEd", "title": p["title"] + " (edited)", "languages": ["en"], "authorIds": p["authorIds"],
                                                          "manuscriptDocumentId": document, "activity": 4, "concurrencyStamp": p["concurrencyStamp"]})
_, writes = pool(edit, extra)
tasks, page = [], 1
while len(tasks) < approvals:
    _, inbox = call(author, "GET", f"/api/workflows/tasks/mine?page={page}&pageSize=100")
    items = inbox["items"] if isinstance(inbox, dict) else inbox
    if not items: break
    tasks += [t["id"] for t in items]; page += 1
tasks = tasks[:approvals]
_, approving = pool(lambda t: call(author, "POST", f"/api/workflows/tasks/{t}/decision", {"actionId": str(uuid.uuid4()), "decision": "Approve"}), tasks)
print("writes_seconds", round(writes, 2)); print("approvals_seconds", round(approving, 2)); print("approval_ratio", round(approving / writes, 2))

print("busy_retries", busy[0]); print("connection_resets", resets[0])
PY

# The inbox readers, signed in just before wrk: every demo partner's lead and members (their inboxes differ in size),
# one cookie a line. Fresh, because wrk never takes a renewed cookie: a session cookie older than the security stamp
# interval (1 minute) would have its stamp checked against the database on every request, which a browser avoids by
# keeping the cookie the portal renews.
cat > "$work/readers.py" <<'PY'
import os, sys
sys.path.insert(0, os.environ["BENCH_LIB"])
from portal_session import Portal
portal = Portal(sys.argv[1], sys.argv[2], os.environ["BENCH_TWO_FACTOR"])
staff = [f"{who}.{partner}@demo.portal" for partner in ("bprg", "d4d", "kcss", "aktiv", "bfpe", "emins", "bcsp", "yucom")
         for who in ("lead", "member1", "member2")]
print("\n".join(portal.cookie(e) for e in staff))
PY

printf '# Bench manuscript\n\nBalkans Policy Research Group\n' > "$work/manuscript.md"
echo "== instances, approvals and writes, timers (python client; ${SECONDS} s into the run)"
sqlite_file=""; [ -z "${BENCH_POSTGRES:-}" ] && sqlite_file="$work/data/portal.db"
BENCH_MANUSCRIPT="$work/manuscript.md" BENCH_LIB="$root/build/bench" BENCH_TWO_FACTOR="$work/two-factor.json" BENCH_SQLITE="$sqlite_file" \
    python3 "$work/bench.py" "$base" "$workspace" "$password" "$instances" "$approvals" "$http_instances" | tee "$work/figures.txt"
figure() { awk -v k="$1" '$1==k {print $2}' "$work/figures.txt"; }

# Timers: every open task's reminder still to send made due now (with its instance's next timer), then counted in the
# database until all are sent.
# sqlite3 waits for the portal's writes (the sweep's) instead of failing at once with "database is locked".
sql() { if [ -n "${BENCH_POSTGRES:-}" ]; then psql "$BENCH_POSTGRES" -Atc "$1"; else sqlite3 -cmd ".timeout 60000" "$work/data/portal.db" "$1"; fi; }
due_tasks='"Status" = '"'"'Open'"'"' AND "ReminderSentAtUtc" IS NULL AND "RemindAtUtc" IS NOT NULL'
timers="$(sql "SELECT COUNT(*) FROM \"WorkflowsTasks\" WHERE $due_tasks")"
already="$(sql 'SELECT COUNT(*) FROM "WorkflowsTasks" WHERE "ReminderSentAtUtc" IS NOT NULL')"
sql "UPDATE \"WorkflowsInstances\" SET \"NextTimerAtUtc\" = '2000-01-01 00:00:00' WHERE \"Id\" IN (SELECT \"InstanceId\" FROM \"WorkflowsTasks\" WHERE $due_tasks)"
sql "UPDATE \"WorkflowsTasks\" SET \"RemindAtUtc\" = '2000-01-01 00:00:00' WHERE $due_tasks"
count_reminded() {
  local sql='SELECT COUNT(*) FROM "WorkflowsTasks" WHERE "ReminderSentAtUtc" IS NOT NULL'
  if [ -n "${BENCH_POSTGRES:-}" ]; then psql "$BENCH_POSTGRES" -Atc "$sql"; else sqlite3 -cmd ".timeout 60000" "$work/data/portal.db" "$sql"; fi
}
first=""; reminded=0; timers_until=$(( $(date +%s) + timer_seconds ))
while [ "$(date +%s)" -lt "$timers_until" ]; do
  reminded="$(( $(count_reminded) - already ))"
  [ -z "$first" ] && [ "$reminded" -gt 0 ] && first="$(date +%s.%N)"
  [ "$reminded" -ge "$timers" ] && break; sleep 0.5
done
last="$(date +%s.%N)"
# The reminders sent over the time from the first to the last seen (all of them, or those sent within the wait).
timers_per_second="$(python3 -c "print(round($reminded / max($last - ${first:-$last}, 0.5), 1))")"
echo "== timers: $reminded of $timers reminders sent, $timers_per_second/s (${SECONDS} s into the run)"

# Inbox at 50 concurrent users against the bare endpoint; p95 from wrk's latency distribution.
cat > "$work/p95.lua" <<'LUA'
-- BENCH_COOKIES: a file of session cookies, one a line; each request takes the next (none: no cookie, the bare endpoint).
local cookies, next_cookie = {}, 0
local file = os.getenv("BENCH_COOKIES") and io.open(os.getenv("BENCH_COOKIES"))
if file then for line in file:lines() do if #line > 0 then cookies[#cookies + 1] = line end end file:close() end
request = function()
  if #cookies == 0 then return wrk.format() end
  next_cookie = next_cookie % #cookies + 1
  return wrk.format(nil, nil, { ["Cookie"] = cookies[next_cookie] })
end
done = function(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\nrps %.1f\n", latency:percentile(95) / 1000, summary.requests / (summary.duration / 1e6)))
end
LUA
BENCH_LIB="$root/build/bench" BENCH_TWO_FACTOR="$work/two-factor.json" python3 "$work/readers.py" "$base" "$password" > "$work/readers.cookies"
inbox="$(BENCH_COOKIES="$work/readers.cookies" wrk -t2 -c50 -d"$duration" -s "$work/p95.lua" "$base/api/workflows/tasks/mine")"
bare="$(wrk -t2 -c50 -d"$duration" -s "$work/p95.lua" "$base/health/live")"
inbox_p95="$(echo "$inbox" | awk '$1=="p95_ms" {print $2}')"; inbox_rps="$(echo "$inbox" | awk '$1=="rps" {print $2}')"
bare_rps="$(echo "$bare" | awk '$1=="rps" {print $2}')"
{
  printf '\n## Workflows (build/bench/workflows/run.sh, %s, %s)\n\n' "$(date -u +%F)" "${BENCH_POSTGRES:+PostgreSQL}${BENCH_POSTGRES:-SQLite}" | sed 's/Host=[^,)]*/PostgreSQL/'
  printf 'Command: `%sBENCH_INSTANCES=%s BENCH_APPROVALS=%s build/bench/workflows/run.sh`. Load average (1, 5, 15 min) at the start %s, at the end %s. The run took %s s.\n\n' \
    "${quick:+BENCH_QUICK=1 }" "$instances" "$approvals" "$load_start" "$(uptime | sed 's/.*load average: //')" "$(( $(date +%s) - run_started ))"
  printf '| measure | figure | goal |\n|---|---|---|\n'
  printf '| running instances with deadlines | %s (%s submitted through the API at %s/s, %s copied in the database at %s/s) | 10,000 |\n' \
    "$(figure instances)" "$(figure http_instances)" "$(figure submit_per_second)" "$(figure copied_instances)" "$(figure copy_per_second)"
  printf '| %s approvals, 50 at once | %s s | within 3x of the writes |\n' "$approvals" "$(figure approvals_seconds)"
  printf '| %s plain authenticated writes (draft edits), 50 at once | %s s | |\n' "$approvals" "$(figure writes_seconds)"
  printf '| approvals / writes | %s | <= 3 |\n' "$(figure approval_ratio)"
  printf '| task inbox, 50 connections, 24 people in turn: p95 | %s ms | < 50 ms |\n' "$inbox_p95"
  printf '| task inbox requests/s (ratio to /health/live %s/s) | %s (%s) | >= 0.3 |\n' "$bare_rps" "$inbox_rps" "$(python3 -c "print(f'{$inbox_rps/$bare_rps:.2f}')")"
  printf '| due timers handled per second (%s reminders due at once, of %s running instances; %s sent within the %s s wait) | %s | |\n' "$timers" "$(figure instances)" "$reminded" "$timer_seconds" "$timers_per_second"
  printf '| writes refused busy (503) and sent again by the client | %s | |\n' "$(figure busy_retries)"
  printf '| requests whose connection the server reset, sent again | %s | |\n' "$(figure connection_resets)"
  printf '\nThe catalogue page and feed ratios are measured by build/bench/publications/run.sh.\n'
} >> "$results"
echo "== written to $results"
