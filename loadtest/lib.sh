# Functions shared by the scripts in loadtest/; they source this file from the project root.

# The load clients connect as one user, far more often than chapters 06 and 07 allow one user
# (hub.limits.connections-per-user): every app the scripts start allows them all.
export HUB_LIMITS_CONNECTIONSPERUSER=1000000

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
  unzip -l "$1" BOOT-INF/classes/com/example/cluster/LocalRedis.class >/dev/null 2>&1
}

# Starts, in the background, the development Redis that chapter 05's or 06's jar ($1)
# ships, on port $2; adds its PID to the caller's pids array, and waits until it answers.
start_local_redis() {
  java -Dloader.main=com.example.cluster.LocalRedis -cp "$1" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$2" >/dev/null &
  pids+=($!)
  await_port "$2"
}

# Sets the caller's app_args for a chapter's jar ($1): none, or for chapters 05 and 06 the
# address of the development Redis their jar ships, started on port $2 the first time the
# script asks (its PID joins the caller's pids array).
local_redis_args() {
  app_args=()
  needs_redis "$1" || return 0
  if [ -z "${local_redis_port:-}" ]; then
    start_local_redis "$1" "$2"
    local_redis_port=$2
  fi
  app_args=(--spring.data.redis.host=localhost --spring.data.redis.port="$2")
}

# Whether a chapter's jar ($1) relays to a message broker: chapter 07 does, and ships one.
needs_broker() {
  unzip -l "$1" BOOT-INF/classes/com/example/broker/LocalBroker.class >/dev/null 2>&1
}

# Starts, in the background, the development broker (ActiveMQ Artemis) that chapter 07's jar
# ($1) ships, taking STOMP on port $2; adds its PID to the caller's pids array, and waits
# until it answers.
start_local_broker() {
  java -Dloader.main=com.example.broker.LocalBroker -cp "$1" \
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

# Extracts the chapter's jar ($2, in directory $1) to $1/app and writes the classes one start
# of it loads to a class-data-sharing archive, $1/app.jsa. The other arguments go to java
# before -jar; the app gets the caller's app_args array and --server.port=$port.
cds_archive() {
  local dir=$1 jar=$2
  shift 2
  rm -rf "$dir/app" "$dir/app.jsa"
  java -Djarmode=tools -jar "$dir/$jar" extract --destination "$dir/app" >/dev/null
  java -XX:ArchiveClassesAtExit="$dir/app.jsa" "$@" -Dspring.context.exit=onRefresh \
    -jar "$dir/app/$jar" "${app_args[@]}" --server.port=$port >/dev/null 2>&1
}

median() {
  tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Copies the shared benchmark (../shared/bench, or $BENCH) to a temporary directory, sets
# bench to it, and installs the load client's packages there. The benchmark's load client
# crashes (TypeError: pub is null) when the server closes its publisher's connection before
# the client has stored it, and so hides why: this copy records the close as a note instead,
# as it does for a close later on; nothing measured changes.
prepare_bench() {
  bench=$(mktemp -d)
  cp -r "${BENCH:-$PWD/../shared/bench}"/. "$bench"
  chmod -R u+w "$bench"
  sed -i 's/if (!pub\.closing)/if (!pub?.closing)/' "$bench/load.js"
  (cd "$bench" && npm ci --silent)
}

# The load client's arguments for a chapter's jar ($1, started with the caller's app_args):
# the hub's STOMP destinations and, from chapter 04 on, a token for alice. The benchmark
# restarts the server between phases, and every start checks tokens with the development key
# pair in the jar, so the one token taken here, living two hours, is accepted by all of them.
stomp_target_args() {
  local token="" pid
  if unzip -l "$1" BOOT-INF/classes/com/example/security/TokenController.class >/dev/null 2>&1; then
    java -jar "$1" --server.port=9089 "${app_args[@]}" --hub.token.lifetime=2h >/dev/null 2>&1 &
    pid=$!
    until curl -sf -o /dev/null -d 'username=alice&password=wonderland' localhost:9089/token; do sleep 0.5; done
    token=$(curl -s -d 'username=alice&password=wonderland' localhost:9089/token \
      | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
    kill $pid
    wait $pid 2>/dev/null || true
  fi
  printf '%s' "--stomp-endpoint /messages --stomp-subscribe /topic/messages --stomp-send /app/sendMessageToAll"
  printf '%s' " --stomp-content-type application/json --template '{\"text\":\"%MSG%\"}'"
  [ -z "$token" ] || printf '%s' " --header 'Authorization: Bearer $token'"
}

# From here on, prints what the script prints to loadtest/results/$1 as well, the file that
# docs/performance.md shows (loadtest/publish-results.sh copies it there).
record_results() {
  mkdir -p loadtest/results
  exec > >(tee "loadtest/results/$1")
}
