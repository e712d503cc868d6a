# Functions shared by the scripts in loadtest/; they source this file from the project root.

# Waits until something accepts connections on the loopback port; checks every $2 seconds
# (0.2 by default).
await_port() {
  until (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; do sleep "${2:-0.2}"; done
}

# Whether a chapter's jar ($1) needs Redis: chapters 05 and 06 do, and ship one.
needs_redis() {
  unzip -l "$1" | grep -q 'com/example/hub/LocalRedis.class'
}

# Starts, in the background, the development Redis that chapter 05's or 06's jar ($1)
# ships, on port $2; adds its PID to the caller's pids array, and waits until it answers.
start_local_redis() {
  java -Dloader.main=com.example.hub.LocalRedis -cp "$1" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$2" >/dev/null &
  pids+=($!)
  await_port "$2"
}

# From here on, prints what the script prints to loadtest/results/$1 as well, the file that
# docs/performance.md shows (loadtest/publish-results.sh copies it there).
record_results() {
  mkdir -p loadtest/results
  exec > >(tee "loadtest/results/$1")
}
