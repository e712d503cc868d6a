#!/usr/bin/env bash
# A local demo cluster of this chapter: one message broker (ActiveMQ Artemis) taking
# STOMP on port 61613 and two instances of the app, instance-1 on port 8080 and
# instance-2 on port 8081, each line of output marked with the part that wrote it. Says
# "Ready" once both pages answer; Ctrl-C stops all three. If a part cannot start, it says
# which and stops the others. Needs only a JDK.
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

# Whether what listens on the port is a STOMP broker: it answers CONNECT. With the
# instances' system login, so that ours lets it in; then it says goodbye and waits for the
# receipt, and reads each frame up to its NUL, so that the broker logs nothing about it.
is_broker() (
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf 'CONNECT\naccept-version:1.2\nhost:localhost\nlogin:%s\npasscode:%s\n\n\0' \
    "${HUB_BROKER_SYSTEM_LOGIN:-hub-system}" "$HUB_BROKER_SYSTEM_PASSCODE" >&3
  read -r -t 2 -d '' reply <&3 || exit 1
  if [[ $reply == CONNECTED* ]]; then
    printf 'DISCONNECT\nreceipt:bye\n\n\0' >&3
    read -r -t 2 -d '' _ <&3
  fi
  [[ $reply == CONNECTED* || $reply == ERROR* ]]
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

# The broker takes the instances' logins and no others. Passcodes of your own from the
# environment (to share a broker you started yourself), or new ones for this run.
random_passcode() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }
export HUB_BROKER_SYSTEM_PASSCODE=${HUB_BROKER_SYSTEM_PASSCODE:-$(random_passcode)}
export HUB_BROKER_CLIENT_PASSCODE=${HUB_BROKER_CLIENT_PASSCODE:-$(random_passcode)}

if is_broker 61613 2>/dev/null; then
  say "Using the STOMP broker that is already running on port 61613."
elif listening 61613; then
  fail "Port 61613 is taken by something that is not a STOMP broker. Stop it and try again."
else
  say "Starting the message broker on port 61613..."
  # The ActiveMQ Artemis broker that ships in the app's jar, run by the app's LocalBroker
  # class in a JVM of its own: stopping an instance does not stop the broker.
  start broker java -Dloader.main=com.example.broker.LocalBroker -cp "$jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher 61613
  until is_broker 61613 2>/dev/null; do
    check_running
    sleep 0.2
  done
fi

for instance in 1 2; do
  port=$((8079 + instance))
  say "Starting instance-$instance on port $port..."
  start "instance-$instance" java -jar "$jar" --server.port=$port --hub.instance.name=instance-$instance \
    --hub.broker.embedded=false --hub.broker.port=61613 --spring.main.banner-mode=off
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
