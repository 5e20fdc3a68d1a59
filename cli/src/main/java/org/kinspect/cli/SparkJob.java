package org.kinspect.cli;

import java.util.Map;

/**
 * A data set to stream through a model with Spark: what {@code --spark MASTER} passes to the Spark
 * module ({@link SparkRunner}).
 *
 * <pre>{@code
 * SparkJob job = new SparkJob("local[*]", "model.keras", Map.of("", "shards/"), 256);
 * }</pre>
 *
 * @param master the Spark master ({@code local[*]}, {@code yarn}, {@code spark://host:7077})
 * @param modelFile the Keras model file, shipped to the executors with the job
 * @param inputs each model input's data, keyed by input name ({@code ""} for the only input of a
 *     single-input model): a {@code .npy} file, a folder of {@code .npy} shards, or Parquet
 * @param batchSize examples run at a time on an executor
 */
public record SparkJob(String master, String modelFile, Map<String, String> inputs, int batchSize) {

    /** Copies the map so the record stays immutable. */
    public SparkJob {
        inputs = Map.copyOf(inputs);
    }
}
