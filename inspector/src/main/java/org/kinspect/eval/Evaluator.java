package org.kinspect.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.batch.BatchForward;
import org.kinspect.batch.BatchListener;
import org.kinspect.batch.NumberedBatch;
import org.kinspect.config.LayerNames;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a labelled data set through a classifier batch by batch and scores it: the confusion matrix,
 * each class's precision, recall, F1 and support, accuracy, macro and weighted F1, calibration, and,
 * when Keras's own predictions are given, how well ours agree with them. Binary (one sigmoid),
 * multi-class (softmax) and multi-label (several sigmoids) outputs are told apart by the output
 * layer's activation. Memory stays flat however many batches there are.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.open(Path.of("sine_lstm.keras"));
 * try (NpyBatches inputs = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256);
 *         NpyLabelledBatches data = NpyLabelledBatches.open(inputs, Path.of("y.npy"), null)) {
 *     Evaluation evaluation = Evaluator.of(model).evaluate(data);
 * }
 * // or any Iterable<LabelledBatch>:
 * Evaluation again = Evaluator.of(model).threshold(0.3).evaluate(List.of(new LabelledBatch(inputs, y, null)));
 * }</pre>
 */
public final class Evaluator {
    /** The sigmoid threshold unless told otherwise. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** How an error message tells the caller to name the output to evaluate (the CLI says {@code --output NAME}). */
    public static final String NAME_THE_OUTPUT = "Evaluator.of(model, outputLayer)";

    /** How an error message tells the caller to say a binary kind (the CLI says {@code --kind binary}). */
    public static final String SAY_BINARY = "Evaluator.kind(OutputKind.BINARY)";

    /** How an error message tells the caller to say a kind of several values (the CLI names its {@code --kind}). */
    public static final String SAY_SEVERAL_VALUES = "Evaluator.kind(OutputKind.MULTI_CLASS or OutputKind.MULTI_LABEL)";

    /** How an error message tells the caller to say any kind (the CLI names its {@code --kind}). */
    public static final String SAY_THE_KIND = "Evaluator.kind(OutputKind.BINARY, MULTI_CLASS or MULTI_LABEL)";

    private final InspectedModel model;
    private final LayerSpec output;
    private final double threshold;
    private final OutputKind kind;

    private Evaluator(InspectedModel model, LayerSpec output, double threshold, OutputKind kind) {
        this.model = model;
        this.output = output;
        this.threshold = threshold;
        this.kind = kind;
    }

    /**
     * @param model a model with one output
     * @return an evaluator of that output
     * @throws KinspectException when the model has several outputs (name one with {@link #of(InspectedModel, String)})
     */
    public static Evaluator of(InspectedModel model) {
        List<String> outputs = ModelInternals.spec(model).outputNames();
        if (outputs.size() != 1) {
            throw KinspectException.input("the model has " + outputs.size() + " outputs (" + String.join(", ", outputs)
                    + "); say which to evaluate with " + NAME_THE_OUTPUT);
        }
        return of(model, outputs.get(0));
    }

    /**
     * @param model the model
     * @param outputLayer the layer whose output to score as the prediction
     * @return an evaluator of that layer
     * @throws KinspectException naming the nearest layers when there is no such layer
     */
    public static Evaluator of(InspectedModel model, String outputLayer) {
        return new Evaluator(model, LayerNames.require(ModelInternals.spec(model), outputLayer), DEFAULT_THRESHOLD, null);
    }

    /**
     * @param probability the probability from which a sigmoid output counts as predicted (binary
     *     and multi-label models); strictly between 0 and 1
     * @return an evaluator with that threshold
     */
    public Evaluator threshold(double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw KinspectException.input("threshold " + probability + " is not a probability strictly between 0 and 1");
        }
        return new Evaluator(model, output, probability, kind);
    }

    /**
     * @param outputKind what the output is, when its activation does not say (logits, a custom layer)
     * @return an evaluator that takes the output as that
     */
    public Evaluator kind(OutputKind outputKind) {
        return new Evaluator(model, output, threshold, outputKind);
    }

    /** @return the layer whose output is scored */
    public String outputLayer() {
        return output.name();
    }

    /**
     * @param batches the labelled batches, examples numbered from 0 in the order they come
     * @return the scores
     */
    public Evaluation evaluate(Iterable<LabelledBatch> batches) {
        return evaluate(batches, BatchListener.NONE, "the labels");
    }

    /**
     * @param batches the labelled batches, examples numbered from 0 in the order they come
     * @param listener told after each batch how many examples are done
     * @param labelSource where the labels come from (a file name), for messages
     * @return the scores
     * @throws KinspectException when there are no examples, the output is not one row of
     *     probabilities per example, or the labels do not fit it
     */
    public Evaluation evaluate(Iterable<LabelledBatch> batches, BatchListener listener, String labelSource) {
        EvaluationAccumulator scores = null;
        BatchForward forward = BatchForward.to(model, output.name());
        for (LabelledBatch batch : batches) {
            INDArray probabilities = forward.run(batch.inputs());
            if (scores == null) {
                scores = accumulator(probabilities, labelSource);
            }
            scores.add(probabilities, batch.labels(), batch.reference());
            listener.examplesDone(scores.examples());
        }
        if (scores == null || scores.examples() == 0) {
            throw KinspectException.input("no examples to evaluate; give a data set with at least one example");
        }
        return scores.result();
    }

    /**
     * Scores one part of a data set (a partition of a cluster job); the parts merged with
     * {@link EvaluationAccumulator#merge} and their {@link EvaluationAccumulator#result()} give
     * the evaluation of the whole, as {@link #evaluate(Iterable)} over all the examples would.
     *
     * <pre>{@code
     * Optional<EvaluationAccumulator> part = Evaluator.of(model).evaluatePart(
     *         List.of(new NumberedBatch<>(new LabelledBatch(inputs, y, null), new long[] {4096, 4097})), "y.npy");
     * }</pre>
     *
     * @param batches labelled batches, each with every example's index in the whole data set
     * @param labelSource where the labels come from, for messages
     * @return the part's scores, or empty when the part has no examples
     * @throws KinspectException when the output is not one row of probabilities per example, or the
     *     labels do not fit it
     */
    public Optional<EvaluationAccumulator> evaluatePart(Iterable<NumberedBatch<LabelledBatch>> batches,
            String labelSource) {
        EvaluationAccumulator scores = null;
        BatchForward forward = BatchForward.to(model, output.name());
        for (NumberedBatch<LabelledBatch> numbered : batches) {
            LabelledBatch batch = numbered.batch();
            INDArray probabilities = forward.run(batch.inputs());
            if (scores == null) {
                scores = accumulator(probabilities, labelSource);
            }
            scores.add(probabilities, batch.labels(), batch.reference(), numbered.exampleIndices());
        }
        return Optional.ofNullable(scores);
    }

    private EvaluationAccumulator accumulator(INDArray probabilities, String labelSource) {
        if (probabilities.rank() != 2) {
            long[] shape = probabilities.shape();
            throw KinspectException.input("layer '" + output.name() + "' outputs shape "
                    + Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length)) + " per example; kinspect eval scores one row"
                    + " of probabilities per example (a sequence of predictions is not supported)");
        }
        long width = probabilities.size(1);
        OutputKind found = kind != null ? kind : OutputKind.of(output, width);
        if (found == OutputKind.BINARY && width != 1) {
            throw KinspectException.input("a binary model has one sigmoid output, but layer '" + output.name() + "' gives "
                    + width + " values per example; use " + SAY_SEVERAL_VALUES);
        }
        if (found != OutputKind.BINARY && width < 2) {
            throw KinspectException.input("layer '" + output.name() + "' gives one value per example: a binary model;"
                    + " use " + SAY_BINARY);
        }
        int classes = found == OutputKind.BINARY ? 2 : Math.toIntExact(width);
        return new EvaluationAccumulator(found, classes, threshold, labelSource);
    }
}
