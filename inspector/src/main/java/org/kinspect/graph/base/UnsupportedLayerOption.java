package org.kinspect.graph.base;

import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * A Keras option kinspect's mappers cannot compute, said in one sentence: DL4J's exception would
 * add "Please file an issue at" DL4J's tracker to it.
 *
 * <pre>{@code
 * throw new UnsupportedLayerOption("time_major=True of GRU 'gru_1' is not supported");
 * }</pre>
 */
public final class UnsupportedLayerOption extends UnsupportedKerasConfigurationException {
    private final String reason;

    /** @param reason what is not supported, naming the layer in quotes ('gru_1') */
    public UnsupportedLayerOption(String reason) {
        super(reason);
        this.reason = reason;
    }

    @Override
    public String getMessage() {
        return reason;
    }
}
