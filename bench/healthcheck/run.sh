#!/bin/sh
# Health-check engine benchmark: builds its jar (offline, tests skipped) and runs it.
#   bench/healthcheck/run.sh [--real-servers 10000] [--seconds 60] [--warmup 10] [--interval-ms 1000] [--modes idle,new,keepalive]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -q -o -pl bench/healthcheck -am package -DskipTests >/dev/null
exec java -Xmx512m -jar "$root/bench/healthcheck/target/bench-healthcheck.jar" "$@"
