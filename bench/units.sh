#!/usr/bin/env bash
# bench/units.sh — throughput and memory of `kinspect units`, and its section of BENCHMARKS.md rewritten.
#
#   bench/units.sh                 # everything: about 5-15 minutes on the 2-core machine
#   bench/units.sh --rounds 3      # fewer timed rounds (default 7)
#   bench/units.sh --million       # also the memory of a pass over 10^6 examples (160 MB, ~3 more minutes)
#   bench/units.sh --print         # print the section instead of rewriting BENCHMARKS.md
#
# 1. Compiles this checkout's inspector and bench/src/main/java/org/kinspect/bench/UnitsBenchmark.java
#    (needs nothing of the import benchmark's build).
# 2. Writes sine_lstm-shaped data sets of 10^3, 10^4 and 10^5 examples (float32 (N, 20, 2): 0.16, 1.6 and
#    16 MB) into bench/target/units-data/: generated, never committed.
# 3. Throughput, in one JVM on 10^4 examples, batches of 256, after two warm-up passes: rounds of three
#    passes over the same batches of the same file, the order rotating each round: DL4J's own
#    ComputationGraph.output of the whole model ("plain forward"), kinspect's forward pass to the layer
#    without statistics ("forward to layer"), and the survey ("units"). Ratios are per round. Run twice:
#    with ND4J's default threads, and with OMP_NUM_THREADS=1, which other builds on the 2 cores disturb
#    far less (DL4J's output() spends most of its time waiting on its OpenMP threads when a core is busy).
# 4. Memory: one `units` pass per size in a fresh JVM under /usr/bin/time -v: peak RSS and the peak of the
#    Java heap. The heap is fixed and touched at start (-Xms128m -Xmx128m -XX:+AlwaysPreTouch), so that
#    how far the JVM happens to grow its heap before collecting does not pass for memory the pass needs.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
WORK="$BENCH_DIR/target/units"
DATA="$BENCH_DIR/target/units-data"
MODEL="$REPO/samples/models/sine_lstm.keras"
OUT="$REPO/BENCHMARKS.md"
rounds=7
print=0
sizes="1000 10000 100000"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --print) print=1 ;;
    --million) sizes="$sizes 1000000" ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "units.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$WORK/classes" "$DATA"

echo "== compiling the inspector and UnitsBenchmark" >&2
(cd "$REPO" && mvn -B -q -o -pl inspector compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=runtime) >&2
CP="$(cat "$WORK/classpath.txt"):$REPO/inspector/target/classes"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/src/main/java/org/kinspect/bench/UnitsBenchmark.java"
CP="$CP:$WORK/classes"

for n in $sizes; do
  [ -f "$DATA/x_$n.npy" ] || java -Xmx256m -cp "$CP" org.kinspect.bench.UnitsBenchmark data "$n" "$DATA/x_$n.npy"
done

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before="$(load)"
for threads in default 1; do
  echo "== throughput on 10^4 examples ($rounds rounds, $threads threads)" >&2
  if [ "$threads" = 1 ]; then export OMP_NUM_THREADS=1; else unset OMP_NUM_THREADS; fi
  java -Xmx1g -cp "$CP" org.kinspect.bench.UnitsBenchmark rounds "$MODEL" "$DATA/x_10000.npy" lstm_1,classes \
      --rounds "$rounds" 2>/dev/null | grep '=' > "$WORK/rounds_$threads.txt"
done
unset OMP_NUM_THREADS
load_after="$(load)"

echo "== memory: one units pass per size in a fresh JVM" >&2
: > "$WORK/memory.txt"
for n in $sizes; do
  /usr/bin/time -v java -Xms128m -Xmx128m -XX:+AlwaysPreTouch -cp "$CP" org.kinspect.bench.UnitsBenchmark pass "$MODEL" "$DATA/x_$n.npy" lstm_1 \
      > "$WORK/pass_$n.txt" 2> "$WORK/pass_$n.time" || { cat "$WORK/pass_$n.time" >&2; exit 1; }
  rss_kb=$(grep 'Maximum resident set size' "$WORK/pass_$n.time" | awk '{print $NF}')
  echo "$n $(grep '^examples_per_second=' "$WORK/pass_$n.txt" | cut -d= -f2) $rss_kb \
$(grep '^heap_peak_mb=' "$WORK/pass_$n.txt" | cut -d= -f2)" \
      >> "$WORK/memory.txt"
done

section="$(python3 - "$WORK" "$rounds" "$load_before" "$load_after" "$(git -C "$REPO" rev-parse --short HEAD)" <<'PY'
import statistics, sys
work, rounds, load_before, load_after, commit = sys.argv[1:]
def read(name):
    values = {}
    for line in open(f"{work}/{name}"):
        key, value = line.strip().split("=", 1)
        values[key] = [float(v) for v in value.split(",")]
    return values
runs = {"default": read("rounds_default.txt"), "1": read("rounds_1.txt")}
n = int(runs["default"]["examples"][0])
out = []
out.append(f"Run of `bench/units.sh` at commit {commit}; load average {load_before} before, {load_after} after "
           f"(2 cores, shared with other builds).")
out.append("")
out.append(f"**Throughput** on {n:,} sine_lstm examples read from the `.npy` file, batches of 256, median of {rounds} "
           "rotated rounds (range in brackets):")
out.append("")
out.append("| threads | layer surveyed | plain forward (DL4J `output`) | forward to layer (kinspect) | units | units / plain | units / forward to layer |")
out.append("|---|---|---|---|---|---|---|")
def rate(seconds):
    rates = [n / s for s in seconds]
    return f"{statistics.median(rates):,.0f} ex/s ({min(rates):,.0f}-{max(rates):,.0f})"
def ratio(r):
    return f"{statistics.median(r):.2f}x ({min(r):.2f}-{max(r):.2f})"
for threads, values in runs.items():
    label = "ND4J default (2)" if threads == "default" else "OMP_NUM_THREADS=1"
    for layer in ["lstm_1", "classes"]:
        out.append(f"| {label} | `{layer}` | {rate(values[layer + '.plain.seconds'])} | "
                   f"{rate(values[layer + '.forward.seconds'])} | {rate(values[layer + '.units.seconds'])} | "
                   f"{ratio(values[layer + '.units_over_plain'])} | {ratio(values[layer + '.units_over_forward'])} |")
out.append("")
out.append("Time per example: units / plain below 1 means the survey was faster than DL4J's own forward pass.")
out.append("")
out.append("**Memory** of one `units` pass over `lstm_1` in a fresh JVM (heap fixed at 128 MB and touched at start), "
           "per data set size:")
out.append("")
out.append("| examples | file | throughput | peak RSS | peak Java heap |")
out.append("|---|---|---|---|---|")
for line in open(f"{work}/memory.txt"):
    count, rate_, rss, heap = line.split()
    size = int(count) * 160 / 1e6
    out.append(f"| {int(count):,} | {size:.2f} MB | {float(rate_):,.0f} ex/s | {int(rss) / 1024:.0f} MB | "
               f"{float(heap):.0f} MB |")
print("\n".join(out))
PY
)"
if [ "$print" = 1 ] || [ ! -f "$OUT" ]; then
  echo "$section"
  [ -f "$OUT" ] || echo "units.sh: no $OUT to write into; printed instead" >&2
  exit 0
fi
python3 - "$OUT" "$section" <<'PY'
import sys
path, section = sys.argv[1], sys.argv[2]
begin = "<!-- BEGIN GENERATED by bench/units.sh: everything up to END GENERATED by bench/units.sh is rewritten -->"
end = "<!-- END GENERATED by bench/units.sh -->"
text = open(path).read()
if begin not in text:
    raise SystemExit(f"units.sh: {path} has no '{begin}' marker")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + "\n" + section + "\n" + end + tail)
print(f"units.sh: rewrote the units section of {path}")
PY
