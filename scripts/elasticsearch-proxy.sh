#!/usr/bin/env bash
# A TLS-terminating, authenticating nginx (Debian's nginx-light) in front of the local Elasticsearch, so that
# the sink's secured connection is exercised for real: the integ-test distribution of Elasticsearch that
# scripts/elasticsearch.sh runs has no security module of its own.
#
#   scripts/elasticsearch-proxy.sh start   makes a private CA and a certificate for 127.0.0.1 (openssl), a user
#                                          with a random password and an API key, then starts nginx
#   scripts/elasticsearch-proxy.sh env     the settings a client needs, as shell assignments (no secret values:
#                                          the password and API key stay in files readable by this user only)
#   scripts/elasticsearch-proxy.sh stop    stops exactly the nginx this script started (by pid)
#
# Two listeners: basic authentication on ES_PROXY_PORT (default 9443), API-key authentication on
# ES_PROXY_PORT + 1; both forward to http://127.0.0.1:ES_HTTP_PORT (9200).
# Environment: INLEARNING_ES_PROXY_DIR (state folder, default target/elasticsearch-proxy).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${INLEARNING_ES_PROXY_DIR:-$ROOT/target/elasticsearch-proxy}
PORT=${ES_PROXY_PORT:-9443}
API_KEY_PORT=$((PORT + 1))
UPSTREAM="127.0.0.1:${ES_HTTP_PORT:-9200}"
USER_NAME=inlearning
PID_FILE="$STATE/nginx.pid"
TLS="$STATE/tls"

die() { echo "elasticsearch-proxy.sh: $*" >&2; exit 1; }

. "$ROOT/scripts/service-lib.sh"

secret() { openssl rand -hex 24; }

certificates() {
  [ -f "$TLS/server-chain.pem" ] && return
  mkdir -p "$TLS"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=InLearning test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$TLS/ca.key" -out "$TLS/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$TLS/server.key" -out "$TLS/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$TLS/server.ext"
  openssl x509 -req -in "$TLS/server.csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca.key" -CAcreateserial -days 30 \
    -extfile "$TLS/server.ext" -out "$TLS/server.pem" 2>/dev/null
  # The chain carries the CA too: a client that trusts by fingerprint checks the CA it is shown.
  cat "$TLS/server.pem" "$TLS/ca.pem" > "$TLS/server-chain.pem"
  chmod 600 "$TLS"/*.key
}

credentials() {
  umask 077
  [ -f "$STATE/password" ] || secret > "$STATE/password"
  [ -f "$STATE/api-key" ] || secret > "$STATE/api-key"
  # nginx's workers read the password hashes, not the passwords.
  printf '%s:%s\n' "$USER_NAME" "$(openssl passwd -apr1 -in "$STATE/password")" > "$STATE/htpasswd"
  chmod 644 "$STATE/htpasswd"
}

configure() {
  mkdir -p "$STATE/logs" "$STATE/tmp"
  cat > "$STATE/nginx.conf" <<CONF
user $(id -un) $(id -gn);
worker_processes 1;
pid $PID_FILE;
error_log $STATE/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log $STATE/logs/access.log;
  client_body_temp_path $STATE/tmp/body;
  proxy_temp_path $STATE/tmp/proxy;
  fastcgi_temp_path $STATE/tmp/fastcgi;
  uwsgi_temp_path $STATE/tmp/uwsgi;
  scgi_temp_path $STATE/tmp/scgi;
  client_max_body_size 200m;
  ssl_certificate $TLS/server-chain.pem;
  ssl_certificate_key $TLS/server.key;
  ssl_protocols TLSv1.2 TLSv1.3;
  map_hash_bucket_size 128;
  map \$http_authorization \$api_key_ok {
    default 0;
    "ApiKey $(cat "$STATE/api-key")" 1;
  }
  server {
    listen 127.0.0.1:$PORT ssl;
    auth_basic "elasticsearch";
    auth_basic_user_file $STATE/htpasswd;
    location / {
      proxy_pass http://$UPSTREAM;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "";
    }
  }
  server {
    listen 127.0.0.1:$API_KEY_PORT ssl;
    location / {
      if (\$api_key_ok = 0) { return 401; }
      proxy_pass http://$UPSTREAM;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "";
    }
  }
}
CONF
  chmod 600 "$STATE/nginx.conf"
}

start() {
  command -v nginx > /dev/null || die "nginx is not installed (Debian: apt-get install nginx-light)"
  alive && die "already running"
  mkdir -p "$STATE"
  certificates
  credentials
  configure
  nginx -t -c "$STATE/nginx.conf" -p "$STATE" > "$STATE/logs/check.log" 2>&1 \
    || die "nginx refused the configuration (see $STATE/logs/check.log)"
  nginx -c "$STATE/nginx.conf" -p "$STATE"
  for _ in $(seq 1 50); do
    curl -fsS --max-time 2 --cacert "$TLS/ca.pem" -u "$USER_NAME:$(cat "$STATE/password")" \
      "https://127.0.0.1:$PORT/_cluster/health" > /dev/null 2>&1 && { env_lines; return; }
    sleep 0.2
  done
  die "nginx on 127.0.0.1:$PORT did not answer through to Elasticsearch on $UPSTREAM (see $STATE/logs/error.log)"
}

env_lines() {
  echo "INLEARNING_ES_TLS_URL=https://127.0.0.1:$PORT"
  echo "INLEARNING_ES_TLS_API_KEY_URL=https://127.0.0.1:$API_KEY_PORT"
  echo "INLEARNING_ES_TLS_CA=$TLS/ca.pem"
  echo "INLEARNING_ES_TLS_USER=$USER_NAME"
  echo "INLEARNING_ES_TLS_PASSWORD_FILE=$STATE/password"
  echo "INLEARNING_ES_TLS_API_KEY_FILE=$STATE/api-key"
}

command=${1:-}
case $command in
  start) start ;;
  env) env_lines ;;
  stop) stop ;;
  *) echo "usage: scripts/elasticsearch-proxy.sh start | env | stop" >&2; exit 2 ;;
esac
