#!/usr/bin/env python3
"""Write Keras's own numbers for a model: the reference file `kinspect verify` checks against.

Run it where your model was made, with the same Keras (Keras 2 / tf.keras 2.x or Keras 3, any
backend) and numpy + h5py installed; nothing else is needed:

    python3 kinspect_reference.py MODEL OUT_io.h5 [--input [NAME=]x.npy ...]
        [--batch 3] [--seed 0] [--custom my_objects.py ...]

    java -jar kinspect.jar verify MODEL --reference OUT_io.h5

MODEL is any file Keras loads (`.keras`, `.h5`). Each input not given with --input is drawn at
random (float inputs from N(0, 1), integer inputs such as token ids uniform in [0, input_dim) of
the model's first Embedding, else [0, 10)), with --batch examples and a seeded generator. Axes
of open length (None, other than the batch) are given 5. --custom runs a Python file first, so
that the custom layers, initializers or functions it registers load (Python code runs here, in
Keras, never in kinspect).

The file written (HDF5; docs/reference-format.md in the kinspect repository says the same in
full):

    inputs/NAME           float32: what the model was given, one dataset per model input, named
                          after its input layer; attribute model_dtype: the input's Keras dtype
    activations/LAYER     float32: the output of every layer of the model for those inputs, in
                          Keras's layout (batch first), inference mode (Dropout off,
                          BatchNormalization with its moving statistics)
                            LAYER__1, LAYER__2 ...  a layer's extra outputs (an LSTM's returned
                                                    states, an attention layer's scores)
                            LAYER@1, LAYER@2 ...    later calls of a layer called more than once
                                                    (a shared layer), with LAYER@1__1 ... for
                                                    their extra outputs
    outputs/NAME          float32: the model's outputs, named as above
    root attributes       keras_version, backend, source_file (the model's file name), and the
                          JSON lists input_names, output_names, layer_order
"""
import argparse
import importlib.util
import json
import os
import sys

import numpy as np

import h5py

try:  # Keras 3, or Keras 2 installed on its own
    import keras
except ImportError:  # tf.keras only
    from tensorflow import keras

OPEN_LENGTH = 5  # the length given to an axis of open length (None) of a random input


def as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def to_numpy(tensor):
    """A tensor of any backend as a float32 numpy array."""
    if hasattr(keras, "ops"):  # Keras 3
        tensor = keras.ops.convert_to_numpy(tensor)
    return np.asarray(tensor, dtype="float32")


def output_name(call_name, index):
    """kinspect's name of a call's output `index`: LAYER, then LAYER__1, LAYER__2 ..."""
    return call_name if index == 0 else f"{call_name}__{index}"


def call_name(layer_name, call):
    """kinspect's name of a layer's call number `call` in the model: LAYER, then LAYER@1 ..."""
    return layer_name if call == 0 else f"{layer_name}@{call}"


def history(tensor):
    """(layer, node index, output index) of a Keras tensor, in Keras 2 and 3."""
    entry = tensor._keras_history
    return entry[0], entry[1], entry[2]


def in_model(model, layer, node_index):
    """Whether the layer's inbound node `node_index` is a call inside this model (not in another)."""
    keras3_nodes = getattr(model, "_nodes", None)  # Keras 3: keys f"{id(op)}_ib-{index}"
    if isinstance(keras3_nodes, (set, frozenset)):
        return f"{id(layer)}_ib-{node_index}" in keras3_nodes
    keras2_nodes = getattr(model, "_network_nodes", None)  # Keras 2: keys f"{name}_ib-{index}"
    if keras2_nodes is not None:
        return f"{layer.name}_ib-{node_index}" in keras2_nodes
    return node_index == 0


def node_outputs(layer, node_index):
    """The output tensors of the layer's inbound node `node_index`."""
    if hasattr(layer, "get_output_at"):  # Keras 2
        return as_list(layer.get_output_at(node_index))
    return as_list(layer._inbound_nodes[node_index].output_tensors)


def model_calls(model):
    """Every call of every layer in the model: {(layer, node index): kinspect's call name}."""
    calls = {}
    for layer in model.layers:
        nodes = [i for i in range(len(layer._inbound_nodes)) if in_model(model, layer, i)]
        for call, node_index in enumerate(nodes or [0]):
            calls[(id(layer), node_index)] = (layer, call_name(layer.name, call))
    return calls


def first_embedding_size(model):
    for layer in model.layers:
        if type(layer).__name__ == "Embedding":
            return layer.input_dim
    return 10


def random_input(tensor, model, batch, rng):
    shape = [batch if i == 0 else (OPEN_LENGTH if d is None else d) for i, d in enumerate(tensor.shape)]
    dtype = str(getattr(tensor.dtype, "name", tensor.dtype))
    if "int" in dtype:
        return rng.integers(0, first_embedding_size(model), size=shape).astype("float32"), dtype
    return rng.standard_normal(shape).astype("float32"), dtype


def load(path):
    try:
        return keras.models.load_model(path, compile=False, safe_mode=False)
    except TypeError:  # Keras 2 before 2.13 has no safe_mode
        return keras.models.load_model(path, compile=False)


def import_file(path, index):
    spec = importlib.util.spec_from_file_location(f"kinspect_custom_{index}", path)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


def given_inputs(arguments, names):
    given = {}
    for argument in arguments:
        name, separator, path = argument.partition("=")
        if not separator:
            if len(names) != 1:
                sys.exit(f"kinspect_reference: the model has inputs {', '.join(names)}: "
                         f"give each as --input NAME=FILE.npy")
            name, path = names[0], argument
        if name not in names:
            sys.exit(f"kinspect_reference: the model has no input '{name}'; its inputs: {', '.join(names)}")
        given[name] = path
    return given


def main():
    parser = argparse.ArgumentParser(
        description="Write Keras's per-layer outputs for a model as a kinspect reference file.")
    parser.add_argument("model", help="the Keras model file (.keras or .h5)")
    parser.add_argument("out", help="the reference file to write (HDF5), e.g. model_io.h5")
    parser.add_argument("--input", action="append", default=[], metavar="[NAME=]FILE.npy",
                        help="an input batch (batch first); NAME= for a model with several inputs")
    parser.add_argument("--batch", type=int, default=3, help="examples in a random input (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    parser.add_argument("--custom", action="append", default=[], metavar="FILE.py",
                        help="a Python file to run first, registering the model's custom objects")
    arguments = parser.parse_args()

    for index, path in enumerate(arguments.custom):
        import_file(path, index)
    model = load(arguments.model)
    input_layers = [history(t)[0] for t in model.inputs]
    names = [layer.name for layer in input_layers]
    given = given_inputs(arguments.input, names)
    rng = np.random.default_rng(arguments.seed)
    inputs, dtypes = {}, {}
    for name, tensor in zip(names, model.inputs):
        if name in given:
            inputs[name] = np.load(given[name]).astype("float32")
            dtypes[name] = str(getattr(tensor.dtype, "name", tensor.dtype))
        else:
            inputs[name], dtypes[name] = random_input(tensor, model, arguments.batch, rng)
    feed = [inputs[n].astype("int32") if "int" in dtypes[n] else inputs[n] for n in names]
    feed = feed[0] if len(feed) == 1 else feed

    calls = model_calls(model)
    probes, probe_names = [], []
    for (_, node_index), (layer, name) in calls.items():
        for index, tensor in enumerate(node_outputs(layer, node_index)):
            probes.append(tensor)
            probe_names.append(output_name(name, index))
    values = as_list(keras.Model(model.inputs, probes)(feed, training=False))
    outputs = as_list(model(feed, training=False))
    output_names = []
    for tensor in as_list(model.outputs):
        layer, node_index, index = history(tensor)
        known = calls.get((id(layer), node_index))
        output_names.append(output_name(known[1] if known else layer.name, index))

    with h5py.File(arguments.out, "w") as f:
        f.attrs["keras_version"] = keras.__version__
        f.attrs["backend"] = keras.backend.backend()
        f.attrs["source_file"] = os.path.basename(arguments.model)
        f.attrs["input_names"] = json.dumps(names)
        f.attrs["output_names"] = json.dumps(output_names)
        f.attrs["layer_order"] = json.dumps([layer.name for layer in model.layers])
        for name in names:
            f.create_dataset(f"inputs/{name}", data=inputs[name]).attrs["model_dtype"] = dtypes[name]
        for name, value in zip(probe_names, values):
            f.create_dataset(f"activations/{name}", data=to_numpy(value))
        for name, value in zip(output_names, outputs):
            f.create_dataset(f"outputs/{name}", data=to_numpy(value))
    print(f"{arguments.out}: {len(names)} input(s), {len(probe_names)} layer output(s), "
          f"Keras {keras.__version__} ({keras.backend.backend()})")


if __name__ == "__main__":
    main()
