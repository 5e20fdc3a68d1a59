#!/usr/bin/env python3
"""Small Keras 3 models for the layer classes no other fixture holds, with Keras's own outputs.

They back the rows of the README's layer coverage table that are not proved elsewhere.
Regenerate (from the repo root, /work/main):

    ../shared/tools/keras3 python3 inspector/src/test/resources/coverage/make_coverage_fixtures.py [CASE ...]

Each case writes CASE.keras, CASE.h5 and CASE_io.h5 next to this script with `make` from
../layers/make_layer_fixtures.py (same random weights and reference check). Each case's seed is
700 + its index in CASES: add new cases at the end. README.md in this folder lists the cases.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
import make_layer_fixtures as fixtures  # noqa: E402
from make_layer_fixtures import keras, L  # noqa: E402


def pooling_1d_2d():
    # the pooling family on sequences and images, every variant in parallel
    seq = keras.Input((8, 3), name="sequence")
    image = keras.Input((6, 6, 2), name="image")
    s = L.Conv1D(4, 2, name="seq_conv")(seq)
    i = L.Conv2D(3, 2, name="image_conv")(image)
    outs = [
        L.Flatten(name="avg1d_flat")(L.AveragePooling1D(2, name="avg1d")(s)),
        L.Flatten(name="avg1d_same_flat")(L.AveragePooling1D(3, strides=2, padding="same", name="avg1d_same")(s)),
        L.Flatten(name="max1d_flat")(L.MaxPooling1D(3, strides=2, padding="same", name="max1d")(s)),
        L.GlobalMaxPooling1D(name="gmax1d")(s),
        L.GlobalAveragePooling1D(name="gavg1d")(s),
        L.Flatten(name="avg2d_flat")(L.AveragePooling2D((2, 2), name="avg2d")(i)),
        L.Flatten(name="avg2d_same_flat")(L.AveragePooling2D((3, 3), strides=2, padding="same",
                                                             name="avg2d_same")(i)),
        L.Flatten(name="max2d_flat")(L.MaxPooling2D((3, 3), strides=2, padding="same", name="max2d")(i)),
        L.GlobalAveragePooling2D(name="gavg2d")(i),
        L.GlobalMaxPooling2D(name="gmax2d")(i),
    ]
    return keras.Model([seq, image], L.Concatenate(name="all")(outs), name="pooling_1d_2d")


def volumes():
    # 3-D convolution and pooling on a (4, 5, 6, 2) volume
    x = keras.Input((4, 5, 6, 2), name="volume")
    h = L.Conv3D(3, 2, padding="same", activation="relu", name="conv3d")(x)
    a = L.MaxPooling3D(2, name="max3d")(h)
    b = L.AveragePooling3D((2, 1, 2), name="avg3d")(h)
    outs = [L.GlobalAveragePooling3D(name="gavg3d")(a), L.GlobalMaxPooling3D(name="gmax3d")(b)]
    return keras.Model(x, L.Concatenate(name="all")(outs), name="volumes")


def inference_identities():
    # layers that only act in training: at inference every one passes its input through
    seq = keras.Input((5, 4), name="sequence")
    h = L.Dense(4, name="dense")(seq)
    h = L.Dropout(0.5, name="dropout")(h)
    h = L.SpatialDropout1D(0.5, name="spatial_dropout")(h)
    h = L.GaussianNoise(0.3, name="gaussian_noise")(h)
    h = L.GaussianDropout(0.3, name="gaussian_dropout")(h)
    h = L.AlphaDropout(0.3, name="alpha_dropout")(h)
    h = L.ActivityRegularization(l1=0.01, name="activity_regularization")(h)
    h = L.Identity(name="identity")(h)
    image = keras.Input((4, 4, 2), name="image")
    i = L.SpatialDropout2D(0.5, name="spatial_dropout_2d")(L.Conv2D(2, 1, name="conv2d")(image))
    volume = keras.Input((2, 3, 3, 2), name="volume")
    v = L.SpatialDropout3D(0.5, name="spatial_dropout_3d")(L.Conv3D(2, 1, name="conv3d")(volume))
    return keras.Model([seq, image, volume], [h, i, v], name="inference_identities")


def dot_and_average():
    # Dot on vectors (plain and cosine) and Average; Dot on sequences as in Luong attention
    # (scores = decoder . encoder, context = softmax(scores) . encoder); a sequence dotted with a vector
    a = keras.Input((6,), name="a")
    b = keras.Input((6,), name="b")
    da = L.Dense(5, name="dense_a")(a)
    db = L.Dense(5, name="dense_b")(b)
    outs = [
        L.Dot(axes=1, name="dot")([da, db]),
        L.Dot(axes=-1, normalize=True, name="cosine")([da, db]),
        L.Average(name="average")([da, db]),
    ]
    decoder = keras.Input((3, 4), name="decoder")
    encoder = keras.Input((5, 4), name="encoder")
    scores = L.Dot(axes=[2, 2], name="scores")([decoder, encoder])
    weights = L.Softmax(name="attention_weights")(scores)
    context = L.Dot(axes=[2, 1], name="context")([weights, encoder])
    along_vector = L.Dot(axes=(2, 1), name="sequence_dot_vector")([encoder, L.Dense(4, name="dense_query")(a)])
    return keras.Model([a, b, decoder, encoder],
                       [L.Concatenate(name="all")(outs), context, along_vector], name="dot_and_average")


def normalization_family():
    # preprocessing and normalisation layers: Rescaling, Normalization (configured and adapted),
    # GroupNormalization, RMSNormalization
    x = keras.Input((4, 6), name="features")
    h = L.Rescaling(0.5, offset=-0.25, name="rescaling")(x)
    norm = L.Normalization(axis=-1, mean=[0.1, -0.2, 0.3, 0.0, 0.5, -0.5],
                           variance=[1.0, 2.0, 0.5, 1.5, 0.25, 4.0], name="normalization")
    h = norm(h)
    h = L.Normalization(axis=-1, name="adapted_normalization")(h)  # mean and variance as weights
    g = L.GroupNormalization(groups=2, name="group_norm")(h)
    r = L.RMSNormalization(name="rms_norm")(h)
    return keras.Model(x, L.Concatenate(name="all")([g, r]), name="normalization_family")


def volume_resizing():
    # padding, cropping and upsampling of a (4, 5, 6, 2) volume, channels last and channels first
    x = keras.Input((4, 5, 6, 2), name="volume")
    h = L.ZeroPadding3D((1, 0, 1), name="pad3d")(x)
    h = L.Cropping3D(((1, 0), (0, 1), (1, 1)), name="crop3d")(h)
    h = L.UpSampling3D((1, 2, 1), name="up3d")(h)
    first = keras.Input((2, 4, 5, 6), name="volume_channels_first")
    f = L.ZeroPadding3D((1, 0, 1), data_format="channels_first", name="pad3d_first")(first)
    f = L.Cropping3D(((1, 0), (0, 1), (1, 1)), data_format="channels_first", name="crop3d_first")(f)
    f = L.UpSampling3D((1, 2, 1), data_format="channels_first", name="up3d_first")(f)
    return keras.Model([x, first], [h, f], name="volume_resizing")


def einsum_dense():
    # EinsumDense as a Dense on the last axis, with and without bias, on sequences and vectors
    x = keras.Input((4, 6), name="features")
    e = L.EinsumDense("abc,cd->abd", output_shape=(4, 3), bias_axes="d", name="einsum_dense")(x)
    f = L.EinsumDense("abc,cd->abd", output_shape=(4, 5), name="einsum_no_bias")(e)
    vector = keras.Input((7,), name="vector")
    v = L.EinsumDense("ab,bc->ac", output_shape=(2,), bias_axes="c", activation="tanh", name="einsum_vector")(vector)
    return keras.Model([x, vector], [f, v], name="einsum_dense")


def dense_on_sequences():
    # Dense applied to every step of a sequence, then flattened, pooled or fed to an LSTM
    x = keras.Input((4, 6), name="sequence")
    h = L.Dense(5, activation="relu", name="dense_steps")(x)
    flat = L.Dense(3, name="dense_after_flatten")(L.Flatten(name="flatten")(h))
    pooled = L.GlobalAveragePooling1D(name="pooled")(L.Dense(2, name="dense_steps_2")(h))
    lstm = L.LSTM(3, name="lstm")(L.Dense(4, activation="tanh", name="dense_before_lstm")(h))
    return keras.Model(x, L.Concatenate(name="all")([flat, pooled, lstm]), name="dense_on_sequences")


def augmentation_at_inference():
    # image augmentation layers, which change images only in training: at inference they pass them on;
    # and CenterCrop
    x = keras.Input((8, 8, 3), name="image")
    h = L.RandomFlip(name="random_flip")(x)
    h = L.RandomRotation(0.2, name="random_rotation")(h)
    h = L.RandomZoom(0.2, name="random_zoom")(h)
    h = L.RandomTranslation(0.1, 0.1, name="random_translation")(h)
    h = L.RandomContrast(0.3, name="random_contrast")(h)
    h = L.Conv2D(2, 3, name="conv")(h)
    odd = L.CenterCrop(3, 4, name="center_crop")(h)  # (6, 6) -> (3, 4): margins 1/2 and 1/1
    even = L.CenterCrop(4, 4, name="center_crop_even")(x)
    return keras.Model(x, [odd, even], name="augmentation_at_inference")


def conv3d_transpose():
    # a transposed 3-D convolution (strides 2) on a (2, 3, 3, 2) volume
    x = keras.Input((2, 3, 3, 2), name="volume")
    return keras.Model(x, L.Conv3DTranspose(2, 2, strides=2, name="conv3d_transpose")(x), name="conv3d_transpose")


def concatenate_axes():
    # Concatenate along the steps (axis 1) of two sequences, then an LSTM; along the rows of images
    first = keras.Input((3, 4), name="first")
    second = keras.Input((5, 4), name="second")
    steps = L.Concatenate(axis=1, name="concat_steps")([first, second])
    lstm = L.LSTM(2, name="lstm")(steps)
    image = keras.Input((2, 3, 2), name="image")
    rows = L.Concatenate(axis=1, name="concat_rows")([image, L.Conv2D(2, 1, name="conv")(image)])
    features = L.Concatenate(axis=-1, name="concat_features")([first, L.Dense(2, name="dense")(first)])
    return keras.Model([first, second, image], [lstm, rows, features], name="concatenate_axes")


CASES = [pooling_1d_2d, volumes, inference_identities, dot_and_average, normalization_family, volume_resizing,
         einsum_dense, dense_on_sequences, augmentation_at_inference, conv3d_transpose,
         concatenate_axes]


def main(argv):
    fixtures.make_cases(CASES, 700, HERE, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
