package org.kinspect.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.batch.NpyBatches;
import org.kinspect.errors.KinspectException;

/**
 * The {@code --input} files of a command that streams a whole data set ({@code units}, {@code eval}):
 * checked cheaply before the model is imported, then opened as {@link NpyBatches} matched to the
 * model's inputs, with the shapes checked before the first batch runs.
 *
 * <pre>{@code
 * DataSetFiles.checkReadable(inputs);                       // before the slow import
 * try (NpyBatches data = DataSetFiles.open(inputs, model, 256)) { ... }
 * }</pre>
 */
final class DataSetFiles {

    private DataSetFiles() {}

    /**
     * Reads each file's header, so a missing, damaged or non-numeric file fails at once.
     *
     * @param files the files
     * @throws KinspectException when one cannot be read
     */
    static void checkReadable(List<Path> files) {
        for (Path file : files) {
            NpyFile.readHeader(file);
        }
    }

    /**
     * @param inputs the {@code --input} arguments
     * @param model the model
     * @param batchSize examples per batch
     * @return the data set, batched; close it when done
     * @throws KinspectException when an input is missing, unknown, given twice, empty, of the wrong
     *     shape, or the files disagree on the number of examples
     */
    static NpyBatches open(List<InputArgument> inputs, InspectedModel model, int batchSize) {
        return open(inputs, model, model.inputNames(), batchSize);
    }

    /**
     * @param inputs the {@code --input} arguments
     * @param model the model
     * @param required the model inputs that must be given: those the layers surveyed read
     * @param batchSize examples per batch
     * @return the data set, batched; close it when done
     * @throws KinspectException as {@link #open(List, InspectedModel, int)}
     */
    static NpyBatches open(List<InputArgument> inputs, InspectedModel model, Collection<String> required,
            int batchSize) {
        Map<String, Path> files = new LinkedHashMap<>();
        InputFiles.byModelInput(inputs, model.inputNames(), required).forEach((name, argument) -> files.put(name, argument.file()));
        NpyBatches data = NpyBatches.open(files, batchSize);
        try {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                checkShape(model, file.getKey(), file.getValue(), data.exampleShape(file.getKey()));
            }
            if (data.exampleCount() == 0) {
                Path first = files.values().iterator().next();
                throw KinspectException.input(first + ": holds no examples (its first dimension is 0); give at least one");
            }
            return data;
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    private static void checkShape(InspectedModel model, String input, Path file, long[] exampleShape) {
        long[] expected = model.expectedInputShape(input);
        if (expected == null) {
            return;
        }
        boolean fits = expected.length == exampleShape.length + 1;
        for (int axis = 1; fits && axis < expected.length; axis++) {
            fits = expected[axis] < 0 || expected[axis] == exampleShape[axis - 1];
        }
        if (!fits) {
            List<String> wanted = new ArrayList<>();
            for (int axis = 1; axis < expected.length; axis++) {
                wanted.add(expected[axis] < 0 ? "any" : Long.toString(expected[axis]));
            }
            long[] fileShape = NpyFile.readHeader(file).shape();
            throw KinspectException.input(file + ": shape " + Formats.shape(fileShape) + " holds examples of shape "
                    + Formats.shape(exampleShape) + ", but model input '" + input + "' takes examples of shape ("
                    + String.join(", ", wanted) + (wanted.size() == 1 ? ",)" : ")") + "; the first axis is the examples");
        }
    }
}
