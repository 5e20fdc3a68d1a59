package org.kinspect.graph;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * DL4J's Permute((2, 1)) on a sequence swaps the array's two last axes, so the result has the
 * memory layout its input had (a (batch, time, features) array stays time-major), but DL4J
 * describes it with the other layout. kinspect moves activations to Keras's layout by that
 * description, so the Permute layer's description is put right here.
 */
final class PermutedSequenceTypes {

    private PermutedSequenceTypes() {}

    /**
     * @param spec the model
     * @param outputTypes DL4J's description of every layer's output
     * @return the same, with each Permute of a sequence given its input's layout
     */
    static Map<String, InputType> corrected(ModelSpec spec, Map<String, InputType> outputTypes) {
        Map<String, InputType> corrected = new HashMap<>(outputTypes);
        for (LayerSpec layer : spec.layers()) {
            if (layer.className().equals("Permute") && layer.inboundLayers().size() == 1
                    && corrected.get(layer.inboundLayers().get(0)) instanceof InputType.InputTypeRecurrent input
                    && outputTypes.get(layer.name()) instanceof InputType.InputTypeRecurrent output) {
                corrected.put(layer.name(),
                        InputType.recurrent(output.getSize(), output.getTimeSeriesLength(), input.getFormat()));
            }
        }
        return corrected;
    }
}
