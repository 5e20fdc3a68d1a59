package org.kinspect.graph.convolution;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * Keras lets each image layer read the array it is given in its own {@code data_format}: a
 * {@code channels_last} ZeroPadding2D after a {@code channels_first} convolution pads the
 * channel and height axes. DL4J's layers take their layout from the layer before instead, so
 * they work on other axes than Keras's and size the layers after them wrongly (a second
 * convolution given 10 input channels where Keras has 8). Where the layouts change, the layer
 * gets an {@link ImageLayoutPreProcessor} and DL4J's sizes are worked out again.
 *
 * <pre>{@code
 * Map<String, InputType> types = MixedImageLayouts.apply(configuration, spec, kerasModel.getOutputTypes());
 * }</pre>
 */
public final class MixedImageLayouts {

    private MixedImageLayouts() {}

    /**
     * @param configuration the graph configuration DL4J built, changed in place
     * @param spec the model, for each layer's data_format
     * @param outputTypes DL4J's description of every layer's output, inputs included
     * @return the descriptions, worked out again when a layout changed (else {@code outputTypes})
     */
    public static Map<String, InputType> apply(ComputationGraphConfiguration configuration, ModelSpec spec,
            Map<String, InputType> outputTypes) {
        Map<String, CNN2DFormat> declared = new HashMap<>();
        boolean mixed = false;
        for (LayerSpec layer : spec.layers()) {
            if (layer.dataFormat() != null) {
                CNN2DFormat format = layer.dataFormat().equals("channels_first") ? CNN2DFormat.NCHW : CNN2DFormat.NHWC;
                declared.put(layer.name(), format);
                mixed |= layer.inboundLayers().size() == 1
                        && outputTypes.get(layer.inboundLayers().get(0)) instanceof InputType.InputTypeConvolutional image
                        && image.getFormat() != format;
            }
        }
        InputType[] inputTypes = configuration.getNetworkInputs().stream().map(outputTypes::get)
                .toArray(InputType[]::new);
        if (!mixed || Arrays.stream(inputTypes).anyMatch(type -> type == null)) {
            return outputTypes; // DL4J's layouts are Keras's wherever a layer names one
        }
        boolean changed = false;
        // One layer at a time, in graph order: a layer's input is known once the layers before it read theirs right.
        while (true) {
            Map<String, InputType> types = configuration.getLayerActivationTypes(true, changed, inputTypes);
            String next = firstMismatch(configuration, declared, types);
            if (next == null) {
                return changed ? merged(outputTypes, types) : outputTypes;
            }
            ((LayerVertex) configuration.getVertices().get(next)).setPreProcessor(
                    new ImageLayoutPreProcessor(declared.get(next)));
            changed = true;
        }
    }

    private static String firstMismatch(ComputationGraphConfiguration configuration, Map<String, CNN2DFormat> declared,
            Map<String, InputType> types) {
        for (String name : types.keySet()) { // in graph order
            GraphVertex vertex = configuration.getVertices().get(name);
            CNN2DFormat format = declared.get(name);
            if (format == null || !(vertex instanceof LayerVertex layer) || layer.getPreProcessor() != null) {
                continue;
            }
            List<String> vertexInputs = configuration.getVertexInputs().get(name);
            if (vertexInputs != null && vertexInputs.size() == 1
                    && types.get(vertexInputs.get(0)) instanceof InputType.InputTypeConvolutional image
                    && image.getFormat() != format) {
                return name;
            }
        }
        return null;
    }

    private static Map<String, InputType> merged(Map<String, InputType> outputTypes, Map<String, InputType> types) {
        Map<String, InputType> merged = new HashMap<>(outputTypes);
        types.forEach((name, type) -> {
            if (merged.containsKey(name)) {
                merged.put(name, type);
            }
        });
        return merged;
    }
}
