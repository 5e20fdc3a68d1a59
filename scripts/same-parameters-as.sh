#!/bin/sh
# Imports every model file (fixtures, samples, ../shared/corpus, and the large benchmark models when
# they are in bench/target/models) with this tree's kinspect and with the kinspect of another commit,
# and compares each graph's whole parameter vector bit for bit (a hash of every value), the warnings
# (NaN/infinite weights...) and the one-line error of each file refused. For changes to how the
# weights get into the graph, which must change no parameter.
# Usage: scripts/same-parameters-as.sh BASE_COMMIT   (needs the Maven dependencies offline; ~10 minutes)
#   NEW_JAVA_OPTS=-Dkinspect.weights.readLaterFromBytes=0 scripts/same-parameters-as.sh BASE_COMMIT
#     reads every float32 weight of this tree's imports from the file when needed, small ones too
set -e
base=${1:?give the commit to compare with}
cd "$(dirname "$0")/.."
# KEEP=DIR keeps both dumps there
. scripts/against-commit.sh
build_both "$base"
mkdir -p "$work/new-classes"
cp -r inspector/target/classes/. "$work/new-classes" # a copy: a build during the run must not change what is compared
cp scripts/same-parameters-as/ParameterDump.java.in "$work/old/ParameterDump.java"
cp scripts/same-parameters-as/ParameterDump.java.in "$work/new/ParameterDump.java"
javac -nowarn -d "$work/old" -cp "$work/base-classes:$cp" "$work/old/ParameterDump.java"
javac -nowarn -d "$work/new" -cp "$work/new-classes:$cp" "$work/new/ParameterDump.java"
list_models bench/target/models
java -Xmx3g -cp "$work/old:$work/base-classes:$work/base/inspector/src/main/resources:$cp" ParameterDump "$work/models.txt" "$work/old.txt" > /dev/null 2>&1
java -Xmx3g $NEW_JAVA_OPTS -cp "$work/new:$work/new-classes:$cp" ParameterDump "$work/models.txt" "$work/new.txt" > /dev/null 2>&1
[ -n "$KEEP" ] && cp "$work/old.txt" "$work/new.txt" "$KEEP/"
echo "$(wc -l < "$work/models.txt") model files; $(grep -c '^parameters' "$work/new.txt") imported, $(grep -c '^ERROR' "$work/new.txt") refused"
if ! diff "$work/old.txt" "$work/new.txt" > "$work/diff.txt"; then
    head -60 "$work/diff.txt"
    echo "the parameters differ"
    exit 1
fi
echo "the same parameters, warnings and errors"
