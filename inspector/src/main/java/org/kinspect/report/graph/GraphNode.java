package org.kinspect.report.graph;

import java.util.List;

/**
 * One call of a layer, drawn as one box: a model input, a layer, a later call of a shared layer
 * ({@code shared@1}), or the identity that gives a nested model's output.
 *
 * @param name the layer call's name as kinspect shows it ({@code dense}, {@code shared@1}, {@code inner/dense})
 * @param className the Keras class ({@code LSTM}; a nested model's class for its output identity)
 * @param outputShape its first output's Keras shape, batch open (null entries are open sizes)
 * @param parameters its parameter count (0 for a later call of a shared layer: the first call holds them)
 * @param input true for a model input
 * @param output true when one of its outputs is a model output
 * @param sharedLayer the shared layer it is a call of, or null when the layer is called once
 * @param call which call of the shared layer (0 for the first), 0 when not shared
 * @param calls how many calls the shared layer has, 1 when not shared
 * @param group the nested model it is inside or whose output it gives (the name of that model's identity
 *     layer), or null
 */
public record GraphNode(String name, String className, List<Long> outputShape, long parameters, boolean input,
        boolean output, String sharedLayer, int call, int calls, String group) {

    public GraphNode {
        outputShape = outputShape == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(outputShape));
    }

    /** @return true when the layer is called more than once (its calls share weights) */
    public boolean shared() {
        return sharedLayer != null;
    }

    /** @return e.g. {@code (None, 10, 32)}, as Keras prints shapes; {@code ?} when unknown */
    public String shapeText() {
        return ShapeText.of(outputShape);
    }
}
