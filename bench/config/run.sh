#!/bin/sh
# Configuration benchmark: builds its jar (offline, tests skipped) and runs it.
#   bench/config/run.sh [--services 2000] [--real-servers 20] [--rounds 10]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -q -o -pl bench/config -am package -DskipTests >/dev/null
# The daemon's JVM flags (bin/director run): serial GC, C2, default heap.
exec java -XX:+UseSerialGC -XX:-UsePerfData -jar "$root/bench/config/target/bench-config.jar" "$@"
