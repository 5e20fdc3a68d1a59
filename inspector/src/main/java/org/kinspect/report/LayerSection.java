package org.kinspect.report;

import java.util.List;
import org.kinspect.inspect.ActivationStatistics;

/**
 * Everything the index shows about one layer.
 *
 * @param name the Keras layer name
 * @param className its Keras class
 * @param shape its output's shape, batch first; null when no output was given
 * @param example the statistics of the example drawn; null when no output was given
 * @param batch the statistics of the whole batch; null when no output was given
 * @param weights its weight tensors; empty when weights were not asked for or it has none
 * @param charts its charts and remarks
 */
record LayerSection(String name, String className, long[] shape, ActivationStatistics example,
        ActivationStatistics batch, List<Weight> weights, LayerCharts charts) {

    /**
     * @param name the Keras weight name
     * @param shape its Keras shape
     * @param statistics its values' statistics
     */
    record Weight(String name, long[] shape, ActivationStatistics statistics) {}
}
