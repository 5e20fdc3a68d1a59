package org.kinspect.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.kinspect.InspectedModel;
import org.kinspect.batch.NumberedBatch;
import org.kinspect.cli.SparkJob;
import org.kinspect.cli.SparkRunner;
import org.kinspect.errors.KinspectException;
import org.kinspect.eval.EvaluationAccumulator;
import org.kinspect.eval.Evaluator;
import org.kinspect.eval.LabelledBatch;
import org.kinspect.eval.OutputKind;
import org.kinspect.units.UnitSurvey;
import org.kinspect.units.UnitSurveyPart;
import org.kinspect.units.UnitSurveyor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code kinspect units} and {@code eval} as Spark jobs: the model file is shipped with the job and
 * imported once per executor slot; each task streams its partition through it in batches into the
 * library's own accumulators ({@link UnitSurveyPart}, {@link EvaluationAccumulator}), numbering
 * every example by its index in the whole data set; the driver merges the parts, in partition
 * order, into the answer one machine gives.
 *
 * <pre>{@code
 * SparkJob job = new SparkJob("local[*]", "sine_lstm.keras", Map.of("", "shards/x"), 256);
 * UnitSurvey survey = new KinspectSpark().units(job, "lstm_1", 9);
 * }</pre>
 */
public final class KinspectSpark implements SparkRunner {
    /** The Spark setting for the most rows of a {@code .npy} shard one partition holds. */
    public static final String PARTITION_ROWS = "spark.kinspect.partitionRows";

    private static final long DEFAULT_PARTITION_ROWS = 65_536;

    /** Quiet before the model import on the driver, which may start the logging Spark shares. */
    public KinspectSpark() {
        SparkSessions.quietLog();
    }

    @Override
    public UnitSurvey units(SparkJob job, String layer, int top) {
        InspectedModel model = openOnDriver(job);
        model.requireLayer(layer);
        DataSet data = new DataSet(job, model, null, null);
        try (SparkSessions.Session session = SparkSessions.start(job.master(), "kinspect units " + layer)) {
            ExampleSource source = data.source(session.spark());
            String modelName = session.ship(job.modelFile());
            PartitionWork<UnitSurveyPart> work = (executorModel, batches) -> UnitSurveyor.of(executorModel, layer)
                    .top(top).surveyPart(inputsOf(batches));
            List<UnitSurveyPart> parts = runJob(source, session, modelName, work);
            if (parts.isEmpty()) {
                throw KinspectException.input("no examples to survey layer '" + layer + "' with; give a data set with at"
                        + " least one example");
            }
            UnitSurveyPart whole = parts.get(0);
            parts.subList(1, parts.size()).forEach(whole::merge);
            return whole.survey();
        }
    }

    @Override
    public Scored evaluate(SparkJob job, String labels, String reference, String outputLayer, String kind,
            double threshold) {
        InspectedModel model = openOnDriver(job);
        Evaluator evaluator = evaluator(model, outputLayer, kind, threshold);
        DataSet data = new DataSet(job, model, labels, reference);
        try (SparkSessions.Session session = SparkSessions.start(job.master(), "kinspect eval " + evaluator.outputLayer())) {
            ExampleSource source = data.source(session.spark());
            String modelName = session.ship(job.modelFile());
            String scored = evaluator.outputLayer();
            PartitionWork<EvaluationAccumulator> work = (executorModel, batches) ->
                    evaluator(executorModel, scored, kind, threshold).evaluatePart(batches, labels).orElse(null);
            List<EvaluationAccumulator> parts = runJob(source, session, modelName, work);
            parts.removeIf(java.util.Objects::isNull);
            if (parts.isEmpty()) {
                throw KinspectException.input("no examples to evaluate; give a data set with at least one example");
            }
            EvaluationAccumulator whole = parts.get(0);
            parts.subList(1, parts.size()).forEach(whole::merge);
            return new Scored(scored, whole.result());
        }
    }

    private static Evaluator evaluator(InspectedModel model, String outputLayer, String kind, double threshold) {
        Evaluator evaluator = outputLayer == null ? Evaluator.of(model) : Evaluator.of(model, outputLayer);
        evaluator = evaluator.threshold(threshold);
        return kind == null ? evaluator : evaluator.kind(OutputKind.parse(kind));
    }

    private static <R extends Serializable> List<R> runJob(ExampleSource source, SparkSessions.Session session,
            String modelName, PartitionWork<R> work) {
        try {
            return new ArrayList<>(source.run(session.spark(), modelName, work));
        } catch (KinspectException e) {
            throw e;
        } catch (Exception e) {  // SparkException is checked, but Scala throws it undeclared
            throw JobFailures.oneLine(e);
        }
    }

    /** The model on the driver: its input names and shapes, the layer checked before any task runs. */
    private static InspectedModel openOnDriver(SparkJob job) {
        return InspectedModel.open(Path.of(job.modelFile()));
    }

    private static Iterable<NumberedBatch<Map<String, INDArray>>> inputsOf(Iterable<NumberedBatch<LabelledBatch>> batches) {
        return () -> {
            var iterator = batches.iterator();
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public NumberedBatch<Map<String, INDArray>> next() {
                    NumberedBatch<LabelledBatch> next = iterator.next();
                    return new NumberedBatch<>(next.batch().inputs(), next.exampleIndices());
                }
            };
        };
    }

    /**
     * The data set: Parquet when the inputs are Parquet, else .npy shards. Shards are listed and
     * checked before Spark starts (a missing or truncated shard fails at once); Parquet's schema is
     * read through the session.
     */
    private static final class DataSet {
        private final SparkJob job;
        private final InspectedModel model;
        private final Map<String, String> inputs;
        private final String labels;
        private final String reference;
        private final NpyShardSource shards;

        DataSet(SparkJob job, InspectedModel model, String labels, String reference) {
            this.job = job;
            this.model = model;
            this.inputs = byModelInput(job.inputs(), model.inputNames());
            this.labels = labels;
            this.reference = reference;
            this.shards = parquet() ? null : planShards();
        }

        private boolean parquet() {
            return inputs.values().stream().anyMatch(KinspectSpark::isParquet);
        }

        private NpyShardSource planShards() {
            long rows = new SparkConf().getLong(PARTITION_ROWS, DEFAULT_PARTITION_ROWS);
            for (Map.Entry<String, String> input : inputs.entrySet()) {
                checkShards(model, input.getKey(), NpyShardSource.shards(input.getValue()));
            }
            return NpyShardSource.plan(inputs, labels, reference, job.batchSize(), Math.max(1, rows));
        }

        ExampleSource source(SparkSession spark) {
            if (shards != null) {
                return shards;
            }
            List<String> locations = new ArrayList<>(inputs.values());
            if (locations.stream().distinct().count() != 1) {
                throw KinspectException.input("Parquet inputs must all be the same data set (one column per model input):"
                        + " give every --input the same Parquet location");
            }
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (String input : inputs.keySet()) {
                shapes.put(input, fixedExampleShape(model, input));
            }
            return ParquetSource.plan(spark, ClusterPaths.uri(locations.get(0)), shapes, labels, reference, job.batchSize());
        }
    }

    /** The --input arguments by model input: a bare one is the only input's. */
    private static Map<String, String> byModelInput(Map<String, String> given, List<String> modelInputs) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (given.size() == 1 && given.containsKey("")) {
            if (modelInputs.size() != 1) {
                throw KinspectException.input("the model has " + modelInputs.size() + " inputs (" + String.join(", ", modelInputs)
                        + "); give each as --input NAME=LOCATION");
            }
            inputs.put(modelInputs.get(0), given.get(""));
            return inputs;
        }
        for (String input : modelInputs) {
            String location = given.get(input);
            if (location == null) {
                throw KinspectException.input("no --input for model input '" + input + "'; give --input " + input
                        + "=LOCATION (inputs: " + String.join(", ", modelInputs) + ")");
            }
            inputs.put(input, location);
        }
        for (String name : given.keySet()) {
            if (!inputs.containsKey(name)) {
                throw KinspectException.input("the model has no input '" + name + "' (inputs: " + String.join(", ", modelInputs) + ")");
            }
        }
        return inputs;
    }

    static boolean isParquet(String location) {
        if (location.endsWith(".parquet") || ClusterPaths.isRemote(location)) {
            return true;
        }
        Path path = Path.of(location);
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long[] fixedExampleShape(InspectedModel model, String input) {
        long[] expected = model.expectedInputShape(input);
        long[] shape = expected == null ? null : Arrays.copyOfRange(expected, 1, expected.length);
        if (shape == null || Arrays.stream(shape).anyMatch(size -> size < 0)) {
            throw KinspectException.input("model input '" + input + "' takes examples of shape "
                    + (shape == null ? "?" : Arrays.toString(shape)) + " with a free axis; Parquet rows are flat arrays,"
                    + " so give .npy shards for this model");
        }
        return shape;
    }

    private static void checkShards(InspectedModel model, String input, List<Path> shards) {
        long[] expected = model.expectedInputShape(input);
        if (expected == null) {
            return;
        }
        for (Path shard : shards) {
            long[] shape = org.kinspect.array.NpyFile.readHeader(shard).shape();
            boolean fits = expected.length == shape.length;
            for (int axis = 1; fits && axis < expected.length; axis++) {
                fits = expected[axis] < 0 || expected[axis] == shape[axis];
            }
            if (!fits) {
                throw KinspectException.input(shard + ": shape " + Arrays.toString(shape) + " does not fit model input '"
                        + input + "', which takes " + Arrays.toString(expected) + " (-1: any); the first axis is the examples");
            }
        }
    }
}
