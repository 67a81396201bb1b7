#!/usr/bin/env bash
# Proves the container image (Containerfile, README "Run it as a container") on this machine, with podman:
# builds it on bases made from Debian's packages (no registry is reachable here; the bases are kept and made
# again only when missing), runs it with a temporary /data and the port on 127.0.0.1, converts a video with
# the local engine, checks /observe/health and the HEALTHCHECK, that nothing in /data belongs to root, that a
# stop (SIGTERM) in the middle of an encode leaves the file in the inbox, and that the next start converts it.
# Prints PASS or FAIL and its time; removes its containers and files also when it fails. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
say() { printf '[container %3ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() { say "FAIL: $*"; exit 1; }

if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v mmdebstrap >/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y podman runc mmdebstrap
fi

work=$(mktemp -d /tmp/mp4drop-container.XXXXXX)
data=$work/data
name=mp4drop-test-$$
image=localhost/mp4drop:test
runtime_base=localhost/mp4drop-base:bookworm
build_base=localhost/mp4drop-build-base:bookworm
# this machine's kernel refuses crun's default ulimits and its cgroup mode (shared/container-notes.md)
printf '[containers]\ndefault_ulimits = []\n' > "$work/containers.conf"
export CONTAINERS_CONF=$work/containers.conf
pm() { podman --runtime=runc --cgroup-manager=cgroupfs "$@"; }
# podman times HEALTHCHECKs with systemd, which is not running here, and says so on stderr at every start and
# stop: that is shown only when the command fails (the HEALTHCHECK is run by hand below)
pm_quiet() { pm "$@" 2>"$work/podman.err" >/dev/null || { cat "$work/podman.err"; return 1; }; }

finish() {
  status=$?
  if [ "$status" -ne 0 ] && pm container exists "$name" 2>/dev/null; then
    say "the container's last log lines:"
    pm logs --tail 30 "$name" 2>&1 | sed 's/^/    /' || true
  fi
  pm rm -f -t 0 "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
  if [ "$status" -eq 0 ]; then
    say "PASS in $((SECONDS - started)) s"
  else
    say "FAIL after $((SECONDS - started)) s"
  fi
}
trap finish EXIT
trap 'exit 1' INT TERM HUP

# --- the bases: Debian bookworm with Java 17, made once and kept ---
if ! pm image exists "$runtime_base"; then
  say "making $runtime_base with mmdebstrap (once)"
  mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless bookworm "$work/base.tar"
  pm import --quiet "$work/base.tar" "$runtime_base" >/dev/null
  rm "$work/base.tar"
fi
if ! pm image exists "$build_base"; then
  say "making $build_base with mmdebstrap (once)"
  mmdebstrap --quiet --variant=minbase --include=openjdk-17-jdk-headless,maven bookworm "$work/build-base.tar"
  pm import --quiet "$work/build-base.tar" "$build_base-plain" >/dev/null
  rm "$work/build-base.tar"
  # Maven in the build stage reaches Maven Central only trusting the certificate authorities this machine
  # adds (update-ca-certificates refreshes Java's trust store too)
  mkdir "$work/ca"
  find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$work/ca/" \;
  printf 'FROM %s\nCOPY . /usr/local/share/ca-certificates/\nRUN update-ca-certificates\n' "$build_base-plain" \
    | pm build -t "$build_base" -f - "$work/ca" > "$work/ca.log" 2>&1 || { cat "$work/ca.log"; fail "no $build_base"; }
  pm untag "$build_base-plain"
fi

# --- the image ---
say "building $image"
previous=$(pm image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
build_started=$SECONDS
# docker format: the OCI format has no HEALTHCHECK
pm build --format docker -t "$image" --build-arg BUILD_BASE="$build_base" --build-arg BASE="$runtime_base" \
  -f Containerfile . > "$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "the image did not build"; }
current=$(pm image inspect --format '{{.Id}}' "$image")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then pm rmi "$previous" >/dev/null 2>&1 || true; fi
size=$(pm image inspect --format '{{.Size}}' "$image")
say "built in $((SECONDS - build_started)) s: $((size / 1000000)) MB"

# --- test videos, made by the image's own FFmpeg ---
mkdir -p "$work/media"
pm run --rm --no-healthcheck --entrypoint /usr/local/bin/ffmpeg -v "$work/media:/media" "$image" -v error \
  -f lavfi -i testsrc2=size=320x240:rate=25:duration=3 -f lavfi -i sine=frequency=440:duration=3 \
  -c:v mpeg4 -q:v 4 -c:a mp2 /media/short.avi
pm run --rm --no-healthcheck --entrypoint /usr/local/bin/ffmpeg -v "$work/media:/media" "$image" -v error \
  -f lavfi -i testsrc2=size=640x480:rate=25:duration=60 -f lavfi -i sine=frequency=440:duration=60 \
  -c:v mpeg4 -q:v 4 -c:a mp2 /media/long.avi

# --- running it ---
puid=4321
pgid=4321
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$data"
# no NEMO_TOKEN and an API address that does not answer (the test talks to nothing beyond this machine): the
# engine "auto" picks the local one, as on a user's machine without a token or network; 480p for speed;
# a shutdown timeout shorter than the long encode, so that a stop catches it in the middle
settings=(-e NEMO_API_URL=http://127.0.0.1:9 -e "MP4DROP_INSTRUCTION=Convert this video to MP4 at 480p, smaller file"
  -e CAMEL_MAIN_SHUTDOWN_TIMEOUT=2 -e MP4DROP_INBOX_STABLE_TIME=1s)
# read-only as Docker's --read-only (no /tmp)
start() {
  pm_quiet run -d --name "$name" --read-only --read-only-tmpfs=false --memory 1g -p "127.0.0.1:$port:8090" \
    -v "$data:/data" "${settings[@]}" "$@" "$image" || fail "the container did not start"
}
# a video dropped as a person would: by its owner, under a hidden name, then renamed
drop() {
  install -o "$puid" -g "$pgid" -m 0644 "$work/media/$1" "$data/inbox/.$1"
  mv "$data/inbox/.$1" "$data/inbox/$1"
}
wait_for() { # seconds, what, the command that succeeds when it is there
  local seconds=$1 what=$2
  local deadline=$((SECONDS + seconds))
  shift 2
  until "$@"; do
    [ "$(pm container inspect --format '{{.State.Running}}' "$name" 2>/dev/null)" = true ] \
      || fail "the container stopped while waiting for $what"
    [ "$SECONDS" -lt "$deadline" ] || fail "no $what within $seconds s"
    sleep 0.2
  done
}
token() { cat "$data/.mp4drop-web-token"; }
http_status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

say "starting it with PUID=$puid PGID=$pgid, /data=$data, port 127.0.0.1:$port"
start -e PUID=$puid -e PGID=$pgid
healthy() {
  [ "$(http_status -H "Authorization: Bearer $(token 2>/dev/null)" "http://127.0.0.1:$port/observe/health")" = 200 ]
}
wait_for 60 "answer on /observe/health" healthy
[[ "$(curl -s -H "Authorization: Bearer $(token)" "http://127.0.0.1:$port/observe/health")" == *'"UP"'* ]] \
  || fail "/observe/health does not say UP"
pm healthcheck run "$name" >/dev/null || fail "the image's HEALTHCHECK does not pass"
[ "$(http_status "http://127.0.0.1:$port/api/status")" = 401 ] || fail "/api/status answers without the token"
[ "$(http_status -H "Authorization: Bearer $(token)" "http://127.0.0.1:$port/api/status")" = 200 ] \
  || fail "/api/status refuses the token"
logs=$(pm logs "$name" 2>&1)
grep -qF "Made the web page's token: $(token) " <<<"$logs" || fail "the made token is not in the log"
grep -qF "Engine: local (" <<<"$logs" || fail "the log does not say the local engine converts"
[ "$(pm exec "$name" cat /proc/1/comm)" = java ] || fail "Java is not PID 1, so it would not get docker stop's SIGTERM"
[ "$(pm exec "$name" stat -c %u:%g /proc/1)" = "$puid:$pgid" ] || fail "mp4drop does not run as $puid:$pgid"
heap=$(pm exec "$name" java -XX:MaxRAMPercentage=50 -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 == "MaxHeapSize" { print $4 }')
[ "$heap" = $((512 * 1024 * 1024)) ] || fail "Java does not size its heap by the 1 GB limit: $heap bytes"
say "up and healthy, Java as PID 1 and $puid:$pgid with a 512 MB heap; the web page needs the token it printed"

drop short.avi
wait_for 120 "outbox/short.mp4" test -s "$data/outbox/short.mp4"
[ -f "$data/archive/short.avi" ] || fail "short.avi is not in the archive"
pm exec "$name" mp4drop status > "$work/status.txt" || { cat "$work/status.txt"; fail "'mp4drop status' failed"; }
say "short.avi converted; 'docker exec ... mp4drop status' answers"

root_owned=$(find "$data" -user 0 -print)
[ -z "$root_owned" ] || fail "files in /data belong to root: $root_owned"
[ "$(stat -c %u:%g "$data/outbox/short.mp4")" = "$puid:$pgid" ] || fail "outbox/short.mp4 is not $puid:$pgid's"
for folder in inbox outbox failed archive batch .mp4drop; do
  [ -d "$data/$folder" ] || fail "/data/$folder was not made"
done
say "every file in /data belongs to $puid:$pgid"

drop long.avi
encoding() { compgen -G "$data/outbox/.*.mp4.part" >/dev/null; }
wait_for 120 "encode of long.avi" encoding
say "stopping it in the middle of the long.avi encode"
stop_started=$SECONDS
pm_quiet stop -t 30 "$name"
exit_code=$(pm container inspect --format '{{.State.ExitCode}}' "$name")
[ "$exit_code" != 137 ] || fail "it did not stop by itself within 30 s (killed)"
say "stopped in $((SECONDS - stop_started)) s (exit code $exit_code)"
[ -f "$data/inbox/long.avi" ] || fail "long.avi is not in the inbox after the stop"
[ ! -e "$data/failed/long.avi" ] || fail "long.avi went to failed/ on a stop"
[ ! -e "$data/outbox/long.mp4" ] || fail "the encode finished before the stop: make the clip longer"
! encoding || fail "the half-written MP4 was left in the outbox"
grep -qF "Stopped converting long.avi because mp4drop is shutting down" <<<"$(pm logs "$name" 2>&1)" \
  || fail "the log does not say long.avi was left for the next run"
pm_quiet rm "$name"

say "starting it again as --user $puid:$pgid"
start --user "$puid:$pgid"
wait_for 300 "outbox/long.mp4" test -s "$data/outbox/long.mp4"
[ ! -e "$data/failed/long.avi" ] || fail "long.avi is in failed/"
[ -z "$(find "$data" -user 0 -print)" ] || fail "files in /data belong to root after the second start"
if grep -qF "Made the web page's token" <<<"$(pm logs "$name" 2>&1)"; then fail "a second token was made"; fi
say "long.avi converted after the restart"
pm_quiet stop -t 30 "$name"
