package org.kinspect.batch;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Walks rows [0, count) in consecutive ranges of a batch size, whatever holds the rows. */
final class RowRanges {

    private RowRanges() {}

    /**
     * @param count how many rows there are
     * @param batchSize how many rows each batch holds (the last may hold fewer)
     * @param rows the batch of rows [from, to), keyed by input name
     * @return the batches in order, each made when it is reached
     */
    static Iterator<Map<String, INDArray>> iterator(long count, int batchSize,
            BiFunction<Long, Long, Map<String, INDArray>> rows) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Map<String, INDArray> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long to = Math.min(count, next + batchSize);
                Map<String, INDArray> batch = rows.apply(next, to);
                next = to;
                return batch;
            }
        };
    }
}
