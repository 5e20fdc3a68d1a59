package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code ops.stack} of same-shaped tensors along a new non-batch axis. */
final class Stacking implements Operation {
    private final Object axis;
    private final List<Operand> operands;

    /**
     * @param axis the new axis, counted in the result (negative from its end)
     * @param operands the tensors stacked, in order
     */
    Stacking(Object axis, List<Operand> operands) {
        if (operands.isEmpty() || operands.stream().anyMatch(operand -> !operand.isTensor())) {
            throw new IllegalArgumentException("with a constant argument");
        }
        this.axis = axis;
        this.operands = List.copyOf(operands);
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] first = operands.get(0).shape(inputShapes);
        for (Operand operand : operands) {
            if (!Arrays.equals(first, operand.shape(inputShapes))) {
                throw new IllegalArgumentException("of tensors of different shapes");
            }
        }
        int at = Axes.one(((Number) axis).intValue(), first.length + 1);
        List<Long> shape = new ArrayList<>();
        for (long size : first) {
            shape.add(size);
        }
        shape.add(at, (long) operands.size());
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray first = operands.get(0).value(inputs);
        int at = Axes.one(((Number) axis).intValue(), first.rank() + 1);
        INDArray[] parts = new INDArray[operands.size()];
        for (int i = 0; i < parts.length; i++) {
            INDArray part = operands.get(i).value(inputs);
            long[] shape = new long[part.rank() + 1];
            for (int d = 0, from = 0; d < shape.length; d++) {
                shape[d] = d == at ? 1 : part.size(from++);
            }
            parts[i] = part.dup('c').reshape('c', shape);
        }
        return Nd4j.concat(at, parts);
    }
}
