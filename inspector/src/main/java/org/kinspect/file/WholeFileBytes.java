package org.kinspect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small file's bytes, read whole into native memory that is kept from one read to the next, for
 * as long as the bytes are parsed ({@link #close()} gives the memory back). Reading into a new Java
 * array ({@code Files.readAllBytes}) cleared the array and copied every byte twice (the JDK reads
 * into a native buffer of its own first): a tenth of a small model's import. The bytes must not be
 * used after {@link #close()}: the next read overwrites them.
 *
 * <pre>{@code
 * try (WholeFileBytes read = WholeFileBytes.read(path)) {
 *     HdfFile file = HdfFile.fromByteBuffer(read.bytes()); // parsed, and everything kept copied out
 * }
 * }</pre>
 */
final class WholeFileBytes implements AutoCloseable {
    /** The largest memory kept for the next read (1 MB); a larger file's is freed when it is no longer used. */
    static final int KEPT_UP_TO_BYTES = 1 << 20;
    /** The memory of the last read, until a read takes it. */
    private static final AtomicReference<ByteBuffer> SPARE = new AtomicReference<>();

    private final ByteBuffer memory;
    private final ByteBuffer bytes;

    private WholeFileBytes(ByteBuffer memory, ByteBuffer bytes) {
        this.memory = memory;
        this.bytes = bytes;
    }

    /**
     * @param path the file
     * @param size its size, in bytes (what it holds when read, if it changed since, up to this size)
     * @return its bytes
     * @throws IOException when it cannot be read
     */
    static WholeFileBytes read(Path path, int size) throws IOException {
        ByteBuffer memory = SPARE.getAndSet(null);
        if (memory == null || memory.capacity() < size) {
            memory = ByteBuffer.allocateDirect(Math.max(size, memory == null ? 0 : memory.capacity()));
        }
        memory.clear().limit(size);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (memory.hasRemaining() && channel.read(memory) >= 0) {
                // until the buffer is full or the file ends
            }
        } catch (IOException | RuntimeException e) {
            give(memory);
            throw e;
        }
        return new WholeFileBytes(memory, memory.slice(0, memory.position()));
    }

    /** @return the file's bytes, as many as it held: a buffer of its own, positioned at 0 */
    ByteBuffer bytes() {
        return bytes;
    }

    /** Gives the memory back for the next read; the bytes are not to be used any more. */
    @Override
    public void close() {
        give(memory);
    }

    private static void give(ByteBuffer memory) {
        if (memory.capacity() <= KEPT_UP_TO_BYTES) {
            SPARE.set(memory);
        }
    }
}
