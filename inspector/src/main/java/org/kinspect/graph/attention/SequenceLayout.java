package org.kinspect.graph.attention;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How DL4J's graph holds a sequence an attention layer reads or writes: (batch, features, time),
 * (batch, time, features), or folded into the batch, (batch * time, features), as DL4J leaves
 * the output of a Dense layer run on a sequence (row {@code b + t * batch} is step t of example b,
 * DL4J's {@code RnnToFeedForwardPreProcessor} order).
 */
enum SequenceLayout {
    NCW, NWC, FOLDED;

    /**
     * @param type one input's type
     * @param layerName the layer, for the message
     * @param role what the input is (query, value...), for the message
     * @return how the input holds its sequence
     * @throws InvalidInputTypeException when it is not a sequence
     */
    static SequenceLayout of(InputType type, String layerName, String role) {
        if (type instanceof InputType.InputTypeRecurrent sequence) {
            return sequence.getFormat() == RNNFormat.NWC ? NWC : NCW;
        }
        if (type instanceof InputType.InputTypeFeedForward) {
            return FOLDED;
        }
        throw new InvalidInputTypeException("attention layer '" + layerName + "' wants its " + role
                + " as a sequence (batch, steps, features), got " + type);
    }

    /** @return the features of each step of a sequence of this type */
    static long features(InputType type) {
        return type instanceof InputType.InputTypeRecurrent sequence ? sequence.getSize()
                : ((InputType.InputTypeFeedForward) type).getSize();
    }

    /** @return the steps of a sequence of this type, or -1 when unknown (folded, or left open) */
    static long steps(InputType type) {
        return type instanceof InputType.InputTypeRecurrent sequence ? sequence.getTimeSeriesLength() : -1;
    }

    /**
     * @param sequence the array as DL4J holds it
     * @param batch the batch size (for a folded sequence)
     * @return the array as (batch, time, features), C order, in the given type
     */
    INDArray batchTimeFeatures(INDArray sequence, long batch, DataType dataType) {
        INDArray ordered = switch (this) {
            case NCW -> sequence.permute(0, 2, 1);
            case NWC -> sequence;
            case FOLDED -> sequence.reshape('f', batch, sequence.size(0) / batch, sequence.size(1));
        };
        return ordered.castTo(dataType).dup('c');
    }

    /** @return a (batch, time, features) array as DL4J holds it in this layout */
    INDArray fromBatchTimeFeatures(INDArray batchTimeFeatures) {
        return switch (this) {
            case NCW -> batchTimeFeatures.permute(0, 2, 1).dup('c');
            case NWC -> batchTimeFeatures;
            case FOLDED -> batchTimeFeatures.dup('f').reshape('f', batchTimeFeatures.size(0) * batchTimeFeatures.size(1),
                    batchTimeFeatures.size(2)).dup('c');
        };
    }

    /** @return the type of a sequence output in this layout */
    InputType outputType(long features, long steps) {
        return switch (this) {
            case NCW -> InputType.recurrent(features, steps, RNNFormat.NCW);
            case NWC -> InputType.recurrent(features, steps, RNNFormat.NWC);
            case FOLDED -> InputType.feedForward(features);
        };
    }
}
