#!/usr/bin/env bash
# Checks the image tarballs that `./mvnw -B package -Pimages -DskipTests` writes to target/images/: for each service,
# the image is named <image.group>/<service>:<version> (the parent pom's properties), its entrypoint runs the Quarkus
# application with java from the image's PATH and container-sized heap flags, it runs as a non-root user (185), it
# exposes the service's HTTP port (quarkus.http.port), and its layers hold quarkus-run.jar, the service's own jar and
# the Java runtime; run as root, it also starts the image's JVM (java -version in a chroot of the unpacked layers, as
# user 185). Exits non-zero naming every failed check.
#
#   scripts/check-images.sh [service ...]      (default: the six services)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
services=("$@")
if [[ ${#services[@]} -eq 0 ]]; then
  services=(intake-service triage-service routing-service sla-service notification-service reporting-service)
fi

exec python3 - "$root" "${services[@]}" <<'PY'
import json, os, re, shutil, subprocess, sys, tarfile, tempfile, xml.etree.ElementTree as ET
from pathlib import Path

root = Path(sys.argv[1])
services = sys.argv[2:]
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
pom = ET.parse(root / "pom.xml").getroot()
version = pom.find("m:version", ns).text
group = pom.find("m:properties/m:image.group", ns).text
failures = []
passed = 0
can_boot = os.geteuid() == 0 and shutil.which("chroot") and shutil.which("mount")

def boot_java(tarball, manifest, path, user):
    """Unpacks the layers and runs `java -version` inside them (chroot, as the image's user, /proc bound)."""
    root = Path(tempfile.mkdtemp(prefix="ts-image-"))
    try:
        with tarfile.open(tarball) as image:
            for name in manifest["Layers"]:
                with tarfile.open(fileobj=image.extractfile(name)) as layer:
                    layer.extractall(root)
        (root / "proc").mkdir(exist_ok=True)
        subprocess.run(["mount", "--bind", "/proc", str(root / "proc")], check=True)
        try:
            run = subprocess.run([shutil.which("chroot"), f"--userspec={user}:{user}", str(root), "java", "-XX:MaxRAMPercentage=75",
                                  "-version"], env={"PATH": path}, capture_output=True, text=True, timeout=60)
        finally:
            subprocess.run(["umount", str(root / "proc")], check=False)
        return run.returncode == 0 and "OpenJDK" in run.stderr, \
            f"the image's java does not start as user {user}: {run.stderr.strip()[:300]}"
    finally:
        shutil.rmtree(root, ignore_errors=True)

def check(service, ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(f"{service}: {what}")

for service in services:
    tarball = root / "target" / "images" / f"{service}.tar"
    if not tarball.is_file():
        check(service, False, f"no image tarball at {tarball} (run ./mvnw -B package -Pimages -DskipTests)")
        continue
    props = (root / service / "src/main/resources/application.properties").read_text()
    port = re.search(r"^quarkus\.http\.port=(\d+)\s*$", props, re.M).group(1)
    with tarfile.open(tarball) as image:
        manifest = json.load(image.extractfile("manifest.json"))[0]
        config = json.load(image.extractfile(manifest["Config"]))
        layers = []
        for name in manifest["Layers"]:
            with tarfile.open(fileobj=image.extractfile(name)) as layer:
                layers.append({m.name.lstrip("./").rstrip("/") for m in layer.getmembers()})
    files = set().union(*layers)
    c = config["config"]
    expected = f"{group}/{service}:{version}"
    check(service, manifest.get("RepoTags") == [expected], f"named {manifest.get('RepoTags')}, expected {expected}")
    check(service, config.get("os") == "linux" and config.get("architecture") == "amd64", "not linux/amd64")
    check(service, len(config["rootfs"]["diff_ids"]) == len(layers), "layer count differs from rootfs.diff_ids")
    user = c.get("User", "")
    check(service, user.split(":")[0] == "185", f"runs as user '{user}', expected the non-root 185")
    entrypoint = c.get("Entrypoint") or []
    check(service, entrypoint[:1] == ["java"] and entrypoint[-2:] == ["-jar", "quarkus-run.jar"],
          f"entrypoint {entrypoint} does not run java -jar quarkus-run.jar")
    check(service, any(a.startswith("-XX:MaxRAMPercentage=") for a in entrypoint),
          "entrypoint sets no -XX:MaxRAMPercentage (heap sized from the container's memory limit)")
    path = next((e.split("=", 1)[1] for e in c.get("Env", []) if e.startswith("PATH=")), "")
    check(service, any(f"{d.strip('/')}/java" in files for d in path.split(":")),
          f"no java on the image's PATH ({path})")
    check(service, list(c.get("ExposedPorts", {})) == [f"{port}/tcp"],
          f"exposes {list(c.get('ExposedPorts', {}))}, expected {port}/tcp (quarkus.http.port)")
    workdir = c.get("WorkingDir", "").strip("/")
    check(service, f"{workdir}/quarkus-run.jar" in files, f"no {workdir}/quarkus-run.jar in any layer")
    app_jar = f"{workdir}/app/{service}-{version}.jar"
    check(service, app_jar in files, f"the application jar {app_jar} is in no layer")
    check(service, any(f.startswith(f"{workdir}/lib/main/io.ticketsuite.service-kit-") for f in files),
          "the service kit is in no layer")
    print(f"{service}: {expected}, user {user}, port {port}, {len(layers)} layers, entrypoint {' '.join(entrypoint)}")
    if can_boot:
        check(service, *boot_java(tarball, manifest, path, user))
    else:
        print(f"{service}: the image's JVM was not started (needs root for chroot; CI runs as root)")

for failure in failures:
    print("FAILED " + failure)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
PY
