#!/usr/bin/env python3
"""tf.keras 2.13-2.15 style .keras zips (issue 16 item 3) and a Keras 2 .h5 with models nested two
deep (issue 16 item 5), made from Keras 3 models, with Keras 3's own numbers for them.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/tfkeras_zip/make_tfkeras_zips.py [CASE ...]

TensorFlow cannot run here, so the files are written with h5py and zipfile in exactly the layout
tf.keras writes, as read from its source (github keras-team/tf-keras, keras/saving/saving_lib.py at
0454a40 and before, keras/engine/functional.py):

* `model.weights.h5` of a tf.keras zip: `_save_state` walks `dir(model)` in sorted order, so a
  model's layers are reached first through its `_layer_checkpoint_dependencies` property, a dict
  {"layer_with_weights-K": layer, "layer-I": layer} in `model.layers` order (a Sequential's
  `layers` leaves its InputLayer out, a Functional's keeps it). `_save_container_state` names each
  value after its class in snake case with a counter (dense, dense_1...), not after the layer's
  name. A layer with weights is in the dict twice; before tf-keras commit 0454a40 (June 2023) the
  second visit still advanced the counter (dense, dense_2, dense_4: "counter": "skipping"), after it
  the visit is skipped first (dense, dense_1: "counter": "dense"). Each object writes its own
  variables to `<path>/vars/<i>` (trainable first), then its children: an RNN's `cell`, a
  Bidirectional's `backward_layer`, `forward_layer` and `layer` (the original layer, never built:
  empty), a nested model's own `_layer_checkpoint_dependencies`. The model itself writes `vars` at
  the root. Paths are joined with os.path.join: on Windows with a backslash, and h5py then makes
  ONE group at the root named `_layer_checkpoint_dependencies\\lstm\\cell` (case `windows`).
* `config.json`: Keras 2 functional form (inbound nodes `[[["x", 0, 0, {}]]]`, dtype "float32",
  InputLayer `batch_input_shape`) inside tf.keras's serialization dicts (`module`,
  `registered_name`, `build_config`); `metadata.json` names the tf.keras version.
* the Keras 2 `.h5` (case `nested_two_deep`, the layout of a Teachable Machine export):
  `model_weights/<top layer>/` holds every weight of a nested model, named as TensorFlow 2 named
  the variables when the innermost model was built on its own: `<innermost layer>/<var>:0`,
  without the names of the models in between; `weight_names` lists them, trainable ones first.

Also unread_group.keras: dense_conv.keras with a Dense group more than its configuration has, and
layer_named_groups.keras: dense_conv.keras with its groups named after the layers, not their classes.

For every case writes, next to this script:
  CASE.keras or CASE.h5   the tf.keras / Keras 2 file
  CASE_io.h5              ../shared/tools/keras_reference.py of the Keras 3 original (batch 2,
                          seed 0), plus `inner_activations/<i>` with attribute `layer`: the
                          output of each layer inside a nested model, named as kinspect names it
                          (`outer/inner/layer`), computed by Keras 3 from the same inputs
Weights are random (seeded, non-zero biases, BatchNormalization statistics away from 0 and 1).
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
from make_layer_fixtures import REFERENCE, randomize  # noqa: E402


# ----------------------------------------------------------------------------
# cases: (builder, format options)
# ----------------------------------------------------------------------------
def dense_conv():
    x = keras.Input((6, 6, 2), name="image")
    h = L.Conv2D(3, 3, activation="relu", name="features")(x)
    h = L.BatchNormalization(name="norm")(h)
    h = L.Conv2D(2, 2, name="conv2d_second")(h)
    h = L.Flatten(name="flat")(h)
    h = L.Dense(5, activation="tanh", name="hidden")(h)
    y = L.Dense(3, name="logits")(h)
    return keras.Model(x, y, name="dense_conv")


def lstm():
    return keras.Sequential([keras.Input((5, 4)), L.LSTM(6, return_sequences=True, name="lstm_first"),
                             L.LSTM(3, name="lstm_last"), L.Dense(2, name="head")], name="lstm_model")


def gru():
    x = keras.Input((5, 3), name="steps")
    h = L.GRU(4, return_sequences=True, name="gru_after")(x)
    h = L.GRU(3, reset_after=False, name="gru_before")(h)
    return keras.Model(x, L.Dense(2, name="head")(h), name="gru_model")


def bidirectional():
    return keras.Sequential([keras.Input((5, 3)),
                             L.Bidirectional(L.LSTM(3, return_sequences=True), name="bi_lstm"),
                             L.Bidirectional(L.GRU(2), merge_mode="sum", name="bi_gru"),
                             L.Dense(2, name="head")], name="bidirectional_model")


def nested():
    x = keras.Input((4,), name="features")
    h = L.Dense(6, activation="relu", name="stem")(x)
    block = keras.Sequential([keras.Input((6,)), L.Dense(5, activation="tanh", name="block_dense"),
                              L.Dense(4, name="block_out")], name="block")
    h = block(h)
    y_in = keras.Input((4,), name="head_in")
    y = L.BatchNormalization(name="head_norm")(y_in)
    head = keras.Model(y_in, L.Dense(3, name="head_dense")(y), name="head")
    return keras.Model(x, head(h), name="nested_model")


def windows():
    # a nested model, an RNN cell and a Bidirectional, all written with backslashes
    x = keras.Input((5, 3), name="steps")
    encoder = keras.Sequential([keras.Input((5, 3)), L.LSTM(4, return_sequences=True, name="enc_lstm")],
                               name="encoder")
    h = encoder(x)
    h = L.Bidirectional(L.GRU(2), name="bi_gru")(h)
    return keras.Model(x, L.Dense(2, name="head")(h), name="windows_model")


def nested_two_deep():
    # Teachable Machine's export: Sequential(Sequential(Functional base, ...), Sequential(head))
    image = keras.Input((8, 8, 3), name="input_1")
    h = L.Conv2D(4, 3, name="Conv1")(image)
    h = L.BatchNormalization(name="bn_Conv1")(h)
    h = L.ReLU(name="out_relu")(h)
    h = L.GlobalAveragePooling2D(name="global_pool")(h)
    base = keras.Model(image, L.Dense(6, name="embed")(h), name="model1")
    body = keras.Sequential([keras.Input((8, 8, 3)), base, L.Dense(5, activation="relu", name="bottleneck")],
                            name="sequential_1")
    head = keras.Sequential([keras.Input((5,)), L.Dense(4, activation="relu", name="dense_Dense1"),
                             L.Dense(3, activation="softmax", name="dense_Dense2")], name="sequential_3")
    return keras.Sequential([keras.Input((8, 8, 3)), body, head], name="sequential_4")


def tf_keras_215():
    # the layout after tf-keras commit a25d42d (tf_keras 2.15): the walk goes over dir() reversed and
    # skips _layer_checkpoint_dependencies, so a model's layers are under `layers`, each once
    x = keras.Input((5, 3), name="steps")
    h = L.LSTM(4, return_sequences=True, name="encoder")(x)
    h = L.Bidirectional(L.GRU(2), name="bi")(h)
    h = L.Dense(3, activation="relu", name="hidden")(h)
    return keras.Model(x, L.Dense(2, name="logits")(h), name="tf_keras_215")


CASES = [
    (dense_conv, dict(version="2.13.1", counter="skipping", sep="/")),
    (lstm, dict(version="2.14.0", counter="dense", sep="/")),
    (gru, dict(version="2.13.1", counter="skipping", sep="/")),
    (bidirectional, dict(version="2.15.0", counter="dense", sep="/")),
    (nested, dict(version="2.13.1", counter="skipping", sep="/")),
    (windows, dict(version="2.13.1", counter="skipping", sep="\\")),
    (nested_two_deep, dict(h5="2.4.0")),
    (tf_keras_215, dict(version="2.15.0", counter="dense", sep="/", container="layers")),
]


# ----------------------------------------------------------------------------
# configuration: Keras 3 -> tf.keras 2.x
# ----------------------------------------------------------------------------
KERAS3_ONLY = {"optional", "seed", "lora_rank", "lora_alpha", "quantization_config", "synchronized",
               "zero_output_for_mask", "build_input_shape"}


def tf_config(entry, legacy_h5):
    """A Keras 3 layer entry as tf.keras writes it (legacy_h5: as Keras 2.4 model_config, without
    tf.keras's serialization keys)."""
    entry = dict(entry)
    config = {k: v for k, v in entry["config"].items() if k not in KERAS3_ONLY}
    class_name = entry["class_name"]
    if isinstance(config.get("dtype"), dict):
        config["dtype"] = config["dtype"]["config"]["name"]
    if class_name == "InputLayer":
        config["batch_input_shape"] = config.pop("batch_shape")
    if class_name in ("LSTM", "GRU", "SimpleRNN"):
        config.setdefault("time_major", False)
        config.setdefault("implementation", 2)
    if class_name == "Bidirectional":
        config.pop("backward_layer", None)
        layer = tf_config(config["layer"], legacy_h5)
        layer["config"]["name"] = re.sub("^forward_", "", layer["config"]["name"])
        config["layer"] = layer
    for key, value in list(config.items()):
        if isinstance(value, dict) and "class_name" in value and "config" in value and key != "layer":
            value = {k: v for k, v in value.items() if k != "shared_object_id"}
            value["config"] = {k: v for k, v in value["config"].items() if k not in ("input_axes", "output_axes")}
            if legacy_h5:
                value = {"class_name": value["class_name"], "config": value["config"]}
            config[key] = value
    if class_name in ("Sequential", "Functional"):
        config["layers"] = [tf_config(layer, legacy_h5) for layer in config["layers"]]
        for key in ("input_layers", "output_layers"):
            if key in config and config[key] and isinstance(config[key][0], str):
                config[key] = [config[key]]
    entry["config"] = config
    if "inbound_nodes" in entry:
        entry["inbound_nodes"] = [keras2_node(node) for node in entry["inbound_nodes"]]
    for key in ("shared_object_id", "compile_config"):
        entry.pop(key, None)
    if class_name == "Functional":
        entry["module"] = "keras.src.engine.functional"
    elif class_name == "Sequential":
        entry["module"] = "keras"
    if legacy_h5:
        entry = {k: v for k, v in entry.items() if k not in ("module", "registered_name", "build_config")}
    return entry


def keras2_node(node):
    """Keras 3's {"args": [tensors], "kwargs": {}} as Keras 2's [[name, node, tensor, {}], ...]."""
    tensors = []

    def collect(value):
        if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
            tensors.append(list(value["config"]["keras_history"]) + [{}])
        elif isinstance(value, (list, tuple)):
            for item in value:
                collect(item)
    collect(node["args"])
    return tensors


def keras3_config(model):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "m.keras")
        model.save(path)
        return json.loads(zipfile.ZipFile(path).read("config.json"))


# ----------------------------------------------------------------------------
# weights: tf.keras saving_lib's walk
# ----------------------------------------------------------------------------
def tf_snake_case(name):
    intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()


def own_variables(layer):
    return list(layer._trainable_variables) + list(layer._non_trainable_variables)


def model_layers(model, config_entry):
    """model.layers as tf.keras lists them: in configuration order, a Sequential without its InputLayer."""
    names = [layer.get("name", layer["config"]["name"]) for layer in config_entry["config"]["layers"]]
    layers = [model.get_layer(name) for name in names] if not isinstance(model, keras.Sequential) \
        else list(model.layers)
    return layers, [next(l for l in config_entry["config"]["layers"] if l["config"]["name"] == layer.name)
                    for layer in layers]


class TfKerasWriter:
    def __init__(self, h5, sep, counter, container="_layer_checkpoint_dependencies"):
        self.h5, self.sep, self.counter, self.container_name = h5, sep, counter, container
        self.visited = set()

    def make(self, path):
        group = self.h5.create_group(self.sep.join(path)) if path else self.h5
        return group.create_group("vars")

    def save(self, layer, path, entry):
        if id(layer) in self.visited:
            return
        store = self.make(path)
        for i, variable in enumerate(own_variables(layer) if layer is not None else []):
            store.create_dataset(str(i), data=keras.ops.convert_to_numpy(variable))
        self.visited.add(id(layer))
        # children in sorted attribute order
        if isinstance(layer, keras.Model):
            layers, entries = model_layers(layer, entry)
            self.container(layers, entries, path + [self.container_name])
        elif isinstance(layer, L.Bidirectional):
            self.save(layer.backward_layer, path + ["backward_layer"], None)
            self.save(layer.forward_layer, path + ["forward_layer"], None)
            # the layer it was given, copied into forward_layer and backward_layer, never built
            self.make(path + ["layer"])
            self.make(path + ["layer", "cell"])
        elif isinstance(layer, L.RNN):
            self.save(layer.cell, path + ["cell"], None)
        elif isinstance(layer, L.TimeDistributed):
            self.save(layer.layer, path + ["layer"], None)

    def container(self, layers, entries, path):
        used = {}
        for layer, entry in zip(layers, entries):
            # _layer_checkpoint_dependencies: "layer_with_weights-K" then "layer-I" for a layer with weights;
            # `layers`: each layer once
            twice = layer.weights and self.container_name == "_layer_checkpoint_dependencies"
            for _ in range(2 if twice else 1):
                if self.counter == "dense" and id(layer) in self.visited:
                    continue
                name = tf_snake_case(type(layer).__name__)
                if name in used:
                    used[name] += 1
                    name = f"{name}_{used[name]}"
                else:
                    used[name] = 0
                self.save(layer, path + [name], entry)


def write_tf_keras_zip(model, path, version, counter, sep, container="_layer_checkpoint_dependencies"):
    config = tf_config(keras3_config(model), legacy_h5=False)
    with tempfile.TemporaryDirectory() as folder:
        weights = os.path.join(folder, "model.weights.h5")
        with h5py.File(weights, "w") as h5:
            TfKerasWriter(h5, sep, counter, container).save(model, [], config)
        metadata = {"keras_version": version, "date_saved": "2023-09-01@12:00:00"}
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("metadata.json", json.dumps(metadata))
            zf.writestr("config.json", json.dumps(config))
            zf.write(weights, "model.weights.h5")


# ----------------------------------------------------------------------------
# Keras 2 .h5 with nested models
# ----------------------------------------------------------------------------
def keras2_weights(layer):
    """A layer's weights as Keras 2 lists them (trainable first), each named as TensorFlow 2 named the
    variable: after the layer that made it, whatever model it sits in."""
    sublayers = [layer]
    if isinstance(layer, keras.Model):
        sublayers = []

        def walk(model):
            for inner in model.layers:
                if isinstance(inner, keras.Model):
                    walk(inner)
                else:
                    sublayers.append(inner)
        walk(layer)
    trainable, non_trainable = [], []
    for inner in sublayers:
        for variable in inner.trainable_weights:
            trainable.append((f"{inner.name}/{variable.name}:0", variable))
        for variable in inner.non_trainable_weights:
            non_trainable.append((f"{inner.name}/{variable.name}:0", variable))
    return trainable + non_trainable


def write_keras2_h5(model, path, version):
    config = tf_config(keras3_config(model), legacy_h5=True)
    with h5py.File(path, "w") as h5:
        h5.attrs["keras_version"] = version
        h5.attrs["backend"] = "tensorflow"
        h5.attrs["model_config"] = json.dumps(config)
        root = h5.create_group("model_weights")
        layers = list(model.layers)
        root.attrs["layer_names"] = np.array([layer.name.encode() for layer in layers])
        root.attrs["backend"] = b"tensorflow"
        root.attrs["keras_version"] = version.encode()
        for layer in sorted(layers, key=lambda layer: layer.name):
            group = root.create_group(layer.name)
            weights = keras2_weights(layer)
            group.attrs["weight_names"] = np.array([name.encode() for name, _ in weights])
            for name, variable in weights:
                group.create_dataset(name, data=keras.ops.convert_to_numpy(variable))


# ----------------------------------------------------------------------------
# Keras 3's numbers
# ----------------------------------------------------------------------------
def inner_activations(model, io_file):
    """The output of every layer inside the model's nested models, named outer/inner/layer."""
    with h5py.File(io_file, "r") as f:
        activations = {name: f["activations"][name][()] for name in f["activations"]}
    found = []

    def run(nested, x, prefix):
        if isinstance(nested, keras.Sequential):
            for layer in nested.layers:
                y = keras.ops.convert_to_numpy(layer(x, training=False))
                if isinstance(layer, keras.Model):
                    run(layer, x, prefix + layer.name + "/")
                found.append((prefix + layer.name, y))
                x = y
        else:
            inner = [layer for layer in nested.layers if not isinstance(layer, L.InputLayer)]
            assert not any(isinstance(layer, keras.Model) for layer in inner), "one level of Functional only"
            probe = keras.Model(nested.inputs, [layer.output for layer in inner])
            for layer, y in zip(inner, probe(x, training=False)):
                found.append((prefix + layer.name, keras.ops.convert_to_numpy(y)))

    names = [layer.name for layer in model.layers]
    with h5py.File(io_file, "r") as f:
        model_input = f["inputs"][json.loads(f.attrs["input_names"])[0]][()]
    if isinstance(model, keras.Sequential):
        run(model, model_input, "")
        found = [item for item in found if "/" in item[0]]
    else:
        for layer in model.layers:
            if isinstance(layer, keras.Model):
                node = layer._inbound_nodes[-1]
                source = node.arguments.keras_tensors[0]._keras_history.operation.name
                x = model_input if source not in activations or source == model.inputs[0]._keras_history.operation.name \
                    else activations[source]
                run(layer, x, layer.name + "/")
    for name, y in found:
        top = name.split("/")[0]
        assert top in names
    return found


def reference(model, io_file):
    """keras_reference.py's layout (batch 2, seed 0) for a model holding models: their `layer.output`
    is the output of their own graph, so each layer is probed at its call in this model's graph."""
    rng = np.random.default_rng(0)
    functional = model._functional if isinstance(model, keras.Sequential) else model
    names = [t._keras_history.operation.name for t in functional.inputs]
    xs = {name: rng.standard_normal([2] + list(t.shape[1:])).astype("float32")
          for name, t in zip(names, functional.inputs)}
    nodes = [node for depth in functional._nodes_by_depth.values() for node in depth]
    probes, probe_names = [], []
    for layer in model.layers:
        calls = [node for node in nodes if node.operation is layer]
        assert len(calls) == 1, layer.name
        probes.append(calls[0].output_tensors[0])
        probe_names.append(layer.name)
    feed = [xs[name] for name in names]
    feed = feed[0] if len(feed) == 1 else feed
    values = keras.Model(functional.inputs, probes)(feed, training=False)
    values = values if isinstance(values, (list, tuple)) else [values]
    outputs = model(feed, training=False)
    out_names = [t._keras_history.operation.name for t in functional.outputs]
    with h5py.File(io_file, "w") as f:
        f.attrs["keras_version"] = keras.__version__
        f.attrs["backend"] = keras.backend.backend()
        f.attrs["input_names"] = json.dumps(names)
        f.attrs["output_names"] = json.dumps(out_names)
        f.attrs["layer_order"] = json.dumps([layer.name for layer in model.layers])
        for name in names:
            f.create_dataset(f"inputs/{name}", data=xs[name])
        for name, value in zip(probe_names, values):
            f.create_dataset(f"activations/{name}", data=np.asarray(keras.ops.convert_to_numpy(value), "float32"))
        f.create_dataset(f"outputs/{out_names[0]}", data=np.asarray(keras.ops.convert_to_numpy(outputs), "float32"))


def make(case, options, seed):
    name = case.__name__
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    randomize(model, seed, 1.0)
    io_file = os.path.join(HERE, f"{name}_io.h5")
    with tempfile.TemporaryDirectory() as folder:
        original = os.path.join(folder, f"{name}.keras")
        model.save(original)
        if not any(isinstance(layer, keras.Model) for layer in model.layers):
            subprocess.run([sys.executable, REFERENCE, original, io_file, "--batch", "2", "--seed", "0"], check=True)
        else:
            reference(model, io_file)
    found = inner_activations(model, io_file)
    with h5py.File(io_file, "a") as f:
        group = f.create_group("inner_activations")
        for i, (layer, values) in enumerate(found):
            group.create_dataset(str(i), data=np.asarray(values, dtype="float32")).attrs["layer"] = layer
    if "h5" in options:
        write_keras2_h5(model, os.path.join(HERE, f"{name}.h5"), options["h5"])
    else:
        write_tf_keras_zip(model, os.path.join(HERE, f"{name}.keras"), options["version"], options["counter"],
                           options["sep"], options.get("container", "_layer_checkpoint_dependencies"))
    print(f"{name}: ok ({len(found)} inner activations)")


def unread_group():
    """dense_conv.keras with one more Dense group than its configuration has Dense layers
    (`_layer_checkpoint_dependencies/dense_4`): weights no layer reads, which must be reported."""
    source = os.path.join(HERE, "dense_conv.keras")
    with tempfile.TemporaryDirectory() as folder:
        weights = os.path.join(folder, "model.weights.h5")
        with zipfile.ZipFile(source) as zf:
            with open(weights, "wb") as out:
                out.write(zf.read("model.weights.h5"))
            entries = {name: zf.read(name) for name in ("metadata.json", "config.json")}
        with h5py.File(weights, "a") as h5:
            h5.create_group("_layer_checkpoint_dependencies/dense_4/vars").create_dataset(
                "0", data=np.array([[1.0, 2.0]], dtype="float32"))
        with zipfile.ZipFile(os.path.join(HERE, "unread_group.keras"), "w") as zf:
            for name, data in entries.items():
                zf.writestr(name, data)
            zf.write(weights, "model.weights.h5")
    print("unread_group: ok")


def layer_named_groups():
    """dense_conv.keras with each layer's group named after the layer instead of its class
    (`_layer_checkpoint_dependencies/hidden`), as issue 16 describes these files: read either way."""
    source = os.path.join(HERE, "dense_conv.keras")
    renames = {"input_layer": "image", "conv2d": "features", "batch_normalization": "norm",
               "conv2d_2": "conv2d_second", "flatten": "flat", "dense": "hidden", "dense_2": "logits"}
    with tempfile.TemporaryDirectory() as folder:
        weights = os.path.join(folder, "model.weights.h5")
        with zipfile.ZipFile(source) as zf:
            with open(weights, "wb") as out:
                out.write(zf.read("model.weights.h5"))
            entries = {name: zf.read(name) for name in ("metadata.json", "config.json")}
        with h5py.File(weights, "a") as h5:
            container = h5["_layer_checkpoint_dependencies"]
            for old, new in renames.items():
                container.move(old, new)
        with zipfile.ZipFile(os.path.join(HERE, "layer_named_groups.keras"), "w") as zf:
            for name, data in entries.items():
                zf.writestr(name, data)
            zf.write(weights, "model.weights.h5")
    print("layer_named_groups: ok")


def main(argv):
    wanted = set(argv)
    for index, (case, options) in enumerate(CASES):
        if not wanted or case.__name__ in wanted:
            make(case, options, 1600 + index)
    if not wanted or "unread_group" in wanted:
        unread_group()
    if not wanted or "layer_named_groups" in wanted:
        layer_named_groups()


if __name__ == "__main__":
    main(sys.argv[1:])
