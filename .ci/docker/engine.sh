# Sourced by .ci/run: a Docker engine of the run's own, on a private socket, stopped by PID on exit with the
# host's network state put back as it was. Images live in a persistent data root, so a warm start takes seconds.
#   DCP_DOCKER_ROOT   where the engine keeps its data (default /var/tmp/dcp-docker)

DCP_DOCKER_ROOT=${DCP_DOCKER_ROOT:-/var/tmp/dcp-docker}
DCP_DOCKER_PID=""

dcp_engine_install() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "docker: installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# true when the process is alive and not a zombie (kill -0 succeeds for zombies here)
dcp_alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

dcp_wait_gone() {
  local pid=$1 seconds=$2
  for _ in $(seq $((seconds * 10))); do dcp_alive "$pid" || return 0; sleep 0.1; done
  return 1
}

dcp_engine_start() {
  mkdir -p "$DCP_DOCKER_ROOT"
  # a containerd left behind by an engine killed hard makes the next dockerd wait 60 s to adopt it
  local stale
  for f in "$DCP_DOCKER_ROOT/docker.pid" "$DCP_DOCKER_ROOT/exec/containerd/containerd.pid"; do
    stale=$(cat "$f" 2>/dev/null || true)
    if [ -n "$stale" ] && dcp_alive "$stale"; then
      kill "$stale" 2>/dev/null || true
      dcp_wait_gone "$stale" 30 || kill -9 "$stale" 2>/dev/null || true
    fi
  done
  DCP_HOST_IP_FORWARD=$(cat /proc/sys/net/ipv4/ip_forward)
  DCP_HOST_FORWARD_POLICY=$(iptables -S FORWARD 2>/dev/null | awk '/^-P FORWARD/ {print $3}')
  dockerd --data-root "$DCP_DOCKER_ROOT/data" --exec-root "$DCP_DOCKER_ROOT/exec" \
    --pidfile "$DCP_DOCKER_ROOT/docker.pid" -H "unix://$DCP_DOCKER_ROOT/docker.sock" --ip 127.0.0.1 \
    >"$DCP_DOCKER_ROOT/dockerd.log" 2>&1 &
  DCP_DOCKER_PID=$!
  export DOCKER_HOST="unix://$DCP_DOCKER_ROOT/docker.sock"
  for _ in $(seq 600); do
    docker version >/dev/null 2>&1 && break
    if ! dcp_alive "$DCP_DOCKER_PID"; then
      tail -n 30 "$DCP_DOCKER_ROOT/dockerd.log" >&2
      echo "docker: dockerd exited during start" >&2
      return 1
    fi
    sleep 0.1
  done
  docker version --format 'docker: engine {{.Server.Version}} on {{.Server.Os}}, pid '"$DCP_DOCKER_PID" || {
    tail -n 30 "$DCP_DOCKER_ROOT/dockerd.log" >&2
    echo "docker: engine did not answer within 60 s" >&2
    return 1
  }
  # Testcontainers sees this machine as a container itself; no reaper (the run removes what it made)
  export TESTCONTAINERS_RYUK_DISABLED=true
  export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
}

# runs as the EXIT trap: every step is best effort (errexit and pipefail off here), and all of them run
dcp_engine_stop() {
  local -
  set +e +o pipefail
  [ -n "$DCP_DOCKER_PID" ] || return 0
  local leftover
  leftover=$(docker ps -aq 2>/dev/null || true)
  [ -z "$leftover" ] || docker rm -f $leftover >/dev/null 2>&1 || true
  docker network prune -f >/dev/null 2>&1 || true
  kill "$DCP_DOCKER_PID" 2>/dev/null || true
  dcp_wait_gone "$DCP_DOCKER_PID" 30 || kill -9 "$DCP_DOCKER_PID" 2>/dev/null || true
  DCP_DOCKER_PID=""
  # dockerd leaves its network namespace handle mounted under the exec root
  grep -o " $DCP_DOCKER_ROOT/exec/[^ ]*" /proc/mounts 2>/dev/null | while read -r mount; do umount "$mount"; done
  ip link delete docker0 2>/dev/null || true
  [ -z "${DCP_HOST_FORWARD_POLICY:-}" ] || iptables -P FORWARD "$DCP_HOST_FORWARD_POLICY" 2>/dev/null || true
  [ -z "${DCP_HOST_IP_FORWARD:-}" ] || echo "$DCP_HOST_IP_FORWARD" > /proc/sys/net/ipv4/ip_forward 2>/dev/null || true
  echo "docker: engine stopped, host network state restored"
  return 0
}
