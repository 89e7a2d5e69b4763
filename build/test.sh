#!/usr/bin/env bash
# The README's test command. On a fresh machine of this kind it installs what is missing, starts a throwaway
# PostgreSQL cluster, Azurite and Redis on loopback ports, runs the whole suite, stops what it started and
# ends with one line: "tests: N passed, N failed", counted from the test results.
# While it runs it says which test project starts and how each ended, with its duration, so a long run is not silent;
# before the last line it lists the slowest tests and classes (build/slowest-tests.py).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$root/build/.artifacts"
rm -rf "$work/results" "$work/logs"
mkdir -p "$work/results" "$work/logs"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Two projects at a time, as `dotnet test` on the solution ran them on this two-core kind of machine; more only adds
# contention. TEST_JOBS overrides it.
jobs="${TEST_JOBS:-2}"

# shellcheck source=build/services.sh
source "$root/build/services.sh"
trap services_stop EXIT

services_install
services_start

suite_start=$SECONDS
echo "== build"
dotnet build Consortium.Portal.sln -c Release -nologo -v quiet 2>&1 | tail -n 20
echo "== build took $((SECONDS - suite_start)) s"

# Every project of the solution that is a test project (it references the test SDK), wherever it lives: a module
# made from the template brings its own, and nobody has to add it here. The slow ones first, longest first, so none
# starts late: ArchitectureTests (4 min, the module-template build) among the quick ones used to start only after
# BrowserTests ended and ran alone at the end.
mapfile -t projects < <(dotnet sln Consortium.Portal.sln list | grep -E '\.csproj$' | tr '\\' '/' | while read -r p; do
  grep -q 'Microsoft.NET.Test.Sdk' "$p" && echo "$p"
done | awk '{ rank = 9
  if ($0 ~ /IntegrationTests/) rank = 0; else if ($0 ~ /BrowserTests/) rank = 1
  else if ($0 ~ /ArchitectureTests/) rank = 2; else if ($0 ~ /ProductionTests/) rank = 3
  print rank "\t" $0 }' | sort | cut -f2)

elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# Runs one project into a results folder of its own and prints its line when it ends.
run_project() {
  local project="$1" name started rc counts
  name="$(basename "$project" .csproj)"
  started=$SECONDS
  echo "== start  $name"
  set +e
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx" --results-directory "$work/results/$name" -- RunConfiguration.TreatNoTestsAsError=true \
    >"$work/logs/$name.log" 2>&1
  rc=$?
  set -e
  counts="$(python3 "$root/build/count-results.py" "$work/results/$name")"
  read -r p f <<<"$counts"
  echo "== $( [ "$rc" -eq 0 ] && echo "done  " || echo "FAILED" ) $name: $p passed, $f failed in $(elapsed $((SECONDS - started)))"
  if [ "$rc" -ne 0 ]; then
    # The failures themselves, so the run's output says what broke without opening the log.
    grep -E '^\s+(Failed|Error Message|Stack Trace)' -A4 "$work/logs/$name.log" | head -n 60 || tail -n 30 "$work/logs/$name.log"
    echo "   (whole output: ${work#"$root"/}/logs/$name.log)"
  fi
  return "$rc"
}

echo "== test (${#projects[@]} projects, $jobs at a time)"
test_exit=0
running=0
for project in "${projects[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || test_exit=1
    running=$((running - 1))
  fi
  run_project "$project" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || test_exit=1
  running=$((running - 1))
done
echo "== tests took $(elapsed $((SECONDS - suite_start))) in all"

python3 "$root/build/slowest-tests.py" "$work/results" 20 || true

read -r passed failed < <(python3 "$root/build/count-results.py" "$work/results")
echo "tests: $passed passed, $failed failed"
if [ "$test_exit" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
