#!/usr/bin/env python3
"""Records Keras's own symbolic output shapes of every committed Keras 3 fixture model.

Regenerate (from the worktree root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/shapes/record_keras_shapes.py [FOLDER ...]

For every folder under inspector/src/test/resources holding .keras files (or the folders named),
loads each model with Keras and writes FOLDER/keras_shapes.json:

    {"MODEL": {"LAYER": [null, 60, 64], "LAYER__1": [...], "SHARED@1": [...]}, ...}

one entry per output of every call of every top-level layer, named as kinspect and the reference
files name them: LAYER for a layer's first output, LAYER__k for its output k (an RNN's returned
states, attention scores), LAYER@k for the k-th later call of a shared layer in the model. None
(null) is a size Keras leaves open. Models Keras cannot load here (custom layers) are listed under
"_not_loaded" with the reason.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras.src.ops.function import make_node_key  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.dirname(HERE)


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def output_name(layer, call, index):
    name = layer if call == 0 else f"{layer}@{call}"
    return name if index == 0 else f"{name}__{index}"


def shapes_of(model):
    model = getattr(model, "_functional", None) or model  # a Sequential's graph, its InputLayer included
    shapes = {}
    for layer in model.layers:
        call = 0
        for node_index, node in enumerate(layer._inbound_nodes):
            if make_node_key(layer, node_index) not in model._nodes:
                continue  # a call outside this model (inside another model that uses the layer)
            for index, tensor in enumerate(as_list(node.output_tensors)):
                shapes[output_name(layer.name, call, index)] = [None if d is None else int(d) for d in tensor.shape]
            call += 1
    return shapes


def record(folder):
    models, failures = {}, {}
    for file in sorted(os.listdir(folder)):
        if not file.endswith(".keras"):
            continue
        try:
            model = keras.saving.load_model(os.path.join(folder, file), compile=False, safe_mode=False)
            models[file[:-len(".keras")]] = shapes_of(model)
        except Exception as e:  # noqa: BLE001 - a model Keras cannot load is listed, not fatal
            failures[file[:-len(".keras")]] = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
        keras.backend.clear_session()
    if failures:
        models["_not_loaded"] = failures
    with open(os.path.join(folder, "keras_shapes.json"), "w") as f:
        json.dump(models, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{folder}: {len(models) - (1 if failures else 0)} models, {len(failures)} not loaded")


def main(argv):
    folders = [os.path.join(RESOURCES, name) for name in argv] or sorted(
        os.path.join(RESOURCES, name) for name in os.listdir(RESOURCES)
        if os.path.isdir(os.path.join(RESOURCES, name))
        and any(f.endswith(".keras") for f in os.listdir(os.path.join(RESOURCES, name))))
    for folder in folders:
        record(folder)


if __name__ == "__main__":
    main(sys.argv[1:])
