#!/usr/bin/env bash
# Upload and download of one large object through a fresh devnet's gateway (issue 18), with the devnet JVM's live
# heap (the total of a class histogram, which collects first) sampled while the bytes move.
#   bench/objects.sh            # 1 GiB, two timed rounds, then one round with live-heap samples
#   MIB=300 ROUNDS=1 bench/objects.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18090}
MIB=${MIB:-1024}
ROUNDS=${ROUNDS:-2}
OUT=bench/target/objects-$(date +%Y%m%d-%H%M%S)
STATE=$(mktemp -d)
mkdir -p "$OUT"
export DCP_ADMIN_KEY=dcp_admin_objects_bench_key
[ -f devnet/target/devnet-0.1.0-SNAPSHOT-exec.jar ] && [ -f bench/target/benchmarks.jar ] \
  || ./mvnw -q -B install -DskipTests
java -Ddcp.gateway.rate-limit.enabled=false -jar devnet/target/devnet-0.1.0-SNAPSHOT-exec.jar \
  --port "$PORT" --data-dir "$STATE" --fresh > "$OUT/devnet.log" 2>&1 &
DEVNET=$!
trap 'kill $DEVNET 2>/dev/null || true; rm -rf "$STATE"' EXIT
for _ in $(seq 1 180); do grep -q "ready" "$OUT/devnet.log" && break; sleep 1; done
sleep 5
live() { jcmd "$DEVNET" GC.class_histogram | tail -1 | awk '{printf "%.0f", $3 / 1048576}'; }
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$DEVNET/status"; }
echo "idle: live heap $(live) MiB, RSS $(rss) MiB"
load() {
  java -cp bench/target/benchmarks.jar dev.dcp.bench.ObjectLoad --url "http://localhost:$PORT" \
    --admin-key "$DCP_ADMIN_KEY" --mib "$MIB" --rounds "$1"
}
( while kill -0 $DEVNET 2>/dev/null; do rss; echo; sleep 1; done ) > "$OUT/rss.txt" &
load "$ROUNDS"
( while kill -0 $DEVNET 2>/dev/null; do live; echo; sleep 4; done ) > "$OUT/live.txt" &
SAMPLER=$!
load 1
kill $SAMPLER
echo "during the transfers: live heap max $(sort -n "$OUT/live.txt" | tail -1) MiB over $(wc -l < "$OUT/live.txt") samples," \
  "RSS max $(sort -n "$OUT/rss.txt" | tail -1) MiB"
