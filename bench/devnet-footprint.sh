#!/usr/bin/env bash
# Measures the devnet: time from `./dcp devnet` to "ready", and the memory of everything it runs
# (the JVM plus the PostgreSQL processes), as RSS and as PSS (shared pages counted once).
# Usage: bench/devnet-footprint.sh [--fresh]   (run from the repository root; builds first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
./dcp devnet --help >/dev/null   # builds if needed, so the build is not timed
out=$(mktemp)
start=$(date +%s.%N)
./dcp devnet --port "${PORT:-8080}" "$@" >"$out" 2>&1 &
launcher=$!
until grep -q "dcp devnet ready" "$out"; do
  kill -0 $launcher 2>/dev/null || { cat "$out"; echo "devnet died" >&2; exit 1; }
  sleep 0.1
done
ready=$(date +%s.%N)
sleep 5   # let start-up work settle before reading memory
java_pid=$(pgrep -f 'devnet-.*-exec.jar' | head -n 1)
pids="$java_pid $(pgrep -f 'embedded-pg/.*/bin/postgres|postgres:' | tr '\n' ' ')"
rss=0; pss=0
for p in $pids; do
  r=$(awk '/^VmRSS/ {print $2}' /proc/$p/status 2>/dev/null || echo 0)
  s=$(awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup 2>/dev/null || echo 0)
  rss=$((rss + r)); pss=$((pss + s))
done
jvm_rss=$(awk '/^VmRSS/ {print $2}' /proc/$java_pid/status)
printf 'start to ready: %.1f s\n' "$(awk "BEGIN {print $ready - $start}")"
printf 'JVM RSS: %d MiB; JVM + PostgreSQL: RSS %d MiB, PSS %d MiB\n' $((jvm_rss / 1024)) $((rss / 1024)) $((pss / 1024))
t0=$(date +%s.%N)
kill -TERM $launcher
wait $launcher || true
printf 'stop: %.1f s; processes left: %d\n' "$(awk "BEGIN {print $(date +%s.%N) - $t0}")" \
  "$(pgrep -fc 'devnet-.*-exec.jar|embedded-pg/' || true)"
rm -f "$out"
