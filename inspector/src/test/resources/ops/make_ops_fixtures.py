#!/usr/bin/env python3
"""Small Keras 3 models built from keras.ops calls (operation layers), with Keras's own per-layer outputs.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/ops/make_ops_fixtures.py [CASE ...]

For every case writes, next to this script, CASE.keras, CASE.h5 and CASE_io.h5 with `make` of
../layers/make_layer_fixtures.py (weights randomised by its `randomize`). Each case's seed is
500 + its index in CASES: add new cases at the end. README.md in this folder lists the cases.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
from make_layer_fixtures import make  # noqa: E402  (sets KERAS_BACKEND before keras is imported)

import keras  # noqa: E402
from keras import layers as L  # noqa: E402
from keras import ops  # noqa: E402


def elementwise_constants():
    # binary ops with a number on either side, on a Dense output
    x = keras.Input((6,), name="features")
    h = L.Dense(5, name="dense")(x)
    outs = [h + 1.0, 2.0 - h, h * 0.5, h / 4.0, 3.0 / (ops.abs(h) + 1.0), ops.power(h, 2.0),
            ops.maximum(h, 0.1), ops.minimum(0.2, h), h - h * h]
    y = L.Concatenate(name="all")(outs)
    return keras.Model(x, y, name="elementwise_constants")


def broadcasting():
    # tensors of different shapes, and array constants, broadcast as numpy does
    s = keras.Input((4, 3), name="seq")
    v = keras.Input((3,), name="vec")
    a = s * ops.expand_dims(v, 1)                     # (4, 3) * (1, 3)
    b = s + np.array([0.5, -1.0, 2.0], dtype="float32")
    c = s - ops.mean(s, axis=-1, keepdims=True)       # (4, 3) - (4, 1)
    d = v[:, :, None] * v[:, None, :]                  # (3, 1) * (1, 3): an outer product
    e = ops.maximum(s, v[:, None, :])
    f = s * np.arange(12, dtype="float32").reshape(4, 3) / 10.0
    return keras.Model([s, v], [a, b, c, d, e, f], name="broadcasting")


def comparisons():
    # comparison ops (bool tensors, recorded as 0/1) and casts
    x = keras.Input((5,), name="features")
    h = L.Dense(6, name="dense")(x)
    r = ops.round(h * 2.0)
    outs = [ops.cast(ops.not_equal(r, 0.0), "float32"), ops.cast(ops.equal(r, 1.0), "float32"),
            ops.cast(ops.greater(h, 0.0), "float32"), ops.cast(ops.less_equal(h, 0.3), "float32"),
            ops.cast(h * 3.0, "int32"), ops.cast(ops.greater_equal(h, r), "float32"), ops.cast(ops.less(h, r),
                                                                                            "float32")]
    y = L.Concatenate(name="all")([ops.cast(o, "float32") for o in outs])
    b = ops.greater(h, 0.5)
    return keras.Model(x, [y, b], name="comparisons")


def unary_functions():
    x = keras.Input((4, 3), name="seq")
    h = L.Dense(3, name="dense")(x)
    outs = [ops.sqrt(ops.abs(h)), ops.exp(h), ops.log(ops.abs(h) + 1.0), ops.tanh(h), ops.sigmoid(h),
            ops.relu(h), ops.abs(h), ops.square(h), ops.negative(h), -h]
    y = L.Concatenate(axis=-1, name="all")(outs)
    return keras.Model(x, y, name="unary_functions")


def shape_operations():
    s = keras.Input((4, 3), name="seq")
    v = keras.Input((6,), name="vec")
    e = ops.expand_dims(v, 1)                     # (1, 6)
    q = ops.squeeze(e, 1)                         # (6,)
    r = ops.reshape(v, (-1, 3, 2))                # (3, 2)
    t = ops.transpose(s, (0, 2, 1))               # (3, 4)
    c1 = ops.concatenate([s, s * 2.0], axis=1)   # (8, 3)
    c2 = ops.concatenate([t, r], axis=-1)         # (3, 6)
    g1 = s[:, 1:3]                                # (2, 3)
    g2 = s[:, -1, ::2]                            # (2,)
    g3 = s[..., 0]                                # (4,)
    g4 = v[:, None, 2:]                           # (1, 4)
    f = ops.reshape(s, (-1, 12))
    return keras.Model([s, v], [e, q, r, t, c1, c2, g1, g2, g3, g4, f], name="shape_operations")


def reductions():
    s = keras.Input((4, 3), name="seq")
    h = L.Dense(3, name="dense")(s)
    outs = [ops.mean(h, axis=1), ops.sum(h, axis=-1, keepdims=True), ops.max(h, axis=1), ops.min(h, axis=-1),
            ops.mean(h, axis=[1, 2]), ops.sum(h, axis=(1, 2), keepdims=True)]
    return keras.Model(s, outs, name="reductions")


def matmul():
    # scaled dot-product attention written with ops, and a product with a constant matrix
    s = keras.Input((4, 3), name="seq")
    q = L.Dense(5, name="query")(s)
    k = L.Dense(5, name="key")(s)
    scores = ops.matmul(q, ops.transpose(k, (0, 2, 1))) / np.sqrt(5.0).astype("float32")
    weights = L.Softmax(axis=-1, name="weights")(scores)
    attended = ops.matmul(weights, s)
    projected = ops.matmul(attended, np.arange(6, dtype="float32").reshape(3, 2) / 6.0)
    v = keras.Input((3,), name="vec")
    w = ops.matmul(v, np.eye(3, 4, dtype="float32") * 2.0)
    return keras.Model([s, v], [projected, w], name="matmul")


def image_operations():
    # ops on feature maps (channels_last), and layers reading op results
    x = keras.Input((5, 4, 3), name="image")
    h = L.Conv2D(4, 3, padding="same", name="conv")(x)
    scaled = h * 0.5 + 1.0
    first = scaled[..., :2]
    joined = ops.concatenate([first, x], axis=-1)
    conv2 = L.Conv2D(2, 1, name="conv_after")(joined)
    pooled = ops.mean(conv2, axis=[1, 2])
    y = L.Dense(3, name="head")(pooled)
    return keras.Model(x, [y, scaled], name="image_operations")


def sequence_operations():
    # op results read by recurrent and dense layers; ops on a Dense applied to a sequence
    s = keras.Input((4, 3), name="seq")
    d = L.Dense(3, name="dense_steps")(s)
    mixed = ops.tanh(d) * s + 0.5
    lstm = L.LSTM(2, return_sequences=True, name="lstm")(mixed)
    last = lstm[:, -1, :]
    y = L.Dense(2, name="head")(last * 2.0)
    return keras.Model(s, y, name="sequence_operations")


def unsupported_op():
    # an op kinspect does not compute: refused by name
    x = keras.Input((5,), name="features")
    h = L.Dense(4, name="dense")(x)
    y = ops.cumsum(h, axis=-1)
    return keras.Model(x, y, name="unsupported_op")


CASES = [elementwise_constants, broadcasting, comparisons, unary_functions, shape_operations, reductions, matmul,
         image_operations, sequence_operations, unsupported_op]


def main(argv):
    wanted = set(argv)
    unknown = wanted - {case.__name__ for case in CASES}
    if unknown:
        sys.exit(f"unknown cases: {sorted(unknown)}")
    for index, case in enumerate(CASES):
        if not wanted or case.__name__ in wanted:
            try:
                make(case, 500 + index, folder=HERE)
            except ValueError as error:
                # Keras 3 writes the .h5 of an ops model but cannot load it back (its legacy loader
                # knows only layer classes); the .keras was checked first, the .h5 is kinspect's to read.
                if "Unknown layer" not in str(error):
                    raise
                print(f"{case.__name__}: ok (.h5 not loadable by Keras itself: {str(error).split('.')[0]})")


if __name__ == "__main__":
    main(sys.argv[1:])
