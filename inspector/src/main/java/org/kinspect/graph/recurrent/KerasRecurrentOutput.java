package org.kinspect.graph.recurrent;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * DL4J's importer's view of one output of a recurrent layer with states: a
 * {@link RecurrentOutputVertex} reading the layer's packed output. {@link RecurrentStateRewrite}
 * writes its configuration ({@code class_name} {@value #CLASS_NAME}).
 */
public class KerasRecurrentOutput extends KerasLayer {
    /** The class name the rewritten configuration gives these layers. */
    public static final String CLASS_NAME = "KinspectRecurrentOutput";

    /**
     * @param layerConfig {@code {"class_name": CLASS_NAME, "config": {"name", "output", "output_size",
     *     "state_sizes", "return_sequences"}, "inbound_nodes": [[[PACKED, 0, 0, {}]]]}}
     */
    @SuppressWarnings("unchecked")
    public KerasRecurrentOutput(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> config = (Map<String, Object>) layerConfig.get("config");
        List<Number> stateSizes = (List<Number>) config.get("state_sizes");
        this.vertex = new RecurrentOutputVertex(((Number) config.get("output")).intValue(),
                ((Number) config.get("output_size")).longValue(),
                stateSizes.stream().mapToLong(Number::longValue).toArray(),
                Boolean.TRUE.equals(config.get("return_sequences")));
    }

    @Override
    public InputType getOutputType(InputType... inputType) {
        return vertex.getOutputType(-1, inputType);
    }
}
