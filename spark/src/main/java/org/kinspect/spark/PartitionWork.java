package org.kinspect.spark;

import java.io.Serializable;
import org.kinspect.InspectedModel;
import org.kinspect.batch.NumberedBatch;
import org.kinspect.eval.LabelledBatch;

/**
 * What a task does with its partition: runs the partition's batches through the executor's model
 * and returns the part of the answer they make (a unit survey part, an evaluation part). Shipped
 * to the executors, so serialisable; the model is the executor's own ({@link ExecutorModels}).
 *
 * <pre>{@code
 * PartitionWork<UnitSurveyPart> work = (model, batches) -> UnitSurveyor.of(model, "dense_1").surveyPart(inputsOf(batches));
 * }</pre>
 *
 * @param <R> the part
 */
@FunctionalInterface
interface PartitionWork<R extends Serializable> extends Serializable {

    /**
     * @param model the executor's copy of the model, used by this task alone
     * @param batches the partition's batches, each example numbered by its index in the whole data
     *     set; labels (and reference) only for an evaluation
     * @return the partition's part
     */
    R run(InspectedModel model, Iterable<NumberedBatch<LabelledBatch>> batches);
}
