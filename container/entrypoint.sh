#!/usr/bin/env bash
# The image's entrypoint, and its "mp4drop" command (docker exec <container> mp4drop status): /data made ready
# for the operator's user, the web page's token, then mp4drop as that user in this process (exec), so that
# docker stop's SIGTERM reaches Java and files in flight can finish.
set -euo pipefail

say() { printf '%s %-5s %s\n' "$(date +%H:%M:%S)" "$1" "$2" >&2; }

# Started as root (the default): /data is handed to PUID:PGID and mp4drop runs as them, never as root.
# Started with --user: that user must be able to write /data already.
if [ "$(id -u)" = 0 ]; then
  for id in "${PUID:-}" "${PGID:-}"; do
    case "$id" in
      '' | *[!0-9]*)
        say ERROR "PUID and PGID must be numbers (your video folder's owner: 'id -u', 'id -g'), not '$id'"
        exit 2 ;;
    esac
  done
  # only /data itself: the videos and folders under it keep their owners. A share that refuses root's chown
  # (NFS with root_squash) may still be writable by them: the check below says when it is not.
  if [ "$(stat -c %u:%g /data)" != "$PUID:$PGID" ]; then
    chown "$PUID:$PGID" /data || say WARN "Could not hand /data to $PUID:$PGID, who must be able to write it"
  fi
  exec setpriv --reuid="$PUID" --regid="$PGID" --clear-groups "$0" "$@"
fi

if [ ! -w /data ]; then
  say ERROR "/data is not writable by user $(id -u): chown it to that user, or start as root with PUID and PGID"
  exit 2
fi

# The page listens on every address of the container, so it needs a token: one made on the first start is
# printed once and kept beside the videos, so that the next start (and a second instance) uses the same.
token_file=/data/.mp4drop-web-token
if [ -z "${MP4DROP_WEB_TOKEN:-}" ]; then
  if [ ! -s "$token_file" ]; then
    made=$(mktemp /data/.mp4drop-web-token.XXXXXX)
    head -c 24 /dev/urandom | base64 | tr '+/' '-_' > "$made"
    # a link never replaces a file, so two instances starting at once agree on the token that won
    ln "$made" "$token_file" 2>/dev/null || true
    if cmp -s "$made" "$token_file"; then
      say INFO "Made the web page's token: $(cat "$token_file") (kept in $token_file, shown only now)"
    fi
    rm -f "$made"
  fi
  MP4DROP_WEB_TOKEN=$(cat "$token_file")
  export MP4DROP_WEB_TOKEN
fi

# Java's temporary files (the web server's cache) go to the state folder: the image may be read-only
java_tmp=${MP4DROP_STATE:-/data/.mp4drop}/tmp
mkdir -p "$java_tmp"
# the heap follows the container's memory limit; half of it, since FFmpeg's encodes need memory beside it
exec java -XX:MaxRAMPercentage=50 -XX:-UsePerfData -Djava.io.tmpdir="$java_tmp" ${MP4DROP_JAVA_OPTS:-} \
  -jar /app/mp4drop.jar "$@"
