#!/usr/bin/env bash
# Chapter 06 (or another chapter) under the shared benchmark's scenarios (a) and (b) alone, once
# per set of JVM options, to see what an option changes before adopting it. Usage:
#   loadtest/try-jvm-options.sh "default=" "zgc=-XX:+UseZGC" "parallel=-XX:+UseParallelGC"
# Each name=options pair writes loadtest/results/<chapter>-<date>-jvm-<name>.md and .json.
# CHAPTER=06-production by default; JAR=path runs a jar built elsewhere (say, from a worktree
# with a change to try) instead of building the chapter. Needs node and npm, and the benchmark
# at ../shared/bench (or BENCH=...). About 2 minutes per set.
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh
root=$PWD
chapter=${CHAPTER:-06-production}
if [ -z "${JAR:-}" ]; then
  ./mvnw -q -pl "$chapter" -DskipTests package
fi
jar=${JAR:-$root/$chapter/target/$chapter-1.0.0-SNAPSHOT.jar}
prepare_bench
pids=()
trap stop_started EXIT INT TERM
local_redis_args "$jar" 6390
target_args=$(stomp_target_args "$jar")

mkdir -p loadtest/results
for pair in "$@"; do
  name=${pair%%=*}
  opts=${pair#*=}
  out=$root/loadtest/results/$chapter-$(date +%Y%m%d)-jvm-$name.json
  (cd "$bench" && SERVERS=target SCENARIOS="a b" TARGET_NAME="$name" TARGET_PORT=9010 \
    TARGET_CMD="java $opts -jar $jar --server.port=9010 ${app_args[*]} --hub.token.lifetime=2h" \
    TARGET_ARGS="$target_args" OUT="$out" bash run-peers.sh) | tail -n 3
done
