package org.kinspect.graph.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.wrappers.KerasBidirectional;
import org.kinspect.graph.base.ReplacedClassNames;

/**
 * DL4J's own mapper of a Keras {@code Bidirectional} around an LSTM or SimpleRNN, describing its
 * output sequence with its length: DL4J's describes it without, so a {@code Flatten} after a
 * Bidirectional returning sequences flattened one step and the Dense after it was built for one
 * step's features. The layer itself is DL4J's.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(BidirectionalSequencesMapper.CLASS_NAME, BidirectionalSequencesMapper.class);
 * }</pre>
 */
public class BidirectionalSequencesMapper extends KerasBidirectional {
    /** The class name the configuration gives these wrappers for DL4J's importer. */
    public static final String CLASS_NAME = ReplacedClassNames.PREFIX + "BidirectionalSequences";

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for settings DL4J's Bidirectional lacks
     */
    public BidirectionalSequencesMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        InputType output = super.getOutputType(inputType);
        if (output instanceof InputType.InputTypeRecurrent sequence && sequence.getTimeSeriesLength() <= 0
                && inputType.length == 1 && inputType[0] instanceof InputType.InputTypeRecurrent steps
                && steps.getTimeSeriesLength() > 0) {
            return InputType.recurrent(sequence.getSize(), steps.getTimeSeriesLength(), sequence.getFormat());
        }
        return output;
    }
}
