package org.kinspect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The values of one stored weight: its shape known from the file's metadata, its numbers read
 * when they are asked for. A float32 dataset of 1 MB or more stored contiguously in an {@code .h5}
 * file or a {@code .keras} zip is not read when the model is opened: the import reads it once, a
 * few MB at a time ({@link #copyTo}), straight into its place in the graph's parameter vector,
 * and {@link #read()} makes an array of it again only for whoever asks. Other weights (small, compressed, another number
 * type, a SavedModel's) are read when the file is opened and kept in memory: those of an HDF5
 * file as Java floats, made an ND4J array on the first {@link #read()}, so that opening a model
 * to describe it (a summary) needs no ND4J at all.
 *
 * <pre>{@code
 * WeightValues kernel = tensor.stored();
 * kernel.shape();      // [512, 8192], from the file's metadata
 * INDArray copy = kernel.read(); // the numbers, in Keras's shape (C order, float32)
 * }</pre>
 */
public final class WeightValues {
    private final long[] shape;
    private final long length;
    /** The numbers, when they are in memory already as an array (made from {@link #floats} on the first read). */
    private volatile INDArray inMemory;
    /** The numbers read from an HDF5 file, in C order, until {@link #read()} makes them an array; then null. */
    private float[] floats;
    /** Where the float32 bytes are, in C order, when they are not in memory. */
    private final StoredBytes fileBytes;
    private final ByteOrder byteOrder;
    /** Set once a pass over the values has found them all finite (the import's copy does). */
    private volatile boolean knownFinite;
    /** How many numbers a pass over a file's values copies at a time (4 MB). */
    private static final int CHUNK = 1 << 20;

    private WeightValues(long[] shape, INDArray inMemory, float[] floats, StoredBytes fileBytes, ByteOrder byteOrder) {
        this.shape = shape.clone();
        long product = 1;
        for (long size : shape) {
            product = Math.multiplyExact(product, size);
        }
        this.length = product;
        this.inMemory = inMemory;
        this.floats = floats;
        this.fileBytes = fileBytes;
        this.byteOrder = byteOrder;
    }

    /**
     * @param values numbers already in memory, in Keras's shape (C order, float32)
     * @return them as stored values
     */
    public static WeightValues of(INDArray values) {
        return new WeightValues(values.shape(), values, null, null, null);
    }

    /**
     * Numbers read from a file into Java's memory, made an ND4J array on the first {@link #read()}.
     *
     * @param shape the dataset's shape ({@code []} for a scalar)
     * @param values its numbers in C order, as many as the shape holds; kept, not copied
     */
    static WeightValues ofFloats(long[] shape, float[] values) {
        WeightValues made = new WeightValues(shape, null, values, null, null);
        if (made.length != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
        }
        return made;
    }

    /**
     * Values read from their file when needed, by position: nothing of the file stays mapped or open.
     *
     * @param shape the dataset's shape
     * @param file the file; checked unchanged (size, time) before each read, since the values are
     *     read from it after it was opened
     * @param start where the dataset's float32 values start in the file, in bytes
     * @param byteOrder how they are stored
     * @param datasetPath the dataset's path in the file, for messages
     */
    static WeightValues inFile(long[] shape, Path file, long start, ByteOrder byteOrder, String datasetPath) {
        try {
            FileBytes bytes = new FileBytes(file, start, datasetPath, Files.size(file), Files.getLastModifiedTime(file));
            return new WeightValues(shape, null, null, bytes, byteOrder);
        } catch (IOException e) {
            throw KinspectException.modelFile(file + ": cannot read the file (" + e.getMessage() + ")");
        }
    }

    /**
     * Values read when needed from a file of kinspect's own that is open (a {@code .keras} zip's
     * weights, copied out of the zip into a temporary file whose name is deleted at once).
     *
     * @param shape the dataset's shape
     * @param file the open file
     * @param start where the dataset's float32 values start in it, in bytes
     * @param byteOrder how they are stored
     */
    static WeightValues inOpenFile(long[] shape, OpenFile file, long start, ByteOrder byteOrder) {
        file.use();
        return new WeightValues(shape, null, null, (from, into) -> file.read(start + from, into), byteOrder);
    }

    /** @return the shape Keras gave this weight */
    public long[] shape() {
        return shape.clone();
    }

    /** @return how many numbers it holds */
    public long length() {
        return length;
    }

    /** @return true when the numbers are kept in memory; false when each {@link #read()} reads them again */
    public boolean inMemory() {
        return fileBytes == null;
    }

    /** @return the numbers in Keras's shape (C order, float32); read from the file each time when not in memory */
    public INDArray read() {
        if (fileBytes == null) {
            return inMemoryArray();
        }
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        copyTo(0, (int) length, array);
        return array;
    }

    /**
     * The numbers kept in memory (read on opening), in C order, without making an ND4J array of
     * them: the import copies a small weight into the parameter vector from here, which spares it
     * a native array of its own per weight.
     *
     * <pre>{@code
     * FloatBuffer values = kernel.stored().inMemoryFloats(); // null: read it with copyTo
     * }</pre>
     *
     * @return a read-only buffer of all the numbers, positioned at 0; null when they are not in memory, or
     *     are an array that is not plain C-order float32 in memory of its own
     */
    public FloatBuffer inMemoryFloats() {
        if (fileBytes != null) {
            return null;
        }
        float[] java = javaFloats();
        if (java != null) {
            return FloatBuffer.wrap(java).asReadOnlyBuffer();
        }
        INDArray values = inMemoryArray();
        if (values.dataType() != DataType.FLOAT || values.ordering() != 'c' || values.isView() || values.offset() != 0
                || values.data().length() != values.length() || values.length() > Integer.MAX_VALUE / Float.BYTES) {
            return null;
        }
        return values.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().asReadOnlyBuffer();
    }

    /** The numbers kept in memory as an array, made of the Java floats the first time: the same array on every call. */
    private INDArray inMemoryArray() {
        INDArray array = inMemory;
        if (array == null) {
            synchronized (this) {
                array = inMemory;
                if (array == null) {
                    // Outside any workspace: the array outlives whatever runs when it is first asked for.
                    try (MemoryWorkspace unused = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                        array = Nd4j.create(floats, shape, 'c');
                    }
                    inMemory = array;
                    floats = null;
                }
            }
        }
        return array;
    }

    /** @return the Java floats the numbers are still kept as, or null once they are an array */
    private synchronized float[] javaFloats() {
        return inMemory == null ? floats : null;
    }

    /**
     * Copies some of the numbers, in C order, to the start of a float32 array with no offset.
     *
     * @param first the first number's index in C order
     * @param count how many
     * @param target a C-order float32 array of at least {@code count} numbers, not a view
     */
    public void copyTo(long first, int count, INDArray target) {
        if (target.dataType() != DataType.FLOAT || target.offset() != 0 || target.length() < count
                || first < 0 || first + count > length) {
            throw new IllegalArgumentException("cannot copy " + count + " values from " + first + " of " + length
                    + " into " + target.shapeInfoToString());
        }
        ByteBuffer into = target.data().asNio().order(ByteOrder.nativeOrder());
        float[] java = fileBytes == null ? javaFloats() : null;
        if (java != null) {
            into.asFloatBuffer().put(java, (int) first, count);
        } else if (fileBytes == null) {
            into.asFloatBuffer().put(floats(first, count));
        } else if (byteOrder.equals(ByteOrder.nativeOrder())) {
            fileBytes.read(first * Float.BYTES, into.duplicate().position(0).limit(count * Float.BYTES));
        } else {
            ByteBuffer stored = ByteBuffer.allocate(count * Float.BYTES);
            fileBytes.read(first * Float.BYTES, stored);
            into.asFloatBuffer().put(stored.flip().order(byteOrder).asFloatBuffer());
        }
    }

    /**
     * Records that a pass over all the numbers (the import's copy) found their sum finite, so that
     * {@link #nonFinite()} need not look again.
     */
    public void markFinite() {
        knownFinite = true;
    }

    /**
     * @return how many of the numbers are NaN and how many infinite; counted without a copy, once
     *     (a finite sum, seen by the import's copy or here, means none)
     */
    public NonFinite nonFinite() {
        if (knownFinite || length == 0) {
            return NonFinite.NONE;
        }
        float[] java = fileBytes == null ? javaFloats() : null;
        NonFinite counted = java != null ? NonFinite.of(FloatBuffer.wrap(java))
                : fileBytes == null ? NonFinite.of(inMemoryArray()) : countInChunks();
        if (counted.none()) {
            knownFinite = true;
        }
        return counted;
    }

    /** Counts them in the file, a few MB at a time, without ND4J (a summary checks a model's weights without it). */
    private NonFinite countInChunks() {
        ByteBuffer chunk = ByteBuffer.allocateDirect((int) Math.min(length, CHUNK) * Float.BYTES).order(byteOrder);
        long nan = 0;
        long infinite = 0;
        for (long first = 0; first < length; first += CHUNK) {
            int count = (int) Math.min(CHUNK, length - first);
            chunk.clear().limit(count * Float.BYTES);
            fileBytes.read(first * Float.BYTES, chunk);
            NonFinite part = NonFinite.of(chunk.flip().asFloatBuffer());
            nan += part.nan();
            infinite += part.infinite();
        }
        return new NonFinite(nan, infinite);
    }

    /**
     * How many numbers of a weight are not finite.
     *
     * @param nan how many are NaN
     * @param infinite how many are infinite
     */
    public record NonFinite(long nan, long infinite) {
        static final NonFinite NONE = new NonFinite(0, 0);

        static NonFinite of(INDArray values) {
            FloatBuffer own = ownFloats(values);
            if (own != null) {
                return of(own);
            }
            if (allFinite(values)) {
                return NONE;
            }
            return new NonFinite(count(values.isNaN()), count(values.isInfinite()));
        }

        /** Counted in Java's memory, one pass, no ND4J. */
        static NonFinite of(FloatBuffer values) {
            long nan = 0;
            long infinite = 0;
            for (int i = values.position(), end = values.limit(); i < end; i++) {
                float value = values.get(i);
                if (Float.isNaN(value)) {
                    nan++;
                } else if (Float.isInfinite(value)) {
                    infinite++;
                }
            }
            return nan == 0 && infinite == 0 ? NONE : new NonFinite(nan, infinite);
        }

        /**
         * Whether no value is NaN or infinite. A float32 array in memory of its own (every weight read
         * from a file) is scanned there: one native reduction per weight cost more than the rest of a
         * small model's import (ND4J wakes its threads for each), and the scan is faster at every size.
         * Otherwise a finite sum has no NaN and no infinity in it; a sum that is not finite may only
         * have overflowed, which {@link #of} then counts.
         *
         * <pre>{@code
         * if (!WeightValues.NonFinite.allFinite(kernel)) { ... count them ... }
         * }</pre>
         *
         * @param values the numbers
         * @return true when none is NaN or infinite (an empty array: true)
         */
        public static boolean allFinite(INDArray values) {
            if (values.isEmpty()) {
                return true;
            }
            FloatBuffer own = ownFloats(values);
            return own != null ? of(own).none() : Double.isFinite(values.sumNumber().doubleValue());
        }

        /** @return a float32 array's numbers when they are the whole of its own memory; otherwise null */
        private static FloatBuffer ownFloats(INDArray values) {
            if (values.isEmpty() || values.dataType() != DataType.FLOAT) {
                return null;
            }
            DataBuffer data = values.data();
            boolean ownMemory = !values.isView() && values.offset() == 0 && data.length() == values.length()
                    && values.length() <= Integer.MAX_VALUE;
            return ownMemory ? data.asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().limit((int) values.length()) : null;
        }

        private static long count(INDArray flags) {
            return flags.castTo(DataType.INT).sumNumber().longValue();
        }

        /** @return true when every number is finite */
        public boolean none() {
            return nan == 0 && infinite == 0;
        }
    }

    private FloatBuffer floats(long first, int count) {
        INDArray contiguous = inMemory.isView() || inMemory.ordering() != 'c' || inMemory.offset() != 0
                || inMemory.dataType() != DataType.FLOAT ? inMemory.castTo(DataType.FLOAT).dup('c') : inMemory;
        FloatBuffer all = contiguous.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        return all.position((int) first).limit((int) (first + count)).slice();
    }

    /** Where a weight's bytes are kept until they are read. */
    private interface StoredBytes {
        /** Fills {@code into} with the bytes from {@code start} (relative to the weight's first byte) on. */
        void read(long start, ByteBuffer into);
    }

    /** Bytes in a file, read by position with a channel opened for the read. */
    private record FileBytes(Path file, long start, String datasetPath, long size, FileTime modified)
            implements StoredBytes {
        @Override
        public void read(long from, ByteBuffer into) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (channel.size() != size || !Files.getLastModifiedTime(file).equals(modified)) {
                    throw changed(null);
                }
                long position = start + from;
                while (into.hasRemaining()) {
                    int read = channel.read(into, position);
                    if (read < 0) {
                        throw changed(null);
                    }
                    position += read;
                }
            } catch (IOException e) {
                throw changed(e);
            }
        }

        private KinspectException changed(IOException cause) {
            return KinspectException.modelFile(file + ": the file changed or is gone since the model was opened (weight '"
                    + datasetPath + "' is read from it when needed" + (cause == null ? "" : ": " + cause.getMessage())
                    + "); open the model again");
        }
    }
}
