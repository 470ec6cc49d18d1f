#!/usr/bin/env bash
# Runs every test of every module (the README's second command; .ci/run calls exactly this).
# Fetches the real data sets first (idempotent; see scripts/fetch-data.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fetch-data.sh
exec mvn -B -ntp verify "$@"
