package org.kinspect.graph.recurrent;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * Maps Keras 2's {@code CuDNNGRU} to a {@link GruLayer}: a GRU with tanh, sigmoid gates and
 * reset_after, whose weights Keras stored in CuDNN's layout (converted as Keras converts them).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("CuDNNGRU", CudnnGruMapper.class);
 * }</pre>
 */
public class CudnnGruMapper extends GruMapper {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for options kinspect cannot compute
     */
    public CudnnGruMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, true, false);
    }
}
