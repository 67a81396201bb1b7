#!/usr/bin/env bash
# The hybrid engine's wall time: a mixed batch of real-length videos (made with lavfi) converted three ways by
# the packaged app (./run.sh --once):
#   hybrid - the cloud (the stand-in, whose account runs out of credits after two files), the rest locally
#   local  - the local engine (FFmpeg) alone
#   cloud  - the cloud alone, with enough credits (the stand-in renders at once: this measures mp4drop's side)
# Usage: bench/hybrid.sh   Knobs (environment): FILES=20 SECONDS_MIN=10 SECONDS_MAX=30 SIZE=720x480
#   INSTRUCTION (default: the app's, 1080p). On 2 shared cores the local runs take long: shorter files
#   (SECONDS_MIN=2 SECONDS_MAX=6) give the same comparison sooner. Exit 0 when every run put every file in
#   the outbox, 1 otherwise. Set KEEP=1 to keep the work folder (logs).
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-20}
SECONDS_MIN=${SECONDS_MIN:-10}
SECONDS_MAX=${SECONDS_MAX:-30}
SIZE=${SIZE:-720x480}
CP='target/test-classes:target/classes:target/lib/*'

work=$(mktemp -d "${TMPDIR:-/tmp}/mp4drop-hybrid.XXXXXX")
standin_pid=""
stop_standin() {
  if [ -n "$standin_pid" ]; then kill "$standin_pid" 2>/dev/null || true; wait "$standin_pid" 2>/dev/null || true; fi
  standin_pid=""
}
cleanup() {
  stop_standin
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

. bench/build.sh

# --- the batch: FILES videos of SECONDS_MIN..SECONDS_MAX seconds, lengths mixed ---
mkdir -p "$work/sources"
total_seconds=0
for i in $(seq 1 "$FILES"); do
  # lengths spread over the range in a mixed order; a tone of its own makes each file unique (no duplicates)
  length=$(( SECONDS_MIN + (i * 7919 % 1000) * (SECONDS_MAX - SECONDS_MIN) / 999 ))
  total_seconds=$(( total_seconds + length ))
  java -cp "$CP" mp4drop.standin.TestClip "$work/sources/tape $(printf %02d "$i").avi" "$length" "$SIZE" $((300 + 20 * i))
done
touch -d '-1 minute' "$work/sources"/*
ffmpeg_bin=$(ls target/test-state/bin/ffmpeg-* 2>/dev/null | head -1 || true)
echo "batch: $FILES files, $total_seconds s of ${SIZE} video in all ($(du -sh "$work/sources" | cut -f1))"

start_standin() {   # $@: stand-in options
  java -Xmx256m -cp "$CP" mp4drop.standin.NemoStandInServer 0 "$@" >"$work/standin.out" 2>>"$work/standin.log" &
  standin_pid=$!
  for _ in $(seq 300); do grep -q '^listening on ' "$work/standin.out" 2>/dev/null && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$work/standin.out")
  [ -n "$url" ] || { echo "FAIL: the stand-in did not start"; cat "$work/standin.log"; exit 1; }
}

failures=0
results=()
run_case() {   # $1: name, $2: engine
  local name=$1 engine=$2 dir="$work/$1"
  mkdir -p "$dir/inbox"
  cp -p "$work/sources"/* "$dir/inbox/"
  local started elapsed code
  started=$(date +%s.%N)
  set +e
  env MP4DROP_ENGINE="$engine" NEMO_API_URL="${url:-http://127.0.0.1:9}" NEMO_WEB_URL="${url:-http://127.0.0.1:9}" \
    NEMO_TOKEN= NEMO_CLIENT_ID= MP4DROP_FFMPEG="$ffmpeg_bin" ${INSTRUCTION:+MP4DROP_INSTRUCTION="$INSTRUCTION"} \
    MP4DROP_INBOX="$dir/inbox" MP4DROP_OUTBOX="$dir/outbox" MP4DROP_FAILED="$dir/failed" \
    MP4DROP_ARCHIVE="$dir/archive" MP4DROP_STATE="$dir/state" MP4DROP_BATCH="$dir/batch" \
    MP4DROP_INBOX_STABLE_TIME=300ms MP4DROP_INBOX_POLL_DELAY=200ms MP4DROP_JOBS_TICK=200ms \
    MP4DROP_RENDER_POLL_INTERVAL=1s MP4DROP_DRAFT_FIRST_CHECK=1s MP4DROP_DRAFT_CHECK_INTERVAL=1s \
    CAMEL_MANAGEMENT_ENABLED=false MP4DROP_PROGRESS_VIEW=false \
    ./run.sh --once >"$dir/app.log" 2>&1
  code=$?
  set -e
  elapsed=$(echo "$(date +%s.%N) - $started" | bc)
  local done_count by_cloud by_local
  # every file must be converted: a duplicate or a failure is a broken batch, not a faster one
  done_count=$(find "$dir/outbox" -name '*.mp4' 2>/dev/null | wc -l)
  by_cloud=$(grep -c 'done -> .*engine nemo)' "$dir/app.log" || true)
  by_local=$(grep -c 'done -> .*engine local' "$dir/app.log" || true)
  results+=("$(printf '%-7s %8.1f s   %2d of %d in the outbox (cloud %d, local %d), exit %d' "$name" "$elapsed" \
    "$done_count" "$FILES" "$by_cloud" "$by_local" "$code")")
  echo "${results[-1]}"
  if [ "$done_count" != "$FILES" ] || [ "$code" != 0 ]; then failures=$((failures + 1)); fi
}

# hybrid: 100 credits, about 50 per instruction: two files in the cloud, the rest locally
start_standin credits=100 render-seconds=source render-polls=3
run_case hybrid nemo
stop_standin
url=""
run_case local local
start_standin credits=1000000 render-seconds=source render-polls=3
run_case cloud nemo
stop_standin

echo
echo "mp4drop hybrid benchmark: $FILES files of $SECONDS_MIN-$SECONDS_MAX s (${SIZE}), $(nproc) cores"
printf '%s\n' "${results[@]}"
[ "$failures" = 0 ] && echo PASS || { echo FAIL; exit 1; }
