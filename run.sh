#!/usr/bin/env bash
# Runs mp4drop from this folder (config/ and routes/ are read from here), building it first when the
# sources are newer than the build.
#   ./run.sh          watch the inbox until stopped (Ctrl-C)
#   ./run.sh --once   convert what is in the inbox, wait for every render, and exit
#                     (0 all converted, 1 some failed, 2 configuration error, 3 stopped early)
set -euo pipefail
cd "$(dirname "$0")"

jar=target/mp4drop.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; then
  echo "Building mp4drop with Maven (the first build also fetches its libraries: a minute or two)..." >&2
  # Maven's own progress, one line per step, without download counters or colour codes; Maven 3.8's
  # console library writes a colour reset at exit even into a pipe unless told not to
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" \
    mvn -B --no-transfer-progress -Dstyle.color=never -DskipTests package >&2
fi
# the build's AppCDS archive of the classes a start loads (src/main/build/class-archive.sh); one that does not
# match this java or these jars is ignored by the JVM, silently, and the start is only slower
archive=target/mp4drop.jsa
cds=()
if [ -f "$archive" ] && [ ! "$jar" -nt "$archive" ]; then
  cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
# the JIT's optimising compiler, C2, would spend the first seconds compiling start-up code that never runs again, on
# the cores the start needs; at ten times its usual thresholds it compiles only what stays hot (hashing a tape,
# an upload). Not C1 alone (-XX:TieredStopAtLevel=1): it starts as fast but hashes a video eight times slower.
jit=(-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000
  -XX:Tier4BackEdgeThreshold=400000)
# (the odd spelling: an empty array under set -u in the bash 3 of macOS)
exec java ${cds[@]+"${cds[@]}"} "${jit[@]}" ${MP4DROP_JAVA_OPTS:-} -jar "$jar" "$@"
