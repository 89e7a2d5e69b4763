#!/usr/bin/env bash
# The README's test command. On a fresh machine of this kind it installs what is missing, starts a throwaway
# PostgreSQL cluster, Azurite and Redis on loopback ports, runs the whole suite, stops what it started and
# ends with one line: "tests: N passed, N failed", counted from the test results.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$root/build/.artifacts"
rm -rf "$work/results"
mkdir -p "$work/results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=build/services.sh
source "$root/build/services.sh"
trap services_stop EXIT

services_install
services_start

echo "== build"
dotnet build Consortium.Portal.sln -c Release -nologo -v quiet 2>&1 | tail -n 20

echo "== test"
set +e
dotnet test Consortium.Portal.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$work/results" -- RunConfiguration.TreatNoTestsAsError=true
test_exit=$?
set -e

read -r passed failed < <(python3 "$root/build/count-results.py" "$work/results")
echo "tests: $passed passed, $failed failed"
if [ "$test_exit" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
