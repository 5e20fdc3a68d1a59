package org.kinspect.graph.operations;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.config.OperationLayers;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.LayerHints;

/**
 * DL4J's importer's view of an operation layer: an {@link OperationVertex}. {@link OperationRewrite}
 * gives operation layers the class name {@value #CLASS_NAME} for DL4J; what they compute is in
 * the notes of the import's hints ({@link OperationLayers}, {@code LayerNotes#operation()}).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(OperationLayerMapper.CLASS_NAME, OperationLayerMapper.class);
 * }</pre>
 */
public class OperationLayerMapper extends KerasLayer {
    /** The class name operation layers have for DL4J. */
    public static final String CLASS_NAME = "KinspectOperation";

    private final String kerasClass;
    private final String function;

    /**
     * @param layerConfig {@code {"class_name": CLASS_NAME, "config": {"name": ..., ...}}}, an operation layer
     *     whose operation the import's hints note
     * @throws UnsupportedKerasConfigurationException when kinspect does not compute the op
     */
    @SuppressWarnings("unchecked")
    public OperationLayerMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        LayerHints hints = ImportHints.current().of(layerName);
        Map<String, Object> operation = hints.notes().operation();
        if (operation == null) {
            throw new InvalidKerasConfigurationException("layer '" + layerName + "' is given to kinspect's operation"
                    + " mapper, but the import noted no operation of it");
        }
        String kerasClassName = hints.kerasClassName();
        this.kerasClass = kerasClassName == null ? CLASS_NAME : kerasClassName;
        this.function = String.valueOf(operation.get("function"));
        try {
            this.vertex = new OperationVertex(layerName, function, (List<Object>) operation.get("arguments"),
                    (Map<String, Object>) operation.get("options"),
                    ImportHints.current().channelsFirstModel(),
                    (List<List<Object>>) operation.get("input_shapes"));
            ((OperationVertex) this.vertex).setKerasClass(kerasClass);
        } catch (IllegalArgumentException e) {
            throw unsupported(e);
        }
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws UnsupportedKerasConfigurationException {
        try {
            return vertex.getOutputType(-1, inputType);
        } catch (IllegalArgumentException e) {
            throw unsupported(e);
        }
    }

    private UnsupportedKerasConfigurationException unsupported(IllegalArgumentException e) {
        String detail = e.getMessage() == null || e.getMessage().isEmpty() ? "" : " " + e.getMessage();
        String why = "";
        if (detail.endsWith(Axes.ACROSS_EXAMPLES)) { // the reason goes after the layer's name
            detail = detail.substring(0, detail.length() - Axes.ACROSS_EXAMPLES.length());
            why = Axes.ACROSS_EXAMPLES;
        }
        return new UnsupportedKerasConfigurationException("unsupported op " + function + detail + " in layer '"
                + layerName + "' (" + kerasClass + ")" + why);
    }
}
