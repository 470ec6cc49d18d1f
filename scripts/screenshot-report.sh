#!/usr/bin/env bash
# Renders out/demo/report.html (or the file given) in headless Chromium and writes a full-page PNG next to it.
# Needs Debian's chromium (.ci/run installs it). Usage: scripts/screenshot-report.sh [report.html] [out.png]
set -euo pipefail
html="${1:-out/demo/report.html}"
png="${2:-${html%.html}.png}"
if [[ ! -f "$html" ]]; then
  echo "screenshot-report: $html not found (run ./tessera demo first)" >&2
  exit 2
fi
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "screenshot-report: chromium is not installed (apt-get install chromium)" >&2
  exit 2
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
tmp="$png.tmp.png"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1200,"${HEIGHT:-4000}" \
  --screenshot="$tmp" "file://$(realpath "$html")" 2>/dev/null
mv -f "$tmp" "$png"
echo "screenshot: $png"
