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
  apt_install postgresql
  # The browser tests drive Debian's Chromium through Playwright (which cannot download its own browser here).
  apt_install chromium fonts-dejavu-core
  export PORTAL_TEST_CHROMIUM="${PORTAL_TEST_CHROMIUM:-/usr/bin/chromium}"
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1
}

postgres_start() {
  local bin port data
  bin="$(pg_bin)"
  port="$(free_port)"
  data="$SERVICES_DIR/postgres"
  rm -rf "$data" && mkdir -p "$data"
  # PostgreSQL refuses to run as root: the throwaway cluster belongs to the postgres system user.
  chown -R postgres:postgres "$SERVICES_DIR"
  chmod 755 "$SERVICES_DIR" "$(dirname "$SERVICES_DIR")"
  su postgres -s /bin/sh -c "'$bin/initdb' -D '$data' -U portal --auth=trust -E UTF8 >/dev/null"
  su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$data' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start >/dev/null"
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=portal;Password=portal;Database=postgres;Include Error Detail=true"
  echo "== postgres on 127.0.0.1:$port"
}

postgres_stop() {
  local data="$SERVICES_DIR/postgres"
  [ -f "$data/postmaster.pid" ] && su postgres -s /bin/sh -c "'$(pg_bin)/pg_ctl' -D '$data' -m immediate stop >/dev/null" || true
}

services_start() {
  postgres_start
}

services_stop() {
  postgres_stop
}
