#!/usr/bin/env python3
"""A bAbI-style memory network in Keras 3: the structure of the corpus SavedModel
Surajvmiskin__bAbI_Chatbot_using_keras__chatbot_model, small. Three nested Sequential models
(Embedding + Dropout) called on two token inputs, Dot of two embedded sequences, softmax, Add,
Permute((2, 1)), Concatenate with an embedded sequence, LSTM, Dense.

It covers two import bugs the SavedModel found, for every model file: an Embedding without
input_length described by DL4J as giving one step (Dot's shape wrong), and DL4J's Permute of a
sequence described in the other layout (Concatenate refused).

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/savedmodel/make_memory_network.py

Writes memory_network.keras and memory_network_io.h5 (keras_reference.py, batch 2, seed 0: token
ids uniform below the vocabulary size).
"""
import os
import subprocess
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
REFERENCE = os.environ.get(
    "KERAS_REFERENCE", os.path.join(os.path.dirname(REPO), "shared", "tools", "keras_reference.py"))
VOCABULARY = 12


def embedded(dim, name, length):
    return keras.Sequential([keras.Input((length,)), L.Embedding(VOCABULARY, dim, name=name + "_embedding"),
                             L.Dropout(0.3, name=name + "_dropout")], name=name)


def memory_network():
    story = keras.Input((9,), dtype="int32", name="story")
    question = keras.Input((4,), dtype="int32", name="question")
    memory = embedded(5, "memory", None)(story)
    query = embedded(5, "query", 4)(question)
    context = embedded(4, "context", None)(story)
    match = L.Activation("softmax", name="match")(L.Dot(axes=(2, 2), name="dot")([memory, query]))
    response = L.Permute((2, 1), name="permute")(L.Add(name="add")([match, context]))
    answer = L.Concatenate(name="concatenate")([response, query])
    answer = L.LSTM(3, name="lstm")(answer)
    answer = L.Dense(VOCABULARY, activation="softmax", name="dense")(answer)
    return keras.Model([story, question], answer, name="memory_network")


def main():
    model = memory_network()
    rng = np.random.default_rng(20)
    model.set_weights([rng.normal(0, 0.5, w.shape).astype("float32") for w in model.get_weights()])
    path = os.path.join(HERE, "memory_network.keras")
    model.save(path)
    subprocess.run([sys.executable, REFERENCE, path, os.path.join(HERE, "memory_network_io.h5"),
                    "--batch", "2", "--seed", "0"], check=True)


if __name__ == "__main__":
    main()
