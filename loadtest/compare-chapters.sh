#!/usr/bin/env bash
# Burst throughput of chapters 01, 03, 04, 05 and 06 (one instance), side by side: all five
# run at once on their own ports, idle but for the one being measured, and the same burst goes
# to each in turn, for ROUNDS rounds (3 by default), so that drift on the machine hits all
# alike. Chapters 05 and 06 share a local Redis. About four minutes. Prints each run's
# delivered messages/s.
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh
chapters="01-basics 03-hubcontext 04-authorization 05-scaling-redis 06-production"
rounds=${ROUNDS:-3}
redis_port=${REDIS_PORT:-6396}

./mvnw -q -pl "$(echo "$chapters" | tr ' ' ','),loadtest" -DskipTests package
record_results chapters-$(date +%Y%m%d).md
load=loadtest/target/loadtest-1.0.0-SNAPSHOT.jar
pids=()
trap stop_started EXIT INT TERM
start_local_redis 05-scaling-redis/target/05-scaling-redis-1.0.0-SNAPSHOT.jar "$redis_port"
port=9120
for chapter in $chapters; do
  port=$((port + 1))
  java -jar "$chapter/target/$chapter-1.0.0-SNAPSHOT.jar" --server.port=$port \
    --spring.data.redis.host=localhost --spring.data.redis.port="$redis_port" >/dev/null &
  pids+=($!)
done
for port in $(seq 9121 $port); do
  await_port $port
done

printf '| round |'; for chapter in $chapters; do printf ' %s |' "$chapter"; done
printf '\n|---|'; for _ in $chapters; do printf -- '---:|'; done; printf '\n'
for round in $(seq "$rounds"); do
  printf '| %s |' "$round"
  port=9120
  for chapter in $chapters; do
    port=$((port + 1))
    rate=$(java -jar "$load" --url http://localhost:$port --subscribers 100 --burst 5000 --warmup 3 |
      awk '/^delivered msgs\/s/ { print $3 }')
    printf ' %s |' "$rate"
  done
  printf '\n'
done
