#!/bin/sh
# Reads every model file (fixtures, samples, ../shared/corpus) with this tree's kinspect and with the
# kinspect of another commit, and compares the weights each names: layer keys, weight names, paths
# in the file, shapes, a hash of every value, where each layer's weights were looked for, unread
# groups, saved states, and the one-line error of each file refused. For refactorings of the
# reading and naming of weights (issue 17: file -> config -> weights), which must change nothing.
# Usage: scripts/same-weights-as.sh BASE_COMMIT   (needs the Maven dependencies offline; ~5 minutes)
set -e
base=${1:?give the commit to compare with}
cd "$(dirname "$0")/.."
. scripts/against-commit.sh
build_both "$base"
# a commit before the weights step read and named the weights in KerasFile.open
if [ -f "$work/base/inspector/src/main/java/org/kinspect/weights/WeightNaming.java" ]; then
    old_open=org.kinspect.weights.WeightNaming.read
else
    old_open=KerasFile.open
fi
sed "s/OPEN(/$old_open(/" scripts/same-weights-as/WeightDump.java.in > "$work/old/WeightDump.java"
sed "s/OPEN(/org.kinspect.weights.WeightNaming.read(/" scripts/same-weights-as/WeightDump.java.in > "$work/new/WeightDump.java"
javac -nowarn -d "$work/old" -cp "$work/base-classes:$cp" "$work/old/WeightDump.java"
javac -nowarn -d "$work/new" -cp "$root/inspector/target/classes:$cp" "$work/new/WeightDump.java"
list_models
java -Xmx3g -cp "$work/old:$work/base-classes:$work/base/inspector/src/main/resources:$cp" WeightDump "$work/models.txt" "$work/old.txt" > /dev/null 2>&1
java -Xmx3g -cp "$work/new:$root/inspector/target/classes:$cp" WeightDump "$work/models.txt" "$work/new.txt" > /dev/null 2>&1
echo "$(wc -l < "$work/models.txt") model files; $(grep -c '^ERROR' "$work/new.txt") refused"
# a line "format ... config N" differs where the configuration text itself changed (a SavedModel's nested-model
# call numbering moved from file to config at issue 17); every weight line must be the same
diff "$work/old.txt" "$work/new.txt" || true
if diff "$work/old.txt" "$work/new.txt" | grep '^[<>]' | grep -qv '^[<>] format '; then
    echo "the weights differ"
    exit 1
fi
echo "the same weights, names, paths and errors"
