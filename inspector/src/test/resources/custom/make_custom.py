"""Makes the custom-object fixtures with a real Keras 3; run from the repo root:

    ../shared/tools/keras3 python3 inspector/src/test/resources/custom/make_custom.py

custom_initializer.{keras,h5}: an LSTM (recurrent_initializer) and a Dense (kernel_initializer)
    using the registered MyPkg>SmallPositive, left untrained: their stored weights are its values.
custom_layer.{keras,h5}: a Dense followed by the registered custom layer MyPkg>ScaleShift.
lambda.{keras,h5}: a Lambda of a named function (double_it) and one of an anonymous lambda.
builtin_initializers.h5: untrained layers with Keras's built-in initializers, for the statistics.
Each *_io.h5 holds Keras's own activations (keras_reference.py).
"""
import os
import subprocess
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import keras  # noqa: E402
from my_objects import ScaleShift, SmallPositive, double_it  # noqa: E402

keras.utils.set_random_seed(7)
REFERENCE = os.path.join(HERE, "..", "..", "..", "..", "..", "..", "shared", "tools", "keras_reference.py")


def save(model, name, formats=("keras", "h5")):
    for fmt in formats:
        model.save(os.path.join(HERE, f"{name}.{fmt}"))


def reference(name):
    subprocess.run([sys.executable, REFERENCE, os.path.join(HERE, f"{name}.keras"),
                    os.path.join(HERE, f"{name}_io.h5"), "--batch", "3",
                    "--custom", os.path.join(HERE, "my_objects.py")], check=True)


inputs = keras.Input((6, 4), name="signal")
x = keras.layers.LSTM(5, recurrent_initializer=SmallPositive(0.01),
                      kernel_initializer=SmallPositive(0.02), name="lstm")(inputs)
outputs = keras.layers.Dense(3, kernel_initializer=SmallPositive(0.03), name="dense")(x)
save(keras.Model(inputs, outputs, name="custom_initializer"), "custom_initializer")
reference("custom_initializer")

inputs = keras.Input((4,), name="features")
x = keras.layers.Dense(3, name="dense")(inputs)
outputs = ScaleShift(name="scale_shift")(x)
save(keras.Model(inputs, outputs, name="custom_layer"), "custom_layer")
reference("custom_layer")

inputs = keras.Input((4,), name="features")
x = keras.layers.Lambda(double_it, name="doubled")(inputs)
outputs = keras.layers.Lambda(lambda t: t + 1.0, name="plus_one")(x)
save(keras.Model(inputs, outputs, name="lambdas"), "lambda")

I = keras.initializers
inputs = keras.Input((300,), name="features")
branches = [
    keras.layers.Dense(60, kernel_initializer=I.GlorotUniform(seed=1), name="glorot_uniform")(inputs),
    keras.layers.Dense(60, kernel_initializer=I.GlorotNormal(seed=2), name="glorot_normal")(inputs),
    keras.layers.Dense(60, kernel_initializer=I.HeNormal(seed=3), name="he_normal")(inputs),
    keras.layers.Dense(60, kernel_initializer=I.LecunUniform(seed=4), name="lecun_uniform")(inputs),
    keras.layers.Dense(60, kernel_initializer=I.VarianceScaling(0.5, "fan_out", "untruncated_normal", seed=5),
                       name="variance_scaling")(inputs),
    keras.layers.Dense(60, kernel_initializer=I.TruncatedNormal(0.1, 0.2, seed=6),
                       bias_initializer=I.Constant(0.25), name="truncated_normal")(inputs),
    keras.layers.Dense(60, kernel_initializer=I.RandomUniform(-0.3, 0.1, seed=7), name="random_uniform")(inputs),
]
image = keras.layers.Reshape((10, 10, 3))(inputs)
conv = keras.layers.Conv2D(64, 5, kernel_initializer=I.HeUniform(seed=8), name="conv")(image)
merged = keras.layers.Concatenate()(branches + [keras.layers.Flatten()(conv)])
save(keras.Model(inputs, merged, name="builtin_initializers"), "builtin_initializers", formats=("h5",))
