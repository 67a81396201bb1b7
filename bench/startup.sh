#!/usr/bin/env bash
# Where a person waits, in one run of the packaged app (./run.sh, web server on, settings as shipped except the
# folders and an API address that refuses at once, so nothing depends on the internet):
#   JVM floor           `java -version`
#   empty --once        ./run.sh --once with nothing in the inbox, start to exit        (goal: at most 2.5 s)
#   first "taken"       ./run.sh --once with one video last changed an hour ago, start to its "taken" line
#                                                                                       (goal: at most 1.5 s)
#   render checks       the spacing of one render's status checks at mp4drop.render.poll-interval=1s, against
#                       the stand-in API (goal: within 0.1 s of the interval)
#   status, --help      for comparison, the commands that start no route
# Each time is the median of RUNS (default 3). Usage: bench/startup.sh   KEEP=1 keeps the work folder.
set -euo pipefail
trap 'echo "FAIL: bench/startup.sh stopped at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CP='target/test-classes:target/classes:target/lib/*'
work=$(mktemp -d "${TMPDIR:-/tmp}/mp4drop-startup.XXXXXX")
standin_pid="" app_pid=""
cleanup() {
  for pid in "$app_pid" "$standin_pid"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

. bench/build.sh

now() { echo "$EPOCHREALTIME"; }
since() { echo "$(now) - $1" | bc; }
median() { sort -n | awk '{v[NR] = $1} END {printf "%.2f", v[int((NR + 1) / 2)]}'; }
# the app on its own folders, a free port for its web server, and nothing of this shell's settings;
# launch=exec when started in the background, so that $! is the app itself (run.sh execs java)
app() {   # $1: folder; the rest: run.sh's arguments
  local dir=$1; shift
  # FFmpeg as a second start finds it: unpacked by the first (hard links, not copies)
  if [ -d "$work/warm/state/bin" ] && [ ! -d "$dir/state/bin" ]; then
    mkdir -p "$dir/state" && cp -al "$work/warm/state/bin" "$dir/state/bin"
  fi
  ${launch:-} env MP4DROP_INBOX="$dir/inbox" MP4DROP_OUTBOX="$dir/outbox" MP4DROP_FAILED="$dir/failed" \
    MP4DROP_ARCHIVE="$dir/archive" MP4DROP_STATE="$dir/state" MP4DROP_BATCH="$dir/batch" \
    MP4DROP_WEB_PORT=$(( 20000 + RANDOM % 30000 )) NEMO_API_URL="${api:-http://127.0.0.1:9}" \
    NEMO_WEB_URL="${api:-http://127.0.0.1:9}" NEMO_TOKEN= NEMO_CLIENT_ID= MP4DROP_PROGRESS_VIEW=false \
    ${instruction:+"MP4DROP_INSTRUCTION=$instruction"} ${extra:-} ./run.sh "$@"
}
# the first run unpacks the bundled FFmpeg into its state folder; the others start with it unpacked
app "$work/warm" --once >"$work/warm.log" 2>&1 || { echo "FAIL: the first run failed:"; cat "$work/warm.log"; exit 1; }

java_floor=$(for _ in $(seq "$RUNS"); do s=$(now); java -version 2>/dev/null; since "$s"; done | median)
empty_once=$(for i in $(seq "$RUNS"); do
  s=$(now); app "$work/empty-$i" --once >"$work/empty-$i.log" 2>&1; since "$s"; done | median)
status=$(for i in $(seq "$RUNS"); do s=$(now); app "$work/empty-1" status >/dev/null 2>&1; since "$s"; done | median)
help=$(for i in $(seq "$RUNS"); do s=$(now); app "$work/empty-1" --help >/dev/null 2>&1; since "$s"; done | median)

java -cp "$CP" mp4drop.standin.TestClip "$work/clip.avi" 2 320x240 >/dev/null
first_taken=$(for i in $(seq "$RUNS"); do
  mkdir -p "$work/taken-$i/inbox"
  cp "$work/clip.avi" "$work/taken-$i/inbox/holiday.avi"
  touch -d '-1 hour' "$work/taken-$i/inbox/holiday.avi"
  s=$(now)
  # a small local conversion follows; the run is left to finish it
  launch=exec extra=MP4DROP_ENGINE=local instruction="Convert this video to MP4 at 480p, smaller file" \
    app "$work/taken-$i" --once >"$work/taken-$i.log" 2>&1 &
  app_pid=$!
  until grep -qs 'holiday.avi: taken from the inbox' "$work/taken-$i.log"; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "FAIL: no 'taken' line in run $i:" >&2; cat "$work/taken-$i.log" >&2; exit 1
    fi
    sleep 0.01
  done
  since "$s"
  wait "$app_pid" 2>/dev/null || true; app_pid=""
done | median)

# one render, completed at its sixth status check: five spacings between checks
java -Xmx128m -cp "$CP" mp4drop.standin.NemoStandInServer 0 render-polls=6 render-seconds=source credits=1000000 \
  >"$work/standin.out" 2>"$work/standin.log" &
standin_pid=$!
for _ in $(seq 300); do grep -q '^listening on ' "$work/standin.out" 2>/dev/null && break; sleep 0.1; done
api=$(sed -n 's/^listening on //p' "$work/standin.out")
[ -n "$api" ] || { echo "FAIL: the stand-in did not start"; cat "$work/standin.log"; exit 2; }
mkdir -p "$work/render/inbox"
cp "$work/clip.avi" "$work/render/inbox/holiday.avi"
touch -d '-1 hour' "$work/render/inbox/holiday.avi"
# each log line stamped as it arrives: the log's own clock shows whole seconds only
extra="MP4DROP_ENGINE=nemo MP4DROP_RENDER_POLL_INTERVAL=1s" app "$work/render" --once 2>&1 |
  while IFS= read -r line; do echo "$EPOCHREALTIME $line"; done >"$work/render.log"
spacing=$(grep -E 'export submitted|rendering [0-9]+% \(check|render complete' "$work/render.log" | sed '/render complete/q' |
  awk '{if (NR > 1) {d = $1 - last; sum += d; if (d > max) max = d; n++}; last = $1}
       END {if (n == 0) print "none"; else printf "%.2f s on average, at most %.2f s (%d spacings)", sum / n, max, n}')

echo "mp4drop start-up benchmark ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), median of $RUNS," \
  "class archive $([ -f target/mp4drop.jsa ] && echo on || echo off))"
printf '%-34s %6s s\n' "JVM floor (java -version)" "$java_floor" "empty --once (web server on)" "$empty_once" \
  "first \"taken\" line, stable file" "$first_taken" "status" "$status" "--help" "$help"
echo "render checks at a 1 s interval:  $spacing"
