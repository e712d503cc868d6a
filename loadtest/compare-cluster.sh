#!/usr/bin/env bash
# A chapter that scales out (06 by default, 05 through Redis, 07 through a message broker) on
# loopback: the same load delivered within one instance, then across two instances. Starts a
# local Redis or broker and two instances, runs each scenario twice in alternation, prints the
# load test's tables, and stops everything. Usage: loadtest/compare-cluster.sh [chapter]
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh

chapter=${1:-06-production}
./mvnw -q -pl "$chapter",loadtest -DskipTests package
app=$chapter/target/$chapter-1.0.0-SNAPSHOT.jar
load=loadtest/target/loadtest-1.0.0-SNAPSHOT.jar
redis_port=${REDIS_PORT:-6399}
broker_port=${BROKER_PORT:-61699}

record_results cluster-$chapter-$(date +%Y%m%d).txt
pids=()
trap stop_started EXIT INT TERM
if needs_broker "$app"; then
  start_local_broker "$app" "$broker_port"
  backend=(--hub.broker.embedded=false --hub.broker.port="$broker_port")
else
  start_local_redis "$app" "$redis_port"
  backend=(--spring.data.redis.host=localhost --spring.data.redis.port="$redis_port")
fi
for port in 9105 9106; do
  java -jar "$app" --server.port=$port --hub.instance.name=instance-$port "${backend[@]}" >/dev/null &
  pids+=($!)
done
for port in 9105 9106; do
  await_port $port
done

run() {
  echo "== $1"
  java -jar "$load" --url http://localhost:9105 --subscribe-url "$2" "${@:3}"
}
for round in 1 2; do
  run "one instance, fan-out (round $round)" http://localhost:9105 --subscribers 200 --rate 200 --duration 10
  run "two instances, fan-out (round $round)" http://localhost:9106 --subscribers 200 --rate 200 --duration 10
  run "one instance, burst (round $round)" http://localhost:9105 --subscribers 100 --burst 5000 --warmup 1
  run "two instances, burst (round $round)" http://localhost:9106 --subscribers 100 --burst 5000 --warmup 1
done
