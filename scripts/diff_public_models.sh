#!/bin/bash
# kinspect diff on every public model of ../shared/corpus/public-models, both modes:
#  - the model against a copy with its second layer's weights scaled by 1.01: the layers before it
#    must agree exactly, it must be the first divergent layer, its weights' change 0.01;
#  - the model on 100 noisy copies of Keras's reference examples against 100 louder, noisier ones.
# Run from the repo root after `mvn -q -DskipTests package`:  scripts/diff_public_models.sh [OUT]
set -euo pipefail
OUT="${1:-/tmp/kinspect-diff-public}"
KINSPECT="${KINSPECT:-java -jar cli/target/kinspect.jar}"
rm -rf "$OUT" && mkdir -p "$OUT"
../shared/tools/keras3 python3 scripts/diff_public_models.py "$OUT"
failures=0
for folder in "$OUT"/*/; do
  name=$(basename "$folder")
  model=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['model'])" "$folder/expected.json")
  inputs=(); first=(); second=()
  for input in $(python3 -c "import json,sys; print(' '.join(json.load(open(sys.argv[1]))['inputs']))" "$folder/expected.json"); do
    inputs+=(--input "$input=$folder/$input.npy")
    first+=(--input "$input=$folder/first_$input.npy")
    second+=(--against "$input=$folder/second_$input.npy")
  done
  echo "== $name: the model against its perturbed copy"
  $KINSPECT diff "$model" "$folder/perturbed.h5" "${inputs[@]}" -q | tee "$folder/models.txt"
  $KINSPECT diff "$model" "$folder/perturbed.h5" "${inputs[@]}" --json > "$folder/models.json"
  if ! python3 - "$folder/expected.json" "$folder/models.json" <<'PY'
import json, sys
expected = json.load(open(sys.argv[1]))
found = json.load(open(sys.argv[2]))
layer = expected["perturbed_layer"]
names = [l["name"] for l in found["layers"]]
assert found["first_divergent_layer"] == layer, (found["first_divergent_layer"], layer)
for entry in found["layers"][:names.index(layer)]:
    assert entry["max_abs_diff"] == 0, entry
change = found["layers"][names.index(layer)]["weight_rel_change"]
assert abs(change - 0.01) < 1e-6, change
print("checked: first divergent layer", layer, "weights' change", change)
PY
  then failures=$((failures + 1)); fi
  echo "== $name: two data sets"
  $KINSPECT diff "$model" "${first[@]}" "${second[@]}" -q --out "$folder/shift" --force | tee "$folder/shift.txt"
done
echo "$failures model(s) failed the checks"
[ "$failures" -eq 0 ]
