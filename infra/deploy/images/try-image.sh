#!/usr/bin/env bash
# Runs an image tarball's entrypoint without a container engine, to prove the image starts: extracts the layers into
# a directory and runs the entrypoint there with chroot in new mount and PID namespaces (root and unshare needed),
# as the image's user, with /proc mounted and an empty environment plus the image's own and -e NAME=VALUE ones.
#
#   infra/deploy/images/try-image.sh worker/target/jib-image.tar help
#   infra/deploy/images/try-image.sh -e KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092 -v "$PWD/data:/data" worker/target/jib-image.tar
# (-v HOST:PATH bind-mounts a host directory; the host's network is shared, as with --network host)
set -euo pipefail
envs=()
binds=()
while [[ "${1:-}" == -e || "${1:-}" == -v ]]; do
  if [[ "$1" == -e ]]; then envs+=("$2"); else binds+=("$2"); fi
  shift 2
done
TAR="$(readlink -f "${1:?usage: try-image.sh [-e NAME=VALUE]... IMAGE.tar [ARGS...]}")"; shift
DIR="$(mktemp -d)"; trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR/oci" "$DIR/root/proc"
tar -xf "$TAR" -C "$DIR/oci"
blob() { echo "$DIR/oci/blobs/sha256/${1#sha256:}"; }
digests() { grep -o '"digest" *: *"sha256:[0-9a-f]*"' "$1" | sed 's/.*"\(sha256:[0-9a-f]*\)"/\1/'; }
manifest="$(blob "$(digests "$DIR/oci/index.json" | head -1)")"
mapfile -t all < <(digests "$manifest")          # the config first, then the layers in order
config="$(blob "${all[0]}")"
for layer in "${all[@]:1}"; do tar --warning=no-unknown-keyword -xzf "$(blob "$layer")" -C "$DIR/root"; done
json_list() { tr -d '\n' < "$config" | grep -o "\"$1\" *: *\[[^]]*\]" | sed 's/^[^[]*\[//; s/\]$//' \
  | grep -o '"\([^"\\]\|\\.\)*"' | sed 's/^"//; s/"$//'; }
mapfile -t entry < <(json_list Entrypoint)
mapfile -t image_env < <(json_list Env)
user="$(tr -d '\n' < "$config" | grep -o '"User" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')"
echo "try-image: entrypoint ${entry[*]} as ${user:-root}" >&2
mounts=""
for b in "${binds[@]}"; do
  mkdir -p "$DIR/root/${b#*:}"
  mounts+="mount --bind '${b%%:*}' '$DIR/root/${b#*:}' && "
done
env -i "${image_env[@]}" "${envs[@]}" HOSTNAME=try-image /usr/bin/unshare --mount --pid --fork /bin/bash -c \
  "mount -t proc proc \"\$0/proc\" && $mounts"'exec /usr/sbin/chroot --userspec="$1" "$0" "${@:2}"' \
  "$DIR/root" "${user:-0:0}" "${entry[@]}" "$@"
