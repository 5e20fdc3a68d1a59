package org.kinspect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only channel over a region of a file, as if the region were a file of its own: what jhdf
 * opens to read a {@code .keras} zip's stored {@code model.weights.h5} in place. Its reads and
 * memory maps are those of the file at the region's start, so a dataset jhdf maps is mapped from
 * the zip itself (no copy; only the pages read count in memory), and jhdf reads the file's
 * metadata by position as from any file. Closing it closes the file's channel.
 *
 * <pre>{@code
 * FileChannel zip = FileChannel.open(path, StandardOpenOption.READ);
 * try (HdfFile weights = new HdfFile(new FileRegionChannel(zip, region.start(), region.size()))) { ... }
 * }</pre>
 */
final class FileRegionChannel extends FileChannel {
    private final FileChannel file;
    private final long start;
    private final long size;
    private long position;

    /**
     * @param file the whole file, open for reading
     * @param start where the region starts in it
     * @param size how many bytes it has
     */
    FileRegionChannel(FileChannel file, long start, long size) {
        this.file = file;
        this.start = start;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer into, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        if (at >= size) {
            return -1;
        }
        long available = size - at;
        if (into.remaining() <= available) {
            return file.read(into, start + at);
        }
        ByteBuffer limited = into.slice().limit((int) available);
        int read = file.read(limited, start + at);
        if (read > 0) {
            into.position(into.position() + read);
        }
        return read;
    }

    @Override
    public synchronized int read(ByteBuffer into) throws IOException {
        int read = read(into, position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public synchronized long read(ByteBuffer[] into, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int read = read(into[i]);
            if (read < 0) {
                return total == 0 ? -1 : total;
            }
            total += read;
            if (into[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long length) throws IOException {
        if (mode != MapMode.READ_ONLY) {
            throw new NonWritableChannelException();
        }
        if (at < 0 || length < 0 || at + length > size) {
            throw new IOException("cannot map bytes " + at + " to " + (at + length) + " of a region of " + size);
        }
        return file.map(mode, start + at, length);
    }

    @Override
    public synchronized long position() {
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        if (at >= size) {
            return 0;
        }
        return file.transferTo(start + at, Math.min(count, size - at), target);
    }

    @Override
    public int write(ByteBuffer from) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] from, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer from, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing written, nothing to force
    }

    @Override
    public FileLock lock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("a region of a file is not locked");
    }

    @Override
    public FileLock tryLock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("a region of a file is not locked");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
