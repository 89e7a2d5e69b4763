#!/usr/bin/env bash
# Memory per interactive user: builds the portal and the client in Release, starts the portal on a loopback port
# (SQLite, no demo data), signs in the bench users and opens each one's home page in its own Chromium context (a real
# Blazor circuit, and the notification hub the page connects), and reads the portal's RSS, and with dotnet-gcdump its
# RSS and live heap after a full GC, at 25, 50 and 100 users against one warm-up tab. Then the same for the baseline, a
# bare Blazor Server app from the SDK's template (BENCH_BARE=0 leaves it out), so the portal's figures read as ratios.
# Usage: build/bench/circuits/run.sh [--levels 25,50,100]
#        BENCH_QUICK=1: 10 and 30 users (about 3 minutes with the publish); the slope between them is the figure.
#        BENCH_SQLITE_OPTIONS="Pooling=False": added to the portal's SQLite connection string (a comparison run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$root/build/.artifacts/bench"
mkdir -p "$out"
# Published, not built: a Production start serves the static assets (blazor.web.js, MudBlazor's scripts) only from a
# published wwwroot. BENCH_APP: an already published portal (`dotnet publish src/Consortium.Portal.Web -c Release -o DIR`),
# measured as it is.
app="${BENCH_APP:-$out/circuits-app}"
[ -n "${BENCH_APP:-}" ] || dotnet publish src/Consortium.Portal.Web -c Release -o "$app" -nologo -v quiet
# A build folder (bin/Release/net10.0, in place or copied) is not one: outside Development, MapStaticAssets finds only
# the build's manifest (*.staticwebassets.runtime.json, whose paths point into the source tree and the NuGet cache,
# read only when static web assets are enabled, which ASP.NET Core does in Development alone) and answers every asset
# 200 with an empty body and no Content-Type ("not running against the published output" in the portal's log): the
# pages would never start their circuits, and the bench would measure nothing. Refused here, before any tab opens.
if [ -e "$app/Consortium.Portal.Web.staticwebassets.runtime.json" ] || [ ! -e "$app/wwwroot/_framework/blazor.web.js" ]; then
  echo "BENCH_APP=$app is not a published portal (a build folder serves no static assets in Production): publish it with" >&2
  echo "  dotnet publish src/Consortium.Portal.Web -c Release -o DIR   and set BENCH_APP=DIR (or leave BENCH_APP unset)" >&2
  exit 1
fi
dotnet build build/bench/circuits -c Release -nologo -v quiet
# The baseline: `dotnet new blazor` with global Server interactivity and no sample pages, published like the portal,
# outside the repository (its props would apply to it). Its one page says when its circuit renders it
# (data-interactive), as the portal's layout does, so the client waits for both the same way.
bare=()
if [ "${BENCH_BARE:-1}" = 1 ]; then
  bare_dir="${BENCH_DIR:-/tmp/portal-bench-circuits}/bare-blazor"
  if [ ! -e "$bare_dir/app/bareblazor.dll" ]; then
    rm -rf "$bare_dir"
    dotnet new blazor -n bareblazor -o "$bare_dir/src" --interactivity Server --all-interactive --empty --framework net10.0 >/dev/null
    cat > "$bare_dir/src/Components/Pages/Home.razor" <<'RAZOR'
@page "/"
<PageTitle>Home</PageTitle>
<h1 data-interactive="@(RendererInfo.IsInteractive ? "true" : "false")">Hello, world!</h1>
RAZOR
    dotnet publish "$bare_dir/src" -c Release -o "$bare_dir/app" -nologo -v quiet
  fi
  bare=(--bare "$bare_dir/app/bareblazor.dll")
fi
source "$root/build/bench/tools.sh"; bench_tools dotnet-gcdump
extra=(--gcdump "$(command -v dotnet-gcdump)" --dumps "$out")
levels=()
[ "${BENCH_QUICK:-0}" = 1 ] && levels=(--levels 10,30)
uptime
dotnet build/bench/circuits/bin/Release/net10.0/Consortium.Portal.Bench.Circuits.dll \
  --portal "$app/Consortium.Portal.Web.dll" \
  --out "$out/circuits.md" "${bare[@]}" "${extra[@]}" "$@" "${levels[@]}"
uptime
