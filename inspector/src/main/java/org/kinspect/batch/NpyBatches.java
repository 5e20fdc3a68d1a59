package org.kinspect.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.array.NpyRows;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data set of {@code .npy} files, one per model input, read in batches of rows: each batch maps
 * input names to that input's rows {@code [from, from + batchSize)}. Files are read a batch at a
 * time (see {@link NpyRows}), so memory stays flat however many examples the files hold.
 *
 * <pre>{@code
 * try (NpyBatches data = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256)) {
 *     for (Map<String, INDArray> batch : data) {
 *         INDArray out = model.activation("lstm_1", batch);
 *     }
 *     Map<String, INDArray> example17 = data.rows(17, 18);   // random access too
 * }
 * }</pre>
 */
public final class NpyBatches implements Iterable<Map<String, INDArray>>, AutoCloseable {
    private final Map<String, NpyRows> files;
    private final int batchSize;
    private final long count;

    private NpyBatches(Map<String, NpyRows> files, int batchSize, long count) {
        this.files = files;
        this.batchSize = batchSize;
        this.count = count;
    }

    /**
     * Opens the files and checks that they hold the same number of examples.
     *
     * @param filesByInput one {@code .npy} file per model input, keyed by input name
     * @param batchSize how many examples each batch holds (the last may hold fewer)
     * @return the batches; close them when done
     * @throws KinspectException when a file cannot be read or the files disagree on the number of
     *     examples
     * @throws IllegalArgumentException when the batch size is not positive or no file is given
     */
    public static NpyBatches open(Map<String, Path> filesByInput, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not positive");
        }
        if (filesByInput.isEmpty()) {
            throw new IllegalArgumentException("no input files");
        }
        Map<String, NpyRows> opened = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> file : filesByInput.entrySet()) {
                opened.put(file.getKey(), NpyRows.open(file.getValue()));
            }
            long count = sameCount(opened);
            return new NpyBatches(opened, batchSize, count);
        } catch (RuntimeException e) {
            opened.values().forEach(NpyRows::close);
            throw e;
        }
    }

    private static long sameCount(Map<String, NpyRows> files) {
        NpyRows first = null;
        String firstName = null;
        for (Map.Entry<String, NpyRows> file : files.entrySet()) {
            if (first == null) {
                first = file.getValue();
                firstName = file.getKey();
            } else if (file.getValue().count() != first.count()) {
                throw KinspectException.input("the inputs disagree on the number of examples: '" + firstName + "' ("
                        + first.file().getFileName() + ") has " + first.count() + ", '" + file.getKey() + "' ("
                        + file.getValue().file().getFileName() + ") has " + file.getValue().count()
                        + "; give every input the same first dimension");
            }
        }
        return first.count();
    }

    /** @return how many examples the files hold */
    public long exampleCount() {
        return count;
    }

    /** @return how many examples a batch holds (the last may hold fewer) */
    public int batchSize() {
        return batchSize;
    }

    /** @return how many batches a pass reads */
    public long batchCount() {
        return (count + batchSize - 1) / batchSize;
    }

    /** @return the input names, in the order given */
    public List<String> inputNames() {
        return new ArrayList<>(files.keySet());
    }

    /**
     * @param input an input name
     * @return the shape of one example of that input (its file's shape without the first axis)
     */
    public long[] exampleShape(String input) {
        NpyRows rows = files.get(input);
        if (rows == null) {
            throw new IllegalArgumentException("no input named '" + input + "'");
        }
        return rows.rowShape();
    }

    /**
     * @param from the first example
     * @param to one past the last example
     * @return the examples {@code [from, to)} of every input, keyed by input name
     */
    public Map<String, INDArray> rows(long from, long to) {
        Map<String, INDArray> batch = new LinkedHashMap<>();
        files.forEach((name, rows) -> batch.put(name, rows.read(from, to)));
        return batch;
    }

    /** @return the batches in order, each read when it is reached */
    @Override
    public Iterator<Map<String, INDArray>> iterator() {
        return RowRanges.iterator(count, batchSize, this::rows);
    }

    /** Closes every file. */
    @Override
    public void close() {
        files.values().forEach(NpyRows::close);
    }
}
