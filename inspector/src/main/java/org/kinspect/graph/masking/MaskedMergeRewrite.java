package org.kinspect.graph.masking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;

/**
 * Gives a Keras 3 {@code Maximum}, {@code Minimum} or {@code Multiply} of which an input carries a
 * Keras mask {@link MaskedMerge} in place of DL4J's element-wise vertex, which merges every
 * step as it is. Which inputs carry a mask, and from which layer, is {@link InputMask}'s reading of
 * the model, as for a masked {@code GlobalAveragePooling1D}. (Keras 1 and 2 merges compute on the
 * values alone.)
 *
 * <pre>{@code
 * MaskedMergeRewrite.apply(configuration, spec, outputTypes, "model.keras"); // before the graph is made
 * }</pre>
 */
public final class MaskedMergeRewrite {

    private MaskedMergeRewrite() {}

    /**
     * @param configuration the graph configuration DL4J built, changed in place
     * @param spec the model
     * @param outputTypes each Keras layer's output type, for the layout of the merged sequences
     * @param source the file, for messages
     * @throws KinspectException when a merge's masks cannot be computed
     */
    public static void apply(ComputationGraphConfiguration configuration, ModelSpec spec,
            Map<String, InputType> outputTypes, String source) {
        if (spec.kerasMajorVersion() < 3) {
            return;
        }
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            Optional<LayerSpec> described = spec.layer(vertex.getKey());
            if (!(vertex.getValue() instanceof ElementWiseVertex) || described.isEmpty()
                    || !MaskedMergeImpl.isMerge(described.get().className())) {
                continue;
            }
            LayerSpec layer = described.get();
            // DL4J's inputs, in order and repeated as the merge reads them (the spec lists each layer once)
            List<String> inputs = configuration.getVertexInputs().get(vertex.getKey());
            List<InputMask> masks = inputs.stream().map(input -> InputMask.ofOutputOf(input, spec)).toList();
            masks.forEach(mask -> mask.originOrRefuse(layer, source));
            if (masks.stream().allMatch(mask -> mask.origin() == null)) {
                continue;
            }
            if (!(outputTypes.get(layer.name()) instanceof InputType.InputTypeRecurrent sequence)
                    || inputs.stream().anyMatch(input -> spec.layer(input).isEmpty())) {
                throw refusal(source, layer, "a masked input of a " + layer.className()
                        + " is supported on sequences (batch, steps, features) read straight from Keras layers only");
            }
            int stepsAxis = sequence.getFormat() == RNNFormat.NWC ? 1 : 2;
            configuration.getVertices().put(vertex.getKey(), new MaskedMerge(layer.className(),
                    masks.stream().map(InputMask::origin).toList(), stepsAxis));
        }
    }

    private static KinspectException refusal(String source, LayerSpec layer, String reason) {
        return KinspectException.unsupported(source + ": cannot import layer '" + layer.name() + "' ("
                + layer.className() + "): " + reason);
    }
}
