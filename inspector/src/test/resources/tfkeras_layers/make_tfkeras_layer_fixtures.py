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


CASES = [identity_permute, conv_lstm_time_distributed, normalized_frames_time_distributed, batch_norm_time_axis]


def main(argv):
    base.make_cases(CASES, 900, HERE, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
