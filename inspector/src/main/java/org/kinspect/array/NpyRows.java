package org.kinspect.array;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The rows of a {@code .npy} file (slices along its first axis), read a range at a time without
 * loading the file: what streaming a data set of millions of examples through a model needs. Only
 * the header is read on {@link #open}; each {@link #read} reads just the bytes of its rows, through
 * one reusable buffer, so memory stays flat however large the file.
 *
 * <pre>{@code
 * try (NpyRows rows = NpyRows.open(Path.of("x.npy"))) {          // x.npy: (1000000, 20, 2)
 *     for (long from = 0; from < rows.count(); from += 256) {
 *         INDArray batch = rows.read(from, Math.min(from + 256, rows.count()));  // (256, 20, 2)
 *     }
 * }
 * }</pre>
 *
 * <p>Accepts every dtype, byte order and format version {@link NpyFile#read} does, converted the
 * same way to float32. Fortran-order files work too, but each row range is then gathered from one
 * run per column, so C order (numpy's default) reads much faster. An instance is not thread-safe.
 */
public final class NpyRows implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final NpyHeader header;
    private final NpyFile.StoredType type;
    private final long count;
    private final long[] rowShape;
    private final long rowElements;
    private ByteBuffer chunk;

    private NpyRows(Path file, FileChannel channel, NpyHeader header, NpyFile.StoredType type) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.type = type;
        long[] shape = header.shape();
        this.count = shape[0];
        this.rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        long elements = 1;
        for (long size : rowShape) {
            elements *= size; // cannot overflow: the header's element count was checked
        }
        this.rowElements = elements;
    }

    /**
     * Opens a file and reads its header; the data is read by {@link #read}.
     *
     * @param file a {@code .npy} file with at least one axis
     * @return its rows; close them when done
     * @throws NpyFormatException when the file is missing, damaged, shorter than its header says,
     *     of a dtype kinspect does not read, or a 0-d array (which has no rows)
     */
    public static NpyRows open(Path file) {
        Objects.requireNonNull(file, "file");
        FileChannel channel = null;
        try {
            channel = NpyFile.open(file);
            NpyFile.Checked checked = NpyFile.check(channel, file);
            NpyHeader header = checked.header();
            if (header.shape().length == 0) {
                throw new NpyFormatException(file + ": holds a single value (a 0-d array), not examples along"
                        + " a first axis; save the examples stacked, e.g. np.save(path, np.stack(examples))");
            }
            NpyRows rows = new NpyRows(file, channel, header, checked.type());
            channel = null; // now owned by rows
            return rows;
        } catch (IOException e) {
            throw NpyFile.unreadable(file, e);
        } finally {
            closeQuietly(channel);
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the file's header: dtype, memory order, shape */
    public NpyHeader header() {
        return header;
    }

    /** @return how many rows: the size of the first axis */
    public long count() {
        return count;
    }

    /** @return the shape of one row: the file's shape without its first axis */
    public long[] rowShape() {
        return rowShape.clone();
    }

    /**
     * @param from the first row, from 0
     * @param to one past the last row; {@code from <= to <= count()}
     * @return rows {@code [from, to)} as a new float32 C-order array of shape
     *     {@code (to - from, rowShape...)}
     * @throws IllegalArgumentException when the range is not within the file
     * @throws NpyFormatException when the file cannot be read any more (it shrank, or the disk failed)
     */
    public INDArray read(long from, long to) {
        if (from < 0 || to < from || to > count) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not within the " + count
                    + " rows of " + file);
        }
        long rows = to - from;
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        if (rows == 0 || rowElements == 0) {
            return Nd4j.create(DataType.FLOAT, shape, 'c');
        }
        try {
            if (!header.fortranOrder()) {
                INDArray result = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                readRun(from * rowElements, rows * rowElements, target(result), 0);
                return onHost(result);
            }
            // Fortran order: row r of column c (the other axes flattened first-fastest) sits at
            // r + count * c, so each column holds the wanted rows as one contiguous run.
            INDArray result = Nd4j.createUninitialized(DataType.FLOAT, shape, 'f');
            FloatPointer target = target(result);
            for (long column = 0; column < rowElements; column++) {
                readRun(column * count + from, rows, target, column * rows);
            }
            return onHost(result).dup('c');
        } catch (IOException e) {
            throw NpyFile.unreadable(file, e);
        }
    }

    /** Reads {@code elements} values from element {@code first} of the data into {@code target} at {@code offset}. */
    private void readRun(long first, long elements, FloatPointer target, long offset) throws IOException {
        int chunkElements = NpyFile.CHUNK_BYTES / type.size();
        long done = 0;
        while (done < elements) {
            int step = (int) Math.min(elements - done, chunkElements);
            ByteBuffer bytes = chunk(step * type.size());
            long position = header.dataOffset() + (first + done) * type.size();
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, position + bytes.position()) < 0) {
                    throw NpyFile.truncated(file, header, header.elementCount() * type.size(), (first + done) * type.size() + bytes.position());
                }
            }
            bytes.flip();
            FloatBuffer window = new FloatPointer(target).position(offset + done).limit(offset + done + step).asBuffer();
            type.kind().convert(bytes, window, step);
            done += step;
        }
    }

    /** One direct buffer, grown as needed and reused, so reading makes no garbage per batch. */
    private ByteBuffer chunk(int bytes) {
        if (chunk == null || chunk.capacity() < bytes) {
            chunk = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16)).order(type.order());
        }
        chunk.clear().limit(bytes);
        return chunk;
    }

    private static FloatPointer target(INDArray array) {
        return new FloatPointer(array.data().addressPointer());
    }

    private static INDArray onHost(INDArray array) {
        // A no-op on CPU; on a GPU backend it marks the host copy as the current one.
        Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
        return array;
    }

    /** Closes the file. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Only read from: nothing was lost.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Already failing with a better message.
            }
        }
    }

    @Override
    public String toString() {
        return "NpyRows[" + file + ", " + count + " rows of " + Arrays.toString(rowShape) + "]";
    }
}
