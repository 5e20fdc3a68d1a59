package org.kinspect.file;

import java.util.zip.CRC32C;

/**
 * The CRC-32C checksums of LevelDB tables and TensorFlow checkpoints, stored "masked" (rotated and
 * offset) so that a checksum of data holding checksums stays meaningful.
 *
 * <pre>{@code
 * int stored = MaskedCrc32c.mask(MaskedCrc32c.of(bytes, 0, bytes.length));
 * }</pre>
 */
final class MaskedCrc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private MaskedCrc32c() {}

    /** @return the plain CRC-32C of {@code length} bytes from {@code offset} */
    static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** @return the checksum as LevelDB and TensorFlow store it */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }
}
