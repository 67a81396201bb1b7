#!/usr/bin/env bash
# Proves that mp4drop streams: with -Xmx128m a ~500 MB file uploads and a 500 MB render downloads.
# Runs the packaged app (./run.sh --once) against the stand-in (mp4drop.standin.NemoStandInServer) on
# 127.0.0.1. Usage: bench/memory.sh [size in MB, default 500]   Exit 0 on PASS, 1 on FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-500}
IN_BYTES=$((MB * 1024 * 1024 - 1024 * 1024))   # 1 MB under the limit (the limit is 500MB)
OUT_BYTES=$((MB * 1024 * 1024))
HEAP=${HEAP:--Xmx128m}

work=$(mktemp -d "${TMPDIR:-/tmp}/mp4drop-memory.XXXXXX")
standin_pid=""
cleanup() {
  if [ -n "$standin_pid" ]; then kill "$standin_pid" 2>/dev/null || true; wait "$standin_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

. bench/build.sh

# the stand-in gets a small heap too: it must stream as well
java -Xmx64m -cp 'target/test-classes:target/classes:target/lib/*' mp4drop.standin.NemoStandInServer 0 \
  "output-bytes=$OUT_BYTES" "render-polls=2" "render-seconds=2" >"$work/standin.out" 2>"$work/standin.err" &
standin_pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/standin.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/standin.out")
[ -n "$url" ] || { echo "FAIL memory: the stand-in did not start"; cat "$work/standin.err"; exit 1; }

mkdir -p "$work/inbox"
# a real 2-second video (every file is probed before upload), padded with zeros after its RIFF chunk
java -cp 'target/test-classes:target/classes:target/lib/*' mp4drop.standin.TestClip "$work/clip.avi" 2
cp "$work/clip.avi" "$work/inbox/big.avi"
head -c $((IN_BYTES - $(stat -c %s "$work/clip.avi"))) /dev/zero >>"$work/inbox/big.avi"
touch -d '-1 minute' "$work/inbox/big.avi"

started=$(date +%s.%N)
set +e
env MP4DROP_JAVA_OPTS="$HEAP" MP4DROP_ENGINE=nemo NEMO_API_URL="$url" NEMO_WEB_URL="$url" NEMO_TOKEN= NEMO_CLIENT_ID= \
  MP4DROP_INBOX="$work/inbox" MP4DROP_OUTBOX="$work/outbox" MP4DROP_FAILED="$work/failed" \
  MP4DROP_ARCHIVE="$work/archive" MP4DROP_STATE="$work/state" \
  MP4DROP_INBOX_STABLE_TIME=300ms MP4DROP_INBOX_POLL_DELAY=200ms MP4DROP_JOBS_TICK=100ms \
  MP4DROP_RENDER_POLL_INTERVAL=200ms MP4DROP_DRAFT_FIRST_CHECK=500ms MP4DROP_DRAFT_CHECK_INTERVAL=500ms \
  /usr/bin/time -f '%e %M' -o "$work/time" ./run.sh --once >"$work/app.log" 2>&1
code=$?
set -e
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
read -r _ max_rss_kb <"$work/time" || max_rss_kb=0
stats=$(curl -s "$url/_standin/stats")
field() { echo "$stats" | grep -o "\"$1\" : [^,}]*" | head -1 | sed 's/.*: //' | tr -d ' "'; }
uploaded=$(field upload_file_bytes)
cdn_auth=$(field cdn_authorization_seen)
out_size=$(stat -c %s "$work/outbox/big.mp4" 2>/dev/null || echo missing)
up_time=$(grep -o 'big.avi: uploaded ([^)]*)' "$work/app.log" | sed 's/.*(//;s/)//' || true)
down_time=$(grep -o 'big.avi: downloaded ([^)]*)' "$work/app.log" | sed 's/.*(//;s/)//' || true)

problems=()
[ "$code" = 0 ] || problems+=("exit code $code")
[ "$out_size" = "$OUT_BYTES" ] || problems+=("outbox/big.mp4 is $out_size bytes, expected $OUT_BYTES")
[ -f "$work/archive/big.avi" ] || problems+=("archive/big.avi missing")
[ "$uploaded" = "$IN_BYTES" ] || problems+=("stand-in counted $uploaded uploaded bytes, expected $IN_BYTES")
[ "$cdn_auth" = false ] || problems+=("a /cdn/ request carried an Authorization header")
grep -q 'OutOfMemoryError' "$work/app.log" && problems+=("OutOfMemoryError in the app log")

summary="in $IN_BYTES B, out $OUT_BYTES B, heap $HEAP, app max RSS $((max_rss_kb / 1024)) MB, total ${elapsed%.*}.$(echo "$elapsed" | cut -d. -f2 | cut -c1-1) s (upload ${up_time:-?}; download ${down_time:-?})"
if [ ${#problems[@]} -eq 0 ]; then
  echo "PASS memory: $summary"
else
  echo "FAIL memory: $summary: $(IFS=';'; echo "${problems[*]}")"
  echo "--- app log (tail) ---"; tail -30 "$work/app.log"
  exit 1
fi
