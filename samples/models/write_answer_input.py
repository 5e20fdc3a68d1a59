#!/usr/bin/env python3
"""Writes reverse_digits_answer.npy: the decoder's input (the answer so far, one-hot with the start
symbol as class 10) for the four sequences of reverse_digits_input.npy, as make_seq2seq.py fed it
to Keras: taken from Keras's own reference file, so that `kinspect graph` and `kinspect` can run the
whole seq2seq model on exactly Keras's inputs.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 samples/models/write_answer_input.py
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

with h5py.File(os.path.join(HERE, "reverse_digits_io.h5"), "r") as reference:
    answer = np.asarray(reference["inputs"]["answer_so_far"], dtype="float32")
    digits = np.asarray(reference["inputs"]["digits"], dtype="float32")
assert np.array_equal(digits, np.load(os.path.join(HERE, "reverse_digits_input.npy"))), "not the sample's digits"
np.save(os.path.join(HERE, "reverse_digits_answer.npy"), answer)
print("reverse_digits_answer.npy", answer.shape)
