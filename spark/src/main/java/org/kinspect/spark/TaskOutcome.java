package org.kinspect.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.kinspect.errors.KinspectException;

/**
 * What a task hands back: its part, or the kinspect problem it met (a bad row, a shard that cannot
 * be read). A problem in the data comes back as a result, not as a task failure: it would fail
 * again on every retry, and Spark's wrapping would lose its kind (the exit code). Anything else (an
 * executor lost, a fault) still fails the task, and Spark retries it.
 *
 * <pre>{@code
 * TaskOutcome<UnitSurveyPart> outcome = TaskOutcome.of(() -> work.run(model, batches));
 * List<UnitSurveyPart> parts = TaskOutcome.partsOrFirstProblem(outcomes);
 * }</pre>
 *
 * @param <R> the part
 * @param part the part, or null when there was a problem (or the partition held no examples)
 * @param problem the problem's kind, or null
 * @param message the problem's one line, or null
 */
record TaskOutcome<R extends Serializable>(R part, KinspectException.Problem problem, String message)
        implements Serializable {

    /**
     * @param <R> the part
     * @param task the task's work
     * @return its part, or the kinspect problem it threw
     */
    static <R extends Serializable> TaskOutcome<R> of(Supplier<R> task) {
        try {
            return new TaskOutcome<>(task.get(), null, null);
        } catch (KinspectException e) {
            return new TaskOutcome<>(null, e.problem(), e.getMessage());
        }
    }

    /**
     * @param <R> the part
     * @param outcomes every task's outcome, in partition order
     * @return the parts, in partition order, without the empty ones
     * @throws KinspectException the first partition's problem, when one met a problem
     */
    static <R extends Serializable> List<R> partsOrFirstProblem(List<TaskOutcome<R>> outcomes) {
        List<R> parts = new ArrayList<>();
        for (TaskOutcome<R> outcome : outcomes) {
            if (outcome.problem() != null) {
                throw KinspectException.of(outcome.problem(), outcome.message(), null);
            }
            if (outcome.part() != null) {
                parts.add(outcome.part());
            }
        }
        return parts;
    }
}
