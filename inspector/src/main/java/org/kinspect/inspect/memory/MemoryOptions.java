package org.kinspect.inspect.memory;

import org.kinspect.errors.KinspectException;

/**
 * What a memory plan is for.
 *
 * <pre>{@code
 * MemoryOptions options = new MemoryOptions(64, Precision.FLOAT32, Optimizer.ADAM, null);
 * MemoryOptions sequences = MemoryOptions.of(32).withStepsForUnknownSizes(200);
 * }</pre>
 *
 * @param batch examples run at once
 * @param precision the type every value is stored in
 * @param optimizer the optimizer training would use
 * @param stepsForUnknownSizes what to count for a size the model leaves open ({@code None} in its
 *     shapes: in practice a sequence length), or null to leave such layers out of the totals
 */
public record MemoryOptions(int batch, Precision precision, Optimizer optimizer, Long stepsForUnknownSizes) {

    /** How a message tells the caller to give steps for open sizes (the CLI says {@code --steps N}). */
    public static final String GIVE_STEPS = "MemoryOptions.withStepsForUnknownSizes(steps)";

    /** How a message tells the caller to give an input's open sizes (the CLI says {@code --input-shape}). */
    public static final String GIVE_INPUT_SHAPES = "InspectedModel.memoryPlan(options, inputShapes)";

    public MemoryOptions {
        if (batch < 1) {
            throw KinspectException.input("the batch must be at least 1, not " + batch);
        }
        if (stepsForUnknownSizes != null && stepsForUnknownSizes < 1) {
            throw KinspectException.input("the steps for unknown sizes must be at least 1, not " + stepsForUnknownSizes);
        }
        if (precision == null || optimizer == null) {
            throw new IllegalArgumentException("precision and optimizer are required");
        }
    }

    /**
     * @param batch examples run at once
     * @return float32 values, trained with Adam, unknown sizes left out
     */
    public static MemoryOptions of(int batch) {
        return new MemoryOptions(batch, Precision.FLOAT32, Optimizer.ADAM, null);
    }

    /** @return the same options with another precision */
    public MemoryOptions withPrecision(Precision other) {
        return new MemoryOptions(batch, other, optimizer, stepsForUnknownSizes);
    }

    /** @return the same options with another optimizer */
    public MemoryOptions withOptimizer(Optimizer other) {
        return new MemoryOptions(batch, precision, other, stepsForUnknownSizes);
    }

    /** @return the same options, counting {@code steps} for every size the model leaves open */
    public MemoryOptions withStepsForUnknownSizes(long steps) {
        return new MemoryOptions(batch, precision, optimizer, steps);
    }
}
