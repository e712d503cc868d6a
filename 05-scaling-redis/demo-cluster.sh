#!/usr/bin/env bash
# A local demo cluster of this chapter: one Redis on port 6379 and two instances of the
# app, instance-1 on port 8080 and instance-2 on port 8081, each line of output marked
# with the part that wrote it. Says "Ready" once both pages answer; Ctrl-C stops all
# three. If a part cannot start, it says which and stops the others. Needs only a JDK.
set -euo pipefail
chapter=$(basename "$(cd "$(dirname "$0")" && pwd)")
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\n==> %s\n' "$*" >&2; exit 1; }

# Whether something listens on a port of this machine.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Whether what listens on the port answers an HTTP GET of / with 200.
answers() (
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  read -r -t 5 _ status _ <&3 || exit 1
  [[ $status == 200 ]]
)

# Whether what listens on the port is a Redis.
is_redis() (
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || exit 1
  [[ $reply == +PONG* ]]
)

for port in 8080 8081; do
  if listening $port; then
    fail "Port $port is taken: is a chapter still running? Stop it (Ctrl-C in its terminal) and try again."
  fi
done

say "Building $chapter (the first build downloads dependencies, which takes a minute or two)..."
./mvnw -q -pl "$chapter" -DskipTests package
jar=$(ls "$chapter"/target/"$chapter"-*.jar | head -n 1)

pids=()
names=()
stop() {
  trap - EXIT INT TERM
  if ((${#pids[@]})); then
    say "Stopping the cluster..."
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# Starts a part in the background, each of its lines prefixed with its name.
start() {
  local name=$1
  shift
  "$@" > >(sed -u "s/^/[$name] /") 2>&1 &
  pids+=($!)
  names+=("$name")
}

# Fails, naming the part, if one of the started parts has stopped.
check_running() {
  local i
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      fail "${names[$i]} has stopped (its last lines are above with [${names[$i]}]); stopping the others."
    fi
  done
}

if is_redis 6379 2>/dev/null; then
  say "Using the Redis that is already running on port 6379."
elif listening 6379; then
  fail "Port 6379 is taken by something that is not Redis. Stop it and try again."
else
  say "Starting Redis on port 6379..."
  # The Redis binary that ships in the app's jar, run by the app's LocalRedis class.
  start redis java -Dloader.main=com.example.cluster.LocalRedis -cp "$jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher 6379
  until is_redis 6379 2>/dev/null; do
    check_running
    sleep 0.2
  done
fi

for instance in 1 2; do
  port=$((8079 + instance))
  say "Starting instance-$instance on port $port..."
  start "instance-$instance" java -jar "$jar" --server.port=$port --hub.instance.name=instance-$instance \
    --spring.data.redis.host=localhost --spring.data.redis.port=6379 --spring.main.banner-mode=off
done

say "Waiting for both pages to answer (10 to 30 seconds)..."
for port in 8080 8081; do
  for ((tries = 0; ; tries++)); do
    answers $port 2>/dev/null && break
    check_running
    ((tries < 600)) || fail "Nothing answers on port $port after two minutes."
    sleep 0.2
  done
done

say "Ready: http://localhost:8080 (instance-1) and http://localhost:8081 (instance-2). Ctrl-C stops the cluster."
while true; do
  check_running
  sleep 1
done
