#!/usr/bin/env bash
# Runs the whole test suite (the README's test command; .ci/run calls it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
cd "$ROOT"
mvn -B verify "$@"
