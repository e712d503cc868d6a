# Functions shared by the scripts in loadtest/; they source this file from the project root.

# Waits until something accepts connections on the loopback port; checks every $2 seconds
# (0.2 by default).
await_port() {
  until (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; do sleep "${2:-0.2}"; done
}

# Stops what the script started (the PIDs in its pids array) and waits for those alone: a
# plain `wait` would also wait for the tee of record_results, which waits for the script.
stop_started() {
  kill "${pids[@]}" 2>/dev/null || true
  local pid
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}

# Whether a chapter's jar ($1) needs Redis: chapters 05 and 06 do, and ship one.
needs_redis() {
  unzip -l "$1" BOOT-INF/classes/com/example/hub/LocalRedis.class >/dev/null 2>&1
}

# Starts, in the background, the development Redis that chapter 05's or 06's jar ($1)
# ships, on port $2; adds its PID to the caller's pids array, and waits until it answers.
start_local_redis() {
  java -Dloader.main=com.example.hub.LocalRedis -cp "$1" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$2" >/dev/null &
  pids+=($!)
  await_port "$2"
}

# Whether a chapter's jar ($1) relays to a message broker: chapter 07 does, and ships one.
needs_broker() {
  unzip -l "$1" BOOT-INF/classes/com/example/hub/LocalBroker.class >/dev/null 2>&1
}

# Starts, in the background, the development broker (ActiveMQ Artemis) that chapter 07's jar
# ($1) ships, taking STOMP on port $2; adds its PID to the caller's pids array, and waits
# until it answers.
start_local_broker() {
  java -Dloader.main=com.example.hub.LocalBroker -cp "$1" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$2" >/dev/null &
  pids+=($!)
  await_port "$2"
}

# Milliseconds from starting the command ($@, given --server.port=$port) to the port
# accepting a connection.
startup_millis() {
  local start end pid
  start=$(date +%s%N)
  "$@" --server.port=$port >/dev/null 2>&1 &
  pid=$!
  await_port $port 0.01
  end=$(date +%s%N)
  kill $pid
  wait $pid 2>/dev/null || true
  echo $(((end - start) / 1000000))
}

median() {
  tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# From here on, prints what the script prints to loadtest/results/$1 as well, the file that
# docs/performance.md shows (loadtest/publish-results.sh copies it there).
record_results() {
  mkdir -p loadtest/results
  exec > >(tee "loadtest/results/$1")
}
