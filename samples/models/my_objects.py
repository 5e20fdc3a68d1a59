"""Custom Keras objects for kinspect's fixtures (imported by make_custom.py and, with --custom,
by keras_reference.py).

SmallPositive is deterministic on purpose: an untrained layer's stored weights are then exactly
what a Java implementation of it must reproduce.
"""
import math

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="MyPkg")
class SmallPositive(keras.initializers.Initializer):
    """scale * (1 + (i mod 7)) for the i-th value in row-major order."""

    def __init__(self, scale=0.01):
        self.scale = scale

    def __call__(self, shape, dtype=None):
        count = math.prod(shape)
        steps = ops.mod(ops.arange(count, dtype="float32"), 7.0)
        return ops.reshape(self.scale * (1.0 + steps), shape)

    def get_config(self):
        return {"scale": self.scale}


@keras.saving.register_keras_serializable(package="MyPkg")
class ScaleShift(keras.layers.Layer):
    """y = x * scale + shift, one scale and one shift per feature (the last axis)."""

    def build(self, input_shape):
        features = input_shape[-1]
        self.scale = self.add_weight(name="scale", shape=(features,),
                                     initializer=keras.initializers.RandomNormal(1.0, 0.3, seed=1))
        self.shift = self.add_weight(name="shift", shape=(features,),
                                     initializer=keras.initializers.RandomNormal(0.0, 0.3, seed=2))

    def call(self, x):
        return x * self.scale + self.shift


def double_it(x):
    return x * 2.0
