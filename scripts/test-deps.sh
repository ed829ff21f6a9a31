#!/usr/bin/env bash
# Installs what the test suite needs beyond a JDK 17 and Maven, from Debian's packages, and nothing that is
# already there. scripts/test.sh runs it first; run it alone to prepare a machine. As root it calls apt-get,
# otherwise sudo apt-get; without either it names the one command to run and fails.
#
# - unzip, curl, useradd/runuser: scripts/elasticsearch.sh unpacks Elasticsearch's zip and runs it as a system user;
# - nginx, openssl: scripts/elasticsearch-proxy.sh puts TLS and authentication in front of Elasticsearch;
# - python3-venv: the Airflow tests' and the benchmark peers' virtualenvs (scripts/airflow-venv.sh, bench/run.sh);
# - chromium, chromium-driver: the reports' browser test;
# - libopenblas0-pthread: a native LAPACK (liblapack.so.3) for EASE's inversions, as deploy/Dockerfile has;
# - libgomp1: the OpenMP runtime that implicit's wheel (the benchmark smoke run's ALS peer) links;
# - go: scripts/validate-deploy.sh builds kubeconform from the module proxy.
set -euo pipefail

missing=()
need() { # need PACKAGE CHECK...: PACKAGE unless CHECK succeeds
  local package=$1
  shift
  "$@" > /dev/null 2>&1 || missing+=("$package")
}
need unzip command -v unzip
need curl command -v curl
need passwd command -v useradd
need util-linux command -v runuser
need nginx-light command -v nginx
need openssl command -v openssl
need python3-venv python3 -c "import ensurepip, venv"
need chromium command -v chromium
need chromium-driver command -v chromedriver
need libopenblas0-pthread sh -c "ldconfig -p | grep -q 'liblapack\.so\.3'"
need libgomp1 sh -c "ldconfig -p | grep -q 'libgomp\.so\.1'"
need golang-go command -v go

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  apt_get=(apt-get)
elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
  apt_get=(sudo apt-get)
else
  echo "test-deps: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "test-deps: installing ${missing[*]}" >&2
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq "${missing[@]}" > /dev/null
