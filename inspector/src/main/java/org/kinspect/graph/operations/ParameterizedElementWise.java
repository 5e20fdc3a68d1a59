package org.kinspect.graph.operations;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise functions of one tensor that take options: {@code ops.leaky_relu(x, negative_slope)},
 * {@code ops.elu(x, alpha)}, {@code ops.clip(x, x_min, x_max)}, {@code ops.gelu(x, approximate=True)}
 * (the tanh approximation; the exact one needs erf, which kinspect refuses), and
 * {@code ops.softmax(x, axis)} along a non-batch axis.
 */
final class ParameterizedElementWise implements Operation {
    private final String function;
    private final Map<?, ?> options;

    /**
     * @param function leaky_relu, elu, clip, gelu or softmax
     * @param options its configuration
     * @throws IllegalArgumentException for options kinspect does not compute
     */
    ParameterizedElementWise(String function, Map<?, ?> options) {
        this.function = function;
        this.options = Map.copyOf(options);
        if (function.equals("gelu") && Boolean.FALSE.equals(options.get("approximate"))) {
            throw new IllegalArgumentException("with approximate=False (the exact gelu)");
        }
        if (function.equals("clip") && !(options.get("x_min") instanceof Number && options.get("x_max") instanceof Number)) {
            throw new IllegalArgumentException("with bounds " + options.get("x_min") + " and " + options.get("x_max"));
        }
    }

    /** @return whether a function is one of these */
    static boolean computes(String function) {
        return List.of("leaky_relu", "elu", "clip", "gelu", "softmax").contains(function);
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] shape = Reduction.only(inputShapes);
        if (function.equals("softmax")) {
            Axes.one(axis(), shape.length);
        }
        return shape;
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray x = inputs.get(0);
        return switch (function) {
            case "leaky_relu" -> Transforms.leakyRelu(x, number("negative_slope", 0.2), true);
            case "elu" -> {
                // x where x > 0, alpha (e^x - 1) elsewhere
                INDArray positive = x.gt(0).castTo(x.dataType());
                INDArray negative = Transforms.exp(Transforms.min(x, 0.0, true), false).subi(1).muli(number("alpha", 1.0));
                yield x.mul(positive).addi(negative.muli(positive.rsub(1)));
            }
            case "clip" -> Transforms.min(Transforms.max(x, number("x_min", 0), true), number("x_max", 0), false);
            case "gelu" -> {
                INDArray cube = x.mul(x).muli(x).muli(0.044715);
                INDArray inner = Transforms.tanh(cube.addi(x).muli(Math.sqrt(2 / Math.PI)), false);
                yield x.mul(inner.addi(1)).muli(0.5);
            }
            default -> softmax(x);
        };
    }

    private INDArray softmax(INDArray x) {
        int at = Axes.one(axis(), x.rank());
        INDArray shifted = x.sub(Broadcast.to(x.max(true, at), x.shape()));
        INDArray exponent = Transforms.exp(shifted, false);
        return exponent.divi(Broadcast.to(exponent.sum(true, at), x.shape()));
    }

    private int axis() {
        return options.get("axis") instanceof Number number ? number.intValue() : -1;
    }

    private double number(String key, double absent) {
        return options.get(key) instanceof Number number ? number.doubleValue() : absent;
    }
}
