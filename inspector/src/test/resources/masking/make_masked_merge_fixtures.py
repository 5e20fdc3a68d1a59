#!/usr/bin/env python3
"""Keras 3's mask-aware merges (Maximum, Minimum, Multiply) of masked sequences, with their numbers.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/masking/make_masked_merge_fixtures.py

Writes masked_merges.keras, masked_merges.h5 and masked_merges_io.h5 (../shared/tools/keras_reference.py).
Keras 3 leaves a masked input out of these merges where it is masked (Merge._apply_merge_op_and_or_mask:
replaced by the running output for Maximum and Minimum; Multiply: replaced by 1), and hands on the OR
of the inputs' masks when every input is masked (Maximum, Minimum), the AND of the masks there are
otherwise (Merge.compute_mask). The model merges an Embedding(mask_zero=True) and a Dense after it
(two inputs masked by the same origin), and that Dense with an unmasked sequence (one masked input,
first or second, and three inputs with the unmasked one in the middle), and that Dense with a Masking
layer's output (two inputs masked by different origins); a GlobalAveragePooling1D after some merges
reads the mask they hand on, and one after a Dot of masked sequences (which hands no mask on).
"""
import os
import subprocess

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
REFERENCE = os.path.join(os.path.dirname(REPO), "shared", "tools", "keras_reference.py")
STEPS = 7
VOCABULARY = 12

# token ids: padding at the end, at the start and inside (no row is all padding: the pooling divides by the kept steps)
TOKENS = np.array([[3, 5, 1, 0, 0, 0, 0],
                   [0, 0, 2, 7, 5, 9, 11],
                   [4, 0, 6, 5, 0, 8, 1]], dtype="int32")


def masked_merges():
    ids = keras.Input((STEPS,), dtype="int32", name="tokens")
    embedded = L.Embedding(VOCABULARY, 4, mask_zero=True, name="embedding")(ids)
    dense = L.Dense(4, name="dense")(embedded)  # hands the embedding's mask on
    signal = keras.Input((STEPS, 4), name="signal")
    plain = L.Dense(4, name="plain")(signal)  # no mask
    maximum_two = L.Maximum(name="maximum_two")([embedded, dense])
    minimum_two = L.Minimum(name="minimum_two")([dense, embedded])
    multiply_two = L.Multiply(name="multiply_two")([embedded, dense])
    maximum_one = L.Maximum(name="maximum_one")([dense, plain])
    minimum_one = L.Minimum(name="minimum_one")([plain, dense])
    multiply_one = L.Multiply(name="multiply_one")([plain, dense])
    maximum_three = L.Maximum(name="maximum_three")([embedded, plain, dense])
    minimum_three = L.Minimum(name="minimum_three")([dense, embedded, dense])
    padded = keras.Input((STEPS, 4), name="padded")
    masked = L.Masking(0.0, name="masking")(padded)  # a second origin
    maximum_mixed = L.Maximum(name="maximum_mixed")([dense, masked])
    multiply_mixed = L.Multiply(name="multiply_mixed")([masked, dense])
    dot = L.Dot(axes=2, name="dot")([embedded, dense])  # hands no mask on
    outs = [
        L.GlobalAveragePooling1D(name="avg_maximum_two")(maximum_two),
        L.GlobalAveragePooling1D(name="avg_minimum_one")(minimum_one),
        L.GlobalAveragePooling1D(name="avg_multiply_two")(multiply_two),
        L.GlobalAveragePooling1D(name="avg_multiply_one")(multiply_one),
        L.GlobalAveragePooling1D(name="avg_dot")(dot),
        maximum_one, multiply_one, maximum_three, minimum_two, minimum_three, maximum_mixed, multiply_mixed,
    ]
    model = keras.Model([ids, signal, padded], outs, name="masked_merges")
    rng = np.random.default_rng(1604)
    for variable in model.weights:
        variable.assign(rng.normal(0, 0.6, variable.shape).astype("float32"))
    signal_values = rng.normal(0, 1, (3, STEPS, 4)).astype("float32")
    padded_values = rng.normal(0, 1, (3, STEPS, 4)).astype("float32")
    padded_values[0, 2:5] = 0  # masked where the tokens are kept and where they are padding
    padded_values[1, [0, 6]] = 0
    padded_values[2, 1] = 0  # padding in both: Multiply gives 0 there
    return model, {"tokens": TOKENS, "signal": signal_values, "padded": padded_values}


def main():
    model, inputs = masked_merges()
    name = model.name
    model.save(os.path.join(HERE, f"{name}.keras"))
    model.save(os.path.join(HERE, f"{name}.h5"))
    arguments = []
    for input_name, value in inputs.items():
        np.save(os.path.join("/tmp", f"masked_merges_{input_name}.npy"), value)
        arguments += ["--input", f"{input_name}=/tmp/masked_merges_{input_name}.npy"]
    subprocess.run(["python3", REFERENCE, os.path.join(HERE, f"{name}.keras"),
                    os.path.join(HERE, f"{name}_io.h5")] + arguments, check=True)
    print("wrote", name)


if __name__ == "__main__":
    main()
