#!/usr/bin/env bash
# bench/cpu/fresh-import-cpu.sh — one import of each small model (the benchmark's mlp, cnn2d, cnn1d) in a fresh JVM,
# this checkout's build against another's, alternated, by the process's CPU time and the open call's wall time.
#
#   bench/cpu/fresh-import-cpu.sh OTHER_BENCH_JAR [ROUNDS] [CASES]
#       OTHER_BENCH_JAR  bench/target/kinspect-bench.jar of another checkout (mvn -o -q -f bench/reactor-pom.xml
#                        package -Dmaven.test.skip=true there)
#       ROUNDS           rounds (default 5); each runs every case once per build, A B / B A in turn
#       CASES            default mlp,cnn2d,cnn1d; dl4j-mlp, dl4j-cnn2d, dl4j-cnn1d run DL4J's importer instead
#
# Each run is FreshImport.java (one InspectedModel.open, compiled once against this build; the same class for both
# builds) under GNU time, with the benchmark's JVM options (as bench/fresh-import.sh's "both plain"); the dl4j-* cases
# run `Harness once dl4j FILE` of each build's jar. *import* is the open call (ND4J's start included), *CPU* the
# process's user + sys. Prints per case
# the medians of both builds and the median of the per-round ratios this / other (< 1: this build is cheaper).
# Raw numbers in bench/target/fresh-import-cpu/. Needs the shared corpus (../shared).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other=${1:?give the other build\'s bench jar}
rounds=${2:-5}
cases=${3:-mlp,cnn2d,cnn1d}
this="$BENCH_DIR/target/kinspect-bench.jar"
corpus="${KINSPECT_SHARED:-$BENCH_DIR/../../shared}/corpus/dl4j-test-resources/modelimport/keras"
out="$BENCH_DIR/target/fresh-import-cpu"
rm -rf "$out"
mkdir -p "$out"
declare -A file=([mlp]=tfkeras/some_loss.h5 [cnn2d]=examples/12net.h5 [cnn1d]=weights/issue_9560.h5)
declare -A sequential=([mlp]=true [cnn2d]=false [cnn1d]=true) # DL4J's entry point, given: no JVM reads the file first
opts=(-Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G)
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$this" "$BENCH_DIR/cpu/FreshImport.java"

run() { # build jar case: appends "import_ms cpu_s" to $out/build.case
  local main=(FreshImport) name="$3"
  if [[ "$name" = dl4j-* ]]; then
    name="${name#dl4j-}"; main=(org.kinspect.bench.Harness once dl4j --sequential "${sequential[$name]}")
  fi
  /usr/bin/time -f "%U %S" -o "$out/time" java "${opts[@]}" -cp "$2:$out/classes" "${main[@]}" \
    "$corpus/${file[$name]}" > "$out/log" 2>&1 || { echo "failed: $1 $3" >&2; cat "$out/log" >&2; exit 1; }
  awk -v ms="$(sed -n 's/^result\.ms=//p' "$out/log")" '{printf "%s %.3f\n", ms, $1 + $2}' "$out/time" >> "$out/$1.$3"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for case in ${cases//,/ }; do
    if [ $((round % 2)) = 1 ]; then run this "$this" "$case"; run other "$other" "$case"
    else run other "$other" "$case"; run this "$this" "$case"; fi
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$cases" <<'PY'
import statistics, sys
out, cases = sys.argv[1], sys.argv[2].split(",")
def rows(name):
    return [tuple(map(float, line.split())) for line in open(f"{out}/{name}")]
print(f"{'case':12} {'this import':>12} {'other import':>13} {'ratio':>7} {'this CPU':>9} {'other CPU':>10} {'ratio':>7}")
for case in cases:
    a, b = rows(f"this.{case}"), rows(f"other.{case}")
    med = lambda xs: statistics.median(xs)
    print(f"{case:12} {med([r[0] for r in a]):10.0f}ms {med([r[0] for r in b]):11.0f}ms"
          f" {med([x[0] / y[0] for x, y in zip(a, b)]):6.3f}x {med([r[1] for r in a]):8.3f}s"
          f" {med([r[1] for r in b]):9.3f}s {med([x[1] / y[1] for x, y in zip(a, b)]):6.3f}x")
PY
