package org.kinspect.graph.operations;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code ops.concatenate} of tensors along a non-batch axis. */
final class Concatenation implements Operation {
    private final Object axis;
    private final List<Operand> operands;

    /**
     * @param axis the axis, negative counted from the end
     * @param operands the tensors joined, in order
     */
    Concatenation(Object axis, List<Operand> operands) {
        if (operands.stream().anyMatch(operand -> !operand.isTensor())) {
            throw new IllegalArgumentException("with a constant argument");
        }
        this.axis = axis;
        this.operands = List.copyOf(operands);
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] first = operands.get(0).shape(inputShapes);
        int at = Axes.one(((Number) axis).intValue(), first.length);
        long[] shape = first.clone();
        for (Operand operand : operands.subList(1, operands.size())) {
            long[] other = operand.shape(inputShapes);
            boolean fits = other.length == first.length;
            for (int i = 1; fits && i < first.length; i++) {
                fits = i == at || other[i] == first[i] || other[i] < 0 || first[i] < 0;
            }
            if (!fits) {
                throw new IllegalArgumentException("of shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(other) + " along axis " + at);
            }
            shape[at] = shape[at] < 0 || other[at] < 0 ? -1 : shape[at] + other[at];
        }
        return shape;
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray[] parts = operands.stream().map(operand -> operand.value(inputs)).toArray(INDArray[]::new);
        return Nd4j.concat(Axes.one(((Number) axis).intValue(), parts[0].rank()), parts);
    }
}
