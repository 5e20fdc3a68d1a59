package org.kinspect.graph.base;

import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;

/**
 * A configuration, or weights, that do not fit the layer, said in one sentence: DL4J's exception
 * would add a link to its documentation to it.
 *
 * <pre>{@code
 * throw new InvalidLayerConfiguration("GRU 'gru' has a kernel of 12 columns; its 4 units need 12");
 * }</pre>
 */
public final class InvalidLayerConfiguration extends InvalidKerasConfigurationException {
    private final String reason;

    /** @param reason what does not fit */
    public InvalidLayerConfiguration(String reason) {
        super(reason);
        this.reason = reason;
    }

    @Override
    public String getMessage() {
        return reason;
    }
}
