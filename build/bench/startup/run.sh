#!/usr/bin/env bash
# Cold start benchmark (issue 16): process start to the first 200 from /health/ready, on an existing SQLite database
# (the demo data, migrated and seeded by a first start), against a bare `dotnet new web` app started the same way
# (`dotnet app.dll`, Release, polled on `/`). hyperfine runs the two one after another, BENCH_RUNS times each after a
# warm-up (the file cache), so the ratio is measured under the same load. Goal: the portal within 3x of the bare app.
# A third row starts the portal the same way and polls its sign-in page: when a visitor's first page is answered.
# Appends a section "Cold start" to build/bench/RESULTS.md. Usage: build/bench/startup/run.sh
# BENCH_QUICK=1: 3 runs each (about 2 minutes with the publish on a quiet machine; crossgen is most of the publish).
# BENCH_APPS="DIR1 DIR2 ...": several published builds (a change and its base) measured in one hyperfine command, each
# on a database of its own (a build's first start seeds it: the seed fingerprint is per build), so they share the
# machine's state of the moment and compare as ratios to the same bare start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/build/bench/startup"
work="${BENCH_DIR:-/tmp/portal-bench-startup}"
results="$root/build/bench/RESULTS.md"
runs="${BENCH_RUNS:-$([ "${BENCH_QUICK:-0}" = 1 ] && echo 3 || echo 10)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source "$root/build/bench/tools.sh"; bench_tools hyperfine
mkdir -p "$work"
echo "== publishing the portal (Release, linux-x64, ReadyToRun) and building a bare web app"
# The portal is started as an operator runs it: the output of `dotnet publish -r linux-x64` (README "Production"), which
# the csproj compiles ReadyToRun, so its start does not JIT what crossgen compiled. BENCH_APP: the folder of an already
# built or published portal, measured without building. BENCH_R2R=0: publish without ReadyToRun (to compare).
if [ -z "${BENCH_APP:-}" ] && [ -z "${BENCH_APPS:-}" ]; then
  rm -rf "$work/app"
  dotnet publish "$root/src/Consortium.Portal.Web" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun="$([ "${BENCH_R2R:-1}" = 1 ] && echo true || echo false)" -o "$work/app" -v quiet -nologo >/dev/null
fi
apps=(${BENCH_APPS:-${BENCH_APP:-$work/app}})
if [ ! -f "$work/bare/bin/Release/net10.0/bare.dll" ]; then
  rm -rf "$work/bare"
  dotnet new web -n bare -o "$work/bare" --framework net10.0 >/dev/null
  dotnet build "$work/bare" -c Release -v quiet -nologo >/dev/null
fi
bare="$work/bare/bin/Release/net10.0/bare.dll"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
portal_env() { echo "env ASPNETCORE_ENVIRONMENT=Production Portal__DataFolder=$work/data-$1 Portal__SeedDemoData=true Logging__LogLevel__Default=Warning Database__Provider=Sqlite"; }

# An existing database: the first start migrates and seeds the demo data; the measured starts find it up to date.
for i in "${!apps[@]}"; do
  rm -rf "$work/data-$i"
  port="$(free_port)"
  "$here/until-ready.sh" "${apps[$i]}" "http://127.0.0.1:$port/health/ready" $(portal_env "$i") dotnet "${apps[$i]}/Consortium.Portal.Web.dll" --urls "http://127.0.0.1:$port"
done

port="$(free_port)"; bare_port="$(free_port)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# "portal, first page": the same start polled on the sign-in page instead of /health/ready, that is until a routed
# request (routing, authentication, a page rendered) is answered. Not the goal's measure: it shows what a start still
# costs a visitor after ready (the route matcher is built after listening, PortalEndpointWarmUp).
commands=(-n bare "$here/until-ready.sh $(dirname "$bare") http://127.0.0.1:$bare_port/ env Logging__LogLevel__Default=Warning dotnet $bare --urls http://127.0.0.1:$bare_port")
for i in "${!apps[@]}"; do
  app="${apps[$i]}/Consortium.Portal.Web.dll"
  commands+=(-n "portal $i" "$here/until-ready.sh ${apps[$i]} http://127.0.0.1:$port/health/ready $(portal_env "$i") dotnet $app --urls http://127.0.0.1:$port"
             -n "page $i" "$here/until-ready.sh ${apps[$i]} http://127.0.0.1:$port/account/sign-in $(portal_env "$i") dotnet $app --urls http://127.0.0.1:$port")
done
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/hyperfine.json" "${commands[@]}"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/hyperfine.json" "$results" "$runs" "$load_before" "$load_after" "${apps[@]}" <<'PY'
import json, sys, datetime
data, results, runs, before, after, *apps = sys.argv[1:]
r = {x["command"]: x for x in json.load(open(data))["results"]}
b = r["bare"]
def row(name, x, goal):
    ratio = x["median"] / b["median"]
    verdict = f" ({'meets' if ratio <= 3 else 'misses'} the goal of 3)" if goal else ""
    return f"| {name} | {x['median']:.2f} s | {x['mean']:.2f} ± {x['stddev']:.2f} s | {x['min']:.2f} s | {x['max']:.2f} s | {ratio:.1f}{verdict} |"
rows = [row("bare `dotnet new web`", b, False)]
for i, app in enumerate(apps):
    label = "portal" if len(apps) == 1 else f"portal ({app})"
    rows.append(row(label, r[f"portal {i}"], True))
    rows.append(row(f"{label}, first page (`/account/sign-in`; not the goal's measure)", r[f"page {i}"], False))
quiet = "" if float(before.split()[0]) < 1.5 else f": **not a quiet run** (a 1-minute load of {before.split()[0]} when it began: something else, or this script's own publish, was using the cores)"
builds = f"the build in {apps[0]}" if len(apps) == 1 else "the builds in " + ", ".join(apps) + ", in one command"
section = f"""## Cold start ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {builds})

Command: `build/bench/startup/run.sh` (hyperfine -N, {runs} runs each after one warm-up; the portal published Release, linux-x64,
ReadyToRun unless BENCH_R2R=0; `dotnet app.dll` in the app's folder;
SQLite database with the demo data already migrated and seeded, one per build; `ASPNETCORE_ENVIRONMENT=Production`; each started
process killed once it answered). Machine: 2 cores
(AMD EPYC, virtual, shared), Linux, .NET 10; load average {before} before, {after} after{quiet}. Goal (issue 16): the portal's start to `/health/ready` within 3x of the bare app's
start to `/`.

| app | median | mean ± σ | min | max | ratio (medians) |
|---|---|---|---|---|---|
""" + "\n".join(rows) + "\n"
text = open(results).read()
open(results, "w").write(text.rstrip("\n") + "\n\n" + section)
print(section)
PY
