# Sourced by scripts/elasticsearch.sh, scripts/kafka.sh and scripts/history-server.sh: one service process tracked by a pid file.

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
