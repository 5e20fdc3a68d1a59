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
import subprocess
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


def augmentation_identities():
    # image augmentation layers whose transform_images changes images only when training (Keras 3.16
    # code: `if training:` around the change, or no transformation drawn when not training), and a
    # RandomCrop to the size it is given. (Equalization is left out: Keras 3.16 cannot put it in a
    # functional model, its symbolic output being its input.)
    x = keras.Input((8, 8, 3), name="image")
    h = L.Rescaling(1 / 8, offset=0.5, name="to_unit_range")(x)
    for layer in [
        L.RandomColorJitter(value_range=(0, 1), brightness_factor=0.2, contrast_factor=0.2,
                            saturation_factor=(0.5, 0.9), hue_factor=0.2, name="random_color_jitter"),
        L.RandomErasing(value_range=(0, 1), name="random_erasing"),
        L.RandomGaussianBlur(value_range=(0, 1), name="random_gaussian_blur"),
        L.RandomGrayscale(0.5, name="random_grayscale"),
        L.RandomHue(0.3, value_range=(0, 1), name="random_hue"),
        L.RandomInvert(value_range=(0, 1), name="random_invert"),
        L.AugMix(value_range=(0, 1), name="aug_mix"),
        L.CutMix(name="cut_mix"),
        L.MixUp(name="mix_up"),
        L.RandAugment(value_range=(0, 1), name="rand_augment"),
        L.RandomElasticTransform(value_range=(0, 1), name="random_elastic_transform"),
        L.RandomPerspective(name="random_perspective"),
        L.RandomShear(x_factor=(0.1, 0.3), y_factor=(0.0, 0.2), name="random_shear"),  # Keras cannot reload a symmetric one
        L.RandomCrop(8, 8, name="random_crop_same_size"),
    ]:
        h = layer(h)
    return keras.Model(x, L.Conv2D(2, 3, name="conv")(h), name="augmentation_identities")


def resizing_antialias():
    # refused: antialiased bilinear downscaling differs between Keras's backends
    x = keras.Input((5, 7, 2), name="image")
    return keras.Model(x, L.Resizing(2, 3, antialias=True, name="antialiased")(x), name="resizing_antialias")


def adaptive_pooling_mixed_volume():
    # refused: a channels_first AdaptiveAveragePooling3D of a channels_last Conv3D's volume
    x = keras.Input((4, 4, 4, 2), name="volume")
    h = L.Conv3D(3, 1, name="conv3d")(x)
    return keras.Model(x, L.AdaptiveAveragePooling3D((2, 2, 2), data_format="channels_first", name="avg3d_first")(h),
                       name="adaptive_pooling_mixed_volume")


def augmentation_identities_keras_only():
    # more of them, which Keras 3.16 cannot write to .h5 (its legacy saver fails to copy their
    # configuration: "cannot pickle 'module' object"): written as .keras only
    x = keras.Input((8, 8, 3), name="image")
    h = L.Rescaling(1 / 8, offset=0.5, name="to_unit_range")(x)
    for layer in [
        L.RandomBrightness(0.3, value_range=(0, 1), name="random_brightness"),
        L.RandomColorDegeneration(0.5, value_range=(0, 1), name="random_color_degeneration"),
        L.RandomPosterization(4, value_range=(0, 1), name="random_posterization"),
        L.RandomSaturation(0.5, value_range=(0, 1), name="random_saturation"),
        L.RandomSharpness(0.5, value_range=(0, 1), name="random_sharpness"),
        L.Solarization(0.5, value_range=(0, 1), name="solarization"),
    ]:
        h = layer(h)
    return keras.Model(x, L.Conv2D(2, 3, name="conv")(h), name="augmentation_identities_keras_only")


def make_keras_only(case, seed):
    """CASE.keras and CASE_io.h5 as `make` writes them, without the .h5 Keras cannot write."""
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    fixtures.randomize(model, seed, 1.0)
    keras_file = os.path.join(HERE, f"{case.__name__}.keras")
    model.save(keras_file)
    subprocess.run([sys.executable, fixtures.REFERENCE, keras_file, os.path.join(HERE, f"{case.__name__}_io.h5"),
                    "--batch", "2", "--seed", "0"], check=True)
    print(f"{case.__name__}: ok (.keras only)")


def random_crop_smaller():
    # refused: Keras 3.16 passes the 8 x 8 images through at inference, Keras 2 crops their centre
    x = keras.Input((8, 8, 3), name="image")
    return keras.Model(x, L.RandomCrop(5, 6, name="random_crop")(x), name="random_crop_smaller")


CASES = [resizing_channels_last, resizing_channels_first, resizing_bicubic, resizing_padded,
         adaptive_pooling_channels_last, adaptive_pooling_channels_first, adaptive_pooling_sequences_first,
         augmentation_identities, random_crop_smaller, resizing_antialias,
         adaptive_pooling_mixed_volume, augmentation_identities_keras_only]
KERAS_ONLY = {augmentation_identities_keras_only}


def main(argv):
    unknown = set(argv) - {case.__name__ for case in CASES}
    if unknown:
        sys.exit(f"unknown cases: {sorted(unknown)}")
    # the .keras-only cases come last in CASES, so the others keep their place and seed
    both = [case for case in CASES if case not in KERAS_ONLY]
    wanted_both = [name for name in argv if name in {case.__name__ for case in both}]
    if not argv or wanted_both:
        fixtures.make_cases(both, 900, HERE, wanted_both)
    for index, case in enumerate(CASES):
        if case in KERAS_ONLY and (not argv or case.__name__ in argv):
            make_keras_only(case, 900 + index)


if __name__ == "__main__":
    main(sys.argv[1:])
