#!/usr/bin/env python3
"""A small trained seq2seq model for the step-by-step decoding sample (Seq2SeqDecode.java).

Regenerate (from the repo root, /work/main):

    ../shared/tools/keras3 python3 samples/models/make_seq2seq.py

The model reverses a sequence of 6 digits: the encoder LSTM reads the digits (one-hot, 10
classes) and hands its h and c to the decoder LSTM, which reads the answer so far (one-hot, with
a start symbol as class 10) and predicts the next digit. Trained with teacher forcing, fixed
seeds (about 25 minutes on two CPU cores); greedy decoding then gets every digit of the
sample right.

Writes, next to this script:
  reverse_digits.keras       the model (Keras 3 zip, not compiled: no optimizer state)
  reverse_digits_input.npy   float32 (4, 6, 10): four digit sequences, one-hot
  reverse_digits_io.h5       Keras's own activations for them, with the decoder fed the reversed
                             digits (python/kinspect_reference.py --input)
"""
import os
import subprocess
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(os.path.dirname(os.path.dirname(HERE)), "python", "kinspect_reference.py")
STEPS, DIGITS, START = 6, 10, 10


def build():
    encoder_in = keras.Input((None, DIGITS), name="digits")
    decoder_in = keras.Input((None, DIGITS + 1), name="answer_so_far")
    _, h, c = L.LSTM(48, return_state=True, name="encoder")(encoder_in)
    y = L.LSTM(48, return_sequences=True, name="decoder")(decoder_in, initial_state=[h, c])
    out = L.Dense(DIGITS, activation="softmax", name="next_digit")(y)
    return keras.Model([encoder_in, decoder_in], out, name="reverse_digits")


def one_hot(indices, classes):
    return np.eye(classes, dtype="float32")[indices]


def batch(rng, count):
    digits = rng.integers(0, DIGITS, size=(count, STEPS))
    answer = digits[:, ::-1]
    shifted = np.concatenate([np.full((count, 1), START), answer[:, :-1]], axis=1)
    return one_hot(digits, DIGITS), one_hot(shifted, DIGITS + 1), one_hot(answer, DIGITS)


def main():
    keras.utils.set_random_seed(7)
    rng = np.random.default_rng(7)
    model = build()
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="categorical_crossentropy", metrics=["accuracy"])
    x, shifted, y = batch(rng, 20000)
    model.fit([x, shifted], y, batch_size=128, epochs=12, verbose=2, validation_split=0.1)

    # Saved without the optimizer's state: a fresh model with the trained weights.
    saved = build()
    saved.set_weights(model.get_weights())
    model_file = os.path.join(HERE, "reverse_digits.keras")
    saved.save(model_file)

    test_x, test_shifted, test_y = batch(np.random.default_rng(11), 4)
    input_file = os.path.join(HERE, "reverse_digits_input.npy")
    np.save(input_file, test_x)
    shifted_file = "/tmp/kinspect_reverse_digits_answer.npy"
    np.save(shifted_file, test_shifted)
    subprocess.run([sys.executable, REFERENCE, model_file, os.path.join(HERE, "reverse_digits_io.h5"),
                    "--input", f"digits={input_file}", "--input", f"answer_so_far={shifted_file}"], check=True)

    # Greedy decoding in Keras, as the Java sample does it.
    reloaded = keras.saving.load_model(model_file)
    answer = np.zeros((len(test_x), 0), dtype=int)
    for _ in range(STEPS):
        so_far = np.concatenate([np.full((len(test_x), 1), START), answer], axis=1)
        probabilities = keras.ops.convert_to_numpy(reloaded([test_x, one_hot(so_far, DIGITS + 1)]))
        answer = np.concatenate([answer, probabilities[:, -1].argmax(-1)[:, None]], axis=1)
    print("digits  ", test_x.argmax(-1).tolist())
    print("decoded ", answer.tolist())
    accuracy = (answer == test_y.argmax(-1)).mean()
    print(f"greedy decoding: {accuracy:.0%} of the digits right")


if __name__ == "__main__":
    main()
