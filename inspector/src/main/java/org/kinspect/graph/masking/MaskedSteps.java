package org.kinspect.graph.masking;

import java.util.Map;

/**
 * What a masked recurrent layer outputs at a masked step, by the Keras that wrote the file. Every
 * Keras keeps the states there; the output is the previous output, or zeros with
 * {@code zero_output_for_mask}. tf.keras and Keras 3 set {@code zero_output_for_mask} to
 * {@code return_sequences} in both layers a Bidirectional wraps; standalone Keras (1 and 2) never
 * did. tf.keras writes {@code time_major} into every recurrent layer's configuration, standalone
 * Keras never does.
 *
 * <pre>{@code
 * boolean zeros = MaskedSteps.zeroOutputForMask(lstmConfig, true, spec.kerasMajorVersion());
 * }</pre>
 */
public final class MaskedSteps {

    private MaskedSteps() {}

    /**
     * @param recurrentConfig the recurrent layer's configuration (the wrapped one, in a Bidirectional)
     * @param insideBidirectional whether a Bidirectional wraps it
     * @param kerasMajorVersion the Keras that wrote the file
     * @return whether masked steps output zeros rather than the previous output
     */
    public static boolean zeroOutputForMask(Map<?, ?> recurrentConfig, boolean insideBidirectional,
            int kerasMajorVersion) {
        boolean forcedByBidirectional = insideBidirectional
                && (kerasMajorVersion >= 3 || recurrentConfig.containsKey("time_major"));
        return forcedByBidirectional ? Boolean.TRUE.equals(recurrentConfig.get("return_sequences"))
                : Boolean.TRUE.equals(recurrentConfig.get("zero_output_for_mask"));
    }
}
