#!/usr/bin/env bash
# Builds and runs the README's application example (docs/examples/app, a Maven project of its own that depends
# only on Tessera's installed artifacts) on the model the quick demo saved. Checks that the README shows the
# same Java file.
#   scripts/check-app-example.sh [DEMO_OUT]   (default out/demo; run ./tessera demo --quick first)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath "${1:-out/demo}")
[ -f "$out/joint.tessera" ] || { echo "check-app-example: no $out/joint.tessera; run ./tessera demo --quick first" >&2; exit 1; }
app=docs/examples/app/src/main/java/App.java
# the README's java block that starts with the example's first import must be the file, line for line
awk '/^```java$/{on=1; block=""; next} /^```$/{if (on && block ~ /^import dev.tessera.core.api.Prompt;/) {printf "%s", block; exit} on=0; next} on{block=block $0 "\n"}' README.md > /tmp/readme-app.java
diff -u "$app" /tmp/readme-app.java || { echo "check-app-example: README.md's example differs from $app" >&2; exit 1; }
types=$(grep -c '^import dev\.tessera\.' "$app")
echo "check-app-example: $types Tessera types imported" >&2
[ "$types" -le 8 ] || { echo "check-app-example: more than 8 Tessera types" >&2; exit 1; }
mvn -q -B install -DskipTests >&2
(cd docs/examples/app && mvn -q -B compile exec:exec -Dapp.args="$out")
