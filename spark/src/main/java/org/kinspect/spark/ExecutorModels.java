package org.kinspect.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.apache.spark.SparkFiles;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;

/**
 * The models an executor has imported, kept for the tasks after: a model is imported once per
 * executor slot, not once per task. A DL4J graph runs one batch at a time (its layers hold their
 * inputs), so each running task borrows a copy of its own; an executor running k tasks at once
 * holds at most k copies. Copies are kept by the file's content, not its path: each job ships the
 * model to a new folder, and a JVM running several jobs (tests, a long-lived driver) imports it once.
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
        Queue<InspectedModel> idle = IDLE.computeIfAbsent(contentKey(file), key -> new ConcurrentLinkedQueue<>());
        InspectedModel model = idle.poll();
        if (model == null) {
            model = InspectedModel.open(file);
        }
        R result = action.apply(model);
        // Only a model whose task finished goes back: a failed batch may leave a graph midway.
        idle.offer(model);
        return result;
    }

    /** The file's name, size and CRC-32: the same model shipped again finds its copies. */
    private static String contentKey(Path file) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0;) {
                crc.update(buffer, 0, read);
            }
            return file.getFileName() + ":" + Files.size(file) + ":" + Long.toHexString(crc.getValue());
        } catch (IOException e) {
            throw KinspectException.input(file + ": the model shipped with the job cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
