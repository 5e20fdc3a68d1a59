"""Conv1D on a single input channel (a univariate series), made with the real Keras 3.

    cd /work/main && ../shared/tools/keras3 python3 inspector/src/test/resources/conv1d/make_conv1d_fixtures.py
    ../shared/tools/keras3 python3 ../shared/tools/keras_reference.py \
        inspector/src/test/resources/conv1d/conv1d_one_channel.keras \
        inspector/src/test/resources/conv1d/conv1d_one_channel_io.h5 --batch 2 --seed 0
"""
import os

import keras

HERE = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(1)
model = keras.Sequential([
    keras.Input((12, 1)),
    keras.layers.Conv1D(5, 4, padding="same", name="conv"),
    keras.layers.Flatten(name="flatten"),
    keras.layers.Dense(2, name="out"),
])
model.save(os.path.join(HERE, "conv1d_one_channel.keras"))
model.save(os.path.join(HERE, "conv1d_one_channel.h5"))
