#!/usr/bin/env bash
# bench/cli.sh — each command of the README, run as a user runs it (cli/target/kinspect, a whole
# process), against the floor: the same JVM with the same options starting ND4J's backend and
# nothing else (bench/floor/Floor.java). Measured in the same run as pairs that alternate the two
# (A B, B A, ...), each under /usr/bin/time; the ratio is the median of the per-pair ratios of wall
# time and of CPU time (user + sys, less disturbed by other work on the machine). Writes the table
# between the CLI markers of BENCHMARKS.md.
#
#   bench/cli.sh              # 5 pairs per command (about 5 minutes)
#   PAIRS=9 bench/cli.sh
#   AGAINST=../old/cli/target bench/cli.sh   # also each command against another build's launcher
#                             # (e.g. the commit before a change, built with `mvn -B -q -DskipTests package`
#                             # from `git archive COMMIT`), pairs alternating the two: before/after in one run
#
# Needs `mvn -B -q -DskipTests package` first. The large model's cases run when bench/run.sh has
# made it (bench/target/models/large_lstm.keras, 268 MB).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PAIRS="${PAIRS:-5}"
[ -x cli/target/kinspect ] && [ -f cli/target/kinspect.jar ] || { echo "cli.sh: run 'mvn -B -q -DskipTests package' first" >&2; exit 2; }
S=samples/models
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT/floor"
javac -d "$OUT/floor" -cp cli/target/kinspect.jar bench/floor/Floor.java
java_options=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3) # as the launcher starts the JVM
[ -f cli/target/kinspect.jsa ] && java_options+=(-XX:SharedArchiveFile=cli/target/kinspect.jsa -Xlog:cds=off -Xlog:cds+dynamic=off)
# kinspect.jar first: the class-data-sharing archive fits a class path that starts with the one it was made for
# and with the launcher's environment: ND4J's OpenMP threads sleep between operations
floor=(env OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}" java "${java_options[@]}" -cp "cli/target/kinspect.jar:$OUT/floor" Floor)
# name|target|arguments (target: the README's own, <= 1.5x for the main job, <= 1.2x for summary)
commands=(
  "summary|<= 1.2x|summary $S/sine_lstm.keras -q"
  "inspect, every layer, --out report|<= 1.5x|$S/sine_lstm.keras --input $S/sine_lstm_input.npy --out $OUT/report --force -q"
  "inspect one layer, --values|none set|$S/sine_lstm.keras --input $S/sine_lstm_input.npy --layer lstm_2 --values --example 0 -q"
  "inspect --gates --out|none set|$S/sine_lstm.keras --input $S/sine_lstm_input.npy --layer lstm_1 --gates --out $OUT/gates --force -q"
  "verify|none set|verify $S/sine_lstm.keras --reference $S/sine_lstm_io.h5 -q"
  "memory|none set|memory $S/sine_lstm.keras --optimizer adam -q"
  "units --top 3|none set|units $S/sine_lstm.keras --input $S/sine_lstm_eval_x.npy --layer lstm_2 --top 3 -q"
  "eval|none set|eval $S/sine_lstm.keras --input $S/sine_lstm_eval_x.npy --labels $S/sine_lstm_eval_y.npy --reference $S/sine_lstm_eval_keras_pred.npy -q"
)
LARGE=bench/target/models/large_lstm.keras
if [ -f "$LARGE" ]; then
  commands+=("summary, 268 MB .keras|none set|summary $LARGE -q")
fi
source "$REPO/bench/pairs.sh"
AGAINST="${AGAINST:-}"
[ -z "$AGAINST" ] || [ -x "$AGAINST/kinspect" ] || { echo "cli.sh: no launcher at $AGAINST/kinspect" >&2; exit 2; }
against_commit="${AGAINST_COMMIT:-$( [ -n "$AGAINST" ] && git -C "$AGAINST" rev-parse --short HEAD 2>/dev/null || echo "?")}"
# peak_rss COMMAND...: the peak resident set of one run, in MB
peak_rss() { /usr/bin/time -f "%M" -o "$OUT/rss" "$@" >/dev/null 2>&1 && awk '{printf "%.0f", $1 / 1024}' "$OUT/rss"; }
met() { awk -v r="$1" -v t="$2" 'BEGIN { if (t == "none set") print "—"; else { sub(/<= /, "", t); sub(/x/, "", t); print (r <= t) ? "yes" : "**no**" } }'; }
rows=""
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for entry in "${commands[@]}"; do
  IFS='|' read -r name target args <<< "$entry"
  # shellcheck disable=SC2206 # the arguments are words
  command=(cli/target/kinspect $args)
  measure_pairs command floor "$PAIRS" "$OUT"
  wall_ratio=$(median < "$OUT/ratio_wall")
  row="| $name | \`kinspect ${args//$OUT/OUT}\` | $(cut -d' ' -f2 "$OUT/a" | median) s | $(cut -d' ' -f2 "$OUT/b" | median) s | ${wall_ratio}x ($(sort -g "$OUT/ratio_wall" | head -1)x–$(sort -g "$OUT/ratio_wall" | tail -1)x) | $(median < "$OUT/ratio_cpu")x | $target | $(met "$wall_ratio" "$target") |"
  if [ -n "$AGAINST" ]; then
    # shellcheck disable=SC2206 # the arguments are words
    other=("$AGAINST/kinspect" ${args//$OUT/$OUT/against})
    measure_pairs command other "$PAIRS" "$OUT"
    row="$row $(median < "$OUT/ratio_wall")x ($(cut -d' ' -f2 "$OUT/b" | median) s) | $(median < "$OUT/ratio_cpu")x |"
  fi
  echo "$row"
  rows="$rows$row"$'\n'
done
memory_text=""
if [ -f "$LARGE" ]; then
  memory_text="

Peak RSS of \`kinspect summary $LARGE -q\` (one run): $(peak_rss cli/target/kinspect summary "$LARGE" -q) MB; the floor: $(peak_rss "${floor[@]}") MB"
  [ -z "$AGAINST" ] || memory_text="$memory_text; the other build: $(peak_rss "$AGAINST/kinspect" summary "$LARGE" -q) MB"
  memory_text="$memory_text."
fi
against_text=""; against_head=""; against_rule=""
if [ -n "$AGAINST" ]; then
  against_text="
The last two columns: the same command against the launcher of another build (\`AGAINST=$AGAINST\`, commit $against_commit), in
pairs of their own alternating the two; ratio = this build / that build (< 1: this build is faster)."
  against_head=" wall / other build (its wall) | CPU / other build |"; against_rule="---:|---:|"
fi
table="<!-- BEGIN CLI by bench/cli.sh -->
## Each README command against the JVM + ND4J floor

Run on $(date -u +%Y-%m-%dT%H:%MZ) at commit $(git rev-parse --short HEAD) by \`bench/cli.sh\`, $PAIRS alternating pairs per
command after one warm-up each; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end. The floor is
\`bench/floor/Floor.java\`: the launcher's JVM with the same options and class-data-sharing archive, starting ND4J's backend and
exiting. Ratio = the command's time / the floor's, the median of the per-pair ratios (range in brackets); the target is judged on wall time.${against_text}

| command | as typed | command wall | floor wall | wall ratio | CPU ratio | target | met |${against_head}
|---|---|---:|---:|---:|---:|---|---|${against_rule}
${rows}${memory_text:+${memory_text#$'\n'}
}<!-- END CLI by bench/cli.sh -->"
write_section "$REPO/BENCHMARKS.md" "<!-- BEGIN CLI by bench/cli.sh -->" "<!-- END CLI by bench/cli.sh -->" "$table"
echo "cli.sh: BENCHMARKS.md updated"
