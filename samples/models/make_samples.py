#!/usr/bin/env python3
"""Build, briefly train and save the kinspect sample models.

Regenerate everything in this folder (from the repo root, /work/main):

    ../shared/tools/keras3 python3 samples/models/make_samples.py

Writes, next to this script:
  sine_lstm.keras / sine_lstm.h5       LSTM classifier: sine / square / sawtooth
  sine_lstm_input.npy                  (4, 20, 2) float32 example batch
  sine_lstm_io.h5                      Keras's own per-layer activations for it
  two_inputs.keras / two_inputs.h5     two-input functional model (image + meta)
  two_inputs_image.npy, two_inputs_meta.npy, two_inputs_io.h5
  siamese_heads.keras / siamese_heads.h5  a Sequential encoder used as a layer on two inputs
                                       (model in model, shared), two outputs (same, distance)
  siamese_left.npy, siamese_right.npy, siamese_heads_io.h5

The reference files are written by python/kinspect_reference.py (override
its location with KERAS_REFERENCE=/path/to/keras_reference.py).
"""
import os
import subprocess
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.environ.get(
    "KERAS_REFERENCE", os.path.join(REPO, "python", "kinspect_reference.py"))

STEPS = 20
CLASSES = ["sine", "square", "sawtooth"]


def out(name):
    return os.path.join(HERE, name)


def reference(model_file, io_file, inputs, batch):
    sys.stdout.flush()
    cmd = [sys.executable, REFERENCE, out(model_file), out(io_file), "--batch", str(batch), "--seed", "0"]
    for name, npy in inputs.items():
        cmd += ["--input", f"{name}={out(npy)}"]
    subprocess.run(cmd, check=True)


def check_reload(model, path, x):
    """The saved file must load back and give the same predictions."""
    again = keras.saving.load_model(path, compile=False)
    a = keras.ops.convert_to_numpy(model(x, training=False))
    b = keras.ops.convert_to_numpy(again(x, training=False))
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


# --------------------------------------------------------------------------
# sine_lstm: classify a noisy periodic signal as sine / square / sawtooth.
# Feature 0 is the noisy waveform, feature 1 its first difference.
# --------------------------------------------------------------------------
def waveform(kind, rng):
    t = np.arange(STEPS, dtype=np.float64)
    period = rng.uniform(6.0, 14.0)
    phase = rng.uniform(0.0, 1.0)
    amp = rng.uniform(0.6, 1.4)
    u = (t / period + phase) % 1.0            # position within the period, [0, 1)
    if kind == 0:
        y = np.sin(2 * np.pi * u)
    elif kind == 1:
        y = np.where(u < 0.5, 1.0, -1.0)
    else:
        y = 2.0 * u - 1.0
    y = amp * y + rng.normal(0.0, 0.15, size=STEPS)
    dy = np.diff(y, prepend=y[0])
    return np.stack([y, dy], axis=-1).astype("float32")


def wave_dataset(n, rng):
    labels = rng.integers(0, 3, size=n)
    x = np.stack([waveform(k, rng) for k in labels])
    return x, labels.astype("int32")


def make_sine_lstm():
    keras.utils.set_random_seed(1234)
    rng = np.random.default_rng(1234)
    x_train, y_train = wave_dataset(1500, rng)
    x_val, y_val = wave_dataset(300, rng)

    inp = keras.Input(shape=(STEPS, 2), name="signal")
    h = keras.layers.LSTM(8, return_sequences=True, name="lstm_1")(inp)
    h = keras.layers.LSTM(6, name="lstm_2")(h)
    h = keras.layers.Dense(4, activation="relu", name="dense_1")(h)
    y = keras.layers.Dense(3, activation="softmax", name="classes")(h)
    model = keras.Model(inp, y, name="sine_lstm")
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=32, epochs=8, verbose=2,
              validation_data=(x_val, y_val))
    _, acc = model.evaluate(x_val, y_val, verbose=0)
    print(f"sine_lstm validation accuracy: {acc:.3f}")

    # one example of each class, plus one more sine
    ex_rng = np.random.default_rng(7)
    x_in = np.stack([waveform(k, ex_rng) for k in (0, 1, 2, 0)]).astype("float32")
    pred = keras.ops.convert_to_numpy(model(x_in, training=False)).argmax(-1)
    print("sine_lstm example predictions:", [CLASSES[i] for i in pred], "(expected sine square sawtooth sine)")

    model.save(out("sine_lstm.keras"))
    model.save(out("sine_lstm.h5"))
    np.save(out("sine_lstm_input.npy"), x_in)
    check_reload(model, out("sine_lstm.keras"), x_in)
    check_reload(model, out("sine_lstm.h5"), x_in)
    reference("sine_lstm.keras", "sine_lstm_io.h5", {"signal": "sine_lstm_input.npy"}, batch=4)


# --------------------------------------------------------------------------
# two_inputs: image (8x8x1) + meta (3,) -> 2 classes, a few steps on random data.
# --------------------------------------------------------------------------
def make_two_inputs():
    keras.utils.set_random_seed(99)
    rng = np.random.default_rng(99)
    image = keras.Input(shape=(8, 8, 1), name="image")
    meta = keras.Input(shape=(3,), name="meta")
    a = keras.layers.Conv2D(4, 3, activation="relu", name="conv")(image)
    a = keras.layers.MaxPooling2D(name="pool")(a)
    a = keras.layers.Flatten(name="flatten")(a)
    b = keras.layers.Dense(4, name="meta_dense")(meta)
    c = keras.layers.Concatenate(name="concat")([a, b])
    y = keras.layers.Dense(2, activation="softmax", name="out")(c)
    model = keras.Model([image, meta], y, name="two_inputs")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

    n = 64
    xi = rng.standard_normal((n, 8, 8, 1)).astype("float32")
    xm = rng.standard_normal((n, 3)).astype("float32")
    yl = ((xi.mean(axis=(1, 2, 3)) + xm[:, 0]) > 0).astype("int32")
    model.fit([xi, xm], yl, batch_size=16, epochs=3, verbose=2)

    ti = rng.standard_normal((2, 8, 8, 1)).astype("float32")
    tm = rng.standard_normal((2, 3)).astype("float32")
    model.save(out("two_inputs.keras"))
    model.save(out("two_inputs.h5"))
    np.save(out("two_inputs_image.npy"), ti)
    np.save(out("two_inputs_meta.npy"), tm)
    check_reload(model, out("two_inputs.keras"), [ti, tm])
    check_reload(model, out("two_inputs.h5"), [ti, tm])
    reference("two_inputs.keras", "two_inputs_io.h5",
              {"image": "two_inputs_image.npy", "meta": "two_inputs_meta.npy"}, batch=2)


# --------------------------------------------------------------------------
# siamese_heads: one Sequential encoder applied to two vectors (a model used as a layer, shared),
# then two outputs: whether the pair is the same kind (sigmoid) and how far apart it is (linear).
# --------------------------------------------------------------------------
def make_siamese_heads():
    keras.utils.set_random_seed(7)
    rng = np.random.default_rng(7)
    encoder = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu", name="enc_hidden"),
                                keras.layers.Dense(4, name="enc_code")], name="encoder")
    left = keras.Input((6,), name="left")
    right = keras.Input((6,), name="right")
    difference = keras.layers.Subtract(name="difference")([encoder(left), encoder(right)])
    same = keras.layers.Dense(1, activation="sigmoid", name="same")(difference)
    distance = keras.layers.Dense(1, name="distance")(keras.layers.Multiply(name="squared")([difference, difference]))
    model = keras.Model([left, right], [same, distance], name="siamese_heads")
    model.compile(optimizer="adam", loss=["binary_crossentropy", "mse"])

    n = 128
    xl = rng.standard_normal((n, 6)).astype("float32")
    xr = rng.standard_normal((n, 6)).astype("float32")
    label = (np.sign(xl[:, 0]) == np.sign(xr[:, 0])).astype("float32")[:, None]
    gap = np.linalg.norm(xl - xr, axis=1, keepdims=True).astype("float32")
    model.fit([xl, xr], [label, gap], batch_size=32, epochs=3, verbose=2)

    tl = rng.standard_normal((3, 6)).astype("float32")
    tr = rng.standard_normal((3, 6)).astype("float32")
    model.save(out("siamese_heads.keras"))
    model.save(out("siamese_heads.h5"))
    np.save(out("siamese_left.npy"), tl)
    np.save(out("siamese_right.npy"), tr)
    for path in ("siamese_heads.keras", "siamese_heads.h5"):
        again = keras.saving.load_model(out(path), compile=False)
        for a, b in zip(model([tl, tr], training=False), again([tl, tr], training=False)):
            np.testing.assert_allclose(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b), rtol=1e-5,
                                       atol=1e-6)
    reference("siamese_heads.keras", "siamese_heads_io.h5",
              {"left": "siamese_left.npy", "right": "siamese_right.npy"}, batch=3)


if __name__ == "__main__":
    wanted = set(sys.argv[1:])
    for make in (make_sine_lstm, make_two_inputs, make_siamese_heads):
        if not wanted or make.__name__ in wanted:
            make()
