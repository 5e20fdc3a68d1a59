"""The steps every fixture script shares: a model saved in both formats, Keras's reference written
beside it, the saved files loaded back and checked, and a command line of case names.

A fixture script in a folder below this one imports it with

    sys.path.insert(0, os.path.join(HERE, ".."))
    import fixture_files  # noqa: E402

and runs, from the repository root, as `../shared/tools/keras3 python3 PATH/TO/script.py [CASE ...]`.
"""
import json
import os
import subprocess
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402

RESOURCES = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(RESOURCES, "..", "..", "..", ".."))
# Keras's per-layer activations for any model file; the tools folder sits beside the repository
REFERENCE = os.environ.get(
    "KERAS_REFERENCE", os.path.join(os.path.dirname(REPO), "shared", "tools", "keras_reference.py"))


def save_both(model, folder, name):
    """Saves NAME.keras and NAME.h5 (Keras 3's legacy HDF5) into folder; returns both paths."""
    keras_file = os.path.join(folder, f"{name}.keras")
    h5_file = os.path.join(folder, f"{name}.h5")
    model.save(keras_file)
    model.save(h5_file)
    return keras_file, h5_file


def write_reference(model_file, io_file, inputs=None, scratch="kinspect"):
    """Writes Keras's per-layer activations (batch 2, seed 0) of model_file into io_file.

    inputs: {input name: function returning its array} for inputs the seeded random data would not
    fit (token ids, masks); each is saved to /tmp as SCRATCH_NAME_INPUT.npy and passed by name.
    """
    name = os.path.splitext(os.path.basename(model_file))[0]
    cmd = [sys.executable, REFERENCE, model_file, io_file, "--batch", "2", "--seed", "0"]
    for input_name, make_array in (inputs or {}).items():
        npy = os.path.join("/tmp", f"{scratch}_{name}_{input_name}.npy")
        np.save(npy, make_array())
        cmd += ["--input", f"{input_name}={npy}"]
    sys.stdout.flush()
    subprocess.run(cmd, check=True)


def reference_feed(io_file):
    """The reference's inputs as the model takes them (token ids back to int32; one input alone)."""
    with h5py.File(io_file, "r") as f:
        names = json.loads(f.attrs["input_names"])
        feed = [f["inputs"][n][()] for n in names]
        # token ids are stored as float32; the model takes them as it declares them
        feed = [x.astype("int32") if "int" in f["inputs"][n].attrs.get("model_dtype", "float32") else x
                for x, n in zip(feed, names)]
    return feed[0] if len(feed) == 1 else feed


def reference_outputs(io_file):
    """The reference's model outputs, in the model's output order."""
    with h5py.File(io_file, "r") as f:
        return [f["outputs"][n][()] for n in json.loads(f.attrs["output_names"])]


def reference_activations(io_file):
    """Every layer output the reference recorded, by name (extra outputs as LAYER__1)."""
    with h5py.File(io_file, "r") as f:
        return {n: f["activations"][n][()] for n in f["activations"]}


def check_outputs(path, expected, got, relative=False, tolerance=1e-6):
    """Asserts a loaded model's outputs equal the reference's (absolutely, or relative to its size)."""
    import keras
    got = got if isinstance(got, (list, tuple)) else [got]
    for reference, value in zip(expected, got):
        error = float(np.max(np.abs(reference - keras.ops.convert_to_numpy(value))))
        bound = tolerance * (max(1.0, float(np.max(np.abs(reference)))) if relative else 1.0)
        assert error < bound, f"{path}: reloaded model differs from reference by {error}"


def make_cases(cases, make, first_seed, argv, keep_going=False, folder=None):
    """Makes the cases named in argv (all when none), case i with make(case, first_seed + i).

    keep_going: a failing case is reported and the others still made (exit status 1 at the end);
    folder: its size is printed at the end, to keep fixture sets small.
    """
    wanted = set(argv)
    unknown = wanted - {case.__name__ for case in cases}
    if unknown:
        sys.exit(f"unknown cases: {sorted(unknown)}")
    failed = []
    for index, case in enumerate(cases):
        if wanted and case.__name__ not in wanted:
            continue
        if not keep_going:
            make(case, first_seed + index)
            continue
        try:
            make(case, first_seed + index)
        except Exception as error:  # keep going, report at the end
            failed.append((case.__name__, repr(error)))
            print(f"FAILED {case.__name__}: {error!r}", file=sys.stderr)
    if folder is not None:
        total = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        print(f"folder size: {total / 1e6:.2f} MB")
    for case_name, error in failed:
        print(f"FAILED {case_name}: {error}", file=sys.stderr)
    return 1 if failed else 0


def write_tfkeras(folder, name, model, config, layers, version):
    """NAME_tfkeras.h5: tf.keras's form of a Keras 3 model (no tf.keras runs here to write one).

    layers: the model's layers as tf.keras's model_config lists them; every weight of a layer the
    Keras 3 model has by that name is stored under the name tf.keras gives it (Keras 3's path,
    cross_attention/query/kernel, plus ":0"). Layers tf.keras adds (its op layers) hold none.
    """
    import keras

    def endpoints(value):  # Keras 3 writes a single endpoint flat, tf.keras always as a list of them
        return [value] if value and isinstance(value[0], str) else value

    tf_config = {"class_name": "Functional", "config": {"name": config["name"], "layers": layers,
                 "input_layers": endpoints(config["input_layers"]),
                 "output_layers": endpoints(config["output_layers"])},
                 "keras_version": version, "backend": "tensorflow"}
    own_layers = {layer.name for layer in model.layers}
    with h5py.File(os.path.join(folder, f"{name}_tfkeras.h5"), "w") as f:
        f.attrs["keras_version"] = version.encode()
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(tf_config).encode()
        weights = f.create_group("model_weights")
        weights.attrs["keras_version"] = version.encode()
        weights.attrs["backend"] = b"tensorflow"
        weights.attrs["layer_names"] = [layer["name"].encode() for layer in layers]
        for layer in layers:
            group = weights.create_group(layer["name"])
            names = []
            variables = model.get_layer(layer["name"]).weights if layer["name"] in own_layers else []
            for variable in variables:
                assert variable.path.startswith(layer["name"] + "/"), variable.path
                names.append(f"{variable.path}:0".encode())
                group.create_dataset(f"{variable.path}:0", data=keras.ops.convert_to_numpy(variable))
            group.attrs["weight_names"] = names
    print(f"{name}_tfkeras.h5: ok")
