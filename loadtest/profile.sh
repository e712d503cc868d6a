#!/usr/bin/env bash
# Where a chapter's hub spends its CPU under load. Starts the chapter (06 by default) with Java
# Flight Recorder, runs scenario (a) of the benchmark with the course's load client (200
# subscribers, one publisher at 200 msg/s, 100-byte messages) for 20 s after a 10 s warm-up, and
# prints three tables from the CPU samples: the threads, the methods on top of the stack (where
# the CPU was), and the course's and Spring's methods anywhere in the stack (what it was doing).
# Writes loadtest/results/profile-<chapter>-<date>.jfr (not committed), which `jfr` and JDK
# Mission Control open. About a minute. Usage: loadtest/profile.sh [chapter]
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/lib.sh
chapter=${1:-06-production}

./mvnw -q -pl "$chapter",loadtest -DskipTests package
app=$chapter/target/$chapter-1.0.0-SNAPSHOT.jar
load=loadtest/target/loadtest-1.0.0-SNAPSHOT.jar
recording=loadtest/results/profile-$chapter-$(date +%Y%m%d).jfr
port=9108
mkdir -p loadtest/results

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait' EXIT INT TERM
app_args=()
if needs_redis "$app"; then
  start_local_redis "$app" 6395
  app_args=(--spring.data.redis.host=localhost --spring.data.redis.port=6395)
fi
java -XX:StartFlightRecording=settings=profile -jar "$app" --server.port=$port "${app_args[@]}" >/dev/null 2>&1 &
app_pid=$!
pids+=($app_pid)
await_port $port

java -jar "$load" --url http://localhost:$port --subscribers 200 --rate 200 --duration 20 --warmup 10
jcmd $app_pid JFR.dump filename="$PWD/$recording" >/dev/null

samples=$(mktemp)
jfr print --events jdk.ExecutionSample "$recording" >"$samples"
total=$(grep -c '^jdk.ExecutionSample' "$samples")
echo
echo "$total CPU samples (one every 10 or 20 ms of a running thread); $recording"
# The thread pools: a thread's name without its number.
echo
echo "| thread | share |"
echo "|---|---:|"
sed -n 's/^  sampledThread = "\(.*\)" (javaThreadId.*/\1/p' "$samples" | sed 's/-*[0-9]*$//' |
  sort | uniq -c | sort -rn | head -8 | awk -v t="$total" '{ n = $1; $1 = ""; printf "| %s | %.1f %% |\n", substr($0, 2), 100 * n / t }'
# Self: the frame on top of each sample.
echo
echo "| on top of the stack (self) | share |"
echo "|---|---:|"
awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/\(.*$/, ""); print }' "$samples" |
  sort | uniq -c | sort -rn | head -15 | awk -v t="$total" '{ printf "| `%s` | %.1f %% |\n", $2, 100 * $1 / t }'
# Total: each course or Spring method counted once per sample it appears in.
echo
echo "| course and Spring methods anywhere in the stack (total) | share |"
echo "|---|---:|"
awk '/stackTrace = \[/ { inside = 1; delete seen; next }
     inside && /^ *\]/ { inside = 0; next }
     inside && /(com\.example|org\.springframework)\./ {
       frame = $0; sub(/^ +/, "", frame); sub(/\(.*$/, "", frame)
       if (!(frame in seen)) { seen[frame] = 1; print frame }
     }' "$samples" |
  sort | uniq -c | sort -rn | head -25 | awk -v t="$total" '{ printf "| `%s` | %.1f %% |\n", $2, 100 * $1 / t }'
rm -f "$samples"
