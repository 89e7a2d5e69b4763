#!/usr/bin/env bash
# until-ready.sh URL COMMAND...: starts COMMAND, polls URL every 10 ms until it answers 200, then stops the process.
# The time hyperfine measures for it is the cold start: process start to the first ready answer.
set -uo pipefail
url="$1"; shift
"$@" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 6000); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && { kill "$pid"; wait "$pid" 2>/dev/null; exit 0; }
  kill -0 "$pid" 2>/dev/null || { echo "the process ended before $url was ready" >&2; exit 1; }
  sleep 0.01
done
kill "$pid"; exit 1
