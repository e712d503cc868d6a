#!/usr/bin/env bash
# A local demo cluster of chapter 05: one Redis on port 6379 and two instances of the
# app on ports 8080 and 8081. Ctrl-C stops all three. Needs only a JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -pl 05-scaling-redis -DskipTests package
jar=05-scaling-redis/target/05-scaling-redis-1.0.0-SNAPSHOT.jar

pids=()
stop() {
  kill "${pids[@]}" 2>/dev/null || true
  wait
}
trap stop EXIT INT TERM

# The Redis binary that ships in the app's jar, run by the app's LocalRedis class.
java -Dloader.main=com.example.hub.LocalRedis -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher 6379 &
pids+=($!)
until (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; do sleep 0.2; done

for instance in 1 2; do
  java -jar "$jar" --server.port=$((8079 + instance)) --hub.instance.name=instance-$instance \
    --spring.data.redis.host=localhost --spring.data.redis.port=6379 &
  pids+=($!)
done

echo "Starting: http://localhost:8080 (instance-1) and http://localhost:8081 (instance-2). Ctrl-C stops the cluster."
wait
