#!/usr/bin/env python3
"""Fixtures of issue 16 items 6-8: attention calls as tf.keras writes them, identity Permute, and
TimeDistributed / BatchNormalization on sequences of images that come out of a layer (not an Input).

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/tfkeras_layers/make_tfkeras_layer_fixtures.py [CASE ...]

For every case writes CASE.keras, CASE.h5 and CASE_io.h5 with make() of
../layers/make_layer_fixtures.py (seeds 900 + the case's index); the attention cases also get
CASE_tfkeras.h5, the same model and weights in the form tf.keras 2.x saves it (see tfkeras_imitation).
README.md in this folder lists the cases.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
sys.path.insert(0, os.path.join(HERE, ".."))
import fixture_files  # noqa: E402
import make_layer_fixtures as base  # noqa: E402
from make_layer_fixtures import keras, L  # noqa: E402


# ----------------------------------------------------------------------------
# item 7: identity Permute
# ----------------------------------------------------------------------------
def identity_permute():
    # Permute((1, 2)) on a sequence and Permute((1, 2, 3)) on an image give their input back
    s = keras.Input((5, 3), name="seq")
    same = L.Permute((1, 2), name="permute_identity_seq")(s)
    r = L.LSTM(4, return_sequences=True, name="lstm")(same)
    d = L.Dense(2, name="dense_on_steps")(r)
    i = keras.Input((4, 5, 2), name="image")
    kept = L.Permute((1, 2, 3), name="permute_identity_image")(i)
    c = L.Conv2D(3, 2, name="conv")(kept)
    f = L.Flatten(name="flat")(c)
    return keras.Model([s, i], [d, f], name="identity_permute")


def permuted_sequences():
    # Permute((2, 1)) of an LSTM's sequence read by a Dense on each of its steps, and of an input read
    # by an LSTM: DL4J described the swapped sequence in the wrong layout, so the layer after it read
    # the wrong axis (the Dense failed: "Input size (4 columns) ... does not match layer input size 5")
    s = keras.Input((5, 3), name="seq")
    r = L.LSTM(4, return_sequences=True, name="lstm")(s)
    swapped = L.Permute((2, 1), name="permute_lstm")(r)
    d = L.Dense(2, name="dense_on_swapped")(swapped)
    t = L.Permute((2, 1), name="permute_input")(s)
    u = L.LSTM(2, name="lstm_on_swapped")(t)
    return keras.Model(s, [d, u], name="permuted_sequences")


# ----------------------------------------------------------------------------
# item 8: sequences of images that come out of a layer
# ----------------------------------------------------------------------------
def conv_lstm_time_distributed():
    # ConvLSTM2D(return_sequences) -> BatchNormalization on its 5-D channels-last output -> per-frame
    # Conv2D, MaxPooling2D, Flatten -> LSTM; and a TimeDistributed straight after the ConvLSTM2D
    x = keras.Input((3, 6, 6, 2), name="frames")
    c = L.ConvLSTM2D(3, 3, padding="same", return_sequences=True, name="conv_lstm")(x)
    n = L.BatchNormalization(name="batch_norm_5d")(c)
    k = L.TimeDistributed(L.Conv2D(4, 3, activation="relu"), name="td_conv")(n)
    p = L.TimeDistributed(L.MaxPooling2D(2), name="td_pool")(k)
    f = L.TimeDistributed(L.Flatten(), name="td_flat")(p)
    r = L.LSTM(2, name="lstm")(f)
    g = L.TimeDistributed(L.GlobalAveragePooling2D(), name="td_gap")(c)
    return keras.Model(x, [r, g], name="conv_lstm_time_distributed")


def normalized_frames_time_distributed():
    # BatchNormalization, Dropout and GaussianNoise on a 5-D input, then per-frame layers; a
    # BatchNormalization between two TimeDistributed layers
    x = keras.Input((3, 5, 5, 2), name="frames")
    n = L.BatchNormalization(name="batch_norm_input")(x)
    d = L.GaussianNoise(0.3, name="noise")(n)
    k = L.TimeDistributed(L.Conv2D(3, 2, padding="same"), name="td_conv")(d)
    m = L.BatchNormalization(name="batch_norm_between")(k)
    p = L.TimeDistributed(L.AveragePooling2D(2), name="td_pool")(m)
    f = L.TimeDistributed(L.Flatten(), name="td_flat")(p)
    y = L.TimeDistributed(L.Dense(2), name="td_dense")(f)
    return keras.Model(x, y, name="normalized_frames_time_distributed")


def batch_norm_time_axis():
    # BatchNormalization over the time axis of a ConvLSTM2D's sequence of images: refused by name
    x = keras.Input((3, 4, 4, 2), name="frames")
    c = L.ConvLSTM2D(2, 3, padding="same", return_sequences=True, name="conv_lstm")(x)
    n = L.BatchNormalization(axis=1, name="batch_norm_time")(c)
    return keras.Model(x, n, name="batch_norm_time_axis")


# ----------------------------------------------------------------------------
# item 6: attention calls as tf.keras records them (written as CASE_tfkeras.h5 by tfkeras_imitation)
# ----------------------------------------------------------------------------
def attention_calls():
    # every attention class, called in each way: MultiHeadAttention self-attention, cross-attention with
    # a key, an attention_mask input and its scores, causal without biases; Attention on [q, v, k]
    # (scaled, causal, scores) and on [q, v] (concat); AdditiveAttention causal
    q = keras.Input((5, 4), name="query")
    v = keras.Input((6, 4), name="value")
    k = keras.Input((6, 4), name="key")
    mask = keras.Input((5, 6), dtype="int32", name="mask")
    h = L.Dense(4, name="query_dense")(q)
    own = L.MultiHeadAttention(num_heads=2, key_dim=3, name="self_attention")(h, h)
    cross, cross_scores = L.MultiHeadAttention(num_heads=2, key_dim=2, value_dim=3, name="cross_attention")(
        h, v, key=k, attention_mask=mask, return_attention_scores=True)
    causal = L.MultiHeadAttention(num_heads=1, key_dim=4, use_bias=False, name="causal_attention")(
        h, h, use_causal_mask=True)
    dot, dot_scores = L.Attention(use_scale=True, name="dot")([h, v, k], return_attention_scores=True,
                                                             use_causal_mask=True)
    concat = L.Attention(score_mode="concat", name="concat")([h, v])
    additive = L.AdditiveAttention(name="additive")([h, v], use_causal_mask=True)
    total = L.Add(name="sum")([own, causal])
    return keras.Model([q, v, k, mask], [total, cross, cross_scores, dot, dot_scores, concat, additive],
                       name="attention_calls")


def masked_attention_calls():
    # MultiHeadAttention over a value that Embedding(mask_zero=True) masks: kinspect computes it for the
    # Keras 3 files; the tf.keras imitation is refused by name (tf.keras's masking rules are not Keras 3's)
    q = keras.Input((5, 4), name="query")
    ids = keras.Input((6,), dtype="int32", name="ids")
    e = L.Embedding(10, 4, mask_zero=True, name="value_embed")(ids)
    y = L.MultiHeadAttention(num_heads=2, key_dim=2, name="masked_attention")(q, e)
    return keras.Model([q, ids], y, name="masked_attention_calls")


def batch_wide_max():
    # ops.max over every axis, the batch axis included: one number for the whole batch, refused by name
    x = keras.Input((4,), name="features")
    h = L.Dense(3, name="dense")(x)
    y = keras.ops.max(h)
    return keras.Model(x, y, name="batch_wide_max")


# tf.keras imitation: none runs here, so CASE_tfkeras.h5 is written from the Keras 3 model in the form
# tf.keras 2.4-2.15 saves it (tf_keras/engine/node.py Node.serialize): the call's first argument as
# [layer, node, index, kwargs], one such entry per tensor of a list (Attention's [q, v, k]), every
# other argument in kwargs by the call's parameter name (MultiHeadAttention's value, key,
# attention_mask, return_attention_scores, use_causal_mask), tensors there as [layer, node, index];
# keras_version 2.x, weights named as tf.keras names them (cross_attention/query/kernel:0), same
# layer names and weights as the Keras 3 model: compare with CASE_io.h5. One layer
# ("additive") is written as tf.keras 2.4-2.9 wrote a causal Attention: causal=True in its config,
# no use_causal_mask argument.
CALL_ARGUMENTS = {"MultiHeadAttention": ["value", "key", "attention_mask", "return_attention_scores", "training",
                                         "use_causal_mask"],
                  "Attention": ["mask", "training", "return_attention_scores", "use_causal_mask"],
                  "AdditiveAttention": ["mask", "training", "return_attention_scores", "use_causal_mask"]}
CONFIG_CAUSAL = {"additive"}


def tfkeras_imitation(name):
    import json
    import h5py
    model = keras.saving.load_model(os.path.join(HERE, f"{name}.keras"), compile=False)
    config = json.loads(model.to_json())["config"]

    def tensor(value):
        return isinstance(value, dict) and value.get("class_name") == "__keras_tensor__"

    def history(value):
        return list(value["config"]["keras_history"])

    def kwarg(value):
        if tensor(value):
            return history(value)
        if isinstance(value, list):
            return [kwarg(item) for item in value]
        return value

    def first(value, kwargs):
        if isinstance(value, list):
            return [first(item, kwargs) for item in value]
        return history(value) + [kwargs]

    def initializer(value):
        return {"class_name": value["class_name"], "config": value["config"]} if isinstance(value, dict) else value

    layers = []
    for entry in config["layers"]:
        cls, c = entry["class_name"], entry["config"]
        if cls == "InputLayer":
            layers.append({"class_name": "InputLayer", "name": entry["name"], "inbound_nodes": [],
                           "config": {"batch_input_shape": c["batch_shape"], "dtype": c["dtype"], "sparse": False,
                                      "ragged": False, "name": entry["name"]}})
            continue
        node = entry["inbound_nodes"][0]
        args = node["args"]
        kwargs = {n: kwarg(a) for n, a in zip(CALL_ARGUMENTS.get(cls, []), args[1:])}
        kwargs.update({key: kwarg(value) for key, value in node["kwargs"].items()})
        tf_config = {"name": entry["name"], "trainable": True, "dtype": "float32"}
        if cls == "Dense":
            tf_config.update({"units": c["units"], "activation": c["activation"], "use_bias": c["use_bias"],
                              "kernel_initializer": initializer(c["kernel_initializer"]),
                              "bias_initializer": initializer(c["bias_initializer"]), "kernel_regularizer": None,
                              "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
                              "bias_constraint": None})
        elif cls == "MultiHeadAttention":
            given = dict(zip(["query", "value", "key"], args))
            given.update({role: t for role, t in node["kwargs"].items() if role in ("query", "value", "key")})
            given.setdefault("key", given["value"])
            shapes = {f"{role}_shape": [None] + list(t["config"]["shape"][1:]) for role, t in given.items()}
            tf_config.update({"num_heads": c["num_heads"], "key_dim": c["key_dim"], "value_dim": c["value_dim"],
                              "dropout": c["dropout"], "use_bias": c["use_bias"], "output_shape": c["output_shape"],
                              "attention_axes": c["attention_axes"],
                              "kernel_initializer": initializer(c["kernel_initializer"]),
                              "bias_initializer": initializer(c["bias_initializer"]), "kernel_regularizer": None,
                              "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
                              "bias_constraint": None, **shapes})
        elif cls in ("Attention", "AdditiveAttention"):
            tf_config.update({"use_scale": c["use_scale"], "dropout": c["dropout"]})
            if cls == "Attention":
                tf_config["score_mode"] = c["score_mode"]
            if entry["name"] in CONFIG_CAUSAL:
                tf_config["causal"] = bool(kwargs.pop("use_causal_mask", False))
        elif cls == "Embedding":
            tf_config.update({"input_dim": c["input_dim"], "output_dim": c["output_dim"],
                              "embeddings_initializer": initializer(c["embeddings_initializer"]),
                              "embeddings_regularizer": None, "activity_regularizer": None,
                              "embeddings_constraint": None, "mask_zero": c["mask_zero"], "input_length": None})
        elif cls != "Add":
            raise ValueError(f"no tf.keras form for {cls}")
        data = first(args[0], kwargs)
        node_data = data if isinstance(args[0], list) else [data]  # Node.serialize: a single tensor as [data]
        layers.append({"class_name": cls, "name": entry["name"], "config": tf_config, "inbound_nodes": [node_data]})
    fixture_files.write_tfkeras(HERE, name, model, config, layers, "2.12.0")


def dense_on_images():
    # Dense on the last axis of a ConvLSTM2D's 5-D sequence of images and of a Conv2D's image (DL4J's
    # Dense refused both: "expected FeedForward input type")
    x = keras.Input((3, 4, 4, 2), name="frames")
    c = L.ConvLSTM2D(2, 3, padding="same", return_sequences=True, name="conv_lstm")(x)
    d = L.Dense(3, activation="tanh", name="dense_5d")(c)
    i = keras.Input((4, 5, 2), name="image")
    k = L.Conv2D(3, 2, name="conv")(i)
    e = L.Dense(2, name="dense_4d")(k)
    f = L.Flatten(name="flat")(e)
    return keras.Model([x, i], [d, f], name="dense_on_images")


CASES = [identity_permute, conv_lstm_time_distributed, normalized_frames_time_distributed, batch_norm_time_axis,
         attention_calls, masked_attention_calls, batch_wide_max, permuted_sequences, dense_on_images]
IMITATED = {"attention_calls", "masked_attention_calls"}


def main(argv):
    unknown = set(argv) - {case.__name__ for case in CASES}
    if unknown:
        sys.exit(f"unknown cases: {sorted(unknown)}")
    for index, case in enumerate(CASES):
        if argv and case.__name__ not in argv:
            continue
        try:
            base.make(case, 900 + index, HERE)
        except ValueError as error:
            # Keras 3 writes the .h5 of an ops model but cannot load it back (its legacy loader knows
            # layer classes only); the .keras was checked first, the .h5 is kinspect's to read.
            if "Unknown layer" not in str(error):
                raise
            print(f"{case.__name__}: ok (.h5 not loadable by Keras itself)")
    for case in CASES:
        if case.__name__ in IMITATED and (not argv or case.__name__ in argv):
            tfkeras_imitation(case.__name__)


if __name__ == "__main__":
    main(sys.argv[1:])
