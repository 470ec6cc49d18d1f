#!/usr/bin/env bash
# Re-runs the measured results the README states (listed in docs/results.tsv) and prints each beside the
# README's figure and its floor, so a change that moves a result shows it.
#   scripts/measure.sh                 every result (about an hour on 2 cores)
#   scripts/measure.sh forecast demo-quick   only the results whose name starts with one of these words
# Commands shared by several results run once. Exit status 1 when a floor is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/measure.py "$@"
