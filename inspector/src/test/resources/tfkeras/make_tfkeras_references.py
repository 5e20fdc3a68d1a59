#!/usr/bin/env python3
"""Keras 3's own numbers for tf.keras 2.2.4 models of the shared corpus (which has none for them).

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/tfkeras/make_tfkeras_references.py

For every model NAME below, reads ../shared/corpus/dl4j-test-resources/modelimport/keras/tfkeras/NAME.h5,
rebuilds it in Keras 3 from its configuration (dropping the tf.keras-only arguments Keras 3 no
longer takes: an initializer's dtype, SpatialDropout's trainable and noise_shape, ConvLSTM2D's
time_major; hard_sigmoid
given as tf.keras defines it, keras2_hard_sigmoid.py), loads its
weights, runs ../shared/tools/keras_reference.py on it (--batch 2 --seed 0) and writes NAME_io.h5
here with the inputs and the activations of the last convolution layer and the output layers only
(the layers before are checked through them; this keeps the files small).
The corpus models are not copied here.
"""
import json
import os
import subprocess
import sys
import tempfile

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras2_hard_sigmoid  # noqa: E402,F401  (registers kinspect>keras2_hard_sigmoid)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
SHARED = os.path.join(os.path.dirname(REPO), "shared")
CORPUS = os.path.join(SHARED, "corpus", "dl4j-test-resources", "modelimport", "keras", "tfkeras")
REFERENCE = os.path.join(SHARED, "tools", "keras_reference.py")

# padding 'same' and 'valid' of: DepthwiseConv2D channels_first between channels_last layers (40,
# 44) and channels_last (100, 104); Conv2DTranspose channels_first between channels_last layers (52, 56)
# Conv3D with Cropping3D between (16; channels_last); ConvLSTM2D with tf.keras's hard_sigmoid
# (channels_last: 17 same, 25 valid; channels_first: 1 same, 11 valid), and Bidirectional around it
# (channels_last: 18 same, 26 valid; channels_first: 2 same)
MODELS = ["cnn2d_40", "cnn2d_44", "cnn2d_52", "cnn2d_56", "cnn2d_100", "cnn2d_104", "cnn3d_16", "convlstm2d_17",
          "convlstm2d_25", "convlstm2d_1", "convlstm2d_11", "convlstm2d_18", "convlstm2d_26", "convlstm2d_2"]
KEPT_CLASSES_EXTRA = {"Bidirectional"}
KEPT_CLASSES = {"DepthwiseConv2D", "Conv2DTranspose", "Conv3D", "ConvLSTM2D"}
HARD_SIGMOID = os.path.join(HERE, "keras2_hard_sigmoid.py")


def without_tf_keras_arguments(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_initializer") and isinstance(value, dict) and isinstance(value.get("config"), dict):
                value["config"].pop("dtype", None)
        for key in ("activation", "recurrent_activation"):
            if node.get(key) == "hard_sigmoid":  # tf.keras's, not Keras 3's
                node[key] = {"module": "builtins", "class_name": "function", "config": "keras2_hard_sigmoid",
                             "registered_name": "kinspect>keras2_hard_sigmoid"}
        if str(node.get("class_name", "")).startswith("SpatialDropout"):
            for key in ("trainable", "noise_shape"):
                node["config"].pop(key, None)
        if node.get("class_name") == "ConvLSTM2D":
            node["config"].pop("time_major", None)
            node.setdefault("module", "keras.layers")  # Keras 3 finds a wrapped layer's class by module
        for value in node.values():
            without_tf_keras_arguments(value)
    elif isinstance(node, list):
        for value in node:
            without_tf_keras_arguments(value)


def make(name, folder):
    source = os.path.join(CORPUS, name + ".h5")
    with h5py.File(source, "r") as f:
        config = json.loads(f.attrs["model_config"])
    without_tf_keras_arguments(config)
    model = keras.Model.from_config(config["config"])
    model.load_weights(source)
    # the last convolution (it reads everything before it) and the outputs
    convolutions = [layer.name for layer in model.layers if type(layer).__name__ in KEPT_CLASSES | KEPT_CLASSES_EXTRA]
    kept = set(convolutions[-1:]) | set(model.output_names)
    rebuilt = os.path.join(folder, name + ".keras")
    full = os.path.join(folder, name + "_full_io.h5")
    model.save(rebuilt)
    subprocess.run([sys.executable, REFERENCE, rebuilt, full, "--batch", "2", "--seed", "0", "--custom", HARD_SIGMOID],
                   check=True)
    with h5py.File(full, "r") as src, h5py.File(os.path.join(HERE, name + "_io.h5"), "w") as dst:
        for key, value in src.attrs.items():
            dst.attrs[key] = value
        dst.attrs["source_file"] = name + ".h5 (tf.keras corpus, rebuilt in Keras 3)"
        src.copy(src["inputs"], dst, name="inputs")  # outputs/ left out: the output layers are in activations/
        activations = dst.create_group("activations")
        for layer in src["activations"]:
            if layer in kept:
                activations.create_dataset(layer, data=src["activations"][layer][()], compression="gzip")
    print(f"{name}: ok ({sorted(kept)})")


def main(argv):
    with tempfile.TemporaryDirectory() as folder:
        for name in argv or MODELS:
            make(name, folder)


if __name__ == "__main__":
    main(sys.argv[1:])
