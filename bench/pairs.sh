# bench/pairs.sh — sourced by the bench scripts that time whole commands against a baseline:
# each command a whole process under /usr/bin/time, in pairs that alternate the two (A B, B A, ...)
# after one warm-up each, so both see the same machine.
#
#   source bench/pairs.sh
#   a=(cli/target/kinspect summary m.keras); b=(java -jar cli/target/kinspect.jar summary m.keras)
#   measure_pairs a b 5 "$OUT"     # writes $OUT/a, $OUT/b ("cpu wall" per run), $OUT/ratio_cpu, $OUT/ratio_wall
#   median < "$OUT/ratio_wall"

# measure COMMAND...: prints "cpu wall" (seconds; cpu = user + sys) of one run; $OUT/time, $OUT/stderr as scratch
measure() {
  /usr/bin/time -f "%U %S %e" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/stderr" \
    || { echo "bench: failed: $*" >&2; cat "$OUT/stderr" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1 + $2, $3}' "$OUT/time"
}

# median: the median of the numbers on stdin, one a line
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# measure_pairs NAME_OF_ARRAY_A NAME_OF_ARRAY_B PAIRS FOLDER: the two commands, alternated
measure_pairs() {
  local -n first="$1" second="$2"
  local pairs="$3" folder="$4" i a b
  : > "$folder/a"; : > "$folder/b"; : > "$folder/ratio_cpu"; : > "$folder/ratio_wall"
  measure "${first[@]}" >/dev/null; measure "${second[@]}" >/dev/null # warm-up
  for i in $(seq "$pairs"); do
    if [ $((i % 2)) = 1 ]; then a=$(measure "${first[@]}"); b=$(measure "${second[@]}")
    else b=$(measure "${second[@]}"); a=$(measure "${first[@]}"); fi
    echo "$a" >> "$folder/a"; echo "$b" >> "$folder/b"
    echo "$a $b" | awk '{printf "%.4f\n", $1 / $3}' >> "$folder/ratio_cpu"
    echo "$a $b" | awk '{printf "%.4f\n", $2 / $4}' >> "$folder/ratio_wall"
  done
}

# write_section FILE BEGIN_MARKER END_MARKER TEXT: replaces the text between the markers (or appends it)
write_section() {
  python3 - "$@" <<'PY'
import sys
path, begin, end, table = sys.argv[1:5]
text = open(path).read()
if begin in text:
    text = text[:text.index(begin)] + table + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + table + "\n"
open(path, "w").write(text)
PY
}
