package org.kinspect.graph.convolution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * Keras lets each image layer read the array it is given in its own {@code data_format}: a
 * {@code channels_last} ZeroPadding2D after a {@code channels_first} convolution pads the
 * channel and height axes. DL4J's 2D layers take their layout from the layer before instead, so
 * they work on other axes than Keras's and size the layers after them wrongly (a second
 * convolution given 10 input channels where Keras has 8); and DL4J's importer guesses an image
 * input's layout from the layer listed after it, which with several inputs is another input or
 * an unrelated layer. Inputs are given the layout of the first layer below them that names one,
 * 2D layers whose layout differs from their input's get an {@link ImageLayoutPreProcessor}, and
 * DL4J's sizes are worked out again.
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
        Map<String, Boolean> channelsFirst = new HashMap<>();
        boolean mixed = false;
        for (LayerSpec layer : spec.layers()) {
            if (layer.dataFormat() != null) {
                boolean first = layer.dataFormat().equals("channels_first");
                channelsFirst.put(layer.name(), first);
                mixed |= layer.inboundLayers().size() == 1
                        && outputTypes.get(layer.inboundLayers().get(0)) instanceof InputType.InputTypeConvolutional image
                        && (image.getFormat() == CNN2DFormat.NCHW) != first;
            }
        }
        List<String> inputs = configuration.getNetworkInputs();
        InputType[] inputTypes = new InputType[inputs.size()];
        for (int i = 0; i < inputTypes.length; i++) {
            InputType given = outputTypes.get(inputs.get(i));
            if (given == null) {
                return outputTypes;
            }
            Boolean first = firstDeclaredBelow(inputs.get(i), spec.layers(), channelsFirst);
            inputTypes[i] = first == null ? given : readAs(given, first);
            mixed |= !inputTypes[i].equals(given);
        }
        if (!mixed) {
            return outputTypes; // DL4J's layouts are Keras's wherever a layer names one
        }
        // One layer at a time, in graph order: a layer's input is known once the layers before it read theirs right.
        while (true) {
            Map<String, InputType> types = configuration.getLayerActivationTypes(true, true, inputTypes);
            String next = firstMismatch(configuration, channelsFirst, types);
            if (next == null) {
                return merged(outputTypes, types);
            }
            ((LayerVertex) configuration.getVertices().get(next)).setPreProcessor(
                    new ImageLayoutPreProcessor(channelsFirst.get(next) ? CNN2DFormat.NCHW : CNN2DFormat.NHWC));
        }
    }

    private static InputType readAs(InputType type, boolean channelsFirst) {
        if (type instanceof InputType.InputTypeConvolutional3D) {
            return ImageLayoutPreProcessor.readAs(type,
                    channelsFirst ? Convolution3D.DataFormat.NCDHW : Convolution3D.DataFormat.NDHWC);
        }
        return ImageLayoutPreProcessor.readAs(type, channelsFirst ? CNN2DFormat.NCHW : CNN2DFormat.NHWC);
    }

    /** The layout of the first layer reading the input (through layers that name none), or null. */
    private static Boolean firstDeclaredBelow(String input, List<LayerSpec> layers, Map<String, Boolean> channelsFirst) {
        String current = input;
        for (LayerSpec layer : layers) {
            if (layer.inboundLayers().contains(current)) {
                if (channelsFirst.containsKey(layer.name())) {
                    return channelsFirst.get(layer.name());
                }
                current = layer.name();
            }
        }
        return null;
    }

    private static String firstMismatch(ComputationGraphConfiguration configuration, Map<String, Boolean> channelsFirst,
            Map<String, InputType> types) {
        for (String name : types.keySet()) { // in graph order
            GraphVertex vertex = configuration.getVertices().get(name);
            Boolean first = channelsFirst.get(name);
            if (first == null || !(vertex instanceof LayerVertex layer) || layer.getPreProcessor() != null) {
                continue;
            }
            List<String> vertexInputs = configuration.getVertexInputs().get(name);
            if (vertexInputs != null && vertexInputs.size() == 1
                    && types.get(vertexInputs.get(0)) instanceof InputType.InputTypeConvolutional image
                    && (image.getFormat() == CNN2DFormat.NCHW) != first) {
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
