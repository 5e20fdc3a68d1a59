#!/usr/bin/env bash
# bench/launcher.sh — what the launcher (cli/target/kinspect, with its class-data-sharing archive)
# saves against a plain `java -jar cli/target/kinspect.jar`, command by command, measured in the
# same run as pairs that alternate the two (A B, B A, ...), each a whole process under
# /usr/bin/time. Prints the medians and the median of the per-pair ratios of CPU time
# (user + sys, which another process on the machine disturbs less than wall time) and of wall
# time, and writes the table between the LAUNCHER markers of BENCHMARKS.md.
#
#   bench/launcher.sh            # 7 pairs per command (about 2 minutes)
#   PAIRS=11 bench/launcher.sh
#
# Needs `mvn -B -q -DskipTests package` first (the launcher and its archive are made then).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PAIRS="${PAIRS:-7}"
[ -x cli/target/kinspect ] && [ -f cli/target/kinspect.jar ] || { echo "launcher.sh: run 'mvn -B -q -DskipTests package' first" >&2; exit 2; }
S=samples/models
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
commands=(
  "summary|summary $S/sine_lstm.keras -q"
  "inspect --out|$S/sine_lstm.keras --input $S/sine_lstm_input.npy --out $OUT/report --force -q"
)
source "$REPO/bench/pairs.sh"
rows=""
for entry in "${commands[@]}"; do
  name="${entry%%|*}"; args="${entry#*|}"
  # shellcheck disable=SC2206 # the arguments are words
  launcher=(cli/target/kinspect $args); plain=(java -jar cli/target/kinspect.jar $args)
  measure_pairs launcher plain "$PAIRS" "$OUT"
  row="| \`$name\` | $(cut -d' ' -f1 "$OUT/a" | median) s | $(cut -d' ' -f1 "$OUT/b" | median) s | $(median < "$OUT/ratio_cpu")x | $(cut -d' ' -f2 "$OUT/a" | median) s | $(cut -d' ' -f2 "$OUT/b" | median) s | $(median < "$OUT/ratio_wall")x |"
  echo "$row"
  rows="$rows$row"$'\n'
done
table="<!-- BEGIN LAUNCHER by bench/launcher.sh -->
## The launcher against \`java -jar\`

Run on $(date -u +%Y-%m-%dT%H:%MZ) at commit $(git rev-parse --short HEAD), $PAIRS alternating pairs per command after one warm-up each,
load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; ratio = launcher / \`java -jar\`, the median of the per-pair ratios (< 1: the launcher is cheaper).

| command | launcher CPU | java -jar CPU | CPU ratio | launcher wall | java -jar wall | wall ratio |
|---|---:|---:|---:|---:|---:|---:|
${rows}<!-- END LAUNCHER by bench/launcher.sh -->"
write_section "$REPO/BENCHMARKS.md" "<!-- BEGIN LAUNCHER by bench/launcher.sh -->" "<!-- END LAUNCHER by bench/launcher.sh -->" "$table"
echo "BENCHMARKS.md updated"
