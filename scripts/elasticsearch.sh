#!/usr/bin/env bash
# A single-node Elasticsearch 8 on 127.0.0.1, from Maven Central's integ-test-zip distribution (no Docker,
# no download outside Maven). Elasticsearch refuses to run as root: when started by root it runs as a plain
# system user (inlearning-es, created if missing) that owns the state folder.
#
#   scripts/elasticsearch.sh start    unpacks on first use, starts, waits until the cluster is yellow/green
#   scripts/elasticsearch.sh status   URL and cluster health
#   scripts/elasticsearch.sh stop     stops exactly the process this script started (by pid)
#
# Environment: INLEARNING_ES_DIR (state folder, default target/elasticsearch), ES_HTTP_PORT (9200),
# ES_TRANSPORT_PORT (9300), ES_VERSION (8.19.21), ES_HEAP (512m), ES_USER (inlearning-es), ES_JAVA_OPTS
# (more JVM options for the server, after the heap).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"

STATE=${INLEARNING_ES_DIR:-$ROOT/target/elasticsearch}

# The Elasticsearch user must be able to reach its folder: when a parent folder is closed to others (a
# checkout under /root, say), keep the state under /var/tmp instead, at a name derived from the folder.
reachable_by_others() {
  local dir=$1
  while [ "$dir" != / ] && [ -n "$dir" ]; do
    if [ -e "$dir" ] && [ -z "$(find "$dir" -maxdepth 0 -perm -o+x 2>/dev/null)" ]; then
      return 1
    fi
    dir=$(dirname "$dir")
  done
}
if [ "$(id -u)" = 0 ] && ! reachable_by_others "$STATE"; then
  STATE="/var/tmp/inlearning-elasticsearch-$(printf '%s' "$STATE" | md5sum | cut -c1-12)"
fi
VERSION=${ES_VERSION:-8.19.21}
HTTP_PORT=${ES_HTTP_PORT:-9200}
TRANSPORT_PORT=${ES_TRANSPORT_PORT:-9300}
HEAP=${ES_HEAP:-512m}
ES_USER=${ES_USER:-inlearning-es}
URL="http://127.0.0.1:$HTTP_PORT"
HOME_DIR="$STATE/elasticsearch-$VERSION"
PID_FILE="$STATE/elasticsearch.pid"

die() { echo "elasticsearch.sh: $*" >&2; exit 1; }

. "$ROOT/scripts/service-lib.sh"

health() { curl -fsS --max-time 5 "$URL/_cluster/health" 2>/dev/null; }

healthy() { health | grep -Eq '"status":"(green|yellow)"'; }

# The distribution comes from Maven Central like every other dependency (cached in ~/.m2).
unpack() {
  [ -x "$HOME_DIR/bin/elasticsearch" ] && return
  mkdir -p "$STATE/download"
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip" \
    -DoutputDirectory="$STATE/download" >&2 || die "cannot fetch the Elasticsearch $VERSION distribution"
  command -v unzip > /dev/null || die "unzip is needed (apt-get install unzip)"
  unzip -q -o "$STATE/download/elasticsearch-$VERSION.zip" -d "$STATE"
  rm -rf "$STATE/download"
}

configure() {
  mkdir -p "$STATE/data" "$STATE/logs" "$STATE/tmp"
  cat > "$HOME_DIR/config/elasticsearch.yml" <<EOF
cluster.name: inlearning-test
node.name: inlearning-es-1
path.data: $STATE/data
path.logs: $STATE/logs
network.host: 127.0.0.1
http.port: $HTTP_PORT
transport.port: $TRANSPORT_PORT
discovery.type: single-node
xpack.security.enabled: false
# A nearly full disk must not turn the test indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
}

run_as_user() {
  if [ "$(id -u)" = 0 ]; then
    if ! id "$ES_USER" > /dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" \
        || die "cannot create the system user $ES_USER"
    fi
    chown -R "$ES_USER" "$STATE"
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

start() {
  alive && die "already running (scripts/elasticsearch.sh status)"
  if curl -fsS --max-time 2 "$URL/_cluster/health" > /dev/null 2>&1; then
    die "something else already answers on $URL"
  fi
  unpack
  configure
  rm -f "$PID_FILE"
  # -d daemonises; Elasticsearch writes its own pid file once started.
  run_as_user env ES_JAVA_HOME="$JAVA_HOME" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP${ES_JAVA_OPTS:+ $ES_JAVA_OPTS}" ES_TMPDIR="$STATE/tmp" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$PID_FILE" > "$STATE/logs/console.log" 2>&1 \
    || die "Elasticsearch did not start (see $STATE/logs/console.log)"
  local deadline=$((SECONDS + 30))
  until [ -f "$PID_FILE" ]; do
    [ $SECONDS -lt $deadline ] || die "no pid file after 30 s (logs: $STATE/logs)"
    sleep 0.5
  done
  wait_until_up 120 "Elasticsearch on $URL" "$STATE/logs, $STATE/logs/console.log" healthy
  status
}

status() {
  running_or_say || return 1
  echo "elasticsearch: $URL (pid $(cat "$PID_FILE"), version $VERSION)"
  echo "health: $(health || echo unreachable)"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  start) start ;;
  status) status ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *) echo "usage: scripts/elasticsearch.sh start | status | stop | url" >&2; exit 2 ;;
esac
