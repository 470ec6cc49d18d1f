#!/usr/bin/env bash
# Fuzzes Tessera's readers with Jazzer, each target for a given time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 SafetensorsFuzzTest#read
#
# SECONDS defaults to 600; TARGET is Class#method of a @FuzzTest (default: every target, listed below).
# The normal build runs the same targets once per committed seed (regression mode); this script runs
# libFuzzer on them. New coverage goes to .cifuzz-corpus/<Class>/<method>/ (ignored by git); a crash
# is written straight into the target's committed seed folder
#   <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>
# so that, once committed, every later build replays it. A summary line per target (executions,
# findings) is printed at the end and kept in target/fuzz/<Class>#<method>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-600}
shift || true

# module  package  Class#method
ALL_TARGETS="
sdk-core dev.tessera.core.fuzz SafetensorsFuzzTest#read
sdk-core dev.tessera.core.fuzz ModelBundleFuzzTest#loadFile
sdk-core dev.tessera.core.fuzz ModelBundleFuzzTest#loadEntries
modality-text dev.tessera.text.fuzz TokenizerJsonFuzzTest#parse
modality-text dev.tessera.text.fuzz Gpt2VocabularyFuzzTest#load
modality-text dev.tessera.text.fuzz TokenIdsFuzzTest#readIds
modality-3d dev.tessera.pointcloud.fuzz GeometryFuzzTest#ply
modality-3d dev.tessera.pointcloud.fuzz GeometryFuzzTest#off
modality-3d dev.tessera.pointcloud.fuzz GeometryFuzzTest#obj
modality-3d dev.tessera.pointcloud.fuzz GeometryFuzzTest#xyz
modality-timeseries dev.tessera.timeseries.fuzz SeriesFuzzTest#csv
modality-timeseries dev.tessera.timeseries.fuzz SeriesFuzzTest#manifest
modality-vision dev.tessera.vision.fuzz ImageFuzzTest#idx
modality-vision dev.tessera.vision.fuzz ImageFuzzTest#png
samples dev.tessera.samples.fuzz CmlFuzzTest#read
"

WANT=("$@")
wanted() {
    [ ${#WANT[@]} -eq 0 ] && return 0
    for w in "${WANT[@]}"; do [ "$w" = "$1" ] && return 0; done
    return 1
}

# FUZZ_SKIP_BUILD=1: use the classes already compiled (to run several fuzz.sh side by side)
[ -n "${FUZZ_SKIP_BUILD:-}" ] || mvn -B -ntp -q test-compile
mkdir -p target/fuzz
summary=()
while read -r module pkg target; do
    [ -z "$module" ] && continue
    wanted "$target" || continue
    class=${target%%#*}
    method=${target##*#}
    cp_file=target/fuzz/$module.classpath
    # test-compile in the same reactor run, so the sibling modules resolve to their target/ folders
    [ -s "$cp_file" ] || mvn -B -ntp -q -pl "$module" -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
    seeds=$module/src/test/resources/${pkg//.//}/${class}Inputs/$method
    corpus=.cifuzz-corpus/$class/$method
    mkdir -p "$seeds" "$corpus"
    log=target/fuzz/$target.log
    # fuzz a snapshot of the compiled classes, so a rebuild meanwhile cannot change them under the fuzzer
    snap=target/fuzz/$target.classes
    rm -rf "$snap"
    cp_list=""
    i=0
    for entry in $module/target/test-classes $module/target/classes $(tr ':' ' ' < "$cp_file"); do
        case "$entry" in
            */target/classes|*/target/test-classes)
                i=$((i + 1)); mkdir -p "$snap/$i"; cp -r "$entry/." "$snap/$i/"; entry=$snap/$i ;;
        esac
        cp_list="$cp_list:$entry"
    done
    echo "fuzzing $target for ${SECONDS_EACH}s (log: $log)"
    set +e
    java -Xmx2g -Xss4m -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
        --add-modules jdk.incubator.vector \
        -cp "${cp_list#:}" \
        com.code_intelligence.jazzer.Jazzer \
        --target_class="$pkg.$class" --target_method="$method" \
        --instrumentation_includes='dev.tessera.**:com.google.gson.**' \
        --keep_going=50 \
        -max_total_time="$SECONDS_EACH" -timeout=120 -report_slow_units=60 -rss_limit_mb=4096 -artifact_prefix="$seeds/" \
        "$corpus" "$seeds" >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || true)
    [ -z "$runs" ] && runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
    findings=$(grep -c '^== Java Exception\|^==[0-9]*== ERROR\|Java Assertion Error\|FuzzerSecurityIssue' "$log" || true)
    summary+=("$target: ${runs:-0} executions, $findings findings, exit $rc")
done <<< "$ALL_TARGETS"

printf '%s\n' "${summary[@]}" | tee -a target/fuzz/summary.txt
