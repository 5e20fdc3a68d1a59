#!/usr/bin/env python3
"""A Siamese model whose shared encoder is a Functional model (with a skip connection), and
Keras's own outputs for it. keras_reference.py cannot probe a nested Functional model (its own
output is not connected to the outer inputs), so this records what Keras computes by calling the
model and the encoder itself: both calls of the encoder, as kinspect names them (`encoder` for the
first, `encoder@1` for the second), and every outer layer.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/layers/make_shared_functional.py

Writes shared_functional_model.keras, .h5 and _io.h5 next to this script (layout of
keras_reference.py: inputs/NAME, activations/LAYER).
"""
import os
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import h5py  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402
from make_layer_fixtures import HERE, randomize  # noqa: E402

NAME = "shared_functional_model"
SEED = 900


def model():
    i = keras.Input((5,), name="enc_in")
    h = L.Dense(4, activation="relu", name="enc_dense")(i)
    s = L.Dense(4, name="enc_skip")(i)
    o = L.Dense(3, name="enc_out")(L.Add(name="enc_add")([h, s]))
    encoder = keras.Model(i, o, name="encoder")
    a = keras.Input((5,), name="left")
    b = keras.Input((5,), name="right")
    d = L.Subtract(name="difference")([encoder(a), encoder(b)])
    y = L.Dense(1, activation="sigmoid", name="score")(d)
    return keras.Model([a, b], y, name=NAME), encoder


def main():
    keras.utils.set_random_seed(SEED)
    siamese, encoder = model()
    randomize(siamese, SEED, 1.0)
    siamese.save(os.path.join(HERE, f"{NAME}.keras"))
    siamese.save(os.path.join(HERE, f"{NAME}.h5"))
    rng = np.random.default_rng(0)
    left = rng.standard_normal((2, 5)).astype("float32")
    right = rng.standard_normal((2, 5)).astype("float32")
    difference = keras.Model(siamese.inputs, siamese.get_layer("difference").output)
    numbers = {
        "left": left,
        "right": right,
        "encoder": encoder(left),
        "encoder@1": encoder(right),
        "difference": difference([left, right]),
        "score": siamese([left, right]),
    }
    for path in (f"{NAME}.keras", f"{NAME}.h5"):  # both files must give the same numbers back
        loaded = keras.saving.load_model(os.path.join(HERE, path), compile=False)
        got = keras.ops.convert_to_numpy(loaded([left, right]))
        assert np.max(np.abs(got - keras.ops.convert_to_numpy(numbers["score"]))) < 1e-6, path
    with h5py.File(os.path.join(HERE, f"{NAME}_io.h5"), "w") as f:
        f.attrs["keras_version"] = keras.__version__
        f.attrs["backend"] = keras.backend.backend()
        f.create_dataset("inputs/left", data=left)
        f.create_dataset("inputs/right", data=right)
        for layer, values in numbers.items():
            f.create_dataset(f"activations/{layer}", data=np.asarray(keras.ops.convert_to_numpy(values), "float32"))
    print(f"{NAME}: ok")


if __name__ == "__main__":
    main()
