package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes the {@link Operation} an operation layer's description names (see
 * {@code org.kinspect.config.OperationLayers}).
 *
 * <pre>{@code
 * Operation op = Operations.of("add", List.of(Map.of("tensor", 0), 1.0), Map.of());
 * }</pre>
 */
final class Operations {

    private Operations() {}

    /**
     * @param function the {@code keras.ops} function
     * @param arguments its positional arguments: {@code {"tensor": i}} or constants
     * @param options its other configuration ({@code axis}, {@code keepdims}, {@code key}...)
     * @return the operation
     * @throws IllegalArgumentException when kinspect does not compute this function so (why, in a few words)
     */
    static Operation of(String function, List<?> arguments, Map<?, ?> options) {
        List<Operand> operands = new ArrayList<>();
        for (Object argument : arguments) {
            if (argument instanceof List<?> list && (function.equals("concatenate") || function.equals("stack"))) {
                list.forEach(item -> operands.add(operand(item)));
            } else {
                operands.add(operand(argument));
            }
        }
        if (ElementWise.computes(function)) {
            return new ElementWise(function, operands);
        }
        if (function.equals("stack")) {
            return new Stacking(options.containsKey("axis") ? options.get("axis") : 0, operands);
        }
        if (operands.isEmpty() || !operands.get(0).isTensor()) {
            throw new IllegalArgumentException("whose first argument is not a tensor");
        }
        if (Reduction.computes(function) || Reshaping.computes(function) || ParameterizedElementWise.computes(function)
                || List.of("cast", "get_item", "digitize").contains(function)) {
            if (operands.size() != 1) {
                throw new IllegalArgumentException("with " + operands.size() + " arguments");
            }
        }
        boolean keepDims = Boolean.TRUE.equals(options.get("keepdims"));
        return switch (function) {
            case "mean", "sum", "max", "min", "prod", "var", "std" -> new Reduction(function, options.get("axis"), keepDims);
            case "leaky_relu", "elu", "clip", "gelu", "softmax" -> new ParameterizedElementWise(function, options);
            case "expand_dims", "squeeze" -> new Reshaping(function, options.get("axis"));
            case "reshape" -> new Reshaping(function, options.get("newshape"));
            case "transpose" -> new Reshaping(function, options.get("axes"));
            case "concatenate" -> new Concatenation(options.containsKey("axis") ? options.get("axis") : 0, operands);
            case "matmul" -> {
                if (operands.size() != 2) {
                    throw new IllegalArgumentException("with " + operands.size() + " arguments");
                }
                yield new MatrixProduct(operands.get(0), operands.get(1));
            }
            case "batch_dot" -> {
                if (operands.size() != 2) {
                    throw new IllegalArgumentException("with " + operands.size() + " arguments");
                }
                yield new BatchDot(operands.get(0), operands.get(1), options.get("axes"),
                        Boolean.TRUE.equals(options.get("normalize")));
            }
            case "cast" -> new Cast(options.get("dtype"));
            case "digitize" -> new Digitization(options.get("bins"));
            case "get_item" -> new Slicing(options.get("key"));
            default -> throw new IllegalArgumentException("");
        };
    }

    private static Operand operand(Object argument) {
        if (argument instanceof Map<?, ?> map && map.get("tensor") instanceof Number index) {
            return new Operand.Tensor(index.intValue());
        }
        return new Operand.Constant(constant(argument));
    }

    /** A number, a boolean, or nested lists of numbers (a numpy array). */
    private static INDArray constant(Object value) {
        if (value instanceof Number number) {
            return Nd4j.scalar(number.floatValue());
        }
        if (value instanceof Boolean bool) {
            return Nd4j.scalar(bool ? 1f : 0f);
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<Long> shape = new ArrayList<>();
            Object level = list;
            while (level instanceof List<?> items && !items.isEmpty()) {
                shape.add((long) items.size());
                level = items.get(0);
            }
            List<Float> values = new ArrayList<>();
            flatten(list, values);
            float[] flat = new float[values.size()];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = values.get(i);
            }
            long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            if (count != flat.length) {
                throw new IllegalArgumentException("with a ragged constant " + value);
            }
            return Nd4j.create(flat, dims, 'c').castTo(DataType.FLOAT);
        }
        throw new IllegalArgumentException("with the argument " + value);
    }

    private static void flatten(Object value, List<Float> into) {
        if (value instanceof List<?> list) {
            list.forEach(item -> flatten(item, into));
        } else if (value instanceof Number number) {
            into.add(number.floatValue());
        } else if (value instanceof Boolean bool) {
            into.add(bool ? 1f : 0f);
        } else {
            throw new IllegalArgumentException("with a constant holding " + value);
        }
    }
}
