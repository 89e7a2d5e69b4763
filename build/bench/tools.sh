# Sourced by the benches: installs the public tools a bench uses when they are missing, so each bench runs on a fresh
# machine of this kind as the test command does: wrk and hyperfine from Debian, dotnet-gcdump and dotnet-trace as .NET
# global tools at the version this registry serves (pinned, so two machines measure with the same tool).
# Usage: source "$root/build/bench/tools.sh"; bench_tools wrk hyperfine dotnet-gcdump
bench_dotnet_tools_version=10.0.750501

bench_tools() {
  # apt_install (only what is missing) lives with the servers' installer; sourcing it starts nothing.
  source "$root/build/services.sh"
  local tool
  for tool in "$@"; do
    case "$tool" in
      dotnet-gcdump|dotnet-trace)
        command -v "$tool" >/dev/null || [ -x "$HOME/.dotnet/tools/$tool" ] \
          || dotnet tool install -g "$tool" --version "$bench_dotnet_tools_version" >/dev/null ;;
      *) command -v "$tool" >/dev/null || apt_install "$tool" ;;
    esac
  done
  export PATH="$PATH:$HOME/.dotnet/tools"
}
