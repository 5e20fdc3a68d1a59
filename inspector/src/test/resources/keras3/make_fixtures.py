#!/usr/bin/env python3
"""Tiny Keras 3 models + Keras's own per-layer activations, as test fixtures.

Regenerate (from the repo root, /work/main):

    ../shared/tools/keras3 python3 inspector/src/test/resources/keras3/make_fixtures.py [CASE ...]

For every case writes, next to this script:
  CASE.keras    Keras 3 native zip
  CASE.h5       Keras 3 legacy HDF5 (model.save("CASE.h5"))
  CASE_io.h5    ../shared/tools/keras_reference.py CASE.keras CASE_io.h5 --batch 2 --seed 0
                (plus --input for cases that need a specific input, see INPUTS)

Weights are random but non-trivial: every variable is overwritten from a seeded
RNG (non-zero biases, BatchNormalization moving mean/variance away from 0/1).
Models are not compiled, so the files hold no optimizer state.
Set KERAS_REFERENCE to use another keras_reference.py.
"""
import os
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import fixture_files  # noqa: E402

REFERENCE = fixture_files.REFERENCE


# ----------------------------------------------------------------------------
# cases: each returns a built model
# ----------------------------------------------------------------------------
def dense_mlp():
    # Sequential WITHOUT an Input layer, built with an input shape -> build_config
    m = keras.Sequential([
        L.Dense(5, activation="relu"),
        L.Dropout(0.3),
        L.Dense(4),
        L.Activation("tanh"),
        L.Dense(3, activation="softmax"),
    ], name="dense_mlp")
    m.build((None, 6))
    return m


def dense_functional():
    x = keras.Input((5,), name="x")
    h = L.Dense(4, activation="tanh", name="hidden")(x)
    h = L.Dense(4, activation="relu", use_bias=False, name="no_bias")(h)
    y = L.Dense(3, activation="softmax", name="probs")(h)
    return keras.Model(x, y, name="dense_functional")


def conv1d():
    x = keras.Input((10, 3), name="seq")
    h = L.Conv1D(4, 3, activation="relu", name="conv")(x)
    h = L.MaxPooling1D(2, name="pool")(h)
    y = L.GlobalAveragePooling1D(name="gap")(h)
    return keras.Model(x, y, name="conv1d")


def conv2d():
    x = keras.Input((8, 8, 2), name="img")
    h = L.Conv2D(3, 3, padding="same", name="conv")(x)
    h = L.BatchNormalization(name="bn")(h)
    h = L.Activation("relu", name="relu")(h)
    h = L.MaxPooling2D(2, name="pool")(h)
    h = L.Flatten(name="flatten")(h)
    y = L.Dense(2, activation="softmax", name="dense")(h)
    return keras.Model(x, y, name="conv2d")


def conv2d_global():
    x = keras.Input((7, 7, 2), name="img")
    h = L.Conv2D(3, (3, 2), strides=1, activation="relu", name="conv")(x)
    h = L.AveragePooling2D(2, name="avg")(h)
    y = L.GlobalMaxPooling2D(name="gmp")(h)
    return keras.Model(x, y, name="conv2d_global")


def reshape_permute():
    x = keras.Input((12,), name="flat")
    h = L.Reshape((3, 4), name="reshape")(x)
    h = L.Permute((2, 1), name="permute")(h)
    h = L.Flatten(name="flatten")(h)
    y = L.Dense(2, name="dense")(h)
    return keras.Model(x, y, name="reshape_permute")


def embedding_lstm():
    x = keras.Input((6,), dtype="int32", name="tokens")
    h = L.Embedding(20, 4, name="embed")(x)
    y = L.LSTM(3, name="lstm")(h)
    return keras.Model(x, y, name="embedding_lstm")


def lstm_seq():
    x = keras.Input((5, 3), name="seq")
    h = L.LSTM(4, return_sequences=True, name="lstm_a")(x)
    y = L.LSTM(3, name="lstm_b")(h)
    return keras.Model(x, y, name="lstm_seq")


def gru_reset_after():
    x = keras.Input((5, 3), name="seq")
    y = L.GRU(4, reset_after=True, name="gru")(x)
    return keras.Model(x, y, name="gru_reset_after")


def gru_reset_before():
    x = keras.Input((5, 3), name="seq")
    y = L.GRU(4, reset_after=False, return_sequences=True, name="gru")(x)
    return keras.Model(x, y, name="gru_reset_before")


def simple_rnn():
    x = keras.Input((5, 3), name="seq")
    h = L.SimpleRNN(4, return_sequences=True, name="rnn_a")(x)
    y = L.SimpleRNN(3, activation="relu", name="rnn_b")(h)
    return keras.Model(x, y, name="simple_rnn")


def _bidi(mode):
    def build():
        x = keras.Input((5, 3), name="seq")
        y = L.Bidirectional(L.LSTM(3, return_sequences=True), merge_mode=mode, name="bidi")(x)
        return keras.Model(x, y, name=f"bidirectional_{mode}")
    build.__name__ = f"bidirectional_{mode}"
    return build


def time_distributed():
    x = keras.Input((4, 5), name="seq")
    y = L.TimeDistributed(L.Dense(3, activation="relu"), name="td")(x)
    return keras.Model(x, y, name="time_distributed")


def merges():
    x = keras.Input((5,), name="x")
    a = L.Dense(4, name="branch_a")(x)
    b = L.Dense(4, name="branch_b")(x)
    add = L.Add(name="add")([a, b])
    mul = L.Multiply(name="multiply")([a, b])
    sub = L.Subtract(name="subtract")([a, b])
    avg = L.Average(name="average")([a, b])
    mx = L.Maximum(name="maximum")([a, b])
    mn = L.Minimum(name="minimum")([a, b])
    cat = L.Concatenate(name="concat")([add, mul, sub, avg, mx, mn])
    y = L.Dense(2, name="out")(cat)
    return keras.Model(x, y, name="merges")


def masking_lstm():
    # Sequential: the config is just the layer list, so both files load back.
    return keras.Sequential([
        keras.Input((6, 3), name="seq"),
        L.Masking(mask_value=0.0, name="mask"),
        L.LSTM(4, return_sequences=True, name="lstm_seq"),
        L.LSTM(3, name="lstm_last"),
    ], name="masking_lstm")


def masking_functional():
    # Functional: Keras records the mask computation as operation nodes
    # (NotEqual, Any) in config.json and passes it as kwargs.mask to the LSTM.
    # Keras 3.16 cannot load the legacy .h5 of this model (see H5_NOT_LOADABLE).
    x = keras.Input((6, 3), name="seq")
    h = L.Masking(mask_value=0.0, name="mask")(x)
    h = L.LSTM(4, return_sequences=True, name="lstm_seq")(h)
    y = L.LSTM(3, name="lstm_last")(h)
    return keras.Model(x, y, name="masking_functional")


def lstm_return_state():
    enc_in = keras.Input((5, 3), name="encoder_in")
    dec_in = keras.Input((4, 2), name="decoder_in")
    _, h, c = L.LSTM(4, return_state=True, name="encoder")(enc_in)
    d = L.LSTM(4, return_sequences=True, name="decoder")(dec_in, initial_state=[h, c])
    y = L.Dense(2, name="proj")(d)
    return keras.Model([enc_in, dec_in], y, name="lstm_return_state")


def ops_layers():
    x = keras.Input((4,), name="x")
    z = keras.Input((4,), name="z")
    a = L.Dense(4, name="dense_a")(x)
    b = L.Dense(4, name="dense_b")(z)
    s = keras.ops.add(a, b)              # -> operation "add"
    p = a * b                            # -> operation "multiply"
    q = keras.ops.tanh(s) - p            # -> "tanh", "subtract"
    e = keras.ops.expand_dims(q, -1)     # (batch, 4, 1)
    e = keras.ops.concatenate([e, e * 2.0], axis=-1)   # (batch, 4, 2)
    y = L.Flatten(name="flatten")(e)
    y = L.Dense(2, name="out")(y)
    return keras.Model([x, z], y, name="ops_layers")


def nested_sequential():
    inner = keras.Sequential([
        keras.Input((6,)),
        L.Dense(5, activation="relu", name="inner_dense"),
        L.BatchNormalization(name="inner_bn"),
        L.Dense(4, name="inner_out"),
    ], name="inner")
    x = keras.Input((6,), name="x")
    h = inner(x)
    y = L.Dense(2, activation="softmax", name="head")(h)
    return keras.Model(x, y, name="nested_sequential")


def hard_sigmoid():
    # Keras 3's hard_sigmoid is relu6(x + 3) / 6, not Keras 2's clip(0.2 x + 0.5, 0, 1).
    x = keras.Input((5, 3), name="seq")
    h = L.LSTM(4, recurrent_activation="hard_sigmoid", return_sequences=True, name="lstm")(x)
    h = L.SimpleRNN(4, activation="hard_sigmoid", return_sequences=True, name="rnn")(h)
    h = L.Flatten(name="flatten")(h)
    h = L.Dense(6, activation="hard_sigmoid", name="dense")(h)
    y = L.Activation("hard_sigmoid", name="act")(L.Dense(3, name="wide")(h))
    return keras.Model(x, y, name="hard_sigmoid")


def batchnorm_flags():
    # BatchNormalization without beta (center=False) or gamma (scale=False): the variables
    # left shift down in model.weights.h5 (vars/0..2).
    x = keras.Input((6,), name="x")
    h = L.BatchNormalization(center=False, name="bn_no_center")(x)
    h = L.BatchNormalization(scale=False, name="bn_no_scale")(h)
    y = L.Dense(2, name="out")(h)
    return keras.Model(x, y, name="batchnorm_flags")


def masking_inner_padding():
    # Padding at the start, in the middle and at the end: Keras keeps the state at a padded
    # step, whatever comes after it. zero_output_for_mask=True outputs zeros there instead.
    x = keras.Input((6, 3), name="seq")
    h = L.Masking(mask_value=0.0, name="mask")(x)
    h = L.LSTM(4, return_sequences=True, zero_output_for_mask=True, name="lstm_zero")(h)
    y = L.SimpleRNN(3, name="rnn_last")(h)
    return keras.Model(x, y, name="masking_inner_padding")


def masking_simple_rnn():
    x = keras.Input((6, 3), name="seq")
    h = L.Masking(mask_value=0.0, name="mask")(x)
    y = L.SimpleRNN(4, return_sequences=True, name="rnn")(h)
    return keras.Model(x, y, name="masking_simple_rnn")


def masking_bidirectional():
    x = keras.Input((6, 3), name="seq")
    h = L.Masking(mask_value=0.0, name="mask")(x)
    h = L.Bidirectional(L.LSTM(3, return_sequences=True), merge_mode="concat", name="bidi_seq")(h)
    y = L.Dense(2, name="out")(h)
    return keras.Model(x, y, name="masking_bidirectional")


def masking_bidirectional_last():
    x = keras.Input((6, 3), name="seq")
    h = L.Masking(mask_value=0.0, name="mask")(x)
    y = L.Bidirectional(L.LSTM(3), merge_mode="sum", name="bidi_last")(h)
    return keras.Model(x, y, name="masking_bidirectional_last")


def masking_dropout_lstm():
    # Dropout hands the mask on unchanged (and its input too, at inference).
    x = keras.Input((6, 3), name="seq")
    h = L.Masking(mask_value=0.0, name="mask")(x)
    h = L.Dropout(0.2, name="drop")(h)
    y = L.LSTM(4, return_sequences=True, name="lstm")(h)
    return keras.Model(x, y, name="masking_dropout_lstm")


def embedding_mask_zero_lstm():
    x = keras.Input((6,), dtype="int32", name="tokens")
    h = L.Embedding(20, 4, mask_zero=True, name="embed")(x)
    y = L.LSTM(3, return_sequences=True, name="lstm")(h)
    return keras.Model(x, y, name="embedding_mask_zero_lstm")


def masking_activation_lstm():
    # Activation hands the mask on but changes the values: the mask cannot be recomputed from
    # what the LSTM reads, so kinspect refuses this model (a test checks the message).
    x = keras.Input((6, 3), name="seq")
    h = L.Masking(mask_value=0.0, name="mask")(x)
    h = L.Activation("sigmoid", name="act")(h)
    y = L.LSTM(4, name="lstm")(h)
    return keras.Model(x, y, name="masking_activation_lstm")


def ops_merges():
    # keras.ops calls that are merges (same-shaped tensors, no constants): recorded as ops
    # with the class names of the merge layers, imported as those layers.
    x = keras.Input((4,), name="x")
    a = L.Dense(4, name="dense_a")(x)
    b = L.Dense(4, name="dense_b")(x)
    s = keras.ops.add(a, b)
    p = a * b
    d = keras.ops.subtract(s, p)
    m = keras.ops.maximum(d, a)
    n = keras.ops.minimum(m, b)
    c = keras.ops.concatenate([n, s], axis=-1)
    y = L.Dense(2, name="out")(c)
    return keras.Model(x, y, name="ops_merges")


CASES = [dense_mlp, dense_functional, conv1d, conv2d, conv2d_global, reshape_permute,
         embedding_lstm, lstm_seq, gru_reset_after, gru_reset_before, simple_rnn,
         _bidi("concat"), _bidi("sum"), _bidi("mul"), _bidi("ave"),
         time_distributed, merges, masking_lstm, masking_functional, lstm_return_state,
         ops_layers,
         nested_sequential,
         hard_sigmoid, batchnorm_flags,
         masking_inner_padding, masking_simple_rnn, masking_bidirectional, masking_bidirectional_last,
         masking_dropout_lstm, embedding_mask_zero_lstm, masking_activation_lstm, ops_merges]
# add new cases at the end: each case's seed follows its index


def masking_input():
    """Batch 2, 6 steps, 3 features; zero-padded at the end (4 and 2 real steps)."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 6, 3)).astype("float32")
    x[0, 4:] = 0.0
    x[1, 2:] = 0.0
    return x


def inner_padding_input():
    """Batch 3, 6 steps: padding at the end, at the start and in the middle, and everywhere."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 6, 3)).astype("float32")
    x[0, 4:] = 0.0
    x[1, :2] = 0.0
    x[1, 3] = 0.0
    x[2, :] = 0.0
    return x


def padded_tokens():
    """Batch 3, 6 token ids; 0 is padding: at the end, in the middle, everywhere."""
    return np.array([[3, 7, 1, 0, 0, 0], [0, 5, 0, 9, 2, 0], [0, 0, 0, 0, 0, 0]], dtype="int32")


INPUTS = {"masking_lstm": {"seq": masking_input},
          "masking_functional": {"seq": masking_input},
          "masking_inner_padding": {"seq": inner_padding_input},
          "masking_simple_rnn": {"seq": inner_padding_input},
          "masking_bidirectional": {"seq": inner_padding_input},
          "masking_bidirectional_last": {"seq": inner_padding_input},
          "masking_dropout_lstm": {"seq": inner_padding_input},
          "masking_activation_lstm": {"seq": inner_padding_input},
          "embedding_mask_zero_lstm": {"tokens": padded_tokens}}

# Keras 3.16 writes these legacy .h5 files but cannot load them back: the
# legacy loader does not know operation classes ("Unknown layer: 'NotEqual'",
# "Unknown layer: 'Tanh'"). The .keras files load fine.
H5_NOT_LOADABLE = {"masking_functional", "ops_layers", "masking_inner_padding", "masking_simple_rnn",
                   "masking_bidirectional", "masking_bidirectional_last", "masking_dropout_lstm",
                   "embedding_mask_zero_lstm", "masking_activation_lstm", "ops_merges"}


# ----------------------------------------------------------------------------
def randomize(model, seed):
    """Overwrite every variable from a seeded RNG with non-trivial values."""
    rng = np.random.default_rng(seed)
    for v in model.weights:
        name = v.path.split("/")[-1]
        shape = tuple(v.shape)
        if name == "moving_variance":
            val = rng.uniform(0.5, 2.0, shape)
        elif name == "gamma":
            val = rng.uniform(0.5, 1.5, shape)
        elif name in ("moving_mean", "beta", "bias"):
            val = rng.uniform(-0.5, 0.5, shape)
        elif name == "embeddings":
            val = rng.normal(0.0, 1.0, shape)
        else:
            fan_in = shape[0] if len(shape) <= 2 else int(np.prod(shape[:-1]))
            val = rng.normal(0.0, 1.0 / np.sqrt(max(fan_in, 1)), shape)
        v.assign(val.astype(v.dtype))


def predict(model, feed):
    return keras.ops.convert_to_numpy(model(feed, training=False))


def make(case, seed):
    name = case.__name__
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    randomize(model, seed)

    keras_file, h5_file = fixture_files.save_both(model, HERE, name)
    io_file = os.path.join(HERE, f"{name}_io.h5")
    fixture_files.write_reference(keras_file, io_file, INPUTS.get(name))

    # both files must load back and agree with the reference outputs
    feed = fixture_files.reference_feed(io_file)
    ref = fixture_files.reference_outputs(io_file)
    for path in (keras_file, h5_file):
        if path == h5_file and name in H5_NOT_LOADABLE:
            continue
        got = predict(keras.saving.load_model(path, compile=False), feed)
        np.testing.assert_allclose(got, ref[0], rtol=1e-5, atol=1e-6, err_msg=path)
    np.testing.assert_allclose(predict(model, feed), ref[0], rtol=1e-5, atol=1e-6)


# ----------------------------------------------------------------------------
# tf.keras 2.13-2.15 wrote "hybrid" .keras files: the zip layout and serialized objects
# ({module, class_name, config, registered_name}) of Keras 3, but Keras 2 layer configs
# (batch_input_shape, dtype strings, inbound nodes as [[name, node, tensor, {}]]) and no
# `name` attribute on the weight groups. No tf.keras runs here, so they are imitated by
# rewriting a Keras 3 file; the model and weights are unchanged, so CASE_io.h5 still applies.
# ----------------------------------------------------------------------------
HYBRIDS = {"tfkeras_hybrid_lstm_seq": "lstm_seq", "tfkeras_hybrid_dense_mlp": "dense_mlp"}


def _keras2_value(value):
    if isinstance(value, list):
        return [_keras2_value(v) for v in value]
    if not isinstance(value, dict):
        return value
    if value.get("class_name") == "DTypePolicy":
        return value["config"]["name"]
    return {k: _keras2_value(v) for k, v in value.items() if k != "shared_object_id"}


def _keras2_node(node):
    tensors = []

    def collect(arg):
        if isinstance(arg, list):
            for a in arg:
                collect(a)
        elif isinstance(arg, dict) and arg.get("class_name") == "__keras_tensor__":
            name, node_index, tensor_index = arg["config"]["keras_history"]
            tensors.append([name, node_index, tensor_index, {}])
    collect(node["args"])
    return tensors


def _keras2_layer(layer, sequential):
    layer = _keras2_value(layer)
    config = layer["config"]
    if layer["class_name"] == "InputLayer":
        config["batch_input_shape"] = config.pop("batch_shape")
        config.pop("optional", None)
        if sequential:
            config["name"] = "dense_input"  # what tf.keras names a Sequential's implicit input
    if "inbound_nodes" in layer:
        layer["inbound_nodes"] = [_keras2_node(n) for n in layer["inbound_nodes"]]
    return layer


def make_hybrid(name, case):
    import io
    import json
    import zipfile
    import h5py
    src = os.path.join(HERE, f"{case}.keras")
    with zipfile.ZipFile(src) as z:
        config = json.loads(z.read("config.json"))
        weights = z.read("model.weights.h5")
    sequential = config["class_name"] == "Sequential"
    config["module"] = "keras" if sequential else "keras.src.engine.functional"
    config["config"]["layers"] = [_keras2_layer(l, sequential) for l in config["config"]["layers"]]
    if sequential:
        config["config"].pop("dtype", None)
        config["config"].pop("build_input_shape", None)
    else:
        for key in ("input_layers", "output_layers"):
            ends = config["config"][key]
            config["config"][key] = [ends] if isinstance(ends[0], str) else ends
    # the same weights, without the `name` attributes Keras 3.16 adds
    stripped = io.BytesIO()
    with h5py.File(io.BytesIO(weights), "r") as f, h5py.File(stripped, "w") as out:
        def copy(path, obj):
            if isinstance(obj, h5py.Dataset):
                out.create_dataset(path, data=obj[()])
            else:
                out.require_group(path)
        f.visititems(copy)
    with zipfile.ZipFile(os.path.join(HERE, f"{name}.keras"), "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "2.13.1", "date_saved": "2023-07-01@00:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", stripped.getvalue())


def main(argv):
    wanted = set(argv)
    cases = [name for name in argv if name not in HYBRIDS]
    failed = fixture_files.make_cases(CASES, make, 100, cases, keep_going=True) if cases or not argv else 0
    for hybrid, case in HYBRIDS.items():
        if not wanted or hybrid in wanted or case in wanted:
            make_hybrid(hybrid, case)
    total = sum(os.path.getsize(os.path.join(HERE, f)) for f in os.listdir(HERE))
    print(f"folder size: {total / 1e6:.2f} MB")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
