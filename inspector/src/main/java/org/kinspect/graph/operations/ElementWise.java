package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise ops: math on one tensor ({@code ops.sqrt}, {@code ops.relu}...) and arithmetic and
 * comparisons of two arguments, tensors or constants, broadcast as numpy does. Comparisons give
 * Keras's booleans as 0 and 1.
 *
 * <pre>{@code
 * // 2.0 - x
 * new ElementWise("subtract", List.of(new Operand.Constant(Nd4j.scalar(2f)), new Operand.Tensor(0)));
 * }</pre>
 */
final class ElementWise implements Operation {
    private static final Map<String, UnaryOperator<INDArray>> UNARY = Map.ofEntries(
            Map.entry("sqrt", x -> Transforms.sqrt(x, true)),
            Map.entry("exp", x -> Transforms.exp(x, true)),
            Map.entry("log", x -> Transforms.log(x, true)),
            Map.entry("tanh", x -> Transforms.tanh(x, true)),
            Map.entry("sigmoid", x -> Transforms.sigmoid(x, true)),
            Map.entry("relu", x -> Transforms.relu(x, true)),
            Map.entry("abs", x -> Transforms.abs(x, true)),
            Map.entry("square", x -> x.mul(x)),
            Map.entry("negative", INDArray::neg),
            Map.entry("floor", x -> Transforms.floor(x, true)),
            Map.entry("ceil", x -> Transforms.ceil(x, true)),
            Map.entry("sign", x -> Transforms.sign(x, true)),
            Map.entry("sin", x -> Transforms.sin(x, true)),
            Map.entry("cos", x -> Transforms.cos(x, true)),
            Map.entry("softplus", x -> Transforms.softPlus(x, true)),
            Map.entry("log1p", x -> Transforms.log(x.add(1), false)),
            Map.entry("expm1", x -> Transforms.exp(x, true).subi(1)),
            Map.entry("reciprocal", x -> x.rdiv(1)),
            Map.entry("rsqrt", x -> Transforms.sqrt(x, true).rdivi(1)),
            Map.entry("silu", x -> x.mul(Transforms.sigmoid(x, true))),
            Map.entry("relu6", x -> Transforms.min(Transforms.relu(x, true), 6.0, false)),
            // Keras (numpy, torch) rounds halves to even
            Map.entry("round", x -> Nd4j.getExecutioner().exec(new Rint(x.dup()))));

    private static final Map<String, BinaryOperator<INDArray>> BINARY = Map.ofEntries(
            Map.entry("add", INDArray::add),
            Map.entry("subtract", INDArray::sub),
            Map.entry("multiply", INDArray::mul),
            Map.entry("divide", INDArray::div),
            Map.entry("power", (a, b) -> Transforms.pow(a, b, true)),
            Map.entry("maximum", (a, b) -> Transforms.max(a, b, true)),
            Map.entry("minimum", (a, b) -> Transforms.min(a, b, true)),
            Map.entry("equal", (a, b) -> bool(a.eq(b))),
            Map.entry("not_equal", (a, b) -> bool(a.neq(b))),
            Map.entry("greater", (a, b) -> bool(a.gt(b))),
            Map.entry("less", (a, b) -> bool(a.lt(b))),
            Map.entry("greater_equal", (a, b) -> bool(a.lt(b)).rsubi(1)),
            Map.entry("less_equal", (a, b) -> bool(a.gt(b)).rsubi(1)));

    /** Each differentiable unary function's derivative, from its argument x and its result y. */
    private static final Map<String, BinaryOperator<INDArray>> DERIVATIVES = Map.ofEntries(
            Map.entry("tanh", (x, y) -> y.mul(y).rsubi(1)),
            Map.entry("sigmoid", (x, y) -> y.mul(y.rsub(1))),
            Map.entry("exp", (x, y) -> y.dup()),
            Map.entry("square", (x, y) -> x.mul(2)),
            Map.entry("negative", (x, y) -> x.like().assign(-1)),
            Map.entry("relu", (x, y) -> bool(x.gt(0))), // 0 at 0, as torch
            Map.entry("sqrt", (x, y) -> y.mul(2).rdivi(1)),
            Map.entry("log", (x, y) -> x.rdiv(1)),
            Map.entry("sin", (x, y) -> Transforms.cos(x, true)),
            Map.entry("cos", (x, y) -> Transforms.sin(x, true).negi()),
            Map.entry("softplus", (x, y) -> Transforms.sigmoid(x, true)),
            Map.entry("reciprocal", (x, y) -> y.mul(y).negi()));
    /** The binary functions with a backward pass. */
    private static final java.util.Set<String> DIFFERENTIABLE_BINARY = java.util.Set.of("add", "subtract", "multiply",
            "divide");

    private final String function;
    private final List<Operand> operands;

    /**
     * @param function a unary or binary function's name
     * @param operands its arguments: one for a unary function, two for a binary one
     * @throws IllegalArgumentException for another number of arguments
     */
    ElementWise(String function, List<Operand> operands) {
        int wanted = UNARY.containsKey(function) ? 1 : 2;
        if (operands.size() != wanted) {
            throw new IllegalArgumentException("with " + operands.size() + " arguments (it takes " + wanted + ")");
        }
        if (operands.stream().noneMatch(Operand::isTensor)) {
            throw new IllegalArgumentException("on constants alone");
        }
        this.function = function;
        this.operands = List.copyOf(operands);
    }

    /** @return whether a function is element-wise */
    static boolean computes(String function) {
        return UNARY.containsKey(function) || BINARY.containsKey(function);
    }

    /**
     * @param folded for each inbound tensor, whether it is a sequence folded into the batch
     * @return whether computing on the folded rows gives the folded result: every tensor operand is
     *     folded alike, and constants vary along the features at most
     */
    boolean isRowWise(boolean[] folded) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.Tensor tensor && !folded[tensor.index()]
                    || operand instanceof Operand.Constant constant && constant.value().rank() > 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] shape = operands.get(0).shape(inputShapes);
        for (Operand operand : operands.subList(1, operands.size())) {
            shape = Broadcast.shape(shape, operand.shape(inputShapes));
        }
        int rank = shape.length;
        boolean batchFromTensor = operands.stream().anyMatch(operand -> operand.isTensor()
                && operand.shape(inputShapes).length == rank);
        boolean constantOverBatch = operands.stream().anyMatch(operand -> !operand.isTensor()
                && operand.shape(inputShapes).length == rank && operand.shape(inputShapes)[0] != 1);
        if (!batchFromTensor || constantOverBatch) {
            throw new IllegalArgumentException("with a constant of more axes than its tensor (it would broadcast"
                    + " over the batch axis)");
        }
        return shape;
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        if (operands.size() == 1) {
            return UNARY.get(function).apply(operands.get(0).value(inputs));
        }
        List<INDArray> values = new ArrayList<>();
        long[] shape = operands.get(0).value(inputs).shape();
        for (Operand operand : operands) {
            INDArray value = operand.value(inputs);
            values.add(value);
            shape = Broadcast.shape(shape, value.shape());
        }
        INDArray a = Broadcast.to(values.get(0).castTo(DataType.FLOAT), shape);
        INDArray b = Broadcast.to(values.get(1).castTo(DataType.FLOAT), shape);
        return BINARY.get(function).apply(a, b);
    }

    private static INDArray bool(INDArray comparison) {
        return comparison.castTo(DataType.FLOAT);
    }

    @Override
    public boolean differentiable() {
        return DERIVATIVES.containsKey(function) || DIFFERENTIABLE_BINARY.contains(function);
    }

    @Override
    public List<INDArray> backward(List<INDArray> inputs, INDArray outputGradient) {
        if (!differentiable()) {
            throw new UnsupportedOperationException("no backward pass for " + function);
        }
        INDArray gradient = outputGradient.castTo(DataType.FLOAT);
        List<INDArray> byInput = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), (INDArray) null));
        if (operands.size() == 1) {
            INDArray x = operands.get(0).value(inputs).castTo(DataType.FLOAT);
            INDArray y = UNARY.get(function).apply(x.dup());
            add(byInput, operands.get(0), gradient.mul(DERIVATIVES.get(function).apply(x, y)));
            return byInput;
        }
        long[] shape = gradient.shape();
        INDArray a = Broadcast.to(operands.get(0).value(inputs).castTo(DataType.FLOAT), shape);
        INDArray b = Broadcast.to(operands.get(1).value(inputs).castTo(DataType.FLOAT), shape);
        INDArray toA;
        INDArray toB;
        switch (function) {
            case "add" -> { toA = gradient; toB = gradient; }
            case "subtract" -> { toA = gradient; toB = gradient.neg(); }
            case "multiply" -> { toA = gradient.mul(b); toB = gradient.mul(a); }
            default -> { toA = gradient.div(b); toB = gradient.mul(a).div(b.mul(b)).negi(); } // divide
        }
        add(byInput, operands.get(0), unbroadcast(toA, operands.get(0).value(inputs).shape()));
        add(byInput, operands.get(1), unbroadcast(toB, operands.get(1).value(inputs).shape()));
        return byInput;
    }

    /** Adds a gradient to the tensor an operand reads (x * x reads one tensor twice); constants get none. */
    private static void add(List<INDArray> byInput, Operand operand, INDArray gradient) {
        if (operand instanceof Operand.Tensor tensor) {
            INDArray earlier = byInput.get(tensor.index());
            byInput.set(tensor.index(), earlier == null ? gradient : earlier.add(gradient));
        }
    }

    /** Sums a gradient over the axes numpy's broadcasting added or stretched, back to the operand's shape. */
    private static INDArray unbroadcast(INDArray gradient, long[] shape) {
        INDArray result = gradient;
        while (result.rank() > shape.length) {
            result = result.sum(0);
        }
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] == 1 && result.size(axis) != 1) {
                result = result.sum(true, axis);
            }
        }
        return result.reshape(shape);
    }
}
