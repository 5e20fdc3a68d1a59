"""Writes dense_1mb.keras: a Keras 3 model whose 1 MB Dense kernel is read later, in place in the zip.

Run from the worktree root: ../shared/tools/keras3 python3 inspector/src/test/resources/zip_in_place/make_dense_1mb.py

Input(1024) -> Dense(256, name="dense"), kernel[row][column] = row * 256 + column + 0.5 and
bias[unit] = -unit - 0.25 (every value different and exact in float32, so that a value read from
the wrong place shows; the test computes them again). Keras stores model.weights.h5 uncompressed
in the zip, which is what kinspect reads in place.
"""
import os
import zipfile

import numpy as np
import keras

INPUTS, UNITS = 1024, 256
here = os.path.dirname(os.path.abspath(__file__))
model = keras.Sequential([keras.Input((INPUTS,), name="features"), keras.layers.Dense(UNITS, name="dense")], name="dense_1mb")
kernel = (np.arange(INPUTS * UNITS, dtype=np.float64).reshape(INPUTS, UNITS) + 0.5).astype(np.float32)
bias = (-np.arange(UNITS, dtype=np.float64) - 0.25).astype(np.float32)
model.get_layer("dense").set_weights([kernel, bias])
target = os.path.join(here, "dense_1mb.keras")
model.save(target)
with zipfile.ZipFile(target) as saved:
    method = saved.getinfo("model.weights.h5").compress_type
    assert method == zipfile.ZIP_STORED, method
reloaded = keras.saving.load_model(target)
assert np.array_equal(reloaded.get_layer("dense").get_weights()[0], kernel)
print("wrote", target, keras.__version__)
