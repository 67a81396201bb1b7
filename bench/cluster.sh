#!/usr/bin/env bash
# Proves the cluster: INSTANCES (3) instances of the packaged app as processes, one PostgreSQL (the tests'
# embedded server, mp4drop.cluster.ClusterPostgresServer), the stand-in API, FILES (300) files in one
# shared inbox. One instance is killed with SIGKILL once KILL_AFTER (100) files are done. It prints: every
# input exactly once in outbox or failed, one instruction per converted file, files per instance, the time
# from the kill to the last of the dead instance's jobs moving again, and the nightly batch's fires per slot.
# Usage: bench/cluster.sh   Exit 0 on PASS, 1 on FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-300}
INSTANCES=${INSTANCES:-3}
KILL_AFTER=${KILL_AFTER:-100}
LIMIT=${LIMIT:-900}

work=$(mktemp -d "${TMPDIR:-/tmp}/mp4drop-cluster.XXXXXX")
pids=()
pg_pid=""
standin_pid=""
pg_data=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$standin_pid" ]; then kill "$standin_pid" 2>/dev/null || true; wait "$standin_pid" 2>/dev/null || true; fi
  if [ -n "$pg_pid" ]; then kill "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; fi
  # the server's postmaster, should the launcher have died without stopping it
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    kill "$(head -1 "$pg_data/postmaster.pid")" 2>/dev/null || true
  fi
  # the instances' logs stay for a look after the run
  mkdir -p target/bench-cluster && cp "$work"/node*.log target/bench-cluster/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

. bench/build.sh
if [ ! -f target/test-classpath.txt ] || [ pom.xml -nt target/test-classpath.txt ]; then
  mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
test_cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

java -Xmx96m -cp "$test_cp" mp4drop.cluster.ClusterPostgresServer >"$work/pg.out" 2>"$work/pg.err" &
pg_pid=$!
for _ in $(seq 300); do grep -q '^jdbc ' "$work/pg.out" 2>/dev/null && break; sleep 0.1; done
jdbc=$(sed -n 's/^jdbc //p' "$work/pg.out")
pg_data=$(sed -n 's/^data //p' "$work/pg.out")
[ -n "$jdbc" ] || { echo "FAIL cluster: PostgreSQL did not start"; cat "$work/pg.err"; exit 1; }

# renders as long as their source, so that the check of what comes back passes
java -Xmx96m -cp "$test_cp" mp4drop.standin.NemoStandInServer 0 "sse-delay-ms=150" "render-polls=3" \
  "chunk-bytes=16384" "chunk-delay-ms=50" "render-seconds=source" \
  >"$work/standin.out" 2>"$work/standin.err" &
standin_pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/standin.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/standin.out")
[ -n "$url" ] || { echo "FAIL cluster: the stand-in did not start"; cat "$work/standin.err"; exit 1; }

mkdir -p "$work/shared/inbox" "$work/shared/batch"
# every file is probed before upload: a real 2-second video, made unique by bytes after its RIFF chunk
java -cp "$test_cp" mp4drop.standin.TestClip "$work/clip.avi" 2 320x240 || exit 2
for i in $(seq -f '%04g' 1 "$FILES"); do
  cp "$work/clip.avi" "$work/shared/inbox/tape$i.avi"
  echo "tape $i" >>"$work/shared/inbox/tape$i.avi"
done
touch -d '-1 minute' "$work/shared/inbox/"*.avi

start_instance() {
  local n=$1
  env MP4DROP_JAVA_OPTS="-Xmx192m -Dcamel.management.port=$((18090 + n))" MP4DROP_ENGINE=nemo \
    NEMO_API_URL="$url" NEMO_WEB_URL="$url" NEMO_TOKEN= NEMO_CLIENT_ID= \
    MP4DROP_CLUSTER_JDBC_URL="$jdbc" MP4DROP_CLUSTER_USER=postgres MP4DROP_CLUSTER_PASSWORD=postgres \
    MP4DROP_CLUSTER_NODE="node$n" MP4DROP_CLUSTER_LOCK_FOLDER="$work/shared/lock" \
    MP4DROP_CLUSTER_LEASE=5s MP4DROP_CLUSTER_LEASE_RENEWAL=1s \
    MP4DROP_INBOX="$work/shared/inbox" MP4DROP_OUTBOX="$work/shared/outbox" MP4DROP_FAILED="$work/shared/failed" \
    MP4DROP_ARCHIVE="$work/shared/archive" MP4DROP_BATCH="$work/shared/batch" MP4DROP_STATE="$work/state$n" \
    MP4DROP_BATCH_CRON='0/10 * * * * ?' MP4DROP_BATCH_TIME_ZONE=UTC \
    MP4DROP_INBOX_STABLE_TIME=300ms MP4DROP_INBOX_POLL_DELAY=500ms MP4DROP_JOBS_TICK=200ms \
    MP4DROP_RENDER_POLL_INTERVAL=500ms MP4DROP_DRAFT_FIRST_CHECK=500ms MP4DROP_DRAFT_CHECK_INTERVAL=500ms \
    ./run.sh >"$work/node$n.log" 2>&1 &
  pids+=($!)
}
started=$(date +%s)
for n in $(seq 1 "$INSTANCES"); do start_instance "$n"; done

count() { find "$work/shared/$1" -maxdepth 1 -name "$2" 2>/dev/null | wc -l; }
finished() { echo $(( $(count outbox 'tape*.mp4') + $(count failed 'tape*.avi') )); }

victim=1
killed_at=""
while :; do
  done_now=$(finished)
  now=$(date +%s)
  if [ -z "$killed_at" ] && [ "$done_now" -ge "$KILL_AFTER" ]; then
    # who holds what, as ./run.sh status tells it
    env MP4DROP_CLUSTER_JDBC_URL="$jdbc" MP4DROP_CLUSTER_USER=postgres MP4DROP_CLUSTER_PASSWORD=postgres \
      MP4DROP_INBOX="$work/shared/inbox" ./run.sh status 2>&1 | sed -n '/^Instances:/,$p' | cut -c1-160
    # the kill lands while the instance holds work (its mp4drop_jobs_held gauge), as a crash mid-step would
    held=0
    for _ in $(seq 200); do
      held=$(curl -s "http://127.0.0.1:$((18090 + victim))/observe/metrics" | awk '/^mp4drop_jobs_held/ {print int($2)}')
      if [ "${held:-0}" -gt 0 ]; then break; fi
      sleep 0.05
    done
    kill -9 "${pids[$((victim - 1))]}"
    killed_at=$(date +%s.%N)
    echo "killed node$victim (SIGKILL) holding ${held:-0} jobs, with $done_now of $FILES files finished"
  fi
  if [ "$done_now" -ge "$FILES" ]; then break; fi
  if [ $((now - started)) -gt "$LIMIT" ]; then echo "time limit reached with $done_now of $FILES finished"; break; fi
  sleep 1
done
# let a nightly slot or two pass with the survivors, then stop them as Ctrl-C would
sleep 12
for n in $(seq 1 "$INSTANCES"); do [ "$n" = "$victim" ] || kill "${pids[$((n - 1))]}" 2>/dev/null || true; done
for n in $(seq 1 "$INSTANCES"); do wait "${pids[$((n - 1))]}" 2>/dev/null || true; done
pids=()
elapsed=$(( $(date +%s) - started ))

stats=$(curl -s "$url/_standin/stats")
problems=()
missing=0; twice=0
for i in $(seq -f '%04g' 1 "$FILES"); do
  places=0
  [ -f "$work/shared/outbox/tape$i.mp4" ] && places=$((places + 1))
  [ -f "$work/shared/failed/tape$i.avi" ] && places=$((places + 1))
  if [ "$places" = 0 ]; then missing=$((missing + 1)); fi
  if [ "$places" -gt 1 ]; then twice=$((twice + 1)); fi
done
extra=$(find "$work/shared/outbox" -maxdepth 1 -name '*(*' | wc -l)
converted=$(count outbox 'tape*.mp4')
failed=$(count failed 'tape*.avi')
[ "$missing" = 0 ] || problems+=("$missing inputs neither in outbox nor failed")
[ "$twice" = 0 ] || problems+=("$twice inputs both in outbox and failed")
[ "$extra" = 0 ] || problems+=("$extra second copies in the outbox")

by_file=$(echo "$stats" | tr -d '\n ' | grep -o '"run_sse_by_file":{[^}]*}' || true)
counts=$(echo "$by_file" | grep -o ':[0-9][0-9]*' | tr -d ':' || true)
instructions=$(echo "$counts" | awk '{s += $1} END {print s + 0}')
more_than_once=$(echo "$counts" | awk '$1 > 1' | wc -l)
[ "$more_than_once" = 0 ] || problems+=("$more_than_once files were instructed more than once")
[ "${instructions:-0}" -ge "$converted" ] || problems+=("$instructions instructions for $converted converted files")

per_instance=""
for n in $(seq 1 "$INSTANCES"); do
  per_instance+=" node$n=$(grep -c ': done -> ' "$work/node$n.log" || true)"
done

takeover="none needed"
last=$( (grep -h "taken over from node$victim" "$work"/node*.log || true) | awk '{print $1}' | sort | tail -1)
taken=$( (grep -h "taken over from node$victim" "$work"/node*.log || true) | wc -l)
if [ -n "$last" ] && [ -n "$killed_at" ]; then
  takeover="$taken jobs, last $(( $(date -d "today $last" +%s) - ${killed_at%.*} )) s after the kill (log time in whole seconds)"
fi

fires=$( (grep -h 'Nightly batch: [0-9]* file(s)' "$work"/node*.log || true) | awk '{print substr($1, 1, 7)}' | sort | uniq -c)
slots=$(echo "$fires" | grep -c . || true)
double=$(echo "$fires" | awk '$1 > 1' | wc -l)
[ "$double" = 0 ] || problems+=("$double nightly slots fired more than once")

echo "files: $FILES in, $converted converted, $failed failed, $missing missing, $twice in both places, $extra second copies"
echo "instructions: ${instructions:-0} sent, $more_than_once files instructed more than once"
echo "done per instance:$per_instance (node$victim killed)"
echo "takeover of node$victim's held jobs: $takeover"
echo "nightly batch: $slots ten-second slots fired, $double of them more than once"
echo "total ${elapsed} s"
if [ ${#problems[@]} -eq 0 ]; then
  echo "PASS cluster"
else
  echo "FAIL cluster: $(IFS=';'; echo "${problems[*]}")"
  for n in $(seq 1 "$INSTANCES"); do echo "--- node$n log (tail) ---"; tail -15 "$work/node$n.log"; done
  exit 1
fi
