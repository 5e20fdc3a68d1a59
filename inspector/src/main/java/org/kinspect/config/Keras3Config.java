package org.kinspect.config;

import java.util.Map;
import org.kinspect.KinspectException;

/** Rewrites a Keras 3 configuration in Keras 2 form. */
final class Keras3Config {

    private Keras3Config() {}

    static Map<String, Object> toKeras2(Map<String, Object> model, String source) {
        throw new KinspectException(source + ": Keras 3 configurations are not readable yet (issue 3)");
    }
}
