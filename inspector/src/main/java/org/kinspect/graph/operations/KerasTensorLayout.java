package org.kinspect.graph.operations;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How an operation layer's inbound tensor is laid out in DL4J next to Keras's layout of it
 * ({@code channels_last}): as Keras has it, channels first (DL4J's (batch, features, time) and
 * NCHW), or a sequence folded into the batch (what DL4J's Dense on a sequence and the layers
 * after it output). Operation layers compute in Keras's layout and give their result in it, with
 * the DL4J type that says so (NWC, NHWC).
 *
 * <pre>{@code
 * InputType type = InputType.recurrent(3, 4, RNNFormat.NCW);
 * KerasTensorLayout.of(type);          // CHANNELS_FIRST_SEQUENCE
 * KerasTensorLayout.kerasShape(type);  // [-1, 4, 3]
 * }</pre>
 */
enum KerasTensorLayout {
    /** DL4J holds it as Keras does. */
    AS_KERAS,
    /** (batch, features, time) for Keras's (batch, time, features). */
    CHANNELS_FIRST_SEQUENCE,
    /** (batch, channels, height, width) for Keras's (batch, height, width, channels). */
    CHANNELS_FIRST_IMAGE,
    /** (batch, channels, depth, height, width) for Keras's (batch, depth, height, width, channels). */
    CHANNELS_FIRST_VOLUME,
    /** (batch * time, features) for Keras's (batch, time, features). */
    FOLDED_SEQUENCE;

    /**
     * @param type DL4J's type of the tensor
     * @return its layout
     * @throws IllegalArgumentException for a type kinspect does not lay out (a flattened image)
     */
    static KerasTensorLayout of(InputType type) {
        if (type instanceof InputType.InputTypeFeedForward feedForward) {
            return feedForward.getTimeDistributedFormat() instanceof RNNFormat ? FOLDED_SEQUENCE : AS_KERAS;
        }
        if (type instanceof InputType.InputTypeRecurrent recurrent) {
            return recurrent.getFormat() == RNNFormat.NCW ? CHANNELS_FIRST_SEQUENCE : AS_KERAS;
        }
        if (type instanceof InputType.InputTypeConvolutional image) {
            return image.getFormat() == CNN2DFormat.NCHW ? CHANNELS_FIRST_IMAGE : AS_KERAS;
        }
        if (type instanceof InputType.InputTypeConvolutional3D volume) {
            return volume.getDataFormat() == Convolution3D.DataFormat.NCDHW ? CHANNELS_FIRST_VOLUME : AS_KERAS;
        }
        throw new IllegalArgumentException("on a tensor of DL4J type " + type);
    }

    /**
     * @param type DL4J's type of the tensor
     * @return its Keras shape ({@code channels_last}), the batch axis first; -1 for unknown sizes
     */
    static long[] kerasShape(InputType type) {
        if (type instanceof InputType.InputTypeFeedForward feedForward) {
            return of(type) == FOLDED_SEQUENCE ? new long[] {-1, -1, feedForward.getSize()}
                    : new long[] {-1, feedForward.getSize()};
        }
        if (type instanceof InputType.InputTypeRecurrent recurrent) {
            long steps = recurrent.getTimeSeriesLength() > 0 ? recurrent.getTimeSeriesLength() : -1;
            return new long[] {-1, steps, recurrent.getSize()};
        }
        if (type instanceof InputType.InputTypeConvolutional image) {
            return new long[] {-1, image.getHeight(), image.getWidth(), image.getChannels()};
        }
        if (type instanceof InputType.InputTypeConvolutional3D volume) {
            return new long[] {-1, volume.getDepth(), volume.getHeight(), volume.getWidth(), volume.getChannels()};
        }
        throw new IllegalArgumentException("on a tensor of DL4J type " + type);
    }

    /**
     * @param shape a Keras shape ({@code channels_last}), the batch axis first
     * @return the DL4J type of an array in that layout
     * @throws IllegalArgumentException for shapes DL4J has no type for
     */
    static InputType typeOf(long[] shape) {
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 0 && !(shape.length == 3 && i == 1)) {
                throw new IllegalArgumentException("giving a tensor of open size along axis " + i);
            }
        }
        return switch (shape.length) {
            case 1 -> InputType.feedForward(1); // (batch,): one value an example, kept as Keras shapes it
            case 2 -> InputType.feedForward(shape[1]);
            case 3 -> shape[1] > 0 ? InputType.recurrent(shape[2], shape[1], RNNFormat.NWC)
                    : InputType.recurrent(shape[2], RNNFormat.NWC);
            case 4 -> InputType.convolutional(shape[1], shape[2], shape[3], CNN2DFormat.NHWC);
            case 5 -> InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, shape[1], shape[2], shape[3], shape[4]);
            default -> throw new IllegalArgumentException("giving a rank-" + shape.length + " tensor");
        };
    }

    /**
     * @param array the tensor as DL4J holds it
     * @param batch the batch size (to unfold a folded sequence)
     * @return the tensor in Keras's layout
     */
    INDArray toKeras(INDArray array, long batch) {
        return switch (this) {
            case AS_KERAS -> array;
            case CHANNELS_FIRST_SEQUENCE -> array.permute(0, 2, 1).dup('c');
            case CHANNELS_FIRST_IMAGE -> array.permute(0, 2, 3, 1).dup('c');
            case CHANNELS_FIRST_VOLUME -> array.permute(0, 2, 3, 4, 1).dup('c');
            // DL4J folds in Fortran order (row = example + batch * step), as its RnnToFeedForwardPreProcessor.
            case FOLDED_SEQUENCE -> array.rank() != 2 ? array
                    : array.dup('f').reshape('f', batch, array.size(0) / batch, array.size(1)).dup('c');
        };
    }
}
