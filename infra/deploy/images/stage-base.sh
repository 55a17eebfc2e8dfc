#!/usr/bin/env bash
# Stages what the service images put on top of their base image, made from this machine alone (no registry):
#
#   OUT/jre/opt/java/...   a JRE cut from the local JDK by jlink (every image runs /opt/java/bin/java)
#   OUT/rootfs/...         only for the "scratch" base: the shared libraries that JRE, ONNX Runtime and OpenCV's
#                          natives load (found with ldd on this machine), the dynamic loader, /tmp, a non-root
#                          user and name-service settings, so that the image runs with no base layer at all.
#
# Usage: stage-base.sh OUT [JAR_WITH_NATIVES...]   (idempotent: a finished OUT is reused; delete it to rebuild)
set -euo pipefail

OUT="${1:?usage: stage-base.sh OUT [JAR...]}"; shift
JARS=("$@")
STAMP="$OUT/.complete"
if [[ -f "$STAMP" ]]; then
  echo "stage-base: reusing $OUT" >&2
  exit 0
fi

JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[[ -d "$JAVA_HOME/jmods" ]] || { echo "stage-base: $JAVA_HOME has no jmods; install a full JDK 17 (Debian: openjdk-17-jdk-headless) or set JAVA_HOME" >&2; exit 1; }

# What a Spring Boot service with Kafka (SASL/TLS), JDBC, JMX-based metrics and ImageIO needs; generous on purpose:
# a missing module fails only at run time, in production.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.jfr,\
jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs,jdk.localedata

rm -rf "$OUT"
mkdir -p "$OUT/jre/opt" "$OUT/rootfs"
echo "stage-base: jlink a JRE from $JAVA_HOME" >&2
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --include-locales=en \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$OUT/jre/opt/java"
# jlink links the legal notices; images carry plain files
find "$OUT/jre" -type l | while read -r link; do
  target="$(readlink -f "$link")"; rm "$link"; cp "$target" "$link"
done

# ---- the scratch rootfs: every shared library the JRE and the natives load, as this machine resolves them
ROOT="$OUT/rootfs"
scan="$(mktemp -d)"; trap 'rm -rf "$scan"' EXIT
for jar in "${JARS[@]}"; do
  [[ -f "$jar" ]] && unzip -q -o "$jar" '*linux-x64/*.so*' '*linux/x86_64/*.so*' -d "$scan" 2>/dev/null || true
done
# (AWT's X11 and sound libraries are never loaded by a headless service: their X11/ALSA dependencies stay out)
mapfile -t objects < <(find "$OUT/jre" "$scan" -name '*.so*' -type f \
    ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libjsound.so' ! -name 'libsplashscreen.so';
  echo "$OUT/jre/opt/java/bin/java")
declare -A libs=()
# what ONNX Runtime's and OpenCV's natives link against (ldd of libonnxruntime.so, libopencv_java490.so), in case
# no jar was given: they are unpacked to /tmp at run time, after the image is built
for name in libstdc++.so.6 libgcc_s.so.1 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libz.so.1; do
  # awk reads to the end (no early exit): ldconfig killed by SIGPIPE would fail the script under pipefail
  path="$(/sbin/ldconfig -p | awk -v n="$name" '$1 == n && $2 ~ /x86-64/ && !found { print $NF; found = 1 }')"
  [[ -n "$path" ]] && libs["$path"]=1
done
for obj in "${objects[@]}"; do
  # "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
  while read -r path; do libs["$path"]=1; done < <(ldd "$obj" 2>/dev/null \
      | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
done
for path in "${!libs[@]}"; do
  case "$path" in "$OUT"/*|"$scan"/*) continue ;; esac   # the JRE's own and the jars' own libraries
  mkdir -p "$ROOT$(dirname "$path")"
  cp -L "$path" "$ROOT$path"
done
mkdir -p "$ROOT/tmp" "$ROOT/etc" "$ROOT/home/aoi" "$ROOT/data"
chmod 1777 "$ROOT/tmp"
cat > "$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
aoi:x:65532:65532:aoi:/home/aoi:/sbin/nologin
PASSWD
cat > "$ROOT/etc/group" <<'GROUP'
root:x:0:
aoi:x:65532:
GROUP
echo 'hosts: files dns' > "$ROOT/etc/nsswitch.conf"
# ONNX Runtime (1.29) reads /etc/machine-id when its environment is created; when the file is missing it popen()s a
# shell, which this image does not have, and crashes in fclose(NULL). Any non-empty id avoids that (it only names
# the device in ORT's telemetry); the CA bundle (public certificates) silences its HTTPS warning.
head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$ROOT/etc/machine-id"; echo >> "$ROOT/etc/machine-id"
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  mkdir -p "$ROOT/etc/ssl/certs"; cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/"
fi

du -sh "$OUT/jre" "$ROOT" >&2
touch "$STAMP"
