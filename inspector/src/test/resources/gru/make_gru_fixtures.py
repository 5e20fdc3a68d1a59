#!/usr/bin/env python3
"""Small Keras 3 models with GRU layers, and Keras's own per-layer activations for them.

Regenerate (from the repo root, /work/main):

    ../shared/tools/keras3 python3 inspector/src/test/resources/gru/make_gru_fixtures.py [CASE ...]

For every case writes, next to this script:
  CASE.keras    Keras 3 native zip
  CASE.h5       Keras 3 legacy HDF5 (model.save("CASE.h5"))
  CASE_io.h5    ../shared/tools/keras_reference.py CASE.keras CASE_io.h5 --batch 2 --seed 0
                (plus --input for the masked cases, see INPUTS)

Weights are random but non-trivial (every variable overwritten from a seeded RNG, non-zero
biases). Each case's seed is 200 + its index in CASES: add new cases at the end.
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


# ----------------------------------------------------------------------------
# cases: each returns a built model
# ----------------------------------------------------------------------------
def gru_stack():
    # reset_after=True (Keras 3 default) returning sequences, then reset_after=False, last step
    x = keras.Input((6, 3), name="seq")
    h = L.GRU(4, return_sequences=True, name="gru_seq")(x)
    y = L.GRU(3, reset_after=False, name="gru_last")(h)
    return keras.Model(x, y, name="gru_stack")


def gru_backwards():
    # go_backwards: the sequence output is in processing order (reversed), as Keras returns it
    x = keras.Input((6, 3), name="seq")
    h = L.GRU(4, go_backwards=True, return_sequences=True, name="gru_back_seq")(x)
    y = L.GRU(3, go_backwards=True, reset_after=False, name="gru_back_last")(h)
    return keras.Model(x, y, name="gru_backwards")


def gru_activations():
    # Keras 3's hard_sigmoid (relu6(x + 3) / 6) with relu; then linear, sigmoid, no bias.
    # The kernels are scaled up (see SCALE) so that gates reach hard_sigmoid's flat parts.
    x = keras.Input((6, 3), name="seq")
    h = L.GRU(4, activation="relu", recurrent_activation="hard_sigmoid", return_sequences=True,
              name="gru_relu_hard")(x)
    y = L.GRU(3, activation=None, recurrent_activation="sigmoid", use_bias=False, reset_after=False,
              return_sequences=True, name="gru_linear_no_bias")(h)
    return keras.Model(x, y, name="gru_activations")


def gru_masking():
    # Masked steps keep the state; zero_output_for_mask puts zeros in the sequence output.
    # Keras 3 RNNs do not pass the mask on: the second GRU runs over every step.
    return keras.Sequential([
        keras.Input((6, 3), name="seq"),
        L.Masking(mask_value=0.0, name="mask"),
        L.GRU(4, return_sequences=True, zero_output_for_mask=True, name="gru_zero_out"),
        L.GRU(3, name="gru_unmasked"),
    ], name="gru_masking")


def gru_masking_backwards():
    # The mask reaches the GRU through Dropout; go_backwards with padding at the end.
    return keras.Sequential([
        keras.Input((6, 3), name="seq"),
        L.Masking(mask_value=0.0, name="mask"),
        L.Dropout(0.25, name="dropout"),
        L.GRU(3, go_backwards=True, reset_after=False, name="gru_mask_back"),
    ], name="gru_masking_backwards")


def gru_masking_value():
    # A mask value other than 0: Keras's Masking outputs zeros at masked steps.
    return keras.Sequential([
        keras.Input((6, 3), name="seq"),
        L.Masking(mask_value=-1.0, name="mask"),
        L.GRU(3, return_sequences=True, name="gru_masked"),
    ], name="gru_masking_value")


def _bidirectional(mode):
    def build():
        x = keras.Input((6, 3), name="seq")
        y = L.Bidirectional(L.GRU(3, return_sequences=True), merge_mode=mode, name="bidi")(x)
        return keras.Model(x, y, name=f"bidirectional_gru_{mode}")
    build.__name__ = f"bidirectional_gru_{mode}"
    return build


def bidirectional_gru_last():
    # Last step of both directions: the backward layer's last step is the first input step's.
    x = keras.Input((6, 3), name="seq")
    y = L.Bidirectional(L.GRU(3, reset_after=False), name="bidi_last")(x)
    return keras.Model(x, y, name="bidirectional_gru_last")


def bidirectional_gru_masking():
    # Keras forces zero_output_for_mask on the wrapped layers when they return sequences.
    return keras.Sequential([
        keras.Input((6, 3), name="seq"),
        L.Masking(mask_value=0.0, name="mask"),
        L.Bidirectional(L.GRU(3, return_sequences=True), merge_mode="concat", name="bidi_seq"),
    ], name="bidirectional_gru_masking")


def bidirectional_gru_masking_last():
    return keras.Sequential([
        keras.Input((6, 3), name="seq"),
        L.Masking(mask_value=0.0, name="mask"),
        L.Bidirectional(L.GRU(3), merge_mode="sum", name="bidi_last"),
    ], name="bidirectional_gru_masking_last")


def embedding_mask_zero_gru():
    # Token 0 is padding: Embedding(mask_zero=True) masks those steps for the GRU. Sequential, as
    # a functional model records the mask as operation nodes its legacy .h5 cannot load back.
    return keras.Sequential([
        keras.Input((6,), dtype="int32", name="tokens"),
        L.Embedding(12, 4, mask_zero=True, name="embed"),
        L.GRU(3, return_sequences=True, name="gru"),
    ], name="embedding_mask_zero_gru")


CASES = [gru_stack, gru_backwards, gru_activations, gru_masking, gru_masking_backwards,
         gru_masking_value, _bidirectional("concat"), _bidirectional("sum"), _bidirectional("mul"),
         _bidirectional("ave"), bidirectional_gru_last, bidirectional_gru_masking,
         bidirectional_gru_masking_last, embedding_mask_zero_gru]

# Kernels multiplied by this after randomising, so that pre-activations leave (-3, 3).
SCALE = {"gru_activations": 3.0}


def padded(pad_value):
    """Batch 2, 6 steps, 3 features: sample 0 padded at the end (4 real steps), sample 1
    padded in the middle and at the end (steps 1, 4 and 5)."""
    def make():
        rng = np.random.default_rng(0)
        x = rng.standard_normal((2, 6, 3)).astype("float32")
        x[0, 4:] = pad_value
        x[1, 1] = pad_value
        x[1, 4:] = pad_value
        return x
    return make


def padded_tokens():
    return np.array([[3, 7, 1, 9, 0, 0], [5, 0, 2, 11, 0, 0]], dtype="float32")


INPUTS = {"gru_masking": {"seq": padded(0.0)},
          "gru_masking_backwards": {"seq": padded(0.0)},
          "gru_masking_value": {"seq": padded(-1.0)},
          "bidirectional_gru_masking": {"seq": padded(0.0)},
          "bidirectional_gru_masking_last": {"seq": padded(0.0)},
          "embedding_mask_zero_gru": {"tokens": padded_tokens}}


# ----------------------------------------------------------------------------
def randomize(model, seed, scale):
    """Overwrite every variable from a seeded RNG with non-trivial values."""
    rng = np.random.default_rng(seed)
    for v in model.weights:
        name = v.path.split("/")[-1]
        shape = tuple(v.shape)
        if name == "bias":
            val = rng.uniform(-0.5, 0.5, shape)
        elif name == "embeddings":
            val = rng.normal(0.0, 1.0, shape)
        else:
            fan_in = shape[0] if len(shape) <= 2 else int(np.prod(shape[:-1]))
            val = scale * rng.normal(0.0, 1.0 / np.sqrt(max(fan_in, 1)), shape)
        v.assign(val.astype(v.dtype))


def make(case, seed):
    name = case.__name__
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    randomize(model, seed, SCALE.get(name, 1.0))

    keras_file, h5_file = fixture_files.save_both(model, HERE, name)
    io_file = os.path.join(HERE, f"{name}_io.h5")
    fixture_files.write_reference(keras_file, io_file, INPUTS.get(name), scratch="kinspect_gru")

    # both files must load back and agree with the reference outputs
    feed = fixture_files.reference_feed(io_file)
    expected = fixture_files.reference_outputs(io_file)
    for path in (keras_file, h5_file):
        loaded = keras.saving.load_model(path, compile=False)
        fixture_files.check_outputs(path, expected, loaded(feed, training=False))
    print(f"{name}: ok")


def main(argv):
    fixture_files.make_cases(CASES, make, 200, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
