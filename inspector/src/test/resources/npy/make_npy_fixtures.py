"""Writes the .npy fixtures that NpyFileTest reads, with real numpy.

Run from anywhere:  python3 make_npy_fixtures.py  (files land next to this script)
Every array is built from a formula (arange, iinfo limits) that NpyFileTest
recomputes in Java, so the test never compares against values copied from
kinspect's own output. Files are a few hundred bytes each.
"""
import os

import numpy as np

INTEGER_TYPES = ["|i1", "<i2", "<i4", "<i8"]
UNSIGNED_TYPES = ["|u1", "<u2", "<u4", "<u8"]


def save(name, array, **kwargs):
    np.save(name + ".npy", array, **kwargs)


def save_version(name, array, version):
    with open(name + ".npy", "wb") as out:
        np.lib.format.write_array(out, array, version=version)


def main():
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    # Floats: value i of the C-order sequence is a simple formula of i.
    save("float16", (np.arange(12).reshape(3, 4) * 0.25 - 1).astype("<f2"))
    # 1/3 rounds to 0x3555 = 0.333251953125 in half precision.
    save("float16_special", np.array(
        [0.0, -0.0, 65504.0, 2.0 ** -14, 2.0 ** -24, 1 / 3, np.inf, -np.inf, np.nan], dtype="<f2"))
    save("float32", (np.arange(24).reshape(2, 3, 4) * 0.5 - 3).astype("<f4"))
    save("float64", (np.arange(6).reshape(2, 3) / 3).astype("<f8"))

    # Signed integers: [min, max, -5, -4, ..., 4] as a 3x4 array.
    for descr in INTEGER_TYPES:
        info = np.iinfo(np.dtype(descr))
        values = [int(info.min), int(info.max)] + list(range(-5, 5))
        save("int%d" % (8 * np.dtype(descr).itemsize), np.array(values, dtype=descr).reshape(3, 4))

    # Unsigned integers: [0, max, 1, 2, ..., 10] as a 3x4 array; uint64
    # puts 2**63 + 2**39 + 1 third, a value whose float32 rounding goes
    # wrong when the lowest bit is dropped before converting.
    for descr in UNSIGNED_TYPES:
        info = np.iinfo(np.dtype(descr))
        third = 2 ** 63 + 2 ** 39 + 1 if descr == "<u8" else 1
        values = [0, int(info.max), third] + list(range(2, 11))
        save("uint%d" % (8 * np.dtype(descr).itemsize), np.array(values, dtype=descr).reshape(3, 4))

    save("bool", np.arange(6).reshape(2, 3) % 3 == 0)

    # Fortran order: element [i, j, k] is 12*i + 4*j + k.
    save("fortran_float32", np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 4)))

    # Big-endian.
    save("big_endian_float32", (np.arange(12).reshape(3, 4) * 1.5 - 4).astype(">f4"))
    save("big_endian_int16", np.array([-32768, 32767] + [i * 1000 for i in range(-5, 5)], dtype=">i2").reshape(3, 4))

    # Ranks 0 and 1, and an empty array.
    save("scalar", np.array(3.25, dtype="<f4"))
    save("vector", np.arange(5, dtype="<f4") * 2 + 1)
    save("empty", np.zeros((0, 3), dtype="<f4"))

    # Format versions 2.0 and 3.0 (numpy only picks them for huge or non-latin-1 headers).
    save_version("version2", np.arange(6, dtype="<f4").reshape(2, 3), (2, 0))
    save_version("version3", np.arange(6, dtype="<f4").reshape(2, 3), (3, 0))

    # Refused: kinspect must say why instead of reading these.
    save("object", np.array([1, "two", None], dtype=object), allow_pickle=True)
    save("unicode", np.array(["ab", "cd"]))
    save("bytes", np.array([b"ab", b"cd"]))
    save("complex", np.arange(3).astype("<c8"))
    save("structured", np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))
    save("datetime", np.array(["2024-01-01", "2024-01-02"], dtype="<M8[D]"))
    # float32.npy cut 6 bytes short: 96 data bytes expected, 90 present.
    with open("float32.npy", "rb") as whole:
        content = whole.read()
    with open("truncated.npy", "wb") as cut:
        cut.write(content[:-6])


if __name__ == "__main__":
    main()
