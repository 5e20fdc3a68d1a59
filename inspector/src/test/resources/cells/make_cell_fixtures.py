#!/usr/bin/env python3
"""Keras's generic recurrent wrapper RNN around a built-in cell, with Keras's own outputs.

RNN(LSTMCell(n)), RNN(GRUCell(n)) and RNN(SimpleRNNCell(n)) compute what LSTM(n), GRU(n) and
SimpleRNN(n) compute; kinspect imports them as those layers. Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/cells/make_cell_fixtures.py [CASE ... | refused]

Each case writes CASE.keras, CASE.h5 and CASE_io.h5 next to this script with `make` from
../layers/make_layer_fixtures.py (same random weights and reference check). Each case's seed is
800 + its index in CASES: add new cases at the end. README.md in this folder lists the cases.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
import make_layer_fixtures as fixtures  # noqa: E402
from make_layer_fixtures import keras, L  # noqa: E402


def rnn_cells():
    # each built-in cell, GRU with and without reset_after, forwards and backwards
    x = keras.Input((6, 3), name="sequence")
    outs = [
        L.RNN(L.LSTMCell(4), return_sequences=True, name="rnn_lstm")(x),
        L.RNN(L.GRUCell(3), name="rnn_gru")(x),
        L.RNN(L.GRUCell(3, reset_after=False), return_sequences=True, go_backwards=True,
              name="rnn_gru_v1_backwards")(x),
        L.RNN(L.SimpleRNNCell(2, activation="relu"), go_backwards=True, unroll=True, name="rnn_simple")(x),
    ]
    flat = [L.Flatten(name=f"flat_{i}")(o) if len(o.shape) == 3 else o for i, o in enumerate(outs)]
    return keras.Model(x, L.Concatenate(name="all")(flat), name="rnn_cells")


def rnn_cell_states():
    # return_state from each cell, and the states handed on as another RNN's initial_state
    x = keras.Input((5, 3), name="sequence")
    seq, h, c = L.RNN(L.LSTMCell(3), return_sequences=True, return_state=True, name="rnn_lstm")(x)
    last, state = L.RNN(L.GRUCell(3), return_state=True, name="rnn_gru")(seq, initial_state=h)
    simple, simple_state = L.RNN(L.SimpleRNNCell(3), return_sequences=True, return_state=True,
                                 name="rnn_simple")(x, initial_state=[c])
    decoded = L.RNN(L.LSTMCell(3), name="rnn_lstm_started")(simple, initial_state=[h, c])
    return keras.Model(x, [last, state, simple_state, decoded], name="rnn_cell_states")


def rnn_cells_bidirectional():
    # each cell's RNN inside Bidirectional, sequences and last steps, several merge modes
    x = keras.Input((5, 3), name="sequence")
    a = L.Bidirectional(L.RNN(L.LSTMCell(3), return_sequences=True), name="bidi_lstm")(x)
    b = L.Bidirectional(L.RNN(L.GRUCell(2)), merge_mode="sum", name="bidi_gru")(a)
    c = L.Bidirectional(L.RNN(L.SimpleRNNCell(2)), merge_mode="mul", name="bidi_simple")(x)
    return keras.Model(x, [b, c], name="rnn_cells_bidirectional")


def rnn_cells_masked():
    # tokens from a vocabulary of 3, so about a third are the padding token 0, anywhere in a sequence;
    # Sequential, as Keras 3 cannot load back the .h5 of a functional model whose layers take a mask
    return keras.Sequential([
        keras.Input((6,), dtype="int32", name="tokens"),
        L.Embedding(3, 4, mask_zero=True, name="embedding"),
        L.RNN(L.LSTMCell(3), return_sequences=True, name="rnn_lstm"),
        L.Bidirectional(L.RNN(L.SimpleRNNCell(2), return_sequences=True), name="bidi_simple"),
        L.RNN(L.GRUCell(3), return_sequences=True, name="rnn_gru"),
        L.RNN(L.LSTMCell(2), go_backwards=True, name="rnn_lstm_backwards"),
    ], name="rnn_cells_masked")


def backwards_and_unrolled():
    # LSTM and SimpleRNN layers themselves reading backwards (DL4J's mappers ignore go_backwards),
    # and unroll=True (DL4J's importer takes it for truncated BPTT)
    x = keras.Input((5, 3), name="sequence")
    c = L.LSTM(3, go_backwards=True, name="lstm_backwards")(x)
    d = L.SimpleRNN(2, go_backwards=True, return_sequences=True, name="simple_backwards")(x)
    f = L.LSTM(2, unroll=True, name="lstm_unrolled")(x)
    g = L.RNN(L.LSTMCell(2), unroll=True, go_backwards=True, name="rnn_unrolled_backwards")(d)
    return keras.Model(x, [c, f, g], name="backwards_and_unrolled")


def backwards_masked():
    # the same, masked by Embedding(mask_zero=True): Keras keeps the state at padded steps
    return keras.Sequential([
        keras.Input((6,), dtype="int32", name="tokens"),
        L.Embedding(3, 4, mask_zero=True, name="embedding"),
        L.SimpleRNN(3, go_backwards=True, return_sequences=True, name="simple_masked_backwards"),
        L.LSTM(2, go_backwards=True, name="lstm_masked_backwards"),
    ], name="backwards_masked")


def stacked_cells():
    # stacks of cells, as StackedRNNCells and as a list: imported as one layer per cell
    x = keras.Input((5, 3), name="sequence")
    a = L.RNN(L.StackedRNNCells([L.LSTMCell(3), L.GRUCell(2)]), return_sequences=True, name="stacked")(x)
    b = L.RNN([L.SimpleRNNCell(3), L.SimpleRNNCell(2), L.GRUCell(2, reset_after=False)], name="cell_list")(a)
    return keras.Model(x, b, name="stacked_cells")


def stacked_cells_masked():
    # a stack of cells masked by Embedding(mask_zero=True): the whole stack keeps its states at padding
    return keras.Sequential([
        keras.Input((6,), dtype="int32", name="tokens"),
        L.Embedding(3, 4, mask_zero=True, name="embedding"),
        L.RNN([L.LSTMCell(3), L.SimpleRNNCell(2)], return_sequences=True, name="stacked_sequence"),
        L.RNN([L.GRUCell(3), L.LSTMCell(2)], name="stacked_last"),
    ], name="stacked_cells_masked")


CASES = [rnn_cells, rnn_cell_states, rnn_cells_bidirectional, rnn_cells_masked, backwards_and_unrolled,
         backwards_masked, stacked_cells, stacked_cells_masked]


@keras.saving.register_keras_serializable(package="Cells")
class DoublingCell(L.Layer):
    """A custom cell: kinspect cannot know what it computes."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")

    def call(self, inputs, states):
        h = keras.ops.matmul(inputs, self.kernel) + 2.0 * states[0]
        return h, [h]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def refused_models():
    """RNN layers kinspect refuses by name, saved without Keras's outputs (there is nothing to compare)."""
    x = keras.Input((5, 3), name="sequence")
    models = {
        "refused_stacked_cells": L.RNN(L.StackedRNNCells([L.LSTMCell(3), L.GRUCell(2)]), return_state=True,
                                       name="stacked")(x)[0],
        "refused_cell_list": L.RNN([L.SimpleRNNCell(3), L.SimpleRNNCell(2)], go_backwards=True, name="cell_list")(x),
        "refused_custom_cell": L.RNN(DoublingCell(3), name="custom")(x),
    }
    for name, output in models.items():
        model = keras.Model(x, output, name=name)
        model.save(os.path.join(HERE, f"{name}.keras"))
        model.save(os.path.join(HERE, f"{name}.h5"))
        print(f"{name}: saved")
    # a relu cell below another may output zeros at any step, so padding cannot be told from them;
    # Sequential, as Keras 3 cannot load back the .h5 of a functional model whose layers take a mask
    relu_stack = keras.Sequential([
        keras.Input((6,), dtype="int32", name="tokens"),
        L.Embedding(3, 4, mask_zero=True, name="embedding"),
        L.RNN([L.SimpleRNNCell(3, activation="relu"), L.LSTMCell(2)], name="relu_stack"),
    ], name="refused_masked_relu_stack")
    relu_stack.save(os.path.join(HERE, "refused_masked_relu_stack.keras"))
    relu_stack.save(os.path.join(HERE, "refused_masked_relu_stack.h5"))
    print("refused_masked_relu_stack: saved")


def main(argv):
    cases = [name for name in argv if name != "refused"]
    if cases or not argv:
        fixtures.make_cases(CASES, 800, HERE, cases)
    if not argv or "refused" in argv:
        refused_models()


if __name__ == "__main__":
    main(sys.argv[1:])
