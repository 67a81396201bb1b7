#!/usr/bin/env bash
# "Nothing lost, nothing charged twice": runs the packaged app (./run.sh) against the stand-in on
# 127.0.0.1 with a batch of files, kills it with SIGKILL at several points (startup, after the first
# output, mid-instruction stream, mid-render, mid-download, after an export), restarts it each time, and
# finishes with ./run.sh --once (a second wave of files is dropped midway). A watcher checks all along that no visible *.mp4 in the outbox is ever
# incomplete. Then: every input ended exactly once (outbox + archive, or failed), /run_sse was sent once
# per file, no temporary file is left. Prints PASS/FAIL per check; exit 0 only if all pass.
# Needs: jq, curl. Set KEEP=1 to keep the work folder (logs) for a look afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
APP_DIR=$(pwd)
OUT_BYTES=1048576
STEP_TIMEOUT=20   # seconds to wait for a kill point before going on without it

command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/mp4drop-restart.XXXXXX")
inbox="$work/inbox" outbox="$work/outbox" failed="$work/failed" archive="$work/archive" state="$work/state"
standin_pid="" app_pid="" watcher_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
  [ -n "$watcher_pid" ] && kill "$watcher_pid" 2>/dev/null
  [ -n "$standin_pid" ] && kill "$standin_pid" 2>/dev/null
  wait 2>/dev/null
  if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
t0=$(date +%s)
say() { echo "[$(( $(date +%s) - t0 ))s] $*"; }

# --- build ---
. bench/build.sh

# --- the stand-in: slow enough downloads, renders and streams to be interrupted ---
java -Xmx64m -cp 'target/test-classes:target/classes:target/lib/*' mp4drop.standin.NemoStandInServer 0 \
  "output-bytes=$OUT_BYTES" render-seconds=2 chunk-bytes=65536 chunk-delay-ms=100 render-polls=12 sse-delay-ms=300 \
  >"$work/standin.out" 2>"$work/standin.log" &
standin_pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/standin.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/standin.out")
[ -n "$url" ] || { echo "FAIL: the stand-in did not start"; cat "$work/standin.log"; exit 2; }
stats() { curl -s "$url/_standin/stats"; }

# --- the batch: names with spaces, random content, checksums kept; a second wave is dropped later ---
mkdir -p "$inbox" "$work/staging"
names=("clip 01.avi" "holiday at the sea 02.mov" "birthday 03.mkv" "tape_04.webm" "old tape 05.mp4"
       "wedding  06.avi" "ski trip 07.mov" "garden 08.mkv" "first steps 09.avi" "concert 10.webm"
       "x 11.avi" "last one 12.mov" "late arrival 13.avi" "y 14.mkv")
WAVE1=8
# every file is probed before upload: a real 2-second video, made unique by random bytes after its RIFF chunk
java -cp 'target/test-classes:target/classes:target/lib/*' mp4drop.standin.TestClip "$work/clip.avi" 2 320x240 || exit 2
for i in "${!names[@]}"; do
  cp "$work/clip.avi" "$work/staging/${names[$i]}"
  head -c $(( (i + 1) * 37 * 1024 + 1 )) /dev/urandom >>"$work/staging/${names[$i]}"
done
touch -d '-1 minute' "$work/staging"/*
(cd "$work/staging" && sha256sum -- * >"$work/originals.sha256")
drop() { for name in "$@"; do mv "$work/staging/$name" "$inbox/"; done; }
drop "${names[@]:0:$WAVE1}"

# --- the watcher: a visible *.mp4 in the outbox must always be whole ---
mkdir -p "$outbox"
: >"$work/violations"
(
  shopt -s nullglob
  while [ ! -e "$work/stop-watch" ]; do
    for f in "$outbox"/*.mp4; do
      size=$(stat -c %s "$f" 2>/dev/null) || continue
      [ "$size" = "$OUT_BYTES" ] || echo "$(date +%T.%N) ${f##*/} seen with $size bytes" >>"$work/violations"
    done
    sleep 0.05
  done
) &
watcher_pid=$!

run=0
start_app() {   # $1: --once or nothing
  run=$((run + 1))
  env MP4DROP_ENGINE=nemo NEMO_API_URL="$url" NEMO_WEB_URL="$url" NEMO_TOKEN= NEMO_CLIENT_ID= \
    MP4DROP_JAVA_OPTS=-Xmx128m MP4DROP_CONCURRENCY=3 \
    MP4DROP_INBOX="$inbox" MP4DROP_OUTBOX="$outbox" MP4DROP_FAILED="$failed" \
    MP4DROP_ARCHIVE="$archive" MP4DROP_STATE="$state" \
    MP4DROP_INBOX_STABLE_TIME=300ms MP4DROP_INBOX_POLL_DELAY=200ms MP4DROP_JOBS_TICK=100ms \
    MP4DROP_RENDER_POLL_INTERVAL=200ms MP4DROP_RENDER_MAX_POLLS=40 \
    MP4DROP_DRAFT_FIRST_CHECK=500ms MP4DROP_DRAFT_CHECK_INTERVAL=300ms \
    MP4DROP_RETRY_FIRST_DELAY=200ms MP4DROP_RETRY_MAX_DELAY=1s \
    ./run.sh "$@" >"$work/app-$run.log" 2>&1 &
  app_pid=$!
  touch "$work/run-start"
  mp4_at_start=$(mp4_count)
  sse_at_start=$(stats | jq .run_sse_total)
}
kill_app() {    # $1: what was going on
  kill -9 "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  app_pid=""
  say "run $run: kill -9 $1 (outbox $(ls "$outbox" | grep -vc '^\.') done, $(ls -A "$outbox" | grep -c '\.part$') .part, inbox $(ls "$inbox" | grep -vc '\.camelLock$') left)"
  echo "=== kill -9: $1" >>"$work/app-$run.log"
  echo "       job stages at the kill: $(cat "$state"/jobs/[!.]*.json 2>/dev/null | jq -r .stage | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}')"
}
wait_for() {    # $1: description, $2: a shell condition; kills when it holds or after STEP_TIMEOUT
  local deadline=$(( $(date +%s) + STEP_TIMEOUT ))
  while ! eval "$2"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then say "run $run: never saw '$1' within ${STEP_TIMEOUT}s"; kill_app "(timed out waiting for $1)"; return; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then say "run $run: the app ended by itself before '$1'"; app_pid=""; return; fi
    sleep 0.05
  done
  kill_app "$1"
}
mp4_count() { ls "$outbox" 2>/dev/null | grep -c '^[^.].*\.mp4$'; }
new_mp4() { [ "$(mp4_count)" -gt "$mp4_at_start" ]; }
part_file() { [ -n "$(find "$outbox" -maxdepth 1 -name '.*.part' -newer "$work/run-start" -print -quit)" ]; }
sse_open() { local s; s=$(stats); [ "$(echo "$s" | jq .run_sse_open)" -gt 0 ] && [ "$(echo "$s" | jq .run_sse_total)" -gt "$sse_at_start" ]; }
log_has() { grep -q "$1" "$work/app-$run.log"; }

# --- the kills (each condition must arise in the current run, not be left over from the last) ---
start_app; sleep 1; kill_app "1 s after start"
start_app; wait_for "mid-instruction (a /run_sse stream open)" sse_open
start_app; wait_for "right after an export was submitted" "log_has 'export submitted'"
start_app; wait_for "mid-render (a render status said rendering)" "log_has ': rendering'"
start_app; wait_for "mid-download (a .part file being written)" part_file
start_app; wait_for "after a file reached the outbox" new_mp4
drop "${names[@]:$WAVE1}"; say "dropped ${#names[@]} - $WAVE1 more files into the inbox"
start_app; wait_for "mid-instruction again" sse_open
start_app; wait_for "mid-download again" part_file
start_app; sleep 3; kill_app "3 s after start"

# --- the last run finishes the batch ---
start_app --once
deadline=$(( $(date +%s) + 90 ))
while kill -0 "$app_pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
if kill -0 "$app_pid" 2>/dev/null; then
  kill_app "(the --once run did not finish within 90 s)"; final_code=timeout
else
  wait "$app_pid"; final_code=$?; app_pid=""
fi
say "run $run (--once) ended with exit code $final_code"
sleep 0.3
touch "$work/stop-watch"; wait "$watcher_pid" 2>/dev/null; watcher_pid=""

# --- the checks ---
fails=0
check() {   # $1 PASS|FAIL, $2 text
  echo "$1 $2"
  [ "$1" = PASS ] || fails=$((fails + 1))
}
final_stats=$(stats)
echo "$final_stats" >"$work/stats.json"

[ "$final_code" = 0 ] && check PASS "final ./run.sh --once exit code 0" || check FAIL "final ./run.sh --once exit code $final_code"

# where each input ended, and how often its /run_sse was sent (stand-in: session -> uploaded file name)
sse_of() { echo "$final_stats" | jq --arg f "$1" '.run_sse_by_file[$f] // 0'; }
converted=0 failed_n=0 lost_n=0 sse_converted=0 sse_failed=0 place_problems=() sse_problems=() fail_notes=() fail_problems=()
for name in "${names[@]}"; do
  base="${name%.*}" ext="${name##*.}"
  in_inbox=0; [ -e "$inbox/$name" ] && in_inbox=1
  in_archive=$(ls "$archive" 2>/dev/null | grep -cxF -e "$name" -e "$base (2).$ext")
  in_failed=$(ls "$failed" 2>/dev/null | grep -cxF -e "$name" -e "$base (2).$ext")
  in_outbox=$(ls "$outbox" 2>/dev/null | grep -cxF -e "$base.mp4" -e "$base (2).mp4" -e "$base (3).mp4")
  sse=$(sse_of "$name")
  if [ "$in_outbox" = 1 ] && [ "$in_archive" = 1 ] && [ "$in_failed" = 0 ] && [ "$in_inbox" = 0 ]; then
    converted=$((converted + 1)); sse_converted=$((sse_converted + sse))
    [ -e "$outbox/$base.mp4" ] || place_problems+=("'$name': its MP4 is not named '$base.mp4'")
    want=$(grep -F "  $name" "$work/originals.sha256" | head -1 | cut -d' ' -f1)
    have=$(sha256sum -- "$archive/$name" 2>/dev/null | cut -d' ' -f1)
    [ "$want" = "$have" ] || place_problems+=("'$name': the archived original differs from what was dropped")
    [ "$sse" = 1 ] || sse_problems+=("'$name' (converted): $sse /run_sse calls")
  elif [ "$in_outbox" = 0 ] && [ "$in_archive" = 0 ] && [ "$in_failed" = 1 ] && [ "$in_inbox" = 0 ]; then
    failed_n=$((failed_n + 1)); sse_failed=$((sse_failed + sse))
    why=$(jq -r '"\(.stage)/\(.code): \(.message)"' "$failed/$name.error.json" 2>/dev/null)
    [ "$sse" -le 1 ] || sse_problems+=("'$name' (failed): $sse /run_sse calls")
    if [ "$sse" = 0 ] && echo "$why" | grep -q '^instruct/no-timeline'; then
      fail_notes+=("'$name': killed between recording the instruction and sending it: never sent, never charged, then failed ($why)")
    else
      fail_problems+=("'$name' ($sse /run_sse): $why")
    fi
  else
    lost_n=$((lost_n + 1)); sse_failed=$((sse_failed + sse))
    [ "$sse" -le 1 ] || sse_problems+=("'$name' (lost or doubled): $sse /run_sse calls")
    place_problems+=("'$name': outbox $in_outbox, archive $in_archive, failed $in_failed, inbox $in_inbox")
  fi
done
mp4s=$(ls "$outbox" | grep -c '^[^.].*\.mp4$')
[ "$mp4s" = "$converted" ] || place_problems+=("$mp4s visible MP4s in the outbox for $converted converted files: $(ls "$outbox" | grep '^[^.]' | tr '\n' '|')")
if [ ${#place_problems[@]} -eq 0 ]; then
  check PASS "every input ended exactly once: $converted in the outbox (original archived, byte-identical), $failed_n in failed/, 0 lost"
else
  check FAIL "every input ended exactly once: $converted converted, $failed_n failed, $lost_n lost or doubled"
  for p in "${place_problems[@]}"; do echo "       $p"; done
fi

if [ ${#fail_problems[@]} -eq 0 ]; then
  check PASS "no file failed because of a restart (${#fail_notes[@]} failed in the documented record-then-send window)"
else
  check FAIL "files failed after the restarts:"
  for p in "${fail_problems[@]}"; do echo "       $p"; done
fi
for p in "${fail_notes[@]}"; do echo "  NOTE $p"; done

sse_total=$(echo "$final_stats" | jq .run_sse_total)
doubles=$(echo "$final_stats" | jq -r '.run_sse_by_session | to_entries[] | select(.value > 1) | "session \(.key): \(.value) calls"')
if [ -n "$doubles" ]; then while read -r d; do sse_problems+=("$d"); done <<<"$doubles"; fi
[ "$sse_total" = "$((sse_converted + sse_failed))" ] || sse_problems+=("$sse_total calls in all, but only $((sse_converted + sse_failed)) from sessions of these files")
if [ ${#sse_problems[@]} -eq 0 ]; then
  check PASS "/run_sse exactly once per converted file: $sse_total calls in all = $converted converted + $sse_failed for the other files; no session twice"
else
  check FAIL "/run_sse exactly once per converted file ($sse_total calls in all, $converted converted):"
  for p in "${sse_problems[@]}"; do echo "       $p"; done
fi

locks=$(ls -A "$inbox" | grep '\.camelLock$')
[ -z "$locks" ] && check PASS "no .camelLock marker left in the inbox" \
  || { check FAIL "lock markers left in the inbox:"; echo "$locks" | sed 's/^/       /'; }

parts=$(ls -A "$outbox" | grep '^\..*\.part$')
[ -z "$parts" ] && check PASS "no temporary .*.part file left in the outbox" \
  || { check FAIL "temporary files left in the outbox:"; echo "$parts" | sed 's/^/       /'; }

[ -s "$work/violations" ] && { check FAIL "an incomplete *.mp4 was visible in the outbox:"; sed 's/^/       /' "$work/violations" | head; } \
  || check PASS "the watcher never saw an incomplete *.mp4 in the outbox"

[ "$(echo "$final_stats" | jq .cdn_authorization_seen)" = false ] && check PASS "no Authorization header on /cdn/" \
  || check FAIL "an Authorization header was sent to /cdn/"

echo "info: $(echo "$final_stats" | jq -c '{sessions, uploads, uploads_completed, renders_submitted, render_ids_submitted_more_than_once, downloads, downloads_completed, downloads_aborted, state_calls, api_calls_without_attribution}')"
say "$run app runs, total $(( $(date +%s) - t0 )) s"
if [ "$fails" = 0 ]; then echo "PASS restart-safety: all checks passed"; else echo "FAIL restart-safety: $fails check(s) failed (KEEP=1 keeps $work for the logs)"; fi
[ "$fails" = 0 ]
