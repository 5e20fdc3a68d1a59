package org.kinspect.batch;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.inspect.ActivationProbe;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the batches of a data set, one after another, through a model as far as one layer, for the
 * passes that stream a data set ({@code UnitSurveyor}, {@code Evaluator}).
 *
 * <p>The first batch goes through {@link InspectedModel#activations(Map, java.util.Collection)}:
 * its checks (no empty axis, enough memory) and its time limit, on a thread of its own, catch a
 * model that would hang or cannot fit. Once it has finished, a batch no larger, with examples of
 * the same shapes, cannot do either, so the others run directly on the caller's thread: a thread
 * per batch would cost more than the batch itself for small models (starting ND4J's per-thread
 * state each time halved the throughput on the sample LSTM).
 *
 * <pre>{@code
 * BatchForward forward = BatchForward.to(model, "lstm_1");
 * for (Map<String, INDArray> batch : batches) {
 *     INDArray lstm = forward.run(batch);
 * }
 * }</pre>
 */
public final class BatchForward {
    private final InspectedModel model;
    private final List<String> layers;
    private final ActivationProbe probe;
    private Map<String, long[]> checkedShapes;

    private BatchForward(InspectedModel model, List<String> layers) {
        this.model = model;
        this.layers = layers;
        this.probe = new ActivationProbe(ModelInternals.imported(model));
    }

    /**
     * @param model the model
     * @param layer the layer whose output each batch is run to
     * @return the runner
     */
    public static BatchForward to(InspectedModel model, String layer) {
        return new BatchForward(model, List.of(layer));
    }

    /**
     * For the passes that follow several layers at once ({@code diff}): each batch is run once,
     * as far as the deepest of them.
     *
     * @param model the model
     * @param layers the layers whose outputs each batch is run to
     * @return the runner; {@link #runLayers} gives every layer's output, {@link #run} the first's
     */
    public static BatchForward to(InspectedModel model, Collection<String> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to run to");
        }
        return new BatchForward(model, List.copyOf(layers));
    }

    /**
     * @param batch each model input's rows, keyed by input name, in Keras's layout
     * @return the layer's output for them, in Keras's layout
     */
    public INDArray run(Map<String, INDArray> batch) {
        return runLayers(batch).get(layers.get(0));
    }

    /**
     * @param batch each model input's rows, keyed by input name, in Keras's layout
     * @return the output of each layer given, keyed by layer name, in Keras's layout
     */
    public Map<String, INDArray> runLayers(Map<String, INDArray> batch) {
        if (checkedShapes != null && fitsChecked(batch)) {
            return probe.activations(batch, layers);
        }
        Map<String, INDArray> outputs = model.activations(batch, layers);
        checkedShapes = shapes(batch);
        return outputs;
    }

    /** Whether every input has the shape of the checked batch, or fewer rows. */
    private boolean fitsChecked(Map<String, INDArray> batch) {
        Map<String, long[]> shapes = shapes(batch);
        if (!shapes.keySet().equals(checkedShapes.keySet())) {
            return false;
        }
        for (Map.Entry<String, long[]> input : shapes.entrySet()) {
            long[] shape = input.getValue();
            long[] checked = checkedShapes.get(input.getKey());
            if (shape.length != checked.length || shape.length == 0 || shape[0] > checked[0] || shape[0] < 1
                    || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length),
                            Arrays.copyOfRange(checked, 1, checked.length))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, long[]> shapes(Map<String, INDArray> batch) {
        Map<String, long[]> shapes = new HashMap<>();
        batch.forEach((name, values) -> shapes.put(name, values.shape()));
        return shapes;
    }
}
