package org.kinspect.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.apache.spark.SparkFiles;
import org.kinspect.InspectedModel;

/**
 * The models an executor has imported, kept for the tasks after: a model is imported once per
 * executor slot, not once per task. A DL4J graph runs one batch at a time (its layers hold their
 * inputs), so each running task borrows a copy of its own; an executor running k tasks at once
 * holds at most k copies.
 *
 * <pre>{@code
 * R part = ExecutorModels.withModel("model.keras", model -> work.run(model, batches));
 * }</pre>
 */
final class ExecutorModels {
    private static final Map<String, Queue<InspectedModel>> IDLE = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * @param <R> what the action returns
     * @param modelFileName the model file as shipped with the job
     * @param action what to do with the model
     * @return what the action returned
     */
    static <R> R withModel(String modelFileName, Function<InspectedModel, R> action) {
        Path file = Path.of(SparkFiles.get(modelFileName));
        Queue<InspectedModel> idle = IDLE.computeIfAbsent(file.toAbsolutePath().toString(),
                key -> new ConcurrentLinkedQueue<>());
        InspectedModel model = idle.poll();
        if (model == null) {
            model = InspectedModel.open(file);
        }
        R result = action.apply(model);
        // Only a model whose task finished goes back: a failed batch may leave a graph midway.
        idle.offer(model);
        return result;
    }
}
