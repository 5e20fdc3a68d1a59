package org.kinspect.report;

import java.nio.file.Path;
import java.util.List;
import org.kinspect.inspect.ActivationStatistics;

/**
 * Everything the index shows about one layer.
 *
 * @param name the Keras layer name
 * @param stem its file name stem, which also names its place in the index
 * @param className its Keras class
 * @param shape its output's shape, batch first; null when no output was given
 * @param example the statistics of the example drawn; null when no output was given
 * @param batch the statistics of the whole batch; null when no output was given
 * @param weights its weight tensors; empty when weights were not asked for or it has none
 * @param charts its charts and remarks
 * @param arrays the {@code .npy} files of its output and weights found beside the report, to link to
 */
record LayerSection(String name, String stem, String className, long[] shape, ActivationStatistics example,
        ActivationStatistics batch, List<Weight> weights, LayerCharts charts, List<Path> arrays) {

    /**
     * @param name the Keras weight name
     * @param shape its Keras shape
     * @param statistics its values' statistics
     */
    record Weight(String name, long[] shape, ActivationStatistics statistics) {}
}
