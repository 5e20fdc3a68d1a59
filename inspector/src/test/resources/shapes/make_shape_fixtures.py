#!/usr/bin/env python3
"""Small Keras 3 models whose intermediate layers kinspect once showed in shapes Keras does not give
(issue 15), with Keras's own per-layer outputs.

Regenerate (from the worktree root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/shapes/make_shape_fixtures.py [CASE ...]

Each case writes CASE.keras, CASE.h5 and CASE_io.h5 next to this script with `make` from
../layers/make_layer_fixtures.py (same random weights and reference check). Each case's seed is
1500 + its index in CASES: add new cases at the end. README.md in this folder lists the cases.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
import make_layer_fixtures as fixtures  # noqa: E402
from make_layer_fixtures import keras, L  # noqa: E402


def conv1d_global_pooling_dense():
    # a Dense after a global pooling of a sequence: Keras gives (batch, units)
    x = keras.Input((7, 3), name="signal")
    h = L.Conv1D(5, 3, activation="relu", name="conv")(x)
    h = L.GlobalAveragePooling1D(name="pool")(h)
    h = L.Dense(4, activation="relu", name="dense")(h)
    return keras.Model(x, L.Dense(1, name="score")(h), name="conv1d_global_pooling_dense")


def attention_global_pooling_dense():
    # self-attention, normalisation over features, a pooling over time, then Dense layers
    x = keras.Input((6, 8), name="tokens")
    a = L.MultiHeadAttention(num_heads=2, key_dim=4, name="attention")(x, x)
    h = L.Add(name="residual")([x, a])
    h = L.LayerNormalization(name="norm")(h)
    h = L.GlobalAveragePooling1D(name="pool")(h)
    h = L.Dense(5, activation="relu", name="dense")(h)
    return keras.Model(x, L.Dense(1, activation="sigmoid", name="score")(h), name="attention_global_pooling_dense")


def global_pooling_dense_one():
    # a Dense(1) straight after each global pooling, of sequences and of images
    s = keras.Input((5, 4), name="sequence")
    i = keras.Input((6, 6, 2), name="image")
    outs = [
        L.Dense(1, name="after_max_1d")(L.GlobalMaxPooling1D(name="max_1d")(s)),
        L.Dense(1, name="after_average_1d")(L.GlobalAveragePooling1D(name="average_1d")(s)),
        L.Dense(1, name="after_max_2d")(L.GlobalMaxPooling2D(name="max_2d")(i)),
        L.Dense(1, name="after_average_2d")(L.GlobalAveragePooling2D(name="average_2d")(i)),
    ]
    return keras.Model([s, i], L.Concatenate(name="all")(outs), name="global_pooling_dense_one")


def reshape_permute_activation():
    # a Permute that swaps the two axes a Reshape made; the Activation after it keeps Keras's layout
    x = keras.Input((24,), name="features")
    h = L.Dense(24, name="dense")(x)
    h = L.Reshape((4, 6), name="reshape")(h)
    h = L.Permute((2, 1), name="permute")(h)
    h = L.Activation("tanh", name="activation")(h)
    h = L.Flatten(name="flat")(h)
    return keras.Model(x, L.Dense(3, name="out")(h), name="reshape_permute_activation")


def open_image_size():
    # an image of any size: convolutions, pooling and a global pooling to a vector
    x = keras.Input((None, None, 3), name="image")
    h = L.Conv2D(4, 3, activation="relu", name="conv_1")(x)
    h = L.MaxPooling2D(2, name="pool")(h)
    h = L.Conv2D(6, 3, padding="same", name="conv_2")(h)
    h = L.BatchNormalization(name="norm")(h)
    h = L.GlobalAveragePooling2D(name="global")(h)
    return keras.Model(x, L.Dense(2, activation="softmax", name="classes")(h), name="open_image_size")


def bidirectional_sequence():
    # a Bidirectional GRU over (None, 60, 23) returning sequences, then layers after it
    x = keras.Input((60, 23), name="signal")
    h = L.Bidirectional(L.GRU(32, return_sequences=True), name="bidirectional")(x)
    h = L.Dense(8, activation="relu", name="dense")(h)
    h = L.GlobalMaxPooling1D(name="pool")(h)
    return keras.Model(x, L.Dense(2, name="out")(h), name="bidirectional_sequence")


CASES = [
    conv1d_global_pooling_dense,
    attention_global_pooling_dense,
    global_pooling_dense_one,
    reshape_permute_activation,
    open_image_size,
    bidirectional_sequence,
]

if __name__ == "__main__":
    fixtures.make_cases(CASES, 1500, HERE, sys.argv[1:])
