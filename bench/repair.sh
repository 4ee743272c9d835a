#!/usr/bin/env bash
# Time to repair one worker's lost shards (issue 18): a fresh devnet of four storage workers keeps one object
# (k=2, m=1); one worker's shard files are wiped; audits find them gone, its provider is slashed, and the repair
# rebuilds them from the survivors onto the other workers. Prints the time from the wipe until every segment is
# back to k + m healthy shards, and the shard bytes rebuilt.
#   bench/repair.sh             # a 1 GiB object
#   MIB=256 bench/repair.sh
#   AUDITS=32 bench/repair.sh   # a gentler audit schedule: finding the loss takes longer
#   SLASH=0.1 bench/repair.sh    # the default slash: the devnet's one provider is shut out before the repair ends
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18091}
MIB=${MIB:-1024}
AUDITS=${AUDITS:-256}   # shards challenged per one-second audit round
# Every failed shard audit slashes the provider, and the devnet's four workers are one provider: at the default 10 %
# a slash, the 192 failed audits of a 1 GiB object's wiped worker take its stake under the minimum, the bus then shuts
# out all four workers (the survivors too), and nothing can be repaired. On a real network the survivors belong to
# other providers; a small slash keeps the devnet's one provider in, so the figure is the repair's.
SLASH=${SLASH:-0.001}
OUT=bench/target/repair-$(date +%Y%m%d-%H%M%S)
STATE=$(mktemp -d)
mkdir -p "$OUT"
[ -f devnet/target/devnet-0.1.0-SNAPSHOT-exec.jar ] || ./mvnw -q -B install -DskipTests
# audits and repairs every second, every shard audited within a few rounds: the figure is the repair's, not the
# schedule's (the defaults audit 16 shards each 30 s)
java -Ddcp.gateway.rate-limit.enabled=false -Ddcp.storage.audit-every=1s -Ddcp.storage.repair-every=1s \
  -Ddcp.storage.audits-per-round="$AUDITS" -Ddcp.contract.slash-fraction="$SLASH" \
  -jar devnet/target/devnet-0.1.0-SNAPSHOT-exec.jar --port "$PORT" --data-dir "$STATE" --workers 4 --fresh \
  > "$OUT/devnet.log" 2>&1 &
DEVNET=$!
trap 'kill $DEVNET 2>/dev/null || true; rm -rf "$STATE"' EXIT
for _ in $(seq 1 180); do grep -q "ready" "$OUT/devnet.log" && break; sleep 1; done
ADMIN=$(awk '/admin key/ {print $3; exit}' "$OUT/devnet.log")
URL=http://localhost:$PORT
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
TENANT=$(curl -sf -X POST "$URL/api/v1/tenants" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"repair-bench","role":"consumer"}')
ID=$(echo "$TENANT" | json "['id']"); KEY=$(echo "$TENANT" | json "['apiKey']")
curl -sf -X POST "$URL/api/v1/tenants/$ID/deposits" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"amount":10000000000}' > /dev/null
for _ in $(seq 1 60); do
  n=$(curl -sf "$URL/api/v1/workers" -H "Authorization: Bearer $ADMIN" \
    | json "['items']" | python3 -c "import ast,sys; print(sum(1 for w in ast.literal_eval(sys.stdin.read()) if w['status']=='ONLINE' and w['eligible'] and w['storageBytes']>0))")
  [ "$n" = 4 ] && break; sleep 1
done
head -c "$((MIB << 20))" /dev/urandom > "$STATE/object"
CID=$(curl -sf -X POST "$URL/api/v1/objects?k=2&m=1&days=1" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/octet-stream' -T "$STATE/object" | json "['cid']")
status() { curl -sf "$URL/api/v1/objects/$CID/status" -H "Authorization: Bearer $KEY"; }
for _ in $(seq 1 60); do status | grep -q '"fullyRedundant":true' && break; sleep 1; done
VICTIM=$(ls -S "$STATE/workers" | head -1)
for w in "$STATE"/workers/*/; do
  n=$(find "$w/shards" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l)
  [ "$n" -gt 0 ] && VICTIM=$w && break
done
LOST=$(find "$VICTIM/shards" -maxdepth 1 -type f ! -name '.*' | wc -l)
BYTES=$(find "$VICTIM/shards" -maxdepth 1 -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
# the victim's worker id, from where the status view places the shards whose files it holds
WORKER=$(find "$VICTIM/shards" -maxdepth 1 -type f ! -name '.*' -printf '%f\n' | head -1 | python3 -c "
import json,sys
name=sys.stdin.read().strip(); seg,shard=map(int,name.rsplit('-',2)[1:])
s=json.loads(open('/dev/fd/3').read())
print(next(p['workerId'] for p in s['placements'] if p['segment']==seg and p['shard']==shard))" 3< <(status))
START=$(date +%s.%N)
find "$VICTIM/shards" -maxdepth 1 -type f ! -name '.*' -delete
# done when no shard is on the wiped worker any more and every segment has k + m healthy shards
until status | python3 -c "
import json,sys
s=json.load(sys.stdin)
ok=s['health']['fullyRedundant'] and all(p['verdict'] in ('STORED','PASSED') and p['workerId']!='$WORKER' for p in s['placements'])
sys.exit(0 if ok else 1)"; do sleep 0.5; done
END=$(date +%s.%N)
python3 - "$START" "$END" "$LOST" "$BYTES" "$MIB" "$AUDITS" "$SLASH" <<'PY'
import sys
start, end, lost, size, mib = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
t = end - start
print(f"object {mib} MiB (k=2, m=1, 4 workers, audits {sys.argv[6]} a second, slash {sys.argv[7]}): {lost} shards ({size / 2**20:.0f} MiB) of one worker wiped,"
      f" all back to k + m in {t:.1f} s = {t / (size / 2**30):.1f} s per GiB of lost shards,"
      f" {t / (mib / 1024):.1f} s per GiB of object")
PY
