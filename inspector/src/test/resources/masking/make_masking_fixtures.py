#!/usr/bin/env python3
"""Masked recurrent models as Keras 3 and as Keras 2 (tf.keras) write them, with their numbers.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/masking/make_masking_fixtures.py

Keras 3 cases (CASE.keras, CASE.h5, and CASE_io.h5 from ../shared/tools/keras_reference.py):
  embedding_recurrent  Embedding(mask_zero=True) whose row 5 is zero (a real token) feeding LSTM,
                       GRU, SimpleRNN and Bidirectional of each, return_sequences both ways.
  masking_long         Masking -> LSTM/SimpleRNN/GRU/Bidirectional over 12 steps of 3 features
                       (more steps than features).
  masked_pooling       GlobalAveragePooling1D of a masked Embedding, of a Dense after it (which hands
                       the mask on) and of a Masking(-1.0) layer, whose output is zeros at masked steps.

Keras 2 cases (keras2_CASE.h5 and keras2_CASE_io.h5): the same models plus keras2_stacked
(Embedding(mask_zero) -> LSTM(return_sequences) -> GRU(return_sequences) -> SimpleRNN, where Keras 2
hands the mask on from one recurrent layer to the next), written with h5py in the layout tf.keras
2.2.4-tf writes (copied from the corpus's modelimport/keras/tfkeras files: model_config with
inbound_nodes [[[name, 0, 0, {}]]], model_weights/LAYER/LAYER/VAR:0, Bidirectional weights under
forward_INNER / backward_INNER), with weights taken from the Keras 3 models. Their numbers are
NOT Keras's: TensorFlow cannot run here, so they are derived in numpy below from Keras 2's masked
recurrence (tf.keras backend.rnn): at a masked step the states are kept and the output is the
previous output (zeros with zero_output_for_mask, which Bidirectional sets to return_sequences);
a recurrent layer returning sequences hands its input mask on. The numpy recurrence is checked
against Keras 3 on every layer where Keras 2 and 3 agree before anything is written.
"""
import json
import os
import subprocess

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
REFERENCE = os.path.join(os.path.dirname(REPO), "shared", "tools", "keras_reference.py")
STEPS = 7
VOCABULARY = 12
ZERO_ROW = 5  # a real token whose embedding is all zeros

# token ids: padding at the end, at the start, inside, a whole-padding row, and the zero-row token
TOKENS = np.array([[3, 5, 1, 0, 0, 0, 0],
                   [0, 0, 2, 7, 5, 9, 11],
                   [4, 0, 6, 5, 0, 8, 1]], dtype="int32")


def randomize(model, seed):
    rng = np.random.default_rng(seed)
    for variable in model.weights:
        variable.assign(rng.normal(0, 0.6, variable.shape).astype("float32"))


def embedding_recurrent():
    ids = keras.Input((STEPS,), dtype="int32", name="tokens")
    e = L.Embedding(VOCABULARY, 4, mask_zero=True, name="embedding")(ids)
    outs = [
        L.LSTM(3, return_sequences=True, name="lstm_seq")(e),
        L.LSTM(3, name="lstm_last")(e),
        L.GRU(3, return_sequences=True, name="gru_seq")(e),
        L.GRU(3, name="gru_last")(e),
        L.SimpleRNN(3, return_sequences=True, name="rnn_seq")(e),
        L.SimpleRNN(3, name="rnn_last")(e),
        L.Bidirectional(L.LSTM(2, return_sequences=True, name="lstm"), name="bi_lstm_seq")(e),
        L.Bidirectional(L.LSTM(2, name="lstm"), name="bi_lstm_last")(e),
        L.Bidirectional(L.GRU(2, return_sequences=True, name="gru"), name="bi_gru_seq")(e),
        L.Bidirectional(L.SimpleRNN(2, name="rnn"), name="bi_rnn_last")(e),
    ]
    model = keras.Model(ids, outs, name="embedding_recurrent")
    randomize(model, 1600)
    table = model.get_layer("embedding").embeddings
    values = np.array(table.numpy())
    values[ZERO_ROW] = 0
    table.assign(values)
    return model, {"tokens": TOKENS}


def masking_long():
    x = keras.Input((12, 3), name="signal")
    m = L.Masking(0.0, name="masking")(x)
    outs = [
        L.LSTM(4, name="lstm_last")(m),
        L.SimpleRNN(4, name="rnn_last")(m),
        L.GRU(3, return_sequences=True, name="gru_seq")(m),
        L.Bidirectional(L.LSTM(2, name="lstm"), name="bi_lstm_last")(m),
        L.Bidirectional(L.SimpleRNN(2, return_sequences=True, name="rnn"), name="bi_rnn_seq")(m),
    ]
    model = keras.Model(x, outs, name="masking_long")
    randomize(model, 1601)
    rng = np.random.default_rng(1701)
    signal = rng.normal(0, 1, (3, 12, 3)).astype("float32")
    signal[0, 8:] = 0
    signal[1, :3] = 0
    signal[2, [2, 5, 6, 11]] = 0
    return model, {"signal": signal}


def masked_pooling():
    ids = keras.Input((STEPS,), dtype="int32", name="tokens")
    e = L.Embedding(VOCABULARY, 4, mask_zero=True, name="embedding")(ids)
    dense = L.Dense(3, name="dense")(e)  # hands the mask on
    x = keras.Input((STEPS, 3), name="signal")
    m = L.Masking(-1.0, name="masking")(x)  # outputs zeros at masked steps
    outs = [
        L.GlobalAveragePooling1D(name="avg_embedding")(e),
        L.GlobalAveragePooling1D(name="avg_dense")(dense),
        L.GlobalAveragePooling1D(name="avg_signal")(m),
        L.LSTM(2, name="lstm_last")(m),
    ]
    model = keras.Model([ids, x], outs, name="masked_pooling")
    randomize(model, 1603)
    table = model.get_layer("embedding").embeddings
    values = np.array(table.numpy())
    values[ZERO_ROW] = 0
    table.assign(values)
    rng = np.random.default_rng(1703)
    signal = rng.normal(0, 1, (3, STEPS, 3)).astype("float32")
    signal[0, 4:] = -1
    signal[1, :2] = -1
    signal[2, [1, 5]] = -1
    signal[2, 3, 0] = -1  # one feature at the mask value: the step is kept
    return model, {"tokens": TOKENS, "signal": signal}


def stacked():
    ids = keras.Input((STEPS,), dtype="int32", name="tokens")
    e = L.Embedding(VOCABULARY, 4, mask_zero=True, name="embedding")(ids)
    a = L.LSTM(3, return_sequences=True, name="lstm_seq")(e)
    b = L.GRU(3, return_sequences=True, name="gru_seq")(a)
    c = L.SimpleRNN(3, name="rnn_last")(b)
    model = keras.Model(ids, c, name="stacked")
    randomize(model, 1602)
    return model, {"tokens": TOKENS}


# ----------------------------------------------------------------------------
# Keras 2's masked recurrence in numpy
# ----------------------------------------------------------------------------
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm_cell(weights):
    kernel, recurrent, bias = weights

    def step(x, states):
        h, c = states
        z = x @ kernel + h @ recurrent + bias
        i, f, g, o = np.split(z, 4, axis=-1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        return h, [h, c]
    units = recurrent.shape[0]
    return step, 2, units


def gru_cell(weights):  # reset_after=True, Keras's default since 2.x in tf.keras 2 and Keras 3
    kernel, recurrent, bias = weights
    input_bias, recurrent_bias = bias[0], bias[1]

    def step(x, states):
        (h,) = states
        xz, xr, xh = np.split(x @ kernel + input_bias, 3, axis=-1)
        hz, hr, hh = np.split(h @ recurrent + recurrent_bias, 3, axis=-1)
        z = sigmoid(xz + hz)
        r = sigmoid(xr + hr)
        candidate = np.tanh(xh + r * hh)
        h = z * h + (1 - z) * candidate
        return h, [h]
    return step, 1, recurrent.shape[0]


def simple_rnn_cell(weights):
    kernel, recurrent, bias = weights

    def step(x, states):
        h = np.tanh(x @ kernel + states[0] @ recurrent + bias)
        return h, [h]
    return step, 1, recurrent.shape[0]


CELLS = {"LSTM": lstm_cell, "GRU": gru_cell, "SimpleRNN": simple_rnn_cell}
CELLS_BY_CLASS = (L.LSTM, L.GRU, L.SimpleRNN)


def run_rnn(cell, sequence, mask, return_sequences, zero_output_for_mask=False, go_backwards=False):
    """tf.keras backend.rnn with a mask: masked steps keep the states and repeat the last output."""
    step, state_count, units = cell
    batch, steps = sequence.shape[:2]
    order = range(steps - 1, -1, -1) if go_backwards else range(steps)
    states = [np.zeros((batch, units)) for _ in range(state_count)]
    previous = np.zeros((batch, units))
    outputs = []
    for t in order:
        output, new_states = step(sequence[:, t].astype("float64"), states)
        keep = mask[:, t][:, None]
        states = [np.where(keep, new, old) for new, old in zip(new_states, states)]
        output = np.where(keep, output, 0 if zero_output_for_mask else previous)
        previous = np.where(keep, output, previous)
        outputs.append(output)
    sequences = np.stack(outputs, axis=1)  # in processing order, as Keras returns them
    return sequences if return_sequences else outputs[-1]


def keras2_layer(layer, sequence, mask):
    """One recurrent layer (or Bidirectional) of a model, as Keras 2 computes it."""
    if isinstance(layer, L.Bidirectional):
        sequences = layer.forward_layer.return_sequences
        inner = layer.forward_layer
        name = type(inner).__name__
        forward = CELLS[name]([w.numpy() for w in layer.forward_layer.weights])
        backward = CELLS[name]([w.numpy() for w in layer.backward_layer.weights])
        y = run_rnn(forward, sequence, mask, sequences, zero_output_for_mask=sequences)
        y_reversed = run_rnn(backward, sequence, mask, sequences, zero_output_for_mask=sequences, go_backwards=True)
        if sequences:
            y_reversed = y_reversed[:, ::-1]
        return np.concatenate([y, y_reversed], axis=-1)
    cell = CELLS[type(layer).__name__]([w.numpy() for w in layer.weights])
    return run_rnn(cell, sequence, mask, layer.return_sequences)


def keras2_activations(model, inputs):
    """Every layer's output as Keras 2 computes it, the mask handed on by recurrent layers."""
    values, masks = {}, {}
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            values[layer.name] = inputs[layer.name]
            masks[layer.name] = None
            continue
        inbound = layer._inbound_nodes[0].input_tensors[0]._keras_history.operation.name
        x, mask = values[inbound], masks[inbound]
        if isinstance(layer, L.Embedding):
            values[layer.name] = layer.embeddings.numpy()[x]
            masks[layer.name] = x != 0
        elif isinstance(layer, L.Dense):
            kernel, bias = (w.numpy() for w in layer.weights)
            values[layer.name] = x.astype("float64") @ kernel + bias
            masks[layer.name] = mask
        elif isinstance(layer, L.GlobalAveragePooling1D):
            weights = np.ones(x.shape[:2]) if mask is None else mask.astype("float64")
            values[layer.name] = (x * weights[..., None]).sum(axis=1) / weights.sum(axis=1)[:, None]
            masks[layer.name] = None
        elif isinstance(layer, L.Masking):
            keep = np.any(x != layer.mask_value, axis=-1)
            values[layer.name] = x * keep[..., None]
            masks[layer.name] = keep
        else:
            values[layer.name] = keras2_layer(layer, x, mask)
            sequences = (layer.forward_layer if isinstance(layer, L.Bidirectional) else layer).return_sequences
            masks[layer.name] = mask if sequences else None
    return values


# ----------------------------------------------------------------------------
# the Keras 2 (tf.keras 2.2.4-tf) HDF5 layout
# ----------------------------------------------------------------------------
def keras2_layer_config(layer):
    config = layer.get_config()
    config.pop("seed", None)
    if isinstance(layer, L.Bidirectional):
        inner = layer.forward_layer
        inner_config = inner.get_config()
        inner_config["name"] = inner.name.removeprefix("forward_")
        for key in ("seed",):
            inner_config.pop(key, None)
        config = {"name": layer.name, "trainable": True, "dtype": "float32", "merge_mode": layer.merge_mode,
                  "layer": {"class_name": type(inner).__name__,
                            "config": tf_keras_recurrent(keras2_plain(inner_config))}}
        return config
    if isinstance(layer, L.Embedding):
        config["input_length"] = STEPS  # tf.keras 2 records it (null when open)
    if isinstance(layer, CELLS_BY_CLASS):
        return tf_keras_recurrent(keras2_plain(config))
    return keras2_plain(config)


def tf_keras_recurrent(config):
    """tf.keras writes time_major into every recurrent layer's configuration."""
    config["time_major"] = False
    return config


def keras2_plain(config):
    """Keras 3's serialised objects ({module, class_name, config, registered_name}) as Keras 2's."""
    if isinstance(config, dict):
        if "class_name" in config and "module" in config:
            return {"class_name": config["class_name"], "config": keras2_plain(config.get("config") or {})}
        out = {k: keras2_plain(v) for k, v in config.items() if k not in ("dtype",)}
        if isinstance(config.get("dtype"), dict):
            out["dtype"] = "float32"
        elif "dtype" in config:
            out["dtype"] = config["dtype"]
        return out
    if isinstance(config, list):
        return [keras2_plain(v) for v in config]
    return config


def keras2_weight_names(layer):
    names = []
    if isinstance(layer, L.Embedding):
        return [(f"{layer.name}/embeddings:0", layer.embeddings.numpy())]
    if isinstance(layer, L.Bidirectional):
        inner = layer.forward_layer.name.removeprefix("forward_")
        for direction, half in (("forward", layer.forward_layer), ("backward", layer.backward_layer)):
            for variable in half.weights:
                short = variable.path.split("/")[-1]
                names.append((f"{layer.name}/{direction}_{inner}/{short}:0", variable.numpy()))
        return names
    for variable in layer.weights:
        names.append((f"{layer.name}/{variable.path.split('/')[-1]}:0", variable.numpy()))
    return names


def write_keras2(model, path):
    layers = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            shape = list(layer.batch_shape)
            layers.append({"name": layer.name, "class_name": "InputLayer",
                           "config": {"batch_input_shape": shape, "dtype": layer.dtype, "sparse": False,
                                      "ragged": False, "name": layer.name}, "inbound_nodes": []})
            continue
        inbound = layer._inbound_nodes[0].input_tensors[0]._keras_history.operation.name
        layers.append({"name": layer.name, "class_name": type(layer).__name__, "config": keras2_layer_config(layer),
                       "inbound_nodes": [[[inbound, 0, 0, {}]]]})
    outputs = [[t._keras_history.operation.name, 0, 0] for t in model.outputs]
    config = {"class_name": "Model", "config": {
        "name": model.name, "layers": layers,
        "input_layers": [[t._keras_history.operation.name, 0, 0] for t in model.inputs],
        "output_layers": outputs}}
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.2.4-tf"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        weights = f.create_group("model_weights")
        weights.attrs["keras_version"] = "2.2.4-tf"
        weights.attrs["backend"] = "tensorflow"
        weights.attrs["layer_names"] = np.array([layer.name.encode() for layer in model.layers])
        for layer in model.layers:
            group = weights.create_group(layer.name)
            named = [] if isinstance(layer, (keras.layers.InputLayer, L.Masking)) else keras2_weight_names(layer)
            group.attrs["weight_names"] = np.array([name.encode() for name, _ in named]) if named \
                else np.array([], dtype="float64")
            for name, value in named:
                group.create_dataset(name, data=value.astype("float32"))


def write_reference(model, activations, inputs, path):
    with h5py.File(path, "w") as f:
        for name, value in inputs.items():
            f.create_dataset(f"inputs/{name}", data=value.astype("float32")).attrs["model_dtype"] = "int32" \
                if value.dtype.kind == "i" else "float32"
        for layer in model.layers:
            f.create_dataset(f"activations/{layer.name}", data=np.asarray(activations[layer.name], "float32"))
        output_names = [t._keras_history.operation.name for t in model.outputs]
        for name in output_names:
            f.create_dataset(f"outputs/{name}", data=np.asarray(activations[name], "float32"))
        f.attrs["keras_version"] = "2.2.4-tf (numpy: make_masking_fixtures.py)"
        f.attrs["backend"] = "numpy"
        f.attrs["input_names"] = json.dumps(list(inputs))
        f.attrs["output_names"] = json.dumps(output_names)
        f.attrs["layer_order"] = json.dumps([layer.name for layer in model.layers])
        f.attrs["source_file"] = os.path.basename(path).replace("_io.h5", ".h5")


def check_numpy_against_keras3(model, inputs, numpy_values):
    """Keras 2 and 3 agree on every layer that reads the mask straight from Embedding or Masking."""
    names = [layer.name for layer in model.layers]
    probe = keras.Model(model.inputs, [model.get_layer(n).output for n in names])
    keras3 = dict(zip(names, probe.predict(inputs, verbose=0)))
    for layer in model.layers:
        inbound = None if isinstance(layer, keras.layers.InputLayer) else \
            layer._inbound_nodes[0].input_tensors[0]._keras_history.operation.name
        if inbound is not None and isinstance(model.get_layer(inbound), (L.RNN, L.Bidirectional)):
            continue  # Keras 3 hands no mask on from a recurrent layer
        difference = np.max(np.abs(np.asarray(keras3[layer.name], "float64") - numpy_values[layer.name]))
        assert difference < 1e-5, (model.name, layer.name, difference)
        print(f"  numpy = Keras 3 on {layer.name}: {difference:.1e}")


def main():
    for make in (embedding_recurrent, masking_long, stacked, masked_pooling):
        model, inputs = make()
        name = model.name
        numpy_values = keras2_activations(model, inputs)
        check_numpy_against_keras3(model, inputs, numpy_values)
        if make is not stacked:
            model.save(os.path.join(HERE, f"{name}.keras"))
            model.save(os.path.join(HERE, f"{name}.h5"))
            arguments = []
            for input_name, value in inputs.items():
                np.save(os.path.join("/tmp", f"masking_{input_name}.npy"), value)
                arguments += ["--input", f"{input_name}=/tmp/masking_{input_name}.npy"]
            subprocess.run(["python3", REFERENCE, os.path.join(HERE, f"{name}.keras"),
                            os.path.join(HERE, f"{name}_io.h5")] + arguments, check=True)
        write_keras2(model, os.path.join(HERE, f"keras2_{name}.h5"))
        write_reference(model, numpy_values, inputs, os.path.join(HERE, f"keras2_{name}_io.h5"))
        print("wrote", name)


if __name__ == "__main__":
    main()
