#!/usr/bin/env bash
# Spark's history server (org.apache.spark.deploy.history.HistoryServer) on this machine, from the
# project's own Spark jars: it lists finished (and running) applications from their event logs, with the
# same pages as their live UI, and a REST API under /api/v1.
#
#   scripts/history-server.sh start    UI and REST API on http://127.0.0.1:18080
#   scripts/history-server.sh status
#   scripts/history-server.sh stop     stops the process start started (by pid)
#
# Environment: INLEARNING_EVENT_LOG_DIR (the event logs the jobs write, default /tmp/spark-events: the
# jobs' default too), SPARK_HISTORY_PORT (18080), INLEARNING_HISTORY_DIR (pid and log, default
# target/history-server).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"

STATE=${INLEARNING_HISTORY_DIR:-$ROOT/target/history-server}
EVENT_LOGS=${INLEARNING_EVENT_LOG_DIR:-/tmp/spark-events}
PORT=${SPARK_HISTORY_PORT:-18080}
URL="http://127.0.0.1:$PORT"

die() { echo "history-server.sh: $*" >&2; exit 1; }

PID_FILE="$STATE/pid"
. "$ROOT/scripts/service-lib.sh"

up() { curl -fsS --max-time 5 "$URL/api/v1/applications" > /dev/null 2>&1; }

start() {
  alive && die "already running (scripts/history-server.sh status)"
  if [ ! -f "$ROOT/target/classpath.txt" ]; then
    (cd "$ROOT" && mvn -q -B -DskipTests package >&2) || die "build failed"
  fi
  mkdir -p "$STATE" "$EVENT_LOGS"
  local module_options
  module_options=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$ROOT/pom.xml")
  # The update interval is short so a job that just finished shows up within seconds.
  # shellcheck disable=SC2086
  SPARK_LOCAL_IP=127.0.0.1 nohup "$JAVA" -Xmx1g $module_options \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dinlearning.log.level=info \
    -Dspark.history.fs.logDirectory="file:$(cd "$EVENT_LOGS" && pwd)" \
    -Dspark.history.ui.port="$PORT" \
    -Dspark.history.fs.update.interval=2s \
    -cp "$(cat "$ROOT/target/classpath.txt")" org.apache.spark.deploy.history.HistoryServer \
    > "$STATE/history-server.log" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  wait_until_up 60 "the history server on $URL" "$STATE/history-server.log" up
  status
}

status() {
  running_or_say || return 1
  echo "history server: $URL (event logs: $EVENT_LOGS)"
  echo "applications:   $URL/api/v1/applications"
}

case ${1:-} in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: scripts/history-server.sh start | status | stop" >&2; exit 2 ;;
esac
