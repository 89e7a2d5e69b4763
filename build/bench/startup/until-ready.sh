#!/usr/bin/env bash
# until-ready.sh DIR URL COMMAND...: starts COMMAND in DIR, polls URL every 10 ms until it answers 200, then stops it.
# The time hyperfine measures for it is the cold start: process start to the first ready answer. DIR is the app's own
# folder, as in a deployment: the content root is the working folder, and the host watches it (appsettings.json's
# reload), which from a large folder (a checkout, /tmp) costs seconds that are the folder's, not the app's.
# The poll is bash's own: a request written to /dev/tcp and its status line read back, and a timed read as the 10 ms
# wait. Spawning curl and sleep every 10 ms cost a few ms of CPU each, about a core's tenth, taken from the start being
# measured on these 2 cores, and more from a longer start (the portal's) than from a short one (the bare app's).
# Once ready, the process is killed (SIGKILL) rather than stopped: hyperfine times this script to its end, and a graceful
# stop (the portal's hosted services, its job server) is not part of a start. Until 2026-12-07 it was stopped with SIGTERM
# and waited for, which added the portal's stop (about 0.1-0.2 s, none for the bare app) to every figure before then.
set -uo pipefail
dir="$1"; url="$2"; shift 2
hostport="${url#http://}"; hostport="${hostport%%/*}"; path="/${url#http://*/}"
host="${hostport%:*}"; port="${hostport##*:}"
(cd "$dir" && exec "$@") >/dev/null 2>&1 &
pid=$!
exec 9<> <(:)   # never written: `read -t 0.01 -u 9` waits 10 ms without starting a process
ready() {
  local status
  { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
  read -r -t 5 _ status _ <&3
  exec 3<&-
  [ "${status:-}" = 200 ]
}
for _ in $(seq 6000); do
  ready && { kill -KILL "$pid"; wait "$pid" 2>/dev/null; exit 0; }
  kill -0 "$pid" 2>/dev/null || { echo "the process ended before $url was ready" >&2; exit 1; }
  read -r -t 0.01 -u 9
done
kill "$pid"; exit 1
