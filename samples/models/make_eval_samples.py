#!/usr/bin/env python3
"""Labelled data sets (with Keras's own predictions) for `kinspect units` and `kinspect eval`.

Regenerate from the repo root (/work/main):

    ../shared/tools/keras3 python3 samples/models/make_eval_samples.py

Writes, next to this script (each file well under 100 KB):

  sine_lstm_eval_x.npy            float32 (300, 20, 2): waveforms for sine_lstm.keras, classes
                                  imbalanced (55% sine, 30% square, 15% sawtooth) and noisier
                                  than in training (noise 0.25 instead of 0.15), so the model errs (~90% right)
  sine_lstm_eval_y.npy            int64 (300,): true class indices (0 sine, 1 square, 2 sawtooth)
  sine_lstm_eval_keras_pred.npy   float32 (300, 3): sine_lstm.keras's model.predict on them

  binary_imbalanced.keras         Dense(8, relu) -> Dense(1, sigmoid) on 4 features, ~12% positives
  binary_imbalanced_x.npy         float32 (400, 4)
  binary_imbalanced_y.npy         int64 (400,): 0 or 1
  binary_imbalanced_keras_pred.npy  float32 (400, 1): model.predict

  multilabel.keras                Dense(16, relu) -> Dense(3, sigmoid) on 6 features: three labels
  multilabel_x.npy                float32 (300, 6)
  multilabel_y.npy                uint8 (300, 3): 0/1 per label
  multilabel_keras_pred.npy       float32 (300, 3): model.predict

sine_lstm.keras itself is made by make_samples.py and only read here. The tiny models train in
a few seconds with fixed seeds.
"""
import os

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 20


def out(name):
    return os.path.join(HERE, name)


def predict(model, x):
    return np.asarray(model.predict(x, batch_size=64, verbose=0), dtype="float32")


def check_reload(model, path, x):
    """The saved file must load back and predict the same."""
    again = keras.saving.load_model(path, compile=False)
    np.testing.assert_allclose(predict(model, x), predict(again, x), rtol=1e-5, atol=1e-6)


# The same waveforms as make_samples.py, with the noise as a parameter.
def waveform(kind, rng, noise):
    t = np.arange(STEPS, dtype=np.float64)
    period = rng.uniform(6.0, 14.0)
    phase = rng.uniform(0.0, 1.0)
    amp = rng.uniform(0.6, 1.4)
    u = (t / period + phase) % 1.0
    if kind == 0:
        y = np.sin(2 * np.pi * u)
    elif kind == 1:
        y = np.where(u < 0.5, 1.0, -1.0)
    else:
        y = 2.0 * u - 1.0
    y = amp * y + rng.normal(0.0, noise, size=STEPS)
    dy = np.diff(y, prepend=y[0])
    return np.stack([y, dy], axis=-1).astype("float32")


def make_sine_eval():
    rng = np.random.default_rng(2024)
    labels = rng.choice(3, size=300, p=[0.55, 0.30, 0.15])
    x = np.stack([waveform(k, rng, noise=0.25) for k in labels]).astype("float32")
    model = keras.saving.load_model(out("sine_lstm.keras"), compile=False)
    pred = predict(model, x)
    np.save(out("sine_lstm_eval_x.npy"), x)
    np.save(out("sine_lstm_eval_y.npy"), labels.astype("int64"))
    np.save(out("sine_lstm_eval_keras_pred.npy"), pred)
    accuracy = float((pred.argmax(-1) == labels).mean())
    print(f"sine_lstm eval: {np.bincount(labels, minlength=3)} per class, Keras accuracy {accuracy:.3f}")


def make_binary_imbalanced():
    keras.utils.set_random_seed(7)
    rng = np.random.default_rng(7)

    def data(n):
        x = rng.standard_normal((n, 4)).astype("float32")
        score = x[:, 0] + 0.8 * x[:, 1] * x[:, 2] - 0.5 * x[:, 3] + rng.normal(0, 0.6, n)
        return x, (score > 1.6).astype("int64")

    x_train, y_train = data(3000)
    x_eval, y_eval = data(400)
    inp = keras.Input(shape=(4,), name="features")
    h = keras.layers.Dense(8, activation="relu", name="hidden")(inp)
    y = keras.layers.Dense(1, activation="sigmoid", name="positive")(h)
    model = keras.Model(inp, y, name="binary_imbalanced")
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="binary_crossentropy")
    model.fit(x_train, y_train, batch_size=64, epochs=15, verbose=0)
    model.save(out("binary_imbalanced.keras"))
    check_reload(model, out("binary_imbalanced.keras"), x_eval)
    pred = predict(model, x_eval)
    np.save(out("binary_imbalanced_x.npy"), x_eval)
    np.save(out("binary_imbalanced_y.npy"), y_eval)
    np.save(out("binary_imbalanced_keras_pred.npy"), pred)
    accuracy = float(((pred[:, 0] >= 0.5) == y_eval).mean())
    print(f"binary_imbalanced: {y_eval.mean():.1%} positive, Keras accuracy {accuracy:.3f}")


def make_multilabel():
    keras.utils.set_random_seed(11)
    rng = np.random.default_rng(11)

    def data(n):
        x = rng.standard_normal((n, 6)).astype("float32")
        labels = np.stack([x[:, 0] + x[:, 1] > 0.5, x[:, 2] * x[:, 3] > 0, np.abs(x[:, 4]) > 1.0], axis=-1)
        flip = rng.random(labels.shape) < 0.05  # a little label noise, so no score is perfect
        return x, (labels ^ flip).astype("uint8")

    x_train, y_train = data(3000)
    x_eval, y_eval = data(300)
    inp = keras.Input(shape=(6,), name="features")
    h = keras.layers.Dense(16, activation="relu", name="hidden")(inp)
    y = keras.layers.Dense(3, activation="sigmoid", name="labels")(h)
    model = keras.Model(inp, y, name="multilabel")
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="binary_crossentropy")
    model.fit(x_train, y_train.astype("float32"), batch_size=64, epochs=20, verbose=0)
    model.save(out("multilabel.keras"))
    check_reload(model, out("multilabel.keras"), x_eval)
    pred = predict(model, x_eval)
    np.save(out("multilabel_x.npy"), x_eval)
    np.save(out("multilabel_y.npy"), y_eval)
    np.save(out("multilabel_keras_pred.npy"), pred)
    accuracy = ((pred >= 0.5) == y_eval.astype(bool)).mean(axis=0)
    print(f"multilabel: positives per label {y_eval.mean(axis=0)}, Keras per-label accuracy {accuracy}")


if __name__ == "__main__":
    make_sine_eval()
    make_binary_imbalanced()
    make_multilabel()
