#!/usr/bin/env bash
# A batch through the cloud, side by side in one run: mp4drop (./run.sh --once, concurrency 4) against the
# seed's serial workflow (bench/serial-workflow.sh: the same API calls, one file after another), both against
# the stand-in API with an agent turn of about 1.5 s and renders that are completed at their third status check,
# checked every second. Goal: mp4drop at least 7 times faster.
# Usage: bench/batch-vs-serial.sh   Knobs (environment): FILES=20 SECONDS_EACH=2 SSE_DELAY_MS=375 (4 events per
#   turn) RENDER_POLLS=3 CONCURRENCY=4 GOAL=7. Exit 0 when both put every file out and the goal is met.
#   KEEP=1 keeps the work folder (logs). Needs curl, jq and bc.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-20}
SECONDS_EACH=${SECONDS_EACH:-2}
SSE_DELAY_MS=${SSE_DELAY_MS:-375}
RENDER_POLLS=${RENDER_POLLS:-3}
CONCURRENCY=${CONCURRENCY:-4}
GOAL=${GOAL:-7}
CP='target/test-classes:target/classes:target/lib/*'
for tool in curl jq bc; do command -v "$tool" >/dev/null || { echo "FAIL: $tool is needed"; exit 2; }; done

work=$(mktemp -d "${TMPDIR:-/tmp}/mp4drop-batch.XXXXXX")
standin_pid=""
cleanup() {
  if [ -n "$standin_pid" ]; then kill "$standin_pid" 2>/dev/null || true; wait "$standin_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

. bench/build.sh

mkdir -p "$work/sources"
for i in $(seq 1 "$FILES"); do
  # a tone of its own makes each file unique (no duplicates)
  java -cp "$CP" mp4drop.standin.TestClip "$work/sources/clip $(printf %02d "$i").avi" "$SECONDS_EACH" 320x240 \
    $((300 + 20 * i)) >/dev/null
done
touch -d '-1 minute' "$work/sources"/*

java -Xmx256m -cp "$CP" mp4drop.standin.NemoStandInServer 0 sse-delay-ms="$SSE_DELAY_MS" render-polls="$RENDER_POLLS" credits=1000000 \
  render-seconds=source >"$work/standin.out" 2>"$work/standin.log" &
standin_pid=$!
for _ in $(seq 300); do grep -q '^listening on ' "$work/standin.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/standin.out")
[ -n "$url" ] || { echo "FAIL: the stand-in did not start"; cat "$work/standin.log"; exit 2; }

seconds_since() { echo "$(date +%s.%N) - $1" | bc; }

# --- the seed's serial workflow ---
mkdir -p "$work/serial/inbox"
cp -p "$work/sources"/* "$work/serial/inbox/"
started=$(date +%s.%N)
bench/serial-workflow.sh "$url" "$work/serial/inbox" "$work/serial/outbox" 1 >"$work/serial.log" 2>&1 || true
serial=$(seconds_since "$started")
serial_done=$(find "$work/serial/outbox" -name '*.mp4' | wc -l)

# --- mp4drop ---
dir="$work/mp4drop"
mkdir -p "$dir/inbox"
cp -p "$work/sources"/* "$dir/inbox/"
started=$(date +%s.%N)
set +e
env MP4DROP_ENGINE=nemo NEMO_API_URL="$url" NEMO_WEB_URL="$url" NEMO_TOKEN= NEMO_CLIENT_ID= \
  MP4DROP_INBOX="$dir/inbox" MP4DROP_OUTBOX="$dir/outbox" MP4DROP_FAILED="$dir/failed" MP4DROP_ARCHIVE="$dir/archive" \
  MP4DROP_STATE="$dir/state" MP4DROP_BATCH="$dir/batch" MP4DROP_CONCURRENCY="$CONCURRENCY" \
  MP4DROP_RENDER_POLL_INTERVAL=1s CAMEL_MANAGEMENT_ENABLED=false MP4DROP_PROGRESS_VIEW=false \
  ./run.sh --once >"$dir/app.log" 2>&1
code=$?
set -e
batch=$(seconds_since "$started")
batch_done=$(find "$dir/outbox" -name '*.mp4' 2>/dev/null | wc -l)

ratio=$(echo "scale=1; $serial / $batch" | bc)
echo "mp4drop batch vs the seed's serial workflow: $FILES files of $SECONDS_EACH s, agent turn $((4 * SSE_DELAY_MS)) ms," \
  "render completed at check $RENDER_POLLS of one a second, $(nproc) cores"
printf 'serial workflow  %6.1f s   %2d of %d done\n' "$serial" "$serial_done" "$FILES"
printf 'mp4drop (x%d)     %6.1f s   %2d of %d done, exit %d\n' "$CONCURRENCY" "$batch" "$batch_done" "$FILES" "$code"
echo "mp4drop is ${ratio}x faster (goal: at least ${GOAL}x)"
if [ "$serial_done" = "$FILES" ] && [ "$batch_done" = "$FILES" ] && [ "$code" = 0 ] \
  && [ "$(echo "$ratio >= $GOAL" | bc)" = 1 ]; then
  echo PASS
else
  echo FAIL; exit 1
fi
