package org.kinspect.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * A fault on purpose, to check that a task Spark retries still gives the exact answer: with the
 * Spark setting {@value #FAIL_PARTITION} = P, the first attempt of partition P dies after its first
 * batch, as a task on a lost executor would midway. Off unless that setting is given.
 *
 * <pre>{@code
 * SparkSession.builder().master("local[2,3]").config(InjectedFaults.FAIL_PARTITION, "1")...
 * }</pre>
 */
final class InjectedFaults {
    /** The Spark setting naming the partition whose first attempt fails. */
    static final String FAIL_PARTITION = "spark.kinspect.faults.failFirstAttemptOfPartition";

    private InjectedFaults() {}

    /**
     * @param batchesDone how many batches this task has run
     * @throws IllegalStateException when this is the task to fail, after its first batch
     */
    static void afterBatch(long batchesDone) {
        TaskContext task = TaskContext.get();
        SparkEnv environment = SparkEnv.get();
        if (task == null || environment == null || batchesDone != 1 || task.attemptNumber() != 0) {
            return;
        }
        String partition = environment.conf().get(FAIL_PARTITION, "");
        if (partition.equals(Integer.toString(task.partitionId()))) {
            throw new IllegalStateException("fault injected into partition " + partition + " after its first batch");
        }
    }
}
