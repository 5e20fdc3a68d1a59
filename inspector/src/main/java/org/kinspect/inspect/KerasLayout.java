package org.kinspect.inspect;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.kinspect.shape.KerasShape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves arrays between DL4J's memory layout and Keras's. DL4J may keep a sequence as (batch,
 * features, time) and an image as (batch, channels, height, width) where Keras has (batch, time,
 * features) and, for {@code channels_last} models, (batch, height, width, channels). Where the
 * shape model knows Keras's shape of an output, that shape decides how DL4J's array maps to
 * Keras's layout ({@link #toKerasShape}); DL4J's description of the array only tells which of the
 * layouts DL4J keeps it in.
 */
final class KerasLayout {

    private KerasLayout() {}

    /**
     * @param array an activation as DL4J computed it
     * @param type DL4J's description of it
     * @param channelsFirst whether Keras keeps channels (or features) before the spatial axes
     * @return the same values in Keras's layout
     */
    static INDArray toKeras(INDArray array, InputType type, boolean channelsFirst) {
        int[] permutation = dl4jToKeras(type, channelsFirst, array.rank());
        return permutation == null ? array : array.permute(permutation).dup('c');
    }

    /**
     * @param array an input in Keras's layout
     * @param type DL4J's description of what the graph expects
     * @param channelsFirst whether Keras keeps channels (or features) before the spatial axes
     * @return the same values in DL4J's layout
     */
    static INDArray fromKeras(INDArray array, InputType type, boolean channelsFirst) {
        int[] permutation = dl4jToKeras(type, channelsFirst, array.rank());
        return permutation == null ? array : array.permute(inverse(permutation)).dup('c');
    }

    /**
     * DL4J runs a Dense (or other feed-forward) layer on a sequence by folding time into the batch:
     * it outputs (batch * time, features) where Keras keeps (batch, time, features).
     *
     * @param array an activation as DL4J computed it
     * @param batch the batch size the model was given
     * @param folded whether DL4J's configuration says the layer reads a sequence folded so; when it
     *     does not say, more rows than the batch tell
     * @return the array with time unfolded again, or the array itself when it was not folded
     */
    static INDArray unfoldTime(INDArray array, long batch, boolean folded) {
        if (array.rank() != 2 || batch == 0 || array.size(0) % batch != 0 || !folded && array.size(0) == batch) {
            return array;
        }
        // DL4J folds in Fortran order (row = example + batch * step), as its RnnToFeedForwardPreProcessor.
        return array.dup('f').reshape('f', batch, array.size(0) / batch, array.size(1)).dup('c');
    }

    /**
     * The array in Keras's layout, of Keras's shape: DL4J's array as its description says it is laid
     * out (a sequence (batch, features, time), an image channels first...), with time unfolded only
     * when Keras's shape has a time axis (a Dense after a global pooling is not folded, whatever
     * DL4J's configuration of it says); when that does not give Keras's shape, the array as DL4J
     * holds it, if that is Keras's shape.
     *
     * @param array an activation as DL4J computed it
     * @param type DL4J's description of it, or null
     * @param channelsFirst whether Keras keeps channels (or features) before the spatial axes
     * @param expected Keras's shape of it, batch and open sizes filled in where known
     * @param folded whether DL4J's configuration says the layer reads a sequence folded into the batch
     * @return the same values in Keras's layout, or null when neither gives Keras's shape
     */
    static INDArray toKerasShape(INDArray array, InputType type, boolean channelsFirst, KerasShape expected,
            boolean folded) {
        long batch = expected.size(0) == null ? array.size(0) : expected.size(0);
        INDArray described = array;
        if (expected.rank() == 3 && array.rank() == 2) {
            described = unfoldTime(array, batch, folded);
        }
        described = toKeras(described, type, channelsFirst);
        if (expected.admits(described.shape())) {
            return described;
        }
        if (expected.admits(array.shape())) {
            // DL4J describes some arrays in the other layout than they are held in (a sequence after a
            // Permute is described as (batch, features, time) and held as (batch, time, features)).
            return array;
        }
        return null;
    }

    /** The axis order that turns DL4J's layout into Keras's, or null when they agree. */
    private static int[] dl4jToKeras(InputType type, boolean channelsFirst, int rank) {
        if (type instanceof InputType.InputTypeRecurrent recurrent && rank == 3) {
            boolean dl4jChannelsFirst = recurrent.getFormat() == RNNFormat.NCW;
            return dl4jChannelsFirst == channelsFirst ? null : new int[] {0, 2, 1};
        }
        if (type instanceof InputType.InputTypeConvolutional convolutional && rank == 4) {
            boolean dl4jChannelsFirst = convolutional.getFormat() == CNN2DFormat.NCHW;
            if (dl4jChannelsFirst == channelsFirst) return null;
            return dl4jChannelsFirst ? new int[] {0, 2, 3, 1} : new int[] {0, 3, 1, 2};
        }
        if (type instanceof InputType.InputTypeConvolutional3D convolutional && rank == 5) {
            boolean dl4jChannelsFirst = convolutional.getDataFormat() == Convolution3D.DataFormat.NCDHW;
            if (dl4jChannelsFirst == channelsFirst) return null;
            return dl4jChannelsFirst ? new int[] {0, 2, 3, 4, 1} : new int[] {0, 4, 1, 2, 3};
        }
        return null;
    }

    private static int[] inverse(int[] permutation) {
        int[] inverse = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            inverse[permutation[i]] = i;
        }
        return inverse;
    }
}
