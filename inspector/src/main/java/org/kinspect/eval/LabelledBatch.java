package org.kinspect.eval;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of a labelled data set: the model's inputs for some consecutive examples, their labels,
 * and optionally predictions saved from Keras for them.
 *
 * <pre>{@code
 * LabelledBatch batch = new LabelledBatch(Map.of("signal", x), y, null);
 * }</pre>
 *
 * @param inputs each model input's rows, keyed by input name, in Keras's layout
 * @param labels the examples' labels: class indices, one-hot rows, or 0/1 rows for a multi-label model
 * @param reference saved predictions for the same examples, or null
 */
public record LabelledBatch(Map<String, INDArray> inputs, INDArray labels, INDArray reference) {}
