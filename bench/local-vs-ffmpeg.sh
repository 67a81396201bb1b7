#!/usr/bin/env bash
# How much does mp4drop add on top of FFmpeg itself? Converts one 60-second interlaced NTSC DV AVI twice:
#   (a) through mp4drop's real pipeline (./run.sh --once with the local engine: Camel, probe, encode, output check),
#   (b) with the identical ffmpeg arguments run directly (printed by mp4drop.local.LocalCommandLine).
# Both use the same ffmpeg binary. Goal: a/b at most 1.05. Exits 1 when the goal is missed.
#
# Usage: bench/local-vs-ffmpeg.sh            (env: BENCH_SECONDS=60, BENCH_KEEP=1 keeps the work folder)
set -euo pipefail

cd "$(dirname "$0")/.."
SECONDS_OF_VIDEO=${BENCH_SECONDS:-60}
GOAL=1.05

if [[ ! -f target/mp4drop.jar ]]; then
  echo "== building target/mp4drop.jar"
  mvn -q -o -DskipTests package
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mp4drop-bench.XXXXXX")
if [[ -z "${BENCH_KEEP:-}" ]]; then
  trap 'rm -rf "$WORK"' EXIT
else
  echo "== work folder kept: $WORK"
fi

if command -v ffmpeg >/dev/null 2>&1; then
  FFMPEG=$(command -v ffmpeg)
else
  # The same static build mp4drop falls back to, taken from the jar it ships in.
  NATIVE_JAR=$(ls target/lib/jave-nativebin-linux64-*.jar | head -n 1)
  unzip -p "$NATIVE_JAR" ws/schild/jave/nativebin/ffmpeg-amd64 > "$WORK/ffmpeg"
  chmod 755 "$WORK/ffmpeg"
  FFMPEG=$WORK/ffmpeg
fi
echo "== ffmpeg: $FFMPEG ($("$FFMPEG" -version | head -n 1))"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# Light temporal noise, like tape grain, keeps x264 about as busy as real camcorder footage; a clean test
# pattern compresses unrealistically well.
SOURCE=$WORK/tape-01.avi
echo "== making a ${SECONDS_OF_VIDEO}s interlaced DV AVI"
"$FFMPEG" -hide_banner -nostdin -v error -y \
  -f lavfi -i "testsrc2=size=720x480:rate=30000/1001:duration=${SECONDS_OF_VIDEO}" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=${SECONDS_OF_VIDEO}" \
  -vf "noise=alls=2:allf=t,setfield=bff" -c:v dvvideo -pix_fmt yuv411p -aspect 4:3 \
  -flags +ilme+ildct -top 0 -c:a pcm_s16le -ac 2 "$SOURCE"

# (b) first: it needs nothing but the jar, so it is measured even before the app exists.
echo "== (b) the same conversion run directly by ffmpeg"
ARGS_TEXT=$(MP4DROP_FFMPEG="$FFMPEG" MP4DROP_STATE="$WORK/plan-state" \
  java -cp "target/mp4drop.jar:target/lib/*" mp4drop.local.LocalCommandLine "$SOURCE" "$WORK/direct.mp4")
mapfile -t ARGS <<< "$ARGS_TEXT"
printf '   %s\n' "${ARGS[*]}"
START=$(now)
"$FFMPEG" "${ARGS[@]}" > /dev/null 2> "$WORK/direct.log"
DIRECT=$(elapsed "$START" "$(now)")
echo "   ffmpeg direct: ${DIRECT}s"

echo "== (a) mp4drop --once with the local engine"
if [[ ! -x ./run.sh ]]; then
  echo "   ./run.sh is missing: the app is not there yet, so only (b) was measured." >&2
  exit 2
fi
mkdir -p "$WORK/inbox" "$WORK/outbox" "$WORK/failed" "$WORK/archive" "$WORK/state"
cp "$SOURCE" "$WORK/inbox/"
START=$(now)
MP4DROP_ENGINE=local MP4DROP_FFMPEG="$FFMPEG" \
  MP4DROP_INBOX="$WORK/inbox" MP4DROP_OUTBOX="$WORK/outbox" MP4DROP_FAILED="$WORK/failed" \
  MP4DROP_ARCHIVE="$WORK/archive" MP4DROP_STATE="$WORK/state" \
  ./run.sh --once > "$WORK/mp4drop.log" 2>&1
MP4DROP=$(elapsed "$START" "$(now)")
if [[ -z "$(find "$WORK/outbox" -name '*.mp4' -size +0c)" ]]; then
  echo "   mp4drop put no MP4 in the outbox; its log ends with:" >&2
  tail -n 20 "$WORK/mp4drop.log" >&2
  exit 1
fi
echo "   mp4drop: ${MP4DROP}s"

RATIO=$(awk -v a="$MP4DROP" -v b="$DIRECT" 'BEGIN { printf "%.3f", a / b }')
echo
echo "(a) mp4drop ${MP4DROP}s   (b) ffmpeg ${DIRECT}s   a/b = ${RATIO}   (goal: at most ${GOAL})"
awk -v r="$RATIO" -v g="$GOAL" 'BEGIN { exit !(r <= g) }' || { echo "goal missed" >&2; exit 1; }
