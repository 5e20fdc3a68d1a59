package org.kinspect.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A data set as a cluster holds it, split into partitions that tasks read on their own: folders
 * of {@code .npy} shards ({@link NpyShardSource}) or Parquet ({@link ParquetSource}). Each example
 * keeps its index in the whole data set, so the parts merged name the examples one pass would.
 *
 * <pre>{@code
 * List<UnitSurveyPart> parts = source.run(session, "model.keras", work);   // one per partition, in order
 * }</pre>
 */
interface ExampleSource extends Serializable {

    /**
     * Runs the work on every partition and collects the parts, in partition order.
     *
     * @param <R> the part
     * @param session the Spark session
     * @param modelFileName the model's file name, as shipped with the job ({@code SparkContext.addFile})
     * @param work what a task does with its partition
     * @return one part per partition that held examples
     * @throws org.kinspect.errors.KinspectException the first partition's problem (a bad row), when one met a problem
     */
    <R extends Serializable> List<R> run(SparkSession session, String modelFileName, PartitionWork<R> work);

    /** @return how many examples, when known before the job runs; -1 otherwise */
    long exampleCount();
}
