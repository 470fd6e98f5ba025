#!/usr/bin/env bash
# Stand-in for the docker CLI, for Quarkus Jib (`quarkus.jib.docker-executable-name` in the `images` profile).
# Quarkus Jib can push to a registry or `docker load` an image into a daemon, but cannot write a tarball itself: this
# answers `docker info` and saves the archive that Jib streams to `docker load` to $TS_IMAGE_TARBALL instead.
set -euo pipefail
case "${1:-}" in
  info)
    echo '{"OSType":"linux","Architecture":"x86_64"}'
    ;;
  load)
    out=${TS_IMAGE_TARBALL:?TS_IMAGE_TARBALL names the tarball to write}
    mkdir -p "$(dirname "$out")"
    cat >"$out.part"
    mv "$out.part" "$out"
    echo "Loaded image: written to $out"
    ;;
  *)
    echo "jib-docker-shim: no Docker daemon here; unsupported: docker $*" >&2
    exit 1
    ;;
esac
