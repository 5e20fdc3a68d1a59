#!/usr/bin/env python3
"""Models and data sets for `kinspect diff`, and numpy's own numbers for its tests.

Run from the repo root after make_samples.py and make_eval_samples.py:

    ../shared/tools/keras3 python3 samples/models/make_diff_samples.py

Writes, next to this script:
  sine_lstm_finetuned.keras   sine_lstm.keras fine-tuned for 2 epochs on louder, noisier waves
                              (a retrained copy: same layers, drifted weights)
  sine_lstm_shifted_x.npy     (300, 20, 2) float32 louder, noisier waves: a data set that has
                              shifted away from the training data (sine_lstm_eval_x.npy)
  sine_lstm_wider.keras       another architecture on the same input (lstm_2 of 10 units, one more
                              Dense layer), untrained: layers matched by name and shape, the rest
                              unmatched (make it alone with the argument "wider")
  diff_expected.json          numpy's numbers, from Keras's own activations:
    "models": sine_lstm.keras against sine_lstm_finetuned.keras on sine_lstm_eval_x.npy, per layer
              max/mean absolute and relative difference, cosine, weights' relative change
    "shift":  sine_lstm.keras on sine_lstm_eval_x.npy against sine_lstm_shifted_x.npy, per unit
              KL, PSI, mean and std shift over 10 bins (the definitions of kinspect diff, below)

Definitions (the same as org.kinspect.diff's Javadoc):
  relative difference  |b - a| / max(1, |a|)  (the rule of kinspect verify)
  cosine               sum(a b) / sqrt(sum(a^2) sum(b^2)) over every value of the layer
  weight change        ||W_b - W_a|| / ||W_a||, Frobenius norm over all the layer's weights
  bins                 BINS equal bins over [min, max] of the first set's values of the unit,
                       plus one bin below and one above for the second set's values outside
  proportions          count / values, each raised to at least EPSILON
  KL                   sum p ln(p / q), p the first set's proportions, q the second's
  PSI                  sum (q - p) ln(q / p)
"""
import json
import os

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 20
BINS = 10
EPSILON = 1e-4
LAYERS = ["lstm_1", "lstm_2", "dense_1", "classes"]


def out(name):
    return os.path.join(HERE, name)


def waveform(kind, rng, loud=1.0, noise=0.15):
    t = np.arange(STEPS, dtype=np.float64)
    period = rng.uniform(6.0, 14.0)
    phase = rng.uniform(0.0, 1.0)
    amp = rng.uniform(0.6, 1.4) * loud
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


def shifted_dataset(n, rng):
    labels = rng.integers(0, 3, size=n)
    x = np.stack([waveform(k, rng, loud=1.8, noise=0.4) for k in labels])
    return x, labels.astype("int32")


def layer_outputs(model, x):
    probe = keras.Model(model.inputs, [model.get_layer(name).output for name in LAYERS])
    values = probe(x, training=False)
    return {name: keras.ops.convert_to_numpy(v).astype(np.float32) for name, v in zip(LAYERS, values)}


def model_numbers(a_model, b_model, x):
    a_out = layer_outputs(a_model, x)
    b_out = layer_outputs(b_model, x)
    layers = []
    for name in LAYERS:
        a = a_out[name].astype(np.float64).ravel()
        b = b_out[name].astype(np.float64).ravel()
        absolute = np.abs(b - a)
        relative = absolute / np.maximum(1.0, np.abs(a))
        wa = [w.astype(np.float64) for w in a_model.get_layer(name).get_weights()]
        wb = [w.astype(np.float64) for w in b_model.get_layer(name).get_weights()]
        change = np.sqrt(sum(((q - p) ** 2).sum() for p, q in zip(wa, wb)))
        norm = np.sqrt(sum((p ** 2).sum() for p in wa))
        layers.append({
            "name": name,
            "max_abs_diff": float(absolute.max()),
            "mean_abs_diff": float(absolute.mean()),
            "max_rel_diff": float(relative.max()),
            "mean_rel_diff": float(relative.mean()),
            "cosine": float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum())),
            "weight_rel_change": float(change / norm),
        })
    return layers


def unit_shift(first, second):
    low, high = float(first.min()), float(first.max())
    width = high - low

    def counts(values):
        values = values.astype(np.float64)
        result = np.zeros(BINS + 2)
        below = values < low
        above = values > high
        inside = ~below & ~above
        if width > 0:
            index = np.minimum(np.floor((values[inside] - low) / width * BINS).astype(int), BINS - 1)
        else:
            index = np.zeros(inside.sum(), dtype=int)
        np.add.at(result, index + 1, 1)
        result[0] = below.sum()
        result[-1] = above.sum()
        return result

    p = np.maximum(counts(first) / first.size, EPSILON)
    q = np.maximum(counts(second) / second.size, EPSILON)
    return {
        "kl": float((p * np.log(p / q)).sum()),
        "psi": float(((q - p) * np.log(q / p)).sum()),
        "mean_shift": float(second.astype(np.float64).mean() - first.astype(np.float64).mean()),
        "std_shift": float(second.astype(np.float64).std() - first.astype(np.float64).std()),
    }


def shift_numbers(model, x1, x2):
    first = layer_outputs(model, x1)
    second = layer_outputs(model, x2)
    layers = []
    for name in LAYERS:
        a, b = first[name], second[name]
        units = a.shape[-1]
        a = a.reshape(-1, units)
        b = b.reshape(-1, units)
        entries = [dict(unit=u, **unit_shift(a[:, u], b[:, u])) for u in range(units)]
        layers.append({"name": name, "mean_kl": float(np.mean([e["kl"] for e in entries])),
                       "mean_psi": float(np.mean([e["psi"] for e in entries])), "units": entries})
    return layers


def main():
    keras.utils.set_random_seed(2024)
    rng = np.random.default_rng(2024)
    base = keras.saving.load_model(out("sine_lstm.keras"), compile=False)
    tuned = keras.saving.load_model(out("sine_lstm.keras"), compile=False)
    tuned.compile(optimizer=keras.optimizers.Adam(0.003), loss="sparse_categorical_crossentropy")
    x_tune, y_tune = shifted_dataset(600, rng)
    tuned.fit(x_tune, y_tune, batch_size=32, epochs=2, verbose=2)
    tuned.save(out("sine_lstm_finetuned.keras"))
    tuned = keras.saving.load_model(out("sine_lstm_finetuned.keras"), compile=False)

    x_shifted, _ = shifted_dataset(300, rng)
    np.save(out("sine_lstm_shifted_x.npy"), x_shifted)
    x_eval = np.load(out("sine_lstm_eval_x.npy"))

    expected = {
        "bins": BINS,
        "epsilon": EPSILON,
        "models": {"a": "sine_lstm.keras", "b": "sine_lstm_finetuned.keras", "input": "sine_lstm_eval_x.npy",
                   "layers": model_numbers(base, tuned, x_eval)},
        "shift": {"model": "sine_lstm.keras", "input": "sine_lstm_eval_x.npy", "against": "sine_lstm_shifted_x.npy",
                  "layers": shift_numbers(base, x_eval, x_shifted)},
    }
    with open(out("diff_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    for layer in expected["models"]["layers"]:
        print(layer)
    for layer in expected["shift"]["layers"]:
        print(layer["name"], layer["mean_kl"], layer["mean_psi"])


def make_wider():
    keras.utils.set_random_seed(77)
    inp = keras.Input(shape=(STEPS, 2), name="signal")
    h = keras.layers.LSTM(8, return_sequences=True, name="lstm_1")(inp)
    h = keras.layers.LSTM(10, name="lstm_2")(h)
    h = keras.layers.Dense(4, activation="relu", name="dense_1")(h)
    h = keras.layers.Dense(4, activation="relu", name="extra")(h)
    y = keras.layers.Dense(3, activation="softmax", name="classes")(h)
    keras.Model(inp, y, name="sine_lstm_wider").save(out("sine_lstm_wider.keras"))


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["wider"]:
        make_wider()
    else:
        main()
        make_wider()
