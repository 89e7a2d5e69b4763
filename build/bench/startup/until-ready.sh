#!/usr/bin/env bash
# until-ready.sh DIR URL COMMAND...: starts COMMAND in DIR, polls URL every 10 ms until it answers 200, then stops it.
# The time hyperfine measures for it is the cold start: process start to the first ready answer. DIR is the app's own
# folder, as in a deployment: the content root is the working folder, and the host watches it (appsettings.json's
# reload), which from a large folder (a checkout, /tmp) costs seconds that are the folder's, not the app's.
set -uo pipefail
dir="$1"; url="$2"; shift 2
(cd "$dir" && exec "$@") >/dev/null 2>&1 &
pid=$!
for _ in $(seq 6000); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && { kill "$pid"; wait "$pid" 2>/dev/null; exit 0; }
  kill -0 "$pid" 2>/dev/null || { echo "the process ended before $url was ready" >&2; exit 1; }
  sleep 0.01
done
kill "$pid"; exit 1
