#!/usr/bin/env bash
# bench/spark.sh — `kinspect units` on Spark (local[1], local[2]) against the command alone on the same
# 10^6 examples, per-partition rates from Spark's event log, and its section of BENCHMARKS.md rewritten.
#
#   bench/spark.sh                  # everything: about 5-10 minutes on the 2-core machine
#   bench/spark.sh --examples 200000  # a smaller data set (default 1000000)
#   bench/spark.sh --rounds 2       # timed rounds per configuration (default 1), the order rotating
#   bench/spark.sh --print          # print the section instead of rewriting BENCHMARKS.md
#   bench/spark.sh --report         # only rewrite the section from the last run's files in bench/target/spark
#   OMP_NUM_THREADS=1 bench/spark.sh  # one ND4J thread per pass or task (steadier when other builds share the cores)
#
# 1. Builds the CLI and the Spark module unless cli/target/kinspect and spark/target/spark-lib exist
#    (`mvn -pl inspector,cli,spark package -DskipTests`).
# 2. Writes sine_lstm-shaped random examples (float32 (N, 20, 2)) into bench/target/spark-data/: once as
#    one .npy file (what the command alone reads) and once as 16 .npy shards (what the Spark job reads).
#    Generated, never committed.
# 3. Runs, through the launcher as a user would, `kinspect units sine_lstm.keras --layer lstm_1 --batch 1024
#    --json`: alone on the file, and with --spark local[1] and --spark local[2] on the shards (partitions
#    of 65,536 rows). Wall time of the whole command (JVM start, import, Spark start, the pass) and the
#    answers compared (every count and top-k list equal, moments to 1e-6).
# 4. Spark's event log of each Spark run gives each task's executor run time: the per-partition rate
#    (rows / run time) from which the estimate for 10^9 examples on N executors is made.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
WORK="$BENCH_DIR/target/spark"
DATA="$BENCH_DIR/target/spark-data"
MODEL="$REPO/samples/models/sine_lstm.keras"
OUT="$REPO/BENCHMARKS.md"
KINSPECT="$REPO/cli/target/kinspect"
examples=1000000
rounds=1
print=0
report=0
while [ $# -gt 0 ]; do
  case "$1" in
    --examples) examples="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --print) print=1 ;;
    --report) report=1 ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "spark.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$WORK" "$DATA"

if [ "$report" = 0 ]; then
if [ ! -x "$KINSPECT" ] || [ ! -d "$REPO/spark/target/spark-lib" ]; then
  echo "== building the CLI and the Spark module" >&2
  (cd "$REPO" && mvn -B -q -o -pl inspector,cli,spark package -DskipTests) >&2
fi

if [ ! -f "$DATA/x_$examples.npy" ]; then
  echo "== writing $examples examples, whole and as 16 shards" >&2
  python3 - "$DATA" "$examples" <<'PY'
import os, sys
import numpy as np
folder, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(7)
x = (np.sin(np.linspace(0, 6, 20))[None, :, None] * rng.uniform(0.5, 2, (n, 1, 2))
     + rng.normal(0, 0.3, (n, 20, 2))).astype(np.float32)
np.save(os.path.join(folder, f"x_{n}.npy"), x)
shards = os.path.join(folder, f"shards_{n}")
os.makedirs(shards, exist_ok=True)
for i, part in enumerate(np.array_split(x, 16)):
    np.save(os.path.join(shards, f"part-{i:03d}.npy"), part)
PY
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
run() {  # run NAME ARGS...: one timed command, its JSON kept
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$KINSPECT" units "$MODEL" --layer lstm_1 --batch 1024 --json "$@" > "$WORK/$name.json"
  end=$(date +%s.%N)
  echo "$name $(echo "$end - $start" | bc)" >> "$WORK/times.txt"
}
load_before="$(load)"
: > "$WORK/times.txt"
rm -rf "$WORK/events"; mkdir -p "$WORK/events"
export KINSPECT_JAVA_OPTS="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$WORK/events \
-Dspark.eventLog.rolling.enabled=false -Dspark.eventLog.compress=false"
configurations=(alone local1 local2)
for round in $(seq 1 "$rounds"); do
  for offset in 0 1 2; do
    name="${configurations[$(( (offset + round - 1) % 3 ))]}"
    echo "== round $round: $name" >&2
    case "$name" in
      alone) run "alone_$round" --input "$DATA/x_$examples.npy" ;;
      local1) run "local1_$round" --input "$DATA/shards_$examples" --spark 'local[1]' ;;
      local2) run "local2_$round" --input "$DATA/shards_$examples" --spark 'local[2]' ;;
    esac
  done
done
unset KINSPECT_JAVA_OPTS
load_after="$(load)"
echo "$load_before|$load_after|${OMP_NUM_THREADS:-ND4J default}|$examples|$rounds" > "$WORK/run.txt"
fi
IFS='|' read -r load_before load_after threads examples rounds < "$WORK/run.txt"
export BENCH_THREADS="$threads"

section="$(python3 - "$WORK" "$examples" "$rounds" "$load_before" "$load_after" "$(git -C "$REPO" rev-parse --short HEAD)" <<'PY'
import glob, json, os, statistics, sys
work, n, rounds, load_before, load_after, commit = sys.argv[1:]
n, rounds = int(n), int(rounds)
times = {}
for line in open(os.path.join(work, "times.txt")):
    name, seconds = line.split()
    times.setdefault(name.rsplit("_", 1)[0], []).append(float(seconds))

def same(a, b, path=""):
    """The answers agree: exact but for mean and std (1e-6 relative), timings skipped."""
    if isinstance(a, dict):
        for key in a:
            if key in ("seconds", "examples_per_second", "model"):
                continue
            if key in ("mean", "std") and isinstance(a[key], float):
                if abs(a[key] - b[key]) > 1e-6 * max(abs(a[key]), 1e-12):
                    return f"{path}.{key}: {a[key]} vs {b[key]}"
            else:
                problem = same(a[key], b[key], f"{path}.{key}")
                if problem:
                    return problem
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            problem = same(x, y, f"{path}[{i}]")
            if problem:
                return problem
        return None
    return None if a == b else f"{path}: {a} vs {b}"

alone = json.load(open(os.path.join(work, "alone_1.json")))
agreement = {}
for name in ("local1", "local2"):
    problem = same(alone, json.load(open(os.path.join(work, f"{name}_1.json"))))
    agreement[name] = "identical" if problem is None else f"DIFFERENT at {problem}"

# Per-task executor run times from the event logs (one log per Spark run, in run order).
tasks = {}
for log in sorted(glob.glob(os.path.join(work, "events", "*")), key=os.path.getmtime):
    master, runs = None, []
    for line in open(log):
        event = json.loads(line)
        if event.get("Event") == "SparkListenerEnvironmentUpdate":
            master = event["Spark Properties"].get("spark.master")
        if event.get("Event") == "SparkListenerTaskEnd" and event.get("Task End Reason", {}).get("Reason") == "Success":
            runs.append((event["Task Info"]["Index"], event["Task Metrics"]["Executor Run Time"] / 1000.0))
    tasks.setdefault(master, []).extend(runs)
partition_rows = 65536
def rows(index):
    return min(partition_rows, n - index * partition_rows)
rates = {}
for master, runs in tasks.items():
    rates[master] = [rows(index) / seconds for index, seconds in runs if seconds > 0]

lines = []
threads = os.environ.get("BENCH_THREADS", "ND4J default")
lines.append(f"Run of `bench/spark.sh` at commit {commit}; load average {load_before} before, {load_after} after "
             f"(2 cores, shared with other builds); ND4J threads per pass or task: {threads}.")
lines.append("")
lines.append(f"**Throughput**: `kinspect units sine_lstm.keras --layer lstm_1 --batch 1024 --json` on the same {n:,} "
             f"examples, the whole command timed (JVM start, import, Spark start, the pass), {rounds} round(s), median; "
             f"the survey alone is the command's own `examples_per_second` (for Spark: the job with its start and merge):")
lines.append("")
lines.append("| run | input | wall time | examples/s | time / alone | survey alone (`examples_per_second`) | answer against alone |")
lines.append("|---|---|---|---|---|---|---|")
base = statistics.median(times["alone"])
labels = {"alone": ("alone (no Spark)", "one .npy file"), "local1": ("`--spark local[1]`", "16 .npy shards"),
          "local2": ("`--spark local[2]`", "16 .npy shards")}
for name in ("alone", "local1", "local2"):
    t = statistics.median(times[name])
    answer = "-" if name == "alone" else agreement[name]
    inner = json.load(open(os.path.join(work, f"{name}_1.json")))["examples_per_second"]
    lines.append(f"| {labels[name][0]} | {labels[name][1]} | {t:.1f} s | {n / t:,.0f} | {t / base:.2f}x | {inner:,.0f} ex/s | {answer} |")
lines.append("")
lines.append(f"**Per-partition rates** from Spark's event log ({partition_rows:,}-row partitions; rows / executor run time of the task):")
lines.append("")
lines.append("| master | tasks | median rate per task | range | sum of task times |")
lines.append("|---|---|---|---|---|")
for master in sorted(rates):
    r = rates[master]
    total = sum(seconds for _, seconds in tasks[master])
    lines.append(f"| `{master}` | {len(r)} | {statistics.median(r):,.0f} ex/s | {min(r):,.0f}-{max(r):,.0f} | {total:.1f} s |")
lines.append("")
one_core_seconds = sum(seconds for _, seconds in tasks.get("local[1]", [])) or 1
one_core = n / one_core_seconds
fixed = statistics.median(times["local1"]) - one_core_seconds
lines.append(f"**Estimate for 10^9 examples** from the local[1] tasks' rate (all rows / the sum of their run times: "
             f"{one_core:,.0f} ex/s per core) and "
             f"the fixed cost measured around it ({fixed:.0f} s: JVM, import, Spark start, merge), assuming each "
             f"executor core keeps that rate (the model, not I/O, the bound) and partitions spread evenly:")
lines.append("")
lines.append("| executors x cores | time for 10^9 examples |")
lines.append("|---|---|")
for executors, cores in ((1, 1), (10, 4), (50, 4), (100, 8)):
    seconds = 1e9 / (executors * cores * one_core) + fixed
    lines.append(f"| {executors} x {cores} | {seconds / 3600:.2f} h ({seconds:,.0f} s) |")
print("\n".join(lines))
PY
)"

if [ "$print" = 1 ] || [ ! -f "$OUT" ]; then
  echo "$section"
  exit 0
fi
source "$REPO/bench/pairs.sh"
write_section "$OUT" "<!-- BEGIN GENERATED by bench/spark.sh: everything up to END GENERATED by bench/spark.sh is rewritten -->" \
  "<!-- END GENERATED by bench/spark.sh -->" \
  "<!-- BEGIN GENERATED by bench/spark.sh: everything up to END GENERATED by bench/spark.sh is rewritten -->
$section
<!-- END GENERATED by bench/spark.sh -->"
echo "spark.sh: rewrote the Spark section of $OUT"
