# Sourced by the scripts that compare this tree's kinspect with another commit's (same-weights-as.sh,
# same-parameters-as.sh): one way to build the other commit's library and to list the model files.
# Sets: root (this checkout), work (a temporary folder, removed on exit), cp (the library's class path).

# Compiles this tree's library and another commit's (into $work/base-classes, its sources in $work/base).
build_both() {
    root=$(pwd)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mvn -o -q -pl inspector -DskipTests compile
    mvn -o -q -pl inspector dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
    cp=$(cat "$work/cp.txt")
    mkdir -p "$work/base" "$work/base-classes" "$work/old" "$work/new"
    git archive "$1" inspector/src/main | tar -x -C "$work/base"
    find "$work/base/inspector/src/main/java" -name '*.java' > "$work/sources.txt"
    javac -nowarn -encoding UTF-8 --release 17 -d "$work/base-classes" -cp "$cp" @"$work/sources.txt" 2>/dev/null
}

# Writes every model file of the fixtures, samples, ../shared/corpus and the given extra folders to $work/models.txt.
list_models() {
    {
        find inspector/src/test/resources samples/models ../shared/corpus "$@" \( -name '*.h5' -o -name '*.keras' \
            -o -name '*.zip' -o -name '*.tar.gz' -o -name '*.hdf5' \) -type f 2>/dev/null | grep -v '_io\.h5$'
        find inspector/src/test/resources samples/models ../shared/corpus -name saved_model.pb -exec dirname {} \; 2>/dev/null
    } | sort -u > "$work/models.txt"
}
