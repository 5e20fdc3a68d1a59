package org.kinspect.graph.pooling;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.pooling.KerasPooling1D;
import org.kinspect.graph.base.ReplacedClassNames;

/**
 * Maps Keras's {@code AveragePooling1D}. DL4J's own mapper builds a max pooling layer for it: its
 * {@code Subsampling1DLayer.Builder} drops the pooling type it is given and keeps its default, MAX
 * (found by {@code coverage/pooling_1d_2d}: Keras's averages came back as maxima). This mapper
 * builds the same layer and sets the type back to AVG.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("kinspect.AveragePooling1D", AveragePooling1DMapper.class);
 * }</pre>
 */
public class AveragePooling1DMapper extends KerasPooling1D {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for settings DL4J's 1D pooling lacks
     */
    public AveragePooling1DMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(ReplacedClassNames.underKerasName(layerConfig), false);
        getSubsampling1DLayer().setPoolingType(PoolingType.AVG);
    }
}
