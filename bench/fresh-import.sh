#!/usr/bin/env bash
# bench/fresh-import.sh — one import of each small model in a fresh JVM, kinspect against DL4J's
# KerasModelImport, in rounds that alternate the two, with and without the JVM options kinspect's
# launcher starts with; the table goes into BENCHMARKS.md between its FRESH markers.
#
#   bench/fresh-import.sh                 # mlp, cnn2d, cnn1d, 5 rounds (about 5 minutes under load)
#   bench/fresh-import.sh --rounds 9      # more rounds
#   bench/fresh-import.sh --print         # print the table, leave BENCHMARKS.md alone
#   KINSPECT_BENCH_JAR=old.jar bench/fresh-import.sh --print   # another build of the benchmark jar
#
# Each run is `Harness once ours|dl4j FILE` (what bench/run.sh's fresh-JVM table runs once per side):
# a new JVM with the benchmark's options (-Xmx6g ...) and class path; *import* is the open call alone
# (ND4J's start included, for both), *CPU* the whole process's user + sys time (GNU time), which a
# loaded machine disturbs less than wall time. Beside them, in the same rounds, `Harness once floor`:
# ND4J's start alone (its backend and one small op, timed from the same point as an import), what both
# imports pay in a fresh JVM, so DL4J's import / 2 must lie above it for a 2x speed-up to be possible.
# Six variants a round, in rotating order:
#   ours, DL4J, floor   the same JVM options, no class-data-sharing archive: the like-for-like comparison
#   ours, launcher      what `kinspect` starts a JVM with (cli/src/main/launcher/kinspect): an AppCDS
#                       archive of the classes an import loads (made here by one training run per model,
#                       as the build makes kinspect.jsa) and -XX:TieredStopAtLevel=1
#   DL4J, floor, same options   each given the same treatment, its own archive: what CDS is worth to it
# The ratios are DL4J / ours per round (> 1: ours is faster), their median reported. The floor's columns
# are measured with DL4J's column's options.
# Needs bench/target/kinspect-bench.jar (bench/run.sh builds it) and the shared corpus.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
source "$BENCH_DIR/pairs.sh"
CORPUS="${KINSPECT_SHARED:-$REPO/../shared}/corpus/dl4j-test-resources/modelimport/keras"
JAR="${KINSPECT_BENCH_JAR:-$BENCH_DIR/target/kinspect-bench.jar}"
OUT="$BENCH_DIR/target/fresh-import"
JVM=(-Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G)
LAUNCHER=(-XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off)

rounds=5
print=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --print) print=1 ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "fresh-import.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$JAR" ] || { echo "fresh-import.sh: no $JAR; build it with bench/run.sh (or its mvn line)" >&2; exit 2; }
[ -d "$CORPUS" ] || { echo "fresh-import.sh: no corpus at $CORPUS" >&2; exit 2; }
mkdir -p "$OUT"

# what_args WHO FILE: the arguments of `Harness once` (the floor reads no file)
what_args() {
  if [ "$1" = floor ]; then echo floor; else echo "$1" "$2" --sequential "$sequential"; fi
}

# once_run VARIANT WHO FILE: prints "import_ms cpu_s" of one fresh-JVM import (or ND4J's start alone)
once_run() {
  local variant="$1" who="$2" file="$3" extra=()
  if [ "$variant" = launcher ]; then
    extra=("${LAUNCHER[@]}" -XX:SharedArchiveFile="$OUT/$who-$(basename "$file").jsa")
  fi
  # shellcheck disable=SC2046 # what_args gives words
  /usr/bin/time -f "%U %S" -o "$OUT/time" java "${JVM[@]}" "${extra[@]}" -cp "$JAR" org.kinspect.bench.Harness \
    once $(what_args "$who" "$file") --timeout 120 > "$OUT/log" 2>&1 || { echo "fresh-import.sh: failed: $who $file" >&2; cat "$OUT/log" >&2; exit 1; }
  local ms
  ms=$(sed -n 's/^result\.ms=//p' "$OUT/log")
  awk -v ms="$ms" '{printf "%s %.3f\n", ms, $1 + $2}' "$OUT/time"
}

# col FILE N: the median of column N
col() { awk -v n="$2" '{print $n}' "$1" | median; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
rows=""
# name:file:sequential (which of DL4J's entry points; given, so that no JVM reads the file before its import)
for case in mlp:tfkeras/some_loss.h5:true cnn2d:examples/12net.h5:false cnn1d:weights/issue_9560.h5:true; do
  name="${case%%:*}"; rest="${case#*:}"; file="$CORPUS/${rest%%:*}"; sequential="${rest##*:}"
  echo "== $name: training the class-data-sharing archives, then $rounds rounds" >&2
  for who in ours dl4j floor; do
    rm -f "$OUT/$who-$(basename "$file").jsa"
    # shellcheck disable=SC2046 # what_args gives words
    java "${JVM[@]}" -XX:ArchiveClassesAtExit="$OUT/$who-$(basename "$file").jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$JAR" org.kinspect.bench.Harness once $(what_args "$who" "$file") > /dev/null 2>&1
  done
  variants=(ours:plain dl4j:plain floor:plain ours:launcher dl4j:launcher floor:launcher)
  for v in "${variants[@]}"; do : > "$OUT/$name-${v/:/-}"; done
  : > "$OUT/$name-ratio-plain"; : > "$OUT/$name-ratio-launcher"; : > "$OUT/$name-ratio-launcher-vs-plain"
  for round in $(seq "$rounds"); do
    declare -A result=()
    for i in 0 1 2 3 4 5; do # rotate the order from round to round
      v="${variants[$(( (i + round) % 6 ))]}"
      result[$v]="$(once_run "${v#*:}" "${v%%:*}" "$file")"
      echo "${result[$v]}" >> "$OUT/$name-${v/:/-}"
    done
    # per round: DL4J / ours, on the import time and on the process CPU
    echo "${result[ours:plain]} ${result[dl4j:plain]}" | awk '{printf "%.4f %.4f\n", $3 / $1, $4 / $2}' >> "$OUT/$name-ratio-plain"
    echo "${result[ours:launcher]} ${result[dl4j:launcher]}" | awk '{printf "%.4f %.4f\n", $3 / $1, $4 / $2}' >> "$OUT/$name-ratio-launcher"
    echo "${result[ours:launcher]} ${result[dl4j:plain]}" | awk '{printf "%.4f %.4f\n", $3 / $1, $4 / $2}' >> "$OUT/$name-ratio-launcher-vs-plain"
    unset result
  done
  row() { # VARIANT_OURS VARIANT_DL4J VARIANT_FLOOR RATIO_FILE LABEL
    printf '| %s | %s | %.0f ms | %.2f s | %.0f ms | %.2f s | %.0f ms | %.2f s | %.2fx | %.2fx |\n' "$name" "$5" \
      "$(col "$OUT/$name-$1" 1)" "$(col "$OUT/$name-$1" 2)" "$(col "$OUT/$name-$2" 1)" "$(col "$OUT/$name-$2" 2)" \
      "$(col "$OUT/$name-$3" 1)" "$(col "$OUT/$name-$3" 2)" "$(col "$OUT/$name-$4" 1)" "$(col "$OUT/$name-$4" 2)"
  }
  rows+="$(row ours-plain dl4j-plain floor-plain ratio-plain "both plain")"$'\n'
  rows+="$(row ours-launcher dl4j-plain floor-plain ratio-launcher-vs-plain "ours with the launcher's options, DL4J plain")"$'\n'
  rows+="$(row ours-launcher dl4j-launcher floor-launcher ratio-launcher "both with the launcher's options")"$'\n'
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
commit="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"

table="<!-- BEGIN FRESH by bench/fresh-import.sh -->
### One import in a fresh JVM, kinspect against DL4J, in rounds

\`bench/fresh-import.sh\` at commit $commit, $rounds rounds, load average $load_before before, $load_after after
(2 cores, shared with other builds). Medians of the rounds; *speed-up* = DL4J / ours per round, its median
(> 1: ours is faster), on the open call's time and on the process's CPU time. *Plain*: the benchmark's JVM
options; *the launcher's options*: an AppCDS archive of that import's classes and \`-XX:TieredStopAtLevel=1\`,
what \`kinspect\` starts with. *ND4J alone*: a JVM that starts ND4J (its backend and one small op) and nothing
else, timed as the imports are, with DL4J's column's options: the part of either import that is ND4J's own start.

| Case | JVMs | Ours: import | Ours: process CPU | DL4J: import | DL4J: process CPU | ND4J alone: start | ND4J alone: process CPU | Speed-up (import) | Speed-up (CPU) |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows%$'\n'}
<!-- END FRESH by bench/fresh-import.sh -->"

if [ "$print" = 1 ]; then
  echo "$table"
else
  write_section "$REPO/BENCHMARKS.md" "<!-- BEGIN FRESH by bench/fresh-import.sh -->" "<!-- END FRESH by bench/fresh-import.sh -->" "$table"
  echo "wrote $REPO/BENCHMARKS.md" >&2
fi
