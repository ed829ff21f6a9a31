# Sourced by scripts/elasticsearch.sh, scripts/elasticsearch-proxy.sh, scripts/kafka.sh and
# scripts/history-server.sh: one service process
# tracked by a pid file. The sourcing script sets PID_FILE and defines die().

alive() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

# Stops exactly the process named by the pid file: TERM, up to 30 s to exit, then KILL.
stop() {
  if alive; then
    local pid
    pid=$(cat "$PID_FILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "stopped"
}

# Waits until a check command succeeds; dies when the process exits first or the time runs out.
wait_until_up() { # seconds, what, log, check command...
  local deadline=$((SECONDS + $1)) what=$2 log=$3
  shift 3
  until "$@"; do
    alive || die "$what exited while starting (see $log)"
    [ $SECONDS -lt $deadline ] || die "timed out waiting for $what (see $log)"
    sleep 1
  done
}

# The common head of every status command: "not running" and a failure when the process is gone.
running_or_say() { alive || { echo "not running"; return 1; }; }
