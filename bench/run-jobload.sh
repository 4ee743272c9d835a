#!/usr/bin/env bash
# run-jobload.sh DEVNET_JAR BENCH_JAR LABEL: a fresh devnet from DEVNET_JAR on port 18081, then JobLoad from
# BENCH_JAR against it (throughput rounds of 4 x 10,000 tiny subtasks, then one-subtask jobs for latency), then
# the devnet stopped. Two builds compared side by side: run it for each, in turn, on an otherwise idle machine.
set -euo pipefail
devnet_jar=$1 bench_jar=$2 label=$3
data=$(mktemp -d /tmp/jobload-XXXXXX)
log=/tmp/jobload-$label-devnet.log
# the gateway's per-key rate limit (100 requests/s) would measure itself, not the platform: off for the load tenant
DCP_ADMIN_KEY=dcp_admin_bench_key java -XX:+ExitOnOutOfMemoryError -Ddcp.gateway.rate-limit.enabled=false -jar "$devnet_jar" --fresh --data-dir "$data" \
  --port 18081 > "$log" 2>&1 &
devnet=$!
trap 'kill $devnet 2>/dev/null; wait $devnet 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 90); do grep -q "ready" "$log" && break; sleep 2; done
grep -q "ready" "$log" || { echo "the devnet did not start; see $log" >&2; exit 1; }
load="java -cp $bench_jar dev.dcp.bench.JobLoad --url http://localhost:18081 --admin-key dcp_admin_bench_key"
echo "== $label: throughput"
$load --mode throughput --rounds ${ROUNDS:-12}
echo "== $label: latency (the first run warms up)"
for _ in 1 2; do $load --mode latency --jobs 500 --client blocking; done
