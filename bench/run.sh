#!/usr/bin/env bash
# bench/run.sh: every row of the speed table in docs/benchmarks.md ("The first minutes"), from a fresh devnet, in one run.
#
#   bench/run.sh                 # everything: devnet rows, the primes baseline, the ledger (about 10 minutes)
#   bench/run.sh --no-ledger     # the devnet rows and the primes baseline only
#   WARM_ROUNDS=20 bench/run.sh  # more warm-up before the "warm" rows (default 15 rounds of 4 x 10,000)
#
# Run it from the repository root on an otherwise idle machine: every figure is CPU-bound, and a build or a test
# suite on the same cores halves them. It builds what is missing, starts `./dcp devnet --fresh` on a throw-away
# state (PORT, default 18080; class data as ./dcp records it), and leaves its logs in bench/target/run-<time>/.
# The compose stack is not started here (it needs a Docker engine and its images); docs/benchmarks.md has its
# commands.
set -euo pipefail
cd "$(dirname "$0")/.."
ledger=on
for arg in "$@"; do
  case "$arg" in
    --no-ledger) ledger=off ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
port=${PORT:-18080}
warm_rounds=${WARM_ROUNDS:-15}
out="bench/target/run-$(date -u +%Y%m%dT%H%M%SZ)"
data="$(mktemp -d /tmp/dcp-bench-XXXXXX)"
mkdir -p "$out"
key="dcp_admin_bench_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

echo "== building what is missing (not timed)"
./dcp devnet --help >/dev/null   # the devnet, and its class data for fast starts
if [ ! -f bench/target/benchmarks.jar ] || [ -n "$(find bench/src bench/pom.xml -newer bench/target/benchmarks.jar -print -quit)" ]; then
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
bench_java=(java -XX:+UseSerialGC -cp bench/target/benchmarks.jar)
load=("${bench_java[@]}" dev.dcp.bench.JobLoad --url "http://127.0.0.1:$port" --admin-key "$key")

devnet_pid=""
stop_devnet() {
  [ -n "$devnet_pid" ] || return 0
  kill -TERM "$devnet_pid" 2>/dev/null || true
  wait "$devnet_pid" 2>/dev/null || true
  devnet_pid=""
}
trap 'stop_devnet; rm -rf "$data"' EXIT

# start_devnet LOG [ARGS]: starts ./dcp devnet and waits for "ready"; sets ready_after to the seconds it took
# (not a command substitution: the devnet's pid must stay known to this shell)
ready_after=""
start_devnet() {
  local log=$1; shift
  local t0; t0=$(date +%s.%N)
  # the gateway's per-key rate limit (100 requests/s) would measure itself, not the platform
  DCP_ADMIN_KEY="$key" DCP_JAVA_OPTS="-Ddcp.gateway.rate-limit.enabled=false" \
    ./dcp devnet --port "$port" --data-dir "$data/devnet" "$@" >"$log" 2>&1 &
  devnet_pid=$!
  until grep -q "dcp devnet ready" "$log"; do
    kill -0 "$devnet_pid" 2>/dev/null || { tail -n 30 "$log" >&2; echo "bench/run.sh: the devnet died" >&2; exit 1; }
    sleep 0.05
  done
  ready_after=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}")
}

# memory of the JVM plus the PostgreSQL processes, shared pages counted once (PSS), in MiB
devnet_pss() {
  local pss=0 p s
  # ./dcp execs the JVM, so the launcher's pid is the JVM's
  for p in "$devnet_pid" $(pgrep -f 'embedded-pg/.*/bin/postgres|postgres:' || true); do
    s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    pss=$((pss + s))
  done
  echo $((pss / 1024))
}

field() { sed -nE "$2" "$1" | tail -n 1; }

echo "== fresh devnet"
start_devnet "$out/devnet-fresh.log" --fresh
ready_fresh=$ready_after
echo "ready after $ready_fresh s"
sleep 5   # start-up work settles before memory is read
pss=$(devnet_pss)
echo "JVM + PostgreSQL PSS: $pss MiB"
devnet_java=$(readlink "/proc/$devnet_pid/exe")   # the baseline runs on the JDK the devnet runs on

echo "== the first 200 one-subtask jobs after ready, over the event stream"
"${load[@]}" --mode latency --client sse --jobs 200 --warmup 0 | tee "$out/latency-first.txt"
echo "== the first 50,000 tiny subtasks (5 concurrent jobs of 10,000, redundancy 1)"
"${load[@]}" --mode throughput --jobs 5 --subtasks 10000 --rounds 0 | tee "$out/throughput-first.txt"
echo "== warm: $warm_rounds rounds of 4 x 10,000 tiny subtasks after a warm-up round"
"${load[@]}" --mode throughput --jobs 4 --subtasks 10000 --rounds "$warm_rounds" | tee "$out/throughput-warm.txt"
echo "== warm: one-subtask jobs over the event stream (500 after 100 not counted), and polling"
"${load[@]}" --mode latency --client sse --jobs 500 --warmup 100 | tee "$out/latency-warm.txt"
"${load[@]}" --mode latency --client blocking --jobs 500 --warmup 100 | tee "$out/latency-warm-polling.txt"
echo "== primes in [0, 2e9) on the platform"
"${load[@]}" --mode overhead --rounds 10 | tee "$out/primes-platform.txt"
stop_devnet

echo "== restart on the same state"
start_devnet "$out/devnet-restart.log"
ready_restart=$ready_after
echo "ready after $ready_restart s"
stop_devnet

echo "== primes in [0, 2e9), the same kernel run directly, the devnet stopped"
"$devnet_java" -cp bench/target/benchmarks.jar dev.dcp.bench.PrimesDirect --to 2000000000 --rounds 10 | tee "$out/primes-direct.txt"
direct=$(awk '/^round/ {print $(NF-1)}' "$out/primes-direct.txt" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')

if [ "$ledger" = on ]; then
  ledger_java=(java -cp bench/target/benchmarks.jar dev.dcp.bench.LedgerLoad)
  echo "== ledger, solo, 200,000 signed transactions as fast as possible"
  "${ledger_java[@]}" --transactions 200000 --rate 0 2>&1 | grep -v '^[0-9:. ]*\(WARN\|INFO\)' | tee "$out/ledger-solo.txt"
  echo "== ledger, 4 BFT validators, 40,000 signed transactions as fast as possible"
  "${ledger_java[@]}" --transactions 40000 --rate 0 --consensus bft --validators 4 2>&1 | grep -v '^[0-9:. ]*\(WARN\|INFO\)' | tee "$out/ledger-bft.txt"
fi

platform=$(field "$out/primes-platform.txt" 's/^summary: median round ([0-9.]+) s.*/\1/p')
tx() { [ -f "$1" ] && field "$1" 's/.*: ([0-9,]+) tx\/s committed.*/\1/p' || echo "not run"; }
cat <<TABLE | tee "$out/summary.md"

| measure ($(date -u +%Y-%m-%d), $(nproc) cores) | measured | target |
|---|---|---|
| \`./dcp devnet\` to ready, already built: fresh state / restart | $ready_fresh s / $ready_restart s | ≤ 15 s |
| first 50,000 tiny subtasks after ready, r=1 | $(field "$out/throughput-first.txt" 's/^summary: first round ([0-9,]+) .*/\1/p')/s | ≥ 8,000/s |
| warm, tiny subtasks, r=1 (median of the last 5 of $warm_rounds rounds) | $(field "$out/throughput-warm.txt" 's/.*median of the last [0-9]+ ([0-9,]+) subtasks.*/\1/p')/s | ≥ 15,000/s |
| one-subtask job over SSE, the first 200 jobs after ready | $(field "$out/latency-first.txt" 's/.*event stream\): p50 ([0-9.]+) ms, p90 [0-9.]+ ms, p99 ([0-9.]+) ms.*/p50 \1 ms, p99 \2 ms/p') | p50 ≤ 25 ms, p99 ≤ 80 ms |
| one-subtask job over SSE, warm | $(field "$out/latency-warm.txt" 's/.*event stream\): p50 ([0-9.]+) ms, p90 [0-9.]+ ms, p99 ([0-9.]+) ms.*/p50 \1 ms, p99 \2 ms/p') | p50 ≤ 10 ms, p99 ≤ 40 ms |
| primes [0, 2·10^9): platform ÷ direct, both on $("$devnet_java" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.version = //p') (medians of 10 rounds) | $platform s ÷ $direct s = $(awk "BEGIN {printf \"%.2f\", $platform / $direct}") | ≤ 1.10 |
| ledger, signed tx/s committed, solo, persisted | $(tx "$out/ledger-solo.txt") | ≥ 15,000 |
| ledger, 4 BFT validators on this machine | $(tx "$out/ledger-bft.txt") | ≥ 3,000 |
| devnet JVM + PostgreSQL PSS, 5 s after ready (fresh) | $pss MiB | ≤ 1,024 MiB |
TABLE
echo "logs and this table: $out"
