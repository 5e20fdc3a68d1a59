package org.kinspect.graph;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.kinspect.file.WeightValues;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * Copies a Keras weight matrix (or vector) from where it is stored into its place in the graph's
 * parameter vector: read whole into one transient array (the file's numbers are not kept in memory
 * once the model is open), then put into DL4J's parameter view block by block, which turns Keras's
 * C order into DL4J's layout (and, for an LSTM, Keras's gate blocks into DL4J's order). The
 * values' sum on the way tells whether any of them is NaN or infinite, so that the model's warnings
 * need no second pass.
 *
 * <p>Why whole and not a few rows at a time: ND4J copies a block of whole columns into an f-order
 * view several times faster than a block of some rows (measured: 110-170 ms against 540-740 ms CPU
 * for a 2048x8192 LSTM kernel), which outweighs reading the largest weight into memory at once.
 *
 * <pre>{@code
 * ParameterCopy.copy(kernel.stored(), denseLayer.getParam("W"), ParameterCopy.AS_STORED);
 * ParameterCopy.copy(lstmKernel.stored(), lstmLayer.getParam("W"), new int[] {2, 1, 3, 0}); // i,f,c,o -> c,f,o,i
 * }</pre>
 */
final class ParameterCopy {
    /** One block of columns, taken as it is stored. */
    static final int[] AS_STORED = {0};

    private ParameterCopy() {}

    /**
     * @param source a matrix {@code [rows, columns]} or a vector {@code [columns]} as Keras stored it
     * @param target DL4J's parameter view of the same shape (a vector: {@code [columns]} or {@code [1, columns]})
     * @param sourceBlockOfTargetBlock the target's columns split into this many equal blocks: for
     *     each, the block of the source's columns it takes
     */
    static void copy(WeightValues source, INDArray target, int[] sourceBlockOfTargetBlock) {
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
}
