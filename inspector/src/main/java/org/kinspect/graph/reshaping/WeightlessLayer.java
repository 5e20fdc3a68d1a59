package org.kinspect.graph.reshaping;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J SameDiff layer without weights: the layers of this package move, repeat or interpolate
 * values and learn nothing.
 */
abstract class WeightlessLayer extends SameDiffLayer {

    @Override
    public void defineParameters(SDLayerParams params) {
        // weightless
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // weightless
    }
}
