#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /observe/health from inside the container, healthy on 200. Bash's /dev/tcp,
# since neither base image is sure to have curl or wget.
set -euo pipefail
token=${MP4DROP_WEB_TOKEN:-$(cat /data/.mp4drop-web-token 2>/dev/null || true)}
exec 3<>"/dev/tcp/127.0.0.1/${MP4DROP_WEB_PORT:-8090}"
printf 'GET /observe/health HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n' "$token" >&3
read -r -t 4 status_line <&3
case "$status_line" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "mp4drop's /observe/health answered: ${status_line:-nothing}"; exit 1 ;;
esac
