#!/usr/bin/env bash
# bench/cpu/small-import-cpu.sh — the small models' import (the benchmark's cases mlp, cnn2d, cnn1d) against DL4J's
# KerasModelImport, by CPU time, for this checkout's build and another's, alternated.
#
#   bench/cpu/small-import-cpu.sh OTHER_BENCH_JAR [ROUNDS]
#       OTHER_BENCH_JAR  bench/target/kinspect-bench.jar of another checkout (mvn -o -q -f bench/reactor-pom.xml
#                        package -Dmaven.test.skip=true there)
#       ROUNDS           rounds (default 3); each runs every case in one JVM per build (SmallImportCpu.java:
#                        WARMUP warm-up + 21 measured pairs, ours and DL4J alternated), the builds in turn A B / B A;
#                        WARMUP=300 by default (the compilers done, as in bench/run.sh's warm table; it was 5)
#
# Prints, per case and build, the medians over the rounds of SmallImportCpu's per-JVM medians: the import's work
# CPU (every thread but the JIT compilers), all CPU, wall; and of its speed-ups DL4J / ours (> 1: ours cheaper).
# Raw output in bench/target/small-import-cpu/. Needs the shared corpus (../shared).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other=${1:?give the other build\'s bench jar}
rounds=${2:-3}
this="$BENCH_DIR/target/kinspect-bench.jar"
corpus="${KINSPECT_SHARED:-$BENCH_DIR/../../shared}/corpus/dl4j-test-resources/modelimport/keras"
out="$BENCH_DIR/target/small-import-cpu"
rm -rf "$out"
mkdir -p "$out"
declare -A file=([mlp]=tfkeras/some_loss.h5 [cnn2d]=examples/12net.h5 [cnn1d]=weights/issue_9560.h5)
opts=(-Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G
  --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -XX:-UseDynamicNumberOfCompilerThreads)

run() { # build jar case round
  java "${opts[@]}" -cp "$2" "$BENCH_DIR/cpu/SmallImportCpu.java" "$corpus/${file[$3]}" "${WARMUP:-300}" 21 \
    > "$out/$1.$3.$4.log" 2>&1
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for case in mlp cnn2d cnn1d; do
    if [ $((round % 2)) = 1 ]; then run this "$this" "$case" "$round"; run other "$other" "$case" "$round"
    else run other "$other" "$case" "$round"; run this "$this" "$case" "$round"; fi
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import glob, re, statistics, sys
out = sys.argv[1]
print(f"{'case':6} {'build':6} {'work CPU ours/DL4J ms':>22} {'speed-up':>9} {'all CPU ours/DL4J':>18} {'speed-up':>9}"
      f" {'wall ours/DL4J':>15} {'speed-up':>9}   speed-ups (work) per round")
for case in ("mlp", "cnn2d", "cnn1d"):
    for build in ("other", "this"):
        rows = {"work": [], "all": [], "wall": []}
        for log in sorted(glob.glob(f"{out}/{build}.{case}.*.log")):
            for line in open(log):
                m = re.match(r"(work|all|wall) .*ours=([0-9.]+) dl4j=([0-9.]+) speedup=([0-9.]+)x", line)
                if m:
                    rows[m.group(1)].append((float(m.group(2)), float(m.group(3)), float(m.group(4))))
        def cell(key):
            r = rows[key]
            if not r:
                return f"{'?':>22} {'?':>9}"
            med = lambda i: statistics.median(x[i] for x in r)
            return f"{med(0):>10.1f} / {med(1):<9.1f} {med(2):>8.2f}x"
        per_round = " ".join(f"{x[2]:.2f}" for x in rows["work"])
        print(f"{case:6} {build:6} {cell('work')} {cell('all')} {cell('wall')}   {per_round}")
PY
