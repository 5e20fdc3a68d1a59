#!/usr/bin/env python3
"""Small Keras 3 models with Keras's own gradients (torch autodiff), for kinspect's gradients.

Regenerate (from the worktree root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/gradients/make_gradient_fixtures.py [CASE ...]

For every case writes, next to this script:
  CASE.keras      Keras 3 native zip
  CASE.h5         Keras 3 legacy HDF5
  CASE_grad.h5    inputs/NAME                 the inputs (batch 3, seeded)
                  outputs/NAME                the model's outputs (inference mode)
                  input_gradients/NAME        d target / d input
                  activation_gradients/LAYER  d target / d that layer's output (LAYER__k: its k-th extra output)
                  weight_gradients/LAYER/W    d target / d weight W (Keras's weight name; a Bidirectional's
                                              halves as forward_W / backward_W)
                  attribute "unit": the target is sum over the batch of output[..., unit] (the last axis,
                  summed over every other axis), computed with training=False (Dropout off,
                  BatchNormalization's moving statistics), as `kinspect gradients --target UNIT` defines it.

Weights are the layers' seeded random values overwritten like layers/make_layer_fixtures.py does
(non-zero biases, moving statistics away from 0 and 1). Case i is seeded 700 + i: add cases at the end.
"""
import json
import os
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402
import torch  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
UNIT = 1
BATCH = 3


# ----------------------------------------------------------------------------
# cases: each returns a built model
# ----------------------------------------------------------------------------
def mlp():
    x = keras.Input((6,), name="features")
    h = L.Dense(8, activation="relu", name="hidden")(x)
    h = L.Dropout(0.3, name="drop")(h)
    h = L.Dense(7, activation="tanh", name="middle")(h)
    y = L.Dense(4, activation="softmax", name="scores")(h)
    return keras.Model(x, y, name="mlp")


def cnn():
    x = keras.Input((8, 8, 3), name="image")
    h = L.Conv2D(4, 3, activation="relu", name="conv_a")(x)
    h = L.BatchNormalization(name="norm")(h)
    h = L.MaxPooling2D(2, name="pool")(h)
    h = L.Conv2D(5, 3, padding="same", activation="relu", name="last_conv")(h)
    h = L.Flatten(name="flat")(h)
    y = L.Dense(3, activation="softmax", name="scores")(h)
    return keras.Model(x, y, name="cnn")


def lstm():
    x = keras.Input((7, 3), name="signal")
    h = L.LSTM(5, return_sequences=True, name="lstm_a")(x)
    h = L.LSTM(4, name="lstm_b")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="lstm")


def gru_reset_after():
    x = keras.Input((7, 3), name="signal")
    h = L.GRU(5, return_sequences=True, reset_after=True, name="gru_a")(x)
    h = L.GRU(4, reset_after=True, name="gru_b")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="gru_reset_after")


def gru_reset_before():
    x = keras.Input((7, 3), name="signal")
    h = L.GRU(5, return_sequences=True, reset_after=False, name="gru_a")(x)
    h = L.GRU(4, reset_after=False, name="gru_b")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="gru_reset_before")


def bidirectional():
    x = keras.Input((6, 3), name="signal")
    h = L.Bidirectional(L.LSTM(4, return_sequences=True), name="both_ways")(x)
    h = L.GlobalAveragePooling1D(name="average")(h)
    y = L.Dense(2, name="scores")(h)
    return keras.Model(x, y, name="bidirectional")


def attention():
    query = keras.Input((5, 4), name="query")
    value = keras.Input((6, 4), name="value")
    h = L.Attention(name="attend")([query, value])
    h = L.GlobalAveragePooling1D(name="average")(h)
    y = L.Dense(2, name="scores")(h)
    return keras.Model([query, value], y, name="attention")


def seq2seq():
    source = keras.Input((6, 3), name="source")
    target = keras.Input((5, 2), name="target")
    _, state_h, state_c = L.LSTM(4, return_state=True, name="encoder")(source)
    h = L.LSTM(4, name="decoder")(target, initial_state=[state_h, state_c])
    y = L.Dense(3, name="scores")(h)
    return keras.Model([source, target], y, name="seq2seq")


def operation_layer():
    x = keras.Input((6,), name="features")
    h = L.Dense(5, name="hidden")(x)
    h = keras.ops.tanh(h) * 2.0 + 0.5
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="operation_layer")


def operation_gating():
    # element-wise ops on two and three tensors, one of them broadcast over the units
    x = keras.Input((6,), name="features")
    a = L.Dense(5, name="values")(x)
    b = L.Dense(5, name="gates")(x)
    c = L.Dense(1, name="offset")(x)
    h = a * keras.ops.sigmoid(b) - keras.ops.square(a) / (keras.ops.exp(b) + 1.0) + c
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="operation_gating")


def sequence_layers():
    x = keras.Input((10, 3), name="signal")
    h = L.SimpleRNN(5, return_sequences=True, name="rnn")(x)
    h = L.GlobalMaxPooling1D(name="peak")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="sequence_layers")


def image_layers():
    x = keras.Input((8, 8, 2), name="image")
    h = L.ZeroPadding2D(1, name="pad")(x)
    h = L.Conv2D(3, 3, name="conv")(h)
    h = L.AveragePooling2D(2, name="average")(h)
    h = L.Activation("elu", name="elu")(h)
    h = L.GlobalMaxPooling2D(name="peak")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="image_layers")


def normalization_layers():
    x = keras.Input((6,), name="features")
    h = L.Dense(6, name="hidden")(x)
    h = L.LayerNormalization(name="layer_norm")(h)
    h = L.Dense(4, activation="sigmoid", name="squash")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="normalization_layers")


def convolution_1d():
    # DL4J's own Conv1D backward pass fails on channels-last sequences; kinspect computes it. The
    # three convolutions cover valid, causal (dilated) and same (strided, no bias) padding.
    x = keras.Input((12, 3), name="signal")
    h = L.Conv1D(4, 3, activation="relu", name="conv")(x)
    h = L.Conv1D(5, 2, padding="causal", dilation_rate=2, activation="tanh", name="causal")(h)
    h = L.Conv1D(3, 3, strides=2, padding="same", use_bias=False, name="strided")(h)
    h = L.GlobalAveragePooling1D(name="average")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="convolution_1d")


def shared_layer():
    # one Dense called on two inputs: its weights' gradient is the sum over both calls
    left = keras.Input((4,), name="left")
    right = keras.Input((4,), name="right")
    shared = L.Dense(5, activation="tanh", name="shared")
    h = L.Add(name="both")([shared(left), shared(right)])
    y = L.Dense(2, name="scores")(h)
    return keras.Model([left, right], y, name="shared_layer")


def recurrent_dropout():
    # dropout inside recurrent layers: off in inference mode, so off in the gradients too
    x = keras.Input((7, 3), name="signal")
    h = L.LSTM(5, dropout=0.3, recurrent_dropout=0.2, return_sequences=True, name="lstm")(x)
    h = L.GRU(4, dropout=0.3, name="gru")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="recurrent_dropout")


def attention_variants():
    # the other scores of Attention and AdditiveAttention, with learned scales, a key, a causal mask,
    # scores returned (and read), and a query a Dense computed from the sequence
    query_in = keras.Input((5, 3), name="query")
    value = keras.Input((6, 3), name="value")
    key = keras.Input((6, 4), name="key")
    query = L.Dense(4, name="query_dense")(query_in)
    dot, weights = L.Attention(use_scale=True, name="dot")([query, value, key], return_attention_scores=True)
    concat = L.Attention(use_scale=True, score_mode="concat", name="concat")([query, value, key],
                                                                            use_causal_mask=True)
    additive = L.AdditiveAttention(name="additive")([query, value, key])
    h = L.Add(name="joined")([dot, concat, additive])
    h = L.GlobalAveragePooling1D(name="average")(h)
    seen = L.GlobalAveragePooling1D(name="seen")(weights)
    y = L.Dense(3, name="scores")(L.Concatenate(name="both")([h, seen]))
    return keras.Model([query_in, value, key], y, name="attention_variants")


def seq2seq_variants():
    # a Bidirectional encoder returning its sequence and states; a decoder reading backwards from the
    # forward states, returning its sequence and states; a Bidirectional decoder started from both
    source = keras.Input((6, 3), name="source")
    target = keras.Input((5, 2), name="target")
    encoded, forward_h, forward_c, backward_h, backward_c = L.Bidirectional(
        L.LSTM(4, return_sequences=True, return_state=True), name="encoder")(source)
    decoded, state_h, state_c = L.LSTM(4, go_backwards=True, return_sequences=True, return_state=True,
                                       name="decoder")(target, initial_state=[forward_h, forward_c])
    both = L.Bidirectional(L.LSTM(4), merge_mode="mul", name="both_ways")(
        decoded, initial_state=[state_h, state_c, backward_h, backward_c])
    pooled = L.GlobalAveragePooling1D(name="average")(encoded)
    y = L.Dense(3, name="scores")(L.Concatenate(name="joined")([both, pooled]))
    return keras.Model([source, target], y, name="seq2seq_variants")


def multi_head_attention():
    # kinspect has no backward pass for MultiHeadAttention: refused by name
    query = keras.Input((5, 4), name="query")
    value = keras.Input((6, 4), name="value")
    h = L.MultiHeadAttention(num_heads=2, key_dim=3, name="attend")(query, value)
    h = L.GlobalAveragePooling1D(name="average")(h)
    y = L.Dense(2, name="scores")(h)
    return keras.Model([query, value], y, name="multi_head_attention")


def seq2seq_gru():
    source = keras.Input((6, 3), name="source")
    target = keras.Input((5, 2), name="target")
    _, state = L.GRU(4, return_state=True, name="encoder")(source)
    h = L.GRU(4, name="decoder")(target, initial_state=[state])
    y = L.Dense(3, name="scores")(h)
    return keras.Model([source, target], y, name="seq2seq_gru")


def attention_heads():
    # MultiHeadAttention on itself with a causal mask and its scores returned (and read);
    # GroupQueryAttention with a key
    sequence = keras.Input((5, 4), name="sequence")
    value = keras.Input((6, 4), name="value")
    key = keras.Input((6, 4), name="key")
    attended, weights = L.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=2, name="self_attend")(
        sequence, sequence, use_causal_mask=True, return_attention_scores=True)
    grouped = L.GroupQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2, name="grouped")(
        attended, value, key)
    h = L.GlobalAveragePooling1D(name="average")(grouped)
    seen = L.GlobalAveragePooling1D(name="seen")(L.Reshape((2 * 5, 5), name="flat_heads")(weights))
    y = L.Dense(3, name="scores")(L.Concatenate(name="both")([h, seen]))
    return keras.Model([sequence, value, key], y, name="attention_heads")


def seq2seq_simple_rnn():
    # kinspect has no backward pass for a SimpleRNN that starts from a state or returns it: refused by name
    source = keras.Input((6, 3), name="source")
    target = keras.Input((5, 2), name="target")
    _, state = L.SimpleRNN(4, return_state=True, name="encoder")(source)
    h = L.SimpleRNN(4, name="decoder")(target, initial_state=[state])
    y = L.Dense(3, name="scores")(h)
    return keras.Model([source, target], y, name="seq2seq_simple_rnn")


def attention_mask():
    # MultiHeadAttention given an attention_mask input (0: the query step may not see the value step)
    query = keras.Input((5, 4), name="query")
    value = keras.Input((6, 4), name="value")
    mask = keras.Input((5, 6), name="attention_mask")
    h = L.MultiHeadAttention(num_heads=2, key_dim=3, name="attend")(query, value, attention_mask=mask)
    h = L.GlobalAveragePooling1D(name="average")(h)
    y = L.Dense(2, name="scores")(h)
    return keras.Model([query, value, mask], y, name="attention_mask")


def seq2seq_attention():
    # Luong-style: an LSTM encoder's sequence and states, an LSTM decoder started from them, Attention of
    # the decoder's steps over the encoder's, the context concatenated to the decoder's steps
    source = keras.Input((6, 3), name="source")
    target = keras.Input((5, 2), name="target")
    encoded, state_h, state_c = L.LSTM(4, return_sequences=True, return_state=True, name="encoder")(source)
    decoded = L.LSTM(4, return_sequences=True, name="decoder")(target, initial_state=[state_h, state_c])
    context = L.Attention(name="attend")([decoded, encoded])
    h = L.Concatenate(name="joined")([decoded, context])
    h = L.Dense(5, activation="tanh", name="mix")(h)
    h = L.GlobalAveragePooling1D(name="average")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model([source, target], y, name="seq2seq_attention")


def rms_normalization():
    # kinspect's SameDiff normalisation layers share one backward pass (SameDiffBackward)
    x = keras.Input((6,), name="features")
    h = L.Dense(6, name="hidden")(x)
    h = L.RMSNormalization(name="rms_norm")(h)
    h = L.Dense(4, activation="tanh", name="squash")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="rms_normalization")


def group_normalization():
    # on images: the SameDiff layer permutes DL4J's channels-first array to Keras's layout and back
    x = keras.Input((5, 5, 2), name="image")
    h = L.Conv2D(4, 3, padding="same", name="conv")(x)
    h = L.GroupNormalization(groups=2, name="group_norm")(h)
    h = L.GlobalAveragePooling2D(name="average")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="group_normalization")


def unit_normalization():
    # on sequences: LayerNormalization and UnitNormalization over the features of each step
    x = keras.Input((5, 3), name="signal")
    h = L.LSTM(4, return_sequences=True, name="lstm")(x)
    h = L.LayerNormalization(name="layer_norm")(h)
    h = L.UnitNormalization(name="unit_norm")(h)
    h = L.GlobalAveragePooling1D(name="average")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="unit_normalization")


def activation_layers():
    # DL4J's ActivationLayer overwrites its input in place when not training; the backward pass must
    # not read the overwritten input (tanh, ELU's negative side and sigmoid would differ from Keras's)
    x = keras.Input((6,), name="features")
    h = L.Dense(6, name="hidden")(x)
    h = L.Activation("tanh", name="tanh")(h)
    h = L.Dense(5, name="middle")(h)
    h = L.Activation("elu", name="elu")(h)
    h = L.Dense(4, name="last")(h)
    h = L.Activation("sigmoid", name="sigmoid")(h)
    y = L.Dense(3, name="scores")(h)
    return keras.Model(x, y, name="activation_layers")


# (case, loss, labels): the gradients of Keras's loss (mean over the batch) given labels
LOSSES = [
    ("mlp", "categorical_crossentropy", lambda rng: np.eye(4, dtype=np.float32)[[0, 3, 1]]),
    ("cnn", "sparse_categorical_crossentropy", lambda rng: np.array([2, 0, 1], dtype=np.int64)),
    ("lstm", "mean_squared_error", lambda rng: rng.normal(0.0, 1.0, (3, 3)).astype(np.float32)),
]

CASES = [mlp, cnn, lstm, gru_reset_after, gru_reset_before, bidirectional, attention, seq2seq, operation_layer,
         operation_gating, sequence_layers, image_layers, normalization_layers,
         convolution_1d, shared_layer, recurrent_dropout, attention_variants,
         seq2seq_variants, multi_head_attention, seq2seq_gru, attention_heads,
         seq2seq_simple_rnn, attention_mask, seq2seq_attention, rms_normalization, group_normalization,
         unit_normalization, activation_layers]

# Made on a branch where they followed recurrent_dropout directly: their seeds stay what made them.
SEEDS = {"rms_normalization": 716, "group_normalization": 717, "unit_normalization": 718,
         "activation_layers": 719}


def randomize(model, seed):
    rng = np.random.default_rng(seed)
    for v in model.weights:
        name = v.path.split("/")[-1]
        shape = tuple(v.shape)
        if not shape:
            continue
        if name in ("bias", "beta", "moving_mean"):
            val = rng.uniform(-0.5, 0.5, shape)
        elif name == "gamma":
            val = rng.uniform(0.5, 1.5, shape)
        elif name == "moving_variance":
            val = rng.uniform(0.5, 2.0, shape)
        else:
            fan_in = shape[0] if len(shape) <= 2 else int(np.prod(shape[:-1]))
            val = rng.normal(0.0, 1.0 / np.sqrt(max(fan_in, 1)), shape)
        v.assign(val.astype(v.dtype))


def weight_name(layer, variable):
    parts = variable.path.split("/")
    name = parts[-1]
    if isinstance(layer, L.Bidirectional):
        half = "forward_" if any(p.startswith("forward_") for p in parts) else "backward_"
        name = half + name
    if isinstance(layer, (L.MultiHeadAttention, L.GroupQueryAttention)):
        name = "/".join(parts[1:])  # query/kernel, key/bias...: each projection has a kernel and a bias
    return name


def outputs_of(layer):
    out = layer.output
    return list(out) if isinstance(out, (list, tuple)) else [out]


def gradients(model, inputs, loss=None, labels=None):
    """Keras's gradients of sum(output[..., UNIT]) (or of the loss, given one and labels) for every
    input, layer output and weight."""
    named = []
    for layer in model.layers:
        if isinstance(layer, L.InputLayer):
            continue
        for k, tensor in enumerate(outputs_of(layer)):
            named.append((layer.name if k == 0 else f"{layer.name}__{k}", tensor))
    probe = keras.Model(model.inputs, [t for _, t in named] + list(model.outputs))
    feed = [torch.tensor(a, requires_grad=True) for a in inputs]
    for v in model.trainable_weights:
        v.value.grad = None
    results = probe(feed if len(feed) > 1 else feed[0], training=False)
    for r in results:
        if r.requires_grad:
            r.retain_grad()
    output = results[-1]
    if loss is None:
        target = output[..., UNIT].sum()
    else:
        target = keras.losses.get(loss)(torch.tensor(labels), output).mean()
    target.backward()
    activation_grads = {}
    for (name, _), tensor in zip(named, results):
        grad = tensor.grad
        activation_grads[name] = np.zeros(tuple(tensor.shape), np.float32) if grad is None \
            else grad.detach().numpy().astype(np.float32)
    # an attention mask is cast to bool: no gradient reaches it
    input_grads = [np.zeros(t.shape, np.float32) if t.grad is None else t.grad.detach().numpy().astype(np.float32)
                   for t in feed]
    weight_grads = {}
    for layer in model.layers:
        for v in layer.trainable_weights:
            grad = v.value.grad
            values = np.zeros(tuple(v.shape), np.float32) if grad is None else grad.detach().numpy()
            weight_grads[(layer.name, weight_name(layer, v))] = values.astype(np.float32)
    return output.detach().numpy(), input_grads, activation_grads, weight_grads


def write(path, model, inputs, output, input_grads, activation_grads, weight_grads, loss=None, labels=None):
    with h5py.File(path, "w") as f:
        f.attrs["unit"] = UNIT
        if loss is not None:
            f.attrs["loss"] = loss
            f.create_dataset("labels", data=labels)
        f.attrs["input_names"] = json.dumps([t.name.split(":")[0] for t in model.inputs])
        names = [t._keras_history[0].name for t in model.inputs]
        for n, array, grad in zip(names, inputs, input_grads):
            f.create_dataset(f"inputs/{n}", data=array)
            f.create_dataset(f"input_gradients/{n}", data=grad)
        f.create_dataset(f"outputs/{model.outputs[0]._keras_history[0].name}", data=output)
        for layer_name, grad in activation_grads.items():
            f.create_dataset(f"activation_gradients/{layer_name}", data=grad)
        for (layer_name, weight), grad in weight_grads.items():
            f.create_dataset(f"weight_gradients/{layer_name}/{weight}", data=grad)


def make(case, seed):
    name = case.__name__
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    randomize(model, seed)
    model.save(os.path.join(HERE, f"{name}.keras"))
    model.save(os.path.join(HERE, f"{name}.h5"))
    rng = np.random.default_rng(seed)
    inputs = [rng.normal(0.0, 1.0, (BATCH,) + tuple(t.shape[1:])).astype(np.float32) for t in model.inputs]
    for i, t in enumerate(model.inputs):
        if t.name.startswith("attention_mask"):
            # 0 or 1, each query step seeing the first value step at least
            inputs[i] = (inputs[i] > 0).astype(np.float32)
            inputs[i][..., 0] = 1.0
    output, input_grads, activation_grads, weight_grads = gradients(model, inputs)

    # the probe computes the same output as the model itself
    reference = model(inputs if len(inputs) > 1 else inputs[0], training=False)
    assert np.allclose(keras.ops.convert_to_numpy(reference), output, atol=1e-6)

    write(os.path.join(HERE, f"{name}_grad.h5"), model, inputs, output, input_grads, activation_grads,
          weight_grads)
    print(f"{name}: ok ({len(activation_grads)} layer gradients, {len(weight_grads)} weight gradients)")
    for case_name, loss, make_labels in LOSSES:
        if case_name != name:
            continue
        labels = make_labels(rng)
        output, input_grads, activation_grads, weight_grads = gradients(model, inputs, loss, labels)
        write(os.path.join(HERE, f"{name}_loss_grad.h5"), model, inputs, output, input_grads, activation_grads,
              weight_grads, loss=loss, labels=labels)
        print(f"{name}: {loss} ok")


def main(argv):
    wanted = set(argv)
    for index, case in enumerate(CASES):
        if not wanted or case.__name__ in wanted:
            make(case, SEEDS.get(case.__name__, 700 + index))


if __name__ == "__main__":
    main(sys.argv[1:])
