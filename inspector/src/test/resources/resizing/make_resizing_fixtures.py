#!/usr/bin/env python3
"""Small Keras 3 models with image resizing and adaptive pooling layers, with Keras's own outputs.

Regenerate (from the worktree root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/resizing/make_resizing_fixtures.py [CASE ...]

Each case writes CASE.keras, CASE.h5 and CASE_io.h5 next to this script with `make` from
../layers/make_layer_fixtures.py (same random weights and reference check). Each case's seed is
900 + its index in CASES: add new cases at the end. README.md in this folder lists the cases.
The reference numbers come from Keras's torch backend (torch.nn.functional.interpolate and
adaptive pooling).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
import make_layer_fixtures as fixtures  # noqa: E402
from make_layer_fixtures import keras, L  # noqa: E402


def resizing_channels_last():
    # nearest and bilinear, up and down, to sizes that are no whole factor of the input's; a crop to
    # the target's aspect ratio; a convolution after, to check the sizes it is given
    x = keras.Input((5, 7, 2), name="image")
    h = L.Conv2D(3, 1, name="conv")(x)
    outs = [
        L.Resizing(8, 4, interpolation="nearest", name="nearest_up_down")(h),
        L.Resizing(3, 2, interpolation="nearest", name="nearest_down")(h),
        L.Resizing(3, 10, interpolation="bilinear", name="bilinear_down_up")(h),
        L.Resizing(11, 13, name="bilinear_up")(h),
        L.Resizing(2, 3, name="bilinear_down")(h),
        L.Resizing(4, 4, crop_to_aspect_ratio=True, name="bilinear_cropped")(h),
        L.Resizing(6, 3, interpolation="nearest", crop_to_aspect_ratio=True, name="nearest_cropped")(h),
    ]
    outs = [L.Flatten(name=f"flat_{o.name}")(L.Conv2D(2, 2, name=f"conv_{i}")(o)) for i, o in enumerate(outs)]
    return keras.Model(x, L.Concatenate(name="all")(outs), name="resizing_channels_last")


def resizing_channels_first():
    # the same on channels_first images
    x = keras.Input((2, 5, 7), name="image")
    nearest = L.Resizing(8, 4, interpolation="nearest", data_format="channels_first", name="nearest")(x)
    bilinear = L.Resizing(3, 10, data_format="channels_first", name="bilinear")(x)
    cropped = L.Resizing(4, 4, crop_to_aspect_ratio=True, data_format="channels_first", name="cropped")(x)
    return keras.Model(x, [nearest, bilinear, cropped], name="resizing_channels_first")


def resizing_bicubic():
    # refused: torch's bicubic (a=-0.75, edges clamped) is neither ND4J's nor TensorFlow's
    x = keras.Input((5, 7, 2), name="image")
    return keras.Model(x, L.Resizing(8, 4, interpolation="bicubic", name="bicubic")(x), name="resizing_bicubic")


def resizing_padded():
    # pad to the target's aspect ratio with a fill value, then resize
    x = keras.Input((5, 7, 2), name="image")
    wide = L.Resizing(4, 4, pad_to_aspect_ratio=True, fill_value=0.5, name="pad_rows")(x)
    tall = L.Resizing(9, 3, pad_to_aspect_ratio=True, interpolation="nearest", name="pad_columns")(x)
    return keras.Model(x, [wide, tall], name="resizing_padded")


def adaptive_pooling_channels_last():
    # bins of uneven sizes that overlap (start floor(i*L/n), end ceil((i+1)*L/n))
    seq = keras.Input((10, 3), name="sequence")
    image = keras.Input((7, 5, 2), name="image")
    volume = keras.Input((5, 4, 6, 2), name="volume")
    return keras.Model([seq, image, volume], [
        L.AdaptiveAveragePooling1D(4, name="avg1d")(seq),
        L.AdaptiveMaxPooling1D(3, name="max1d")(seq),
        L.AdaptiveAveragePooling2D((3, 2), name="avg2d")(image),
        L.AdaptiveMaxPooling2D((4, 3), name="max2d")(image),
        L.AdaptiveAveragePooling3D((2, 3, 4), name="avg3d")(volume),
        L.AdaptiveMaxPooling3D((3, 2, 2), name="max3d")(volume),
    ], name="adaptive_pooling_channels_last")


def adaptive_pooling_channels_first():
    image = keras.Input((2, 7, 5), name="image")
    volume = keras.Input((2, 5, 4, 6), name="volume")
    f = "channels_first"
    return keras.Model([image, volume], [
        L.AdaptiveAveragePooling2D((3, 2), data_format=f, name="avg2d")(image),
        L.AdaptiveMaxPooling2D((4, 3), data_format=f, name="max2d")(image),
        L.AdaptiveAveragePooling3D((2, 3, 4), data_format=f, name="avg3d")(volume),
        L.AdaptiveMaxPooling3D((3, 2, 2), data_format=f, name="max3d")(volume),
    ], name="adaptive_pooling_channels_first")


def adaptive_pooling_sequences_first():
    # channels_first sequences: [batch, channels, steps]
    seq = keras.Input((3, 10), name="sequence")
    return keras.Model(seq, [
        L.AdaptiveAveragePooling1D(4, data_format="channels_first", name="avg1d")(seq),
        L.AdaptiveMaxPooling1D(3, data_format="channels_first", name="max1d")(seq),
    ], name="adaptive_pooling_sequences_first")


CASES = [resizing_channels_last, resizing_channels_first, resizing_bicubic, resizing_padded,
         adaptive_pooling_channels_last, adaptive_pooling_channels_first, adaptive_pooling_sequences_first]


def main(argv):
    fixtures.make_cases(CASES, 900, HERE, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
