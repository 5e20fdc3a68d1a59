"""Writes the large benchmark model (a few hundred MB of LSTM/Dense weights) three ways.

    cd <repo> && ../shared/tools/keras3 python3 bench/make_large_model.py OUT_DIR [--units 2048]

Input(50, 512) -> LSTM(units, return_sequences) -> LSTM(units) -> Dense(4096, relu) -> Dense(1000, softmax),
built and initialised by a real Keras 3 (torch backend), then saved as

  OUT_DIR/large_lstm_keras3.h5   Keras 3's legacy HDF5 format (model.save("x.h5"))
  OUT_DIR/large_lstm.keras       Keras 3's zip format
  OUT_DIR/large_lstm_keras2.h5   the same weights in the layout Keras 2.2.4 writes (written here with
                                 h5py), which DL4J's KerasModelImport and kinspect can both read today

With the default units=2048 the model has 67,032,040 float32 parameters (268 MB per file).
The Keras 2 file is laid out as Keras 2's save_model does it: root attributes model_config (a Keras 2
functional config), keras_version "2.2.4" and backend "tensorflow"; under model_weights the attributes
layer_names, keras_version and backend; one group per layer (weightless layers included) with a
weight_names attribute (an empty float64 array when the layer has none), and the datasets at
model_weights/<layer>/<layer>/<weight>:0, contiguous and uncompressed.
"""

import argparse
import json
import os
import sys

import h5py
import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402

TIMESTEPS, FEATURES, DENSE, CLASSES = 50, 512, 4096, 1000


def build(units):
    keras.utils.set_random_seed(20240501)
    inputs = keras.Input(shape=(TIMESTEPS, FEATURES), name="input_1")
    x = keras.layers.LSTM(units, return_sequences=True, name="lstm_1")(inputs)
    x = keras.layers.LSTM(units, name="lstm_2")(x)
    x = keras.layers.Dense(DENSE, activation="relu", name="dense_1")(x)
    outputs = keras.layers.Dense(CLASSES, activation="softmax", name="dense_2")(x)
    return keras.Model(inputs, outputs, name="large_lstm")


def initializer(name, **config):
    return {"class_name": name, "config": config}


def keras2_lstm(name, units, return_sequences):
    return {
        "name": name, "trainable": True, "return_sequences": return_sequences, "return_state": False,
        "go_backwards": False, "stateful": False, "unroll": False, "units": units,
        "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True,
        "kernel_initializer": initializer("VarianceScaling", scale=1.0, mode="fan_avg",
                                          distribution="uniform", seed=None),
        "recurrent_initializer": initializer("Orthogonal", gain=1.0, seed=None),
        "bias_initializer": initializer("Zeros"), "unit_forget_bias": True,
        "kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
        "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None,
        "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2,
    }


def keras2_dense(name, units, activation):
    return {
        "name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": initializer("VarianceScaling", scale=1.0, mode="fan_avg",
                                          distribution="uniform", seed=None),
        "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
        "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None,
    }


def keras2_config(units):
    """The model as Keras 2.2.4's model.to_json() describes a functional model."""
    def node(inbound):
        return [[[inbound, 0, 0, {}]]]
    layers = [
        {"name": "input_1", "class_name": "InputLayer",
         "config": {"batch_input_shape": [None, TIMESTEPS, FEATURES], "dtype": "float32",
                    "sparse": False, "name": "input_1"},
         "inbound_nodes": []},
        {"name": "lstm_1", "class_name": "LSTM", "config": keras2_lstm("lstm_1", units, True),
         "inbound_nodes": node("input_1")},
        {"name": "lstm_2", "class_name": "LSTM", "config": keras2_lstm("lstm_2", units, False),
         "inbound_nodes": node("lstm_1")},
        {"name": "dense_1", "class_name": "Dense", "config": keras2_dense("dense_1", DENSE, "relu"),
         "inbound_nodes": node("lstm_2")},
        {"name": "dense_2", "class_name": "Dense", "config": keras2_dense("dense_2", CLASSES, "softmax"),
         "inbound_nodes": node("dense_1")},
    ]
    return {"class_name": "Model",
            "config": {"name": "large_lstm", "layers": layers,
                       "input_layers": [["input_1", 0, 0]], "output_layers": [["dense_2", 0, 0]]}}


def write_keras2_h5(model, units, path):
    """Keras 2.2.4's save_model layout, filled with the Keras 3 model's weights (same shapes, same gate order)."""
    names = {"lstm_1": ["kernel", "recurrent_kernel", "bias"], "lstm_2": ["kernel", "recurrent_kernel", "bias"],
             "dense_1": ["kernel", "bias"], "dense_2": ["kernel", "bias"]}
    layer_names = ["input_1", "lstm_1", "lstm_2", "dense_1", "dense_2"]
    tmp = path + ".tmp"
    with h5py.File(tmp, "w") as f:
        f.attrs["keras_version"] = "2.2.4"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(keras2_config(units))
        root = f.create_group("model_weights")
        root.attrs["layer_names"] = np.array([n.encode("utf8") for n in layer_names])
        root.attrs["backend"] = "tensorflow"
        root.attrs["keras_version"] = "2.2.4"
        for layer_name in layer_names:
            group = root.create_group(layer_name)
            if layer_name not in names:
                group.attrs["weight_names"] = np.array([])  # what Keras 2 writes for a weightless layer
                continue
            values = [np.asarray(v, dtype=np.float32) for v in model.get_layer(layer_name).get_weights()]
            weight_names = [f"{layer_name}/{w}:0" for w in names[layer_name]]
            if len(values) != len(weight_names):
                sys.exit(f"{layer_name}: Keras 3 gave {len(values)} weights, expected {weight_names}")
            group.attrs["weight_names"] = np.array([w.encode("utf8") for w in weight_names])
            for weight_name, value in zip(weight_names, values):
                group.create_dataset(weight_name, data=value)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--units", type=int, default=2048, help="LSTM units (default 2048: 268 MB of weights)")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    model = build(args.units)
    params = model.count_params()
    print(f"keras {keras.__version__} ({keras.backend.backend()}): {params:,} parameters, "
          f"{params * 4 / 1e6:.0f} MB of float32", flush=True)

    paths = {name: os.path.join(args.out_dir, name)
             for name in ("large_lstm_keras3.h5", "large_lstm.keras", "large_lstm_keras2.h5")}
    for name in ("large_lstm_keras3.h5", "large_lstm.keras"):
        tmp = paths[name] + ".tmp" + os.path.splitext(name)[1]
        model.save(tmp)
        os.replace(tmp, paths[name])
    write_keras2_h5(model, args.units, paths["large_lstm_keras2.h5"])

    # The Keras 2 file must hold exactly the Keras 3 model's weights.
    with h5py.File(paths["large_lstm_keras2.h5"], "r") as f:
        for layer_name in ("lstm_1", "lstm_2", "dense_1", "dense_2"):
            stored = [f["model_weights"][layer_name][w.decode()][()]
                      for w in f["model_weights"][layer_name].attrs["weight_names"]]
            for a, b in zip(stored, model.get_layer(layer_name).get_weights()):
                if not np.array_equal(a, np.asarray(b, dtype=np.float32)):
                    sys.exit(f"{layer_name}: the Keras 2 file's weights differ from the model's")
    for path in paths.values():
        print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
