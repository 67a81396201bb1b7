# Sourced by the benchmarks from the project folder: the packaged app, and the test classes that hold the
# stand-in API and its helpers, rebuilt when their sources are newer than the build.
if [ ! -f target/mp4drop.jar ] || [ -n "$(find pom.xml src/main -newer target/mp4drop.jar -print -quit)" ]; then
  mvn -q -o -DskipTests package || exit 2
fi
stand_in=target/test-classes/mp4drop/standin/NemoStandInServer.class
if [ ! -f "$stand_in" ] || [ -n "$(find src/test/java -newer "$stand_in" -print -quit)" ]; then
  mvn -q -o test-compile || exit 2
fi
