#!/usr/bin/env bash
# Builds the services' OCI images with Jib (no Docker daemon):
#   worker (CPU), worker-gpu (onnxruntime_gpu), persister, producer, console
# to tarballs (<module>/target/jib-image.tar, worker/target/jib-image-gpu.tar) or, with --push PREFIX, to a registry.
#
#   infra/deploy/images/build-images.sh                      # tarballs, base made here (no registry needed)
#   infra/deploy/images/build-images.sh --registry-base      # tarballs on the registry bases (must be pullable)
#   infra/deploy/images/build-images.sh --push registry.example.com/aoi/   # push, registry bases
#   options: --only worker|worker-gpu|persister|producer|console (repeatable), --tag TAG
#
# Bases: "local" = scratch + a JRE jlinked from this JDK + the shared libraries it and the natives need (ldd);
# "registry" = debian:bookworm-slim (CPU) and nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 (GPU), plus the same
# jlinked JRE. Override with AOI_IMAGE_BASE / AOI_IMAGE_BASE_GPU. Registry credentials come from the environment
# or a credential helper (Jib: -Djib.to.auth.username/password or ~/.docker/config.json), never from the poms.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
BASE=local
PREFIX=""
TAG=""
ONLY=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --registry-base) BASE=registry ;;
    --push) BASE=registry; PREFIX="${2:?--push needs a registry prefix like registry.example.com/aoi/}"; shift ;;
    --only) ONLY+=("${2:?}"); shift ;;
    --tag) TAG="${2:?}"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "build-images: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ ${#ONLY[@]} -eq 0 ]] && ONLY=(worker persister producer console worker-gpu)
wants() { local x; for x in "${ONLY[@]}"; do [[ "$x" == "$1" ]] && return 0; done; return 1; }
[[ -n "$PREFIX" && "$PREFIX" != */ ]] && PREFIX="$PREFIX/"

STAGE="$ROOT/target/image-base"
"$ROOT/infra/deploy/images/stage-base.sh" "$STAGE"

common=(-B -ntp -DskipTests -Daoi.image.stage="$STAGE")
[[ -n "$TAG" ]] && common+=(-Daoi.image.tag="$TAG")
if [[ -n "$PREFIX" ]]; then
  common+=(-Daoi.image.push.skip=false -Daoi.image.prefix="$PREFIX")
else
  common+=(-Daoi.image.tar.skip=false)
fi
if [[ "$BASE" == local ]]; then
  cpu_base=(-Daoi.image.base=scratch -Daoi.image.rootfs="$STAGE/rootfs")
  gpu_base=("${cpu_base[@]}")
else
  cpu_base=(-Daoi.image.base="${AOI_IMAGE_BASE:-debian:bookworm-slim}")
  gpu_base=(-Daoi.image.base="${AOI_IMAGE_BASE_GPU:-nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04}")
fi

modules=()
for m in worker persister producer console; do wants "$m" && modules+=("$m"); done
if [[ ${#modules[@]} -gt 0 ]]; then
  # '!gpu': the CPU images carry the CPU build of ONNX Runtime even on a machine where the gpu profile turns itself on
  (IFS=,; set -x; ./mvnw "${common[@]}" "${cpu_base[@]}" -P '!gpu' -pl "${modules[*]}" -am package)
fi
if wants worker-gpu; then
  # the same worker with onnxruntime_gpu; its image name gets the -gpu suffix and its own tarball
  (set -x; ./mvnw "${common[@]}" "${gpu_base[@]}" -Pgpu -Daoi.image.suffix=-gpu -pl worker -am package)
fi
[[ -z "$PREFIX" ]] && ls -l */target/jib-image*.tar 2>/dev/null || true
if [[ -z "$PREFIX" ]]; then
  # check what was built: entrypoint, user, port, layers, JRE, no secret inside
  (set -x; ./mvnw -q -B -ntp -pl infra -am test -Dtest=ImageTarballTest -Daoi.test.excludedGroups=none)
  echo "run one: infra/deploy/images/try-image.sh worker/target/jib-image.tar help" >&2
fi
exit 0
