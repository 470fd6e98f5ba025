#!/usr/bin/env bash
# Builds the services' base image as a docker-archive tarball, without a Docker daemon or a registry:
# a jlink'ed Java runtime of the build's own JDK, the shared libraries it loads (glibc, zlib, ...), /etc/passwd with the
# non-root user 185, a world-writable /tmp. The `images` Maven profile hands it to Quarkus Jib as `tar://<file>`.
#
#   scripts/build-base-image.sh <output.tar>     (does nothing if <output.tar> exists; delete it to rebuild)
set -euo pipefail

out=${1:?usage: build-base-image.sh <output.tar>}
[[ -s "$out" ]] && exit 0
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
[[ -s "$out" ]] && exit 0

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jlink="$java_home/bin/jlink"
[[ -x "$jlink" ]] || jlink=$(command -v jlink)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

# What a Quarkus service uses of the JDK (java.se covers java.desktop's java.beans, used by Hibernate and Jackson).
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.management.agent
modules+=,jdk.naming.dns,jdk.jfr,jdk.localedata,jdk.charsets,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.httpserver
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$root/opt/java"
# the distribution's CA bundle (a JDK packaged by a distribution may keep it outside the JDK)
if [[ -f /etc/ssl/certs/java/cacerts ]]; then
  cp -L /etc/ssl/certs/java/cacerts "$root/opt/java/lib/security/cacerts"
fi

# A server runs headless: drop the windowing, sound and splash-screen libraries (and what they would pull in).
rm -f "$root"/opt/java/lib/{libawt_xawt,libsplashscreen,libjsound,libjawt}.so
# The runtime's shared libraries, copied to the paths the dynamic loader looks for them.
{
  echo "$root/opt/java/bin/java"
  find "$root/opt/java" -name '*.so'
} | while read -r binary; do
  ldd "$binary" 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}'
done | grep -v "^$work/" | sort -u | while read -r lib; do
  cp -L --parents "$lib" "$root"
done

mkdir -p "$root/etc" "$root/tmp" "$root/home/jboss" "$root/work"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:185:jboss:/home/jboss:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\njboss:x:185:\n' >"$root/etc/group"

# One layer, reproducible (sorted, fixed owner and time), and the docker-archive around it.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat >"$work/config.json" <<EOF
{"architecture":"amd64","os":"linux",
 "config":{"User":"185","WorkingDir":"/home/jboss",
  "Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"scripts/build-base-image.sh: jlink ($modules) and its shared libraries"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["ticketsuite/jre-base:17"],"Layers":["layer.tar"]}]' >"$work/manifest.json"
tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -cf "$out.part" manifest.json config.json layer.tar
mv "$out.part" "$out"
echo "base image written: $out ($(du -h "$out" | cut -f1))"
