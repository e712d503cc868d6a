#!/usr/bin/env bash
# Where a chapter's hub spends its CPU and memory under load. Starts the chapter (06 by default),
# warms it up with scenario (a) of the benchmark (200 subscribers, one publisher at 200 msg/s,
# 100-byte messages), then records the same load for 20 s with Java Flight Recorder and prints
# tables from the recording: the threads, the methods on top of the stack (where the CPU was),
# the course's and Spring's methods anywhere in the stack (what it was doing), the garbage
# collector's pauses, and the memory allocated per delivered message with the classes that
# take most of it. Writes loadtest/results/profile-<chapter>-<date>.jfr (not committed), which
# `jfr` and JDK Mission Control open. About two minutes. Usage: loadtest/profile.sh [chapter]
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

record_results profile-$chapter-$(date +%Y%m%d).md
pids=()
trap stop_started EXIT INT TERM
local_redis_args "$app" 6395
java -jar "$app" --server.port=$port "${app_args[@]}" >/dev/null 2>&1 &
app_pid=$!
pids+=($app_pid)
await_port $port

# Recorded only after a first run, so that start-up and the JIT's first compilations are not
# in the profile.
fanout=(--url http://localhost:$port --subscribers 200 --rate 200 --size 100)
recorded=20 warmup=2
java -jar "$load" "${fanout[@]}" --duration 10 >/dev/null
jcmd $app_pid JFR.start name=fanout settings=profile >/dev/null
report=$(java -jar "$load" "${fanout[@]}" --duration $recorded --warmup $warmup)
jcmd $app_pid JFR.stop name=fanout filename="$PWD/$recording" >/dev/null
printf '```text\n%s\n```\n' "$report"
deliveries=$(echo "$report" | awk '/^deliveries/ { gsub(",", "", $2); print $2 }')

samples=$(mktemp)
jfr print --stack-depth 96 --events jdk.ExecutionSample "$recording" >"$samples"
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
# What the CPU was spent on: a sample counts for each group that has a frame in its stack.
echo
echo "| samples with a frame of | share |"
echo "|---|---:|"
awk '/stackTrace = \[/ { inside = 1; stack = ""; next }
     inside && /^ *\]/ { inside = 0; print stack; next }
     inside { stack = stack " " $1 }' "$samples" | awk -v t="$total" '
  BEGIN {
    n = 0
    pattern[++n] = "com\\.example\\.";                 label[n] = "the course (com.example)"
    pattern[++n] = "org\\.springframework\\.security";  label[n] = "Spring Security"
    pattern[++n] = "org\\.springframework\\.messaging"; label[n] = "Spring messaging (channels, broker, STOMP)"
    pattern[++n] = "org\\.springframework\\.web\\.socket"; label[n] = "Spring WebSocket"
    pattern[++n] = "org\\.apache\\.(tomcat|coyote)";   label[n] = "Tomcat"
    pattern[++n] = "tools\\.jackson|com\\.fasterxml";   label[n] = "Jackson (JSON)"
    pattern[++n] = "io\\.lettuce|io\\.netty";          label[n] = "Lettuce and Netty (Redis)"
    pattern[++n] = "ch\\.qos\\.logback|org\\.slf4j";  label[n] = "logging"
  }
  { for (i = 1; i <= n; i++) if ($0 ~ pattern[i]) count[i]++ }
  END { for (i = 1; i <= n; i++) printf "| %s | %.1f %% |\n", label[i], 100 * count[i] / t }'
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
# The collector's pauses, and the allocation samples' weights (each an estimate of what its
# thread allocated since its previous sample) added up.
echo
jfr print --events jdk.GarbageCollection "$recording" | awk -v seconds=$((recorded + warmup)) '
  function millis(value, unit) { return unit == "s" ? value * 1000 : unit == "us" ? value / 1000 : unit == "ns" ? value / 1e6 : value }
  /sumOfPauses/ { n++; pause = millis($3, $4); sum += pause; if (pause > longest) longest = pause }
  END { printf "garbage collections: %d in about %d s, %.0f ms of pauses in all, the longest %.1f ms\n", n, seconds, sum, longest }'
jfr print --events jdk.ObjectAllocationSample "$recording" >"$samples"
echo
echo "| allocated, by class | share |"
echo "|---|---:|"
awk -v deliveries="$deliveries" '
  function bytes(value, unit) { return unit == "GB" ? value * 2^30 : unit == "MB" ? value * 2^20 : unit == "kB" ? value * 2^10 : value }
  /objectClass = / { type = $3 }
  /weight = / { weight = bytes($3, $4); total += weight; byType[type] += weight }
  END {
    for (type in byType) printf "%.1f %s\n", 100 * byType[type] / total, type
    printf "TOTAL %.0f %.0f\n", total / 2^20, total / deliveries
  }' "$samples" | sort -rn | awk '
  /^TOTAL/ { summary = sprintf("\nabout %s MiB allocated while recording: %s bytes per delivered message", $2, $3); next }
  ++n <= 10 { printf "| `%s` | %s %% |\n", $2, $1 }
  END { print summary }'
rm -f "$samples"
