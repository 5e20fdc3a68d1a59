#!/usr/bin/env python3
"""Random-architecture fixtures (issue 15): seeded small Keras 3 models from a grammar of the layers
kinspect supports, plus hand-written models of common real-world shapes, each with Keras's numbers.

The idea is frugally-deep's generate_test_models.py: instead of one fixture per layer, many small
models whose layers meet in orders nobody wrote a fixture for. Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/random/make_random_models.py [--count 200]

Writes next to this script, for every case NAME:
  NAME.keras    Keras 3 native zip (its entries deflated, see deflate())
  NAME.h5       Keras 3 legacy HDF5 (model.save("NAME.h5"))
  NAME_io.h5    Keras's per-layer outputs, batch 2, seed 0 (../shared/tools/keras_reference.py's
                main(), run in this process)
and models.json, the manifest: every case, its seed, its layers and Keras's symbolic output shape of
every layer output (layer.output.shape; None where a size is open; a layer's extra outputs are
LAYER__1, LAYER__2 ... as in the reference files).

Random cases are random_000 ... random_NNN; case i is drawn from seed 15000 + i. A candidate is drawn
again (seed + 100000 * attempt) only when Keras itself cannot build, save, reload or run it; the
reason is written to the manifest ("redrawn"). Known reasons Keras refuses a candidate:
  - a layer applied to sizes it cannot take (a convolution or pooling window larger than the open
    size the reference fills in, 5): found by compute_output_spec on the concrete shape and by the
    reference run;
  - Keras 3.16's legacy .h5 writer/loader failing for a configuration (reported by load_model):
    a mask Keras hands a Bidirectional explicitly is written as an op layer, NotEqual, that its own
    .h5 loader does not know ("Unknown layer: 'NotEqual'"); LayerNormalization(axis=[1, 2, 3]) is
    reloaded from .h5 with a gamma of the wrong shape. A common shape then keeps its .keras alone
    (the manifest's "formats" and "h5_skipped" say so), a random one is drawn again.
Layers a draw refuses at a shape (a window larger than the sizes, a reshape of an open size) are
drawn again inside the model (step()); nothing there is about kinspect either.
Nothing is ever redrawn because kinspect fails on it: that is what the fixtures are for.

Weights are random and non-trivial (../layers/make_layer_fixtures.py's randomize).
"""
import argparse
import importlib.util
import json
import os
import sys
import traceback
import zipfile

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
REFERENCE = os.environ.get(
    "KERAS_REFERENCE", os.path.join(os.path.dirname(REPO), "shared", "tools", "keras_reference.py"))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
from make_layer_fixtures import randomize  # noqa: E402

spec = importlib.util.spec_from_file_location("keras_reference", REFERENCE)
keras_reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(keras_reference)

FIRST_SEED = 15000
OPEN = 5  # the size keras_reference.py gives an open (None) axis
ACTIVATIONS = ["relu", "tanh", "sigmoid", "elu", "selu", "gelu", "softmax", "swish", "softplus", "linear",
               "hard_sigmoid", "leaky_relu", "relu6", "softsign"]


class Refused(Exception):
    """Keras cannot build this layer here: draw another."""


# ----------------------------------------------------------------------------
# tracked tensors: Keras's symbolic tensor and its concrete shape at the reference's sizes
# ----------------------------------------------------------------------------
class Tensor:
    def __init__(self, x, concrete, masked=False):
        self.x = x
        self.input = x  # the model input it starts from, when it is one
        self.concrete = tuple(concrete)
        self.masked = masked

    @property
    def shape(self):
        return tuple(self.x.shape[1:])

    @property
    def rank(self):
        return len(self.shape)

    def fixed(self):
        return all(d is not None for d in self.shape)


def apply(layer, t, masked=None, first=True):
    """Calls layer on t; checks Keras can also compute it at the reference's concrete sizes."""
    y = layer(t.x)
    outs = y if isinstance(y, (list, tuple)) else [y]
    try:
        spec_out = layer.compute_output_spec(keras.KerasTensor((2,) + t.concrete, dtype=t.x.dtype))
    except Exception as e:  # noqa: BLE001
        raise Refused(f"{type(layer).__name__} at concrete {t.concrete}: {e}") from e
    specs = spec_out if isinstance(spec_out, (list, tuple)) else [spec_out]
    concretes = [tuple(s.shape[1:]) for s in specs]
    for c in concretes:
        if any(d is None or d < 1 for d in c):
            raise Refused(f"{type(layer).__name__}: concrete size {c}")
    keep_mask = t.masked if masked is None else masked
    tensors = [Tensor(o, c, keep_mask) for o, c in zip(outs, concretes)]
    return tensors if not first else (tensors[0], tensors[1:])


# ----------------------------------------------------------------------------
# the grammar: each op takes (rng, t) and returns (tensor, extra outputs) or raises Refused
# ----------------------------------------------------------------------------
def units(rng):
    return int(rng.integers(2, 9))


def act(rng):
    return str(rng.choice(ACTIVATIONS))


def op_dense(rng, t):
    return apply(L.Dense(units(rng), activation=act(rng) if rng.random() < 0.5 else None), t)


def op_activation(rng, t):
    choice = int(rng.integers(0, 7))
    layer = [lambda: L.Activation(act(rng)), lambda: L.ReLU(max_value=float(rng.choice([6.0, 2.0]))),
             lambda: L.LeakyReLU(negative_slope=0.2), lambda: L.ELU(alpha=0.7), lambda: L.Softmax(),
             lambda: L.PReLU(), lambda: L.Activation(act(rng))][choice]()
    return apply(layer, t)


def op_dropout(rng, t):
    return apply(L.Dropout(0.3) if rng.random() < 0.7 else L.GaussianNoise(0.2), t)


def op_batchnorm(rng, t):
    return apply(L.BatchNormalization(center=bool(rng.random() < 0.8), scale=bool(rng.random() < 0.8)), t)


def op_layernorm(rng, t):
    return apply(L.LayerNormalization(center=bool(rng.random() < 0.8), scale=bool(rng.random() < 0.8)), t)


def op_othernorm(rng, t):
    last = t.shape[-1]
    choice = int(rng.integers(0, 3))
    if choice == 0:
        return apply(L.UnitNormalization(), t)
    if choice == 1:
        return apply(L.RMSNormalization(), t)
    groups = [g for g in (1, 2, 4) if last % g == 0]
    return apply(L.GroupNormalization(groups=int(rng.choice(groups)), axis=-1), t)


# vectors (features,)
def op_repeat(rng, t):
    return apply(L.RepeatVector(int(rng.integers(2, 5))), t)


def op_vector_reshape(rng, t):
    d = t.shape[0]
    pairs = [(a, d // a) for a in range(2, d) if d % a == 0]
    if not pairs:
        raise Refused("no factors")
    a, b = pairs[int(rng.integers(0, len(pairs)))]
    target = (a, b) if rng.random() < 0.6 else (a, b, 1)
    return apply(L.Reshape(target), t)


# sequences (steps, features)
def op_conv1d(rng, t):
    k = int(rng.integers(1, 4))
    padding = str(rng.choice(["valid", "same", "causal"]))
    strides = 1 if rng.random() < 0.7 or padding == "causal" else 2
    dilation = 2 if strides == 1 and rng.random() < 0.2 else 1
    return apply(L.Conv1D(units(rng), k, strides=strides, padding=padding, dilation_rate=dilation,
                          activation=act(rng) if rng.random() < 0.5 else None), t)


def op_pool1d(rng, t):
    layer = L.MaxPooling1D if rng.random() < 0.5 else L.AveragePooling1D
    return apply(layer(2, padding=str(rng.choice(["valid", "same"]))), t)


def op_global_pool(rng, t):
    rank = t.rank
    if rank == 2:
        layer = L.GlobalAveragePooling1D if rng.random() < 0.5 else L.GlobalMaxPooling1D
    else:
        layer = L.GlobalAveragePooling2D if rng.random() < 0.5 else L.GlobalMaxPooling2D
    return apply(layer(keepdims=bool(rng.random() < 0.1)), t)


def op_flatten(rng, t):
    if not t.fixed():
        raise Refused("open size")
    return apply(L.Flatten(), t)


def op_permute(rng, t):
    if not t.fixed():
        raise Refused("open size")
    if t.rank == 2:
        return apply(L.Permute((2, 1)), t)
    perms = [(2, 1, 3), (3, 1, 2), (1, 3, 2), (3, 2, 1), (2, 3, 1)]
    return apply(L.Permute(perms[int(rng.integers(0, len(perms)))]), t)


def op_sequence_reshape(rng, t):
    if not t.fixed():
        raise Refused("open size")
    s, d = t.shape
    choice = int(rng.integers(0, 3))
    if choice == 0:
        return apply(L.Reshape((s, d, 1)), t)
    if choice == 1:
        return apply(L.Reshape((s * d,)), t)
    return apply(L.Reshape((d, s)), t)


def op_crop_pad_up1d(rng, t):
    choice = int(rng.integers(0, 3))
    if choice == 0:
        return apply(L.Cropping1D((int(rng.integers(0, 2)), int(rng.integers(1, 2)))), t)
    if choice == 1:
        return apply(L.ZeroPadding1D((int(rng.integers(0, 3)), int(rng.integers(1, 3)))), t)
    return apply(L.UpSampling1D(2), t)


def recurrent_layer(rng, return_sequences, allow_state=True, size=None):
    kind = str(rng.choice(["LSTM", "GRU", "SimpleRNN"]))
    kwargs = dict(return_sequences=return_sequences, go_backwards=bool(rng.random() < 0.25),
                  return_state=bool(allow_state and rng.random() < 0.2))
    if rng.random() < 0.3:
        kwargs["activation"] = str(rng.choice(["relu", "sigmoid", "tanh"]))
    if kind == "GRU" and rng.random() < 0.4:
        kwargs["reset_after"] = False
    if kind == "LSTM" and rng.random() < 0.2:
        kwargs["unit_forget_bias"] = False
    return getattr(L, kind)(size or units(rng), **kwargs)


def op_recurrent(rng, t):
    layer = recurrent_layer(rng, bool(rng.random() < 0.6))
    return apply(layer, t)


def op_bidirectional(rng, t):
    layer = recurrent_layer(rng, bool(rng.random() < 0.6), allow_state=False)
    merge = str(rng.choice(["concat", "sum", "mul", "ave"]))
    return apply(L.Bidirectional(layer, merge_mode=merge), t)


def op_time_distributed(rng, t):
    if t.rank == 2:
        return apply(L.TimeDistributed(L.Dense(units(rng), activation=act(rng))), t)
    # an image as a sequence of rows
    if rng.random() < 0.5:
        return apply(L.TimeDistributed(L.Dense(units(rng))), t)
    return apply(L.TimeDistributed(L.Conv1D(units(rng), 2, padding="same")), t)


def op_attention(rng, t):
    if t.masked:
        raise Refused("masked query (refused by kinspect, never drawn)")
    layer = L.MultiHeadAttention(num_heads=2, key_dim=2)
    y = layer(t.x, t.x)
    return Tensor(y, t.concrete, t.masked), []


# images (height, width, channels)
def op_conv2d(rng, t):
    k = int(rng.integers(1, 4))
    padding = str(rng.choice(["valid", "same"]))
    strides = 1 if rng.random() < 0.7 else 2
    choice = int(rng.integers(0, 4))
    a = act(rng) if rng.random() < 0.5 else None
    if choice == 2:
        return apply(L.DepthwiseConv2D(k, strides=strides, padding=padding, activation=a), t)
    if choice == 3:
        return apply(L.SeparableConv2D(units(rng), k, strides=strides, padding=padding, activation=a), t)
    return apply(L.Conv2D(units(rng), k, strides=strides, padding=padding, activation=a), t)


def op_pool2d(rng, t):
    layer = L.MaxPooling2D if rng.random() < 0.5 else L.AveragePooling2D
    return apply(layer(int(rng.choice([2, 2, 3])), padding=str(rng.choice(["valid", "same"]))), t)


def op_crop_pad_up2d(rng, t):
    choice = int(rng.integers(0, 4))
    if choice == 0:
        return apply(L.Cropping2D(((int(rng.integers(0, 2)), 1), (1, int(rng.integers(0, 2))))), t)
    if choice == 1:
        return apply(L.ZeroPadding2D(((1, int(rng.integers(0, 2))), (int(rng.integers(0, 3)), 1))), t)
    if choice == 2:
        return apply(L.UpSampling2D((2, int(rng.integers(1, 3)))), t)
    return apply(L.UpSampling2D(2, interpolation="bilinear"), t)


def op_image_reshape(rng, t):
    if not t.fixed():
        raise Refused("open size")
    h, w, c = t.shape
    return apply(L.Reshape((h, w * c)) if rng.random() < 0.6 else L.Reshape((h * w, c)), t)


COMMON = [(op_dense, 3), (op_activation, 2), (op_dropout, 1), (op_batchnorm, 1), (op_layernorm, 1),
          (op_othernorm, 1)]
GRAMMAR = {
    1: COMMON + [(op_repeat, 2), (op_vector_reshape, 2)],
    2: COMMON + [(op_conv1d, 3), (op_pool1d, 1), (op_global_pool, 2), (op_flatten, 1), (op_permute, 1),
                 (op_sequence_reshape, 1), (op_crop_pad_up1d, 2), (op_recurrent, 4), (op_bidirectional, 3),
                 (op_time_distributed, 1), (op_attention, 1)],
    3: COMMON + [(op_conv2d, 4), (op_pool2d, 2), (op_global_pool, 2), (op_flatten, 1), (op_permute, 1),
                 (op_crop_pad_up2d, 2), (op_image_reshape, 1), (op_time_distributed, 1)],
}


def draw_op(rng, t):
    ops = GRAMMAR[t.rank]
    weights = np.array([w for _, w in ops], dtype=float)
    return ops[int(rng.choice(len(ops), p=weights / weights.sum()))][0]


def step(rng, t, extra, op=None):
    """One random layer (or merge of branches) on t, extra outputs appended to extra. A layer Keras
    refuses at t's shape (a window larger than the sizes, a reshape of an open size) is drawn again."""
    for _ in range(20):
        chosen = op or draw_op(rng, t)
        try:
            y, more = chosen(rng, t)
        except Exception as e:  # noqa: BLE001  Keras refused this layer at this shape
            REFUSED_DRAWS.append(f"{chosen.__name__}: {type(e).__name__}: {str(e).splitlines()[0][:120] if str(e) else ''}")
            continue
        extra.extend(more)
        return y
    return t


REFUSED_DRAWS = []


# merges of branches
def branch_to(rng, t, last):
    """A branch from t ending with `last` features and t's other sizes."""
    choice = int(rng.integers(0, 4))
    if t.rank == 2 and choice == 1:
        return apply(L.Conv1D(last, int(rng.integers(1, 4)), padding="same"), t)[0]
    if t.rank == 2 and choice == 2:
        return apply(recurrent_layer(rng, True, allow_state=False, size=last), t)[0]
    if t.rank == 3 and choice == 1:
        return apply(L.Conv2D(last, int(rng.integers(1, 4)), padding="same"), t)[0]
    if choice == 3 and t.shape[-1] == last:
        return apply(L.Activation(act(rng)), t)[0] if rng.random() < 0.5 else t
    return apply(L.Dense(last, activation=act(rng) if rng.random() < 0.5 else None), t)[0]


def op_merge(rng, t):
    kind = str(rng.choice(["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
                           "Concatenate"]))
    n = 2 if kind == "Subtract" else int(rng.choice([2, 2, 3]))
    if kind == "Concatenate":
        axis = -1
        if t.rank >= 2 and rng.random() < 0.35:
            axis = int(rng.integers(1, t.rank + 1))
        if axis == -1 or axis == t.rank:
            branches = [branch_to(rng, t, units(rng)) for _ in range(n)]
        else:
            last = units(rng)
            branches = [branch_to(rng, t, last) for _ in range(n)]
        layer = L.Concatenate(axis=axis)
    else:
        last = units(rng)
        branches = [branch_to(rng, t, last) for _ in range(n)]
        layer = getattr(L, kind)()
    y = layer([b.x for b in branches])
    concrete = list(branches[0].concrete)
    if kind == "Concatenate":
        axis_index = (layer.axis if layer.axis > 0 else len(y.shape) + layer.axis) - 1
        concrete[axis_index] = sum(b.concrete[axis_index] for b in branches)
    return Tensor(y, concrete, any(b.masked for b in branches)), []


def random_input(rng, index):
    kind = str(rng.choice(["vector", "sequence", "sequence", "open_sequence", "tokens", "image", "image",
                           "open_image"]))
    name = f"input_{index}"
    if kind == "vector":
        d = int(rng.integers(2, 9))
        x = keras.Input((d,), name=name)
        return Tensor(x, (d,)), kind
    if kind in ("sequence", "open_sequence"):
        s, d = int(rng.integers(3, 8)), int(rng.integers(2, 6))
        x = keras.Input((None if kind == "open_sequence" else s, d), name=name)
        t = Tensor(x, (OPEN if kind == "open_sequence" else s, d))
        if rng.random() < 0.1:
            t, _ = apply(L.Masking(0.0), t, masked=True)
            t.input = x
        return t, kind
    if kind == "tokens":
        s = None if rng.random() < 0.3 else int(rng.integers(3, 8))
        x = keras.Input((s,), dtype="int32", name=name)
        mask_zero = bool(rng.random() < 0.5)
        t, _ = apply(L.Embedding(int(rng.integers(4, 10)), int(rng.integers(2, 7)), mask_zero=mask_zero),
                     Tensor(x, (OPEN if s is None else s,)), masked=mask_zero)
        t.input = x
        return t, "masked_tokens" if mask_zero else kind
    if kind == "image":
        h, w, c = int(rng.integers(4, 9)), int(rng.integers(4, 9)), int(rng.integers(1, 4))
        x = keras.Input((h, w, c), name=name)
        return Tensor(x, (h, w, c)), kind
    c = int(rng.integers(1, 4))
    x = keras.Input((None, None, c), name=name)
    return Tensor(x, (OPEN, OPEN, c)), kind


def reduce_to_vector(rng, t, extra):
    while t.rank > 1:
        if t.rank == 2 and rng.random() < 0.5:
            t, more = apply(recurrent_layer(rng, False), t)
            extra.extend(more)
        else:
            t, _ = op_global_pool(rng, t) if rng.random() < 0.7 or not t.fixed() else op_flatten(rng, t)
            if t.rank > 1:  # keepdims
                t, _ = apply(L.Flatten(), t) if t.fixed() else apply(L.Reshape((t.shape[-1],)), t)
    return t


def random_model(rng):
    """A chain of 2 to 6 random layers with a merge of branches now and then; one input in five
    models has two inputs, each made a vector before they are concatenated."""
    extra = []
    kinds = []
    if rng.random() < 0.2:
        a, ka = random_input(rng, 0)
        b, kb = random_input(rng, 1)
        kinds = [ka, kb]
        inputs = [a.input, b.input]
        a = step(rng, a, extra)
        b = step(rng, b, extra)
        a, b = reduce_to_vector(rng, a, extra), reduce_to_vector(rng, b, extra)
        t = Tensor(L.Concatenate()([a.x, b.x]), (a.concrete[0] + b.concrete[0],))
    else:
        t, kind = random_input(rng, 0)
        kinds = [kind]
        inputs = [t.input]
    for _ in range(int(rng.integers(2, 7))):
        t = step(rng, t, extra, op_merge if rng.random() < 0.2 else None)
    outputs = [t.x] + [e.x for e in extra]
    return keras.Model(inputs, outputs), kinds


# ----------------------------------------------------------------------------
# common real-world shapes, written by hand
# ----------------------------------------------------------------------------
def conv1d_gap_dense():
    x = keras.Input((12, 3), name="signal")
    h = L.Conv1D(8, 3, activation="relu")(x)
    g = L.GlobalAveragePooling1D()(h)
    return keras.Model(x, L.Dense(4, activation="softmax")(g))


def conv1d_gap_dense_one():
    x = keras.Input((10, 2), name="signal")
    h = L.Conv1D(6, 3, padding="same", activation="relu")(x)
    h = L.MaxPooling1D(2)(h)
    g = L.GlobalMaxPooling1D()(h)
    return keras.Model(x, L.Dense(1, activation="sigmoid")(g))


def mha_layernorm_gap_dense():
    x = keras.Input((6, 8), name="seq")
    a = L.MultiHeadAttention(num_heads=2, key_dim=4)(x, x)
    h = L.LayerNormalization()(L.Add()([x, a]))
    g = L.GlobalAveragePooling1D()(h)
    return keras.Model(x, L.Dense(3)(g))


def transformer_block():
    x = keras.Input((5, 8), name="seq")
    a = L.MultiHeadAttention(num_heads=2, key_dim=4)(x, x)
    h = L.LayerNormalization(epsilon=1e-6)(L.Add()([x, a]))
    f = L.Dense(8)(L.Dense(8, activation="relu")(h))
    h2 = L.LayerNormalization(epsilon=1e-6)(L.Add()([h, f]))
    g = L.GlobalAveragePooling1D()(h2)
    return keras.Model(x, L.Dense(2, activation="softmax")(L.Dropout(0.1)(g)))


def reshape_permute_activation():
    x = keras.Input((24,), name="features")
    r = L.Reshape((4, 6))(x)
    p = L.Permute((2, 1))(r)
    return keras.Model(x, L.Activation("tanh")(p))


def reshape_permute_dense():
    x = keras.Input((4, 6), name="seq")
    p = L.Permute((2, 1))(x)
    h = L.Dense(3)(p)
    return keras.Model(x, L.Activation("relu")(h))


def embedding_mask_bigru():
    x = keras.Input((7,), dtype="int32", name="tokens")
    e = L.Embedding(6, 4, mask_zero=True)(x)
    b = L.Bidirectional(L.GRU(3))(e)
    return keras.Model(x, L.Dense(2)(b))


def embedding_gap_dense():
    x = keras.Input((8,), dtype="int32", name="tokens")
    e = L.Embedding(10, 4)(x)
    g = L.GlobalAveragePooling1D()(e)
    return keras.Model(x, L.Dense(1, activation="sigmoid")(g))


def embedding_mask_gap_batchnorm():
    x = keras.Input((7,), dtype="int32", name="tokens")
    e = L.Embedding(5, 4, mask_zero=True)(x)
    n = L.BatchNormalization()(e)
    g = L.GlobalAveragePooling1D()(n)
    return keras.Model(x, L.Dense(2)(g))


def open_size_cnn():
    x = keras.Input((None, None, 3), name="image")
    h = L.Conv2D(4, 3, padding="same", activation="relu")(x)
    h = L.MaxPooling2D(2)(h)
    h = L.Conv2D(6, 1, activation="relu")(h)
    g = L.GlobalAveragePooling2D()(h)
    return keras.Model(x, L.Dense(3, activation="softmax")(g))


def open_size_fully_convolutional():
    x = keras.Input((None, None, 2), name="image")
    h = L.Conv2D(4, 3, padding="same")(x)
    h = L.BatchNormalization()(h)
    h = L.Activation("relu")(h)
    h = L.UpSampling2D(2)(h)
    return keras.Model(x, L.Conv2D(1, 1, activation="sigmoid")(h))


def dense_on_image():
    x = keras.Input((5, 6, 3), name="image")
    h = L.Dense(4, activation="relu")(x)
    h = L.Conv2D(3, 2)(h)
    return keras.Model(x, L.Dense(2)(L.Flatten()(h)))


def dense_on_open_image():
    x = keras.Input((None, None, 3), name="image")
    h = L.Dense(4)(x)
    return keras.Model(x, L.GlobalMaxPooling2D()(h))


def merged_branches():
    x = keras.Input((6,), name="features")
    a = L.Dense(4, activation="relu")(x)
    b = L.Dense(4, activation="tanh")(x)
    c = L.Dense(4)(x)
    outs = [L.Minimum()([a, b]), L.Subtract()([a, c]), L.Average()([a, b, c]), L.Maximum()([b, c]),
            L.Multiply()([a, c])]
    return keras.Model(x, L.Dense(2)(L.Concatenate()(outs)))


def merged_sequence_branches():
    x = keras.Input((6, 3), name="seq")
    a = L.Conv1D(4, 3, padding="same")(x)
    b = L.LSTM(4, return_sequences=True)(x)
    c = L.Dense(4)(x)
    m = L.Minimum()([a, b])
    s = L.Subtract()([b, c])
    v = L.Average()([a, c])
    return keras.Model(x, L.GlobalAveragePooling1D()(L.Concatenate()([m, s, v])))


def merged_image_branches():
    x = keras.Input((6, 6, 2), name="image")
    a = L.Conv2D(3, 3, padding="same")(x)
    b = L.Conv2D(3, 1)(x)
    c = L.Dense(3)(x)
    return keras.Model(x, L.Flatten()(L.Add()([L.Minimum()([a, b]), L.Subtract()([b, c])])))


def cropping1d_positions():
    x = keras.Input((8, 3), name="seq")
    c = L.Cropping1D((1, 2))(x)
    h = L.Conv1D(4, 2)(c)
    c2 = L.Cropping1D((0, 1))(h)
    r = L.LSTM(3, return_sequences=True)(c2)
    c3 = L.Cropping1D((1, 0))(r)
    return keras.Model(x, L.Dense(2)(L.Flatten()(c3)))


def permute_conv1d():
    x = keras.Input((5, 8), name="seq")
    p = L.Permute((2, 1))(x)
    h = L.Conv1D(4, 3)(p)
    return keras.Model(x, L.GlobalMaxPooling1D()(h))


def permute_lstm():
    x = keras.Input((4, 6), name="seq")
    p = L.Permute((2, 1))(x)
    h = L.LSTM(3, return_sequences=True)(p)
    q = L.Permute((2, 1))(h)
    return keras.Model(x, L.Dense(2)(q))


def reshape_simple_rnn():
    x = keras.Input((12,), name="features")
    r = L.Reshape((4, 3))(x)
    return keras.Model(x, L.SimpleRNN(5)(r))


def flatten_reshape_bidirectional():
    x = keras.Input((3, 4, 2), name="image")
    r = L.Reshape((3, 8))(x)
    b = L.Bidirectional(L.LSTM(3, return_sequences=True))(r)
    return keras.Model(x, L.Dense(2)(L.Flatten()(b)))


def image_to_sequence_rnn():
    x = keras.Input((6, 5, 2), name="image")
    h = L.Conv2D(3, 3, padding="same")(x)
    r = L.Reshape((6, 15))(h)
    b = L.Bidirectional(L.SimpleRNN(3), merge_mode="sum")(r)
    return keras.Model(x, b)


def layernorm_on_images():
    x = keras.Input((5, 5, 3), name="image")
    h = L.Conv2D(4, 3, padding="same")(x)
    n = L.LayerNormalization()(h)
    n2 = L.LayerNormalization(axis=[1, 2, 3])(h)
    return keras.Model(x, [L.GlobalAveragePooling2D()(n), n2])


def masked_sequence_pooling():
    x = keras.Input((6, 3), name="seq")
    m = L.Masking(0.0)(x)
    h = L.Dense(4)(m)
    g = L.GlobalAveragePooling1D()(h)
    x2 = keras.Input((6,), dtype="int32", name="tokens")
    e = L.Embedding(4, 3, mask_zero=True)(x2)
    g2 = L.GlobalMaxPooling1D()(e)
    g3 = L.GlobalAveragePooling1D()(e)
    return keras.Model([x, x2], [g, g2, g3])


def discretization():
    x = keras.Input((4,), name="values")
    d = L.Discretization(bin_boundaries=[-0.5, 0.0, 0.5])(x)
    e = L.Embedding(4, 3)(d)
    return keras.Model(x, L.Dense(2)(L.Flatten()(e)))


def flatten_after_pooling():
    x = keras.Input((7, 7, 2), name="image")
    h = L.Conv2D(3, 3)(x)
    h = L.MaxPooling2D(2)(h)
    f = L.Flatten()(h)
    r = L.Reshape((3, 4))(L.Dense(12)(f))
    return keras.Model(x, L.Flatten()(r))


def lstm_stack_states():
    x = keras.Input((5, 3), name="seq")
    s, h, c = L.LSTM(4, return_sequences=True, return_state=True)(x)
    y = L.GRU(3, go_backwards=True, reset_after=False)(s)
    return keras.Model(x, [L.Concatenate()([y, h]), c])


def time_distributed_dense_sequence():
    x = keras.Input((None, 4), name="seq")
    h = L.TimeDistributed(L.Dense(3, activation="relu"))(x)
    r = L.GRU(2, return_sequences=True)(h)
    return keras.Model(x, L.Dense(1)(r))


def repeat_vector_decoder():
    x = keras.Input((6, 3), name="seq")
    e = L.LSTM(4)(x)
    r = L.RepeatVector(3)(e)
    d = L.LSTM(4, return_sequences=True)(r)
    return keras.Model(x, L.TimeDistributed(L.Dense(2))(d))


def zero_padding_upsampling_1d():
    x = keras.Input((5, 2), name="seq")
    p = L.ZeroPadding1D(1)(x)
    u = L.UpSampling1D(2)(p)
    h = L.Conv1D(3, 3, strides=2)(u)
    return keras.Model(x, L.Flatten()(h))


def unet_like():
    x = keras.Input((8, 8, 1), name="image")
    d1 = L.Conv2D(4, 3, padding="same", activation="relu")(x)
    p = L.MaxPooling2D(2)(d1)
    d2 = L.Conv2D(4, 3, padding="same", activation="relu")(p)
    u = L.UpSampling2D(2)(d2)
    c = L.Concatenate()([u, d1])
    return keras.Model(x, L.Conv2D(1, 1, activation="sigmoid")(c))


def cropping2d_padding():
    x = keras.Input((7, 6, 2), name="image")
    p = L.ZeroPadding2D(((1, 0), (2, 1)))(x)
    c = L.Cropping2D(((2, 1), (0, 3)))(p)
    h = L.SeparableConv2D(3, 2)(c)
    return keras.Model(x, L.Dense(2)(L.GlobalAveragePooling2D()(h)))


def conv1d_batchnorm_flatten():
    x = keras.Input((9, 2), name="seq")
    h = L.Conv1D(4, 3)(x)
    h = L.BatchNormalization()(h)
    h = L.Activation("relu")(h)
    h = L.AveragePooling1D(2)(h)
    return keras.Model(x, L.Dense(1)(L.Flatten()(h)))


def two_input_concat():
    a = keras.Input((5, 3), name="series")
    b = keras.Input((4,), name="static")
    h = L.GRU(3)(a)
    c = L.Concatenate()([h, L.Dense(3)(b)])
    return keras.Model([a, b], L.Dense(2)(c))


def grayscale_separable_conv():
    # one input channel: DL4J's sconv2d fails on it (an MNIST-like model)
    x = keras.Input((12, 12, 1), name="digit")
    h = L.SeparableConv2D(4, 3, strides=2, padding="same", depth_multiplier=2, activation="relu")(x)
    h = L.SeparableConv2D(3, 3, dilation_rate=2)(h)
    y = keras.Input((1, 9, 8), name="digit_channels_first")
    g = L.SeparableConv2D(2, (3, 2), depth_multiplier=3, use_bias=False, data_format="channels_first")(y)
    g = L.GlobalAveragePooling2D(data_format="channels_first")(g)
    return keras.Model([x, y], L.Dense(2)(L.Concatenate()([L.Flatten()(h), g])))


def open_size_bilinear_upsampling():
    x = keras.Input((None, None, 2), name="image")
    h = L.Conv2D(3, 3, padding="same")(x)
    h = L.UpSampling2D((2, 3), interpolation="bilinear")(h)
    h = L.Conv2D(2, 2)(h)
    return keras.Model(x, L.Dense(2)(L.GlobalAveragePooling2D()(h)))


COMMON_CASES = [conv1d_gap_dense, conv1d_gap_dense_one, mha_layernorm_gap_dense, transformer_block,
                reshape_permute_activation, reshape_permute_dense, embedding_mask_bigru, embedding_gap_dense,
                embedding_mask_gap_batchnorm, open_size_cnn, open_size_fully_convolutional, dense_on_image,
                dense_on_open_image, merged_branches, merged_sequence_branches, merged_image_branches,
                cropping1d_positions, permute_conv1d, permute_lstm, reshape_simple_rnn,
                flatten_reshape_bidirectional, image_to_sequence_rnn, layernorm_on_images,
                masked_sequence_pooling, discretization, flatten_after_pooling, lstm_stack_states,
                time_distributed_dense_sequence, repeat_vector_decoder, zero_padding_upsampling_1d, unet_like,
                cropping2d_padding, conv1d_batchnorm_flatten, two_input_concat, grayscale_separable_conv,
                open_size_bilinear_upsampling]
COMMON_FIRST_SEED = 16000


# ----------------------------------------------------------------------------
# saving, the reference, the manifest
# ----------------------------------------------------------------------------
def out_name(layer, index):
    return layer if index == 0 else f"{layer}__{index}"


def layer_shapes(model):
    rows = []
    for layer in model.layers:
        outs = layer.output if isinstance(layer.output, (list, tuple)) else [layer.output]
        rows.append({"name": layer.name, "class": type(layer).__name__,
                     "outputs": {out_name(layer.name, i): [None] + [d for d in o.shape[1:]]
                                 for i, o in enumerate(outs)}})
    return rows


def deflate(keras_file):
    """Keras writes its zip stored (uncompressed): the same entries deflated are a tenth of the size
    (mostly HDF5 padding), and Keras reads them back the same (checked below by reloading)."""
    with zipfile.ZipFile(keras_file) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(keras_file, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


def save(model, name, seed, h5_optional=False):
    """Writes NAME.keras, NAME.h5, NAME_io.h5; raises when Keras cannot save, reload or run it."""
    randomize(model, seed, 1.0)
    keras_file = os.path.join(HERE, f"{name}.keras")
    h5_file = os.path.join(HERE, f"{name}.h5")
    io_file = os.path.join(HERE, f"{name}_io.h5")
    try:
        model.save(keras_file)
        deflate(keras_file)
        model.save(h5_file)
        argv = sys.argv
        sys.argv = ["keras_reference.py", keras_file, io_file, "--batch", "2", "--seed", "0"]
        try:
            keras_reference.main()
        finally:
            sys.argv = argv
        with h5py.File(io_file, "r") as f:
            names = json.loads(f.attrs["input_names"])
            dtypes = [f["inputs"][n].attrs["model_dtype"] for n in names]
            feed = [f["inputs"][n][()].astype("int32" if "int" in d else "float32") for n, d in zip(names, dtypes)]
            feed = feed[0] if len(feed) == 1 else feed
            ref = [f["outputs"][n][()] for n in json.loads(f.attrs["output_names"])]
            for n in f["activations"]:
                if not np.all(np.isfinite(f["activations"][n][()])):
                    raise ValueError(f"Keras's own output of {n} is not finite")
        formats = [".keras", ".h5"]
        for path in (keras_file, h5_file):
            try:
                loaded = keras.saving.load_model(path, compile=False, safe_mode=False)
            except Exception as e:  # noqa: BLE001
                if path != h5_file or not h5_optional:
                    raise
                # Keras 3.16's legacy .h5 cannot be read back by Keras itself (see the module
                # docstring): a common shape keeps its .keras alone (a random one is drawn again)
                h5_skipped = f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"
                print(f"{name}: Keras cannot reload its .h5 ({h5_skipped}); .keras only")
                os.remove(h5_file)
                formats = [".keras"]
                continue
            got = loaded(feed, training=False)
            got = got if isinstance(got, (list, tuple)) else [got]
            for r, g in zip(ref, got):
                err = float(np.max(np.abs(r - keras.ops.convert_to_numpy(g))))
                if not err <= 1e-6 * max(1.0, float(np.max(np.abs(r)))):
                    raise ValueError(f"{os.path.basename(path)} reloaded differs from the reference by {err}")
    except Exception:
        for path in (keras_file, h5_file, io_file):
            if os.path.exists(path):
                os.remove(path)
        raise
    entry = {"name": name, "seed": seed, "formats": formats, "layers": layer_shapes(model)}
    if formats == [".keras"]:
        entry["h5_skipped"] = h5_skipped
    return entry


def make_random(index):
    name = f"random_{index:03d}"
    redrawn = []
    for attempt in range(10):
        seed = FIRST_SEED + index + 100000 * attempt
        keras.backend.clear_session()
        keras.utils.set_random_seed(seed)
        rng = np.random.default_rng(seed)
        try:
            model, kinds = random_model(rng)
            entry = save(model, name, seed)
        except Exception as e:  # noqa: BLE001
            reason = f"seed {seed}: {type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
            print(f"{name}: redrawn, {reason}", flush=True)
            redrawn.append(reason)
            continue
        entry.update({"kind": "random", "inputs": kinds, "redrawn": redrawn})
        print(f"{name}: ok ({', '.join(kinds)}; {len(model.layers)} layers)", flush=True)
        return entry
    raise SystemExit(f"{name}: no valid model in 10 draws: {redrawn}")


def make_common(index, case):
    seed = COMMON_FIRST_SEED + index
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    entry = save(model, case.__name__, seed, h5_optional=True)
    entry.update({"kind": "common", "inputs": [], "redrawn": []})
    print(f"{case.__name__}: ok", flush=True)
    return entry


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="random cases (random_000 ...)")
    ap.add_argument("--only", nargs="*", default=None, help="remake only these cases (the manifest keeps the others)")
    a = ap.parse_args()
    manifest_path = os.path.join(HERE, "models.json")
    previous = {}
    if a.only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            previous = {c["name"]: c for c in json.load(f)["cases"]}
    cases = []
    for i in range(a.count):
        name = f"random_{i:03d}"
        if a.only is None or name in a.only:
            cases.append(make_random(i))
        elif name in previous:
            cases.append(previous[name])
    for i, case in enumerate(COMMON_CASES):
        if a.only is None or case.__name__ in a.only:
            try:
                cases.append(make_common(i, case))
            except Exception:
                traceback.print_exc()
                raise SystemExit(f"{case.__name__}: Keras cannot save or run it")
        elif case.__name__ in previous:
            cases.append(previous[case.__name__])
    with open(manifest_path, "w") as f:
        json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(),
                   "random_first_seed": FIRST_SEED, "common_first_seed": COMMON_FIRST_SEED,
                   "cases": cases}, f, indent=1)
    classes = {}
    for c in cases:
        for layer in c["layers"]:
            classes[layer["class"]] = classes.get(layer["class"], 0) + 1
    print(f"{len(cases)} cases; layers by class: {dict(sorted(classes.items()))}")
    print(f"{len(REFUSED_DRAWS)} layer draws Keras refused at their shape were drawn again")


if __name__ == "__main__":
    main()
