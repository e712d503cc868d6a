#!/usr/bin/env bash
# Start-up of every chapter, from `java` to the hub's port accepting connections: the median
# of RUNS runs (5 by default), from the jar as built, then from the extracted jar with a
# class-data-sharing (CDS) archive, as docs/instructor-notes.md shows. Chapters 05 and 06 are
# given a running Redis, so that starting their own development Redis is not counted.
# Usage: loadtest/startup.sh [chapters]      e.g. loadtest/startup.sh "01-basics 06-production"
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh
chapters=${1:-"01-basics 02-server-hubs 03-hubcontext 04-authorization 05-scaling-redis 06-production"}
runs=${RUNS:-5}
port=9180
redis_port=6398

./mvnw -q -pl "$(echo "$chapters" | tr ' ' ',')" -DskipTests package
record_results startup-$(date +%Y%m%d).md
pids=()
trap stop_started EXIT INT TERM

printf '| chapter | jar: median (all runs), ms | extracted + CDS: median (all runs), ms |\n|---|---:|---:|\n'
for chapter in $chapters; do
  jar=$chapter-1.0.0-SNAPSHOT.jar
  dir=$chapter/target
  local_redis_args "$dir/$jar" $redis_port
  cds_archive "$dir" "$jar"
  plain=() cds=()
  for _ in $(seq "$runs"); do
    plain+=("$(startup_millis java -jar "$dir/$jar" "${app_args[@]}")")
    cds+=("$(startup_millis java -XX:SharedArchiveFile="$dir/app.jsa" -jar "$dir/app/$jar" "${app_args[@]}")")
  done
  printf '| %s | %s (%s) | %s (%s) |\n' "$chapter" "$(echo "${plain[*]}" | median)" "${plain[*]}" \
    "$(echo "${cds[*]}" | median)" "${cds[*]}"
done
