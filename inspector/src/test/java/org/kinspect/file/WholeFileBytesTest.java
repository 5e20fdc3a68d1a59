package org.kinspect.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read into the memory kept from the read before gets its own bytes, and no byte of the earlier file. */
class WholeFileBytesTest {

    @TempDir
    Path folder;

    @Test
    void eachReadHoldsExactlyItsOwnFilesBytes() throws IOException {
        byte[] larger = written("larger.h5", 5000, 1);
        byte[] smaller = written("smaller.h5", 300, 2);
        for (int round = 0; round < 3; round++) {
            assertArrayEquals(larger, readWhole(folder.resolve("larger.h5"), larger.length));
            assertArrayEquals(smaller, readWhole(folder.resolve("smaller.h5"), smaller.length));
        }
    }

    @Test
    void aFileLargerThanTheMemoryKeptIsReadWhole() throws IOException {
        byte[] small = written("small.h5", 100, 3);
        byte[] large = written("large.h5", WholeFileBytes.KEPT_UP_TO_BYTES + 4096, 4);
        assertArrayEquals(small, readWhole(folder.resolve("small.h5"), small.length));
        assertArrayEquals(large, readWhole(folder.resolve("large.h5"), large.length));
        assertArrayEquals(small, readWhole(folder.resolve("small.h5"), small.length));
    }

    @Test
    void aFileShorterThanItsSizeSaidGivesTheBytesItHas() throws IOException {
        byte[] bytes = written("shrunk.h5", 200, 5);
        try (WholeFileBytes read = WholeFileBytes.read(folder.resolve("shrunk.h5"), 1000)) {
            assertEquals(200, read.bytes().capacity());
            assertEquals(200, read.bytes().remaining());
            assertArrayEquals(bytes, copy(read.bytes()));
        }
    }

    private byte[] written(String name, int length, long seed) throws IOException {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        Files.write(folder.resolve(name), bytes);
        return bytes;
    }

    private static byte[] readWhole(Path path, int size) throws IOException {
        try (WholeFileBytes read = WholeFileBytes.read(path, size)) {
            assertEquals(size, read.bytes().capacity(), "the buffer ends where the file ends");
            assertEquals(0, read.bytes().position());
            return copy(read.bytes());
        }
    }

    private static byte[] copy(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }
}
