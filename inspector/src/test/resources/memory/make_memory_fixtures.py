#!/usr/bin/env python3
"""Keras 3 models for the memory planner's tests (issue 8).

Regenerate (from the repo root, /work/main):

    ../shared/tools/keras3 python3 inspector/src/test/resources/memory/make_memory_fixtures.py

Writes, next to this script:
  worked_example.json  the issue's worked example, configuration only (model.to_json()):
                       a 50x50x3 input, Conv2D 32 (same) -> 2x2 max-pool -> Conv2D 64 (same)
                       -> 2x2 max-pool -> Flatten -> Dense 500 -> Dense 10, float32.
                       ~4.6 M parameters (~18 MB of weights), which is why only its
                       configuration is kept.
  small_cnn.keras      the same layers at a 10x10x3 input with Dense 20, with (random) weights,
  small_cnn.json       and its configuration alone: the two must plan the same.
  branches.json        a functional model whose first hidden layer feeds two branches, so that it
                       stays alive while both run: Input 10 -> Dense 50 (a) -> Dense 40 (b, from a)
                       and Dense 40 (c, from a) -> Add (b, c) -> Dropout -> Dense 10.
  open_sequence.json   sequences of any length: Input (None, 3) -> LSTM 4 (return_sequences) -> Dense 2.
Models are not compiled (no optimizer state in the files).
"""
import os

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def cnn(size, hidden, name):
    return keras.Sequential([
        keras.Input((size, size, 3)),
        L.Conv2D(32, 3, padding="same", activation="relu"),
        L.MaxPooling2D(2),
        L.Conv2D(64, 3, padding="same", activation="relu"),
        L.MaxPooling2D(2),
        L.Flatten(),
        L.Dense(hidden, activation="relu"),
        L.Dense(10, activation="softmax"),
    ], name=name)


def branches():
    x = keras.Input((10,), name="features")
    a = L.Dense(50, activation="relu", name="a")(x)
    b = L.Dense(40, activation="relu", name="b")(a)
    c = L.Dense(40, activation="tanh", name="c")(a)
    added = L.Add(name="added")([b, c])
    dropped = L.Dropout(0.5, name="dropped")(added)
    y = L.Dense(10, activation="softmax", name="scores")(dropped)
    return keras.Model(x, y, name="branches")


def open_sequence():
    x = keras.Input((None, 3), name="steps")
    h = L.LSTM(4, return_sequences=True, name="lstm")(x)
    y = L.Dense(2, name="dense")(h)
    return keras.Model(x, y, name="open_sequence")


def write_json(model, name):
    with open(os.path.join(HERE, name), "w") as out:
        out.write(model.to_json(indent=1))
        out.write("\n")


def main():
    keras.utils.set_random_seed(0)
    worked = cnn(50, 500, "worked_example")
    print("worked_example parameters:", worked.count_params())  # 4,632,902
    write_json(worked, "worked_example.json")

    small = cnn(10, 20, "small_cnn")
    rng = np.random.default_rng(0)
    for variable in small.weights:
        variable.assign(rng.normal(0, 0.1, variable.shape).astype("float32"))
    small.save(os.path.join(HERE, "small_cnn.keras"))
    write_json(small, "small_cnn.json")
    print("small_cnn parameters:", small.count_params())

    write_json(branches(), "branches.json")
    write_json(open_sequence(), "open_sequence.json")
    print("keras", keras.__version__, "backend", keras.backend.backend())


if __name__ == "__main__":
    main()
