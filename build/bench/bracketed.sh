# Sourced by the wrk benches that compare endpoints with the bare /health/live of the same run (issue 16).
#
# Why: a bench that measured bare first, on a portal that had served nothing yet, compared every endpoint with a cold
# baseline (10,329 req/s on the first line of the PostgreSQL list bench against ~43,000 on its later lines). So here
# every endpoint is warmed before anything is measured, and bare is measured before and after each endpoint
# (bare, A, bare, B, bare, ...): each endpoint's ratio is to the mean of the two bare runs around it, and both are
# reported, so a drift of the machine's load during the run shows instead of hiding in the ratio.
#
# The caller defines `bench_run NAME DURATION OUTFILE`: one wrk run of the endpoint NAME ("bare" for the baseline)
# whose `done` writes a line "rps N" (any case) to OUTFILE; it may sign in first, set headers, pick a Lua script.

# bracketed_measure DIR WARMUP DURATION NAME...: warms bare and each NAME for WARMUP, then measures
# bare, NAME1, bare, NAME2, ..., bare for DURATION each. Results: DIR/NAME.txt, and DIR/bare-0.txt .. DIR/bare-N.txt
# (bare-K is measured just before the (K+1)th NAME).
bracketed_measure() {
  local dir="$1" warmup="$2" duration="$3"; shift 3
  local name k=0
  mkdir -p "$dir"
  bench_run bare "$warmup" /dev/null
  for name in "$@"; do bench_run "$name" "$warmup" /dev/null; done
  bench_run bare "$duration" "$dir/bare-0.txt"
  for name in "$@"; do
    bench_run "$name" "$duration" "$dir/$name.txt"
    k=$((k + 1))
    bench_run bare "$duration" "$dir/bare-$k.txt"
  done
}

# bracketed_rps FILE: the requests/s a run wrote.
bracketed_rps() { awk 'tolower($1) == "rps" { print $2 }' "$1"; }

# bracketed_bares DIR K: "before after" bare requests/s around the (K+1)th endpoint (K from 0).
bracketed_bares() { echo "$(bracketed_rps "$1/bare-$2.txt") $(bracketed_rps "$1/bare-$(($2 + 1)).txt")"; }

# bracketed_ratio DIR K NAME: NAME's requests/s over the mean of the bare runs around it, to 3 places.
bracketed_ratio() {
  local before after
  read -r before after <<<"$(bracketed_bares "$1" "$2")"
  awk -v r="$(bracketed_rps "$1/$3.txt")" -v b="$before" -v a="$after" 'BEGIN { printf "%.3f", 2 * r / (b + a) }'
}
