#!/usr/bin/env bash
# A wordcount over a 1 GiB stored object on a fresh devnet, against the same kernel over the same file read directly
# from disk on every core (issue 18). The direct rounds run first, before the devnet starts; both answers must agree.
# The ratio is platform time ÷ direct time.
#   bench/wordcount-object.sh              # 1 GiB, a warm-up and three rounds each
#   MIB=256 ROUNDS=1 bench/wordcount-object.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18091}
MIB=${MIB:-1024}
ROUNDS=${ROUNDS:-3}
OUT=bench/target/wordcount-object-$(date +%Y%m%d-%H%M%S)
STATE=$(mktemp -d)
mkdir -p "$OUT"
export DCP_ADMIN_KEY=dcp_admin_wordcount_bench_key
[ -f devnet/target/devnet-0.1.0-SNAPSHOT-exec.jar ] && [ -f bench/target/benchmarks.jar ] \
  || ./mvnw -q -B install -DskipTests
load() {
  java -cp bench/target/benchmarks.jar dev.dcp.bench.WordcountObjectLoad --url "http://localhost:$PORT" \
    --admin-key "$DCP_ADMIN_KEY" --mib "$MIB" --rounds "$ROUNDS" --phase "$1"
}
load direct | tee "$OUT/summary.txt"
java -Ddcp.gateway.rate-limit.enabled=false -jar devnet/target/devnet-0.1.0-SNAPSHOT-exec.jar \
  --port "$PORT" --data-dir "$STATE" --fresh > "$OUT/devnet.log" 2>&1 &
DEVNET=$!
trap 'kill $DEVNET 2>/dev/null || true; rm -rf "$STATE"' EXIT
for _ in $(seq 1 180); do grep -q "ready" "$OUT/devnet.log" && break; sleep 1; done
sleep 5
load platform | tee -a "$OUT/summary.txt"
