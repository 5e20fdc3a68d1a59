package org.kinspect.eval;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.kinspect.array.NpyRows;
import org.kinspect.batch.NpyBatches;
import org.kinspect.errors.KinspectException;

/**
 * A labelled data set of {@code .npy} files: the inputs, a labels file and, optionally, predictions
 * saved from Keras, read in the same batches of rows, a batch at a time.
 *
 * <pre>{@code
 * try (NpyBatches inputs = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256);
 *         NpyLabelledBatches data = NpyLabelledBatches.open(inputs, Path.of("y.npy"), Path.of("keras_pred.npy"))) {
 *     Evaluation evaluation = Evaluator.of(model).evaluate(data);
 * }
 * }</pre>
 */
public final class NpyLabelledBatches implements Iterable<LabelledBatch>, AutoCloseable {
    private final NpyBatches inputs;
    private final NpyRows labels;
    private final NpyRows reference;

    private NpyLabelledBatches(NpyBatches inputs, NpyRows labels, NpyRows reference) {
        this.inputs = inputs;
        this.labels = labels;
        this.reference = reference;
    }

    /**
     * @param inputs the inputs, batched; not closed by {@link #close}
     * @param labelsFile one label (or row of labels) per example
     * @param referenceFile saved predictions, one row per example, or null
     * @return the labelled batches; close them when done
     * @throws KinspectException when a file cannot be read or holds another number of rows than
     *     there are examples
     */
    public static NpyLabelledBatches open(NpyBatches inputs, Path labelsFile, Path referenceFile) {
        NpyRows labels = NpyRows.open(labelsFile);
        NpyRows reference = null;
        try {
            requireCount(labels, inputs, "labels");
            if (referenceFile != null) {
                reference = NpyRows.open(referenceFile);
                requireCount(reference, inputs, "predictions");
            }
            return new NpyLabelledBatches(inputs, labels, reference);
        } catch (RuntimeException e) {
            labels.close();
            if (reference != null) {
                reference.close();
            }
            throw e;
        }
    }

    private static void requireCount(NpyRows rows, NpyBatches inputs, String what) {
        if (rows.count() != inputs.exampleCount()) {
            throw KinspectException.input(rows.file() + ": holds " + rows.count() + " " + what + " but the inputs hold "
                    + inputs.exampleCount() + " examples; give one per example, in the same order");
        }
    }

    /** @return the labels file */
    public Path labelsFile() {
        return labels.file();
    }

    /** @return the labels file's shape, examples first */
    public long[] labelsShape() {
        return labels.header().shape();
    }

    /** @return how many examples */
    public long exampleCount() {
        return inputs.exampleCount();
    }

    @Override
    public Iterator<LabelledBatch> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < inputs.exampleCount();
            }

            @Override
            public LabelledBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long to = Math.min(inputs.exampleCount(), next + inputs.batchSize());
                LabelledBatch batch = new LabelledBatch(inputs.rows(next, to), labels.read(next, to),
                        reference == null ? null : reference.read(next, to));
                next = to;
                return batch;
            }
        };
    }

    /** Closes the labels and reference files (not the inputs). */
    @Override
    public void close() {
        labels.close();
        if (reference != null) {
            reference.close();
        }
    }
}
