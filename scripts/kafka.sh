#!/usr/bin/env bash
# An Apache Kafka 4.1 broker in KRaft combined mode (broker + controller, one JVM) on 127.0.0.1, from the
# Maven Central jars listed in scripts/kafka/pom.xml (no Kafka installation, no ZooKeeper).
#
#   scripts/kafka.sh start                        formats storage on first use, starts, waits for the broker
#   scripts/kafka.sh status                       bootstrap address, pid, topics
#   scripts/kafka.sh create-topic NAME [PARTS]    creates a topic (default 2 partitions) unless it exists
#   scripts/kafka.sh produce TOPIC < FILES        sends standard input, one message a line
#   scripts/kafka.sh stop                         stops exactly the process this script started (by pid)
#   scripts/kafka.sh sasl                         the SASL listener: bootstrap, user and password file
#   scripts/kafka.sh consumer-perf TOPIC N        Kafka's own consumer benchmark (ConsumerPerformance, as
#                                                 kafka-consumer-perf-test.sh runs it) reading N messages of TOPIC
#
# Two client listeners: PLAINTEXT on KAFKA_PORT, and SASL_PLAINTEXT on KAFKA_SASL_PORT (KAFKA_PORT + 2) with
# the mechanisms PLAIN and SCRAM-SHA-256 for the user "inlearning", whose random password is written once to
# STATE/sasl/password (readable by this user only).
#
# Environment: INLEARNING_KAFKA_DIR (state folder, default target/kafka), KAFKA_PORT (9092), KAFKA_SASL_PORT,
# KAFKA_CONTROLLER_PORT (19093), KAFKA_HEAP (512m).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"

STATE=${INLEARNING_KAFKA_DIR:-$ROOT/target/kafka}
PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
HEAP=${KAFKA_HEAP:-512m}
SASL_PORT=${KAFKA_SASL_PORT:-$((PORT + 2))}
BOOTSTRAP="127.0.0.1:$PORT"
SASL_USER=inlearning
SASL_PASSWORD_FILE="$STATE/sasl/password"
LIBS="$STATE/libs"
PID_FILE="$STATE/kafka.pid"

die() { echo "kafka.sh: $*" >&2; exit 1; }

. "$ROOT/scripts/service-lib.sh"

fetch() {
  [ -f "$LIBS/.complete" ] && return
  mkdir -p "$LIBS"
  mvn -B -q -f "$ROOT/scripts/kafka/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS" >&2 || die "cannot fetch the Kafka jars"
  touch "$LIBS/.complete"
}

java_tool() { # main class, args...
  "$JAVA" -Xmx256m -Dlog4j.configuration="file:$STATE/log4j.properties" -cp "$LIBS/*" "$@"
}

configure() {
  mkdir -p "$STATE/logs" "$STATE/data" "$STATE/sasl"
  chmod 700 "$STATE/sasl"
  [ -s "$SASL_PASSWORD_FILE" ] || (umask 077; openssl rand -hex 20 > "$SASL_PASSWORD_FILE")
  local password
  password=$(cat "$SASL_PASSWORD_FILE")
  (umask 077; cat > "$STATE/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$SASL_USER="$password";
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
log.dirs=$STATE/data
num.partitions=2
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
  )
  cat > "$STATE/log4j.properties" <<EOF
log4j.rootLogger=WARN, file
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$STATE/logs/tools.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
  # Formatting is once per storage folder: the cluster id lives in it.
  if [ ! -f "$STATE/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java_tool kafka.tools.StorageTool random-uuid)
    # SCRAM credentials live in the cluster metadata, written when the storage is formatted.
    java_tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$STATE/server.properties" \
      --add-scram "SCRAM-SHA-256=[name=$SASL_USER,password=$password]" \
      > "$STATE/logs/format.log" 2>&1 || die "cannot format the storage (see $STATE/logs/format.log)"
  fi
}

topics() { # args...
  java_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" "$@"
}

broker_up() { topics --list > /dev/null 2>&1; }

start() {
  alive && die "already running (scripts/kafka.sh status)"
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "something else already listens on $BOOTSTRAP"
  fi
  fetch
  configure
  # shellcheck disable=SC2086
  nohup "$JAVA" -Xmx"$HEAP" -Xms"$HEAP" \
    -Dlog4j.configuration="file:$STATE/log4j.properties" -Dkafka.logs.dir="$STATE/logs" \
    -cp "$LIBS/*" kafka.Kafka "$STATE/server.properties" > "$STATE/logs/server.log" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  wait_until_up 90 "the broker on $BOOTSTRAP" "$STATE/logs/server.log" broker_up
  status
}

status() {
  running_or_say || return 1
  echo "kafka: $BOOTSTRAP (pid $(cat "$PID_FILE"), KRaft, controller 127.0.0.1:$CONTROLLER_PORT)"
  echo "topics: $(topics --list 2>/dev/null | grep -v '^__' | tr '\n' ' ')"
}

create_topic() {
  local name=${1:?create-topic needs a topic name} partitions=${2:-2}
  alive || die "not running (scripts/kafka.sh start)"
  topics --create --if-not-exists --topic "$name" --partitions "$partitions" --replication-factor 1
}

produce() {
  local name=${1:?produce needs a topic name}
  alive || die "not running (scripts/kafka.sh start)"
  java_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$name" \
    --producer-property linger.ms=20 --producer-property batch.size=262144
}

consumer_perf() {
  local name=${1:?consumer-perf needs a topic name} messages=${2:?consumer-perf needs a message count}
  alive || die "not running (scripts/kafka.sh start)"
  java_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --topic "$name" \
    --messages "$messages" --timeout 60000
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  start) start ;;
  status) status ;;
  create-topic) create_topic "$@" ;;
  produce) produce "$@" ;;
  bootstrap) echo "$BOOTSTRAP" ;;
  sasl) echo "bootstrap=127.0.0.1:$SASL_PORT user=$SASL_USER password_file=$SASL_PASSWORD_FILE" ;;
  consumer-perf) consumer_perf "$@" ;;
  stop) stop ;;
  *) echo "usage: scripts/kafka.sh start | status | create-topic NAME [PARTITIONS] | produce TOPIC | consumer-perf TOPIC N | bootstrap | sasl | stop" >&2
     exit 2 ;;
esac
