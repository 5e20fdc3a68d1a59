"""Writes keras_layer_classes.txt: every layer class the installed Keras exports as keras.layers.X
(aliases included, one name a line, with the Keras version first), for KerasClassesTest, which checks
that the catalogue of Keras classes names each of them.

    ../shared/tools/keras3 python3 inspector/src/test/resources/catalog/list_keras_layer_classes.py
"""
import os

import keras

# Base classes a model never holds as such.
BASES = {"Layer", "Wrapper", "InputSpec"}

names = sorted(name for name in dir(keras.layers)
               if isinstance(getattr(keras.layers, name), type)
               and issubclass(getattr(keras.layers, name), keras.layers.Layer)
               and name not in BASES)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_layer_classes.txt"), "w") as out:
    out.write(f"# keras {keras.__version__}\n")
    out.write("\n".join(names) + "\n")
print(len(names), "classes")
