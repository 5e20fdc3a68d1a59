package org.kinspect.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.batch.BatchForward;
import org.kinspect.batch.BatchListener;
import org.kinspect.config.DataFormats;
import org.kinspect.config.LayerNames;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.units.UnitAxis;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Streams two data sets through one model batch by batch and says whether the second lights the
 * network up differently from the first (a distribution shift), per layer and unit
 * ({@link DataSetShift}). Three passes, each batch run once as far as the deepest layer surveyed
 * and then dropped: the first set for each unit's range (the bins), the first set again for its
 * histograms, the second set for its histograms; memory stays flat however many examples there are.
 * Units are a layer's channel axis (the last, or the first after the batch for
 * {@code channels_first}); the values at every position (time step, pixel) are pooled.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.open(Path.of("sine_lstm.keras"));
 * try (NpyBatches training = NpyBatches.open(Map.of("signal", Path.of("train.npy")), 256);
 *         NpyBatches incoming = NpyBatches.open(Map.of("signal", Path.of("new.npy")), 256)) {
 *     DataSetShift shift = ShiftSurveyor.of(model).bins(20).survey(training, incoming);
 *     shift.ranked().get(0);   // the layer that moved most
 * }
 * }</pre>
 */
public final class ShiftSurveyor {
    private final InspectedModel model;
    private final List<String> layers;
    private final int bins;

    private ShiftSurveyor(InspectedModel model, List<String> layers, int bins) {
        this.model = model;
        this.layers = layers;
        this.bins = bins;
    }

    /**
     * @param model the model
     * @return a surveyor of every layer with an output of its own (inputs left out), over
     *     {@value ActivationShift#DEFAULT_BINS} bins
     */
    public static ShiftSurveyor of(InspectedModel model) {
        Map<String, ?> vertices = model.graph().getConfiguration().getVertices();
        List<String> layers = new ArrayList<>();
        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            if (!layer.isInput() && vertices.containsKey(layer.name())) {
                layers.add(layer.name());
            }
        }
        return new ShiftSurveyor(model, layers, ActivationShift.DEFAULT_BINS);
    }

    /**
     * @param names the layers to survey
     * @return a surveyor of those
     * @throws KinspectException naming the nearest layers when the model has no such layer
     */
    public ShiftSurveyor layers(Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no layers");
        }
        for (String name : names) {
            LayerNames.require(ModelInternals.spec(model), name);
        }
        return new ShiftSurveyor(model, List.copyOf(names), bins);
    }

    /**
     * @param count equal histogram bins per unit over the first set's range
     * @return a surveyor with that many
     */
    public ShiftSurveyor bins(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("bins " + count + " is not 1 or more");
        }
        return new ShiftSurveyor(model, layers, count);
    }

    /** @return the layers it surveys, in order */
    public List<String> layers() {
        return layers;
    }

    /** @see #survey(Iterable, Iterable, BatchListener) */
    public DataSetShift survey(Iterable<Map<String, INDArray>> first, Iterable<Map<String, INDArray>> second) {
        return survey(first, second, BatchListener.NONE);
    }

    /**
     * @param first the reference data set (the training data, say), read twice
     * @param second the data set compared with it, read once
     * @param listener told after each batch how many examples are done over the three passes:
     *     the first set twice, then the second
     * @return the shift
     * @throws KinspectException when a set has no examples, or an input is missing or of the wrong shape
     */
    public DataSetShift survey(Iterable<Map<String, INDArray>> first, Iterable<Map<String, INDArray>> second,
            BatchListener listener) {
        if (layers.isEmpty()) {
            throw KinspectException.input("the model has no layer with an output of its own to survey");
        }
        Map<String, UnitAxis> axes = new LinkedHashMap<>();
        Map<String, Boolean> channelsFirst = DataFormats.channelsFirstByLayer(ModelInternals.spec(model));
        layers.forEach(layer -> axes.put(layer, UnitAxis.of(channelsFirst.getOrDefault(layer, false))));
        BatchForward forward = BatchForward.to(model, layers);
        long[] done = {0};
        ActivationRanges ranges = new ActivationRanges();
        for (Map<String, INDArray> batch : first) {
            ranges.add(byUnit(forward.runLayers(batch), axes));
            listener.examplesDone(done[0] + ranges.examples());
        }
        if (ranges.examples() == 0) {
            throw KinspectException.input("the first data set has no examples; give at least one");
        }
        done[0] = ranges.examples();
        ActivationShift shift = new ActivationShift(ranges, bins);
        for (Map<String, INDArray> batch : first) {
            shift.addFirst(byUnit(forward.runLayers(batch), axes));
            listener.examplesDone(done[0] + shift.firstExamples());
        }
        done[0] += shift.firstExamples();
        for (Map<String, INDArray> batch : second) {
            shift.addSecond(byUnit(forward.runLayers(batch), axes));
            listener.examplesDone(done[0] + shift.secondExamples());
        }
        if (shift.secondExamples() == 0) {
            throw KinspectException.input("the second data set has no examples; give at least one");
        }
        return shift.result();
    }

    private static Map<String, INDArray> byUnit(Map<String, INDArray> outputs, Map<String, UnitAxis> axes) {
        Map<String, INDArray> byUnit = new LinkedHashMap<>();
        axes.forEach((layer, axis) -> byUnit.put(layer, axis.channelsLast(outputs.get(layer))));
        return byUnit;
    }
}
