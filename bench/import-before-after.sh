#!/usr/bin/env bash
# bench/import-before-after.sh — the large model's import by this checkout against another build's, side by side.
#
#   bench/import-before-after.sh OTHER_BENCH_JAR [ROUNDS] [CASES]
#       OTHER_BENCH_JAR  bench/target/kinspect-bench.jar built in another checkout (e.g. a worktree of the base
#                        commit: git worktree add --detach DIR BASE; cd DIR; mvn -o -q -f bench/reactor-pom.xml
#                        package -Dmaven.test.skip=true)
#       ROUNDS           rounds of the two builds, alternated A B / B A (default 2)
#       CASES            the cases (default large-k2-vs-jhdf,large-k3-h5-vs-jhdf,large-keras-vs-jhdf; the small
#                        models against DL4J: mlp,cnn2d,cnn1d, from the shared corpus)
#
# Each round runs, for each build: Harness measure CASE (one JVM: our import and the case's baseline, jhdf's read of
# the same weights or DL4J's import, alternated, the case's warm-up and pairs; the per-pair ratio ours/baseline is
# what a busy machine disturbs least), and one
# import in a fresh JVM under /usr/bin/time -v (peak RSS, user+system CPU seconds). Needs this checkout's jar
# (bench/run.sh builds it, or the mvn line above) and the large model in bench/target/models (bench/run.sh).
# Both builds run with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 unless GLIBC_TUNABLES is set (as bench/run.sh
# and the kinspect launcher); GLIBC_TUNABLES= (empty) runs them without.
set -euo pipefail
if [ -z "${GLIBC_TUNABLES+set}" ]; then
  export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
fi
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
other=${1:?give the other build\'s bench jar}
rounds=${2:-2}
cases=${3:-large-k2-vs-jhdf,large-k3-h5-vs-jhdf,large-keras-vs-jhdf}
this="$BENCH_DIR/target/kinspect-bench.jar"
models="$BENCH_DIR/target/models"
corpus="${KINSPECT_SHARED:-$BENCH_DIR/../../shared}/corpus/dl4j-test-resources/modelimport/keras"
out="$BENCH_DIR/target/before-after"
mkdir -p "$out"
opts=(-Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G)
declare -A file=([large-k2-vs-jhdf]=large_lstm_keras2.h5 [large-k3-h5-vs-jhdf]=large_lstm_keras3.h5
  [large-keras-vs-jhdf]=large_lstm.keras [mlp]="$corpus/tfkeras/some_loss.h5" [cnn2d]="$corpus/examples/12net.h5"
  [cnn1d]="$corpus/weights/issue_9560.h5")

run_build() { # build-name jar case round
  local results="$out/$1/$3.$4"
  mkdir -p "$results"
  java "${opts[@]}" -cp "$2" org.kinspect.bench.Harness measure "$3" --timeout 60 \
    --corpus "$corpus" --models "$models" --results "$results" > "$results/measure.log" 2>&1
  local model="${file[$3]}"
  [[ "$model" = /* ]] || model="$models/$model"
  /usr/bin/time -v java "${opts[@]}" -cp "$2" org.kinspect.bench.Harness once ours "$model" \
    --timeout 600 > "$results/once.log" 2>&1
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); GLIBC_TUNABLES=${GLIBC_TUNABLES}"
for round in $(seq 1 "$rounds"); do
  for case in ${cases//,/ }; do
    if [ $((round % 2)) = 1 ]; then
      run_build this "$this" "$case" "$round"; run_build other "$other" "$case" "$round"
    else
      run_build other "$other" "$case" "$round"; run_build this "$this" "$case" "$round"
    fi
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$cases" <<'PY'
import glob, os, re, statistics, sys
out, cases = sys.argv[1], sys.argv[2].split(",")
def props(path):
    values = {}
    for line in open(path):
        if "=" in line and not line.startswith("#"):
            key, value = line.rstrip("\n").split("=", 1)
            values[key] = value.replace("\\:", ":")
    return values
def numbers(text):
    return [float(v) for v in text.split(",") if v.strip()] if text else []
print(f"{'case':22} {'build':6} {'ours ms (median)':>17} {'base ms':>8} {'ours/base (paired)':>19} "
      f"{'fresh JVM import ms':>20} {'peak RSS MB':>12} {'CPU s (user+sys)':>17}")
for case in cases:
    for build in ("other", "this"):
        ours, base, ratios, once, rss, cpu = [], [], [], [], [], []
        for results in sorted(glob.glob(f"{out}/{build}/{case}.*")):
            measured = os.path.join(results, case + ".properties")
            if os.path.exists(measured):
                p = props(measured)
                ours += numbers(p.get("ours.ms")); base += numbers(p.get("base.ms"))
                ratios += [1 / r for r in numbers(p.get("pair.ratios")) if r > 0]  # stored as base/ours
            text = open(os.path.join(results, "once.log")).read()
            m = re.search(r"result\.ms=([0-9.]+)", text); once += [float(m.group(1))] if m else []
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text); rss += [int(m.group(1)) / 1024] if m else []
            u = re.search(r"User time \(seconds\): ([0-9.]+)", text); s = re.search(r"System time \(seconds\): ([0-9.]+)", text)
            cpu += [float(u.group(1)) + float(s.group(1))] if u and s else []
        med = lambda xs, f="{:.0f}": f.format(statistics.median(xs)) if xs else "?"
        rng = lambda xs, f="{:.0f}": (f.format(min(xs)) + "-" + f.format(max(xs))) if xs else "?"
        print(f"{case:22} {build:6} {med(ours):>17} {med(base):>8} {med(ratios, '{:.2f}') + 'x (' + rng(ratios, '{:.2f}') + ')':>19} "
              f"{med(once):>20} {rng(rss):>12} {med(cpu, '{:.1f}'):>17}")
PY
