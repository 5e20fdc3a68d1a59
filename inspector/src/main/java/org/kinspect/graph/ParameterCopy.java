package org.kinspect.graph;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.kinspect.file.WeightValues;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * Copies a Keras weight matrix (or vector) straight from where it is stored into its place in the
 * graph's parameter vector, in one pass: a few rows at a time into a small buffer, then into
 * DL4J's parameter view, which turns Keras's C order into DL4J's layout (and, for an LSTM, Keras's
 * gate blocks into DL4J's order). No array of the whole weight is made on the way, and the values'
 * sum on the way tells whether any of them is NaN or infinite, without a second pass.
 *
 * <pre>{@code
 * ParameterCopy.copy(kernel.stored(), denseLayer.getParam("W"), ParameterCopy.AS_STORED);
 * ParameterCopy.copy(lstmKernel.stored(), lstmLayer.getParam("W"), new int[] {2, 1, 3, 0}); // i,f,c,o -> c,f,o,i
 * }</pre>
 */
final class ParameterCopy {
    /** One block of columns, taken as it is stored. */
    static final int[] AS_STORED = {0};
    /** How many values one step copies at most (4 MB of float32). */
    private static final long CHUNK = 1 << 20;

    private ParameterCopy() {}

    /**
     * @param source a matrix {@code [rows, columns]} or a vector {@code [columns]} as Keras stored it
     * @param target DL4J's parameter view of the same shape (a vector: {@code [columns]} or {@code [1, columns]})
     * @param sourceBlockOfTargetBlock the target's columns split into this many equal blocks: for
     *     each, the block of the source's columns it takes
     */
    static void copy(WeightValues source, INDArray target, int[] sourceBlockOfTargetBlock) {
        long[] shape = source.shape();
        long rows = shape.length == 2 ? shape[0] : 1;
        long columns = shape[shape.length - 1];
        long width = columns / sourceBlockOfTargetBlock.length;
        int rowsPerChunk = (int) Math.max(1, Math.min(rows, CHUNK / Math.max(1, columns)));
        INDArray chunk = Nd4j.createUninitialized(DataType.FLOAT, rowsPerChunk, columns);
        boolean finite = true;
        for (long row = 0; row < rows; row += rowsPerChunk) {
            int count = (int) Math.min(rowsPerChunk, rows - row);
            source.copyTo(row * columns, Math.toIntExact(count * columns), chunk);
            INDArray read = count == rowsPerChunk ? chunk : chunk.get(interval(0, count), all());
            finite &= Double.isFinite(read.sumNumber().doubleValue()); // a finite sum has no NaN or infinity
            for (int block = 0; block < sourceBlockOfTargetBlock.length; block++) {
                long from = sourceBlockOfTargetBlock[block] * width;
                INDArray part = read.get(all(), interval(from, from + width));
                INDArrayIndex into = interval(block * width, (block + 1) * width);
                if (target.rank() == 1) {
                    target.get(into).assign(part.reshape(width));
                } else {
                    target.get(interval(row, row + count), into).assign(part);
                }
            }
        }
        if (finite) {
            source.markFinite();
        }
    }
}
