# Sourced by .ci/run after engine.sh: the images the run needs, built here from Debian packages and Maven Central
# because this machine reaches no registry. Each carries a label with the hash of its inputs and is rebuilt only
# when they change, so a warm engine skips all of it.
DCP_IMAGES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/images"

dcp_image_inputs() { # label of an image, or nothing
  docker image inspect -f '{{index .Config.Labels "dcp.inputs"}}' "$1" 2>/dev/null || true
}

dcp_hash() { # hash of the named files and directories plus any extra words
  local words=$1; shift
  { printf '%s\n' "$words"; find "$@" -type f -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16
}

# debootstrap's minimal bookworm, with the updates and security suites, imported as an image
dcp_image_debian() {
  local name=dcp-ci/debian:bookworm inputs
  inputs=$(dcp_hash "debootstrap minbase bookworm v1" "${BASH_SOURCE[0]}")
  [ "$(dcp_image_inputs "$name")" = "$inputs" ] && return 0
  echo "images: $name (debootstrap, about a minute)"
  local rootfs="$DCP_DOCKER_ROOT/rootfs"
  rm -rf "$rootfs"; mkdir -p "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$DCP_DOCKER_ROOT/debootstrap.log" 2>&1 || {
    tail -n 20 "$DCP_DOCKER_ROOT/debootstrap.log" >&2; return 1; }
  cat > "$rootfs/etc/apt/sources.list" <<'LIST'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
LIST
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' --change "LABEL dcp.inputs=$inputs" - "$name" >/dev/null
  rm -rf "$rootfs"
}

# an image from a Dockerfile directory on a base; extra context files may be added by the caller in $3
dcp_image_build() {
  local name=$1 dir=$2 base=$3 extra=${4:-} inputs context
  inputs=$(dcp_hash "$(docker image inspect -f '{{.Id}}' "$base") $extra" "$dir")
  [ "$(dcp_image_inputs "$name")" = "$inputs" ] && return 0
  echo "images: $name"
  context=$(mktemp -d)
  cp -r "$dir"/. "$context"/
  [ -z "$extra" ] || cp -r "$extra" "$context"/
  local log="$DCP_DOCKER_ROOT/build-$(basename "$dir").log"
  # the legacy builder (no BuildKit in Debian's 20.10): hence RUN chmod rather than COPY --chmod in the Dockerfiles
  DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$base" --label "dcp.inputs=$inputs" \
    -t "$name" "$context" >"$log" 2>&1 || { tail -n 30 "$log" >&2; rm -rf "$context"; return 1; }
  rm -rf "$context"
}

dcp_images_build() {
  local started=$SECONDS kafka_version libs
  dcp_image_debian
  dcp_image_build dcp-ci/jre:17 "$DCP_IMAGES_DIR/jre" dcp-ci/debian:bookworm
  dcp_image_build dcp-ci/postgres:15 "$DCP_IMAGES_DIR/postgres" dcp-ci/debian:bookworm
  kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$DCP_IMAGES_DIR/kafka/pom.xml")
  libs="$DCP_DOCKER_ROOT/kafka-libs/libs"
  if [ ! -f "$libs/kafka_2.13-$kafka_version.jar" ]; then
    rm -rf "$libs"
    ./mvnw -B -q -ntp -f "$DCP_IMAGES_DIR/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$libs"
  fi
  dcp_image_build "dcp-ci/kafka:$kafka_version" "$DCP_IMAGES_DIR/kafka" dcp-ci/jre:17 "$libs"
  # what the tests, Jib and docker-compose take instead of the public images
  export DCP_POSTGRES_IMAGE=dcp-ci/postgres:15
  export DCP_KAFKA_IMAGE="dcp-ci/kafka:$kafka_version"
  export DCP_JRE_IMAGE=docker://dcp-ci/jre:17
  echo "images: ready in $((SECONDS - started)) s ($DCP_POSTGRES_IMAGE, $DCP_KAFKA_IMAGE, ${DCP_JRE_IMAGE#docker://})"
}
