#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the project's own Spark jars: one master and N workers
# on 127.0.0.1, each a separate JVM. Logs, pids and work folders live in one state folder.
#
#   scripts/cluster.sh start [--workers N] [--secret-file FILE]
#                                            master on 7077 (UI 8080, REST 6066), N workers (default 2; UIs 8081+);
#                                            with --secret-file, RPC authentication and encryption (below)
#   scripts/cluster.sh add-worker            one more worker, joining the running master
#   scripts/cluster.sh remove-worker         stops the worker added last
#   scripts/cluster.sh status                master URL, UI URL, alive workers
#   scripts/cluster.sh stop                  stops exactly the processes this script started (by pid)
#
# Environment: INLEARNING_CLUSTER_DIR (state folder, default target/cluster), SPARK_WORKER_CORES (1),
# SPARK_WORKER_MEMORY (2g), SPARK_MASTER_PORT (7077), SPARK_MASTER_WEBUI_PORT (8080), SPARK_MASTER_REST_PORT
# (6066: the REST submission server, which cluster deploy mode under Airflow needs).
#
# --secret-file FILE turns on spark.authenticate with the shared secret in FILE and AES-based RPC encryption
# (spark.network.crypto.enabled). Outside Kubernetes Spark takes the secret only as spark.authenticate.secret,
# so the script writes the three settings to STATE/auth.conf (readable by this user only) and starts the
# master and workers with --properties-file; the workers hand the secret to their executors. Applications
# bring the same three settings in their own properties file (spark-submit --properties-file, or
# spark-defaults.conf under SPARK_CONF_DIR); an application without the secret is refused. The REST
# submission server cannot authenticate callers, so a secured cluster runs without it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
. "$ROOT/bin/app-jar.sh"

STATE=${INLEARNING_CLUSTER_DIR:-$ROOT/target/cluster}
HOST=127.0.0.1
MASTER_PORT=${SPARK_MASTER_PORT:-7077}
MASTER_UI_PORT=${SPARK_MASTER_WEBUI_PORT:-8080}
MASTER_REST_PORT=${SPARK_MASTER_REST_PORT:-6066}
WORKER_CORES=${SPARK_WORKER_CORES:-1}
WORKER_MEMORY=${SPARK_WORKER_MEMORY:-2g}
MASTER_URL="spark://$HOST:$MASTER_PORT"
MASTER_UI="http://$HOST:$MASTER_UI_PORT"

die() { echo "cluster.sh: $*" >&2; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Workers start executors with $SPARK_HOME/jars/* as their classpath: give them a SPARK_HOME whose jars/
# links to the jars of the project's Spark runtime.
prepare() {
  ensure_app_jar
  mkdir -p "$STATE/logs" "$STATE/spark-home/jars" "$STATE/work"
  # classpath.txt ends without a newline: `|| [ -n "$jar" ]` keeps its last jar.
  tr ':' '\n' < "$ROOT/target/classpath.txt" | while read -r jar || [ -n "$jar" ]; do
    [ -n "$jar" ] && ln -sf "$jar" "$STATE/spark-home/jars/$(basename "$jar")"
  done
}

launch() { # name, [-Dkey=value...], main class, args...
  local name=$1; shift
  local properties=()
  while [[ $1 == -D* ]]; do properties+=("$1"); shift; done
  local module_options
  module_options=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$ROOT/pom.xml")
  # shellcheck disable=SC2086
  SPARK_HOME="$STATE/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=$HOST \
    nohup "$JAVA" -Xmx512m $module_options \
      -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dinlearning.log.level=info "${properties[@]}" \
      -cp "$(cat "$ROOT/target/classpath.txt")" "$@" > "$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/$name.pid"
}

master_json() { curl -fsS --max-time 5 "$MASTER_UI/json/" 2>/dev/null; }

alive_workers() {
  master_json | python3 -c 'import json,sys; print(sum(1 for w in json.load(sys.stdin)["workers"] if w["state"] == "ALIVE"))' 2>/dev/null || echo 0
}

workers_above() { [ "$(alive_workers)" -gt "$1" ]; }

master_up() { master_json > /dev/null; }

wait_for() { # seconds, description, command...
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@"; do
    [ $SECONDS -lt $deadline ] || die "timed out waiting for $what (logs: $STATE/logs)"
    sleep 1
  done
}

worker_count() { ls "$STATE"/worker-*.pid 2>/dev/null | wc -l; }

# The daemons' properties file of a secured cluster (no arguments when it is open): the secret stays out of
# command lines, where ps would show it.
auth_arguments() {
  [ -f "$STATE/auth.conf" ] && echo "--properties-file $STATE/auth.conf"
  return 0
}

start_worker() {
  local index=$1
  mkdir -p "$STATE/work/worker-$index"
  # shellcheck disable=SC2046
  launch "worker-$index" org.apache.spark.deploy.worker.Worker $(auth_arguments) --host $HOST \
    --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --webui-port $((MASTER_UI_PORT + index)) \
    --work-dir "$STATE/work/worker-$index" "$MASTER_URL"
}

start() {
  local workers=2 secret_file=
  while [ $# -gt 0 ]; do
    case $1 in
      --workers) workers=${2:?--workers needs a number}; shift 2 ;;
      --secret-file) secret_file=${2:?--secret-file needs a file}; shift 2 ;;
      *) die "unknown option: $1" ;;
    esac
  done
  alive "$STATE/master.pid" && die "already running (scripts/cluster.sh status)"
  prepare
  rm -f "$STATE"/*.pid "$STATE/auth.conf"
  local rest=(-Dspark.master.rest.enabled=true -Dspark.master.rest.host=$HOST -Dspark.master.rest.port="$MASTER_REST_PORT")
  if [ -n "$secret_file" ]; then
    [ -s "$secret_file" ] || die "the secret file $secret_file is missing or empty"
    (umask 077; printf 'spark.authenticate=true\nspark.authenticate.secret=%s\nspark.network.crypto.enabled=true\n' \
      "$(tr -d '\n' < "$secret_file")" > "$STATE/auth.conf")
    rest=(-Dspark.master.rest.enabled=false)
  fi
  # The REST submission server: Airflow's Spark provider polls a cluster-mode driver's state there.
  # shellcheck disable=SC2046
  launch master "${rest[@]}" org.apache.spark.deploy.master.Master $(auth_arguments) \
    --host $HOST --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT"
  wait_for 60 "the master" master_up
  for index in $(seq 1 "$workers"); do
    start_worker "$index"
  done
  wait_for 90 "$workers workers to register" workers_above $((workers - 1))
  native_lapack || echo "cluster.sh: note: no native LAPACK here (Debian, Ubuntu: apt-get install" \
    "libopenblas0-pthread); drivers on this machine invert EASE's matrices in pure Java, slowly" >&2
  status
}

# EASE inverts a course x course matrix on the driver, which runs on a worker in cluster deploy mode; netlib
# uses liblapack.so.3 when the system has one, its pure-Java build otherwise.
native_lapack() {
  ldconfig -p 2>/dev/null | grep -q 'liblapack\.so\.3'
}

add_worker() {
  alive "$STATE/master.pid" || die "no cluster running (scripts/cluster.sh start)"
  local before index
  before=$(alive_workers)
  index=$(( $(worker_count) + 1 ))
  start_worker "$index"
  wait_for 90 "worker $index to register" workers_above "$before"
  status
}

status() {
  if ! alive "$STATE/master.pid"; then
    echo "not running"
    return 1
  fi
  echo "master: $MASTER_URL"
  echo "ui:     $MASTER_UI"
  if native_lapack; then echo "lapack: native (liblapack.so.3)"; else echo "lapack: pure Java (no liblapack.so.3)"; fi
  [ -f "$STATE/auth.conf" ] && echo "auth:   spark.authenticate (secret in $STATE/auth.conf), RPC encrypted"
  master_json | python3 -c '
import json, sys
state = json.load(sys.stdin)
alive = [w for w in state["workers"] if w["state"] == "ALIVE"]
print("workers alive: %d" % len(alive))
for w in alive:
    print("  %s  %s cores, %s MiB  %s" % (w["id"], w["cores"], w["memory"], w["webuiaddress"]))
for app in state.get("activeapps", []):
    print("running application: %s (%s)" % (app["name"], app["id"]))
'
}

stop_daemon() { # pid file
  local pid
  [ -f "$1" ] || return 0
  pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

# Stops the worker added last (the highest index), so that a test that added one leaves the cluster as it was.
remove_worker() {
  alive "$STATE/master.pid" || die "no cluster running (scripts/cluster.sh start)"
  local before last
  before=$(alive_workers)
  last=$(ls "$STATE"/worker-*.pid 2>/dev/null | sed 's/.*worker-\([0-9]*\)\.pid$/\1/' | sort -n | tail -1 || true)
  [ -n "$last" ] || die "no worker to remove"
  stop_daemon "$STATE/worker-$last.pid"
  wait_for 90 "worker $last to leave the master" workers_below "$before"
  status
}

workers_below() { [ "$(alive_workers)" -lt "$1" ]; }

stop() {
  local pid_file
  for pid_file in "$STATE"/worker-*.pid "$STATE"/master.pid; do
    stop_daemon "$pid_file"
  done
  echo "stopped"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  start) start "$@" ;;
  add-worker) add_worker ;;
  remove-worker) remove_worker ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: scripts/cluster.sh start [--workers N] [--secret-file FILE] | add-worker | remove-worker | status | stop" >&2; exit 2 ;;
esac
