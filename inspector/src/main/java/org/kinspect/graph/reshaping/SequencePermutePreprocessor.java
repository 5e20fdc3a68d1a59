package org.kinspect.graph.reshaping;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.preprocessors.PermutePreprocessor;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link PermutePreprocessor}, describing a permuted sequence in the layout its array has.
 * Swapping the two last axes of a sequence array keeps its memory layout (a (batch, time, features)
 * array stays time-major, now with the old features as its steps), but DL4J's describes the result
 * in its default layout (NCW), so the layer after it read the wrong axis.
 *
 * <pre>{@code
 * InputPreProcessor swap = new SequencePermutePreprocessor(2, 1);
 * }</pre>
 */
public class SequencePermutePreprocessor extends PermutePreprocessor {

    /** @param permutationIndices the Keras {@code dims}, as DL4J's preprocessor takes them */
    public SequencePermutePreprocessor(@JsonProperty("permutationIndices") int... permutationIndices) {
        super(permutationIndices);
    }

    @Override
    public InputType getOutputType(InputType inputType) throws InvalidInputTypeException {
        InputType described = super.getOutputType(inputType);
        if (inputType instanceof InputType.InputTypeRecurrent input
                && described instanceof InputType.InputTypeRecurrent output) {
            return InputType.recurrent(output.getSize(), output.getTimeSeriesLength(), input.getFormat());
        }
        return described;
    }
}
