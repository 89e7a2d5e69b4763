#!/usr/bin/env bash
# Installs and starts, on loopback only, the servers the tests need; sourced by build/test.sh.
# Each server exports the variable the tests read; a test whose server is missing fails, it never skips.

SERVICES_DIR="${SERVICES_DIR:-$root/build/.artifacts/services}"

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

services_install() {
  # The browser tests drive Debian's Chromium through Playwright (which cannot download its own browser here).
  apt_install postgresql chromium fonts-dejavu-core redis-server
  export PORTAL_TEST_CHROMIUM="${PORTAL_TEST_CHROMIUM:-/usr/bin/chromium}"
  azurite_install
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1
}

postgres_start() {
  local bin port
  bin="$(pg_bin)"
  port="$(free_port)"
  # PostgreSQL refuses to run as root, so the throwaway cluster belongs to the postgres system user, in a folder of
  # its own under /tmp: the checkout may sit below folders that user cannot enter (a mktemp -d clone, /root).
  PG_DATA="$(mktemp -d /tmp/portal-pg.XXXXXX)"
  # Written down, so that services_stop in another shell with the same SERVICES_DIR finds the cluster to stop.
  mkdir -p "$SERVICES_DIR"
  echo "$PG_DATA" >"$SERVICES_DIR/postgres.data"
  chown postgres:postgres "$PG_DATA"
  chmod 700 "$PG_DATA"
  (cd / && su postgres -s /bin/sh -c "'$bin/initdb' -D '$PG_DATA' -U portal --auth=trust -E UTF8 >/dev/null")
  (cd / && su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$PG_DATA' -l '$PG_DATA/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$PG_DATA' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start >/dev/null")
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=portal;Password=portal;Database=postgres;Include Error Detail=true"
  echo "== postgres on 127.0.0.1:$port"
}

postgres_stop() {
  # The shell that started it knows its folder; any other shell reads it from SERVICES_DIR.
  local data="${PG_DATA:-}" record="$SERVICES_DIR/postgres.data"
  if [ -z "$data" ] && [ -f "$record" ]; then
    data="$(cat "$record")"
  fi
  # Only a throwaway cluster of this script: a damaged record must not name some other folder to delete.
  case "$data" in
    /tmp/portal-pg.*) ;;
    *) data="" ;;
  esac
  if [ -n "$data" ] && [ -f "$data/postmaster.pid" ]; then
    (cd / && su postgres -s /bin/sh -c "'$(pg_bin)/pg_ctl' -D '$data' -m immediate stop >/dev/null") || true
  fi
  [ -n "$data" ] && rm -rf "$data"
  rm -f "$record"
  unset PG_DATA
  return 0
}

# Azurite, pinned in build/azurite/package-lock.json; blob storage for the Azure provider's contract tests.
AZURITE_DIR="$root/build/azurite"

azurite_install() {
  if [ ! -x "$AZURITE_DIR/node_modules/.bin/azurite-blob" ]; then
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    echo "== installing azurite"
    # Azurite runs without any package's install script; skipping them keeps the install to what the lock file names.
    (cd "$AZURITE_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

azurite_start() {
  local port data
  azurite_install
  port="$(free_port)"
  data="$SERVICES_DIR/azurite"
  rm -rf "$data" && mkdir -p "$data"
  "$AZURITE_DIR/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$port" --location "$data" \
    --silent --disableTelemetry --skipApiVersionCheck --loose >"$data/azurite.log" 2>&1 &
  echo $! >"$SERVICES_DIR/azurite.pid"
  # Any HTTP answer, even a refusal of the anonymous request, means it is serving.
  if ! python3 - "$port" <<'PY'
import sys, time, urllib.request, urllib.error
url = f"http://127.0.0.1:{sys.argv[1]}/devstoreaccount1?comp=list"
# Two minutes: node takes seconds to start Azurite alone, but half a minute was not enough beside four builds.
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    try:
        urllib.request.urlopen(url, timeout=1)
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY
  then
    echo "== azurite did not start; its log:" >&2
    cat "$data/azurite.log" >&2
    return 1
  fi
  # The emulator's published well-known account and key.
  export PORTAL_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
  echo "== azurite on 127.0.0.1:$port"
}

azurite_stop() {
  local pidfile="$SERVICES_DIR/azurite.pid"
  if [ -f "$pidfile" ]; then
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    # It flushes its store on the way out; give it a few seconds.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$pidfile"
  fi
}

# Redis for the SignalR backplane test: two portal instances push to each other's clients through it.
redis_start() {
  local port data
  port="$(free_port)"
  data="$SERVICES_DIR/redis"
  rm -rf "$data" && mkdir -p "$data"
  redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --save "" --appendonly no --dir "$data" \
    --daemonize yes --pidfile "$data/redis.pid" --logfile "$data/redis.log"
  for _ in $(seq 100); do
    redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  if ! redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
    echo "== redis did not start; its log:" >&2
    cat "$data/redis.log" >&2
    return 1
  fi
  export PORTAL_TEST_REDIS="127.0.0.1:$port"
  echo "== redis on 127.0.0.1:$port"
}

redis_stop() {
  local pidfile="$SERVICES_DIR/redis/redis.pid"
  if [ -f "$pidfile" ]; then
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    # Gone before this returns, so the caller may remove its folder or start another.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$pidfile"
  fi
}

services_start() {
  postgres_start
  azurite_start
  redis_start
  # The servers' addresses, for another shell to `source` (the exports above reach only this one).
  {
    echo "export PORTAL_TEST_POSTGRES='$PORTAL_TEST_POSTGRES'"
    echo "export PORTAL_TEST_AZURITE='$PORTAL_TEST_AZURITE'"
    echo "export PORTAL_TEST_REDIS='$PORTAL_TEST_REDIS'"
    echo "export PORTAL_TEST_CHROMIUM='${PORTAL_TEST_CHROMIUM:-}'"
  } >"$SERVICES_DIR/env"
}

services_stop() {
  postgres_stop
  azurite_stop
  redis_stop
  rm -f "$SERVICES_DIR/env"
}
