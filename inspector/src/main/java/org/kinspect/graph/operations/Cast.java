package org.kinspect.graph.operations;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code ops.cast}: kinspect computes in 32-bit floats, so a cast to a float type keeps the values,
 * one to {@code int32} or {@code int64} drops the fraction (towards zero), one to {@code bool}
 * gives 1 for every non-zero value.
 */
final class Cast implements Operation {
    private final String dtype;

    /**
     * @param dtype the Keras dtype cast to
     * @throws IllegalArgumentException for a type whose values kinspect's floats cannot stand for
     */
    Cast(Object dtype) {
        this.dtype = String.valueOf(dtype);
        if (!List.of("float32", "float64", "int32", "int64", "bool").contains(this.dtype)) {
            throw new IllegalArgumentException("to " + dtype + " (kinspect casts to float32, float64, int32, int64"
                    + " and bool)");
        }
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        return Reduction.only(inputShapes);
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray x = inputs.get(0);
        return switch (dtype) {
            case "int32", "int64" -> Transforms.floor(Transforms.abs(x, true), false).muli(Transforms.sign(x, true));
            case "bool" -> x.neq(0).castTo(DataType.FLOAT);
            default -> x;
        };
    }
}
