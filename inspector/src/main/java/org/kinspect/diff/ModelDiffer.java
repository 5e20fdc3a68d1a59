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
import org.kinspect.config.LayerNames;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the same data set through two models with the same layer names (a retrained or fine-tuned
 * copy, a {@code .h5} and its {@code .keras}, a model and its conversion) batch by batch and says
 * where they part ways: per layer the difference of their outputs ({@link LayerDifference}), the
 * relative change of its weights, and the first layer, in model A's order, whose output differs
 * beyond a tolerance. Layers are matched by name and output shape; the others are listed as
 * unmatched. Memory stays flat however many batches there are ({@link ModelComparison}).
 *
 * <pre>{@code
 * InspectedModel a = InspectedModel.open(Path.of("sine_lstm.keras"));
 * InspectedModel b = InspectedModel.open(Path.of("sine_lstm_finetuned.keras"));
 * try (NpyBatches data = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256)) {
 *     ModelDifference difference = ModelDiffer.of(a, b).tolerance(1e-4).compare(data);
 *     difference.firstDivergentLayer();   // Optional[lstm_1]
 * }
 * }</pre>
 */
public final class ModelDiffer {
    private final InspectedModel modelA;
    private final InspectedModel modelB;
    private final List<String> wanted;
    private final double tolerance;

    private ModelDiffer(InspectedModel modelA, InspectedModel modelB, List<String> wanted, double tolerance) {
        this.modelA = modelA;
        this.modelB = modelB;
        this.wanted = wanted;
        this.tolerance = tolerance;
    }

    /**
     * @param modelA the reference model
     * @param modelB the model compared with it
     * @return a differ of every layer they share, with tolerance {@value ModelComparison#DEFAULT_TOLERANCE}
     */
    public static ModelDiffer of(InspectedModel modelA, InspectedModel modelB) {
        return new ModelDiffer(modelA, modelB, List.of(), ModelComparison.DEFAULT_TOLERANCE);
    }

    /**
     * @param layers the layers to compare (by name, in both models); empty for every shared layer
     * @return a differ of those
     * @throws KinspectException naming the nearest layers when model A has no such layer
     */
    public ModelDiffer layers(Collection<String> layers) {
        for (String layer : layers) {
            LayerNames.require(ModelInternals.spec(modelA), layer);
        }
        return new ModelDiffer(modelA, modelB, List.copyOf(layers), tolerance);
    }

    /**
     * @param tolerance a layer diverges when its max relative difference
     *     {@code |b - a| / max(1, |a|)} is above it
     * @return a differ with that tolerance
     */
    public ModelDiffer tolerance(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " is not a number 0 or more");
        }
        return new ModelDiffer(modelA, modelB, wanted, tolerance);
    }

    /** @see #compare(Iterable, BatchListener) */
    public ModelDifference compare(Iterable<Map<String, INDArray>> batches) {
        return compare(batches, BatchListener.NONE);
    }

    /**
     * @param batches the examples, each batch mapping model A's input names to rows (Keras's
     *     layout); model B gets the same rows under its own input names, matched by name, or by
     *     position when the names differ
     * @param listener told after each batch how many examples are done
     * @return the difference
     * @throws KinspectException when there are no examples, no layer to compare, or the inputs do
     *     not fit a model
     */
    public ModelDifference compare(Iterable<Map<String, INDArray>> batches, BatchListener listener) {
        LayerMatch match = LayerMatch.of(modelA, modelB, wanted);
        if (match.candidates().isEmpty()) {
            throw KinspectException.input("the models share no layer name to compare" + unmatchedHint(match.unmatched()));
        }
        BatchForward forwardA = BatchForward.to(modelA, match.candidates());
        BatchForward forwardB = BatchForward.to(modelB, match.candidates());
        ModelComparison comparison = null;
        List<UnmatchedLayer> unmatched = new ArrayList<>(match.unmatched());
        for (Map<String, INDArray> batch : batches) {
            Map<String, INDArray> outputsA = forwardA.runLayers(batch);
            Map<String, INDArray> outputsB = forwardB.runLayers(inputsOfB(batch));
            if (comparison == null) {
                List<String> compared = match.sameShapes(outputsA, outputsB, unmatched);
                if (compared.isEmpty()) {
                    throw KinspectException.input("no layer of the same name has the same output shape in both models"
                            + unmatchedHint(unmatched));
                }
                comparison = new ModelComparison(compared, WeightChange.of(modelA, modelB, compared), tolerance);
            }
            comparison.add(outputsA, outputsB);
            listener.examplesDone(comparison.examples());
        }
        if (comparison == null || comparison.examples() == 0) {
            throw KinspectException.input("no examples to compare the models on; give a data set with at least one example");
        }
        return comparison.result(unmatched);
    }

    private static String unmatchedHint(List<UnmatchedLayer> unmatched) {
        if (unmatched.isEmpty()) {
            return "";
        }
        List<String> shown = unmatched.stream().limit(4).map(l -> l.name() + " (" + l.reason() + ")").toList();
        return ": " + String.join(", ", shown) + (unmatched.size() > 4 ? ", ..." : "")
                + "; compare two versions of the same model";
    }

    /** Model B's inputs: the batch under B's names, matched by name or, for the rest, by position. */
    private Map<String, INDArray> inputsOfB(Map<String, INDArray> batch) {
        List<String> namesA = modelA.inputNames();
        List<String> namesB = modelB.inputNames();
        if (namesB.equals(namesA) || batch.keySet().containsAll(namesB)) {
            return batch;
        }
        if (namesA.size() != namesB.size()) {
            throw KinspectException.input("model A takes " + namesA.size() + " inputs " + namesA + ", model B "
                    + namesB.size() + " " + namesB + "; compare models that take the same inputs");
        }
        Map<String, INDArray> renamed = new LinkedHashMap<>();
        for (int index = 0; index < namesB.size(); index++) {
            INDArray rows = batch.get(namesA.get(index));
            if (rows != null) {
                renamed.put(namesB.get(index), rows);
            }
        }
        return renamed;
    }
}
