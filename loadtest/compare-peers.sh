#!/usr/bin/env bash
# One chapter beside the reference servers of the shared benchmark (raw ws, Socket.IO, plain
# Spring STOMP), through the same load client and scenarios. Usage:
#   loadtest/compare-peers.sh [chapter] [servers]     e.g. loadtest/compare-peers.sh 06-production "ws sio stomp target"
# Needs node and npm, and the benchmark at ../shared/bench (or BENCH=...). About 7 minutes per
# round with all four servers; ROUNDS=3 runs three rounds (the course's targets are medians of
# at least three). Writes each round to loadtest/results/<chapter>-<date>-round<n>.md and .json,
# and the summary of the rounds (loadtest/peers-report.mjs) to <chapter>-<date>-summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh
root=$PWD
chapter=${1:-06-production}
servers=${2:-"ws sio stomp target"}
# Extra JVM options for the chapter, if any (the hub sets its own buffer sizes).
jvm_opts=${HUB_JAVA_OPTS:-}

./mvnw -q -pl "$chapter" -DskipTests package
jar=$root/$chapter/target/$chapter-1.0.0-SNAPSHOT.jar
prepare_bench
pids=()
trap stop_started EXIT INT TERM
local_redis_args "$jar" 6390
target_args=$(stomp_target_args "$jar")

results=$root/loadtest/results/$chapter-$(date +%Y%m%d)
mkdir -p "$(dirname "$results")"
outs=()
for round in $(seq "${ROUNDS:-1}"); do
  outs+=("$results-round$round.json")
  (cd "$bench" && SERVERS="$servers" TARGET_NAME="$chapter" TARGET_PORT=9010 \
    TARGET_CMD="java $jvm_opts -jar $jar --server.port=9010 ${app_args[*]} --hub.token.lifetime=2h" \
    TARGET_ARGS="$target_args" OUT="${outs[-1]}" bash run-peers.sh)
done
node loadtest/peers-report.mjs "${outs[@]}" | tee "$results-summary.md"
