#!/usr/bin/env bash
# Chapter 06 on one instance, security on, default heap: 5,000 idle authenticated connections,
# then a fan-out with slow clients beside the same fan-out without them. Starts a local Redis
# and the instance, prints the load test's tables, and stops everything. About two minutes.
# Usage: loadtest/capacity.sh [chapter]     (default 06-production; 04 and 05 work too)
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh
chapter=${1:-06-production}

./mvnw -q -pl "$chapter",loadtest -DskipTests package
app=$chapter/target/$chapter-1.0.0-SNAPSHOT.jar
load=loadtest/target/loadtest-1.0.0-SNAPSHOT.jar
redis_port=${REDIS_PORT:-6397}
port=9107
ulimit -n "$(ulimit -Hn)"

record_results capacity-$chapter-$(date +%Y%m%d).txt
pids=()
tmp=$(mktemp -d)
trap 'stop_started; rm -rf "$tmp"' EXIT INT TERM
local_redis_args "$app" "$redis_port"
java -jar "$app" --server.port=$port "${app_args[@]}" >/dev/null &
app_pid=$!
pids+=($app_pid)
await_port $port

# The heap in use after a full collection, in KiB: what the connections really keep, where the
# process's resident memory also counts garbage and heap the JVM has reserved.
live_heap_kib() {
  jcmd $app_pid GC.run >/dev/null
  jcmd $app_pid GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
}

# Bytes per class on the heap, after a full collection: "class bytes" lines.
histogram() {
  jcmd $app_pid GC.class_histogram | awk '$1 ~ /^[0-9]+:$/ { print $4, $3 }'
}

echo "== 5,000 idle authenticated connections, default heap ($(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize/ { printf "%d MiB", $4 / 1048576 }'))"
before=$(live_heap_kib)
histogram >"$tmp/before"
java -jar "$load" --url http://localhost:$port --idle 5000 --hold 40 --server-pid $app_pid &
load_pid=$!
sleep 30 # the connections are open after about 15 s, and held until 40 s after that
during=$(live_heap_kib)
histogram >"$tmp/during"
wait $load_pid
echo "live heap (KiB)      $before before, $during while held: $(((during - before) / 5000)) KiB per connection"
echo
echo "what each connection holds, by class (bytes per connection, the 12 largest):"
awk 'NR == FNR { before[$1] = $2; next } { grown = ($2 - before[$1]) / 5000; if (grown >= 1) printf "%8.0f  %s\n", grown, $1 }' \
  "$tmp/before" "$tmp/during" | sort -rn | head -12
echo
# Long messages, so that a client that stops reading fills its socket buffers within seconds.
for round in 1 2; do
  echo "== fan-out, 4,000-character messages (round $round)"
  java -jar "$load" --url http://localhost:$port --subscribers 50 --rate 200 --duration 20 --size 4000
  echo "== the same with 8 slow clients (round $round)"
  java -jar "$load" --url http://localhost:$port --subscribers 50 --rate 200 --duration 20 --size 4000 --slow 8
done
