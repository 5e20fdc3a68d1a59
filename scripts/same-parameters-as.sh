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
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# KEEP=DIR keeps both dumps there
mvn -o -q -pl inspector -DskipTests compile
mvn -o -q -pl inspector dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp=$(cat "$work/cp.txt")
mkdir -p "$work/base" "$work/base-classes" "$work/old" "$work/new" "$work/new-classes"
cp -r inspector/target/classes/. "$work/new-classes" # a copy: a build during the run must not change what is compared
git archive "$base" inspector/src/main | tar -x -C "$work/base"
find "$work/base/inspector/src/main/java" -name '*.java' > "$work/sources.txt"
javac -nowarn -encoding UTF-8 --release 17 -d "$work/base-classes" -cp "$cp" @"$work/sources.txt" 2>/dev/null
cp scripts/same-parameters-as/ParameterDump.java.in "$work/old/ParameterDump.java"
cp scripts/same-parameters-as/ParameterDump.java.in "$work/new/ParameterDump.java"
javac -nowarn -d "$work/old" -cp "$work/base-classes:$cp" "$work/old/ParameterDump.java"
javac -nowarn -d "$work/new" -cp "$work/new-classes:$cp" "$work/new/ParameterDump.java"
{
    find inspector/src/test/resources samples/models ../shared/corpus bench/target/models \( -name '*.h5' -o -name '*.keras' \
        -o -name '*.zip' -o -name '*.tar.gz' -o -name '*.hdf5' \) -type f 2>/dev/null | grep -v '_io\.h5$'
    find inspector/src/test/resources samples/models ../shared/corpus -name saved_model.pb -exec dirname {} \; 2>/dev/null
} | sort -u > "$work/models.txt"
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
