#!/usr/bin/env python3
"""Tiny Keras 3 recurrent models with every gate of their recurrent layer, derived with numpy.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/gates/make_gate_fixtures.py [CASE ...]

For every case writes, next to this script:
  CASE.keras        Keras 3 native zip
  CASE_io.h5        ../shared/tools/keras_reference.py CASE.keras CASE_io.h5 --batch 2 --seed 0
  CASE_gates.h5     LAYER/TRACE (batch, time, units) float32: the gate traces of the recurrent
                    layer, re-derived here with numpy from the layer's Keras weights:
                      LSTM       i, f, g, o, c, h   (Keras's gate order in the kernel: i, f, c, o)
                      GRU        z, r, g, h         (kernel order z, r, h; both reset_after)
                      SimpleRNN  pre_activation, h
                      Bidirectional: forward_NAME and backward_NAME
                    in the time order of Keras's output (a go_backwards layer's step t reads input
                    step T-1-t; a Bidirectional's backward half is put back in input order).
                    At a masked step the gates are NaN (the cell does not run) and c, h keep
                    their previous values.
Before anything is written, numpy's h (as Keras would output it) is checked against the layer's
own output in CASE_io.h5: the derivation is Keras's, not a copy of kinspect's.

Weights are random but non-trivial (../keras3/make_fixtures.py's randomize()), seed 400 + the
case's index in CASES: add new cases at the end.
"""
import os
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "keras3"))
import fixture_files  # noqa: E402
from make_fixtures import randomize  # noqa: E402


# ----------------------------------------------------------------------------
# cases: each returns (model, name of the recurrent layer to trace)
# ----------------------------------------------------------------------------
def lstm():
    x = keras.Input((6, 3), name="signal")
    y = L.LSTM(4, return_sequences=True, name="lstm")(x)
    return keras.Model(x, L.Dense(2, name="proj")(y), name="lstm"), "lstm"


def lstm_backwards_hard_sigmoid():
    """Keras 3's hard_sigmoid gates, reading the sequence backwards, last output only."""
    x = keras.Input((6, 3), name="signal")
    y = L.LSTM(4, recurrent_activation="hard_sigmoid", go_backwards=True, name="lstm")(x)
    return keras.Model(x, L.Dense(2, name="proj")(y), name="lstm_backwards_hard_sigmoid"), "lstm"


def gru():
    x = keras.Input((6, 3), name="signal")
    y = L.GRU(4, return_sequences=True, name="gru")(x)  # reset_after=True, Keras's default
    return keras.Model(x, L.Dense(2, name="proj")(y), name="gru"), "gru"


def gru_reset_before():
    x = keras.Input((6, 3), name="signal")
    y = L.GRU(4, return_sequences=True, reset_after=False, name="gru")(x)
    return keras.Model(x, L.Dense(2, name="proj")(y), name="gru_reset_before"), "gru"


def simple_rnn():
    x = keras.Input((6, 3), name="signal")
    y = L.SimpleRNN(4, return_sequences=True, name="rnn")(x)
    return keras.Model(x, L.Dense(2, name="proj")(y), name="simple_rnn"), "rnn"


def bidirectional_lstm():
    x = keras.Input((6, 3), name="signal")
    y = L.Bidirectional(L.LSTM(3, return_sequences=True), name="bi")(x)
    return keras.Model(x, L.Dense(2, name="proj")(y), name="bidirectional_lstm"), "bi"


def masked_lstm():
    """Token 0 is padding: Embedding(mask_zero=True) masks those steps for the LSTM."""
    tokens = keras.Input((7,), dtype="int32", name="tokens")
    e = L.Embedding(10, 3, mask_zero=True, name="embed")(tokens)
    y = L.LSTM(4, return_sequences=True, name="lstm")(e)
    return keras.Model(tokens, L.Dense(2, name="proj")(y), name="masked_lstm"), "lstm"


def lstm_initial_state():
    """An LSTM whose h0 and c0 are Dense projections of a context vector."""
    seq = keras.Input((5, 3), name="seq")
    context = keras.Input((2,), name="context")
    h0 = L.Dense(4, activation="tanh", name="h0")(context)
    c0 = L.Dense(4, name="c0")(context)
    y = L.LSTM(4, return_sequences=True, name="lstm")(seq, initial_state=[h0, c0])
    return keras.Model([seq, context], L.Dense(2, name="proj")(y), name="lstm_initial_state"), "lstm"


CASES = [lstm, lstm_backwards_hard_sigmoid, gru, gru_reset_before, simple_rnn, bidirectional_lstm, masked_lstm,
         lstm_initial_state]


def padded_tokens():
    return np.array([[3, 1, 4, 1, 5, 0, 0], [2, 7, 0, 0, 0, 0, 0]], "int32")


INPUTS = {"masked_lstm": {"tokens": padded_tokens}}


# ----------------------------------------------------------------------------
# the numpy derivation
# ----------------------------------------------------------------------------
def activation(name):
    name = name if isinstance(name, str) else name["config"]
    return {
        "tanh": np.tanh,
        "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v)),
        "hard_sigmoid": lambda v: np.clip(v + 3.0, 0.0, 6.0) / 6.0,  # Keras 3: relu6(x + 3) / 6
        "relu": lambda v: np.maximum(v, 0.0),
        "linear": lambda v: v,
    }[name]


def run_direction(cls, config, weights, x, mask, initial):
    """One direction over x (batch, T, features), in processing order; returns traces and the
    Keras output sequence (masked steps repeat the previous output)."""
    act = activation(config["activation"])
    rec = activation(config.get("recurrent_activation", "sigmoid"))
    kernel, recurrent = weights[0].astype(np.float64), weights[1].astype(np.float64)
    bias = weights[2].astype(np.float64) if len(weights) > 2 else None
    batch, steps, _ = x.shape
    units = recurrent.shape[0]
    h = initial[0].astype(np.float64) if initial else np.zeros((batch, units))
    c = initial[1].astype(np.float64) if initial and len(initial) > 1 else np.zeros((batch, units))
    names = {"LSTM": "ifgoch", "GRU": "zrgh", "SimpleRNN": None}[cls]
    names = list(names) if names else ["pre_activation", "h"]
    traces = {n: np.zeros((batch, steps, units)) for n in names}
    outputs = np.zeros((batch, steps, units))
    previous_output = np.zeros((batch, units))
    for t in range(steps):
        xt = x[:, t].astype(np.float64)
        gates = {}
        if cls == "LSTM":
            z = xt @ kernel + h @ recurrent + (bias if bias is not None else 0.0)
            zi, zf, zc, zo = np.split(z, 4, axis=1)
            gates["i"], gates["f"], gates["g"], gates["o"] = rec(zi), rec(zf), act(zc), rec(zo)
            new_c = gates["f"] * c + gates["i"] * gates["g"]
            new_h = gates["o"] * act(new_c)
        elif cls == "GRU":
            if config.get("reset_after", True):
                input_bias, recurrent_bias = (bias[0], bias[1]) if bias is not None else (0.0, 0.0)
                xz, xr, xh = np.split(xt @ kernel + input_bias, 3, axis=1)
                rz, rr, rh = np.split(h @ recurrent + recurrent_bias, 3, axis=1)
                gates["z"], gates["r"] = rec(xz + rz), rec(xr + rr)
                gates["g"] = act(xh + gates["r"] * rh)
            else:
                xz, xr, xh = np.split(xt @ kernel + (bias if bias is not None else 0.0), 3, axis=1)
                rz_kernel, rr_kernel, rh_kernel = np.split(recurrent, 3, axis=1)
                gates["z"], gates["r"] = rec(xz + h @ rz_kernel), rec(xr + h @ rr_kernel)
                gates["g"] = act(xh + (gates["r"] * h) @ rh_kernel)
            new_h = gates["z"] * h + (1.0 - gates["z"]) * gates["g"]
            new_c = c
        else:
            gates["pre_activation"] = xt @ kernel + (bias if bias is not None else 0.0) + h @ recurrent
            new_h = act(gates["pre_activation"])
            new_c = c
        keep = mask[:, t:t + 1] if mask is not None else np.ones((batch, 1), bool)
        h = np.where(keep, new_h, h)
        c = np.where(keep, new_c, c)
        for n, v in gates.items():
            traces[n][:, t] = np.where(keep, v, np.nan)
        traces["h"][:, t] = h
        if "c" in traces:
            traces["c"][:, t] = c
        output = np.where(keep, new_h, previous_output)
        if config.get("zero_output_for_mask") and mask is not None:
            output = np.where(keep, new_h, 0.0)
        outputs[:, t] = output
        previous_output = output
    return traces, outputs


def trace_layer(layer, x, mask, initial):
    """Traces in Keras's output time order, and the layer output Keras gives."""
    if isinstance(layer, L.Bidirectional):
        forward, backward = layer.forward_layer, layer.backward_layer
        f_traces, f_out = trace_plain(forward, x, mask, initial[:len(initial) // 2] if initial else None)
        b_traces, b_out = trace_plain(backward, x, mask, initial[len(initial) // 2:] if initial else None)
        if forward.return_sequences:
            b_out = b_out[:, ::-1]
        b_traces = {n: v[:, ::-1] for n, v in b_traces.items()}  # back in input order
        if mask is not None and forward.return_sequences:  # Bidirectional forces zero_output_for_mask
            f_out = np.where(mask[:, :, None], f_out, 0.0)
            b_out = np.where(mask[:, :, None], b_out, 0.0)
        traces = {f"forward_{n}": v for n, v in f_traces.items()}
        traces.update({f"backward_{n}": v for n, v in b_traces.items()})
        merged = {"concat": lambda a, b: np.concatenate([a, b], -1), "sum": np.add, "mul": np.multiply,
                  "ave": lambda a, b: (a + b) / 2}[layer.merge_mode](f_out, b_out)
        return traces, merged
    return trace_plain(layer, x, mask, initial)


def trace_plain(layer, x, mask, initial):
    cls = type(layer).__name__
    config = layer.get_config()
    if layer.go_backwards:
        x = x[:, ::-1]
        mask = mask[:, ::-1] if mask is not None else None
    traces, outputs = run_direction(cls, config, layer.get_weights(), x, mask, initial)
    return traces, outputs if layer.return_sequences else outputs[:, -1]


# ----------------------------------------------------------------------------
def key(tensor):
    """The name keras_reference gives a tensor: its layer, LAYER__k for output k."""
    history = tensor._keras_history
    return history.operation.name if history.tensor_index == 0 else f"{history.operation.name}__{history.tensor_index}"


def make(case, seed):
    name = case.__name__
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model, layer_name = case()
    randomize(model, seed)
    keras_file = os.path.join(HERE, f"{name}.keras")
    io_file = os.path.join(HERE, f"{name}_io.h5")
    gates_file = os.path.join(HERE, f"{name}_gates.h5")
    model.save(keras_file)
    fixture_files.write_reference(keras_file, io_file, INPUTS.get(name), scratch="kinspect_gates")

    layer = model.get_layer(layer_name)
    activations = fixture_files.reference_activations(io_file)
    with h5py.File(io_file, "r") as f:
        inputs = {n: f["inputs"][n][()] for n in f["inputs"]}
    node = layer._inbound_nodes[0]
    # the sequence, then the initial states (not the mask Keras passes along as an argument too)
    tensors = [node.arguments.args[0]] + list(node.arguments.kwargs.get("initial_state") or [])
    keys = [key(t) for t in tensors]
    x = activations[keys[0]]
    initial = [activations[k] for k in keys[1:]] or None
    mask = None
    if name in INPUTS and "tokens" in INPUTS[name]:
        mask = inputs["tokens"].astype("int64") != 0
    traces, output = trace_layer(layer, x, mask, initial)
    np.testing.assert_allclose(output, activations[layer_name], rtol=0, atol=1e-5,
                               err_msg=f"{name}: numpy's output of {layer_name} is not Keras's")
    with h5py.File(gates_file, "w") as f:
        f.attrs["layer"] = layer_name
        group = f.create_group(layer_name)
        for trace, values in traces.items():
            group.create_dataset(trace, data=values.astype("float32"))
    print(f"{name}: {layer_name} traces {sorted(traces)} match Keras's output")


def main(argv):
    return fixture_files.make_cases(CASES, make, 400, argv, keep_going=True, folder=HERE)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
