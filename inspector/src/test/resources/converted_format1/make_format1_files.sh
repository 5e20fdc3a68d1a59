#!/bin/sh
# Converts a few fixtures with the kinspect of a commit that wrote converted format 1 (its
# description kept kinspect's notes on a layer inside the layer's configuration, under kinspect_*
# keys), for ConvertedFormat1Test: the kinspect of today must still read them as it did.
# Usage, from the repository root: inspector/src/test/resources/converted_format1/make_format1_files.sh [COMMIT]
set -e
commit=${1:-330834a}
cd "$(dirname "$0")/../../../../.."
root=$(pwd)
here=inspector/src/test/resources/converted_format1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -o -q -pl inspector dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp=$(cat "$work/cp.txt")
git archive "$commit" inspector/src/main | tar -x -C "$work"
find "$work/inspector/src/main/java" -name '*.java' > "$work/sources.txt"
mkdir -p "$work/classes"
javac -nowarn -encoding UTF-8 --release 17 -d "$work/classes" -cp "$cp" @"$work/sources.txt" 2>/dev/null
javac -nowarn -d "$work/classes" -cp "$work/classes:$cp" "$here/ConvertEach.java"
java -cp "$work/classes:$work/inspector/src/main/resources:$cp" ConvertEach inspector/src/test/resources "$here" \
    ops/broadcasting.keras layers/attention.keras layers/attention_scores.keras cells/stacked_cells_masked.keras \
    layers/shared_layers.keras layers/shared_nested_model.keras keras3/nested_sequential.keras \
    tfkeras_layers/attention_calls_tfkeras.h5
