package org.kinspect.graph;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.kinspect.file.WeightValues;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * Copies a Keras weight matrix (or vector) from where it is stored into its place in the graph's
 * parameter vector, turning Keras's C order into DL4J's layout (and, for an LSTM, Keras's gate
 * blocks into DL4J's order), and tells the weight whether all its values are finite, so that the
 * model's warnings need no second pass.
 *
 * <p>A weight read from its file when needed is copied a few MB of whole rows at a time, straight
 * from the file into a small buffer and from there into the parameter view's own memory (a slice
 * of the one parameter vector, found by the view's offset and strides), by a tiled Java loop: no
 * array of the whole weight is made. Why not ND4J's {@code assign} into the view: its strided copy
 * into an f-order view is slow (a 2048x8192 LSTM kernel: 110-170 ms CPU by whole columns,
 * 540-740 ms by blocks of rows), several times what reading the bytes costs. A weight read when the
 * file was opened (a small one) goes the same way from its own memory when that is plain C-order
 * float32; other number types and views this loop does not handle go the ND4J way, whole.
 *
 * <pre>{@code
 * ParameterCopy.copy(kernel.stored(), denseLayer.getParam("W"), ParameterCopy.AS_STORED);
 * ParameterCopy.copy(lstmKernel.stored(), lstmLayer.getParam("W"), new int[] {2, 1, 3, 0}); // i,f,c,o -> c,f,o,i
 * }</pre>
 */
final class ParameterCopy {
    /** One block of columns, taken as it is stored. */
    static final int[] AS_STORED = {0};
    /** How many numbers are read from the file at a time (4 MB): whole rows, at least one. */
    private static final int CHUNK = 1 << 20;
    /** The side of the square of values transposed at a time, small enough for the first-level cache. */
    private static final int TILE = 64;

    private ParameterCopy() {}

    /**
     * @param source a matrix {@code [rows, columns]} or a vector {@code [columns]} as Keras stored it
     * @param target DL4J's parameter view of the same shape (a vector: {@code [columns]} or {@code [1, columns]})
     * @param sourceBlockOfTargetBlock the target's columns split into this many equal blocks: for
     *     each, the block of the source's columns it takes
     */
    static void copy(WeightValues source, INDArray target, int[] sourceBlockOfTargetBlock) {
        if (copyInPlace(source, target, sourceBlockOfTargetBlock)) {
            return;
        }
        INDArray values = source.read();
        if (sourceBlockOfTargetBlock.length == 1 && values.rank() == target.rank()) {
            target.assign(values);
        } else {
            copyBlocks(values, target, sourceBlockOfTargetBlock);
        }
        if (WeightValues.NonFinite.allFinite(values)) {
            source.markFinite(); // no NaN or infinity: the model's warnings need not look again
        }
        if (!source.inMemory() && values.closeable()) {
            // Read for this copy alone: freed now, not when the garbage collector gets to it, so that
            // the weights read one after another do not all stay in memory beside the parameters.
            values.close();
        }
    }

    private static void copyBlocks(INDArray values, INDArray target, int[] sourceBlockOfTargetBlock) {
        long width = values.size(values.rank() - 1) / sourceBlockOfTargetBlock.length;
        for (int block = 0; block < sourceBlockOfTargetBlock.length; block++) {
            long from = sourceBlockOfTargetBlock[block] * width;
            INDArrayIndex into = interval(block * width, (block + 1) * width);
            INDArrayIndex taken = interval(from, from + width);
            if (values.rank() == 2) {
                target.get(all(), into).assign(values.get(all(), taken));
            } else if (target.rank() == 1) {
                target.get(into).assign(values.get(taken));
            } else {
                target.get(all(), into).assign(values.get(taken).reshape(1, width));
            }
        }
    }

    /**
     * The file's values, chunk of rows by chunk of rows, into the target's memory: element
     * {@code (row, column)} of the target is at {@code offset + row * rowStride + column * columnStride}
     * of its data buffer. When a row of the target is contiguous (a bias, a C-order view) each
     * block of a row is one bulk copy; when a column is (DL4J's f-order kernels) the chunk is
     * transposed tile by tile into columns, each then one bulk copy.
     *
     * @return false, having copied nothing, when the target is not a float32 view this handles
     */
    private static boolean copyInPlace(WeightValues source, INDArray target, int[] sourceBlockOfTargetBlock) {
        long[] shape = source.shape();
        if (target.dataType() != DataType.FLOAT || shape.length < 1 || shape.length > 2 || source.length() == 0) {
            return false;
        }
        FloatBuffer inMemory = null;
        if (source.inMemory()) {
            // Read on opening (a small weight): copied from its own memory when that is plain C-order
            // float32, which spares ND4J's per-copy overhead (it wakes its threads for each assign).
            INDArray values = source.read();
            if (values.dataType() != DataType.FLOAT || values.ordering() != 'c' || values.isView()
                    || values.offset() != 0 || values.data().length() != values.length()
                    || values.length() > Integer.MAX_VALUE / Float.BYTES) {
                return false;
            }
            inMemory = values.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        long rows = shape.length == 2 ? shape[0] : 1;
        long columns = shape[shape.length - 1];
        long rowStride;
        long columnStride;
        if (target.rank() == 2 && target.size(0) == rows && target.size(1) == columns) {
            rowStride = target.stride(0);
            columnStride = target.stride(1);
        } else if (rows == 1 && target.rank() == 1 && target.size(0) == columns) {
            rowStride = 0;
            columnStride = target.stride(0);
        } else {
            return false;
        }
        long last = target.offset() + (rows - 1) * rowStride + (columns - 1) * columnStride;
        if (columns % sourceBlockOfTargetBlock.length != 0 || columns > CHUNK || rowStride < 0 || columnStride < 0
                || target.offset() < 0 || last >= Integer.MAX_VALUE / Float.BYTES) {
            return false; // a byte buffer reaches 2 GB at most
        }
        boolean rowsContiguous = columnStride == 1;
        boolean columnsContiguous = rowStride == 1 || rows == 1;
        if (!rowsContiguous && !columnsContiguous) {
            return false;
        }
        FloatBuffer into = target.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (last >= into.capacity()) {
            return false; // the view's buffer is the whole parameter vector, the offset counted in it
        }
        int width = (int) columns / sourceBlockOfTargetBlock.length;
        int[] targetColumnOfSourceColumn = new int[(int) columns];
        for (int block = 0; block < sourceBlockOfTargetBlock.length; block++) {
            for (int i = 0; i < width; i++) {
                targetColumnOfSourceColumn[sourceBlockOfTargetBlock[block] * width + i] = block * width + i;
            }
        }
        int chunkRows = (int) Math.min(rows, Math.max(1, CHUNK / columns));
        INDArray read = inMemory != null ? null : Nd4j.createUninitialized(DataType.FLOAT, (long) chunkRows * columns);
        float[] stored = new float[chunkRows * (int) columns];
        float[] transposed = rowsContiguous ? null : new float[stored.length];
        boolean finite = true;
        try {
            FloatBuffer readFloats = read == null ? null
                    : read.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (long firstRow = 0; firstRow < rows; firstRow += chunkRows) {
                int count = (int) Math.min(chunkRows, rows - firstRow);
                if (inMemory != null) {
                    inMemory.get((int) (firstRow * columns), stored, 0, count * (int) columns);
                } else {
                    source.copyTo(firstRow * columns, count * (int) columns, read);
                    readFloats.get(0, stored, 0, count * (int) columns);
                }
                long firstIndex = target.offset() + firstRow * rowStride;
                if (rowsContiguous) {
                    finite &= allFinite(stored, count * (int) columns);
                    putRowBlocks(stored, count, (int) columns, width, sourceBlockOfTargetBlock, into, firstIndex,
                            rowStride);
                } else {
                    finite &= transpose(stored, count, (int) columns, targetColumnOfSourceColumn, transposed);
                    for (int column = 0; column < columns; column++) {
                        into.put((int) (firstIndex + column * columnStride), transposed, column * count, count);
                    }
                }
            }
        } finally {
            if (read != null) {
                read.close();
            }
        }
        if (finite) {
            source.markFinite(); // no NaN or infinity: the model's warnings need not look again
        }
        return true;
    }

    private static void putRowBlocks(float[] stored, int count, int columns, int width, int[] sourceBlockOfTargetBlock,
            FloatBuffer into, long firstIndex, long rowStride) {
        for (int row = 0; row < count; row++) {
            for (int block = 0; block < sourceBlockOfTargetBlock.length; block++) {
                into.put((int) (firstIndex + row * rowStride + (long) block * width), stored,
                        row * columns + sourceBlockOfTargetBlock[block] * width, width);
            }
        }
    }

    /**
     * {@code stored} ({@code count} rows of {@code columns}, C order) into {@code transposed}, column
     * after column in the target's column order, a tile at a time.
     *
     * @return whether every value was finite
     */
    private static boolean transpose(float[] stored, int count, int columns, int[] targetColumnOfSourceColumn,
            float[] transposed) {
        boolean finite = true;
        for (int rowTile = 0; rowTile < count; rowTile += TILE) {
            int rowEnd = Math.min(count, rowTile + TILE);
            for (int columnTile = 0; columnTile < columns; columnTile += TILE) {
                int columnEnd = Math.min(columns, columnTile + TILE);
                for (int row = rowTile; row < rowEnd; row++) {
                    int from = row * columns;
                    for (int column = columnTile; column < columnEnd; column++) {
                        float value = stored[from + column];
                        finite &= Float.isFinite(value);
                        transposed[targetColumnOfSourceColumn[column] * count + row] = value;
                    }
                }
            }
        }
        return finite;
    }

    private static boolean allFinite(float[] values, int count) {
        boolean finite = true;
        for (int i = 0; i < count; i++) {
            finite &= Float.isFinite(values[i]);
        }
        return finite;
    }
}
