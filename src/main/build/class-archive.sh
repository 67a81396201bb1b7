#!/usr/bin/env bash
# Run by `mvn package` after the jar: one empty `--once` run of the packaged app (web server on, no network,
# folders under target/) with -XX:ArchiveClassesAtExit, so that run.sh can start the JVM from an AppCDS archive
# of the classes a start loads (about a second less on two cores). Never fails the build: without the
# archive run.sh simply starts without it.
set -u
cd "$(dirname "$0")/../../.."
archive=target/mp4drop.jsa
work=target/class-archive
rm -rf "$archive" "$work"
mkdir -p "$work"
for attempt in 1 2 3; do
  port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  # a clean environment: no cluster, token or folder of the user's reaches the training run
  env -i PATH="$PATH" HOME="${HOME:-/tmp}" LANG="${LANG:-C.UTF-8}" \
    MP4DROP_INBOX="$work/inbox" MP4DROP_OUTBOX="$work/outbox" MP4DROP_FAILED="$work/failed" \
    MP4DROP_ARCHIVE="$work/archive" MP4DROP_STATE="$work/state" MP4DROP_BATCH="$work/batch" \
    MP4DROP_CLUSTER_LOCK_FOLDER="$work/cluster" NEMO_API_URL=http://127.0.0.1:9 MP4DROP_PROGRESS_VIEW=false \
    MP4DROP_WEB_PORT="$port" \
    java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -jar target/mp4drop.jar --once \
    >"$work/training.log" 2>&1
  code=$?
  # 2: the port was taken by another program; any other failure will not be mended by another try
  [ "$code" = 2 ] || break
done
if [ "$code" = 0 ] && [ -s "$archive" ]; then
  rm -rf "$work"
  echo "Class archive for a faster start: $archive"
else
  rm -f "$archive"
  echo "No class archive made (exit $code, see $work/training.log): mp4drop starts without it"
fi
exit 0
