#!/usr/bin/env bash
# Start-up with Spring's ahead-of-time processing on top of the CDS archive of startup.sh:
# the chapter is built with `spring-boot:process-aot`, which works out the beans at build
# time, and run with -Dspring.aot.enabled=true; then the same with the JIT's first tier only
# (-XX:TieredStopAtLevel=1). Median of RUNS runs (5). AOT fixes the conditions at build time:
# chapters 05 and 06 are processed as run here, with a Redis configured. Rebuilds the jars.
# Usage: loadtest/startup-aot.sh [chapters]      e.g. loadtest/startup-aot.sh "01-basics 06-production"
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh
chapters=${1:-"01-basics 06-production"}
runs=${RUNS:-5}
port=9181
redis_port=6396

./mvnw -q -pl "$(echo "$chapters" | tr ' ' ',')" -DskipTests compile spring-boot:process-aot package \
  -Dspring-boot.aot.jvmArguments="-Dspring.data.redis.host=localhost -Dspring.data.redis.port=$redis_port"
record_results startup-aot-$(date +%Y%m%d).md
pids=()
trap stop_started EXIT INT TERM

printf '| chapter | extracted + CDS + AOT: median (all runs), ms | the same, first JIT tier only: median (all runs), ms |\n|---|---:|---:|\n'
for chapter in $chapters; do
  jar=$chapter-1.0.0-SNAPSHOT.jar
  dir=$chapter/target
  args=(-Dspring.aot.enabled=true)
  local_redis_args "$dir/$jar" $redis_port
  cds_archive "$dir" "$jar" "${args[@]}"
  aot=() c1=()
  for _ in $(seq "$runs"); do
    aot+=("$(startup_millis java -XX:SharedArchiveFile="$dir/app.jsa" "${args[@]}" -jar "$dir/app/$jar" "${app_args[@]}")")
    c1+=("$(startup_millis java -XX:SharedArchiveFile="$dir/app.jsa" -XX:TieredStopAtLevel=1 "${args[@]}" \
      -jar "$dir/app/$jar" "${app_args[@]}")")
  done
  printf '| %s | %s (%s) | %s (%s) |\n' "$chapter" "$(echo "${aot[*]}" | median)" "${aot[*]}" \
    "$(echo "${c1[*]}" | median)" "${c1[*]}"
done
