package org.kinspect.gates;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.kinspect.config.ModelSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the gate tracer reads of a model: its description, a layer's Keras weights and the outputs
 * of the layers it asks for. {@code InspectedModel.gates} hands its own; the tracer depends on
 * nothing above it.
 *
 * <pre>{@code
 * TracedModel traced = new TracedModel(ModelInternals.spec(model), model::weights, model::activations);
 * }</pre>
 *
 * @param spec the model's description
 * @param weights a layer's weights by Keras name ({@code kernel}, {@code recurrent_kernel}, {@code bias})
 * @param activations the outputs of the named layers for the given inputs, in Keras's layout
 */
public record TracedModel(ModelSpec spec, Function<String, Map<String, INDArray>> weights,
        BiFunction<Map<String, INDArray>, Collection<String>, Map<String, INDArray>> activations) {}
