#!/usr/bin/env python3
"""Prepares `kinspect diff` runs on the public models of ../shared/corpus/public-models.

For each MODEL.h5 there, writes into OUT/NAME/:
  perturbed.h5     a copy with the weights of its second layer with weights scaled by 1.01: the
                   layers before it must agree exactly, it must be the first to diverge, and its
                   weights' relative change must be 0.01
  INPUT.npy        each model input's 2 examples from Keras's reference (MODEL_io.h5)
  first_INPUT.npy  100 examples: the reference's examples repeated, with noise of 5% of their std
  second_INPUT.npy 100 examples: the same scaled by 1.5 with noise of 20%: a shifted data set
  expected.json    {"perturbed_layer": NAME, "inputs": [NAME...]}

Needs h5py and numpy: ../shared/tools/keras3 python3 scripts/diff_public_models.py OUT
"""
import glob
import json
import os
import shutil
import sys

import h5py
import numpy as np

CORPUS = os.path.join("..", "shared", "corpus", "public-models")


def layers_with_weights(h5):
    config = json.loads(h5.attrs["model_config"])
    names = [layer["config"]["name"] for layer in config["config"]["layers"]]
    weights = h5["model_weights"]
    return [n for n in names if n in weights and len(weights[n].attrs.get("weight_names", [])) > 0]


def scale_layer(h5, layer, factor):
    group = h5["model_weights"][layer]
    for name in group.attrs["weight_names"]:
        name = name.decode() if isinstance(name, bytes) else name
        data = group[name]
        data[...] = (data[...] * factor).astype(data.dtype)


def main(out):
    rng = np.random.default_rng(0)
    for model in sorted(glob.glob(os.path.join(CORPUS, "*.h5"))):
        if model.endswith("_io.h5"):
            continue
        name = os.path.basename(model)[:-3]
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        perturbed = os.path.join(folder, "perturbed.h5")
        shutil.copyfile(model, perturbed)
        with h5py.File(perturbed, "r+") as h5:
            layer = layers_with_weights(h5)[1]
            scale_layer(h5, layer, 1.01)
        inputs = []
        with h5py.File(model[:-3] + "_io.h5", "r") as reference:
            for input_name in reference["inputs"]:
                x = reference["inputs"][input_name][...].astype(np.float32)
                inputs.append(input_name)
                np.save(os.path.join(folder, input_name + ".npy"), x)
                tiled = np.tile(x, (50,) + (1,) * (x.ndim - 1))
                spread = float(x.std()) or 1.0
                first = tiled + rng.normal(0, 0.05 * spread, tiled.shape)
                second = 1.5 * tiled + rng.normal(0, 0.2 * spread, tiled.shape)
                np.save(os.path.join(folder, "first_" + input_name + ".npy"), first.astype(np.float32))
                np.save(os.path.join(folder, "second_" + input_name + ".npy"), second.astype(np.float32))
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump({"model": model, "perturbed_layer": layer, "inputs": inputs}, f)
        print(name, "perturbed", layer, "inputs", inputs)


if __name__ == "__main__":
    main(sys.argv[1])
