/**
 * {@code kinspect units} and {@code eval} as Apache Spark jobs, in a Maven module of its own so the
 * CLI jar and the library carry no Spark. {@link org.kinspect.spark.KinspectSpark} implements the
 * CLI's {@code SparkRunner}: the CLI finds it on the class path when {@code --spark MASTER} is given
 * (the launcher adds this module and Spark then), and {@code spark-submit} runs the same code on a
 * cluster from {@code target/kinspect-spark.jar}.
 *
 * <p>A data set is an {@code ExampleSource}: {@code .npy} shards on a shared file system
 * ({@code NpyShardSource}) or Parquet ({@code ParquetSource}). Each task borrows the executor's
 * copy of the model ({@code ExecutorModels}, the model file shipped with the job), streams its
 * partition in batches into the library's accumulators ({@code UnitSurveyPart},
 * {@code EvaluationAccumulator}), numbering examples by their index in the whole data set; the
 * driver merges the parts. No statistic is computed here: the library's accumulators do all of it,
 * so the answer is the single-machine one. A task's kinspect problem (a bad row, named by shard and
 * row) fails the job with that one line ({@code JobFailures}).
 *
 * <p>Depends on {@code org.kinspect} (the library) and {@code org.kinspect.cli} (the interface it
 * implements and the commands it runs under spark-submit); nothing depends on it.
 *
 * <pre>{@code
 * $ kinspect units model.keras --input shards/x --layer lstm_1 --spark local[*] --json
 * }</pre>
 */
package org.kinspect.spark;
