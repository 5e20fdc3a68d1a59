package org.kinspect.units;

import java.util.Arrays;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.batch.BatchForward;
import org.kinspect.batch.BatchListener;
import org.kinspect.batch.NumberedBatch;
import org.kinspect.config.DataFormats;
import org.kinspect.config.LayerNames;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a data set through a model batch by batch and surveys one layer's units: per-unit mean,
 * std, min, max and zero fraction, the dead units, and the examples that excite each unit most
 * (with the time step of the peak for a sequence). Each batch is run only as far as the layer and
 * then dropped, so memory stays flat however many batches there are.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.open(Path.of("sine_lstm.keras"));
 * try (NpyBatches data = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256)) {
 *     UnitSurvey survey = UnitSurveyor.of(model, "lstm_1").top(9).survey(data);
 * }
 * // any Iterable of batches works, e.g. arrays already in memory:
 * UnitSurvey survey = UnitSurveyor.of(model, "dense_1")
 *         .survey(InputBatches.slices(Map.of("signal", x), 256));
 * }</pre>
 *
 * <p>Units are the layer's channel axis in Keras's layout: the last axis, or the first after the
 * batch for a {@code channels_first} convolution. The axes in between are positions (time steps,
 * pixels): a unit's top examples are ranked by their largest value over positions.
 */
public final class UnitSurveyor {
    /** How many top examples per unit unless told otherwise. */
    public static final int DEFAULT_TOP = 9;

    private final InspectedModel model;
    private final LayerSpec layer;
    private final boolean channelsFirst;
    private final int topCount;

    private UnitSurveyor(InspectedModel model, LayerSpec layer, boolean channelsFirst, int topCount) {
        this.model = model;
        this.layer = layer;
        this.channelsFirst = channelsFirst;
        this.topCount = topCount;
    }

    /**
     * @param model the model
     * @param layerName the layer to survey
     * @return a surveyor keeping the {@value #DEFAULT_TOP} top examples per unit
     * @throws KinspectException naming the nearest layers when the model has no such layer
     */
    public static UnitSurveyor of(InspectedModel model, String layerName) {
        LayerSpec layer = LayerNames.require(ModelInternals.spec(model), layerName);
        boolean channelsFirst = DataFormats.channelsFirstByLayer(ModelInternals.spec(model)).getOrDefault(layerName, false);
        return new UnitSurveyor(model, layer, channelsFirst, DEFAULT_TOP);
    }

    /**
     * @param count how many top examples to keep per unit; 0 for none
     * @return a surveyor that keeps that many
     */
    public UnitSurveyor top(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("top " + count + " is negative");
        }
        return new UnitSurveyor(model, layer, channelsFirst, count);
    }

    /**
     * @param batches batches of consecutive examples, each mapping every model input's name to its
     *     rows (batch first, Keras's layout); examples are numbered from 0 in the order they come
     * @return the survey
     * @throws KinspectException when there are no examples, or an input is missing or of the wrong shape
     */
    public UnitSurvey survey(Iterable<Map<String, INDArray>> batches) {
        return survey(batches, BatchListener.NONE);
    }

    /**
     * @param batches as for {@link #survey(Iterable)}
     * @param listener told after each batch how many examples are done
     * @return the survey
     * @throws KinspectException when there are no examples, or an input is missing or of the wrong shape
     */
    public UnitSurvey survey(Iterable<Map<String, INDArray>> batches, BatchListener listener) {
        UnitSurveyPart part = new UnitSurveyPart(layer.name(), layer.className());
        BatchForward forward = BatchForward.to(model, layer.name());
        for (Map<String, INDArray> batch : batches) {
            add(part, forward.run(batch), null);
            listener.examplesDone(part.examples());
        }
        return part.survey();
    }

    /**
     * Surveys one part of a data set (a partition of a cluster job); the parts merged with
     * {@link UnitSurveyPart#merge} give the survey of the whole, as {@link #survey(Iterable)} over
     * all the examples would.
     *
     * <pre>{@code
     * UnitSurveyPart part = UnitSurveyor.of(model, "dense_1").top(9)
     *         .surveyPart(List.of(new NumberedBatch<>(Map.of("signal", x), new long[] {4096, 4097})));
     * }</pre>
     *
     * @param batches batches of examples, each with every example's index in the whole data set
     * @return the part, possibly without examples
     * @throws KinspectException when an input is missing or of the wrong shape
     */
    public UnitSurveyPart surveyPart(Iterable<NumberedBatch<Map<String, INDArray>>> batches) {
        UnitSurveyPart part = new UnitSurveyPart(layer.name(), layer.className());
        BatchForward forward = BatchForward.to(model, layer.name());
        for (NumberedBatch<Map<String, INDArray>> batch : batches) {
            add(part, forward.run(batch.batch()), batch.exampleIndices());
        }
        return part;
    }

    private void add(UnitSurveyPart part, INDArray output, long[] exampleIndices) {
        if (part.accumulator() == null) {
            part.start(exampleShape(output), new UnitAccumulator(unitCount(output), positionShape(output), topCount));
        }
        part.accumulator().add(channelsLast(output), exampleIndices);
    }

    private static long[] exampleShape(INDArray output) {
        long[] shape = output.shape();
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    private int unitCount(INDArray output) {
        return UnitAxis.of(channelsFirst).unitCount(output);
    }

    private long[] positionShape(INDArray output) {
        long[] shape = channelsLast(output).shape();
        return Arrays.copyOfRange(shape, 1, Math.max(1, shape.length - 1));
    }

    /** The output as (batch, positions..., units). */
    private INDArray channelsLast(INDArray output) {
        return UnitAxis.of(channelsFirst).channelsLast(output);
    }
}
