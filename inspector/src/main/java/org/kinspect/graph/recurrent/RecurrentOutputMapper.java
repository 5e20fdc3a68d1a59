package org.kinspect.graph.recurrent;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * DL4J's importer's view of one output of a layer with several (a recurrent layer with states, an
 * attention layer with its scores): a {@link RecurrentOutputVertex} reading the layer's packed output. {@link RecurrentStateRewrite}
 * writes its configuration ({@code class_name} {@value #CLASS_NAME}).
 */
public class RecurrentOutputMapper extends KerasLayer {
    /** The class name the rewritten configuration gives these layers. */
    public static final String CLASS_NAME = "KinspectRecurrentOutput";

    /**
     * @param layerConfig {@code {"class_name": CLASS_NAME, "config": {"name", "output", "output_size",
     *     "state_shapes", "return_sequences"}, "inbound_nodes": [[[PACKED, 0, 0, {}]]]}}
     */
    @SuppressWarnings("unchecked")
    public RecurrentOutputMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> config = (Map<String, Object>) layerConfig.get("config");
        List<List<Number>> stateShapes = (List<List<Number>>) config.get("state_shapes");
        this.vertex = new RecurrentOutputVertex(((Number) config.get("output")).intValue(),
                ((Number) config.get("output_size")).longValue(),
                stateShapes.stream().map(shape -> shape.stream().mapToLong(Number::longValue).toArray())
                        .toArray(long[][]::new),
                Boolean.TRUE.equals(config.get("return_sequences")));
    }

    @Override
    public InputType getOutputType(InputType... inputType) {
        return vertex.getOutputType(-1, inputType);
    }
}
