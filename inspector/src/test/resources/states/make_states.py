#!/usr/bin/env python3
"""Tiny Keras 3 models whose recurrent layers take or return states, with Keras's own numbers.

Regenerate (from the repo root, /work/main):

    ../shared/tools/keras3 python3 inspector/src/test/resources/states/make_states.py [CASE ...]

For every case writes, next to this script:
  CASE.keras    Keras 3 native zip
  CASE.h5       the same model as Keras 3 legacy HDF5
  CASE_io.h5    ../shared/tools/keras_reference.py CASE.keras CASE_io.h5 --batch 2 --seed 0:
                every layer's output, a layer's returned states as LAYER__1, LAYER__2, ...

Weights are random but non-trivial (see ../keras3/make_fixtures.py, whose randomize() is used).
Each case's weights come from seed 200 + its index in CASES, so add new cases at the end.
"""
import os
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "keras3"))
import fixture_files  # noqa: E402
from make_fixtures import randomize  # noqa: E402


# ----------------------------------------------------------------------------
# cases: each returns a built model
# ----------------------------------------------------------------------------
def lstm_initial_state():
    """LSTM whose h0 and c0 are model inputs."""
    seq = keras.Input((5, 3), name="seq")
    h0 = keras.Input((4,), name="h0")
    c0 = keras.Input((4,), name="c0")
    y = L.LSTM(4, return_sequences=True, name="lstm")(seq, initial_state=[h0, c0])
    out = L.Dense(2, name="proj")(y)
    return keras.Model([seq, h0, c0], out, name="lstm_initial_state")


def gru_initial_state():
    """GRU whose h0 is a model input, returning its state, which a Dense layer reads."""
    seq = keras.Input((5, 3), name="seq")
    h0 = keras.Input((4,), name="h0")
    y, h = L.GRU(4, return_state=True, name="gru")(seq, initial_state=h0)
    out = L.Dense(2, name="from_state")(h)
    return keras.Model([seq, h0], [y, out], name="gru_initial_state")


def gru_dense_h0():
    """GRU whose h0 is a Dense projection of a second input (a context vector)."""
    seq = keras.Input((6, 3), name="seq")
    context = keras.Input((5,), name="context")
    h0 = L.Dense(4, activation="tanh", name="h0")(context)
    y = L.GRU(4, return_sequences=True, name="gru")(seq, initial_state=h0)
    out = L.Dense(2, name="proj")(y)
    return keras.Model([seq, context], out, name="gru_dense_h0")


def simple_rnn_initial_state():
    """SimpleRNN from a projected context, returning its state."""
    seq = keras.Input((5, 3), name="seq")
    context = keras.Input((2,), name="context")
    h0 = L.Dense(4, name="h0")(context)
    y, h = L.SimpleRNN(4, return_sequences=True, return_state=True, name="rnn")(seq, initial_state=h0)
    out = L.Dense(2, name="proj")(y)
    return keras.Model([seq, context], [out, h], name="simple_rnn_initial_state")


def learned_initial_state():
    """h0 learned as the weights of a Dense layer on a constant input of ones (fed 1 by the caller)."""
    seq = keras.Input((5, 3), name="seq")
    ones = keras.Input((1,), name="ones")
    h0 = L.Dense(4, use_bias=False, name="learned_h0")(ones)
    y = L.GRU(4, name="gru")(seq, initial_state=h0)
    return keras.Model([seq, ones], y, name="learned_initial_state")


def bidirectional_states():
    """Bidirectional LSTM from given states, returning sequences and both directions' states."""
    seq = keras.Input((5, 3), name="seq")
    states = [keras.Input((3,), name=n) for n in ("forward_h", "forward_c", "backward_h", "backward_c")]
    y, fh, fc, bh, bc = L.Bidirectional(L.LSTM(3, return_sequences=True, return_state=True),
                                        name="bi")(seq, initial_state=states)
    summary = L.Concatenate(name="states")([fh, bh])
    out = L.Dense(2, name="proj")(summary)
    return keras.Model([seq] + states, [y, out], name="bidirectional_states")


def bidirectional_gru_return_state():
    """Bidirectional GRU (sum) returning its last output and both directions' states."""
    seq = keras.Input((5, 3), name="seq")
    y, fh, bh = L.Bidirectional(L.GRU(3, return_state=True), merge_mode="sum", name="bigru")(seq)
    out = L.Add(name="states_sum")([fh, bh])
    return keras.Model(seq, [y, out], name="bidirectional_gru_return_state")


def stateful_lstm():
    """Stateful LSTMs (fixed batch of 2); Keras's activations are from a reset state."""
    seq = keras.Input(batch_shape=(2, 5, 3), name="seq")
    y = L.LSTM(4, stateful=True, return_sequences=True, name="lstm_1")(seq)
    y = L.LSTM(3, stateful=True, name="lstm_2")(y)
    out = L.Dense(2, name="proj")(y)
    return keras.Model(seq, out, name="stateful_lstm")


def seq2seq_lstm():
    """The classic encoder-decoder: the encoder's h and c start the decoder."""
    encoder_in = keras.Input((None, 5), name="encoder_in")
    decoder_in = keras.Input((None, 4), name="decoder_in")
    _, h, c = L.LSTM(6, return_state=True, name="encoder")(encoder_in)
    y, _, _ = L.LSTM(6, return_sequences=True, return_state=True, name="decoder")(decoder_in, initial_state=[h, c])
    out = L.Dense(4, activation="softmax", name="next_token")(y)
    return keras.Model([encoder_in, decoder_in], out, name="seq2seq_lstm")


def seq2seq_gru_stacked():
    """GRU encoder-decoder with two decoder layers: the second starts from zeros."""
    encoder_in = keras.Input((None, 4), name="encoder_in")
    decoder_in = keras.Input((None, 3), name="decoder_in")
    _, h = L.GRU(5, return_state=True, name="encoder")(encoder_in)
    y = L.GRU(5, return_sequences=True, name="decoder_1")(decoder_in, initial_state=h)
    y = L.GRU(4, return_sequences=True, name="decoder_2")(y)
    out = L.Dense(3, activation="softmax", name="next_token")(y)
    return keras.Model([encoder_in, decoder_in], out, name="seq2seq_gru_stacked")


def masked_seq2seq():
    """Padded sequences behind Masking layers: a Bidirectional LSTM encoder returning its states
    (masked), a GRU decoder started from them (Keras 3 hands no mask to a layer called with
    initial_state, so it runs over the padding)."""
    encoder_in = keras.Input((None, 4), name="encoder_in")
    decoder_in = keras.Input((None, 8), name="decoder_in")
    masked = L.Masking(0.0, name="padding")(encoder_in)
    _, fh, fc, bh, bc = L.Bidirectional(L.LSTM(3, return_sequences=True, return_state=True), name="encoder")(masked)
    h = L.Dense(4, activation="tanh", name="bridge")(L.Concatenate(name="h_and_c")([fh, fc, bh, bc]))
    target = L.Masking(0.0, name="target_padding")(decoder_in)
    y, state = L.GRU(4, return_sequences=True, return_state=True, name="decoder")(target, initial_state=h)
    out = L.Dense(8, activation="softmax", name="next_token")(y)
    return keras.Model([encoder_in, decoder_in], out, name="masked_seq2seq")


def one_hot_padded(sequences, steps, classes):
    """One-hot token sequences, zero vectors after their end."""
    values = np.zeros((len(sequences), steps, classes), "float32")
    for i, tokens in enumerate(sequences):
        values[i, np.arange(len(tokens)), tokens] = 1.0
    return values


def padded_steps():
    """Two sequences of 6 steps: 4 and 2 real steps, then zeros."""
    values = np.random.default_rng(5).normal(size=(2, 6, 4)).astype("float32")
    values[0, 4:] = 0.0
    values[1, 2:] = 0.0
    return values


CASES = [lstm_initial_state, gru_initial_state, gru_dense_h0, simple_rnn_initial_state, learned_initial_state,
         bidirectional_states, bidirectional_gru_return_state, stateful_lstm, seq2seq_lstm, seq2seq_gru_stacked,
         masked_seq2seq]

# Inputs that are not random: the constant a learned state is computed from, padded sequences.
INPUTS = {"learned_initial_state": {"ones": lambda: np.ones((2, 1), "float32")},
          "masked_seq2seq": {"encoder_in": padded_steps,
                             "decoder_in": lambda: one_hot_padded([[3, 1, 4], [2, 7]], steps=5, classes=8)}}


# Keras 3 writes these .h5 files but cannot load them back: its legacy loader has no entry for the
# operation nodes ('NotEqual', 'Any') that compute a Masking layer's mask in a functional model.
H5_NOT_LOADABLE = {"masked_seq2seq"}


def activations(model, feed):
    """Every layer's outputs for one call from a reset state, as keras_reference names them."""
    probes, names = [], []
    for layer in model.layers:
        outputs = layer.output if isinstance(layer.output, (list, tuple)) else [layer.output]
        for i, t in enumerate(outputs):
            probes.append(t)
            names.append(layer.name if i == 0 else f"{layer.name}__{i}")
    values = keras.Model(model.inputs, probes)(feed, training=False)
    return {n: keras.ops.convert_to_numpy(v) for n, v in zip(names, values)}


def make(case, seed):
    name = case.__name__
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    randomize(model, seed)

    keras_file, h5_file = fixture_files.save_both(model, HERE, name)
    io_file = os.path.join(HERE, f"{name}_io.h5")
    fixture_files.write_reference(keras_file, io_file, INPUTS.get(name))

    # Both saved files load back and give Keras's reference activations (from a reset state).
    feed = fixture_files.reference_feed(io_file)
    feed = feed if isinstance(feed, list) else [feed]
    reference = fixture_files.reference_activations(io_file)
    for path in (keras_file, h5_file):
        if path == h5_file and name in H5_NOT_LOADABLE:
            continue
        got = activations(keras.saving.load_model(path, compile=False), feed)
        for layer, value in reference.items():
            np.testing.assert_allclose(got[layer], value, rtol=1e-5, atol=1e-6, err_msg=f"{path}: {layer}")


def main(argv):
    return fixture_files.make_cases(CASES, make, 200, argv, keep_going=True, folder=HERE)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
