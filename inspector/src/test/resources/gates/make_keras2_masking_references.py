#!/usr/bin/env python3
"""Keras's own outputs for the corpus's Keras 2.2 masked LSTMs, which Keras 3 cannot load.

Regenerate (from the repo root, with ../shared/corpus present):

    ../shared/tools/keras3 python3 inspector/src/test/resources/gates/make_keras2_masking_references.py

The corpus files dl4j-test-resources/.../masking/masking_{zero,two}_lstm.h5 (Keras 2.2.0: Masking
with mask value 0 or 2, then LSTM(32) returning its last output) are rebuilt in Keras 3 with the
file's weights and Keras 2's hard_sigmoid (clip(0.2 x + 0.5, 0, 1)) as recurrent activation, run
on padded sequences, and written as NAME_keras2_io.h5 in the reference layout (inputs/, activations/).
They found that kinspect's import of Keras 1/2 masked LSTMs did not keep the state at padded steps.
"""
import json
import os

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
MASKING = os.path.join(os.path.dirname(REPO), "shared", "corpus", "dl4j-test-resources", "modelimport", "keras",
                       "examples", "masking")


def make(name, mask_value, seed):
    path = os.path.join(MASKING, f"{name}.h5")
    with h5py.File(path, "r") as f:
        layers = json.loads(f.attrs["model_config"])["config"]
        masking = [l for l in layers if l["class_name"] == "Masking"][0]["config"]
        lstm_config = [l for l in layers if l["class_name"] == "LSTM"][0]["config"]
        group = f["model_weights"][lstm_config["name"]]
        names = [n.decode() if isinstance(n, bytes) else n for n in group.attrs["weight_names"]]
        weights = [group[n][()] for n in names]
    assert masking["mask_value"] == mask_value and lstm_config["recurrent_activation"] == "hard_sigmoid"
    steps, features = masking["batch_input_shape"][1:]
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, (3, steps, features)).astype("float32")
    for example, length in enumerate([steps, 6, 3]):  # one full sequence, two padded at the end
        x[example, length:] = mask_value

    inputs = keras.Input((steps, features))
    lstm = keras.layers.LSTM(lstm_config["units"], activation=lstm_config["activation"])
    output = lstm(keras.layers.Masking(mask_value)(inputs))
    model = keras.Model(inputs, output)
    lstm.set_weights(weights)
    lstm.cell.recurrent_activation = lambda v: keras.ops.clip(0.2 * v + 0.5, 0.0, 1.0)  # Keras 2's hard_sigmoid
    y = keras.ops.convert_to_numpy(model(x))

    input_name = f"{masking['name']}_input"
    with h5py.File(os.path.join(HERE, f"{name}_keras2_io.h5"), "w") as out:
        out.create_group("inputs").create_dataset(input_name, data=x)
        out["inputs"][input_name].attrs["model_dtype"] = "float32"
        out.create_group("activations").create_dataset(lstm_config["name"], data=y.astype("float32"))
        out.attrs["source_file"] = f"corpus masking/{name}.h5 rebuilt in Keras {keras.__version__}"
    print(f"{name}: {lstm_config['name']} {y.shape}")


if __name__ == "__main__":
    make("masking_zero_lstm", 0.0, 500)
    make("masking_two_lstm", 2.0, 501)
